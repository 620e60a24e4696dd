//! The order of a dump: pg_dump's dumpable-object graph, its type priorities, the type/name
//! pre-sort, the dependency-respecting topological sort and the dispatch of dependency-loop
//! repairs. This is pg_dump_sort.c (plus the small graph helpers of common.c and
//! `addBoundaryDependencies` from pg_dump.c), rewritten over a graph type this module owns so
//! that it does not depend on the object model: the caller builds one [`Node`] per dumpable
//! object, in dump-id order, and gets dump ids back.
//!
//! The flow mirrors pg_dump's `main`:
//! 1. build a [`Graph`] whose node *i* has dump id *i + 1* (common.c `AssignDumpId`), with the
//!    catalog and pg_dump-made dependencies already added;
//! 2. [`add_boundary_dependencies`] ties every object to the pre/post-data boundaries;
//! 3. [`sort_by_type_name`] gives the starting order (`sortDumpableObjectsByTypeName`);
//! 4. [`sort_dumpable_objects`] reorders it to satisfy every dependency, calling back for each
//!    dependency loop it has to break; [`repair_dependency_loop`] is the standard callback body
//!    ([`classify_loop`] + the graph edits), and the returned [`LoopKind`] tells the caller which
//!    model change (separate default, dummy view, postponed function, shell type…) to make.

mod boundary;
mod repair;
mod topo;
mod type_name;

use std::fmt;
use std::sync::Arc;

pub use boundary::add_boundary_dependencies;
pub use repair::{LoopKind, apply_loop_repair, classify_loop, repair_dependency_loop};
pub use topo::{Boundaries, sort_dumpable_objects};
pub use type_name::{SortExtra, TypeName, compare_type_name, sort_by_type_name};

/// A dump id: 1-based, handed out in creation order like pg_dump's `AssignDumpId`.
/// `graph.nodes[i]` has dump id `i + 1`.
pub type DumpId = usize;

/// pg_dump.h's `DumpableObjectType`, in the same order: the declaration order is itself a
/// tie-breaker in `DOTypeNameCompare` (step 4), so it must not be rearranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjType {
    Namespace,
    Extension,
    Type,
    ShellType,
    Func,
    Agg,
    Operator,
    AccessMethod,
    OpClass,
    OpFamily,
    Collation,
    Conversion,
    Table,
    TableAttach,
    AttrDef,
    Index,
    IndexAttach,
    StatsExt,
    Rule,
    Trigger,
    Constraint,
    FkConstraint,
    ProcLang,
    Cast,
    TableData,
    SequenceSet,
    DummyType,
    TsParser,
    TsDict,
    TsTemplate,
    TsConfig,
    Fdw,
    ForeignServer,
    DefaultAcl,
    Transform,
    LargeObject,
    LargeObjectData,
    PreDataBoundary,
    PostDataBoundary,
    EventTrigger,
    RefreshMatview,
    Policy,
    Publication,
    PublicationRel,
    PublicationTableInSchema,
    RelStats,
    Subscription,
    SubscriptionRel,
}

