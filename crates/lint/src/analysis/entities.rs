//! Entities: people, programmes and documents bound to one practice by how the text names them
//! ("Jo is your coach", "your mentor, Priya Shah", "the Catalyst coaching programme",
//! "this mentoring policy"). Traits said of a bound name go to its practice, and one entity
//! named with both practices' words is inconsistent naming.

use cm_core::{Practice, Role};

use super::text::{self, Token, TokenKind};
use super::Analysis;

/// What kind of thing a binding names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum EntityKind {
    /// A named person, or the reader ("you").
    Person,
    /// A programme, scheme or cohort with a name of its own.
    Programme,
    /// A thing known by a head noun: "the coaching agreement", "this mentoring policy".
    Thing,
}

/// One naming of an entity with a practice word.
#[derive(Debug, Clone)]
pub(crate) struct Binding {
    pub kind: EntityKind,
    /// The entity's name words, lower-case (or the head noun for a thing).
    pub names: Vec<String>,
    pub practice: Practice,
    /// The mention that gives the practice.
    pub mention: usize,
    /// The naming uses a demonstrative ("this mentoring relationship").
    pub demonstrative: bool,
}

const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "your",
    "our",
    "their",
    "my",
    "his",
    "her",
    "this",
    "that",
    "these",
    "those",
    "each",
    "every",
    "all",
    "any",
    "some",
    "please",
    "if",
    "when",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "with",
    "and",
    "or",
    "but",
    "we",
    "you",
    "i",
    "he",
    "she",
    "they",
    "it",
    "meet",
    "ask",
    "contact",
    "dear",
    "hi",
    "hello",
    "thanks",
    "thank",
    "welcome",
    "coach",
    "mentor",
    "client",
    "mentee",
    "coaching",
    "mentoring",
    "mentorship",
    "week",
    "month",
    "q",
    "yes",
    "no",
    "note",
    "next",
    "step",
    "date",
    "name",
    "participant",
    "manager",
    "buddy",
    "start",
    "remember",
    "what",
    "who",
    "how",
    "why",
    "where",
    "is",
    "are",
    "will",
    "can",
    "as",
    "about",
    "after",
    "before",
    "during",
    "new",
    "not",
    "one",
    "two",
    "subject",
    "job",
    "title",
    "location",
    "role",
    "team",
    "programme",
    "program",
];

/// Calendar words name no person ("my coach since March"), though they can name a programme
/// ("the Thursday coaching circle").
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "tomorrow",
];

/// Head nouns of things a document names with a practice word.
const HEADS: &[&str] = &[
    "relationship",
    "agreement",
    "policy",
    "programme",
    "program",
    "scheme",
    "contract",
    "partnership",
    "engagement",
    "guidelines",
    "handbook",
    "charter",
    "framework",
    "pilot",
];

const TITLES: &[&str] = &["mr", "ms", "mrs", "dr", "prof", "mx"];

struct Reader<'a> {
    text: &'a str,
    norm: &'a str,
    tokens: &'a [Token],
}

impl Reader<'_> {
    fn word(&self, idx: usize) -> &str {
        self.tokens.get(idx).map_or("", |t| t.text(self.norm))
    }

    fn is_capitalised(&self, idx: usize) -> bool {
        self.tokens.get(idx).is_some_and(|t| {
            t.kind == TokenKind::Word && self.text[t.start..].chars().next().is_some_and(char::is_uppercase)
        })
    }

    fn is_name_word(&self, idx: usize) -> bool {
        self.is_capitalised(idx) && !NOT_NAMES.contains(&text::without_possessive(self.word(idx)))
    }

    /// A capitalised name starting at `idx` (titles allowed), as lower-case words.
    fn name_from(&self, mut idx: usize) -> Option<Vec<String>> {
        if TITLES.contains(&self.word(idx)) {
            idx += 1;
            if self.word(idx) == "." {
                idx += 1;
            }
        }
        let mut out = Vec::new();
        while out.len() < 3 && self.is_name_word(idx) {
            out.push(text::without_possessive(self.word(idx)).to_string());
            idx += 1;
        }
        (!out.is_empty()).then_some(out)
    }

    /// A capitalised name ending at `idx`.
    fn name_before(&self, idx: usize) -> Option<Vec<String>> {
        let mut first = idx;
        let mut count = 0;
        while count < 3 && self.is_name_word(first) {
            count += 1;
            if first == 0 {
                break;
            }
            first -= 1;
        }
        if count == 0 {
            return None;
        }
        let start = if self.is_name_word(first) { first } else { first + 1 };
        self.name_from(start)
    }
}

