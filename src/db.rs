//! Our own connections to a source: a [`ConnInfo`] turned into a tokio-postgres connection that
//! honours libpq's `sslmode` with rustls (system roots, or `sslrootcert`), plus the small probes the
//! server needs (server version, readiness).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres::config::{ChannelBinding, SslMode, TargetSessionAttrs};
use tokio_postgres::{Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::conninfo::ConnInfo;

/// Errors while connecting to or probing a source.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Config(String),
    #[error("could not connect to the database: {}", describe(.0))]
    Connect(#[source] tokio_postgres::Error),
    #[error("query failed: {}", describe(.0))]
    Query(#[source] tokio_postgres::Error),
    #[error("could not connect to the database: timed out")]
    Timeout,
}

/// A tokio-postgres error with what caused it: the server's message (`FATAL: password
/// authentication failed ...`) or the I/O or TLS error underneath, which its `Display` leaves out.
pub fn describe(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{}: {}", db.severity(), db.message());
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// How a TLS server certificate is checked, from libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// `allow`, `prefer`, `require` without a root certificate: encrypt, trust any certificate.
    None,
    /// `verify-ca` (or `require` with `sslrootcert`, as libpq does): check the chain only.
    Chain,
    /// `verify-full`: check the chain and that the certificate names the host.
    Full,
}

/// Fills in what libpq would default (host, port, user, dbname) so that our connections and the
/// child pg_dump agree on the target even when the connection string leaves them out.
pub fn resolve_defaults(info: &mut ConnInfo) {
    let port = info.get("port").unwrap_or("5432").to_string();
    if info.get("host").is_none() && info.get("hostaddr").is_none() {
        // libpq's compiled-in socket directory differs between builds (Debian: /var/run/postgresql,
        // upstream: /tmp); use the one where a server actually listens.
        let first_port = port.split(',').next().unwrap_or("5432");
        let host = ["/var/run/postgresql", "/tmp"]
            .into_iter()
            .find(|d| Path::new(d).join(format!(".s.PGSQL.{first_port}")).exists())
            .unwrap_or("localhost");
        let _ = info.set("host", host);
    }
    if info.get("user").is_none() {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "postgres".into());
        let _ = info.set("user", &user);
    }
    if info.get("dbname").is_none() {
        let user = info.get("user").unwrap_or("postgres").to_string();
        let _ = info.set("dbname", &user);
    }
}

/// Builds the tokio-postgres configuration and the TLS verification mode for a source.
pub fn client_config(info: &ConnInfo) -> Result<(Config, SslMode, Verification), DbError> {
    let mut cfg = Config::new();
    let hosts = info.hosts();
    if hosts.is_empty() {
        return Err(DbError::Config("no host given".into()));
    }
    for (host, port) in &hosts {
        if host.starts_with('/') {
            cfg.host_path(host);
        } else {
            cfg.host(host);
        }
        cfg.port(port.unwrap_or(5432));
    }
    if let Some(addrs) = info.get("hostaddr") {
        for a in addrs.split(',') {
            let ip = a
                .trim()
                .parse()
                .map_err(|_| DbError::Config(format!("invalid hostaddr \"{a}\"")))?;
            cfg.hostaddr(ip);
        }
    }
    if let Some(u) = info.get("user") {
        cfg.user(u);
    }
    if let Some(p) = info.password() {
        cfg.password(p);
    }
    if let Some(d) = info.get("dbname") {
        cfg.dbname(d);
    }
    if let Some(o) = info.get("options") {
        cfg.options(o);
    }
    cfg.application_name(info.get("application_name").unwrap_or("pgdumpd"));
    let timeout = info
        .get("connect_timeout")
        .and_then(|t| t.parse::<u64>().ok())
        .filter(|t| *t > 0)
        .unwrap_or(10);
    cfg.connect_timeout(Duration::from_secs(timeout));
    match info.get("target_session_attrs") {
        None | Some("any") => {}
        Some("read-write") => {
            cfg.target_session_attrs(TargetSessionAttrs::ReadWrite);
        }
        Some("read-only") => {
            cfg.target_session_attrs(TargetSessionAttrs::ReadOnly);
        }
        Some(other) => {
            return Err(DbError::Config(format!(
                "target_session_attrs \"{other}\" is not supported"
            )));
        }
    }
    match info.get("channel_binding") {
        None | Some("prefer") => {}
        Some("disable") => {
            cfg.channel_binding(ChannelBinding::Disable);
        }
        Some("require") => {
            cfg.channel_binding(ChannelBinding::Require);
        }
        Some(other) => {
            return Err(DbError::Config(format!(
                "invalid channel_binding \"{other}\""
            )));
        }
    }
    let has_root = info.get("sslrootcert").is_some_and(|r| r != "system");
    let (mode, verification) = match info.get("sslmode").unwrap_or("prefer") {
        "disable" => (SslMode::Disable, Verification::None),
        "allow" | "prefer" => (SslMode::Prefer, Verification::None),
        "require" if has_root => (SslMode::Require, Verification::Chain),
        "require" => (SslMode::Require, Verification::None),
        "verify-ca" => (SslMode::Require, Verification::Chain),
        "verify-full" => (SslMode::Require, Verification::Full),
        other => {
            return Err(DbError::Config(format!(
                "invalid sslmode value: \"{other}\""
            )));
        }
    };
    cfg.ssl_mode(mode);
    Ok((cfg, mode, verification))
}

fn root_store(info: &ConnInfo) -> Result<RootCertStore, DbError> {
    let mut roots = RootCertStore::empty();
    match info.get("sslrootcert") {
        Some(path) if path != "system" => {
            let pem = std::fs::read(path).map_err(|e| {
                DbError::Config(format!(
                    "could not read root certificate file \"{path}\": {e}"
                ))
            })?;
            let mut reader = pem.as_slice();
            for cert in rustls_pemfile_certs(&mut reader) {
                roots.add(cert).map_err(|e| {
                    DbError::Config(format!("bad root certificate in \"{path}\": {e}"))
                })?;
            }
            if roots.is_empty() {
                return Err(DbError::Config(format!("no certificates in \"{path}\"")));
            }
        }
        _ => {
            let loaded = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(loaded.certs);
        }
    }
    Ok(roots)
}

/// Reads every `CERTIFICATE` block of a PEM file.
fn rustls_pemfile_certs(reader: &mut &[u8]) -> Vec<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(reader)
        .filter_map(Result::ok)
        .collect()
}

