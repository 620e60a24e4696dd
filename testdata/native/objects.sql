-- Native-engine fidelity schema: aggregates (plain, moving, ordered-set, hypothetical-set,
-- zero-argument, parallel, combine/serial functions, sort operator), operators (binary, prefix,
-- commutator/negator, a shell operator left by a forward reference), rules (INSTEAD, ALSO,
-- NOTHING, WHERE, disabled/always/replica, on a view) and range types, with quoted, mixed-case
-- and keyword names, comments with quotes and newlines, and grants.
CREATE ROLE objects_reader NOLOGIN;
CREATE SCHEMA objs;
CREATE SCHEMA "Other Objs";

-- Aggregates
CREATE FUNCTION objs._concat(acc text, item text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN acc IS NULL THEN item ELSE acc || ', ' || item END $$;
CREATE AGGREGATE objs.group_concat(text) (SFUNC = objs._concat, STYPE = text);
CREATE AGGREGATE objs."Group Concat"(text) (
    SFUNC = objs._concat, STYPE = text, INITCOND = 'it''s', SSPACE = 64, PARALLEL = restricted);
CREATE FUNCTION objs.add3(integer, integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + $2 + $3 $$;
CREATE AGGREGATE objs."order"(integer, integer) (SFUNC = objs.add3, STYPE = integer);
CREATE AGGREGATE objs."Count Star"(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
CREATE AGGREGATE objs.my_avg(numeric) (
    SFUNC = numeric_avg_accum, STYPE = internal, FINALFUNC = numeric_avg,
    COMBINEFUNC = numeric_avg_combine, SERIALFUNC = numeric_avg_serialize,
    DESERIALFUNC = numeric_avg_deserialize, PARALLEL = safe);
CREATE AGGREGATE objs.msum(integer) (
    SFUNC = int4pl, STYPE = integer, INITCOND = '0',
    MSFUNC = int4pl, MINVFUNC = int4mi, MSTYPE = integer, MINITCOND = '0', MFINALFUNC = int4abs,
    MSSPACE = 8);
CREATE AGGREGATE objs.my_max(integer) (SFUNC = int4larger, STYPE = integer, SORTOP = >);
CREATE AGGREGATE objs.my_median(double precision ORDER BY double precision) (
    SFUNC = ordered_set_transition, STYPE = internal, FINALFUNC = percentile_cont_float8_final,
    FINALFUNC_MODIFY = shareable);
CREATE AGGREGATE objs.my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,
    FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE "Other Objs"."Sum It"(bigint) (
    SFUNC = int8pl, STYPE = bigint, FINALFUNC = int8abs, FINALFUNC_MODIFY = read_write);
COMMENT ON AGGREGATE objs.group_concat(text) IS 'joins with '', ''
over two lines';
COMMENT ON AGGREGATE objs."Count Star"(*) IS 'counts';
COMMENT ON AGGREGATE objs.my_median(double precision ORDER BY double precision) IS 'ordered';
REVOKE ALL ON FUNCTION objs.group_concat(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION objs.group_concat(text) TO objects_reader;
GRANT ALL ON FUNCTION objs."Count Star"() TO objects_reader WITH GRANT OPTION;

-- Operators
CREATE FUNCTION objs.text_matches(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT b ~ a $$;
CREATE OPERATOR objs.~<< (FUNCTION = objs.text_matches, LEFTARG = text, RIGHTARG = text);
CREATE OPERATOR objs.=== (
    FUNCTION = int4eq, LEFTARG = integer, RIGHTARG = integer,
    COMMUTATOR = OPERATOR(objs.===), NEGATOR = OPERATOR(objs.!===),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR objs.~~~ (FUNCTION = int4abs, RIGHTARG = integer);
CREATE OPERATOR "Other Objs".<%> (
    FUNCTION = int4lt, LEFTARG = integer, RIGHTARG = integer,
    COMMUTATOR = OPERATOR("Other Objs".>%<));
CREATE OPERATOR "Other Objs".>%< (FUNCTION = int4gt, LEFTARG = integer, RIGHTARG = integer);
COMMENT ON OPERATOR objs.~<< (text, text) IS 'reverse "match"
second line';
COMMENT ON OPERATOR objs.~~~ (NONE, integer) IS 'prefix';

-- Rules
CREATE TABLE objs.events (id integer PRIMARY KEY, kind text, payload text);
CREATE TABLE objs."Event Log" (id integer, kind text, at timestamp DEFAULT now());
CREATE RULE log_insert AS ON INSERT TO objs.events DO ALSO
    INSERT INTO objs."Event Log" (id, kind) VALUES (new.id, new.kind);
CREATE RULE "No Deletes" AS ON DELETE TO objs.events DO INSTEAD NOTHING;
CREATE RULE "select" AS ON UPDATE TO objs.events WHERE old.kind = 'frozen' DO INSTEAD NOTHING;
CREATE RULE replica_only AS ON INSERT TO objs."Event Log" WHERE new.kind IS NULL DO INSTEAD NOTHING;
CREATE RULE always_on AS ON UPDATE TO objs."Event Log" DO ALSO NOTIFY event_log;
CREATE RULE off_rule AS ON DELETE TO objs."Event Log" DO ALSO NOTIFY event_log_delete;
ALTER TABLE objs.events DISABLE RULE "select";
ALTER TABLE objs."Event Log" ENABLE REPLICA RULE replica_only;
ALTER TABLE objs."Event Log" ENABLE ALWAYS RULE always_on;
ALTER TABLE objs."Event Log" DISABLE RULE off_rule;
CREATE VIEW objs.recent AS SELECT id, kind FROM objs.events;
CREATE RULE recent_insert AS ON INSERT TO objs.recent DO INSTEAD
    INSERT INTO objs.events (id, kind) VALUES (new.id, new.kind) RETURNING events.id, events.kind;
COMMENT ON RULE log_insert ON objs.events IS 'copies
every insert';
COMMENT ON RULE "No Deletes" ON objs.events IS 'it''s forbidden';

-- Range types
CREATE FUNCTION objs.float_diff(a double precision, b double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$ SELECT a - b $$;
CREATE TYPE objs.float_range AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = objs.float_diff);
CREATE TYPE objs."Text Range" AS RANGE (SUBTYPE = text, COLLATION = "C");
CREATE TYPE objs.pattern_range AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops);
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000 THEN
        EXECUTE 'CREATE TYPE "Other Objs".int_span AS RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = "Other Objs".int_spans)';
    ELSE
        EXECUTE 'CREATE TYPE "Other Objs".int_span AS RANGE (SUBTYPE = integer)';
    END IF;
END
$$;
COMMENT ON TYPE objs.float_range IS 'floats, "quoted"';
REVOKE USAGE ON TYPE objs."Text Range" FROM PUBLIC;
GRANT USAGE ON TYPE objs."Text Range" TO objects_reader;
CREATE TABLE objs.bookings (id integer PRIMARY KEY, during objs.float_range, names objs."Text Range",
    span "Other Objs".int_span);
CREATE FUNCTION objs.span_len(s "Other Objs".int_span) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT upper(s) - lower(s) $$;

-- Base types (their I/O functions need the shell type first), and an undefined type
CREATE TYPE objs.myint;
CREATE FUNCTION objs.myint_in(cstring) RETURNS objs.myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION objs.myint_out(objs.myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE objs.myint (
    INPUT = objs.myint_in, OUTPUT = objs.myint_out, INTERNALLENGTH = 4, PASSEDBYVALUE,
    ALIGNMENT = int4, STORAGE = plain, CATEGORY = 'N', DEFAULT = '0', DELIMITER = ';');
CREATE TYPE objs."My Text";
CREATE FUNCTION objs."My Text_in"(cstring) RETURNS objs."My Text" LANGUAGE internal IMMUTABLE STRICT AS 'textin';
CREATE FUNCTION objs."My Text_out"(objs."My Text") RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'textout';
CREATE FUNCTION objs."My Text_recv"(internal) RETURNS objs."My Text" LANGUAGE internal IMMUTABLE STRICT AS 'textrecv';
CREATE FUNCTION objs."My Text_send"(objs."My Text") RETURNS bytea LANGUAGE internal IMMUTABLE STRICT AS 'textsend';
CREATE TYPE objs."My Text" (
    INPUT = objs."My Text_in", OUTPUT = objs."My Text_out", RECEIVE = objs."My Text_recv",
    SEND = objs."My Text_send", INTERNALLENGTH = VARIABLE, COLLATABLE = true, STORAGE = extended,
    CATEGORY = 'S', PREFERRED = true);
COMMENT ON TYPE objs."My Text" IS 'text, but ''mine''';
REVOKE USAGE ON TYPE objs.myint FROM PUBLIC;
CREATE TYPE objs.placeholder;
COMMENT ON TYPE objs.placeholder IS 'filled in later';
CREATE TABLE objs.measures (id integer PRIMARY KEY, v objs.myint, label objs."My Text" COLLATE "C");

-- Casts and collations
CREATE CAST (objs.myint AS integer) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (objs."My Text" AS text) WITH INOUT AS ASSIGNMENT;
CREATE FUNCTION objs.range_text(r objs.float_range) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT r::text $$;
CREATE CAST (objs.float_range AS text) WITH FUNCTION objs.range_text(objs.float_range);
COMMENT ON CAST (objs."My Text" AS text) IS 'in and out, ''quoted''';
CREATE COLLATION objs."Posix Copy" (locale = 'POSIX');
CREATE COLLATION "Other Objs".mixed (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE COLLATION objs.german (provider = icu, locale = 'de-DE');
CREATE COLLATION objs.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION objs.german IS 'sorts
like German';
CREATE TABLE objs.people (id integer PRIMARY KEY, name text COLLATE objs.german, code text COLLATE objs.ci);

-- Foreign-data wrappers, servers, user mappings and foreign tables
CREATE FOREIGN DATA WRAPPER "Dummy FDW" OPTIONS (debug 'true', "Mixed Key" 'it''s');
CREATE FOREIGN DATA WRAPPER checked_fdw VALIDATOR postgresql_fdw_validator;
CREATE SERVER objs_srv TYPE 'csv' VERSION '1.0' FOREIGN DATA WRAPPER "Dummy FDW"
    OPTIONS (host 'localhost', dbname 'remote');
CREATE SERVER "Plain Server" FOREIGN DATA WRAPPER checked_fdw;
CREATE USER MAPPING FOR objects_reader SERVER objs_srv OPTIONS (user 'reader', password 'it''s secret');
CREATE USER MAPPING FOR PUBLIC SERVER objs_srv;
CREATE FOREIGN TABLE objs.remote_items (
    id integer OPTIONS (column_name 'item_id', "Quoted Opt" 'it''s') NOT NULL,
    name text COLLATE "C" DEFAULT 'none',
    note text,
    CONSTRAINT positive_id CHECK (id > 0)
) SERVER objs_srv OPTIONS (table_name 'items', "Mixed Key" 'v');
-- Per-column settings pg_dump prints as ALTER FOREIGN TABLE after the CREATE
ALTER FOREIGN TABLE objs.remote_items ALTER COLUMN name SET STATISTICS 150;
ALTER FOREIGN TABLE objs.remote_items ALTER COLUMN note SET STORAGE MAIN;
ALTER FOREIGN TABLE objs.remote_items ALTER COLUMN note SET (n_distinct = 5);
-- A NOT VALID check on a foreign table is its own ALTER FOREIGN TABLE entry; comments on both
ALTER FOREIGN TABLE objs.remote_items ADD CONSTRAINT later_check CHECK (id < 1000000) NOT VALID;
COMMENT ON CONSTRAINT positive_id ON objs.remote_items IS 'ids are positive';
COMMENT ON CONSTRAINT later_check ON objs.remote_items IS 'checked later';
CREATE FOREIGN TABLE "Other Objs"."Bare Remote" () SERVER "Plain Server";
-- A foreign table whose default calls a function of its row type: a dependency loop that puts
-- the default in its own ALTER FOREIGN TABLE entry
CREATE FOREIGN TABLE objs.ft_loop (id integer, total integer) SERVER objs_srv;
CREATE FUNCTION objs.ft_first(objs.ft_loop) RETURNS integer LANGUAGE sql AS 'SELECT 1';
ALTER FOREIGN TABLE objs.ft_loop ALTER COLUMN total SET DEFAULT objs.ft_first(NULL::objs.ft_loop);
COMMENT ON FOREIGN DATA WRAPPER "Dummy FDW" IS 'does nothing';
COMMENT ON SERVER objs_srv IS 'a server
somewhere';
COMMENT ON FOREIGN TABLE objs.remote_items IS 'remote ''items''';
COMMENT ON COLUMN objs.remote_items.name IS 'the name';
GRANT USAGE ON FOREIGN DATA WRAPPER "Dummy FDW" TO objects_reader;
GRANT USAGE ON FOREIGN SERVER objs_srv TO objects_reader WITH GRANT OPTION;
GRANT SELECT ON objs.remote_items TO objects_reader;

-- Text search dictionaries and configurations
CREATE TEXT SEARCH DICTIONARY objs."English Stem" (TEMPLATE = snowball, Language = english, StopWords = english);
CREATE TEXT SEARCH DICTIONARY objs.simple_dict (TEMPLATE = pg_catalog.simple);
CREATE TEXT SEARCH CONFIGURATION objs.my_config (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION objs.my_config
    ALTER MAPPING FOR asciiword WITH objs."English Stem", objs.simple_dict;
CREATE TEXT SEARCH CONFIGURATION "Other Objs"."Empty Config" (PARSER = default);
COMMENT ON TEXT SEARCH DICTIONARY objs."English Stem" IS 'stems ''English''';
COMMENT ON TEXT SEARCH CONFIGURATION objs.my_config IS 'mine
really';

-- Conversions
CREATE CONVERSION objs."My Latin1" FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE DEFAULT CONVERSION "Other Objs".utf8_latin1 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
COMMENT ON CONVERSION objs."My Latin1" IS 'latin ''one''';

-- Publications
CREATE PUBLICATION "All Things" FOR ALL TABLES WITH (publish = 'insert, update', publish_via_partition_root = true);
CREATE PUBLICATION objs_pub FOR TABLE objs.events, objs."Event Log" WITH (publish = 'delete, truncate');
CREATE PUBLICATION empty_pub;
COMMENT ON PUBLICATION objs_pub IS 'events
only';
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 150000 THEN
        EXECUTE 'CREATE PUBLICATION filtered FOR TABLE objs.people (id, name) WHERE (id > 10), objs.bookings';
        EXECUTE 'CREATE PUBLICATION "Schema Pub" FOR TABLES IN SCHEMA "Other Objs", objs';
    END IF;
END
$$;

-- Constraint triggers (a pg_constraint row of type 't' beside the trigger)
CREATE FUNCTION objs.check_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE CONSTRAINT TRIGGER "Check Event" AFTER INSERT OR UPDATE ON objs.events
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION objs.check_event();
CREATE CONSTRAINT TRIGGER check_log AFTER DELETE ON objs."Event Log"
    FOR EACH ROW EXECUTE FUNCTION objs.check_event();
COMMENT ON TRIGGER "Check Event" ON objs.events IS 'checks';

-- Event triggers (last, so they do not fire while this file loads)
CREATE FUNCTION objs.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
CREATE EVENT TRIGGER "Log DDL" ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION objs.on_ddl();
CREATE EVENT TRIGGER objects_drop ON sql_drop EXECUTE FUNCTION objs.on_ddl();
ALTER EVENT TRIGGER objects_drop DISABLE;
COMMENT ON EVENT TRIGGER "Log DDL" IS 'logs ''DDL''
as it happens';

-- Access methods made by the schema (dumped when dumping everything), and relations using one
CREATE ACCESS METHOD "Heap Two" TYPE TABLE HANDLER heap_tableam_handler;
CREATE ACCESS METHOD objs_btree TYPE INDEX HANDLER bthandler;
COMMENT ON ACCESS METHOD "Heap Two" IS 'heap under another name';
CREATE TABLE objs.on_heap_two (id integer PRIMARY KEY, v text) USING "Heap Two";
CREATE MATERIALIZED VIEW objs.on_heap_two_mv USING "Heap Two" AS SELECT id FROM objs.on_heap_two;
