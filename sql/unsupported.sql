-- The inventory of objects the native renderer does not write yet: (kind, name, schema oid — 0
-- for objects outside any schema). The engine drops rows outside the dumped schemas; anything
-- left sends the request to pg_dump (auto) or fails it (native), so a dump never silently leaves
-- something out. All server versions >= 13.
WITH ext_members AS (
    -- Objects that belong to an extension: pg_dump dumps the extension, not its members.
    SELECT objid FROM pg_catalog.pg_depend WHERE deptype = 'e'
), user_nsp AS (
    SELECT oid FROM pg_catalog.pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
)
SELECT CASE t.typtype::text WHEN 'b' THEN 'BASE TYPE' WHEN 'c' THEN 'COMPOSITE TYPE' WHEN 'd' THEN 'DOMAIN'
                      WHEN 'r' THEN 'RANGE TYPE' ELSE 'TYPE ' || t.typtype::text END AS kind,
       t.typname::text AS name, t.typnamespace::int8 AS nsp_oid
  FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
  WHERE t.typnamespace IN (SELECT oid FROM user_nsp) AND t.oid NOT IN (SELECT objid FROM ext_members)
    AND t.typtype NOT IN ('e', 'm', 'c', 'd', 'r', 'b') AND NOT (t.typtype = 'p' AND NOT t.typisdefined)
    AND NOT (t.typelem <> 0 AND t.typlen = -1 AND EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
UNION ALL
SELECT 'OPERATOR CLASS', o.opcname::text, o.opcnamespace::int8 FROM pg_catalog.pg_opclass o WHERE o.opcnamespace IN (SELECT oid FROM user_nsp) AND o.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'OPERATOR FAMILY', o.opfname::text, o.opfnamespace::int8 FROM pg_catalog.pg_opfamily o WHERE o.opfnamespace IN (SELECT oid FROM user_nsp) AND o.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'TEXT SEARCH PARSER', p.prsname::text, p.prsnamespace::int8 FROM pg_catalog.pg_ts_parser p WHERE p.prsnamespace IN (SELECT oid FROM user_nsp) AND p.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'TEXT SEARCH TEMPLATE', t.tmplname::text, t.tmplnamespace::int8 FROM pg_catalog.pg_ts_template t WHERE t.tmplnamespace IN (SELECT oid FROM user_nsp) AND t.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'STATISTICS', s.stxname::text, s.stxnamespace::int8 FROM pg_catalog.pg_statistic_ext s WHERE s.stxnamespace IN (SELECT oid FROM user_nsp) AND s.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'p' THEN 'PARTITIONED TABLE'
                      ELSE 'TABLE (' || concat_ws(', ',
                          CASE WHEN c.relispartition THEN 'partition' END,
                          CASE WHEN c.reloftype <> 0 THEN 'typed table' END,
                          CASE WHEN c.relpersistence = 'u' THEN 'unlogged' END,
                          CASE WHEN c.reloptions IS NOT NULL AND c.relkind <> 'v' THEN 'storage parameters' END,
                          CASE WHEN tc.reloptions IS NOT NULL THEN 'TOAST storage parameters' END,
                          CASE WHEN c.reltablespace <> 0 THEN 'tablespace' END,
                          CASE WHEN c.relkind IN ('r', 'm') AND am.amname <> 'heap' THEN 'access method' END,
                          CASE WHEN c.relkind = 'r' AND c.relreplident <> 'd' THEN 'replica identity' END,
                          CASE WHEN c.relkind = 'S' AND c.relpersistence = 'u' THEN 'unlogged sequence' END,
                          CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid) THEN 'inheritance' END,
                          CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                              AND (a.attstattarget >= 0 OR a.attoptions IS NOT NULL OR a.attfdwoptions IS NOT NULL
                                                   OR a.attstorage <> (SELECT t.typstorage FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)
                                                   OR NOT a.attislocal OR a.attgenerated NOT IN ('', 's')))
                               THEN 'column storage, statistics, options or inheritance' END,
                          CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND a.attisdropped) AND false
                               THEN 'dropped columns' END) || ')' END,
       c.relname::text, c.relnamespace::int8
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_class tc ON tc.oid = c.reltoastrelid
  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
  WHERE c.relnamespace IN (SELECT oid FROM user_nsp) AND c.oid NOT IN (SELECT objid FROM ext_members)
    AND (c.relkind IN ('m', 'p') OR c.relispartition OR c.reloftype <> 0 OR c.relpersistence = 'u'
         OR (c.reloptions IS NOT NULL AND c.relkind <> 'v') OR tc.reloptions IS NOT NULL OR c.reltablespace <> 0
         OR (c.relkind IN ('r', 'm') AND am.amname <> 'heap')
         OR (c.relkind = 'r' AND c.relreplident <> 'd')
         OR (c.relkind IN ('r', 'v', 'S', 'p', 'f', 'm') AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid))
         OR (c.relkind IN ('r', 'v', 'p', 'f', 'm') AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                              AND (a.attstattarget >= 0 OR a.attoptions IS NOT NULL OR a.attfdwoptions IS NOT NULL
                                                   OR a.attstorage <> (SELECT t.typstorage FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)
                                                   OR NOT a.attislocal OR a.attgenerated NOT IN ('', 's')))))
