//! Round trip of the native engine: its schema dump, restored into an empty database with psql,
//! must give back the same schema. "The same" is judged by the oracle: pg_dump 18's dump of the
//! restored database equals pg_dump 18's dump of the original, byte for byte (both with one
//! `--restrict-key`). Covers every schema of `testdata/native/` and every corpus schema the
//! native engine serves, on every server 13–18 (`PGDUMPD_FIDELITY_SERVERS=13,18` limits them,
//! `PGDUMPD_CORPUS=...` the corpus schemas). A schema the engine declines is counted, not
//! compared; the testdata schemas must never be declined.
#![allow(clippy::unwrap_used)]

mod common;

use common::corpus;
use pgdumpd::cluster::Cluster;
use pgdumpd::native::{NativeError, NativeOptions};
use pgdumpd::options::parse_args;

const ARGS: &[&str] = &["-s", "--restrict-key=pgdumpdRoundTrip"];

fn without_version_lines(dump: &str) -> String {
    dump.lines()
        .filter(|l| !l.starts_with("-- Dumped by ") && !l.starts_with("-- Dumped from "))
        .map(|l| format!("{l}\n"))
        .collect()
}

enum Outcome {
    Same,
    Declined,
    /// Neither the native dump nor pg_dump's own loads on this server (same error).
    NotRestorable,
    /// Not the original schema, but exactly what pg_dump's own dump gives back on this server.
    SameAsPgDump,
    Failed(String),
}

/// Restores a dump into a new database with psql (ON_ERROR_STOP), leaving out
/// `SET transaction_timeout`, which servers before 17 do not know (as the corpus README does).
/// The error names no temporary file, so two restores' errors compare.
async fn restore(cluster: &Cluster, db: &str, dump: &str) -> Result<(), String> {
    cluster.create_database(db).await.unwrap();
    let text: String = dump
        .lines()
        .filter(|l| *l != "SET transaction_timeout = 0;")
        .map(|l| format!("{l}\n"))
        .collect();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let path = file.path().display().to_string();
    common::psql_file(cluster, db, file.path()).map_err(|e| e.replace(&path, "DUMP"))
}

/// Native dump of `db` → restore into `restored` → pg_dump of both compared.
async fn round_trip(cluster: &Cluster, db: &str, restored: &str) -> Outcome {
    let owned: Vec<String> = ARGS.iter().map(|s| s.to_string()).collect();
    let parsed = parse_args(&owned).unwrap().into_api_options().unwrap();
    let opts = NativeOptions::from_dump_options(&parsed).unwrap();
    let native = match pgdumpd::native::dump(&cluster.conninfo(db), &opts).await {
        Ok(text) => text,
        Err(NativeError::Unsupported(_)) => return Outcome::Declined,
        Err(e) => return Outcome::Failed(format!("native dump failed: {e}")),
    };
    let original_dump = common::run_pg_dump(cluster, db, ARGS);
    if let Err(e) = restore(cluster, restored, &native).await {
        // pg_dump 18 writes for a PostgreSQL 18 target; on an older server some of its output
        // (e.g. a table's standalone `NOT NULL column` element) may not load. Then the round
        // trip is judged by what pg_dump's own dump does there.
        let probe = format!("{restored}_pg_dump");
        return match restore(cluster, &probe, &original_dump).await {
            Err(pg_dump_error) if pg_dump_error == e => Outcome::NotRestorable,
            _ => Outcome::Failed(format!("the native dump does not restore: {e}")),
        };
    }
    let original = without_version_lines(&original_dump);
    let again = without_version_lines(&common::run_pg_dump(cluster, restored, ARGS));
    if original == again {
        return Outcome::Same;
    }
    // Before 15, initdb's public schema has other privileges than the ones pg_dump 18 takes as
    // its base, so even pg_dump's own dump does not come back the same. The native dump must
    // then come back exactly as pg_dump's own does.
    let probe = format!("{restored}_pg_dump_rt");
    let as_pg_dump = restore(cluster, &probe, &original_dump).await.is_ok()
        && without_version_lines(&common::run_pg_dump(cluster, &probe, ARGS)) == again;
    if as_pg_dump {
        Outcome::SameAsPgDump
    } else {
        let diff = similar::TextDiff::from_lines(&original, &again)
            .unified_diff()
            .context_radius(3)
            .header(
                "pg_dump of the original",
                "pg_dump of the restored native dump",
            )
            .to_string();
        Outcome::Failed(format!("schemas differ after the round trip:\n{diff}"))
    }
}

const TESTDATA: &[(&str, &str)] = &[
    ("basic", include_str!("../testdata/native/basic.sql")),
    ("tricky", include_str!("../testdata/native/tricky.sql")),
    ("rls", include_str!("../testdata/native/rls.sql")),
    ("types", include_str!("../testdata/native/types.sql")),
    ("grants", include_str!("../testdata/native/grants.sql")),
    ("tables", include_str!("../testdata/native/tables.sql")),
];

#[tokio::test(flavor = "multi_thread")]
async fn native_dumps_restore_to_the_same_schema() {
    let corpus = corpus::manifest();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for major in corpus::fidelity_servers() {
        let cluster = corpus::testdata_cluster(major).await;
        let (mut same, mut declined, mut not_restorable, mut as_pg_dump) =
            (0, Vec::new(), Vec::new(), Vec::new());
        for (name, sql) in TESTDATA {
            let db = format!("rt_{name}");
            cluster.create_database(&db).await.unwrap();
            cluster.execute(&db, sql).await.unwrap();
            match round_trip(&cluster, &db, &format!("rt_{name}_restored")).await {
                Outcome::Same => same += 1,
                Outcome::Declined => {
                    failures.push(format!("server {major}, testdata {name}: declined"))
                }
                Outcome::NotRestorable => not_restorable.push(name.to_string()),
                Outcome::SameAsPgDump => as_pg_dump.push(name.to_string()),
                Outcome::Failed(why) => {
                    failures.push(format!("server {major}, testdata {name}: {why}"))
                }
            }
        }
        for schema in corpus
            .iter()
            .filter(|s| s.loads_on(major) && corpus::wanted(&s.name))
        {
            let db = format!("rt_corpus_{}", schema.name);
            corpus::load(&cluster, schema, &db).await;
            match round_trip(&cluster, &db, &format!("{db}_restored")).await {
                Outcome::Same => same += 1,
                Outcome::Declined => declined.push(schema.name.clone()),
                Outcome::NotRestorable => not_restorable.push(schema.name.clone()),
                Outcome::SameAsPgDump => as_pg_dump.push(schema.name.clone()),
                Outcome::Failed(why) => {
                    failures.push(format!("server {major}, corpus {}: {why}", schema.name))
                }
            }
        }
        let list = |v: &Vec<String>| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        report.push(format!(
            "PostgreSQL {major}: {same} round trips give the same schema; declined: {}; \
             pg_dump's own dump does not load on this server either: {}; \
             come back as pg_dump's own dump does (not as the original): {}",
            list(&declined),
            list(&not_restorable),
            list(&as_pg_dump)
        ));
    }
    println!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "{} round trip(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
