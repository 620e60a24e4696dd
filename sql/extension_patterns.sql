-- The extensions each -e/--exclude-extension pattern matches (pg_dump.c
-- expand_extension_name_patterns), all patterns in one query: $1 holds one regex per pattern
-- (NULL for a lone `*`). Rows: (pattern, 1-based position in $1; oid). All server versions.
SELECT p.pattern AS pattern,
       e.oid::int8 AS oid
FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS p(regex, pattern)
JOIN pg_catalog.pg_extension e
  ON p.regex IS NULL OR e.extname OPERATOR(pg_catalog.~) (p.regex COLLATE pg_catalog.default)
ORDER BY 1, 2
