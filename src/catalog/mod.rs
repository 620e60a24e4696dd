//! Reading the catalogs for a native dump: pg_dump's session settings, one REPEATABLE READ, READ
//! ONLY transaction, ACCESS SHARE locks on the dumped tables, and one query per object kind (the
//! SQL lives in `sql/`), whatever the number of objects.

use futures::TryStreamExt;
use postgres_types::FromSql;
use rustc_hash::{FxHashMap, FxHashSet as HashSet};
use tokio_postgres::{Client, Row};

use crate::model::*;
use crate::render::index_def::PlainIndex;

/// Every catalog query, by file name (`sql/*.sql`), so the whole set is visible in one place.
pub mod sql {
    pub const SESSION: &str = include_str!("../../sql/session.sql");
    pub const NAMESPACES: &str = include_str!("../../sql/namespaces.sql");
    pub const TYPES: &str = include_str!("../../sql/types.sql");
    pub const FUNCTIONS: &str = include_str!("../../sql/functions.sql");
    pub const TABLES: &str = include_str!("../../sql/tables.sql");
    pub const COLUMNS: &str = include_str!("../../sql/columns.sql");
    pub const CONSTRAINTS: &str = include_str!("../../sql/constraints.sql");
    pub const INDEXES: &str = include_str!("../../sql/indexes.sql");
    pub const TRIGGERS: &str = include_str!("../../sql/triggers.sql");
    pub const RULES: &str = include_str!("../../sql/rules.sql");
    pub const COMMENTS: &str = include_str!("../../sql/comments.sql");
    pub const DEPEND: &str = include_str!("../../sql/depend.sql");
    pub const UNSUPPORTED: &str = include_str!("../../sql/unsupported.sql");
    pub const EXTENSION_MEMBERS: &str = include_str!("../../sql/extension_members.sql");
    pub const EXTENSIONS: &str = include_str!("../../sql/extensions.sql");
    pub const POLICIES: &str = include_str!("../../sql/policies.sql");
    pub const DEFAULT_ACLS: &str = include_str!("../../sql/default_acls.sql");
    pub const SCHEMA_PATTERNS: &str = include_str!("../../sql/schema_patterns.sql");
    pub const TABLE_PATTERNS: &str = include_str!("../../sql/table_patterns.sql");
    pub const EXTENSION_PATTERNS: &str = include_str!("../../sql/extension_patterns.sql");
    pub const AGGREGATES: &str = include_str!("../../sql/aggregates.sql");
    pub const OPERATORS: &str = include_str!("../../sql/operators.sql");
    pub const RANGES: &str = include_str!("../../sql/ranges.sql");
    pub const BASE_TYPES: &str = include_str!("../../sql/base_types.sql");
    pub const CASTS: &str = include_str!("../../sql/casts.sql");
    pub const COLLATIONS: &str = include_str!("../../sql/collations.sql");
    pub const EVENT_TRIGGERS: &str = include_str!("../../sql/event_triggers.sql");
    pub const FOREIGN_DATA_WRAPPERS: &str = include_str!("../../sql/foreign_data_wrappers.sql");
    pub const FOREIGN_SERVERS: &str = include_str!("../../sql/foreign_servers.sql");
    pub const FOREIGN_TABLES: &str = include_str!("../../sql/foreign_tables.sql");
    pub const TEXT_SEARCH: &str = include_str!("../../sql/text_search.sql");
    pub const CONVERSIONS: &str = include_str!("../../sql/conversions.sql");
    pub const PUBLICATIONS: &str = include_str!("../../sql/publications.sql");
    pub const TABLES_TO_LOCK: &str = include_str!("../../sql/tables_to_lock.sql");
    pub const HELD_LOCKS: &str = include_str!("../../sql/held_locks.sql");
    pub const STATISTICS: &str = include_str!("../../sql/statistics.sql");
    pub const ACCESS_METHODS: &str = include_str!("../../sql/access_methods.sql");
    pub const VIEW_DEFINITIONS: &str = include_str!("../../sql/view_definitions.sql");
    pub const INDEX_PREDICATES: &str = include_str!("../../sql/index_predicates.sql");
    pub const GENERATED_COLUMNS: &str = include_str!("../../sql/generated_columns.sql");
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog query {query} failed: {}", crate::db::describe(.source))]
    Query {
        query: &'static str,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error("server version {0} is not supported by the native engine (13 or newer is)")]
    ServerVersion(u32),
    #[error(
        "the tables to dump kept changing while they were being locked ({0} attempts); try again"
    )]
    Unstable(usize),
    /// An object of the snapshot was dropped while the dump read it (DDL that does not wait for
    /// the dump's locks).
    #[error("{0} was dropped while the dump read it; try again")]
    Changed(String),
    /// A `LOCK TABLE` statement failed: pg_dump would fail the same way with the same statement.
    #[error("query failed: {}", crate::db::describe(.source))]
    Lock {
        statement: String,
        #[source]
        source: tokio_postgres::Error,
    },
}

impl CatalogError {
    /// A lock that failed because its table no longer exists (dropped or renamed since the
    /// list of tables was read).
    pub fn is_vanished_table(&self) -> bool {
        matches!(self, CatalogError::Lock { source, .. }
            if source.code() == Some(&tokio_postgres::error::SqlState::UNDEFINED_TABLE))
    }
}

fn q(query: &'static str) -> impl Fn(tokio_postgres::Error) -> CatalogError {
    move |source| CatalogError::Query { query, source }
}

/// The session statements of `sql/session.sql` that apply to a server version.
pub fn session_statements(version: u32) -> Vec<&'static str> {
    sql::SESSION
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("--"))
        .filter_map(|l| match l.split_once(" -- min ") {
            Some((stmt, min)) => {
                (version >= min.trim().parse().unwrap_or(u32::MAX)).then_some(stmt)
            }
            None => Some(l),
        })
        .collect()
}

/// Replaces the version-dependent fragments of a query.
fn versioned(query: &str, version: u32) -> String {
    query
        .replace(
            "{sqlbody}",
            if version >= 140000 {
                "CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END"
            } else {
                "NULL::text"
            },
        )
        // Partition clones of triggers: not internal and marked by tgparentid from 15 on,
        // internal before (pg_dump.c getTriggers).
        .replace(
            "{partition_clone}",
            if version >= 150000 { "tg.tgparentid <> 0" } else { "tg.tgisinternal" },
        )
        .replace(
            "{trigger_filter}",
            if version >= 150000 {
                "(NOT tg.tgisinternal AND tg.tgparentid = 0) OR tg.tgenabled <> u.tgenabled"
            } else {
                "NOT tg.tgisinternal OR tg.tgenabled <> u.tgenabled"
            },
        )
        .replace(
            "{nulls_not_distinct}",
            if version >= 150000 { "i.indnullsnotdistinct" } else { "false" },
        )
        .replace(
            "{conperiod}",
            if version >= 180000 { "co.conperiod" } else { "false" },
        )
        .replace(
            "{plain_key}",
            if version >= 180000 {
                "NOT co.conperiod AND co.conenforced AND co.confdelsetcols IS NULL"
            } else if version >= 150000 {
                "co.confdelsetcols IS NULL"
            } else {
                "true"
            },
        )
        .replace(
            "{compression}",
            if version >= 140000 { "a.attcompression::text" } else { "''::text" },
        )
}

