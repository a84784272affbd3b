//! Applying suggested fixes: edits in reverse order, never overlapping; files replaced
//! atomically (a temporary file in the same folder, then a rename) with their permissions kept,
//! and never when the file changed since it was read.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Replaces `path`'s contents with `new`, if they are still `original`. A symbolic link is
/// followed: its target is rewritten and the link kept.
pub(crate) fn write_atomically(path: &Path, original: &[u8], new: &str) -> anyhow::Result<()> {
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved =
            std::fs::canonicalize(path).with_context(|| format!("{}: cannot follow the link", path.display()))?;
        resolved.as_path()
    } else {
        path
    };
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
        let document = cm_linter::Document { source, format: cm_linter::Format::PlainText };
        let fixed = cm_linter::Linter::default().fix(&document, None);
        assert_eq!(fixed.source, "Our mentors give advice drawn from their own careers.\r\n");
        assert_eq!(fixed.applied, 1);
    }

    #[test]
    fn fixes_that_undo_each_other_are_not_applied_and_fixing_twice_is_fixing_once() {
        let linter = cm_linter::Linter::default();
        let fix = |source: &str| {
            linter.fix(&cm_linter::Document { source, format: cm_linter::Format::Markdown }, None).source
        };
        for source in [
            "## What to expect from your mentor\n\n- The mentee owns the agenda for every meeting\n",
            "Our coaches give advice drawn from their own careers.\n\nYour coach/mentor will call.\n",
            "| Coach name | Protégé name |\n|---|---|\n| Dana | Lee |\n",
        ] {
            let once = fix(source);
            assert_eq!(fix(&once), once, "{source:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_link_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        let link = dir.path().join("link.md");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"old", "new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
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
