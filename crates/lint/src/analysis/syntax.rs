//! A shallow syntactic reading of one sentence: part-of-speech tags, noun phrases with their
//! heads, verb groups with voice and negation, and clauses with their subject, objects and
//! prepositional attachments.
//!
//! It is one reading that every concept shares ("what is this phrase said of?"), not a full
//! parser. The rules it follows, each a fact of English that the concepts rely on:
//!
//! - A word's class comes from the lexicon ([`super::lexicon`]) where it is listed, and
//!   otherwise from its ending; a word that can be a noun or a verb is a noun after a
//!   determiner, a possessive, an adjective or a number, and a verb after a modal, "to", an
//!   auxiliary, or a subject at the start of a clause when an object follows.
//! - A noun phrase is a run of determiners, numbers, adjectives and nouns (hyphenated words
//!   count as one); its head is its last noun. A phrase after a preposition is attached through
//!   that preposition.
//! - A verb group is a run of auxiliaries, modals, negators and adverbs ending in a verb (or in
//!   a form of "be", a copula). It is passive when a form of "be" is followed by a participle,
//!   negated when it holds a negator, restricted when it holds "only", "just" and the like.
//! - A clause ends at a semicolon, a colon, a dash or a bracket, and a new one starts at a
//!   subordinating word, at a relative pronoun after a noun, and at a coordinator followed by a
//!   subject and a verb or by a verb alone (which then shares the subject before it).
//! - A clause's subject is the last noun phrase before its verb group that no preposition
//!   governs; a relative clause's subject is the noun it follows; a clause that opens with its
//!   verb is an imperative addressed to the reader; "there is X" has X as its subject.
//! - Text before a colon that has no verb is a label for what follows it ("Mentorship period:
//!   May to August").

// The relations stage (issue #13) is built on this layer; until it lands only the tests use it.
#![allow(dead_code)]

use std::ops::Range;

use super::lexicon::{self as lex, Comparative, VerbForm};
use super::text::{Token, TokenKind};

/// A part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    Det,
    Poss,
    Pron,
    Wh,
    Noun,
    Propn,
    Verb,
    Aux,
    Modal,
    Adj,
    Adv,
    Prep,
    Coord,
    Sub,
    To,
    Neg,
    Num,
    Punct,
}

/// One token of the sentence with its class.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Index of the token in the block's tokens.
    pub token: usize,
    pub pos: Pos,
    /// The lemma of a listed verb or auxiliary.
    pub lemma: Option<&'static str>,
    pub form: Option<VerbForm>,
    /// The word negates ("not", "no", "without", "isn't").
    pub negator: bool,
    /// White space stands before the word (a spaced "-" is a dash, not a hyphen).
    pub spaced: bool,
}

/// A noun phrase (or an adjective phrase, when it has no noun): word indices of the sentence.
#[derive(Debug, Clone)]
pub(crate) struct NounPhrase {
    pub words: Range<usize>,
    /// The head: the last noun, else the last word.
    pub head: usize,
    /// The preposition that governs the phrase ("for", "with", "by").
    pub prep: Option<usize>,
    /// The phrase is denied by its own determiner or preposition ("no fixed end", "without an agenda").
    pub negated: bool,
    /// A comparative grading it ("less structured").
    pub graded: Option<Comparative>,
}

/// A verb group.
#[derive(Debug, Clone)]
pub(crate) struct VerbGroup {
    pub words: Range<usize>,
    /// The main verb, or the last auxiliary of a copula ("is").
    pub head: usize,
    pub lemma: Option<&'static str>,
    pub negated: bool,
    pub passive: bool,
    /// The head is a form of "be" with no verb after it.
    pub copula: bool,
    /// "only", "just", "solely" inside the group.
    pub restricted: bool,
}

/// How a clause got its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A noun phrase of the clause (index into [`Parse::phrases`]).
    Phrase(usize),
    /// A relative clause's antecedent, or a coordinated verb's shared subject (a phrase index).
    Shared(usize),
    /// An imperative: the reader.
    Reader,
    /// Whoever uses what a verb of providing provides: "offers a place to ask questions".
    Beneficiary,
    None,
}

/// What kind of clause it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClauseKind {
    Main,
    /// Opened by a subordinating word (the word's index).
    Subordinate(usize),
    Relative,
    /// A verb coordinated with the clause before it.
    Coordinated,
    /// The text after a verbless label and a colon; the label is the phrase given.
    Labelled(usize),
    /// An infinitive ("to complete the survey"); its subject is the clause's before it.
    Infinitive,
}

/// The stand-in clause whose subject an affordance infinitive shares.
static BENEFICIARY: Clause = Clause {
    words: 0..0,
    kind: ClauseKind::Main,
    subject: Subject::Beneficiary,
    verb: None,
    objects: Vec::new(),
    adjuncts: Vec::new(),
};

/// A clause.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub words: Range<usize>,
    pub kind: ClauseKind,
    pub subject: Subject,
    /// The clause's verb group (index into [`Parse::verbs`]).
    pub verb: Option<usize>,
    /// Phrases after the verb that no preposition governs.
    pub objects: Vec<usize>,
    /// Phrases after the verb governed by a preposition.
    pub adjuncts: Vec<usize>,
}

/// A sentence's reading.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parse {
    pub words: Vec<Word>,
    pub phrases: Vec<NounPhrase>,
    pub verbs: Vec<VerbGroup>,
    pub clauses: Vec<Clause>,
}

impl Parse {
    /// The clause a word belongs to.
    pub fn clause_of(&self, word: usize) -> Option<usize> {
        // Clauses tile the sentence in order.
        let i = self.clauses.partition_point(|c| c.words.end <= word);
        self.clauses.get(i).filter(|c| c.words.contains(&word)).map(|_| i)
    }

    /// The phrase that ends right before word `end` (a binary search: phrases are disjoint and
    /// in order).
    pub fn phrase_ending_at(&self, end: usize) -> Option<usize> {
        let i = self.phrases.partition_point(|p| p.words.end < end);
        self.phrases.get(i).filter(|p| p.words.end == end).map(|_| i)
    }

    /// The "of" phrase right after phrase `p` when `p` is headed by a noun of a function
    /// someone has ("the role of a mentor", "the job of the coach"): whose role it is.
    pub fn role_owner(&self, texts: &[&str], p: usize) -> Option<usize> {
        let role = super::lexicon::ROLE_NOUNS.contains(texts[self.phrases[p].head]);
        let owner = self.phrases.get(p + 1).filter(|q| {
            q.words.start == self.phrases[p].words.end + 1 && q.prep.is_some_and(|prep| texts[prep] == "of")
        });
        owner.filter(|_| role).map(|_| p + 1)
    }

    /// The phrase a word belongs to.
    pub fn phrase_of(&self, word: usize) -> Option<usize> {
        // Phrases are disjoint and in order.
        let i = self.phrases.partition_point(|p| p.words.end <= word);
        self.phrases.get(i).filter(|p| p.words.contains(&word)).map(|_| i)
    }

    /// The verb group a word belongs to.
    pub fn verb_of(&self, word: usize) -> Option<usize> {
        // Verb groups are disjoint and in order.
        let i = self.verbs.partition_point(|v| v.words.end <= word);
        self.verbs.get(i).filter(|v| v.words.contains(&word)).map(|_| i)
    }

    /// The index of the word for a block token.
    /// The first verb group that starts at a word in `words` (a binary search: verb groups are
    /// disjoint and in order).
    pub fn first_verb_in(&self, words: Range<usize>) -> Option<usize> {
        let i = self.verbs.partition_point(|v| v.words.start < words.start);
        self.verbs.get(i).filter(|v| v.words.start < words.end).map(|_| i)
    }

    pub fn word_at(&self, token: usize) -> Option<usize> {
        // Words are in token order.
        let i = self.words.partition_point(|w| w.token < token);
        self.words.get(i).filter(|w| w.token == token).map(|_| i)
    }

    /// The subject phrase of a clause, shared or its own.
    pub fn subject_phrase(&self, clause: usize) -> Option<usize> {
        match self.clauses[clause].subject {
            Subject::Phrase(p) | Subject::Shared(p) => Some(p),
            Subject::Reader | Subject::Beneficiary | Subject::None => None,
        }
    }
    /// The agent of a clause's passive verb: its adjunct that "by" governs ("is led by the
    /// mentee").
    pub fn agent(&self, texts: &[&str], clause: &Clause) -> Option<usize> {
        clause.adjuncts.iter().copied().find(|&a| self.phrases[a].prep.is_some_and(|p| texts[p] == "by"))
    }
}

/// Reads one sentence: `tokens[range]` of a block whose lower-cased text is `norm` and whose
/// text as written is `text` (for capitals).
pub(crate) fn parse(text: &str, norm: &str, tokens: &[Token], range: Range<usize>) -> Parse {
    let mut parse = Parse { words: tag(text, norm, tokens, range), ..Parse::default() };
    chunk(&mut parse, norm, tokens);
    let texts = word_texts(&parse, norm, tokens);
    clauses(&mut parse, &texts);
    // The look-ups by word ([`Parse::phrase_of`], [`Parse::verb_of`], [`Parse::word_at`]) are
    // binary searches: words, phrases and verb groups are each disjoint and in order.
    debug_assert!(parse.words.windows(2).all(|w| w[0].token < w[1].token));
    debug_assert!(parse.phrases.windows(2).all(|p| p[0].words.end <= p[1].words.start));
    debug_assert!(parse.verbs.windows(2).all(|v| v[0].words.end <= v[1].words.start));
    parse
}

fn word_texts<'n>(parse: &Parse, norm: &'n str, tokens: &[Token]) -> Vec<&'n str> {
    parse.words.iter().map(|w| tokens[w.token].text(norm)).collect()
}

