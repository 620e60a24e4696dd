//! Section boundaries (pg_dump.c `addBoundaryDependencies`): every pre-data object must come
//! before the pre-data boundary, data objects between the two boundaries, and post-data objects
//! after the post-data boundary. With these edges the dependency sort keeps the three sections
//! apart, whatever the type priorities say.

use super::{Boundaries, DumpId, Graph, ObjType};

/// pg_dump.c `addBoundaryDependencies`, over every node in dump-id order. Call it once, after
/// all other dependencies are in place and before sorting; the boundary nodes must already
/// exist (pg_dump creates them last, in `createBoundaryObjects`).
///
/// Rules and table/FK constraints go to post-data only when [`separate`](super::NodeFlags);
/// relation statistics go to the data section when
/// [`stats_in_data_section`](super::NodeFlags), else to post-data.
pub fn add_boundary_dependencies(graph: &mut Graph, boundaries: Boundaries) {
    let Boundaries {
        pre_data: pre,
        post_data: post,
    } = boundaries;
    let mut edges: Vec<(DumpId, DumpId)> = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        let id = i + 1;
        match node.obj_type {
            ObjType::Namespace
            | ObjType::Extension
            | ObjType::Type
            | ObjType::ShellType
            | ObjType::Func
            | ObjType::Agg
            | ObjType::Operator
            | ObjType::AccessMethod
            | ObjType::OpClass
            | ObjType::OpFamily
            | ObjType::Collation
            | ObjType::Conversion
            | ObjType::Table
            | ObjType::TableAttach
            | ObjType::AttrDef
            | ObjType::ProcLang
            | ObjType::Cast
            | ObjType::DummyType
            | ObjType::TsParser
            | ObjType::TsDict
            | ObjType::TsTemplate
            | ObjType::TsConfig
            | ObjType::Fdw
            | ObjType::ForeignServer
            | ObjType::Transform => edges.push((pre, id)),
            ObjType::TableData
            | ObjType::SequenceSet
            | ObjType::LargeObject
            | ObjType::LargeObjectData => {
                edges.push((id, pre));
                edges.push((post, id));
            }
            ObjType::Index
            | ObjType::IndexAttach
            | ObjType::StatsExt
            | ObjType::RefreshMatview
            | ObjType::Trigger
            | ObjType::EventTrigger
            | ObjType::DefaultAcl
            | ObjType::Policy
            | ObjType::Publication
            | ObjType::PublicationRel
            | ObjType::PublicationTableInSchema
            | ObjType::Subscription
            | ObjType::SubscriptionRel => edges.push((id, post)),
            ObjType::Rule | ObjType::Constraint | ObjType::FkConstraint => {
                if node.flags.separate {
                    edges.push((id, post));
                }
            }
            ObjType::PreDataBoundary => {}
            ObjType::PostDataBoundary => edges.push((id, pre)),
            ObjType::RelStats => {
                if node.flags.stats_in_data_section {
                    edges.push((id, pre));
                    edges.push((post, id));
                } else {
                    edges.push((id, post));
                }
            }
        }
    }
    for (obj, on) in edges {
        graph.add_dependency(obj, on);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Node, sort_by_type_name, sort_dumpable_objects};
    use super::*;

    #[test]
    fn sections_hold_against_type_priority_and_dependencies() {
        let mut g = Graph::new();
        let t = g.add_node(Node::new(ObjType::Table, Some("s"), "t", 1));
        let idx = g.add_node(Node::new(ObjType::Index, Some("s"), "a_idx", 2));
        let mut pk = Node::new(ObjType::Constraint, Some("s"), "t_pkey", 3);
        pk.flags.separate = true;
        let pk = g.add_node(pk);
        let inline_check = g.add_node(Node::new(ObjType::Constraint, Some("s"), "t_check", 4));
        let mut stats = Node::new(ObjType::RelStats, Some("s"), "t", 5);
        stats.flags.stats_in_data_section = true;
        let stats = g.add_node(stats);
        let pre = g.add_node(Node::new(ObjType::PreDataBoundary, None, "PRE", 0));
        let post = g.add_node(Node::new(ObjType::PostDataBoundary, None, "POST", 0));
        g.add_dependency(idx, t);
        g.add_dependency(pk, t);
        let b = Boundaries {
            pre_data: pre,
            post_data: post,
        };
        add_boundary_dependencies(&mut g, b);
        assert_eq!(g.nodes[pre - 1].deps, [t]);
        assert_eq!(g.nodes[post - 1].deps, [stats, pre]);
        assert_eq!(g.nodes[idx - 1].deps, [t, post]);
        assert_eq!(g.nodes[pk - 1].deps, [t, post]);
        assert!(g.nodes[inline_check - 1].deps.is_empty());
        assert_eq!(g.nodes[stats - 1].deps, [pre]);
        let initial = sort_by_type_name(&g);
        let order = sort_dumpable_objects(&mut g, &initial, pre, post, &mut |_, m, _| {
            panic!("unexpected loop {m:?}")
        })
        .expect("acyclic");
        assert_eq!(order, [t, pre, stats, post, inline_check, pk, idx]);
    }
}
