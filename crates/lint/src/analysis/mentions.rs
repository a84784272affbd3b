//! Practice mentions: every use of a coaching or mentoring word, with its role, its sense, and
//! whether it is talk about the word rather than use of it.

use std::sync::LazyLock;

use cm_core::{Practice, Role, WordClass, WordForm};
use regex::Regex;

use super::text::{Token, TokenKind};

/// One coaching or mentoring word in a block.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub block: usize,
    pub sentence: usize,
    /// Byte range of the word (without a possessive ending) in the block's text.
    pub start: usize,
    pub end: usize,
    /// Index of the word's token in the block.
    pub token: usize,
    pub form: &'static WordForm,
    pub possessive: bool,
    /// The word is written with a capital letter.
    pub capitalised: bool,
    /// The word means the practice (not a bus, a brand, a place, a product or a sport).
    pub sense: bool,
    /// The word is talked about, not used: quoted, "the terms ...", "X vs Y".
    pub meta: bool,
    /// The word is set aside by a contrast: "unlike X", "rather than X", "not X".
    pub excluded: bool,
    /// The word is coordinated with the other practice's word: "coaching and mentoring".
    pub joint: bool,
    /// The word is coordinated with the other practice's word in a sentence that has set the
    /// two apart ("the difference between coaching and mentoring ... to be an effective coach
    /// or mentor"): two roles offered side by side, not one named twice.
    pub alternative: bool,
    /// The word is a verb: "she mentors", "to coach", "coached".
    pub verb: bool,
    /// Inside quotation marks.
    pub quoted: bool,
    /// An organisation's own programme name from the configuration ("Catalyst").
    pub vocabulary: bool,
}

impl Mention {
    pub fn practice(&self) -> Practice {
        self.form.practice
    }

    pub fn role(&self) -> Role {
        self.form.role
    }

    /// A use of the word that can carry a trait.
    pub fn is_use(&self) -> bool {
        self.sense && !self.meta && !self.excluded
    }

    /// A person word or a verb (someone who coaches or mentors), which `he`, `she` and `they`
    /// can refer to.
    pub fn is_person(&self) -> bool {
        matches!(self.form.role, Role::Guide | Role::Guided) || self.verb
    }

    /// "client" names the coaching role only in some contexts; it never anchors a trait.
    pub fn is_client(&self) -> bool {
        self.form.word.starts_with("client")
    }
}

static WORD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(coach(?:ings|ing|ees|ee|es|ed)?|mentor(?:ships|ship|ing|ees|ee|ed|s)?|mentees?|prot[eé]g[eé]e?s?|clients?)",
    )
    .expect("word pattern is valid")
});

