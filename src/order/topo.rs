//! The dependency sort (pg_dump_sort.c `sortDumpableObjects`, `TopoSort`,
//! `findDependencyLoops`, `findLoop`). It keeps the type/name order wherever the dependencies
//! allow and pulls forward only what must come earlier; when the dependencies contain loops it
//! finds them, hands each to the caller's repair and tries again.

use std::collections::BinaryHeap;

use rustc_hash::{FxHashSet as HashSet, FxHasher};
use std::hash::{Hash, Hasher};

use super::{DumpId, Graph, ObjType, OrderError};

/// Dump ids of the two section-boundary objects, handed to loop repairs that need them (pg_dump
/// keeps them in the statics `preDataBoundId` / `postDataBoundId`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boundaries {
    pub pre_data: DumpId,
    pub post_data: DumpId,
}

/// pg_dump_sort.c `sortDumpableObjects`: orders `initial` (normally the output of
/// [`sort_by_type_name`](super::sort_by_type_name), and every object of the graph) so that each
/// object comes after everything it depends on.
///
/// While the sort fails, the objects it could not place are searched for loops in dump-id
/// order; `repair` is called once per loop found, with the members in the order the search met
/// them (the start object first, and the last member depends on the first), and may edit the
/// graph. Loops sharing a member with a loop already repaired in the same round are left for
/// the next round. Each retry sorts the original `initial` list again.
///
/// Nodes that `repair` adds are not sorted (pg_dump never creates objects while sorting);
/// a dependency on one is reported as [`OrderError::DependencyOutsideInput`]. If the repairs
/// bring the dependencies back to a state already tried (pg_dump would loop forever; this
/// assumes `repair` acts only on the graph and the loop it is given), the result is
/// [`OrderError::RepairsDoNotConverge`].
pub fn sort_dumpable_objects(
    graph: &mut Graph,
    initial: &[DumpId],
    pre_boundary: DumpId,
    post_boundary: DumpId,
    repair: &mut dyn FnMut(&mut Graph, &[DumpId], Boundaries),
) -> Result<Vec<DumpId>, OrderError> {
    check_boundary(graph, pre_boundary, ObjType::PreDataBoundary)?;
    check_boundary(graph, post_boundary, ObjType::PostDataBoundary)?;
    let boundaries = Boundaries {
        pre_data: pre_boundary,
        post_data: post_boundary,
    };
    // A hash of the graph at the start of each round that needed repairs (repeats dropped), to
    // stop where pg_dump would spin. (A hash collision would stop a dump that converges, with an
    // error, never change an order: auto mode then hands it to pg_dump.)
    let mut seen_states: HashSet<u64> = HashSet::default();
    loop {
        match topo_sort(graph, initial)? {
            TopoResult::Sorted(order) => return Ok(order),
            TopoResult::Stuck(stuck) => {
                // Only rounds that need repairs can repeat; a dump without dependency loops
                // never copies its graph.
                if !seen_states.insert(dependencies_hash(graph)) {
                    return Err(OrderError::RepairsDoNotConverge);
                }
                find_dependency_loops(graph, &stuck, boundaries, repair)?
            }
        }
    }
}

/// A hash of every node's dependencies with repeats dropped (first occurrences, in order).
///
/// Repeats change neither what `TopoSort` can place nor the path `findLoop` takes, and
/// pg_dump's repairs only remove entries or add entries from a fixed set, so if this state
/// comes back, sorting and repairing would cycle forever (pg_dump itself hangs there).
fn dependencies_hash(graph: &Graph) -> u64 {
    let mut hasher = FxHasher::default();
    // last_seen[id] == owner + 1 once `id` appeared among `owner`'s dependencies.
    let mut last_seen = vec![0usize; graph.max_dump_id() + 1];
    for (i, node) in graph.nodes.iter().enumerate() {
        for &on in &node.deps {
            match last_seen.get_mut(on) {
                Some(mark) if *mark == i + 1 => continue,
                Some(mark) => *mark = i + 1,
                None => {}
            }
            on.hash(&mut hasher);
        }
        // The end of this node's list.
        usize::MAX.hash(&mut hasher);
    }
    hasher.finish()
}

