//! Holders: what a trait expression is said of, read from the sentence's structure
//! ([`super::syntax`]).
//!
//! A duration is a trait of the engagement only when it measures the engagement. Each rule
//! below is one fact of English about what a length of time can measure; where one applies,
//! the duration measures something else and is no trait of either practice:
//!
//! 1. **Deadlines and windows.** Governed by "within", "by", "before", "until" or "in", a length
//!    of time says when something must happen ("decide within 24 months"), unless the verb is
//!    one that ends an engagement ("the pairing ends in May").
//! 2. **States and tenure.** An adjunct "for N months" of a verb of state (be, work, serve, stay,
//!    hold, live) measures how long the subject has been in that state ("has been with the team
//!    for 3 months"), unless the subject is the engagement itself.
//! 3. **A task's allowance.** A length of time that is followed by an infinitive ("3 weeks to
//!    complete the survey") or that is what someone "has" or "gets" is the time allowed for a
//!    task.
//! 4. **Compounds.** A length that modifies a noun ("a 90-day plan", "a 12-week scheme")
//!    measures that noun: an engagement noun or a practice word, or something else (a plan, a
//!    review, a probation).
//! 5. **Criteria lists.** An adjective coordinated in a list with two or more other adjectives
//!    ("specific, measurable, time-bound") names criteria of a noun outside the list (goals),
//!    not of the engagement.
//! 6. **Ratios.** A number that is one side of a ratio ("1:1 sessions", "1-on-1") counts no
//!    sessions.

// The relations stage (issue #13) is built on this layer; until it lands only the tests use it.
#![allow(dead_code)]

use std::ops::Range;

use super::lexicon as lex;
use super::syntax::{ClauseKind, Parse, Pos};

/// Why a duration does not measure the engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotEngagement {
    Deadline,
    State,
    Allowance,
    /// A compound whose head noun is not an engagement.
    Measures,
    Criteria,
    Ratio,
    /// A noun for a person that is its clause's own subject ("a facilitator will announce
    /// ..."): it names that person.
    Person,
    /// A verb of method in the passive whose subject is the guide ("each coach is instructed
    /// to ..."): done to the guide, not by the guide.
    Undergone,
    /// A count of meetings or of their hours per period ("one session every week", "two
    /// sessions a month", "one hour every four weeks"): a frequency, not a term.
    Rate,
    /// A focus or topic named in passing: the object of a verb that says nothing about what
    /// the engagement aims at ("you are not on a performance plan").
    InPassing,
    /// A verb's "-ing" form before another noun names a kind of that noun ("a steering
    /// committee", "the driving force"): no one does the verb.
    KindOf,
    /// What something provided lets its user do ("a place to ask questions"), not what the
    /// provider does.
    Affordance,
    /// A noun of structure owned by a thing named after it ("the milestones of the release",
    /// "the syllabus of the course"): the thing's, not an engagement's.
    Owned,
    /// A facilitator of an event, a relationship or a process ("relationship facilitators",
    /// "workshop facilitation", "facilitation of collaboration"): someone who organises, not
    /// the coaching method.
    Organiser,
    /// The bounds of one occasion ("the mentoring meeting ends on 3 June"): a day's time, not
    /// the engagement's term.
    Occasion,
    /// A noun of structure named by a time ("at the 1 and 3 month milestones", "the 90-day
    /// milestone"): a point in a review schedule, not a structure of the engagement.
    Checkpoint,
    /// A length in an imperative whose verb is a task ("organise the activities in an epic for
    /// one year"): how long the reader's task runs, not an engagement's term.
    ReadersTask,
    /// A cue's verb of ending read as the noun it also is ("has come to a natural end when"):
    /// an end the text names, not a date the engagement is set to end on.
    EndNoun,
    /// A verb of steering whose destination is the person's goals ("steers you towards your
    /// goals"): help in reaching them, not a say in the direction.
    TowardsGoals,
    /// A noun for a person that the text does not say the guide is ("interviewed by the
    /// Facilitator", "roles including facilitator and coordinator"): someone else, or one role
    /// among others.
    OtherPerson,
    /// "Own" that refers to the person guided, or to whoever a verb of enabling helps
    /// ("helps clients find answers in their own experience"): that person's, not the guide's.
    OwnersOwn,
    /// A structure's noun as what a verb of attaining takes ("reach milestones"): something a
    /// person achieves, not a structure of the engagement.
    Attained,
    /// A comparative on a guide's own noun ("a more experienced coach"): guides compared with
    /// one another, not the guide with the person guided.
    AmongGuides,
    /// A trait inside an embedded question ("depending on how the mentorship is structured"):
    /// asked about, not asserted.
    Asked,
}

