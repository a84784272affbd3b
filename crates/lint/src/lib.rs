//! cm-linter: lints prose documents against the reference article's model of coaching and
//! mentoring (held as data in `cm-core`).
//!
//! Text in, diagnostics out: this crate cannot fail on text, and does no I/O but [`discover`],
//! which finds and reads the configuration files for the command line and the language server. A document flows
//! through [`prose`] (blocks of plain text with a map back to the source), `analysis` (sentences,
//! clauses, practice mentions, trait cues, polarity and attribution), and [`rules`] (one module per
//! rule, each turning shared analysis into [`Diagnostic`]s).

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod analysis;
mod config;
mod diagnostic;
pub mod discover;
mod line_index;
pub mod prose;
pub mod rules;
mod span;
mod suppress;

use std::collections::HashMap;

use cm_core::Practice;
use regex::Regex;

pub use config::{parse_severity, Config, ConfigError, Vocabulary};
pub use diagnostic::{Applicability, Chain, Diagnostic, Edit, Fix, Severity};
pub use line_index::*;
pub use prose::Format;
pub use rules::{Rule, RuleMeta, RULES};
pub use span::Span;
pub use suppress::UnusedSuppression;

/// A document to lint: its source exactly as read (BOM and line endings included) and its format.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub source: &'a str,
    pub format: Format,
}

/// The organisation's programme names, compiled for matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct CompiledVocabulary {
    pub regex: Option<Regex>,
    pub practice: HashMap<String, Practice>,
}

impl CompiledVocabulary {
    fn new(vocabulary: &Vocabulary) -> CompiledVocabulary {
        // `Config::from_toml` has reported names that cannot be compiled.
        let (regex, practice) = config::compile_vocabulary(vocabulary).unwrap_or_default();
        CompiledVocabulary { regex, practice }
    }
}

/// What linting one document gives.
#[derive(Debug, Clone, Default)]
pub struct LintOutput {
    /// Findings ordered by span start, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Suppression comments (or codes in them) that silenced nothing.
    pub unused_suppressions: Vec<UnusedSuppression>,
}

/// Lints documents with one configuration.
#[derive(Debug, Clone, Default)]
pub struct Linter {
    config: Config,
    vocabulary: CompiledVocabulary,
    per_file: Vec<(globset::GlobSet, Vec<Rule>)>,
    per_file_allow: Vec<(globset::GlobSet, Vec<(Practice, cm_core::Dimension)>)>,
    read_all: bool,
}

impl Linter {
    #[must_use]
    pub fn new(config: Config) -> Linter {
        let vocabulary = CompiledVocabulary::new(&config.vocabulary);
        let per_file = config
            .per_file_ignores
            .iter()
            .filter_map(|(glob, codes)| config::per_file_matcher(glob).ok().map(|g| (g, codes.clone())))
            .collect();
        let per_file_allow = config
            .per_file_allow
            .iter()
            .filter_map(|(glob, traits)| config::per_file_matcher(glob).ok().map(|g| (g, traits.clone())))
            .collect();
        Linter { config, vocabulary, per_file, per_file_allow, read_all: false }
    }

    /// A linter that parses every section of a Markdown document, not only those around a
    /// practice word: slower, with the same findings. For testing that claim.
    #[doc(hidden)]
    #[must_use]
    pub fn reading_everything(mut self) -> Linter {
        self.read_all = true;
        self
    }

    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Lints a document.
    #[must_use]
    pub fn lint(&self, document: &Document<'_>) -> LintOutput {
        self.lint_path(document, None)
    }

    /// Lints a document whose path (relative, with `/` separators) decides per-path ignores.
    #[must_use]
    pub fn lint_path(&self, document: &Document<'_>, path: Option<&str>) -> LintOutput {
        let analysis = analysis::Analysis::new(document.source, document.format, &self.vocabulary, self.read_all);
        let ignored: Vec<Rule> = path
            .map(|p| self.per_file.iter().filter(|(g, _)| g.is_match(p)).flat_map(|(_, c)| c.iter().copied()).collect())
            .unwrap_or_default();
        let mut diagnostics = Vec::new();
        for rule in RULES.iter().filter(|r| self.config.is_enabled(r.id) && !ignored.contains(&r.id)) {
            let start = diagnostics.len();
            (rule.check)(&mut diagnostics, &analysis);
            let severity = self.config.severity_of(rule);
            for d in &mut diagnostics[start..] {
                d.severity = severity;
            }
        }
        // The traits the team accepts as its own design are not findings, here or in a repeat.
        let mut allowed = self.config.allow.clone();
        if let Some(p) = path {
            allowed
                .extend(self.per_file_allow.iter().filter(|(g, _)| g.is_match(p)).flat_map(|(_, t)| t.iter().copied()));
        }
        if !allowed.is_empty() {
            diagnostics.retain(|d| d.trait_of.is_none_or(|t| !allowed.contains(&t)));
        }
        diagnostics.sort_by(|a, b| {
            (a.span.start(), a.rule.code, a.span.end()).cmp(&(b.span.start(), b.rule.code, b.span.end()))
        });
        diagnostics.dedup_by(|a, b| a.rule.code == b.rule.code && a.span == b.span);
        let unused_suppressions = match document.format {
            Format::Markdown | Format::Html => suppress::apply(document.source, &mut diagnostics),
            Format::PlainText => Vec::new(),
        };
        // After the suppressions: a repeat silenced where it stands is not listed.
        let diagnostics = group_repeats(diagnostics);
        LintOutput { diagnostics, unused_suppressions }
    }
}

