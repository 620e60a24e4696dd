//! Indexes (pg_dump.c `dumpIndex`).

use super::*;

pub(super) fn render_index(ctx: &Ctx, out: &mut Vec<TocEntry>, ii: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let ix = &cat.indexes[ii];
    let Some(r) = ctx.relation(ix.table_oid) else {
        return;
    };
    let nsp = ctx.nsp(ix.nsp_oid);
    let qual = q.qualified(nsp, &ix.name);
    let mut e = TocEntry::new(
        &ix.name,
        "INDEX",
        Section::PostData,
        format!("{};\n", ix.definition),
    );
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.tablespace = Some(ix.tablespace.clone());
    e.drop_stmt = format!("DROP INDEX {qual};\n");
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_class",
        ix.oid,
        0,
        "INDEX",
        &q.id(&ix.name),
        &qual,
        Some(nsp),
        &r.owner,
    );
}
