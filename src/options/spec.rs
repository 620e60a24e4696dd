//! The option table: one [`OptionSpec`] per option that pg_dump 18 accepts,
//! with its spelling (long name, short letter), its argument kind and the
//! HTTP API policy decision for it.
//!
//! The table was written by reading `src/bin/pg_dump/pg_dump.c` of
//! PostgreSQL 18.6 (the `long_options[]` array, the short-option string
//! passed to `getopt_long` in `main`, the `--help`/`--version` check that
//! runs before `getopt_long`, and the `help()` text); nothing was copied from
//! it. The tests at the bottom hard-code what was read there so a drift
//! between this table and pg_dump shows up as a failing test.

/// Whether an option takes an argument, as glibc `getopt_long`'s `has_arg`
/// (`no_argument`, `required_argument`, `optional_argument`) describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// Never takes an argument; `--name=value` is an error.
    None,
    /// Takes the rest of the cluster, the text after `=`, or the next
    /// argument, whatever that next argument looks like.
    Required,
    /// Takes an argument only when it is attached (`-Xvalue`, `--name=value`).
    /// pg_dump 18 has no such option; the parser supports it because glibc does.
    Optional,
}

/// What the HTTP API does with an option. The command-line front end ignores
/// this: there, `-f` or a database name are legitimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Passed through to pg_dump.
    Allowed,
    /// Refused, with a human reason that ends up in the error message.
    Refused(&'static str),
    /// Allowed only when the value names the plain-text format (`-F`/`--format`);
    /// see [`format_refusal`].
    FormatCheck,
}

/// One option pg_dump 18 accepts.
#[derive(Debug, PartialEq, Eq)]
pub struct OptionSpec {
    /// Long name without the leading `--`. Empty only for `-X`, the one
    /// letter of pg_dump's getopt string that has no long form.
    pub long: &'static str,
    /// The short letter, if the option has one.
    pub short: Option<char>,
    /// Whether the option takes an argument.
    pub arg: ArgKind,
    /// HTTP API decision.
    pub policy: Policy,
    /// For a second long name of the same option (`--no-acl` for
    /// `--no-privileges`), the name pg_dump's `--help` documents. In glibc's
    /// terms the two entries have the same `flag` and `val`, which matters
    /// for abbreviation ambiguity and lets us canonicalise to one name.
    pub alias_of: Option<&'static str>,
    /// pg_dump recognises `-V` and `-?` only when the whole first argument is
    /// exactly that text (or the exact long name), and it checks this before
    /// `getopt_long` runs; neither letter is in its getopt string, so anywhere
    /// else `-V` is an invalid option. True for those two entries.
    pub short_first_arg_only: bool,
}

impl OptionSpec {
    /// The long name this option canonicalises to: the documented name for
    /// an alias, the option's own name otherwise. Two entries with the same
    /// target and the same [`ArgKind`] are the same option (glibc compares
    /// `has_arg`, `flag` and `val` for that).
    pub fn target(&self) -> &'static str {
        self.alias_of.unwrap_or(self.long)
    }

    /// How to name the option to a human: `--long`, or `-X` when there is no
    /// long name.
    pub fn display_name(&self) -> String {
        if self.long.is_empty() {
            self.short.map(|c| format!("-{c}")).unwrap_or_default()
        } else {
            format!("--{}", self.long)
        }
    }

    /// The flag to hand to the real pg_dump: `--` plus the target's long
    /// name, or `-X` for a short-only option.
    pub fn canonical_flag(&self) -> String {
        let target = self.target();
        if target.is_empty() {
            self.display_name()
        } else {
            format!("--{target}")
        }
    }
}

/// Shorthand for the table below; the `const fn` builders keep each row on
/// one line so the table reads like pg_dump's own.
pub(crate) const fn opt(
    long: &'static str,
    short: Option<char>,
    arg: ArgKind,
    policy: Policy,
) -> OptionSpec {
    OptionSpec {
        long,
        short,
        arg,
        policy,
        alias_of: None,
        short_first_arg_only: false,
    }
}

