//! Tables (plain, partitioned, inheritance children, typed), materialized views, their column
//! defaults, comments, partition attachments and matview refreshes (pg_dump.c
//! `dumpTableSchema`, `dumpAttrDef`, `dumpTableComment`, `dumpTableAttach`,
//! `refreshMatViewData`).

use super::*;

pub(super) fn render_attrdef(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    id: DumpId,
    ri: usize,
    ci: usize,
) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let flags = objs.flags(id);
    if flags.separate {
        let r = &cat.relations[ri];
        let c = &r.columns[ci];
        let qual = ctx.qualified_rel(r);
        let foreign = if r.relkind == 'f' { "FOREIGN " } else { "" };
        let mut e = TocEntry::new(
            format!("{} {}", r.name, c.name),
            "DEFAULT",
            Section::PreData,
            format!(
                "ALTER {foreign}TABLE ONLY {qual} ALTER COLUMN {} SET DEFAULT {};\n",
                q.id(&c.name),
                c.default_expr.as_deref().unwrap_or("NULL")
            ),
        );
        e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
        e.owner = Some(r.owner.clone());
        e.drop_stmt = format!(
            "ALTER {foreign}TABLE {qual} ALTER COLUMN {} DROP DEFAULT;\n",
            q.id(&c.name)
        );
        out.push(e);
    }
}

/// Table and column comments (dumpTableComment), in objsubid order.
pub(super) fn relation_comments(ctx: &Ctx, out: &mut Vec<TocEntry>, r: &Relation, kind: &str) {
    if ctx.no_comments {
        return;
    }
    let q = &ctx.q;
    let nsp = ctx.nsp(r.nsp_oid);
    let qual = ctx.qualified_rel(r);
    for c in ctx.comments("pg_class", r.oid) {
        let (tag, target, k) = if c.sub_id == 0 {
            (q.id(&r.name), qual.clone(), kind)
        } else {
            let Some(col) = r.columns.iter().find(|col| i32::from(col.num) == c.sub_id) else {
                continue;
            };
            (
                format!("{}.{}", q.id(&r.name), q.id(&col.name)),
                format!("{qual}.{}", q.id(&col.name)),
                "COLUMN",
            )
        };
        let mut e = TocEntry::new(
            format!("{k} {tag}"),
            "COMMENT",
            Section::None,
            format!("COMMENT ON {k} {target} IS {};\n", ctx.lit(&c.description)),
        );
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        out.push(e);
    }
}

/// pg_dump's not-null facts for one column (getTableAttrs' determineNotNullFlags, adjusted by
/// flagInhAttrs): `None` when no NOT NULL is printed inline, else the name to print (`None`
/// for an unnamed one), whether it is locally defined, and NO INHERIT.
struct NotNull {
    name: Option<String>,
    is_local: bool,
    no_inherit: bool,
}

fn not_null(ctx: &Ctx, r: &Relation, c: &Column) -> Option<NotNull> {
    let cat = ctx.cat;
    if cat.server_version_num >= 180000 {
        let con = ctx
            .lookup
            .table_constraints(cat, r.oid)
            .find(|k| k.contype == 'n' && k.columns.as_slice() == [c.num])?;
        // An invalid one is its own (separate) object.
        if !con.validated {
            return None;
        }
        let mut is_local = con.is_local;
        if !r.parents.is_empty() && !matches!(r.relkind, 'S' | 'v' | 'm') {
            // flagInhAttrs: printed locally unless some parent has a valid not-null on it.
            let valid_in_parent = r.parents.iter().any(|&p| {
                ctx.relation(p).is_some_and(|p| {
                    p.columns
                        .iter()
                        .find(|pc| !pc.is_dropped && pc.name == c.name)
                        .is_some_and(|pc| {
                            ctx.lookup.table_constraints(cat, p.oid).any(|k| {
                                k.contype == 'n' && k.validated && k.columns.as_slice() == [pc.num]
                            })
                        })
                })
            });
            if !valid_in_parent {
                is_local = true;
            }
        }
        Some(NotNull {
            name: not_null_name(ctx, r, c),
            is_local,
            no_inherit: con.no_inherit,
        })
    } else {
        if !c.not_null {
            return None;
        }
        // Before 18 a not-null is taken as inherited when any parent has one on the column.
        let inherited = !matches!(r.relkind, 'S' | 'v' | 'm')
            && r.parents.iter().any(|&p| {
                ctx.relation(p).is_some_and(|p| {
                    p.columns
                        .iter()
                        .any(|pc| !pc.is_dropped && pc.name == c.name && pc.not_null)
                })
            });
        Some(NotNull {
            name: None,
            is_local: !inherited,
            no_inherit: false,
        })
    }
}

