//! The command line and the language server give a file the same findings: the same
//! configuration (found from the file's folder upwards, by the engine's `discover` for both),
//! the same `per-file-ignores`, `per-file-allow`, `vocabulary` and `severity`, the same rules.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{json, Value};

use crate::server::{initialize, shut_down, Server};
use crate::util::Dir;

/// One finding as both front ends can state it: path (relative to the tree, with `/`), code,
/// severity, 1-based start and end (ASCII text: columns in characters and in UTF-16 units agree)
/// and the message.
type Finding = (String, String, String, u64, u64, u64, u64, String);

const PAGE: &str = "Our coaches share lessons from their own careers.\n\nYour coach/mentor will call you.\n\n\
    Buddy Circle pairs each new hire with an experienced colleague. Buddy Circle sessions follow a fixed \
    12-week plan with measurable goals.\n";

/// A tree run from its parent folder: `hrdocs/` has its own configuration (an error severity,
/// a per-path ignore, a programme name), `other/` has none.
fn tree() -> Dir {
    let dir = Dir::new();
    dir.write(
        "hrdocs/cm-lint.toml",
        "[severity]\nCM003 = \"error\"\n\n[per-file-ignores]\n\"legacy/**\" = [\"CM001\"]\n\n\
         [vocabulary]\nmentoring = [\"Buddy Circle\"]\n\n\
         [per-file-allow]\n\"legacy/**\" = { mentoring = [\"duration\"] }\n",
    );
    for page in ["hrdocs/guide.md", "hrdocs/legacy/old.md", "other/page.md"] {
        dir.write(page, PAGE);
    }
    dir
}

fn cli_findings(dir: &Dir) -> BTreeSet<Finding> {
    let out = dir.run(&["--format", "json", "hrdocs", "other"]);
    assert_eq!(out.status.code(), Some(1), "{}", dir.transcript(&out));
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("a JSON report");
    findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().replace('\\', "/"),
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_line"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn server_findings(dir: &Dir) -> BTreeSet<Finding> {
    let root = format!("file://{}", dir.path().display());
    let mut server = Server::spawn();
    let init = initialize(&mut server, json!({ "capabilities": {}, "rootUri": root }));
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    let mut found = BTreeSet::new();
    for page in ["hrdocs/guide.md", "hrdocs/legacy/old.md", "other/page.md"] {
        let uri = format!("{root}/{page}");
        server.send(&json!({
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": PAGE } }
        }));
        let published = server.wait_within("the page's diagnostics", Duration::from_secs(30), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        });
        for d in published["params"]["diagnostics"].as_array().unwrap() {
            let severity = match d["severity"].as_u64() {
                Some(1) => "error",
                Some(2) => "warning",
                _ => "info",
            };
            let (start, end) = (&d["range"]["start"], &d["range"]["end"]);
            // The editor's message ends with the rule's name, which the report has in a field.
            let message = d["message"].as_str().unwrap();
            let message = message.rsplit_once(" [").filter(|(_, name)| name.ends_with(']')).map_or(message, |(m, _)| m);
            found.insert((
                page.to_string(),
                d["code"].as_str().unwrap().to_string(),
                severity.to_string(),
                start["line"].as_u64().unwrap() + 1,
                start["character"].as_u64().unwrap() + 1,
                end["line"].as_u64().unwrap() + 1,
                end["character"].as_u64().unwrap() + 1,
                message.to_string(),
            ));
        }
    }
    shut_down(server);
    found
}

#[test]
fn the_command_line_and_the_server_agree_on_a_configured_tree() {
    let dir = tree();
    let cli = cli_findings(&dir);
    let server = server_findings(&dir);
    assert_eq!(cli, server, "the same tree, the same findings");
    // The configuration was used, file by file, by both: otherwise agreeing proves little.
    let has =
        |page: &str, code: &str, severity: &str| cli.iter().any(|f| f.0 == page && f.1 == code && f.2 == severity);
    assert!(has("hrdocs/guide.md", "CM003", "error"), "the severity of hrdocs/: {cli:#?}");
    assert!(has("other/page.md", "CM003", "warning"), "other/ has the defaults: {cli:#?}");
    assert!(has("hrdocs/guide.md", "CM001", "warning"), "{cli:#?}");
    assert!(!has("hrdocs/legacy/old.md", "CM001", "warning"), "per-file-ignores, relative to hrdocs/: {cli:#?}");
    assert!(has("hrdocs/legacy/old.md", "CM003", "error"), "{cli:#?}");
    assert!(!has("hrdocs/legacy/old.md", "CM004", "warning"), "per-file-allow accepts the duration: {cli:#?}");
    assert!(has("hrdocs/guide.md", "CM004", "warning"), "the programme name of hrdocs/: {cli:#?}");
    assert!(!has("other/page.md", "CM004", "warning"), "no programme names in other/: {cli:#?}");
}

/// A hover explains the configuration's programme names as it explains the practice words
/// (it used the default vocabulary).
#[test]
fn a_hover_knows_the_configured_programme_names() {
    let dir = tree();
    let root = format!("file://{}", dir.path().display());
    let mut server = Server::spawn();
    initialize(&mut server, json!({ "capabilities": {}, "rootUri": root }));
    let hover_at = |server: &mut Server, page: &str, id: u64| -> Value {
        let uri = format!("{root}/{page}");
        server.send(&json!({
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": PAGE } }
        }));
        // The first "Buddy Circle" (line 5, no finding of its own).
        server.send(&json!({
            "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": { "textDocument": { "uri": uri }, "position": { "line": 4, "character": 2 } }
        }));
        server.wait_within("the hover", Duration::from_secs(30), |m| m["id"] == id)
    };
    let configured = hover_at(&mut server, "hrdocs/guide.md", 2);
    let text = configured["result"]["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.starts_with("**mentoring**"), "{configured}");
    let unconfigured = hover_at(&mut server, "other/page.md", 3);
    assert!(unconfigured["result"].is_null(), "{unconfigured}");
    shut_down(server);
}
