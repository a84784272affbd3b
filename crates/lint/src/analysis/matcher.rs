//! A backtracking matcher for cue patterns, built from the same parse as their regular
//! expressions and giving the same matches (leftmost-first, as a backtracking engine finds
//! them; `patterns`' tests compare the two on every cue and every text of the fixtures and
//! corpora).
//!
//! Why not the regex crate: compiling the cue set's regular expressions took longer than a whole
//! run over a large documentation tree spends matching them, and a linter starts many times a
//! day (in CI, in pre-commit hooks). A cue is a short word pattern; matching it by hand at the
//! few places its anchor literals allow costs little, and building it costs nothing.

use super::patterns::NUMBER_WORDS;

/// A class of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Unicode white space (`\s`).
    Space,
    /// A hyphen or dash: `-`, `‐`, `‑`, `–`, `—`.
    Dash,
    /// `'` or `’`.
    Apostrophe,
    /// An ASCII digit.
    Digit,
    /// A character of a gap word: anything but white space and `,;:.!?()"“”`.
    GapChar,
}

impl Class {
    /// The bytes a character of the class can start with; `None` for nearly any.
    fn first_bytes(self) -> Option<Vec<u8>> {
        match self {
            // ASCII white space, and the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F
            // and U+3000.
            Class::Space => Some(vec![b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3]),
            Class::Dash => Some(vec![b'-', 0xE2]),
            Class::Apostrophe => Some(vec![b'\'', 0xE2]),
            Class::Digit => Some((b'0'..=b'9').collect()),
            Class::GapChar => None,
        }
    }

    fn matches(self, ch: char) -> bool {
        match self {
            Class::Space => ch.is_whitespace(),
            Class::Dash => matches!(ch, '-' | '‐' | '‑' | '–' | '—'),
            Class::Apostrophe => matches!(ch, '\'' | '’'),
            Class::Digit => ch.is_ascii_digit(),
            Class::GapChar => {
                !ch.is_whitespace() && !matches!(ch, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '"' | '“' | '”')
            }
        }
    }
}

/// A pattern node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pat {
    /// All in order.
    Seq(Vec<Pat>),
    /// The first alternative that lets the rest match.
    Alt(Vec<Pat>),
    /// Greedy: with the inner pattern if the rest then matches, else without.
    Opt(Box<Pat>),
    /// Greedy repetition, at most `max` times.
    Repeat(Box<Pat>, usize),
    /// A literal string.
    /// Literal text; borrowed where it is fixed (number words), so tables build without copies.
    Str(std::borrow::Cow<'static, str>),
    /// One character of a class.
    One(Class),
    /// One or more characters of a class, as many as the rest allows.
    Many(Class),
    /// An ASCII word boundary (`(?-u:\b)`).
    Boundary,
    /// Alternatives as [`Matcher::new`] prepares them: each with the bytes it can start with
    /// (`None`: it can match empty, or start with nearly any byte), so that alternatives that
    /// cannot match here are not tried.
    Switch(Vec<(Option<Box<[bool; 256]>>, Pat)>),
}

impl Pat {
    pub fn seq(items: Vec<Pat>) -> Pat {
        if items.len() == 1 {
            items.into_iter().next().expect("one item")
        } else {
            Pat::Seq(items)
        }
    }

    pub fn alt(items: Vec<Pat>) -> Pat {
        if items.len() == 1 {
            items.into_iter().next().expect("one item")
        } else {
            Pat::Alt(items)
        }
    }

    pub fn opt(inner: Pat) -> Pat {
        Pat::Opt(Box::new(inner))
    }

