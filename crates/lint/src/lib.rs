//! cm-linter: lints prose documents against the reference article's model of coaching and
//! mentoring (held as data in `cm-core`).
//!
//! Text in, diagnostics out: this crate does no I/O and cannot fail on text. A document flows
//! through [`prose`] (blocks of plain text with a map back to the source), `analysis` (sentences,
//! clauses, practice mentions, trait cues, polarity and attribution), and [`rules`] (one module per
//! rule, each turning shared analysis into [`Diagnostic`]s).

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod analysis;
mod config;
mod diagnostic;
mod line_index;
pub mod prose;
pub mod rules;
mod span;
mod suppress;

use std::collections::HashMap;

use cm_core::Practice;
use regex::Regex;

pub use config::{parse_severity, Config, ConfigError, Vocabulary};
pub use diagnostic::{Diagnostic, Edit, Fix, Severity};
pub use line_index::*;
pub use prose::Format;
pub use rules::{RuleMeta, RULES};
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
    per_file: Vec<(globset::GlobSet, Vec<&'static str>)>,
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
        Linter { config, vocabulary, per_file, read_all: false }
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
        let ignored: Vec<&str> = path
            .map(|p| self.per_file.iter().filter(|(g, _)| g.is_match(p)).flat_map(|(_, c)| c.iter().copied()).collect())
            .unwrap_or_default();
        let mut diagnostics = Vec::new();
        for rule in RULES.iter().filter(|r| self.config.is_enabled(r.code) && !ignored.contains(&r.code)) {
            let start = diagnostics.len();
            (rule.check)(&mut diagnostics, &analysis);
            let severity = self.config.severity_of(rule);
            for d in &mut diagnostics[start..] {
                d.severity = severity;
            }
        }
        diagnostics.sort_by(|a, b| {
            (a.span.start(), a.rule.code, a.span.end()).cmp(&(b.span.start(), b.rule.code, b.span.end()))
        });
        diagnostics.dedup_by(|a, b| a.rule.code == b.rule.code && a.span == b.span);
        let unused_suppressions = match document.format {
            Format::Markdown | Format::Html => suppress::apply(document.source, &mut diagnostics),
            Format::PlainText => Vec::new(),
        };
        LintOutput { diagnostics, unused_suppressions }
    }
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
    let mut edits: Vec<&Edit> = fixes.into_iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| (std::cmp::Reverse(e.span.start()), std::cmp::Reverse(e.span.end())));
    let mut out = source.to_string();
    let mut limit = usize::MAX;
    for edit in edits {
        if edit.span.end() <= limit
            && source.is_char_boundary(edit.span.start())
            && source.is_char_boundary(edit.span.end())
        {
            out.replace_range(edit.span.range(), &edit.replacement);
            limit = edit.span.start();
        }
    }
    out
}

impl Linter {
    /// Applies the document's suggested fixes, as far as they resolve findings.
    ///
    /// Fixes can interact: swapping "mentee" for "coachee" under a heading about mentors fixes
    /// one finding and makes another, whose fix swaps the word back. So the fixes are first
    /// tried all at once, kept if the result has fewer findings and nothing left to fix; else
    /// they are applied one at a time, each only if the document then has fewer findings. Either
    /// way no fix undoes another, and fixing a fixed document changes nothing.
    #[must_use]
    pub fn fix(&self, document: &Document<'_>, path: Option<&str>) -> Fixed {
        let lint = |source: &str| self.lint_path(&Document { source, format: document.format }, path).diagnostics;
        let fixable = |d: &[Diagnostic]| d.iter().filter(|d| d.fix.is_some()).count();
        let mut source = document.source.to_string();
        let mut diagnostics = lint(&source);
        if fixable(&diagnostics) == 0 {
            return Fixed { source, applied: 0, diagnostics };
        }
        let all = apply_fixes(&source, diagnostics.iter().filter_map(|d| d.fix.as_ref()));
        let after = lint(&all);
        if after.len() < diagnostics.len() && fixable(&after) == 0 {
            let applied = fixable(&diagnostics);
            return Fixed { source: all, applied, diagnostics: after };
        }
        let mut applied = 0;
        // Each accepted fix removes a finding, so this ends; the budget bounds the re-lints (a
        // document with dozens of fixes that undo one another would otherwise be re-linted
        // thousands of times; past the budget, a second run may fix a little more).
        let mut budget = (16 + 4 * fixable(&diagnostics)).min(64);
        'improve: loop {
            for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
                if budget == 0 {
                    break 'improve;
                }
                budget -= 1;
                let candidate = apply_fixes(&source, [fix]);
                let after = lint(&candidate);
                if after.len() < diagnostics.len() {
                    source = candidate;
                    diagnostics = after;
                    applied += 1;
                    continue 'improve;
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
    let analysis = analysis::Analysis::new(document.source, document.format, &CompiledVocabulary::default(), false);
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
    analysis::Analysis::new(document.source, document.format, &CompiledVocabulary::default(), false).dump()
}

#[cfg(test)]
mod warm_up_tests {
    #[test]
    fn the_warm_up_sample_reaches_every_rule() {
        assert_eq!(crate::test_support::codes(super::WARM_UP_SAMPLE), ["CM001", "CM002", "CM003", "CM004", "CM005"]);
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
