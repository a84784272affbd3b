#![doc = include_str!("mixed_roles.md")]

use std::collections::BTreeMap;

use cm_core::{Practice, Role};

use super::RuleMeta;
use crate::analysis::lexicon;
use crate::analysis::mentions::Mention;
use crate::analysis::Analysis;
use crate::prose::BlockKind;
use crate::{Applicability, Diagnostic, Severity};

pub(crate) static META: RuleMeta = RuleMeta {
    id: super::Rule::MixedRoles,
    file: "mixed_roles",
    code: "CM002",
    name: "mixed-roles",
    summary: "One relationship is described with role words from both practices",
    doc: include_str!("mixed_roles.md"),
    default_severity: Severity::Warning,
    check,
};

/// Words after "client" that make it a business's customer, not a coaching client.
const BUSINESS_AFTER: &[&str] = &[
    "project",
    "projects",
    "meeting",
    "meetings",
    "account",
    "accounts",
    "service",
    "services",
    "base",
    "work",
    "side",
    "facing",
    "list",
    "portfolio",
    "in",
    "of",
    "data",
    "site",
    "sites",
    "feedback",
    "satisfaction",
];
const BUSINESS_BEFORE: &[&str] = &[
    "difficult",
    "big",
    "key",
    "major",
    "corporate",
    "external",
    "prospective",
    "paying",
    "existing",
    "potential",
    "new",
    "business",
    "our",
    "retail",
    "enterprise",
    "largest",
    "biggest",
    "with",
    "large",
    "major",
];

fn check(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>) {
    let mut scopes: Vec<Vec<usize>> = Vec::new();
    // Article, "roles": a coach works with a client (coachee), a mentor with a mentee (protégé).
    // One scope per clause between semicolons: "a coach with a client; a mentor with a mentee".
    for sentence in &analysis.sentences {
        let view = &analysis.views[sentence.block];
        let mut by_clause: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        // The clause of each mention: the splits before its token, counted in one pass (the
        // sentence's mentions are in token order).
        let (mut clause, mut next) = (0, sentence.tokens.start);
        for idx in sentence.mentions.clone() {
            let token = analysis.mentions[idx].token;
            while next < token {
                clause += usize::from(splits_pairs(&view.norm, &view.tokens, next));
                next += 1;
            }
            by_clause.entry(clause).or_default().push(idx);
        }
        scopes.extend(by_clause.into_values());
    }
    scopes.extend(table_rows(analysis));
    scopes.extend(record_lists(analysis));
    scopes.extend(heading_scopes(analysis));
    let mut seen = std::collections::BTreeSet::new();
    // Whether each mention counts, asked once (a heading's words stand in the scope of every
    // sentence under it), and which sentences say "respectively" (found once per sentence).
    let counted: Vec<bool> = (0..analysis.mentions.len()).map(|i| counts(analysis, i)).collect();
    let respectively: Vec<bool> = analysis
        .sentences
        .iter()
        .map(|s| {
            memchr::memmem::find(&analysis.views[s.block].norm.as_bytes()[s.start..s.end], b"respectively").is_some()
        })
        .collect();
    for scope in scopes {
        let roles: Vec<usize> = scope.into_iter().filter(|&i| counted[i]).collect();
        if roles.iter().any(|&i| respectively[analysis.mentions[i].sentence]) || respective(analysis, &roles) {
            continue;
        }
        if let Some((first, second)) = crossing(analysis, &roles) {
            if seen.insert(second) {
                acc.push(diagnostic(analysis, &analysis.mentions[first], &analysis.mentions[second]));
            }
        }
    }
}

/// Clause breaks that separate two pairings in one sentence: a semicolon, ", as" / ", because"
/// before a subject, or ", and" / ", but" / "while" / "whereas" before a new subject ("mentors
/// with their mentee, and coaches with their client").
fn splits_pairs(norm: &str, tokens: &[crate::analysis::text::Token], idx: usize) -> bool {
    let word = tokens[idx].text(norm);
    if word == ";" || matches!(word, "while" | "whereas" | "whilst") {
        return true;
    }
    let comma_before = idx > 0 && tokens[idx - 1].text(norm) == ",";
    // A reason given in a clause of its own (", as mentors share advice with the mentee",
    // ", because coaches ..."): its subject starts a pairing of its own.
    let reason = comma_before
        && matches!(word, "as" | "because" | "since")
        && tokens.get(idx + 1).is_some_and(|t| {
            let next = t.text(norm);
            crate::analysis::text::opens_a_subject(next) || crate::analysis::holders::is_practice_word(next)
        });
    reason
        || comma_before
            && matches!(word, "and" | "but" | "or")
            && crate::analysis::text::is_clause_boundary(norm, tokens, idx)
}

