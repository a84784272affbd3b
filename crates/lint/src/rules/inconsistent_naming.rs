#![doc = include_str!("inconsistent_naming.md")]

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use cm_core::{Practice, Role};
use regex::Regex;

use super::RuleMeta;
use crate::analysis::entities::{Binding, EntityKind};
use crate::analysis::Analysis;
use crate::prose::BlockKind;
use crate::{Applicability, Diagnostic, Severity};

pub(crate) static META: RuleMeta = RuleMeta {
    id: super::Rule::InconsistentNaming,
    file: "inconsistent_naming",
    code: "CM005",
    name: "inconsistent-naming",
    summary: "One programme, person or relationship is named with both words",
    doc: include_str!("inconsistent_naming.md"),
    default_severity: Severity::Warning,
    check,
};

/// Modifiers that are ordinary words, not names, unless the document capitalises them
/// mid-sentence ("the Leadership Mentoring programme").
const GENERIC: &[&str] = &[
    "executive",
    "peer",
    "reverse",
    "sales",
    "career",
    "group",
    "team",
    "internal",
    "external",
    "formal",
    "informal",
    "graduate",
    "leadership",
    "senior",
    "junior",
    "personal",
    "professional",
    "life",
    "business",
    "agile",
    "data",
    "finance",
    "engineering",
    "student",
    "youth",
    "volunteer",
    "online",
    "virtual",
    "women",
    "new",
    "management",
    "performance",
    "health",
    "wellbeing",
    "inclusion",
    "diversity",
    "technical",
    "product",
    "design",
    "skills",
];

/// A sentence that makes a name an umbrella over two parts ("two separate tracks") or renames
/// it ("formerly", "now called"). One regex for both: one search per sentence.
static UMBRELLA_OR_RENAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u:\b)(?:two|three|both|separate|distinct|different)(?-u:\b).*(?-u:\b)(?:tracks?|parts?|strands?|streams?|programmes|programs|options|offers|schemes|elements|halves|sides)(?-u:\b)",
        r"|(?-u:\b)becomes?(?-u:\b)|(?-u:\b)renamed(?-u:\b)|(?-u:\b)formerly(?-u:\b)|(?-u:\b)previously (?:called|known)(?-u:\b)|(?-u:\b)now called(?-u:\b)|(?-u:\b)new name(?-u:\b)",
    ))
    .expect("valid")
});

fn check(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>) {
    if analysis.bindings.is_empty() {
        heading_engagement(acc, analysis, &HashSet::new());
        demonstrative_anaphora(acc, analysis, &HashSet::new());
        return;
    }
    // Only programme names need the document-wide facts about names, and only about their words.
    let facts = std::cell::OnceCell::new();
    let facts = || {
        facts.get_or_init(|| {
            let names = analysis
                .bindings
                .iter()
                .filter(|b| b.kind == EntityKind::Programme)
                .flat_map(|b| b.names.iter().map(String::as_str))
                .collect();
            NameFacts::gather(analysis, names)
        })
    };
    let valid: Vec<&Binding> = analysis.bindings.iter().filter(|b| binding_counts(analysis, facts, b)).collect();
    let uses = Uses::count(analysis);
    let mut flagged = HashSet::new();
    // Two bindings can name one entity only if they share a name and a kind and differ in
    // practice: each later binding looks up, under each of its names, the earlier bindings of
    // its kind and the other practice, and takes the first that [`same_entity`] accepts. Which
    // earlier bindings it accepts depends on the earlier one alone (`alone`) or on the later one
    // (`with_later`), so the first of the right list outside the later one's sentence is it: no
    // pair of bindings is compared, however often a name recurs.
    let mut by_name: HashMap<(&str, EntityKind, Practice), [Vec<usize>; 2]> = HashMap::new();
    for (pos, later) in valid.iter().enumerate() {
        let sentence = |b: &Binding| analysis.mentions[b.mention].sentence;
        let first_accepted = if flagged.contains(&later.mention) {
            None
        } else {
            let list = usize::from(!accepts_any_earlier(analysis, &uses, later));
            later
                .names
                .iter()
                .filter_map(|n| by_name.get(&(n.as_str(), later.kind, later.practice.other())))
                .filter_map(|lists| lists[list].iter().copied().find(|&e| sentence(valid[e]) != sentence(later)))
                .min()
        };
        if let Some(e) = first_accepted {
            debug_assert!(same_entity(analysis, &uses, valid[e], later));
            if flagged.insert(later.mention) {
                acc.push(diagnostic(analysis, valid[e], later));
            }
        }
        let alone = accepted_alone(analysis, &uses, later);
        for name in &later.names {
            let lists = by_name.entry((name.as_str(), later.kind, later.practice)).or_default();
            if lists[0].last() != Some(&pos) {
                lists[0].push(pos);
                if alone {
                    lists[1].push(pos);
                }
            }
        }
    }
    title_role(acc, analysis, &flagged);
    heading_engagement(acc, analysis, &flagged);
    demonstrative_anaphora(acc, analysis, &flagged);
}

