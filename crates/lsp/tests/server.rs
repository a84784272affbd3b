//! The server through its real JSON-RPC interface, in memory.

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<i32>>,
    next_id: i32,
}

impl Client {
    fn start(init_params: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || cm_lsp::run(server_side));
        let mut client = Client { conn: client_side, server: Some(server), next_id: 0 };
        let result = client.request("initialize", init_params);
        client.notify("initialized", json!({}));
        (client, result.result.unwrap_or_default())
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn.sender.send(Request::new(id.clone(), method.to_string(), params).into()).unwrap();
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(10)).expect("a response within 10 s") {
                Message::Response(r) if r.id == id => return r,
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn.sender.send(Notification::new(method.to_string(), params).into()).unwrap();
    }

    fn diagnostics(&self) -> Value {
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(10)).expect("diagnostics within 10 s") {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => return n.params,
                _ => {}
            }
        }
    }

    fn finish(mut self, shutdown: bool) -> i32 {
        if shutdown {
            let r = self.request("shutdown", Value::Null);
            assert!(r.error.is_none());
        }
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn init(encodings: &[&str]) -> Value {
    json!({
        "capabilities": { "general": { "positionEncodings": encodings } },
        "workspaceFolders": null,
        "initializationOptions": {}
    })
}

const URI: &str = "file:///tmp/cm-lsp-test/guide.md";

fn open(client: &Client, text: &str, language: &str) -> Value {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": language, "version": 0, "text": text } }),
    );
    client.diagnostics()
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn negotiates_utf8_when_offered_else_utf16() {
    let (client, result) = Client::start(init(&["utf-8", "utf-16"]));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(client.finish(true), 0);
    let (client, result) = Client::start(json!({ "capabilities": {} }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.finish(true), 0);
}

#[test]
fn publishes_on_open_and_change_with_versions() {
    let (client, _) = Client::start(init(&["utf-16"]));
    let published = open(&client, "# Guide\n\nOur coaches give advice drawn from their own careers.\n", "markdown");
    assert_eq!(codes(&published), ["CM003"]);
    assert_eq!(published["version"], 0);
    insta::assert_json_snapshot!(published);
    // Replace "coaches" with "mentors" by an incremental edit; the version jumps, as in Neovim.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 5 },
            "contentChanges": [{ "range": { "start": { "line": 2, "character": 4 }, "end": { "line": 2, "character": 11 } }, "text": "mentors" }]
        }),
    );
    let published = client.diagnostics();
    assert_eq!(published["version"], 5);
    assert!(codes(&published).is_empty());
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": URI } }));
    assert!(codes(&client.diagnostics()).is_empty());
    assert_eq!(client.finish(true), 0);
}

#[test]
fn utf16_positions_after_bom_emoji_cjk_and_crlf() {
    let (client, _) = Client::start(init(&["utf-16"]));
    let published = open(&client, "\u{feff}😀 日本\r\nYour coach/mentor will call.\r\n", "markdown");
    let range = &published["diagnostics"][0]["range"];
    assert_eq!(range["start"], json!({ "line": 1, "character": 5 }));
    assert_eq!(range["end"], json!({ "line": 1, "character": 10 }));
    let published = open(&client, "😀 日本 your coach/mentor\n", "markdown");
    assert_eq!(published["diagnostics"][0]["range"]["start"], json!({ "line": 0, "character": 11 }));
    assert_eq!(client.finish(true), 0);
}

#[test]
fn pull_diagnostics_match_pushed_ones() {
    let (mut client, result) = Client::start(init(&["utf-8"]));
    assert!(result["capabilities"]["diagnosticProvider"].is_null());
    let pushed = open(&client, "Your coach/mentor will call.\n", "plaintext");
    let (mut puller, result) = Client::start(json!({
        "capabilities": { "general": { "positionEncodings": ["utf-8"] }, "textDocument": { "diagnostic": {} } }
    }));
    assert_eq!(result["capabilities"]["diagnosticProvider"]["identifier"], "cm-lint");
    puller.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 0, "text": "Your coach/mentor will call.\n" } }),
    );
    let pulled = puller.request("textDocument/diagnostic", json!({ "textDocument": { "uri": URI } }));
    assert_eq!(pulled.result.unwrap()["items"], pushed["diagnostics"]);
    let unknown = client.request("textDocument/diagnostic", json!({ "textDocument": { "uri": "file:///none.md" } }));
    assert!(unknown.error.is_none());
    assert_eq!(puller.finish(true), 0);
    assert_eq!(client.finish(true), 0);
}

