-- Foreign servers (pg_dump.c getForeignServers + dumpForeignServer) with their user mappings
-- (dumpUserMappings reads pg_user_mappings, ordered by user name). Options are joined as pg_dump
-- joins them. All server versions >= 13.
SELECT s.oid::int8 AS oid,
       s.srvname AS name,
       pg_catalog.pg_get_userbyid(s.srvowner) AS owner,
       w.fdwname AS fdw,
       COALESCE(s.srvtype, '') AS server_type,
       COALESCE(s.srvversion, '') AS server_version,
       s.srvacl::text AS acl,
       pg_catalog.acldefault('S', s.srvowner)::text AS acl_default,
       (SELECT pip.initprivs::text FROM pg_catalog.pg_init_privs pip
        WHERE pip.objoid = s.oid AND pip.classoid = 'pg_catalog.pg_foreign_server'::pg_catalog.regclass AND pip.objsubid = 0) AS init_acl,
       pg_catalog.array_to_string(ARRAY(
           SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)
           FROM pg_catalog.pg_options_to_table(s.srvoptions) ORDER BY option_name), E',\n    ') AS options,
       COALESCE((SELECT pg_catalog.array_agg(um.usename::text ORDER BY um.usename)
                 FROM pg_catalog.pg_user_mappings um WHERE um.srvid = s.oid), '{}') AS mapping_users,
       COALESCE((SELECT pg_catalog.array_agg(pg_catalog.array_to_string(ARRAY(
                     SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)
                     FROM pg_catalog.pg_options_to_table(um.umoptions) ORDER BY option_name), E',\n    ')
                   ORDER BY um.usename)
                 FROM pg_catalog.pg_user_mappings um WHERE um.srvid = s.oid), '{}') AS mapping_options
FROM pg_catalog.pg_foreign_server s
JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
ORDER BY s.oid
