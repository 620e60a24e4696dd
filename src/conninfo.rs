//! Connection strings as libpq takes them: `postgresql://` URIs and `key=value` strings, with the
//! `PG*` environment variables as defaults. A [`ConnInfo`] is the one description of a source that
//! both our own connections (see [`crate::db`]) and the spawned pg_dump (through its environment,
//! never its arguments) are built from.

use std::fmt;

use indexmap::IndexMap;
use percent_encoding::percent_decode_str;

/// Errors in a connection string.
#[derive(Debug, thiserror::Error)]
pub enum ConnInfoError {
    #[error("invalid connection string: {0}")]
    Syntax(String),
    #[error("invalid connection option \"{0}\"")]
    UnknownKeyword(String),
}

/// libpq connection keywords we understand, each with the environment variable libpq reads it
/// from (mirrors libpq's `PQconninfoOptions` table). Keywords without a variable cannot be handed
/// to a child pg_dump; they only affect our own connections.
const KEYWORDS: &[(&str, Option<&str>)] = &[
    ("host", Some("PGHOST")),
    ("hostaddr", Some("PGHOSTADDR")),
    ("port", Some("PGPORT")),
    ("dbname", Some("PGDATABASE")),
    ("user", Some("PGUSER")),
    ("password", Some("PGPASSWORD")),
    ("passfile", Some("PGPASSFILE")),
    ("channel_binding", Some("PGCHANNELBINDING")),
    ("service", Some("PGSERVICE")),
    ("options", Some("PGOPTIONS")),
    ("application_name", Some("PGAPPNAME")),
    ("fallback_application_name", None),
    ("connect_timeout", Some("PGCONNECT_TIMEOUT")),
    ("client_encoding", Some("PGCLIENTENCODING")),
    ("keepalives", None),
    ("keepalives_idle", None),
    ("keepalives_interval", None),
    ("keepalives_count", None),
    ("tcp_user_timeout", None),
    ("sslmode", Some("PGSSLMODE")),
    ("sslnegotiation", Some("PGSSLNEGOTIATION")),
    ("sslcompression", Some("PGSSLCOMPRESSION")),
    ("sslcert", Some("PGSSLCERT")),
    ("sslkey", Some("PGSSLKEY")),
    ("sslpassword", None),
    ("sslcertmode", Some("PGSSLCERTMODE")),
    ("sslrootcert", Some("PGSSLROOTCERT")),
    ("sslcrl", Some("PGSSLCRL")),
    ("sslcrldir", Some("PGSSLCRLDIR")),
    ("sslsni", Some("PGSSLSNI")),
    ("requirepeer", Some("PGREQUIREPEER")),
    ("require_auth", Some("PGREQUIREAUTH")),
    ("ssl_min_protocol_version", Some("PGSSLMINPROTOCOLVERSION")),
    ("ssl_max_protocol_version", Some("PGSSLMAXPROTOCOLVERSION")),
    ("gssencmode", Some("PGGSSENCMODE")),
    ("krbsrvname", Some("PGKRBSRVNAME")),
    ("gsslib", Some("PGGSSLIB")),
    ("gssdelegation", Some("PGGSSDELEGATION")),
    ("target_session_attrs", Some("PGTARGETSESSIONATTRS")),
    ("load_balance_hosts", Some("PGLOADBALANCEHOSTS")),
];

fn env_var_of(keyword: &str) -> Option<&'static str> {
    KEYWORDS
        .iter()
        .find(|(k, _)| *k == keyword)
        .and_then(|(_, v)| *v)
}

fn check_keyword(keyword: &str) -> Result<(), ConnInfoError> {
    if KEYWORDS.iter().any(|(k, _)| *k == keyword) {
        Ok(())
    } else {
        Err(ConnInfoError::UnknownKeyword(keyword.to_string()))
    }
}

/// A parsed connection string: libpq keyword → value, in the order given.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ConnInfo {
    params: IndexMap<String, String>,
}

impl fmt::Debug for ConnInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl ConnInfo {
    /// Parses a URI (`postgres://` or `postgresql://`) or a `key=value` connection string.
    pub fn parse(s: &str) -> Result<Self, ConnInfoError> {
        let trimmed = s.trim();
        if let Some(rest) = trimmed
            .strip_prefix("postgresql://")
            .or_else(|| trimmed.strip_prefix("postgres://"))
        {
            parse_uri(rest)
        } else {
            parse_keyword_value(trimmed)
        }
    }

