-- Operators outside the system schemas (pg_dump.c getOperators + the per-operator query of
-- dumpOpr, folded into one query). Functions are regprocedure text ("-" for none), argument
-- types regtype text ("-" for none) plus their schema and name for pg_dump's sort; commutator
-- and negator come as schema and name (dumpOpr prints OPERATOR(schema.name)). All server
-- versions >= 13.
SELECT o.oid::int8 AS oid,
       o.oprname AS name,
       o.oprnamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(o.oprowner) AS owner,
       o.oprkind::text AS kind,
       o.oprcode::int8 AS code_oid,
       o.oprcode::pg_catalog.regprocedure::text AS code,
       o.oprleft::pg_catalog.regtype::text AS left_type,
       o.oprright::pg_catalog.regtype::text AS right_type,
       ln.nspname AS left_nsp,
       lt.typname AS left_typname,
       rn.nspname AS right_nsp,
       rt.typname AS right_typname,
       cn.nspname AS com_nsp,
       co.oprname AS com_name,
       nn.nspname AS negate_nsp,
       ng.oprname AS negate_name,
       o.oprrest::pg_catalog.regprocedure::text AS rest,
       o.oprjoin::pg_catalog.regprocedure::text AS join_fn,
       o.oprcanmerge AS can_merge,
       o.oprcanhash AS can_hash
FROM pg_catalog.pg_operator o
JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
LEFT JOIN pg_catalog.pg_type lt ON lt.oid = o.oprleft
LEFT JOIN pg_catalog.pg_namespace ln ON ln.oid = lt.typnamespace
LEFT JOIN pg_catalog.pg_type rt ON rt.oid = o.oprright
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.typnamespace
LEFT JOIN pg_catalog.pg_operator co ON co.oid = o.oprcom
LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.oprnamespace
LEFT JOIN pg_catalog.pg_operator ng ON ng.oid = o.oprnegate
LEFT JOIN pg_catalog.pg_namespace nn ON nn.oid = ng.oprnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY o.oid
