//! What the server does when the engine or the configuration loader panics (a bug), and how
//! "fix all" is computed and resolved. The crate's test build has hooks for them
//! ([`crate::server::TEST_PANIC`]: a document or a setting that contains the marker makes them
//! panic; [`TEST_UNSAFE_FIX_ALL`]: a document whose "fix all" applies unsafe fixes too, as no
//! rule has a safe fix yet). Release builds have no such hook.

use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

use crate::server::{TEST_PANIC, TEST_UNSAFE_FIX_ALL};

#[path = "../tests/common/edits.rs"]
mod edits;
use edits::{apply, position_of};

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<i32>>,
    next_id: i32,
    /// Notifications that arrived while a request waited for its response, oldest first: the
    /// server may publish before it answers, and [`Client::next`] must still see them.
    early: std::cell::RefCell<std::collections::VecDeque<Notification>>,
}

impl Client {
    fn start(options: Value) -> Client {
        Client::initialised(json!({ "capabilities": {}, "initializationOptions": options }))
    }

    fn initialised(params: Value) -> Client {
        let (server_side, conn) = Connection::memory();
        let server = std::thread::spawn(move || crate::run(server_side));
        let mut client = Client { conn, server: Some(server), next_id: 0, early: Default::default() };
        let init = client.request("initialize", params);
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
                Message::Notification(n) => self.early.borrow_mut().push_back(n),
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn.sender.send(Notification::new(method.to_string(), params).into()).unwrap();
    }

