//! [`OptionsError`]: everything that can be wrong with a pg_dump argument
//! list, either as grammar (the errors glibc `getopt_long` reports) or as
//! HTTP API policy (refusals).
//!
//! Every message names the option exactly as the user spelled it, so a user
//! who wrote `--sch` or `-xf` can find it in their own input, and adds the
//! full long name in parentheses where that differs.

/// Why an argument list was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionsError {
    /// No option has this short letter, or no long option starts with this
    /// name (glibc: "invalid option" / "unrecognized option"). Unlike glibc
    /// the spelling excludes any `=value`, so values are never echoed.
    #[error("unrecognized option \"{spelling}\"")]
    Unrecognized { spelling: String },

    /// An abbreviation that fits several different options.
    #[error("option \"{spelling}\" is ambiguous; possibilities: {}", list_candidates(.candidates))]
    Ambiguous {
        spelling: String,
        /// Long names of the candidates, in table order, as glibc lists them.
        candidates: Vec<&'static str>,
    },

    /// A required argument is missing: the option is the last argument.
    #[error("option \"{spelling}\" ({name}) requires an argument")]
    MissingArgument { spelling: String, name: String },

    /// `--name=value` for an option that takes no argument.
    #[error("option \"{spelling}\" ({name}) doesn't allow an argument")]
    UnexpectedArgument { spelling: String, name: String },

    /// API policy: the option is never allowed.
    #[error("option \"{spelling}\" ({name}) is not allowed: {reason}")]
    Refused {
        spelling: String,
        name: String,
        reason: &'static str,
    },

    /// API policy: `-F`/`--format` with a value other than plain text.
    #[error("option \"{spelling}\" ({name}) with value \"{value}\" is not allowed: {reason}")]
    FormatRefused {
        spelling: String,
        name: String,
        value: String,
        reason: &'static str,
    },

    /// API policy: a value with a NUL byte cannot be put in pg_dump's argv
    /// (C strings end at NUL, and Rust's `Command` refuses to try).
    #[error("option \"{spelling}\" ({name}) has a value containing a NUL byte")]
    NulInValue { spelling: String, name: String },

    /// API policy: one value longer than [`MAX_VALUE_BYTES`](super::api::MAX_VALUE_BYTES).
    #[error(
        "option \"{spelling}\" ({name}) has a value of {len} bytes; at most {max} are accepted"
    )]
    ValueTooLong {
        spelling: String,
        name: String,
        len: usize,
        max: usize,
    },

    /// API policy: the whole pg_dump command line would be larger than
    /// [`MAX_COMMAND_LINE_BYTES`](super::api::MAX_COMMAND_LINE_BYTES).
    #[error(
        "the options make a pg_dump command line of {bytes} bytes ({count} arguments); at most {max} bytes are accepted"
    )]
    CommandLineTooLong {
        count: usize,
        bytes: usize,
        max: usize,
    },

    /// API policy: a positional argument (pg_dump's database name).
    #[error("argument \"{argument}\" is not allowed: {reason}")]
    Positional {
        argument: String,
        reason: &'static str,
    },
}

fn list_candidates(candidates: &[&'static str]) -> String {
    candidates
        .iter()
        .map(|c| format!("\"--{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl OptionsError {
    /// The offending text as the user wrote it: the option spelling (`-f`,
    /// `--fi`), or the positional argument itself.
    pub fn option(&self) -> Option<&str> {
        match self {
            OptionsError::Unrecognized { spelling }
            | OptionsError::Ambiguous { spelling, .. }
            | OptionsError::MissingArgument { spelling, .. }
            | OptionsError::UnexpectedArgument { spelling, .. }
            | OptionsError::Refused { spelling, .. }
            | OptionsError::FormatRefused { spelling, .. }
            | OptionsError::NulInValue { spelling, .. }
            | OptionsError::ValueTooLong { spelling, .. } => Some(spelling),
            OptionsError::Positional { argument, .. } => Some(argument),
            OptionsError::CommandLineTooLong { .. } => None,
        }
    }

    /// True for policy refusals, false for grammar errors; lets a caller
    /// word its response ("not allowed" versus "invalid").
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            OptionsError::Refused { .. }
                | OptionsError::FormatRefused { .. }
                | OptionsError::NulInValue { .. }
                | OptionsError::ValueTooLong { .. }
                | OptionsError::CommandLineTooLong { .. }
                | OptionsError::Positional { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_message_names_spelling_long_name_and_reason() {
        let e = OptionsError::Refused {
            spelling: "-f".into(),
            name: "--file".into(),
            reason: "it would write a file on the server",
        };
        assert_eq!(
            e.to_string(),
            "option \"-f\" (--file) is not allowed: it would write a file on the server"
        );
        assert_eq!(e.option(), Some("-f"));
        assert!(e.is_refusal());
    }

    #[test]
    fn unrecognized_message() {
        let e = OptionsError::Unrecognized {
            spelling: "--foo".into(),
        };
        assert_eq!(e.to_string(), "unrecognized option \"--foo\"");
        assert_eq!(e.option(), Some("--foo"));
        assert!(!e.is_refusal());
    }

    #[test]
    fn ambiguous_message_lists_candidates() {
        let e = OptionsError::Ambiguous {
            spelling: "--sch".into(),
            candidates: vec!["schema", "schema-only"],
        };
        assert_eq!(
            e.to_string(),
            "option \"--sch\" is ambiguous; possibilities: \"--schema\", \"--schema-only\""
        );
    }

    #[test]
    fn positional_reports_the_argument() {
        let e = OptionsError::Positional {
            argument: "mydb".into(),
            reason: "no",
        };
        assert_eq!(e.option(), Some("mydb"));
        assert_eq!(e.to_string(), "argument \"mydb\" is not allowed: no");
    }
}
