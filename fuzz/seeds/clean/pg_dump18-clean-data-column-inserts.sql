--
-- PostgreSQL database dump
--

\restrict MWbKLh4tQQDtTkV4oxuFxWnPl4F8fu1NYqd1sjnEyWJzvIuvxwpoiTPK3hh7mWi

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
-- Data for Name: notes; Type: TABLE DATA; Schema: public; Owner: postgres
--

INSERT INTO public.notes (id, body, tag) VALUES (1, 'first

-- not a comment
SET statement_timeout = 0;
\restrict abc

', 'a

-- b');
INSERT INTO public.notes (id, body, tag) VALUES (2, 'plain', 'b');
INSERT INTO public.notes (id, body, tag) VALUES (3, NULL, 'back\slash, tab	 and a quote '' here');
INSERT INTO public.notes (id, body, tag) VALUES (4, '
', '--
--');
INSERT INTO public.notes (id, body, tag) VALUES (5, 'COPY x FROM stdin;
\.
end', 'SET client_encoding = ''UTF8'';');


--
-- Data for Name: seed_lines; Type: TABLE DATA; Schema: public; Owner: postgres
--

INSERT INTO public.seed_lines (line) VALUES ('');
INSERT INTO public.seed_lines (line) VALUES ('-- hi');
INSERT INTO public.seed_lines (line) VALUES ('SET statement_timeout = 0;');
INSERT INTO public.seed_lines (line) VALUES ('\restrict abc');
INSERT INTO public.seed_lines (line) VALUES ('CREATE SCHEMA public;');
INSERT INTO public.seed_lines (line) VALUES ('   ');


--
-- PostgreSQL database dump complete
--

\unrestrict MWbKLh4tQQDtTkV4oxuFxWnPl4F8fu1NYqd1sjnEyWJzvIuvxwpoiTPK3hh7mWi

