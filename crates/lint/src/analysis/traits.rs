//! Traits: which practice each cue phrase is said of, whether it is asserted or denied, and
//! whether that contradicts the article.
//!
//! A cue of practice X asserted of practice Y, or a cue of practice Y denied of Y, is a
//! mismatch. Questions, rejected claims, hypotheticals and joint statements assert nothing.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use cm_core::{Cue, Dimension, Practice, Role, Strength};
use regex::Regex;

use super::entities::EntityKind;
use super::mentions::quoted_ranges;
use super::patterns::CUE_TABLE;
use super::relations::{self, Holder};
use super::text::{self, is_clause_boundary, Token, TokenKind};
use super::{Analysis, BlockView, Sentence};

/// How a cue found the practice it is said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// A practice word in the same sentence.
    Sentence(usize),
    /// A pronoun whose antecedent is this mention.
    Pronoun(usize),
    /// A person or programme bound to a practice by an earlier naming (the naming mention).
    Name(usize),
    /// The heading, list lead-in or table header naming the topic.
    Topic(usize),
    /// The last practice word earlier in the paragraph.
    Previous(usize),
}

impl Anchor {
    pub fn mention(self) -> usize {
        match self {
            Anchor::Sentence(m) | Anchor::Pronoun(m) | Anchor::Name(m) | Anchor::Topic(m) | Anchor::Previous(m) => m,
        }
    }
}

/// A trait said of a practice that the article gives to the other one, or denies it.
#[derive(Debug, Clone)]
pub(crate) struct TraitFinding {
    pub block: usize,
    pub sentence: usize,
    /// The cue's byte range in the block's text.
    pub start: usize,
    pub end: usize,
    pub cue: &'static Cue,
    /// The practice the text talks about.
    pub practice: Practice,
    /// The practice whose trait the cue is.
    pub trait_practice: Practice,
    /// The cue is denied ("does not give advice").
    pub negated: bool,
    pub anchor: Anchor,
}

/// A sentence that opens with "Myth".
static MYTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\W*myths?(?-u:\b)").expect("valid"));
/// Words that report a claim. (Apart from [`MYTH`], so that the search can skip ahead to these
/// words' letters.)
static NEUTRAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)some (?:people |managers |leaders |teams )?(?:say|think|believe|claim|assume|describe|define|treat|see)(?-u:\b)|(?-u:\b)people (?:often |sometimes )?(?:think|assume|believe|say|expect)(?-u:\b)|(?-u:\b)you may hear(?-u:\b)|(?-u:\b)it['’]?s a myth(?-u:\b)|(?-u:\b)misconception(?-u:\b)|(?-u:\b)get wrong(?-u:\b)|(?-u:\b)decided against(?-u:\b)|(?-u:\b)we considered(?-u:\b)",
    )
    .expect("valid")
});

static REJECTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:isn['’]t|is not|aren['’]t|are not|wasn['’]t|stopped|stop)\s+(?:really\s+)?(coaching|mentoring)(?-u:\b)")
        .expect("valid")
});

static QUOTE_REJECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:removed|isn['’]t right|is not right|isn['’]t true|not true|is wrong|that described|rewritten|if that['’]s true|if that is true|myth|we hear this|no longer|out of date|outdated|incorrect|misleading|it isn['’]t|that['’]s not|that is not|(?:isn['’]t|is not|not) how we|used to say|old intranet|old page|old wording)(?-u:\b)",
    )
    .expect("valid")
});

/// True when a sentence reports a claim in order to reject it, or a misconception.
pub(crate) fn is_neutral(sentence: &str) -> bool {
    MYTH.is_match(sentence) || NEUTRAL.is_match(sentence)
}

/// Whether a sentence's first words (lower-cased) say what we, I or people think: "we think",
/// "I believe", "many people assume", "we often feel".
pub(crate) fn opens_with_a_belief(words: &[&str]) -> bool {
    let mut rest = words;
    if let [first, tail @ ..] = rest {
        if matches!(*first, "many" | "most" | "some") {
            rest = tail;
        }
    }
    let [holder, tail @ ..] = rest else { return false };
    if !matches!(*holder, "we" | "i" | "people") {
        return false;
    }
    let verb = match tail {
        [adverb, verb, ..] if matches!(*adverb, "often" | "sometimes" | "usually" | "may" | "might") => verb,
        [verb, ..] => verb,
        [] => return false,
    };
    super::lexicon::is_opinion_verb(verb)
}

/// Whether a sentence's first words (lower-cased) open with a contrast: "However, ...",
/// "But ...", "In fact, ...", "In reality, ...", "Actually, ...".
pub(crate) fn opens_with_a_contrast(words: &[&str]) -> bool {
    match words {
        [first, second, ..] if *first == "in" => matches!(*second, "fact" | "reality" | "truth" | "practice"),
        [first, ..] => matches!(*first, "however" | "but" | "yet" | "actually"),
        [] => false,
    }
}

/// The practice a sentence says something is not ("a coach who gives advice isn't coaching").
pub(crate) fn rejected_practice(sentence: &str) -> Option<Practice> {
    // Built once: building a substring finder costs more than most sentences take to scan.
    static WORDS: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        LazyLock::new(|| [memchr::memmem::Finder::new("coaching"), memchr::memmem::Finder::new("mentoring")]);
    if WORDS.iter().all(|word| word.find(sentence.as_bytes()).is_none()) {
        return None;
    }
    let caps = REJECTS.captures(sentence)?;
    match caps.get(1)?.as_str() {
        "coaching" => Some(Practice::Coaching),
        _ => Some(Practice::Mentoring),
    }
}

/// Quoted passages of four words or more that the text rejects, as byte ranges.
///
/// A quote is rejected when a rejecting phrase stands before it in the block, or after it up to
/// the end of the next sentence (or at the start of the next block). "Before it in the block" is
/// read once for the whole block, not once per quote: the quotes come in order, each phrase is
/// at most [`LONGEST_REJECTION`] bytes long, and a phrase found before one quote stands before
/// every later one.
pub(crate) fn rejected_quotes(
    norm: &str,
    sentences: &[(usize, usize)],
    next_block: Option<&str>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // How far the text before the quotes has been read, and whether a phrase was found in it.
    let mut read_to = 0;
    let mut before = false;
    for (qs, qe) in quoted_ranges(norm) {
        if norm[qs..qe].split_whitespace().count() < 4 {
            continue;
        }
        // Sentences are in order and do not overlap: the first that ends at or after the quote.
        let idx = sentences.partition_point(|&(_, e)| e < qs);
        if sentences.get(idx).is_none_or(|&(s, _)| s > qs) {
            continue;
        }
        let after_end = sentences.get(idx + 2).map_or(norm.len(), |&(_, e)| e);
        if !before {
            before = QUOTE_REJECTION.is_match(&norm[word_start_before(norm, read_to)..qs]);
            read_to = qs;
        }
        // A phrase that runs from before the quote into the text after it (as the two are
        // joined with a space), or stands after it.
        let joined = format!("{} {}", &norm[word_start_before(norm, qs)..qs], &norm[qe.min(after_end)..after_end]);
        let next = next_block.map_or("", |n| &n[..n.len().min(n.char_indices().nth(160).map_or(n.len(), |(i, _)| i))]);
        if before || QUOTE_REJECTION.is_match(&joined) || QUOTE_REJECTION.is_match(next) {
            out.push((qs, qe));
        }
    }
    out
}

/// The longest text [`QUOTE_REJECTION`] matches, in bytes, with room to spare.
const LONGEST_REJECTION: usize = 32;

/// A place at least [`LONGEST_REJECTION`] bytes before `at` (or the start) right after an ASCII
/// byte that is not a word character: a search from there sees the same word boundaries as a
/// search of the whole text, and finds every match that ends at or after `at`.
fn word_start_before(norm: &str, at: usize) -> usize {
    let bytes = norm.as_bytes();
    let mut i = at.saturating_sub(LONGEST_REJECTION);
    while i > 0 && !(bytes[i - 1].is_ascii() && !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'_') {
        i -= 1;
    }
    i
}

/// How far from a cue (in tokens, either way) the checks that look around it in its sentence
/// reach: a sentence is rarely longer, and a text with no sentence ends must not make every
/// cue read all of it.
const NEAR_TOKENS: usize = 48;

/// Whether one of `ranges` (in order, not overlapping) holds `start..end`: a binary search.
pub(crate) fn within_any(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let after = ranges.partition_point(|&(s, _)| s <= start);
    ranges[..after].last().is_some_and(|&(_, e)| end <= e)
}

struct Ctx<'a, 's> {
    analysis: &'a Analysis<'s>,
    person_names: HashMap<String, Option<(Practice, usize)>>,
    /// For the block judged last: for each of its mentions k (from the block's first), the last
    /// usable mention before k, without and with the guide-only condition. Built once a block,
    /// so that looking back through a paragraph's sentences costs nothing per cue.
    previous: std::cell::RefCell<Option<(usize, UsableBefore)>>,
    /// Look-up tables of the view judged last, built on its first cue.
    tables: std::cell::RefCell<Tables>,
    /// The parses of the block judged last, by sentence: a sentence holds many cues, and the
    /// cues are judged one kind at a time, so each sentence is asked for again and again.
    parsed: std::cell::RefCell<(usize, HashMap<usize, std::rc::Rc<relations::Parsed<'a>>>)>,
    /// The reading of each "if" clause met, by (block, token of "if"): the comma where its main
    /// clause begins and what that clause makes of it (`None`: no comma, a hypothetical). Every
    /// cue of a long sentence after one "if" asks the same question.
    ifs: std::cell::RefCell<HashMap<(usize, usize), IfReading>>,
}

/// The reading of an "if" clause: the comma where the main clause begins and what a cue inside
/// the "if" clause comes to (`None`: no comma ends it).
type IfReading = Option<(usize, Conditional)>;

/// For each mention of a block (from its first), the last usable mention before it: without and
/// with the guide-only condition.
type UsableBefore = [Vec<Option<usize>>; 2];

/// Per-token look-ups of one view, so that a cue needs no walk back through its sentence to
/// find what stands before it. `u32::MAX` is none.
#[derive(Default)]
struct Tables {
    /// The view's address (the views do not move while they are judged); 0 before the first.
    key: usize,
    /// The first mention at each token, from the block's first mention.
    mention: Vec<u32>,
    /// For each token index (and one past the last), the last "if" or "unless" before it.
    last_if: Vec<u32>,
    /// For each token index (and one past the last), the last clause boundary before it.
    last_boundary: Vec<u32>,
    /// For each token index (and one past the last), the last word before it that [`negated`]
    /// may count: a clause without one is not negated, and needs no reading.
    last_negator: Vec<u32>,
    /// The token indices of the words [`negated`] counts, in order.
    negators: Vec<u32>,
    /// For each token index (and one past the last), the last belief conceded with a modal
    /// ("may think", "might believe") before it: the token of its verb.
    last_concession: Vec<u32>,
}

/// The words [`negated`] counts (some only before a certain next word).
fn may_negate(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "never"
            | "cannot"
            | "nobody"
            | "neither"
            | "nor"
            | "avoid"
            | "avoiding"
            | "avoids"
            | "resist"
            | "refrain"
            | "myth"
            | "no"
            | "without"
            | "none"
            | "lack"
            | "absence"
            | "rather"
            | "instead"
            | "from"
    ) || word.ends_with("n't")
        || word.ends_with("n’t")
        || is_mistaking(word)
}

/// Forms of the verbs of mistaking one thing for another ("confused with advisors", "mistaken
/// for a mentor"): what the thing is taken for is what it is not.
fn is_mistaking(word: &str) -> bool {
    matches!(
        word,
        "confuse"
            | "confused"
            | "confuses"
            | "confusing"
            | "mistake"
            | "mistaken"
            | "mistakes"
            | "mistook"
            | "conflate"
            | "conflated"
            | "conflates"
            | "conflating"
    )
}

/// `Some(index)` when a table entry holds one at or after `from`.
fn at_or_after(entry: u32, from: usize) -> Option<usize> {
    (entry != u32::MAX).then_some(entry as usize).filter(|&i| i >= from)
}

/// Judges every cue of the document.
pub(crate) fn judge(analysis: &Analysis<'_>) -> Vec<TraitFinding> {
    let mut person_names: HashMap<String, Option<(Practice, usize)>> = HashMap::new();
    for b in analysis.bindings.iter().filter(|b| b.kind == EntityKind::Person) {
        for name in &b.names {
            person_names
                .entry(name.clone())
                .and_modify(|e| {
                    if e.is_some_and(|(p, _)| p != b.practice) {
                        *e = None;
                    }
                })
                .or_insert(Some((b.practice, b.mention)));
        }
    }
    let ctx = Ctx {
        analysis,
        person_names,
        previous: std::cell::RefCell::new(None),
        tables: std::cell::RefCell::new(Tables::default()),
        parsed: std::cell::RefCell::new((usize::MAX, HashMap::new())),
        ifs: std::cell::RefCell::new(HashMap::new()),
    };
    let mut out = Vec::new();
    // Every focus cue's place and practice, for the foci listed together (below).
    let mut foci: Vec<(usize, usize, usize, Practice)> = Vec::new();
    for (block, view) in analysis.views.iter().enumerate() {
        // A trait can only be said of a practice named here, by a heading above, or a block or
        // two before (a pronoun's antecedent); other blocks need no cue matching.
        let near_mention = (block.saturating_sub(2)..=block).any(|b| !analysis.views[b].mentions.is_empty());
        if view.topic.is_none() && !near_mention {
            continue;
        }
        let scan = CUE_TABLE.scan(&view.norm);
        for &cue_idx in &scan.cues {
            let compiled = &CUE_TABLE.cues[cue_idx];
            // A supporting cue is never judged on its own (`judge_hit` turns every hit of one
            // down first): no need to look for it.
            if compiled.cue.strength == Strength::Support {
                continue;
            }
            for (start, end) in CUE_TABLE.find(cue_idx, &view.norm, &scan) {
                if compiled.cue.dimension == Dimension::Focus {
                    foci.push((block, start, end, compiled.cue.practice));
                }
                if let Some(finding) = ctx.judge_hit(block, view, compiled.cue, start, end) {
                    out.push(finding);
                }
            }
        }
    }
    // A focus listed with the practice's own ("coaching for improving performance and
    // accelerating career growth") is one aim among several, not what defines it.
    out.retain(|f| !listed_with_own_focus(analysis, &foci, f));
    out.extend(ctx.agenda_drivers(&out));
    out.extend(ctx.date_terms(&out));
    out.retain(|f| !ctx.continuing_within_a_stated_length(f));
    out.sort_by_key(|f| (f.block, f.start));
    out
}

/// Whether a mention can hold a term given by dates: a use of the word in its sense, not
/// joined to the other practice's word, and not a customer called a client.
fn holds_a_term(m: &super::mentions::Mention) -> bool {
    m.is_use() && m.sense && !m.joint && !m.is_client()
}

