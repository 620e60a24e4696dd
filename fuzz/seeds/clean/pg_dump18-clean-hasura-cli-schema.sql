--
-- PostgreSQL database dump
--

\restrict lru3aB2nZkTC3AaD3G47jha1LY1Fj9zexalfv2i8J4P1vAASCGYLyvD1pnGuycL

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
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA public;


--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA public IS 'standard public schema';


--
-- Name: sql_body(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sql_body(x integer) RETURNS integer
    LANGUAGE sql
    AS $$

SELECT x
-- trailing comment line
$$;


--
-- Name: touch(); Type: FUNCTION; Schema: public; Owner: -
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


--
-- Name: tricky(); Type: FUNCTION; Schema: public; Owner: -
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


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: notes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notes (
    id integer NOT NULL,
    body text,
    tag text DEFAULT 'a

-- b'::text
);


--
-- Name: TABLE notes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.notes IS 'line one

-- line three
SET statement_timeout = 0;
COMMENT ON SCHEMA public IS ''standard public schema'';';


--
-- Name: COLUMN notes.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.notes.body IS 'it''s \ here
\unrestrict xyz';


--
-- Name: note_view; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.note_view AS
 SELECT id,
    'x

-- y'::text AS t
   FROM public.notes;


--
-- Name: seed_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.seed_lines (
    line text
);


--
-- Name: notes notes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);


--
-- Name: notes notify_hasura_note_INSERT; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "notify_hasura_note_INSERT" AFTER INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION hdb_catalog."notify_hasura_note_INSERT"();


--
-- Name: notes notify_hasura_note_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER notify_hasura_note_update AFTER UPDATE ON public.notes FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_note_update();


--
-- Name: notes touch_notes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER touch_notes BEFORE INSERT ON public.notes FOR EACH ROW EXECUTE FUNCTION public.touch();


--
-- PostgreSQL database dump complete
--

\unrestrict lru3aB2nZkTC3AaD3G47jha1LY1Fj9zexalfv2i8J4P1vAASCGYLyvD1pnGuycL

