//! Default privileges (pg_dump.c `dumpDefaultACL`).

use super::*;

pub(super) fn render_default_acl(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
    let cat = ctx.cat;
    let q = &ctx.q;
    let d = &cat.default_acls[i];
    if ctx.no_privileges {
        return;
    }
    let kind = match d.objtype {
        'r' => "TABLES",
        'S' => "SEQUENCES",
        'f' => "FUNCTIONS",
        'T' => "TYPES",
        'n' => "SCHEMAS",
        'L' => "LARGE OBJECTS",
        other => {
            ctx.acl_error(format!(
                "unrecognized default privileges object type {other}"
            ));
            return;
        }
    };
    let nsp = (d.nsp_oid != 0).then(|| ctx.nsp(d.nsp_oid));
    let input = AclInput {
        acl: Some(&d.acl),
        base: &d.acl_default,
        owner: &d.role,
    };
    match build_default_acl_commands(kind, nsp, &input, &d.role, q, cat.server_version_num) {
        Ok(Some(text)) => {
            let mut e = TocEntry::new(
                format!("DEFAULT PRIVILEGES FOR {kind}"),
                "DEFAULT ACL",
                Section::PostData,
                text,
            );
            e.namespace = nsp.map(str::to_string);
            e.owner = Some(d.role.clone());
            e.is_acl = true;
            out.push(e);
        }
        Ok(None) => {}
        Err(err) => ctx.acl_error(format!("default privileges: {err}")),
    }
}
