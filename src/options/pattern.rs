//! Object-name patterns of `-n`/`-N`, `-t`/`-T`, `--table-and-children`,
//! `--exclude-table-and-children` and `-e`/`--exclude-extension`: turning a
//! shell-style pattern into the anchored POSIX regexes the server's `~`
//! operator matches names with. Mirrors fe_utils/string_utils.c
//! `patternToSQLRegex` and `processSQLNamePattern`, and the per-pattern
//! checks of pg_dump.c `expand_schema_name_patterns`,
//! `expand_table_name_patterns`, `expand_extension_name_patterns` and
//! `prohibit_crossdb_refs` (plus the "no matching ... were found" checks
//! that pg_dump's `main` runs after them).
//!
//! # Conversion rules (`patternToSQLRegex`)
//! - Each dot-separated part becomes `^(` … `)$`; the parentheses keep a
//!   user's `|` from escaping the anchors.
//! - Outside double quotes: ASCII letters are lower-cased, `*` becomes `.*`,
//!   `?` becomes `.`, and `.` separates parts. Every other character passes
//!   through untouched, regex specials included (`a|b`, `x+`, `(y)`, `\d`
//!   work as regex), except that a `[` directly followed by `]` is escaped so
//!   that array type names such as `int[]` stay literal.
//! - Inside double quotes everything is literal: case is kept, `.` does not
//!   split, and each of `| * + ? ( ) [ ] { } . ^ \` gets a backslash. `""`
//!   inside quotes stands for one `"`. A quote left open runs to the end of
//!   the pattern without complaint.
//! - `$` always becomes `\$`, quoted or not.
//! - Non-ASCII letters are never lower-cased. pg_dump folds a byte with the
//!   C library's `isupper`/`tolower` under the user's locale, which under a
//!   UTF-8 locale (the only one we serve) is false for every byte ≥ 0x80.
//! - A part that is empty gives `^()$`, which matches only the empty name,
//!   so `-t s.` and `-t ''` match nothing. Only a part that converts to
//!   exactly `^(.*)$` (a lone `*`) is dropped from the query; `**` is not.
//!
//! # How pg_dump applies them
//! - `-n`/`-N`: the pattern is **not** split. Any unquoted dot makes pg_dump
//!   fail: two or more with "improper qualified name", exactly one with
//!   "cross-database references are not implemented", because the
//!   database-name buffer pg_dump compares with the connection's database is
//!   never filled for schema patterns (it stays empty). The regex is matched
//!   against `n.nspname`.
//! - `-t`/`-T`/`--table-and-children`/`--exclude-table-and-children`:
//!   `[[db.]schema.]name`. Three or more dots: "improper relation name".
//!   Two dots: the first part, taken *literally* (letters folded, quotes
//!   removed, wildcards kept as written, no regex) must equal the database
//!   name libpq's `PQdb` reports, else "cross-database references are not
//!   implemented". Only relkinds [`TABLE_PATTERN_RELKINDS`] match. A pattern
//!   without a schema part also requires [`TABLE_VISIBILITY_RULE`], which
//!   pg_dump evaluates after `RESET search_path`, i.e. under the session's
//!   default search_path (role/database settings and startup options
//!   included), not its own secure empty one. `*.t` has a schema part, so it
//!   matches `t` in every schema with no visibility rule.
//!   The `-and-children` forms add every inheritance descendant
//!   (`pg_inherits.inhrelid`, recursively) of each matched relation.
//! - `-e`/`--exclude-extension`: not split; any unquoted dot fails with
//!   "improper qualified name". Matched against `e.extname`.
//!
//! # Order of errors
//! pg_dump handles one list at a time, in this order: `-n`, `-N`, `-t`,
//! `--table-and-children`, `-T`, `--exclude-table-and-children`,
//! `--exclude-table-data`, `--exclude-table-data-and-children`, `-e`,
//! `--exclude-extension`. Within a list, each pattern is parsed (dot errors),
//! then queried, then, for include lists under `--strict-names`, checked for
//! at least one match, before the next pattern is looked at. After the
//! include list(s) of a kind, an empty total is fatal
//! ([`check_include_matches`]). Exclusion patterns never fail for matching
//! nothing.