/// The default printed inside CREATE TABLE, if any: a dumped, not separate default (or the
/// `DEFAULT NULL` flagInhAttrs made up).
fn inline_default<'a>(objs: &Objects, ri: usize, ci: usize, c: &'a Column) -> Option<&'a str> {
    if let Some(&id) = objs.null_defaults.get(&(ri, ci)) {
        return (!objs.flags(id).separate).then_some("NULL");
    }
    let oid = c.default_oid?;
    let &id = objs.by_catalog_id.get(&(class::PG_ATTRDEF, oid))?;
    let flags = objs.flags(id);
    if flags.separate || !objs.is_dumped(id) {
        return None;
    }
    c.default_expr.as_deref()
}

/// dumpTableSchema for tables, partitioned tables and materialized views.
pub(super) fn render_table(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    ri: usize,
    id: DumpId,
) {
    let q = &ctx.q;
    let cat = ctx.cat;
    let r = &cat.relations[ri];
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    let matview = r.relkind == 'm';
    let reltype = if matview {
        "MATERIALIZED VIEW"
    } else {
        "TABLE"
    };
    // UNLOGGED is not printed for partitioned tables (18 refuses it there).
    let unlogged = if r.persistence == 'u' && r.relkind != 'p' {
        "UNLOGGED "
    } else {
        ""
    };
    let mut defn = format!("CREATE {unlogged}{reltype} {qual}");
    let typed = r.of_type_name.is_some();
    if let Some(t) = &r.of_type_name {
        defn.push_str(&format!(" OF {t}"));
    }
    if !matview {
        let mut items: Vec<String> = Vec::new();
        for (ci, c) in r.columns.iter().enumerate() {
            if c.is_dropped {
                continue;
            }
            let nn = not_null(ctx, r, c);
            if super::super::build::prints_column(r, c) {
                let default = inline_default(objs, ri, ci, c);
                let print_nn = nn.as_ref().filter(|n| n.is_local || r.is_partition);
                // A typed table's column is printed only for what the type lacks.
                if typed && default.is_none() && print_nn.is_none() {
                    continue;
                }
                let mut s = q.id(&c.name);
                if !typed {
                    s.push(' ');
                    s.push_str(&c.type_name);
                }
                if let Some(expr) = default {
                    match c.generated {
                        's' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr}) STORED")),
                        'v' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr})")),
                        _ => s.push_str(&format!(" DEFAULT {expr}")),
                    }
                }
                if let Some(n) = print_nn {
                    match &n.name {
                        Some(name) => s.push_str(&format!(" CONSTRAINT {} NOT NULL", q.id(name))),
                        None => s.push_str(" NOT NULL"),
                    }
                    if n.no_inherit {
                        s.push_str(" NO INHERIT");
                    }
                }
                if let Some(coll) = c.collation() {
                    s.push_str(&format!(" COLLATE {coll}"));
                }
                items.push(s);
            } else if let Some(n) = nn.filter(|n| n.is_local) {
                // An inherited column with a not-null of its own: a table element, whose
                // constraint name pg_dump 18 prints unquoted.
                let mut s = match &n.name {
                    Some(name) => format!("CONSTRAINT {name} NOT NULL {}", q.id(&c.name)),
                    None => format!("NOT NULL {}", q.id(&c.name)),
                };
                if n.no_inherit {
                    s.push_str(" NO INHERIT");
                }
                items.push(s);
            }
        }
        for c in inline_checks(ctx, objs, r) {
            items.push(format!("CONSTRAINT {} {}", q.id(&c.name), c.definition));
        }
        if !items.is_empty() {
            defn.push_str(" (\n    ");
            defn.push_str(&items.join(",\n    "));
            defn.push_str("\n)");
        } else if !typed {
            defn.push_str(" (\n)");
        }
        if !r.parents.is_empty() && !r.is_partition {
            let parents: Vec<String> = r
                .parents
                .iter()
                .filter_map(|&p| ctx.relation(p))
                .map(|p| ctx.qualified_rel(p))
                .collect();
            defn.push_str(&format!("\nINHERITS ({})", parents.join(", ")));
        }
        if let Some(key) = &r.partkeydef {
            defn.push_str(&format!("\nPARTITION BY {key}"));
        }
    }
    if !r.reloptions.is_empty() || !r.toast_reloptions.is_empty() {
        let mut opts = Vec::new();
        if !r.reloptions.is_empty() {
            opts.push(reloptions(&r.reloptions, "", q, cat.std_strings));
        }
        if !r.toast_reloptions.is_empty() {
            opts.push(reloptions(
                &r.toast_reloptions,
                "toast.",
                q,
                cat.std_strings,
            ));
        }
        defn.push_str(&format!("\nWITH ({})", opts.join(", ")));
    }
    if matview {
        defn.push_str(&format!(
            " AS\n{}\n  WITH NO DATA;\n",
            super::view::view_query(r)
        ));
    } else {
        defn.push_str(";\n");
    }
    column_alters(&mut defn, q, &qual, r);
    match r.replica_identity {
        'n' => defn.push_str(&format!(
            "\nALTER TABLE ONLY {qual} REPLICA IDENTITY NOTHING;\n"
        )),
        'f' => defn.push_str(&format!(
            "\nALTER TABLE ONLY {qual} REPLICA IDENTITY FULL;\n"
        )),
        _ => {}
    }
    if r.force_row_security {
        defn.push_str(&format!(
            "\nALTER TABLE ONLY {qual} FORCE ROW LEVEL SECURITY;\n"
        ));
    }
    // A matview whose definition a dependency loop postponed goes to post-data.
    let postponed = matview && objs.flags(id).separate;
    let section = if postponed {
        Section::PostData
    } else {
        Section::PreData
    };
    let mut e = TocEntry::new(&r.name, reltype, section, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.tablespace = Some(r.tablespace.clone());
    if r.relkind != 'p' {
        e.table_am = Some(r.access_method.clone());
    }
    e.drop_stmt = format!("DROP {reltype} {qual};\n");
    e.owner_object = Some(format!("{reltype} {qual}"));
    out.push(e);
    relation_comments(ctx, out, r, reltype);
    for c in inline_checks(ctx, objs, r).filter(|c| c.is_local) {
        super::constraint::constraint_comment(ctx, out, c.oid, &c.name, r);
    }
    ctx.relation_acls(out, r);
}

