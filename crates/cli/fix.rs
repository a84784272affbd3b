//! Writing files: fixes (`--fix`) and reports (`--output`). Both replace a file atomically
//! (a temporary file in the same folder, then a rename over the path), so that a reader never
//! sees half a file, and neither writes through a symbolic link: a rename replaces the link
//! itself, never the file it points to.
//!
//! A fix is written only to the file that was read: the file is opened again without following
//! a link (`O_NOFOLLOW`), its device and inode must be those read, and its bytes those linted.
//! The new file gets the old one's mode and, where the process may set them (as root), its owner
//! and group; when the owner cannot be kept the file is not written. A file with other hard
//! links is replaced under this name only: its other names keep the old text.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::Context;

/// A file as read for linting: its bytes and what it was (from the open handle, so that the
/// metadata is that of the bytes).
pub(crate) struct ReadFile {
    pub bytes: Vec<u8>,
    pub meta: std::fs::Metadata,
}

/// Reads a file, following a symbolic link (links named on the command line are linted).
pub(crate) fn read(path: &Path) -> std::io::Result<ReadFile> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Through `Take`, which reads to the end like `File::read_to_end` without first asking the
    // system for the size and position again (two calls per file, and a tree has thousands):
    // the capacity above is the hint.
    (&mut file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(ReadFile { bytes, meta })
}

/// Opens the file at `path` itself, failing if `path` is a symbolic link.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other("is a symbolic link"));
    }
    options.open(path)
}

/// Whether two metadata are of the same file (device and inode; on other systems, size and
/// modification time).
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        same_file_elsewhere(a, b)
    }
}

/// `same_file` where there is no inode: size and modification time. Not compiled on Unix, so
/// the mutation tier (`.ci/mutants.sh`) leaves it out.
#[cfg(not(unix))]
fn same_file_elsewhere(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    (a.len(), a.modified().ok()) == (b.len(), b.modified().ok())
}

/// A temporary file in `path`'s folder, for replacing `path`.
fn temporary_beside(path: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cm-lint-");
    // As a plain write would create it: readable as the umask allows.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir).with_context(|| format!("{}: cannot create a temporary file", dir.display()))
}

/// Gives `temp` the owner and group of `meta`'s file, if they differ: a file fixed by root keeps
/// its owner. Fails if they cannot be kept.
#[cfg(unix)]
fn keep_owner(temp: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let now = temp.metadata()?;
    if (now.uid(), now.gid()) != (meta.uid(), meta.gid()) {
        std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid()))?;
    }
    Ok(())
}

/// Replaces `path`'s contents with `new`, if `path` is still the regular file that was read
/// (`read`: same device and inode, reached without following a link) and still holds `original`.
pub(crate) fn write_atomically(
    path: &Path,
    read: &std::fs::Metadata,
    original: &[u8],
    new: &str,
) -> anyhow::Result<()> {
    let shown = path.display();
    let mut file = match open_no_follow(path) {
        Ok(file) => file,
        Err(err) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            anyhow::bail!("{shown}: is now a symbolic link ({err}); not written")
        }
        Err(err) => return Err(err).with_context(|| format!("{shown}: cannot open before writing")),
    };
    let meta = file.metadata().with_context(|| format!("{shown}: cannot read before writing"))?;
    if !meta.is_file() || !same_file(&meta, read) {
        anyhow::bail!("{shown}: replaced by another file since it was read; not written");
    }
    let mut current = Vec::with_capacity(original.len());
    file.read_to_end(&mut current).with_context(|| format!("{shown}: cannot read before writing"))?;
    if current != original {
        anyhow::bail!("{shown}: changed since it was read; not written");
    }
    let mut temp = temporary_beside(path)?;
    temp.write_all(new.as_bytes()).with_context(|| format!("{shown}: cannot write"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        keep_owner(temp.as_file(), &meta).with_context(|| {
            format!(
                "{shown}: cannot keep the owner {}:{} (run as that user or as root); not written",
                meta.uid(),
                meta.gid()
            )
        })?;
    }
    // After the owner: changing the owner clears set-user-ID and set-group-ID bits.
    temp.as_file().set_permissions(meta.permissions()).with_context(|| format!("{shown}: cannot keep the mode"))?;
    temp.as_file().sync_all().with_context(|| format!("{shown}: cannot sync"))?;
    temp.persist(path).map_err(|e| anyhow::anyhow!("{shown}: cannot replace: {}", e.error))?;
    Ok(())
}