/// One finding per point: the findings of a rule that make the same point in one document (a
/// page that restates its fixed term five times) are the first of them, with the others as its
/// repeats. Diagnostics stay in source order.
fn group_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut first: std::collections::HashMap<(&'static str, &'static str), usize> = std::collections::HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let Some(point) = d.point else {
            out.push(d);
            continue;
        };
        match first.entry((d.rule.code, point)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let primary = &mut out[*e.get()];
                primary.repeats.push(d.span);
                // The point's fix fixes it everywhere: a repeat's edits join the first's fix when
                // both are equally safe (every fix of a trait finding swaps a practice word).
                match (&mut primary.fix, d.fix) {
                    (Some(fix), Some(more)) if fix.applicability == more.applicability => {
                        fix.edits.extend(more.edits);
                    }
                    (none @ None, Some(more)) => *none = Some(more),
                    _ => {}
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(out.len());
                out.push(d);
            }
        }
    }
    // A fix that now edits several places says so: a reader picks it for all of them.
    for d in out.iter_mut().filter(|d| !d.repeats.is_empty()) {
        if let Some(fix) = d.fix.as_mut().filter(|f| f.edits.len() > 1) {
            let more = fix.edits.len() - 1;
            fix.title = format!("{} (here and in {more} more place{})", fix.title, if more == 1 { "" } else { "s" });
        }
    }
    out
}

/// A document with its suggested fixes applied.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed source (the original when no fix applied).
    pub source: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The findings of the fixed source.
    pub diagnostics: Vec<Diagnostic>,
}

/// The source with every non-overlapping edit of the given fixes applied (a later edit that
/// overlaps an earlier one is left out).
#[must_use]
pub fn apply_fixes<'d>(source: &str, fixes: impl IntoIterator<Item = &'d Fix>) -> String {
    let fixes: Vec<&Fix> = fixes.into_iter().collect();
    apply_tracked(source, &fixes).0
}

