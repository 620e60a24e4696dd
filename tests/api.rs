//! The PG Dump API over real HTTP against real PostgreSQL clusters with the real pg_dump.

mod common;

use std::io::{Read, Write};
use std::time::Duration;

use common::*;
use pgdumpd::cluster::ClusterOptions;
use serde_json::json;

const SCHEMA: &str = "CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL);
COMMENT ON TABLE public.items IS 'things';
CREATE SCHEMA other; CREATE TABLE other.t (x int);
INSERT INTO public.items VALUES (1, 'one'), (2, 'two');";

async fn setup(db: &str) -> (pgdumpd::cluster::Cluster, TestServer) {
    let cluster = cluster_with_db(ClusterOptions::default(), db, SCHEMA).await;
    let config = config_with(&[("default", cluster.socket_url(db))], &[18]).await;
    (cluster, TestServer::start(config).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn schema_dump_raw_and_cleaned() {
    let (_cluster, server) = setup("schema_dump").await;
    let (status, headers, body) = post_dump(
        &server,
        json!({"opts": ["-O", "-x", "--schema-only", "--schema", "public"]}),
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["content-type"], "application/sql; charset=utf-8");
    // Served natively: a schema-only request with options the native engine supports.
    assert_eq!(headers["x-pgdumpd-engine"], "native");
    assert_eq!(
        headers["content-length"].to_str().unwrap(),
        body.len().to_string()
    );
    assert!(
        body.starts_with("--\n-- PostgreSQL database dump\n"),
        "{body}"
    );
    assert!(body.contains("CREATE TABLE public.items ("), "{body}");
    assert!(
        !body.contains("other.t"),
        "--schema public must leave other out"
    );
    assert!(
        !body.contains("INSERT") && !body.contains("COPY"),
        "schema only"
    );

    let (status, _, cleaned) = post_dump(
        &server,
        json!({"opts": ["-O", "-x", "--schema-only", "--schema", "public"], "clean_output": true, "source": "default"}),
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        cleaned.contains(
            "CREATE TABLE public.items (\n    id integer NOT NULL,\n    name text NOT NULL\n);\n"
        ),
        "{cleaned}"
    );
    for line in cleaned.lines() {
        assert!(
            !line.is_empty() && !line.starts_with("--"),
            "line {line:?} survived cleaning"
        );
        assert!(
            !line.starts_with("\\restrict") && !line.starts_with("\\unrestrict"),
            "{line}"
        );
        assert!(
            !line.starts_with("SET statement_timeout")
                && !line.starts_with("SET transaction_timeout"),
            "{line}"
        );
    }
    assert!(cleaned.contains("SET check_function_bodies = false;\n"));
    assert!(cleaned.ends_with('\n'));
}

#[tokio::test(flavor = "multi_thread")]
async fn data_dump_and_second_source() {
    let cluster = cluster_with_db(ClusterOptions::default(), "main_db", SCHEMA).await;
    cluster.create_database("reports").await.unwrap();
    cluster
        .execute(
            "reports",
            "CREATE TABLE r (v text); INSERT INTO r VALUES ('from reports');",
        )
        .await
        .unwrap();
    let config = config_with(
        &[
            ("default", cluster.socket_url("main_db")),
            ("reports", cluster.socket_url("reports")),
        ],
        &[18],
    )
    .await;
    let server = TestServer::start(config).await;
    let (status, _, body) = post_dump(
        &server,
        json!({"opts": ["--no-owner", "--no-acl", "--data-only", "--column-inserts", "--table", "\"public\".\"items\""], "clean_output": true}),
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("INSERT INTO public.items (id, name) VALUES (1, 'one');"),
        "{body}"
    );
    let (status, _, body) =
        post_dump(&server, json!({"opts": ["-a"], "source": "reports"}), &[]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("from reports"), "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn authorisation_like_hasura() {
    let cluster = cluster_with_db(ClusterOptions::default(), "auth_db", SCHEMA).await;
    let mut config = config_with(&[("default", cluster.socket_url("auth_db"))], &[18]).await;
    config.admin_secret = Some("correct horse".into());
    let server = TestServer::start(config).await;
    let body = json!({"opts": ["-s"]});
    let denied = |(status, _, text): (u16, _, String)| {
        assert_eq!(status, 401, "{text}");
        let j = json(&text);
        assert_eq!(j["code"], "access-denied");
        assert_eq!(
            j["error"],
            "invalid x-hasura-admin-secret/x-hasura-access-key"
        );
        assert_eq!(j["path"], "$");
        assert!(!text.contains("correct horse"));
    };
    denied(post_dump(&server, body.clone(), &[]).await);
    denied(post_dump(&server, body.clone(), &[("X-Hasura-Admin-Secret", "wrong")]).await);
    denied(
        post_dump(
            &server,
            body.clone(),
            &[("X-Hasura-Admin-Secret", "correct horsE")],
        )
        .await,
    );
    denied(
        post_dump(
            &server,
            body.clone(),
            &[("X-Hasura-Admin-Secret", "correct horse!")],
        )
        .await,
    );
    let (status, _, text) = post_dump(
        &server,
        body.clone(),
        &[("X-Hasura-Admin-Secret", "correct horse")],
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let (status, _, text) = post_dump(
        &server,
        body.clone(),
        &[("X-Hasura-Access-Key", "correct horse")],
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let (status, _, text) = post_dump(
        &server,
        body.clone(),
        &[
            ("X-Hasura-Admin-Secret", "correct horse"),
            ("X-Hasura-Role", "user"),
        ],
    )
    .await;
    assert_eq!(status, 400, "{text}");
    assert_eq!(json(&text)["code"], "access-denied");
    assert_eq!(
        json(&text)["error"],
        "You have to be an admin to access this endpoint"
    );
    let (status, _, _) = post_dump(
        &server,
        body.clone(),
        &[
            ("X-Hasura-Admin-Secret", "correct horse"),
            ("X-Hasura-Role", "admin"),
        ],
    )
    .await;
    assert_eq!(status, 200);

    // Without a configured secret every caller is admin, unless it names another role.
    let open =
        TestServer::start(config_with(&[("default", cluster.socket_url("auth_db"))], &[18]).await)
            .await;
    assert_eq!(post_dump(&open, body.clone(), &[]).await.0, 200);
    assert_eq!(
        post_dump(
            &open,
            body.clone(),
            &[("X-Hasura-Admin-Secret", "anything")]
        )
        .await
        .0,
        200
    );
    let (status, _, text) = post_dump(&open, body.clone(), &[("X-Hasura-Role", "viewer")]).await;
    assert_eq!(
        (status, json(&text)["code"].as_str()),
        (400, Some("access-denied"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn disabled_api_answers_not_found() {
    let mut config = config_with(&[("default", "host=/nonexistent dbname=x".into())], &[18]).await;
    config.pgdump_enabled = false;
    let server = TestServer::start(config).await;
    let (status, _, text) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 404);
    let j = json(&text);
    assert_eq!(
        (j["code"].as_str(), j["error"].as_str()),
        (Some("not-found"), Some("resource does not exist"))
    );
    // Health and version still answer.
    let r = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = client()
        .get(server.url("/v1/version"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["version"],
        env!("CARGO_PKG_VERSION")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_options_are_named() {
    // The source is never contacted: options are checked first.
    let config = config_with(&[("default", "host=/nonexistent dbname=x".into())], &[18]).await;
    let server = TestServer::start(config).await;
    let cases: &[(&[&str], &str)] = &[
        (&["-f", "/tmp/x.sql"], "-f"),
        (&["-f/tmp/x.sql"], "-f"),
        (&["-Oxf/tmp/x.sql"], "-f"),
        (&["--file=/tmp/x.sql"], "--file"),
        (&["--file", "/tmp/x.sql"], "--file"),
        (&["-Fd"], "-F"),
        (&["-F", "directory"], "-F"),
        (&["--format=custom"], "--format"),
        (&["-Fc"], "-F"),
        (&["-Ft"], "-F"),
        (&["-j", "4"], "-j"),
        (&["--jobs=2"], "--jobs"),
        (&["-d", "postgres://evil/db"], "-d"),
        (&["--dbname=other"], "--dbname"),
        (&["-h", "evil.example.com"], "-h"),
        (&["--host=evil"], "--host"),
        (&["-p", "5433"], "-p"),
        (&["--port=1"], "--port"),
        (&["-U", "postgres"], "-U"),
        (&["--username=postgres"], "--username"),
        (&["-W"], "-W"),
        (&["--password"], "--password"),
        (&["--filter=/etc/passwd"], "--filter"),
        (&["-s", "otherdb"], "otherdb"),
        (&["--", "-s"], "-s"),
    ];
    for (opts, named) in cases {
        let (status, _, text) = post_dump(&server, json!({"opts": opts}), &[]).await;
        assert_eq!(status, 400, "{opts:?} → {text}");
        let j = json(&text);
        assert_eq!(j["path"], "$.opts", "{text}");
        assert!(
            j["error"].as_str().unwrap().contains(named),
            "{opts:?} should name {named}: {text}"
        );
    }
    let (status, _, text) = post_dump(&server, json!({"opts": ["--no-such-option"]}), &[]).await;
    assert_eq!(status, 400);
    assert!(text.contains("--no-such-option"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_requests() {
    let config = config_with(&[("default", "host=/nonexistent dbname=x".into())], &[18]).await;
    let server = TestServer::start(config).await;
    let raw = |body: Vec<u8>| {
        let url = server.url("/v1alpha1/pg_dump");
        async move {
            let r = client()
                .post(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    for (body, path) in [
        ("not json", "$"),
        ("{}", "$"),
        ("[]", "$"),
        (r#"{"opts": "-s"}"#, "$.opts"),
        (r#"{"opts": ["-s", 3]}"#, "$.opts[1]"),
        (r#"{"opts": [], "clean_output": "yes"}"#, "$.clean_output"),
        (r#"{"opts": [], "source": 1}"#, "$.source"),
    ] {
        let (status, text) = raw(body.as_bytes().to_vec()).await;
        assert_eq!(status, 400, "{body} → {text}");
        let j = json(&text);
        assert_eq!(
            (j["code"].as_str(), j["path"].as_str()),
            (Some("parse-failed"), Some(path)),
            "{body} → {text}"
        );
    }
    let (status, text) = raw(br#"{"opts": ["-s"], "source": "nope"}"#.to_vec()).await;
    assert_eq!(status, 400);
    assert_eq!(json(&text)["code"], "not-found");
    assert!(text.contains("nope"));
    let mut huge = br#"{"opts": [""#.to_vec();
    huge.extend(std::iter::repeat_n(b'a', 2 * 1024 * 1024));
    huge.extend(br#""]}"#);
    let (status, text) = raw(huge).await;
    assert_eq!(status, 413, "{text}");
    assert_eq!(json(&text)["code"], "payload-too-large");
    let r = client().get(server.url("/nowhere")).send().await.unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn pg_dump_failure_returns_its_stderr() {
    let (_cluster, server) = setup("failure_db").await;
    let (status, _, text) = post_dump(
        &server,
        json!({"opts": ["--strict-names", "-t", "no_such_table"]}),
        &[],
    )
    .await;
    assert_eq!(status, 500, "{text}");
    let j = json(&text);
    assert_eq!(j["code"], "unexpected");
    assert_eq!(j["error"], "error while executing pg_dump");
    assert!(
        j["internal"]
            .as_str()
            .unwrap()
            .contains("no matching tables were found"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn server_version_mismatch_names_what_to_install() {
    let cluster = cluster_with_db(ClusterOptions::default(), "mismatch", SCHEMA).await;
    let old =
        TestServer::start(config_with(&[("default", cluster.socket_url("mismatch"))], &[15]).await)
            .await;
    // --no-sync is not a native option, so pg_dump must run.
    let (status, _, text) = post_dump(&old, json!({"opts": ["-s", "--no-sync"]}), &[]).await;
    assert_eq!(status, 500, "{text}");
    let error = json(&text)["error"].as_str().unwrap().to_string();
    assert!(error.contains("PostgreSQL 18."), "{error}");
    assert!(error.contains("needs pg_dump 18 or newer"), "{error}");
    assert!(error.contains("pg_dump 15."), "{error}");
    let both = TestServer::start(
        config_with(&[("default", cluster.socket_url("mismatch"))], &[15, 18]).await,
    )
    .await;
    let (status, _, text) = post_dump(&both, json!({"opts": ["-s", "--no-sync"]}), &[]).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("-- Dumped by pg_dump version 18."), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrency_limit_queues_then_refuses() {
    let cluster = cluster_with_db(ClusterOptions::default(), "busy", SCHEMA).await;
    let mut config = config_with(&[("default", cluster.socket_url("busy"))], &[18]).await;
    config.max_concurrent_dumps = 1;
    config.queue_timeout = Duration::from_millis(500);
    let server = std::sync::Arc::new(TestServer::start(config).await);
    let lock = TableLock::take(&cluster, "busy", "public.items").await;
    let s1 = server.clone();
    let first =
        tokio::spawn(
            async move { post_dump(&s1, json!({"opts": ["-t", "public.items"]}), &[]).await },
        );
    wait_until("first pg_dump running", Duration::from_secs(10), || {
        !processes_with_env("PGDATABASE=busy").is_empty()
    })
    .await;
    let (status, _, text) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 503, "{text}");
    assert_eq!(json(&text)["code"], "service-unavailable");
    lock.release().await;
    let (status, _, text) = first.await.unwrap();
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("COPY public.items"), "{text}");
    // The slot is free again.
    assert_eq!(
        post_dump(&server, json!({"opts": ["-s"]}), &[]).await.0,
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn client_disconnect_kills_pg_dump() {
    let cluster = cluster_with_db(ClusterOptions::default(), "gone_client", SCHEMA).await;
    let config = config_with(&[("default", cluster.socket_url("gone_client"))], &[18]).await;
    let server = TestServer::start(config).await;
    let lock = TableLock::take(&cluster, "gone_client", "public.items").await;
    let body = r#"{"opts": ["-t", "public.items"]}"#;
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "POST /v1alpha1/pg_dump HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    wait_until("pg_dump started", Duration::from_secs(10), || {
        !processes_with_env("PGDATABASE=gone_client").is_empty()
    })
    .await;
    drop(stream);
    wait_until(
        "pg_dump killed after the client left",
        Duration::from_secs(10),
        || processes_with_env("PGDATABASE=gone_client").is_empty(),
    )
    .await;
    lock.release().await;
    // The server is fine afterwards.
    let (status, _, _) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn dump_timeout_kills_pg_dump() {
    let cluster = cluster_with_db(ClusterOptions::default(), "slow_dump", SCHEMA).await;
    let mut config = config_with(&[("default", cluster.socket_url("slow_dump"))], &[18]).await;
    config.dump_timeout = Duration::from_millis(1500);
    let server = TestServer::start(config).await;
    let lock = TableLock::take(&cluster, "slow_dump", "public.items").await;
    let (status, _, text) = post_dump(&server, json!({"opts": ["-t", "public.items"]}), &[]).await;
    assert_eq!(status, 500, "{text}");
    assert!(
        json(&text)["error"]
            .as_str()
            .unwrap()
            .contains("did not finish"),
        "{text}"
    );
    assert!(processes_with_env("PGDATABASE=slow_dump").is_empty());
    lock.release().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn password_stays_out_of_arguments_and_errors() {
    let password = "Pa55-w0rd-for-pgdumpd-test";
    let opts = ClusterOptions {
        password: Some(password.into()),
        ..Default::default()
    };
    let cluster = cluster_with_db(opts, "secret_db", SCHEMA).await;
    let url = cluster.tcp_url("secret_db", "postgres", Some(password));
    let server = TestServer::start(config_with(&[("default", url)], &[18]).await).await;
    let (status, _, text) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 200, "{text}");

    let lock = TableLock::take(&cluster, "secret_db", "public.items").await;
    let server = std::sync::Arc::new(server);
    let s1 = server.clone();
    let running =
        tokio::spawn(
            async move { post_dump(&s1, json!({"opts": ["-t", "public.items"]}), &[]).await },
        );
    let marker = format!("PGPASSWORD={password}");
    wait_until(
        "pg_dump with the password in its environment",
        Duration::from_secs(10),
        || !processes_with_env(&marker).is_empty(),
    )
    .await;
    let procs = processes_with_env(&marker);
    for (pid, cmdline) in &procs {
        assert!(cmdline.contains("pg_dump"), "{pid}: {cmdline}");
        assert!(
            !cmdline.contains(password),
            "password in /proc/{pid}/cmdline: {cmdline}"
        );
    }
    lock.release().await;
    assert_eq!(running.await.unwrap().0, 200);

    // A failing dump's error never carries the password either.
    let wrong = cluster.tcp_url("secret_db", "postgres", Some("not-the-password"));
    let server = TestServer::start(config_with(&[("default", wrong)], &[18]).await).await;
    let (status, _, text) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 500, "{text}");
    assert!(text.contains("password authentication failed"), "{text}");
    assert!(!text.contains("not-the-password"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn tls_sslmodes_against_a_self_signed_server() {
    // PostgreSQL 15 from Debian: the pg_dump 18 build the tests install has no TLS support, and
    // here pg_dump itself must speak TLS too.
    let cluster = cluster_of_with_db(
        15,
        ClusterOptions {
            ssl: true,
            ..Default::default()
        },
        "tls_db",
        SCHEMA,
    )
    .await;
    let base = cluster.tcp_url("tls_db", "postgres", None);
    let cert = cluster.certificate_path();
    let cert = cert.display();
    let sources = [
        ("require", format!("{base}?sslmode=require")),
        (
            "verify_full",
            format!("{base}?sslmode=verify-full&sslrootcert={cert}"),
        ),
        (
            "verify_ca",
            format!("{base}?sslmode=verify-ca&sslrootcert={cert}"),
        ),
        ("untrusted", format!("{base}?sslmode=verify-full")),
    ];
    let sources: Vec<(&str, String)> = sources.iter().map(|(n, u)| (*n, u.clone())).collect();
    let server = TestServer::start(config_with(&sources, &[15]).await).await;
    for name in ["require", "verify_full", "verify_ca"] {
        let (status, _, text) =
            post_dump(&server, json!({"opts": ["-s"], "source": name}), &[]).await;
        assert_eq!(status, 200, "{name}: {text}");
        assert!(text.contains("CREATE TABLE public.items"));
    }
    // Our own connection really is encrypted.
    let info = pgdumpd::conninfo::ConnInfo::parse(&format!("{base}?sslmode=require")).unwrap();
    let client = pgdumpd::db::connect(&info).await.unwrap();
    let row = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .await
        .unwrap();
    assert!(row.get::<_, bool>(0));
    // A self-signed certificate is not trusted by the system roots.
    let (status, _, text) =
        post_dump(&server, json!({"opts": ["-s"], "source": "untrusted"}), &[]).await;
    assert_eq!(status, 500, "{text}");
    assert!(text.to_lowercase().contains("certificate"), "{text}");
    // A server without TLS cannot satisfy sslmode=require.
    let plain = cluster_of_with_db(
        15,
        ClusterOptions {
            tcp: true,
            ..Default::default()
        },
        "plain_db",
        "",
    )
    .await;
    let info = pgdumpd::conninfo::ConnInfo::parse(&format!(
        "{}?sslmode=require",
        plain.tcp_url("plain_db", "postgres", None)
    ))
    .unwrap();
    assert!(pgdumpd::db::connect(&info).await.is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn readiness_follows_the_database() {
    let (mut cluster, server) = setup("ready_db").await;
    let get = |path: &str| {
        let url = server.url(path);
        async move {
            let r = client().get(url).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(get("/readyz").await.0, 200);
    tokio::task::block_in_place(|| cluster.stop());
    let (status, text) = get("/readyz").await;
    assert_eq!(status, 503, "{text}");
    assert!(
        json(&text)["error"]
            .as_str()
            .unwrap()
            .contains("\"default\""),
        "{text}"
    );
    assert_eq!(get("/healthz").await, (200, "OK".to_string()));
    let (status, _, text) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 500);
    assert!(
        text.contains("could not connect to source \\\"default\\\""),
        "{text}"
    );
    tokio::task::block_in_place(|| cluster.restart()).unwrap();
    assert_eq!(get("/readyz").await.0, 200);
    assert_eq!(
        post_dump(&server, json!({"opts": ["-s"]}), &[]).await.0,
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn graceful_shutdown_finishes_in_flight_dumps() {
    let cluster = cluster_with_db(ClusterOptions::default(), "shutdown_db", SCHEMA).await;
    let config = config_with(&[("default", cluster.socket_url("shutdown_db"))], &[18]).await;
    let mut server = TestServer::start(config).await;
    let addr = server.addr;
    let lock = TableLock::take(&cluster, "shutdown_db", "public.items").await;
    let in_flight = tokio::spawn(async move {
        let body = r#"{"opts": ["-t", "public.items"]}"#;
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "POST /v1alpha1/pg_dump HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut out = String::new();
        tokio::task::block_in_place(|| s.read_to_string(&mut out)).unwrap();
        out
    });
    wait_until("pg_dump running", Duration::from_secs(10), || {
        !processes_with_env("PGDATABASE=shutdown_db").is_empty()
    })
    .await;
    server.shutdown();
    wait_until(
        "new connections refused during shutdown",
        Duration::from_secs(5),
        || std::net::TcpStream::connect(addr).is_err(),
    )
    .await;
    lock.release().await;
    let response = in_flight.await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("COPY public.items"), "{response}");
    tokio::time::timeout(Duration::from_secs(10), server.handle)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(processes_with_env("PGDATABASE=shutdown_db").is_empty());
}
