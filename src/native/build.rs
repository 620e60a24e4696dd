//! From the catalog to pg_dump's dumpable objects: one graph node per object in the order pg_dump
//! creates them (common.c `getSchemaData`), which of them are dumped (`selectDumpable*`), the
//! dependencies pg_dump reads from pg_depend and the ones it adds itself, and the section
//! boundaries. The order module then sorts the graph exactly as pg_dump_sort.c does.

use std::collections::HashMap;

use crate::model::{Catalog, Lookup, Unsupported};
use crate::order::{DumpId, Graph, Node, ObjType, SortExtra, TypeName};

/// Catalog OIDs of the system catalogs objects are identified by (fixed in every release).
pub mod class {
    pub const PG_TYPE: u32 = 1247;
    pub const PG_PROC: u32 = 1255;
    pub const PG_CLASS: u32 = 1259;
    pub const PG_ATTRDEF: u32 = 2604;
    pub const PG_CONSTRAINT: u32 = 2606;
    pub const PG_REWRITE: u32 = 2618;
    pub const PG_TRIGGER: u32 = 2620;
    pub const PG_NAMESPACE: u32 = 2615;
    pub const PG_EXTENSION: u32 = 3079;
    pub const PG_POLICY: u32 = 3256;
    pub const PG_OPERATOR: u32 = 2617;
    pub const PG_CAST: u32 = 2605;
    pub const PG_COLLATION: u32 = 3456;
    pub const PG_EVENT_TRIGGER: u32 = 3466;
    pub const PG_FOREIGN_DATA_WRAPPER: u32 = 2328;
    pub const PG_FOREIGN_SERVER: u32 = 1417;
    pub const PG_TS_DICT: u32 = 3600;
    pub const PG_CONVERSION: u32 = 2607;
    pub const PG_PUBLICATION: u32 = 6104;
    pub const PG_PUBLICATION_REL: u32 = 6106;
    pub const PG_PUBLICATION_NAMESPACE: u32 = 6237;
    pub const PG_TS_CONFIG: u32 = 3602;
}

/// What a graph node stands for: an index into the catalog's vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Extension(usize),
    Namespace(usize),
    Type(usize),
    /// The shell (`CREATE TYPE s.t;`) of a base or range type: the type's index.
    ShellType(usize),
    DummyType,
    Function(usize),
    Aggregate(usize),
    Operator(usize),
    Cast(usize),
    Collation(usize),
    Conversion(usize),
    /// A publication, or one of its table or schema members.
    Publication(usize),
    EventTrigger(usize),
    /// A text search dictionary or configuration.
    TextSearch(usize),
    ForeignDataWrapper(usize),
    /// A foreign server, with its user mappings.
    ForeignServer(usize),
    Relation(usize),
    /// A column default: relation index and column index.
    AttrDef(usize, usize),
    /// A CHECK constraint of a table.
    Check(usize),
    /// A CHECK or NOT NULL constraint of a domain.
    DomainConstraint(usize),
    Index(usize),
    /// A PRIMARY KEY / UNIQUE constraint: constraint index and its index's index.
    IndexConstraint(usize, usize),
    ForeignKey(usize),
    Trigger(usize),
    Rule(usize),
    /// The `ALTER TABLE ... ENABLE ROW LEVEL SECURITY` entry of a table.
    RowSecurity(usize),
    Policy(usize),
    DefaultAcl(usize),
    Boundary,
}

/// The graph and what each node is.
#[derive(Debug)]
pub struct Objects {
    pub graph: Graph,
    pub targets: Vec<Target>,
    /// Whether the node's definition is dumped.
    pub dump: Vec<bool>,
    pub pre_boundary: DumpId,
    pub post_boundary: DumpId,
    /// Which schemas' contents are dumped.
    pub dumped_namespaces: Vec<u32>,
    /// Per namespace (catalog index): false for the public schema initdb created, which is
    /// not created by the dump and whose initdb comment is left out.
    pub namespace_create: Vec<bool>,
    /// (catalog OID, object OID) → the node standing for that object.
    pub by_catalog_id: HashMap<(u32, u32), DumpId>,
}

impl Objects {
    pub fn target(&self, id: DumpId) -> Target {
        self.targets[id - 1]
    }

