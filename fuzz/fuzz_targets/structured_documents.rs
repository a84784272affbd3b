//! Structure-aware: the input is decoded (`arbitrary`) into a document made of the fragments
//! the engine cares about (headings, paragraphs, lists with lead-ins, tables, block quotes,
//! code fences, HTML tags with many attributes, suppression comments, front matter) whose lines
//! are made of practice words (coach, mentee, protégé...), trait phrases, conditionals ("if ...,"),
//! negations, durations, punctuation, emoji, CJK and odd characters, and free text. It is
//! rendered as Markdown, plain text and HTML, with LF, CRLF, CR or mixed line endings and an
//! optional BOM, and each rendering is linted in all three formats (`common.rs` says what is
//! checked); each rendering is also fixed in its own format, and fixing twice must be fixing once.
#![no_main]

mod common;

use std::fmt::Write as _;

use cm_linter::Format;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

/// A rendering stops growing past this size (a tag with 100,000 attributes fits).
const MAX_RENDERED: usize = 2 << 20;

const PRACTICE_WORDS: &[&str] = &[
    "coach",
    "coaches",
    "coaching",
    "coached",
    "coachee",
    "coachees",
    "mentor",
    "mentors",
    "mentoring",
    "mentored",
    "mentee",
    "mentees",
    "mentorship",
    "protégé",
    "protégés",
    "protege",
    "prote\u{301}ge\u{301}",
    "co-coach",
    "coach/mentor",
    "mentor-coach",
    "peer mentoring",
    "reverse mentoring",
    "executive coaching",
    "life coach",
    "coaching session",
    "mentoring programme",
    "mentoring program",
    "bus coach",
    "Coach (the brand)",
    "coach-led",
];

const PHRASES: &[&str] = &[
    "gives advice",
    "gives you advice drawn from her career",
    "shares lessons from their own career",
    "asks powerful questions",
    "sets the agenda",
    "shares war stories",
    "tells you what worked for them",
    "has more experience than you",
    "a structured, goal-oriented partnership",
    "an informal relationship",
    "a formal contract",
    "with milestones and a workbook",
    "for a quarter",
    "as long as you work here",
    "has an end date",
    "is ongoing",
    "stays in touch",
    "focuses on performance",
    "focuses on self-discovery",
    "is your accountability partner",
    "facilitates",
    "recommends what they would do",
    "opens doors",
    "follows a curriculum",
    "whatever comes up",
    "your career path",
    "new to the industry",
    "in a handful of sessions",
    "a final review session",
    "never ends",
    "is the same thing as",
    "is different from",
    "is not the same as",
    "is a kind of",
    "is often confused with",
    "interchangeably",
    "in other words",
    "that isn't coaching",
    "some people say",
    "it is a myth that",
];

const FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "your",
    "our",
    "their",
    "each",
    "every",
    "talk to",
    "ask",
    "speak with",
    "find",
    "choose",
    "who",
    "which",
    "will",
    "can",
    "should",
    "helps you",
    "works with",
    "meets",
    "people",
    "manager",
    "team",
    "employee",
    "client",
    "you",
    "they",
    "she",
    "he",
    "it",
    "we",
    "is",
    "are",
    "was",
    "and",
    "or",
    "but",
    "also",
    "such as",
    "for example",
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "Dr.",
    "J. Park",
    "the Catalyst programme",
    "Leadership Mentoring",
    "(formerly Leadership Coaching)",
    "when",
    "then",
    "both",
    "either",
    "than",
    "like",
];

const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "don't",
    "doesn't",
    "isn't",
    "won't",
    "can't",
    "cannot",
    "neither",
    "nor",
    "without",
    "rather than",
    "instead of",
    "not only",
    "hardly",
    "no longer",
    "doesn’t",
];

const UNITS: &[&str] = &["week", "month", "year", "session", "day", "hour", "quarter", "meeting"];

const PUNCTUATION: &[&str] = &[
    ",", ".", "?", "!", ":", ";", " -", " —", " –", "/", "...", "…", "(", ")", "\"", "“", "”", "'", "’", "。", "、",
    "?!",
];

