//! HTML: the visible text of block elements, with positions in the original source.
//!
//! Tokenized by html5gum (a WHATWG tokenizer) with source spans: `<script>`, `<style>`, `<pre>`,
//! `<code>`, `<template>`, `<noscript>`, `<svg>` and the head (except `<title>`) are skipped;
//! attributes and comments are never text; entities are decoded with an exact map back to the
//! source.
//!
//! html5gum 0.8 (0.9 too) runs the states of a tag's attributes as direct calls into each other
//! when values are double-quoted and separated by white space (`a="1" b="2" …`): it recurses once
//! per attribute, and a tag with some thousands of them overflows the stack. Such chains are cut
//! before tokenizing (see [`break_attribute_chains`]) so that the depth stays bounded; offsets
//! do not move, and text is always read from the original source.

use std::borrow::Cow;

use super::builder::BlockBuilder;
use super::{Block, BlockKind};

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "blockquote",
    "figure",
    "figcaption",
    "caption",
    "form",
    "title",
    "body",
    "head",
    "html",
    "hr",
    "details",
    "summary",
    "fieldset",
    "legend",
    "address",
    "menu",
    "center",
];
const SKIP_TAGS: &[&str] =
    &["script", "style", "pre", "code", "template", "noscript", "svg", "textarea", "kbd", "samp"];
const EMPHASIS_TAGS: &[&str] = &["strong", "b", "em", "i"];

struct State {
    blocks: Vec<Block>,
    current: Option<BlockBuilder>,
    kind: BlockKind,
    group: Option<u32>,
    lists: Vec<(u32, bool)>,
    table: Option<(u32, u32, u32)>,
    quote_depth: u8,
    emphasis: u32,
    in_head: bool,
    next_group: u32,
}

impl State {
    fn finish(&mut self) {
        if let Some(block) = self.current.take().and_then(BlockBuilder::finish) {
            self.blocks.push(block);
        }
    }

    fn builder(&mut self, at: usize) -> &mut BlockBuilder {
        let (kind, group, depth) = (self.kind, self.group, self.quote_depth);
        self.current.get_or_insert_with(|| BlockBuilder::new(kind, at, depth, group))
    }

    fn group(&mut self) -> u32 {
        self.next_group += 1;
        self.next_group
    }
}

pub(super) fn extract(source: &str) -> Vec<Block> {
    let mut state = State {
        blocks: Vec::new(),
        current: None,
        kind: BlockKind::Paragraph,
        group: None,
        lists: Vec::new(),
        table: None,
        quote_depth: 0,
        emphasis: 0,
        in_head: false,
        next_group: 0,
    };
    // html5gum tokenizes (with spans, and raw text inside <script> and <style>); the text
    // between tags is read from the source itself so that every character keeps its offset.
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut skip_depth = 0u32;
    let tokenized = break_attribute_chains(&source[start..]);
    for token in html5gum::Tokenizer::new_with_emitter(tokenized.as_ref(), emitter) {
        let Ok(token) = token;
        match token {
            html5gum::Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIP_TAGS.contains(&name.as_str()) {
                    if !tag.self_closing {
                        skip_depth += 1;
                    }
                } else if skip_depth == 0 {
                    open(&mut state, &name, start + tag.span.start);
                }
            }
            html5gum::Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if SKIP_TAGS.contains(&name.as_str()) {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if skip_depth == 0 {
                    close(&mut state, &name);
                }
            }
            html5gum::Token::String(text_token) if skip_depth == 0 => {
                let (from, to) = (start + text_token.span.start, start + text_token.span.end);
                if from < to && to <= source.len() && source.is_char_boundary(from) && source.is_char_boundary(to) {
                    text(&mut state, source, from, to);
                }
            }
            _ => {}
        }
    }
    state.finish();
    state.blocks
}

