#![doc = include_str!("interchangeable_terms.md")]

use std::sync::LazyLock;

use cm_core::Role;
use regex::Regex;

use super::RuleMeta;
use crate::analysis::mentions::Mention;
use crate::analysis::Analysis;
use crate::{Diagnostic, Severity};

pub(crate) static META: RuleMeta = RuleMeta {
    id: super::Rule::InterchangeableTerms,
    file: "interchangeable_terms",
    code: "CM001",
    name: "interchangeable-terms",
    summary: "The two words are used as names for one thing",
    doc: include_str!("interchangeable_terms.md"),
    default_severity: Severity::Warning,
    check,
};

/// What may stand between two words that rename one another: "coaching (aka mentoring)",
/// "your mentor, or coach,", "coaching, i.e. mentoring", "coaches (mentors)".
static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?P<punct>[,(—–]|-)?\s*(?P<marker>or|aka|a\.k\.a\.?|(?:also|sometimes|often|otherwise|commonly|usually)?\s*called|(?:also|better|more commonly|commonly|otherwise|sometimes|often|locally|usually)?\s*(?:known|referred to)\s*(?:here|locally|internally|in some teams)?\s*as|i\.e\.,?|ie,?|that is,?|in other words,?|another (?:word|name|term) for|which (?:some|many|other|most)?\s*\w*\s*calls?|as some call it)?\s*(?:(?:a|an|the|your|our|their|his|her|peer|reverse|group)\s+)?$",
    )
    .expect("valid")
});

/// What may follow the second word to show that the two words name one thing (see
/// [`is_same_thing_tail`]).
static SAME_THING_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:in other words|if you prefer|we don['’]t mind what you call it|it['’]s the same|same person|same thing|same role)")
        .expect("valid")
});

/// "as your team calls it": the words between "as" and the verb are counted by
/// [`is_same_thing_tail`], since `(?:\w+\s+){0,4}` takes milliseconds to compile.
static AS_SOME_SAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*as ((?:\w+\s+)*?)(?:says?|calls? it|call them)").expect("valid"));

/// Whether the text after the second word shows that the two words name one thing.
fn is_same_thing_tail(tail: &str) -> bool {
    if SAME_THING_TAIL.is_match(tail) {
        return true;
    }
    // The lazy repetition finds the fewest words that lead to the verb; each word ends in one
    // run of white space, so counting runs counts words.
    AS_SOME_SAY.captures(tail).is_some_and(|caps| {
        let words = caps.get(1).map_or("", |m| m.as_str());
        let runs = words
            .char_indices()
            .filter(|&(i, c)| c.is_whitespace() && !words[..i].chars().next_back().is_some_and(char::is_whitespace));
        runs.count() <= 4
    })
}

/// A fused form: "coach/mentor", "coach-mentor", "coach–mentor", "coach-cum-mentor",
/// "coach slash mentor", "Mentor Coach".
static FUSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*[/／]\s*|[-‐‑–—]|-cum-|\s+slash\s+|\s+)$").expect("valid"));

// In the two patterns below, a stem's ending is `(?-u:\w)*`: only whether they match is asked,
// and a stem followed by word characters and then an ASCII word boundary matches as well
// with ASCII word characters as with Unicode ones (the run of ASCII word characters always
// ends at such a boundary), while Unicode `\w` makes the pattern several times slower to build.

/// A declaration that the words mean one thing.
static DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:means?|meant) the same(?-u:\b)|(?-u:\b)(?:is|are|it['’]s|they['’]re|mean|means) (?:the|one and the) same (?:role|person|thing|job)(?-u:\b)|(?-u:\b)one and the same(?-u:\b)|(?-u:\b)by another name(?-u:\b)|(?-u:\b)what you call (?:it|them)(?-u:\b)|(?-u:\b)whichever (?:word|term|name)(?-u:\b)|(?-u:\b)both names(?-u:\b)|(?-u:\b)interchangeabl(?-u:\w)*|(?-u:\b)synonyms?(?-u:\b)|(?-u:\b)whether you call (?:them|it|him|her)(?-u:\b)")
        .expect("valid")
});

/// Words that make a declaration a report of other people's usage, or a denial. (A modal
/// passive, "the terms can be used interchangeably", and a hedge of frequency, "in some
/// cases", say what happens in usage, not what the writer stipulates; so do the words of an
/// observed trend: "it appears the terms are becoming increasingly interchangeable".)
static NOT_DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:as if|as though|do not|don['’]t use|never|not|aren['’]t|isn['’]t|often|sometimes|commonly|frequently|usually|widely|people|confus(?-u:\w)*|mistak(?-u:\w)*|wrong(?-u:\w)*|may hear|some say|avoid|can be|may be|in some cases|in many cases|blur(?-u:\w)*|appears?|seems?|increasingly|becoming|trend(?-u:\w)*)(?-u:\b)")
        .expect("valid")
});

