//! `--format html`: a self-contained report page a people team can open without a terminal:
//! when it was made, counts per rule, then every file with its findings (severity, a link to
//! the rule's documentation), the sentence around each with the words highlighted, and what the
//! article says on the point.
//!
//! Everything the page shows from the documents (paths, sentences, messages) is escaped: the
//! files may come from anyone. A quoted sentence from an HTML file is shown as text: its tags
//! are left out, never copied into the page.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use cm_linter::{Format, LineCol, LineIndex, Span, RULES};

use super::FileResult;

use crate::escape::xml as escape;

const STYLE: &str =
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}\
.file{margin-top:2rem}.finding{border-left:4px solid #d97706;padding:.4rem .8rem;margin:.8rem 0;background:#fffbeb}\
.finding.error{border-color:#dc2626;background:#fef2f2}.finding.info{border-color:#2563eb;background:#eff6ff}\
.code{font-weight:600}.severity{font-weight:600;color:#b45309}.error .severity{color:#b91c1c}\
.info .severity{color:#1d4ed8}.sentence{background:#fff;padding:.3rem .5rem;border:1px solid #eee}\
mark{background:#fde68a}.note{color:#555}.pos{color:#777}";

/// The most text around a finding that its excerpt reads, each side, in bytes.
const CONTEXT: usize = 400;

/// The environment variable that fixes the report's date (seconds since 1970 UTC), the
/// reproducible-builds convention; reports made with it are byte for byte the same.
const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    write_made_at(out, results, &iso8601_utc(made_at()))
}

/// When the report is made, in seconds since 1970 UTC: `SOURCE_DATE_EPOCH` when it holds a
/// number of seconds (digits only, up to the end of year 9999), else the clock's time.
fn made_at() -> i64 {
    let fixed = std::env::var(SOURCE_DATE_EPOCH).ok().and_then(|v| parse_epoch(&v));
    fixed.unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    })
}

/// The seconds `SOURCE_DATE_EPOCH` names, if it is a plain non-negative number within the
/// years ISO 8601 writes with four digits.
fn parse_epoch(value: &str) -> Option<i64> {
    const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    if value.is_empty() || value.len() > 12 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse::<i64>().ok().filter(|&s| s <= LAST)
}

/// Seconds since 1970 as an ISO 8601 date and time in UTC, `2024-02-29T13:05:09Z` (the civil
/// date from the day count as in Howard Hinnant's `civil_from_days`).
fn iso8601_utc(seconds: i64) -> String {
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", time / 3600, time % 3600 / 60, time % 60)
}

fn write_made_at(out: &mut dyn Write, results: &[FileResult], made: &str) -> std::io::Result<()> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in results.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry(d.rule.code).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let files_with = results.iter().filter(|r| !r.diagnostics.is_empty()).count();
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<title>cm-lint report</title>\n<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>cm-lint report</h1>")?;
    writeln!(
        out,
        "<p class=\"pos\">Made <time datetime=\"{made}\">{made}</time> (UTC) by cm-lint {}.</p>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<p>{total} findings in {files_with} files ({} files checked).</p>", results.len())?;
    writeln!(out, "<table>\n<tr><th>Rule</th><th>What it flags</th><th>Findings</th></tr>")?;
    for rule in RULES {
        let n = counts.get(rule.code).copied().unwrap_or(0);
        writeln!(
            out,
            "<tr><td><a class=\"code\" href=\"{}\">{} {}</a></td><td>{}</td><td>{n}</td></tr>",
            escape(&rule.doc_url()),
            rule.code,
            rule.name,
            escape(rule.summary)
        )?;
    }
    writeln!(out, "</table>")?;
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        let format = if result.path == "-" {
            Format::Markdown
        } else {
            crate::walk::format_of(std::path::Path::new(&result.path)).unwrap_or(Format::PlainText)
        };
        writeln!(out, "<section class=\"file\">\n<h2>{}</h2>", escape(&result.path))?;
        for d in &result.diagnostics {
            let pos = index.one_based(d.span.start());
            let severity = d.severity.as_str();
            writeln!(out, "<div class=\"finding {severity}\">")?;
            writeln!(
                out,
                "<div><a class=\"code\" href=\"{}\">{} {}</a> <span class=\"severity\">{severity}</span> \
                 <span class=\"pos\">line {}, column {}</span></div>",
                escape(&d.rule.doc_url()),
                d.rule.code,
                d.rule.name,
                pos.line,
                pos.column
            )?;
            writeln!(out, "<div class=\"sentence\">{}</div>", excerpt(result, &index, d.span, format).to_html())?;
            writeln!(out, "<p>{}</p>", escape(&d.message))?;
            if let Some(note) = d.note {
                writeln!(out, "<p class=\"note\">The article: {}</p>", escape(note))?;
            }
            if let Some(fix) = &d.fix {
                let kind = match fix.applicability {
                    cm_linter::Applicability::Safe => "safe fix",
                    cm_linter::Applicability::Unsafe => "unsafe fix: it may change the meaning",
                };
                writeln!(out, "<p class=\"note\">Suggested fix ({kind}): {}</p>", escape(&fix.title))?;
            }
            writeln!(out, "</div>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body>\n</html>")
}

/// The sentence around a finding, as the report shows it.
#[derive(Debug, PartialEq)]
struct Excerpt {
    /// The sentence, as text (an HTML file's tags left out).
    text: String,
    /// Where the finding's words are in `text`.
    mark: Range<usize>,
    /// Whether the sentence goes on before `text` (or may: the text around it was not read).
    cut_before: bool,
    /// Whether it goes on after.
    cut_after: bool,
}

impl Excerpt {
    /// The excerpt as escaped HTML: the finding's words in `<mark>`, an ellipsis where the
    /// sentence is cut, white space with line breaks as one space, and every character that
    /// could disturb the page (controls, bidirectional overrides) as a visible stand-in.
    fn to_html(&self) -> String {
        let show = |text: &str| escape(&crate::escape::terminal(&collapse_line_breaks(text)));
        format!(
            "{}{}<mark>{}</mark>{}{}",
            if self.cut_before { "\u{2026}" } else { "" },
            show(&self.text[..self.mark.start]),
            show(&self.text[self.mark.clone()]),
            show(&self.text[self.mark.end..]),
            if self.cut_after { "\u{2026}" } else { "" },
        )
    }
}

/// `text` with every run of white space that holds a line break as one space: a sentence
/// wrapped over lines reads as one.
fn collapse_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        flush_space(&mut out, &mut run);
        out.push(c);
    }
    flush_space(&mut out, &mut run);
    out
}