const SPECIALS: &[&str] = &[
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{ad}",
    "\u{301}",
    "\u{200f}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "\t",
    "\u{feff}",
    "\u{fffd}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{85}",
    "\r",
    "\u{3000}",
    "\u{fffe}",
    "&amp;",
    "&nbsp;",
    "&#233;",
    "&#x1F600;",
    "&coach;",
    "\\",
    "*",
    "_",
    "`",
    "<",
    ">",
    "[",
    "]",
    "|",
    "#",
    "!",
    "~",
    "<!--",
    "-->",
    "]]>",
    "İ",
    "ß",
    "ﬁ",
];

const EMOJI: &[&str] = &["😀", "👩‍🏫", "🧑🏽‍💼", "🇬🇧", "❤️", "🔥", "✅", "🤝", "🏳️‍🌈", "👍🏿"];

const CJK: &[&str] =
    &["教练", "导师", "辅导", "メンター", "コーチング", "멘토", "코칭", "指導者。", "私のコーチ", "教練、"];

const URLS: &[&str] = &[
    "https://example.com/coach",
    "mailto:mentor@example.com",
    "#coaching",
    "../mentoring.md",
    "javascript:alert(1)",
    "",
    "<https://example.com/a b>",
    "https://example.com/mentee?q=coach&x=\"1\"",
];

const TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "span",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "script",
    "style",
    "textarea",
    "title",
    "template",
    "noscript",
    "svg",
    "math",
    "iframe",
    "br",
    "img",
    "input",
    "h1",
    "h3",
    "blockquote",
    "li",
    "td",
    "th",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "figure",
    "figcaption",
    "nav",
    "aside",
    "font",
    "xmp",
    "plaintext",
    "noembed",
    "q",
    "abbr",
    "cm-coach",
    "x",
];

const ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "title",
    "alt",
    "href",
    "style",
    "data-x",
    "aria-label",
    "lang",
    "dir",
    "onclick",
    "hidden",
    "x",
    "coach",
    "data-mentor",
];

const CODES: &[&str] =
    &["CM001", "CM002", "CM003", "CM004", "CM005", "interchangeable-terms", "mixed-roles", "cm999", "all"];

const CODE_INFO: &[&str] = &["", "text", "markdown", "html", "rust", "mermaid", "{.coach}", "```"];

/// Which of a list, by a byte.
fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

