//! The pg_dump invocation as a plain value, built without spawning anything so it can be unit
//! tested. Connection details travel in the child's environment (`PGHOST`, `PGPASSWORD`, ...),
//! never in its arguments, so no password can show in `/proc/<pid>/cmdline`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::conninfo::ConnInfo;
use crate::options::DumpOptions;

/// Variables of our own environment a child may keep: what it needs to run and to find its
/// libraries, locale and home (for `~/.pgpass`), and nothing else, so neither the admin secret
/// nor another source's URL leaks into it.
const INHERITED_VARS: &[&str] = &[
    "PATH",
    "LD_LIBRARY_PATH",
    "HOME",
    "TMPDIR",
    "TZ",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
];

/// A fully resolved command: program, arguments and the complete environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
}

/// Builds the pg_dump command for a source and validated options. Like Hasura, it always asks for
/// UTF-8 output (`--encoding=utf8` first, so a caller's own `-E` still wins).
pub fn build_command(
    program: &Path,
    source: &ConnInfo,
    options: &DumpOptions,
    parent_env: &[(OsString, OsString)],
) -> CommandSpec {
    let mut args = vec!["--encoding=utf8".to_string()];
    args.extend(options.to_pg_dump_args());
    let mut env: Vec<(String, String)> = parent_env
        .iter()
        .filter_map(|(k, v)| {
            let k = k.to_str()?;
            INHERITED_VARS
                .contains(&k)
                .then(|| (k.to_string(), v.to_string_lossy().into_owned()))
        })
        .collect();
    env.extend(source.to_env().into_iter().map(|(k, v)| (k.to_string(), v)));
    if source.get("application_name").is_none() {
        env.push(("PGAPPNAME".into(), "pgdumpd".into()));
    }
    CommandSpec {
        program: program.to_path_buf(),
        args,
        env,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::parse_args;

    fn opts(args: &[&str]) -> DumpOptions {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse_args(&args)
            .expect("parses")
            .into_api_options()
            .expect("allowed")
    }

    #[test]
    fn secrets_go_to_the_environment_never_the_arguments() {
        let source =
            ConnInfo::parse("postgresql://app:s3cr%40t@db:6432/shop?sslmode=require").unwrap();
        let parent = vec![
            (OsString::from("PATH"), OsString::from("/usr/bin")),
            (
                OsString::from("HASURA_GRAPHQL_ADMIN_SECRET"),
                OsString::from("topsecret"),
            ),
            (OsString::from("PGPASSWORD"), OsString::from("other")),
        ];
        let cmd = build_command(
            Path::new("/usr/bin/pg_dump"),
            &source,
            &opts(&["-s", "-n", "public"]),
            &parent,
        );
        assert!(
            cmd.args
                .iter()
                .all(|a| !a.contains("s3cr@t") && !a.contains("db"))
        );
        assert_eq!(cmd.args[0], "--encoding=utf8");
        let env = |k: &str| {
            cmd.env
                .iter()
                .filter(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(env("PGPASSWORD"), vec!["s3cr@t"]);
        assert_eq!(env("PGHOST"), vec!["db"]);
        assert_eq!(env("PGPORT"), vec!["6432"]);
        assert_eq!(env("PGUSER"), vec!["app"]);
        assert_eq!(env("PGDATABASE"), vec!["shop"]);
        assert_eq!(env("PGSSLMODE"), vec!["require"]);
        assert_eq!(env("PATH"), vec!["/usr/bin"]);
        assert!(env("HASURA_GRAPHQL_ADMIN_SECRET").is_empty());
    }

    #[test]
    fn options_are_passed_in_canonical_long_form_after_the_encoding() {
        let source = ConnInfo::parse("host=/tmp dbname=x").unwrap();
        let cmd = build_command(
            Path::new("pg_dump"),
            &source,
            &opts(&["-Ox", "-npublic", "--schema-o"]),
            &[],
        );
        assert_eq!(cmd.args[0], "--encoding=utf8");
        assert!(
            cmd.args.contains(&"--schema=public".to_string()),
            "{:?}",
            cmd.args
        );
        assert!(
            cmd.args.contains(&"--schema-only".to_string()),
            "{:?}",
            cmd.args
        );
        assert!(
            cmd.args.contains(&"--no-owner".to_string()),
            "{:?}",
            cmd.args
        );
    }
}
