//! Each dumped object as the TOC entries pg_dump makes for it (pg_dump.c `dumpNamespace`,
//! `dumpEnumType`, `dumpFunc`, `dumpTableSchema`, `dumpSequence`, `dumpAttrDef`, `dumpIndex`,
//! `dumpConstraint`, `dumpTrigger`, `dumpRule`, and `dumpComment` for their comments).

use std::collections::HashMap;

use crate::model::{Catalog, Column, Comment, Relation};
use crate::order::DumpId;
use crate::render::acl::{
    AclInput, build_acl_commands, build_default_acl_commands, public_schema_initprivs,
};
use crate::render::quote::{Quoting, dollar_quote, reloptions, string_literal};
use crate::render::toc::{Section, TocEntry};

use super::build::{Objects, Target};

/// Rendering context shared by every entry.
pub struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub q: Quoting,
    pub no_comments: bool,
    pub no_privileges: bool,
    /// Privileges that could not be turned into GRANT/REVOKE (pg_dump stops on these).
    pub acl_errors: std::cell::RefCell<Vec<String>>,
    /// Comments by (catalog name, object oid), in objsubid order.
    pub comments: HashMap<(&'a str, u32), Vec<&'a Comment>>,
}

impl<'a> Ctx<'a> {
    pub fn new(cat: &'a Catalog, q: Quoting, no_comments: bool, no_privileges: bool) -> Self {
        let mut comments: HashMap<(&str, u32), Vec<&Comment>> = HashMap::new();
        for c in &cat.comments {
            comments
                .entry((c.catalog.as_str(), c.object_oid))
                .or_default()
                .push(c);
        }
        Ctx {
            cat,
            q,
            no_comments,
            no_privileges,
            acl_errors: std::cell::RefCell::new(Vec::new()),
            comments,
        }
    }

    /// dumpACL: an ACL entry (printed in the ACL pass) when the privileges differ from their
    /// base. `name` is what GRANT names (qualified), `tag` what the header shows.
    #[allow(clippy::too_many_arguments)]
    fn acl_entry(
        &self,
        out: &mut Vec<TocEntry>,
        kind: &str,
        tag: String,
        name: &str,
        subname: Option<&str>,
        nsp: Option<&str>,
        owner: &str,
        acl: Option<&str>,
        acl_default: &str,
        init_acl: Option<&str>,
    ) {
        if self.no_privileges {
            return;
        }
        let input = AclInput::from_catalog(acl, acl_default, init_acl, owner);
        match build_acl_commands(
            name,
            subname,
            kind,
            &input,
            "",
            &self.q,
            self.cat.server_version_num,
        ) {
            Ok(Some(text)) => {
                let mut e = TocEntry::new(tag, "ACL", Section::None, text);
                e.namespace = nsp.map(str::to_string);
                e.owner = Some(owner.to_string());
                e.is_acl = true;
                out.push(e);
            }
            Ok(None) => {}
            Err(err) => self.acl_errors.borrow_mut().push(format!("{tag}: {err}")),
        }
    }

    /// The table's ACL entry, then one per column with privileges (dumpTable).
    fn relation_acls(&self, out: &mut Vec<TocEntry>, r: &Relation) {
        let q = &self.q;
        let nsp = self.nsp(r.nsp_oid);
        let qual = self.qualified_rel(r);
        let kind = if r.relkind == 'S' {
            "SEQUENCE"
        } else {
            "TABLE"
        };
        self.acl_entry(
            out,
            kind,
            format!("{kind} {}", q.id(&r.name)),
            &qual,
            None,
            Some(nsp),
            &r.owner,
            r.acl.as_deref(),
            &r.acl_default,
            r.init_acl.as_deref(),
        );
        for c in r
            .columns
            .iter()
            .filter(|c| !c.is_dropped && (c.acl.is_some() || c.init_acl.is_some()))
        {
            self.acl_entry(
                out,
                "TABLE",
                format!("COLUMN {}.{}", q.id(&r.name), q.id(&c.name)),
                &qual,
                Some(&q.id(&c.name)),
                Some(nsp),
                &r.owner,
                c.acl.as_deref(),
                "{}",
                c.init_acl.as_deref(),
            );
        }
    }