fn tls_connector(
    info: &ConnInfo,
    verification: Verification,
) -> Result<MakeRustlsConnect, DbError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| DbError::Config(format!("TLS setup failed: {e}")))?;
    let config = match verification {
        Verification::Full => builder
            .with_root_certificates(root_store(info)?)
            .with_no_client_auth(),
        Verification::Chain => {
            let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
                Arc::new(root_store(info)?),
                provider,
            )
            .build()
            .map_err(|e| DbError::Config(format!("TLS setup failed: {e}")))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(ChainOnly { inner }))
                .with_no_client_auth()
        }
        Verification::None => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate { provider }))
            .with_no_client_auth(),
    };
    Ok(MakeRustlsConnect::new(config))
}

/// Connects to a source, honouring `sslmode`. The connection task runs in the background and
/// ends when the returned client is dropped.
pub async fn connect(info: &ConnInfo) -> Result<Client, DbError> {
    let (cfg, _mode, verification) = client_config(info)?;
    let tls = tls_connector(info, verification)?;
    let deadline = cfg
        .get_connect_timeout()
        .copied()
        .unwrap_or(Duration::from_secs(10))
        * (info.hosts().len().max(1) as u32)
        + Duration::from_secs(1);
    let (client, connection) = tokio::time::timeout(deadline, cfg.connect(tls))
        .await
        .map_err(|_| DbError::Timeout)?
        .map_err(DbError::Connect)?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::debug!(error = %e, "database connection closed with an error");
        }
    });
    Ok(client)
}

