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

use tokio_postgres::Client;

use crate::catalog::{self, CatalogError};
use crate::conninfo::ConnInfo;
use crate::model::{Catalog, Lookup, Unsupported};
use crate::order::{self, Boundaries};
use crate::render::quote::Quoting;
use crate::render::toc::{ArchiveOptions, generate_restrict_key, print_archive};

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
            NativeError::Unsupported(_) | NativeError::NotNative(_) | NativeError::Order(_)
        ) || matches!(self, NativeError::Catalog(CatalogError::ServerVersion(_)))
    }
}

/// A simple schema pattern (no wildcards or quotes) as pg_dump folds it; others are not native.
fn simple_pattern(p: &str) -> Result<String, NotNative> {
    if p.is_empty()
        || p.contains([
            '*', '?', '"', '.', '[', ']', '(', ')', '|', '+', '^', '$', '\\',
        ])
    {
        return Err(NotNative::Option(
            "schema (pattern with wildcards or quotes)".into(),
        ));
    }
    Ok(p.to_lowercase())
}

/// Runs a native dump and returns the SQL text.
pub async fn dump(info: &ConnInfo, opts: &NativeOptions) -> Result<String, NativeError> {
    let include: Vec<String> = opts
        .schemas
        .iter()
        .map(|p| simple_pattern(p))
        .collect::<Result<_, _>>()?;
    let exclude: Vec<String> = opts
        .exclude_schemas
        .iter()
        .map(|p| simple_pattern(p))
        .collect::<Result<_, _>>()?;
    let client = crate::db::connect(info).await?;
    let (version, version_text) = crate::db::server_version(&client).await?;
    catalog::begin(&client, version, opts.quote_all_identifiers).await?;
    let result = read_and_render(&client, version, version_text, opts, &include, &exclude).await;
    let _ = client.batch_execute("ROLLBACK").await;
    result
}

async fn read_and_render(
    client: &Client,
    version: u32,
    version_text: String,
    opts: &NativeOptions,
    include: &[String],
    exclude: &[String],
) -> Result<String, NativeError> {
    let q = |query: &'static str| move |source| CatalogError::Query { query, source };
    let row = client
        .query_one(
            "SELECT pg_catalog.current_database() AS db, pg_catalog.current_setting('standard_conforming_strings') AS std",
            &[],
        )
        .await
        .map_err(q("server settings"))?;
    let mut cat = Catalog {
        server_version_num: version,
        server_version: version_text,
        database: row.get("db"),
        std_strings: row.get::<_, String>("std") == "on",
        ..Default::default()
    };
    cat.extensions = catalog::load_extensions(client).await?;
    cat.namespaces = catalog::load_namespaces(client).await?;
    let mut sel = build::Selection::default();
    for p in include {
        let found: Vec<u32> = cat
            .namespaces
            .iter()
            .filter(|n| &n.name == p)
            .map(|n| n.oid)
            .collect();
        if found.is_empty() && (opts.strict_names || include.len() == 1) {
            return Err(NativeError::Fatal(format!(
                "no matching schemas were found for pattern \"{p}\""
            )));
        }
        sel.include_schemas.extend(found);
    }
    if !include.is_empty() && sel.include_schemas.is_empty() {
        return Err(NativeError::Fatal("no matching schemas were found".into()));
    }
    for p in exclude {
        sel.exclude_schemas.extend(
            cat.namespaces
                .iter()
                .filter(|n| &n.name == p)
                .map(|n| n.oid),
        );
    }
    let mut relations = catalog::load_relations(client).await?;
    // Lock the tables of the dumped schemas before reading anything about them (getTables).
    let quoting = Quoting {
        quote_all: opts.quote_all_identifiers,
    };
    let dumped_nsp = |oid: u32| {
        let n = cat.namespaces.iter().find(|n| n.oid == oid);
        n.is_some_and(|n| {
            let name = n.name.as_str();
            let listed = sel.include_schemas.is_empty() || sel.include_schemas.contains(&oid);
            listed
                && !sel.exclude_schemas.contains(&oid)
                && !name.starts_with("pg_")
                && name != "information_schema"
        })
    };
    if let Some(timeout) = &opts.lock_wait_timeout {
        client
            .batch_execute(&format!(
                "SET statement_timeout = {}",
                crate::render::quote::string_literal(timeout, true)
            ))
            .await
            .map_err(q("lock wait timeout"))?;
    }
    let to_lock: Vec<String> = relations
        .iter()
        .filter(|r| matches!(r.relkind, 'r' | 'p') && dumped_nsp(r.nsp_oid))
        .map(|r| {
            let nsp = cat
                .namespaces
                .iter()
                .find(|n| n.oid == r.nsp_oid)
                .map(|n| n.name.as_str())
                .unwrap_or("");
            quoting.qualified(nsp, &r.name)
        })
        .collect();
    catalog::lock_tables(client, &to_lock).await?;
    if opts.lock_wait_timeout.is_some() {
        client
            .batch_execute("SET statement_timeout = 0")
            .await
            .map_err(q("lock wait timeout"))?;
    }
    catalog::load_columns(client, version, &mut relations).await?;
    cat.relations = relations;
    cat.functions = catalog::load_functions(client, version).await?;
    cat.types = catalog::load_types(client).await?;
    cat.constraints = catalog::load_constraints(client).await?;
    cat.indexes = catalog::load_indexes(client).await?;
    cat.triggers = catalog::load_triggers(client).await?;
    cat.rules = catalog::load_rules(client).await?;
    cat.aggregates = catalog::load_aggregates(client).await?;
    cat.operators = catalog::load_operators(client).await?;
    cat.ranges = catalog::load_ranges(client, version).await?;
    cat.base_types = catalog::load_base_types(client, version).await?;
    cat.casts = catalog::load_casts(client, version).await?;
    cat.collations = catalog::load_collations(client, version).await?;
    cat.event_triggers = catalog::load_event_triggers(client).await?;
    cat.foreign_data_wrappers = catalog::load_foreign_data_wrappers(client).await?;
    cat.foreign_servers = catalog::load_foreign_servers(client).await?;
    cat.foreign_tables = catalog::load_foreign_tables(client).await?;
    cat.text_search = catalog::load_text_search(client).await?;
    cat.conversions = catalog::load_conversions(client).await?;
    // --no-publications: pg_dump reads none at all.
    if !opts.no_publications {
        cat.publications = catalog::load_publications(client, version).await?;
    }
    // --no-policies: pg_dump reads no policies at all, so no ROW SECURITY entries either.
    if !opts.no_policies {
        cat.policies = catalog::load_policies(client).await?;
    }
    cat.default_acls = catalog::load_default_acls(client).await?;
    cat.comments = if opts.no_comments {
        Vec::new()
    } else {
        catalog::load_comments(client).await?
    };
    cat.dependencies = catalog::load_dependencies(client).await?;
    cat.extension_members = catalog::load_extension_members(client).await?;
    let inventory = catalog::load_unsupported(client).await?;

    let lookup = Lookup::new(&cat);
    let mut objs = build::build(&cat, &lookup, &sel, !opts.no_policies);
    let mut unsupported = build::unsupported_in_dump(&inventory, &objs, &sel);
    if !opts.no_privileges {
        unsupported.extend(member_acl_changes(&cat));
    }
    for c in entries::unrendered_comments(&cat) {
        unsupported.push(Unsupported {
            kind: "COMMENT".into(),
            name: c,
        });
    }
    if !unsupported.is_empty() {
        return Err(NativeError::Unsupported(unsupported));
    }

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
                order::LoopKind::TypeFunc { .. }
                | order::LoopKind::MatViewBoundaryMulti { .. }
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

    let ctx = entries::Ctx::new(&cat, &lookup, quoting, opts.no_comments, opts.no_privileges);
    let mut toc = Vec::new();
    for id in sorted {
        if matches!(objs.target(id), build::Target::Namespace(_)) || objs.is_dumped(id) {
            toc.extend(entries::entries_for(&ctx, &objs, id));
        }
    }
    let acl_errors = ctx.acl_errors.borrow().clone();
    if !acl_errors.is_empty() {
        return Err(NativeError::Fatal(format!(
            "could not parse ACL list: {}",
            acl_errors.join("; ")
        )));
    }
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
    Ok(print_archive(&toc, &archive))
}