fn flush_space(out: &mut String, run: &mut String) {
    if run.contains(['\n', '\r']) {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// The sentence around `span`: at most [`CONTEXT`] bytes either side of it, within the lines
/// the result kept around it, cut at the sentence's ends: a sentence's closing `.`, `!` or `?`,
/// a blank line, or (in Markdown) a heading, list item, table row or quote; in HTML, block
/// elements and `<br>`.
fn excerpt(result: &FileResult, index: &LineIndex, span: Span, format: Format) -> Excerpt {
    let source = result.source.as_str();
    let first = index.offset(LineCol { line: 0, col: 0 }).min(source.len());
    let start = floor_char_boundary(source, span.start().clamp(first, source.len()));
    let end = ceil_char_boundary(source, span.end().clamp(start, source.len()));
    let (run_start, run_end) = kept_run(result, index, start..end);
    let lo = floor_char_boundary(source, start.saturating_sub(CONTEXT)).max(run_start).max(first).min(start);
    let hi = ceil_char_boundary(source, end.saturating_add(CONTEXT).min(source.len())).min(run_end).max(end);
    let window = &source[lo..hi];
    let (text, mark, tag_before, tag_after) = match format {
        Format::Html => html_text(window, start - lo..end - lo),
        _ => (window.to_string(), start - lo..end - lo, false, false),
    };
    // Whether the window's ends split a word (a tag's end or start is a word's).
    let in_word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    let word_cut_before = !tag_before && in_word(source[..lo].chars().next_back()) && in_word(window.chars().next());
    let word_cut_after = !tag_after && in_word(source[hi..].chars().next()) && in_word(window.chars().next_back());
    let markdown = format == Format::Markdown;
    let bounds = sentence(&text, mark.clone(), markdown);
    let cut_before = bounds.open_start && lo > first;
    let cut_after = bounds.open_end && hi < source.len();
    let (mut from, mut to) = (bounds.range.start, bounds.range.end);
    // A heading's `#`, a list item's bullet or a quote's `>` is not part of the sentence.
    if markdown && from == bounds.block_start {
        from += markdown_marker_len(&text[from..mark.start]);
    }
    // A sentence cut short starts and ends with whole words.
    if cut_before && word_cut_before && from == 0 {
        if let Some(space) = text[from..mark.start].find(char::is_whitespace) {
            from += space;
        }
    }
    if cut_after && word_cut_after && to == text.len() {
        if let Some(space) = text[mark.end..to].rfind(char::is_whitespace) {
            to = mark.end + space;
        }
    }
    // No white space at either end.
    let trimmed = text[from..mark.start].trim_start();
    from = mark.start - trimmed.len();
    let trimmed = text[mark.end..to].trim_end();
    to = mark.end + trimmed.len();
    Excerpt { text: text[from..to].to_string(), mark: mark.start - from..mark.end - from, cut_before, cut_after }
}

/// Where the text the result kept around `span` starts and ends: the whole text, or, when it
/// keeps only the lines around its findings (see `FileResult::moved`), the kept lines next to
/// one another around the span's (no further than [`CONTEXT`] from it): the lines between were
/// emptied, and are not blank lines in the file.
fn kept_run(result: &FileResult, index: &LineIndex, span: Range<usize>) -> (usize, usize) {
    let source = &result.source;
    if result.moved.is_empty() {
        return (0, source.len());
    }
    let line_start = |line: u32| index.offset(LineCol { line, col: 0 });
    let kept = |line: u32| result.moved.binary_search_by_key(&line_start(line), |&(new, _)| new).is_ok();
    let lines = u32::try_from(index.len()).unwrap_or(u32::MAX);
    let mut first = index.line_col(span.start).line;
    while first > 0 && line_start(first) + CONTEXT > span.start && kept(first - 1) {
        first -= 1;
    }
    let mut last = index.line_col(span.end).line;
    while last + 1 < lines && line_start(last + 1) < span.end + CONTEXT && kept(last + 1) {
        last += 1;
    }
    let end = if last + 1 < lines { line_start(last + 1) } else { source.len() };
    (line_start(first), end)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A sentence's place in a text, and whether it runs to either end of the text.
struct Bounds {
    range: Range<usize>,
    /// Where the block (paragraph, heading, list item...) that holds the sentence starts.
    block_start: usize,
    open_start: bool,
    open_end: bool,
}

/// The sentence of `text` that holds `mark`.
fn sentence(text: &str, mark: Range<usize>, markdown: bool) -> Bounds {
    let starts_block = |line: &str| markdown && markdown_block_start(line);
    let ends_block = |line: &str| markdown && markdown_line_block(line);
    // The block (paragraph, heading, list item...) that holds the mark's start.
    let mut block_start = line_start(text, mark.start);
    let mut open_start = false;
    loop {
        if starts_block(line_at(text, block_start)) {
            break;
        }
        if block_start == 0 {
            open_start = true;
            break;
        }
        let previous_end = before_break(text, block_start);
        let previous = line_start(text, previous_end);
        let line = &text[previous..previous_end];
        if line.trim().is_empty() || ends_block(line) {
            break;
        }
        block_start = previous;
    }
    let mut block_end = line_end(text, mark.end);
    let mut open_end = false;
    loop {
        if block_end == text.len() {
            open_end = true;
            break;
        }
        if ends_block(line_at(text, line_start(text, block_end))) {
            break;
        }
        let next = after_break(text, block_end);
        if next == text.len() {
            // The text ends after a line break: what comes next is not known.
            open_end = true;
            break;
        }
        let line = line_at(text, next);
        if line.trim().is_empty() || starts_block(line) {
            break;
        }
        block_end = line_end(text, next);
    }
    // The sentence within the block: after the last sentence end before the mark, up to the
    // first one after it.
    let mut start = block_start;
    let before = &text[block_start..mark.start];
    for (i, c) in before.char_indices() {
        if is_sentence_end(c) {
            let after = closers_end(before, i + c.len_utf8());
            let rest = &before[after..];
            if rest.starts_with(char::is_whitespace) {
                start = block_start + after + (rest.len() - rest.trim_start().len());
                open_start = false;
            }
        }
    }
    let mut end = block_end;
    let after = &text[mark.end..block_end];
    for (i, c) in after.char_indices() {
        if is_sentence_end(c) {
            let close = closers_end(after, i + c.len_utf8());
            if close == after.len() || after[close..].starts_with(char::is_whitespace) {
                end = mark.end + close;
                open_end = open_end && close == after.len();
                break;
            }
        }
    }
    Bounds { range: start.min(mark.start)..end.max(mark.end), block_start, open_start, open_end }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// Past the closing quotes and brackets right after a sentence's end, from `at`.
fn closers_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let closers = ['"', '\'', ')', ']', '\u{201d}', '\u{2019}', '\u{bb}', '*', '_'];
    at + (rest.len() - rest.trim_start_matches(closers).len())
}

/// Where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Where the line holding `at` ends, before its line break.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// The line that starts at `at`, without its line break.
fn line_at(text: &str, at: usize) -> &str {
    &text[at..line_end(text, at)]
}

/// Where the line before the one starting at `at` (not 0) ends: before the `\n`, `\r` or `\r\n`.
fn before_break(text: &str, at: usize) -> usize {
    if text[..at].ends_with("\r\n") {
        at - 2
    } else {
        at - 1
    }
}

/// Where the next line starts, from the end of a line (`at`, before its break).
fn after_break(text: &str, at: usize) -> usize {
    if text[at..].starts_with("\r\n") {
        at + 2
    } else {
        at + 1
    }
}

/// Whether a Markdown line starts a block of its own: a heading, list item, quote, table row,
/// fence, HTML block or thematic break.
fn markdown_block_start(line: &str) -> bool {
    let t = line.trim_start();
    let ordered = t.find(|c: char| !c.is_ascii_digit()).is_some_and(|n| {
        n > 0 && (t[n..].starts_with(". ") || t[n..].starts_with(") ") || t[n..] == *"." || t[n..] == *")")
    });
    ["#", ">", "|", "```", "~~~", "- ", "* ", "+ "].iter().any(|p| t.starts_with(p))
        || ["-", "*", "+"].contains(&t)
        || ordered
        || markdown_line_block(line)
}

/// The length of the markers that start a Markdown block (`## `, `- `, `1. `, `> `), if
/// `text` starts with some.
fn markdown_marker_len(text: &str) -> usize {
    let mut rest = text.trim_start();
    loop {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let marker = if rest.starts_with('#') {
            rest.len() - rest.trim_start_matches('#').len()
        } else if rest.starts_with(['>', '-', '*', '+']) {
            1
        } else if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            digits + 1
        } else {
            0
        };
        let after = &rest[marker..];
        if marker == 0 || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
            break;
        }
        rest = after.trim_start();
    }
    text.len() - rest.len()
}

/// Whether a Markdown line is a block on its own, ending at the line's end: an ATX heading, a
/// table row, a thematic break or a setext heading's underline.
fn markdown_line_block(line: &str) -> bool {
    let t = line.trim();
    let rule = t.len() >= 3 && ['-', '=', '*', '_'].iter().any(|&c| t.chars().all(|x| x == c || x == ' '));
    t.starts_with('#') || t.starts_with('|') || rule
}

/// The text of a stretch of HTML as a reader sees it: tags and comments left out, block
/// elements and `<br>` as blank lines (sentence ends), the content of `<script>`, `<style>` and
/// the like left out, white space collapsed, and the common character references decoded;
/// `mark` (offsets into `html`) moved along. `html` may start or end inside a tag: a `>` before
/// any `<` (and before the mark) ends a tag cut at the start, and a tag cut at the end is left
/// out; the two flags say whether the text starts and ends at a tag (not within a word). This only shows prose around a finding (the linter reads HTML with a real tokenizer);
/// what it leaves in is escaped like all text in the report.
fn html_text(html: &str, mark: Range<usize>) -> (String, Range<usize>, bool, bool) {
    let mut text = Visible::default();
    let (mut mark_start, mut mark_end) = (None, None);
    let mut i = match html[..mark.start].find(['<', '>']) {
        Some(at) if html.as_bytes()[at] == b'>' => at + 1,
        _ => 0,
    };
    let tag_before = i > 0 || html.starts_with('<');
    let mut tag_after = html.ends_with('>');
    while i < html.len() {
        if mark_start.is_none() && i >= mark.start {
            mark_start = Some(text.here());
        }
        if mark_end.is_none() && i >= mark.end {
            mark_end = Some(text.out.len());
        }
        let rest = &html[i..];
        match rest.chars().next().unwrap_or(' ') {
            '<' => match tag(rest) {
                Tag::Text => {
                    text.push('<');
                    i += 1;
                }
                Tag::Unclosed => {
                    tag_after = true;
                    break;
                }
                Tag::Invisible(len) => i += len,
                Tag::Element { name, len, closing } => {
                    let name = name.to_ascii_lowercase();
                    let raw = RAW_TEXT.contains(&name.as_str());
                    if BLOCK.contains(&name.as_str()) {
                        text.end_block();
                    }
                    i += len;
                    if raw && !closing {
                        // Its content is not text: on to its end tag, if it is in reach.
                        let end_tag = format!("</{name}");
                        i = find_ascii_case_insensitive(&html[i..], &end_tag).map_or(html.len(), |at| i + at);
                    }
                }
            },
            '&' => {
                let (decoded, len) = character_reference(rest);
                text.push(decoded);
                i += len;
            }
            c => {
                text.push(c);
                i += c.len_utf8();
            }
        }
    }
    let end = text.out.len();
    let mark_start = mark_start.unwrap_or(end).min(end);
    let mark_end = mark_end.unwrap_or(end).clamp(mark_start, end);
    (text.out, mark_start..mark_end, tag_before, tag_after)
}

/// Text as [`html_text`] builds it: white space collapsed to one space, written only before the
/// next character that is not white space (so none ends a block or the text).
#[derive(Default)]
struct Visible {
    out: String,
    space: bool,
}

impl Visible {
    fn push(&mut self, c: char) {
        if c.is_whitespace() && c != '\u{a0}' {
            self.space = !self.out.is_empty() && !self.out.ends_with('\n');
        } else {
            self.here();
            self.out.push(c);
        }
    }

    /// Where the next character goes (after the space before it, if any).
    fn here(&mut self) -> usize {
        if std::mem::take(&mut self.space) {
            self.out.push(' ');
        }
        self.out.len()
    }

    /// Ends a block with a blank line, even at the start of the text (where it says that the
    /// text before is no part of the sentence).
    fn end_block(&mut self) {
        self.space = false;
        if !self.out.ends_with("\n\n") {
            self.out.push_str(if self.out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    }
}

/// Elements that start and end a block of text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "legend",
];

/// Elements whose content is not text to show (left out whole, like a comment).
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "template", "noscript", "svg", "math", "object"];

/// What a `<` starts.
enum Tag<'a> {
    /// A `<` that starts no tag (`a < b`).
    Text,
    /// A tag whose end is not in the text.
    Unclosed,
    /// A comment, doctype or processing instruction, `len` bytes long.
    Invisible(usize),
    /// A start or end tag, `len` bytes long.
    Element { name: &'a str, len: usize, closing: bool },
}

fn tag(text: &str) -> Tag<'_> {
    let bytes = text.as_bytes();
    if let Some(comment) = text.strip_prefix("<!--") {
        return comment.find("-->").map_or(Tag::Unclosed, |at| Tag::Invisible("<!--".len() + at + "-->".len()));
    }
    if matches!(bytes.get(1), Some(b'!' | b'?')) {
        return text.find('>').map_or(Tag::Unclosed, |at| Tag::Invisible(at + 1));
    }
    let closing = bytes.get(1) == Some(&b'/');
    let name_at = if closing { 2 } else { 1 };
    if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return Tag::Text;
    }
    let name_len =
        text[name_at..].find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(text.len() - name_at);
    let name = &text[name_at..name_at + name_len];
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    let mut after_equals = false;
    for (at, &b) in bytes.iter().enumerate().skip(name_at + name_len) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Tag::Element { name, len: at + 1, closing },
            None if (b == b'"' || b == b'\'') && after_equals => quote = Some(b),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    Tag::Unclosed
}