/// The CHECK constraints printed inside CREATE TABLE, by name: validated ones defined on the
/// table itself (all of them on a partition, which ATTACH PARTITION expects).
fn inline_checks<'a>(
    ctx: &'a Ctx,
    objs: &'a Objects,
    r: &'a Relation,
) -> impl Iterator<Item = &'a crate::model::Constraint> + 'a {
    let mut checks: Vec<&crate::model::Constraint> = ctx
        .lookup
        .table_constraints(ctx.cat, r.oid)
        .filter(|c| c.contype == 'c' && (c.is_local || r.is_partition))
        .filter(|c| !is_separate(objs, c.oid))
        .collect();
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    checks.into_iter()
}

/// The per-column settings only ALTER TABLE can make, after a table's (or a foreign table's)
/// CREATE statement: statistics target, storage, compression, attribute options and a foreign
/// table column's FDW options (dumpTableSchema's column loop).
pub(super) fn column_alters(
    defn: &mut String,
    q: &crate::render::quote::Quoting,
    qual: &str,
    r: &Relation,
) {
    let foreign = if r.relkind == 'f' { "FOREIGN " } else { "" };
    for c in r.columns.iter().filter(|c| !c.is_dropped) {
        let col = q.id(&c.name);
        let alter = || format!("ALTER {foreign}TABLE ONLY {qual} ALTER COLUMN {col}");
        if c.stat_target >= 0 {
            defn.push_str(&format!("{} SET STATISTICS {};\n", alter(), c.stat_target));
        }
        if c.storage != c.type_storage {
            let storage = match c.storage {
                'p' => Some("PLAIN"),
                'e' => Some("EXTERNAL"),
                'x' => Some("EXTENDED"),
                'm' => Some("MAIN"),
                _ => None,
            };
            if let Some(storage) = storage {
                defn.push_str(&format!("{} SET STORAGE {storage};\n", alter()));
            }
        }
        let compression = match c.compression {
            'p' => Some("pglz"),
            'l' => Some("lz4"),
            _ => None,
        };
        if let Some(method) = compression {
            defn.push_str(&format!("{} SET COMPRESSION {method};\n", alter()));
        }
        if !c.options().is_empty() {
            defn.push_str(&format!("{} SET ({});\n", alter(), c.options().join(", ")));
        }
        if r.relkind == 'f'
            && let Some(options) = c.fdw_options()
        {
            defn.push_str(&format!("{} OPTIONS (\n    {options}\n);\n", alter()));
        }
    }
}

