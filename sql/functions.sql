-- Functions and procedures outside the system schemas (pg_dump.c getFuncs + the per-function
-- query of dumpFunc, folded into one query). Aggregates have their own query (aggregates.sql).
-- {sqlbody} is replaced by pg_get_function_sqlbody(p.oid) on servers >= 14
-- (SQL-standard bodies appeared in 14) and by NULL before.
SELECT p.oid::int8 AS oid,
       p.proname AS name,
       p.pronamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(p.proowner) AS owner,
       p.proacl::text AS acl,
       pg_catalog.acldefault('f', p.proowner)::text AS acl_default,
       pip.initprivs::text AS init_acl,
       p.prokind::text AS kind,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,
       pg_catalog.pg_get_function_result(p.oid) AS result,
       {sqlbody} AS sqlbody,
       p.prosrc AS src,
       COALESCE(p.probin, '') AS bin,
       p.provolatile::text AS volatility,
       p.proisstrict AS is_strict,
       p.prosecdef AS security_definer,
       p.proleakproof AS leakproof,
       COALESCE(p.proconfig, '{}') AS config,
       p.procost::text AS cost,
       p.prorows::text AS rows,
       p.proretset AS returns_set,
       p.prosupport::regproc::text AS support,
       p.proparallel::text AS parallel,
       l.lanname AS language,
       COALESCE(p.protrftypes::text, '') AS transform_types,
       COALESCE((SELECT pg_catalog.array_agg(pg_catalog.format_type(a.t, NULL) ORDER BY a.i)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS a(t, i)), '{}') AS arg_type_names,
       COALESCE((SELECT pg_catalog.array_agg(tn.nspname ORDER BY a.i)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS a(t, i)
                 JOIN pg_catalog.pg_type ty ON ty.oid = a.t
                 JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace), '{}') AS arg_type_nsps,
       COALESCE((SELECT pg_catalog.array_agg(ty.typname::text ORDER BY a.i)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS a(t, i)
                 JOIN pg_catalog.pg_type ty ON ty.oid = a.t), '{}') AS arg_type_typnames
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
LEFT JOIN pg_catalog.pg_init_privs pip ON pip.objoid = p.oid AND pip.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND pip.objsubid = 0
WHERE p.prokind <> 'a'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'i')
ORDER BY p.oid
