-- Indexes of relations outside the system schemas (pg_dump.c getIndexes), with pg_get_indexdef's
-- text and the constraint (if any) each one implements, the partitioned index it is attached to
-- and its per-column statistics targets (ALTER INDEX ... SET STATISTICS). Like pg_dump, invalid
-- indexes are left out except on partitioned tables. $1: the tables whose indexes are read (NULL:
-- all), as pg_dump reads them only for the tables it dumps or needs (its "interesting" tables).
SELECT i.indexrelid::int8 AS oid,
       ic.relname AS name,
       i.indrelid::int8 AS table_oid,
       ic.relnamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
       i.indisclustered AS is_clustered,
       i.indisreplident AS is_replica_identity,
       i.indnkeyatts AS key_count,
       i.indnatts AS column_count,
       COALESCE(ts.spcname::text, '') AS tablespace,
       COALESCE(ic.reloptions, '{}') AS reloptions,
       COALESCE(co.oid, 0)::int8 AS constraint_oid,
       ic.relkind::text AS relkind,
       inh.inhrelid IS NOT NULL AS is_partition_child,
       COALESCE(inh.inhparent, 0)::int8 AS parent_oid,
       COALESCE(st.columns, '{}') AS stat_columns,
       COALESCE(st.targets, '{}') AS stat_values
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace
LEFT JOIN pg_catalog.pg_inherits inh ON inh.inhrelid = i.indexrelid
LEFT JOIN LATERAL (SELECT pg_catalog.array_agg(a.attnum::int4 ORDER BY a.attnum) AS columns,
                          pg_catalog.array_agg(a.attstattarget::int4 ORDER BY a.attnum) AS targets
                   FROM pg_catalog.pg_attribute a
                   WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) st ON true
LEFT JOIN pg_catalog.pg_constraint co ON co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')
WHERE (i.indisvalid OR t.relkind = 'p') AND i.indisready
  AND ($1::int8[] IS NULL OR i.indrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY i.indrelid, ic.relname