/// Whether a finding of focus stands in a list with a focus of its own practice: the two
/// joined by "and", "or" or a comma, at most three words apart, with no sentence or clause
/// break between them.
fn listed_with_own_focus(analysis: &Analysis<'_>, foci: &[(usize, usize, usize, Practice)], f: &TraitFinding) -> bool {
    if f.cue.dimension != Dimension::Focus || f.negated {
        return false;
    }
    let norm = &analysis.views[f.block].norm;
    foci.iter().filter(|h| h.0 == f.block && h.3 == f.practice && h.3 != f.trait_practice).any(|&(_, start, end, _)| {
        let gap = if end <= f.start {
            norm.get(end..f.start)
        } else if f.end <= start {
            norm.get(f.end..start)
        } else {
            None
        };
        gap.is_some_and(|gap| {
            let words: Vec<&str> = gap.split_whitespace().collect();
            let joined =
                words.iter().any(|w| matches!(*w, "and" | "or" | "," | "&")) || gap.trim_start().starts_with(',');
            joined && words.len() <= 4 && !gap.contains(['.', ';', ':', '!', '?'])
        })
    })
}

/// The agenda-driver concept, for findings made by structure rather than by a cue phrase.
static AGENDA_DRIVER: Cue = Cue {
    pattern: "(agenda driver: who leads, drives, owns or sets the agenda or the meetings)",
    practice: Practice::Mentoring,
    dimension: Dimension::Agenda,
    strength: Strength::Strong,
    setter: true,
};

/// The term concept given by dates, for findings made by structure rather than by a cue phrase.
static DATE_TERM: Cue = Cue {
    pattern: "(a term given as dates: the engagement runs from one date to another)",
    practice: Practice::Coaching,
    dimension: Dimension::Duration,
    strength: Strength::Strong,
    setter: false,
};

const PERSON_PRONOUNS: &[&str] = &[
    "they",
    "she",
    "he",
    "they'll",
    "she'll",
    "he'll",
    "they've",
    "she's",
    "he's",
    "they're",
    "they’ll",
    "she’ll",
    "he’ll",
    "they’ve",
    "she’s",
    "he’s",
    "they’re",
    "they'd",
    "she'd",
    "he'd",
];
const THING_PRONOUNS: &[&str] = &["it", "it's", "it’s", "it'll"];

