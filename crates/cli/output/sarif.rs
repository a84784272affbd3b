//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): the tool with every
//! rule's metadata and help, and one result per finding with its region and fix.

use std::io::Write;

use cm_linter::{LineIndex, Severity, RULES};
use serde::Serialize;

use super::FileResult;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    information_uri: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    physical_location: PhysicalLocation<'a>,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: InsertedContent<'a>,
}

#[derive(Serialize)]
struct InsertedContent<'a> {
    text: &'a str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(index: &LineIndex, span: cm_linter::Span) -> Region {
    let start = index.one_based(span.start());
    let end = index.one_based(span.end());
    Region { start_line: start.line, start_column: start.column, end_line: end.line, end_column: end.column }
}

pub(super) fn write(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    let rules = RULES
        .iter()
        .map(|r| Rule {
            id: r.code,
            name: r.name,
            short_description: Text { text: r.summary.to_string() },
            full_description: Text { text: r.summary.to_string() },
            help: Help { text: r.doc, markdown: r.doc },
            default_configuration: Configuration { level: level(r.default_severity) },
        })
        .collect();
    let uris: Vec<String> = results.iter().map(|r| r.path.replace('\\', "/")).collect();
    let mut sarif_results = Vec::new();
    for (result, uri) in results.iter().zip(&uris) {
        if result.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&result.source);
        for d in &result.diagnostics {
            let location =
                || PhysicalLocation { artifact_location: ArtifactLocation { uri }, region: region(&index, d.span) };
            let related_locations = d
                .related
                .map(|r| RelatedLocation {
                    id: 1,
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri },
                        region: region(&index, r),
                    },
                    message: Text { text: "the related phrase".to_string() },
                })
                .into_iter()
                .collect();
            let fixes = d
                .fix
                .iter()
                .map(|f| SarifFix {
                    description: Text { text: f.title.clone() },
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: ArtifactLocation { uri },
                        replacements: f
                            .edits
                            .iter()
                            .map(|e| Replacement {
                                deleted_region: region(&index, e.span),
                                inserted_content: InsertedContent { text: &e.replacement },
                            })
                            .collect(),
                    }],
                })
                .collect();
            let message = match d.note {
                Some(note) => format!("{} (the article: {note})", d.message),
                None => d.message.clone(),
            };
            sarif_results.push(SarifResult {
                rule_id: d.rule.code,
                rule_index: RULES.iter().position(|r| r.code == d.rule.code).unwrap_or(0),
                level: level(d.severity),
                message: Text { text: message },
                locations: vec![Location { physical_location: location() }],
                related_locations,
                fixes,
            });
        }
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "cm-lint",
                    information_uri: "https://github.com/cm-lint/cm-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results: sarif_results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
