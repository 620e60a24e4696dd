-- Native-engine fidelity schema: the table kinds beyond the everyday ones. Inheritance (merged,
-- inherited and multiply inherited columns, inherited defaults and not-nulls, inherited and
-- NOT VALID checks), declarative partitioning (list, range, default and sub-partitions,
-- partitioned keys and indexes, foreign keys and triggers on partitioned tables, a disabled
-- trigger clone, a partition in another schema), storage parameters, UNLOGGED, column
-- statistics, storage, compression and options, index column statistics, REPLICA IDENTITY,
-- CLUSTER ON, typed tables, NOT VALID constraints, an exclusion constraint and materialized
-- views (one postponed to post-data by its dependency on a primary key), with mixed-case
-- names and comments.
CREATE SCHEMA tbl;
COMMENT ON SCHEMA tbl IS 'table kinds';

-- Inheritance
CREATE TABLE tbl.base (
  id integer CONSTRAINT base_id_nn NOT NULL,
  name text DEFAULT 'base',
  note text,
  total integer GENERATED ALWAYS AS (id * 2) STORED,
  CONSTRAINT base_id_check CHECK (id > 0)
);
ALTER TABLE tbl.base ADD CONSTRAINT base_name_check CHECK (name <> '') NOT VALID;
COMMENT ON CONSTRAINT base_name_check ON tbl.base IS 'not valid yet';
CREATE TABLE tbl."Child" (
  extra integer,
  name text
) INHERITS (tbl.base);
ALTER TABLE tbl."Child" ALTER COLUMN note SET NOT NULL;
ALTER TABLE tbl."Child" ALTER COLUMN name SET DEFAULT 'child';
ALTER TABLE tbl."Child" ADD CONSTRAINT "Child_extra_check" CHECK (extra IS DISTINCT FROM 0);
COMMENT ON CONSTRAINT "Child_extra_check" ON tbl."Child" IS 'inline check';
COMMENT ON COLUMN tbl."Child".extra IS 'only in the child';
CREATE TABLE tbl.other_parent (flag boolean DEFAULT true, "Mixed" text);
CREATE TABLE tbl.multi (own integer) INHERITS (tbl.base, tbl.other_parent);
ALTER TABLE tbl.multi ALTER COLUMN flag DROP DEFAULT;
ALTER TABLE tbl.multi ALTER COLUMN "Mixed" SET DEFAULT 'm';
CREATE TABLE public.pub_child (p integer) INHERITS (tbl.base);
CREATE TABLE tbl.child2 (name text, CONSTRAINT child2_p_check CHECK (id < 1000) NO INHERIT) INHERITS (tbl.base);
ALTER TABLE tbl.child2 ALTER COLUMN name DROP DEFAULT;
CREATE TABLE tbl.grandchild () INHERITS (tbl.child2, tbl.other_parent);
ALTER TABLE tbl.grandchild ALTER COLUMN id SET STATISTICS 50;