impl<'a> Ctx<'a, '_> {
    /// Agenda drivers named by the sentence's structure whose driver is a practice word: the
    /// person guided driving (the coaching trait of a client-driven agenda), or the guide
    /// setting the agenda proper (mentoring's). Sentences that a cue already judged for the
    /// agenda are left to it.
    fn agenda_drivers(&self, found: &[TraitFinding]) -> Vec<TraitFinding> {
        let analysis = self.analysis;
        let mut out = Vec::new();
        // Sentences with an agenda trait from a cue already: one table, not a scan per sentence.
        let mut has_agenda = vec![false; analysis.sentences.len()];
        for f in found.iter().filter(|f| f.cue.dimension == Dimension::Agenda) {
            if let Some(slot) = has_agenda.get_mut(f.sentence) {
                *slot = true;
            }
        }
        for (idx, sentence) in analysis.sentences.iter().enumerate() {
            if sentence.question || sentence.neutral || has_agenda[idx] {
                continue;
            }
            let view = &analysis.views[sentence.block];
            // A sentence without a practice word may still name a driver: "you", under a heading
            // that addresses the reader as a role.
            let reader = if sentence.mentions.is_empty() { self.reader_addressed_as(view) } else { None };
            // (Or a person's pronoun as a responsibility's owner: "it is her responsibility to
            // drive the agenda".)
            // (The pronoun is looked for first: most sentences have none.)
            let owner_pronoun = || {
                let words = || view.tokens[sentence.tokens.clone()].iter().map(|t| t.text(&view.norm));
                words().any(|w| matches!(w, "her" | "his" | "their"))
                    && words().any(|w| super::lexicon::ROLE_NOUNS.contains(w))
            };
            if sentence.mentions.is_empty() && reader.is_none() && !owner_pronoun() {
                continue;
            }
            // Only a sentence that names an agenda, meetings or a relationship can have a
            // driver of one: the others are not parsed.
            let names_object = view.tokens[sentence.tokens.clone()]
                .iter()
                .any(|t| super::lexicon::AGENDA_OBJECTS.contains(t.text(&view.norm)));
            if !names_object {
                continue;
            }
            let parsed = self.parse(sentence.block, idx);
            for driver in relations::agenda_drivers(&parsed, sentence) {
                let you = || {
                    let words = &view.tokens[driver.driver.clone()];
                    words.len() == 1 && matches!(words[0].text(&view.norm), "you" | "your")
                };
                // (A pronoun for a person is its antecedent: "it is her or his responsibility to
                // drive the agenda" after "the mentee".)
                let pronoun = || {
                    let t = driver.driver.clone().find(|&t| {
                        matches!(view.tokens[t].text(&view.norm), "her" | "his" | "their" | "he" | "she" | "they")
                    })?;
                    self.resolve(sentence.block, view, idx, t).map(|(m, _)| m)
                };
                // ("As a mentee, you drive the relationship": an opening "as" phrase names the
                // role in which the subject acts.)
                let as_role = || {
                    let start = sentence.tokens.start;
                    let text = |k: usize| view.tokens.get(start + k).map_or("", |t| t.text(&view.norm));
                    let opens =
                        text(0).eq_ignore_ascii_case("as") && matches!(text(1), "a" | "an" | "the") && text(3) == ",";
                    if opens && you() {
                        self.mention_at(view, start + 2)
                    } else {
                        None
                    }
                };
                let in_sentence =
                    driver.driver.clone().find_map(|i| self.mention_at(view, i)).or_else(pronoun).or_else(as_role);
                let from_reader = reader.filter(|_| in_sentence.is_none() && you());
                let Some(m) = in_sentence.or(from_reader.map(|(m, _)| m)) else { continue };
                // The reader's role is named by the heading: the finding is on the sentence.
                let anchor = if in_sentence.is_some() { Anchor::Sentence(m) } else { Anchor::Topic(m) };
                let mention = &analysis.mentions[m];
                if !mention.is_use() || mention.joint || mention.is_client() && mention.role() != Role::Guided {
                    continue;
                }
                // (The reader's own role, when the heading says it: the person a guide is given
                // to is the one guided.)
                let role = from_reader.map_or(mention.role(), |(_, role)| role);
                let trait_practice = match role {
                    Role::Guided => Practice::Coaching,
                    Role::Guide if driver.agenda_proper => Practice::Mentoring,
                    _ => continue,
                };
                let practice = mention.practice();
                let negated = driver.negated;
                let mismatch = if negated { trait_practice == practice } else { trait_practice != practice };
                if !mismatch {
                    continue;
                }
                let tokens = &view.tokens;
                out.push(TraitFinding {
                    block: sentence.block,
                    sentence: idx,
                    start: tokens[driver.expression.start].start,
                    end: tokens[driver.expression.end - 1].end,
                    cue: &AGENDA_DRIVER,
                    practice,
                    trait_practice,
                    negated,
                    anchor,
                });
            }
        }
        out
    }

    fn judge_hit(
        &self,
        block: usize,
        view: &BlockView,
        cue: &'static Cue,
        start: usize,
        end: usize,
    ) -> Option<TraitFinding> {
        if cue.strength == Strength::Support {
            return None;
        }
        let analysis = self.analysis;
        // The block's sentences are in order and do not overlap: the one holding the cue is the
        // last that starts at or before it.
        let block_sentences = &analysis.sentences[view.sentences.clone()];
        let before = block_sentences.partition_point(|s| s.start <= start);
        let sentence_idx = view.sentences.start + before.checked_sub(1)?;
        let sentence = &analysis.sentences[sentence_idx];
        if start >= sentence.end {
            return None;
        }
        if sentence.question || sentence.neutral {
            return None;
        }
        if within_any(&view.rejected, start, end) {
            return None;
        }
        // A cue inside a link's label is part of the linked page's title ("[Security Coach
        // Recommendations](…)"): the text names that page, it says nothing of a practice.
        if within_any(&analysis.blocks[block].links, start, end) {
            return None;
        }
        // The tokens before the cue's start are those of the block before the sentence and some
        // of the sentence's (the cue starts inside it); so are those before its end, when it ends
        // inside the sentence. Searching the sentence's tokens finds the same index.
        let in_sentence = |offset: usize| {
            let tokens = &view.tokens[sentence.tokens.clone()];
            sentence.tokens.start + tokens.partition_point(|t| t.start < offset)
        };
        let hit_token = in_sentence(start);
        // "You may think you have the answer", "clients who believe their coach will tell
        // them": a belief conceded, or ascribed to others, is put up to be argued against, not
        // asserted.
        if self.tables(view, |t| at_or_after(t.last_concession[hit_token], sentence.tokens.start)).is_some() {
            return None;
        }
        let hit_end_token =
            if end <= sentence.end { in_sentence(end) } else { view.tokens.partition_point(|t| t.start < end) };
        if !describes_practice(view, cue, hit_token, hit_end_token) {
            return None;
        }
        let (practice, anchor, local, negated, labelled) = match self.conditional(view, sentence, hit_token) {
            Conditional::None => {
                let found = self.attribute(block, view, sentence_idx, cue, hit_token, hit_end_token)?;
                // An attributive cue ("a formal coaching plan") is negated only by its own phrase
                // ("no formal coaching"); "you are not on a formal coaching plan" denies nothing of
                // coaching.
                // "Non-directive" is the opposite of "directive": the prefix negates the word
                // as "not" negates a clause.
                let prefixed = hit_token >= sentence.tokens.start + 2
                    && view.tokens[hit_token - 1].text(&view.norm) == "-"
                    && view.tokens[hit_token - 1].start == view.tokens[hit_token - 2].end
                    && view.tokens[hit_token - 2].text(&view.norm) == "non";
                let own = if found.attributive {
                    negated_phrase(view, hit_token)
                } else {
                    let denied = self.negated(view, sentence, hit_token)
                        && self.negation_reaches(block, sentence_idx, hit_token);
                    // "I do not have answers to all questions", "mentors don't always give
                    // advice": a negation over a universal denies only that it holds every
                    // time, so it neither denies nor asserts the trait.
                    if denied && self.partial_negation(view, sentence, hit_token, hit_end_token) {
                        return None;
                    }
                    denied ^ prefixed
                };
                // Items listed under a negating heading ("What mentoring is not") are negated
                // even when they name the practice themselves.
                let listed_under_negation = !found.heading_negated && view.topic.is_some_and(|t| t.negated);
                // "Less structured" denies what "structured" asserts.
                let less = self.graded_less(block, sentence_idx, hit_token);
                // An item that repeats its negating heading's negation ("What a coach is NOT:" /
                // "A coach is not an advisor") restates it: negative concord, not a double
                // negation.
                let context_negated = found.heading_negated || listed_under_negation;
                (found.practice, found.anchor, found.local, (own || context_negated) ^ less, found.labelled)
            }
            Conditional::Hypothetical => return None,
            Conditional::Transfer { mention, negative } => (
                analysis.mentions[mention].practice(),
                Anchor::Sentence(mention),
                true,
                self.negated(view, sentence, hit_token) ^ negative,
                false,
            ),
        };
        let strong_enough = match cue.strength {
            Strength::Strong => true,
            Strength::Local => local,
            Strength::Fragment => local && (view.fragment || labelled),
            Strength::Support => false,
        };
        if !strong_enough || sentence.rejects == Some(practice) {
            return None;
        }
        // "Don't just tell them what to do": "not just" affirms what follows only when the
        // sentence goes on to add more ("... but also ask"); alone it warns against it. Either
        // way the sentence neither gives nor denies the trait plainly: no finding.
        if not_just_alone(view, sentence, hit_token) {
            return None;
        }
        let trait_practice = if cue.setter {
            match self.setter_role(view, sentence_idx, hit_token)? {
                Role::Guide => Practice::Mentoring,
                // People set goals in both practices; only the agenda or direction is the
                // client's in coaching.
                _ if (hit_token..hit_end_token)
                    .any(|i| matches!(view.tokens[i].text(&view.norm), "goal" | "goals")) =>
                {
                    return None
                }
                _ => Practice::Coaching,
            }
        } else {
            cue.practice
        };
        // A denial of only some of a method's objects ("avoid asking questions that you thought
        // of before the session"): a relative clause restricts what is denied, so the method
        // itself is not.
        // (So does a phrase that puts part of it out of bounds: "advice outside their
        // expertise", "answers beyond their field".)
        let restricted = hit_end_token < sentence.tokens.end
            && matches!(view.tokens[hit_end_token].text(&view.norm), "that" | "which" | "whose" | "outside" | "beyond")
            && view.tokens[hit_end_token - 1].kind == text::TokenKind::Word;
        if negated && trait_practice == practice && restricted {
            return None;
        }
        // A denial set against the practice's own way of working ("counsel but not provide
        // answers", "guide them rather than tell them what to do") narrows how the guide works;
        // it does not deny the practice its method.
        if negated
            && trait_practice == practice
            && cue.dimension == Dimension::Method
            && kept_alternative(view, sentence, hit_token, practice)
        {
            return None;
        }
        let mismatch = if negated { trait_practice == practice } else { trait_practice != practice };
        mismatch.then_some(TraitFinding {
            block,
            sentence: sentence_idx,
            start,
            end,
            cue,
            practice,
            trait_practice,
            negated,
            anchor,
        })
    }

    /// The practice a cue is said of.
    fn attribute(
        &self,
        block: usize,
        view: &BlockView,
        sentence_idx: usize,
        cue: &Cue,
        hit_token: usize,
        hit_end_token: usize,
    ) -> Option<Attribution> {
        let analysis = self.analysis;
        let sentence = &analysis.sentences[sentence_idx];
        // A table whose row or column lists one-word qualities ("Time-bound | Specific |
        // Measurable") lists criteria of something else (goals), as a comma list does.
        if criteria_cell(&analysis.blocks, block) {
            return None;
        }
        // How the guide works and who the guide is are said of the guide: "the mentee asks
        // questions" says nothing of mentoring's method.
        let about_guide = matches!(cue.dimension, Dimension::Method | Dimension::Guide);
        let usable = |idx: usize| {
            let m = &analysis.mentions[idx];
            m.is_use() && !m.is_client() && !(about_guide && m.role() == Role::Guided)
        };
        let said_of = |idx: usize, anchor: Anchor, local: bool| {
            let m = &analysis.mentions[idx];
            // (Only a word of this sentence: the heading's or a lead-in's is in another block.)
            let alternative = m.sentence == sentence_idx && disjoined(view, m.token, sentence.tokens.clone());
            (!m.joint && !alternative).then_some(Attribution {
                practice: m.practice(),
                anchor,
                local,
                heading_negated: false,
                attributive: false,
                labelled: false,
            })
        };
        // A length with a lower bound before its number ("a minimum of 1 year with the mentoring
        // programme") sets no end, whatever it is said of.
        if cue.dimension == Dimension::Duration {
            let text = |i: usize| view.tokens[i].text(&view.norm);
            let number = (hit_token..hit_end_token)
                .find(|&i| view.tokens[i].kind == text::TokenKind::Number || super::lexicon::is_number_word(text(i)));
            if let Some(n) = number {
                let before = |back: usize| n.checked_sub(back).filter(|&i| i >= sentence.tokens.start).map_or("", text);
                if super::holders::lower_bound_before([before(2), before(1)]) {
                    return None;
                }
            }
        }
        // A practice word inside the cue ("a 12-week mentoring programme") is what it describes;
        // in a cue of how the guide works, one after its verb is the person acted on ("tell the
        // coach what to do"), not the guide.
        let inside = if about_guide { hit_token..(hit_token + 1).min(hit_end_token) } else { hit_token..hit_end_token };
        if let Some(idx) = inside.clone().find_map(|i| self.mention_at(view, i).filter(|&m| usable(m))) {
            // A noun of training or certifying right after the practice word makes the phrase a
            // course that teaches the practice ("a six-month mentor training programme", "the
            // three-day mentoring certification course"): what the cue says is the course's.
            let token = analysis.mentions[idx].token;
            let trains = inside.contains(&(token + 1))
                && super::holders::TRAINING_NOUNS.contains(&view.tokens[token + 1].text(&view.norm));
            if trains {
                return None;
            }
            return said_of(idx, Anchor::Sentence(idx), true);
        }
        // A length that opens with an engagement noun ("relationship of 12 months") measures the
        // engagement its practice word names ("a mentoring relationship of 12 months").
        if cue.dimension == Dimension::Duration
            && hit_token > sentence.tokens.start
            && super::holders::is_engagement_noun(view.tokens[hit_token].text(&view.norm))
        {
            if let Some(idx) = self.mention_at(view, hit_token - 1).filter(|&m| usable(m)) {
                return said_of(idx, Anchor::Sentence(idx), true);
            }
        }
        // So is the practice word right after an attributive cue ("an open-ended mentoring
        // relationship", "informal coaching").
        let attributive_dimension = matches!(cue.dimension, Dimension::Form | Dimension::Duration | Dimension::Focus);
        if attributive_dimension {
            if let Some(idx) = self.mention_at(view, hit_end_token).filter(|&m| usable(m)) {
                return said_of(idx, Anchor::Sentence(idx), true).map(|a| Attribution { attributive: true, ..a });
            }
        }
        // A length "per" an engagement ("4-8 weeks per mentorship cycle") measures each one.
        if cue.dimension == Dimension::Duration
            && hit_end_token < sentence.tokens.end
            && view.tokens[hit_end_token].text(&view.norm) == "per"
        {
            let after = hit_end_token + 1..(hit_end_token + 3).min(sentence.tokens.end);
            if let Some(idx) = after.clone().find_map(|i| self.mention_at(view, i).filter(|&m| usable(m))) {
                return said_of(idx, Anchor::Sentence(idx), true);
            }
        }
        // A length whose noun a relative clause restricts ("12-week periods during which each
        // mentor meets a mentee") measures what that clause says: the periods are those of the
        // practice its subject names.
        if cue.dimension == Dimension::Duration
            && hit_end_token < sentence.tokens.end
            && super::holders::is_engagement_noun(view.tokens[hit_end_token - 1].text(&view.norm))
        {
            let parsed = self.parse(block, sentence_idx);
            let parse = &parsed.parse;
            let after = parse.word_at(hit_end_token);
            let relative = after.and_then(|w| parse.clause_of(w)).map(|c| &parse.clauses[c]);
            let subject = relative
                .filter(|c| c.kind == super::syntax::ClauseKind::Relative && Some(c.words.start) == after)
                .and_then(|c| match c.subject {
                    super::syntax::Subject::Phrase(p) => Some(p),
                    _ => None,
                });
            if let Some(p) = subject {
                let words = parse.phrases[p].words.clone();
                if let Some(idx) =
                    words.rev().find_map(|w| self.mention_at(view, parse.words[w].token).filter(|&m| usable(m)))
                {
                    return said_of(idx, Anchor::Sentence(idx), true);
                }
            }
        }
        // A practice word right before the cue's noun ("coaching advice") says in which
        // practice the trait is.
        if !attributive_dimension && hit_token > sentence.tokens.start {
            let before = hit_token - 1;
            if let Some(idx) = self.mention_at(view, before).filter(|&m| usable(m) && !analysis.mentions[m].verb) {
                if view.tokens[hit_token].kind == text::TokenKind::Word {
                    return said_of(idx, Anchor::Sentence(idx), true);
                }
            }
        }
        // What the sentence's structure says the cue is said of.
        debug_assert!(std::ptr::eq(view, &analysis.views[block]));
        let parsed = self.parse(block, sentence_idx);
        let structural = relations::holder(&parsed, sentence, cue, hit_token..hit_end_token);
        let mut walk_back = sentence.tokens.start..hit_token;
        match &structural {
            Holder::Not(_) | Holder::Wanted => return None,
            Holder::Phrase { tokens, head, then, verb, via } => {
                if self.writer_unnamed(view, sentence, *head, hit_token..hit_end_token) {
                    return None;
                }
                // A length measures the thing its holder names: "the mentoring survey lasts six
                // weeks" gives the survey a length, not mentoring; nor does "the mentee's
                // probation period is six months long" (a span named after another thing).
                if cue.dimension == Dimension::Duration
                    && self.measures_another_thing(block, view, tokens.clone(), *head)
                {
                    return None;
                }
                // A holder that a contrast sets aside ("distinct from a mentor, who offers
                // advice") holds the trait itself: it says what the other practice is, and nothing
                // of the one the sentence is about.
                if self.mention_at(view, *head).is_some_and(|m| analysis.mentions[m].excluded) {
                    return None;
                }
                // A practice word in the holder (or in the subject whose engagement it is, or the
                // practice verb whose phrase the cue is in) names the practice.
                let verb = verb.map(|v| v..v + 1);
                for range in std::iter::once(tokens).chain(then.iter()).chain(verb.iter()) {
                    if let Some(idx) = range.clone().rev().find_map(|i| self.mention_at(view, i).filter(|&m| usable(m)))
                    {
                        // (A length restated in a parenthesis counts as a labelled one: "runs
                        // for one release cycle (about six months)".)
                        let restated = cue.dimension == Dimension::Duration
                            && super::attach::restates_a_length(
                                &parsed.parse,
                                &parsed.texts,
                                hit_token - sentence.tokens.start..hit_end_token - sentence.tokens.start,
                            );
                        // (So does a bare length that is a copula's whole predicate: "the
                        // mentoring relationship is 12 months".)
                        let stated = cue.dimension == Dimension::Duration
                            && *via == super::attach::Via::Copula
                            && super::attach::states_a_length(
                                &parsed.parse,
                                &parsed.texts,
                                hit_token - sentence.tokens.start..hit_end_token - sentence.tokens.start,
                            );
                        let labelled =
                            (*via == super::attach::Via::Label || restated || stated) && std::ptr::eq(range, tokens);
                        return said_of(idx, Anchor::Sentence(idx), true).map(|a| Attribution { labelled, ..a });
                    }
                }
                // The person guided, or an audience, does not hold the guide's method.
                let guided = tokens
                    .clone()
                    .any(|i| self.mention_at(view, i).is_some_and(|m| analysis.mentions[m].role() == Role::Guided));
                if about_guide && (guided || relations::is_audience(view.tokens[*head].text(&view.norm))) {
                    return None;
                }
                // A bare plural for people ("Artists are experts of their own experience") is a
                // generic statement about that class of people, who hold the trait themselves;
                // it refers to no guide named before.
                let head_text = view.tokens[*head].text(&view.norm);
                let bare = (tokens.start..*head).all(|i| {
                    let w = view.tokens[i].text(&view.norm);
                    !super::lexicon::DETERMINERS.contains(w) && !super::lexicon::POSSESSIVES.contains(w)
                });
                let bare_people = bare
                    && head_text.ends_with('s')
                    && super::lexicon::may_name_a_person(head_text)
                    && !super::holders::is_practice_word(head_text)
                    && self.mention_at(view, *head).is_none()
                    && !self.person_names.contains_key(text::trim_suffix(head_text, "'s"));
                if about_guide && bare_people {
                    return None;
                }
                // A pronoun or a name in the holder is resolved below; any other holder is
                // neutral: no practice word elsewhere in the sentence is what it is said of.
                let resolvable = tokens.clone().any(|i| {
                    let w = view.tokens[i].text(&view.norm);
                    PERSON_PRONOUNS.contains(&w)
                        || THING_PRONOUNS.contains(&w)
                        || self.person_names.contains_key(text::trim_suffix(w, "'s"))
                });
                // A thing that is neither the engagement nor a person ("a culture that benefits
                // career growth", "the form asks questions") holds the trait itself: the heading
                // or an earlier sentence does not make it the practice's.
                let head_word = view.tokens[*head].text(&view.norm);
                let possessed = tokens.clone().any(|i| {
                    let w = view.tokens[i].text(&view.norm);
                    super::lexicon::POSSESSIVES.contains(w) || w.ends_with("'s") || w.ends_with("s'")
                });
                // Only a phrase with a determiner: a bare noun opening a clause may be a verb
                // the tagger read as a noun ("review progress and close the relationship").
                let determined = super::lexicon::DETERMINERS.contains(view.tokens[tokens.start].text(&view.norm));
                let thing = !resolvable
                    && determined
                    && !possessed
                    && *via != super::attach::Via::Label
                    && !super::attach::names_a_holder(head_word)
                    && !super::lexicon::may_name_a_person(head_word)
                    && !super::holders::is_practice_word(head_word)
                    && view.tokens[*head].kind == text::TokenKind::Word
                    && !is_capitalised(analysis, block, view.tokens[*head]);
                if thing {
                    return None;
                }
                // "The programme will be for 6 months" after "our reverse mentoring programme"
                // earlier in the section: a definite engagement noun refers back to the
                // engagement named with the same noun (also when the length judged is its only
                // modifier: "the six-month programme started in May").
                if !resolvable {
                    if let Some(idx) =
                        self.definite_antecedent(view, sentence_idx, tokens.clone(), *head, hit_token..hit_end_token)
                    {
                        return said_of(idx, Anchor::Pronoun(idx), true);
                    }
                }
                // A bare "this" or "that" after a sentence that names no practice refers to what
                // that sentence says ("individuals skip these fields. This does not create
                // accountability"), not to a practice named before it.
                let bare_demonstrative =
                    tokens.len() == 1 && matches!(view.tokens[tokens.start].text(&view.norm), "this" | "that");
                let previous = sentence_idx.checked_sub(1).map(|p| &analysis.sentences[p]).filter(|p| p.block == block);
                if bare_demonstrative && previous.is_some_and(|p| p.mentions.is_empty()) {
                    return None;
                }
                walk_back = if resolvable { tokens.start..tokens.end.min(hit_token) } else { hit_token..hit_token };
            }
            Holder::Context => {
                // A length that is itself the modifier of a definite engagement noun ("the
                // six-month programme started in May") refers back as the bare noun does.
                if cue.dimension == Dimension::Duration && hit_token > sentence.tokens.start {
                    let head = hit_end_token - 1;
                    if let Some(idx) = self.definite_antecedent(
                        view,
                        sentence_idx,
                        hit_token - 1..hit_end_token,
                        head,
                        hit_token..hit_end_token,
                    ) {
                        return said_of(idx, Anchor::Pronoun(idx), true);
                    }
                }
            }
            Holder::Reader => {}
        }
        // An imperative addresses the reader: how the guide works is said of the reader only
        // where the reader is addressed as the guide ("Mentors: ask open questions", a "For
        // mentors" heading), not when the reader is the person guided or an attendee ("Tips as
        // a mentee: ask questions", "Office hours - come ask questions").
        let reader_not_guide = |idx: usize| {
            let m = &analysis.mentions[idx];
            if !about_guide || !matches!(structural, Holder::Reader) {
                return false;
            }
            // A practice word that only modifies another noun in a verbless label of the
            // sentence names an event the reader attends ("Mentorship office hours - come ask
            // questions").
            let modifier_in_sentence = m.block == block
                && sentence.tokens.contains(&m.token)
                && parsed.parse.word_at(m.token).and_then(|w| parsed.parse.phrase_of(w).map(|p| (w, p))).is_some_and(
                    |(w, p)| {
                        let head = parsed.parse.phrases[p].head;
                        let verbless =
                            parsed.parse.clause_of(w).is_some_and(|c| parsed.parse.clauses[c].verb.is_none());
                        verbless && head > w && !super::holders::is_practice_word(parsed.texts[head])
                    },
                );
            m.role() == Role::Guided || modifier_in_sentence
        };
        for i in walk_back.rev() {
            if let Some(idx) = self.mention_at(view, i) {
                if !usable(idx) || reader_not_guide(idx) {
                    continue;
                }
                // "coaches and advisors", "coach and advise": a list of roles or activities, not a
                // trait of the first.
                let between: Vec<&str> = (i + 1..hit_token).map(|t| view.tokens[t].text(&view.norm)).collect();
                if !between.is_empty() && between.iter().all(|w| matches!(*w, "and" | "or" | "," | "&" | "/")) {
                    return None;
                }
                return said_of(idx, Anchor::Sentence(idx), true);
            }
            let word = view.tokens[i].text(&view.norm);
            if PERSON_PRONOUNS.contains(&word) || THING_PRONOUNS.contains(&word) {
                let (idx, near) = self.resolve(block, view, sentence_idx, i)?;
                return said_of(idx, Anchor::Pronoun(idx), near);
            }
            if let Some(&Some((practice, idx))) = self.person_names.get(text::trim_suffix(word, "'s")) {
                if is_capitalised(analysis, block, view.tokens[i]) {
                    return Some(Attribution {
                        practice,
                        anchor: Anchor::Name(idx),
                        local: true,
                        heading_negated: false,
                        attributive: false,
                        labelled: false,
                    });
                }
            }
        }
        // The subject may follow a fronted phrase: "Rather than sharing their own experience,
        // coaches ask ...", "Open-ended: coaching relationships can last for years".
        let fronted = (sentence.tokens.start..hit_token).all(|t| {
            matches!(
                view.tokens[t].text(&view.norm),
                "rather" | "than" | "instead" | "of" | "unlike" | "a" | "an" | "the" | "with" | "-" | "*"
            )
        });
        // A practice word listed after the cue's own noun ("offer advice, guidance and/or
        // coaching") is a sibling in the list, not what the cue is said of: only nouns, commas
        // and conjunctions stand between them.
        // (Or with a comma between when the list's conjunction comes after the practice word:
        // "provide advice, coaching, teaching and support".)
        let listed_after_cue = |i: usize| {
            use super::syntax::Pos;
            let conjunction = |t: usize| matches!(view.tokens[t].text(&view.norm), "and" | "or" | "&");
            let item = |t: usize| {
                parsed.parse.word_at(t).map(|w| &parsed.parse.words[w]).is_some_and(|w| {
                    matches!(w.pos, Pos::Noun | Pos::Adj | Pos::Coord | Pos::Punct | Pos::Det)
                        || w.form == Some(super::lexicon::VerbForm::Gerund)
                })
            };
            // (In one clause: "While the programme was set at 12 weeks, mentors and mentees
            // may ..." is a new clause after the comma, no list.)
            let clause = |t: usize| parsed.parse.word_at(t).and_then(|w| parsed.parse.clause_of(w));
            let comma_before = i > hit_end_token
                && view.tokens[i - 1].text(&view.norm) == ","
                && clause(hit_end_token - 1).is_some_and(|c| clause(i) == Some(c));
            let list_goes_on = comma_before && {
                let after = i + 1..sentence.tokens.end.min(i + 6);
                let conj = after.clone().find(|&t| conjunction(t));
                conj.is_some_and(|c| {
                    (i + 1..c).all(&item) && (c == i + 1 || view.tokens[i + 1].text(&view.norm) == ",")
                })
            };
            ((hit_end_token..i).any(conjunction) || list_goes_on) && (hit_end_token..i).all(item)
        };
        for i in (hit_end_token..sentence.tokens.end.min(hit_end_token + 6)).filter(|_| fronted) {
            let word = view.tokens[i].text(&view.norm);
            if matches!(word, ";" | "while" | "whereas" | "but") {
                break;
            }
            if let Some(idx) = self.mention_at(view, i).filter(|&m| usable(m)) {
                if listed_after_cue(i) {
                    return None;
                }
                return said_of(idx, Anchor::Sentence(idx), true);
            }
        }
        // An explicit practice word later in the sentence beats the heading ("people who want
        // advice from someone who has done the job should ask for a mentor"), up to a list
        // introduced by a colon.
        // Not when the structure named the holder: then a later practice word belongs to
        // another phrase.
        // Except an engagement noun with no practice word ("the program will last three months
        // if both the mentor and the mentee stay engaged"): its people, named later, say whose
        // engagement it is.
        let engagement_holder = match &structural {
            Holder::Phrase { head, .. } => {
                let w = view.tokens[*head].text(&view.norm);
                super::holders::is_engagement_noun(w) && !super::holders::is_practice_word(w)
            }
            _ => false,
        };
        // (Only when the people named later belong to one practice.)
        let one_practice_later = {
            let mut practices = sentence
                .mentions
                .clone()
                .map(|m| &analysis.mentions[m])
                .filter(|m| m.block == block && m.token >= hit_end_token && m.sense)
                .map(|m| m.practice());
            practices.next().is_none_or(|first| practices.all(|p| p == first))
        };
        let later = if matches!(structural, Holder::Phrase { .. }) && !(engagement_holder && one_practice_later) {
            hit_end_token..hit_end_token
        } else {
            hit_end_token..sentence.tokens.end
        };
        for i in later {
            let word = view.tokens[i].text(&view.norm);
            if matches!(word, ";" | ":" | "while" | "whereas" | "but" | "unlike") {
                break;
            }
            if let Some(idx) = self.mention_at(view, i).filter(|&m| usable(m)) {
                if listed_after_cue(i) {
                    return None;
                }
                return said_of(idx, Anchor::Sentence(idx), false);
            }
        }
        // A sentence about a coach that is a bus, or a town called Mentor, is not about the
        // practice: the heading's topic does not reach it.
        if sentence.mentions.clone().any(|m| !analysis.mentions[m].sense) {
            return None;
        }
        // A practice the sentence names itself is a nearer antecedent than a heading or an
        // earlier sentence: when they differ ("... coaching to set goals. Mentoring to give
        // advice based on experience"), which one holds the trait is not shown, so nothing is.
        let names_other = |practice: Practice| {
            sentence.mentions.clone().any(|m| {
                let mention = &analysis.mentions[m];
                mention.block == block && mention.sense && usable(m) && mention.practice() != practice
            })
        };
        // A record of a paragraph of rows ("Anna | Berlin | Mentor" on one line, the next row
        // on the next) is about its own first field: neither the rows before it nor the
        // page's topic hold what it says.
        let record = {
            let norm = &view.norm;
            let own_line = norm[..sentence.start].trim_end_matches([' ', '\t']).ends_with('\n')
                || norm[sentence.end..].trim_start_matches([' ', '\t']).starts_with('\n');
            own_line && text::is_record_line(&norm[sentence.start..sentence.end])
        };
        if record {
            return None;
        }
        // A paragraph that names only the other practice is about that practice, whatever the
        // heading says: its sentences without a practice word of their own ("pairing people up
        // to share experiences ... the dos and don'ts of mentor-mentee etiquette" under a
        // "coaching relationships" heading) are not the heading's.
        let block_names_only_other = |practice: Practice| {
            let named = |own: bool| {
                view.mentions.clone().any(|m| {
                    let mention = &analysis.mentions[m];
                    mention.sense && usable(m) && mention.block == block && (mention.practice() == practice) == own
                })
            };
            named(false) && !named(true)
        };
        if let Some(topic) = view.topic.filter(|_| !self.labelled_for_other_role(view) && !self.compared_item(block)) {
            if reader_not_guide(topic.mention) || names_other(topic.practice) || block_names_only_other(topic.practice)
            {
                return None;
            }
            return Some(Attribution {
                practice: topic.practice,
                anchor: Anchor::Topic(topic.mention),
                local: topic.local,
                heading_negated: topic.negated,
                attributive: false,
                labelled: false,
            });
        }
        // The last usable mention of the earlier sentences of the block.
        let idx = self.last_usable_before(block, view, about_guide, sentence.mentions.start)?;
        if reader_not_guide(idx) || names_other(analysis.mentions[idx].practice()) {
            return None;
        }
        said_of(idx, Anchor::Previous(idx), false)
    }

    /// Whether a holder phrase (`tokens`, head `head`) names a thing other than an engagement,
    /// its people or a programme's name, so that a length said of it is that thing's: its head
    /// noun names neither ("the mentoring survey"), or its head is a noun of span or an
    /// engagement named after such a thing ("the probation period", "the induction programme").
    fn measures_another_thing(&self, block: usize, view: &BlockView, tokens: Range<usize>, head: usize) -> bool {
        use super::holders::{is_engagement_noun, is_practice_word};
        let word = |i: usize| view.tokens[i].text(&view.norm);
        let names_holder = |w: &str| {
            is_engagement_noun(w)
                || is_practice_word(w)
                || super::attach::names_a_holder(w)
                || super::lexicon::may_name_a_person(w)
        };
        // (A word written in capitals is a name: "Catalyst runs for twelve weeks"; not the
        // capital that opens a sentence: "Applications close at the end of May".)
        let opens_sentence = |i: usize| {
            i == 0
                || matches!(view.tokens[i - 1].kind, text::TokenKind::Punct)
                    && matches!(view.tokens[i - 1].text(&view.norm), "." | "!" | "?" | ":" | "*" | "-" | "•")
                || self.analysis.sentences[view.sentences.clone()].binary_search_by_key(&i, |s| s.tokens.start).is_ok()
        };
        let plain_noun = |i: usize| {
            view.tokens[i].kind == text::TokenKind::Word
                && (!is_capitalised(self.analysis, block, view.tokens[i]) || opens_sentence(i))
                && !super::lexicon::DETERMINERS.contains(word(i))
                && !super::lexicon::POSSESSIVES.contains(word(i))
                && !super::lexicon::ADJECTIVES.contains(word(i))
                && !super::lexicon::reads_as_adjective(word(i))
                && super::lexicon::verb(word(i)).is_none()
        };
        // (A word the document's vocabulary names a practice by is a holder: "Compass runs for
        // twelve weeks".)
        if !tokens.contains(&head) || !plain_noun(head) || self.mention_at(view, head).is_some() {
            return false;
        }
        // (An undertaking named after a practice word is the practice's engagement: "each
        // mentorship project spans 12 weeks".)
        let practice_undertaking = head > tokens.start
            && super::lexicon::UNDERTAKING_NOUNS.contains(word(head))
            && is_practice_word(word(head - 1));
        if !names_holder(word(head)) && !practice_undertaking {
            return true;
        }
        // A span or an engagement named after the noun before it: "probation period", "notice
        // period", "the induction programme" (another programme than the practice's).
        let span = super::lexicon::SPAN_NOUNS.contains(word(head)) || super::holders::is_engagement_noun(word(head));
        // (Not when a practice word modifies the compound further out: "the mentor-mentee
        // core platform program".)
        // (A possessor is no modifier: "a mentee's probation period" is probation's.)
        let possessor = |i: usize| text::is_possessor(word(i), word(i + 1));
        let practice_in_phrase = tokens.clone().any(|i| is_practice_word(word(i)) && !possessor(i));
        span && !practice_in_phrase && head > tokens.start && {
            let before = head - 1;
            plain_noun(before) && !names_holder(word(before)) && !word(before).ends_with("'s")
        }
    }

    /// The last mention of the block before mention `before` that can carry a trait (for a cue
    /// about the guide, not a word for the person guided).
    fn last_usable_before(&self, block: usize, view: &BlockView, about_guide: bool, before: usize) -> Option<usize> {
        let analysis = self.analysis;
        let mut previous = self.previous.borrow_mut();
        if previous.as_ref().is_none_or(|(b, _)| *b != block) {
            let table = |about_guide: bool| {
                let mut last = None;
                let mut out = Vec::with_capacity(view.mentions.len() + 1);
                out.push(None);
                for idx in view.mentions.clone() {
                    let m = &analysis.mentions[idx];
                    if m.is_use() && !m.is_client() && !(about_guide && m.role() == Role::Guided) {
                        last = Some(idx);
                    }
                    out.push(last);
                }
                out
            };
            *previous = Some((block, [table(false), table(true)]));
        }
        let (_, tables) = previous.as_ref()?;
        *tables[usize::from(about_guide)].get(before.checked_sub(view.mentions.start)?)?
    }

    /// A range of dates given as the dates of an engagement's term: the fixed term of coaching.
    /// The range must be what a label that names the term says ("Mentorship period: 10 May –
    /// 10 August", "Term 3: Sept–Nov"), or fill a table cell whose row is so labelled. A range
    /// labelled by anything else (an application window, a survey, a kickoff) is not the
    /// engagement's term. The practice is the one the label names, else the one the sentence
    /// names before the label, else the heading's. Sentences already judged for a duration are
    /// left to their cue.
    fn date_terms(&self, found: &[TraitFinding]) -> Vec<TraitFinding> {
        let analysis = self.analysis;
        let mut judged = vec![false; analysis.sentences.len()];
        for f in found.iter().filter(|f| f.cue.dimension == Dimension::Duration) {
            if let Some(slot) = judged.get_mut(f.sentence) {
                *slot = true;
            }
        }
        let mut out = Vec::new();
        for (idx, sentence) in analysis.sentences.iter().enumerate() {
            if judged[idx] || sentence.question || sentence.neutral {
                continue;
            }
            let block = sentence.block;
            let view = &analysis.views[block];
            let tokens = &view.tokens[sentence.tokens.clone()];
            if !tokens.iter().any(|t| super::dates::names_a_month_or_quarter(t.text(&view.norm))) {
                continue;
            }
            let words: Vec<&str> = tokens.iter().map(|t| t.text(&view.norm)).collect();
            let Some(range) = super::dates::date_range(&words) else {
                out.extend(self.dated_clause(idx, &words, None));
                continue;
            };
            let (from, to) = (sentence.tokens.start + range.start, sentence.tokens.start + range.end);
            // The label: the phrase before a colon (or an opening bracket: "Mentoring period
            // (Sep 9 - Dec 9)") right before the range, or the row's label.
            let label: Option<(usize, Range<usize>)> =
                if from > sentence.tokens.start && matches!(view.tokens[from - 1].text(&view.norm), ":" | "(") {
                    let parsed = self.parse(block, idx);
                    let colon = parsed.parse.word_at(from - 1);
                    let phrase = colon.and_then(|c| parsed.parse.phrase_ending_at(c).map(|p| &parsed.parse.phrases[p]));
                    phrase.map(|p| {
                        let words = &parsed.parse.words;
                        (block, words[p.words.start].token..words[p.words.end - 1].token + 1)
                    })
                } else if range.start == 0 && range.end == words.len() {
                    self.row_label(block).map(|b| (b, 0..analysis.views[b].tokens.len()))
                } else if range.start == 0 {
                    // A schedule's line: the dates, then what they are of ("17 Jun - 29 Nov
                    // mentoring period (...)"), up to a bracket or a comma.
                    let end = (to..sentence.tokens.end)
                        .find(|&t| matches!(view.tokens[t].text(&view.norm), "(" | "," | ";" | ":" | "-" | "–" | "—"))
                        .unwrap_or(sentence.tokens.end);
                    self.schedule_label(view, to..end).map(|tokens| (block, tokens))
                } else {
                    None
                };
            let Some((label_block, label_tokens)) = label else {
                out.extend(self.dated_clause(idx, &words, Some(range)));
                continue;
            };
            let label_view = &analysis.views[label_block];
            let label_words: Vec<&str> =
                label_view.tokens[label_tokens.clone()].iter().map(|t| t.text(&label_view.norm)).collect();
            if !super::dates::names_a_term(&label_words) {
                continue;
            }
            let usable = |m: usize| holds_a_term(&analysis.mentions[m]);
            let in_label = label_tokens.clone().find_map(|i| self.mention_at(label_view, i)).filter(|&m| usable(m));
            let before = (label_block == block)
                .then(|| (sentence.tokens.start..label_tokens.start).rev().find_map(|i| self.mention_at(view, i)))
                .flatten()
                .filter(|&m| usable(m));
            let anchor = match (in_label, before) {
                (Some(m), _) if label_block == block => Anchor::Sentence(m),
                (Some(m), _) => Anchor::Topic(m),
                (None, Some(m)) => Anchor::Sentence(m),
                (None, None) => match view.topic {
                    Some(topic) if !topic.negated => Anchor::Topic(topic.mention),
                    _ => continue,
                },
            };
            let practice = analysis.mentions[anchor.mention()].practice();
            // Both practices named in the sentence: whose term it is, is not said.
            let both = sentence.mentions.clone().any(|m| usable(m) && analysis.mentions[m].practice() != practice);
            if practice == Practice::Coaching || both {
                continue;
            }
            out.push(TraitFinding {
                block,
                sentence: idx,
                start: view.tokens[from].start,
                end: view.tokens[to - 1].end,
                cue: &DATE_TERM,
                practice,
                trait_practice: Practice::Coaching,
                negated: false,
                anchor,
            });
        }
        out
    }

    /// A clause that says its subject runs over dates: "The first cohort of the mentoring
    /// programme ran from June to December 2018", "mentorship meetings will continue until 1
    /// April 2026", "the mentoring scheme ends in March". Dates that bound a verb of running
    /// or of ending give its subject a fixed term, when the subject is the engagement: an
    /// engagement noun (not one occasion, [`super::lexicon::OCCASION_NOUNS`]) that a mentoring word names right before its head
    /// ("mentorship meetings", not "mentorship application period"), or that is the head of an
    /// "of" phrase so named ("the cohort of the Mentoring Programme"). A subject that is anything
    /// else (an application window, a pronoun) sets no term.
    /// (`range` is the sentence's range of dates, found by the caller.)
    fn dated_clause(&self, idx: usize, words: &[&str], range: Option<Range<usize>>) -> Option<TraitFinding> {
        let analysis = self.analysis;
        let sentence = &analysis.sentences[idx];
        let (block, view) = (sentence.block, &analysis.views[sentence.block]);
        // Only a sentence with dates that may bound a verb, and a verb of running or ending, is
        // parsed (a month name alone is common).
        let dates = range.is_some() || super::dates::end_dates(words).next().is_some();
        if !dates {
            return None;
        }
        let verb = words.iter().any(|w| {
            super::lexicon::verb(w).is_some_and(|(lemma, _)| {
                super::lexicon::LASTING_VERBS.contains(lemma) || super::lexicon::ENDING_VERBS.contains(lemma)
            })
        });
        if !verb {
            return None;
        }
        let parsed = self.parse(block, idx);
        let parse = &parsed.parse;
        let clause_at = |w: usize| {
            let word = parse.word_at(sentence.tokens.start + w)?;
            let clause = parse.clause_of(word)?;
            let verb = &parse.verbs[parse.clauses[clause].verb?];
            (!verb.negated && !verb.passive).then_some((clause, verb.lemma?))
        };
        let usable = |m: usize| holds_a_term(&analysis.mentions[m]);
        // The mention that names `p` itself: the head is a mentoring word, or the word right
        // before an engagement head is.
        let names = |p: usize| {
            let phrase = parse.phrases.get(p)?;
            let head = parsed.texts[phrase.head];
            let at = |w: usize| self.mention_at(view, parse.words[w].token).filter(|&m| usable(m));
            if let Some(m) = at(phrase.head) {
                return Some(m);
            }
            let engagement = super::holders::is_engagement_noun(head) && !super::lexicon::OCCASION_NOUNS.contains(head);
            let before = phrase.head.checked_sub(1).filter(|w| phrase.words.contains(w))?;
            // A name of capitalised words that holds a mentoring word ("Career Mentor Link
            // runs from April to October") names a scheme after the practice: what runs between
            // dates is a scheme, not a person.
            let words = phrase.words.clone().filter(|&w| parse.words[w].pos != super::syntax::Pos::Det);
            let name = words.clone().count() >= 2
                && words.clone().all(|w| is_capitalised(analysis, block, view.tokens[parse.words[w].token]));
            at(before).filter(|_| engagement).or_else(|| name.then(|| words.clone().find_map(at)).flatten())
        };
        let subject_of = |clause: usize| {
            let subject = parse.subject_phrase(clause)?;
            let subject_head = parsed.texts[parse.phrases[subject].head];
            names(subject).or_else(|| {
                // "The first cohort of the Mentoring Programme": the subject is part of an engagement
                // named in its "of" phrase.
                let part = super::holders::is_engagement_noun(subject_head)
                    && !super::lexicon::OCCASION_NOUNS.contains(subject_head);
                let of = parse.phrases.get(subject + 1).filter(|q| {
                    q.words.start == parse.phrases[subject].words.end + 1
                        && q.prep.is_some_and(|prep| parsed.texts[prep] == "of")
                });
                of.filter(|_| part).and_then(|_| names(subject + 1))
            })
        };
        // A range bounds a verb of either kind; a single date, after "until" or (for a verb of
        // ending) "on", "in", "by".
        let mut dated =
            range.map(|r| (r, true)).into_iter().chain(super::dates::end_dates(words)).filter_map(|(dates, until)| {
                let (clause, lemma) = clause_at(dates.start)?;
                let bounds = super::lexicon::ENDING_VERBS.contains(lemma)
                    || (until && super::lexicon::LASTING_VERBS.contains(lemma));
                bounds.then(|| subject_of(clause)).flatten().map(|mention| (dates, mention))
            });
        let (dates, mention) = dated.next()?;
        if analysis.mentions[mention].practice() != Practice::Mentoring {
            return None;
        }
        // Both practices named in the sentence: whose term it is, is not said.
        if sentence.mentions.clone().any(|m| usable(m) && analysis.mentions[m].practice() != Practice::Mentoring) {
            return None;
        }
        let (from, to) = (sentence.tokens.start + dates.start, sentence.tokens.start + dates.end);
        Some(TraitFinding {
            block,
            sentence: idx,
            start: view.tokens[from].start,
            end: view.tokens[to - 1].end,
            cue: &DATE_TERM,
            practice: Practice::Mentoring,
            trait_practice: Practice::Coaching,
            negated: false,
            anchor: Anchor::Sentence(mention),
        })
    }

    /// The first cell of a table cell's row (a label for the cells after it).
    fn row_label(&self, block: usize) -> Option<usize> {
        use crate::prose::BlockKind;
        let blocks = &self.analysis.blocks;
        let BlockKind::TableCell { row, column, header: false } = blocks[block].kind else { return None };
        if column == 0 {
            return None;
        }
        let group = blocks[block].group;
        // Cells come in reading order: the row's first cell is at most `column` blocks back.
        (block.saturating_sub(column as usize)..block).find(|&b| {
            blocks[b].group == group
                && matches!(blocks[b].kind, BlockKind::TableCell { row: r, column: 0, .. } if r == row)
        })
    }

    /// Whether a finding that coaching is continuing ("ongoing", "long-term") stands in a
    /// sentence that gives it a length as well ("a long-term relationship that lasts from six to
    /// twelve months"): the words are vague and the stated length is the term, so they mean
    /// "continuing for that while", not "without an end". (A length in another sentence may be
    /// a step inside an open-ended practice; only the same sentence binds the two.)
    fn continuing_within_a_stated_length(&self, f: &TraitFinding) -> bool {
        if f.cue.dimension != Dimension::Duration || f.negated || f.trait_practice != Practice::Mentoring {
            return false;
        }
        let analysis = self.analysis;
        let view = &analysis.views[f.block];
        let word = |i: usize| view.tokens[i].text(&view.norm);
        // A count, not a vague quantity ("several years", "a few months").
        let count = |w: &str| super::lexicon::is_number_word(w) && !matches!(w, "several" | "few" | "couple");
        let s = &analysis.sentences[f.sentence];
        // Around the finding only: a sentence with no end costs the same per finding.
        let at = view.tokens.partition_point(|t| t.start < f.start);
        let near = at.saturating_sub(NEAR_TOKENS).max(s.tokens.start)..(at + NEAR_TOKENS).min(s.tokens.end);
        near.into_iter().any(|i| {
            super::lexicon::time_unit(word(i)).is_some()
                && (i.saturating_sub(3).max(s.tokens.start)..i).any(|k| count(word(k)))
        })
    }

    /// The mention of a role that the section's heading addresses the reader as, and the
    /// reader's role: a heading that is a word for the guide or the person guided and, at most,
    /// words that frame an address ("Mentees", "For mentors", "As a mentee", "Mentor
    /// responsibilities"): the reader is that role. A heading that gives the reader a guide
    /// ("Meet with your mentor", "Working with your coach") makes the reader the person guided.
    /// A heading that says more ("Finding a mentor") does not say who the reader is.
    fn reader_addressed_as(&self, view: &BlockView) -> Option<(usize, Role)> {
        let topic = view.topic?;
        let analysis = self.analysis;
        let m = &analysis.mentions[topic.mention];
        if !matches!(m.role(), Role::Guide | Role::Guided) || !m.is_use() || m.joint {
            return None;
        }
        if !matches!(analysis.blocks[m.block].kind, crate::prose::BlockKind::Heading { .. }) {
            return None;
        }
        let heading = &analysis.views[m.block];
        // ("your mentor", and past up to two modifiers: "your speed mentors", "your assigned
        // peer mentor".)
        let your = (m.token.saturating_sub(3)..m.token).rev().find(|&t| {
            heading.tokens[t].text(&heading.norm) == "your"
                && heading.tokens[t + 1..m.token].iter().all(|w| w.kind == text::TokenKind::Word)
        });
        let reader_has_guide = m.role() == Role::Guide && heading.mentions.len() == 1 && your.is_some();
        if reader_has_guide {
            return Some((topic.mention, Role::Guided));
        }
        let others =
            heading.tokens.iter().enumerate().filter(|&(i, t)| i != m.token && t.kind == text::TokenKind::Word);
        let mut others = others.map(|(_, t)| t.text(&heading.norm));
        (heading.mentions.len() == 1 && others.all(|w| super::lexicon::ADDRESS_FRAME.contains(w)))
            .then_some((topic.mention, m.role()))
    }

    /// A list item whose label names something other than a practice, among siblings whose
    /// labels name one ("- Pairing: short-term and task-focused" beside "- Mentorship: a
    /// longer relationship"): the list compares the things its labels name, so each item is
    /// about its own label, not the heading's practice.
    fn compared_item(&self, block: usize) -> bool {
        let analysis = self.analysis;
        let Some(group) = analysis.blocks[block].group else { return false };
        let label_end = |view: &BlockView| item_label_end(view, &[":"]);
        let names_practice = |b: usize, end: usize| {
            let view = &analysis.views[b];
            view.mentions.clone().any(|m| analysis.mentions[m].token < end && analysis.mentions[m].sense)
        };
        let own = &analysis.views[block];
        let Some(end) = label_end(own) else { return false };
        if names_practice(block, end) || own.tokens[..end].iter().any(|t| t.kind != text::TokenKind::Word) {
            return false;
        }
        // Siblings within a bounded stretch (a list can be long).
        let from = block.saturating_sub(12);
        let to = (block + 13).min(analysis.blocks.len());
        (from..to).filter(|&b| b != block && analysis.blocks[b].group == Some(group)).any(|b| {
            let view = &analysis.views[b];
            label_end(view).is_some_and(|e| names_practice(b, e))
        })
    }

    fn labelled_for_other_role(&self, view: &BlockView) -> bool {
        let Some(label_end) = item_label_end(view, &[":", "-", "–", "—"]) else { return false };
        view.tokens[..label_end].iter().any(|t| {
            let word = t.text(&view.norm);
            super::lexicon::OTHER_ROLES.contains(word.strip_suffix('s').unwrap_or(word))
        })
    }

    /// The view's look-up tables, built on its first use (the views judged are those of one
    /// block after another).
    fn tables<R>(&self, view: &BlockView, read: impl FnOnce(&Tables) -> R) -> R {
        let mut tables = self.tables.borrow_mut();
        let key = std::ptr::from_ref(view) as usize;
        if tables.key != key {
            let first = view.mentions.start;
            let none = |n: usize| vec![u32::MAX; n];
            let mut mention = none(view.tokens.len());
            for idx in view.mentions.clone().rev() {
                if let Some(slot) = mention.get_mut(self.analysis.mentions[idx].token) {
                    *slot = u32::try_from(idx - first).unwrap_or(u32::MAX);
                }
            }
            let mut last_if = none(view.tokens.len() + 1);
            let mut last_boundary = none(view.tokens.len() + 1);
            let mut last_negator = none(view.tokens.len() + 1);
            let mut negators = Vec::new();
            let mut last_concession = none(view.tokens.len() + 1);
            for t in 0..view.tokens.len() {
                let index = u32::try_from(t).unwrap_or(u32::MAX);
                // "you may think", "clients who believe that": a belief conceded, or ascribed to
                // others in a relative clause, is put up to be corrected, not asserted (a belief
                // "in" something is trust, not a proposition).
                let word = view.tokens[t].text(&view.norm);
                let next = view.tokens.get(t + 1).map(|n| n.text(&view.norm));
                let conceded = t > 0
                    && matches!(view.tokens[t - 1].text(&view.norm), "may" | "might" | "who")
                    && (super::lexicon::OPINION_VERBS.contains(word)
                        || word.strip_suffix('s').is_some_and(|w| super::lexicon::OPINION_VERBS.contains(w)))
                    && next != Some("in");
                last_concession[t + 1] = if conceded { index } else { last_concession[t] };
                last_if[t + 1] =
                    if matches!(view.tokens[t].text(&view.norm), "if" | "unless") { index } else { last_if[t] };
                last_boundary[t + 1] =
                    if is_clause_boundary(&view.norm, &view.tokens, t) { index } else { last_boundary[t] };
                // "from" negates only after a verb of change ("shift from X to Y"): asked here,
                // once per word, not by every cue after it.
                let word = view.tokens[t].text(&view.norm);
                let counts = may_negate(word)
                    && (word != "from"
                        || (t.saturating_sub(4)..t).any(|k| {
                            super::lexicon::verb(view.tokens[k].text(&view.norm))
                                .is_some_and(|(lemma, _)| super::lexicon::CHANGE_VERBS.contains(lemma))
                        })
                        || keeps_away(&view.norm, &view.tokens, t))
                    || (word == "of" && keeps_away(&view.norm, &view.tokens, t));
                last_negator[t + 1] = if counts {
                    negators.push(index);
                    index
                } else {
                    last_negator[t]
                };
            }
            *tables = Tables { key, mention, last_if, last_boundary, last_negator, negators, last_concession };
        }
        read(&tables)
    }

    /// The block's first mention at `token`.
    /// Whether the negation found before the cue at `hit_token` reaches it: not when a clause
    /// with a subject of its own starts between the last negating word and the cue ("your
    /// mentor is not wrong and you need to listen to their advice").
    fn negation_reaches(&self, block: usize, sentence_idx: usize, hit_token: usize) -> bool {
        let view = &self.analysis.views[block];
        let sentence = &self.analysis.sentences[sentence_idx];
        let Some(negator) = self.tables(view, |t| at_or_after(t.last_negator[hit_token], sentence.tokens.start)) else {
            return true;
        };
        let parsed = self.parse(block, sentence_idx);
        let parse = &parsed.parse;
        let (Some(from), Some(to)) = (parse.word_at(negator), parse.word_at(hit_token)) else { return true };
        // A negation inside a relative clause stays there: "a coach who never gives advice asks
        // questions" denies the advice, not the asking.
        let in_relative = parse
            .clause_of(from)
            .map(|c| &parse.clauses[c])
            .is_some_and(|c| c.kind == super::syntax::ClauseKind::Relative && !c.words.contains(&to));
        if in_relative {
            return false;
        }
        !parse.clauses.iter().any(|c| {
            c.words.start > from
                && c.words.start <= to
                && matches!(c.kind, super::syntax::ClauseKind::Main)
                && matches!(c.subject, super::syntax::Subject::Phrase(_))
        })
    }

    /// Whether the cue at `hit_token` is an adjective graded down by "less" or "least" ("less
    /// structured"): its phrase says the quality is lacking, as a negation would.
    fn graded_less(&self, block: usize, sentence_idx: usize, hit_token: usize) -> bool {
        let view = &self.analysis.views[block];
        let before = hit_token.checked_sub(1).map(|t| view.tokens[t].text(&view.norm));
        if !matches!(before, Some("less" | "least")) {
            return false;
        }
        let parsed = self.parse(block, sentence_idx);
        let parse = &parsed.parse;
        parse
            .word_at(hit_token)
            .and_then(|w| parse.phrase_of(w))
            .is_some_and(|p| parse.phrases[p].graded == Some(super::lexicon::Comparative::Less))
    }

    /// Whether the word at `token` is "I", the writer, and the trait (`hit`, block tokens) the
    /// writer's own ("my experience"), with no role named for the writer before it in the
    /// sentence: the writer's own experience is a practice's only where the sentence names the
    /// writer's role ("As a coach, I share my own experience"); "I know from my own experience
    /// that ..." says where the writer's knowledge comes from, of no practice.
    fn writer_unnamed(&self, view: &BlockView, sentence: &Sentence, token: usize, hit: Range<usize>) -> bool {
        view.tokens[token].text(&view.norm) == "i"
            && hit.clone().any(|t| view.tokens[t].text(&view.norm) == "my")
            && !(sentence.tokens.start..token).any(|t| {
                self.mention_at(view, t).is_some_and(|m| {
                    let m = &self.analysis.mentions[m];
                    m.is_use() && m.sense
                })
            })
    }

    /// The parse of sentence `idx` of block `block`, made once while the block is judged.
    fn parse(&self, block: usize, idx: usize) -> std::rc::Rc<relations::Parsed<'a>> {
        let mut cached = self.parsed.borrow_mut();
        if cached.0 != block {
            *cached = (block, HashMap::new());
        }
        let analysis = self.analysis;
        cached.1.entry(idx).or_insert_with(|| std::rc::Rc::new(relations::Parsed::new(analysis, idx))).clone()
    }

    /// The words after a schedule line's dates, when they name a practice's own term: a
    /// practice word among them, and the head ("period", "term") not named after another noun
    /// ("mentee application period" is the application's; "mentorship period" and "mentor
    /// working period" are the practice's).
    fn schedule_label(&self, view: &BlockView, tokens: Range<usize>) -> Option<Range<usize>> {
        if tokens.is_empty() || tokens.len() > 6 {
            return None;
        }
        let word = |t: usize| view.tokens[t].text(&view.norm);
        let head = tokens.clone().rev().find(|&t| view.tokens[t].kind == text::TokenKind::Word)?;
        let named_by = head.checked_sub(1).filter(|p| tokens.contains(p))?;
        let practice_before = self.mention_at(view, named_by).is_some();
        let participle = word(named_by).ends_with("ing") || word(named_by).ends_with("ed");
        let has_practice = tokens.clone().any(|t| self.mention_at(view, t).is_some());
        (has_practice && (practice_before || participle)).then_some(tokens)
    }

    fn mention_at(&self, view: &BlockView, token: usize) -> Option<usize> {
        let offset = self.tables(view, |t| t.mention.get(token).copied())?;
        (offset != u32::MAX).then(|| view.mentions.start + offset as usize)
    }

    /// Whether the cue at `token` is negated within its clause ([`negated`], told the last clause
    /// boundary of the sentence before the cue, and skipped when no word since could negate it).
    fn negated(&self, view: &BlockView, sentence: &Sentence, token: usize) -> bool {
        let (boundary, negator) =
            self.tables(view, |t| (at_or_after(t.last_boundary[token], sentence.tokens.start), t.last_negator[token]));
        // The clause starts at or after the boundary's token (at the sentence's start without one).
        let earliest = boundary.unwrap_or(sentence.tokens.start);
        at_or_after(negator, earliest).is_some()
            && self.tables(view, |t| negated(view, sentence, token, boundary, &t.negators))
    }

    /// Whether the negation before the cue at `token` has a universal or "necessarily" in its
    /// scope, from the negator to the end of the cue's clause ("not ... all questions", "never
    /// always", "not necessarily"): a partial negation.
    fn partial_negation(&self, view: &BlockView, sentence: &Sentence, token: usize, end: usize) -> bool {
        let Some(negator) = self.tables(view, |t| at_or_after(t.last_negator[token], sentence.tokens.start)) else {
            return false;
        };
        let word = |i: usize| view.tokens[i].text(&view.norm);
        let clause_end = (end..sentence.tokens.end)
            .find(|&i| matches!(word(i), "," | ";" | "." | ":" | "but" | "and" | "or" | "because" | "so"))
            .unwrap_or(sentence.tokens.end);
        // ("Not ... at all" strengthens the negation: no universal.)
        (negator + 1..clause_end).any(|i| match word(i) {
            "all" => word(i - 1) != "at",
            w => matches!(w, "always" | "every" | "everything" | "everyone" | "everybody" | "necessarily"),
        })
    }

    /// The engagement a definite phrase such as "the programme" or "this scheme" (a determiner
    /// and an engagement noun, `tokens` with head `head`) refers back to: the last earlier
    /// practice word of the section (up to a heading, at most 12 sentences back) that modifies
    /// the same noun ("our reverse mentoring programme").
    fn definite_antecedent(
        &self,
        view: &BlockView,
        sentence_idx: usize,
        tokens: Range<usize>,
        head: usize,
        hit: Range<usize>,
    ) -> Option<usize> {
        let analysis = self.analysis;
        fn word(v: &BlockView, i: usize) -> &str {
            v.tokens.get(i).map_or("", |t| t.text(&v.norm))
        }
        // One noun in either number and spelling: "programmes", "program".
        fn stem(w: &str) -> &str {
            let w = w.strip_suffix('s').unwrap_or(w);
            if w == "programme" {
                "program"
            } else {
                w
            }
        }
        let noun = stem(word(view, head));
        let definite = tokens.len() >= 2
            && head == tokens.end - 1
            && matches!(word(view, tokens.start), "the" | "this" | "that" | "our" | "your" | "their")
            && super::holders::is_engagement_noun(word(view, head))
            && !super::holders::is_practice_word(word(view, head));
        if !definite {
            return None;
        }
        // Between them, only the length judged or an adjective keeps the reference ("the
        // initial programme"), not one that sets this one apart from another ("the previous
        // programme", "the second scheme").
        let between = tokens.start + 1..head;
        if between.clone().any(|t| !hit.contains(&t)) {
            let parsed = self.parse(analysis.sentences[sentence_idx].block, sentence_idx);
            let adjective = |t: usize| {
                let w = word(view, t);
                parsed.parse.word_at(t).is_some_and(|i| parsed.parse.words[i].pos == super::syntax::Pos::Adj)
                    && !super::holders::is_practice_word(w)
                    && !matches!(
                        w,
                        "other"
                            | "another"
                            | "second"
                            | "previous"
                            | "next"
                            | "former"
                            | "latter"
                            | "different"
                            | "separate"
                    )
            };
            if !between.clone().all(|t| hit.contains(&t) || adjective(t)) {
                return None;
            }
        }
        let block = analysis.sentences[sentence_idx].block;
        for s in (sentence_idx.saturating_sub(12)..sentence_idx).rev() {
            let sb = analysis.sentences[s].block;
            if sb != block && matches!(analysis.blocks[sb].kind, crate::prose::BlockKind::Heading { .. }) {
                break;
            }
            let v = &analysis.views[sb];
            for idx in analysis.sentences[s].mentions.clone().rev() {
                let m = &analysis.mentions[idx];
                if m.sense && m.is_use() && !m.is_client() && stem(word(v, m.token + 1)) == noun {
                    return Some(idx);
                }
            }
        }
        None
    }

    /// The antecedent of the pronoun at `token`: (mention, within this or the previous sentence).
    fn resolve(&self, block: usize, view: &BlockView, sentence_idx: usize, token: usize) -> Option<(usize, bool)> {
        let analysis = self.analysis;
        let word = view.tokens[token].text(&view.norm);
        if THING_PRONOUNS.contains(&word) && self.parse(block, sentence_idx).expletive_it(token) {
            return None;
        }
        // (Possessive and object forms stand for people too: "her responsibility".)
        let wants_person = PERSON_PRONOUNS.contains(&word) || matches!(word, "her" | "his" | "him");
        let fits = |idx: usize| {
            let m = &analysis.mentions[idx];
            m.is_use()
                && !m.is_client()
                && (if wants_person { m.is_person() } else { !m.is_person() })
                && !denied_predicate(analysis, m)
        };
        // Earlier in the same sentence. A denied copula's predicate noun is no referent: it
        // says what the subject is not, so a later pronoun refers to the subject ("the mentor
        // is not a master coach: they ...").
        let sentence = &analysis.sentences[sentence_idx];
        let copula_subject = |idx: usize| {
            let parsed = self.parse(block, sentence_idx);
            let parse = &parsed.parse;
            let w = parse.word_at(analysis.mentions[idx].token)?;
            let p = parse.phrase_of(w)?;
            let c = parse.clause_of(w)?;
            let clause = &parse.clauses[c];
            let copula = clause.verb.is_some_and(|v| parse.verbs[v].copula && parse.verbs[v].negated);
            if !(copula && clause.objects.contains(&p)) {
                return None;
            }
            let subject = parse.subject_phrase(c)?;
            let head = parse.words[parse.phrases[subject].head].token;
            sentence.mentions.clone().find(|&m| analysis.mentions[m].token == head)
        };
        for idx in sentence.mentions.clone().rev() {
            if analysis.mentions[idx].token < token && fits(idx) {
                let idx = copula_subject(idx).filter(|&s| fits(s)).unwrap_or(idx);
                return Some((idx, true));
            }
        }
        // Earlier sentences of this section, up to a few back.
        let mut looked = 0;
        for s in (0..sentence_idx).rev() {
            let sb = analysis.sentences[s].block;
            if sb != block && matches!(analysis.blocks[sb].kind, crate::prose::BlockKind::Heading { .. }) {
                break;
            }
            for idx in analysis.sentences[s].mentions.clone().rev() {
                if fits(idx) {
                    return Some((idx, looked == 0));
                }
            }
            looked += 1;
            if looked >= 4 {
                break;
            }
        }
        None
    }

    /// Whether the cue sits in an "if" clause, and if so what the main clause does with it.
    fn conditional(&self, view: &BlockView, sentence: &Sentence, hit_token: usize) -> Conditional {
        let Some(if_token) = self.tables(view, |t| at_or_after(t.last_if[hit_token], sentence.tokens.start)) else {
            return Conditional::None;
        };
        let key = (sentence.block, if_token);
        let known = self.ifs.borrow().get(&key).copied();
        let reading = match known {
            Some(reading) => reading,
            None => {
                let reading = self.read_if_clause(view, sentence, if_token);
                self.ifs.borrow_mut().insert(key, reading);
                reading
            }
        };
        match reading {
            None => Conditional::Hypothetical,
            Some((main_comma, _)) if main_comma < hit_token => Conditional::None,
            Some((_, outcome)) => outcome,
        }
    }

    /// What the sentence makes of its "if" clause at `if_token`: the comma where the main
    /// clause begins and the reading of a cue inside the "if" clause (`None` when no comma ends
    /// it: the whole rest is hypothetical).
    fn read_if_clause(&self, view: &BlockView, sentence: &Sentence, if_token: usize) -> IfReading {
        let words = |i: usize| view.tokens[i].text(&view.norm);
        // The "if" clause runs to the comma before the main clause; lists inside it have commas
        // of their own ("if you want to think more clearly, improve performance, or ...").
        // A comma before "who" or "which" opens a relative inside the "if" clause, not the main
        // clause ("If a teammate, who has had feedback, has not improved, ...").
        // (Within a bounded stretch after the "if": a sentence with no end and many an "if"
        // must not make each read all the rest.)
        let end = sentence.tokens.end.min(if_token + 2 * NEAR_TOKENS);
        let commas: Vec<usize> = (if_token..end)
            .filter(|&i| words(i) == ",")
            .filter(|&i| i + 1 >= sentence.tokens.end || !matches!(words(i + 1), "who" | "which" | "whom" | "whose"))
            .collect();
        let &first_comma = commas.first()?;
        let main_comma = commas
            .iter()
            .copied()
            .find(|&c| {
                (c + 1..sentence.tokens.end.min(c + 4)).any(|t| self.mention_at(view, t).is_some())
                    || (c + 1 < sentence.tokens.end
                        && matches!(
                            words(c + 1),
                            "ask" | "look" | "choose" | "talk" | "speak" | "go" | "consider" | "apply" | "then"
                        ))
            })
            .unwrap_or(first_comma);
        let main_start = view.tokens[main_comma].end;
        let main_end = view.tokens.get(main_comma + NEAR_TOKENS).map_or(sentence.end, |t| t.start.min(sentence.end));
        let main = &view.norm[main_start..main_end.max(main_start)];
        static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"better fit|more helpful|right choice|best choice|good fit|is for you|ask for|look for|choose|go for|consider|apply for|sign up for|likely|probably|better option|the answer").expect("valid")
        });
        static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"wrong choice|not the right|isn['’]t the right|not for you|won['’]t help|not what you need")
                .expect("valid")
        });
        let negative = NEGATIVE.is_match(main);
        if !negative && !POSITIVE.is_match(main) {
            return Some((main_comma, Conditional::Hypothetical));
        }
        let first = sentence.mentions.start
            + self.analysis.mentions[sentence.mentions.clone()].partition_point(|m| m.start < main_start);
        let mention = (first..sentence.mentions.end).find(|&idx| {
            let m = &self.analysis.mentions[idx];
            m.start < main_end && m.is_use() && !m.is_client()
        });
        let outcome = match mention {
            Some(mention) => Conditional::Transfer { mention, negative },
            None => Conditional::Hypothetical,
        };
        Some((main_comma, outcome))
    }

    /// Who decides, for an agenda cue: the guide or the person guided.
    /// Whether the sentence casts the reader as the guide: "as a coach, you ...", "when you
    /// mentor ...", "wearing your coaching hat", "in your role as mentor". The reader's own
    /// agenda is then the guide's ("you are not driving your agenda" denies the guide's
    /// agenda), not the agenda of the person guided.
    fn reader_cast_as_guide(&self, view: &BlockView, sentence: &Sentence, hit_token: usize) -> bool {
        let analysis = self.analysis;
        let word = |i: usize| view.tokens[i].text(&view.norm);
        let range = sentence.tokens.clone();
        // The sentence's practice words near the cue (a bounded stretch, so that a sentence
        // with no end costs the same per cue).
        let near = hit_token.saturating_sub(NEAR_TOKENS)..hit_token + NEAR_TOKENS;
        let mentions = analysis.mentions[sentence.mentions.clone()].iter();
        mentions.filter(|m| near.contains(&m.token)).any(|m| {
            if !m.sense || m.meta || m.role() == Role::Guided {
                return false;
            }
            let i = m.token;
            let before = |k: usize| i >= range.start + k;
            // "as a coach", "as their mentor": the reader is spoken to in the role.
            let as_role = m.role() == Role::Guide
                && ((before(1) && word(i - 1) == "as")
                    || (before(2)
                        && word(i - 2) == "as"
                        && matches!(word(i - 1), "a" | "an" | "the" | "your" | "their" | "his" | "her")));
            // "your coaching hat", "your mentoring role": the reader's own practice of it.
            let own_activity = m.role() == Role::Activity
                && !m.verb
                && before(1)
                && word(i - 1) == "your"
                && range.contains(&(i + 1))
                && super::lexicon::CAPACITY_NOUNS.contains(word(i + 1));
            // "when you coach", "while you are mentoring": the reader does the practice.
            let does_it = (m.verb || m.role() == Role::Activity)
                && (range.start..i)
                    .rev()
                    .take(3)
                    .take_while(|&k| !is_clause_boundary(&view.norm, &view.tokens, k))
                    .any(|k| {
                        word(k) == "you"
                            && (k + 1..i).all(|j| {
                                matches!(word(j), "are" | "were" | "will" | "can" | "should" | "be" | "'re" | "’re")
                            })
                    });
            as_role || own_activity || does_it
        })
    }

    fn setter_role(&self, view: &BlockView, sentence_idx: usize, hit_token: usize) -> Option<Role> {
        let analysis = self.analysis;
        let sentence = &analysis.sentences[sentence_idx];
        // A possessor that opens the cue owns what it names: "the mentee's agenda".
        if let Some(idx) = self.mention_at(view, hit_token) {
            let m = &analysis.mentions[idx];
            if m.possessive && m.sense && !m.meta {
                return Some(m.role());
            }
        }
        for i in (sentence.tokens.start..hit_token).rev() {
            if let Some(idx) = self.mention_at(view, i) {
                let m = &analysis.mentions[idx];
                if m.sense && !m.meta {
                    // A role coordinated with another person ("a relationship between a coach
                    // and an employee that focuses on setting goals") decides nothing alone:
                    // the pair, or the relationship, is who sets.
                    if coordinated_person(view, i, sentence.tokens.clone()) {
                        return None;
                    }
                    return Some(if m.verb { Role::Guide } else { m.role() });
                }
            }
            let word = view.tokens[i].text(&view.norm);
            // "X helps you set goals": the helper takes part in the setting, so it is not the
            // person guided deciding alone (as "let you set" or "you set" is).
            let helped = i > sentence.tokens.start
                && matches!(
                    view.tokens[i - 1].text(&view.norm),
                    "help" | "helps" | "helped" | "helping" | "assist" | "assists" | "assisted" | "assisting"
                );
            match word {
                "you" | "them" | "him" | "her" if helped => return None,
                "you" | "yourself" | "you'll" | "you’ll" => {
                    return Some(if self.reader_cast_as_guide(view, sentence, hit_token) {
                        Role::Guide
                    } else {
                        Role::Guided
                    })
                }
                // An object pronoun is the person let decide: "let them set".
                "them" | "him" | "her" => return Some(Role::Guided),
                _ if PERSON_PRONOUNS.contains(&word) => {
                    let (idx, _) = self.resolve(sentence.block, view, sentence_idx, i)?;
                    let m = &analysis.mentions[idx];
                    return Some(if m.verb { Role::Guide } else { m.role() });
                }
                "we" | "i" => return None,
                _ => {}
            }
            if is_clause_boundary(&view.norm, &view.tokens, i) {
                break;
            }
        }
        None
    }
}

