//! Attachment: which phrase of its sentence a trait expression is said of.
//!
//! The facts it reads from the sentence's structure ([`super::syntax`]):
//!
//! - an expression inside a clause's verb group, its object or one of its adjuncts is said of
//!   the clause's subject ("mentees **drive the meetings**"; "coaches work **with powerful
//!   questions**"); an imperative's subject is the reader;
//! - an expression that modifies a noun is said of that noun ("a **structured** mentoring
//!   programme"), and, when the noun phrase is a copula's predicate, of the copula's subject
//!   ("mentoring is **a structured programme**");
//! - an expression after a verbless label and a colon is said of the label ("Mentorship
//!   period: **May to August**");
//! - an expression in a verbless fragment with no such label is said of nothing in its
//!   sentence; only the context (a heading, a lead-in, a table header) can give it a holder.

// The relations stage (issue #13) is built on this layer; until it lands only the tests use it.
#![allow(dead_code)]

use std::ops::Range;

use super::syntax::{ClauseKind, Parse, Pos, Subject};

/// What an expression is said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attachment {
    /// The subject of its clause (a phrase index of the parse).
    Subject(usize),
    /// The reader: an imperative's understood subject, or "you".
    Reader,
    /// The noun its phrase modifies (a phrase index; the phrase's head is the noun).
    Modifies(usize),
    /// A verbless label before a colon (a phrase index).
    Label(usize),
    /// Nothing in the sentence: the context decides.
    Context,
    /// Whoever uses what a verb of providing provides ("a place to ask questions"): no one the
    /// text names, and no practice.
    Beneficiary,
}

/// How an expression attached: the chain shown to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// Part of the verb phrase of the clause (verb, object or adjunct).
    Predicate,
    /// A modifier of a noun.
    Modifier,
    /// The predicate of a copula ("X is a structured programme").
    Copula,
    Label,
    Context,
}

/// The holder of the expression on words `hit` of the parse, and how it was found.
pub(crate) fn attach(parse: &Parse, texts: &[&str], hit: Range<usize>) -> (Attachment, Via) {
    if hit.is_empty() || hit.end > parse.words.len() {
        return (Attachment::Context, Via::Context);
    }
    let Some(c) = parse.clause_of(hit.start) else { return (Attachment::Context, Via::Context) };
    // A parenthesis right after a phrase restates that phrase ("a PIP (Performance
    // Improvement Plan)"): it is said of whatever that phrase is said of.
    if let Some(q) = restated_phrase(parse, texts, c) {
        let words = parse.phrases[q].words.clone();
        if words.end <= hit.start {
            return attach(parse, texts, words);
        }
    }
    let phrase = (hit.start..hit.end).find_map(|w| parse.phrase_of(w));
    // A span noun owned by what follows it ("the 3 month duration of the program", "the length
    // of the mentorship") measures its owner.
    if let Some(p) = phrase {
        let ph = &parse.phrases[p];
        let span = super::lexicon::SPAN_NOUNS.contains(texts[ph.head]);
        if let Some(q) = parse.phrase_of(ph.words.end).or_else(|| parse.phrase_of(ph.words.end + 1)) {
            let owner = &parse.phrases[q];
            let of = owner.prep.is_some_and(|prep| texts[prep] == "of");
            if span && of && super::holders::is_engagement_noun(texts[owner.head]) {
                return (Attachment::Modifies(q), Via::Modifier);
            }
        }
    }
    // A prepositional phrase right after a noun describes that noun ("a mentor for wisdom",
    // "someone with years in the field"), unless it is a length of time, which measures the
    // verb's event.
    if let Some(p) = phrase {
        let ph = &parse.phrases[p];
        let low = ph.prep.filter(|&prep| matches!(texts[prep], "for" | "with" | "of" | "from" | "on" | "about"));
        let timed = super::lexicon::time_unit(texts[ph.head]).is_some();
        if let Some(prep) = low {
            if let Some(q) = parse.phrase_ending_at(prep) {
                let head = parse.phrases[q].head;
                // A length right after a practice word or an engagement measures it ("a coach
                // for eight sessions"); after anything else it measures the verb's event.
                if timed {
                    // "A period of three weeks": the length restates the span noun before
                    // "of", and is said of whatever that is said of.
                    if texts[prep] == "of" && super::lexicon::SPAN_NOUNS.contains(texts[head]) {
                        return attach(parse, texts, parse.phrases[q].words.clone());
                    }
                    if super::holders::is_engagement_noun(texts[head]) {
                        return (Attachment::Modifies(q), Via::Modifier);
                    }
                    return attach_in_clause(parse, texts, hit, c);
                }
                // "Come into the programme with an open mind": a "with" phrase after a noun
                // that is itself a verb's prepositional complement tells how the verb's subject
                // acts (manner), not what the noun has.
                let manner = texts[prep] == "with" && parse.phrases[q].prep.is_some();
                if manner {
                    return attach_in_clause(parse, texts, hit, c);
                }
                if matches!(parse.words[head].pos, Pos::Noun | Pos::Propn | Pos::Pron) {
                    // A person or an engagement holds it ("a mentor for wisdom"); a thing
                    // ("guidance from experience") is itself said of something: follow it.
                    if names_a_holder(texts[head]) {
                        return (Attachment::Modifies(q), Via::Modifier);
                    }
                    return attach(parse, texts, parse.phrases[q].words.clone());
                }
            }
        }
    }
    attach_in_clause(parse, texts, hit, c)
}

