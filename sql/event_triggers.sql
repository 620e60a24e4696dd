-- Event triggers (pg_dump.c getEventTriggers): the tags as a list of literals, the function as
-- regproc text. All server versions >= 13.
SELECT e.oid::int8 AS oid,
       e.evtname AS name,
       e.evtevent AS event,
       pg_catalog.pg_get_userbyid(e.evtowner) AS owner,
       e.evtenabled::text AS enabled,
       pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_literal(x)
                                        FROM pg_catalog.unnest(e.evttags) AS t(x)), ', ') AS tags,
       e.evtfoid::pg_catalog.regproc::text AS function
FROM pg_catalog.pg_event_trigger e
ORDER BY e.oid
