//! Fuzz target `clean`: `pgdumpd::clean`, the SQL-aware cleaner behind `clean_output`.
//!
//! Every input is used twice.
//!
//! - **Raw**: the bytes are a dump. No panic; the streaming [`Cleaner`] appends exactly the line
//!   and `\n` when it keeps a line and nothing otherwise, and agrees with [`clean_bytes`] (and
//!   [`clean_str`] on UTF-8); the output is a subsequence of the input lines, each ending with
//!   `\n` (cleaning only removes whole lines); cleaning is idempotent.
//! - **Structured**: the same bytes drive an [`Unstructured`] that builds a pg_dump-like
//!   document: filler between statements (front matter, `--` comments, blank lines,
//!   `\restrict`, Hasura's event-trigger triggers, ordinary statements, block comments,
//!   `SET standard_conforming_strings`) around regions that wrap fuzz-provided text in a
//!   dollar-quoted function body, a standard or `E''` string literal, a quoted identifier, or
//!   COPY data. Every line of a region must be kept verbatim, every filler line Hasura removes
//!   must be removed, and ordinary statements must be kept. All raw properties apply too.

#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use pgdumpd::clean::{Cleaner, clean_bytes, clean_str};

fuzz_target!(|data: &[u8]| {
    check_raw(data);
    if let Ok(doc) = build_document(&mut Unstructured::new(data)) {
        check_document(&doc);
    }
});

// ---------------------------------------------------------------------------------------------
// Raw properties

/// The lines of `input` as `clean_bytes` reads them: a final `\n` ends the last line rather than
/// starting an empty one.
fn split_lines(input: &[u8]) -> Vec<&[u8]> {
    if input.is_empty() {
        return Vec::new();
    }
    let body = input.strip_suffix(b"\n").unwrap_or(input);
    body.split(|&b| b == b'\n').collect()
}

/// Checks every raw property of `input`; returns, per input line, whether it was kept.
fn check_raw(input: &[u8]) -> Vec<bool> {
    let lines = split_lines(input);

    let mut cleaner = Cleaner::new();
    let mut streamed = Vec::new();
    let mut kept = Vec::with_capacity(lines.len());
    for (n, line) in lines.iter().enumerate() {
        let before = streamed.len();
        let keep = cleaner.push_line(line, &mut streamed);
        let appended = &streamed[before..];
        let expected = if keep {
            [*line, b"\n"].concat()
        } else {
            Vec::new()
        };
        if appended != expected.as_slice() {
            panic!(
                "push_line on line {n} returned {keep} but appended the wrong bytes\n\
                 line:     {}\nappended: {}",
                show(line),
                show(appended)
            );
        }
        kept.push(keep);
    }

    let cleaned = clean_bytes(input);
    if cleaned != streamed {
        panic!(
            "clean_bytes disagrees with Cleaner::push_line\n{}",
            first_difference("clean_bytes", &cleaned, "push_line", &streamed)
        );
    }
    if !cleaned.is_empty() && !cleaned.ends_with(b"\n") {
        panic!("output does not end with a newline: {}", show(&cleaned));
    }

    // Independent of the push_line flags: every output line is an input line, in order.
    let out_lines = split_lines(&cleaned);
    let mut inputs = lines.iter();
    for (n, out) in out_lines.iter().enumerate() {
        if !inputs.any(|line| line == out) {
            panic!(
                "output line {n} is not one of the remaining input lines (cleaning may only \
                 remove whole lines)\noutput line: {}",
                show(out)
            );
        }
    }

    let twice = clean_bytes(&cleaned);
    if twice != cleaned {
        panic!(
            "cleaning is not idempotent\n{}",
            first_difference("clean(x)", &cleaned, "clean(clean(x))", &twice)
        );
    }

    if let Ok(text) = std::str::from_utf8(input) {
        let from_str = clean_str(text);
        if from_str.as_bytes() != cleaned.as_slice() {
            panic!(
                "clean_str disagrees with clean_bytes\n{}",
                first_difference("clean_str", from_str.as_bytes(), "clean_bytes", &cleaned)
            );
        }
    }
    kept
}

// ---------------------------------------------------------------------------------------------
// Structured documents

/// What a document line must become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    /// Part of a wrapped region or an ordinary statement: must be kept verbatim.
    Keep,
    /// Front matter, comment, blank line, `\restrict`, Hasura trigger between statements: must
    /// be removed.
    Drop,
    /// Either is acceptable (block comments, `SET standard_conforming_strings = on;`).
    Either,
}