-- Partitioning
CREATE TABLE tbl.kinds (kind text PRIMARY KEY);
CREATE TABLE tbl."Events" (
  id bigint NOT NULL,
  kind text NOT NULL,
  created date NOT NULL DEFAULT '2020-01-01',
  payload jsonb,
  CONSTRAINT events_kind_check CHECK (kind <> '')
) PARTITION BY LIST (kind);
COMMENT ON TABLE tbl."Events" IS 'partitioned';
COMMENT ON COLUMN tbl."Events".kind IS 'the partition key';
CREATE TABLE tbl.events_a PARTITION OF tbl."Events" FOR VALUES IN ('a');
CREATE TABLE tbl.events_b PARTITION OF tbl."Events" FOR VALUES IN ('b', 'B');
CREATE TABLE tbl.events_other PARTITION OF tbl."Events" DEFAULT;
COMMENT ON TABLE tbl.events_other IS 'the default partition';
COMMENT ON COLUMN tbl.events_other.payload IS 'a partition''s column';
ALTER TABLE tbl."Events" ADD CONSTRAINT "Events_pkey" PRIMARY KEY (id, kind);
CREATE INDEX events_created_idx ON tbl."Events" (created);
COMMENT ON INDEX tbl.events_created_idx IS 'partitioned index';
-- Comments on the indexes of constraints: printed as INDEX comments where the index sorts
COMMENT ON INDEX tbl."Events_pkey" IS 'the key''s index';
COMMENT ON INDEX tbl.kinds_pkey IS 'kinds key index';
CREATE TABLE tbl.events_r PARTITION OF tbl."Events" FOR VALUES IN ('r') PARTITION BY RANGE (id);
CREATE TABLE tbl."Events_r_2020" PARTITION OF tbl.events_r FOR VALUES FROM (0) TO (1000);
CREATE TABLE tbl.events_c (
  id bigint NOT NULL,
  kind text NOT NULL,
  created date NOT NULL DEFAULT '2020-01-01',
  payload jsonb,
  local_note text,
  CONSTRAINT events_kind_check CHECK (kind <> '')
);
ALTER TABLE tbl."Events" ADD COLUMN local_note text;
ALTER TABLE tbl.events_c ADD COLUMN gone integer;
ALTER TABLE tbl.events_c DROP COLUMN gone;
ALTER TABLE tbl."Events" ATTACH PARTITION tbl.events_c FOR VALUES IN ('c');
CREATE INDEX events_c_payload_idx ON tbl.events_c USING gin (payload);
CREATE TABLE public.events_pub PARTITION OF tbl."Events" FOR VALUES IN ('p');
ALTER TABLE tbl."Events" ADD CONSTRAINT events_kind_fkey FOREIGN KEY (kind) REFERENCES tbl.kinds(kind);
CREATE TABLE tbl.event_refs (id bigint, kind text, FOREIGN KEY (id, kind) REFERENCES tbl."Events"(id, kind));
CREATE FUNCTION tbl.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER events_touch BEFORE INSERT ON tbl."Events" FOR EACH ROW EXECUTE FUNCTION tbl.touch();
ALTER TABLE tbl.events_b DISABLE TRIGGER events_touch;
ALTER TABLE tbl.events_c ENABLE ALWAYS TRIGGER events_touch;
CREATE TRIGGER "Events_after" AFTER UPDATE ON tbl."Events" FOR EACH ROW EXECUTE FUNCTION tbl.touch();
COMMENT ON TRIGGER "Events_after" ON tbl."Events" IS 'on the parent';
GRANT SELECT ON tbl."Events" TO PUBLIC;
GRANT SELECT (payload) ON tbl.events_a TO PUBLIC;

-- Storage parameters, UNLOGGED, per-column properties
CREATE UNLOGGED TABLE tbl.cache (
  k text PRIMARY KEY,
  v bytea,
  n integer
) WITH (fillfactor='50', autovacuum_enabled='false', toast.autovacuum_enabled=false);
ALTER TABLE tbl.cache ALTER COLUMN v SET STORAGE EXTERNAL;
ALTER TABLE tbl.cache ALTER COLUMN k SET STATISTICS 500;
ALTER TABLE tbl.cache ALTER COLUMN k SET (n_distinct = -1);
ALTER TABLE tbl.cache ALTER COLUMN n SET (n_distinct = 100, n_distinct_inherited = 5);
DO $$ BEGIN
  IF current_setting('server_version_num')::int >= 140000 THEN
    EXECUTE 'ALTER TABLE tbl.cache ALTER COLUMN v SET COMPRESSION pglz';
  END IF;
END $$;
ALTER TABLE tbl.cache ADD CONSTRAINT cache_k_check CHECK (k <> '') NOT VALID;
ALTER TABLE tbl.cache ADD CONSTRAINT "Cache_n_fkey" FOREIGN KEY (k) REFERENCES tbl.kinds(kind) NOT VALID;
CREATE TABLE tbl."Wide" (a integer, b text) WITH (autovacuum_vacuum_scale_factor='0.005', parallel_workers=2);

-- REPLICA IDENTITY, CLUSTER ON, index statistics
CREATE TABLE tbl.ri_full (a integer);
ALTER TABLE tbl.ri_full REPLICA IDENTITY FULL;
DO $$ BEGIN
  IF current_setting('server_version_num')::int >= 180000 THEN
    EXECUTE 'ALTER TABLE tbl.ri_full ADD CONSTRAINT ri_full_a_nn NOT NULL a NOT VALID';
    -- virtual generated columns (18)
    EXECUTE 'CREATE TABLE tbl.gen_virtual (a integer, b integer GENERATED ALWAYS AS (a * 2) VIRTUAL, '
            '"C d" text GENERATED ALWAYS AS (''n'' || a) VIRTUAL NOT NULL, e integer GENERATED ALWAYS AS (a + 1) STORED)';
    EXECUTE 'COMMENT ON COLUMN tbl.gen_virtual.b IS ''twice a''';
  END IF;
