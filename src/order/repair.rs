//! Breaking dependency loops (pg_dump_sort.c `repairDependencyLoop` and the `repair*Loop`
//! functions it dispatches to). Split in two so the graph and the object model stay apart:
//! [`classify_loop`] names the case and the objects involved, [`apply_loop_repair`] makes the
//! dependency edits pg_dump makes, and the caller makes the model change each [`LoopKind`]
//! documents (a separate default, a dummy view, a postponed function, a dumped shell type…).

use super::{Boundaries, DumpId, Graph, NodeFlags, ObjType};

/// Which of `repairDependencyLoop`'s cases a loop falls into, with the objects its repair
/// touches. Each variant says what pg_dump does to the graph ([`apply_loop_repair`] does that)
/// and, under "Model:", what the caller must change in the objects themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopKind {
    /// A type and one of its I/O (or range canonical) functions (`repairTypeFuncLoop`).
    /// Graph: the function stops depending on the type and depends on the shell type instead,
    /// if there is one. Model: if the function is dumped, the shell type is dumped with the
    /// function's components plus DEFINITION (this is what prints `CREATE TYPE s.t;`).
    TypeFunc {
        type_id: DumpId,
        func: DumpId,
        shell_type: Option<DumpId>,
    },
    /// A view or matview and its ON SELECT rule, alone (`repairViewRuleLoop`). Graph: the rule
    /// stops depending on the view. Model: nothing; the rule stays inside CREATE VIEW.
    ViewRule { view: DumpId, rule: DumpId },
    /// A longer loop through a view (not a matview) and its ON SELECT rule
    /// (`repairViewRuleMultiLoop`). Graph: the view stops depending on the rule; the rule
    /// depends on the view and on the post-data boundary. Model: the view is printed as a dummy
    /// view (`dummy_view`), the rule becomes `separate`.
    ViewRuleMulti { view: DumpId, rule: DumpId },
    /// A longer loop through a matview (or a matview's statistics) and the pre-data (or
    /// post-data) boundary (`repairMatViewBoundaryMultiLoop`). Graph: the boundary stops
    /// depending on `next`, the loop member after it. Model: if `next` is a matview `Table`,
    /// its definition is postponed to post-data (`postponed_def`); if it is a matview's
    /// `RelStats`, those statistics move to the post-data section. Otherwise nothing.
    MatViewBoundaryMulti { boundary: DumpId, next: DumpId },
    /// A longer loop through a function and the pre-data boundary
    /// (`repairFunctionBoundaryMultiLoop`). Graph: the boundary stops depending on `next`.
    /// Model: if `next` is a `Func`, its definition is postponed to post-data
    /// (`postponed_def`).
    FunctionBoundaryMulti { boundary: DumpId, next: DumpId },
    /// A table and one of its CHECK constraints, alone (`repairTableConstraintLoop`). Graph:
    /// the constraint stops depending on the table. Model: nothing; it stays inline.
    TableCheck { table: DumpId, constraint: DumpId },
    /// A longer loop through a table and one of its CHECK constraints
    /// (`repairTableConstraintMultiLoop`). Graph: the table stops depending on the constraint;
    /// the constraint depends on the table and on the post-data boundary. Model: the constraint
    /// becomes `separate` (printed as ALTER TABLE … ADD CONSTRAINT in post-data).
    TableCheckMulti { table: DumpId, constraint: DumpId },
    /// A table and one of its defaults, alone (`repairTableAttrDefLoop`). Graph: the default
    /// stops depending on the table. Model: nothing; it stays inline.
    TableAttrDef { table: DumpId, attrdef: DumpId },
    /// An index attached to a partitioned index, in a 2-loop with it (`repairIndexLoop`).
    /// `index.parentidx` is `parent`'s OID. Graph: `index` stops depending on `parent` (the C
    /// function's parameter names suggest the opposite roles; this is what it does). Model:
    /// nothing.
    IndexLoop { index: DumpId, parent: DumpId },
    /// A longer loop through a table and one of its defaults (`repairTableAttrDefMultiLoop`):
    /// the serial-column case, table → default → sequence → table. Graph: the table stops
    /// depending on the default; the default depends on the table (no boundary: it stays
    /// pre-data). Model: the default becomes `separate` (ALTER TABLE … SET DEFAULT).
    TableAttrDefMulti { table: DumpId, attrdef: DumpId },
    /// A domain and one of its CHECK or NOT NULL constraints, alone
    /// (`repairDomainConstraintLoop`). Graph: the constraint stops depending on the domain.
    /// Model: nothing.
    DomainConstraint { domain: DumpId, constraint: DumpId },
    /// A longer loop through a domain and one of its CHECK or NOT NULL constraints
    /// (`repairDomainConstraintMultiLoop`). Graph: the domain stops depending on the
    /// constraint; the constraint depends on the domain and on the post-data boundary. Model:
    /// the constraint becomes `separate`.
    DomainConstraintMulti { domain: DumpId, constraint: DumpId },
    /// A table depending on itself. Graph: the self-dependency is removed. Model: nothing.
    TableSelfLoop { table: DumpId },
    /// A loop made only of table data: circular foreign keys. pg_dump warns ("there are
    /// circular foreign-key constraints …") and breaks it arbitrarily. Graph: `from` stops
    /// depending on `to` (the second member, or itself for a 1-loop). Model: nothing.
    TableDataLoop { from: DumpId, to: DumpId },
    /// Anything else. pg_dump warns ("could not resolve dependency loop among these items")
    /// and breaks it arbitrarily. Graph: `from` stops depending on `to`, as above.
    Unresolved { from: DumpId, to: DumpId },
}

