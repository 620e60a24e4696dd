//! The text of key constraints, printed by the client rather than deparsed by the server:
//! - PRIMARY KEY and UNIQUE as pg_dump's dumpConstraint prints them itself (it never asks the
//!   server for their text): its own quoting of the column names, INCLUDE columns and the
//!   index's storage parameters;
//! - a plain FOREIGN KEY (columns only: no PERIOD, no SET NULL/DEFAULT column list, enforced) as
//!   the server's `pg_get_constraintdef` prints it (ruleutils.c pg_get_constraintdef_worker),
//!   with the names quoted by the server (`quote_ident`).

/// A PRIMARY KEY or UNIQUE constraint's parts, names already quoted as pg_dump quotes them.
#[derive(Debug, Clone, Default)]
pub struct IndexKey<'a> {
    pub primary: bool,
    pub nulls_not_distinct: bool,
    pub columns: Vec<&'a str>,
    pub without_overlaps: bool,
    pub included: Vec<&'a str>,
    /// The index's storage parameters, rendered (empty: none).
    pub options: &'a str,
    pub deferrable: bool,
    pub deferred: bool,
}

/// `PRIMARY KEY (a, b)` or `UNIQUE [NULLS NOT DISTINCT] (a) [INCLUDE (c)] [WITH (...)]
/// [DEFERRABLE [INITIALLY DEFERRED]]`. A primary key never says NULLS NOT DISTINCT (pg_dump
/// leaves it out so that the dump restores).
pub fn index_key_text(k: &IndexKey) -> String {
    let mut s = String::from(if k.primary { "PRIMARY KEY" } else { "UNIQUE" });
    if k.nulls_not_distinct && !k.primary {
        s.push_str(" NULLS NOT DISTINCT");
    }
    s.push_str(" (");
    s.push_str(&k.columns.join(", "));
    if k.without_overlaps {
        s.push_str(" WITHOUT OVERLAPS");
    }
    if !k.included.is_empty() {
        s.push_str(") INCLUDE (");
        s.push_str(&k.included.join(", "));
    }
    s.push(')');
    if !k.options.is_empty() {
        s.push_str(" WITH (");
        s.push_str(k.options);
        s.push(')');
    }
    if k.deferrable {
        s.push_str(" DEFERRABLE");
        if k.deferred {
            s.push_str(" INITIALLY DEFERRED");
        }
    }
    s
}

/// A plain foreign key's parts, names already quoted by the server.
#[derive(Debug, Clone, Default)]
pub struct ForeignKey<'a> {
    pub columns: Vec<&'a str>,
    /// `schema.table`.
    pub ref_table: &'a str,
    pub ref_columns: Vec<&'a str>,
    /// `confmatchtype`, `confupdtype`, `confdeltype`.
    pub match_type: char,
    pub on_update: char,
    pub on_delete: char,
    pub deferrable: bool,
    pub deferred: bool,
    pub validated: bool,
}

/// `FOREIGN KEY (a) REFERENCES s.t(b) [MATCH FULL] [ON UPDATE x] [ON DELETE y] [DEFERRABLE]
/// [INITIALLY DEFERRED] [NOT VALID]`.
pub fn foreign_key_text(k: &ForeignKey) -> String {
    let mut s = format!(
        "FOREIGN KEY ({}) REFERENCES {}({})",
        k.columns.join(", "),
        k.ref_table,
        k.ref_columns.join(", ")
    );
    match k.match_type {
        'f' => s.push_str(" MATCH FULL"),
        'p' => s.push_str(" MATCH PARTIAL"),
        _ => {}
    }
    if let Some(action) = action(k.on_update) {
        s.push_str(" ON UPDATE ");
        s.push_str(action);
    }
    if let Some(action) = action(k.on_delete) {
        s.push_str(" ON DELETE ");
        s.push_str(action);
    }
    if k.deferrable {
        s.push_str(" DEFERRABLE");
    }
    if k.deferred {
        s.push_str(" INITIALLY DEFERRED");
    }
    if !k.validated {
        s.push_str(" NOT VALID");
    }
    s
}

/// A foreign key action (`confupdtype`, `confdeltype`); `None` for NO ACTION, the default.
fn action(code: char) -> Option<&'static str> {
    match code {
        'r' => Some("RESTRICT"),
        'c' => Some("CASCADE"),
        'n' => Some("SET NULL"),
        'd' => Some("SET DEFAULT"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_and_unique_keys() {
        let mut k = IndexKey {
            primary: true,
            nulls_not_distinct: true,
            columns: vec!["a", "\"B\""],
            ..Default::default()
        };
        assert_eq!(index_key_text(&k), "PRIMARY KEY (a, \"B\")");
        k.primary = false;
        k.included = vec!["c"];
        k.options = "fillfactor='70'";
        k.deferrable = true;
        k.deferred = true;
        assert_eq!(
            index_key_text(&k),
            "UNIQUE NULLS NOT DISTINCT (a, \"B\") INCLUDE (c) WITH (fillfactor='70') \
             DEFERRABLE INITIALLY DEFERRED"
        );
    }

    #[test]
    fn foreign_keys() {
        let mut k = ForeignKey {
            columns: vec!["a"],
            ref_table: "s.\"T\"",
            ref_columns: vec!["id"],
            match_type: 's',
            on_update: 'a',
            on_delete: 'a',
            validated: true,
            ..Default::default()
        };
        assert_eq!(
            foreign_key_text(&k),
            "FOREIGN KEY (a) REFERENCES s.\"T\"(id)"
        );
        k.match_type = 'f';
        k.on_update = 'c';
        k.on_delete = 'n';
        k.validated = false;
        assert_eq!(
            foreign_key_text(&k),
            "FOREIGN KEY (a) REFERENCES s.\"T\"(id) MATCH FULL ON UPDATE CASCADE \
             ON DELETE SET NULL NOT VALID"
        );
    }
}
