-- Objects that belong to an extension, with the extension (pg_dump.c getExtensionMembership):
-- pg_dump dumps the extension, never its members' definitions. All server versions.
SELECT d.objid::int8 AS object_oid,
       d.refobjid::int8 AS extension_oid
FROM pg_catalog.pg_depend d
WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'
ORDER BY 1
