//! Building blocks: text with its source map, shared by the three readers.

#[cfg(test)]
use regex::Regex;

use super::{Block, BlockKind, Segment};
use crate::Span;

/// Stands in the text for material that is not prose (inline code, a URL).
pub(super) const PLACEHOLDER: char = '\u{FFFC}';

/// URLs: `http://`, `https://`, `ftp://`, `mailto:` or `www.` (any case) at the start of a word,
/// and what follows up to white space or `<`/`>`. Found from each `:` and `.` rather than by a
/// regular expression, whose compilation cost more than a whole run spends finding URLs.
fn urls(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let word = |i: usize| i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_');
    let starts_word = |i: usize| word(i) && (i == 0 || !word(i - 1));
    let ends_with =
        |end: usize, prefix: &[u8]| end >= prefix.len() && bytes[end - prefix.len()..end].eq_ignore_ascii_case(prefix);
    let mut starts = Vec::new();
    for i in memchr::memchr_iter(b':', bytes) {
        if bytes[i + 1..].starts_with(b"//") {
            for scheme in [&b"https"[..], b"http", b"ftp"] {
                if ends_with(i, scheme) && starts_word(i - scheme.len()) {
                    starts.push((i - scheme.len(), i + 3));
                }
            }
        }
        if ends_with(i, b"mailto") && starts_word(i - 6) {
            starts.push((i - 6, i + 1));
        }
    }
    for i in memchr::memchr_iter(b'.', bytes) {
        if ends_with(i, b"www") && starts_word(i - 3) {
            starts.push((i - 3, i + 1));
        }
    }
    starts.sort_unstable();
    let mut out = Vec::new();
    let mut after = 0;
    for (start, body) in starts {
        if start < after {
            continue;
        }
        let len: usize =
            text[body..].chars().take_while(|c| !c.is_whitespace() && *c != '<' && *c != '>').map(char::len_utf8).sum();
        if len > 0 {
            out.push((start, body + len));
            after = body + len;
        }
    }
    out
}

/// The e-mail addresses of a text (`name@host.domain`), found from each `@`: a regex without a
/// literal to start from would scan every text that has an `@` (handles, decorators) slowly.
fn email_addresses(text: &str) -> Vec<(usize, usize)> {
    let local = |c: char| c.is_alphanumeric() || c == '_' || c == '.' || c == '+' || c == '-';
    let host = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let ascii_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut after = 0;
    for at in memchr::memchr_iter(b'@', bytes) {
        if at < after {
            continue;
        }
        // The name: the longest run of name characters before the `@` that starts where an
        // ASCII word starts.
        let run_start =
            text[after..at].char_indices().rev().take_while(|(_, c)| local(*c)).last().map(|(i, _)| after + i);
        let Some(run_start) = run_start else { continue };
        let boundary = |i: usize| ascii_word(bytes[i]) && (i == 0 || !ascii_word(bytes[i - 1]));
        let Some(start) = (run_start..at).find(|&i| text.is_char_boundary(i) && boundary(i)) else { continue };
        // The host: labels joined by dots, at least two.
        let mut end = at + 1;
        let mut labels = 0;
        loop {
            let label_start = if labels == 0 { end } else { end + 1 };
            if labels > 0 && bytes.get(end) != Some(&b'.') {
                break;
            }
            let len: usize =
                text[label_start.min(text.len())..].chars().take_while(|c| host(*c)).map(char::len_utf8).sum();
            if len == 0 {
                break;
            }
            end = label_start + len;
            labels += 1;
        }
        if labels >= 2 {
            out.push((start, end));
            after = end;
        }
    }
    out
}

/// URLs and e-mail addresses, in order, without overlaps.
fn addresses(text: &str) -> Vec<(usize, usize)> {
    let mut found = urls(text);
    if memchr::memchr(b'@', text.as_bytes()).is_some() {
        found.extend(email_addresses(text));
        found.sort_by_key(|&(start, _)| start);
        let mut end = 0;
        found.retain(|&(s, e)| {
            let keep = s >= end;
            if keep {
                end = e;
            }
            keep
        });
    }
    found
}

