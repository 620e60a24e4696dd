//! GRANT/REVOKE text for object privileges and `ALTER DEFAULT PRIVILEGES`, as pg_dump 18
//! writes it into ACL and DEFAULT ACL entries.
//!
//! Mirrors PostgreSQL 18's pg_dump/dumputils.c buildACLCommands, buildDefaultACLCommands,
//! parseAclItem, dequoteAclUserName (the `copyAclUserName` of older releases), AddAcl and
//! quoteAclUserName, plus fe_utils/string_utils.c parsePGArray and appendPGArray. The
//! choice of the base ACL follows pg_dump.c dumpACL ([`AclInput::from_catalog`]), and the
//! synthesised base of the `public` schema follows pg_dump.c getNamespaces
//! ([`public_schema_initprivs`]).
//!
//! How pg_dump gets here: every object with privileges is fetched with its ACL (`relacl`,
//! `proacl`, `nspacl`, ...) and `acldefault(<kind>, <owner>)`; on servers from 9.6 on,
//! getAdditionalACLs attaches the `pg_init_privs.initprivs` of the object if there is one
//! (ignored for the `public` schema, whose base is synthesised instead). dumpACL then uses
//! the initprivs as the base when present, else the acldefault. Column privileges always
//! have the base `{}` (dumpTable hard-wires it rather than asking for
//! `acldefault('c', owner)`), unless the column has initprivs. Global default ACLs use
//! `acldefault(<objtype>, <role>)` as their base; per-schema ones use `{}` (getDefaultACLs).
//!
//! The comparison is done on the aclitem texts as the server printed them: an item present
//! in the ACL and in the base, byte for byte, is left alone; base items missing from the
//! ACL are revoked, ACL items missing from the base are granted.
//!
//! Text: all the characters the parsers look at (`{`, `}`, `,`, `"`, `\`, `=`, `/`, `*`
//! and the privilege letters) are ASCII, so walking UTF-8 `char`s gives the result the C
//! code gets walking bytes. PostgreSQL text cannot contain NUL, where the C code would
//! stop; none is expected.

use super::quote::Quoting;

/// One object's privileges as pg_dump reads them: the aclitem[] texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AclInput<'a> {
    /// The object's current ACL as `aclitem[]` text, e.g. `{alice=arwdDxtm/alice,=r/alice}`.
    /// `None` (SQL NULL) and `Some("")` both mean "default privileges": nothing is emitted.
    pub acl: Option<&'a str>,
    /// What the ACL is compared against: the object's `pg_init_privs.initprivs` if it has
    /// one, else its `acldefault(...)`, as `aclitem[]` text. [`AclInput::from_catalog`]
    /// makes that choice the way dumpACL does.
    pub base: &'a str,
    /// The owner's role name, unquoted. Empty means "no owner known" (C passes NULL).
    pub owner: &'a str,
}

impl<'a> AclInput<'a> {
    /// The input dumpACL hands to buildACLCommands for an object's catalog values.
    ///
    /// With a non-empty `initprivs` the base is the initprivs, and a missing or empty ACL
    /// stands for the `acldefault` (so privileges recorded in pg_init_privs but since
    /// reset to the default still get revoked). Without initprivs the base is the
    /// `acldefault` and a missing ACL means there is nothing to dump.
    pub fn from_catalog(
        acl: Option<&'a str>,
        acldefault: &'a str,
        initprivs: Option<&'a str>,
        owner: &'a str,
    ) -> Self {
        match initprivs {
            Some(init) if !init.is_empty() => {
                let acl = match acl {
                    Some(text) if !text.is_empty() => text,
                    _ => acldefault,
                };
                AclInput {
                    acl: Some(acl),
                    base: init,
                    owner,
                }
            }
            _ => AclInput {
                acl,
                base: acldefault,
                owner,
            },
        }
    }
}

/// Why no GRANT/REVOKE text could be built. pg_dump stops with a fatal error in each case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AclError {
    /// The ACL or the base is not a well-formed array text (parsePGArray failed).
    #[error("could not parse ACL array: {0}")]
    Array(String),
    /// One aclitem is not of the form `grantee=privileges/grantor` (parseAclItem failed).
    #[error("could not parse ACL item: {0}")]
    Item(String),
    /// The object type keyword is not one parseAclItem knows (C aborts).
    #[error("unsupported object type for privileges: {0}")]
    Kind(String),
}

