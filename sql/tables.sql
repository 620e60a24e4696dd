-- Relations outside the system schemas (pg_dump.c getTables): tables, views, sequences and the
-- rest, with what rendering needs: the owning column of serial and identity sequences and
-- sequence parameters (view definitions: view_definitions.sql, read after the locks), the
-- partition key (pg_get_partkeydef, dumpTableSchema) and bound (pg_get_expr, dumpTableAttach),
-- the type of a typed table (format_type, getFormattedTypeName) and the parents of an inheritance
-- child in inhseqno order (getInherits, flagInhTables).
SELECT c.oid::int8 AS oid,
       c.relname AS name,
       pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS quoted_name,
       c.relnamespace::int8 AS nsp_oid,
       c.relkind::text AS relkind,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       c.relacl::text AS acl,
       pg_catalog.acldefault(CASE WHEN c.relkind = 'S' THEN 's'::"char" ELSE 'r'::"char" END, c.relowner)::text AS acl_default,
       pip.initprivs::text AS init_acl,
       c.relpersistence::text AS persistence,
       c.reltype::int8 AS rowtype_oid,
       c.reloftype::int8 AS of_type,
       c.relispartition AS is_partition,
       c.relispopulated AS is_populated,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       c.relreplident::text AS replica_identity,
       COALESCE(pg_catalog.array_remove(pg_catalog.array_remove(c.reloptions, 'check_option=local'), 'check_option=cascaded'), '{}') AS reloptions,
       CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'
            WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED' END AS check_option,
       COALESCE(tc.reloptions, '{}') AS toast_reloptions,
       COALESCE(am.amname::text, '') AS access_method,
       COALESCE(ts.spcname::text, '') AS tablespace,
       COALESCE(d.refobjid, 0)::int8 AS owning_table,
       COALESCE(d.refobjsubid, 0) AS owning_column,
       (d.deptype = 'i') IS TRUE AS is_identity_sequence,
       COALESCE(pg_catalog.format_type(s.seqtypid, NULL), '') AS seq_type,
       COALESCE(s.seqstart, 0) AS seq_start,
       COALESCE(s.seqincrement, 0) AS seq_increment,
       COALESCE(s.seqmax, 0) AS seq_max,
       COALESCE(s.seqmin, 0) AS seq_min,
       COALESCE(s.seqcache, 0) AS seq_cache,
       COALESCE(s.seqcycle, false) AS seq_cycle,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkeydef,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partbound,
       CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END AS of_type_name,
       COALESCE((SELECT pg_catalog.array_agg(i.inhparent::int8 ORDER BY i.inhseqno)
                 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid), '{}') AS parents
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
-- Looked up per sequence (an index probe), not joined with a scan of all of pg_depend.
LEFT JOIN LATERAL (SELECT d.refobjid, d.refobjsubid, d.deptype FROM pg_catalog.pg_depend d
                   WHERE c.relkind = 'S' AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                     AND d.objid = c.oid AND d.objsubid = 0
                     AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                     AND d.deptype IN ('a', 'i')) d ON true
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = c.reltoastrelid
LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace
LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_init_privs pip ON pip.objoid = c.oid AND pip.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND pip.objsubid = 0
WHERE c.relkind IN ('r', 'S', 'v', 'c', 'm', 'f', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
-- (sorted by the client)
