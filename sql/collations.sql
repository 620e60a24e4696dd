-- Collations outside the system schemas (pg_dump.c getCollations + dumpCollation's query).
-- The locale placeholder is colllocale on servers >= 17, colliculocale on 15-16 and NULL before; the ICU rules placeholder
-- is collicurules on servers >= 16 and NULL before.
SELECT c.oid::int8 AS oid,
       c.collname AS name,
       c.collnamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(c.collowner) AS owner,
       c.collencoding AS encoding,
       c.collprovider::text AS provider,
       c.collisdeterministic AS deterministic,
       c.collcollate AS collate,
       c.collctype AS ctype,
       {locale} AS locale,
       {icu_rules} AS icu_rules
FROM pg_catalog.pg_collation c
JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY c.oid