    /// A number in digits or words, or a range of two ("3–12", "three to twelve"); a number
    /// may repeat itself in digits in brackets, as contracts write it ("one (1) year").
    pub fn number() -> Pat {
        let digits = Pat::Seq(vec![
            Pat::Many(Class::Digit),
            Pat::opt(Pat::Seq(vec![
                Pat::alt(vec![Pat::Str(".".into()), Pat::Str(",".into())]),
                Pat::Many(Class::Digit),
            ])),
        ]);
        let mut one = vec![digits];
        one.extend(NUMBER_WORDS.split('|').map(|w| Pat::Str(w.into())));
        let one = Pat::Alt(one);
        let spaces = Pat::opt(Pat::Many(Class::Space));
        let joiner = Pat::alt(vec![Pat::One(Class::Dash), Pat::Str("to".into()), Pat::Str("or".into())]);
        let in_digits = Pat::opt(Pat::Seq(vec![
            spaces.clone(),
            Pat::Str("(".into()),
            Pat::Many(Class::Digit),
            Pat::Str(")".into()),
        ]));
        Pat::Seq(vec![one.clone(), in_digits, Pat::opt(Pat::Seq(vec![spaces.clone(), joiner, spaces, one]))])
    }
}

/// What a pattern can start with: whether it can match the empty string, and the bytes a
/// non-empty match can start with (`None`: nearly any).
fn start(pat: &Pat) -> (bool, Option<[bool; 256]>) {
    let set = |bytes: &[u8]| {
        let mut table = [false; 256];
        for &b in bytes {
            table[usize::from(b)] = true;
        }
        Some(table)
    };
    let union = |a: Option<[bool; 256]>, b: Option<[bool; 256]>| match (a, b) {
        (Some(mut a), Some(b)) => {
            for (x, y) in a.iter_mut().zip(b) {
                *x |= y;
            }
            Some(a)
        }
        _ => None,
    };
    match pat {
        Pat::Str(s) => match s.as_bytes().first() {
            Some(&b) => (false, set(&[b])),
            None => (true, set(&[])),
        },
        Pat::One(class) | Pat::Many(class) => (false, class.first_bytes().and_then(|b| set(&b))),
        Pat::Boundary => (true, set(&[])),
        Pat::Opt(inner) | Pat::Repeat(inner, _) => (true, start(inner).1),
        Pat::Alt(alternatives) => alternatives.iter().fold((false, set(&[])), |(empty, bytes), a| {
            let (e, b) = start(a);
            (empty || e, union(bytes, b))
        }),
        Pat::Switch(alternatives) => alternatives.iter().fold((false, set(&[])), |(empty, bytes), (_, a)| {
            let (e, b) = start(a);
            (empty || e, union(bytes, b))
        }),
        Pat::Seq(items) => {
            let mut bytes = set(&[]);
            for item in items {
                let (empty, b) = start(item);
                bytes = union(bytes, b);
                if !empty {
                    return (false, bytes);
                }
            }
            (true, bytes)
        }
    }
}

/// The literals a match of `pat` starts with: `None` when a match can start with nearly any
/// character (a gap word, white space); else the literals and whether the match can be empty
/// (then the literals say nothing of where it starts).
fn start_literals(pat: &Pat) -> Option<(Vec<String>, bool)> {
    let chars = |set: &[&str]| Some((set.iter().map(|s| (*s).to_owned()).collect(), false));
    match pat {
        Pat::Str(s) if s.is_empty() => Some((Vec::new(), true)),
        Pat::Str(s) => Some((vec![s.to_string()], false)),
        Pat::One(class) | Pat::Many(class) => match class {
            Class::Digit => chars(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]),
            Class::Dash => chars(&["-", "‐", "‑", "–", "—"]),
            Class::Apostrophe => chars(&["'", "’"]),
            Class::Space | Class::GapChar => None,
        },
        Pat::Boundary => Some((Vec::new(), true)),
        Pat::Opt(inner) | Pat::Repeat(inner, _) => start_literals(inner).map(|(l, _)| (l, true)),
        Pat::Alt(alternatives) => union_of_starts(alternatives.iter()),
        Pat::Switch(alternatives) => union_of_starts(alternatives.iter().map(|(_, a)| a)),
        Pat::Seq(items) => {
            let mut literals = Vec::new();
            for item in items {
                let (more, empty) = start_literals(item)?;
                literals.extend(more);
                if !empty {
                    return Some((literals, false));
                }
            }
            Some((literals, true))
        }
    }
}

