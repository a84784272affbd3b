//! Hostile input (#15): documents and configurations built to crash, stall or fool the run.
//! Each must give findings or a clear error naming the file (and the key), with exit code 2 for
//! errors, never a crash, a hang or a silent pass.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::util::{transcript, Dir};

const FLAGGED: &str = "Our coaches give advice drawn from their own careers.";

/// Runs the command, failing the test (instead of hanging it) after `deadline`. The output is
/// drained as it comes, so that a full pipe never stalls the child.
fn run_with_deadline(mut command: Command, deadline: Duration) -> Output {
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let killed = status.is_none();
    let status = status.unwrap_or_else(|| child.wait().unwrap());
    let output = Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() };
    assert!(!killed, "cm-lint did not finish within {deadline:?}\n{}", transcript(&output));
    output
}

fn run(dir: &Dir, args: &[&str]) -> Output {
    run_with_deadline(dir.command(args), Duration::from_secs(120))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).replace('\\', "/")
}

// ---------------------------------------------------------------------------------------------
// HTML

/// A start tag with `count` double-quoted attributes separated by spaces: html5gum 0.8's tokenizer
/// recursed once per attribute and overflowed the stack (abort, exit 134) at about 6,000.
fn many_attributes(count: usize) -> String {
    let mut html = String::from("<p>Coaching at work.</p>\n<div");
    for i in 0..count {
        html.push_str(&format!(" a{i}=\"x\""));
    }
    html.push_str(&format!(">{FLAGGED}</div>\n"));
    html
}

#[test]
fn html_tag_with_a_hundred_thousand_attributes_is_linted() {
    let dir = Dir::new();
    dir.write("a.html", many_attributes(100_000));
    dir.write("b.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["--format", "concise", "."]);
    let text = transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("a.html:2:"), "the finding after the tag is reported: {text}");
    assert!(text.contains("b.md:1:5: warning CM003"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Configuration

/// Asserts a run failed cleanly on its configuration: exit 2, no panic, the file and the key named.
fn assert_config_error(out: &Output, file: &str, key: &str) {
    let text = transcript(out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{text}");
    assert!(err.contains(file), "the error names the file {file}: {text}");
    assert!(err.contains(key), "the error names the key {key}: {text}");
    assert!(out.stdout.is_empty(), "nothing is linted with a broken configuration: {text}");
}

#[test]
fn huge_per_file_ignores_glob_is_an_error_not_a_panic() {
    let dir = Dir::new();
    let glob = "*a?".repeat(160_000 / 3);
    dir.write("cm-lint.toml", format!("[per-file-ignores]\n\"{glob}\" = [\"CM001\"]\n"));
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["a.md"]);
    assert_config_error(&out, "cm-lint.toml", "per-file-ignores");
    assert!(stderr(&out).len() < 2_000, "the error does not quote the whole glob: {}", stderr(&out).len());
}

#[test]
fn huge_exclude_glob_is_an_error_naming_the_key() {
    let dir = Dir::new();
    let glob = "*a?".repeat(160_000 / 3);
    dir.write("cm-lint.toml", format!("exclude = [\"{glob}\"]\n"));
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["a.md"]);
    assert_config_error(&out, "cm-lint.toml:1:", "exclude");
}

#[test]
fn invalid_per_file_ignores_glob_is_an_error() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "[per-file-ignores]\n\"docs/[a\" = [\"CM003\"]\n");
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["a.md"]);
    assert_config_error(&out, "cm-lint.toml:2:", "per-file-ignores");
}

#[test]
fn vocabulary_past_the_regex_size_limit_is_an_error() {
    let dir = Dir::new();
    // Each name is a literal; together they pass the regex size limit.
    let names: Vec<String> = (0..2_000).map(|i| format!("\"{}{i}\"", "Catalyst programme ".repeat(20))).collect();
    dir.write("cm-lint.toml", format!("[vocabulary]\nmentoring = [\n{}\n]\n", names.join(",\n")));
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["a.md"]);
    assert_config_error(&out, "cm-lint.toml", "vocabulary");
}

#[test]
fn a_name_under_both_practices_is_an_error() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "[vocabulary]\ncoaching = [\"Catalyst\"]\nmentoring = [\"Bridge\", \" catalyst\"]\n");
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["a.md"]);
    assert_config_error(&out, "cm-lint.toml:3:", "vocabulary");
    assert!(stderr(&out).contains("Catalyst") || stderr(&out).contains("catalyst"), "{}", stderr(&out));
}

