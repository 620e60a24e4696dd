//! Range types and shell types (pg_dump.c `dumpRangeType`, `dumpShellType`).

use super::*;

/// dumpRangeType's CREATE TYPE statement, or `None` if the range details are missing.
pub(super) fn range_definition(ctx: &Ctx, i: usize, qual: &str) -> Option<String> {
    let q = &ctx.q;
    let t = &ctx.cat.types[i];
    let r = ctx.lookup.range(ctx.cat, t.oid)?;
    let mut d = format!("CREATE TYPE {qual} AS RANGE (\n    subtype = {}", r.subtype);
    if let Some(m) = &r.multirange {
        d.push_str(&format!(",\n    multirange_type_name = {m}"));
    }
    if !r.opclass_default {
        d.push_str(&format!(
            ",\n    subtype_opclass = {}.{}",
            q.id(&r.opclass_nsp),
            q.id(&r.opclass_name)
        ));
    }
    if let Some((n, c)) = &r.collation {
        d.push_str(&format!(",\n    collation = {}", q.qualified(n, c)));
    }
    if r.canonical != "-" {
        d.push_str(&format!(",\n    canonical = {}", r.canonical));
    }
    if r.subdiff != "-" {
        d.push_str(&format!(",\n    subtype_diff = {}", r.subdiff));
    }
    d.push_str("\n);\n");
    Some(d)
}

/// dumpShellType: `CREATE TYPE s.t;` ahead of the functions the type's definition names. It has
/// no DROP (the type's own entry drops it), hence no owner line either.
pub(super) fn render_shell_type(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let t = &ctx.cat.types[i];
    let nsp = ctx.nsp(t.nsp_oid);
    let mut e = TocEntry::new(
        &t.name,
        "SHELL TYPE",
        Section::PreData,
        format!("CREATE TYPE {};\n", ctx.q.qualified(nsp, &t.name)),
    );
    e.namespace = Some(nsp.to_string());
    e.owner = Some(t.owner.clone());
    out.push(e);
}