/// Verbs of making a document: their object is an artefact.
pub(crate) const MAKING_VERBS: &[&str] =
    &["prepare", "draft", "write", "create", "build", "make", "develop", "submit", "complete"];

/// Nouns of documents that can be given a horizon ("a 90-day plan").
const ARTEFACT_NOUNS: &[&str] = &["plan", "plans", "roadmap", "roadmaps", "template", "document", "report", "proposal"];

/// Nouns of teaching a skill or certifying it: after a practice word they make a course that
/// trains people in the practice ("mentor training", "coaching certification").
pub(crate) const TRAINING_NOUNS: &[&str] =
    &["training", "trainings", "certification", "certificate", "accreditation", "qualification", "skills"];

/// Verbs of state: their "for" adjunct measures how long the subject has been so.
const STATE_VERBS: &[&str] = &["be", "work", "serve", "stay", "hold", "live", "remain", "employ", "have"];

/// Verbs whose object is a length of time allowed for something.
const ALLOWANCE_VERBS: &[&str] = &["have", "get", "give", "allow", "take"];

/// Whether a noun (lower-cased, singular or plural) names the engagement or one of the
/// practices' words.
pub(crate) fn is_engagement_noun(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    lex::ENGAGEMENT_NOUNS.contains(word)
        || lex::ENGAGEMENT_NOUNS.contains(singular)
        || lex::SPAN_NOUNS.contains(word)
        || lex::SPAN_NOUNS.contains(singular)
        || is_practice_word(word)
}

/// Whether a word is one of the practices' words (coach, coaching, mentor, mentee, mentorship, ...).
pub(crate) fn is_practice_word(word: &str) -> bool {
    word.starts_with("coach") || word.starts_with("mentor") || word.starts_with("mentee") || word.starts_with("protég")
}

