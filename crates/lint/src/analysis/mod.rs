//! Shared analysis of one document: the stages every rule reads.
//!
//! 1. [`prose`](crate::prose) gives blocks of plain text mapped to the source.
//! 2. [`text`] splits them into tokens and sentences.
//! 3. [`mentions`] finds the practice words and decides their sense and use.
//! 4. [`context`] works out what each block is about from headings, lists and tables.
//! 5. [`entities`] binds names of people and programmes to a practice.
//! 6. [`traits`] matches the cue phrases, decides their polarity and the practice they are said
//!    of, and records every trait that contradicts the article.

pub(crate) mod attach;
pub(crate) mod context;
pub(crate) mod dates;
pub(crate) mod entities;
pub(crate) mod holders;
pub(crate) mod lexicon;
pub(crate) mod matcher;
pub(crate) mod mentions;
pub(crate) mod patterns;
pub(crate) mod prescan;
pub(crate) mod relations;
pub(crate) mod syntax;
pub(crate) mod text;
pub(crate) mod traits;

use std::ops::Range;

use crate::prose::{self, Block, Format};
use crate::Span;
use context::Topic;
use mentions::Mention;
use text::Token;

/// One block with its derived text views.
pub(crate) struct BlockView {
    pub norm: String,
    pub tokens: Vec<Token>,
    pub sentences: Range<usize>,
    pub mentions: Range<usize>,
    pub topic: Option<Topic>,
    /// The block is a fragment: a list item, a table cell, a term or a short line.
    pub fragment: bool,
    /// Quoted passages the text rejects (byte ranges of the text); they assert nothing.
    pub rejected: Vec<(usize, usize)>,
}

/// A sentence of a block.
pub(crate) struct Sentence {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
    pub mentions: Range<usize>,
    /// A question asserts nothing.
    pub question: bool,
    /// A claim the text reports in order to reject it ("Myth: ...", "some say ...").
    pub neutral: bool,
    /// The sentence says something "isn't coaching" (or mentoring): traits it gives that
    /// practice are being denied of it.
    pub rejects: Option<cm_core::Practice>,
}

/// Everything the rules read about one document.
pub(crate) struct Analysis<'s> {
    _source: std::marker::PhantomData<&'s str>,
    pub blocks: Vec<Block>,
    pub views: Vec<BlockView>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub bindings: Vec<entities::Binding>,
    pub findings: Vec<traits::TraitFinding>,
    /// The parses of the sentences of the block last asked about ([`Analysis::parse`]): kept
    /// for one block at a time, as rules read a document in order, so memory stays that of a
    /// block.
    parses: std::cell::RefCell<(usize, std::collections::HashMap<usize, std::rc::Rc<syntax::Parse>>)>,
    /// Each sentence's first verb of opinion (a token), found when first asked.
    first_opinion: Vec<std::cell::OnceCell<Option<usize>>>,
}

