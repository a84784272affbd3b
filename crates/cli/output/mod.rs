//! Output formats. Each format owns its record types; engine types are not serialised directly.
//! Order is fixed: path, then span start, then code.

mod concise;
mod github;
mod html;
mod json;
mod junit;
mod sarif;
mod text;

use std::io::Write;

use cm_linter::Diagnostic;

use crate::args::OutputFormat;

/// One linted file with its findings.
pub(crate) struct FileResult {
    pub path: String,
    /// The file's text, or only the lines its findings need (see `moved`).
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// When `source` keeps only some lines: for each kept line, where it starts in `source`
    /// and where it started in the file. Empty when `source` is the whole file.
    pub moved: Vec<(usize, usize)>,
}

impl FileResult {
    /// The byte offset in the file of an offset into `source`.
    pub fn file_offset(&self, offset: usize) -> usize {
        let at = self.moved.partition_point(|&(new, _)| new <= offset);
        match at.checked_sub(1).map(|i| self.moved[i]) {
            Some((new, old)) => old + (offset - new),
            None => offset,
        }
    }
}

/// A file that could not be linted (unreadable, a broken `.docx`, an internal error). Every
/// format's stream of messages names it; the GitHub, SARIF and JUnit reports record it too.
pub(crate) struct Failure {
    pub path: String,
    pub message: String,
}

/// Writes all results in the chosen format.
pub(crate) fn write(
    out: &mut dyn Write,
    format: OutputFormat,
    results: &[FileResult],
    failures: &[Failure],
    color: bool,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Text => text::write(out, results, color),
        OutputFormat::Concise => concise::write(out, results),
        OutputFormat::Json => json::write(out, results),
        OutputFormat::Html => html::write(out, results),
        OutputFormat::Github => github::write(out, results, failures),
        OutputFormat::Sarif => sarif::write(out, results, failures),
        OutputFormat::Junit => junit::write(out, results, failures),
    }
}

/// Whether a format is for people reading a terminal (and so gets the summary on stdout).
pub(crate) fn is_for_people(format: OutputFormat) -> bool {
    matches!(format, OutputFormat::Text | OutputFormat::Concise)
}

/// A path with its leading `./` components dropped: `./docs/a.md` (from `cm-lint ./docs` or
/// `cm-lint .`) is `docs/a.md`, as the repository names it. GitHub attaches an annotation to
/// the diff, and code scanning a SARIF result to the file, only by that name. Nothing else
/// changes: `../x`, `.x/a.md` and a `./` later in the path stay as they are.
pub(crate) fn without_leading_dot(path: &str) -> &str {
    let mut rest = path;
    while let Some(tail) = rest.strip_prefix("./").or_else(|| rest.strip_prefix(".\\")) {
        rest = tail.trim_start_matches(['/', '\\']);
    }
    rest
}

/// Where a finding's point is made again, for formats that show one place a line: "the same
/// point again on lines 12, 40" (at most five lines named, then how many more).
pub(super) fn repeats_note(index: &cm_linter::LineIndex, d: &cm_linter::Diagnostic) -> Option<String> {
    const NAMED: usize = 5;
    if d.repeats.is_empty() {
        return None;
    }
    let mut lines: Vec<String> =
        d.repeats.iter().take(NAMED).map(|r| index.one_based(r.start()).line.to_string()).collect();
    if d.repeats.len() > NAMED {
        lines.push(format!("{} more", d.repeats.len() - NAMED));
    }
    let s = if d.repeats.len() == 1 { "" } else { "s" };
    Some(format!("the same point again on line{s} {}", lines.join(", ")))
}

#[cfg(test)]
mod tests {
    /// Every rule's link (in the HTML report, SARIF and the editor) names a page that is in
    /// the repository.
    #[test]
    fn rule_doc_urls_name_the_rules_pages() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for rule in cm_linter::RULES {
            let url = rule.doc_url();
            let path = url
                .strip_prefix("https://github.com/cm-lint/cm-lint/blob/main/")
                .unwrap_or_else(|| panic!("{}: {url} is not in the repository", rule.code));
            assert!(root.join(path).is_file(), "{}: {url} names no file", rule.code);
            let doc = std::fs::read_to_string(root.join(path)).expect("the rule's page");
            assert!(doc.starts_with(&format!("# {} {}", rule.code, rule.name)), "{}: {url} is another page", rule.code);
        }
    }
}