/// Whether a mention takes part in a role pairing.
fn counts(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    if !m.sense || (m.meta && m.quoted) || analysis.sentences[m.sentence].neutral {
        return false;
    }
    // A word set aside by a contrast ("distinct from most coaches", "unlike a coach") names
    // the other practice to compare with, not a role in this relationship.
    // (Not a bare comparative: "the mentor is more experienced than the client" compares the
    // two people of one relationship.)
    if m.excluded && !compared_with_than(analysis, idx) {
        return false;
    }
    // An activity word with an object pronoun after it is a verb ("coaching them through
    // challenges", "mentor her"): it names what someone does, not a role in the relationship.
    if m.role() == Role::Activity && object_pronoun_after(analysis, idx) {
        return false;
    }
    if coordinated_with_a_verb(analysis, idx) || parsed_as_verb(analysis, idx) {
        return false;
    }
    // What someone else is said to think ("the mentor thinks it's coaching") is their view of
    // the relationship, not a role in it.
    if analysis.in_reported_view(idx) {
        return false;
    }
    if m.role() == Role::Activity
        && (names_a_method(analysis, idx)
            || activities_side_by_side(analysis, idx)
            || names_a_field(analysis, idx)
            || one_means_of_several(analysis, idx))
    {
        return false;
    }
    if fused_with_other(analysis, idx) || in_capacity_list(analysis, idx) {
        return false;
    }
    !m.is_client() || client_is_role(analysis, idx)
}

/// Whether the sentence's parse makes the word a verb ("a coach's duty is to mentor their
/// coachees", "each coach will mentor two coachees"): it then names what someone does, not a
/// person in the relationship.
fn parsed_as_verb(analysis: &Analysis<'_>, idx: usize) -> bool {
    use crate::analysis::syntax::{Pos, Subject};
    let m = &analysis.mentions[idx];
    // Only where a verb reading is possible is the sentence parsed (most role words stand
    // after a determiner or before punctuation): right after "to", a modal or an auxiliary, or
    // before what opens an object (a determiner, a possessive, an object pronoun).
    let view = &analysis.views[m.block];
    let sentence = &analysis.sentences[m.sentence];
    let word = |t: usize| sentence.tokens.contains(&t).then(|| view.tokens[t].text(&view.norm));
    let marked_before = m
        .token
        .checked_sub(1)
        .and_then(word)
        .is_some_and(|w| w == "to" || lexicon::MODALS.contains(w) || lexicon::auxiliary(w).is_some());
    let object_after = word(m.token + 1).is_some_and(|w| {
        lexicon::DETERMINERS.contains(w)
            || lexicon::POSSESSIVES.contains(w)
            || matches!(w, "them" | "him" | "her" | "you" | "us" | "me")
    });
    // "Coach and assist the protégé": a base form that opens its clause, joined by "and" or
    // "or" to a verb, is an imperative listed with that verb.
    let joined_to_verb = word(m.token + 1).is_some_and(|w| matches!(w, "and" | "or"))
        && word(m.token + 2).is_some_and(|w| lexicon::verb(w).is_some_and(|(_, form)| form == lexicon::VerbForm::Base));
    if !marked_before && !object_after && !joined_to_verb {
        return false;
    }
    let parse = analysis.parse(m.sentence);
    let head_of_verb = |w: usize| parse.verb_of(w).is_some_and(|v| parse.verbs[v].head == w);
    let Some(w) = parse.word_at(m.token).filter(|&w| head_of_verb(w)) else { return false };
    // Only a verb the sentence shows to be one: right after "to", a modal or an auxiliary, or
    // right after its own subject ("our mentors coach their mentees"). A bare verb reading at
    // the start of a fragment ("Coach name", a form's label) is an imperative only by default,
    // and one after a gerund ("recruiting coaches") an object read as a verb: a role word there
    // is the noun it looks like.
    let marked = w > 0 && matches!(parse.words[w - 1].pos, Pos::To | Pos::Modal | Pos::Aux);
    let subject = parse.clause_of(w).map(|c| parse.clauses[c].subject);
    let after_subject = matches!(subject, Some(Subject::Phrase(p)) if parse.phrases[p].words.end == w);
    let imperative = joined_to_verb && matches!(subject, Some(Subject::Reader));
    marked || after_subject || imperative
}