impl<'s> Analysis<'s> {
    /// Reads a document. With `read_all`, every section of a Markdown document is parsed;
    /// otherwise only those around a practice word are (the findings are the same).
    pub fn new(
        source: &'s str,
        format: Format,
        vocabulary: &crate::CompiledVocabulary,
        read_all: bool,
    ) -> Analysis<'s> {
        let mut analysis = Analysis {
            _source: std::marker::PhantomData,
            blocks: Vec::new(),
            views: Vec::new(),
            sentences: Vec::new(),
            mentions: Vec::new(),
            bindings: Vec::new(),
            findings: Vec::new(),
            parses: std::cell::RefCell::new((usize::MAX, std::collections::HashMap::new())),
            first_opinion: Vec::new(),
        };
        // Most documents never mention either practice; they need no further reading.
        // Where the document may name a practice (or a programme of the configured vocabulary).
        let mut at = prescan::stem_offsets(source);
        if let Some(regex) = vocabulary.regex.as_ref() {
            at.extend(regex.find_iter(&text::normalise(source)).map(|m| m.start()));
            at.sort_unstable();
        }
        if at.is_empty() {
            return analysis;
        }
        let wanted = |range: Range<usize>| {
            let first = at.partition_point(|&i| i < range.start);
            at.get(first).is_some_and(|&i| i < range.end)
        };
        analysis.blocks =
            if read_all { prose::extract(source, format) } else { prose::extract_where(source, format, &wanted) };
        analysis.read_blocks(vocabulary, &at);
        analysis.first_opinion = analysis.sentences.iter().map(|_| std::cell::OnceCell::new()).collect();
        context::assign_topics(&mut analysis);
        analysis.bindings = entities::bind(&analysis);
        analysis.findings = traits::judge(&analysis);
        analysis
    }

    /// The parse of sentence `idx`, made once while its block is being read, however many
    /// stages and rules ask.
    pub fn parse(&self, idx: usize) -> std::rc::Rc<syntax::Parse> {
        let sentence = &self.sentences[idx];
        let mut cached = self.parses.borrow_mut();
        if cached.0 != sentence.block {
            *cached = (sentence.block, std::collections::HashMap::new());
        }
        let (block, view) = (&self.blocks[sentence.block], &self.views[sentence.block]);
        std::rc::Rc::clone(cached.1.entry(idx).or_insert_with(|| {
            std::rc::Rc::new(syntax::parse(&block.text, &view.norm, &view.tokens, sentence.tokens.clone()))
        }))
    }

    /// Whether mention `idx` stands in what someone other than the writer is said to think:
    /// after a verb of opinion whose subject is a third party or the reader, in the same stretch
    /// of the sentence ("the mentor thinks it's coaching", "many managers believe mentoring is
    /// coaching", "you may feel a coach should advise"). That is their view, reported; the
    /// writer's own ("we believe ...") and an instruction ("think of it as ...") are not.
    pub fn in_reported_view(&self, idx: usize) -> bool {
        let m = &self.mentions[idx];
        let view = &self.views[m.block];
        // Most sentences have no verb of opinion before the word: no parse for them. (Where
        // the sentence's first one stands is found once per sentence.)
        let first_opinion = *self.first_opinion[m.sentence].get_or_init(|| {
            self.sentences[m.sentence]
                .tokens
                .clone()
                .find(|&t| lexicon::is_opinion_verb(view.tokens[t].text(&view.norm)))
        });
        if first_opinion.is_none_or(|t| t >= m.token) {
            return false;
        }
        let parse = self.parse(m.sentence);
        let Some(w) = parse.word_at(m.token) else { return false };
        let text = |k: usize| view.tokens[parse.words[k].token].text(&view.norm);
        // The view ends where the sentence moves on ("..., the mentee thinks ..."): only a verb
        // after the last such break before the word reports it. (Found once, walking back from
        // the word, so a long sentence is not walked again for every verb.)
        let from = (0..w).rev().find(|&k| matches!(text(k), "," | ";" | ":" | "." | "but")).map_or(0, |b| b + 1);
        parse.verbs.iter().filter(|v| v.head >= from && v.head < w).any(|v| {
            if !lexicon::OPINION_VERBS.contains(v.lemma.unwrap_or_else(|| text(v.head))) {
                return false;
            }
            // Someone else's view: not the writer's own ("we believe ...").
            match parse.clause_of(v.head).map(|c| parse.clauses[c].subject) {
                Some(syntax::Subject::Phrase(p) | syntax::Subject::Shared(p)) => {
                    !matches!(text(parse.phrases[p].head), "we" | "i" | "us")
                }
                _ => false,
            }
        })
    }

    /// Which blocks need reading: those that name a practice, headings (which give topics),
    /// blocks a pronoun could reach back from, the block before one (a lead-in), blocks in a section, list or table that names a
    /// practice, and short lines after a short line that names one (a pseudo-heading such as
    /// "**Mentoring:**" gives the lines under it a topic, and a later short line may end it or
    /// negate what follows). The rest of a long document is skipped.
    fn relevant_blocks(&self, vocabulary: &crate::CompiledVocabulary, at: &[usize]) -> (Vec<bool>, Vec<bool>) {
        let has_word: Vec<bool> = self
            .blocks
            .iter()
            .map(|b| {
                // A block copied from the source byte for byte can only hold a word whose stem
                // the source has within the block's extent.
                let range = b.source.range();
                let first = at.partition_point(|&i| i < range.start);
                let stem_in_source = at.get(first).is_some_and(|&i| i < range.end);
                let verbatim = b.segments.iter().enumerate().all(|(i, s)| {
                    let end = b.segments.get(i + 1).map_or(b.text.len(), |n| n.text_start);
                    s.verbatim || b.text[s.text_start..end].chars().all(|c| c == ' ' || c == '\u{FFFC}')
                });
                if !stem_in_source && verbatim && vocabulary.regex.is_none() {
                    return false;
                }
                prescan::names_a_practice(&b.text)
                    || vocabulary.regex.as_ref().is_some_and(|r| r.is_match(&b.text.to_lowercase()))
            })
            .collect();
        let mut groups_with_word = std::collections::HashSet::new();
        for (b, block) in self.blocks.iter().enumerate() {
            if has_word[b] {
                groups_with_word.extend(block.group);
            }
        }
        let mut relevant = vec![false; self.blocks.len()];
        let mut headings: Vec<(u8, bool)> = Vec::new();
        // A short line naming a practice since the last heading: a possible pseudo-heading.
        let mut pseudo_topic = false;
        for (b, block) in self.blocks.iter().enumerate() {
            if let prose::BlockKind::Heading { level } = block.kind {
                while headings.last().is_some_and(|(l, _)| *l >= level) {
                    headings.pop();
                }
                headings.push((level, has_word[b]));
                relevant[b] = true;
                pseudo_topic = false;
                continue;
            }
            let short = block.text.len() < 200;
            pseudo_topic |= short && has_word[b];
            // Two blocks back a pronoun can reach; one block ahead is a lead-in.
            let near = (b.saturating_sub(2)..=(b + 1).min(self.blocks.len() - 1)).any(|i| has_word[i]);
            let in_section = headings.iter().any(|(_, w)| *w);
            let in_group = block.group.is_some_and(|g| groups_with_word.contains(&g));
            relevant[b] = near || in_section || in_group || (short && pseudo_topic);
        }
        (relevant, has_word)
    }

    fn read_blocks(&mut self, vocabulary: &crate::CompiledVocabulary, at: &[usize]) {
        let (relevant, has_word) = self.relevant_blocks(vocabulary, at);
        let mentor_is_name =
            self.blocks.iter().zip(&has_word).any(|(b, &w)| w && mentions::mentor_is_name(&text::normalise(&b.text)));
        for (block_idx, block) in self.blocks.iter().enumerate() {
            if !relevant[block_idx] {
                let at = self.sentences.len();
                let mention_at = self.mentions.len();
                self.views.push(BlockView {
                    norm: String::new(),
                    tokens: Vec::new(),
                    sentences: at..at,
                    mentions: mention_at..mention_at,
                    topic: None,
                    fragment: false,
                    rejected: Vec::new(),
                });
                continue;
            }
            let norm = text::normalise(&block.text);
            let tokens = text::tokenize(&norm);
            let sentence_start = self.sentences.len();
            let mention_start = self.mentions.len();
            let mut found = mentions::find(block_idx, &block.text, &norm, &tokens);
            found.extend(mentions::find_vocabulary(block_idx, &block.text, &norm, &tokens, vocabulary));
            found.sort_by_key(|m| m.start);
            let ranges = text::sentences(&block.text);
            let token_range = |start: usize, end: usize| {
                let first = tokens.partition_point(|t| t.start < start);
                let last = tokens.partition_point(|t| t.start < end);
                first..last
            };
            let sentence_tokens: Vec<Range<usize>> = ranges.iter().map(|&(s, e)| token_range(s, e)).collect();
            // Sentences are in order and do not overlap, nor do their tokens: the one holding a
            // token is the last that starts at or before it, if that one reaches it.
            let sentence_of_token = |tok: usize| {
                let after = sentence_tokens.partition_point(|r| r.start <= tok);
                sentence_tokens[..after]
                    .last()
                    .filter(|r| r.contains(&tok))
                    .map_or((0, tokens.len()), |r| (r.start, r.end))
            };
            mentions::judge_sense(&mut found, &block.text, &norm, &tokens, &sentence_of_token, mentor_is_name);
            mentions::judge_use(&mut found, &block.text, &norm, &tokens);
            // Only a quotation needs the next block (which may reject it).
            let quotes = norm.contains(['"', '“']);
            let next_block_text = self.blocks.get(block_idx + 1).filter(|_| quotes).map(|b| text::normalise(&b.text));
            let rejected_quotes = traits::rejected_quotes(&norm, &ranges, next_block_text.as_deref());
            for m in &mut found {
                if traits::within_any(&rejected_quotes, m.start, m.end) {
                    m.meta = true;
                }
            }
            // Mentions are sorted by start and sentences by range: one pass assigns them.
            let mut before_start = 0;
            for (idx, &(start, end)) in ranges.iter().enumerate() {
                let sentence_index = self.sentences.len();
                while before_start < found.len() && found[before_start].start < start {
                    before_start += 1;
                }
                let first_mention = mention_start + before_start;
                let mut before_end = before_start;
                while before_end < found.len() && found[before_end].start < end {
                    found[before_end].sentence = sentence_index;
                    before_end += 1;
                }
                let last_mention = mention_start + before_end;
                let sentence_text = &norm[start..end];
                // A parenthesis right after a question belongs to it ("Which style do you
                // prefer? (e.g., structured, informal)"): its words are options, not claims.
                let after_question = idx > 0
                    && self.sentences.last().is_some_and(|s| s.question)
                    && sentence_text.trim_start().starts_with('(');
                self.sentences.push(Sentence {
                    block: block_idx,
                    start,
                    end,
                    tokens: sentence_tokens[idx].clone(),
                    mentions: first_mention..last_mention,
                    question: (sentence_text.trim_end_matches(['"', '”', '*', '_', ')']).ends_with('?')
                        && !presupposes(&tokens[sentence_tokens[idx].clone()], &norm))
                        || after_question,
                    neutral: traits::is_neutral(sentence_text),
                    rejects: traits::rejected_practice(sentence_text),
                });
            }
            // A belief the writer sets up and then corrects: a sentence that opens with what
            // we, I or people think ("We think we have to impart our wisdom ..."), followed in
            // the next two sentences of the block by one that opens with a contrast ("However,
            // ...", "But ..."). The belief is the mistaken view the paragraph answers.
            let sentences = &mut self.sentences[sentence_start..];
            // (The first four words, from the tokens: no allocation per sentence.)
            let opens = |range: &Range<usize>| {
                let mut out = [""; 4];
                let words = tokens[range.clone()].iter().filter(|t| t.kind == text::TokenKind::Word);
                for (slot, t) in out.iter_mut().zip(words) {
                    *slot = t.text(&norm);
                }
                out
            };
            // A block quotation told in the first person singular ("> My mentor and I had a
            // very structured approach ...") is someone's own account, a testimonial: their
            // words, reported, not the document's claim about the practice.
            if block.quote_depth > 0
                && tokens.iter().any(|t| t.kind == text::TokenKind::Word && matches!(t.text(&norm), "i" | "my" | "me"))
            {
                sentences.iter_mut().for_each(|s| s.neutral = true);
            }
            for i in 0..sentences.len() {
                let opens = |k: usize| opens(&sentences[k].tokens);
                if traits::opens_with_a_belief(&opens(i))
                    && (i + 1..(i + 3).min(sentences.len())).any(|k| traits::opens_with_a_contrast(&opens(k)))
                {
                    sentences[i].neutral = true;
                }
            }
            let fragment = matches!(
                block.kind,
                prose::BlockKind::ListItem { .. } | prose::BlockKind::TableCell { .. } | prose::BlockKind::Term
            ) || tokens.len() <= 12;
            self.mentions.extend(found);
            self.views.push(BlockView {
                norm,
                tokens,
                sentences: sentence_start..self.sentences.len(),
                mentions: mention_start..self.mentions.len(),
                topic: None,
                fragment,
                rejected: rejected_quotes,
            });
        }
    }

    /// The source span of a byte range of a block's text.
    pub fn span(&self, block: usize, start: usize, end: usize) -> Span {
        self.blocks[block].source_span(start, end)
    }

    /// The source span of a mention's word.
    pub fn mention_span(&self, mention: &Mention) -> Span {
        self.span(mention.block, mention.start, mention.end)
    }

    /// The mention's word as written.
    pub fn mention_text(&self, mention: &Mention) -> &str {
        &self.blocks[mention.block].text[mention.start..mention.end]
    }
}

