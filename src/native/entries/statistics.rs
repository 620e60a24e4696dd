//! Extended statistics objects (pg_dump.c `dumpStatisticsExt`).

use super::*;

/// `CREATE STATISTICS ...;` (pg_get_statisticsobjdef), with `ALTER STATISTICS ... SET
/// STATISTICS n;` when the target is not the default, in post-data; then its comment.
pub(super) fn render_statistics(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let st = &ctx.cat.statistics[i];
    let nsp = ctx.nsp(st.nsp_oid);
    let qual = q.qualified(nsp, &st.name);
    let mut d = format!("{};\n", st.definition);
    if st.stat_target >= 0 {
        d.push_str(&format!(
            "ALTER STATISTICS {qual} SET STATISTICS {};\n",
            st.stat_target
        ));
    }
    let mut e = TocEntry::new(&st.name, "STATISTICS", Section::PostData, d);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(st.owner.clone());
    e.drop_stmt = format!("DROP STATISTICS {qual};\n");
    e.owner_object = Some(format!("STATISTICS {qual}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_statistic_ext",
        st.oid,
        0,
        "STATISTICS",
        &q.id(&st.name),
        &qual,
        Some(nsp),
        &st.owner,
    );
}
