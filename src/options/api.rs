//! The HTTP API policy over parsed arguments ([`ParsedArgs::into_api_options`])
//! and its result, [`DumpOptions`]: the vetted options and how to hand them
//! to the real pg_dump.
//!
//! The canonical form handed to pg_dump is `--long` or `--long=value`, one
//! argument per option, in the user's order. With `=` glibc `getopt_long`
//! never looks at the next argument and never abbreviates an exact name, so
//! pg_dump cannot read these differently from how we did, whatever the
//! values contain (leading `-`, `=`, empty).

use super::error::OptionsError;
use super::getopt::{ParsedArgs, ParsedOption};
use super::spec::{ArgKind, Policy, R_POSITIONAL, by_long, format_refusal};

/// Longest value one option may carry. Linux refuses to exec a program with an argument over
/// 128 KiB (`MAX_ARG_STRLEN`), and no pattern or name a dump needs comes near this.
pub const MAX_VALUE_BYTES: usize = 64 * 1024;

/// Largest pg_dump command line (each canonical argument, its NUL and its `argv` pointer) we hand
/// to exec. Linux allows argv and the environment together a quarter of the stack limit
/// (`ARG_MAX`, usually 2 MiB) and fails the spawn with E2BIG past it; the canonical long forms
/// can make a 1 MiB request body several times larger (`-s` becomes `--schema-only`), so the
/// bound is checked here, where it is a 400, rather than met at exec as a 500. Half a megabyte
/// still holds some ten thousand `--table` patterns.
pub const MAX_COMMAND_LINE_BYTES: usize = 512 * 1024;

/// Options that passed the API policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DumpOptions {
    pub options: Vec<ParsedOption>,
}

impl ParsedArgs {
    /// Apply the HTTP API policy: refuse what escapes the database or touches
    /// server files (see the table in `spec.rs` for each decision).
    ///
    /// Options are checked in order and the first offender is reported;
    /// positionals are checked after all options.
    pub fn into_api_options(self) -> Result<DumpOptions, OptionsError> {
        for option in &self.options {
            check(option)?;
        }
        if let Some(argument) = self.positionals.into_iter().next() {
            return Err(OptionsError::Positional {
                argument,
                reason: R_POSITIONAL,
            });
        }
        let options = DumpOptions {
            options: self.options,
        };
        let args = options.to_pg_dump_args();
        let bytes: usize = args
            .iter()
            .map(|a| a.len() + 1 + std::mem::size_of::<usize>())
            .sum();
        if bytes > MAX_COMMAND_LINE_BYTES {
            return Err(OptionsError::CommandLineTooLong {
                count: args.len(),
                bytes,
                max: MAX_COMMAND_LINE_BYTES,
            });
        }
        Ok(options)
    }
}

fn check(option: &ParsedOption) -> Result<(), OptionsError> {
    let spec = option.spec;
    let spelling = || option.spelling.clone();
    // ParsedArgs has public fields, so it may not come from the parser; a
    // required option without a value would make pg_dump swallow the next
    // argument, so re-check the shape here.
    match (spec.arg, &option.value) {
        (ArgKind::Required, None) => {
            return Err(OptionsError::MissingArgument {
                spelling: spelling(),
                name: spec.display_name(),
            });
        }
        (ArgKind::None, Some(_)) => {
            return Err(OptionsError::UnexpectedArgument {
                spelling: spelling(),
                name: spec.display_name(),
            });
        }
        _ => {}
    }
    match spec.policy {
        Policy::Allowed => {}
        Policy::Refused(reason) => {
            return Err(OptionsError::Refused {
                spelling: spelling(),
                name: spec.display_name(),
                reason,
            });
        }
        Policy::FormatCheck => {
            // Every -F is checked, not just the last one (which is the one
            // pg_dump would use): simpler to explain, and nobody needs it.
            let value = option.value.as_deref().unwrap_or_default();
            if let Some(reason) = format_refusal(value) {
                return Err(OptionsError::FormatRefused {
                    spelling: spelling(),
                    name: spec.display_name(),
                    value: value.to_owned(),
                    reason,
                });
            }
        }
    }
    if option.value.as_deref().is_some_and(|v| v.contains('\0')) {
        return Err(OptionsError::NulInValue {
            spelling: spelling(),
            name: spec.display_name(),
        });
    }
    if let Some(len) = option.value.as_ref().map(String::len)
        && len > MAX_VALUE_BYTES
    {
        return Err(OptionsError::ValueTooLong {
            spelling: spelling(),
            name: spec.display_name(),
            len,
            max: MAX_VALUE_BYTES,
        });
    }
    Ok(())
}

