//! Object selection: the `-n`/`-N`, `-t`/`-T`, `--table-and-children`,
//! `--exclude-table-and-children` and `-e`/`--exclude-extension` patterns resolved to OIDs, as
//! pg_dump.c `expand_schema_name_patterns`, `expand_table_name_patterns` and
//! `expand_extension_name_patterns` do, followed by the "no matching ..." checks of pg_dump's
//! `main`. [`crate::options::pattern`] turns each pattern into regexes; the server matches them,
//! in one query per kind whatever the number of patterns (pg_dump runs one per pattern). Errors
//! come out in pg_dump's order and wording: lists in pg_dump's order, and within a list each
//! pattern's dot errors, then its `--strict-names` check, before the next pattern.

use tokio_postgres::Client;
use tokio_postgres::error::SqlState;

use crate::catalog::{self, CatalogError, TablePatternQuery};
use rustc_hash::FxHashMap as HashMap;

use crate::model::{Namespace, Relation, Unsupported};
use crate::options::pattern::{
    PatternError, PatternKind, SqlPattern, check_include_matches, parse_extension_pattern,
    parse_relation_pattern, parse_schema_pattern,
};

use super::build::Selection;
use super::{NativeError, NativeOptions, NotNative};

/// The pattern options, in the order pg_dump expands them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Schemas,
    ExcludeSchemas,
    Tables,
    TablesAndChildren,
    ExcludeTables,
    ExcludeTablesAndChildren,
    Extensions,
    ExcludeExtensions,
}

impl List {
    const ALL: [List; 8] = [
        List::Schemas,
        List::ExcludeSchemas,
        List::Tables,
        List::TablesAndChildren,
        List::ExcludeTables,
        List::ExcludeTablesAndChildren,
        List::Extensions,
        List::ExcludeExtensions,
    ];

    fn kind(self) -> PatternKind {
        match self {
            List::Schemas | List::ExcludeSchemas => PatternKind::Schema,
            List::Extensions | List::ExcludeExtensions => PatternKind::Extension,
            _ => PatternKind::Table,
        }
    }

    fn is_include(self) -> bool {
        matches!(
            self,
            List::Schemas | List::Tables | List::TablesAndChildren | List::Extensions
        )
    }

    fn with_children(self) -> bool {
        matches!(
            self,
            List::TablesAndChildren | List::ExcludeTablesAndChildren
        )
    }

    fn patterns(self, opts: &NativeOptions) -> &[String] {
        match self {
            List::Schemas => &opts.schemas,
            List::ExcludeSchemas => &opts.exclude_schemas,
            List::Tables => &opts.tables,
            List::TablesAndChildren => &opts.tables_and_children,
            List::ExcludeTables => &opts.exclude_tables,
            List::ExcludeTablesAndChildren => &opts.exclude_tables_and_children,
            List::Extensions => &opts.extensions,
            List::ExcludeExtensions => &opts.exclude_extensions,
        }
    }
}

/// One pattern of one list: what it matched, or why pg_dump refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Resolved<'a> {
    list: List,
    pattern: &'a str,
    matched: Result<Vec<u32>, PatternError>,
}

