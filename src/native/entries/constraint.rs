//! Table constraints printed as `ALTER TABLE ... ADD CONSTRAINT` (pg_dump.c `dumpConstraint`).

use super::*;

pub(super) fn render_check(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    id: DumpId,
    ci: usize,
) {
    let cat = ctx.cat;
    let flags = objs.flags(id);
    let c = &cat.constraints[ci];
    // Inline ones (and their comments) are printed by their table.
    if !flags.separate {
        return;
    }
    let Some(r) = ctx.relation(c.table_oid) else {
        return;
    };
    // A separate CHECK (or invalid NOT NULL) constraint is added without ONLY, and only on
    // the table that defines it: children inherit it (dumpConstraint).
    if c.is_local {
        let desc = if c.contype == 'c' {
            "CHECK CONSTRAINT"
        } else {
            "CONSTRAINT"
        };
        out.push(table_constraint_entry(ctx, r, c, desc, ""));
    }
    constraint_comment(ctx, out, c.oid, &c.name, r);
}

pub(super) fn render_index_constraint(ctx: &Ctx, out: &mut Vec<TocEntry>, ci: usize, ii: usize) {
    let cat = ctx.cat;
    let c = &cat.constraints[ci];
    let ix = &cat.indexes[ii];
    let Some(r) = ctx.relation(c.table_oid) else {
        return;
    };
    let mut e = table_constraint_entry(ctx, r, c, "CONSTRAINT", "ONLY ");
    e.defn
        .push_str(&super::index::index_table_alters(ctx, r, ix, false));
    e.tablespace = Some(ix.tablespace.clone());
    out.push(e);
    constraint_comment(ctx, out, c.oid, &c.name, r);
}

pub(super) fn render_foreign_key(ctx: &Ctx, out: &mut Vec<TocEntry>, ci: usize) {
    let cat = ctx.cat;
    let c = &cat.constraints[ci];
    let Some(r) = ctx.relation(c.table_oid) else {
        return;
    };
    // dumpConstraint leaves ONLY out for partitioned tables.
    let only = if r.relkind == 'p' { "" } else { "ONLY " };
    out.push(table_constraint_entry(ctx, r, c, "FK CONSTRAINT", only));
    constraint_comment(ctx, out, c.oid, &c.name, r);
}

/// dumpConstraint's `ALTER TABLE [ONLY] t ADD CONSTRAINT n <definition>;` entry and its drop.
pub(super) fn table_constraint_entry(
    ctx: &Ctx,
    r: &Relation,
    c: &crate::model::Constraint,
    desc: &'static str,
    only: &str,
) -> TocEntry {
    let q = &ctx.q;
    let qual = ctx.qualified_rel(r);
    let foreign = if r.relkind == 'f' { "FOREIGN " } else { "" };
    let mut e = TocEntry::new(
        format!("{} {}", r.name, c.name),
        desc,
        Section::PostData,
        format!(
            "ALTER {foreign}TABLE {only}{qual}\n    ADD CONSTRAINT {} {};\n",
            q.id(&c.name),
            c.definition
        ),
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!(
        "ALTER {foreign}TABLE {only}{qual} DROP CONSTRAINT {};\n",
        q.id(&c.name)
    );
    e
}

pub(super) fn constraint_comment(
    ctx: &Ctx,
    out: &mut Vec<TocEntry>,
    oid: u32,
    name: &str,
    r: &Relation,
) {
    let q = &ctx.q;
    let target = format!("{} ON {}", q.id(name), ctx.qualified_rel(r));
    let tag = format!("{} ON {}", q.id(name), q.id(&r.name));
    ctx.comment_entry(
        out,
        "pg_constraint",
        oid,
        0,
        "CONSTRAINT",
        &tag,
        &target,
        Some(ctx.nsp(r.nsp_oid)),
        &r.owner,
    );
}