/// Writes a report to `path`: a regular file (or none) is replaced atomically, keeping its
/// mode; a FIFO or device is written to; a symbolic link or folder is refused.
pub(crate) fn write_report(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let shown = path.display();
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(meta),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("{shown}: cannot write the report")),
    };
    match &existing {
        Some(meta) if meta.file_type().is_symlink() => anyhow::bail!(
            "{shown}: is a symbolic link; the report is not written through it (remove the link or choose another path)"
        ),
        Some(meta) if meta.is_dir() => anyhow::bail!("{shown}: is a folder; cannot write the report"),
        Some(meta) if !meta.is_file() => {
            let mut file =
                open_no_follow_for_writing(path).with_context(|| format!("{shown}: cannot write the report"))?;
            return file.write_all(bytes).with_context(|| format!("{shown}: cannot write the report"));
        }
        _ => {}
    }
    let mut temp = temporary_beside(path)?;
    temp.write_all(bytes).with_context(|| format!("{shown}: cannot write the report"))?;
    if let Some(meta) = &existing {
        let _ = temp.as_file().set_permissions(meta.permissions());
    }
    temp.persist(path).map_err(|e| anyhow::anyhow!("{shown}: cannot write the report: {}", e.error))?;
    Ok(())
}

/// Opens an existing FIFO or device for writing, failing if it became a symbolic link.
fn open_no_follow_for_writing(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// A unified diff of a file's suggested fixes: from `old` to `all` (every fix applied, what
/// `--fix --unsafe-fixes` writes), each hunk labelled after its closing `@@` (where git writes a
/// function's name, so the diff still applies as a patch): `safe fix` when the safe fixes alone
/// (`safe`, what `--fix` writes) make that very change, else `unsafe fix`.
/// The file name is the one shown everywhere else, without its leading `./` components (see
/// [`header_path`]). The file name and the text are escaped for a terminal (control characters
/// become visible stand-ins), so a hunk over such a character does not apply as a patch.
pub(crate) fn labelled_diff(path: &str, old: &str, safe: &str, all: &str) -> String {
    let path = crate::escape::terminal(header_path(path));
    let safe_hunks: std::collections::HashSet<(std::ops::Range<usize>, String)> =
        hunks(old, safe).into_iter().map(|h| (h.old_lines, h.body)).collect();
    let mut out = String::new();
    for (i, hunk) in hunks(old, all).into_iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("--- a/{path}\n+++ b/{path}\n"));
        }
        let key = (hunk.old_lines, hunk.body);
        let label = if safe_hunks.contains(&key) { "safe fix" } else { "unsafe fix" };
        let (_, body) = key;
        out.push_str(&format!("{} {label}\n{body}", hunk.header));
    }
    crate::escape::terminal_lines(&out).into_owned()
}

/// A path as the `--- a/` and `+++ b/` headers name it: `./docs/a.md`, from `cm-lint --diff
/// ./docs`, is `docs/a.md`, so the headers read `a/docs/a.md` as git's do and `patch -p1` finds
/// the file (see [`crate::output::without_leading_dot`]).
fn header_path(path: &str) -> &str {
    crate::output::without_leading_dot(path)
}

/// One hunk of a unified diff. Two hunks make the same change when their old lines and their
/// lines are the same.
struct Hunk {
    old_lines: std::ops::Range<usize>,
    /// `@@ -a,b +c,d @@` (the new lines shift with the changes above it: not compared).
    header: String,
    /// The hunk's lines, each with its ` `, `-` or `+`.
    body: String,
}

