//! Reliability under odd and very large inputs: a huge file, a huge line, mixed line endings,
//! unreadable folders, a hundred thousand files, deep nesting, `--fix` safety and idempotence,
//! and the language server under a very large document.
//!
//! Sizes: `CM_LINT_STRESS_SCALE` is the fraction of the sizes to run at (1 = a 200 MB
//! file, a 10 MB line, 100,000 files, 10,000 levels of indented lists, a 50 MB document). When
//! it is unset each test uses the largest fraction that keeps it well under 30 s in a debug
//! build on two cores. Every run of the binary has a deadline, so a hang fails instead of
//! stalling CI.

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::util::{copy_tree, files_under, transcript, Dir};

const FLAGGED: &str = "Our coaches give advice drawn from their own careers.\n";

/// How long one run of the binary may take before the test fails as hung.
const DEADLINE: Duration = Duration::from_secs(240);

/// About 1 KiB of Markdown prose (paragraphs, a quote, a list, links, emphasis, code) without a
/// practice word, and without a heading: a big file of it is one section, which the engine has
/// to parse to the end to reach what is flagged there.
const NEUTRAL_BLOCK: &str = "The review covers budgets, hiring plans and the [roadmap](https://example.com/roadmap) \
for every team. Each team writes a *short* summary of what it shipped, what slipped and why, and what \
it plans for the next quarter; the answers go into the shared folder before the meeting.\n\n\
> Finance reads the summaries first and asks questions in writing, so that the meeting is short.\n\n\
- Budgets are set in the **first week** of the quarter.\n\
- Hiring plans follow the budget and name the teams that grow.\n\
- The roadmap lists what ships, in order, with an owner for each `item`.\n\n\
Questions about the process go to the operations team (ops@example.com), who keep the calendar and \
the templates. Late summaries are chased once, politely, and then escalated to the team's director.\n\n";

/// The issue's `full` size scaled by `CM_LINT_STRESS_SCALE`, or by `default` when it is unset.
fn scaled(full: usize, default: f64) -> usize {
    let scale = std::env::var("CM_LINT_STRESS_SCALE")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(default);
    ((full as f64) * scale).round().max(1.0) as usize
}

/// A finished run: its output, how long it took and, on Linux, its peak resident memory.
struct Measured {
    output: Output,
    elapsed: Duration,
    peak_rss_kib: Option<u64>,
}

/// The `VmHWM` (peak resident set) of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

/// Runs a command to its end with its output captured, sampling its peak memory; fails the
/// test if it outlives [`DEADLINE`].
fn run_measured(mut command: Command) -> Measured {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().expect("spawn cm-lint");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let mut peak = None;
    let status = loop {
        // VmHWM only grows: the last sample before the exit is at most one interval stale.
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
        }
        if let Some(status) = child.try_wait().expect("wait for cm-lint") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("cm-lint still running after {DEADLINE:?}: hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let output =
        Output { status, stdout: out.join().expect("stdout reader"), stderr: err.join().expect("stderr reader") };
    Measured { output, elapsed, peak_rss_kib: peak }
}

/// Asserts that a run ended by itself with an exit code (not a signal) and did not panic.
fn assert_no_crash(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code().is_some(), "killed by a signal (stack overflow?): {}", tail(&stderr));
    assert!(!stderr.contains("panicked"), "panicked: {}", tail(&stderr));
    assert_ne!(out.status.code(), Some(101), "exit code of a panic: {}", tail(&stderr));
}

