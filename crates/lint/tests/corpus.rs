//! Accuracy on the labelled development corpus (`../shared/corpus/labeled.jsonl`), computed the
//! way `../shared/tools/score` computes it. The floors below only ever go up: a change that loses
//! accuracy fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use cm_linter::{lint, Document, Format};

/// Minimum (precision, recall) per rule, and overall.
const FLOORS: &[(&str, f64, f64)] = &[
    ("CM001", 0.97, 0.97),
    ("CM002", 0.97, 0.97),
    ("CM003", 0.97, 0.97),
    ("CM004", 0.97, 0.97),
    ("CM005", 0.97, 0.97),
    ("overall", 0.99, 0.99),
];

fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/labeled.jsonl")
}

#[derive(Default, Debug)]
struct Tally {
    hits: usize,
    false_positives: usize,
    expected: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        let found = self.hits + self.false_positives;
        if found == 0 {
            1.0
        } else {
            self.hits as f64 / found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.hits as f64 / self.expected as f64
        }
    }
}

fn codes(value: &serde_json::Value, key: &str) -> BTreeSet<String> {
    value[key].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default()
}

#[test]
fn corpus_accuracy_stays_above_the_floor() {
    let path = corpus_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(std::env::var_os("CI").is_none(), "labelled corpus missing at {}", path.display());
        eprintln!("skipping: no labelled corpus at {}", path.display());
        return;
    };
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let format = match record["format"].as_str() {
            Some("txt") => Format::PlainText,
            Some("html") => Format::Html,
            _ => Format::Markdown,
        };
        let source = record["text"].as_str().unwrap_or_default();
        let found: BTreeSet<String> =
            lint(&Document { source, format }).iter().map(|d| d.rule.code.to_string()).collect();
        let expect = codes(&record, "expect");
        let maybe = codes(&record, "maybe");
        for code in &expect {
            let tally = tallies.entry(code.clone()).or_default();
            tally.expected += 1;
            if found.contains(code) {
                tally.hits += 1;
            } else {
                misses.push(format!("{} miss {code}", record["id"]));
            }
        }
        for code in found.iter().filter(|c| !expect.contains(*c) && !maybe.contains(*c)) {
            tallies.entry(code.clone()).or_default().false_positives += 1;
            misses.push(format!("{} false positive {code}", record["id"]));
        }
    }
    let overall = tallies.values().fold(Tally::default(), |acc, t| Tally {
        hits: acc.hits + t.hits,
        false_positives: acc.false_positives + t.false_positives,
        expected: acc.expected + t.expected,
    });
    let mut report = String::new();
    let mut failures = Vec::new();
    for &(name, min_precision, min_recall) in FLOORS {
        let tally = if name == "overall" { &overall } else { tallies.entry(name.to_string()).or_default() };
        let (p, r) = (tally.precision(), tally.recall());
        report.push_str(&format!("{name}: precision {p:.3} recall {r:.3} ({tally:?})\n"));
        if p + 1e-9 < min_precision || r + 1e-9 < min_recall {
            failures
                .push(format!("{name}: precision {p:.3} (floor {min_precision}) recall {r:.3} (floor {min_recall})"));
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "below the floor:\n{}\n{report}\n{}", failures.join("\n"), misses.join("\n"));
}

#[test]
fn reference_article_lints_clean() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/coaching-vs-mentoring.txt");
    let Ok(source) = std::fs::read_to_string(&path) else {
        assert!(std::env::var_os("CI").is_none(), "reference article missing at {}", path.display());
        return;
    };
    let found = lint(&Document { source: &source, format: Format::PlainText });
    assert!(found.is_empty(), "the article itself must lint clean: {found:#?}");
}