impl ObjType {
    /// The sort priority of the type: pg_dump_sort.c's `dbObjectTypePriority[]`, with the
    /// numeric values of its `dbObjectTypePriorities` enum (PRIO_NAMESPACE = 1, …).
    ///
    /// Casts deliberately sort before functions, and the two boundaries sit between the
    /// pre-data, data and post-data types; each type's priority must agree with its section.
    pub fn priority(self) -> u32 {
        match self {
            ObjType::Namespace => 1,
            ObjType::ProcLang => 2,
            ObjType::Collation => 3,
            ObjType::Transform => 4,
            ObjType::Extension => 5,
            ObjType::Type | ObjType::ShellType => 6,
            ObjType::Cast => 7,
            ObjType::Func => 8,
            ObjType::Agg => 9,
            ObjType::AccessMethod => 10,
            ObjType::Operator => 11,
            ObjType::OpFamily | ObjType::OpClass => 12,
            ObjType::Conversion => 13,
            ObjType::TsParser => 14,
            ObjType::TsTemplate => 15,
            ObjType::TsDict => 16,
            ObjType::TsConfig => 17,
            ObjType::Fdw => 18,
            ObjType::ForeignServer => 19,
            ObjType::Table => 20,
            ObjType::TableAttach => 21,
            ObjType::DummyType => 22,
            ObjType::AttrDef => 23,
            ObjType::PreDataBoundary => 24,
            ObjType::TableData => 25,
            ObjType::SequenceSet => 26,
            ObjType::LargeObject => 27,
            ObjType::LargeObjectData => 28,
            ObjType::RelStats => 29,
            ObjType::PostDataBoundary => 30,
            ObjType::Constraint => 31,
            ObjType::Index => 32,
            ObjType::IndexAttach => 33,
            ObjType::StatsExt => 34,
            ObjType::Rule => 35,
            ObjType::Trigger => 36,
            ObjType::FkConstraint => 37,
            ObjType::Policy => 38,
            ObjType::Publication => 39,
            ObjType::PublicationRel => 40,
            ObjType::PublicationTableInSchema => 41,
            ObjType::Subscription => 42,
            ObjType::SubscriptionRel => 43,
            ObjType::DefaultAcl => 44,
            ObjType::EventTrigger => 45,
            ObjType::RefreshMatview => 46,
        }
    }
}

/// The facts about an object that loop classification ([`classify_loop`]) and
/// [`add_boundary_dependencies`] need. Everything defaults to "not applicable"; fill in only
/// what the node's type uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeFlags {
    /// `Table` and `RelStats`: `pg_class.relkind` of the relation (`'r'`, `'v'`, `'m'`, `'S'`,
    /// `'f'`, `'p'`, …). Used to recognise views and materialized views in loops.
    pub relkind: Option<char>,
    /// `Rule`: dump id of the table or view the rule belongs to (`RuleInfo.ruletable`).
    pub rule_table: Link,
    /// `Rule`: the rule is `ON SELECT DO INSTEAD` (`ev_type = '1'` and `is_instead`), i.e. a
    /// view's or matview's `_RETURN` rule.
    pub is_select_instead_rule: bool,
    /// `Constraint` / `FkConstraint`: `pg_constraint.contype` (`'c'`, `'n'`, `'p'`, `'u'`,
    /// `'f'`, `'x'`, `'t'`).
    pub contype: Option<char>,
    /// `Constraint` on a table: dump id of the table (`ConstraintInfo.contable`).
    pub constraint_table: Link,
    /// `Constraint` on a domain: dump id of the domain's `Type` node
    /// (`ConstraintInfo.condomain`).
    pub constraint_domain: Link,
    /// `AttrDef`: dump id of the table the default belongs to (`AttrDefInfo.adtable`).
    pub attrdef_table: Link,
    /// `Index`: catalog OID of the partitioned index this one is attached to
    /// (`IndxInfo.parentidx`); `None` when it has none.
    pub parent_index_oid: Option<u32>,
    /// `Type`: dump id of the type's shell type, if pg_dump made one (`TypeInfo.shellType`).
    pub shell_type: Link,
    /// `Rule`, `Constraint`, `FkConstraint`: the object is dumped as its own (post-data) TOC
    /// entry rather than inside its table or domain (`separate`). Read by
    /// [`add_boundary_dependencies`] only; loop repairs report the change instead of setting it.
    /// The native engine also sets it on a materialized view's `Table` node whose definition
    /// a loop repair postponed to post-data (`postponed_def`).
    pub separate: bool,
    /// `RelStats`: the statistics belong to the data section (`section == SECTION_DATA`);
    /// otherwise they are post-data. Read by [`add_boundary_dependencies`] only.
    pub stats_in_data_section: bool,
}

/// A dump id kept in a node's flags, or none: half the size of an `Option<DumpId>` (a big
/// schema's graph has hundreds of thousands of nodes, and their flags outlive the sort).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Link(Option<std::num::NonZeroU32>);

impl Link {
    /// A link to `id` (dump ids start at 1; one beyond 32 bits, which no dump reaches, is
    /// kept as none).
    pub fn to(id: DumpId) -> Link {
        Link(u32::try_from(id).ok().and_then(std::num::NonZeroU32::new))
    }

