//! The body of `POST /v1alpha1/pg_dump`, checked field by field so errors name the field the way
//! Hasura does (`$.opts[2]`, `key "opts" not found`).

use serde_json::Value;

use super::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgDumpRequest {
    pub opts: Vec<String>,
    pub clean_output: bool,
    pub source: String,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "Null",
        Value::Bool(_) => "Boolean",
        Value::Number(_) => "Number",
        Value::String(_) => "String",
        Value::Array(_) => "Array",
        Value::Object(_) => "Object",
    }
}

fn expected(path: &str, want: &str, got: &Value) -> ApiError {
    ApiError::parse_failed(
        path,
        format!("expected {want}, but encountered {}", kind(got)),
    )
}

impl PgDumpRequest {
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let value: Value = serde_json::from_slice(body)
            .map_err(|e| ApiError::parse_failed("$", format!("invalid JSON: {e}")))?;
        let Value::Object(mut obj) = value else {
            return Err(expected("$", "Object", &value));
        };
        let opts = match obj.remove("opts") {
            None => return Err(ApiError::parse_failed("$", "key \"opts\" not found")),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) => Ok(s),
                    other => Err(expected(&format!("$.opts[{i}]"), "String", &other)),
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(other) => return Err(expected("$.opts", "Array", &other)),
        };
        let clean_output = match obj.remove("clean_output") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(other) => return Err(expected("$.clean_output", "Boolean", &other)),
        };
        let source = match obj.remove("source") {
            None | Some(Value::Null) => "default".to_string(),
            Some(Value::String(s)) => s,
            Some(other) => return Err(expected("$.source", "String", &other)),
        };
        // Other keys are ignored, as Hasura's parser does.
        Ok(Self {
            opts,
            clean_output,
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let r = PgDumpRequest::parse(br#"{"opts":["-s"]}"#).unwrap();
        assert_eq!(
            r,
            PgDumpRequest {
                opts: vec!["-s".into()],
                clean_output: false,
                source: "default".into()
            }
        );
    }

    #[test]
    fn errors_name_the_field() {
        let e = |b: &str| {
            let e = PgDumpRequest::parse(b.as_bytes()).unwrap_err();
            (e.path, e.error, e.code)
        };
        assert_eq!(
            e("{}"),
            ("$".into(), "key \"opts\" not found".into(), "parse-failed")
        );
        assert_eq!(e(r#"{"opts":"-s"}"#).0, "$.opts");
        assert_eq!(e(r#"{"opts":["-s",1]}"#).0, "$.opts[1]");
        assert_eq!(e(r#"{"opts":[],"clean_output":"yes"}"#).0, "$.clean_output");
        assert_eq!(e(r#"{"opts":[],"source":5}"#).0, "$.source");
        assert_eq!(e("[1]").0, "$");
        assert!(e("{not json").1.starts_with("invalid JSON"));
        assert!(PgDumpRequest::parse(br#"{"opts":[],"extra":1}"#).is_ok());
    }
}
