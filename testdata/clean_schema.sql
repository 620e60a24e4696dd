-- A schema written to trip line-based cleaners: blank lines, `--` lines, front-matter lines and
-- psql meta-commands inside function bodies, string literals, comments and data; plus Hasura's
-- event-trigger triggers, which clean_output must drop, next to an ordinary trigger it must keep.
CREATE SCHEMA hdb_catalog;

CREATE FUNCTION hdb_catalog."notify_hasura_note_INSERT"() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
  RETURN NEW;
END;
$$;

CREATE FUNCTION hdb_catalog.notify_hasura_note_update() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql AS $_$
BEGIN

  -- a comment line inside the body

  NEW.tag := coalesce(NEW.tag, $$--
$$);
  RETURN NEW;
END;
$_$;

CREATE FUNCTION public.tricky() RETURNS text
    LANGUAGE plpgsql AS $body$
BEGIN

-- looks like a dump comment
  RETURN 'SET statement_timeout = 0;
SET lock_timeout = 0;

\restrict abc
CREATE SCHEMA public;
';
END;
$body$;

CREATE FUNCTION public.sql_body(x integer) RETURNS integer
    LANGUAGE sql AS $$

SELECT x
-- trailing comment line
$$;

CREATE TABLE public.notes (
    id integer PRIMARY KEY,
    body text,
    tag text DEFAULT 'a

-- b'
);

COMMENT ON TABLE public.notes IS 'line one

-- line three
SET statement_timeout = 0;
COMMENT ON SCHEMA public IS ''standard public schema'';';

COMMENT ON COLUMN public.notes.body IS E'it''s \\ here
\\unrestrict xyz';

CREATE VIEW public.note_view AS SELECT id, 'x

-- y'::text AS t FROM public.notes;

CREATE TRIGGER touch_notes BEFORE INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE TRIGGER "notify_hasura_note_INSERT" AFTER INSERT ON public.notes
    FOR EACH ROW EXECUTE FUNCTION hdb_catalog."notify_hasura_note_INSERT"();
CREATE TRIGGER notify_hasura_note_update AFTER UPDATE ON public.notes
    FOR EACH ROW EXECUTE PROCEDURE hdb_catalog.notify_hasura_note_update();

INSERT INTO public.notes VALUES
    (1, E'first\n\n-- not a comment\nSET statement_timeout = 0;\n\\restrict abc\n\n', DEFAULT),
    (2, 'plain', 'b'),
    (3, NULL, E'back\\slash, tab\t and a quote '' here'),
    (4, E'\n', E'--\n--'),
    (5, E'COPY x FROM stdin;\n\\.\nend', 'SET client_encoding = ''UTF8'';');

-- One text column, so COPY data lines can look exactly like what a cleaner drops.
CREATE TABLE public.seed_lines (line text);
INSERT INTO public.seed_lines VALUES
    (''), ('-- hi'), ('SET statement_timeout = 0;'), (E'\\restrict abc'), ('CREATE SCHEMA public;'), ('   ');
