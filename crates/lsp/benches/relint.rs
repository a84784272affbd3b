//! Latency of re-linting after a keystroke: a 100 KB Markdown document (built from the bench
//! corpus if it is there, else from the project's fixtures), one character changed, then what
//! the server does for a `didChange`: apply the edit, rebuild the line index, lint, convert.
//! Prints the median and the 90th percentile over 200 keystrokes. Run with
//! `cargo bench -p cm-lsp --bench relint`.

use std::time::Instant;

use cm_linter::{Document, Format, LineIndex, Linter};

/// 100 KB of real handbook pages that mention the practices (the bench corpus beside the
/// project), or, without it, of the project's fixtures (much denser in findings).
fn corpus() -> String {
    let bench = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench-corpus");
    let mut pages: Vec<_> = walk(&bench).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    pages.sort();
    let mut text = String::new();
    for page in pages {
        let page_text = std::fs::read_to_string(page).unwrap_or_default();
        let lower = page_text.to_lowercase();
        if lower.contains("coach") || lower.contains("mentor") {
            text.push_str(&page_text);
            text.push_str("\n\n");
        }
        if text.len() >= 100_000 {
            break;
        }
    }
    if text.len() >= 100_000 {
        return truncate(text);
    }
    dense()
}

fn truncate(mut text: String) -> String {
    text.truncate(text.char_indices().take_while(|(i, _)| *i < 100_000).last().map_or(0, |(i, c)| i + c.len_utf8()));
    text
}

/// 100 KB built from the fixtures: findings in nearly every paragraph.
fn dense() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut text = String::new();
    let mut files: Vec<_> = walk(&root).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    files.sort();
    while text.len() < 100_000 {
        for file in &files {
            text.push_str(&std::fs::read_to_string(file).unwrap_or_default());
            text.push_str("\n\n");
            text.push_str(
                "Our team meets every week to plan the quarter, review incidents and share what went well.\n\n",
            );
        }
        if files.is_empty() {
            text.push_str("Our coaches give advice drawn from their own careers.\n\n");
        }
    }
    truncate(text)
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn main() {
    let dense_only = std::env::args().any(|a| a == "--dense");
    let linter = Linter::default();
    let mut text = if dense_only { dense() } else { corpus() };
    // Warm up: compile the cue tables once, as a running server has.
    let _ = linter.lint(&Document { source: &text, format: Format::Markdown });
    let mut samples = Vec::new();
    for i in 0..200 {
        let at = (i * 4099) % (text.len() - 1);
        let at = (0..=at).rev().find(|&p| text.is_char_boundary(p)).unwrap_or(0);
        let start = Instant::now();
        text.insert(at, if i % 2 == 0 { 'x' } else { ' ' });
        let index = LineIndex::new(&text);
        let output = linter.lint(&Document { source: &text, format: Format::Markdown });
        let mut positions = 0u64;
        for d in &output.diagnostics {
            positions += u64::from(index.line_col(d.span.start()).line);
        }
        samples.push(start.elapsed());
        std::hint::black_box(positions);
    }
    samples.sort();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    let kind = if dense_only { "dense fixture" } else { "handbook" };
    println!(
        "re-lint of a {} byte {kind} Markdown document after one keystroke: median {:.2} ms, p90 {:.2} ms",
        text.len(),
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3
    );
}