    pub fn is_dumped(&self, id: DumpId) -> bool {
        self.dump[id - 1]
    }

    /// The node of a catalog object (e.g. `(class::PG_ATTRDEF, oid)`), if it has one.
    pub fn node_of(&self, class_oid: u32, oid: u32) -> Option<&crate::order::Node> {
        let id = *self.by_catalog_id.get(&(class_oid, oid))?;
        self.graph.nodes.get(id - 1)
    }
}

/// Schema selection, resolved to OIDs before building (pg_dump.c expand_schema_name_patterns).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `-n`: only these schemas (empty: no restriction).
    pub include_schemas: Vec<u32>,
    /// `-N`.
    pub exclude_schemas: Vec<u32>,
}

/// pg_dump.c selectDumpableNamespace: (definition dumped, contents dumped, `create`). `create`
/// is false only for an unlisted public schema, which initdb makes.
fn select_namespace(name: &str, oid: u32, owner_oid: u32, sel: &Selection) -> (bool, bool, bool) {
    const ROLE_PG_DATABASE_OWNER: u32 = 6171;
    let (mut dump, mut contains, create) = if !sel.include_schemas.is_empty() {
        let yes = sel.include_schemas.contains(&oid);
        (yes, yes, true)
    } else if name.starts_with("pg_") || name == "information_schema" {
        (false, false, true)
    } else if name == "public" {
        (owner_oid != ROLE_PG_DATABASE_OWNER, true, false)
    } else {
        (true, true, true)
    };
    if sel.exclude_schemas.contains(&oid) {
        dump = false;
        contains = false;
    }
    (dump, contains, create)
}

struct Builder<'a> {
    cat: &'a Catalog,
    lookup: &'a Lookup,
    /// Extension members are never dumped (checkExtensionMembership; only their ACLs could be,
    /// which the native engine does not render): member oid → extension oid.
    members: HashMap<u32, u32>,
    graph: Graph,
    targets: Vec<Target>,
    dump: Vec<bool>,
    by_catalog_id: HashMap<(u32, u32), DumpId>,
}

impl Builder<'_> {
    fn add(
        &mut self,
        node: Node,
        target: Target,
        dump: bool,
        catalog_id: Option<(u32, u32)>,
    ) -> DumpId {
        let extension = catalog_id.and_then(|(_, oid)| self.members.get(&oid).copied());
        let dump = dump && extension.is_none();
        // checkExtensionMembership runs for the kinds with a selectDumpable* function, and
        // makes the member depend on its extension.
        let checked = matches!(
            node.obj_type,
            ObjType::Namespace
                | ObjType::Table
                | ObjType::Type
                | ObjType::DummyType
                | ObjType::Func
                | ObjType::Agg
                | ObjType::Operator
                | ObjType::Cast
                | ObjType::Collation
                | ObjType::EventTrigger
                | ObjType::Fdw
                | ObjType::ForeignServer
                | ObjType::TsDict
                | ObjType::TsConfig
                | ObjType::Conversion
        );
        let id = self.graph.add_node(node);
        if checked
            && let Some(ext) = extension
            && let Some(&ext_id) = self.by_catalog_id.get(&(class::PG_EXTENSION, ext))
        {
            self.graph.add_dependency(id, ext_id);
        }
        self.targets.push(target);
        self.dump.push(dump);
        if let Some(key) = catalog_id {
            self.by_catalog_id.insert(key, id);
        }
        id
    }

    fn nsp_name(&self, oid: u32) -> &str {
        self.lookup
            .namespace(self.cat, oid)
            .map(|n| n.name.as_str())
            .unwrap_or("")
    }
}

