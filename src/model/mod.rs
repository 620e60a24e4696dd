//! The catalog as the native engine sees it: plain data, one struct per object kind, filled by
//! [`crate::catalog`] from one query per kind and read by the renderers. Names are raw catalog
//! names (quoting happens when rendering); `oid`s identify objects and link them.

/// An installed extension (pg_extension).
#[derive(Debug, Clone)]
pub struct Extension {
    pub oid: u32,
    pub name: String,
    pub schema: String,
}

/// A schema (pg_namespace).
#[derive(Debug, Clone)]
pub struct Namespace {
    pub oid: u32,
    pub name: String,
    pub owner: String,
    pub owner_oid: u32,
    pub acl: Option<String>,
    pub acl_default: String,
    /// pg_init_privs, for objects initdb or an extension created.
    pub init_acl: Option<String>,
}

/// A type outside the system schemas (pg_type).
#[derive(Debug, Clone)]
pub struct Type {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    /// `b`ase, `c`omposite, `d`omain, `e`num, `p`seudo, `r`ange, `m`ultirange.
    pub typtype: char,
    pub acl: Option<String>,
    pub acl_default: String,
    pub init_acl: Option<String>,
    /// relkind of the relation whose row type this is, or ' '.
    pub typrelkind: char,
    pub is_array: bool,
    pub enum_labels: Vec<String>,
    /// The pg_class row of a composite type (its attributes are that relation's columns).
    pub relid: u32,
    /// Domains: the base type, as format_type prints it.
    pub domain_base: Option<String>,
    pub not_null: bool,
    pub default_expr: Option<String>,
    pub default_literal: Option<String>,
    pub collation: Option<String>,
}

/// A function or procedure (pg_proc, not aggregates).
#[derive(Debug, Clone)]
pub struct Function {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    pub acl: Option<String>,
    pub acl_default: String,
    /// `f`unction, `p`rocedure, `w`indow.
    pub init_acl: Option<String>,
    pub kind: char,
    pub args: String,
    pub identity_args: String,
    pub result: Option<String>,
    pub sqlbody: Option<String>,
    pub src: String,
    pub bin: String,
    pub volatility: char,
    pub is_strict: bool,
    pub security_definer: bool,
    pub leakproof: bool,
    pub config: Vec<String>,
    pub cost: String,
    pub rows: String,
    pub returns_set: bool,
    pub support: String,
    pub parallel: char,
    pub language: String,
    pub transform_types: String,
    pub arg_type_names: Vec<String>,
    /// (schema, type name) of each argument type, for pg_dump's sort.
    pub arg_types: Vec<(String, String)>,
}

/// A relation (pg_class): table, view, sequence, ...
#[derive(Debug, Clone)]
pub struct Relation {
    pub oid: u32,
    pub name: String,
    /// `schema.name` quoted by the server (`quote_ident`), as its deparsing functions print it.
    pub quoted_name: String,
    pub nsp_oid: u32,
    pub relkind: char,
    pub owner: String,
    pub acl: Option<String>,
    pub acl_default: String,
    pub init_acl: Option<String>,
    pub persistence: char,
    pub rowtype_oid: u32,
    pub of_type: u32,
    pub is_partition: bool,
    /// Materialized views: whether they hold data (REFRESH is dumped only then).
    pub is_populated: bool,
    pub row_security: bool,
    pub force_row_security: bool,
    pub replica_identity: char,
    pub reloptions: Vec<String>,
    pub check_option: Option<String>,
    pub toast_reloptions: Vec<String>,
    pub access_method: String,
    pub tablespace: String,
    /// For a sequence owned by a column: the table and column number.
    pub owning_table: u32,
    pub owning_column: i32,
    pub is_identity_sequence: bool,
    pub viewdef: Option<String>,
    pub sequence: Option<SequenceParams>,
    pub columns: Vec<Column>,
    /// Partitioned tables: pg_get_partkeydef's text.
    pub partkeydef: Option<String>,
    /// Partitions: the bound (`FOR VALUES ...` / `DEFAULT`).
    pub partbound: Option<String>,
    /// Typed tables: the type, as format_type prints it.
    pub of_type_name: Option<String>,
    /// Inheritance parents (a partition's one parent), in inhseqno order.
    pub parents: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct SequenceParams {
    pub type_name: String,
    pub start: i64,
    pub increment: i64,
    pub max: i64,
    pub min: i64,
    pub cache: i64,
    pub cycle: bool,
}

/// A column (pg_attribute) with its default (pg_attrdef).
#[derive(Debug, Clone)]
pub struct Column {
    pub num: i16,
    pub name: String,
    /// The name quoted by the server (`quote_ident`), as its deparsing functions print it.
    pub quoted_name: String,
    pub type_name: String,
    pub type_oid: u32,
    pub not_null: bool,
    pub is_dropped: bool,
    pub is_local: bool,
    pub inherit_count: i32,
    pub identity: char,
    pub generated: char,
    pub stat_target: i32,
    pub storage: char,
    pub type_storage: char,
    pub compression: char,
    pub default_oid: Option<u32>,
    pub default_expr: Option<String>,
    /// What few columns have (boxed: a large dump has a few hundred thousand columns).
    pub rare: Option<Box<ColumnRare>>,
}

/// The settings of a [`Column`] that most columns do not have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnRare {
    /// Attribute options (`attoptions`, `name=value`).
    pub options: Vec<String>,
    pub acl: Option<String>,
    pub init_acl: Option<String>,
    /// A foreign table column's FDW options, joined as pg_dump prints them.
    pub fdw_options: Option<String>,
    /// The collation, quoted and qualified, when it differs from the type's.
    pub collation: Option<String>,
}