/// Whether the later binding makes [`same_entity`] accept any earlier one of its kind and the
/// other practice that shares a name, outside its sentence.
fn accepts_any_earlier(analysis: &Analysis<'_>, uses: &Uses, later: &Binding) -> bool {
    match later.kind {
        EntityKind::Programme => in_heading(analysis, &analysis.mentions[later.mention]),
        EntityKind::Thing => later.demonstrative || uses.of(later.practice) == 1,
        EntityKind::Person => true,
    }
}

/// Whether [`same_entity`] accepts the earlier binding whatever the later one is (given a shared
/// name, its kind, the other practice and another sentence).
fn accepted_alone(analysis: &Analysis<'_>, uses: &Uses, earlier: &Binding) -> bool {
    match earlier.kind {
        EntityKind::Programme => {
            !earlier.names.iter().all(|n| GENERIC.contains(&n.as_str()))
                || in_heading(analysis, &analysis.mentions[earlier.mention])
        }
        EntityKind::Thing => earlier.demonstrative || uses.of(earlier.practice) == 1,
        EntityKind::Person => true,
    }
}

/// A mention in a heading, or in a short first block (the page's own title).
fn in_heading(analysis: &Analysis<'_>, m: &crate::analysis::mentions::Mention) -> bool {
    matches!(analysis.blocks[m.block].kind, BlockKind::Heading { .. })
        || (m.block == 0 && analysis.views[0].tokens.len() <= 8)
}

/// How the document writes the words of programme names, and which of them stand in sentences
/// that make a name an umbrella or a rename; gathered once per document.
struct NameFacts<'a> {
    /// Lower-case name word: (times capitalised, capitalised mid-sentence somewhere).
    capitalised: HashMap<&'a str, (usize, bool)>,
    umbrella_words: HashSet<&'a str>,
}

impl<'a> NameFacts<'a> {
    /// The facts about `names` (lower-case words).
    fn gather(analysis: &Analysis<'_>, names: HashSet<&'a str>) -> NameFacts<'a> {
        let mut capitalised: HashMap<&str, (usize, bool)> = HashMap::new();
        let mut umbrella_words = HashSet::new();
        // Only a sentence with a name's letters in it can hold the name as a word. (A document
        // has few programme names; a finder each costs less to build than one automaton.)
        let prefilter = names.len() <= 16;
        let finders: Vec<memchr::memmem::Finder<'_>> =
            if prefilter { names.iter().map(memchr::memmem::Finder::new).collect() } else { Vec::new() };
        for sentence in &analysis.sentences {
            let view = &analysis.views[sentence.block];
            let text = &analysis.blocks[sentence.block].text;
            let heading = matches!(analysis.blocks[sentence.block].kind, BlockKind::Heading { .. });
            for t in sentence.tokens.clone() {
                let token = view.tokens[t];
                let starts_upper = match text.as_bytes()[token.start] {
                    b if b.is_ascii() => b.is_ascii_uppercase(),
                    _ => text[token.start..].chars().next().is_some_and(char::is_uppercase),
                };
                if !starts_upper {
                    continue;
                }
                let word = crate::analysis::text::trim_suffix(token.text(&view.norm), "'s");
                let Some(&word) = names.get(word) else { continue };
                let first = t == sentence.tokens.start
                    || view.tokens[t - 1].text(&view.norm).chars().all(|c| !c.is_alphanumeric());
                let entry = capitalised.entry(word).or_default();
                entry.0 += 1;
                entry.1 |= !first && !heading;
            }
            let norm = &view.norm[sentence.start..sentence.end];
            // With many names, the search for their letters would cost names × sentences; the
            // regex alone then decides (the letters only ever skip a search that finds nothing).
            let has_letters = !prefilter || finders.iter().any(|f| f.find(norm.as_bytes()).is_some());
            if has_letters && UMBRELLA_OR_RENAME.is_match(norm) {
                umbrella_words.extend(norm.split(|c: char| !c.is_alphanumeric()).filter_map(|w| names.get(w)));
            }
        }
        NameFacts { capitalised, umbrella_words }
    }

    /// A programme name is a word the document treats as a name: capitalised mid-sentence, or
    /// not an ordinary modifier and capitalised more than once.
    fn is_name(&self, word: &str) -> bool {
        let (count, mid_sentence) = self.capitalised.get(word).copied().unwrap_or_default();
        mid_sentence || (!GENERIC.contains(&word) && count >= 2)
    }
}