impl LoopKind {
    /// Whether pg_dump prints a warning for this loop (on stderr, never in the dump).
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            LoopKind::TableDataLoop { .. } | LoopKind::Unresolved { .. }
        )
    }
}

/// `repairDependencyLoop` in full: classify the loop, make pg_dump's dependency edits, and
/// return the kind so the caller can make the model change. This is the body of the `repair`
/// callback of [`sort_dumpable_objects`](super::sort_dumpable_objects).
pub fn repair_dependency_loop(
    graph: &mut Graph,
    members: &[DumpId],
    boundaries: Boundaries,
) -> LoopKind {
    let kind = classify_loop(graph, members);
    apply_loop_repair(graph, &kind, boundaries);
    kind
}

/// The tests of pg_dump_sort.c `repairDependencyLoop`, in its order, without acting on them.
/// `members` is a loop as `findLoop` reports it: each member depends on the next and the last
/// on the first. The first matching case wins, so e.g. a loop through both a view's ON SELECT
/// rule and a function plus the pre-data boundary is a [`LoopKind::ViewRuleMulti`].
pub fn classify_loop(graph: &Graph, members: &[DumpId]) -> LoopKind {
    let view = LoopView { graph, members };
    let n = members.len();
    let at = |i: usize| members[i];

    if n == 2 {
        for (t, f) in [(0, 1), (1, 0)] {
            if view.is(at(t), ObjType::Type) && view.is(at(f), ObjType::Func) {
                return LoopKind::TypeFunc {
                    type_id: at(t),
                    func: at(f),
                    shell_type: view.flags(at(t)).and_then(|fl| fl.shell_type.get()),
                };
            }
        }
        for (v, r) in [(0, 1), (1, 0)] {
            if view.is_relkind(at(v), ObjType::Table, &['v', 'm'])
                && view.is_select_rule_of(at(r), at(v))
            {
                return LoopKind::ViewRule {
                    view: at(v),
                    rule: at(r),
                };
            }
        }
    }

    if n > 2 {
        for &v in members {
            if !view.is_relkind(v, ObjType::Table, &['v']) {
                continue;
            }
            if let Some(&rule) = members.iter().find(|&&r| view.is_select_rule_of(r, v)) {
                return LoopKind::ViewRuleMulti { view: v, rule };
            }
        }

        for &m in members {
            let boundary_type = if view.is_relkind(m, ObjType::Table, &['m']) {
                ObjType::PreDataBoundary
            } else if view.is_relkind(m, ObjType::RelStats, &['m']) {
                ObjType::PostDataBoundary
            } else {
                continue;
            };
            if let Some(j) = view.position_of_type(boundary_type) {
                return LoopKind::MatViewBoundaryMulti {
                    boundary: at(j),
                    next: at((j + 1) % n),
                };
            }
        }

        if members.iter().any(|&m| view.is(m, ObjType::Func))
            && let Some(j) = view.position_of_type(ObjType::PreDataBoundary)
        {
            return LoopKind::FunctionBoundaryMulti {
                boundary: at(j),
                next: at((j + 1) % n),
            };
        }
    }

    if n == 2 {
        for (t, c) in [(0, 1), (1, 0)] {
            if view.is(at(t), ObjType::Table) && view.is_table_check(at(c), at(t)) {
                return LoopKind::TableCheck {
                    table: at(t),
                    constraint: at(c),
                };
            }
        }
    }
    if n > 2
        && let Some((table, constraint)) =
            view.find_pair(ObjType::Table, |c, t| view.is_table_check(c, t))
    {
        return LoopKind::TableCheckMulti { table, constraint };
    }

    if n == 2 {
        for (t, d) in [(0, 1), (1, 0)] {
            if view.is(at(t), ObjType::Table) && view.is_attrdef_of(at(d), at(t)) {
                return LoopKind::TableAttrDef {
                    table: at(t),
                    attrdef: at(d),
                };
            }
        }
        if view.is(at(0), ObjType::Index) && view.is(at(1), ObjType::Index) {
            for (i, p) in [(0, 1), (1, 0)] {
                if view.is_attached_to(at(i), at(p)) {
                    return LoopKind::IndexLoop {
                        index: at(i),
                        parent: at(p),
                    };
                }
            }
        }
    }
    if n > 2
        && let Some((table, attrdef)) =
            view.find_pair(ObjType::Table, |d, t| view.is_attrdef_of(d, t))
    {
        return LoopKind::TableAttrDefMulti { table, attrdef };
    }

    if n == 2 {
        for (d, c) in [(0, 1), (1, 0)] {
            if view.is(at(d), ObjType::Type) && view.is_domain_constraint(at(c), at(d)) {
                return LoopKind::DomainConstraint {
                    domain: at(d),
                    constraint: at(c),
                };
            }
        }
    }
    if n > 2
        && let Some((domain, constraint)) =
            view.find_pair(ObjType::Type, |c, d| view.is_domain_constraint(c, d))
    {
        return LoopKind::DomainConstraintMulti { domain, constraint };
    }

    if n == 1 && view.is(at(0), ObjType::Table) {
        return LoopKind::TableSelfLoop { table: at(0) };
    }

    let (from, to) = match members {
        [] => (0, 0),
        [only] => (*only, *only),
        [first, second, ..] => (*first, *second),
    };
    if n > 0 && members.iter().all(|&m| view.is(m, ObjType::TableData)) {
        LoopKind::TableDataLoop { from, to }
    } else {
        LoopKind::Unresolved { from, to }
    }
}

