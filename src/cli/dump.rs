//! `pgdumpd dump [pg_dump options] [DBNAME or connection string]`: pg_dump's command line, written
//! by our engines. Schema-only dumps are rendered natively (no pg_dump needed); anything else runs
//! the real pg_dump, as the server does.
//!
//! Resolution is pure and unit tested: [`extract_engine`] takes our own `--engine` flag out before
//! pg_dump 18's grammar ([`crate::options::parse_args`]) reads the rest; [`parse_command_line`]
//! takes the connection options (`-d -h -p -U -w -W`) and the output options (`-f -F --no-sync
//! --sync-method`) out of what the engines see; [`connection_info`] merges the connection options
//! the way pg_dump hands them to libpq; [`plan`] picks the engine. [`run`] then dumps and writes
//! the output, never leaving a partial file behind.

use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::EngineMode;
use crate::conninfo::{ConnInfo, ConnInfoError};
use crate::db::{self, DbError};
use crate::fallback::{
    Advice, PgDumpCatalog, RunError, build_command, run_pg_dump_keeping_messages,
};
use crate::native::{self, MATCHES_PG_DUMP, NativeError, NativeOptions, NotNative};
use crate::options::{self, DumpOptions, OptionsError, format_refusal};

/// How the command names itself in messages, where pg_dump says `pg_dump`.
pub const PROGRAM: &str = "pgdumpd dump";

/// `pgdumpd dump --help`.
pub const USAGE: &str = "\
pgdumpd dump writes a PostgreSQL database as an SQL script, as pg_dump 18 does (plain format).
Schema-only dumps the native engine can serve completely are rendered without any pg_dump
program, as pg_dump 18.4 writes them; anything else runs the real pg_dump, found on PATH, that
fits the server.

Usage:
  pgdumpd dump [OPTION]... [DBNAME]

Options of pgdumpd:
  --engine=ENGINE          auto (default): native when it can serve the dump completely,
                           pg_dump otherwise; native: native or an error saying why;
                           pg-dump: always pg_dump (environment: PGDUMPD_ENGINE)
  -f, --file=FILENAME      output file, written only once the dump is complete
                           (default, or \"-\": standard output)
  -F, --format=p|plain     the only format: plain SQL
  -V, --version            output version information, then exit
  -?, --help               show this help, then exit

Every other option of pg_dump 18 is accepted. The native engine serves dumps with -s/--schema-only
(or --section=pre-data/post-data) and any of: -O, -x, --no-comments, -n, -N, -t, -T,
--table-and-children, --exclude-table-and-children, -e, --exclude-extension, --strict-names, -c,
--if-exists, --quote-all-identifiers, --restrict-key, -E UTF8, --no-tablespaces,
--no-table-access-method, --lock-wait-timeout, --no-publications, --no-subscriptions,
--no-security-labels, --no-policies, -w.

Connection options:
  -d, --dbname=DBNAME      database to dump, or a connection string (key=value or URI)
  -h, --host=HOSTNAME      database server host or socket directory
  -p, --port=PORT          database server port number
  -U, --username=NAME      connect as specified database user
  -w, --no-password        never prompt for password (pgdumpd dump never does)
  -W, --password           not supported: pgdumpd dump never prompts for a password

Values in a connection string take precedence over -h, -p and -U, as with pg_dump. The libpq
environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, ...) fill in
what is not given. The dump is written in UTF8 unless -E says otherwise.

Environment: PGDUMPD_ENGINE (as --engine), PGDUMPD_LOG (log filter, e.g. info, on stderr).

Exit status: 0 when the dump was written, 1 on any error.
";

