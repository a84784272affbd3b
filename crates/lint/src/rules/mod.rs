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
use crate::{Applicability, Chain, Diagnostic, Edit, Fix, Severity};

/// A rule, as configurations, suppressions and the front ends name it: a type, so that a rule
/// is never told by comparing strings. [`Rule::meta`] has its code, name and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    InterchangeableTerms,
    MixedRoles,
    CoachingDescribedAsMentoring,
    MentoringDescribedAsCoaching,
    InconsistentNaming,
}

impl Rule {
    /// The rule's code, name and documentation.
    #[must_use]
    pub fn meta(self) -> &'static RuleMeta {
        RULES[self as usize]
    }

    /// The rule with this code ("CM003", any case) or name ("mixed-roles").
    #[must_use]
    pub fn find(code_or_name: &str) -> Option<Rule> {
        find(code_or_name).map(|m| m.id)
    }

    /// The practices whose definitions the rule holds documents to: one for a trait rule.
    #[must_use]
    pub fn practices(self) -> &'static [Practice] {
        match self {
            Rule::CoachingDescribedAsMentoring => &[Practice::Coaching],
            Rule::MentoringDescribedAsCoaching => &[Practice::Mentoring],
            Rule::InterchangeableTerms | Rule::MixedRoles | Rule::InconsistentNaming => &Practice::ALL,
        }
    }
}

/// Where the project's rule docs are published.
const DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/crates/lint/src/rules/");

