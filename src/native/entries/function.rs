//! Functions and procedures (pg_dump.c `dumpFunc`).

use super::*;

/// Splits a GUC list value the way SplitGUCList does (quoted identifiers keep their case).
pub(super) fn split_guc_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.next_if_eq(&'"').is_some() {
                        item.push('"');
                    } else {
                        break;
                    }
                } else {
                    item.push(c);
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',' && !c.is_whitespace()) {
                item.push(c);
            }
        }
        items.push(item);
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next_if_eq(&',').is_none() {
            break;
        }
    }
    items
}

pub(super) fn render_function(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let f = &ctx.cat.functions[i];
    let nsp = ctx.nsp(f.nsp_oid);
    let keyword = if f.kind == 'p' {
        "PROCEDURE"
    } else {
        "FUNCTION"
    };
    let qname = format!("{}.{}", q.id(nsp), q.id(&f.name));
    let sig = format!("{}({})", q.id(&f.name), f.identity_args);
    let qual_sig = format!("{}.{sig}", q.id(nsp));
    let mut defn = format!("CREATE {keyword} {qname}({})", f.args);
    if f.kind != 'p' {
        defn.push_str(&format!(" RETURNS {}", f.result.as_deref().unwrap_or("")));
    }
    defn.push_str(&format!("\n    LANGUAGE {}", q.id(&f.language)));
    if f.kind == 'w' {
        defn.push_str(" WINDOW");
    }
    match f.volatility {
        'i' => defn.push_str(" IMMUTABLE"),
        's' => defn.push_str(" STABLE"),
        _ => {}
    }
    if f.is_strict {
        defn.push_str(" STRICT");
    }
    if f.security_definer {
        defn.push_str(" SECURITY DEFINER");
    }
    if f.leakproof {
        defn.push_str(" LEAKPROOF");
    }
    if f.cost != "0" {
        let default = if f.language == "internal" || f.language == "c" {
            "1"
        } else {
            "100"
        };
        if f.cost != default {
            defn.push_str(&format!(" COST {}", f.cost));
        }
    }
    if f.returns_set && f.rows != "0" && f.rows != "1000" {
        defn.push_str(&format!(" ROWS {}", f.rows));
    }
    if f.support != "-" {
        defn.push_str(&format!(" SUPPORT {}", f.support));
    }
    match f.parallel {
        's' => defn.push_str(" PARALLEL SAFE"),
        'r' => defn.push_str(" PARALLEL RESTRICTED"),
        _ => {}
    }
    const LIST_GUCS: &[&str] = &[
        "local_preload_libraries",
        "search_path",
        "session_preload_libraries",
        "shared_preload_libraries",
        "temp_tablespaces",
        "unix_socket_directories",
    ];
    for item in &f.config {
        let Some((name, value)) = item.split_once('=') else {
            continue;
        };
        defn.push_str(&format!("\n    SET {} TO ", q.id(name)));
        if LIST_GUCS.contains(&name.to_ascii_lowercase().as_str()) {
            let parts: Vec<String> = split_guc_list(value).iter().map(|p| ctx.lit(p)).collect();
            defn.push_str(&parts.join(", "));
        } else {
            defn.push_str(&ctx.lit(value));
        }
    }
    let body = if let Some(sqlbody) = &f.sqlbody {
        sqlbody.clone()
    } else if !f.bin.is_empty() {
        let mut s = format!("AS {}", ctx.lit(&f.bin));
        if !f.src.is_empty() {
            s.push_str(", ");
            if f.src.contains('\'') || f.src.contains('\\') {
                s.push_str(&dollar_quote(&f.src, ""));
            } else {
                s.push_str(&ctx.lit(&f.src));
            }
        }
        s
    } else {
        format!("AS {}", dollar_quote(&f.src, ""))
    };
    defn.push_str(&format!("\n    {body};\n"));
    let tag = format!("{}({})", f.name, f.arg_type_names.join(", "));
    let mut e = TocEntry::new(tag, keyword, Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(f.owner.clone());
    e.drop_stmt = format!("DROP {keyword} {qual_sig};\n");
    e.owner_object = Some(format!("{keyword} {qual_sig}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_proc",
        f.oid,
        0,
        keyword,
        &sig,
        &qual_sig,
        Some(nsp),
        &f.owner,
    );
    ctx.acl_entry(
        out,
        keyword,
        format!("{keyword} {sig}"),
        &qual_sig,
        None,
        Some(nsp),
        &f.owner,
        f.acl.as_deref(),
        &f.acl_default,
        f.init_acl.as_deref(),
    );
}
