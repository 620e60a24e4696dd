-- The inventory of objects the native renderer does not write yet: (kind, name, schema oid — 0
-- for objects outside any schema, relation oid — the relation a row is or belongs to, 0 for
-- objects that follow their schema). The engine drops rows outside the dump (a relation row
-- whose relation is not dumped, another row whose schema's contents are not); anything left
-- sends the request to pg_dump (auto) or fails it (native), so a dump never silently leaves
-- something out. Two more kinds are found in what other queries read: privileges on system
-- columns (columns.sql) and ALTER ... DEPENDS ON EXTENSION (depend.sql's 'x' rows). All server
-- versions >= 13.
WITH ext_members AS (
    -- Objects that belong to an extension: pg_dump dumps the extension, not its members.
    SELECT objid FROM pg_catalog.pg_depend WHERE deptype = 'e'
), user_nsp AS (
    SELECT oid FROM pg_catalog.pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
)
SELECT CASE t.typtype::text WHEN 'b' THEN 'BASE TYPE' WHEN 'c' THEN 'COMPOSITE TYPE' WHEN 'd' THEN 'DOMAIN'
                      WHEN 'r' THEN 'RANGE TYPE' ELSE 'TYPE ' || t.typtype::text END AS kind,
       t.typname::text AS name, t.typnamespace::int8 AS nsp_oid, 0::int8 AS rel_oid
  FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
  WHERE t.typnamespace IN (SELECT oid FROM user_nsp) AND t.oid NOT IN (SELECT objid FROM ext_members)
    AND t.typtype NOT IN ('e', 'm', 'c', 'd', 'r', 'b') AND NOT (t.typtype = 'p' AND NOT t.typisdefined)
    AND NOT (t.typelem <> 0 AND t.typlen = -1 AND EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid))
UNION ALL
SELECT 'OPERATOR CLASS', o.opcname::text, o.opcnamespace::int8, 0::int8 FROM pg_catalog.pg_opclass o WHERE o.opcnamespace IN (SELECT oid FROM user_nsp) AND o.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'OPERATOR FAMILY', o.opfname::text, o.opfnamespace::int8, 0::int8 FROM pg_catalog.pg_opfamily o WHERE o.opfnamespace IN (SELECT oid FROM user_nsp) AND o.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'TEXT SEARCH PARSER', p.prsname::text, p.prsnamespace::int8, 0::int8 FROM pg_catalog.pg_ts_parser p WHERE p.prsnamespace IN (SELECT oid FROM user_nsp) AND p.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'TEXT SEARCH TEMPLATE', t.tmplname::text, t.tmplnamespace::int8, 0::int8 FROM pg_catalog.pg_ts_template t WHERE t.tmplnamespace IN (SELECT oid FROM user_nsp) AND t.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'TABLE (' || concat_ws(', ',
                          CASE WHEN c.relkind = 'p' AND c.relam <> 0 THEN 'access method' END,
                          CASE WHEN c.relkind = 'S' AND c.reloptions IS NOT NULL THEN 'sequence options' END) || ')',
       c.relname::text, c.relnamespace::int8, c.oid::int8
  FROM pg_catalog.pg_class c
  WHERE c.relnamespace IN (SELECT oid FROM user_nsp) AND c.oid NOT IN (SELECT objid FROM ext_members)
    AND ((c.relkind = 'p' AND c.relam <> 0)
         OR (c.relkind = 'S' AND c.reloptions IS NOT NULL))
UNION ALL
SELECT 'TRIGGER (on ' || c.relkind::text || ')', t.tgname::text, c.relnamespace::int8, c.oid::int8
  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  WHERE NOT t.tgisinternal AND c.oid NOT IN (SELECT objid FROM ext_members) AND c.relnamespace IN (SELECT oid FROM user_nsp) AND c.relkind NOT IN ('r', 'v', 'p')
UNION ALL
-- A foreign table that inherits or is a partition (its INHERITS clause and inherited CHECKs).
SELECT 'FOREIGN TABLE (inheritance)', c.relname::text, c.relnamespace::int8, c.oid::int8
  FROM pg_catalog.pg_class c
  WHERE c.relkind = 'f' AND c.relnamespace IN (SELECT oid FROM user_nsp) AND c.oid NOT IN (SELECT objid FROM ext_members)
    AND EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)
UNION ALL
-- Functions with TRANSFORM FOR TYPE.
SELECT 'FUNCTION (TRANSFORM FOR TYPE)', p.proname::text, p.pronamespace::int8, 0::int8
  FROM pg_catalog.pg_proc p
  WHERE p.protrftypes IS NOT NULL AND p.pronamespace IN (SELECT oid FROM user_nsp) AND p.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'SUBSCRIPTION', s.subname::text, 0, 0 FROM pg_catalog.pg_subscription s
  WHERE s.subdbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
UNION ALL
SELECT 'TRANSFORM', t.trftype::regtype::text, 0, 0 FROM pg_catalog.pg_transform t WHERE t.oid >= 16384 AND t.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'PROCEDURAL LANGUAGE', l.lanname::text, 0, 0 FROM pg_catalog.pg_language l WHERE l.oid >= 16384 AND l.oid NOT IN (SELECT objid FROM ext_members)
UNION ALL
SELECT 'LARGE OBJECT', m.oid::text, 0, 0 FROM pg_catalog.pg_largeobject_metadata m
UNION ALL
SELECT 'SECURITY LABEL', s.provider || ' on ' || s.classoid::regclass::text || ' ' || s.objoid::text, 0,
       CASE WHEN s.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass THEN s.objoid::int8 ELSE 0 END
  FROM pg_catalog.pg_seclabel s
ORDER BY 1, 2
