//! `--format concise`: `path:line:col: CODE message`, one finding a line.

use std::io::Write;

use cm_linter::LineIndex;

use super::FileResult;

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        for d in &result.diagnostics {
            let pos = index.one_based(d.span.start());
            let mut line = format!("{}:{}:{}: {} {}", result.path, pos.line, pos.column, d.rule.code, d.message);
            if let Some(repeats) = super::repeats_note(&index, d) {
                line.push_str(&format!(" ({repeats})"));
            }
            writeln!(out, "{}", crate::escape::terminal(&line))?;
        }
    }
    Ok(())
}