/// Tags the words of a sentence.
fn tag(text: &str, norm: &str, tokens: &[Token], range: Range<usize>) -> Vec<Word> {
    let texts: Vec<std::borrow::Cow<'_, str>> =
        range.clone().map(|t| lex::fold_apostrophes(tokens[t].text(norm))).collect();
    let capital: Vec<bool> =
        range.clone().map(|t| text[tokens[t].start..].chars().next().is_some_and(char::is_uppercase)).collect();
    let mut words: Vec<Word> = range
        .clone()
        .enumerate()
        .map(|(i, t)| {
            let (pos, lemma, form, negator) = lexical_class(&texts[i], tokens[t].kind);
            let spaced = tokens[t].start > 0 && norm[..tokens[t].start].ends_with(char::is_whitespace);
            Word { token: t, pos, lemma, form, negator, spaced }
        })
        .collect();
    let n = words.len();
    // A short title-case stretch before a colon or a spaced dash is a label, a name: its words
    // are nouns ("Mentor Hat - ...", "Program Length: ...").
    let label_end = (0..n.min(6)).find(|&i| {
        let t = texts[i].as_ref();
        let spaced = tokens[words[i].token].start > 0 && norm[..tokens[words[i].token].start].ends_with(' ');
        t == ":" || ((t == "-" || t == "–" || t == "—") && spaced)
    });
    if let Some(end) = label_end.filter(|&e| e > 0 && e <= 4) {
        let title_case = (0..end).all(|i| capital[i] || words[i].pos == Pos::Punct);
        if title_case {
            for w in &mut words[..end] {
                if w.pos == Pos::Verb {
                    w.pos = Pos::Noun;
                    w.lemma = None;
                    w.form = None;
                }
            }
        }
    }
    // Context: a few left-to-right passes settle the words the lexicon leaves open.
    for i in 0..n {
        let w = texts[i].as_ref();
        let prev = (i > 0).then(|| words[i - 1].pos);
        let next_text = texts.get(i + 1).map_or("", |t| t.as_ref());
        let next = words.get(i + 1).map(|w| w.pos);
        match words[i].pos {
            // "that": a relative after a noun followed by a verb, a determiner before a noun,
            // otherwise a complementiser.
            Pos::Wh
                if w == "that"
                    && matches!(next, Some(Pos::Noun | Pos::Adj | Pos::Num))
                    && !matches!(prev, Some(Pos::Noun | Pos::Propn)) =>
            {
                words[i].pos = Pos::Det;
            }
            // A conjunctive adverb after a comma ("..., therefore you are ...") opens a clause
            // of its own when a subject and its verb follow.
            Pos::Adv
                if matches!(w, "therefore" | "thus" | "hence" | "consequently")
                    && i > 0
                    && texts[i - 1].as_ref() == ","
                    && opens_clause(&words, i + 1) =>
            {
                words[i].pos = Pos::Sub;
            }
            // A word that is a preposition and a subordinator ("as", "since", "after") opens a
            // clause when it opens its own stretch of the sentence (after a comma, or first) and a
            // noun phrase and a finite verb follow it: ", as mentors share advice". After a verb
            // it is a preposition: "signing up as a mentee will give ...".
            Pos::Prep
                if lex::SUBORDINATORS.contains(w)
                    && clause_initial(&words, &texts, i)
                    && opens_clause(&words, i + 1) =>
            {
                words[i].pos = Pos::Sub;
            }
            // "her" before a noun phrase is a possessive.
            Pos::Pron if w == "her" && matches!(next, Some(Pos::Noun | Pos::Adj | Pos::Num | Pos::Propn)) => {
                words[i].pos = Pos::Poss;
            }
            // "one" before a noun or an adjective counts it: "for one academic term", "one
            // mentor"; the pronoun stands alone ("one should ask").
            Pos::Pron if w == "one" && matches!(next, Some(Pos::Noun | Pos::Adj | Pos::Propn)) => {
                words[i].pos = Pos::Num;
            }
            _ => {}
        }
        // "Each", "both" or "all" right after a modal or an auxiliary floats off its subject
        // ("leaders will each mentor two people", "they have both coached"): an adverb, not the
        // determiner of what follows.
        if matches!(w, "each" | "both" | "all") && matches!(prev, Some(Pos::Modal | Pos::Aux)) {
            words[i].pos = Pos::Adv;
        }
        // A modal needs a verb after it: "May" before a number or "to" is the month.
        if words[i].pos == Pos::Modal
            && w == "may"
            && !matches!(next, Some(Pos::Verb | Pos::Aux | Pos::Adv | Pos::Neg | Pos::Noun))
        {
            words[i].pos = Pos::Propn;
        }
        // "weekly", "monthly": adjectives before a noun, adverbs elsewhere.
        // (A verb's form after "the weekly" or "bi-weekly" is a noun: "the weekly meeting",
        // "the monthly review"; a determiner opens a noun phrase.)
        let gerund_noun_next = next == Some(Pos::Verb)
            && (matches!(prev, Some(Pos::Det | Pos::Poss | Pos::Num))
                || i > 0 && texts[i - 1] == "-" && !words[i].spaced);
        if words[i].pos == Pos::Adj
            && w.ends_with("ly")
            && !matches!(next, Some(Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num))
            && !gerund_noun_next
        {
            words[i].pos = Pos::Adv;
        }
        // A gerund that opens its clause and is followed by a verb is that verb's subject, a
        // noun: "Coaching helps", "Mentoring runs for a year".
        // (So is one right after a subordinator: "whether coaching is time-bound".)
        // (And one after a noun that opens the clause, its modifier: "PhD coaching is", "Peer
        // mentoring runs".)
        let after_subordinator = i > 0 && matches!(words[i - 1].pos, Pos::Sub | Pos::Wh);
        let after_opening_noun =
            i > 0 && matches!(words[i - 1].pos, Pos::Noun | Pos::Propn) && clause_initial(&words, &texts, i - 1);
        if words[i].pos == Pos::Verb
            && words[i].form == Some(VerbForm::Gerund)
            && (clause_initial(&words, &texts, i) || after_subordinator || after_opening_noun)
            && words[i + 1..]
                .iter()
                .find(|w| w.pos != Pos::Adv)
                .is_some_and(|n| matches!(n.pos, Pos::Verb | Pos::Aux | Pos::Modal) && n.form != Some(VerbForm::Gerund))
        {
            words[i].pos = Pos::Noun;
        }
        // A word that can be a noun or a verb.
        let ambiguous = words[i].pos == Pos::Verb
            && matches!(words[i].form, Some(VerbForm::Base | VerbForm::Third))
            && is_noun_verb(w);
        let after_nominal_modifier = matches!(prev, Some(Pos::Det | Pos::Poss | Pos::Adj | Pos::Num));
        if ambiguous {
            // (Past adverbs: "will each mentor", "can always coach".)
            let before_adverbs = words[..i].iter().rev().find(|w| w.pos != Pos::Adv).map(|w| w.pos);
            let verb_context = matches!(before_adverbs, Some(Pos::Modal | Pos::To))
                // A relative pronoun is followed by its verb: "a culture that benefits growth".
                // (Not after a preposition: in "periods in which mentors meet", "which" is no
                // subject, and the word after it opens the relative's own subject.)
                || (matches!(prev, Some(Pos::Wh))
                    && i > 0
                    && matches!(texts[i - 1].as_ref(), "that" | "which" | "who")
                    && words[i].form == Some(VerbForm::Third)
                    && !(i > 1 && words[i - 2].pos == Pos::Prep))
                || (matches!(prev, Some(Pos::Aux)) && i > 0 && words[i - 1].lemma == Some("do"))
                // The perfect: "has run for two years", "have set goals" (participles spelt as
                // the base form), when no determiner opens a noun phrase after it.
                || (matches!(prev, Some(Pos::Aux | Pos::Verb))
                    && i > 0
                    && words[i - 1].lemma == Some("have")
                    && texts[i - 1] != "having"
                    && !matches!(next, Some(Pos::Noun))
                    && lex::verb(w).is_some_and(|(lemma, _)| lex::participle_is_base(lemma)))
                || (matches!(prev, Some(Pos::Neg))
                    && i > 1
                    && matches!(words[i - 2].pos, Pos::Modal | Pos::Aux | Pos::To))
                || (matches!(prev, Some(Pos::Pron)) && i > 0 && is_subject_pronoun(&texts[i - 1]))
                || verb_after_subject(&words, &texts, i)
                || bare_infinitive(&words, &texts, i)
                || (prev == Some(Pos::Coord) && opens_object(next, next_text) && verb_earlier(&words, i))
                || (clause_initial(&words, &texts, i)
                    && words[i].form == Some(VerbForm::Base)
                    && !modifies_plural_subject(&words, &texts, i)
                    && (opens_object(next, next_text) || !verb_later_in_clause(&words, &texts, i)));
            let compound = plural_head_before_verb(&words, &texts, i);
            let list_item = noun_list_item(&words, &texts, i);
            // A modal right after it leaves it no verb's place ("one mentor may fulfil", "your
            // coach will ask"): it is the head of the modal's subject.
            // (So does an auxiliary after a third-person form: "mentors are provided", "coaches
            // have": no finite verb is followed by another.)
            let before_modal = next == Some(Pos::Modal)
                || (next == Some(Pos::Aux) && words[i].form == Some(VerbForm::Third) && next_text != "being");
            // "This" and "that" take a singular noun: a third-person form after one that opens
            // the clause is its verb, and the demonstrative its subject ("This sets coaching
            // apart", "That means ...").
            let demonstrative_subject = words[i].form == Some(VerbForm::Third)
                && i > 0
                && matches!(texts[i - 1].as_ref(), "this" | "that")
                && clause_initial(&words, &texts, i - 1);
            if demonstrative_subject {
                words[i - 1].pos = Pos::Pron;
            } else if after_nominal_modifier || !verb_context || compound.is_some() || before_modal || list_item {
                words[i].pos = Pos::Noun;
                words[i].lemma = None;
                words[i].form = None;
            }
            // The coordinated noun phrase after it ("and study groups") is nouns too.
            if let Some(coordinated) = compound {
                for w in &mut words[coordinated] {
                    w.pos = Pos::Noun;
                    w.lemma = None;
                    w.form = None;
                }
            }
        }
        // A verb form right after a determiner or possessive is a modifier or a noun: "their
        // own experience", "a set period".
        if words[i].pos == Pos::Verb
            && matches!(words[i].form, Some(VerbForm::Base))
            && matches!(prev, Some(Pos::Det | Pos::Poss))
        {
            words[i].pos = if matches!(next, Some(Pos::Noun | Pos::Adj)) { Pos::Adj } else { Pos::Noun };
        }
        // Participles and gerunds after a determiner modify the noun after them ("the agreed
        // period", "a mentoring programme") or are nouns themselves ("the mentoring").
        if words[i].pos == Pos::Verb
            && matches!(words[i].form, Some(VerbForm::PastOrParticiple | VerbForm::Participle | VerbForm::Gerund))
            && after_nominal_modifier
        {
            words[i].pos = if matches!(next, Some(Pos::Noun | Pos::Adj)) || words[i].form != Some(VerbForm::Gerund) {
                Pos::Adj
            } else {
                Pos::Noun
            };
        }
        // A gerund right before a noun at the start of a phrase modifies it: "mentoring
        // relationships last", "coaching sessions are".
        if words[i].pos == Pos::Verb
            && words[i].form == Some(VerbForm::Gerund)
            && matches!(next, Some(Pos::Noun))
            && (!matches!(prev, Some(Pos::Aux | Pos::Modal | Pos::To | Pos::Neg | Pos::Pron | Pos::Noun))
                || opened_by_determiner(&words, &texts, i))
            && !opens_object(words.get(i + 2).map(|w| w.pos), texts.get(i + 2).map_or("", |t| t.as_ref()))
        {
            words[i].pos = Pos::Adj;
        }
        // A gerund that a preposition governs and that nothing follows in its clause is the
        // preposition's object, a noun: "apart from mentoring, as ...", "interested in coaching.".
        if words[i].pos == Pos::Verb
            && words[i].form == Some(VerbForm::Gerund)
            && prev == Some(Pos::Prep)
            && (next.is_none() || next == Some(Pos::Punct) && next_text != "-")
        {
            words[i].pos = Pos::Noun;
        }
        // A gerund right after a lexical verb or a preposition and right before "from" or "by"
        // is their object, a noun naming what is given or got: "get mentoring from senior
        // staff", "manage their care through coaching from experienced peers". (A gerund with
        // an object of its own has it next: "enjoys coaching teams".)
        if words[i].pos == Pos::Verb
            && words[i].form == Some(VerbForm::Gerund)
            && i > 0
            && (words[i - 1].pos == Pos::Verb && words[i - 1].form != Some(VerbForm::Gerund)
                || words[i - 1].pos == Pos::Prep)
            && matches!(next_text, "from" | "by")
        {
            words[i].pos = Pos::Noun;
        }
        // A bare "-ing" form is never a clause's finite verb: inside a subject noun phrase (after
        // a determiner and a noun, or after a noun that opens the clause) and right before a
        // finite verb, it is the phrase's head ("the mentoring meeting ends", "Peer mentoring
        // continues"); right before a noun that a finite verb follows, it is that noun's
        // modifier ("Peer mentoring meetings continue").
        let finite_at = |k: usize| words[k..].iter().find(|w| w.pos != Pos::Adv).is_some_and(is_finite);
        if words[i].pos == Pos::Verb
            && words[i].form == Some(VerbForm::Gerund)
            && matches!(prev, Some(Pos::Noun | Pos::Adj))
            && (opened_by_determiner(&words, &texts, i) || after_opening_noun)
        {
            if finite_at(i + 1) {
                words[i].pos = Pos::Noun;
            } else if next == Some(Pos::Noun) && finite_at(i + 2) {
                words[i].pos = Pos::Adj;
            }
        }
        // An infinitive takes the base form: after "to", a third-person form ("talk to coaches",
        // "reports to mentors") is a plural noun, and the "to" before it a preposition.
        let noun_after_to = i > 0
            && texts[i - 1].as_ref() == "to"
            && matches!(words[i].pos, Pos::Verb | Pos::Noun)
            && lex::verb(texts[i].as_ref()).is_some_and(|(_, form)| form == VerbForm::Third);
        if noun_after_to {
            words[i].pos = Pos::Noun;
            words[i].lemma = None;
            words[i].form = None;
            words[i - 1].pos = Pos::Prep;
        }
        // After a modal, "to", a form of "do" or a negated auxiliary stands a verb, listed or not:
        // "don't hand out answers".
        let wants_verb = !noun_after_to && matches!(prev, Some(Pos::Modal | Pos::To))
            // "Never tie ...", "Always ask ...": an imperative after a clause-initial adverb.
            || (prev == Some(Pos::Neg) && (i == 1 || matches!(words[i - 2].pos, Pos::Punct | Pos::Coord)))
            || (prev == Some(Pos::Aux) && i > 0 && words[i - 1].lemma == Some("do"))
            || (prev == Some(Pos::Neg)
                && i > 1
                && (words[i - 2].pos == Pos::Modal || words[i - 2].lemma == Some("do")));
        if wants_verb && matches!(words[i].pos, Pos::Noun | Pos::Adj) && !capital[i] {
            words[i].pos = Pos::Verb;
            words[i].form = Some(VerbForm::Base);
        }
        // A capitalised unknown word inside the sentence is a name.
        if words[i].pos == Pos::Noun && capital[i] && i > 0 && !matches!(prev, Some(Pos::Punct)) {
            words[i].pos = Pos::Propn;
        }
        // "to" before a verb marks an infinitive; before anything else it is a preposition.
        if words[i].pos == Pos::To && !matches!(next, Some(Pos::Verb | Pos::Aux | Pos::Adv | Pos::Neg)) {
            words[i].pos = Pos::Prep;
        }
    }
    words
}

/// Whether a word can be a clause's finite verb: an auxiliary, a modal, or a verb in the
/// present or the past (not a participle, which needs an auxiliary, nor a bare "-ing" form).
fn is_finite(w: &Word) -> bool {
    matches!(w.pos, Pos::Aux | Pos::Modal)
        || (w.pos == Pos::Verb && matches!(w.form, Some(VerbForm::Past | VerbForm::Base | VerbForm::Third)))
}

