--
-- PostgreSQL database dump
--

\restrict 44Sgfg0JrTbzmfdLAue88KR87Nc5CyXX96Cjt8SNeaoZEEruyISeeOxezqk4MUA

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

COPY public.notes (id, body, tag) FROM stdin;
1	first\n\n-- not a comment\nSET statement_timeout = 0;\n\\restrict abc\n\n	a\n\n-- b
2	plain	b
3	\N	back\\slash, tab\t and a quote ' here
4	\n	--\n--
5	COPY x FROM stdin;\n\\.\nend	SET client_encoding = 'UTF8';
\.


--
-- Data for Name: seed_lines; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.seed_lines (line) FROM stdin;

-- hi
SET statement_timeout = 0;
\\restrict abc
CREATE SCHEMA public;
   
\.


--
-- PostgreSQL database dump complete
--

\unrestrict 44Sgfg0JrTbzmfdLAue88KR87Nc5CyXX96Cjt8SNeaoZEEruyISeeOxezqk4MUA

