//! The command line: outputs, exit codes, subcommands.

use serde::Deserialize;

use crate::util::{transcript, Dir};

/// The `--format json` record, parsed strictly so that schema drift fails loudly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Record {
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
    code: String,
    rule: String,
    severity: String,
    message: String,
    note: Option<String>,
    related: Option<Position>,
    chain: Option<Chain>,
    repeats: Vec<Position>,
    allow: Option<String>,
    fix: Option<Fix>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Chain {
    phrase: Position,
    word: Position,
    how: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Position {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Fix {
    title: String,
    applicability: Applicability,
    edits: Vec<Edit>,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Edit {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: usize,
    byte_end: usize,
    replacement: String,
}

#[test]
fn clean_tree_exits_zero() {
    let dir = Dir::new();
    dir.write("docs/ok.md", "We offer coaching and mentoring.\n");
    let out = dir.run(&["docs"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
}

#[test]
fn findings_exit_one_with_json_records() {
    let dir = Dir::new();
    dir.write("docs/a.md", "# Onboarding\n\nYour coach/mentor will call you.\n");
    dir.write("docs/b.txt", "Our coaches give advice drawn from their own careers.\n");
    dir.write("docs/skip.rs", "// coach/mentor\n");
    let out = dir.run(&["--format", "json", "docs"]);
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
    let records: Vec<Record> = serde_json::from_slice(&out.stdout).expect("JSON array of records");
    let summary: Vec<(String, u32, u32, String)> =
        records.iter().map(|r| (r.path.replace('\\', "/"), r.line, r.column, r.code.clone())).collect();
    assert_eq!(
        summary,
        vec![
            ("docs/a.md".to_string(), 3, 6, "CM001".to_string()),
            ("docs/b.txt".to_string(), 1, 5, "CM003".to_string()),
        ]
    );
    let fix = records[1].fix.as_ref().expect("CM003 suggests a swap");
    assert_eq!(fix.edits[0].replacement, "mentors");
    assert_eq!(fix.applicability, Applicability::Unsafe, "a word swap may change the meaning (#14)");
}

#[test]
fn columns_count_characters_after_a_bom_and_emoji() {
    let dir = Dir::new();
    dir.write("a.txt", "\u{feff}😀 日本 — your coach/mentor\r\nnext line\r\n");
    let out = dir.run(&["--format", "json", "a.txt"]);
    let records: Vec<Record> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!((records[0].line, records[0].column, records[0].end_column), (1, 13, 18));
}

#[test]
fn missing_path_exits_two() {
    let dir = Dir::new();
    let out = dir.run(&["no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(transcript(&out).replace(dir.path().to_str().unwrap_or(""), "<tmp>"));
}

#[test]
fn bad_flag_exits_two() {
    let dir = Dir::new();
    let out = dir.run(&["--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn invalid_utf8_is_linted_lossily() {
    let dir = Dir::new();
    dir.write("bad.md", b"Caf\xe9 time: your coach/mentor will call.\n");
    let out = dir.run(&["--format", "json", "bad.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
}

#[test]
fn explain_prints_the_rule_doc() {
    let dir = Dir::new();
    let out = dir.run(&["explain", "CM003"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# CM003 coaching-described-as-mentoring"), "{text}");
    assert!(text.contains("## Use instead"));
    assert!(text.contains("## The article's definitions") && text.contains("the client sets the agenda"), "{text}");
}

#[test]
fn explain_unknown_rule_exits_two() {
    let dir = Dir::new();
    let out = dir.run(&["explain", "CM999"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule() {
    let dir = Dir::new();
    let out = dir.run(&["rules"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn example_folder_has_findings() {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/handbook");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cm-lint"))
        .args(["--format", "json"])
        .arg(&examples)
        .output()
        .expect("run cm-lint");
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<Record> = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut codes: Vec<&str> = records.iter().map(|r| r.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes, ["CM001", "CM002", "CM003", "CM004", "CM005"]);
}

/// GitHub attaches an annotation to the diff, and code scanning a SARIF result to the file,
/// only by the repository's name for it: `cm-lint .` must not report `./a.md` (#14).
#[test]
fn annotations_and_sarif_name_files_without_a_leading_dot() {
    let dir = Dir::new();
    dir.write("docs/a.md", "Our coaches give advice drawn from their own careers.\n");
    for root in [".", "./docs", "././docs"] {
        let github = dir.run(&["--format", "github", root]);
        let text = String::from_utf8_lossy(&github.stdout).into_owned();
        assert!(text.contains("::warning file=docs/a.md,line=1,"), "{root}: {text}");
        assert!(!text.contains("file=./"), "{root}: {text}");
        let sarif = dir.run(&["--format", "sarif", root]);
        let report: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
        let uri = &report["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, "docs/a.md", "{root}");
    }
}
