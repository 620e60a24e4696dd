//! Tables, their column defaults and comments (pg_dump.c `dumpTableSchema`, `dumpAttrDef`,
//! `dumpTableComment`).

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
    let node = &objs.graph.nodes[id - 1];
    if node.flags.separate {
        let r = &cat.relations[ri];
        let c = &r.columns[ci];
        let qual = ctx.qualified_rel(r);
        let mut e = TocEntry::new(
            format!("{} {}", r.name, c.name),
            "DEFAULT",
            Section::PreData,
            format!(
                "ALTER TABLE ONLY {qual} ALTER COLUMN {} SET DEFAULT {};\n",
                q.id(&c.name),
                c.default_expr.as_deref().unwrap_or("")
            ),
        );
        e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
        e.owner = Some(r.owner.clone());
        e.drop_stmt = format!(
            "ALTER TABLE {qual} ALTER COLUMN {} DROP DEFAULT;\n",
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
    let Some(list) = ctx.comments.get(&("pg_class", r.oid)) else {
        return;
    };
    for c in list {
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

/// Whether a column goes into CREATE TABLE (shouldPrintColumn).
pub(super) fn prints_column(c: &Column) -> bool {
    c.is_local && !c.is_dropped
}

pub(super) fn render_table(ctx: &Ctx, objs: &Objects, out: &mut Vec<TocEntry>, r: &Relation) {
    let q = &ctx.q;
    let cat = ctx.cat;
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    let v18 = cat.server_version_num >= 180000;
    let mut defn = format!("CREATE TABLE {qual}");
    let mut items: Vec<String> = Vec::new();
    for c in r.columns.iter().filter(|c| prints_column(c)) {
        let mut s = format!("{} {}", q.id(&c.name), c.type_name);
        // A default printed inline unless a dependency loop made it separate.
        let inline_default = c.default_oid.is_some_and(|oid| {
            objs.node_of(class::PG_ATTRDEF, oid)
                .is_some_and(|n| !n.flags.separate)
        });
        if inline_default && let Some(expr) = &c.default_expr {
            match c.generated {
                's' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr}) STORED")),
                'v' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr})")),
                _ => s.push_str(&format!(" DEFAULT {expr}")),
            }
        }
        if c.not_null {
            let named = if v18 { not_null_name(ctx, r, c) } else { None };
            match named {
                Some(name) => s.push_str(&format!(" CONSTRAINT {} NOT NULL", q.id(&name))),
                None => s.push_str(" NOT NULL"),
            }
            if v18 && not_null_no_inherit(ctx, r, c) {
                s.push_str(" NO INHERIT");
            }
        }
        if let Some(coll) = &c.collation {
            s.push_str(&format!(" COLLATE {coll}"));
        }
        items.push(s);
    }
    let mut checks: Vec<&crate::model::Constraint> = ctx
        .lookup
        .table_constraints(cat, r.oid)
        .filter(|c| c.contype == 'c' && c.is_local)
        .filter(|c| {
            !objs
                .node_of(class::PG_CONSTRAINT, c.oid)
                .is_some_and(|n| n.flags.separate)
        })
        .collect();
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    for c in checks {
        items.push(format!("CONSTRAINT {} {}", q.id(&c.name), c.definition));
    }
    if items.is_empty() {
        defn.push_str(" (\n)");
    } else {
        defn.push_str(" (\n    ");
        defn.push_str(&items.join(",\n    "));
        defn.push_str("\n)");
    }
    defn.push_str(";\n");
    if r.force_row_security {
        defn.push_str(&format!(
            "\nALTER TABLE ONLY {qual} FORCE ROW LEVEL SECURITY;\n"
        ));
    }
    let mut e = TocEntry::new(&r.name, "TABLE", Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.tablespace = Some(r.tablespace.clone());
    e.table_am = Some(r.access_method.clone());
    e.drop_stmt = format!("DROP TABLE {qual};\n");
    e.owner_object = Some(format!("TABLE {qual}"));
    out.push(e);
    relation_comments(ctx, out, r, "TABLE");
    ctx.relation_acls(out, r);
}

/// The not-null constraint's name when it must be printed (server 18: not the default name).
pub(super) fn not_null_name(ctx: &Ctx, r: &Relation, c: &Column) -> Option<String> {
    let con = ctx
        .lookup
        .table_constraints(ctx.cat, r.oid)
        .find(|k| k.contype == 'n' && k.columns.first() == Some(&c.num))?;
    let default = format!("{}_{}_not_null", r.name, c.name);
    let has_comment = ctx.lookup.has_comment("pg_constraint", con.oid);
    (con.name != default || has_comment).then(|| con.name.clone())
}

pub(super) fn not_null_no_inherit(ctx: &Ctx, r: &Relation, c: &Column) -> bool {
    ctx.lookup
        .table_constraints(ctx.cat, r.oid)
        .any(|k| k.contype == 'n' && k.columns.first() == Some(&c.num) && k.no_inherit)
}
