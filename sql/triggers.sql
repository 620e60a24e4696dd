-- User triggers of relations outside the system schemas (pg_dump.c getTriggers): internal
-- triggers (FK enforcement) are left out, and so are the clones a partitioned table's trigger
-- makes on its partitions unless their enabled state differs from the parent's (pg_dump then
-- prints only an ALTER TABLE ... ENABLE/DISABLE TRIGGER). {partition_clone} says which rows are
-- clones: tgparentid <> 0 from server 15, tgisinternal on 13-14 (clones were internal then).
-- $1: the relations whose details are deparsed (NULL: all), as pg_dump reads them only for the
-- tables it dumps or needs (its "interesting" tables); the others' come back NULL.
SELECT tg.oid::int8 AS oid,
       tg.tgname AS name,
       tg.tgrelid::int8 AS table_oid,
       tg.tgenabled::text AS enabled,
       tg.tgparentid::int8 AS parent_oid,
       ({partition_clone}) AS is_partition_clone,
       ($1::int8[] IS NULL OR tg.tgrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)) AS wanted,
       CASE WHEN ($1::int8[] IS NULL OR tg.tgrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)) THEN pg_catalog.pg_get_triggerdef(tg.oid, false) END AS definition
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_trigger u ON u.oid = tg.tgparentid
WHERE ({trigger_filter})
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY tg.tgrelid, tg.tgname
