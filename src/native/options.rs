//! Which pg_dump options the native engine honours, resolved from the validated [`DumpOptions`].
//! Any other option sends the request to pg_dump (auto mode), so the native engine never quietly
//! ignores something a caller asked for.

use crate::options::DumpOptions;

/// `--section` choices that matter for a schema-only dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections {
    pub pre_data: bool,
    pub post_data: bool,
}

/// The options a native dump honours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeOptions {
    pub no_owner: bool,
    pub no_privileges: bool,
    pub no_comments: bool,
    pub no_policies: bool,
    pub no_publications: bool,
    /// `-n`, `-N`, `-t`, `-T`, `--table-and-children`, `--exclude-table-and-children`, `-e`,
    /// `--exclude-extension`: the patterns as given, in command-line order.
    pub schemas: Vec<String>,
    pub exclude_schemas: Vec<String>,
    pub tables: Vec<String>,
    pub tables_and_children: Vec<String>,
    pub exclude_tables: Vec<String>,
    pub exclude_tables_and_children: Vec<String>,
    pub extensions: Vec<String>,
    pub exclude_extensions: Vec<String>,
    pub strict_names: bool,
    pub clean: bool,
    pub if_exists: bool,
    pub sections: Sections,
    pub quote_all_identifiers: bool,
    pub restrict_key: Option<String>,
    pub no_tablespaces: bool,
    pub no_table_access_method: bool,
    pub lock_wait_timeout: Option<String>,
    /// Table data is part of the dump (no `-s`: `--section` alone chose what is printed), so
    /// pg_dump makes its data objects, e.g. REFRESH MATERIALIZED VIEW in post-data.
    pub dumps_data: bool,
}

/// Options the native engine accepts and what it does with each.
const NATIVE: &[&str] = &[
    "schema-only",
    "no-owner",
    "no-privileges",
    "no-comments",
    "schema",
    "exclude-schema",
    "table",
    "exclude-table",
    "table-and-children",
    "exclude-table-and-children",
    "extension",
    "exclude-extension",
    "strict-names",
    "clean",
    "if-exists",
    "section",
    "quote-all-identifiers",
    "restrict-key",
    "encoding",
    "no-tablespaces",
    "no-table-access-method",
    "lock-wait-timeout",
    "no-password",
    "no-publications",
    // Objects of these kinds are never rendered natively (their presence falls back), so
    // leaving them out changes nothing.
    "no-subscriptions",
    "no-security-labels",
    "no-policies",
];

/// Why a request is not served natively.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotNative {
    #[error("not a schema-only dump")]
    NotSchemaOnly,
    #[error("option --{0} is not supported by the native engine")]
    Option(String),
    #[error("encoding {0} is not supported by the native engine (UTF8 is)")]
    Encoding(String),
    /// A selection pattern the server rejects as a regular expression: pg_dump's error names
    /// its own query, so pg_dump reports it.
    #[error("a selection pattern is not a valid regular expression ({0})")]
    Pattern(String),
}

