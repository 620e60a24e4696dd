//! The server's validated configuration: sources, admin secret, enabled APIs, pg_dump programs and
//! the limits on dumps. Built once at start-up (from the command line in `main.rs`, or directly by
//! tests) and shared read-only by every request.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use indexmap::IndexMap;

use crate::conninfo::ConnInfo;
use crate::fallback::PgDumpCatalog;

/// The API groups Hasura's `HASURA_GRAPHQL_ENABLED_APIS` knows. We serve only `pgdump`, but accept
/// the others so one setting can be shared with a Hasura deployment.
pub const KNOWN_APIS: &[&str] = &[
    "graphql",
    "metadata",
    "pgdump",
    "config",
    "developer",
    "metrics",
];

/// Parses a comma-separated list of API names; unknown names are an error naming them.
pub fn parse_enabled_apis(list: &str) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let lower = name.to_ascii_lowercase();
        if !KNOWN_APIS.contains(&lower.as_str()) {
            return Err(format!(
                "invalid value \"{name}\" in --enabled-apis / HASURA_GRAPHQL_ENABLED_APIS; expected a comma-separated list of: {}",
                KNOWN_APIS.join(", ")
            ));
        }
        out.insert(lower);
    }
    Ok(out)
}

/// Parses `--source NAME=URL`.
pub fn parse_source_arg(arg: &str) -> Result<(String, ConnInfo), String> {
    let (name, url) = arg
        .split_once('=')
        .ok_or_else(|| "--source expects NAME=URL".to_string())?;
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(format!(
            "invalid source name \"{name}\": use letters, digits, '_' and '-'"
        ));
    }
    let info = ConnInfo::parse(url).map_err(|e| format!("source \"{name}\": {e}"))?;
    Ok((name.to_string(), info))
}

/// Which engine answers dump requests (`--engine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineMode {
    /// Native for schema-only requests it can serve completely, pg_dump otherwise.
    #[default]
    Auto,
    /// Native only: anything it cannot serve is an error naming why.
    Native,
    /// Always the real pg_dump.
    PgDump,
}

impl std::str::FromStr for EngineMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(EngineMode::Auto),
            "native" => Ok(EngineMode::Native),
            "pg-dump" | "pg_dump" => Ok(EngineMode::PgDump),
            other => Err(format!(
                "invalid engine \"{other}\": expected auto, native or pg-dump"
            )),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub engine: EngineMode,
    /// Named sources; "default" is the one from `--database-url`.
    pub sources: IndexMap<String, ConnInfo>,
    pub admin_secret: Option<String>,
    pub pgdump_enabled: bool,
    pub pg_dumps: PgDumpCatalog,
    /// Where dumps are spooled (anonymous files, never visible by name).
    pub temp_dir: PathBuf,
    pub dump_timeout: Duration,
    pub max_concurrent_dumps: usize,
    /// Requests beyond this many waiting for a slot get 503 at once.
    pub max_queued_dumps: usize,
    /// How long a request waits for a slot before 503.
    pub queue_timeout: Duration,
    /// Longest a client may take to send a request's headers; its body then gets as long again.
    /// Slower clients (slowloris) are cut off.
    pub header_read_timeout: Duration,
}

impl ServerConfig {
    /// A configuration with the documented defaults and the given sources.
    pub fn new(sources: IndexMap<String, ConnInfo>, pg_dumps: PgDumpCatalog) -> Self {
        Self {
            engine: EngineMode::Auto,
            sources,
            admin_secret: None,
            pgdump_enabled: true,
            pg_dumps,
            temp_dir: std::env::temp_dir(),
            dump_timeout: Duration::from_secs(600),
            max_concurrent_dumps: 4,
            max_queued_dumps: 64,
            queue_timeout: Duration::from_secs(30),
            header_read_timeout: Duration::from_secs(10),
        }
    }

    /// Every secret that must never appear in output: database passwords and the admin secret.
    pub fn secrets(&self) -> Vec<&str> {
        let mut s: Vec<&str> = self
            .sources
            .values()
            .filter_map(ConnInfo::password)
            .collect();
        if let Some(a) = &self.admin_secret {
            s.push(a);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enabled_apis_accept_hasura_names_and_reject_others() {
        let set = parse_enabled_apis("graphql, metadata,PGDUMP").unwrap();
        assert!(set.contains("pgdump") && set.contains("graphql"));
        let err = parse_enabled_apis("graphql,pg_dump").unwrap_err();
        assert!(err.contains("\"pg_dump\""), "{err}");
        assert!(parse_enabled_apis("").unwrap().is_empty());
    }

    #[test]
    fn source_arguments() {
        let (name, info) = parse_source_arg("reports=postgres://u@h/db").unwrap();
        assert_eq!(name, "reports");
        assert_eq!(info.get("dbname"), Some("db"));
        assert!(parse_source_arg("nourl").is_err());
        assert!(parse_source_arg("bad name=postgres://h/d").is_err());
    }
}
