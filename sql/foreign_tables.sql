-- The foreign-table part of foreign tables (pg_dump.c dumpTableSchema's query for them): the
-- server and the table's options, joined as pg_dump joins them. All server versions >= 13.
SELECT ft.ftrelid::int8 AS rel_oid,
       fs.srvname AS server,
       pg_catalog.array_to_string(ARRAY(
           SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)
           FROM pg_catalog.pg_options_to_table(ft.ftoptions) ORDER BY option_name), E',\n    ') AS options
FROM pg_catalog.pg_foreign_table ft
JOIN pg_catalog.pg_foreign_server fs ON fs.oid = ft.ftserver
ORDER BY ft.ftrelid
