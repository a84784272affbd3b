//! End to end in a real editor: headless Neovim (Debian's 0.7 and a current 0.11 where
//! installed) runs the plugin in `editors/neovim`, which starts the real `cm-lint server`; the
//! Lua script asserts that diagnostics appear, update after an edit, and that a quick fix
//! changes the text. Every wait is bounded.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn neovims() -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Some(path) = std::env::var_os("PATH") {
        found.extend(std::env::split_paths(&path).map(|dir| dir.join("nvim")).filter(|p| p.is_file()).take(1));
    }
    if let Some(extra) = std::env::var_os("CM_LINT_NVIM") {
        found.extend(std::env::split_paths(&extra).filter(|p| p.is_file()));
    }
    found
}

/// What makes a folder a project's root, for the plugin and the README's setups.
const MARKERS: [&str; 3] = ["cm-lint.toml", ".cm-lint.toml", ".git"];

/// Runs `nvim` headless on a Lua script from `editors/neovim`, with `env`; returns what it
/// printed, which must end in PASS. Every wait is bounded.
fn run_script(nvim: &Path, script: &str, env: &[(&str, &std::ffi::OsStr)]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let state = tempfile::tempdir().expect("temporary directory");
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", root.join("editors/neovim").join(script).display()))
        .env("XDG_STATE_HOME", state.path())
        .env("XDG_DATA_HOME", state.path())
        .current_dir(state.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(90);
    while !matches!(child.try_wait(), Ok(Some(_))) {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("nvim output");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success() && text.contains("PASS"),
        "{} {script} failed ({:?}):\n{text}",
        nvim.display(),
        output.status
    );
    text
}

fn run_e2e(nvim: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temporary directory");
    let doc = dir.path().join("guide.md");
    std::fs::write(&doc, "# Guide\n\nOur coaches give advice drawn from their own careers.\n")
        .expect("write the document");
    let plugin = root.join("editors/neovim");
    let mut env = vec![
        ("CM_LINT_BIN", env!("CARGO_BIN_EXE_cm-lint").as_ref()),
        ("CM_LINT_PLUGIN", plugin.as_os_str()),
        ("CM_LINT_DOC", doc.as_os_str()),
    ];
    // Outside any project (no marker above the temporary folder, as is usual), the root the
    // plugin gives the server is the document's own folder.
    let outside = !dir.path().ancestors().any(|d| MARKERS.iter().any(|m| d.join(m).exists()));
    if outside {
        env.push(("CM_LINT_ROOT", dir.path().as_os_str()));
    }
    let transcript = run_script(nvim, "tests_e2e.lua", &env);
    assert!(!outside || transcript.contains("ok root is the file's folder"), "{transcript}");
    transcript
}

#[test]
#[ignore = "needs Neovim (on PATH and CM_LINT_NVIM); the full tier runs it"]
fn neovim_shows_updates_and_fixes() {
    let editors = neovims();
    if editors.is_empty() {
        assert!(!crate::util::require_all(), "CM_LINT_REQUIRE_ALL=1 but no Neovim is installed");
        eprintln!("SKIPPED neovim_shows_updates_and_fixes: no Neovim on PATH or in CM_LINT_NVIM");
        return;
    }
    if crate::util::require_all() {
        assert!(editors.len() >= 2, "CI tests Debian's Neovim and a current one: {editors:?}");
    }
    for nvim in editors {
        let transcript = run_e2e(&nvim);
        assert!(transcript.contains("ok diagnostics update: CM001,CM003"), "{transcript}");
        assert!(transcript.contains("ok quick fix applied"), "{transcript}");
    }
}

/// The Neovim setups in `editors/README.md`, run as written: the nvim-lspconfig one has
/// single-file support, and both give a file outside any project its own folder as the root
/// (and a file in a project the project's folder).
#[test]
#[ignore = "needs Neovim (on PATH and CM_LINT_NVIM); the full tier runs it"]
fn readme_setups_give_a_single_file_its_folder_as_root() {
    let editors = neovims();
    if editors.is_empty() {
        assert!(!crate::util::require_all(), "CM_LINT_REQUIRE_ALL=1 but no Neovim is installed");
        eprintln!("SKIPPED readme_setups_give_a_single_file_its_folder_as_root: no Neovim");
        return;
    }
    let tree = tempfile::tempdir().expect("temporary directory");
    if tree.path().ancestors().any(|d| MARKERS.iter().any(|m| d.join(m).exists())) {
        assert!(!crate::util::require_all(), "a project marker above {}", tree.path().display());
        eprintln!("SKIPPED readme_setups_give_a_single_file_its_folder_as_root: a marker above the temporary folder");
        return;
    }
    for (path, text) in [
        ("alone/doc.md", "Alone.\n"),
        ("project/cm-lint.toml", ""),
        ("project/sub/doc.md", "In a project.\n"),
        ("repo/docs/doc.md", "In a repository.\n"),
    ] {
        let path = tree.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folders");
        std::fs::write(path, text).expect("write a file");
    }
    std::fs::create_dir_all(tree.path().join("repo/.git")).expect("create .git");
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/README.md");
    let mut current = 0;
    for nvim in &editors {
        let env = [("CM_LINT_README", readme.as_os_str()), ("CM_LINT_TREE", tree.path().as_os_str())];
        let transcript = run_script(nvim, "tests_readme.lua", &env);
        assert!(transcript.contains("ok lspconfig: single-file support, roots"), "{transcript}");
        if transcript.contains("ok Neovim 0.11: roots") {
            current += 1;
        } else {
            assert!(transcript.contains("skipped the Neovim 0.11 setup"), "{transcript}");
        }
    }
    if crate::util::require_all() {
        assert!(current > 0, "no Neovim checked the Neovim 0.11 setup: {editors:?}");
    }
}