/// Relation kinds a table pattern can match (pg_dump.c
/// `expand_table_name_patterns`): ordinary table, sequence, view,
/// materialized view, foreign table, partitioned table. Indexes, composite
/// types and TOAST tables are never matched.
pub const TABLE_PATTERN_RELKINDS: [char; 6] = ['r', 'S', 'v', 'm', 'f', 'p'];

/// The visibility clause pg_dump adds to a table pattern with no schema
/// part, with `c` being the `pg_class` alias.
pub const TABLE_VISIBILITY_RULE: &str = "pg_catalog.pg_table_is_visible(c.oid)";

/// The regex of a part written as a lone `*`; `processSQLNamePattern`
/// leaves such a part out of the query.
const MATCH_ALL: &str = "^(.*)$";

/// A pattern split into its dot-separated parts, as `patternToSQLRegex`
/// leaves them.
///
/// `schema` and `name` hold regexes for the server's `~` (see the module
/// docs for the rules). A part is `Some` whenever the pattern has it, even
/// when it is `*` (`^(.*)$`): for a table pattern, whether the schema part
/// is present decides the visibility rule, so it cannot be folded into
/// `None`. Use [`SqlPattern::schema_filter`] and [`SqlPattern::name_filter`]
/// for "the regex to match, if any".
///
/// `dbname` is **not** a regex: it is the literal database name of a
/// `db.schema.name` table pattern, already checked against the current
/// database by the parse functions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlPattern {
    pub dbname: Option<String>,
    pub schema: Option<String>,
    pub name: Option<String>,
}

impl SqlPattern {
    /// The schema regex to apply, or `None` when the pattern has no schema
    /// part or the part is a lone `*`.
    pub fn schema_filter(&self) -> Option<&str> {
        filter(self.schema.as_deref())
    }

    /// The name regex to apply, or `None` when the name part is a lone `*`.
    pub fn name_filter(&self) -> Option<&str> {
        filter(self.name.as_deref())
    }

    /// Whether the pattern names a schema; a table pattern that does not is
    /// restricted to relations visible in the search_path
    /// ([`TABLE_VISIBILITY_RULE`]).
    pub fn has_schema_part(&self) -> bool {
        self.schema.is_some()
    }
}

fn filter(regex: Option<&str>) -> Option<&str> {
    regex.filter(|r| *r != MATCH_ALL)
}

/// A pattern pg_dump refuses, or include patterns that matched nothing.
/// Messages are pg_dump's, without its `pg_dump: error: ` prefix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// `-n`/`-N` with two or more dots, `-e`/`--exclude-extension` with any.
    #[error("improper qualified name (too many dotted names): {0}")]
    TooManyDots(String),

    /// A table pattern with three or more dots.
    #[error("improper relation name (too many dotted names): {0}")]
    TooManyDotsInRelation(String),

    /// A database part that is not the current database (for `-n`, any
    /// database part at all).
    #[error("cross-database references are not implemented: {0}")]
    CrossDb(String),

    /// `--strict-names`: one `-n` pattern matched no schema.
    #[error("no matching schemas were found for pattern \"{0}\"")]
    NoMatchingSchemasForPattern(String),

    /// The `-n` patterns together matched no schema.
    #[error("no matching schemas were found")]
    NoMatchingSchemas,

    /// `--strict-names`: one `-t`/`--table-and-children` pattern matched no
    /// relation.
    #[error("no matching tables were found for pattern \"{0}\"")]
    NoMatchingTablesForPattern(String),

    /// The `-t` and `--table-and-children` patterns together matched no
    /// relation.
    #[error("no matching tables were found")]
    NoMatchingTables,

    /// `--strict-names`: one `-e` pattern matched no extension.
    #[error("no matching extensions were found for pattern \"{0}\"")]
    NoMatchingExtensionsForPattern(String),

    /// The `-e` patterns together matched no extension.
    #[error("no matching extensions were found")]
    NoMatchingExtensions,
}

