//! Finding and reading configuration files, once for the command line and the language server.
//!
//! The only I/O of the engine. A file is governed by the nearest `cm-lint.toml` (or
//! `.cm-lint.toml`) in its folder or above, as in ruff and Vale: `cm-lint hrdocs/` run from the
//! parent folder uses `hrdocs/cm-lint.toml`, and a page opened in an editor gets the same
//! configuration as in CI. Paths in a configuration (`exclude`, `per-file-ignores`) are relative
//! to the folder it is in.
//!
//! A configuration that cannot be used is an error, never skipped: a `cm-lint.toml` that is a
//! folder, a FIFO or a device stops the search (a parent's file is not used instead), and is
//! refused without being opened for reading, so that a FIFO cannot stall the run. Every problem
//! in a file is reported, each with its line and column.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::Config;

/// The names a configuration file can have, in the order they are looked for in a folder.
pub const CONFIG_NAMES: [&str; 2] = ["cm-lint.toml", ".cm-lint.toml"];

/// The largest configuration file read: far above any real one.
const MAX_BYTES: u64 = 1 << 20;

/// Why a configuration cannot be used: one line per problem, each naming the file (and, for
/// a parse error, its line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<String>,
}

impl LoadError {
    fn one(problem: String) -> LoadError {
        LoadError { problems: vec![problem] }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for LoadError {}

/// A configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// The folder the configuration's paths are relative to: the file's folder, or for the
    /// defaults, the folder the search started from.
    pub root: PathBuf,
    /// The file read; `None` for the defaults.
    pub file: Option<PathBuf>,
}

impl Loaded {
    /// The defaults, with paths relative to `root`.
    #[must_use]
    pub fn defaults(root: &Path) -> Loaded {
        Loaded { config: Config::default(), root: absolute(root), file: None }
    }

    /// `path` relative to this configuration's folder, with `/` separators (as `exclude` and
    /// `per-file-ignores` globs are written), worked out from the names alone. A path outside
    /// the folder is given whole.
    #[must_use]
    pub fn relative(&self, path: &Path) -> String {
        relative_to_loaded_root(&self.root, path)
    }
}

/// `path` relative to `root` (both made absolute against the working directory, lexically),
/// with `/` separators; a path outside `root` is given whole.
#[must_use]
pub fn relative_to(root: &Path, path: &Path) -> String {
    shown_under(&absolute(root), &absolute(path))
}

/// As [`relative_to`], for a root that is absolute and tidy already (a [`Loaded::root`]): only
/// `path` is made so, once per file.
#[must_use]
pub fn relative_to_loaded_root(root: &Path, path: &Path) -> String {
    // The common case, read from the bytes: a tidy relative path (no `.` or empty component)
    // under a root that is the working directory is itself.
    if path.is_relative() && cwd().is_some_and(|cwd| cwd == root) {
        let text = path.to_string_lossy();
        let tidy = !text.is_empty()
            && !text.ends_with('/')
            && !text.contains('\\')
            && text.split('/').all(|c| !c.is_empty() && c != ".");
        if tidy {
            return text.into_owned();
        }
    }
    shown_under(root, &absolute(path))
}

/// `abs` relative to `root` (both absolute and tidy), with `/` separators, or whole.
fn shown_under(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).map_or(abs, |r| r);
    let shown = rel.to_string_lossy().replace('\\', "/");
    shown.trim_start_matches("./").to_string()
}

/// The working directory, tidy (as [`absolute`] makes paths), read once per process.
fn cwd() -> Option<&'static PathBuf> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok().map(|d| std::path::absolute(&d).unwrap_or(d))).as_ref()
}

