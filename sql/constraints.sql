-- Table and domain constraints outside the system schemas (pg_dump.c getConstraints,
-- getTableAttrs' CHECK and NOT NULL parts, getIndexes' constraint half), with their text from
-- pg_get_constraintdef. NOT NULL constraints ('n') exist in pg_constraint from server 18 on.
-- parent_oid: the constraint of a partitioned table this one was cloned from (pg_dump leaves
-- cloned foreign keys out). {plain_key}, {conperiod} and {nulls_not_distinct} depend on the
-- server version.
-- $1: the relations whose details are deparsed (NULL: all), as pg_dump reads them only for the
-- tables it dumps or needs (its "interesting" tables); the others' come back NULL.
SELECT co.oid::int8 AS oid,
       co.conname AS name,
       co.connamespace::int8 AS nsp_oid,
       co.contype::text AS contype,
       co.conrelid::int8 AS table_oid,
       co.contypid::int8 AS domain_oid,
       co.conindid::int8 AS index_oid,
       co.condeferrable AS deferrable,
       co.condeferred AS deferred,
       co.convalidated AS validated,
       co.conislocal AS is_local,
       co.connoinherit AS no_inherit,
       COALESCE(co.conkey, '{}') AS columns,
       -- A table's valid NOT NULL is printed from its name and column, never from its text;
       -- nor is a plain key (below), printed by the client from its parts.
       CASE WHEN (co.conrelid = 0
                  OR (co.contype <> 'n' OR NOT co.convalidated)
                     AND ($1::int8[] IS NULL OR co.conrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)))
                 AND NOT plain
            THEN pg_catalog.pg_get_constraintdef(co.oid) END AS definition,
       co.conparentid::int8 AS parent_oid,
       -- A plain key is printed by the client: a table's PRIMARY KEY or UNIQUE always (pg_dump
       -- prints those itself, from the index's columns and storage parameters), a FOREIGN KEY
       -- on columns only (no PERIOD, no SET NULL/DEFAULT column list, enforced) as
       -- pg_get_constraintdef does (src/render/constraint_def.rs).
       plain AS is_plain,
       COALESCE(i.indkey::int2[], '{}') AS index_columns,
       COALESCE(i.indnkeyatts, 0)::int2 AS index_key_count,
       COALESCE(ic.reloptions, '{}') AS index_reloptions,
       {conperiod} AS without_overlaps,
       COALESCE(co.confkey, '{}') AS ref_columns,
       co.confrelid::int8 AS ref_table_oid,
       co.confmatchtype::text AS match_type,
       co.confupdtype::text AS on_update,
       co.confdeltype::text AS on_delete,
       COALESCE({nulls_not_distinct}, false) AS nulls_not_distinct
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_namespace n ON n.oid = co.connamespace
LEFT JOIN pg_catalog.pg_index i ON co.contype IN ('p', 'u') AND i.indexrelid = co.conindid
LEFT JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
CROSS JOIN LATERAL (SELECT COALESCE(co.conrelid <> 0
                                    AND (co.contype IN ('p', 'u') AND i.indexrelid IS NOT NULL
                                         OR co.contype = 'f' AND {plain_key}), false) AS plain) k
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
-- (sorted by the client: by table, name and OID)
