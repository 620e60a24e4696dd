//! From the catalog to pg_dump's dumpable objects: one graph node per object in the order pg_dump
//! creates them (common.c `getSchemaData`), which of them are dumped (`selectDumpable*`), the
//! dependencies pg_dump reads from pg_depend and the ones it adds itself, and the section
//! boundaries. The order module then sorts the graph exactly as pg_dump_sort.c does.

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Catalog, InventoryRow, Lookup, Unsupported};
use crate::order::{DumpId, Graph, Link, Node, NodeFlags, ObjType, SortExtra, TypeName};

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
    pub const PG_STATISTIC_EXT: u32 = 3381;
    pub const PG_AM: u32 = 2601;
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
    /// An extended statistics object.
    Statistics(usize),
    /// An access method created after initdb.
    AccessMethod(usize),
    /// A publication, or one of its table or schema members.
    Publication(usize),
    EventTrigger(usize),
    /// A text search dictionary or configuration.
    TextSearch(usize),
    ForeignDataWrapper(usize),
    /// A foreign server, with its user mappings.
    ForeignServer(usize),
    Relation(usize),
    /// A column default: relation index and column index. A column without a default of its
    /// own stands for the `DEFAULT NULL` pg_dump makes up when a parent has one (flagInhAttrs).
    AttrDef(usize, usize),
    /// The `ALTER TABLE ... ATTACH PARTITION` entry of a partition (relation index).
    TableAttach(usize),
    /// The `ALTER INDEX ... ATTACH PARTITION` entry of a partition's index (index index).
    IndexAttach(usize),
    /// `REFRESH MATERIALIZED VIEW` of a populated matview, when data is dumped (relation
    /// index; populated once every matview it reads from is).
    RefreshMatview(usize, bool),
    /// A CHECK constraint of a table, or (server 18) an invalid NOT NULL one.
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
    /// Until it is sorted; then only [`Objects::flags`] are kept.
    pub graph: Graph,
    /// Each node's flags, once the graph is sorted.
    pub flags: Vec<NodeFlags>,
    pub targets: Vec<Target>,
    /// Whether the node's definition is dumped.
    pub dump: Vec<bool>,
    /// Whether only the node's privileges may be dumped: a member of a dumped extension
    /// (checkExtensionMembership keeps the ACL component), whose GRANT/REVOKE pg_dump prints
    /// when they differ from the extension script's (pg_init_privs).
    pub acl_only: Vec<bool>,
    pub pre_boundary: DumpId,
    pub post_boundary: DumpId,
    /// Which schemas' contents are dumped.
    pub dumped_namespaces: Vec<u32>,
    /// The node of each relation, by oid.
    pub rel_ids: HashMap<u32, DumpId>,
    /// Per namespace (catalog index): false for the public schema initdb created, which is
    /// not created by the dump and whose initdb comment is left out.
    pub namespace_create: Vec<bool>,
    /// (catalog OID, object OID) → the node standing for that object.
    pub by_catalog_id: HashMap<(u32, u32), DumpId>,
    /// (relation index, column index) → the made-up `DEFAULT NULL` of an inheritance child's
    /// column whose parent has a default (flagInhAttrs).
    pub null_defaults: HashMap<(usize, usize), DumpId>,
}

impl Objects {
    pub fn target(&self, id: DumpId) -> Target {
        self.targets[id - 1]
    }

    pub fn is_dumped(&self, id: DumpId) -> bool {
        self.dump[id - 1]
    }

    /// The flags of a node, once the graph is sorted ([`Objects::finish_sort`]).
    pub fn flags(&self, id: DumpId) -> &NodeFlags {
        &self.flags[id - 1]
    }

    /// The flags of a catalog object's node (e.g. `(class::PG_ATTRDEF, oid)`), if it has one,
    /// once the graph is sorted.
    pub fn flags_of(&self, class_oid: u32, oid: u32) -> Option<&NodeFlags> {
        let id = *self.by_catalog_id.get(&(class_oid, oid))?;
        self.flags.get(id - 1)
    }

    /// Keeps each node's flags (all that rendering reads) and gives back the sorted graph, to
    /// be dropped: at 10,000 tables its 166,000 nodes and their names, sort keys and
    /// dependencies are the largest structure of the dump after the catalog.
    pub fn finish_sort(&mut self) -> Graph {
        let mut graph = std::mem::take(&mut self.graph);
        self.flags = graph
            .nodes
            .iter_mut()
            .map(|n| std::mem::take(&mut n.flags))
            .collect();
        graph
    }

    /// Whether the relation with this oid is dumped.
    pub fn is_relation_dumped(&self, oid: u32) -> bool {
        self.rel_ids.get(&oid).is_some_and(|&id| self.is_dumped(id))
    }
}

