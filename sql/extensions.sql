-- Installed extensions (pg_dump.c getExtensions), all server versions.
SELECT x.oid::int8 AS oid,
       x.extname::text AS name,
       n.nspname::text AS schema
FROM pg_catalog.pg_extension x
JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
ORDER BY x.oid