impl ColumnRare {
    /// `None` when there is nothing to keep.
    pub fn boxed(self) -> Option<Box<ColumnRare>> {
        (self != ColumnRare::default()).then(|| Box::new(self))
    }
}

impl Column {
    pub fn options(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.options)
    }

    pub fn acl(&self) -> Option<&str> {
        self.rare.as_ref()?.acl.as_deref()
    }

    pub fn init_acl(&self) -> Option<&str> {
        self.rare.as_ref()?.init_acl.as_deref()
    }

    pub fn fdw_options(&self) -> Option<&str> {
        self.rare.as_ref()?.fdw_options.as_deref()
    }

    pub fn collation(&self) -> Option<&str> {
        self.rare.as_ref()?.collation.as_deref()
    }
}

/// A constraint (pg_constraint).
#[derive(Debug, Clone)]
pub struct Constraint {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    /// `c`heck, `f`oreign key, `n`ot null, `p`rimary key, `u`nique, `t`rigger, e`x`clusion.
    pub contype: char,
    pub table_oid: u32,
    pub domain_oid: u32,
    pub index_oid: u32,
    pub deferrable: bool,
    pub deferred: bool,
    pub validated: bool,
    pub is_local: bool,
    pub no_inherit: bool,
    pub columns: Vec<i16>,
    pub definition: String,
    /// The partitioned table's constraint this one was cloned from, or 0.
    pub parent_oid: u32,
    /// A key the client prints itself (`definition` is then built from it and the columns).
    /// (Boxed, and gone once the text is built: see `catalog::finish_plain_constraints`.)
    pub plain: Option<Box<PlainKey>>,
}

/// What a PRIMARY KEY, UNIQUE or plain FOREIGN KEY constraint's text is printed from, beside its
/// columns (`Constraint::columns`) and deferrability.
#[derive(Debug, Clone, Default)]
pub struct PlainKey {
    pub ref_table_oid: u32,
    pub ref_columns: Vec<i16>,
    /// `confmatchtype`, `confupdtype`, `confdeltype` (a space for a key that is no foreign key).
    pub match_type: char,
    pub on_update: char,
    pub on_delete: char,
    pub nulls_not_distinct: bool,
    /// PRIMARY KEY and UNIQUE: the index's columns (`indkey`: key columns, then INCLUDE ones),
    /// how many are keys, its storage parameters, and `conperiod` (WITHOUT OVERLAPS).
    pub index_columns: Vec<i16>,
    pub index_key_count: usize,
    pub index_reloptions: Vec<String>,
    pub without_overlaps: bool,
}

