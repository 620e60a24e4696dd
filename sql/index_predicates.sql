-- Predicates of partial indexes that indexes.sql may return as parts (no expressions, no storage
-- parameters, no constraint), from pg_get_expr, which prints them as pg_get_indexdef does. Read
-- on the connection that deparses the tables' CHECK constraints: deparsing an expression opens
-- its table, and opening a table is cheaper for a connection that has opened it before.
-- $1: the tables whose indexes are read (NULL: all).
SELECT i.indexrelid::int8 AS oid,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE i.indpred IS NOT NULL AND i.indexprs IS NULL AND ic.reloptions IS NULL
  AND (i.indisvalid OR t.relkind = 'p') AND i.indisready
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint co
                  WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid
                    AND co.contype IN ('p', 'u', 'x'))
  AND ($1::int8[] IS NULL OR i.indrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY i.indexrelid
