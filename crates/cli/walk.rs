//! Finding the files to lint: explicit files as given, directories walked with `.gitignore`
//! and hidden-file conventions honoured (the `ignore` crate, as in ripgrep).

use std::path::{Path, PathBuf};

use anyhow::Context;
use cm_linter::Format;

/// A file to lint.
#[derive(Debug, Clone)]
pub(crate) struct InputFile {
    pub path: PathBuf,
    /// The path as shown in output.
    pub display: String,
    pub format: Format,
}

#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub files: Vec<InputFile>,
    pub errors: Vec<String>,
}

fn format_of(path: &Path) -> Option<Format> {
    path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
}

/// Collects the files under `paths`, sorted by path so that output order is deterministic.
pub(crate) fn collect(paths: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    for root in paths {
        if root.is_file() {
            let format = format_of(root).unwrap_or(Format::PlainText);
            walked.files.push(InputFile { path: root.clone(), display: root.display().to_string(), format });
            continue;
        }
        if !root.exists() {
            walked.errors.push(format!("{}: no such file or directory", root.display()));
            continue;
        }
        for entry in ignore::WalkBuilder::new(root).build() {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let path = entry.path();
                    if let Some(format) = format_of(path) {
                        walked.files.push(InputFile {
                            path: path.to_path_buf(),
                            display: path.display().to_string(),
                            format,
                        });
                    }
                }
                Err(err) => walked.errors.push(err.to_string()),
            }
        }
    }
    walked.files.sort_by(|a, b| a.path.cmp(&b.path));
    walked.files.dedup_by(|a, b| a.path == b.path);
    walked
}

/// Reads a file as UTF-8, replacing invalid sequences.
pub(crate) fn read(file: &InputFile) -> anyhow::Result<String> {
    let bytes = std::fs::read(&file.path).with_context(|| format!("{}: cannot read", file.display))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    })
}