/// An index (pg_index).
#[derive(Debug, Clone)]
pub struct Index {
    pub oid: u32,
    pub name: String,
    pub table_oid: u32,
    pub nsp_oid: u32,
    /// `CREATE INDEX` text without its semicolon (empty for a constraint's index).
    pub definition: String,
    /// The parts the client prints a plain index from (`definition` is then built from them).
    /// (Boxed, and gone once the text is built: see `catalog::finish_plain_indexes`.)
    pub plain: Option<Box<crate::render::index_def::PlainIndex>>,
    pub is_clustered: bool,
    pub is_replica_identity: bool,
    pub key_count: i16,
    pub column_count: i16,
    pub tablespace: String,
    pub reloptions: Vec<String>,
    pub constraint_oid: u32,
    pub has_stat_targets: bool,
    pub relkind: char,
    pub is_partition_child: bool,
    /// The partitioned index this one is attached to, or 0.
    pub parent_oid: u32,
    /// Columns (1-based) with a statistics target, and the targets.
    pub stat_columns: Vec<i32>,
    pub stat_values: Vec<i32>,
}

/// A trigger (pg_trigger, user triggers only).
#[derive(Debug, Clone)]
pub struct Trigger {
    pub oid: u32,
    pub name: String,
    pub table_oid: u32,
    pub enabled: char,
    pub parent_oid: u32,
    /// A partition's clone of its parent's trigger (pg_dump's `tgispartition`).
    pub is_partition_clone: bool,
    pub definition: String,
}

/// A rewrite rule (pg_rewrite).
#[derive(Debug, Clone)]
pub struct Rule {
    pub oid: u32,
    pub name: String,
    pub table_oid: u32,
    pub event: char,
    pub is_instead: bool,
    pub enabled: char,
    pub definition: String,
}

/// An aggregate (pg_proc + pg_aggregate). Function references are regproc text and `-` when
/// absent; types are regtype text.
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    pub acl: Option<String>,
    pub acl_default: String,
    pub init_acl: Option<String>,
    pub args: String,
    pub identity_args: String,
    /// `n`ormal, `o`rdered-set, `h`ypothetical-set.
    pub kind: char,
    pub transfn: String,
    pub finalfn: String,
    pub combinefn: String,
    pub serialfn: String,
    pub deserialfn: String,
    pub mtransfn: String,
    pub minvtransfn: String,
    pub mfinalfn: String,
    pub transtype: String,
    pub mtranstype: String,
    pub transspace: String,
    pub mtransspace: String,
    pub initval: Option<String>,
    pub minitval: Option<String>,
    pub finalextra: bool,
    pub mfinalextra: bool,
    pub finalmodify: char,
    pub mfinalmodify: char,
    /// Schema and name of the sort operator.
    pub sortop: Option<(String, String)>,
    pub parallel: char,
    pub arg_type_names: Vec<String>,
    /// (schema, type name) of each argument type, for pg_dump's sort.
    pub arg_types: Vec<(String, String)>,
}

/// An operator (pg_operator). Functions are regprocedure text and types regtype text, `-` when
/// absent.
#[derive(Debug, Clone)]
pub struct Operator {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    /// `b`inary, `l`eft (prefix), `r`ight (postfix, before 14).
    pub kind: char,
    /// 0 for a shell operator a commutator reference created.
    pub code_oid: u32,
    pub code: String,
    pub left_type: String,
    pub right_type: String,
    /// (schema, type name) of each side, for pg_dump's sort.
    pub left: Option<(String, String)>,
    pub right: Option<(String, String)>,
    /// Schema and name of the commutator and the negator.
    pub commutator: Option<(String, String)>,
    pub negator: Option<(String, String)>,
    pub restrict: String,
    pub join: String,
    pub can_merge: bool,
    pub can_hash: bool,
}

/// The range-specific part of a range type (pg_range).
#[derive(Debug, Clone)]
pub struct RangeType {
    pub type_oid: u32,
    /// 14 and later.
    pub multirange: Option<String>,
    pub subtype: String,
    pub opclass_name: String,
    pub opclass_nsp: String,
    pub opclass_default: bool,
    /// Schema and name, when it differs from the subtype's collation.
    pub collation: Option<(String, String)>,
    pub canonical: String,
    pub subdiff: String,
}

