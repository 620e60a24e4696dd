-- Columns of relations outside the system schemas (pg_dump.c getTableAttrs), with their defaults
-- (pg_get_expr under pg_dump's session settings; a plain default cannot name a column, so it is
-- deparsed without its table, which prints the same and opens no table: this query needs no
-- locks). A generated column's expression does name columns: generated_columns.sql reads it.
-- The collation is reported only when it differs from the type's, as pg_dump prints it.
-- System columns come only when they carry privileges, which the engine does not render: the
-- loader turns them into inventory rows (system_column_table) instead of columns.
-- {compression} is attcompression on servers >= 14.
-- $1: the relations whose details are deparsed (NULL: all), as pg_dump reads them only for the
-- tables it dumps or needs (its "interesting" tables); the others' come back NULL.
SELECT a.attrelid::int8 AS table_oid,
       CASE WHEN a.attnum < 0 THEN c.relname::text END AS system_column_table,
       CASE WHEN a.attnum < 0 THEN c.relnamespace::int8 ELSE 0 END AS system_column_nsp,
       a.attnum AS num,
       a.attname AS name,
       pg_catalog.quote_ident(a.attname) AS quoted_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type_name,
       a.atttypid::int8 AS type_oid,
       a.attnotnull AS not_null,
       a.attisdropped AS is_dropped,
       a.attislocal AS is_local,
       a.attinhcount::int4 AS inherit_count,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       COALESCE(a.attstattarget, -1)::int4 AS stat_target,
       a.attstorage::text AS storage,
       t.typstorage::text AS type_storage,
       {compression} AS compression,
       COALESCE(a.attoptions, '{}') AS options,
       a.attacl::text AS acl,
       pip.initprivs::text AS init_acl,
       -- A foreign table column's options, as pg_dump joins them (NULL when there are none).
       CASE WHEN a.attfdwoptions IS NOT NULL AND pg_catalog.cardinality(a.attfdwoptions) > 0
            THEN pg_catalog.array_to_string(ARRAY(
                   SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)
                   FROM pg_catalog.pg_options_to_table(a.attfdwoptions) ORDER BY option_name), E',\n    ') END AS fdw_options,
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation,
       ad.oid::int8 AS default_oid,
       CASE WHEN ad.oid IS NOT NULL AND ($1::int8[] IS NULL OR a.attrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)) AND a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0) END AS default_expr
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_init_privs pip ON pip.objoid = a.attrelid AND pip.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND pip.objsubid = a.attnum
-- System columns only when they carry privileges (not rendered: the dump is declined).
WHERE (a.attnum > 0 OR a.attacl IS NOT NULL)
  AND c.relkind IN ('r', 'v', 'c', 'm', 'f', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY a.attrelid, a.attnum