/// The dependency edits of the `repair*Loop` function behind `kind` (see each variant).
/// Objects that do not exist are skipped rather than panicking: `kind` normally comes from
/// [`classify_loop`] on the same graph, where they all do.
pub fn apply_loop_repair(graph: &mut Graph, kind: &LoopKind, boundaries: Boundaries) {
    let post = boundaries.post_data;
    let remove = |g: &mut Graph, obj: DumpId, on: DumpId| {
        if let Some(node) = g.node_mut(obj) {
            node.deps.retain(|&d| d != on);
        }
    };
    let add = |g: &mut Graph, obj: DumpId, on: DumpId| {
        if let Some(node) = g.node_mut(obj) {
            node.deps.push(on);
        }
    };
    match *kind {
        LoopKind::TypeFunc {
            type_id,
            func,
            shell_type,
        } => {
            remove(graph, func, type_id);
            if let Some(shell) = shell_type {
                add(graph, func, shell);
            }
        }
        LoopKind::ViewRule { view, rule } => remove(graph, rule, view),
        LoopKind::ViewRuleMulti { view, rule } => {
            remove(graph, view, rule);
            add(graph, rule, view);
            add(graph, rule, post);
        }
        LoopKind::MatViewBoundaryMulti { boundary, next }
        | LoopKind::FunctionBoundaryMulti { boundary, next } => remove(graph, boundary, next),
        LoopKind::TableCheck { table, constraint } => remove(graph, constraint, table),
        LoopKind::TableCheckMulti { table, constraint } => {
            remove(graph, table, constraint);
            add(graph, constraint, table);
            add(graph, constraint, post);
        }
        LoopKind::TableAttrDef { table, attrdef } => remove(graph, attrdef, table),
        LoopKind::IndexLoop { index, parent } => remove(graph, index, parent),
        LoopKind::TableAttrDefMulti { table, attrdef } => {
            remove(graph, table, attrdef);
            add(graph, attrdef, table);
        }
        LoopKind::DomainConstraint { domain, constraint } => remove(graph, constraint, domain),
        LoopKind::DomainConstraintMulti { domain, constraint } => {
            remove(graph, domain, constraint);
            add(graph, constraint, domain);
            add(graph, constraint, post);
        }
        LoopKind::TableSelfLoop { table } => remove(graph, table, table),
        LoopKind::TableDataLoop { from, to } | LoopKind::Unresolved { from, to } => {
            remove(graph, from, to)
        }
    }
}

