//! A long Markdown document is parsed only in and around the sections that use a practice word.
//! That must never change a finding: every Markdown file of the fixtures and of the bench corpus
//! (`../shared/bench-corpus`) is linted both ways here, and so are documents built to break the
//! section cutter (headings in code, HTML, front matter; links defined in another section).

use std::path::{Path, PathBuf};

use cm_linter::{Config, Document, Format, Linter};

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
            out.push(path);
        }
    }
}

fn assert_same(source: &str, what: &str) {
    let sectioned = Linter::new(Config::default());
    let everything = Linter::new(Config::default()).reading_everything();
    let document = Document { source, format: Format::Markdown };
    let fast = sectioned.lint(&document).diagnostics;
    let full = everything.lint(&document).diagnostics;
    assert_eq!(fast, full, "{what}: findings differ when only some sections are parsed");
}

#[test]
fn adversarial_documents_give_the_same_findings() {
    let flagged = "Our coaches share their own experience and give advice.";
    let far = "Unrelated paragraph about budgets and travel.\n\n".repeat(5);
    let docs = [
        // A setext title reaches the ATX sections below it (fuzzing: only sections after a
        // practice word or under an ATX heading that names one were read).
        format!("Mentor guidelines\n=================\n\n## Duties\n\n{far}### Closing\n\n{far}- Pairs close the relationship after the tenth session\n"),
        format!("Intro\n\n## Mentoring\n\n{far}Setext two\n----------\n\n### Deeper\n\n{far}#### Deepest\n\n{far}- Pairs close the relationship after the tenth session\n"),
        // A line the cutter takes for HTML hides a heading from it; the heading still reaches
        // the sections below (fuzzing).
        format!("<-- not a tag\n# A ten-week mentoring sprint\n- item\n\n## Log\n\n{far}- Pairs close the relationship after the tenth session\n"),
        // A one-line comment, then a heading that is the topic of a later section (fuzzing).
        format!("<!-- a note -->\n# Our mentoring sprint\n\n## Plan\n\n{far}## Log\n\n- Host: Sam\n- We close the relationship after the tenth session\n"),
        // "---" lines that are not front matter: after a blank line, unclosed, or closed at once
        // (found by fuzzing: the parser's metadata blocks once opened at any "---").
        "\n---\nno coach formal\n#\n---\n".to_string(),
        "\n---\n#\nmentee set\n---\n".to_string(),
        format!("# A\n\n---\nOur mentor sets the agenda.\n# B\n---\n{far}"),
        "---\nOur coach shares war stories.\n# C\n".to_string(),
        "---\n---\n# Mentoring\n\nThe mentee sets the agenda.\n".to_string(),
        format!("# Coaching\n\n{far}## Details\n\n{far}- They give advice\n"),
        format!("# Intro\n\n{far}```\n# Coaching\n```\n\n{far}# Next\n\n{flagged}\n"),
        format!("<div>\n# Mentoring\n</div>\n\n{far}# Coaching\n\n{far}{flagged}\n"),
        format!("---\n# front: matter\n---\n{far}# Mentoring\n\n{far}# Other\n\n{flagged} See [the guide][g].\n\n{far}# Links\n\n[g]: https://example.com/coach\n"),
        format!("# A\n\n{far}# Mentoring\n\n**What coaches won't do:**\n\n{far}- give advice\n\n# C\n\n{far}"),
        format!("Intro.\n\n| Practice | Length |\n|---|---|\n| Coaching | 12 weeks |\n\n{far}# B\n\n{far}"),
        format!("# Coaching\r\n\r\n{far}### Deep\r\n\r\nThey share their experience.\r\n\r\n## Side\r\n\r\n{far}"),
        format!("<!--\n# hidden\n-->\n\n# Mentors\n\n{far}Your mentor is Dana Reyes.\n\n# Coaches\n\n{far}Dana, your coach, will call.\n"),
        // An empty heading ends the sections before it for the reader as for the cutter
        // (fuzzing, a ten-minute run): "#", "#" before a "\r" alone, and "# #".
        format!("## Coaching\n\nCoaching is open to all.\n\n{far}#\n\n{far}- Meet informally, whenever it suits you both\n- No end date\n"),
        format!("## Coaching\n\nCoaching is open to all.\n\n{far}#\rtext\n\n{far}- Meet informally, whenever it suits you both\n"),
        format!("## Coaching\n\nCoaching is open to all.\n\n{far}# #\n\n{far}- Meet informally, whenever it suits you both\n"),
    ];
    for (i, doc) in docs.iter().enumerate() {
        assert_same(doc, &format!("document {i}"));
    }
}

/// Lints every document under `dir` that names a practice both ways; returns how many.
fn compare_tree(dir: &std::path::Path) -> usize {
    let mut files = Vec::new();
    markdown_files(dir, &mut files);
    let mut compared = 0;
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let source = String::from_utf8_lossy(&bytes);
        let lower = source.to_lowercase();
        if !(lower.contains("coach") || lower.contains("mentor") || lower.contains("mentee")) {
            continue;
        }
        assert_same(&source, &path.display().to_string());
        compared += 1;
    }
    compared
}

#[test]
fn fixtures_give_the_same_findings() {
    let compared = compare_tree(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"));
    assert!(compared >= 20, "only {compared} documents compared");
}

#[test]
#[ignore = "needs ../shared/bench-corpus (third-party text); the full tier runs it"]
fn bench_corpus_gives_the_same_findings() {
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench-corpus");
    if !bench.is_dir() {
        assert!(
            std::env::var_os("CM_LINT_REQUIRE_ALL").is_none_or(|v| v != "1"),
            "CM_LINT_REQUIRE_ALL=1 but the bench corpus is missing at {}",
            bench.display()
        );
        eprintln!("SKIPPED bench_corpus_gives_the_same_findings: no {}", bench.display());
        return;
    }
    let compared = compare_tree(&bench);
    assert!(compared >= 500, "only {compared} documents compared");
}
