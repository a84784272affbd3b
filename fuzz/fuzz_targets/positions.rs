//! Position conversions: byte offsets to lines and columns (bytes, UTF-16, characters) and back,
//! on arbitrary text and arbitrary offsets.
#![no_main]

use cm_linter::{LineIndex, WideEncoding, WideLineCol};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (numbers, rest) = data.split_at(8);
    let text = String::from_utf8_lossy(rest);
    let index = LineIndex::new(&text);
    let offset = u32::from_le_bytes([numbers[0], numbers[1], numbers[2], numbers[3]]) as usize;
    let lc = index.line_col(offset);
    assert!(index.offset(lc) <= text.len());
    let wide =
        WideLineCol { line: u32::from(numbers[4]), col: u32::from(u16::from_le_bytes([numbers[5], numbers[6]])) };
    for encoding in [WideEncoding::Utf16, WideEncoding::Utf32] {
        let back = index.to_utf8(encoding, wide);
        let at = index.offset(back);
        assert!(at <= text.len() && text.is_char_boundary(at));
        let _ = index.to_wide(encoding, index.line_col(at));
    }
    let _ = index.one_based(offset);
});
