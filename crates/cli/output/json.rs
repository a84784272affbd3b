//! `--format json`: one array, one object per finding.

use std::io::Write;

use cm_linter::LineIndex;
use serde::Serialize;

use super::FileResult;

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    /// "safe" (`--fix` applies it) or "unsafe" (it may change the meaning; only
    /// `--fix --unsafe-fixes` applies it).
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonRelated {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct JsonChain {
    phrase: JsonRelated,
    word: JsonRelated,
    how: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    note: Option<&'static str>,
    related: Option<JsonRelated>,
    /// Why a trait finding holds: the trait phrase, the word it is said of, and how.
    chain: Option<JsonChain>,
    /// Other places that make the same point, reported once here.
    repeats: Vec<JsonRelated>,
    /// For a trait finding: the configuration that accepts the trait as the team's design.
    allow: Option<String>,
    fix: Option<JsonFix<'a>>,
}

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    let mut records = Vec::new();
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        let pos = |offset: usize| {
            let p = index.one_based(offset);
            (p.line, p.column)
        };
        for d in &result.diagnostics {
            let (line, column) = pos(d.span.start());
            let (end_line, end_column) = pos(d.span.end());
            let place = |r: cm_linter::Span| {
                let (line, column) = pos(r.start());
                let (end_line, end_column) = pos(r.end());
                JsonRelated { line, column, end_line, end_column }
            };
            let related = d.related.map(place);
            let repeats = d.repeats.iter().copied().map(place).collect();
            let fix = d.fix.as_ref().map(|f| JsonFix {
                title: &f.title,
                applicability: f.applicability.as_str(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| {
                        let (line, column) = pos(e.span.start());
                        let (end_line, end_column) = pos(e.span.end());
                        JsonEdit {
                            line,
                            column,
                            end_line,
                            end_column,
                            byte_start: result.file_offset(e.span.start()),
                            byte_end: result.file_offset(e.span.end()),
                            replacement: &e.replacement,
                        }
                    })
                    .collect(),
            });
            records.push(JsonDiagnostic {
                path: &result.path,
                line,
                column,
                end_line,
                end_column,
                byte_start: result.file_offset(d.span.start()),
                byte_end: result.file_offset(d.span.end()),
                code: d.rule.code,
                rule: d.rule.name,
                severity: d.severity.as_str(),
                message: &d.message,
                note: d.note,
                related,
                chain: d.chain.map(|c| JsonChain { phrase: place(c.phrase), word: place(c.word), how: c.how }),
                repeats,
                allow: d.allow_hint(),
                fix,
            });
        }
    }
    crate::escape::write_json(out, &records)?;
    writeln!(out)
}
