-- User triggers of relations outside the system schemas (pg_dump.c getTriggers): internal
-- triggers (FK enforcement) and clones on partitions are left out as pg_dump does.
SELECT tg.oid::int8 AS oid,
       tg.tgname AS name,
       tg.tgrelid::int8 AS table_oid,
       tg.tgenabled::text AS enabled,
       tg.tgparentid::int8 AS parent_oid,
       pg_catalog.pg_get_triggerdef(tg.oid, false) AS definition
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT tg.tgisinternal
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY tg.tgrelid, tg.tgname
