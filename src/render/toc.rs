//! The plain-text archive: TOC entries and how pg_dump prints them (pg_backup_archiver.c
//! `RestoreArchive`, `_printTocEntry`, `_doSetFixedOutputState`): prologue, the fixed SET block,
//! `-c` drops in reverse order, each entry with its tablespace/access-method preamble, header,
//! body and owner line, the ACL pass, and the epilogue.

use super::quote::{Quoting, sanitize_line};

/// pg_dump's dump sections; COMMENT and ACL entries have none and follow the entry before them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    None,
    PreData,
    PostData,
}

/// One TOC entry, as `_printTocEntry` prints it.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub tag: String,
    pub desc: &'static str,
    pub namespace: Option<String>,
    /// `None` prints `-`; `Some("")` prints an empty owner.
    pub owner: Option<String>,
    /// Only entries that carry a tablespace (tables, indexes, index constraints) have `Some`.
    pub tablespace: Option<String>,
    /// Only plain tables and materialized views have `Some`.
    pub table_am: Option<String>,
    pub defn: String,
    pub drop_stmt: String,
    pub section: Section,
    /// For the `ALTER <kind> <object> OWNER TO` line: e.g. `TABLE app.t`, `FUNCTION app.f(a integer)`.
    pub owner_object: Option<String>,
    /// Printed in the ACL pass rather than the main one.
    pub is_acl: bool,
    /// Printed in the pass after the ACLs (`RESTORE_PASS_POST_ACL`: matview refreshes).
    pub is_post_acl: bool,
}

impl TocEntry {
    pub fn new(tag: impl Into<String>, desc: &'static str, section: Section, defn: String) -> Self {
        TocEntry {
            tag: tag.into(),
            desc,
            namespace: None,
            owner: None,
            tablespace: None,
            table_am: None,
            defn,
            drop_stmt: String::new(),
            section,
            owner_object: None,
            is_acl: false,
            is_post_acl: false,
        }
    }
}

/// What the archive printer needs to know besides the entries.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    pub server_version: String,
    pub dumped_by: String,
    pub restrict_key: String,
    pub std_strings: bool,
    pub no_owner: bool,
    pub no_tablespaces: bool,
    pub no_table_access_method: bool,
    pub clean: bool,
    pub if_exists: bool,
    pub pre_data: bool,
    pub post_data: bool,
    pub quoting: Quoting,
}

/// Which entries the chosen sections select (`_tocEntryRequired` with `--section`): entries
/// without a section take the section of the entry before them.
fn selected(entries: &[TocEntry], opts: &ArchiveOptions) -> Vec<bool> {
    let mut current = Section::PreData;
    entries
        .iter()
        .map(|e| {
            if e.section != Section::None {
                current = e.section;
            }
            match current {
                Section::PreData => opts.pre_data,
                Section::PostData => opts.post_data,
                Section::None => true,
            }
        })
        .collect()
}

/// `--if-exists` rewriting of a drop statement (pg_backup_archiver.c, RestoreArchive): `IF EXISTS`
/// after a leading `ALTER TABLE`, then (except for DEFAULT entries, DATABASE PROPERTIES and the
/// `CREATE OR REPLACE VIEW` that undoes a view's rule) after the first `DROP <desc>` — or `DROP
/// CONSTRAINT` for the constraint kinds — wherever it is.
fn drop_if_exists(entry: &TocEntry) -> String {
    let stmt = &entry.drop_stmt;
    if stmt.starts_with("--") {
        return stmt.clone();
    }
    let (mut out, rest) = match stmt.strip_prefix("ALTER TABLE") {
        Some(rest) => ("ALTER TABLE IF EXISTS".to_string(), rest),
        None => (String::new(), stmt.as_str()),
    };
    if matches!(entry.desc, "DEFAULT" | "DATABASE PROPERTIES")
        || rest.starts_with("CREATE OR REPLACE VIEW")
    {
        out.push_str(rest);
        return out;
    }
    let mut mark = if matches!(
        entry.desc,
        "CONSTRAINT" | "CHECK CONSTRAINT" | "FK CONSTRAINT"
    ) {
        "DROP CONSTRAINT".to_string()
    } else {
        format!("DROP {}", entry.desc)
    };
    // pg_dump builds the mark in a 40-byte buffer.
    while mark.len() > 39 {
        mark.pop();
    }
    match rest.find(&mark) {
        Some(at) => {
            let end = at + mark.len();
            out.push_str(&rest[..end]);
            out.push_str(" IF EXISTS");
            out.push_str(&rest[end..]);
        }
        None => out.push_str(rest),
    }
    out
}

