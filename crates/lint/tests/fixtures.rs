//! Snapshot tests over `fixtures/`: every rule's flagged and clean documents in Markdown, plain
//! text and HTML. A flagged file fires its folder's rule and nothing else; a clean file fires
//! nothing; each suggested fix, once applied, removes the finding it was made for.

use std::path::Path;

use cm_linter::{lint, Diagnostic, Document, Format, LineIndex};

fn format_of(path: &Path) -> Format {
    path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).unwrap_or(Format::PlainText)
}

/// Renders findings as a person reviews them: code, position, message, the source line with
/// carets under the word, and the fix.
fn render(source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let start = index.line_col(d.span.start());
        let pos = index.one_based(d.span.start());
        let line_text = source.lines().nth(start.line as usize).unwrap_or("").trim_end_matches('\r');
        let line_text = line_text.strip_prefix('\u{feff}').unwrap_or(line_text);
        let bom = if start.line == 0 && source.starts_with('\u{feff}') { 3 } else { 0 };
        let col = (start.col as usize).saturating_sub(bom).min(line_text.len());
        let prefix_width = line_text[..col].chars().count();
        let width = source[d.span.range()].chars().count().max(1);
        out.push_str(&format!("{} {} at {}:{}\n", d.rule.code, d.rule.name, pos.line, pos.column));
        out.push_str(&format!("  {}\n", d.message));
        out.push_str(&format!("  | {line_text}\n"));
        out.push_str(&format!("  | {}{}\n", " ".repeat(prefix_width), "^".repeat(width)));
        if let Some(related) = d.related {
            out.push_str(&format!("  related: {:?}\n", &source[related.range()]));
        }
        // The same point made again: each place, with its words, so that every fixture line
        // that shows a mechanism stays in the snapshot.
        for r in &d.repeats {
            let at = index.one_based(r.start());
            out.push_str(&format!("  repeat at {}:{}: {:?}\n", at.line, at.column, &source[r.range()]));
        }
        if let Some(fix) = &d.fix {
            out.push_str(&format!("  fix ({}): {}\n", fix.applicability.as_str(), fix.title));
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

fn apply_fixes(source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start()));
    edits.dedup_by_key(|e| e.span);
    let mut out = source.to_string();
    let mut last_start = usize::MAX;
    for edit in edits {
        if edit.span.end() <= last_start {
            out.replace_range(edit.span.range(), &edit.replacement);
            last_start = edit.span.start();
        }
    }
    out
}

/// Lints one rule document and checks it: a clean file fires nothing; a flagged file fires its
/// folder's rule and nothing else, and its fixes remove the findings they were made for.
/// Returns the rendering for the snapshot.
fn check_rule_document(path: &std::path::Path) -> String {
    let source = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
    let diagnostics = lint(&Document { source: &source, format: format_of(path) });
    let folder = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
    let code = &folder[..5];
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if name.starts_with("clean") {
        assert!(diagnostics.is_empty(), "{folder}/{name} must lint clean:\n{}", render(&source, &diagnostics));
    } else {
        assert!(!diagnostics.is_empty(), "{folder}/{name} must fire {code}");
        for d in &diagnostics {
            assert_eq!(d.rule.code, code, "{folder}/{name} fires only {code}:\n{}", render(&source, &diagnostics));
        }
        let fixed = apply_fixes(&source, &diagnostics);
        if fixed != source {
            let after = lint(&Document { source: &fixed, format: format_of(path) });
            let after_count = after.iter().filter(|d| d.rule.code == code).count();
            assert!(
                after_count < diagnostics.len(),
                "fixes in {folder}/{name} must remove the findings they were made for:\n{}",
                render(&fixed, &after)
            );
        }
    }
    render(&source, &diagnostics)
}

#[test]
fn rule_fixtures() {
    insta::glob!("../../../fixtures", "CM*/{flagged,clean}.{md,txt,html}", |path| {
        insta::assert_snapshot!(check_rule_document(path));
    });
}

/// The independent set (`fixtures/independent/`): documents written apart from the rule
/// fixtures and kept as a held-out check, under the same checks and snapshots.
#[test]
fn independent_fixtures() {
    insta::glob!("../../../fixtures", "independent/CM*/{flagged,clean}.{md,txt,html}", |path| {
        insta::assert_snapshot!(check_rule_document(path));
    });
}

#[test]
fn edge_case_fixtures() {
    insta::glob!("../../../fixtures", "edge-cases/*.{md,mdx,txt,html}", |path| {
        let source = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
        let diagnostics = lint(&Document { source: &source, format: format_of(path) });
        insta::assert_snapshot!(render(&source, &diagnostics));
    });
}

/// Every line `EXPECT.md` names in a flagged file ("- CM004 line 268, ...") is where that
/// rule reports a finding, first or as a repeat, and every line it explains in a clean file
/// ("(line 281: ...") holds prose: the notes that say which fixture line shows which mechanism
/// stay true as the files grow.
#[test]
fn expectations_name_the_lines_that_fire() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut checked = 0;
    let mut failures = Vec::new();
    let dirs = [root.clone(), root.join("independent")].into_iter().flat_map(|r| {
        std::fs::read_dir(r).expect("fixtures/ is readable").map(|e| e.expect("a fixtures/ entry").path())
    });
    for dir in dirs {
        let Ok(expect) = std::fs::read_to_string(dir.join("EXPECT.md")) else { continue };
        let folder = dir.strip_prefix(&root).unwrap_or(&dir).display().to_string();
        for section in expect.split("\n## ").skip(1) {
            let (name, body) = section.split_once('\n').unwrap_or((section, ""));
            let path = dir.join(name.trim());
            let Ok(source) = std::fs::read_to_string(&path) else { continue };
            let diagnostics = lint(&Document { source: &source, format: format_of(&path) });
            let index = &LineIndex::new(&source);
            let lines: Vec<(u32, &str)> = diagnostics
                .iter()
                .flat_map(|d| {
                    std::iter::once(d.span)
                        .chain(d.repeats.iter().copied())
                        .map(move |s| (index.one_based(s.start()).line, d.rule.code))
                })
                .collect();
            for item in body.lines().filter_map(|l| l.strip_prefix("- ")) {
                // "- CM004 line 268, ...": that rule fires on that line.
                let named = item.split_once(" line ").and_then(|(code, rest)| {
                    let n = rest.split(|c: char| !c.is_ascii_digit()).next()?.parse::<u32>().ok()?;
                    code.starts_with("CM").then_some((code.to_string(), n))
                });
                if let Some((code, n)) = named {
                    checked += 1;
                    if !lines.iter().any(|&(l, c)| l == n && c == code) {
                        failures.push(format!("{folder}/{name}: no {code} on line {n}"));
                    }
                }
                // "- (line 281: ...)" in a clean file (which fires nothing, as `rule_fixtures`
                // checks): the line it explains is there and holds prose.
                if name.starts_with("clean") {
                    for part in item.split("(line ").skip(1) {
                        let Some(n) =
                            part.split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse::<usize>().ok())
                        else {
                            continue;
                        };
                        checked += 1;
                        let text = source.lines().nth(n.saturating_sub(1)).unwrap_or("").trim();
                        if text.is_empty() || text.starts_with('#') {
                            failures
                                .push(format!("{folder}/{name}: line {n}, which EXPECT.md explains, holds no prose"));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 100, "EXPECT.md files name only {checked} lines; the parser of them is broken");
    assert!(failures.is_empty(), "EXPECT.md and the findings disagree:\n{}", failures.join("\n"));
}