fn union_of_starts<'p>(alternatives: impl Iterator<Item = &'p Pat>) -> Option<(Vec<String>, bool)> {
    let (mut literals, mut empty) = (Vec::new(), false);
    for a in alternatives {
        let (more, e) = start_literals(a)?;
        literals.extend(more);
        empty |= e;
    }
    Some((literals, empty))
}

/// The fewest literals that every match of `pat` starts with, when it cannot be empty: a
/// literal that another one begins ("twenty-four" after "twenty") is dropped, as every place it
/// occurs the shorter one does too.
pub(crate) fn starts(pat: &Pat) -> Option<Vec<String>> {
    let (mut literals, empty) = start_literals(pat)?;
    if empty || literals.is_empty() {
        return None;
    }
    literals.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    literals.dedup();
    let mut kept: Vec<String> = Vec::with_capacity(literals.len());
    for l in literals {
        if !kept.iter().any(|k| l.starts_with(k.as_str())) {
            kept.push(l);
        }
    }
    Some(kept)
}

/// Turns every alternation into a [`Pat::Switch`].
fn prepare(pat: Pat) -> Pat {
    match pat {
        Pat::Alt(alternatives) => Pat::Switch(
            alternatives
                .into_iter()
                .map(|a| {
                    let a = prepare(a);
                    let (empty, first) = start(&a);
                    (if empty { None } else { first.map(Box::new) }, a)
                })
                .collect(),
        ),
        Pat::Seq(items) => Pat::Seq(items.into_iter().map(prepare).collect()),
        Pat::Opt(inner) => Pat::Opt(Box::new(prepare(*inner))),
        Pat::Repeat(inner, max) => Pat::Repeat(Box::new(prepare(*inner)), max),
        other => other,
    }
}

/// A pattern with what its matches can start with.
pub(crate) struct Matcher {
    pat: Pat,
    starts_at_boundary: bool,
    /// The bytes a match can start with; `None` when it can start anywhere.
    first: Option<[bool; 256]>,
    /// The same bytes as a list, when there are at most three: the scan then jumps from one to
    /// the next with `memchr` instead of testing every byte (a long block, many cues).
    few_first: Option<Vec<u8>>,
}

/// The longest runs of a text that a repeated class can take: white space, and characters of
/// the other classes (each of which is a gap character, or within one: digits, dashes,
/// apostrophes). A match of `Many(class)` is never longer than the run it lies in.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Runs {
    /// The longest run of white space, in bytes.
    pub space: usize,
    /// The longest run of gap characters, in bytes.
    pub gap: usize,
}

/// Which of the two run classes each ASCII character is in: 1 white space, 2 a gap character,
/// 0 neither (the table `Runs::of` reads instead of decoding and testing each character).
const ASCII_RUN_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let ch = b as u8 as char;
        table[b] = if ch.is_ascii_whitespace() || b == 0x0B {
            1
        } else if matches!(ch, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '"') {
            0
        } else {
            2
        };
        b += 1;
    }
    table
};

impl Runs {
    pub fn of(text: &str) -> Runs {
        let (mut runs, mut space, mut gap) = (Runs::default(), 0, 0);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // An ASCII character is classed by the table; any other is decoded.
            let (class, len) = match bytes[i] {
                b if b < 0x80 => (ASCII_RUN_CLASS[usize::from(b)], 1),
                _ => {
                    let ch = text[i..].chars().next().unwrap_or_default();
                    let class = if Class::Space.matches(ch) {
                        1
                    } else if Class::GapChar.matches(ch) {
                        2
                    } else {
                        0
                    };
                    (class, ch.len_utf8())
                }
            };
            match class {
                1 => (space, gap) = (space + len, 0),
                2 => (space, gap) = (0, gap + len),
                _ => (space, gap) = (0, 0),
            }
            runs.space = runs.space.max(space);
            runs.gap = runs.gap.max(gap);
            i += len;
        }
        runs
    }
}

