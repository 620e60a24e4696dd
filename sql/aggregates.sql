-- Aggregates outside the system schemas (pg_dump.c getAggregates + the per-aggregate query of
-- dumpAgg, folded into one query). Function references are regproc text, types regtype text, as
-- pg_dump prints them; "-" stands for no function. The sort operator comes as its schema and
-- name (dumpAgg prints OPERATOR(schema.name)). All server versions >= 13.
SELECT p.oid::int8 AS oid,
       p.proname AS name,
       p.pronamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(p.proowner) AS owner,
       p.proacl::text AS acl,
       pg_catalog.acldefault('f', p.proowner)::text AS acl_default,
       (SELECT pip.initprivs::text FROM pg_catalog.pg_init_privs pip
        WHERE pip.objoid = p.oid AND pip.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND pip.objsubid = 0) AS init_acl,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,
       a.aggkind::text AS kind,
       a.aggtransfn::text AS transfn,
       a.aggfinalfn::text AS finalfn,
       a.aggcombinefn::text AS combinefn,
       a.aggserialfn::text AS serialfn,
       a.aggdeserialfn::text AS deserialfn,
       a.aggmtransfn::text AS mtransfn,
       a.aggminvtransfn::text AS minvtransfn,
       a.aggmfinalfn::text AS mfinalfn,
       a.aggtranstype::pg_catalog.regtype::text AS transtype,
       a.aggmtranstype::pg_catalog.regtype::text AS mtranstype,
       a.aggtransspace::text AS transspace,
       a.aggmtransspace::text AS mtransspace,
       a.agginitval AS initval,
       a.aggminitval AS minitval,
       a.aggfinalextra AS finalextra,
       a.aggmfinalextra AS mfinalextra,
       a.aggfinalmodify::text AS finalmodify,
       a.aggmfinalmodify::text AS mfinalmodify,
       son.nspname AS sortop_nsp,
       so.oprname AS sortop_name,
       p.proparallel::text AS parallel,
       COALESCE((SELECT pg_catalog.array_agg(pg_catalog.format_type(t.t, NULL) ORDER BY t.i)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS t(t, i)), '{}') AS arg_type_names,
       COALESCE((SELECT pg_catalog.array_agg(tn.nspname ORDER BY t.i)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS t(t, i)
                 JOIN pg_catalog.pg_type ty ON ty.oid = t.t
                 JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace), '{}') AS arg_type_nsps,
       COALESCE((SELECT pg_catalog.array_agg(ty.typname::text ORDER BY t.i)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS t(t, i)
                 JOIN pg_catalog.pg_type ty ON ty.oid = t.t), '{}') AS arg_type_typnames
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_operator so ON so.oid = a.aggsortop
LEFT JOIN pg_catalog.pg_namespace son ON son.oid = so.oprnamespace
WHERE p.prokind = 'a'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY p.oid
