//! Positions between the engine's byte offsets and the client's lines and columns, in the
//! negotiated encoding: UTF-8 when the client offers it, else UTF-16.

use cm_linter::{LineCol, LineIndex, Span, WideEncoding, WideLineCol};
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

/// The client position of a byte offset.
pub fn position(index: &LineIndex, encoding: Encoding, offset: usize) -> Position {
    let lc = index.line_col(offset);
    match encoding {
        Encoding::Utf8 => Position { line: lc.line, character: lc.col },
        Encoding::Utf16 => {
            let wide = index.to_wide(WideEncoding::Utf16, lc);
            Position { line: wide.line, character: wide.col }
        }
    }
}

pub fn range(index: &LineIndex, encoding: Encoding, span: Span) -> Range {
    Range { start: position(index, encoding, span.start()), end: position(index, encoding, span.end()) }
}

/// The byte offset of a client position; positions past a line's end or the text's end are
/// clamped to them.
pub fn offset(index: &LineIndex, encoding: Encoding, position: Position) -> usize {
    let lc = match encoding {
        Encoding::Utf8 => LineCol { line: position.line, col: position.character },
        Encoding::Utf16 => {
            index.to_utf8(WideEncoding::Utf16, WideLineCol { line: position.line, col: position.character })
        }
    };
    index.offset(lc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_after_emoji_cjk_crlf_and_bom() {
        let text = "\u{feff}😀 日本\r\nYour coach/mentor";
        let index = LineIndex::new(text);
        let word = text.find("coach").unwrap();
        assert_eq!(position(&index, Encoding::Utf16, word), Position { line: 1, character: 5 });
        assert_eq!(position(&index, Encoding::Utf8, word), Position { line: 1, character: 5 });
        let cjk = text.find('本').unwrap();
        assert_eq!(position(&index, Encoding::Utf16, cjk), Position { line: 0, character: 4 });
        assert_eq!(position(&index, Encoding::Utf8, cjk), Position { line: 0, character: 8 });
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(offset(&index, encoding, position(&index, encoding, cjk)), cjk);
        }
    }

    #[test]
    fn clamps_positions_out_of_range() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(offset(&index, Encoding::Utf16, Position { line: 0, character: 99 }), 2);
        assert_eq!(offset(&index, Encoding::Utf16, Position { line: 9, character: 0 }), text.len());
    }
}