struct Line {
    text: Vec<u8>,
    fate: Fate,
    /// What produced the line, for failure messages.
    what: &'static str,
}

struct Document {
    lines: Vec<Line>,
    /// `standard_conforming_strings` as the statements so far leave it.
    std_strings: bool,
}

impl Document {
    fn push(&mut self, text: Vec<u8>, fate: Fate, what: &'static str) {
        debug_assert!(!text.contains(&b'\n'));
        self.lines.push(Line { text, fate, what });
    }

    /// A multi-line statement, every line of which must be kept.
    fn push_region(&mut self, statement: &[u8], what: &'static str) {
        for line in statement.split(|&b| b == b'\n') {
            self.push(line.to_vec(), Fate::Keep, what);
        }
    }
}

/// pg_dump 18's session front matter and the `public` schema lines Hasura removes.
const FRONT_MATTER: &[&[u8]] = &[
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
    b"SET default_table_access_method = heap;",
    b"CREATE SCHEMA public;",
    b"COMMENT ON SCHEMA public IS 'standard public schema';",
];

/// Statements that are not removed, some of them near misses of the removed ones.
const ORDINARY: &[&[u8]] = &[
    b"SET check_function_bodies = false;",
    b"SET statement_timeout = 5;",
    b"SET default_with_oids = true;",
    b"CREATE TABLE public.t (a text);",
    b"ALTER TABLE ONLY public.t OWNER TO postgres;",
    b"SELECT pg_catalog.setval('public.s', 1, false);",
    b"CREATE SCHEMA hdb_catalog;",
    b"COMMENT ON SCHEMA public IS 'not the standard one';",
    b"CREATE TRIGGER notify_hasura_x AFTER INSERT ON public.t FOR EACH STATEMENT EXECUTE FUNCTION public.f();",
    b"CREATE TRIGGER touch BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();",
    b"SET statement_timeout = 0; SET lock_timeout = 0;",
];

/// Lines a line-based cleaner would drop or misread, to put inside wrapped text.
const TRICKY: &[&[u8]] = &[
    b"",
    b" ",
    b"\t",
    b"\r",
    b"--",
    b"-- looks like a dump comment",
    b"SET statement_timeout = 0;",
    b"SET transaction_timeout = 0;",
    b"SET standard_conforming_strings = off;",
    b"SET standard_conforming_strings = on;",
    b"CREATE SCHEMA public;",
    b"\\restrict abc",
    b"\\unrestrict abc",
    b"\\.",
    b"\\.\r",
    b"COPY x FROM stdin;",
    b"CREATE TRIGGER \"notify_hasura_x_INSERT\" AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION hdb_catalog.\"notify_hasura_x_INSERT\"();",
    b"CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC",
    b"BEGIN",
    b"END;",
    b"$$",
    b"$fz$",
    b"$body$",
    b"'",
    b"';",
    b"E'\\'",
    b"\\",
    b"\"",
    b"/*",
    b"*/",
    b";",
    b"(",
    b")",
];

/// A line of up to a few bytes of whitespace (as PostgreSQL's lexer counts it).
const BLANKS: &[u8] = b" \t\r\x0b\x0c";

fn build_document(u: &mut Unstructured) -> Result<Document> {
    let mut doc = Document {
        lines: Vec::new(),
        std_strings: true,
    };
    let regions = u.int_in_range(1..=3)?;
    for _ in 0..regions {
        filler(u, &mut doc)?;
        region(u, &mut doc)?;
    }
    filler(u, &mut doc)?;
    Ok(doc)
}

/// Optionally a `\r` before the line end, as pg_dump output read on Windows may have.
fn maybe_crlf(u: &mut Unstructured, mut line: Vec<u8>) -> Result<Vec<u8>> {
    if u.ratio(1, 8)? {
        line.push(b'\r');
    }
    Ok(line)
}

