//! Making untrusted text safe to print. File names, document text, configuration keys and error
//! messages come from whoever wrote the files (a pull request from a stranger): they must not
//! drive a terminal (escape sequences, bidi overrides), start a GitHub workflow command, or
//! make a report ill-formed. Every writer goes through one of these functions:
//!
//! - [`terminal`] and [`terminal_lines`] for everything people read (text, concise, diff,
//!   messages on standard error);
//! - [`github_data`] and [`github_property`] for workflow commands, and [`log_line`] for any
//!   line written to standard error (which, with `--format github`, is a CI log);
//! - [`xml`] for JUnit and HTML;
//! - [`uri_path`] for SARIF's `artifactLocation.uri`.

use std::borrow::Cow;

use crate::args::OutputFormat;

/// The visible stand-in for a character that must not reach a terminal, if it is one: C0
/// controls but tab (line feed too: callers that keep lines say so), DEL, C1 controls and the
/// bidirectional embedding, override and isolate controls. Each stand-in is one character one
/// column wide, so that carets under a line stay in place: C0 controls and DEL become their
/// Unicode control pictures (`␛` for ESC), the others U+FFFD.
fn stand_in(c: char) -> Option<char> {
    match c {
        '\t' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character [`stand_in`] names replaced, and `keep` kept.
fn replace(text: &str, keep: impl Fn(&str, usize, char) -> bool) -> Cow<'_, str> {
    let Some(first) = text.char_indices().find(|&(i, c)| stand_in(c).is_some() && !keep(text, i, c)).map(|(i, _)| i)
    else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for (i, c) in text[first..].char_indices().map(|(i, c)| (i + first, c)) {
        match stand_in(c) {
            Some(visible) if !keep(text, i, c) => out.push(visible),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line of text for a terminal: every control character, line breaks included, becomes a
/// visible stand-in one column wide. For file names, messages and titles.
pub(crate) fn terminal(text: &str) -> Cow<'_, str> {
    replace(text, |_, _, _| false)
}

/// Lines of text for a terminal: as [`terminal`], but line feeds and the carriage return of a
/// CRLF are kept. For document text. Replacement is per character, so the escaped length of a
/// prefix is where that prefix ends in the escaped text.
pub(crate) fn terminal_lines(text: &str) -> Cow<'_, str> {
    replace(text, |text, i, c| c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n')))
}

/// A workflow command's message (GitHub's rules: `%`, CR and LF as `%25`, `%0D`, `%0A`); other
/// control characters become visible stand-ins, as on a terminal.
pub(crate) fn github_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(stand_in(c).unwrap_or(c)),
        }
    }
    out
}

/// A workflow command's property value: as [`github_data`], and `:` and `,` as `%3A`, `%2C`.
pub(crate) fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A line for standard error (warnings, errors, notes), escaped for the output format: with
/// `--format github` the stream is a CI log, where the line is escaped as workflow-command data
/// (so that no part of it starts a line) and the old `##[` command prefix is broken up; in any
/// other format it is escaped for a terminal.
pub(crate) fn log_line(format: OutputFormat, text: &str) -> String {
    match format {
        OutputFormat::Github => github_data(text).replace("##[", "#%23["),
        _ => terminal(text).into_owned(),
    }
}

/// Text for XML and HTML (text and attribute values): markup characters as references, and the
/// characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE and U+FFFF) as U+FFFD.
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            '\0'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A path as a URI reference (RFC 3986): `\` becomes `/`, `/` separates segments, unreserved
/// characters stay, and every other byte of the UTF-8 text is percent-encoded (space, `#`, `?`,
/// `%`, `:`, which would read as a scheme in a relative reference, controls, non-ASCII). A
/// relative path stays a relative reference.
pub(crate) fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Writes `value` as pretty JSON in which the characters [`terminal`] replaces are written as
/// `\uXXXX` escapes (serde_json escapes only C0 controls): the values are unchanged, and the
/// JSON is safe to print.
pub(crate) fn write_json<T: serde::Serialize>(out: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    // serde_json writes a report in many small pieces (keys, indentation, numbers): a buffer of
    // a known type takes them without a call through `dyn Write` each.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, TerminalSafe::default());
    value.serialize(&mut serializer).map_err(std::io::Error::from)?;
    std::io::Write::flush(&mut buffered)
}

/// serde_json's pretty formatter, with [`stand_in`] characters escaped in strings.
#[derive(Default)]
struct TerminalSafe(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        // Every character `stand_in` replaces is a C0 control (which serde_json escapes before
        // the fragment), DEL, or starts with the byte 0xC2 (C1) or 0xE2 (bidi controls).
        if !fragment.bytes().any(|b| b == 0x7f || b == 0xc2 || b == 0xe2) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if stand_in(c).is_some() {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_keeps_width_and_shows_controls() {
        assert_eq!(terminal("plain\ttext"), "plain\ttext");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\u{1b}]0;x\u{7}b\nc\u{7f}"), "a\u{241b}]0;x\u{2407}b\u{240a}c\u{2421}");
        assert_eq!(terminal("\u{9b}2J \u{202e}cba\u{2066}"), "\u{fffd}2J \u{fffd}cba\u{fffd}");
        assert_eq!(terminal_lines("a\r\nb\rc\n\u{1b}"), "a\r\nb\u{240d}c\n\u{241b}");
        // One stand-in per character.
        let text = "\u{1b}\u{85}\u{202e}x\u{0}";
        assert_eq!(terminal(text).chars().count(), text.chars().count());
    }

    #[test]
    fn github_escapes() {
        assert_eq!(github_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(github_data("x\r\ny: z\u{1b}"), "x%0D%0Ay: z\u{241b}");
        assert_eq!(log_line(OutputFormat::Github, "a\n::error::b ##[error]c"), "a%0A::error::b #%23[error]c");
        assert_eq!(log_line(OutputFormat::Text, "a\n::error::b"), "a\u{240a}::error::b");
    }

    #[test]
    fn xml_forbidden_characters_are_replaced() {
        assert_eq!(xml("a\u{fffe}b\u{ffff}c\u{1}d\te<"), "a\u{fffd}b\u{fffd}c\u{fffd}d\te&lt;");
        assert_eq!(xml("\u{7f}\u{85}é"), "\u{7f}\u{85}é");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_path("docs/a.md"), "docs/a.md");
        assert_eq!(uri_path(r"docs\a b.md"), "docs/a%20b.md");
        assert_eq!(uri_path("a#b?c%d:e😀"), "a%23b%3Fc%25d%3Ae%F0%9F%98%80");
        assert_eq!(uri_path("/abs/x\n.md"), "/abs/x%0A.md");
    }

    #[test]
    fn json_escapes_terminal_controls_and_keeps_values() {
        let value = serde_json::json!({ "a": ["x\u{1b}[2J\u{9b}\u{202e}y\u{7f}é"] });
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "{\n  \"a\": [\n    \"x\\u001b[2J\\u009b\\u202ey\\u007fé\"\n  ]\n}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