fn binding_counts<'f>(analysis: &Analysis<'_>, facts: impl Fn() -> &'f NameFacts<'f>, b: &Binding) -> bool {
    let m = &analysis.mentions[b.mention];
    if analysis.sentences[m.sentence].neutral {
        return false;
    }
    match b.kind {
        EntityKind::Programme => {
            let facts = facts();
            b.names.iter().all(|n| facts.is_name(n))
                && !b.names.iter().any(|n| facts.umbrella_words.contains(n.as_str()))
        }
        EntityKind::Person | EntityKind::Thing => true,
    }
}

fn same_entity(analysis: &Analysis<'_>, uses: &Uses, a: &Binding, b: &Binding) -> bool {
    let (ma, mb) = (&analysis.mentions[a.mention], &analysis.mentions[b.mention]);
    if a.practice == b.practice || ma.sentence == mb.sentence || a.kind != b.kind {
        return false;
    }
    if !a.names.iter().any(|n| b.names.contains(n)) {
        return false;
    }
    match a.kind {
        // "Executive Coaching" and "Executive Mentoring" are two programmes unless one of them is
        // the page's own title: a generic word is a name only by the title's evidence.
        EntityKind::Programme if a.names.iter().all(|n| GENERIC.contains(&n.as_str())) => {
            in_heading(analysis, ma) || in_heading(analysis, mb)
        }
        EntityKind::Thing => {
            // "the coaching agreement" and "the mentoring agreement" are one thing when one of
            // them is "this", or when the document never otherwise speaks of that practice.
            a.demonstrative || b.demonstrative || uses.of(a.practice) == 1 || uses.of(b.practice) == 1
        }
        _ => true,
    }
}

/// How many times the document uses each practice's words.
struct Uses {
    coaching: usize,
    mentoring: usize,
}

impl Uses {
    fn count(analysis: &Analysis<'_>) -> Uses {
        let of = |practice: Practice| {
            analysis
                .mentions
                .iter()
                .filter(|m| m.practice() == practice && m.sense && !m.meta && !m.is_client())
                .count()
        };
        Uses { coaching: of(Practice::Coaching), mentoring: of(Practice::Mentoring) }
    }

    fn of(&self, practice: Practice) -> usize {
        match practice {
            Practice::Coaching => self.coaching,
            Practice::Mentoring => self.mentoring,
        }
    }
}

fn diagnostic(analysis: &Analysis<'_>, earlier: &Binding, later: &Binding) -> Diagnostic {
    let first = &analysis.mentions[earlier.mention];
    let second = &analysis.mentions[later.mention];
    let what = match later.kind {
        EntityKind::Person => format!("the person '{}'", title_case(&later.names.join(" "))),
        EntityKind::Programme => format!("the programme '{}'", title_case(&later.names.join(" "))),
        EntityKind::Thing => format!("the {}", later.names.join(" ")),
    };
    // (Never safe: the fix renames the later naming after the first, but the first is no more
    // likely the right one, "the Catalyst coaching program" may be the slip, and a name is what
    // readers sign up for.)
    named_both_ways(
        analysis,
        second,
        first,
        format!(
            "'{}' names {what}, which the document also calls '{}'",
            analysis.mention_text(second),
            analysis.mention_text(first),
        ),
    )
}

