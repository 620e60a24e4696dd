-- Definitions of views and materialized views outside the system schemas (pg_get_viewdef under
-- pg_dump's session settings, as dumpTableSchema asks for them), read with the other details
-- once the tables are locked. $1: the relations whose details are deparsed (NULL: all).
SELECT c.oid::int8 AS oid,
       pg_catalog.pg_get_viewdef(c.oid) AS definition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND ($1::int8[] IS NULL OR c.oid IN (SELECT pg_catalog.unnest($1::int8[])::oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY c.oid
