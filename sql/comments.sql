-- Every comment (pg_dump.c collectComments: one scan of pg_description), with the catalog named
-- so the engine can attach it to its object. Unordered: the loader sorts them by catalog name,
-- object and sub-id, the order its lookups need.
SELECT COALESCE(c.relname::text, '') AS catalog,
       d.objoid::int8 AS object_oid,
       d.objsubid AS sub_id,
       d.description AS description
FROM pg_catalog.pg_description d
LEFT JOIN pg_catalog.pg_class c ON c.oid = d.classoid