const DETERMINERS: &[&str] =
    &["a", "an", "your", "each", "every", "the", "their", "his", "her", "my", "our", "any", "one"];

fn check(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>) {
    for (sentence_idx, sentence) in analysis.sentences.iter().enumerate() {
        if sentence.neutral {
            continue;
        }
        let view = &analysis.views[sentence.block];
        let ids: Vec<usize> = sentence.mentions.clone().filter(|&i| analysis.mentions[i].sense).collect();
        let mut flagged = false;
        for pair in ids.windows(2) {
            let (a, b) = (&analysis.mentions[pair[0]], &analysis.mentions[pair[1]]);
            if a.practice() == b.practice()
                || b.token > a.token + 8
                || (a.quoted && b.quoted && a.meta)
                || (a.alternative && b.alternative)
            {
                continue;
            }
            if let Some(kind) = equation(&view.norm, a, b) {
                acc.push(diagnostic(analysis, a, b, kind));
                flagged = true;
            }
        }
        if !flagged {
            flagged = identity(acc, analysis, sentence_idx);
        }
        if !flagged {
            flagged = roles_listed(acc, analysis, sentence_idx);
        }
        if !flagged {
            declaration(acc, analysis, sentence_idx);
        }
    }
}

/// How two adjacent words of the two practices are made one.
fn equation(norm: &str, a: &Mention, b: &Mention) -> Option<&'static str> {
    let either_guided = a.role() == Role::Guided || b.role() == Role::Guided;
    if either_guided {
        return None; // Crossed roles are CM002's.
    }
    let gap = norm[a.end..b.start].trim_start_matches(['\'', '’']);
    let gap = gap.strip_prefix('s').filter(|_| a.possessive).unwrap_or(gap);
    let gap = gap.trim_start_matches(['\'', '’']);
    let tail = &norm[b.end..];
    let tail = tail.trim_start_matches(['\'', '’', 's']);
    if FUSED.is_match(gap) {
        let space_only = gap.trim().is_empty();
        // "mentor coach", "Mentor Coaching": one role named by both words; two activity nouns
        // side by side are more often a list than a name. An activity noun before a singular
        // role noun makes a compound too ("a mentoring coach": a gerund cannot take a bare
        // singular noun as its object; "mentoring coaches" may be a verb and its object).
        let compound_role =
            a.role() == Role::Activity && b.role() == Role::Guide && b.form.class == cm_core::WordClass::Singular;
        if space_only && a.role() != Role::Guide && !compound_role {
            return None;
        }
        // A noun that modifies another is singular ("mentor coach"); a plural before a word of
        // the other practice is that word's subject ("our mentors coach their mentees").
        if space_only && a.form.class == cm_core::WordClass::Plural {
            return None;
        }
        return Some("fused");
    }
    if let Some(kind) = capacities(norm, a, b, gap) {
        return Some(kind);
    }
    if let Some(kind) = apposition(norm, a, b, gap, tail) {
        return Some(kind);
    }
    if let Some(kind) = names_given(norm, a, b, gap) {
        return Some(kind);
    }
    let Some(caps) = APPOSITIVE.captures(gap) else {
        return single_determiner(norm, a, b, gap, tail);
    };
    let punct = caps.name("punct").map(|m| m.as_str());
    let marker = caps.name("marker").map(|m| m.as_str());
    let after_b = tail.trim_start().chars().next();
    let same_tail = is_same_thing_tail(tail);
    match (punct, marker) {
        (_, Some("or")) => {
            let closed = matches!(after_b, Some(',' | ')' | '—' | '–'));
            (matches!(punct, Some("(")) || (matches!(punct, Some(",")) && closed) || same_tail).then_some("renamed")
        }
        (Some("("), None) => Some("renamed"),
        (_, Some(_)) => Some("renamed"),
        (Some("—" | "–"), None) if same_tail => Some("renamed"),
        (None, None) => None,
        _ => None,
    }
    .or_else(|| single_determiner(norm, a, b, gap, tail))
}