/// Whole statements, comments and meta-commands; the lexer is between statements before and
/// after each.
fn filler(u: &mut Unstructured, doc: &mut Document) -> Result<()> {
    let count = u.int_in_range(0..=5)?;
    for _ in 0..count {
        match u.int_in_range(0..=8)? {
            0 => {
                let line = u.choose(FRONT_MATTER)?.to_vec();
                let line = maybe_crlf(u, line)?;
                doc.push(line, Fate::Drop, "front matter");
            }
            1 => {
                let mut line = b"--".to_vec();
                if u.arbitrary()? {
                    line.push(b' ');
                    line.extend(free_text(u)?.iter().filter(|&&b| b != b'\n' && b != b'\r'));
                }
                doc.push(line, Fate::Drop, "comment");
            }
            2 => {
                let len = u.int_in_range(0..=4)?;
                let mut line = Vec::with_capacity(len);
                for _ in 0..len {
                    line.push(*u.choose(BLANKS)?);
                }
                doc.push(line, Fate::Drop, "blank line");
            }
            3 => {
                let command: &[u8] = if u.arbitrary()? {
                    b"\\restrict "
                } else {
                    b"\\unrestrict "
                };
                let mut line = command.to_vec();
                line.extend(alnum(u, 1, 64)?);
                let line = maybe_crlf(u, line)?;
                doc.push(line, Fate::Drop, "restrict meta-command");
            }
            4 => {
                let line = hasura_trigger(u)?;
                let line = maybe_crlf(u, line)?;
                doc.push(line, Fate::Drop, "Hasura event trigger");
            }
            5 => {
                let line = u.choose(ORDINARY)?.to_vec();
                let line = maybe_crlf(u, line)?;
                doc.push(line, Fate::Keep, "ordinary statement");
            }
            6 => {
                // Without `*` and `/` the comment can neither nest nor end early.
                let text: Vec<u8> = free_text(u)?
                    .into_iter()
                    .filter(|&b| b != b'*' && b != b'/')
                    .collect();
                let comment = [&b"/* "[..], &text, b" */"].concat();
                for line in comment.split(|&b| b == b'\n') {
                    doc.push(line.to_vec(), Fate::Either, "block comment");
                }
            }
            _ => {
                let on = u.arbitrary()?;
                if on {
                    let line = b"SET standard_conforming_strings = on;".to_vec();
                    doc.push(line, Fate::Either, "standard_conforming_strings on");
                } else {
                    let line = b"SET standard_conforming_strings = off;".to_vec();
                    doc.push(line, Fate::Keep, "standard_conforming_strings off");
                }
                doc.std_strings = on;
            }
        }
    }
    Ok(())
}

/// A trigger line matching Hasura's pattern for its event-trigger triggers.
fn hasura_trigger(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut name = b"notify_hasura_".to_vec();
    name.extend(alnum(u, 1, 16)?);
    let event: &[u8] = u.choose(&[&b"INSERT"[..], b"UPDATE", b"DELETE"])?;
    let (open, close): (&[u8], &[u8]) = if u.arbitrary()? {
        (b"\"", b"\"")
    } else {
        (b"", b"")
    };
    let schema: &[u8] = u.choose(&[&b"hdb_catalog"[..], b"hdb_views"])?;
    let kind: &[u8] = u.choose(&[&b"FUNCTION"[..], b"PROCEDURE"])?;
    Ok([
        &b"CREATE TRIGGER "[..],
        open,
        &name,
        close,
        b" AFTER ",
        event,
        b" ON public.t FOR EACH ROW EXECUTE ",
        kind,
        b" ",
        schema,
        b".",
        open,
        &name,
        close,
        b"();",
    ]
    .concat())
}

fn alnum(u: &mut Unstructured, min: usize, max: usize) -> Result<Vec<u8>> {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let len = u.int_in_range(min..=max)?;
    (0..len).map(|_| u.choose(ALNUM).copied()).collect()
}

/// Fuzz-provided text of a few lines, each a tricky line or arbitrary bytes (which may hold
/// more newlines).
fn free_text(u: &mut Unstructured) -> Result<Vec<u8>> {
    let lines = u.int_in_range(0..=6)?;
    let mut text = Vec::new();
    for n in 0..lines {
        if n > 0 {
            text.push(b'\n');
        }
        if u.arbitrary()? {
            text.extend_from_slice(u.choose(TRICKY)?);
        } else {
            text.extend_from_slice(u.arbitrary::<&[u8]>()?);
        }
    }
    Ok(text)
}

