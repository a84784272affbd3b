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
    pub kind: Kind,
    /// The file was reached through a symbolic link (the file itself, or a folder named on the
    /// command line or on its path below the working directory): `--fix` does not write it.
    pub linked: bool,
}

/// A file's text: decoded as UTF-8, with where decoding failed, if it did.
pub(crate) struct Text {
    pub text: String,
    /// The bytes were valid UTF-8; only then may `--fix` write the file back.
    pub lossless: bool,
    pub invalid_at: Option<usize>,
}

/// What a file is, by its name: text in one of the engine's formats, or a Word document (a zip
/// archive whose text the engine's `docx` reader renders as Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text(Format),
    Docx,
}

impl Kind {
    /// The kind of a walked file; `None` for a file of no supported format.
    pub fn of(path: &Path) -> Option<Kind> {
        format_of(path).map(Kind::Text).or_else(|| is_docx(path).then_some(Kind::Docx))
    }

    /// The kind of a file named on the command line: linted whatever its name, as plain text
    /// when the name says nothing.
    pub fn named(path: &Path) -> Kind {
        Kind::of(path).unwrap_or(Kind::Text(Format::PlainText))
    }
}

pub(crate) fn format_of(path: &Path) -> Option<Format> {
    path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension)
}

/// Whether a path is a Word document.
fn is_docx(path: &Path) -> bool {
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

/// Paths relative to the configuration root, computed without a system call per file.
pub(crate) struct Relative {
    cwd: PathBuf,
    root: PathBuf,
}

impl Relative {
    pub fn new(root: &Path) -> Relative {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = if root.is_absolute() { root.to_path_buf() } else { cwd.join(root) };
        Relative { root: std::path::absolute(&root).unwrap_or(root), cwd }
    }

    pub fn of(&self, path: &Path) -> String {
        let joined;
        let abs = if path.is_absolute() {
            path
        } else {
            joined = self.cwd.join(path);
            &joined
        };
        // `absolute` of an absolute path tidies `a/./b` without touching the file system.
        let abs = std::path::absolute(abs).unwrap_or_else(|_| abs.to_path_buf());
        let rel = abs.strip_prefix(&self.root).unwrap_or(path);
        rel.to_string_lossy().replace('\\', "/").trim_start_matches("./").to_string()
    }
}

/// Which files to lint and which part of them (`--shard`).
pub(crate) struct Selection<'a> {
    pub include: Option<&'a GlobSet>,
    pub exclude: Option<&'a GlobSet>,
    /// Whether the configuration governing a path's folder excludes it (its own globs,
    /// relative to its own folder).
    pub config_exclude: std::sync::Arc<dyn Fn(&Path) -> bool + Send + Sync>,
    pub root: &'a Path,
    /// This run's shard (0-based) of how many.
    pub shard: Option<(u32, u32)>,
    /// Say why each file left out was left out (`-v`): excluded, not a supported format, or
    /// ignored by `.gitignore`, `.ignore` or as hidden (found by a second walk without those
    /// filters, which does not go into a folder left out whole).
    pub verbose: bool,
}

/// What a walk gives: a result per file (sorted by path) and what went wrong or was skipped.
pub(crate) struct Walked<T> {
    pub files: Vec<(InputFile, T)>,
    pub errors: Vec<String>,
    pub skipped: Vec<String>,
}

/// The relative path of a file below one of the walked folders, from the folder's.
fn relative_under(dirs: &[(&Path, String)], path: &Path) -> Option<String> {
    dirs.iter().find_map(|(dir, prefix)| {
        let tail = path.strip_prefix(dir).ok()?.to_str()?;
        if tail.is_empty() || tail.contains('\\') || tail.split('/').any(|c| c == "." || c == "..") {
            return None;
        }
        Some(if prefix.is_empty() || prefix == "." { tail.to_string() } else { format!("{prefix}/{tail}") })
    })
}

