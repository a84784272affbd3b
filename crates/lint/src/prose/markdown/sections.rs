//! Cutting a Markdown document into top-level sections at ATX headings, without parsing it.
//!
//! A line of the form `#{1,6}` followed by a space, a tab or the line's end, at the very start of
//! the line, always begins a new top-level block in CommonMark: it interrupts a paragraph, ends
//! a list or a block quote (it cannot be their lazy continuation) and closes an indented code
//! block. The exceptions are fenced code, HTML blocks and front matter, which the scanner tracks;
//! where it is unsure (any line starting with `<` opens what may be an HTML block, running to the
//! next blank line), it does not cut. Cutting too rarely only costs time.

/// One section: an ATX heading line and the lines up to the next one; the first section may
/// have no heading (level 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Section {
    pub start: usize,
    /// End of the heading line (including its line break); `start` when there is no heading.
    pub heading_end: usize,
    pub end: usize,
    pub level: u8,
    /// The lowest level of a heading that may stand inside the section without cutting it: a
    /// setext underline (a line of `=` is level 1, of `-` level 2; a thematic break looks the
    /// same and is counted too), or an ATX line where the scanner was unsure whether an HTML
    /// block was open; 0 for none. Such a heading reaches the sections after it, as an ATX
    /// heading that cuts does.
    pub inner: u8,
}

/// The ATX heading level of a line, if it is one (ignoring where it stands).
fn atx_level(line: &str) -> Option<u8> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let after = line.as_bytes().get(hashes);
    ((1..=6).contains(&hashes) && matches!(after, None | Some(b' ' | b'\t' | b'\r' | b'\n')))
        .then(|| u8::try_from(hashes).unwrap_or(6))
}

/// Records a heading of `level` that may stand inside `section`.
fn note_inner(section: &mut Section, level: u8) {
    if section.inner == 0 || level < section.inner {
        section.inner = level;
    }
}

/// The level of a setext heading whose underline `line` may be: up to three spaces, then only
/// `=` (level 1) or only `-` (level 2), then spaces.
fn setext_level(line: &str) -> Option<u8> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let trimmed = trimmed.trim_end_matches([' ', '\t']);
    let ch = *trimmed.as_bytes().first()?;
    (matches!(ch, b'=' | b'-') && trimmed.bytes().all(|b| b == ch)).then_some(if ch == b'=' { 1 } else { 2 })
}

/// An opening or closing code fence: its character and length.
fn fence(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == ch).count();
    (len >= 3).then_some((ch, len))
}

/// Whether `line` is inside the open code fence, if any (the closing fence included, which
/// closes it).
fn in_fence(fenced: &mut Option<(u8, usize)>, line: &str) -> bool {
    let Some((ch, len)) = *fenced else { return false };
    if fence(line).is_some_and(|(c, l)| c == ch && l >= len)
        && line.trim_start().trim_start_matches(char::from(ch)).trim().is_empty()
    {
        *fenced = None;
    }
    true
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The document's sections, covering it from start to end.
pub(super) fn split(source: &str) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut current = Section { start: 0, heading_end: 0, end: source.len(), level: 0, inner: 0 };
    let mut fenced: Option<(u8, usize)> = None;
    let mut html_comment = false;
    let mut maybe_html = false;
    // Front matter (as the reader finds it) holds no headings.
    let mut offset = super::front_matter(source).map_or(0, |range| range.end);
    let mut first = true;
    // `memchr` finds line ends with SIMD; `split_inclusive` would look at every byte.
    let ends = memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1).chain(std::iter::once(source.len()));
    let bytes = source.as_bytes();
    for end in ends {
        if end <= offset {
            // A line of the front matter, or the end of the text already reached.
            continue;
        }
        // Most lines start with a letter: they open, close or cut nothing (outside a comment),
        // and need no more looking at. (The same test as below, before the
        // line is sliced and trimmed.)
        let may_matter =
            matches!(bytes[offset], b'#' | b'`' | b'~' | b'<' | b'=' | b'-' | b' ' | b'\t' | b'\n' | b'\r');
        if !first && !html_comment && !may_matter {
            offset = end;
            continue;
        }
        let line = &source[offset..end];
        let at = offset;
        offset = end;
        let content = line.trim_end_matches(['\n', '\r']);
        first = false;
        // Most lines start with a letter: they open, close or cut nothing (outside a comment).
        let lead = content.as_bytes().first().copied().unwrap_or(b'\n');
        if !html_comment && !matches!(lead, b'#' | b'`' | b'~' | b'<' | b'=' | b'-' | b' ' | b'\t' | b'\n') {
            continue;
        }
        if in_fence(&mut fenced, content) {
            continue;
        }
        if html_comment {
            html_comment = !content.contains("-->");
            continue;
        }
        if maybe_html {
            if is_blank(content) {
                maybe_html = false;
            } else if let Some(level) = atx_level(content) {
                // Perhaps a heading (the line that opened the "HTML block" may not have been
                // one): not a cut, but it may reach the sections below.
                note_inner(&mut current, level);
            }
            continue;
        }
        if let Some(open) = fence(content) {
            fenced = Some(open);
            continue;
        }
        let trimmed = content.trim_start_matches(' ');
        if trimmed.starts_with("<!--") {
            // A comment (CommonMark's HTML block of type 2) ends on the line holding "-->"; the
            // next line may be a heading.
            html_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with('<') {
            maybe_html = true;
            continue;
        }
        if let Some(level) = setext_level(content) {
            note_inner(&mut current, level);
            continue;
        }
        if let Some(level) = atx_level(content) {
            if at > current.start || current.level > 0 {
                current.end = at;
                sections.push(current);
            }
            current = Section { start: at, heading_end: offset, end: source.len(), level, inner: 0 };
        }
    }
    current.end = source.len();
    sections.push(current);
    sections
}