/// Builds the dumpable objects of a catalog.
pub fn build(cat: &Catalog, lookup: &Lookup, sel: &Selection, policies: bool) -> Objects {
    let mut b = Builder {
        cat,
        lookup,
        members: cat.extension_members.iter().copied().collect(),
        graph: Graph::new(),
        targets: Vec::new(),
        dump: Vec::new(),
        by_catalog_id: HashMap::new(),
    };
    // getExtensions: built-in ones (plpgsql) never; others only when dumping everything
    for (i, x) in cat.extensions.iter().enumerate() {
        let dump = x.oid >= 16384 && sel.include_schemas.is_empty();
        let node = Node::new(ObjType::Extension, None, &x.name, x.oid);
        b.add(
            node,
            Target::Extension(i),
            dump,
            Some((class::PG_EXTENSION, x.oid)),
        );
    }

    // getNamespaces
    let mut contains: HashMap<u32, bool> = HashMap::new();
    let mut namespace_create = Vec::new();
    for (i, n) in cat.namespaces.iter().enumerate() {
        let (dump, cont, create) = select_namespace(&n.name, n.oid, n.owner_oid, sel);
        contains.insert(n.oid, cont);
        namespace_create.push(create);
        let node = Node::new(ObjType::Namespace, None, &n.name, n.oid);
        b.add(
            node,
            Target::Namespace(i),
            dump,
            Some((class::PG_NAMESPACE, n.oid)),
        );
    }
    let dumped_namespaces: Vec<u32> = contains
        .iter()
        .filter(|(_, c)| **c)
        .map(|(o, _)| *o)
        .collect();
    let in_dumped = |nsp: u32| contains.get(&nsp).copied().unwrap_or(false);

    // getTables (sequences follow the table that owns them: getOwnedSeqs)
    let mut rel_ids: HashMap<u32, DumpId> = HashMap::new();
    for (i, r) in cat.relations.iter().enumerate() {
        let nsp = b.nsp_name(r.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Table, Some(&nsp), &r.name, r.oid);
        node.flags.relkind = Some(r.relkind);
        let mut dump = in_dumped(r.nsp_oid);
        if r.owning_table != 0
            && let Some(owner) = lookup.relation(cat, r.owning_table)
        {
            dump = dump || in_dumped(owner.nsp_oid);
        }
        let id = b.add(
            node,
            Target::Relation(i),
            dump,
            Some((class::PG_CLASS, r.oid)),
        );
        rel_ids.insert(r.oid, id);
    }

    // getFuncs
    for (i, f) in cat.functions.iter().enumerate() {
        let nsp = b.nsp_name(f.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Func, Some(&nsp), &f.name, f.oid);
        node.extra = SortExtra::Func {
            arg_types: f
                .arg_types
                .iter()
                .map(|(n, t)| TypeName::new(n, t))
                .collect(),
        };
        b.add(
            node,
            Target::Function(i),
            in_dumped(f.nsp_oid),
            Some((class::PG_PROC, f.oid)),
        );
    }

    // getTypes: row types of tables, array and multirange types become never-printed dummies
    for (i, t) in cat.types.iter().enumerate() {
        let nsp = b.nsp_name(t.nsp_oid).to_string();
        let dummy = t.is_array || t.typtype == 'm' || (t.typtype == 'c' && t.typrelkind != 'c');
        let (obj_type, target, dump) = if dummy {
            (ObjType::DummyType, Target::DummyType, false)
        } else {
            (ObjType::Type, Target::Type(i), in_dumped(t.nsp_oid))
        };
        let node = Node::new(obj_type, Some(&nsp), &t.name, t.oid);
        let type_id = b.add(node, target, dump, Some((class::PG_TYPE, t.oid)));
        // A dumped base or range type gets a shell type, dumped only if loop repair needs it
        // ahead of the type's I/O or canonical functions.
        if !dummy && b.dump[type_id - 1] && matches!(t.typtype, 'b' | 'r') {
            let shell = Node::new(ObjType::ShellType, Some(&nsp), &t.name, 0);
            let shell_id = b.add(shell, Target::ShellType(i), false, None);
            if let Some(n) = b.graph.node_mut(type_id) {
                n.flags.shell_type = Some(shell_id);
            }
        }
        // getDomainConstraints, right after its domain (CHECK, and NOT NULL from 17), by name
        if t.typtype == 'd' {
            let kinds: &[char] = if cat.server_version_num >= 170000 {
                &['c', 'n']
            } else {
                &['c']
            };
            let mut cons: Vec<usize> = (0..cat.constraints.len())
                .filter(|&ci| {
                    cat.constraints[ci].domain_oid == t.oid
                        && kinds.contains(&cat.constraints[ci].contype)
                })
                .collect();
            cons.sort_by(|&a, &b2| cat.constraints[a].name.cmp(&cat.constraints[b2].name));
            for ci in cons {
                let c = &cat.constraints[ci];
                let mut node = Node::new(ObjType::Constraint, Some(&nsp), &c.name, c.oid);
                node.extra = SortExtra::Constraint {
                    on_domain: true,
                    parent_name: t.name.clone(),
                };
                node.flags.contype = Some(c.contype);
                node.flags.constraint_domain = Some(type_id);
                node.flags.separate = !c.validated;
                let dump = b.dump[type_id - 1];
                let id = b.add(
                    node,
                    Target::DomainConstraint(ci),
                    dump,
                    Some((class::PG_CONSTRAINT, c.oid)),
                );
                if c.validated {
                    b.graph.add_dependency(type_id, id);
                }
            }
        }
    }

    // getAggregates
    for (i, a) in cat.aggregates.iter().enumerate() {
        let nsp = b.nsp_name(a.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Agg, Some(&nsp), &a.name, a.oid);
        node.extra = SortExtra::Func {
            arg_types: a
                .arg_types
                .iter()
                .map(|(n, t)| TypeName::new(n, t))
                .collect(),
        };
        b.add(
            node,
            Target::Aggregate(i),
            in_dumped(a.nsp_oid),
            Some((class::PG_PROC, a.oid)),
        );
    }

    // getOperators
    for (i, o) in cat.operators.iter().enumerate() {
        let nsp = b.nsp_name(o.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Operator, Some(&nsp), &o.name, o.oid);
        let side = |s: &Option<(String, String)>| s.as_ref().map(|(n, t)| TypeName::new(n, t));
        node.extra = SortExtra::Operator {
            kind: o.kind,
            left: side(&o.left),
            right: side(&o.right),
        };
        b.add(
            node,
            Target::Operator(i),
            in_dumped(o.nsp_oid),
            Some((class::PG_OPERATOR, o.oid)),
        );
    }

    // getTSDictionaries, getTSConfigurations
    for (i, t) in cat.text_search.iter().enumerate() {
        let nsp = b.nsp_name(t.nsp_oid).to_string();
        let (obj_type, class) = if t.kind == 'd' {
            (ObjType::TsDict, class::PG_TS_DICT)
        } else {
            (ObjType::TsConfig, class::PG_TS_CONFIG)
        };
        let node = Node::new(obj_type, Some(&nsp), &t.name, t.oid);
        b.add(
            node,
            Target::TextSearch(i),
            in_dumped(t.nsp_oid),
            Some((class, t.oid)),
        );
    }

    // getForeignDataWrappers, getForeignServers: dumped only when dumping everything
    for (i, w) in cat.foreign_data_wrappers.iter().enumerate() {
        let node = Node::new(ObjType::Fdw, None, &w.name, w.oid);
        b.add(
            node,
            Target::ForeignDataWrapper(i),
            sel.include_schemas.is_empty(),
            Some((class::PG_FOREIGN_DATA_WRAPPER, w.oid)),
        );
    }
    for (i, s) in cat.foreign_servers.iter().enumerate() {
        let node = Node::new(ObjType::ForeignServer, None, &s.name, s.oid);
        b.add(
            node,
            Target::ForeignServer(i),
            sel.include_schemas.is_empty(),
            Some((class::PG_FOREIGN_SERVER, s.oid)),
        );
    }

    // getDefaultACLs: per-schema entries follow their schema, global ones need everything
    for (i, d) in cat.default_acls.iter().enumerate() {
        let (nsp, dump) = if d.nsp_oid == 0 {
            (None, sel.include_schemas.is_empty())
        } else {
            (
                Some(b.nsp_name(d.nsp_oid).to_string()),
                in_dumped(d.nsp_oid),
            )
        };
        let mut node = Node::new(
            ObjType::DefaultAcl,
            nsp.as_deref(),
            &d.objtype.to_string(),
            d.oid,
        );
        node.extra = SortExtra::DefaultAcl {
            role: d.role.clone(),
        };
        b.add(node, Target::DefaultAcl(i), dump, None);
    }

    // getCollations
    for (i, c) in cat.collations.iter().enumerate() {
        let nsp = b.nsp_name(c.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Collation, Some(&nsp), &c.name, c.oid);
        node.extra = SortExtra::Collation {
            encoding: c.encoding,
        };
        b.add(
            node,
            Target::Collation(i),
            in_dumped(c.nsp_oid),
            Some((class::PG_COLLATION, c.oid)),
        );
    }

    // getConversions
    for (i, c) in cat.conversions.iter().enumerate() {
        let nsp = b.nsp_name(c.nsp_oid).to_string();
        let node = Node::new(ObjType::Conversion, Some(&nsp), &c.name, c.oid);
        b.add(
            node,
            Target::Conversion(i),
            in_dumped(c.nsp_oid),
            Some((class::PG_CONVERSION, c.oid)),
        );
    }

    // getCasts (only user-defined ones: built-in casts are never dumped and depend on nothing);
    // dumped only when dumping everything (selectDumpableCast)
    for (i, c) in cat.casts.iter().enumerate() {
        let name = if c.source_name.is_empty() || c.target_name.is_empty() {
            String::new()
        } else {
            format!("{} {}", c.source_name, c.target_name)
        };
        let node = Node::new(ObjType::Cast, None, &name, c.oid);
        b.add(
            node,
            Target::Cast(i),
            sel.include_schemas.is_empty(),
            Some((class::PG_CAST, c.oid)),
        );
    }

    // getEventTriggers: dumped only when dumping everything
    for (i, t) in cat.event_triggers.iter().enumerate() {
        let node = Node::new(ObjType::EventTrigger, None, &t.name, t.oid);
        b.add(
            node,
            Target::EventTrigger(i),
            sel.include_schemas.is_empty(),
            Some((class::PG_EVENT_TRIGGER, t.oid)),
        );
    }

    // getTableAttrs: column defaults, then CHECK constraints, of dumped tables
    for (ri, r) in cat.relations.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&r.oid) else {
            continue;
        };
        if !b.dump[table_id - 1] || r.relkind == 'S' {
            continue;
        }
        let nsp = b.nsp_name(r.nsp_oid).to_string();
        for (ci, c) in r.columns.iter().enumerate() {
            let (Some(def_oid), Some(_)) = (c.default_oid, &c.default_expr) else {
                continue;
            };
            if c.is_dropped {
                continue;
            }
            let mut node = Node::new(ObjType::AttrDef, Some(&nsp), &r.name, def_oid);
            node.extra = SortExtra::AttrDef {
                adnum: i32::from(c.num),
            };
            node.flags.attrdef_table = Some(table_id);
            // Generated columns cannot be separate; views always are (getTableAttrs).
            let separate = c.generated == ' ' && r.relkind == 'v';
            node.flags.separate = separate;
            let id = b.add(
                node,
                Target::AttrDef(ri, ci),
                true,
                Some((class::PG_ATTRDEF, def_oid)),
            );
            if !separate {
                b.graph.add_dependency(table_id, id);
            }
        }
    }
    for (ci, c) in cat.constraints.iter().enumerate() {
        if c.contype != 'c' || c.table_oid == 0 {
            continue;
        }
        let Some(&table_id) = rel_ids.get(&c.table_oid) else {
            continue;
        };
        if !b.dump[table_id - 1] {
            continue;
        }
        let table = &cat.relations[match b.targets[table_id - 1] {
            Target::Relation(i) => i,
            _ => continue,
        }];
        let nsp = b.nsp_name(table.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Constraint, Some(&nsp), &c.name, c.oid);
        node.extra = SortExtra::Constraint {
            on_domain: false,
            parent_name: table.name.clone(),
        };
        node.flags.contype = Some('c');
        node.flags.constraint_table = Some(table_id);
        node.flags.separate = !c.validated;
        let id = b.add(
            node,
            Target::Check(ci),
            true,
            Some((class::PG_CONSTRAINT, c.oid)),
        );
        if c.validated {
            b.graph.add_dependency(table_id, id);
        }
    }

    // getIndexes: each index, and right after it the constraint it implements
    for (ii, ix) in cat.indexes.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&ix.table_oid) else {
            continue;
        };
        let dump = b.dump[table_id - 1];
        let nsp = b.nsp_name(ix.nsp_oid).to_string();
        let node = Node::new(ObjType::Index, Some(&nsp), &ix.name, ix.oid);
        let index_id = b.add(
            node,
            Target::Index(ii),
            dump && ix.constraint_oid == 0,
            Some((class::PG_CLASS, ix.oid)),
        );
        if ix.constraint_oid != 0
            && let Some(ci) = lookup.constraint_index(ix.constraint_oid)
        {
            let c = &cat.constraints[ci];
            let table_name = lookup
                .relation(cat, ix.table_oid)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            let mut node = Node::new(ObjType::Constraint, Some(&nsp), &c.name, c.oid);
            node.extra = SortExtra::Constraint {
                on_domain: false,
                parent_name: table_name,
            };
            node.flags.contype = Some(c.contype);
            node.flags.constraint_table = Some(table_id);
            node.flags.separate = true;
            b.add(
                node,
                Target::IndexConstraint(ci, ii),
                dump,
                Some((class::PG_CONSTRAINT, c.oid)),
            );
        }
        let _ = index_id;
    }

    // getConstraints: foreign keys, ordered by table then name
    let mut fks: Vec<usize> = cat
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| c.contype == 'f' && c.table_oid != 0)
        .map(|(i, _)| i)
        .collect();
    fks.sort_by_key(|&i| {
        (
            cat.constraints[i].table_oid,
            cat.constraints[i].name.clone(),
        )
    });
    for ci in fks {
        let c = &cat.constraints[ci];
        let Some(&table_id) = rel_ids.get(&c.table_oid) else {
            continue;
        };
        let table = lookup.relation(cat, c.table_oid);
        let (nsp, table_name) = match table {
            Some(t) => (b.nsp_name(t.nsp_oid).to_string(), t.name.clone()),
            None => continue,
        };
        let mut node = Node::new(ObjType::FkConstraint, Some(&nsp), &c.name, c.oid);
        node.extra = SortExtra::Constraint {
            on_domain: false,
            parent_name: table_name,
        };
        node.flags.contype = Some('f');
        node.flags.constraint_table = Some(table_id);
        node.flags.separate = true;
        let dump = b.dump[table_id - 1];
        b.add(
            node,
            Target::ForeignKey(ci),
            dump,
            Some((class::PG_CONSTRAINT, c.oid)),
        );
    }

    // getTriggers
    for (ti, t) in cat.triggers.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&t.table_oid) else {
            continue;
        };
        let table = lookup.relation(cat, t.table_oid);
        let Some(table) = table else { continue };
        let nsp = b.nsp_name(table.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Trigger, Some(&nsp), &t.name, t.oid);
        node.extra = SortExtra::OwningTable(table.name.clone());
        let dump = b.dump[table_id - 1];
        b.add(
            node,
            Target::Trigger(ti),
            dump,
            Some((class::PG_TRIGGER, t.oid)),
        );
    }

    // getRules: a view's ON SELECT rule sorts before the view; other rules after their table
    for (ri, r) in cat.rules.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&r.table_oid) else {
            continue;
        };
        let Some(table) = lookup.relation(cat, r.table_oid) else {
            continue;
        };
        let nsp = b.nsp_name(table.nsp_oid).to_string();
        let mut node = Node::new(ObjType::Rule, Some(&nsp), &r.name, r.oid);
        node.extra = SortExtra::OwningTable(table.name.clone());
        node.flags.rule_table = Some(table_id);
        let view_select = matches!(table.relkind, 'v' | 'm') && r.event == '1' && r.is_instead;
        node.flags.is_select_instead_rule = view_select;
        node.flags.separate = !view_select;
        let dump = b.dump[table_id - 1];
        let id = b.add(
            node,
            Target::Rule(ri),
            dump,
            Some((class::PG_REWRITE, r.oid)),
        );
        if view_select {
            b.graph.add_dependency(table_id, id);
        } else {
            b.graph.add_dependency(id, table_id);
        }
    }

    // getPolicies: first a ROW SECURITY object per table with RLS enabled, then the policies
    if policies {
        for (ri, r) in cat.relations.iter().enumerate() {
            let Some(&table_id) = rel_ids.get(&r.oid) else {
                continue;
            };
            if !b.dump[table_id - 1] || !matches!(r.relkind, 'r' | 'p') || !r.row_security {
                continue;
            }
            let nsp = b.nsp_name(r.nsp_oid).to_string();
            let mut node = Node::new(ObjType::Policy, Some(&nsp), &r.name, r.oid);
            node.extra = SortExtra::OwningTable(r.name.clone());
            b.add(node, Target::RowSecurity(ri), true, None);
        }
        for (pi, p) in cat.policies.iter().enumerate() {
            let Some(&table_id) = rel_ids.get(&p.table_oid) else {
                continue;
            };
            let Some(table) = lookup.relation(cat, p.table_oid) else {
                continue;
            };
            let nsp = b.nsp_name(table.nsp_oid).to_string();
            let mut node = Node::new(ObjType::Policy, Some(&nsp), &p.name, p.oid);
            node.extra = SortExtra::OwningTable(table.name.clone());
            let dump = b.dump[table_id - 1];
            b.add(
                node,
                Target::Policy(pi),
                dump,
                Some((class::PG_POLICY, p.oid)),
            );
        }
    }

    // getPublications, getPublicationTables, getPublicationNamespaces: dumped only when
    // dumping everything (selectDumpablePublicationObject)
    for (i, p) in cat.publications.iter().enumerate() {
        let (node, class) = match p.kind {
            'p' => (
                Node::new(ObjType::Publication, None, &p.pub_name, p.oid),
                class::PG_PUBLICATION,
            ),
            't' => {
                let Some(t) = lookup.relation(cat, p.target_oid) else {
                    continue;
                };
                let nsp = b.nsp_name(t.nsp_oid).to_string();
                let mut node = Node::new(ObjType::PublicationRel, Some(&nsp), &t.name, p.oid);
                node.extra = SortExtra::Publication(p.pub_name.clone());
                (node, class::PG_PUBLICATION_REL)
            }
            _ => {
                let Some(n) = lookup.namespace(cat, p.target_oid) else {
                    continue;
                };
                let mut node = Node::new(ObjType::PublicationTableInSchema, None, &n.name, p.oid);
                node.extra = SortExtra::Publication(p.pub_name.clone());
                (node, class::PG_PUBLICATION_NAMESPACE)
            }
        };
        b.add(
            node,
            Target::Publication(i),
            sel.include_schemas.is_empty(),
            Some((class, p.oid)),
        );
    }

    // getDependencies
    for d in &cat.dependencies {
        let Some(&obj) = b.by_catalog_id.get(&(d.class_oid, d.object_oid)) else {
            continue;
        };
        let Some(&refobj) = b.by_catalog_id.get(&(d.ref_class_oid, d.ref_oid)) else {
            continue;
        };
        let obj_is_table = b.graph.nodes[obj - 1].obj_type == ObjType::Table;
        let ref_is_type = matches!(
            b.graph.nodes[refobj - 1].obj_type,
            ObjType::Type | ObjType::DummyType
        );
        if d.deptype == 'i' && obj_is_table && ref_is_type {
            b.graph.add_dependency(refobj, obj);
        } else {
            b.graph.add_dependency(obj, refobj);
        }
    }

    // createBoundaryObjects + addBoundaryDependencies
    let pre = b.add(
        Node::new(ObjType::PreDataBoundary, None, "PRE-DATA BOUNDARY", 0),
        Target::Boundary,
        false,
        None,
    );
    let post = b.add(
        Node::new(ObjType::PostDataBoundary, None, "POST-DATA BOUNDARY", 0),
        Target::Boundary,
        false,
        None,
    );
    crate::order::add_boundary_dependencies(
        &mut b.graph,
        crate::order::Boundaries {
            pre_data: pre,
            post_data: post,
        },
    );

    Objects {
        namespace_create,
        graph: b.graph,
        targets: b.targets,
        dump: b.dump,
        pre_boundary: pre,
        post_boundary: post,
        dumped_namespaces,
        by_catalog_id: b.by_catalog_id,
    }
}

/// Objects of the unsupported inventory that fall in the dump: schema-scoped rows only when their
/// schema's contents are dumped; global rows (schema 0) always, since no `-n`/`-t` limits them
/// unless a schema list is given (pg_dump then leaves global objects out).
pub fn unsupported_in_dump(
    rows: &[(Unsupported, u32)],
    objs: &Objects,
    sel: &Selection,
) -> Vec<Unsupported> {
    rows.iter()
        .filter(|(_, nsp)| {
            if *nsp == 0 {
                sel.include_schemas.is_empty()
            } else {
                objs.dumped_namespaces.contains(nsp)
            }
        })
        .map(|(u, _)| u.clone())
        .collect()
}
