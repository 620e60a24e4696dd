//! Native dumps while tables are created, altered and dropped in a loop. Every dump either
//! succeeds with the schema of one moment or fails cleanly (a lock timeout, or tables that kept
//! changing while they were being locked); never a dump that mixes two states or misses an object.
//!
//! How "one moment" is checked:
//! - Invariants the DDL keeps in every transaction: each table `t_N` comes with its primary key,
//!   its CHECK, its index `idx_t_N` and its comment; each column `c_M` added later comes with its
//!   index `i_N_c_M` in the same transaction. A dump showing a table or column without its
//!   companions (or a companion without its table or column) read two moments.
//! - A sample of the dumps is restored into an empty database, and pg_dump 18 of that database
//!   must equal the dump itself: the dump loads cleanly and is exactly what pg_dump sees of the
//!   state it describes.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::*;
use pgdumpd::cluster::ClusterOptions;
use pgdumpd::config::EngineMode;
use serde_json::json;

const DB: &str = "churn";
const KEY: &str = "ChurnKey";

/// The option sets dumped in turn: everything, and what the Hasura CLI sends (public only, while
/// the schema `side` churns too).
const OPTION_SETS: [&[&str]; 2] = [
    &["-s"],
    &["-O", "-x", "--schema-only", "--schema", "public"],
];

/// A small xorshift generator: the same sequence of DDL on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn create_table(schema: &str, n: u64) -> String {
    format!(
        "CREATE TABLE {schema}.t_{n} (id int PRIMARY KEY, v text CHECK (v <> ''));
         CREATE INDEX idx_t_{n} ON {schema}.t_{n} (v);
         COMMENT ON TABLE {schema}.t_{n} IS 'table {n}';"
    )
}

