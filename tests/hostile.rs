//! Hostile input over a real socket: malformed and oversized bodies, option lists built to break
//! the pg_dump command line, NUL bytes and invalid UTF-8, oversized headers and slow clients.
//! Each must get a 4xx quickly or a closed connection: never a 5xx, a panic, a hang or a server
//! that grows without bound.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::*;
use pgdumpd::cluster::ClusterOptions;
use serde_json::json;

/// A server whose only source cannot be reached: any request that got as far as connecting
/// would be a 500, so a 4xx proves it was stopped at the door.
async fn closed_door() -> TestServer {
    let config = config_with(&[("default", "host=/nonexistent dbname=x".into())], &[18]).await;
    TestServer::start(config).await
}

/// Posts raw bytes as the body; returns the status and the body of the answer.
async fn post_raw(server: &TestServer, body: Vec<u8>) -> (u16, String) {
    let r = client()
        .post(server.url("/v1alpha1/pg_dump"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn assert_4xx_json(status: u16, text: &str, what: &str) -> serde_json::Value {
    assert!(
        (400..500).contains(&status),
        "{what}: expected a 4xx, got {status}: {text}"
    );
    json(text)
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_that_are_not_json_or_not_utf8() {
    let server = closed_door().await;
    let mut deep = vec![b'['; 100_000];
    deep.extend(vec![b']'; 100_000]);
    let mut deep_opts = br#"{"opts": "#.to_vec();
    deep_opts.extend(vec![b'['; 50_000]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", br#"{"opts": ["-s""#.to_vec()),
        ("binary", vec![0, 1, 2, 255, 254]),
        ("NUL bytes", b"\0\0\0\0".to_vec()),
        (
            "invalid UTF-8 in a string",
            b"{\"opts\": [\"-s\xff\xfe\"]}".to_vec(),
        ),
        (
            "invalid UTF-8 outside strings",
            b"{\"opts\": [\"-s\"]\xc3\x28}".to_vec(),
        ),
        (
            "UTF-16",
            "{\"opts\": [\"-s\"]}"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
        ("100,000 nested arrays", deep),
        ("50,000 nested arrays in opts", deep_opts),
        (
            "trailing garbage",
            br#"{"opts": ["-s"]} {"opts": []}"#.to_vec(),
        ),
        ("lone surrogate escape", br#"{"opts": ["\ud800"]}"#.to_vec()),
    ];
    for (what, body) in cases {
        let started = Instant::now();
        let (status, text) = post_raw(&server, body).await;
        let j = assert_4xx_json(status, &text, what);
        assert_eq!(
            (status, j["code"].as_str()),
            (400, Some("parse-failed")),
            "{what}: {text}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{what}: took {:?}",
            started.elapsed()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn json_of_the_wrong_shape_names_the_field() {
    let server = closed_door().await;
    for (body, path) in [
        ("null", "$"),
        ("42", "$"),
        (r#""opts""#, "$"),
        ("true", "$"),
        (r#"{"opts": null}"#, "$.opts"),
        (r#"{"opts": {}}"#, "$.opts"),
        (r#"{"opts": [null]}"#, "$.opts[0]"),
        (r#"{"opts": ["-s", ["-a"]]}"#, "$.opts[1]"),
        (r#"{"opts": ["-s"], "clean_output": 1}"#, "$.clean_output"),
        (
            r#"{"opts": ["-s"], "clean_output": "true"}"#,
            "$.clean_output",
        ),
        (r#"{"opts": ["-s"], "source": ["default"]}"#, "$.source"),
        (r#"{"opts": ["-s"], "source": {}}"#, "$.source"),
    ] {
        let (status, text) = post_raw(&server, body.as_bytes().to_vec()).await;
        let j = assert_4xx_json(status, &text, body);
        assert_eq!(
            (j["code"].as_str(), j["path"].as_str()),
            (Some("parse-failed"), Some(path)),
            "{body} → {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn nul_bytes_in_options_are_refused() {
    let server = closed_door().await;
    for (opts, named) in [
        (json!(["-n\u{0}x"]), "-n"),
        (json!(["-n", "public\u{0}"]), "-n"),
        (json!(["--table=a\u{0}b"]), "--table"),
        (json!(["--sch\u{0}ema", "public"]), "--sch\u{0}ema"),
        (json!(["-s\u{0}"]), "-\u{0}"),
        (json!(["\u{0}"]), "\u{0}"),
    ] {
        let (status, _, text) = post_dump(&server, json!({ "opts": opts }), &[]).await;
        let j = assert_4xx_json(status, &text, &opts.to_string());
        assert_eq!(
            (status, j["code"].as_str()),
            (400, Some("bad-request")),
            "{opts} → {text}"
        );
        assert!(
            j["error"].as_str().unwrap().contains(named),
            "{opts} should name {named:?}: {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn option_lists_too_big_for_a_command_line_are_refused_quickly() {
    // A real database: without the limit these requests would reach the spawn of pg_dump, which
    // fails with E2BIG (a 500).
    let db = "hostile_opts";
    let cluster = cluster_with_db(ClusterOptions::default(), db, "CREATE TABLE t (id int);").await;
    let server =
        TestServer::start(config_with(&[("default", cluster.socket_url(db))], &[18]).await).await;
    let many_flags = vec!["-s"; 100_000];
    let many_tables: Vec<String> = (0..100_000).map(|i| format!("-t{i}")).collect();
    let cases = [
        (
            "100,000 × -s",
            json!({ "opts": many_flags }),
            "command line",
        ),
        (
            "100,000 × -tN",
            json!({ "opts": many_tables }),
            "command line",
        ),
        (
            "a 1,000,000-byte value",
            json!({"opts": ["-t", "x".repeat(1_000_000)]}),
            "has a value of 1000000 bytes",
        ),
    ];
    for (what, body, says) in cases {
        let size = body.to_string().len();
        assert!(
            size < pgdumpd::http::MAX_BODY_BYTES,
            "{what}: {size} bytes must fit the body limit"
        );
        let started = Instant::now();
        let (status, _, text) = post_dump(&server, body, &[]).await;
        let j = assert_4xx_json(status, &text, what);
        assert_eq!(
            (status, j["code"].as_str(), j["path"].as_str()),
            (400, Some("bad-request"), Some("$.opts")),
            "{what}: {text}"
        );
        assert!(
            j["error"].as_str().unwrap().contains(says),
            "{what}: {text}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{what}: took {:?}",
            started.elapsed()
        );
    }
    assert!(processes_with_env(&format!("PGDATABASE={db}")).is_empty());
    // A megabyte-long option string that does not fit the body limit.
    let (status, _, text) = post_dump(
        &server,
        json!({"opts": ["-t", "x".repeat(1024 * 1024)]}),
        &[],
    )
    .await;
    assert_eq!(
        (status, json(&text)["code"].as_str()),
        (413, Some("payload-too-large")),
        "{text}"
    );
    // Still serving.
    let (status, _, text) = post_dump(&server, json!({"opts": ["-s"]}), &[]).await;
    assert_eq!(status, 200, "{text}");
}

/// Streams `total` bytes of body in 64 KiB chunks, chunked or with a length, and reads the
/// answer. The server may answer and close before the client is done writing.
fn send_huge_body(addr: std::net::SocketAddr, total: usize, chunked: bool) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let framing = if chunked {
        "Transfer-Encoding: chunked\r\n".to_string()
    } else {
        format!("Content-Length: {total}\r\n")
    };
    let head = format!(
        "POST /v1alpha1/pg_dump HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n{framing}\r\n"
    );
    let mut reader = s.try_clone().unwrap();
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = reader.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    });
    let _ = s.write_all(head.as_bytes());
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        let r = if chunked {
            write!(s, "{:x}\r\n", chunk.len())
                .and_then(|_| s.write_all(&chunk))
                .and_then(|_| s.write_all(b"\r\n"))
        } else {
            s.write_all(&chunk)
        };
        if r.is_err() {
            break; // the server answered and closed
        }
        sent += chunk.len();
    }
    if chunked {
        let _ = s.write_all(b"0\r\n\r\n");
    }
    let _ = s.shutdown(std::net::Shutdown::Write);
    reading.join().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_mebibyte_bodies_get_413_quickly() {
    let server = closed_door().await;
    let addr = server.addr;
    for chunked in [false, true] {
        let started = Instant::now();
        let answer = tokio::task::spawn_blocking(move || send_huge_body(addr, 10 << 20, chunked))
            .await
            .unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "chunked={chunked}: took {:?}",
            started.elapsed()
        );
        // Either the 413 arrived, or the connection was reset before the client could read it.
        if let Some(status) = raw_status(&answer) {
            assert_eq!(status, 413, "chunked={chunked}: {answer}");
            assert!(
                raw_body(&answer).contains(r#""code":"payload-too-large""#),
                "{answer}"
            );
        }
    }
    let r = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_bodies_leave_the_server_process_small() {
    // The real binary, so its peak resident set is its own.
    let server = ServerProcess::start(&["--database-url", "host=/nonexistent dbname=x"]).await;
    let before = peak_rss_kib(server.pid());
    let addr = server.addr;
    let mut clients = Vec::new();
    for i in 0..16 {
        clients.push(tokio::task::spawn_blocking(move || {
            send_huge_body(addr, 10 << 20, i % 2 == 0)
        }));
    }
    let flags = json!({ "opts": vec!["-s"; 100_000] }).to_string();
    for _ in 0..8 {
        let body = flags.clone();
        clients.push(tokio::task::spawn_blocking(move || {
            raw_exchange(
                addr,
                &raw_dump_request(body.as_bytes(), ""),
                Duration::from_secs(10),
            )
        }));
    }
    for c in clients {
        let answer = c.await.unwrap();
        if let Some(status) = raw_status(&answer) {
            assert!((400..500).contains(&status), "{answer}");
        }
    }
    let after = peak_rss_kib(server.pid());
    // 16 bodies of 10 MiB would be 160 MiB if they were buffered; the 1 MiB limit bounds it.
    assert!(
        after < before + 96 * 1024,
        "peak RSS grew from {before} KiB to {after} KiB"
    );
    let r = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_headers_get_431() {
    let server = closed_door().await;
    let addr = server.addr;
    let body = br#"{"opts": ["-s"]}"#;
    let long = "a".repeat(100 * 1024);
    let many: String = (0..1_000).map(|i| format!("X-Many-{i}: v\r\n")).collect();
    let cases = [
        ("a 100 KiB header value", format!("X-Junk: {long}\r\n")),
        (
            "a 100 KiB admin secret",
            format!("X-Hasura-Admin-Secret: {long}\r\n"),
        ),
        ("1,000 headers", many),
    ];
    for (what, headers) in cases {
        let request = raw_dump_request(body, &headers);
        let answer = tokio::task::spawn_blocking(move || {
            raw_exchange(addr, &request, Duration::from_secs(5))
        })
        .await
        .unwrap();
        // 431, or closed without an answer; never processed (which would be a 500 here).
        if let Some(status) = raw_status(&answer) {
            assert_eq!(status, 431, "{what}: {answer}");
        }
    }
    // Long but acceptable headers still work (the source is unreachable: 500 is the answer that
    // proves the request was processed).
    let request = raw_dump_request(body, &format!("X-Junk: {}\r\n", "a".repeat(16 * 1024)));
    let answer =
        tokio::task::spawn_blocking(move || raw_exchange(addr, &request, Duration::from_secs(10)))
            .await
            .unwrap();
    assert_eq!(raw_status(&answer), Some(500), "{answer}");
}

/// Writes `bytes` one at a time, every 100 ms, until the server closes the connection; returns
/// how long that took and what the server answered.
fn trickle(addr: std::net::SocketAddr, head: &[u8], bytes: &[u8]) -> (Duration, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(head).unwrap();
    let started = Instant::now();
    let mut reader = s.try_clone().unwrap();
    reader
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let reading = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = reader.read_to_end(&mut out);
        (
            started.elapsed(),
            String::from_utf8_lossy(&out).into_owned(),
        )
    });
    for b in bytes {
        if s.write_all(&[*b]).is_err() || reading.is_finished() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reading.join().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_clients_are_cut_off() {
    let mut config = config_with(&[("default", "host=/nonexistent dbname=x".into())], &[18]).await;
    config.header_read_timeout = Duration::from_secs(1);
    let server = TestServer::start(config).await;
    let addr = server.addr;
    let slow = "X-Slow: ".to_string() + &"a".repeat(150); // 15 s at one byte per 100 ms
    let cases: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        ("silent after connecting", Vec::new(), vec![b' '; 0]),
        ("headers one byte per 100 ms", b"POST /v1alpha1/pg_dump HTTP/1.1\r\nHost: x\r\n".to_vec(), slow.into_bytes()),
        (
            "body one byte per 100 ms",
            b"POST /v1alpha1/pg_dump HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 150\r\n\r\n".to_vec(),
            vec![b' '; 150],
        ),
    ];
    for (what, head, bytes) in cases {
        let (took, answer) = tokio::task::spawn_blocking(move || trickle(addr, &head, &bytes))
            .await
            .unwrap();
        assert!(
            took < Duration::from_secs(5),
            "{what}: the server kept the connection for {took:?}; answer: {answer}"
        );
        if let Some(status) = raw_status(&answer) {
            assert_eq!(status, 408, "{what}: {answer}");
        }
    }
    // A client that is merely slow-ish but within the limit is served.
    let answer = tokio::task::spawn_blocking(move || {
        trickle(
            addr,
            b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n",
            b"\r\n",
        )
    })
    .await
    .unwrap()
    .1;
    assert_eq!(raw_status(&answer), Some(200), "{answer}");
}

#[tokio::test(flavor = "multi_thread")]
async fn header_read_timeout_flag_applies_to_the_binary() {
    let server = ServerProcess::start(&[
        "--database-url",
        "host=/nonexistent dbname=x",
        "--header-read-timeout",
        "1s",
    ])
    .await;
    let addr = server.addr;
    let (took, answer) = tokio::task::spawn_blocking(move || {
        trickle(addr, b"GET /healthz HTTP/1.1\r\n", &[b'X'; 100])
    })
    .await
    .unwrap();
    assert!(
        took < Duration::from_secs(5),
        "kept for {took:?}; answer: {answer}"
    );
    assert!(
        took >= Duration::from_millis(900),
        "cut off after {took:?}, before the timeout"
    );
}
