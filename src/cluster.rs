//! Throwaway PostgreSQL clusters: initdb into a temporary directory, started on a port and socket
//! directory of their own, stopped and removed on drop. The demo mode of `pgdumpd serve` and the
//! integration tests both use them. When running as root (CI does), the cluster processes run as
//! the unprivileged `postgres` user, because initdb and postgres refuse to run as root.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::conninfo::ConnInfo;

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "no PostgreSQL server binaries found{0}; install them with: scripts/install-postgres.sh"
    )]
    NoBinaries(String),
    #[error("{what} failed: {detail}")]
    Command { what: String, detail: String },
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// Where `scripts/install-postgres.sh` puts the PostgreSQL builds it installs.
pub fn pg_home() -> PathBuf {
    if let Some(p) = std::env::var_os("PGDUMPD_PG_HOME") {
        return PathBuf::from(p);
    }
    let system = PathBuf::from("/opt/pgdumpd-pg");
    if system.exists() {
        return system;
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".cache/pgdumpd-pg"),
        None => system,
    }
}

/// The `bin` directory of a PostgreSQL build of the given major version that has `tool`:
/// our install location first (`<pg_home>/N`, `<pg_home>/server-N`), then Debian's.
pub fn find_bin_dir(major: u32, tool: &str) -> Option<PathBuf> {
    let home = pg_home();
    [
        home.join(major.to_string()).join("bin"),
        home.join(format!("server-{major}")).join("bin"),
        PathBuf::from(format!("/usr/lib/postgresql/{major}/bin")),
    ]
    .into_iter()
    .find(|d| d.join(tool).is_file())
}

/// The newest major version with server binaries installed.
pub fn find_newest_server() -> Option<(u32, PathBuf)> {
    (10..=30)
        .rev()
        .find_map(|m| find_bin_dir(m, "initdb").map(|d| (m, d)))
}

/// How to set up a cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterOptions {
    /// Also listen on 127.0.0.1 (the port is always its own).
    pub tcp: bool,
    /// Turn on TLS with a fresh self-signed certificate for `localhost`/127.0.0.1.
    pub ssl: bool,
    /// Require a password (scram-sha-256) for TCP connections; the superuser gets this password.
    pub password: Option<String>,
}

/// A running throwaway cluster.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin_dir: PathBuf,
    port: u16,
    owner: Option<(u32, u32)>,
    password: Option<String>,
    stopped: bool,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("dir", &self.dir.path())
            .field("port", &self.port)
            .finish()
    }
}

fn is_root() -> bool {
    // `id -u` avoids unsafe libc calls; cheap and only done when a cluster starts.
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// uid and gid of the `postgres` system user, from /etc/passwd.
fn postgres_user() -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 3 && f[0] == "postgres")
            .then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
    })
}

/// A TCP port that was free a moment ago.
pub fn free_port() -> std::io::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

