//! cm-linter: lints prose documents against the reference article's model of coaching and
//! mentoring (held as data in `cm-core`).
//!
//! Text in, diagnostics out: this crate does no I/O and cannot fail on text. A document flows
//! through [`prose`] (blocks of plain text with a map back to the source), `analysis` (sentences,
//! clauses, practice mentions, trait cues, polarity and attribution), and [`rules`] (one module per
//! rule, each turning shared analysis into [`Diagnostic`]s).

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod analysis;
mod diagnostic;
mod line_index;
pub mod prose;
pub mod rules;
mod span;

pub use diagnostic::{Diagnostic, Edit, Fix, Severity};
pub use line_index::*;
pub use prose::Format;
pub use rules::{RuleMeta, RULES};
pub use span::Span;

/// A document to lint: its source exactly as read (BOM and line endings included) and its format.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub source: &'a str,
    pub format: Format,
}

/// Lints a document with every rule, returning diagnostics ordered by span start, then code.
#[must_use]
pub fn lint(document: &Document<'_>) -> Vec<Diagnostic> {
    let analysis = analysis::Analysis::new(document.source, document.format);
    let mut diagnostics = Vec::new();
    for rule in RULES {
        (rule.check)(&mut diagnostics, &analysis);
    }
    diagnostics
        .sort_by(|a, b| (a.span.start(), a.rule.code, a.span.end()).cmp(&(b.span.start(), b.rule.code, b.span.end())));
    diagnostics.dedup_by(|a, b| a.rule.code == b.rule.code && a.span == b.span);
    diagnostics
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the rules' unit tests.

    use crate::{lint, Document, Format};

    /// The codes that fire on a Markdown document, in order, without repeats.
    pub(crate) fn codes(markdown: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> =
            lint(&Document { source: markdown, format: Format::Markdown }).iter().map(|d| d.rule.code).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A human-readable dump of the analysis, for developing the engine (`cm-lint debug FILE`).
#[doc(hidden)]
#[must_use]
pub fn debug_dump(document: &Document<'_>) -> String {
    analysis::Analysis::new(document.source, document.format).dump()
}