    /// Fills every keyword not given from the `PG*` variables in `env`, as libpq does.
    pub fn with_env_defaults<'a>(
        mut self,
        env: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let env: Vec<(&str, &str)> = env.into_iter().collect();
        for (keyword, var) in KEYWORDS {
            let Some(var) = var else { continue };
            if self.params.contains_key(*keyword) {
                continue;
            }
            if let Some((_, value)) = env.iter().find(|(k, v)| k == var && !v.is_empty()) {
                self.params
                    .insert((*keyword).to_string(), (*value).to_string());
            }
        }
        self
    }

    /// Every keyword and its value, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The value of a keyword, if set.
    pub fn get(&self, keyword: &str) -> Option<&str> {
        self.params.get(keyword).map(String::as_str)
    }

    /// Sets a keyword (used for defaults we resolve ourselves, such as the socket directory).
    pub fn set(&mut self, keyword: &str, value: &str) -> Result<(), ConnInfoError> {
        check_keyword(keyword)?;
        self.params.insert(keyword.to_string(), value.to_string());
        Ok(())
    }

    pub fn password(&self) -> Option<&str> {
        self.get("password").filter(|p| !p.is_empty())
    }

    /// The environment a child libpq program needs to connect to this source. Keywords without an
    /// environment variable are left out (they are tuning knobs, such as keepalives).
    pub fn to_env(&self) -> Vec<(&'static str, String)> {
        self.params
            .iter()
            .filter_map(|(k, v)| env_var_of(k).map(|var| (var, v.clone())))
            .collect()
    }

    /// Keywords that cannot be passed to a child process.
    pub fn keywords_without_env(&self) -> Vec<&str> {
        self.params
            .keys()
            .filter(|k| env_var_of(k).is_none())
            .map(String::as_str)
            .collect()
    }

    /// A description safe for logs and error messages: the password never appears.
    pub fn redacted(&self) -> String {
        let parts: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| {
                if k == "password" || k == "sslpassword" {
                    format!("{k}=********")
                } else {
                    format!("{k}={}", quote_value(v))
                }
            })
            .collect();
        parts.join(" ")
    }

    /// Hosts and ports as libpq pairs them: comma-separated lists, a single port applying to all
    /// hosts.
    pub fn hosts(&self) -> Vec<(String, Option<u16>)> {
        let hosts: Vec<&str> = self
            .get("host")
            .map(|h| h.split(',').collect())
            .unwrap_or_default();
        let ports: Vec<Option<u16>> = self
            .get("port")
            .map(|p| p.split(',').map(|p| p.trim().parse().ok()).collect())
            .unwrap_or_default();
        hosts
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let port = if ports.len() == 1 {
                    ports[0]
                } else {
                    ports.get(i).copied().flatten()
                };
                (h.trim().to_string(), port)
            })
            .collect()
    }
}

fn quote_value(v: &str) -> String {
    if !v.is_empty() && !v.contains([' ', '\'', '\\']) {
        return v.to_string();
    }
    let mut out = String::from("'");
    for c in v.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

fn decode(s: &str) -> Result<String, ConnInfoError> {
    percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| ConnInfoError::Syntax("percent-encoded text is not UTF-8".into()))
}

/// `postgresql://[user[:password]@][host[:port][,...]][/dbname][?param=value&...]`
/// (libpq's `conninfo_uri_parse_options`).
fn parse_uri(rest: &str) -> Result<ConnInfo, ConnInfoError> {
    let mut info = ConnInfo::default();
    let (before_query, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], Some(&before_query[i + 1..])),
        None => (before_query, None),
    };
    let hostlist = match authority.rfind('@') {
        Some(i) => {
            let userinfo = &authority[..i];
            let (user, password) = match userinfo.split_once(':') {
                Some((u, p)) => (u, Some(p)),
                None => (userinfo, None),
            };
            if !user.is_empty() {
                info.params.insert("user".into(), decode(user)?);
            }
            if let Some(p) = password {
                info.params.insert("password".into(), decode(p)?);
            }
            &authority[i + 1..]
        }
        None => authority,
    };
    if !hostlist.is_empty() {
        let mut hosts = Vec::new();
        let mut ports = Vec::new();
        for spec in hostlist.split(',') {
            let (host, port) = if let Some(inner) = spec.strip_prefix('[') {
                let end = inner
                    .find(']')
                    .ok_or_else(|| ConnInfoError::Syntax("unterminated IPv6 address".into()))?;
                let after = &inner[end + 1..];
                let port = match after.strip_prefix(':') {
                    Some(p) => p,
                    None if after.is_empty() => "",
                    None => return Err(ConnInfoError::Syntax("bad IPv6 host".into())),
                };
                (&inner[..end], port)
            } else {
                match spec.rsplit_once(':') {
                    Some((h, p)) => (h, p),
                    None => (spec, ""),
                }
            };
            hosts.push(decode(host)?);
            ports.push(decode(port)?);
        }
        if hosts.iter().any(|h| !h.is_empty()) {
            info.params.insert("host".into(), hosts.join(","));
        }
        if ports.iter().any(|p| !p.is_empty()) {
            info.params.insert("port".into(), ports.join(","));
        }
    }
    if let Some(db) = path.filter(|p| !p.is_empty()) {
        info.params.insert("dbname".into(), decode(db)?);
    }
    if let Some(q) = query {
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').ok_or_else(|| {
                ConnInfoError::Syntax(format!("missing \"=\" in URI query parameter \"{pair}\""))
            })?;
            let k = decode(k)?;
            // libpq accepts JDBC's spelling of sslmode=require.
            let (k, v) = if k == "ssl" && v == "true" {
                ("sslmode".to_string(), "require".to_string())
            } else {
                (k, decode(v)?)
            };
            check_keyword(&k)?;
            info.params.insert(k, v);
        }
    }
    Ok(info)
}