#[test]
fn hover_explains_the_word_and_the_finding() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    open(&client, "Our coaches give advice drawn from their own careers.\n", "markdown");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 6 } }),
    );
    let value = hover.result.unwrap()["contents"]["value"].as_str().unwrap().to_string();
    assert!(value.contains("CM003 coaching-described-as-mentoring"), "{value}");
    assert!(value.contains("client sets the agenda"), "{value}");
    insta::assert_snapshot!(value);
    assert_eq!(client.finish(true), 0);
}

/// A word swap may change the meaning (#14): it is a quick fix a person picks, never the
/// preferred one, and "fix all" (safe fixes only) is not offered for it.
#[test]
fn code_actions_offer_the_swap_as_a_quick_fix_and_disable() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    open(&client, "Our coaches give advice drawn from their own careers.\n", "markdown");
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 0, "character": 5 }, "end": { "line": 0, "character": 5 } },
            "context": { "diagnostics": [] }
        }),
    );
    let actions = response.result.unwrap();
    let titles: Vec<(&str, &str)> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["kind"].as_str().unwrap(), a["title"].as_str().unwrap()))
        .collect();
    assert_eq!(titles, [("quickfix", "Replace 'coaches' with 'mentors'"), ("quickfix", "Disable CM003 for this line")]);
    let edit = &actions[0]["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "mentors");
    assert_eq!(actions[0]["isPreferred"], false, "an unsafe fix is never applied unasked");
    let disable = &actions[1]["edit"]["changes"][URI][0];
    assert_eq!(disable["newText"], "<!-- cm-lint-disable-next-line CM003 -->\n");
    assert_eq!(client.finish(true), 0);
}

#[test]
fn configuration_changes_relint() {
    let (client, _) = Client::start(init(&["utf-16"]));
    assert_eq!(codes(&open(&client, "Our coaches give advice drawn from their own careers.\n", "markdown")), ["CM003"]);
    // Neovim sends an empty change first; it must not reset anything.
    client.notify("workspace/didChangeConfiguration", json!({ "settings": {} }));
    assert_eq!(codes(&client.diagnostics()), ["CM003"]);
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "cmLint": { "ignore": ["CM003"] } } }));
    assert!(codes(&client.diagnostics()).is_empty());
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "cmLint": { "severity": { "CM003": "error" } } } }),
    );
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"][0]["severity"], 1);
    assert_eq!(client.finish(true), 0);
}

#[test]
fn bad_messages_never_kill_the_server() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    let unknown = client.request("cm/unknown", json!({}));
    assert_eq!(unknown.error.unwrap().code, lsp_server::ErrorCode::MethodNotFound as i32);
    let bad = client.request("textDocument/hover", json!({ "textDocument": 42 }));
    assert_eq!(bad.error.unwrap().code, lsp_server::ErrorCode::InvalidParams as i32);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///nope.md", "version": 1 }, "contentChanges": [] }),
    );
    client.notify("textDocument/didOpen", json!({ "wrong": true }));
    // Edits whose ranges fall outside the document are clamped.
    open(&client, "Short.\n", "markdown");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 40, "character": 3 }, "end": { "line": 90, "character": 0 } }, "text": " Your coach/mentor." }]
        }),
    );
    assert_eq!(codes(&client.diagnostics()), ["CM001"]);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(hover.error.is_none());
    assert_eq!(client.finish(true), 0);
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_codes_follow_the_protocol() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    assert!(client.request("shutdown", Value::Null).error.is_none());
    let late = client.request("textDocument/hover", json!({}));
    assert_eq!(late.error.unwrap().code, lsp_server::ErrorCode::InvalidRequest as i32);
    assert_eq!(client.finish(false), 0);
    let (client, _) = Client::start(init(&["utf-16"]));
    assert_eq!(client.finish(false), 1);
}