impl NativeOptions {
    /// Resolves the options, or says why the native engine cannot serve them.
    pub fn from_dump_options(opts: &DumpOptions) -> Result<Self, NotNative> {
        for o in &opts.options {
            let name = o.spec.target();
            if !NATIVE.contains(&name) {
                return Err(NotNative::Option(name.to_string()));
            }
        }
        let sections_given = opts.values("section");
        let sections = if sections_given.is_empty() {
            Sections {
                pre_data: true,
                post_data: true,
            }
        } else {
            let mut s = Sections {
                pre_data: false,
                post_data: false,
            };
            for v in &sections_given {
                match *v {
                    "pre-data" => s.pre_data = true,
                    "post-data" => s.post_data = true,
                    _ => return Err(NotNative::NotSchemaOnly),
                }
            }
            s
        };
        if !opts.has("schema-only") && sections_given.is_empty() {
            return Err(NotNative::NotSchemaOnly);
        }
        if let Some(enc) = opts.values("encoding").last() {
            let norm = enc.to_ascii_uppercase().replace(['-', '_'], "");
            if norm != "UTF8" && norm != "UNICODE" {
                return Err(NotNative::Encoding((*enc).to_string()));
            }
        }
        let values = |long: &str| -> Vec<String> {
            opts.values(long).iter().map(|s| s.to_string()).collect()
        };
        Ok(NativeOptions {
            no_owner: opts.has("no-owner"),
            no_privileges: opts.has("no-privileges"),
            no_comments: opts.has("no-comments"),
            no_policies: opts.has("no-policies"),
            no_publications: opts.has("no-publications"),
            schemas: values("schema"),
            exclude_schemas: values("exclude-schema"),
            tables: values("table"),
            tables_and_children: values("table-and-children"),
            exclude_tables: values("exclude-table"),
            exclude_tables_and_children: values("exclude-table-and-children"),
            extensions: values("extension"),
            exclude_extensions: values("exclude-extension"),
            strict_names: opts.has("strict-names"),
            clean: opts.has("clean"),
            if_exists: opts.has("if-exists"),
            sections,
            quote_all_identifiers: opts.has("quote-all-identifiers"),
            restrict_key: opts.values("restrict-key").last().map(|s| s.to_string()),
            no_tablespaces: opts.has("no-tablespaces"),
            no_table_access_method: opts.has("no-table-access-method"),
            lock_wait_timeout: opts
                .values("lock-wait-timeout")
                .last()
                .map(|s| s.to_string()),
            dumps_data: !opts.has("schema-only"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::parse_args;

    fn resolve(args: &[&str]) -> Result<NativeOptions, NotNative> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let opts = parse_args(&args).unwrap().into_api_options().unwrap();
        NativeOptions::from_dump_options(&opts)
    }

    #[test]
    fn hasura_migration_options_are_native() {
        let o = resolve(&["-O", "-x", "--schema-only", "--schema", "public"]).unwrap();
        assert!(o.no_owner && o.no_privileges);
        assert_eq!(o.schemas, vec!["public"]);
    }

    #[test]
    fn data_dumps_and_unknown_options_are_not() {
        assert_eq!(
            resolve(&["--data-only"]),
            Err(NotNative::Option("data-only".into()))
        );
        assert_eq!(
            resolve(&["-s", "--exclude-table-data", "x"]),
            Err(NotNative::Option("exclude-table-data".into()))
        );
        assert_eq!(resolve(&["-n", "x"]), Err(NotNative::NotSchemaOnly));
        assert_eq!(
            resolve(&["-s", "--column-inserts"]),
            Err(NotNative::Option("column-inserts".into()))
        );
        assert_eq!(
            resolve(&["-s", "-E", "LATIN1"]),
            Err(NotNative::Encoding("LATIN1".into()))
        );
    }

    #[test]
    fn object_patterns_keep_their_order_per_option() {
        let o = resolve(&[
            "-s",
            "-t",
            "a*",
            "-T",
            "b",
            "--table=\"C\"",
            "--table-and-children",
            "p",
            "--exclude-table-and-children=q",
            "-e",
            "pg_trgm",
            "--exclude-extension",
            "citext",
            "-N",
            "x",
        ])
        .unwrap();
        assert_eq!(o.tables, vec!["a*", "\"C\""]);
        assert_eq!(o.exclude_tables, vec!["b"]);
        assert_eq!(o.tables_and_children, vec!["p"]);
        assert_eq!(o.exclude_tables_and_children, vec!["q"]);
        assert_eq!(o.extensions, vec!["pg_trgm"]);
        assert_eq!(o.exclude_extensions, vec!["citext"]);
        assert_eq!(o.exclude_schemas, vec!["x"]);
    }

    #[test]
    fn sections_limited_to_schema_count_as_schema_only() {
        let o = resolve(&["--section=pre-data"]).unwrap();
        assert_eq!(
            o.sections,
            Sections {
                pre_data: true,
                post_data: false
            }
        );
        assert_eq!(resolve(&["--section=data"]), Err(NotNative::NotSchemaOnly));
    }
}
