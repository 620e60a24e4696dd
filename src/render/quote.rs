//! Quoting for everything pg_dump writes into DDL text: identifiers (with and without
//! `--quote-all-identifiers`), single-quoted string literals, dollar-quoted function
//! bodies, `WITH (...)` reloption lists, and the line sanitising applied to TOC header
//! fields. Each function mirrors one routine of PostgreSQL 18's fe_utils/string_utils.c or
//! pg_dump/dumputils.c, named in its docs.
//!
//! Encoding: the C routines walk raw bytes in the client encoding and replace any invalid
//! multibyte sequence with a deliberately invalid two-byte marker. Rust `&str` is valid
//! UTF-8 by construction, so that branch cannot arise here. Every byte the routines treat
//! specially (`"`, `'`, `\`, `$`, CR, LF) is ASCII, and in UTF-8 an ASCII byte never
//! occurs inside a multibyte character, so working on UTF-8 text gives the same result
//! the C code gives on the same text in any client encoding. Converting the finished
//! output to a non-UTF-8 client encoding is not this module's business.
//!
//! PostgreSQL text cannot contain NUL, where the C code would stop; none is expected.

use super::keywords::{KeywordCategory, keyword_category};

/// Identifier quoting policy for one dump.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quoting {
    /// `--quote-all-identifiers`: quote every identifier, even ones that need no quotes.
    pub quote_all: bool,
}

impl Quoting {
    /// `name` as an SQL identifier: bare when the lexer would read it back unchanged,
    /// otherwise wrapped in `"` with each embedded `"` doubled.
    ///
    /// Mirrors fe_utils/string_utils.c fmtId (fmtIdEnc). A name stays bare only if quoting
    /// is not forced, it starts with an ASCII `a`-`z` or `_`, continues with ASCII `a`-`z`,
    /// `0`-`9` or `_` (so uppercase, `$` and every non-ASCII character force quotes), and is
    /// not a keyword other than an unreserved one. The empty name becomes `""`. The server's
    /// ruleutils.c quote_identifier (SQL `quote_ident`) applies the same rule.
    pub fn id(&self, name: &str) -> String {
        if !self.quote_all && is_bare_identifier(name) {
            return name.to_owned();
        }
        let mut quoted = String::with_capacity(name.len() + 2);
        quoted.push('"');
        for ch in name.chars() {
            if ch == '"' {
                quoted.push('"');
            }
            quoted.push(ch);
        }
        quoted.push('"');
        quoted
    }

    /// `schema.name` with each part quoted as [`Quoting::id`] would.
    ///
    /// Mirrors fe_utils/string_utils.c fmtQualifiedId, including its one special case: an
    /// empty schema is left out and only the quoted name is returned.
    pub fn qualified(&self, schema: &str, name: &str) -> String {
        if schema.is_empty() {
            return self.id(name);
        }
        let mut out = self.id(schema);
        out.push('.');
        out.push_str(&self.id(name));
        out
    }
}

/// Whether `name` may be written without quotes (when quoting is not forced).
fn is_bare_identifier(name: &str) -> bool {
    let bytes = name.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    if !(first.is_ascii_lowercase() || first == b'_') {
        return false;
    }
    if !bytes
        .iter()
        .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    // Keywords have no digits: most generated names (t_0001, ...) need no lookup.
    if bytes.iter().any(u8::is_ascii_digit) {
        return true;
    }
    // Unreserved keywords are accepted wherever an identifier is; the other categories
    // are not, and pg_dump does not try to work out which positions would allow them.
    !matches!(
        keyword_category(name),
        Some(KeywordCategory::ColName | KeywordCategory::TypeFuncName | KeywordCategory::Reserved)
    )
}

/// `s` as a single-quoted SQL string literal: each `'` doubled, and each `\` doubled too
/// when `standard_conforming_strings` is off. No `E` prefix is ever added.
///
/// Mirrors fe_utils/string_utils.c appendStringLiteral, as pg_dump calls it through
/// appendStringLiteralAH with the archive's `std_strings`.
pub fn string_literal(s: &str, std_strings: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for ch in s.chars() {
        if ch == '\'' || (ch == '\\' && !std_strings) {
            out.push(ch);
        }
        out.push(ch);
    }
    out.push('\'');
    out
}