/// The object kinds whose include patterns pg_dump checks for matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    Schema,
    Table,
    Extension,
}

/// Parses a `-n`/`-N` pattern (pg_dump.c `expand_schema_name_patterns`).
///
/// The regex for `n.nspname` is returned in `name`, since pg_dump matches it
/// as the name of a `pg_namespace` row; `schema` and `dbname` are `None`.
/// A pattern with one unquoted dot is refused as a cross-database reference
/// whatever the database part says (see the module docs); `current_db` only
/// matters in the impossible case of an empty database name.
pub fn parse_schema_pattern(pattern: &str, current_db: &str) -> Result<SqlPattern, PatternError> {
    let split = split_pattern(pattern, 1);
    if split.dots > 1 {
        return Err(PatternError::TooManyDots(pattern.to_owned()));
    }
    // pg_dump hands prohibit_crossdb_refs a database name that was never
    // parsed for schema patterns, so it compares against "".
    if split.dots == 1 && !current_db.is_empty() {
        return Err(PatternError::CrossDb(pattern.to_owned()));
    }
    Ok(split.into_pattern())
}

/// Parses a `-t`/`-T`/`--table-and-children`/`--exclude-table-and-children`
/// pattern (pg_dump.c `expand_table_name_patterns`): `[[db.]schema.]name`.
///
/// `current_db` must be the database name as libpq's `PQdb` reports it for
/// the dump's connection; the comparison is byte for byte.
pub fn parse_relation_pattern(pattern: &str, current_db: &str) -> Result<SqlPattern, PatternError> {
    let split = split_pattern(pattern, 3);
    if split.dots > 2 {
        return Err(PatternError::TooManyDotsInRelation(pattern.to_owned()));
    }
    if split.dots == 2 && split.db_literal != current_db {
        return Err(PatternError::CrossDb(pattern.to_owned()));
    }
    Ok(split.into_pattern())
}

/// Parses a `-e`/`--exclude-extension` pattern (pg_dump.c
/// `expand_extension_name_patterns`): no dots allowed. The regex for
/// `e.extname` is returned in `name`.
pub fn parse_extension_pattern(pattern: &str) -> Result<SqlPattern, PatternError> {
    let split = split_pattern(pattern, 1);
    if split.dots > 0 {
        return Err(PatternError::TooManyDots(pattern.to_owned()));
    }
    Ok(split.into_pattern())
}

/// The WHERE-clause text `processSQLNamePattern` (server ≥ 12) would emit for
/// `p`, without the leading `WHERE`/`AND`: the name clause, then the schema
/// clause, or the visibility rule when there is no schema part to match
/// (absent, or `schema_col` is `None`). Clauses are joined by pg_dump's
/// `\n  AND `. When nothing constrains the pattern (`*`, no visibility rule)
/// the result is `true`, where pg_dump would add no clause at all.
///
/// Regexes are quoted as `appendStringLiteralConn` does: `'…'` with `'`
/// doubled, or `E'…'` with `\` doubled too when the regex has a backslash.
/// `COLLATE pg_catalog.default` makes the match follow the database's
/// collation instead of the `C` collation of `name` columns; a query that
/// passes the regexes as parameters should add it as well.
pub fn condition(
    p: &SqlPattern,
    schema_col: Option<&str>,
    name_col: &str,
    visibility: Option<&str>,
) -> String {
    let mut clauses = Vec::new();
    if let Some(re) = p.name_filter() {
        clauses.push(match_clause(name_col, re));
    }
    match (schema_col, p.schema.as_deref()) {
        (Some(col), Some(_)) => {
            if let Some(re) = p.schema_filter() {
                clauses.push(match_clause(col, re));
            }
        }
        _ => {
            if let Some(rule) = visibility {
                clauses.push(rule.to_owned());
            }
        }
    }
    if clauses.is_empty() {
        "true".to_owned()
    } else {
        clauses.join("\n  AND ")
    }
}