#[test]
fn language_ids_and_extensions_pick_the_format() {
    let (client, _) = Client::start(init(&["utf-16"]));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///tmp/x/page.htm", "languageId": "mhtml", "version": 0, "text": "<p>Your coach&nbsp;/&nbsp;mentor</p>" } }),
    );
    assert_eq!(codes(&client.diagnostics()), ["CM001"]);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///tmp/x/notes.txt", "languageId": "unknown", "version": 0, "text": "Your `coach/mentor` here." } }),
    );
    // Plain text has no inline code: the slash form is prose there.
    assert_eq!(codes(&client.diagnostics()), ["CM001"]);
    assert_eq!(client.finish(true), 0);
}

#[test]
fn large_documents_are_linted_in_the_background() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    let mut text = String::new();
    while text.len() < 200_000 {
        text.push_str("We offer coaching and mentoring to every team.\n\n");
    }
    text.push_str("Your coach/mentor will call.\n");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///tmp/big.md", "languageId": "markdown", "version": 1, "text": text } }),
    );
    // Other requests are answered while the document is linted.
    let unknown = client.request("cm/ping", json!({}));
    assert!(unknown.error.is_some());
    let published = client.diagnostics();
    assert_eq!(published["uri"], "file:///tmp/big.md");
    assert_eq!(codes(&published), ["CM001"]);
    assert_eq!(published["version"], 1);
    assert_eq!(client.finish(true), 0);
}

#[test]
fn fuzz_session_survives_garbage_and_hostile_messages() {
    let input = [
        "not json at all",
        r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":null}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///x.md","version":1},"contentChanges":[{"range":{"start":{"line":4294967295,"character":4294967295},"end":{"line":0,"character":0}},"text":"x"}]}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.md","languageId":"markdown","version":0,"text":"Your coach/mentor"}}}"#,
        r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///x.md","version":1},"contentChanges":[{"range":{"start":{"line":9,"character":9},"end":{"line":0,"character":0}},"text":"😀"}]}}"#,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        r#"{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{}}"#,
    ]
    .join("\n");
    assert_eq!(cm_lsp::fuzz_session(&input), 0);
}

#[test]
fn changes_to_a_document_never_opened_leave_no_trace() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    let ghost = "file:///tmp/cm-lsp-test/ghost.md";
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": ghost, "version": 7 },
            "contentChanges": [
                { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 2 } }, "text": "Your coach/mentor will call.\n" },
                { "text": "Our coaches give advice drawn from their own careers.\n" }
            ]
        }),
    );
    // Opening it afterwards starts from the opened text alone; nothing was published before.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": ghost, "languageId": "markdown", "version": 8, "text": "We offer coaching and mentoring.\n" } }),
    );
    let published = client.diagnostics();
    assert_eq!((published["uri"].as_str(), published["version"].as_i64()), (Some(ghost), Some(8)), "{published}");
    assert!(codes(&published).is_empty(), "{published}");
    // Closed again, it is gone: requests about it get empty answers, not errors.
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": ghost } }));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": ghost, "version": 9 }, "contentChanges": [{ "text": "Your coach/mentor." }] }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": ghost }, "position": { "line": 0, "character": 6 } }),
    );
    assert!(hover.error.is_none() && hover.result.as_ref().is_none_or(Value::is_null), "{hover:?}");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": ghost },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 9 } },
            "context": { "diagnostics": [] }
        }),
    );
    assert_eq!(actions.result, Some(json!([])), "{actions:?}");
    assert_eq!(client.finish(true), 0);
}

