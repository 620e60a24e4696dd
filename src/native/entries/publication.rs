//! Publications and their table and schema members (pg_dump.c `dumpPublication`,
//! `dumpPublicationTable`, `dumpPublicationNamespace`).

use super::*;

pub(super) fn render_publication(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let p = &ctx.cat.publications[i];
    let qpub = q.id(&p.pub_name);
    match p.kind {
        'p' => {
            let mut d = format!("CREATE PUBLICATION {qpub}");
            if p.all_tables {
                d.push_str(" FOR ALL TABLES");
            }
            let actions: Vec<&str> = [
                (p.insert, "insert"),
                (p.update, "update"),
                (p.delete, "delete"),
                (p.truncate, "truncate"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, a)| *a)
            .collect();
            d.push_str(&format!(" WITH (publish = '{}'", actions.join(", ")));
            if p.via_root {
                d.push_str(", publish_via_partition_root = true");
            }
            if p.gencols == 's' {
                d.push_str(", publish_generated_columns = stored");
            }
            d.push_str(");\n");
            let mut e = TocEntry::new(&p.pub_name, "PUBLICATION", Section::PostData, d);
            e.owner = Some(p.owner.clone());
            e.drop_stmt = format!("DROP PUBLICATION {qpub};\n");
            e.owner_object = Some(format!("PUBLICATION {qpub}"));
            out.push(e);
            ctx.comment_entry(
                out,
                "pg_publication",
                p.oid,
                0,
                "PUBLICATION",
                &qpub,
                &qpub,
                None,
                &p.owner,
            );
        }
        't' => {
            let Some(t) = ctx.relation(p.target_oid) else {
                return;
            };
            let mut d = format!(
                "ALTER PUBLICATION {qpub} ADD TABLE ONLY {}",
                ctx.qualified_rel(t)
            );
            if let Some(cols) = &p.columns {
                let cols: Vec<String> = cols.iter().map(|c| q.id(c)).collect();
                d.push_str(&format!(" ({})", cols.join(", ")));
            }
            if let Some(filter) = &p.row_filter {
                d.push_str(&format!(" WHERE ({filter})"));
            }
            d.push_str(";\n");
            // No DROP (dropping the table drops it), hence no owner line either.
            let mut e = TocEntry::new(
                format!("{} {}", p.pub_name, t.name),
                "PUBLICATION TABLE",
                Section::PostData,
                d,
            );
            e.namespace = Some(ctx.nsp(t.nsp_oid).to_string());
            e.owner = Some(p.owner.clone());
            out.push(e);
        }
        _ => {
            let nsp = ctx.nsp(p.target_oid);
            let d = format!(
                "ALTER PUBLICATION {qpub} ADD TABLES IN SCHEMA {};\n",
                q.id(nsp)
            );
            let mut e = TocEntry::new(
                format!("{} {nsp}", p.pub_name),
                "PUBLICATION TABLES IN SCHEMA",
                Section::PostData,
                d,
            );
            e.namespace = Some(nsp.to_string());
            e.owner = Some(p.owner.clone());
            out.push(e);
        }
    }
}
