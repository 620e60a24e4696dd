//! A role that lacks privileges on some objects: both engines fail or succeed exactly as pg_dump
//! 18 does when run as that role, with pg_dump's error text, and never serve a dump that
//! silently leaves out what the role cannot read.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use pgdumpd::cluster::{Cluster, ClusterOptions};
use pgdumpd::config::EngineMode;
use serde_json::json;

const DB: &str = "restricted";
const KEY: &str = "RoleKey";

const SCHEMA: &str = "
CREATE ROLE limited LOGIN;
CREATE SCHEMA app;
CREATE TABLE app.open (id int PRIMARY KEY, note text DEFAULT 'none' CHECK (note <> ''));
CREATE INDEX open_note ON app.open (note);
CREATE TABLE app.secret (id int PRIMARY KEY, token text NOT NULL);
CREATE SEQUENCE app.counter;
CREATE VIEW app.open_notes AS SELECT note FROM app.open;
CREATE FUNCTION app.answer() RETURNS int LANGUAGE sql AS 'SELECT 42';
ALTER TABLE app.open ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.open USING (id > 0);
COMMENT ON TABLE app.secret IS 'not for everyone';
CREATE SCHEMA hidden;
CREATE TABLE hidden.vault (id int);
REVOKE ALL ON SCHEMA hidden FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO limited;
GRANT SELECT ON app.open TO limited;
";

/// The option sets: some pg_dump refuses for this role (a table or schema it may not lock),
/// some it serves.
const CASES: [&[&str]; 6] = [
    &["-s"],
    &["-O", "-x", "--schema-only", "--schema", "app"],
    &["-s", "-n", "app", "-T", "app.secret"],
    &["-s", "-t", "app.open"],
    &["-s", "-n", "hidden"],
    &["-s", "-N", "hidden", "-T", "app.secret"],
];

/// The database as the role `limited` sees it.
fn limited_url(cluster: &Cluster) -> String {
    cluster.socket_url(DB).replacen("postgres@", "limited@", 1)
}

fn with_key(opts: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = opts.iter().map(|s| s.to_string()).collect();
    args.push(format!("--restrict-key={KEY}"));
    args
}

fn without_dumped_by(s: &str) -> String {
    s.lines()
        .filter(|l| !l.starts_with("-- Dumped by"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread")]
async fn both_engines_do_what_pg_dump_does_for_a_role_lacking_privileges() {
    let cluster = cluster_with_db(ClusterOptions::default(), DB, SCHEMA).await;
    let url = limited_url(&cluster);
    let mut servers = Vec::new();
    for engine in [EngineMode::Native, EngineMode::PgDump] {
        let mut config = config_with(&[("default", url.clone())], &[18]).await;
        config.engine = engine;
        servers.push((engine, TestServer::start(config).await));
    }
    let (mut refused, mut served) = (0, 0);
    for opts in CASES {
        let args = with_key(opts);
        let oracle = std::process::Command::new(pg_dump(18))
            .args(&args)
            .arg(&url)
            .output()
            .unwrap();
        let stdout = String::from_utf8(oracle.stdout).unwrap();
        let stderr = String::from_utf8(oracle.stderr).unwrap();
        if oracle.status.success() {
            served += 1;
            eprintln!("{opts:?}: pg_dump serves it");
        } else {
            refused += 1;
            eprintln!(
                "{opts:?}: pg_dump refuses: {}",
                stderr.lines().next().unwrap_or("")
            );
        }
        for (engine, server) in &servers {
            let (status, headers, body) = post_dump(server, json!({ "opts": args }), &[]).await;
            let case = format!("{engine:?} {opts:?}");
            if oracle.status.success() {
                assert_eq!(status, 200, "{case}: pg_dump served it:\n{body}");
                assert_eq!(
                    without_dumped_by(&body),
                    without_dumped_by(&stdout),
                    "{case}"
                );
                let expected = if *engine == EngineMode::Native {
                    "native"
                } else {
                    "pg_dump"
                };
                assert_eq!(headers["x-pgdumpd-engine"], expected, "{case}");
            } else {
                let j = assert_json_error(status, &headers, &body);
                assert_eq!(
                    j["error"], "error while executing pg_dump",
                    "{case}: {body}"
                );
                assert_eq!(
                    j["internal"].as_str().unwrap(),
                    stderr.trim_end(),
                    "{case}: not pg_dump's message"
                );
            }
        }
    }
    // The cases exercise both outcomes.
    assert!(
        refused >= 2 && served >= 2,
        "refused {refused}, served {served}"
    );
}
