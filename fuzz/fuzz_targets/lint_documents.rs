//! The document readers and the engine: the input, as text, is linted as Markdown, as plain
//! text and as HTML. No input may panic, and every span must lie on character boundaries
//! inside the source (see `common.rs` for everything checked). An input is a document as it
//! is, so a regression input is simply the file that broke the run.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check_all_formats(&String::from_utf8_lossy(data));
});
