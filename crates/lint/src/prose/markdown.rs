//! Markdown (CommonMark with GFM tables, footnotes and task lists) via pulldown-cmark.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::builder::BlockBuilder;
use super::{Block, BlockKind};

mod sections;

struct ListState {
    group: u32,
    ordered: bool,
    /// The current item has produced its first block already.
    item_started: bool,
}

struct State<'s> {
    source: &'s str,
    blocks: Vec<Block>,
    current: Option<BlockBuilder>,
    lists: Vec<ListState>,
    table: Option<(u32, u32, u32, bool)>,
    quote_depth: u8,
    skip_depth: u32,
    emphasis_depth: u32,
    autolink_depth: u32,
    next_group: u32,
}

impl State<'_> {
    fn finish(&mut self) {
        if let Some(block) = self.current.take().and_then(BlockBuilder::finish) {
            self.blocks.push(block);
        }
    }

    fn start(&mut self, kind: BlockKind, at: usize, group: Option<u32>) {
        self.finish();
        self.current = Some(BlockBuilder::new(kind, at, self.quote_depth, group));
    }

    fn group(&mut self) -> u32 {
        self.next_group += 1;
        self.next_group
    }

    /// The block that inline content goes to, opening a list item's block when needed.
    fn target(&mut self, at: usize) -> &mut BlockBuilder {
        if self.current.is_none() {
            let kind_group = match self.lists.last_mut() {
                Some(list) if !list.item_started => {
                    list.item_started = true;
                    let depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
                    let list = self.lists.last().map_or((false, 0), |l| (l.ordered, l.group));
                    (BlockKind::ListItem { depth, ordered: list.0 }, Some(list.1))
                }
                Some(list) => (BlockKind::Paragraph, Some(list.group)),
                None => (BlockKind::Paragraph, None),
            };
            self.current = Some(BlockBuilder::new(kind_group.0, at, self.quote_depth, kind_group.1));
        }
        self.current.as_mut().expect("a block was just opened")
    }
}

/// The front matter at the start of a document (after an optional BOM): a `---` (or `+++`)
/// line, a first line that is neither blank nor the end, and a closing `---` or `...` (or
/// `+++`) line. Without its closing line there is none.
pub(super) fn front_matter(source: &str) -> Option<std::ops::Range<usize>> {
    let start = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = source[start..].split_inclusive('\n').scan(start, |at, line| {
        let range = *at..*at + line.len();
        *at += line.len();
        Some((range, line.trim_end_matches(['\n', '\r']).trim_end_matches(' ')))
    });
    let (_, open) = lines.next()?;
    let closes = |line: &str| match open {
        "---" => line == "---" || line == "...",
        "+++" => line == "+++",
        _ => false,
    };
    if open != "---" && open != "+++" {
        return None;
    }
    let (_, first) = lines.next()?;
    if first.trim().is_empty() || closes(first) {
        return None;
    }
    lines.find(|(_, line)| closes(line)).map(|(range, _)| 0..range.end)
}

