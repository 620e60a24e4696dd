-- The schemas each -n/-N pattern matches (pg_dump.c expand_schema_name_patterns), all patterns in
-- one query: $1 holds one regex per pattern (processSQLNamePattern's, NULL for a lone `*`, which
-- matches every schema). Rows: (pattern, 1-based position in $1; oid). All server versions.
SELECT p.pattern AS pattern,
       n.oid::int8 AS oid
FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS p(regex, pattern)
JOIN pg_catalog.pg_namespace n
  ON p.regex IS NULL OR n.nspname OPERATOR(pg_catalog.~) (p.regex COLLATE pg_catalog.default)
ORDER BY 1, 2
