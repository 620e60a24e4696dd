//! Each dumped object as the TOC entries pg_dump makes for it (pg_dump.c `dumpNamespace`,
//! `dumpEnumType`, `dumpFunc`, `dumpTableSchema`, `dumpSequence`, `dumpAttrDef`, `dumpIndex`,
//! `dumpConstraint`, `dumpTrigger`, `dumpRule`, `dumpTableAttach`, `dumpIndexAttach`,
//! `refreshMatViewData`, `dumpAgg`, `dumpOpr`, `dumpRangeType`, `dumpBaseType`,
//! `dumpUndefinedType`, `dumpShellType`, `dumpCast`, `dumpCollation`, `dumpEventTrigger`,
//! `dumpForeignDataWrapper`, `dumpForeignServer`, `dumpTSDictionary`, `dumpTSConfig`,
//! `dumpConversion`, `dumpPublication`, and `dumpComment` for their comments).

use crate::model::{Catalog, Column, Comment, Lookup, Relation};
use crate::order::DumpId;
use crate::render::acl::{
    AclInput, build_acl_commands, build_default_acl_commands, public_schema_initprivs,
};
use crate::render::quote::{Quoting, dollar_quote, reloptions, string_literal};
use crate::render::toc::{Section, TocEntry};

use super::build::{Objects, Target, class};

mod acl;
mod aggregate;
mod base_type;
mod cast;
mod collation;
mod constraint;
mod event_trigger;
mod foreign;
mod function;
mod index;
mod operator;
mod policy;
mod publication;
mod range_type;
mod rule;
mod schema;
mod sequence;
mod statistics;
mod table;
mod text_search;
mod trigger;
mod types;
mod view;

use function::render_function;
use sequence::render_sequence;
use table::{relation_comments, render_table};
use types::render_type;
use view::render_view;

/// Whether a constraint is its own (post-data) entry rather than part of its table's or
/// domain's definition: a NOT VALID one, or one a dependency loop split out.
fn is_separate(objs: &Objects, constraint_oid: u32) -> bool {
    objs.flags_of(class::PG_CONSTRAINT, constraint_oid)
        .is_some_and(|n| n.separate)
}

/// Rendering context shared by every entry.
pub struct Ctx<'a> {
    pub cat: &'a Catalog,
    pub lookup: &'a Lookup,
    pub q: Quoting,
    pub no_comments: bool,
    pub no_privileges: bool,
    /// Privileges that could not be turned into GRANT/REVOKE (pg_dump stops on these).
    /// (Behind a lock: the TOC is built on several threads.)
    pub acl_errors: std::sync::Mutex<Vec<String>>,
}

impl<'a> Ctx<'a> {
    /// Records a privilege list that could not be turned into GRANT/REVOKE.
    pub fn acl_error(&self, message: String) {
        self.acl_errors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(message);
    }

    /// The privilege errors recorded, sorted (threads record them in any order).
    pub fn take_acl_errors(&self) -> Vec<String> {
        let mut errors = std::mem::take(
            &mut *self
                .acl_errors
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        errors.sort();
        errors
    }

    pub fn new(
        cat: &'a Catalog,
        lookup: &'a Lookup,
        q: Quoting,
        no_comments: bool,
        no_privileges: bool,
    ) -> Self {
        Ctx {
            cat,
            lookup,
            q,
            no_comments,
            no_privileges,
            acl_errors: std::sync::Mutex::new(Vec::new()),
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
            Err(err) => self.acl_error(format!("{tag}: {err}")),
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
            .filter(|c| !c.is_dropped && (c.acl().is_some() || c.init_acl().is_some()))
        {
            self.acl_entry(
                out,
                "TABLE",
                format!("COLUMN {}.{}", q.id(&r.name), q.id(&c.name)),
                &qual,
                Some(&q.id(&c.name)),
                Some(nsp),
                &r.owner,
                c.acl(),
                "{}",
                c.init_acl(),
            );
        }
    }

    fn nsp(&self, oid: u32) -> &'a str {
        self.lookup
            .namespace(self.cat, oid)
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
        self.lookup.relation(self.cat, oid)
    }

    /// The comments on one object, in sub-id order.
    fn comments(&self, catalog: &str, oid: u32) -> &'a [Comment] {
        crate::model::comments_of(&self.cat.comments, catalog, oid)
    }

