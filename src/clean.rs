//! The SQL-aware cleaner behind `clean_output`. It owns the rule for which lines of plain-text
//! pg_dump output are removed: blank lines, `--` comments, pg_dump's session front matter, the
//! `\restrict`/`\unrestrict` meta-commands and Hasura's event-trigger triggers (Hasura's own list
//! plus the lines that break migrations applied as plain SQL), and only where such a line stands
//! *between* statements. Hasura filters lines blindly and so corrupts function bodies, string
//! literals and table data; here a small streaming lexer, modelled on psql's
//! (`src/fe_utils/psqlscan.l`), follows string literals, quoted identifiers, dollar quotes,
//! comments, parentheses, `BEGIN ATOMIC` bodies and COPY data, so every statement and every data
//! row passes through byte for byte.

use std::mem;

/// Front-matter lines Hasura drops. pg_dump writes most of them before the first object (older
/// releases wrote `default_with_oids`; 17+ adds `transaction_timeout`); the last two come from
/// dumping the `public` schema. `SET standard_conforming_strings = on;` is handled apart, because
/// the lexer depends on it (see [`droppable`]).
const FRONT_MATTER: [&[u8]; 14] = [
    b"SET statement_timeout = 0;",
    b"SET lock_timeout = 0;",
    b"SET idle_in_transaction_session_timeout = 0;",
    b"SET transaction_timeout = 0;",
    b"SET client_encoding = 'UTF8';",
    b"SELECT pg_catalog.set_config('search_path', '', false);",
    b"SET xmloption = content;",
    b"SET client_min_messages = warning;",
    b"SET row_security = off;",
    b"SET default_tablespace = '';",
    b"SET default_with_oids = false;",
    b"SET default_table_access_method = heap;",
    b"CREATE SCHEMA public;",
    b"COMMENT ON SCHEMA public IS 'standard public schema';",
];

/// The one front-matter line that changes how the lexer reads later statements.
const STD_STRINGS_ON: &[u8] = b"SET standard_conforming_strings = on;";

/// Longest keyword the lexer needs to recognise (`procedure`); longer words are never keywords
/// we track, so only this many bytes of a word are kept.
const WORD_CAP: usize = 9;

/// Bytes of a statement's normalised text kept for recognising
/// `SET standard_conforming_strings ...`; the longest spelling we accept fits comfortably.
const HEAD_CAP: usize = 64;

/// How backslashes behave inside a single-quoted literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Escapes {
    /// `'...'` with `standard_conforming_strings = on`, `B'...'`, `X'...'`, `U&'...'`:
    /// a backslash is an ordinary character.
    Standard,
    /// `E'...'`, or `'...'` with `standard_conforming_strings = off`: a backslash hides the
    /// next byte, so `\'` does not end the literal.
    Backslash,
}

/// What the byte under the lexer belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// Plain SQL text, or nothing at all between statements.
    Code,
    /// Inside a single-quoted literal.
    Literal(Escapes),
    /// Inside a `"quoted identifier"`.
    QuotedIdent,
    /// Inside a dollar-quoted string; the delimiter is in `Cleaner::dollar_tag`.
    Dollar,
    /// Inside `/* ... */` at the given nesting depth (PostgreSQL comments nest).
    BlockComment(u32),
}

/// SQL continues a literal across a newline: `'a'` newline `'b'` is the one literal `'ab'`,
/// and it keeps the first part's kind, so `E'a'` newline `'\''` is still an escape string
/// (psql's `xqs` state). Only the kind needs remembering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Continuation {
    None,
    /// A literal just closed and only horizontal space or a `--` comment followed it.
    SameLine(Escapes),
    /// ... and a newline has been seen since, so a `'` now resumes the literal.
    NextLine(Escapes),
}

/// Progress through `CREATE [OR REPLACE] {FUNCTION|PROCEDURE}`: inside such a statement psql
/// counts `BEGIN`/`CASE`/`END`, so the semicolons of a `BEGIN ATOMIC ... END` body do not end it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Routine {
    Start,
    Create,
    CreateOr,
    CreateOrReplace,
    Yes,
    No,
}

/// Progress through `COPY ... FROM STDIN`, judged like psql's `psqlscan_is_copy_from_stdin` on
/// the unquoted words outside parentheses: the first is COPY and the one after the first FROM is
/// STDIN (or STDOUT, which the server's grammar accepts as a synonym).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyIn {
    Start,
    SeekFrom,
    AfterFrom,
    FromStdin,
    No,
}

/// The run of identifier or number characters under the lexer, case-folded and truncated to
/// [`WORD_CAP`] bytes (its full length is kept, so truncation never fakes a keyword).
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    folded: [u8; WORD_CAP],
    len: usize,
    /// Starts like an identifier (not a digit); only those are keywords or literal prefixes.
    ident: bool,
}

impl Word {
    fn extend(&mut self, bytes: &[u8]) {
        if self.len == 0 {
            self.ident = bytes.first().is_some_and(|b| !b.is_ascii_digit());
        }
        for (slot, b) in self.folded.iter_mut().skip(self.len).zip(bytes) {
            *slot = b.to_ascii_lowercase();
        }
        self.len = self.len.saturating_add(bytes.len());
    }

    /// `None` when the word is too long to be any keyword we track.
    fn text(&self) -> Option<&[u8]> {
        self.folded.get(..self.len)
    }

    /// The letter of a one-letter identifier, to recognise the literal prefixes `E'`, `B'`,
    /// `X'` and `U&'`.
    fn single_letter(&self) -> Option<u8> {
        (self.ident && self.len == 1).then_some(self.folded[0])
    }

    /// `$` continues an identifier (`a$b`), which is why `x$$` opens no dollar quote.
    fn takes_dollar(&self) -> bool {
        self.ident && self.len > 0
    }
}

/// The first bytes of the current statement, case-folded, with every run of whitespace and
/// comments outside quotes reduced to one space. Bounded, so a huge statement costs nothing.
#[derive(Clone, Copy, Debug)]
struct Head {
    text: [u8; HEAD_CAP],
    len: usize,
    overflow: bool,
    gap: bool,
}

impl Head {
    const EMPTY: Head = Head {
        text: [0; HEAD_CAP],
        len: 0,
        overflow: false,
        gap: false,
    };

    fn push(&mut self, b: u8) {
        if self.overflow {
            return;
        }
        if self.gap && self.len > 0 {
            self.put(b' ');
        }
        self.gap = false;
        self.put(b.to_ascii_lowercase());
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.overflow {
                return;
            }
            self.push(b);
        }
    }

    fn put(&mut self, b: u8) {
        match self.text.get_mut(self.len) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    fn complete(&self) -> Option<&[u8]> {
        if self.overflow {
            None
        } else {
            self.text.get(..self.len)
        }
    }
}

