-- Encoding conversions outside the system schemas (pg_dump.c getConversions + dumpConversion's
-- query): encodings by name, the function as regproc text. All server versions >= 13.
SELECT c.oid::int8 AS oid,
       c.conname AS name,
       c.connamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(c.conowner) AS owner,
       pg_catalog.pg_encoding_to_char(c.conforencoding)::text AS for_encoding,
       pg_catalog.pg_encoding_to_char(c.contoencoding)::text AS to_encoding,
       c.conproc::text AS function,
       c.condefault AS is_default
FROM pg_catalog.pg_conversion c
JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY c.oid
