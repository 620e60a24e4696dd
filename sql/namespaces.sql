-- Every schema (pg_dump.c getNamespaces), all server versions.
SELECT n.oid::int8 AS oid,
       n.nspname AS name,
       pg_catalog.pg_get_userbyid(n.nspowner) AS owner,
       n.nspowner::int8 AS owner_oid,
       n.nspacl::text AS acl,
       pg_catalog.acldefault('n', n.nspowner)::text AS acl_default,
       pip.initprivs::text AS init_acl
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_init_privs pip ON pip.objoid = n.oid AND pip.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND pip.objsubid = 0
ORDER BY n.oid
