//! Relations: the structural holder of a cue, as the trait judgement consumes it.
//!
//! The cue's sentence is read once ([`super::syntax`]); the cue is attached to a holder
//! ([`super::attach`]); a duration is checked for what it measures ([`super::holders`]). The
//! judgement then names the practice from the holder: a practice word inside it, a pronoun's
//! antecedent, a bound name, or, for a neutral holder, the context.

use std::ops::Range;

use cm_core::{Cue, Dimension};

use super::attach::{attach, Attachment, Via};
use super::holders::{self, NotEngagement};
use super::lexicon as lex;
use super::syntax::{self, Parse};
use super::Sentence;

/// What structure says a cue is said of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Holder {
    /// A phrase of the sentence: its block tokens, and the token of its head. When the phrase
    /// is an engagement that the clause's verb governs ("coaches run a structured programme"),
    /// `then` is the clause's subject, whose engagement it is.
    Phrase { tokens: Range<usize>, head: usize, via: Via, then: Option<Range<usize>>, verb: Option<usize> },
    /// The reader (an imperative, or "you").
    Reader,
    /// Nothing in the sentence; the context decides.
    Context,
    /// The expression is no trait of an engagement (a deadline, a tenure, a plan's length).
    Not(NotEngagement),
    /// The expression is what someone wants or looks for, not what anything is.
    Wanted,
}

/// A sentence's parse with the lower-cased text of each of its words.
pub(crate) struct Parsed<'v> {
    /// The sentence's parse, shared with every rule ([`super::Analysis::parse`]).
    pub parse: std::rc::Rc<Parse>,
    pub texts: Vec<&'v str>,
}

impl<'v> Parsed<'v> {
    /// Whether "it" at block token `token` is the dummy subject of an extraposed clause ("it's
    /// easy to ...", "it is allowed and tax free to pay ...", "it is important that ..."): it
    /// stands for the clause that follows, never for a practice named before.
    pub(crate) fn expletive_it(&self, token: usize) -> bool {
        use syntax::Pos;
        let (words, texts) = (&self.parse.words, &self.texts);
        let Some(w) = self.parse.word_at(token) else { return false };
        let mut k = w + 1;
        match texts[w] {
            "it's" | "it’s" => {}
            "it" if words.get(k).is_some_and(|x| x.lemma == Some("be")) => k += 1,
            _ => return false,
        }
        let mut predicate = false;
        while let Some(x) = words.get(k) {
            match x.pos {
                Pos::Adj => predicate = true,
                Pos::Verb if matches!(x.form, Some(lex::VerbForm::Participle | lex::VerbForm::PastOrParticiple)) => {
                    predicate = true;
                }
                Pos::Adv | Pos::Neg | Pos::Coord => {}
                // A noun that makes a compound adjective: "tax free", "cost effective".
                Pos::Noun if words.get(k + 1).is_some_and(|n| n.pos == Pos::Adj) => {}
                Pos::To => return predicate,
                Pos::Wh | Pos::Sub => return predicate && texts[k] == "that",
                _ => return false,
            }
            k += 1;
        }
        false
    }

    /// The parse of sentence `idx` (made once for the whole analysis), with its words' texts.
    pub(crate) fn new(analysis: &'v super::Analysis<'_>, idx: usize) -> Self {
        let parse = analysis.parse(idx);
        let view = &analysis.views[analysis.sentences[idx].block];
        let texts = parse.words.iter().map(|w| view.tokens[w.token].text(&view.norm)).collect();
        Parsed { parse, texts }
    }
}