/// "our mentor, a local business coach, runs the sessions": a noun phrase with "a" or "an" set
/// off by commas right after a definite one renames it (an apposition), so one person is named
/// by both words. Only between two singular role words, the first made definite by a
/// possessive or "the", and with the apposition closed by the sentence's end, a relative
/// clause, or a comma that no "and" or "or" follows ("your mentor, a coach, and a sponsor" is
/// a list).
fn apposition(norm: &str, a: &Mention, b: &Mention, gap: &str, tail: &str) -> Option<&'static str> {
    let singular = |m: &Mention| m.form.class == cm_core::WordClass::Singular;
    if a.role() != Role::Guide || b.role() != Role::Guide || !singular(a) || !singular(b) {
        return None;
    }
    let inner = gap.trim().strip_prefix(',')?;
    let mut inner_words = inner.split_whitespace();
    let opens = matches!(inner_words.next(), Some("a" | "an"));
    let modifiers: Vec<&str> = inner_words.collect();
    if !opens || modifiers.len() > 3 || modifiers.iter().any(|w| w.contains([',', ';', ':', '.', '(', ')'])) {
        return None;
    }
    let before: Vec<&str> = norm[..a.start].split_whitespace().rev().take(3).collect();
    let definite = before
        .iter()
        .position(|w| matches!(*w, "our" | "your" | "my" | "their" | "his" | "her" | "the"))
        .is_some_and(|k| before[..k].iter().all(|w| w.chars().all(char::is_alphabetic)));
    let rest = tail.trim_start();
    let closed = match rest.strip_prefix(',') {
        Some(after) => !after.trim_start().starts_with("and ") && !after.trim_start().starts_with("or "),
        // (Or by a relative clause on the apposition: "our mentor, a local coach who runs ...".)
        None => {
            rest.starts_with(['.', '!', ';'])
                || rest.is_empty()
                || ["who ", "whose ", "with "].iter().any(|w| rest.starts_with(w))
        }
    };
    (definite && closed).then_some("renamed")
}

/// "experienced staff, known as coaches or mentors": a participle of naming ("known as",
/// "called", "referred to as", "termed") gives one referent the names after it, so two words
/// for the guide joined by "or" or "and" there are two names for one group. Not when the
/// naming is denied ("not known as").
fn names_given(norm: &str, a: &Mention, b: &Mention, gap: &str) -> Option<&'static str> {
    // (Only words for the guide: "called coaching and mentoring" may name a field or an
    // event, "Coaching and Mentoring Week".)
    if a.role() != Role::Guide || b.role() != Role::Guide || !matches!(gap.trim(), "or" | "and") {
        return None;
    }
    let before = norm[..a.start].trim_end();
    let before = ["a", "an", "the"]
        .iter()
        .find_map(|d| before.strip_suffix(d).filter(|r| r.ends_with(' ')))
        .map_or(before, str::trim_end);
    let marker = ["known as", "called", "referred to as", "termed", "named", "titled"]
        .iter()
        .find_map(|m| before.strip_suffix(m).filter(|r| r.is_empty() || r.ends_with([' ', ','])))?;
    let denied = marker.trim_end().ends_with(" not") || marker.trim_end().ends_with(" never");
    (!denied).then_some("renamed")
}

/// "guides the author as a mentor and a coach": "as" gives one subject two capacities, so one
/// person is named by both words.
fn capacities(norm: &str, a: &Mention, b: &Mention, gap: &str) -> Option<&'static str> {
    if a.role() != Role::Guide || b.role() != Role::Guide {
        return None;
    }
    let gap = gap.trim();
    if !matches!(gap, "and" | "and a" | "and an") {
        return None;
    }
    let mut before = norm[..a.start].split_whitespace().rev();
    let first = before.next().unwrap_or("");
    let as_word = if matches!(first, "a" | "an" | "the") { before.next().unwrap_or("") } else { first };
    (as_word == "as").then_some("one role")
}

/// "a coach or mentor who ...": one determiner, one role, two names. So is "an established
/// coach and mentor": "a" or "an" counts one person, whatever the conjunction (past a few
/// modifiers, and only with both words singular: "a coach and mentors" is two groups).
fn single_determiner(norm: &str, a: &Mention, b: &Mention, gap: &str, tail: &str) -> Option<&'static str> {
    if a.role() != Role::Guide || b.role() != Role::Guide {
        return None;
    }
    let tail = tail.trim_start();
    // ("and/or" is "or both": two roles that one person may or may not hold together.)
    let singular = |m: &Mention| !norm[m.start..m.end].ends_with('s');
    if gap.trim() == "or" {
        let both = tail.starts_with(", or both") || tail.starts_with("or both");
        // A bare singular noun after "as" or "the role of" names a capacity, one role ("serve
        // as coach or mentor", "the role of coach or mentor"), as a determiner makes it one.
        let before: Vec<&str> = norm[..a.start].split_whitespace().rev().take(2).collect();
        let capacity = singular(a)
            && singular(b)
            && (before.first() == Some(&"as")
                || (before.first() == Some(&"of") && before.get(1).is_some_and(|w| matches!(*w, "role" | "capacity"))));
        return ((determined_past_modifiers(norm, a.start) || capacity) && !both).then_some("one role");
    }
    if gap.trim() != "and" || !singular(a) || !singular(b) {
        return None;
    }
    // "an (established NHS) coach and mentor": the article, up to three modifiers before, where
    // it describes one person: a copula's predicate ("she is a coach and mentor"), a capacity
    // ("as a coach and mentor") or an apposition ("Dr Patel, an established coach and
    // mentor,"). Elsewhere "a coach and mentor" can be two people ("sessions with a coach and
    // mentor on alternate weeks").
    let before: Vec<&str> = norm[..a.start].split_whitespace().rev().take(5).collect();
    let article = before.iter().take(4).position(|w| matches!(*w, "a" | "an"));
    let counted = article.is_some_and(|k| {
        before[..k].iter().all(|w| !w.ends_with([',', '.', ';', ':']) && !matches!(*w, "the" | "and" | "or"))
            && before.get(k + 1).is_some_and(|w| {
                w.ends_with(',')
                    || matches!(
                        *w,
                        "is" | "was" | "am" | "are" | "be" | "been" | "being" | "become" | "became" | "becomes" | "as"
                    )
                    || is_contracted_copula(w)
            })
    });
    // ("a coach and mentor each", "a coach and mentor who both ...": two people.)
    let two = tail.starts_with("each") || tail.starts_with("both") || tail.starts_with("who both");
    (counted && !two).then_some("one role")
}

