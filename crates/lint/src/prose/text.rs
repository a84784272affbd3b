//! Plain text: paragraphs separated by blank lines, list items by their markers, and heading-like
//! lines (a short title line, an underlined line, an ALL CAPS line, a label ending in a colon
//! over a list) as headings, so that they give their section a topic as Markdown headings do.

use std::sync::LazyLock;

use regex::Regex;

use super::builder::BlockBuilder;
use super::{Block, BlockKind};

static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(?:[-*•–—·▪◦‣●○■]|\d{1,3}[.)]|[a-z][.)]|\[[ xX]\])\s+").expect("valid"));
/// A label line ("Your mentor: Dana") without the label's length limit, which [`is_label_line`]
/// checks: `[\w /&'’-]{0,30}` written as a regex takes milliseconds to compile.
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[^\W\d_][\w /&'’-]*:\s+\S").expect("valid"));

/// Whether a line is a label ending in a colon followed by text: a letter, then at most 30
/// characters of words, spaces and `/&'’-`, a colon, white space and more.
fn is_label_line(text: &str) -> bool {
    if !LABEL_LINE.is_match(text) {
        return false;
    }
    // The match starts at the first character that is not white space; the characters after it
    // cannot include a colon, so they run up to the first colon.
    let label = text.trim_start();
    let mut chars = label.chars();
    chars.next();
    let rest = chars.as_str();
    rest.find(':').is_some_and(|colon| rest[..colon].chars().count() <= 30)
}

/// One line of the source: its text (without the break) and where it starts.
struct Line<'s> {
    text: &'s str,
    start: usize,
}