/// The base-type part of a base type, or an undefined (shell-only) type (pg_type). Function
/// references are regproc text; an OID of 0 means none.
#[derive(Debug, Clone)]
pub struct BaseType {
    pub type_oid: u32,
    pub is_defined: bool,
    pub len: String,
    pub input: String,
    pub output: String,
    pub receive: (String, u32),
    pub send: (String, u32),
    pub modin: (String, u32),
    pub modout: (String, u32),
    pub analyze: (String, u32),
    /// `-` for none (and always before 14).
    pub subscript: String,
    pub category: String,
    pub preferred: bool,
    pub delim: String,
    pub byval: bool,
    pub align: char,
    pub storage: char,
    pub collatable: bool,
    pub default_expr: Option<String>,
    pub default_literal: Option<String>,
    pub element: Option<String>,
}

/// A user-defined cast (pg_cast).
#[derive(Debug, Clone)]
pub struct Cast {
    pub oid: u32,
    /// Both types as format_type prints them.
    pub source: String,
    pub target: String,
    /// The bare type names, which name the cast for pg_dump's sort.
    pub source_name: String,
    pub target_name: String,
    /// `f`unction, `i`nout, `b`inary.
    pub method: char,
    /// `e`xplicit, `a`ssignment, `i`mplicit.
    pub context: char,
    pub func_oid: u32,
    pub func_nsp: Option<String>,
    pub func_name: Option<String>,
    pub func_arg_types: Vec<String>,
}

/// A collation (pg_collation).
#[derive(Debug, Clone)]
pub struct Collation {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    pub encoding: i32,
    /// `b`uiltin, `c` libc, `i`cu, `d`efault.
    pub provider: char,
    pub deterministic: bool,
    pub collate: Option<String>,
    pub ctype: Option<String>,
    pub locale: Option<String>,
    pub icu_rules: Option<String>,
}

/// An event trigger (pg_event_trigger).
#[derive(Debug, Clone)]
pub struct EventTrigger {
    pub oid: u32,
    pub name: String,
    pub event: String,
    pub owner: String,
    /// `O` origin (default), `D`isabled, `A`lways, `R`eplica.
    pub enabled: char,
    /// The tags as quoted literals separated by `, `; empty for none.
    pub tags: String,
    pub function: String,
}

/// A foreign-data wrapper (pg_foreign_data_wrapper).
#[derive(Debug, Clone)]
pub struct ForeignDataWrapper {
    pub oid: u32,
    pub name: String,
    pub owner: String,
    /// regproc text, `-` for none.
    pub handler: String,
    pub validator: String,
    pub acl: Option<String>,
    pub acl_default: String,
    pub init_acl: Option<String>,
    /// `name 'value'` items joined by `,\n    `; empty for none.
    pub options: String,
}

/// A foreign server (pg_foreign_server) and its user mappings.
#[derive(Debug, Clone)]
pub struct ForeignServer {
    pub oid: u32,
    pub name: String,
    pub owner: String,
    pub fdw: String,
    pub server_type: String,
    pub server_version: String,
    pub acl: Option<String>,
    pub acl_default: String,
    pub init_acl: Option<String>,
    pub options: String,
    /// (user name, options) per user mapping, by user name.
    pub user_mappings: Vec<(String, String)>,
}

/// The foreign-table part of a foreign table (pg_foreign_table).
#[derive(Debug, Clone)]
pub struct ForeignTable {
    pub rel_oid: u32,
    pub server: String,
    pub options: String,
}

/// A text search dictionary (`kind` 'd') or configuration ('c') (pg_ts_dict, pg_ts_config).
#[derive(Debug, Clone)]
pub struct TextSearchObject {
    pub kind: char,
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    /// Schema and name of the dictionary's template or the configuration's parser.
    pub ref_nsp: String,
    pub ref_name: String,
    /// Dictionaries: the options, printed as they are.
    pub init_option: Option<String>,
    /// Configurations: token alias and dictionary (regdictionary text) of each mapping.
    pub mappings: Vec<(String, String)>,
}

/// An access method created after initdb (pg_am).
#[derive(Debug, Clone)]
pub struct AccessMethod {
    pub oid: u32,
    pub name: String,
    /// `t` (table) or `i` (index).
    pub amtype: char,
    pub handler: String,
}

