//! Aggregates (pg_dump.c `dumpAgg`).

use super::*;

/// One `FINALFUNC_MODIFY`-style line when the flag differs from the kind's default
/// (DefineAggregate: read-only for normal aggregates, read-write for ordered-set ones).
fn push_modify(details: &mut String, key: &str, flag: char, default: char) {
    if flag == default {
        return;
    }
    let word = match flag {
        'r' => "READ_ONLY",
        's' => "SHAREABLE",
        'w' => "READ_WRITE",
        _ => return,
    };
    details.push_str(&format!(",\n    {key} = {word}"));
}

pub(super) fn render_aggregate(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let a = &ctx.cat.aggregates[i];
    let nsp = ctx.nsp(a.nsp_oid);
    let qnsp = q.id(nsp);
    let qname = q.id(&a.name);
    let zero_args = a.arg_type_names.is_empty();
    // format_function_arguments (is_agg): `(*)` for an aggregate without arguments.
    let with_args = |args: &str| {
        if zero_args {
            format!("{qname}(*)")
        } else {
            format!("{qname}({args})")
        }
    };
    let fullsig = with_args(&a.args);
    let sig = with_args(&a.identity_args);
    // format_aggregate_signature without quotes: the header tag.
    let tag = if zero_args {
        format!("{}(*)", a.name)
    } else {
        format!("{}({})", a.name, a.arg_type_names.join(", "))
    };
    let default_modify = if a.kind == 'n' { 'r' } else { 'w' };

    let mut d = format!("    SFUNC = {},\n    STYPE = {}", a.transfn, a.transtype);
    if a.transspace != "0" {
        d.push_str(&format!(",\n    SSPACE = {}", a.transspace));
    }
    if let Some(init) = &a.initval {
        d.push_str(&format!(",\n    INITCOND = {}", ctx.lit(init)));
    }
    if a.finalfn != "-" {
        d.push_str(&format!(",\n    FINALFUNC = {}", a.finalfn));
        if a.finalextra {
            d.push_str(",\n    FINALFUNC_EXTRA");
        }
        push_modify(&mut d, "FINALFUNC_MODIFY", a.finalmodify, default_modify);
    }
    if a.combinefn != "-" {
        d.push_str(&format!(",\n    COMBINEFUNC = {}", a.combinefn));
    }
    if a.serialfn != "-" {
        d.push_str(&format!(",\n    SERIALFUNC = {}", a.serialfn));
    }
    if a.deserialfn != "-" {
        d.push_str(&format!(",\n    DESERIALFUNC = {}", a.deserialfn));
    }
    if a.mtransfn != "-" {
        d.push_str(&format!(
            ",\n    MSFUNC = {},\n    MINVFUNC = {},\n    MSTYPE = {}",
            a.mtransfn, a.minvtransfn, a.mtranstype
        ));
    }
    if a.mtransspace != "0" {
        d.push_str(&format!(",\n    MSSPACE = {}", a.mtransspace));
    }
    if let Some(init) = &a.minitval {
        d.push_str(&format!(",\n    MINITCOND = {}", ctx.lit(init)));
    }
    if a.mfinalfn != "-" {
        d.push_str(&format!(",\n    MFINALFUNC = {}", a.mfinalfn));
        if a.mfinalextra {
            d.push_str(",\n    MFINALFUNC_EXTRA");
        }
        push_modify(&mut d, "MFINALFUNC_MODIFY", a.mfinalmodify, default_modify);
    }
    if let Some((op_nsp, op)) = &a.sortop {
        d.push_str(&format!(",\n    SORTOP = OPERATOR({}.{op})", q.id(op_nsp)));
    }
    if a.kind == 'h' {
        d.push_str(",\n    HYPOTHETICAL");
    }
    match a.parallel {
        's' => d.push_str(",\n    PARALLEL = safe"),
        'r' => d.push_str(",\n    PARALLEL = restricted"),
        _ => {}
    }

    let mut e = TocEntry::new(
        tag,
        "AGGREGATE",
        Section::PreData,
        format!("CREATE AGGREGATE {qnsp}.{fullsig} (\n{d}\n);\n"),
    );
    e.namespace = Some(nsp.to_string());
    e.owner = Some(a.owner.clone());
    e.drop_stmt = format!("DROP AGGREGATE {qnsp}.{sig};\n");
    e.owner_object = Some(format!("AGGREGATE {qnsp}.{sig}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_proc",
        a.oid,
        0,
        "AGGREGATE",
        &sig,
        &format!("{qnsp}.{sig}"),
        Some(nsp),
        &a.owner,
    );
    // There is no GRANT ON AGGREGATE: the ACL names it as a function (format_function_signature).
    let acl_sig = format!("{qname}({})", a.arg_type_names.join(", "));
    ctx.acl_entry(
        out,
        "FUNCTION",
        format!("FUNCTION {acl_sig}"),
        &format!("{qnsp}.{acl_sig}"),
        None,
        Some(nsp),
        &a.owner,
        a.acl.as_deref(),
        &a.acl_default,
        a.init_acl.as_deref(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aggregate, Namespace};

    fn catalog(agg: Aggregate) -> Catalog {
        Catalog {
            std_strings: true,
            namespaces: vec![Namespace {
                oid: 2200,
                name: "app".into(),
                owner: "alice".into(),
                owner_oid: 10,
                acl: None,
                acl_default: "{}".into(),
                init_acl: None,
            }],
            aggregates: vec![agg],
            ..Default::default()
        }
    }

    fn aggregate(name: &str, args: &[&str]) -> Aggregate {
        Aggregate {
            oid: 16500,
            name: name.into(),
            nsp_oid: 2200,
            owner: "alice".into(),
            acl: None,
            acl_default: "{=X/alice,alice=X/alice}".into(),
            init_acl: None,
            args: args.join(", "),
            identity_args: args.join(", "),
            kind: 'n',
            transfn: "int8inc".into(),
            finalfn: "-".into(),
            combinefn: "-".into(),
            serialfn: "-".into(),
            deserialfn: "-".into(),
            mtransfn: "-".into(),
            minvtransfn: "-".into(),
            mfinalfn: "-".into(),
            transtype: "bigint".into(),
            mtranstype: "-".into(),
            transspace: "0".into(),
            mtransspace: "0".into(),
            initval: Some("0".into()),
            minitval: None,
            finalextra: false,
            mfinalextra: false,
            finalmodify: 'r',
            mfinalmodify: 'r',
            sortop: None,
            parallel: 's',
            arg_type_names: args.iter().map(|s| s.to_string()).collect(),
            arg_types: Vec::new(),
        }
    }

    fn render(agg: Aggregate) -> Vec<TocEntry> {
        let cat = catalog(agg);
        let lookup = Lookup::new(&cat);
        let ctx = Ctx::new(&cat, &lookup, Quoting { quote_all: false }, false, false);
        let mut out = Vec::new();
        render_aggregate(&ctx, &mut out, 0);
        out
    }

    #[test]
    fn zero_argument_aggregates_print_a_star() {
        let out = render(aggregate("Count Star", &[]));
        assert_eq!(out[0].tag, "Count Star(*)");
        assert_eq!(
            out[0].defn,
            "CREATE AGGREGATE app.\"Count Star\"(*) (\n    SFUNC = int8inc,\n    STYPE = bigint,\n    INITCOND = '0',\n    PARALLEL = safe\n);\n"
        );
        assert_eq!(out[0].drop_stmt, "DROP AGGREGATE app.\"Count Star\"(*);\n");
        assert_eq!(
            out[0].owner_object.as_deref(),
            Some("AGGREGATE app.\"Count Star\"(*)")
        );
    }

    #[test]
    fn aggregate_privileges_name_a_function() {
        let mut agg = aggregate("total", &["integer"]);
        agg.acl = Some("{alice=X/alice}".into());
        let out = render(agg);
        let acl = out.iter().find(|e| e.is_acl).expect("an ACL entry");
        assert_eq!(acl.tag, "FUNCTION total(integer)");
        assert!(
            acl.defn
                .contains("REVOKE ALL ON FUNCTION app.total(integer) FROM PUBLIC;"),
            "{}",
            acl.defn
        );
    }
}
