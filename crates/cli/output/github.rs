//! `--format github`: GitHub Actions workflow commands, which show as annotations on the pull
//! request.

use std::io::Write;

use cm_linter::{LineIndex, Severity};

use super::FileResult;

/// Escapes a message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: also `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
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
                escape_property(&result.path.replace('\\', "/")),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
                escape_data(&d.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("x\r\ny: z"), "x%0D%0Ay: z");
    }
}
