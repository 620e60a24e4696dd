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

/// No tablespace or access method (an index into [`PrintedToc`]'s names otherwise).
const NO_NAME: u32 = u32::MAX;

/// What printing one entry in its place still needs, once its text is written.
#[derive(Debug, Clone)]
struct Printed {
    /// Its header, body and owner line in [`PrintedToc::text`].
    text: std::ops::Range<usize>,
    /// Its `-c` drop statement (already `--if-exists`-rewritten) in [`PrintedToc::drops`].
    drop: std::ops::Range<usize>,
    section: Section,
    pass: u8,
    /// Indexes into [`PrintedToc::names`], or [`NO_NAME`].
    tablespace: u32,
    table_am: u32,
}

/// A run of consecutive TOC entries printed as far as they can be on their own: each entry's
/// header, body and owner line as text, in one buffer. What depends on the entries before
/// (the section an entry without one belongs to, the `SET default_tablespace` and
/// `SET default_table_access_method` lines) is left to [`print_archive`].
///
/// A large dump's entries are printed by several threads into one of these each, and an entry
/// is never kept as a [`TocEntry`] (a dozen small strings): the text is all that stays.
#[derive(Debug, Default)]
pub struct PrintedToc {
    text: String,
    drops: String,
    entries: Vec<Printed>,
    /// Tablespace and access method names the entries refer to, each once.
    names: indexmap::IndexSet<String>,
}

impl PrintedToc {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one entry (`_printTocEntry`, without the preamble lines).
    pub fn push(&mut self, entry: TocEntry, opts: &ArchiveOptions) {
        use std::fmt::Write;
        let start = self.text.len();
        let owner = if opts.no_owner {
            "-".to_string()
        } else {
            sanitize_line(entry.owner.as_deref(), true)
        };
        // Writing to a String cannot fail.
        let _ = write!(
            self.text,
            "--\n-- Name: {}; Type: {}; Schema: {}; Owner: {}",
            sanitize_line(Some(&entry.tag), false),
            entry.desc,
            sanitize_line(entry.namespace.as_deref(), true),
            owner
        );
        if !opts.no_tablespaces
            && let Some(ts) = &entry.tablespace
            && !ts.is_empty()
        {
            let _ = write!(self.text, "; Tablespace: {ts}");
        }
        self.text.push_str("\n--\n\n");
        self.text.push_str(&entry.defn);
        self.text.push_str("\n\n");
        if !opts.no_owner
            && !entry.drop_stmt.is_empty()
            && let (Some(owner), Some(object)) = (&entry.owner, &entry.owner_object)
            && !owner.is_empty()
        {
            let _ = write!(
                self.text,
                "ALTER {object} OWNER TO {};\n\n",
                opts.quoting.id(owner)
            );
        }
        let text = start..self.text.len();
        let drop_start = self.drops.len();
        if opts.clean && !entry.drop_stmt.is_empty() {
            if opts.if_exists {
                self.drops.push_str(&drop_if_exists(&entry));
            } else {
                self.drops.push_str(&entry.drop_stmt);
            }
        }
        let printed = Printed {
            text,
            drop: drop_start..self.drops.len(),
            section: entry.section,
            pass: restore_pass(&entry),
            tablespace: self.name(entry.tablespace),
            table_am: self.name(entry.table_am),
        };
        self.entries.push(printed);
    }

    /// Gives back the buffers' spare room (a big dump's text is kept until it is printed).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.drops.shrink_to_fit();
        self.entries.shrink_to_fit();
    }

    fn name(&mut self, name: Option<String>) -> u32 {
        match name {
            Some(name) => u32::try_from(self.names.insert_full(name).0).unwrap_or(NO_NAME),
            None => NO_NAME,
        }
    }

    fn name_of(&self, i: u32) -> Option<&str> {
        self.names.get_index(i as usize).map(String::as_str)
    }
}