/// One edit as applied by [`apply_tracked`]: where it was and where it is.
#[derive(Debug, Clone)]
struct Placed {
    /// The fix it belongs to (an index into the fixes given).
    fix: usize,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// The source with the given fixes applied as [`apply_fixes`] applies them (a later edit that
/// overlaps an earlier one is left out), with every applied edit placed in both texts, in order.
fn apply_tracked(source: &str, fixes: &[&Fix]) -> (String, Vec<Placed>) {
    let mut edits: Vec<(usize, &Edit)> =
        fixes.iter().enumerate().flat_map(|(i, f)| f.edits.iter().map(move |e| (i, e))).collect();
    edits.sort_by_key(|(_, e)| (std::cmp::Reverse(e.span.start()), std::cmp::Reverse(e.span.end())));
    let mut kept = Vec::new();
    let mut limit = usize::MAX;
    for (fix, edit) in edits {
        if edit.span.end() <= limit
            && source.is_char_boundary(edit.span.start())
            && source.is_char_boundary(edit.span.end())
        {
            kept.push((fix, edit));
            limit = edit.span.start();
        }
    }
    kept.reverse();
    let mut out = String::with_capacity(source.len());
    let mut placed = Vec::with_capacity(kept.len());
    let mut copied = 0;
    for (fix, edit) in kept {
        out.push_str(&source[copied..edit.span.start()]);
        let start = out.len();
        out.push_str(&edit.replacement);
        placed.push(Placed { fix, old: edit.span.range(), new: start..out.len() });
        copied = edit.span.end();
    }
    out.push_str(&source[copied..]);
    (out, placed)
}

/// Where an offset of the fixed text was in the source: shifted past the edits before it; an
/// offset inside an edit is the edit's start (or its end, for the end of a span).
fn place_back(placed: &[Placed], offset: usize, is_end: bool) -> usize {
    if is_end {
        // The last edit that starts before the end: an end inside it or at its end is its end.
        let after = placed.partition_point(|p| p.new.start < offset);
        let Some(p) = placed[..after].last() else { return offset };
        if offset <= p.new.end {
            p.old.end
        } else {
            offset - p.new.end + p.old.end
        }
    } else {
        let after = placed.partition_point(|p| p.new.start <= offset);
        let Some(p) = placed[..after].last() else { return offset };
        if offset < p.new.end {
            p.old.start
        } else {
            offset - p.new.end + p.old.end
        }
    }
}

/// A finding's identity across a fix: its rule and its span in the source before the fix.
type FindingKey = (&'static str, usize, usize);

fn key_before(placed: &[Placed], d: &Diagnostic) -> FindingKey {
    (d.rule.code, place_back(placed, d.span.start(), false), place_back(placed, d.span.end(), true))
}

/// The fixes (indices into the fixes applied) that a round of fixes must not keep: each fix
/// whose own finding is still there, and for each finding that was not there before, the fixes
/// whose edits it (or the words it relates) touches, else the nearest edit before it (the
/// heading or lead-in it now reads under), else the nearest after.
fn culprits(before: &[Diagnostic], fixed_by: &[usize], after: &[Diagnostic], placed: &[Placed]) -> Vec<usize> {
    let old: std::collections::HashSet<FindingKey> =
        before.iter().map(|d| (d.rule.code, d.span.start(), d.span.end())).collect();
    let now: std::collections::HashSet<FindingKey> = after.iter().map(|d| key_before(placed, d)).collect();
    let applied: std::collections::HashSet<usize> = placed.iter().map(|p| p.fix).collect();
    let mut out = Vec::new();
    for (fix, &d) in fixed_by.iter().enumerate() {
        let d = &before[d];
        if applied.contains(&fix) && now.contains(&(d.rule.code, d.span.start(), d.span.end())) {
            out.push(fix);
        }
    }
    for d in after.iter().filter(|d| !old.contains(&key_before(placed, d))) {
        let mut touched = false;
        for span in std::iter::once(d.span).chain(d.related) {
            // The edits that overlap (or touch) the span, found from the first that ends at or
            // after its start.
            let first = placed.partition_point(|p| p.new.end < span.start());
            for p in placed[first..].iter().take_while(|p| p.new.start <= span.end()) {
                out.push(p.fix);
                touched = true;
            }
        }
        if !touched {
            let before_it = placed.partition_point(|p| p.new.end <= d.span.start());
            if let Some(p) = placed[..before_it].last().or_else(|| placed.get(before_it)) {
                out.push(p.fix);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl Linter {
    /// Applies the document's suggested fixes of at least the `required` applicability
    /// ([`Applicability::Safe`]: only those that cannot change the meaning;
    /// [`Applicability::Unsafe`]: every fix), as far as they resolve findings.
    ///
    /// Fixes can interact: swapping "mentee" for "coachee" under a heading about mentors fixes
    /// one finding and makes another, whose fix swaps the word back. So the fixes are applied
    /// all at once and the result re-linted; a fix whose finding is still there, and the fixes
    /// next to a finding that was not there before, are set aside and the others applied again
    /// (a few rounds, each one lint). What is kept has no new finding, and every finding it was
    /// made for is gone. Then, from the fixed text, the same again, until a pass keeps nothing:
    /// the fixes set aside are tried one at a time (each kept only if it alone makes no new
    /// finding and removes its own), with a budget of re-lints. So however many fixes a document
    /// has, the ones that do not conflict are applied in one call, only the conflicting ones
    /// wait, no fix produces text another rule flags, and fixing a fixed document changes
    /// nothing (within the budget, which only a document with dozens of conflicting fixes meets).
    #[must_use]
    pub fn fix(&self, document: &Document<'_>, path: Option<&str>, required: Applicability) -> Fixed {
        /// Re-lints spent on trying set-aside fixes one at a time, over the whole call.
        const SINGLE_BUDGET: usize = 64;
        self.fix_within(document, path, required, SINGLE_BUDGET)
    }

    /// [`Linter::fix`], with at most `single_budget` re-lints spent on fixes tried alone.
    fn fix_within(
        &self,
        document: &Document<'_>,
        path: Option<&str>,
        required: Applicability,
        single_budget: usize,
    ) -> Fixed {
        /// Rounds of setting fixes aside before a pass gives up its batch.
        const ROUNDS: usize = 8;
        let lint = |source: &str| self.lint_path(&Document { source, format: document.format }, path).diagnostics;
        let mut source = document.source.to_string();
        let mut diagnostics = lint(&source);
        let mut applied = 0;
        let mut budget = single_budget;
        // Each pass that keeps something removes at least one finding and adds none, so this
        // ends; the bound is a guard.
        'pass: for _ in 0..=diagnostics.len() {
            let fixable: Vec<usize> = (0..diagnostics.len())
                .filter(|&i| diagnostics[i].fix.as_ref().is_some_and(|f| f.applies(required)))
                .collect();
            if fixable.is_empty() {
                break;
            }
            let mut set_aside = vec![false; fixable.len()];
            for _ in 0..ROUNDS {
                let chosen: Vec<usize> = (0..fixable.len()).filter(|&i| !set_aside[i]).collect();
                if chosen.is_empty() {
                    break;
                }
                let fixes: Vec<&Fix> = chosen.iter().filter_map(|&i| diagnostics[fixable[i]].fix.as_ref()).collect();
                let fixed_by: Vec<usize> = chosen.iter().map(|&i| fixable[i]).collect();
                let (candidate, placed) = apply_tracked(&source, &fixes);
                let after = lint(&candidate);
                let bad = culprits(&diagnostics, &fixed_by, &after, &placed);
                if bad.is_empty() {
                    let kept: std::collections::HashSet<usize> = placed.iter().map(|p| p.fix).collect();
                    if kept.is_empty() {
                        break;
                    }
                    applied += kept.len();
                    source = candidate;
                    diagnostics = after;
                    continue 'pass;
                }
                for b in bad {
                    set_aside[chosen[b]] = true;
                }
            }
            // Nothing kept in a batch: the fixes set aside, one at a time.
            for i in (0..fixable.len()).filter(|&i| set_aside[i]) {
                if budget == 0 {
                    break 'pass;
                }
                budget -= 1;
                let Some(fix) = diagnostics[fixable[i]].fix.as_ref() else { continue };
                let (candidate, placed) = apply_tracked(&source, &[fix]);
                if placed.is_empty() {
                    continue;
                }
                let after = lint(&candidate);
                if culprits(&diagnostics, &[fixable[i]], &after, &placed).is_empty() {
                    applied += 1;
                    source = candidate;
                    diagnostics = after;
                    continue 'pass;
                }
            }
            break;
        }
        Fixed { source, applied, diagnostics }
    }
}

/// Lints a document with every rule and the default configuration.
#[must_use]
pub fn lint(document: &Document<'_>) -> Vec<Diagnostic> {
    static DEFAULT: std::sync::LazyLock<Linter> = std::sync::LazyLock::new(Linter::default);
    DEFAULT.lint(document).diagnostics
}

/// Builds the engine's tables (the cue automaton and matchers, the regular expressions) by
/// linting a small built-in document. A front end calls it on a spare thread as it starts, so
/// that the first documents do not wait for the tables. Calling it is never needed.
pub fn warm_up() {
    let _ = lint(&Document { source: WARM_UP_SAMPLE, format: Format::Markdown });
}

/// What [`warm_up`] lints: a little of everything the rules look at.
const WARM_UP_SAMPLE: &str = "# Coaching and mentoring\n\n\
        Our coaches share lessons from their own careers, in other words coach/mentor. \
        A 12-week mentoring engagement: the mentee sets the agenda, \"that isn't coaching\".\n\n\
        - Some people say mentoring is the same thing as coaching.\n\
        - The Leadership Mentoring programme (formerly Leadership Coaching) pairs you with a coach.\n\n\
        <!-- cm-lint-disable-next-line CM001 -->\n\
        Ask J. Park: your mentor, or coach, will not give advice; she asks questions.\n\n\
        Each coach meets their mentee every week. The Catalyst coaching program is open to new \
        managers.\n\nEmail the Catalyst mentoring program team with questions.\n";

/// The coaching and mentoring words of a document, in the practice sense, with their practice:
/// what an editor's hover explains.
#[must_use]
pub fn practice_words(document: &Document<'_>) -> Vec<(Span, cm_core::Practice)> {
    Linter::default().practice_words(document)
}

impl Linter {
    /// The words of a document that name a practice (the hover of an editor), the
    /// configuration's programme names included.
    #[must_use]
    pub fn practice_words(&self, document: &Document<'_>) -> Vec<(Span, cm_core::Practice)> {
        practice_words_with(document, &self.vocabulary)
    }
}

fn practice_words_with(document: &Document<'_>, vocabulary: &CompiledVocabulary) -> Vec<(Span, cm_core::Practice)> {
    let analysis = analysis::Analysis::new(document.source, document.format, vocabulary, false);
    analysis
        .mentions
        .iter()
        .filter(|m| m.sense && !m.is_client())
        .map(|m| (analysis.mention_span(m), m.practice()))
        .collect()
}

/// A human-readable dump of the analysis, for developing the engine (`cm-lint debug FILE`).
#[doc(hidden)]
#[must_use]
pub fn debug_dump(document: &Document<'_>) -> String {
    let read_all = std::env::var_os("CM_LINT_DEBUG_READ_ALL").is_some();
    analysis::Analysis::new(document.source, document.format, &CompiledVocabulary::default(), read_all).dump()
}

#[cfg(test)]
mod warm_up_tests {
    #[test]
    fn the_warm_up_sample_reaches_every_rule() {
        assert_eq!(crate::test_support::codes(super::WARM_UP_SAMPLE), ["CM001", "CM002", "CM003", "CM004", "CM005"]);
    }
}

#[cfg(test)]
mod fix_tests {
    use super::*;

    fn edit(start: usize, end: usize, replacement: &str) -> Fix {
        Fix {
            title: String::new(),
            edits: vec![Edit { span: Span::new(start, end), replacement: replacement.to_string() }],
            applicability: Applicability::Unsafe,
        }
    }

    /// Edits apply from the end; one that overlaps an edit after it, or does not start and end
    /// on a character boundary, is left out (never a panic, never half a character).
    #[test]
    fn edits_apply_without_overlap_and_on_character_boundaries() {
        let source = "é coach, a coach";
        let fixes = [edit(3, 8, "mentor"), edit(12, 17, "mentor"), edit(10, 13, "XX")];
        assert_eq!(apply_fixes(source, &fixes), "é mentor, a mentor");
        // Inside "é" (bytes 0..2): its start, its end, or both off a boundary.
        for (start, end) in [(1, 2), (0, 1), (1, 1)] {
            assert_eq!(apply_fixes(source, &[edit(start, end, "e")]), source, "{start}..{end}");
        }
        let (text, placed) = apply_tracked(source, &[&fixes[0], &fixes[1], &fixes[2]]);
        assert_eq!(text, "é mentor, a mentor");
        assert_eq!(
            placed.iter().map(|p| (p.fix, p.old.clone(), p.new.clone())).collect::<Vec<_>>(),
            [(0, 3..8, 3..9), (1, 12..17, 13..19)]
        );
    }

    /// Two fixes that make a new finding together (a mentor with a coachee in one sentence)
    /// are both set aside in the batch; each is then tried alone, and the one that is right
    /// alone is applied (and counted).
    #[test]
    fn a_fix_blamed_with_another_is_applied_alone() {
        let source = "Our coaches share lessons from their own careers, and mentees set the agenda.\n";
        let fixed = Linter::default().fix(&Document { source, format: Format::Markdown }, None, Applicability::Unsafe);
        assert_eq!(fixed.source, "Our mentors share lessons from their own careers, and mentees set the agenda.\n");
        assert_eq!(fixed.applied, 1);
        assert_eq!(fixed.diagnostics.iter().map(|d| d.rule.code).collect::<Vec<_>>(), ["CM004"]);
    }

    /// Fixes tried alone cost a re-lint each, within a budget over the whole call: here the
    /// first is applied at the first try; the second after one that fails (three re-lints); no
    /// budget, no fix tried alone.
    #[test]
    fn fixes_tried_alone_stay_within_their_budget() {
        let source = "Our coaches share lessons from their own careers, and mentees set the agenda.\n\n\
                      Our coaching is open-ended, and mentees set the agenda.\n";
        let document = Document { source, format: Format::Markdown };
        let applied = |budget| Linter::default().fix_within(&document, None, Applicability::Unsafe, budget).applied;
        assert_eq!([applied(64), applied(3), applied(2), applied(1), applied(0)], [2, 2, 1, 1, 0]);
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the rules' unit tests.

    use crate::{lint, Document, Format};

    /// The labelled development corpus (`tests/corpus/labeled.jsonl`, one record a line), for
    /// tests that compare a rewrite with the code it replaced on real sentences.
    pub(crate) fn labelled_corpus() -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/labeled.jsonl");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.is_empty(), "the labelled corpus is missing at {}", path.display());
        text
    }

    /// The codes that fire on a Markdown document, in order, without repeats.
    pub(crate) fn codes(markdown: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> =
            lint(&Document { source: markdown, format: Format::Markdown }).iter().map(|d| d.rule.code).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
