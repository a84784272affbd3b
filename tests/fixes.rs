//! Fixes that do not change meaning behind the writer's back (#14): `--fix` applies only safe
//! fixes, `--unsafe-fixes` adds the others, `--diff` labels each hunk, and `cm-lint - --fix`
//! writes the fixed text, and nothing else, to standard output.

use std::io::Write;
use std::process::{Output, Stdio};

use crate::util::{transcript, Dir};

/// Two findings, each with an unsafe fix (a word swap): CM003 and CM002.
const TWO_SWAPS: &str =
    "Our coaches give advice drawn from their own careers.\n\nEach coach meets their mentee every week.\n";
const SWAPPED: &str =
    "Our mentors give advice drawn from their own careers.\n\nEach coach meets their coachee every week.\n";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `cm-lint` in `dir` with `input` on standard input.
fn run_with_stdin(dir: &Dir, args: &[&str], input: &[u8]) -> Output {
    let mut child = dir
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cm-lint");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("wait for cm-lint")
}

#[test]
fn fix_applies_no_word_swap_and_says_how_many_unsafe_fixes_wait() {
    let dir = Dir::new();
    let path = dir.write("a.md", TWO_SWAPS);
    let out = dir.run(&["--fix", "--format", "concise", "a.md"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TWO_SWAPS, "{}", transcript(&out));
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
    assert_eq!(
        stderr(&out).lines().last(),
        Some("0 fixes applied (2 unsafe fixes available with --unsafe-fixes)"),
        "{}",
        transcript(&out)
    );
}

#[test]
fn unsafe_fixes_with_fix_apply_the_swaps_and_the_summary_has_no_parenthesis() {
    let dir = Dir::new();
    let path = dir.write("a.md", TWO_SWAPS);
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "a.md"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SWAPPED, "{}", transcript(&out));
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    assert_eq!(stderr(&out).lines().last(), Some("2 fixes applied"), "{}", transcript(&out));
}

#[test]
fn unsafe_fixes_without_fix_write_nothing() {
    let dir = Dir::new();
    let path = dir.write("a.md", TWO_SWAPS);
    let out = dir.run(&["--unsafe-fixes", "--format", "concise", "a.md"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), TWO_SWAPS);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("applied"), "{}", transcript(&out));
}

/// The diff shows both kinds of fix, each hunk labelled after its `@@` (where a patch tool
/// ignores it); nothing is written.
#[test]
fn diff_labels_each_hunk_safe_or_unsafe() {
    let dir = Dir::new();
    let far_apart = format!(
        "{}{}{}",
        "Our coaches give advice drawn from their own careers.\n",
        "\nIntro.\n".repeat(5),
        "\nEach coach meets their mentee every week.\n"
    );
    let path = dir.write("a.md", &far_apart);
    let out = dir.run(&["--diff", "a.md"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), far_apart);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let headers: Vec<&str> = stdout.lines().filter(|l| l.starts_with("@@")).collect();
    assert_eq!(headers, ["@@ -1,4 +1,4 @@ unsafe fix", "@@ -10,4 +10,4 @@ unsafe fix"], "{}", transcript(&out));
    insta::assert_snapshot!(transcript(&out));
}

/// `cm-lint - --fix`: standard output carries the text and only the text, fixed or not; the
/// findings and the summary go to standard error, whatever the format.
#[test]
fn fix_on_standard_input_writes_only_the_text_to_standard_output() {
    let dir = Dir::new();
    for format in ["text", "concise", "json", "sarif", "github"] {
        let out = run_with_stdin(&dir, &["-", "--fix", "--unsafe-fixes", "--format", format], TWO_SWAPS.as_bytes());
        assert_eq!(String::from_utf8_lossy(&out.stdout), SWAPPED, "{format}: {}", transcript(&out));
        assert_eq!(out.status.code(), Some(0), "{format}: {}", transcript(&out));
        assert!(stderr(&out).ends_with("2 fixes applied\n"), "{format}: {}", transcript(&out));

        let out = run_with_stdin(&dir, &["-", "--fix", "--format", format], TWO_SWAPS.as_bytes());
        assert_eq!(String::from_utf8_lossy(&out.stdout), TWO_SWAPS, "{format}: {}", transcript(&out));
        assert_eq!(out.status.code(), Some(1), "{format}: {}", transcript(&out));
        let err = stderr(&out);
        assert!(err.contains("CM003") && err.contains("CM002"), "{format}: the findings go to stderr: {err}");
        assert!(
            err.ends_with("0 fixes applied (2 unsafe fixes available with --unsafe-fixes)\n"),
            "{format}: {}",
            transcript(&out)
        );
    }
    insta::assert_snapshot!(transcript(&run_with_stdin(
        &dir,
        &["-", "--fix", "--unsafe-fixes", "--stdin-filename", "page.md"],
        b"Our coaches give advice drawn from their own careers.\n\nYour coach/mentor will call.\n",
    )));
}

/// Text that does not decode losslessly comes back byte for byte: `--fix` never re-encodes.
#[test]
fn fix_on_standard_input_returns_invalid_utf8_unchanged() {
    let dir = Dir::new();
    let bytes = b"Caf\xe9. Our coaches give advice drawn from their own careers.\n";
    let out = run_with_stdin(&dir, &["-", "--fix", "--unsafe-fixes", "--format", "concise"], bytes);
    assert_eq!(out.stdout, bytes, "{}", transcript(&out));
    assert!(stderr(&out).contains("fixes not applied"), "{}", transcript(&out));
}
