//! Hostile input (#15): a file that breaks the engine, names and text crafted to inject into a
//! CI log or a terminal, and links that would send a write outside the tree. Each test spawns
//! the real binary.

use std::io::Write as _;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::util::{transcript, Dir};

const FLAGGED: &str = "Our coaches give advice drawn from their own careers.\n";
const FIXED: &str = "Our mentors give advice drawn from their own careers.\n";

/// The environment variable that makes a debug build panic while linting a file whose path
/// contains its value (see `crates/cli/main.rs`); release builds ignore it.
const PANIC_ON: &str = "CM_LINT_TEST_PANIC_ON";

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run_with_env(dir: &Dir, args: &[&str], key: &str, value: &str) -> Output {
    dir.command(args).env(key, value).output().expect("run cm-lint")
}

/// Lines that the GitHub runner would take for a workflow command: after leading white space,
/// `::`, or the old `##[` anywhere in the line.
fn workflow_commands(text: &str) -> Vec<&str> {
    text.split(['\n', '\r']).filter(|l| l.trim_start().starts_with("::") || l.contains("##[")).collect()
}

/// Our own annotations: `::error|warning|notice file=…` lines that name no other command.
fn assert_only_annotations(text: &str, context: &str) {
    for line in workflow_commands(text) {
        let ours = ["::error file=", "::warning file=", "::notice file="].iter().any(|p| line.starts_with(p));
        assert!(ours, "a workflow command other than an annotation: {line:?}\n{context}");
        // Each property once, and only ours: an unescaped `,` or `:` in a file name would add one.
        let properties = line.split_once(' ').map_or("", |(_, rest)| rest);
        let (properties, _) = properties.split_once("::").unwrap_or((properties, ""));
        let keys: Vec<&str> = properties.split(',').map(|p| p.split_once('=').map_or(p, |(k, _)| k)).collect();
        let finding = keys == ["file", "line", "col", "endLine", "endColumn", "title"];
        assert!(finding || keys == ["file", "title"], "{line:?}\n{context}");
        assert!(properties.contains(",title=CM") || properties.ends_with(",title=cm-lint"), "{line:?}\n{context}");
    }
}

/// No terminal control character (C0 but tab and line feed, DEL, C1, bidi overrides).
fn assert_no_controls(text: &str, context: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    assert!(bad.is_empty(), "control characters {bad:?} reach the output:\n{context}");
}

// ---------------------------------------------------------------------------------------------
// Crashes: a panic in one file is that file's internal error

#[test]
fn a_panic_in_one_file_is_reported_and_every_other_file_still_is() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: {PANIC_ON} is honoured by debug builds only");
        return;
    }
    let dir = Dir::new();
    dir.write("a.md", FLAGGED);
    dir.write("boom.md", FLAGGED);
    dir.write("c.md", FLAGGED);
    for format in ["text", "concise", "json", "github", "junit", "html"] {
        let out = run_with_env(&dir, &["--format", format, "."], PANIC_ON, "boom");
        let text = transcript(&out);
        assert_eq!(out.status.code(), Some(2), "{format}: {text}");
        let err = stderr(&out);
        assert!(err.contains("boom.md") && err.contains("internal error"), "{format}: {text}");
        assert!(!err.contains("panicked at") && !err.contains("RUST_BACKTRACE"), "a raw panic report: {text}");
        let report = stdout(&out);
        assert!(report.contains("a.md") && report.contains("c.md"), "{format}: other files' findings: {text}");
        if format == "github" {
            assert_only_annotations(&report, &text);
            assert_only_annotations(&err, &text);
            assert!(report.contains("::error file=boom.md,title=cm-lint::internal error"), "{text}");
        }
        if format == "junit" {
            assert!(report.contains(r#"errors="1""#) && report.contains("<error message=\"internal error"), "{text}");
        }
    }
    // The requested SARIF log is written, with every other file's findings.
    let out = run_with_env(&dir, &["--format", "sarif", "--output", "cm-lint.sarif", "."], PANIC_ON, "boom");
    assert_eq!(out.status.code(), Some(2), "{}", transcript(&out));
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("cm-lint.sarif")).expect("the SARIF log is written"))
            .expect("JSON");
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert_eq!(uris, ["a.md", "c.md"], "{log}");
    // The log says the run failed, and for which file.
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false, "{log}");
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "boom.md", "{log}");
    assert!(notification["message"]["text"].as_str().is_some_and(|m| m.starts_with("internal error")), "{log}");
}

