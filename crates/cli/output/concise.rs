//! `--format concise`: `path:line:col: severity CODE message`, one finding a line, as in
//! `docs/a.md:3:5: warning CM003 'coaches' is described as mentoring: ...`. The severity is one
//! word, `error`, `warning` or `info`, as in the other formats.

use std::io::Write;

use cm_linter::LineIndex;

use super::FileResult;

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        for d in &result.diagnostics {
            let pos = index.one_based(d.span.start());
            let mut line = format!(
                "{}:{}:{}: {} {} {}",
                result.path,
                pos.line,
                pos.column,
                d.severity.as_str(),
                d.rule.code,
                d.message
            );
            if let Some(repeats) = super::repeats_note(&index, d) {
                line.push_str(&format!(" ({repeats})"));
            }
            writeln!(out, "{}", crate::escape::terminal(&line))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(results: &[FileResult]) -> String {
        let mut out = Vec::new();
        write(&mut out, results).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the output is UTF-8")
    }

    #[test]
    fn each_line_names_the_severity_of_its_finding() {
        let source = "Your coach/mentor will call.\n\nOur coaches give advice drawn from their own careers.\n";
        let document = cm_linter::Document { source, format: cm_linter::Format::Markdown };
        let mut diagnostics = cm_linter::lint(&document);
        assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
        // The finding's own severity (as configured), not its rule's default.
        diagnostics[0].severity = cm_linter::Severity::Info;
        diagnostics[1].severity = cm_linter::Severity::Error;
        let result = FileResult { path: "docs/a b.md".into(), source: source.into(), diagnostics, moved: Vec::new() };
        let lines: Vec<String> = render(&[result]).lines().map(str::to_string).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("docs/a b.md:1:6: info CM001 'coach' and 'mentor'"), "{lines:?}");
        assert!(lines[1].starts_with("docs/a b.md:3:5: error CM003 'coaches' is described"), "{lines:?}");
    }
}