impl DumpOptions {
    /// Canonical arguments for the real pg_dump: each option in long form,
    /// `--long` or `--long=value`, in the original order (so pg_dump can never
    /// read them differently than we did). Aliases become their documented
    /// name (`-x`, `--no-acl` → `--no-privileges`).
    pub fn to_pg_dump_args(&self) -> Vec<String> {
        self.options
            .iter()
            .map(|o| match &o.value {
                Some(value) => format!("{}={value}", o.spec.canonical_flag()),
                None => o.spec.canonical_flag(),
            })
            .collect()
    }

    /// Whether the option with this long name (no dashes) was given under any
    /// of its spellings: `has("no-privileges")` is true for `-x` and
    /// `--no-acl`, and so is `has("no-acl")`.
    pub fn has(&self, long: &str) -> bool {
        self.matching(long).next().is_some()
    }

    /// All values of a repeatable option, in order, e.g. `values("schema")`.
    pub fn values(&self, long: &str) -> Vec<&str> {
        self.matching(long)
            .filter_map(|o| o.value.as_deref())
            .collect()
    }

    fn matching<'a>(&'a self, long: &str) -> impl Iterator<Item = &'a ParsedOption> {
        // Resolve aliases on the query side too; an unknown name matches
        // nothing (an empty one would otherwise match the nameless -X).
        let target = by_long(long).map(|s| s.target());
        self.options
            .iter()
            .filter(move |o| target.is_some_and(|t| o.spec.target() == t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::parse_args;

    fn api(list: &[&str]) -> Result<DumpOptions, OptionsError> {
        let args: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        parse_args(&args)?.into_api_options()
    }

    fn allowed(list: &[&str]) -> DumpOptions {
        match api(list) {
            Ok(d) => d,
            Err(e) => panic!("{list:?}: {e}"),
        }
    }

    fn refused(list: &[&str]) -> OptionsError {
        match api(list) {
            Ok(d) => panic!("{list:?} allowed: {:?}", d.to_pg_dump_args()),
            Err(e) => e,
        }
    }

    /// Asserts a policy refusal of `long` spelled as `spelling`.
    fn assert_refused(list: &[&str], spelling: &str, long: &str) {
        match refused(list) {
            OptionsError::Refused {
                spelling: s, name, ..
            } => {
                assert_eq!((s.as_str(), name.as_str()), (spelling, long), "{list:?}");
            }
            other => panic!("{list:?}: expected refusal, got {other}"),
        }
    }

    /// Every way to spell an option with an argument: short alone,
    /// attached, bundled after other flags, long, long with `=`, and an
    /// unambiguous abbreviation.
    fn spellings_with_value(
        short: char,
        long: &str,
        abbrev: Option<&str>,
    ) -> Vec<(Vec<String>, String)> {
        let s = |v: &[String]| v.to_vec();
        let short_sp = format!("-{short}");
        let long_sp = format!("--{long}");
        let mut all = vec![
            (s(&[short_sp.clone(), "v".into()]), short_sp.clone()),
            (s(&[format!("-{short}v")]), short_sp.clone()),
            (s(&[format!("-Ox{short}v")]), short_sp.clone()),
            (
                s(&["-x".into(), format!("-O{short}"), "v".into()]),
                short_sp.clone(),
            ),
            (s(&[long_sp.clone(), "v".into()]), long_sp.clone()),
            (s(&[format!("{long_sp}=v")]), long_sp.clone()),
            (s(&[format!("{long_sp}=")]), long_sp),
        ];
        if let Some(abbrev) = abbrev {
            let abbrev_sp = format!("--{abbrev}");
            all.push((s(&[abbrev_sp.clone(), "v".into()]), abbrev_sp.clone()));
            all.push((s(&[format!("{abbrev_sp}=v")]), abbrev_sp));
        }
        all
    }

    fn check_refused_with_value(short: char, long: &str, abbrev: Option<&str>) {
        for (list, spelling) in spellings_with_value(short, long, abbrev) {
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            assert_refused(&list, &spelling, &format!("--{long}"));
        }
    }

    #[test]
    fn file_is_refused_in_every_spelling() {
        // Every abbreviation of "file" (f, fi, fil) is also one of "filter".
        check_refused_with_value('f', "file", None);
        assert_refused(&["-Oxf/tmp/x"], "-f", "--file");
        let e = refused(&["-f", "/tmp/x"]);
        assert_eq!(
            e.to_string(),
            "option \"-f\" (--file) is not allowed: it would write a file on the server"
        );
        assert_eq!(e.option(), Some("-f"));
    }

    #[test]
    fn file_abbreviations_are_ambiguous_with_filter_and_still_rejected() {
        for list in [
            vec!["--fi=/tmp/x"],
            vec!["--fil", "/tmp/x"],
            vec!["-x", "--fil=/tmp/x"],
        ] {
            assert!(
                matches!(refused(&list), OptionsError::Ambiguous { .. }),
                "{list:?}"
            );
        }
        let e = refused(&["--fil=/tmp/x"]);
        assert_eq!(
            e,
            OptionsError::Ambiguous {
                spelling: "--fil".into(),
                candidates: vec!["file", "filter"]
            }
        );
        assert!(!e.is_refusal());
    }

    #[test]
    fn filter_is_refused_in_every_long_spelling() {
        for (list, spelling) in [
            (vec!["--filter", "/etc/passwd"], "--filter"),
            (vec!["--filter=/etc/passwd"], "--filter"),
            (vec!["--filt=/etc/passwd"], "--filt"),
            (vec!["--filte", "x"], "--filte"),
        ] {
            assert_refused(&list, spelling, "--filter");
        }
        assert!(
            refused(&["--filter=x"])
                .to_string()
                .contains("read a filter file on the server")
        );
    }

    #[test]
    fn jobs_is_refused_in_every_spelling() {
        check_refused_with_value('j', "jobs", Some("jo"));
    }

    #[test]
    fn connection_targets_are_refused_in_every_spelling() {
        check_refused_with_value('d', "dbname", Some("db"));
        check_refused_with_value('h', "host", Some("ho"));
        check_refused_with_value('p', "port", Some("po"));
        check_refused_with_value('U', "username", Some("user"));
    }

    #[test]
    fn compress_is_refused_in_every_spelling_and_value() {
        check_refused_with_value('Z', "compress", Some("comp"));
        for v in ["0", "none", "gzip:9", "zstd"] {
            assert_refused(&["-Z", v], "-Z", "--compress");
        }
        assert!(refused(&["-Z0"]).to_string().contains("compressed bytes"));
    }

    #[test]
    fn password_prompt_is_refused_but_no_password_is_allowed() {
        for (list, spelling) in [
            (vec!["-W"], "-W"),
            (vec!["-xW"], "-W"),
            (vec!["-Wx"], "-W"),
            (vec!["--password"], "--password"),
            (vec!["--pas"], "--pas"),
        ] {
            assert_refused(&list, spelling, "--password");
        }
        assert!(
            refused(&["-W"])
                .to_string()
                .contains("prompt for a password")
        );
        let d = allowed(&["-w", "--no-password", "--no-passw", "-xw"]);
        assert_eq!(
            d.to_pg_dump_args(),
            [
                "--no-password",
                "--no-password",
                "--no-password",
                "--no-privileges",
                "--no-password"
            ]
        );
    }

    #[test]
    fn password_abbreviation_pa_is_ambiguous_with_nothing_else() {
        // "--pa" only matches "password" ("port" does not start with "pa").
        assert_refused(&["--pa"], "--pa", "--password");
        assert!(matches!(refused(&["--p"]), OptionsError::Ambiguous { .. }));
    }

    #[test]
    fn help_and_version_are_refused() {
        for (list, spelling, long) in [
            (vec!["-?"], "-?", "--help"),
            (vec!["--help"], "--help", "--help"),
            (vec!["--help", "-n", "x"], "--help", "--help"),
            (vec!["-x", "--help"], "--help", "--help"),
            (vec!["-x", "--he"], "--he", "--help"),
            (vec!["-V"], "-V", "--version"),
            (vec!["--version"], "--version", "--version"),
            (vec!["-x", "--vers"], "--vers", "--version"),
        ] {
            assert_refused(&list, spelling, long);
        }
        assert!(refused(&["-V"]).to_string().contains("version"));
        assert!(refused(&["-?"]).to_string().contains("help"));
        // Not first: not an option at all for pg_dump, still rejected.
        for list in [vec!["-x", "-V"], vec!["-xV"], vec!["-x", "-?"]] {
            assert!(
                matches!(refused(&list), OptionsError::Unrecognized { .. }),
                "{list:?}"
            );
        }
    }

    #[test]
    fn capital_x_is_refused() {
        assert_refused(&["-X"], "-X", "-X");
        assert_refused(&["-OX"], "-X", "-X");
    }

    #[test]
    fn format_archives_are_refused_in_every_spelling() {
        for v in [
            "c",
            "custom",
            "t",
            "tar",
            "d",
            "directory",
            "C",
            "Tar",
            "DIRECTORY",
            "a",
            "append",
            "x",
            "",
        ] {
            let short_attached = format!("-F{v}");
            let bundled = format!("-OxF{v}");
            let long_eq = format!("--format={v}");
            let abbrev_eq = format!("--form={v}");
            for (list, spelling) in [
                (vec!["-F", v], "-F"),
                (vec![short_attached.as_str()], "-F"),
                (vec![bundled.as_str()], "-F"),
                (vec!["-xF", v], "-F"),
                (vec!["--format", v], "--format"),
                (vec![long_eq.as_str()], "--format"),
                (vec![abbrev_eq.as_str()], "--form"),
                (vec!["--fo", v], "--fo"),
            ] {
                // "-F" + "" is just "-F", which then lacks its argument.
                if v.is_empty() && list.len() == 1 && !list[0].starts_with("--") {
                    continue;
                }
                match refused(&list) {
                    OptionsError::FormatRefused {
                        spelling: s,
                        name,
                        value,
                        ..
                    } => {
                        assert_eq!(
                            (s.as_str(), name.as_str(), value.as_str()),
                            (spelling, "--format", v)
                        );
                    }
                    other => panic!("{list:?}: {other}"),
                }
            }
        }
    }

    #[test]
    fn format_refusal_messages_give_the_reason() {
        assert_eq!(
            refused(&["-Fc"]).to_string(),
            "option \"-F\" (--format) with value \"c\" is not allowed: \
             the custom format is a binary archive, and the API returns SQL text"
        );
        assert!(
            refused(&["-Fd"])
                .to_string()
                .contains("would write files on the server")
        );
        assert!(
            refused(&["--format=tar"])
                .to_string()
                .contains("returns SQL text")
        );
    }

    #[test]
    fn format_plain_is_accepted_in_every_spelling() {
        for list in [
            vec!["-Fp"],
            vec!["-FP"],
            vec!["-F", "p"],
            vec!["-F", "plain"],
            vec!["-xFplain"],
            vec!["--format=PLAIN"],
            vec!["--format", "Plain"],
            vec!["--form=p"],
            vec!["--fo", "p"],
        ] {
            let d = allowed(&list);
            assert!(d.has("format"), "{list:?}");
            assert!(
                d.to_pg_dump_args()
                    .iter()
                    .any(|a| a.starts_with("--format=")),
                "{list:?}"
            );
        }
        assert_eq!(allowed(&["-Fp"]).to_pg_dump_args(), ["--format=p"]);
    }

    #[test]
    fn a_later_plain_does_not_excuse_an_earlier_archive_format() {
        assert!(matches!(
            refused(&["-Fc", "-Fp"]),
            OptionsError::FormatRefused { .. }
        ));
        assert!(matches!(
            refused(&["-Fp", "-Fd"]),
            OptionsError::FormatRefused { .. }
        ));
    }

    #[test]
    fn refused_options_are_refused_when_repeated_or_after_allowed_ones() {
        assert_refused(&["-x", "-n", "s", "-f", "a", "-f", "b"], "-f", "--file");
        assert_refused(&["-h", "a", "-h", "b"], "-h", "--host");
        // The first offender in order is the one reported.
        assert_refused(&["-U", "u", "-f", "x"], "-U", "--username");
    }

    #[test]
    fn positional_anywhere_is_refused() {
        for list in [
            vec!["mydb"],
            vec!["mydb", "-x"],
            vec!["-x", "mydb"],
            vec!["-x", "mydb", "-O"],
            vec!["-x", "--", "mydb"],
            vec!["--", "-x"],
            vec!["-"],
            vec![""],
        ] {
            match refused(&list) {
                OptionsError::Positional { argument, reason } => {
                    assert!(list.contains(&argument.as_str()), "{list:?}");
                    assert!(reason.contains("database name"));
                }
                other => panic!("{list:?}: {other}"),
            }
        }
        assert_eq!(refused(&["-x", "--", "-x"]).option(), Some("-x"));
        assert_eq!(refused(&["a", "b"]).option(), Some("a"));
    }

    #[test]
    fn refused_options_are_reported_before_positionals() {
        assert_refused(&["mydb", "-f", "x"], "-f", "--file");
    }

    #[test]
    fn a_refused_option_swallowed_as_a_value_is_just_a_value() {
        // getopt reads "-f" as the schema name, so pg_dump writes no file.
        let d = allowed(&["-n", "-f"]);
        assert_eq!(d.to_pg_dump_args(), ["--schema=-f"]);
        assert_eq!(d.values("schema"), ["-f"]);
    }

    #[test]
    fn hasura_cli_default_opts_pass_and_canonicalise() {
        let d = allowed(&["-O", "-x", "--schema-only", "--schema", "public"]);
        assert_eq!(
            d.to_pg_dump_args(),
            [
                "--no-owner",
                "--no-privileges",
                "--schema-only",
                "--schema=public"
            ]
        );
        assert!(d.has("schema-only"));
        assert!(d.has("no-acl"));
        assert_eq!(d.values("schema"), ["public"]);
    }

    #[test]
    fn hasura_data_only_opts_pass_and_canonicalise() {
        let d = allowed(&[
            "--no-owner",
            "--no-acl",
            "--data-only",
            "--column-inserts",
            "--table",
            "\"s\".\"t\"",
        ]);
        assert_eq!(
            d.to_pg_dump_args(),
            [
                "--no-owner",
                "--no-privileges",
                "--data-only",
                "--column-inserts",
                "--table=\"s\".\"t\""
            ]
        );
        assert_eq!(d.values("table"), ["\"s\".\"t\""]);
    }

    #[test]
    fn canonical_args_keep_awkward_values_attached() {
        let d = allowed(&["-n", "-x", "--table=", "-t", "a=b", "--exclude-table", "--"]);
        assert_eq!(
            d.to_pg_dump_args(),
            [
                "--schema=-x",
                "--table=",
                "--table=a=b",
                "--exclude-table=--"
            ]
        );
    }

    #[test]
    fn canonical_args_use_full_names_for_abbreviations_and_aliases() {
        let d = allowed(&[
            "--schema-o",
            "--no-ac",
            "--blobs",
            "--no-blobs",
            "--attr",
            "--enc",
            "UTF8",
        ]);
        assert_eq!(
            d.to_pg_dump_args(),
            [
                "--schema-only",
                "--no-privileges",
                "--large-objects",
                "--no-large-objects",
                "--column-inserts",
                "--encoding=UTF8"
            ]
        );
        assert!(d.has("attribute-inserts") && d.has("column-inserts"));
        assert!(d.has("blobs") && d.has("large-objects"));
    }

    #[test]
    fn has_and_values_on_absent_and_unknown_names() {
        let d = allowed(&["-n", "a", "--schema=b", "-x"]);
        assert_eq!(d.values("schema"), ["a", "b"]);
        assert!(d.values("table").is_empty());
        assert!(!d.has("schema-only"));
        assert!(!d.has("sch"), "no abbreviations on the query side");
        assert!(!d.has(""));
        assert!(!d.has("bogus"));
    }

    #[test]
    fn empty_request_is_allowed() {
        let d = allowed(&[]);
        assert!(d.to_pg_dump_args().is_empty());
    }

    #[test]
    fn every_allowed_option_passes_in_long_form() {
        for spec in crate::options::spec::OPTIONS {
            if spec.policy != Policy::Allowed {
                continue;
            }
            let arg = match spec.arg {
                ArgKind::None => format!("--{}", spec.long),
                _ => format!("--{}=v", spec.long),
            };
            let d = allowed(&[arg.as_str()]);
            assert!(d.has(spec.long), "{arg}");
            assert_eq!(d.options.len(), 1);
        }
    }

    #[test]
    fn every_refused_option_is_refused_in_long_and_short_form() {
        for spec in crate::options::spec::OPTIONS {
            let Policy::Refused(reason) = spec.policy else {
                continue;
            };
            let value: &[&str] = if spec.arg == ArgKind::Required {
                &["v"]
            } else {
                &[]
            };
            let mut forms = Vec::new();
            if !spec.long.is_empty() {
                forms.push(format!("--{}", spec.long));
            }
            if let Some(c) = spec.short {
                forms.push(format!("-{c}"));
            }
            for form in forms {
                let mut list = vec![form.as_str()];
                list.extend_from_slice(value);
                match refused(&list) {
                    OptionsError::Refused { reason: r, .. } => assert_eq!(r, reason),
                    other => panic!("{list:?}: {other}"),
                }
            }
        }
    }

    #[test]
    fn nul_in_a_value_is_refused() {
        let e = refused(&["-n", "a\0b"]);
        assert_eq!(
            e,
            OptionsError::NulInValue {
                spelling: "-n".into(),
                name: "--schema".into()
            }
        );
    }

    #[test]
    fn oversized_values_are_refused() {
        let long = "x".repeat(MAX_VALUE_BYTES + 1);
        match refused(&["-t", &long]) {
            OptionsError::ValueTooLong { spelling, len, .. } => {
                assert_eq!((spelling.as_str(), len), ("-t", MAX_VALUE_BYTES + 1));
            }
            other => panic!("expected ValueTooLong, got {other}"),
        }
        allowed(&["-t", &"x".repeat(MAX_VALUE_BYTES)]);
    }

    #[test]
    fn command_lines_exec_would_refuse_are_refused() {
        // Each `-s` becomes `--schema-only`: 22 bytes of argv for 2 bytes of request.
        let many: Vec<&str> = vec!["-s"; 100_000];
        match refused(&many) {
            OptionsError::CommandLineTooLong { count, bytes, max } => {
                assert_eq!(count, 100_000);
                assert!(bytes > max, "{bytes} > {max}");
            }
            other => panic!("expected CommandLineTooLong, got {other}"),
        }
        // Thousands of table patterns, as a seed of many tables sends, still fit.
        let tables: Vec<String> = (0..5_000).map(|i| format!("-tpublic.table_{i}")).collect();
        let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
        allowed(&tables);
    }

    #[test]
    fn hand_built_args_with_a_missing_value_are_refused() {
        let Some(schema) = by_long("schema") else {
            panic!()
        };
        let Some(only) = by_long("schema-only") else {
            panic!()
        };
        let missing = ParsedArgs {
            options: vec![ParsedOption {
                spec: schema,
                value: None,
                spelling: "-n".into(),
            }],
            positionals: vec![],
        };
        assert!(matches!(
            missing.into_api_options(),
            Err(OptionsError::MissingArgument { .. })
        ));
        let extra = ParsedArgs {
            options: vec![ParsedOption {
                spec: only,
                value: Some("x".into()),
                spelling: "-s".into(),
            }],
            positionals: vec![],
        };
        assert!(matches!(
            extra.into_api_options(),
            Err(OptionsError::UnexpectedArgument { .. })
        ));
    }
}