/// The hunks of the unified diff from `old` to `new`, with three lines of context.
fn hunks(old: &str, new: &str) -> Vec<Hunk> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    unified.context_radius(3);
    unified
        .iter_hunks()
        .map(|hunk| {
            let text = hunk.to_string();
            let (header, body) = text.split_once('\n').unwrap_or((&text, ""));
            let first = hunk.ops().first().map_or(0, |op| op.old_range().start);
            let last = hunk.ops().last().map_or(0, |op| op.old_range().end);
            Hunk { old_lines: first..last, header: header.to_string(), body: body.to_string() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_swaps_and_keeps_crlf() {
        let source = "Our coaches give advice drawn from their own careers.\r\n";
        let document = cm_linter::Document { source, format: cm_linter::Format::PlainText };
        let fixed = cm_linter::Linter::default().fix(&document, None, cm_linter::Applicability::Unsafe);
        assert_eq!(fixed.source, "Our mentors give advice drawn from their own careers.\r\n");
        assert_eq!(fixed.applied, 1);
    }

    #[test]
    fn fixes_that_undo_each_other_are_not_applied_and_fixing_twice_is_fixing_once() {
        let linter = cm_linter::Linter::default();
        let fix = |source: &str| {
            linter
                .fix(
                    &cm_linter::Document { source, format: cm_linter::Format::Markdown },
                    None,
                    cm_linter::Applicability::Unsafe,
                )
                .source
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

    /// A hunk the safe fixes alone make is "safe fix"; one that holds an unsafe change, even
    /// beside a safe one, is "unsafe fix". No rule has a safe fix yet, so the texts are made up.
    #[test]
    fn labels_each_hunk_by_the_fixes_that_make_it() {
        let far = "x\n".repeat(10);
        let old = format!("a coach\n{far}the coachee\n{far}one mentor\n");
        let safe = format!("a coach\n{far}the client\n{far}one mentor\n");
        let all = format!("a mentor\n{far}the client\n{far}one coach\n");
        let diff = labelled_diff("p.md", &old, &safe, &all);
        let headers: Vec<&str> = diff.lines().filter(|l| l.starts_with("@@")).collect();
        assert_eq!(headers, ["@@ -1,4 +1,4 @@ unsafe fix", "@@ -9,7 +9,7 @@ safe fix", "@@ -20,4 +20,4 @@ unsafe fix"]);
        assert!(
            diff.starts_with("--- a/p.md\n+++ b/p.md\n@@ -1,4 +1,4 @@ unsafe fix\n-a coach\n+a mentor\n x\n"),
            "{diff}"
        );
        // A safe change within a hunk that holds an unsafe one: the hunk is unsafe.
        let near_old = "a coach\nthe coachee\n";
        let near_safe = "a coach\nthe client\n";
        let near_all = "a mentor\nthe client\n";
        let diff = labelled_diff("p.md", near_old, near_safe, near_all);
        assert_eq!(diff.lines().filter(|l| l.starts_with("@@")).collect::<Vec<_>>(), ["@@ -1,2 +1,2 @@ unsafe fix"]);
        assert_eq!(labelled_diff("p.md", near_old, near_old, near_old), "");
    }

    #[test]
    fn diff_headers_drop_only_leading_dot_components() {
        for (given, shown) in [
            ("./sub/a.md", "sub/a.md"),
            ("././sub/a.md", "sub/a.md"),
            (".//sub/a.md", "sub/a.md"),
            ("sub/./a.md", "sub/./a.md"),
            ("../x/a.md", "../x/a.md"),
            ("./../x/a.md", "../x/a.md"),
            (".x/a.md", ".x/a.md"),
            ("a.md", "a.md"),
            ("/abs/./a.md", "/abs/./a.md"),
        ] {
            assert_eq!(header_path(given), shown, "{given}");
        }
        let diff = labelled_diff("./sub/a\u{1b}.md", "a coach\n", "a coach\n", "a mentor\n");
        assert!(diff.starts_with("--- a/sub/a\u{241b}.md\n+++ b/sub/a\u{241b}.md\n@@ "), "{diff}");
    }

    /// The race of #15: the file is swapped for a link between read and write; the write must
    /// not reach the link's target, and the link stays.
    #[cfg(unix)]
    #[test]
    fn refuses_a_file_swapped_for_a_link_after_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("outside.md");
        let path = dir.path().join("a.md");
        std::fs::write(&target, "old").unwrap();
        std::fs::write(&path, "old").unwrap();
        let read = read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let err = write_atomically(&path, &read.meta, &read.bytes, "new").unwrap_err();
        assert!(format!("{err:#}").contains("is now a symbolic link"), "{err:#}");
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        // A file that went away is not called a link.
        std::fs::remove_file(&path).unwrap();
        let err = write_atomically(&path, &read.meta, &read.bytes, "new").unwrap_err();
        assert!(format!("{err:#}").contains("cannot open before writing"), "{err:#}");
        assert!(!path.exists());
    }

    #[test]
    fn refuses_a_file_replaced_by_another_with_the_same_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        let read = read(&path).unwrap();
        let other = dir.path().join("b.md");
        std::fs::write(&other, "old").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert!(write_atomically(&path, &read.meta, &read.bytes, "new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn refuses_a_file_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old contents").unwrap();
        let read = read(&path).unwrap();
        std::fs::OpenOptions::new().write(true).open(&path).unwrap().write_all(b"new").unwrap();
        assert!(write_atomically(&path, &read.meta, &read.bytes, "fixed").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
        let read = read(&path).unwrap();
        write_atomically(&path, &read.meta, &read.bytes, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777, 0o604);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_report_is_not_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim.txt");
        let link = dir.path().join("out.sarif");
        std::fs::write(&target, "precious").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_report(&link, b"report").unwrap_err();
        assert!(format!("{err:#}").contains("is a symbolic link; the report is not written through it"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        let plain = dir.path().join("plain.sarif");
        write_report(&plain, b"report").unwrap();
        write_report(&plain, b"report 2").unwrap();
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), "report 2");
        // A shorter report replaces a longer one whole: nothing of the old one is left after it.
        write_report(&plain, b"r").unwrap();
        assert_eq!(std::fs::read_to_string(&plain).unwrap(), "r");
        let err = write_report(dir.path(), b"report").unwrap_err();
        assert!(format!("{err:#}").contains("is a folder"), "{err:#}");
    }

    /// The temporary file is made in the folder of the file it replaces (a rename across file
    /// systems would fail), and in the working directory for a bare name.
    #[test]
    fn the_temporary_file_is_made_beside_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let temp = temporary_beside(&dir.path().join("a.md")).unwrap();
        assert_eq!(temp.path().parent(), Some(dir.path()));
        let bare = temporary_beside(Path::new("a.md")).unwrap();
        assert_eq!(bare.path().parent(), Some(std::env::current_dir().unwrap().as_path()));
    }

    /// A FIFO (or a device such as `/dev/stdout`) given to `--output` is written to, not
    /// replaced by a regular file.
    #[test]
    fn a_report_to_a_fifo_is_written_into_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("report.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("SKIPPED: no mkfifo here");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_report(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&std::fs::symlink_metadata(&fifo).unwrap().file_type()));
    }
}
