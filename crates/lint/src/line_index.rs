//! Conversions between byte offsets and line/column positions, done once per document.
//!
//! `\r\n` is one line break and a lone `\r` is one too; neither is ever a column. A byte-order
//! mark at the start is not a column either. Different units get different types.

/// A 0-based line and a 0-based column in UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// A 0-based line and a 0-based column in the units of a [`WideEncoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WideLineCol {
    pub line: u32,
    pub col: u32,
}

/// A 1-based line and a 1-based column in Unicode scalar values, as the command line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OneBased {
    pub line: u32,
    pub column: u32,
}

/// Column units other than bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WideEncoding {
    Utf16,
    Utf32,
}

/// Line starts of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    text_len: usize,
    /// Byte offset of each line's first character; the first is 0 (or 3 after a BOM).
    starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its break).
    ends: Vec<usize>,
    /// Every line's text, kept to count characters.
    text: Box<str>,
    /// Characters and UTF-16 units before each multiple of [`CHUNK`] bytes (empty for ASCII
    /// text, whose columns are its bytes): a column is counted from the nearest checkpoint, not
    /// from its line's start, so a finding at the end of a long line costs at most one chunk.
    checkpoints: Vec<Units>,
}

/// Bytes between two checkpoints of [`LineIndex`].
const CHUNK: usize = 512;

/// Characters and UTF-16 units in a stretch of text.
#[derive(Debug, Clone, Copy, Default)]
struct Units {
    chars: usize,
    utf16: usize,
}

impl Units {
    /// Counted from the bytes, which need not start or end on a character boundary: a
    /// character is its first byte, and one of four bytes is two UTF-16 units.
    fn of(bytes: &[u8]) -> Units {
        let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let long = bytes.iter().filter(|&&b| b >= 0xF0).count();
        Units { chars, utf16: chars + long }
    }

    fn get(self, encoding: WideEncoding) -> usize {
        match encoding {
            WideEncoding::Utf16 => self.utf16,
            WideEncoding::Utf32 => self.chars,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> LineIndex {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![bom];
        let mut ends = Vec::new();
        let bytes = text.as_bytes();
        let mut next = bom;
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[bom..]).map(|i| i + bom) {
            if i < next {
                // The "\n" of a "\r\n" already counted.
                continue;
            }
            ends.push(i);
            next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
            starts.push(next);
        }
        ends.push(text.len());
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let mut total = Units::default();
            let mut out = vec![total];
            for chunk in bytes.chunks_exact(CHUNK) {
                let units = Units::of(chunk);
                total = Units { chars: total.chars + units.chars, utf16: total.utf16 + units.utf16 };
                out.push(total);
            }
            out
        };
        LineIndex { text_len: text.len(), starts, ends, text: text.into(), checkpoints }
    }

