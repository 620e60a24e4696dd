//! Rewrite rules other than a view's ON SELECT rule (pg_dump.c `dumpRule`).

use super::*;

pub(super) fn render_rule(ctx: &Ctx, out: &mut Vec<TocEntry>, ri: usize) {
    let q = &ctx.q;
    let rule = &ctx.cat.rules[ri];
    let Some(r) = ctx.relation(rule.table_oid) else {
        return;
    };
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    let qrule = q.id(&rule.name);
    // pg_get_ruledef's text verbatim; it already ends in a semicolon.
    let mut defn = format!("{}\n", rule.definition);
    let state = match rule.enabled {
        'A' => Some("ENABLE ALWAYS"),
        'R' => Some("ENABLE REPLICA"),
        'D' => Some("DISABLE"),
        _ => None,
    };
    if let Some(state) = state {
        defn.push_str(&format!("ALTER TABLE {qual} {state} RULE {qrule};\n"));
    }
    let mut e = TocEntry::new(
        format!("{} {}", r.name, rule.name),
        "RULE",
        Section::PostData,
        defn,
    );
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!("DROP RULE {qrule} ON {qual};\n");
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_rewrite",
        rule.oid,
        0,
        &format!("RULE {qrule} ON"),
        &q.id(&r.name),
        &qual,
        Some(nsp),
        &r.owner,
    );
}
