//! Faults while the native engine dumps (tests/faults.rs has the same for pg_dump): its backend
//! terminated or the whole cluster stopped while it waits for a lock, the client leaving, the
//! dump timeout, SIGTERM, a lock it may not wait for. Each ends in a clear JSON error or a
//! complete answer, never a partial 200; the server serves the next request; and no query of
//! the abandoned dump is left running on the database (its backends are cancelled, not left
//! waiting on the lock until somebody releases it).
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use pgdumpd::cluster::{Cluster, ClusterOptions};
use pgdumpd::config::{EngineMode, ServerConfig};
use serde_json::json;

const SCHEMA: &str = "CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
CREATE VIEW public.named AS SELECT id, name FROM public.items WHERE name <> '';
COMMENT ON TABLE public.items IS 'things';";

/// A schema-only request the native engine serves, which must lock `public.items`.
fn request() -> serde_json::Value {
    json!({"opts": ["-s", "-t", "public.items"]})
}

/// A cluster with database `db` and an in-process server forced onto the native engine.
async fn setup(db: &str, tweak: impl FnOnce(&mut ServerConfig)) -> (Cluster, Arc<TestServer>) {
    let cluster = cluster_with_db(ClusterOptions::default(), db, SCHEMA).await;
    let mut config = config_with(&[("default", cluster.socket_url(db))], &[18]).await;
    config.engine = EngineMode::Native;
    tweak(&mut config);
    (cluster, Arc::new(TestServer::start(config).await))
}

/// The next request is served natively and completely.
async fn assert_serves_natively(server: &TestServer) {
    let (status, headers, body) = post_dump(server, request(), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["x-pgdumpd-engine"], "native");
    assert!(body.contains("CREATE TABLE public.items"), "{body}");
    assert!(body.contains("PostgreSQL database dump complete"), "{body}");
}

fn spawn_request(
    server: &Arc<TestServer>,
) -> tokio::task::JoinHandle<(u16, reqwest::header::HeaderMap, String)> {
    let s = server.clone();
    tokio::spawn(async move { post_dump(&s, request(), &[]).await })
}