/// An upper bound on a pattern's match length: `fixed + gap × Runs::gap + space × Runs::space`
/// bytes. Alternatives take the larger of each term, so the bound may be loose, never short.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reach {
    fixed: usize,
    gap: usize,
    space: usize,
}

impl Reach {
    pub fn of(pat: &Pat) -> Reach {
        let one = |fixed| Reach { fixed, ..Reach::default() };
        let max = |a: Reach, b: Reach| Reach {
            fixed: a.fixed.max(b.fixed),
            gap: a.gap.max(b.gap),
            space: a.space.max(b.space),
        };
        let sum = |a: Reach, b: Reach| Reach {
            fixed: a.fixed.saturating_add(b.fixed),
            gap: a.gap.saturating_add(b.gap),
            space: a.space.saturating_add(b.space),
        };
        match pat {
            Pat::Seq(items) => items.iter().map(Reach::of).fold(Reach::default(), sum),
            Pat::Alt(alternatives) => alternatives.iter().map(Reach::of).fold(Reach::default(), max),
            Pat::Switch(alternatives) => alternatives.iter().map(|(_, a)| Reach::of(a)).fold(Reach::default(), max),
            Pat::Opt(inner) => Reach::of(inner),
            Pat::Repeat(inner, times) => {
                let r = Reach::of(inner);
                Reach {
                    fixed: r.fixed.saturating_mul(*times),
                    gap: r.gap.saturating_mul(*times),
                    space: r.space.saturating_mul(*times),
                }
            }
            Pat::Str(s) => one(s.len()),
            Pat::One(_) => one(4),
            Pat::Many(Class::Space) => Reach { space: 1, ..Reach::default() },
            Pat::Many(_) => Reach { gap: 1, ..Reach::default() },
            Pat::Boundary => Reach::default(),
        }
    }

    pub fn bound(self, runs: Runs) -> usize {
        self.fixed
            .saturating_add(self.gap.saturating_mul(runs.gap))
            .saturating_add(self.space.saturating_mul(runs.space))
    }
}

impl Matcher {
    pub fn new(pat: Pat, starts_at_boundary: bool) -> Matcher {
        let pat = prepare(pat);
        let (empty, first) = start(&pat);
        let first = if empty { None } else { first };
        let few_first = first.as_ref().and_then(|table| {
            let bytes: Vec<u8> = (0..=255u8).filter(|&b| table[usize::from(b)]).collect();
            (bytes.len() <= 3).then_some(bytes)
        });
        Matcher { first, few_first, pat, starts_at_boundary }
    }

    /// The first position from `pos` to `last` where a match may start, by its first byte
    /// (`pos` itself when a match may be empty or start with nearly any byte); past `last` when
    /// none can start there.
    fn next_start(&self, bytes: &[u8], pos: usize, last: usize) -> usize {
        let Some(few) = &self.few_first else { return pos };
        // Only up to `last`: a window's search must not run on to the end of a long block.
        let rest = bytes.get(pos..bytes.len().min(last.saturating_add(1))).unwrap_or_default();
        let found = match few.as_slice() {
            [] => None,
            [a] => memchr::memchr(*a, rest),
            [a, b] => memchr::memchr2(*a, *b, rest),
            [a, b, c, ..] => memchr::memchr3(*a, *b, *c, rest),
        };
        found.map_or(last.saturating_add(1), |i| pos + i)
    }

