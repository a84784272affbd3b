//! Finding and reading the files to lint: directories are walked with `.gitignore`, `.ignore`
//! and hidden-file conventions honoured (the `ignore` crate, as in ripgrep); `--include`,
//! `--exclude` and the configuration's `exclude` globs filter the result. Files named on the
//! command line are always linted, whatever their extension.

use std::path::{Path, PathBuf};

use anyhow::Context;
use cm_linter::Format;
use globset::{Glob, GlobSet, GlobSetBuilder};

/// A file to lint.
#[derive(Debug, Clone)]
pub(crate) struct InputFile {
    pub path: PathBuf,
    /// The path as shown in output.
    pub display: String,
    /// The path relative to the configuration root, with `/`, for per-path ignores.
    pub relative: String,
    pub format: Format,
}

#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub files: Vec<InputFile>,
    pub errors: Vec<String>,
    pub skipped: Vec<String>,
}

/// A file's text: decoded as UTF-8, with where decoding failed, if it did.
pub(crate) struct Text {
    pub text: String,
    /// The bytes were valid UTF-8; only then may `--fix` write the file back.
    pub lossless: bool,
    pub invalid_at: Option<usize>,
}

pub(crate) fn format_of(path: &Path) -> Option<Format> {
    path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
}

/// Whether a path is a Word document.
pub(crate) fn is_docx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Compiles globs; a pattern without a `/` matches at any depth, as in `.gitignore`.
pub(crate) fn glob_set(patterns: &[String]) -> anyhow::Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
        let anchored = if trimmed.contains('/') { trimmed.to_string() } else { format!("**/{trimmed}") };
        for variant in [anchored.clone(), format!("{anchored}/**")] {
            builder.add(Glob::new(&variant).with_context(|| format!("invalid glob '{pattern}'"))?);
        }
    }
    Ok(Some(builder.build()?))
}

fn relative_to(path: &Path, root: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = abs.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/").trim_start_matches("./").to_string()
}

/// Collects the files under `paths`, sorted by path so that output order is deterministic.
pub(crate) fn collect(paths: &[PathBuf], include: Option<&GlobSet>, exclude: Option<&GlobSet>, root: &Path) -> Walked {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walked = Walked::default();
    for given in paths {
        if given.is_file() {
            let format = format_of(given).unwrap_or(Format::PlainText);
            walked.files.push(InputFile {
                path: given.clone(),
                display: given.display().to_string(),
                relative: relative_to(given, &root),
                format,
            });
            continue;
        }
        if !given.exists() {
            walked.errors.push(format!("{}: no such file or directory", given.display()));
            continue;
        }
        let exclude_dirs = exclude.cloned();
        let dir_root = root.clone();
        let walker = ignore::WalkBuilder::new(given)
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(is_dir && exclude_dirs.as_ref().is_some_and(|set| set.is_match(relative_to(entry.path(), &dir_root))))
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    walked.errors.push(err.to_string());
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            let Some(format) = format_of(path).or_else(|| is_docx(path).then_some(Format::Markdown)) else { continue };
            let relative = relative_to(path, &root);
            if exclude.is_some_and(|set| set.is_match(&relative)) {
                walked.skipped.push(format!("{}: excluded", path.display()));
                continue;
            }
            if include.is_some_and(|set| !set.is_match(&relative)) {
                walked.skipped.push(format!("{}: not included", path.display()));
                continue;
            }
            walked.files.push(InputFile {
                path: path.to_path_buf(),
                display: path.display().to_string(),
                relative,
                format,
            });
        }
    }
    walked.files.sort_by(|a, b| a.path.cmp(&b.path));
    walked.files.dedup_by(|a, b| a.path == b.path);
    walked
}

/// Decodes bytes: UTF-8 (with or without a BOM), UTF-16 with a BOM, else UTF-8 with the
/// invalid sequences replaced.
pub(crate) fn decode(bytes: Vec<u8>) -> Text {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        return Text { text: String::from_utf16_lossy(&units), lossless: false, invalid_at: None };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return Text { text: String::from_utf16_lossy(&units), lossless: false, invalid_at: None };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Text { text, lossless: true, invalid_at: None },
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            Text { text: String::from_utf8_lossy(err.as_bytes()).into_owned(), lossless: false, invalid_at: Some(at) }
        }
    }
}

/// Whether the bytes look binary (a NUL in the first 8 KiB, outside UTF-16).
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes.iter().take(8192).any(|&b| b == 0)
}

/// The shard (0-based, of `n`) a file belongs to: a stable hash (FNV-1a) of its relative path,
/// so that a file keeps its shard when others are added or removed.
pub(crate) fn shard_of(relative: &str, n: u32) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in relative.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    u32::try_from(hash % u64::from(n.max(1))).unwrap_or(0)
}
