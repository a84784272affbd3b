//! Applying suggested fixes: edits in reverse order, never overlapping; files replaced
//! atomically (a temporary file in the same folder, then a rename) with their permissions kept,
//! and never when the file changed since it was read.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use cm_linter::Diagnostic;

/// The source with every non-overlapping suggested edit applied.
pub(crate) fn apply(source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| (std::cmp::Reverse(e.span.start()), std::cmp::Reverse(e.span.end())));
    let mut out = source.to_string();
    let mut limit = usize::MAX;
    for edit in edits {
        if edit.span.end() <= limit
            && source.is_char_boundary(edit.span.start())
            && source.is_char_boundary(edit.span.end())
        {
            out.replace_range(edit.span.range(), &edit.replacement);
            limit = edit.span.start();
        }
    }
    out
}

/// Replaces `path`'s contents with `new`, if they are still `original`.
pub(crate) fn write_atomically(path: &Path, original: &[u8], new: &str) -> anyhow::Result<()> {
    let current = std::fs::read(path).with_context(|| format!("{}: cannot read before writing", path.display()))?;
    if current != original {
        anyhow::bail!("{}: changed since it was read; not written", path.display());
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    temp.write_all(new.as_bytes()).with_context(|| format!("{}: cannot write", path.display()))?;
    temp.as_file().sync_all().with_context(|| format!("{}: cannot sync", path.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path).map_err(|e| anyhow::anyhow!("{}: cannot replace: {}", path.display(), e.error))?;
    Ok(())
}

/// A unified diff between the old and new text of a file.
pub(crate) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_swaps_and_keeps_crlf() {
        let source = "Our coaches give advice drawn from their own careers.\r\n";
        let diagnostics = cm_linter::lint(&cm_linter::Document { source, format: cm_linter::Format::PlainText });
        assert_eq!(apply(source, &diagnostics), "Our mentors give advice drawn from their own careers.\r\n");
    }

    #[test]
    fn refuses_a_file_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "new contents").unwrap();
        assert!(write_atomically(&path, b"old contents", "fixed").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");
    }
}
