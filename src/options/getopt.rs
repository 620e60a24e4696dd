//! The argument grammar: a re-implementation of glibc `getopt_long` as
//! pg_dump on Linux runs it, producing [`ParsedArgs`]. No policy here; the
//! command-line front end uses this as is, where `-f` and a database name are
//! fine.
//!
//! glibc behaviour mirrored (glibc 2.26+ `getopt.c`, in its default
//! "permute" mode, which pg_dump gets because its option string does not
//! start with `+` or `-`):
//! - `-abc` is a cluster of short options; an option taking an argument
//!   takes the rest of the cluster (`-npublic`, `-xnpublic`) or, if the
//!   cluster ends there, the next argument whatever it looks like (`-n -x`,
//!   `-n --`); an optional argument is only ever the rest of the cluster;
//! - `--name=value` and `--name value` (required argument), `--name=`
//!   gives an empty value, optional arguments only with `=`;
//! - a long name may be abbreviated; an exact match always wins; a prefix of
//!   several options is ambiguous unless all of them have the same
//!   `has_arg` and the same target (glibc: same `flag` and `val`);
//! - `--` ends the options, a lone `-` is a positional argument, and
//!   positional arguments may appear anywhere (glibc permutes them to the
//!   end; their relative order is kept, which is all we record);
//! - the first error in left-to-right order is the one reported (pg_dump
//!   exits on the first `?` getopt returns).
//!
//! pg_dump behaviour mirrored: before calling getopt, pg_dump looks at its
//! first argument only, and if it is exactly `--help`/`-?` or
//! `--version`/`-V` acts on it and exits, ignoring everything else. That is
//! the only place `-?` and `-V` are options; see
//! [`OptionSpec::short_first_arg_only`].
//!
//! Not mirrored: the `POSIXLY_CORRECT` environment variable (which makes
//! glibc stop at the first positional). The arguments we hand to pg_dump
//! never contain positionals, so it cannot change how pg_dump reads them.

use super::error::OptionsError;
use super::spec::{ArgKind, OptionSpec};

/// One option occurrence, in command-line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedOption {
    /// The table entry that matched: for `--no-acl` the `no-acl` entry
    /// (whose [`OptionSpec::target`] is `no-privileges`), for `-x` the
    /// `no-privileges` entry.
    pub spec: &'static OptionSpec,
    /// The argument, if any; `Some("")` for `--schema=`.
    pub value: Option<String>,
    /// The option as written: `-n` (even inside a cluster like `-xnpublic`)
    /// or `--sch` (the name part, without `=value`).
    pub spelling: String,
}

/// Result of parsing: options in command-line order, then positional
/// arguments in theirs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedArgs {
    pub options: Vec<ParsedOption>,
    pub positionals: Vec<String>,
}

/// Parses `args` (without the program name) against `table`.
pub fn parse_with(
    table: &'static [OptionSpec],
    args: &[String],
) -> Result<ParsedArgs, OptionsError> {
    if let Some(first) = args.first()
        && let Some(spec) = first_arg_option(table, first)
    {
        // pg_dump handles this before getopt and exits, so the rest of the
        // arguments are never looked at, not even for errors.
        return Ok(ParsedArgs {
            options: vec![ParsedOption {
                spec,
                value: None,
                spelling: first.clone(),
            }],
            positionals: Vec::new(),
        });
    }

    let mut parsed = ParsedArgs::default();
    let mut next = 0;
    while let Some(arg) = args.get(next) {
        next += 1;
        if arg == "--" {
            parsed.positionals.extend(args[next..].iter().cloned());
            break;
        }
        // glibc's test for a non-option: not starting with '-', or exactly "-".
        if !arg.starts_with('-') || arg == "-" {
            parsed.positionals.push(arg.clone());
            continue;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (option, took_next) = parse_long(table, body, args.get(next))?;
            if took_next {
                next += 1;
            }
            parsed.options.push(option);
        } else {
            let took_next = parse_cluster(table, &arg[1..], args.get(next), &mut parsed.options)?;
            if took_next {
                next += 1;
            }
        }
    }
    Ok(parsed)
}

