//! Every output format over one small tree, as snapshots; the SARIF log is validated.

use crate::util::{transcript, Dir};

fn tree() -> Dir {
    let dir = Dir::new();
    dir.write(".gitignore", "ignored/\n");
    dir.write("docs/onboarding.md", "# Onboarding\n\nYour coach/mentor will call you & check in.\n\nOur coaches give advice drawn from their own careers.\n");
    dir.write("docs/policy.txt", "Mentoring runs for exactly twelve weeks and cannot be extended.\n");
    dir.write("docs/page.html", "<h2>For mentees</h2>\n<p>Your coach will call you in week one.</p>\n");
    dir.write("docs/clean.md", "We offer coaching and mentoring.\n");
    dir.write("ignored/bad.md", "Your coach/mentor will call.\n");
    dir
}

fn snapshot(format: &str) -> String {
    let dir = tree();
    let out = dir.run(&["--format", format, "docs"]);
    transcript(&out).replace('\\', "/")
}

#[test]
fn text() {
    insta::assert_snapshot!(snapshot("text"));
}

#[test]
fn concise() {
    insta::assert_snapshot!(snapshot("concise"));
}

#[test]
fn json() {
    insta::assert_snapshot!(snapshot("json"));
}

#[test]
fn github() {
    insta::assert_snapshot!(snapshot("github"));
}

#[test]
fn junit() {
    insta::assert_snapshot!(snapshot("junit"));
}

#[test]
fn html() {
    insta::assert_snapshot!(snapshot("html"));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(snapshot("sarif"));
}

/// Validates the SARIF log with Microsoft's SARIF Multitool where it is installed (`.ci/run`
/// installs it and sets `SARIF_MULTITOOL`); under CI it must be there.
#[test]
#[ignore = "needs Microsoft's SARIF Multitool (SARIF_MULTITOOL); the full tier runs it"]
fn sarif_validates() {
    let tool = std::env::var_os("SARIF_MULTITOOL");
    let Some(tool) = tool.filter(|t| std::path::Path::new(t).exists()) else {
        assert!(!crate::util::require_all(), "CM_LINT_REQUIRE_ALL=1 but SARIF_MULTITOOL does not name sarif-multitool");
        eprintln!("SKIPPED sarif_validates: SARIF_MULTITOOL not set");
        return;
    };
    let dir = tree();
    let out = dir.run(&["--format", "sarif", "--output", "out.sarif", "docs"]);
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
    let validate = std::process::Command::new(tool)
        .args(["validate", "out.sarif", "-o", "validation.sarif"])
        .current_dir(dir.path())
        .output()
        .expect("run sarif-multitool");
    let report = std::fs::read_to_string(dir.path().join("validation.sarif")).unwrap_or_default();
    let log: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
    let errors: Vec<&serde_json::Value> = log["runs"][0]["results"]
        .as_array()
        .map(|r| r.iter().filter(|x| x["level"] == "error").collect())
        .unwrap_or_default();
    assert!(
        validate.status.success() && errors.is_empty(),
        "SARIF validation failed: {}\n{}\n{errors:#?}",
        String::from_utf8_lossy(&validate.stdout),
        String::from_utf8_lossy(&validate.stderr)
    );
}