/// Whether the duration expression on `hit` (word indices of `parse`) measures something other
/// than the engagement, and what. `None` leaves the decision to the attribution.
pub(crate) fn duration_measures_other(parse: &Parse, texts: &[&str], hit: Range<usize>) -> Option<NotEngagement> {
    if hit.is_empty() || hit.end > parse.words.len() {
        return None;
    }
    // 6. Ratios: "1:1", "1-on-1".
    let first = hit.start;
    if parse.words[first].pos == Pos::Num {
        let ratio_after = texts.get(first + 1).is_some_and(|t| *t == ":")
            && texts.get(first + 2).is_some_and(|t| lex::is_number_word(t));
        let ratio_before = first >= 2 && texts[first - 1] == ":" && lex::is_number_word(texts[first - 2]);
        let on = texts.get(first + 2).is_some_and(|t| *t == "on") && texts.get(first + 1).is_some_and(|t| *t == "-");
        // (The second number of "one-on-one" too.)
        let after_on = first >= 2 && texts[first - 1] == "-" && texts[first - 2] == "on";
        if ratio_after || ratio_before || on || after_on {
            return Some(NotEngagement::Ratio);
        }
    }
    // 7. Rates: a count of meetings (or of hours) followed in its clause by a frequency.
    if is_rate(parse, texts, hit.clone()) {
        return Some(NotEngagement::Rate);
    }
    // A verb of ending that the sentence uses as a noun ("a natural end when", "the end of"):
    // no one says the engagement ends on a set point.
    // (Only as the head of its phrase: "a fixed end date" names a date.)
    let heads_phrase = parse.phrase_of(first).is_some_and(|p| parse.phrases[p].head == first);
    if matches!(parse.words[first].pos, Pos::Noun | Pos::Adj)
        && heads_phrase
        && first > 0
        && parse.phrase_of(first - 1).is_some()
        && parse.phrase_of(first - 1) == parse.phrase_of(first)
        && lex::verb(texts[first]).is_some_and(|(lemma, _)| lex::ENDING_VERBS.contains(lemma))
    {
        return Some(NotEngagement::EndNoun);
    }
    // 1. A point in time: a length counted from now or from an event ("1 week from now", "two
    // years ago", "six months later", "three weeks before the launch") places something in
    // time; it measures nothing.
    // (Not a span that starts there: "lasts for six months after you join".)
    let after = texts.get(hit.end).copied().unwrap_or("");
    let next = texts.get(hit.end + 1).copied().unwrap_or("");
    // (Only a length is counted: "close the relationship after the tenth session" is an end,
    // not a length placed in time.)
    let length = (hit.start..hit.end).any(|w| lex::time_unit(texts[w]).is_some());
    let counted_from = length
        && (matches!(after, "ago" | "later" | "earlier" | "beforehand" | "afterwards" | "prior")
            || (after == "from" && matches!(next, "now" | "today" | "then" | "the" | "your" | "their" | "joining"))
            || (matches!(after, "before" | "after") && !matches!(next, "," | "." | "")));
    if counted_from {
        let for_phrase = (hit.start..hit.end)
            .filter_map(|w| parse.phrase_of(w))
            .any(|p| parse.phrases[p].prep.is_some_and(|prep| matches!(texts[prep], "for" | "over")));
        let lasting = parse
            .clause_of(first)
            .and_then(|c| parse.clauses[c].verb)
            .is_some_and(|v| parse.verbs[v].lemma.is_some_and(|l| lex::LASTING_VERBS.contains(l)));
        let span = for_phrase || lasting || (first > 0 && matches!(texts[first - 1], "for" | "over"));
        if !span {
            return Some(NotEngagement::Deadline);
        }
    }
    // 1. A window: "the last five years" (the adjective, not the verb "last") locates events
    // before now.
    if texts[first] == "last" && first > 0 && matches!(texts[first - 1], "the" | "these" | "those" | "past") {
        return Some(NotEngagement::Deadline);
    }
    // 2. A lower bound: "for over six years", "for more than a year", "for at least 3 months"
    // says how long something has gone on or must go on at least; it sets no end.
    let at = |k: usize| texts.get(k).copied().unwrap_or("");
    let for_at = if at(first) == "for" { Some(first) } else { first.checked_sub(1).filter(|&k| at(k) == "for") };
    if let Some(f) = for_at {
        let bound = at(f + 1) == "over"
            || (at(f + 1) == "more" && at(f + 2) == "than")
            || (at(f + 1) == "at" && at(f + 2) == "least")
            || (at(f + 1) == "upwards" && at(f + 2) == "of");
        if bound {
            return Some(NotEngagement::State);
        }
    }
    let phrase = (hit.start..hit.end).find_map(|w| parse.phrase_of(w));
    let clause = parse.clause_of(hit.start);
    // 2. The perfect ("have been meeting for six years", "has mentored for two years") measures
    // the time gone by until now: a history, never a term.
    if let Some(c) = clause {
        let perfect = parse.clauses[c].verb.is_some_and(|v| {
            let vg = &parse.verbs[v];
            // ("has run": some participles are spelt as the base form.)
            let participle = matches!(
                parse.words[vg.head].form,
                Some(
                    lex::VerbForm::Participle
                        | lex::VerbForm::PastOrParticiple
                        | lex::VerbForm::Gerund
                        | lex::VerbForm::Base
                )
            );
            participle
                && vg
                    .words
                    .clone()
                    .any(|w| w != vg.head && parse.words[w].pos == Pos::Aux && parse.words[w].lemma == Some("have"))
        });
        if perfect {
            return Some(NotEngagement::State);
        }
    }
    // 4. A compound: the length modifies the head noun of its phrase.
    if let Some(p) = phrase {
        let ph = &parse.phrases[p];
        let head = ph.head;
        let unit_end = hit.end.max(hit.start + 1);
        // "The cohort runs on a three-month plan": a lasting verb of the engagement makes the
        // plan its schedule.
        let runs = clause.is_some_and(|c| {
            let lemma = parse.clauses[c].verb.and_then(|v| parse.verbs[v].lemma);
            let subject = parse.subject_phrase(c).map(|s| texts[parse.phrases[s].head]);
            lemma.is_some_and(|l| lex::LASTING_VERBS.contains(l)) && subject.is_some_and(is_engagement_noun)
        });
        if head >= unit_end
            && matches!(parse.words[head].pos, Pos::Noun | Pos::Propn)
            && !is_engagement_noun(texts[head])
            && !runs
        {
            return Some(NotEngagement::Measures);
        }
        // Coordinate adjectives before one noun ("open-ended, two-sided questions") all
        // modify that noun.
        if texts.get(hit.end) == Some(&",") {
            if let Some(q) = parse.phrase_of(hit.end + 1) {
                let next = &parse.phrases[q];
                let adjectival = matches!(parse.words[hit.end + 1].pos, Pos::Adj | Pos::Num)
                    || matches!(
                        parse.words[hit.end + 1].form,
                        Some(lex::VerbForm::Gerund | lex::VerbForm::Participle | lex::VerbForm::PastOrParticiple)
                    )
                    || texts.get(hit.end + 2) == Some(&"-");
                if adjectival
                    && next.head > hit.end + 1
                    && matches!(parse.words[next.head].pos, Pos::Noun)
                    && !is_engagement_noun(texts[next.head])
                {
                    return Some(NotEngagement::Measures);
                }
            }
        }
        // 1. Windows: a length placed relative to now ("the prior six months", "over the next
        // two weeks", "in the last quarter") locates events in time; it is no term.
        let before = (ph.words.start..hit.start).map(|w| texts[w]);
        if before.into_iter().any(|w| RELATIVE_TIME.contains(&w)) {
            return Some(NotEngagement::Deadline);
        }
        // 4c. A horizon of goals or plans: a length in a prepositional phrase right after a
        // noun of goals or of a plan ("goals for the short term", "objectives over the next six
        // months", "a plan for the next year") measures how far ahead they reach.
        // (Not a length that modifies an engagement noun heading the phrase: "goals for the
        // six-month programme" gives the programme its length; a span noun stays a horizon:
        // "goals for the short term".)
        let engagement_length =
            head >= hit.start && is_engagement_noun(texts[head]) && !lex::SPAN_NOUNS.contains(texts[head]);
        if let Some(prep) =
            ph.prep.filter(|&prep| matches!(texts[prep], "for" | "over" | "in" | "within") && !engagement_length)
        {
            let owner = parse.phrase_ending_at(prep).map(|q| &parse.phrases[q]);
            if owner.is_some_and(|q| lex::GOAL_NOUNS.contains(texts[q.head]) || ARTEFACT_NOUNS.contains(&texts[q.head]))
            {
                return Some(NotEngagement::Measures);
            }
        }
        // 4b. An artefact someone makes: a length inside the object of a verb of making
        // ("prepare a 30-60-90 day plan", "draft a six-month roadmap") measures the document's
        // horizon, not an engagement.
        if let Some(c) = clause {
            let cl = &parse.clauses[c];
            let lemma = cl.verb.and_then(|v| parse.verbs[v].lemma);
            if cl.objects.contains(&p)
                && lemma.is_some_and(|l| MAKING_VERBS.contains(&l))
                && ARTEFACT_NOUNS.contains(&texts[head])
            {
                return Some(NotEngagement::Measures);
            }
        }
        // 5. Criteria: an adjective in a comma list of adjectives.
        if parse.words[hit.start].pos == Pos::Adj || texts.get(hit.start + 1) == Some(&"-") {
            let listed = criteria_list_len(parse, texts, hit.start);
            if listed >= 3 {
                return Some(NotEngagement::Criteria);
            }
        }
        let c = clause?;
        let cl = &parse.clauses[c];
        let verb = cl.verb.map(|v| &parse.verbs[v]);
        let lemma = verb.and_then(|v| v.lemma);
        // Any conjunct of a coordinated subject ("mentoring pairs and groups work ...").
        let subject_is_engagement = parse.subject_phrase(c).is_some_and(|s| {
            let conjuncts = parse.conjuncts_before(texts, s);
            (conjuncts.start..=s).any(|k| is_engagement_noun(texts[parse.phrases[k].head]))
        });
        if let Some(prep) = ph.prep {
            let prep = texts[prep];
            // 1. Deadlines and windows.
            let ends = lemma.is_some_and(|l| lex::ENDING_VERBS.contains(l));
            // ("after 6 months" places an event after a span, as "in 6 months" does; with a
            // verb of ending, "ends after 6 months", it is the term.)
            // (Not when the phrase names the engagement's own span: "after this 3 month period".)
            let span = prep == "after" && is_engagement_noun(texts[head]);
            if matches!(prep, "within" | "by" | "before" | "until" | "till")
                || (prep == "in" && !ends)
                || (prep == "after" && !ends && !span)
            {
                return Some(NotEngagement::Deadline);
            }
            // 2. States and tenure.
            // (Unless the state is a role held towards someone, "be their mentor for six
            // months", "serve as his coach for a term": the length is that relationship's.)
            if prep == "for"
                && lemma.is_some_and(|l| STATE_VERBS.contains(&l))
                && !subject_is_engagement
                && !holds_a_role_towards_someone(parse, texts, cl)
            {
                return Some(NotEngagement::State);
            }
            // 2b. A history: a past-tense verb with an object of its own (neither an engagement
            // nor a practice word), whose subject is not the engagement, tells how long someone
            // did something ("who ran the Leeds office for nine years"), as the perfect does.
            let past = verb.is_some_and(|v| {
                matches!(parse.words[v.head].form, Some(lex::VerbForm::Past | lex::VerbForm::PastOrParticiple))
                    && !v.passive
                    && v.words.clone().all(|w| w == v.head || parse.words[w].pos != Pos::Aux)
            });
            let own_object = cl.objects.iter().any(|&o| {
                let h = texts[parse.phrases[o].head];
                !is_engagement_noun(h) && !is_practice_word(h)
            });
            // (A person is no engagement, whatever word names them: "our mentor ran the office".)
            let subject_engagement_proper = parse.subject_phrase(c).is_some_and(|s| {
                let conjuncts = parse.conjuncts_before(texts, s);
                (conjuncts.start..=s).any(|k| {
                    let h = texts[parse.phrases[k].head];
                    is_engagement_noun(h) && !lex::may_name_a_person(h) && !matches!(h, "coach" | "coaches")
                })
            });
            if prep == "for" && past && own_object && !subject_engagement_proper {
                return Some(NotEngagement::State);
            }
        } else {
            // 3. Allowances: "you have 3 weeks (to ...)", "3 weeks to complete".
            let object = cl.objects.contains(&p);
            // (An amount of time: "a time limit" is a limit, not time someone is given.)
            let amount =
                (hit.start..hit.end).any(|w| parse.words[w].pos == Pos::Num || lex::time_unit(texts[w]).is_some());
            if object && amount && lemma.is_some_and(|l| ALLOWANCE_VERBS.contains(&l)) && !subject_is_engagement {
                return Some(NotEngagement::Allowance);
            }
        }
        // 3. A length followed by an infinitive of purpose.
        let next = ph.words.end;
        let infinitive_follows =
            parse.clauses.iter().any(|c| c.kind == ClauseKind::Infinitive && c.words.start == next);
        if infinitive_follows && !subject_is_engagement {
            return Some(NotEngagement::Allowance);
        }
    } else if let Some(c) = clause {
        // 2. States: an adverb of duration ("indefinitely", "for ever") with a verb of state
        // whose subject is not the engagement measures how long that subject stays so ("no
        // lead should stay in the role indefinitely").
        let cl = &parse.clauses[c];
        let lemma = cl.verb.and_then(|v| parse.verbs[v].lemma);
        let subject_head = parse.subject_phrase(c).map(|s| texts[parse.phrases[s].head]);
        let adverb = (hit.start..hit.end).all(|w| parse.words[w].pos == Pos::Adv);
        if adverb
            && lemma.is_some_and(|l| STATE_VERBS.contains(&l))
            && subject_head.is_some_and(|h| !is_engagement_noun(h))
        {
            return Some(NotEngagement::State);
        }
    }
    None
}