/// Streaming state machine; feed it one line at a time.
///
/// Between lines the whole state is a handful of enums and counters, the current dollar-quote
/// delimiter and a 64-byte statement prefix, so memory does not grow with the dump.
#[derive(Clone, Debug)]
pub struct Cleaner {
    /// COPY data blocks still to be read; while non-zero, lines are data, kept verbatim.
    copy_blocks: u32,
    /// `COPY ... FROM STDIN` statements ended on the line being scanned; like psql, their data
    /// starts on the next line even if more SQL follows on this one.
    pending_copies: u32,
    /// A statement has started and its terminating `;` has not been seen.
    in_statement: bool,
    ctx: Ctx,
    cont: Continuation,
    /// The session's `standard_conforming_strings`; pg_dump output assumes on, the default.
    std_strings: bool,
    /// The delimiter of the open dollar quote, `$` + tag + `$`.
    dollar_tag: Vec<u8>,
    /// psql ends a statement only at a `;` outside parentheses ...
    paren_depth: u32,
    /// ... and outside `BEGIN ... END` in a routine definition.
    begin_depth: u32,
    routine: Routine,
    copy_in: CopyIn,
    head: Head,
    /// Words never span lines; reset at each line.
    word: Word,
    /// The previous byte was `&` right after a lone `U`: a `'` now opens a `U&'...'` literal.
    after_u_amp: bool,
}

impl Default for Cleaner {
    fn default() -> Self {
        Self::new()
    }
}

impl Cleaner {
    /// A cleaner at the start of a dump: between statements, `standard_conforming_strings` on.
    pub fn new() -> Self {
        Cleaner {
            copy_blocks: 0,
            pending_copies: 0,
            in_statement: false,
            ctx: Ctx::Code,
            cont: Continuation::None,
            std_strings: true,
            dollar_tag: Vec::new(),
            paren_depth: 0,
            begin_depth: 0,
            routine: Routine::Start,
            copy_in: CopyIn::Start,
            head: Head::EMPTY,
            word: Word::default(),
            after_u_amp: false,
        }
    }

    /// `line` excludes the terminating `\n`. Appends the line plus `\n` to `out` when kept.
    /// Returns true when the line was kept.
    pub fn push_line(&mut self, line: &[u8], out: &mut Vec<u8>) -> bool {
        let keep = self.keeps(line);
        if keep {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        keep
    }

    /// Advances the lexer over `line` and decides its fate.
    fn keeps(&mut self, line: &[u8]) -> bool {
        if self.copy_blocks > 0 {
            // psql's handleCopyIn accepts the end marker with a CRLF ending too.
            if matches!(line, b"\\." | b"\\.\r") {
                self.copy_blocks -= 1;
            }
            return true;
        }
        let between = self.is_between();
        if between && line.iter().all(|&b| is_space(b)) {
            return false;
        }
        let std_strings_before = self.std_strings;
        let ends = self.scan_line(line);
        self.copy_blocks = mem::take(&mut self.pending_copies);
        // A line is dropped only if it leaves the lexer exactly as it found it, between
        // statements; then removing it cannot change how any later line is read, which is what
        // makes cleaning idempotent.
        !(between && self.is_between() && droppable(line, ends, std_strings_before))
    }

    /// Not inside any statement, literal, comment, dollar quote or COPY data.
    fn is_between(&self) -> bool {
        self.copy_blocks == 0 && !self.in_statement && self.ctx == Ctx::Code
    }

    /// Lexes one line; returns how many statements ended on it.
    fn scan_line(&mut self, line: &[u8]) -> u32 {
        let mut ends = 0u32;
        let mut i = 0;
        self.word = Word::default();
        self.after_u_amp = false;
        while i < line.len() {
            i = match self.ctx {
                Ctx::Code => self.scan_code(line, i, &mut ends),
                Ctx::Literal(escapes) => self.scan_literal(line, i, escapes),
                Ctx::QuotedIdent => self.scan_quoted_ident(line, i),
                Ctx::Dollar => self.scan_dollar(line, i),
                Ctx::BlockComment(depth) => self.scan_block_comment(line, i, depth),
            };
        }
        self.end_line();
        ends
    }

    /// The newline is whitespace to the SQL around it, and part of any open quoted text.
    fn end_line(&mut self) {
        self.finish_word();
        self.after_u_amp = false;
        if !self.in_statement {
            return;
        }
        match self.ctx {
            Ctx::Code => {
                self.head.gap = true;
                if let Continuation::SameLine(escapes) = self.cont {
                    self.cont = Continuation::NextLine(escapes);
                }
            }
            Ctx::Literal(_) | Ctx::QuotedIdent | Ctx::Dollar => self.head.push(b'\n'),
            Ctx::BlockComment(_) => {}
        }
    }

    /// Lexes one token (or one byte of one) of plain SQL starting at `i`; returns where the
    /// next one starts.
    fn scan_code(&mut self, line: &[u8], i: usize, ends: &mut u32) -> usize {
        let b = line[i];
        let next = line.get(i + 1).copied();
        let after_u_amp = mem::take(&mut self.after_u_amp);
        if !self.in_statement {
            match b {
                _ if is_space(b) => {
                    return i + 1 + line[i + 1..].iter().take_while(|&&c| is_space(c)).count();
                }
                b'-' if next == Some(b'-') => return line_comment_end(line, i),
                b'/' if next == Some(b'*') => {
                    self.ctx = Ctx::BlockComment(1);
                    return i + 2;
                }
                // A backslash outside a statement starts a psql meta-command (`\connect`,
                // `\restrict`), which runs to the end of the line and needs no `;`.
                b'\\' => return line.len(),
                _ => self.in_statement = true,
            }
        }
        if is_ident_char(b) || (b == b'$' && self.word.takes_dollar()) {
            // The whole run at once: words and numbers are most of a dump's SQL text.
            let ident = self.word.ident || (self.word.len == 0 && !b.is_ascii_digit());
            let mut end = i;
            loop {
                end += line[end..]
                    .iter()
                    .take_while(|&&c| is_ident_char(c))
                    .count();
                if !(ident && line.get(end) == Some(&b'$')) {
                    break;
                }
                end += 1;
            }
            self.cont = Continuation::None;
            self.word.extend(&line[i..end]);
            self.head.extend(&line[i..end]);
            return end;
        }
        let prefix = self.word.single_letter();
        self.finish_word();
        match b {
            _ if is_space(b) => {
                let end = i + line[i..].iter().take_while(|&&c| is_space(c)).count();
                if let Continuation::SameLine(escapes) = self.cont
                    && line[i..end].contains(&b'\r')
                {
                    self.cont = Continuation::NextLine(escapes);
                }
                self.head.gap = true;
                end
            }
            // A `--` comment may sit inside a literal continuation, so `cont` survives it.
            b'-' if next == Some(b'-') => {
                self.head.gap = true;
                line_comment_end(line, i)
            }
            b'/' if next == Some(b'*') => {
                self.cont = Continuation::None;
                self.head.gap = true;
                self.ctx = Ctx::BlockComment(1);
                i + 2
            }
            b'\'' => {
                let escapes = match self.cont {
                    Continuation::NextLine(escapes) => escapes,
                    _ => match prefix {
                        Some(b'e') => Escapes::Backslash,
                        Some(b'b' | b'x') => Escapes::Standard,
                        _ if after_u_amp => Escapes::Standard,
                        _ if self.std_strings => Escapes::Standard,
                        _ => Escapes::Backslash,
                    },
                };
                self.cont = Continuation::None;
                self.head.push(b);
                self.ctx = Ctx::Literal(escapes);
                i + 1
            }
            b'"' => {
                self.cont = Continuation::None;
                self.head.push(b);
                self.ctx = Ctx::QuotedIdent;
                i + 1
            }
            b'$' => {
                self.cont = Continuation::None;
                match dollar_delimiter(line, i) {
                    Some(delim) => {
                        self.dollar_tag.clear();
                        self.dollar_tag.extend_from_slice(delim);
                        self.head.extend(delim);
                        self.ctx = Ctx::Dollar;
                        i + delim.len()
                    }
                    // `$1` and the like: a parameter, not a quote.
                    None => {
                        self.head.push(b);
                        i + 1
                    }
                }
            }
            b';' if self.paren_depth == 0 && self.begin_depth == 0 => {
                *ends = ends.saturating_add(1);
                self.end_statement();
                i + 1
            }
            _ => {
                self.cont = Continuation::None;
                match b {
                    b'(' => self.paren_depth = self.paren_depth.saturating_add(1),
                    b')' => self.paren_depth = self.paren_depth.saturating_sub(1),
                    b'&' => self.after_u_amp = prefix == Some(b'u'),
                    _ => {}
                }
                self.head.push(b);
                i + 1
            }
        }
    }

    fn scan_literal(&mut self, line: &[u8], start: usize, escapes: Escapes) -> usize {
        let backslash = escapes == Escapes::Backslash;
        let mut i = start;
        while let Some(offset) = line.get(i..).and_then(|rest| {
            rest.iter()
                .position(|&b| b == b'\'' || (backslash && b == b'\\'))
        }) {
            i += offset;
            // A backslash hides the next byte; as the line's last byte it hides the newline.
            // A doubled quote is a quote character.
            if line[i] == b'\\' || line.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            self.head.extend(&line[start..=i]);
            self.ctx = Ctx::Code;
            self.cont = Continuation::SameLine(escapes);
            return i + 1;
        }
        self.head.extend(&line[start..]);
        line.len()
    }

    fn scan_quoted_ident(&mut self, line: &[u8], start: usize) -> usize {
        let mut i = start;
        while let Some(&b) = line.get(i) {
            match b {
                b'"' if line.get(i + 1) == Some(&b'"') => i += 2,
                b'"' => {
                    self.head.extend(&line[start..=i]);
                    self.ctx = Ctx::Code;
                    return i + 1;
                }
                _ => i += 1,
            }
        }
        self.head.extend(&line[start..]);
        line.len()
    }

    /// The body of a dollar quote is opaque: only the exact opening delimiter closes it.
    fn scan_dollar(&mut self, line: &[u8], start: usize) -> usize {
        let mut i = start;
        while let Some(offset) = line[i..].iter().position(|&b| b == b'$') {
            let at = i + offset;
            if line[at..].starts_with(&self.dollar_tag) {
                let end = at + self.dollar_tag.len();
                self.head.extend(&line[start..end]);
                self.ctx = Ctx::Code;
                return end;
            }
            i = at + 1;
        }
        self.head.extend(&line[start..]);
        line.len()
    }

    fn scan_block_comment(&mut self, line: &[u8], start: usize, depth: u32) -> usize {
        let mut depth = depth;
        let mut i = start;
        while let Some(&b) = line.get(i) {
            match (b, line.get(i + 1)) {
                (b'/', Some(b'*')) => {
                    depth = depth.saturating_add(1);
                    i += 2;
                }
                (b'*', Some(b'/')) => {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        self.ctx = Ctx::Code;
                        return i;
                    }
                }
                _ => i += 1,
            }
        }
        self.ctx = Ctx::BlockComment(depth);
        line.len()
    }