/// The phrase a verbless clause in parentheses restates: the phrase right before the
/// parenthesis, taken with the "of" phrases that complete it ("a PIP (Performance Improvement
/// Plan)", "one cycle of the package release (about six months)").
fn restated_phrase(parse: &Parse, texts: &[&str], c: usize) -> Option<usize> {
    let open = parse.clauses[c].words.start;
    if parse.clauses[c].verb.is_some() || open < 2 || texts[open - 1] != "(" {
        return None;
    }
    let mut q = parse.phrase_ending_at(open - 1)?;
    while let Some(prep) = parse.phrases[q].prep.filter(|&prep| texts[prep] == "of") {
        let Some(owner) = parse.phrase_ending_at(prep) else { break };
        q = owner;
    }
    Some(q)
}

/// Whether words `hit` stand in a parenthesis that restates a length: the parenthesis follows
/// the length argument of a verb of lasting ("runs for one release cycle (about six months)",
/// "lasts one academic year (nine months)"), so what it holds is that length in other units.
pub(crate) fn restates_a_length(parse: &Parse, texts: &[&str], hit: Range<usize>) -> bool {
    let Some(c) = parse.clause_of(hit.start) else { return false };
    let Some(q) = restated_phrase(parse, texts, c) else { return false };
    let Some(owner) = parse.clause_of(parse.phrases[q].words.start) else { return false };
    let cl = &parse.clauses[owner];
    let lasting = cl.verb.and_then(|v| parse.verbs[v].lemma).is_some_and(|l| super::lexicon::LASTING_VERBS.contains(l));
    let argument = match parse.phrases[q].prep {
        Some(prep) => matches!(texts[prep], "for" | "over" | "across") && cl.adjuncts.contains(&q),
        None => cl.objects.contains(&q),
    };
    lasting && argument
}

/// Whether words `hit` are a bare length that is the whole predicate of a copula whose subject
/// is an engagement or a practice ("the mentor/mentee relationship is 12 months", "mentoring is
/// six weeks"): the sentence states the engagement's length as a label line does.
pub(crate) fn states_a_length(parse: &Parse, texts: &[&str], hit: Range<usize>) -> bool {
    let Some(p) = (hit.start..hit.end).find_map(|w| parse.phrase_of(w)) else { return false };
    let Some(c) = parse.clause_of(hit.start) else { return false };
    let clause = &parse.clauses[c];
    let ph = &parse.phrases[p];
    let copula = clause.verb.is_some_and(|v| parse.verbs[v].copula && !parse.verbs[v].negated);
    let length =
        ph.prep.is_none() && super::lexicon::time_unit(texts[ph.head]).is_some() && ph.words.start == hit.start;
    let engagement = parse.subject_phrase(c).is_some_and(|s| {
        let head = texts[parse.phrases[s].head];
        // (The practice or its engagement, not a person: "the mentee is 12 months into the
        // role" gives a person's time in a role.)
        let person = super::holders::is_practice_word(head) && !head.ends_with("ing") && !head.contains("ship");
        super::holders::is_engagement_noun(head) && !person
    });
    copula && clause.objects.contains(&p) && length && engagement
}

/// The attachment within clause `c`, once a prepositional phrase has not attached to a noun.
fn attach_in_clause(parse: &Parse, texts: &[&str], hit: Range<usize>, c: usize) -> (Attachment, Via) {
    let clause = &parse.clauses[c];
    let subject = |clause: usize| match parse.clauses[clause].subject {
        Subject::Phrase(p) | Subject::Shared(p) => {
            if parse.phrases[p].words.len() == 1 && texts[parse.phrases[p].head] == "you" {
                Attachment::Reader
            } else {
                Attachment::Subject(p)
            }
        }
        Subject::Reader => Attachment::Reader,
        Subject::Beneficiary => Attachment::Beneficiary,
        Subject::None => Attachment::Context,
    };
    let phrase = (hit.start..hit.end).find_map(|w| parse.phrase_of(w));
    if let ClauseKind::Labelled(label) = clause.kind {
        if clause.verb.is_none() {
            return (Attachment::Label(label), Via::Label);
        }
    }
    let in_verb = (hit.start..hit.end).any(|w| parse.verb_of(w).is_some());
    // The expression is the clause's own subject phrase: it is said of that phrase's head
    // when it modifies it ("open-ended mentoring continues"), else of nothing here.
    if let Some(p) = phrase.filter(|&p| Subject::Phrase(p) == clause.subject && !in_verb) {
        let head = parse.phrases[p].head;
        if !(hit.start..hit.end).contains(&head) && head >= hit.end {
            return (Attachment::Modifies(p), Via::Modifier);
        }
        return (Attachment::Context, Via::Context);
    }
    // A modifier before a noun head inside an object or adjunct phrase.
    if let Some(p) = phrase.filter(|_| !in_verb) {
        let ph = &parse.phrases[p];
        let modifies = ph.head >= hit.end && matches!(parse.words[ph.head].pos, Pos::Noun | Pos::Propn);
        let copula = clause.verb.is_some_and(|v| parse.verbs[v].copula) && clause.objects.contains(&p);
        if copula {
            // "Mentoring is (a) structured (programme)": said of the copula's subject.
            return (subject(c), Via::Copula);
        }
        if modifies && !clause.objects.contains(&p) && !clause.adjuncts.contains(&p) {
            return (Attachment::Modifies(p), Via::Modifier);
        }
        if modifies {
            // A modifier of an object or adjunct noun describes that noun ("run a structured
            // programme"); the noun decides whether it is the engagement.
            return (Attachment::Modifies(p), Via::Modifier);
        }
    }
    if clause.verb.is_some() {
        return (subject(c), Via::Predicate);
    }
    (Attachment::Context, Via::Context)
}