/// pg_dump's pre-getopt check of its first argument: exact text only.
fn first_arg_option(table: &'static [OptionSpec], first: &str) -> Option<&'static OptionSpec> {
    table.iter().filter(|s| s.short_first_arg_only).find(|s| {
        first.strip_prefix("--") == Some(s.long)
            || s.short.is_some_and(|c| {
                let mut chars = first.chars();
                chars.next() == Some('-') && chars.next() == Some(c) && chars.next().is_none()
            })
    })
}

/// One `--name[=value]` argument. Returns the option and whether the next
/// argument was consumed as its value.
fn parse_long(
    table: &'static [OptionSpec],
    body: &str,
    following: Option<&String>,
) -> Result<(ParsedOption, bool), OptionsError> {
    // glibc splits at the first '=': the name can't contain one, the value can.
    let (name, attached) = match body.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (body, None),
    };
    let spelling = format!("--{name}");
    let spec = find_long(table, name, &spelling)?;
    let option = |value: Option<&str>| ParsedOption {
        spec,
        value: value.map(str::to_owned),
        spelling: spelling.clone(),
    };
    match (spec.arg, attached) {
        (ArgKind::None, Some(_)) => Err(OptionsError::UnexpectedArgument {
            spelling: spelling.clone(),
            name: spec.display_name(),
        }),
        (_, Some(value)) => Ok((option(Some(value)), false)),
        // glibc takes the next argument unconditionally, even "--" or "-x".
        (ArgKind::Required, None) => match following {
            Some(value) => Ok((option(Some(value)), true)),
            None => Err(OptionsError::MissingArgument {
                spelling: spelling.clone(),
                name: spec.display_name(),
            }),
        },
        (ArgKind::None | ArgKind::Optional, None) => Ok((option(None), false)),
    }
}

/// glibc's long-option lookup: exact name first, then abbreviations.
fn find_long(
    table: &'static [OptionSpec],
    name: &str,
    spelling: &str,
) -> Result<&'static OptionSpec, OptionsError> {
    // The nameless entry (-X) has no long form; without this filter an empty
    // name ("--=x") would match it exactly.
    let named = || table.iter().filter(|s| !s.long.is_empty());
    if let Some(exact) = named().find(|s| s.long == name) {
        return Ok(exact);
    }
    let mut prefixed = named().filter(|s| s.long.starts_with(name));
    let Some(first) = prefixed.next() else {
        return Err(OptionsError::Unrecognized {
            spelling: spelling.to_owned(),
        });
    };
    // Like glibc, each later candidate is compared with the first one only,
    // and the reported list is the first plus those that differ from it.
    let differing: Vec<&'static str> = prefixed
        .filter(|s| s.arg != first.arg || s.target() != first.target())
        .map(|s| s.long)
        .collect();
    if differing.is_empty() {
        Ok(first)
    } else {
        Err(OptionsError::Ambiguous {
            spelling: spelling.to_owned(),
            candidates: std::iter::once(first.long).chain(differing).collect(),
        })
    }
}

