-- The tables a dump may lock (pg_dump locks plain and partitioned tables), with the same scope
-- as tables.sql. Read before the dump's snapshot exists, so that the locks are held before the
-- snapshot is taken.
SELECT c.oid::int8 AS oid, c.relnamespace::int8 AS nsp_oid, c.relkind::text AS relkind,
       c.relname, n.nspname
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY c.oid