/// The characters appended, in turn and cyclically, to lengthen a dollar-quote tag.
const DOLLAR_TAG_SUFFIXES: &[u8] = b"_XXXXXXX";

/// `body` wrapped in dollar quotes with a delimiter that does not occur in it; nothing
/// inside is escaped.
///
/// Mirrors fe_utils/string_utils.c appendStringLiteralDQ. The delimiter starts as `$`
/// followed by `dq_hint` (pg_dump passes NULL for function bodies: pass `""`). While the
/// body contains the delimiter so far, the next of `_XXXXXXX` is appended, wrapping
/// around after the last. The search leaves out the closing `$` on purpose: a body whose
/// tail is `$_` followed by the tag `$_$` would read as ending at that tail. Hence `$$` for a body without `$`, `$_$` for one containing
/// `$` but not `$_`, then `$_X$`, `$_XX$`, ... `$_XXXXXXX$`, `$_XXXXXXX_$`.
pub fn dollar_quote(body: &str, dq_hint: &str) -> String {
    let mut tag = String::with_capacity(dq_hint.len() + 4);
    tag.push('$');
    tag.push_str(dq_hint);
    let mut next = 0;
    while body.contains(tag.as_str()) {
        tag.push(char::from(DOLLAR_TAG_SUFFIXES[next]));
        next = (next + 1) % DOLLAR_TAG_SUFFIXES.len();
    }
    tag.push('$');
    let mut out = String::with_capacity(body.len() + 2 * tag.len());
    out.push_str(&tag);
    out.push_str(body);
    out.push_str(&tag);
    out
}

/// The inside of a `WITH (...)` clause for reloptions stored as `name=value` items,
/// joined with `", "`, each name preceded by `prefix` (`""`, or `"toast."` for a table's
/// TOAST options).
///
/// Mirrors fe_utils/string_utils.c appendReloptionsArray (called through pg_dump.c
/// appendReloptionsArrayAH). Each item is split at its first `=`; an item without `=` is
/// taken as a name with an empty value. The name goes through [`Quoting::id`]. The value
/// is written bare when quoting it as an identifier would leave it unchanged, and as a
/// [`string_literal`] otherwise: so `check_option=local`, but `fillfactor='70'` (leading
/// digit), `autovacuum_enabled='false'` (reserved word), and with `quote_all` every
/// value becomes a literal. The C function parses the array text itself and emits
/// nothing if that fails; here the caller hands over the already-decoded `text[]`.
pub fn reloptions(items: &[String], prefix: &str, q: &Quoting, std_strings: bool) -> String {
    let mut out = String::new();
    for (index, item) in items.iter().enumerate() {
        let (name, value) = item.split_once('=').unwrap_or((item.as_str(), ""));
        if index > 0 {
            out.push_str(", ");
        }
        out.push_str(prefix);
        out.push_str(&q.id(name));
        out.push('=');
        if q.id(value) == value {
            out.push_str(value);
        } else {
            out.push_str(&string_literal(value, std_strings));
        }
    }
    out
}

/// A TOC header field made safe for a one-line `--` comment: CR and LF become spaces.
///
/// Mirrors pg_dump/dumputils.c sanitize_line. `None` stands for the C NULL pointer and
/// prints as `-` when `want_hyphen` is set, else as nothing. `want_hyphen` only matters for
/// `None`: an empty string stays empty, which is how pg_dump prints `Owner: ` with a
/// trailing space for an empty owner. (pg_backup_archiver.c _printTocEntry sets
/// `want_hyphen` for `Schema:` and `Owner:`, the owner being NULL under `--no-owner`, and
/// not for `Name:` or `Tablespace:`.)
pub fn sanitize_line(s: Option<&str>, want_hyphen: bool) -> String {
    match s {
        None if want_hyphen => "-".to_owned(),
        None => String::new(),
        Some(text) => text.replace(['\n', '\r'], " "),
    }
}

#[cfg(test)]
mod tests {
    use super::super::keywords::KEYWORDS;
    use super::*;

