//! `--format junit`: JUnit XML, which GitLab and Jenkins show as test reports: one suite per
//! file, one failing test case per finding, one passing case for a clean file.

use std::io::Write;

use cm_linter::LineIndex;

use super::{Failure, FileResult};

use crate::escape::xml as escape;

pub(super) fn write(out: &mut dyn Write, results: &[FileResult], errors: &[Failure]) -> std::io::Result<()> {
    let failures: usize = results.iter().map(|r| r.diagnostics.len()).sum();
    let tests: usize = results.iter().map(|r| r.diagnostics.len().max(1)).sum::<usize>() + errors.len();
    let error_count = errors.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="cm-lint" tests="{tests}" failures="{failures}" errors="{error_count}">"#)?;
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
    // A file that could not be linted is a suite with one erroring case.
    for error in errors {
        let path = escape(&error.path.replace('\\', "/"));
        writeln!(out, r#"  <testsuite name="{path}" tests="1" failures="0" errors="1">"#)?;
        writeln!(out, r#"    <testcase name="cm-lint" classname="{path}">"#)?;
        writeln!(out, r#"      <error message="{}" type="internal"/>"#, escape(&error.message))?;
        writeln!(out, "    </testcase>\n  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
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
        String::from_utf8(out).expect("the report is UTF-8")
    }

    #[test]
    fn counts_suites_cases_and_failures() {
        let xml = render(&[
            result("docs/a.md", "Your coach/mentor will call.\n"),
            result("clean.md", "Nothing to see here.\n"),
            result("docs/b.md", "Our coaches give advice drawn from their own careers.\n"),
        ]);
        assert!(xml.contains(r#"<testsuites name="cm-lint" tests="3" failures="2""#), "{xml}");
        assert_eq!(xml.matches("<testsuite ").count(), 3);
        assert_eq!(xml.matches("<testcase ").count(), 3);
        assert_eq!(xml.matches("<failure ").count(), 2);
        assert!(xml.contains(r#"<testcase name="cm-lint" classname="clean.md"/>"#), "{xml}");
        assert!(xml.contains(r#"<testcase name="CM001 interchangeable-terms at 1:6" classname="docs/a.md">"#), "{xml}");
        assert!(xml.contains(r#"<failure message="&#39;coach&#39; and &#39;mentor&#39; are fused"#), "{xml}");
        assert!(xml.contains(r#"type="CM003">docs/b.md:1:5: CM003 &#39;coaches&#39; is described"#), "{xml}");
        assert_eq!(xml.matches("</testsuite>").count(), 3);
        assert!(xml.trim_end().ends_with("</testsuites>"));
    }

    #[test]
    fn escapes_messages_and_paths() {
        let mut results = [result("R&D <draft>.md", "Your coach/mentor will call.\n")];
        for d in &mut results[0].diagnostics {
            d.message = "Tom & Jerry say \"a < b\" isn't > c".to_string();
        }
        let xml = render(&results);
        let escaped = "Tom &amp; Jerry say &quot;a &lt; b&quot; isn&#39;t &gt; c";
        assert!(xml.contains(&format!(r#"<failure message="{escaped}" type="CM001">"#)), "{xml}");
        assert!(xml.contains(&format!("R&amp;D &lt;draft&gt;.md:1:6: CM001 {escaped}</failure>")), "{xml}");
        assert!(xml.contains(r#"classname="R&amp;D &lt;draft&gt;.md""#), "{xml}");
        assert!(!xml.contains("Tom & Jerry") && !xml.contains("a < b"), "{xml}");
    }
}