/// Whether the two words before a number (`[second, last]`) make it a lower bound: "at least 6
/// months", "a minimum of 1 year". A lower bound says how long something must go on at least;
/// it sets no end, so it is no fixed term.
pub(crate) fn lower_bound_before([second, last]: [&str; 2]) -> bool {
    (second == "at" && last == "least") || (second == "minimum" && last == "of")
}

/// Whether clause `cl` says its subject is someone's guide or guided person: a practice role
/// with a possessive ("their mentor", "Sam's coach") as the copula's predicate or after "as".
/// Such a role is a relationship with that person, not an occupation ("has been a mentor for
/// six years" is tenure; "was her mentor for six months" is one relationship's term).
///
/// (Not in the past: "she was my mentor for five years" tells one relationship's history.)
fn holds_a_role_towards_someone(parse: &Parse, texts: &[&str], cl: &super::syntax::Clause) -> bool {
    let past = cl.verb.is_some_and(|v| {
        parse.verbs[v].words.clone().any(|w| {
            matches!(parse.words[w].form, Some(lex::VerbForm::Past | lex::VerbForm::PastOrParticiple))
                || matches!(texts[w], "was" | "were" | "been")
        })
    });
    if past {
        return false;
    }
    let copula = cl.verb.is_some_and(|v| parse.verbs[v].copula);
    let role = |p: usize| {
        let ph = &parse.phrases[p];
        let possessed = lex::POSSESSIVES.contains(texts[ph.words.start])
            || (ph.words.start..ph.head).any(|w| texts[w].ends_with("'s") || texts[w] == "'s");
        possessed
            && cm_core::WordForm::lookup(texts[ph.head])
                .is_some_and(|f| matches!(f.role, cm_core::Role::Guide | cm_core::Role::Guided))
    };
    (copula && cl.objects.iter().any(|&o| role(o)))
        || cl.adjuncts.iter().any(|&a| parse.phrases[a].prep.is_some_and(|prep| texts[prep] == "as") && role(a))
}