/// Extension members whose privileges were changed after the extension created them: pg_dump
/// prints GRANT/REVOKE for those even though it leaves the members out; the native engine does
/// not yet, so such a dump goes to pg_dump.
fn member_acl_changes(cat: &Catalog) -> Vec<Unsupported> {
    let members: std::collections::HashSet<u32> =
        cat.extension_members.iter().map(|(o, _)| *o).collect();
    let changed = |acl: &Option<String>, init: &Option<String>| init.is_some() && acl != init;
    let mut out = Vec::new();
    for r in cat.relations.iter().filter(|r| members.contains(&r.oid)) {
        if changed(&r.acl, &r.init_acl) || r.columns.iter().any(|c| c.acl != c.init_acl) {
            out.push(Unsupported {
                kind: "EXTENSION MEMBER PRIVILEGES".into(),
                name: r.name.clone(),
            });
        }
    }
    for f in cat.functions.iter().filter(|f| members.contains(&f.oid)) {
        if changed(&f.acl, &f.init_acl) {
            out.push(Unsupported {
                kind: "EXTENSION MEMBER PRIVILEGES".into(),
                name: f.name.clone(),
            });
        }
    }
    for a in cat.aggregates.iter().filter(|a| members.contains(&a.oid)) {
        if changed(&a.acl, &a.init_acl) {
            out.push(Unsupported {
                kind: "EXTENSION MEMBER PRIVILEGES".into(),
                name: a.name.clone(),
            });
        }
    }
    for w in cat
        .foreign_data_wrappers
        .iter()
        .filter(|w| members.contains(&w.oid))
    {
        if changed(&w.acl, &w.init_acl) {
            out.push(Unsupported {
                kind: "EXTENSION MEMBER PRIVILEGES".into(),
                name: w.name.clone(),
            });
        }
    }
    for t in cat.types.iter().filter(|t| members.contains(&t.oid)) {
        if changed(&t.acl, &t.init_acl) {
            out.push(Unsupported {
                kind: "EXTENSION MEMBER PRIVILEGES".into(),
                name: t.name.clone(),
            });
        }
    }
    out
}