/// Where the label that opens an item ends ("Manager hat - ...", "Pairing: ..."): the first of
/// `marks` within its first five tokens, after at least one word.
fn item_label_end(view: &BlockView, marks: &[&str]) -> Option<usize> {
    view.tokens.iter().take(5).position(|t| marks.contains(&t.text(&view.norm))).filter(|&e| e > 0)
}

/// Whether the word at token `i` is coordinated with another noun phrase ("a coach and an
/// employee", "the client or their manager", "mentees and mentors"): an "and", "or" or "&"
/// right after it, or right before it (past its determiner), within the sentence's tokens.
fn coordinated_person(view: &BlockView, i: usize, sentence: std::ops::Range<usize>) -> bool {
    let word = |k: usize| view.tokens[k].text(&view.norm);
    let joiner = |k: usize| matches!(word(k), "and" | "or" | "&");
    let after = i + 1 < sentence.end && joiner(i + 1);
    let mut k = i;
    while k > sentence.start && matches!(word(k - 1), "a" | "an" | "the" | "their" | "your" | "our" | "his" | "her") {
        k -= 1;
    }
    let before = k > sentence.start && joiner(k - 1);
    after || before
}

/// Whether the word at token `i` is one of alternatives joined by "or" with a word that is not
/// a practice word ("a mentor or an onboarding buddy", "your manager or coach"): what is said
/// of the alternatives is said of whichever one the reader has, not of the practice as such.
/// (A practice word on both sides is the other practice's joint mention, judged elsewhere.)
fn disjoined(view: &BlockView, i: usize, sentence: std::ops::Range<usize>) -> bool {
    let word = |k: usize| view.tokens[k].text(&view.norm);
    let determiner = |w: &str| matches!(w, "a" | "an" | "the" | "their" | "your" | "our" | "his" | "her");
    let other = |k: usize| {
        sentence.contains(&k)
            && view.tokens[k].kind == text::TokenKind::Word
            && !super::holders::is_practice_word(word(k))
            && !determiner(word(k))
    };
    let after = i + 2 < sentence.end && word(i + 1) == "or" && {
        let mut k = i + 2;
        while k + 1 < sentence.end && determiner(word(k)) {
            k += 1;
        }
        other(k) && !(k + 1 < sentence.end && super::holders::is_practice_word(word(k + 1)))
    };
    let mut k = i;
    while k > sentence.start && determiner(word(k - 1)) {
        k -= 1;
    }
    let before = k >= sentence.start + 2 && word(k - 1) == "or" && other(k - 2);
    after || before
}

