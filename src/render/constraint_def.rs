//! The text of a plain PRIMARY KEY, UNIQUE or FOREIGN KEY constraint, the same as the server's
//! `pg_get_constraintdef` prints it (ruleutils.c pg_get_constraintdef_worker), so that the
//! server need not deparse it. "Plain" is decided by `sql/constraints.sql`: a key on columns
//! only (no INCLUDE, PERIOD or WITHOUT OVERLAPS, no SET NULL/DEFAULT column list, enforced).
//! Names arrive quoted by the server (`quote_ident`), as pg_get_constraintdef quotes them.

/// A plain key's parts, names already quoted.
#[derive(Debug, Clone, Default)]
pub struct KeyText<'a> {
    /// `p`, `u` or `f`.
    pub contype: char,
    pub columns: Vec<&'a str>,
    pub nulls_not_distinct: bool,
    /// Foreign keys: the referenced table (`schema.table`) and columns, `confmatchtype`,
    /// `confupdtype`, `confdeltype`.
    pub ref_table: &'a str,
    pub ref_columns: Vec<&'a str>,
    pub match_type: char,
    pub on_update: char,
    pub on_delete: char,
    pub deferrable: bool,
    pub deferred: bool,
    pub validated: bool,
}

/// `PRIMARY KEY (a)`, `UNIQUE [NULLS NOT DISTINCT ](a)`, or `FOREIGN KEY (a) REFERENCES s.t(b)
/// [MATCH FULL] [ON UPDATE x] [ON DELETE y]`, then `DEFERRABLE`, `INITIALLY DEFERRED`,
/// `NOT VALID` as they apply.
pub fn key_text(k: &KeyText) -> String {
    let mut s = match k.contype {
        'p' => format!("PRIMARY KEY ({})", k.columns.join(", ")),
        'u' if k.nulls_not_distinct => {
            format!("UNIQUE NULLS NOT DISTINCT ({})", k.columns.join(", "))
        }
        'u' => format!("UNIQUE ({})", k.columns.join(", ")),
        _ => format!(
            "FOREIGN KEY ({}) REFERENCES {}({})",
            k.columns.join(", "),
            k.ref_table,
            k.ref_columns.join(", ")
        ),
    };
    if k.contype == 'f' {
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
        let mut k = KeyText {
            contype: 'p',
            columns: vec!["a", "\"B\""],
            validated: true,
            ..Default::default()
        };
        assert_eq!(key_text(&k), "PRIMARY KEY (a, \"B\")");
        k.contype = 'u';
        k.nulls_not_distinct = true;
        k.deferrable = true;
        k.deferred = true;
        assert_eq!(
            key_text(&k),
            "UNIQUE NULLS NOT DISTINCT (a, \"B\") DEFERRABLE INITIALLY DEFERRED"
        );
    }

    #[test]
    fn foreign_keys() {
        let mut k = KeyText {
            contype: 'f',
            columns: vec!["a"],
            ref_table: "s.\"T\"",
            ref_columns: vec!["id"],
            match_type: 's',
            on_update: 'a',
            on_delete: 'a',
            validated: true,
            ..Default::default()
        };
        assert_eq!(key_text(&k), "FOREIGN KEY (a) REFERENCES s.\"T\"(id)");
        k.match_type = 'f';
        k.on_update = 'c';
        k.on_delete = 'n';
        k.validated = false;
        assert_eq!(
            key_text(&k),
            "FOREIGN KEY (a) REFERENCES s.\"T\"(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL NOT VALID"
        );
    }
}