/// Whether the words from `k` are a noun phrase (no more than five words, with a noun) and a
/// finite verb: a subject and its verb ("mentors share", "the coach asks", "a mentee will").
fn opens_clause(words: &[Word], k: usize) -> bool {
    let rest = &words[k.min(words.len())..];
    let mut phrase = rest
        .iter()
        .take(6)
        .take_while(|w| matches!(w.pos, Pos::Det | Pos::Poss | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Num))
        .count();
    let finite = |w: Option<&Word>| w.is_some_and(is_finite);
    // (A subject pronoun is a phrase of its own: "therefore you are".)
    if phrase == 0 && rest.first().is_some_and(|w| w.pos == Pos::Pron) {
        return finite(rest.get(1));
    }
    let mut has_noun = rest[..phrase].iter().any(|w| matches!(w.pos, Pos::Noun | Pos::Propn));
    // A plural noun that is also a verb's third-person form ("mentors", "coaches") heads the
    // phrase when a finite verb follows it: "as mentors share".
    if rest.get(phrase).is_some_and(|w| w.pos == Pos::Verb && w.form == Some(VerbForm::Third))
        && finite(rest.get(phrase + 1))
    {
        phrase += 1;
        has_noun = true;
    }
    phrase > 0 && phrase <= 5 && has_noun && finite(rest.get(phrase))
}

/// Verbs whose object may be followed by a bare infinitive: "help clients draw on ...", "let
/// mentees set the agenda".
const BARE_INFINITIVE_VERBS: &[&str] = &["help", "let", "make", "have", "see", "watch", "hear", "feel", "bid"];

/// Whether a base form follows the object of a verb that takes a bare infinitive ("helps
/// clients draw on their experience", "let the mentee lead"): it is that infinitive, a verb
/// whose subject is the object.
/// (So does a participle in "-ing" after the object of a verb of causing or perceiving:
/// "mentoring has the mentee asking the questions", "we saw them leading the sessions".)
fn bare_infinitive<T: AsRef<str>>(words: &[Word], texts: &[T], i: usize) -> bool {
    const PARTICIPLE_VERBS: &[&str] = &["have", "see", "watch", "hear", "feel", "find", "keep", "get", "leave"];
    let governors = match words[i].form {
        Some(VerbForm::Base) => BARE_INFINITIVE_VERBS,
        Some(VerbForm::Gerund) => PARTICIPLE_VERBS,
        _ => return false,
    };
    // A noun-or-verb word right after a singular noun may head a compound with it ("has a time
    // limit", "a coach review"): only an object after it makes it the infinitive ("have a
    // coach review their plan").
    let text = |k: usize| texts.get(k).map_or("", |t| t.as_ref());
    let singular_before = i > 0 && words[i - 1].pos == Pos::Noun && !text(i - 1).ends_with('s');
    if singular_before && is_noun_verb(text(i)) && !opens_object(words.get(i + 1).map(|w| w.pos), text(i + 1)) {
        return false;
    }
    // (Past an adverb before it: "helps new mentors always ask".)
    let mut end = i;
    while end > 0 && i - end < 2 && words[end - 1].pos == Pos::Adv {
        end -= 1;
    }
    let mut k = end;
    while k > 0
        && end - k < 5
        && matches!(words[k - 1].pos, Pos::Noun | Pos::Propn | Pos::Adj | Pos::Det | Pos::Poss | Pos::Pron | Pos::Num)
    {
        k -= 1;
    }
    k < end
        && k > 0
        && (words[k - 1].pos == Pos::Verb || words[k - 1].pos == Pos::Aux && words[k - 1].lemma == Some("have"))
        && governors.contains(&words[k - 1].lemma.unwrap_or(texts[k - 1].as_ref()))
}

/// Whether a clause-opening noun-or-verb word is the modifier of a plural noun that a verb
/// agreeing with it follows: "Mentor teachers serve as ...", "Coach trainers are ...". Read as an
/// imperative, its object would be followed by a second finite verb with no conjunction, which
/// English allows only after verbs that take a bare infinitive ("help mentees set goals", "let
/// mentees lead").
fn modifies_plural_subject(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    let (Some(noun), Some(verb)) = (words.get(i + 1), words.get(i + 2)) else { return false };
    let agreeing = (verb.pos == Pos::Verb && verb.form == Some(VerbForm::Base))
        || (matches!(verb.pos, Pos::Aux | Pos::Modal)
            && matches!(texts[i + 2].as_ref(), "are" | "were" | "can" | "will"));
    let lemma = words[i].lemma.unwrap_or("");
    noun.pos == Pos::Noun && looks_plural(&texts[i + 1]) && agreeing && !BARE_INFINITIVE_VERBS.contains(&lemma)
}

/// Whether a plural-looking noun-or-verb word ("pairs", "matches") right after a clause-opening
/// noun is the head of a noun compound whose verb follows it: in "Mentoring pairs work
/// together", "Coaching circles meet monthly", "Mentoring pairs and groups work ...", a base
/// form after it (past a coordinated noun) agrees with a plural subject, which only holds if the
/// word is that subject's head; a verb there would leave the base form no subject.
///
/// Gives the words of a noun phrase coordinated with it before the verb (empty when there is
/// none), or `None` when the word is not such a head.
fn plural_head_before_verb(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> Option<Range<usize>> {
    // (Or an auxiliary that agrees with a plural: "Springboard mentors are trained
    // facilitators", "Coaching circles can meet online".)
    let is_base_verb = |k: usize| {
        let base = words.get(k).is_some_and(|w| w.pos == Pos::Verb && w.form == Some(VerbForm::Base))
            && texts.get(k + 1).is_none_or(|t| !matches!(t.as_ref(), "to"));
        let plural_auxiliary = words.get(k).is_some_and(|w| matches!(w.pos, Pos::Aux | Pos::Modal))
            && texts.get(k).is_some_and(|t| {
                matches!(
                    t.as_ref(),
                    "are"
                        | "were"
                        | "have"
                        | "do"
                        | "can"
                        | "will"
                        | "should"
                        | "must"
                        | "may"
                        | "might"
                        | "could"
                        | "would"
                )
            });
        base || plural_auxiliary
    };
    if i == 0
        || words[i].form != Some(VerbForm::Third)
        || !matches!(words[i - 1].pos, Pos::Noun | Pos::Adj | Pos::Propn)
    {
        return None;
    }
    // The clause opens at the noun before: nothing but modifiers stands before it.
    let opening =
        words[..i - 1].iter().all(|w| matches!(w.pos, Pos::Det | Pos::Poss | Pos::Adj | Pos::Noun | Pos::Num));
    if !opening {
        return None;
    }
    // (Past adverbs before the verb: "Success coaches also act as ...".)
    let adverbs = words[i + 1..].iter().take(2).take_while(|w| w.pos == Pos::Adv).count();
    if adverbs > 0 && is_base_verb(i + 1 + adverbs) {
        return Some(i + 1..i + 1);
    }
    let k = i + 1;
    // "pairs and (study) groups work": a coordinated plural noun, with up to two words before
    // it, then the verb.
    if texts.get(k).is_some_and(|t| matches!(t.as_ref(), "and" | "or")) {
        return (k + 1..(k + 4).min(words.len()))
            .find(|&j| {
                texts[j].ends_with('s')
                    && (k + 1..=j).all(|m| matches!(words[m].pos, Pos::Noun | Pos::Adj | Pos::Verb))
                    && is_base_verb(j + 1)
            })
            .map(|j| k + 1..j + 1);
    }
    is_base_verb(k).then_some(k..k)
}

fn is_noun_verb(word: &str) -> bool {
    let lemma = lex::verb(word).map(|v| v.0);
    lemma.is_some_and(|l| lex::NOUN_VERBS.contains(l))
}

fn is_subject_pronoun(word: &str) -> bool {
    lex::SUBJECT_PRONOUNS.contains(word) || matches!(word, "who" | "which" | "that")
}

/// Whether a noun-or-verb word right after a noun is that noun's verb: it agrees with it in
/// number ("the scheme ends", "mentees drive"; not "a 90-day plan", whose "a" makes the noun
/// singular and "plan" no third-person verb), and no verb stands between it and the start of
/// its clause.
fn verb_after_subject(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    // (Past up to two adverbs: "coaches also act".)
    let adverbs = words[..i].iter().rev().take(2).take_while(|w| w.pos == Pos::Adv).count();
    let Some(n) = i.checked_sub(adverbs + 1) else { return false };
    if !matches!(words[n].pos, Pos::Noun | Pos::Propn) {
        return false;
    }
    let noun = texts[n].as_ref();
    let plural = looks_plural(noun);
    // The phrase's determiner decides its number where it has one.
    let mut j = n;
    while j > 0
        && matches!(words[j - 1].pos, Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num | Pos::Punct)
        && texts[j - 1] != ","
    {
        j -= 1;
    }
    let singular_det =
        j > 0 && matches!(texts[j - 1].as_ref(), "a" | "an" | "each" | "every" | "this" | "that" | "one");
    let agrees = match words[i].form {
        Some(VerbForm::Third) => !plural,
        Some(VerbForm::Base) => plural && !singular_det,
        _ => false,
    };
    let verb_before = words[..n]
        .iter()
        .rev()
        .take_while(|w| !matches!(w.pos, Pos::Sub | Pos::Coord | Pos::Wh) && !(w.pos == Pos::Punct))
        .any(|w| matches!(w.pos, Pos::Verb | Pos::Aux | Pos::Modal));
    agrees && !verb_before
}

/// Whether a noun looks plural: it ends in "s", not in "ss" or a possessive "'s".
fn looks_plural(noun: &str) -> bool {
    noun.ends_with('s') && !noun.ends_with("ss") && !noun.ends_with("'s")
}

/// Whether a verb form agrees in number with the noun before it: a third-person form with a
/// singular noun ("the design leads"), a base form with a plural one ("mentees drive").
fn agrees_in_number(noun: &str, form: Option<VerbForm>) -> bool {
    let plural = looks_plural(noun);
    match form {
        Some(VerbForm::Third) => !plural,
        Some(VerbForm::Base) => plural,
        _ => false,
    }
}

/// Whether another verb follows in the clause (before punctuation or a conjunction): then a
/// clause-initial noun-or-verb word is the subject's noun ("Coach training starts today"), not
/// an imperative ("Set clear goals").
fn verb_later_in_clause(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    // An infinitive ("to be") is no finite verb: "Mentor new managers to be ..." is an
    // imperative. Nor is a noun-or-verb word right after a noun that it does not agree with:
    // it is that noun's compound head ("Mentor product design managers to ...": "design" after
    // the singular "product" is no verb; the tagger settles such words only later).
    let mut nominal_before = matches!(words[i].pos, Pos::Noun | Pos::Adj);
    for k in i + 1..words.len() {
        let w = &words[k];
        // (A conjunction right after the word that joins a noun to it goes on with the
        // subject: "Mentor and mentee pairs were created".)
        let joins_noun = k == i + 1
            && w.pos == Pos::Coord
            && words.get(k + 1).is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Adj | Pos::Propn));
        if joins_noun {
            nominal_before = false;
            continue;
        }
        if matches!(w.pos, Pos::Punct | Pos::Coord | Pos::Sub | Pos::Wh) {
            break;
        }
        // (The lexicon is asked only about a verb after a noun or an adjective.)
        let compound_noun = w.pos == Pos::Verb
            && nominal_before
            && !agrees_in_number(&texts[k - 1], words[k].form)
            && is_noun_verb(&texts[k]);
        if matches!(w.pos, Pos::Verb | Pos::Aux | Pos::Modal)
            && w.form != Some(VerbForm::Gerund)
            && words[k - 1].pos != Pos::To
            && !compound_noun
        {
            return true;
        }
        nominal_before = matches!(w.pos, Pos::Noun | Pos::Adj) || compound_noun;
    }
    false
}

/// Whether a verb stands earlier in the sentence: "... has worked there and shares what ...".
/// Whether the words before `i` are the modifiers of a phrase a determiner or possessive opens
/// ("our six-month coaching programme", "the new-hire mentoring scheme"): inside such a
/// phrase a gerund before a noun modifies it too, even after a noun.
fn opened_by_determiner(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    let mut k = i;
    for _ in 0..5 {
        let Some(prev) = k.checked_sub(1) else { return false };
        k = prev;
        match words[k].pos {
            Pos::Det | Pos::Poss => return k + 1 < i,
            Pos::Noun | Pos::Adj | Pos::Num => {}
            Pos::Punct if texts[k].as_ref() == "-" => {}
            _ => return false,
        }
    }
    false
}