#[test]
fn every_configuration_error_is_reported() {
    let dir = Dir::new();
    dir.write(
        "cm-lint.toml",
        "ignore = [\"CM042\"]\n\n[severity]\nCM001 = \"fatal\"\n\n[per-file-ignores]\n\"[\" = [\"CM001\"]\n",
    );
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["a.md"]);
    assert_config_error(&out, "cm-lint.toml:1:", "CM042");
    let err = stderr(&out);
    assert!(err.contains("cm-lint.toml:4:"), "{err}");
    assert!(err.contains("cm-lint.toml:7:"), "{err}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn config_option_naming_a_fifo_is_an_error_not_a_hang() {
    let dir = Dir::new();
    mkfifo(&dir.path().join("some.fifo"));
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run_with_deadline(dir.command(&["--config", "some.fifo", "a.md"]), Duration::from_secs(20));
    assert_config_error(&out, "some.fifo", "not a regular file");
}

#[test]
fn config_that_is_a_directory_is_an_error_not_skipped() {
    let dir = Dir::new();
    // The parent's configuration must not be used instead.
    dir.write("cm-lint.toml", "ignore = [\"CM003\"]\n");
    std::fs::create_dir_all(dir.path().join("sub/cm-lint.toml")).unwrap();
    dir.write("sub/a.md", format!("{FLAGGED}\n"));
    let mut command = dir.command(&["a.md"]);
    command.current_dir(dir.path().join("sub"));
    let out = run_with_deadline(command, Duration::from_secs(60));
    assert_config_error(&out, "sub/cm-lint.toml", "not a regular file");
}

#[cfg(unix)]
#[test]
fn config_that_is_a_fifo_is_an_error_not_a_hang() {
    let dir = Dir::new();
    dir.write("cm-lint.toml", "ignore = [\"CM003\"]\n");
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    mkfifo(&dir.path().join("sub/.cm-lint.toml"));
    dir.write("sub/a.md", format!("{FLAGGED}\n"));
    let mut command = dir.command(&["a.md"]);
    command.current_dir(dir.path().join("sub"));
    let out = run_with_deadline(command, Duration::from_secs(20));
    assert_config_error(&out, "sub/.cm-lint.toml", "not a regular file");
}

// ---------------------------------------------------------------------------------------------
// Word documents

/// Writes a deflate stream (RFC 1951) of one block with the fixed Huffman codes: enough to
/// build a zip bomb in the test without compressing hundreds of megabytes.
struct Deflate {
    out: Vec<u8>,
    bits: u64,
    count: u32,
    len: u64,
    /// The CRC-32 of the uncompressed bytes, kept while `checksum` is set.
    crc: u32,
    checksum: bool,
}

impl Deflate {
    fn new() -> Deflate {
        let mut d = Deflate { out: Vec::new(), bits: 0, count: 0, len: 0, crc: !0, checksum: true };
        d.put(1, 1); // last block
        d.put(1, 2); // fixed Huffman codes
        d
    }

    /// `count` bits of `value`, least significant first.
    fn put(&mut self, value: u32, count: u32) {
        self.bits |= u64::from(value) << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.bits as u8);
            self.bits >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        let reversed = code.reverse_bits() >> (32 - length);
        self.put(reversed, length);
    }

    fn literal(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b < 144 {
                self.code(0x30 + u32::from(b), 8);
            } else {
                self.code(0x190 + u32::from(b) - 144, 9);
            }
        }
        self.len += bytes.len() as u64;
        self.checksum(bytes);
    }

    fn checksum(&mut self, bytes: &[u8]) {
        if self.checksum {
            for &b in bytes {
                self.crc ^= u32::from(b);
                for _ in 0..8 {
                    self.crc = (self.crc >> 1) ^ (0xEDB8_8320 & (self.crc & 1).wrapping_neg());
                }
            }
        }
    }

    /// Repeats the last byte (`last`) `258 * times` times.
    fn repeat_last(&mut self, last: u8, times: u64) {
        for _ in 0..times {
            self.code(0b1100_0101, 8); // length 258
            self.code(0, 5); // distance 1
        }
        self.len += 258 * times;
        for _ in 0..times {
            self.checksum(&[last; 258]);
        }
    }

    /// The stream, the uncompressed length and its CRC-32.
    fn finish(mut self) -> (Vec<u8>, u64, u32) {
        self.code(0, 7); // end of block
        self.put(0, 7);
        (self.out, self.len, !self.crc)
    }
}

/// A zip archive with one deflated entry (raw stream, uncompressed length and CRC-32).
fn zip_with(name: &str, data: &[u8], size: u64, crc: u32) -> Vec<u8> {
    let size = u32::try_from(size).unwrap();
    let csize = u32::try_from(data.len()).unwrap();
    let name_len = u16::try_from(name.len()).unwrap();
    let mut out = Vec::new();
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    for v in [20u16, 0, 8, 0, 0x21] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [crc, csize, size] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&name_len.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let directory = out.len() as u32;
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    for v in [20u16, 20, 0, 8, 0, 0x21] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [crc, csize, size] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [name_len, 0, 0, 0, 0] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    out.extend_from_slice(name.as_bytes());
    let directory_len = out.len() as u32 - directory;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, 1, 1] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&directory_len.to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A `.docx` whose `word/document.xml` is `megabytes` MiB: a flagged paragraph, then text