    /// Units in the text before byte `offset`, in `encoding` (bytes for ASCII text).
    fn units_before(&self, encoding: WideEncoding, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let chunk = offset / CHUNK;
        self.checkpoints[chunk].get(encoding) + Units::of(&self.text.as_bytes()[chunk * CHUNK..offset]).get(encoding)
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text_len);
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Line and byte column of an offset (clamped to the text and to a character boundary; an
    /// offset inside a line break is the end of its line).
    #[must_use]
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset).max(self.starts[0].min(self.text_len));
        let line = self.line_of(offset);
        let col = offset.min(self.ends[line]).saturating_sub(self.starts[line]);
        LineCol { line: to_u32(line), col: to_u32(col) }
    }

    fn line_text(&self, line: usize) -> &str {
        &self.text[self.starts[line]..self.ends[line].max(self.starts[line])]
    }

    /// The position in UTF-16 or UTF-32 units.
    #[must_use]
    pub fn to_wide(&self, encoding: WideEncoding, lc: LineCol) -> WideLineCol {
        let line = (lc.line as usize).min(self.starts.len() - 1);
        let text = self.line_text(line);
        let byte_col = floor_boundary(text, (lc.col as usize).min(text.len()));
        let start = self.starts[line];
        let col = self.units_before(encoding, start + byte_col) - self.units_before(encoding, start);
        WideLineCol { line: lc.line, col: to_u32(col) }
    }

    /// The byte position of a wide position; columns past the line's end are its end, lines past
    /// the last are the end of the text.
    #[must_use]
    pub fn to_utf8(&self, encoding: WideEncoding, wide: WideLineCol) -> LineCol {
        let line = wide.line as usize;
        if line >= self.starts.len() {
            let last = self.starts.len() - 1;
            return LineCol { line: to_u32(last), col: to_u32(self.line_text(last).len()) };
        }
        let text = self.line_text(line);
        let start = self.starts[line];
        // Start counting from the last checkpoint in the line that comes before the column, at
        // a character boundary at or before it (all the units before it are short of the column).
        let mut from = 0;
        if !self.checkpoints.is_empty() && text.len() > 2 * CHUNK {
            let base = self.units_before(encoding, start);
            let first = start.div_ceil(CHUNK);
            let last = (start + text.len()) / CHUNK;
            // The first checkpoint in the line at or past the column (a binary search).
            let (mut lo, mut hi) = (first, last + 1);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if self.checkpoints[mid].get(encoding) - base < wide.col as usize {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if lo > first {
                from = floor_boundary(text, (lo - 1) * CHUNK - start);
            }
        }
        let mut units = self.units_before(encoding, start + from) - self.units_before(encoding, start);
        let mut byte_col = from;
        for c in text[from..].chars() {
            if units >= wide.col as usize {
                break;
            }
            units += match encoding {
                WideEncoding::Utf16 => c.len_utf16(),
                WideEncoding::Utf32 => 1,
            };
            byte_col += c.len_utf8();
        }
        LineCol { line: wide.line, col: to_u32(byte_col) }
    }

    /// The byte offset of a line and byte column, clamped to the line's end and to the text.
    #[must_use]
    pub fn offset(&self, lc: LineCol) -> usize {
        let line = lc.line as usize;
        if line >= self.starts.len() {
            return self.text_len;
        }
        let start = self.starts[line];
        self.clamp(start + (lc.col as usize).min(self.ends[line] - start))
    }

    /// 1-based line and 1-based character column, for people.
    #[must_use]
    pub fn one_based(&self, offset: usize) -> OneBased {
        let lc = self.line_col(offset);
        let wide = self.to_wide(WideEncoding::Utf32, lc);
        OneBased { line: lc.line + 1, column: wide.col + 1 }
    }

    /// Number of lines.
    #[must_use]
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text_len == 0
    }
}