fn check_boundary(graph: &Graph, id: DumpId, expected: ObjType) -> Result<(), OrderError> {
    match graph.obj_type(id) {
        None => Err(OrderError::InvalidDumpId(id)),
        Some(t) if t == expected => Ok(()),
        Some(_) => Err(OrderError::NotABoundary { id, expected }),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum TopoResult {
    /// Every object placed.
    Sorted(Vec<DumpId>),
    /// The objects that could not be placed, in dump-id order: loop members and whatever they
    /// (transitively) depend on.
    Stuck(Vec<DumpId>),
}

/// pg_dump_sort.c `TopoSort`. Knuth's algorithm run backwards: count for each object how many
/// others depend on it; the ready set holds objects nobody still waiting depends on, keyed by
/// their position in `objs`; repeatedly take the *latest* such position and place it at the
/// *end* of the output, then release what it depends on. The effect is that objects stay as
/// late as their type/name position allows and dependencies are hoisted just in front of
/// their first user.
fn topo_sort(graph: &Graph, objs: &[DumpId]) -> Result<TopoResult, OrderError> {
    const ABSENT: u32 = u32::MAX;
    let max_id = graph.max_dump_id();
    let too_many = || OrderError::TooManyObjects(max_id);
    let small = |id: usize| u32::try_from(id).map_err(|_| too_many());
    // position[id]: index of `id` in `objs`.
    let mut position = vec![ABSENT; max_id + 1];
    for (i, &id) in objs.iter().enumerate() {
        if graph.node(id).is_none() {
            return Err(OrderError::InvalidDumpId(id));
        }
        if position[id] != ABSENT {
            return Err(OrderError::DuplicateInInput(id));
        }
        position[id] = small(i)?;
    }
    // Each object's dependencies as positions in `objs`, in one array (`deps[starts[i]..
    // starts[i + 1]]` for objs[i]): read twice below, and far quicker to walk than every
    // node's own vector.
    let mut starts: Vec<u32> = Vec::with_capacity(objs.len() + 1);
    let mut deps: Vec<u32> = Vec::new();
    // before_constraints[i]: how many dependency entries (of objects in `objs`) name objs[i].
    let mut before_constraints = vec![0u32; objs.len()];
    for &id in objs {
        starts.push(small(deps.len())?);
        for &on in &graph.nodes[id - 1].deps {
            if on == 0 || on > max_id {
                return Err(OrderError::InvalidDependency { object: id, on });
            }
            let at = position[on];
            if at == ABSENT {
                return Err(OrderError::DependencyOutsideInput { object: id, on });
            }
            before_constraints[at as usize] += 1;
            deps.push(at);
        }
    }
    starts.push(small(deps.len())?);

    // A max-heap of positions in `objs`; the heap's internal layout does not matter, only
    // that the largest position comes out first.
    let mut ready: BinaryHeap<u32> = (0..objs.len())
        .filter(|&i| before_constraints[i] == 0)
        .map(|i| i as u32)
        .collect();
    let mut ordering = vec![0; objs.len()];
    let mut remaining = objs.len();
    while let Some(j) = ready.pop() {
        let j = j as usize;
        remaining -= 1;
        ordering[remaining] = objs[j];
        for &at in &deps[starts[j] as usize..starts[j + 1] as usize] {
            let count = &mut before_constraints[at as usize];
            *count -= 1;
            if *count == 0 {
                ready.push(at);
            }
        }
    }
    if remaining == 0 {
        Ok(TopoResult::Sorted(ordering))
    } else {
        let mut stuck: Vec<DumpId> = (0..objs.len())
            .filter(|&i| before_constraints[i] != 0)
            .map(|i| objs[i])
            .collect();
        stuck.sort_unstable();
        Ok(TopoResult::Stuck(stuck))
    }
}

/// pg_dump_sort.c `findDependencyLoops`: looks for a loop starting at each stuck object in
/// turn, repairs each one found and marks its members processed so that overlapping loops
/// wait for the next round.
fn find_dependency_loops(
    graph: &mut Graph,
    stuck: &[DumpId],
    boundaries: Boundaries,
    repair: &mut dyn FnMut(&mut Graph, &[DumpId], Boundaries),
) -> Result<(), OrderError> {
    let mut search = LoopSearch::new(graph.max_dump_id());
    let mut fixed_loop = false;
    for &start in stuck {
        // A repair may have added nodes; keep the per-id arrays large enough.
        search.grow(graph.max_dump_id());
        match search.find_loop(graph, start) {
            Some(members) => {
                repair(graph, &members, boundaries);
                for &m in &members {
                    search.processed[m] = true;
                }
                fixed_loop = true;
            }
            // No loop through this object: marking it spares later searches the detour.
            None => search.processed[start] = true,
        }
    }
    if fixed_loop {
        Ok(())
    } else {
        Err(OrderError::NoLoopFound)
    }
}

/// The per-round state of `findDependencyLoops`, indexed by dump id.
struct LoopSearch {
    /// Members of loops already found this round, and start points that led nowhere.
    processed: Vec<bool>,
    /// `search_failed[id] == start` once it is known that no path leads from `id` back to
    /// `start`; using the start id as the marker avoids clearing the array per start.
    search_failed: Vec<DumpId>,
    /// Objects on the current search path (the C code scans its workspace array instead).
    on_path: Vec<bool>,
}

impl LoopSearch {
    fn new(max_id: DumpId) -> LoopSearch {
        LoopSearch {
            processed: vec![false; max_id + 1],
            search_failed: vec![0; max_id + 1],
            on_path: vec![false; max_id + 1],
        }
    }

    fn grow(&mut self, max_id: DumpId) {
        if self.processed.len() <= max_id {
            self.processed.resize(max_id + 1, false);
            self.search_failed.resize(max_id + 1, 0);
            self.on_path.resize(max_id + 1, false);
        }
    }

    /// An object the search may not enter: already processed, known not to lead back to
    /// `start`, or already on the path.
    fn rejects(&self, id: DumpId, start: DumpId) -> bool {
        self.processed[id] || self.search_failed[id] == start || self.on_path[id]
    }

    /// pg_dump_sort.c `findLoop`, without recursion: a depth-first search from `start` along
    /// dependencies in their stored order. At each object it first checks whether any of its
    /// dependencies is `start` (closing the loop), and only then descends into them one by
    /// one. Returns the path, start first, when a loop is found.
    fn find_loop(&mut self, graph: &Graph, start: DumpId) -> Option<Vec<DumpId>> {
        if graph.node(start).is_none() || self.rejects(start, start) {
            return None;
        }
        // path[k] is on the path; next_dep[k] is the next dependency of path[k] to try.
        let mut path: Vec<DumpId> = Vec::new();
        let mut next_dep: Vec<usize> = Vec::new();
        let mut candidate = Some(start);
        loop {
            if let Some(id) = candidate.take() {
                path.push(id);
                next_dep.push(0);
                self.on_path[id] = true;
                if graph.nodes[id - 1].deps.contains(&start) {
                    for &m in &path {
                        self.on_path[m] = false;
                    }
                    return Some(path);
                }
            }
            let (Some(&top), Some(cursor)) = (path.last(), next_dep.last_mut()) else {
                return None;
            };
            let deps = &graph.nodes[top - 1].deps;
            if let Some(&next) = deps.get(*cursor) {
                *cursor += 1;
                // Dependencies on ids with no object are skipped, as findObjectByDumpId
                // returning NULL is.
                if next >= 1
                    && next <= graph.max_dump_id()
                    && next < self.on_path.len()
                    && !self.rejects(next, start)
                {
                    candidate = Some(next);
                }
            } else {
                // Every branch from `top` failed: remember it for this start point.
                self.search_failed[top] = start;
                self.on_path[top] = false;
                path.pop();
                next_dep.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{
        Link, LoopKind, Node, SortExtra, classify_loop, repair_dependency_loop, sort_by_type_name,
    };
    use super::*;

    /// A graph whose last two nodes are the boundaries, as createBoundaryObjects makes them.
    struct Fixture {
        graph: Graph,
    }

    impl Fixture {
        fn new() -> Fixture {
            Fixture {
                graph: Graph::new(),
            }
        }

        fn add(&mut self, t: ObjType, ns: Option<&str>, name: &str, oid: u32) -> DumpId {
            self.graph.add_node(Node::new(t, ns, name, oid))
        }

        fn boundaries(&mut self) -> (DumpId, DumpId) {
            let pre = self.add(ObjType::PreDataBoundary, None, "PRE-DATA BOUNDARY", 0);
            let post = self.add(ObjType::PostDataBoundary, None, "POST-DATA BOUNDARY", 0);
            (pre, post)
        }

        fn names(&self, order: &[DumpId]) -> Vec<String> {
            order
                .iter()
                .map(|&id| self.graph.nodes[id - 1].name.clone())
                .collect()
        }

        /// Sorts with a repair that panics: for graphs without loops.
        fn sort_acyclic(&mut self, pre: DumpId, post: DumpId) -> Vec<String> {
            let initial = sort_by_type_name(&self.graph);
            let order = sort_dumpable_objects(
                &mut self.graph,
                &initial,
                pre,
                post,
                &mut |_, members, _| panic!("unexpected loop {members:?}"),
            )
            .expect("acyclic graph sorts");
            self.names(&order)
        }

        /// Sorts with pg_dump's standard repair, recording each loop's members and kind.
        fn sort_repairing_ids(
            &mut self,
            pre: DumpId,
            post: DumpId,
        ) -> (Vec<DumpId>, Vec<(Vec<DumpId>, LoopKind)>) {
            let initial = sort_by_type_name(&self.graph);
            let mut seen = Vec::new();
            let order = sort_dumpable_objects(
                &mut self.graph,
                &initial,
                pre,
                post,
                &mut |g, members, b| {
                    let kind = repair_dependency_loop(g, members, b);
                    seen.push((members.to_vec(), kind));
                },
            )
            .expect("loops are repairable");
            (order, seen)
        }

        fn sort_repairing(
            &mut self,
            pre: DumpId,
            post: DumpId,
        ) -> (Vec<String>, Vec<(Vec<DumpId>, LoopKind)>) {
            let (order, seen) = self.sort_repairing_ids(pre, post);
            (self.names(&order), seen)
        }
    }

    #[test]
    fn no_dependencies_keep_type_name_order() {
        let mut f = Fixture::new();
        f.add(ObjType::Table, Some("s"), "b", 3);
        f.add(ObjType::Namespace, None, "s", 1);
        f.add(ObjType::Table, Some("s"), "a", 2);
        let (pre, post) = f.boundaries();
        assert_eq!(
            f.sort_acyclic(pre, post),
            ["s", "a", "b", "PRE-DATA BOUNDARY", "POST-DATA BOUNDARY"]
        );
    }

    #[test]
    fn dependency_is_pulled_forward() {
        // CREATE TABLE child () INHERITS (orders): "child" sorts first by name but depends on
        // "orders", so "orders" is hoisted in front of it.
        let mut f = Fixture::new();
        let ns = f.add(ObjType::Namespace, None, "app", 1);
        let orders = f.add(ObjType::Table, Some("app"), "orders", 10);
        let child = f.add(ObjType::Table, Some("app"), "child", 11);
        let (pre, post) = f.boundaries();
        f.graph.add_dependency(orders, ns);
        f.graph.add_dependency(child, ns);
        f.graph.add_dependency(child, orders);
        assert_eq!(
            f.sort_acyclic(pre, post),
            [
                "app",
                "orders",
                "child",
                "PRE-DATA BOUNDARY",
                "POST-DATA BOUNDARY"
            ]
        );
    }

    #[test]
    fn backward_fill_differs_from_forward_kahn() {
        // Type/name order: alpha, mid, zeta; alpha depends on zeta, mid is free.
        // A forward Kahn sort taking the earliest ready object first emits
        //   mid, zeta, alpha   (mid and zeta are ready at once; mid is earlier)
        // pg_dump instead fills from the end, taking the *latest* object nobody waits for:
        // mid goes last, then alpha, which releases zeta just in front of it:
        //   zeta, alpha, mid
        // so only zeta moves, and it moves to just before its user.
        let mut f = Fixture::new();
        let alpha = f.add(ObjType::Table, Some("s"), "alpha", 1);
        f.add(ObjType::Table, Some("s"), "mid", 2);
        let zeta = f.add(ObjType::Table, Some("s"), "zeta", 3);
        let (pre, post) = f.boundaries();
        f.graph.add_dependency(alpha, zeta);
        let order = f.sort_acyclic(pre, post);
        assert_eq!(&order[..3], ["zeta", "alpha", "mid"]);
    }

    #[test]
    fn duplicate_dependency_entries_are_counted_each_time() {
        let mut f = Fixture::new();
        let a = f.add(ObjType::Table, Some("s"), "a", 1);
        let b = f.add(ObjType::Table, Some("s"), "b", 2);
        let c = f.add(ObjType::Table, Some("s"), "c", 3);
        let (pre, post) = f.boundaries();
        f.graph.add_dependency(a, c);
        f.graph.add_dependency(a, c);
        f.graph.add_dependency(b, c);
        assert_eq!(&f.sort_acyclic(pre, post)[..3], ["c", "a", "b"]);
        // Removing one copy's worth would leave the other; remove_dependency drops both.
        f.graph.remove_dependency(a, c);
        assert_eq!(f.graph.nodes[a - 1].deps, Vec::<DumpId>::new());
        assert_eq!(&f.sort_acyclic(pre, post)[..3], ["a", "c", "b"]);
    }

    /// CREATE TABLE s.t (id serial, note text DEFAULT 'x'), as pg_dump sees it: the sequence
    /// was created first (lower OID, lower dump id), the defaults come from getTableAttrs.
    struct Serial {
        f: Fixture,
        seq: DumpId,
        table: DumpId,
        id_default: DumpId,
        note_default: DumpId,
        pre: DumpId,
        post: DumpId,
    }

    fn serial_fixture(table_first: bool) -> Serial {
        let mut f = Fixture::new();
        let ns = f.add(ObjType::Namespace, None, "s", 2200);
        let (seq, table) = if table_first {
            let t = f.add(ObjType::Table, Some("s"), "t", 16_386);
            (f.add(ObjType::Table, Some("s"), "t_id_seq", 16_385), t)
        } else {
            let s = f.add(ObjType::Table, Some("s"), "t_id_seq", 16_385);
            (s, f.add(ObjType::Table, Some("s"), "t", 16_386))
        };
        f.graph.nodes[seq - 1].flags.relkind = Some('S');
        f.graph.nodes[table - 1].flags.relkind = Some('r');
        let attrdef = |f: &mut Fixture, adnum, oid| {
            let id = f.add(ObjType::AttrDef, Some("s"), "t", oid);
            f.graph.nodes[id - 1].extra = SortExtra::AttrDef { adnum };
            f.graph.nodes[id - 1].flags.attrdef_table = Link::to(table);
            id
        };
        let id_default = attrdef(&mut f, 1, 16_390);
        let note_default = attrdef(&mut f, 2, 16_391);
        let (pre, post) = f.boundaries();
        let g = &mut f.graph;
        g.add_dependency(seq, ns);
        g.add_dependency(table, ns);
        // pg_depend: sequence OWNED BY the column ('a'); each default belongs to its column
        // ('a'); the serial default calls nextval on the sequence ('n').
        g.add_dependency(seq, table);
        g.add_dependency(id_default, table);
        g.add_dependency(id_default, seq);
        g.add_dependency(note_default, table);
        // getTableAttrs: the table waits for its (inline) defaults.
        g.add_dependency(table, id_default);
        g.add_dependency(table, note_default);
        // addBoundaryDependencies.
        for id in [ns, seq, table, id_default, note_default] {
            g.add_dependency(pre, id);
        }
        g.add_dependency(post, pre);
        Serial {
            f,
            seq,
            table,
            id_default,
            note_default,
            pre,
            post,
        }
    }

    #[test]
    fn serial_column_three_loop_makes_default_separate() {
        let mut s = serial_fixture(false);
        let (order_ids, loops) = s.f.sort_repairing_ids(s.pre, s.post);
        // Round 1, stuck objects in dump-id order: s (no loop), t_id_seq: the search goes
        // t_id_seq -> t -> default(id), whose dependencies include t_id_seq: a 3-loop. The
        // next stuck object, t, is now processed; default(note) has the 2-loop with t, but t
        // is taken, so it waits.
        // Round 2: t <-> default(note) is the only loop left.
        assert_eq!(
            loops,
            vec![
                (
                    vec![s.seq, s.table, s.id_default],
                    LoopKind::TableAttrDefMulti {
                        table: s.table,
                        attrdef: s.id_default
                    }
                ),
                (
                    vec![s.table, s.note_default],
                    LoopKind::TableAttrDef {
                        table: s.table,
                        attrdef: s.note_default
                    }
                ),
            ]
        );
        // The serial default is separate and comes after both table and sequence; the inline
        // default only has to precede its table (it is printed inside CREATE TABLE).
        assert_eq!(
            order_ids,
            [
                1,
                s.note_default,
                s.table,
                s.seq,
                s.id_default,
                s.pre,
                s.post
            ]
        );
        let g = &s.f.graph;
        assert_eq!(g.nodes[s.table - 1].deps, vec![1, s.note_default]);
        // The multi-loop repair appends default -> t although the original entry is still
        // there (addObjectDependency does not deduplicate).
        assert_eq!(
            g.nodes[s.id_default - 1].deps,
            vec![s.table, s.seq, s.table]
        );
        assert!(g.nodes[s.note_default - 1].deps.is_empty());
    }

    #[test]
    fn serial_loop_found_as_two_loop_first_when_table_has_lower_id() {
        // With the table first in dump-id order, the search from t meets default(id) -> t
        // before the longer path, so findLoop reports the 2-loop first. Its repair removes
        // default(id) -> t, which leaves t -> default(id) -> t_id_seq -> t for round 2, where
        // the multi-loop repair puts default(id) -> t back. default(note) is blocked in both
        // rounds because t is already processed, and is repaired in round 3.
        let mut s = serial_fixture(true);
        let (order_ids, loops) = s.f.sort_repairing_ids(s.pre, s.post);
        assert_eq!(
            loops,
            vec![
                (
                    vec![s.table, s.id_default],
                    LoopKind::TableAttrDef {
                        table: s.table,
                        attrdef: s.id_default
                    }
                ),
                (
                    vec![s.table, s.id_default, s.seq],
                    LoopKind::TableAttrDefMulti {
                        table: s.table,
                        attrdef: s.id_default
                    }
                ),
                (
                    vec![s.table, s.note_default],
                    LoopKind::TableAttrDef {
                        table: s.table,
                        attrdef: s.note_default
                    }
                ),
            ]
        );
        assert_eq!(
            order_ids,
            [
                1,
                s.note_default,
                s.table,
                s.seq,
                s.id_default,
                s.pre,
                s.post
            ]
        );
        assert_eq!(s.f.graph.nodes[s.id_default - 1].deps, vec![s.seq, s.table]);
    }

    #[test]
    fn table_attrdef_two_loop_keeps_default_inline() {
        let mut f = Fixture::new();
        let table = f.add(ObjType::Table, Some("s"), "t", 10);
        let attrdef = f.add(ObjType::AttrDef, Some("s"), "t", 11);
        f.graph.nodes[attrdef - 1].flags.attrdef_table = Link::to(table);
        let (pre, post) = f.boundaries();
        f.graph.add_dependency(attrdef, table);
        f.graph.add_dependency(table, attrdef);
        let (order, loops) = f.sort_repairing(pre, post);
        assert_eq!(
            loops,
            vec![(
                vec![table, attrdef],
                LoopKind::TableAttrDef { table, attrdef }
            )]
        );
        assert_eq!(f.graph.nodes[attrdef - 1].deps, Vec::<DumpId>::new());
        // Not separate, so never printed: it only has to precede its table.
        assert_eq!(&order[..2], ["t", "t"]);
        assert_eq!(f.graph.nodes[table - 1].deps, vec![attrdef]);
    }

    #[test]
    fn loops_are_searched_in_dump_id_order_not_sort_order() {
        // Two independent 2-loops. By type/name, "a" sorts before "z", but the "z" loop has
        // lower dump ids, so it is found (and handed to the callback) first.
        let mut f = Fixture::new();
        let z_table = f.add(ObjType::Table, Some("s"), "z", 1);
        let z_def = f.add(ObjType::AttrDef, Some("s"), "z", 2);
        let a_table = f.add(ObjType::Table, Some("s"), "a", 3);
        let a_def = f.add(ObjType::AttrDef, Some("s"), "a", 4);
        f.graph.nodes[z_def - 1].flags.attrdef_table = Link::to(z_table);
        f.graph.nodes[a_def - 1].flags.attrdef_table = Link::to(a_table);
        let (pre, post) = f.boundaries();
        for (t, d) in [(z_table, z_def), (a_table, a_def)] {
            f.graph.add_dependency(t, d);
            f.graph.add_dependency(d, t);
        }
        let (_, loops) = f.sort_repairing(pre, post);
        let members: Vec<Vec<DumpId>> = loops.into_iter().map(|(m, _)| m).collect();
        assert_eq!(members, vec![vec![z_table, z_def], vec![a_table, a_def]]);
    }

    #[test]
    fn overlapping_loops_wait_for_the_next_round() {
        // a <-> b and b <-> c share b: the first round repairs only a <-> b.
        let mut f = Fixture::new();
        let a = f.add(ObjType::Table, Some("s"), "a", 1);
        let b = f.add(ObjType::Table, Some("s"), "b", 2);
        let c = f.add(ObjType::Table, Some("s"), "c", 3);
        let (pre, post) = f.boundaries();
        for (x, y) in [(a, b), (b, a), (b, c), (c, b)] {
            f.graph.add_dependency(x, y);
        }
        let initial = sort_by_type_name(&f.graph);
        let mut rounds: Vec<Vec<DumpId>> = Vec::new();
        let order = sort_dumpable_objects(&mut f.graph, &initial, pre, post, &mut |g, m, _| {
            assert_eq!(
                classify_loop(g, m),
                LoopKind::Unresolved {
                    from: m[0],
                    to: m[1]
                }
            );
            rounds.push(m.to_vec());
            g.remove_dependency(m[0], m[1]);
        })
        .expect("sorts");
        assert_eq!(rounds, vec![vec![a, b], vec![b, c]]);
        // What is left: b after a, c after b.
        assert_eq!(&f.names(&order)[..3], ["a", "b", "c"]);
    }

    #[test]
    fn search_failed_memo_does_not_hide_a_later_loop() {
        // 4 <-> 5 is the loop and 5 depends on 1, so 1, 2 and 3 are stuck too. The search
        // from 1 reaches 3 by two paths (1 -> 2 -> 3 and 1 -> 3); the memo stops the second
        // visit, and no loop is reported until the search from 4.
        let mut f = Fixture::new();
        let ids: Vec<DumpId> = (1..=5)
            .map(|i| f.add(ObjType::Func, Some("s"), &format!("f{i}"), i))
            .collect();
        let (pre, post) = f.boundaries();
        for (x, y) in [(1, 2), (2, 3), (1, 3), (4, 5), (5, 4), (5, 1)] {
            f.graph.add_dependency(ids[x - 1], ids[y - 1]);
        }
        let (_, loops) = f.sort_repairing(pre, post);
        assert_eq!(loops.len(), 1);
        assert_eq!(loops[0].0, vec![4, 5]);
    }

    #[test]
    fn self_loop_on_table_is_dropped() {
        let mut f = Fixture::new();
        let t = f.add(ObjType::Table, Some("s"), "t", 1);
        let (pre, post) = f.boundaries();
        f.graph.add_dependency(t, t);
        let (_, loops) = f.sort_repairing(pre, post);
        assert_eq!(loops, vec![(vec![t], LoopKind::TableSelfLoop { table: t })]);
        assert!(f.graph.nodes[t - 1].deps.is_empty());
    }

    #[test]
    fn errors_instead_of_guessing() {
        let mut f = Fixture::new();
        let a = f.add(ObjType::Table, Some("s"), "a", 1);
        let b = f.add(ObjType::Table, Some("s"), "b", 2);
        let (pre, post) = f.boundaries();
        let mut noop = |_: &mut Graph, _: &[DumpId], _: Boundaries| {};

        f.graph.add_dependency(a, 99);
        let initial = sort_by_type_name(&f.graph);
        assert_eq!(
            sort_dumpable_objects(&mut f.graph, &initial, pre, post, &mut noop),
            Err(OrderError::InvalidDependency { object: a, on: 99 })
        );
        f.graph.remove_dependency(a, 99);

        f.graph.add_dependency(a, b);
        assert_eq!(
            sort_dumpable_objects(&mut f.graph, &[a, pre, post], pre, post, &mut noop),
            Err(OrderError::DependencyOutsideInput { object: a, on: b })
        );
        assert_eq!(
            sort_dumpable_objects(&mut f.graph, &[a, a], pre, post, &mut noop),
            Err(OrderError::DuplicateInInput(a))
        );
        assert_eq!(
            sort_dumpable_objects(&mut f.graph, &initial, post, pre, &mut noop),
            Err(OrderError::NotABoundary {
                id: post,
                expected: ObjType::PreDataBoundary
            })
        );

        f.graph.add_dependency(b, a);
        assert_eq!(
            sort_dumpable_objects(&mut f.graph, &initial, pre, post, &mut noop),
            Err(OrderError::RepairsDoNotConverge)
        );
    }

    #[test]
    fn stuck_set_lists_loop_members_and_what_they_need() {
        let mut g = Graph::new();
        let ns = g.add_node(Node::new(ObjType::Namespace, None, "s", 1));
        let a = g.add_node(Node::new(ObjType::Table, Some("s"), "a", 2));
        let b = g.add_node(Node::new(ObjType::Table, Some("s"), "b", 3));
        let free = g.add_node(Node::new(ObjType::Table, Some("s"), "c", 4));
        g.add_dependency(a, ns);
        g.add_dependency(a, b);
        g.add_dependency(b, a);
        g.add_dependency(free, ns);
        let initial = sort_by_type_name(&g);
        assert_eq!(
            topo_sort(&g, &initial),
            Ok(TopoResult::Stuck(vec![ns, a, b]))
        );
    }
}