    #[test]
    fn no_keyword_has_a_digit() {
        // The digit shortcut in is_bare_identifier relies on it.
        assert!(
            KEYWORDS
                .iter()
                .all(|(k, _)| !k.bytes().any(|b| b.is_ascii_digit()))
        );
    }

    const PLAIN: Quoting = Quoting { quote_all: false };
    const ALL: Quoting = Quoting { quote_all: true };

    #[test]
    fn id_keywords_by_category() {
        // reserved
        assert_eq!(PLAIN.id("select"), "\"select\"");
        assert_eq!(PLAIN.id("user"), "\"user\"");
        assert_eq!(PLAIN.id("table"), "\"table\"");
        // column-name
        assert_eq!(PLAIN.id("int"), "\"int\"");
        assert_eq!(PLAIN.id("between"), "\"between\"");
        // type/function-name
        assert_eq!(PLAIN.id("left"), "\"left\"");
        assert_eq!(PLAIN.id("authorization"), "\"authorization\"");
        // unreserved
        assert_eq!(PLAIN.id("abort"), "abort");
        assert_eq!(PLAIN.id("name"), "name");
        assert_eq!(PLAIN.id("local"), "local");
    }

    #[test]
    fn id_every_keyword_follows_its_category() {
        for &(word, category) in KEYWORDS {
            let expected = if category == KeywordCategory::Unreserved {
                word.to_owned()
            } else {
                format!("\"{word}\"")
            };
            assert_eq!(PLAIN.id(word), expected, "{word} ({category:?})");
            assert_eq!(ALL.id(word), format!("\"{word}\""), "{word}");
        }
    }

    #[test]
    fn id_keyword_lookalikes_stay_bare() {
        assert_eq!(PLAIN.id("selects"), "selects");
        assert_eq!(PLAIN.id("_select"), "_select");
        assert_eq!(PLAIN.id("select1"), "select1");
        // Keyword matching happens only on all-lowercase words; uppercase is quoted anyway.
        assert_eq!(PLAIN.id("SELECT"), "\"SELECT\"");
    }

    #[test]
    fn id_plain_names() {
        assert_eq!(PLAIN.id("abc"), "abc");
        assert_eq!(PLAIN.id("a1_b2"), "a1_b2");
        assert_eq!(PLAIN.id("_"), "_");
        assert_eq!(PLAIN.id("_1"), "_1");
        assert_eq!(PLAIN.id("x"), "x");
    }

