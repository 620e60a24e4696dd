//! Enum, domain and composite types (pg_dump.c `dumpEnumType`, `dumpDomain`, `dumpCompositeType`).

use super::*;

/// dumpEnumType, dumpDomain, dumpCompositeType.
pub(super) fn render_type(ctx: &Ctx, objs: &Objects, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let cat = ctx.cat;
    let t = &cat.types[i];
    let nsp = ctx.nsp(t.nsp_oid);
    let qual = q.qualified(nsp, &t.name);
    let (desc, defn, drop) = match t.typtype {
        'e' => {
            let labels: Vec<String> = t
                .enum_labels
                .iter()
                .map(|l| format!("\n    {}", ctx.lit(l)))
                .collect();
            (
                "TYPE",
                format!("CREATE TYPE {qual} AS ENUM ({}\n);\n", labels.join(",")),
                format!("DROP TYPE {qual};\n"),
            )
        }
        'd' => {
            let mut d = format!(
                "CREATE DOMAIN {qual} AS {}",
                t.domain_base.as_deref().unwrap_or("")
            );
            if let Some(coll) = &t.collation {
                d.push_str(&format!(" COLLATE {coll}"));
            }
            if t.not_null {
                let notnull = cat
                    .constraints
                    .iter()
                    .find(|c| c.domain_oid == t.oid && c.contype == 'n');
                match notnull {
                    Some(c) if cat.server_version_num >= 170000 => {
                        if c.name == format!("{}_not_null", t.name) {
                            d.push_str(" NOT NULL");
                        } else {
                            d.push_str(&format!(" CONSTRAINT {} {}", q.id(&c.name), c.definition));
                        }
                    }
                    _ => d.push_str(" NOT NULL"),
                }
            }
            if let Some(expr) = &t.default_expr {
                d.push_str(&format!(" DEFAULT {expr}"));
            } else if let Some(lit) = &t.default_literal {
                d.push_str(&format!(" DEFAULT {}", ctx.lit(lit)));
            }
            for c in domain_checks(ctx, objs, t.oid) {
                d.push_str(&format!(
                    "\n\tCONSTRAINT {} {}",
                    q.id(&c.name),
                    c.definition
                ));
            }
            d.push_str(";\n");
            ("DOMAIN", d, format!("DROP DOMAIN {qual};\n"))
        }
        'c' => {
            let rel = ctx.relation(t.relid);
            let cols: Vec<String> = rel
                .map(|r| {
                    r.columns
                        .iter()
                        .filter(|c| !c.is_dropped)
                        .map(|c| {
                            let mut s = format!("\n\t{} {}", q.id(&c.name), c.type_name);
                            if let Some(coll) = c.collation() {
                                s.push_str(&format!(" COLLATE {coll}"));
                            }
                            s
                        })
                        .collect()
                })
                .unwrap_or_default();
            (
                "TYPE",
                format!("CREATE TYPE {qual} AS ({}\n);\n", cols.join(",")),
                format!("DROP TYPE {qual};\n"),
            )
        }
        'r' => {
            let Some(d) = super::range_type::range_definition(ctx, i, &qual) else {
                return;
            };
            ("TYPE", d, format!("DROP TYPE {qual};\n"))
        }
        'b' => {
            let Some(d) = super::base_type::base_type_definition(ctx, i, &qual) else {
                return;
            };
            // CASCADE: the type and its I/O functions depend on each other.
            ("TYPE", d, format!("DROP TYPE {qual} CASCADE;\n"))
        }
        'p' if super::base_type::is_undefined(ctx, i) => (
            "TYPE",
            format!("CREATE TYPE {qual};\n"),
            format!("DROP TYPE {qual};\n"),
        ),
        _ => return,
    };
    let mut e = TocEntry::new(&t.name, desc, Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(t.owner.clone());
    e.drop_stmt = drop;
    e.owner_object = Some(format!("{desc} {qual}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_type",
        t.oid,
        0,
        desc,
        &q.id(&t.name),
        &qual,
        Some(nsp),
        &t.owner,
    );
    ctx.acl_entry(
        out,
        "TYPE",
        format!("TYPE {}", q.id(&t.name)),
        &qual,
        None,
        Some(nsp),
        &t.owner,
        t.acl.as_deref(),
        &t.acl_default,
        t.init_acl.as_deref(),
    );
    if t.typtype == 'd' {
        // dumpDomain: the CHECK constraints' comments by name, then the NOT NULL's; a NOT
        // VALID one is its own entry, with its comment ([`render_domain_constraint`]).
        let mut cons = domain_checks(ctx, objs, t.oid);
        cons.extend(
            cat.constraints
                .iter()
                .filter(|c| c.domain_oid == t.oid && c.contype == 'n'),
        );
        for c in cons {
            let kind = format!("CONSTRAINT {} ON DOMAIN", q.id(&c.name));
            ctx.comment_entry(
                out,
                "pg_constraint",
                c.oid,
                0,
                &kind,
                &q.id(&t.name),
                &qual,
                Some(nsp),
                &t.owner,
            );
        }
    }
    if t.typtype == 'c'
        && let Some(r) = ctx.relation(t.relid)
        && !ctx.no_comments
    {
        for c in ctx
            .comments("pg_class", r.oid)
            .iter()
            .filter(|c| c.sub_id > 0)
        {
            let Some(col) = r.columns.iter().find(|col| i32::from(col.num) == c.sub_id) else {
                continue;
            };
            let mut e = TocEntry::new(
                format!("COLUMN {}.{}", q.id(&t.name), q.id(&col.name)),
                "COMMENT",
                Section::None,
                format!(
                    "COMMENT ON COLUMN {qual}.{} IS {};\n",
                    q.id(&col.name),
                    ctx.lit(&c.description)
                ),
            );
            e.namespace = Some(nsp.to_string());
            e.owner = Some(t.owner.clone());
            out.push(e);
        }
    }
}

/// A domain's CHECK constraints printed with it (not NOT VALID ones), by name.
fn domain_checks<'a>(
    ctx: &Ctx<'a>,
    objs: &Objects,
    domain: u32,
) -> Vec<&'a crate::model::Constraint> {
    let mut checks: Vec<&crate::model::Constraint> = ctx
        .cat
        .constraints
        .iter()
        .filter(|c| c.domain_oid == domain && c.contype == 'c')
        .filter(|c| !is_separate(objs, c.oid))
        .collect();
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    checks
}