/// buildACLCommands: the GRANT/REVOKE text for one object, or `None` when nothing differs
/// from the base.
///
/// - `name`: the object name exactly as it goes after `ON <kind> `, already quoted and,
///   for objects in a schema, already qualified. pg_dump passes the quoted unqualified
///   name and the schema separately and writes `fmtId(schema) + "." + name`; pass that
///   joined text here. What dumpACL gets as the name: for tables, sequences, types and
///   schemas `fmtId(name)` (`public.t`, `app`); for functions and procedures
///   format_function_arguments with the identity arguments, names included
///   (`public.f(a integer, b text)`); for aggregates format_function_signature, types
///   only and `()` for `*` (`public.agg(integer)`, `public.cnt()`); for large objects the
///   OID. An empty name is left out of the statements. (The ACL entry's tag, which is not
///   built here, is `<kind> <unqualified name>` or `COLUMN <name>.<subname>`.)
/// - `subname`: the column for column privileges, already quoted (`fmtId(attname)`), or
///   `None`. Column privileges are dumped with `kind` `"TABLE"` for every relation kind.
/// - `kind`: the keyword after `ON`: `TABLE` (also views, materialized views and foreign
///   tables), `SEQUENCE`, `FUNCTION` (also aggregates), `PROCEDURE`, `LANGUAGE`,
///   `SCHEMA`, `DATABASE`, `TABLESPACE`, `TYPE` (also domains), `FOREIGN DATA WRAPPER`,
///   `FOREIGN SERVER`, `FOREIGN TABLE`, `PARAMETER`, `LARGE OBJECT`, or for default
///   privileges `TABLES`, `SEQUENCES`, `FUNCTIONS`, `PROCEDURES`, `SCHEMAS`, `TYPES`,
///   `LARGE OBJECTS`. Anything else is [`AclError::Kind`], reported even when nothing
///   differs (C would abort only on reaching an item).
/// - `prefix`: written before each `GRANT`/`REVOKE`; `""` for object ACLs.
/// - `server_version`: the server's version number. pg_dump 18 passes it down but no
///   longer looks at it: every privilege letter is translated whatever the server. So a
///   table owned by `o` with `bob=arwdDxt/o` from a server before 17 (which has no
///   MAINTAIN) gets the full list rather than `ALL`, keeping a restore into 18 from
///   granting MAINTAIN.
///
/// Output, each statement ending in `;\n`: first a `REVOKE <privs> ON <kind> <name> FROM
/// <grantee>;` for each base item absent from the ACL (in base order, grant options not
/// distinguished, grantor ignored), then the owner's own grants (grantee and grantor both
/// the owner), then all other grants, in ACL order. A grant is `GRANT <privs> ON <kind>
/// <name> TO <grantee>;` for the privileges without grant option followed by `GRANT
/// <privs> ... WITH GRANT OPTION;` for those with it, wrapped in `SET SESSION
/// AUTHORIZATION <grantor>;` / `RESET SESSION AUTHORIZATION;` when the grantor is not the
/// owner. Privilege lists are comma-joined without spaces in the order of the kind's
/// letters in parseAclItem, each as `KEYWORD(col)` for a column; the whole set for the
/// kind becomes `ALL` (`ALL(col)`). The grantee is `PUBLIC` for an empty name, else
/// [`Quoting::id`] of it.
pub fn build_acl_commands(
    name: &str,
    subname: Option<&str>,
    kind: &str,
    input: &AclInput,
    prefix: &str,
    q: &Quoting,
    server_version: u32,
) -> Result<Option<String>, AclError> {
    // Kept for the C signature; see the doc comment.
    let _ = server_version;
    let privileges =
        privileges_for(kind, subname.is_some()).ok_or_else(|| AclError::Kind(kind.to_owned()))?;

    let acl = match input.acl {
        Some(text) if !text.is_empty() => text,
        _ => return Ok(None),
    };
    let owner = (!input.owner.is_empty()).then_some(input.owner);

    let acl_items = parse_pg_array(acl).ok_or_else(|| AclError::Array(acl.to_owned()))?;
    let base_items =
        parse_pg_array(input.base).ok_or_else(|| AclError::Array(input.base.to_owned()))?;

    let target = Target { prefix, kind, name };
    // Revokes, then the owner's own grants; everything else goes in `second`.
    let mut first = String::new();
    let mut second = String::new();

    for item in base_items.iter().filter(|item| !acl_items.contains(item)) {
        let parsed = parse_acl_item(item, privileges, subname, false)
            .ok_or_else(|| AclError::Item(item.clone()))?;
        if !parsed.privs.is_empty() {
            target.statement(&mut first, "REVOKE", &parsed.privs, "FROM");
            push_grantee(&mut first, &parsed.grantee, q);
            first.push_str(";\n");
        }
    }

    for item in acl_items.iter().filter(|item| !base_items.contains(item)) {
        let parsed = parse_acl_item(item, privileges, subname, true)
            .ok_or_else(|| AclError::Item(item.clone()))?;
        if parsed.privs.is_empty() && parsed.privs_with_grant.is_empty() {
            continue;
        }
        let grantor = match owner {
            Some(owner) if parsed.grantor.is_empty() => owner,
            _ => parsed.grantor.as_str(),
        };
        let out = if owner.is_some_and(|owner| parsed.grantee == owner && grantor == owner) {
            &mut first
        } else {
            &mut second
        };
        let switch_user = !grantor.is_empty() && owner != Some(grantor);
        if switch_user {
            out.push_str("SET SESSION AUTHORIZATION ");
            out.push_str(&q.id(grantor));
            out.push_str(";\n");
        }
        if !parsed.privs.is_empty() {
            target.statement(out, "GRANT", &parsed.privs, "TO");
            push_grantee(out, &parsed.grantee, q);
            out.push_str(";\n");
        }
        if !parsed.privs_with_grant.is_empty() {
            target.statement(out, "GRANT", &parsed.privs_with_grant, "TO");
            push_grantee(out, &parsed.grantee, q);
            out.push_str(" WITH GRANT OPTION;\n");
        }
        if switch_user {
            out.push_str("RESET SESSION AUTHORIZATION;\n");
        }
    }

    first.push_str(&second);
    Ok((!first.is_empty()).then_some(first))
}

/// buildDefaultACLCommands: the `ALTER DEFAULT PRIVILEGES` text for one pg_default_acl
/// row, or `None` when nothing differs from the base.
///
/// `kind` is `TABLES`, `SEQUENCES`, `FUNCTIONS`, `TYPES`, `SCHEMAS` or `LARGE OBJECTS`
/// (dumpDefaultACL's mapping of `defaclobjtype` r, S, f, T, n, L). `nspname` is the
/// schema's raw name for a per-schema entry, `None` for a global one. `owner` is the raw
/// `defaclrole` name that goes into `FOR ROLE`; `input.owner` is the owner the grantors
/// are compared with, which pg_dump also takes from `defaclrole`. The base is
/// `acldefault(<objtype>, defaclrole)` for a global entry and `{}` for a per-schema one;
/// there are no initprivs for default ACLs.
///
/// Each statement is that of [`build_acl_commands`] with an empty object name, prefixed
/// by `ALTER DEFAULT PRIVILEGES FOR ROLE <role> [IN SCHEMA <schema>] `, e.g.
/// `ALTER DEFAULT PRIVILEGES FOR ROLE alice IN SCHEMA app GRANT SELECT ON TABLES TO bob;`.
pub fn build_default_acl_commands(
    kind: &str,
    nspname: Option<&str>,
    input: &AclInput,
    owner: &str,
    q: &Quoting,
    server_version: u32,
) -> Result<Option<String>, AclError> {
    let mut prefix = String::from("ALTER DEFAULT PRIVILEGES FOR ROLE ");
    prefix.push_str(&q.id(owner));
    prefix.push(' ');
    if let Some(schema) = nspname {
        prefix.push_str("IN SCHEMA ");
        prefix.push_str(&q.id(schema));
        prefix.push(' ');
    }
    build_acl_commands("", None, kind, input, &prefix, q, server_version)
}

/// The base ACL pg_dump assumes for the `public` schema, in place of any pg_init_privs
/// entry: `{owner=UC/owner,=U/owner}` for the schema's current owner, each role name
/// quoted the way the server prints it in an aclitem and each item quoted as an array
/// element where needed.
///
/// Mirrors the synthesis in pg_dump.c getNamespaces (quoteAclUserName, appendPGArray).
/// The result goes in [`AclInput::base`] (through [`AclInput::from_catalog`] as the
/// initprivs), so an ACL left at the v15 default dumps nothing.
pub fn public_schema_initprivs(owner: &str) -> String {
    let quoted = quote_acl_user_name(owner);
    let mut out = String::from("{");
    push_array_element(&mut out, &format!("{quoted}=UC/{quoted}"));
    out.push(',');
    push_array_element(&mut out, &format!("=U/{quoted}"));
    out.push('}');
    out
}

/// The fixed parts of every statement for one object.
struct Target<'a> {
    prefix: &'a str,
    kind: &'a str,
    name: &'a str,
}

impl Target<'_> {
    /// `<prefix><verb> <privs> ON <kind> [<name> ]<to_from> `, without the grantee.
    fn statement(&self, out: &mut String, verb: &str, privs: &str, to_from: &str) {
        out.push_str(self.prefix);
        out.push_str(verb);
        out.push(' ');
        out.push_str(privs);
        out.push_str(" ON ");
        out.push_str(self.kind);
        out.push(' ');
        if !self.name.is_empty() {
            out.push_str(self.name);
            out.push(' ');
        }
        out.push_str(to_from);
        out.push(' ');
    }
}

/// `PUBLIC` for the empty grantee, else the quoted role name.
fn push_grantee(out: &mut String, grantee: &str, q: &Quoting) {
    if grantee.is_empty() {
        out.push_str("PUBLIC");
    } else {
        out.push_str(&q.id(grantee));
    }
}