/// A finding that `m` names, with the other practice's word, what `other` names; its fix
/// (never safe) swaps `m`'s word.
fn named_both_ways(
    analysis: &Analysis<'_>,
    m: &crate::analysis::mentions::Mention,
    other: &crate::analysis::mentions::Mention,
    message: String,
) -> Diagnostic {
    Diagnostic {
        rule: &META,
        severity: META.default_severity,
        span: analysis.mention_span(m),
        related: Some(analysis.mention_span(other)),
        message,
        note: Some("coaching and mentoring are different practices with different traits; one programme or person keeps one name"),
        fix: super::swap_fix(analysis, m, Applicability::Unsafe),
        chain: None,
        repeats: Vec::new(),
        point: None,
        trait_of: None,
    }
}

fn title_case(text: &str) -> String {
    text.split(' ').map(|w| super::keep_case("X", w)).collect::<Vec<_>>().join(" ")
}

/// A document titled for one role ("Job title: Career Mentor") that calls the same role by the
/// other word as a defined term ("The Coach will be based ...").
fn title_role(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>, flagged: &HashSet<usize>) {
    let Some(title_block) = analysis.blocks.iter().position(|b| !b.text.trim().is_empty()) else {
        return;
    };
    let guides = |block: usize| {
        analysis.views[block].mentions.clone().filter(|&i| {
            analysis.mentions[i].role() == Role::Guide && analysis.mentions[i].sense && !analysis.mentions[i].verb
        })
    };
    let mut title_guides = guides(title_block);
    let Some(title) = title_guides.next() else {
        return;
    };
    let practice = analysis.mentions[title].practice();
    if guides(title_block).any(|i| analysis.mentions[i].practice() != practice) {
        return;
    }
    for (idx, m) in analysis.mentions.iter().enumerate().filter(|(_, m)| m.block > title_block) {
        let view = &analysis.views[m.block];
        let prev = view.tokens.get(m.token.wrapping_sub(1)).map_or("", |t| t.text(&view.norm));
        if m.practice() != practice
            && m.role() == Role::Guide
            && m.capitalised
            && m.sense
            && prev == "the"
            && !flagged.contains(&idx)
        {
            let earlier = Binding {
                kind: EntityKind::Thing,
                names: vec!["role".into()],
                practice,
                mention: title,
                demonstrative: false,
            };
            let later = Binding {
                kind: EntityKind::Thing,
                names: vec!["role".into()],
                practice: m.practice(),
                mention: idx,
                demonstrative: false,
            };
            acc.push(diagnostic(analysis, &earlier, &later));
            return;
        }
    }
}