/// Read-only questions `repairDependencyLoop` asks about loop members.
struct LoopView<'a> {
    graph: &'a Graph,
    members: &'a [DumpId],
}

impl LoopView<'_> {
    fn is(&self, id: DumpId, t: ObjType) -> bool {
        self.graph.obj_type(id) == Some(t)
    }

    fn flags(&self, id: DumpId) -> Option<&NodeFlags> {
        self.graph.node(id).map(|n| &n.flags)
    }

    fn is_relkind(&self, id: DumpId, t: ObjType, relkinds: &[char]) -> bool {
        self.is(id, t)
            && self
                .flags(id)
                .and_then(|f| f.relkind)
                .is_some_and(|k| relkinds.contains(&k))
    }

    /// `rule` is the ON SELECT DO INSTEAD rule of `table`.
    fn is_select_rule_of(&self, rule: DumpId, table: DumpId) -> bool {
        self.is(rule, ObjType::Rule)
            && self
                .flags(rule)
                .is_some_and(|f| f.is_select_instead_rule && f.rule_table == Some(table))
    }

    /// `constraint` is a CHECK constraint (`Constraint`, contype 'c') of `table`.
    fn is_table_check(&self, constraint: DumpId, table: DumpId) -> bool {
        self.is(constraint, ObjType::Constraint)
            && self
                .flags(constraint)
                .is_some_and(|f| f.contype == Some('c') && f.constraint_table == Some(table))
    }

    /// `constraint` is a CHECK or NOT NULL constraint of the domain `domain`.
    fn is_domain_constraint(&self, constraint: DumpId, domain: DumpId) -> bool {
        self.is(constraint, ObjType::Constraint)
            && self.flags(constraint).is_some_and(|f| {
                matches!(f.contype, Some('c' | 'n')) && f.constraint_domain == Some(domain)
            })
    }

    fn is_attrdef_of(&self, attrdef: DumpId, table: DumpId) -> bool {
        self.is(attrdef, ObjType::AttrDef)
            && self
                .flags(attrdef)
                .is_some_and(|f| f.attrdef_table == Some(table))
    }

    /// `index.parentidx` is `parent`'s OID.
    fn is_attached_to(&self, index: DumpId, parent: DumpId) -> bool {
        match (self.flags(index), self.graph.node(parent)) {
            (Some(f), Some(p)) => f.parent_index_oid == Some(p.oid),
            _ => false,
        }
    }

    /// Position of the first member of type `t`.
    fn position_of_type(&self, t: ObjType) -> Option<usize> {
        self.members.iter().position(|&m| self.is(m, t))
    }

    /// The C double loop: the first member of type `owner_type` (in loop order) for which
    /// some member satisfies `belongs(member, owner)`, with the first such member.
    fn find_pair(
        &self,
        owner_type: ObjType,
        belongs: impl Fn(DumpId, DumpId) -> bool,
    ) -> Option<(DumpId, DumpId)> {
        self.members
            .iter()
            .filter(|&&o| self.is(o, owner_type))
            .find_map(|&o| {
                self.members
                    .iter()
                    .find(|&&m| belongs(m, o))
                    .map(|&m| (o, m))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Link, Node};
    use super::*;

    struct G {
        g: Graph,
        b: Boundaries,
    }

    impl G {
        fn new() -> G {
            let mut g = Graph::new();
            let pre = g.add_node(Node::new(ObjType::PreDataBoundary, None, "PRE", 0));
            let post = g.add_node(Node::new(ObjType::PostDataBoundary, None, "POST", 0));
            G {
                g,
                b: Boundaries {
                    pre_data: pre,
                    post_data: post,
                },
            }
        }

        fn add(&mut self, t: ObjType, name: &str, flags: NodeFlags) -> DumpId {
            let mut node = Node::new(t, Some("s"), name, 16_384 + self.g.nodes.len() as u32);
            node.flags = flags;
            self.g.add_node(node)
        }

        /// Adds the dependencies that make `members` a loop, in order.
        fn ring(&mut self, members: &[DumpId]) {
            for (i, &m) in members.iter().enumerate() {
                self.g.add_dependency(m, members[(i + 1) % members.len()]);
            }
        }

        fn deps(&self, id: DumpId) -> &[DumpId] {
            &self.g.nodes[id - 1].deps
        }

        fn repair(&mut self, members: &[DumpId]) -> LoopKind {
            repair_dependency_loop(&mut self.g, members, self.b)
        }
    }

    fn relkind(k: char) -> NodeFlags {
        NodeFlags {
            relkind: Some(k),
            ..NodeFlags::default()
        }
    }

    fn select_rule(table: DumpId) -> NodeFlags {
        NodeFlags {
            rule_table: Link::to(table),
            is_select_instead_rule: true,
            ..NodeFlags::default()
        }
    }

    fn check_on_table(table: DumpId, contype: char) -> NodeFlags {
        NodeFlags {
            contype: Some(contype),
            constraint_table: Link::to(table),
            ..NodeFlags::default()
        }
    }

    #[test]
    fn type_and_io_function_use_the_shell_type() {
        let mut g = G::new();
        let shell = g.add(ObjType::ShellType, "t", NodeFlags::default());
        let ty = g.add(
            ObjType::Type,
            "t",
            NodeFlags {
                shell_type: Link::to(shell),
                ..NodeFlags::default()
            },
        );
        let func = g.add(ObjType::Func, "t_in", NodeFlags::default());
        g.ring(&[func, ty]);
        assert_eq!(
            g.repair(&[func, ty]),
            LoopKind::TypeFunc {
                type_id: ty,
                func,
                shell_type: Some(shell)
            }
        );
        assert_eq!(g.deps(func), [shell]);
        assert_eq!(g.deps(ty), [func]);
    }

    #[test]
    fn view_and_select_rule_two_loop() {
        for kind in ['v', 'm'] {
            let mut g = G::new();
            let v = g.add(ObjType::Table, "v", relkind(kind));
            let r = g.add(ObjType::Rule, "_RETURN", select_rule(v));
            g.ring(&[r, v]);
            assert_eq!(g.repair(&[r, v]), LoopKind::ViewRule { view: v, rule: r });
            assert!(g.deps(r).is_empty());
            assert_eq!(g.deps(v), [r]);
        }
        // A rule that is not ON SELECT INSTEAD is not the view's definition.
        let mut g = G::new();
        let v = g.add(ObjType::Table, "v", relkind('v'));
        let mut flags = select_rule(v);
        flags.is_select_instead_rule = false;
        let r = g.add(ObjType::Rule, "r", flags);
        assert_eq!(
            classify_loop(&g.g, &[v, r]),
            LoopKind::Unresolved { from: v, to: r }
        );
    }

    #[test]
    fn view_rule_multi_loop_makes_rule_separate() {
        let mut g = G::new();
        let v = g.add(ObjType::Table, "v", relkind('v'));
        let r = g.add(ObjType::Rule, "_RETURN", select_rule(v));
        let f = g.add(ObjType::Func, "f", NodeFlags::default());
        g.ring(&[v, r, f]);
        let pre = g.b.pre_data;
        // Even with a function and the boundary in the loop, the view case is tested first.
        g.g.add_dependency(f, pre);
        assert_eq!(
            g.repair(&[v, r, f]),
            LoopKind::ViewRuleMulti { view: v, rule: r }
        );
        assert!(g.deps(v).is_empty());
        assert_eq!(g.deps(r), [f, v, g.b.post_data]);
        // A matview in a long loop is not handled by the rule split.
        let mut g = G::new();
        let mv = g.add(ObjType::Table, "mv", relkind('m'));
        let r = g.add(ObjType::Rule, "_RETURN", select_rule(mv));
        let f = g.add(ObjType::Func, "f", NodeFlags::default());
        assert_eq!(
            classify_loop(&g.g, &[mv, r, f]),
            LoopKind::Unresolved { from: mv, to: r }
        );
    }

    #[test]
    fn matview_and_boundary_loop_cuts_the_edge_after_the_boundary() {
        let mut g = G::new();
        let pre = g.b.pre_data;
        let mv = g.add(ObjType::Table, "mv", relkind('m'));
        let idx = g.add(ObjType::Index, "u", NodeFlags::default());
        // pre -> mv -> idx -> pre: the member after the boundary is mv.
        g.ring(&[pre, mv, idx]);
        assert_eq!(
            g.repair(&[pre, mv, idx]),
            LoopKind::MatViewBoundaryMulti {
                boundary: pre,
                next: mv
            }
        );
        assert!(g.deps(pre).is_empty());
        // Boundary last: "next" wraps around to the first member.
        assert_eq!(
            classify_loop(&g.g, &[mv, idx, pre]),
            LoopKind::MatViewBoundaryMulti {
                boundary: pre,
                next: mv
            }
        );
        // Matview statistics pair with the post-data boundary instead.
        let mut g = G::new();
        let post = g.b.post_data;
        let stats = g.add(ObjType::RelStats, "mv", relkind('m'));
        let idx = g.add(ObjType::Index, "u", NodeFlags::default());
        assert_eq!(
            classify_loop(&g.g, &[stats, post, idx]),
            LoopKind::MatViewBoundaryMulti {
                boundary: post,
                next: idx
            }
        );
    }

    #[test]
    fn function_and_boundary_loop() {
        let mut g = G::new();
        let pre = g.b.pre_data;
        let f = g.add(ObjType::Func, "f", NodeFlags::default());
        let idx = g.add(ObjType::Index, "u", NodeFlags::default());
        g.ring(&[f, pre, idx]);
        assert_eq!(
            g.repair(&[f, pre, idx]),
            LoopKind::FunctionBoundaryMulti {
                boundary: pre,
                next: idx
            }
        );
        assert!(g.deps(pre).is_empty());
    }

    #[test]
    fn table_and_check_constraint() {
        let mut g = G::new();
        let t = g.add(ObjType::Table, "t", relkind('r'));
        let c = g.add(ObjType::Constraint, "c", check_on_table(t, 'c'));
        g.ring(&[t, c]);
        assert_eq!(
            g.repair(&[c, t]),
            LoopKind::TableCheck {
                table: t,
                constraint: c
            }
        );
        assert!(g.deps(c).is_empty());

        let mut g = G::new();
        let t = g.add(ObjType::Table, "t", relkind('r'));
        let c = g.add(ObjType::Constraint, "c", check_on_table(t, 'c'));
        let f = g.add(ObjType::Func, "f", NodeFlags::default());
        g.ring(&[t, c, f]);
        assert_eq!(
            g.repair(&[t, c, f]),
            LoopKind::TableCheckMulti {
                table: t,
                constraint: c
            }
        );
        assert!(g.deps(t).is_empty());
        assert_eq!(g.deps(c), [f, t, g.b.post_data]);

        // Only CHECK constraints: a NOT NULL constraint on a table is not repaired this way.
        let mut g = G::new();
        let t = g.add(ObjType::Table, "t", relkind('r'));
        let n = g.add(ObjType::Constraint, "nn", check_on_table(t, 'n'));
        assert_eq!(
            classify_loop(&g.g, &[t, n]),
            LoopKind::Unresolved { from: t, to: n }
        );
    }

    #[test]
    fn table_and_default_in_either_order() {
        let mut g = G::new();
        let t = g.add(ObjType::Table, "t", relkind('r'));
        let d = g.add(
            ObjType::AttrDef,
            "t",
            NodeFlags {
                attrdef_table: Link::to(t),
                ..NodeFlags::default()
            },
        );
        assert_eq!(
            classify_loop(&g.g, &[d, t]),
            LoopKind::TableAttrDef {
                table: t,
                attrdef: d
            }
        );
        // A default of another table does not count.
        let other = g.add(ObjType::Table, "u", relkind('r'));
        assert_eq!(
            classify_loop(&g.g, &[other, d]),
            LoopKind::Unresolved { from: other, to: d }
        );
    }

    #[test]
    fn partition_index_loop() {
        let mut g = G::new();
        let parent = g.add(ObjType::Index, "p_idx", NodeFlags::default());
        let parent_oid = g.g.nodes[parent - 1].oid;
        let child = g.add(
            ObjType::Index,
            "c_idx",
            NodeFlags {
                parent_index_oid: Some(parent_oid),
                ..NodeFlags::default()
            },
        );
        g.ring(&[parent, child]);
        for members in [[parent, child], [child, parent]] {
            assert_eq!(
                classify_loop(&g.g, &members),
                LoopKind::IndexLoop {
                    index: child,
                    parent
                }
            );
        }
        g.repair(&[parent, child]);
        assert!(g.deps(child).is_empty());
        assert_eq!(g.deps(parent), [child]);
    }

    #[test]
    fn domain_and_constraint() {
        let mut g = G::new();
        let d = g.add(ObjType::Type, "d", NodeFlags::default());
        let on_domain = |contype| NodeFlags {
            contype: Some(contype),
            constraint_domain: Link::to(d),
            ..NodeFlags::default()
        };
        let c = g.add(ObjType::Constraint, "d_check", on_domain('c'));
        let n = g.add(ObjType::Constraint, "d_not_null", on_domain('n'));
        assert_eq!(
            classify_loop(&g.g, &[c, d]),
            LoopKind::DomainConstraint {
                domain: d,
                constraint: c
            }
        );
        let f = g.add(ObjType::Func, "f", NodeFlags::default());
        g.ring(&[d, n, f]);
        assert_eq!(
            g.repair(&[d, n, f]),
            LoopKind::DomainConstraintMulti {
                domain: d,
                constraint: n
            }
        );
        assert!(g.deps(d).is_empty());
        assert_eq!(g.deps(n), [f, d, g.b.post_data]);
    }

    #[test]
    fn self_loops_table_data_and_the_rest() {
        let mut g = G::new();
        let t = g.add(ObjType::Table, "t", relkind('r'));
        assert_eq!(
            classify_loop(&g.g, &[t]),
            LoopKind::TableSelfLoop { table: t }
        );
        let f = g.add(ObjType::Func, "f", NodeFlags::default());
        assert_eq!(
            classify_loop(&g.g, &[f]),
            LoopKind::Unresolved { from: f, to: f }
        );
        let d1 = g.add(ObjType::TableData, "a", NodeFlags::default());
        let d2 = g.add(ObjType::TableData, "b", NodeFlags::default());
        g.ring(&[d1, d2]);
        let kind = g.repair(&[d1, d2]);
        assert_eq!(kind, LoopKind::TableDataLoop { from: d1, to: d2 });
        assert!(kind.is_warning());
        assert!(g.deps(d1).is_empty());
        assert_eq!(g.deps(d2), [d1]);
        assert!(!LoopKind::TableSelfLoop { table: t }.is_warning());
    }
}
