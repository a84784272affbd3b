//! cm-lsp: the cm-lint language server.
//!
//! A loop over `lsp-server`'s connection that applies edits and answers requests, and worker
//! threads that lint the newest text of each changed document: documents are linted by the same
//! engine and configuration as the command line, so a document gets identical findings in the
//! editor and in CI. Diagnostics are pushed on open, change and save (and pulled where the
//! client asks), with quick fixes, "disable for this line", "fix all", and hovers that explain
//! the article. Fixes are offered only for the version their findings were computed for.

#![warn(clippy::print_stdout)]

mod convert;
mod io;
mod server;
#[cfg(test)]
mod tests;

pub use convert::Encoding;
pub use server::run;

/// Runs the server on stdin and stdout until the client says exit; returns the process exit
/// code (0 after a proper shutdown, 1 otherwise).
pub fn run_stdio() -> i32 {
    let (sender, receiver, threads) = io::stdio();
    let connection = lsp_server::Connection { sender, receiver };
    let code = run(connection);
    threads.join_writer();
    code
}

/// Runs one in-memory session for fuzzing: initialise, then every line of `input` that parses
/// as a JSON-RPC message, then shutdown and exit. Returns the server's exit code.
#[doc(hidden)]
pub fn fuzz_session(input: &str) -> i32 {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    let (server_side, client) = Connection::memory();
    let server = std::thread::spawn(move || run(server_side));
    let send = |message: Message| {
        let _ = client.sender.send(message);
    };
    send(Request::new(RequestId::from(0), "initialize".into(), serde_json::json!({ "capabilities": {} })).into());
    send(Notification::new("initialized".into(), serde_json::json!({})).into());
    for line in input.lines() {
        if let Ok(message) = serde_json::from_str::<Message>(line) {
            let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if !is_exit {
                send(message);
            }
        }
    }
    send(Request::new(RequestId::from(i32::MAX), "shutdown".into(), serde_json::Value::Null).into());
    send(Notification::new("exit".into(), serde_json::Value::Null).into());
    // Drain what the server says so that it never blocks on a full channel.
    let drain = std::thread::spawn(move || while client.receiver.recv().is_ok() {});
    let code = server.join().unwrap_or(101);
    drop(drain);
    code
}