/// _tocEntryRestorePass: 0 for the main pass, 1 for privileges, 2 for what must follow them
/// (event triggers and their comments).
fn restore_pass(e: &TocEntry) -> u8 {
    if e.is_acl {
        1
    } else if e.is_post_acl
        || e.desc == "EVENT TRIGGER"
        || (matches!(e.desc, "COMMENT" | "SECURITY LABEL") && e.tag.starts_with("EVENT TRIGGER "))
    {
        2
    } else {
        0
    }
}

/// Prints the whole plain-text dump.
pub fn print_archive(entries: &[TocEntry], opts: &ArchiveOptions) -> String {
    // The text's size is known closely in advance: each entry's statements plus its header.
    let size: usize = entries
        .iter()
        .map(|e| {
            let drop = if opts.clean {
                e.drop_stmt.len() + 16
            } else {
                0
            };
            e.defn.len() + drop + e.tag.len() + 128
        })
        .sum();
    let mut out = String::with_capacity(size + 1024);
    out.push_str("--\n-- PostgreSQL database dump\n--\n\n");
    out.push_str(&format!("\\restrict {}\n\n", opts.restrict_key));
    out.push_str(&format!(
        "-- Dumped from database version {}\n",
        opts.server_version
    ));
    out.push_str(&format!("-- Dumped by {}\n\n", opts.dumped_by));
    out.push_str(
        "SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;\n\
         SET transaction_timeout = 0;\nSET client_encoding = 'UTF8';\n",
    );
    out.push_str(if opts.std_strings {
        "SET standard_conforming_strings = on;\n"
    } else {
        "SET standard_conforming_strings = off;\n"
    });
    out.push_str(
        "SELECT pg_catalog.set_config('search_path', '', false);\nSET check_function_bodies = false;\n\
         SET xmloption = content;\nSET client_min_messages = warning;\n",
    );
    if !opts.std_strings {
        out.push_str("SET escape_string_warning = off;\n");
    }
    out.push_str("SET row_security = off;\n\n");

    let chosen = selected(entries, opts);
    if opts.clean {
        for (entry, _) in entries
            .iter()
            .zip(&chosen)
            .rev()
            .filter(|(e, c)| **c && !e.drop_stmt.is_empty())
        {
            if opts.if_exists {
                out.push_str(&drop_if_exists(entry));
            } else {
                out.push_str(&entry.drop_stmt);
            }
        }
    }

    let mut tablespace: Option<String> = None;
    let mut table_am: Option<String> = None;
    for pass in 0..3 {
        for (entry, _) in entries
            .iter()
            .zip(&chosen)
            .filter(|(e, c)| **c && restore_pass(e) == pass)
        {
            if !opts.no_tablespaces
                && let Some(ts) = &entry.tablespace
                && tablespace.as_ref() != Some(ts)
            {
                if ts.is_empty() {
                    out.push_str("SET default_tablespace = '';\n\n");
                } else {
                    out.push_str(&format!(
                        "SET default_tablespace = {};\n\n",
                        opts.quoting.id(ts)
                    ));
                }
                tablespace = Some(ts.clone());
            }
            if !opts.no_table_access_method
                && let Some(am) = &entry.table_am
                && table_am.as_ref() != Some(am)
            {
                out.push_str(&format!(
                    "SET default_table_access_method = {};\n\n",
                    opts.quoting.id(am)
                ));
                table_am = Some(am.clone());
            }
            let owner = if opts.no_owner {
                "-".to_string()
            } else {
                sanitize_line(entry.owner.as_deref(), true)
            };
            out.push_str(&format!(
                "--\n-- Name: {}; Type: {}; Schema: {}; Owner: {}",
                sanitize_line(Some(&entry.tag), false),
                entry.desc,
                sanitize_line(entry.namespace.as_deref(), true),
                owner
            ));
            if !opts.no_tablespaces
                && let Some(ts) = &entry.tablespace
                && !ts.is_empty()
            {
                out.push_str(&format!("; Tablespace: {ts}"));
            }
            out.push_str("\n--\n\n");
            out.push_str(&entry.defn);
            out.push_str("\n\n");
            if !opts.no_owner
                && !entry.drop_stmt.is_empty()
                && let (Some(owner), Some(object)) = (&entry.owner, &entry.owner_object)
                && !owner.is_empty()
            {
                out.push_str(&format!(
                    "ALTER {object} OWNER TO {};\n\n",
                    opts.quoting.id(owner)
                ));
            }
        }
    }
    out.push_str("--\n-- PostgreSQL database dump complete\n--\n\n");
    out.push_str(&format!("\\unrestrict {}\n\n", opts.restrict_key));
    out
}

