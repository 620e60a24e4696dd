//! Fuzz target `options`: `pgdumpd::options`, pg_dump 18's argument grammar and the API's policy.
//!
//! Every input is used twice.
//!
//! - **Raw**: the input is an argument list, one argument per line (a final `\n` ends the last
//!   argument, bytes that are not UTF-8 become U+FFFD). No panic on any list; the parse is well
//!   formed; error messages render and name text from the input; and when `into_api_options`
//!   succeeds, nothing refused got through, there are no positionals, and re-parsing
//!   `to_pg_dump_args()` succeeds with the same options and the same canonical arguments.
//! - **Structured**: the same bytes drive an [`Unstructured`] that builds one of three cases
//!   from well-formed allowed options (short, attached, bundled, long with `=` or a separate
//!   value, unambiguous abbreviations; values may hold anything but NUL, non-ASCII and very long
//!   text included):
//!   - allowed only: the list is accepted and canonicalises to exactly what was generated;
//!   - a refused option (or `-F` with a non-plain format) in a random spelling, possibly
//!     repeated, among allowed options: the list is rejected, with the refusal naming the first
//!     occurrence as spelled, unless some occurrence is spelled in a way that is a grammar error
//!     (an ambiguous abbreviation, `-V`/`-?` anywhere but alone in first place, `--name=value` on
//!     a no-argument option): the whole list is parsed before the policy applies, so then the
//!     first such error is expected;
//!   - positional arguments at option boundaries and/or after `--`: rejected, naming the first.
//!
//! Expectations about abbreviations come from [`resolve_long`], a reading of glibc's rule
//! written here against the option table, not the library's own lookup.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use pgdumpd::options::{
    ArgKind, DumpOptions, OPTIONS, OptionSpec, OptionsError, Policy, format_refusal, parse_args,
};

fuzz_target!(|data: &[u8]| {
    let _ = check_any(&args_from_lines(data));
    if let Ok(case) = build_case(&mut Unstructured::new(data)) {
        check_case(&case);
    }
});

