//! Triggers (pg_dump.c `dumpTrigger`).

use super::*;

pub(super) fn render_trigger(ctx: &Ctx, out: &mut Vec<TocEntry>, ti: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let t = &cat.triggers[ti];
    let Some(r) = ctx.relation(t.table_oid) else {
        return;
    };
    let qual = ctx.qualified_rel(r);
    // A partition's clone is there only because its enabled state differs from the parent's:
    // just the ALTER, no CREATE and no DROP (dumpTrigger).
    let clone = t.is_partition_clone;
    let mut defn = if clone {
        String::new()
    } else {
        format!("{};\n", t.definition)
    };
    let state = match t.enabled {
        'D' | 'f' => Some("DISABLE"),
        'A' => Some("ENABLE ALWAYS"),
        'R' => Some("ENABLE REPLICA"),
        _ if clone => Some("ENABLE"),
        _ => None,
    };
    if let Some(state) = state {
        defn.push_str(&format!(
            "\nALTER TABLE {qual} {state} TRIGGER {};\n",
            q.id(&t.name)
        ));
    }
    let mut e = TocEntry::new(
        format!("{} {}", r.name, t.name),
        "TRIGGER",
        Section::PostData,
        defn,
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    if !clone {
        e.drop_stmt = format!("DROP TRIGGER {} ON {qual};\n", q.id(&t.name));
    }
    out.push(e);
    let target = format!("{} ON {qual}", q.id(&t.name));
    let tag = format!("{} ON {}", q.id(&t.name), q.id(&r.name));
    ctx.comment_entry(
        out,
        "pg_trigger",
        t.oid,
        0,
        "TRIGGER",
        &tag,
        &target,
        Some(ctx.nsp(r.nsp_oid)),
        &r.owner,
    );
}