/// Whether the noun phrase that ends at `start` opens with one determiner: "a coach", "an
/// experienced coach", "a seasoned, supportive coach". Modifiers between the determiner and
/// the noun leave it one referent; up to three are looked past, each a single word, and one
/// followed by a comma only when it is an adjective ("a seasoned, caring coach", not "your
/// manager, coach": a list of roles).
fn determined_past_modifiers(norm: &str, start: usize) -> bool {
    use crate::analysis::lexicon;
    for word in norm[..start].split_whitespace().rev().take(4) {
        if DETERMINERS.contains(&word) {
            return true;
        }
        let bare = word.strip_suffix(',').unwrap_or(word);
        let adjective = lexicon::ADJECTIVES.contains(bare) || lexicon::adjective_ending(bare) || bare.ends_with("ed");
        let modifier = bare.chars().all(|c| c.is_alphabetic() || c == '-')
            && !matches!(bare, "the" | "and" | "or" | "with" | "to" | "for" | "of" | "from" | "by")
            && (bare.len() == word.len() || adjective);
        if !modifier {
            return false;
        }
    }
    false
}

/// A pronoun with a contracted copula: "you're", "she’s", "I'm".
fn is_contracted_copula(word: &str) -> bool {
    let word = word.replace('’', "'");
    matches!(word.as_str(), "you're" | "we're" | "they're" | "she's" | "he's" | "i'm" | "it's" | "who's")
}

fn diagnostic(analysis: &Analysis<'_>, a: &Mention, b: &Mention, kind: &str) -> Diagnostic {
    let first = analysis.mention_text(a);
    let second = analysis.mention_text(b);
    let what = match kind {
        "fused" => format!("'{first}' and '{second}' are fused into one name"),
        "one role" => format!("one role is named both '{first}' and '{second}'"),
        "one practice" => format!("one practice is named both '{first}' and '{second}'"),
        "declared" => format!("the text declares '{first}' and '{second}' to mean the same thing"),
        _ => format!("'{first}' and '{second}' are used as two names for one thing"),
    };
    Diagnostic {
        rule: &META,
        severity: META.default_severity,
        span: analysis.mention_span(a),
        related: Some(analysis.mention_span(b)),
        message: format!(
            "{what}; name the practice you mean"
        ),
        note: Some("coaching: structured, time-bound, question-led, client sets the agenda; mentoring: experience-based, often informal and open-ended, mentor often guides"),
        // No fix: neither word is a safe pick (which practice the text offers is the writer's
        // choice), and dropping one would only be an unsafe guess; a swap of either word would
        // double the pair ("coach/coach"), which `swap_fix` refuses.
        fix: None,
        chain: None,
        repeats: Vec::new(),
        point: None,
        trait_of: None,
    }
}