#[test]
fn edit_positions_inside_a_character_or_past_a_line_end_are_clamped() {
    for encoding in ["utf-8", "utf-16"] {
        let (mut client, _) = Client::start(init(&[encoding]));
        open(&client, "😀 Our coaches help.\nSecond line.\n", "markdown");
        // Column 1 is inside the emoji in either encoding; column 99 is past the line's end.
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": 1 },
                "contentChanges": [
                    { "range": { "start": { "line": 0, "character": 1 }, "end": { "line": 0, "character": 1 } }, "text": "" },
                    { "range": { "start": { "line": 0, "character": 99 }, "end": { "line": 0, "character": 99 } }, "text": " They give advice drawn from their own careers." }
                ]
            }),
        );
        let published = client.diagnostics();
        assert_eq!(published["version"], 1, "{encoding}: {published}");
        assert_eq!(codes(&published), ["CM003"], "{encoding}: {published}");
        // The server still answers; the second line has no practice word to explain.
        let hover = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": { "line": 1, "character": 0 } }),
        );
        assert!(hover.error.is_none() && hover.result.as_ref().is_none_or(Value::is_null), "{encoding}: {hover:?}");
        // The finding is at "give advice", its related phrase at "coaches": the emoji is whole
        // (4 bytes or 2 UTF-16 units) and the sentence was appended to the first line's end.
        let (cue, word) = if encoding == "utf-8" { (28, 9) } else { (26, 7) };
        let diagnostic = &published["diagnostics"][0];
        assert_eq!(diagnostic["range"]["start"], json!({ "line": 0, "character": cue }), "{encoding}: {published}");
        let related = &diagnostic["relatedInformation"][0]["location"]["range"]["start"];
        assert_eq!(related, &json!({ "line": 0, "character": word }), "{encoding}: {published}");
        assert_eq!(client.finish(true), 0);
    }
}

/// What the server advertises, field by field: an editor that is not told about a capability
/// never uses it (the end-to-end editor tests rely on each).
#[test]
fn advertises_sync_hover_code_actions_and_pulled_diagnostics() {
    // A client that pulls diagnostics and resolves code actions' edits.
    let mut params = init(&["utf-16"]);
    params["capabilities"]["textDocument"] =
        json!({ "diagnostic": {}, "codeAction": { "resolveSupport": { "properties": ["edit"] } } });
    let (client, result) = Client::start(params);
    let caps = &result["capabilities"];
    let sync = &caps["textDocumentSync"];
    assert_eq!((sync["openClose"].clone(), sync["change"].clone()), (json!(true), json!(2)), "{caps}");
    assert!(sync["save"].is_object() || sync["save"] == json!(true), "{caps}");
    assert_eq!(caps["hoverProvider"], true, "{caps}");
    let actions = &caps["codeActionProvider"];
    assert_eq!(actions["codeActionKinds"], json!(["quickfix", "source.fixAll.cm-lint"]), "{caps}");
    assert_eq!(actions["resolveProvider"], true, "{caps}");
    let pulled = &caps["diagnosticProvider"];
    assert_eq!(
        (pulled["interFileDependencies"].clone(), pulled["workspaceDiagnostics"].clone()),
        (json!(false), json!(false))
    );
    assert_eq!(client.finish(true), 0);
}

/// Quick fixes are those of the findings in the range asked about, each action names its
/// finding, "disable" keeps the line's indent, and an `only` filter is honoured.
#[test]
fn code_actions_are_for_the_range_and_the_kinds_asked() {
    let (mut client, _) = Client::start(init(&["utf-16"]));
    let text = "Welcome.\n\n  Our coaches give advice drawn from their own careers.\n";
    open(&client, text, "markdown");
    let mut ask = |range: Value, only: Option<Value>| {
        let mut context = json!({ "diagnostics": [] });
        if let Some(only) = only {
            context["only"] = only;
        }
        client
            .request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": URI }, "range": range, "context": context }),
            )
            .result
            .unwrap()
    };
    let at = |line: u32, character: u32| json!({ "start": { "line": line, "character": character }, "end": { "line": line, "character": character } });
    assert_eq!(ask(at(0, 2), None), json!([]), "no finding on line 0");
    let actions = ask(at(2, 8), None);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    for action in actions {
        assert_eq!(action["diagnostics"][0]["code"], "CM003", "{action}");
    }
    let disable = &actions[1]["edit"]["changes"][URI][0];
    assert_eq!(disable["newText"], "  <!-- cm-lint-disable-next-line CM003 -->\n", "the line's indent is kept");
    assert_eq!(ask(at(2, 8), Some(json!(["quickfix"]))).as_array().unwrap().len(), 2);
    assert_eq!(ask(at(2, 8), Some(json!(["source"]))), json!([]), "no quick fix when only source actions are asked");
    assert_eq!(ask(at(2, 8), Some(json!(["quick"]))), json!([]), "a kind is matched by its dotted parts, not a prefix");
    assert_eq!(client.finish(true), 0);
}
