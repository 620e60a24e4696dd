//! pg_dump command-line options: which ones pg_dump 18 has, how its
//! arguments are parsed, and which of them the HTTP API (`POST
//! /v1alpha1/pg_dump`, body `{"opts": [...]}`) lets through.
//!
//! Three layers, each in its own file:
//! - `spec`: the option table ([`OPTIONS`]), one entry per pg_dump 18 option,
//!   with the API policy decision for each;
//! - `getopt`: [`parse_args`], the argument grammar of glibc `getopt_long`
//!   as pg_dump on Linux uses it, with no policy (the command-line front
//!   end, where `-f` and a database name are fine, uses it directly);
//! - `api`: [`ParsedArgs::into_api_options`], the API policy, and
//!   [`DumpOptions::to_pg_dump_args`], the canonical `--long[=value]`
//!   arguments handed to the real pg_dump.
//!
//! We parse the way pg_dump would and then hand pg_dump a canonical form
//! rather than the user's text, so the options we vetted are exactly the
//! options pg_dump acts on: a bundled `-Oxf/tmp/x` or an abbreviated
//! `--filt=...` can't slip past a check that only looks for `-f`.
//!
//! For example, the Hasura CLI's `["-O", "-x", "--schema-only", "--schema",
//! "public"]` parses, passes the policy, and becomes `--no-owner
//! --no-privileges --schema-only --schema=public`.

mod api;
mod error;
mod getopt;
pub mod pattern;
mod spec;

pub use api::DumpOptions;
pub use error::OptionsError;
pub use getopt::{ParsedArgs, ParsedOption};
pub use spec::{ArgKind, OPTIONS, OptionSpec, Policy, by_long, format_refusal};

/// Parses pg_dump arguments (without the program name) the way pg_dump 18
/// on Linux would: pure grammar, no policy.
pub fn parse_args(args: &[String]) -> Result<ParsedArgs, OptionsError> {
    getopt::parse_with(OPTIONS, args)
}
