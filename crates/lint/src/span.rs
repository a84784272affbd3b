//! Byte ranges into a document's source, exactly as written (BOM and CRLF included).

use std::ops::Range;

/// A half-open byte range `start..end` into the source text.
///
/// Invariant: `start <= end`; both lie on UTF-8 character boundaries of the source the span was
/// made for. Every position inside cm-linter is a `Span`; lines and columns exist only at the
/// edges (see [`crate::LineIndex`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Makes a span; panics if `start > end`, which is a bug in the caller, never bad input.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    #[must_use]
    pub fn start(self) -> usize {
        self.start
    }

    #[must_use]
    pub fn end(self) -> usize {
        self.end
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_spans_both() {
        assert_eq!(Span::new(3, 5).cover(Span::new(1, 4)), Span::new(1, 5));
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)]
    fn rejects_reversed_range() {
        assert!(std::panic::catch_unwind(|| Span::new(5, 3)).is_err());
    }
}