/// One statement wrapping fuzz-provided text; every one of its lines must be kept.
fn region(u: &mut Unstructured, doc: &mut Document) -> Result<()> {
    match u.int_in_range(0..=4)? {
        0 => {
            let tag: &[u8] = u.choose(&[&b"$fz$"[..], b"$$", b"$_$", b"$body$"])?;
            let body = without_early_delimiter(free_text(u)?, tag);
            let statement = [
                &b"CREATE FUNCTION f() RETURNS text LANGUAGE sql AS "[..],
                tag,
                &body,
                tag,
                b";",
            ]
            .concat();
            doc.push_region(&statement, "dollar-quoted function body");
        }
        1 => {
            // A standard literal: quotes doubled, and backslashes too when
            // standard_conforming_strings is off (then they are escapes).
            let text = free_text(u)?;
            let escaped = double(&text, |b| b == b'\'' || (!doc.std_strings && b == b'\\'));
            let statement = [&b"COMMENT ON TABLE public.t IS '"[..], &escaped, b"';"].concat();
            doc.push_region(&statement, "string literal");
        }
        2 => {
            let text = free_text(u)?;
            let escaped = double(&text, |b| b == b'\'' || b == b'\\');
            let statement = [&b"COMMENT ON COLUMN public.t.a IS E'"[..], &escaped, b"';"].concat();
            doc.push_region(&statement, "escape string literal");
        }
        3 => {
            let mut text = double(&free_text(u)?, |b| b == b'"');
            if text.is_empty() {
                text.push(b't');
            }
            let statement = [&b"CREATE TABLE public.\""[..], &text, b"\" (a text);"].concat();
            doc.push_region(&statement, "quoted identifier");
        }
        _ => {
            doc.push(b"COPY t (a) FROM stdin;".to_vec(), Fate::Keep, "COPY");
            let rows = u.int_in_range(0..=6)?;
            for _ in 0..rows {
                let row = if u.ratio(1, 8)? {
                    b"\\N".to_vec()
                } else {
                    copy_escape(&free_text(u)?)
                };
                doc.push(row, Fate::Keep, "COPY data row");
            }
            doc.push(b"\\.".to_vec(), Fate::Keep, "COPY end marker");
        }
    }
    Ok(())
}

/// Removes text until `tag` occurs in `text + tag` only at the end, so the body cannot close
/// the dollar quote early.
fn without_early_delimiter(mut text: Vec<u8>, tag: &[u8]) -> Vec<u8> {
    loop {
        let joined = [&text[..], tag].concat();
        match joined.windows(tag.len()).position(|w| w == tag) {
            Some(at) if at < text.len() => {
                text.drain(at..(at + tag.len()).min(text.len()));
            }
            _ => return text,
        }
    }
}

/// Writes every byte matching `doubled` twice.
fn double(text: &[u8], doubled: impl Fn(u8) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        out.push(b);
        if doubled(b) {
            out.push(b);
        }
    }
    out
}

/// One column value as COPY's text format writes it; after this no row can be `\.`.
fn copy_escape(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    for &b in value {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.push(b),
        }
    }
    out
}

fn check_document(doc: &Document) {
    let mut input = Vec::new();
    for line in &doc.lines {
        input.extend_from_slice(&line.text);
        input.push(b'\n');
    }
    let kept = check_raw(&input);
    assert_eq!(kept.len(), doc.lines.len(), "document line count");
    for (n, (line, &keep)) in doc.lines.iter().zip(&kept).enumerate() {
        let wrong = match line.fate {
            Fate::Keep => !keep,
            Fate::Drop => keep,
            Fate::Either => false,
        };
        if wrong {
            let verb = if keep { "kept" } else { "dropped" };
            panic!(
                "line {n} ({}) was {verb} but must be {:?}\nline: {}\ndocument:\n{}",
                line.what,
                line.fate,
                show(&line.text),
                show_document(doc, &kept)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Failure messages

fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

fn show_document(doc: &Document, kept: &[bool]) -> String {
    let mut out = String::new();
    for (n, (line, keep)) in doc.lines.iter().zip(kept).enumerate() {
        let mark = if *keep { "kept" } else { "drop" };
        out.push_str(&format!(
            "{n:4} {mark} {:<6} {:<32} {}\n",
            format!("{:?}", line.fate),
            line.what,
            show(&line.text)
        ));
    }
    out
}

fn first_difference(a_name: &str, a: &[u8], b_name: &str, b: &[u8]) -> String {
    let (a_lines, b_lines) = (split_lines(a), split_lines(b));
    let n = a_lines
        .iter()
        .zip(&b_lines)
        .position(|(x, y)| x != y)
        .unwrap_or(a_lines.len().min(b_lines.len()));
    let at = |lines: &[&[u8]]| lines.get(n).map_or("<end>".to_owned(), |l| show(l));
    format!(
        "first difference at line {n}\n{a_name:>16}: {}\n{b_name:>16}: {}\n\
         ({a_name}: {} lines, {b_name}: {} lines)",
        at(&a_lines),
        at(&b_lines),
        a_lines.len(),
        b_lines.len()
    )
}