const MODIFIERS: &[&str] = &[
    "your",
    "their",
    "his",
    "her",
    "my",
    "our",
    "the",
    "a",
    "an",
    "best",
    "new",
    "internal",
    "external",
    "senior",
    "assigned",
    "dedicated",
    "own",
    "official",
    "first",
];

/// Finds every binding in the document.
pub(crate) fn bind(analysis: &Analysis<'_>) -> Vec<Binding> {
    let mut out = Vec::new();
    let mut positional_names: Vec<Binding> = Vec::new();
    for (idx, m) in analysis.mentions.iter().enumerate() {
        if !m.sense || m.meta || m.is_client() {
            continue;
        }
        let view = &analysis.views[m.block];
        let reader = Reader { text: &analysis.blocks[m.block].text, norm: &view.norm, tokens: &view.tokens };
        let mut push = |kind, names: Vec<String>, demonstrative| {
            if kind == EntityKind::Person && names.iter().any(|n| CALENDAR.contains(&n.as_str())) {
                return;
            }
            out.push(Binding { kind, names, practice: m.practice(), mention: idx, demonstrative });
        };
        let t = m.token;
        match m.role() {
            Role::Guide if !m.verb => {
                if let Some(names) = person_after(&reader, t).or_else(|| person_before(&reader, analysis, m.block, t)) {
                    push(EntityKind::Person, names, false);
                }
                if reader.word(t + 1) == "(" && matches!(reader.word(t + 3), "programme" | "program" | "scheme") {
                    if let Some(names) = reader.name_from(t + 2) {
                        push(EntityKind::Programme, names, false);
                    }
                }
            }
            Role::Activity => {
                if reader.word(t + 1) == "with" {
                    if let Some(names) = reader.name_from(t + 2) {
                        push(EntityKind::Person, names, false);
                    }
                }
                let prev = reader.word(t.wrapping_sub(1));
                if (prev.ends_with("'s") || prev.ends_with("’s")) && reader.is_name_word(t - 1) {
                    if let Some(names) = reader.name_from(t - 1) {
                        push(EntityKind::Person, names, false);
                    }
                }
                if !m.verb && HEADS.contains(&reader.word(t + 1)) {
                    let det = reader.word(t.wrapping_sub(1));
                    let heading = matches!(analysis.blocks[m.block].kind, crate::prose::BlockKind::Heading { .. });
                    if matches!(det, "your" | "this" | "the" | "our" | "that") || heading {
                        push(EntityKind::Thing, vec![reader.word(t + 1).to_string()], matches!(det, "this" | "that"));
                    }
                }
            }
            _ => {}
        }
        // A programme name written just before the practice word: "Catalyst coaching".
        // Not before a verb ("Actively mentors others") or after an adverb.
        if t > 0
            && !m.verb
            && reader.is_name_word(t - 1)
            && !reader.word(t - 1).ends_with("'s")
            && !reader.word(t - 1).ends_with("ly")
        {
            if let Some(names) = reader.name_before(t - 1) {
                // A capital at the start of a sentence or list item is there for its position,
                // not for a name: "Experience coaching new hires" names no programme. A name
                // there counts when the practice word is capitalised with it ("Experience
                // Coaching"), or when the document also uses it as a name elsewhere (below).
                let first = analysis.sentences[m.sentence].tokens.start;
                let name_start = t.saturating_sub(names.len());
                let positional =
                    (first..name_start).all(|i| view.tokens.get(i).is_some_and(|tok| tok.kind != TokenKind::Word));
                if !positional || m.capitalised {
                    push(EntityKind::Programme, names, false);
                } else {
                    positional_names.push(Binding {
                        kind: EntityKind::Programme,
                        names,
                        practice: m.practice(),
                        mention: idx,
                        demonstrative: false,
                    });
                }
            }
        }
    }
    // A name found only at the start of sentences is a name when the document also uses it as
    // one where its capital proves it.
    for candidate in positional_names {
        if out.iter().any(|b| b.kind == EntityKind::Programme && b.names == candidate.names) {
            out.push(candidate);
        }
    }
    // In the document's order, which decides which naming comes first.
    out.sort_by_key(|b| b.mention);
    out
}