/// Whole-word matches of `regex` in normalised text ("Stagecoach" and "tormentor" are not
/// mentions; checked here rather than with `\b`, which is slow on non-ASCII text), with the
/// index of the token each starts in.
fn whole_words<'t>(
    regex: &'t regex::Regex,
    norm: &'t str,
    tokens: &'t [Token],
) -> impl Iterator<Item = (regex::Match<'t>, usize)> + 't {
    regex.find_iter(norm).filter_map(move |m| {
        let before = norm[..m.start()].chars().next_back();
        let after = norm[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            return None;
        }
        // Tokens are in order and do not overlap: the one holding the match's start is the first
        // that ends after it, if it starts at or before it.
        let token = tokens.partition_point(|t| t.end <= m.start());
        tokens.get(token).filter(|t| t.start <= m.start() && m.start() < t.end)?;
        Some((m, token))
    })
}

impl Mention {
    /// A mention as found, before its sense and use are judged.
    fn new(
        block: usize,
        text: &str,
        norm: &str,
        m: &regex::Match<'_>,
        token: usize,
        form: &'static WordForm,
    ) -> Mention {
        let tail = &norm[m.end()..];
        Mention {
            block,
            sentence: 0,
            start: m.start(),
            end: m.end(),
            token,
            form,
            possessive: tail.starts_with("'s")
                || tail.starts_with("’s")
                || tail.starts_with('\'')
                || tail.starts_with('’'),
            capitalised: text[m.start()..].chars().next().is_some_and(char::is_uppercase),
            sense: true,
            meta: false,
            excluded: false,
            joint: false,
            alternative: false,
            verb: false,
            quoted: false,
            vocabulary: false,
        }
    }
}

/// Finds the practice words of one block.
pub(crate) fn find(block: usize, text: &str, norm: &str, tokens: &[Token]) -> Vec<Mention> {
    whole_words(&WORD_RE, norm, tokens)
        .filter_map(|(m, token)| Some(Mention::new(block, text, norm, &m, token, WordForm::lookup(m.as_str())?)))
        .collect()
}

/// Finds the configured programme names of one block; each counts as its practice's activity.
pub(crate) fn find_vocabulary(
    block: usize,
    text: &str,
    norm: &str,
    tokens: &[Token],
    vocabulary: &crate::CompiledVocabulary,
) -> Vec<Mention> {
    let Some(regex) = &vocabulary.regex else { return Vec::new() };
    whole_words(regex, norm, tokens)
        .filter_map(|(m, token)| {
            let practice = *vocabulary.practice.get(m.as_str())?;
            let form = WordForm::lookup(practice.activity())?;
            Some(Mention { possessive: false, vocabulary: true, ..Mention::new(block, text, norm, &m, token, form) })
        })
        .collect()
}

/// Words that, anywhere in the sentence, make "coach" a vehicle.
const VEHICLE_WORDS: &[&str] = &[
    "bus",
    "buses",
    "depart",
    "departs",
    "departing",
    "departure",
    "driver",
    "drivers",
    "seat",
    "seats",
    // (Not "journey" alone: a coaching journey is the practice's own metaphor; "coach
    // journey", with the word right after, is a trip.)
    "wi-fi",
    "wifi",
    "toilet",
    "toilets",
    "luggage",
    "carriage",
    "airline",
    "flights",
    "flight",
    "economy",
    "station",
    "timetable",
];
/// Words that make "coach" a vehicle when they follow it: "coach trip", "coach class".
const VEHICLE_NEXT: &[&str] = &[
    "class", "trip", "trips", "tour", "tours", "hire", "station", "park", "travel", "party", "driver", "company",
    "operator", "seat", "seats", "ticket", "tickets", "journey", "route",
];
/// Words that, anywhere in the sentence, make "coach" a sports coach.
const SPORT_WORDS: &[&str] = &[
    "league",
    "touchline",
    "five-a-side",
    "athlete",
    "athletes",
    "football",
    "rugby",
    "netball",
    "cricket",
    "basketball",
    "hockey",
    "athletics",
    "gymnastics",
    "volleyball",
    "baseball",
    "softball",
    "lacrosse",
    "5k",
    "sport",
    "sports",
    "tournament",
    "referee",
];
const BRAND_NEXT: &[&str] = &[
    "outlet", "store", "shop", "bag", "handbag", "tote", "leather", "wallet", "purse", "boutique", "house", "factory",
];
const PRODUCT_WORDS: &[&str] =
    &["bot", "tool", "app", "software", "plugin", "platform", "graphics", "ohio", "oh", "extension", "api"];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "your", "our", "their", "his", "her", "my", "each", "every", "any", "this", "that", "these",
    "those", "its", "no", "one", "new", "good", "great", "internal", "external", "senior", "assigned",
];

fn word_at<'t>(norm: &'t str, tokens: &[Token], idx: usize) -> &'t str {
    tokens.get(idx).map_or("", |t| t.text(norm))
}

/// Whether a sentence is set in title case ("An Executive Coach Will Advise You"): every word
/// capitalised but for short function words, and a pronoun or an auxiliary capitalised after
/// the first word, which no name holds ("the Coding Coach Mentorship Guidelines" is a name in
/// a sentence). There a capital says nothing of a name: "Coach Will" is no title before a
/// name as "Coach Carter" is.
fn is_title_cased(text: &str, tokens: &[Token], first: usize, end: usize) -> bool {
    let words = || tokens[first..end.min(tokens.len())].iter().filter(|t| t.kind == TokenKind::Word);
    let minor = |w: &str| {
        matches!(w, "a" | "an" | "the" | "and" | "or" | "of" | "to" | "in" | "on" | "for" | "at" | "by" | "with" | "vs")
    };
    let capitalised = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let function_word = |w: &str| {
        matches!(
            w,
            "Will"
                | "Can"
                | "Could"
                | "Should"
                | "Would"
                | "May"
                | "Must"
                | "Is"
                | "Are"
                | "Was"
                | "Be"
                | "Do"
                | "Does"
                | "You"
                | "Your"
                | "It"
                | "We"
                | "Our"
                | "They"
                | "Their"
                | "He"
                | "She"
                | "His"
                | "Her"
        )
    };
    words().all(|t| minor(t.text(text)) || capitalised(t.text(text)))
        && words().skip(1).any(|t| function_word(t.text(text)))
}