/// Runs one catalog query and turns each row into a `T` as it arrives; a failure names its
/// `sql/` file.
///
/// No row outlives its turn: a large result held as rows would cost far more than what is
/// read from it (each row keeps a vector of its fields' offsets and the network buffer it
/// came in), and would leave the process that much larger for the rest of the dump. Each
/// column's position is found once per query ([`Rec::get`]): `Row::get` by name scans the
/// row's columns for every field, which was a sixth of the client's time on the large queries
/// (100,000 rows and more of up to 30 columns).
async fn fetch_map<T>(
    client: &Client,
    text: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    file: &'static str,
    mut each: impl FnMut(Rec<'_>) -> T,
) -> Result<Vec<T>, CatalogError> {
    let mut out = Vec::new();
    fetch_each(client, text, params, file, |r| out.push(each(r))).await?;
    // The vector grew by doubling; it is kept for the whole dump.
    out.shrink_to_fit();
    Ok(out)
}

/// Runs one catalog query and hands each row to `each` as it arrives (see [`fetch_map`]).
async fn fetch_each(
    client: &Client,
    text: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    file: &'static str,
    mut each: impl FnMut(Rec<'_>),
) -> Result<(), CatalogError> {
    let stream = client
        .query_raw(text, params.iter().copied())
        .await
        .map_err(q(file))?;
    let mut stream = std::pin::pin!(stream);
    let mut positions = FxHashMap::default();
    while let Some(row) = stream.try_next().await.map_err(q(file))? {
        if positions.is_empty() {
            positions = column_positions(&row);
        }
        each(Rec {
            row: &row,
            positions: &positions,
        });
    }
    Ok(())
}

fn column_positions(row: &Row) -> FxHashMap<String, usize> {
    row.columns()
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name().to_string(), i))
        .collect()
}

/// One row of a query's result.
#[derive(Clone, Copy)]
struct Rec<'a> {
    row: &'a Row,
    positions: &'a FxHashMap<String, usize>,
}

impl<'a> Rec<'a> {
    /// The field named `col`; panics, as `Row::get` does, when there is none or its type
    /// differs (a mismatch between a query and its reader: a bug, reported as one).
    fn get<T: FromSql<'a>>(self, col: &str) -> T {
        match self.positions.get(col) {
            Some(&i) => self.row.get(i),
            None => panic!("no column {col:?} in the query's result"),
        }
    }
}

fn char_of(row: Rec, col: &str) -> char {
    row.get::<Option<String>>(col)
        .and_then(|s| s.chars().next())
        .unwrap_or(' ')
}

fn oid(row: Rec, col: &str) -> u32 {
    u32::try_from(row.get::<i64>(col)).unwrap_or(0)
}

/// Sets up the session and opens the dump's transaction.
pub async fn begin(
    client: &Client,
    version: u32,
    quote_all_identifiers: bool,
) -> Result<(), CatalogError> {
    setup_session(client, version, quote_all_identifiers).await?;
    begin_transaction(client).await
}

/// pg_dump's session settings (`sql/session.sql`), outside any transaction.
pub async fn setup_session(
    client: &Client,
    version: u32,
    quote_all_identifiers: bool,
) -> Result<(), CatalogError> {
    if version < 130000 {
        return Err(CatalogError::ServerVersion(version));
    }
    let mut batch: Vec<String> = session_statements(version)
        .iter()
        .map(|s| format!("{s};"))
        .collect();
    if quote_all_identifiers {
        batch.push("SET quote_all_identifiers = true;".into());
    }
    client
        .batch_execute(&batch.join("\n"))
        .await
        .map_err(q("session.sql"))
}

/// Opens the dump's REPEATABLE READ, READ ONLY transaction. Its snapshot is taken by its first
/// query, so `LOCK TABLE` statements run before that query hold their locks before the snapshot
/// exists. (Separate round trips: in one multi-statement message the SETs of the session would
/// already have started an implicit transaction.)
pub async fn begin_transaction(client: &Client) -> Result<(), CatalogError> {
    client.batch_execute("BEGIN").await.map_err(q("BEGIN"))?;
    client
        .batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .await
        .map_err(q("SET TRANSACTION"))
}

/// Exports the dump transaction's snapshot (pg_export_snapshot) so that helper connections see
/// exactly what this one sees, as pg_dump's parallel workers do. Must be the transaction's first
/// statement; a failure aborts the transaction.
pub async fn export_snapshot(client: &Client) -> Result<String, CatalogError> {
    let row = client
        .query_one("SELECT pg_catalog.pg_export_snapshot() AS id", &[])
        .await
        .map_err(q("pg_export_snapshot"))?;
    Ok(row.get("id"))
}

/// Sets up a helper connection like [`begin`] and joins it to an exported snapshot
/// (pg_dump.c setup_connection with a synchronized snapshot).
pub async fn begin_in_snapshot(
    client: &Client,
    version: u32,
    quote_all_identifiers: bool,
    snapshot: &str,
) -> Result<(), CatalogError> {
    begin(client, version, quote_all_identifiers).await?;
    client
        .batch_execute(&format!(
            "SET TRANSACTION SNAPSHOT {}",
            crate::render::quote::string_literal(snapshot, true)
        ))
        .await
        .map_err(q("SET TRANSACTION SNAPSHOT"))
}

/// Takes ACCESS SHARE locks on the given tables (already quoted and qualified), in batches as
/// pg_dump 18 does, so no concurrent DDL can change them while the dump reads them.
///
/// With `nowait` (helper connections, as pg_dump's parallel workers) a lock that cannot be granted
/// at once fails instead of queueing behind a waiting DDL statement, which itself waits for the
/// dump's main connection: a deadlock the server cannot see, since the main connection waits for
/// the helper only in the client.
pub async fn lock_tables(
    client: &Client,
    qualified_names: &[String],
    nowait: bool,
) -> Result<(), CatalogError> {
    let mut i = 0;
    while i < qualified_names.len() {
        let mut stmt = String::from("LOCK TABLE ");
        let start = i;
        while i < qualified_names.len() && (i == start || stmt.len() < 100_000) {
            if i > start {
                stmt.push_str(", ");
            }
            stmt.push_str(&qualified_names[i]);
            i += 1;
        }
        stmt.push_str(" IN ACCESS SHARE MODE");
        if nowait {
            stmt.push_str(" NOWAIT");
        }
        if let Err(source) = client.batch_execute(&stmt).await {
            return Err(CatalogError::Lock {
                statement: stmt,
                source,
            });
        }
    }
    Ok(())
}

/// A plain or partitioned table as `sql/tables_to_lock.sql` lists it.
pub struct LockableTable {
    pub oid: u32,
    pub nsp_oid: u32,
    pub relkind: char,
    pub name: String,
    pub nsp_name: String,
}

