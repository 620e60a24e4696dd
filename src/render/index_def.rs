//! `CREATE INDEX` text of a plain index, the same as the server's `pg_get_indexdef` prints it
//! (ruleutils.c pg_get_indexdef_worker), so that the server need not deparse it: pg_dump asks
//! for that text for every index, and it is the costliest part of a large dump's catalog reads.
//!
//! "Plain" is decided by `sql/indexes.sql`: every key column is a table column with its type's
//! default operator class and its collation, no per-column options, ordering flags only on
//! btree, no storage parameters, no expressions. Every name arrives quoted by the server
//! (`quote_ident`, with the server's keyword list and `quote_all_identifiers`, as
//! pg_get_indexdef quotes), and the predicate is the server's `pg_get_expr` text.

/// `pg_index.indoption` bits (catalog/pg_index.h).
const DESC: i16 = 0x0001;
const NULLS_FIRST: i16 = 0x0002;

/// The parts of a plain index, names already quoted.
#[derive(Debug, Clone, Default)]
pub struct PlainIndex {
    pub name: String,
    /// `schema.table`.
    pub table: String,
    pub method: String,
    /// Key columns, then INCLUDE columns.
    pub columns: Vec<String>,
    pub key_count: usize,
    /// Per key column: `indoption` (DESC, NULLS FIRST).
    pub options: Vec<i16>,
    pub predicate: Option<String>,
    pub unique: bool,
    pub nulls_not_distinct: bool,
    /// A partitioned table's own index: `ON ONLY`.
    pub only: bool,
}

/// `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING method (columns) [INCLUDE (...)]
/// [NULLS NOT DISTINCT] [WHERE predicate]`, without the final semicolon.
pub fn plain_index(ix: &PlainIndex) -> String {
    let mut s = format!(
        "CREATE {}INDEX {} ON {}{} USING {} (",
        if ix.unique { "UNIQUE " } else { "" },
        ix.name,
        if ix.only { "ONLY " } else { "" },
        ix.table,
        ix.method
    );
    for (i, column) in ix.columns.iter().enumerate() {
        if i == ix.key_count {
            s.push_str(") INCLUDE (");
        } else if i > 0 {
            s.push_str(", ");
        }
        s.push_str(column);
        if i < ix.key_count {
            let option = ix.options.get(i).copied().unwrap_or(0);
            if option & DESC != 0 {
                s.push_str(" DESC");
                if option & NULLS_FIRST == 0 {
                    s.push_str(" NULLS LAST");
                }
            } else if option & NULLS_FIRST != 0 {
                s.push_str(" NULLS FIRST");
            }
        }
    }
    s.push(')');
    if ix.nulls_not_distinct {
        s.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(predicate) = &ix.predicate {
        s.push_str(" WHERE ");
        s.push_str(predicate);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(columns: &[&str], key_count: usize) -> PlainIndex {
        PlainIndex {
            name: "i".into(),
            table: "public.t".into(),
            method: "btree".into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            key_count,
            options: vec![0; key_count],
            ..Default::default()
        }
    }

    #[test]
    fn one_column() {
        assert_eq!(
            plain_index(&index(&["a"], 1)),
            "CREATE INDEX i ON public.t USING btree (a)"
        );
    }

    #[test]
    fn ordering_include_and_predicate() {
        let mut ix = index(&["a", "\"B\"", "c", "d", "e"], 4);
        ix.options = vec![DESC, DESC | NULLS_FIRST, NULLS_FIRST, 0];
        ix.unique = true;
        ix.predicate = Some("(a > 0)".into());
        assert_eq!(
            plain_index(&ix),
            "CREATE UNIQUE INDEX i ON public.t USING btree (a DESC NULLS LAST, \"B\" DESC, \
             c NULLS FIRST, d) INCLUDE (e) WHERE (a > 0)"
        );
    }

    #[test]
    fn partitioned_and_nulls_not_distinct() {
        let mut ix = index(&["a", "b"], 1);
        ix.only = true;
        ix.unique = true;
        ix.nulls_not_distinct = true;
        assert_eq!(
            plain_index(&ix),
            "CREATE UNIQUE INDEX i ON ONLY public.t USING btree (a) INCLUDE (b) NULLS NOT DISTINCT"
        );
    }
}