/// The issue's reproduction (fixed in the engine): a comma that ends a conditional's block.
#[test]
fn a_comma_at_the_end_of_a_conditional_does_not_stop_the_run() {
    let dir = Dir::new();
    let line = "- Talk to your coach if you want advice,\n";
    dir.write("a.md", line);
    dir.write("b.txt", line);
    dir.write("c.html", format!("<ul><li>{}</li></ul>\n", line.trim_start_matches("- ").trim_end()));
    dir.write("d.md", FLAGGED);
    let out = dir.run(&["--format", "sarif", "--output", "cm-lint.sarif", "."]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!stderr(&out).contains("error"), "{text}");
    let log = std::fs::read_to_string(dir.path().join("cm-lint.sarif")).expect("the SARIF log");
    assert!(log.contains("\"uri\": \"d.md\"") && !log.contains("./d.md"), "{log}");
}

#[test]
fn a_panic_on_a_hostile_name_is_escaped_in_the_github_format() {
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = Dir::new();
    dir.write("ok.md", FLAGGED);
    dir.write("boom\n::error title=x::y.md", FLAGGED);
    let out = run_with_env(&dir, &["--format", "github", "."], PANIC_ON, "boom");
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(stderr(&out).contains("internal error"), "{text}");
    assert_only_annotations(&stdout(&out), &text);
    assert_only_annotations(&stderr(&out), &text);
}

