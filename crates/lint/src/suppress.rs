//! Inline suppression comments in Markdown and HTML:
//!
//! - `<!-- cm-lint-disable-next-line CM003 -->` silences the next line that has text;
//! - `<!-- cm-lint-disable CM001 -->` ... `<!-- cm-lint-enable CM001 -->` silences a range;
//! - without codes, a comment applies to every rule.
//!
//! Each directive remembers whether it silenced anything, so that unused ones can be reported.

use std::sync::LazyLock;

use regex::Regex;

use crate::{Diagnostic, LineIndex, Span};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*cm-lint-(disable-next-line|disable|enable)((?:[\s,]+[A-Za-z0-9-]+)*)\s*-->").expect("valid")
});

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// One suppression comment.
#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    span: Span,
    /// Rule codes (or names, as written); empty means every rule.
    codes: Vec<String>,
    /// 0-based lines the directive covers, end exclusive.
    lines: std::ops::Range<u32>,
}

/// A suppression comment, or one code in it, that silenced nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedSuppression {
    /// The comment.
    pub span: Span,
    /// The code that was never needed; `None` for a comment without codes.
    pub code: Option<String>,
}

fn parse(source: &str, index: &LineIndex) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    let total_lines = u32::try_from(index.len()).unwrap_or(u32::MAX);
    for caps in DIRECTIVE.captures_iter(source) {
        let (Some(whole), Some(kind)) = (caps.get(0), caps.get(1)) else { continue };
        let kind = match kind.as_str() {
            "disable-next-line" => Kind::NextLine,
            "disable" => Kind::Disable,
            _ => Kind::Enable,
        };
        let codes: Vec<String> = caps
            .get(2)
            .map(|m| {
                m.as_str()
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_uppercase)
                    .collect()
            })
            .unwrap_or_default();
        let line = index.line_col(whole.end()).line;
        let lines = match kind {
            Kind::NextLine => {
                // The next line with any text after the comment.
                let mut target = line + 1;
                while target < total_lines {
                    let start = index.offset(crate::LineCol { line: target, col: 0 });
                    let end = index.offset(crate::LineCol { line: target, col: u32::MAX });
                    if !source[start..end].trim().is_empty() {
                        break;
                    }
                    target += 1;
                }
                target..target + 1
            }
            Kind::Disable => line..total_lines,
            Kind::Enable => line..line,
        };
        if kind == Kind::Enable {
            // Close the open ranges this enable names.
            for open in out.iter_mut().filter(|d| d.kind == Kind::Disable && d.lines.end == total_lines) {
                if codes.is_empty() || open.codes.is_empty() || open.codes.iter().any(|c| codes.contains(c)) {
                    open.lines.end = line;
                }
            }
            continue;
        }
        out.push(Directive { kind, span: Span::new(whole.start(), whole.end()), codes, lines });
    }
    out
}

fn names(directive: &Directive, diagnostic: &Diagnostic) -> Option<usize> {
    if directive.codes.is_empty() {
        return Some(usize::MAX);
    }
    directive
        .codes
        .iter()
        .position(|c| c.eq_ignore_ascii_case(diagnostic.rule.code) || c.eq_ignore_ascii_case(diagnostic.rule.name))
}

/// Removes the diagnostics that suppression comments silence; returns the unused suppressions.
pub(crate) fn apply(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<UnusedSuppression> {
    if memchr::memmem::find(source.as_bytes(), b"cm-lint-").is_none() {
        return Vec::new();
    }
    let index = LineIndex::new(source);
    let directives = parse(source, &index);
    if directives.is_empty() {
        return Vec::new();
    }
    // used[d][c]: code c of directive d silenced something (the last slot for "all rules").
    let mut used: Vec<Vec<bool>> = directives.iter().map(|d| vec![false; d.codes.len().max(1)]).collect();
    diagnostics.retain(|diagnostic| {
        let line = index.line_col(diagnostic.span.start()).line;
        let mut keep = true;
        for (d_idx, directive) in directives.iter().enumerate() {
            if !directive.lines.contains(&line) {
                continue;
            }
            if let Some(slot) = names(directive, diagnostic) {
                let last = used[d_idx].len() - 1;
                used[d_idx][slot.min(last)] = true;
                keep = false;
            }
        }
        keep
    });
    let mut unused = Vec::new();
    for (directive, flags) in directives.iter().zip(&used) {
        if directive.codes.is_empty() {
            if !flags[0] {
                unused.push(UnusedSuppression { span: directive.span, code: None });
            }
        } else {
            for (code, used) in directive.codes.iter().zip(flags) {
                if !used {
                    unused.push(UnusedSuppression { span: directive.span, code: Some(code.clone()) });
                }
            }
        }
    }
    unused
}

#[cfg(test)]
mod tests {
    use crate::{Document, Format, Linter};

    fn codes(source: &str) -> (Vec<&'static str>, usize) {
        let out = Linter::default().lint(&Document { source, format: Format::Markdown });
        (out.diagnostics.iter().map(|d| d.rule.code).collect(), out.unused_suppressions.len())
    }

    #[test]
    fn next_line_silences_named_rule() {
        let doc =
            "<!-- cm-lint-disable-next-line CM001 -->\n\nYour coach/mentor will call.\n\nYour coach/mentor again.\n";
        assert_eq!(codes(doc), (vec!["CM001"], 0));
    }

    #[test]
    fn range_silences_until_enable() {
        let doc = "<!-- cm-lint-disable -->\nYour coach/mentor will call.\n<!-- cm-lint-enable -->\n\nYour coach/mentor again.\n";
        assert_eq!(codes(doc), (vec!["CM001"], 0));
    }

    #[test]
    fn reports_unused_codes() {
        let doc = "<!-- cm-lint-disable-next-line CM001 CM004 -->\nYour coach/mentor will call.\n";
        assert_eq!(codes(doc), (vec![], 1));
    }

    #[test]
    fn other_rules_still_fire() {
        let doc = "<!-- cm-lint-disable-next-line CM003 -->\nYour coach/mentor will call.\n";
        assert_eq!(codes(doc), (vec!["CM001"], 1));
    }
}