/// `pgdumpd dump --version`.
pub fn version_line() -> String {
    format!(
        "{PROGRAM} (pgdumpd) {}, output of pg_dump {MATCHES_PG_DUMP}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Where pg_dump is looked for, and what to do when none fits, worded for this command.
const ADVICE: Advice = Advice {
    looked_at: "PATH and /usr/lib/postgresql/*/bin",
    then: "and put its directory on PATH",
};

/// Why `pgdumpd dump` failed. Each becomes one `pgdumpd dump: error: ...` line ([`Self::report`]).
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// The command line is wrong; like pg_dump, the report adds a hint to try `--help`.
    #[error("{0}")]
    Usage(String),
    /// Something pg_dump does that this command does not (other formats, password prompts).
    #[error("{0}")]
    NotSupported(String),
    #[error(transparent)]
    ConnInfo(#[from] ConnInfoError),
    /// Our own connection failed; `target` is the connection, password redacted.
    #[error("{source} (connecting with {target})")]
    Connect { target: String, source: DbError },
    /// `--engine native` with options the native engine does not honour.
    #[error("the native engine cannot serve this dump: {0}")]
    NotNative(NotNative),
    #[error("{0}")]
    Native(NativeError),
    /// No pg_dump fits the server (and the native engine could not serve the dump).
    #[error("{0}")]
    NoPgDump(String),
    #[error("{0}")]
    PgDump(RunError),
    #[error("could not write output file \"{}\": {source}", path.display())]
    OutputFile { path: PathBuf, source: io::Error },
    #[error("could not write to standard output: {0}")]
    Stdout(io::Error),
}

impl DumpError {
    /// The text for stderr, newline-terminated: pg_dump's own messages when it failed, then our
    /// `pgdumpd dump: error: ...` line, then pg_dump's `--help` hint for a wrong command line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        if let DumpError::PgDump(e) = self
            && let Some(stderr) = e.stderr().filter(|s| !s.is_empty())
        {
            out.push_str(stderr);
            out.push('\n');
        }
        out.push_str(&format!("{PROGRAM}: error: {self}\n"));
        if let DumpError::Native(NativeError::QueryFailed { query, .. }) = self {
            out.push_str(&format!("{PROGRAM}: detail: Query was: {query}\n"));
        }
        if matches!(self, DumpError::Usage(_)) {
            out.push_str(&format!(
                "{PROGRAM}: hint: Try \"{PROGRAM} --help\" for more information.\n"
            ));
        }
        out
    }
}

impl From<OptionsError> for DumpError {
    fn from(e: OptionsError) -> Self {
        DumpError::Usage(e.to_string())
    }
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Action {
    Help,
    Version,
    Dump(DumpRequest),
}

/// A dump, resolved from the command line.
#[derive(Debug)]
pub struct DumpRequest {
    pub engine: EngineMode,
    pub connection: ConnectionArgs,
    pub output: OutputTarget,
    /// Whether the output file is flushed to disk before it takes the place of `-f FILE`
    /// (pg_dump's default; `--no-sync` turns it off).
    pub sync: bool,
    /// Everything else, for the engines.
    pub options: DumpOptions,
}

/// pg_dump's connection options as given (the last of each wins, as in pg_dump).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionArgs {
    /// `-d`/`--dbname` or the positional argument: a name or a connection string.
    pub dbname: Option<String>,
    pub host: Option<String>,
    pub port: Option<String>,
    pub username: Option<String>,
}

/// Where the dump goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputTarget {
    Stdout,
    File(PathBuf),
}

/// Arguments as strings; pg_dump's options and connection strings are text.
pub fn args_from_os(args: &[OsString]) -> Result<Vec<String>, DumpError> {
    args.iter()
        .map(|a| {
            a.to_str().map(str::to_owned).ok_or_else(|| {
                DumpError::Usage(format!(
                    "argument \"{}\" is not valid UTF-8",
                    a.to_string_lossy()
                ))
            })
        })
        .collect()
}

/// Takes our `--engine VALUE` / `--engine=VALUE` out of the arguments (the last one wins) and
/// returns the rest for pg_dump's grammar. Only the exact name is ours (pg_dump has no option it
/// could abbreviate). An argument that is another option's value (`-n --engine` dumps a schema
/// named `--engine`) and anything after `--` are left alone.
pub fn extract_engine(args: &[String]) -> Result<(Option<EngineMode>, Vec<String>), DumpError> {
    let mut engine = None;
    let mut rest = Vec::with_capacity(args.len());
    let mut i = 0;
    let parse = |v: &str| {
        v.parse::<EngineMode>()
            .map_err(|e| DumpError::Usage(format!("option \"--engine\": {e}")))
    };
    while let Some(arg) = args.get(i) {
        i += 1;
        if arg == "--" {
            rest.extend(args[i - 1..].iter().cloned());
            break;
        }
        if arg == "--engine" {
            let value = args.get(i).ok_or_else(|| {
                DumpError::Usage("option \"--engine\" requires an argument".into())
            })?;
            i += 1;
            engine = Some(parse(value)?);
        } else if let Some(value) = arg.strip_prefix("--engine=") {
            engine = Some(parse(value)?);
        } else {
            rest.push(arg.clone());
            if takes_next_argument(arg)
                && let Some(value) = args.get(i)
            {
                rest.push(value.clone());
                i += 1;
            }
        }
    }
    Ok((engine, rest))
}

