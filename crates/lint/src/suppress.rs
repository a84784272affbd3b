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
    // The open `disable` ranges an `enable` may close: those without codes (any enable closes
    // them), and those naming each code. A range is in each list it can be closed through and
    // leaves them all when it closes (closed ones are skipped when met), so each enable costs
    // the ranges it closes, not every range before it.
    let mut open_any: Vec<usize> = Vec::new();
    let mut open_by_code: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    let mut open_all: Vec<usize> = Vec::new();
    // The last "next line with text" found: directives come in source order, so the blank lines
    // between are read once, however many directives precede them.
    let mut last_target: Option<(u32, u32)> = None;
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
                if let Some((from, found)) = last_target {
                    if from <= target && target <= found {
                        target = found;
                    }
                }
                let from = line + 1;
                while target < total_lines {
                    let start = index.offset(crate::LineCol { line: target, col: 0 });
                    let end = index.offset(crate::LineCol { line: target, col: u32::MAX });
                    if !source[start..end].trim().is_empty() {
                        break;
                    }
                    target += 1;
                }
                last_target = Some((from, target));
                target..target + 1
            }
            Kind::Disable => line..total_lines,
            Kind::Enable => line..line,
        };
        if kind == Kind::Enable {
            // Close the open ranges this enable names: all of them, or those without codes and
            // those that name one of its codes.
            let mut close = |list: &mut Vec<usize>| {
                for d in list.drain(..) {
                    let open = &mut out[d];
                    if open.lines.end == total_lines {
                        open.lines.end = line;
                    }
                }
            };
            if codes.is_empty() {
                close(&mut open_all);
            } else {
                close(&mut open_any);
                for code in &codes {
                    if let Some(list) = open_by_code.get_mut(code) {
                        close(list);
                    }
                }
            }
            continue;
        }
        if kind == Kind::Disable {
            let d = out.len();
            open_all.push(d);
            if codes.is_empty() {
                open_any.push(d);
            }
            for code in &codes {
                open_by_code.entry(code.clone()).or_default().push(d);
            }
        }
        out.push(Directive { span: Span::new(whole.start(), whole.end()), codes, lines });
    }
    out
}

/// The first of a directive's codes that names a rule (by code or name), as the slot it marks
/// used; `usize::MAX` for a directive without codes, which names every rule.
fn names(directive: &Directive, rule: &crate::RuleMeta) -> Option<usize> {
    if directive.codes.is_empty() {
        return Some(usize::MAX);
    }
    directive.codes.iter().position(|c| c.eq_ignore_ascii_case(rule.code) || c.eq_ignore_ascii_case(rule.name))
}

/// Removes the diagnostics that suppression comments silence; returns the unused suppressions.
///
/// A diagnostic is silenced when a directive that names its rule covers its line; a directive's
/// code is used when a diagnostic of the rule it names lies on a line it covers (whether or not
/// another directive silences it too). Both are answered per rule with sorted lines and binary
/// searches, so many directives and many findings cost O((D + F) log(D + F)), not D × F.
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
    let lines: Vec<u32> = diagnostics.iter().map(|d| index.line_col(d.span.start()).line).collect();
    let mut rules: Vec<&'static crate::RuleMeta> = diagnostics.iter().map(|d| d.rule).collect();
    rules.sort_unstable_by_key(|r| r.code);
    rules.dedup_by_key(|r| r.code);
    let mut silenced = vec![false; diagnostics.len()];
    for rule in rules {
        // The lines of this rule's findings, sorted.
        let mut found: Vec<(u32, usize)> =
            (0..diagnostics.len()).filter(|&i| diagnostics[i].rule.code == rule.code).map(|i| (lines[i], i)).collect();
        found.sort_unstable();
        // The line ranges of the directives that name the rule, sorted and merged.
        let mut covered: Vec<std::ops::Range<u32>> = Vec::new();
        for (d_idx, directive) in directives.iter().enumerate() {
            let Some(slot) = names(directive, rule) else { continue };
            if directive.lines.is_empty() {
                continue;
            }
            covered.push(directive.lines.clone());
            let first = found.partition_point(|&(line, _)| line < directive.lines.start);
            if found.get(first).is_some_and(|&(line, _)| line < directive.lines.end) {
                let last = used[d_idx].len() - 1;
                used[d_idx][slot.min(last)] = true;
            }
        }
        covered.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<std::ops::Range<u32>> = Vec::new();
        for range in covered {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        for &(line, i) in &found {
            let after = merged.partition_point(|r| r.start <= line);
            if merged[..after].last().is_some_and(|r| line < r.end) {
                silenced[i] = true;
            }
        }
    }
    let mut position = 0;
    diagnostics.retain(|_| {
        position += 1;
        !silenced[position - 1]
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
