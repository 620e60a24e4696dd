//! Faults while dumping: the database goes away (its backend terminated, the whole cluster
//! stopped), is unreachable when the server starts, the server is told to stop (SIGTERM to the
//! real binary), the client leaves in the middle of a response. Each must end in a clear error or
//! a complete answer, never a partial 200, and leave no pg_dump child, no spooled file (named or
//! held open) and a server that serves the next request.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use pgdumpd::cluster::{Cluster, ClusterOptions};
use serde_json::json;

const SCHEMA: &str = "CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO public.items VALUES (1, 'one'), (2, 'two');";

/// A cluster with database `db`, and an in-process server spooling into a fresh directory.
async fn setup(db: &str, sql: &str) -> (Cluster, TestServer, tempfile::TempDir) {
    let cluster = cluster_with_db(ClusterOptions::default(), db, sql).await;
    let spool = tempfile::tempdir().unwrap();
    let mut config = config_with(&[("default", cluster.socket_url(db))], &[18]).await;
    config.temp_dir = spool.path().to_path_buf();
    (cluster, TestServer::start(config).await, spool)
}

/// Nothing of a finished request is left: no pg_dump of `db`, no file in the spool directory,
/// none held open by this process (unnamed spool files only show there).
async fn assert_nothing_left(db: &str, spool: &Path) {
    let marker = format!("PGDATABASE={db}");
    wait_until("no pg_dump child left", Duration::from_secs(10), || {
        processes_with_env(&marker).is_empty()
    })
    .await;
    wait_until("no spooled dump held open", Duration::from_secs(10), || {
        open_files_under(std::process::id(), spool).is_empty()
    })
    .await;
    assert_eq!(
        dir_entries(spool),
        Vec::<String>::new(),
        "spool dir not empty"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn terminated_backend_mid_dump_is_a_clean_error() {
    let db = "fault_terminate";
    let (cluster, server, spool) = setup(db, SCHEMA).await;
    let server = Arc::new(server);
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let s = server.clone();
    let request =
        tokio::spawn(
            async move { post_dump(&s, json!({"opts": ["-t", "public.items"]}), &[]).await },
        );
    let backend = blocked_pg_dump_backend(&cluster, db).await;
    terminate_backend(&cluster, backend).await;
    let (status, headers, body) = tokio::time::timeout(Duration::from_secs(20), request)
        .await
        .expect("answer after the backend died")
        .unwrap();
    let j = assert_json_error(status, &headers, &body);
    assert_eq!(j["error"], "error while executing pg_dump", "{body}");
    assert!(
        j["internal"]
            .as_str()
            .unwrap()
            .contains("terminating connection due to administrator command"),
        "{body}"
    );
    assert_nothing_left(db, spool.path()).await;
    lock.release().await;
    let (status, _, body) = post_dump(&server, json!({"opts": ["-t", "public.items"]}), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("COPY public.items"), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_stopped_mid_dump_is_a_clean_error_and_recovers() {
    let db = "fault_stop";
    let (mut cluster, server, spool) = setup(db, SCHEMA).await;
    // The throwaway clusters run with synchronous_commit off: make the schema survive an
    // immediate stop.
    cluster.execute(db, "CHECKPOINT").await.unwrap();
    let server = Arc::new(server);
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let s = server.clone();
    let request =
        tokio::spawn(
            async move { post_dump(&s, json!({"opts": ["-t", "public.items"]}), &[]).await },
        );
    blocked_pg_dump_backend(&cluster, db).await;
    tokio::task::block_in_place(|| cluster.stop()); // immediate mode: every backend dies at once
    let (status, headers, body) = tokio::time::timeout(Duration::from_secs(20), request)
        .await
        .expect("answer after the cluster stopped")
        .unwrap();
    let j = assert_json_error(status, &headers, &body);
    assert_eq!(j["error"], "error while executing pg_dump", "{body}");
    assert_nothing_left(db, spool.path()).await;
    drop(lock); // its connection died with the cluster

    // While the cluster is down: a clear error naming the source, no child left.
    let (status, headers, body) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    let j = assert_json_error(status, &headers, &body);
    assert!(
        j["error"]
            .as_str()
            .unwrap()
            .contains("could not connect to source \"default\""),
        "{body}"
    );
    tokio::task::block_in_place(|| cluster.restart()).unwrap();
    let (status, _, body) = post_dump(&server, json!({"opts": ["-t", "public.items"]}), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("COPY public.items"), "{body}");
    assert_nothing_left(db, spool.path()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unreachable_at_start_then_recovers_without_restart() {
    // Both sources' cluster is down before the server starts (tests/api.rs covers a database
    // that goes away after start).
    let db = "fault_unreachable";
    let mut cluster = cluster_with_db(ClusterOptions::default(), db, SCHEMA).await;
    // The throwaway clusters run with synchronous_commit off: make the schema survive an
    // immediate stop.
    cluster.execute(db, "CHECKPOINT").await.unwrap();
    tokio::task::block_in_place(|| cluster.stop());
    let config = config_with(
        &[
            ("default", cluster.socket_url(db)),
            ("warehouse", cluster.socket_url(db)),
        ],
        &[18],
    )
    .await;
    let server = TestServer::start(config).await;
    let get = |path: &str| {
        let url = server.url(path);
        async move {
            let r = client().get(url).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(get("/healthz").await, (200, "OK".to_string()));
    let (status, text) = get("/readyz").await;
    assert_eq!(status, 503, "{text}");
    assert_eq!(json(&text)["code"], "not-ready");
    assert!(
        json(&text)["error"]
            .as_str()
            .unwrap()
            .contains("source \"default\" is not reachable"),
        "{text}"
    );
    for source in ["default", "warehouse"] {
        let started = Instant::now();
        let (status, headers, body) =
            post_dump(&server, json!({"opts": ["-s"], "source": source}), &[]).await;
        let j = assert_json_error(status, &headers, &body);
        assert!(
            j["error"]
                .as_str()
                .unwrap()
                .contains(&format!("could not connect to source \"{source}\"")),
            "{body}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "took {:?}",
            started.elapsed()
        );
    }
    assert!(processes_with_env(&format!("PGDATABASE={db}")).is_empty());

    tokio::task::block_in_place(|| cluster.restart()).unwrap();
    let (status, text) = get("/readyz").await;
    assert_eq!(status, 200, "{text}");
    for source in ["default", "warehouse"] {
        let (status, _, body) =
            post_dump(&server, json!({"opts": ["-s"], "source": source}), &[]).await;
        assert_eq!(status, 200, "{source}: {body}");
        assert!(body.contains("CREATE TABLE public.items"), "{body}");
    }
}

/// Sends a dump request over a raw socket and returns the whole answer (read until close).
fn raw_dump_in_background(
    addr: std::net::SocketAddr,
    body: &'static str,
) -> tokio::task::JoinHandle<String> {
    tokio::task::spawn_blocking(move || {
        raw_exchange(
            addr,
            &raw_dump_request(body.as_bytes(), ""),
            Duration::from_secs(60),
        )
    })
}

/// `pgdumpd serve` (the real binary) on the database, with its own spool directory.
async fn start_binary(cluster: &Cluster, db: &str, spool: &Path, extra: &[&str]) -> ServerProcess {
    let url = cluster.socket_url(db);
    let pg_dump = pg_dump(18);
    let mut args = vec![
        "--database-url",
        url.as_str(),
        "--pg-dump-path",
        pg_dump.to_str().unwrap(),
        "--temp-dir",
        spool.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ServerProcess::start(&args).await
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_lets_the_in_flight_dump_finish_and_refuses_new_connections() {
    let db = "fault_sigterm";
    let cluster = cluster_with_db(ClusterOptions::default(), db, SCHEMA).await;
    let spool = tempfile::tempdir().unwrap();
    let mut server = start_binary(&cluster, db, spool.path(), &[]).await;
    let marker = format!("PGDATABASE={db}");
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let in_flight = raw_dump_in_background(server.addr, r#"{"opts": ["-t", "public.items"]}"#);
    blocked_pg_dump_backend(&cluster, db).await;
    assert_eq!(processes_with_env(&marker).len(), 1);

    server.signal("TERM");
    let addr = server.addr;
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
    assert_eq!(
        processes_with_env(&marker).len(),
        1,
        "pg_dump must keep running"
    );

    lock.release().await;
    let answer = tokio::time::timeout(Duration::from_secs(20), in_flight)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(raw_status(&answer), Some(200), "{answer}");
    assert!(raw_body(&answer).contains("COPY public.items"), "{answer}");
    assert!(
        raw_body(&answer).contains("PostgreSQL database dump complete"),
        "{answer}"
    );
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(status.success(), "exit status {status}");
    assert!(processes_with_env(&marker).is_empty());
    assert_eq!(dir_entries(spool.path()), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_deadline_abandons_a_stuck_dump_and_kills_pg_dump() {
    let db = "fault_sigterm_deadline";
    let cluster = cluster_with_db(ClusterOptions::default(), db, SCHEMA).await;
    let spool = tempfile::tempdir().unwrap();
    let mut server = start_binary(&cluster, db, spool.path(), &["--shutdown-timeout", "1s"]).await;
    let marker = format!("PGDATABASE={db}");
    let lock = TableLock::take(&cluster, db, "public.items").await;
    let in_flight = raw_dump_in_background(server.addr, r#"{"opts": ["-t", "public.items"]}"#);
    blocked_pg_dump_backend(&cluster, db).await;

    let signalled = Instant::now();
    server.signal("TERM");
    let status = server.wait_exit(Duration::from_secs(8)).await;
    let took = signalled.elapsed();
    assert!(status.success(), "exit status {status}");
    assert!(
        took >= Duration::from_secs(1),
        "exited after {took:?}, before the deadline"
    );
    // Once the server is gone, its pg_dump must be too (killed, not orphaned to init).
    wait_until(
        "pg_dump gone after pgdumpd exited",
        Duration::from_secs(5),
        || processes_with_env(&marker).is_empty(),
    )
    .await;
    // The abandoned client got no answer at all, certainly no 200.
    let answer = tokio::time::timeout(Duration::from_secs(10), in_flight)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        answer, "",
        "an abandoned request must get no (partial) answer"
    );
    assert_eq!(dir_entries(spool.path()), Vec::<String>::new());
    lock.release().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn client_leaving_mid_response_releases_the_spooled_dump() {
    let db = "fault_mid_response";
    // About 35 MB of COPY data: far more than the socket buffers hold, so the server is still
    // sending when the client goes.
    let (_cluster, server, spool) = setup(
        db,
        "CREATE TABLE public.big (id int PRIMARY KEY, payload text NOT NULL);
         INSERT INTO public.big SELECT g, repeat(md5(g::text), 5) FROM generate_series(1, 200000) g;",
    )
    .await;
    let me = std::process::id();
    for clean in [false, true] {
        let body = json!({"opts": ["-a", "-t", "public.big"], "clean_output": clean}).to_string();
        let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        stream
            .write_all(&raw_dump_request(body.as_bytes(), ""))
            .unwrap();
        let mut first = vec![0u8; 64 * 1024];
        let n = tokio::task::block_in_place(|| stream.read(&mut first)).unwrap();
        let head = String::from_utf8_lossy(&first[..n]);
        assert!(head.starts_with("HTTP/1.1 200"), "clean={clean}: {head}");
        // The spooled dump is being streamed: the server holds it open right now.
        assert!(
            !open_files_under(me, spool.path()).is_empty(),
            "clean={clean}: expected the spool file open while streaming"
        );
        drop(stream);
        assert_nothing_left(db, spool.path()).await;
    }
    let (status, _, body) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 200, "{body}");
    let r = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
