-- Text search dictionaries and configurations outside the system schemas (pg_dump.c
-- getTSDictionaries, getTSConfigurations, and the per-object queries of dumpTSDictionary and
-- dumpTSConfig, folded into one query). kind: 'd' dictionary (with its template and init
-- options), 'c' configuration (with its parser and its mappings as parallel arrays of token
-- alias and regdictionary text, ordered by token type then sequence). All server versions >= 13.
SELECT 'd' AS kind,
       d.oid::int8 AS oid,
       d.dictname AS name,
       d.dictnamespace::int8 AS nsp_oid,
       pg_catalog.pg_get_userbyid(d.dictowner) AS owner,
       tn.nspname AS ref_nsp,
       t.tmplname AS ref_name,
       d.dictinitoption AS init_option,
       '{}'::text[] AS map_tokens,
       '{}'::text[] AS map_dicts
FROM pg_catalog.pg_ts_dict d
JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace
JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
UNION ALL
SELECT 'c',
       c.oid::int8,
       c.cfgname,
       c.cfgnamespace::int8,
       pg_catalog.pg_get_userbyid(c.cfgowner),
       pn.nspname,
       p.prsname,
       NULL,
       COALESCE((SELECT pg_catalog.array_agg((SELECT tt.alias FROM pg_catalog.ts_token_type(c.cfgparser) AS tt
                                              WHERE tt.tokid = m.maptokentype)
                                             ORDER BY m.maptokentype, m.mapseqno)
                 FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = c.oid), '{}'),
       COALESCE((SELECT pg_catalog.array_agg(m.mapdict::pg_catalog.regdictionary::text
                                             ORDER BY m.maptokentype, m.mapseqno)
                 FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = c.oid), '{}')
FROM pg_catalog.pg_ts_config c
JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1 DESC, 2
