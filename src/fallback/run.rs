//! Running pg_dump: output spooled to an anonymous temporary file (unlinked from the start, so it
//! can never be left behind, and memory stays flat whatever the dump's size), stderr kept up to a
//! bound, a deadline, and the child killed whenever the run is abandoned — by the timeout, or by
//! the caller dropping the future (a client that went away, a server shutting down).

use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;

use super::command::CommandSpec;

/// How much of pg_dump's stderr is kept for the error message.
const STDERR_LIMIT: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("could not start pg_dump {program}: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not create a temporary file for the dump: {0}")]
    TempFile(#[source] std::io::Error),
    #[error("pg_dump failed ({status})")]
    Failed { status: String, stderr: String },
    #[error("pg_dump did not finish within {0:?} and was stopped")]
    Timeout(Duration),
    #[error("waiting for pg_dump failed: {0}")]
    Wait(#[source] std::io::Error),
}

impl RunError {
    /// pg_dump's own message, when it produced one.
    pub fn stderr(&self) -> Option<&str> {
        match self {
            RunError::Failed { stderr, .. } => Some(stderr),
            _ => None,
        }
    }
}

/// Replaces every occurrence of each secret with asterisks.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(s, "********");
    }
    out
}

/// A pg_dump run that succeeded.
#[derive(Debug)]
pub struct Finished {
    /// Its complete output, rewound.
    pub output: std::fs::File,
    /// What it wrote to stderr (warnings, `--verbose` progress), scrubbed; usually empty.
    pub messages: String,
}

/// Runs pg_dump and returns the file holding its complete output, rewound, once it exited 0.
/// `secrets` are scrubbed from anything reported back; messages of a successful run are logged.
pub async fn run_pg_dump(
    spec: &CommandSpec,
    temp_dir: &Path,
    timeout: Duration,
    secrets: &[&str],
) -> Result<std::fs::File, RunError> {
    let finished = run_pg_dump_keeping_messages(spec, temp_dir, timeout, secrets).await?;
    if !finished.messages.is_empty() {
        tracing::warn!(stderr = %finished.messages, "pg_dump succeeded with messages on stderr");
    }
    Ok(finished.output)
}

/// [`run_pg_dump`], handing a successful run's stderr to the caller instead of the log (the
/// command line shows it to its user, as pg_dump would).
pub async fn run_pg_dump_keeping_messages(
    spec: &CommandSpec,
    temp_dir: &Path,
    timeout: Duration,
    secrets: &[&str],
) -> Result<Finished, RunError> {
    let spool = tempfile::tempfile_in(temp_dir).map_err(RunError::TempFile)?;
    let stdout = spool.try_clone().map_err(RunError::TempFile)?;
    let mut child = tokio::process::Command::new(&spec.program)
        .args(&spec.args)
        .env_clear()
        .envs(spec.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|source| RunError::Spawn {
            program: spec.program.display().to_string(),
            source,
        })?;
    tracing::debug!(pid = child.id(), program = %spec.program.display(), "pg_dump started");

    let mut stderr_pipe = child.stderr.take();
    let stderr_task = async move {
        let mut kept = Vec::new();
        if let Some(pipe) = stderr_pipe.as_mut() {
            let mut buf = [0u8; 8192];
            // Keep reading past the limit so pg_dump never blocks on a full pipe.
            while let Ok(n) = pipe.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                let room = STDERR_LIMIT.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
        kept
    };
    let waited = tokio::time::timeout(timeout, async {
        let (status, stderr) = tokio::join!(child.wait(), stderr_task);
        (status, stderr)
    })
    .await;
    let (status, stderr) = match waited {
        Ok(r) => r,
        Err(_) => {
            let _ = child.kill().await;
            return Err(RunError::Timeout(timeout));
        }
    };
    let status = status.map_err(RunError::Wait)?;
    if !status.success() {
        let stderr = scrub(String::from_utf8_lossy(&stderr).trim_end(), secrets);
        let status = match status.code() {
            Some(code) => format!("exit status {code}"),
            None => "killed by a signal".to_string(),
        };
        return Err(RunError::Failed { status, stderr });
    }
    let messages = scrub(String::from_utf8_lossy(&stderr).trim_end(), secrets);
    let mut spool = spool;
    spool.seek(SeekFrom::Start(0)).map_err(RunError::TempFile)?;
    Ok(Finished {
        output: spool,
        messages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn sh(script: &str) -> CommandSpec {
        CommandSpec {
            program: "/bin/sh".into(),
            args: vec!["-c".into(), script.into()],
            env: vec![("PATH".into(), "/usr/bin:/bin".into())],
        }
    }

    #[tokio::test]
    async fn output_is_returned_only_after_success() {
        let tmp = tempfile::tempdir().unwrap();
        let mut f = run_pg_dump(
            &sh("printf 'a\\nb\\n'"),
            tmp.path(),
            Duration::from_secs(5),
            &[],
        )
        .await
        .unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        assert_eq!(s, "a\nb\n");
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            0,
            "spool file must not be visible"
        );
    }

    #[tokio::test]
    async fn failure_reports_scrubbed_stderr() {
        let tmp = tempfile::tempdir().unwrap();
        let err = run_pg_dump(
            &sh("echo partial; echo 'bad pw hunter2' >&2; exit 1"),
            tmp.path(),
            Duration::from_secs(5),
            &["hunter2"],
        )
        .await
        .unwrap_err();
        assert_eq!(err.stderr(), Some("bad pw ********"));
        assert!(err.to_string().contains("exit status 1"));
    }

    #[tokio::test]
    async fn messages_of_a_successful_run_are_kept_and_scrubbed() {
        let tmp = tempfile::tempdir().unwrap();
        let mut done = run_pg_dump_keeping_messages(
            &sh("echo out; echo 'warning: hunter2' >&2"),
            tmp.path(),
            Duration::from_secs(5),
            &["hunter2"],
        )
        .await
        .unwrap();
        assert_eq!(done.messages, "warning: ********");
        let mut s = String::new();
        done.output.read_to_string(&mut s).unwrap();
        assert_eq!(s, "out\n");
    }

    #[tokio::test]
    async fn timeout_kills_the_child() {
        let tmp = tempfile::tempdir().unwrap();
        let start = std::time::Instant::now();
        let err = run_pg_dump(&sh("sleep 30"), tmp.path(), Duration::from_millis(200), &[])
            .await
            .unwrap_err();
        assert!(matches!(err, RunError::Timeout(_)));
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn scrub_ignores_empty_secrets() {
        assert_eq!(scrub("abc", &["", "b"]), "a********c");
    }
}