END $$;
CREATE TABLE tbl.ri_nothing (a integer);
ALTER TABLE tbl.ri_nothing REPLICA IDENTITY NOTHING;
CREATE TABLE tbl.ri_index (a integer NOT NULL, b integer NOT NULL, c integer);
CREATE UNIQUE INDEX ri_index_a ON tbl.ri_index (a);
ALTER TABLE tbl.ri_index REPLICA IDENTITY USING INDEX ri_index_a;
ALTER TABLE tbl.ri_index ADD CONSTRAINT "RI_b_key" UNIQUE (b);
ALTER TABLE tbl.ri_index CLUSTER ON "RI_b_key";
CREATE INDEX ri_index_expr ON tbl.ri_index ((a + b), c, (a * c));
ALTER INDEX tbl.ri_index_expr ALTER COLUMN 1 SET STATISTICS 300;
ALTER INDEX tbl.ri_index_expr ALTER COLUMN 3 SET STATISTICS 1000;
CREATE TABLE tbl.clustered (x integer, y integer);
CREATE INDEX clustered_x ON tbl.clustered (x);
ALTER TABLE tbl.clustered CLUSTER ON clustered_x;
CREATE TABLE tbl.pk_ident (id integer PRIMARY KEY);
ALTER TABLE tbl.pk_ident REPLICA IDENTITY USING INDEX pk_ident_pkey;

-- Typed tables
CREATE TYPE tbl.pair AS (x integer, y text);
CREATE TABLE tbl.typed OF tbl.pair (x WITH OPTIONS NOT NULL, y WITH OPTIONS DEFAULT 'y', PRIMARY KEY (x));
CREATE TABLE tbl.typed_plain OF tbl.pair;
COMMENT ON TABLE tbl.typed_plain IS 'typed';

-- Exclusion constraint
CREATE TABLE tbl.booking (during int4range, CONSTRAINT booking_during_excl EXCLUDE USING gist (during WITH &&));

-- Materialized views
CREATE MATERIALIZED VIEW tbl."Summary" AS SELECT kind, count(*) AS n FROM tbl."Events" GROUP BY kind WITH NO DATA;
CREATE UNIQUE INDEX summary_kind_idx ON tbl."Summary" (kind);
COMMENT ON MATERIALIZED VIEW tbl."Summary" IS 'summary';
COMMENT ON COLUMN tbl."Summary".n IS 'how many';
GRANT SELECT ON tbl."Summary" TO PUBLIC;
CREATE MATERIALIZED VIEW tbl.mv_opts WITH (fillfactor=70) AS SELECT 1 AS one, 'x'::text AS two;
ALTER MATERIALIZED VIEW tbl.mv_opts ALTER COLUMN one SET STATISTICS 100;
CREATE TABLE tbl.authors (id integer PRIMARY KEY, name text);
CREATE MATERIALIZED VIEW tbl.author_names AS SELECT a.id, a.name, count(*) AS n FROM tbl.authors a GROUP BY a.id;
CREATE MATERIALIZED VIEW tbl.mv_on_mv AS SELECT id, n FROM tbl.author_names;
CREATE VIEW tbl.on_mv AS SELECT kind FROM tbl."Summary";

-- Extended statistics (expressions from 14), with a target and a comment
CREATE TABLE tbl.measures (a integer, b integer, label text);
CREATE STATISTICS tbl.measures_ab (ndistinct, dependencies) ON a, b FROM tbl.measures;
CREATE STATISTICS tbl."Measures MCV" (mcv) ON a, label FROM tbl.measures;
ALTER STATISTICS tbl."Measures MCV" SET STATISTICS 250;
COMMENT ON STATISTICS tbl.measures_ab IS 'a and b move together';
DO $$ BEGIN
  IF current_setting('server_version_num')::int >= 140000 THEN
    EXECUTE 'CREATE STATISTICS tbl.measures_expr ON (a + b), label FROM tbl.measures';
  END IF;
END $$;

-- Unlogged sequences (15): standalone, and identity sequences whose persistence differs from
-- their table's
DO $$ BEGIN
  IF current_setting('server_version_num')::int >= 150000 THEN
    EXECUTE 'CREATE UNLOGGED SEQUENCE tbl.scratch_seq START 5';
    EXECUTE 'CREATE TABLE tbl.logged_ident (id integer GENERATED ALWAYS AS IDENTITY, v text)';
    EXECUTE 'ALTER SEQUENCE tbl.logged_ident_id_seq SET UNLOGGED';
    EXECUTE 'CREATE UNLOGGED TABLE tbl.unlogged_ident (id bigint GENERATED BY DEFAULT AS IDENTITY)';
    EXECUTE 'ALTER SEQUENCE tbl.unlogged_ident_id_seq SET LOGGED';
  END IF;
END $$;

-- Relations and indexes in a tablespace (the test harness creates "Fast Space"): SET
-- default_tablespace around them, left out with --no-tablespaces
CREATE TABLE tbl.spaced (id integer PRIMARY KEY USING INDEX TABLESPACE "Fast Space", v text UNIQUE)
    TABLESPACE "Fast Space";