/// Whether the word is a verb coordinated with another verb and followed by its object: "the
/// mentor supports or coaches the mentee" (a third-person verb, "or"/"and", the word, then a
/// determiner or a number: "coach and mentor two to five clients") says what the mentor does,
/// it names no coach.
fn coordinated_with_a_verb(analysis: &Analysis<'_>, idx: usize) -> bool {
    use crate::analysis::lexicon::{self, VerbForm};
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let word = |t: usize| view.tokens.get(t).map_or("", |t| t.text(&view.norm));
    let t = m.token;
    let joined = t >= 2 && matches!(word(t - 1), "or" | "and");
    // (A noun phrase cannot follow a plural noun directly, so a determiner after the word
    // settles a word like "supports" as the verb it can be.)
    let verb_before =
        joined && lexicon::verb(word(t - 2)).is_some_and(|(_, form)| matches!(form, VerbForm::Third | VerbForm::Base));
    let object_after = matches!(word(t + 1), "the" | "a" | "an" | "their" | "his" | "her" | "your" | "each" | "every")
        || lexicon::is_number_word(word(t + 1))
        || view.tokens.get(t + 1).is_some_and(|n| n.kind == crate::analysis::text::TokenKind::Number);
    if verb_before && object_after {
        return true;
    }
    // "The mentor guides, coaches, and teaches the protégé": a third-person form joined to a
    // third-person verb before it is one of the things the subject does; one of its
    // neighbours in the series must be a verb that is no noun, or the series may be a list of
    // nouns ("guides, coaches and mentors").
    let third = |w: &str| lexicon::verb(w).filter(|&(_, form)| form == VerbForm::Third).map(|(lemma, _)| lemma);
    let pure_verb = |w: &str| third(w).is_some_and(|lemma| !lexicon::NOUN_VERBS.contains(lemma));
    let mut next = t + 1;
    while matches!(word(next), "," | "and" | "or") {
        next += 1;
    }
    // (The word itself a third-person form: in "a foreman or coach assists the protégé",
    // "coach" is a noun.)
    t >= 2
        && matches!(word(t - 1), "," | "and" | "or")
        && third(word(t)).is_some()
        && (pure_verb(word(t - 2)) || pure_verb(word(next)))
}

/// Whether the mention follows a bare comparative "than" ("more experienced than the client"),
/// not "rather than" or "other than".
fn compared_with_than(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let word = |t: usize| view.tokens.get(t).map_or("", |t| t.text(&view.norm));
    let mut t = m.token;
    while t > 0
        && matches!(word(t - 1), "a" | "an" | "the" | "their" | "your" | "his" | "her" | "our" | "most" | "many")
    {
        t -= 1;
    }
    t >= 1 && word(t - 1) == "than" && !(t >= 2 && matches!(word(t - 2), "rather" | "other"))
}

/// Whether an object pronoun follows the mention: "coaching them", "mentoring him".
fn object_pronoun_after(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let next = view.tokens.get(m.token + 1).map_or("", |t| t.text(&view.norm));
    matches!(next, "them" | "him" | "her" | "me" | "us" | "themselves" | "himself" | "herself")
}

/// Whether an activity word is coordinated with the other practice's activity word ("in any
/// coaching or mentoring relationship", "coaching and mentoring skills"): the two practices
/// named side by side, generically, not the kind of one relationship whose roles follow.
/// (A slash or hyphen fuses them instead: that is CM001's question, and a role word joined to
/// an activity, "coach and mentoring", is no such pair.)
fn activities_side_by_side(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    if !m.joint {
        return false;
    }
    let view = &analysis.views[analysis.sentences[m.sentence].block];
    let partner = |other: usize| {
        let o = &analysis.mentions[other];
        if o.sentence != m.sentence {
            return false;
        }
        let (a, b) = if other < idx { (o, m) } else { (m, o) };
        let between = view.norm.get(view.tokens[a.token].end..view.tokens[b.token].start).unwrap_or("").trim();
        o.joint
            && o.role() == Role::Activity
            && o.practice() != m.practice()
            && !matches!(between, "/" | "-" | "–" | "—" | "‐")
    };
    (idx > 0 && partner(idx - 1)) || (idx + 1 < analysis.mentions.len() && partner(idx + 1))
}

