//! cm-lsp: the cm-lint language server.
//!
//! A synchronous loop over `lsp-server`'s connection: documents are linted by the same engine and
//! configuration as the command line, so a document gets identical findings in the editor and in
//! CI. Diagnostics are pushed on open, change and save (and pulled where the client asks), with
//! quick fixes, "disable for this line", "fix all", and hovers that explain the article.

#![warn(clippy::print_stdout)]

mod convert;
mod io;
mod server;

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