    #[test]
    fn id_names_needing_quotes() {
        assert_eq!(PLAIN.id("User"), "\"User\"");
        assert_eq!(PLAIN.id("abC"), "\"abC\"");
        assert_eq!(PLAIN.id("1abc"), "\"1abc\"");
        assert_eq!(PLAIN.id("9"), "\"9\"");
        assert_eq!(PLAIN.id("a$b"), "\"a$b\"");
        assert_eq!(PLAIN.id("$1"), "\"$1\"");
        assert_eq!(PLAIN.id("a b"), "\"a b\"");
        assert_eq!(PLAIN.id("a-b"), "\"a-b\"");
        assert_eq!(PLAIN.id("a.b"), "\"a.b\"");
        assert_eq!(PLAIN.id("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn id_non_ascii_is_quoted() {
        assert_eq!(PLAIN.id("café"), "\"café\"");
        assert_eq!(PLAIN.id("ñame"), "\"ñame\"");
        assert_eq!(PLAIN.id("表"), "\"表\"");
        assert_eq!(PLAIN.id("a🦀"), "\"a🦀\"");
    }

    #[test]
    fn id_doubles_embedded_double_quotes() {
        assert_eq!(PLAIN.id("a\"b"), "\"a\"\"b\"");
        assert_eq!(PLAIN.id("\""), "\"\"\"\"");
        assert_eq!(PLAIN.id("\"\""), "\"\"\"\"\"\"");
        assert_eq!(ALL.id("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn id_empty_is_quoted() {
        assert_eq!(PLAIN.id(""), "\"\"");
        assert_eq!(ALL.id(""), "\"\"");
    }

    #[test]
    fn id_quote_all_quotes_everything() {
        assert_eq!(ALL.id("abc"), "\"abc\"");
        assert_eq!(ALL.id("abort"), "\"abort\"");
        assert_eq!(ALL.id("User"), "\"User\"");
        assert_eq!(ALL.id("public"), "\"public\"");
    }

    #[test]
    fn qualified_quotes_each_part() {
        assert_eq!(PLAIN.qualified("public", "t"), "public.t");
        assert_eq!(
            PLAIN.qualified("My Schema", "User"),
            "\"My Schema\".\"User\""
        );
        assert_eq!(PLAIN.qualified("s", "select"), "s.\"select\"");
        assert_eq!(PLAIN.qualified("a.b", "c"), "\"a.b\".c");
        assert_eq!(ALL.qualified("public", "base"), "\"public\".\"base\"");
    }

    #[test]
    fn qualified_with_empty_schema_is_just_the_name() {
        assert_eq!(PLAIN.qualified("", "t"), "t");
        assert_eq!(PLAIN.qualified("", "T"), "\"T\"");
        assert_eq!(ALL.qualified("", "t"), "\"t\"");
    }

    #[test]
    fn string_literal_with_standard_strings() {
        assert_eq!(string_literal("", true), "''");
        assert_eq!(string_literal("plain", true), "'plain'");
        assert_eq!(string_literal("it's", true), "'it''s'");
        assert_eq!(string_literal("''", true), "''''''");
        assert_eq!(string_literal("a\\b", true), "'a\\b'");
        assert_eq!(string_literal("\\'", true), "'\\'''");
        assert_eq!(string_literal("two\nlines", true), "'two\nlines'");
        assert_eq!(string_literal("\"q\" $$ é", true), "'\"q\" $$ é'");
    }

    #[test]
    fn string_literal_without_standard_strings_doubles_backslashes() {
        assert_eq!(string_literal("plain", false), "'plain'");
        assert_eq!(string_literal("it's", false), "'it''s'");
        assert_eq!(string_literal("a\\b", false), "'a\\\\b'");
        assert_eq!(string_literal("\\'", false), "'\\\\'''");
        assert_eq!(string_literal("\\\\", false), "'\\\\\\\\'");
        assert!(!string_literal("a\\b", false).starts_with('E'));
    }

    #[test]
    fn dollar_quote_without_dollars_uses_empty_tag() {
        assert_eq!(dollar_quote("select 1", ""), "$$select 1$$");
        assert_eq!(dollar_quote("", ""), "$$$$");
        assert_eq!(dollar_quote("it's a \\ body", ""), "$$it's a \\ body$$");
    }

    #[test]
    fn dollar_quote_grows_tag_past_body_contents() {
        assert_eq!(dollar_quote("a $$ b", ""), "$_$a $$ b$_$");
        assert_eq!(dollar_quote("return $1;", ""), "$_$return $1;$_$");
        assert_eq!(dollar_quote("a $_$ b", ""), "$_X$a $_$ b$_X$");
        assert_eq!(dollar_quote("a $_X$ b", ""), "$_XX$a $_X$ b$_XX$");
        assert_eq!(
            dollar_quote("$$ $_$ $_X$ $_XX$", ""),
            "$_XXX$$$ $_$ $_X$ $_XX$$_XXX$"
        );
    }

    #[test]
    fn dollar_quote_body_ending_with_dollar() {
        assert_eq!(dollar_quote("x$", ""), "$_$x$$_$");
        assert_eq!(dollar_quote("$", ""), "$_$$$_$");
        // The tag is searched for without its closing `$`: `$_$` does not occur in `x$_`,
        // but `$_$x$_$_$` would end the string at the `$_$` formed with the body's tail.
        assert_eq!(dollar_quote("x$_", ""), "$_X$x$_$_X$");
    }

    #[test]
    fn dollar_quote_tag_suffixes_wrap_around() {
        assert_eq!(dollar_quote("$_XXXXXX", ""), "$_XXXXXXX$$_XXXXXX$_XXXXXXX$");
        assert_eq!(
            dollar_quote("$_XXXXXXX", ""),
            "$_XXXXXXX_$$_XXXXXXX$_XXXXXXX_$"
        );
        assert_eq!(
            dollar_quote("$_XXXXXXX_", ""),
            "$_XXXXXXX_X$$_XXXXXXX_$_XXXXXXX_X$"
        );
    }

    #[test]
    fn dollar_quote_with_hint() {
        assert_eq!(dollar_quote("body", "fn"), "$fn$body$fn$");
        assert_eq!(dollar_quote("a $fn b", "fn"), "$fn_$a $fn b$fn_$");
        assert_eq!(dollar_quote("a $f b", "fn"), "$fn$a $f b$fn$");
    }

    fn items(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn reloptions_values_bare_or_literal() {
        let r = |list: &[&str]| reloptions(&items(list), "", &PLAIN, true);
        assert_eq!(r(&["fillfactor=70"]), "fillfactor='70'");
        assert_eq!(
            r(&["autovacuum_enabled=false"]),
            "autovacuum_enabled='false'"
        );
        // `off` is an unreserved keyword, `on` a reserved one.
        assert_eq!(r(&["autovacuum_enabled=off"]), "autovacuum_enabled=off");
        assert_eq!(r(&["autovacuum_enabled=on"]), "autovacuum_enabled='on'");
        assert_eq!(r(&["check_option=local"]), "check_option=local");
        assert_eq!(r(&["check_option=cascaded"]), "check_option=cascaded");
        assert_eq!(r(&["security_barrier=true"]), "security_barrier='true'");
        assert_eq!(r(&["n_distinct=-0.5"]), "n_distinct='-0.5'");
        assert_eq!(r(&["opt=it's"]), "opt='it''s'");
    }

    #[test]
    fn reloptions_joined_with_comma_space() {
        let list = items(&[
            "fillfactor=70",
            "autovacuum_enabled=false",
            "user_catalog_table=on",
        ]);
        assert_eq!(
            reloptions(&list, "", &PLAIN, true),
            "fillfactor='70', autovacuum_enabled='false', user_catalog_table='on'"
        );
        assert_eq!(reloptions(&[], "", &PLAIN, true), "");
    }

    #[test]
    fn reloptions_toast_prefix_is_not_quoted() {
        let list = items(&["autovacuum_enabled=false", "fillfactor=70"]);
        assert_eq!(
            reloptions(&list, "toast.", &PLAIN, true),
            "toast.autovacuum_enabled='false', toast.fillfactor='70'"
        );
        assert_eq!(
            reloptions(&list, "toast.", &ALL, true),
            "toast.\"autovacuum_enabled\"='false', toast.\"fillfactor\"='70'"
        );
    }

    #[test]
    fn reloptions_split_at_first_equals() {
        let list = items(&["a=b=c", "x==", "noequals", "=v", "e="]);
        assert_eq!(
            reloptions(&list, "", &PLAIN, true),
            "a='b=c', x='=', noequals='', \"\"=v, e=''"
        );
    }

    #[test]
    fn reloptions_quote_all_makes_every_value_a_literal() {
        let list = items(&["check_option=local"]);
        assert_eq!(
            reloptions(&list, "", &ALL, true),
            "\"check_option\"='local'"
        );
    }

    #[test]
    fn reloptions_literal_follows_standard_strings() {
        let list = items(&["opt=a\\b"]);
        assert_eq!(reloptions(&list, "", &PLAIN, true), "opt='a\\b'");
        assert_eq!(reloptions(&list, "", &PLAIN, false), "opt='a\\\\b'");
    }

    #[test]
    fn reloptions_odd_names_are_quoted() {
        let list = items(&["Odd Name=x"]);
        assert_eq!(reloptions(&list, "", &PLAIN, true), "\"Odd Name\"=x");
    }

    #[test]
    fn sanitize_line_replaces_line_breaks() {
        assert_eq!(sanitize_line(Some("plain"), false), "plain");
        assert_eq!(sanitize_line(Some("a\nb\rc\r\nd"), false), "a b c  d");
        assert_eq!(sanitize_line(Some("\n"), true), " ");
        assert_eq!(sanitize_line(Some("tab\tstays"), false), "tab\tstays");
    }

    #[test]
    fn sanitize_line_hyphen_only_for_missing_values() {
        assert_eq!(sanitize_line(None, true), "-");
        assert_eq!(sanitize_line(None, false), "");
        assert_eq!(sanitize_line(Some(""), true), "");
        assert_eq!(sanitize_line(Some(""), false), "");
    }
}