/// Object selection, resolved to OIDs before building (pg_dump.c expand_schema_name_patterns,
/// expand_table_name_patterns, expand_extension_name_patterns; see [`super::select`]).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `-n`: only these schemas (empty: no restriction).
    pub include_schemas: HashSet<u32>,
    /// `-N`.
    pub exclude_schemas: HashSet<u32>,
    /// `-t` and `--table-and-children` (descendants included): only these relations, and no
    /// schema is dumped as a whole (empty: no restriction).
    pub include_tables: HashSet<u32>,
    /// `-T` and `--exclude-table-and-children`.
    pub exclude_tables: HashSet<u32>,
    /// `-e`: only these extensions (empty: every one, when dumping everything).
    pub include_extensions: HashSet<u32>,
    /// `--exclude-extension`.
    pub exclude_extensions: HashSet<u32>,
}

impl Selection {
    /// pg_dump's `include_everything`: no `-n`, `-t`, `--table-and-children` or `-e` (an include
    /// pattern that matches nothing is fatal, so an empty set means the option was not given).
    pub fn include_everything(&self) -> bool {
        self.include_schemas.is_empty()
            && self.include_tables.is_empty()
            && self.include_extensions.is_empty()
    }

    /// pg_dump.c selectDumpableTable (extension membership aside, which [`Builder::add`]
    /// applies): with `-t`, only the listed relations; otherwise those of the schemas whose
    /// contents are dumped; `-T` removes.
    pub fn table_selected(&self, oid: u32, schema_contents_dumped: bool) -> bool {
        let dump = if self.include_tables.is_empty() {
            schema_contents_dumped
        } else {
            self.include_tables.contains(&oid)
        };
        dump && !self.exclude_tables.contains(&oid)
    }

    /// pg_dump.c selectDumpableExtension: built-in extensions never (only their ACLs could be);
    /// with `-e` the listed ones, else all when dumping everything; `--exclude-extension` removes.
    pub fn extension_selected(&self, oid: u32) -> bool {
        const FIRST_NORMAL_OBJECT_ID: u32 = 16384;
        let dump = if oid < FIRST_NORMAL_OBJECT_ID {
            false
        } else if !self.include_extensions.is_empty() {
            self.include_extensions.contains(&oid)
        } else {
            self.include_everything()
        };
        dump && !self.exclude_extensions.contains(&oid)
    }
}