/// Whether a noun can hold a trait itself: a practice word, an engagement, a role or a person.
pub(crate) fn names_a_holder(head: &str) -> bool {
    let singular = head.strip_suffix('s').unwrap_or(head);
    super::holders::is_engagement_noun(head)
        || super::lexicon::OTHER_ROLES.contains(singular)
        || super::lexicon::INDEFINITE_PRONOUNS.contains(head)
        || super::lexicon::SUBJECT_PRONOUNS.contains(head)
        || super::relations::is_audience(head)
        || matches!(singular, "person" | "people" | "guide" | "partner" | "individual" | "engineer" | "colleague")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::syntax::Marked;

    /// The holder of the expression between `[` and `]`, as text, and how it attached.
    fn holder(marked: &str) -> (String, Via) {
        let m = Marked::new(marked);
        let (parse, tokens, sentence) = (&m.parse, &m.tokens, &m.sentence);
        let texts = m.texts();
        let phrase_text = |p: usize| {
            let ph = &parse.phrases[p];
            let a = tokens[parse.words[ph.words.start].token].start;
            let b = tokens[parse.words[ph.words.end - 1].token].end;
            sentence[a..b].to_string()
        };
        let (attachment, via) = attach(parse, &texts, m.hit.clone());
        let text = match attachment {
            Attachment::Subject(p) | Attachment::Label(p) => phrase_text(p),
            Attachment::Modifies(p) => format!("head of {}", phrase_text(p)),
            Attachment::Reader => "reader".to_string(),
            Attachment::Context => "context".to_string(),
            Attachment::Beneficiary => "user".to_string(),
        };
        (text, via)
    }

    #[test]
    fn a_predicate_is_said_of_the_subject() {
        assert_eq!(holder("Mentees [drive the meetings]."), ("Mentees".to_string(), Via::Predicate));
        assert_eq!(
            holder("Our guides share [stories from their careers]."),
            ("Our guides".to_string(), Via::Predicate)
        );
    }

    #[test]
    fn a_span_is_said_of_its_owner() {
        assert_eq!(
            holder("A survey is sent at the end of the [3 month duration] of the scheme."),
            ("head of the scheme".to_string(), Via::Modifier)
        );
    }

    #[test]
    fn a_with_phrase_after_a_prepositional_complement_is_manner() {
        assert_eq!(holder("Come into the scheme with an open [mindset]."), ("reader".to_string(), Via::Predicate));
        assert_eq!(holder("Join a scheme with a [fixed end date]."), ("head of a scheme".to_string(), Via::Modifier));
    }

    #[test]
    fn the_asker_of_questions_is_the_subject_not_the_section() {
        assert_eq!(holder("Attendees ask [questions] at the open hour."), ("Attendees".to_string(), Via::Predicate));
    }

    #[test]
    fn a_modifier_is_said_of_its_noun() {
        assert_eq!(
            holder("We run a [structured] pairing scheme."),
            ("head of a structured pairing scheme".to_string(), Via::Modifier)
        );
        assert_eq!(holder("Set [SMART] goals together."), ("head of SMART goals".to_string(), Via::Modifier));
    }

    #[test]
    fn a_copula_predicate_is_said_of_the_subject() {
        assert_eq!(holder("The scheme is [informal]."), ("The scheme".to_string(), Via::Copula));
        assert_eq!(holder("Group sessions are less [structured]."), ("Group sessions".to_string(), Via::Copula));
    }

    #[test]
    fn an_imperative_is_said_of_the_reader() {
        assert_eq!(holder("Never tie [call reviews] to ratings."), ("reader".to_string(), Via::Predicate));
    }

    #[test]
    fn a_label_holds_what_follows_its_colon() {
        assert_eq!(holder("Pairing period: [May to August]"), ("Pairing period".to_string(), Via::Label));
    }

    #[test]
    fn a_bare_fragment_has_no_holder_of_its_own() {
        assert_eq!(holder("[Time-bound]"), ("context".to_string(), Via::Context));
    }
}
