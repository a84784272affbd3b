//! Building blocks: text with its source map, shared by the three readers.

use std::sync::LazyLock;

use regex::Regex;

use super::{Block, BlockKind, Segment};
use crate::Span;

/// Stands in the text for material that is not prose (inline code, a URL).
pub(super) const PLACEHOLDER: char = '\u{FFFC}';

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:https?://|ftp://|mailto:|www\.)[^\s<>]+|(?-u:\b)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
        .expect("valid")
});

/// Whether a text may hold a URL or an e-mail address: every one has `://`, `mailto:`, `@` or
/// `www.` (in any case). A cheap test that spares most text the address regex.
fn may_hold_address(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr(b'@', bytes).is_some()
        || memchr::memchr_iter(b':', bytes).any(|i| {
            bytes[i + 1..].starts_with(b"//") || (i >= 6 && bytes[i - 6..i].eq_ignore_ascii_case(b"mailto"))
        })
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
        }
    }

    /// Appends source text that maps one to one, replacing URLs and e-mail addresses.
    pub fn push_verbatim(&mut self, text: &str, source_start: usize, emphasised: bool) {
        if !may_hold_address(text) {
            self.push_raw(text, source_start, true, emphasised);
            return;
        }
        let mut last = 0;
        for m in URL.find_iter(text) {
            let trimmed_end =
                m.start() + m.as_str().trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\'']).len();
            self.push_raw(&text[last..m.start()], source_start + last, true, emphasised);
            self.push_placeholder(source_start + m.start(), source_start + trimmed_end);
            last = trimmed_end;
        }
        self.push_raw(&text[last..], source_start + last, true, emphasised);
    }

    /// Appends text that does not match the source byte for byte (a decoded entity, an escape).
    pub fn push_decoded(&mut self, text: &str, source_start: usize, source_end: usize, emphasised: bool) {
        if may_hold_address(text) && URL.is_match(text) {
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

    /// The finished block, or `None` when it holds no prose.
    pub fn finish(mut self) -> Option<Block> {
        if self.text.chars().all(|c| c.is_whitespace() || c == PLACEHOLDER) {
            return None;
        }
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        self.segments.retain(|s| s.text_start < trimmed || s.text_start == 0);
        let emphasised = self.emphasised_text && !self.plain_text;
        Some(Block {
            kind: self.kind,
            text: self.text,
            segments: self.segments,
            source: Span::new(self.source_start, self.source_end.max(self.source_start)),
            quote_depth: self.quote_depth,
            group: self.group,
            emphasised,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            if URL.is_match(text) {
                assert!(may_hold_address(text), "{text}");
            }
        }
        assert!(!may_hold_address("Note: 10:30 at the café. Step 1: ask."));
        assert!(!may_hold_address("plain words only"));
    }
}