/// Mirrors the match checks pg_dump makes for the include patterns of one
/// kind, given each pattern with the number of objects it matched, in
/// command-line order (for tables, `-t` patterns then
/// `--table-and-children` ones). Under `--strict-names` the first pattern
/// that matched nothing fails; otherwise only an empty total does. An empty
/// list is fine: the option was not used.
pub fn check_include_matches<'a>(
    kind: PatternKind,
    matches: impl IntoIterator<Item = (&'a str, usize)>,
    strict_names: bool,
) -> Result<(), PatternError> {
    let mut any_pattern = false;
    let mut total = 0usize;
    for (pattern, count) in matches {
        any_pattern = true;
        if strict_names && count == 0 {
            return Err(match kind {
                PatternKind::Schema => {
                    PatternError::NoMatchingSchemasForPattern(pattern.to_owned())
                }
                PatternKind::Table => PatternError::NoMatchingTablesForPattern(pattern.to_owned()),
                PatternKind::Extension => {
                    PatternError::NoMatchingExtensionsForPattern(pattern.to_owned())
                }
            });
        }
        total = total.saturating_add(count);
    }
    if any_pattern && total == 0 {
        return Err(match kind {
            PatternKind::Schema => PatternError::NoMatchingSchemas,
            PatternKind::Table => PatternError::NoMatchingTables,
            PatternKind::Extension => PatternError::NoMatchingExtensions,
        });
    }
    Ok(())
}

/// `cond` for one regex: `col OPERATOR(pg_catalog.~) '<re>' COLLATE
/// pg_catalog.default`.
fn match_clause(col: &str, regex: &str) -> String {
    format!(
        "{col} OPERATOR(pg_catalog.~) {} COLLATE pg_catalog.default",
        string_literal(regex)
    )
}

/// `appendStringLiteralConn` against a server ≥ 8.1: a backslash forces the
/// `E'…'` form (pg_dump's way of avoiding escape_string_warning).
fn string_literal(s: &str) -> String {
    let escape = s.contains('\\');
    let mut out = String::with_capacity(s.len() + 3);
    if escape {
        out.push('E');
    }
    out.push('\'');
    for ch in s.chars() {
        if ch == '\'' || (escape && ch == '\\') {
            out.push(ch);
        }
        out.push(ch);
    }
    out.push('\'');
    out
}

/// The outcome of `patternToSQLRegex` for a caller with room for
/// `max_parts` parts.
struct Split {
    /// One anchored regex per part, at most `max_parts`.
    parts: Vec<String>,
    /// The first part as literal text, for the database name.
    db_literal: String,
    /// Every unquoted dot, including those past `max_parts` (which stay in
    /// the last part as a bare regex `.`).
    dots: usize,
}

impl Split {
    fn into_pattern(self) -> SqlPattern {
        let Split {
            mut parts,
            db_literal,
            ..
        } = self;
        let name = parts.pop();
        let schema = parts.pop();
        let dbname = parts.pop().map(|_| db_literal);
        SqlPattern {
            dbname,
            schema,
            name,
        }
    }
}

/// Regex specials that get a backslash inside double quotes (`$` is handled
/// on its own, quoted or not).
const QUOTED_SPECIALS: &str = "|*+?()[]{}.^\\";