/// An extended statistics object (pg_statistic_ext).
#[derive(Debug, Clone)]
pub struct Statistics {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    pub table_oid: u32,
    /// -1: the default.
    pub stat_target: i32,
    /// pg_get_statisticsobjdef (empty for tables whose details are not read).
    pub definition: String,
}

/// An encoding conversion (pg_conversion).
#[derive(Debug, Clone)]
pub struct Conversion {
    pub oid: u32,
    pub name: String,
    pub nsp_oid: u32,
    pub owner: String,
    pub for_encoding: String,
    pub to_encoding: String,
    /// regproc text.
    pub function: String,
    pub is_default: bool,
}

/// A publication (`kind` 'p'), one of its tables ('t') or schemas ('s') (pg_publication,
/// pg_publication_rel, pg_publication_namespace).
#[derive(Debug, Clone)]
pub struct PublicationObject {
    pub kind: char,
    pub oid: u32,
    pub pub_oid: u32,
    pub pub_name: String,
    pub owner: String,
    pub all_tables: bool,
    pub insert: bool,
    pub update: bool,
    pub delete: bool,
    pub truncate: bool,
    pub via_root: bool,
    /// `s` to publish stored generated columns (18).
    pub gencols: char,
    /// The table or schema of a member.
    pub target_oid: u32,
    pub row_filter: Option<String>,
    pub columns: Option<Vec<String>>,
}

/// An ALTER DEFAULT PRIVILEGES entry (pg_default_acl).
#[derive(Debug, Clone)]
pub struct DefaultAcl {
    pub oid: u32,
    pub role: String,
    /// 0 for entries that apply to every schema.
    pub nsp_oid: u32,
    /// `r` tables, `S` sequences, `f` functions, `T` types, `n` schemas, `L` large objects.
    pub objtype: char,
    pub acl: String,
    pub acl_default: String,
}

/// A row-level security policy (pg_policy).
#[derive(Debug, Clone)]
pub struct Policy {
    pub oid: u32,
    pub table_oid: u32,
    pub name: String,
    /// `*` all, `r` SELECT, `a` INSERT, `w` UPDATE, `d` DELETE.
    pub command: char,
    pub permissive: bool,
    pub roles: Option<String>,
    pub using_expr: Option<String>,
    pub check_expr: Option<String>,
}

/// A comment (pg_description); `catalog` is the catalog's name, e.g. `pg_class`.
#[derive(Debug, Clone)]
pub struct Comment {
    pub catalog: String,
    pub object_oid: u32,
    pub sub_id: i32,
    pub description: String,
}

impl Comment {
    /// The order comments are kept in: by catalog name, object and sub-id ([`comments_of`]).
    pub fn sort_key(&self) -> (&str, u32, i32) {
        (self.catalog.as_str(), self.object_oid, self.sub_id)
    }
}

/// One pg_depend row: `(catalog oid, object oid)` depends on `(catalog oid, object oid)`.
#[derive(Debug, Clone, Copy)]
pub struct Dependency {
    pub class_oid: u32,
    pub object_oid: u32,
    pub ref_class_oid: u32,
    pub ref_oid: u32,
    pub deptype: char,
}

/// Something in the dumped schemas that the native renderer cannot write yet; its presence sends
/// the request to pg_dump (auto mode) or fails it (native mode), never a dump that leaves it out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unsupported {
    pub kind: String,
    pub name: String,
}

/// A row of the inventory of unsupported objects, with where it sits in the dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryRow {
    pub item: Unsupported,
    /// The object's schema, 0 for objects outside any schema.
    pub nsp_oid: u32,
    /// The relation the object is or belongs to (it is dumped with that relation), or 0.
    pub rel_oid: u32,
    /// Privileges (of the relation `rel_oid`): printed unless `-x`, and for an extension's
    /// table too (only its privileges are dumped).
    pub privileges: bool,
}