    fn nsp(&self, oid: u32) -> &'a str {
        self.cat
            .namespaces
            .iter()
            .find(|n| n.oid == oid)
            .map(|n| n.name.as_str())
            .unwrap_or("")
    }

    fn lit(&self, s: &str) -> String {
        string_literal(s, self.cat.std_strings)
    }

    fn qualified_rel(&self, r: &Relation) -> String {
        self.q.qualified(self.nsp(r.nsp_oid), &r.name)
    }

    fn relation(&self, oid: u32) -> Option<&'a Relation> {
        self.cat.relations.iter().find(|r| r.oid == oid)
    }

    fn comment_of(&self, catalog: &str, oid: u32, sub_id: i32) -> Option<&'a Comment> {
        self.comments
            .get(&(catalog, oid))?
            .iter()
            .find(|c| c.sub_id == sub_id)
            .copied()
    }

    /// dumpComment: a COMMENT entry for an object, if it has one.
    #[allow(clippy::too_many_arguments)]
    fn comment_entry(
        &self,
        out: &mut Vec<TocEntry>,
        catalog: &str,
        oid: u32,
        sub_id: i32,
        kind: &str,
        tag_name: &str,
        target: &str,
        nsp: Option<&str>,
        owner: &str,
    ) {
        if self.no_comments {
            return;
        }
        let Some(c) = self.comment_of(catalog, oid, sub_id) else {
            return;
        };
        let mut e = TocEntry::new(
            format!("{kind} {tag_name}"),
            "COMMENT",
            Section::None,
            format!(
                "COMMENT ON {kind} {target} IS {};\n",
                self.lit(&c.description)
            ),
        );
        e.namespace = nsp.map(str::to_string);
        e.owner = Some(owner.to_string());
        out.push(e);
    }
}

