//! The rules, one module each, registered once in [`RULES`] in code order.
//!
//! Rules stay small: the shared analysis has already found the practice words, their sense,
//! the traits and what they are said of. A rule turns that into diagnostics.

mod coaching_described_as_mentoring;
mod inconsistent_naming;
mod interchangeable_terms;
mod mentoring_described_as_coaching;
mod mixed_roles;

use cm_core::{Practice, WordForm};

use crate::analysis::mentions::Mention;
use crate::analysis::Analysis;
use crate::{Diagnostic, Edit, Fix, Severity};

/// A rule's identity and documentation.
pub struct RuleMeta {
    /// The permanent code, "CM001".
    pub code: &'static str,
    /// The kebab-case name, "interchangeable-terms".
    pub name: &'static str,
    /// One line for listings.
    pub summary: &'static str,
    /// The full doc in Markdown, with the headings every rule doc has.
    pub doc: &'static str,
    pub default_severity: Severity,
    pub(crate) check: fn(&mut Vec<Diagnostic>, &Analysis<'_>),
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleMeta").field("code", &self.code).field("name", &self.name).finish_non_exhaustive()
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for RuleMeta {}

/// Every rule, in code order.
pub static RULES: &[&RuleMeta] = &[
    &interchangeable_terms::META,
    &mixed_roles::META,
    &coaching_described_as_mentoring::META,
    &mentoring_described_as_coaching::META,
    &inconsistent_naming::META,
];

/// Looks a rule up by code ("CM003", any case) or name ("mixed-roles").
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// `replacement` written with the capitalisation of `original` ("Coaches" -> "Mentors").
pub(crate) fn keep_case(original: &str, replacement: &str) -> String {
    let mut chars = original.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let all_upper =
        original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && original.chars().count() > 1;
    if all_upper {
        replacement.to_uppercase()
    } else if first_upper {
        let mut out = String::new();
        let mut rc = replacement.chars();
        if let Some(c) = rc.next() {
            out.extend(c.to_uppercase());
        }
        out.push_str(rc.as_str());
        out
    } else {
        replacement.to_string()
    }
}

/// A fix that swaps a mention's word for the other practice's word of the same role and shape.
pub(crate) fn swap_fix(analysis: &Analysis<'_>, mention: &Mention) -> Option<Fix> {
    if mention.vocabulary {
        return None;
    }
    let counterpart: &WordForm = mention.form.counterpart()?;
    let original = analysis.mention_text(mention);
    let replacement = keep_case(original, counterpart.word);
    Some(Fix {
        title: format!("Replace '{original}' with '{replacement}'"),
        edits: vec![Edit { span: analysis.mention_span(mention), replacement }],
    })
}

/// Diagnostics for every trait finding about `practice` (shared by CM003 and CM004).
pub(crate) fn trait_diagnostics(
    acc: &mut Vec<Diagnostic>,
    analysis: &Analysis<'_>,
    practice: Practice,
    meta: &'static RuleMeta,
) {
    use crate::analysis::traits::Anchor;
    // One finding per sentence and practice word: a bullet that piles up several traits is one
    // problem, reported at its first trait.
    let mut seen = std::collections::HashSet::new();
    for finding in analysis.findings.iter().filter(|f| f.practice == practice) {
        if !seen.insert((finding.sentence, finding.anchor.mention())) {
            continue;
        }
        let mention = &analysis.mentions[finding.anchor.mention()];
        let cue_span = analysis.span(finding.block, finding.start, finding.end);
        let cue_text = &analysis.blocks[finding.block].text[finding.start..finding.end];
        let word = analysis.mention_text(mention);
        let dimension = finding.cue.dimension;
        let (span, related, fix) = match finding.anchor {
            Anchor::Sentence(_) => (analysis.mention_span(mention), Some(cue_span), swap_fix(analysis, mention)),
            _ => (cue_span, Some(analysis.mention_span(mention)), None),
        };
        let how = if finding.negated {
            format!("denies it a {} trait", finding.trait_practice.activity())
        } else {
            format!("gives it a {} trait", finding.trait_practice.activity())
        };
        let message = format!(
            "'{word}' is described as {}: \"{cue_text}\" {how} ({})",
            practice.other().activity(),
            dimension.name(),
        );
        let note = Some(dimension.describe(practice));
        acc.push(Diagnostic { rule: meta, severity: meta.default_severity, span, related, message, note, fix });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted() {
        let codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn every_doc_has_its_headings() {
        for rule in RULES {
            let title = format!("# {} {}", rule.code, rule.name);
            assert!(rule.doc.starts_with(&title), "{} doc must start with {title:?}", rule.code);
            for heading in ["## What it flags", "## Why", "## Example", "## Use instead", "## Not flagged"] {
                assert!(rule.doc.contains(heading), "{} doc lacks {heading}", rule.code);
            }
        }
    }

    #[test]
    fn keeps_case() {
        assert_eq!(keep_case("Coaches", "mentors"), "Mentors");
        assert_eq!(keep_case("COACH", "mentor"), "MENTOR");
        assert_eq!(keep_case("coach", "mentor"), "mentor");
    }

    #[test]
    fn finds_rules_by_code_or_name() {
        assert_eq!(find("cm003").map(|r| r.name), Some("coaching-described-as-mentoring"));
        assert_eq!(find("mixed-roles").map(|r| r.code), Some("CM002"));
        assert!(find("CM999").is_none());
    }
}