#[test]
fn a_panic_on_standard_input_is_reported() {
    if !cfg!(debug_assertions) {
        return;
    }
    let dir = Dir::new();
    let mut child = dir
        .command(&["--stdin-filename", "boom.md", "-"])
        .env(PANIC_ON, "boom")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(FLAGGED.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(stderr(&out).contains("boom.md: internal error"), "{text}");
    assert!(!stderr(&out).contains("panicked at"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands

#[cfg(unix)]
#[test]
fn names_and_texts_cannot_inject_workflow_commands() {
    let dir = Dir::new();
    // A read warning (invalid UTF-8) that names the file.
    dir.write("a\n::error title=x::y.md", b"Caf\xe9: our coaches give advice drawn from their own careers.\n");
    dir.write("b\r::error title=x::z.md", FLAGGED);
    dir.write("c ##[error]w.md", b"Caf\xe9: our coaches give advice drawn from their own careers.\n");
    // A .docx whose XML error quotes document text.
    dir.write(
        "d.docx",
        docx("<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></\n::error title=x::docx></w:body>"),
    );
    for args in [
        &["--format", "github", "."][..],
        &["--format", "github", "--verbose", "--report-unused-disables", "."],
        &["--format", "github", "--fix", "--unsafe-fixes", "."],
    ] {
        let out = dir.run(args);
        let text = transcript(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: the .docx is an error: {text}");
        assert!(stdout(&out).contains("::warning file="), "{text}");
        assert_only_annotations(&stdout(&out), &text);
        assert_only_annotations(&stderr(&out), &text);
        assert_no_controls(&stderr(&out), &text);
    }
}

#[test]
fn config_errors_cannot_inject_workflow_commands() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "\"x\\n::error title=x::toml\" = 1\n[vocabulary]\n\"\\n::error title=x::y\" = 2\n");
    dir.write("a.md", FLAGGED);
    let out = dir.run(&["--format", "github", "a.md"]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert_only_annotations(&stdout(&out), &text);
    assert_only_annotations(&stderr(&out), &text);
}

/// A minimal `.docx` archive with the given `word/document.xml`.
fn docx(xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).expect("zip entry");
    zip.write_all(xml.as_bytes()).expect("zip write");
    zip.finish().expect("zip finish").into_inner()
}

// ---------------------------------------------------------------------------------------------
// Terminal escapes

#[cfg(unix)]
#[test]
fn no_control_character_reaches_a_terminal() {
    let dir = Dir::new();
    let name = "t\u{1b}]0;pwned\u{7}\u{202e}dm.md";
    dir.write(name, format!("\u{1b}[2J\u{9b}31m{FLAGGED}<!-- cm-lint-disable-next-line CM001 -->\nNothing.\n"));
    dir.write("bad\u{1b}[2J.md", b"Caf\xe9: nothing here.\n");
    for args in [
        &["--format", "text", "--color", "never", "."][..],
        &["--format", "text", "--color", "always", "."],
        &["--format", "concise", "--verbose", "."],
        &["--diff", "."],
        &["--format", "concise", "--report-unused-disables", "."],
        &["--format", "json", "--exclude", "nothing", "--verbose", "."],
    ] {
        let out = dir.run(args);
        let text = transcript(&out);
        assert!(stdout(&out).contains("coaches"), "{args:?}: {text}");
        // Colour is ours: only `ESC [ … m` sequences, with `--color always`.
        let plain = strip_colour(&stdout(&out));
        assert_no_controls(&plain, &text);
        assert_no_controls(&stderr(&out), &text);
    }
}

/// `s` without SGR colour sequences (`ESC [ digits;… m`).
fn strip_colour(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let end = tail.find(|c: char| !c.is_ascii_digit() && c != ';').unwrap_or(tail.len());
        if tail[end..].starts_with('m') {
            rest = &tail[end + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_caret_stays_under_the_word_after_a_control_character() {
    let dir = Dir::new();
    dir.write("a.md", format!("\u{1b}[31m\u{85}x\u{202e} {FLAGGED}"));
    let out = dir.run(&["--format", "text", "a.md"]);
    let text = transcript(&out);
    let report = stdout(&out);
    let lines: Vec<&str> = report.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("1 | ")).expect("the source line");
    let (line, carets) = (lines[source], lines[source + 1]);
    let column = |s: &str, what: &str| s.find(what).map(|at| s[..at].chars().count());
    assert_eq!(column(line, "coaches"), column(carets, "-------"), "{text}");
    assert_eq!(carets.trim_end().chars().filter(|&c| c == '-').count(), "coaches".len(), "{text}");
}

// ---------------------------------------------------------------------------------------------
// JUnit and SARIF

#[cfg(unix)]
#[test]
fn junit_is_well_formed_xml_whatever_the_names_and_text() {
    let dir = Dir::new();
    dir.write("a\u{fffe}\u{1}b.md", format!("\u{ffff}\u{1b}{FLAGGED}Your coach\u{ffff}/mentor will call.\n"));
    dir.write("c\u{ffff}.md", "Nothing to see.\n");
    let out = dir.run(&["--format", "junit", "."]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let xml = stdout(&out);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut failures = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == b"failure" => failures += 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.unescape().expect("text unescapes");
            }
            Ok(_) => {}
            Err(err) => panic!("ill-formed XML at {}: {err}\n{xml}", reader.buffer_position()),
        }
    }
    assert!(failures >= 1, "{xml}");
    for bad in ['\u{fffe}', '\u{ffff}', '\u{1}', '\u{1b}'] {
        assert!(!xml.contains(bad), "{bad:?} in the report:\n{xml}");
    }
}

#[cfg(unix)]
#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = Dir::new();
    dir.write("sub dir/a b#c?d%e😀:f.md", FLAGGED);
    let out = dir.run(&["--format", "sarif", "sub dir"]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let result = &log["runs"][0]["results"][0];
    let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "sub%20dir/a%20b%23c%3Fd%25e%F0%9F%98%80%3Af.md", "{text}");
    assert_eq!(result["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"], *uri);
}

// ---------------------------------------------------------------------------------------------
// --output and symbolic links

#[cfg(unix)]
fn outside_and_repo() -> (Dir, std::path::PathBuf) {
    let dir = Dir::new();
    dir.write("repo/a.md", FLAGGED);
    std::fs::create_dir_all(dir.path().join("outside")).expect("outside folder");
    let repo = dir.path().join("repo");
    (dir, repo)
}

#[cfg(unix)]
fn run_in(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cm-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run cm-lint")
}

#[cfg(unix)]
#[test]
fn output_refuses_to_write_through_a_symbolic_link() {
    let (dir, repo) = outside_and_repo();
    let victim = dir.write("outside/victim.txt", "precious\n");
    std::os::unix::fs::symlink("../outside/victim.txt", repo.join("cm-lint.sarif")).expect("link");
    std::os::unix::fs::symlink("../outside/new.txt", repo.join("dangling.sarif")).expect("link");
    for name in ["cm-lint.sarif", "dangling.sarif"] {
        let out = run_in(&repo, &["--format", "sarif", "--output", name, "--fail-on", "never", "."]);
        let text = transcript(&out);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(stderr(&out).contains(name) && stderr(&out).contains("symbolic link"), "{text}");
        assert!(std::fs::symlink_metadata(repo.join(name)).expect("still there").file_type().is_symlink());
    }
    assert_eq!(std::fs::read_to_string(victim).expect("victim"), "precious\n");
    assert!(!dir.path().join("outside/new.txt").exists(), "a file was created outside the tree");
}

#[cfg(unix)]
#[test]
fn output_replaces_a_regular_file_and_creates_a_readable_one() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, repo) = outside_and_repo();
    std::fs::write(repo.join("old.sarif"), "old").expect("write");
    for name in ["old.sarif", "new.sarif"] {
        let out = run_in(&repo, &["--format", "sarif", "--output", name, "--fail-on", "never", "."]);
        assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
        let written = std::fs::read_to_string(repo.join(name)).expect("written");
        assert!(written.contains("\"version\": \"2.1.0\""), "{written}");
        let mode = std::fs::metadata(repo.join(name)).expect("metadata").permissions().mode();
        assert_ne!(mode & 0o044, 0, "the report is readable by others as a plain write would make it: {mode:o}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&repo).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(leftovers.len(), 3, "no temporary file is left behind: {leftovers:?}");
}

// ---------------------------------------------------------------------------------------------
// --fix and symbolic links, owners, hard links

#[cfg(unix)]
#[test]
fn fix_does_not_follow_a_linked_folder_out_of_the_tree() {
    let (dir, repo) = outside_and_repo();
    let target = dir.write("outside/docs/page.md", FLAGGED);
    std::os::unix::fs::symlink("../outside/docs", repo.join("docs")).expect("link");
    let out = run_in(&repo, &["--fix", "--unsafe-fixes", "--format", "concise", "docs"]);
    let text = transcript(&out);
    assert_eq!(std::fs::read_to_string(&target).expect("target"), FLAGGED, "written through the link: {text}");
    assert_eq!(out.status.code(), Some(1), "the finding stays: {text}");
    assert!(stdout(&out).contains("docs/page.md"), "still linted: {text}");
    assert!(stderr(&out).contains("symbolic link"), "{text}");
}

#[cfg(unix)]
#[test]
fn fix_does_not_follow_a_linked_file_named_on_the_command_line() {
    let (dir, repo) = outside_and_repo();
    let target = dir.write("outside/page.md", FLAGGED);
    std::os::unix::fs::symlink("../outside/page.md", repo.join("page.md")).expect("link");
    let out = run_in(&repo, &["--fix", "--unsafe-fixes", "--format", "concise", "page.md", "a.md"]);
    let text = transcript(&out);
    assert_eq!(std::fs::read_to_string(&target).expect("target"), FLAGGED, "{text}");
    assert!(std::fs::symlink_metadata(repo.join("page.md")).expect("link").file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(repo.join("a.md")).expect("a.md"), FIXED, "regular files are fixed: {text}");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(stderr(&out).contains("page.md") && stderr(&out).contains("symbolic link"), "{text}");
}

#[cfg(unix)]
#[test]
fn fix_of_a_walked_tree_leaves_links_alone() {
    let (dir, repo) = outside_and_repo();
    let target = dir.write("outside/page.md", FLAGGED);
    std::fs::create_dir_all(repo.join("docs")).expect("docs");
    std::os::unix::fs::symlink("../../outside/page.md", repo.join("docs/page.md")).expect("link");
    let out = run_in(&repo, &["--fix", "--unsafe-fixes", "--format", "concise", "."]);
    let text = transcript(&out);
    assert_eq!(std::fs::read_to_string(&target).expect("target"), FLAGGED, "{text}");
    assert_eq!(std::fs::read_to_string(repo.join("a.md")).expect("a.md"), FIXED, "{text}");
}

/// A file with another name outside the tree: the fixed file is a new file under the name in
/// the tree; the other name keeps the old text (nothing is written outside the tree).
#[cfg(unix)]
#[test]
fn fix_breaks_a_hard_link_rather_than_write_outside_the_tree() {
    let (dir, repo) = outside_and_repo();
    let outside = dir.write("outside/page.md", FLAGGED);
    std::fs::hard_link(&outside, repo.join("page.md")).expect("hard link");
    let out = run_in(&repo, &["--fix", "--unsafe-fixes", "--format", "concise", "page.md"]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(std::fs::read_to_string(repo.join("page.md")).expect("page"), FIXED, "{text}");
    assert_eq!(std::fs::read_to_string(&outside).expect("outside"), FLAGGED, "{text}");
}

/// Under root, a fixed file keeps its owner, group and mode.
#[cfg(unix)]
#[test]
fn fix_keeps_the_owner_and_the_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = Dir::new();
    let path = dir.write("page.md", FLAGGED);
    if std::fs::metadata(&path).expect("metadata").uid() != 0 {
        eprintln!("skipped: changing a file's owner needs root");
        return;
    }
    const NOBODY: u32 = 65534;
    std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).expect("chown");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "page.md"]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(std::fs::read_to_string(&path).expect("page"), FIXED, "{text}");
    let meta = std::fs::metadata(&path).expect("metadata");
    assert_eq!((meta.uid(), meta.gid()), (NOBODY, NOBODY), "{text}");
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640, "{text}");
}