/// Reads the sentence of a cue and returns the cue's holder. `parsed` is the sentence's parse
/// (made once per sentence by the caller), `hit` the cue's block tokens.
pub(crate) fn holder(parsed: &Parsed<'_>, sentence: &Sentence, cue: &Cue, hit: Range<usize>) -> Holder {
    let first = sentence.tokens.start;
    if hit.start < first || hit.end > sentence.tokens.end || hit.is_empty() {
        return Holder::Context;
    }
    let (parse, texts) = (&parsed.parse, &parsed.texts[..]);
    let words = hit.start - first..hit.end - first;
    if cue.dimension == Dimension::Duration {
        if let Some(reason) = holders::duration_measures_other(parse, texts, words.clone()) {
            return Holder::Not(reason);
        }
        // A clause whose subject is one occasion ("the mentoring meeting ends on 3 June") bounds
        // that occasion: what it says is a day's time, not an engagement's term.
        // (Not a length inside the verb's object: "a mentor-led session that follows a fixed
        // eight-week curriculum" gives the curriculum's length.)
        if let Some(c) = parse.clause_of(words.start) {
            let subject = parse.subject_phrase(c).map(|s| &parse.phrases[s]);
            let in_object = parse.clauses[c].objects.iter().any(|&o| parse.phrases[o].words.contains(&words.start));
            if !in_object
                && subject
                    .is_some_and(|s| lex::OCCASION_NOUNS.contains(texts[s.head]) && !s.words.contains(&words.start))
            {
                return Holder::Not(NotEngagement::Occasion);
            }
        }
    }
    // "Relationship facilitators", "workshop facilitation": a noun before "facilitator" names
    // what is facilitated; an event or a relationship makes it organising, not the method of
    // facilitating someone's own thinking.
    if cue.dimension == Dimension::Method
        && texts[words.start].starts_with("facilitat")
        && words.start > 0
        && lex::FACILITATED_NOUNS.contains(texts[words.start - 1])
    {
        return Holder::Not(NotEngagement::Organiser);
    }
    // What is facilitated decides the sense: the coach's method facilitates a person's own
    // thinking ("facilitates the client's reflection"); facilitating a process or a thing
    // ("facilitation of interdisciplinary collaboration", "facilitates the implementation of
    // ...") is organising it.
    if cue.dimension == Dimension::Method && texts[words.start].starts_with("facilitat") {
        let after = if texts.get(words.end) == Some(&"of") { words.end + 1 } else { words.end };
        let object = parse.phrase_of(after).filter(|&p| parse.phrases[p].words.start == after);
        if let Some(p) = object {
            let head = texts[parse.phrases[p].head];
            let inner = lex::may_name_a_person(head)
                || holders::is_practice_word(head)
                || lex::MIND_NOUNS.contains(head)
                || lex::INNER_PROCESS_NOUNS.contains(head);
            if parse.words[parse.phrases[p].head].pos == syntax::Pos::Noun && !inner {
                return Holder::Not(NotEngagement::Organiser);
            }
        }
    }
    // Steering someone towards goals ("a coach that steers you towards future goals") names
    // the goals as where the person is helped to go: the goals set the direction, so the
    // steering says nothing of who decides it.
    if cue.dimension == Dimension::Agenda && cue.practice == cm_core::Practice::Mentoring {
        let clause = parse.clause_of(words.start).map(|c| &parse.clauses[c]);
        let towards_goals = clause.is_some_and(|c| {
            c.adjuncts.iter().any(|&a| {
                let ph = &parse.phrases[a];
                ph.prep.is_some_and(|prep| matches!(texts[prep], "towards" | "toward" | "to"))
                    && lex::GOAL_NOUNS.contains(texts[ph.head])
            })
        });
        if towards_goals && words.clone().any(|w| parse.verb_of(w).is_some()) {
            return Holder::Not(NotEngagement::TowardsGoals);
        }
    }
    // A noun of structure owned by what its "of" phrase names ("the milestones of their first
    // release"), or by the thing a "with" phrase follows ("a timeline with milestones"), is that
    // thing's: unless the owner is the engagement, a practice word or a person, no engagement
    // is said to have it.
    if cue.dimension == Dimension::Form {
        // A noun of structure used as a modifier ("a contract manager", "the GP contract
        // agreement", "syllabus review") describes the head noun it modifies: unless that is
        // an engagement, no engagement is said to have it.
        if let Some(p) = parse.phrase_of(words.start) {
            let ph = &parse.phrases[p];
            let modifier = ph.head >= words.end
                && words.clone().all(|w| matches!(parse.words[w].pos, syntax::Pos::Noun | syntax::Pos::Propn));
            if modifier && !holders::is_engagement_noun(texts[ph.head]) {
                return Holder::Not(NotEngagement::Measures);
            }
        }
        if let Some(p) = parse.phrase_of(words.start).filter(|&p| words.contains(&parse.phrases[p].head)) {
            // A noun of structure named by a time ("the 1 and 3 month milestones", "the 90-day
            // milestone") is a point in time: a checkpoint of a review schedule.
            let timed = (parse.phrases[p].words.start..words.start).any(|w| {
                lex::time_unit(texts[w]).is_some()
                    || texts[w].rsplit('-').next().is_some_and(|u| lex::time_unit(u).is_some())
            });
            if timed {
                return Holder::Not(NotEngagement::Checkpoint);
            }
            let owner = parse.phrases.iter().find(|q| {
                q.words.start == parse.phrases[p].words.end + 1 && q.prep.is_some_and(|prep| texts[prep] == "of")
            });
            // "a timeline with milestones": the thing before "with" has them.
            let with_owner = parse.phrases[p]
                .prep
                .filter(|&prep| texts[prep] == "with")
                .and_then(|prep| parse.phrase_ending_at(prep).map(|q| &parse.phrases[q]));
            if let Some(owner) = owner.or(with_owner) {
                let head = texts[owner.head];
                // Something a verb of making makes ("create a timeline with milestones") is an
                // artefact, whatever its noun.
                let made = parse.clauses.iter().any(|c| {
                    c.objects.iter().any(|&o| std::ptr::eq(&parse.phrases[o], owner))
                        && c.verb.and_then(|v| parse.verbs[v].lemma).is_some_and(|l| holders::MAKING_VERBS.contains(&l))
                });
                let holds = !made
                    && (super::attach::names_a_holder(head)
                        || holders::is_practice_word(head)
                        || lex::may_name_a_person(head)
                        || parse.words[owner.head].pos == syntax::Pos::Propn);
                if !holds && parse.words[owner.head].pos == syntax::Pos::Noun {
                    return Holder::Not(NotEngagement::Owned);
                }
            }
        }
    }
    // The whole a part belongs to ("part of the new GP contract", "a strand of a structured
    // programme") contains the part: what describes the whole is the whole's, not the part's.
    // Only a practice word inside the whole makes it an engagement's ("part of a structured
    // mentoring programme").
    if let Some(p) = parse.phrase_of(words.start) {
        let ph = &parse.phrases[p];
        let partitive = ph.prep.filter(|&prep| texts[prep] == "of").and_then(|prep| parse.phrase_ending_at(prep));
        if partitive.is_some_and(|q| PARTITIVE_NOUNS.contains(&texts[parse.phrases[q].head])) {
            // (The whole with its coordinated phrases, which share its preposition: "a
            // structured and supportive mentoring programme".)
            let last = parse.phrases[p..].iter().take_while(|q| q.prep == ph.prep).last().unwrap_or(ph);
            let whole = ph.words.start..last.words.end;
            let Some(named) = whole.clone().rev().find(|&w| holders::is_practice_word(texts[w])) else {
                return Holder::Not(NotEngagement::Owned);
            };
            let tokens = first + whole.start..first + whole.end;
            return Holder::Phrase { tokens, head: first + named, via: Via::Modifier, then: None, verb: None };
        }
    }
    let (attachment, via) = attach(parse, texts, words.clone());
    // A length said of the reader by an imperative measures the reader's task ("organise the
    // activities in an epic for one year"), unless the verb is taking part in something
    // ("commit for six months", "meet your mentee for up to a year") or the practice itself.
    // (Only a true imperative, in a sentence that names no practice, whose objects are no
    // engagement: "close the relationship at month three" ends the engagement.)
    let clause = parse.clause_of(words.start).map(|c| &parse.clauses[c]);
    let imperative = clause.is_some_and(|c| c.subject == syntax::Subject::Reader);
    if cue.dimension == Dimension::Duration && imperative && via == Via::Predicate {
        let names_practice = texts.iter().any(|t| holders::is_practice_word(t));
        let engagement_object = clause
            .is_some_and(|c| c.objects.iter().any(|&o| holders::is_engagement_noun(texts[parse.phrases[o].head])));
        let lemma = clause.and_then(|c| c.verb).map(|v| {
            let vg = &parse.verbs[v];
            vg.lemma.unwrap_or(texts[vg.head])
        });
        if !names_practice
            && !engagement_object
            && lemma.is_some_and(|l| !lex::PARTICIPATION_VERBS.contains(l) && !holders::is_practice_word(l))
        {
            return Holder::Not(NotEngagement::ReadersTask);
        }
    }
    // What someone reaches, achieves or celebrates ("help students reach critical milestones")
    // is a point on that person's way, not a structure of the engagement.
    // (The verb right before the phrase counts: "help students reach key milestones".)
    if cue.dimension == Dimension::Form {
        if let Some(p) = parse.phrase_of(words.start).filter(|&p| parse.phrases[p].prep.is_none()) {
            let attaining = |w: usize| {
                parse.words[w].pos == syntax::Pos::Verb
                    && lex::ATTAINING_VERBS.contains(parse.words[w].lemma.unwrap_or(texts[w]))
            };
            if parse.phrases[p].words.start.checked_sub(1).is_some_and(attaining) {
                return Holder::Not(NotEngagement::Attained);
            }
        }
    }
    // A quality "of" a thing ("improving the clarity of documentation") is that thing's: what
    // a practice emphasises is the person's, so only a person, a practice word or a noun of
    // the mind ("clarity of purpose") keeps it.
    // (Coordinated qualities share the "of": "the clarity, usability and consistency of
    // documentation".)
    if cue.dimension == Dimension::Emphasis && words.len() == 1 {
        let of = (words.end..(words.end + 8).min(texts.len()))
            .take_while(|&k| {
                matches!(texts[k], "," | "and" | "or" | "of") || matches!(parse.words[k].pos, syntax::Pos::Noun)
            })
            .find(|&k| texts[k] == "of");
        if let Some(q) = of.and_then(|of| parse.phrases.iter().find(|q| q.words.start == of + 1)) {
            let head = texts[q.head];
            let thing = parse.words[q.head].pos == syntax::Pos::Noun
                && !lex::may_name_a_person(head)
                && !holders::is_practice_word(head)
                && !lex::MIND_NOUNS.contains(head);
            if thing {
                return Holder::Not(NotEngagement::Owned);
            }
        }
    }
    // A noun of structure compounded with another noun ("the adapter contract", "the API
    // contract") names that thing's structure: only a practice or engagement word before it
    // ("a mentoring contract", "the programme milestones") makes it an engagement's.
    if cue.dimension == Dimension::Form && words.len() == 1 && words.start > 0 {
        let before = words.start - 1;
        let compound = parse.phrase_of(before).is_some() && parse.phrase_of(before) == parse.phrase_of(words.start);
        if compound
            && matches!(parse.words[before].pos, syntax::Pos::Noun | syntax::Pos::Propn)
            && parse.words[words.start].pos == syntax::Pos::Noun
            && !holders::is_engagement_noun(texts[before])
        {
            return Holder::Not(NotEngagement::Owned);
        }
    }
    // A length alone in brackets right after a noun of an engagement ("the mentoring cycle
    // (six months)", "the programme (about 5 months)") gives that engagement's length, as an
    // apposition does.
    if cue.dimension == Dimension::Duration && texts.get(words.end) == Some(&")") {
        let open = (words.start.saturating_sub(3)..words.start).rev().find(|&k| texts[k] == "(");
        let hedged_only = open.is_some_and(|o| (o + 1..words.start).all(|k| lex::HEDGES.contains(texts[k])));
        if let Some(p) = open.filter(|_| hedged_only).and_then(|o| parse.phrase_ending_at(o)) {
            let ph = &parse.phrases[p];
            if holders::is_engagement_noun(texts[ph.head]) && !holders::is_practice_word(texts[ph.head]) {
                // (The practice word must name the engagement itself, right before its noun: "the
                // mentoring review window" is the review's window.)
                let named = ph.words.clone().rev().find(|&w| holders::is_practice_word(texts[w])).unwrap_or(ph.head);
                if named + 1 < ph.head {
                    return Holder::Not(NotEngagement::Measures);
                }
                let tokens = first + ph.words.start..first + ph.words.end;
                // (Said as a label says it: "Mentoring cycle: six months".)
                return Holder::Phrase { tokens, head: first + named, via: Via::Label, then: None, verb: None };
            }
        }
    }
    // A topic worded as a question that opens its sentence ("How it works, how it helps
    // leaders, and why it matters.") is a title of what the text explains, not something the
    // engagement covers: only a verb before it ("learn how the industry works") makes it one.
    if cue.dimension == Dimension::Topics && words.start == 0 && lex::WH_WORDS.contains(texts[0]) {
        return Holder::Not(NotEngagement::Asked);
    }
    // An embedded question ("depending on how the mentorship is structured", "decide whether
    // coaching is time-bound") asks what is so; it says nothing is.
    if let Some(c) = parse.clause_of(words.start) {
        if let syntax::ClauseKind::Subordinate(m) = parse.clauses[c].kind {
            if matches!(texts[m], "how" | "whether") && m > 0 {
                return Holder::Not(NotEngagement::Asked);
            }
        }
    }
    // A verb of method in the passive ("each coach is instructed to ...", "mentors are told
    // what to do") says what is done to its subject: when the subject is the guide, it is not
    // how the guide works.
    if cue.dimension == Dimension::Method {
        if let Some(c) = parse.clause_of(words.start) {
            let passive_here =
                parse.clauses[c].verb.is_some_and(|v| parse.verbs[v].passive && words.contains(&parse.verbs[v].head));
            let subject_is_guide = parse.subject_phrase(c).is_some_and(|s| {
                let head = texts[parse.phrases[s].head];
                cm_core::WordForm::lookup(head).is_some_and(|f| f.role == cm_core::Role::Guide)
            });
            if passive_here && subject_is_guide {
                return Holder::Not(NotEngagement::Undergone);
            }
        }
    }
    // What a passive verb of giving gives its subject ("mentors are provided with clarity about
    // their role", "coaches are supplied with advice on ..."): the subject receives it, so it is
    // no trait of how the subject works. (A form or a length stays: what is given may be the
    // engagement itself, "mentees are provided with a six-month programme".)
    let received_dimension = !matches!(cue.dimension, Dimension::Form | Dimension::Duration);
    if let Some(p) = parse.phrase_of(words.start).filter(|_| received_dimension) {
        let ph = &parse.phrases[p];
        let with = ph.prep.filter(|&prep| texts[prep] == "with" && prep + 1 == ph.words.start);
        let given = with.and_then(|prep| prep.checked_sub(1)).and_then(|v| parse.verb_of(v)).is_some_and(|v| {
            let vg = &parse.verbs[v];
            vg.passive && vg.lemma.is_some_and(|l| lex::GIVING_VERBS.contains(l))
        });
        if given {
            return Holder::Not(NotEngagement::Undergone);
        }
    }
    // A comparative that modifies a guide's noun ("pair new coaches with a more experienced
    // coach") compares guides with one another: experience at guiding, not the guide's standing
    // over the person guided.
    if cue.dimension == Dimension::Guide && matches!(texts[words.start], "more" | "less") {
        if let Attachment::Modifies(p) = attach(parse, texts, words.clone()).0 {
            let ph = &parse.phrases[p];
            let guide_noun = ph.head >= words.end
                && cm_core::WordForm::lookup(texts[ph.head]).is_some_and(|f| f.role == cm_core::Role::Guide);
            if guide_noun {
                return Holder::Not(NotEngagement::AmongGuides);
            }
        }
    }
    // "Own" refers to the doer of its clause: in "helps you find answers in your own
    // experience" that is the person a verb of enabling helps, and the experience is theirs,
    // not the guide's, unless that person is named as a guide. (Only for the
    // mentor's trait of drawing on their own experience; "helps you find your own answers" is
    // the coach's method because the answers are the person's.)
    if matches!(cue.dimension, Dimension::Method | Dimension::Guide) && cue.practice == cm_core::Practice::Mentoring {
        if let Some(own) = words.clone().find(|&w| texts[w] == "own") {
            if let Some(helped) = own_binder(parse, texts, own) {
                let head = texts[parse.phrases[helped].head];
                if !cm_core::WordForm::lookup(head).is_some_and(|f| f.role == cm_core::Role::Guide) {
                    return Holder::Not(NotEngagement::OwnersOwn);
                }
            }
        }
    }
    // A noun for a person that is itself its clause's subject ("a facilitator will announce
    // when to rotate") names that person: it says nothing of anyone else.
    if matches!(cue.dimension, Dimension::Method | Dimension::Guide) {
        if let Some(c) = parse.clause_of(words.start) {
            let subject = parse.subject_phrase(c).filter(|&s| words.contains(&parse.phrases[s].head));
            let own = matches!(parse.clauses[c].subject, syntax::Subject::Phrase(_));
            if let Some(s) = subject.filter(|_| own) {
                let head = parse.phrases[s].head;
                if matches!(parse.words[head].pos, syntax::Pos::Noun) && lex::may_name_a_person(texts[head]) {
                    return Holder::Not(NotEngagement::Person);
                }
            }
        }
    }
    // The person whom a verb's object control makes an infinitive's subject ("a coach helps
    // each new starter draw on their lived experience", "ask participants to share their
    // stories") is the one acted on, not the guide, unless a practice word names them.
    if matches!(cue.dimension, Dimension::Method | Dimension::Guide) {
        if let Some(c) = parse.clause_of(words.start) {
            let cl = &parse.clauses[c];
            if let (syntax::ClauseKind::Infinitive, syntax::Subject::Shared(p)) = (cl.kind, cl.subject) {
                let controlled = c > 0 && parse.clauses[..c].iter().any(|o| o.objects.contains(&p));
                let ph = &parse.phrases[p];
                let named = ph.words.clone().any(|w| holders::is_practice_word(texts[w]));
                if controlled && !named && lex::may_name_a_person(texts[ph.head]) {
                    return Holder::Not(NotEngagement::OtherPerson);
                }
            }
        }
    }
    // A noun for a person ("facilitator", "advisors", "experts") names what the practice's guide
    // is only when the text says the guide is one: the predicate of a copula ("mentors are
    // facilitators"), an "as" or "like" phrase ("acts as an adviser") or a label. As the agent
    // of a passive ("interviewed by the Facilitator"), an item of a list of roles ("roles
    // including facilitator, coordinator and coach") or any other object, it is someone else,
    // or a role among others.
    if matches!(cue.dimension, Dimension::Method | Dimension::Guide) && via == Via::Predicate {
        if let Some(p) = parse.phrase_of(words.start).filter(|&p| words.contains(&parse.phrases[p].head)) {
            let ph = &parse.phrases[p];
            let person = matches!(parse.words[ph.head].pos, syntax::Pos::Noun | syntax::Pos::Propn)
                && parse.verb_of(ph.head).is_none()
                && lex::may_name_a_person(texts[ph.head]);
            // ("Mentors are trained facilitators": a verb group with "be" before the noun
            // predicates it, even read as a passive.)
            // (A conjunct shares the preposition of the phrase before it: "by the Director and/or
            // Facilitator".)
            let mut joined = ph.words.start;
            while joined > 0 && matches!(texts[joined - 1], "and" | "or" | "/" | "&") {
                joined -= 1;
            }
            let shared_prep = (joined < ph.words.start)
                .then(|| parse.phrase_ending_at(joined))
                .flatten()
                .and_then(|q| parse.phrases[q].prep);
            let prep = ph.prep.or(shared_prep);
            let be_before = prep.is_none()
                && parse.clause_of(ph.head).and_then(|c| parse.clauses[c].verb).is_some_and(|v| {
                    let vg = &parse.verbs[v];
                    vg.words.end <= ph.words.start
                        && (vg.copula
                            || vg.words.clone().any(|w| matches!(parse.words[w].lemma, Some("be" | "become"))))
                });
            let predicative = be_before || prep.is_some_and(|prep| matches!(texts[prep], "as" | "like"));
            if person && !predicative {
                return Holder::Not(NotEngagement::OtherPerson);
            }
        }
    }
    if let Attachment::Modifies(p) = attachment {
        let ph = &parse.phrases[p];
        let gerunds = words.clone().all(|w| parse.words[w].form == Some(lex::VerbForm::Gerund));
        if gerunds && ph.head >= words.end && !super::attach::names_a_holder(texts[ph.head]) {
            return Holder::Not(NotEngagement::KindOf);
        }
    }
    // What someone wants, needs or looks for is not said to be so: "managers who want advice
    // from a veteran" asserts no advice of any practice.
    let clause_verb = parse.clause_of(words.start).and_then(|c| parse.clauses[c].verb).map(|v| &parse.verbs[v]);
    if clause_verb
        .is_some_and(|v| !v.negated && v.lemma.or(Some(texts[v.head])).is_some_and(|l| DESIRE_VERBS.contains(&l)))
    {
        return Holder::Wanted;
    }
    // A focus or a topic is the engagement's only when the text says it aims at it: a verb of
    // aiming ("focuses on", "improves", "helps with"), a copula ("coaching is about
    // performance"), or a modifier of the engagement ("performance coaching"). Named as the
    // object of any other verb, it is mentioned in passing.
    let modifies_other = match attachment {
        Attachment::Modifies(p) => !holders::is_engagement_noun(texts[parse.phrases[p].head]),
        _ => false,
    };
    // A focus or a topic inside a phrase of time ("throughout the trainees' decision-making
    // process", "during the performance review") says when the work happens, not what it is
    // about.
    if matches!(cue.dimension, Dimension::Focus | Dimension::Topics)
        && parse
            .phrase_of(words.start)
            .and_then(|p| parse.phrases[p].prep)
            .is_some_and(|r| matches!(texts[r], "throughout" | "during"))
    {
        return Holder::Not(NotEngagement::InPassing);
    }
    // A topic that is one item inside a list of several ("leadership, teamwork, decision making,
    // and interpersonal skills") is one area among many, not what the engagement is about.
    if cue.dimension == Dimension::Topics {
        let at = |k: usize| texts.get(k).copied().unwrap_or("");
        let inside_list = words.start > 0
            && at(words.start - 1) == ","
            && matches!(at(words.end), "," | "and" | "or")
            && (words.start.saturating_sub(8)..words.start - 1).any(|k| at(k) == ",");
        if inside_list {
            return Holder::Not(NotEngagement::InPassing);
        }
    }
    if matches!(cue.dimension, Dimension::Focus | Dimension::Topics) && (via == Via::Predicate || modifies_other) {
        let cue_has_verb = words.clone().any(|w| parse.verb_of(w).is_some());
        let lemma = parse.clause_of(words.start).and_then(|c| parse.clauses[c].verb).map(|v| {
            let vg = &parse.verbs[v];
            vg.lemma.unwrap_or(texts[vg.head])
        });
        let aims = lemma.is_some_and(|l| FOCUS_VERBS.contains(&l));
        if !cue_has_verb && !aims {
            return Holder::Not(NotEngagement::InPassing);
        }
    }
    let tokens_of = |p: usize| first + parse.phrases[p].words.start..first + parse.phrases[p].words.end;
    // The clause's main verb: when it is a practice word ("participants are mentored over ten
    // weeks"), what is said in its verb phrase describes that practice.
    // (A gerund after a preposition is the manner or means of the verb before it: "she coached
    // me by telling me what to do" says how she coached. That verb counts when it is a
    // practice word.)
    let verb = (via == Via::Predicate)
        .then(|| {
            let c = parse.clause_of(words.start)?;
            let own = parse.clauses[c].verb;
            let start = parse.clauses[c].words.start;
            let after_preposition = parse.clauses[c].kind == syntax::ClauseKind::Infinitive
                && start > 0
                && parse.words[start - 1].pos == syntax::Pos::Prep;
            let governing = (after_preposition && c > 0)
                .then(|| parse.clauses[c - 1].verb)
                .flatten()
                .filter(|&v| holders::is_practice_word(texts[parse.verbs[v].head]));
            governing.or(own)
        })
        .flatten()
        .map(|v| first + parse.verbs[v].head);
    match attachment {
        Attachment::Subject(p) | Attachment::Label(p) => {
            // A copula's predicate is its subject ("our coaches are former directors who ...").
            // (A phrase is an object only of the clause it stands in.)
            let own_clause = parse.clause_of(parse.phrases[p].words.start).map(|c| &parse.clauses[c]);
            let then = own_clause
                .filter(|c| c.objects.contains(&p) && c.verb.is_some_and(|v| parse.verbs[v].copula))
                .and_then(|c| match c.subject {
                    syntax::Subject::Phrase(s) | syntax::Subject::Shared(s) => Some(tokens_of(s)),
                    _ => None,
                });
            // A role's "of" phrase names whose role it is: what is said of "the role of a peer
            // coach" is said of the peer coach.
            let then = then.or_else(|| parse.role_owner(texts, p).map(tokens_of));
            // A relative clause's antecedent that another clause pairs, places or matches ("our
            // coaching programme pairs each hire with a senior leader who shares advice") is a
            // person of that clause's subject: whose engagement it is names the practice.
            let in_relative =
                parse.clause_of(words.start).is_some_and(|c| parse.clauses[c].kind == syntax::ClauseKind::Relative);
            let then = then.or_else(|| {
                in_relative.then(|| {
                    own_clause.filter(|c| c.objects.contains(&p) || c.adjuncts.contains(&p)).and_then(|c| {
                        match c.subject {
                            syntax::Subject::Phrase(s) if s != p => Some(tokens_of(s)),
                            _ => None,
                        }
                    })
                })?
            });
            // A coordinated subject holds what is said of it in each conjunct ("Mentoring pairs
            // and groups work together for eight months"): the conjuncts before the last are
            // looked at when the last names no practice.
            let subject = matches!(attachment, Attachment::Subject(_));
            let then = then.or_else(|| {
                let before = parse.conjuncts_before(texts, p);
                (subject && !before.is_empty())
                    .then(|| first + parse.phrases[before.start].words.start..first + parse.phrases[p].words.start)
            });
            Holder::Phrase { tokens: tokens_of(p), head: first + parse.phrases[p].head, via, then, verb }
        }
        Attachment::Modifies(p) => {
            let head = parse.phrases[p].head;
            let clause = parse.clause_of(words.start);
            let subject = clause.and_then(|c| parse.subject_phrase(c)).filter(|&s| s != p);
            // The whole subject, its coordinated conjuncts included.
            let then = subject.filter(|_| holders::is_engagement_noun(texts[head])).map(|s| {
                let from = parse.conjuncts_before(texts, s).start;
                first + parse.phrases[from].words.start..first + parse.phrases[s].words.end
            });
            Holder::Phrase { tokens: tokens_of(p), head: first + head, via, then, verb: None }
        }
        Attachment::Reader => Holder::Reader,
        Attachment::Context => Holder::Context,
        Attachment::Beneficiary => Holder::Not(NotEngagement::Affordance),
    }
}