/// The end of a long text, for failure messages.
fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(4000);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// Writes `size` bytes (rounded down to whole blocks) of `block` and then `ending`; returns the
/// number of lines before `ending`.
fn write_big_markdown(path: &Path, block: &str, size: usize, ending: &str) -> usize {
    let file = std::fs::File::create(path).expect("create the big file");
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let blocks = (size / block.len()).max(1);
    // Whole 64 KiB chunks keep the number of write calls small.
    let per_chunk = (64 * 1024 / block.len()).max(1);
    let chunk = block.repeat(per_chunk);
    for _ in 0..blocks / per_chunk {
        out.write_all(chunk.as_bytes()).expect("write");
    }
    for _ in 0..blocks % per_chunk {
        out.write_all(block.as_bytes()).expect("write");
    }
    out.write_all(ending.as_bytes()).expect("write");
    out.flush().expect("flush");
    blocks * block.matches('\n').count()
}

fn report(name: &str, detail: &str, measured: &Measured) {
    eprintln!(
        "stress: {name}: {detail}: {:.1} s, peak RSS {}",
        measured.elapsed.as_secs_f64(),
        measured.peak_rss_kib.map_or_else(|| "unknown".to_string(), |k| format!("{} MiB", k / 1024))
    );
}

/// The 200 MB file (by default a quarter of it; see the module docs): mostly neutral
/// prose, two flagged sentences at the very end. Both are found at the right line and column,
/// the run exits 1, and peak memory stays within a fixed multiple of the file's size.
#[test]
#[ignore = "stress tier: a 200 MB file (50 MB by default); run with -- --include-ignored"]
fn a_200_mb_file_is_linted_to_its_last_line() {
    let size = scaled(200 << 20, 0.25);
    let dir = Dir::new();
    let ending = format!("Your coach/mentor will call.\n\n{FLAGGED}");
    let before = write_big_markdown(&dir.path().join("big.md"), NEUTRAL_BLOCK, size, &ending);
    let bytes = std::fs::metadata(dir.path().join("big.md")).unwrap().len();
    let measured = run_measured(dir.command(&["--format", "concise", "big.md"]));
    let out = &measured.output;
    report("big file", &format!("{} MiB", bytes >> 20), &measured);
    assert_no_crash(out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(out.status.code(), Some(1), "{}", tail_of(out));
    assert_eq!(lines.len(), 3, "{}", tail(&stdout));
    assert!(lines[0].starts_with(&format!("big.md:{}:6: warning CM001 ", before + 1)), "{stdout}");
    assert!(lines[1].starts_with(&format!("big.md:{}:5: warning CM003 ", before + 3)), "{stdout}");
    assert_eq!(lines[2], "2 findings in 1 file (1 file checked)");
    if let Some(kib) = measured.peak_rss_kib {
        // About 7 times the file's size today (1.4 GB for 200 MB): the text, and the engine's
        // per-line and per-block tables. More than 10 times means something more is copied per
        // line or per block, or kept after use.
        let limit = bytes * 10 / 1024 + 64 * 1024;
        assert!(kib <= limit, "peak RSS {kib} KiB for a {bytes}-byte file (limit {limit} KiB)");
    }
}

/// A big file with a clean sentence naming both practices in every block, so that all of it
/// goes through the analysis and not only the parser: the flagged sentence at the end is found,
/// and memory stays within a fixed multiple of the file's size. The analysis is slow in a debug
/// build, so by default this is 5 MB (2.5 % of the 200 MB).
#[test]
#[ignore = "stress tier: a large dense file; run with -- --include-ignored"]
fn a_big_file_dense_with_practice_words() {
    let size = scaled(200 << 20, 0.025);
    let block = NEUTRAL_BLOCK.replace(
        "Questions about the process",
        "We offer coaching and mentoring to every team. Questions about the process",
    );
    let dir = Dir::new();
    let before = write_big_markdown(&dir.path().join("dense.md"), &block, size, FLAGGED);
    let bytes = std::fs::metadata(dir.path().join("dense.md")).unwrap().len();
    let measured = run_measured(dir.command(&["--format", "concise", "dense.md"]));
    let out = &measured.output;
    report("dense file", &format!("{} MiB", bytes >> 20), &measured);
    assert_no_crash(out);
    assert_eq!(out.status.code(), Some(1), "{}", tail_of(out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", tail(&stdout));
    assert!(lines[0].starts_with(&format!("dense.md:{}:5: warning CM003 ", before + 1)), "{stdout}");
    assert_eq!(lines[1], "1 finding in 1 file (1 file checked)");
    if let Some(kib) = measured.peak_rss_kib {
        // About 12 times the file's size today (2.4 GB for 200 MB): every mention and sentence
        // has its records. The limit catches growth faster than the file's size.
        let limit = bytes * 24 / 1024 + 64 * 1024;
        assert!(kib <= limit, "peak RSS {kib} KiB for a {bytes}-byte file (limit {limit} KiB)");
    }
}

fn tail_of(out: &Output) -> String {
    tail(&transcript(out)).to_string()
}

/// The file with one 10 MB line, of two-byte characters, so that a column counted in
/// bytes instead of characters is caught.
#[test]
#[ignore = "stress tier: a 10 MB line; run with -- --include-ignored"]
fn a_10_mb_line_gives_a_character_column() {
    let size = scaled(10 << 20, 1.0);
    let dir = Dir::new();
    let word = "café ";
    let repeats = size / word.len();
    let mut text = word.repeat(repeats);
    text.push_str("Your coach/mentor will call.");
    dir.write("long.md", &text);
    drop(text);
    let measured = run_measured(dir.command(&["--format", "concise", "long.md"]));
    let out = &measured.output;
    report("long line", &format!("{repeats} words"), &measured);
    assert_no_crash(out);
    assert_eq!(out.status.code(), Some(1), "{}", tail_of(out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let column = repeats * word.chars().count() + 6;
    assert!(stdout.starts_with(&format!("long.md:1:{column}: warning CM001 ")), "{}", tail(&stdout));
    assert!(stdout.ends_with("1 finding in 1 file (1 file checked)\n"), "{}", tail(&stdout));
}

/// LF, CRLF and lone CR in one file (and LF followed by CR, which is two line breaks): every
/// finding gets its 1-based line and column, in Markdown and plain text alike; `--fix` changes
/// only the words and keeps every line ending as it was.
#[test]
fn mixed_line_endings_give_the_right_lines_and_survive_fix() {
    let dir = Dir::new();
    let mixed = "Intro.\n\
                 A. Your coach/mentor will call.\r\n\
                 Bb. Your coach/mentor will call.\r\
                 Ccc. Your coach/mentor will call.\n\r\
                 Dddd. Your coach/mentor will call.\r\n\r\n\
                 Eeeee. Your coach/mentor will call.";
    dir.write("mixed.md", mixed);
    dir.write("mixed.txt", mixed);
    let out = dir.run(&["--format", "concise", "--quiet", "mixed.md", "mixed.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", transcript(&out));
    let positions: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split(": ").next().unwrap_or_default().to_string())
        .collect();
    let expected: Vec<String> = ["mixed.md", "mixed.txt"]
        .iter()
        .flat_map(|f| ["2:9", "3:10", "4:11", "6:12", "8:13"].map(|p| format!("{f}:{p}")))
        .collect();
    assert_eq!(positions, expected, "{}", transcript(&out));

    let original = "Intro.\r\n\
                    Our coaches give advice drawn from their own careers.\r\
                    Then: our coaches give advice drawn from their own careers.\n\
                    Also, our coaches give advice drawn from their own careers.\r\n\r\
                    Finally our coaches give advice drawn from their own careers.\n";
    let path = dir.write("fix.md", original);
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "fix.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original.replace("coaches", "mentors"));
}

/// A folder that cannot be listed and a file that cannot be read are reported by name, the
/// files beside them are still linted, and the run ends with 2; also when the locked folder is
/// named on the command line. As root, where `chmod 000` blocks nothing, the binary is run as
/// `nobody` instead; the test is skipped only if that is impossible too.
#[cfg(unix)]
#[test]
fn unreadable_folders_are_reported_and_the_run_goes_on() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;

    let dir = Dir::new();
    dir.write("docs/a-open.md", FLAGGED);
    dir.write("docs/locked/hidden.md", FLAGGED);
    dir.write("docs/m-locked.md", FLAGGED);
    dir.write("docs/z-after/later.md", FLAGGED);
    let locked = [dir.path().join("docs/locked"), dir.path().join("docs/m-locked.md")];
    let set_mode = |path: &Path, mode: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    let unlock = || {
        set_mode(&locked[0], 0o755).unwrap();
        set_mode(&locked[1], 0o644).unwrap();
    };
    for path in &locked {
        set_mode(path, 0o000).unwrap();
    }
    let mut as_nobody = false;
    if std::fs::read_dir(&locked[0]).is_ok() {
        // Permission bits do not bind this user (root, or CAP_DAC_OVERRIDE).
        let owner = std::fs::metadata(dir.path()).unwrap().uid();
        if owner != 0 {
            unlock();
            eprintln!("stress: skipped: permission bits do not bind uid {owner}, which cannot switch users");
            return;
        }
        // Let `nobody` reach everything but what is locked.
        for folder in [dir.path().to_path_buf(), dir.path().join("docs"), dir.path().join("docs/z-after")] {
            set_mode(&folder, 0o755).unwrap();
        }
        eprintln!("stress: permission bits do not bind root: running cm-lint as nobody (uid 65534)");
        as_nobody = true;
    }
    let run = |args: &[&str]| {
        let mut command = dir.command(args);
        if as_nobody {
            command.uid(65534).gid(65534);
        }
        command.output()
    };
    let outs = (run(&["--format", "concise", "docs"]), run(&["--format", "concise", "docs/locked", "docs/z-after"]));
    unlock();
    let (whole, named) = match outs {
        (Ok(whole), Ok(named)) => (whole, named),
        (Err(err), _) | (_, Err(err)) if err.kind() == std::io::ErrorKind::PermissionDenied => {
            eprintln!("stress: skipped: running as root and cannot run cm-lint as nobody: {err}");
            return;
        }
        (Err(err), _) | (_, Err(err)) => panic!("spawn cm-lint: {err}"),
    };

    let text = dir.transcript(&whole);
    assert_no_crash(&whole);
    assert_eq!(whole.status.code(), Some(2), "{text}");
    let stdout = String::from_utf8_lossy(&whole.stdout);
    assert!(stdout.contains("docs/a-open.md:1:5: warning CM003"), "{text}");
    assert!(stdout.contains("docs/z-after/later.md:1:5: warning CM003"), "{text}");
    assert!(!stdout.contains("hidden.md") && !stdout.contains("m-locked.md"), "{text}");
    let stderr = String::from_utf8_lossy(&whole.stderr);
    let folder = stderr.lines().find(|l| l.contains("docs/locked")).unwrap_or_default();
    assert!(folder.starts_with("cm-lint: error: ") && folder.contains("Permission denied"), "{text}");
    let file = stderr.lines().find(|l| l.contains("docs/m-locked.md")).unwrap_or_default();
    assert!(file.starts_with("cm-lint: error: ") && file.contains("Permission denied"), "{text}");

    let text = dir.transcript(&named);
    assert_no_crash(&named);
    assert_eq!(named.status.code(), Some(2), "{text}");
    assert!(String::from_utf8_lossy(&named.stdout).contains("docs/z-after/later.md:1:5: warning CM003"), "{text}");
    let stderr = String::from_utf8_lossy(&named.stderr);
    assert!(
        stderr.lines().any(|l| l.starts_with("cm-lint: error: docs/locked") && l.contains("Permission denied")),
        "{text}"
    );
}

/// The directory of 100,000 small files (in 100 folders), ten of them flagged: the run
/// completes, exits 1 and counts every file in its summary.
#[test]
#[ignore = "stress tier: 100,000 files; run with -- --include-ignored"]
fn a_hundred_thousand_small_files() {
    let files = scaled(100_000, 1.0).max(100);
    let dir = Dir::new();
    let root = dir.path().join("docs");
    let per_folder = 1000;
    let flag_every = files / 10;
    let is_flagged = |i: usize| i % flag_every == flag_every - 1;
    let name = |i: usize| format!("docs/d{:03}/f{i:06}.md", i / per_folder);
    let started = Instant::now();
    // Several writers: creating files is most of this test's time on slow file systems.
    let writers = 4;
    let folders = files.div_ceil(per_folder);
    std::thread::scope(|scope| {
        for w in 0..writers {
            let (root, name) = (&root, &name);
            scope.spawn(move || {
                for folder in (w..folders).step_by(writers) {
                    std::fs::create_dir_all(root.join(format!("d{folder:03}"))).unwrap();
                    for i in folder * per_folder..((folder + 1) * per_folder).min(files) {
                        let path = root.parent().unwrap().join(name(i));
                        if is_flagged(i) {
                            std::fs::write(path, FLAGGED).unwrap();
                        } else {
                            std::fs::write(path, format!("# Note {i}\n\nThe team meets on Tuesdays.\n")).unwrap();
                        }
                    }
                }
            });
        }
    });
    let generated = started.elapsed();
    let flagged: Vec<String> =
        (0..files).filter(|&i| is_flagged(i)).map(|i| format!("{}:1:5: warning CM003 ", name(i))).collect();
    let measured = run_measured(dir.command(&["--format", "concise", "docs"]));
    let out = &measured.output;
    report("many files", &format!("{files} files (written in {:.1} s)", generated.as_secs_f64()), &measured);
    assert_no_crash(out);
    assert_eq!(out.status.code(), Some(1), "{}", tail_of(out));
    let stdout = String::from_utf8_lossy(&out.stdout).replace('\\', "/");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), flagged.len() + 1, "{}", tail(&stdout));
    for (line, expected) in lines.iter().zip(&flagged) {
        assert!(line.starts_with(expected.as_str()), "{line} should start with {expected}");
    }
    let n = flagged.len();
    assert_eq!(lines[n], format!("{n} findings in {n} files ({files} files checked)"));
}

/// Ten thousand levels of block quotes, of lists, of both alternating, and of `<div>`; and
/// indented lists nested 10,000 deep (by default 3,000: the file grows with the square of the
/// depth). No stack overflow, and the sentence at the bottom is found where it is.
#[test]
#[ignore = "stress tier: 10,000 levels of nesting; run with -- --include-ignored"]
fn deeply_nested_quotes_and_lists() {
    let levels = 10_000;
    let indented = scaled(10_000, 0.3);
    let dir = Dir::new();
    let sentence = "Your coach/mentor will call.";
    dir.write("nest/quotes.md", format!("{}{sentence}\n", "> ".repeat(levels)));
    dir.write("nest/bullets.md", format!("{}{sentence}\n", "- ".repeat(levels)));
    dir.write("nest/mixed.md", format!("{}{sentence}\n", "> - ".repeat(levels / 2)));
    dir.write("nest/divs.html", format!("{}{sentence}{}", "<div>".repeat(levels), "</div>".repeat(levels)));
    let mut list = String::new();
    for depth in 0..indented {
        list.push_str(&"  ".repeat(depth));
        list.push_str("- item\n");
    }
    list.push_str(&"  ".repeat(indented));
    list.push_str(&format!("- {sentence}\n"));
    dir.write("nest/indented.md", list);
    let measured = run_measured(dir.command(&["--format", "concise", "--quiet", "nest"]));
    let out = &measured.output;
    report("deep nesting", &format!("{levels} levels, {indented} indented"), &measured);
    assert_no_crash(out);
    assert_eq!(out.status.code(), Some(1), "{}", tail_of(out));
    let positions: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .replace('\\', "/")
        .lines()
        .map(|l| l.split(": ").next().unwrap_or_default().to_string())
        .collect();
    let expected = [
        format!("nest/bullets.md:1:{}", 2 * levels + 6),
        format!("nest/divs.html:1:{}", 5 * levels + 6),
        format!("nest/indented.md:{}:{}", indented + 1, 2 * indented + 8),
        format!("nest/mixed.md:1:{}", 4 * (levels / 2) + 6),
        format!("nest/quotes.md:1:{}", 2 * levels + 6),
    ];
    assert_eq!(positions, expected, "{}", tail_of(out));
}

/// Bytes a process has read so far (`rchar` in `/proc/<pid>/io`).
#[cfg(target_os = "linux")]
fn bytes_read(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines().find_map(|l| l.strip_prefix("rchar:")).and_then(|v| v.trim().parse().ok())
}

/// `--fix` re-reads a file just before replacing it and leaves it alone if it changed since it
/// was linted. The test waits until the process has read the whole file (its `rchar` counter in
/// `/proc`), then changes a word in place while the file is being linted (8 MB: hundreds of
/// milliseconds even in a release build), and checks that the user's edit survives. The edit
/// keeps the file's length: an appended line could still be picked up by the reader's final
/// read that looks for the end of the file, and then the run would rightly fix the new text.
#[cfg(target_os = "linux")]
#[test]
fn fix_refuses_a_file_that_changed_since_it_was_read() {
    use std::io::{Seek, SeekFrom};

    if bytes_read(std::process::id()).is_none() {
        eprintln!("stress: skipped: /proc/<pid>/io is not readable here");
        return;
    }
    let dir = Dir::new();
    let path = dir.path().join("page.md");
    write_big_markdown(&path, NEUTRAL_BLOCK, 8 << 20, FLAGGED);
    let original = std::fs::read(&path).unwrap();
    let size = original.len() as u64;
    let at = NEUTRAL_BLOCK.find("budgets").unwrap();
    let mut edited = original.clone();
    edited[at..at + 7].copy_from_slice(b"BUDGETS");
    let mut child = dir
        .command(&["--fix", "--unsafe-fixes", "--format", "concise", "page.md"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cm-lint");
    let started = Instant::now();
    loop {
        let read = bytes_read(child.id());
        if read.is_some_and(|r| r >= 2 * size) {
            let _ = child.kill();
            panic!("cm-lint read the file twice before the test could change it");
        }
        if read.is_some_and(|r| r >= size) {
            break;
        }
        if child.try_wait().unwrap().is_some() || started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("cm-lint ended (or hung) before the test saw it read the file");
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    // The user saves an edit while cm-lint is still linting.
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.seek(SeekFrom::Start(at as u64)).unwrap();
    file.write_all(b"BUDGETS").unwrap();
    drop(file);
    let out = child.wait_with_output().unwrap();
    let text = dir.transcript(&out);
    assert_no_crash(&out);
    assert!(std::fs::read(&path).unwrap() == edited, "the edit was overwritten: {text}");
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cm-lint: error: page.md: changed since it was read; not written"),
        "{text}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names, ["page.md"], "temporary file left behind");
}

/// Identity of a file's contents on disk: replaced files get a new inode.
fn inode(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0
    }
}

/// Runs `--fix` twice over `folder` and returns the files the second run changed.
fn changed_by_a_second_fix(dir: &Dir, folder: &str) -> Vec<String> {
    let first = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "--quiet", folder]);
    assert_no_crash(&first);
    let files = files_under(&dir.path().join(folder));
    let after_first: Vec<(Vec<u8>, u64)> = files.iter().map(|f| (std::fs::read(f).unwrap(), inode(f))).collect();
    let second = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "--quiet", folder]);
    assert_no_crash(&second);
    assert_eq!(second.status.code(), first.status.code(), "{}", dir.transcript(&second));
    files
        .iter()
        .zip(after_first)
        .filter(|(f, (bytes, ino))| std::fs::read(f).unwrap() != *bytes || inode(f) != *ino)
        .map(|(f, _)| f.strip_prefix(dir.path()).unwrap().display().to_string())
        .collect()
}