    /// The first notification of a method within 20 s.
    fn next(&self, method: &str) -> Value {
        let early = {
            let mut queue = self.early.borrow_mut();
            let found = queue.iter().position(|n| n.method == method);
            found.and_then(|i| queue.drain(..=i).next_back())
        };
        if let Some(n) = early {
            return n.params;
        }
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

/// Neutral prose, with no practice word: bulk that the engine reads quickly.
const FILLER: &str = "Our team meets every week to plan the quarter, review incidents and share what went well.\n\n";

/// A document over 64 KB (its "fix all" is computed off the loop) whose last line has a fix,
/// and whose "fix all" applies that (unsafe) fix: the machinery is the same for safe fixes.
fn big_document() -> String {
    let mut text = FILLER.repeat(80_000 / FILLER.len() + 1);
    text.push_str(&format!("<!-- {TEST_UNSAFE_FIX_ALL} -->\n\n"));
    text.push_str("😀 Our coaches give advice drawn from their own careers.\n");
    text
}

fn init(resolve: bool) -> Value {
    let mut params = json!({
        "capabilities": {
            "general": { "positionEncodings": ["utf-16"] },
            "workspace": { "workspaceEdit": { "documentChanges": true } }
        }
    });
    if resolve {
        params["capabilities"]["textDocument"] =
            json!({ "codeAction": { "resolveSupport": { "properties": ["edit"] } } });
    }
    params
}

fn fix_all_of(actions: &Value) -> Option<Value> {
    actions.as_array()?.iter().find(|a| a["kind"] == "source.fixAll.cm-lint").cloned()
}

/// "Fix all" lints the document at least twice: computing it for every code action request
/// (an editor asks on each cursor move) held the loop on large documents. A client that
/// resolves edits gets it without its edit, computed when picked, and only for the text it
/// was offered for.
#[test]
fn fix_all_is_resolved_when_picked_and_only_for_the_version_it_was_offered_for() {
    let mut client = Client::initialised(init(true));
    let text = big_document();
    open(&client, &text);
    client.next("textDocument/publishDiagnostics");
    let here = position_of(&text, "utf-16", text.rfind("coaches").unwrap());
    let ask = json!({ "textDocument": { "uri": URI }, "range": { "start": here, "end": here }, "context": { "diagnostics": [] } });
    let actions = client.request("textDocument/codeAction", ask.clone()).result.unwrap();
    let fix_all = fix_all_of(&actions).expect("fix all");
    assert!(fix_all["edit"].is_null() && fix_all["data"].is_object(), "{fix_all}");
    let resolved = client.request("codeAction/resolve", fix_all.clone()).result.unwrap();
    assert_eq!(resolved["edit"]["documentChanges"][0]["textDocument"]["version"], 1, "{resolved}");
    let fixed = apply(&text, 1, "utf-16", URI, &resolved).unwrap();
    assert!(fixed.ends_with("😀 Our mentors give advice drawn from their own careers.\n"), "{resolved}");
    // Once computed, it comes with its edit.
    let actions = client.request("textDocument/codeAction", ask).result.unwrap();
    assert_eq!(fix_all_of(&actions).expect("fix all")["edit"], resolved["edit"]);
    // After an edit, the action offered before is refused as out of date.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "X" }] }),
    );
    let stale = client.request("codeAction/resolve", fix_all);
    assert_eq!(stale.error.map(|e| e.code), Some(lsp_server::ErrorCode::ContentModified as i32));
    // The new version gets its own "fix all", computed for its text, never the one kept for
    // the version before (whose offsets are one character off now).
    let changed = format!("X{text}");
    client.next("textDocument/publishDiagnostics");
    let here = position_of(&changed, "utf-16", changed.rfind("coaches").unwrap());
    let ask = json!({ "textDocument": { "uri": URI }, "range": { "start": here, "end": here }, "context": { "diagnostics": [] } });
    let actions = client.request("textDocument/codeAction", ask).result.unwrap();
    let again = client.request("codeAction/resolve", fix_all_of(&actions).expect("fix all")).result.unwrap();
    assert_eq!(again["edit"]["documentChanges"][0]["textDocument"]["version"], 2, "{again}");
    assert_eq!(apply(&changed, 2, "utf-16", URI, &again).unwrap(), format!("X{fixed}"));
    assert_eq!(client.finish(), 0);
}

/// A client that cannot resolve edits gets "fix all" with its edit; in a large document it is
/// computed on a worker (the first request after an edit starts it), not on the loop.
#[test]
fn fix_all_for_a_large_document_is_computed_off_the_loop() {
    let mut client = Client::initialised(init(false));
    let text = big_document();
    open(&client, &text);
    client.next("textDocument/publishDiagnostics");
    let here = position_of(&text, "utf-16", text.rfind("coaches").unwrap());
    let ask = json!({ "textDocument": { "uri": URI }, "range": { "start": here, "end": here }, "context": { "diagnostics": [] } });
    let first = client.request("textDocument/codeAction", ask.clone()).result.unwrap();
    let kinds: Vec<&str> = first.as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["quickfix", "quickfix"], "{first}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let fix_all = loop {
        let actions = client.request("textDocument/codeAction", ask.clone()).result.unwrap();
        if let Some(action) = fix_all_of(&actions) {
            break action;
        }
        assert!(Instant::now() < deadline, "no fix all within 30 s");
        std::thread::sleep(Duration::from_millis(20));
    };
    let fixed = apply(&text, 1, "utf-16", URI, &fix_all).unwrap();
    assert!(fixed.ends_with("😀 Our mentors give advice drawn from their own careers.\n"), "{fix_all}");
    assert_eq!(client.finish(), 0);
}

/// Without the test hook, the same document's only fix is unsafe: no "fix all" at all, ever.
#[test]
fn fix_all_of_unsafe_fixes_is_never_offered() {
    let mut client = Client::initialised(init(false));
    let text = big_document().replace(TEST_UNSAFE_FIX_ALL, "a comment");
    open(&client, &text);
    client.next("textDocument/publishDiagnostics");
    let here = position_of(&text, "utf-16", text.rfind("coaches").unwrap());
    let ask = json!({ "textDocument": { "uri": URI }, "range": { "start": here, "end": here }, "context": { "diagnostics": [] } });
    for _ in 0..20 {
        let actions = client.request("textDocument/codeAction", ask.clone()).result.unwrap();
        assert!(fix_all_of(&actions).is_none(), "{actions}");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(client.finish(), 0);
}