/// Nouns that name a part of a whole given by their "of" phrase.
const PARTITIVE_NOUNS: &[&str] = &[
    "part",
    "parts",
    "component",
    "components",
    "element",
    "elements",
    "piece",
    "portion",
    "strand",
    "strands",
    "segment",
];

/// Verbs of wanting: their object is desired, not asserted.
const DESIRE_VERBS: &[&str] = &["want", "need", "seek", "wish", "hope", "crave", "desire", "prefer"];

/// Verbs that say what an engagement aims at or works on.
const FOCUS_VERBS: &[&str] = &[
    "focus",
    "center",
    "centre",
    "aim",
    "target",
    "concentrate",
    "revolve",
    "address",
    "cover",
    "improve",
    "build",
    "develop",
    "support",
    "help",
    "boost",
    "raise",
    "tackle",
    "work",
    "prioritise",
    "prioritize",
    "emphasise",
    "emphasize",
    "drive",
    "serve",
    "mean",
    "explore",
    "strengthen",
    "enhance",
    "grow",
    // What counts as success, and what is covered: "judged on performance", "involves a new role".
    "judge",
    "measure",
    "assess",
    "evaluate",
    "track",
    "include",
    "involve",
    "learn",
    "navigate",
    "master",
];

/// The person that "own" at word `own` refers to when a verb of enabling names them: the
/// verb's person object when a second verb follows it ("helps the mentee reflect on their own
/// ...", "encourages clients to draw on their own ..."). (When "own" refers to its clause's
/// subject, the subject is the holder, and a person guided holds no guide's trait.)
fn own_binder(parse: &syntax::Parse, texts: &[&str], own: usize) -> Option<usize> {
    let clause = &parse.clauses[parse.clause_of(own)?];
    let lemma = clause.verb.map(|v| parse.verbs[v].lemma.unwrap_or(texts[parse.verbs[v].head]))?;
    if !lex::ENABLING_VERBS.contains(lemma) {
        return None;
    }
    clause.objects.iter().copied().find(|&o| {
        let ph = &parse.phrases[o];
        // (The person must do a second verb: "helps clients find answers in their own
        // experience", not "helps clients with lessons from their own careers".)
        let does = (ph.words.end..own).any(|w| matches!(parse.words[w].pos, syntax::Pos::Verb | syntax::Pos::To));
        let head = texts[ph.head];
        ph.words.end <= own
            && does
            && (lex::OBJECT_PRONOUNS.contains(head) || lex::may_name_a_person(head) || holders::is_practice_word(head))
    })
}