/// "your coach, Dana Reyes", "Coach: Jane Okafor", "your mentor Jane", "your mentor is Priya".
fn person_after(r: &Reader<'_>, t: usize) -> Option<Vec<String>> {
    let next = r.word(t + 1);
    let prev = r.word(t.wrapping_sub(1));
    let determined = MODIFIERS.contains(&prev) || t == 0;
    match next {
        "," | "(" | ":" if determined => r.name_from(t + 2),
        "is" | "was" if determined => r.name_from(t + 2),
        "will" | "has" if matches!(r.word(t + 2), "be" | "been") && determined => r.name_from(t + 3),
        _ if matches!(prev, "your" | "my" | "their") => r.name_from(t + 1),
        _ => None,
    }
}

/// "Dana, your mentor", "Lena (mentor)", "Jo is your coach", "she's the best mentor",
/// "As their mentor, you", "you are their coach".
fn person_before(r: &Reader<'_>, analysis: &Analysis<'_>, block: usize, t: usize) -> Option<Vec<String>> {
    let mut i = t;
    while i > 0 && (MODIFIERS.contains(&r.word(i - 1)) || r.word(i - 1).ends_with("'s") && r.is_capitalised(i - 1)) {
        i -= 1;
    }
    if i == 0 {
        return None;
    }
    let before = r.word(i - 1);
    if matches!(before, "," | "(") && i >= 2 {
        return r.name_before(i - 2);
    }
    if before == "as" && r.word(t + 1) == "," && r.word(t + 2) == "you" {
        return Some(vec!["you".to_string()]);
    }
    let copula = matches!(before, "is" | "was" | "been" | "be" | "are" | "'s");
    let fused = before.ends_with("'s") || before.ends_with("’s");
    if !(copula || fused) {
        return None;
    }
    let mut s = if fused { i - 1 } else { i.checked_sub(2)? };
    if !fused {
        while s > 0 && matches!(r.word(s), "has" | "have" | "will" | "would" | "had" | "always" | "also") {
            s -= 1;
        }
    }
    let subject = text::without_possessive(r.word(s));
    match subject {
        "you" => Some(vec!["you".to_string()]),
        "she" | "he" => preceding_name(analysis, block, s),
        _ => r.name_before(s),
    }
}

/// The nearest capitalised name before token `before` in this block or the one before it.
fn preceding_name(analysis: &Analysis<'_>, block: usize, before: usize) -> Option<Vec<String>> {
    for b in (block.saturating_sub(1)..=block).rev() {
        let view = &analysis.views[b];
        let r = Reader { text: &analysis.blocks[b].text, norm: &view.norm, tokens: &view.tokens };
        let end = if b == block { before } else { view.tokens.len() };
        for idx in (0..end).rev() {
            if r.is_name_word(idx) && !r.is_name_word(idx.wrapping_sub(1)) && !CALENDAR.contains(&r.word(idx)) {
                return r.name_from(idx);
            }
        }
    }
    None
}
