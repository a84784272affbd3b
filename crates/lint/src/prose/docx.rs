//! Word documents (`.docx`): the text of the main document part, read with a real zip reader
//! (`zip`) and XML reader (`quick-xml`). Paragraphs, headings with their levels, list items and
//! table cells become a Markdown rendering that the engine lints; fields' codes, comments and
//! tracked deletions are left out, tracked insertions are kept. Positions are reported as the
//! paragraph number and the column within it. A `.docx` is never written.
//!
//! The XML is streamed out of the archive, never held whole: memory is bounded by the longest
//! single XML event ([`MAX_EVENT`]) and the text kept ([`MAX_TEXT`]), whatever the archive
//! inflates to. A document past any limit, [`MAX_XML`] included, is an error, never cut short.

use std::io::{BufRead, BufReader, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most XML read from `word/document.xml` (a zip bomb inflates far past it).
pub const MAX_XML: u64 = 256 << 20;
/// The longest single XML event (a tag, or a run of text between two tags): what the XML
/// reader holds at once.
pub const MAX_EVENT: u64 = 4 << 20;
/// The most text kept from a document (its Markdown rendering): some thousands of pages.
pub const MAX_TEXT: usize = 8 << 20;

/// The Markdown rendering of a document, with a map back to its paragraphs.
pub struct Docx {
    pub markdown: String,
    /// For each paragraph, in order: where its text starts in `markdown`, where it ends.
    pub paragraphs: Vec<(usize, usize)>,
    /// For each paragraph, where its line starts in [`Docx::display`].
    display_starts: Vec<usize>,
}

impl Docx {
    /// The paragraphs one to a line, as messages show them: line N is paragraph N.
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(self.display_starts.last().map_or(0, |&s| s + 1) + self.markdown.len() / 8);
        for &(start, end) in &self.paragraphs {
            out.push_str(&self.markdown[start..end]);
            out.push('\n');
        }
        out
    }

    /// An offset in `markdown` as an offset in [`Docx::display`]: a binary search over the
    /// paragraphs, so that mapping every finding of a long document stays fast.
    pub fn to_display(&self, offset: usize) -> usize {
        let index = self.paragraphs.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
        let Some(&(start, end)) = self.paragraphs.get(index) else { return 0 };
        self.display_starts[index] + offset.clamp(start, end) - start
    }
}

#[derive(Default)]
struct Paragraph {
    text: String,
    heading: Option<u8>,
    list: bool,
    cell: bool,
}

/// Which limit a read passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Limit {
    Xml,
    Event,
}

