//! What the server does when the engine or the configuration loader panics (a bug). The crate's
//! test build has hooks for it ([`crate::server::TEST_PANIC`]): a document or a setting that
//! contains the marker makes them panic. Release builds have no such hook.

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

use crate::server::TEST_PANIC;

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<i32>>,
    next_id: i32,
}

impl Client {
    fn start(options: Value) -> Client {
        let (server_side, conn) = Connection::memory();
        let server = std::thread::spawn(move || crate::run(server_side));
        let mut client = Client { conn, server: Some(server), next_id: 0 };
        let init = client.request("initialize", json!({ "capabilities": {}, "initializationOptions": options }));
        assert!(init.error.is_none(), "{init:?}");
        client.notify("initialized", json!({}));
        client
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn.sender.send(Request::new(id.clone(), method.to_string(), params).into()).unwrap();
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(20)).expect("a response") {
                Message::Response(r) if r.id == id => return r,
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn.sender.send(Notification::new(method.to_string(), params).into()).unwrap();
    }

    /// The first notification of a method within 20 s.
    fn next(&self, method: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.conn.receiver.recv_timeout(left).unwrap_or_else(|_| panic!("no {method}")) {
                Message::Notification(n) if n.method == method => return n.params,
                _ => {}
            }
        }
    }

    fn finish(mut self) -> i32 {
        assert!(self.request("shutdown", Value::Null).error.is_none());
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

const URI: &str = "file:///tmp/cm-lsp-unit/guide.md";

fn open(client: &Client, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": text } }),
    );
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

/// The engine panicking on a document published no diagnostics for it, as if it were clean
/// (#15). Now the document gets one error at its start saying that it could not be checked, the
/// client's log says why, it offers no quick fixes, and the next text is linted as usual.
#[test]
fn a_lint_that_panics_publishes_an_internal_error_and_logs_it() {
    let mut client = Client::start(json!({}));
    open(&client, &format!("Your coach/mentor will call. {TEST_PANIC}\n"));
    let logged = client.next("window/logMessage");
    assert_eq!(logged["type"], 1, "{logged}");
    let message = logged["message"].as_str().unwrap();
    assert!(message.contains(URI) && message.contains("internal error"), "{message}");
    let published = client.next("textDocument/publishDiagnostics");
    assert_eq!(codes(&published), ["internal-error"], "{published}");
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(
        diagnostic["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } })
    );
    assert!(diagnostic["message"].as_str().unwrap().contains("internal error"));
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 30 } },
            "context": { "diagnostics": [] }
        }),
    );
    assert_eq!(actions.result, Some(json!([])));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": "Your coach/mentor will call.\n" }] }),
    );
    assert_eq!(codes(&client.next("textDocument/publishDiagnostics")), ["CM001"]);
    assert_eq!(client.finish(), 0);
}

/// A panic while loading the configuration killed the server (#15). Now it is shown to the
/// user, the previous configuration is kept (the defaults at startup), and the server serves.
#[test]
fn a_configuration_that_panics_keeps_the_previous_one() {
    let client = Client::start(json!({ "ignore": [TEST_PANIC] }));
    let shown = client.next("window/showMessage");
    assert_eq!(shown["type"], 1, "{shown}");
    assert!(shown["message"].as_str().unwrap().contains("internal error"), "{shown}");
    open(&client, "Your coach/mentor will call.\n");
    assert_eq!(codes(&client.next("textDocument/publishDiagnostics")), ["CM001"]);
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "cmLint": { "ignore": ["CM001"] } } }));
    assert!(codes(&client.next("textDocument/publishDiagnostics")).is_empty());
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "cmLint": { "ignore": [TEST_PANIC] } } }));
    assert!(client.next("window/showMessage")["message"].as_str().unwrap().contains("previous configuration is kept"));
    assert!(codes(&client.next("textDocument/publishDiagnostics")).is_empty(), "the previous configuration was kept");
    assert_eq!(client.finish(), 0);
}
