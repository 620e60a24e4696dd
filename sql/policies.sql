-- Row-level security policies of tables outside the system schemas (pg_dump.c getPolicies), with
-- their roles and expressions as pg_dump prints them. All server versions >= 10.
-- $1: the relations whose details are deparsed (NULL: all), as pg_dump reads them only for the
-- tables it dumps or needs (its "interesting" tables); the others' come back NULL.
SELECT pol.oid::int8 AS oid,
       pol.polrelid::int8 AS table_oid,
       pol.polname::text AS name,
       pol.polcmd::text AS command,
       pol.polpermissive AS permissive,
       CASE WHEN pol.polroles = '{0}' THEN NULL
            ELSE pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(rolname) FROM pg_catalog.pg_roles WHERE oid = ANY(pol.polroles)), ', ')
       END AS roles,
       CASE WHEN ($1::int8[] IS NULL OR pol.polrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)) THEN pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) END AS using_expr,
       CASE WHEN ($1::int8[] IS NULL OR pol.polrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)) THEN pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid) END AS check_expr
FROM pg_catalog.pg_policy pol
JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY pol.polrelid, pol.oid