/// Prints the whole plain-text dump from its entries, printed in order into `parts`.
pub fn print_archive(parts: &[PrintedToc], opts: &ArchiveOptions) -> String {
    let size: usize = parts.iter().map(|p| p.text.len() + p.drops.len()).sum();
    let entries: usize = parts.iter().map(|p| p.entries.len()).sum();
    let mut out = String::with_capacity(size + entries + 2048);
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

    // Which entries the chosen sections select (`_tocEntryRequired` with `--section`): entries
    // without a section take the section of the entry before them.
    let mut current = Section::PreData;
    let chosen: Vec<Vec<bool>> = parts
        .iter()
        .map(|part| {
            part.entries
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
        })
        .collect();
    let each = || {
        parts.iter().zip(&chosen).flat_map(|(part, chosen)| {
            part.entries
                .iter()
                .zip(chosen)
                .filter(|(_, c)| **c)
                .map(move |(e, _)| (part, e))
        })
    };
    if opts.clean {
        let mut drops: Vec<&str> = each()
            .map(|(part, e)| &part.drops[e.drop.clone()])
            .collect();
        drops.reverse();
        drops.into_iter().for_each(|d| out.push_str(d));
    }

    let mut tablespace: Option<&str> = None;
    let mut table_am: Option<&str> = None;
    for pass in 0..3 {
        for (part, entry) in each().filter(|(_, e)| e.pass == pass) {
            if !opts.no_tablespaces
                && let Some(ts) = part.name_of(entry.tablespace)
                && tablespace != Some(ts)
            {
                if ts.is_empty() {
                    out.push_str("SET default_tablespace = '';\n\n");
                } else {
                    out.push_str(&format!(
                        "SET default_tablespace = {};\n\n",
                        opts.quoting.id(ts)
                    ));
                }
                tablespace = Some(ts);
            }
            if !opts.no_table_access_method
                && let Some(am) = part.name_of(entry.table_am)
                && table_am != Some(am)
            {
                out.push_str(&format!(
                    "SET default_table_access_method = {};\n\n",
                    opts.quoting.id(am)
                ));
                table_am = Some(am);
            }
            out.push_str(&part.text[entry.text.clone()]);
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

    fn options(clean: bool, pre_data: bool, post_data: bool) -> ArchiveOptions {
        ArchiveOptions {
            server_version: "18.0".into(),
            dumped_by: "test".into(),
            restrict_key: "k".into(),
            std_strings: true,
            no_owner: false,
            no_tablespaces: false,
            no_table_access_method: false,
            clean,
            if_exists: clean,
            pre_data,
            post_data,
            quoting: Quoting { quote_all: false },
        }
    }

    /// A table, its comment and ACL, an index and its comment, per name, as pg_dump orders them.
    fn entries(names: &[&str]) -> Vec<TocEntry> {
        let mut out = Vec::new();
        for name in names {
            let mut table = TocEntry::new(
                *name,
                "TABLE",
                Section::PreData,
                format!("CREATE TABLE s.{name} ();"),
            );
            table.namespace = Some("s".into());
            table.owner = Some("o".into());
            table.owner_object = Some(format!("TABLE s.{name}"));
            table.drop_stmt = format!("DROP TABLE s.{name};\n");
            table.tablespace = Some(String::new());
            table.table_am = Some("heap".into());
            out.push(table);
            out.push(TocEntry::new(
                format!("TABLE {name}"),
                "COMMENT",
                Section::None,
                format!("COMMENT ON TABLE s.{name} IS 'c';"),
            ));
            let mut acl = TocEntry::new(
                format!("TABLE {name}"),
                "ACL",
                Section::None,
                format!("GRANT SELECT ON TABLE s.{name} TO r;"),
            );
            acl.is_acl = true;
            out.push(acl);
            let mut index = TocEntry::new(
                format!("{name}_i"),
                "INDEX",
                Section::PostData,
                format!("CREATE INDEX {name}_i ON s.{name} (a);"),
            );
            index.tablespace = Some("fast".into());
            index.drop_stmt = format!("DROP INDEX s.{name}_i;\n");
            out.push(index);
            out.push(TocEntry::new(
                format!("INDEX {name}_i"),
                "COMMENT",
                Section::None,
                format!("COMMENT ON INDEX s.{name}_i IS 'c';"),
            ));
        }
        out
    }

    fn printed(entries: Vec<TocEntry>, slice: usize, opts: &ArchiveOptions) -> String {
        let mut parts = Vec::new();
        let mut entries = entries.into_iter().peekable();
        while entries.peek().is_some() {
            let mut part = PrintedToc::new();
            for e in entries.by_ref().take(slice) {
                part.push(e, opts);
            }
            parts.push(part);
        }
        print_archive(&parts, opts)
    }

    #[test]
    fn slices_print_as_one_run_of_entries() {
        let names = ["a", "b", "c"];
        for opts in [
            options(false, true, true),
            options(true, true, true),
            options(false, false, true),
            options(true, true, false),
        ] {
            let whole = printed(entries(&names), usize::MAX, &opts);
            for slice in 1..=4 {
                assert_eq!(
                    printed(entries(&names), slice, &opts),
                    whole,
                    "slice {slice}"
                );
            }
        }
        let whole = printed(entries(&names), usize::MAX, &options(true, true, true));
        // Tablespace and access method lines only where they change, across the slices too.
        assert_eq!(whole.matches("SET default_tablespace = '';").count(), 3);
        assert_eq!(whole.matches("SET default_tablespace = fast;").count(), 3);
        assert_eq!(
            whole
                .matches("SET default_table_access_method = heap;")
                .count(),
            1
        );
        // Drops in reverse order, IF EXISTS added; ACLs after every other entry.
        let drops: Vec<&str> = whole.lines().filter(|l| l.starts_with("DROP")).collect();
        assert_eq!(drops[0], "DROP INDEX IF EXISTS s.c_i;");
        assert_eq!(drops[5], "DROP TABLE IF EXISTS s.a;");
        assert!(whole.find("GRANT SELECT ON TABLE s.a").unwrap() > whole.find("c_i IS").unwrap());
        assert!(whole.contains("ALTER TABLE s.b OWNER TO o;"));
        // --section=post-data: an index's comment follows it; a table's does not.
        let post = printed(entries(&names), 2, &options(false, false, true));
        assert!(post.contains("COMMENT ON INDEX s.a_i"));
        assert!(!post.contains("COMMENT ON TABLE"));
        assert!(!post.contains("GRANT"));
    }

    #[test]
    fn restrict_keys_are_alphanumeric() {
        let k = generate_restrict_key();
        assert_eq!(k.len(), 63);
        assert!(k.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(k, generate_restrict_key());
    }
}