/// A privilege letter of the aclitem text and the keyword GRANT uses for it.
type Privilege = (char, &'static str);

const TABLE_PRIVILEGES: &[Privilege] = &[
    ('r', "SELECT"),
    ('a', "INSERT"),
    ('x', "REFERENCES"),
    ('d', "DELETE"),
    ('t', "TRIGGER"),
    ('D', "TRUNCATE"),
    ('m', "MAINTAIN"),
    ('w', "UPDATE"),
];
const COLUMN_PRIVILEGES: &[Privilege] = &[
    ('r', "SELECT"),
    ('a', "INSERT"),
    ('x', "REFERENCES"),
    ('w', "UPDATE"),
];
const SEQUENCE_PRIVILEGES: &[Privilege] = &[('r', "SELECT"), ('U', "USAGE"), ('w', "UPDATE")];
const EXECUTE_PRIVILEGES: &[Privilege] = &[('X', "EXECUTE")];
const USAGE_PRIVILEGES: &[Privilege] = &[('U', "USAGE")];
const SCHEMA_PRIVILEGES: &[Privilege] = &[('C', "CREATE"), ('U', "USAGE")];
const DATABASE_PRIVILEGES: &[Privilege] = &[('C', "CREATE"), ('c', "CONNECT"), ('T', "TEMPORARY")];
const CREATE_PRIVILEGES: &[Privilege] = &[('C', "CREATE")];
const SELECT_PRIVILEGES: &[Privilege] = &[('r', "SELECT")];
const PARAMETER_PRIVILEGES: &[Privilege] = &[('s', "SET"), ('A', "ALTER SYSTEM")];
const LARGE_OBJECT_PRIVILEGES: &[Privilege] = &[('r', "SELECT"), ('w', "UPDATE")];

/// The privileges parseAclItem translates for an object type, in its order; `None` for a
/// type it does not know. The table branch drops the letters that columns cannot have.
fn privileges_for(kind: &str, column: bool) -> Option<&'static [Privilege]> {
    Some(match kind {
        "TABLE" | "TABLES" if column => COLUMN_PRIVILEGES,
        "TABLE" | "TABLES" => TABLE_PRIVILEGES,
        "SEQUENCE" | "SEQUENCES" => SEQUENCE_PRIVILEGES,
        "FUNCTION" | "FUNCTIONS" | "PROCEDURE" | "PROCEDURES" => EXECUTE_PRIVILEGES,
        "LANGUAGE" | "TYPE" | "TYPES" | "FOREIGN DATA WRAPPER" | "FOREIGN SERVER" => {
            USAGE_PRIVILEGES
        }
        "SCHEMA" | "SCHEMAS" => SCHEMA_PRIVILEGES,
        "DATABASE" => DATABASE_PRIVILEGES,
        "TABLESPACE" => CREATE_PRIVILEGES,
        "FOREIGN TABLE" => SELECT_PRIVILEGES,
        "PARAMETER" => PARAMETER_PRIVILEGES,
        "LARGE OBJECT" | "LARGE OBJECTS" => LARGE_OBJECT_PRIVILEGES,
        _ => return None,
    })
}

/// One aclitem taken apart by [`parse_acl_item`].
#[derive(Debug, PartialEq, Eq)]
struct ParsedItem {
    /// Unquoted grantee; empty for PUBLIC.
    grantee: String,
    /// Unquoted grantor.
    grantor: String,
    /// Privileges without grant option (all of them when grant options are not split).
    privs: String,
    /// Privileges with grant option.
    privs_with_grant: String,
}

/// parseAclItem: split `grantee=privileges/grantor` and translate the privilege letters
/// into comma-joined keywords, each followed by `(subname)` for a column. With
/// `split_grant_option`, letters followed by `*` go to `privs_with_grant`; without it,
/// every letter goes to `privs`. When every privilege of the type is present and all of
/// them in the same list, that list is just `ALL` (`ALL(subname)`) and the other empty.
/// `None` on a malformed item.
fn parse_acl_item(
    item: &str,
    privileges: &[Privilege],
    subname: Option<&str>,
    split_grant_option: bool,
) -> Option<ParsedItem> {
    let chars: Vec<char> = item.chars().collect();

    let (grantee, eq) = dequote_acl_user_name(&chars);
    if chars.get(eq) != Some(&'=') {
        return None;
    }
    // The grantor follows the first '/' after the '='; it must run to the end.
    let slash = eq + 1 + chars[eq + 1..].iter().position(|&c| c == '/')?;
    let grantor_chars = &chars[slash + 1..];
    let (grantor, grantor_end) = dequote_acl_user_name(grantor_chars);
    if grantor_end != grantor_chars.len() {
        return None;
    }
    let codes = &chars[eq + 1..slash];

    let mut privs = String::new();
    let mut privs_with_grant = String::new();
    let mut all_with_grant = true;
    let mut all_without_grant = true;
    for &(code, keyword) in privileges {
        match codes.iter().position(|&c| c == code) {
            Some(at) if split_grant_option && codes.get(at + 1) == Some(&'*') => {
                add_privilege(&mut privs_with_grant, keyword, subname);
                all_without_grant = false;
            }
            Some(_) => {
                add_privilege(&mut privs, keyword, subname);
                all_with_grant = false;
            }
            None => {
                all_with_grant = false;
                all_without_grant = false;
            }
        }
    }

    if all_with_grant {
        privs.clear();
        privs_with_grant = all_privileges(subname);
    } else if all_without_grant {
        privs_with_grant.clear();
        privs = all_privileges(subname);
    }

    Some(ParsedItem {
        grantee,
        grantor,
        privs,
        privs_with_grant,
    })
}

/// `ALL`, or `ALL(subname)` for a column.
fn all_privileges(subname: Option<&str>) -> String {
    match subname {
        Some(column) => format!("ALL({column})"),
        None => "ALL".to_owned(),
    }
}

/// AddAcl: append a keyword (with `(subname)` for a column) to a comma-joined list.
fn add_privilege(list: &mut String, keyword: &str, subname: Option<&str>) {
    if !list.is_empty() {
        list.push(',');
    }
    list.push_str(keyword);
    if let Some(column) = subname {
        list.push('(');
        list.push_str(column);
        list.push(')');
    }
}

/// dequoteAclUserName: the role name at the start of `chars`, up to an unquoted `=` or
/// the end, with `"..."` sections unquoted (`""` inside standing for `"`). Returns the
/// name and the index just past it. An unterminated quoted section ends the name at the
/// end of the text.
fn dequote_acl_user_name(chars: &[char]) -> (String, usize) {
    let mut name = String::new();
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        if c == '=' {
            break;
        }
        if c != '"' {
            name.push(c);
            at += 1;
            continue;
        }
        at += 1;
        loop {
            let current = chars.get(at).copied();
            let next = chars.get(at + 1).copied();
            match current {
                Some('"') if next != Some('"') => break,
                None => return (name, at),
                Some('"') => {
                    // A doubled quote stands for one.
                    name.push('"');
                    at += 2;
                }
                Some(other) => {
                    name.push(other);
                    at += 1;
                }
            }
        }
        at += 1;
    }
    (name, at)
}