impl OptionSpec {
    pub(crate) const fn alias(self, of: &'static str) -> OptionSpec {
        OptionSpec {
            alias_of: Some(of),
            ..self
        }
    }

    pub(crate) const fn first_arg_only(self) -> OptionSpec {
        OptionSpec {
            short_first_arg_only: true,
            ..self
        }
    }
}

// Short names so each table row fits on one line.
use ArgKind::{None as NoArg, Required as Req};
use Policy::{Allowed as OK, FormatCheck, Refused};

// Refusal reasons. The API's contract is "SQL text for the configured
// database", so an option is refused when it would write or read files on the
// server, pick another database or credentials, or make pg_dump print
// something other than SQL text.
const R_FILE: &str = "it would write a file on the server";
const R_JOBS: &str =
    "parallel dumps need the directory format, which would write files on the server";
const R_DBNAME: &str = "the database to dump is fixed by the server's configuration";
const R_HOST: &str = "the database host is fixed by the server's configuration";
const R_PORT: &str = "the database port is fixed by the server's configuration";
const R_USER: &str = "the database user is fixed by the server's configuration";
const R_PASSWORD: &str = "it would make pg_dump prompt for a password on the server";
// pg_dump compresses plain-format output too (its archiver opens stdout
// through the compression layer when -Z is given), so the "SQL" would be
// gzip/lz4/zstd bytes. Even "-Z 0"/"none" is refused: it can only
// ever be a no-op, and a blanket rule is easier to state.
const R_COMPRESS: &str = "it makes pg_dump write compressed bytes, and the API returns SQL text";
const R_HELP: &str = "it prints pg_dump's help instead of a dump, and the API returns SQL text";
const R_VERSION: &str =
    "it prints pg_dump's version instead of a dump, and the API returns SQL text";
const R_FILTER: &str = "it would read a filter file on the server";
// pg_dump's getopt string contains "X" but its switch has no case for it, so
// getopt accepts -X and pg_dump then fails with "Try --help".
const R_X: &str =
    "pg_dump 18 accepts -X in its getopt string but has no handler for it and always fails";

/// Reason given for a positional argument: pg_dump reads the first one as
/// the database name and refuses any further one.
pub const R_POSITIONAL: &str = "pg_dump would read it as a database name, and the database to dump is fixed by the server's configuration";