/// The document's link reference definitions (`[label]: destination`) outside code, one per
/// line, for parsing a section that uses a label defined in another.
pub(super) fn reference_definitions(source: &str) -> String {
    let mut out = String::new();
    if memchr::memmem::find(source.as_bytes(), b"]:").is_none() {
        return out;
    }
    let mut fenced: Option<(u8, usize)> = None;
    for line in source.lines() {
        // Only a line that starts with one of these can open or close a fence or be a
        // definition.
        if !matches!(line.as_bytes().first(), Some(b'`' | b'~' | b' ' | b'\t' | b'[')) {
            continue;
        }
        if in_fence(&mut fenced, line) {
            continue;
        }
        if let Some(open) = fence(line) {
            fenced = Some(open);
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3 && trimmed.starts_with('[') && !trimmed.starts_with("[^") {
            if let Some(close) = trimmed.find("]:") {
                if close > 1 && !trimmed[..close].contains(']') {
                    out.push_str(trimmed);
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(source: &str) -> Vec<(&str, u8)> {
        split(source).iter().map(|s| (&source[s.start..s.end], s.level)).collect()
    }

    #[test]
    fn cuts_at_atx_headings_only() {
        let doc = "Intro\n# One\ntext\n## Two\n#hashtag\n####### seven\n   # indented\n";
        assert_eq!(
            cuts(doc),
            [("Intro\n", 0), ("# One\ntext\n", 1), ("## Two\n#hashtag\n####### seven\n   # indented\n", 2)]
        );
        let s = split(doc);
        assert_eq!(&doc[s[1].start..s[1].heading_end], "# One\n");
    }

    #[test]
    fn never_cuts_inside_code_html_or_front_matter() {
        let doc = "---\n# yaml comment\n---\n```\n# not a heading\n```\n<div>\n# raw html\n</div>\n\n<!--\n# comment\n-->\n# Real\n";
        let got = cuts(doc);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], ("# Real\n", 1));
        let tilde = "~~~~\n# x\n~~~\n# still code\n~~~~\n# Out\n";
        assert_eq!(cuts(tilde).len(), 2);
    }

    #[test]
    fn sections_cover_the_document() {
        for doc in ["", "# a", "x\r\n# b\r\ny", "# a\n# b\n# c\n", "\u{feff}---\ntitle: x\n---\n# a\n"] {
            let s = split(doc);
            assert_eq!(s.first().map(|s| s.start), Some(0));
            assert_eq!(s.last().map(|s| s.end), Some(doc.len()));
            assert!(s.windows(2).all(|w| w[0].end == w[1].start), "{doc:?}");
        }
    }

    #[test]
    fn collects_reference_definitions_outside_code() {
        let doc = "[a]: https://a.example\n```\n[b]: https://b.example\n```\n[^1]: note\n  [c]: /c \"t\"\n";
        assert_eq!(reference_definitions(doc), "[a]: https://a.example\n[c]: /c \"t\"\n");
        // Fences opened by an indented or tab-led line, closed by a longer one; text lines and
        // deep indents inside or around them change nothing.
        let doc = "\t~~~~\n[d]: /d\ntext ~~~\n  ~~~~~\n    [e]: /e\n   [f]: /f\r\nx [g]: /g\n";
        assert_eq!(reference_definitions(doc), "[f]: /f\n");
    }
}
