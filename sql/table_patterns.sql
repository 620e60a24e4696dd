-- The relations each -t/-T/--table-and-children/--exclude-table-and-children pattern matches
-- (pg_dump.c expand_table_name_patterns), all patterns in one query. Per pattern: $1 the schema
-- regex and $2 the name regex (NULL: no condition), $3 whether the relation must be visible in
-- the search_path (a pattern without a schema part; the caller resets search_path first, as
-- pg_dump does), $4 whether inheritance and partition descendants are added. Only the relkinds
-- pg_dump matches. Rows: (pattern, 1-based position; oid), without duplicates per pattern.
-- It runs under the user's search_path, so, like pg_dump's, it names nothing unqualified.
-- All server versions.
WITH RECURSIVE pattern AS (
    SELECT *
    FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.text[]),
                    pg_catalog.unnest($2::pg_catalog.text[]),
                    pg_catalog.unnest($3::pg_catalog.bool[]),
                    pg_catalog.unnest($4::pg_catalog.bool[]))
         WITH ORDINALITY AS p(schema_regex, name_regex, visible_only, with_children, pattern)
), matched (pattern, relid, with_children) AS (
    SELECT p.pattern, c.oid, p.with_children
    FROM pattern p
    JOIN pg_catalog.pg_class c
      ON c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'S', 'v', 'm', 'f', 'p']::pg_catalog."char"[])
    LEFT JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
    WHERE (p.name_regex IS NULL
           OR c.relname OPERATOR(pg_catalog.~) (p.name_regex COLLATE pg_catalog.default))
      AND (p.schema_regex IS NULL
           OR n.nspname OPERATOR(pg_catalog.~) (p.schema_regex COLLATE pg_catalog.default))
      AND (NOT p.visible_only OR pg_catalog.pg_table_is_visible(c.oid))
    UNION
    SELECT m.pattern, i.inhrelid, m.with_children
    FROM matched m
    JOIN pg_catalog.pg_inherits i ON i.inhparent OPERATOR(pg_catalog.=) m.relid
    WHERE m.with_children
)
SELECT pattern AS pattern,
       relid::pg_catalog.int8 AS oid
FROM matched
ORDER BY 1, 2