/// Every option of pg_dump 18, in the order of its `long_options[]` array,
/// followed by `-X` (getopt string only).
///
/// Decisions worth a note (everything not refused is passed through):
/// - `-E/--encoding` is allowed; the server adds its own `--encoding` too.
/// - `-w/--no-password` is allowed (it only forbids a prompt), `-W` is not.
/// - `--role` is allowed: it is `SET ROLE` inside the configured connection,
///   and PostgreSQL itself checks that the configured user may assume it.
/// - `--include-foreign-data` is allowed: the rows come through foreign
///   tables defined in the configured database, under its user mappings and
///   privileges (what a `SELECT` on them returns); pg_dump opens no other
///   connection.
/// - `--snapshot`, `--lock-wait-timeout`, `--sync-method`, `--no-sync`,
///   `-S/--superuser`, `--restrict-key`, `--binary-upgrade` only change the
///   SQL produced or session settings; nothing reaches the filesystem (the
///   sync options only matter when pg_dump writes files, which `-f` refusal
///   rules out).
/// - `-R/--no-reconnect` is a no-op pg_dump keeps for compatibility.
pub static OPTIONS: &[OptionSpec] = &[
    opt("data-only", Some('a'), NoArg, OK),
    opt("blobs", None, NoArg, OK).alias("large-objects"),
    opt("large-objects", Some('b'), NoArg, OK),
    opt("no-blobs", None, NoArg, OK).alias("no-large-objects"),
    opt("no-large-objects", Some('B'), NoArg, OK),
    opt("clean", Some('c'), NoArg, OK),
    opt("create", Some('C'), NoArg, OK),
    opt("dbname", Some('d'), Req, Refused(R_DBNAME)),
    opt("extension", Some('e'), Req, OK),
    opt("file", Some('f'), Req, Refused(R_FILE)),
    opt("format", Some('F'), Req, FormatCheck),
    opt("host", Some('h'), Req, Refused(R_HOST)),
    opt("jobs", Some('j'), Req, Refused(R_JOBS)),
    opt("no-reconnect", Some('R'), NoArg, OK),
    opt("no-owner", Some('O'), NoArg, OK),
    opt("port", Some('p'), Req, Refused(R_PORT)),
    opt("schema", Some('n'), Req, OK),
    opt("exclude-schema", Some('N'), Req, OK),
    opt("schema-only", Some('s'), NoArg, OK),
    opt("superuser", Some('S'), Req, OK),
    opt("table", Some('t'), Req, OK),
    opt("exclude-table", Some('T'), Req, OK),
    opt("no-password", Some('w'), NoArg, OK),
    opt("password", Some('W'), NoArg, Refused(R_PASSWORD)),
    opt("username", Some('U'), Req, Refused(R_USER)),
    opt("verbose", Some('v'), NoArg, OK),
    opt("no-privileges", Some('x'), NoArg, OK),
    opt("no-acl", None, NoArg, OK).alias("no-privileges"),
    opt("compress", Some('Z'), Req, Refused(R_COMPRESS)),
    opt("encoding", Some('E'), Req, OK),
    opt("help", Some('?'), NoArg, Refused(R_HELP)).first_arg_only(),
    opt("version", Some('V'), NoArg, Refused(R_VERSION)).first_arg_only(),
    // Long-only options (pg_dump sets most of them through getopt's `flag`).
    // --attribute-inserts sets the same flag to the same value as
    // --column-inserts, so glibc treats the two as one option.
    opt("attribute-inserts", None, NoArg, OK).alias("column-inserts"),
    opt("binary-upgrade", None, NoArg, OK),
    opt("column-inserts", None, NoArg, OK),
    opt("disable-dollar-quoting", None, NoArg, OK),
    opt("disable-triggers", None, NoArg, OK),
    opt("enable-row-security", None, NoArg, OK),
    opt("exclude-table-data", None, Req, OK),
    opt("extra-float-digits", None, Req, OK),
    opt("if-exists", None, NoArg, OK),
    opt("inserts", None, NoArg, OK),
    opt("lock-wait-timeout", None, Req, OK),
    opt("no-table-access-method", None, NoArg, OK),
    opt("no-tablespaces", None, NoArg, OK),
    opt("quote-all-identifiers", None, NoArg, OK),
    opt("load-via-partition-root", None, NoArg, OK),
    opt("role", None, Req, OK),
    opt("section", None, Req, OK),
    opt("serializable-deferrable", None, NoArg, OK),
    opt("snapshot", None, Req, OK),
    opt("statistics", None, NoArg, OK),
    opt("statistics-only", None, NoArg, OK),
    opt("strict-names", None, NoArg, OK),
    opt("use-set-session-authorization", None, NoArg, OK),
    opt("no-comments", None, NoArg, OK),
    opt("no-data", None, NoArg, OK),
    opt("no-policies", None, NoArg, OK),
    opt("no-publications", None, NoArg, OK),
    opt("no-schema", None, NoArg, OK),
    opt("no-security-labels", None, NoArg, OK),
    opt("no-statistics", None, NoArg, OK),
    opt("no-subscriptions", None, NoArg, OK),
    opt("no-toast-compression", None, NoArg, OK),
    opt("no-unlogged-table-data", None, NoArg, OK),
    opt("no-sync", None, NoArg, OK),
    opt("on-conflict-do-nothing", None, NoArg, OK),
    opt("rows-per-insert", None, Req, OK),
    opt("include-foreign-data", None, Req, OK),
    opt("table-and-children", None, Req, OK),
    opt("exclude-table-and-children", None, Req, OK),
    opt("exclude-table-data-and-children", None, Req, OK),
    opt("sync-method", None, Req, OK),
    opt("filter", None, Req, Refused(R_FILTER)),
    opt("exclude-extension", None, Req, OK),
    opt("sequence-data", None, NoArg, OK),
    opt("restrict-key", None, Req, OK),
    // In the getopt string only; see R_X.
    opt("", Some('X'), NoArg, Refused(R_X)),
];

