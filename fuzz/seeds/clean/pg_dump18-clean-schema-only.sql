--
-- PostgreSQL database dump
--

\restrict f5YDOeXH2OfXRH3WjHzbNdgszppzDLkpyyV5AIEjgFkVRKKiNtw8RyKAB10dy79

-- Dumped from database version 18.4
-- Dumped by pg_dump version 18.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: hdb_catalog; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA hdb_catalog;


ALTER SCHEMA hdb_catalog OWNER TO postgres;

--
-- Name: notify_hasura_note_INSERT(); Type: FUNCTION; Schema: hdb_catalog; Owner: postgres
--

CREATE FUNCTION hdb_catalog."notify_hasura_note_INSERT"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RETURN NEW;
END;
$$;


ALTER FUNCTION hdb_catalog."notify_hasura_note_INSERT"() OWNER TO postgres;

--
-- Name: notify_hasura_note_update(); Type: FUNCTION; Schema: hdb_catalog; Owner: postgres
--

CREATE FUNCTION hdb_catalog.notify_hasura_note_update() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NEW; END; $$;


ALTER FUNCTION hdb_catalog.notify_hasura_note_update() OWNER TO postgres;

--
-- Name: sql_body(integer); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.sql_body(x integer) RETURNS integer
    LANGUAGE sql
    AS $$

SELECT x
-- trailing comment line
$$;


ALTER FUNCTION public.sql_body(x integer) OWNER TO postgres;

--
-- Name: touch(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
BEGIN

  -- a comment line inside the body

  NEW.tag := coalesce(NEW.tag, $$--
$$);
  RETURN NEW;
END;
$_$;


ALTER FUNCTION public.touch() OWNER TO postgres;

--
-- Name: tricky(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.tricky() RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN

-- looks like a dump comment
  RETURN 'SET statement_timeout = 0;
SET lock_timeout = 0;

\restrict abc
CREATE SCHEMA public;
';
END;
$$;


ALTER FUNCTION public.tricky() OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: notes; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.notes (
    id integer NOT NULL,
    body text,
    tag text DEFAULT 'a

-- b'::text
);


ALTER TABLE public.notes OWNER TO postgres;

--
-- Name: TABLE notes; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public.notes IS 'line one

-- line three
SET statement_timeout = 0;
COMMENT ON SCHEMA public IS ''standard public schema'';';


--
-- Name: COLUMN notes.body; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public.notes.body IS 'it''s \ here
\unrestrict xyz';


--
-- Name: note_view; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.note_view AS
 SELECT id,
    'x

-- y'::text AS t
   FROM public.notes;


ALTER VIEW public.note_view OWNER TO postgres;

--
-- Name: seed_lines; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.seed_lines (
    line text
);


ALTER TABLE public.seed_lines OWNER TO postgres;

--
-- Name: notes notes_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);


--
-- Name: notes notify_hasura_note_INSERT; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER "notify_hasura_note_INSERT" AFTER INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION hdb_catalog."notify_hasura_note_INSERT"();


--
-- Name: notes notify_hasura_note_update; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER notify_hasura_note_update AFTER UPDATE ON public.notes FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_note_update();


--
-- Name: notes touch_notes; Type: TRIGGER; Schema: public; Owner: postgres
--

CREATE TRIGGER touch_notes BEFORE INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION public.touch();


--
-- PostgreSQL database dump complete
--

\unrestrict f5YDOeXH2OfXRH3WjHzbNdgszppzDLkpyyV5AIEjgFkVRKKiNtw8RyKAB10dy79