/// Whether the word is joined by a slash to the other practice's word for the same role
/// ("coach/mentor", "coachee / mentee"): one role with two names (CM001), not a role of either
/// practice in a pairing.
fn fused_with_other(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let joined = |a: &crate::analysis::mentions::Mention, b: &crate::analysis::mentions::Mention| {
        a.block == b.block
            && a.practice() != b.practice()
            && a.role() == b.role()
            && a.end <= b.start
            && view.norm[a.end..b.start].trim() == "/"
    };
    let before = idx.checked_sub(1).map(|i| &analysis.mentions[i]).is_some_and(|p| joined(p, m));
    let after = analysis.mentions.get(idx + 1).is_some_and(|n| joined(m, n));
    before || after
}

/// Whether the word is one of a list of capacities someone serves in ("serve as teachers,
/// coaches, advocates and confidants"): what they do (CM001's question), not a role paired with
/// a person.
fn in_capacity_list(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let word = |t: usize| view.tokens[t].text(&view.norm);
    // Back over the list (items of one or two words between commas, "and" and "or") to "as" and
    // the verb before it.
    let mut t = m.token;
    let mut run = 0;
    for _ in 0..12 {
        let Some(prev) = t.checked_sub(1) else { return false };
        t = prev;
        match word(t) {
            "as" => {
                return t > 0
                    && matches!(
                        word(t - 1),
                        "serve"
                            | "serves"
                            | "serving"
                            | "served"
                            | "act"
                            | "acts"
                            | "acting"
                            | "acted"
                            | "function"
                            | "functions"
                            | "double"
                            | "doubles"
                    );
            }
            "," | "and" | "or" => run = 0,
            "a" | "an" => {}
            w if w.chars().all(char::is_alphabetic) && run < 2 => run += 1,
            _ => return false,
        }
    }
    false
}

/// Whether an activity word is one item of a list of three or more ("through coaching,
/// assignments, and exposure"), the others not the practices' words: one means among several
/// that a relationship uses, not the kind of relationship whose roles follow.
fn one_means_of_several(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let sentence = &analysis.sentences[m.sentence];
    let word = |t: usize| view.tokens[t].text(&view.norm);
    // Items of one or two words, separated by commas, "and" or "or" (a comma and a conjunction
    // together are one separator).
    // The mention's own item is the word and at most one modifier before it; the list goes on
    // only from a separator right next to that item.
    let scan = |step: isize| -> (usize, bool) {
        let own = if step < 0 { 1 } else { 0 };
        let (mut separators, mut comma, mut run, mut last_sep) = (0, false, own, false);
        let mut t = m.token as isize;
        for _ in 0..12 {
            t += step;
            if t < sentence.tokens.start as isize || t >= sentence.tokens.end as isize {
                break;
            }
            let w = word(t as usize);
            if crate::analysis::holders::is_practice_word(w) {
                return (0, false);
            }
            match w {
                "," | "and" | "or" => {
                    if !last_sep {
                        separators += 1;
                    }
                    comma |= w == ",";
                    last_sep = true;
                    run = 0;
                }
                w if w.chars().all(char::is_alphabetic) && run < 2 && (separators > 0 || step < 0) => {
                    run += 1;
                    last_sep = false;
                }
                _ => break,
            }
        }
        // (A separator with no item after it ends no item.)
        (separators - usize::from(last_sep && separators > 0), comma)
    };
    let (before, comma_before) = scan(-1);
    let (after, comma_after) = scan(1);
    before + after >= 2 && (comma_before || comma_after)
}

