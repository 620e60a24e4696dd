//! The starting order: every object sorted by type priority, schema, name and the per-type
//! natural-key columns (pg_dump_sort.c `sortDumpableObjectsByTypeName` / `DOTypeNameCompare`).
//! The result is a total order, so the dependency sort that follows only moves what it must.

use std::cmp::Ordering;

use super::{DumpId, Graph, Node, ObjType};

/// A type named the way `pgTypeNameCompare` compares it: the schema name of the type, then
/// `pg_type.typname` (not `format_type` output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    pub namespace: String,
    pub name: String,
}

impl TypeName {
    pub fn new(namespace: &str, name: &str) -> TypeName {
        TypeName {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// Secondary sort keys of `DOTypeNameCompare` (its step 5), used only between two objects of
/// the same [`ObjType`]. Which variant a type reads is fixed by the C code; a variant on a type
/// that does not use it is ignored, and a missing one compares equal (falls through to OID).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SortExtra {
    #[default]
    None,
    /// `Func`, `Agg`: the argument types (`proargtypes`); the argument count is their number
    /// and is compared first.
    Func { arg_types: Vec<TypeName> },
    /// `Operator`: `oprkind` (`'l'` prefix, `'b'` infix; `'r'` before v14), compared in
    /// *reverse* character order, then `oprleft`, then `oprright`. `None` stands for
    /// `InvalidOid` (the missing side of a prefix operator); it compares equal to anything,
    /// as the C code does for a type it cannot find.
    /// (Boxed: every node carries a `SortExtra`, and few are operators.)
    Operator {
        kind: char,
        left: Option<Box<TypeName>>,
        right: Option<Box<TypeName>>,
    },
    /// `OpClass`, `OpFamily`: name of the index access method (`opcmethod` / `opfmethod`).
    AccessMethodName(String),
    /// `Collation`: `collencoding` (-1 for "any encoding").
    Collation { encoding: i32 },
    /// `AttrDef`: `adnum`, the column number.
    AttrDef { adnum: i32 },
    /// `Policy`, `Rule`, `Trigger`: the owning table's `relname` (its schema was compared
    /// already as the object's own namespace).
    OwningTable(String),
    /// `Constraint`, `FkConstraint`: whether it is a domain constraint (`condomain` set) and
    /// the name of the domain's type or of the table. Domain constraints sort first.
    Constraint {
        on_domain: bool,
        parent_name: String,
    },
    /// `DefaultAcl`: the role name (`defaclrole`).
    DefaultAcl { role: String },
    /// `PublicationRel`, `PublicationTableInSchema`: the publication's name.
    Publication(String),
    /// `SubscriptionRel`: the subscription's name.
    Subscription(String),
}

/// All dump ids of the graph in `DOTypeNameCompare` order
/// (pg_dump_sort.c `sortDumpableObjectsByTypeName`).
///
/// The comparison ends with the OID, so only objects sharing type, schema, name, keys and OID
/// can tie; pg_dump's `qsort` leaves those in an unspecified order, here they keep dump-id
/// order (the order `getDumpableObjects` lists them in).
pub fn sort_by_type_name(graph: &Graph) -> Vec<DumpId> {
    let mut ids: Vec<DumpId> = (1..=graph.max_dump_id()).collect();
    ids.sort_by(|&a, &b| compare_type_name(&graph.nodes[a - 1], &graph.nodes[b - 1]));
    ids
}

/// pg_dump_sort.c `DOTypeNameCompare`: priority, schema name (no schema sorts last), name,
/// type, per-type keys ([`SortExtra`]), OID. Strings compare bytewise, like `strcmp`.
pub fn compare_type_name(a: &Node, b: &Node) -> Ordering {
    a.obj_type
        .priority()
        .cmp(&b.obj_type.priority())
        .then_with(|| compare_namespace(a.namespace.as_deref(), b.namespace.as_deref()))
        .then_with(|| a.name.as_bytes().cmp(b.name.as_bytes()))
        .then_with(|| a.obj_type.cmp(&b.obj_type))
        .then_with(|| compare_extra(a.obj_type, &a.extra, &b.extra))
        .then_with(|| a.oid.cmp(&b.oid))
}

fn compare_namespace(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.as_bytes().cmp(b.as_bytes()),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The type-specific branch of `DOTypeNameCompare`; both objects have type `obj_type`.
fn compare_extra(obj_type: ObjType, a: &SortExtra, b: &SortExtra) -> Ordering {
    use SortExtra as E;
    match (obj_type, a, b) {
        (ObjType::Func | ObjType::Agg, E::Func { arg_types: a }, E::Func { arg_types: b }) => {
            a.len().cmp(&b.len()).then_with(|| {
                a.iter()
                    .zip(b)
                    .map(|(x, y)| compare_pg_type_name(Some(x), Some(y)))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            })
        }
        (
            ObjType::Operator,
            E::Operator {
                kind: ka,
                left: la,
                right: ra,
            },
            E::Operator {
                kind: kb,
                left: lb,
                right: rb,
            },
        ) => kb
            .cmp(ka)
            .then_with(|| compare_pg_type_name(la.as_deref(), lb.as_deref()))
            .then_with(|| compare_pg_type_name(ra.as_deref(), rb.as_deref())),
        (ObjType::OpClass | ObjType::OpFamily, E::AccessMethodName(a), E::AccessMethodName(b)) => {
            a.as_bytes().cmp(b.as_bytes())
        }
        (ObjType::Collation, E::Collation { encoding: a }, E::Collation { encoding: b }) => {
            a.cmp(b)
        }
        (ObjType::AttrDef, E::AttrDef { adnum: a }, E::AttrDef { adnum: b }) => a.cmp(b),
        (
            ObjType::Policy | ObjType::Rule | ObjType::Trigger,
            E::OwningTable(a),
            E::OwningTable(b),
        ) => a.as_bytes().cmp(b.as_bytes()),
        (
            ObjType::Constraint | ObjType::FkConstraint,
            E::Constraint {
                on_domain: da,
                parent_name: pa,
            },
            E::Constraint {
                on_domain: db,
                parent_name: pb,
            },
        ) => match (da, db) {
            // Domain constraints first, as CREATE DOMAIN sorts before CREATE TABLE.
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            _ => pa.as_bytes().cmp(pb.as_bytes()),
        },
        (ObjType::DefaultAcl, E::DefaultAcl { role: a }, E::DefaultAcl { role: b }) => {
            a.as_bytes().cmp(b.as_bytes())
        }
        (
            ObjType::PublicationRel | ObjType::PublicationTableInSchema,
            E::Publication(a),
            E::Publication(b),
        ) => a.as_bytes().cmp(b.as_bytes()),
        (ObjType::SubscriptionRel, E::Subscription(a), E::Subscription(b)) => {
            a.as_bytes().cmp(b.as_bytes())
        }
        _ => Ordering::Equal,
    }
}

/// pg_dump_sort.c `pgTypeNameCompare`: schema name, then type name. A type pg_dump cannot
/// resolve (here `None`) compares equal, so the caller moves on to its next key.
fn compare_pg_type_name(a: Option<&TypeName>, b: Option<&TypeName>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a
            .namespace
            .as_bytes()
            .cmp(b.namespace.as_bytes())
            .then_with(|| a.name.as_bytes().cmp(b.name.as_bytes())),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(t: ObjType, ns: Option<&str>, name: &str, oid: u32) -> Node {
        Node::new(t, ns, name, oid)
    }

    fn with_extra(mut n: Node, extra: SortExtra) -> Node {
        n.extra = extra;
        n
    }

    fn assert_before(a: &Node, b: &Node) {
        assert_eq!(
            compare_type_name(a, b),
            Ordering::Less,
            "\nexpected first:\n{a:?}\nexpected second:\n{b:?}"
        );
        assert_eq!(compare_type_name(b, a), Ordering::Greater);
    }

    #[test]
    fn priority_beats_namespace_and_name() {
        let ty = node(ObjType::Type, Some("zzz"), "zzz", 900);
        let func = node(ObjType::Func, Some("aaa"), "aaa", 1);
        assert_before(&ty, &func);
        // Casts are sorted before functions on purpose.
        let cast = node(ObjType::Cast, None, "integer text", 5);
        assert_before(&cast, &func);
        // Same priority, different type: the name decides before the type does.
        let shell = node(ObjType::ShellType, Some("s"), "a", 10);
        let ty = node(ObjType::Type, Some("s"), "b", 11);
        assert_before(&shell, &ty);
    }

    #[test]
    fn no_namespace_sorts_after_any_namespace() {
        let with_ns = node(ObjType::DefaultAcl, Some("zzz"), "r", 1);
        let global = node(ObjType::DefaultAcl, None, "r", 0);
        assert_before(&with_ns, &global);
        let a = node(ObjType::Table, Some("a"), "zz", 2);
        let b = node(ObjType::Table, Some("b"), "aa", 1);
        assert_before(&a, &b);
    }

    #[test]
    fn names_compare_bytewise_like_strcmp() {
        // Upper case sorts before lower case, and a prefix before its extensions.
        let upper = node(ObjType::Table, Some("s"), "Zeta", 2);
        let lower = node(ObjType::Table, Some("s"), "alpha", 1);
        assert_before(&upper, &lower);
        let short = node(ObjType::Table, Some("s"), "t", 9);
        let long = node(ObjType::Table, Some("s"), "t_id_seq", 1);
        assert_before(&short, &long);
    }

    #[test]
    fn name_tie_broken_by_type_then_keys_then_oid() {
        // Opclass and opfamily share a priority and often a name: enum order decides.
        let opc = with_extra(
            node(ObjType::OpClass, Some("s"), "ops", 50),
            SortExtra::AccessMethodName("hash".into()),
        );
        let opf = with_extra(
            node(ObjType::OpFamily, Some("s"), "ops", 10),
            SortExtra::AccessMethodName("btree".into()),
        );
        assert_before(&opc, &opf);
        // Same type: access method name, then OID.
        let btree = with_extra(
            node(ObjType::OpClass, Some("s"), "ops", 99),
            SortExtra::AccessMethodName("btree".into()),
        );
        assert_before(&btree, &opc);
        let t1 = node(ObjType::Table, Some("s"), "t", 100);
        let t2 = node(ObjType::Table, Some("s"), "t", 20_000);
        assert_before(&t1, &t2);
        // OIDs compare unsigned (oidcmp).
        let big = node(ObjType::Table, Some("s"), "t", u32::MAX);
        assert_before(&t2, &big);
    }

    #[test]
    fn functions_by_arg_count_then_arg_type_names() {
        let f = |oid, args: &[(&str, &str)]| {
            with_extra(
                node(ObjType::Func, Some("s"), "f", oid),
                SortExtra::Func {
                    arg_types: args.iter().map(|(n, t)| TypeName::new(n, t)).collect(),
                },
            )
        };
        let zero = f(9, &[]);
        let one_text = f(1, &[("pg_catalog", "text")]);
        let two = f(2, &[("pg_catalog", "int4"), ("pg_catalog", "int4")]);
        // Fewer arguments first, whatever the types.
        assert_before(&zero, &one_text);
        assert_before(&one_text, &two);
        // Type schema before type name: app.zz < pg_catalog.aa.
        let app = f(3, &[("app", "zz")]);
        let cat = f(4, &[("pg_catalog", "aa")]);
        assert_before(&app, &cat);
        let int4 = f(5, &[("pg_catalog", "int4")]);
        assert_before(&int4, &one_text);
    }

    #[test]
    fn operators_by_reversed_kind_then_left_then_right() {
        let op = |oid, kind, left: Option<(&str, &str)>, right: (&str, &str)| {
            with_extra(
                node(ObjType::Operator, Some("s"), "===", oid),
                SortExtra::Operator {
                    kind,
                    left: left.map(|(n, t)| Box::new(TypeName::new(n, t))),
                    right: Some(Box::new(TypeName::new(right.0, right.1))),
                },
            )
        };
        let prefix = op(50, 'l', None, ("pg_catalog", "int4"));
        let infix = op(1, 'b', Some(("pg_catalog", "int4")), ("pg_catalog", "int4"));
        assert_before(&prefix, &infix);
        let infix_text = op(2, 'b', Some(("pg_catalog", "text")), ("pg_catalog", "int4"));
        assert_before(&infix, &infix_text);
        let infix_int8 = op(0, 'b', Some(("pg_catalog", "int4")), ("pg_catalog", "int8"));
        assert_before(&infix, &infix_int8);
    }

    #[test]
    fn per_type_keys() {
        let keyed = |t, name: &str, oid, extra| with_extra(node(t, Some("s"), name, oid), extra);
        // Collation encoding.
        assert_before(
            &keyed(
                ObjType::Collation,
                "c",
                9,
                SortExtra::Collation { encoding: -1 },
            ),
            &keyed(
                ObjType::Collation,
                "c",
                1,
                SortExtra::Collation { encoding: 6 },
            ),
        );
        // Attribute defaults share the table name; adnum decides.
        assert_before(
            &keyed(ObjType::AttrDef, "t", 9, SortExtra::AttrDef { adnum: 2 }),
            &keyed(ObjType::AttrDef, "t", 1, SortExtra::AttrDef { adnum: 10 }),
        );
        // Triggers of the same name on two tables: table name decides.
        assert_before(
            &keyed(
                ObjType::Trigger,
                "trg",
                9,
                SortExtra::OwningTable("a".into()),
            ),
            &keyed(
                ObjType::Trigger,
                "trg",
                1,
                SortExtra::OwningTable("b".into()),
            ),
        );
        // Default ACLs by role.
        assert_before(
            &keyed(
                ObjType::DefaultAcl,
                "r",
                9,
                SortExtra::DefaultAcl {
                    role: "alice".into(),
                },
            ),
            &keyed(
                ObjType::DefaultAcl,
                "r",
                1,
                SortExtra::DefaultAcl { role: "bob".into() },
            ),
        );
        // Publication members by publication.
        assert_before(
            &keyed(
                ObjType::PublicationRel,
                "t",
                9,
                SortExtra::Publication("p1".into()),
            ),
            &keyed(
                ObjType::PublicationRel,
                "t",
                1,
                SortExtra::Publication("p2".into()),
            ),
        );
        // A key on a type that does not use it is ignored: the OID decides.
        assert_before(
            &keyed(ObjType::Table, "t", 1, SortExtra::OwningTable("z".into())),
            &keyed(ObjType::Table, "t", 2, SortExtra::OwningTable("a".into())),
        );
    }

    #[test]
    fn domain_constraints_before_table_constraints() {
        let con = |oid, on_domain, parent: &str| {
            with_extra(
                node(ObjType::Constraint, Some("s"), "c_check", oid),
                SortExtra::Constraint {
                    on_domain,
                    parent_name: parent.into(),
                },
            )
        };
        let on_domain_z = con(9, true, "zzz");
        let on_table_a = con(1, false, "aaa");
        assert_before(&on_domain_z, &on_table_a);
        assert_before(&con(5, false, "a"), &con(4, false, "b"));
        assert_before(&con(5, true, "a"), &con(4, true, "b"));
    }

    #[test]
    fn sort_by_type_name_orders_the_whole_graph() {
        let mut g = Graph::new();
        g.add_node(node(ObjType::Table, Some("app"), "orders", 3));
        g.add_node(node(ObjType::Namespace, None, "app", 1));
        g.add_node(node(ObjType::Table, Some("app"), "child", 4));
        g.add_node(node(ObjType::Func, Some("app"), "f", 2));
        g.add_node(node(ObjType::PreDataBoundary, None, "PRE-DATA BOUNDARY", 0));
        g.add_node(node(ObjType::Index, Some("app"), "child_pkey", 5));
        assert_eq!(sort_by_type_name(&g), vec![2, 4, 3, 1, 5, 6]);
    }
}