/// Whether the cue at `hit_token` is the denied side of a contrast whose kept side is a verb of
/// the practice's own method: "X but not <cue>", "X rather than <cue>", "X instead of <cue>",
/// with X, up to five words before the contrast in the same clause, one of `practice`'s method
/// verbs ([`super::lexicon::method_verbs`]).
fn kept_alternative(view: &BlockView, sentence: &Sentence, hit_token: usize, practice: Practice) -> bool {
    let word = |i: usize| view.tokens[i].text(&view.norm);
    let start = sentence.tokens.start;
    // The contrast: "but not"/"but never", "rather than", "instead of", a few words before the cue.
    let contrast = (hit_token.saturating_sub(4).max(start + 1)..hit_token).rev().find_map(|i| {
        let (before, w) = (word(i - 1), word(i));
        match (before, w) {
            ("but", "not" | "never") | ("rather", "than") | ("instead", "of") => Some(i - 1),
            _ => None,
        }
    });
    let Some(at) = contrast else { return false };
    (at.saturating_sub(5).max(start)..at)
        .rev()
        .take_while(|&i| !matches!(word(i), "," | ";" | ":" | "." | "(" | ")"))
        .any(|i| {
            super::lexicon::verb(word(i))
                .is_some_and(|(lemma, _)| super::lexicon::method_verbs(practice).contains(lemma))
        })
}