    pub fn get(self) -> Option<DumpId> {
        self.0.map(|id| id.get() as DumpId)
    }
}

impl PartialEq<Option<DumpId>> for Link {
    fn eq(&self, other: &Option<DumpId>) -> bool {
        self.get() == *other
    }
}

/// One dumpable object, reduced to what ordering needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub obj_type: ObjType,
    /// Name of the object's schema (`dobj.namespace->dobj.name`); `None` for objects without
    /// one (these sort after objects with one of the same priority).
    pub namespace: Option<Arc<str>>,
    /// `dobj.name`: the catalog name, not the TOC tag (see PG_DUMP_MAP §3.2 step 3).
    pub name: String,
    /// Per-type secondary sort keys (`DOTypeNameCompare` step 5).
    pub extra: SortExtra,
    /// Catalog OID of the object (`catId.oid`), the last tie-breaker; 0 for objects without one.
    pub oid: u32,
    /// Dump ids this object must come after, in the order they were added (pg_dump's
    /// `dependencies[]`). Duplicates are allowed and counted each time.
    pub deps: Vec<DumpId>,
    pub flags: NodeFlags,
}

impl Node {
    /// A node with no dependencies, no extra sort keys and default flags.
    pub fn new(obj_type: ObjType, namespace: Option<&str>, name: &str, oid: u32) -> Node {
        Node::shared(obj_type, namespace.map(Arc::from), name, oid)
    }

    /// A node like [`Node::new`], in a schema whose name it shares with the other nodes (a big
    /// schema's graph has one node per object, and its schema name need not be copied each
    /// time).
    pub fn shared(obj_type: ObjType, namespace: Option<Arc<str>>, name: &str, oid: u32) -> Node {
        Node {
            obj_type,
            namespace,
            name: name.to_owned(),
            extra: SortExtra::None,
            oid,
            deps: Vec::new(),
            flags: NodeFlags::default(),
        }
    }
}

/// All dumpable objects; `nodes[i]` has dump id `i + 1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    pub nodes: Vec<Node>,
}

impl Graph {
    pub fn new() -> Graph {
        Graph::default()
    }

    /// A graph with room for `nodes` nodes (a big schema's graph is the largest structure of a
    /// dump; growing it by doubling would briefly hold two copies).
    pub fn with_capacity(nodes: usize) -> Graph {
        Graph {
            nodes: Vec::with_capacity(nodes),
        }
    }

    /// Appends a node and returns its dump id (common.c `AssignDumpId`: ids are handed out in
    /// creation order, which decides the order in which loops are found).
    pub fn add_node(&mut self, node: Node) -> DumpId {
        self.nodes.push(node);
        self.nodes.len()
    }

    /// The highest dump id in use (common.c `getMaxDumpId`).
    pub fn max_dump_id(&self) -> DumpId {
        self.nodes.len()
    }

    /// The node with this dump id (common.c `findObjectByDumpId`).
    pub fn node(&self, id: DumpId) -> Option<&Node> {
        id.checked_sub(1).and_then(|i| self.nodes.get(i))
    }

    pub fn node_mut(&mut self, id: DumpId) -> Option<&mut Node> {
        id.checked_sub(1).and_then(|i| self.nodes.get_mut(i))
    }

    /// Records that `obj` must come after `on` (common.c `addObjectDependency`): appended at
    /// the end, duplicates kept. `on` is not checked here; the sort rejects unknown ids.
    ///
    /// # Panics
    /// If `obj` names no node: that is a bug in the caller, not a property of the database.
    pub fn add_dependency(&mut self, obj: DumpId, on: DumpId) {
        match self.node_mut(obj) {
            Some(node) => node.deps.push(on),
            None => panic!("add_dependency: no dumpable object with dump id {obj}"),
        }
    }

    /// Removes every entry of `on` from `obj`'s dependencies, keeping the others in order
    /// (common.c `removeObjectDependency`).
    ///
    /// # Panics
    /// If `obj` names no node.
    pub fn remove_dependency(&mut self, obj: DumpId, on: DumpId) {
        match self.node_mut(obj) {
            Some(node) => node.deps.retain(|&d| d != on),
            None => panic!("remove_dependency: no dumpable object with dump id {obj}"),
        }
    }