/// pg_dump.c selectDumpableNamespace: (definition dumped, contents dumped, `create`). `create`
/// is false only for an unlisted public schema, which initdb makes.
pub fn select_namespace(
    name: &str,
    oid: u32,
    owner_oid: u32,
    sel: &Selection,
) -> (bool, bool, bool) {
    const ROLE_PG_DATABASE_OWNER: u32 = 6171;
    let (mut dump, mut contains, create) = if !sel.include_tables.is_empty() {
        // Specific tables are dumped: no schema as a whole.
        (false, false, true)
    } else if !sel.include_schemas.is_empty() {
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
    /// Extension members are never dumped (checkExtensionMembership), only their privileges:
    /// member oid → extension oid.
    members: HashMap<u32, u32>,
    graph: Graph,
    targets: Vec<Target>,
    dump: Vec<bool>,
    acl_only: Vec<bool>,
    by_catalog_id: HashMap<(u32, u32), DumpId>,
    null_defaults: HashMap<(usize, usize), DumpId>,
    /// Each schema's name, shared by its objects' nodes.
    nsp_shared: HashMap<u32, Arc<str>>,
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
                | ObjType::AccessMethod
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
        let mut acl_only = false;
        if checked
            && let Some(ext) = extension
            && let Some(&ext_id) = self.by_catalog_id.get(&(class::PG_EXTENSION, ext))
        {
            self.graph.add_dependency(id, ext_id);
            acl_only = self.dump[ext_id - 1];
        }
        self.targets.push(target);
        self.dump.push(dump);
        self.acl_only.push(acl_only);
        if let Some(key) = catalog_id {
            self.by_catalog_id.insert(key, id);
        }
        id
    }

    /// A node in the schema `nsp_oid`, whose name it shares with the schema's other nodes.
    fn node(&self, obj_type: ObjType, nsp_oid: u32, name: &str, oid: u32) -> Node {
        let nsp = match self.nsp_shared.get(&nsp_oid) {
            Some(nsp) => nsp.clone(),
            None => Arc::from(self.nsp_name(nsp_oid)),
        };
        Node::shared(obj_type, Some(nsp), name, oid)
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
    // Room for every object that can become a node, so the vectors are allocated once.
    let capacity = 8
        + cat.extensions.len()
        + cat.namespaces.len()
        + cat.types.len() * 2
        + cat.functions.len()
        + cat.relations.len() * 2
        + cat
            .relations
            .iter()
            .map(|r| r.columns.iter().filter(|c| c.default_oid.is_some()).count())
            .sum::<usize>()
        + cat.constraints.len()
        + cat.indexes.len()
        + cat.triggers.len()
        + cat.rules.len()
        + cat.policies.len()
        + cat.default_acls.len();
    let mut b = Builder {
        cat,
        lookup,
        members: cat.extension_members.iter().copied().collect(),
        graph: Graph::with_capacity(capacity),
        targets: Vec::with_capacity(capacity),
        dump: Vec::with_capacity(capacity),
        acl_only: Vec::with_capacity(capacity),
        by_catalog_id: HashMap::with_capacity_and_hasher(capacity, Default::default()),
        null_defaults: HashMap::default(),
        nsp_shared: cat
            .namespaces
            .iter()
            .map(|n| (n.oid, Arc::from(n.name.as_str())))
            .collect(),
    };
    // getExtensions
    for (i, x) in cat.extensions.iter().enumerate() {
        let dump = sel.extension_selected(x.oid);
        let node = Node::new(ObjType::Extension, None, &x.name, x.oid);
        b.add(
            node,
            Target::Extension(i),
            dump,
            Some((class::PG_EXTENSION, x.oid)),
        );
    }

    // getNamespaces
    let mut contains: HashMap<u32, bool> = HashMap::default();
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

    // getTables (sequences follow the table that owns them: getOwnedSeqs; an identity
    // sequence exactly, another owned sequence when its table is dumped)
    let mut rel_ids: HashMap<u32, DumpId> = HashMap::default();
    let members: HashSet<u32> = cat.extension_members.iter().map(|(o, _)| *o).collect();
    let selected = |r: &crate::model::Relation| {
        sel.table_selected(r.oid, in_dumped(r.nsp_oid)) && !members.contains(&r.oid)
    };
    for (i, r) in cat.relations.iter().enumerate() {
        let mut node = b.node(ObjType::Table, r.nsp_oid, &r.name, r.oid);
        node.flags.relkind = Some(r.relkind);
        let mut dump = selected(r);
        if r.owning_table != 0
            && let Some(owner) = lookup.relation(cat, r.owning_table)
        {
            dump = selected(owner) || (dump && !r.is_identity_sequence);
        }
        let id = b.add(
            node,
            Target::Relation(i),
            dump,
            Some((class::PG_CLASS, r.oid)),
        );
        rel_ids.insert(r.oid, id);
    }
    // The "interesting" tables, whose defaults, CHECK constraints and indexes pg_dump reads:
    // the dumped ones, the owners of dumped sequences (getTables, getOwnedSeqs) and the direct
    // parents of dumped tables (flagInhTables), whose partitioned indexes a dumped partition's
    // indexes attach to.
    let mut interesting: HashSet<u32> = HashSet::default();
    for r in &cat.relations {
        if rel_ids.get(&r.oid).is_some_and(|&id| b.dump[id - 1]) {
            interesting.insert(r.oid);
            if r.owning_table != 0 {
                interesting.insert(r.owning_table);
            }
            interesting.extend(r.parents.iter().copied());
        }
    }

    // getFuncs
    for (i, f) in cat.functions.iter().enumerate() {
        let mut node = b.node(ObjType::Func, f.nsp_oid, &f.name, f.oid);
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
        let dummy = t.is_array || t.typtype == 'm' || (t.typtype == 'c' && t.typrelkind != 'c');
        let (obj_type, target, dump) = if dummy {
            (ObjType::DummyType, Target::DummyType, false)
        } else {
            (ObjType::Type, Target::Type(i), in_dumped(t.nsp_oid))
        };
        let node = b.node(obj_type, t.nsp_oid, &t.name, t.oid);
        let type_id = b.add(node, target, dump, Some((class::PG_TYPE, t.oid)));
        // A dumped base or range type gets a shell type, dumped only if loop repair needs it
        // ahead of the type's I/O or canonical functions.
        if !dummy && b.dump[type_id - 1] && matches!(t.typtype, 'b' | 'r') {
            let shell = b.node(ObjType::ShellType, t.nsp_oid, &t.name, 0);
            let shell_id = b.add(shell, Target::ShellType(i), false, None);
            if let Some(n) = b.graph.node_mut(type_id) {
                n.flags.shell_type = Link::to(shell_id);
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
                let mut node = b.node(ObjType::Constraint, t.nsp_oid, &c.name, c.oid);
                node.extra = SortExtra::Constraint {
                    on_domain: true,
                    parent_name: t.name.clone(),
                };
                node.flags.contype = Some(c.contype);
                node.flags.constraint_domain = Link::to(type_id);
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
        let mut node = b.node(ObjType::Agg, a.nsp_oid, &a.name, a.oid);
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
        let mut node = b.node(ObjType::Operator, o.nsp_oid, &o.name, o.oid);
        let side =
            |s: &Option<(String, String)>| s.as_ref().map(|(n, t)| Box::new(TypeName::new(n, t)));
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

    // getAccessMethods: the user-made ones, when dumping everything
    for (i, a) in cat.access_methods.iter().enumerate() {
        let node = Node::new(ObjType::AccessMethod, None, &a.name, a.oid);
        b.add(
            node,
            Target::AccessMethod(i),
            sel.include_everything(),
            Some((class::PG_AM, a.oid)),
        );
    }

    // getTSDictionaries, getTSConfigurations
    for (i, t) in cat.text_search.iter().enumerate() {
        let (obj_type, class) = if t.kind == 'd' {
            (ObjType::TsDict, class::PG_TS_DICT)
        } else {
            (ObjType::TsConfig, class::PG_TS_CONFIG)
        };
        let node = b.node(obj_type, t.nsp_oid, &t.name, t.oid);
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
            sel.include_everything(),
            Some((class::PG_FOREIGN_DATA_WRAPPER, w.oid)),
        );
    }
    for (i, s) in cat.foreign_servers.iter().enumerate() {
        let node = Node::new(ObjType::ForeignServer, None, &s.name, s.oid);
        b.add(
            node,
            Target::ForeignServer(i),
            sel.include_everything(),
            Some((class::PG_FOREIGN_SERVER, s.oid)),
        );
    }

    // getDefaultACLs: per-schema entries follow their schema, global ones need everything
    for (i, d) in cat.default_acls.iter().enumerate() {
        let (nsp, dump) = if d.nsp_oid == 0 {
            (None, sel.include_everything())
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
        let mut node = b.node(ObjType::Collation, c.nsp_oid, &c.name, c.oid);
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
        let node = b.node(ObjType::Conversion, c.nsp_oid, &c.name, c.oid);
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
            sel.include_everything(),
            Some((class::PG_CAST, c.oid)),
        );
    }

    // getEventTriggers: dumped only when dumping everything
    for (i, t) in cat.event_triggers.iter().enumerate() {
        let node = Node::new(ObjType::EventTrigger, None, &t.name, t.oid);
        b.add(
            node,
            Target::EventTrigger(i),
            sel.include_everything(),
            Some((class::PG_EVENT_TRIGGER, t.oid)),
        );
    }

    // flagInhTables: an ATTACH PARTITION object per dumped partition, after both tables
    for (ri, r) in cat.relations.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&r.oid) else {
            continue;
        };
        if !r.is_partition || !b.dump[table_id - 1] || r.parents.len() != 1 {
            continue;
        }
        let Some(&parent_id) = rel_ids.get(&r.parents[0]) else {
            continue;
        };
        let node = b.node(ObjType::TableAttach, r.nsp_oid, &r.name, 0);
        let id = b.add(node, Target::TableAttach(ri), true, None);
        b.graph.add_dependency(id, table_id);
        b.graph.add_dependency(id, parent_id);
    }

    // getTableAttrs: column defaults, then CHECK constraints, of interesting tables
    for (ri, r) in cat.relations.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&r.oid) else {
            continue;
        };
        if !interesting.contains(&r.oid) || r.relkind == 'S' {
            continue;
        }
        for (ci, c) in r.columns.iter().enumerate() {
            let (Some(def_oid), Some(_)) = (c.default_oid, &c.default_expr) else {
                continue;
            };
            if c.is_dropped {
                continue;
            }
            let mut node = b.node(ObjType::AttrDef, r.nsp_oid, &r.name, def_oid);
            node.extra = SortExtra::AttrDef {
                adnum: i32::from(c.num),
            };
            node.flags.attrdef_table = Link::to(table_id);
            // Generated columns cannot be separate; views always are, and so are the defaults of
            // columns CREATE TABLE leaves out (inherited ones) (getTableAttrs).
            let separate = c.generated == ' ' && (r.relkind == 'v' || !prints_column(r, c));
            node.flags.separate = separate;
            // flagInhAttrs: a generation expression every parent has too is inherited, not
            // dumped (except on partitions).
            let inherited_generation =
                c.generated != ' ' && !r.is_partition && inherited_generation(cat, lookup, r, c);
            let dump = b.dump[table_id - 1];
            let id = b.add(
                node,
                Target::AttrDef(ri, ci),
                dump && !inherited_generation,
                Some((class::PG_ATTRDEF, def_oid)),
            );
            if !separate {
                b.graph.add_dependency(table_id, id);
            }
        }
    }
    // Invalid NOT NULL constraints (server 18): always separate, before the CHECKs
    if cat.server_version_num >= 180000 {
        for (ci, c) in cat.constraints.iter().enumerate() {
            if c.contype != 'n' || c.validated || c.table_oid == 0 {
                continue;
            }
            let Some(&table_id) = rel_ids.get(&c.table_oid) else {
                continue;
            };
            if !b.dump[table_id - 1] {
                continue;
            }
            let Some(table) = lookup.relation(cat, c.table_oid) else {
                continue;
            };
            let mut node = b.node(ObjType::Constraint, table.nsp_oid, &c.name, c.oid);
            node.extra = SortExtra::Constraint {
                on_domain: false,
                parent_name: table.name.clone(),
            };
            node.flags.contype = Some('n');
            node.flags.constraint_table = Link::to(table_id);
            node.flags.separate = true;
            b.add(
                node,
                Target::Check(ci),
                true,
                Some((class::PG_CONSTRAINT, c.oid)),
            );
        }
    }
    for (ci, c) in cat.constraints.iter().enumerate() {
        if c.contype != 'c' || c.table_oid == 0 {
            continue;
        }
        let Some(&table_id) = rel_ids.get(&c.table_oid) else {
            continue;
        };
        if !interesting.contains(&c.table_oid) {
            continue;
        }
        let table = &cat.relations[match b.targets[table_id - 1] {
            Target::Relation(i) => i,
            _ => continue,
        }];
        let mut node = b.node(ObjType::Constraint, table.nsp_oid, &c.name, c.oid);
        node.extra = SortExtra::Constraint {
            on_domain: false,
            parent_name: table.name.clone(),
        };
        node.flags.contype = Some('c');
        node.flags.constraint_table = Link::to(table_id);
        node.flags.separate = !c.validated;
        let dump = b.dump[table_id - 1];
        let id = b.add(
            node,
            Target::Check(ci),
            dump,
            Some((class::PG_CONSTRAINT, c.oid)),
        );
        if c.validated {
            b.graph.add_dependency(table_id, id);
        }
    }

    // flagInhAttrs: a DEFAULT NULL where a parent has a default and the child column none
    for (ri, r) in cat.relations.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&r.oid) else {
            continue;
        };
        if r.parents.is_empty() || !b.dump[table_id - 1] || matches!(r.relkind, 'S' | 'v' | 'm') {
            continue;
        }
        for (ci, c) in r.columns.iter().enumerate() {
            if c.is_dropped || c.default_oid.is_some() {
                continue;
            }
            let parent_default = r.parents.iter().any(|&p| {
                lookup.relation(cat, p).is_some_and(|p| {
                    p.columns.iter().any(|pc| {
                        !pc.is_dropped
                            && pc.name == c.name
                            && pc.generated == ' '
                            && pc.default_expr.as_deref().is_some_and(|e| e != "NULL")
                    })
                })
            });
            if !parent_default {
                continue;
            }
            let mut node = b.node(ObjType::AttrDef, r.nsp_oid, &r.name, 0);
            node.extra = SortExtra::AttrDef {
                adnum: i32::from(c.num),
            };
            node.flags.attrdef_table = Link::to(table_id);
            let separate = !prints_column(r, c);
            node.flags.separate = separate;
            let id = b.add(node, Target::AttrDef(ri, ci), true, None);
            if separate {
                b.graph.add_dependency(id, table_id);
            }
            b.null_defaults.insert((ri, ci), id);
        }
    }

    // getIndexes: each index, and right after it the constraint it implements
    let mut index_ids: HashMap<u32, DumpId> = HashMap::default();
    for (ii, ix) in cat.indexes.iter().enumerate() {
        let Some(&table_id) = rel_ids.get(&ix.table_oid) else {
            continue;
        };
        if !interesting.contains(&ix.table_oid) {
            continue;
        }
        let dump = b.dump[table_id - 1];
        let mut node = b.node(ObjType::Index, ix.nsp_oid, &ix.name, ix.oid);
        if ix.parent_oid != 0 {
            node.flags.parent_index_oid = Some(ix.parent_oid);
        }
        // A constraint's index is dumped too, though only its comment is printed (dumpIndex).
        let index_id = b.add(
            node,
            Target::Index(ii),
            dump,
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
            let mut node = b.node(ObjType::Constraint, ix.nsp_oid, &c.name, c.oid);
            node.extra = SortExtra::Constraint {
                on_domain: false,
                parent_name: table_name,
            };
            node.flags.contype = Some(c.contype);
            node.flags.constraint_table = Link::to(table_id);
            node.flags.separate = true;
            b.add(
                node,
                Target::IndexConstraint(ci, ii),
                dump,
                Some((class::PG_CONSTRAINT, c.oid)),
            );
        }
        index_ids.insert(ix.oid, index_id);
    }

    // flagInhIndexes: an ATTACH PARTITION object per index of a partition that has a parent
    for (ii, ix) in cat.indexes.iter().enumerate() {
        if ix.parent_oid == 0 {
            continue;
        }
        let (Some(&table_id), Some(&index_id), Some(&parent_id)) = (
            rel_ids.get(&ix.table_oid),
            index_ids.get(&ix.oid),
            index_ids.get(&ix.parent_oid),
        ) else {
            continue;
        };
        let Some(table) = lookup.relation(cat, ix.table_oid) else {
            continue;
        };
        if !table.is_partition {
            continue;
        }
        let Some(parent_table_id) = lookup
            .index_index(ix.parent_oid)
            .and_then(|pi| rel_ids.get(&cat.indexes[pi].table_oid))
            .copied()
        else {
            continue;
        };
        let node = b.node(ObjType::IndexAttach, table.nsp_oid, &ix.name, 0);
        let dump = b.dump[table_id - 1];
        let id = b.add(node, Target::IndexAttach(ii), dump, None);
        b.graph.add_dependency(id, index_id);
        b.graph.add_dependency(id, parent_id);
        b.graph.add_dependency(id, table_id);
        b.graph.add_dependency(id, parent_table_id);
    }

    // getExtendedStatistics: dumped with its schema's contents, when its table's definition is
    // (selectDumpableStatisticsObject)
    for (i, st) in cat.statistics.iter().enumerate() {
        let node = b.node(ObjType::StatsExt, st.nsp_oid, &st.name, st.oid);
        let table_dumped = rel_ids.get(&st.table_oid).is_some_and(|&t| b.dump[t - 1]);
        b.add(
            node,
            Target::Statistics(i),
            in_dumped(st.nsp_oid) && table_dumped,
            Some((class::PG_STATISTIC_EXT, st.oid)),
        );
    }

    // getConstraints: foreign keys, ordered by table then name
    let mut fks: Vec<usize> = cat
        .constraints
        .iter()
        .enumerate()
        // Foreign keys cloned onto partitions come with their parent's (getConstraints).
        .filter(|(_, c)| c.contype == 'f' && c.table_oid != 0 && c.parent_oid == 0)
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
        if !b.dump[table_id - 1] {
            continue;
        }
        let table = lookup.relation(cat, c.table_oid);
        let Some(table) = table else {
            continue;
        };
        let table_name = table.name.clone();
        let mut node = b.node(ObjType::FkConstraint, table.nsp_oid, &c.name, c.oid);
        node.extra = SortExtra::Constraint {
            on_domain: false,
            parent_name: table_name,
        };
        node.flags.contype = Some('f');
        node.flags.constraint_table = Link::to(table_id);
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
        if !b.dump[table_id - 1] {
            continue;
        }
        let table = lookup.relation(cat, t.table_oid);
        let Some(table) = table else { continue };
        let mut node = b.node(ObjType::Trigger, table.nsp_oid, &t.name, t.oid);
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
        let mut node = b.node(ObjType::Rule, table.nsp_oid, &r.name, r.oid);
        node.extra = SortExtra::OwningTable(table.name.clone());
        node.flags.rule_table = Link::to(table_id);
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
            let mut node = b.node(ObjType::Policy, r.nsp_oid, &r.name, r.oid);
            node.extra = SortExtra::OwningTable(r.name.clone());
            b.add(node, Target::RowSecurity(ri), true, None);
        }
        for (pi, p) in cat.policies.iter().enumerate() {
            let Some(&table_id) = rel_ids.get(&p.table_oid) else {
                continue;
            };
            if !b.dump[table_id - 1] {
                continue;
            }
            let Some(table) = lookup.relation(cat, p.table_oid) else {
                continue;
            };
            let mut node = b.node(ObjType::Policy, table.nsp_oid, &p.name, p.oid);
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
                let mut node = b.node(ObjType::PublicationRel, t.nsp_oid, &t.name, p.oid);
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
            sel.include_everything(),
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
        flags: Vec::new(),
        targets: b.targets,
        dump: b.dump,
        acl_only: b.acl_only,
        pre_boundary: pre,
        post_boundary: post,
        dumped_namespaces,
        by_catalog_id: b.by_catalog_id,
        rel_ids,
        null_defaults: b.null_defaults,
    }
}