fn lines(source: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = source.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            out.push(Line { text: &source[start..i], start });
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < source.len() {
        out.push(Line { text: &source[start..], start });
    }
    out
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_underline(line: &str) -> Option<u8> {
    let t = line.trim();
    if t.len() >= 3 && t.chars().all(|c| c == '=') {
        Some(1)
    } else if t.len() >= 3 && t.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

fn ends_like_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', ',', ';', '"', '”'])
}

fn is_all_caps(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && line.trim().len() <= 80
}

pub(super) fn extract(source: &str) -> Vec<Block> {
    let lines = lines(source);
    let mut blocks = Vec::new();
    let mut next_group = 0u32;
    let mut list_group: Option<u32> = None;
    let mut current: Option<BlockBuilder> = None;
    let mut first_content = true;
    let finish = |current: &mut Option<BlockBuilder>, blocks: &mut Vec<Block>| {
        if let Some(block) = current.take().and_then(BlockBuilder::finish) {
            blocks.push(block);
        }
    };
    let mut idx = 0;
    while idx < lines.len() {
        let line = &lines[idx];
        let text = line.text;
        if is_blank(text) {
            finish(&mut current, &mut blocks);
            idx += 1;
            continue;
        }
        let next = lines.get(idx + 1).map(|l| l.text);
        let prev_blank = idx == 0 || is_blank(lines[idx - 1].text);
        let next_blank = next.is_none_or(is_blank);
        let next_is_item = next.is_some_and(|n| LIST_MARKER.is_match(n));
        if let Some(marker) = LIST_MARKER.captures(text) {
            finish(&mut current, &mut blocks);
            let indent = marker.get(1).map_or(0, |m| m.as_str().len());
            let group = *list_group.get_or_insert_with(|| {
                next_group += 1;
                next_group
            });
            let depth = u8::try_from(1 + indent / 2).unwrap_or(u8::MAX);
            let ordered = text.trim_start().starts_with(|c: char| c.is_ascii_alphanumeric());
            let body = marker.get(0).map_or(0, |m| m.end());
            let mut builder = BlockBuilder::new(BlockKind::ListItem { depth, ordered }, line.start, 0, Some(group));
            builder.push_verbatim(&text[body..], line.start + body, false);
            current = Some(builder);
            first_content = false;
            idx += 1;
            continue;
        }
        // A line that continues a list item is indented or follows it directly.
        if let Some(builder) = current.as_mut().filter(|b| matches!(b.kind, BlockKind::ListItem { .. })) {
            if text.starts_with([' ', '\t']) {
                builder.push_space(line.start, line.start);
                let trimmed = text.trim_start();
                builder.push_verbatim(trimmed, line.start + (text.len() - trimmed.len()), false);
                idx += 1;
                continue;
            }
        }
        let short = text.trim().chars().count() <= 80;
        let underline = next.and_then(is_underline);
        let heading_level = if let Some(level) = underline {
            Some(level)
        } else if !prev_blank && current.as_ref().is_some_and(|c| !matches!(c.kind, BlockKind::ListItem { .. })) {
            None
        } else if is_all_caps(text) {
            Some(2)
        } else if short && text.trim_end().ends_with(':') && next_is_item {
            Some(3)
        } else if short && !ends_like_sentence(text) && !text.trim_end().ends_with('?') && !is_label_line(text) {
            if first_content {
                Some(1)
            } else if next_blank
                || next_is_item
                || next.is_some_and(|n| n.trim().chars().count() > text.trim().chars().count())
            {
                Some(2)
            } else {
                None
            }
        } else if short
            && text.trim_end().ends_with('?')
            && !text.trim_start().starts_with("Q:")
            && (next_blank || next.is_some_and(|n| n.trim().chars().count() > text.trim().chars().count()))
        {
            Some(2)
        } else {
            None
        };
        first_content = false;
        if let Some(level) = heading_level {
            finish(&mut current, &mut blocks);
            list_group = None;
            let trimmed = text.trim_start();
            let offset = text.len() - trimmed.len();
            let mut builder = BlockBuilder::new(BlockKind::Heading { level }, line.start, 0, None);
            builder.push_verbatim(trimmed.trim_end(), line.start + offset, false);
            blocks.extend(builder.finish());
            idx += if underline.is_some() { 2 } else { 1 };
            continue;
        }
        let label = is_label_line(text);
        let continues = current.as_ref().is_some_and(|c| matches!(c.kind, BlockKind::Paragraph)) && !label;
        if continues {
            if let Some(builder) = current.as_mut() {
                // (A title or label line, or a record, ends its sentence at the break.)
                if crate::analysis::text::line_break_ends_sentence(lines[idx - 1].text, text) {
                    builder.push_line_break(line.start, line.start);
                } else {
                    builder.push_space(line.start, line.start);
                }
                let trimmed = text.trim_start();
                builder.push_verbatim(trimmed, line.start + (text.len() - trimmed.len()), false);
            }
        } else {
            finish(&mut current, &mut blocks);
            list_group = None;
            let trimmed = text.trim_start();
            let mut builder = BlockBuilder::new(BlockKind::Paragraph, line.start, 0, None);
            builder.push_verbatim(trimmed, line.start + (text.len() - trimmed.len()), false);
            if label {
                blocks.extend(builder.finish());
            } else {
                current = Some(builder);
            }
        }
        idx += 1;
    }
    finish(&mut current, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::is_label_line;

    #[test]
    fn label_lines_are_what_the_bounded_regex_matches() {
        let bounded = regex::Regex::new(r"^\s*[^\W\d_][\w /&'’-]{0,30}:\s+\S").unwrap();
        let mut lines: Vec<String> = [
            "Your mentor: Dana",
            "  Coach: Lee",
            "\u{a0}Zoë’s coach-mentor/guide & friend: x",
            "1st coach: x",
            "_coach: x",
            "Coach:x",
            "Coach:  ",
            "Coach : x",
            "Who: 10:30",
            "Ask: what: now",
            "",
            ":",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for n in 28..34 {
            lines.push(format!("A{}: text", "b".repeat(n)));
            lines.push(format!("É{}: text", "é".repeat(n)));
            lines.push(format!("A{}x: text", " ".repeat(n)));
        }
        let corpus = crate::test_support::labelled_corpus();
        lines.extend(corpus.lines().flat_map(|l| l.split("\\n")).map(str::to_string));
        for line in &lines {
            assert_eq!(is_label_line(line), bounded.is_match(line), "{line:?}");
        }
    }
}
