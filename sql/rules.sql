-- Rewrite rules of relations outside the system schemas (pg_dump.c getRules); a view's
-- `_RETURN` rule is part of the view unless a dependency loop splits it out, and is then printed
-- from the view's definition (as dumpRule does), so its own text is never deparsed.
-- $1: the relations whose details are deparsed (NULL: all), as pg_dump reads them only for the
-- tables it dumps or needs (its "interesting" tables); the others' come back NULL.
SELECT r.oid::int8 AS oid,
       r.rulename AS name,
       r.ev_class::int8 AS table_oid,
       r.ev_type::text AS event,
       r.is_instead AS is_instead,
       r.ev_enabled::text AS enabled,
       CASE WHEN NOT (c.relkind IN ('v', 'm') AND r.ev_type = '1' AND r.is_instead)
                 AND ($1::int8[] IS NULL OR r.ev_class IN (SELECT pg_catalog.unnest($1::int8[])::oid))
            THEN pg_catalog.pg_get_ruledef(r.oid) END AS definition
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY r.oid
