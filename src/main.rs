//! The `pgdumpd` command: `pgdumpd serve` runs the PG Dump API server (with no database
//! configured it starts a throwaway PostgreSQL cluster with a demo schema and serves that);
//! `pgdumpd dump` is pg_dump's command line (see [`pgdumpd::cli::dump`]). Exit codes are decided
//! here.

/// jemalloc rather than glibc's malloc: a native dump holds close to a million small allocations
/// until its output is printed, and jemalloc keeps them with less overhead (at 10,000 tables:
/// 126.5 vs 139 MiB peak RSS and about 10% less client CPU, side by side). It is built to give
/// freed pages back at once (`.cargo/config.toml`).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use indexmap::IndexMap;

use pgdumpd::cli::dump::{self as dump_cli, Action, DumpError};
use pgdumpd::cluster::{Cluster, ClusterOptions, find_newest_server};
use pgdumpd::config::{ServerConfig, parse_enabled_apis, parse_source_arg};
use pgdumpd::conninfo::ConnInfo;
use pgdumpd::fallback::PgDumpCatalog;
use pgdumpd::http::AppState;
use pgdumpd::{db, server};

#[derive(Parser)]
#[command(
    name = "pgdumpd",
    version,
    about = "The PG Dump API (Hasura-compatible) as a service"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server.
    Serve(Box<ServeArgs>),
    /// Dump a database as pg_dump does (plain SQL); `pgdumpd dump --help` for its options.
    #[command(disable_help_flag = true)]
    Dump(DumpArgs),
}

/// pg_dump's arguments, read by pg_dump's own grammar rather than clap's.
#[derive(Args)]
struct DumpArgs {
    #[arg(
        allow_hyphen_values = true,
        trailing_var_arg = true,
        value_name = "PG_DUMP_ARGS"
    )]
    args: Vec<OsString>,
}

/// Durations as seconds (`600`) or with a unit (`500ms`, `30s`, `10m`, `1h`).
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid duration \"{s}\""))?;
    Ok(match unit {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" => Duration::from_secs(n * 60),
        "h" => Duration::from_secs(n * 3600),
        _ => {
            return Err(format!(
                "invalid duration unit in \"{s}\" (use ms, s, m or h)"
            ));
        }
    })
}

#[derive(Args)]
struct ServeArgs {
    /// The default source (also read from DATABASE_URL).
    #[arg(long, env = "HASURA_GRAPHQL_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// More named sources, NAME=URL (repeatable; env: PGDUMPD_SOURCE_<NAME>=URL).
    #[arg(long = "source", value_name = "NAME=URL")]
    sources: Vec<String>,
    /// Require this secret in X-Hasura-Admin-Secret.
    #[arg(long, env = "HASURA_GRAPHQL_ADMIN_SECRET", hide_env_values = true)]
    admin_secret: Option<String>,
    /// Comma-separated API groups to enable (Hasura's names); the endpoint needs `pgdump`.
    #[arg(long, env = "HASURA_GRAPHQL_ENABLED_APIS")]
    enabled_apis: Option<String>,
    /// Address to listen on (`*` for all interfaces).
    #[arg(long, env = "HASURA_GRAPHQL_SERVER_HOST", default_value = "127.0.0.1")]
    server_host: String,
    #[arg(long, env = "HASURA_GRAPHQL_SERVER_PORT", default_value_t = 8080)]
    server_port: u16,
    /// Accept listening on a non-loopback address without an admin secret.
    #[arg(long, env = "PGDUMPD_ALLOW_UNAUTHENTICATED")]
    allow_unauthenticated: bool,
    /// A pg_dump program (or a directory holding one) to consider (repeatable).
    #[arg(
        long = "pg-dump-path",
        env = "PGDUMPD_PG_DUMP_PATH",
        value_delimiter = ':'
    )]
    pg_dump_paths: Vec<PathBuf>,
    /// Longest a single dump may run.
    #[arg(long, env = "PGDUMPD_DUMP_TIMEOUT", default_value = "10m", value_parser = parse_duration)]
    dump_timeout: Duration,
    #[arg(long, env = "PGDUMPD_MAX_CONCURRENT_DUMPS", default_value_t = 4)]
    max_concurrent_dumps: usize,
    /// Requests waiting for a dump slot beyond this get 503 at once.
    #[arg(long, env = "PGDUMPD_MAX_QUEUED_DUMPS", default_value_t = 64)]
    max_queued_dumps: usize,
    /// How long a request waits for a dump slot before 503.
    #[arg(long, env = "PGDUMPD_QUEUE_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    queue_timeout: Duration,
    /// How long in-flight requests may run after SIGTERM/SIGINT.
    #[arg(long, env = "PGDUMPD_SHUTDOWN_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    shutdown_timeout: Duration,
    /// Longest a client may take to send a request's headers (and then its body).
    #[arg(long, env = "PGDUMPD_HEADER_READ_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    header_read_timeout: Duration,
    /// Directory for spooled dumps (default: the system temp directory).
    #[arg(long, env = "PGDUMPD_TEMP_DIR")]
    temp_dir: Option<PathBuf>,
    /// Which engine answers: auto (native when it can serve the request completely), native, pg-dump.
    #[arg(long, env = "PGDUMPD_ENGINE", default_value = "auto")]
    engine: pgdumpd::config::EngineMode,
    /// Log as JSON lines.
    #[arg(long, env = "PGDUMPD_LOG_JSON")]
    log_json: bool,
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PGDUMPD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