/// parsePGArray: the elements of a one-dimensional array text `{a,"b c",...}`. A quoted
/// section may sit anywhere in an element; inside it `\` escapes the next character.
/// Unquoted text is taken as is (no whitespace trimming, no NULL recognition). `None`
/// when the text is not of that form.
fn parse_pg_array(text: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 || chars.first() != Some(&'{') || chars.last() != Some(&'}') {
        return None;
    }
    let mut items = Vec::new();
    let mut at = 1;
    loop {
        match chars.get(at)? {
            '}' => break,
            _ => {
                let mut item = String::new();
                loop {
                    match *chars.get(at)? {
                        '}' | ',' => break,
                        '"' => {
                            at += 1;
                            loop {
                                match *chars.get(at)? {
                                    '"' => break,
                                    '\\' => {
                                        at += 1;
                                        item.push(*chars.get(at)?);
                                    }
                                    other => item.push(other),
                                }
                                at += 1;
                            }
                            at += 1;
                        }
                        other => {
                            item.push(other);
                            at += 1;
                        }
                    }
                }
                items.push(item);
                if chars.get(at) == Some(&',') {
                    at += 1;
                }
            }
        }
    }
    // The first unquoted '}' must be the last character.
    (at + 1 == chars.len()).then_some(items)
}

/// quoteAclUserName: a role name as the server's putid prints it in an aclitem: bare if
/// every character is an ASCII letter, digit or `_`, else in `"` with each `"` doubled.
fn quote_acl_user_name(name: &str) -> String {
    let safe = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut out = String::with_capacity(name.len() + 2);
    if !safe {
        out.push('"');
    }
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if !safe {
        out.push('"');
    }
    out
}

