//! Fidelity of the native engine: for every schema in `testdata/native/`, on every PostgreSQL
//! server 13–18, with the option sets the product promises, the native output must equal real
//! pg_dump 18's byte for byte (after normalising only the `-- Dumped by` line, with one
//! `--restrict-key`), raw and cleaned. A case the native engine declines (an object kind it
//! cannot render yet) is counted and reported, never compared loosely; the everyday schema must be
//! served natively on every server, so the suite cannot pass by declining everything.
#![allow(clippy::unwrap_used)]

mod common;

use pgdumpd::cluster::{Cluster, ClusterOptions, find_bin_dir};
use pgdumpd::native::{NativeError, NativeOptions};
use pgdumpd::options::parse_args;

const KEY: &str = "pgdumpdFidelityKey";
/// (name, SQL, a schema other than public for `-n`/`-N`)
const SCHEMAS: &[(&str, &str, &str)] = &[
    ("basic", include_str!("../testdata/native/basic.sql"), "app"),
    (
        "tricky",
        include_str!("../testdata/native/tricky.sql"),
        "select",
    ),
];
const OPTION_SETS: &[&[&str]] = &[
    &["-s"],
    &["-s", "-O", "-x"],
    &["-O", "-x", "--schema-only", "--schema", "public"],
    &["-s", "-n", "OTHER"],
    &["-s", "-N", "OTHER"],
    &["-s", "--no-comments"],
    &["-s", "-c", "--if-exists"],
    &["-s", "-c"],
    &["--section=pre-data"],
    &["--section=post-data"],
    &["-s", "--quote-all-identifiers", "-x"],
];

fn normalise(dump: &str) -> String {
    dump.lines()
        .filter(|l| !l.starts_with("-- Dumped by "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn readable_diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("pg_dump 18", "native")
        .to_string()
}

struct Tally {
    identical: usize,
    declined: Vec<String>,
}

async fn check_server(major: u32, tally: &mut Tally, failures: &mut Vec<String>) {
    let bin = find_bin_dir(major, "initdb").unwrap_or_else(|| {
        panic!("no PostgreSQL {major} server; run scripts/install-postgres.sh --all-servers")
    });
    let cluster = tokio::task::spawn_blocking(move || {
        Cluster::start(&bin, &ClusterOptions::default()).unwrap()
    })
    .await
    .unwrap();
    for (name, sql, other) in SCHEMAS {
        let db = format!("fidelity_{name}");
        cluster.create_database(&db).await.unwrap();
        cluster.execute(&db, sql).await.unwrap();
        for opts in OPTION_SETS {
            let mut args: Vec<&str> = opts
                .iter()
                .map(|o| if *o == "OTHER" { *other } else { *o })
                .collect();
            let key_arg = format!("--restrict-key={KEY}");
            args.push(&key_arg);
            let case = format!("server {major}, schema {name}, options {}", opts.join(" "));
            let expected = common::run_pg_dump(&cluster, &db, &args);
            let owned: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            let parsed = parse_args(&owned).unwrap().into_api_options().unwrap();
            let native_opts = NativeOptions::from_dump_options(&parsed).unwrap();
            match pgdumpd::native::dump(&cluster.conninfo(&db), &native_opts).await {
                Ok(actual) => {
                    let (e, a) = (normalise(&expected), normalise(&actual));
                    if e != a {
                        failures.push(format!("{case}:\n{}", readable_diff(&e, &a)));
                    } else if pgdumpd::clean::clean_str(&expected)
                        != pgdumpd::clean::clean_str(
                            &actual.replace(
                                actual
                                    .lines()
                                    .find(|l| l.starts_with("-- Dumped by "))
                                    .unwrap_or(""),
                                expected
                                    .lines()
                                    .find(|l| l.starts_with("-- Dumped by "))
                                    .unwrap_or(""),
                            ),
                        )
                    {
                        failures.push(format!("{case}: cleaned outputs differ"));
                    } else {
                        tally.identical += 1;
                    }
                }
                Err(NativeError::Unsupported(items)) => {
                    let what: Vec<String> = items
                        .iter()
                        .take(3)
                        .map(|u| format!("{} {}", u.kind, u.name))
                        .collect();
                    tally.declined.push(format!("{case}: {}", what.join(", ")));
                }
                Err(e) => failures.push(format!("{case}: native engine failed: {e}")),
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn native_output_equals_pg_dump_18_on_servers_13_to_18() {
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for major in [13, 14, 15, 16, 17, 18] {
        let mut tally = Tally {
            identical: 0,
            declined: Vec::new(),
        };
        check_server(major, &mut tally, &mut failures).await;
        report.push(format!(
            "PostgreSQL {major}: {} identical, {} declined (served by pg_dump)",
            tally.identical,
            tally.declined.len()
        ));
        for d in &tally.declined {
            report.push(format!("    declined: {d}"));
        }
        // The everyday schema is always served natively without privileges (GRANT/REVOKE are
        // not rendered natively yet, and public's privileges differ from the default before 15).
        assert!(
            !tally
                .declined
                .iter()
                .any(|d| d.contains("schema basic,") && d.contains(" -x")),
            "the basic schema must be native on {major}:\n{}",
            tally.declined.join("\n")
        );
    }
    println!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "{} case(s) differ from pg_dump 18:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