/// Collects the sources: `--database-url` (or DATABASE_URL) as "default", `--source`, and
/// `PGDUMPD_SOURCE_<NAME>` variables.
fn collect_sources(args: &ServeArgs) -> Result<IndexMap<String, ConnInfo>> {
    let mut sources = IndexMap::new();
    let default_url = args
        .database_url
        .clone()
        .or_else(|| std::env::var("DATABASE_URL").ok());
    if let Some(url) = default_url.filter(|u| !u.trim().is_empty()) {
        let info = ConnInfo::parse(&url).context("--database-url")?;
        sources.insert("default".to_string(), info);
    }
    let mut entries: Vec<String> = args.sources.clone();
    for (k, v) in std::env::vars() {
        if let Some(name) = k.strip_prefix("PGDUMPD_SOURCE_") {
            entries.push(format!("{}={v}", name.to_ascii_lowercase()));
        }
    }
    for entry in entries {
        let (name, info) = parse_source_arg(&entry).map_err(anyhow::Error::msg)?;
        if sources.insert(name.clone(), info).is_some() {
            bail!("source \"{name}\" is configured twice");
        }
    }
    for (name, info) in sources.iter_mut() {
        db::resolve_defaults(info);
        let ignored = info.keywords_without_env();
        if !ignored.is_empty() {
            tracing::warn!(source = %name, ?ignored, "connection options that pg_dump cannot receive through its environment are used only by pgdumpd's own connections");
        }
    }
    Ok(sources)
}

/// Demo mode: a throwaway cluster with `testdata/demo.sql`.
async fn start_demo() -> Result<(Cluster, ConnInfo)> {
    let (major, bin) = find_newest_server().context(
        "no database configured and no PostgreSQL server binaries found for a demo cluster; \
         install them with scripts/install-postgres.sh, or pass --database-url",
    )?;
    tracing::info!(major, bin = %bin.display(), "no database configured: starting a throwaway demo cluster");
    let bin2 = bin.clone();
    let cluster =
        tokio::task::spawn_blocking(move || Cluster::start(&bin2, &ClusterOptions::default()))
            .await??;
    cluster.create_database("demo").await?;
    cluster
        .execute("demo", include_str!("../testdata/demo.sql"))
        .await?;
    let info = cluster.conninfo("demo");
    Ok((cluster, info))
}

