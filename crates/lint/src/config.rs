//! Configuration: rule selection and severity, excluded paths, per-path ignores and the
//! organisation's own names for coaching and mentoring programmes.
//!
//! Parsed from a `&str` here so that the command line and the language server give it one
//! meaning; the edges find and read the file. Unknown keys and bad values are errors that name the
//! line and the key.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::rules::{self, RuleMeta};
use crate::Severity;

/// A configuration error, with the 1-based line and column where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    vocabulary: RawVocabulary,
    fail_on: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVocabulary {
    #[serde(default)]
    coaching: Vec<String>,
    #[serde(default)]
    mentoring: Vec<String>,
}

/// The organisation's names for its programmes: each counts as the practice it is listed under.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub coaching: Vec<String>,
    pub mentoring: Vec<String>,
}

/// A parsed configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Rules to run (codes); `None` runs every rule.
    pub select: Option<Vec<&'static str>>,
    /// Rules never to run (codes).
    pub ignore: Vec<&'static str>,
    /// Severity per rule code.
    pub severity: BTreeMap<&'static str, Severity>,
    /// Path globs never to lint.
    pub exclude: Vec<String>,
    /// Path glob to rule codes ignored for matching paths.
    pub per_file_ignores: Vec<(String, Vec<&'static str>)>,
    pub vocabulary: Vocabulary,
    /// The lowest severity that makes the run fail.
    pub fail_on: Option<Severity>,
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn error_at(text: &str, offset: usize, message: String) -> ConfigError {
    let (line, column) = position(text, offset);
    ConfigError { line, column, message }
}

/// Parses a severity name.
pub fn parse_severity(name: &str) -> Option<Severity> {
    match name.to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" | "warn" => Some(Severity::Warning),
        "info" | "information" | "hint" => Some(Severity::Info),
        _ => None,
    }
}

impl Config {
    /// Parses the TOML text of a `cm-lint.toml`.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error_at(text, offset, e.message().trim().to_string())
        })?;
        let rule = |s: &Spanned<String>| -> Result<&'static str, ConfigError> {
            rules::find(s.get_ref()).map(|r: &RuleMeta| r.code).ok_or_else(|| {
                error_at(text, s.span().start, format!("unknown rule '{}' (see `cm-lint rules`)", s.get_ref()))
            })
        };
        let select =
            raw.select.as_ref().map(|list| list.iter().map(rule).collect::<Result<Vec<_>, _>>()).transpose()?;
        let ignore = raw.ignore.iter().map(rule).collect::<Result<Vec<_>, _>>()?;
        let mut severity = BTreeMap::new();
        for (code, level) in &raw.severity {
            let level_value = parse_severity(level.get_ref()).ok_or_else(|| {
                error_at(
                    text,
                    level.span().start,
                    format!("unknown severity '{}' (use error, warning or info)", level.get_ref()),
                )
            })?;
            severity.insert(rule(code)?, level_value);
        }
        let mut per_file_ignores = Vec::new();
        for (glob, codes) in &raw.per_file_ignores {
            per_file_ignores.push((glob.clone(), codes.iter().map(rule).collect::<Result<Vec<_>, _>>()?));
        }
        let fail_on = raw
            .fail_on
            .as_ref()
            .map(|s| {
                parse_severity(s.get_ref()).ok_or_else(|| {
                    error_at(
                        text,
                        s.span().start,
                        format!("unknown severity '{}' (use error, warning or info)", s.get_ref()),
                    )
                })
            })
            .transpose()?;
        Ok(Config {
            select,
            ignore,
            severity,
            exclude: raw.exclude,
            per_file_ignores,
            vocabulary: Vocabulary { coaching: raw.vocabulary.coaching, mentoring: raw.vocabulary.mentoring },
            fail_on,
        })
    }

    /// Whether a rule runs.
    #[must_use]
    pub fn is_enabled(&self, code: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&code)) && !self.ignore.contains(&code)
    }

    /// The severity findings of a rule get.
    #[must_use]
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity.get(rule.code).copied().unwrap_or(rule.default_severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let config = Config::from_toml(
            r#"
select = ["CM001", "coaching-described-as-mentoring"]
ignore = ["CM005"]
exclude = ["drafts/**"]
fail-on = "error"

[severity]
CM003 = "error"

[per-file-ignores]
"legacy/**" = ["CM001"]

[vocabulary]
coaching = ["Catalyst"]
mentoring = ["Bridge", "Compass"]
"#,
        )
        .unwrap();
        assert_eq!(config.select, Some(vec!["CM001", "CM003"]));
        assert!(config.is_enabled("CM003") && !config.is_enabled("CM002") && !config.is_enabled("CM005"));
        assert_eq!(config.severity.get("CM003"), Some(&Severity::Error));
        assert_eq!(config.per_file_ignores, vec![("legacy/**".to_string(), vec!["CM001"])]);
        assert_eq!(config.vocabulary.mentoring, vec!["Bridge", "Compass"]);
        assert_eq!(config.fail_on, Some(Severity::Error));
    }

    #[test]
    fn unknown_key_names_its_line() {
        let err = Config::from_toml("select = [\"CM001\"]\nseverities = 3\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("severities"), "{err}");
    }

    #[test]
    fn unknown_rule_names_its_line() {
        let err = Config::from_toml("ignore = [\n  \"CM001\",\n  \"CM042\",\n]\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (3, "unknown rule 'CM042' (see `cm-lint rules`)"));
    }

    #[test]
    fn bad_severity_is_an_error() {
        let err = Config::from_toml("[severity]\nCM001 = \"fatal\"\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