/// A heading that names an engagement with one practice's word ("Coaching sessions") over a
/// section that speaks of the same engagement as the other practice's: the head noun again, in
/// a sentence whose people are the other practice's ("Sessions run fortnightly while mentor and
/// mentee stay engaged"), and no word of the heading's practice anywhere in the section. One
/// thing, named both ways.
fn heading_engagement(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>, flagged: &HashSet<usize>) {
    use crate::analysis::holders::{is_engagement_noun, is_practice_word};
    for (h, block) in analysis.blocks.iter().enumerate() {
        let BlockKind::Heading { level } = block.kind else { continue };
        let view = &analysis.views[h];
        let usable = |i: usize| {
            let m = &analysis.mentions[i];
            m.sense && m.is_use() && !m.is_client() && !m.joint
        };
        let mut mentions = view.mentions.clone().filter(|&i| usable(i));
        let (Some(named), None) = (mentions.next(), mentions.next()) else { continue };
        let m = &analysis.mentions[named];
        if m.role() != Role::Activity || m.verb || flagged.contains(&named) {
            continue;
        }
        // The word after the practice word is the engagement's head noun, and ends the heading.
        let Some(head) = view.tokens.get(m.token + 1).map(|t| t.text(&view.norm)) else { continue };
        if m.token + 2 != view.tokens.len() || !is_engagement_noun(head) || is_practice_word(head) {
            continue;
        }
        let singular = head.strip_suffix('s').unwrap_or(head);
        let practice = m.practice();
        // The section: the blocks up to the next heading of the same or a higher level.
        let end = (h + 1..analysis.blocks.len())
            .find(|&b| matches!(analysis.blocks[b].kind, BlockKind::Heading { level: l } if l <= level))
            .unwrap_or(analysis.blocks.len());
        let section_mentions = || (h + 1..end).flat_map(|b| analysis.views[b].mentions.clone()).filter(|&i| usable(i));
        if section_mentions().any(|i| analysis.mentions[i].practice() == practice) {
            continue;
        }
        let other = analysis.sentences.iter().filter(|s| s.block > h && s.block < end).find_map(|s| {
            let v = &analysis.views[s.block];
            let names_head = v.tokens[s.tokens.clone()].iter().any(|t| {
                let w = t.text(&v.norm);
                w == head || w.strip_suffix('s').unwrap_or(w) == singular
            });
            let people = s
                .mentions
                .clone()
                .filter(|&i| usable(i) && matches!(analysis.mentions[i].role(), Role::Guide | Role::Guided));
            names_head.then(|| people.into_iter().next()).flatten()
        });
        let Some(other) = other else { continue };
        let word = analysis.mention_text(m);
        let head_token = view.tokens[m.token + 1];
        let head = &block.text[head_token.start..head_token.end];
        // (Never safe: the heading or the section may be the slip.)
        acc.push(named_both_ways(
            analysis,
            m,
            &analysis.mentions[other],
            format!(
                "'{word} {head}' names {} that this section gives to '{}': one engagement, named both ways",
                head.to_lowercase(),
                analysis.mention_text(&analysis.mentions[other]),
            ),
        ));
    }
}

/// What a noun phrase can refer back to: a group of people, one person, or an engagement.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Referent {
    People,
    Person,
    Engagement,
}

/// The referent a practice word names, if it can stand for one: a plural or singular role
/// noun, or the activity's noun ("mentorship", "coaching"). A role word that modifies a
/// programme noun ("the Harbour Coach Program") names an engagement.
fn referent(analysis: &Analysis<'_>, m: &crate::analysis::mentions::Mention) -> Option<Referent> {
    use cm_core::WordClass;
    if m.verb || m.possessive {
        return None;
    }
    let view = &analysis.views[m.block];
    let next = view.tokens.get(m.token + 1).map_or("", |t| t.text(&view.norm));
    if crate::analysis::mentions::PROGRAMME_NOUNS.contains(&next.strip_suffix('s').unwrap_or(next)) {
        return Some(Referent::Engagement);
    }
    match (m.role(), m.form.class) {
        (Role::Guide, WordClass::Plural) => Some(Referent::People),
        (Role::Guide, WordClass::Singular) => Some(Referent::Person),
        (Role::Activity, WordClass::Gerund | WordClass::Noun) => Some(Referent::Engagement),
        _ => None,
    }
}