UNION ALL
SELECT CASE co.contype WHEN 'x' THEN 'EXCLUSION CONSTRAINT' ELSE 'NOT VALID CONSTRAINT' END,
       co.conname::text, co.connamespace::int8
  FROM pg_catalog.pg_constraint co
  WHERE co.connamespace IN (SELECT oid FROM user_nsp) AND co.conrelid NOT IN (SELECT objid FROM ext_members) AND co.contypid NOT IN (SELECT objid FROM ext_members)
    AND (co.contype = 'x' OR (co.contype IN ('c', 'n') AND NOT co.convalidated))
UNION ALL
SELECT 'INDEX (' || concat_ws(', ', CASE WHEN i.indisclustered THEN 'CLUSTER ON' END,
                              CASE WHEN i.indisreplident THEN 'REPLICA IDENTITY' END,
                              CASE WHEN ic.reltablespace <> 0 THEN 'tablespace' END,
                              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) THEN 'statistics' END) || ')',
       ic.relname::text, ic.relnamespace::int8
  FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  WHERE ic.relnamespace IN (SELECT oid FROM user_nsp) AND i.indrelid NOT IN (SELECT objid FROM ext_members)
    AND (i.indisclustered OR i.indisreplident OR ic.reltablespace <> 0
         OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0))
UNION ALL
SELECT 'TRIGGER (' || CASE WHEN t.tgparentid <> 0 THEN 'on a partition' ELSE 'on ' || c.relkind::text END || ')',
       t.tgname::text, c.relnamespace::int8
  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  WHERE NOT t.tgisinternal AND c.oid NOT IN (SELECT objid FROM ext_members) AND c.relnamespace IN (SELECT oid FROM user_nsp) AND (t.tgparentid <> 0 OR c.relkind NOT IN ('r', 'v'))
UNION ALL
SELECT 'SUBSCRIPTION', s.subname::text, 0 FROM pg_catalog.pg_subscription s
  WHERE s.subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
UNION ALL
SELECT 'TRANSFORM', t.trftype::regtype::text, 0 FROM pg_catalog.pg_transform t WHERE t.oid >= 16384 AND t.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'PROCEDURAL LANGUAGE', l.lanname::text, 0 FROM pg_catalog.pg_language l WHERE l.oid >= 16384 AND l.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'ACCESS METHOD', a.amname::text, 0 FROM pg_catalog.pg_am a WHERE a.oid >= 16384 AND a.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'LARGE OBJECT', m.oid::text, 0 FROM pg_catalog.pg_largeobject_metadata m
UNION ALL
SELECT 'SECURITY LABEL', s.provider || ' on ' || s.classoid::regclass::text || ' ' || s.objoid::text, 0 FROM pg_catalog.pg_seclabel s
ORDER BY 1, 2
