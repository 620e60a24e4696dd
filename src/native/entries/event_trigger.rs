//! Event triggers (pg_dump.c `dumpEventTrigger`); printed after the privileges.

use super::*;

pub(super) fn render_event_trigger(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let q = &ctx.q;
    let t = &ctx.cat.event_triggers[i];
    let qname = q.id(&t.name);
    let mut d = format!("CREATE EVENT TRIGGER {qname} ON {}", q.id(&t.event));
    if !t.tags.is_empty() {
        d.push_str(&format!("\n         WHEN TAG IN ({})", t.tags));
    }
    d.push_str(&format!("\n   EXECUTE FUNCTION {}();\n", t.function));
    if t.enabled != 'O' {
        let state = match t.enabled {
            'D' => "DISABLE",
            'A' => "ENABLE ALWAYS",
            'R' => "ENABLE REPLICA",
            _ => "ENABLE",
        };
        d.push_str(&format!("\nALTER EVENT TRIGGER {qname} {state};\n"));
    }
    let mut e = TocEntry::new(&t.name, "EVENT TRIGGER", Section::PostData, d);
    e.owner = Some(t.owner.clone());
    e.drop_stmt = format!("DROP EVENT TRIGGER {qname};\n");
    e.owner_object = Some(format!("EVENT TRIGGER {qname}"));
    out.push(e);
    ctx.comment_entry(
        out,
        "pg_event_trigger",
        t.oid,
        0,
        "EVENT TRIGGER",
        &qname,
        &qname,
        None,
        &t.owner,
    );
}