#[derive(Arbitrary, Debug)]
struct Input {
    bom: bool,
    ending: Ending,
    front_matter: Option<Line>,
    blocks: Vec<Block>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Ending {
    Lf,
    CrLf,
    Cr,
    Mixed,
}

#[derive(Arbitrary, Debug)]
enum Block {
    Heading {
        level: u8,
        setext: bool,
        line: Line,
    },
    /// Sentences, joined by spaces or soft line breaks.
    Paragraph {
        sentences: Vec<Line>,
        soft_breaks: bool,
    },
    List {
        ordered: bool,
        marker: u8,
        lead_in: Option<Line>,
        items: Vec<Item>,
    },
    Table {
        header: Vec<Line>,
        rows: Vec<Vec<Line>>,
        align: u8,
    },
    Quote {
        depth: u8,
        lines: Vec<Line>,
    },
    Code {
        tilde: bool,
        info: u8,
        lines: Vec<Line>,
        closed: bool,
        indented: bool,
    },
    Html {
        tag: Tag,
        body: Vec<Line>,
        closed: bool,
    },
    Suppression {
        kind: u8,
        codes: Vec<u8>,
        separator: bool,
    },
    Rule,
    Raw(String),
    Blank(u8),
}

#[derive(Arbitrary, Debug)]
struct Item {
    depth: u8,
    task: Option<bool>,
    line: Line,
    continuation: Option<Line>,
    closed: bool,
}

#[derive(Arbitrary, Debug)]
struct Line(Vec<Piece>);

#[derive(Arbitrary, Debug)]
enum Case {
    Lower,
    Title,
    Upper,
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Practice {
        word: u8,
        case: Case,
    },
    Phrase(u8),
    Filler(u8),
    Negation(u8),
    Duration {
        n: u16,
        unit: u8,
        form: u8,
    },
    Punctuation(u8),
    /// "if ...," or "when ...,"
    Conditional {
        when: bool,
        atoms: Vec<Atom>,
    },
    Quoted {
        kind: u8,
        atoms: Vec<Atom>,
    },
    Emphasis {
        kind: u8,
        atoms: Vec<Atom>,
    },
    Link {
        atoms: Vec<Atom>,
        url: u8,
    },
    Code(String),
    Tag(Tag),
    Emoji(u8),
    Cjk(u8),
    Special(u8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Atom {
    Practice { word: u8, case: Case },
    Phrase(u8),
    Filler(u8),
    Negation(u8),
    Comma,
    Text(String),
}

#[derive(Arbitrary, Debug)]
struct Tag {
    name: u8,
    attributes: Vec<Attribute>,
    /// Extra attributes: none mostly, a few dozen sometimes, rarely thousands.
    many: u8,
    self_closing: bool,
    inner: Vec<Atom>,
}

#[derive(Arbitrary, Debug)]
struct Attribute {
    name: u8,
    value: AttributeValue,
    quote: u8,
}

#[derive(Arbitrary, Debug)]
enum AttributeValue {
    None,
    Practice(u8),
    Text(String),
}

fn cased(word: &str, case: &Case) -> String {
    match case {
        Case::Lower => word.to_string(),
        Case::Upper => word.to_uppercase(),
        Case::Title => {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

fn extra_attributes(many: u8) -> usize {
    match many {
        0..=199 => 0,
        200..=247 => usize::from(many - 200) * 4,
        _ => [1_000, 3_000, 6_000, 10_000, 20_000, 40_000, 70_000, 100_000][usize::from(many - 248)],
    }
}

/// Renders one input in one format, into `out`.
struct Renderer {
    format: Format,
    out: String,
}

impl Renderer {
    fn full(&self) -> bool {
        self.out.len() > MAX_RENDERED
    }

    fn word(&mut self, s: &str) {
        if !self.out.is_empty() && !self.out.ends_with(['\n', ' ', '(', '“', '"', '>', '*', '_', '[']) {
            self.out.push(' ');
        }
        self.out.push_str(s);
    }

    fn atom(&mut self, atom: &Atom) {
        match atom {
            Atom::Practice { word, case } => self.word(&cased(pick(PRACTICE_WORDS, *word), case)),
            Atom::Phrase(i) => self.word(pick(PHRASES, *i)),
            Atom::Filler(i) => self.word(pick(FILLERS, *i)),
            Atom::Negation(i) => self.word(pick(NEGATIONS, *i)),
            Atom::Comma => self.out.push(','),
            Atom::Text(s) => self.word(s),
        }
    }

    fn atoms(&mut self, atoms: &[Atom]) {
        for atom in atoms {
            self.atom(atom);
        }
    }

    fn tag_open(&mut self, tag: &Tag) {
        let name = pick(TAGS, tag.name);
        let _ = write!(self.out, "<{name}");
        for attribute in &tag.attributes {
            let _ = write!(self.out, " {}", pick(ATTRIBUTES, attribute.name));
            let value = match &attribute.value {
                AttributeValue::None => continue,
                AttributeValue::Practice(i) => pick(PRACTICE_WORDS, *i),
                AttributeValue::Text(s) => s.as_str(),
            };
            let quote = ["\"", "'", ""][usize::from(attribute.quote) % 3];
            let _ = write!(self.out, "={quote}{value}{quote}");
        }
        for i in 0..extra_attributes(tag.many) {
            if self.full() {
                break;
            }
            let _ = write!(self.out, " a{i}=\"{}\"", i % 7);
        }
        self.out.push_str(if tag.self_closing { "/>" } else { ">" });
    }

    fn inline_tag(&mut self, tag: &Tag) {
        if !self.out.ends_with(['\n', ' ']) && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.tag_open(tag);
        self.atoms(&tag.inner);
        if !tag.self_closing {
            let _ = write!(self.out, "</{}>", pick(TAGS, tag.name));
        }
    }

    fn piece(&mut self, piece: &Piece) {
        match piece {
            Piece::Practice { word, case } => self.word(&cased(pick(PRACTICE_WORDS, *word), case)),
            Piece::Phrase(i) => self.word(pick(PHRASES, *i)),
            Piece::Filler(i) => self.word(pick(FILLERS, *i)),
            Piece::Negation(i) => self.word(pick(NEGATIONS, *i)),
            Piece::Duration { n, unit, form } => {
                let unit = pick(UNITS, *unit);
                let n = n % 400;
                let text = match form % 6 {
                    0 => format!("{n}-{unit}"),
                    1 => format!("{n} {unit}s"),
                    2 => format!("for {n} {unit}s"),
                    3 => format!("over {n}–{} {unit}s", n + 3),
                    4 => format!("a {unit}"),
                    _ => format!("every {unit} for a year"),
                };
                self.word(&text);
            }
            Piece::Punctuation(i) => self.out.push_str(pick(PUNCTUATION, *i)),
            Piece::Conditional { when, atoms } => {
                self.word(if *when { "when" } else { "if" });
                self.atoms(atoms);
                self.out.push(',');
            }
            Piece::Quoted { kind, atoms } => {
                let (open, close) =
                    [("\"", "\""), ("“", "”"), ("'", "'"), ("‘", "’"), ("«", "»")][usize::from(*kind) % 5];
                self.word(open);
                self.atoms(atoms);
                self.out.push_str(close);
            }
            Piece::Emphasis { kind, atoms } => {
                let (open, close) = match self.format {
                    Format::Html => [("<em>", "</em>"), ("<strong>", "</strong>"), ("<i>", "</i>"), ("<b>", "</b>")]
                        [usize::from(*kind) % 4],
                    _ => [("*", "*"), ("**", "**"), ("_", "_"), ("~~", "~~")][usize::from(*kind) % 4],
                };
                self.word(open);
                self.atoms(atoms);
                self.out.push_str(close);
            }
            Piece::Link { atoms, url } => {
                let url = pick(URLS, *url);
                match self.format {
                    Format::Markdown => {
                        self.word("[");
                        self.atoms(atoms);
                        let _ = write!(self.out, "]({url})");
                    }
                    Format::Html => {
                        self.word(&format!("<a href=\"{url}\">"));
                        self.atoms(atoms);
                        self.out.push_str("</a>");
                    }
                    Format::PlainText => {
                        self.atoms(atoms);
                        self.word(&format!("({url})"));
                    }
                }
            }
            Piece::Code(s) => match self.format {
                Format::Html => self.word(&format!("<code>{s}</code>")),
                _ => self.word(&format!("`{s}`")),
            },
            Piece::Tag(tag) => self.inline_tag(tag),
            Piece::Emoji(i) => self.word(pick(EMOJI, *i)),
            Piece::Cjk(i) => self.out.push_str(pick(CJK, *i)),
            Piece::Special(i) => self.out.push_str(pick(SPECIALS, *i)),
            Piece::Text(s) => self.word(s),
        }
    }

    fn line(&mut self, line: &Line) {
        for piece in &line.0 {
            if self.full() {
                return;
            }
            self.piece(piece);
        }
    }

    fn block(&mut self, block: &Block) {
        let html = self.format == Format::Html;
        match block {
            Block::Heading { level, setext, line } => {
                let level = usize::from(level % 6) + 1;
                match self.format {
                    Format::Markdown if *setext => {
                        self.line(line);
                        self.out.push_str(if level == 1 { "\n===" } else { "\n---" });
                    }
                    Format::Markdown => {
                        self.out.push_str(&"#".repeat(level));
                        self.out.push(' ');
                        self.line(line);
                    }
                    Format::Html => {
                        let _ = write!(self.out, "<h{level}>");
                        self.line(line);
                        let _ = write!(self.out, "</h{level}>");
                    }
                    Format::PlainText => {
                        self.line(line);
                        if *setext {
                            self.out.push_str("\n-----");
                        }
                    }
                }
            }
            Block::Paragraph { sentences, soft_breaks } => {
                if html {
                    self.out.push_str("<p>");
                }
                for (i, sentence) in sentences.iter().enumerate() {
                    if i > 0 {
                        self.out.push(if *soft_breaks { '\n' } else { ' ' });
                    }
                    self.line(sentence);
                }
                if html {
                    self.out.push_str("</p>");
                }
            }
            Block::List { ordered, marker, lead_in, items } => {
                if let Some(lead_in) = lead_in {
                    if html {
                        self.out.push_str("<p>");
                    }
                    self.line(lead_in);
                    self.out.push(':');
                    self.out.push_str(if html { "</p>\n" } else { "\n" });
                }
                let list = if *ordered { "ol" } else { "ul" };
                let mut open = 0;
                for (n, item) in items.iter().enumerate() {
                    if self.full() {
                        break;
                    }
                    let depth = usize::from(item.depth % 6);
                    if html {
                        while open < depth + 1 {
                            let _ = write!(self.out, "<{list}>");
                            open += 1;
                        }
                        while open > depth + 1 {
                            let _ = write!(self.out, "</{list}>");
                            open -= 1;
                        }
                        self.out.push_str("<li>");
                    } else {
                        if n > 0 {
                            self.out.push('\n');
                        }
                        self.out.push_str(&"  ".repeat(depth));
                        let m = if *ordered {
                            format!("{}{} ", n + 1, [".", ")"][usize::from(*marker) % 2])
                        } else {
                            pick(&["- ", "* ", "+ ", "• "], *marker).to_string()
                        };
                        self.out.push_str(&m);
                    }
                    match item.task {
                        Some(true) if !html => self.out.push_str("[x] "),
                        Some(false) if !html => self.out.push_str("[ ] "),
                        Some(done) => self.out.push_str(if done {
                            "<input type=checkbox checked> "
                        } else {
                            "<input type=checkbox> "
                        }),
                        None => {}
                    }
                    self.line(&item.line);
                    if let Some(continuation) = &item.continuation {
                        self.out.push('\n');
                        self.out.push_str(&"  ".repeat(depth + 1));
                        self.line(continuation);
                    }
                    if html {
                        if item.closed {
                            self.out.push_str("</li>");
                        }
                        self.out.push('\n');
                    }
                }
                if html {
                    for _ in 0..open {
                        let _ = write!(self.out, "</{list}>");
                    }
                }
            }
            Block::Table { header, rows, align } => match self.format {
                Format::Markdown => {
                    let columns = header.len().max(1);
                    self.out.push('|');
                    for cell in header {
                        self.line(cell);
                        self.out.push_str(" |");
                    }
                    self.out.push_str("\n|");
                    for c in 0..columns {
                        self.out.push_str(pick(&[" --- |", ":---|", ":-:|", "---:|"], align.wrapping_add(c as u8)));
                    }
                    for row in rows {
                        self.out.push_str("\n|");
                        for cell in row {
                            self.line(cell);
                            self.out.push_str(" |");
                        }
                    }
                }
                Format::Html => {
                    self.out.push_str("<table>\n<tr>");
                    for cell in header {
                        self.out.push_str("<th>");
                        self.line(cell);
                        self.out.push_str("</th>");
                    }
                    self.out.push_str("</tr>");
                    for row in rows {
                        self.out.push_str("\n<tr>");
                        for cell in row {
                            self.out.push_str(if align % 2 == 0 { "<td>" } else { "<td align=left>" });
                            self.line(cell);
                        }
                    }
                    self.out.push_str("\n</table>");
                }
                Format::PlainText => {
                    for (i, row) in std::iter::once(header).chain(rows).enumerate() {
                        if i > 0 {
                            self.out.push('\n');
                        }
                        for (c, cell) in row.iter().enumerate() {
                            if c > 0 {
                                self.out.push_str(if align % 2 == 0 { "\t" } else { "  |  " });
                            }
                            self.line(cell);
                        }
                    }
                }
            },
            Block::Quote { depth, lines } => {
                let depth = usize::from(depth % 8) + 1;
                if html {
                    self.out.push_str(&"<blockquote>".repeat(depth));
                    for line in lines {
                        self.out.push_str("<p>");
                        self.line(line);
                        self.out.push_str("</p>\n");
                    }
                    self.out.push_str(&"</blockquote>".repeat(depth));
                } else {
                    for (i, line) in lines.iter().enumerate() {
                        if i > 0 {
                            self.out.push('\n');
                        }
                        self.out.push_str(&"> ".repeat(depth));
                        self.line(line);
                    }
                }
            }
            Block::Code { tilde, info, lines, closed, indented } => {
                if html {
                    let _ = write!(self.out, "<pre><code class=\"language-{}\">", pick(CODE_INFO, *info));
                    for line in lines {
                        self.line(line);
                        self.out.push('\n');
                    }
                    if *closed {
                        self.out.push_str("</code></pre>");
                    }
                } else if *indented {
                    for (i, line) in lines.iter().enumerate() {
                        if i > 0 {
                            self.out.push('\n');
                        }
                        self.out.push_str("    ");
                        self.line(line);
                    }
                } else {
                    let fence = if *tilde { "~~~" } else { "```" };
                    let _ = writeln!(self.out, "{fence}{}", pick(CODE_INFO, *info));
                    for line in lines {
                        self.line(line);
                        self.out.push('\n');
                    }
                    if *closed {
                        self.out.push_str(fence);
                    }
                }
            }
            Block::Html { tag, body, closed } => {
                self.tag_open(tag);
                self.atoms(&tag.inner);
                for line in body {
                    self.out.push('\n');
                    self.line(line);
                }
                if *closed && !tag.self_closing {
                    let _ = write!(self.out, "</{}>", pick(TAGS, tag.name));
                }
            }
            Block::Suppression { kind, codes, separator } => {
                let kind = pick(&["disable-next-line", "disable", "enable", "disable-line"], *kind);
                let _ = write!(self.out, "<!-- cm-lint-{kind}");
                for (i, code) in codes.iter().enumerate() {
                    self.out.push_str(if *separator && i > 0 { ", " } else { " " });
                    self.out.push_str(pick(CODES, *code));
                }
                self.out.push_str(" -->");
            }
            Block::Rule => self.out.push_str(if html { "<hr>" } else { "---" }),
            Block::Raw(s) => self.out.push_str(s),
            Block::Blank(n) => self.out.push_str(&"\n".repeat(usize::from(n % 3))),
        }
    }
}

fn render(input: &Input, format: Format) -> String {
    let mut r = Renderer { format, out: String::new() };
    if let Some(front) = &input.front_matter {
        match format {
            Format::Markdown => {
                r.out.push_str("---\ntitle: ");
                r.line(front);
                r.out.push_str("\n---\n\n");
            }
            Format::Html => {
                r.out.push_str("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>");
                r.line(front);
                r.out.push_str("</title></head>\n<body>\n");
            }
            Format::PlainText => {
                r.out.push_str("Title: ");
                r.line(front);
                r.out.push_str("\n\n");
            }
        }
    }
    for block in &input.blocks {
        if r.full() {
            break;
        }
        r.block(block);
        r.out.push_str(if format == Format::Html { "\n" } else { "\n\n" });
    }
    if input.front_matter.is_some() && format == Format::Html {
        r.out.push_str("</body></html>\n");
    }
    let mut text = match input.ending {
        Ending::Lf => r.out,
        Ending::CrLf => r.out.replace('\n', "\r\n"),
        Ending::Cr => r.out.replace('\n', "\r"),
        Ending::Mixed => {
            let mut out = String::with_capacity(r.out.len() * 2);
            for (i, part) in r.out.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(["\n", "\r\n", "\r"][i % 3]);
                }
                out.push_str(part);
            }
            out
        }
    };
    if input.bom {
        text.insert(0, '\u{feff}');
    }
    text
}

fuzz_target!(|input: Input| {
    common::on_worker_stack(|| {
        for format in common::FORMATS {
            let text = render(&input, format);
            for lint_format in common::FORMATS {
                common::check(&text, lint_format);
            }
            common::check_fixing(&text, format);
        }
    });
});
