//! Operators (pg_dump.c `dumpOpr`).

use super::*;

/// convertRegProcReference: a regprocedure's name without its argument list; `None` for `-`.
fn regproc_name(proc: &str) -> Option<&str> {
    if proc == "-" {
        return None;
    }
    let mut in_quote = false;
    for (i, c) in proc.char_indices() {
        match c {
            '(' if !in_quote => return Some(&proc[..i]),
            '"' => in_quote = !in_quote,
            _ => {}
        }
    }
    Some(proc)
}

pub(super) fn render_operator(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let o = &ctx.cat.operators[i];
    // A shell operator made by a forward commutator reference is not dumped.
    if o.code_oid == 0 {
        return;
    }
    let nsp = ctx.nsp(o.nsp_oid);
    let qnsp = q.id(nsp);
    let mut d = String::new();
    if let Some(f) = regproc_name(&o.code) {
        d.push_str(&format!("    FUNCTION = {f}"));
    }
    let mut oprid = format!("{} (", o.name);
    if matches!(o.kind, 'r' | 'b') {
        d.push_str(&format!(",\n    LEFTARG = {}", o.left_type));
        oprid.push_str(&o.left_type);
    } else {
        oprid.push_str("NONE");
    }
    if matches!(o.kind, 'l' | 'b') {
        d.push_str(&format!(",\n    RIGHTARG = {}", o.right_type));
        oprid.push_str(&format!(", {})", o.right_type));
    } else {
        oprid.push_str(", NONE)");
    }
    if let Some((n, name)) = &o.commutator {
        d.push_str(&format!(",\n    COMMUTATOR = OPERATOR({}.{name})", q.id(n)));
    }
    if let Some((n, name)) = &o.negator {
        d.push_str(&format!(",\n    NEGATOR = OPERATOR({}.{name})", q.id(n)));
    }
    if o.can_merge {
        d.push_str(",\n    MERGES");
    }
    if o.can_hash {
        d.push_str(",\n    HASHES");
    }
    if let Some(f) = regproc_name(&o.restrict) {
        d.push_str(&format!(",\n    RESTRICT = {f}"));
    }
    if let Some(f) = regproc_name(&o.join) {
        d.push_str(&format!(",\n    JOIN = {f}"));
    }
    let mut e = TocEntry::new(
        &o.name,
        "OPERATOR",
        Section::PreData,
        format!("CREATE OPERATOR {qnsp}.{} (\n{d}\n);\n", o.name),
    );
    e.namespace = Some(nsp.to_string());
    e.owner = Some(o.owner.clone());
    e.drop_stmt = format!("DROP OPERATOR {qnsp}.{oprid};\n");
    e.owner_object = Some(format!("OPERATOR {qnsp}.{oprid}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_operator",
        o.oid,
        0,
        "OPERATOR",
        &oprid,
        &format!("{qnsp}.{oprid}"),
        Some(nsp),
        &o.owner,
    );
}

#[cfg(test)]
mod tests {
    use super::regproc_name;

    #[test]
    fn regproc_names_lose_their_arguments_outside_quotes() {
        assert_eq!(regproc_name("-"), None);
        assert_eq!(regproc_name("public.f(text,text)"), Some("public.f"));
        assert_eq!(regproc_name("\"a(b\".f(integer)"), Some("\"a(b\".f"));
        assert_eq!(regproc_name("eqsel"), Some("eqsel"));
    }
}