/// appendPGArray without the separator: `value` as an array element, double-quoted with
/// `"` and `\` backslashed when it is empty, is `NULL` in any case, or contains `"`, `\`,
/// `{`, `}`, `,` or whitespace.
fn push_array_element(out: &mut String, value: &str) {
    let needs_quotes = value.is_empty()
        || value.eq_ignore_ascii_case("NULL")
        || value.chars().any(|c| {
            matches!(
                c,
                '"' | '\\' | '{' | '}' | ',' | ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C'
            )
        });
    if !needs_quotes {
        out.push_str(value);
        return;
    }
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Quoting = Quoting { quote_all: false };
    const ALL: Quoting = Quoting { quote_all: true };
    const V18: u32 = 180_004;

    const TABLE_DEFAULT: &str = "{alice=arwdDxtm/alice}";

    fn input<'a>(acl: &'a str, base: &'a str, owner: &'a str) -> AclInput<'a> {
        AclInput {
            acl: Some(acl),
            base,
            owner,
        }
    }

    /// build_acl_commands with no prefix, plain quoting and an 18 server.
    fn acl(name: &str, subname: Option<&str>, kind: &str, input: &AclInput) -> Option<String> {
        build_acl_commands(name, subname, kind, input, "", &PLAIN, V18).unwrap()
    }

    fn table(acl_text: &str) -> Option<String> {
        acl(
            "public.t",
            None,
            "TABLE",
            &input(acl_text, TABLE_DEFAULT, "alice"),
        )
    }

    #[test]
    fn null_or_empty_acl_emits_nothing() {
        let null = AclInput {
            acl: None,
            base: TABLE_DEFAULT,
            owner: "alice",
        };
        assert_eq!(acl("public.t", None, "TABLE", &null), None);
        assert_eq!(
            acl(
                "public.t",
                None,
                "TABLE",
                &input("", TABLE_DEFAULT, "alice")
            ),
            None
        );
        // The base is not even parsed then, as in C.
        let bad_base = AclInput {
            acl: None,
            base: "garbage",
            owner: "alice",
        };
        assert_eq!(acl("public.t", None, "TABLE", &bad_base), None);
    }

    #[test]
    fn acl_equal_to_base_emits_nothing() {
        assert_eq!(table(TABLE_DEFAULT), None);
        assert_eq!(
            acl(
                "public.f(integer)",
                None,
                "FUNCTION",
                &input(
                    "{=X/alice,alice=X/alice}",
                    "{=X/alice,alice=X/alice}",
                    "alice"
                )
            ),
            None
        );
    }

    #[test]
    fn single_grant() {
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=r/alice}").as_deref(),
            Some("GRANT SELECT ON TABLE public.t TO bob;\n")
        );
    }

    #[test]
    fn privilege_lists_follow_parse_order_without_spaces() {
        // Letters in aclitem order a r w d D x t m; keywords in parseAclItem order.
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=arwdDxt/alice}").as_deref(),
            Some(
                "GRANT SELECT,INSERT,REFERENCES,DELETE,TRIGGER,TRUNCATE,UPDATE \
                 ON TABLE public.t TO bob;\n"
            )
        );
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=wm/alice}").as_deref(),
            Some("GRANT MAINTAIN,UPDATE ON TABLE public.t TO bob;\n")
        );
    }

    #[test]
    fn full_set_is_all() {
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=arwdDxtm/alice}").as_deref(),
            Some("GRANT ALL ON TABLE public.t TO bob;\n")
        );
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=a*r*w*d*D*x*t*m*/alice}").as_deref(),
            Some("GRANT ALL ON TABLE public.t TO bob WITH GRANT OPTION;\n")
        );
    }

    #[test]
    fn grant_option_gets_its_own_statement() {
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=r*w/alice}").as_deref(),
            Some(
                "GRANT UPDATE ON TABLE public.t TO bob;\n\
                 GRANT SELECT ON TABLE public.t TO bob WITH GRANT OPTION;\n"
            )
        );
        // Full set, but split between the two lists: no ALL.
        assert_eq!(
            table("{alice=arwdDxtm/alice,bob=arwdDxtm*/alice}").as_deref(),
            Some(
                "GRANT SELECT,INSERT,REFERENCES,DELETE,TRIGGER,TRUNCATE,UPDATE \
                 ON TABLE public.t TO bob;\n\
                 GRANT MAINTAIN ON TABLE public.t TO bob WITH GRANT OPTION;\n"
            )
        );
    }

    #[test]
    fn revokes_come_first_and_owner_grants_before_others() {
        // The owner's reduced privileges: revoke everything, then grant back.
        assert_eq!(
            table("{alice=arw/alice}").as_deref(),
            Some(
                "REVOKE ALL ON TABLE public.t FROM alice;\n\
                 GRANT SELECT,INSERT,UPDATE ON TABLE public.t TO alice;\n"
            )
        );
        // PUBLIC's grant is listed first in the ACL but the owner's goes first.
        assert_eq!(
            table("{=r/alice,alice=r/alice}").as_deref(),
            Some(
                "REVOKE ALL ON TABLE public.t FROM alice;\n\
                 GRANT SELECT ON TABLE public.t TO alice;\n\
                 GRANT SELECT ON TABLE public.t TO PUBLIC;\n"
            )
        );
        // Everything revoked.
        assert_eq!(
            table("{}").as_deref(),
            Some("REVOKE ALL ON TABLE public.t FROM alice;\n")
        );
    }

    #[test]
    fn revoke_ignores_grant_options_and_grantor() {
        let got = acl(
            "public.t",
            None,
            "TABLE",
            &input(
                "{alice=arwdDxtm/alice}",
                "{alice=arwdDxtm/alice,bob=r*w/carol,=a*r*w*d*D*x*t*m*/alice}",
                "alice",
            ),
        );
        assert_eq!(
            got.as_deref(),
            Some(
                "REVOKE SELECT,UPDATE ON TABLE public.t FROM bob;\n\
                 REVOKE ALL ON TABLE public.t FROM PUBLIC;\n"
            )
        );
    }

    #[test]
    fn grants_keep_acl_order() {
        assert_eq!(
            table("{alice=arwdDxtm/alice,carol=r*/alice,bob=r/carol,=w/alice}").as_deref(),
            Some(
                "GRANT SELECT ON TABLE public.t TO carol WITH GRANT OPTION;\n\
                 SET SESSION AUTHORIZATION carol;\n\
                 GRANT SELECT ON TABLE public.t TO bob;\n\
                 RESET SESSION AUTHORIZATION;\n\
                 GRANT UPDATE ON TABLE public.t TO PUBLIC;\n"
            )
        );
    }

    #[test]
    fn grantor_other_than_owner_switches_session_user() {
        assert_eq!(
            table("{alice=arwdDxtm/alice,carol=r*w/bob}").as_deref(),
            Some(
                "SET SESSION AUTHORIZATION bob;\n\
                 GRANT UPDATE ON TABLE public.t TO carol;\n\
                 GRANT SELECT ON TABLE public.t TO carol WITH GRANT OPTION;\n\
                 RESET SESSION AUTHORIZATION;\n"
            )
        );
        // The owner granting to itself through another grantor is not an owner grant.
        assert_eq!(
            table("{=r/alice,alice=r/bob}").as_deref(),
            Some(
                "REVOKE ALL ON TABLE public.t FROM alice;\n\
                 GRANT SELECT ON TABLE public.t TO PUBLIC;\n\
                 SET SESSION AUTHORIZATION bob;\n\
                 GRANT SELECT ON TABLE public.t TO alice;\n\
                 RESET SESSION AUTHORIZATION;\n"
            )
        );
        assert_eq!(
            table("{alice=arwdDxtm/alice,carol=r/\"Bob Smith\"}").as_deref(),
            Some(
                "SET SESSION AUTHORIZATION \"Bob Smith\";\n\
                 GRANT SELECT ON TABLE public.t TO carol;\n\
                 RESET SESSION AUTHORIZATION;\n"
            )
        );
    }

    #[test]
    fn missing_owner_or_grantor() {
        // No owner known: every grantor is switched to, and nothing counts as the owner's.
        let got = acl(
            "public.t",
            None,
            "TABLE",
            &input("{=r/alice,alice=r/alice}", TABLE_DEFAULT, ""),
        );
        assert_eq!(
            got.as_deref(),
            Some(
                "REVOKE ALL ON TABLE public.t FROM alice;\n\
                 SET SESSION AUTHORIZATION alice;\n\
                 GRANT SELECT ON TABLE public.t TO PUBLIC;\n\
                 RESET SESSION AUTHORIZATION;\n\
                 SET SESSION AUTHORIZATION alice;\n\
                 GRANT SELECT ON TABLE public.t TO alice;\n\
                 RESET SESSION AUTHORIZATION;\n"
            )
        );
        // An empty grantor stands for the owner.
        assert_eq!(
            table("{=r/bob,alice=r/}").as_deref(),
            Some(
                "REVOKE ALL ON TABLE public.t FROM alice;\n\
                 GRANT SELECT ON TABLE public.t TO alice;\n\
                 SET SESSION AUTHORIZATION bob;\n\
                 GRANT SELECT ON TABLE public.t TO PUBLIC;\n\
                 RESET SESSION AUTHORIZATION;\n"
            )
        );
    }

    #[test]
    fn quoted_role_names_are_dequoted_then_fmt_id_quoted() {
        // aclitem "my role"=r/alice, quoted again as an array element.
        assert_eq!(
            table(r#"{alice=arwdDxtm/alice,"\"my role\"=r/alice"}"#).as_deref(),
            Some("GRANT SELECT ON TABLE public.t TO \"my role\";\n")
        );
        // Embedded double quote: "a""b" in the aclitem, a"b as the name.
        assert_eq!(
            table(r#"{alice=arwdDxtm/alice,"\"a\"\"b\"=r/alice"}"#).as_deref(),
            Some("GRANT SELECT ON TABLE public.t TO \"a\"\"b\";\n")
        );
        // The server quotes uppercase names; so does fmtId.
        assert_eq!(
            table(r#"{alice=arwdDxtm/alice,"\"Bob\"=r/alice"}"#).as_deref(),
            Some("GRANT SELECT ON TABLE public.t TO \"Bob\";\n")
        );
        // The server does not quote keywords, fmtId does.
        assert_eq!(
            table("{alice=arwdDxtm/alice,select=r/alice}").as_deref(),
            Some("GRANT SELECT ON TABLE public.t TO \"select\";\n")
        );
        // A quoted owner is recognised as the owner after dequoting.
        let got = acl(
            "public.t",
            None,
            "TABLE",
            &input(
                r#"{"\"my owner\"=r/\"my owner\"","=r/\"my owner\""}"#,
                r#"{"\"my owner\"=arwdDxtm/\"my owner\""}"#,
                "my owner",
            ),
        );
        assert_eq!(
            got.as_deref(),
            Some(
                "REVOKE ALL ON TABLE public.t FROM \"my owner\";\n\
                 GRANT SELECT ON TABLE public.t TO \"my owner\";\n\
                 GRANT SELECT ON TABLE public.t TO PUBLIC;\n"
            )
        );
    }

    #[test]
    fn quote_all_identifiers() {
        let got = build_acl_commands(
            "\"public\".\"t\"",
            None,
            "TABLE",
            &input(
                "{alice=arwdDxtm/alice,bob=r/carol,=w/alice}",
                TABLE_DEFAULT,
                "alice",
            ),
            "",
            &ALL,
            V18,
        )
        .unwrap();
        assert_eq!(
            got.as_deref(),
            Some(
                "SET SESSION AUTHORIZATION \"carol\";\n\
                 GRANT SELECT ON TABLE \"public\".\"t\" TO \"bob\";\n\
                 RESET SESSION AUTHORIZATION;\n\
                 GRANT UPDATE ON TABLE \"public\".\"t\" TO PUBLIC;\n"
            )
        );
    }

    #[test]
    fn column_privileges() {
        let col = |text: &str| acl("public.t", Some("c1"), "TABLE", &input(text, "{}", "alice"));
        assert_eq!(
            col("{bob=r/alice}").as_deref(),
            Some("GRANT SELECT(c1) ON TABLE public.t TO bob;\n")
        );
        assert_eq!(
            col("{bob=arw/alice}").as_deref(),
            Some("GRANT SELECT(c1),INSERT(c1),UPDATE(c1) ON TABLE public.t TO bob;\n")
        );
        // r a w x is the whole column set.
        assert_eq!(
            col("{bob=arwx/alice}").as_deref(),
            Some("GRANT ALL(c1) ON TABLE public.t TO bob;\n")
        );
        assert_eq!(
            col("{bob=a*r*w*x*/alice}").as_deref(),
            Some("GRANT ALL(c1) ON TABLE public.t TO bob WITH GRANT OPTION;\n")
        );
        assert_eq!(
            col("{bob=r*x/carol}").as_deref(),
            Some(
                "SET SESSION AUTHORIZATION carol;\n\
                 GRANT REFERENCES(c1) ON TABLE public.t TO bob;\n\
                 GRANT SELECT(c1) ON TABLE public.t TO bob WITH GRANT OPTION;\n\
                 RESET SESSION AUTHORIZATION;\n"
            )
        );
        // Table-only letters are ignored for a column.
        assert_eq!(col("{bob=dDtm/alice}"), None);
        // The column name is used as given (already quoted by the caller).
        assert_eq!(
            acl(
                "public.t",
                Some("\"Col\""),
                "TABLE",
                &input("{=r/alice}", "{}", "alice")
            )
            .as_deref(),
            Some("GRANT SELECT(\"Col\") ON TABLE public.t TO PUBLIC;\n")
        );
        // Revoking a column's initprivs.
        assert_eq!(
            acl(
                "pg_catalog.pg_authid",
                Some("oid"),
                "TABLE",
                &input("{}", "{=r/postgres}", "postgres")
            )
            .as_deref(),
            Some("REVOKE SELECT(oid) ON TABLE pg_catalog.pg_authid FROM PUBLIC;\n")
        );
    }

    #[test]
    fn sequences() {
        let seq = |text: &str| {
            acl(
                "public.s",
                None,
                "SEQUENCE",
                &input(text, "{alice=rwU/alice}", "alice"),
            )
        };
        assert_eq!(
            seq("{alice=rwU/alice,bob=U/alice}").as_deref(),
            Some("GRANT USAGE ON SEQUENCE public.s TO bob;\n")
        );
        assert_eq!(
            seq("{alice=rwU/alice,bob=rU/alice}").as_deref(),
            Some("GRANT SELECT,USAGE ON SEQUENCE public.s TO bob;\n")
        );
        assert_eq!(
            seq("{alice=rwU/alice,bob=rwU/alice}").as_deref(),
            Some("GRANT ALL ON SEQUENCE public.s TO bob;\n")
        );
        assert_eq!(
            seq("{alice=r/alice}").as_deref(),
            Some(
                "REVOKE ALL ON SEQUENCE public.s FROM alice;\n\
                 GRANT SELECT ON SEQUENCE public.s TO alice;\n"
            )
        );
    }

    #[test]
    fn single_privilege_kinds_say_all() {
        let base = "{=X/alice,alice=X/alice}";
        assert_eq!(
            acl(
                "public.f(integer, text)",
                None,
                "FUNCTION",
                &input("{alice=X/alice}", base, "alice")
            )
            .as_deref(),
            Some("REVOKE ALL ON FUNCTION public.f(integer, text) FROM PUBLIC;\n")
        );
        assert_eq!(
            acl(
                "public.p()",
                None,
                "PROCEDURE",
                &input("{alice=X/alice,bob=X*/alice}", base, "alice")
            )
            .as_deref(),
            Some(
                "REVOKE ALL ON PROCEDURE public.p() FROM PUBLIC;\n\
                 GRANT ALL ON PROCEDURE public.p() TO bob WITH GRANT OPTION;\n"
            )
        );
        let usage = "{=U/alice,alice=U/alice}";
        assert_eq!(
            acl(
                "public.ty",
                None,
                "TYPE",
                &input("{=U/alice,alice=U/alice,bob=U/alice}", usage, "alice")
            )
            .as_deref(),
            Some("GRANT ALL ON TYPE public.ty TO bob;\n")
        );
        assert_eq!(
            acl(
                "plpgsql",
                None,
                "LANGUAGE",
                &input("{alice=U/alice}", usage, "alice")
            )
            .as_deref(),
            Some("REVOKE ALL ON LANGUAGE plpgsql FROM PUBLIC;\n")
        );
        assert_eq!(
            acl(
                "w",
                None,
                "FOREIGN DATA WRAPPER",
                &input("{alice=U/alice,bob=U/alice}", "{alice=U/alice}", "alice")
            )
            .as_deref(),
            Some("GRANT ALL ON FOREIGN DATA WRAPPER w TO bob;\n")
        );
        assert_eq!(
            acl(
                "srv",
                None,
                "FOREIGN SERVER",
                &input("{alice=U/alice,=U/alice}", "{alice=U/alice}", "alice")
            )
            .as_deref(),
            Some("GRANT ALL ON FOREIGN SERVER srv TO PUBLIC;\n")
        );
        assert_eq!(
            acl(
                "ts",
                None,
                "TABLESPACE",
                &input("{alice=C/alice,bob=C/alice}", "{alice=C/alice}", "alice")
            )
            .as_deref(),
            Some("GRANT ALL ON TABLESPACE ts TO bob;\n")
        );
        // A letter the kind does not have produces no statement.
        assert_eq!(
            acl(
                "public.ty",
                None,
                "TYPE",
                &input("{=U/alice,alice=U/alice,bob=r/alice}", usage, "alice")
            ),
            None
        );
    }

    #[test]
    fn schemas() {
        let schema_default = "{alice=UC/alice}";
        assert_eq!(
            acl(
                "app",
                None,
                "SCHEMA",
                &input(
                    "{alice=UC/alice,bob=U/alice,carol=UC*/alice}",
                    schema_default,
                    "alice"
                )
            )
            .as_deref(),
            Some(
                "GRANT USAGE ON SCHEMA app TO bob;\n\
                 GRANT USAGE ON SCHEMA app TO carol;\n\
                 GRANT CREATE ON SCHEMA app TO carol WITH GRANT OPTION;\n"
            )
        );
        // public, against the synthesised base.
        let base = public_schema_initprivs("pg_database_owner");
        assert_eq!(
            base,
            "{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}"
        );
        let input_for = |text| {
            AclInput::from_catalog(
                Some(text),
                "{pg_database_owner=UC/pg_database_owner}",
                Some(&base),
                "pg_database_owner",
            )
        };
        assert_eq!(
            acl("public", None, "SCHEMA", &input_for(base.as_str())),
            None
        );
        assert_eq!(
            acl(
                "public",
                None,
                "SCHEMA",
                &input_for("{pg_database_owner=UC/pg_database_owner}")
            )
            .as_deref(),
            Some("REVOKE USAGE ON SCHEMA public FROM PUBLIC;\n")
        );
        assert_eq!(
            acl(
                "public",
                None,
                "SCHEMA",
                &input_for("{pg_database_owner=UC/pg_database_owner,=UC/pg_database_owner}")
            )
            .as_deref(),
            Some(
                "REVOKE USAGE ON SCHEMA public FROM PUBLIC;\n\
                 GRANT ALL ON SCHEMA public TO PUBLIC;\n"
            )
        );
    }

    #[test]
    fn databases_and_parameters() {
        assert_eq!(
            acl(
                "db",
                None,
                "DATABASE",
                &input(
                    "{=c/alice,alice=CTc/alice}",
                    "{=Tc/alice,alice=CTc/alice}",
                    "alice"
                )
            )
            .as_deref(),
            Some(
                "REVOKE CONNECT,TEMPORARY ON DATABASE db FROM PUBLIC;\n\
                 GRANT CONNECT ON DATABASE db TO PUBLIC;\n"
            )
        );
        assert_eq!(
            acl(
                "work_mem",
                None,
                "PARAMETER",
                &input("{bob=s/postgres,carol=sA/postgres}", "{}", "postgres")
            )
            .as_deref(),
            Some(
                "GRANT SET ON PARAMETER work_mem TO bob;\n\
                 GRANT ALL ON PARAMETER work_mem TO carol;\n"
            )
        );
        assert_eq!(
            acl(
                "16385",
                None,
                "LARGE OBJECT",
                &input("{alice=rw/alice,bob=r/alice}", "{alice=rw/alice}", "alice")
            )
            .as_deref(),
            Some("GRANT SELECT ON LARGE OBJECT 16385 TO bob;\n")
        );
        assert_eq!(
            acl(
                "public.ft",
                None,
                "FOREIGN TABLE",
                &input("{alice=r/alice,bob=r/alice}", "{alice=r/alice}", "alice")
            )
            .as_deref(),
            Some("GRANT ALL ON FOREIGN TABLE public.ft TO bob;\n")
        );
    }

    #[test]
    fn server_version_does_not_change_the_translation() {
        // Before 17 a table owner has no 'm', so its full set is not ALL.
        let old = input(
            "{alice=arwdDxt/alice,bob=arwdDxt/alice}",
            "{alice=arwdDxt/alice}",
            "alice",
        );
        let expected = "GRANT SELECT,INSERT,REFERENCES,DELETE,TRIGGER,TRUNCATE,UPDATE \
                        ON TABLE public.t TO bob;\n";
        for version in [90_200, 160_004, 180_004] {
            let got =
                build_acl_commands("public.t", None, "TABLE", &old, "", &PLAIN, version).unwrap();
            assert_eq!(got.as_deref(), Some(expected));
        }
    }

    #[test]
    fn prefix_and_empty_name() {
        let got = build_acl_commands(
            "",
            None,
            "TABLES",
            &input("{bob=r/alice}", "{carol=r/alice}", "alice"),
            "PRE ",
            &PLAIN,
            V18,
        )
        .unwrap();
        assert_eq!(
            got.as_deref(),
            Some(
                "PRE REVOKE SELECT ON TABLES FROM carol;\n\
                 PRE GRANT SELECT ON TABLES TO bob;\n"
            )
        );
    }

    #[test]
    fn default_privileges() {
        let dflt = |kind, nsp, acl_text, base| {
            build_default_acl_commands(
                kind,
                nsp,
                &input(acl_text, base, "alice"),
                "alice",
                &PLAIN,
                V18,
            )
            .unwrap()
        };
        assert_eq!(
            dflt(
                "TABLES",
                None,
                "{alice=arwdDxtm/alice,bob=r/alice}",
                TABLE_DEFAULT
            )
            .as_deref(),
            Some("ALTER DEFAULT PRIVILEGES FOR ROLE alice GRANT SELECT ON TABLES TO bob;\n")
        );
        assert_eq!(
            dflt("TABLES", Some("app"), "{bob=r*w/alice}", "{}").as_deref(),
            Some(
                "ALTER DEFAULT PRIVILEGES FOR ROLE alice IN SCHEMA app \
                 GRANT UPDATE ON TABLES TO bob;\n\
                 ALTER DEFAULT PRIVILEGES FOR ROLE alice IN SCHEMA app \
                 GRANT SELECT ON TABLES TO bob WITH GRANT OPTION;\n"
            )
        );
        assert_eq!(
            dflt(
                "FUNCTIONS",
                None,
                "{alice=X/alice}",
                "{=X/alice,alice=X/alice}"
            )
            .as_deref(),
            Some("ALTER DEFAULT PRIVILEGES FOR ROLE alice REVOKE ALL ON FUNCTIONS FROM PUBLIC;\n")
        );
        assert_eq!(
            dflt(
                "SEQUENCES",
                None,
                "{alice=rwU/alice,bob=rwU/alice}",
                "{alice=rwU/alice}"
            )
            .as_deref(),
            Some("ALTER DEFAULT PRIVILEGES FOR ROLE alice GRANT ALL ON SEQUENCES TO bob;\n")
        );
        assert_eq!(
            dflt("TYPES", None, "{alice=U/alice}", "{=U/alice,alice=U/alice}").as_deref(),
            Some("ALTER DEFAULT PRIVILEGES FOR ROLE alice REVOKE ALL ON TYPES FROM PUBLIC;\n")
        );
        assert_eq!(
            dflt(
                "SCHEMAS",
                None,
                "{alice=UC/alice,bob=U/alice}",
                "{alice=UC/alice}"
            )
            .as_deref(),
            Some("ALTER DEFAULT PRIVILEGES FOR ROLE alice GRANT USAGE ON SCHEMAS TO bob;\n")
        );
        assert_eq!(
            dflt(
                "TABLES",
                None,
                "{alice=arwdDxtm/alice}",
                "{alice=arwdDxtm/alice}"
            ),
            None
        );
        // Role and schema go through fmtId.
        let got = build_default_acl_commands(
            "TABLES",
            Some("My Schema"),
            &input(r#"{"\"Role X\"=r/\"Role X\""}"#, "{}", "Role X"),
            "Role X",
            &PLAIN,
            V18,
        )
        .unwrap();
        assert_eq!(
            got.as_deref(),
            Some(
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"Role X\" IN SCHEMA \"My Schema\" \
                 GRANT SELECT ON TABLES TO \"Role X\";\n"
            )
        );
        let got = build_default_acl_commands(
            "TABLES",
            Some("app"),
            &input("{bob=r/alice}", "{}", "alice"),
            "alice",
            &ALL,
            V18,
        )
        .unwrap();
        assert_eq!(
            got.as_deref(),
            Some(
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"alice\" IN SCHEMA \"app\" \
                 GRANT SELECT ON TABLES TO \"bob\";\n"
            )
        );
    }

    #[test]
    fn from_catalog_picks_the_base_like_dump_acl() {
        let dflt = "{alice=arwdDxtm/alice}";
        assert_eq!(
            AclInput::from_catalog(Some("{x=r/alice}"), dflt, None, "alice"),
            input("{x=r/alice}", dflt, "alice")
        );
        assert_eq!(
            AclInput::from_catalog(None, dflt, Some(""), "alice"),
            AclInput {
                acl: None,
                base: dflt,
                owner: "alice"
            }
        );
        assert_eq!(
            AclInput::from_catalog(Some("{x=r/alice}"), dflt, Some("{y=r/alice}"), "alice"),
            input("{x=r/alice}", "{y=r/alice}", "alice")
        );
        // A NULL ACL with initprivs means the default ACL, compared with the initprivs.
        let got =
            AclInput::from_catalog(None, dflt, Some("{alice=arwdDxtm/alice,=r/alice}"), "alice");
        assert_eq!(got, input(dflt, "{alice=arwdDxtm/alice,=r/alice}", "alice"));
        assert_eq!(
            acl("public.t", None, "TABLE", &got).as_deref(),
            Some("REVOKE SELECT ON TABLE public.t FROM PUBLIC;\n")
        );
        let got = AclInput::from_catalog(Some(""), dflt, Some("{=r/alice}"), "alice");
        assert_eq!(got.acl, Some(dflt));
    }

    #[test]
    fn errors() {
        let run = |acl_text: &str, base: &str, kind: &str| {
            build_acl_commands(
                "x",
                None,
                kind,
                &input(acl_text, base, "alice"),
                "",
                &PLAIN,
                V18,
            )
        };
        assert_eq!(
            run("alice=r/alice", "{}", "TABLE"),
            Err(AclError::Array("alice=r/alice".to_owned()))
        );
        assert_eq!(
            run("{}", "{", "TABLE"),
            Err(AclError::Array("{".to_owned()))
        );
        assert_eq!(
            run("{alice}", "{}", "TABLE"),
            Err(AclError::Item("alice".to_owned()))
        );
        assert_eq!(
            run("{alice=r}", "{}", "TABLE"),
            Err(AclError::Item("alice=r".to_owned()))
        );
        assert_eq!(
            run("{alice=r/bob=x}", "{}", "TABLE"),
            Err(AclError::Item("alice=r/bob=x".to_owned()))
        );
        // A malformed base item fails even among good ones.
        assert_eq!(
            run("{}", "{bad}", "TABLE"),
            Err(AclError::Item("bad".to_owned()))
        );
        assert_eq!(
            run("{alice=r/alice}", "{}", "VIEW"),
            Err(AclError::Kind("VIEW".to_owned()))
        );
        assert_eq!(
            run("{}", "{}", "DOMAIN"),
            Err(AclError::Kind("DOMAIN".to_owned()))
        );
        assert_eq!(
            AclError::Kind("VIEW".to_owned()).to_string(),
            "unsupported object type for privileges: VIEW"
        );
    }

    #[test]
    fn pg_array_parsing() {
        let parse = |text: &str| parse_pg_array(text);
        assert_eq!(parse("{}"), Some(vec![]));
        assert_eq!(parse("{a,b}"), Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(
            parse(r#"{"a b",c}"#),
            Some(vec!["a b".to_owned(), "c".to_owned()])
        );
        assert_eq!(parse(r#"{x"a,b"y}"#), Some(vec!["xa,by".to_owned()]));
        assert_eq!(parse(r#"{"a\"b\\c"}"#), Some(vec![r#"a"b\c"#.to_owned()]));
        assert_eq!(parse(r#"{"}"}"#), Some(vec!["}".to_owned()]));
        assert_eq!(parse("{,}"), Some(vec![String::new()]));
        assert_eq!(parse("{a,}"), Some(vec!["a".to_owned()]));
        assert_eq!(parse("{ a }"), Some(vec![" a ".to_owned()]));
        assert_eq!(parse("{é,ü}"), Some(vec!["é".to_owned(), "ü".to_owned()]));
        assert_eq!(parse(""), None);
        assert_eq!(parse("{"), None);
        assert_eq!(parse("a}"), None);
        assert_eq!(parse("{a}}"), None);
        assert_eq!(parse("{a}b}"), None);
        assert_eq!(parse(r#"{"a}"#), None);
        assert_eq!(parse(r#"{"a\}"#), None);
    }

    #[test]
    fn acl_user_name_dequoting() {
        let dequote = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            dequote_acl_user_name(&chars)
        };
        assert_eq!(dequote("bob=r/x"), ("bob".to_owned(), 3));
        assert_eq!(dequote("=r/x"), (String::new(), 0));
        assert_eq!(dequote(r#""a=b"=r"#), ("a=b".to_owned(), 5));
        assert_eq!(dequote(r#""a""b"=r"#), (r#"a"b"#.to_owned(), 6));
        assert_eq!(dequote(r#"x"y"z="#), ("xyz".to_owned(), 5));
        assert_eq!(dequote(r#"""""=r"#), (r#"""#.to_owned(), 4));
        // Unterminated after a doubled quote: runs to the end.
        assert_eq!(dequote(r#""""=r"#), (r#""=r"#.to_owned(), 5));
        assert_eq!(dequote(r#""ab"#), ("ab".to_owned(), 3));
        assert_eq!(dequote("bob"), ("bob".to_owned(), 3));
        assert_eq!(dequote("rölle=r"), ("rölle".to_owned(), 5));
    }

    #[test]
    fn acl_item_parsing() {
        let item = parse_acl_item(r#""a/b"=r*/"c=d""#, TABLE_PRIVILEGES, None, true).unwrap();
        assert_eq!(
            item,
            ParsedItem {
                grantee: "a/b".to_owned(),
                grantor: "c=d".to_owned(),
                privs: String::new(),
                privs_with_grant: "SELECT".to_owned(),
            }
        );
        // Without the split, grant options are folded in.
        let item = parse_acl_item("bob=r*w/alice", TABLE_PRIVILEGES, None, false).unwrap();
        assert_eq!(item.privs, "SELECT,UPDATE");
        assert_eq!(item.privs_with_grant, "");
        // An unterminated quoted grantor runs to the end, as in C.
        let item = parse_acl_item(r#"bob=r/"alice"#, TABLE_PRIVILEGES, None, true).unwrap();
        assert_eq!(item.grantor, "alice");
        assert_eq!(
            parse_acl_item(r#""bob=r/alice"#, TABLE_PRIVILEGES, None, true),
            None
        );
    }

    #[test]
    fn public_schema_base_quoting() {
        assert_eq!(
            public_schema_initprivs("alice"),
            "{alice=UC/alice,=U/alice}"
        );
        assert_eq!(
            public_schema_initprivs("my role"),
            r#"{"\"my role\"=UC/\"my role\"","=U/\"my role\""}"#
        );
        assert_eq!(
            public_schema_initprivs("Zoë"),
            r#"{"\"Zoë\"=UC/\"Zoë\"","=U/\"Zoë\""}"#
        );
        // Round trip through the array parser.
        assert_eq!(
            parse_pg_array(&public_schema_initprivs("a\"b")),
            Some(vec![
                r#""a""b"=UC/"a""b""#.to_owned(),
                r#"=U/"a""b""#.to_owned()
            ])
        );
        assert_eq!(quote_acl_user_name("Bob_1"), "Bob_1");
        let mut out = String::new();
        push_array_element(&mut out, "null");
        push_array_element(&mut out, "");
        push_array_element(&mut out, "a\\b");
        assert_eq!(out, r#""null""""a\\b""#);
    }
}
