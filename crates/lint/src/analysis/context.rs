//! Context: what each block is about, from the headings above it, the lead-in of its list, and
//! the row and column headers of its table cell.
//!
//! The article's traits are often listed under a heading that names the practice once
//! ("## Coaching" followed by bullets). The topic found here is what a trait in such a block is
//! said of when its own sentence names no practice.

use std::collections::HashMap;
use std::sync::LazyLock;

use cm_core::Practice;
use regex::Regex;

use super::Analysis;
use crate::prose::BlockKind;

/// The practice a block is about, and where it was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Topic {
    pub practice: Practice,
    /// The mention (index into `Analysis::mentions`) that names it.
    pub mention: usize,
    /// A heading between the naming and the block negates what is listed ("What you won't do").
    pub negated: bool,
    /// The naming is as close as the same sentence: the row of a table, or a fragment right under
    /// its heading.
    pub local: bool,
}

#[derive(Debug, Clone, Copy)]
enum Naming {
    Nothing,
    One(Practice, usize),
    Both,
}

struct Entry {
    level: u8,
    naming: Naming,
    negating: bool,
}

const PSEUDO_LEVEL: u8 = 7;

static NEGATING_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(won't|will not|don't|do not|doesn't|does not|never|avoid|myths?|isn't|is not|aren't|are not|not for|not)(?-u:\b)")
        .expect("valid")
});

/// What the practice words of a block name.
fn naming(analysis: &Analysis<'_>, block: usize) -> Naming {
    let mut found: Option<(Practice, usize)> = None;
    for idx in analysis.views[block].mentions.clone() {
        let m = &analysis.mentions[idx];
        if !m.sense || m.excluded || m.is_client() {
            continue;
        }
        if m.meta || m.joint {
            if found.is_some_and(|(p, _)| p != m.practice()) || m.joint {
                return Naming::Both;
            }
            continue;
        }
        match found {
            None => found = Some((m.practice(), idx)),
            Some((p, _)) if p != m.practice() => return Naming::Both,
            Some(_) => {}
        }
    }
    found.map_or(Naming::Nothing, |(p, idx)| Naming::One(p, idx))
}

fn effective(stack: &[Entry]) -> Option<Topic> {
    let mut negated = false;
    for entry in stack.iter().rev() {
        negated |= entry.negating;
        match entry.naming {
            Naming::One(practice, mention) => return Some(Topic { practice, mention, negated, local: false }),
            Naming::Both => return None,
            Naming::Nothing => {}
        }
    }
    None
}

fn is_pseudo_heading(analysis: &Analysis<'_>, block: usize) -> bool {
    let b = &analysis.blocks[block];
    let view = &analysis.views[block];
    let next_is_list = analysis.blocks.get(block + 1).is_some_and(|n| matches!(n.kind, BlockKind::ListItem { .. }));
    match b.kind {
        BlockKind::Term => true,
        BlockKind::Paragraph => {
            let text = b.text.trim_end();
            (b.emphasised && view.tokens.len() <= 14)
                || (text.ends_with(':') && next_is_list)
                || (view.tokens.len() <= 5 && text.ends_with(','))
        }
        _ => false,
    }
}

/// Sets `topic` on every block view.
pub(crate) fn assign_topics(analysis: &mut Analysis<'_>) {
    let mut stack: Vec<Entry> = Vec::new();
    let mut topics = Vec::with_capacity(analysis.blocks.len());
    for block in 0..analysis.blocks.len() {
        let kind = analysis.blocks[block].kind;
        let level = match kind {
            BlockKind::Heading { level } => Some(level),
            _ if is_pseudo_heading(analysis, block) => Some(PSEUDO_LEVEL),
            _ => None,
        };
        if let Some(level) = level {
            while stack.last().is_some_and(|e| e.level >= level) {
                stack.pop();
            }
            topics.push(effective(&stack));
            let negating = NEGATING_HEADING.is_match(&analysis.views[block].norm)
                && !analysis.views[block].norm.contains("not sure")
                && analysis.views[block].tokens.len() <= 10;
            stack.push(Entry { level, naming: naming(analysis, block), negating });
        } else {
            let mut topic = effective(&stack);
            if let Some(t) = topic.as_mut() {
                t.local = analysis.views[block].fragment;
                // A negating heading ("What you won't do") negates the items listed under it; a
                // full paragraph below it carries its own polarity.
                t.negated &= analysis.views[block].fragment;
            }
            topics.push(topic);
        }
    }
    let table_topics = table_topics(analysis);
    for (block, topic) in topics.into_iter().enumerate() {
        analysis.views[block].topic = table_topics.get(&block).copied().or(topic);
    }
}

/// Row and column topics of table cells: a cell is about the practice its row's first cell or
/// its column's header names.
fn table_topics(analysis: &Analysis<'_>) -> HashMap<usize, Topic> {
    let mut cells: HashMap<(u32, u32, u32), usize> = HashMap::new();
    for (idx, b) in analysis.blocks.iter().enumerate() {
        if let (BlockKind::TableCell { row, column, .. }, Some(group)) = (b.kind, b.group) {
            cells.insert((group, row, column), idx);
        }
    }
    let one = |block: usize| match naming(analysis, block) {
        Naming::One(practice, mention) => Some(Topic { practice, mention, negated: false, local: true }),
        _ => None,
    };
    // A header written without its empty corner cell ("| Coaching | Mentoring | |" over rows
    // that start with a label): each header names the column to its right. Seen when the
    // header's first two cells name the two practices, its last cell is empty, and the rows'
    // first cells name neither.
    let mut shifted: HashMap<u32, bool> = HashMap::new();
    let is_shifted = |group: u32| {
        let practice = |column: u32| cells.get(&(group, 0, column)).and_then(|&b| one(b)).map(|t| t.practice);
        // (An empty cell makes no block: the header's last column is one the rows fill and the
        // header does not.)
        let widest = |header: bool| cells.keys().filter(|k| k.0 == group && (k.1 == 0) == header).map(|k| k.2).max();
        let last_empty = matches!((widest(true), widest(false)), (Some(h), Some(b)) if b > h);
        let labels_plain = cells
            .iter()
            .filter(|(k, _)| k.0 == group && k.1 > 0 && k.2 == 0)
            .all(|(_, &b)| analysis.views[b].mentions.is_empty());
        matches!((practice(0), practice(1)), (Some(a), Some(b)) if a != b) && last_empty && labels_plain
    };
    let mut out = HashMap::new();
    for (&(group, row, column), &block) in &cells {
        let shift = *shifted.entry(group).or_insert_with(|| is_shifted(group));
        let header = if shift { column.checked_sub(1) } else { Some(column) };
        let row_topic = if column > 0 { cells.get(&(group, row, 0)).and_then(|&b| one(b)) } else { None };
        let column_topic =
            if row > 0 { header.and_then(|h| cells.get(&(group, 0, h))).and_then(|&b| one(b)) } else { None };
        if let Some(topic) = row_topic.or(column_topic) {
            out.insert(block, topic);
        }
    }
    out
}
