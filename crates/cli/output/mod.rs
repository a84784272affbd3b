//! Output formats. Each format owns its record types; engine types are not serialised directly.

mod concise;
mod json;

use std::io::Write;

use cm_linter::Diagnostic;

use crate::args::OutputFormat;

/// One linted file with its findings.
pub(crate) struct FileResult {
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes all results in the chosen format.
pub(crate) fn write(out: &mut dyn Write, format: OutputFormat, results: &[FileResult]) -> std::io::Result<()> {
    match format {
        OutputFormat::Json => json::write(out, results),
        OutputFormat::Concise => concise::write(out, results),
    }
}