/// `--fix` applied twice gives the same bytes as once: the second run has nothing to fix, so it
/// does not even rewrite a file (same inode), and `--diff` then shows nothing.
#[test]
fn fixing_twice_is_fixing_once() {
    let dir = Dir::new();
    let advice = "give advice drawn from their own careers.";
    let inputs: Vec<(&str, String)> = vec![
        ("docs/bom-crlf.md", format!("\u{feff}# Help\r\n\r\nOur coaches {advice}\r\n")),
        ("docs/mixed.txt", format!("Our coaches {advice}\rThen: COACHES {advice}\n")),
        ("docs/page.html", format!("<p>Our coaches {advice}</p>\n<p>Coaches {advice}</p>")),
        ("docs/twice-on-a-line.md", format!("Our coaches {advice} And our coaches {advice}\n")),
        ("docs/clean.md", "We offer coaching and mentoring.\n".to_string()),
    ];
    for (name, text) in &inputs {
        dir.write(name, text);
    }
    let first = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "docs"]);
    assert_eq!(first.status.code(), Some(0), "{}", dir.transcript(&first));
    for (name, text) in &inputs {
        let now = std::fs::read_to_string(dir.path().join(name)).unwrap();
        if name.ends_with("clean.md") {
            assert_eq!(&now, text, "{name} had nothing to fix");
        } else {
            let expected =
                text.replace("coaches", "mentors").replace("Coaches", "Mentors").replace("COACHES", "MENTORS");
            assert_eq!(now, expected, "{name}");
        }
    }
    assert!(changed_by_a_second_fix(&dir, "docs").is_empty());
    let diff = dir.run(&["--diff", "docs"]);
    assert_eq!(diff.status.code(), Some(0), "{}", dir.transcript(&diff));
    assert!(diff.stdout.is_empty(), "{}", dir.transcript(&diff));
}

