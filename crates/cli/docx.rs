//! Word documents (`.docx`): the text of the main document part, read with a real zip reader
//! (`zip`) and XML reader (`quick-xml`). Paragraphs, headings with their levels, list items and
//! table cells become a Markdown rendering that the engine lints; fields' codes, comments and
//! tracked deletions are left out, tracked insertions are kept. Positions are reported as the
//! paragraph number and the column within it. A `.docx` is never written.

use std::io::Read;

use anyhow::{bail, Context};
use quick_xml::events::Event;
use quick_xml::Reader;

/// The Markdown rendering of a document, with a map back to its paragraphs.
pub(crate) struct Docx {
    pub markdown: String,
    /// For each paragraph, in order: where its text starts in `markdown`, where it ends.
    pub paragraphs: Vec<(usize, usize)>,
}

impl Docx {
    /// The paragraphs one to a line, as messages show them: line N is paragraph N.
    pub fn display(&self) -> String {
        let mut out = String::new();
        for &(start, end) in &self.paragraphs {
            out.push_str(&self.markdown[start..end]);
            out.push('\n');
        }
        out
    }

    /// An offset in `markdown` as an offset in [`Docx::display`].
    pub fn to_display(&self, offset: usize) -> usize {
        let index = self.paragraphs.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
        let before: usize = self.paragraphs[..index.min(self.paragraphs.len())].iter().map(|&(s, e)| e - s + 1).sum();
        let Some(&(start, end)) = self.paragraphs.get(index) else { return 0 };
        before + offset.clamp(start, end) - start
    }
}

#[derive(Default)]
struct Paragraph {
    text: String,
    heading: Option<u8>,
    list: bool,
    cell: bool,
}

/// Reads a `.docx` file's bytes.
pub(crate) fn read(bytes: &[u8]) -> anyhow::Result<Docx> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).context("not a valid .docx (zip) archive")?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .context("the archive has no word/document.xml")?
        .take(256 << 20)
        .read_to_string(&mut xml)
        .context("cannot read word/document.xml")?;
    let paragraphs = parse(&xml)?;
    Ok(render(&paragraphs))
}

fn local_name(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

fn parse(xml: &str) -> anyhow::Result<Vec<Paragraph>> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut in_text = false;
    let mut deleted = 0u32;
    let mut in_instruction = false;
    let mut table_depth = 0u32;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| anyhow::anyhow!("broken XML in word/document.xml at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref().is_empty() => {}
            Event::Start(e) => match local_name(e.name().as_ref()) {
                b"p" => current = Some(Paragraph { cell: table_depth > 0, ..Paragraph::default() }),
                b"t" => in_text = true,
                b"del" => deleted += 1,
                b"instrText" => in_instruction = true,
                b"tbl" => table_depth += 1,
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
                    _ => {}
                }
            }
            Event::Text(t) if in_text && deleted == 0 && !in_instruction => {
                if let Some(p) = current.as_mut() {
                    let text =
                        t.unescape().map_err(|e| anyhow::anyhow!("broken XML text in word/document.xml: {e}"))?;
                    p.text.push_str(&text);
                }
            }
            Event::End(e) => match local_name(e.name().as_ref()) {
                b"p" => {
                    if let Some(p) = current.take() {
                        paragraphs.push(p);
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
    if paragraphs.is_empty() && !xml.contains("<w:body") {
        bail!("word/document.xml has no document body");
    }
    Ok(paragraphs)
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

/// One Markdown block per paragraph, separated by blank lines; the map records where each
/// paragraph's own text is.
fn render(paragraphs: &[Paragraph]) -> Docx {
    let mut markdown = String::new();
    let mut map = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let prefix = match (p.heading, p.list, p.cell) {
            (Some(level), _, _) => format!("{} ", "#".repeat(usize::from(level))),
            (None, true, _) => "- ".to_string(),
            _ => String::new(),
        };
        markdown.push_str(&prefix);
        let start = markdown.len();
        // Markdown syntax inside Word text is just text: escape the few characters that would
        // change the structure.
        let text = p.text.replace('\n', " ");
        markdown.push_str(&text);
        map.push((start, markdown.len()));
        markdown.push_str("\n\n");
    }
    Docx { markdown, paragraphs: map }
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
}