/// Resolves the selection patterns of `opts` against the database `current_db` (the name
/// pg_dump's `PQdb` gives, which `db.schema.table` patterns must name).
pub async fn resolve(
    client: &Client,
    current_db: &str,
    opts: &NativeOptions,
) -> Result<Selection, NativeError> {
    let parsed: Vec<(List, &str, Result<SqlPattern, PatternError>)> = List::ALL
        .iter()
        .flat_map(|&list| {
            list.patterns(opts).iter().map(move |p| {
                let parsed = match list.kind() {
                    PatternKind::Schema => parse_schema_pattern(p, current_db),
                    PatternKind::Table => parse_relation_pattern(p, current_db),
                    PatternKind::Extension => parse_extension_pattern(p),
                };
                (list, p.as_str(), parsed)
            })
        })
        .collect();

    // One query per kind, for the patterns that parsed; `slot[i]` is pattern i's row index.
    let mut slot = vec![usize::MAX; parsed.len()];
    let mut schema_regexes = Vec::new();
    let mut table_queries = Vec::new();
    let mut extension_regexes = Vec::new();
    for (i, (list, _, p)) in parsed.iter().enumerate() {
        let Ok(p) = p else { continue };
        match list.kind() {
            PatternKind::Schema => {
                slot[i] = schema_regexes.len();
                schema_regexes.push(p.name_filter().map(str::to_string));
            }
            PatternKind::Extension => {
                slot[i] = extension_regexes.len();
                extension_regexes.push(p.name_filter().map(str::to_string));
            }
            PatternKind::Table => {
                slot[i] = table_queries.len();
                table_queries.push(TablePatternQuery {
                    schema_regex: p.schema_filter().map(str::to_string),
                    name_regex: p.name_filter().map(str::to_string),
                    visible_only: !p.has_schema_part(),
                    with_children: list.with_children(),
                });
            }
        }
    }
    let schema_matches = if schema_regexes.is_empty() {
        Vec::new()
    } else {
        catalog::load_schema_pattern_matches(client, &schema_regexes)
            .await
            .map_err(invalid_regex)?
    };
    let table_matches = if table_queries.is_empty() {
        Vec::new()
    } else {
        catalog::load_table_pattern_matches(client, &table_queries)
            .await
            .map_err(invalid_regex)?
    };
    let extension_matches = if extension_regexes.is_empty() {
        Vec::new()
    } else {
        catalog::load_extension_pattern_matches(client, &extension_regexes)
            .await
            .map_err(invalid_regex)?
    };

    let resolved: Vec<Resolved> = parsed
        .into_iter()
        .enumerate()
        .map(|(i, (list, pattern, p))| {
            let rows = match list.kind() {
                PatternKind::Schema => &schema_matches,
                PatternKind::Table => &table_matches,
                PatternKind::Extension => &extension_matches,
            };
            let matched = p.map(|_| {
                rows.iter()
                    .filter(|(k, _)| *k == slot[i])
                    .map(|(_, oid)| *oid)
                    .collect()
            });
            Resolved {
                list,
                pattern,
                matched,
            }
        })
        .collect();
    select_from_matches(&resolved, opts.strict_names).map_err(|e| NativeError::Fatal(e.to_string()))
}

/// A pattern the server refuses as a regular expression: pg_dump fails with the server's
/// message and its query, and that exact text is pg_dump's to give, so the request goes to it.
fn invalid_regex(e: CatalogError) -> NativeError {
    match &e {
        CatalogError::Query { source, .. }
            if source.code() == Some(&SqlState::INVALID_REGULAR_EXPRESSION) =>
        {
            NativeError::NotNative(NotNative::Pattern(crate::db::describe(source)))
        }
        _ => NativeError::Catalog(e),
    }
}

/// What a selection asks for that the native engine does not read: the contents of a system
/// schema (`pg_*`, `information_schema`), which pg_dump dumps when `-n` or `-t` selects them
/// (and `-N` or `-T` does not take them out again).
pub fn unreadable_selection(
    namespaces: &[Namespace],
    relations: &[Relation],
    sel: &Selection,
) -> Vec<Unsupported> {
    let is_system = |name: &str| name.starts_with("pg_") || name == "information_schema";
    let mut out: Vec<Unsupported> = namespaces
        .iter()
        .filter(|n| {
            sel.include_schemas.contains(&n.oid)
                && !sel.exclude_schemas.contains(&n.oid)
                && is_system(&n.name)
        })
        .map(|n| Unsupported {
            kind: "SYSTEM SCHEMA".into(),
            name: n.name.clone(),
        })
        .collect();
    if sel.include_tables.is_empty() {
        return out;
    }
    let by_oid: HashMap<u32, &Relation> = relations.iter().map(|r| (r.oid, r)).collect();
    let mut tables: Vec<u32> = sel
        .include_tables
        .difference(&sel.exclude_tables)
        .copied()
        .collect();
    tables.sort_unstable();
    for oid in tables {
        let rel = by_oid.get(&oid).copied();
        let nsp = rel.and_then(|r| namespaces.iter().find(|n| n.oid == r.nsp_oid));
        match (rel, nsp) {
            (Some(_), Some(n)) if !is_system(&n.name) => {}
            (Some(r), _) => out.push(Unsupported {
                kind: "TABLE IN A SYSTEM SCHEMA".into(),
                name: r.name.clone(),
            }),
            (None, _) => out.push(Unsupported {
                kind: "TABLE IN A SYSTEM SCHEMA".into(),
                name: format!("OID {oid}"),
            }),
        }
    }
    out
}