/// The entry with exactly this long name (no abbreviation), if any.
pub fn by_long(long: &str) -> Option<&'static OptionSpec> {
    if long.is_empty() {
        return None;
    }
    OPTIONS.iter().find(|s| s.long == long)
}

/// Why a `-F`/`--format` value is refused, or `None` for plain text.
///
/// Mirrors pg_dump's `parseArchiveFormat`: one-letter or full names,
/// compared ASCII-case-insensitively (`pg_strcasecmp`).
pub fn format_refusal(value: &str) -> Option<&'static str> {
    let is = |short: &str, long: &str| {
        value.eq_ignore_ascii_case(short) || value.eq_ignore_ascii_case(long)
    };
    if is("p", "plain") {
        None
    } else if is("c", "custom") {
        Some("the custom format is a binary archive, and the API returns SQL text")
    } else if is("t", "tar") {
        Some("the tar format is an archive, not SQL text, and the API returns SQL text")
    } else if is("d", "directory") {
        Some("the directory format would write files on the server")
    } else if is("a", "append") {
        // Undocumented: pg_dumpall uses it to append to its own output file.
        Some("the append mode is internal to pg_dumpall")
    } else {
        Some("pg_dump knows no such format, and only plain (p) is accepted")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// `long_options[]` of PostgreSQL 18.6's pg_dump.c, in order, with
    /// has_arg (true = required_argument). Hard-coded on purpose: this is the
    /// cross-check against the table above.
    const PG_DUMP_18_LONG_OPTIONS: &[(&str, bool)] = &[
        ("data-only", false),
        ("blobs", false),
        ("large-objects", false),
        ("no-blobs", false),
        ("no-large-objects", false),
        ("clean", false),
        ("create", false),
        ("dbname", true),
        ("extension", true),
        ("file", true),
        ("format", true),
        ("host", true),
        ("jobs", true),
        ("no-reconnect", false),
        ("no-owner", false),
        ("port", true),
        ("schema", true),
        ("exclude-schema", true),
        ("schema-only", false),
        ("superuser", true),
        ("table", true),
        ("exclude-table", true),
        ("no-password", false),
        ("password", false),
        ("username", true),
        ("verbose", false),
        ("no-privileges", false),
        ("no-acl", false),
        ("compress", true),
        ("encoding", true),
        ("help", false),
        ("version", false),
        ("attribute-inserts", false),
        ("binary-upgrade", false),
        ("column-inserts", false),
        ("disable-dollar-quoting", false),
        ("disable-triggers", false),
        ("enable-row-security", false),
        ("exclude-table-data", true),
        ("extra-float-digits", true),
        ("if-exists", false),
        ("inserts", false),
        ("lock-wait-timeout", true),
        ("no-table-access-method", false),
        ("no-tablespaces", false),
        ("quote-all-identifiers", false),
        ("load-via-partition-root", false),
        ("role", true),
        ("section", true),
        ("serializable-deferrable", false),
        ("snapshot", true),
        ("statistics", false),
        ("statistics-only", false),
        ("strict-names", false),
        ("use-set-session-authorization", false),
        ("no-comments", false),
        ("no-data", false),
        ("no-policies", false),
        ("no-publications", false),
        ("no-schema", false),
        ("no-security-labels", false),
        ("no-statistics", false),
        ("no-subscriptions", false),
        ("no-toast-compression", false),
        ("no-unlogged-table-data", false),
        ("no-sync", false),
        ("on-conflict-do-nothing", false),
        ("rows-per-insert", true),
        ("include-foreign-data", true),
        ("table-and-children", true),
        ("exclude-table-and-children", true),
        ("exclude-table-data-and-children", true),
        ("sync-method", true),
        ("filter", true),
        ("exclude-extension", true),
        ("sequence-data", false),
        ("restrict-key", true),
    ];

    /// The short-option string pg_dump 18 passes to getopt_long.
    const PG_DUMP_18_GETOPT: &str = "abBcCd:e:E:f:F:h:j:n:N:Op:RsS:t:T:U:vwWxXZ:";

    /// Parses a getopt string into (letter, takes_argument).
    fn getopt_letters(s: &str) -> Vec<(char, bool)> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if c != ':' {
                out.push((c, chars.get(i + 1) == Some(&':')));
            }
        }
        out
    }

    #[test]
    fn table_has_every_long_option_in_order_with_its_arg_kind() {
        assert_eq!(PG_DUMP_18_LONG_OPTIONS.len(), 77);
        let table_longs: Vec<(&str, bool)> = OPTIONS
            .iter()
            .filter(|s| !s.long.is_empty())
            .map(|s| (s.long, s.arg == ArgKind::Required))
            .collect();
        assert_eq!(table_longs, PG_DUMP_18_LONG_OPTIONS);
        // pg_dump 18 has no optional-argument option.
        assert!(OPTIONS.iter().all(|s| s.arg != ArgKind::Optional));
    }

    #[test]
    fn table_has_every_getopt_letter_with_its_arg_kind() {
        let letters = getopt_letters(PG_DUMP_18_GETOPT);
        assert_eq!(letters.len(), 28);
        for (c, takes_arg) in &letters {
            let specs: Vec<&OptionSpec> = OPTIONS
                .iter()
                .filter(|s| s.short == Some(*c) && !s.short_first_arg_only)
                .collect();
            assert_eq!(specs.len(), 1, "letter {c}");
            assert_eq!(specs[0].arg == ArgKind::Required, *takes_arg, "letter {c}");
        }
        // And no getopt letter in the table that pg_dump does not have.
        let getopt_set: HashSet<char> = letters.iter().map(|(c, _)| *c).collect();
        for s in OPTIONS.iter().filter(|s| !s.short_first_arg_only) {
            if let Some(c) = s.short {
                assert!(
                    getopt_set.contains(&c),
                    "letter {c} not in pg_dump's getopt string"
                );
            }
        }
    }

    #[test]
    fn only_help_and_version_are_first_argument_only() {
        let first_only: Vec<(&str, Option<char>)> = OPTIONS
            .iter()
            .filter(|s| s.short_first_arg_only)
            .map(|s| (s.long, s.short))
            .collect();
        assert_eq!(first_only, [("help", Some('?')), ("version", Some('V'))]);
    }

    #[test]
    fn table_size_is_long_options_plus_short_only_x() {
        assert_eq!(OPTIONS.len(), 78);
        let x: Vec<&OptionSpec> = OPTIONS.iter().filter(|s| s.long.is_empty()).collect();
        assert_eq!(x.len(), 1);
        assert_eq!(x[0].short, Some('X'));
        assert_eq!(x[0].display_name(), "-X");
        assert_eq!(x[0].canonical_flag(), "-X");
    }

    #[test]
    fn long_names_and_short_letters_are_unique() {
        let mut longs = HashSet::new();
        let mut shorts = HashSet::new();
        for s in OPTIONS {
            if !s.long.is_empty() {
                assert!(longs.insert(s.long), "duplicate --{}", s.long);
            }
            if let Some(c) = s.short {
                assert!(shorts.insert(c), "duplicate -{c}");
            }
        }
    }

    #[test]
    fn aliases_point_at_a_documented_option_of_the_same_kind() {
        let aliases: Vec<(&str, &str)> = OPTIONS
            .iter()
            .filter_map(|s| s.alias_of.map(|of| (s.long, of)))
            .collect();
        assert_eq!(
            aliases,
            [
                ("blobs", "large-objects"),
                ("no-blobs", "no-large-objects"),
                ("no-acl", "no-privileges"),
                ("attribute-inserts", "column-inserts"),
            ]
        );
        for s in OPTIONS {
            if let Some(of) = s.alias_of {
                let target = by_long(of).expect("alias target exists");
                assert_eq!(target.alias_of, None, "aliases are one level deep");
                assert_eq!(target.arg, s.arg);
                assert_eq!(target.policy, s.policy);
                assert_eq!(
                    s.short, None,
                    "the short letter sits on the documented name"
                );
            }
        }
    }

    #[test]
    fn x_letter_canonicalises_to_no_privileges() {
        let x = OPTIONS.iter().find(|s| s.short == Some('x'));
        assert_eq!(
            x.map(|s| s.canonical_flag()).as_deref(),
            Some("--no-privileges")
        );
        assert_eq!(
            by_long("no-acl").map(|s| s.canonical_flag()).as_deref(),
            Some("--no-privileges")
        );
    }

    #[test]
    fn refused_set_is_exactly_the_documented_one() {
        let refused: Vec<String> = OPTIONS
            .iter()
            .filter(|s| matches!(s.policy, Policy::Refused(_)))
            .map(|s| s.display_name())
            .collect();
        assert_eq!(
            refused,
            [
                "--dbname",
                "--file",
                "--host",
                "--jobs",
                "--port",
                "--password",
                "--username",
                "--compress",
                "--help",
                "--version",
                "--filter",
                "-X",
            ]
        );
        let checked: Vec<&str> = OPTIONS
            .iter()
            .filter(|s| s.policy == Policy::FormatCheck)
            .map(|s| s.long)
            .collect();
        assert_eq!(checked, ["format"]);
    }

    #[test]
    fn allowed_neighbours_of_refused_options_stay_allowed() {
        for long in [
            "no-password",
            "encoding",
            "snapshot",
            "role",
            "superuser",
            "include-foreign-data",
        ] {
            assert_eq!(
                by_long(long).map(|s| s.policy),
                Some(Policy::Allowed),
                "{long}"
            );
        }
    }

    #[test]
    fn by_long_is_exact_and_ignores_the_nameless_entry() {
        assert_eq!(by_long("schema").map(|s| s.short), Some(Some('n')));
        assert!(by_long("sch").is_none());
        assert!(by_long("").is_none());
    }

    #[test]
    fn format_plain_in_every_case_is_accepted() {
        for v in ["p", "P", "plain", "PLAIN", "Plain"] {
            assert_eq!(format_refusal(v), None, "{v}");
        }
    }

    #[test]
    fn format_archives_and_unknown_values_are_refused_with_reasons() {
        for v in ["c", "C", "custom", "Custom", "t", "tar", "TAR"] {
            assert!(
                format_refusal(v).is_some_and(|r| r.contains("SQL text")),
                "{v}"
            );
        }
        for v in ["d", "directory", "Directory"] {
            assert!(
                format_refusal(v).is_some_and(|r| r.contains("files on the server")),
                "{v}"
            );
        }
        for v in ["a", "append"] {
            assert!(
                format_refusal(v).is_some_and(|r| r.contains("pg_dumpall")),
                "{v}"
            );
        }
        for v in ["", "pl", "plain ", "x"] {
            assert!(
                format_refusal(v).is_some_and(|r| r.contains("no such format")),
                "{v:?}"
            );
        }
    }
}
