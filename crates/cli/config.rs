//! Finding and reading the configuration file; the engine parses it.
//!
//! A configuration that cannot be used is an error, never skipped: a `cm-lint.toml` that is a
//! folder, a FIFO or a device stops the search (a parent's file is not used instead), and is
//! refused without being opened for reading, so that a FIFO cannot stall the run.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use cm_linter::Config;

const NAMES: &[&str] = &["cm-lint.toml", ".cm-lint.toml"];

/// The largest configuration file read: far above any real one.
const MAX_BYTES: u64 = 1 << 20;

/// A configuration and the folder its paths are relative to.
pub(crate) struct Loaded {
    pub config: Config,
    pub root: PathBuf,
    #[allow(dead_code)]
    pub path: Option<PathBuf>,
}

/// The configuration file for `start`, searched upwards: the first path with a configuration
/// file's name that exists, whatever it is (it is checked when read).
pub(crate) fn find(start: &Path) -> anyhow::Result<Option<PathBuf>> {
    for path in start.ancestors().flat_map(|dir| NAMES.iter().map(move |name| dir.join(name))) {
        match std::fs::symlink_metadata(&path) {
            Ok(_) => return Ok(Some(path)),
            Err(err) if matches!(err.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {}
            Err(err) => return Err(err).with_context(|| format!("{}: cannot read configuration", path.display())),
        }
    }
    Ok(None)
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
fn read_text(path: &Path) -> anyhow::Result<String> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).with_context(|| format!("{shown}: cannot read configuration"))?;
    if let Some(what) = not_regular(&metadata) {
        bail!("{shown}: not a regular file ({what}); cannot use it as the configuration");
    }
    let file = open(path).with_context(|| format!("{shown}: cannot read configuration"))?;
    // The file opened is the one checked: it may have been swapped since.
    let metadata = file.metadata().with_context(|| format!("{shown}: cannot read configuration"))?;
    if let Some(what) = not_regular(&metadata) {
        bail!("{shown}: not a regular file ({what}); cannot use it as the configuration");
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).with_context(|| format!("{shown}: cannot read configuration"))?;
    if bytes.len() as u64 > MAX_BYTES {
        bail!("{shown}: larger than {} MiB; cannot use it as the configuration", MAX_BYTES >> 20);
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{shown}: not UTF-8 (at byte {}); cannot use it as the configuration",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads and parses a configuration file. The error names the file, line and column of every
/// problem, one per line (each line after the first with the `cm-lint: error: ` prefix that
/// the first gets where it is printed).
pub(crate) fn read(path: &Path) -> anyhow::Result<Config> {
    let text = read_text(path)?;
    Config::from_toml_all(&text).map_err(|errors| {
        let lines: Vec<String> =
            errors.iter().map(|e| format!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message)).collect();
        anyhow::anyhow!("{}", lines.join("\ncm-lint: error: "))
    })
}

/// The configuration for a run: the explicit file, else the nearest one, else the defaults.
pub(crate) fn load(explicit: Option<&Path>, isolated: bool, cwd: &Path) -> anyhow::Result<Loaded> {
    if isolated {
        return Ok(Loaded { config: Config::default(), root: cwd.to_path_buf(), path: None });
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => find(cwd)?,
    };
    match path {
        Some(path) => {
            let config = read(&path)?;
            let root = path.parent().map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
            Ok(Loaded { config, root, path: Some(path) })
        }
        None => Ok(Loaded { config: Config::default(), root: cwd.to_path_buf(), path: None }),
    }
}
