//! Running the HTTP service: the listen-address policy, the connection limits that protect it from
//! slow or oversized requests (header-read timeout, header size), and serving with graceful
//! shutdown (stop accepting, let in-flight dumps finish up to a deadline, then abandon them — their
//! pg_dump children are killed when their tasks are dropped).

use std::future::Future;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::http::{AppState, app};

/// Hasura's `*` means every interface.
pub fn parse_host(host: &str) -> Result<IpAddr, String> {
    match host {
        "*" => Ok(IpAddr::from([0, 0, 0, 0])),
        "localhost" => Ok(IpAddr::from([127, 0, 0, 1])),
        other => other
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| format!("invalid --server-host \"{other}\": expected an IP address, \"localhost\" or \"*\"")),
    }
}

/// Without an admin secret every caller is admin, so such a server may only listen on loopback
/// unless the operator explicitly accepts an unauthenticated dump endpoint.
pub fn check_listen_policy(
    addr: IpAddr,
    has_secret: bool,
    allow_unauthenticated: bool,
) -> Result<(), String> {
    if has_secret || allow_unauthenticated || addr.is_loopback() {
        return Ok(());
    }
    Err(format!(
        "refusing to listen on {addr} without an admin secret: anyone who can reach it could dump the whole database. \
         Set --admin-secret (HASURA_GRAPHQL_ADMIN_SECRET), listen on 127.0.0.1, or pass --allow-unauthenticated \
         (PGDUMPD_ALLOW_UNAUTHENTICATED=true) to accept an unauthenticated dump endpoint"
    ))
}

/// Resolves when SIGTERM or SIGINT arrives.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown requested: no new connections; waiting for in-flight requests");
}

/// Longest request header section accepted (start line included); larger ones get 431.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Serves until `shutdown` resolves, then waits for in-flight requests up to `deadline` and
/// abandons the rest (dropping their tasks kills their pg_dump children).
///
/// Connections are served by hyper's HTTP/1 server directly rather than `axum::serve`, which sets
/// no timer and so no header-read timeout: a client that trickles its headers (slowloris) would
/// hold its connection forever. Here headers must arrive within the configured
/// `header_read_timeout` and may not exceed [`MAX_HEADER_BYTES`].
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
    deadline: Duration,
) -> std::io::Result<()> {
    let mut http1 = hyper::server::conn::http1::Builder::new();
    http1
        .timer(TokioTimer::new())
        .header_read_timeout(state.config.header_read_timeout)
        .max_header_size(MAX_HEADER_BYTES);
    let router = app(state);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(e) => {
                        accept_failed(e).await;
                        continue;
                    }
                };
                let router = router.clone();
                let service = service_fn(move |req: Request<Incoming>| {
                    router.clone().oneshot(req.map(Body::new))
                });
                let conn = graceful.watch(http1.serve_connection(TokioIo::new(stream), service));
                connections.spawn(async move {
                    if let Err(e) = conn.await {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                });
            }
            // Reap finished connections so the set stays as small as the open ones.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = &mut shutdown => break,
        }
    }
    // Closing the listener makes new connections fail at once; idle keep-alive connections are
    // closed, busy ones finish their current request.
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(deadline) => {
            tracing::warn!(?deadline, "shutdown deadline reached; abandoning in-flight requests");
        }
    }
    connections.shutdown().await;
    Ok(())
}

/// Errors of one incoming connection (reset before accept) are that client's; others (out of file
/// descriptors) are the process's, and retrying at once would spin, so wait a little.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::*;
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed; retrying in 1 s");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unauthenticated_servers_stay_on_loopback() {
        let any = parse_host("*").unwrap();
        assert!(check_listen_policy(any, false, false).is_err());
        assert!(check_listen_policy(any, true, false).is_ok());
        assert!(check_listen_policy(any, false, true).is_ok());
        assert!(check_listen_policy(parse_host("127.0.0.1").unwrap(), false, false).is_ok());
        assert!(check_listen_policy(parse_host("::1").unwrap(), false, false).is_ok());
        assert!(check_listen_policy(parse_host("localhost").unwrap(), false, false).is_ok());
        assert!(parse_host("example.com").is_err());
    }
}