/// MDX's `import` and `export` lines are code: they are blanked (same length, so offsets hold)
/// before the Markdown parser sees the text. JSX elements parse as HTML blocks and are skipped.
fn blank_mdx_statements(source: &str) -> Option<String> {
    let is_statement = |line: &str| {
        let t = line.trim_end();
        (t.starts_with("import ") && (t.contains(" from ") || t.ends_with(';') || t.contains('{')))
            || (t.starts_with("export ")
                && (t.contains('=') || t.contains('{') || t.contains(" from ") || t.contains("default")))
    };
    // A statement line starts with its keyword: only those places need looking at.
    let bytes = source.as_bytes();
    let mut lines: Vec<std::ops::Range<usize>> = ["import ", "export "]
        .iter()
        .flat_map(|keyword| memchr::memmem::find_iter(bytes, keyword.as_bytes()))
        .filter(|&at| at == 0 || bytes[at - 1] == b'\n')
        .map(|at| at..memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |end| at + end))
        .filter(|line| is_statement(&source[line.clone()]))
        .collect();
    // (Front matter is not prose either: the parser starts after it, see `prose_start`.)
    if lines.is_empty() {
        return None;
    }
    lines.sort_unstable_by_key(|line| line.start);
    let mut out = bytes.to_vec();
    for line in lines {
        // Every byte but line breaks becomes a space: as many spaces as each character has
        // bytes, so that offsets hold.
        out[line].iter_mut().filter(|b| **b != b'\r').for_each(|b| *b = b' ');
    }
    Some(String::from_utf8(out).expect("whole characters were replaced by spaces"))
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Where the Markdown that the parser reads begins: after the front matter, if any. (Skipped,
/// not blanked: a copy of the whole document would cost more than the parse of the sections
/// that are read; and the section cutter skips the same lines.)
fn prose_start(source: &str) -> usize {
    front_matter(source).map_or(0, |range| range.end)
}

pub(super) fn extract(source: &str) -> Vec<Block> {
    let blanked = blank_mdx_statements(source);
    let source = blanked.as_deref().unwrap_or(source);
    let mut state = State::new(source);
    state.parse(prose_start(source)..source.len(), "");
    state.finish();
    state.blocks
}

/// Like [`extract`], but reads in full only the sections that matter: those whose source range
/// passes `wanted`, the sections under a heading that passes it, a section whose last block
/// leads in to a heading that passes it, and a section right after a block that passes it (a
/// pronoun there can reach back). Of every other section only the heading is read (headings
/// decide what later blocks are about); the linter reads nothing else of such a section.
/// Sections are cut only at ATX headings that start a line outside code, HTML and front
/// matter, where CommonMark always starts a new top-level block; so a section parsed alone
/// gives the blocks the whole document would.
pub(super) fn extract_where(source: &str, wanted: &dyn Fn(std::ops::Range<usize>) -> bool) -> Vec<Block> {
    let blanked = blank_mdx_statements(source);
    let source = blanked.as_deref().unwrap_or(source);
    let mut sections = sections::split(source);
    // The first section starts after the front matter.
    let start = prose_start(source);
    if let Some(first) = sections.first_mut() {
        first.start = first.start.max(start).min(first.end);
        first.heading_end = first.heading_end.max(first.start);
    }
    let heading_wanted: Vec<bool> = sections.iter().map(|s| s.level > 0 && wanted(s.start..s.heading_end)).collect();
    let body_wanted: Vec<bool> = sections.iter().map(|s| wanted(s.start..s.end)).collect();
    let mut read = vec![false; sections.len()];
    let mut ancestors: Vec<(u8, bool)> = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        while ancestors.last().is_some_and(|(level, _)| *level >= section.level) {
            ancestors.pop();
        }
        let lead_in = heading_wanted.get(i + 1).copied().unwrap_or(false);
        read[i] = body_wanted[i] || lead_in || ancestors.iter().any(|(_, w)| *w);
        if section.level > 0 {
            ancestors.push((section.level, heading_wanted[i]));
        }
        // A heading inside the section that did not cut it (setext, or after a line the
        // scanner took for HTML) reaches the sections after it, up to an ATX heading of its
        // level or above; where it stands in the body is not known, so the whole body stands
        // for it.
        if section.inner > 0 {
            ancestors.push((section.inner, body_wanted[i]));
        }
    }
    let mut state = State::new(source);
    if read.iter().all(|r| *r) {
        state.parse(start..source.len(), "");
    } else {
        // Link reference definitions anywhere in the document resolve links in every section.
        let definitions = sections::reference_definitions(source);
        for (section, read) in sections.iter().zip(read) {
            // The previous section ends with a block that names a practice: a pronoun at the
            // start of this one may refer to it.
            let after_word = state.blocks.last().is_some_and(|b| wanted(b.source.range()));
            if read || after_word {
                state.parse(section.start..section.end, &definitions);
            } else if section.level > 0 {
                state.parse(section.start..section.heading_end, "");
            }
            state.finish();
        }
    }
    state.finish();
    state.blocks
}

