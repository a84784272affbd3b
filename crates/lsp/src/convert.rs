//! Positions between the engine's byte offsets and the client's lines and columns, in the
//! negotiated encoding: UTF-8 when the client offers it, else UTF-16.
//!
//! The line starts of an open document are kept up to date edit by edit ([`Lines::edit`] costs
//! the edited lines plus one addition per later line), not rebuilt from the whole text on
//! every keystroke. Lines follow the engine's [`cm_linter::LineIndex`]: `\r\n` is one line
//! break and a lone `\r` is one too; neither is ever a column, and a byte-order mark at the
//! start is not a column either. The tests check the two against each other.

use std::cell::Cell;

use cm_linter::Span;
use lsp_types::{Position, PositionEncodingKind, Range};

/// The column unit agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client offers it, else UTF-16 (which every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

const BOM: &str = "\u{feff}";

/// The byte offset of each line's first character in a text; the first is 0 (or 3 after a
/// byte-order mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    starts: Vec<usize>,
}

/// Pushes the start of every line that begins after a break found in `bytes[from..to]`.
fn scan_breaks(bytes: &[u8], from: usize, to: usize, out: &mut Vec<usize>) {
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'\n' => out.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                out.push(i + 2);
                i += 1;
            }
            b'\r' => out.push(i + 1),
            _ => {}
        }
        i += 1;
    }
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let mut starts = vec![bom];
        scan_breaks(text.as_bytes(), bom, text.len(), &mut starts);
        Lines { starts }
    }

    /// Follows an edit: `text` is the text after `old_start..old_end` was replaced by
    /// `new_len` bytes.
    pub fn edit(&mut self, text: &str, old_start: usize, old_end: usize, new_len: usize) {
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        if bom != self.starts[0] || old_start < bom {
            *self = Lines::new(text);
            return;
        }
        let bytes = text.as_bytes();
        // From the start of the line before the edit (a "\r" there may now pair with a "\n")
        // to the first line start after it, which stays a line start: the break before it is
        // untouched, and so is the character after it.
        let first = self.line_of(old_start.saturating_sub(1));
        let last = self.starts.partition_point(|&s| s <= old_end);
        let from = self.starts[first];
        let mut found = Vec::new();
        if last < self.starts.len() {
            let to = self.starts[last] + new_len - (old_end - old_start);
            scan_breaks(bytes, from, to, &mut found);
            found.retain(|&s| s < to);
            for start in &mut self.starts[last..] {
                *start = *start + new_len - (old_end - old_start);
            }
        } else {
            scan_breaks(bytes, from, text.len(), &mut found);
        }
        self.starts.splice(first + 1..last, found);
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Where the content of a line ends (before its break).
    fn line_end(&self, text: &str, line: usize) -> usize {
        match self.starts.get(line + 1) {
            Some(&next) => {
                let bytes = text.as_bytes();
                if next >= 2 && bytes[next - 1] == b'\n' && bytes[next - 2] == b'\r' {
                    next - 2
                } else {
                    next - 1
                }
            }
            None => text.len(),
        }
    }

    /// The start of the line that holds an offset.
    pub fn line_start(&self, offset: usize) -> usize {
        self.starts[self.line_of(offset)]
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// UTF-16 code units of a string: one per character, two for those past U+FFFF (whose UTF-8
/// lead byte is 0xF0 or above).
fn utf16_len(text: &str) -> usize {
    text.bytes().map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0)).sum()
}

