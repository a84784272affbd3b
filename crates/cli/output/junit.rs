//! `--format junit`: JUnit XML, which GitLab and Jenkins show as test reports: one suite per
//! file, one failing test case per finding, one passing case for a clean file.

use std::io::Write;

use cm_linter::LineIndex;

use super::FileResult;

use super::escape_markup as escape;

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    let failures: usize = results.iter().map(|r| r.diagnostics.len()).sum();
    let tests: usize = results.iter().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="cm-lint" tests="{tests}" failures="{failures}" errors="0">"#)?;
    for result in results {
        let path = escape(&result.path.replace('\\', "/"));
        let count = result.diagnostics.len();
        writeln!(out, r#"  <testsuite name="{path}" tests="{}" failures="{count}" errors="0">"#, count.max(1))?;
        if result.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="cm-lint" classname="{path}"/>"#)?;
        }
        let index = LineIndex::new(&result.source);
        for d in &result.diagnostics {
            let pos = index.one_based(d.span.start());
            writeln!(
                out,
                r#"    <testcase name="{} {} at {}:{}" classname="{path}">"#,
                d.rule.code, d.rule.name, pos.line, pos.column
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{path}:{}:{}: {} {}</failure>"#,
                escape(&d.message),
                d.rule.code,
                pos.line,
                pos.column,
                d.rule.code,
                escape(&d.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
