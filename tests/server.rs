//! `cm-lint server` as a spawned process, speaking Content-Length frames over pipes.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// A minimal LSP client over the real `cm-lint server`'s pipes (shared with `stress`).
pub(crate) struct Server {
    pub(crate) child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
}

fn read_message(out: &mut BufReader<ChildStdout>) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    pub(crate) fn spawn() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cm-lint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // Not piped: nobody reads it, and a full pipe would stop the server.
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn cm-lint server");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Server { child, stdin, messages }
    }

    pub(crate) fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    pub(crate) fn send(&mut self, value: &Value) {
        let body = serde_json::to_vec(value).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.send_raw(&body);
    }

    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.wait_within("a message", Duration::from_secs(10), pred)
    }

    /// The first message that passes `pred` within `timeout`; else the test fails, saying
    /// whether the server is still alive.
    pub(crate) fn wait_within(&mut self, what: &str, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if pred(&message) => return message,
                Ok(_) => {}
                Err(_) => {
                    let alive = self.child.try_wait().ok().flatten().is_none();
                    let _ = self.child.kill();
                    panic!("no {what} within {timeout:?} (server alive: {alive})");
                }
            }
        }
    }

    pub(crate) fn exit_code(mut self) -> Option<i32> {
        drop(self.stdin);
        for _ in 0..200 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        None
    }
}

#[test]
fn survives_a_malformed_frame_and_serves() {
    let mut server = Server::spawn();
    server.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    let init = server.wait_for(|m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": "file:///tmp/a.md", "languageId": "markdown", "version": 3, "text": "Your coach/mentor will call.\n" } }
    }));
    let published = server.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["diagnostics"][0]["code"], "CM001");
    assert_eq!(published["params"]["version"], 3);
    server.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    server.wait_for(|m| m["id"] == 2);
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(0));
}

/// "Fix all" holds safe fixes only, under cm-lint's own kind (#14): an editor applies a
/// `source.fixAll` action unread on save, so the bare kind is never offered, and a word swap
/// (which may change the meaning) stays a quick fix a person picks.
#[test]
fn fix_all_holds_no_word_swap_and_the_swap_stays_a_quick_fix() {
    let mut server = Server::spawn();
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    let init = server.wait_for(|m| m["id"] == 1);
    let kinds = &init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert_eq!(*kinds, json!(["quickfix", "source.fixAll.cm-lint"]), "{init}");
    server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let text = "# Guide\n\nOur coaches give advice drawn from their own careers.\n\nMentoring runs for exactly twelve weeks and cannot be extended.\n";
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": "file:///tmp/guide.md", "languageId": "markdown", "version": 1, "text": text } }
    }));
    let published = server.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["diagnostics"].as_array().map(Vec::len), Some(2), "{published}");
    let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 5, "character": 0 } });
    // What an editor asks for on save ("source.fixAll", "source"), what it asks at the cursor
    // (every kind), and cm-lint's own kind.
    for (id, only) in [
        (2, json!(["source.fixAll"])),
        (3, json!(["source"])),
        (4, Value::Null),
        (5, json!(["source.fixAll.cm-lint"])),
        (6, json!(["quickfix"])),
    ] {
        let mut context = json!({ "diagnostics": [] });
        if !only.is_null() {
            context["only"] = only.clone();
        }
        server.send(&json!({
            "jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction",
            "params": { "textDocument": { "uri": "file:///tmp/guide.md" }, "range": whole, "context": context }
        }));
        let response = server.wait_for(|m| m["id"] == id);
        let actions = response["result"].as_array().cloned().unwrap_or_default();
        let fix_all: Vec<&Value> =
            actions.iter().filter(|a| a["kind"].as_str().is_some_and(|k| k.starts_with("source"))).collect();
        for action in &fix_all {
            assert_eq!(action["kind"], "source.fixAll.cm-lint", "{only}: {action}");
            let edits = action["edit"]["changes"]["file:///tmp/guide.md"].to_string().to_lowercase();
            assert!(!edits.contains("mentor") && !edits.contains("coach"), "{only}: fix all swaps a word: {action}");
        }
        // Both findings' only fixes are word swaps: there is nothing safe to fix all.
        assert!(fix_all.is_empty(), "{only}: {fix_all:?}");
        let swaps: Vec<&str> = actions
            .iter()
            .filter(|a| a["kind"] == "quickfix" && a["title"].as_str().is_some_and(|t| t.starts_with("Replace")))
            .map(|a| a["title"].as_str().unwrap_or_default())
            .collect();
        let expected: &[&str] = if only.is_null() || only == json!(["quickfix"]) {
            &["Replace 'coaches' with 'mentors'", "Replace 'Mentoring' with 'Coaching'"]
        } else {
            &[]
        };
        assert_eq!(swaps, expected, "{only}: the swaps are quick fixes, offered when quick fixes are asked for");
    }
    server.send(&json!({ "jsonrpc": "2.0", "id": 9, "method": "shutdown" }));
    server.wait_for(|m| m["id"] == 9);
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_one() {
    let mut server = Server::spawn();
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    server.wait_for(|m| m["id"] == 1);
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(1));
}