/// The repository's own fixtures and examples, and a minimal case, fixed twice: the second run
/// must change nothing. Fixes from different rules can undo each other (CM004 swaps 'mentee'
/// to 'coachee' under a heading about 'your mentor'; CM002 would swap it back), and fixes
/// applied in one pass can disagree (the CM002 HTML fixture would get 'Mentor name' and
/// 'Coachee name' at once); `Linter::fix` applies only fixes that lower the number of findings.
#[test]
fn fixing_the_fixtures_twice_is_fixing_once() {
    let dir = Dir::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&root.join("fixtures"), &dir.path().join("tree/fixtures"));
    copy_tree(&root.join("examples"), &dir.path().join("tree/examples"));
    dir.write(
        "tree/minimal.md",
        "## What to expect from your mentor\n\n- The mentee owns the agenda for every meeting\n",
    );
    let changed = changed_by_a_second_fix(&dir, "tree");
    assert!(changed.is_empty(), "a second --fix changed {changed:#?}");
}

/// A UTF-16 file (with its BOM) is linted but never rewritten by `--fix`: writing the fixed text
/// back as UTF-8 would change its encoding. The file stays byte for byte, and a warning says
/// that its fixes were not applied.
#[test]
fn fix_never_changes_the_encoding_of_a_utf16_file() {
    let dir = Dir::new();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(FLAGGED.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.write("utf16.txt", &bytes);
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "utf16.txt"]);
    let text = dir.transcript(&out);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{text}");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("utf16.txt:1:5: warning CM003 "), "{text}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cm-lint: warning: utf16.txt: ") && stderr.contains("fixes not applied"), "{text}");
}

