//! HTML: the visible text of block elements, with positions in the original source.
//!
//! Tokenized by html5gum (a WHATWG tokenizer) with source spans: `<script>`, `<style>`, `<pre>`,
//! `<code>`, `<template>`, `<noscript>`, `<svg>` and the head (except `<title>`) are skipped;
//! attributes and comments are never text; entities are decoded with an exact map back to the
//! source.

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
    for token in html5gum::Tokenizer::new_with_emitter(&source[start..], emitter) {
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
