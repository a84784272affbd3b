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

/// A suggested fix: a title a person reads and the edits that carry it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
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
}
