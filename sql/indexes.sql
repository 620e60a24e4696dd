-- Indexes of relations outside the system schemas (pg_dump.c getIndexes), with the constraint
-- (if any) each one implements, the partitioned index it is attached to and the per-column
-- statistics targets of its expression columns (ALTER INDEX ... SET STATISTICS; the server
-- refuses them on plain columns). Like pg_dump, invalid indexes are left out except on
-- partitioned tables. $1: the tables whose indexes are read (NULL: all), as pg_dump reads them
-- only for the tables it dumps or needs (its "interesting" tables).
--
-- pg_dump prints pg_get_indexdef's text, the costliest deparsing of a dump. Here the server
-- deparses only what the client cannot print the same way itself (src/render/index_def.rs): a
-- constraint's index needs no text (the constraint's is printed), and a "plain" index — key
-- columns that are table columns with their type's default operator class and collation, no
-- per-column options, ordering only on btree, no storage parameters — comes back as parts: its
-- columns quoted by the server (quote_ident: the server's keyword list, as pg_get_indexdef's);
-- its predicate, if any, is read by index_predicates.sql.
SELECT i.indexrelid::int8 AS oid,
       ic.relname AS name,
       i.indrelid::int8 AS table_oid,
       ic.relnamespace::int8 AS nsp_oid,
       CASE WHEN co.oid IS NULL AND NOT COALESCE(p.plain, false)
            THEN pg_catalog.pg_get_indexdef(i.indexrelid) END AS definition,
       p.plain IS TRUE AS is_plain,
       COALESCE(p.columns, '{}') AS plain_columns,
       CASE WHEN p.plain THEN i.indoption::int2[] ELSE '{}' END AS plain_options,
       CASE WHEN p.plain THEN pg_catalog.quote_ident(ic.relname) END AS plain_name,
       CASE WHEN p.plain
            THEN pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.relname) END AS plain_table,
       CASE WHEN p.plain THEN pg_catalog.quote_ident(am.amname) END AS plain_method,
       p.plain IS TRUE AND i.indpred IS NOT NULL AS plain_partial,
       i.indisunique AS is_unique,
       {nulls_not_distinct} AS nulls_not_distinct,
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
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace
LEFT JOIN pg_catalog.pg_inherits inh ON inh.inhrelid = i.indexrelid
LEFT JOIN LATERAL (SELECT pg_catalog.array_agg(a.attnum::int4 ORDER BY a.attnum) AS columns,
                          pg_catalog.array_agg(a.attstattarget::int4 ORDER BY a.attnum) AS targets
                   FROM pg_catalog.pg_attribute a
                   WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0
                     AND i.indexprs IS NOT NULL) st ON true
LEFT JOIN pg_catalog.pg_constraint co ON co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x')
-- Only for an index printed on its own with no expressions and no storage parameters.
LEFT JOIN LATERAL (
  SELECT pg_catalog.array_agg(pg_catalog.quote_ident(ta.attname) ORDER BY k.n) AS columns,
         pg_catalog.bool_and(k.n > i.indnkeyatts
                             OR oc.opcdefault AND oc.opcintype = ta.atttypid AND tt.typtype <> 'd'
                                AND i.indcollation[k.n - 1] IN (0, ta.attcollation)
                                AND (i.indoption[k.n - 1] = 0 OR am.amname = 'btree')) AS plain
  FROM pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k (attnum, n)
  -- One index probe per key column (OFFSET 0 keeps the planner from turning this into a hash
  -- join that reads every attribute of the table, per index: 15% of this query at 10,000
  -- tables).
  CROSS JOIN LATERAL (SELECT ta.attname, ta.atttypid, ta.attcollation FROM pg_catalog.pg_attribute ta
                      WHERE ta.attrelid = i.indrelid AND ta.attnum = k.attnum OFFSET 0) ta
  JOIN pg_catalog.pg_type tt ON tt.oid = ta.atttypid
  LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[k.n - 1]
  WHERE co.oid IS NULL AND i.indexprs IS NULL AND ic.reloptions IS NULL
    -- per-column operator class options
    AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute ia
                    WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL)) p ON true
WHERE (i.indisvalid OR t.relkind = 'p') AND i.indisready
  AND ($1::int8[] IS NULL OR i.indrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
-- (sorted by the client: a server-side sort of these wide rows spills to disk at 40,000 indexes)
