//! The document readers and the engine, in every format: no input may panic, and every span
//! must lie on character boundaries inside the source.
#![no_main]

use cm_linter::{lint, Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let source = String::from_utf8_lossy(rest);
    let format = match selector % 3 {
        0 => Format::Markdown,
        1 => Format::PlainText,
        _ => Format::Html,
    };
    for d in lint(&Document { source: &source, format }) {
        assert!(d.span.end() <= source.len());
        assert!(source.is_char_boundary(d.span.start()) && source.is_char_boundary(d.span.end()));
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                assert!(source.is_char_boundary(edit.span.start()) && source.is_char_boundary(edit.span.end()));
            }
        }
    }
});
