-- Base types and undefined (shell-only) types outside the system schemas (pg_dump.c
-- dumpBaseType's query, for all of them at once; dumpUndefinedType needs only typisdefined).
-- Functions are regproc text with their OIDs (0: none); the subscript placeholder is typsubscript on servers
-- >= 14 (SUBSCRIPT appeared in 14) and '-' before. The element type comes formatted.
SELECT t.oid::int8 AS type_oid,
       t.typisdefined AS is_defined,
       t.typlen::text AS len,
       t.typinput::text AS input,
       t.typoutput::text AS output,
       t.typreceive::text AS receive,
       t.typreceive::oid::int8 AS receive_oid,
       t.typsend::text AS send,
       t.typsend::oid::int8 AS send_oid,
       t.typmodin::text AS modin,
       t.typmodin::oid::int8 AS modin_oid,
       t.typmodout::text AS modout,
       t.typmodout::oid::int8 AS modout_oid,
       t.typanalyze::text AS analyze,
       t.typanalyze::oid::int8 AS analyze_oid,
       {subscript} AS subscript,
       t.typcategory::text AS category,
       t.typispreferred AS preferred,
       t.typdelim::text AS delim,
       t.typbyval AS byval,
       t.typalign::text AS align,
       t.typstorage::text AS storage,
       (t.typcollation <> 0) AS collatable,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expr,
       t.typdefault AS default_literal,
       CASE WHEN t.typelem <> 0 THEN pg_catalog.format_type(t.typelem, NULL) END AS element
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('b', 'p')
  -- not the auto-generated array types (never printed: pg_dump's DUMMY TYPE objects)
  AND NOT (t.typelem <> 0 AND t.typlen = -1 AND EXISTS (
           SELECT FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY t.oid
