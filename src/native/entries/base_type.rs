//! Base types and undefined types (pg_dump.c `dumpBaseType`, `dumpUndefinedType`).

use super::*;

/// dumpBaseType's CREATE TYPE statement, or `None` if the details are missing.
pub(super) fn base_type_definition(ctx: &Ctx, i: usize, qual: &str) -> Option<String> {
    let t = &ctx.cat.types[i];
    let b = ctx.lookup.base_type(ctx.cat, t.oid)?;
    let len = if b.len == "-1" { "variable" } else { &b.len };
    let mut d = format!(
        "CREATE TYPE {qual} (\n    INTERNALLENGTH = {len},\n    INPUT = {},\n    OUTPUT = {}",
        b.input, b.output
    );
    for (key, (name, oid)) in [
        ("RECEIVE", &b.receive),
        ("SEND", &b.send),
        ("TYPMOD_IN", &b.modin),
        ("TYPMOD_OUT", &b.modout),
        ("ANALYZE", &b.analyze),
    ] {
        if *oid != 0 {
            d.push_str(&format!(",\n    {key} = {name}"));
        }
    }
    if b.collatable {
        d.push_str(",\n    COLLATABLE = true");
    }
    if let Some(expr) = &b.default_expr {
        d.push_str(&format!(",\n    DEFAULT = {expr}"));
    } else if let Some(lit) = &b.default_literal {
        d.push_str(&format!(",\n    DEFAULT = {}", ctx.lit(lit)));
    }
    if b.subscript != "-" {
        d.push_str(&format!(",\n    SUBSCRIPT = {}", b.subscript));
    }
    if let Some(elem) = &b.element {
        d.push_str(&format!(",\n    ELEMENT = {elem}"));
    }
    if b.category != "U" {
        d.push_str(&format!(",\n    CATEGORY = {}", ctx.lit(&b.category)));
    }
    if b.preferred {
        d.push_str(",\n    PREFERRED = true");
    }
    if !b.delim.is_empty() && b.delim != "," {
        d.push_str(&format!(",\n    DELIMITER = {}", ctx.lit(&b.delim)));
    }
    match b.align {
        'c' => d.push_str(",\n    ALIGNMENT = char"),
        's' => d.push_str(",\n    ALIGNMENT = int2"),
        'i' => d.push_str(",\n    ALIGNMENT = int4"),
        'd' => d.push_str(",\n    ALIGNMENT = double"),
        _ => {}
    }
    match b.storage {
        'p' => d.push_str(",\n    STORAGE = plain"),
        'e' => d.push_str(",\n    STORAGE = external"),
        'x' => d.push_str(",\n    STORAGE = extended"),
        'm' => d.push_str(",\n    STORAGE = main"),
        _ => {}
    }
    if b.byval {
        d.push_str(",\n    PASSEDBYVALUE");
    }
    d.push_str("\n);\n");
    Some(d)
}

/// Whether a pseudo-type is an undefined one (`CREATE TYPE s.t;` left alone), which
/// dumpUndefinedType prints; other pseudo-types are never in user schemas.
pub(super) fn is_undefined(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.cat.types[i];
    ctx.lookup
        .base_type(ctx.cat, t.oid)
        .is_some_and(|b| !b.is_defined)
}