/// getTableData + buildMatViewRefreshDependencies, for dumps that include data: a REFRESH
/// object per dumped materialized view, after its matview and after the refreshes of the
/// matviews it reads from (directly or through views), and in post-data. A matview reading from
/// an unpopulated one is not refreshed either.
pub fn add_matview_refreshes(objs: &mut Objects, cat: &Catalog, lookup: &Lookup) {
    // What each rewrite rule reads: pg_depend rows from pg_rewrite to pg_class.
    let mut rule_refs: HashMap<u32, Vec<u32>> = HashMap::default();
    for d in &cat.dependencies {
        if d.class_oid == class::PG_REWRITE && d.ref_class_oid == class::PG_CLASS {
            rule_refs.entry(d.object_oid).or_default().push(d.ref_oid);
        }
    }
    // The matviews a matview reads from, following views and matviews.
    let reads_from = |start: u32| -> Vec<u32> {
        let mut seen: Vec<u32> = Vec::new();
        let mut todo = vec![start];
        while let Some(rel) = todo.pop() {
            for rule in lookup.table_rules(cat, rel) {
                for &r in rule_refs.get(&rule.oid).into_iter().flatten() {
                    if r == rel || seen.contains(&r) {
                        continue;
                    }
                    if lookup
                        .relation(cat, r)
                        .is_some_and(|x| matches!(x.relkind, 'm' | 'v'))
                    {
                        seen.push(r);
                        todo.push(r);
                    }
                }
            }
        }
        seen.retain(|&r| lookup.relation(cat, r).is_some_and(|x| x.relkind == 'm'));
        seen
    };
    let mut refresh_ids: HashMap<u32, DumpId> = HashMap::default();
    let mut pending = Vec::new();
    for (ri, r) in cat.relations.iter().enumerate() {
        if r.relkind != 'm' {
            continue;
        }
        let Some(&table_id) = objs.by_catalog_id.get(&(class::PG_CLASS, r.oid)) else {
            continue;
        };
        let sources = reads_from(r.oid);
        let populated = r.is_populated
            && sources
                .iter()
                .all(|&s| lookup.relation(cat, s).is_some_and(|x| x.is_populated));
        let nsp = lookup
            .namespace(cat, r.nsp_oid)
            .map(|n| n.name.clone())
            .unwrap_or_default();
        let node = Node::new(ObjType::RefreshMatview, Some(&nsp), &r.name, r.oid);
        let id = objs.graph.add_node(node);
        objs.targets.push(Target::RefreshMatview(ri, populated));
        objs.dump.push(objs.dump[table_id - 1]);
        objs.acl_only.push(false);
        objs.graph.add_dependency(id, table_id);
        objs.graph.add_dependency(id, objs.post_boundary);
        refresh_ids.insert(r.oid, id);
        pending.push((id, sources));
    }
    for (id, sources) in pending {
        for s in sources {
            if let Some(&sid) = refresh_ids.get(&s) {
                objs.graph.add_dependency(id, sid);
            }
        }
    }
}