/// "The Harbour Coach Program opened in 2019. This mentorship is offered to ...": a
/// demonstrative ("this", "these") at the head of a sentence says that its noun names
/// something the text has just mentioned. Its referent is the nearest earlier word that can be
/// it (the same kind: a group of people for "these mentors", one person for "this coach", an
/// engagement for "this mentorship"), in the same paragraph or the block just before. When
/// that word belongs to the other practice, and no word of the demonstrative's own practice
/// stands between them, one thing is named both ways. Only a demonstrative whose head is the
/// practice word itself counts: "this mentoring guide" may point at the page.
fn demonstrative_anaphora(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>, flagged: &HashSet<usize>) {
    use crate::analysis::holders::is_engagement_noun;
    let plain = |m: &crate::analysis::mentions::Mention| {
        let sentence = &analysis.sentences[m.sentence];
        m.is_use() && !m.quoted && !m.joint && !m.is_client() && !sentence.neutral && !sentence.question
    };
    for (idx, m) in analysis.mentions.iter().enumerate() {
        if !plain(m) || flagged.contains(&idx) {
            continue;
        }
        let Some(kind) = referent(analysis, m) else { continue };
        let sentence = &analysis.sentences[m.sentence];
        let view = &analysis.views[m.block];
        let text = |t: usize| view.tokens[t].text(&view.norm);
        // The demonstrative opens the sentence; up to two modifiers stand between it and the
        // word ("These qualified mentors").
        let first = sentence.tokens.start;
        if m.token <= first || m.token > first + 3 {
            continue;
        }
        let wanted = if kind == Referent::People { "these" } else { "this" };
        let modifiers_plain = (first + 1..m.token).all(|t| {
            let w = text(t);
            w.chars().all(|c| c.is_alphabetic() || c == '-') && !crate::analysis::holders::is_practice_word(w)
        });
        if text(first) != wanted || !modifiers_plain {
            continue;
        }
        // The practice word is the phrase's head: "this mentoring guide" may be the page.
        let next = view.tokens.get(m.token + 1).map_or("", |t| t.text(&view.norm));
        let modified = match kind {
            Referent::Engagement => !next.is_empty() && next.chars().all(char::is_alphabetic) && !is_verb_like(next),
            Referent::People | Referent::Person => is_engagement_noun(next),
        };
        if modified {
            continue;
        }
        // The nearest earlier word that can be the referent, in this block or the one before.
        let antecedent = analysis.mentions[..idx]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, e)| e.block == m.block || e.block + 1 == m.block)
            .find(|(_, e)| {
                // (A capitalised name that ends in a programme noun is read as a brand, not a
                // use; it still names the programme: "the Harbour Coach Program".)
                let named =
                    e.capitalised && !e.meta && !e.excluded && referent(analysis, e) == Some(Referent::Engagement);
                e.practice() == m.practice() || ((plain(e) || named) && referent(analysis, e) == Some(kind))
            });
        let Some((e_idx, e)) = antecedent else { continue };
        if e.practice() == m.practice() || flagged.contains(&e_idx) || closer_referent(analysis, e, m, kind) {
            continue;
        }
        let what = match kind {
            Referent::People => "one group of people",
            Referent::Person => "one person",
            Referent::Engagement => "one engagement",
        };
        // (A programme is quoted with its noun: "Coach Program".)
        let e_view = &analysis.views[e.block];
        let e_text = match e_view.tokens.get(e.token + 1) {
            Some(t) if referent(analysis, e) == Some(Referent::Engagement) && e.role() == Role::Guide => {
                format!("{} {}", analysis.mention_text(e), &analysis.blocks[e.block].text[t.start..t.end])
            }
            _ => analysis.mention_text(e).to_string(),
        };
        // (Never safe: either naming may be the slip.)
        acc.push(named_both_ways(
            analysis,
            m,
            e,
            format!(
                "'{}' refers back to '{e_text}': {what}, named both ways",
                &analysis.blocks[m.block].text[view.tokens[first].start..m.end]
            ),
        ));
    }
}