/// Whether the capitalised practice word at `idx` is part of a proper name, not the practice:
/// - a title opened by "The" in capitals right after a word ("re-read The Coaching Habit");
/// - a singular role noun after a capitalised word, with no determiner before them, followed by
///   a verb ("Coding Coach was created to ..."): English puts a determiner before a singular
///   count noun, so a bare one is a name.
fn is_proper_name(text: &str, norm: &str, tokens: &[Token], idx: usize, s_first: usize) -> bool {
    let capital = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && text[t.start..].chars().next().is_some_and(char::is_uppercase)
        })
    };
    let word = |i: usize| word_at(norm, tokens, i);
    // A run of capitalised words before the practice word.
    let mut first = idx;
    while first > s_first && capital(first - 1) {
        first -= 1;
    }
    // (After a word: "re-read The Coaching Habit"; after a comma the capital may open a line,
    // "Kind regards,\nThe Tideway Coaching Team".)
    let after_word = first > s_first && tokens.get(first - 1).is_some_and(|t| t.kind == TokenKind::Word);
    if after_word && first < idx && word(first) == "the" {
        return true;
    }
    let singular_role = matches!(word(idx), "coach" | "mentor");
    // (A capitalised determiner that opens the sentence opens the phrase: "Our Career Coach".)
    let opener = |w: &str| DETERMINERS.contains(&w) || w.ends_with("'s") || w.ends_with("’s");
    let bare = first < idx && !opener(word(first)) && (first == s_first || !opener(word(first - 1)));
    let next = word(idx + 1);
    let verb_after =
        matches!(next, "is" | "was" | "has" | "helps" | "provides" | "offers" | "connects" | "matches" | "runs")
            || crate::analysis::lexicon::verb(next).is_some_and(|(_, form)| {
                matches!(form, crate::analysis::lexicon::VerbForm::Third | crate::analysis::lexicon::VerbForm::Past)
            });
    singular_role && bare && verb_after
}