/// The practice a cue is said of, and how it was found.
struct Attribution {
    practice: Practice,
    anchor: Anchor,
    /// Found as close as the same sentence (or a row or short fragment under its heading).
    local: bool,
    /// A negating heading over the block ("What you won't do").
    heading_negated: bool,
    /// The cue modifies the practice word right after it.
    attributive: bool,
    /// The cue is the value of a label that names the practice ("Mentorship duration - three
    /// months"): a fragment, whatever the block.
    labelled: bool,
}

#[derive(Clone, Copy)]
enum Conditional {
    /// Not in a conditional clause.
    None,
    /// In an "if" clause that the sentence does not resolve: it asserts nothing.
    Hypothetical,
    /// "If you want X, P is the better fit": X is said of P.
    Transfer { mention: usize, negative: bool },
}

fn is_capitalised(analysis: &Analysis<'_>, block: usize, token: Token) -> bool {
    analysis.blocks[block].text[token.start..].chars().next().is_some_and(char::is_uppercase)
}

/// Whether an attributive cue is negated by its own phrase: "no fixed end date", "without a
/// structured programme", "not a formal coaching engagement".
fn negated_phrase(view: &BlockView, hit_token: usize) -> bool {
    let word = |i: usize| view.tokens.get(i).map_or("", |t| t.text(&view.norm));
    (hit_token.saturating_sub(2)..hit_token).any(|i| matches!(word(i), "no" | "without" | "non" | "not" | "never"))
}

