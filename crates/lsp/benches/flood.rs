//! Responsiveness of the server under load, over channels bounded as the stdio transport's are
//! (64 messages from the client): hovers and code actions sent one after another while
//!
//! 1. another thread floods a 50 KB Markdown document with 10,000 changes, and
//! 2. 1,000 open documents of 50 KB are linted again after a configuration change;
//!
//! and how long an edit takes to be published on 3.8 MB of minified HTML (one line, a finding
//! every 270 bytes, UTF-16 positions).
//!
//! Prints the median, 95th percentile and maximum latency of each kind of request, and how long
//! the server took to publish the findings of the last version (of every document). Run with
//! `cargo bench -p cm-lsp --bench flood` (`-- --quick` for 200 documents in part 2).

use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, unbounded, Receiver, Sender};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const FILLER: &str = "Our team meets every week to plan the quarter, review incidents and share what went well.\n\n";
const FLAGGED: &str = "Our coaches give advice drawn from their own careers.\n\n";

fn document() -> String {
    let mut text = String::new();
    while text.len() < 50_000 {
        text.push_str(FLAGGED);
        text.push_str(FILLER);
        text.push_str(FILLER);
    }
    text
}

struct Client {
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    next_id: i32,
    publishes: Vec<(Instant, Value)>,
}

impl Client {
    fn request(&mut self, method: &str, params: Value) -> Duration {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let sent = Instant::now();
        self.sender.send(Request::new(id.clone(), method.to_string(), params).into()).unwrap();
        loop {
            match self.receiver.recv_timeout(Duration::from_secs(60)).expect("a response within 60 s") {
                Message::Response(r) if r.id == id => return sent.elapsed(),
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    self.publishes.push((Instant::now(), n.params));
                }
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.sender.send(Notification::new(method.to_string(), params).into()).unwrap();
    }

    fn wait_publish(&mut self, pred: impl Fn(&Value) -> bool) -> Instant {
        if let Some(i) = self.publishes.iter().position(|(_, p)| pred(p)) {
            return self.publishes.remove(i).0;
        }
        loop {
            match self.receiver.recv_timeout(Duration::from_secs(300)).expect("diagnostics within 300 s") {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    if pred(&n.params) {
                        return Instant::now();
                    }
                    self.publishes.push((Instant::now(), n.params));
                }
                _ => {}
            }
        }
    }
}

fn start() -> (Client, std::thread::JoinHandle<i32>) {
    // As the stdio reader: at most 64 messages wait for the server.
    let (to_server, server_in) = bounded::<Message>(64);
    let (server_out, from_server) = unbounded::<Message>();
    let connection = Connection { sender: server_out, receiver: server_in };
    let server = std::thread::spawn(move || cm_lsp::run(connection));
    let mut client = Client { sender: to_server, receiver: from_server, next_id: 0, publishes: Vec::new() };
    client.request(
        "initialize",
        json!({ "capabilities": { "general": { "positionEncodings": ["utf-16"] },
                                  "workspace": { "workspaceEdit": { "documentChanges": true } } } }),
    );
    client.notify("initialized", json!({}));
    (client, server)
}

fn summary(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    println!(
        "  {name}: {} requests, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(*samples.last().unwrap())
    );
}

/// Hovers and code actions on the flagged word of line 0, one after another, until `done`.
fn probe(client: &mut Client, uri: &str, mut done: impl FnMut() -> bool) -> (Vec<Duration>, Vec<Duration>) {
    let (mut hovers, mut actions) = (Vec::new(), Vec::new());
    let at = json!({ "line": 0, "character": 6 });
    while !done() {
        hovers.push(client.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": at })));
        actions.push(client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }),
        ));
        std::thread::sleep(Duration::from_millis(2));
    }
    (hovers, actions)
}