    /// Every match in `text`, leftmost-first and not overlapping, as byte ranges.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.scan(text, 0, text.len(), &mut out);
        out
    }

    /// The same matches as [`Matcher::find_iter`], given windows (sorted, inclusive ranges of
    /// start positions) that hold every position where a match can start: only their positions
    /// are tried. A long block whose cue anchors are few is then matched near them alone.
    pub fn find_in(&self, text: &str, windows: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for &(from, to) in windows {
            pos = self.scan(text, pos.max(from), to.min(text.len()), &mut out);
        }
        out
    }

    /// The same matches as [`Matcher::find_iter`], given the positions (ascending) that hold
    /// every position where a match can start: the places where the literals of [`starts`]
    /// occur. Only they are tried.
    pub fn find_at(&self, text: &str, starts: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for &p in starts {
            if p < pos {
                continue;
            }
            if let Some((s, e)) = self.match_at(text, p) {
                out.push((s, e));
                pos = if e > s { e } else { s + 1 };
            }
        }
        out
    }

    /// The match starting at `pos`, if one does.
    fn match_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let possible = match (&self.first, bytes.get(pos)) {
            (Some(first), Some(&b)) => first[usize::from(b)],
            (Some(_), None) => false,
            (None, _) => true,
        };
        if !(possible && text.is_char_boundary(pos) && (!self.starts_at_boundary || at_boundary(bytes, pos))) {
            return None;
        }
        let mut end = None;
        Run { text }
            .go(&self.pat, pos, &mut |e| {
                end = Some(e);
                true
            })
            .then(|| (pos, end.unwrap_or(pos)))
    }

    /// Tries every start from `pos` to `last` (inclusive), pushing matches; returns the first
    /// position a later match may start at.
    fn scan(&self, text: &str, mut pos: usize, last: usize, out: &mut Vec<(usize, usize)>) -> usize {
        let bytes = text.as_bytes();
        while pos <= last {
            pos = self.next_start(bytes, pos, last);
            if pos > last {
                break;
            }
            if let Some((s, e)) = self.match_at(text, pos) {
                out.push((s, e));
                pos = if e > s { e } else { s + 1 };
                continue;
            }
            pos += 1;
        }
        pos
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn at_boundary(text: &[u8], pos: usize) -> bool {
    let before = pos > 0 && is_word_byte(text[pos - 1]);
    let after = pos < text.len() && is_word_byte(text[pos]);
    before != after
}

struct Run<'t> {
    text: &'t str,
}