/// Everything one dump reads.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub server_version_num: u32,
    pub server_version: String,
    pub database: String,
    pub std_strings: bool,
    pub namespaces: Vec<Namespace>,
    pub types: Vec<Type>,
    pub functions: Vec<Function>,
    pub relations: Vec<Relation>,
    pub constraints: Vec<Constraint>,
    pub indexes: Vec<Index>,
    pub triggers: Vec<Trigger>,
    pub rules: Vec<Rule>,
    pub aggregates: Vec<Aggregate>,
    pub operators: Vec<Operator>,
    pub ranges: Vec<RangeType>,
    pub base_types: Vec<BaseType>,
    pub casts: Vec<Cast>,
    pub collations: Vec<Collation>,
    pub event_triggers: Vec<EventTrigger>,
    pub foreign_data_wrappers: Vec<ForeignDataWrapper>,
    pub foreign_servers: Vec<ForeignServer>,
    pub foreign_tables: Vec<ForeignTable>,
    /// Dictionaries first, then configurations (each by OID).
    pub text_search: Vec<TextSearchObject>,
    pub conversions: Vec<Conversion>,
    /// Publications first, then their schema members, then their table members (each by OID).
    pub publications: Vec<PublicationObject>,
    pub policies: Vec<Policy>,
    pub default_acls: Vec<DefaultAcl>,
    pub comments: Vec<Comment>,
    pub dependencies: Vec<Dependency>,
    pub statistics: Vec<Statistics>,
    pub access_methods: Vec<AccessMethod>,
    pub extensions: Vec<Extension>,
    /// (object oid, extension oid) of objects that belong to an extension (never dumped on
    /// their own).
    pub extension_members: Vec<(u32, u32)>,
    pub unsupported: Vec<Unsupported>,
}

/// The comments on one object (`catalog` names its catalog), in sub-id order, from comments
/// sorted by catalog name, object and sub-id (as [`crate::catalog::load_comments`] returns
/// them).
pub fn comments_of<'a>(comments: &'a [Comment], catalog: &str, oid: u32) -> &'a [Comment] {
    let start = comments.partition_point(|c| c.sort_key() < (catalog, oid, i32::MIN));
    let len = comments[start..].partition_point(|c| c.catalog == catalog && c.object_oid == oid);
    &comments[start..start + len]
}

/// Hash indexes over a loaded [`Catalog`], built once per dump so that renderers and the graph
/// builder find an object by OID without scanning every row (a dump of 10,000 tables would
/// otherwise spend its time in those scans).
#[derive(Debug, Default)]
pub struct Lookup {
    namespaces: rustc_hash::FxHashMap<u32, usize>,
    relations: rustc_hash::FxHashMap<u32, usize>,
    /// Constraint positions per table OID, in catalog order.
    constraints_by_table: rustc_hash::FxHashMap<u32, Vec<usize>>,
    constraints: rustc_hash::FxHashMap<u32, usize>,
    /// Rule positions per table OID.
    rules_by_table: rustc_hash::FxHashMap<u32, Vec<usize>>,
    /// Range details per range type OID.
    ranges: rustc_hash::FxHashMap<u32, usize>,
    /// Base-type details per type OID.
    base_types: rustc_hash::FxHashMap<u32, usize>,
    /// Foreign-table details per relation OID.
    foreign_tables: rustc_hash::FxHashMap<u32, usize>,
    indexes: rustc_hash::FxHashMap<u32, usize>,
}

impl Lookup {
    pub fn new(cat: &Catalog) -> Self {
        let mut constraints_by_table: rustc_hash::FxHashMap<u32, Vec<usize>> =
            rustc_hash::FxHashMap::default();
        for (i, c) in cat.constraints.iter().enumerate() {
            if c.table_oid != 0 {
                constraints_by_table.entry(c.table_oid).or_default().push(i);
            }
        }
        let mut rules_by_table: rustc_hash::FxHashMap<u32, Vec<usize>> =
            rustc_hash::FxHashMap::default();
        for (i, r) in cat.rules.iter().enumerate() {
            rules_by_table.entry(r.table_oid).or_default().push(i);
        }
        Lookup {
            indexes: cat
                .indexes
                .iter()
                .enumerate()
                .map(|(i, x)| (x.oid, i))
                .collect(),
            rules_by_table,
            foreign_tables: cat
                .foreign_tables
                .iter()
                .enumerate()
                .map(|(i, t)| (t.rel_oid, i))
                .collect(),
            base_types: cat
                .base_types
                .iter()
                .enumerate()
                .map(|(i, t)| (t.type_oid, i))
                .collect(),
            ranges: cat
                .ranges
                .iter()
                .enumerate()
                .map(|(i, r)| (r.type_oid, i))
                .collect(),
            namespaces: cat
                .namespaces
                .iter()
                .enumerate()
                .map(|(i, n)| (n.oid, i))
                .collect(),
            relations: cat
                .relations
                .iter()
                .enumerate()
                .map(|(i, r)| (r.oid, i))
                .collect(),
            constraints_by_table,
            constraints: cat
                .constraints
                .iter()
                .enumerate()
                .map(|(i, c)| (c.oid, i))
                .collect(),
        }
    }

