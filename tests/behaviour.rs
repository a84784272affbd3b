//! The command line's behaviour: configuration, suppression, standard input, ignore files,
//! fixes, exit codes.

use crate::util::{docx, transcript, Dir};

const FLAGGED: &str = "Our coaches give advice drawn from their own careers.\n";

#[test]
fn gitignored_and_hidden_files_are_skipped() {
    let dir = Dir::new();
    dir.write(".gitignore", "drafts/\n");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir.write("drafts/a.md", FLAGGED);
    dir.write(".hidden/b.md", FLAGGED);
    dir.write("docs/c.md", "We offer coaching and mentoring.\n");
    let out = dir.run(&["--format", "concise", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
}

#[test]
fn include_and_exclude_globs() {
    let dir = Dir::new();
    dir.write("docs/a.md", FLAGGED);
    dir.write("docs/legacy/b.md", FLAGGED);
    dir.write("docs/c.txt", FLAGGED);
    let out = dir.run(&["--format", "concise", "--exclude", "legacy", "--include", "*.md", "docs"]);
    let stdout = String::from_utf8_lossy(&out.stdout).replace('\\', "/");
    assert!(stdout.contains("docs/a.md:1:5"), "{stdout}");
    assert!(!stdout.contains("legacy") && !stdout.contains("c.txt"), "{stdout}");
}

#[test]
fn config_selects_ignores_and_sets_severity() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "ignore = [\"CM001\"]\n\n[severity]\nCM003 = \"info\"\n");
    dir.write("docs/a.md", "Your coach/mentor will call.\n\nOur coaches give advice drawn from their own careers.\n");
    let out = dir.run(&["--format", "json", "docs"]);
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.as_array().map(Vec::len), Some(1));
    assert_eq!(records[0]["severity"], "info");
    // An info finding is below the default --fail-on warning.
    assert_eq!(out.status.code(), Some(0));
    let out = dir.run(&["--fail-on", "info", "--format", "concise", "docs"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_is_found_from_a_subfolder() {
    let dir = Dir::new();
    dir.write(".cm-lint.toml", "select = [\"CM005\"]\n");
    dir.write("docs/sub/a.md", FLAGGED);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cm-lint"))
        .arg(".")
        .current_dir(dir.path().join("docs/sub"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
}

#[test]
fn bad_config_names_file_line_and_key() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "select = [\"CM001\"]\nseverity_levels = 2\n");
    dir.write("a.md", FLAGGED);
    let out = dir.run(&["a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cm-lint.toml:2:1:") && stderr.contains("severity_levels"), "{stderr}");
}

#[test]
fn unknown_rule_in_config_is_an_error() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "ignore = [\"CM009\"]\n");
    dir.write("a.md", FLAGGED);
    let out = dir.run(&["a.md"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(dir.transcript(&out));
}

#[test]
fn per_file_ignores_and_vocabulary() {
    let dir = Dir::new();
    dir.write(
        "cm-lint.toml",
        "[per-file-ignores]\n\"legacy/**\" = [\"CM003\"]\n\n[vocabulary]\nmentoring = [\"Compass\"]\n",
    );
    dir.write("legacy/a.md", FLAGGED);
    dir.write("docs/b.md", "Compass runs for exactly twelve weeks and cannot be extended.\n");
    let out = dir.run(&["--format", "concise", "."]);
    let stdout = String::from_utf8_lossy(&out.stdout).replace('\\', "/");
    assert!(!stdout.contains("legacy/a.md"), "{stdout}");
    assert!(stdout.contains("docs/b.md:1:1: warning CM004"), "{stdout}");
}

#[test]
fn suppression_comments_and_unused_report() {
    let dir = Dir::new();
    dir.write(
        "a.md",
        "<!-- cm-lint-disable-next-line CM003 -->\nOur coaches give advice drawn from their own careers.\n\n<!-- cm-lint-disable CM001 -->\nNothing to see.\n<!-- cm-lint-enable -->\n",
    );
    let out = dir.run(&["--format", "concise", "--report-unused-disables", "a.md"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn reads_standard_input() {
    let dir = Dir::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cm-lint"))
        .args(["--format", "concise", "-", "--stdin-filename", "page.html"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"<p>Your coach&nbsp;/&nbsp;mentor will call.</p>")
        .unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn diff_shows_fixes_without_writing() {
    let dir = Dir::new();
    let path = dir.write("a.txt", FLAGGED);
    let out = dir.run(&["--diff", "a.txt"]);
    insta::assert_snapshot!(transcript(&out));
    assert_eq!(std::fs::read_to_string(path).unwrap(), FLAGGED);
}

#[test]
fn fix_rewrites_keeping_bom_crlf_and_permissions() {
    let dir = Dir::new();
    let path = dir.write("a.txt", "\u{feff}Intro.\r\nOur coaches give advice drawn from their own careers.\r\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{feff}Intro.\r\nOur mentors give advice drawn from their own careers.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }
    // A second run has nothing left to fix.
    let again = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "a.txt"]);
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn fix_leaves_invalid_utf8_alone() {
    let dir = Dir::new();
    let bytes = b"Caf\xe9. Our coaches give advice drawn from their own careers.\n";
    let path = dir.write("a.txt", bytes);
    let out = dir.run(&["--fix", "--unsafe-fixes", "a.txt"]);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8 at byte 3"));
}

#[test]
fn statistics_count_per_rule() {
    let dir = Dir::new();
    dir.write("a.md", "Your coach/mentor will call.\n\nOur coaches give advice drawn from their own careers.\n");
    let out = dir.run(&["--statistics", "--format", "concise", "a.md"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn help_reads_well() {
    let dir = Dir::new();
    let out = dir.run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn shards_split_the_files_and_add_up_to_a_full_run() {
    let dir = Dir::new();
    for i in 0..12 {
        dir.write(&format!("docs/page-{i}.md"), FLAGGED);
    }
    let findings = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--format", "concise", "--quiet"];
        args.extend_from_slice(extra);
        args.push("docs");
        let out = dir.run(&args);
        String::from_utf8_lossy(&out.stdout).lines().map(|l| l.replace('\\', "/")).collect()
    };
    let full = findings(&[]);
    assert_eq!(full.len(), 12);
    let mut union = Vec::new();
    for k in 1..=3 {
        let shard = findings(&["--shard", &format!("{k}/3")]);
        assert!(shard.len() < 12, "one shard lints only part of the tree");
        union.extend(shard);
    }
    union.sort();
    let mut full_sorted = full.clone();
    full_sorted.sort();
    assert_eq!(union, full_sorted);
    let bad = dir.run(&["--shard", "4/3", "docs"]);
    assert_eq!(bad.status.code(), Some(2));
}

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn heading(text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

/// The same passage gives the same findings in Markdown, plain text, HTML and Word.
#[test]
fn same_passage_same_findings_in_every_format() {
    let dir = Dir::new();
    let lines = [
        "Our coaching programme",
        "Every new hire gets a coach/mentor in week one.",
        "Coaching here is informal and ongoing.",
        "Mentors never give advice; they only ask questions.",
    ];
    dir.write("p/a.md", format!("## {}\n\n{}\n\n{}\n\n{}\n", lines[0], lines[1], lines[2], lines[3]));
    dir.write("p/b.txt", format!("{}\n\n{}\n\n{}\n\n{}\n", lines[0], lines[1], lines[2], lines[3]));
    dir.write("p/c.html", format!("<h2>{}</h2><p>{}</p><p>{}</p><p>{}</p>", lines[0], lines[1], lines[2], lines[3]));
    dir.write(
        "p/d.docx",
        docx(&format!("{}{}{}{}", heading(lines[0]), para(lines[1]), para(lines[2]), para(lines[3]))),
    );
    let out = dir.run(&["--format", "json", "p"]);
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut by_file: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for r in records.as_array().unwrap() {
        let path = r["path"].as_str().unwrap().replace('\\', "/");
        by_file.entry(path).or_default().push(format!("{} {}", r["code"], r["message"]));
    }
    let findings: Vec<&Vec<String>> = by_file.values().collect();
    assert_eq!(by_file.len(), 4, "{by_file:#?}");
    assert!(findings.windows(2).all(|w| w[0] == w[1]), "{by_file:#?}");
    assert_eq!(findings[0].len(), 3, "{by_file:#?}");
}

#[test]
fn docx_positions_are_paragraph_and_column() {
    let dir = Dir::new();
    dir.write("a.docx", docx(&format!("{}{}", para("Intro."), para("Then your coach/mentor calls."))));
    let out = dir.run(&["--format", "concise", "a.docx"]);
    insta::assert_snapshot!(transcript(&out));
}

#[test]
fn docx_is_never_fixed() {
    let dir = Dir::new();
    let bytes = docx(&para("Our coaches give advice drawn from their own careers."));
    let path = dir.write("a.docx", &bytes);
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "a.docx"]);
    assert_eq!(std::fs::read(path).unwrap(), bytes);
    assert!(String::from_utf8_lossy(&out.stderr).contains("never modified"), "{}", transcript(&out));
}

#[test]
fn bad_docx_is_an_error_for_that_file_and_the_run_goes_on() {
    let dir = Dir::new();
    dir.write("docs/bad.docx", b"PK not really a zip");
    dir.write("docs/broken.docx", docx("<w:p><w:r><w:t>unclosed</w:r></w:p>"));
    dir.write("docs/good.md", FLAGGED);
    let out = dir.run(&["--format", "concise", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    let text = transcript(&out).replace('\\', "/");
    assert!(text.contains("docs/good.md:1:5: warning CM003"), "{text}");
    assert!(text.contains("docs/bad.docx: not a valid .docx"), "{text}");
    assert!(text.contains("docs/broken.docx: broken XML"), "{text}");
}

#[test]
fn odd_inputs_get_clear_messages_and_defined_exit_codes() {
    let dir = Dir::new();
    // UTF-16 with a BOM is decoded.
    let utf16: Vec<u8> = std::iter::once([0xFF, 0xFE])
        .chain("Your coach/mentor will call.\n".encode_utf16().map(u16::to_le_bytes))
        .flatten()
        .collect();
    dir.write("in/utf16.txt", utf16);
    dir.write("in/empty.md", "");
    dir.write("in/cr-only.txt", "Intro.\rYour coach/mentor will call.\r");
    dir.write("in/binary.md", b"\x00\x01\x02coach/mentor\x00");
    dir.write("in/long-line.md", "word ".repeat(400_000) + "Your coach/mentor will call.");
    let out = dir.run(&["--format", "concise", "--verbose", "in"]);
    let text = transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("in/utf16.txt:1:6: warning CM001"), "{text}");
    assert!(text.contains("in/cr-only.txt:2:6: warning CM001"), "{text}");
    assert!(text.contains("in/long-line.md:1:2000006: warning CM001"), "{text}");
    assert!(text.contains("skipped in/binary.md: binary file"), "{text}");
    assert!(!text.contains("in/empty.md:"), "{text}");
}

/// A file that cannot be read (here `/proc/self/mem`, which refuses reads even to root) is
/// reported; the other files are still linted and the run ends with 2.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_are_reported_and_the_run_goes_on() {
    let dir = Dir::new();
    dir.write("docs/open.md", FLAGGED);
    let out = dir.run(&["--format", "concise", "docs", "/proc/self/mem"]);
    let text = transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("docs/open.md:1:5: warning CM003") && text.contains("/proc/self/mem: cannot read"), "{text}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = Dir::new();
    dir.write("docs/a.md", FLAGGED);
    std::os::unix::fs::symlink(dir.path().join("docs"), dir.path().join("docs/loop")).unwrap();
    let out = dir.run(&["--format", "concise", "docs"]);
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
}

/// Killing a large `--fix` run at any moment leaves every file either as it was or fully fixed,
/// never half-written.
#[test]
fn killing_a_fix_run_never_leaves_a_half_written_file() {
    let dir = Dir::new();
    let original = format!("{}\n{}", "Intro line for padding.\n".repeat(2_000), FLAGGED);
    let fixed = original.replace("Our coaches", "Our mentors");
    for i in 0..300 {
        dir.write(&format!("docs/page-{i:03}.md"), &original);
    }
    for delay_ms in [30, 120] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cm-lint"))
            .args(["--fix", "--unsafe-fixes", "--quiet", "--format", "concise", "docs"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for i in 0..300 {
            let text = std::fs::read_to_string(dir.path().join(format!("docs/page-{i:03}.md"))).unwrap();
            assert!(text == original || text == fixed, "page-{i:03}.md is half-written");
        }
    }
    // No temporary files are left behind in the folder beside the pages.
    let stray: Vec<_> = std::fs::read_dir(dir.path().join("docs"))
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with("page-"))
        .map(|e| e.file_name())
        .collect();
    // SIGKILL cannot be cleaned up after: at most one temporary file per worker thread per kill.
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    assert!(stray.len() <= 2 * workers, "temporary files left: {stray:?}");
}

/// Each file is governed by the nearest configuration in its folder or above, as in ruff and
/// Vale: `cm-lint hrdocs/` run from the parent uses `hrdocs/cm-lint.toml`, whose `exclude`
/// globs are relative to `hrdocs/`; a folder without one above it gets the defaults.
#[test]
fn each_file_takes_the_nearest_configuration_above_it() {
    let dir = Dir::new();
    dir.write("hrdocs/cm-lint.toml", "ignore = [\"CM003\"]\nexclude = [\"drafts/**\"]\n");
    dir.write("hrdocs/guide.md", FLAGGED);
    dir.write("hrdocs/drafts/wip.md", "Your coach/mentor will call.\n");
    dir.write("hrdocs/team/cm-lint.toml", "[severity]\nCM001 = \"error\"\n");
    dir.write("hrdocs/team/page.md", "Your coach/mentor will call.\n");
    dir.write("other/page.md", FLAGGED);
    let out = dir.run(&["--format", "concise", "hrdocs", "other"]);
    let text = dir.transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(!text.contains("guide.md"), "hrdocs/cm-lint.toml ignores CM003: {text}");
    assert!(!text.contains("wip.md"), "hrdocs/cm-lint.toml excludes drafts/: {text}");
    assert!(text.contains("other/page.md:1:5: warning CM003"), "other/ has the defaults: {text}");
    // The nearest file wins whole: hrdocs/team/ does not inherit hrdocs/'s settings.
    let json = dir.run(&["--format", "json", "hrdocs/team"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report[0]["code"], "CM001", "{report}");
    assert_eq!(report[0]["severity"], "error", "{report}");
}

/// A configuration below the working directory that cannot be used is an error naming it,
/// and no report is written that could pass for a clean run.
#[test]
fn a_broken_configuration_in_a_subfolder_stops_the_run() {
    let dir = Dir::new();
    dir.write("a.md", FLAGGED);
    dir.write("hr/cm-lint.toml", "select = [\"CM042\"]\n");
    dir.write("hr/b.md", FLAGGED);
    let out = dir.run(&["--format", "json", "."]);
    let text = dir.transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("hr/cm-lint.toml:1:11: unknown rule 'CM042'"), "{text}");
    assert!(out.stdout.is_empty(), "{text}");
}

/// A team says once that a trait is its design (`[allow] mentoring = ["duration"]`): that trait
/// of that practice is not reported; the practice's other traits, and the other practice's, are.
/// A finding that can be allowed says how, and `explain` shows the table.
#[test]
fn a_trait_allowed_once_in_the_configuration_is_not_reported() {
    let dir = Dir::new();
    let page = "Our mentoring programme runs for a fixed twelve weeks.\n\n\
        Mentors ask open questions and never give advice.\n\n\
        Our coaching engagement runs for a fixed twelve weeks.\n";
    dir.write("page.md", page);
    let before = dir.run(&["--format", "json", "page.md"]);
    let report: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    let duration = report.as_array().unwrap().iter().find(|f| f["message"].as_str().unwrap().contains("(duration)"));
    let duration = duration.unwrap_or_else(|| panic!("a CM004 on the duration: {report}"));
    assert_eq!(duration["allow"], "[allow] mentoring = [\"duration\"]", "{report}");
    let method = report.as_array().unwrap().iter().filter(|f| f["message"].as_str().unwrap().contains("(method)"));
    assert_eq!(method.count(), 1, "{report}");

    dir.write("cm-lint.toml", "[allow]\nmentoring = [\"duration\"]\n");
    let after = dir.run(&["--format", "json", "page.md"]);
    let report: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let messages: Vec<&str> = report.as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(!messages.iter().any(|m| m.contains("(duration)")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("(method)")), "the other traits stay: {messages:?}");

    let text = dir.run(&["page.md", "--isolated"]);
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("say so once in cm-lint.toml: [allow] mentoring = [\"duration\"]"),
        "{}",
        dir.transcript(&text)
    );
    let explain = dir.run(&["explain", "CM004"]);
    let explain = String::from_utf8_lossy(&explain.stdout);
    assert!(explain.contains("## Your own design") && explain.contains("mentoring = [\"duration\"]"), "{explain}");
}

/// `-v` says what was left out and why: an excluded folder, a file of no supported format,
/// and what `.gitignore` or hiding kept from the walk (a folder named once, not its files).
#[test]
fn verbose_says_what_was_skipped_and_why() {
    let dir = Dir::new();
    dir.write(".ignore", "vendor/\n");
    dir.write("cm-lint.toml", "exclude = [\"drafts\"]\n");
    for page in ["docs/a.md", "docs/vendor/b.md", "docs/.hidden/c.md", "docs/drafts/d.md", "docs/e.png"] {
        dir.write(page, FLAGGED);
    }
    let out = dir.run(&["-v", "--format", "concise", "docs"]);
    let text = dir.transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(1), "{text}");
    for line in [
        "cm-lint: skipped docs/drafts: folder excluded",
        "cm-lint: skipped docs/e.png: not a supported format",
        "cm-lint: skipped docs/vendor: folder hidden or ignored (.gitignore, .ignore)",
        "cm-lint: skipped docs/.hidden: folder hidden or ignored (.gitignore, .ignore)",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert!(!text.contains("d.md") && !text.contains("b.md"), "a skipped folder is named once: {text}");
    let quiet = dir.run(&["--format", "concise", "docs"]);
    assert!(!dir.transcript(&quiet).contains("skipped"), "{}", dir.transcript(&quiet));
}