/// A path made absolute against the working directory, `.` components dropped, without
/// touching the file system (links are not resolved). The working directory is asked once per
/// process, not once per file: cm-lint's front ends never change it.
fn absolute(path: &Path) -> PathBuf {
    let joined;
    let path = match cwd() {
        Some(cwd) if path.is_relative() => {
            joined = cwd.join(path);
            &joined
        }
        _ => path,
    };
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The configuration file for a folder: the first path with a configuration file's name that
/// exists in `dir` or a folder above, whatever it is (it is checked when read).
///
/// # Errors
/// A path on the way that cannot be looked at (permission denied).
pub fn find(dir: &Path) -> Result<Option<PathBuf>, LoadError> {
    for d in absolute(dir).ancestors() {
        if let Some(path) = own(d)? {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// The configuration file in `dir` itself, if there is one.
fn own(dir: &Path) -> Result<Option<PathBuf>, LoadError> {
    for path in CONFIG_NAMES.iter().map(|name| dir.join(name)) {
        match std::fs::symlink_metadata(&path) {
            Ok(_) => return Ok(Some(path)),
            Err(err) if matches!(err.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {}
            Err(err) => return Err(LoadError::one(format!("{}: cannot read configuration: {err}", path.display()))),
        }
    }
    Ok(None)
}

/// Reads and parses a configuration file: every problem, each on its own line as
/// `path:line:column: message`.
///
/// # Errors
/// The file cannot be read, is not a regular file of at most 1 MiB of UTF-8, or does not parse.
pub fn read(path: &Path) -> Result<Loaded, LoadError> {
    let text = read_text(path).map_err(LoadError::one)?;
    let config = Config::from_toml_all(&text).map_err(|errors| LoadError {
        problems: errors.iter().map(|e| format!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message)).collect(),
    })?;
    let path = absolute(path);
    let root = path.parent().map_or_else(|| absolute(Path::new(".")), Path::to_path_buf);
    Ok(Loaded { config, root, file: Some(path) })
}

/// The configuration for files in `dir`: the nearest file's, else the defaults (relative to
/// `dir`).
///
/// # Errors
/// As [`find`] and [`read`].
pub fn load_for_dir(dir: &Path) -> Result<Loaded, LoadError> {
    match find(dir)? {
        Some(path) => read(&path),
        None => Ok(Loaded::defaults(dir)),
    }
}

/// The configuration file found for a folder (`None`: none up to the root), or why not.
type Found = Result<Option<PathBuf>, Arc<LoadError>>;

/// What a [`Discovery`] gives for a folder: the front end's value for its configuration
/// (a linter, say), shared by every file it governs, or why it cannot be used.
pub type Resolved<T> = Result<Arc<T>, Arc<LoadError>>;

/// The configuration of each file, found from its folder upwards and made once per
/// configuration file into the front end's value by `make` (a [`crate::Linter`] with the
/// command line's or the editor's settings on top, say). Folders and files are remembered, so a
/// tree of thousands of files reads each configuration once; safe to share between threads.
pub struct Discovery<T> {
    make: Box<dyn Fn(Loaded) -> T + Send + Sync>,
    /// A folder's configuration file (`None`: none up to the root).
    /// (Keyed by the absolute path's bytes, as `asked` is.)
    folders: Mutex<HashMap<std::ffi::OsString, Found>>,
    /// A configuration file's value; the defaults are under the empty path.
    files: Mutex<HashMap<PathBuf, Resolved<T>>>,
    /// Where the defaults' paths are relative to.
    default_root: PathBuf,
    /// Each folder's value by the path it was asked for (as given, before it is made
    /// absolute): the files of a folder ask with the same path, and that is one look-up.
    /// Keyed by the path's bytes: hashing a `Path` splits it into components, every time.
    asked: Mutex<HashMap<std::ffi::OsString, Resolved<T>>>,
}

impl<T> fmt::Debug for Discovery<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Discovery").field("default_root", &self.default_root).finish_non_exhaustive()
    }
}

impl<T> Discovery<T> {
    /// A discovery whose files without any configuration get the defaults, with paths
    /// relative to `default_root` (the working directory, or the workspace folder).
    pub fn new(default_root: &Path, make: impl Fn(Loaded) -> T + Send + Sync + 'static) -> Discovery<T> {
        Discovery {
            make: Box::new(make),
            folders: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
            default_root: absolute(default_root),
            asked: Mutex::new(HashMap::new()),
        }
    }

    /// The configuration file for `dir` (absolute): its own, else its parent's, each folder
    /// looked at once however many files and folders below it ask (a folder's answer is
    /// remembered, and a new folder needs only the folders above it not yet known).
    fn found(&self, dir: &Path) -> Found {
        let (mut unknown, mut above): (Vec<&Path>, Found) = (Vec::new(), Ok(None));
        {
            let folders = self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            for d in dir.ancestors() {
                if let Some(known) = folders.get(d.as_os_str()) {
                    above = known.clone();
                    break;
                }
                unknown.push(d);
            }
        }
        // From the highest unknown folder down: each has its own file, or the one above it.
        let mut answers = Vec::with_capacity(unknown.len());
        for d in unknown.iter().rev() {
            above = match own(d) {
                Ok(Some(path)) => Ok(Some(path)),
                Ok(None) => above,
                Err(err) => Err(Arc::new(err)),
            };
            answers.push((d.as_os_str().to_owned(), above.clone()));
        }
        let mut folders = self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (d, answer) in answers {
            folders.entry(d).or_insert(answer);
        }
        above
    }

    /// The value for files in `dir`.
    pub fn for_dir(&self, dir: &Path) -> Resolved<T> {
        if let Some(done) = self.asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(dir.as_os_str()) {
            return done.clone();
        }
        let resolved = self.resolve(dir);
        self.asked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(dir.as_os_str().to_owned(), resolved.clone());
        resolved
    }

    fn resolve(&self, dir: &Path) -> Resolved<T> {
        let file = self.found(&absolute(dir))?;
        let key = file.clone().unwrap_or_default();
        if let Some(done) = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
            return done.clone();
        }
        // Read outside the lock: two threads may read one file at once; the first kept wins.
        let loaded = match &file {
            Some(path) => read(path),
            None => Ok(Loaded::defaults(&self.default_root)),
        };
        let made = loaded.map(|l| Arc::new((self.make)(l))).map_err(Arc::new);
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).entry(key).or_insert(made).clone()
    }

    /// The value for a file (from its folder).
    pub fn for_file(&self, file: &Path) -> Resolved<T> {
        match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => self.for_dir(parent),
            Some(_) => self.for_dir(Path::new(".")),
            None => self.for_dir(file),
        }
    }

    /// How many configurations have been made so far (the defaults count as one).
    pub fn made(&self) -> usize {
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).values().filter(|v| v.is_ok()).count()
    }

    /// Every configuration that could not be used so far, each once, in path order: a file
    /// that does not parse, or a folder on the way that cannot be looked at.
    pub fn errors(&self) -> Vec<Arc<LoadError>> {
        let mut all: Vec<Arc<LoadError>> = Vec::new();
        let folders = self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        all.extend(folders.values().filter_map(|v| v.as_ref().err().cloned()));
        drop(folders);
        let files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        all.extend(files.values().filter_map(|v| v.as_ref().err().cloned()));
        all.sort_by(|a, b| a.problems.cmp(&b.problems));
        all.dedup_by(|a, b| a.problems == b.problems);
        all
    }
}