    pub fn namespace<'a>(&self, cat: &'a Catalog, oid: u32) -> Option<&'a Namespace> {
        self.namespaces.get(&oid).map(|&i| &cat.namespaces[i])
    }

    pub fn relation<'a>(&self, cat: &'a Catalog, oid: u32) -> Option<&'a Relation> {
        self.relation_index(oid).map(|i| &cat.relations[i])
    }

    pub fn relation_index(&self, oid: u32) -> Option<usize> {
        self.relations.get(&oid).copied()
    }

    pub fn constraint_index(&self, oid: u32) -> Option<usize> {
        self.constraints.get(&oid).copied()
    }

    /// The constraints of one table, in catalog order.
    pub fn table_constraints<'a>(
        &'a self,
        cat: &'a Catalog,
        table_oid: u32,
    ) -> impl Iterator<Item = &'a Constraint> + 'a {
        self.constraints_by_table
            .get(&table_oid)
            .into_iter()
            .flatten()
            .map(|&i| &cat.constraints[i])
    }

    /// The rules of one table (or view).
    pub fn table_rules<'a>(
        &'a self,
        cat: &'a Catalog,
        table_oid: u32,
    ) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules_by_table
            .get(&table_oid)
            .into_iter()
            .flatten()
            .map(|&i| &cat.rules[i])
    }

    pub fn index_index(&self, oid: u32) -> Option<usize> {
        self.indexes.get(&oid).copied()
    }

    /// The range details of a range type.
    pub fn range<'a>(&self, cat: &'a Catalog, type_oid: u32) -> Option<&'a RangeType> {
        self.ranges.get(&type_oid).map(|&i| &cat.ranges[i])
    }

    /// The base-type details of a base or undefined type.
    pub fn base_type<'a>(&self, cat: &'a Catalog, type_oid: u32) -> Option<&'a BaseType> {
        self.base_types.get(&type_oid).map(|&i| &cat.base_types[i])
    }

    /// The foreign-table details of a foreign table.
    pub fn foreign_table<'a>(&self, cat: &'a Catalog, rel_oid: u32) -> Option<&'a ForeignTable> {
        self.foreign_tables
            .get(&rel_oid)
            .map(|&i| &cat.foreign_tables[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(catalog: &str, oid: u32, sub_id: i32) -> Comment {
        Comment {
            catalog: catalog.into(),
            object_oid: oid,
            sub_id,
            description: format!("{catalog} {oid} {sub_id}"),
        }
    }

    #[test]
    fn an_objects_comments_are_found_in_sub_id_order_and_no_others() {
        let comments = vec![
            comment("pg_class", 5, 0),
            comment("pg_class", 7, 0),
            comment("pg_class", 7, 2),
            comment("pg_class", 8, 0),
            comment("pg_proc", 7, 0),
        ];
        let subs = |catalog, oid| -> Vec<i32> {
            comments_of(&comments, catalog, oid)
                .iter()
                .map(|c| c.sub_id)
                .collect()
        };
        assert_eq!(subs("pg_class", 7), [0, 2]);
        assert_eq!(subs("pg_proc", 7), [0]);
        assert_eq!(subs("pg_class", 6), Vec::<i32>::new());
        assert_eq!(subs("pg_type", 7), Vec::<i32>::new());
        assert_eq!(subs("pg_class", 9), Vec::<i32>::new());
    }
}