/// `--fix` on a file named through a symbolic link writes nothing (#15): the link could lead out
/// of the tree. The file is linted, its finding stays and a warning says why it was not fixed;
/// naming the target fixes it.
#[cfg(unix)]
#[test]
fn fix_through_a_symlink_leaves_the_target_and_the_link() {
    let dir = Dir::new();
    let target = dir.write("shared/page.md", FLAGGED);
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::os::unix::fs::symlink("../shared/page.md", dir.path().join("docs/page.md")).unwrap();
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "docs/page.md"]);
    let text = dir.transcript(&out);
    assert_no_crash(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("symbolic link; fixes not applied"), "{text}");
    let link = std::fs::symlink_metadata(dir.path().join("docs/page.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced by a regular file: {text}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FLAGGED, "{text}");
    let out = dir.run(&["--fix", "--unsafe-fixes", "--format", "concise", "shared/page.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", dir.transcript(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), FLAGGED.replace("coaches", "mentors"));
}

/// The 50 MB document, opened and then edited through the real server's pipes: the
/// server answers other requests meanwhile, publishes the findings of the edited version at the
/// right place, answers a hover there, and shuts down cleanly.
#[test]
#[ignore = "stress tier: a 50 MB server document; run with -- --include-ignored"]
fn the_server_takes_a_50_mb_document_and_an_edit_to_it() {
    let size = scaled(50 << 20, 1.0);
    // With a heading per block the engine parses only the last section in depth: this test is
    // about moving and editing a huge document, `a_200_mb_file_is_linted_to_its_last_line` about
    // parsing one.
    let block = format!("## Notes\n\n{NEUTRAL_BLOCK}");
    let blocks = (size / block.len()).max(1);
    let mut text = block.repeat(blocks);
    let last = text.matches('\n').count();
    text.push_str("Your coach/mentor will call.\n");
    let bytes = text.len();
    let uri = "file:///tmp/cm-lint-stress/huge.md";
    let started = Instant::now();
    let mut server = crate::server::Server::spawn();
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    server.wait_within("initialize response", DEADLINE, |m| m["id"] == 1);
    server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }
    }));
    drop(text);
    // Requests are answered while the document is linted.
    server.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "cm/ping" }));
    let ping = server.wait_within("ping response", DEADLINE, |m| m["id"] == 2);
    assert!(ping["error"].is_object(), "{ping}");
    // Unfuse the names on the last line, and add a sentence after it.
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [
                { "range": { "start": { "line": last, "character": 5 }, "end": { "line": last, "character": 17 } }, "text": "mentor" },
                { "range": { "start": { "line": last + 1, "character": 0 }, "end": { "line": last + 1, "character": 0 } }, "text": FLAGGED }
            ]
        }
    }));
    let published = server.wait_within("diagnostics for version 2", DEADLINE, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && m["params"]["version"] == 2
    });
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    assert_eq!(diagnostics[0]["code"], "CM003");
    assert_eq!(
        diagnostics[0]["range"],
        json!({ "start": { "line": last + 1, "character": 4 }, "end": { "line": last + 1, "character": 11 } })
    );
    server.send(&json!({
        "jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": uri }, "position": { "line": last + 1, "character": 6 } }
    }));
    let hover = server.wait_within("hover response", DEADLINE, |m| m["id"] == 3);
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("CM003"), "{hover:#}");
    let peak = peak_rss_kib(server.child.id());
    server.send(&json!({ "jsonrpc": "2.0", "id": 4, "method": "shutdown" }));
    let shutdown = server.wait_within("shutdown response", DEADLINE, |m| m["id"] == 4);
    assert!(shutdown["error"].is_null(), "{shutdown}");
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(0));
    let peak = peak.map_or_else(|| "unknown".to_string(), |k| format!("{} MiB", k / 1024));
    eprintln!(
        "stress: server: {} MiB document: {:.1} s, peak RSS {peak}",
        bytes >> 20,
        started.elapsed().as_secs_f64()
    );
}