/// Decides the sense of every mention in a block; `mentor_is_name` is true when the document
/// uses "Mentor" as the name of a product, place or person.
pub(crate) fn judge_sense(
    mentions: &mut [Mention],
    text: &str,
    norm: &str,
    tokens: &[Token],
    sentence_of_token: &dyn Fn(usize) -> (usize, usize),
    mentor_is_name: bool,
) {
    let mut vehicle_in_block = false;
    // What the words of the last sentence looked at say (vehicle words, words that make it
    // coaching anyway, sports words): a sentence's words are read once, not once per mention.
    let mut words_of: Option<((usize, usize), [bool; 3])> = None;
    for m in mentions.iter_mut() {
        let idx = m.token;
        let prev = word_at(norm, tokens, idx.wrapping_sub(1));
        let next = word_at(norm, tokens, idx + 1);
        let next_raw = tokens.get(idx + 1).map_or("", |t| t.text(text));
        let (s_first, s_end) = sentence_of_token(idx);
        let [vehicle_word, coaching_word, sport_word] = match words_of {
            Some((range, flags)) if range == (s_first, s_end) => flags,
            _ => {
                let words = || (s_first..s_end).map(|i| word_at(norm, tokens, i));
                let flags = [
                    words().any(|w| VEHICLE_WORDS.contains(&w)),
                    words().any(|w| matches!(w, "client" | "clients" | "goals" | "sessions" | "coachee")),
                    words().any(|w| SPORT_WORDS.contains(&w)),
                ];
                words_of = Some(((s_first, s_end), flags));
                flags
            }
        };
        // A client named after a product or an organisation ("the Kubernetes client", "a
        // Deloitte client") or that is part of software ("client libraries", "client-side") is
        // a program or a customer, not a person coached.
        if m.is_client() {
            let prev_raw = idx.checked_sub(1).and_then(|p| tokens.get(p)).map_or("", |t| t.text(text));
            let named_after = idx > s_first
                && prev_raw.chars().next().is_some_and(char::is_uppercase)
                && idx - 1 != s_first
                && !(prev.starts_with("coach") || prev.starts_with("mentor"));
            let software = matches!(
                next,
                "library"
                    | "libraries"
                    | "side"
                    | "sdk"
                    | "sdks"
                    | "app"
                    | "apps"
                    | "application"
                    | "certificate"
                    | "id"
            ) || (next == "-" && word_at(norm, tokens, idx + 2) == "side");
            if named_after || software {
                m.sense = false;
            }
        }
        let is_coach = m.practice() == Practice::Coaching && m.form.role != Role::Guided;
        if is_coach {
            let class_after =
                VEHICLE_NEXT.contains(&next) || next == "(" && word_at(norm, tokens, idx + 2) == "economy";
            let moves = matches!(next, "leave" | "leaves" | "return" | "returns" | "departs" | "arrives" | "arrive")
                && matches!(word_at(norm, tokens, idx + 2), "from" | "to" | "at");
            let letter_after =
                next_raw.len() == 1 && next_raw.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            let vehicle = class_after
                || moves
                || letter_after
                || matches!(prev, "private" | "by" | "hired" | "double-decker")
                || vehicle_word && !coaching_word;
            let brand = m.capitalised && BRAND_NEXT.contains(&next);
            let sport = matches!(
                prev,
                "running" | "football" | "fitness" | "swimming" | "tennis" | "rugby" | "sports" | "driving"
            ) || (m.capitalised
                && m.form.word == "coach"
                && next_raw.chars().next().is_some_and(char::is_uppercase)
                && idx > s_first
                && !is_title_cased(text, tokens, s_first, s_end))
                || sport_word;
            if vehicle {
                vehicle_in_block = true;
            }
            m.sense = !(vehicle || brand || sport);
        }
        if m.practice() == Practice::Mentoring && m.form.word == "mentor" && m.capitalised {
            let sentence_initial = idx == s_first || matches!(prev, "*" | "-" | ":" | "\"" | "“" | "(");
            let det_before = DETERMINERS.contains(&prev)
                || tokens.get(idx.wrapping_sub(1)).is_some_and(|t| {
                    t.kind != TokenKind::Word || text[t.start..].chars().next().is_some_and(char::is_uppercase)
                });
            // Mid-sentence "Mentor" after a lower-case word or a comma is a name ("takes Mentor's
            // form", "In Homer's Odyssey, Mentor is ...").
            let after_plain_word = tokens.get(idx.wrapping_sub(1)).is_some_and(|t| {
                (t.kind == TokenKind::Word && text[t.start..].chars().next().is_some_and(char::is_lowercase))
                    || t.text(norm) == ","
            }) && !DETERMINERS.contains(&prev);
            let place = next == "," && matches!(word_at(norm, tokens, idx + 2), "oh" | "ohio");
            let product = PRODUCT_WORDS.contains(&next);
            if place || product || (mentor_is_name && !det_before) || (!sentence_initial && after_plain_word) {
                m.sense = false;
            }
        }
        if m.form.word == "mentor" && next == "text" {
            m.sense = false;
        }
        if m.capitalised && is_proper_name(text, norm, tokens, idx, s_first) {
            m.sense = false;
        }
    }
    if vehicle_in_block {
        for m in mentions.iter_mut() {
            if m.practice() == Practice::Coaching && m.form.role != Role::Guided {
                m.sense = false;
            }
        }
    }
}

/// True when the document uses "Mentor" as a name: a product, a place or a figure.
pub(crate) fn mentor_is_name(norm: &str) -> bool {
    static NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)mentor(?-u:\b)(?:\*\*)?,? (?:graphics|oh(?-u:\b)|ohio|is (?:our|an?|the) (?:\w+[- ])*(?:bot|tool|app|plugin|platform|software))")
            .expect("valid")
    });
    NAME_RE.is_match(norm)
}

/// Nouns that end a programme's name ("Peer Mentoring Programme", "Alumni Mentorship Scheme").
pub(crate) const PROGRAMME_NOUNS: &[&str] = &["programme", "program", "scheme", "initiative", "project", "network"];