/// The peak resident memory of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

pub(crate) fn initialize(server: &mut Server, params: Value) -> Value {
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params }));
    let init = server.wait_for(|m| m["id"] == 1);
    server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    init
}

pub(crate) fn shut_down(mut server: Server) {
    server.send(&json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }));
    server.wait_for(|m| m["id"] == 99);
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(0));
}

/// Request ids that are neither 32-bit integers nor strings were taken for notifications and
/// never answered (#15). They get an `InvalidRequest` error naming the id as it came, or null
/// where JSON-RPC allows no such id.
#[test]
fn requests_with_ids_out_of_range_are_refused_not_ignored() {
    let mut server = Server::spawn();
    initialize(&mut server, json!({ "capabilities": {} }));
    for (raw, id) in [
        ("9223372036854775808", json!(9_223_372_036_854_775_808_u64)),
        ("1e308", json!(1e308)),
        ("null", Value::Null),
        ("{\"x\":1}", Value::Null),
    ] {
        let body = format!(
            r#"{{"jsonrpc":"2.0","id":{raw},"method":"textDocument/hover","params":{{"textDocument":{{"uri":"file:///a.md"}},"position":{{"line":0,"character":0}}}}}}"#
        );
        server.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
        let answer = server.wait_within(&format!("an answer to id {raw}"), Duration::from_secs(10), |m| {
            m.get("error").is_some() && m.get("id") == Some(&id)
        });
        assert_eq!(answer["error"]["code"], -32600, "{answer}");
    }
    // The server still serves.
    server.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "cm/ping" }));
    server.wait_for(|m| m["id"] == 2);
    shut_down(server);
}

/// A header line with no line break grew the server's memory without bound (1.3 GB for
/// 768 MB, #15). Header lines are capped: 300 MB of one is read in bounded memory, its frame
/// is dropped, and the next message is answered.
#[test]
fn an_endless_header_line_is_skipped_in_bounded_memory() {
    let mut server = Server::spawn();
    initialize(&mut server, json!({ "capabilities": {} }));
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..300 {
        server.send_raw(&chunk);
    }
    server.send_raw(b"\r\n\r\n");
    server.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "cm/ping" }));
    let ping = server.wait_within("a ping answer after the header", Duration::from_secs(60), |m| m["id"] == 2);
    assert!(ping["error"].is_object(), "{ping}");
    let peak = peak_rss_kib(server.child.id()).expect("the server's peak memory");
    assert!(peak < 100 * 1024, "peak memory {} MiB for a 300 MiB header line", peak / 1024);
    shut_down(server);
}

/// A `per-file-ignores` glob of 160 KB made globset panic while the configuration was loaded
/// at startup, outside any `catch_unwind`: the server died right after `initialize` (#15).
/// Whatever happens while loading the configuration, it says so and goes on serving.
#[test]
fn a_configuration_that_breaks_the_engine_is_reported_and_the_server_serves() {
    let dir = tempfile::tempdir().unwrap();
    let glob = "*".repeat(160_000);
    std::fs::write(dir.path().join("cm-lint.toml"), format!("[per-file-ignores]\n\"{glob}\" = [\"CM001\"]\n")).unwrap();
    let root = format!("file://{}", dir.path().display());
    let mut server = Server::spawn();
    let init = initialize(&mut server, json!({ "capabilities": {}, "rootUri": root }));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    let shown = server.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("cm-lint.toml"), "{shown}");
    assert!(message.chars().count() < 2_000, "the whole glob was shown: {} characters", message.len());
    assert_eq!(shown["params"]["type"], 1, "{shown}");
    let uri = format!("{root}/guide.md");
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": "Your coach/mentor will call.\n" } }
    }));
    let published = server.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["diagnostics"][0]["code"], "CM001", "{published}");
    // A change to the configuration (as an editor reports one) reloads it, and the server
    // still serves.
    server
        .send(&json!({ "jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": { "settings": {} } }));
    server.send(&json!({ "jsonrpc": "2.0", "id": 2, "method": "cm/ping" }));
    server.wait_for(|m| m["id"] == 2);
    shut_down(server);
}

/// Editors start servers with `--stdio`; the server accepts it and answers over the pipes.
#[test]
fn accepts_the_stdio_flag_editors_pass() {
    let frame = |body: serde_json::Value| {
        let body = body.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let input = [
        frame(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } })),
        frame(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} })),
        frame(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" })),
        frame(json!({ "jsonrpc": "2.0", "method": "exit" })),
    ]
    .concat();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cm-lint"))
        .args(["server", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn cm-lint server --stdio");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().expect("the server exits");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{:?}: {stdout}", output.status);
    assert!(stdout.contains("\"capabilities\""), "no initialize result: {stdout}");
}