/// Whether pg_dump's grammar reads the argument after this one as its value (`-n`, `-xn`,
/// `--schema`, `--sch`): asked of the grammar itself, so it can never disagree with it.
fn takes_next_argument(arg: &str) -> bool {
    arg.starts_with('-')
        && arg != "-"
        && matches!(
            options::parse_args(&[arg.to_owned()]),
            Err(OptionsError::MissingArgument { .. })
        )
}

/// The engine: `--engine`, else `PGDUMPD_ENGINE` (when set and not empty), else auto.
pub fn resolve_engine(
    flag: Option<EngineMode>,
    env_value: Option<&str>,
) -> Result<EngineMode, DumpError> {
    match (flag, env_value.filter(|v| !v.is_empty())) {
        (Some(e), _) => Ok(e),
        (None, Some(v)) => v
            .parse()
            .map_err(|e| DumpError::Usage(format!("PGDUMPD_ENGINE: {e}"))),
        (None, None) => Ok(EngineMode::Auto),
    }
}

/// Resolves the arguments that follow `dump` (with `PGDUMPD_ENGINE`'s value, if set).
pub fn parse_command_line(args: &[String], env_engine: Option<&str>) -> Result<Action, DumpError> {
    let (engine_flag, rest) = extract_engine(args)?;
    let parsed = options::parse_args(&rest)?;
    // The grammar yields --help/--version only for the first argument, as pg_dump reads them.
    match parsed.options.first().map(|o| o.spec.long) {
        Some("help") => return Ok(Action::Help),
        Some("version") => return Ok(Action::Version),
        _ => {}
    }
    let engine = resolve_engine(engine_flag, env_engine)?;
    let mut connection = ConnectionArgs::default();
    let mut output = OutputTarget::Stdout;
    let mut sync = true;
    let mut kept = Vec::with_capacity(parsed.options.len());
    for option in parsed.options {
        let value = option.value.clone().unwrap_or_default();
        match option.spec.target() {
            "dbname" => connection.dbname = Some(value),
            "host" => connection.host = Some(value),
            "port" => connection.port = Some(value),
            "username" => connection.username = Some(value),
            "password" => {
                return Err(DumpError::NotSupported(format!(
                    "option \"{}\" (--password): {PROGRAM} never prompts for a password; \
                     give it in PGPASSWORD or in the connection string",
                    option.spelling
                )));
            }
            // pg_dump writes to stdout for "-f -" too.
            "file" if value == "-" => output = OutputTarget::Stdout,
            "file" => output = OutputTarget::File(PathBuf::from(value)),
            "format" => {
                if format_refusal(&value).is_some() {
                    return Err(DumpError::NotSupported(format!(
                        "option \"{}\" (--format) with value \"{value}\": {PROGRAM} writes plain SQL only",
                        option.spelling
                    )));
                }
            }
            // pg_dump's getopt knows these anywhere, but its switch acts on them only as the first
            // argument (and on -X never): elsewhere it just prints the --help hint and fails.
            "help" | "version" => {
                return Err(DumpError::Usage(format!(
                    "option \"{}\" is valid only as the first argument",
                    option.spelling
                )));
            }
            "" => {
                return Err(DumpError::Usage(format!(
                    "invalid option \"{}\"",
                    option.spelling
                )));
            }
            // We write the file, so the file-sync options are ours (pg_dump's wording).
            "no-sync" => sync = false,
            "sync-method" => {
                if value != "fsync" && value != "syncfs" {
                    return Err(DumpError::Usage(format!(
                        "unrecognized sync method: {value}"
                    )));
                }
            }
            _ => kept.push(option),
        }
    }
    // pg_dump takes a positional database name only when -d gave none.
    let mut positionals = parsed.positionals.into_iter();
    if connection.dbname.is_none() {
        connection.dbname = positionals.next();
    }
    if let Some(extra) = positionals.next() {
        return Err(DumpError::Usage(format!(
            "too many command-line arguments (first is \"{extra}\")"
        )));
    }
    Ok(Action::Dump(DumpRequest {
        engine,
        connection,
        output,
        sync,
        options: DumpOptions { options: kept },
    }))
}

