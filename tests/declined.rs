//! Objects the native engine does not render: each is named in its refusal (so auto mode falls
//! back to pg_dump and native mode fails listing them), never silently left out; and a dump
//! that leaves them out (another schema) is still served natively, equal to pg_dump's.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use pgdumpd::cluster::ClusterOptions;
use pgdumpd::native::{NativeError, NativeOptions};
use pgdumpd::options::parse_args;

const DB: &str = "declined";

/// One object of each kind, in schema `odd`; schema `plain` holds only what is rendered.
const SCHEMA: &str = r#"
CREATE SCHEMA plain;
CREATE TABLE plain.t (id integer PRIMARY KEY);
CREATE SCHEMA odd;
CREATE FOREIGN DATA WRAPPER odd_fdw;
CREATE SERVER odd_srv FOREIGN DATA WRAPPER odd_fdw;
CREATE TABLE odd.parent (a integer CHECK (a > 0));
CREATE FOREIGN TABLE odd.child () INHERITS (odd.parent) SERVER odd_srv;
CREATE TABLE odd.sys (a integer);
GRANT SELECT (ctid) ON odd.sys TO PUBLIC;
CREATE FUNCTION odd.ext_dep() RETURNS integer LANGUAGE sql AS 'SELECT 1';
ALTER FUNCTION odd.ext_dep() DEPENDS ON EXTENSION plpgsql;
CREATE OPERATOR FAMILY odd.fam USING btree;
"#;

fn options(args: &[&str]) -> NativeOptions {
    let mut owned: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    owned.push("--restrict-key=declinedkey".into());
    let parsed = parse_args(&owned).unwrap().into_api_options().unwrap();
    NativeOptions::from_dump_options(&parsed).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn unrendered_objects_are_named_never_left_out() {
    let cluster = cluster_with_db(ClusterOptions::default(), DB, SCHEMA).await;
    let info = cluster.conninfo(DB);
    match pgdumpd::native::dump(&info, &options(&["-s"])).await {
        Err(NativeError::Unsupported(items)) => {
            let listed: Vec<String> = items
                .iter()
                .map(|u| format!("{}: {}", u.kind, u.name))
                .collect();
            for expected in [
                "FOREIGN TABLE (inheritance): child",
                "COLUMN PRIVILEGES (system column): sys.ctid",
                "DEPENDS ON EXTENSION: ext_dep",
                "OPERATOR FAMILY: fam",
            ] {
                assert!(
                    listed.iter().any(|l| l == expected),
                    "{expected:?} not in {listed:#?}"
                );
            }
        }
        other => panic!(
            "expected a refusal naming the objects, got {:?}",
            other.map(|t| t.len())
        ),
    }
    // Without schema odd nothing is left that the engine cannot render.
    let args = ["-s", "-n", "plain", "--restrict-key=declinedkey"];
    let native = pgdumpd::native::dump(&info, &options(&args[..3]))
        .await
        .expect("served natively");
    let expected = run_pg_dump(&cluster, DB, &args);
    let without_dumped_by = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("-- Dumped by"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_dumped_by(&native), without_dumped_by(&expected));
}
