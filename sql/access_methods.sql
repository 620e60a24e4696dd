-- Access methods created after initdb (pg_dump.c getAccessMethods; the built-in ones are never
-- dumped), with the handler as regproc prints it under pg_dump's empty search_path.
SELECT a.oid::int8 AS oid,
       a.amname AS name,
       a.amtype::text AS amtype,
       a.amhandler::pg_catalog.regproc::text AS handler
FROM pg_catalog.pg_am a
WHERE a.oid >= 16384
ORDER BY a.oid