impl Analysis<'_> {
    /// A readable dump of blocks, sentences, mentions and findings.
    pub fn dump(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (b, block) in self.blocks.iter().enumerate() {
            let view = &self.views[b];
            let _ = writeln!(
                out,
                "block {b} {:?} group={:?} quote={} emph={} frag={} topic={:?}",
                block.kind,
                block.group,
                block.quote_depth,
                block.emphasised,
                view.fragment,
                view.topic.map(|t| (t.practice, t.negated, t.local))
            );
            for s in view.sentences.clone() {
                let sentence = &self.sentences[s];
                let _ = writeln!(
                    out,
                    "  s{s} q={} neutral={} rejects={:?}: {}",
                    sentence.question,
                    sentence.neutral,
                    sentence.rejects,
                    &block.text[sentence.start..sentence.end]
                );
                if !sentence.mentions.is_empty() || view.topic.is_some() {
                    let parse = syntax::parse(&block.text, &view.norm, &view.tokens, sentence.tokens.clone());
                    let _ = writeln!(out, "    parse {}", syntax::render(&block.text, &view.tokens, &parse));
                }
                for m in sentence.mentions.clone() {
                    let m = &self.mentions[m];
                    let _ = writeln!(
                        out,
                        "    mention {:?} {:?} {:?} sense={} meta={} excl={} joint={} verb={} quoted={}",
                        &block.text[m.start..m.end],
                        m.practice(),
                        m.role(),
                        m.sense,
                        m.meta,
                        m.excluded,
                        m.joint,
                        m.verb,
                        m.quoted
                    );
                }
            }
        }
        for b in &self.bindings {
            let _ = writeln!(out, "binding {:?} {:?} {:?} demo={}", b.kind, b.names, b.practice, b.demonstrative);
        }
        for f in &self.findings {
            let _ = writeln!(
                out,
                "finding {:?} said of {:?}: {:?} trait {:?} neg={} via {:?}",
                &self.blocks[f.block].text[f.start..f.end],
                f.practice,
                f.cue.pattern,
                f.trait_practice,
                f.negated,
                f.anchor
            );
        }
        out
    }
}