/// "An induction coach is a mentor to each new teacher", "peer mentors are also coaches",
/// "the team calls these coaches mentors": a copula, or a verb of naming with two objects, makes
/// a role of one practice a role of the other. One person or role is then named by both words.
/// Not when the verb is denied or hedged by a modal ("a coach is not a mentor", "a coach can be
/// a mentor too"), in a question, or when a preposition governs the word ("more like a mentor",
/// "different from mentors"). Says whether it flagged.
fn identity(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>, sentence_idx: usize) -> bool {
    use crate::analysis::syntax;
    let sentence = &analysis.sentences[sentence_idx];
    if sentence.question {
        return false;
    }
    // (Whether a word is a noun is the parse's to say: "mentors are also coaches".)
    let usable = |m: &Mention| m.sense && !m.meta && !m.excluded && !m.quoted;
    // (What someone else is said to think is their view: "many managers believe mentoring is
    // coaching".)
    let both =
        |mentions: &[&Mention]| mentions.first().is_some_and(|f| mentions.iter().any(|m| m.practice() != f.practice()));
    let mentions: Vec<&Mention> =
        sentence.mentions.clone().map(|i| &analysis.mentions[i]).filter(|m| usable(m)).collect();
    if !both(&mentions) {
        return false;
    }
    let mentions: Vec<&Mention> = sentence
        .mentions
        .clone()
        .filter(|&i| usable(&analysis.mentions[i]) && !analysis.in_reported_view(i))
        .map(|i| &analysis.mentions[i])
        .collect();
    if !both(&mentions) {
        return false;
    }
    let view = &analysis.views[sentence.block];
    let parse = analysis.parse(sentence_idx);
    let texts: Vec<&str> = parse.words.iter().map(|w| view.tokens[w.token].text(&view.norm)).collect();
    // The mention a phrase's head is, if any (a noun).
    let head_mention = |p: usize| {
        let head = parse.phrases[p].head;
        let token = parse.words[head].token;
        let noun = matches!(parse.words[head].pos, syntax::Pos::Noun | syntax::Pos::Propn);
        mentions.iter().copied().find(|m| noun && m.token == token)
    };
    let hedged = |v: &syntax::VerbGroup| {
        v.words.clone().any(|w| matches!(texts[w], "can" | "may" | "might" | "could" | "would" | "should"))
    };
    for clause in &parse.clauses {
        let Some(v) = clause.verb else { continue };
        let vg = &parse.verbs[v];
        // (A verb coordinated with a main clause's has that clause's subject: "mentors work with
        // the fellows, serve as coaches and co-teach".)
        let coordinated_main = clause.kind == syntax::ClauseKind::Coordinated
            && match clause.subject {
                syntax::Subject::Shared(s) => parse
                    .clause_of(parse.phrases[s].words.start)
                    .is_some_and(|c| parse.clauses[c].kind == syntax::ClauseKind::Main),
                _ => false,
            };
        let kind_fits = matches!(clause.kind, syntax::ClauseKind::Main | syntax::ClauseKind::Relative);
        if vg.negated || hedged(vg) || !(kind_fits || coordinated_main) {
            continue;
        }
        let lemma = vg.lemma.unwrap_or(texts[vg.head]);
        let copula = vg.copula || matches!(lemma, "become" | "remain");
        // "served as a mentor", "acts as a mentor": a capacity given by "as".
        let capacity = matches!(lemma, "serve" | "act" | "work" | "function");
        let naming = matches!(lemma, "call" | "name" | "dub" | "term");
        let objects: Vec<usize> = clause
            .objects
            .iter()
            .chain(clause.adjuncts.iter())
            .copied()
            .filter(|&o| match parse.phrases[o].prep {
                None => clause.objects.contains(&o),
                Some(prep) => capacity && texts[prep] == "as",
            })
            .collect();
        // (The subject of a relative clause is its antecedent: "a coach who served as a mentor".)
        let subject = match clause.subject {
            syntax::Subject::Phrase(s) => Some(s),
            syntax::Subject::Shared(s) if clause.kind == syntax::ClauseKind::Relative || coordinated_main => Some(s),
            _ => None,
        };
        // "The role of a mentor is ...": a role's "of" phrase names whose role it is.
        // "A mentor is someone who is a coach": a bare word for a person, the predicate of a
        // copula (neither denied nor hedged), stands for that copula's subject.
        let generic_owner = |s: usize| {
            let head = parse.phrases[s].head;
            if !matches!(texts[head], "someone" | "somebody" | "person" | "individual" | "one") {
                return None;
            }
            let outer = parse.clauses.iter().find(|c| c.objects.contains(&s))?;
            let vg = &parse.verbs[outer.verb?];
            if !vg.copula || vg.negated || hedged(vg) {
                return None;
            }
            match outer.subject {
                syntax::Subject::Phrase(p) => head_mention(p),
                _ => None,
            }
        };
        // "These mentor-managers serve as coaches", "mentor teachers serve as coaches": a word
        // for the guide that modifies a noun for a person, joined by a hyphen or not, names the
        // subject by that role.
        let compound_owner = |s: usize| {
            let head = parse.phrases[s].head;
            let hyphen = head >= 2 && texts[head - 1] == "-";
            let modifier = if hyphen { head - 2 } else { head.checked_sub(1)? };
            if modifier < parse.phrases[s].words.start
                || !(hyphen || crate::analysis::lexicon::may_name_a_person(texts[head]))
            {
                return None;
            }
            let token = parse.words[modifier].token;
            mentions.iter().copied().find(|m| m.token == token && m.role() == Role::Guide)
        };
        let owner = |s: usize| {
            head_mention(s)
                .or_else(|| parse.role_owner(&texts, s).and_then(head_mention))
                .or_else(|| generic_owner(s))
                .or_else(|| compound_owner(s))
        };
        // "A form of mentoring", "a kind of coach": a kind is named by the noun its "of" opens,
        // the last of the words that modify it ("a form of group mentoring").
        // So is an engagement by the practice word that modifies it ("coaching is a mentorship
        // intervention", "a mentoring programme"): what the subject is, is an engagement of
        // that practice.
        let kind_of = |o: usize| -> Option<&Mention> {
            let head = parse.phrases[o].head;
            let engagement =
                crate::analysis::lexicon::ENGAGEMENT_NOUNS.contains(texts[head]) || texts[head] == "intervention";
            if engagement && head > parse.phrases[o].words.start {
                let token = parse.words[head - 1].token;
                if let Some(m) = mentions.iter().copied().find(|m| m.token == token) {
                    return Some(m);
                }
            }
            let kind = matches!(texts[head], "form" | "kind" | "type" | "sort" | "variety" | "branch" | "version");
            if !kind || texts.get(head + 1) != Some(&"of") {
                return head_mention(o);
            }
            let named = (head + 2..parse.words.len())
                .take_while(|&w| {
                    matches!(parse.words[w].pos, syntax::Pos::Adj | syntax::Pos::Noun | syntax::Pos::Propn)
                        || parse.words[w].form == Some(crate::analysis::lexicon::VerbForm::Gerund)
                })
                .last()?;
            let token = parse.words[named].token;
            mentions.iter().copied().find(|m| m.token == token)
        };
        let pair = if copula || capacity {
            subject.and_then(|s| {
                let subject = owner(s)?;
                let object = objects.iter().find_map(|&o| kind_of(o).filter(|m| m.practice() != subject.practice()))?;
                Some((subject, object))
            })
        } else if vg.passive && matches!(lemma, "give" | "provide" | "offer" | "deliver" | "lead" | "run" | "conduct") {
            // "The coaching is provided by our mentors": the agent of a passive verb of giving
            // or leading, whose subject is one practice, is that practice's guide; a word for
            // the other practice's guide names the one role both ways.
            let by = parse.agent(&texts, clause);
            let delivered = subject.zip(by).and_then(|(s, b)| {
                let given = head_mention(s).filter(|m| m.role() == Role::Activity)?;
                let giver = head_mention(b).filter(|m| m.role() == Role::Guide && m.practice() != given.practice())?;
                Some((given, giver))
            });
            if let Some((given, giver)) = delivered {
                acc.push(diagnostic(analysis, given, giver, "one practice"));
                return true;
            }
            None
        } else if naming && !vg.passive {
            // The first object, then the name given to it: a noun of the other practice later
            // in the clause that no preposition governs.
            objects.first().and_then(|&o| {
                let a = head_mention(o)?;
                let after = parse.phrases[o].words.end..clause.words.end;
                let b = mentions.iter().copied().find(|m| {
                    m.practice() != a.practice()
                        && parse.word_at(m.token).is_some_and(|w| {
                            after.contains(&w)
                                && matches!(parse.words[w].pos, syntax::Pos::Noun | syntax::Pos::Propn)
                                && parse.phrase_of(w).is_none_or(|p| parse.phrases[p].prep.is_none())
                        })
                })?;
                Some((a, b))
            })
        } else {
            None
        };
        // One determiner for a list of predicate nouns: the one referent is given every name
        // ("she is a mentor, coach and friend", "a supervisor, professional mentor, and
        // coach"). A later item with its own determiner ("a mentor and a coach") may be a
        // second role, and plurals may share the names out: neither counts.
        let pair = pair.or_else(|| {
            if !(copula || capacity) {
                return None;
            }
            let listed: Vec<(usize, &Mention)> = objects
                .iter()
                .filter_map(|&o| head_mention(o).map(|m| (o, m)))
                .filter(|(_, m)| m.form.class == cm_core::WordClass::Singular)
                .collect();
            // The list opens with the determiner; every later item shares it.
            let opening = *objects.first()?;
            let opened = matches!(parse.words[parse.phrases[opening].words.start].pos, syntax::Pos::Det);
            let shares = |o: usize| {
                o == opening
                    || !matches!(parse.words[parse.phrases[o].words.start].pos, syntax::Pos::Det | syntax::Pos::Poss)
            };
            let (first_phrase, a) = *listed.first()?;
            let b = listed.iter().skip(1).find(|&&(o, b)| b.practice() != a.practice() && o != opening && shares(o))?.1;
            (opened && shares(first_phrase)).then_some((a, b))
        });
        // One kind of word on both sides: a role and a role ("a coach is a mentor"), or an
        // activity and an activity ("coaching is mentoring").
        if let Some((a, b)) = pair.filter(|(a, b)| a.role() == b.role() && a.role() != Role::Guided) {
            let kind = if a.role() == Role::Activity { "one practice" } else { "one role" };
            acc.push(diagnostic(analysis, a, b, kind));
            return true;
        }
    }
    false
}

