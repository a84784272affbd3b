//! `--format github`: GitHub Actions workflow commands, which show as annotations on the pull
//! request.

use std::io::Write;

use cm_linter::{LineIndex, Severity};

use super::{Failure, FileResult};
use crate::escape::{github_data as escape_data, github_property as escape_property};

pub(super) fn write(out: &mut dyn Write, results: &[FileResult], failures: &[Failure]) -> std::io::Result<()> {
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        for d in &result.diagnostics {
            let start = index.one_based(d.span.start());
            let end = index.one_based(d.span.end());
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&super::without_leading_dot(&result.path).replace('\\', "/")),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
                escape_data(&with_repeats(&index, d))
            )?;
        }
    }
    for failure in failures {
        writeln!(
            out,
            "::error file={},title=cm-lint::{}",
            escape_property(&super::without_leading_dot(&failure.path).replace('\\', "/")),
            escape_data(&failure.message)
        )?;
    }
    Ok(())
}

/// The message, and the lines that make the same point again (an annotation has one place).
fn with_repeats(index: &LineIndex, d: &cm_linter::Diagnostic) -> String {
    match super::repeats_note(index, d) {
        Some(repeats) => format!("{} ({repeats})", d.message),
        None => d.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(path: &str, source: &str) -> FileResult {
        let document = cm_linter::Document { source, format: cm_linter::Format::Markdown };
        FileResult {
            path: path.to_string(),
            source: source.to_string(),
            diagnostics: cm_linter::lint(&document),
            moved: Vec::new(),
        }
    }

    fn render(results: &[FileResult]) -> String {
        let mut out = Vec::new();
        write(&mut out, results, &[]).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("workflow commands are UTF-8")
    }

    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("x\r\ny: z"), "x%0D%0Ay: z");
    }

    #[test]
    fn one_exact_line_per_finding() {
        let results = [
            result("docs/a.md", "Your coach/mentor will call.\n"),
            result("clean.md", "Nothing to see here.\n"),
            result("docs/b.md", "Our coaches give advice drawn from their own careers.\n"),
        ];
        let text = render(&results);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "::warning file=docs/a.md,line=1,col=6,endLine=1,endColumn=11,title=CM001 interchangeable-terms::\
                 'coach' and 'mentor' are fused into one name; name the practice you mean",
                "::warning file=docs/b.md,line=1,col=5,endLine=1,endColumn=12,title=CM003 \
                 coaching-described-as-mentoring::'coaches' is described as mentoring: \"give advice\" gives it a \
                 mentoring trait (method)",
            ]
        );
    }

    #[test]
    fn maps_severities_and_escapes_path_and_message() {
        let mut results = [result("a,b:c.md", "Your coach/mentor will call.\n")];
        let first = results[0].diagnostics.first().cloned().expect("CM001 fires");
        results[0].diagnostics = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .map(|severity| cm_linter::Diagnostic {
                severity,
                message: "100% sure:\r\nyes, really".into(),
                ..first.clone()
            })
            .collect();
        let text = render(&results);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        for (line, command) in lines.iter().zip(["::error ", "::warning ", "::notice "]) {
            assert!(line.starts_with(command), "{line}");
            assert!(line.contains("file=a%2Cb%3Ac.md,"), "{line}");
            assert!(line.ends_with("::100%25 sure:%0D%0Ayes, really"), "{line}");
        }
    }
}