/// Whether a holder's head noun names a person who is guided or attends, not the guide:
/// "attendees ask questions" says nothing of the guide's method. A team is the group a
/// coach or a manager works with ("the team already has the answers"); a team that provides
/// a service is not the guide either.
pub(crate) fn is_audience(head: &str) -> bool {
    let singular = head.strip_suffix('s').unwrap_or(head);
    matches!(
        singular,
        "attendee"
            | "participant"
            | "applicant"
            | "candidate"
            | "student"
            | "learner"
            | "trainee"
            | "intern"
            | "newcomer"
            | "hire"
            | "member"
            | "audience"
            | "contributor"
            | "employee"
            | "individual"
            | "team"
    )
}

/// An agenda driver found by structure: who leads, drives, owns or sets the engagement's
/// agenda, meetings or direction ("mentees drive the meetings", "the mentorship is led by the
/// mentee", "the mentee is the DRI for each session").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Driver {
    /// The block tokens of the phrase that drives.
    pub driver: Range<usize>,
    /// The block tokens of the whole expression (verb to object, or the copula's predicate).
    pub expression: Range<usize>,
    /// The object is the agenda, the direction or the topics (not only meetings or sessions).
    pub agenda_proper: bool,
    pub negated: bool,
}

/// The agenda, meetings or sessions that a driver noun ("the DRI", "the owner") is for: the
/// phrase right after it, governed by "for", "of" or "over", with at most a gerund between
/// ("the DRI for each session", "the owner of preparing the agenda").
fn agenda_after(parse: &syntax::Parse, texts: &[&str], role: usize) -> Option<usize> {
    let end = parse.phrases[role].words.end;
    if !matches!(texts.get(end).copied(), Some("for" | "of" | "over")) {
        return None;
    }
    let mut start = end + 1;
    if parse.words.get(start).is_some_and(|w| w.form == Some(lex::VerbForm::Gerund)) {
        start += 1;
    }
    let at = parse.phrases.partition_point(|p| p.words.start < start);
    parse.phrases.get(at).filter(|p| p.words.start == start && lex::AGENDA_OBJECTS.contains(texts[p.head])).map(|_| at)
}

