#![doc = include_str!("inconsistent_naming.md")]

use std::collections::HashSet;
use std::sync::LazyLock;

use cm_core::{Practice, Role};
use regex::Regex;

use super::RuleMeta;
use crate::analysis::entities::{Binding, EntityKind};
use crate::analysis::Analysis;
use crate::prose::BlockKind;
use crate::{Diagnostic, Severity};

pub(crate) static META: RuleMeta = RuleMeta {
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

static UMBRELLA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:two|three|both|separate|distinct|different)\b.*\b(?:tracks?|parts?|strands?|streams?|programmes|programs|options|offers|schemes|elements|halves|sides)\b")
        .expect("valid")
});
static RENAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bbecomes?\b|\brenamed\b|\bformerly\b|\bpreviously (?:called|known)\b|\bnow called\b|\bnew name\b")
        .expect("valid")
});

fn check(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>) {
    let valid: Vec<&Binding> = analysis.bindings.iter().filter(|b| binding_counts(analysis, b)).collect();
    let mut flagged = HashSet::new();
    for (pos, later) in valid.iter().enumerate() {
        for earlier in &valid[..pos] {
            if same_entity(analysis, earlier, later) && flagged.insert(later.mention) {
                acc.push(diagnostic(analysis, earlier, later));
            }
        }
    }
    title_role(acc, analysis, &flagged);
}

fn binding_counts(analysis: &Analysis<'_>, b: &Binding) -> bool {
    let m = &analysis.mentions[b.mention];
    if analysis.sentences[m.sentence].neutral {
        return false;
    }
    match b.kind {
        EntityKind::Programme => b.names.iter().all(|n| name_is_valid(analysis, n)) && !umbrella(analysis, &b.names),
        EntityKind::Person | EntityKind::Thing => true,
    }
}

fn same_entity(analysis: &Analysis<'_>, a: &Binding, b: &Binding) -> bool {
    let (ma, mb) = (&analysis.mentions[a.mention], &analysis.mentions[b.mention]);
    if a.practice == b.practice || ma.sentence == mb.sentence || a.kind != b.kind {
        return false;
    }
    if !a.names.iter().any(|n| b.names.contains(n)) {
        return false;
    }
    match a.kind {
        EntityKind::Thing => {
            // "the coaching agreement" and "the mentoring agreement" are one thing when one of
            // them is "this", or when the document never otherwise speaks of that practice.
            a.demonstrative || b.demonstrative || uses(analysis, a.practice) == 1 || uses(analysis, b.practice) == 1
        }
        _ => true,
    }
}

/// How many times the document uses a practice's words.
fn uses(analysis: &Analysis<'_>, practice: Practice) -> usize {
    analysis.mentions.iter().filter(|m| m.practice() == practice && m.sense && !m.meta && !m.is_client()).count()
}

/// A programme name is a word the document treats as a name: capitalised mid-sentence, or not
/// an ordinary modifier and capitalised more than once.
fn name_is_valid(analysis: &Analysis<'_>, name: &str) -> bool {
    let mut capitalised = 0;
    let mut mid_sentence = false;
    for sentence in &analysis.sentences {
        let view = &analysis.views[sentence.block];
        let text = &analysis.blocks[sentence.block].text;
        let heading = matches!(analysis.blocks[sentence.block].kind, BlockKind::Heading { .. });
        for t in sentence.tokens.clone() {
            let token = view.tokens[t];
            if token.text(&view.norm).trim_end_matches("'s") != name {
                continue;
            }
            if text[token.start..].chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
                let first = t == sentence.tokens.start
                    || view.tokens[t - 1].text(&view.norm).chars().all(|c| !c.is_alphanumeric());
                mid_sentence |= !first && !heading;
            }
        }
    }
    mid_sentence || (!GENERIC.contains(&name) && capitalised >= 2)
}

/// The name stands for an umbrella over separate parts, or is being renamed.
fn umbrella(analysis: &Analysis<'_>, names: &[String]) -> bool {
    analysis.sentences.iter().any(|s| {
        let text = &analysis.views[s.block].norm[s.start..s.end];
        names.iter().any(|n| text.split(|c: char| !c.is_alphanumeric()).any(|w| w == n))
            && (UMBRELLA.is_match(text) || RENAME.is_match(text))
    })
}

fn diagnostic(analysis: &Analysis<'_>, earlier: &Binding, later: &Binding) -> Diagnostic {
    let first = &analysis.mentions[earlier.mention];
    let second = &analysis.mentions[later.mention];
    let what = match later.kind {
        EntityKind::Person => format!("the person '{}'", title_case(&later.names.join(" "))),
        EntityKind::Programme => format!("the programme '{}'", title_case(&later.names.join(" "))),
        EntityKind::Thing => format!("the {}", later.names.join(" ")),
    };
    Diagnostic {
        rule: &META,
        severity: META.default_severity,
        span: analysis.mention_span(second),
        related: Some(analysis.mention_span(first)),
        message: format!(
            "'{}' names {what}, which the document also calls '{}'",
            analysis.mention_text(second),
            analysis.mention_text(first),
        ),
        note: Some("coaching and mentoring are different practices with different traits; one programme or person keeps one name"),
        fix: super::swap_fix(analysis, second),
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
