//! Casts (pg_dump.c `dumpCast`).

use super::*;

pub(super) fn render_cast(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let c = &ctx.cat.casts[i];
    let args = format!("({} AS {})", c.source, c.target);
    let mut defn = format!("CREATE CAST {args} ");
    match c.method {
        'b' => defn.push_str("WITHOUT FUNCTION"),
        'i' => defn.push_str("WITH INOUT"),
        _ => {
            let (Some(nsp), Some(name)) = (&c.func_nsp, &c.func_name) else {
                return;
            };
            // Always schema-qualified (format_function_signature does not qualify).
            defn.push_str(&format!(
                "WITH FUNCTION {}.{}({})",
                q.id(nsp),
                q.id(name),
                c.func_arg_types.join(", ")
            ));
        }
    }
    match c.context {
        'a' => defn.push_str(" AS ASSIGNMENT"),
        'i' => defn.push_str(" AS IMPLICIT"),
        _ => {}
    }
    defn.push_str(";\n");
    let mut e = TocEntry::new(format!("CAST {args}"), "CAST", Section::PreData, defn);
    e.drop_stmt = format!("DROP CAST {args};\n");
    out.push(e);
    // A cast has no owner: its comment's owner is empty.
    ctx.comment_entry(out, "pg_cast", c.oid, 0, "CAST", &args, &args, None, "");
}
