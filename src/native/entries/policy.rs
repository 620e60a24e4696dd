//! Row level security and policies (pg_dump.c `dumpPolicy`).

use super::*;

pub(super) fn render_row_security(ctx: &Ctx, out: &mut Vec<TocEntry>, ri: usize) {
    let cat = ctx.cat;
    let r = &cat.relations[ri];
    // The only entry whose text has no final newline, hence one blank line after it.
    let mut e = TocEntry::new(
        &r.name,
        "ROW SECURITY",
        Section::PostData,
        format!(
            "ALTER TABLE {} ENABLE ROW LEVEL SECURITY;",
            ctx.qualified_rel(r)
        ),
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    out.push(e);
}

pub(super) fn render_policy(ctx: &Ctx, out: &mut Vec<TocEntry>, pi: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let p = &cat.policies[pi];
    let Some(r) = ctx.relation(p.table_oid) else {
        return;
    };
    let qual = ctx.qualified_rel(r);
    let cmd = match p.command {
        'r' => " FOR SELECT",
        'a' => " FOR INSERT",
        'w' => " FOR UPDATE",
        'd' => " FOR DELETE",
        _ => "",
    };
    let mut defn = format!(
        "CREATE POLICY {} ON {qual}{}{cmd}",
        q.id(&p.name),
        if p.permissive { "" } else { " AS RESTRICTIVE" }
    );
    if let Some(roles) = &p.roles {
        defn.push_str(&format!(" TO {roles}"));
    }
    if let Some(u) = &p.using_expr {
        defn.push_str(&format!(" USING ({u})"));
    }
    if let Some(c) = &p.check_expr {
        defn.push_str(&format!(" WITH CHECK ({c})"));
    }
    defn.push_str(";\n");
    let mut e = TocEntry::new(
        format!("{} {}", r.name, p.name),
        "POLICY",
        Section::PostData,
        defn,
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!("DROP POLICY {} ON {qual};\n", q.id(&p.name));
    out.push(e);
    let kind = format!("POLICY {} ON", q.id(&p.name));
    ctx.comment_entry(
        out,
        "pg_policy",
        p.oid,
        0,
        &kind,
        &q.id(&r.name),
        &qual,
        Some(ctx.nsp(r.nsp_oid)),
        &r.owner,
    );
}
