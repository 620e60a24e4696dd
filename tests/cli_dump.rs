//! `pgdumpd dump` as a program: pg_dump's connection options, environment and exit status, output
//! equal to pg_dump 18's, `-f`, and the engine routing (native, or the real pg_dump).
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use pgdumpd::cluster::{Cluster, ClusterOptions, free_port};

const KEY: &str = "pgdumpdCliKey";
const SCHEMA: &str = include_str!("../testdata/native/basic.sql");

/// `pgdumpd dump` with none of the caller's libpq or pgdumpd settings.
fn pgdumpd_dump() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pgdumpd"));
    c.arg("dump");
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy();
        if k.starts_with("PG") {
            c.env_remove(&*k);
        }
    }
    c
}

/// A PATH on which the first pg_dump is pg_dump 18.
fn path_with_pg_dump_18() -> String {
    let dir = pg_dump(18).parent().unwrap().display().to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit 0, nothing on stderr; returns stdout.
fn succeeded(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit status {}; stderr:\n```\n{}\n```",
        out.status,
        text(&out.stderr)
    );
    assert_eq!(text(&out.stderr), "", "stderr of a successful dump");
    text(&out.stdout)
}

/// Exit 1 with `pgdumpd dump: error: ...` on stderr, nothing on stdout; returns stderr.
fn failed(out: &Output) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n```\n{stderr}\n```");
    assert!(
        stderr.contains("pgdumpd dump: error: "),
        "stderr:\n```\n{stderr}\n```"
    );
    assert_eq!(text(&out.stdout), "", "stdout of a failed dump");
    stderr
}

