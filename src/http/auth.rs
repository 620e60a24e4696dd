//! Admin authorisation as Hasura does it: with an admin secret configured, `X-Hasura-Admin-Secret`
//! (or the older `X-Hasura-Access-Key`) must match, compared in constant time; an
//! `X-Hasura-Role` other than `admin` is refused; without a secret every caller is admin.

use axum::http::{HeaderMap, StatusCode};
use subtle::ConstantTimeEq;

use super::error::ApiError;

/// Constant-time equality; only the lengths' equality can be observed.
pub fn secrets_match(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        // Do the same work as a real comparison so timing says nothing beyond the length.
        let _ = expected.ct_eq(expected);
        return false;
    }
    given.ct_eq(expected).into()
}

pub fn check_admin(headers: &HeaderMap, admin_secret: Option<&str>) -> Result<(), ApiError> {
    if let Some(expected) = admin_secret {
        let given = headers
            .get("x-hasura-admin-secret")
            .or_else(|| headers.get("x-hasura-access-key"));
        let ok = given.is_some_and(|g| secrets_match(g.as_bytes(), expected.as_bytes()));
        if !ok {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "access-denied",
                "invalid x-hasura-admin-secret/x-hasura-access-key",
            ));
        }
    }
    if let Some(role) = headers.get("x-hasura-role")
        && role.as_bytes() != b"admin"
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "access-denied",
            "You have to be an admin to access this endpoint",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn secret_required_when_configured() {
        let s = Some("s3cret");
        assert!(check_admin(&headers(&[("x-hasura-admin-secret", "s3cret")]), s).is_ok());
        assert!(check_admin(&headers(&[("x-hasura-access-key", "s3cret")]), s).is_ok());
        assert_eq!(
            check_admin(&headers(&[]), s).unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            check_admin(&headers(&[("x-hasura-admin-secret", "s3cre")]), s)
                .unwrap_err()
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            check_admin(&headers(&[("x-hasura-admin-secret", "s3cretX")]), s)
                .unwrap_err()
                .status,
            StatusCode::UNAUTHORIZED
        );
    }

    #[test]
    fn role_must_be_admin() {
        let e = check_admin(
            &headers(&[("x-hasura-admin-secret", "k"), ("x-hasura-role", "user")]),
            Some("k"),
        )
        .unwrap_err();
        assert_eq!(
            (e.status, e.code),
            (StatusCode::BAD_REQUEST, "access-denied")
        );
        assert!(check_admin(&headers(&[("x-hasura-role", "admin")]), None).is_ok());
        assert!(check_admin(&headers(&[("x-hasura-role", "user")]), None).is_err());
        assert!(check_admin(&headers(&[]), None).is_ok());
    }
}