    fn obj_type(&self, id: DumpId) -> Option<ObjType> {
        self.node(id).map(|n| n.obj_type)
    }
}

/// Why the order could not be computed. pg_dump treats each of these as fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderError {
    /// A dump id in the input list (or a boundary id) names no node (`invalid dumpId`).
    InvalidDumpId(DumpId),
    /// The input list names the same object twice.
    DuplicateInInput(DumpId),
    /// A boundary id names a node of the wrong type.
    NotABoundary { id: DumpId, expected: ObjType },
    /// A dependency names no node (`invalid dependency`).
    InvalidDependency { object: DumpId, on: DumpId },
    /// A dependency names a node that is not in the list being sorted, so it can never be
    /// satisfied. pg_dump sorts every object, so it never meets this.
    DependencyOutsideInput { object: DumpId, on: DumpId },
    /// The sort failed but no loop could be found (`could not identify dependency loop`).
    NoLoopFound,
    /// Loop repairs brought the dependencies back to a state already tried, so sorting and
    /// repairing would go round forever (where pg_dump would hang).
    RepairsDoNotConverge,
    /// More objects or dependencies than the sort's 32-bit positions can number.
    TooManyObjects(DumpId),
}

impl fmt::Display for OrderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderError::InvalidDumpId(id) => write!(f, "invalid dumpId {id}"),
            OrderError::TooManyObjects(n) => write!(f, "too many objects to sort ({n})"),
            OrderError::DuplicateInInput(id) => {
                write!(f, "dump id {id} appears twice in the list to sort")
            }
            OrderError::NotABoundary { id, expected } => {
                write!(f, "dump id {id} is not the {expected:?} object")
            }
            OrderError::InvalidDependency { object, on } => {
                write!(f, "invalid dependency {on} (of dump id {object})")
            }
            OrderError::DependencyOutsideInput { object, on } => write!(
                f,
                "dump id {object} depends on dump id {on}, which is not in the list to sort"
            ),
            OrderError::NoLoopFound => f.write_str("could not identify dependency loop"),
            OrderError::RepairsDoNotConverge => {
                f.write_str("dependency loop repairs do not converge")
            }
        }
    }
}

impl std::error::Error for OrderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_match_pg_dump_sort_table() {
        // Spot checks against dbObjectTypePriorities in 18.6, including the quirks.
        assert!(ObjType::Cast.priority() < ObjType::Func.priority());
        assert_eq!(ObjType::Type.priority(), ObjType::ShellType.priority());
        assert_eq!(ObjType::OpClass.priority(), ObjType::OpFamily.priority());
        assert!(ObjType::AttrDef.priority() < ObjType::PreDataBoundary.priority());
        assert!(ObjType::RelStats.priority() < ObjType::PostDataBoundary.priority());
        assert!(ObjType::PostDataBoundary.priority() < ObjType::Constraint.priority());
        assert_eq!(ObjType::RefreshMatview.priority(), 46);
        assert_eq!(ObjType::Namespace.priority(), 1);
    }

    #[test]
    fn enum_order_follows_pg_dump_h() {
        assert!(ObjType::Namespace < ObjType::Extension);
        assert!(ObjType::OpClass < ObjType::OpFamily);
        assert!(ObjType::Type < ObjType::ShellType);
        assert!(ObjType::Constraint < ObjType::FkConstraint);
        assert!(ObjType::RelStats < ObjType::Subscription);
        assert!(ObjType::PreDataBoundary < ObjType::PostDataBoundary);
    }

    #[test]
    fn remove_dependency_removes_every_copy() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new(ObjType::Table, Some("s"), "a", 1));
        let b = g.add_node(Node::new(ObjType::Table, Some("s"), "b", 2));
        let c = g.add_node(Node::new(ObjType::Table, Some("s"), "c", 3));
        g.add_dependency(a, b);
        g.add_dependency(a, c);
        g.add_dependency(a, b);
        g.remove_dependency(a, b);
        assert_eq!(g.nodes[0].deps, vec![c]);
        assert_eq!(g.max_dump_id(), 3);
        assert!(g.node(0).is_none());
        assert!(g.node(4).is_none());
    }
}
