//! The HTTP service: the router factory [`app`], Hasura-style auth and errors, the handlers, and
//! the request log (one line per request, written when the response body ends so the byte count
//! is what was really sent).

mod auth;
mod error;
mod handlers;
mod request;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use futures::StreamExt;
use tokio::sync::Semaphore;

pub use auth::secrets_match;
pub use error::ApiError;

use crate::config::ServerConfig;

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Shared by every request.
pub struct AppState {
    pub config: ServerConfig,
    /// One permit per dump allowed to run.
    pub dump_slots: Semaphore,
    /// Requests currently waiting for a permit.
    pub waiting: AtomicUsize,
}

impl AppState {
    pub fn new(config: ServerConfig) -> Arc<Self> {
        let slots = Semaphore::new(config.max_concurrent_dumps.max(1));
        Arc::new(Self {
            config,
            dump_slots: slots,
            waiting: AtomicUsize::new(0),
        })
    }
}

/// What a handler tells the request log about its request.
#[derive(Debug, Clone, Default)]
pub struct RequestLog {
    pub source: Option<String>,
    pub engine: Option<&'static str>,
    /// The error message of a failed request (already free of secrets).
    pub error: Option<String>,
}

/// Builds the router.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/v1alpha1/pg_dump", post(handlers::pg_dump))
        .route("/healthz", get(handlers::healthz))
        .route("/readyz", get(handlers::readyz))
        .route("/v1/version", get(handlers::version))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// Logs one line per request when its body has been sent (or abandoned).
async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let resp = next.run(req).await;
    let status = resp.status().as_u16();
    let info = resp
        .extensions()
        .get::<RequestLog>()
        .cloned()
        .unwrap_or_default();
    let (parts, body) = resp.into_parts();
    // With a Content-Length, hyper stops polling once that many bytes went out, so the end of
    // the stream is never seen; reaching the length is completion too.
    let expected_len = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let mut guard = LogOnDrop {
        method: method.to_string(),
        path,
        status,
        info,
        started,
        bytes: 0,
        expected_len,
        finished: false,
    };
    let mut stream = body.into_data_stream();
    let counted = async_stream_counting(move |cx| {
        let polled = stream.poll_next_unpin(cx);
        match &polled {
            std::task::Poll::Ready(Some(Ok(chunk))) => guard.sent(chunk.len()),
            std::task::Poll::Ready(None) => guard.finish(),
            _ => {}
        }
        polled
    });
    Response::from_parts(parts, Body::from_stream(counted))
}

fn async_stream_counting<F>(f: F) -> futures::stream::PollFn<F>
where
    F: FnMut(
        &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<bytes::Bytes, axum::Error>>>,
{
    futures::stream::poll_fn(f)
}

struct LogOnDrop {
    method: String,
    path: String,
    status: u16,
    info: RequestLog,
    started: Instant,
    bytes: u64,
    expected_len: Option<u64>,
    finished: bool,
}

impl LogOnDrop {
    // Methods (not field access) so the stream closure captures the whole guard, which then
    // logs when the stream is dropped rather than when this middleware returns.
    fn sent(&mut self, n: usize) {
        self.bytes += n as u64;
    }

    fn finish(&mut self) {
        self.finished = true;
    }
}

impl Drop for LogOnDrop {
    fn drop(&mut self) {
        tracing::info!(
            method = %self.method,
            path = %self.path,
            source = self.info.source.as_deref().unwrap_or("-"),
            engine = self.info.engine.unwrap_or("-"),
            status = self.status,
            bytes = self.bytes,
            complete = self.finished || self.expected_len == Some(self.bytes),
            duration_ms = self.started.elapsed().as_millis() as u64,
            error = self.info.error.as_deref().unwrap_or(""),
            "request"
        );
    }
}