    fn comment_of(&self, catalog: &str, oid: u32, sub_id: i32) -> Option<&'a Comment> {
        self.comments(catalog, oid)
            .iter()
            .find(|c| c.sub_id == sub_id)
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
    match objs.target(id) {
        Target::Extension(i) => schema::render_extension(ctx, &mut out, i),
        Target::Namespace(i) => schema::render_namespace(ctx, objs, &mut out, id, i),
        Target::Type(i) => render_type(ctx, objs, &mut out, i),
        // Validated domain constraints are printed (with their comments) by their domain.
        Target::DomainConstraint(ci) => {
            types::render_domain_constraint(ctx, objs, &mut out, id, ci)
        }
        Target::Function(i) => render_function(ctx, &mut out, i),
        Target::Aggregate(i) => aggregate::render_aggregate(ctx, &mut out, i),
        Target::Operator(i) => operator::render_operator(ctx, &mut out, i),
        Target::ShellType(i) => range_type::render_shell_type(ctx, &mut out, i),
        Target::Cast(i) => cast::render_cast(ctx, &mut out, i),
        Target::Collation(i) => collation::render_collation(ctx, &mut out, i),
        Target::Conversion(i) => collation::render_conversion(ctx, &mut out, i),
        Target::Statistics(i) => statistics::render_statistics(ctx, &mut out, i),
        Target::AccessMethod(i) => collation::render_access_method(ctx, &mut out, i),
        Target::Publication(i) => publication::render_publication(ctx, &mut out, i),
        Target::EventTrigger(i) => event_trigger::render_event_trigger(ctx, &mut out, i),
        Target::ForeignDataWrapper(i) => foreign::render_fdw(ctx, &mut out, i),
        Target::TextSearch(i) => text_search::render_text_search(ctx, &mut out, i),
        Target::ForeignServer(i) => foreign::render_server(ctx, &mut out, i),
        Target::Relation(i) => {
            let r = &cat.relations[i];
            match r.relkind {
                'r' | 'p' | 'm' => render_table(ctx, objs, &mut out, i, id),
                'v' => render_view(ctx, objs, &mut out, r, id),
                'S' => {
                    let owner_dumped = objs.is_relation_dumped(r.owning_table);
                    render_sequence(ctx, &mut out, r, owner_dumped)
                }
                'f' => foreign::render_foreign_table(ctx, objs, &mut out, r),
                _ => {}
            }
        }
        Target::AttrDef(ri, ci) => table::render_attrdef(ctx, objs, &mut out, id, ri, ci),
        Target::TableAttach(ri) => table::render_table_attach(ctx, &mut out, ri),
        Target::IndexAttach(ii) => index::render_index_attach(ctx, &mut out, ii),
        Target::RefreshMatview(ri, populated) => {
            if populated {
                table::render_refresh_matview(ctx, &mut out, ri);
            }
        }
        Target::Check(ci) => constraint::render_check(ctx, objs, &mut out, id, ci),
        Target::Index(ii) => index::render_index(ctx, &mut out, ii),
        Target::IndexConstraint(ci, ii) => {
            constraint::render_index_constraint(ctx, &mut out, ci, ii)
        }
        Target::ForeignKey(ci) => constraint::render_foreign_key(ctx, &mut out, ci),
        Target::Trigger(ti) => trigger::render_trigger(ctx, &mut out, ti),
        Target::Rule(ri) if !objs.flags(id).is_select_instead_rule => {
            rule::render_rule(ctx, &mut out, ri)
        }
        Target::Rule(ri) => view::render_rule(ctx, objs, &mut out, id, ri),
        Target::RowSecurity(ri) => policy::render_row_security(ctx, &mut out, ri),
        Target::Policy(pi) => policy::render_policy(ctx, &mut out, pi),
        Target::DefaultAcl(i) => acl::render_default_acl(ctx, &mut out, i),
        Target::DummyType | Target::Boundary => {}
    }
    out
}

/// Objects whose comments the native renderer does not write (a comment on one of them sends
/// the dump to pg_dump).
pub fn unrendered_comments(cat: &Catalog, lookup: &Lookup) -> Vec<String> {
    cat.comments
        .iter()
        .filter(|c| match c.catalog.as_str() {
            "pg_namespace" | "pg_type" | "pg_proc" | "pg_trigger" | "pg_policy" => false,
            "pg_operator" | "pg_rewrite" | "pg_event_trigger" => false,
            "pg_foreign_data_wrapper" | "pg_foreign_server" | "pg_publication" => false,
            "pg_ts_dict" | "pg_ts_config" | "pg_collation" | "pg_cast" | "pg_conversion" => false,
            "pg_class" | "pg_statistic_ext" => false,
            "pg_constraint" => lookup
                .constraint_index(c.object_oid)
                .is_some_and(|i| cat.constraints[i].contype == 'n'),
            // Comments on databases, roles, tablespaces and such are never dumped by a plain
            // pg_dump of one database without --create; user-made objects of the other kinds
            // here are in the unsupported inventory themselves.
            "pg_database" | "pg_authid" | "pg_tablespace" | "pg_am" | "pg_language"
            | "pg_extension" | "pg_opclass" | "pg_opfamily" | "pg_ts_parser" | "pg_ts_template"
            | "pg_aggregate" => false,
            _ => true,
        })
        .map(|c| format!("comment on {} {}", c.catalog, c.object_oid))
        .collect()
}