/// dumpTableAttach: `ALTER TABLE ONLY parent ATTACH PARTITION child <bound>;`, no drop.
pub(super) fn render_table_attach(ctx: &Ctx, out: &mut Vec<TocEntry>, ri: usize) {
    let r = &ctx.cat.relations[ri];
    let Some(parent) = r.parents.first().and_then(|&p| ctx.relation(p)) else {
        return;
    };
    let mut e = TocEntry::new(
        &r.name,
        "TABLE ATTACH",
        Section::PreData,
        format!(
            "ALTER TABLE ONLY {} ATTACH PARTITION {} {};\n",
            ctx.qualified_rel(parent),
            ctx.qualified_rel(r),
            r.partbound.as_deref().unwrap_or("")
        ),
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    out.push(e);
}

/// The not-null constraint's name when it must be printed (server 18: not the default name).
pub(super) fn not_null_name(ctx: &Ctx, r: &Relation, c: &Column) -> Option<String> {
    let con = ctx
        .lookup
        .table_constraints(ctx.cat, r.oid)
        .find(|k| k.contype == 'n' && k.columns.first() == Some(&c.num))?;
    let default = format!("{}_{}_not_null", r.name, c.name);
    let has_comment = !ctx.comments("pg_constraint", con.oid).is_empty();
    (con.name != default || has_comment).then(|| con.name.clone())
}

/// refreshMatViewData: `REFRESH MATERIALIZED VIEW m;`, printed after the ACLs.
pub(super) fn render_refresh_matview(ctx: &Ctx, out: &mut Vec<TocEntry>, ri: usize) {
    let r = &ctx.cat.relations[ri];
    let mut e = TocEntry::new(
        &r.name,
        "MATERIALIZED VIEW DATA",
        Section::PostData,
        format!("REFRESH MATERIALIZED VIEW {};\n", ctx.qualified_rel(r)),
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    e.is_post_acl = true;
    out.push(e);
}