static META_BEFORE: &[&str] = &["term", "terms", "word", "words", "called", "named", "label", "labels", "title"];

/// Verbs and adjectives of likeness whose "to" phrase names what something is compared with.
const LIKENESS: &[&str] = &[
    "liken",
    "likens",
    "likened",
    "likening",
    "compare",
    "compares",
    "compared",
    "comparing",
    "similar",
    "akin",
    "comparable",
    "analogous",
];

/// Whether the word at `idx` stands in the standard of a comparison: after "to" governed by a
/// word of likeness, each within eight words and with no punctuation between ("compared to a
/// mentor", "likening it to the support a mentor gives", "akin to what a mentor offers"). What
/// something is likened to is set beside it, not said to be it.
fn compared_with(norm: &str, tokens: &[Token], idx: usize) -> bool {
    let mut k = idx;
    for _ in 0..8 {
        let Some(prev) = k.checked_sub(1) else { return false };
        k = prev;
        let t = &tokens[k];
        if t.kind == TokenKind::Punct {
            return false;
        }
        if t.text(norm) == "to" {
            // (The word of likeness may stand before the thing likened: "likened the support
            // of their coach to ...".)
            let mut j = k;
            for _ in 0..8 {
                let Some(prev) = j.checked_sub(1) else { return false };
                j = prev;
                if tokens[j].kind == TokenKind::Punct {
                    return false;
                }
                if LIKENESS.contains(&tokens[j].text(norm)) {
                    return true;
                }
            }
            return false;
        }
    }
    false
}

/// Marks talk about the words, contrasts and coordinations within one block.
pub(crate) fn judge_use(mentions: &mut [Mention], text: &str, norm: &str, tokens: &[Token]) {
    let quotes = quoted_ranges(norm);
    for m in mentions.iter_mut() {
        let idx = m.token;
        let prev = word_at(norm, tokens, idx.wrapping_sub(1));
        let prev2 = word_at(norm, tokens, idx.wrapping_sub(2));
        let skip_det = |w: &str| DETERMINERS.contains(&w);
        let before = if skip_det(prev) { prev2 } else { prev };
        let before2 = if skip_det(prev) { word_at(norm, tokens, idx.wrapping_sub(3)) } else { prev2 };
        // Quoted ranges are in order and do not overlap: only the last that opens at or before
        // the word can hold it.
        let open_before = quotes.partition_point(|&(s, _)| s <= m.start);
        if let Some(&(qs, qe)) = quotes[..open_before].last().filter(|&&(_, e)| m.end <= e) {
            m.quoted = true;
            // A quoted word or short phrase is the word talked about; a longer quote is speech.
            // (A quoted name is used, not talked about: capitalised words ending in a noun for a
            // programme, "“Alumni Mentorship Scheme” matches alumni with students".)
            let words: Vec<&str> = norm[qs..qe].split_whitespace().collect();
            let name = words.len() >= 2
                && words.last().is_some_and(|w| PROGRAMME_NOUNS.contains(w))
                && text
                    .get(qs..qe)
                    .is_some_and(|t| t.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase())));
            if words.len() <= 3 && !name {
                m.meta = true;
            }
        }
        if META_BEFORE.contains(&before)
            || (before == "it" && before2 == "call")
            || (before == "them" && before2 == "call")
        {
            m.meta = true;
        }
        // (Past a quantifier: "differ from most coaches".)
        let (before, before2) = if matches!(before, "most" | "many" | "some" | "other" | "all" | "typical") {
            let back = if skip_det(prev) { 3 } else { 2 };
            (before2, word_at(norm, tokens, idx.wrapping_sub(back + 1)))
        } else {
            (before, before2)
        };
        m.excluded = matches!(before, "unlike" | "than" | "not" | "versus" | "vs" | "vs.")
            || (before == "from"
                && matches!(
                    before2,
                    "different"
                        | "distinct"
                        | "separate"
                        | "apart"
                        | "away"
                        | "differ"
                        | "differs"
                        | "differed"
                        | "differing"
                ))
            || (before == "of" && before2 == "instead")
            || (before == "to" && before2 == "opposed")
            || (before == "with" && before2 == "compared")
            // "In contrast to mentorship models", "compared to mentors", "contrasted with".
            || (matches!(before, "to" | "with") && matches!(before2, "contrast" | "compared" | "contrasted"))
            || compared_with(norm, tokens, idx);
        let next = word_at(norm, tokens, idx + 1);
        // (The word right before, not past a determiner: a determiner opens a noun phrase, so
        // "will the mentoring relationship last?" and "talk to the coach" hold nouns.)
        m.verb = matches!(m.form.class, WordClass::Past)
            || (m.form.role != Role::Guided
                && matches!(
                    prev,
                    "to" | "will"
                        | "can"
                        | "you"
                        | "i"
                        | "we"
                        | "they"
                        | "she"
                        | "he"
                        | "who"
                        | "would"
                        | "should"
                        | "you'll"
                        | "they'll"
                        | "she'll"
                        | "he'll"
                        | "also"
                ))
            || (m.form.class == WordClass::Plural
                && m.form.role == Role::Guide
                && matches!(
                    next,
                    "his"
                        | "her"
                        | "their"
                        | "new"
                        | "junior"
                        | "people"
                        | "others"
                        | "colleagues"
                        | "graduates"
                        | "two"
                        | "three"
                        | "several"
                        | "many"
                        | "young"
                        | "less"
                ));
    }
    mark_pairs(mentions, norm, tokens);
}

