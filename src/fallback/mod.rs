//! The fallback engine: run the real pg_dump against a source. [`binaries`] finds pg_dump
//! programs and picks one the server accepts, [`command`] builds the invocation as a pure value
//! (secrets only in the environment), and [`run`] spawns it, spooling the output to a temporary
//! file that is handed back only when pg_dump succeeded.

pub mod binaries;
pub mod command;
pub mod run;

pub use binaries::{Advice, PgDumpBinary, PgDumpCatalog};
pub use command::{CommandSpec, build_command};
pub use run::{Finished, RunError, run_pg_dump, run_pg_dump_keeping_messages};