/// Verbs that give their subject the roles named by their object ("mentors play several
/// roles", "take on many hats").
const ROLE_TAKING_VERBS: &[&str] = &["play", "take", "assume", "fill", "wear", "hold", "perform", "juggle", "combine"];

/// "Mentors play several roles, including listener, sponsor and coach", "the mentor's role as
/// adviser, partner and coach", "with the mentor acting as a guide, coach and friend": the
/// roles a guide is given, listed after a role noun or a verb of capacity, are names of that
/// guide; a role word of the other practice among them names one person both ways. The guide
/// owns the role noun by a possessive ("the mentor's role") or as the subject of a verb that
/// takes roles on; the list opens with "as", "including", "such as" or a colon, and its items
/// are bare nouns of one or two words (a longer item is a clause: "including introducing
/// mentees to a coach" gives no role). Says whether it flagged.
fn roles_listed(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>, sentence_idx: usize) -> bool {
    use crate::analysis::lexicon::{self, CAPACITY_NOUNS};
    let sentence = &analysis.sentences[sentence_idx];
    if sentence.question {
        return false;
    }
    let view = &analysis.views[sentence.block];
    let end = sentence.tokens.end;
    let text = |t: usize| if t < end { view.tokens[t].text(&view.norm) } else { "" };
    let usable = |m: &Mention| m.is_use() && !m.quoted && !m.verb && !m.joint;
    for g in sentence.mentions.clone().map(|i| &analysis.mentions[i]) {
        if !usable(g) || g.role() != Role::Guide {
            continue;
        }
        // Where the list opens: after the role noun the guide owns, or after a participle of
        // capacity right after it ("the mentor acting as").
        let mut t = g.token + 1;
        let opens_at = if g.possessive {
            // ("the mentor's role", "the mentor's main roles")
            let t = if CAPACITY_NOUNS.contains(text(t)) { t } else { t + 1 };
            CAPACITY_NOUNS.contains(text(t)).then_some(t + 1)
        } else if matches!(text(t), "acting" | "serving" | "functioning") && text(t + 1) == "as" {
            Some(t + 1)
        } else {
            // A modal or an adverb, the verb, "on", then a few quantifiers before the noun.
            while t < g.token + 3 && (lexicon::MODALS.contains(text(t)) || lexicon::ADVERBS.contains(text(t))) {
                t += 1;
            }
            // (Not every one of these verbs is in the lexicon: their regular forms are read here.)
            let w = text(t);
            let stem = ["s", "ed", "ing"].iter().find_map(|end| w.strip_suffix(end)).unwrap_or(w);
            let takes = lexicon::verb(w).is_some_and(|(lemma, _)| ROLE_TAKING_VERBS.contains(&lemma))
                || ROLE_TAKING_VERBS.contains(&w)
                || ROLE_TAKING_VERBS.contains(&stem);
            if takes {
                t += 1;
                if text(t) == "on" {
                    t += 1;
                }
            }
            let noun = (t..t + 4).find(|&k| CAPACITY_NOUNS.contains(text(k)));
            noun.filter(|_| takes).map(|n| n + 1)
        };
        let Some(mut t) = opens_at else { continue };
        // The opener.
        if text(t) == "," && text(t + 1) == "including" {
            t += 1;
        }
        match text(t) {
            // ("as opposed to a coach" is no list: its items would run past two words.)
            "as" | "including" | ":" => t += 1,
            "such" if text(t + 1) == "as" => t += 2,
            _ => continue,
        }
        if matches!(text(t), "a" | "an") {
            t += 1;
        }
        // The items: one or two words each, between commas, "and" and "or".
        let mut run = 0;
        let mut found = None;
        while t < end {
            let w = text(t);
            if matches!(w, "," | "and" | "or") {
                run = 0;
            } else if w.chars().all(|c| c.is_alphabetic() || c == '-') && run < 2 {
                run += 1;
                if let Some(other) = view.mentions.clone().map(|i| &analysis.mentions[i]).find(|m| m.token == t) {
                    if other.role() == Role::Guide && other.practice() != g.practice() && other.sense && !other.quoted {
                        found = Some(other);
                        break;
                    }
                }
            } else {
                break;
            }
            t += 1;
        }
        if let Some(other) = found {
            acc.push(diagnostic(analysis, g, other, "one role"));
            return true;
        }
    }
    false
}