/// Whether the cue starting at `hit_token` is negated within its clause; `boundary` is the
/// sentence's last clause boundary before the cue.
fn negated(view: &BlockView, sentence: &Sentence, hit_token: usize, boundary: Option<usize>, negators: &[u32]) -> bool {
    let tokens = &view.tokens;
    let word = |i: usize| tokens[i].text(&view.norm);
    let clause_start = boundary
        // "instead of", "rather than" and "unlike" open the clause they negate.
        .map_or(sentence.tokens.start, |i| if matches!(word(i), "instead" | "rather") { i } else { i + 1 });
    let mut count = 0;
    // Only the words `may_negate` names can count: the clause's others are skipped by a search
    // (a clause can be a 2,000-byte window, and every cue in it asks).
    let from = negators.partition_point(|&p| (p as usize) < clause_start);
    let to = negators.partition_point(|&p| (p as usize) < hit_token);
    for i in negators[from..to.max(from)].iter().map(|&p| p as usize) {
        let w = word(i);
        let next = if i + 1 < tokens.len() { word(i + 1) } else { "" };
        let verb_negator = matches!(
            w,
            "not"
                | "never"
                | "cannot"
                | "nobody"
                | "neither"
                | "nor"
                | "avoid"
                | "avoiding"
                | "avoids"
                | "resist"
                | "refrain"
        ) || w.ends_with("n't")
            || w.ends_with("n’t")
            || (w == "myth" && next == "that")
            || (w == "no" && next == "longer");
        if verb_negator {
            let cancelled =
                matches!(next, "only" | "just" | "sure" | "to") && w != "not" || matches!(next, "only" | "just");
            let how_not_to = w == "not" && next == "to" && word(i.saturating_sub(1)) == "how";
            if !cancelled && !how_not_to {
                count += 1;
            }
            continue;
        }
        // "Coaches are easily confused with advisors", "not to be confused with mentoring":
        // what follows "with" or "for" is what the thing is not, whatever came before.
        if is_mistaking(w) {
            if (i + 1..(i + 3).min(hit_token)).any(|j| matches!(word(j), "with" | "for")) {
                count = 1;
            }
            continue;
        }
        // "shift from having answers to asking questions": what a change moves away from is
        // left behind (up to the "to" of its destination).
        if w == "from" || w == "of" {
            // "steer away from advice", "steer clear of advice": an avoidance denies what it
            // keeps away from.
            if keeps_away(&view.norm, tokens, i) {
                count += 1;
                continue;
            }
            let change = (i.saturating_sub(4).max(clause_start)..i).any(|k| {
                super::lexicon::verb(word(k)).is_some_and(|(lemma, _)| super::lexicon::CHANGE_VERBS.contains(lemma))
            });
            if change && !(i + 1..hit_token).any(|j| word(j) == "to") {
                count += 1;
            }
            continue;
        }
        // ("A lack of clarity", "the absence of structure": a noun that denies its "of" phrase.)
        let np_negator = matches!(w, "no" | "without" | "none")
            || (matches!(w, "lack" | "absence") && next == "of")
            || (w == "rather" && next == "than")
            || (w == "instead" && next == "of");
        if np_negator
            && !matches!(next, "more" | "later" | "matter" | "exceptions" | "exception" | "," | "." | "longer")
        {
            // "no coach will ..." negates the whole clause; "no contract, ..." only its phrase.
            let quantifies_subject = (i + 1..(i + 4).min(hit_token)).any(|j| {
                tokens[j].kind == TokenKind::Word && {
                    let t = word(j);
                    t.starts_with("coach") || t.starts_with("mentor") || t.starts_with("mentee")
                }
            });
            let phrase_ends = (i + 1..hit_token).any(|j| matches!(word(j), "," | "and" | "or" | "but"));
            if quantifies_subject || !phrase_ends {
                count += 1;
            }
        }
    }
    count % 2 == 1
}

/// Nouns an attributive cue can describe when it is about the practice ("a structured
/// programme", "an informal chat"); "fixed-term employees" or "structured apprenticeships" are not.
const ENGAGEMENT_NOUNS: &[&str] = &[
    "programme",
    "programmes",
    "program",
    "programs",
    "engagement",
    "engagements",
    "partnership",
    "partnerships",
    "relationship",
    "relationships",
    "session",
    "sessions",
    "format",
    "plan",
    "sprint",
    "process",
    "curriculum",
    "scheme",
    "pairing",
    "pairings",
    "pairs",
    "conversation",
    "conversations",
    "chat",
    "chats",
    "arrangement",
    "approach",
    "support",
    "meeting",
    "meetings",
    "basis",
    "cycle",
    "period",
    "term",
    "commitment",
    "offer",
    "track",
    "journey",
    "series",
    "course",
    "model",
    "structure",
    "agreement",
    "way",
    "setting",
    "style",
    "connection",
    "contract",
    "sequence",
    "schedule",
    "timeline",
    "duration",
    "calls",
    "catch-ups",
];

/// Whether a cue's wording is about the practice at all: frequencies ("every two weeks") are not
/// durations, and an attributive adjective must describe an engagement, not employees.
fn describes_practice(view: &BlockView, cue: &Cue, hit_token: usize, hit_end_token: usize) -> bool {
    let word = |i: usize| view.tokens.get(i).map_or("", |t| t.text(&view.norm));
    // Unless the length modifies a noun the quantifier counts: "each 3-month mentorship period"
    // is a series of fixed terms, not a frequency.
    let measures_a_noun = hit_end_token > hit_token
        && super::lexicon::time_unit(word(hit_end_token - 1)).is_none()
        && super::holders::is_engagement_noun(word(hit_end_token - 1));
    // ("The last six months" is a window; "it can last for a year" is the verb.)
    let last_adjective = word(hit_token.wrapping_sub(1)) == "last"
        && hit_token >= 2
        && matches!(
            word(hit_token - 2),
            "the" | "this" | "these" | "those" | "its" | "their" | "your" | "our" | "past"
        );
    if cue.dimension == cm_core::Dimension::Duration
        && hit_token > 0
        && (matches!(word(hit_token - 1), "every" | "each" | "per" | "once" | "twice" | "first" | "next")
            || last_adjective)
        && !measures_a_noun
    {
        return false;
    }
    // "One session of mentoring", "one week of coaching": a singular unit after "one", with no
    // hyphen joining them, is a plain count, and its "of" phrase says what is counted; the
    // attributive length ("a one-week course", "a 12 week programme") joins or pluralises.
    if cue.dimension == cm_core::Dimension::Duration
        && hit_token + 2 < hit_end_token
        && matches!(word(hit_token), "one" | "1")
        && super::lexicon::TIME_UNITS.contains(word(hit_token + 1))
        && word(hit_token + 2) == "of"
    {
        return false;
    }
    // "fixed-term contracts", "employment contract": the person's job, not the practice.
    if word(hit_token).starts_with("contract")
        && hit_token > 0
        && matches!(
            word(hit_token - 1),
            "term"
                | "fixed-term"
                | "permanent"
                | "temporary"
                | "employment"
                | "part-time"
                | "full-time"
                | "zero-hours"
                | "their"
                | "your"
                | "on"
        )
    {
        return false;
    }
    let around = |from: usize, to: usize| (from..to).map(&word).collect::<Vec<_>>().join(" ");
    // "informal or formal", "structured or unstructured": both sides, so neither.
    let window = around(hit_token.saturating_sub(3), hit_end_token + 3);
    // (Each pair is joined by "or": most windows have none, and need no pair looked for.)
    if window.contains(" or ")
        && [
            "formal or formal",
            "informal or formal",
            "formal or informal",
            "structured or unstructured",
            "unstructured or structured",
            "short-term or long-term",
            "long or short",
        ]
        .iter()
        .any(|pair| window.contains(pair))
    {
        return false;
    }
    // "open-ended questions": a kind of question, not a kind of engagement.
    if cue.dimension == Dimension::Duration
        && around(hit_token.saturating_sub(5), hit_end_token + 3).contains("question")
    {
        return false;
    }
    // "a more senior position", "more experienced roles": career levels, not the guide.
    if cue.dimension == Dimension::Guide
        && matches!(
            word(hit_end_token),
            "position"
                | "positions"
                | "role"
                | "roles"
                | "level"
                | "levels"
                | "grade"
                | "grades"
                | "title"
                | "titles"
                | "job"
                | "jobs"
                | "team"
                | "teams"
        )
    {
        return false;
    }
    // "Steer away from", "steer clear of": a verb of avoidance, not of steering.
    if hit_end_token + 1 < view.tokens.len() && keeps_away(&view.norm, &view.tokens, hit_end_token + 1) {
        return false;
    }
    // An adjective describes the noun after it: "structured sessions" is about the practice,
    // "structured apprenticeships" and "fixed-term employees" are not.
    let adjective = matches!(cue.dimension, Dimension::Form | Dimension::Duration)
        && is_adjective_cue(&around(hit_token, hit_end_token));
    if adjective {
        if let Some(next) = view.tokens.get(hit_end_token).filter(|t| t.kind == TokenKind::Word) {
            let noun = next.text(&view.norm);
            let practice_word = noun.starts_with("coach") || noun.starts_with("mentor") || noun.starts_with("mentee");
            // A noun for a way of working describes what it is said of ("mentoring is a
            // structured system"); whether that is the practice is the attribution's question.
            let manner = MANNER_NOUNS.contains(&noun.strip_suffix('s').unwrap_or(noun));
            return practice_word || manner || FUNCTION_WORDS.contains(&noun) || ENGAGEMENT_NOUNS.contains(&noun);
        }
    }
    true
}