/// A rule's identity and documentation.
pub struct RuleMeta {
    pub id: Rule,
    /// The rule module's file name, which its doc shares (`<file>.md`).
    pub file: &'static str,
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

impl RuleMeta {
    /// Where the rule's documentation is published (the editor's and the reports' link).
    #[must_use]
    pub fn doc_url(&self) -> String {
        format!("{DOCS_BASE}{}.md", self.file)
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
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

/// A fix that swaps a mention's word for the other practice's word of the same role and shape,
/// with the applicability its rule gives it (each rule says why).
///
/// None where the word is paired with the other practice's word of the same role ("coach/mentor",
/// "mentors or coaches", "coaching and mentoring", "mentor coach"): the swap would double the
/// pair ("coach/coach", "coaches or coaches") or make it read as a contradiction, so the fix is
/// not offered at all, not merely left out by `--fix`.
pub(crate) fn swap_fix(analysis: &Analysis<'_>, mention: &Mention, applicability: Applicability) -> Option<Fix> {
    if mention.vocabulary || pairs_with_counterpart(analysis, mention) {
        return None;
    }
    let counterpart: &WordForm = mention.form.counterpart()?;
    let original = analysis.mention_text(mention);
    let replacement = keep_case(original, counterpart.word);
    Some(Fix {
        title: format!("Replace '{original}' with '{replacement}'"),
        edits: vec![Edit { span: analysis.mention_span(mention), replacement }],
        applicability,
    })
}

/// Words and marks that join two names into a pair or a fused term: "X/Y", "X or Y", "X (or Y)",
/// "X, also called Y", "an X and a Y", "X vs Y", "X Y".
const PAIR_JOINERS: &[&str] = &[
    "/", "-", "‐", "–", "—", "&", "+", ",", "(", ")", "[", "]", ":", "=", "|", "\"", "'", "“", "”", "‘", "’", "or",
    "and", "nor", "plus", "cum", "vs", "vs.", "v.", "versus", "also", "called", "known", "as", "aka", "a.k.a.", "i.e.",
    "ie", "either", "both", "a", "an", "the", "your", "our", "their", "his", "her", "its", "my",
];

/// How many tokens apart two words of a pair can be: "a coach, or also called a mentor".
const PAIR_REACH: usize = 8;

/// Whether `mention` is paired with a word of the other practice in the same role, joined only
/// by [`PAIR_JOINERS`]: the word its swap would turn into is already its partner.
fn pairs_with_counterpart(analysis: &Analysis<'_>, mention: &Mention) -> bool {
    let view = &analysis.views[mention.block];
    // The block's mentions are in token order: only those within reach are looked at, so that a
    // block of thousands of mentions costs a constant per mention.
    let mentions = &analysis.mentions[view.mentions.clone()];
    let from = mentions.partition_point(|m| m.token + PAIR_REACH < mention.token);
    let to = mentions.partition_point(|m| m.token <= mention.token + PAIR_REACH);
    mentions[from..to.max(from)].iter().any(|other| {
        if other.practice() == mention.practice() || other.role() != mention.role() {
            return false;
        }
        let (first, second) = if other.start < mention.start { (other, mention) } else { (mention, other) };
        if second.token - first.token > PAIR_REACH || first.end > second.start {
            return false;
        }
        let between = &view.norm[first.end..second.start];
        let between = between.trim_start_matches(['\'', '’', 's']);
        joiners_only(between)
    })
}

/// Whether `text` holds only [`PAIR_JOINERS`] (or nothing but spaces).
fn joiners_only(text: &str) -> bool {
    let mut word = String::new();
    let word_ok = |word: &str| word.is_empty() || PAIR_JOINERS.contains(&word);
    for ch in text.chars() {
        if ch.is_alphanumeric() || (ch == '.' && !word.is_empty()) {
            word.push(ch);
            continue;
        }
        if !word_ok(&word) {
            return false;
        }
        word.clear();
        if !ch.is_whitespace() && !PAIR_JOINERS.contains(&&*ch.encode_utf8(&mut [0; 4])) {
            return false;
        }
    }
    word_ok(&word)
}

/// Whether an activity word's people, named in its sentence, are all the other practice's roles
/// ("The mentor and his protégé engage in informal coaching"): the activity is then the other
/// practice under the wrong name, which is CM001's or CM002's point; its traits are that
/// practice's, not a mismatch of the word's.
fn done_by_the_other_roles(analysis: &Analysis<'_>, mention: &crate::analysis::mentions::Mention) -> bool {
    use cm_core::Role;
    if mention.role() != Role::Activity || mention.verb {
        return false;
    }
    let people: Vec<_> = analysis.sentences[mention.sentence]
        .mentions
        .clone()
        .map(|i| &analysis.mentions[i])
        .filter(|m| m.is_use() && !m.is_client() && matches!(m.role(), Role::Guide | Role::Guided))
        .collect();
    // The people are the activity's doers: they stand before it in its clause, no comma or
    // semicolon between ("Our coaching is open-ended, and mentees set the agenda" names two
    // things).
    let view = &analysis.views[mention.block];
    let doers = people.first().is_some_and(|first| {
        first.token < mention.token
            && (first.token..mention.token).all(|t| !matches!(view.tokens[t].text(&view.norm), "," | ";" | ":"))
    });
    doers && people.iter().all(|m| m.practice() != mention.practice())
}

/// Diagnostics for every trait finding about `practice` (shared by CM003 and CM004).
pub(crate) fn trait_diagnostics(
    acc: &mut Vec<Diagnostic>,
    analysis: &Analysis<'_>,
    practice: Practice,
    meta: &'static RuleMeta,
) {
    use crate::analysis::traits::Anchor;
    // One finding per sentence, practice and dimension: a bullet that piles up several cues of
    // one trait is one point, reported once, whether the cues reach the practice through a word
    // in the sentence or through its heading; two traits are two points.
    // The finding kept for a point is one said of a practice word in the sentence, else the first.
    let mut findings: Vec<_> = analysis.findings.iter().filter(|f| f.practice == practice).collect();
    findings.sort_by_key(|f| (f.sentence, !matches!(f.anchor, Anchor::Sentence(_)), f.start));
    let mut seen = std::collections::HashSet::new();
    for finding in findings {
        if !seen.insert((finding.sentence, finding.cue.dimension)) {
            continue;
        }
        let mention = &analysis.mentions[finding.anchor.mention()];
        if done_by_the_other_roles(analysis, mention) {
            continue;
        }
        let cue_span = analysis.span(finding.block, finding.start, finding.end);
        let cue_text = &analysis.blocks[finding.block].text[finding.start..finding.end];
        let word = analysis.mention_text(mention);
        let dimension = finding.cue.dimension;
        // Never safe: the sentence gives the word the other practice's trait, and only the writer
        // knows whether the word or the trait is wrong. Swapping the word keeps the trait and
        // changes which practice the sentence offers the reader.
        let fix = || swap_fix(analysis, mention, Applicability::Unsafe);
        let (span, related, fix) = match finding.anchor {
            Anchor::Sentence(_) => (analysis.mention_span(mention), Some(cue_span), fix()),
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
        let how = match finding.anchor {
            Anchor::Sentence(_) => "said of it in the same sentence",
            Anchor::Pronoun(_) => "said of a pronoun that refers back to it",
            Anchor::Name(_) => "said of a name the document gives it",
            Anchor::Topic(_) => "said under the heading, lead-in or table label that names it",
            Anchor::Previous(_) => "said in the paragraph that names it just before",
        };
        let chain = Some(Chain { phrase: cue_span, word: analysis.mention_span(mention), how });
        // A denial is its own point; the same trait given again is a repeat.
        let point = (!finding.negated).then(|| dimension.name());
        acc.push(Diagnostic {
            rule: meta,
            severity: meta.default_severity,
            span,
            related,
            message,
            note,
            fix,
            chain,
            repeats: Vec::new(),
            point,
            trait_of: Some((practice, dimension)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_its_own_entry_and_doc() {
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.id as usize, i, "{}", rule.code);
            assert_eq!(rule.id.meta().code, rule.code);
            assert_eq!(Rule::find(rule.name), Some(rule.id));
            let doc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/rules/{}.md", rule.file));
            assert_eq!(std::fs::read_to_string(doc).unwrap(), rule.doc, "{}", rule.code);
            assert!(rule.doc_url().ends_with(&format!("/crates/lint/src/rules/{}.md", rule.file)));
        }
    }

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

    fn fixes(markdown: &str) -> Vec<(&'static str, Option<Fix>)> {
        crate::lint(&crate::Document { source: markdown, format: crate::Format::Markdown })
            .into_iter()
            .map(|d| (d.rule.code, d.fix))
            .collect()
    }

    /// Every fix today swaps a practice word for the other practice's, which changes what the
    /// text offers: none may be applied unread (#14). The labelled corpus reaches every rule.
    #[test]
    fn every_word_swap_is_unsafe() {
        let corpus = crate::test_support::labelled_corpus();
        let mut swaps = std::collections::BTreeMap::new();
        for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
            let text = record["text"].as_str().unwrap_or_default();
            for (code, fix) in fixes(text) {
                let Some(fix) = fix else { continue };
                assert_eq!(fix.applicability, Applicability::Unsafe, "{code}: {} is a word swap", fix.title);
                *swaps.entry(code).or_insert(0) += 1;
            }
        }
        let codes: Vec<_> = swaps.keys().copied().collect();
        assert_eq!(codes, ["CM002", "CM003", "CM004", "CM005"], "the corpus reaches every rule with a fix");
    }

    /// A swap of one word of a pair of the two practices' words would double it: the fix is not
    /// offered ("5 coach/mentor places" once became "5 mentor/mentor places").
    #[test]
    fn no_swap_is_offered_that_doubles_a_pair() {
        for text in [
            "Each coach meets their mentee or coachee every week.\n",
            "Each coach meets their mentee (or coachee) every week.\n",
        ] {
            let found = fixes(text);
            assert!(found.iter().any(|(code, _)| *code == "CM002"), "{text}: {found:?}");
            assert!(found.iter().all(|(_, fix)| fix.is_none()), "{text}: {found:?}");
        }
        // A slash-fused pair is one role with two names: no rule offers to swap half of it.
        let found = fixes("Each organisation is offered 5 coachee/mentee and 5 coach/mentor places.\n");
        assert!(found.iter().all(|(_, fix)| fix.is_none()), "{found:?}");
        // Away from the pair, the same finding keeps its fix.
        let found = fixes("Each coach meets their mentee every week.\n");
        assert!(matches!(&found[..], [("CM002", Some(fix))] if fix.edits[0].replacement == "coachee"), "{found:?}");
    }

    #[test]
    fn pairs_are_joined_by_marks_and_little_words_only() {
        for joined in ["/", " / ", "-", " or ", ", or ", " (or ", " and ", " & ", " ", ", also called ", " or a "] {
            assert!(joiners_only(joined), "{joined:?}");
        }
        for apart in [" meets their ", ". ", " who is not a ", " then "] {
            assert!(!joiners_only(apart), "{apart:?}");
        }
    }

    #[test]
    fn finds_rules_by_code_or_name() {
        assert_eq!(find("cm003").map(|r| r.name), Some("coaching-described-as-mentoring"));
        assert_eq!(find("mixed-roles").map(|r| r.code), Some("CM002"));
        assert!(find("CM999").is_none());
    }
}