CREATE INDEX spaced_v ON tbl.spaced (v) TABLESPACE "Fast Space";
CREATE INDEX grid_spaced ON tbl."Wide" (a) TABLESPACE "Fast Space";
CREATE TABLE tbl.spaced_parted (id integer, at date) PARTITION BY RANGE (at) TABLESPACE "Fast Space";
CREATE TABLE tbl.spaced_2024 PARTITION OF tbl.spaced_parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE tbl.spaced_2025 PARTITION OF tbl.spaced_parted
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') TABLESPACE pg_default;
CREATE MATERIALIZED VIEW tbl.spaced_mv TABLESPACE "Fast Space" AS SELECT id FROM tbl.spaced;

-- Index text: plain indexes are printed by the client from their parts, the others by the
-- server (pg_get_indexdef). Keywords as column names (json_table is one from server 17 on, so
-- the server's own quoting decides), ordering flags, INCLUDE, hash, a varchar column and a
-- domain column (opclass matched through the base type), a non-default opclass, collations,
-- storage parameters, a partial index, and an array column (GIN).
CREATE DOMAIN tbl.code AS text;
CREATE TABLE tbl.indexed (
  "user" integer, "order" text, json_table integer, "Mixed" integer, v varchar(20),
  d tbl.code, c text COLLATE "C", tags integer[]
);
CREATE INDEX "Indexed Keywords" ON tbl.indexed ("user", "order", json_table, "Mixed");
CREATE INDEX indexed_order_flags ON tbl.indexed ("user" DESC, "order" DESC NULLS LAST,
    json_table NULLS FIRST, "Mixed" ASC NULLS LAST);
CREATE UNIQUE INDEX indexed_include ON tbl.indexed ("user") INCLUDE ("order", "Mixed");
CREATE INDEX indexed_hash ON tbl.indexed USING hash ("order");
CREATE INDEX indexed_varchar ON tbl.indexed (v);
CREATE INDEX indexed_domain ON tbl.indexed (d);
CREATE INDEX indexed_pattern ON tbl.indexed ("order" text_pattern_ops);
CREATE INDEX indexed_collate ON tbl.indexed ("order" COLLATE "C");
CREATE INDEX indexed_same_collate ON tbl.indexed (c COLLATE "C");
CREATE INDEX indexed_fill ON tbl.indexed ("user") WITH (fillfactor = 70);
CREATE INDEX indexed_partial ON tbl.indexed ("Mixed") WHERE "user" > 0 AND "order" <> 'x';
CREATE INDEX indexed_tags ON tbl.indexed USING gin (tags);
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 150000 THEN
    EXECUTE 'CREATE UNIQUE INDEX indexed_nulls ON tbl.indexed (json_table) NULLS NOT DISTINCT';
  END IF;
END $$;

-- Key constraints, printed by the client: primary and unique keys as pg_dump prints them (its
-- own quoting: json_table is quoted even for servers before 17, which do not know it as a
-- keyword; INCLUDE; storage parameters), plain foreign keys as the server does; a SET NULL
-- column list is left to the server. Keywords and mixed case as names, composite keys, every
-- action.
CREATE TABLE tbl."Keyed" ("user" integer, json_table integer, "Mixed" text, extra integer,
  CONSTRAINT "Keyed_pk" PRIMARY KEY ("user", json_table),
  CONSTRAINT keyed_mixed UNIQUE ("Mixed"),
  CONSTRAINT keyed_deferrable UNIQUE ("Mixed", extra) DEFERRABLE,
  CONSTRAINT keyed_include UNIQUE (extra) INCLUDE ("Mixed"),
  CONSTRAINT keyed_fill UNIQUE ("Mixed", "user") WITH (fillfactor = 80));
CREATE TABLE tbl.keyed_ref (id integer PRIMARY KEY, u integer, j integer, m text, e integer,
  CONSTRAINT keyed_ref_fk FOREIGN KEY (u, j) REFERENCES tbl."Keyed" ("user", json_table)
    MATCH FULL ON UPDATE RESTRICT ON DELETE SET DEFAULT,
  CONSTRAINT keyed_ref_m FOREIGN KEY (m) REFERENCES tbl."Keyed" ("Mixed")
    ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT keyed_ref_e FOREIGN KEY (e) REFERENCES tbl."Keyed" (extra) ON UPDATE SET NULL);
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 150000 THEN
    EXECUTE 'ALTER TABLE tbl.keyed_ref ADD CONSTRAINT keyed_ref_nnd UNIQUE NULLS NOT DISTINCT (m, e)';
    EXECUTE 'ALTER TABLE tbl.keyed_ref ADD CONSTRAINT keyed_ref_setnull FOREIGN KEY (u, j) '
         || 'REFERENCES tbl."Keyed" ("user", json_table) ON DELETE SET NULL (u)';
  END IF;
END $$;