/// flagInhAttrs' generated-column test: some parent generates the column with the same
/// expression and none with another.
fn inherited_generation(
    cat: &Catalog,
    lookup: &Lookup,
    r: &crate::model::Relation,
    c: &crate::model::Column,
) -> bool {
    let (mut same, mut different) = (false, false);
    for p in r.parents.iter().filter_map(|&p| lookup.relation(cat, p)) {
        if let Some(pc) = p
            .columns
            .iter()
            .find(|pc| !pc.is_dropped && pc.name == c.name)
            && pc.generated != ' '
        {
            if pc.default_expr.is_some() && pc.default_expr == c.default_expr {
                same = true;
            } else {
                different = true;
            }
        }
    }
    same && !different
}

/// Whether a column goes into its table's CREATE TABLE (pg_dump.c shouldPrintColumn): local
/// columns, and every column of a partition.
pub fn prints_column(r: &crate::model::Relation, c: &crate::model::Column) -> bool {
    !c.is_dropped && (c.is_local || r.is_partition)
}

/// Objects of the unsupported inventory that fall in the dump: a relation's rows when the
/// relation is dumped (its privileges also when only they are, an extension's table's, and
/// not with `-x`); other schema-scoped rows when their schema's contents are dumped; global
/// rows (schema 0) when dumping everything (pg_dump leaves global objects out of `-n`, `-t` and
/// `-e` dumps).
pub fn unsupported_in_dump(
    rows: &[InventoryRow],
    objs: &Objects,
    sel: &Selection,
    no_privileges: bool,
) -> Vec<Unsupported> {
    rows.iter()
        .filter(|row| !(row.privileges && no_privileges))
        .filter(|row| {
            if let Some(&id) = objs.rel_ids.get(&row.rel_oid) {
                objs.is_dumped(id) || row.privileges && objs.acl_only[id - 1]
            } else if row.nsp_oid == 0 {
                sel.include_everything()
            } else {
                objs.dumped_namespaces.contains(&row.nsp_oid)
            }
        })
        .map(|row| row.item.clone())
        .collect()
}