fn open(state: &mut State, name: &str, at: usize) {
    if EMPHASIS_TAGS.contains(&name) {
        state.emphasis += 1;
        return;
    }
    if name == "a" {
        if let Some(current) = state.current.as_mut() {
            current.open_link();
        }
        return;
    }
    if name == "br" {
        if let Some(current) = state.current.as_mut() {
            current.push_space(at, at);
        }
        return;
    }
    if !BLOCK_TAGS.contains(&name) {
        return;
    }
    state.finish();
    match name {
        "head" => state.in_head = true,
        "ul" | "ol" => {
            let group = state.group();
            state.lists.push((group, name == "ol"));
        }
        "table" => {
            let group = state.group();
            state.table = Some((group, 0, 0));
        }
        "tr" => {
            // The table holds (group, next row, column); a cell takes the row before `next row`.
            if let Some(t) = state.table.as_mut() {
                *t = (t.0, t.1 + 1, 0);
            }
        }
        "blockquote" => state.quote_depth = state.quote_depth.saturating_add(1),
        _ => {}
    }
    let (kind, group) = match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => (BlockKind::Heading { level: name[1..].parse().unwrap_or(1) }, None),
        "title" => (BlockKind::Heading { level: 0 }, None),
        "li" => {
            let depth = u8::try_from(state.lists.len().max(1)).unwrap_or(u8::MAX);
            let (group, ordered) = state.lists.last().copied().unwrap_or((0, false));
            (BlockKind::ListItem { depth, ordered }, Some(group))
        }
        "td" | "th" => match state.table.as_mut() {
            Some(t) => {
                let kind = BlockKind::TableCell { row: t.1.saturating_sub(1), column: t.2, header: name == "th" };
                t.2 += 1;
                (kind, Some(t.0))
            }
            None => (BlockKind::Paragraph, None),
        },
        "dt" => (BlockKind::Term, None),
        _ => (BlockKind::Paragraph, None),
    };
    state.kind = kind;
    state.group = group;
    if name == "tr" {
        state.kind = BlockKind::Paragraph;
    }
}

fn close(state: &mut State, name: &str) {
    if EMPHASIS_TAGS.contains(&name) {
        state.emphasis = state.emphasis.saturating_sub(1);
        return;
    }
    if name == "a" {
        if let Some(current) = state.current.as_mut() {
            current.close_link();
        }
        return;
    }
    if !BLOCK_TAGS.contains(&name) {
        return;
    }
    state.finish();
    match name {
        "head" => state.in_head = false,
        "ul" | "ol" => {
            state.lists.pop();
        }
        "table" => state.table = None,
        "blockquote" => state.quote_depth = state.quote_depth.saturating_sub(1),
        _ => {}
    }
    state.kind = BlockKind::Paragraph;
    state.group = None;
}

/// Appends the text between `start` and `end`, collapsing white space and decoding entities.
fn text(state: &mut State, source: &str, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let kind_is_title = matches!(state.kind, BlockKind::Heading { level: 0 });
    if state.in_head && !kind_is_title {
        return;
    }
    let chunk = &source[start..end];
    let emphasised = state.emphasis > 0;
    let mut i = 0;
    let bytes = chunk.as_bytes();
    let mut run_start: Option<usize> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if let Some(rs) = run_start.take() {
                state.builder(start + rs).push_verbatim(&chunk[rs..i], start + rs, emphasised);
            }
            let ws_start = i;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if let Some(current) = state.current.as_mut() {
                current.push_space(start + ws_start, start + i);
            }
            continue;
        }
        if b == b'&' {
            if let Some((decoded, len)) = decode_entity(&chunk[i..]) {
                if let Some(rs) = run_start.take() {
                    state.builder(start + rs).push_verbatim(&chunk[rs..i], start + rs, emphasised);
                }
                let builder = state.builder(start + i);
                if decoded.chars().all(char::is_whitespace) {
                    builder.push_space(start + i, start + i + len);
                } else {
                    builder.push_decoded(&decoded, start + i, start + i + len, emphasised);
                }
                i += len;
                continue;
            }
        }
        if run_start.is_none() {
            run_start = Some(i);
        }
        i += 1;
        while i < bytes.len() && !chunk.is_char_boundary(i) {
            i += 1;
        }
    }
    if let Some(rs) = run_start {
        state.builder(start + rs).push_verbatim(&chunk[rs..], start + rs, emphasised);
    }
}

/// Decodes one entity at the start of `text`: (decoded text, bytes consumed).
fn decode_entity(text: &str) -> Option<(String, usize)> {
    let end = text[1..].find(';').map(|p| p + 1)?;
    if end > 12 {
        return None;
    }
    let name = &text[1..end];
    let decoded = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(num, 16).ok()?)?.to_string()
    } else if let Some(num) = name.strip_prefix('#') {
        char::from_u32(num.parse().ok()?)?.to_string()
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "rsquo" | "lsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "ndash" => "–",
            "mdash" => "—",
            "hellip" => "…",
            "eacute" => "é",
            "ne" => "≠",
            "rarr" => "→",
            "middot" => "·",
            "bull" => "•",
            "copy" => "©",
            _ => return None,
        }
        .to_string()
    };
    Some((decoded, end + 1))
}

/// How many attributes in a row html5gum may run as nested calls before the chain is cut (each
/// costs about 1.5 KB of stack in a release build, several times that in a debug build).
const CHAIN_LINKS: usize = 32;

