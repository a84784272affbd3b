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

fn run_e2e(nvim: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temporary directory");
    let doc = dir.path().join("guide.md");
    std::fs::write(&doc, "# Guide\n\nOur coaches give advice drawn from their own careers.\n")
        .expect("write the document");
    let mut child = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", root.join("editors/neovim/tests_e2e.lua").display()))
        .env("CM_LINT_BIN", env!("CARGO_BIN_EXE_cm-lint"))
        .env("CM_LINT_PLUGIN", root.join("editors/neovim"))
        .env("CM_LINT_DOC", &doc)
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
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
        "{} failed ({:?}):\n{text}",
        nvim.display(),
        output.status
    );
    text
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