/// A cluster of short options (the argument without its leading `-`).
/// Returns whether the next argument was consumed as a value.
fn parse_cluster(
    table: &'static [OptionSpec],
    cluster: &str,
    following: Option<&String>,
    out: &mut Vec<ParsedOption>,
) -> Result<bool, OptionsError> {
    for (at, letter) in cluster.char_indices() {
        let spelling = format!("-{letter}");
        let Some(spec) = table
            .iter()
            .find(|s| s.short == Some(letter) && !s.short_first_arg_only)
        else {
            return Err(OptionsError::Unrecognized { spelling });
        };
        let rest = &cluster[at + letter.len_utf8()..];
        let (value, took_next) = match spec.arg {
            ArgKind::None => {
                out.push(ParsedOption {
                    spec,
                    value: None,
                    spelling,
                });
                continue;
            }
            ArgKind::Optional => ((!rest.is_empty()).then(|| rest.to_owned()), false),
            ArgKind::Required if !rest.is_empty() => (Some(rest.to_owned()), false),
            ArgKind::Required => match following {
                Some(value) => (Some(value.clone()), true),
                None => {
                    return Err(OptionsError::MissingArgument {
                        name: spec.display_name(),
                        spelling,
                    });
                }
            },
        };
        // An option with an argument (even an absent optional one) ends the
        // cluster.
        out.push(ParsedOption {
            spec,
            value,
            spelling,
        });
        return Ok(took_next);
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::spec::{OPTIONS, Policy, opt};

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn parse(list: &[&str]) -> Result<ParsedArgs, OptionsError> {
        parse_with(OPTIONS, &args(list))
    }

    /// (long name of the matched entry, value, spelling) for each option.
    fn triples(parsed: &ParsedArgs) -> Vec<(&'static str, Option<&str>, &str)> {
        parsed
            .options
            .iter()
            .map(|o| (o.spec.long, o.value.as_deref(), o.spelling.as_str()))
            .collect()
    }

    fn ok(list: &[&str]) -> ParsedArgs {
        match parse(list) {
            Ok(p) => p,
            Err(e) => panic!("{list:?}: {e}"),
        }
    }

    fn err(list: &[&str]) -> OptionsError {
        match parse(list) {
            Ok(p) => panic!("{list:?} parsed: {p:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn empty_argument_list() {
        assert_eq!(ok(&[]), ParsedArgs::default());
    }

    #[test]
    fn short_flag_alone() {
        assert_eq!(triples(&ok(&["-O"])), [("no-owner", None, "-O")]);
    }

    #[test]
    fn short_flags_bundled() {
        assert_eq!(
            triples(&ok(&["-Ox"])),
            [("no-owner", None, "-O"), ("no-privileges", None, "-x")]
        );
        assert_eq!(
            triples(&ok(&["-sOx"])),
            [
                ("schema-only", None, "-s"),
                ("no-owner", None, "-O"),
                ("no-privileges", None, "-x")
            ]
        );
    }

    #[test]
    fn short_argument_attached_or_separate() {
        assert_eq!(
            triples(&ok(&["-npublic"])),
            [("schema", Some("public"), "-n")]
        );
        assert_eq!(
            triples(&ok(&["-n", "public"])),
            [("schema", Some("public"), "-n")]
        );
        assert_eq!(
            triples(&ok(&["-Ox", "-npublic"])),
            [
                ("no-owner", None, "-O"),
                ("no-privileges", None, "-x"),
                ("schema", Some("public"), "-n")
            ]
        );
    }

    #[test]
    fn short_argument_takes_rest_of_cluster() {
        assert_eq!(
            triples(&ok(&["-xnpublic"])),
            [
                ("no-privileges", None, "-x"),
                ("schema", Some("public"), "-n")
            ]
        );
        // The rest is the value even if it spells other option letters.
        assert_eq!(triples(&ok(&["-nOx"])), [("schema", Some("Ox"), "-n")]);
    }

    #[test]
    fn short_argument_at_end_of_cluster_takes_next_argument() {
        assert_eq!(
            triples(&ok(&["-xn", "public"])),
            [
                ("no-privileges", None, "-x"),
                ("schema", Some("public"), "-n")
            ]
        );
    }

    #[test]
    fn required_value_starting_with_dash_is_consumed() {
        // getopt never looks at what the next argument is.
        assert_eq!(triples(&ok(&["-n", "-x"])), [("schema", Some("-x"), "-n")]);
        assert_eq!(
            triples(&ok(&["--schema", "-x"])),
            [("schema", Some("-x"), "--schema")]
        );
        assert_eq!(triples(&ok(&["-n", "--"])), [("schema", Some("--"), "-n")]);
        assert_eq!(
            triples(&ok(&["--table", "-"])),
            [("table", Some("-"), "--table")]
        );
        assert!(ok(&["-n", "--", "db"]).positionals == ["db"]);
    }

    #[test]
    fn long_with_equals_or_separate() {
        assert_eq!(
            triples(&ok(&["--schema=public"])),
            [("schema", Some("public"), "--schema")]
        );
        assert_eq!(
            triples(&ok(&["--schema", "public"])),
            [("schema", Some("public"), "--schema")]
        );
    }

    #[test]
    fn long_value_may_contain_equals_and_be_empty() {
        assert_eq!(
            triples(&ok(&["--table=a=b"])),
            [("table", Some("a=b"), "--table")]
        );
        assert_eq!(
            triples(&ok(&["--schema="])),
            [("schema", Some(""), "--schema")]
        );
        assert_eq!(triples(&ok(&["-n", ""])), [("schema", Some(""), "-n")]);
    }

    #[test]
    fn unambiguous_prefix_matches() {
        assert_eq!(
            triples(&ok(&["--schema-o"])),
            [("schema-only", None, "--schema-o")]
        );
        assert_eq!(
            triples(&ok(&["--filt=x"])),
            [("filter", Some("x"), "--filt")]
        );
        assert_eq!(triples(&ok(&["--no-ac"])), [("no-acl", None, "--no-ac")]);
    }

    #[test]
    fn exact_match_wins_over_longer_names() {
        // "schema" is also a prefix of "schema-only"; exact wins.
        assert_eq!(
            triples(&ok(&["--schema", "s"])),
            [("schema", Some("s"), "--schema")]
        );
        assert_eq!(
            triples(&ok(&["--table", "t"])),
            [("table", Some("t"), "--table")]
        );
        assert_eq!(
            triples(&ok(&["--statistics"])),
            [("statistics", None, "--statistics")]
        );
        assert_eq!(
            triples(&ok(&["--inserts"])),
            [("inserts", None, "--inserts")]
        );
    }

    #[test]
    fn ambiguous_prefix_names_all_candidates() {
        assert_eq!(
            err(&["--sch"]),
            OptionsError::Ambiguous {
                spelling: "--sch".into(),
                candidates: vec!["schema", "schema-only"],
            }
        );
        assert_eq!(
            err(&["--fil=/tmp/x"]),
            OptionsError::Ambiguous {
                spelling: "--fil".into(),
                candidates: vec!["file", "filter"],
            }
        );
        assert_eq!(
            err(&["--no-p"]),
            OptionsError::Ambiguous {
                spelling: "--no-p".into(),
                candidates: vec![
                    "no-password",
                    "no-privileges",
                    "no-policies",
                    "no-publications"
                ],
            }
        );
    }

    #[test]
    fn empty_long_name_is_ambiguous_between_everything() {
        // "--=x": glibc compares zero characters, so every option matches.
        let OptionsError::Ambiguous {
            spelling,
            candidates,
        } = err(&["--=x"])
        else {
            panic!("expected ambiguity");
        };
        assert_eq!(spelling, "--");
        // Each differs from the first, data-only, so all 77 are listed.
        assert_eq!(candidates.len(), 77);
        assert_eq!(candidates.first(), Some(&"data-only"));
    }

    #[test]
    fn unknown_short_and_long_options() {
        assert_eq!(
            err(&["--foo"]),
            OptionsError::Unrecognized {
                spelling: "--foo".into()
            }
        );
        assert_eq!(
            err(&["--foo=bar"]),
            OptionsError::Unrecognized {
                spelling: "--foo".into()
            }
        );
        assert_eq!(
            err(&["-xq"]),
            OptionsError::Unrecognized {
                spelling: "-q".into()
            }
        );
        assert_eq!(
            err(&["-:"]),
            OptionsError::Unrecognized {
                spelling: "-:".into()
            }
        );
        assert_eq!(
            err(&["---x"]),
            OptionsError::Unrecognized {
                spelling: "---x".into()
            }
        );
        assert_eq!(
            err(&["-é"]),
            OptionsError::Unrecognized {
                spelling: "-é".into()
            }
        );
    }

    #[test]
    fn missing_required_argument() {
        assert_eq!(
            err(&["-n"]),
            OptionsError::MissingArgument {
                spelling: "-n".into(),
                name: "--schema".into()
            }
        );
        assert_eq!(
            err(&["-x", "-On"]),
            OptionsError::MissingArgument {
                spelling: "-n".into(),
                name: "--schema".into()
            }
        );
        assert_eq!(
            err(&["--exclude-s"]),
            OptionsError::MissingArgument {
                spelling: "--exclude-s".into(),
                name: "--exclude-schema".into()
            }
        );
    }

    #[test]
    fn argument_to_no_argument_long_option() {
        assert_eq!(
            err(&["--schema-only=x"]),
            OptionsError::UnexpectedArgument {
                spelling: "--schema-only".into(),
                name: "--schema-only".into()
            }
        );
        assert_eq!(
            err(&["--no-acl="]),
            OptionsError::UnexpectedArgument {
                spelling: "--no-acl".into(),
                name: "--no-acl".into()
            }
        );
    }

    #[test]
    fn first_error_in_order_is_reported() {
        assert_eq!(
            err(&["--foo", "-n"]),
            OptionsError::Unrecognized {
                spelling: "--foo".into()
            }
        );
        assert!(matches!(err(&["-n"]), OptionsError::MissingArgument { .. }));
        assert!(matches!(
            err(&["--sch", "--foo"]),
            OptionsError::Ambiguous { .. }
        ));
    }

    #[test]
    fn double_dash_ends_options() {
        let p = ok(&["-x", "--", "-O", "--schema=s", "--"]);
        assert_eq!(triples(&p), [("no-privileges", None, "-x")]);
        assert_eq!(p.positionals, ["-O", "--schema=s", "--"]);
    }

    #[test]
    fn lone_dash_and_empty_string_are_positional() {
        let p = ok(&["-", "-x", ""]);
        assert_eq!(triples(&p), [("no-privileges", None, "-x")]);
        assert_eq!(p.positionals, ["-", ""]);
    }

    #[test]
    fn positionals_are_permuted_out_from_anywhere() {
        let p = ok(&["db1", "-x", "db2", "-n", "s", "db3", "--", "db4"]);
        assert_eq!(
            triples(&p),
            [("no-privileges", None, "-x"), ("schema", Some("s"), "-n")]
        );
        assert_eq!(p.positionals, ["db1", "db2", "db3", "db4"]);
    }

    #[test]
    fn repeated_options_are_all_kept_in_order() {
        let p = ok(&["-n", "a", "--schema=b", "-nc", "-x", "-x"]);
        assert_eq!(
            triples(&p),
            [
                ("schema", Some("a"), "-n"),
                ("schema", Some("b"), "--schema"),
                ("schema", Some("c"), "-n"),
                ("no-privileges", None, "-x"),
                ("no-privileges", None, "-x"),
            ]
        );
    }

    #[test]
    fn help_and_version_only_as_exact_first_argument() {
        for (first, long) in [
            ("-?", "help"),
            ("--help", "help"),
            ("-V", "version"),
            ("--version", "version"),
        ] {
            // The rest is ignored, as pg_dump exits before parsing it.
            let p = ok(&[first, "--bogus", "db"]);
            assert_eq!(triples(&p), [(long, None, first)]);
            assert!(p.positionals.is_empty());
        }
        // Elsewhere the letters are not in pg_dump's getopt string.
        assert_eq!(
            err(&["-x", "-V"]),
            OptionsError::Unrecognized {
                spelling: "-V".into()
            }
        );
        assert_eq!(
            err(&["-xV"]),
            OptionsError::Unrecognized {
                spelling: "-V".into()
            }
        );
        assert_eq!(
            err(&["-Vx"]),
            OptionsError::Unrecognized {
                spelling: "-V".into()
            }
        );
        assert_eq!(
            err(&["-x", "-?"]),
            OptionsError::Unrecognized {
                spelling: "-?".into()
            }
        );
        // ...while the long names are ordinary getopt long options.
        assert_eq!(
            triples(&ok(&["-x", "--vers"])),
            [("no-privileges", None, "-x"), ("version", None, "--vers")]
        );
        assert_eq!(triples(&ok(&["--he"])), [("help", None, "--he")]);
    }

    #[test]
    fn capital_x_is_a_getopt_letter_without_long_form() {
        let p = ok(&["-Xx"]);
        assert_eq!(
            triples(&p),
            [("", None, "-X"), ("no-privileges", None, "-x")]
        );
    }

    #[test]
    fn hasura_cli_options_parse() {
        let p = ok(&["-O", "-x", "--schema-only", "--schema", "public"]);
        assert_eq!(
            triples(&p),
            [
                ("no-owner", None, "-O"),
                ("no-privileges", None, "-x"),
                ("schema-only", None, "--schema-only"),
                ("schema", Some("public"), "--schema"),
            ]
        );
        assert!(p.positionals.is_empty());
    }

    // ---- Behaviour pg_dump 18's table never exercises, on a synthetic table.

    static SYNTHETIC: &[OptionSpec] = &[
        // Optional argument, and a second name for the same option.
        opt("color", Some('c'), ArgKind::Optional, Policy::Allowed),
        opt("colour", None, ArgKind::Optional, Policy::Allowed).alias("color"),
        // Same target but a different has_arg: still ambiguous for glibc.
        opt("size", None, ArgKind::Required, Policy::Allowed),
        opt("sizes", None, ArgKind::None, Policy::Allowed).alias("size"),
        // A, same-as-A, different: glibc lists only A and the different one.
        opt("mode", None, ArgKind::None, Policy::Allowed),
        opt("modes", None, ArgKind::None, Policy::Allowed).alias("mode"),
        opt("model", None, ArgKind::None, Policy::Allowed),
        opt("verbose", Some('v'), ArgKind::None, Policy::Allowed),
    ];

    fn synth(list: &[&str]) -> Result<ParsedArgs, OptionsError> {
        parse_with(SYNTHETIC, &args(list))
    }

    #[test]
    fn optional_argument_short_only_when_attached() {
        let p = synth(&["-cred", "-c", "blue", "-vc"]);
        let Ok(p) = p else { panic!("{p:?}") };
        assert_eq!(
            triples(&p),
            [
                ("color", Some("red"), "-c"),
                ("color", None, "-c"),
                ("verbose", None, "-v"),
                ("color", None, "-c"),
            ]
        );
        assert_eq!(p.positionals, ["blue"]);
        // The attached value ends the cluster, even when it spells letters.
        let Ok(p) = synth(&["-cv"]) else { panic!() };
        assert_eq!(triples(&p), [("color", Some("v"), "-c")]);
    }

    #[test]
    fn optional_argument_long_only_with_equals() {
        let Ok(p) = synth(&["--color", "blue", "--color=red", "--color="]) else {
            panic!()
        };
        assert_eq!(
            triples(&p),
            [
                ("color", None, "--color"),
                ("color", Some("red"), "--color"),
                ("color", Some(""), "--color"),
            ]
        );
        assert_eq!(p.positionals, ["blue"]);
    }

    #[test]
    fn prefix_of_same_option_under_two_names_is_not_ambiguous() {
        // "--col" matches color and colour: same has_arg, same target, so
        // glibc takes the first one in table order.
        let Ok(p) = synth(&["--col=red"]) else {
            panic!()
        };
        assert_eq!(triples(&p), [("color", Some("red"), "--col")]);
    }

    #[test]
    fn prefix_of_same_target_with_different_arg_kind_is_ambiguous() {
        assert_eq!(
            synth(&["--si"]),
            Err(OptionsError::Ambiguous {
                spelling: "--si".into(),
                candidates: vec!["size", "sizes"],
            })
        );
    }

    #[test]
    fn ambiguity_lists_first_candidate_and_those_that_differ_from_it() {
        assert_eq!(
            synth(&["--mod"]),
            Err(OptionsError::Ambiguous {
                spelling: "--mod".into(),
                candidates: vec!["mode", "model"],
            })
        );
        // Exact names still win.
        let Ok(p) = synth(&["--modes", "--model"]) else {
            panic!()
        };
        assert_eq!(
            triples(&p),
            [("modes", None, "--modes"), ("model", None, "--model")]
        );
    }
}
