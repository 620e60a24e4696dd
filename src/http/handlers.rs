//! Request handlers: the PG Dump API, liveness, readiness and version.

use std::io::{BufRead, BufReader};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::SemaphorePermit;

use super::auth::check_admin;
use super::error::ApiError;
use super::request::PgDumpRequest;
use super::{AppState, RequestLog};
use crate::clean::Cleaner;
use crate::config::EngineMode;
use crate::fallback::{build_command, run_pg_dump};
use crate::native::{self, NativeError, NativeOptions};
use crate::{db, options};

pub const SQL_CONTENT_TYPE: &str = "application/sql; charset=utf-8";
/// Size of the chunks a dump is streamed in.
const CHUNK: usize = 64 * 1024;

/// `POST /v1alpha1/pg_dump`.
pub async fn pg_dump(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let mut log = RequestLog::default();
    let mut resp = match dump(&state, req, &mut log).await {
        Ok(resp) => resp,
        Err(e) => {
            log.error = Some(e.error.clone());
            e.into_response()
        }
    };
    resp.extensions_mut().insert(log);
    resp
}

async fn dump(state: &AppState, req: Request, log: &mut RequestLog) -> Result<Response, ApiError> {
    let config = &state.config;
    if !config.pgdump_enabled {
        return Err(ApiError::not_found());
    }
    check_admin(req.headers(), config.admin_secret.as_deref())?;
    // The body gets as long as the headers had: a client trickling it (slow POST) would otherwise
    // hold its connection and task for as long as it likes.
    let body = tokio::time::timeout(config.header_read_timeout, Bytes::from_request(req, &()))
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "request-timeout",
                format!(
                    "the request body did not arrive within {:?}",
                    config.header_read_timeout
                ),
            )
        })?;
    let body = body.map_err(|rejection: BytesRejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                format!(
                    "request body is larger than {} bytes",
                    super::MAX_BODY_BYTES
                ),
            )
        } else {
            ApiError::parse_failed("$", rejection.body_text())
        }
    })?;
    let req = PgDumpRequest::parse(&body)?;
    log.source = Some(req.source.clone());
    let source = config.sources.get(&req.source).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "not-found",
            format!("source with name \"{}\" does not exist", req.source),
        )
        .at("$.source")
    })?;
    let dump_options = options::parse_args(&req.opts)
        .and_then(options::ParsedArgs::into_api_options)
        .map_err(|e| {
            ApiError::new(StatusCode::BAD_REQUEST, "bad-request", e.to_string()).at("$.opts")
        })?;

    let permit = acquire_slot(state).await?;
    if let Some(native_opts) = native_options(config.engine, &dump_options)? {
        let dumped = tokio::time::timeout(config.dump_timeout, native::dump(source, &native_opts))
            .await
            .map_err(|_| {
                ApiError::unexpected(format!(
                    "the native dump did not finish within {:?} and was stopped",
                    config.dump_timeout
                ))
            })?;
        match dumped {
            Ok(text) => {
                drop(permit);
                log.engine = Some("native");
                return Ok(text_response(text.into_bytes(), req.clean_output, "native"));
            }
            Err(e @ NativeError::Internal(_)) if config.engine == EngineMode::Auto => {
                tracing::warn!(source = %req.source, error = %e, "native engine failed; running pg_dump");
            }
            Err(e) if e.can_fall_back() && config.engine == EngineMode::Auto => {
                tracing::info!(source = %req.source, reason = %e, "native engine declined; running pg_dump");
            }
            Err(NativeError::QueryFailed { message, query }) => {
                return Err(
                    ApiError::unexpected("error while executing pg_dump").with_internal(
                        serde_json::Value::String(format!(
                            "pg_dump: error: query failed: {message}\npg_dump: detail: Query was: {query}"
                        )),
                    ),
                );
            }
            Err(NativeError::Fatal(message)) => {
                return Err(
                    ApiError::unexpected("error while executing pg_dump").with_internal(
                        serde_json::Value::String(format!("pg_dump: error: {message}")),
                    ),
                );
            }
            Err(
                e @ (NativeError::Unsupported(_)
                | NativeError::NotNative(_)
                | NativeError::Order(_)),
            ) => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "not-supported",
                    e.to_string(),
                ));
            }
            Err(NativeError::Connect(e)) => {
                return Err(ApiError::unexpected(format!(
                    "could not connect to source \"{}\": {e}",
                    req.source
                )));
            }
            Err(e) => {
                return Err(ApiError::unexpected(format!(
                    "source \"{}\": {e}",
                    req.source
                )));
            }
        }
    }
    let client = db::connect(source).await.map_err(|e| {
        ApiError::unexpected(format!(
            "could not connect to source \"{}\": {e}",
            req.source
        ))
    })?;
    let (version_num, version_text) = db::server_version(&client)
        .await
        .map_err(|e| ApiError::unexpected(format!("source \"{}\": {e}", req.source)))?;
    drop(client);
    let binary = config
        .pg_dumps
        .select(version_num, &version_text)
        .map_err(|e| ApiError::unexpected(e.message))?;
    log.engine = Some("pg_dump");
    let parent_env: Vec<_> = std::env::vars_os().collect();
    let spec = build_command(&binary.path, source, &dump_options, &parent_env);
    let secrets = config.secrets();
    let file = run_pg_dump(&spec, &config.temp_dir, config.dump_timeout, &secrets)
        .await
        .map_err(|e| match e.stderr() {
            Some(stderr) => ApiError::unexpected("error while executing pg_dump")
                .with_internal(serde_json::Value::String(stderr.to_string())),
            None => ApiError::unexpected(format!("error while executing pg_dump: {e}")),
        })?;
    drop(permit);
    sql_response(file, req.clean_output, "pg_dump")
}

