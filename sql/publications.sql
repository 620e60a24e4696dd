-- Publications and their members (pg_dump.c getPublications, getPublicationTables,
-- getPublicationNamespaces, folded into one query). kind: 'p' publication, 't' table member
-- (relation, column list and row filter from 15), 's' schema member (15+). the gencols placeholder is
-- pubgencols on servers >= 18 (it appeared there) and 'n' before; the members placeholder is the 15+ branch
-- (row filters, column lists, schema members) or the older one. The loader orders the rows as
-- pg_dump creates them: publications, table members, schema members.
SELECT 'p' AS kind, p.oid::int8 AS oid, p.oid::int8 AS pub_oid, p.pubname AS pub_name,
       pg_catalog.pg_get_userbyid(p.pubowner) AS owner,
       p.puballtables AS all_tables, p.pubinsert AS ins, p.pubupdate AS upd, p.pubdelete AS del,
       p.pubtruncate AS trunc, p.pubviaroot AS via_root, {pubgencols} AS gencols,
       0::int8 AS target_oid, NULL::text AS row_filter, NULL::text[] AS columns
FROM pg_catalog.pg_publication p
UNION ALL
{members}
ORDER BY 1, 2