/// Whether libpq reads a database name as a connection string (`recognized_connection_string`).
pub fn is_connection_string(dbname: &str) -> bool {
    dbname.starts_with("postgresql://") || dbname.starts_with("postgres://") || dbname.contains('=')
}

/// The connection pg_dump would open, before libpq's compiled-in defaults
/// ([`db::resolve_defaults`]). pg_dump hands libpq `host`, `port`, `user`, then `dbname`
/// (`ConnectDatabase`); `PQconnectdbParams` with `expand_dbname` lets a later keyword override an
/// earlier one and expands a connection string in place, so a connection string's values win over
/// `-h`, `-p` and `-U`. Empty values are ignored, as libpq does. The `PG*` variables in `env` then
/// fill whatever is still missing.
pub fn connection_info<'a>(
    args: &ConnectionArgs,
    env: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<ConnInfo, DumpError> {
    let mut info = ConnInfo::default();
    let given = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
    for (keyword, value) in [
        ("host", given(&args.host)),
        ("port", given(&args.port)),
        ("user", given(&args.username)),
    ] {
        if let Some(value) = value {
            info.set(keyword, &value)?;
        }
    }
    if let Some(dbname) = given(&args.dbname) {
        if is_connection_string(&dbname) {
            let expanded = ConnInfo::parse(&dbname)?;
            for (keyword, value) in expanded.iter() {
                info.set(keyword, value)?;
            }
        } else {
            info.set("dbname", &dbname)?;
        }
    }
    let info = info.with_env_defaults(env);
    // libpq refuses a port that is not a number; our connections would silently use 5432.
    if let Some(ports) = info.get("port") {
        for port in ports.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if port.parse::<u16>().is_err() {
                return Err(DumpError::Usage(format!(
                    "invalid integer value \"{port}\" for connection option \"port\""
                )));
            }
        }
    }
    Ok(info)
}

/// Which engine runs the dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// The native engine; `may_fall_back` when pg_dump takes over if it declines (auto mode).
    Native {
        options: Box<NativeOptions>,
        may_fall_back: bool,
    },
    /// The real pg_dump, and why not the native engine (`None` when `--engine pg-dump`).
    PgDump { why_not_native: Option<String> },
}

/// The engine for these options, as the server routes a request.
pub fn plan(engine: EngineMode, options: &DumpOptions) -> Result<Plan, DumpError> {
    match (engine, NativeOptions::from_dump_options(options)) {
        (EngineMode::PgDump, _) => Ok(Plan::PgDump {
            why_not_native: None,
        }),
        (engine, Ok(native)) => Ok(Plan::Native {
            options: Box::new(native),
            may_fall_back: engine == EngineMode::Auto,
        }),
        (EngineMode::Auto, Err(e)) => Ok(Plan::PgDump {
            why_not_native: Some(e.to_string()),
        }),
        (EngineMode::Native, Err(e)) => Err(DumpError::NotNative(e)),
    }
}

/// A finished dump.
enum Dumped {
    Native(String),
    PgDump(fs::File),
}

/// Runs the dump and writes it. `env` is the process environment (for the `PG*` defaults).
pub async fn run(request: &DumpRequest, env: &[(String, String)]) -> Result<(), DumpError> {
    let plan = plan(request.engine, &request.options)?;
    let mut info = connection_info(
        &request.connection,
        env.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )?;
    db::resolve_defaults(&mut info);
    tracing::debug!(target = %info.redacted(), ?plan, "dump planned");
    let dumped = match plan {
        Plan::Native {
            options,
            may_fall_back,
        } => match native::dump(&info, &options).await {
            Ok(text) => {
                tracing::info!("dumped by the native engine");
                Dumped::Native(text)
            }
            Err(e) if may_fall_back && e.can_fall_back() => {
                tracing::info!(reason = %e, "native engine declined; running pg_dump");
                dump_with_pg_dump(&info, &request.options, Some(e.to_string())).await?
            }
            Err(NativeError::Connect(source)) => {
                return Err(DumpError::Connect {
                    target: info.redacted(),
                    source,
                });
            }
            Err(e) => return Err(DumpError::Native(e)),
        },
        Plan::PgDump { why_not_native } => {
            if let Some(reason) = &why_not_native {
                tracing::info!(%reason, "not for the native engine; running pg_dump");
            }
            dump_with_pg_dump(&info, &request.options, why_not_native).await?
        }
    };
    match dumped {
        Dumped::Native(text) => write_output(&request.output, &mut text.as_bytes(), request.sync),
        Dumped::PgDump(mut file) => write_output(&request.output, &mut file, request.sync),
    }
}