/// The owner of a responsibility whose infinitive `clause` is, after an expletive "it" ("it is
/// your responsibility to ...", "it is the mentee's job to ..."): the words of the predicate
/// before its noun of a function ([`lex::ROLE_NOUNS`]), as word indices; or, when the possessed
/// noun of a function is the copula's subject ("the mentee's role is to ..."), the words of the
/// subject before it.
fn responsibility_owner(parse: &Parse, texts: &[&str], clause: &syntax::Clause) -> Option<Range<usize>> {
    let infinitive = |c: &syntax::Clause| {
        c.kind == syntax::ClauseKind::Infinitive
            || (c.kind == syntax::ClauseKind::Coordinated
                && c.words.clone().any(|w| parse.words[w].pos == syntax::Pos::To))
    };
    if !infinitive(clause) {
        return None;
    }
    // (Past the infinitives coordinated before it: "to identify the purpose and to drive the
    // agenda".)
    let at = parse.clauses.iter().rposition(|c| c.words.end <= clause.words.start && !infinitive(c))?;
    let between = &parse.clauses[at + 1..];
    if !between.iter().take_while(|c| !std::ptr::eq(*c, clause)).all(infinitive) {
        return None;
    }
    let before = &parse.clauses[at];
    let copula = before.verb.is_some_and(|v| parse.verbs[v].copula);
    if !copula {
        return None;
    }
    let subject = parse.subject_phrase(at);
    // "The mentee's role is to lead the meetings": a possessed noun of a function as the
    // copula's subject, with the infinitive as its whole predicate, says the same as the
    // expletive form; the possessor does the infinitive.
    if let Some(s) = subject.filter(|_| before.objects.is_empty()) {
        let ph = &parse.phrases[s];
        let possessed = (ph.words.start..ph.head)
            .any(|w| lex::POSSESSIVES.contains(texts[w]) || super::text::is_possessor(texts[w], ""));
        if lex::ROLE_NOUNS.contains(texts[ph.head]) && possessed {
            return Some(ph.words.start..ph.head);
        }
    }
    let it = subject.is_some_and(|s| texts[parse.phrases[s].head] == "it");
    if !it {
        return None;
    }
    let role = before.objects.iter().copied().find(|&o| lex::ROLE_NOUNS.contains(texts[parse.phrases[o].head]))?;
    let first = before.objects.first().map_or(parse.phrases[role].words.start, |&o| parse.phrases[o].words.start);
    let owner = first..parse.phrases[role].head;
    (!owner.is_empty()).then_some(owner)
}