/// Runs DDL transactions until `stop`; returns how many committed.
async fn churn(cluster: &pgdumpd::cluster::Cluster, stop: Arc<AtomicBool>) -> usize {
    let client = pgdumpd::db::connect(&cluster.conninfo(DB)).await.unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut live: Vec<(&str, u64, u64)> = Vec::new(); // (schema, table, columns added)
    let mut next = 100;
    let mut committed = 0;
    while !stop.load(Ordering::Relaxed) {
        let schema = if rng.below(3) == 0 { "side" } else { "public" };
        let sql = match rng.below(4) {
            0 | 1 if live.len() < 40 => {
                next += 1;
                live.push((schema, next, 0));
                create_table(schema, next)
            }
            2 if !live.is_empty() => {
                let i = rng.below(live.len() as u64) as usize;
                let (s, t, cols) = &mut live[i];
                *cols += 1;
                format!(
                    "ALTER TABLE {s}.t_{t} ADD COLUMN c_{cols} int DEFAULT {cols};
                     CREATE INDEX i_{t}_c_{cols} ON {s}.t_{t} (c_{cols});"
                )
            }
            _ if !live.is_empty() => {
                let i = rng.below(live.len() as u64) as usize;
                let (s, t, _) = live.swap_remove(i);
                format!("DROP TABLE {s}.t_{t};")
            }
            _ => continue,
        };
        client
            .batch_execute(&format!("BEGIN; {sql} COMMIT;"))
            .await
            .unwrap_or_else(|e| panic!("DDL failed: {e}\n{sql}"));
        committed += 1;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    committed
}

/// The invariants of one moment, checked on the text of a dump.
fn check_invariants(dump: &str, opts: &[&str]) {
    let mut tables = BTreeSet::new();
    let mut columns = BTreeSet::new();
    let mut table = None;
    for line in dump.lines() {
        if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
            let name = rest.trim_end_matches(" (").to_string();
            table = Some(name.rsplit("t_").next().unwrap().to_string());
            tables.insert(name);
        } else if line.starts_with(");") {
            table = None;
        } else if let (Some(t), Some(col)) = (&table, line.trim().strip_prefix("c_")) {
            let c = col.split(' ').next().unwrap();
            columns.insert((t.clone(), c.to_string()));
        }
    }
    for name in &tables {
        let (schema, t) = name.split_once('.').unwrap();
        let n = t.trim_start_matches("t_");
        for expected in [
            format!("CREATE INDEX idx_{t} ON {schema}.{t} USING btree (v);"),
            format!("COMMENT ON TABLE {schema}.{t} IS 'table {n}';"),
            format!("ADD CONSTRAINT {t}_pkey PRIMARY KEY (id);"),
            format!("CONSTRAINT {t}_v_check CHECK ((v <> ''::text))"),
        ] {
            assert!(
                dump.contains(&expected),
                "{opts:?}: {name} without `{expected}`:\n{dump}"
            );
        }
    }
    for (t, c) in &columns {
        let index = format!("CREATE INDEX i_{t}_c_{c} ON ");
        assert!(
            dump.contains(&index),
            "{opts:?}: column c_{c} of t_{t} without its index:\n{dump}"
        );
    }
    // And no companion without its table or column.
    for line in dump.lines().filter(|l| l.starts_with("CREATE INDEX i_")) {
        let name = line["CREATE INDEX i_".len()..].split(' ').next().unwrap();
        let (t, c) = name.split_once("_c_").unwrap();
        assert!(
            columns.contains(&(t.to_string(), c.to_string())),
            "{opts:?}: index i_{name} without its column:\n{dump}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn native_dumps_under_concurrent_ddl_are_each_of_one_moment() {
    let mut setup = String::from("CREATE SCHEMA side;");
    for n in 1..=10 {
        setup.push_str(&create_table(if n % 3 == 0 { "side" } else { "public" }, n));
    }
    let cluster = Arc::new(cluster_with_db(ClusterOptions::default(), DB, &setup).await);
    let mut config = config_with(&[("default", cluster.socket_url(DB))], &[18]).await;
    config.engine = EngineMode::Native;
    let server = Arc::new(TestServer::start(config).await);

    let stop = Arc::new(AtomicBool::new(false));
    let ddl = {
        let (cluster, stop) = (cluster.clone(), stop.clone());
        tokio::spawn(async move { churn(&cluster, stop).await })
    };
    // Two clients dumping back to back while the DDL runs.
    let dumpers: Vec<_> = (0..2)
        .map(|client| {
            let (server, stop) = (server.clone(), stop.clone());
            tokio::spawn(async move {
                let mut done = Vec::new();
                let mut i = client;
                while !stop.load(Ordering::Relaxed) {
                    let opts = OPTION_SETS[i % OPTION_SETS.len()];
                    i += 1;
                    let mut args: Vec<&str> = opts.to_vec();
                    let key = format!("--restrict-key={KEY}");
                    args.push(&key);
                    let (status, headers, body) =
                        post_dump(&server, json!({ "opts": args }), &[]).await;
                    done.push((opts, status, headers, body));
                }
                done
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(8)).await;
    stop.store(true, Ordering::Relaxed);
    let committed = ddl.await.unwrap();
    let mut results = Vec::new();
    for d in dumpers {
        results.extend(d.await.unwrap());
    }

    let mut ok = Vec::new();
    for (opts, status, headers, body) in results {
        if status == 200 {
            assert_eq!(headers["x-pgdumpd-engine"], "native");
            assert!(body.contains("PostgreSQL database dump complete"));
            check_invariants(&body, opts);
            ok.push((opts, body));
        } else {
            // The only acceptable failures are clean ones about locking.
            let j = assert_json_error(status, &headers, &body);
            let text = j.to_string();
            assert!(
                text.contains("kept changing") || text.contains("lock timeout"),
                "{opts:?}: {body}"
            );
        }
    }
    eprintln!(
        "{committed} DDL transactions, {} dumps served during them",
        ok.len()
    );
    assert!(committed > 100, "too little DDL ran: {committed}");
    assert!(ok.len() >= 6, "too few dumps succeeded: {}", ok.len());

    // Restore a sample (the first and last of each option set, and some between).
    let step = (ok.len() / 6).max(1);
    for (i, (opts, dump)) in ok.iter().enumerate().step_by(step) {
        let target = format!("restored_{i}");
        cluster.create_database(&target).await.unwrap();
        if opts.contains(&"--schema") {
            // A dump of schema public creates it.
            cluster
                .execute(&target, "DROP SCHEMA public")
                .await
                .unwrap();
        }
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), dump).unwrap();
        let c = cluster.clone();
        let t = target.clone();
        let path = file.path().to_path_buf();
        tokio::task::spawn_blocking(move || psql_file(&c, &t, &path))
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("{opts:?}: dump {i} does not restore: {e}\n{dump}"));
        let mut args: Vec<&str> = opts.to_vec();
        let key = format!("--restrict-key={KEY}");
        args.push(&key);
        let again = run_pg_dump(&cluster, &target, &args);
        let normalise = |s: &str| {
            s.lines()
                .filter(|l| !l.starts_with("-- Dumped by"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (before, after) = (normalise(dump), normalise(&again));
        assert!(
            before == after,
            "{opts:?}: dump {i} restored is not what it described:\n{}",
            similar::TextDiff::from_lines(&before, &after)
                .unified_diff()
                .header("native dump", "pg_dump of it restored")
        );
    }
}