/// "In this handbook, coach and mentor mean the same thing."
fn declaration(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>, sentence_idx: usize) {
    let sentence = &analysis.sentences[sentence_idx];
    let view = &analysis.views[sentence.block];
    let first = view.sentences.start.max(sentence_idx.saturating_sub(1));
    // Only a sentence that, with the one before, names both practices can declare them one.
    let mut practices = (first..=sentence_idx)
        .flat_map(|s| analysis.sentences[s].mentions.clone())
        .map(|i| &analysis.mentions[i])
        .filter(|m| m.sense)
        .map(|m| m.practice());
    let Some(one) = practices.next() else { return };
    if practices.all(|p| p == one) {
        return;
    }
    let text = &view.norm[sentence.start..sentence.end];
    if !DECLARATION.is_match(text) || NOT_DECLARED.is_match(text) {
        return;
    }
    let mentions: Vec<&Mention> = (first..=sentence_idx)
        .flat_map(|s| analysis.sentences[s].mentions.clone())
        .map(|i| &analysis.mentions[i])
        .filter(|m| m.sense)
        .collect();
    if sentence_idx > first && analysis.sentences[first].question {
        return;
    }
    let Some(a) = mentions.first() else { return };
    let Some(b) = mentions.iter().find(|m| m.practice() != a.practice()) else {
        return;
    };
    acc.push(diagnostic(analysis, a, b, "declared"));
}

