-- Extended statistics objects (pg_dump.c getExtendedStatistics), with the text of
-- pg_get_statisticsobjdef (dumpStatisticsExt) and the statistics target: an integer with -1 for
-- the default before 17, NULL for the default from 17. $1: the tables whose statistics objects
-- are deparsed (NULL: all), like the other per-table details.
SELECT s.oid::int8 AS oid,
       s.stxname AS name,
       s.stxnamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(s.stxowner) AS owner,
       s.stxrelid::int8 AS table_oid,
       COALESCE(s.stxstattarget::int4, -1) AS stat_target,
       CASE WHEN $1::int8[] IS NULL OR s.stxrelid IN (SELECT pg_catalog.unnest($1::int8[])::oid)
            THEN pg_catalog.pg_get_statisticsobjdef(s.oid) END AS definition
FROM pg_catalog.pg_statistic_ext s
ORDER BY s.oid
