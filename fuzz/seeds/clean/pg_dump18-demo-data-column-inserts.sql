--
-- PostgreSQL database dump
--

\restrict NDoF95V4wSVT65sfO6hM2RgB8ABpvIYY8MhLVzkiyv3xse0B3Uch9XUrvLtso66

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

INSERT INTO public.authors (id, name, email, created_at) OVERRIDING SYSTEM VALUE VALUES (1, 'Ada', 'ada@example.com', '2026-12-04 20:40:57.039315+00');
INSERT INTO public.authors (id, name, email, created_at) OVERRIDING SYSTEM VALUE VALUES (2, 'Grace', 'grace@example.com', '2026-12-04 20:40:57.039315+00');


--
-- Data for Name: articles; Type: TABLE DATA; Schema: public; Owner: postgres
--

INSERT INTO public.articles (id, author_id, title, body, published) VALUES (1, 1, 'Notes', 'first line

-- not a comment
last line', true);
INSERT INTO public.articles (id, author_id, title, body, published) VALUES (2, 2, 'Compilers', 'A draft', false);


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

\unrestrict NDoF95V4wSVT65sfO6hM2RgB8ABpvIYY8MhLVzkiyv3xse0B3Uch9XUrvLtso66

