//! Views and the rules that carry a view's query when a loop split it out (pg_dump.c
//! `dumpTableSchema` for views, `dumpRule`).

use super::*;

pub(super) fn render_rule(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    id: DumpId,
    ri: usize,
) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let flags = objs.flags(id);
    let rule = &cat.rules[ri];
    let Some(r) = ctx.relation(rule.table_oid) else {
        return;
    };
    if flags.separate && flags.is_select_instead_rule {
        // The view was printed as a dummy; this puts the real query in.
        let qual = ctx.qualified_rel(r);
        let mut defn = format!("CREATE OR REPLACE VIEW {qual}");
        if !r.reloptions.is_empty() {
            defn.push_str(&format!(
                " WITH ({})",
                reloptions(&r.reloptions, "", q, ctx.cat.std_strings)
            ));
        }
        defn.push_str(&format!(" AS\n{}", view_query(r)));
        if let Some(opt) = &r.check_option {
            defn.push_str(&format!("\n  WITH {opt} CHECK OPTION"));
        }
        defn.push_str(";\n");
        let mut e = TocEntry::new(
            format!("{} {}", r.name, rule.name),
            "RULE",
            Section::PostData,
            defn,
        );
        e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
        e.owner = Some(r.owner.clone());
        e.drop_stmt = format!(
            "CREATE OR REPLACE VIEW {qual} AS\n{};\n",
            dummy_select(ctx, r)
        );
        out.push(e);
    }
}

/// pg_get_viewdef's text without its final semicolon.
pub(super) fn view_query(r: &Relation) -> String {
    let def = r.viewdef.as_deref().unwrap_or("");
    def.strip_suffix(';').unwrap_or(def).to_string()
}

/// createDummyViewAsClause: `SELECT NULL::type AS col, ...` standing in for a view whose real
/// query must wait for objects printed later.
pub(super) fn dummy_select(ctx: &Ctx, r: &Relation) -> String {
    let cols: Vec<String> = r
        .columns
        .iter()
        .filter(|c| !c.is_dropped)
        .map(|c| {
            let mut s = format!("NULL::{}", c.type_name);
            if let Some(coll) = c.collation() {
                s.push_str(&format!(" COLLATE {coll}"));
            }
            s.push_str(&format!(" AS {}", ctx.q.id(&c.name)));
            s
        })
        .collect();
    format!("SELECT\n    {}", cols.join(",\n    "))
}

pub(super) fn render_view(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    r: &Relation,
    id: DumpId,
) {
    let q = &ctx.q;
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    // Is the ON SELECT rule split out (dependency loop)? Then print a dummy view here.
    let split = ctx.lookup.table_rules(ctx.cat, r.oid).any(|rule| {
        objs.by_catalog_id
            .get(&(class::PG_REWRITE, rule.oid))
            .is_some_and(|&rid| {
                let n = objs.flags(rid);
                n.rule_table == Some(id)
                    && n.is_select_instead_rule
                    && n.separate
                    && objs.is_dumped(rid)
            })
    });
    let mut defn = format!("CREATE VIEW {qual}");
    if !r.reloptions.is_empty() {
        defn.push_str(&format!(
            " WITH ({})",
            reloptions(&r.reloptions, "", q, ctx.cat.std_strings)
        ));
    }
    if split {
        defn.push_str(&format!(" AS\n{};\n", dummy_select(ctx, r)));
    } else {
        defn.push_str(&format!(" AS\n{}", view_query(r)));
        if let Some(opt) = &r.check_option {
            defn.push_str(&format!("\n  WITH {opt} CHECK OPTION"));
        }
        defn.push_str(";\n");
    }
    let mut e = TocEntry::new(&r.name, "VIEW", Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!("DROP VIEW {qual};\n");
    e.owner_object = Some(format!("VIEW {qual}"));
    out.push(e);
    relation_comments(ctx, out, r, "VIEW");
    ctx.relation_acls(out, r);
}