/// Whether the count on `hit` is of meetings or of hours ("one session", "two hours") and a
/// frequency follows it in its clause ("every week", "every four weeks", "a month", "per
/// quarter", "weekly"): how often, not how long the engagement lasts.
fn is_rate(parse: &Parse, texts: &[&str], hit: Range<usize>) -> bool {
    const OCCURRENCES: &[&str] = &["session", "meeting", "hour", "call", "conversation", "minute"];
    let counted = (hit.start..hit.end).any(|w| {
        let t = texts[w];
        OCCURRENCES.iter().any(|o| t == *o || t.strip_suffix('s') == Some(*o))
    });
    if !counted || parse.words[hit.start].pos != Pos::Num {
        return false;
    }
    let mut k = hit.end;
    let end = (hit.end + 8).min(texts.len());
    while k < end {
        let t = texts[k];
        if matches!(t, "," | ";" | "." | ":" | "and" | "but" | "or") {
            return false;
        }
        if matches!(t, "weekly" | "monthly" | "fortnightly" | "biweekly" | "bi-weekly" | "quarterly" | "daily") {
            return true;
        }
        if matches!(t, "every" | "each" | "per" | "a" | "an") {
            let next = texts.get(k + 1).copied().unwrap_or("");
            let after = texts.get(k + 2).copied().unwrap_or("");
            let numbered = lex::is_number_word(next) || parse.words.get(k + 1).is_some_and(|w| w.pos == Pos::Num);
            let period = |t: &str| lex::time_unit(t).is_some();
            if period(next) || (t == "every" && numbered && period(after)) {
                return true;
            }
        }
        k += 1;
    }
    false
}