/// The native options for a request, when the native engine should try it.
fn native_options(
    engine: EngineMode,
    options: &options::DumpOptions,
) -> Result<Option<NativeOptions>, ApiError> {
    match (engine, NativeOptions::from_dump_options(options)) {
        (EngineMode::PgDump, _) => Ok(None),
        (_, Ok(o)) => Ok(Some(o)),
        (EngineMode::Auto, Err(_)) => Ok(None),
        (EngineMode::Native, Err(e)) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "not-supported",
            format!("the native engine cannot serve this request: {e}"),
        )
        .at("$.opts")),
    }
}

/// A dump held in memory (native output), cleaned when asked.
fn text_response(sql: Vec<u8>, clean: bool, engine: &'static str) -> Response {
    let body = if clean {
        crate::clean::clean_bytes(&sql)
    } else {
        sql
    };
    let len = body.len();
    let mut resp = (StatusCode::OK, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(SQL_CONTENT_TYPE),
    );
    headers.insert("x-pgdumpd-engine", HeaderValue::from_static(engine));
    resp
}

/// Streams a finished dump. Raw dumps carry their exact length; cleaned ones are cleaned on the
/// fly on a blocking thread, never held in memory whole.
fn sql_response(
    file: std::fs::File,
    clean: bool,
    engine: &'static str,
) -> Result<Response, ApiError> {
    let mut builder = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, SQL_CONTENT_TYPE)
        .header("x-pgdumpd-engine", HeaderValue::from_static(engine));
    let body = if clean {
        cleaned_body(file)
    } else {
        let len = file
            .metadata()
            .map_err(|e| ApiError::unexpected(format!("reading the dump failed: {e}")))?
            .len();
        builder = builder.header(header::CONTENT_LENGTH, len);
        Body::from_stream(tokio_util::io::ReaderStream::with_capacity(
            tokio::fs::File::from_std(file),
            CHUNK,
        ))
    };
    builder
        .body(body)
        .map_err(|e| ApiError::unexpected(format!("building the response failed: {e}")))
}

fn cleaned_body(file: std::fs::File) -> Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let mut reader = BufReader::with_capacity(CHUNK, file);
        let mut cleaner = Cleaner::new();
        let mut line = Vec::new();
        let mut out = Vec::with_capacity(CHUNK * 2);
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    if line.last() == Some(&b'\n') {
                        line.pop();
                    }
                    cleaner.push_line(&line, &mut out);
                    if out.len() >= CHUNK {
                        let chunk =
                            Bytes::from(std::mem::replace(&mut out, Vec::with_capacity(CHUNK * 2)));
                        if tx.blocking_send(Ok(chunk)).is_err() {
                            return; // the client went away
                        }
                    }
                }
                Err(e) => {
                    let _ = tx.blocking_send(Err(e));
                    return;
                }
            }
        }
        if !out.is_empty() {
            let _ = tx.blocking_send(Ok(Bytes::from(out)));
        }
    });
    Body::from_stream(futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }))
}

/// Waits for a dump slot: immediately when one is free, otherwise up to the queue timeout, and
/// not at all when too many requests are already waiting.
async fn acquire_slot(state: &AppState) -> Result<SemaphorePermit<'_>, ApiError> {
    if let Ok(permit) = state.dump_slots.try_acquire() {
        return Ok(permit);
    }
    let busy = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service-unavailable",
            format!(
                "too many concurrent dumps (limit {}); try again later",
                state.config.max_concurrent_dumps
            ),
        )
    };
    struct Waiting<'a>(&'a std::sync::atomic::AtomicUsize);
    impl Drop for Waiting<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let before = state.waiting.fetch_add(1, Ordering::SeqCst);
    let _waiting = Waiting(&state.waiting);
    if before >= state.config.max_queued_dumps {
        return Err(busy());
    }
    match tokio::time::timeout(state.config.queue_timeout, state.dump_slots.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(busy()),
    }
}

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "OK"
}

/// `GET /readyz`: the default source answers a query.
pub async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    let Some((name, source)) = state.config.sources.get_index(0) else {
        return ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not-ready",
            "no source is configured",
        )
        .into_response();
    };
    match tokio::time::timeout(Duration::from_secs(5), db::ping(source)).await {
        Ok(Ok(())) => Json(serde_json::json!({"status": "ready", "source": name})).into_response(),
        Ok(Err(e)) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not-ready",
            format!("source \"{name}\" is not reachable: {e}"),
        )
        .into_response(),
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "not-ready",
            format!("source \"{name}\" did not answer within 5 s"),
        )
        .into_response(),
    }
}

/// `GET /v1/version`.
pub async fn version() -> Json<serde_json::Value> {
    Json(serde_json::json!({"version": env!("CARGO_PKG_VERSION"), "server": "pgdumpd"}))
}

pub async fn not_found() -> ApiError {
    ApiError::not_found()
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "method not allowed for this endpoint",
    )
}