impl Cluster {
    /// initdb and start a cluster with the binaries in `bin_dir`.
    pub fn start(bin_dir: &Path, opts: &ClusterOptions) -> Result<Self, ClusterError> {
        if !bin_dir.join("initdb").is_file() {
            return Err(ClusterError::NoBinaries(format!(
                " in {}",
                bin_dir.display()
            )));
        }
        let owner = if is_root() {
            Some(postgres_user().ok_or_else(|| ClusterError::Command {
                what: "finding the postgres user".into(),
                detail: "running as root needs an unprivileged `postgres` user (apt-get install postgresql-common creates it)".into(),
            })?)
        } else {
            None
        };
        let dir = tempfile::Builder::new()
            .prefix("pgdumpd-cluster-")
            .tempdir()?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))?;
        }
        let mut cluster = Cluster {
            dir,
            bin_dir: bin_dir.to_path_buf(),
            port: free_port()?,
            owner,
            password: opts.password.clone(),
            stopped: true,
        };
        cluster.init(opts)?;
        cluster.pg_ctl_start()?;
        cluster.stopped = false;
        Ok(cluster)
    }

    fn command(&self, tool: &str) -> Command {
        let mut cmd = Command::new(self.bin_dir.join(tool));
        cmd.current_dir(self.dir.path()).stdin(Stdio::null());
        if let Some((uid, gid)) = self.owner {
            use std::os::unix::process::CommandExt;
            cmd.uid(uid).gid(gid);
        }
        cmd
    }

    fn run(&self, what: &str, mut cmd: Command) -> Result<(), ClusterError> {
        let out = cmd.output()?;
        if out.status.success() {
            return Ok(());
        }
        let mut detail = String::from_utf8_lossy(&out.stderr).into_owned();
        if let Ok(log) = std::fs::read_to_string(self.dir.path().join("server.log")) {
            detail.push_str("\nserver log:\n");
            detail.push_str(&log);
        }
        Err(ClusterError::Command {
            what: what.into(),
            detail,
        })
    }

    fn write_owned(&self, path: &Path, contents: &[u8], mode: u32) -> Result<(), ClusterError> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(path, contents)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        if let Some((uid, gid)) = self.owner {
            std::os::unix::fs::chown(path, Some(uid), Some(gid))?;
        }
        Ok(())
    }

    fn init(&self, opts: &ClusterOptions) -> Result<(), ClusterError> {
        let mut cmd = self.command("initdb");
        cmd.arg("-D").arg(self.data_dir()).args([
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--auth-local=trust",
        ]);
        if let Some(pw) = &opts.password {
            let pwfile = self.dir.path().join("pwfile");
            self.write_owned(&pwfile, pw.as_bytes(), 0o600)?;
            cmd.arg("--auth-host=scram-sha-256")
                .arg(format!("--pwfile={}", pwfile.display()));
        } else {
            cmd.arg("--auth-host=trust");
        }
        self.run("initdb", cmd)?;
        let _ = std::fs::remove_file(self.dir.path().join("pwfile"));

        let mut conf = format!(
            "\n# pgdumpd throwaway cluster\nport = {}\nunix_socket_directories = '{}'\nlisten_addresses = '{}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 100\n",
            self.port,
            self.socket_dir().display(),
            if opts.tcp || opts.ssl || opts.password.is_some() {
                "127.0.0.1"
            } else {
                ""
            },
        );
        if opts.ssl {
            self.make_certificate()?;
            conf.push_str("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n");
        }
        let conf_path = self.data_dir().join("postgresql.conf");
        let mut existing = std::fs::read(&conf_path)?;
        existing.extend_from_slice(conf.as_bytes());
        self.write_owned(&conf_path, &existing, 0o600)?;
        Ok(())
    }

    /// A certificate authority and a server certificate it signed, for `localhost` and
    /// 127.0.0.1. (A lone self-signed certificate will not do: rustls, like browsers, refuses a CA
    /// certificate presented as the server's own.)
    fn make_certificate(&self) -> Result<(), ClusterError> {
        let data = self.data_dir();
        let dir = self.dir.path();
        let ext = dir.join("server.ext");
        std::fs::write(
            &ext,
            "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
        )?;
        let steps: [Vec<std::ffi::OsString>; 3] = [
            args(
                &[
                    "req",
                    "-new",
                    "-x509",
                    "-days",
                    "30",
                    "-nodes",
                    "-subj",
                    "/CN=pgdumpd test CA",
                    "-keyout",
                ],
                &[dir.join("ca.key"), "-out".into(), dir.join("ca.crt")],
            ),
            args(
                &["req", "-new", "-nodes", "-subj", "/CN=localhost", "-keyout"],
                &[
                    data.join("server.key"),
                    "-out".into(),
                    dir.join("server.csr"),
                ],
            ),
            args(
                &["x509", "-req", "-days", "30", "-CAcreateserial", "-in"],
                &[
                    dir.join("server.csr"),
                    "-CA".into(),
                    dir.join("ca.crt"),
                    "-CAkey".into(),
                    dir.join("ca.key"),
                    "-extfile".into(),
                    ext,
                    "-out".into(),
                    data.join("server.crt"),
                ],
            ),
        ];
        for step in steps {
            let out = Command::new("openssl")
                .args(&step)
                .current_dir(dir)
                .stdin(Stdio::null())
                .output()
                .map_err(|e| ClusterError::Command {
                    what: "openssl (install the openssl package)".into(),
                    detail: e.to_string(),
                })?;
            if !out.status.success() {
                return Err(ClusterError::Command {
                    what: format!("openssl {:?}", step.first()),
                    detail: String::from_utf8_lossy(&out.stderr).into_owned(),
                });
            }
        }
        for (name, mode) in [("server.key", 0o600), ("server.crt", 0o644)] {
            let p = data.join(name);
            let bytes = std::fs::read(&p)?;
            self.write_owned(&p, &bytes, mode)?;
        }
        Ok(())
    }

    fn pg_ctl_start(&self) -> Result<(), ClusterError> {
        let mut cmd = self.command("pg_ctl");
        cmd.arg("-D")
            .arg(self.data_dir())
            .arg("-l")
            .arg(self.dir.path().join("server.log"))
            .args(["-w", "-t", "60", "start"]);
        self.run("pg_ctl start", cmd)
    }

    /// Stops the server (fast shutdown). Later calls do nothing.
    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        let mut cmd = self.command("pg_ctl");
        cmd.arg("-D")
            .arg(self.data_dir())
            .args(["-m", "immediate", "-w", "stop"]);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let _ = cmd.status();
    }

    /// Starts a stopped server again.
    pub fn restart(&mut self) -> Result<(), ClusterError> {
        if self.stopped {
            self.pg_ctl_start()?;
            self.stopped = false;
        }
        Ok(())
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn socket_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn bin_dir(&self) -> &Path {
        &self.bin_dir
    }

    /// The certificate authority that signed the server's certificate (with `ssl`), usable as
    /// `sslrootcert`.
    pub fn certificate_path(&self) -> PathBuf {
        self.dir.path().join("ca.crt")
    }

    /// A superuser connection over the cluster's unix socket.
    pub fn socket_url(&self, dbname: &str) -> String {
        format!(
            "postgresql://postgres@/{}?host={}&port={}",
            percent_encoding::utf8_percent_encode(dbname, percent_encoding::NON_ALPHANUMERIC),
            self.socket_dir().display(),
            self.port
        )
    }

    /// A TCP connection to 127.0.0.1 as `user`/`password`.
    pub fn tcp_url(&self, dbname: &str, user: &str, password: Option<&str>) -> String {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let auth = match password {
            Some(p) => format!("{}:{}", enc(user), enc(p)),
            None => enc(user),
        };
        format!(
            "postgresql://{auth}@127.0.0.1:{}/{}",
            self.port,
            enc(dbname)
        )
    }

    pub fn conninfo(&self, dbname: &str) -> ConnInfo {
        ConnInfo::parse(&self.socket_url(dbname)).expect("our own URL is valid")
    }

    /// The superuser password, if the cluster was created with one.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// Creates a database (UTF8, from template0) and returns its name.
    pub async fn create_database(&self, name: &str) -> Result<(), crate::db::DbError> {
        let client = crate::db::connect(&self.conninfo("postgres")).await?;
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        client
            .batch_execute(&format!(
                "CREATE DATABASE {quoted} TEMPLATE template0 ENCODING 'UTF8'"
            ))
            .await
            .map_err(crate::db::DbError::Query)
    }

    /// Runs SQL (several statements allowed) in a database.
    pub async fn execute(&self, dbname: &str, sql: &str) -> Result<(), crate::db::DbError> {
        let client = crate::db::connect(&self.conninfo(dbname)).await?;
        client
            .batch_execute(sql)
            .await
            .map_err(crate::db::DbError::Query)
    }
}

fn args(head: &[&str], tail: &[PathBuf]) -> Vec<std::ffi::OsString> {
    head.iter()
        .map(std::ffi::OsString::from)
        .chain(tail.iter().map(|p| p.clone().into_os_string()))
        .collect()
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}
