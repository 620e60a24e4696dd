//! Indexes and their attachment to partitioned indexes (pg_dump.c `dumpIndex`,
//! `dumpIndexAttach`).

use super::*;

use crate::model::Index;

pub(super) fn render_index(ctx: &Ctx, out: &mut Vec<TocEntry>, ii: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let ix = &cat.indexes[ii];
    let Some(r) = ctx.relation(ix.table_oid) else {
        return;
    };
    let nsp = ctx.nsp(ix.nsp_oid);
    let qual = q.qualified(nsp, &ix.name);
    // A constraint's index is created by its constraint; only its comment is printed here.
    if ix.constraint_oid == 0 {
        let mut defn = format!("{};\n", ix.definition);
        defn.push_str(&index_table_alters(ctx, r, ix, true));
        let mut e = TocEntry::new(&ix.name, "INDEX", Section::PostData, defn);
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        e.tablespace = Some(ix.tablespace.clone());
        // A partition's index goes away with its table or parent index: no DROP of its own.
        if ix.parent_oid == 0 {
            e.drop_stmt = format!("DROP INDEX {qual};\n");
        }
        out.push(e);
    }
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

/// What follows an index's (or index constraint's) definition: CLUSTER ON, for plain indexes
/// the per-column statistics targets, and REPLICA IDENTITY USING INDEX (dumpIndex,
/// dumpConstraint).
pub(super) fn index_table_alters(ctx: &Ctx, r: &Relation, ix: &Index, statistics: bool) -> String {
    let q = &ctx.q;
    let table = ctx.qualified_rel(r);
    let mut s = String::new();
    if ix.is_clustered {
        s.push_str(&format!(
            "\nALTER TABLE {table} CLUSTER ON {};\n",
            q.id(&ix.name)
        ));
    }
    if statistics {
        let qual = q.qualified(ctx.nsp(ix.nsp_oid), &ix.name);
        for (col, value) in ix.stat_columns.iter().zip(&ix.stat_values) {
            s.push_str(&format!(
                "ALTER INDEX {qual} ALTER COLUMN {col} SET STATISTICS {value};\n"
            ));
        }
    }
    if ix.is_replica_identity {
        s.push_str(&format!(
            "\nALTER TABLE ONLY {table} REPLICA IDENTITY USING INDEX {};\n",
            q.id(&ix.name)
        ));
    }
    s
}

/// dumpIndexAttach: `ALTER INDEX parent ATTACH PARTITION child;`, no drop, owned by the parent
/// index's table owner.
pub(super) fn render_index_attach(ctx: &Ctx, out: &mut Vec<TocEntry>, ii: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let ix = &cat.indexes[ii];
    let Some(parent) = ctx
        .lookup
        .index_index(ix.parent_oid)
        .map(|pi| &cat.indexes[pi])
    else {
        return;
    };
    let (Some(table), Some(parent_table)) =
        (ctx.relation(ix.table_oid), ctx.relation(parent.table_oid))
    else {
        return;
    };
    let mut e = TocEntry::new(
        &ix.name,
        "INDEX ATTACH",
        Section::PostData,
        format!(
            "ALTER INDEX {} ATTACH PARTITION {};\n",
            q.qualified(ctx.nsp(parent_table.nsp_oid), &parent.name),
            q.qualified(ctx.nsp(table.nsp_oid), &ix.name)
        ),
    );
    e.namespace = Some(ctx.nsp(table.nsp_oid).to_string());
    e.owner = Some(parent_table.owner.clone());
    out.push(e);
}