/// Nouns for a way of working ("a structured approach", "an informal system"), singular.
const MANNER_NOUNS: &[&str] = &[
    "system",
    "approach",
    "framework",
    "method",
    "model",
    "format",
    "intervention",
    "activity",
    "practice",
    "discipline",
    "affair",
];

/// Cue phrases that are adjectives, which describe the noun that follows them.
fn is_adjective_cue(text: &str) -> bool {
    let compact: String = text.split_whitespace().collect::<Vec<_>>().join(" ").replace(" - ", "-");
    matches!(
        compact.as_str(),
        "structured"
            | "formal"
            | "informal"
            | "unstructured"
            | "open-ended"
            | "open ended"
            | "ongoing"
            | "on-going"
            | "on going"
            | "time-bound"
            | "time bound"
            | "time-limited"
            | "time limited"
            | "time-boxed"
            | "fixed-term"
            | "fixed term"
            | "short-term"
            | "short term"
            | "lifelong"
            | "life-long"
            | "indefinite"
            | "long-running"
            | "relationship-driven"
            | "relationship-based"
            | "goal-oriented"
            | "goal-focused"
            | "goal-based"
            | "goal-driven"
            | "performance-focused"
            | "performance-oriented"
            | "performance-driven"
            | "future-focused"
    )
}

/// Words after an adjective cue that leave it describing the practice ("informal and ongoing").
const FUNCTION_WORDS: &[&str] = &[
    "and",
    "or",
    "but",
    "with",
    "for",
    "in",
    "to",
    "by",
    "at",
    "of",
    "from",
    "than",
    "as",
    "so",
    "if",
    "when",
    "until",
    "on",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "can",
    "too",
    "enough",
    "by",
    "then",
    "because",
    "while",
    "after",
    "before",
    "without",
    "where",
    "which",
    "that",
    "and/or",
    "nor",
    "yet",
    "throughout",
    "over",
    "each",
    "per",
    "no",
    "not",
    "rather",
    "instead",
    "unless",
    "since",
    "though",
    "although",
    "during",
    "across",
];

#[cfg(test)]
mod tests {
    use super::{rejected_quotes, LONGEST_REJECTION, QUOTE_REJECTION};
    use crate::analysis::mentions::quoted_ranges;
    use crate::analysis::text::{normalise, sentences};
    use crate::{lint, Document, Format};

    /// A belief is what we, I or (many) people think, with at most one adverb or modal before
    /// the verb; a contrast opens with "however", "but", "yet", "actually" or "in fact".
    #[test]
    fn beliefs_and_contrasts_are_read_from_the_first_words() {
        use super::{opens_with_a_belief, opens_with_a_contrast};
        for belief in [["we", "think", "we", ""], ["many", "people", "assume", "a"], ["i", "often", "feel", "that"]] {
            assert!(opens_with_a_belief(&belief), "{belief:?}");
        }
        for other in [["our", "coaches", "think", ""], ["we", "offer", "coaching", ""], ["we", "", "", ""]] {
            assert!(!opens_with_a_belief(&other), "{other:?}");
        }
        for contrast in [["however", "good", "", ""], ["in", "fact", "the", ""], ["but", "", "", ""]] {
            assert!(opens_with_a_contrast(&contrast), "{contrast:?}");
        }
        for other in [["in", "the", "end", ""], ["obviously", "", "", ""], ["", "", "", ""]] {
            assert!(!opens_with_a_contrast(&other), "{other:?}");
        }
    }

    /// No phrase of the rejection pattern is longer than `rejected_quotes` assumes: each
    /// top-level alternative, as written (a class or a group is longer written than matched).
    #[test]
    fn rejection_phrases_are_short() {
        let source = QUOTE_REJECTION.as_str();
        let body = &source["(?-u:\\b)(?:".len()..source.len() - ")(?-u:\\b)".len()];
        let (mut depth, mut start) = (0, 0);
        let mut alternatives = Vec::new();
        for (i, c) in body.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                '|' if depth == 0 => {
                    alternatives.push(&body[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        alternatives.push(&body[start..]);
        assert!(alternatives.len() > 20, "{alternatives:?}");
        for a in alternatives {
            assert!(a.len() <= LONGEST_REJECTION, "{a:?}");
        }
    }

    /// The quotes rejected are those the per-quote reading found (the whole text before each
    /// quote joined to the text after it), on texts with phrases before, inside, between and
    /// after quotes.
    #[test]
    fn rejected_quotes_reads_the_text_before_the_quotes_once_with_the_same_result() {
        fn reference(norm: &str, sentences: &[(usize, usize)], next_block: Option<&str>) -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            for (qs, qe) in quoted_ranges(norm) {
                if norm[qs..qe].split_whitespace().count() < 4 {
                    continue;
                }
                let Some(idx) = sentences.iter().position(|&(s, e)| s <= qs && qs <= e) else { continue };
                let after_end = sentences.get(idx + 2).map_or(norm.len(), |&(_, e)| e);
                let around = format!("{} {}", &norm[..qs], &norm[qe.min(after_end)..after_end]);
                let next =
                    next_block.map_or("", |n| &n[..n.len().min(n.char_indices().nth(160).map_or(n.len(), |(i, _)| i))]);
                if QUOTE_REJECTION.is_match(&around) || QUOTE_REJECTION.is_match(next) {
                    out.push((qs, qe));
                }
            }
            out
        }
        let pieces = [
            "Coaches say \"we will meet every single week\". ",
            "That is wrong. ",
            "The page said “mentors give advice from their careers” and ",
            "it isn’t how we work. ",
            "Unremoved text \"four words in quotes\" here. ",
            "A long stretch of ordinary words about coaching and mentoring with nothing rejected in it at all. ",
            "old \"a b c d\" page. ",
            "\"one two three four\" is not right. ",
            "if that’s true, ",
        ];
        let mut seed = 7u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let norm = normalise(&text);
            let ranges = sentences(&text);
            for next in [None, Some("That is no longer true."), Some("Nothing here.")] {
                assert_eq!(rejected_quotes(&norm, &ranges, next), reference(&norm, &ranges, next), "{text}");
            }
        }
    }

    /// A conditional whose comma is the last token of its block: the main clause that would
    /// follow the comma is absent, and looking past it must not run off the block's tokens.
    #[test]
    fn a_conditional_ending_in_a_comma_is_judged_without_reading_past_the_block() {
        for (source, format) in [
            ("- Talk to your coach if you want advice,\n", Format::Markdown),
            ("Speak with a coach when and if you feel stuck,", Format::PlainText),
            ("<ul><li>Find a coach if you need advice,</li></ul>", Format::Html),
        ] {
            let _ = lint(&Document { source, format });
        }
    }
}

#[cfg(test)]
mod agenda_driver_tests {
    use crate::test_support::codes;

    /// Who drives is read from the clause: the subject of an active verb, the agent of a
    /// passive one, the subject of "is the owner of"; the object must be the engagement's own
    /// meetings or agenda.
    #[test]
    fn the_person_guided_driving_the_meetings_is_the_coaching_trait() {
        assert_eq!(codes("Each protégé leads the weekly meetings.\n"), ["CM004"]);
        assert_eq!(codes("Every pairing's agenda is set by the mentee.\n"), ["CM004"]);
        assert_eq!(codes("The mentee is the owner of every meeting.\n"), ["CM004"]);
        assert_eq!(codes("Mentee priorities should drive the conversations.\n"), ["CM004"]);
    }

    #[test]
    fn other_meetings_other_drivers_and_denials_are_not() {
        // Someone else's meetings, something of the mentee's, a denial, the guide leading sessions.
        assert!(codes("Mentees will soon lead customer calls on their own.\n").is_empty());
        assert!(codes("The mentee's project drives the sprint meetings.\n").is_empty());
        assert!(codes("The mentee does not set the agenda; the mentor does.\n").is_empty());
        assert!(codes("Mentors lead the sessions.\n").is_empty());
        assert!(codes("The coachee sets the agenda for every session.\n").is_empty());
    }
}

/// Whether block `at` is a table cell of one word (or one hyphenated word) in a row or column
/// with at least two other such cells, in a table that names no practice in its header or in
/// that row or column: a list of qualities ("Time-bound | Specific | Measurable") that are
/// criteria of something the table is about, not of an engagement. A comparison table whose
/// header names the practices ("| | Coaching | Mentoring |") is not such a list. Only cells
/// within [`CRITERIA_WINDOW`] blocks are looked at, so that a long table costs a constant per
/// cue.
fn criteria_cell(blocks: &[crate::prose::Block], at: usize) -> bool {
    use crate::prose::BlockKind;
    const CRITERIA_WINDOW: usize = 64;
    let cell = |b: &crate::prose::Block| match b.kind {
        BlockKind::TableCell { row, column, header } => Some((row, column, header)),
        _ => None,
    };
    let Some((row, column, _)) = cell(&blocks[at]) else { return false };
    let group = blocks[at].group;
    let one_word = |text: &str| {
        let t = text.trim().trim_end_matches([':', '.']);
        !t.is_empty() && t.len() <= 24 && t.split('-').all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
    };
    if !one_word(&blocks[at].text) {
        return false;
    }
    let names_practice = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric()).any(|w| super::holders::is_practice_word(&w.to_lowercase()))
    };
    let from = at.saturating_sub(CRITERIA_WINDOW);
    let to = (at + CRITERIA_WINDOW + 1).min(blocks.len());
    let (mut in_row, mut in_column) = (0, 0);
    for (i, b) in blocks.iter().enumerate().take(to).skip(from) {
        if b.group != group || i == at {
            continue;
        }
        let Some((r, c, header)) = cell(b) else { continue };
        if (header || r == row || c == column) && names_practice(&b.text) {
            return false;
        }
        if one_word(&b.text) {
            in_row += usize::from(r == row);
            in_column += usize::from(c == column && !header);
        }
    }
    in_row >= 2 || in_column >= 2
}

/// Whether mention `m` stands in the predicate of a denied copula, alone or in a list ("coaching
/// isn't therapy, mentoring, or consulting"): it says what the subject is not, so it brings
/// nothing into the discourse that a later pronoun could refer to.
fn denied_predicate(analysis: &Analysis<'_>, m: &crate::analysis::mentions::Mention) -> bool {
    let view = &analysis.views[m.block];
    let start = analysis.sentences[m.sentence].tokens.start;
    let text = |t: usize| view.tokens[t].text(&view.norm);
    let mut t = m.token;
    // (Back over the list's words and commas, a few at most.)
    for _ in 0..8 {
        if t <= start {
            return false;
        }
        t -= 1;
        let w = text(t);
        if matches!(w, "isn't" | "isn’t" | "aren't" | "aren’t" | "wasn't" | "wasn’t" | "weren't" | "weren’t") {
            return true;
        }
        if w == "not" && t > start && matches!(text(t - 1), "is" | "are" | "was" | "were") {
            return true;
        }
        if w != "," && !w.chars().all(|c| c.is_alphabetic() || c == '-') {
            return false;
        }
    }
    false
}

/// Whether a negator right before "just" or "only" stands before the cue at `hit_token` in its
/// sentence ("don't just tell them"), with no "but", "also", "too" or "as well" after it that
/// adds to what it restricts ("not just ... but also ...").
fn not_just_alone(view: &BlockView, sentence: &Sentence, hit_token: usize) -> bool {
    let word = |i: usize| view.tokens[i].text(&view.norm);
    let negator = |w: &str| w == "not" || w.ends_with("n't") || w.ends_with("n’t") || w == "never";
    // (Right before the cue: "don't just tell", "should not only ask"; and the addition within a
    // few words after it. Bounded, so that a long sentence with many cues costs each cue its own
    // neighbourhood only.)
    let from = hit_token.saturating_sub(4).max(sentence.tokens.start);
    let to = sentence.tokens.end.min(hit_token + 16);
    let restricted =
        (from..hit_token).any(|i| i + 1 < hit_token && matches!(word(i + 1), "just" | "only") && negator(word(i)));
    restricted
        && !(hit_token..to).any(|i| {
            matches!(word(i), "but" | "also" | "too") || (word(i) == "as" && i + 1 < to && word(i + 1) == "well")
        })
}

/// Whether the "from" or "of" at `t` ends a verb of avoidance: "steer away from", "steer clear
/// of", "shy away from", "stay away from", "keep clear of".
fn keeps_away(norm: &str, tokens: &[text::Token], t: usize) -> bool {
    let word = |i: usize| tokens[i].text(norm);
    t >= 2
        && matches!((word(t - 1), word(t)), ("away", "from") | ("clear", "of"))
        && matches!(
            word(t - 2),
            "steer"
                | "steers"
                | "steered"
                | "steering"
                | "shy"
                | "shies"
                | "shied"
                | "shying"
                | "stay"
                | "stays"
                | "stayed"
                | "staying"
                | "keep"
                | "keeps"
                | "kept"
                | "keeping"
        )
}
