-- Every comment (pg_dump.c collectComments: one scan of pg_description ordered by classoid,
-- objoid, objsubid), with the catalog named so the engine can attach it to its object.
SELECT COALESCE(c.relname::text, '') AS catalog,
       d.objoid::int8 AS object_oid,
       d.objsubid AS sub_id,
       d.description AS description
FROM pg_catalog.pg_description d
LEFT JOIN pg_catalog.pg_class c ON c.oid = d.classoid
ORDER BY d.classoid, d.objoid, d.objsubid
