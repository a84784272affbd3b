//! The configuration of each linted file: the file named by `--config`, or the nearest one in
//! the file's folder or above (found and read by the engine's `discover`, which the language
//! server uses too), with the command line's settings on top. `--isolated` uses the defaults.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cm_linter::discover::{self, Discovery, LoadError, Loaded, Resolved};
use cm_linter::{Linter, Severity};
use globset::GlobSet;

use crate::args::FailOn;

/// The command line's settings, put on top of every configuration.
#[derive(Debug, Clone)]
pub(crate) struct Overrides {
    pub select: Option<Vec<cm_linter::Rule>>,
    pub ignore: Vec<cm_linter::Rule>,
    pub fail_on: Option<FailOn>,
}

/// What linting a file takes from its configuration.
pub(crate) struct Prepared {
    pub linter: Linter,
    /// The folder the configuration's paths are relative to.
    pub root: PathBuf,
    /// The configuration's `exclude` globs.
    pub exclude: Option<GlobSet>,
    /// The lowest severity that makes the run fail; `None` never fails on findings.
    pub threshold: Option<Severity>,
}

impl Prepared {
    fn new(loaded: Loaded, overrides: &Overrides) -> Prepared {
        let mut config = loaded.config;
        if let Some(select) = &overrides.select {
            config.select = Some(select.clone());
        }
        config.ignore.extend(overrides.ignore.iter().copied());
        let threshold = match overrides.fail_on {
            Some(FailOn::Never) => None,
            Some(FailOn::Info) => Some(Severity::Info),
            Some(FailOn::Warning) => Some(Severity::Warning),
            Some(FailOn::Error) => Some(Severity::Error),
            None => Some(config.fail_on.unwrap_or(Severity::Warning)),
        };
        // The engine has checked these globs as `glob_set` builds them.
        let exclude = crate::walk::glob_set(&config.exclude).ok().flatten();
        Prepared { linter: Linter::new(config), root: loaded.root, exclude, threshold }
    }

    /// `path` relative to the configuration's folder, for `per-file-ignores`.
    pub fn relative(&self, path: &Path) -> String {
        // `root` comes from a `Loaded`: absolute and tidy.
        discover::relative_to_loaded_root(&self.root, path)
    }

    /// Whether the configuration's `exclude` leaves out `path`.
    fn excludes(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|set| set.is_match(self.relative(path)))
    }
}

/// The configurations of a run.
pub(crate) enum Configs {
    /// `--config FILE` or `--isolated`: one for every file.
    One(Arc<Prepared>),
    /// Each file's own, found from its folder upwards.
    Discovered(Discovery<Prepared>),
}

impl Configs {
    /// # Errors
    /// The file named by `--config` cannot be used (every problem in it is listed).
    pub fn new(explicit: Option<&Path>, isolated: bool, cwd: &Path, overrides: Overrides) -> anyhow::Result<Configs> {
        if isolated {
            return Ok(Configs::One(Arc::new(Prepared::new(Loaded::defaults(cwd), &overrides))));
        }
        if let Some(path) = explicit {
            let loaded = discover::read(path).map_err(problems)?;
            return Ok(Configs::One(Arc::new(Prepared::new(loaded, &overrides))));
        }
        Ok(Configs::Discovered(Discovery::new(cwd, move |loaded| Prepared::new(loaded, &overrides))))
    }

    /// The configuration of the files in `dir`.
    pub fn for_dir(&self, dir: &Path) -> Resolved<Prepared> {
        match self {
            Configs::One(one) => Ok(Arc::clone(one)),
            Configs::Discovered(discovery) => discovery.for_dir(dir),
        }
    }

    /// The configuration of `file`.
    pub fn for_file(&self, file: &Path) -> Resolved<Prepared> {
        match self {
            Configs::One(one) => Ok(Arc::clone(one)),
            Configs::Discovered(discovery) => discovery.for_file(file),
        }
    }

    /// Whether the configuration that governs the folder holding `path` excludes it (a folder
    /// is left out by its parent's configuration, so a subfolder's own file cannot undo it).
    pub fn excludes(&self, path: &Path) -> bool {
        let Some(parent) = path.parent() else { return false };
        let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        self.for_dir(parent).is_ok_and(|prepared| prepared.excludes(path))
    }

    /// The folder the command line's `--include` and `--exclude` globs are relative to: the
    /// `--config` file's, else that of the configuration nearest the working directory, else
    /// the working directory.
    pub fn run_root(&self, cwd: &Path) -> PathBuf {
        self.for_dir(cwd).map_or_else(|_| cwd.to_path_buf(), |prepared| prepared.root.clone())
    }

    /// The problems of every configuration file that could not be used, each once.
    pub fn problems(&self) -> Vec<String> {
        match self {
            Configs::One(_) => Vec::new(),
            Configs::Discovered(discovery) => {
                discovery.errors().iter().flat_map(|err| err.problems.iter().cloned()).collect()
            }
        }
    }
}

/// A configuration error as one message, a problem a line (each line after the first with the
/// `cm-lint: error: ` prefix that the first gets where it is printed).
fn problems(err: LoadError) -> anyhow::Error {
    anyhow::anyhow!("{}", err.problems.join("\ncm-lint: error: "))
}