/// `source` with every [`CHAIN_LINKS`]-th link of a chain of double-quoted attributes cut.
///
/// A link is what html5gum runs without returning: a closing quote, white space, a name, `=`,
/// optional white space, an opening quote, and a value without `"` or `&` (a character reference
/// returns to the tokenizer's loop). The chain is cut by turning the white space after a closing
/// quote into `/`, which the tokenizer reads as a stray solidus in the tag and handles from its
/// loop: the tag, its name, its end and its attribute names and values otherwise stay the same.
/// The scan does not know whether a quote opens or closes a value, so both the white space after
/// the quote it takes as closing and the first byte after the next quote are cut (the latter only
/// when it is white space): one of them is the real closing quote's. Quotes outside tags can
/// only be touched by text that is itself a chain of `x="y"` pairs, and the text the engine reads
/// comes from the original source anyway. One pass, each byte looked at a bounded number of
/// times; the source is borrowed unchanged unless a chain is long.
fn break_attribute_chains(source: &str) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
    // The opening quote of the link that starts at the closing quote `close`.
    let link = |close: usize| -> Option<usize> {
        let mut i = close + 1;
        let spaces = i;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let name = i;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        if i == spaces || i == name || bytes.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        (bytes.get(i) == Some(&b'"')).then_some(i)
    };
    let next_quote = |from: usize| memchr::memchr(b'"', bytes.get(from..)?).map(|p| from + p);
    let mut cut: Vec<usize> = Vec::new();
    let mut run = 0;
    let mut at = next_quote(0);
    while let Some(close) = at {
        let Some(open) = link(close) else {
            run = 0;
            at = next_quote(close + 1);
            continue;
        };
        match memchr::memchr2(b'"', b'&', &bytes[open + 1..]).map(|p| open + 1 + p) {
            Some(end) if bytes[end] == b'"' => {
                run += 1;
                if run == CHAIN_LINKS {
                    run = 0;
                    cut.push(close + 1);
                    if is_space(bytes[open + 1]) {
                        cut.push(open + 1);
                    }
                }
                at = Some(end);
            }
            Some(amp) => {
                run = 0;
                at = next_quote(amp);
            }
            None => break,
        }
    }
    if cut.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = bytes.to_vec();
    for i in cut {
        out[i] = b'/';
    }
    // Only ASCII white space was replaced, by ASCII: still UTF-8.
    String::from_utf8(out).map_or(Cow::Borrowed(source), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag_with_attributes(count: usize, separator: &str) -> String {
        let mut html = String::from("<p>Coaching at work.</p><div");
        for i in 0..count {
            html.push_str(&format!("{separator}a{i}=\"v{i}\""));
        }
        html.push_str(">Our coaches give advice.</div><p>After.</p>");
        html
    }

    fn texts(source: &str) -> Vec<String> {
        extract(source).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn a_hundred_thousand_attributes_do_not_overflow_the_stack() {
        // The test thread has a 2 MiB stack: html5gum alone overflowed it at a few hundred.
        for separator in [" ", "\n  ", " \t"] {
            let html = tag_with_attributes(100_000, separator);
            assert_eq!(texts(&html), ["Coaching at work.", "Our coaches give advice.", "After."]);
        }
    }

    #[test]
    fn cutting_chains_keeps_tags_and_offsets() {
        let html = tag_with_attributes(200, " ");
        let cut = break_attribute_chains(&html);
        assert!(matches!(cut, Cow::Owned(_)));
        assert_eq!(cut.len(), html.len());
        let tokens = |s: &str| -> Vec<String> {
            html5gum::Tokenizer::new(s)
                .flatten()
                .filter_map(|t| match t {
                    html5gum::Token::StartTag(t) => Some(format!("{:?} {:?} {}", t.name, t.attributes, t.self_closing)),
                    html5gum::Token::EndTag(t) => Some(format!("/{:?}", t.name)),
                    html5gum::Token::String(s) => Some(format!("{s:?}")),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(tokens(&cut), tokens(&html));
        // Ordinary markup is not copied.
        let ordinary = tag_with_attributes(20, " ");
        assert!(matches!(break_attribute_chains(&ordinary), Cow::Borrowed(_)));
    }

    #[test]
    fn cutting_chains_is_linear() {
        // Inputs made to make the scan go back over what it read.
        // Quadratic, each would take billions of steps; linear, well under a second (release).
        let cases = [
            "\" a".repeat(100_000),
            "\" a=\"".repeat(100_000),
            "\" a\" b\" c=".repeat(50_000),
            format!("\"{}=\"", " ".repeat(500_000)),
            "<b a=\"&amp;\" ".repeat(50_000),
        ];
        for case in cases {
            let start = std::time::Instant::now();
            let _ = extract(&case);
            assert!(start.elapsed() < std::time::Duration::from_secs(30), "{:?}", &case[..20]);
        }
    }
}