/// A random `\restrict` key like pg_dump's: 63 characters from `[A-Za-z0-9]`.
pub fn generate_restrict_key() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 63];
    // /dev/urandom is always there on Linux; fall back to a time-seeded generator otherwise.
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .is_err()
    {
        let mut x = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15);
        for b in bytes.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
    bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_exists_rewrites_like_pg_dump() {
        let mut e = TocEntry::new("t", "TABLE", Section::PreData, String::new());
        e.drop_stmt = "DROP TABLE app.t;\n".into();
        assert_eq!(drop_if_exists(&e), "DROP TABLE IF EXISTS app.t;\n");
        e.desc = "CONSTRAINT";
        e.drop_stmt = "ALTER TABLE ONLY app.t DROP CONSTRAINT t_pkey;\n".into();
        assert_eq!(
            drop_if_exists(&e),
            "ALTER TABLE IF EXISTS ONLY app.t DROP CONSTRAINT IF EXISTS t_pkey;\n"
        );
        e.desc = "DEFAULT";
        e.drop_stmt = "ALTER TABLE app.t ALTER COLUMN id DROP DEFAULT;\n".into();
        assert_eq!(
            drop_if_exists(&e),
            "ALTER TABLE IF EXISTS app.t ALTER COLUMN id DROP DEFAULT;\n"
        );
        e.drop_stmt = "ALTER FOREIGN TABLE app.f ALTER COLUMN id DROP DEFAULT;\n".into();
        assert_eq!(drop_if_exists(&e), e.drop_stmt);
        e.desc = "CHECK CONSTRAINT";
        e.drop_stmt = "ALTER DOMAIN app.d DROP CONSTRAINT d_check;\n".into();
        assert_eq!(
            drop_if_exists(&e),
            "ALTER DOMAIN app.d DROP CONSTRAINT IF EXISTS d_check;\n"
        );
        e.desc = "RULE";
        e.drop_stmt = "CREATE OR REPLACE VIEW app.v AS\n SELECT 1;\n".into();
        assert_eq!(drop_if_exists(&e), e.drop_stmt);
    }

    #[test]
    fn event_triggers_and_their_comments_follow_the_privileges() {
        let trigger = TocEntry::new("t", "EVENT TRIGGER", Section::PostData, String::new());
        let comment = TocEntry::new("EVENT TRIGGER t", "COMMENT", Section::None, String::new());
        let other = TocEntry::new("TABLE t", "COMMENT", Section::None, String::new());
        let mut acl = TocEntry::new("TABLE t", "ACL", Section::None, String::new());
        acl.is_acl = true;
        assert_eq!(restore_pass(&trigger), 2);
        assert_eq!(restore_pass(&comment), 2);
        assert_eq!(restore_pass(&other), 0);
        assert_eq!(restore_pass(&acl), 1);
    }

    #[test]
    fn restrict_keys_are_alphanumeric() {
        let k = generate_restrict_key();
        assert_eq!(k.len(), 63);
        assert!(k.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(k, generate_restrict_key());
    }
}
