-- Expressions of generated columns (pg_get_expr with their table, as they name its columns;
-- deparsing them opens the table, so this is read on a connection holding the dump's locks).
-- $1: the relations whose details are deparsed (NULL: all).
SELECT ad.adrelid::int8 AS table_oid,
       ad.adnum AS num,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS expr
FROM pg_catalog.pg_attrdef ad
JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
JOIN pg_catalog.pg_class c ON c.oid = ad.adrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE a.attgenerated <> ''
  AND ($1::int8[] IS NULL OR ad.adrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1, 2
