--
-- PostgreSQL database dump
--

\restrict 5FQ4nyNYV0F1SfSEJtLo0vqyRh9KWUyGtXq0rDKepTI8OFdujLtaLKaK0uPWfCa

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
-- Data for Name: authors; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.authors (id, name, email, created_at) FROM stdin;
1	Ada	ada@example.com	2026-12-04 20:40:57.039315+00
2	Grace	grace@example.com	2026-12-04 20:40:57.039315+00
\.


--
-- Data for Name: articles; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.articles (id, author_id, title, body, published) FROM stdin;
1	1	Notes	first line\n\n-- not a comment\nlast line	t
2	2	Compilers	A draft	f
\.


--
-- Name: articles_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.articles_id_seq', 2, true);


--
-- Name: authors_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.authors_id_seq', 2, true);


--
-- PostgreSQL database dump complete
--

\unrestrict 5FQ4nyNYV0F1SfSEJtLo0vqyRh9KWUyGtXq0rDKepTI8OFdujLtaLKaK0uPWfCa