/// Runs the pg_dump that fits the server; its messages (warnings) go to our stderr.
async fn dump_with_pg_dump(
    info: &ConnInfo,
    options: &DumpOptions,
    why_not_native: Option<String>,
) -> Result<Dumped, DumpError> {
    let connect_error = |source| DumpError::Connect {
        target: info.redacted(),
        source,
    };
    let client = db::connect(info).await.map_err(connect_error)?;
    let (version_num, version_text) = db::server_version(&client).await.map_err(connect_error)?;
    drop(client);
    let catalog = PgDumpCatalog::discover(&[])
        .await
        .map_err(DumpError::NoPgDump)?;
    let binary = catalog
        .select_advised(version_num, &version_text, &ADVICE)
        .map_err(|e| {
            DumpError::NoPgDump(match &why_not_native {
                Some(why) => format!(
                    "the native engine cannot serve this dump ({why}), and pg_dump is needed: {}",
                    e.message
                ),
                None => e.message,
            })
        })?;
    tracing::info!(pg_dump = %binary.path.display(), version = %binary.version, "running pg_dump");
    let parent_env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    let spec = build_command(&binary.path, info, options, &parent_env);
    let secrets: Vec<&str> = info.password().into_iter().collect();
    // No deadline: pg_dump has none either (tokio's timeout never fires for Duration::MAX).
    let finished =
        run_pg_dump_keeping_messages(&spec, &std::env::temp_dir(), Duration::MAX, &secrets)
            .await
            .map_err(DumpError::PgDump)?;
    if !finished.messages.is_empty() {
        eprintln!("{}", finished.messages);
    }
    Ok(Dumped::PgDump(finished.output))
}

/// Writes a complete dump to its target.
fn write_output(target: &OutputTarget, dump: &mut dyn Read, sync: bool) -> Result<(), DumpError> {
    match target {
        OutputTarget::Stdout => {
            let mut out = io::stdout().lock();
            io::copy(dump, &mut out)
                .and_then(|_| out.flush())
                .map_err(DumpError::Stdout)
        }
        OutputTarget::File(path) => {
            write_file_atomically(path, dump, sync).map_err(|source| DumpError::OutputFile {
                path: path.clone(),
                source,
            })
        }
    }
}

