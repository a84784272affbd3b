//! Configuration: rule selection and severity, excluded paths, per-path ignores and the
//! organisation's own names for coaching and mentoring programmes.
//!
//! Parsed from a `&str` here so that the command line and the language server give it one
//! meaning; the edges find and read the file. Unknown keys and bad values are errors that name the
//! line and the key; every error in the file is reported, not only the first. Globs and the
//! vocabulary are compiled here once, so that a pattern the matchers cannot build (too large, or
//! invalid) is an error here and never a panic, or a rule silently turned off, later.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use cm_core::{Dimension, Practice};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::rules::{Rule, RuleMeta};
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
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    vocabulary: RawVocabulary,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    allow: RawAllow,
    #[serde(default)]
    per_file_allow: BTreeMap<Spanned<String>, RawAllow>,
}

/// Trait dimensions a team accepts for a practice, by key (`mentoring = ["duration"]`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    coaching: Vec<Spanned<String>>,
    #[serde(default)]
    mentoring: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVocabulary {
    #[serde(default)]
    coaching: Vec<Spanned<String>>,
    #[serde(default)]
    mentoring: Vec<Spanned<String>>,
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
    /// Rules to run; `None` runs every rule.
    pub select: Option<Vec<Rule>>,
    /// Rules never to run.
    pub ignore: Vec<Rule>,
    /// Severity per rule.
    pub severity: BTreeMap<Rule, Severity>,
    /// Path globs never to lint.
    pub exclude: Vec<String>,
    /// Path glob to rule codes ignored for matching paths.
    pub per_file_ignores: Vec<(String, Vec<Rule>)>,
    pub vocabulary: Vocabulary,
    /// The lowest severity that makes the run fail.
    pub fail_on: Option<Severity>,
    /// Traits the team accepts for a practice, its own design where it differs from the
    /// article (`[allow] mentoring = ["duration"]`: fixed-term mentoring cohorts).
    pub allow: Vec<(Practice, Dimension)>,
    /// Path glob to the traits accepted for matching paths.
    pub per_file_allow: Vec<(String, Vec<(Practice, Dimension)>)>,
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

/// A value quoted in a message: at most 60 characters, control characters escaped, so that an
/// error stays one short plain line whatever the file holds.
fn quote(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("'");
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push_str(&format!("…' ({} bytes)", value.len()));
            return out;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// A message from a parser, on one line and without control characters.
fn plain(message: &str) -> String {
    let line: String = message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 300 {
        format!("{}…", line.chars().take(300).collect::<String>())
    } else {
        line
    }
}

/// What is wrong with a glob, without quoting it (it may be huge).
fn glob_problem(err: &globset::Error) -> String {
    match err.kind() {
        globset::ErrorKind::Regex(_) => "it is too large or complex to match".to_string(),
        kind => plain(&kind.to_string()),
    }
}

/// The matcher of a `per-file-ignores` glob. A [`globset::GlobSet`] of one glob rather than a
/// `GlobMatcher`, whose compilation panics when the glob's pattern passes the regex size limit.
pub(crate) fn per_file_matcher(glob: &str) -> Result<globset::GlobSet, globset::Error> {
    let glob = globset::GlobBuilder::new(glob).literal_separator(false).build()?;
    globset::GlobSetBuilder::new().add(glob).build()
}

/// The matcher of an `exclude` glob as the command line builds it (a name without `/` matches
/// at any depth, and a folder excludes what is in it): built here only to check it.
fn exclude_matcher(pattern: &str) -> Result<globset::GlobSet, globset::Error> {
    let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
    let anchored = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
    let mut builder = globset::GlobSetBuilder::new();
    for variant in [anchored.clone(), format!("{anchored}/**")] {
        builder.add(globset::Glob::new(&variant)?);
    }
    builder.build()
}

/// The vocabulary compiled for matching: one pattern for every name (lower case, longest first)
/// and the practice of each name. Fails when the names pass the regex size limit.
pub(crate) fn compile_vocabulary(
    vocabulary: &Vocabulary,
) -> Result<(Option<Regex>, HashMap<String, Practice>), regex::Error> {
    let mut practice = HashMap::new();
    for (names, p) in [(&vocabulary.coaching, Practice::Coaching), (&vocabulary.mentoring, Practice::Mentoring)] {
        for name in names.iter().filter(|n| !n.trim().is_empty()) {
            practice.insert(name.trim().to_lowercase(), p);
        }
    }
    let mut keys: Vec<&String> = practice.keys().collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let alternatives: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
    let regex =
        if alternatives.is_empty() { None } else { Some(Regex::new(&format!("(?:{})", alternatives.join("|")))?) };
    Ok((regex, practice))
}

/// The vocabulary, with an error for a name listed under both practices and for names the
/// matcher cannot be built for.
fn check_vocabulary(text: &str, raw: &RawVocabulary, errors: &mut Vec<ConfigError>) -> Vocabulary {
    let key = |s: &Spanned<String>| s.get_ref().trim().to_lowercase();
    let coaching: HashMap<String, &Spanned<String>> =
        raw.coaching.iter().filter(|s| !s.get_ref().trim().is_empty()).map(|s| (key(s), s)).collect();
    for name in &raw.mentoring {
        if let Some(first) = coaching.get(&key(name)) {
            let (line, _) = position(text, first.span().start);
            errors.push(error_at(
                text,
                name.span().start,
                format!(
                    "vocabulary: {} is listed under both coaching (line {line}) and mentoring; keep it under one",
                    quote(name.get_ref().trim())
                ),
            ));
        }
    }
    let vocabulary = Vocabulary {
        coaching: raw.coaching.iter().map(|s| s.get_ref().clone()).collect(),
        mentoring: raw.mentoring.iter().map(|s| s.get_ref().clone()).collect(),
    };
    if let Err(err) = compile_vocabulary(&vocabulary) {
        let first = raw.coaching.iter().chain(&raw.mentoring).map(|s| s.span().start).min().unwrap_or(0);
        let why = match err {
            regex::Error::CompiledTooBig(limit) => {
                format!(
                    "the names are too many or too long to match (their pattern passes the {} MiB limit)",
                    limit >> 20
                )
            }
            other => plain(&other.to_string()),
        };
        errors.push(error_at(text, first, format!("vocabulary: {why}")));
    }
    vocabulary
}

/// The traits of a `[allow]` table, with an error for a key that names no trait dimension.
fn check_allow(text: &str, raw: &RawAllow, errors: &mut Vec<ConfigError>) -> Vec<(Practice, Dimension)> {
    let mut allowed = Vec::new();
    for (practice, keys) in [(Practice::Coaching, &raw.coaching), (Practice::Mentoring, &raw.mentoring)] {
        for key in keys {
            match Dimension::from_key(key.get_ref()) {
                Some(dimension) if dimension != Dimension::Roles => allowed.push((practice, dimension)),
                _ => {
                    let known: Vec<&str> =
                        Dimension::ALL.iter().filter(|d| **d != Dimension::Roles).map(|d| d.key()).collect();
                    errors.push(error_at(
                        text,
                        key.span().start,
                        format!("allow: unknown trait {} (use one of {})", quote(key.get_ref()), known.join(", ")),
                    ));
                }
            }
        }
    }
    allowed
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
    /// Parses the TOML text of a `cm-lint.toml`; the first error if there are several.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml_all(text).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Parses the TOML text of a `cm-lint.toml`; every error, in the order of the file (never an
    /// empty list). A TOML syntax error or an unknown key stops the parse, so it comes alone.
    pub fn from_toml_all(text: &str) -> Result<Config, Vec<ConfigError>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            vec![error_at(text, offset, plain(e.message().trim()))]
        })?;
        let mut errors = Vec::new();
        let mut rule = |s: &Spanned<String>| -> Option<Rule> {
            let found = Rule::find(s.get_ref());
            if found.is_none() {
                errors.push(error_at(
                    text,
                    s.span().start,
                    format!("unknown rule {} (see `cm-lint rules`)", quote(s.get_ref())),
                ));
            }
            found
        };
        let select = raw.select.as_ref().map(|list| list.iter().filter_map(&mut rule).collect::<Vec<_>>());
        let ignore = raw.ignore.iter().filter_map(&mut rule).collect::<Vec<_>>();
        let mut severity = BTreeMap::new();
        let mut per_file_ignores = Vec::new();
        let mut later = Vec::new();
        for (code, level) in &raw.severity {
            let code = rule(code);
            match parse_severity(level.get_ref()) {
                Some(level) => {
                    if let Some(code) = code {
                        severity.insert(code, level);
                    }
                }
                None => later.push(error_at(
                    text,
                    level.span().start,
                    format!("unknown severity {} (use error, warning or info)", quote(level.get_ref())),
                )),
            }
        }
        for (glob, codes) in &raw.per_file_ignores {
            let codes = codes.iter().filter_map(&mut rule).collect::<Vec<_>>();
            match per_file_matcher(glob.get_ref()) {
                Ok(_) => per_file_ignores.push((glob.get_ref().clone(), codes)),
                Err(err) => later.push(error_at(
                    text,
                    glob.span().start,
                    format!("per-file-ignores: cannot use the glob {}: {}", quote(glob.get_ref()), glob_problem(&err)),
                )),
            }
        }
        errors.extend(later);
        let fail_on = raw.fail_on.as_ref().and_then(|s| {
            let level = parse_severity(s.get_ref());
            if level.is_none() {
                errors.push(error_at(
                    text,
                    s.span().start,
                    format!("unknown severity {} (use error, warning or info)", quote(s.get_ref())),
                ));
            }
            level
        });
        for pattern in &raw.exclude {
            if let Err(err) = exclude_matcher(pattern.get_ref()) {
                errors.push(error_at(
                    text,
                    pattern.span().start,
                    format!("exclude: cannot use the glob {}: {}", quote(pattern.get_ref()), glob_problem(&err)),
                ));
            }
        }
        let vocabulary = check_vocabulary(text, &raw.vocabulary, &mut errors);
        let allow = check_allow(text, &raw.allow, &mut errors);
        let mut per_file_allow = Vec::new();
        for (glob, traits) in &raw.per_file_allow {
            let traits = check_allow(text, traits, &mut errors);
            match per_file_matcher(glob.get_ref()) {
                Ok(_) => per_file_allow.push((glob.get_ref().clone(), traits)),
                Err(err) => errors.push(error_at(
                    text,
                    glob.span().start,
                    format!("per-file-allow: cannot use the glob {}: {}", quote(glob.get_ref()), glob_problem(&err)),
                )),
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| (e.line, e.column));
            return Err(errors);
        }
        let exclude = raw.exclude.iter().map(|s| s.get_ref().clone()).collect();
        Ok(Config { select, ignore, severity, exclude, per_file_ignores, vocabulary, fail_on, allow, per_file_allow })
    }

    /// Whether a rule runs.
    #[must_use]
    pub fn is_enabled(&self, rule: Rule) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&rule)) && !self.ignore.contains(&rule)
    }

    /// The severity findings of a rule get.
    #[must_use]
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity.get(&rule.id).copied().unwrap_or(rule.default_severity)
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
        assert_eq!(config.select, Some(vec![Rule::InterchangeableTerms, Rule::CoachingDescribedAsMentoring]));
        assert!(config.is_enabled(Rule::CoachingDescribedAsMentoring));
        assert!(!config.is_enabled(Rule::MixedRoles) && !config.is_enabled(Rule::InconsistentNaming));
        assert_eq!(config.severity.get(&Rule::CoachingDescribedAsMentoring), Some(&Severity::Error));
        assert_eq!(config.per_file_ignores, vec![("legacy/**".to_string(), vec![Rule::InterchangeableTerms])]);
        assert_eq!(config.vocabulary.mentoring, vec!["Bridge", "Compass"]);
        assert_eq!(config.fail_on, Some(Severity::Error));
    }

    #[test]
    fn allow_takes_traits_per_practice_globally_and_per_path() {
        let text = "[allow]\nmentoring = [\"duration\", \"Form\"]\n\n[per-file-allow]\n\"sales/**\" = { coaching = [\"method\"] }\n";
        let config = Config::from_toml(text).unwrap();
        assert_eq!(config.allow, [(Practice::Mentoring, Dimension::Duration), (Practice::Mentoring, Dimension::Form)]);
        assert_eq!(config.per_file_allow, [("sales/**".to_string(), vec![(Practice::Coaching, Dimension::Method)])]);
    }

    #[test]
    fn allow_names_an_unknown_trait_and_its_line() {
        let errors = Config::from_toml_all("[allow]\ncoaching = [\"roles\"]\nmentoring = [\"length\"]\n").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[1].line, errors[1].column), (3, 14));
        assert!(errors[1].message.starts_with("allow: unknown trait 'length' (use one of focus, agenda"), "{errors:?}");
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

    #[test]
    fn invalid_per_file_glob_is_an_error() {
        let err = Config::from_toml("[per-file-ignores]\n\"docs/[a\" = [\"CM001\"]\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.starts_with("per-file-ignores: cannot use the glob 'docs/[a'"), "{err}");
    }

    #[test]
    fn per_file_glob_past_the_regex_size_limit_is_an_error_not_a_panic() {
        let glob = "*a?".repeat(160_000 / 3);
        let toml = format!("[per-file-ignores]\n\"{glob}\" = [\"CM001\"]\n");
        let err = Config::from_toml(&toml).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.starts_with("per-file-ignores: cannot use the glob '*a?*a?"), "{err}");
        assert!(err.message.len() < 400, "the glob is not quoted whole: {}", err.message.len());
        assert!(err.message.ends_with("(159999 bytes): it is too large or complex to match"), "{err}");
        // Built directly, without the check, the linter still does not panic.
        let config = Config { per_file_ignores: vec![(glob, vec![Rule::InterchangeableTerms])], ..Config::default() };
        let _ = crate::Linter::new(config);
    }

    #[test]
    fn vocabulary_past_the_regex_size_limit_is_an_error() {
        let names: Vec<String> = (0..2_000).map(|i| format!("\"{}{i}\"", "Catalyst programme ".repeat(20))).collect();
        let toml = format!("[vocabulary]\nmentoring = [\n{}\n]\n", names.join(",\n"));
        let err = Config::from_toml(&toml).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.starts_with("vocabulary: the names are too many or too long"), "{err}");
    }

    #[test]
    fn a_name_under_both_practices_is_an_error() {
        let err =
            Config::from_toml("[vocabulary]\ncoaching = [\"Catalyst\"]\nmentoring = [\"Bridge\", \" CATALYST \"]\n")
                .unwrap_err();
        assert_eq!((err.line, err.column), (3, 24));
        assert_eq!(
            err.message,
            "vocabulary: 'CATALYST' is listed under both coaching (line 2) and mentoring; keep it under one"
        );
    }

    #[test]
    fn every_error_is_reported_in_file_order() {
        let errors = Config::from_toml_all(
            "fail-on = \"never\"\nignore = [\"CM042\"]\n[severity]\nCM001 = \"fatal\"\nCM043 = \"error\"\n[per-file-ignores]\n\"[\" = [\"CM044\"]\n",
        )
        .unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 4, 5, 7, 7], "{errors:#?}");
        assert!(errors[4].message.contains("CM044") || errors[5].message.contains("CM044"), "{errors:#?}");
    }

    #[test]
    fn quoted_values_are_short_and_plain() {
        let err = Config::from_toml(&format!("ignore = [\"\\u001b]0;x\\u0007{}\"]\n", "y".repeat(500))).unwrap_err();
        assert!(!err.message.chars().any(char::is_control), "{err:?}");
        assert!(err.message.len() < 200, "{err:?}");
    }

    #[test]
    fn exclude_glob_errors_name_the_key() {
        let err = Config::from_toml("exclude = [\"ok/**\", \"a[\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 21));
        assert!(err.message.starts_with("exclude: cannot use the glob 'a['"), "{err}");
        let huge = "*a?".repeat(160_000 / 3);
        let err = Config::from_toml(&format!("exclude = [\"{huge}\"]\n")).unwrap_err();
        assert!(err.message.ends_with("it is too large or complex to match"), "{err}");
    }
}