/// Words that place a length relative to the present: it is then a window, not a term.
const RELATIVE_TIME: &[&str] =
    &["prior", "previous", "past", "last", "next", "coming", "following", "preceding", "recent", "upcoming"];

/// How many adjectives stand in the comma-separated list around `at` (1 when none).
fn criteria_list_len(parse: &Parse, texts: &[&str], at: usize) -> usize {
    let item = |i: usize| matches!(parse.words[i].pos, Pos::Adj | Pos::Verb | Pos::Noun | Pos::Propn);
    let conjunction = |i: usize| matches!(texts[i], "and" | "or" | "/");
    // Walk left and right over "Adj , Adj , and Adj" (hyphenated items count as one; a
    // separator is a comma, a conjunction, or a comma and a conjunction).
    let mut count = 1;
    // `i`: the first word of the current item.
    let mut i = at;
    while i >= 1 && texts[i - 1] == "-" && i >= 2 {
        i -= 2;
    }
    loop {
        let mut k = i;
        if k >= 1 && conjunction(k - 1) {
            k -= 1;
            if k >= 1 && texts[k - 1] == "," {
                k -= 1;
            }
        } else if k >= 1 && texts[k - 1] == "," {
            k -= 1;
        } else {
            break;
        }
        if k == 0 || !item(k - 1) {
            break;
        }
        count += 1;
        i = k - 1;
        while i >= 2 && texts[i - 1] == "-" {
            i -= 2;
        }
    }
    // `j`: the last word of the current item.
    let mut j = at;
    while j + 2 < texts.len() && texts[j + 1] == "-" {
        j += 2;
    }
    loop {
        let mut k = j + 1;
        if k < texts.len() && texts[k] == "," {
            k += 1;
            if k < texts.len() && conjunction(k) {
                k += 1;
            }
        } else if k < texts.len() && conjunction(k) {
            k += 1;
        } else {
            break;
        }
        if k >= texts.len() || !item(k) {
            break;
        }
        count += 1;
        j = k;
        while j + 2 < texts.len() && texts[j + 1] == "-" {
            j += 2;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::syntax::Marked;

    /// Reads a sentence and asks what the duration written between `[` and `]` measures.
    fn measures(marked: &str) -> Option<NotEngagement> {
        let m = Marked::new(marked);
        duration_measures_other(&m.parse, &m.texts(), m.hit.clone())
    }

    #[test]
    fn lengths_of_the_engagement_are_left_to_the_attribution() {
        assert_eq!(measures("The pairing lasts [four months]."), None);
        assert_eq!(measures("It is a [twelve-week] scheme."), None);
        assert_eq!(measures("Partners meet for [six months] and then part."), None);
        assert_eq!(measures("The guidance scheme ends [in June]."), None);
        assert_eq!(measures("The scheme will run for up to [six weeks]."), None);
    }

    #[test]
    fn deadlines_and_windows_measure_no_engagement() {
        assert_eq!(measures("Hand the role over within [two years]."), Some(NotEngagement::Deadline));
        assert_eq!(measures("Book a meeting with your mentor [1 week] from now."), Some(NotEngagement::Deadline));
        assert_eq!(measures("The scheme started [two years] ago."), Some(NotEngagement::Deadline));
        assert_eq!(measures("Mentoring lasts for [six months] after you join."), None);
        assert_eq!(measures("Pick a partner by [week 3]."), Some(NotEngagement::Deadline));
    }

    #[test]
    fn a_length_placed_relative_to_now_is_a_window() {
        assert_eq!(measures("Send your reviews for the prior [six month period]."), Some(NotEngagement::Deadline));
        assert_eq!(measures("Meet twice over the next [two weeks]."), Some(NotEngagement::Deadline));
        assert_eq!(measures("Meet twice over [two weeks]."), None);
    }

    #[test]
    fn an_adverb_of_duration_with_a_verb_of_state_measures_its_subject() {
        assert_eq!(measures("No lead should stay in one post [indefinitely]."), Some(NotEngagement::State));
        assert_eq!(measures("The partnership continues [indefinitely]."), None);
    }

    #[test]
    fn coordinate_adjectives_modify_the_noun_after_them() {
        assert_eq!(measures("Ask [open-ended], two-sided questions."), Some(NotEngagement::Measures));
    }

    #[test]
    fn a_length_in_an_artefact_someone_makes_is_its_horizon() {
        assert_eq!(measures("Prepare a mock [30-60-90 day plan] and share it."), Some(NotEngagement::Measures));
        assert_eq!(measures("The pairing follows a [six-week plan]."), None);
    }

    #[test]
    fn tenure_is_a_state_not_a_term() {
        assert_eq!(
            measures("Volunteers must have been with the firm for at least [six months]."),
            Some(NotEngagement::State)
        );
        assert_eq!(measures("She worked there for [ten years]."), Some(NotEngagement::State));
    }

    #[test]
    fn allowances_for_a_task_are_not_terms() {
        assert_eq!(measures("You have [3 weeks] to send the form."), Some(NotEngagement::Allowance));
        assert_eq!(measures("Allow [two weeks] to review the notes."), Some(NotEngagement::Allowance));
    }

    #[test]
    fn a_length_measures_the_noun_it_modifies() {
        assert_eq!(measures("Draft a [90-day] plan with your partner."), Some(NotEngagement::Measures));
        assert_eq!(measures("New hires follow a [six-month] probation."), Some(NotEngagement::Measures));
    }

    #[test]
    fn criteria_lists_describe_something_else() {
        assert_eq!(
            measures("Goals should be specific, measurable, realistic and [time-bound]."),
            Some(NotEngagement::Criteria)
        );
    }

    #[test]
    fn ratios_count_no_sessions() {
        assert_eq!(measures("We hold regular [1:1 sessions]."), Some(NotEngagement::Ratio));
    }
}