/// Dumped objects marked `ALTER ... DEPENDS ON EXTENSION` (pg_depend's 'x' rows), which the
/// native renderer does not print.
pub fn depends_on_extension(deps: &[crate::model::Dependency], objs: &Objects) -> Vec<Unsupported> {
    deps.iter()
        .filter(|d| d.deptype == 'x')
        .filter_map(|d| objs.by_catalog_id.get(&(d.class_oid, d.object_oid)))
        .filter(|&&id| objs.is_dumped(id))
        .filter_map(|&id| objs.graph.node(id))
        .map(|n| Unsupported {
            kind: "DEPENDS ON EXTENSION".into(),
            name: n.name.clone(),
        })
        // (once per object, whatever the number of extensions)
        .collect::<indexmap::IndexSet<_>>()
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, Index, Namespace, Relation};

    fn relation(oid: u32, name: &str, relkind: char) -> Relation {
        Relation {
            oid,
            name: name.into(),
            quoted_name: format!("public.{name}"),
            nsp_oid: 2200,
            relkind,
            owner: "o".into(),
            acl: None,
            acl_default: String::new(),
            init_acl: None,
            persistence: 'p',
            rowtype_oid: 0,
            of_type: 0,
            is_partition: false,
            is_populated: true,
            row_security: false,
            force_row_security: false,
            replica_identity: 'd',
            reloptions: Vec::new(),
            check_option: None,
            toast_reloptions: Vec::new(),
            access_method: String::new(),
            tablespace: String::new(),
            owning_table: 0,
            owning_column: 0,
            is_identity_sequence: false,
            viewdef: None,
            sequence: None,
            columns: Vec::new(),
            partkeydef: None,
            partbound: None,
            of_type_name: None,
            parents: Vec::new(),
        }
    }

    fn column(num: i16, name: &str, is_local: bool) -> Column {
        Column {
            num,
            name: name.into(),
            quoted_name: name.into(),
            type_name: "integer".into(),
            type_oid: 23,
            not_null: false,
            is_dropped: false,
            is_local,
            inherit_count: i32::from(!is_local),
            identity: ' ',
            generated: ' ',
            stat_target: -1,
            storage: 'p',
            type_storage: 'p',
            compression: ' ',
            rare: None,
            default_oid: None,
            default_expr: None,
        }
    }

    fn index(oid: u32, name: &str, table_oid: u32, parent_oid: u32) -> Index {
        Index {
            oid,
            name: name.into(),
            table_oid,
            nsp_oid: 2200,
            definition: String::new(),
            plain: None,
            is_clustered: false,
            is_replica_identity: false,
            key_count: 1,
            column_count: 1,
            tablespace: String::new(),
            reloptions: Vec::new(),
            constraint_oid: 0,
            has_stat_targets: false,
            relkind: 'i',
            is_partition_child: parent_oid != 0,
            parent_oid,
            stat_columns: Vec::new(),
            stat_values: Vec::new(),
        }
    }

    fn catalog(relations: Vec<Relation>, indexes: Vec<Index>) -> Catalog {
        Catalog {
            server_version_num: 180000,
            namespaces: vec![Namespace {
                oid: 2200,
                name: "app".into(),
                owner: "o".into(),
                owner_oid: 10,
                acl: None,
                acl_default: String::new(),
                init_acl: None,
            }],
            relations,
            indexes,
            ..Default::default()
        }
    }

    fn node_of_type(objs: &Objects, t: ObjType) -> Vec<&Node> {
        objs.graph
            .nodes
            .iter()
            .filter(|n| n.obj_type == t)
            .collect()
    }

    #[test]
    fn partitions_get_table_and_index_attach_objects_after_both_sides() {
        let mut parent = relation(100, "events", 'p');
        parent.columns = vec![column(1, "id", true)];
        let mut part = relation(101, "events_a", 'r');
        part.is_partition = true;
        part.parents = vec![100];
        part.columns = vec![column(1, "id", false)];
        let cat = catalog(
            vec![parent, part],
            vec![
                index(200, "events_id_idx", 100, 0),
                index(201, "events_a_id_idx", 101, 200),
            ],
        );
        let lookup = Lookup::new(&cat);
        let objs = build(&cat, &lookup, &Selection::default(), true);
        let id_of = |class: u32, oid: u32| objs.by_catalog_id[&(class, oid)];
        let table_attach = node_of_type(&objs, ObjType::TableAttach);
        assert_eq!(table_attach.len(), 1);
        assert_eq!(table_attach[0].name, "events_a");
        assert_eq!(
            table_attach[0].deps,
            vec![id_of(class::PG_CLASS, 101), id_of(class::PG_CLASS, 100)]
        );
        let index_attach = node_of_type(&objs, ObjType::IndexAttach);
        assert_eq!(index_attach.len(), 1);
        assert_eq!(index_attach[0].name, "events_a_id_idx");
        assert_eq!(
            index_attach[0].deps[..4],
            [
                id_of(class::PG_CLASS, 201),
                id_of(class::PG_CLASS, 200),
                id_of(class::PG_CLASS, 101),
                id_of(class::PG_CLASS, 100)
            ]
        );
        // A partition prints every column, inherited or not (shouldPrintColumn).
        assert!(prints_column(
            &cat.relations[1],
            &cat.relations[1].columns[0]
        ));
    }

    #[test]
    fn an_inheritance_child_gets_a_made_up_default_null() {
        let mut parent = relation(100, "base", 'r');
        let mut flag = column(1, "flag", true);
        flag.default_oid = Some(300);
        flag.default_expr = Some("true".into());
        parent.columns = vec![flag];
        let mut child = relation(101, "child", 'r');
        child.parents = vec![100];
        // Inherited and not printed: the DEFAULT NULL is a separate object after the child.
        child.columns = vec![column(1, "flag", false)];
        let cat = catalog(vec![parent, child], Vec::new());
        let lookup = Lookup::new(&cat);
        let objs = build(&cat, &lookup, &Selection::default(), true);
        let &id = objs.null_defaults.get(&(1, 0)).expect("a DEFAULT NULL");
        let node = &objs.graph.nodes[id - 1];
        assert!(node.flags.separate);
        assert_eq!(node.deps, vec![objs.by_catalog_id[&(class::PG_CLASS, 101)]]);
        assert!(!prints_column(
            &cat.relations[1],
            &cat.relations[1].columns[0]
        ));
    }
}