/// Whether a word between the antecedent `e` and the demonstrative's word `m` may be what the
/// demonstrative points to instead, a noun that is no practice word: "Coaches lead the clinic,
/// and volunteers join them. These mentors ..." may mean the volunteers. For people, a noun
/// for a person or a role ("volunteers", "engineers", "a manager"); for an engagement, a noun
/// for one ("a buddy scheme"). (The antecedent's own programme noun is part of it.)
fn closer_referent(
    analysis: &Analysis<'_>,
    e: &crate::analysis::mentions::Mention,
    m: &crate::analysis::mentions::Mention,
    kind: Referent,
) -> bool {
    use crate::analysis::lexicon;
    let person_like = |w: &str| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        lexicon::OTHER_ROLES.contains(singular)
            || crate::analysis::relations::is_audience(w)
            || ["er", "or", "ist", "ee", "ant", "ent"].iter().any(|end| singular.len() > 4 && singular.ends_with(end))
    };
    let plural = |w: &str| w.ends_with('s') && !w.ends_with("ss");
    // A copula right after the antecedent makes the noun phrase after it the antecedent again
    // ("Field Coaches are senior technicians who ..."): that phrase stands for no one else.
    let e_view = &analysis.views[e.block];
    let e_text = |t: usize| e_view.tokens.get(t).map_or("", |t| t.text(&e_view.norm));
    let mut skip_to = e.token + 2;
    if matches!(e_text(e.token + 1), "is" | "are" | "was" | "were" | "become" | "became" | "remain") {
        while skip_to < e_view.tokens.len() {
            let w = e_text(skip_to);
            let quote = matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’");
            if !quote && (lexicon::PREPOSITIONS.contains(w) || !w.chars().all(|c| c.is_alphabetic() || c == '-')) {
                break;
            }
            skip_to += 1;
        }
    }
    (e.block..=m.block).any(|b| {
        let view = &analysis.views[b];
        let from = if b == e.block { skip_to } else { 0 };
        let to = if b == m.block { m.token } else { view.tokens.len() };
        (from..to.max(from)).any(|t| {
            let w = view.tokens[t].text(&view.norm);
            if crate::analysis::holders::is_practice_word(w) {
                return false;
            }
            match kind {
                Referent::People => plural(w) && person_like(w),
                Referent::Person => !plural(w) && person_like(w),
                Referent::Engagement => lexicon::ENGAGEMENT_NOUNS.contains(w),
            }
        })
    })
}

/// Whether the word after "this mentorship" is its verb, not a noun it modifies ("this mentoring
/// guide"): a verb form that agrees with one subject (a third-person present or a past) or an
/// auxiliary. A base form may be a noun ("guide", "plan").
fn is_verb_like(word: &str) -> bool {
    use crate::analysis::lexicon::VerbForm;
    matches!(
        crate::analysis::lexicon::verb(word),
        Some((_, VerbForm::Third | VerbForm::Past | VerbForm::PastOrParticiple))
    ) || matches!(word, "is" | "was" | "will" | "can" | "may" | "should" | "must" | "has" | "had" | "would" | "does")
}

#[cfg(test)]
mod tests {
    use crate::test_support::codes;

    #[test]
    fn flags_one_programme_named_both_ways() {
        let doc = "# Lantern\n\nThe Lantern coaching programme opens in May.\n\nAsk the Lantern mentoring team for details.\n";
        assert_eq!(codes(doc), ["CM005"]);
    }

    #[test]
    fn flags_one_person_named_both_ways() {
        let doc = "Your coach, Dana Reyes, will call you.\n\nIf anything is unclear, Dana, your mentor, can help.\n";
        assert_eq!(codes(doc), ["CM005"]);
    }

    #[test]
    fn flags_a_heading_that_names_the_sections_engagement_by_the_other_practice() {
        let doc = "# Bridge\n\n## Coaching meetups\n\nMeetups run monthly, and every mentor brings two mentees.\n";
        assert_eq!(codes(doc), ["CM005"]);
        // The section uses the heading's word too: nothing is named both ways.
        let doc = "# Bridge\n\n## Coaching meetups\n\nMeetups run monthly, and every mentor brings two mentees to coaching.\n";
        assert!(!codes(doc).contains(&"CM005"));
        // The section never speaks of the circles again.
        let doc = "# Bridge\n\n## Coaching meetups\n\nEvery mentor brings two mentees.\n";
        assert!(!codes(doc).contains(&"CM005"));
    }

    #[test]
    fn a_demonstrative_reaches_back_one_block_at_most() {
        let doc = "Coaches run the Monday clinic.\n\nThese mentors are unpaid.\n";
        assert_eq!(codes(doc), ["CM005"]);
        let doc = "Coaches run the Monday clinic.\n\nThe clinic opens at nine.\n\nThese mentors are unpaid.\n";
        assert!(codes(doc).is_empty());
    }

    #[test]
    fn ignores_two_people() {
        let doc = "Your mentor is Priya Shah.\n\nYour coach is Ben Clarke.\n";
        assert!(codes(doc).is_empty());
    }

    #[test]
    fn ignores_two_tracks_of_one_brand() {
        let doc =
            "Ascend has two separate tracks.\n\n- Ascend Coaching for directors\n- Ascend Mentoring for new managers\n";
        assert!(codes(doc).is_empty());
    }
}