/// The XML part's reader, counting what the XML reader consumes: in all, and since the event
/// being read began. Past a limit it fails instead of giving more bytes.
struct Counted<R> {
    inner: R,
    total: u64,
    event: u64,
    passed: Option<Limit>,
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let passed = if self.total > MAX_XML {
            Some(Limit::Xml)
        } else if self.event > MAX_EVENT {
            Some(Limit::Event)
        } else {
            None
        };
        if let Some(limit) = passed {
            self.passed = Some(limit);
            return Err(std::io::Error::other("limit passed"));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.total += amount as u64;
        self.event += amount as u64;
        self.inner.consume(amount);
    }
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

/// A message from a parser, made one plain line: control characters become spaces, runs of white
/// space one space, and it is cut at 200 characters (it may quote the document).
fn plain(message: &str) -> String {
    let spaced: String = message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let line = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// Reads a `.docx` file's bytes.
pub fn read(bytes: &[u8]) -> Result<Docx, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a valid .docx (zip) archive: {}", plain(&e.to_string())))?;
    let part = archive
        .by_name("word/document.xml")
        .map_err(|e| format!("the archive has no word/document.xml: {}", plain(&e.to_string())))?;
    let counted = Counted { inner: BufReader::with_capacity(64 << 10, part), total: 0, event: 0, passed: None };
    parse(Reader::from_reader(counted))
}

fn local_name(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The Markdown rendering being built, one paragraph at a time.
#[derive(Default)]
struct Rendering {
    markdown: String,
    paragraphs: Vec<(usize, usize)>,
    display_starts: Vec<usize>,
    display_len: usize,
}

impl Rendering {
    /// One Markdown block per paragraph, separated by blank lines; the map records where each
    /// paragraph's own text is.
    fn push(&mut self, p: &Paragraph) -> Result<(), String> {
        let prefix = match (p.heading, p.list, p.cell) {
            (Some(level), _, _) => "######"[..usize::from(level)].to_string() + " ",
            (None, true, _) => "- ".to_string(),
            _ => String::new(),
        };
        if self.markdown.len() + prefix.len() + p.text.len() + 2 > MAX_TEXT {
            return Err(too_much_text());
        }
        self.markdown.push_str(&prefix);
        let start = self.markdown.len();
        // Markdown syntax inside Word text is just text: line breaks would change the structure.
        self.markdown.extend(p.text.chars().map(|c| if c == '\n' { ' ' } else { c }));
        self.paragraphs.push((start, self.markdown.len()));
        self.display_starts.push(self.display_len);
        self.display_len += self.markdown.len() - start + 1;
        self.markdown.push_str("\n\n");
        Ok(())
    }

    fn finish(self) -> Docx {
        Docx { markdown: self.markdown, paragraphs: self.paragraphs, display_starts: self.display_starts }
    }
}

fn too_much_text() -> String {
    format!("the document has more than {} MiB of text; not linted", MAX_TEXT >> 20)
}

fn parse<R: BufRead>(mut reader: Reader<Counted<R>>) -> Result<Docx, String> {
    let mut rendering = Rendering::default();
    let mut current: Option<Paragraph> = None;
    let mut in_text = false;
    let mut deleted = 0u32;
    let mut in_instruction = false;
    let mut table_depth = 0u32;
    let mut has_body = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        reader.get_mut().event = 0;
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(err) => {
                let counted = reader.get_ref();
                match counted.passed {
                    Some(Limit::Xml) => {
                        return Err(format!(
                            "word/document.xml inflates to more than {} MiB (a zip bomb?); not linted",
                            MAX_XML >> 20
                        ))
                    }
                    Some(Limit::Event) => {
                        return Err(format!(
                            "word/document.xml has a single tag or run of text larger than {} MiB; not linted",
                            MAX_EVENT >> 20
                        ))
                    }
                    None => match err {
                        quick_xml::Error::Io(io) => {
                            return Err(format!("cannot read word/document.xml: {}", plain(&io.to_string())))
                        }
                        other => {
                            return Err(format!(
                                "broken XML in word/document.xml at byte {}: {}",
                                reader.error_position(),
                                plain(&other.to_string())
                            ))
                        }
                    },
                }
            }
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref().is_empty() => {}
            Event::Start(e) => match local_name(e.name().as_ref()) {
                b"p" => current = Some(Paragraph { cell: table_depth > 0, ..Paragraph::default() }),
                b"t" => in_text = true,
                b"del" => deleted += 1,
                b"instrText" => in_instruction = true,
                b"tbl" => table_depth += 1,
                b"body" => has_body = true,
                b"numPr" => {
                    if let Some(p) = current.as_mut() {
                        p.list = true;
                    }
                }
                _ => {}
            },
            Event::Empty(e) => {
                let name = e.name();
                match local_name(name.as_ref()) {
                    b"pStyle" => {
                        if let (Some(p), Some(value)) = (current.as_mut(), attribute(&e, b"val")) {
                            p.heading = heading_level(&value);
                            p.list |= value.to_ascii_lowercase().contains("list");
                        }
                    }
                    b"numPr" => {
                        if let Some(p) = current.as_mut() {
                            p.list = true;
                        }
                    }
                    b"tab" | b"br" | b"cr" => {
                        if let Some(p) = current.as_mut().filter(|_| deleted == 0) {
                            p.text.push(' ');
                        }
                    }
                    b"body" => has_body = true,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && deleted == 0 && !in_instruction => {
                if let Some(p) = current.as_mut() {
                    let text = t
                        .unescape()
                        .map_err(|e| format!("broken XML text in word/document.xml: {}", plain(&e.to_string())))?;
                    if rendering.markdown.len() + p.text.len() + text.len() > MAX_TEXT {
                        return Err(too_much_text());
                    }
                    p.text.push_str(&text);
                }
            }
            Event::End(e) => match local_name(e.name().as_ref()) {
                b"p" => {
                    if let Some(p) = current.take() {
                        rendering.push(&p)?;
                    }
                }
                b"t" => in_text = false,
                b"del" => deleted = deleted.saturating_sub(1),
                b"instrText" => in_instruction = false,
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if rendering.paragraphs.is_empty() && !has_body {
        return Err("word/document.xml has no document body".to_string());
    }
    Ok(rendering.finish())
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local_name(a.key.as_ref()) == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The heading level of a paragraph style id: "Heading1".."Heading9", "Title" (level 1).
fn heading_level(style: &str) -> Option<u8> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    lower.strip_prefix("heading").and_then(|n| n.trim().parse::<u8>().ok()).map(|n| n.clamp(1, 6))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// Builds a small `.docx`: a heading, a paragraph with a tracked deletion and insertion, a
    /// list item, a table and a field.
    pub(crate) fn sample_docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        let mut out = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("[Content_Types].xml", options).unwrap();
            zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
            zip.start_file("word/document.xml", options).unwrap();
            zip.write_all(document.as_bytes()).unwrap();
            zip.finish().unwrap();
        }
        out
    }

    pub(crate) const BODY: &str = r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Coaching programme</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Our coaches </w:t></w:r><w:del><w:r><w:delText>ask questions</w:delText></w:r></w:del><w:ins><w:r><w:t>give advice drawn from their own careers</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>Open-ended: there is no end date</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Coach</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Mentee</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "coach/mentor"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>See the guide.</w:t></w:r></w:p>"#;

    #[test]
    fn reads_headings_lists_tables_and_tracked_changes() {
        let docx = read(&sample_docx(BODY)).unwrap();
        assert_eq!(
            docx.markdown,
            "## Coaching programme\n\nOur coaches give advice drawn from their own careers.\n\n- Open-ended: there is no end date\n\nCoach\n\nMentee\n\nSee the guide.\n\n"
        );
        let coaches = docx.markdown.find("coaches").unwrap();
        let display = docx.display();
        let at = docx.to_display(coaches);
        assert_eq!(&display[at..at + 7], "coaches");
        assert_eq!(display.lines().nth(1), Some("Our coaches give advice drawn from their own careers."));
    }

    #[test]
    fn bad_archives_and_xml_are_errors() {
        assert!(read(b"not a zip").is_err());
        let broken = sample_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>");
        let err = read(&broken).err().map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(err.contains("broken XML"), "{err}");
    }

    /// `word/document.xml` streamed from pieces, without a zip archive.
    fn parse_stream(head: &str, middle: impl Read, tail: &str) -> Result<Docx, String> {
        let inner = BufReader::new(head.as_bytes().chain(middle).chain(tail.as_bytes()));
        parse(Reader::from_reader(Counted { inner, total: 0, event: 0, passed: None }))
    }

    const HEAD: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
    const TAIL: &str = "</w:body></w:document>";

    /// Reads that repeat `pattern` up to `len` bytes.
    struct Cycle {
        pattern: &'static [u8],
        at: usize,
        left: u64,
    }

    impl Read for Cycle {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let mut n = 0;
            while n < out.len() && self.left > 0 {
                out[n] = self.pattern[self.at];
                self.at = (self.at + 1) % self.pattern.len();
                self.left -= 1;
                n += 1;
            }
            Ok(n)
        }
    }

    #[test]
    fn a_run_of_text_past_the_event_limit_is_an_error() {
        let long = std::io::repeat(b'x').take(MAX_EVENT + 1);
        let err = parse_stream(&format!("{HEAD}<w:p><w:r><w:t>"), long, &format!("</w:t></w:r></w:p>{TAIL}"));
        let err = format!("{:#}", err.err().unwrap());
        assert!(err.contains(&format!("larger than {} MiB", MAX_EVENT >> 20)), "{err}");
    }

    #[test]
    fn text_past_the_text_limit_is_an_error() {
        let pattern: &'static [u8] =
            b"<w:p><w:r><w:t>Coaching is a conversation, and this paragraph says so at some length.</w:t></w:r></w:p>";
        let many = Cycle { pattern, at: 0, left: (MAX_TEXT as u64 * pattern.len() as u64) / 70 };
        let err = format!("{:#}", parse_stream(HEAD, many, TAIL).err().unwrap());
        assert!(err.contains(&format!("more than {} MiB of text", MAX_TEXT >> 20)), "{err}");
        // Just under the limit, the document reads.
        let some = Cycle { pattern, at: 0, left: pattern.len() as u64 * 1000 };
        assert_eq!(parse_stream(HEAD, some, TAIL).unwrap().paragraphs.len(), 1000);
    }

    #[test]
    fn display_offsets_match_a_direct_sum() {
        let body: String =
            (0..500).map(|i| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "ab ".repeat(i % 7))).collect();
        let docx = read(&sample_docx(&body)).unwrap();
        let display = docx.display();
        for offset in 0..docx.markdown.len() {
            let index = docx.paragraphs.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
            let before: usize = docx.paragraphs[..index].iter().map(|&(s, e)| e - s + 1).sum();
            let (start, end) = docx.paragraphs[index];
            assert_eq!(docx.to_display(offset), before + offset.clamp(start, end) - start);
            assert!(docx.to_display(offset) <= display.len());
        }
    }

    #[test]
    fn mapping_every_paragraph_of_a_long_document_is_fast() {
        // Summing the paragraphs before each offset made this quadratic: 5e9 steps here.
        let mut rendering = Rendering::default();
        let p = Paragraph { text: "Our coaches give advice.".to_string(), ..Paragraph::default() };
        for _ in 0..100_000 {
            rendering.push(&p).unwrap();
        }
        let docx = rendering.finish();
        let start = std::time::Instant::now();
        let mut last = 0;
        for &(s, _) in &docx.paragraphs {
            let at = docx.to_display(s + 4);
            assert!(at > last || s == 0);
            last = at;
        }
        assert_eq!(last, 99_999 * 25 + 4);
        assert!(start.elapsed() < std::time::Duration::from_secs(3), "{:?}", start.elapsed());
    }

    #[test]
    fn xml_errors_are_one_plain_line() {
        let broken = sample_docx("<w:p><x\u{1b}]0;owned\u{7}>t</x\n::error title=x::y></w:p>");
        let err = format!("{:#}", read(&broken).err().unwrap());
        assert!(err.starts_with("broken XML"), "{err}");
        assert!(!err.chars().any(char::is_control), "{err:?}");
    }
}