fn without_dumped_by(dump: &str) -> String {
    dump.lines()
        .filter(|l| !l.starts_with("-- Dumped by "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Native output, equal to pg_dump 18's but for the `-- Dumped by` line.
fn assert_native_and_equal(expected: &str, actual: &str) {
    assert!(
        actual.contains("\n-- Dumped by pgdumpd ") && actual.contains("native engine"),
        "not a native dump:\n```\n{actual}\n```"
    );
    let (expected, actual) = (without_dumped_by(expected), without_dumped_by(actual));
    if expected != actual {
        panic!(
            "pgdumpd dump differs from pg_dump 18:\n{}",
            similar::TextDiff::from_lines(&expected, &actual)
                .unified_diff()
                .header("pg_dump 18", "pgdumpd dump")
        );
    }
}

async fn cluster(db: &str) -> Cluster {
    cluster_with_db(ClusterOptions::default(), db, SCHEMA).await
}

fn socket_dir(cluster: &Cluster) -> String {
    cluster.socket_dir().display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn connection_string_dump_equals_pg_dump_18() {
    let c = cluster("cli_url").await;
    let key = format!("--restrict-key={KEY}");
    let expected = run_pg_dump(&c, "cli_url", &["-s", &key]);
    // No pg_dump anywhere on PATH: the native engine needs none.
    let out = pgdumpd_dump()
        .args(["-s", &key])
        .arg(c.socket_url("cli_url"))
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_native_and_equal(&expected, &succeeded(&out));
    // The same string given to -d, as key=value, with the options in another order.
    let kv = format!(
        "host={} port={} user=postgres dbname=cli_url",
        socket_dir(&c),
        c.port()
    );
    let out = pgdumpd_dump()
        .args(["-d", &kv, &key, "--schema-only"])
        .output()
        .unwrap();
    assert_native_and_equal(&expected, &succeeded(&out));
}

#[tokio::test(flavor = "multi_thread")]
async fn separate_options_and_environment_reach_the_same_database() {
    let c = cluster("cli_opts").await;
    let key = format!("--restrict-key={KEY}");
    let expected = run_pg_dump(&c, "cli_opts", &["-s", &key]);
    let port = c.port().to_string();
    let dir = socket_dir(&c);

    let out = pgdumpd_dump()
        .args([
            "-s", &key, "-h", &dir, "-p", &port, "-U", "postgres", "-d", "cli_opts",
        ])
        .output()
        .unwrap();
    assert_native_and_equal(&expected, &succeeded(&out));

    let out = pgdumpd_dump()
        .args(["-s", &key])
        .env("PGHOST", &dir)
        .env("PGPORT", &port)
        .env("PGUSER", "postgres")
        .env("PGDATABASE", "cli_opts")
        .output()
        .unwrap();
    assert_native_and_equal(&expected, &succeeded(&out));

    // As with pg_dump, the connection string's host and port win over -h and -p, and options win
    // over the environment.
    let out = pgdumpd_dump()
        .args(["-s", &key, "-h", "/nonexistent", "-p", "1"])
        .arg(c.socket_url("cli_opts"))
        .env("PGHOST", "/also-nonexistent")
        .output()
        .unwrap();
    assert_native_and_equal(&expected, &succeeded(&out));
    let out = pgdumpd_dump()
        .args(["-s", &key, "-p", &port, "-U", "postgres", "cli_opts"])
        .env("PGHOST", &dir)
        .env("PGPORT", "1")
        .env("PGUSER", "nobody")
        .output()
        .unwrap();
    assert_native_and_equal(&expected, &succeeded(&out));
}

#[tokio::test(flavor = "multi_thread")]
async fn file_option_writes_the_file_and_a_failure_leaves_it_alone() {
    let c = cluster("cli_file").await;
    let key = format!("--restrict-key={KEY}");
    let expected = run_pg_dump(&c, "cli_file", &["-s", &key]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schema.sql");
    let out = pgdumpd_dump()
        .args(["-s", &key, "-f"])
        .arg(&file)
        .arg(c.socket_url("cli_file"))
        .output()
        .unwrap();
    assert_eq!(succeeded(&out), "", "stdout with -f");
    assert_native_and_equal(&expected, &std::fs::read_to_string(&file).unwrap());

    // A dump that fails (no such database) leaves what was there, and nothing beside it.
    std::fs::write(&file, "before\n").unwrap();
    let out = pgdumpd_dump()
        .arg("-s")
        .arg(format!("--file={}", file.display()))
        .arg(c.socket_url("no_such_db"))
        .output()
        .unwrap();
    let stderr = failed(&out);
    assert!(stderr.contains("no_such_db"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "before\n");
    assert_eq!(entries(dir.path()), vec!["schema.sql"]);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn native_engine_refuses_a_data_dump_naming_the_option() {
    // Refused before any connection is tried (the port is closed).
    let port = free_port().unwrap().to_string();
    let out = pgdumpd_dump()
        .args([
            "--engine",
            "native",
            "--data-only",
            "-h",
            "127.0.0.1",
            "-p",
            &port,
        ])
        .output()
        .unwrap();
    let stderr = failed(&out);
    assert!(stderr.contains("--data-only"), "{stderr}");
    assert!(
        stderr.contains("not supported by the native engine"),
        "{stderr}"
    );
    // The same through PGDUMPD_ENGINE.
    let out = pgdumpd_dump()
        .args(["-a", "-h", "127.0.0.1", "-p", &port])
        .env("PGDUMPD_ENGINE", "native")
        .output()
        .unwrap();
    assert!(failed(&out).contains("--data-only"));
}

#[tokio::test(flavor = "multi_thread")]
async fn auto_mode_hands_a_data_dump_to_pg_dump() {
    let c = cluster("cli_data").await;
    c.execute(
        "cli_data",
        "INSERT INTO app.users (\"Name\", email) VALUES ('Ann', 'ann@example.com')",
    )
    .await
    .unwrap();
    let out = pgdumpd_dump()
        .args(["--data-only", "--table=app.users"])
        .arg(c.socket_url("cli_data"))
        .env("PATH", path_with_pg_dump_18())
        .output()
        .unwrap();
    let dump = succeeded(&out);
    assert!(
        dump.contains("-- Dumped by pg_dump version 18."),
        "not pg_dump 18's:\n{dump}"
    );
    assert!(dump.contains("COPY app.users "), "{dump}");
    assert!(dump.contains("Ann\tann@example.com"), "{dump}");

    // --engine pg-dump runs pg_dump even for a schema-only dump.
    let out = pgdumpd_dump()
        .args(["--engine=pg-dump", "-s"])
        .arg(c.socket_url("cli_data"))
        .env("PATH", path_with_pg_dump_18())
        .output()
        .unwrap();
    assert!(succeeded(&out).contains("-- Dumped by pg_dump version 18."));
}

#[tokio::test(flavor = "multi_thread")]
async fn pg_dumps_own_error_is_shown_and_exits_1() {
    let c = cluster("cli_pgerr").await;
    let out = pgdumpd_dump()
        .args(["--data-only", "--strict-names", "--table=no_such_table"])
        .arg(c.socket_url("cli_pgerr"))
        .env("PATH", path_with_pg_dump_18())
        .output()
        .unwrap();
    let stderr = failed(&out);
    assert!(
        stderr.contains("pg_dump: error: no matching tables were found for pattern"),
        "{stderr}"
    );
    assert!(stderr.contains("pgdumpd dump: error: pg_dump failed (exit status 1)"));
}

#[test]
fn an_unreachable_server_exits_1() {
    let port = free_port().unwrap().to_string();
    let out = pgdumpd_dump()
        .args(["-s", "-h", "127.0.0.1", "-p", &port, "-U", "u", "db"])
        .output()
        .unwrap();
    let stderr = failed(&out);
    assert!(
        stderr.starts_with("pgdumpd dump: error: could not connect to the database"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("port={port}")), "{stderr}");
}

#[test]
fn help_version_and_command_line_errors() {
    let out = pgdumpd_dump().arg("--help").output().unwrap();
    let help = succeeded(&out);
    assert!(help.contains("pgdumpd dump [OPTION]... [DBNAME]"), "{help}");
    assert!(help.contains("--engine=ENGINE"), "{help}");
    let out = pgdumpd_dump().arg("--version").output().unwrap();
    assert_eq!(
        succeeded(&out),
        format!(
            "pgdumpd dump (pgdumpd) {}, output of pg_dump 18.4\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    for (args, says) in [
        (&["-Fc", "db"][..], "pgdumpd dump writes plain SQL only"),
        (&["-W", "db"], "never prompts for a password"),
        (&["--bogus"], "unrecognized option \"--bogus\""),
        (
            &["a", "b"],
            "too many command-line arguments (first is \"b\")",
        ),
        (&["--engine=turbo"], "invalid engine \"turbo\""),
    ] {
        let stderr = failed(&pgdumpd_dump().args(args).output().unwrap());
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let stderr = failed(&pgdumpd_dump().arg("--bogus").output().unwrap());
    assert!(
        stderr.ends_with("pgdumpd dump: hint: Try \"pgdumpd dump --help\" for more information.\n"),
        "{stderr}"
    );
}
