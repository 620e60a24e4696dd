//! Command-line front ends other than the server. [`dump`] is `pgdumpd dump`, a drop-in for
//! `pg_dump --schema-only` on machines without pg_dump: the same grammar, connection options and
//! exit status as pg_dump, and the same engines as the server.

pub mod dump;