/// A connection whose running query is cancelled on the server when it is dropped before
/// [`Session::finish`]: a dump abandoned by its client, its deadline or a shutdown must not leave
/// a backend waiting on a lock or deparsing for nobody (the server would only notice the closed
/// socket when it next writes).
pub struct Session {
    client: Client,
    cancel: Option<(tokio_postgres::CancelToken, MakeRustlsConnect)>,
}

impl Session {
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The work is done (or failed on its own): nothing to cancel any more.
    pub fn finish(mut self) {
        self.cancel = None;
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some((token, tls)) = self.cancel.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(async move {
                if let Err(e) = token.cancel_query(tls).await {
                    tracing::debug!(error = %e, "could not cancel an abandoned query");
                }
            });
        }
    }
}

/// Connects like [`connect`], as a [`Session`] that cancels its query when dropped unfinished.
pub async fn connect_session(info: &ConnInfo) -> Result<Session, DbError> {
    let (_, _, verification) = client_config(info)?;
    let tls = tls_connector(info, verification)?;
    let client = connect(info).await?;
    let token = client.cancel_token();
    Ok(Session {
        client,
        cancel: Some((token, tls)),
    })
}

/// The server's `server_version_num` (e.g. 180004) and `server_version` text.
pub async fn server_version(client: &Client) -> Result<(u32, String), DbError> {
    let row = client
        .query_one(
            "SELECT pg_catalog.current_setting('server_version_num')::int4 AS num, \
             pg_catalog.current_setting('server_version') AS text",
            &[],
        )
        .await
        .map_err(DbError::Query)?;
    let num: i32 = row.try_get("num").map_err(DbError::Query)?;
    let text: String = row.try_get("text").map_err(DbError::Query)?;
    Ok((u32::try_from(num).unwrap_or(0), text))
}

/// Whether the source answers a trivial query.
pub async fn ping(info: &ConnInfo) -> Result<(), DbError> {
    let client = connect(info).await?;
    client
        .simple_query("SELECT 1")
        .await
        .map_err(DbError::Query)?;
    Ok(())
}

/// `verify-ca`: the chain must lead to a trusted root, the host name is not checked.
#[derive(Debug)]
struct ChainOnly {
    inner: Arc<rustls::client::WebPkiServerVerifier>,
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// `require`/`prefer` without a root certificate: libpq encrypts but does not authenticate the
/// server. Handshake signatures are still checked so the session keys belong to the certificate.
#[derive(Debug)]
struct AnyCertificate {
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> ConnInfo {
        ConnInfo::parse(s).expect("valid")
    }

    #[test]
    fn sslmode_maps_to_libpq_verification() {
        let v = |s: &str| client_config(&parse(s)).map(|(_, m, v)| (m, v));
        assert_eq!(v("host=h").unwrap(), (SslMode::Prefer, Verification::None));
        assert_eq!(
            v("host=h sslmode=disable").unwrap(),
            (SslMode::Disable, Verification::None)
        );
        assert_eq!(
            v("host=h sslmode=require").unwrap(),
            (SslMode::Require, Verification::None)
        );
        assert_eq!(
            v("host=h sslmode=require sslrootcert=/x").unwrap(),
            (SslMode::Require, Verification::Chain)
        );
        assert_eq!(
            v("host=h sslmode=verify-ca").unwrap(),
            (SslMode::Require, Verification::Chain)
        );
        assert_eq!(
            v("host=h sslmode=verify-full").unwrap(),
            (SslMode::Require, Verification::Full)
        );
        assert!(v("host=h sslmode=bogus").is_err());
    }

    #[test]
    fn defaults_are_resolved_for_both_sides() {
        let mut info = parse("port=6000");
        resolve_defaults(&mut info);
        assert!(info.get("host").is_some());
        assert!(info.get("user").is_some());
        assert_eq!(info.get("dbname"), info.get("user"));
    }
}
