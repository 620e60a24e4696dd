//! Finding pg_dump programs and choosing one for a server. pg_dump refuses servers newer than
//! itself ("aborting because of server version mismatch"), so we take the newest pg_dump whose
//! major version is at least the server's, and when none fits we say exactly what to install.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One pg_dump program and the version it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgDumpBinary {
    pub path: PathBuf,
    /// As printed by `pg_dump --version`, e.g. `18.4`.
    pub version: String,
    /// Major version, e.g. 18 (9.6 → 9).
    pub major: u32,
}

/// Every usable pg_dump found at start-up.
#[derive(Debug, Clone, Default)]
pub struct PgDumpCatalog {
    pub binaries: Vec<PgDumpBinary>,
}

/// No pg_dump on the machine can dump the server.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct NoSuitablePgDump {
    pub message: String,
}

/// Parses the output of `pg_dump --version`: `pg_dump (PostgreSQL) 18.4 (Debian 18.4-1)`.
pub fn parse_version_output(out: &str) -> Option<(String, u32)> {
    let line = out.lines().next()?;
    let rest = line.strip_prefix("pg_dump (PostgreSQL) ")?;
    let version = rest.split_whitespace().next()?.to_string();
    let major = version
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    Some((version, major))
}

/// The major version of a `server_version_num` (180004 → 18, 90624 → 9).
pub fn server_major(version_num: u32) -> u32 {
    // Since 10 the major is the first two digits; before, 90624 is 9.6, and pg_dump compares
    // majors the same way for our purpose (9.x servers all need pg_dump 9.x or newer).
    version_num / 10_000
}

impl PgDumpCatalog {
    /// Candidate paths: the configured ones first, then `pg_dump` on `PATH`, then Debian's
    /// `/usr/lib/postgresql/*/bin/pg_dump`.
    pub fn candidate_paths(configured: &[PathBuf], path_var: Option<&str>) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        // The same program is often reachable twice (/bin → /usr/bin); ask it once.
        let mut seen: Vec<PathBuf> = Vec::new();
        let mut push = |p: PathBuf| {
            let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
            if !seen.contains(&key) {
                seen.push(key);
                out.push(p);
            }
        };
        for p in configured {
            if p.is_dir() {
                push(p.join("pg_dump"));
            } else {
                push(p.clone());
            }
        }
        if let Some(path_var) = path_var {
            for dir in std::env::split_paths(path_var) {
                let candidate = dir.join("pg_dump");
                if candidate.is_file() {
                    push(candidate);
                }
            }
        }
        if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
            let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
            for e in entries.flatten() {
                dirs.insert(e.path().join("bin").join("pg_dump"));
            }
            for d in dirs {
                if d.is_file() {
                    push(d);
                }
            }
        }
        out
    }

    /// Finds every pg_dump: the configured paths (which must work) and the ones discovered on
    /// `PATH` and in Debian's directories (skipped, with a warning, when they do not run).
    pub async fn discover(configured: &[PathBuf]) -> Result<Self, String> {
        let path_var = std::env::var("PATH").ok();
        let mut binaries = Vec::new();
        for path in Self::candidate_paths(configured, path_var.as_deref()) {
            let is_configured = configured
                .iter()
                .any(|c| c == &path || path.parent() == Some(c.as_path()));
            match probe(&path).await {
                Some(b) => binaries.push(b),
                None if is_configured => return Err(not_working(&path)),
                None => {
                    tracing::warn!(path = %path.display(), "ignoring pg_dump that does not run")
                }
            }
        }
        Ok(Self { binaries })
    }

    /// Exactly these pg_dump programs, nothing discovered (each must work).
    pub async fn from_paths(paths: &[PathBuf]) -> Result<Self, String> {
        let mut binaries = Vec::new();
        for path in paths {
            binaries.push(probe(path).await.ok_or_else(|| not_working(path))?);
        }
        Ok(Self { binaries })
    }

    /// The newest pg_dump whose major version is at least the server's, or an error worded for
    /// the server (`--pg-dump-path`, restart).
    pub fn select(
        &self,
        server_version_num: u32,
        server_version: &str,
    ) -> Result<&PgDumpBinary, NoSuitablePgDump> {
        self.select_advised(server_version_num, server_version, &SERVER_ADVICE)
    }

    /// [`select`](Self::select), with the error worded for a front end of its own.
    pub fn select_advised(
        &self,
        server_version_num: u32,
        server_version: &str,
        advice: &Advice,
    ) -> Result<&PgDumpBinary, NoSuitablePgDump> {
        let need = server_major(server_version_num);
        self.binaries
            .iter()
            .filter(|b| b.major >= need)
            .max_by_key(|b| (b.major, version_key(&b.version)))
            .ok_or_else(|| {
                let found = if self.binaries.is_empty() {
                    format!("no pg_dump was found (looked at {})", advice.looked_at)
                } else {
                    let list: Vec<String> = self
                        .binaries
                        .iter()
                        .map(|b| format!("pg_dump {} ({})", b.version, b.path.display()))
                        .collect();
                    format!("found only {}", list.join(", "))
                };
                NoSuitablePgDump {
                    message: format!(
                        "the database server is PostgreSQL {server_version}, which needs pg_dump {need} or newer; {found}. \
                         Install pg_dump {need} or newer (on Debian/Ubuntu: the postgresql-client-{need} package from apt.postgresql.org) \
                         {}",
                        advice.then
                    ),
                }
            })
    }
}