fn floor_boundary(text: &str, mut idx: usize) -> usize {
    while idx > 0 && !text.is_char_boundary(idx) {
        idx -= 1;
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "\u{feff}a😀b\r\n日本語 coach\rcafe\u{301} x\nlast";

    #[test]
    fn counts_characters_not_bytes() {
        let index = LineIndex::new(MIXED);
        let coach = MIXED.find("coach").unwrap();
        assert_eq!(index.one_based(coach), OneBased { line: 2, column: 5 });
        let b = MIXED.find('b').unwrap();
        assert_eq!(index.one_based(b), OneBased { line: 1, column: 3 });
    }

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let index = LineIndex::new(MIXED);
        let b = MIXED.find('b').unwrap();
        let wide = index.to_wide(WideEncoding::Utf16, index.line_col(b));
        assert_eq!(wide, WideLineCol { line: 0, col: 3 });
    }

    #[test]
    fn cr_alone_and_crlf_break_lines() {
        let index = LineIndex::new(MIXED);
        assert_eq!(index.len(), 4);
        let x = MIXED.find(" x").unwrap() + 1;
        assert_eq!(index.one_based(x), OneBased { line: 3, column: 7 });
    }

    #[test]
    fn round_trips_every_boundary() {
        let index = LineIndex::new(MIXED);
        for (offset, _) in MIXED.char_indices().filter(|(o, _)| *o >= 3) {
            if matches!(MIXED.as_bytes()[offset], b'\r' | b'\n') {
                continue;
            }
            for encoding in [WideEncoding::Utf16, WideEncoding::Utf32] {
                let wide = index.to_wide(encoding, index.line_col(offset));
                assert_eq!(index.offset(index.to_utf8(encoding, wide)), offset, "offset {offset} {encoding:?}");
            }
        }
    }

    /// Columns on a line far longer than a checkpoint's stretch, with characters of every
    /// length across the checkpoints, are those counted from the line's start.
    #[test]
    fn long_lines_count_from_checkpoints_as_from_the_start() {
        let text = format!("x\n{}\nend", "aé日😀 ".repeat(700));
        let index = LineIndex::new(&text);
        let line_start = 2;
        for (offset, _) in text.char_indices().filter(|&(o, _)| o >= line_start && o < text.len() - 4).step_by(7) {
            let before = &text[line_start..offset];
            let lc = index.line_col(offset);
            let utf16 = index.to_wide(WideEncoding::Utf16, lc);
            assert_eq!(utf16.col as usize, before.encode_utf16().count());
            assert_eq!(index.one_based(offset).column as usize, before.chars().count() + 1);
            for encoding in [WideEncoding::Utf16, WideEncoding::Utf32] {
                let wide = index.to_wide(encoding, lc);
                assert_eq!(index.offset(index.to_utf8(encoding, wide)), offset, "offset {offset} {encoding:?}");
            }
        }
        // A column inside a surrogate pair lands after the character, as counting from the start does.
        let emoji = text.find('😀').unwrap();
        let col = index.to_wide(WideEncoding::Utf16, index.line_col(emoji)).col + 1;
        assert_eq!(
            index.to_utf8(WideEncoding::Utf16, WideLineCol { line: 1, col }).col as usize,
            emoji + 4 - line_start
        );
    }

    #[test]
    fn clamps_bad_offsets() {
        let index = LineIndex::new(MIXED);
        let inside_emoji = MIXED.find('😀').unwrap() + 1;
        assert_eq!(index.line_col(inside_emoji).col, 1);
        assert_eq!(index.line_col(10_000).line, 3);
        assert_eq!(index.offset(LineCol { line: 99, col: 0 }), MIXED.len());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    fn text_strategy() -> impl Strategy<Value = String> {
        // Line breaks of every kind, a BOM, emoji, CJK and combining marks, mixed with ASCII.
        let pieces = prop_oneof![
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            Just("😀".to_string()),
            Just("日本".to_string()),
            Just("e\u{301}".to_string()),
            "[a-z ]{0,8}",
        ];
        (any::<bool>(), proptest::collection::vec(pieces, 0..40))
            .prop_map(|(bom, parts)| format!("{}{}", if bom { "\u{feff}" } else { "" }, parts.concat()))
    }

    proptest! {
        #[test]
        fn byte_offsets_round_trip_through_every_unit(text in text_strategy()) {
            let index = LineIndex::new(&text);
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            for (offset, ch) in text.char_indices().filter(|(o, _)| *o >= bom) {
                if ch == '\r' || ch == '\n' {
                    continue;
                }
                let lc = index.line_col(offset);
                prop_assert_eq!(index.offset(lc), offset);
                for encoding in [WideEncoding::Utf16, WideEncoding::Utf32] {
                    let wide = index.to_wide(encoding, lc);
                    prop_assert_eq!(index.offset(index.to_utf8(encoding, wide)), offset);
                }
                let one = index.one_based(offset);
                prop_assert_eq!(one.line, lc.line + 1);
            }
        }

        #[test]
        fn any_offset_is_safe(text in text_strategy(), offset in 0usize..400) {
            let index = LineIndex::new(&text);
            let lc = index.line_col(offset);
            prop_assert!(index.offset(lc) <= text.len());
            let _ = index.one_based(offset);
        }
    }
}