/// Why a walked file is left out, if it is.
fn left_out(selection: &Selection<'_>, path: &Path, relative: &str) -> Option<&'static str> {
    if selection.exclude.is_some_and(|set| set.is_match(relative)) {
        Some("excluded")
    } else if (selection.config_exclude)(path) {
        Some("excluded by the configuration")
    } else if selection.include.is_some_and(|set| !set.is_match(relative)) {
        Some("not included")
    } else {
        None
    }
}

/// Walks `paths` and runs `lint` on every file selected, in parallel: directories are walked by
/// several threads (as ripgrep does) and each file is linted by the thread that finds it, so
/// that walking, reading and linting overlap. Files named on the command line are linted
/// whatever their extension. Results come back sorted by path, without repeats.
pub(crate) fn walk<T: Send>(
    paths: &[PathBuf],
    selection: &Selection<'_>,
    lint: impl Fn(&InputFile) -> T + Sync,
) -> Walked<T> {
    use rayon::prelude::*;
    let relative = Relative::new(selection.root);
    let in_shard = |relative: &str| selection.shard.is_none_or(|(k, n)| shard_of(relative, n) == k);
    let mut errors = Vec::new();
    let mut named = Vec::new();
    let mut dirs = Vec::new();
    let mut linked_dirs = Vec::new();
    for given in paths {
        if given.is_file() {
            let kind = Kind::named(given);
            let display = given.display().to_string();
            let linked = through_link(given, &relative.cwd);
            let file = InputFile { path: given.clone(), display, relative: relative.of(given), kind, linked };
            if in_shard(&file.relative) {
                named.push(file);
            }
        } else if given.exists() {
            dirs.push(given);
            if through_link(given, &relative.cwd) {
                linked_dirs.push(given.as_path());
            }
        } else {
            errors.push(format!("{}: no such file or directory", given.display()));
        }
    }
    let mut files: Vec<(InputFile, T)> = named
        .into_par_iter()
        .map(|file| {
            let out = lint(&file);
            (file, out)
        })
        .collect();
    let found = std::sync::Mutex::new(Vec::new());
    let walk_errors = std::sync::Mutex::new(Vec::new());
    let skipped = std::sync::Mutex::new(Vec::new());
    // Each walked folder's relative path, computed once: a file's is that and its path below.
    let dir_prefixes: Vec<(&Path, String)> = dirs.iter().map(|d| (d.as_path(), relative.of(d))).collect();
    if let Some((first, rest)) = dirs.split_first() {
        let mut builder = ignore::WalkBuilder::new(first);
        for dir in rest {
            builder.add(dir);
        }
        let exclude_dirs = selection.exclude.cloned();
        let config_exclude = std::sync::Arc::clone(&selection.config_exclude);
        let dir_relative = Relative::new(selection.root);
        let seen = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
        let pruned = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (seen_by_walk, pruned_by_walk) = (std::sync::Arc::clone(&seen), std::sync::Arc::clone(&pruned));
        let verbose = selection.verbose;
        builder.threads(rayon::current_num_threads()).filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let excluded = is_dir
                && (exclude_dirs.as_ref().is_some_and(|set| set.is_match(dir_relative.of(entry.path())))
                    || config_exclude(entry.path()));
            if verbose {
                // An excluded folder is seen (and said) here, and not entered by the second walk.
                seen_by_walk.lock().expect("not poisoned").insert((entry.path().to_path_buf(), !excluded));
                if excluded {
                    let line = format!("{}: folder excluded", entry.path().display());
                    pruned_by_walk.lock().expect("not poisoned").push(line);
                }
            }
            !excluded
        });
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        walk_errors.lock().expect("not poisoned").push(err.to_string());
                        return ignore::WalkState::Continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let path = entry.path();
                let Some(kind) = Kind::of(path) else {
                    if selection.verbose {
                        skipped
                            .lock()
                            .expect("not poisoned")
                            .push(format!("{}: not a supported format", path.display()));
                    }
                    return ignore::WalkState::Continue;
                };
                let rel = relative_under(&dir_prefixes, path).unwrap_or_else(|| relative.of(path));
                if let Some(why) = left_out(selection, path, &rel) {
                    skipped.lock().expect("not poisoned").push(format!("{}: {why}", path.display()));
                    return ignore::WalkState::Continue;
                }
                if in_shard(&rel) {
                    let display = path.display().to_string();
                    // The walk follows no link below a folder it was given: only that folder
                    // can be one.
                    let linked = linked_dirs.iter().any(|dir| path.starts_with(dir));
                    let file = InputFile { path: path.to_path_buf(), display, relative: rel, kind, linked };
                    let out = lint(&file);
                    found.lock().expect("not poisoned").push((file, out));
                }
                ignore::WalkState::Continue
            })
        });
        if selection.verbose {
            skipped.lock().expect("not poisoned").append(&mut pruned.lock().expect("not poisoned"));
            // Everything the walk did not reach: hidden, or ignored by a `.gitignore` or
            // `.ignore` file; a folder is named once, not entered.
            let seen = std::sync::Arc::new(std::mem::take(&mut *seen.lock().expect("not poisoned")));
            let ignored = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            for dir in &dirs {
                let (seen, noted) = (std::sync::Arc::clone(&seen), std::sync::Arc::clone(&ignored));
                let unfiltered = ignore::WalkBuilder::new(dir)
                    .standard_filters(false)
                    .filter_entry(move |entry| {
                        if entry.depth() == 0 || seen.contains(&(entry.path().to_path_buf(), true)) {
                            return true;
                        }
                        if seen.contains(&(entry.path().to_path_buf(), false)) {
                            return false;
                        }
                        // A repository's own folder is no news.
                        if entry.file_name() != ".git" {
                            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                            let what = if is_dir { "folder " } else { "" };
                            noted.lock().expect("not poisoned").push(format!(
                                "{}: {what}hidden or ignored (.gitignore, .ignore)",
                                entry.path().display()
                            ));
                        }
                        false
                    })
                    .build();
                unfiltered.for_each(drop);
            }
            skipped.lock().expect("not poisoned").append(&mut ignored.lock().expect("not poisoned"));
        }
    }
    files.extend(found.into_inner().expect("not poisoned"));
    // Path order (component by component), computed once per file: comparing `Path`s parses
    // their components at every comparison.
    files.sort_by_cached_key(|(file, _)| path_order_key(&file.path));
    // One file named twice (`docs docs/a.md`, `./docs`, an absolute path) is reported once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|(file, _)| seen.insert(file.relative.clone()));
    let mut walk_errors = walk_errors.into_inner().expect("not poisoned");
    walk_errors.sort();
    errors.extend(walk_errors);
    let mut skipped = skipped.into_inner().expect("not poisoned");
    skipped.sort();
    Walked { files, errors, skipped }
}