/// Pairs of mentions of the two practices: meta constructions and coordinations.
fn mark_pairs(mentions: &mut [Mention], norm: &str, tokens: &[Token]) {
    // Where "interchangeabl" last occurs: a tail after a word holds it when it occurs after the
    // word (found once, not once per pair).
    let interchangeabl = memchr::memmem::rfind(norm.as_bytes(), b"interchangeabl");
    // Where the last pair named as different ("the differences between coaching and mentoring")
    // ends: a coordinated pair later in its sentence offers the two roles it set apart ("... to
    // be an effective coach or mentor"), it does not name one role twice.
    let mut set_apart: Option<usize> = None;
    for i in 0..mentions.len() {
        for j in i + 1..mentions.len() {
            let (a, b) = (&mentions[i], &mentions[j]);
            // Mentions are in token order: once one is too far, so are the rest.
            if b.token > a.token + 4 {
                break;
            }
            if a.practice() == b.practice() {
                continue;
            }
            let between = &norm[a.end..b.start];
            let between = between.trim_start_matches(['\'', '’', 's']).trim();
            let words: Vec<&str> = between.split_whitespace().collect();
            let dets_only = |ws: &[&str]| ws.iter().all(|w| DETERMINERS.contains(w) || matches!(*w, "both"));
            let meta = matches!(between, "vs" | "vs." | "versus" | "≠" | "v" | "v.")
                || between.starts_with("vs")
                || (words.first().is_some_and(|w| matches!(*w, "is" | "isn't" | "are" | "aren't"))
                    && words.get(1).is_some_and(|w| matches!(*w, "not" | "just" | "n't"))
                    || words.first().is_some_and(|w| matches!(*w, "isn't" | "aren't")))
                    && dets_only(
                        &words[1..].iter().copied().filter(|w| !matches!(*w, "not" | "just")).collect::<Vec<_>>(),
                    );
            let prefix = &norm[..a.start];
            let tail = norm[b.end..].trim_start();
            let difference = prefix.trim_end().ends_with("between")
                || prefix.trim_end().ends_with("between a")
                || prefix.trim_end().ends_with("between the");
            // ("A coach or a mentor?": determiners may stand after the "or".)
            let which = words.first() == Some(&"or")
                && dets_only(&words[1..])
                && (tail.starts_with(':') || tail.starts_with('?') || tail.starts_with("—"));
            let interchangeably = interchangeabl.is_some_and(|at| at >= b.end)
                || tail.starts_with("are often")
                || tail.starts_with("mean different");
            let coordinated = !words.is_empty()
                && matches!(words[0], "and" | "or" | "&" | "nor" | "/" | "and/or")
                && !a.excluded
                && !b.excluded
                && dets_only(&words[1..]);
            let tokens_between = b.token - a.token;
            // "coach-protégé pairing", "coach/mentor": one compound names both sides.
            let compound = matches!(between, "-" | "–" | "—" | "/" | "‐");
            let _ = tokens;
            let b_end = b.end;
            let alternatives_set_apart = coordinated
                && set_apart.is_some_and(|end| end <= a.start && !norm[end..a.start].contains(['.', '!', '?', '\n']));
            if meta || difference || which || (coordinated && interchangeably) {
                mentions[i].meta = true;
                mentions[j].meta = true;
            }
            if alternatives_set_apart {
                mentions[i].alternative = true;
                mentions[j].alternative = true;
            }
            // (Set apart: the two words joined by "and" after "between".)
            if difference && coordinated && words[0] == "and" {
                set_apart = Some(b_end);
            }
            if (coordinated && tokens_between <= 3) || compound {
                mentions[i].joint = true;
                mentions[j].joint = true;
            }
        }
    }
}

