//! Micro-benchmarks of the engine (divan): throughput of linting a document dense with the
//! practice words, of the first look at a document that never names them, and of prose
//! extraction. Run with `cargo bench -p cm-linter --bench engine`; `bench/run.sh` runs the
//! whole-program benchmarks beside ripgrep.

use cm_linter::{prose, Config, Document, Format, Linter};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// About 1 MB of the project's fixtures: a finding in nearly every paragraph.
fn dense() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut pages = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("EXPECT.md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    let one: String = pages.iter().map(|p| std::fs::read_to_string(p).unwrap_or_default() + "\n\n").collect();
    one.repeat((1_000_000 / one.len().max(1)).max(1))
}

/// About 1 MB of prose that never names either practice.
fn plain() -> String {
    "## Travel policy\n\nBook trains at least two weeks ahead and keep every receipt; the finance team \
     reimburses within ten working days. Managers approve trips over five hundred euros.\n\n"
        .repeat(5_500)
}

#[divan::bench]
fn lint_dense_markdown(bencher: Bencher) {
    let text = dense();
    let linter = Linter::new(Config::default());
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| linter.lint(&Document { source: black_box(&text), format: Format::Markdown }));
}

#[divan::bench]
fn lint_markdown_without_the_words(bencher: Bencher) {
    let text = plain();
    let linter = Linter::new(Config::default());
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| linter.lint(&Document { source: black_box(&text), format: Format::Markdown }));
}

#[divan::bench]
fn extract_markdown_prose(bencher: Bencher) {
    let text = dense();
    bencher.counter(BytesCount::of_str(&text)).bench(|| prose::extract(black_box(&text), Format::Markdown));
}
