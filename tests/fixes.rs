//! Fixes that do not change meaning behind the writer's back (#14): `--fix` applies only safe
//! fixes, `--unsafe-fixes` adds the others, `--diff` labels each hunk, and `cm-lint - --fix`
//! writes the fixed text, and nothing else, to standard output.

use std::io::Write;
use std::process::{Output, Stdio};

use crate::util::{copy_tree, files_under, transcript, Dir};

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

/// The diff's headers name the file as git does, `a/sub/a.md`, when the folder is given as
/// `./sub`: leading `./` components are dropped, and nothing else (`../sub` stays).
#[test]
fn diff_headers_drop_a_leading_dot_slash() {
    let dir = Dir::new();
    dir.write("sub/a.md", TWO_SWAPS);
    std::fs::create_dir(dir.path().join("other")).expect("create a folder");
    let headers = |args: &[&str], cwd: &std::path::Path| -> Vec<String> {
        let out = dir.command(args).current_dir(cwd).output().expect("run cm-lint");
        assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
        let stdout = String::from_utf8_lossy(&out.stdout).replace('\\', "/");
        stdout.lines().filter(|l| l.starts_with("--- ") || l.starts_with("+++ ")).map(str::to_string).collect()
    };
    for given in ["./sub", "././sub", "./sub/a.md"] {
        assert_eq!(headers(&["--diff", given], dir.path()), ["--- a/sub/a.md", "+++ b/sub/a.md"], "{given}");
    }
    let other = dir.path().join("other");
    assert_eq!(headers(&["--diff", "../sub"], &other), ["--- a/../sub/a.md", "+++ b/../sub/a.md"]);
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

/// The findings of `folder` (JSON records), by path.
fn findings(dir: &Dir, folder: &str) -> std::collections::BTreeMap<String, Vec<serde_json::Value>> {
    let out = dir.run(&["--format", "json", "--fail-on", "never", folder]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON records");
    let mut by_path = std::collections::BTreeMap::<String, Vec<serde_json::Value>>::new();
    for record in records {
        by_path.entry(record["path"].as_str().unwrap_or_default().replace('\\', "/")).or_default().push(record);
    }
    by_path
}

/// A text's lines as the findings count them: `\r\n`, `\n` and `\r` each end one; a BOM is no
/// column. Each line as its characters.
fn lines_of(text: &str) -> Vec<Vec<char>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").split(['\n', '\r']).map(|l| l.chars().collect()).collect()
}

fn number(record: &serde_json::Value, key: &str) -> usize {
    record[key].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or_else(|| panic!("{key} in {record}"))
}

/// Pairs of one practice word, doubled ("coach/coach", "mentor or mentor", "coaching and
/// coaching"), as written.
fn doubled_pairs(text: &str) -> Vec<String> {
    static WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:coach(?:es|ing|ed|ee|ees)?|mentor(?:s|ing|ed|ship)?|mentees?|prot[eé]g[eé]e?s?|clients?)\b",
        )
        .expect("a valid pattern")
    });
    static JOINER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^\s*(?:[/&+,()–—-]|\bor\b|\band\b|\bnor\b|\bvs\.?)?\s*(?:\(?\s*(?:or|and)\s+)?(?:an?\s+|the\s+)?$",
        )
        .expect("a valid pattern")
    });
    let words: Vec<regex::Match<'_>> = WORD.find_iter(text).collect();
    words
        .windows(2)
        .filter(|w| {
            w[0].as_str().eq_ignore_ascii_case(w[1].as_str()) && JOINER.is_match(&text[w[0].end()..w[1].start()])
        })
        .map(|w| text[w[0].start()..w[1].end()].to_string())
        .collect()
}

#[test]
fn doubled_pairs_are_found() {
    let found =
        doubled_pairs("A coach/coach, a Mentor or mentor, coaching and coaching; a coach or a coach. Coach/mentor.");
    assert_eq!(found, ["coach/coach", "Mentor or mentor", "coaching and coaching", "coach or a coach"]);
}

