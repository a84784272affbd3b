//! The diagnostic: plain data shared by every front end.

use crate::rules::RuleMeta;
use crate::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One replacement of a source range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Whether a fix can be applied without a person reading it (ruff's model: astral-sh/ruff,
/// crates/ruff_diagnostics/src/fix.rs).
///
/// Ordered from least to most safe, so that `applicability >= required` says whether a fix may
/// be applied where `required` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// The fix may change what the text means: the writer has to choose. `--fix` leaves it out
    /// unless `--unsafe-fixes` is given, and an editor offers it only as a quick fix.
    Unsafe,
    /// The meaning cannot change: `--fix` and an editor's "fix all" apply it.
    Safe,
}

impl Applicability {
    /// "safe" or "unsafe", as the output formats write it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A suggested fix: a title a person reads, the edits that carry it out, and whether it may be
/// applied unread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// Whether the fix may be applied where fixes of at least `required` applicability are.
    #[must_use]
    pub fn applies(&self, required: Applicability) -> bool {
        self.applicability >= required
    }
}

/// A trait finding's chain: which phrase gives the trait, to which word, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    /// The phrase that carries the trait.
    pub phrase: Span,
    /// The practice word it is said of.
    pub word: Span,
    /// How the phrase reached the word, in words: "said of it in the same sentence".
    pub how: &'static str,
}

impl Chain {
    /// The chain with its spans moved by `f` (for front ends that show another text).
    #[must_use]
    pub fn map(self, f: impl Fn(Span) -> Span) -> Chain {
        Chain { phrase: f(self.phrase), word: f(self.word), how: self.how }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// The offending word.
    pub span: Span,
    /// The phrase that carries the trait, or the other word of a pair, where there is one.
    pub related: Option<Span>,
    pub message: String,
    /// What the article says on the point at issue, for reports and hovers.
    pub note: Option<&'static str>,
    pub fix: Option<Fix>,
    /// Why a trait finding holds: the trait phrase, the practice word it is said of, and how it
    /// was attached. `None` for findings that pair two words.
    pub chain: Option<Chain>,
    /// Other places in the document that make the same point: reported once, here.
    pub repeats: Vec<Span>,
    /// The point a finding makes, for grouping its repeats: findings of one rule with the same
    /// point are one finding. `None`: every finding is its own point.
    pub point: Option<&'static str>,
    /// For a trait finding (CM003, CM004): the practice described and the dimension of the
    /// trait, which a configuration's `[allow]` can accept as the team's own design.
    pub trait_of: Option<(cm_core::Practice, cm_core::Dimension)>,
}

impl Diagnostic {
    /// Moves every place the finding names (the word, the related phrase, the chain, the
    /// repeats, the fix's edits) through `map`: for a front end that shows the finding in
    /// another text than the one linted (a Word document's paragraphs, the lines a report keeps).
    pub fn map_spans(&mut self, map: impl Fn(Span) -> Span) {
        self.span = map(self.span);
        self.related = self.related.map(&map);
        self.repeats.iter_mut().for_each(|r| *r = map(*r));
        self.chain = self.chain.map(|c| c.map(&map));
        for edit in self.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            edit.span = map(edit.span);
        }
    }

    /// For a trait finding, the configuration that accepts the trait for the practice, where
    /// a team's design differs from the article on purpose: `[allow] mentoring = ["duration"]`.
    #[must_use]
    pub fn allow_hint(&self) -> Option<String> {
        let (practice, dimension) = self.trait_of?;
        Some(format!("[allow] {} = [\"{}\"]", practice.activity(), dimension.key()))
    }
}