/// Writes `path` so that it never holds a partial dump: into a new file beside it, renamed over
/// it once complete (keeping an existing file's permissions, and replacing what a symlink points
/// to rather than the link). Something that is not a regular file (`/dev/null`, a FIFO) is
/// written in place, as pg_dump would; renaming over a device would replace the device.
pub fn write_file_atomically(path: &Path, dump: &mut dyn Read, sync: bool) -> io::Result<()> {
    let (target, permissions) = match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            let mut out = OpenOptions::new().write(true).open(path)?;
            io::copy(dump, &mut out)?;
            return out.flush();
        }
        Ok(meta) => (fs::canonicalize(path)?, Some(meta.permissions())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => (path.to_path_buf(), None),
        Err(e) => return Err(e),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut temp_name = name.to_os_string();
    temp_name.push(format!(".pgdumpd-{}.tmp", std::process::id()));
    let temp = target.with_file_name(temp_name);
    let written = (|| {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        io::copy(dump, &mut out)?;
        if let Some(permissions) = permissions {
            out.set_permissions(permissions)?;
        }
        if sync {
            out.sync_all()?;
        }
        fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    fn request(args: &[&str]) -> DumpRequest {
        match parse_command_line(&strings(args), None) {
            Ok(Action::Dump(r)) => r,
            other => panic!("{args:?}: expected a dump, got {other:?}"),
        }
    }

    fn error(args: &[&str]) -> String {
        match parse_command_line(&strings(args), None) {
            Err(e) => e.to_string(),
            Ok(other) => panic!("{args:?}: expected an error, got {other:?}"),
        }
    }

    #[test]
    fn engine_flag_is_taken_out_in_both_spellings_and_the_last_wins() {
        let (engine, rest) = extract_engine(&strings(&[
            "-s",
            "--engine",
            "native",
            "db",
            "--engine=pg-dump",
        ]))
        .unwrap();
        assert_eq!(engine, Some(EngineMode::PgDump));
        assert_eq!(rest, strings(&["-s", "db"]));
        let (engine, rest) = extract_engine(&strings(&["-s"])).unwrap();
        assert_eq!((engine, rest), (None, strings(&["-s"])));
    }

    #[test]
    fn engine_flag_is_not_taken_from_option_values_or_after_double_dash() {
        // `-n --engine` names a schema "--engine"; so does the value of a bundled `-sn`.
        for args in [
            &["-n", "--engine", "x"][..],
            &["-sn", "--engine", "x"],
            &["--schema", "--engine", "x"],
            &["--exclude-sch", "--engine=native", "x"],
            &["--", "--engine", "native"],
        ] {
            let (engine, rest) = extract_engine(&strings(args)).unwrap();
            assert_eq!(engine, None, "{args:?}");
            assert_eq!(rest, strings(args), "{args:?}");
        }
        // An attached value does not take the next argument.
        let (engine, rest) = extract_engine(&strings(&["-npublic", "--engine", "native"])).unwrap();
        assert_eq!(engine, Some(EngineMode::Native));
        assert_eq!(rest, strings(&["-npublic"]));
    }

    #[test]
    fn engine_flag_errors() {
        let e = extract_engine(&strings(&["--engine"])).unwrap_err();
        assert_eq!(e.to_string(), "option \"--engine\" requires an argument");
        let e = extract_engine(&strings(&["--engine=fast"])).unwrap_err();
        assert!(e.to_string().contains("invalid engine \"fast\""), "{e}");
        assert!(e.report().contains("hint: Try \"pgdumpd dump --help\""));
    }

    #[test]
    fn engine_comes_from_the_flag_then_the_environment_then_auto() {
        assert_eq!(resolve_engine(None, None).unwrap(), EngineMode::Auto);
        assert_eq!(resolve_engine(None, Some("")).unwrap(), EngineMode::Auto);
        assert_eq!(
            resolve_engine(None, Some("native")).unwrap(),
            EngineMode::Native
        );
        assert_eq!(
            resolve_engine(Some(EngineMode::PgDump), Some("native")).unwrap(),
            EngineMode::PgDump
        );
        let e = resolve_engine(None, Some("bogus")).unwrap_err().to_string();
        assert!(e.starts_with("PGDUMPD_ENGINE: invalid engine"), "{e}");
        match parse_command_line(&strings(&["-s"]), Some("pg-dump")).unwrap() {
            Action::Dump(r) => assert_eq!(r.engine, EngineMode::PgDump),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn help_and_version_only_as_the_first_argument() {
        for (args, help) in [
            (&["--help"][..], true),
            (&["-?"], true),
            (&["--engine=native", "--help"], true),
            (&["--version"], false),
            (&["-V"], false),
        ] {
            match parse_command_line(&strings(args), None).unwrap() {
                Action::Help => assert!(help, "{args:?}"),
                Action::Version => assert!(!help, "{args:?}"),
                Action::Dump(_) => panic!("{args:?}"),
            }
        }
        assert_eq!(error(&["-X"]), "invalid option \"-X\"");
        for args in [&["-s", "--help"][..], &["-s", "--vers"]] {
            let e = error(args);
            assert!(
                e.contains("valid only as the first argument"),
                "{args:?}: {e}"
            );
        }
        assert!(error(&["-s", "-V"]).contains("unrecognized option \"-V\""));
        assert_eq!(
            version_line(),
            format!(
                "pgdumpd dump (pgdumpd) {}, output of pg_dump 18.4",
                env!("CARGO_PKG_VERSION")
            )
        );
    }

    #[test]
    fn connection_and_output_options_are_taken_out_of_what_the_engines_see() {
        let r = request(&[
            "-s",
            "-h",
            "/tmp",
            "-p5433",
            "-U",
            "app",
            "-d",
            "shop",
            "-f",
            "out.sql",
            "-Fp",
            "-O",
            "-w",
            "--no-sync",
        ]);
        assert_eq!(
            r.connection,
            ConnectionArgs {
                dbname: Some("shop".into()),
                host: Some("/tmp".into()),
                port: Some("5433".into()),
                username: Some("app".into()),
            }
        );
        assert_eq!(r.output, OutputTarget::File("out.sql".into()));
        assert!(!r.sync);
        assert_eq!(
            r.options.to_pg_dump_args(),
            strings(&["--schema-only", "--no-owner", "--no-password"])
        );
        assert_eq!(r.engine, EngineMode::Auto);
        // The last of each wins; "-f -" is standard output.
        let r = request(&["-h", "a", "--host=b", "-f", "x", "--file=-"]);
        assert_eq!(r.connection.host.as_deref(), Some("b"));
        assert_eq!(r.output, OutputTarget::Stdout);
        assert!(r.sync);
    }

    #[test]
    fn positional_is_the_database_unless_dbname_was_given() {
        let r = request(&["-s", "postgresql://u@h/db", "-O"]);
        assert_eq!(r.connection.dbname.as_deref(), Some("postgresql://u@h/db"));
        // Checked against pg_dump 18: -d and a positional are one argument too many.
        assert_eq!(
            error(&["-d", "a", "b"]),
            "too many command-line arguments (first is \"b\")"
        );
        assert_eq!(
            error(&["a", "b", "c"]),
            "too many command-line arguments (first is \"b\")"
        );
    }

    #[test]
    fn other_formats_and_password_prompts_are_refused() {
        for f in ["c", "custom", "d", "t", "x"] {
            let e = error(&["-F", f]);
            assert!(e.contains("pgdumpd dump writes plain SQL only"), "{e}");
        }
        request(&["--format=PLAIN"]);
        let e = error(&["-s", "-W"]);
        assert!(e.contains("\"-W\"") && e.contains("never prompts"), "{e}");
        assert!(error(&["--sync-method=magic"]).contains("unrecognized sync method"));
        request(&["--sync-method=syncfs"]);
        assert!(error(&["--bogus"]).contains("unrecognized option \"--bogus\""));
    }

    #[test]
    fn connection_strings_are_recognised_as_libpq_does() {
        assert!(is_connection_string("postgresql://h/db"));
        assert!(is_connection_string("postgres://h/db"));
        assert!(is_connection_string("host=/tmp dbname=x"));
        assert!(is_connection_string("weird=name"));
        assert!(!is_connection_string("shop"));
        assert!(!is_connection_string("POSTGRES://h/db"));
    }

    fn conn(
        dbname: Option<&str>,
        host: Option<&str>,
        port: Option<&str>,
        user: Option<&str>,
    ) -> ConnectionArgs {
        ConnectionArgs {
            dbname: dbname.map(Into::into),
            host: host.map(Into::into),
            port: port.map(Into::into),
            username: user.map(Into::into),
        }
    }

    #[test]
    fn separate_options_and_a_plain_database_name() {
        let info =
            connection_info(&conn(Some("shop"), Some("/s"), Some("5433"), Some("u")), []).unwrap();
        assert_eq!(info.redacted(), "host=/s port=5433 user=u dbname=shop");
    }

    #[test]
    fn a_connection_string_wins_over_separate_options_as_in_pg_dump() {
        // pg_dump passes host, port, user, then the expanded dbname to PQconnectdbParams.
        let info = connection_info(
            &conn(
                Some("postgresql://app:pw@/shop?host=/sock&port=6000"),
                Some("/other"),
                Some("5432"),
                Some("admin"),
            ),
            [],
        )
        .unwrap();
        assert_eq!(info.get("host"), Some("/sock"));
        assert_eq!(info.get("port"), Some("6000"));
        assert_eq!(info.get("user"), Some("app"));
        assert_eq!(info.password(), Some("pw"));
        assert_eq!(info.get("dbname"), Some("shop"));
        // What the string leaves out, the options still give.
        let info =
            connection_info(&conn(Some("dbname=shop"), Some("/s"), None, Some("u")), []).unwrap();
        assert_eq!(info.redacted(), "host=/s user=u dbname=shop");
    }

    #[test]
    fn environment_fills_only_what_is_missing_and_empty_options_count_as_missing() {
        let env = [
            ("PGHOST", "/envhost"),
            ("PGPORT", "7000"),
            ("PGUSER", "envuser"),
            ("PGDATABASE", "envdb"),
            ("PGPASSWORD", "envpw"),
            ("PGSSLMODE", "disable"),
            ("HOME", "/root"),
        ];
        let info = connection_info(&conn(None, None, None, None), env).unwrap();
        assert_eq!(info.get("host"), Some("/envhost"));
        assert_eq!(info.get("port"), Some("7000"));
        assert_eq!(info.get("user"), Some("envuser"));
        assert_eq!(info.get("dbname"), Some("envdb"));
        assert_eq!(info.password(), Some("envpw"));
        assert_eq!(info.get("sslmode"), Some("disable"));
        let info = connection_info(&conn(Some("db"), Some(""), Some("1"), None), env).unwrap();
        assert_eq!(info.get("host"), Some("/envhost"));
        assert_eq!(info.get("port"), Some("1"));
        assert_eq!(info.get("dbname"), Some("db"));
    }

    #[test]
    fn bad_ports_and_connection_strings_are_errors() {
        let e = connection_info(&conn(None, None, Some("abc"), None), []).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid integer value \"abc\" for connection option \"port\""
        );
        assert!(
            connection_info(&conn(Some("postgres://h/d?port=x"), None, None, None), []).is_err()
        );
        let e = connection_info(&conn(Some("bogus=1"), None, None, None), []).unwrap_err();
        assert!(e.to_string().contains("bogus"), "{e}");
    }

    #[test]
    fn plans_follow_the_server_routing() {
        let opts = |args: &[&str]| request(args).options;
        match plan(EngineMode::Auto, &opts(&["-s", "-O"])).unwrap() {
            Plan::Native {
                options,
                may_fall_back,
            } => assert!(may_fall_back && options.no_owner),
            other => panic!("{other:?}"),
        }
        match plan(
            EngineMode::Native,
            &opts(&["-s", "-h", "x", "-f", "o", "-Fp"]),
        )
        .unwrap()
        {
            Plan::Native { may_fall_back, .. } => assert!(!may_fall_back),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            plan(EngineMode::Auto, &opts(&["--data-only"])).unwrap(),
            Plan::PgDump {
                why_not_native: Some(
                    "option --data-only is not supported by the native engine".into()
                )
            }
        );
        assert_eq!(
            plan(EngineMode::PgDump, &opts(&["-s"])).unwrap(),
            Plan::PgDump {
                why_not_native: None
            }
        );
        let e = plan(EngineMode::Native, &opts(&["-a"])).unwrap_err();
        assert_eq!(
            e.report(),
            "pgdumpd dump: error: the native engine cannot serve this dump: \
             option --data-only is not supported by the native engine\n"
        );
    }

    #[test]
    fn reports_carry_pg_dumps_own_messages_first() {
        let e = DumpError::PgDump(RunError::Failed {
            status: "exit status 1".into(),
            stderr: "pg_dump: error: query failed".into(),
        });
        assert_eq!(
            e.report(),
            "pg_dump: error: query failed\npgdumpd dump: error: pg_dump failed (exit status 1)\n"
        );
        assert_eq!(
            DumpError::Usage("too many command-line arguments (first is \"b\")".into()).report(),
            "pgdumpd dump: error: too many command-line arguments (first is \"b\")\n\
             pgdumpd dump: hint: Try \"pgdumpd dump --help\" for more information.\n"
        );
    }

    /// Yields some bytes, then fails, like a dump that breaks off.
    struct BreaksOff(bool);
    impl Read for BreaksOff {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if std::mem::replace(&mut self.0, true) {
                Err(io::Error::other("broke off"))
            } else {
                buf[..7].copy_from_slice(b"partial");
                Ok(7)
            }
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn output_file_is_created_or_replaced_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.sql");
        write_file_atomically(&path, &mut "one".as_bytes(), true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_file_atomically(&path, &mut "two".as_bytes(), false).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(names(dir.path()), vec!["out.sql"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.sql");
        fs::write(&path, "old").unwrap();
        assert!(write_file_atomically(&path, &mut BreaksOff(false), true).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), vec!["out.sql"]);
        let fresh = dir.path().join("new.sql");
        assert!(write_file_atomically(&fresh, &mut BreaksOff(false), true).is_err());
        assert_eq!(names(dir.path()), vec!["out.sql"]);
    }

    #[test]
    fn a_symlink_keeps_pointing_at_the_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.sql");
        let link = dir.path().join("link.sql");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_file_atomically(&link, &mut "new".as_bytes(), true).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn devices_are_written_in_place() {
        write_file_atomically(Path::new("/dev/null"), &mut "x".as_bytes(), true).unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
    }
}