/// outside any paragraph, then a flagged paragraph at the end. Past 16 MiB the CRC is left out
/// (too slow to compute here): such an entry is never read to its end.
fn docx_bomb(megabytes: u64) -> Vec<u8> {
    let mut deflate = Deflate::new();
    deflate.checksum = megabytes <= 16;
    let head = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{FLAGGED}</w:t></w:r></w:p>"#
    );
    deflate.literal(head.as_bytes());
    let run = 1u64 << 16;
    while deflate.len < megabytes << 20 {
        deflate.literal(b"<w:r><w:t>x");
        deflate.repeat_last(b'x', run / 258);
        deflate.literal(b"</w:t></w:r>");
    }
    deflate.literal(format!("<w:p><w:r><w:t>{FLAGGED}</w:t></w:r></w:p></w:body></w:document>").as_bytes());
    let (data, size, crc) = deflate.finish();
    zip_with("word/document.xml", &data, size, crc)
}

#[test]
fn docx_bomb_generator_makes_a_valid_archive() {
    // The generator itself: a small "bomb" reads as a document with two paragraphs.
    let dir = Dir::new();
    dir.write("small.docx", docx_bomb(2));
    let out = run(&dir, &["--format", "json", "small.docx"]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let places = crate::util::places(&out.stdout);
    assert!(places.contains(&(1, 5)) && places.contains(&(2, 5)), "{text}");
}

#[test]
fn docx_past_the_xml_cap_is_an_error_not_a_silent_cut() {
    let dir = Dir::new();
    dir.write("bomb.docx", docx_bomb(260));
    dir.write("a.md", format!("{FLAGGED}\n"));
    let out = run(&dir, &["--format", "concise", "."]);
    let text = transcript(&out).replace('\\', "/");
    assert_eq!(out.status.code(), Some(2), "{text}");
    let err = stderr(&out);
    assert!(err.contains("bomb.docx") && err.contains("256 MiB"), "{text}");
    assert!(text.contains("a.md:1:5: warning CM003"), "the rest of the run is still reported: {text}");
}

/// A `.docx` with `count` paragraphs, each with a finding.
fn docx_paragraphs(count: usize) -> Vec<u8> {
    crate::util::docx(&format!("<w:p><w:r><w:t>{FLAGGED}</w:t></w:r></w:p>").repeat(count))
}

#[test]
fn docx_positions_stay_right_with_many_paragraphs() {
    let dir = Dir::new();
    dir.write("many.docx", docx_paragraphs(3_000));
    let out = run(&dir, &["--format", "json", "many.docx"]);
    let text = transcript(&out);
    assert_eq!(out.status.code(), Some(1), "{text:.2000}");
    // One point made 3,000 times: one finding, with the others as its repeats.
    let places = crate::util::places(&out.stdout);
    assert_eq!(places.len(), 3_000, "{text:.2000}");
    for line in [1, 1_500, 3_000] {
        assert!(places.contains(&(line, 5)), "paragraph {line}: {text:.2000}");
    }
}

#[test]
fn docx_xml_error_is_one_plain_line() {
    let dir = Dir::new();
    let mut body = String::from("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    body.push_str("<w:p><x\u{1b}]0;owned\u{7}>t</x\n::error title=x::y></w:p>");
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    dir.write("bad.docx", bytes);
    let out = run(&dir, &["bad.docx"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{}", transcript(&out));
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("bad.docx")).collect();
    assert_eq!(lines.len(), 1, "{err:?}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(!err.lines().any(|l| l.starts_with("::error")), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Language server

/// The server reads the configuration at startup outside its panic guard: a glob globset cannot
/// compile killed it right after `initialize`. Now the configuration is refused (logged) and the
/// defaults are used; a large HTML document with a long attribute chain is linted too.
#[test]
fn server_survives_a_huge_glob_and_a_long_attribute_chain() {
    use serde_json::json;
    let dir = Dir::new();
    let glob = "*a?".repeat(160_000 / 3);
    dir.write("cm-lint.toml", format!("[per-file-ignores]\n\"{glob}\" = [\"CM001\"]\n"));
    let root = format!("file://{}", dir.path().display());
    let mut server = crate::server::Server::spawn();
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {}, "rootUri": root } }));
    server.wait_within("the initialize response", Duration::from_secs(60), |m| m["id"] == 1);
    server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let html = many_attributes(20_000);
    assert!(html.len() > 64 << 10);
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": format!("{root}/a.html"), "languageId": "html", "version": 1, "text": html } }
    }));
    let published = server.wait_within("diagnostics", Duration::from_secs(60), |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
    });
    assert_eq!(published["params"]["diagnostics"][0]["code"], "CM003");
    server.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    server.wait_within("the shutdown response", Duration::from_secs(30), |m| m["id"] == 2);
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(0));
}