/// Whether a text may hold a URL or an e-mail address: every one has `://`, `mailto:`, `@` or
/// `www.` (in any case). A cheap test that spares most text the address regex.
fn may_hold_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr(b'@', bytes).is_some()
        || memchr::memchr_iter(b':', bytes)
            .any(|i| bytes[i + 1..].starts_with(b"//") || (i >= 6 && bytes[i - 6..i].eq_ignore_ascii_case(b"mailto")))
        || memchr::memchr_iter(b'.', bytes).any(|i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// Accumulates one block.
#[derive(Debug)]
pub(super) struct BlockBuilder {
    pub kind: BlockKind,
    pub text: String,
    pub segments: Vec<Segment>,
    pub source_start: usize,
    pub source_end: usize,
    pub quote_depth: u8,
    pub group: Option<u32>,
    emphasised_text: bool,
    plain_text: bool,
    /// Text ranges of link labels, and where the open one started.
    links: Vec<(usize, usize)>,
    link_start: Option<usize>,
}

impl BlockBuilder {
    pub fn new(kind: BlockKind, source_start: usize, quote_depth: u8, group: Option<u32>) -> Self {
        BlockBuilder {
            kind,
            text: String::new(),
            segments: Vec::new(),
            source_start,
            source_end: source_start,
            quote_depth,
            group,
            emphasised_text: false,
            plain_text: false,
            links: Vec::new(),
            link_start: None,
        }
    }

    /// A link's label starts here (nested links keep the outer one).
    pub fn open_link(&mut self) {
        self.link_start.get_or_insert(self.text.len());
    }

    /// The open link's label ends here.
    pub fn close_link(&mut self) {
        if let Some(start) = self.link_start.take() {
            if self.text.len() > start {
                self.links.push((start, self.text.len()));
            }
        }
    }

    /// Appends source text that maps one to one, replacing URLs and e-mail addresses.
    pub fn push_verbatim(&mut self, text: &str, source_start: usize, emphasised: bool) {
        if !may_hold_address(text) {
            self.push_raw(text, source_start, true, emphasised);
            return;
        }
        let mut last = 0;
        for (start, end) in addresses(text) {
            let trimmed_end =
                start + text[start..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\'']).len();
            self.push_raw(&text[last..start], source_start + last, true, emphasised);
            self.push_placeholder(source_start + start, source_start + trimmed_end);
            last = trimmed_end;
        }
        self.push_raw(&text[last..], source_start + last, true, emphasised);
    }

    /// Appends text that does not match the source byte for byte (a decoded entity, an escape).
    pub fn push_decoded(&mut self, text: &str, source_start: usize, source_end: usize, emphasised: bool) {
        if may_hold_address(text) && !addresses(text).is_empty() {
            self.push_placeholder(source_start, source_end);
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment { text_start: start, source_start, verbatim: false, source_end });
        self.count(text, emphasised);
        self.source_end = self.source_end.max(source_end);
    }

    /// Appends one space standing for a line break or markup, unless the text already ends in one.
    pub fn push_space(&mut self, source_start: usize, source_end: usize) {
        if self.text.is_empty() || self.text.ends_with(' ') {
            return;
        }
        let start = self.text.len();
        self.text.push(' ');
        self.segments.push(Segment { text_start: start, source_start, verbatim: false, source_end });
    }

    /// Appends a line break that the text keeps (between the records of a paragraph whose lines
    /// are rows of fields): white space like [`Self::push_space`], and a sentence end.
    pub fn push_line_break(&mut self, source_start: usize, source_end: usize) {
        if self.text.is_empty() || self.text.ends_with([' ', '\n']) {
            return;
        }
        let start = self.text.len();
        self.text.push('\n');
        self.segments.push(Segment { text_start: start, source_start, verbatim: false, source_end });
    }

    /// Appends the placeholder for skipped inline material.
    pub fn push_placeholder(&mut self, source_start: usize, source_end: usize) {
        let start = self.text.len();
        self.text.push(PLACEHOLDER);
        self.segments.push(Segment { text_start: start, source_start, verbatim: false, source_end });
        self.source_end = self.source_end.max(source_end);
    }

    fn push_raw(&mut self, text: &str, source_start: usize, verbatim: bool, emphasised: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        let source_end = source_start + text.len();
        self.segments.push(Segment { text_start: start, source_start, verbatim, source_end });
        self.count(text, emphasised);
        self.source_end = self.source_end.max(source_end);
    }

    /// Notes whether the block has letters or digits in emphasis and outside it.
    fn count(&mut self, text: &str, emphasised: bool) {
        let seen = if emphasised { &mut self.emphasised_text } else { &mut self.plain_text };
        *seen = *seen || text.chars().any(char::is_alphanumeric);
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The finished block, or `None` when it holds no prose. (A heading with no prose stays, with
    /// no text: it still ends the sections of the headings before it, as the section cutter
    /// reads it: "## Coaching ... #" leaves nothing under "Coaching".)
    pub fn finish(mut self) -> Option<Block> {
        if self.text.chars().all(|c| c.is_whitespace() || c == PLACEHOLDER) {
            if !matches!(self.kind, BlockKind::Heading { .. }) {
                return None;
            }
            self.text.clear();
            self.segments.clear();
            self.links.clear();
        }
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        self.segments.retain(|s| s.text_start < trimmed || s.text_start == 0);
        self.close_link();
        let links = self
            .links
            .into_iter()
            .filter(|&(start, _)| start < trimmed)
            .map(|(start, end)| (start, end.min(trimmed)))
            .collect();
        let emphasised = self.emphasised_text && !self.plain_text;
        Some(Block {
            kind: self.kind,
            text: self.text,
            segments: self.segments,
            source: Span::new(self.source_start, self.source_end.max(self.source_start)),
            quote_depth: self.quote_depth,
            group: self.group,
            emphasised,
            links,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The address regex before e-mail addresses were found by hand.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let regex =
            Regex::new(r"(?i)(?-u:\b)(?:https?://|ftp://|mailto:|www\.)[^\s<>]+|(?-u:\b)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
                .unwrap();
        regex.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn finds_the_addresses_the_regex_finds() {
        for text in [
            "write to dana.reyes@example.co.uk today",
            "@dana and @lee review; ping me@host (no dot)",
            " .lead+tag@mail.example.org.",
            "a@b@c.d",
            "éa@x.com and ü@y.de",
            "see https://x.io/a@b.c and mailto:x@y.z",
            "café-owner@bistro-paris.fr,next@x.yz",
            "user@-bad-.com a@b.c.",
            "@",
            "x@",
            "@y.z",
            "HTTPS://X.io/a?b=c. Then WWW.Site.org, mailto:Dana and ftp://f.x/y",
            "xhttp://www.a.b <https://a.b/c> http:// alone, www. alone, mailto: alone",
            "ëhttp://x.y _www.z café.www.q 1www.x https://é.fr/ü",
            "a https://x.io/one https://x.io/two\thttps://x.io/three",
        ] {
            assert_eq!(addresses(text), reference(text), "{text}");
        }
    }

    #[test]
    fn the_quick_address_test_never_misses_what_the_regex_finds() {
        let texts = [
            "see https://example.com/coach now",
            "mail MAILTO:someone@example.com",
            "at WWW.example.org or www.x.io",
            "write to dana.reyes@example.co.uk",
            "ftp://files.example.com",
            "Note: 10:30 at the café. Step 1: ask.",
            "plain words only",
        ];
        for text in texts {
            if !addresses(text).is_empty() {
                assert!(may_hold_address(text), "{text}");
            }
        }
        assert!(!may_hold_address("Note: 10:30 at the café. Step 1: ask."));
        assert!(!may_hold_address("plain words only"));
    }
}