/// Whether a question presupposes what it asks about, and so asserts it: "why" with a plain
/// (not modal) verb ("Why are our mentorships only three months long?", "Why do mentors only
/// ask questions?") takes its content as a fact and asks for the reason. "Why should ...",
/// "why would ..." and yes-no questions assert nothing.
fn presupposes(tokens: &[text::Token], norm: &str) -> bool {
    let mut words = tokens.iter().filter(|t| t.kind == text::TokenKind::Word).map(|t| t.text(norm));
    words.next() == Some("why") && matches!(words.next(), Some("is" | "are" | "was" | "were" | "do" | "does" | "did"))
}

#[cfg(test)]
mod judgement_reads_no_pattern_text {
    /// Cue semantics are typed fields (practice, dimension, strength, setter); the judgement never
    /// looks inside a pattern's text (`patterns.rs`, which compiles them, is the only reader).
    #[test]
    fn no_judgement_code_tests_a_cue_pattern_text() {
        let sources = [
            ("attach.rs", include_str!("attach.rs")),
            ("context.rs", include_str!("context.rs")),
            ("entities.rs", include_str!("entities.rs")),
            ("holders.rs", include_str!("holders.rs")),
            ("mentions.rs", include_str!("mentions.rs")),
            ("relations.rs", include_str!("relations.rs")),
            ("syntax.rs", include_str!("syntax.rs")),
            ("text.rs", include_str!("text.rs")),
            ("traits.rs", include_str!("traits.rs")),
            ("rules/mod.rs", include_str!("../rules/mod.rs")),
        ];
        for (name, source) in sources {
            for needle in ["pattern.contains(", "pattern.starts_with(", "pattern.ends_with(", "pattern =="] {
                assert!(!source.contains(needle), "{name} tests a cue's pattern text ({needle})");
            }
        }
    }
}