/// One argument per line; a final `\n` ends the last argument rather than adding an empty one.
fn args_from_lines(data: &[u8]) -> Vec<String> {
    if data.is_empty() {
        return Vec::new();
    }
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    body.split(|&b| b == b'\n')
        .map(|arg| String::from_utf8_lossy(arg).into_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Properties of any argument list

/// Parses and applies the policy, checking everything that must hold whatever the input.
fn check_any(args: &[String]) -> std::result::Result<DumpOptions, OptionsError> {
    let parsed = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(e) => {
            check_error(args, &e);
            return Err(e);
        }
    };
    for option in &parsed.options {
        let shape_ok = match option.spec.arg {
            ArgKind::Required => option.value.is_some(),
            ArgKind::None => option.value.is_none(),
            ArgKind::Optional => true,
        };
        if !shape_ok {
            panic!("parse gave a malformed option {option:?}\nargs: {args:?}");
        }
    }
    for positional in &parsed.positionals {
        if !args.contains(positional) {
            panic!("positional {positional:?} is not one of the arguments\nargs: {args:?}");
        }
    }
    let had_positionals = !parsed.positionals.is_empty();
    match parsed.into_api_options() {
        Ok(dump) => {
            if had_positionals {
                panic!("into_api_options accepted positional arguments\nargs: {args:?}");
            }
            check_accepted(args, &dump);
            Ok(dump)
        }
        Err(e) => {
            check_error(args, &e);
            Err(e)
        }
    }
}

/// An accepted list: nothing refused, and its canonical form is a fixed point.
fn check_accepted(args: &[String], dump: &DumpOptions) {
    for option in &dump.options {
        let allowed = match option.spec.policy {
            Policy::Allowed => true,
            Policy::Refused(_) => false,
            Policy::FormatCheck => {
                format_refusal(option.value.as_deref().unwrap_or_default()).is_none()
            }
        };
        if !allowed {
            panic!("refused option accepted: {option:?}\nargs: {args:?}");
        }
        if option.value.as_deref().is_some_and(|v| v.contains('\0')) {
            panic!("value with a NUL byte accepted: {option:?}\nargs: {args:?}");
        }
        if !option.spec.long.is_empty() && !dump.has(option.spec.long) {
            panic!(
                "has({:?}) is false for an accepted option\nargs: {args:?}",
                option.spec.long
            );
        }
    }

    let canonical = dump.to_pg_dump_args();
    if canonical.len() != dump.options.len() || canonical.iter().any(|a| !a.starts_with("--")) {
        panic!(
            "canonical arguments are not one --long[=value] per option: {canonical:?}\nargs: {args:?}"
        );
    }
    let reparsed = match parse_args(&canonical) {
        Ok(p) => p,
        Err(e) => panic!(
            "canonical arguments do not parse: {e}\ncanonical: {canonical:?}\nargs: {args:?}"
        ),
    };
    if !reparsed.positionals.is_empty() {
        panic!(
            "canonical arguments have positionals {:?}\ncanonical: {canonical:?}\nargs: {args:?}",
            reparsed.positionals
        );
    }
    let again = match reparsed.into_api_options() {
        Ok(d) => d,
        Err(e) => {
            panic!("canonical arguments are refused: {e}\ncanonical: {canonical:?}\nargs: {args:?}")
        }
    };
    let same_options = again.options.len() == dump.options.len()
        && again.options.iter().zip(&dump.options).all(|(a, b)| {
            a.spec.target() == b.spec.target() && a.spec.arg == b.spec.arg && a.value == b.value
        });
    if !same_options {
        panic!(
            "re-parsing the canonical arguments gives other options\nfirst:  {:?}\nsecond: {:?}\nargs: {args:?}",
            dump.options, again.options
        );
    }
    let canonical_again = again.to_pg_dump_args();
    if canonical_again != canonical {
        panic!(
            "canonical form is not a fixed point\nfirst:  {canonical:?}\nsecond: {canonical_again:?}\nargs: {args:?}"
        );
    }
}

/// An error renders, and names text that is in the input.
fn check_error(args: &[String], e: &OptionsError) {
    let message = e.to_string();
    let _ = e.is_refusal();
    let named = e.option().unwrap_or_default();
    // A long spelling is an argument's `--name` part; a short one (`-f`, and `--` for a `-`
    // inside a cluster) is a letter in an argument that starts with `-`.
    let long_found = named.starts_with("--")
        && args
            .iter()
            .any(|a| a == named || a.starts_with(&format!("{named}=")));
    let letter = named.strip_prefix('-').unwrap_or_default();
    let short_found = letter.chars().count() == 1
        && args
            .iter()
            .any(|a| a.starts_with('-') && a[1..].contains(letter));
    let found = match e {
        OptionsError::Positional { argument, .. } => args.contains(argument),
        _ => long_found || short_found,
    };
    if !found {
        panic!("error names text that is not in the input: {message}\nargs: {args:?}");
    }
    if let OptionsError::Ambiguous {
        spelling,
        candidates,
    } = e
    {
        let name = spelling.strip_prefix("--").unwrap_or_default();
        if candidates.len() < 2 || candidates.iter().any(|c| !c.starts_with(name)) {
            panic!("implausible ambiguity: {message}\nargs: {args:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Generated cases

/// Argument lists built from units: each unit is one or more whole arguments, so nothing inside
/// one unit can be taken as the value of another.
struct Unit {
    args: Vec<String>,
    /// The options the unit must parse to: (canonical argument, spelling).
    expect: Vec<(String, String)>,
}

/// What the first refused occurrence must produce.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    /// `Refused` or `FormatRefused` naming the option, with this spelling.
    Refusal(String),
    Ambiguous(String),
    Unrecognized(String),
    UnexpectedArgument(String),
}

enum Case {
    Allowed {
        args: Vec<String>,
        canonical: Vec<String>,
        spellings: Vec<String>,
    },
    Refused {
        args: Vec<String>,
        spec: &'static OptionSpec,
        expect: Expect,
    },
    Positional {
        args: Vec<String>,
        first: String,
    },
}

fn build_case(u: &mut Unstructured) -> Result<Case> {
    let kind = u.int_in_range(0..=2)?;
    let before = allowed_units(u)?;
    let after = allowed_units(u)?;
    match kind {
        0 => {
            let mut args = Vec::new();
            let mut canonical = Vec::new();
            let mut spellings = Vec::new();
            for unit in before.into_iter().chain(after) {
                args.extend(unit.args);
                for (c, s) in unit.expect {
                    canonical.push(c);
                    spellings.push(s);
                }
            }
            Ok(Case::Allowed {
                args,
                canonical,
                spellings,
            })
        }
        1 => {
            let refused: Vec<&'static OptionSpec> = OPTIONS
                .iter()
                .filter(|s| matches!(s.policy, Policy::Refused(_) | Policy::FormatCheck))
                .collect();
            let spec = *u.choose(&refused)?;
            let mut args: Vec<String> = before.into_iter().flat_map(|unit| unit.args).collect();
            let at_start = args.is_empty();
            let (first_args, first) = refused_unit(u, spec, at_start)?;
            // pg_dump acts on an exact `--help`, `-?`, `--version` or `-V` in first place before
            // getopt runs, and ignores the rest.
            let stops_parsing = at_start
                && spec.short_first_arg_only
                && first_args.len() == 1
                && (first_args[0] == spec.display_name()
                    || spec.short.is_some_and(|c| first_args[0] == format!("-{c}")));
            args.extend(first_args);
            let mut expects = vec![first];
            // Repeats in other spellings, among more allowed options.
            for _ in 0..u.int_in_range(0..=2)? {
                args.extend(allowed_units(u)?.into_iter().flat_map(|unit| unit.args));
                let (more, expect) = refused_unit(u, spec, false)?;
                args.extend(more);
                expects.push(expect);
            }
            args.extend(after.into_iter().flat_map(|unit| unit.args));
            // The whole list is parsed before the policy is applied, so the first grammar error
            // anywhere wins over a refusal.
            let expect = match expects.iter().find(|e| !matches!(e, Expect::Refusal(_))) {
                Some(grammar) if !stops_parsing => grammar.clone(),
                _ => expects.swap_remove(0),
            };
            Ok(Case::Refused { args, spec, expect })
        }
        _ => {
            let mut units: Vec<Vec<String>> = before
                .into_iter()
                .chain(after)
                .map(|unit| unit.args)
                .collect();
            let mut first = None;
            let inserts = u.int_in_range(0..=3)?;
            let mut positions: Vec<usize> = (0..inserts)
                .map(|_| u.int_in_range(0..=units.len()))
                .collect::<Result<_>>()?;
            positions.sort_unstable();
            // Insert from the back so earlier positions stay valid; the smallest position holds
            // the first positional.
            for &at in positions.iter().rev() {
                let positional = positional(u)?;
                first = Some(positional.clone());
                units.insert(at, vec![positional]);
            }
            let mut args: Vec<String> = units.into_iter().flatten().collect();
            if inserts == 0 || u.arbitrary()? {
                args.push("--".to_owned());
                for n in 0..u.int_in_range(1..=3)? {
                    let arg = value(u)?;
                    if n == 0 && first.is_none() {
                        first = Some(arg.clone());
                    }
                    args.push(arg);
                }
            }
            let first = first.expect("at least one positional was generated");
            Ok(Case::Positional { args, first })
        }
    }
}

fn check_case(case: &Case) {
    match case {
        Case::Allowed {
            args,
            canonical,
            spellings,
        } => {
            let dump = match check_any(args) {
                Ok(dump) => dump,
                Err(e) => panic!("allowed options rejected: {e}\nargs: {args:?}"),
            };
            let got = dump.to_pg_dump_args();
            if &got != canonical {
                panic!(
                    "allowed options canonicalised wrongly\nexpected: {canonical:?}\nactual:   {got:?}\nargs: {args:?}"
                );
            }
            let got: Vec<&str> = dump.options.iter().map(|o| o.spelling.as_str()).collect();
            if got != *spellings {
                panic!(
                    "spellings differ\nexpected: {spellings:?}\nactual:   {got:?}\nargs: {args:?}"
                );
            }
        }
        Case::Refused { args, spec, expect } => {
            let e = match check_any(args) {
                Ok(dump) => panic!(
                    "refused option {} accepted in spelling {expect:?}\ncanonical: {:?}\nargs: {args:?}",
                    spec.display_name(),
                    dump.to_pg_dump_args()
                ),
                Err(e) => e,
            };
            let as_expected = match (expect, &e) {
                (
                    Expect::Refusal(want),
                    OptionsError::Refused { spelling, name, .. }
                    | OptionsError::FormatRefused { spelling, name, .. },
                ) => spelling == want && *name == spec.display_name(),
                (Expect::Ambiguous(want), OptionsError::Ambiguous { spelling, .. })
                | (Expect::Unrecognized(want), OptionsError::Unrecognized { spelling })
                | (
                    Expect::UnexpectedArgument(want),
                    OptionsError::UnexpectedArgument { spelling, .. },
                ) => spelling == want,
                _ => false,
            };
            if !as_expected {
                panic!(
                    "refused option {} rejected for the wrong reason\nexpected: {expect:?}\nactual:   {e:?}\nargs: {args:?}",
                    spec.display_name()
                );
            }
        }
        Case::Positional { args, first } => match check_any(args) {
            Err(OptionsError::Positional { argument, .. }) if argument == *first => {}
            other => panic!(
                "positional {first:?} not rejected as such\nactual: {:?}\nargs: {args:?}",
                other.map(|d| d.to_pg_dump_args())
            ),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Spellings

/// glibc's long-option lookup, as read from its documentation and source, against the table:
/// an exact name wins; otherwise the prefix must fit one option, or several that are the same
/// option (same argument kind, same canonical target). `None` when unknown or ambiguous.
fn resolve_long(name: &str) -> Option<&'static OptionSpec> {
    let named = || OPTIONS.iter().filter(|s| !s.long.is_empty());
    if let Some(exact) = named().find(|s| s.long == name) {
        return Some(exact);
    }
    let mut candidates = named().filter(|s| s.long.starts_with(name));
    let first = candidates.next()?;
    candidates
        .all(|s| s.arg == first.arg && s.target() == first.target())
        .then_some(first)
}

fn letter_of(spec: &OptionSpec) -> Option<char> {
    spec.short.filter(|_| !spec.short_first_arg_only)
}

/// Allowed short letters without an argument, for bundling (`-Ox`).
fn allowed_flags() -> Vec<char> {
    OPTIONS
        .iter()
        .filter(|s| s.policy == Policy::Allowed && s.arg == ArgKind::None)
        .filter_map(letter_of)
        .collect()
}

fn canonical(spec: &OptionSpec, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{}={v}", spec.canonical_flag()),
        None => spec.canonical_flag(),
    }
}

/// Any text, sometimes very long; may contain NUL, `=`, leading dashes, non-ASCII.
fn value(u: &mut Unstructured) -> Result<String> {
    let text: String = u.arbitrary()?;
    if !text.is_empty() && u.ratio(1, 16)? {
        let times = u.int_in_range(1..=(65_536 / text.len()).max(1))?;
        return Ok(text.repeat(times));
    }
    Ok(text)
}

/// A value for an allowed option: anything but NUL, and plain text for `--format`.
fn allowed_value(u: &mut Unstructured, spec: &OptionSpec) -> Result<String> {
    if spec.policy == Policy::FormatCheck {
        return Ok(u
            .choose(&["p", "P", "plain", "PLAIN", "Plain", "pLaIn"])?
            .to_string());
    }
    Ok(value(u)?.replace('\0', ""))
}

/// A positional argument: not starting with `-`, or exactly `-`.
fn positional(u: &mut Unstructured) -> Result<String> {
    let text = value(u)?;
    Ok(if u.ratio(1, 8)? {
        "-".to_owned()
    } else if text.starts_with('-') {
        format!("db{text}")
    } else {
        text
    })
}

/// A long spelling of `spec`: its full name or an abbreviation that resolves to the same option.
/// Returns the name (without `--`) and the entry it resolves to.
fn long_name(
    u: &mut Unstructured,
    spec: &'static OptionSpec,
) -> Result<(String, &'static OptionSpec)> {
    let full = (spec.long.to_owned(), spec);
    if u.arbitrary()? {
        return Ok(full);
    }
    let len = u.int_in_range(1..=spec.long.len())?;
    let prefix = &spec.long[..len];
    Ok(match resolve_long(prefix) {
        Some(hit) if hit.target() == spec.target() && hit.arg == spec.arg => {
            (prefix.to_owned(), hit)
        }
        _ => full,
    })
}

fn allowed_units(u: &mut Unstructured) -> Result<Vec<Unit>> {
    let allowed: Vec<&'static OptionSpec> = OPTIONS
        .iter()
        .filter(|s| matches!(s.policy, Policy::Allowed | Policy::FormatCheck))
        .collect();
    let flags = allowed_flags();
    let count = u.int_in_range(0..=4)?;
    let mut units = Vec::with_capacity(count);
    for _ in 0..count {
        let spec = *u.choose(&allowed)?;
        let unit = match (letter_of(spec), u.int_in_range(0..=2)?) {
            // Short: alone or bundled after no-argument flags, value attached or separate.
            (Some(letter), 0 | 1) => {
                let mut cluster = String::from("-");
                let mut expect = Vec::new();
                for _ in 0..u.int_in_range(0..=3)? {
                    let flag = *u.choose(&flags)?;
                    let flag_spec = OPTIONS
                        .iter()
                        .find(|s| s.short == Some(flag))
                        .expect("flag letters come from the table");
                    cluster.push(flag);
                    expect.push((canonical(flag_spec, None), format!("-{flag}")));
                }
                cluster.push(letter);
                let mut args = Vec::new();
                let value = match spec.arg {
                    ArgKind::None => None,
                    _ => {
                        let v = allowed_value(u, spec)?;
                        if !v.is_empty() && u.arbitrary()? {
                            cluster.push_str(&v);
                        } else {
                            args.push(v.clone());
                        }
                        Some(v)
                    }
                };
                args.insert(0, cluster);
                expect.push((canonical(spec, value.as_deref()), format!("-{letter}")));
                Unit { args, expect }
            }
            _ => {
                let (name, hit) = long_name(u, spec)?;
                let spelling = format!("--{name}");
                let (args, value) = match spec.arg {
                    ArgKind::None => (vec![spelling.clone()], None),
                    _ => {
                        let v = allowed_value(u, spec)?;
                        if u.arbitrary()? {
                            (vec![format!("{spelling}={v}")], Some(v))
                        } else {
                            (vec![spelling.clone(), v.clone()], Some(v))
                        }
                    }
                };
                Unit {
                    args,
                    expect: vec![(canonical(hit, value.as_deref()), spelling)],
                }
            }
        };
        units.push(unit);
    }
    Ok(units)
}

/// `spec` (refused, or `--format`) spelled one of the ways getopt_long accepts. `at_start`:
/// the unit will be the first argument, where pg_dump reads `-V`/`-?` alone as options.
fn refused_unit(
    u: &mut Unstructured,
    spec: &'static OptionSpec,
    at_start: bool,
) -> Result<(Vec<String>, Expect)> {
    let mut val = value(u)?;
    if spec.policy == Policy::FormatCheck && format_refusal(&val).is_none() {
        // Plain text is allowed; anything appended makes it an unknown format.
        val.push('x');
    }
    let letter = spec.short;
    let form = u.int_in_range(0..=6)?;
    let (args, expect) = match (letter, form) {
        // pg_dump's pre-getopt check: only the exact first argument; elsewhere getopt does not
        // know the letter.
        (Some(c), 0..=3) if spec.short_first_arg_only => {
            let spelling = format!("-{c}");
            match form {
                0 if at_start => (vec![spelling.clone()], Expect::Refusal(spelling)),
                0 => (vec![spelling.clone()], Expect::Unrecognized(spelling)),
                1 => (
                    vec![format!("-{}{c}", bundle(u)?)],
                    Expect::Unrecognized(spelling),
                ),
                _ => (
                    vec![format!("-{c}{}", bundle(u)?)],
                    Expect::Unrecognized(spelling),
                ),
            }
        }
        (Some(c), 0..=3) => {
            let spelling = format!("-{c}");
            let prefix = if form >= 2 { bundle(u)? } else { String::new() };
            let args = match spec.arg {
                ArgKind::None if form == 3 => vec![format!("-{prefix}{c}{}", bundle(u)?)],
                ArgKind::None => vec![format!("-{prefix}{c}")],
                // Attached (non-empty, or the next argument would be taken) or separate.
                _ if form % 2 == 1 && !val.is_empty() => vec![format!("-{prefix}{c}{val}")],
                _ => vec![format!("-{prefix}{c}"), val],
            };
            (args, Expect::Refusal(spelling))
        }
        _ if spec.long.is_empty() => {
            let spelling = format!("-{}", letter.expect("the nameless entry has a letter"));
            (vec![spelling.clone()], Expect::Refusal(spelling))
        }
        _ => {
            // Any prefix, ambiguous ones included: those must fail as ambiguous.
            let len = if u.arbitrary()? {
                spec.long.len()
            } else {
                u.int_in_range(1..=spec.long.len())?
            };
            let name = &spec.long[..len];
            let spelling = format!("--{name}");
            let ok = match resolve_long(name) {
                Some(hit) if hit.target() == spec.target() => Expect::Refusal(spelling.clone()),
                Some(_) => {
                    // The prefix is another option's exact name (`--file` of `--filter`): not
                    // a spelling of this one; use the full name.
                    return refused_long_full(spec, val);
                }
                None => Expect::Ambiguous(spelling.clone()),
            };
            match spec.arg {
                ArgKind::None if form == 6 => {
                    let expect = match ok {
                        Expect::Refusal(s) => Expect::UnexpectedArgument(s),
                        other => other,
                    };
                    (vec![format!("{spelling}={val}")], expect)
                }
                ArgKind::None => (vec![spelling], ok),
                _ if form % 2 == 0 => (vec![format!("{spelling}={val}")], ok),
                _ => (vec![spelling, val], ok),
            }
        }
    };
    Ok((args, expect))
}

/// One to three allowed no-argument letters, to bundle with another option.
fn bundle(u: &mut Unstructured) -> Result<String> {
    let flags = allowed_flags();
    let mut s = String::new();
    for _ in 0..u.int_in_range(1..=3)? {
        s.push(*u.choose(&flags)?);
    }
    Ok(s)
}

fn refused_long_full(spec: &'static OptionSpec, val: String) -> Result<(Vec<String>, Expect)> {
    let spelling = format!("--{}", spec.long);
    let args = match spec.arg {
        ArgKind::None => vec![spelling.clone()],
        _ => vec![spelling.clone(), val],
    };
    Ok((args, Expect::Refusal(spelling)))
}