    /// Ends the word under the lexer, if any.
    fn finish_word(&mut self) {
        if self.word.len == 0 {
            return;
        }
        let word = mem::take(&mut self.word);
        // Numbers never matter to the statement's shape.
        if word.ident {
            self.identifier(word.text());
        }
    }

    /// An unquoted identifier or keyword outside any quotes; `None` when longer than any
    /// keyword we track. Mirrors psql's `psqlscan_track_identifier`: words inside parentheses
    /// are ignored, so column lists and sub-queries do not disturb the keyword tracking.
    fn identifier(&mut self, word: Option<&[u8]>) {
        if self.paren_depth != 0 {
            return;
        }
        self.copy_in = match (self.copy_in, word) {
            (CopyIn::Start, Some(b"copy")) => CopyIn::SeekFrom,
            (CopyIn::Start, _) => CopyIn::No,
            (CopyIn::SeekFrom, Some(b"from")) => CopyIn::AfterFrom,
            (CopyIn::AfterFrom, Some(b"stdin" | b"stdout")) => CopyIn::FromStdin,
            (CopyIn::AfterFrom, _) => CopyIn::No,
            (state, _) => state,
        };
        self.routine = match (self.routine, word) {
            (Routine::Start, Some(b"create")) => Routine::Create,
            (Routine::Create, Some(b"or")) => Routine::CreateOr,
            (Routine::CreateOr, Some(b"replace")) => Routine::CreateOrReplace,
            (Routine::Create | Routine::CreateOrReplace, Some(b"function" | b"procedure")) => {
                Routine::Yes
            }
            (Routine::Yes, _) => Routine::Yes,
            _ => Routine::No,
        };
        if self.routine == Routine::Yes {
            match word {
                Some(b"begin") => self.begin_depth = self.begin_depth.saturating_add(1),
                // CASE also closes with END, which matters only inside a BEGIN block.
                Some(b"case") if self.begin_depth > 0 => {
                    self.begin_depth = self.begin_depth.saturating_add(1)
                }
                Some(b"end") => self.begin_depth = self.begin_depth.saturating_sub(1),
                _ => {}
            }
        }
    }

    /// A `;` outside parentheses and routine bodies: apply what the statement does to the
    /// lexer, then forget it.
    fn end_statement(&mut self) {
        if self.copy_in == CopyIn::FromStdin {
            self.pending_copies = self.pending_copies.saturating_add(1);
        }
        if let Some(on) = self.head.complete().and_then(parse_std_strings) {
            self.std_strings = on;
        }
        self.in_statement = false;
        self.cont = Continuation::None;
        self.paren_depth = 0;
        self.begin_depth = 0;
        self.routine = Routine::Start;
        self.copy_in = CopyIn::Start;
        self.head = Head::EMPTY;
    }
}

/// Convenience: clean a whole buffer.
pub fn clean_bytes(input: &[u8]) -> Vec<u8> {
    let mut cleaner = Cleaner::new();
    let mut out = Vec::with_capacity(input.len() + 1);
    if input.is_empty() {
        return out;
    }
    // A final `\n` ends the last line rather than starting an empty one.
    let body = input.strip_suffix(b"\n").unwrap_or(input);
    for line in body.split(|&b| b == b'\n') {
        cleaner.push_line(line, &mut out);
    }
    out
}