/// The conversion of `patternToSQLRegex` (with `force_escape` off, as every
/// pg_dump caller has it).
fn split_pattern(pattern: &str, max_parts: usize) -> Split {
    let mut parts = Vec::with_capacity(max_parts);
    let mut cur = String::from("^(");
    let mut db_literal = String::new();
    // Still inside the first part: the literal database name grows.
    let mut in_first = true;
    let mut in_quotes = false;
    let mut dots = 0usize;

    let mut chars = pattern.chars().peekable();
    while let Some(ch) = chars.next() {
        let mut literal = None;
        match ch {
            '"' => {
                if in_quotes && chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                    literal = Some('"');
                } else {
                    in_quotes = !in_quotes;
                }
            }
            'A'..='Z' if !in_quotes => {
                let lower = ch.to_ascii_lowercase();
                cur.push(lower);
                literal = Some(lower);
            }
            '*' if !in_quotes => {
                cur.push_str(".*");
                literal = Some('*');
            }
            '?' if !in_quotes => {
                cur.push('.');
                literal = Some('?');
            }
            '.' if !in_quotes => {
                in_first = false;
                dots += 1;
                if parts.len() + 1 < max_parts {
                    cur.push_str(")$");
                    parts.push(std::mem::replace(&mut cur, String::from("^(")));
                } else {
                    cur.push('.');
                }
            }
            '$' => {
                cur.push_str("\\$");
                literal = Some('$');
            }
            _ => {
                // Quoted specials are escaped; unquoted ones pass through
                // as regex, except `[` opening `[]`.
                let quoted_special = in_quotes && QUOTED_SPECIALS.contains(ch);
                let array_brackets = ch == '[' && chars.peek() == Some(&']');
                if quoted_special || array_brackets {
                    cur.push('\\');
                }
                cur.push(ch);
                literal = Some(ch);
            }
        }
        if in_first && let Some(c) = literal {
            db_literal.push(c);
        }
    }
    cur.push_str(")$");
    parts.push(cur);

    Split {
        parts,
        db_literal,
        dots,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DB: &str = "postgres";

    fn rel(pattern: &str) -> (Option<String>, Option<String>, Option<String>) {
        let p = parse_relation_pattern(pattern, DB).unwrap();
        (p.dbname, p.schema, p.name)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    /// Relation patterns: (pattern, schema regex, name regex).
    #[test]
    fn relation_patterns_convert_like_pattern_to_sql_regex() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("public", None, "^(public)$"),
            ("Public", None, "^(public)$"),
            ("\"Public\"", None, "^(Public)$"),
            ("pub*", None, "^(pub.*)$"),
            ("p?b", None, "^(p.b)$"),
            ("\"my.schema\"", None, "^(my\\.schema)$"),
            ("s.t", Some("^(s)$"), "^(t)$"),
            ("\"s\".\"T\"", Some("^(s)$"), "^(T)$"),
            ("s.*", Some("^(s)$"), "^(.*)$"),
            ("*.t", Some("^(.*)$"), "^(t)$"),
            ("$x", None, "^(\\$x)$"),
            ("\"$x\"", None, "^(\\$x)$"),
            ("\"a\"\"b\"", None, "^(a\"b)$"),
            ("[x]", None, "^([x])$"),
            ("int[]", None, "^(int\\[])$"),
            ("\"int[]\"", None, "^(int\\[\\])$"),
            ("a+b", None, "^(a+b)$"),
            ("a(b)", None, "^(a(b))$"),
            ("a|b", None, "^(a|b)$"),
            ("^a", None, "^(^a)$"),
            ("a{2}", None, "^(a{2})$"),
            ("a\\d", None, "^(a\\d)$"),
            (
                "\"a+(b)|^c{1}\\\"",
                None,
                "^(a\\+\\(b\\)\\|\\^c\\{1\\}\\\\)$",
            ),
            ("\"*?\"", None, "^(\\*\\?)$"),
            ("ÉTé", None, "^(Été)$"),
            ("\"ÉTé\"", None, "^(ÉTé)$"),
            ("日本.表", Some("^(日本)$"), "^(表)$"),
            ("MiXeD\"CaSe\"x", None, "^(mixedCaSex)$"),
            ("a\"\"b", None, "^(ab)$"),
            ("\"open.quote", None, "^(open\\.quote)$"),
            ("with space", None, "^(with space)$"),
            ("'q'", None, "^('q')$"),
            ("", None, "^()$"),
            ("s.", Some("^(s)$"), "^()$"),
            (".t", Some("^()$"), "^(t)$"),
            ("**", None, "^(.*.*)$"),
            // An unquoted dot splits even where the user meant regex `.`.
            ("^a.*", Some("^(^a)$"), "^(.*)$"),
            ("(a|ab).t", Some("^((a|ab))$"), "^(t)$"),
        ];
        for &(pattern, schema, name) in cases {
            let (db, s, n) = rel(pattern);
            assert_eq!(db, None, "dbname of {pattern:?}");
            assert_eq!(s.as_deref(), schema, "schema regex of {pattern:?}");
            assert_eq!(n.as_deref(), Some(name), "name regex of {pattern:?}");
        }
    }

    #[test]
    fn three_part_relation_pattern_checks_the_literal_database_name() {
        assert_eq!(
            rel("postgres.s.t"),
            (some("postgres"), some("^(s)$"), some("^(t)$"))
        );
        // Unquoted letters fold; quotes vanish from the literal.
        let p = parse_relation_pattern("MyDb.s.t", "mydb").unwrap();
        assert_eq!(p.dbname, some("mydb"));
        let p = parse_relation_pattern("\"My\"\"Db\".s.t", "My\"Db").unwrap();
        assert_eq!(p.dbname, some("My\"Db"));
        // Wildcards are not expanded in the database part.
        assert_eq!(
            parse_relation_pattern("post*.s.t", DB),
            Err(PatternError::CrossDb("post*.s.t".to_owned()))
        );
        let p = parse_relation_pattern("d*$?.s.t", "d*$?").unwrap();
        assert_eq!(p.dbname, some("d*$?"));
        assert_eq!(
            parse_relation_pattern("MyDb.s.t", "MyDb"),
            Err(PatternError::CrossDb("MyDb.s.t".to_owned()))
        );
        assert_eq!(
            parse_relation_pattern("a.b.c", DB),
            Err(PatternError::CrossDb("a.b.c".to_owned()))
        );
        // A quoted dot does not count.
        assert_eq!(rel("\"a.b\".c"), (None, some("^(a\\.b)$"), some("^(c)$")));
    }

    #[test]
    fn too_many_dots_are_refused_per_kind() {
        assert_eq!(
            parse_relation_pattern("a.b.c.d", DB),
            Err(PatternError::TooManyDotsInRelation("a.b.c.d".to_owned()))
        );
        // Checked before the database name.
        assert_eq!(
            parse_relation_pattern("postgres.b.c.d", DB)
                .unwrap_err()
                .to_string(),
            "improper relation name (too many dotted names): postgres.b.c.d"
        );
        assert_eq!(
            parse_schema_pattern("a.b.c", DB).unwrap_err().to_string(),
            "improper qualified name (too many dotted names): a.b.c"
        );
        assert_eq!(
            parse_extension_pattern("a.b").unwrap_err().to_string(),
            "improper qualified name (too many dotted names): a.b"
        );
        assert_eq!(
            parse_extension_pattern("\"a.b\"").unwrap().name,
            some("^(a\\.b)$")
        );
    }

    #[test]
    fn schema_pattern_with_one_dot_is_always_cross_database() {
        for pattern in ["postgres.public", "x.y", ".public", "*.*"] {
            assert_eq!(
                parse_schema_pattern(pattern, DB).unwrap_err().to_string(),
                format!("cross-database references are not implemented: {pattern}")
            );
        }
        // Only an empty database name would get through, with the dot kept
        // as a bare regex dot.
        let p = parse_schema_pattern("a.b", "").unwrap();
        assert_eq!(p.name, some("^(a.b)$"));
        assert_eq!(p.dbname, None);
    }

    #[test]
    fn schema_and_extension_patterns_put_the_regex_in_name() {
        let p = parse_schema_pattern("Pub*", DB).unwrap();
        assert_eq!(
            p,
            SqlPattern {
                dbname: None,
                schema: None,
                name: some("^(pub.*)$")
            }
        );
        let p = parse_schema_pattern("\"my.schema\"", DB).unwrap();
        assert_eq!(p.name, some("^(my\\.schema)$"));
        let p = parse_extension_pattern("Plpg?ql").unwrap();
        assert_eq!(p.name, some("^(plpg.ql)$"));
    }

    #[test]
    fn lone_star_is_no_filter_but_still_a_schema_part() {
        let p = parse_relation_pattern("*.*", DB).unwrap();
        assert_eq!(p.schema_filter(), None);
        assert_eq!(p.name_filter(), None);
        assert!(p.has_schema_part());
        let p = parse_relation_pattern("*", DB).unwrap();
        assert!(!p.has_schema_part());
        let p = parse_relation_pattern("**.x", DB).unwrap();
        assert_eq!(p.schema_filter(), Some("^(.*.*)$"));
    }

    #[test]
    fn condition_matches_process_sql_name_pattern_text() {
        let cond = |pattern: &str| {
            condition(
                &parse_relation_pattern(pattern, DB).unwrap(),
                Some("n.nspname"),
                "c.relname",
                Some(TABLE_VISIBILITY_RULE),
            )
        };
        assert_eq!(
            cond("t"),
            "c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n  \
             AND pg_catalog.pg_table_is_visible(c.oid)"
        );
        assert_eq!(
            cond("s.t"),
            "c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n  \
             AND n.nspname OPERATOR(pg_catalog.~) '^(s)$' COLLATE pg_catalog.default"
        );
        assert_eq!(
            cond("*.t"),
            "c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default"
        );
        assert_eq!(cond("*"), "pg_catalog.pg_table_is_visible(c.oid)");
        assert_eq!(cond("*.*"), "true");
        assert_eq!(
            cond("s.*"),
            "n.nspname OPERATOR(pg_catalog.~) '^(s)$' COLLATE pg_catalog.default"
        );
        assert_eq!(
            cond("$x"),
            "c.relname OPERATOR(pg_catalog.~) E'^(\\\\$x)$' COLLATE pg_catalog.default\n  \
             AND pg_catalog.pg_table_is_visible(c.oid)"
        );
        assert_eq!(
            cond("'it''s'.x"),
            "c.relname OPERATOR(pg_catalog.~) '^(x)$' COLLATE pg_catalog.default\n  \
             AND n.nspname OPERATOR(pg_catalog.~) '^(''it''''s'')$' COLLATE pg_catalog.default"
        );
        let n = parse_schema_pattern("public", DB).unwrap();
        assert_eq!(
            condition(&n, None, "n.nspname", None),
            "n.nspname OPERATOR(pg_catalog.~) '^(public)$' COLLATE pg_catalog.default"
        );
    }

    #[test]
    fn condition_without_schema_column_uses_visibility() {
        let p = parse_relation_pattern("s.t", DB).unwrap();
        assert_eq!(
            condition(&p, None, "c.relname", Some("vis(c)")),
            "c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n  AND vis(c)"
        );
    }

    #[test]
    fn include_match_checks_follow_pg_dump() {
        use PatternKind::*;
        assert_eq!(check_include_matches(Schema, [], true), Ok(()));
        assert_eq!(
            check_include_matches(Schema, [("a", 1), ("b", 0)], false),
            Ok(())
        );
        assert_eq!(
            check_include_matches(Schema, [("a", 1), ("b", 0), ("c", 0)], true)
                .unwrap_err()
                .to_string(),
            "no matching schemas were found for pattern \"b\""
        );
        assert_eq!(
            check_include_matches(Table, [("a", 0), ("b", 0)], false)
                .unwrap_err()
                .to_string(),
            "no matching tables were found"
        );
        assert_eq!(
            check_include_matches(Table, [("x", 0)], true)
                .unwrap_err()
                .to_string(),
            "no matching tables were found for pattern \"x\""
        );
        assert_eq!(
            check_include_matches(Extension, [("e", 0)], false)
                .unwrap_err()
                .to_string(),
            "no matching extensions were found"
        );
        assert_eq!(
            check_include_matches(Extension, [("e", 0)], true)
                .unwrap_err()
                .to_string(),
            "no matching extensions were found for pattern \"e\""
        );
    }

    #[test]
    fn string_literal_mirrors_append_string_literal_conn() {
        assert_eq!(string_literal("a'b"), "'a''b'");
        assert_eq!(string_literal("a\\b'"), "E'a\\\\b'''");
        assert_eq!(string_literal("é"), "'é'");
    }
}