/// Whether a noun-or-verb word continues a list of nouns separated by commas: "a mentor, coach
/// and friend", "a supervisor, professional mentor, and coach", "as a cheerleader, coach and
/// advocate", or two nouns that one determiner opens ("as a guide and mentor"). Its place after a comma (or the list's "and" after one) and a noun, with no
/// object after it, is a list item's; "listens, and coaches them" keeps its verb (an object
/// follows), and "asks questions and coaches" has no list (no comma).
fn noun_list_item(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    let text = |k: usize| texts.get(k).map_or("", |t| t.as_ref());
    let noun = |k: usize| words.get(k).is_some_and(|w| matches!(w.pos, Pos::Noun | Pos::Propn));
    let comma_after_noun = |k: usize| text(k) == "," && k > 0 && noun(k - 1);
    let mut determined_pair = false;
    let placed = match i {
        // "mentor, coach": right after a comma that follows a noun.
        _ if i > 1 && comma_after_noun(i - 1) => true,
        // "mentor, and coach" (the list's last item after a serial comma), or "cheerleader,
        // mentor and coach" (after "and" that follows a noun, with a comma-joined noun before).
        // "as a guide and mentor": two items, the first a noun that a determiner opens.
        _ if i > 2 && words[i - 1].pos == Pos::Coord => {
            comma_after_noun(i - 2)
                || (noun(i - 2) && (i.saturating_sub(6)..i - 2).any(comma_after_noun))
                || (noun(i - 2) && {
                    // (Past adjectives: "as a personal guide and mentor".)
                    let mut k = i - 3;
                    while k > 0 && words[k].pos == Pos::Adj {
                        k -= 1;
                    }
                    determined_pair = matches!(words[k].pos, Pos::Det | Pos::Poss);
                    determined_pair
                })
        }
        _ => false,
    };
    let next = words.get(i + 1).map(|w| w.pos);
    // (Two nouns that one determiner opens may take a prepositional phrase together: "as a
    // guide and mentor for new staff".)
    let ends_item = next.is_none()
        || matches!(text(i + 1), "," | "and" | "or" | "." | ";" | ":" | ")" | "!" | "?")
        || determined_pair && matches!(text(i + 1), "for" | "to" | "of" | "in" | "at" | "within");
    placed && ends_item
}

fn verb_earlier(words: &[Word], i: usize) -> bool {
    words[..i].iter().any(|w| matches!(w.pos, Pos::Verb | Pos::Aux | Pos::Modal))
}

/// Whether what follows can open a verb's object or complement.
fn opens_object(next: Option<Pos>, next_text: &str) -> bool {
    matches!(next, Some(Pos::Det | Pos::Poss | Pos::Pron | Pos::Num | Pos::Adv | Pos::Propn))
        || (next == Some(Pos::Wh) && matches!(next_text, "what" | "how" | "which" | "whatever"))
        || (next == Some(Pos::Prep) && lex::PARTICLES.contains(next_text))
        || (next == Some(Pos::Prep) && matches!(next_text, "for" | "with" | "through"))
        || (next == Some(Pos::Noun) && next_text.ends_with('s'))
}

/// Whether the word opens its clause (after punctuation, a coordinator or a subordinator, or
/// at the sentence's start): where an imperative verb stands.
fn clause_initial(words: &[Word], texts: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    let mut j = i;
    while j > 0 && matches!(words[j - 1].pos, Pos::Adv) {
        j -= 1;
    }
    j == 0 || matches!(words[j - 1].pos, Pos::Punct | Pos::Coord) && texts[j - 1] != "-"
}

type LexicalClass = (Pos, Option<&'static str>, Option<VerbForm>, bool);

/// The class a word has out of context, remembered per word: [`classify`] asks a dozen word
/// classes, and a document's vocabulary is small beside its length. The memo is per thread and
/// emptied when it reaches [`MEMO_WORDS`], so hostile input cannot grow it without bound.
fn lexical_class(word: &str, kind: TokenKind) -> LexicalClass {
    const MEMO_WORDS: usize = 1 << 14;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, LexicalClass, lex::Fnv>> =
            const { std::cell::RefCell::new(std::collections::HashMap::with_hasher(lex::Fnv)) };
    }
    if kind != TokenKind::Word {
        return classify(word, kind);
    }
    MEMO.with(|memo| {
        if let Some(&class) = memo.borrow().get(word) {
            return class;
        }
        let class = classify(word, kind);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(word.into(), class);
        class
    })
}

/// The class a word has out of context.
fn classify(word: &str, kind: TokenKind) -> LexicalClass {
    match kind {
        TokenKind::Punct => return (Pos::Punct, None, None, false),
        TokenKind::Number => return (Pos::Num, None, None, false),
        TokenKind::Word => {}
    }
    if let Some(lemma) = lex::negated_auxiliary(word) {
        let pos = if matches!(lemma, "be" | "have" | "do") { Pos::Aux } else { Pos::Modal };
        return (pos, Some(lemma), None, true);
    }
    if matches!(word, "not" | "never" | "cannot") {
        return (Pos::Neg, None, None, true);
    }
    if word == "no" {
        return (Pos::Det, None, None, true);
    }
    if matches!(word, "nobody" | "none" | "nothing") {
        return (Pos::Pron, None, None, true);
    }
    if word == "without" {
        return (Pos::Prep, None, None, true);
    }
    if word == "to" {
        return (Pos::To, None, None, false);
    }
    if let Some((_, aux)) = lex::contracted_pronoun(word) {
        return (Pos::Pron, Some(aux), None, false);
    }
    if lex::MODALS.contains(word) {
        return (Pos::Modal, None, None, false);
    }
    if let Some(lemma) = lex::auxiliary(word) {
        return (Pos::Aux, Some(lemma), None, false);
    }
    if lex::POSSESSIVES.contains(word) {
        return (if word == "her" { Pos::Pron } else { Pos::Poss }, None, None, false);
    }
    if lex::WH_WORDS.contains(word) && !matches!(word, "when" | "where") {
        return (Pos::Wh, None, None, false);
    }
    if lex::SUBJECT_PRONOUNS.contains(word)
        || lex::OBJECT_PRONOUNS.contains(word)
        || lex::INDEFINITE_PRONOUNS.contains(word)
    {
        return (Pos::Pron, None, None, false);
    }
    if lex::DETERMINERS.contains(word) {
        return (Pos::Det, None, None, false);
    }
    if lex::COORDINATORS.contains(word) {
        return (Pos::Coord, None, None, word == "nor");
    }
    if lex::SUBORDINATORS.contains(word) && !lex::PREPOSITIONS.contains(word) {
        return (Pos::Sub, None, None, false);
    }
    if lex::PREPOSITIONS.contains(word) && !lex::ADVERBS.contains(word) {
        return (Pos::Prep, None, None, false);
    }
    if lex::ADJECTIVES.contains(word) {
        return (Pos::Adj, None, None, false);
    }
    if lex::ADVERBS.contains(word) {
        return (if lex::PREPOSITIONS.contains(word) { Pos::Prep } else { Pos::Adv }, None, None, false);
    }
    if lex::is_number_word(word) {
        return (Pos::Num, None, None, false);
    }
    // The practice words: nouns ("coach", "mentorship", "mentee") unless context makes the
    // verb ("coaches", "mentoring" after a subject are settled in context as other verbs are).
    if let Some((lemma, form)) = lex::verb(word) {
        return (Pos::Verb, Some(lemma), Some(form), false);
    }
    if word.len() > 4 && word.ends_with("ly") && !word.ends_with("ply") {
        return (Pos::Adv, None, None, false);
    }
    if lex::reads_as_noun(word) {
        return (Pos::Noun, None, None, false);
    }
    if lex::adjective_ending(word) {
        return (Pos::Adj, None, None, false);
    }
    if word.len() > 4 && word.ends_with("ing") {
        return (Pos::Verb, None, Some(VerbForm::Gerund), false);
    }
    if word.len() > 3 && word.ends_with("ed") {
        return (Pos::Verb, None, Some(VerbForm::PastOrParticiple), false);
    }
    (Pos::Noun, None, None, false)
}

/// Groups words into noun phrases and verb groups.
fn chunk(parse: &mut Parse, norm: &str, tokens: &[Token]) {
    let mut words = std::mem::take(&mut parse.words);
    let token_text = |words: &[Word], i: usize| tokens[words[i].token].text(norm);
    let n = words.len();
    let mut i = 0;
    while i < n {
        let pos = words[i].pos;
        // Verb groups: auxiliaries, modals, negators and adverbs, then a verb.
        if matches!(pos, Pos::Aux | Pos::Modal | Pos::Verb)
            || (pos == Pos::Pron && words[i].lemma.is_some())
            || (matches!(pos, Pos::Neg | Pos::Adv) && starts_verb_group(&words, i))
            || (pos == Pos::To && words.get(i + 1).is_some_and(|w| matches!(w.pos, Pos::Verb | Pos::Aux)))
        {
            // A contracted "they'll" is a subject phrase and the start of the verb group.
            if pos == Pos::Pron {
                parse.phrases.push(NounPhrase { words: i..i + 1, head: i, prep: None, negated: false, graded: None });
            }
            let start = i;
            let mut head = i;
            let mut negated = words[i].negator;
            let mut restricted = false;
            let mut be_seen = words[i].lemma == Some("be");
            let mut passive = false;
            let mut main_verb = pos == Pos::Verb;
            i += 1;
            while i < n {
                let w = words[i];
                match w.pos {
                    Pos::Aux | Pos::Modal if !main_verb => {
                        be_seen |= w.lemma == Some("be");
                        negated |= w.negator;
                        head = i;
                    }
                    Pos::Neg => negated = true,
                    Pos::Adv
                        if !main_verb
                            && words[i + 1..].iter().take(3).any(|w| matches!(w.pos, Pos::Verb | Pos::Aux)) =>
                    {
                        restricted |= lex::RESTRICTORS.contains(token_text(&words, i));
                    }
                    Pos::Verb if !main_verb => {
                        main_verb = true;
                        passive = be_seen
                            && matches!(w.form, Some(VerbForm::PastOrParticiple | VerbForm::Participle) | None)
                            && !matches!(w.form, Some(VerbForm::Gerund));
                        head = i;
                    }
                    // A particle right after the verb ("wrap up", "hand out"): part of the verb.
                    Pos::Prep | Pos::Adv
                        if main_verb && i == head + 1 && lex::PARTICLES.contains(token_text(&words, i)) =>
                    {
                        words[i].pos = Pos::Adv;
                    }
                    _ => break,
                }
                i += 1;
            }
            let head_word = words[head];
            // Adverbs before the verb group's verb that restrict it ("only ask").
            restricted |= (start..head).any(|j| lex::RESTRICTORS.contains(token_text(&words, j)));
            parse.verbs.push(VerbGroup {
                words: start..i,
                head,
                lemma: head_word.lemma,
                negated,
                passive,
                copula: !main_verb && head_word.lemma == Some("be"),
                restricted,
            });
            continue;
        }
        // Noun phrases: determiners, numbers, adjectives and nouns; hyphenated words hold.
        if matches!(pos, Pos::Det | Pos::Poss | Pos::Num | Pos::Adj | Pos::Noun | Pos::Propn | Pos::Pron)
            || (pos == Pos::Adv
                && lex::comparative(token_text(&words, i)).is_some()
                && words.get(i + 1).is_some_and(|w| w.pos == Pos::Adj))
        {
            let start = i;
            let prep = governing_preposition(&words, &|k| token_text(&words, k), start);
            let mut negated = words[i].negator || prep.is_some_and(|p| words[p].negator);
            let mut graded = None;
            if pos == Pos::Pron {
                i += 1;
                parse.phrases.push(NounPhrase { words: start..i, head: start, prep, negated, graded });
                continue;
            }
            let mut head = i;
            while i < n {
                let w = words[i];
                let t = token_text(&words, i);
                if lex::comparative(t).is_some() && words.get(i + 1).is_some_and(|w| w.pos == Pos::Adj) {
                    graded = lex::comparative(t);
                }
                // A hyphen joins words; a dash with spaces around it separates them.
                let dash = (t == "-" || t == "–") && !(w.spaced && words.get(i + 1).is_some_and(|n| n.spaced));
                // (A comma between coordinate adjectives after a determiner stays in the phrase:
                // "a structured, shareable file" is one file.)
                let coordinate_adjectives = t == ","
                    && i > start
                    && matches!(words[start].pos, Pos::Det | Pos::Poss)
                    && words[i - 1].pos == Pos::Adj
                    && words.get(i + 1).is_some_and(|w| w.pos == Pos::Adj);
                let joins = dash
                    || coordinate_adjectives
                    || t == "/"
                    || t == "'s"
                    || (t == "to"
                        && i > start
                        && words[i - 1].pos == Pos::Num
                        && words.get(i + 1).is_some_and(|w| w.pos == Pos::Num));
                if joins && i + 1 < n && i > start && !matches!(words[i + 1].pos, Pos::Punct) {
                    i += 1;
                    continue;
                }
                match w.pos {
                    Pos::Det | Pos::Poss if i == start => {}
                    Pos::Det if i > start && words[i - 1].pos == Pos::Det => {}
                    // "the mentors' only tool": a possessive noun, then its noun phrase.
                    Pos::Adv | Pos::Det
                        if i > start
                            && matches!(token_text(&words, i), "only" | "sole" | "main" | "own")
                            && token_text(&words, i - 1).ends_with(['\'', '’'])
                            && words.get(i + 1).is_some_and(|w| matches!(w.pos, Pos::Noun | Pos::Adj)) => {}
                    Pos::Num | Pos::Adj | Pos::Noun | Pos::Propn => head = i,
                    // Gerunds and participles glued by a hyphen ("mentee-led", "time-bound").
                    Pos::Verb if i > start && token_text(&words, i - 1) == "-" => head = i,
                    Pos::Adv
                        if lex::comparative(t).is_some() && words.get(i + 1).is_some_and(|w| w.pos == Pos::Adj) =>
                    {
                        graded = lex::comparative(t);
                    }
                    _ => break,
                }
                negated |= w.negator;
                i += 1;
            }
            if i == start {
                i += 1;
                continue;
            }
            // The head is the last noun; an adjective phrase keeps its last word.
            let noun_head = (start..i).rev().find(|&j| matches!(words[j].pos, Pos::Noun | Pos::Propn | Pos::Num));
            let head = noun_head.unwrap_or(head);
            // A phrase coordinated with a prepositional one shares its preposition: "for
            // wisdom and perspective".
            let prep = prep.or_else(|| {
                let coord = start.checked_sub(1).filter(|&c| words[c].pos == Pos::Coord)?;
                let before = parse.phrases.last().filter(|p| p.words.end == coord)?;
                before.prep
            });
            parse.phrases.push(NounPhrase { words: start..i, head, prep, negated, graded });
            continue;
        }
        i += 1;
    }
    parse.words = words;
}

