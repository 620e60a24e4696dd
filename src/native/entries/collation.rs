//! Collations and encoding conversions (pg_dump.c `dumpCollation`, `dumpConversion`).

use super::*;

pub(super) fn render_collation(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let c = &ctx.cat.collations[i];
    let nsp = ctx.nsp(c.nsp_oid);
    let qual = q.qualified(nsp, &c.name);
    // Before 15 a missing collate/ctype is an empty string.
    let old = ctx.cat.server_version_num < 150000;
    let unset = |v: &Option<String>| v.clone().filter(|s| !(old && s.is_empty()));
    let (collate, ctype) = (unset(&c.collate), unset(&c.ctype));
    let provider = match c.provider {
        'b' => "builtin",
        'c' => "libc",
        'i' => "icu",
        'd' => "default",
        _ => return,
    };
    let mut d = format!("CREATE COLLATION {qual} (provider = {provider}");
    if !c.deterministic {
        d.push_str(", deterministic = false");
    }
    let lit = |s: Option<&String>| ctx.lit(s.map(String::as_str).unwrap_or(""));
    match c.provider {
        'b' => d.push_str(&format!(", locale = {}", lit(c.locale.as_ref()))),
        'i' => {
            let locale = if old {
                collate.as_ref()
            } else {
                c.locale.as_ref()
            };
            d.push_str(&format!(", locale = {}", lit(locale)));
            if let Some(rules) = &c.icu_rules {
                d.push_str(&format!(", rules = {}", ctx.lit(rules)));
            }
        }
        'c' => {
            if collate.is_some() && collate == ctype {
                d.push_str(&format!(", locale = {}", lit(collate.as_ref())));
            } else {
                d.push_str(&format!(
                    ", lc_collate = {}, lc_ctype = {}",
                    lit(collate.as_ref()),
                    lit(ctype.as_ref())
                ));
            }
        }
        _ => {}
    }
    d.push_str(");\n");
    let mut e = TocEntry::new(&c.name, "COLLATION", Section::PreData, d);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(c.owner.clone());
    e.drop_stmt = format!("DROP COLLATION {qual};\n");
    e.owner_object = Some(format!("COLLATION {qual}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_collation",
        c.oid,
        0,
        "COLLATION",
        &q.id(&c.name),
        &qual,
        Some(nsp),
        &c.owner,
    );
}

/// dumpConversion.
pub(super) fn render_conversion(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let c = &ctx.cat.conversions[i];
    let nsp = ctx.nsp(c.nsp_oid);
    let qual = q.qualified(nsp, &c.name);
    let d = format!(
        "CREATE {}CONVERSION {qual} FOR {} TO {} FROM {};\n",
        if c.is_default { "DEFAULT " } else { "" },
        ctx.lit(&c.for_encoding),
        ctx.lit(&c.to_encoding),
        c.function
    );
    let mut e = TocEntry::new(&c.name, "CONVERSION", Section::PreData, d);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(c.owner.clone());
    e.drop_stmt = format!("DROP CONVERSION {qual};\n");
    e.owner_object = Some(format!("CONVERSION {qual}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_conversion",
        c.oid,
        0,
        "CONVERSION",
        &q.id(&c.name),
        &qual,
        Some(nsp),
        &c.owner,
    );
}

/// dumpAccessMethod: `CREATE ACCESS METHOD a TYPE TABLE|INDEX HANDLER h;`, with no schema and no
/// owner, and its comment.
pub(super) fn render_access_method(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let a = &ctx.cat.access_methods[i];
    let kind = match a.amtype {
        't' => "TABLE",
        'i' => "INDEX",
        _ => return,
    };
    let name = q.id(&a.name);
    let mut e = TocEntry::new(
        &a.name,
        "ACCESS METHOD",
        Section::PreData,
        format!(
            "CREATE ACCESS METHOD {name} TYPE {kind} HANDLER {};\n",
            a.handler
        ),
    );
    e.drop_stmt = format!("DROP ACCESS METHOD {name};\n");
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_am",
        a.oid,
        0,
        "ACCESS METHOD",
        &name,
        &name,
        None,
        "",
    );
}