/// `O_NONBLOCK`, so that opening a FIFO swapped in after the check does not wait for a writer.
#[cfg(any(target_os = "linux", target_os = "android"))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd"))]
const O_NONBLOCK: i32 = 0x0004;

fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

/// Why a file's type makes it unusable as a configuration, if it does.
fn not_regular(metadata: &std::fs::Metadata) -> Option<&'static str> {
    if metadata.is_file() {
        return None;
    }
    Some(if metadata.is_dir() { "a folder" } else { "a FIFO, socket or device" })
}

/// The text of a configuration file: a regular file (links followed) of at most 1 MiB of UTF-8.
fn read_text(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let cannot = |err: std::io::Error| format!("{shown}: cannot read configuration: {err}");
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if let Some(what) = not_regular(&metadata) {
        return Err(format!("{shown}: not a regular file ({what}); cannot use it as the configuration"));
    }
    let file = open(path).map_err(cannot)?;
    // The file opened is the one checked: it may have been swapped since.
    let metadata = file.metadata().map_err(cannot)?;
    if let Some(what) = not_regular(&metadata) {
        return Err(format!("{shown}: not a regular file ({what}); cannot use it as the configuration"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("{shown}: larger than {} MiB; cannot use it as the configuration", MAX_BYTES >> 20));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!("{shown}: not UTF-8 (at byte {}); cannot use it as the configuration", e.utf8_error().valid_up_to())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path for a tidy relative path gives what making it absolute and stripping the
    /// root gives; untidy paths take the slow path.
    #[test]
    fn relative_paths_under_the_working_directory() {
        let root = cwd().expect("a working directory").clone();
        for path in ["a.md", "docs/a.md", "../up/a.md", "./a.md", "docs//a.md", "docs/./a.md", "docs/", "x/../y.md"] {
            let slow = shown_under(&root, &absolute(Path::new(path)));
            assert_eq!(relative_to_loaded_root(&root, Path::new(path)), slow, "{path}");
        }
        assert_eq!(relative_to_loaded_root(&root, Path::new("docs/a.md")), "docs/a.md");
        assert_eq!(relative_to_loaded_root(&root, Path::new("./docs/a.md")), "docs/a.md");
    }

    fn tree(files: &[(&str, &str)]) -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "cm-discover-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn the_nearest_file_above_a_file_governs_it() {
        let dir = tree(&[
            ("cm-lint.toml", "ignore = [\"CM001\"]\n"),
            ("hr/.cm-lint.toml", "ignore = [\"CM002\"]\n"),
            ("hr/deep/a.md", ""),
            ("b.md", ""),
        ]);
        let discovery = Discovery::new(&dir, |l: Loaded| (l.config.ignore.clone(), l.root.clone()));
        let deep = discovery.for_file(&dir.join("hr/deep/a.md")).unwrap();
        assert_eq!(deep.0, [crate::Rule::MixedRoles]);
        assert_eq!(deep.1, dir.join("hr"));
        let top = discovery.for_file(&dir.join("b.md")).unwrap();
        assert_eq!(top.0, [crate::Rule::InterchangeableTerms]);
        // Each configuration is made once and shared.
        assert!(Arc::ptr_eq(&deep, &discovery.for_dir(&dir.join("hr")).unwrap()));
        assert_eq!(discovery.made(), 2);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_broken_file_is_an_error_with_every_problem_not_its_parents_file() {
        let dir = tree(&[("cm-lint.toml", ""), ("hr/cm-lint.toml", "select = [\"CM999\"]\nignore = [\"CM998\"]\n")]);
        let discovery = Discovery::new(&dir, |l: Loaded| l.config);
        let err = discovery.for_dir(&dir.join("hr")).unwrap_err();
        assert_eq!(err.problems.len(), 2, "{err}");
        assert!(err.problems[0].contains("cm-lint.toml:1:"), "{err}");
        assert!(err.problems[1].contains("cm-lint.toml:2:"), "{err}");
        assert!(discovery.for_dir(&dir).is_ok());
        assert_eq!(discovery.errors().len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_folder_named_like_a_configuration_stops_the_search() {
        let dir = tree(&[("cm-lint.toml", ""), ("hr/cm-lint.toml/x", "")]);
        let err = load_for_dir(&dir.join("hr")).unwrap_err();
        assert!(err.to_string().contains("not a regular file (a folder)"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn without_a_file_the_defaults_are_relative_to_the_default_root() {
        let dir = tree(&[("a/b.md", "")]);
        // A folder with no configuration up to the file system's root is rare on a test
        // machine's temporary folder but possible; only the shape is asserted when one exists.
        let discovery = Discovery::new(&dir, |l: Loaded| l);
        let loaded = discovery.for_dir(&dir.join("a")).unwrap();
        if loaded.file.is_none() {
            assert_eq!(loaded.root, dir);
            assert_eq!(loaded.relative(&dir.join("a/b.md")), "a/b.md");
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn paths_are_relative_to_the_configuration_folder() {
        let loaded = Loaded { config: Config::default(), root: PathBuf::from("/x/hr"), file: None };
        assert_eq!(loaded.relative(Path::new("/x/hr/./legacy/a.md")), "legacy/a.md");
        assert_eq!(loaded.relative(Path::new("/x/other/a.md")), "/x/other/a.md");
    }
}
