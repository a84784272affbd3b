//! The language server's message handling: after a valid initialisation, arbitrary JSON-RPC
//! messages (one per line of the input) must never kill the server, and shutdown then exit must
//! still end it with status 0.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    assert_eq!(cm_lsp::fuzz_session(&text), 0);
});
