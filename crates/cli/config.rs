//! Finding and reading the configuration file; the engine parses it.

use std::path::{Path, PathBuf};

use anyhow::Context;
use cm_linter::Config;

const NAMES: &[&str] = &["cm-lint.toml", ".cm-lint.toml"];

/// A configuration and the folder its paths are relative to.
pub(crate) struct Loaded {
    pub config: Config,
    pub root: PathBuf,
    #[allow(dead_code)]
    pub path: Option<PathBuf>,
}

/// The configuration file for `start`, searched upwards.
pub(crate) fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().flat_map(|dir| NAMES.iter().map(move |name| dir.join(name))).find(|p| p.is_file())
}

/// Reads and parses a configuration file; the error names the file, line and column.
pub(crate) fn read(path: &Path) -> anyhow::Result<Config> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("{}: cannot read configuration", path.display()))?;
    Config::from_toml(&text).map_err(|e| anyhow::anyhow!("{}:{}:{}: {}", path.display(), e.line, e.column, e.message))
}

/// The configuration for a run: the explicit file, else the nearest one, else the defaults.
pub(crate) fn load(explicit: Option<&Path>, isolated: bool, cwd: &Path) -> anyhow::Result<Loaded> {
    if isolated {
        return Ok(Loaded { config: Config::default(), root: cwd.to_path_buf(), path: None });
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => find(cwd),
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
