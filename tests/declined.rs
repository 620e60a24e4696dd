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
    // Privileges are not dumped with -x: a grant on a system column is then nothing to decline.
    match pgdumpd::native::dump(&info, &options(&["-s", "-x"])).await {
        Err(NativeError::Unsupported(items)) => assert!(
            items
                .iter()
                .all(|u| !u.kind.starts_with("COLUMN PRIVILEGES")),
            "{items:?}"
        ),
        other => panic!("expected a refusal, got {:?}", other.map(|t| t.len())),
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

/// pg_dump writes a LATIN1 database's dump in LATIN1 and sorts its names as LATIN1 bytes; the
/// native engine, which writes UTF-8, declines it.
#[tokio::test(flavor = "multi_thread")]
async fn a_database_not_in_utf8_is_declined() {
    let cluster = cluster_with_db(ClusterOptions::default(), DB, "SELECT 1").await;
    cluster
        .execute(
            "postgres",
            "CREATE DATABASE latin TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'",
        )
        .await
        .unwrap();
    match pgdumpd::native::dump(&cluster.conninfo("latin"), &options(&["-s"])).await {
        Err(NativeError::Unsupported(items)) => {
            assert_eq!(items.len(), 1, "{items:?}");
            assert_eq!(
                (items[0].kind.as_str(), items[0].name.as_str()),
                ("DATABASE ENCODING", "LATIN1")
            );
        }
        other => panic!("expected a refusal, got {:?}", other.map(|t| t.len())),
    }
}