#[tokio::test(flavor = "multi_thread")]
async fn terminated_backend_mid_native_dump_is_a_clean_error() {
    let db = "native_fault_terminate";
    let (cluster, server) = setup(db, |_| {}).await;
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let pending = spawn_request(&server);
    let backend = blocked_pg_dump_backend(&cluster, db).await;
    terminate_backend(&cluster, backend).await;
    let (status, headers, body) = tokio::time::timeout(Duration::from_secs(20), pending)
        .await
        .expect("answer after the backend died")
        .unwrap();
    let j = assert_json_error(status, &headers, &body);
    assert_eq!(j["error"], "error while executing pg_dump", "{body}");
    let internal = j["internal"].as_str().unwrap();
    assert!(
        internal.contains("terminating connection due to administrator command")
            && internal.contains("Query was: LOCK TABLE public.items IN ACCESS SHARE MODE"),
        "{body}"
    );
    assert_no_backend_left(&cluster, db, Duration::from_secs(10)).await;
    lock.release().await;
    assert_serves_natively(&server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_stopped_mid_native_dump_is_a_clean_error_and_recovers() {
    let db = "native_fault_stop";
    let (mut cluster, server) = setup(db, |_| {}).await;
    // The throwaway clusters run with synchronous_commit off: make the schema survive an
    // immediate stop.
    cluster.execute(db, "CHECKPOINT").await.unwrap();
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let pending = spawn_request(&server);
    blocked_pg_dump_backend(&cluster, db).await;
    tokio::task::block_in_place(|| cluster.stop()); // immediate mode: every backend dies at once
    let (status, headers, body) = tokio::time::timeout(Duration::from_secs(20), pending)
        .await
        .expect("answer after the cluster stopped")
        .unwrap();
    assert_json_error(status, &headers, &body);
    drop(lock); // its connection died with the cluster

    let (status, headers, body) = post_dump(&server, request(), &[]).await;
    let j = assert_json_error(status, &headers, &body);
    assert!(
        j["error"]
            .as_str()
            .unwrap()
            .contains("could not connect to source \"default\""),
        "{body}"
    );
    tokio::task::block_in_place(|| cluster.restart()).unwrap();
    assert_serves_natively(&server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn client_gone_mid_native_dump_cancels_its_queries() {
    let db = "native_fault_client_gone";
    let (cluster, server) = setup(db, |_| {}).await;
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let body = request().to_string();
    let stream = std::net::TcpStream::connect(server.addr).unwrap();
    {
        use std::io::Write;
        (&stream)
            .write_all(&raw_dump_request(body.as_bytes(), ""))
            .unwrap();
    }
    blocked_pg_dump_backend(&cluster, db).await;
    drop(stream);
    // The lock is still held: only a cancelled query lets the backend go.
    assert_no_backend_left(&cluster, db, Duration::from_secs(10)).await;
    lock.release().await;
    assert_serves_natively(&server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn native_dump_timeout_cancels_its_queries() {
    let db = "native_fault_timeout";
    let (cluster, server) = setup(db, |c| c.dump_timeout = Duration::from_millis(1500)).await;
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let (status, headers, body) = post_dump(&server, request(), &[]).await;
    let j = assert_json_error(status, &headers, &body);
    assert!(
        j["error"]
            .as_str()
            .unwrap()
            .contains("did not finish within 1.5s"),
        "{body}"
    );
    assert_no_backend_left(&cluster, db, Duration::from_secs(10)).await;
    lock.release().await;
    assert_serves_natively(&server).await;
}

/// `--lock-wait-timeout`: the native engine gives up as pg_dump does, in pg_dump's words.
#[tokio::test(flavor = "multi_thread")]
async fn lock_wait_timeout_fails_with_pg_dumps_message() {
    let db = "native_fault_lock_wait";
    let (cluster, server) = setup(db, |_| {}).await;
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let opts = ["-s", "--lock-wait-timeout=300ms", "-t", "public.items"];
    let (status, headers, body) = post_dump(&server, json!({ "opts": opts }), &[]).await;
    let j = assert_json_error(status, &headers, &body);
    let out = std::process::Command::new(pg_dump(18))
        .args(opts)
        .arg(cluster.socket_url(db))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let expected = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        j["internal"].as_str().unwrap(),
        expected.trim_end(),
        "{body}"
    );
    assert_no_backend_left(&cluster, db, Duration::from_secs(10)).await;
    lock.release().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_lets_the_in_flight_native_dump_finish() {
    let db = "native_fault_sigterm";
    let cluster = cluster_with_db(ClusterOptions::default(), db, SCHEMA).await;
    let url = cluster.socket_url(db);
    let mut server = ServerProcess::start(&["--database-url", &url, "--engine", "native"]).await;
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let addr = server.addr;
    let body = request().to_string();
    let in_flight = tokio::task::spawn_blocking(move || {
        raw_exchange(
            addr,
            &raw_dump_request(body.as_bytes(), ""),
            Duration::from_secs(60),
        )
    });
    blocked_pg_dump_backend(&cluster, db).await;
    server.signal("TERM");
    wait_until(
        "new connections refused after SIGTERM",
        Duration::from_secs(5),
        || std::net::TcpStream::connect(addr).is_err(),
    )
    .await;
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "exited before the in-flight dump finished"
    );
    lock.release().await;
    let answer = tokio::time::timeout(Duration::from_secs(20), in_flight)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(raw_status(&answer), Some(200), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-pgdumpd-engine: native"),
        "{answer}"
    );
    assert!(
        raw_body(&answer).contains("PostgreSQL database dump complete"),
        "{answer}"
    );
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(status.success(), "exit status {status}");
    assert_no_backend_left(&cluster, db, Duration::from_secs(10)).await;
}
