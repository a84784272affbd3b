//! Prose extraction: turns a Markdown, plain-text or HTML source into blocks of plain prose.
//!
//! Each [`Block`] carries its text with markup removed and a map from every byte of that text back
//! to the source, so that nothing after this module ever sees a prose offset. Code (fenced,
//! indented, inline, `<pre>`, `<code>`, `<script>`, `<style>`), front matter, comments, URLs, e-mail
//! addresses, link targets and HTML attributes never reach a block.

mod builder;
pub mod docx;
mod html;
mod markdown;
mod text;

use crate::Span;

/// The three source formats cm-linter reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    PlainText,
    Html,
}

impl Format {
    /// The format for a file extension (without the dot, any case), if cm-linter reads it.
    #[must_use]
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mdx" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::PlainText),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What kind of structural element a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; level 1 is the top. Plain-text heading-like lines and HTML `<title>` are
    /// headings too (the title has level 0, above every `<h1>`).
    Heading { level: u8 },
    /// A paragraph, or a run of text between block boundaries (HTML `<div>` text, say).
    Paragraph,
    /// The text of one list item (without nested lists, which are blocks of their own).
    ListItem { depth: u8, ordered: bool },
    /// One table cell. `row` 0 is the first row; `header` is true for `<th>` and for the cells
    /// of a Markdown table's header row.
    TableCell { row: u32, column: u32, header: bool },
    /// A definition-list term (`<dt>`).
    Term,
}

/// A run of text with its source: `text[text_start..]` begins at `source_start` in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub text_start: usize,
    pub source_start: usize,
    /// True when the segment's text is a verbatim copy of the source from `source_start`, so
    /// that offsets inside it map one to one. False for decoded entities, escapes and
    /// synthetic separators: every offset inside such a segment maps to `source_start`, and its
    /// end maps to `source_end`.
    pub verbatim: bool,
    pub source_end: usize,
}

/// One block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The prose: markup removed, entities decoded, line breaks inside the block turned into
    /// single spaces, skipped inline material (inline code, URLs) replaced by one U+FFFC.
    pub text: String,
    /// Sorted by `text_start`; the first starts at 0. Covers the whole text.
    pub segments: Vec<Segment>,
    /// The block's whole extent in the source.
    pub source: Span,
    /// How many block quotes (`>` or `<blockquote>`) enclose the block.
    pub quote_depth: u8,
    /// Blocks of one list, or of one table, share a group number; `None` elsewhere. Numbers are
    /// unique within a document.
    pub group: Option<u32>,
    /// True when the whole block is emphasised text (`**Like this**`, `<strong>` only), which
    /// documents use as a small heading.
    pub emphasised: bool,
    /// Text ranges of link labels (sorted, disjoint): the title of a linked page, which the text
    /// names rather than asserts ("[Security Coach Recommendations](…)").
    pub links: Vec<(usize, usize)>,
}

impl Block {
    /// The source span of a byte range of [`Block::text`].
    #[must_use]
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let from = self.source_offset(start, false);
        let to = self.source_offset(end, true);
        Span::new(from, to.max(from))
    }

    fn source_offset(&self, text_offset: usize, is_end: bool) -> usize {
        let idx = match self.segments.binary_search_by(|s| s.text_start.cmp(&text_offset)) {
            Ok(i) if is_end && i > 0 => i - 1,
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let Some(seg) = self.segments.get(idx) else {
            return self.source.start();
        };
        if seg.verbatim {
            let mapped = seg.source_start + (text_offset - seg.text_start.min(text_offset));
            mapped.min(seg.source_end.max(seg.source_start))
        } else if is_end {
            seg.source_end
        } else {
            seg.source_start
        }
    }
}

/// Extracts the prose blocks of a document, in source order.
#[must_use]
pub fn extract(source: &str, format: Format) -> Vec<Block> {
    match format {
        Format::Markdown => markdown::extract(source),
        Format::PlainText => text::extract(source),
        Format::Html => html::extract(source),
    }
}

/// Extracts the prose blocks a linter needs: like [`extract`], except that a long Markdown
/// document is read in full only in and around the sections whose source range passes `wanted`
/// (of the other sections only headings are read). Plain text and HTML are read in full.
#[must_use]
pub fn extract_where(source: &str, format: Format, wanted: &dyn Fn(std::ops::Range<usize>) -> bool) -> Vec<Block> {
    match format {
        Format::Markdown => markdown::extract_where(source, wanted),
        Format::PlainText | Format::Html => extract(source, format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &[&str] = &[
        "",
        "\u{feff}",
        "<<<>>> & &amp &#xZZ; &#99999999; </p></p><p><li><td>coach/mentor",
        "<script>coach/mentor</script><p>Your coach/mentor</p><style>",
        "<!-- unclosed comment coach/mentor",
        "> > > > > > > > > > > > > > > > coach/mentor",
        "- - - - - - - - - - - - - - - - coach/mentor",
        "```\nunclosed fence coach/mentor",
        "| a | b |\n|---|\n| coach/mentor |",
        "line\rline\r\nline\ncoach\u{301}/mentor",
        "\u{0}\u{1}\u{2} coach/mentor \u{fffc}",
    ];

    #[test]
    fn never_panics_and_maps_inside_the_source() {
        for source in NASTY {
            for format in [Format::Markdown, Format::PlainText, Format::Html] {
                let diagnostics = crate::lint(&crate::Document { source, format });
                assert!(diagnostics
                    .iter()
                    .all(|d| d.span.end() <= source.len() && source.is_char_boundary(d.span.start())));
                for block in extract(source, format) {
                    let span = block.source_span(0, block.text.len());
                    assert!(span.end() <= source.len(), "{format:?} {source:?}");
                    for seg in &block.segments {
                        if seg.verbatim {
                            let len = seg.source_end - seg.source_start;
                            assert_eq!(
                                &source[seg.source_start..seg.source_end],
                                &block.text[seg.text_start..seg.text_start + len]
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn deep_nesting_is_not_quadratic_or_fatal() {
        let quotes = "> ".repeat(5_000) + "coach/mentor";
        let lists = "- ".repeat(5_000) + "coach/mentor";
        let tags = "<div>".repeat(5_000) + "coach/mentor";
        for (source, format) in [(quotes, Format::Markdown), (lists, Format::Markdown), (tags, Format::Html)] {
            let _ = extract(&source, format);
        }
    }

    #[test]
    fn html_entities_map_to_exact_source_bytes() {
        let source = "<p>Your coach&nbsp;/&nbsp;mentor will be assigned</p>";
        let blocks = extract(source, Format::Html);
        assert_eq!(blocks[0].text, "Your coach / mentor will be assigned");
        let at = blocks[0].text.find("mentor").unwrap();
        let span = blocks[0].source_span(at, at + "mentor".len());
        assert_eq!(&source[span.range()], "mentor");
    }
}
