//! Running the HTTP service: the listen-address policy, and serving with graceful shutdown (stop
//! accepting, let in-flight dumps finish up to a deadline, then abandon them — their pg_dump
//! children are killed when their tasks are dropped).

use std::future::Future;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;

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

/// Serves until `shutdown` resolves, then waits for in-flight requests up to `deadline`.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
    deadline: Duration,
) -> std::io::Result<()> {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app(state)).with_graceful_shutdown(async move {
        shutdown.await;
        let _ = tx.send(());
    });
    let expired = async move {
        if rx.await.is_ok() {
            tokio::time::sleep(deadline).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        r = server.into_future() => r,
        _ = expired => {
            tracing::warn!(?deadline, "shutdown deadline reached; abandoning in-flight requests");
            Ok(())
        }
    }
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
