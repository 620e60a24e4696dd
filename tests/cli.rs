//! The `pgdumpd serve` binary itself: start-up checks, logs (JSON, one line per request, never a
//! secret) and shutdown on SIGTERM.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use pgdumpd::cluster::{ClusterOptions, free_port};

#[test]
fn refuses_an_open_endpoint_on_a_public_address() {
    let out = pgdumpd_command()
        .args([
            "serve",
            "--server-host",
            "0.0.0.0",
            "--database-url",
            "postgres://u@localhost/db",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("refusing to listen on 0.0.0.0 without an admin secret"),
        "{err}"
    );
}

#[test]
fn rejects_unknown_enabled_apis() {
    let out = pgdumpd_command()
        .args([
            "serve",
            "--enabled-apis",
            "graphql,pg-dump",
            "--database-url",
            "postgres://u@localhost/db",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid value \"pg-dump\""), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_logs_one_line_per_request_without_secrets() {
    let password = "db-Pa55-in-logs-test";
    let admin = "admin-secret-in-logs-test";
    let opts = ClusterOptions {
        password: Some(password.into()),
        ..Default::default()
    };
    let cluster = cluster_with_db(opts, "logs_db", "CREATE TABLE t (id int);").await;
    let port = free_port().unwrap();
    let mut child = pgdumpd_command()
        .args(["serve", "--log-json", "--server-port", &port.to_string()])
        .arg("--pg-dump-path")
        .arg(pg_dump(18))
        .env(
            "HASURA_GRAPHQL_DATABASE_URL",
            cluster.tcp_url("logs_db", "postgres", Some(password)),
        )
        .env("HASURA_GRAPHQL_ADMIN_SECRET", admin)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let http = client();
    let mut up = false;
    for _ in 0..100 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "server did not start");
    let dump = |secret: &'static str| {
        http.post(format!("{base}/v1alpha1/pg_dump"))
            .header("X-Hasura-Admin-Secret", secret)
            .json(&serde_json::json!({"opts": ["-s"]}))
            .send()
    };
    let ok = dump(admin).await.unwrap();
    assert_eq!(ok.status(), 200);
    let body = ok.text().await.unwrap();
    assert_eq!(dump("wrong").await.unwrap().status(), 401);

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = tokio::task::block_in_place(|| child.wait()).unwrap();
    assert!(status.success(), "exit status {status}");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();

    assert!(
        !logs.contains(password),
        "database password in logs:\n{logs}"
    );
    assert!(!logs.contains(admin), "admin secret in logs:\n{logs}");
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {l}"))
        })
        .collect();
    let requests: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["message"] == "request" && l["path"] == "/v1alpha1/pg_dump")
        .collect();
    assert_eq!(requests.len(), 2, "{logs}");
    assert_eq!(requests[0]["status"], 200);
    assert_eq!(requests[0]["source"], "default");
    assert_eq!(requests[0]["engine"], "native");
    assert_eq!(requests[0]["bytes"].as_u64().unwrap(), body.len() as u64);
    assert_eq!(requests[0]["complete"], true);
    assert_eq!(requests[1]["status"], 401);
    assert!(
        lines.iter().any(|l| l["message"] == "pgdumpd stopped"),
        "{logs}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn warns_loudly_without_an_admin_secret() {
    let port = free_port().unwrap();
    let mut child = pgdumpd_command()
        .args([
            "serve",
            "--server-port",
            &port.to_string(),
            "--database-url",
            "postgres://u@127.0.0.1:1/db",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let http = client();
    for _ in 0..100 {
        if http
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Unreachable database: the server still runs and says it is not ready.
    let r = http
        .get(format!("http://127.0.0.1:{port}/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 503);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    tokio::task::block_in_place(|| child.wait()).unwrap();
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    assert!(logs.contains("NO ADMIN SECRET IS SET"), "{logs}");
}
