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

#[test]
fn exit_without_shutdown_is_status_one() {
    let mut server = Server::spawn();
    server.send(&json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
    server.wait_for(|m| m["id"] == 1);
    server.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.exit_code(), Some(1));
}