pub async fn load_tables_to_lock(client: &Client) -> Result<Vec<LockableTable>, CatalogError> {
    fetch_map(
        client,
        sql::TABLES_TO_LOCK,
        &[],
        "tables_to_lock.sql",
        |row| LockableTable {
            oid: oid(row, "oid"),
            nsp_oid: oid(row, "nsp_oid"),
            relkind: char_of(row, "relkind"),
            name: row.get("relname"),
            nsp_name: row.get("nspname"),
        },
    )
    .await
}

/// The relations this session holds ACCESS SHARE locks on, as the lock manager sees them now.
pub async fn load_held_locks(client: &Client) -> Result<HashSet<u32>, CatalogError> {
    let oids = fetch_map(client, sql::HELD_LOCKS, &[], "held_locks.sql", |row| {
        oid(row, "oid")
    })
    .await?;
    Ok(oids.into_iter().collect())
}

pub async fn load_namespaces(client: &Client) -> Result<Vec<Namespace>, CatalogError> {
    fetch_map(client, sql::NAMESPACES, &[], "namespaces.sql", |r| {
        Namespace {
            oid: oid(r, "oid"),
            name: r.get("name"),
            owner: r.get("owner"),
            owner_oid: oid(r, "owner_oid"),
            acl: r.get("acl"),
            acl_default: r.get("acl_default"),
            init_acl: r.get("init_acl"),
        }
    })
    .await
}

pub async fn load_types(client: &Client) -> Result<Vec<Type>, CatalogError> {
    fetch_map(client, sql::TYPES, &[], "types.sql", |r| Type {
        oid: oid(r, "oid"),
        name: r.get("name"),
        nsp_oid: oid(r, "nsp_oid"),
        owner: r.get("owner"),
        typtype: char_of(r, "typtype"),
        acl: r.get("acl"),
        acl_default: r.get("acl_default"),
        init_acl: r.get("init_acl"),
        typrelkind: char_of(r, "typrelkind"),
        is_array: r.get("is_array"),
        enum_labels: r.get("enum_labels"),
        relid: oid(r, "relid"),
        domain_base: r.get("domain_base"),
        not_null: r.get("not_null"),
        default_expr: r.get("default_expr"),
        default_literal: r.get("default_literal"),
        collation: r.get("collation"),
    })
    .await
}

pub async fn load_functions(client: &Client, version: u32) -> Result<Vec<Function>, CatalogError> {
    fetch_map(
        client,
        &versioned(sql::FUNCTIONS, version),
        &[],
        "functions.sql",
        |r| {
            let nsps: Vec<String> = r.get("arg_type_nsps");
            let typnames: Vec<String> = r.get("arg_type_typnames");
            Function {
                oid: oid(r, "oid"),
                name: r.get("name"),
                nsp_oid: oid(r, "nsp_oid"),
                owner: r.get("owner"),
                acl: r.get("acl"),
                acl_default: r.get("acl_default"),
                init_acl: r.get("init_acl"),
                kind: char_of(r, "kind"),
                args: r.get("args"),
                identity_args: r.get("identity_args"),
                result: r.get("result"),
                sqlbody: r.get("sqlbody"),
                src: r.get("src"),
                bin: r.get("bin"),
                volatility: char_of(r, "volatility"),
                is_strict: r.get("is_strict"),
                security_definer: r.get("security_definer"),
                leakproof: r.get("leakproof"),
                config: r.get("config"),
                cost: r.get("cost"),
                rows: r.get("rows"),
                returns_set: r.get("returns_set"),
                support: r.get("support"),
                parallel: char_of(r, "parallel"),
                language: r.get("language"),
                transform_types: r.get("transform_types"),
                arg_type_names: r.get("arg_type_names"),
                arg_types: nsps.into_iter().zip(typnames).collect(),
            }
        },
    )
    .await
}

/// The relations, sorted by OID (here: the server's sort of these wide rows spills to disk at
/// 10,000 tables).
pub async fn load_relations(client: &Client) -> Result<Vec<Relation>, CatalogError> {
    let mut relations = fetch_map(client, sql::TABLES, &[], "tables.sql", |r| {
        let relkind = char_of(r, "relkind");
        Relation {
            oid: oid(r, "oid"),
            name: r.get("name"),
            quoted_name: r.get("quoted_name"),
            nsp_oid: oid(r, "nsp_oid"),
            relkind,
            owner: r.get("owner"),
            acl: r.get("acl"),
            acl_default: r.get("acl_default"),
            init_acl: r.get("init_acl"),
            persistence: char_of(r, "persistence"),
            rowtype_oid: oid(r, "rowtype_oid"),
            of_type: oid(r, "of_type"),
            is_partition: r.get("is_partition"),
            is_populated: r.get("is_populated"),
            row_security: r.get("row_security"),
            force_row_security: r.get("force_row_security"),
            replica_identity: char_of(r, "replica_identity"),
            reloptions: r.get("reloptions"),
            check_option: r.get("check_option"),
            toast_reloptions: r.get("toast_reloptions"),
            access_method: r.get("access_method"),
            tablespace: r.get("tablespace"),
            owning_table: oid(r, "owning_table"),
            owning_column: r.get("owning_column"),
            is_identity_sequence: r.get("is_identity_sequence"),
            viewdef: None,
            sequence: (relkind == 'S').then(|| SequenceParams {
                type_name: r.get("seq_type"),
                start: r.get("seq_start"),
                increment: r.get("seq_increment"),
                max: r.get("seq_max"),
                min: r.get("seq_min"),
                cache: r.get("seq_cache"),
                cycle: r.get("seq_cycle"),
            }),
            columns: Vec::new(),
            partkeydef: r.get("partkeydef"),
            partbound: r.get("partbound"),
            of_type_name: r.get("of_type_name"),
            parents: r
                .get::<Vec<i64>>("parents")
                .into_iter()
                .filter_map(|o| u32::try_from(o).ok())
                .collect(),
        }
    })
    .await?;
    relations.sort_unstable_by_key(|r| r.oid);
    Ok(relations)
}

/// Where the relation `oid` is in `relations` (sorted by OID, as `load_relations` returns them).
fn relation_position(relations: &[Relation], oid: u32) -> Option<usize> {
    relations.binary_search_by_key(&oid, |r| r.oid).ok()
}

