//! Markdown (CommonMark with GFM tables, footnotes and task lists) via pulldown-cmark.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::builder::BlockBuilder;
use super::{Block, BlockKind};

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

/// MDX's `import` and `export` lines are code: they are blanked (same length, so offsets hold)
/// before the Markdown parser sees the text. JSX elements parse as HTML blocks and are skipped.
fn blank_mdx_statements(source: &str) -> Option<String> {
    let is_statement = |line: &str| {
        let t = line.trim_end();
        (t.starts_with("import ") && (t.contains(" from ") || t.ends_with(';') || t.contains('{')))
            || (t.starts_with("export ")
                && (t.contains('=') || t.contains('{') || t.contains(" from ") || t.contains("default")))
    };
    if !source.lines().any(is_statement) {
        return None;
    }
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        if is_statement(line) {
            for c in line.chars() {
                if c == '\n' || c == '\r' {
                    out.push(c);
                } else {
                    // As many spaces as the character has bytes, so that offsets hold.
                    out.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
            }
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

pub(super) fn extract(source: &str) -> Vec<Block> {
    let blanked = blank_mdx_statements(source);
    let source = blanked.as_deref().unwrap_or(source);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut state = State {
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
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
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
            continue;
        }
        match event {
            Event::Start(tag) => start_tag(&mut state, tag, range.start),
            Event::End(tag) => end_tag(&mut state, tag),
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
                if let Some(current) = state.current.as_mut() {
                    current.push_space(range.start, range.end);
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                if html.trim_start().to_ascii_lowercase().starts_with("<br") {
                    if let Some(current) = state.current.as_mut() {
                        current.push_space(range.start, range.end);
                    }
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
        }
    }
    state.finish();
    state.blocks
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
        TagEnd::Link => state.autolink_depth = state.autolink_depth.saturating_sub(1),
        _ => {}
    }
}