/// Every fix of the repository's fixtures (with the real passages) and bundled examples, applied with
/// `--fix --unsafe-fixes` to a copy, which is then linted again: each applied fix removed the
/// finding it was made for, the text changed only where a fix says, no finding is new, and no
/// fix doubled a pair of the practices' words ("coach/mentor" to "coach/coach").
#[test]
fn fixing_every_fixture_leaves_no_finding_a_fix_claimed_and_doubles_no_pair() {
    let dir = Dir::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&root.join("fixtures"), &dir.path().join("tree/fixtures"));
    copy_tree(&root.join("examples"), &dir.path().join("tree/examples"));
    // And the real passages (`fixtures/real-world/passages.jsonl`), one file each.
    let passages = std::fs::read_to_string(root.join("fixtures/real-world/passages.jsonl")).expect("the passages");
    for line in passages.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("a passage");
        let (id, format) = (record["id"].as_str().expect("an id"), record["format"].as_str().unwrap_or("md"));
        dir.write(&format!("tree/passages/{id}.{format}"), record["text"].as_str().expect("a text"));
    }
    let originals: std::collections::HashMap<std::path::PathBuf, String> = files_under(&dir.path().join("tree"))
        .into_iter()
        .filter_map(|f| std::fs::read_to_string(&f).ok().map(|text| (f, text)))
        .collect();
    let before = findings(&dir, "tree");
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "--fail-on", "never", "tree"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    let after = findings(&dir, "tree");
    let mut applied_in_all = 0;
    for (path, records) in &before {
        let original = &originals[&dir.path().join(path)];
        let fixed = std::fs::read_to_string(dir.path().join(path)).expect("the fixed copy");
        let (old_lines, new_lines) = (lines_of(original), lines_of(&fixed));
        assert_eq!(old_lines.len(), new_lines.len(), "{path}: a fix changed the number of lines");
        // The edits of every fix, by line and column (1-based, in characters).
        let mut edits: Vec<(usize, usize, usize, String, &'static str)> = Vec::new();
        for record in records.iter().filter(|r| !r["fix"].is_null()) {
            let code = match record["code"].as_str() {
                Some("CM002") => "CM002",
                Some("CM003") => "CM003",
                Some("CM004") => "CM004",
                Some("CM005") => "CM005",
                other => panic!("{path}: {other:?} has a fix"),
            };
            for edit in record["fix"]["edits"].as_array().expect("edits") {
                assert_eq!(edit["line"], edit["end_line"], "{path}: an edit over lines: {record}");
                let replacement = edit["replacement"].as_str().unwrap_or_default().to_string();
                edits.push((
                    number(edit, "line"),
                    number(edit, "column"),
                    number(edit, "end_column"),
                    replacement,
                    code,
                ));
            }
        }
        edits.sort();
        edits.dedup();
        // Replays the edits line by line: each one is either applied (the fixed line reads its
        // replacement where it was) or not (the old word is still there); nothing else changed.
        let mut rebuilt = old_lines.clone();
        let mut applied = Vec::new();
        for line in 1..=old_lines.len() {
            let (old, new) = (&old_lines[line - 1], &new_lines[line - 1]);
            let mut shift: isize = 0;
            let mut line_rebuilt: Vec<char> = Vec::new();
            let mut copied = 0;
            for (_, column, end_column, replacement, code) in edits.iter().filter(|e| e.0 == line) {
                let (start, end) = (column - 1, end_column - 1);
                let word: Vec<char> = old[start..end].to_vec();
                let replacement: Vec<char> = replacement.chars().collect();
                let at = usize::try_from(isize::try_from(start).unwrap() + shift).unwrap();
                line_rebuilt.extend_from_slice(&old[copied..start]);
                copied = end;
                if new.get(at..at + replacement.len()) == Some(&replacement[..]) && replacement != word {
                    shift += isize::try_from(replacement.len()).unwrap() - isize::try_from(word.len()).unwrap();
                    line_rebuilt.extend_from_slice(&replacement);
                    applied.push((*code, line, at + 1));
                } else {
                    assert_eq!(new.get(at..at + word.len()), Some(&word[..]), "{path}:{line}: an unexplained change");
                    line_rebuilt.extend_from_slice(&word);
                }
            }
            line_rebuilt.extend_from_slice(&old[copied..]);
            rebuilt[line - 1] = line_rebuilt;
        }
        assert_eq!(rebuilt, new_lines, "{path}: the text changed where no fix says");
        applied_in_all += applied.len();
        let left = after.get(path).map(Vec::as_slice).unwrap_or_default();
        let word_of = |r: &serde_json::Value, lines: &[Vec<char>]| -> String {
            lines[number(r, "line") - 1][number(r, "column") - 1..number(r, "end_column") - 1].iter().collect()
        };
        let old_keys: std::collections::HashSet<(String, usize, String)> = records
            .iter()
            .map(|r| (r["code"].as_str().unwrap_or_default().to_string(), number(r, "line"), word_of(r, &old_lines)))
            .collect();
        for record in left {
            let (code, line, column) =
                (record["code"].as_str().unwrap_or_default(), number(record, "line"), number(record, "column"));
            assert!(
                !applied.contains(&(code, line, column)),
                "{path}:{line}:{column}: {code} is still there after its fix"
            );
            let key = (code.to_string(), line, word_of(record, &new_lines));
            assert!(old_keys.contains(&key), "{path}:{line}:{column}: {code} is new after fixing: {record}");
        }
        assert_eq!(doubled_pairs(&fixed), doubled_pairs(original), "{path}: a fix doubled a pair");
    }
    // The fixtures exercise every rule's fix; most are applied.
    assert!(applied_in_all >= 100, "only {applied_in_all} fixes applied");
}