/// The entries of one dumped object (none for objects printed as part of another).
pub fn entries_for(ctx: &Ctx, objs: &Objects, id: DumpId) -> Vec<TocEntry> {
    let mut out = Vec::new();
    let cat = ctx.cat;
    let q = &ctx.q;
    match objs.target(id) {
        Target::Extension(i) => {
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
                &mut out,
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
        Target::Namespace(i) => {
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
                            &mut out,
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
                        &mut out,
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
                    &mut out,
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
        Target::Type(i) => render_type(ctx, objs, &mut out, i),
        // Validated domain constraints are printed (with their comments) by their domain.
        Target::DomainConstraint(_) => {}
        Target::Function(i) => render_function(ctx, &mut out, i),
        Target::Relation(i) => {
            let r = &cat.relations[i];
            match r.relkind {
                'r' => render_table(ctx, objs, &mut out, r),
                'v' => render_view(ctx, objs, &mut out, r, id),
                'S' => {
                    let owner_dumped = objs.is_relation_dumped(r.owning_table);
                    render_sequence(ctx, &mut out, r, owner_dumped)
                }
                _ => {}
            }
        }
        Target::AttrDef(ri, ci) => {
            let node = &objs.graph.nodes[id - 1];
            if node.flags.separate {
                let r = &cat.relations[ri];
                let c = &r.columns[ci];
                let qual = ctx.qualified_rel(r);
                let mut e = TocEntry::new(
                    format!("{} {}", r.name, c.name),
                    "DEFAULT",
                    Section::PreData,
                    format!(
                        "ALTER TABLE ONLY {qual} ALTER COLUMN {} SET DEFAULT {};\n",
                        q.id(&c.name),
                        c.default_expr.as_deref().unwrap_or("")
                    ),
                );
                e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
                e.owner = Some(r.owner.clone());
                e.drop_stmt = format!(
                    "ALTER TABLE {qual} ALTER COLUMN {} DROP DEFAULT;\n",
                    q.id(&c.name)
                );
                out.push(e);
            }
        }
        Target::Check(ci) => {
            let node = &objs.graph.nodes[id - 1];
            let c = &cat.constraints[ci];
            if node.flags.separate
                && let Some(r) = ctx.relation(c.table_oid)
            {
                // A separate CHECK constraint is added without ONLY (dumpConstraint).
                out.push(table_constraint_entry(ctx, r, c, "CHECK CONSTRAINT", ""));
            }
            if let Some(r) = ctx.relation(c.table_oid) {
                constraint_comment(ctx, &mut out, c.oid, &c.name, r);
            }
        }
        Target::Index(ii) => {
            let ix = &cat.indexes[ii];
            let Some(r) = ctx.relation(ix.table_oid) else {
                return out;
            };
            let nsp = ctx.nsp(ix.nsp_oid);
            let qual = q.qualified(nsp, &ix.name);
            let mut e = TocEntry::new(
                &ix.name,
                "INDEX",
                Section::PostData,
                format!("{};\n", ix.definition),
            );
            e.namespace = Some(nsp.to_string());
            e.owner = Some(r.owner.clone());
            e.tablespace = Some(ix.tablespace.clone());
            e.drop_stmt = format!("DROP INDEX {qual};\n");
            out.push(e);
            ctx.comment_entry(
                &mut out,
                "pg_class",
                ix.oid,
                0,
                "INDEX",
                &q.id(&ix.name),
                &qual,
                Some(nsp),
                &r.owner,
            );
        }
        Target::IndexConstraint(ci, ii) => {
            let c = &cat.constraints[ci];
            let ix = &cat.indexes[ii];
            let Some(r) = ctx.relation(c.table_oid) else {
                return out;
            };
            let mut e = table_constraint_entry(ctx, r, c, "CONSTRAINT", "ONLY ");
            e.tablespace = Some(ix.tablespace.clone());
            out.push(e);
            constraint_comment(ctx, &mut out, c.oid, &c.name, r);
        }
        Target::ForeignKey(ci) => {
            let c = &cat.constraints[ci];
            let Some(r) = ctx.relation(c.table_oid) else {
                return out;
            };
            // dumpConstraint leaves ONLY out for partitioned tables.
            let only = if r.relkind == 'p' { "" } else { "ONLY " };
            out.push(table_constraint_entry(ctx, r, c, "FK CONSTRAINT", only));
            constraint_comment(ctx, &mut out, c.oid, &c.name, r);
        }
        Target::Trigger(ti) => {
            let t = &cat.triggers[ti];
            let Some(r) = ctx.relation(t.table_oid) else {
                return out;
            };
            let qual = ctx.qualified_rel(r);
            let mut defn = format!("{};\n", t.definition);
            let state = match t.enabled {
                'D' => Some("DISABLE"),
                'A' => Some("ENABLE ALWAYS"),
                'R' => Some("ENABLE REPLICA"),
                _ => None,
            };
            if let Some(state) = state {
                defn.push_str(&format!(
                    "\nALTER TABLE {qual} {state} TRIGGER {};\n",
                    q.id(&t.name)
                ));
            }
            let mut e = TocEntry::new(
                format!("{} {}", r.name, t.name),
                "TRIGGER",
                Section::PostData,
                defn,
            );
            e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
            e.owner = Some(r.owner.clone());
            e.drop_stmt = format!("DROP TRIGGER {} ON {qual};\n", q.id(&t.name));
            out.push(e);
            let target = format!("{} ON {qual}", q.id(&t.name));
            let tag = format!("{} ON {}", q.id(&t.name), q.id(&r.name));
            ctx.comment_entry(
                &mut out,
                "pg_trigger",
                t.oid,
                0,
                "TRIGGER",
                &tag,
                &target,
                Some(ctx.nsp(r.nsp_oid)),
                &r.owner,
            );
        }
        Target::Rule(ri) => {
            let node = &objs.graph.nodes[id - 1];
            let rule = &cat.rules[ri];
            let Some(r) = ctx.relation(rule.table_oid) else {
                return out;
            };
            if node.flags.separate && node.flags.is_select_instead_rule {
                // The view was printed as a dummy; this puts the real query in.
                let qual = ctx.qualified_rel(r);
                let mut defn = format!("CREATE OR REPLACE VIEW {qual}");
                if !r.reloptions.is_empty() {
                    defn.push_str(&format!(
                        " WITH ({})",
                        reloptions(&r.reloptions, "", q, ctx.cat.std_strings)
                    ));
                }
                defn.push_str(&format!(" AS\n{}", view_query(r)));
                if let Some(opt) = &r.check_option {
                    defn.push_str(&format!("\n  WITH {opt} CHECK OPTION"));
                }
                defn.push_str(";\n");
                let mut e = TocEntry::new(
                    format!("{} {}", r.name, rule.name),
                    "RULE",
                    Section::PostData,
                    defn,
                );
                e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
                e.owner = Some(r.owner.clone());
                e.drop_stmt = format!(
                    "CREATE OR REPLACE VIEW {qual} AS\n{};\n",
                    dummy_select(ctx, r)
                );
                out.push(e);
            }
        }
        Target::RowSecurity(ri) => {
            let r = &cat.relations[ri];
            // The only entry whose text has no final newline, hence one blank line after it.
            let mut e = TocEntry::new(
                &r.name,
                "ROW SECURITY",
                Section::PostData,
                format!(
                    "ALTER TABLE {} ENABLE ROW LEVEL SECURITY;",
                    ctx.qualified_rel(r)
                ),
            );
            e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
            e.owner = Some(r.owner.clone());
            out.push(e);
        }
        Target::Policy(pi) => {
            let p = &cat.policies[pi];
            let Some(r) = ctx.relation(p.table_oid) else {
                return out;
            };
            let qual = ctx.qualified_rel(r);
            let cmd = match p.command {
                'r' => " FOR SELECT",
                'a' => " FOR INSERT",
                'w' => " FOR UPDATE",
                'd' => " FOR DELETE",
                _ => "",
            };
            let mut defn = format!(
                "CREATE POLICY {} ON {qual}{}{cmd}",
                q.id(&p.name),
                if p.permissive { "" } else { " AS RESTRICTIVE" }
            );
            if let Some(roles) = &p.roles {
                defn.push_str(&format!(" TO {roles}"));
            }
            if let Some(u) = &p.using_expr {
                defn.push_str(&format!(" USING ({u})"));
            }
            if let Some(c) = &p.check_expr {
                defn.push_str(&format!(" WITH CHECK ({c})"));
            }
            defn.push_str(";\n");
            let mut e = TocEntry::new(
                format!("{} {}", r.name, p.name),
                "POLICY",
                Section::PostData,
                defn,
            );
            e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
            e.owner = Some(r.owner.clone());
            e.drop_stmt = format!("DROP POLICY {} ON {qual};\n", q.id(&p.name));
            out.push(e);
            let kind = format!("POLICY {} ON", q.id(&p.name));
            ctx.comment_entry(
                &mut out,
                "pg_policy",
                p.oid,
                0,
                &kind,
                &q.id(&r.name),
                &qual,
                Some(ctx.nsp(r.nsp_oid)),
                &r.owner,
            );
        }
        Target::DefaultAcl(i) => {
            let d = &cat.default_acls[i];
            if ctx.no_privileges {
                return out;
            }
            let kind = match d.objtype {
                'r' => "TABLES",
                'S' => "SEQUENCES",
                'f' => "FUNCTIONS",
                'T' => "TYPES",
                'n' => "SCHEMAS",
                'L' => "LARGE OBJECTS",
                other => {
                    ctx.acl_errors.borrow_mut().push(format!(
                        "unrecognized default privileges object type {other}"
                    ));
                    return out;
                }
            };
            let nsp = (d.nsp_oid != 0).then(|| ctx.nsp(d.nsp_oid));
            let input = AclInput {
                acl: Some(&d.acl),
                base: &d.acl_default,
                owner: &d.role,
            };
            match build_default_acl_commands(kind, nsp, &input, &d.role, q, cat.server_version_num)
            {
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
                Err(err) => ctx
                    .acl_errors
                    .borrow_mut()
                    .push(format!("default privileges: {err}")),
            }
        }
        Target::DummyType | Target::Boundary => {}
    }
    out
}

/// dumpEnumType, dumpDomain, dumpCompositeType.
fn render_type(ctx: &Ctx, objs: &Objects, out: &mut Vec<TocEntry>, i: usize) {
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
            let mut checks: Vec<&crate::model::Constraint> = cat
                .constraints
                .iter()
                .filter(|c| c.domain_oid == t.oid && c.contype == 'c')
                .filter(|c| {
                    !objs.graph.nodes.iter().any(|n| {
                        n.obj_type == crate::order::ObjType::Constraint
                            && n.oid == c.oid
                            && n.flags.separate
                    })
                })
                .collect();
            checks.sort_by(|a, b| a.name.cmp(&b.name));
            for c in checks {
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
                            if let Some(coll) = &c.collation {
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
        // dumpDomain: the CHECK constraints' comments by name, then the NOT NULL's.
        let mut cons: Vec<&crate::model::Constraint> = cat
            .constraints
            .iter()
            .filter(|c| c.domain_oid == t.oid && c.contype == 'c')
            .collect();
        cons.sort_by(|a, b| a.name.cmp(&b.name));
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
        && let Some(list) = ctx.comments.get(&("pg_class", r.oid))
    {
        for c in list.iter().filter(|c| c.sub_id > 0) {
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

/// dumpConstraint's `ALTER TABLE [ONLY] t ADD CONSTRAINT n <definition>;` entry and its drop.
fn table_constraint_entry(
    ctx: &Ctx,
    r: &Relation,
    c: &crate::model::Constraint,
    desc: &'static str,
    only: &str,
) -> TocEntry {
    let q = &ctx.q;
    let qual = ctx.qualified_rel(r);
    let mut e = TocEntry::new(
        format!("{} {}", r.name, c.name),
        desc,
        Section::PostData,
        format!(
            "ALTER TABLE {only}{qual}\n    ADD CONSTRAINT {} {};\n",
            q.id(&c.name),
            c.definition
        ),
    );
    e.namespace = Some(ctx.nsp(r.nsp_oid).to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!(
        "ALTER TABLE {only}{qual} DROP CONSTRAINT {};\n",
        q.id(&c.name)
    );
    e
}

fn constraint_comment(ctx: &Ctx, out: &mut Vec<TocEntry>, oid: u32, name: &str, r: &Relation) {
    let q = &ctx.q;
    let target = format!("{} ON {}", q.id(name), ctx.qualified_rel(r));
    let tag = format!("{} ON {}", q.id(name), q.id(&r.name));
    ctx.comment_entry(
        out,
        "pg_constraint",
        oid,
        0,
        "CONSTRAINT",
        &tag,
        &target,
        Some(ctx.nsp(r.nsp_oid)),
        &r.owner,
    );
}

/// pg_get_viewdef's text without its final semicolon.
fn view_query(r: &Relation) -> String {
    let def = r.viewdef.as_deref().unwrap_or("");
    def.strip_suffix(';').unwrap_or(def).to_string()
}

/// createDummyViewAsClause: `SELECT NULL::type AS col, ...` standing in for a view whose real
/// query must wait for objects printed later.
fn dummy_select(ctx: &Ctx, r: &Relation) -> String {
    let cols: Vec<String> = r
        .columns
        .iter()
        .filter(|c| !c.is_dropped)
        .map(|c| {
            let mut s = format!("NULL::{}", c.type_name);
            if let Some(coll) = &c.collation {
                s.push_str(&format!(" COLLATE {coll}"));
            }
            s.push_str(&format!(" AS {}", ctx.q.id(&c.name)));
            s
        })
        .collect();
    format!("SELECT\n    {}", cols.join(",\n    "))
}

fn render_view(ctx: &Ctx, objs: &Objects, out: &mut Vec<TocEntry>, r: &Relation, id: DumpId) {
    let q = &ctx.q;
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    // Is the ON SELECT rule split out (dependency loop)? Then print a dummy view here.
    let split = objs.graph.nodes.iter().enumerate().any(|(i, n)| {
        n.flags.rule_table == Some(id)
            && n.flags.is_select_instead_rule
            && n.flags.separate
            && objs.is_dumped(i + 1)
    });
    let mut defn = format!("CREATE VIEW {qual}");
    if !r.reloptions.is_empty() {
        defn.push_str(&format!(
            " WITH ({})",
            reloptions(&r.reloptions, "", q, ctx.cat.std_strings)
        ));
    }
    if split {
        defn.push_str(&format!(" AS\n{};\n", dummy_select(ctx, r)));
    } else {
        defn.push_str(&format!(" AS\n{}", view_query(r)));
        if let Some(opt) = &r.check_option {
            defn.push_str(&format!("\n  WITH {opt} CHECK OPTION"));
        }
        defn.push_str(";\n");
    }
    let mut e = TocEntry::new(&r.name, "VIEW", Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.drop_stmt = format!("DROP VIEW {qual};\n");
    e.owner_object = Some(format!("VIEW {qual}"));
    out.push(e);
    relation_comments(ctx, out, r, "VIEW");
    ctx.relation_acls(out, r);
}

/// Table and column comments (dumpTableComment), in objsubid order.
fn relation_comments(ctx: &Ctx, out: &mut Vec<TocEntry>, r: &Relation, kind: &str) {
    if ctx.no_comments {
        return;
    }
    let q = &ctx.q;
    let nsp = ctx.nsp(r.nsp_oid);
    let qual = ctx.qualified_rel(r);
    let Some(list) = ctx.comments.get(&("pg_class", r.oid)) else {
        return;
    };
    for c in list {
        let (tag, target, k) = if c.sub_id == 0 {
            (q.id(&r.name), qual.clone(), kind)
        } else {
            let Some(col) = r.columns.iter().find(|col| i32::from(col.num) == c.sub_id) else {
                continue;
            };
            (
                format!("{}.{}", q.id(&r.name), q.id(&col.name)),
                format!("{qual}.{}", q.id(&col.name)),
                "COLUMN",
            )
        };
        let mut e = TocEntry::new(
            format!("{k} {tag}"),
            "COMMENT",
            Section::None,
            format!("COMMENT ON {k} {target} IS {};\n", ctx.lit(&c.description)),
        );
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        out.push(e);
    }
}

/// Whether a column goes into CREATE TABLE (shouldPrintColumn).
fn prints_column(c: &Column) -> bool {
    c.is_local && !c.is_dropped
}

fn render_table(ctx: &Ctx, objs: &Objects, out: &mut Vec<TocEntry>, r: &Relation) {
    let q = &ctx.q;
    let cat = ctx.cat;
    let qual = ctx.qualified_rel(r);
    let nsp = ctx.nsp(r.nsp_oid);
    let v18 = cat.server_version_num >= 180000;
    let mut defn = format!("CREATE TABLE {qual}");
    let mut items: Vec<String> = Vec::new();
    for c in r.columns.iter().filter(|c| prints_column(c)) {
        let mut s = format!("{} {}", q.id(&c.name), c.type_name);
        // A default printed inline unless a dependency loop made it separate.
        let inline_default = c.default_oid.and_then(|oid| {
            let id = objs
                .graph
                .nodes
                .iter()
                .position(|n| n.obj_type == crate::order::ObjType::AttrDef && n.oid == oid)?;
            (!objs.graph.nodes[id].flags.separate).then_some(())
        });
        if inline_default.is_some()
            && let Some(expr) = &c.default_expr
        {
            match c.generated {
                's' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr}) STORED")),
                'v' => s.push_str(&format!(" GENERATED ALWAYS AS ({expr})")),
                _ => s.push_str(&format!(" DEFAULT {expr}")),
            }
        }
        if c.not_null {
            let named = if v18 { not_null_name(cat, r, c) } else { None };
            match named {
                Some(name) => s.push_str(&format!(" CONSTRAINT {} NOT NULL", q.id(&name))),
                None => s.push_str(" NOT NULL"),
            }
            if v18 && not_null_no_inherit(cat, r, c) {
                s.push_str(" NO INHERIT");
            }
        }
        if let Some(coll) = &c.collation {
            s.push_str(&format!(" COLLATE {coll}"));
        }
        items.push(s);
    }
    let mut checks: Vec<&crate::model::Constraint> = cat
        .constraints
        .iter()
        .filter(|c| c.contype == 'c' && c.table_oid == r.oid && c.is_local)
        .filter(|c| {
            !objs.graph.nodes.iter().any(|n| {
                n.obj_type == crate::order::ObjType::Constraint
                    && n.oid == c.oid
                    && n.flags.separate
            })
        })
        .collect();
    checks.sort_by(|a, b| a.name.cmp(&b.name));
    for c in checks {
        items.push(format!("CONSTRAINT {} {}", q.id(&c.name), c.definition));
    }
    if items.is_empty() {
        defn.push_str(" (\n)");
    } else {
        defn.push_str(" (\n    ");
        defn.push_str(&items.join(",\n    "));
        defn.push_str("\n)");
    }
    defn.push_str(";\n");
    if r.force_row_security {
        defn.push_str(&format!(
            "\nALTER TABLE ONLY {qual} FORCE ROW LEVEL SECURITY;\n"
        ));
    }
    let mut e = TocEntry::new(&r.name, "TABLE", Section::PreData, defn);
    e.namespace = Some(nsp.to_string());
    e.owner = Some(r.owner.clone());
    e.tablespace = Some(r.tablespace.clone());
    e.table_am = Some(r.access_method.clone());
    e.drop_stmt = format!("DROP TABLE {qual};\n");
    e.owner_object = Some(format!("TABLE {qual}"));
    out.push(e);
    relation_comments(ctx, out, r, "TABLE");
    ctx.relation_acls(out, r);
}

/// The not-null constraint's name when it must be printed (server 18: not the default name).
fn not_null_name(cat: &Catalog, r: &Relation, c: &Column) -> Option<String> {
    let con = cat
        .constraints
        .iter()
        .find(|k| k.contype == 'n' && k.table_oid == r.oid && k.columns.first() == Some(&c.num))?;
    let default = format!("{}_{}_not_null", r.name, c.name);
    let has_comment = cat
        .comments
        .iter()
        .any(|cm| cm.catalog == "pg_constraint" && cm.object_oid == con.oid);
    (con.name != default || has_comment).then(|| con.name.clone())
}

fn not_null_no_inherit(cat: &Catalog, r: &Relation, c: &Column) -> bool {
    cat.constraints.iter().any(|k| {
        k.contype == 'n'
            && k.table_oid == r.oid
            && k.columns.first() == Some(&c.num)
            && k.no_inherit
    })
}

/// The MINVALUE/MAXVALUE pg_dump leaves out as defaults (dumpSequence).
fn sequence_bounds(type_name: &str, increment: i64) -> (i64, i64) {
    let (min, max) = match type_name {
        "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
        "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => (i64::MIN, i64::MAX),
    };
    if increment > 0 { (1, max) } else { (min, -1) }
}

fn sequence_options(s: &crate::model::SequenceParams, indent: &str) -> String {
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
fn render_sequence(ctx: &Ctx, out: &mut Vec<TocEntry>, r: &Relation, owner_dumped: bool) {
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
        defn.push_str(&sequence_options(s, "    "));
        defn.push_str("\n);\n");
        let mut e = TocEntry::new(&r.name, "SEQUENCE", Section::PreData, defn);
        e.namespace = Some(nsp.to_string());
        e.owner = Some(r.owner.clone());
        out.push(e);
    } else {
        let mut defn = format!("CREATE SEQUENCE {qual}\n");
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

/// Splits a GUC list value the way SplitGUCList does (quoted identifiers keep their case).
fn split_guc_list(value: &str) -> Vec<String> {
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

fn render_function(ctx: &Ctx, out: &mut Vec<TocEntry>, i: usize) {
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

/// Objects whose comments the native renderer does not write (a comment on one of them sends
/// the dump to pg_dump).
pub fn unrendered_comments(cat: &Catalog) -> Vec<String> {
    cat.comments
        .iter()
        .filter(|c| match c.catalog.as_str() {
            "pg_namespace" | "pg_type" | "pg_proc" | "pg_trigger" | "pg_policy" => false,
            "pg_class" => false,
            "pg_constraint" => cat
                .constraints
                .iter()
                .any(|k| k.oid == c.object_oid && k.contype == 'n'),
            // Comments on databases, roles, tablespaces and such are never dumped by a plain
            // pg_dump of one database without --create.
            "pg_database" | "pg_authid" | "pg_tablespace" | "pg_am" | "pg_language"
            | "pg_extension" | "pg_collation" | "pg_operator" | "pg_opclass" | "pg_opfamily"
            | "pg_ts_config" | "pg_ts_dict" | "pg_ts_parser" | "pg_ts_template"
            | "pg_conversion" | "pg_cast" | "pg_aggregate" => false,
            _ => true,
        })
        .map(|c| format!("comment on {} {}", c.catalog, c.object_oid))
        .collect()
}