/// `key=value key2='quoted \' value'` (libpq's `conninfo_parse`).
fn parse_keyword_value(s: &str) -> Result<ConnInfo, ConnInfoError> {
    let mut info = ConnInfo::default();
    let mut chars = s.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(ConnInfoError::Syntax(format!(
                "missing \"=\" after \"{key}\" in connection info string"
            )));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => {
                        return Err(ConnInfoError::Syntax(
                            "unterminated quoted string in connection info string".into(),
                        ));
                    }
                    Some('\\') => {
                        if let Some(c) = chars.next() {
                            value.push(c);
                        }
                    }
                    Some('\'') => break,
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                } else {
                    value.push(c);
                }
            }
        }
        check_keyword(&key)?;
        info.params.insert(key, value);
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_with_everything() {
        let c = ConnInfo::parse("postgresql://al%40ice:p%3Ass@db.example.com:6543/my%20db?sslmode=require&application_name=x").unwrap();
        assert_eq!(c.get("user"), Some("al@ice"));
        assert_eq!(c.password(), Some("p:ss"));
        assert_eq!(c.get("host"), Some("db.example.com"));
        assert_eq!(c.get("port"), Some("6543"));
        assert_eq!(c.get("dbname"), Some("my db"));
        assert_eq!(c.get("sslmode"), Some("require"));
        assert!(!c.redacted().contains("p:ss"));
        assert!(!format!("{c:?}").contains("p:ss"));
    }

    #[test]
    fn uri_unix_socket_and_multi_host() {
        let c = ConnInfo::parse("postgres://%2Fvar%2Frun%2Fpostgresql/db").unwrap();
        assert_eq!(c.get("host"), Some("/var/run/postgresql"));
        let c = ConnInfo::parse("postgres:///db?host=/tmp/sock&port=5433").unwrap();
        assert_eq!(c.hosts(), vec![("/tmp/sock".to_string(), Some(5433))]);
        let c = ConnInfo::parse("postgresql://a:1,b:2,[::1]:3/x").unwrap();
        assert_eq!(
            c.hosts(),
            vec![
                ("a".into(), Some(1)),
                ("b".into(), Some(2)),
                ("::1".into(), Some(3))
            ]
        );
    }

    #[test]
    fn keyword_value_form_with_quotes() {
        let c = ConnInfo::parse(r"host=/tmp port = 5432 password='it\'s secret' dbname=x").unwrap();
        assert_eq!(c.get("host"), Some("/tmp"));
        assert_eq!(c.get("port"), Some("5432"));
        assert_eq!(c.password(), Some("it's secret"));
        assert_eq!(c.get("dbname"), Some("x"));
        let all: Vec<(&str, &str)> = c.iter().collect();
        assert_eq!(all[0], ("host", "/tmp"));
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn unknown_keyword_is_rejected() {
        assert!(matches!(
            ConnInfo::parse("postgres://h/d?bogus=1"),
            Err(ConnInfoError::UnknownKeyword(k)) if k == "bogus"
        ));
        assert!(ConnInfo::parse("bogus=1").is_err());
        assert!(ConnInfo::parse("host").is_err());
        assert!(ConnInfo::parse("password='open").is_err());
    }

    #[test]
    fn env_defaults_fill_only_missing_keywords() {
        let c = ConnInfo::parse("dbname=x").unwrap().with_env_defaults([
            ("PGDATABASE", "y"),
            ("PGHOST", "/s"),
            ("PGPASSWORD", ""),
        ]);
        assert_eq!(c.get("dbname"), Some("x"));
        assert_eq!(c.get("host"), Some("/s"));
        assert_eq!(c.password(), None);
    }

    #[test]
    fn child_environment_carries_the_password_and_redaction_hides_it() {
        let c =
            ConnInfo::parse("postgresql://u:pw@h:1/d?sslmode=verify-full&keepalives=1").unwrap();
        let env = c.to_env();
        assert!(env.contains(&("PGPASSWORD", "pw".to_string())));
        assert!(env.contains(&("PGSSLMODE", "verify-full".to_string())));
        assert_eq!(c.keywords_without_env(), vec!["keepalives"]);
        assert_eq!(
            c.redacted(),
            "user=u password=******** host=h port=1 dbname=d sslmode=verify-full keepalives=1"
        );
    }
}