/// The preposition that governs a phrase starting at `start`, across a hedge before a number
/// ("for at least 3 months", "within about a year").
fn governing_preposition<'t>(words: &[Word], text: &impl Fn(usize) -> &'t str, start: usize) -> Option<usize> {
    let mut j = start;
    if words[start].pos == Pos::Num || text(start) == "a" || text(start) == "an" {
        while j > 0 && lex::HEDGES.contains(text(j - 1)) {
            j -= 1;
        }
    }
    if j > 0 && words[j - 1].pos == Pos::Prep {
        return Some(j - 1);
    }
    // (A hedge word that is itself the preposition: "one element of a twelve-week course".)
    if j < start && words[start - 1].pos == Pos::Prep {
        return Some(start - 1);
    }
    // Right node raising: in "similar to, yet distinct from, coaching" the prepositions left
    // before a comma share the phrase after it; the nearest one governs it.
    if j > 1 && text(j - 1) == "," && words[j - 2].pos == Pos::Prep {
        return Some(j - 2);
    }
    // "Over" is a hedge after a preposition ("for over six years") and the preposition itself
    // where none stands before it ("goals over six months").
    (j < start && text(j) == "over").then_some(j)
}

fn starts_verb_group(words: &[Word], i: usize) -> bool {
    words[i + 1..]
        .iter()
        .take(3)
        .position(|w| !matches!(w.pos, Pos::Adv | Pos::Neg))
        .is_some_and(|k| matches!(words[i + 1 + k].pos, Pos::Verb | Pos::Aux | Pos::Modal))
}

