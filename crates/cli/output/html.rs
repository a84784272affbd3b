//! `--format html`: a self-contained report page a people team can open without a terminal:
//! counts per rule, then every file with its findings, the sentence highlighted, and what the
//! article says on the point.

use std::collections::BTreeMap;
use std::io::Write;

use cm_linter::{LineIndex, RULES};

use super::FileResult;

use crate::escape::xml as escape;

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}\
.file{margin-top:2rem}.finding{border-left:4px solid #d97706;padding:.4rem .8rem;margin:.8rem 0;background:#fffbeb}\
.finding.error{border-color:#dc2626;background:#fef2f2}.finding.info{border-color:#2563eb;background:#eff6ff}\
.code{font-weight:600}.line{font-family:ui-monospace,monospace;white-space:pre-wrap;background:#fff;padding:.3rem;border:1px solid #eee}\
mark{background:#fde68a}.note{color:#555}.pos{color:#777}";

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in results.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry(d.rule.code).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let files_with = results.iter().filter(|r| !r.diagnostics.is_empty()).count();
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<title>cm-lint report</title>\n<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>cm-lint report</h1>")?;
    writeln!(out, "<p>{total} findings in {files_with} files ({} files checked).</p>", results.len())?;
    writeln!(out, "<table>\n<tr><th>Rule</th><th>What it flags</th><th>Findings</th></tr>")?;
    for rule in RULES {
        let n = counts.get(rule.code).copied().unwrap_or(0);
        writeln!(
            out,
            "<tr><td class=\"code\">{} {}</td><td>{}</td><td>{n}</td></tr>",
            rule.code,
            rule.name,
            escape(rule.summary)
        )?;
    }
    writeln!(out, "</table>")?;
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        writeln!(out, "<section class=\"file\">\n<h2>{}</h2>", escape(&result.path))?;
        for d in &result.diagnostics {
            let pos = index.one_based(d.span.start());
            let start = index.line_col(d.span.start());
            let line_start = index.offset(cm_linter::LineCol { line: start.line, col: 0 });
            let line_end = index.offset(cm_linter::LineCol { line: start.line, col: u32::MAX });
            let word_end = d.span.end().min(line_end).max(d.span.start());
            let line = format!(
                "{}<mark>{}</mark>{}",
                escape(&result.source[line_start..d.span.start()]),
                escape(&result.source[d.span.start()..word_end]),
                escape(&result.source[word_end..line_end])
            );
            writeln!(out, "<div class=\"finding {}\">", d.severity.as_str())?;
            writeln!(
                out,
                "<div><span class=\"code\">{} {}</span> <span class=\"pos\">line {}, column {}</span></div>",
                d.rule.code, d.rule.name, pos.line, pos.column
            )?;
            writeln!(out, "<div class=\"line\">{}</div>", line.trim_start_matches('\u{feff}'))?;
            writeln!(out, "<p>{}</p>", escape(&d.message))?;
            if let Some(note) = d.note {
                writeln!(out, "<p class=\"note\">The article: {}</p>", escape(note))?;
            }
            if let Some(fix) = &d.fix {
                let kind = match fix.applicability {
                    cm_linter::Applicability::Safe => "safe fix",
                    cm_linter::Applicability::Unsafe => "unsafe fix: it may change the meaning",
                };
                writeln!(out, "<p class=\"note\">Suggested fix ({kind}): {}</p>", escape(&fix.title))?;
            }
            writeln!(out, "</div>")?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</body>\n</html>")
}
