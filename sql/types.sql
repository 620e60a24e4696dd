-- Types outside pg_catalog and information_schema (pg_dump.c getTypes; catalog types are never
-- dumped and depend on nothing we dump). typrelkind tells table row types apart; is_array marks
-- auto-generated array types; both become pg_dump's never-printed DUMMY TYPE objects. Domains
-- come with their base type, NOT NULL, default (an expression, or a literal for old defaults) and
-- collation (when it differs from the base type's), as dumpDomain prints them.
SELECT t.oid::int8 AS oid,
       t.typname AS name,
       t.typnamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       t.typtype::text AS typtype,
       t.typacl::text AS acl,
       pg_catalog.acldefault('T', t.typowner)::text AS acl_default,
       pip.initprivs::text AS init_acl,
       COALESCE(c.relkind::text, '') AS typrelkind,
       (t.typelem <> 0 AND t.typlen = -1 AND EXISTS (
            SELECT 1 FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)) AS is_array,
       CASE WHEN t.typtype = 'e'
            THEN COALESCE((SELECT pg_catalog.array_agg(e.enumlabel ORDER BY e.enumsortorder)
                           FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '{}')
            ELSE '{}' END AS enum_labels,
       t.typrelid::int8 AS relid,
       CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS domain_base,
       t.typnotnull AS not_null,
       pg_catalog.pg_get_expr(t.typdefaultbin, 'pg_catalog.pg_type'::pg_catalog.regclass) AS default_expr,
       t.typdefault AS default_literal,
       CASE WHEN t.typtype = 'd' AND t.typcollation <> u.typcollation
            THEN pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname) END AS collation
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
LEFT JOIN pg_catalog.pg_type u ON u.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_catalog.pg_init_privs pip ON pip.objoid = t.oid AND pip.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND pip.objsubid = 0
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY t.oid