/// Whether an activity word ("coaching", "mentoring") only names a way of working before a noun
/// of method ("coaching methods", "mentoring skills"): a technique borrowed from a practice, not
/// a role in the relationship ("use coaching techniques with your mentee").
fn names_a_method(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let word = |i: usize| view.tokens.get(i).map_or("", |t| t.text(&view.norm));
    // The same noun before "of" ("aspects of coaching", "the principles of mentoring").
    let before_of = m.token >= 2 && word(m.token - 1) == "of" && {
        let noun = word(m.token - 2);
        is_method_noun(noun) || matches!(noun, "aspects" | "elements" | "parts")
    };
    before_of || is_method_noun(word(m.token + 1))
}

/// Whether an activity word after "in" names a field of work that people are in ("women in
/// coaching", "careers in mentoring", "those working in coaching"): a profession, not the
/// kind of one relationship.
fn names_a_field(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let word = |i: usize| view.tokens.get(i).map_or("", |t| t.text(&view.norm));
    if m.token < 2 || word(m.token - 1) != "in" {
        return false;
    }
    let before = word(m.token - 2);
    matches!(
        before,
        "career"
            | "careers"
            | "work"
            | "working"
            | "jobs"
            | "job"
            | "women"
            | "men"
            | "people"
            | "those"
            | "professionals"
    )
}

/// Nouns of a way of working: "coaching skills", "mentoring principles".
fn is_method_noun(word: &str) -> bool {
    matches!(
        word,
        "method"
            | "methods"
            | "technique"
            | "techniques"
            | "skill"
            | "skills"
            | "tool"
            | "tools"
            | "style"
            | "styles"
            | "approach"
            | "approaches"
            | "mindset"
            | "questions"
            | "principles"
            | "practices"
    )
}

/// "client" is the coaching role only when it is somebody's client in the programme: a
/// "mentoring client", a "mentor–client" pair, or a mentor's clients in the same sentence.
fn client_is_role(analysis: &Analysis<'_>, idx: usize) -> bool {
    let m = &analysis.mentions[idx];
    let view = &analysis.views[m.block];
    let word = |i: usize| view.tokens.get(i).map_or("", |t| t.text(&view.norm));
    let prev = word(m.token.wrapping_sub(1));
    let prev2 = word(m.token.wrapping_sub(2));
    if prev == "mentoring" || (matches!(prev, "-" | "–" | "/") && prev2.starts_with("mentor")) {
        return true;
    }
    let next = if matches!(word(m.token + 1), "-" | "–") { word(m.token + 2) } else { word(m.token + 1) };
    if BUSINESS_AFTER.contains(&next) || BUSINESS_BEFORE.contains(&prev) || next == "facing" {
        return false;
    }
    // "Client matters", "client deadlines": "client" modifying a noun of the firm's work names
    // the firm's customers; only the engagement's own nouns ("client sessions", "the client
    // agenda") keep it the person guided.
    // (A possessive is no modifier: "[Client's Name]" is the client's.)
    let possessive = crate::analysis::text::is_possessor(word(m.token), word(m.token + 1));
    let parse = analysis.parse(m.sentence);
    let modifier = !possessive
        && parse.word_at(m.token).and_then(|w| parse.phrase_of(w).map(|p| (w, &parse.phrases[p]))).is_some_and(
            |(w, ph)| {
                let head = word(parse.words[ph.head].token);
                ph.head == w + 1
                    && !crate::analysis::holders::is_engagement_noun(head)
                    && !lexicon::AGENDA_OBJECTS.contains(head)
            },
        );
    if modifier {
        return false;
    }
    analysis.sentences[m.sentence]
        .mentions
        .clone()
        .any(|j| j < idx && analysis.mentions[j].practice() == Practice::Mentoring && analysis.mentions[j].sense)
}

