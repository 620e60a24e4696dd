//! Text search dictionaries and configurations (pg_dump.c `dumpTSDictionary`, `dumpTSConfig`).

use super::*;

pub(super) fn render_text_search(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let t = &ctx.cat.text_search[i];
    let nsp = ctx.nsp(t.nsp_oid);
    let qual = q.qualified(nsp, &t.name);
    let (desc, d) = if t.kind == 'd' {
        let mut d = format!(
            "CREATE TEXT SEARCH DICTIONARY {qual} (\n    TEMPLATE = {}.{}",
            q.id(&t.ref_nsp),
            q.id(&t.ref_name)
        );
        if let Some(opt) = &t.init_option {
            d.push_str(&format!(",\n    {opt}"));
        }
        d.push_str(" );\n");
        ("TEXT SEARCH DICTIONARY", d)
    } else {
        let mut d = format!(
            "CREATE TEXT SEARCH CONFIGURATION {qual} (\n    PARSER = {}.{} );\n",
            q.id(&t.ref_nsp),
            q.id(&t.ref_name)
        );
        // One ALTER per token type, its dictionaries in order.
        let mut previous: Option<&str> = None;
        for (token, dict) in &t.mappings {
            if previous == Some(token.as_str()) {
                d.push_str(&format!(", {dict}"));
            } else {
                if previous.is_some() {
                    d.push_str(";\n");
                }
                d.push_str(&format!(
                    "\nALTER TEXT SEARCH CONFIGURATION {qual}\n    ADD MAPPING FOR {} WITH {dict}",
                    q.id(token)
                ));
                previous = Some(token);
            }
        }
        if !t.mappings.is_empty() {
            d.push_str(";\n");
        }
        ("TEXT SEARCH CONFIGURATION", d)
    };
    let mut e = TocEntry::new(&t.name, desc, Section::PreData, d);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(t.owner.clone());
    e.drop_stmt = format!("DROP {desc} {qual};\n");
    e.owner_object = Some(format!("{desc} {qual}"));
    out.push(e);
    let catalog = if t.kind == 'd' {
        "pg_ts_dict"
    } else {
        "pg_ts_config"
    };
    ctx.comment_entry(
        out,
        catalog,
        t.oid,
        0,
        desc,
        &q.id(&t.name),
        &qual,
        Some(nsp),
        &t.owner,
    );
}