/// The character a reference at the start of `text` (a `&`) stands for, and its length; a `&`
/// that starts none stands for itself.
fn character_reference(text: &str) -> (char, usize) {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
        ("ndash", '\u{2013}'),
        ("mdash", '\u{2014}'),
        ("lsquo", '\u{2018}'),
        ("rsquo", '\u{2019}'),
        ("ldquo", '\u{201c}'),
        ("rdquo", '\u{201d}'),
        ("hellip", '\u{2026}'),
        ("copy", '\u{a9}'),
    ];
    let Some(body) = text.get(1..).and_then(|t| t.get(..t.find(';')?)).filter(|b| b.len() <= 10) else {
        return ('&', 1);
    };
    let len = body.len() + 2;
    let number = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(decimal) = body.strip_prefix('#') {
        decimal.parse::<u32>().ok()
    } else {
        return NAMED.iter().find(|(name, _)| *name == body).map_or(('&', 1), |&(_, c)| (c, len));
    };
    match number {
        Some(n) => (char::from_u32(n).filter(|&c| c != '\0').unwrap_or('\u{fffd}'), len),
        None => ('&', 1),
    }
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, source: &str) -> FileResult {
        FileResult { path: path.to_string(), source: source.to_string(), diagnostics: Vec::new(), moved: Vec::new() }
    }

    /// The excerpt around the first `word` in the file, as HTML.
    fn around(result: &FileResult, word: &str) -> String {
        let start = result.source.find(word).expect("the word is in the text");
        let format = crate::walk::format_of(std::path::Path::new(&result.path)).unwrap_or(Format::PlainText);
        let index = LineIndex::new(&result.source);
        excerpt(result, &index, Span::new(start, start + word.len()), format).to_html()
    }

    #[test]
    fn shows_the_whole_sentence_across_lines() {
        let text = "# Guide\n\nFirst, a word. Our coaches give advice drawn\nfrom their own careers! Then more.\n";
        assert_eq!(
            around(&file("a.md", text), "coaches"),
            "Our <mark>coaches</mark> give advice drawn from their own careers!"
        );
        let wrapped = file("a.txt", "One.\nOur mentors, like\nour coaches, give\nadvice. Two.");
        assert_eq!(around(&wrapped, "coaches"), "Our mentors, like our <mark>coaches</mark>, give advice.");
        let quoted = "He said \"ask.\" Our coaches (Sam and Jo) advise. Next.";
        assert_eq!(around(&file("a.txt", quoted), "coaches"), "Our <mark>coaches</mark> (Sam and Jo) advise.");
        let quoted = "Next. Our coaches say \"ask.\" Then more.";
        assert_eq!(around(&file("a.txt", quoted), "coaches"), "Our <mark>coaches</mark> say &quot;ask.&quot;");
        // No sentence end before the end of the text: all of it, with nothing cut.
        assert_eq!(around(&file("a.txt", "Your coach will call"), "coach"), "Your <mark>coach</mark> will call");
    }

    #[test]
    fn markdown_blocks_end_sentences() {
        let text =
            "## Your coach\nYour coach will call\n- and a coach\n- or a mentor\n\n> a coach quote\n| a | coach |\n";
        let result = file("a.md", text);
        assert_eq!(around(&result, "coach"), "Your <mark>coach</mark>");
        assert_eq!(around(&result, "coach will"), "Your <mark>coach will</mark> call");
        assert_eq!(around(&result, "and a coach"), "<mark>and a coach</mark>");
        assert_eq!(around(&result, "coach quote"), "a <mark>coach quote</mark>");
        // In plain text the same lines are one run of text.
        let plain = file("a.txt", "Title\nYour coach will call\n- and more\n");
        assert_eq!(around(&plain, "coach"), "Title Your <mark>coach</mark> will call - and more");
    }

    #[test]
    fn html_is_shown_as_text() {
        let html = "<h2>For mentees</h2>\n<p class=\"x\">Your <a href=\"/c?a=1&amp;b\">coach</a> will\n  call you &amp; <em>check</em> in&#46; Later.</p>";
        assert_eq!(around(&file("page.html", html), "coach"), "Your <mark>coach</mark> will call you &amp; check in.");
        // Markup in the text, however hostile, is shown escaped or left out; never copied.
        let hostile = "<p>Your coach<script>document.write('<p>x</p>')</script><img src=x onerror=alert(1)>, \
                       &lt;b onclick=alert(1)&gt;bold&lt;/b&gt;<!-- <p> --><style>p{}</style> \u{202e}and &#x1b;[2J more</p>";
        let shown = around(&file("page.html", hostile), "coach");
        assert_eq!(
            shown,
            "Your <mark>coach</mark>, &lt;b onclick=alert(1)&gt;bold&lt;/b&gt; \u{fffd}and \u{241b}[2J more"
        );
        // Block elements and line breaks end the sentence; inline ones do not.
        let blocks = "<li>one</li><li>Your <b>coach</b> will<br>call</li><div>two</div>";
        assert_eq!(around(&file("page.htm", blocks), "coach"), "Your <mark>coach</mark> will");
        // The same text in a Markdown file is not read as HTML.
        assert!(around(&file("page.md", blocks), "coach").starts_with("&lt;li&gt;one"));
    }

    #[test]
    fn long_sentences_are_cut_on_words_and_characters_with_an_ellipsis() {
        // The window's ends fall inside two-byte characters, or not.
        for pad in ["", "x", "xy", "xyz"] {
            let long = format!("{pad}{}  Your coach will call {}", "é".repeat(300), "ü".repeat(300));
            assert_eq!(
                around(&file("a.md", &long), "coach"),
                "\u{2026}Your <mark>coach</mark> will call\u{2026}",
                "{pad:?}"
            );
        }
        let words = format!("{}Your coach will call{}", "word ".repeat(200), " word".repeat(200));
        let shown = around(&file("a.txt", &words), "coach");
        assert!(shown.starts_with("\u{2026}word word") && shown.ends_with("word word\u{2026}"), "{shown}");
        let before = shown.trim_start_matches('\u{2026}').split("<mark>").next().unwrap_or_default();
        assert!(before.len() <= CONTEXT && before.len() > CONTEXT - 10, "{}", before.len());
        // Inside a tag cut at the window's start: the tag is left out, and the word after it kept.
        let tag = format!("<p><a title=\"{}\">Your coach</a> calls.</p>", "x".repeat(2 * CONTEXT));
        assert_eq!(around(&file("a.html", &tag), "coach"), "\u{2026}Your <mark>coach</mark> calls.");
    }

    /// When the result kept only the lines around its findings, the lines it emptied are not
    /// the blank lines that end a paragraph: the sentence may go on there.
    #[test]
    fn lines_left_out_of_the_result_may_hold_more_of_the_sentence() {
        let source = "\nOur coach will call\nyou soon.\n";
        assert_eq!(around(&file("a.md", source), "coach"), "Our <mark>coach</mark> will call you soon.");
        let kept = FileResult { moved: vec![(1, 40), (21, 60)], ..file("a.md", source) };
        assert_eq!(around(&kept, "coach"), "\u{2026}Our <mark>coach</mark> will call you soon.");
        // A line the result kept that is blank is a paragraph's end.
        let kept = FileResult { moved: vec![(0, 0), (1, 40), (21, 60)], ..file("a.md", source) };
        assert_eq!(around(&kept, "coach"), "Our <mark>coach</mark> will call you soon.");
    }

    /// Every span of odd texts (characters of several bytes, CR, CRLF, a BOM, cut tags and
    /// references, long runs): no panic, and outside HTML the marked words are the span's.
    #[test]
    fn every_span_of_odd_text_gives_an_excerpt() {
        let texts = [
            "\u{feff}Ünï. cöäch\r\nmentor!\rwho? <p a=\"x>\">y</p><!-- c --> &amp &#x1F600; &#99999999; <",
            "- a\n\n# b\n> c\n1. d\n| e |\n---\nf.\u{2026} g",
            "<script>a<b</script><br/><P>x</P><style>>",
            "\u{1b}[2J\u{202e}x.\"y\" z",
        ];
        let long = format!("{}. {}", "é.a ".repeat(150), "<i>ü</i> ".repeat(150));
        for text in texts.iter().copied().chain([long.as_str()]) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for path in ["a.md", "a.txt", "a.html"] {
                let result = file(path, text);
                let index = LineIndex::new(text);
                let format = crate::walk::format_of(std::path::Path::new(path)).unwrap_or(Format::PlainText);
                for (n, &start) in bounds.iter().enumerate() {
                    for &end in bounds[n..].iter().take(3) {
                        let shown = excerpt(&result, &index, Span::new(start, end), format);
                        let _ = shown.to_html();
                        if format != Format::Html && start >= 3 {
                            assert_eq!(&shown.text[shown.mark.clone()], &text[start..end], "{path} {start}..{end}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn dates_are_iso_8601_in_utc() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso8601_utc(1_709_215_509), "2024-02-29T14:05:09Z");
        assert_eq!(iso8601_utc(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(iso8601_utc(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(parse_epoch("1709215509"), Some(1_709_215_509));
        assert_eq!(parse_epoch("0"), Some(0));
        for bad in ["", " 1", "-1", "1.5", "12e3", "253402300800", "99999999999999999999"] {
            assert_eq!(parse_epoch(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn findings_show_severity_and_link_to_their_rule() {
        let source = "Our coaches give advice drawn from their own careers.\n";
        let document = cm_linter::Document { source, format: Format::Markdown };
        let mut diagnostics = cm_linter::lint(&document);
        diagnostics[0].severity = cm_linter::Severity::Error;
        let result = FileResult { diagnostics, ..file("docs/<b>.md", source) };
        let mut out = Vec::new();
        write_made_at(&mut out, &[result], "2024-02-29T14:05:09Z").expect("writing to a Vec cannot fail");
        let page = String::from_utf8(out).expect("UTF-8");
        assert!(page.contains("<time datetime=\"2024-02-29T14:05:09Z\">2024-02-29T14:05:09Z</time>"), "{page}");
        let url =
            "https://github.com/cm-lint/cm-lint/blob/main/crates/lint/src/rules/coaching_described_as_mentoring.md";
        assert!(page.contains(&format!("<div class=\"finding error\">\n<div><a class=\"code\" href=\"{url}\">CM003 coaching-described-as-mentoring</a> <span class=\"severity\">error</span> <span class=\"pos\">line 1, column 5</span></div>")), "{page}");
        assert_eq!(page.matches(&format!("href=\"{url}\"")).count(), 2, "the rule's row and the finding: {page}");
        assert!(page.contains("<h2>docs/&lt;b&gt;.md</h2>"), "{page}");
        assert!(
            !page.contains("<script") && !page.contains("<link") && !page.contains(" src="),
            "self-contained: {page}"
        );
    }
}
