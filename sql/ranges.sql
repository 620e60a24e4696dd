-- Range types outside the system schemas (pg_dump.c dumpRangeType's query, for all of them at
-- once). The multirange placeholder is format_type(rngmultitypid) on servers >= 14 (multiranges appeared in
-- 14) and NULL before. The collation is given only when it differs from the subtype's.
SELECT r.rngtypid::int8 AS type_oid,
       {multirange} AS multirange,
       pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
       opc.opcname AS opclass_name,
       opcn.nspname AS opclass_nsp,
       opc.opcdefault AS opclass_default,
       CASE WHEN r.rngcollation <> st.typcollation THEN cn.nspname END AS collation_nsp,
       CASE WHEN r.rngcollation <> st.typcollation THEN co.collname END AS collation_name,
       r.rngcanonical::text AS canonical,
       r.rngsubdiff::text AS subdiff
FROM pg_catalog.pg_range r
JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc
JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY r.rngtypid