async fn serve(args: ServeArgs) -> Result<()> {
    init_logging(args.log_json);
    let addr = server::parse_host(&args.server_host).map_err(anyhow::Error::msg)?;
    server::check_listen_policy(
        addr,
        args.admin_secret.is_some(),
        args.allow_unauthenticated,
    )
    .map_err(anyhow::Error::msg)?;
    if args.admin_secret.is_none() {
        tracing::warn!(
            "NO ADMIN SECRET IS SET: every request is treated as admin and can dump the whole database. \
             Set --admin-secret / HASURA_GRAPHQL_ADMIN_SECRET"
        );
    }
    let pgdump_enabled = match &args.enabled_apis {
        Some(list) => parse_enabled_apis(list)
            .map_err(anyhow::Error::msg)?
            .contains("pgdump"),
        None => true,
    };
    let mut sources = collect_sources(&args)?;
    let mut demo = None;
    if sources.is_empty() {
        let (cluster, info) = start_demo().await?;
        sources.insert("default".into(), info);
        demo = Some(cluster);
    }
    let mut pg_dump_dirs = args.pg_dump_paths.clone();
    // pg_dump builds installed by scripts/install-postgres.sh are candidates too.
    if let Ok(entries) = std::fs::read_dir(pgdumpd::cluster::pg_home()) {
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path().join("bin").join("pg_dump"))
            .filter(|p| p.is_file())
            .collect();
        dirs.sort();
        pg_dump_dirs.extend(dirs);
    }
    let pg_dumps = PgDumpCatalog::discover(&pg_dump_dirs)
        .await
        .map_err(anyhow::Error::msg)?;
    if pg_dumps.binaries.is_empty() {
        tracing::warn!("no pg_dump found: every dump request will fail until one is installed");
    }

    let mut config = ServerConfig::new(sources, pg_dumps);
    config.admin_secret = args.admin_secret.clone();
    config.engine = args.engine;
    config.pgdump_enabled = pgdump_enabled;
    config.dump_timeout = args.dump_timeout;
    config.max_concurrent_dumps = args.max_concurrent_dumps.max(1);
    config.max_queued_dumps = args.max_queued_dumps;
    config.header_read_timeout = args.header_read_timeout;
    config.queue_timeout = args.queue_timeout;
    if let Some(dir) = &args.temp_dir {
        config.temp_dir = dir.clone();
    }
    for (name, info) in &config.sources {
        tracing::info!(source = %name, target = %info.redacted(), "source configured");
    }
    let state = AppState::new(config);
    let listener = tokio::net::TcpListener::bind((addr, args.server_port))
        .await
        .with_context(|| format!("cannot listen on {addr}:{}", args.server_port))?;
    let local = listener.local_addr()?;
    tracing::info!(address = %local, "pgdumpd listening");
    if demo.is_some() {
        let host = if addr.is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            local.ip().to_string()
        };
        eprintln!(
            "\nDemo ready. Try:\n\n  curl -s http://{host}:{}/v1alpha1/pg_dump -H 'Content-Type: application/json' \\\n    -d '{{\"opts\": [\"-O\", \"-x\", \"--schema-only\", \"--schema\", \"public\"], \"clean_output\": true}}'\n",
            local.port()
        );
    }
    server::serve(
        listener,
        state,
        server::shutdown_signal(),
        args.shutdown_timeout,
    )
    .await?;
    drop(demo);
    tracing::info!("pgdumpd stopped");
    Ok(())
}

/// `pgdumpd dump`: 0 when the dump was written, 1 on any error (pg_dump's convention).
fn dump_main(args: &[OsString]) -> ExitCode {
    let failed = |e: DumpError| {
        eprint!("{}", e.report());
        ExitCode::from(1)
    };
    let action = dump_cli::args_from_os(args).and_then(|args| {
        let env_engine = std::env::var("PGDUMPD_ENGINE").ok();
        dump_cli::parse_command_line(&args, env_engine.as_deref())
    });
    let request = match action {
        Ok(Action::Help) => {
            print!("{}", dump_cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Action::Version) => {
            println!("{}", dump_cli::version_line());
            return ExitCode::SUCCESS;
        }
        Ok(Action::Dump(request)) => request,
        Err(e) => return failed(e),
    };
    // Silent like pg_dump, unless asked for logs.
    if std::env::var_os("PGDUMPD_LOG").is_some() {
        init_logging(false);
    }
    // One dump on one thread: the connections' rows are read in turn on it (the servers do the
    // work), and the renderers start threads of their own. Less CPU and memory than a
    // thread per core (1,000 tables: 27.5 -> 26.4 MiB peak RSS).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: error: could not start: {e}", dump_cli::PROGRAM);
            return ExitCode::from(1);
        }
    };
    // Variables that are not Unicode cannot be libpq settings; they are skipped.
    let env: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    let result = runtime.block_on(dump_cli::run(&request, &env));
    runtime.shutdown_timeout(Duration::from_secs(5));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(e),
    }
}

fn main() -> ExitCode {
    // `dump` takes pg_dump's arguments verbatim: clap would read `--` itself.
    let raw: Vec<OsString> = std::env::args_os().collect();
    if raw.get(1).is_some_and(|a| a == "dump") {
        return dump_main(&raw[2..]);
    }
    let cli = Cli::parse();
    let args = match cli.command {
        Command::Serve(args) => args,
        Command::Dump(args) => return dump_main(&args.args),
    };
    let result = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| {
            let result = runtime.block_on(serve(*args));
            // Dropping the runtime cancels abandoned requests, which kills their pg_dump children.
            runtime.shutdown_timeout(Duration::from_secs(5));
            result
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // As `main() -> anyhow::Result` would print it.
            eprintln!("Error: {e:?}");
            ExitCode::FAILURE
        }
    }
}
