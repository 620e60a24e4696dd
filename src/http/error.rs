//! The one error type of the HTTP layer. Every failure becomes Hasura's JSON shape
//! `{"path", "error", "code", "internal"?}` with the matching status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub path: String,
    pub error: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal: Option<serde_json::Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, error: impl Into<String>) -> Self {
        Self {
            status,
            path: "$".into(),
            error: error.into(),
            code,
            internal: None,
        }
    }

    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub fn with_internal(mut self, internal: serde_json::Value) -> Self {
        self.internal = Some(internal);
        self
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "resource does not exist",
        )
    }

    pub fn parse_failed(path: impl Into<String>, error: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "parse-failed", error).at(path)
    }

    pub fn unexpected(error: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "unexpected", error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let log = super::RequestLog {
            error: Some(self.error.clone()),
            ..Default::default()
        };
        let mut resp = (status, Json(self)).into_response();
        resp.extensions_mut().insert(log);
        resp
    }
}