/// The first pair of crossed roles: a guided person of one practice with the guide or the
/// activity of the other.
///
/// (A sentence that says "respectively" pairs its lists outright, item by item, "mentors and
/// mentees ... coaches and coachees, respectively": the caller asks that first.)
///
/// Two coordinated lists that pair respectively ("matching coaches and mentors to coachees and
/// mentees"): the guides of both practices side by side, then the people guided in the same
/// order of practice. Each practice keeps its own pair; nothing crosses.
fn respective(analysis: &Analysis<'_>, roles: &[usize]) -> bool {
    let joined = |a: &Mention, b: &Mention| {
        a.block == b.block && a.token < b.token && {
            let view = &analysis.views[a.block];
            (a.token + 1..b.token).all(|t| matches!(view.tokens[t].text(&view.norm), "and" | "or" | "," | "/" | "&"))
        }
    };
    let pairs: Vec<(&Mention, &Mention)> = roles
        .windows(2)
        .map(|w| (&analysis.mentions[w[0]], &analysis.mentions[w[1]]))
        .filter(|(a, b)| joined(a, b) && a.practice() != b.practice() && a.role() == b.role())
        .collect();
    let guides = pairs.iter().find(|(a, _)| a.role() != Role::Guided);
    let guided = pairs.iter().find(|(a, _)| a.role() == Role::Guided);
    match (guides, guided) {
        (Some((g, _)), Some((p, _))) => g.practice() == p.practice() && roles.len() == 4,
        _ => false,
    }
}

/// The first mention of each kind (practice, guided or not) is all that needs remembering: the
/// pair is the first later mention of the other practice and the other kind of role, with the
/// first earlier mention that crosses it. One pass.
fn crossing(analysis: &Analysis<'_>, roles: &[usize]) -> Option<(usize, usize)> {
    let guided = |m: &Mention| m.role() == Role::Guided;
    let kind = |m: &Mention| usize::from(m.practice() == Practice::Mentoring) * 2 + usize::from(guided(m));
    let mut first: [Option<usize>; 4] = [None; 4];
    for &j in roles {
        let k = kind(&analysis.mentions[j]);
        // The other practice (flip the high bit) and the other kind of role (flip the low bit).
        if let Some(i) = first[k ^ 3] {
            return Some((i, j));
        }
        first[k].get_or_insert(j);
    }
    None
}

/// Mentions of each table row. A cell under a column headed by a practice belongs to that
/// column (a comparison table), not to its row.
fn table_rows(analysis: &Analysis<'_>) -> Vec<Vec<usize>> {
    let mut header_practice: BTreeMap<(u32, u32), bool> = BTreeMap::new();
    for (block, b) in analysis.blocks.iter().enumerate() {
        if let (BlockKind::TableCell { row: 0, column, .. }, Some(group)) = (b.kind, b.group) {
            let names_practice = analysis.views[block].mentions.clone().any(|i| analysis.mentions[i].sense);
            header_practice.insert((group, column), names_practice);
        }
    }
    let mut rows: BTreeMap<(u32, u32), Vec<usize>> = BTreeMap::new();
    for (block, b) in analysis.blocks.iter().enumerate() {
        if let (BlockKind::TableCell { row, column, .. }, Some(group)) = (b.kind, b.group) {
            if row > 0 && header_practice.get(&(group, column)).copied().unwrap_or(false) {
                continue;
            }
            rows.entry((group, row)).or_default().extend(analysis.views[block].mentions.clone());
        }
    }
    rows.into_values().collect()
}

/// Mentions of lists whose items are "Label: value" records ("Mentee: Sarah", "Coach: Tom").
fn record_lists(analysis: &Analysis<'_>) -> Vec<Vec<usize>> {
    let mut lists: BTreeMap<u32, (bool, Vec<usize>)> = BTreeMap::new();
    for (block, b) in analysis.blocks.iter().enumerate() {
        let Some(group) = b.group else { continue };
        if matches!(b.kind, BlockKind::TableCell { .. }) {
            continue;
        }
        // "Mentee: Sarah Lin", "Coach: ____": a role label with a name (or a blank) after it.
        let is_record = b.text.split_once(':').is_some_and(|(label, value)| {
            let value = value.trim_start();
            label.split_whitespace().count() <= 3
                && (value.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '_') || value.is_empty())
        });
        let entry = lists.entry(group).or_insert((true, Vec::new()));
        entry.0 &= is_record;
        // Records pair people: only role nouns count ("Mentee: Sarah", "Coach: Tom").
        entry.1.extend(analysis.views[block].mentions.clone().filter(|&i| {
            matches!(analysis.mentions[i].role(), Role::Guide | Role::Guided) && !analysis.mentions[i].verb
        }));
    }
    lists.into_values().filter(|(records, _)| *records).map(|(_, m)| m).collect()
}

