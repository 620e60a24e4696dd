-- User-defined casts (pg_dump.c getCasts + dumpCast): those with OIDs past the built-in range,
-- types formatted, the cast function as schema, name and formatted argument types, and the type
-- names pg_dump sorts by. The multirange-casts placeholder leaves out the range-to-multirange casts every range
-- type gets on servers >= 14 (getCasts does), and is empty before.
SELECT c.oid::int8 AS oid,
       pg_catalog.format_type(c.castsource, NULL) AS source,
       pg_catalog.format_type(c.casttarget, NULL) AS target,
       COALESCE(st.typname::text, '') AS source_name,
       COALESCE(tt.typname::text, '') AS target_name,
       c.castmethod::text AS method,
       c.castcontext::text AS context,
       c.castfunc::int8 AS func_oid,
       fn.nspname AS func_nsp,
       f.proname AS func_name,
       COALESCE((SELECT pg_catalog.array_agg(pg_catalog.format_type(a.t, NULL) ORDER BY a.i)
                 FROM pg_catalog.unnest(f.proargtypes) WITH ORDINALITY AS a(t, i)), '{}') AS func_arg_types
FROM pg_catalog.pg_cast c
LEFT JOIN pg_catalog.pg_type st ON st.oid = c.castsource
LEFT JOIN pg_catalog.pg_type tt ON tt.oid = c.casttarget
LEFT JOIN pg_catalog.pg_proc f ON f.oid = c.castfunc
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
WHERE c.oid >= 16384 {multirange_casts}
ORDER BY c.castsource, c.casttarget