/// Whether `path` is, or is reached through, a symbolic link: its last component, and for a
/// relative path (or an absolute one below the working directory) every folder on the way.
/// Folders above the working directory are the user's business (`/tmp` is a link on macOS).
fn through_link(path: &Path, cwd: &Path) -> bool {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    // Without a trailing `/`, which would make the last link followed.
    let path: PathBuf = path.components().collect();
    let path = path.as_path();
    let (mut walked, rest) = if path.is_relative() {
        (cwd.to_path_buf(), path)
    } else if let Ok(rest) = path.strip_prefix(cwd) {
        (cwd.to_path_buf(), rest)
    } else {
        return is_link(path);
    };
    for component in rest.components() {
        walked.push(component);
        if matches!(component, std::path::Component::Normal(_)) && is_link(&walked) {
            return true;
        }
    }
    false
}

/// A key whose byte order is the path's component order: separators become the smallest byte.
fn path_order_key(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for byte in &mut key {
        if *byte == b'/' || (cfg!(windows) && *byte == b'\\') {
            *byte = 0;
        }
    }
    key
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
    !utf16 && memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_order_key_sorts_as_paths_do() {
        let mut paths: Vec<PathBuf> =
            ["a-b/x.md", "a/b.md", "a/b/c.md", "a.md", "a/b-c.md", "b.md", "a/ü.md", "A.md", "a/b c.md"]
                .iter()
                .map(PathBuf::from)
                .collect();
        let mut by_key = paths.clone();
        paths.sort();
        by_key.sort_by_cached_key(|p| path_order_key(p));
        assert_eq!(paths, by_key);
    }

    #[test]
    fn shards_are_stable_and_cover_every_file() {
        assert_eq!(shard_of("docs/a.md", 4), shard_of("docs/a.md", 4));
        let names: Vec<String> = (0..100).map(|i| format!("docs/{i}.md")).collect();
        let mut counts = [0; 4];
        for name in &names {
            counts[shard_of(name, 4) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| c > 10), "{counts:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_on_the_way_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/sub")).unwrap();
        std::fs::write(root.join("real/sub/a.md"), "x").unwrap();
        std::os::unix::fs::symlink("real", root.join("link")).unwrap();
        std::os::unix::fs::symlink("sub/a.md", root.join("real/file-link.md")).unwrap();
        // The path; whether it is reached through a link; whether its last component is one
        // (all that is checked outside the working directory).
        for (path, linked, last) in [
            ("real", false, false),
            ("real/sub/a.md", false, false),
            ("./real/sub/", false, false),
            ("link", true, true),
            ("link/", true, true),
            ("link/sub/a.md", true, false),
            ("real/../link/sub", true, false),
            ("real/file-link.md", true, true),
        ] {
            assert_eq!(through_link(Path::new(path), root), linked, "{path} from the root");
            let absolute = format!("{}/{path}", root.display());
            assert_eq!(through_link(Path::new(&absolute), root), linked, "{absolute} below the root");
            assert_eq!(through_link(Path::new(&absolute), Path::new("/nowhere")), last, "{absolute}");
        }
    }

    #[test]
    fn decodes_utf16_and_reports_invalid_utf8() {
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("hé".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(utf16).text, "hé");
        let bad = decode(b"ok\xFFok".to_vec());
        assert_eq!((bad.invalid_at, bad.lossless), (Some(2), false));
        assert!(is_binary(b"a\0b") && !is_binary(b"plain text"));
    }
}