/// Conversions for one text. Positions asked for in increasing order on one line are counted
/// on from the previous one, so converting many findings on one long line (minified HTML)
/// reads it once.
pub struct Positions<'a> {
    text: &'a str,
    lines: &'a Lines,
    encoding: Encoding,
    /// The last conversion: line, byte column, column in the encoding.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str, lines: &'a Lines, encoding: Encoding) -> Positions<'a> {
        Positions { text, lines, encoding, last: Cell::new((usize::MAX, 0, 0)) }
    }

    /// The client position of a byte offset (clamped to the text and to a character boundary;
    /// an offset inside a line break is the end of its line).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_boundary(self.text, offset).max(self.lines.starts[0].min(self.text.len()));
        let line = self.lines.line_of(offset);
        let start = self.lines.starts[line];
        let byte_col = offset.min(self.lines.line_end(self.text, line)).saturating_sub(start);
        let col = match self.encoding {
            Encoding::Utf8 => byte_col,
            Encoding::Utf16 => {
                let (last_line, last_byte, last_units) = self.last.get();
                let units = if last_line == line && last_byte <= byte_col {
                    last_units + utf16_len(&self.text[start + last_byte..start + byte_col])
                } else {
                    utf16_len(&self.text[start..start + byte_col])
                };
                self.last.set((line, byte_col, units));
                units
            }
        };
        Position { line: to_u32(line), character: to_u32(col) }
    }

    pub fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.start()), end: self.position(span.end()) }
    }

    /// The byte offset of a client position; positions past a line's end or the text's end
    /// are clamped to them, and positions inside a character to its start.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.lines.len() {
            return self.text.len();
        }
        let start = self.lines.starts[line];
        let line_text = &self.text[start..self.lines.line_end(self.text, line).max(start)];
        let wanted = position.character as usize;
        let byte_col = match self.encoding {
            Encoding::Utf8 => wanted.min(line_text.len()),
            Encoding::Utf16 => {
                let mut units = 0;
                let mut byte_col = 0;
                for c in line_text.chars() {
                    if units >= wanted {
                        break;
                    }
                    units += c.len_utf16();
                    byte_col += c.len_utf8();
                }
                byte_col
            }
        };
        floor_boundary(self.text, start + byte_col)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cm_linter::{LineCol, LineIndex, WideEncoding, WideLineCol};

    /// What the engine's line index says, in the client's terms.
    fn engine_position(index: &LineIndex, encoding: Encoding, offset: usize) -> Position {
        let lc = index.line_col(offset);
        match encoding {
            Encoding::Utf8 => Position { line: lc.line, character: lc.col },
            Encoding::Utf16 => {
                let wide = index.to_wide(WideEncoding::Utf16, lc);
                Position { line: wide.line, character: wide.col }
            }
        }
    }

    fn engine_offset(index: &LineIndex, encoding: Encoding, position: Position) -> usize {
        let lc = match encoding {
            Encoding::Utf8 => LineCol { line: position.line, col: position.character },
            Encoding::Utf16 => {
                index.to_utf8(WideEncoding::Utf16, WideLineCol { line: position.line, col: position.character })
            }
        };
        index.offset(lc)
    }

    #[test]
    fn utf16_and_utf8_columns_after_emoji_cjk_crlf_and_bom() {
        let text = "\u{feff}😀 日本\r\nYour coach/mentor";
        let lines = Lines::new(text);
        let word = text.find("coach").unwrap();
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(Positions::new(text, &lines, encoding).position(word), Position { line: 1, character: 5 });
        }
        let cjk = text.find('本').unwrap();
        let utf16 = Positions::new(text, &lines, Encoding::Utf16);
        let utf8 = Positions::new(text, &lines, Encoding::Utf8);
        assert_eq!(utf16.position(cjk), Position { line: 0, character: 4 });
        assert_eq!(utf8.position(cjk), Position { line: 0, character: 8 });
        for positions in [&utf8, &utf16] {
            assert_eq!(positions.offset(positions.position(cjk)), cjk);
        }
    }

    #[test]
    fn clamps_positions_out_of_range() {
        let text = "ab\ncd";
        let lines = Lines::new(text);
        let positions = Positions::new(text, &lines, Encoding::Utf16);
        assert_eq!(positions.offset(Position { line: 0, character: 99 }), 2);
        assert_eq!(positions.offset(Position { line: 9, character: 0 }), text.len());
    }

    /// A small deterministic generator (no dependency for one test).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % below.max(1)
        }
    }

    const PIECES: &[&str] = &["a", "bc", " ", "\n", "\r", "\r\n", "😀", "é", "日本", "\u{feff}", "\n\n", "\r\r"];

    fn random_text(rng: &mut Rng, pieces: usize) -> String {
        (0..pieces).map(|_| PIECES[rng.next(PIECES.len())]).collect()
    }

    fn boundary(text: &str, rng: &mut Rng) -> usize {
        floor_boundary(text, rng.next(text.len() + 1))
    }

    /// Edit after edit, the kept line starts are those of the whole text, and every
    /// conversion agrees with the engine's line index, in both encodings.
    #[test]
    fn edited_lines_agree_with_the_engines_line_index() {
        let mut rng = Rng(15);
        for _ in 0..300 {
            let mut text = random_text(&mut rng, 12);
            if rng.next(3) == 0 {
                text.insert(0, '\u{feff}');
            }
            let mut lines = Lines::new(&text);
            for _ in 0..25 {
                let a = boundary(&text, &mut rng);
                let b = boundary(&text, &mut rng);
                let (start, end) = (a.min(b), a.max(b));
                let pieces = rng.next(4);
                let new_text = random_text(&mut rng, pieces);
                text.replace_range(start..end, &new_text);
                lines.edit(&text, start, end, new_text.len());
                assert_eq!(lines, Lines::new(&text), "{text:?} after replacing {start}..{end} by {new_text:?}");
                let index = LineIndex::new(&text);
                for encoding in [Encoding::Utf8, Encoding::Utf16] {
                    let positions = Positions::new(&text, &lines, encoding);
                    let mut offsets: Vec<usize> = (0..=text.len() + 1).collect();
                    if rng.next(2) == 0 {
                        offsets.reverse();
                    }
                    for offset in offsets {
                        assert_eq!(
                            positions.position(offset),
                            engine_position(&index, encoding, offset),
                            "{encoding:?} {text:?} at {offset}"
                        );
                    }
                    for line in 0..lines.len() as u32 + 2 {
                        for character in 0..12 {
                            let position = Position { line, character };
                            assert_eq!(
                                positions.offset(position),
                                engine_offset(&index, encoding, position),
                                "{encoding:?} {text:?} at {position:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
