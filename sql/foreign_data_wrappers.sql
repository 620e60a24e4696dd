-- Foreign-data wrappers (pg_dump.c getForeignDataWrappers): handler and validator as regproc
-- text ("-" for none), options as pg_dump joins them. All server versions >= 13.
SELECT w.oid::int8 AS oid,
       w.fdwname AS name,
       pg_catalog.pg_get_userbyid(w.fdwowner) AS owner,
       w.fdwhandler::pg_catalog.regproc::text AS handler,
       w.fdwvalidator::pg_catalog.regproc::text AS validator,
       w.fdwacl::text AS acl,
       pg_catalog.acldefault('F', w.fdwowner)::text AS acl_default,
       (SELECT pip.initprivs::text FROM pg_catalog.pg_init_privs pip
        WHERE pip.objoid = w.oid AND pip.classoid = 'pg_catalog.pg_foreign_data_wrapper'::pg_catalog.regclass AND pip.objsubid = 0) AS init_acl,
       pg_catalog.array_to_string(ARRAY(
           SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)
           FROM pg_catalog.pg_options_to_table(w.fdwoptions) ORDER BY option_name), E',\n    ') AS options
FROM pg_catalog.pg_foreign_data_wrapper w
ORDER BY w.oid