/// Splits the sentence into clauses and finds their parts.
fn clauses(parse: &mut Parse, texts: &[&str]) {
    let n = parse.words.len();
    // Clause starts: (word index, kind). Punctuation boundaries start the next word.
    let mut starts: Vec<(usize, ClauseKind)> = vec![(0, ClauseKind::Main)];
    let verb_at = |w: usize| {
        let i = parse.verbs.partition_point(|v| v.words.start < w);
        parse.verbs.get(i).filter(|v| v.words.start == w).map(|_| i)
    };
    let phrase_at = |w: usize| {
        let i = parse.phrases.partition_point(|p| p.words.start < w);
        parse.phrases.get(i).filter(|p| p.words.start == w).map(|_| i)
    };
    // Where a fronted subordinate clause ("Whereas ..., ", "If ..., ") began, until its comma.
    let mut fronted: Option<usize> = None;
    let mut i = 0;
    while i < n {
        let w = parse.words[i];
        let t = texts[i];
        let spaced_dash = t == "-" && w.spaced && parse.words.get(i + 1).is_some_and(|n| n.spaced);
        // An en dash with no space on either side joins two words as a hyphen does
        // ("mentor–mentee relationship"); with a space it sets a clause apart.
        let joining_en_dash = t == "–" && !w.spaced && parse.words.get(i + 1).is_some_and(|n| !n.spaced);
        let boundary_punct = w.pos == Pos::Punct
            && (matches!(t, ";" | ":" | "—" | "(" | ")" | "|" | "•" | "→")
                || t == "–" && !joining_en_dash
                || spaced_dash);
        if boundary_punct && (t != "–" || i + 1 < n && parse.words[i + 1].pos != Pos::Num) {
            // A verbless stretch before a colon labels what follows; one that opens with a
            // preposition ("From the team's side: ...", "In practice: ...") is an adverbial
            // lead-in, naming nothing.
            let open = starts.last().map_or(0, |s| s.0);
            let label = (t == ":" || t == "—" || t == "–" || spaced_dash)
                .then(|| {
                    let verbless = !parse.verbs.iter().any(|v| v.words.start >= open && v.words.end <= i)
                        && parse.words.get(open).is_none_or(|w| w.pos != Pos::Prep);
                    let phrase = parse.phrases.iter().rposition(|p| p.words.start >= open && p.words.end <= i);
                    phrase.filter(|_| verbless)
                })
                .flatten();
            starts.push((i + 1, label.map_or(ClauseKind::Main, ClauseKind::Labelled)));
        } else if t == ","
            && fronted.is_some_and(|f| has_verb_before_in_clause(parse, f, i))
            && !(i + 1 < n && parse.words[i + 1].pos == Pos::Wh && texts[i + 1] != "that")
        {
            // (A comma before "who" or "which" opens a relative inside the fronted clause.)
            // A fronted subordinate clause (with any clause inside it) ends at the comma after
            // its verb.
            starts.push((i + 1, ClauseKind::Main));
            fronted = None;
        } else if t == ","
            && fronted.is_none()
            && verb_at(i + 1).is_some_and(|v| parse.words[parse.verbs[v].head].form == Some(VerbForm::Base))
            && parse.verbs.iter().any(|v| {
                v.words.start >= starts.last().map_or(0, |s| s.0)
                    && v.words.end <= i
                    && (parse.words[v.words.start].pos == Pos::Modal
                        || parse.words[v.head].form == Some(VerbForm::Base))
            })
        {
            // "The mentor will identify resources, recommend books, create a timeline and ...":
            // verbs listed with commas share the subject (and the modal) of the first.
            starts.push((i + 1, ClauseKind::Coordinated));
        } else if w.pos == Pos::Sub && i > 0 {
            if parse.words[i - 1].pos == Pos::Punct && texts[i - 1] != "," {
                fronted = Some(i);
            }
            starts.push((i, ClauseKind::Subordinate(i)));
        } else if w.pos == Pos::Sub {
            starts[0].1 = ClauseKind::Subordinate(0);
            fronted = Some(0);
        } else if i == 0 && w.pos == Pos::Prep && parse.words.get(1).is_some_and(|n| n.form == Some(VerbForm::Gerund)) {
            // "By following this guide, managers ...": a fronted gerund phrase ends at its comma.
            starts[0].1 = ClauseKind::Subordinate(0);
            fronted = Some(0);
        } else if w.pos == Pos::Verb
            && w.form == Some(VerbForm::PastOrParticiple)
            && fronted.is_none()
            && (i == 0 || texts[i - 1] == ",")
            && (parse.words.get(i + 1).is_some_and(|n| n.pos == Pos::Prep)
                || texts.get(i + 1).is_some_and(|t| lex::PREPOSITIONS.contains(t)))
            && {
                // Only adverbials before it ("In the second stage, based on ..."): a noun
                // phrase there would be the subject it describes ("Mentoring, based on ...").
                let open = starts.last().map_or(0, |s| s.0);
                !has_verb_before_in_clause(parse, open, i)
                    && parse
                        .phrases
                        .iter()
                        .filter(|p| p.words.start >= open && p.words.end <= i)
                        .all(|p| p.prep.is_some())
            }
        {
            // "Based on their sessions, mentees choose ...": a fronted participle phrase ends
            // at its comma, where the main clause begins.
            if i == 0 {
                starts[0].1 = ClauseKind::Subordinate(0);
            } else {
                starts.push((i, ClauseKind::Subordinate(i)));
            }
            fronted = Some(i);
        } else if w.pos == Pos::Verb
            && w.form == Some(VerbForm::PastOrParticiple)
            && i > 1
            && texts[i - 1] == ","
            && matches!(parse.words[i - 2].pos, Pos::Noun | Pos::Propn)
            && (parse.words.get(i + 1).is_some_and(|n| n.pos == Pos::Prep)
                || texts.get(i + 1).is_some_and(|t| lex::PREPOSITIONS.contains(t)))
        {
            // "The coach, based in Leeds, gives advice": a participle phrase between commas
            // after a noun is a reduced relative clause about it; the main clause's verb
            // follows it.
            starts.push((i, ClauseKind::Relative));
        } else if w.pos == Pos::Wh && t == "that" && i > 0 && matches!(parse.words[i - 1].pos, Pos::Aux | Pos::Verb) {
            // "The difference is that a mentor gives advice": a complement clause.
            starts.push((i + 1, ClauseKind::Subordinate(i)));
        } else if w.pos == Pos::Wh
            && matches!(t, "how" | "what" | "whether")
            && i > 0
            && matches!(parse.words[i - 1].pos, Pos::Prep | Pos::Verb | Pos::Adv)
        {
            // An embedded question after a preposition or a verb ("depending on how the
            // programme is run", "decide what the sessions cover"): a complement clause.
            starts.push((i + 1, ClauseKind::Subordinate(i)));
        } else if w.pos == Pos::Wh
            && matches!(t, "which" | "whom")
            && i > 1
            && parse.words[i - 1].pos == Pos::Prep
            && matches!(parse.words[i - 2].pos, Pos::Noun | Pos::Propn)
        {
            // "periods during which each mentor meets a mentee", "the people with whom you
            // work": a preposition before the relative pronoun opens the relative clause.
            starts.push((i - 1, ClauseKind::Relative));
        } else if w.pos == Pos::Wh
            && i > 0
            && matches!(parse.words[i - 1].pos, Pos::Noun | Pos::Propn | Pos::Pron | Pos::Punct)
        {
            // A relative after a noun ("mentors who share ..."), possibly after a comma.
            let before = if parse.words[i - 1].pos == Pos::Punct && i > 1 { i - 2 } else { i - 1 };
            if matches!(parse.words[before].pos, Pos::Noun | Pos::Propn | Pos::Pron) {
                starts.push((i, ClauseKind::Relative));
            }
        } else if w.pos == Pos::Prep
            && i > 0
            && !matches!(t, "like" | "as")
            && verb_at(i + 1).is_some_and(|v| parse.words[parse.verbs[v].head].form == Some(VerbForm::Gerund))
            && has_verb_before_in_clause(parse, starts.last().map_or(0, |s| s.0), i)
        {
            // "Mentees have an advantage in defining the topic": a gerund after a preposition
            // is a verb whose understood subject is the clause's (its own clause, so that its
            // object is its own).
            starts.push((i + 1, ClauseKind::Infinitive));
        } else if w.pos == Pos::To && verb_at(i).is_some() && starts.last().is_some_and(|s| s.0 == i) {
            // "To be a good coach, we should never ...": a fronted infinitive of purpose ends
            // at its comma, where the main clause begins.
            fronted = Some(i);
        } else if w.pos == Pos::To && i > 0 && verb_at(i).is_some() {
            starts.push((i, ClauseKind::Infinitive));
        } else if verb_at(i).is_some_and(|v| {
            parse.verbs[v].words.start == i && bare_infinitive(&parse.words, texts, parse.verbs[v].head)
        }) {
            // "Help clients draw on their experience": a bare infinitive after the object of
            // a verb that takes one opens a clause whose subject is that object.
            starts.push((i, ClauseKind::Infinitive));
        } else if let Some(&(open, ClauseKind::Relative)) = starts.last().filter(|_| verb_at(i).is_some()) {
            // "A coach who never gives advice asks questions": a finite verb after the relative
            // clause's object, agreeing with the relative's antecedent, is the main clause's
            // verb; the relative ends before it.
            let antecedent =
                open.checked_sub(1).map(|k| if parse.words[k].pos == Pos::Punct { k.saturating_sub(1) } else { k });
            let head = verb_at(i).map(|v| parse.verbs[v].head);
            let finite = head.is_some_and(|h| matches!(parse.words[h].form, Some(VerbForm::Third | VerbForm::Base)));
            let agrees = antecedent.zip(head).is_some_and(|(a, h)| {
                matches!(parse.words[a].pos, Pos::Noun | Pos::Propn) && agrees_in_number(texts[a], parse.words[h].form)
            });
            if finite
                && agrees
                && open < i
                && (matches!(parse.words[i - 1].pos, Pos::Noun | Pos::Propn)
                    // (after the comma that closes it: "a coach, who is not a mentor, asks")
                    || texts[i - 1] == ",")
                && has_verb_before_in_clause(parse, open, i)
            {
                starts.push((i, ClauseKind::Coordinated));
            }
        } else if w.pos == Pos::Coord && i + 1 < n {
            // "..., and mentees drive the meetings": a new subject and verb; "... and drive the
            // meetings": a verb sharing the subject before.
            if verb_at(i + 1).is_some() && parse.words[i + 1].pos != Pos::Pron {
                starts.push((i + 1, ClauseKind::Coordinated));
            } else if let Some(p) = phrase_at(i + 1) {
                let after = parse.phrases[p].words.end;
                // Not before an infinitive: "for the mentor and mentee to develop ..." has no new
                // subject, only a second object of "for".
                let finite_after = verb_at(after).is_some() && parse.words[after].pos != Pos::To;
                if finite_after && has_verb_before_in_clause(parse, starts.last().map_or(0, |s| s.0), i) {
                    starts.push((i + 1, ClauseKind::Main));
                }
            }
        }
        i += 1;
    }
    starts.dedup_by_key(|s| s.0);
    for (k, &(start, kind)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(n, |s| s.0);
        if start >= end {
            continue;
        }
        // Verb groups and phrases are disjoint and in order: the clause's are found by binary
        // search, not by walking the sentence's for every clause.
        let verb = parse.first_verb_in(start..end);
        let mut clause =
            Clause { words: start..end, kind, subject: Subject::None, verb, objects: Vec::new(), adjuncts: Vec::new() };
        let phrase_range = parse.phrases.partition_point(|p| p.words.start < start)
            ..parse.phrases.partition_point(|p| p.words.start < end);
        let in_clause = |p: &NounPhrase| p.words.start >= start && p.words.end <= end;
        let clause_phrases = || phrase_range.clone().map(|i| (i, &parse.phrases[i])).filter(|(_, p)| in_clause(p));
        if let Some(v) = verb {
            let vg = &parse.verbs[v];
            // "there is X": X is the subject.
            let existential = vg.words.start > start && texts[vg.words.start - 1] == "there";
            let before = clause_phrases()
                .filter(|(_, p)| p.words.end <= vg.words.start && p.prep.is_none())
                .map(|(i, _)| i)
                .next_back();
            clause.subject = if existential {
                clause_phrases()
                    .find(|(_, p)| p.words.start >= vg.words.end)
                    .map_or(Subject::None, |(i, _)| Subject::Phrase(i))
            } else if let Some(p) = before.filter(|&p| texts[parse.phrases[p].words.start] != "there") {
                Subject::Phrase(p)
            } else if matches!(kind, ClauseKind::Relative) {
                antecedent(parse, start).map_or(Subject::None, Subject::Shared)
            } else if vg.words.len() == 1
                && matches!(parse.words[vg.head].form, Some(VerbForm::Participle | VerbForm::PastOrParticiple))
            {
                // A bare participle after a noun is a reduced relative ("a mentor, drawn from
                // the senior team"): its subject is the last phrase before it that no
                // preposition governs.
                parse.phrases[..parse.phrases.partition_point(|p| p.words.end <= vg.words.start)]
                    .iter()
                    .rposition(|p| p.prep.is_none())
                    .map_or(Subject::None, Subject::Shared)
            } else if matches!(kind, ClauseKind::Coordinated | ClauseKind::Infinitive) {
                // The subject of the clause this verb is coordinated with. A finite verb ("...
                // and should be led by", "... and lasts") is coordinated with the last finite
                // clause, not with an infinitive or a relative clause in between ("X is a chance
                // for Y to grow, and should be led by Z": Z leads X).
                let finite = kind == ClauseKind::Coordinated
                    && (matches!(parse.words[vg.words.start].pos, Pos::Modal | Pos::Aux)
                        || matches!(parse.words[vg.head].form, Some(VerbForm::Third | VerbForm::Past)));
                // An infinitive after the object of a verb of providing ("offers a safe place to
                // ask questions", "is a chance to reflect") says what the place or chance lets
                // someone do: its subject is whoever uses it, not the giver.
                // (Not when the noun is someone's: "it's the coach's job to set the agenda",
                // "your ability to ask questions" say what the owner does.)
                let object = parse.phrase_ending_at(vg.words.start).map(|p| &parse.phrases[p]);
                let owned = object.is_some_and(|p| {
                    p.words.clone().any(|w| {
                        parse.words[w].pos == Pos::Poss || texts[w].ends_with("'s") || texts[w].ends_with("’s")
                    })
                });
                // (A bare infinitive opens with its verb, or an adverb before it: "helps
                // clients draw", "helps mentors always ask".)
                let bare = kind == ClauseKind::Infinitive
                    && parse.words[vg.words.start].pos != Pos::To
                    && matches!(parse.words[vg.head].form, Some(VerbForm::Base | VerbForm::Gerund));
                let after_noun = vg.words.start > 0
                    && (parse.words[vg.words.start].pos == Pos::To || bare)
                    && (matches!(parse.words[vg.words.start - 1].pos, Pos::Noun | Pos::Propn)
                        || bare && parse.words[vg.words.start - 1].pos == Pos::Pron)
                    && !owned;
                let provided = kind == ClauseKind::Infinitive
                    && after_noun
                    && k.checked_sub(1)
                        .and_then(|prev| parse.clauses.get(prev))
                        .and_then(|c| c.verb)
                        .and_then(|v| parse.verbs[v].lemma)
                        .is_some_and(|l| lex::PROVISION_VERBS.contains(l));
                // An infinitive right after a person who is the object of a verb ("mentor new
                // managers to lead", "encourage mentees to set the agenda", "ask your coach to
                // share") has that person as its subject: the verb's object does what the
                // infinitive says (object control), not the verb's subject.
                // (After a verb that takes a bare infinitive, whatever its object is: "help
                // guests plan".)
                let controller = (kind == ClauseKind::Infinitive && after_noun)
                    .then(|| parse.phrase_ending_at(vg.words.start).filter(|&p| parse.phrases[p].prep.is_none()))
                    .flatten()
                    .filter(|&p| {
                        let head = texts[parse.phrases[p].head];
                        let before_verb =
                            k.checked_sub(1).and_then(|prev| parse.clauses.get(prev)).and_then(|c| c.verb).is_some_and(
                                |v| !parse.verbs[v].copula && parse.verbs[v].words.end <= parse.phrases[p].words.start,
                            );
                        before_verb
                            && matches!(parse.words[parse.phrases[p].head].pos, Pos::Noun | Pos::Pron)
                            && (bare
                                || lex::may_name_a_person(head)
                                || lex::OTHER_ROLES.contains(head.strip_suffix('s').unwrap_or(head)))
                    });
                let partner = if provided {
                    Some(&BENEFICIARY)
                } else if finite {
                    parse.clauses[..k.min(parse.clauses.len())]
                        .iter()
                        .rev()
                        .find(|c| !matches!(c.kind, ClauseKind::Infinitive | ClauseKind::Relative))
                } else {
                    // A gerund after a preposition right after a bare infinitive tells how the
                    // verb that governs the infinitive is done: in "make them reflect by asking
                    // questions" the one who makes them reflect asks.
                    let gerund = kind == ClauseKind::Infinitive && parse.words[vg.head].form == Some(VerbForm::Gerund);
                    let bare_before = |c: &Clause| {
                        c.kind == ClauseKind::Infinitive
                            && c.verb.is_some_and(|v| {
                                let g = &parse.verbs[v];
                                parse.words[g.words.start].pos != Pos::To
                                    && parse.words[g.head].form == Some(VerbForm::Base)
                            })
                    };
                    let back =
                        if gerund && k >= 2 && parse.clauses.get(k - 1).is_some_and(bare_before) { 2 } else { 1 };
                    k.checked_sub(back).and_then(|prev| parse.clauses.get(prev))
                };
                match controller {
                    Some(p) => Subject::Shared(p),
                    None => partner
                        .map(|c| match c.subject {
                            Subject::Phrase(p) | Subject::Shared(p) => {
                                // "The role of the mentee is to set the agenda": the one whose
                                // role, job or duty it is does what the infinitive says.
                                let duty = c.verb.is_some_and(|v| parse.verbs[v].copula)
                                    && matches!(
                                        texts[parse.phrases[p].head],
                                        "role" | "job" | "responsibility" | "task" | "duty" | "part"
                                    );
                                let owner = (p + 1 < parse.phrases.len()).then_some(p + 1).filter(|&q| {
                                    duty && parse.phrases[q].words.start == parse.phrases[p].words.end + 1
                                        && parse.phrases[q].prep.is_some_and(|r| texts[r] == "of")
                                });
                                Subject::Shared(owner.unwrap_or(p))
                            }
                            s => s,
                        })
                        .unwrap_or(Subject::None),
                }
            } else if vg.words.start == start {
                let form = parse.words[vg.head].form;
                if matches!(form, Some(VerbForm::Base))
                    || parse.words[vg.words.start].pos == Pos::Neg
                    || texts[vg.words.start] == "do"
                    || texts[vg.words.start] == "don't"
                {
                    Subject::Reader
                } else {
                    Subject::None
                }
            } else {
                Subject::None
            };
            for (idx, p) in clause_phrases() {
                if p.words.start < vg.words.end || Subject::Phrase(idx) == clause.subject {
                    continue;
                }
                if p.prep.is_some() {
                    clause.adjuncts.push(idx);
                } else {
                    clause.objects.push(idx);
                }
            }
        } else {
            // A verbless clause: its phrases are all it has; the first is its topic.
            clause.subject =
                clause_phrases().find(|(_, p)| p.prep.is_none()).map_or(Subject::None, |(i, _)| Subject::Phrase(i));
            for (idx, p) in clause_phrases() {
                if Subject::Phrase(idx) != clause.subject {
                    if p.prep.is_some() {
                        clause.adjuncts.push(idx);
                    } else {
                        clause.objects.push(idx);
                    }
                }
            }
        }
        parse.clauses.push(clause);
    }
}

fn has_verb_before_in_clause(parse: &Parse, start: usize, at: usize) -> bool {
    parse.first_verb_in(start..at).is_some()
}

/// The noun phrase a relative clause starting at `start` follows: the nearest before it that
/// no preposition governs ("a mentor from the ward, who ..." is about the mentor).
fn antecedent(parse: &Parse, start: usize) -> Option<usize> {
    // Phrases are disjoint and in order: the last that ends by `start` is the only candidate.
    let nearest = parse
        .phrases
        .partition_point(|p| p.words.end <= start)
        .checked_sub(1)
        .filter(|&p| parse.phrases[p].words.end + 2 >= start)?;
    let mut at = nearest;
    while parse.phrases[at].prep.is_some() && at > 0 {
        let before = &parse.phrases[at - 1];
        // Only across a chain of phrases: "the head of the team of ...". (A relative's
        // antecedent is a noun phrase: in "distinct from a mentor, who ..." it is the mentor,
        // not the adjective before.)
        if before.words.end + 1 < parse.phrases[at].words.start
            || !matches!(parse.words[before.head].pos, Pos::Noun | Pos::Propn | Pos::Pron)
        {
            break;
        }
        at -= 1;
    }
    Some(if parse.phrases[at].prep.is_none() { at } else { nearest })
}

/// A compact rendering of a parse for people (`cm-lint debug`, tests): each clause as
/// `[subject | verb | objects | adjuncts]`, with `^` for a shared subject, `(you)` for the
/// reader, `¬` for a negated phrase and `/pass`, `/neg`, `/cop`, `/only` on the verb.
impl Parse {
    /// The phrases coordinated before phrase `p` (indices, first to last; empty when `p` is not
    /// a later conjunct): phrases no preposition governs, joined to the next by "and", "or",
    /// "&", ", and", or by a comma inside a list that a joiner ends ("Mentors, buddies and
    /// sponsors").
    pub(crate) fn conjuncts_before(&self, texts: &[&str], p: usize) -> Range<usize> {
        let mut k = p;
        while k > 0 {
            let prev = &self.phrases[k - 1];
            if prev.prep.is_some() || self.phrases[p].prep.is_some() {
                break;
            }
            let between = prev.words.end..self.phrases[k].words.start;
            let joiner = |w: usize| matches!(texts[w], "and" | "or" | "&");
            let joined = match between.len() {
                1 => joiner(between.start) || (texts[between.start] == "," && k < p),
                2 => texts[between.start] == "," && joiner(between.start + 1),
                _ => false,
            };
            if !joined {
                break;
            }
            k -= 1;
        }
        k..p
    }
}