impl Run<'_> {
    /// Matches `pat` at `pos` and calls `next` with each end position, in priority order, until
    /// `next` accepts one.
    fn go(&self, pat: &Pat, pos: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
        match pat {
            Pat::Seq(items) => self.seq(items, pos, next),
            Pat::Alt(alternatives) => alternatives.iter().any(|a| self.go(a, pos, next)),
            Pat::Switch(alternatives) => {
                let byte = self.text.as_bytes().get(pos).copied();
                alternatives.iter().any(|(first, a)| {
                    first.as_ref().is_none_or(|f| byte.is_some_and(|b| f[usize::from(b)])) && self.go(a, pos, next)
                })
            }
            Pat::Opt(inner) => self.go(inner, pos, next) || next(pos),
            Pat::Repeat(inner, max) => self.repeat(inner, *max, pos, next),
            Pat::Str(s) => self.text.as_bytes()[pos..].starts_with(s.as_bytes()) && next(pos + s.len()),
            Pat::One(class) => {
                let Some(ch) = self.text[pos..].chars().next() else { return false };
                class.matches(ch) && next(pos + ch.len_utf8())
            }
            Pat::Many(class) => {
                let rest = &self.text[pos..];
                let len = rest.find(|ch: char| !class.matches(ch)).unwrap_or(rest.len());
                // Longest first, giving back a character at a time.
                rest[..len].char_indices().rev().any(|(i, ch)| next(pos + i + ch.len_utf8()))
            }
            Pat::Boundary => at_boundary(self.text.as_bytes(), pos) && next(pos),
        }
    }

    fn seq(&self, items: &[Pat], pos: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
        match items.split_first() {
            None => next(pos),
            Some((first, rest)) => self.go(first, pos, &mut |p| self.seq(rest, p, next)),
        }
    }

    fn repeat(&self, inner: &Pat, left: usize, pos: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
        if left > 0 && self.go(inner, pos, &mut |p| p > pos && self.repeat(inner, left - 1, p, next)) {
            return true;
        }
        next(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_iter(pat: &Pat, text: &str, boundary: bool) -> Vec<(usize, usize)> {
        Matcher::new(pat.clone(), boundary).find_iter(text)
    }

    fn s(text: &str) -> Pat {
        Pat::Str(text.to_string().into())
    }

    /// The runs as the classes define them, one decoded character at a time.
    fn runs_by_char(text: &str) -> (usize, usize) {
        let (mut longest, mut space, mut gap) = ((0, 0), 0, 0);
        for ch in text.chars() {
            let len = ch.len_utf8();
            if Class::Space.matches(ch) {
                (space, gap) = (space + len, 0);
            } else if Class::GapChar.matches(ch) {
                (space, gap) = (0, gap + len);
            } else {
                (space, gap) = (0, 0);
            }
            longest = (longest.0.max(space), longest.1.max(gap));
        }
        longest
    }

    #[test]
    fn runs_read_by_table_are_the_runs_of_the_classes() {
        for b in 0u8..128 {
            let ch = char::from(b);
            let text = format!("a{ch}{ch}b");
            let runs = Runs::of(&text);
            assert_eq!((runs.space, runs.gap), runs_by_char(&text), "byte {b:#04x}");
        }
        for text in [
            "a coach\u{a0}\u{a0}and\u{2003}a mentor",
            "mentor–mentee\u{3000}pairs ‘ask’ “questions”, then\r\n\t go",
            "\u{1c}\u{1d}\u{85}x\u{b}\u{c} 12‑week 😀 ok",
            "",
        ] {
            let runs = Runs::of(text);
            assert_eq!((runs.space, runs.gap), runs_by_char(text), "{text:?}");
        }
    }

    #[test]
    fn alternatives_keep_their_order_and_backtrack() {
        let pat = Pat::Seq(vec![Pat::Alt(vec![s("coach"), s("coaches")]), s(" x")]);
        assert_eq!(find_iter(&pat, "coaches x", false), [(0, 9)]);
        let greedy = Pat::Seq(vec![s("a"), Pat::opt(s("b"))]);
        assert_eq!(find_iter(&greedy, "ab a", false), [(0, 2), (3, 4)]);
    }

    #[test]
    fn numbers_and_ranges() {
        let pat = Pat::number();
        assert_eq!(find_iter(&pat, "3–12", true), [(0, 6)]);
        assert_eq!(find_iter(&pat, "three to twelve", true), [(0, 15)]);
        assert_eq!(find_iter(&pat, "twenty-four", true), [(0, 11)]);
        assert_eq!(find_iter(&pat, "2.5 x", true), [(0, 3)]);
        assert_eq!(find_iter(&pat, "one (1) year", true), [(0, 7)]);
    }

    #[test]
    fn repeats_are_greedy_and_bounded() {
        let word = Pat::Seq(vec![Pat::Many(Class::Space), Pat::Many(Class::GapChar)]);
        let pat = Pat::Seq(vec![s("a"), Pat::Repeat(Box::new(word), 2), Pat::Many(Class::Space), s("z")]);
        assert_eq!(find_iter(&pat, "a b c z", false), [(0, 7)]);
        assert!(find_iter(&pat, "a b c d z", false).is_empty());
    }

    #[test]
    fn word_boundaries_are_ascii() {
        let pat = Pat::Seq(vec![Pat::Boundary, s("coach"), Pat::Boundary]);
        assert_eq!(find_iter(&pat, "a coach, coaches", true), [(2, 7)]);
        assert_eq!(find_iter(&pat, "écoach", true), [(2, 7)]);
    }
}
