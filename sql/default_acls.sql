-- ALTER DEFAULT PRIVILEGES entries (pg_dump.c getDefaultACLs), with the base pg_dump compares
-- them against (the built-in default for global entries, nothing for per-schema ones).
-- All server versions.
SELECT d.oid::int8 AS oid,
       pg_catalog.pg_get_userbyid(d.defaclrole)::text AS role,
       d.defaclnamespace::int8 AS nsp_oid,
       d.defaclobjtype::text AS objtype,
       d.defaclacl::text AS acl,
       (CASE WHEN d.defaclnamespace = 0
             THEN pg_catalog.acldefault(CASE WHEN d.defaclobjtype = 'S' THEN 's'::"char" ELSE d.defaclobjtype END, d.defaclrole)
             ELSE '{}' END)::text AS acl_default
FROM pg_catalog.pg_default_acl d
ORDER BY d.oid
