//! Sequences, standalone, owned by a serial column or an identity column (pg_dump.c `dumpSequence`).

use super::*;

/// The MINVALUE/MAXVALUE pg_dump leaves out as defaults (dumpSequence).
pub(super) fn sequence_bounds(type_name: &str, increment: i64) -> (i64, i64) {
    let (min, max) = match type_name {
        "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
        "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    };
    if increment > 0 { (1, max) } else { (min, -1) }
}

pub(super) fn sequence_options(s: &crate::model::SequenceParams, indent: &str) -> String {
    let (def_min, def_max) = sequence_bounds(&s.type_name, s.increment);
    let mut o = String::new();
    o.push_str(&format!("{indent}START WITH {}\n", s.start));
    o.push_str(&format!("{indent}INCREMENT BY {}\n", s.increment));
    if s.min == def_min {
        o.push_str(&format!("{indent}NO MINVALUE\n"));
    } else {
        o.push_str(&format!("{indent}MINVALUE {}\n", s.min));
    }
    if s.max == def_max {
        o.push_str(&format!("{indent}NO MAXVALUE\n"));
    } else {
        o.push_str(&format!("{indent}MAXVALUE {}\n", s.max));
    }
    o.push_str(&format!("{indent}CACHE {}", s.cache));
    if s.cycle {
        o.push_str(&format!("\n{indent}CYCLE"));
    }
    o
}

/// `owner_dumped`: whether the table owning the sequence is dumped (OWNED BY names it only then).
pub(super) fn render_sequence(
    ctx: &Ctx,
    out: &mut Vec<TocEntry>,
    r: &Relation,
    owner_dumped: bool,
) {
    let q = &ctx.q;
    let Some(s) = &r.sequence else { return };
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    let owner_table = (r.owning_table != 0)
        .then(|| ctx.relation(r.owning_table))
        .flatten();
    if r.is_identity_sequence
        && let Some(t) = owner_table
    {
        let col = t
            .columns
            .iter()
            .find(|c| i32::from(c.num) == r.owning_column);
        let col_name = col.map(|c| c.name.as_str()).unwrap_or("");
        let kind = if col.map(|c| c.identity) == Some('a') {
            "ALWAYS"
        } else {
            "BY DEFAULT"
        };
        let mut defn = format!(
            "ALTER TABLE {} ALTER COLUMN {} ADD GENERATED {kind} AS IDENTITY (\n    SEQUENCE NAME {qual}\n",
            ctx.qualified_rel(t),
            q.id(col_name)
        );
        // Its persistence only when it differs from its table's.
        if r.persistence != t.persistence {
            defn.push_str(if r.persistence == 'u' {
                "    UNLOGGED\n"
            } else {
                "    LOGGED\n"
            });
        }
        defn.push_str(&sequence_options(s, "    "));
        defn.push_str("\n);\n");
        let mut e = TocEntry::new(&r.name, "SEQUENCE", Section::PreData, defn);
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        out.push(e);
    } else {
        let unlogged = if r.persistence == 'u' {
            "UNLOGGED "
        } else {
            ""
        };
        let mut defn = format!("CREATE {unlogged}SEQUENCE {qual}\n");
        if s.type_name != "bigint" {
            defn.push_str(&format!("    AS {}\n", s.type_name));
        }
        defn.push_str(&sequence_options(s, "    "));
        defn.push_str(";\n");
        let mut e = TocEntry::new(&r.name, "SEQUENCE", Section::PreData, defn);
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        e.drop_stmt = format!("DROP SEQUENCE {qual};\n");
        e.owner_object = Some(format!("SEQUENCE {qual}"));
        out.push(e);
    }
    if !r.is_identity_sequence
        && owner_dumped
        && let Some(t) = owner_table
        && let Some(col) = t
            .columns
            .iter()
            .find(|c| i32::from(c.num) == r.owning_column)
    {
        let mut e = TocEntry::new(
            &r.name,
            "SEQUENCE OWNED BY",
            Section::PreData,
            format!(
                "ALTER SEQUENCE {qual} OWNED BY {}.{};\n",
                ctx.qualified_rel(t),
                q.id(&col.name)
            ),
        );
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        out.push(e);
    }
    relation_comments(ctx, out, r, "SEQUENCE");
    ctx.relation_acls(out, r);
}
