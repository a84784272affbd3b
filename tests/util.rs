//! Helpers: a temporary directory with files, and a command that runs the built binary in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether the full tier must have every external tool and data set (`.ci/run` sets
/// `CM_LINT_REQUIRE_ALL=1`); elsewhere a test that lacks one says SKIPPED and passes.
pub fn require_all() -> bool {
    std::env::var_os("CM_LINT_REQUIRE_ALL").is_some_and(|v| v == "1")
}

/// A temporary directory that tests write files into.
pub struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { dir: tempfile::tempdir().expect("temporary directory") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating parent folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folders");
        }
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// The transcript of a run, with this directory's path replaced by `<tmp>`.
    pub fn transcript(&self, output: &Output) -> String {
        let text = transcript(output);
        let real = self.dir.path().canonicalize().unwrap_or_else(|_| self.dir.path().to_path_buf());
        text.replace(&real.display().to_string(), "<tmp>").replace(&self.dir.path().display().to_string(), "<tmp>")
    }

    /// The command that [`Dir::run`] runs, to adjust (pipes, user, environment) before spawning.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cm-lint"));
        command.args(args).current_dir(self.path()).env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
        command
    }

    /// Runs `cm-lint` with the arguments, in this directory.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cm-lint"))
            .args(args)
            .current_dir(self.path())
            .env_remove("CLICOLOR_FORCE")
            .env("NO_COLOR", "1")
            .output()
            .expect("run cm-lint")
    }
}

/// Exit code, stdout and stderr together, for snapshots.
pub fn transcript(output: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().map_or_else(|| "signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Every file under `root`, sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Copies a folder of the repository into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for file in files_under(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}

/// A Word document holding `body` (WordprocessingML paragraphs) as its only part.
pub fn docx(body: &str) -> Vec<u8> {
    use std::io::Write;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut out = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    out
}

/// The (line, column) of every finding of a `--format json` report and of each of its repeats.
pub fn places(json: &[u8]) -> Vec<(u64, u64)> {
    let records: Vec<serde_json::Value> = serde_json::from_slice(json).expect("a JSON array of findings");
    let at = |v: &serde_json::Value| (v["line"].as_u64().unwrap_or(0), v["column"].as_u64().unwrap_or(0));
    records
        .iter()
        .flat_map(|r| std::iter::once(at(r)).chain(r["repeats"].as_array().into_iter().flatten().map(at)))
        .collect()
}
