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

/// The report's date (`--format html`), fixed as reproducible builds fix theirs.
const SOURCE_DATE_EPOCH: &str = "1709215509";

fn snapshot(format: &str) -> String {
    let dir = tree();
    let out = dir.command(&["--format", format, "docs"]).env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH).output();
    transcript(&out.expect("run cm-lint")).replace('\\', "/")
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

/// The HTML report says when it was made: `SOURCE_DATE_EPOCH` when set to a number of seconds,
/// else the time of the run (a `SOURCE_DATE_EPOCH` that is not a number is not used).
#[test]
fn html_report_is_dated() {
    let dir = tree();
    let date_of = |epoch: Option<&str>| {
        let mut command = dir.command(&["--format", "html", "docs"]);
        match epoch {
            Some(value) => command.env("SOURCE_DATE_EPOCH", value),
            None => command.env_remove("SOURCE_DATE_EPOCH"),
        };
        let out = command.output().expect("run cm-lint");
        assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
        let page = String::from_utf8_lossy(&out.stdout).into_owned();
        let at = page.find("<time datetime=\"").expect("a date") + "<time datetime=\"".len();
        let date = page[at..].split('"').next().unwrap_or_default().to_string();
        assert!(page.contains(&format!(">{date}</time> (UTC)")), "{page}");
        date
    };
    assert_eq!(date_of(Some(SOURCE_DATE_EPOCH)), "2024-02-29T14:05:09Z");
    assert_eq!(date_of(Some("0")), "1970-01-01T00:00:00Z");
    let before = std::time::SystemTime::now();
    let shape = regex::Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").expect("a valid pattern");
    for epoch in [None, Some("not a date"), Some("-5")] {
        let date = date_of(epoch);
        assert!(shape.is_match(&date), "{epoch:?}: {date}");
        // Today, by the clock (a coarse check: this year or later, not the fixed date).
        let years = before.duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs() / 31_557_600;
        let year: u64 = date[..4].parse().expect("a year");
        assert!(year >= 1970 + years, "{epoch:?}: {date}");
    }
}

/// The HTML report quotes the sentence around each finding, over line breaks, and shows an
/// HTML file's sentence as text: no markup from the file reaches the page.
#[test]
fn html_report_quotes_sentences_as_text() {
    let dir = Dir::new();
    dir.write(
        "a.md",
        "# Guide\n\nFirst, a word. Our team\nof coaches give advice drawn from\ntheir own careers. Then more.\n",
    );
    dir.write(
        "b.html",
        "<h2>For mentees</h2>\n<p>Your <a href=\"javascript:alert(1)\">coach</a><script>alert(2)</script> will \
         <b onclick=\"alert(3)\">call</b> &lt;img src=x onerror=alert(4)&gt; soon.</p>\n",
    );
    let out = dir.command(&["--format", "html", "."]).output().expect("run cm-lint");
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
    let page = String::from_utf8_lossy(&out.stdout);
    let sentences: Vec<&str> =
        page.lines().filter_map(|l| l.strip_prefix("<div class=\"sentence\">")?.strip_suffix("</div>")).collect();
    assert_eq!(
        sentences,
        [
            "Our team of <mark>coaches</mark> give advice drawn from their own careers.",
            "Your <mark>coach</mark> will call &lt;img src=x onerror=alert(4)&gt; soon."
        ],
        "{page}"
    );
    for markup in ["<script", "<img", "<b ", "onclick", "javascript:", "alert(2)"] {
        assert!(!page.contains(markup), "{markup} reaches the page: {page}");
    }
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