/// The agenda drivers of one sentence.
pub(crate) fn agenda_drivers(parsed: &Parsed<'_>, sentence: &Sentence) -> Vec<Driver> {
    let (parse, texts) = (&parsed.parse, &parsed.texts[..]);
    let first = sentence.tokens.start;
    let head = |p: usize| texts[parse.phrases[p].head];
    let tokens_of = |p: usize| first + parse.phrases[p].words.start..first + parse.phrases[p].words.end;
    let proper = |word: &str| matches!(word, "agenda" | "agendas" | "direction" | "topic" | "topics");
    // Driving or steering the engagement itself sets its direction ("the coaching is driven by
    // the coach"); leading or running it may only host it.
    let steered = |p: usize, lemma: &str| {
        matches!(lemma, "drive" | "steer" | "direct" | "determine")
            && matches!(head(p), "coaching" | "mentoring" | "mentorship" | "relationship" | "relationships")
    };
    // The engagement's own meetings: "the meetings", "each session", "their 1:1s", "the
    // meeting agenda"; not "customer calls" or "team meetings", which another noun claims.
    let own = |p: usize| {
        let ph = &parse.phrases[p];
        (ph.words.start..ph.head).all(|w| {
            !matches!(parse.words[w].pos, syntax::Pos::Noun | syntax::Pos::Propn)
                || holders::is_practice_word(texts[w])
                || lex::AGENDA_OBJECTS.contains(texts[w])
                // (the first part of a hyphenated modifier: "bi-weekly")
                || texts.get(w + 1) == Some(&"-")
        })
    };
    // The driver is the practice word itself, or its goals or needs ("mentee goals should
    // drive the relationship"); not something of it ("the mentee's onboarding").
    let drives = |p: usize| {
        let h = head(p);
        holders::is_practice_word(h)
            || matches!(h, "goals" | "goal" | "needs" | "interests" | "priorities")
            || lex::SUBJECT_PRONOUNS.contains(h)
    };
    let mut out = Vec::new();
    for clause in &parse.clauses {
        let Some(v) = clause.verb else { continue };
        let vg = &parse.verbs[v];
        let subject = match clause.subject {
            syntax::Subject::Phrase(p) | syntax::Subject::Shared(p) => Some(p),
            _ => None,
        };
        let lemma = vg.lemma.unwrap_or(texts[vg.head]);
        if vg.copula {
            // "X is the DRI (owner, lead) for each session", "X is the owner of preparing the
            // agenda", and inverted, "the DRI for the agendas should be X".
            let (Some(s), Some(&o)) = (subject, clause.objects.first()) else { continue };
            let (driver, role) = if drives(s) && lex::DRIVER_NOUNS.contains(head(o)) {
                (s, o)
            } else if drives(o) && lex::DRIVER_NOUNS.contains(head(s)) {
                (o, s)
            } else {
                continue;
            };
            let Some(of) = agenda_after(parse, texts, role).filter(|&a| own(a)) else { continue };
            out.push(Driver {
                driver: tokens_of(driver),
                expression: tokens_of(role).start.min(tokens_of(driver).start)
                    ..tokens_of(of).end.max(tokens_of(driver).end),
                agenda_proper: proper(head(of)),
                negated: vg.negated,
            });
            continue;
        }
        if !lex::DRIVER_VERBS.contains(lemma) {
            continue;
        }
        // "It is your responsibility to lead the sessions", "it is her or his job to drive the
        // agenda": after an expletive "it", the infinitive's doer is whoever the responsibility
        // (job, role, duty) belongs to, the words before that noun.
        if let Some(owner) = responsibility_owner(parse, texts, clause) {
            let Some(&o) = clause.objects.iter().find(|&&o| lex::AGENDA_OBJECTS.contains(head(o)) && own(o)) else {
                continue;
            };
            out.push(Driver {
                driver: first + owner.start..first + owner.end,
                expression: first + owner.start..tokens_of(o).end,
                agenda_proper: proper(head(o)),
                negated: vg.negated,
            });
            continue;
        }
        if vg.passive {
            // "The mentorship is led by the mentee".
            let Some(s) = subject.filter(|&s| lex::AGENDA_OBJECTS.contains(head(s)) && own(s)) else { continue };
            let by = parse.agent(texts, clause);
            let Some(by) = by.filter(|&b| drives(b)) else { continue };
            out.push(Driver {
                driver: tokens_of(by),
                expression: first + vg.words.start..tokens_of(by).end,
                agenda_proper: proper(head(s)) || steered(s, lemma),
                negated: vg.negated,
            });
        } else {
            // "Mentees drive the meetings"; "the mentee drives the goals of the mentorship" (an
            // engagement's goals, or a session's, are its direction).
            let Some(s) = subject.filter(|&s| drives(s)) else { continue };
            let engagement_goals = |o: usize| {
                matches!(head(o), "goals" | "goal" | "objectives" | "priorities")
                    && agenda_after(parse, texts, o).is_some_and(own)
            };
            let Some(&o) = clause
                .objects
                .iter()
                .find(|&&o| (lex::AGENDA_OBJECTS.contains(head(o)) && own(o)) || engagement_goals(o))
            else {
                continue;
            };
            out.push(Driver {
                driver: tokens_of(s),
                expression: first + vg.words.start..tokens_of(o).end,
                agenda_proper: proper(head(o)) || steered(o, lemma),
                negated: vg.negated,
            });
        }
    }
    out
}