pub(crate) fn render(text: &str, tokens: &[Token], parse: &Parse) -> String {
    let words: Vec<&str> = parse.words.iter().map(|w| tokens[w.token].text(text)).collect();
    let phrase = |p: usize| {
        let ph = &parse.phrases[p];
        let first = tokens[parse.words[ph.words.start].token].start;
        let last = tokens[parse.words[ph.words.end - 1].token].end;
        let mut s = text[first..last].to_string();
        if let Some(prep) = ph.prep {
            s = format!("{} {s}", words[prep]);
        }
        if ph.negated {
            s = format!("¬{s}");
        }
        if ph.graded == Some(Comparative::Less) {
            s = format!("{s}(less)");
        }
        s
    };
    let mut out = Vec::new();
    for c in &parse.clauses {
        let subject = match c.subject {
            Subject::Phrase(p) => phrase(p),
            Subject::Shared(p) => format!("^{}", phrase(p)),
            Subject::Reader => "(you)".to_string(),
            Subject::Beneficiary => "(user)".to_string(),
            Subject::None => "-".to_string(),
        };
        let verb = c.verb.map_or("-".to_string(), |v| {
            let vg = &parse.verbs[v];
            let mut s = vg.lemma.unwrap_or(words[vg.head]).to_string();
            for (flag, name) in
                [(vg.passive, "/pass"), (vg.negated, "/neg"), (vg.copula, "/cop"), (vg.restricted, "/only")]
            {
                if flag {
                    s.push_str(name);
                }
            }
            s
        });
        let objects: Vec<String> = c.objects.iter().map(|&p| phrase(p)).collect();
        let adjuncts: Vec<String> = c.adjuncts.iter().map(|&p| phrase(p)).collect();
        let label = match c.kind {
            ClauseKind::Labelled(p) => format!("{}: ", phrase(p)),
            _ => String::new(),
        };
        out.push(format!("[{label}{subject} | {verb} | {} | {}]", objects.join(", "), adjuncts.join(", ")));
    }
    out.join(" ")
}

/// For tests: a sentence with one stretch marked by `[` and `]`, read.
#[cfg(test)]
pub(crate) struct Marked {
    pub sentence: String,
    pub norm: String,
    pub tokens: Vec<Token>,
    pub parse: Parse,
    /// The marked stretch, as word indices of `parse`.
    pub hit: Range<usize>,
}

#[cfg(test)]
impl Marked {
    pub(crate) fn new(marked: &str) -> Marked {
        let open = marked.find('[').expect("a marked stretch");
        let close = marked.find(']').expect("a marked stretch");
        let sentence = marked.replace(['[', ']'], "");
        let (start, end) = (open, close - 1);
        let norm = super::text::normalise(&sentence);
        let tokens = super::text::tokenize(&sentence);
        let parse = parse(&sentence, &norm, &tokens, 0..tokens.len());
        let first = parse.words.iter().position(|w| tokens[w.token].start >= start).expect("start");
        let last = parse.words.iter().rposition(|w| tokens[w.token].end <= end).expect("end");
        Marked { sentence, norm, tokens, parse, hit: first..last + 1 }
    }

