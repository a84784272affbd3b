//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): the tool with every
//! rule's metadata and help, and one result per finding with its region and fix.

use std::io::Write;

use cm_linter::{LineIndex, Severity, RULES};
use serde::Serialize;

use super::{Failure, FileResult};

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
    /// Only when a file could not be linted: the run did not succeed, and says why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<ArtifactOnly>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    physical_location: ArtifactPlace,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactPlace {
    artifact_location: ArtifactUri,
}

#[derive(Serialize)]
struct ArtifactUri {
    uri: String,
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
    /// The rule's documentation page, which code scanning links.
    help_uri: String,
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
    /// SARIF has no field for it: a property bag carries `applicability` (§3.8).
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// "safe" or "unsafe", as in the JSON output.
    applicability: &'static str,
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

pub(super) fn write(out: &mut dyn Write, results: &[FileResult], failures: &[Failure]) -> std::io::Result<()> {
    let rules = RULES
        .iter()
        .map(|r| Rule {
            id: r.code,
            name: r.name,
            short_description: Text { text: r.summary.to_string() },
            full_description: Text { text: r.summary.to_string() },
            help: Help { text: r.doc, markdown: r.doc },
            help_uri: r.doc_url(),
            default_configuration: Configuration { level: level(r.default_severity) },
        })
        .collect();
    let uris: Vec<String> =
        results.iter().map(|r| crate::escape::uri_path(super::without_leading_dot(&r.path))).collect();
    let mut sarif_results = Vec::new();
    for (result, uri) in results.iter().zip(&uris) {
        if result.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&result.source);
        for d in &result.diagnostics {
            let location =
                || PhysicalLocation { artifact_location: ArtifactLocation { uri }, region: region(&index, d.span) };
            let related = |id: usize, r: cm_linter::Span, text: String| RelatedLocation {
                id,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri },
                    region: region(&index, r),
                },
                message: Text { text },
            };
            let phrase = d.related.map(|r| {
                let text = match d.chain {
                    Some(c) if c.phrase == r => format!("the trait phrase, {}", c.how),
                    Some(c) => format!("the word the trait phrase is {}", c.how),
                    None => "the related phrase".to_string(),
                };
                related(1, r, text)
            });
            let repeats =
                d.repeats.iter().enumerate().map(|(i, &r)| related(i + 2, r, "the same point, made again".to_string()));
            let related_locations = phrase.into_iter().chain(repeats).collect();
            let fixes = d
                .fix
                .iter()
                .map(|f| SarifFix {
                    description: Text { text: format!("{} ({} fix)", f.title, f.applicability.as_str()) },
                    properties: FixProperties { applicability: f.applicability.as_str() },
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
            invocations: invocations(failures),
            results: sarif_results,
        }],
    };
    crate::escape::write_json(out, &log)?;
    writeln!(out)
}

/// The run's invocation when files could not be linted: unsuccessful, one error each.
fn invocations(failures: &[Failure]) -> Vec<Invocation> {
    if failures.is_empty() {
        return Vec::new();
    }
    let notifications = failures
        .iter()
        .map(|f| Notification {
            level: "error",
            message: Text { text: f.message.clone() },
            locations: vec![ArtifactOnly {
                physical_location: ArtifactPlace {
                    artifact_location: ArtifactUri {
                        uri: crate::escape::uri_path(super::without_leading_dot(&f.path)),
                    },
                },
            }],
        })
        .collect();
    vec![Invocation { execution_successful: false, tool_execution_notifications: notifications }]
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn result(path: &str, source: &str) -> FileResult {
        let document = cm_linter::Document { source, format: cm_linter::Format::Markdown };
        FileResult {
            path: path.to_string(),
            source: source.to_string(),
            diagnostics: cm_linter::lint(&document),
            moved: Vec::new(),
        }
    }

    fn render(results: &[FileResult]) -> Value {
        let mut out = Vec::new();
        write(&mut out, results, &[]).expect("writing to a Vec cannot fail");
        serde_json::from_slice(&out).expect("the SARIF log is JSON")
    }

    fn region(start_line: u32, start_column: u32, end_line: u32, end_column: u32) -> Value {
        serde_json::json!({
            "startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column
        })
    }

    #[test]
    fn log_run_and_rules() {
        let log = render(&[]);
        assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
        assert_eq!(log["version"], "2.1.0");
        let runs = log["runs"].as_array().expect("runs");
        assert_eq!(runs.len(), 1);
        let driver = &runs[0]["tool"]["driver"];
        assert_eq!(driver["name"], "cm-lint");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        assert!(driver["informationUri"].as_str().is_some_and(|u| u.starts_with("https://")));
        let rules = driver["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), RULES.len());
        for (rule, meta) in rules.iter().zip(RULES) {
            assert_eq!(rule["id"], meta.code);
            assert_eq!(rule["name"], meta.name);
            assert_eq!(rule["shortDescription"]["text"], meta.summary);
            assert_eq!(rule["fullDescription"]["text"], meta.summary);
            assert_eq!(rule["help"]["text"], meta.doc);
            assert_eq!(rule["help"]["markdown"], meta.doc);
            assert_eq!(rule["helpUri"], meta.doc_url());
            assert_eq!(rule["defaultConfiguration"]["level"], level(meta.default_severity));
        }
        assert_eq!(runs[0]["results"], serde_json::json!([]));
    }

    #[test]
    fn results_with_regions_related_locations_and_fixes() {
        let log = render(&[
            result(r"docs\a.md", "Your coach/mentor will call.\n"),
            result("clean.md", "Nothing to see here.\n"),
            result("docs/b.md", "Our coaches give advice drawn from their own careers.\n"),
        ]);
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), 2);

        let cm001 = &results[0];
        assert_eq!(cm001["ruleId"], "CM001");
        assert_eq!(cm001["ruleIndex"], 0);
        assert_eq!(cm001["level"], "warning");
        assert!(cm001["message"]["text"].as_str().is_some_and(|m| m.contains("fused into one name")));
        let location = &cm001["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "docs/a.md");
        assert_eq!(location["region"], region(1, 6, 1, 11));
        assert_eq!(cm001["relatedLocations"][0]["physicalLocation"]["region"], region(1, 12, 1, 18));
        assert!(cm001.get("fixes").is_none(), "no fix, no fixes: {cm001}");

        let cm003 = &results[1];
        assert_eq!(cm003["ruleId"], "CM003");
        assert_eq!(cm003["ruleIndex"], 2);
        assert_eq!(cm003["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "docs/b.md");
        assert_eq!(cm003["locations"][0]["physicalLocation"]["region"], region(1, 5, 1, 12));
        let change = &cm003["fixes"][0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "docs/b.md");
        let replacement = &change["replacements"][0];
        assert_eq!(replacement["deletedRegion"], region(1, 5, 1, 12));
        assert_eq!(replacement["insertedContent"]["text"], "mentors");
    }

    #[test]
    fn columns_count_characters() {
        let log = render(&[result("u.md", "Café staff: your coach/mentor will call.\n")]);
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startColumn"], 18);
    }
}