/// How a front end words the "no suitable pg_dump" error: where it looked, and what to do after
/// installing one.
#[derive(Debug, Clone, Copy)]
pub struct Advice {
    pub looked_at: &'static str,
    pub then: &'static str,
}

/// The server's wording.
pub const SERVER_ADVICE: Advice = Advice {
    looked_at: "--pg-dump-path, PATH and /usr/lib/postgresql/*/bin",
    then: "and restart pgdumpd, or point --pg-dump-path at one",
};

fn version_key(v: &str) -> Vec<u32> {
    v.split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn not_working(path: &Path) -> String {
    format!(
        "--pg-dump-path {}: not a working pg_dump (running it with --version failed)",
        path.display()
    )
}

/// Asks a program for its version; `None` when it is not a working pg_dump.
async fn probe(path: &Path) -> Option<PgDumpBinary> {
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tokio::process::Command::new(path)
            .arg("--version")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .ok()?
    .ok()?;
    if !out.status.success() {
        return None;
    }
    let (version, major) = parse_version_output(&String::from_utf8_lossy(&out.stdout))?;
    tracing::info!(path = %path.display(), %version, "found pg_dump");
    Some(PgDumpBinary {
        path: path.to_path_buf(),
        version,
        major,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bin(v: &str, major: u32) -> PgDumpBinary {
        PgDumpBinary {
            path: PathBuf::from(format!("/pg/{v}/pg_dump")),
            version: v.into(),
            major,
        }
    }

    #[test]
    fn version_output_is_parsed() {
        assert_eq!(
            parse_version_output("pg_dump (PostgreSQL) 18.4\n"),
            Some(("18.4".into(), 18))
        );
        assert_eq!(
            parse_version_output("pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)\n"),
            Some(("15.14".into(), 15))
        );
        assert_eq!(
            parse_version_output("pg_dump (PostgreSQL) 19devel\n"),
            Some(("19devel".into(), 19))
        );
        assert_eq!(parse_version_output("bash: nope"), None);
    }

    #[test]
    fn newest_compatible_pg_dump_is_chosen() {
        let cat = PgDumpCatalog {
            binaries: vec![
                bin("15.14", 15),
                bin("18.4", 18),
                bin("16.14", 16),
                bin("18.1", 18),
            ],
        };
        assert_eq!(cat.select(150_008, "15.8").unwrap().version, "18.4");
        assert_eq!(cat.select(180_004, "18.4").unwrap().version, "18.4");
    }

    #[test]
    fn mismatch_names_server_and_binaries_found() {
        let cat = PgDumpCatalog {
            binaries: vec![bin("15.14", 15)],
        };
        let err = cat.select(180_004, "18.4").unwrap_err().message;
        assert!(err.contains("PostgreSQL 18.4"), "{err}");
        assert!(err.contains("pg_dump 18 or newer"), "{err}");
        assert!(err.contains("pg_dump 15.14 (/pg/15.14/pg_dump)"), "{err}");
        let none = PgDumpCatalog::default()
            .select(170_000, "17.0")
            .unwrap_err()
            .message;
        assert!(none.contains("no pg_dump was found"), "{none}");
        assert!(none.contains("restart pgdumpd"), "{none}");
    }

    #[test]
    fn a_front_end_words_the_advice_itself() {
        let advice = Advice {
            looked_at: "PATH only",
            then: "and try again",
        };
        let err = PgDumpCatalog::default()
            .select_advised(170_000, "17.0", &advice)
            .unwrap_err()
            .message;
        assert!(err.contains("(looked at PATH only)"), "{err}");
        assert!(err.ends_with("apt.postgresql.org) and try again"), "{err}");
        assert!(!err.contains("restart pgdumpd"), "{err}");
    }

    #[test]
    fn server_major_handles_old_and_new_numbering() {
        assert_eq!(server_major(180_004), 18);
        assert_eq!(server_major(130_023), 13);
        assert_eq!(server_major(90_624), 9);
    }
}
