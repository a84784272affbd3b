//! The adversarial inputs of issue #15 at about 1 MB each (4 MB of suppression comments) are linted (and, like the command
//! line, every finding's line and column computed) without stalling. Not a speed test: the
//! guard is a generous wall-clock limit for a debug build, far above what a linear engine takes
//! (a few seconds) and far below what the quadratic one took (minutes). The figures, 1x to 16x
//! in release, are in `bench/README.md`.

mod adversarial;

use std::time::{Duration, Instant};

use cm_linter::{Document, LineIndex, Linter};

/// A hang guard for a debug build on a busy machine, not a measure of speed.
const GUARD: Duration = Duration::from_secs(60);

/// (findings, unused suppressions, time taken).
fn lint_case(case: &str, size: usize) -> (usize, usize, Duration) {
    let (_, format, _) = adversarial::CASES.iter().find(|(name, _, _)| *name == case).expect("a case");
    let text = adversarial::text(case, size);
    let started = Instant::now();
    let out = Linter::default().lint(&Document { source: &text, format: *format });
    let index = LineIndex::new(&text);
    let mut columns = 0;
    for d in &out.diagnostics {
        columns += index.one_based(d.span.start()).column as usize;
        columns += index.one_based(d.span.end()).column as usize;
    }
    assert!(columns > 0 || out.diagnostics.is_empty());
    (out.diagnostics.len(), out.unused_suppressions.len(), started.elapsed())
}

fn check(case: &str) {
    // The suppressions at 4 MB: at 1 MB, directives times findings was still only seconds.
    let size = if case == "suppressions" { 4_000_000 } else { 1_000_000 };
    let (found, unused, took) = lint_case(case, size);
    assert!(took < GUARD, "{case}: {size} bytes took {took:?}");
    // Something was read: findings (for the suppressions, those under comments that name
    // another rule), and for the suppressions, the codes that silence nothing.
    assert!(found > 1_000, "{case}: {found} findings");
    if case == "suppressions" {
        assert!(unused > 1_000, "{case}: {unused} unused codes");
    }
}

#[test]
fn one_paragraph_with_no_sentence_end() {
    check("no-sentence-end");
}

#[test]
fn text_lines_with_no_blank_line() {
    check("txt-lines");
}

#[test]
fn minified_html_with_every_finding_on_one_line() {
    check("minified");
}

#[test]
fn many_suppression_comments() {
    check("suppressions");
}

#[test]
fn many_programme_names() {
    check("programmes");
}

/// The same text from the bench generator and from this one (when Python is at hand).
#[test]
fn the_generators_agree() {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/adversarial.py");
    let dir = std::env::temp_dir().join(format!("cm-lint-adversarial-{}", std::process::id()));
    let Ok(status) = std::process::Command::new("python3").arg(&script).arg(&dir).arg("1").status() else {
        return;
    };
    assert!(status.success());
    for (case, format, size) in adversarial::CASES {
        let ext = match format {
            cm_linter::Format::Markdown => "md",
            cm_linter::Format::PlainText => "txt",
            cm_linter::Format::Html => "html",
        };
        let written = std::fs::read_to_string(dir.join(format!("{case}-1x.{ext}"))).expect("written");
        assert!(written == adversarial::text(case, *size), "{case} differs");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