/// The definitions of views and materialized views, sorted by OID.
pub async fn load_view_definitions(
    client: &Client,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<(u32, String)>, CatalogError> {
    fetch_map(
        client,
        sql::VIEW_DEFINITIONS,
        &[wanted],
        "view_definitions.sql",
        |r| (oid(r, "oid"), r.get("definition")),
    )
    .await
}

/// Gives each view its definition (both lists sorted by OID).
pub fn attach_view_definitions(relations: &mut [Relation], definitions: Vec<(u32, String)>) {
    for (oid, definition) in definitions {
        if let Some(i) = relation_position(relations, oid) {
            relations[i].viewdef = Some(definition);
        }
    }
}

/// The columns of each relation that has any, by relation OID and in attnum order (grouped as
/// they arrive: each relation's vector is sized to its columns, and no vector of all the
/// columns is ever held); and, for the inventory, the system columns that carry privileges.
pub async fn load_columns(
    client: &Client,
    version: u32,
    wanted: &Option<Vec<i64>>,
) -> Result<(Vec<(u32, Vec<Column>)>, Vec<InventoryRow>), CatalogError> {
    let mut tables: Vec<(u32, Vec<Column>)> = Vec::new();
    let mut system_grants = Vec::new();
    fetch_each(
        client,
        &versioned(sql::COLUMNS, version),
        &[wanted],
        "columns.sql",
        |r| {
            if let Some(table) = r.get::<Option<String>>("system_column_table") {
                system_grants.push(InventoryRow {
                    item: Unsupported {
                        kind: "COLUMN PRIVILEGES (system column)".into(),
                        name: format!("{table}.{}", r.get::<String>("name")),
                    },
                    nsp_oid: oid(r, "system_column_nsp"),
                    rel_oid: oid(r, "table_oid"),
                    privileges: true,
                });
                return;
            }
            let column = Column {
                num: r.get("num"),
                name: r.get("name"),
                quoted_name: r.get("quoted_name"),
                type_name: r.get::<Option<String>>("type_name").unwrap_or_default(),
                type_oid: oid(r, "type_oid"),
                not_null: r.get("not_null"),
                is_dropped: r.get("is_dropped"),
                is_local: r.get("is_local"),
                inherit_count: r.get("inherit_count"),
                identity: char_of(r, "identity"),
                generated: char_of(r, "generated"),
                stat_target: r.get("stat_target"),
                storage: char_of(r, "storage"),
                type_storage: char_of(r, "type_storage"),
                compression: char_of(r, "compression"),
                rare: ColumnRare {
                    options: r.get("options"),
                    acl: r.get("acl"),
                    init_acl: r.get("init_acl"),
                    fdw_options: r.get("fdw_options"),
                    collation: r.get("collation"),
                }
                .boxed(),
                default_oid: r
                    .get::<Option<i64>>("default_oid")
                    .and_then(|o| u32::try_from(o).ok()),
                default_expr: r.get("default_expr"),
            };
            let table = oid(r, "table_oid");
            match tables.last_mut() {
                Some((t, columns)) if *t == table => columns.push(column),
                _ => tables.push((table, vec![column])),
            }
        },
    )
    .await?;
    for (_, columns) in &mut tables {
        columns.shrink_to_fit();
    }
    tables.shrink_to_fit();
    Ok((tables, system_grants))
}

/// Expressions of generated columns: (table, attnum, expression).
pub async fn load_generated_columns(
    client: &Client,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<(u32, i16, String)>, CatalogError> {
    fetch_map(
        client,
        sql::GENERATED_COLUMNS,
        &[wanted],
        "generated_columns.sql",
        |r| (oid(r, "table_oid"), r.get("num"), r.get("expr")),
    )
    .await
}

/// Gives generated columns their expressions (relations sorted by OID, their columns by attnum).
pub fn attach_generated_columns(relations: &mut [Relation], generated: Vec<(u32, i16, String)>) {
    for (table, num, expr) in generated {
        if let Some(pos) = relation_position(relations, table)
            && let Some(column) = relations[pos].columns.iter_mut().find(|c| c.num == num)
        {
            column.default_expr = Some(expr);
        }
    }
}

/// Gives each plain key its text (relations sorted by OID, with their columns). A key naming a
/// relation or column that was not read is an error naming it (the queries disagree: a bug).
///
/// A PRIMARY KEY or UNIQUE constraint is printed as pg_dump's dumpConstraint prints it (its own
/// quoting of the column names, `q`; the index's storage parameters), a FOREIGN KEY as the
/// server's pg_get_constraintdef (the server's quoting, read with the names).
pub fn finish_plain_constraints(
    constraints: &mut [Constraint],
    relations: &[Relation],
    q: &crate::render::quote::Quoting,
    std_strings: bool,
) -> Result<(), String> {
    let relation = |oid: u32| relation_position(relations, oid).map(|i| &relations[i]);
    // Each column's name, quoted by the server (`server`) or as pg_dump quotes it.
    let names = |rel: Option<&Relation>, nums: &[i16], server: bool| -> Option<Vec<String>> {
        let rel = rel?;
        nums.iter()
            .map(|&num| {
                let col = rel.columns.iter().find(|col| col.num == num)?;
                Some(if server {
                    col.quoted_name.clone()
                } else {
                    q.id(&col.name)
                })
            })
            .collect()
    };
    for c in constraints.iter_mut() {
        // The parts are not needed once the text is built.
        let Some(plain) = c.plain.take() else {
            continue;
        };
        let missing = || format!("constraint {}: a relation or column was not read", c.name);
        let table = relation(c.table_oid);
        c.definition = if c.contype == 'f' {
            let referenced = relation(plain.ref_table_oid);
            let columns = names(table, &c.columns, true).ok_or_else(missing)?;
            let ref_columns = names(referenced, &plain.ref_columns, true).ok_or_else(missing)?;
            let ref_table = referenced
                .map(|r| r.quoted_name.as_str())
                .ok_or_else(missing)?;
            crate::render::constraint_def::foreign_key_text(
                &crate::render::constraint_def::ForeignKey {
                    columns: columns.iter().map(String::as_str).collect(),
                    ref_table,
                    ref_columns: ref_columns.iter().map(String::as_str).collect(),
                    match_type: plain.match_type,
                    on_update: plain.on_update,
                    on_delete: plain.on_delete,
                    deferrable: c.deferrable,
                    deferred: c.deferred,
                    validated: c.validated,
                },
            )
        } else {
            let count = plain.index_key_count.min(plain.index_columns.len());
            let (keys, included) = plain.index_columns.split_at(count);
            let keys = names(table, keys, false).ok_or_else(missing)?;
            let included = names(table, included, false).ok_or_else(missing)?;
            let options =
                crate::render::quote::reloptions(&plain.index_reloptions, "", q, std_strings);
            crate::render::constraint_def::index_key_text(
                &crate::render::constraint_def::IndexKey {
                    primary: c.contype == 'p',
                    nulls_not_distinct: plain.nulls_not_distinct,
                    columns: keys.iter().map(String::as_str).collect(),
                    without_overlaps: plain.without_overlaps,
                    included: included.iter().map(String::as_str).collect(),
                    options: &options,
                    deferrable: c.deferrable,
                    deferred: c.deferred,
                },
            )
        };
    }
    Ok(())
}

/// Attaches columns to their relations (sorted by OID, as `load_relations` returns them).
pub fn attach_columns(relations: &mut [Relation], columns: Vec<(u32, Vec<Column>)>) {
    for (table, columns) in columns {
        if let Some(pos) = relation_position(relations, table) {
            relations[pos].columns = columns;
        }
    }
}

/// Table and domain constraints, by table, name and OID.
pub async fn load_constraints(
    client: &Client,
    version: u32,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<Constraint>, CatalogError> {
    let mut constraints = fetch_map(
        client,
        &versioned(sql::CONSTRAINTS, version),
        &[wanted],
        "constraints.sql",
        |r| Constraint {
            oid: oid(r, "oid"),
            name: r.get("name"),
            nsp_oid: oid(r, "nsp_oid"),
            contype: char_of(r, "contype"),
            table_oid: oid(r, "table_oid"),
            domain_oid: oid(r, "domain_oid"),
            index_oid: oid(r, "index_oid"),
            deferrable: r.get("deferrable"),
            deferred: r.get("deferred"),
            validated: r.get("validated"),
            is_local: r.get("is_local"),
            no_inherit: r.get("no_inherit"),
            columns: r.get("columns"),
            definition: r.get::<Option<String>>("definition").unwrap_or_default(),
            parent_oid: oid(r, "parent_oid"),
            plain: r.get::<bool>("is_plain").then(|| {
                Box::new(PlainKey {
                    ref_table_oid: oid(r, "ref_table_oid"),
                    ref_columns: r.get("ref_columns"),
                    match_type: char_of(r, "match_type"),
                    on_update: char_of(r, "on_update"),
                    on_delete: char_of(r, "on_delete"),
                    nulls_not_distinct: r.get("nulls_not_distinct"),
                    index_columns: r.get("index_columns"),
                    index_key_count: usize::try_from(r.get::<i16>("index_key_count")).unwrap_or(0),
                    index_reloptions: r.get("index_reloptions"),
                    without_overlaps: r.get("without_overlaps"),
                })
            }),
        },
    )
    .await?;
    // Sorted here: the server's sort of these rows spills to disk at 10,000 tables. Names
    // compare as bytes, as the `name` type's C collation does.
    constraints
        .sort_unstable_by(|a, b| (a.table_oid, &a.name, a.oid).cmp(&(b.table_oid, &b.name, b.oid)));
    Ok(constraints)
}

pub async fn load_indexes(
    client: &Client,
    version: u32,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<Index>, CatalogError> {
    let mut indexes: Vec<Index> = fetch_map(
        client,
        &versioned(sql::INDEXES, version),
        &[wanted],
        "indexes.sql",
        |r| Index {
            oid: oid(r, "oid"),
            name: r.get("name"),
            table_oid: oid(r, "table_oid"),
            nsp_oid: oid(r, "nsp_oid"),
            definition: r.get::<Option<String>>("definition").unwrap_or_default(),
            plain: plain_index(r),
            is_clustered: r.get("is_clustered"),
            is_replica_identity: r.get("is_replica_identity"),
            key_count: r.get("key_count"),
            column_count: r.get("column_count"),
            tablespace: r.get("tablespace"),
            reloptions: r.get("reloptions"),
            constraint_oid: oid(r, "constraint_oid"),
            has_stat_targets: !r.get::<Vec<i32>>("stat_columns").is_empty(),
            relkind: char_of(r, "relkind"),
            is_partition_child: r.get("is_partition_child"),
            parent_oid: oid(r, "parent_oid"),
            stat_columns: r.get("stat_columns"),
            stat_values: r.get("stat_values"),
        },
    )
    .await?;
    // By table, then name (the query leaves the order to the client).
    indexes.sort_unstable_by(|a, b| (a.table_oid, &a.name).cmp(&(b.table_oid, &b.name)));
    Ok(indexes)
}

/// The parts of a plain index (printed by the client, `src/render/index_def.rs`), `None` for
/// the others: the server printed them (`definition`), or they need no text (a constraint's).
fn plain_index(r: Rec) -> Option<Box<PlainIndex>> {
    if !r.get::<bool>("is_plain") {
        return None;
    }
    Some(Box::new(PlainIndex {
        name: r.get("plain_name"),
        table: r.get("plain_table"),
        method: r.get("plain_method"),
        columns: r.get("plain_columns"),
        key_count: usize::try_from(r.get::<i16>("key_count")).unwrap_or(0),
        options: r.get("plain_options"),
        // Read apart: index_predicates.sql, given by attach_index_predicates.
        predicate: r.get::<bool>("plain_partial").then(String::new),
        unique: r.get("is_unique"),
        nulls_not_distinct: r.get("nulls_not_distinct"),
        only: char_of(r, "relkind") == 'I',
    }))
}

/// Predicates of partial indexes (index_predicates.sql), sorted by index OID.
pub async fn load_index_predicates(
    client: &Client,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<(u32, String)>, CatalogError> {
    fetch_map(
        client,
        sql::INDEX_PREDICATES,
        &[wanted],
        "index_predicates.sql",
        |r| (oid(r, "oid"), r.get("predicate")),
    )
    .await
}

/// Gives each plain index its predicate and its `CREATE INDEX` text. A partial index whose
/// predicate was not read is an error naming it (the two queries disagree: a bug).
pub fn finish_plain_indexes(
    indexes: &mut [Index],
    predicates: Vec<(u32, String)>,
) -> Result<(), String> {
    let mut predicates: FxHashMap<u32, String> = predicates.into_iter().collect();
    for ix in indexes {
        // The parts are not needed once the text is built.
        if let Some(mut plain) = ix.plain.take() {
            if plain.predicate.is_some() {
                let Some(predicate) = predicates.remove(&ix.oid) else {
                    return Err(format!("no predicate read for partial index {}", ix.name));
                };
                plain.predicate = Some(predicate);
            }
            ix.definition = crate::render::index_def::plain_index(&plain);
        }
    }
    Ok(())
}

pub async fn load_triggers(
    client: &Client,
    version: u32,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<Trigger>, CatalogError> {
    fetch_map(
        client,
        &versioned(sql::TRIGGERS, version),
        &[wanted],
        "triggers.sql",
        |r| {
            let name: String = r.get("name");
            // DROP TRIGGER does not wait for the dump's ACCESS SHARE lock: a trigger of the
            // snapshot can be gone from the catalogs pg_get_triggerdef reads.
            let definition = match r.get::<Option<String>>("definition") {
                Some(d) => d,
                None if r.get::<bool>("wanted") => {
                    return Err(CatalogError::Changed(format!("trigger {name}")));
                }
                None => String::new(),
            };
            Ok(Trigger {
                oid: oid(r, "oid"),
                name,
                table_oid: oid(r, "table_oid"),
                enabled: char_of(r, "enabled"),
                parent_oid: oid(r, "parent_oid"),
                is_partition_clone: r.get("is_partition_clone"),
                definition,
            })
        },
    )
    .await?
    .into_iter()
    .collect()
}

pub async fn load_rules(
    client: &Client,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<Rule>, CatalogError> {
    fetch_map(client, sql::RULES, &[wanted], "rules.sql", |r| Rule {
        oid: oid(r, "oid"),
        name: r.get("name"),
        table_oid: oid(r, "table_oid"),
        event: char_of(r, "event"),
        is_instead: r.get("is_instead"),
        enabled: char_of(r, "enabled"),
        definition: r.get::<Option<String>>("definition").unwrap_or_default(),
    })
    .await
}

fn pair(row: Rec, a: &str, b: &str) -> Option<(String, String)> {
    Some((row.get::<Option<String>>(a)?, row.get::<Option<String>>(b)?))
}

pub async fn load_aggregates(client: &Client) -> Result<Vec<Aggregate>, CatalogError> {
    fetch_map(client, sql::AGGREGATES, &[], "aggregates.sql", |r| {
        let nsps: Vec<String> = r.get("arg_type_nsps");
        let typnames: Vec<String> = r.get("arg_type_typnames");
        Aggregate {
            oid: oid(r, "oid"),
            name: r.get("name"),
            nsp_oid: oid(r, "nsp_oid"),
            owner: r.get("owner"),
            acl: r.get("acl"),
            acl_default: r.get("acl_default"),
            init_acl: r.get("init_acl"),
            args: r.get("args"),
            identity_args: r.get("identity_args"),
            kind: char_of(r, "kind"),
            transfn: r.get("transfn"),
            finalfn: r.get("finalfn"),
            combinefn: r.get("combinefn"),
            serialfn: r.get("serialfn"),
            deserialfn: r.get("deserialfn"),
            mtransfn: r.get("mtransfn"),
            minvtransfn: r.get("minvtransfn"),
            mfinalfn: r.get("mfinalfn"),
            transtype: r.get("transtype"),
            mtranstype: r.get("mtranstype"),
            transspace: r.get("transspace"),
            mtransspace: r.get("mtransspace"),
            initval: r.get("initval"),
            minitval: r.get("minitval"),
            finalextra: r.get("finalextra"),
            mfinalextra: r.get("mfinalextra"),
            finalmodify: char_of(r, "finalmodify"),
            mfinalmodify: char_of(r, "mfinalmodify"),
            sortop: pair(r, "sortop_nsp", "sortop_name"),
            parallel: char_of(r, "parallel"),
            arg_type_names: r.get("arg_type_names"),
            arg_types: nsps.into_iter().zip(typnames).collect(),
        }
    })
    .await
}

pub async fn load_operators(client: &Client) -> Result<Vec<Operator>, CatalogError> {
    fetch_map(client, sql::OPERATORS, &[], "operators.sql", |r| Operator {
        oid: oid(r, "oid"),
        name: r.get("name"),
        nsp_oid: oid(r, "nsp_oid"),
        owner: r.get("owner"),
        kind: char_of(r, "kind"),
        code_oid: oid(r, "code_oid"),
        code: r.get("code"),
        left_type: r.get("left_type"),
        right_type: r.get("right_type"),
        left: pair(r, "left_nsp", "left_typname"),
        right: pair(r, "right_nsp", "right_typname"),
        commutator: pair(r, "com_nsp", "com_name"),
        negator: pair(r, "negate_nsp", "negate_name"),
        restrict: r.get("rest"),
        join: r.get("join_fn"),
        can_merge: r.get("can_merge"),
        can_hash: r.get("can_hash"),
    })
    .await
}

pub async fn load_ranges(client: &Client, version: u32) -> Result<Vec<RangeType>, CatalogError> {
    // multirange types appeared in 14
    let multirange = if version >= 140000 {
        "pg_catalog.format_type(r.rngmultitypid, NULL)"
    } else {
        "NULL::text"
    };
    fetch_map(
        client,
        &sql::RANGES.replace("{multirange}", multirange),
        &[],
        "ranges.sql",
        |r| RangeType {
            type_oid: oid(r, "type_oid"),
            multirange: r.get("multirange"),
            subtype: r.get("subtype"),
            opclass_name: r.get("opclass_name"),
            opclass_nsp: r.get("opclass_nsp"),
            opclass_default: r.get("opclass_default"),
            collation: pair(r, "collation_nsp", "collation_name"),
            canonical: r.get("canonical"),
            subdiff: r.get("subdiff"),
        },
    )
    .await
}

pub async fn load_base_types(client: &Client, version: u32) -> Result<Vec<BaseType>, CatalogError> {
    // typsubscript appeared in 14
    let subscript = if version >= 140000 {
        "CASE WHEN t.typsubscript <> 0 THEN t.typsubscript::text ELSE '-' END"
    } else {
        "'-'::text"
    };
    let func = |r: Rec, name: &str| (r.get::<String>(name), oid(r, &format!("{name}_oid")));
    fetch_map(
        client,
        &sql::BASE_TYPES.replace("{subscript}", subscript),
        &[],
        "base_types.sql",
        |r| BaseType {
            type_oid: oid(r, "type_oid"),
            is_defined: r.get("is_defined"),
            len: r.get("len"),
            input: r.get("input"),
            output: r.get("output"),
            receive: func(r, "receive"),
            send: func(r, "send"),
            modin: func(r, "modin"),
            modout: func(r, "modout"),
            analyze: func(r, "analyze"),
            subscript: r.get("subscript"),
            category: r.get("category"),
            preferred: r.get("preferred"),
            delim: r.get("delim"),
            byval: r.get("byval"),
            align: char_of(r, "align"),
            storage: char_of(r, "storage"),
            collatable: r.get("collatable"),
            default_expr: r.get("default_expr"),
            default_literal: r.get("default_literal"),
            element: r.get("element"),
        },
    )
    .await
}

pub async fn load_casts(client: &Client, version: u32) -> Result<Vec<Cast>, CatalogError> {
    // multirange types (and their casts from the range) appeared in 14
    let multirange_casts = if version >= 140000 {
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_range r \
         WHERE c.castsource = r.rngtypid AND c.casttarget = r.rngmultitypid)"
    } else {
        ""
    };
    let text = sql::CASTS.replace("{multirange_casts}", multirange_casts);
    fetch_map(client, &text, &[], "casts.sql", |r| Cast {
        oid: oid(r, "oid"),
        source: r.get("source"),
        target: r.get("target"),
        source_name: r.get("source_name"),
        target_name: r.get("target_name"),
        method: char_of(r, "method"),
        context: char_of(r, "context"),
        func_oid: oid(r, "func_oid"),
        func_nsp: r.get("func_nsp"),
        func_name: r.get("func_name"),
        func_arg_types: r.get("func_arg_types"),
    })
    .await
}

pub async fn load_collations(
    client: &Client,
    version: u32,
) -> Result<Vec<Collation>, CatalogError> {
    // the ICU locale moved from colliculocale (15, 16) to colllocale (17); rules came in 16
    let locale = match version {
        170000.. => "c.colllocale",
        150000..=169999 => "c.colliculocale",
        _ => "NULL::text",
    };
    let icu_rules = if version >= 160000 {
        "c.collicurules"
    } else {
        "NULL::text"
    };
    let text = sql::COLLATIONS
        .replace("{locale}", locale)
        .replace("{icu_rules}", icu_rules);
    fetch_map(client, &text, &[], "collations.sql", |r| Collation {
        oid: oid(r, "oid"),
        name: r.get("name"),
        nsp_oid: oid(r, "nsp_oid"),
        owner: r.get("owner"),
        encoding: r.get("encoding"),
        provider: char_of(r, "provider"),
        deterministic: r.get("deterministic"),
        collate: r.get("collate"),
        ctype: r.get("ctype"),
        locale: r.get("locale"),
        icu_rules: r.get("icu_rules"),
    })
    .await
}

pub async fn load_event_triggers(client: &Client) -> Result<Vec<EventTrigger>, CatalogError> {
    fetch_map(
        client,
        sql::EVENT_TRIGGERS,
        &[],
        "event_triggers.sql",
        |r| EventTrigger {
            oid: oid(r, "oid"),
            name: r.get("name"),
            event: r.get("event"),
            owner: r.get("owner"),
            enabled: char_of(r, "enabled"),
            tags: r.get("tags"),
            function: r.get("function"),
        },
    )
    .await
}

pub async fn load_foreign_data_wrappers(
    client: &Client,
) -> Result<Vec<ForeignDataWrapper>, CatalogError> {
    fetch_map(
        client,
        sql::FOREIGN_DATA_WRAPPERS,
        &[],
        "foreign_data_wrappers.sql",
        |r| ForeignDataWrapper {
            oid: oid(r, "oid"),
            name: r.get("name"),
            owner: r.get("owner"),
            handler: r.get("handler"),
            validator: r.get("validator"),
            acl: r.get("acl"),
            acl_default: r.get("acl_default"),
            init_acl: r.get("init_acl"),
            options: r.get("options"),
        },
    )
    .await
}

pub async fn load_foreign_servers(client: &Client) -> Result<Vec<ForeignServer>, CatalogError> {
    fetch_map(
        client,
        sql::FOREIGN_SERVERS,
        &[],
        "foreign_servers.sql",
        |r| {
            let users: Vec<String> = r.get("mapping_users");
            let options: Vec<String> = r.get("mapping_options");
            ForeignServer {
                oid: oid(r, "oid"),
                name: r.get("name"),
                owner: r.get("owner"),
                fdw: r.get("fdw"),
                server_type: r.get("server_type"),
                server_version: r.get("server_version"),
                acl: r.get("acl"),
                acl_default: r.get("acl_default"),
                init_acl: r.get("init_acl"),
                options: r.get("options"),
                user_mappings: users.into_iter().zip(options).collect(),
            }
        },
    )
    .await
}

pub async fn load_foreign_tables(client: &Client) -> Result<Vec<ForeignTable>, CatalogError> {
    fetch_map(
        client,
        sql::FOREIGN_TABLES,
        &[],
        "foreign_tables.sql",
        |r| ForeignTable {
            rel_oid: oid(r, "rel_oid"),
            server: r.get("server"),
            options: r.get("options"),
        },
    )
    .await
}

pub async fn load_text_search(client: &Client) -> Result<Vec<TextSearchObject>, CatalogError> {
    fetch_map(client, sql::TEXT_SEARCH, &[], "text_search.sql", |r| {
        let tokens: Vec<Option<String>> = r.get("map_tokens");
        let dicts: Vec<String> = r.get("map_dicts");
        TextSearchObject {
            kind: char_of(r, "kind"),
            oid: oid(r, "oid"),
            name: r.get("name"),
            nsp_oid: oid(r, "nsp_oid"),
            owner: r.get("owner"),
            ref_nsp: r.get("ref_nsp"),
            ref_name: r.get("ref_name"),
            init_option: r.get("init_option"),
            mappings: tokens
                .into_iter()
                .map(Option::unwrap_or_default)
                .zip(dicts)
                .collect(),
        }
    })
    .await
}

pub async fn load_conversions(client: &Client) -> Result<Vec<Conversion>, CatalogError> {
    fetch_map(client, sql::CONVERSIONS, &[], "conversions.sql", |r| {
        Conversion {
            oid: oid(r, "oid"),
            name: r.get("name"),
            nsp_oid: oid(r, "nsp_oid"),
            owner: r.get("owner"),
            for_encoding: r.get("for_encoding"),
            to_encoding: r.get("to_encoding"),
            function: r.get("function"),
            is_default: r.get("is_default"),
        }
    })
    .await
}

pub async fn load_statistics(
    client: &Client,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<Statistics>, CatalogError> {
    fetch_map(client, sql::STATISTICS, &[wanted], "statistics.sql", |r| {
        Statistics {
            oid: oid(r, "oid"),
            name: r.get("name"),
            nsp_oid: oid(r, "nsp_oid"),
            owner: r.get("owner"),
            table_oid: oid(r, "table_oid"),
            stat_target: r.get("stat_target"),
            definition: r.get::<Option<String>>("definition").unwrap_or_default(),
        }
    })
    .await
}

pub async fn load_access_methods(client: &Client) -> Result<Vec<AccessMethod>, CatalogError> {
    fetch_map(
        client,
        sql::ACCESS_METHODS,
        &[],
        "access_methods.sql",
        |r| AccessMethod {
            oid: oid(r, "oid"),
            name: r.get("name"),
            amtype: char_of(r, "amtype"),
            handler: r.get("handler"),
        },
    )
    .await
}

pub async fn load_publications(
    client: &Client,
    version: u32,
) -> Result<Vec<PublicationObject>, CatalogError> {
    let member = |kind: &str, table: &str, target: &str, filter: &str, columns: &str| {
        format!(
            "SELECT '{kind}', m.oid::int8, p.oid::int8, p.pubname, \
             pg_catalog.pg_get_userbyid(p.pubowner), false, false, false, false, false, false, \
             'n', m.{target}::int8, {filter}, {columns} \
             FROM {table} m JOIN pg_catalog.pg_publication p ON p.oid = m.{}",
            if kind == "t" { "prpubid" } else { "pnpubid" }
        )
    };
    // Row filters, column lists and schema members came in 15.
    let members = if version >= 150000 {
        format!(
            "{}\nUNION ALL\n{}",
            member(
                "t",
                "pg_catalog.pg_publication_rel",
                "prrelid",
                "pg_catalog.pg_get_expr(m.prqual, m.prrelid)",
                "CASE WHEN m.prattrs IS NOT NULL THEN (SELECT pg_catalog.array_agg(a.attname::text ORDER BY s.i) \
                 FROM pg_catalog.unnest(m.prattrs::pg_catalog.int2[]) WITH ORDINALITY AS s(n, i) \
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = m.prrelid AND a.attnum = s.n) END"
            ),
            member(
                "s",
                "pg_catalog.pg_publication_namespace",
                "pnnspid",
                "NULL::text",
                "NULL::text[]"
            )
        )
    } else {
        member(
            "t",
            "pg_catalog.pg_publication_rel",
            "prrelid",
            "NULL::text",
            "NULL::text[]",
        )
    };
    let gencols = if version >= 180000 {
        "p.pubgencols::text"
    } else {
        "'n'::text"
    };
    let text = sql::PUBLICATIONS
        .replace("{pubgencols}", gencols)
        .replace("{members}", &members);
    Ok(fetch_map(client, &text, &[], "publications.sql", |r| {
        PublicationObject {
            kind: char_of(r, "kind"),
            oid: oid(r, "oid"),
            pub_oid: oid(r, "pub_oid"),
            pub_name: r.get("pub_name"),
            owner: r.get("owner"),
            all_tables: r.get("all_tables"),
            insert: r.get("ins"),
            update: r.get("upd"),
            delete: r.get("del"),
            truncate: r.get("trunc"),
            via_root: r.get("via_root"),
            gencols: char_of(r, "gencols"),
            target_oid: oid(r, "target_oid"),
            row_filter: r.get("row_filter"),
            columns: r.get("columns"),
        }
    })
    .await?
    .into_iter()
    .collect::<Vec<_>>())
    .map(|mut v| {
        // getPublications, then getPublicationTables, then getPublicationNamespaces
        v.sort_by_key(|p| match p.kind {
            'p' => 0,
            't' => 1,
            _ => 2,
        });
        v
    })
}

pub async fn load_policies(
    client: &Client,
    wanted: &Option<Vec<i64>>,
) -> Result<Vec<Policy>, CatalogError> {
    fetch_map(client, sql::POLICIES, &[wanted], "policies.sql", |r| {
        Policy {
            oid: oid(r, "oid"),
            table_oid: oid(r, "table_oid"),
            name: r.get("name"),
            command: char_of(r, "command"),
            permissive: r.get("permissive"),
            roles: r.get("roles"),
            using_expr: r.get("using_expr"),
            check_expr: r.get("check_expr"),
        }
    })
    .await
}

pub async fn load_default_acls(client: &Client) -> Result<Vec<DefaultAcl>, CatalogError> {
    fetch_map(client, sql::DEFAULT_ACLS, &[], "default_acls.sql", |r| {
        DefaultAcl {
            oid: oid(r, "oid"),
            role: r.get("role"),
            nsp_oid: oid(r, "nsp_oid"),
            objtype: char_of(r, "objtype"),
            acl: r.get("acl"),
            acl_default: r.get("acl_default"),
        }
    })
    .await
}

/// Every comment, sorted by catalog name, object and sub-id, so that an object's comments are
/// found by binary search ([`crate::model::comments_of`]).
pub async fn load_comments(client: &Client) -> Result<Vec<Comment>, CatalogError> {
    let mut comments = fetch_map(client, sql::COMMENTS, &[], "comments.sql", |r| Comment {
        catalog: r.get("catalog"),
        object_oid: oid(r, "object_oid"),
        sub_id: r.get("sub_id"),
        description: r.get("description"),
    })
    .await?;
    comments.sort_unstable_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(comments)
}

pub async fn load_dependencies(client: &Client) -> Result<Vec<Dependency>, CatalogError> {
    fetch_map(client, sql::DEPEND, &[], "depend.sql", |r| Dependency {
        class_oid: r.get::<u32>("classid"),
        object_oid: r.get::<u32>("objid"),
        ref_class_oid: r.get::<u32>("refclassid"),
        ref_oid: r.get::<u32>("refobjid"),
        deptype: r.get::<i8>("deptype") as u8 as char,
    })
    .await
}

/// (member object oid, extension oid) for every extension member.
pub async fn load_extension_members(client: &Client) -> Result<Vec<(u32, u32)>, CatalogError> {
    fetch_map(
        client,
        sql::EXTENSION_MEMBERS,
        &[],
        "extension_members.sql",
        |r| (oid(r, "object_oid"), oid(r, "extension_oid")),
    )
    .await
}

pub async fn load_extensions(client: &Client) -> Result<Vec<Extension>, CatalogError> {
    fetch_map(client, sql::EXTENSIONS, &[], "extensions.sql", |r| {
        Extension {
            oid: oid(r, "oid"),
            name: r.get("name"),
            schema: r.get("schema"),
        }
    })
    .await
}

/// The inventory of objects the native engine cannot render, with where each sits.
pub async fn load_unsupported(client: &Client) -> Result<Vec<InventoryRow>, CatalogError> {
    fetch_map(client, sql::UNSUPPORTED, &[], "unsupported.sql", |r| {
        InventoryRow {
            item: Unsupported {
                kind: r.get("kind"),
                name: r.get("name"),
            },
            nsp_oid: oid(r, "nsp_oid"),
            rel_oid: oid(r, "rel_oid"),
            privileges: false,
        }
    })
    .await
}

/// A table pattern as `sql/table_patterns.sql` takes it: the regexes to match (none for a lone
/// `*`), whether only relations visible in the search_path qualify, whether descendants count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePatternQuery {
    pub schema_regex: Option<String>,
    pub name_regex: Option<String>,
    pub visible_only: bool,
    pub with_children: bool,
}

/// (pattern index, oid) rows, the index 0-based in the caller's list.
fn pattern_match(r: Rec) -> Option<(usize, u32)> {
    let position = usize::try_from(r.get::<i64>("pattern")).ok()?;
    Some((position.checked_sub(1)?, oid(r, "oid")))
}

/// The rows of a pattern query, as [`pattern_match`] reads them.
async fn pattern_matches(
    client: &Client,
    text: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    file: &'static str,
) -> Result<Vec<(usize, u32)>, CatalogError> {
    let matches = fetch_map(client, text, params, file, pattern_match).await?;
    Ok(matches.into_iter().flatten().collect())
}

/// The schemas each regex matches (`None`: every schema), as (index in `regexes`, oid).
pub async fn load_schema_pattern_matches(
    client: &Client,
    regexes: &[Option<String>],
) -> Result<Vec<(usize, u32)>, CatalogError> {
    pattern_matches(
        client,
        sql::SCHEMA_PATTERNS,
        &[&regexes],
        "schema_patterns.sql",
    )
    .await
}

/// The extensions each regex matches (`None`: every extension), as (index in `regexes`, oid).
pub async fn load_extension_pattern_matches(
    client: &Client,
    regexes: &[Option<String>],
) -> Result<Vec<(usize, u32)>, CatalogError> {
    pattern_matches(
        client,
        sql::EXTENSION_PATTERNS,
        &[&regexes],
        "extension_patterns.sql",
    )
    .await
}

/// The relations each table pattern matches, as (index in `patterns`, oid). Like pg_dump
/// (expand_table_name_patterns), the query runs under the session's default search_path, which
/// decides what `pg_table_is_visible` sees, and the dump's empty search_path is restored after.
pub async fn load_table_pattern_matches(
    client: &Client,
    patterns: &[TablePatternQuery],
) -> Result<Vec<(usize, u32)>, CatalogError> {
    let schemas: Vec<Option<&str>> = patterns.iter().map(|p| p.schema_regex.as_deref()).collect();
    let names: Vec<Option<&str>> = patterns.iter().map(|p| p.name_regex.as_deref()).collect();
    let visible: Vec<bool> = patterns.iter().map(|p| p.visible_only).collect();
    let children: Vec<bool> = patterns.iter().map(|p| p.with_children).collect();
    client
        .batch_execute("RESET search_path")
        .await
        .map_err(q("RESET search_path"))?;
    let params: [&(dyn tokio_postgres::types::ToSql + Sync); 4] =
        [&schemas, &names, &visible, &children];
    let matches =
        pattern_matches(client, sql::TABLE_PATTERNS, &params, "table_patterns.sql").await?;
    client
        .batch_execute("SELECT pg_catalog.set_config('search_path', '', false)")
        .await
        .map_err(q("search_path"))?;
    Ok(matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_statements_follow_the_server_version() {
        let s16 = session_statements(160000);
        let s17 = session_statements(170000);
        assert!(!s16.iter().any(|s| s.contains("transaction_timeout")));
        assert!(s17.contains(&"SET transaction_timeout = 0"));
        assert_eq!(
            s16[0],
            "SELECT pg_catalog.set_config('search_path', '', false)"
        );
    }
}