fn flood() {
    let (mut client, server) = start();
    let uri = "file:///tmp/cm-lsp-bench/flood.md";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 0, "text": document() } }),
    );
    client.wait_publish(|p| p["version"] == 0);
    let changes = 10_000;
    let sender = client.sender.clone();
    let started = Instant::now();
    let flooder = std::thread::spawn(move || {
        for version in 1..=changes {
            // Type and delete a letter on line 2 (an empty line), then on line 4, and so on.
            let line = 2 * (1 + (version / 2) % 200);
            let change = if version % 2 == 1 {
                json!({ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } }, "text": "x" })
            } else {
                json!({ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 1 } }, "text": "" })
            };
            let params = json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] });
            sender.send(Notification::new("textDocument/didChange".to_string(), params).into()).unwrap();
        }
        Instant::now()
    });
    let (hovers, actions) = probe(&mut client, uri, || flooder.is_finished());
    let flooded = flooder.join().unwrap();
    let linted = client.wait_publish(|p| p["version"] == changes);
    println!(
        "flood: {changes} changes to a 50 KB document sent in {:.0} ms; the last version's findings published {:.0} ms after the last change",
        (flooded - started).as_secs_f64() * 1e3,
        linted.saturating_duration_since(flooded).as_secs_f64() * 1e3
    );
    summary("hover", hovers);
    summary("code action", actions);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    server.join().unwrap();
}

fn configuration_change(documents: usize) {
    let (mut client, server) = start();
    let text = document();
    let uris: Vec<String> = (0..documents).map(|i| format!("file:///tmp/cm-lsp-bench/many-{i}.md")).collect();
    let opened = Instant::now();
    for uri in &uris {
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 0, "text": text } }),
        );
    }
    for _ in 0..documents {
        client.wait_publish(|_| true);
    }
    let first = opened.elapsed();
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "cmLint": { "ignore": ["CM003"] } } }));
    let changed = Instant::now();
    let (mut hovers, mut actions) = (Vec::new(), Vec::new());
    while client.publishes.len() < documents {
        let (h, a) = probe(&mut client, &uris[0], {
            let mut once = false;
            move || std::mem::replace(&mut once, true)
        });
        hovers.extend(h);
        actions.extend(a);
    }
    println!(
        "configuration change: {documents} documents of 50 KB (first lint of all {:.1} s), all published again after {:.1} s",
        first.as_secs_f64(),
        changed.elapsed().as_secs_f64()
    );
    summary("hover", hovers);
    summary("code action", actions);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    server.join().unwrap();
}

/// Minified HTML: one line of 3.8 MB with a finding every few hundred bytes, in UTF-16
/// positions, where counting each finding's column from the line's start made an edit cost
/// seconds.
fn minified() {
    let (mut client, server) = start();
    let uri = "file:///tmp/cm-lsp-bench/minified.html";
    let block = format!(
        "<p>Your coach/mentor will call.</p>{}",
        "<span>Our team meets every week to plan the quarter.</span>".repeat(4)
    );
    let text = block.repeat(3_800_000 / block.len());
    let opened = Instant::now();
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "html", "version": 0, "text": text } }),
    );
    client.wait_publish(|p| p["version"] == 0);
    let open = opened.elapsed();
    let changed = Instant::now();
    let end = text.encode_utf16().count();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 1 }, "contentChanges": [{ "range": { "start": { "line": 0, "character": end }, "end": { "line": 0, "character": end } }, "text": "<p>Our coaches give advice.</p>" }] }),
    );
    let published = client.wait_publish(|p| p["version"] == 1);
    println!(
        "minified HTML: {:.1} MB on one line (UTF-16): opened and published in {:.0} ms, an edit at its end published in {:.0} ms",
        text.len() as f64 / 1e6,
        open.as_secs_f64() * 1e3,
        published.duration_since(changed).as_secs_f64() * 1e3,
    );
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    server.join().unwrap();
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    if std::env::args().any(|a| a == "--minified") {
        minified();
        return;
    }
    flood();
    configuration_change(if quick { 200 } else { 1_000 });
    minified();
}