    /// The lower-cased words of the parse.
    pub(crate) fn texts(&self) -> Vec<&str> {
        self.parse.words.iter().map(|w| self.tokens[w.token].text(&self.norm)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::{normalise, tokenize};

    fn render(sentence: &str) -> String {
        let norm = normalise(sentence);
        let tokens = tokenize(sentence);
        super::render(sentence, &tokens, &parse(sentence, &norm, &tokens, 0..tokens.len()))
    }

    #[test]
    fn subject_verb_and_object_of_a_simple_clause() {
        assert_eq!(render("Mentees drive the meetings."), "[Mentees | drive | the meetings | ]");
        // A gerund between a verb or a preposition and "from" or "by" is a noun, the object.
        assert_eq!(render("Patients get coaching from peers."), "[Patients | get | coaching | from peers]");
        assert_eq!(render("She enjoys coaching teams."), "[She | enjoy | coaching teams | ]");
        assert_eq!(render("The programme lasts three months."), "[The programme | last | three months | ]");
    }

    #[test]
    fn one_before_a_noun_counts_it_and_a_fronted_participle_phrase_ends_at_its_comma() {
        assert_eq!(render("Each round runs for one school term."), "[Each round | run |  | for one school term]");
        assert_eq!(render("One should ask."), "[One | ask |  | ]");
        assert_eq!(
            render("Matched on interests, apprentices choose a mentor."),
            "[- | match | interests | ] [apprentices | choose | a mentor | ]"
        );
        // After a noun, between commas, it is a reduced relative clause about the noun.
        assert_eq!(
            render("The coach, based in Leeds, gives advice."),
            "[The coach | - |  | ] [^The coach | base |  | in Leeds] [^The coach | give | advice | ]"
        );
    }

    /// Inside a phrase a determiner opens, a gerund before a noun modifies it, even after a
    /// noun ("our six-month coaching programme").
    #[test]
    fn a_gerund_inside_a_determiner_phrase_is_a_modifier() {
        assert_eq!(
            render("Tutors join the new-hire reading scheme, which is short."),
            "[Tutors | join | the new-hire reading scheme | ] [^the new-hire reading scheme | be/cop | short | ]"
        );
    }

    /// A bare "-ing" form is never a finite verb: before a finite verb it heads its noun phrase,
    /// before a noun and then a finite verb it modifies the noun.
    #[test]
    fn a_bare_gerund_before_a_finite_verb_is_nominal() {
        assert_eq!(render("The mentoring meeting ends on 3 June."), "[The mentoring meeting | end | 3 June | ]");
        assert_eq!(
            render("Peer mentoring meetings continue until June."),
            "[Peer mentoring meetings | continue |  | until June]"
        );
    }

    /// "This" before a third-person form that opens the clause is its subject; a gerund a
    /// preposition governs, with nothing after it, is a noun; ", as" before a subject and its
    /// verb opens a clause.
    #[test]
    fn demonstrative_subjects_and_clauses_opened_by_as() {
        assert_eq!(
            render("This sets coaching apart from mentoring."),
            "[This | set | coaching apart | from mentoring]"
        );
        assert_eq!(
            render("This differs from coaching, as mentors share advice."),
            "[This | differ |  | from coaching] [mentors | share | advice | ]"
        );
        // (After a verb, "as" is a preposition.)
        assert_eq!(render("Signing up as a mentee will give you a say."), "[- | sign | you, a say | as a mentee]");
    }

    /// A plural noun before adverbs and a verb that agrees with it heads the subject.
    #[test]
    fn a_plural_head_before_adverbs_and_its_verb_is_a_noun() {
        assert_eq!(render("Success coaches also act as mentors."), "[Success coaches | act |  | as mentors]");
    }

    /// A third-person form before an auxiliary is a plural noun: two finite verbs do not stand
    /// side by side.
    #[test]
    fn a_third_person_form_before_an_auxiliary_is_a_noun() {
        assert_eq!(render("Day mentors are provided with clarity."), "[Day mentors | provide/pass |  | with clarity]");
        assert_eq!(render("Volunteer mentors are matched weekly."), "[Volunteer mentors | match/pass |  | ]");
    }

    /// Right node raising: prepositions left before a comma share the phrase after it.
    #[test]
    fn a_preposition_before_a_comma_governs_the_phrase_after_it() {
        assert_eq!(
            render("Tutoring is similar to, yet distinct from, Peer Review."),
            "[Tutoring | be/cop | similar, distinct | from Peer Review]"
        );
    }

    /// A noun-or-verb word among nouns joined by commas is one of them.
    #[test]
    fn a_word_in_a_list_of_nouns_is_a_noun() {
        assert_eq!(render("She is a mentor, coach and friend."), "[She | be/cop | a mentor, coach, friend | ]");
        assert_eq!(
            render("A preceptor is a supervisor, professional mentor, and coach."),
            "[A preceptor | be/cop | a supervisor, professional mentor, coach | ]"
        );
        assert_eq!(render("Mentors listen, and coach them."), "[Mentors | listen |  | ] [^Mentors | coach | them | ]");
        // (An object after it keeps the verb, even right after a list's noun.)
        assert!(render("Pair each hire with a mentor, and coach them weekly.").contains("| coach | them |"));
    }

    /// An infinitive takes the base form: a third-person form after "to" is a plural noun
    /// governed by "to" as a preposition; a base form after it is the infinitive.
    #[test]
    fn a_third_person_form_after_to_is_a_noun() {
        assert_eq!(render("Mentees talk to coaches weekly."), "[Mentees | talk |  | to coaches]");
        assert_eq!(render("Leads report to mentors."), "[Leads | report |  | to mentors]");
        assert_eq!(render("We want leads to coach juniors."), "[We | want | leads | ] [^leads | coach | juniors | ]");
    }

    /// A plural noun-or-verb word between a clause-opening noun and a base-form verb heads a
    /// noun compound; the same word before an object is the verb.
    #[test]
    fn a_noun_that_ends_like_an_adjective_heads_the_subject() {
        // "-ary", "-al": "library" and "proposal" are nouns, so the verb after them is theirs.
        assert_eq!(render("The library runs two reading circles."), "[The library | run | two reading circles | ]");
        assert_eq!(render("The proposal sets three goals."), "[The proposal | set | three goals | ]");
        // A word of both classes keeps the adjective's place before a noun.
        assert_eq!(render("Executive teams meet weekly."), "[Executive teams | meet |  | ]");
    }

    #[test]
    fn a_prepositional_relative_opens_its_own_clause() {
        assert_eq!(
            render("We hold sprints during which each pair meets a client."),
            "[We | hold | sprints | ] [each pair | meet | a client | ]"
        );
        assert_eq!(
            render("We hold sprints in which mentors meet their mentees."),
            "[We | hold | sprints | ] [mentors | meet | their mentees | ]"
        );
    }

    #[test]
    fn a_plural_compound_head_before_its_verb_is_a_noun() {
        assert_eq!(render("Buddy pairs meet every week."), "[Buddy pairs | meet | every week | ]");
        assert_eq!(render("Peer circles run for a year."), "[Peer circles | run |  | for a year]");
        assert_eq!(
            render("The scheme pairs newcomers with veterans."),
            "[The scheme | pair | newcomers | with veterans]"
        );
        // ("grow" after the object of "help" is its bare infinitive, with the object its subject.)
        assert_eq!(render("Reading helps people grow."), "[Reading | help | people | ] [^people | grow |  | ]");
    }

    /// The conjuncts coordinated before a subject: joined by "and", "or", ", and", or commas in
    /// a list that a joiner ends; a preposition's phrase is no conjunct.
    #[test]
    fn a_coordinated_subject_has_its_conjuncts() {
        let conjuncts = |sentence: &str| {
            let norm = normalise(sentence);
            let tokens = tokenize(sentence);
            let parse = parse(sentence, &norm, &tokens, 0..tokens.len());
            let texts: Vec<&str> = parse.words.iter().map(|w| tokens[w.token].text(&norm)).collect();
            let subject = (0..parse.clauses.len()).find_map(|c| parse.subject_phrase(c));
            let subject = subject.unwrap_or_else(|| panic!("a subject in {sentence:?}"));
            parse.conjuncts_before(&texts, subject).len()
        };
        assert_eq!(conjuncts("Buddy pairs and study groups work together."), 1);
        assert_eq!(conjuncts("Guides, buddies and sponsors meet weekly."), 2);
        assert_eq!(conjuncts("Guides meet buddies and sponsors weekly."), 0);
        assert_eq!(conjuncts("Peer groups work together."), 0);
        assert_eq!(conjuncts("After lunch with peers and buddies, the groups meet."), 0);
    }

    /// An auxiliary that agrees with a plural right after a noun-or-verb word makes that word
    /// the subject's head: two finite verbs do not stand side by side.
    #[test]
    fn a_plural_compound_head_before_an_auxiliary_is_a_noun() {
        assert_eq!(render("Juniper guides are trained listeners."), "[Juniper guides | train/pass | listeners | ]");
        assert_eq!(render("Peer circles can meet online."), "[Peer circles | meet | online | ]");
    }

    /// "Over" hedges a number after a preposition ("for over six years") and is the
    /// preposition where none stands before it ("plans over six months").
    #[test]
    fn over_is_a_preposition_where_no_other_governs_the_length() {
        assert_eq!(render("Guides review plans over six months."), "[Guides | review | plans | over six months]");
        assert_eq!(render("Guides have served for over six years."), "[Guides | serve |  | for six years]");
    }

    /// A relative pronoun's antecedent is a noun phrase: after "distinct from a guide, who",
    /// the guide, not the adjective before it.
    #[test]
    fn a_relative_after_an_adjective_and_its_phrase_takes_the_noun() {
        assert_eq!(
            render("They are distinct from a guide, who tells stories."),
            "[They | be/cop | distinct | from a guide] [^from a guide | tell | stories | ]"
        );
    }

    /// A noun-or-verb word right before a modal heads the modal's subject; a gerund right after
    /// a subordinator opens its clause as a noun; "how" or "whether" after a preposition or a
    /// verb opens an embedded question.
    #[test]
    fn nouns_before_modals_and_embedded_questions() {
        assert_eq!(render("One guide may run two circles."), "[guide | run | two circles | ]");
        assert_eq!(render("We ask whether reading is useful."), "[We | ask |  | ] [reading | be/cop | useful | ]");
        assert_eq!(
            render("Roles vary depending on how the scheme works."),
            "[Roles | vary |  | ] [the scheme | work |  | ]"
        );
    }

    /// "Each" after a modal floats off the subject; the word after it is the verb.
    #[test]
    fn a_floating_each_leaves_the_verb_after_it() {
        assert_eq!(render("Leaders will each guide two teams."), "[Leaders | guide | two teams | ]");
    }

    /// A noun-or-verb word after a relative clause that has its verb is the main clause's verb,
    /// when it agrees with the relative's antecedent.
    #[test]
    fn a_relative_clause_ends_at_the_main_verb() {
        assert_eq!(
            render("A guide who never gives advice asks questions instead."),
            "[A guide | - |  | ] [^A guide | give/neg | advice | ] [^A guide | ask | questions | ]"
        );
    }

    /// "The role of X is to ...": X does what the infinitive says.
    #[test]
    fn the_owner_of_a_role_does_its_infinitive() {
        assert_eq!(
            render("The role of the guide is to set the pace."),
            "[The role | be/cop |  | ] [^of the guide | set | the pace | ]"
        );
    }

    #[test]
    fn passive_voice_keeps_the_agent_as_an_adjunct() {
        assert_eq!(
            render("Every pairing is led by the junior partner."),
            "[Every pairing | lead/pass |  | by the junior partner]"
        );
    }

    #[test]
    fn negation_belongs_to_the_verb_group() {
        assert_eq!(render("Our tutors don't hand out answers."), "[Our tutors | hand/neg | answers | ]");
        assert_eq!(render("The pairing does not end after a term."), "[The pairing | end/neg |  | after a term]");
    }

    #[test]
    fn restrictors_mark_a_defining_method() {
        assert_eq!(render("Guides only ask questions."), "[Guides | ask/only | questions | ]");
    }

    #[test]
    fn a_relative_clause_takes_its_antecedent_as_subject() {
        assert_eq!(
            render("Find a partner who has walked the same path."),
            "[(you) | find | a partner | ] [^a partner | walk | the same path | ]"
        );
        // A comma before "who" inside a fronted "if" clause opens a relative; it does not end
        // the fronted clause.
        assert_eq!(
            render("If you have a teammate, who has received feedback, we start the plan."),
            "[you | have | a teammate | ] [^a teammate | receive | feedback | ] [we | start | the plan | ]"
        );
    }

    #[test]
    fn a_fronted_gerund_phrase_ends_at_its_comma_and_a_relative_pronoun_takes_a_verb() {
        assert_eq!(
            render("By following this guide, managers build a culture that benefits everyone."),
            "[- | follow | this guide | ] [managers | build | a culture | ] [^a culture | benefit | everyone | ]"
        );
    }

    #[test]
    fn coordinated_verbs_share_the_subject() {
        assert_eq!(
            render("Volunteers meet monthly and share their stories."),
            "[Volunteers | meet |  | ] [^Volunteers | share | their stories | ]"
        );
    }

    #[test]
    fn a_finite_coordinated_verb_skips_an_infinitive_for_its_subject() {
        // "... and is run by" coordinates with "The circle", not with "to practise".
        assert_eq!(
            render("The circle gives juniors a space to practise skills and is led by the newest member."),
            "[The circle | give | juniors, a space | ] [(user) | practise | skills | ] [^The circle | lead/pass |  | by the newest member]"
        );
        // A base form after "and" stays with the infinitive's verb.
        assert_eq!(
            render("Pairs meet to review goals and plan the week."),
            "[Pairs | meet |  | ] [^Pairs | review | goals | ] [^Pairs | plan | the week | ]"
        );
    }

    #[test]
    fn an_infinitive_after_what_a_verb_of_providing_provides_has_its_user_as_subject() {
        assert_eq!(
            render("The club offers juniors a quiet room to share stories."),
            "[The club | offer | juniors, a quiet room | ] [(user) | share | stories | ]"
        );
        // Someone's job or ability: the owner does it.
        assert_eq!(
            render("It is the host's job to share stories."),
            "[It | be/cop | the host's job | ] [^It | share | stories | ]"
        );
        // Not a verb of providing: the subject's own purpose.
        assert_eq!(
            render("Guides use the quiet room to share stories."),
            "[Guides | use | the quiet room | ] [^Guides | share | stories | ]"
        );
    }

    #[test]
    fn an_infinitive_after_a_person_as_object_has_that_person_as_subject() {
        // Object control: the person the verb acts on does what the infinitive says.
        assert_eq!(
            render("Ask the organisers to publish the schedule."),
            "[(you) | ask | the organisers | ] [^the organisers | publish | the schedule | ]"
        );
        // Not a person: the verb's subject acts (its purpose).
        assert_eq!(
            render("Hosts prepare the hall to hold events."),
            "[Hosts | prepare | the hall | ] [^Hosts | hold | events | ]"
        );
    }

    #[test]
    fn a_noun_or_verb_after_a_noun_it_does_not_agree_with_leaves_the_opening_verb_an_imperative() {
        // "design" after the singular "product" heads a compound: no finite verb follows
        // "Guide", which is then the imperative.
        assert_eq!(
            render("Guide product design managers to be active in the planning."),
            "[(you) | guide | product design managers | ] [^product design managers | be/cop | active | in the planning]"
        );
        // A form that agrees with the noun before it is its verb.
        assert_eq!(render("Product design leads the roadmap."), "[Product design | lead | the roadmap | ]");
        // A noun in "ss" is singular: a third-person form after it is its verb.
        assert_eq!(render("Our boss leads the roadmap."), "[Our boss | lead | the roadmap | ]");
    }

    #[test]
    fn an_opening_noun_or_verb_before_a_plural_noun_and_its_verb_modifies_the_subject() {
        // A verb after the plural noun that agrees with it leaves "Guide" no imperative's place.
        assert_eq!(render("Guide dogs walk with their owners."), "[Guide dogs | walk |  | with their owners]");
        assert_eq!(render("Guide dogs are calm."), "[Guide dogs | be/cop | calm | ]");
        // Verbs that take a bare infinitive keep the imperative: "help hosts plan".
        assert_eq!(render("Help guests plan the menu."), "[(you) | help | guests | ] [^guests | plan | the menu | ]");
    }

    #[test]
    fn a_bare_infinitive_after_the_object_of_help_or_let_has_that_object_for_subject() {
        assert_eq!(
            render("Hosts help guests find the hall."),
            "[Hosts | help | guests | ] [^guests | find | the hall | ]"
        );
        // Past an adverb, and with a pronoun for the object.
        assert_eq!(
            render("Let them always choose the music."),
            "[(you) | let | them | ] [^them | choose | the music | ]"
        );
        // "Have" as a verb of causing takes one too; a noun-or-verb word after a singular noun
        // is an infinitive only with an object after it ("has a time limit" is a compound).
        assert_eq!(
            render("Hosts have a guide check their tickets."),
            "[Hosts | have | a guide | ] [^a guide | check | their tickets | ]"
        );
        assert_eq!(render("The hall has a time limit."), "[The hall | have | a time limit | ]");
        // A participle in "-ing" after the object of a verb of causing or perceiving.
        assert_eq!(
            render("Hosts had guests asking questions."),
            "[Hosts | have | guests | ] [^guests | ask | questions | ]"
        );
        // A gerund after a preposition tells how the governing verb is done: the one who helps
        // the guests find a seat asks the questions.
        assert_eq!(
            render("Hosts help guests find a seat by asking questions."),
            "[Hosts | help | guests | ] [^guests | find | a seat | ] [^Hosts | ask | questions | ]"
        );
    }

    #[test]
    fn an_opening_noun_or_verb_joined_by_and_to_a_noun_before_a_verb_is_no_imperative() {
        // "were seated" needs a subject: "Guide and host pairs" is it, not "(you) guide".
        assert_eq!(render("Guide and student pairs were formed."), "[student pairs | form/pass |  | ]");
        // Joined to a verb, it stays the imperative.
        assert_eq!(render("Guide and welcome the guests."), "[(you) | guide |  | ] [(you) | welcome | the guests | ]");
    }

    #[test]
    fn a_fronted_infinitive_of_purpose_ends_at_its_comma() {
        assert_eq!(
            render("To be a good host, we should never give speeches."),
            "[- | be/cop | a good host | ] [we | give/neg | speeches | ]"
        );
    }

    #[test]
    fn a_gerund_after_a_preposition_is_a_verb_with_the_clause_subject() {
        assert_eq!(
            render("Guests have a say in choosing the menu."),
            "[Guests | have | a say | ] [^Guests | choose | the menu | ]"
        );
    }

    #[test]
    fn verbs_listed_with_commas_share_the_subject() {
        assert_eq!(
            render("The host will choose rooms, prepare food, send invitations and thank guests."),
            "[The host | choose | rooms | ] [^The host | prepare | food | ] [^The host | send | invitations | ] [^The host | thank | guests | ]"
        );
    }

    #[test]
    fn a_coordinated_noun_before_an_infinitive_opens_no_clause() {
        assert_eq!(
            render("The fund pays for the tutor and the pupil to learn."),
            "[The fund | pay |  | for the tutor, for the pupil] [^The fund | learn |  | ]"
        );
    }

    #[test]
    fn an_adverb_in_ly_before_a_noun_or_a_nominal_gerund_is_an_adjective() {
        assert_eq!(render("You own the Weekly Review."), "[You | own | the Weekly Review | ]");
        assert_eq!(render("You own the bi-weekly meeting."), "[You | own | the bi-weekly meeting | ]");
    }

    #[test]
    fn a_verbless_label_before_a_colon_heads_what_follows() {
        assert_eq!(
            render("Pairing period: May to August"),
            "[Pairing period | - |  | ] [Pairing period: May | - |  | to August]"
        );
    }

    #[test]
    fn hyphenated_durations_modify_the_noun_after_them() {
        assert_eq!(render("It is a 12-week scheme."), "[It | be/cop | a 12-week scheme | ]");
    }

    #[test]
    fn tenure_is_a_prepositional_adjunct_of_be() {
        assert_eq!(
            render("Applicants must have been with the firm for at least 3 months."),
            "[Applicants | be/cop |  | with the firm, for 3 months]"
        );
    }

    #[test]
    fn comparatives_grade_the_adjective_they_precede() {
        assert_eq!(
            render("Group sessions are less structured."),
            "[Group sessions | be/cop | less structured(less) | ]"
        );
    }

    #[test]
    fn infinitives_and_purpose_clauses_get_their_own_verb() {
        assert_eq!(
            render("You have 3 weeks to complete the survey."),
            "[You | have | 3 weeks | ] [^You | complete | the survey | ]"
        );
    }

    #[test]
    fn a_subordinate_clause_keeps_its_negation_to_itself() {
        assert_eq!(
            render("If the plan has not worked, we begin weekly sessions."),
            "[the plan | work/neg |  | ] [we | begin | weekly sessions | ]"
        );
    }

    #[test]
    fn a_semicolon_ends_the_negated_clause() {
        assert_eq!(
            render("You are not steering the talks; the learner decides."),
            "[You | steer/neg | the talks | ] [the learner | decide |  | ]"
        );
    }

    #[test]
    fn a_copula_takes_its_predicate_as_object() {
        assert_eq!(
            render("The apprentice should be the owner of each session."),
            "[The apprentice | be/cop | the owner | of each session]"
        );
    }

    #[test]
    fn hedged_numbers_stay_under_their_preposition() {
        assert_eq!(render("The scheme will run for up to six weeks."), "[The scheme | run |  | for six weeks]");
        assert_eq!(render("Pairs meet for 3 to 6 months."), "[Pairs | meet |  | for 3 to 6 months]");
    }

    /// Every sentence of the development corpus, and every prefix of a few awkward ones, parses
    /// into clauses that tile the sentence, with phrases and verb groups inside it.
    #[test]
    fn parses_tile_the_sentence_on_real_text() {
        let corpus = crate::test_support::labelled_corpus();
        let awkward = "- , : ; — ( ) and or to to to 3–6 - - 'S’s don’t ... if, , which who that May";
        let texts = corpus.lines().chain(std::iter::once(awkward));
        for line in texts {
            let text = line.get(..line.len().min(4000)).unwrap_or(line);
            let norm = normalise(text);
            let tokens = tokenize(text);
            for (start, end) in crate::analysis::text::sentences(text) {
                let first = tokens.partition_point(|t| t.start < start);
                let last = tokens.partition_point(|t| t.start < end);
                let parse = parse(text, &norm, &tokens, first..last);
                let n = parse.words.len();
                let mut at = 0;
                for c in &parse.clauses {
                    assert_eq!(c.words.start, at, "clauses tile {text:?}");
                    at = c.words.end;
                }
                assert!(at == n || parse.clauses.is_empty() && n == 0, "clauses cover {text:?}");
                assert!(parse.phrases.iter().all(|p| p.words.end <= n && p.words.contains(&p.head)));
                assert!(parse.verbs.iter().all(|v| v.words.end <= n && v.words.contains(&v.head)));
            }
        }
    }
}