/// Cleans UTF-8 text; lossless, since the output is whole input lines joined by `\n`.
pub fn clean_str(input: &str) -> String {
    match String::from_utf8(clean_bytes(input.as_bytes())) {
        Ok(text) => text,
        // Unreachable: whole lines of valid UTF-8 joined by `\n` are valid UTF-8.
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

/// Whether a line that began and ended between statements is one of those Hasura removes.
/// `ends` is the number of statements the line ended: comments and meta-commands end none, and
/// a dropped statement line must hold exactly one statement, or we would drop its neighbour.
fn droppable(line: &[u8], ends: u32, std_strings_before: bool) -> bool {
    // pg_dump output read on Windows may carry CRLF endings; the rules see through them.
    let body = line.strip_suffix(b"\r").unwrap_or(line);
    match ends {
        // A bare CR ends a `--` comment for PostgreSQL, so a comment line must not hold one.
        0 => (body.starts_with(b"--") && !body.contains(&b'\r')) || is_restrict_command(body),
        // Removing this SET is harmless only when it changes nothing; after an explicit `off`
        // it must stay, or a second cleaning would read the rest of the dump with `off`.
        1 if body == STD_STRINGS_ON => std_strings_before,
        1 => FRONT_MATTER.contains(&body) || is_hasura_trigger(body),
        _ => false,
    }
}

/// `\restrict KEY` / `\unrestrict KEY`, as pg_dump 15.14+, 16.10+, 17.6+ and 18 write them
/// (`valid_restrict_key` in dumputils.c allows only letters and digits).
fn is_restrict_command(line: &[u8]) -> bool {
    let key = line
        .strip_prefix(b"\\restrict ")
        .or_else(|| line.strip_prefix(b"\\unrestrict "));
    key.is_some_and(|key| !key.is_empty() && key.iter().all(u8::is_ascii_alphanumeric))
}

const AFTER: &[u8] = b" AFTER ";
const ON: &[u8] = b" ON ";
const FOR_EACH_ROW: &[u8] = b" FOR EACH ROW EXECUTE ";

/// Hand-written equivalent of Hasura's line pattern for its event-trigger triggers,
/// `^CREATE TRIGGER "?notify_hasura_.+"? AFTER [[:alnum:]]+ ON .+ FOR EACH ROW EXECUTE
/// (FUNCTION|PROCEDURE) "?(hdb_catalog|hdb_views)"?\."?notify_hasura_.+"?\(\);$`.
/// A `"?` right after `.+` adds nothing (the `.+` can take the quote), so the pattern is
/// fixed text around two free runs, checked in linear time.
fn is_hasura_trigger(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"CREATE TRIGGER ") else {
        return false;
    };
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(b"notify_hasura_") else {
        return false;
    };
    let Some(middle) = rest.strip_suffix(b"();") else {
        return false;
    };
    let Some(event_end) = event_clause_end(middle) else {
        return false;
    };
    // `ON .+ FOR`: at least one byte between the two.
    occurrences(middle, FOR_EACH_ROW)
        .any(|at| at > event_end && is_hasura_function(&middle[at + FOR_EACH_ROW.len()..]))
}

/// The end of the earliest ` AFTER <alnum>+ ON ` that has at least one byte before it; the
/// earliest leaves the most room for the rest of the pattern.
fn event_clause_end(text: &[u8]) -> Option<usize> {
    occurrences(text, AFTER)
        .filter(|&at| at > 0)
        .find_map(|at| {
            let event = at + AFTER.len();
            let len = text[event..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            (len > 0 && text[event + len..].starts_with(ON)).then_some(event + len + ON.len())
        })
}

/// `(FUNCTION|PROCEDURE) "?(hdb_catalog|hdb_views)"?\."?notify_hasura_.+`. Each optional quote
/// sits where the following text cannot start with a quote, so taking it when present is exact.
fn is_hasura_function(text: &[u8]) -> bool {
    let Some(rest) = text
        .strip_prefix(b"FUNCTION ")
        .or_else(|| text.strip_prefix(b"PROCEDURE "))
    else {
        return false;
    };
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let Some(rest) = rest
        .strip_prefix(b"hdb_catalog")
        .or_else(|| rest.strip_prefix(b"hdb_views"))
    else {
        return false;
    };
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(b".") else {
        return false;
    };
    let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
    rest.strip_prefix(b"notify_hasura_")
        .is_some_and(|name| !name.is_empty())
}

/// Start offsets of `needle` in `haystack`; the needles are short constants, so this is linear.
fn occurrences<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    (0..haystack.len()).filter(move |&at| haystack[at..].starts_with(needle))
}

/// Recognises a statement that sets `standard_conforming_strings` (from its normalised head,
/// see [`Head`]) and returns the new value. psql learns the value from the server after each
/// statement; we cannot ask, so we read the statement. pg_dump writes only
/// `SET standard_conforming_strings = on|off;`, but the other spellings cost little.
fn parse_std_strings(head: &[u8]) -> Option<bool> {
    let mut tokens: [&[u8]; 6] = [&[]; 6];
    let mut count = 0;
    let mut rest = head;
    while let Some((token, tail)) = next_token(rest) {
        *tokens.get_mut(count)? = token;
        count += 1;
        rest = tail;
    }
    match &tokens[..count] {
        // Since 9.1 the server default is on.
        [b"reset", b"standard_conforming_strings" | b"all"] => Some(true),
        [
            b"set",
            b"session" | b"local",
            b"standard_conforming_strings",
            b"=" | b"to",
            value,
        ]
        | [b"set", b"standard_conforming_strings", b"=" | b"to", value] => {
            parse_setting_bool(value)
        }
        _ => None,
    }
}

/// Splits a normalised statement head into words, quoted tokens and single punctuation bytes.
fn next_token(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let start = text.iter().position(|&b| b != b' ')?;
    let text = &text[start..];
    let len = match text[0] {
        quote @ (b'\'' | b'"') => text[1..]
            .iter()
            .position(|&b| b == quote)
            .map_or(text.len(), |close| close + 2),
        b if is_ident_char(b) || b == b'$' => text
            .iter()
            .position(|&b| !(is_ident_char(b) || b == b'$'))
            .unwrap_or(text.len()),
        _ => 1,
    };
    Some(text.split_at(len))
}

/// A boolean GUC value as the server accepts it (`parse_bool_with_len` in bool.c: unique
/// prefixes of true/false/yes/no, on/off/of, 1/0), quoted or not; `DEFAULT` means on.
fn parse_setting_bool(value: &[u8]) -> Option<bool> {
    let unquoted = match value {
        [b'\'', inner @ .., b'\''] | [b'"', inner @ .., b'"'] => inner,
        _ => value,
    };
    let is_prefix_of = |word: &[u8]| !unquoted.is_empty() && word.starts_with(unquoted);
    match unquoted {
        b"default" if unquoted.len() == value.len() => Some(true),
        b"on" | b"1" => Some(true),
        b"of" | b"off" | b"0" => Some(false),
        _ if is_prefix_of(b"true") || is_prefix_of(b"yes") => Some(true),
        _ if is_prefix_of(b"false") || is_prefix_of(b"no") => Some(false),
        _ => None,
    }
}

/// The `\r` or end of line that ends a `--` comment starting at `start` (PostgreSQL's lexer
/// counts `\r` as a newline).
fn line_comment_end(line: &[u8], start: usize) -> usize {
    line[start..]
        .iter()
        .position(|&b| b == b'\r')
        .map_or(line.len(), |offset| start + offset)
}

/// Dollar-quote delimiter (`$$`, `$tag$`) starting at `start`, if one does. The tag follows
/// identifier rules minus `$`, and cannot start with a digit, which is what keeps `$1` a
/// parameter.
fn dollar_delimiter(line: &[u8], start: usize) -> Option<&[u8]> {
    let rest = &line[start + 1..];
    let tag_len = match rest.first() {
        Some(b'$') => 0,
        Some(&b) if is_ident_char(b) && !b.is_ascii_digit() => rest
            .iter()
            .position(|&b| !is_ident_char(b))
            .unwrap_or(rest.len()),
        _ => return None,
    };
    (rest.get(tag_len) == Some(&b'$')).then(|| &line[start..start + tag_len + 2])
}

/// PostgreSQL's `space`: the bytes its lexer treats as whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// Letters, digits, `_` and every non-ASCII byte (any multibyte character may appear in an
/// identifier); `$` is handled apart.
fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRIGGER: &str = "CREATE TRIGGER \"notify_hasura_author_insert_INSERT\" AFTER INSERT ON public.author FOR EACH ROW EXECUTE FUNCTION hdb_catalog.\"notify_hasura_author_insert_INSERT\"();";

    /// Cleans `input`, requires exactly `expected`, and requires that cleaning the result
    /// changes nothing.
    #[track_caller]
    fn assert_clean(input: &str, expected: &str) {
        let once = clean_str(input);
        assert!(
            once == expected,
            "input:\n```\n{input}```\nexpected:\n```\n{expected}```\nactual:\n```\n{once}```"
        );
        let twice = clean_str(&once);
        assert!(
            twice == once,
            "not idempotent\nonce:\n```\n{once}```\ntwice:\n```\n{twice}```"
        );
    }

    #[test]
    fn drops_blank_and_whitespace_only_lines() {
        assert_clean("\n\n   \n\t \nSELECT 1;\n \r\n\x0c\n", "SELECT 1;\n");
    }

    #[test]
    fn drops_comment_lines() {
        assert_clean(
            "--\n-- Name: t; Type: TABLE\n--\nSELECT 1;\n-- bye\n",
            "SELECT 1;\n",
        );
    }

    #[test]
    fn keeps_indented_comment_lines() {
        // Only lines that start with `--` are Hasura's comment lines.
        assert_clean("  -- indented\nSELECT 1;\n", "  -- indented\nSELECT 1;\n");
    }

    #[test]
    fn drops_every_front_matter_line() {
        for line in FRONT_MATTER.iter().chain([&STD_STRINGS_ON]) {
            let line = std::str::from_utf8(line).expect("front matter is ASCII");
            assert_clean(&format!("{line}\nSELECT 1;\n"), "SELECT 1;\n");
        }
    }

    #[test]
    fn keeps_check_function_bodies_and_near_misses() {
        let input = "SET check_function_bodies = false;\n\
                     SET statement_timeout = 10;\n\
                     set lock_timeout = 0;\n\
                     SET lock_timeout = 0; \n\
                     SET lock_timeout = 0; SELECT 1;\n\
                     SET client_encoding = 'LATIN1';\n\
                     CREATE SCHEMA other;\n";
        assert_clean(input, input);
    }

    #[test]
    fn drops_restrict_and_unrestrict_but_keeps_other_meta_commands() {
        assert_clean(
            "\\restrict aB3dE9\nSELECT 1;\n\\connect foo\n\\unrestrict aB3dE9\n",
            "SELECT 1;\n\\connect foo\n",
        );
        // A key with other characters is not one pg_dump could write.
        assert_clean(
            "\\restrict a-b\n\\restrict\n\\restrict \n \\restrict abc\n",
            "\\restrict a-b\n\\restrict\n\\restrict \n \\restrict abc\n",
        );
    }

    #[test]
    fn meta_command_needs_no_semicolon() {
        assert_clean(
            "\\connect db\n\nSET lock_timeout = 0;\nSELECT 1; \\echo hi\n\n-- c\n",
            "\\connect db\nSELECT 1; \\echo hi\n",
        );
    }

    #[test]
    fn drops_hasura_event_triggers() {
        let input = [
            TRIGGER,
            "CREATE TRIGGER notify_hasura_a_UPDATE AFTER UPDATE ON public.a FOR EACH ROW EXECUTE PROCEDURE hdb_views.notify_hasura_a_UPDATE();",
            "CREATE TRIGGER notify_hasura_x AFTER DELETE ON \"my schema\".\"my table\" FOR EACH ROW EXECUTE FUNCTION \"hdb_catalog\".\"notify_hasura_x\"();",
            "CREATE TRIGGER notify_hasura_x AFTER INSERT ON a AFTER UPDATE ON b FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_x();",
            "SELECT 1;",
        ]
        .join("\n");
        assert_clean(&input, "SELECT 1;\n");
    }

    #[test]
    fn keeps_triggers_that_are_not_hasuras() {
        let input = [
            "CREATE TRIGGER audit AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();",
            "CREATE TRIGGER notify_hasura_a AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION public.notify_hasura_a();",
            "CREATE TRIGGER notify_hasura_a AFTER INSERT OR UPDATE ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();",
            "CREATE TRIGGER notify_hasura_a BEFORE INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();",
            "CREATE TRIGGER notify_hasura_a AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_();",
            "CREATE TRIGGER notify_hasura_a AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a(1);",
            "CREATE TRIGGER notify_hasura_ AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();",
            "CREATE TRIGGER notify_hasura_a AFTER INSERT ON  FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();",
            "create trigger notify_hasura_a AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();",
            // Two statements on one line: dropping the line would drop the SELECT too.
            "CREATE TRIGGER notify_hasura_a AFTER INSERT ON public.a FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a(); SELECT notify_hasura_b();",
        ]
        .map(|line| format!("{line}\n"))
        .concat();
        assert_clean(&input, &input);
    }

    #[test]
    fn keeps_trigger_lookalike_that_opens_a_literal() {
        // The pattern matches, but the quote opens a literal, so the line is no complete
        // statement, and the lines after it are inside that literal.
        let input = "CREATE TRIGGER notify_hasura_a AFTER INSERT ON 'x FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();\n\
                     \n\
                     -- in literal\n\
                     ';\n\
                     \n";
        assert_clean(
            input,
            "CREATE TRIGGER notify_hasura_a AFTER INSERT ON 'x FOR EACH ROW EXECUTE FUNCTION hdb_catalog.notify_hasura_a();\n\n-- in literal\n';\n",
        );
    }

    /// Lines that Hasura would remove, placed where they are data.
    fn tricky_lines() -> String {
        format!(
            "\n   \n-- comment\n--\nSET statement_timeout = 0;\nSET standard_conforming_strings = on;\n\\restrict abc\n\\unrestrict abc\n{TRIGGER}\n"
        )
    }

    #[test]
    fn keeps_dollar_quoted_function_bodies() {
        for tag in ["$$", "$_$", "$body$"] {
            let input = format!(
                "CREATE FUNCTION f() RETURNS void\n    LANGUAGE sql\n    AS {tag}\n{}{tag};\n\n-- after\n",
                tricky_lines()
            );
            let expected = format!(
                "CREATE FUNCTION f() RETURNS void\n    LANGUAGE sql\n    AS {tag}\n{}{tag};\n",
                tricky_lines()
            );
            assert_clean(&input, &expected);
        }
    }

    #[test]
    fn dollar_quote_closes_only_on_its_own_tag() {
        let input = "SELECT $body$\n$$\n\n$bod$\n\n$body$;\n\n";
        assert_clean(input, "SELECT $body$\n$$\n\n$bod$\n\n$body$;\n");
    }

    #[test]
    fn dollar_inside_identifier_or_parameter_opens_no_quote() {
        assert_clean(
            "PREPARE p AS SELECT $1, $2::text, a$$b, x$y$ FROM t;\n\n-- after\n",
            "PREPARE p AS SELECT $1, $2::text, a$$b, x$y$ FROM t;\n",
        );
    }

    #[test]
    fn positional_parameter_then_dollar_opens_no_quote() {
        assert_clean("SELECT $1$2;\n\n-- after\n", "SELECT $1$2;\n");
    }

    #[test]
    fn keeps_multi_line_standard_literal() {
        let input = format!(
            "INSERT INTO t VALUES ('it''s\n{}', 'a\\');\n\n",
            tricky_lines()
        );
        let expected = format!(
            "INSERT INTO t VALUES ('it''s\n{}', 'a\\');\n",
            tricky_lines()
        );
        assert_clean(&input, &expected);
    }

    #[test]
    fn keeps_multi_line_escape_literal() {
        for prefix in ["E", "e"] {
            let input = format!(
                "INSERT INTO t VALUES ({prefix}'it\\'s\n{}\\\\', 'x');\n\n",
                tricky_lines()
            );
            let expected = format!(
                "INSERT INTO t VALUES ({prefix}'it\\'s\n{}\\\\', 'x');\n",
                tricky_lines()
            );
            assert_clean(&input, &expected);
        }
    }

    #[test]
    fn identifier_ending_in_e_is_no_escape_prefix() {
        // `thE'a\'` is the identifier `thE` and the literal `'a\'`, which ends the statement.
        assert_clean("SELECT thE'a\\';\n\n-- gone\n", "SELECT thE'a\\';\n");
    }

    #[test]
    fn doubled_quote_keeps_escape_literal_open() {
        assert_clean(
            "SELECT E'a''\\';\n\n-- inside\n';\n\n",
            "SELECT E'a''\\';\n\n-- inside\n';\n",
        );
    }

    #[test]
    fn bit_and_hex_literals_take_no_backslash_escapes() {
        assert_clean(
            "SELECT B'1\\', X'f\\';\n\n-- out\n",
            "SELECT B'1\\', X'f\\';\n",
        );
    }

    #[test]
    fn block_comment_breaks_literal_continuation() {
        assert_clean(
            "SELECT E'a'\n/* c */ 'b\\';\n\n-- out\n",
            "SELECT E'a'\n/* c */ 'b\\';\n",
        );
    }

    #[test]
    fn escape_literal_continued_on_next_line_stays_escaped() {
        // SQL joins `E'a'` and a literal on the next line into one escape literal.
        let input = "SELECT E'a'\n-- joined\n'b\\';\n\n';\n\n";
        assert_clean(input, "SELECT E'a'\n-- joined\n'b\\';\n\n';\n");
    }

    #[test]
    fn literal_on_same_line_is_not_a_continuation() {
        let input = "SELECT E'a' 'b\\';\n\n";
        assert_clean(input, "SELECT E'a' 'b\\';\n");
    }

    #[test]
    fn keeps_quoted_identifier_spanning_lines() {
        let input = format!(
            "CREATE TABLE \"odd\"\"\n{}name\" (a int);\n\n",
            tricky_lines()
        );
        let expected = format!(
            "CREATE TABLE \"odd\"\"\n{}name\" (a int);\n",
            tricky_lines()
        );
        assert_clean(&input, &expected);
    }

    #[test]
    fn keeps_nested_block_comment_spanning_lines() {
        let input = format!(
            "SELECT 1 /* outer /* inner */\n{}still inside */;\n\n",
            tricky_lines()
        );
        let expected = format!(
            "SELECT 1 /* outer /* inner */\n{}still inside */;\n",
            tricky_lines()
        );
        assert_clean(&input, &expected);
    }

    #[test]
    fn keeps_block_comment_between_statements() {
        // A comment opened between statements still hides what follows until it closes.
        assert_clean(
            "SELECT 1; /* note\n\nSET lock_timeout = 0;\n*/\n\nSET lock_timeout = 0;\n",
            "SELECT 1; /* note\n\nSET lock_timeout = 0;\n*/\n",
        );
    }

    #[test]
    fn quote_in_trailing_comment_opens_no_literal() {
        assert_clean(
            "SELECT 1; -- don't\n\n-- gone\nSELECT 2 -- it's\n;\n\n",
            "SELECT 1; -- don't\nSELECT 2 -- it's\n;\n",
        );
    }

    #[test]
    fn keeps_copy_data_verbatim() {
        let input = format!(
            "COPY public.t (a, b) FROM stdin;\n1\tx\n{}\\\\.\n\\.x\n \\.\n\\.\n\n-- after\n",
            tricky_lines()
        );
        let expected = format!(
            "COPY public.t (a, b) FROM stdin;\n1\tx\n{}\\\\.\n\\.x\n \\.\n\\.\n",
            tricky_lines()
        );
        assert_clean(&input, &expected);
    }

    #[test]
    fn copy_forms_that_read_data() {
        for statement in [
            "COPY t FROM stdin;",
            "copy t from STDIN;",
            "COPY \"s\".\"t\" (\"a\", b) FROM stdin WITH (FORMAT csv);",
            "COPY t FROM STDIN WHERE (a > 1);",
            "COPY BINARY t FROM stdout;",
            "COPY t /* c */ FROM -- c\n stdin;",
        ] {
            let input = format!("{statement}\n\n--\n\\.\n\n");
            assert_clean(&input, &format!("{statement}\n\n--\n\\.\n"));
        }
    }

    #[test]
    fn copy_forms_that_read_no_data() {
        for statement in [
            "COPY t TO stdout;",
            "COPY (SELECT a FROM stdin) TO stdout;",
            "COPY t FROM '/tmp/stdin';",
            "COPY t FROM PROGRAM 'cat stdin';",
            "SELECT 1 FROM stdin;",
        ] {
            assert_clean(&format!("{statement}\n\n--\n"), &format!("{statement}\n"));
        }
    }

    #[test]
    fn each_copy_on_a_line_reads_its_own_block() {
        let input = "COPY a FROM stdin; COPY b FROM stdin;\n1\n\\.\n\n-- b data\n\\.\n\n-- after\n";
        assert_clean(
            input,
            "COPY a FROM stdin; COPY b FROM stdin;\n1\n\\.\n\n-- b data\n\\.\n",
        );
    }

    #[test]
    fn copy_data_starts_on_the_next_line() {
        // psql reads COPY data from the lines after the one holding the COPY, then goes on
        // with the rest of that line, here an unterminated literal.
        let input = "COPY a FROM stdin; SELECT 'x\n\n\\.\n\n';\n\n";
        assert_clean(input, "COPY a FROM stdin; SELECT 'x\n\n\\.\n\n';\n");
    }

    #[test]
    fn statement_continuation_line_is_never_dropped() {
        // The second line completes the statement the first began, so it is no front matter.
        assert_clean(
            "SELECT\nSET lock_timeout = 0;\nALTER TABLE t\n-- c\n\nADD c int;\n",
            "SELECT\nSET lock_timeout = 0;\nALTER TABLE t\n-- c\n\nADD c int;\n",
        );
    }

    #[test]
    fn semicolon_inside_parentheses_does_not_end_statement() {
        assert_clean(
            "SELECT (1;\n\n-- kept\n2);\n\n",
            "SELECT (1;\n\n-- kept\n2);\n",
        );
    }

    #[test]
    fn begin_atomic_body_is_one_statement() {
        let input = "CREATE OR REPLACE FUNCTION f() RETURNS int\n    LANGUAGE sql\n    BEGIN ATOMIC\n SELECT CASE WHEN true THEN 1 END;\nSET lock_timeout = 0;\n\n SELECT 2;\nEND;\n\nSET lock_timeout = 0;\n";
        assert_clean(
            input,
            "CREATE OR REPLACE FUNCTION f() RETURNS int\n    LANGUAGE sql\n    BEGIN ATOMIC\n SELECT CASE WHEN true THEN 1 END;\nSET lock_timeout = 0;\n\n SELECT 2;\nEND;\n",
        );
    }

    #[test]
    fn begin_outside_routine_definition_is_ordinary() {
        assert_clean("BEGIN;\n\nSELECT 1;\nEND;\n\n", "BEGIN;\nSELECT 1;\nEND;\n");
    }

    #[test]
    fn std_strings_off_makes_backslash_escape() {
        let input = "SET standard_conforming_strings = off;\nSELECT 'a\\'b\n\n-- inside\n';\n\n";
        assert_clean(
            input,
            "SET standard_conforming_strings = off;\nSELECT 'a\\'b\n\n-- inside\n';\n",
        );
        // With the default, `'a\'` is a whole literal and the statement ends.
        assert_clean("SELECT 'a\\';\n\n-- outside\n", "SELECT 'a\\';\n");
    }

    #[test]
    fn std_strings_on_is_kept_when_it_changes_the_setting() {
        let input = "SET standard_conforming_strings = off;\nSET standard_conforming_strings = on;\nSELECT 'a\\';\n\nSET standard_conforming_strings = on;\n";
        assert_clean(
            input,
            "SET standard_conforming_strings = off;\nSET standard_conforming_strings = on;\nSELECT 'a\\';\n",
        );
    }

    #[test]
    fn std_strings_other_spellings() {
        for (statement, value) in [
            ("SET standard_conforming_strings = off;", Some(false)),
            ("SET standard_conforming_strings TO 'off';", Some(false)),
            (
                "set session STANDARD_CONFORMING_STRINGS=false;",
                Some(false),
            ),
            (
                "SET LOCAL standard_conforming_strings = \"no\";",
                Some(false),
            ),
            ("SET standard_conforming_strings = of;", Some(false)),
            ("SET standard_conforming_strings = 0;", Some(false)),
            ("SET standard_conforming_strings = tru;", Some(true)),
            ("SET standard_conforming_strings = DEFAULT;", Some(true)),
            ("RESET standard_conforming_strings;", Some(true)),
            ("RESET ALL;", Some(true)),
            ("SET standard_conforming_strings = o;", None),
            ("SET standard_conforming_strings = maybe;", None),
            ("SET standard_conforming_strings = off, on;", None),
            (
                "SET /* c */ standard_conforming_strings -- c\n = off;",
                Some(false),
            ),
            ("SELECT 'SET standard_conforming_strings = off';", None),
            ("SET\nstandard_conforming_strings\n=\noff;", Some(false)),
            ("SET standard_conforming_strings = 'of\nf';", None),
        ] {
            for before in [false, true] {
                let mut cleaner = Cleaner::new();
                cleaner.std_strings = before;
                for line in statement.split('\n') {
                    cleaner.push_line(line.as_bytes(), &mut Vec::new());
                }
                assert_eq!(
                    cleaner.std_strings,
                    value.unwrap_or(before),
                    "{statement} after {before}"
                );
            }
        }
    }

    #[test]
    fn std_strings_off_leaves_other_literal_kinds_alone() {
        let input =
            "SET standard_conforming_strings = off;\nSELECT U&'a\\', B'1\\', X'f\\';\n\n-- out\n";
        assert_clean(
            input,
            "SET standard_conforming_strings = off;\nSELECT U&'a\\', B'1\\', X'f\\';\n",
        );
    }

    #[test]
    fn crlf_lines_keep_their_carriage_return() {
        let input = "-- header\r\n\r\nSET lock_timeout = 0;\r\n\\restrict abc\r\nCREATE TABLE t (\r\n\r\n    a int\r\n);\r\nCOPY t FROM stdin;\r\n\r\n\\.\r\n\r\n";
        assert_clean(
            input,
            "CREATE TABLE t (\r\n\r\n    a int\r\n);\r\nCOPY t FROM stdin;\r\n\r\n\\.\r\n",
        );
    }

    #[test]
    fn bare_carriage_return_ends_a_comment() {
        // PostgreSQL ends `--` comments at CR, so this line holds a statement.
        assert_clean("-- c\rSELECT 1\n\n;\n", "-- c\rSELECT 1\n\n;\n");
    }

    #[test]
    fn comment_line_hiding_a_meta_command_behind_bare_cr_is_kept() {
        assert_clean("-- c\r\\connect db\n-- c\r\n", "-- c\r\\connect db\n");
    }

    #[test]
    fn missing_final_newline_is_added() {
        assert_clean("SELECT 1;", "SELECT 1;\n");
        assert_clean("SELECT 1;\n-- c", "SELECT 1;\n");
        assert_clean("SELECT 'a\n", "SELECT 'a\n");
        assert_clean("", "");
        assert_clean("\n", "");
    }

    #[test]
    fn unterminated_input_keeps_the_rest() {
        assert_clean(
            "SELECT 'never closed\n\n-- x\nSET lock_timeout = 0;\n",
            "SELECT 'never closed\n\n-- x\nSET lock_timeout = 0;\n",
        );
        assert_clean("CREATE TABLE t (\n\n-- x\n", "CREATE TABLE t (\n\n-- x\n");
    }

    #[test]
    fn invalid_utf8_is_handled_as_bytes() {
        let input = b"SELECT '\xff\xfe\n\n';\n\n-- \xc3\n\xff;\n";
        let once = clean_bytes(input);
        assert_eq!(once, b"SELECT '\xff\xfe\n\n';\n\xff;\n");
        assert_eq!(clean_bytes(&once), once);
    }

    #[test]
    fn push_line_reports_and_appends() {
        let mut cleaner = Cleaner::default();
        let mut out = Vec::new();
        assert!(!cleaner.push_line(b"-- c", &mut out));
        assert!(cleaner.push_line(b"SELECT 'a", &mut out));
        assert!(cleaner.push_line(b"", &mut out));
        assert!(cleaner.push_line(b"';", &mut out));
        assert!(!cleaner.push_line(b"", &mut out));
        assert_eq!(out, b"SELECT 'a\n\n';\n");
    }

    #[test]
    fn realistic_dump_fragment() {
        let input = r#"--
-- PostgreSQL database dump
--

\restrict AbC123xyz

-- Dumped from database version 18.1
-- Dumped by pg_dump version 18.1

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA public;


--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA public IS 'standard public schema';


--
-- Name: greet(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.greet(name text) RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
  -- say hello

  RETURN 'hello ' || name;
END;
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: author; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.author (
    id integer NOT NULL,
    bio text
);


--
-- Data for Name: author; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.author (id, bio) FROM stdin;
1	-- not a comment
2	

3	\\.
\.


--
-- Name: author notify_hasura_author_insert_INSERT; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "notify_hasura_author_insert_INSERT" AFTER INSERT ON public.author FOR EACH ROW EXECUTE FUNCTION hdb_catalog."notify_hasura_author_insert_INSERT"();


--
-- PostgreSQL database dump complete
--

\unrestrict AbC123xyz

"#;
        let expected = r#"SET check_function_bodies = false;
CREATE FUNCTION public.greet(name text) RETURNS text
    LANGUAGE plpgsql
    AS $$
BEGIN
  -- say hello

  RETURN 'hello ' || name;
END;
$$;
CREATE TABLE public.author (
    id integer NOT NULL,
    bio text
);
COPY public.author (id, bio) FROM stdin;
1	-- not a comment
2	

3	\\.
\.
"#;
        assert_clean(input, expected);
    }

    /// xorshift64*: deterministic, good enough to mix line kinds.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Lines Hasura would remove and other troublemakers, for use inside statements.
    const INNER: [&str; 22] = [
        "",
        "   ",
        "-- comment",
        "--",
        "SET statement_timeout = 0;",
        "SET standard_conforming_strings = on;",
        "SET standard_conforming_strings = off;",
        "COMMENT ON SCHEMA public IS 'standard public schema';",
        "\\restrict abc123",
        "\\unrestrict abc123",
        "\\.",
        "\\\\.",
        TRIGGER,
        ";",
        "SELECT 1;",
        "COPY t FROM stdin;",
        "/*",
        "*/",
        "$$",
        "$_$ $1",
        "E'\\",
        "BEGIN END CASE",
    ];

    #[test]
    fn property_statement_and_copy_lines_survive_and_cleaning_is_idempotent() {
        let between_drop = [
            "",
            " \t",
            "-- comment",
            "SET lock_timeout = 0;",
            "SET client_encoding = 'UTF8';",
            "\\restrict abc123",
            "\\unrestrict abc123",
            TRIGGER,
        ];
        let between_keep = [
            "SET check_function_bodies = false;",
            "\\connect db",
            "SELECT 1;",
            "CREATE TABLE t (a int); -- don't",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..1000 {
            let mut input = String::new();
            let mut expected = String::new();
            let mut std_strings = true;
            let mut add = |line: &str, keep: bool| {
                input.push_str(line);
                input.push('\n');
                if keep {
                    expected.push_str(line);
                    expected.push('\n');
                }
            };
            for _ in 0..rng.below(30) {
                match rng.below(15) {
                    0..=3 => add(rng.pick(&between_drop), false),
                    4 => add(rng.pick(&between_keep), true),
                    5 => {
                        add("SET standard_conforming_strings = off;", true);
                        std_strings = false;
                    }
                    // Dropped only when it changes nothing.
                    14 => {
                        add(STD_STRINGS_ON_STR, !std_strings);
                        std_strings = true;
                    }
                    kind => {
                        let (open, close): (String, String) = match kind {
                            6 => {
                                let tag = rng.pick(&["$$", "$_$", "$body$"]);
                                (
                                    format!("CREATE FUNCTION f() RETURNS int AS {tag}"),
                                    format!("{tag} LANGUAGE sql;"),
                                )
                            }
                            7 => ("SELECT 'start".into(), "end';".into()),
                            8 => ("SELECT E'start".into(), "end';".into()),
                            9 => ("CREATE TABLE \"start".into(), "end\" (a int);".into()),
                            10 => ("SELECT 1 /* start /* nested */".into(), "end */;".into()),
                            11 => ("COPY public.t (a, b) FROM stdin;".into(), "\\.".into()),
                            12 => ("CREATE TABLE t (".into(), ");".into()),
                            _ => ("SELECT".into(), "1;".into()),
                        };
                        add(&open, true);
                        for _ in 0..rng.below(6) {
                            let raw = rng.pick(&INNER);
                            let line = match kind {
                                6 if raw.contains('$') => continue,
                                7 => raw.replace('\\', "\\\\").replace('\'', "''"),
                                8 => raw.replace('\\', "\\\\").replace('\'', "\\'"),
                                9 => raw.replace('"', "\"\""),
                                10 if raw.contains("/*") || raw.contains("*/") => continue,
                                11 if raw == "\\." => continue,
                                // Plain SQL text: nothing that opens a quote or comment, and
                                // outside parentheses no `;`.
                                12 | 13
                                    if ["/*", "$", "E'", "'"].iter().any(|s| raw.contains(s))
                                        || (kind == 13 && raw.contains(';')) =>
                                {
                                    continue;
                                }
                                _ => raw.to_string(),
                            };
                            add(&line, true);
                        }
                        add(&close, true);
                    }
                }
            }
            let once = clean_str(&input);
            assert!(
                once == expected,
                "input:\n```\n{input}```\nexpected:\n```\n{expected}```\nactual:\n```\n{once}```"
            );
            assert_eq!(clean_str(&once), once, "not idempotent for:\n{input}");
        }
    }

    const STD_STRINGS_ON_STR: &str = "SET standard_conforming_strings = on;";

    /// Whether Hasura's rules would remove `line` at all; only such lines may disappear.
    fn matches_a_drop_rule(line: &[u8]) -> bool {
        let body = line.strip_suffix(b"\r").unwrap_or(line);
        line.iter().all(|&b| is_space(b))
            || body.starts_with(b"--")
            || body == STD_STRINGS_ON
            || FRONT_MATTER.contains(&body)
            || is_restrict_command(body)
            || is_hasura_trigger(body)
    }

    #[test]
    fn property_random_fragments_only_lose_rule_lines_and_clean_idempotently() {
        let fragments = [
            "\n",
            "\n",
            "\n",
            " ",
            "'",
            "''",
            "\"",
            "E'",
            "e'",
            "\\",
            "\\'",
            "$$",
            "$a$",
            "$1",
            "/*",
            "*/",
            "--",
            "-- c",
            ";",
            "(",
            ")",
            "\r",
            "\r\n",
            "COPY t FROM stdin",
            "\\.",
            "\n\\.\n",
            "SET lock_timeout = 0;",
            "SET standard_conforming_strings = off;",
            "SET standard_conforming_strings = on;",
            "\n\\restrict k1\n",
            "BEGIN",
            "END",
            "CASE",
            "CREATE FUNCTION f()",
            "U&",
            "x",
            "1",
            TRIGGER,
            "\n-- comment\n",
            "é",
        ];
        let mut rng = Rng(0x0123_4567_89AB_CDEF);
        for _ in 0..3000 {
            let mut input = Vec::new();
            for _ in 0..rng.below(60) {
                input.extend_from_slice(rng.pick(&fragments).as_bytes());
            }
            if rng.below(3) == 0 {
                input.push(0xff);
            }
            let once = clean_bytes(&input);
            assert!(once.is_empty() || once.ends_with(b"\n"));
            assert_eq!(
                clean_bytes(&once),
                once,
                "not idempotent for {:?}",
                String::from_utf8_lossy(&input)
            );
            // The output is the input minus some lines that match a rule.
            let out_lines: Vec<&[u8]> = match once.strip_suffix(b"\n") {
                Some(body) => body.split(|&b| b == b'\n').collect(),
                None => Vec::new(),
            };
            let mut matched = 0;
            if !input.is_empty() {
                let body = input.strip_suffix(b"\n").unwrap_or(&input);
                for line in body.split(|&b| b == b'\n') {
                    if out_lines.get(matched) == Some(&line) {
                        matched += 1;
                    } else {
                        assert!(
                            matches_a_drop_rule(line),
                            "dropped {:?} from {:?}",
                            String::from_utf8_lossy(line),
                            String::from_utf8_lossy(&input)
                        );
                    }
                }
            }
            assert_eq!(matched, out_lines.len(), "output has lines not in input");
        }
    }
}
