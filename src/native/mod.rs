//! The native engine: schema-only dumps rendered from the catalogs, byte-identical to pg_dump 18.
//! Pipeline: [`options`] (what it honours) → [`crate::catalog`] (one transaction, one query per
//! kind) → [`build`] (pg_dump's dumpable objects and dependencies) → [`crate::order`] (pg_dump's
//! sort) → [`entries`] (TOC entries per object) → [`crate::render::toc`] (the text).
//!
//! Whatever it cannot render is inventoried first: such a dump is refused with
//! [`NativeError::Unsupported`] listing the objects, and auto mode hands it to pg_dump.

pub mod build;
pub mod entries;
pub mod options;
pub mod select;

use rustc_hash::FxHashSet as HashSet;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use tokio_postgres::Client;

use crate::catalog::{self, CatalogError};
use crate::conninfo::ConnInfo;
use crate::model::{Catalog, Lookup, Unsupported};
use crate::order::{self, Boundaries};
use crate::render::quote::Quoting;
use crate::render::toc::{ArchiveOptions, PrintedToc, generate_restrict_key, print_archive};

pub use options::{NativeOptions, NotNative};

/// The pg_dump release whose output the native engine reproduces.
pub const MATCHES_PG_DUMP: &str = "18.4";

#[derive(Debug, thiserror::Error)]
pub enum NativeError {
    #[error("{0}")]
    Connect(#[from] crate::db::DbError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("the native engine cannot render {}", list(.0))]
    Unsupported(Vec<Unsupported>),
    #[error("{0}")]
    NotNative(#[from] NotNative),
    /// pg_dump's own fatal errors (e.g. no matching schemas), with its wording.
    #[error("{0}")]
    Fatal(String),
    #[error("could not order the objects: {0}")]
    Order(String),
    /// A query pg_dump runs as well failed (a lock refused or timed out): pg_dump's words.
    #[error("query failed: {message}")]
    QueryFailed { message: String, query: String },
    /// A panic while reading or rendering, caught: the dump is abandoned, pg_dump may serve it.
    #[error("the native engine failed: {0}")]
    Internal(String),
}

fn list(items: &[Unsupported]) -> String {
    let shown: Vec<String> = items
        .iter()
        .take(20)
        .map(|u| format!("{} {}", u.kind, u.name))
        .collect();
    let more = if items.len() > 20 {
        format!(" and {} more", items.len() - 20)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

impl NativeError {
    /// Whether pg_dump could still serve the request (auto mode falls back then).
    pub fn can_fall_back(&self) -> bool {
        matches!(
            self,
            NativeError::Unsupported(_)
                | NativeError::NotNative(_)
                | NativeError::Order(_)
                | NativeError::Internal(_)
        ) || matches!(self, NativeError::Catalog(CatalogError::ServerVersion(_)))
    }
}

/// Runs a native dump and returns the SQL text.
///
/// The connections are [`crate::db::Session`]s: when this future is dropped unfinished (the
/// client went away, the deadline passed, the server shuts down) their running queries are
/// cancelled on the server.
pub async fn dump(info: &ConnInfo, opts: &NativeOptions) -> Result<String, NativeError> {
    let session = crate::db::connect_session(info).await?;
    let client = session.client();
    let (version, version_text) = crate::db::server_version(client).await?;
    catalog::setup_session(client, version, opts.quote_all_identifiers).await?;
    // A panic in reading or rendering (a catalog row that changed under the dump, or our bug) is
    // an error like any other: never a dropped connection, never a half-rendered dump.
    let result = AssertUnwindSafe(async {
        let start = lock_then_snapshot(client, opts).await?;
        read_and_render(client, info, start, version, version_text, opts).await
    })
    .catch_unwind()
    .await
    .unwrap_or_else(|panic| Err(NativeError::Internal(panic_message(&panic))));
    let _ = client.batch_execute("ROLLBACK").await;
    session.finish();
    result
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panic".into())
}

/// How many times a dump re-reads the tables to lock, when tables appear or vanish between
/// reading the list and holding the locks, before it gives up.
const LOCK_ATTEMPTS: usize = 5;

/// The dump's transaction once its tables are locked: its snapshot (when it could be exported)
/// and what it read to know what to lock.
struct Start {
    snapshot: Option<String>,
    database: String,
    std_strings: bool,
    namespaces: Vec<crate::model::Namespace>,
    sel: build::Selection,
    /// The tables the main connection locked, quoted and qualified.
    locked: Vec<String>,
}

/// Opens the dump's transaction with the dumped tables locked *before* its snapshot is taken.
///
/// pg_dump reads the tables in its snapshot and locks them afterwards: a table altered in
/// between is read half from the snapshot and half from the current catalogs (the deparsing
/// functions read the latter). Here the list is read first, outside the transaction; the locks
/// are taken as the transaction's first statements (LOCK needs no snapshot); the snapshot comes
/// with the next query; and the tables the snapshot says to dump must all be locked, or it
/// starts again. A table dropped in between fails its lock and starts it again too. Once this
/// returns, no dumped table can change until the dump ends.
async fn lock_then_snapshot(client: &Client, opts: &NativeOptions) -> Result<Start, NativeError> {
    let q = |query: &'static str| move |source| CatalogError::Query { query, source };
    let quoting = Quoting {
        quote_all: opts.quote_all_identifiers,
    };
    let row = client
        .query_one(
            "SELECT pg_catalog.current_database() AS db, pg_catalog.current_setting('standard_conforming_strings') AS std, pg_catalog.current_setting('server_encoding') AS enc",
            &[],
        )
        .await
        .map_err(q("server settings"))?;
    let database: String = row.get("db");
    let std_strings = row.get::<_, String>("std") == "on";
    // pg_dump writes a dump in the database's encoding (without -E), and sorts names as its
    // bytes; the native engine writes and sorts UTF-8 only.
    let encoding: String = row.get("enc");
    if encoding != "UTF8" {
        return Err(NativeError::Unsupported(vec![crate::model::Unsupported {
            kind: "DATABASE ENCODING".into(),
            name: encoding,
        }]));
    }
    let mut export = true;
    let mut attempt = 0;
    while attempt < LOCK_ATTEMPTS {
        attempt += 1;
        // The tables to lock, as they are now.
        let namespaces = catalog::load_namespaces(client).await?;
        let sel = select::resolve(client, &database, opts).await?;
        let tables = catalog::load_tables_to_lock(client).await?;
        let planned = tables_to_lock(
            &namespaces,
            &sel,
            tables.iter().map(|t| (t.oid, t.nsp_oid, t.relkind)),
        );
        let planned: HashSet<u32> = planned.into_iter().collect();
        let names: Vec<String> = tables
            .iter()
            .filter(|t| planned.contains(&t.oid))
            .map(|t| quoting.qualified(&t.nsp_name, &t.name))
            .collect();
        catalog::begin_transaction(client).await?;
        match lock(client, &names, opts).await {
            Err(e) if e.is_vanished_table() => {
                tracing::debug!(attempt, error = %e, "a table to lock is gone; reading them again");
                rollback(client).await?;
                continue;
            }
            Err(CatalogError::Lock { statement, source }) => {
                return Err(NativeError::QueryFailed {
                    message: libpq_message(&source),
                    query: statement,
                });
            }
            other => other?,
        }
        // The snapshot is taken here, after the locks.
        let snapshot = if export {
            match catalog::export_snapshot(client).await {
                Ok(id) => Some(id),
                Err(e) => {
                    tracing::debug!(error = %e, "no exported snapshot; reading the catalogs on one connection");
                    export = false;
                    attempt -= 1;
                    rollback(client).await?;
                    continue;
                }
            }
        } else {
            None
        };
        let namespaces = catalog::load_namespaces(client).await?;
        let sel = select::resolve(client, &database, opts).await?;
        let tables = catalog::load_tables_to_lock(client).await?;
        let wanted = tables_to_lock(
            &namespaces,
            &sel,
            tables.iter().map(|t| (t.oid, t.nsp_oid, t.relkind)),
        );
        let held = catalog::load_held_locks(client).await?;
        if wanted.iter().all(|oid| held.contains(oid)) {
            return Ok(Start {
                snapshot,
                database,
                std_strings,
                namespaces,
                sel,
                locked: names,
            });
        }
        tracing::debug!(
            attempt,
            "tables appeared while they were being locked; locking again"
        );
        rollback(client).await?;
    }
    Err(NativeError::Catalog(CatalogError::Unstable(LOCK_ATTEMPTS)))
}

async fn rollback(client: &Client) -> Result<(), CatalogError> {
    client
        .batch_execute("ROLLBACK")
        .await
        .map_err(|source| CatalogError::Query {
            query: "ROLLBACK",
            source,
        })
}

/// Takes the ACCESS SHARE locks, within `--lock-wait-timeout` when given (pg_dump sets
/// statement_timeout around its LOCK statements).
async fn lock(client: &Client, names: &[String], opts: &NativeOptions) -> Result<(), CatalogError> {
    let q = |query: &'static str| move |source| CatalogError::Query { query, source };
    if let Some(timeout) = &opts.lock_wait_timeout {
        client
            .batch_execute(&format!(
                "SET statement_timeout = {}",
                crate::render::quote::string_literal(timeout, true)
            ))
            .await
            .map_err(q("lock wait timeout"))?;
    }
    catalog::lock_tables(client, names, false).await?;
    if opts.lock_wait_timeout.is_some() {
        client
            .batch_execute("SET statement_timeout = 0")
            .await
            .map_err(q("lock wait timeout"))?;
    }
    Ok(())
}

/// The schemas whose contents the selection dumps.
fn dumped_namespaces(
    namespaces: &[crate::model::Namespace],
    sel: &build::Selection,
) -> HashSet<u32> {
    namespaces
        .iter()
        .filter(|n| build::select_namespace(&n.name, n.oid, n.owner_oid, sel).1)
        .map(|n| n.oid)
        .collect()
}

/// The plain and partitioned tables pg_dump locks: those of the selection, in catalog order.
fn tables_to_lock(
    namespaces: &[crate::model::Namespace],
    sel: &build::Selection,
    tables: impl Iterator<Item = (u32, u32, char)>,
) -> Vec<u32> {
    let contents_dumped = dumped_namespaces(namespaces, sel);
    tables
        .filter(|&(oid, nsp, relkind)| {
            matches!(relkind, 'r' | 'p') && sel.table_selected(oid, contents_dumped.contains(&nsp))
        })
        .map(|(oid, _, _)| oid)
        .collect()
}

/// The relations whose details (column defaults, indexes, constraints, triggers, rules,
/// policies) are deparsed: those the selection may dump, the tables owning their sequences and
/// their parents — a superset of pg_dump's "interesting" tables, the only ones whose details it
/// reads. Deparsing others would only cost time, and fail when DDL drops them meanwhile (they
/// are not locked). `None`: every relation.
fn relations_to_read(
    namespaces: &[crate::model::Namespace],
    sel: &build::Selection,
    relations: &[crate::model::Relation],
) -> Option<Vec<i64>> {
    let contents_dumped = dumped_namespaces(namespaces, sel);
    let selected = |r: &&crate::model::Relation| {
        sel.table_selected(r.oid, contents_dumped.contains(&r.nsp_oid))
    };
    if relations.iter().all(|r| selected(&r)) {
        return None;
    }
    let mut wanted = HashSet::default();
    for r in relations.iter().filter(selected) {
        wanted.insert(r.oid);
        if r.owning_table != 0 {
            wanted.insert(r.owning_table);
        }
        wanted.extend(r.parents.iter().copied());
    }
    let mut wanted: Vec<i64> = wanted.into_iter().map(i64::from).collect();
    wanted.sort_unstable();
    Some(wanted)
}

/// The server's error as libpq words it (`PQerrorMessage`, which pg_dump prints).
fn libpq_message(source: &tokio_postgres::Error) -> String {
    match source.as_db_error() {
        Some(db) => {
            let mut m = format!("{}:  {}", db.severity(), db.message());
            if let Some(detail) = db.detail() {
                m.push_str(&format!("\nDETAIL:  {detail}"));
            }
            if let Some(hint) = db.hint() {
                m.push_str(&format!("\nHINT:  {hint}"));
            }
            m
        }
        None => crate::db::describe(source),
    }
}

/// The TOC entries of the sorted objects, in their order. Each object's entries depend only on
/// the catalog and the graph, so the list is cut in one slice per core and the slices are
/// rendered at once on their own threads (a quarter of the client's time at 10,000 tables).
fn build_toc(
    ctx: &entries::Ctx,
    objs: &build::Objects,
    sorted: &[order::DumpId],
    archive: &ArchiveOptions,
    no_privileges: bool,
) -> Vec<PrintedToc> {
    let entries_of = |ids: &[order::DumpId]| {
        let mut toc = PrintedToc::new();
        for &id in ids {
            if matches!(objs.target(id), build::Target::Namespace(_)) || objs.is_dumped(id) {
                for e in entries::entries_for(ctx, objs, id) {
                    toc.push(e, archive);
                }
            } else if objs.acl_only[id - 1] && !no_privileges {
                for e in entries::entries_for(ctx, objs, id)
                    .into_iter()
                    .filter(|e| e.desc == "ACL")
                {
                    toc.push(e, archive);
                }
            }
        }
        toc.shrink_to_fit();
        toc
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    // Small dumps are not worth a thread.
    if threads < 2 || sorted.len() < 2_000 {
        return vec![entries_of(sorted)];
    }
    // Small slices handed out in turn keep every thread busy to the end (objects differ
    // widely in how much there is to print).
    let slices: Vec<&[order::DumpId]> = sorted.chunks(1_024).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parts: Vec<(usize, PrintedToc)> = std::thread::scope(|scope| {
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(ids) = slices.get(i) else {
                    return done;
                };
                done.push((i, entries_of(ids)));
            }
        };
        // This thread is one of the workers (its allocator arena holds what was just freed).
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = work();
        for handle in handles {
            match handle.join() {
                Ok(done) => parts.extend(done),
                // A panic in a slice is the dump's panic (caught and reported by `dump`).
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
    });
    parts.sort_unstable_by_key(|(i, _)| *i);
    parts.into_iter().map(|(_, part)| part).collect()
}

/// Opens a helper connection in the dump's snapshot; `None` when it cannot (its queries then
/// run on the other connections).
///
/// Some deparsing functions (pg_get_indexdef, pg_get_expr, pg_get_constraintdef of a CHECK,
/// pg_get_viewdef) take an ACCESS SHARE lock on the tables they read. A helper asking for one
/// while a DDL statement waits for the main connection's lock would queue behind that statement
/// forever; so a helper that runs them (`locks`) first takes the main connection's locks with
/// NOWAIT, and is left out if it cannot. A helper without locks runs only queries that read
/// catalogs and never open a table.
async fn open_helper(
    info: ConnInfo,
    version: u32,
    quote_all_identifiers: bool,
    snapshot: String,
    locks: Option<Vec<String>>,
) -> Option<crate::db::Session> {
    let session = crate::db::connect_session(&info)
        .await
        .map_err(|e| tracing::debug!(error = %e, "helper connection failed"))
        .ok()?;
    catalog::begin_in_snapshot(session.client(), version, quote_all_identifiers, &snapshot)
        .await
        .map_err(|e| tracing::debug!(error = %e, "helper connection could not join the snapshot"))
        .ok()?;
    if let Some(locks) = locks {
        catalog::lock_tables(session.client(), &locks, true)
            .await
            .map_err(|e| tracing::debug!(error = %e, "helper connection could not lock at once"))
            .ok()?;
    }
    Some(session)
}

/// Starts opening a helper on its own task.
fn spawn_helper(
    info: &ConnInfo,
    version: u32,
    opts: &NativeOptions,
    snapshot: &Option<String>,
    locks: Option<Vec<String>>,
) -> futures::future::RemoteHandle<Option<crate::db::Session>> {
    let (task, handle) = match snapshot {
        Some(snapshot) => open_helper(
            info.clone(),
            version,
            opts.quote_all_identifiers,
            snapshot.clone(),
            locks,
        )
        .boxed(),
        None => async { None }.boxed(),
    }
    .remote_handle();
    tokio::spawn(task);
    handle
}

async fn read_and_render(
    client: &Client,
    info: &ConnInfo,
    start: Start,
    version: u32,
    version_text: String,
    opts: &NativeOptions,
) -> Result<String, NativeError> {
    let Start {
        snapshot,
        database,
        std_strings,
        namespaces,
        sel,
        locked,
    } = start;
    // Three connections share the reading: this one, a helper holding the same locks for the
    // deparsing, and a helper for the catalogs that need no locks, which starts at once.
    let free_helper = spawn_helper(info, version, opts, &snapshot, None);
    let (wanted_tx, wanted_rx) = tokio::sync::oneshot::channel();
    let locked_helper = spawn_helper(info, version, opts, &snapshot, Some(locked));
    let quoting = Quoting {
        quote_all: opts.quote_all_identifiers,
    };
    // Catalog reads that never open a table.
    let on_free = async {
        let helper = free_helper.await;
        let c = helper.as_ref().map_or(client, crate::db::Session::client);
        let more = Catalog {
            dependencies: catalog::load_dependencies(c).await?,
            types: catalog::load_types(c).await?,
            comments: if opts.no_comments {
                Vec::new()
            } else {
                catalog::load_comments(c).await?
            },
            base_types: catalog::load_base_types(c, version).await?,
            extension_members: catalog::load_extension_members(c).await?,
            default_acls: catalog::load_default_acls(c).await?,
            aggregates: catalog::load_aggregates(c).await?,
            operators: catalog::load_operators(c).await?,
            ranges: catalog::load_ranges(c, version).await?,
            casts: catalog::load_casts(c, version).await?,
            collations: catalog::load_collations(c, version).await?,
            event_triggers: catalog::load_event_triggers(c).await?,
            foreign_data_wrappers: catalog::load_foreign_data_wrappers(c).await?,
            foreign_servers: catalog::load_foreign_servers(c).await?,
            foreign_tables: catalog::load_foreign_tables(c).await?,
            text_search: catalog::load_text_search(c).await?,
            conversions: catalog::load_conversions(c).await?,
            access_methods: catalog::load_access_methods(c).await?,
            ..Default::default()
        };
        let mut inventory = catalog::load_unsupported(c).await?;
        // Column defaults are deparsed without opening their tables; which tables' are
        // deparsed is known once the relations are read.
        let wanted = wanted_rx
            .await
            .map_err(|_| NativeError::Internal("the relations to read were never known".into()))?;
        let (columns, system_grants) = catalog::load_columns(c, version, &wanted).await?;
        inventory.extend(system_grants);
        if let Some(helper) = helper {
            // Its transaction ends with its connection.
            helper.finish();
        }
        Ok::<_, NativeError>((more, inventory, columns))
    };
    // The relations, then their details, read once the locks are held (the deparsing
    // functions read the current catalogs, not the snapshot).
    let on_relations = async {
        let relations = catalog::load_relations(client).await?;
        let extensions = catalog::load_extensions(client).await?;
        // A selected system schema or table: pg_dump's to dump.
        let unreadable = select::unreadable_selection(&namespaces, &relations, &sel);
        if !unreadable.is_empty() {
            return Err(NativeError::Unsupported(unreadable));
        }
        let wanted = relations_to_read(&namespaces, &sel, &relations);
        let _ = wanted_tx.send(wanted.clone());
        let helper = locked_helper.await;
        let c = helper.as_ref().map_or(client, crate::db::Session::client);
        // The deparsing is shared so that both connections end at about the same time (the
        // constraints and index predicates take about as long as all the rest).
        let on_main = async {
            let indexes = catalog::load_indexes(client, version, &wanted).await?;
            let triggers = catalog::load_triggers(client, version, &wanted).await?;
            let rules = catalog::load_rules(client, &wanted).await?;
            // SQL-standard bodies are deparsed, and that opens the tables they name.
            let functions = catalog::load_functions(client, version).await?;
            let views = catalog::load_view_definitions(client, &wanted).await?;
            let statistics = catalog::load_statistics(client, &wanted).await?;
            // --no-policies: pg_dump reads no policies at all, so no ROW SECURITY entries either.
            let policies = if opts.no_policies {
                Vec::new()
            } else {
                catalog::load_policies(client, &wanted).await?
            };
            // --no-publications: pg_dump reads none at all.
            let publications = if opts.no_publications {
                Vec::new()
            } else {
                catalog::load_publications(client, version).await?
            };
            let generated = catalog::load_generated_columns(client, &wanted).await?;
            Ok::<_, CatalogError>((
                (indexes, triggers, rules, functions),
                (views, statistics, policies, publications, generated),
            ))
        };
        let on_locked = async {
            let constraints = catalog::load_constraints(c, version, &wanted).await?;
            let predicates = catalog::load_index_predicates(c, &wanted).await?;
            Ok::<_, CatalogError>((constraints, predicates))
        };
        let (main, locked) = tokio::try_join!(on_main, on_locked)?;
        if let Some(helper) = helper {
            helper.finish();
        }
        Ok::<_, NativeError>((relations, extensions, main, locked))
    };
    let (
        (more, inventory, columns),
        (
            mut relations,
            extensions,
            (
                (mut indexes, triggers, rules, functions),
                (views, statistics, policies, publications, generated),
            ),
            (constraints, predicates),
        ),
    ) = tokio::try_join!(on_free, on_relations)?;
    catalog::attach_columns(&mut relations, columns);
    catalog::attach_generated_columns(&mut relations, generated);
    catalog::attach_view_definitions(&mut relations, views);
    let mut constraints = constraints;
    catalog::finish_plain_constraints(&mut constraints, &relations, &quoting, std_strings)
        .map_err(NativeError::Internal)?;
    catalog::finish_plain_indexes(&mut indexes, predicates).map_err(NativeError::Internal)?;
    // The lock-free helper's catalogs, with what the other two connections read.
    let mut cat = Catalog {
        server_version_num: version,
        server_version: version_text,
        database,
        std_strings,
        namespaces,
        functions,
        extensions,
        statistics,
        publications,
        relations,
        constraints,
        indexes,
        triggers,
        rules,
        policies,
        ..more
    };

    let lookup = Lookup::new(&cat);
    let mut objs = build::build(&cat, &lookup, &sel, !opts.no_policies);
    if opts.dumps_data && opts.sections.post_data {
        build::add_matview_refreshes(&mut objs, &cat, &lookup);
    }
    let mut unsupported = build::unsupported_in_dump(&inventory, &objs, &sel, opts.no_privileges);
    unsupported.extend(build::depends_on_extension(&cat.dependencies, &objs));
    for c in entries::unrendered_comments(&cat, &lookup) {
        unsupported.push(Unsupported {
            kind: "COMMENT".into(),
            name: c,
        });
    }
    if !unsupported.is_empty() {
        return Err(NativeError::Unsupported(unsupported));
    }
    // Read only to build the graph (300,000 rows at 10,000 tables).
    cat.dependencies = Vec::new();
    cat.extension_members = Vec::new();

    let initial = order::sort_by_type_name(&objs.graph);
    let (pre, post) = (objs.pre_boundary, objs.post_boundary);
    let mut warnings = Vec::new();
    let dumped = objs.dump.clone();
    let mut shells = Vec::new();
    let sorted = order::sort_dumpable_objects(
        &mut objs.graph,
        &initial,
        pre,
        post,
        &mut |g, members, b: Boundaries| {
            let kind = order::repair_dependency_loop(g, members, b);
            // The graph is repaired; what the repair means for the printed objects is ours to mark.
            let mark_separate = |g: &mut order::Graph, id: order::DumpId| {
                if let Some(n) = g.node_mut(id) {
                    n.flags.separate = true;
                }
            };
            match kind {
                order::LoopKind::TableAttrDefMulti { attrdef, .. } => mark_separate(g, attrdef),
                order::LoopKind::TableCheckMulti { constraint, .. } => mark_separate(g, constraint),
                order::LoopKind::ViewRuleMulti { rule, .. } => mark_separate(g, rule),
                // A base type and its I/O function, neither of them dumped (an extension's
                // type): the graph repair is all there is to it.
                // repairTypeFuncLoop: the shell type is dumped when a dumped function needs it.
                order::LoopKind::TypeFunc {
                    func,
                    shell_type: Some(shell),
                    ..
                } if dumped[func - 1] => shells.push(shell),
                order::LoopKind::TypeFunc { func, .. } if !dumped[func - 1] => {}
                // repairMatViewBoundaryMultiLoop: a matview after the boundary has its
                // definition postponed to post-data (postponed_def, kept as `separate` on the
                // matview's node); any other member needs nothing.
                order::LoopKind::MatViewBoundaryMulti { next, .. }
                    if g.node(next).is_some_and(|n| {
                        n.obj_type == order::ObjType::Table && n.flags.relkind == Some('m')
                    }) =>
                {
                    mark_separate(g, next)
                }
                order::LoopKind::MatViewBoundaryMulti { .. } => {}
                order::LoopKind::TypeFunc { .. }
                | order::LoopKind::FunctionBoundaryMulti { .. }
                | order::LoopKind::DomainConstraintMulti { .. } => {
                    warnings.push(format!("{kind:?} (not rendered natively yet)"));
                }
                _ => {}
            }
            if kind.is_warning() {
                warnings.push(format!("{kind:?}"));
            }
        },
    )
    .map_err(|e| NativeError::Order(e.to_string()))?;
    for shell in shells {
        objs.dump[shell - 1] = true;
    }
    if !warnings.is_empty() {
        // pg_dump only warns here; our output would still match, but say so rather than guess.
        return Err(NativeError::Order(format!(
            "unresolved dependency loops: {}",
            warnings.join("; ")
        )));
    }

    // The renderers read only the nodes' flags; the graph is freed while they work.
    let graph = objs.finish_sort();
    let freeing = std::thread::spawn(move || drop(graph));
    let archive = ArchiveOptions {
        server_version: cat.server_version.clone(),
        dumped_by: format!(
            "pgdumpd {} (native engine, output of pg_dump version {MATCHES_PG_DUMP})",
            env!("CARGO_PKG_VERSION")
        ),
        restrict_key: opts
            .restrict_key
            .clone()
            .unwrap_or_else(generate_restrict_key),
        std_strings: cat.std_strings,
        no_owner: opts.no_owner,
        no_tablespaces: opts.no_tablespaces,
        no_table_access_method: opts.no_table_access_method,
        clean: opts.clean,
        if_exists: opts.if_exists,
        pre_data: opts.sections.pre_data,
        post_data: opts.sections.post_data,
        quoting,
    };
    let ctx = entries::Ctx::new(&cat, &lookup, quoting, opts.no_comments, opts.no_privileges);
    let toc = build_toc(&ctx, &objs, &sorted, &archive, opts.no_privileges);
    // A panic while freeing would be our bug; the dump is complete either way.
    let _ = freeing.join();
    let acl_errors = ctx.take_acl_errors();
    if !acl_errors.is_empty() {
        return Err(NativeError::Fatal(format!(
            "could not parse ACL list: {}",
            acl_errors.join("; ")
        )));
    }
    // The printed TOC is all that is left to print from: the catalog and the objects go first,
    // so that their memory (the larger part at 10,000 tables) is back with the allocator when
    // the output is allocated.
    drop(ctx);
    drop((objs, lookup, cat));
    Ok(print_archive(&toc, &archive))
}
