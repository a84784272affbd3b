//! Applying a code action's edits as a client would, and LSP positions in a text: shared by the
//! server's tests here and by the crate's own tests (`src/tests.rs`).

use serde_json::{json, Value};

/// The byte offset of an LSP position in `text`, in `encoding`'s column units.
pub fn offset_of(text: &str, encoding: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let mut start = 0;
    for _ in 0..line {
        start += text[start..].find('\n').map_or(text.len() - start, |i| i + 1);
    }
    let line_text = &text[start..];
    let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= character {
            return start + i;
        }
        units += if encoding == "utf-8" { c.len_utf8() } else { c.len_utf16() };
    }
    start + line_text.len()
}

/// The LSP position of a byte offset.
pub fn position_of(text: &str, encoding: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize =
        before[line_start..].chars().map(|c| if encoding == "utf-8" { c.len_utf8() } else { c.len_utf16() }).sum();
    json!({ "line": line, "character": character })
}

/// Applies a code action's edit to `text`, as a client would: versioned edits only to the
/// version they name, unversioned ones to whatever the client has.
pub fn apply(text: &str, version: i64, encoding: &str, uri: &str, action: &Value) -> Result<String, String> {
    let edit = &action["edit"];
    let edits: Vec<Value> = if let Some(changes) = edit["documentChanges"].as_array() {
        let mut all = Vec::new();
        for change in changes {
            assert_eq!(change["textDocument"]["uri"], uri, "{action}");
            if change["textDocument"]["version"].as_i64() != Some(version) {
                return Err(format!(
                    "edit for version {} refused at version {version}",
                    change["textDocument"]["version"]
                ));
            }
            all.extend(change["edits"].as_array().unwrap().iter().cloned());
        }
        all
    } else {
        edit["changes"][uri].as_array().cloned().unwrap_or_default()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let start = offset_of(text, encoding, &e["range"]["start"]);
            let end = offset_of(text, encoding, &e["range"]["end"]);
            (start, end, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, &new_text);
    }
    Ok(out)
}