/// Byte ranges (inside the quotes) of quoted passages in normalised text.
pub(crate) fn quoted_ranges(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Quotation marks are `"` or start with the byte 0xE2 (“ ” ‘ ’): jump between those. A
    // single quotation closes at a ’ that no letter follows: inside a word it is an
    // apostrophe ("‘the mentee’s goals’").
    for i in memchr::memchr2_iter(b'"', 0xE2, norm.as_bytes()) {
        let Some(ch) = norm[i..].chars().next() else { continue };
        let apostrophe = ch == '’' && norm[i + ch.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
        // A closing mark that no word precedes and a word follows opens a quotation, as a
        // mistyped opening mark does ("as “Mentor or Mentee”/”Coach or Coachee”"): its
        // neighbours, not its curl, say which end it is.
        let opens_as_typed = ch == '”'
            && norm[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || matches!(c, '/' | '(' | '['))
            && norm[i + ch.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
        match (open, ch) {
            (None, '“') => open = Some((i + ch.len_utf8(), '”')),
            (None, '”') if opens_as_typed => open = Some((i + ch.len_utf8(), '”')),
            (None, '‘') => open = Some((i + ch.len_utf8(), '’')),
            (None, '"') => open = Some((i + 1, '"')),
            (Some((start, close)), c) if c == close && !apostrophe => {
                out.push((start, i));
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether each practice word of `text` is read as talk about the word (meta).
    fn meta(text: &str) -> Vec<(String, bool)> {
        let norm = super::super::text::normalise(text);
        let tokens = super::super::text::tokenize(&norm);
        let mut found = find(0, text, &norm, &tokens);
        judge_use(&mut found, text, &norm, &tokens);
        found.iter().map(|m| (norm[m.start..m.end].to_string(), m.meta)).collect()
    }

    /// A short quoted phrase is the word talked about, unless it is a name in capitals that
    /// ends in a noun for a programme: then it is used.
    #[test]
    fn a_quoted_programme_name_is_used_not_talked_about() {
        assert_eq!(meta("\"Peer Mentoring Programme\" matches staff."), [("mentoring".to_string(), false)]);
        assert_eq!(meta("We stopped saying \"mentoring programme\"."), [("mentoring".to_string(), true)]);
        assert_eq!(meta("We call it \"Peer Mentoring\"."), [("mentoring".to_string(), true)]);
    }

    /// Single quotation marks quote as double ones do; a ’ inside a word is an apostrophe.
    #[test]
    fn single_quotation_marks_quote() {
        assert_eq!(meta("We stopped saying ‘mentoring’ here."), [("mentoring".to_string(), true)]);
        assert_eq!(
            meta("‘The mentee’s goals come first,’ says each coach."),
            [("mentee".to_string(), false), ("coach".to_string(), false)]
        );
    }

    /// A closing mark with no word before it and a word after it opens a quotation.
    #[test]
    fn a_mistyped_closing_mark_opens_where_a_word_follows_it() {
        assert_eq!(quoted_ranges("a /”b c” d"), [(6, 9)]);
        assert_eq!(quoted_ranges("said “a” then” b"), [(8, 9)]);
    }

    /// The word pattern is written by hand for speed; every spelling the core lists must match
    /// it whole, or that spelling is never found.
    #[test]
    fn the_word_pattern_finds_every_listed_spelling() {
        for form in cm_core::WORDS {
            let found = WORD_RE.find(form.word).is_some_and(|m| m.as_str() == form.word);
            assert!(found, "{} is not matched whole", form.word);
        }
    }
}
