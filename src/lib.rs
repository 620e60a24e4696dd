//! pgdumpd: the PG Dump API (`POST /v1alpha1/pg_dump`, as Hasura GraphQL Engine offers it) as a
//! standalone service and CLI.
//!
//! A request flows: HTTP ([`http`]) or the command line ([`cli`]) → options ([`options`],
//! pg_dump's own grammar, and the API's policy) → engine → clean ([`clean`]) → response or output
//! file. The engine is the native one ([`native`]: catalogs read over tokio-postgres, rendered as
//! pg_dump 18 would) for the schema-only dumps it can serve completely, and otherwise the fallback
//! ([`fallback`]): the real pg_dump, chosen to match the server, its output spooled to a temporary
//! file and used only once it succeeded. Sources are described by libpq connection strings
//! ([`conninfo`]) and reached over TLS-capable connections ([`db`]). [`cluster`] starts throwaway
//! PostgreSQL clusters for the demo mode and the tests.

pub mod catalog;
pub mod clean;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod conninfo;
pub mod db;
pub mod fallback;
pub mod http;
pub mod model;
pub mod native;
pub mod options;
pub mod order;
pub mod render;
pub mod server;