/// The selection from each pattern's matches, with pg_dump's checks in pg_dump's order.
fn select_from_matches(
    resolved: &[Resolved],
    strict_names: bool,
) -> Result<Selection, PatternError> {
    let mut sel = Selection::default();
    for kind in [
        PatternKind::Schema,
        PatternKind::Table,
        PatternKind::Extension,
    ] {
        let of_kind = || resolved.iter().filter(move |r| r.list.kind() == kind);
        let mut counts = Vec::new();
        for r in of_kind().filter(|r| r.list.is_include()) {
            let oids = r.matched.clone()?;
            if strict_names {
                check_include_matches(kind, [(r.pattern, oids.len())], true)?;
            }
            counts.push((r.pattern, oids.len()));
            match kind {
                PatternKind::Schema => sel.include_schemas.extend(oids),
                PatternKind::Table => sel.include_tables.extend(oids),
                PatternKind::Extension => sel.include_extensions.extend(oids),
            }
        }
        check_include_matches(kind, counts, false)?;
        for r in of_kind().filter(|r| !r.list.is_include()) {
            let oids = r.matched.clone()?;
            match kind {
                PatternKind::Schema => sel.exclude_schemas.extend(oids),
                PatternKind::Table => sel.exclude_tables.extend(oids),
                PatternKind::Extension => sel.exclude_extensions.extend(oids),
            }
        }
    }
    Ok(sel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Catalog, Extension};
    use crate::native::build::{self, Objects, Target};

    fn ok<'a>(list: List, pattern: &'a str, oids: &[u32]) -> Resolved<'a> {
        Resolved {
            list,
            pattern,
            matched: Ok(oids.to_vec()),
        }
    }

    fn bad(list: List, pattern: &str) -> Resolved<'_> {
        Resolved {
            list,
            pattern,
            matched: Err(PatternError::TooManyDots(pattern.to_string())),
        }
    }

    fn error(resolved: &[Resolved], strict: bool) -> String {
        select_from_matches(resolved, strict)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn matches_become_oid_sets() {
        let sel = select_from_matches(
            &[
                ok(List::Schemas, "a*", &[1, 2]),
                ok(List::ExcludeSchemas, "a2", &[2]),
                ok(List::Tables, "t", &[10]),
                ok(List::TablesAndChildren, "p", &[11, 12]),
                ok(List::ExcludeTables, "x", &[]),
                ok(List::ExcludeTablesAndChildren, "q", &[12]),
                ok(List::Extensions, "e", &[20]),
                ok(List::ExcludeExtensions, "f", &[21]),
            ],
            true,
        )
        .unwrap();
        assert_eq!(sel.include_schemas, [1, 2].into_iter().collect());
        assert_eq!(sel.exclude_schemas, [2].into_iter().collect());
        assert_eq!(sel.include_tables, [10, 11, 12].into_iter().collect());
        assert_eq!(sel.exclude_tables, [12].into_iter().collect());
        assert_eq!(sel.include_extensions, [20].into_iter().collect());
        assert_eq!(sel.exclude_extensions, [21].into_iter().collect());
        assert!(!sel.include_everything());
        assert!(
            select_from_matches(&[], false)
                .unwrap()
                .include_everything()
        );
    }

    #[test]
    fn unmatched_include_patterns_fail_only_when_all_miss_or_strict() {
        let two = [ok(List::Tables, "a", &[]), ok(List::Tables, "b", &[5])];
        assert!(select_from_matches(&two, false).is_ok());
        assert_eq!(
            error(&two, true),
            "no matching tables were found for pattern \"a\""
        );
        // -t and --table-and-children count together.
        let both = [
            ok(List::Tables, "a", &[]),
            ok(List::TablesAndChildren, "b", &[5]),
        ];
        assert!(select_from_matches(&both, false).is_ok());
        assert_eq!(
            error(&[ok(List::TablesAndChildren, "c", &[])], false),
            "no matching tables were found"
        );
        assert_eq!(
            error(&[ok(List::Schemas, "s", &[])], false),
            "no matching schemas were found"
        );
        assert_eq!(
            error(&[ok(List::Extensions, "e", &[])], true),
            "no matching extensions were found for pattern \"e\""
        );
        // Exclusions never fail for matching nothing.
        let excl = [
            ok(List::ExcludeSchemas, "s", &[]),
            ok(List::ExcludeTables, "t", &[]),
            ok(List::ExcludeExtensions, "e", &[]),
        ];
        assert!(select_from_matches(&excl, true).is_ok());
    }

    #[test]
    fn errors_come_in_pg_dump_order() {
        // A pattern's strict check runs before the next pattern is parsed.
        let r = [ok(List::Schemas, "none", &[]), bad(List::Schemas, "a.b.c")];
        assert_eq!(
            error(&r, true),
            "no matching schemas were found for pattern \"none\""
        );
        assert_eq!(
            error(&r, false),
            "improper qualified name (too many dotted names): a.b.c"
        );
        // Schemas (include and exclude) before tables, tables before extensions.
        let r = [
            ok(List::Tables, "t", &[]),
            bad(List::ExcludeSchemas, "x.y.z"),
            ok(List::Extensions, "e", &[]),
        ];
        assert_eq!(
            error(&r, false),
            "improper qualified name (too many dotted names): x.y.z"
        );
        let r = [ok(List::Tables, "t", &[]), ok(List::Extensions, "e", &[])];
        assert_eq!(error(&r, false), "no matching tables were found");
        // The total check of -t comes before the -T patterns are looked at.
        let r = [
            ok(List::Tables, "t", &[]),
            bad(List::ExcludeTables, "a.b.c.d"),
        ];
        assert_eq!(error(&r, false), "no matching tables were found");
    }

    fn namespace(oid: u32, name: &str) -> Namespace {
        Namespace {
            oid,
            name: name.into(),
            owner: "postgres".into(),
            owner_oid: 10,
            acl: None,
            acl_default: String::new(),
            init_acl: None,
        }
    }

    /// A relation of schema 16385; `owner` (table oid, identity) for owned sequences.
    fn relation(oid: u32, name: &str, relkind: char, owner: Option<(u32, bool)>) -> Relation {
        Relation {
            oid,
            name: name.into(),
            quoted_name: format!("s.{name}"),
            nsp_oid: 16385,
            relkind,
            owner: "postgres".into(),
            acl: None,
            acl_default: String::new(),
            init_acl: None,
            persistence: 'p',
            rowtype_oid: 0,
            of_type: 0,
            is_partition: false,
            is_populated: true,
            row_security: false,
            force_row_security: false,
            replica_identity: 'd',
            reloptions: Vec::new(),
            check_option: None,
            toast_reloptions: Vec::new(),
            access_method: String::new(),
            tablespace: String::new(),
            owning_table: owner.map_or(0, |o| o.0),
            owning_column: i32::from(owner.is_some()),
            is_identity_sequence: owner.is_some_and(|o| o.1),
            viewdef: None,
            sequence: None,
            columns: Vec::new(),
            partkeydef: None,
            partbound: None,
            of_type_name: None,
            parents: Vec::new(),
        }
    }

    /// Schema `app` with a table and its serial sequence, a table and its identity sequence, a
    /// loose sequence; two extensions, one built in.
    fn catalog() -> Catalog {
        Catalog {
            namespaces: vec![namespace(2200, "public"), namespace(16385, "app")],
            relations: vec![
                relation(16390, "t_id_seq", 'S', Some((16391, false))),
                relation(16391, "t", 'r', None),
                relation(16392, "u", 'r', None),
                relation(16393, "u_id_seq", 'S', Some((16392, true))),
                relation(16394, "loose", 'S', None),
            ],
            extensions: vec![
                Extension {
                    oid: 13000,
                    name: "plpgsql".into(),
                    schema: "pg_catalog".into(),
                },
                Extension {
                    oid: 16400,
                    name: "citext".into(),
                    schema: "public".into(),
                },
            ],
            ..Default::default()
        }
    }

    /// Names of the dumped relations, extensions and schemas.
    fn dumped(sel: &Selection) -> Vec<String> {
        let cat = catalog();
        let objs: Objects = build::build(&cat, &crate::model::Lookup::new(&cat), sel, true);
        (1..=objs.targets.len())
            .filter(|&id| objs.is_dumped(id))
            .filter_map(|id| match objs.target(id) {
                Target::Relation(i) => Some(cat.relations[i].name.clone()),
                Target::Extension(i) => Some(format!("extension {}", cat.extensions[i].name)),
                Target::Namespace(i) => Some(format!("schema {}", cat.namespaces[i].name)),
                _ => None,
            })
            .collect()
    }

    fn set(oids: &[u32]) -> rustc_hash::FxHashSet<u32> {
        oids.iter().copied().collect()
    }

    #[test]
    fn everything_by_default() {
        assert_eq!(
            dumped(&Selection::default()),
            [
                "extension citext",
                "schema public",
                "schema app",
                "t_id_seq",
                "t",
                "u",
                "u_id_seq",
                "loose"
            ]
        );
    }

    #[test]
    fn table_selection_dumps_no_schema_or_extension_and_brings_owned_sequences() {
        let sel = Selection {
            include_tables: set(&[16391, 16392]),
            ..Default::default()
        };
        assert_eq!(dumped(&sel), ["t_id_seq", "t", "u", "u_id_seq"]);
        // A serial sequence alone is dumped; an identity sequence only with its table.
        let sel = Selection {
            include_tables: set(&[16390, 16393]),
            ..Default::default()
        };
        assert_eq!(dumped(&sel), ["t_id_seq"]);
    }

    #[test]
    fn excluded_table_keeps_its_serial_sequence_not_its_identity_sequence() {
        let sel = Selection {
            exclude_tables: set(&[16391, 16392]),
            ..Default::default()
        };
        assert_eq!(
            dumped(&sel),
            [
                "extension citext",
                "schema public",
                "schema app",
                "t_id_seq",
                "loose"
            ]
        );
    }

    #[test]
    fn extension_selection_keeps_every_schema() {
        let sel = Selection {
            include_extensions: set(&[16400]),
            ..Default::default()
        };
        assert!(!sel.include_everything());
        assert!(sel.extension_selected(16400) && !sel.extension_selected(13000));
        assert_eq!(
            dumped(&sel)[..3],
            ["extension citext", "schema public", "schema app"]
        );
        let sel = Selection {
            include_schemas: set(&[16385]),
            exclude_extensions: set(&[16400]),
            ..Default::default()
        };
        assert!(!sel.extension_selected(16400));
        assert_eq!(dumped(&sel)[..2], ["schema app", "t_id_seq"]);
    }

    #[test]
    fn selected_system_schemas_and_tables_are_not_native() {
        let mut cat = catalog();
        cat.namespaces.push(namespace(11, "pg_catalog"));
        let sel = Selection {
            include_schemas: set(&[11, 16385]),
            include_tables: set(&[1259, 16391]),
            ..Default::default()
        };
        let names: Vec<String> = unreadable_selection(&cat.namespaces, &cat.relations, &sel)
            .into_iter()
            .map(|u| format!("{} {}", u.kind, u.name))
            .collect();
        assert_eq!(
            names,
            [
                "SYSTEM SCHEMA pg_catalog",
                "TABLE IN A SYSTEM SCHEMA OID 1259"
            ]
        );
        let sel = Selection {
            include_schemas: set(&[11]),
            exclude_schemas: set(&[11]),
            include_tables: set(&[1259]),
            exclude_tables: set(&[1259]),
            ..Default::default()
        };
        assert!(unreadable_selection(&cat.namespaces, &cat.relations, &sel).is_empty());
    }
}
