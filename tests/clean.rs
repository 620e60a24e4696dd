//! clean_output on real pg_dump output of a schema written to trip line-based cleaners: the
//! cleaned dumps restore to exactly what pg_dump sees in the original.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use pgdumpd::cluster::{Cluster, ClusterOptions};
use serde_json::json;

const SCHEMA: &str = include_str!("../testdata/clean_schema.sql");
const KEY: &str = "pgdumpdTestKey";

async fn api_dump(server: &TestServer, opts: &[&str], clean: bool) -> String {
    let (status, _, body) =
        post_dump(server, json!({"opts": opts, "clean_output": clean}), &[]).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn restore(cluster: &Cluster, db: &str, sql: &str) {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), sql).unwrap();
    if let Err(e) = psql_file(cluster, db, file.path()) {
        panic!("restoring failed: {e}\n```\n{sql}\n```");
    }
}

/// The raw dump really contains the traps, so the tests below prove something.
fn assert_traps_inside_statements(raw: &str) {
    let count = |line: &str| raw.lines().filter(|l| *l == line).count();
    assert!(
        count("SET statement_timeout = 0;") >= 2,
        "trap missing:\n{raw}"
    );
    assert!(
        raw.lines().any(|l| l.is_empty()) && raw.contains("\n-- "),
        "trap missing"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cleaned_schema_restores_to_the_same_schema() {
    let cluster = cluster_with_db(ClusterOptions::default(), "clean_src", SCHEMA).await;
    cluster.create_database("clean_dst").await.unwrap();
    let server = TestServer::start(
        config_with(&[("default", cluster.socket_url("clean_src"))], &[18]).await,
    )
    .await;

    let raw = api_dump(&server, &["-O", "-x", "--schema-only"], false).await;
    assert_traps_inside_statements(&raw);
    let cleaned = api_dump(&server, &["-O", "-x", "--schema-only"], true).await;
    assert!(
        raw.contains("CREATE TRIGGER \"notify_hasura_note_INSERT\""),
        "{raw}"
    );
    assert!(
        !cleaned.contains("CREATE TRIGGER \"notify_hasura_note_INSERT\""),
        "{cleaned}"
    );
    assert!(
        !cleaned.contains("CREATE TRIGGER notify_hasura_note_update"),
        "{cleaned}"
    );
    assert!(cleaned.contains("CREATE TRIGGER touch_notes"), "{cleaned}");
    let key = raw
        .lines()
        .find_map(|l| l.strip_prefix("\\restrict "))
        .expect("dump has a restrict key");
    assert!(!cleaned.contains(&format!("\\restrict {key}")), "{cleaned}");
    assert!(
        !cleaned.contains(&format!("\\unrestrict {key}")),
        "{cleaned}"
    );
    // Cleaning is idempotent on real output.
    assert_eq!(pgdumpd::clean::clean_str(&cleaned), cleaned);

    restore(&cluster, "clean_dst", &cleaned);
    // The original, minus what clean_output is meant to drop, is what the cleaned dump rebuilt.
    cluster
        .execute(
            "clean_src",
            "DROP TRIGGER \"notify_hasura_note_INSERT\" ON public.notes; DROP TRIGGER notify_hasura_note_update ON public.notes;",
        )
        .await
        .unwrap();
    let args = ["-s", "-O", "-x", "--restrict-key", KEY];
    let expected = run_pg_dump(&cluster, "clean_src", &args);
    let actual = run_pg_dump(&cluster, "clean_dst", &args);
    assert_eq!(actual, expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn cleaned_seeds_restore_exactly_the_original_rows() {
    let cluster = cluster_with_db(ClusterOptions::default(), "seed_src", SCHEMA).await;
    let server =
        TestServer::start(config_with(&[("default", cluster.socket_url("seed_src"))], &[18]).await)
            .await;
    let schema = run_pg_dump(&cluster, "seed_src", &["-s", "-O", "-x"]);
    let rows_sql = "SELECT (SELECT string_agg(n::text, E'\\n' ORDER BY id) FROM public.notes n) \
                    || (SELECT string_agg(quote_nullable(line), ',' ORDER BY line) FROM public.seed_lines)";
    let original = {
        let c = pgdumpd::db::connect(&cluster.conninfo("seed_src"))
            .await
            .unwrap();
        c.query_one(rows_sql, &[])
            .await
            .unwrap()
            .get::<_, String>(0)
    };
    let seeds: [(&str, &[&str]); 2] = [
        (
            "inserts",
            &[
                "--no-owner",
                "--no-acl",
                "--data-only",
                "--column-inserts",
                "--table",
                "\"public\".\"notes\"",
                "--table",
                "public.seed_lines",
            ],
        ),
        (
            "copy",
            &[
                "--no-owner",
                "--no-acl",
                "--data-only",
                "--table",
                "public.notes",
                "-t",
                "public.seed_lines",
            ],
        ),
    ];
    for (name, opts) in seeds {
        let raw = api_dump(&server, opts, false).await;
        assert_traps_inside_statements(&raw);
        let cleaned = api_dump(&server, opts, true).await;
        assert_eq!(pgdumpd::clean::clean_str(&cleaned), cleaned);
        let db = format!("seed_{name}");
        cluster.create_database(&db).await.unwrap();
        restore(&cluster, &db, &schema);
        cluster
            .execute(&db, "ALTER TABLE public.notes DISABLE TRIGGER USER")
            .await
            .unwrap();
        restore(&cluster, &db, &cleaned);
        let c = pgdumpd::db::connect(&cluster.conninfo(&db)).await.unwrap();
        let restored: String = c.query_one(rows_sql, &[]).await.unwrap().get(0);
        assert_eq!(restored, original, "{name} seed:\n```\n{cleaned}\n```");
    }
}