#[cfg(test)]
mod tests {
    use crate::test_support::codes;

    #[test]
    fn ascii_stem_endings_match_what_unicode_ones_match() {
        let unicode = [
            regex::Regex::new(&super::DECLARATION.as_str().replace("(?-u:\\w)", "\\w")).unwrap(),
            regex::Regex::new(&super::NOT_DECLARED.as_str().replace("(?-u:\\w)", "\\w")).unwrap(),
        ];
        assert!(unicode.iter().all(|r| r.as_str().contains("\\w*")));
        let mut texts: Vec<String> =
            ["confusão here", "confused2x now", "wrong_ly", "interchangeablé", "mistakeñ", "confus", "xconfused"]
                .iter()
                .map(|s| (*s).to_string())
                .collect();
        texts.extend(crate::test_support::labelled_corpus().lines().map(str::to_lowercase));
        for text in &texts {
            assert_eq!(super::DECLARATION.is_match(text), unicode[0].is_match(text), "{text}");
            assert_eq!(super::NOT_DECLARED.is_match(text), unicode[1].is_match(text), "{text}");
        }
    }

    #[test]
    fn same_thing_tails_are_what_the_bounded_regex_matches() {
        let bounded = regex::Regex::new(r"^\W*(?:in other words|if you prefer|as (?:\w+\s+){0,4}(?:says?|calls? it|call them)|we don['’]t mind what you call it|it['’]s the same|same person|same thing|same role)").unwrap();
        let mut tails: Vec<String> = [
            ", as we say",
            " (as some teams call it)",
            " — as people here at the firm say",
            " as  people\u{a0} here at\tthe firm say",
            " as people here at the big firm say",
            " as call them",
            " as Zoë’s team calls it",
            " as each of our many teams says",
            " as: they say",
            "... in other words",
            " — it’s the same",
            " as says says says says says says",
            " assays",
            "",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        for n in 0..7 {
            tails.push(format!(" as {}say", "word ".repeat(n)));
            tails.push(format!(" as {}calls it", "wörd\u{2003} ".repeat(n)));
        }
        for line in crate::test_support::labelled_corpus().lines() {
            let lower = line.to_lowercase();
            tails.extend(lower.match_indices(" as ").map(|(i, _)| lower[i..].to_string()));
        }
        for tail in &tails {
            assert_eq!(super::is_same_thing_tail(tail), bounded.is_match(tail), "{tail:?}");
        }
    }

    #[test]
    fn flags_slash_form() {
        assert_eq!(codes("Sign up for coaching/mentoring today."), ["CM001"]);
    }

    #[test]
    fn flags_parenthetical_synonym() {
        assert_eq!(codes("All new leads are offered coaching (or mentoring)."), ["CM001"]);
        assert_eq!(codes("Our coaches (mentors) meet you monthly."), ["CM001"]);
    }

    #[test]
    fn flags_aka_and_also_known_as() {
        assert_eq!(codes("Reverse coaching (aka reverse mentoring) starts soon."), ["CM001"]);
        assert_eq!(codes("Every starter has a coach, also known as a mentor, from another team."), ["CM001"]);
    }

    #[test]
    fn flags_one_role_with_one_determiner() {
        assert_eq!(codes("Each hire gets a coach or mentor who will check in weekly."), ["CM001"]);
    }

    #[test]
    fn flags_declared_synonyms() {
        assert_eq!(codes("In this guide, \"coach\" and \"mentor\" mean the same thing."), ["CM001"]);
    }

    #[test]
    fn flags_one_person_in_both_capacities() {
        assert_eq!(codes("Priya will guide you as a mentor and a coach."), ["CM001"]);
        assert!(codes("We offer a mentor and a coach to every hire.").is_empty());
    }

    #[test]
    fn ignores_two_offers() {
        assert!(codes("We offer coaching and mentoring.").is_empty());
        assert!(codes("Ask for a coach or a mentor, or both.").is_empty());
    }

    #[test]
    fn ignores_talk_about_the_words() {
        assert!(codes("Coaching vs. mentoring: the words are often used interchangeably.").is_empty());
        assert!(codes("Coaching or mentoring: which do you need?").is_empty());
    }

    #[test]
    fn ignores_seat_class() {
        assert!(codes("Book coach (economy) class. Mentoring travel is charged to L&D.").is_empty());
    }
}