/// A heading (or a short lead line such as "Dear coachee,") that names a person role, with each
/// sentence of its section.
fn heading_scopes(analysis: &Analysis<'_>) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (block, b) in analysis.blocks.iter().enumerate() {
        let view = &analysis.views[block];
        let heading_like = matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Term)
            || (b.emphasised && view.tokens.len() <= 12)
            || (view.tokens.len() <= 5 && b.text.trim_end().ends_with([',', ':']));
        if heading_like {
            let roles: Vec<usize> = view
                .mentions
                .clone()
                .filter(|&i| {
                    let m = &analysis.mentions[i];
                    // (Roles offered as a choice, "a coach or a mentor?", or asked about name no
                    // relationship for the section below.)
                    matches!(m.role(), Role::Guide | Role::Guided)
                        && !m.is_client()
                        && !m.verb
                        && !m.meta
                        && !analysis.sentences[m.sentence].question
                })
                .filter(|&i| counts(analysis, i))
                .collect();
            current = essentials(analysis, roles);
            continue;
        }
        if current.is_empty() {
            continue;
        }
        for s in view.sentences.clone() {
            let persons = analysis.sentences[s].mentions.clone().filter(|&i| {
                matches!(analysis.mentions[i].role(), Role::Guide | Role::Guided) && !analysis.mentions[i].verb
            });
            let mut scope = current.clone();
            scope.extend(persons);
            out.push(scope);
        }
    }
    out
}

/// Of a heading's role words (those that count), the ones [`crossing`] can use in a scope that
/// they start: their first crossing pair if they hold one (what follows them then changes
/// nothing), else the first of each kind (a later one of a kind can be neither the first of its
/// kind nor, as no earlier word crosses it, the second of a pair). At most four words, however
/// long the heading, so each sentence under it costs its own words only.
fn essentials(analysis: &Analysis<'_>, roles: Vec<usize>) -> Vec<usize> {
    if let Some((first, second)) = crossing(analysis, &roles) {
        return vec![first, second];
    }
    let kind = |i: usize| {
        let m = &analysis.mentions[i];
        (m.practice() == Practice::Mentoring, m.role() == Role::Guided)
    };
    let mut seen = Vec::new();
    roles
        .into_iter()
        .filter(|&i| {
            let k = kind(i);
            let first = !seen.contains(&k);
            if first {
                seen.push(k);
            }
            first
        })
        .collect()
}

fn diagnostic(analysis: &Analysis<'_>, first: &Mention, second: &Mention) -> Diagnostic {
    let a = analysis.mention_text(first);
    let b = analysis.mention_text(second);
    let message = format!("'{b}' is paired with '{a}': one relationship gets the roles of both practices");
    Diagnostic {
        rule: &META,
        severity: META.default_severity,
        span: analysis.mention_span(second),
        related: Some(analysis.mention_span(first)),
        message,
        note: Some("a coach works with a client (coachee); a mentor works with a mentee (protégé)"),
        // Never safe: the fix keeps the first word's practice, but which of the two pairs the
        // writer meant is not in the text ("Each coach meets their mentee" may be a mentoring
        // scheme with one wrong word). Even "client" is no safe swap: a "mentoring client" is
        // often a defined term ("the Client") in an agreement, and the word may be the one that
        // names the practice rightly ("a coach or mentor will have one or two clients").
        fix: super::swap_fix(analysis, second, Applicability::Unsafe),
        chain: None,
        repeats: Vec::new(),
        point: None,
        trait_of: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::codes;

    #[test]
    fn flags_coach_with_mentee() {
        assert_eq!(codes("Each coach meets their mentee every week."), ["CM002"]);
    }

    #[test]
    fn flags_mentoring_client() {
        assert_eq!(codes("All mentoring clients receive a welcome pack."), ["CM002"]);
    }

    #[test]
    fn flags_heading_role_against_body_role() {
        assert_eq!(codes("## For mentees\n\nYour coach will call you in week one.\n"), ["CM002"]);
    }

    #[test]
    fn ignores_matching_pairs() {
        assert!(codes("Each coach works with one client; each mentor with two mentees.").is_empty());
    }

    #[test]
    fn ignores_business_clients() {
        assert!(codes("Mentors who have handled difficult clients share how they did it.").is_empty());
    }
}