impl<'s> State<'s> {
    fn new(source: &'s str) -> State<'s> {
        State {
            source,
            blocks: Vec::new(),
            current: None,
            lists: Vec::new(),
            table: None,
            quote_depth: 0,
            skip_depth: 0,
            emphasis_depth: 0,
            autolink_depth: 0,
            next_group: 0,
        }
    }

    /// Parses `source[range]` (followed, for the parser only, by `appendix`: link reference
    /// definitions) and adds its blocks.
    fn parse(&mut self, range: std::ops::Range<usize>, appendix: &str) {
        let base = range.start;
        let len = range.end - range.start;
        let owned;
        let text = if appendix.is_empty() {
            &self.source[range]
        } else {
            owned = format!("{}\n\n{appendix}", &self.source[range]);
            &owned[..]
        };
        self.quote_depth = 0;
        self.skip_depth = 0;
        self.emphasis_depth = 0;
        self.autolink_depth = 0;
        self.lists.clear();
        self.table = None;
        for (event, local) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
            if local.start >= len {
                break;
            }
            let range = local.start + base..local.end.min(len) + base;
            self.event(event, range);
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let state = self;
        if state.skip_depth > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. }) => {
                    state.skip_depth += 1;
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) => {
                    state.skip_depth -= 1;
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => start_tag(state, tag, range.start),
            Event::End(tag) => end_tag(state, tag),
            Event::Text(text) => {
                let emphasised = state.emphasis_depth > 0;
                if state.autolink_depth > 0 {
                    state.target(range.start).push_placeholder(range.start, range.end);
                } else if state.source.get(range.clone()) == Some(&*text) {
                    state.target(range.start).push_verbatim(&text, range.start, emphasised);
                } else {
                    state.target(range.start).push_decoded(&text, range.start, range.end, emphasised);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                state.target(range.start).push_placeholder(range.start, range.end);
            }
            Event::SoftBreak | Event::HardBreak => {
                // Rows of fields that did not make a table ("Anna | Berlin | Mentor") keep their
                // line breaks: each row is a record, not a continuation of the one before.
                let source = state.source;
                let before = source.get(..range.start).map_or("", |s| &s[s.rfind('\n').map_or(0, |p| p + 1)..]);
                let after = source.get(range.end..).map_or("", |s| &s[..s.find('\n').unwrap_or(s.len())]);
                // (So do a title or label line that no punctuation ends: see
                // `line_break_ends_sentence`.)
                let records = crate::analysis::text::line_break_ends_sentence(before, after);
                if let Some(current) = state.current.as_mut() {
                    if records {
                        current.push_line_break(range.start, range.end);
                    } else {
                        current.push_space(range.start, range.end);
                    }
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                if html.trim_start().get(..3).is_some_and(|tag| tag.eq_ignore_ascii_case("<br")) {
                    if let Some(current) = state.current.as_mut() {
                        current.push_space(range.start, range.end);
                    }
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }
}

fn start_tag(state: &mut State<'_>, tag: Tag<'_>, at: usize) {
    match tag {
        Tag::Paragraph => {
            if state.table.is_none() && state.current.as_ref().is_some_and(|c| !c.is_blank()) {
                state.finish();
            }
            if state.current.is_none() {
                state.target(at);
            }
        }
        Tag::Heading { level, .. } => state.start(BlockKind::Heading { level: level as u8 }, at, None),
        Tag::BlockQuote(_) => {
            state.finish();
            state.quote_depth = state.quote_depth.saturating_add(1);
        }
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. } => {
            if !matches!(tag, Tag::Image { .. }) {
                state.finish();
            }
            state.skip_depth += 1;
        }
        Tag::List(first) => {
            state.finish();
            let group = state.group();
            state.lists.push(ListState { group, ordered: first.is_some(), item_started: false });
        }
        Tag::Item => {
            state.finish();
            if let Some(list) = state.lists.last_mut() {
                list.item_started = false;
            }
        }
        Tag::Table(_) => {
            state.finish();
            let group = state.group();
            state.table = Some((group, 0, 0, false));
        }
        Tag::TableHead => {
            if let Some(t) = state.table.as_mut() {
                *t = (t.0, 0, 0, true);
            }
        }
        Tag::TableRow => {
            if let Some(t) = state.table.as_mut() {
                *t = (t.0, t.1 + 1, 0, false);
            }
        }
        Tag::TableCell => {
            if let Some((group, row, column, header)) = state.table {
                state.start(BlockKind::TableCell { row, column, header }, at, Some(group));
                state.table = Some((group, row, column + 1, header));
            }
        }
        Tag::Emphasis | Tag::Strong => state.emphasis_depth += 1,
        Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. } => state.autolink_depth += 1,
        Tag::Link { .. } => state.target(at).open_link(),
        Tag::FootnoteDefinition(_) => state.finish(),
        _ => {}
    }
}

fn end_tag(state: &mut State<'_>, tag: TagEnd) {
    match tag {
        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item => state.finish(),
        TagEnd::BlockQuote(_) => {
            state.finish();
            state.quote_depth = state.quote_depth.saturating_sub(1);
        }
        TagEnd::List(_) => {
            state.finish();
            state.lists.pop();
        }
        TagEnd::Table => {
            state.finish();
            state.table = None;
        }
        TagEnd::Emphasis | TagEnd::Strong => state.emphasis_depth = state.emphasis_depth.saturating_sub(1),
        TagEnd::Link => {
            state.autolink_depth = state.autolink_depth.saturating_sub(1);
            if let Some(current) = state.current.as_mut() {
                current.close_link();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::blank_mdx_statements;

    #[test]
    fn blanks_mdx_statements_and_keeps_offsets() {
        let source = "import Tabs from '@theme/Tabs';\r\nWe import ideas.\nexport const coach = { name: 'Zoë' };\n  import x from 'y';\nexport default Page\nimport nothing\n";
        let blanked = blank_mdx_statements(source).expect("statements to blank");
        assert_eq!(blanked.len(), source.len());
        let lines: Vec<&str> = blanked.split('\n').collect();
        assert_eq!(lines[0], format!("{}\r", " ".repeat("import Tabs from '@theme/Tabs';".len())));
        assert_eq!(lines[1], "We import ideas.");
        assert_eq!(lines[2], " ".repeat("export const coach = { name: 'Zoë' };".len()));
        // Indented, it is not a statement (nor is a keyword without what a statement needs).
        assert_eq!(lines[3], "  import x from 'y';");
        assert_eq!(lines[4], " ".repeat("export default Page".len()));
        assert_eq!(lines[5], "import nothing");
        assert_eq!(blank_mdx_statements("Nothing to import here.\nexport"), None);
    }
}
