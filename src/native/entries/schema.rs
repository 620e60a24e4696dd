//! Extensions and schemas (pg_dump.c `dumpExtension`, `dumpNamespace`).

use super::*;

pub(super) fn render_extension(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let x = &cat.extensions[i];
    let qname = q.id(&x.name);
    let mut e = TocEntry::new(
        &x.name,
        "EXTENSION",
        Section::PreData,
        format!(
            "CREATE EXTENSION IF NOT EXISTS {qname} WITH SCHEMA {};\n",
            q.id(&x.schema)
        ),
    );
    e.drop_stmt = format!("DROP EXTENSION {qname};\n");
    out.push(e);
    // Extension comments carry an empty owner (`Owner: ` in the header).
    ctx.comment_entry(
        out,
        "pg_extension",
        x.oid,
        0,
        "EXTENSION",
        &qname,
        &qname,
        None,
        "",
    );
}

pub(super) fn render_namespace(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    id: DumpId,
    i: usize,
) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let n = &cat.namespaces[i];
    let qname = q.id(&n.name);
    let create = objs.namespace_create[i];
    if objs.is_dumped(id) {
        let mut e = TocEntry::new(&n.name, "SCHEMA", Section::PreData, String::new());
        if create {
            e.defn = format!("CREATE SCHEMA {qname};\n");
            e.drop_stmt = format!("DROP SCHEMA {qname};\n");
        } else {
            e.defn = "-- *not* creating schema, since initdb creates it\n".into();
            e.drop_stmt = "-- *not* dropping schema, since initdb creates it\n".into();
        }
        e.owner = Some(n.owner.clone());
        e.owner_object = Some(format!("SCHEMA {qname}"));
        out.push(e);
    }
    // initdb's public schema always has its comment considered (selectDumpableNamespace
    // forces the component), compared against initdb's own text (dumpNamespace).
    let forced = !create && n.name == "public" && objs.dumped_namespaces.contains(&n.oid);
    if !ctx.no_comments && (objs.is_dumped(id) || forced) {
        let comment = ctx.comment_of("pg_namespace", n.oid, 0);
        if !create && qname == "public" {
            match comment {
                Some(c) if c.description == "standard public schema" => {}
                None => {
                    let mut e = TocEntry::new(
                        format!("SCHEMA {qname}"),
                        "COMMENT",
                        Section::None,
                        format!("COMMENT ON SCHEMA {qname} IS '';\n"),
                    );
                    e.owner = Some(n.owner.clone());
                    out.push(e);
                }
                Some(_) => ctx.comment_entry(
                    out,
                    "pg_namespace",
                    n.oid,
                    0,
                    "SCHEMA",
                    &qname,
                    &qname,
                    None,
                    &n.owner,
                ),
            }
        } else {
            ctx.comment_entry(
                out,
                "pg_namespace",
                n.oid,
                0,
                "SCHEMA",
                &qname,
                &qname,
                None,
                &n.owner,
            );
        }
    }
    if objs.is_dumped(id) || forced {
        // getNamespaces: public's base is always the v15 default for its owner.
        let public_init = (n.name == "public").then(|| public_schema_initprivs(&n.owner));
        let init = public_init.as_deref().or(n.init_acl.as_deref());
        ctx.acl_entry(
            out,
            "SCHEMA",
            format!("SCHEMA {qname}"),
            &qname,
            None,
            None,
            &n.owner,
            n.acl.as_deref(),
            &n.acl_default,
            init,
        );
    }
}
