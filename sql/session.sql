-- Session settings pg_dump 18 applies before reading the catalogs (pg_dump.c setup_connection),
-- one statement per line; lines marked "-- min NNNNNN" run only on servers of that version or newer.
-- They change the text the server returns (pg_get_expr, format_type, regclass output), so the
-- native engine must use the very same ones. The last two are ours: the catalogs are read on
-- three connections at once, and parallel workers on top of them only add processes competing
-- for the same cores (10,000 tables on 2 cores: about 0.2 s faster without); and a server built
-- with JIT would compile the larger catalog queries of a big database first (their estimated
-- cost passes jit_above_cost; not measured: the test servers are built without JIT).
SELECT pg_catalog.set_config('search_path', '', false)
SET DATESTYLE = ISO
SET INTERVALSTYLE = POSTGRES
SET extra_float_digits TO 3
SET synchronize_seqscans TO off
SET statement_timeout = 0
SET lock_timeout = 0
SET idle_in_transaction_session_timeout = 0
SET transaction_timeout = 0 -- min 170000
SET row_security = off
SET max_parallel_workers_per_gather = 0
SET jit = off
