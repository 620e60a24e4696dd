//! Foreign-data wrappers, foreign servers with their user mappings, and foreign tables
//! (pg_dump.c `dumpForeignDataWrapper`, `dumpForeignServer`, `dumpUserMappings`, and
//! `dumpTableSchema` for foreign tables).

use super::table::{not_null_name, relation_comments};
use super::*;
use crate::native::build::prints_column;

pub(super) fn render_fdw(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let w = &ctx.cat.foreign_data_wrappers[i];
    let qname = q.id(&w.name);
    let mut d = format!("CREATE FOREIGN DATA WRAPPER {qname}");
    if w.handler != "-" {
        d.push_str(&format!(" HANDLER {}", w.handler));
    }
    if w.validator != "-" {
        d.push_str(&format!(" VALIDATOR {}", w.validator));
    }
    if !w.options.is_empty() {
        d.push_str(&format!(" OPTIONS (\n    {}\n)", w.options));
    }
    d.push_str(";\n");
    let mut e = TocEntry::new(&w.name, "FOREIGN DATA WRAPPER", Section::PreData, d);
    e.owner = Some(w.owner.clone());
    e.drop_stmt = format!("DROP FOREIGN DATA WRAPPER {qname};\n");
    e.owner_object = Some(format!("FOREIGN DATA WRAPPER {qname}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_foreign_data_wrapper",
        w.oid,
        0,
        "FOREIGN DATA WRAPPER",
        &qname,
        &qname,
        None,
        &w.owner,
    );
    ctx.acl_entry(
        out,
        "FOREIGN DATA WRAPPER",
        format!("FOREIGN DATA WRAPPER {qname}"),
        &qname,
        None,
        None,
        &w.owner,
        w.acl.as_deref(),
        &w.acl_default,
        w.init_acl.as_deref(),
    );
}

pub(super) fn render_server(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let s = &ctx.cat.foreign_servers[i];
    let qname = q.id(&s.name);
    let mut d = format!("CREATE SERVER {qname}");
    if !s.server_type.is_empty() {
        d.push_str(&format!(" TYPE {}", ctx.lit(&s.server_type)));
    }
    if !s.server_version.is_empty() {
        d.push_str(&format!(" VERSION {}", ctx.lit(&s.server_version)));
    }
    d.push_str(&format!(" FOREIGN DATA WRAPPER {}", q.id(&s.fdw)));
    if !s.options.is_empty() {
        d.push_str(&format!(" OPTIONS (\n    {}\n)", s.options));
    }
    d.push_str(";\n");
    let mut e = TocEntry::new(&s.name, "SERVER", Section::PreData, d);
    e.owner = Some(s.owner.clone());
    e.drop_stmt = format!("DROP SERVER {qname};\n");
    e.owner_object = Some(format!("SERVER {qname}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_foreign_server",
        s.oid,
        0,
        "SERVER",
        &qname,
        &qname,
        None,
        &s.owner,
    );
    ctx.acl_entry(
        out,
        "FOREIGN SERVER",
        format!("FOREIGN SERVER {qname}"),
        &qname,
        None,
        None,
        &s.owner,
        s.acl.as_deref(),
        &s.acl_default,
        s.init_acl.as_deref(),
    );
    // dumpUserMappings: one entry per mapping, owned by the server's owner, with no ALTER OWNER.
    for (user, options) in &s.user_mappings {
        let mut d = format!("CREATE USER MAPPING FOR {} SERVER {qname}", q.id(user));
        if !options.is_empty() {
            d.push_str(&format!(" OPTIONS (\n    {options}\n)"));
        }
        d.push_str(";\n");
        let mut e = TocEntry::new(
            format!("USER MAPPING {user} SERVER {}", s.name),
            "USER MAPPING",
            Section::PreData,
            d,
        );
        e.owner = Some(s.owner.clone());
        e.drop_stmt = format!("DROP USER MAPPING FOR {} SERVER {qname};\n", q.id(user));
        out.push(e);
    }
}

/// dumpTableSchema for a foreign table: columns as for a table, then SERVER and OPTIONS.
pub(super) fn render_foreign_table(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    r: &Relation,
) {
    let q = &ctx.q;
    let cat = ctx.cat;
    let Some(ft) = ctx.lookup.foreign_table(cat, r.oid) else {
        return;
    };
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    let v18 = cat.server_version_num >= 180000;
    let mut items: Vec<String> = Vec::new();
    for c in r.columns.iter().filter(|c| prints_column(r, c)) {
        let mut s = format!("{} {}", q.id(&c.name), c.type_name);
        // A default printed inline unless a dependency loop made it separate.
        let inline_default = c.default_oid.is_some_and(|oid| {
            objs.flags_of(class::PG_ATTRDEF, oid)
                .is_some_and(|n| !n.separate)
        });
        if inline_default && let Some(expr) = &c.default_expr {
            match c.generated {
                's' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr}) STORED")),
                'v' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr})")),
                _ => s.push_str(&format!(" DEFAULT {expr}")),
            }
        }
        if c.not_null {
            match if v18 { not_null_name(ctx, r, c) } else { None } {
                Some(name) => s.push_str(&format!(" CONSTRAINT {} NOT NULL", q.id(&name))),
                None => s.push_str(" NOT NULL"),
            }
            if v18
                && ctx
                    .lookup
                    .table_constraints(cat, r.oid)
                    .any(|k| k.contype == 'n' && k.columns.first() == Some(&c.num) && k.no_inherit)
            {
                s.push_str(" NO INHERIT");
            }
        }
        if let Some(coll) = c.collation() {
            s.push_str(&format!(" COLLATE {coll}"));
        }
        items.push(s);
    }
    let mut checks: Vec<&crate::model::Constraint> = ctx
        .lookup
        .table_constraints(cat, r.oid)
        .filter(|c| c.contype == 'c' && c.is_local)
        .filter(|c| !is_separate(objs, c.oid))
        .collect();
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    for c in &checks {
        items.push(format!("CONSTRAINT {} {}", q.id(&c.name), c.definition));
    }
    let mut defn = format!("CREATE FOREIGN TABLE {qual}");
    if items.is_empty() {
        defn.push_str(" (\n)");
    } else {
        defn.push_str(&format!(" (\n    {}\n)", items.join(",\n    ")));
    }
    defn.push_str(&format!("\nSERVER {}", q.id(&ft.server)));
    if !ft.options.is_empty() {
        defn.push_str(&format!("\nOPTIONS (\n    {}\n)", ft.options));
    }
    defn.push_str(";\n");
    super::table::column_alters(&mut defn, q, &qual, r);
    let mut e = TocEntry::new(&r.name, "FOREIGN TABLE", Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!("DROP FOREIGN TABLE {qual};\n");
    e.owner_object = Some(format!("FOREIGN TABLE {qual}"));
    out.push(e);
    relation_comments(ctx, out, r, "FOREIGN TABLE");
    for c in checks {
        super::constraint::constraint_comment(ctx, out, c.oid, &c.name, r);
    }
    ctx.relation_acls(out, r);
}