/// dumpConstraint for a domain's constraint that is not part of its domain's definition (NOT
/// VALID): `ALTER DOMAIN d ADD CONSTRAINT c CHECK (...) NOT VALID;` in post-data, and its comment.
pub(super) fn render_domain_constraint(
    ctx: &Ctx,
    objs: &Objects,
    out: &mut Vec<TocEntry>,
    id: DumpId,
    ci: usize,
) {
    if !objs.flags(id).separate {
        return; // printed by its domain
    }
    let q = &ctx.q;
    let cat = ctx.cat;
    let c = &cat.constraints[ci];
    let Some(t) = cat.types.iter().find(|t| t.oid == c.domain_oid) else {
        return;
    };
    let nsp = ctx.nsp(t.nsp_oid);
    let qual = q.qualified(nsp, &t.name);
    let mut e = TocEntry::new(
        format!("{} {}", t.name, c.name),
        "CHECK CONSTRAINT",
        Section::PostData,
        format!(
            "ALTER DOMAIN {qual}\n    ADD CONSTRAINT {} {};\n",
            q.id(&c.name),
            c.definition
        ),
    );
    e.namespace = Some(nsp.to_string());
    e.owner = Some(t.owner.clone());
    e.drop_stmt = format!("ALTER DOMAIN {qual} DROP CONSTRAINT {};\n", q.id(&c.name));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_constraint",
        c.oid,
        0,
        &format!("CONSTRAINT {} ON DOMAIN", q.id(&c.name)),
        &q.id(&t.name),
        &qual,
        Some(nsp),
        &t.owner,
    );
}
