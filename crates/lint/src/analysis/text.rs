//! Low-level text handling: normalisation, word tokens, sentences and clause boundaries.
//!
//! Everything here works on one block's prose text; offsets are byte offsets into that text.

/// Lower-cases `text` without changing any byte offset: a character whose lower case has a
/// different UTF-8 length is kept as it is. Typographic apostrophes stay as written; patterns
/// accept both kinds.
pub(crate) fn normalise(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
            continue;
        }
        let mut lower = ch.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == ch.len_utf8() => out.push(l),
            _ => out.push(ch),
        }
    }
    out
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A word, number or punctuation mark in a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '\'' || ch == '’' || ch == '\u{301}'
}

/// `text` without every trailing `suffix`, as `str::trim_end_matches` gives, without building a
/// substring searcher on each call.
pub(crate) fn trim_suffix<'t>(mut text: &'t str, suffix: &str) -> &'t str {
    while let Some(rest) = text.strip_suffix(suffix) {
        text = rest;
    }
    text
}

/// A word without its possessive "'s" (or "’s").
pub(crate) fn without_possessive(word: &str) -> &str {
    trim_suffix(trim_suffix(word, "'s"), "’s")
}

/// Whether a word is a possessor: it ends in "'s" (or "’s"), or the token after it is the
/// possessive ending or a bare apostrophe ("mentees' goals").
pub(crate) fn is_possessor(word: &str, next: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || matches!(next, "'s" | "’s" | "'" | "’")
}

// What an ASCII byte is to the tokenizer, as flags: a table lookup and a test per byte keep
// the loops free of hard-to-predict branches.
/// A letter, digit or apostrophe: the byte may continue a word.
const IN_WORD: u8 = 1;
/// A letter or digit: the byte may start a word.
const STARTS_WORD: u8 = 2;
const DIGIT: u8 = 4;
/// White space, as `char::is_whitespace` has it.
const SPACE: u8 = 8;

const ASCII_CLASS: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let ch = b as u8 as char;
        table[b] = if ch.is_ascii_alphabetic() {
            IN_WORD | STARTS_WORD
        } else if ch.is_ascii_digit() {
            IN_WORD | STARTS_WORD | DIGIT
        } else if ch == '\'' {
            IN_WORD
        } else if ch.is_whitespace() {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Splits text into tokens. Words keep inner apostrophes and hyphens are separate tokens, so
/// that "coach-led" is `coach`, `-`, `led`.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    // The character at a byte offset and its length, for non-ASCII bytes.
    let char_at = |i: usize| -> (char, usize) {
        let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
        (ch, ch.len_utf8())
    };
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let (word_start, mut all_digits) = if b < 0x80 {
            i += 1;
            let class = ASCII_CLASS[usize::from(b)];
            if class & SPACE != 0 {
                continue;
            }
            (class & STARTS_WORD != 0, class & DIGIT != 0)
        } else {
            let (ch, len) = char_at(i);
            i += len;
            if ch.is_whitespace() || ch == '\u{FFFC}' {
                continue;
            }
            (is_word_char(ch) && ch != '’', false)
        };
        if word_start {
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    let class = ASCII_CLASS[usize::from(b)];
                    if class & IN_WORD == 0 {
                        break;
                    }
                    all_digits &= class & DIGIT != 0;
                    i += 1;
                } else {
                    let (next, next_len) = char_at(i);
                    if !is_word_char(next) {
                        break;
                    }
                    all_digits = false;
                    i += next_len;
                }
            }
            // A trailing apostrophe belongs to the word only as a plural possessive ("coaches'").
            // ('’' ends in the byte 0x99, which ends no other character a word may end with
            // except other U+xx19 characters; the slow path sorts those out.)
            let end = if matches!(bytes[i - 1], b'\'' | 0x99) {
                let trimmed = text[start..i].trim_end_matches(['\'', '’']);
                if trimmed.ends_with('s') {
                    i
                } else {
                    start + trimmed.len()
                }
            } else {
                i
            };
            let kind = if all_digits { TokenKind::Number } else { TokenKind::Word };
            tokens.push(Token { start, end, kind });
        } else {
            tokens.push(Token { start, end: i, kind: TokenKind::Punct });
        }
    }
    tokens
}

/// The first version of [`tokenize`], kept to test the faster one against.
#[cfg(test)]
fn tokenize_reference(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, ch)) = iter.next() {
        if ch.is_whitespace() || ch == '\u{FFFC}' {
            continue;
        }
        if is_word_char(ch) && ch != '\'' && ch != '’' {
            let mut end = start + ch.len_utf8();
            let mut all_digits = ch.is_ascii_digit();
            while let Some(&(i, next)) = iter.peek() {
                if is_word_char(next) {
                    all_digits &= next.is_ascii_digit();
                    end = i + next.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            // A trailing apostrophe belongs to the word only as a plural possessive ("coaches'").
            let word = &text[start..end];
            let trimmed = word.trim_end_matches(['\'', '’']);
            let end = if trimmed.ends_with('s') { end } else { start + trimmed.len() };
            let kind = if all_digits { TokenKind::Number } else { TokenKind::Word };
            tokens.push(Token { start, end, kind });
        } else {
            tokens.push(Token { start, end: start + ch.len_utf8(), kind: TokenKind::Punct });
        }
    }
    tokens
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "etc", "dr", "mr", "mrs", "ms", "st", "vs", "a.k.a", "aka", "approx", "inc", "ltd", "co",
    "jr", "sr", "p", "pp", "fig", "cf", "al", "prof", "dept", "min", "max", "mt", "ca",
];

/// The bytes [`sentences`] stops at: '.', '?', '!', a line break and the first byte of '…'.
const MAY_END_SENTENCE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\n' as usize] = true;
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[0xE2] = true;
    table
};

/// Byte ranges of the sentences of a block, trimmed. Abbreviations, initials, decimals and
/// numbered headings ("4.1 Coaching") do not end a sentence.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that may end a sentence.
        let Some(at) = bytes[i..].iter().position(|&b| MAY_END_SENTENCE[usize::from(b)]) else { break };
        i += at;
        let b = bytes[i];
        let is_end = match b {
            // A line of fields ("Anna | Berlin | Mentor", tab-separated columns) is a record:
            // it ends at its line break, and the line before one ends there too.
            b'\n' => {
                let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
                let next_end = text[i + 1..].find('\n').map_or(text.len(), |p| i + 1 + p);
                // (What stands before the break since the sentence began: a title line may
                // follow a sentence that the block's text joined to it.)
                if line_break_ends_sentence(&text[line_start.max(start)..i], &text[i + 1..next_end]) {
                    push_trimmed(text, start, i, &mut out);
                    start = i + 1;
                }
                i += 1;
                continue;
            }
            b'?' | b'!' => true,
            b'.' => ends_sentence_at_period(text, i),
            // The first byte of '…' (and of other punctuation from U+2000 to U+2FFF).
            _ => text[i..].starts_with('…'),
        };
        if is_end {
            let mut end = i + if b == b'.' || b == b'?' || b == b'!' { 1 } else { '…'.len_utf8() };
            // Closing quotes and brackets stay with the sentence they close.
            while end < bytes.len() {
                let rest = &text[end..];
                let Some(ch) = rest.chars().next() else { break };
                if matches!(ch, '"' | '\'' | '’' | '”' | ')' | ']' | '*' | '_' | '?' | '!' | '.') {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            let followed_by_space = text[end..].chars().next().is_none_or(char::is_whitespace);
            if followed_by_space {
                push_trimmed(text, start, end, &mut out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Whether a line is a record of fields rather than prose: two or more '|' separators, or a
/// tab between words.
pub(crate) fn is_record_line(line: &str) -> bool {
    line.bytes().filter(|&b| b == b'|').count() >= 2 || line.trim().contains('\t')
}

/// Whether the line break between the lines `before` and `after` of one paragraph ends a
/// sentence: either is a record (see [`is_record_line`]), or `before` is a title or a label
/// that the layout, not punctuation, ends: a line of at most six words that starts with a
/// capital and ends in no punctuation or joining word, followed by a line that starts with a
/// capital ("Eliciting Reflection" / "Don't just tell them ..."). A hard-wrapped sentence
/// breaks its lines long, or before a lower-case word.
pub(crate) fn line_break_ends_sentence(before: &str, after: &str) -> bool {
    if is_record_line(before) || is_record_line(after) {
        return true;
    }
    let before = before.trim();
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let words = before.split_whitespace().count();
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let joining = matches!(
        last.to_ascii_lowercase().as_str(),
        "and" | "or" | "of" | "the" | "a" | "an" | "to" | "for" | "with" | "in" | "on" | "by" | "at" | "from" | "as"
    );
    (1..=6).contains(&words)
        && capital(before)
        && capital(after.trim_start())
        && !joining
        && before.chars().last().is_some_and(char::is_alphanumeric)
}

/// The longest sentence, in bytes. A longer run of text without an end mark is cut into
/// windows of at most this length, at a comma or semicolon, else at white space.
///
/// Every analysis that looks around a word within its sentence (attribution, negation scope,
/// conditionals, sense, role pairings) costs at most the sentence's length per word; with this
/// cap a paragraph with no sentence end costs time linear in its length, not quadratic. Real
/// sentences are far shorter (the longest in the fixtures, the bench corpus and the labelled corpora is under
/// 1,000 bytes), so the cap changes nothing on them.
pub(crate) const MAX_SENTENCE: usize = 2_000;

fn push_trimmed(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start > MAX_SENTENCE {
        let mut limit = start + MAX_SENTENCE;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text.as_bytes()[start + MAX_SENTENCE / 2..limit];
        let at_punct = window
            .windows(2)
            .rposition(|w| matches!(w[0], b',' | b';') && w[1].is_ascii_whitespace())
            .map(|i| start + MAX_SENTENCE / 2 + i + 1);
        let at_space = || window.iter().rposition(u8::is_ascii_whitespace).map(|i| start + MAX_SENTENCE / 2 + i);
        let cut = at_punct.or_else(at_space).unwrap_or(limit);
        push_window(text, start, cut, out);
        start = cut;
    }
    push_window(text, start, end, out);
}

fn push_window(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

fn ends_sentence_at_period(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let after = &text[i + 1..];
    // Decimals and section numbers: "3.5", "4.1".
    if before.ends_with(|c: char| c.is_ascii_digit()) && after.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    let written = &before[word_start..];
    // Most words are already lower-case ASCII: lower-casing them would only copy them.
    let word: std::borrow::Cow<'_, str> = if written.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        written.to_lowercase().into()
    } else {
        written.into()
    };
    if ABBREVIATIONS.contains(&&*word) {
        return false;
    }
    // "No. 5" and "Nos. 3-4" are numbers; "No." alone answers a question.
    if matches!(&*word, "no" | "nos") && after.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // Single initials ("J. Park") and dotted abbreviations ("a.k.a").
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().all(|c| c.is_alphabetic() || c == '.') && word.chars().any(char::is_uppercase) {
        return false;
    }
    if letters == 1 && before[word_start..].chars().all(char::is_uppercase) {
        return false;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return false;
    }
    // A lower-case continuation means the period was not an end ("approx. six").
    let next = after.trim_start().chars().next();
    !matches!(next, Some(c) if c.is_lowercase())
}

/// Words that open a new clause, for negation scope and attribution.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "however", "instead", "unlike", "because", "so", "yet", "whilst",
];

/// True when the token at `idx` starts a new clause.
/// Words that open a clause's own subject after a conjunction: ", and they ...", ", as the
/// mentor ...".
const SUBJECT_OPENERS: &[&str] = &[
    "they", "he", "she", "it", "we", "you", "i", "the", "your", "our", "their", "a", "an", "that", "this", "there",
    "it's", "they'll", "you'll", "coaches", "mentors", "coach", "mentor", "mentees", "clients", "each", "every",
];

/// Whether a word (lower-cased) can open the subject of a new clause ([`SUBJECT_OPENERS`]).
pub(crate) fn opens_a_subject(word: &str) -> bool {
    SUBJECT_OPENERS.contains(&word)
}

pub(crate) fn is_clause_boundary(norm: &str, tokens: &[Token], idx: usize) -> bool {
    let tok = tokens[idx];
    let text = tok.text(norm);
    match tok.kind {
        TokenKind::Punct => {
            matches!(text, ";" | ":" | "(" | ")" | "—" | "–" | "?" | "!" | "→" | "|" | "•") && {
                // A hyphen-like dash between words without spaces joins them ("3–12").
                text != "–" || norm[..tok.start].ends_with(' ')
            }
        }
        TokenKind::Word => {
            if CLAUSE_WORDS.contains(&text) {
                return true;
            }
            // ", and they ..." starts a new clause with its own subject.
            if text == "and" || text == "or" {
                let comma_before = idx > 0 && tokens[idx - 1].text(norm) == ",";
                let next = tokens.get(idx + 1).map(|t| t.text(norm));
                // "... is not required to X and may not be Y": a second verb phrase, led by
                // its own auxiliary, carries its own negation.
                const AUXILIARIES: &[&str] = &[
                    "may", "might", "can", "could", "will", "would", "should", "must", "shall", "is", "are", "was",
                    "were", "does", "do", "did",
                ];
                // "... is not a one-off intervention and to be effective, we recommend ...": an
                // infinitive after a noun, not after another infinitive ("not to advise and to
                // direct"), opens a clause of purpose.
                // (The word before is looked up only then: every "and" of a block is asked.)
                let after_noun = || {
                    idx > 0
                        && tokens[idx - 1].kind == TokenKind::Word
                        && super::lexicon::verb(tokens[idx - 1].text(norm)).is_none()
                };
                return (comma_before && next.is_some_and(opens_a_subject))
                    || next.is_some_and(|n| AUXILIARIES.contains(&n))
                    || (text == "and" && next == Some("to") && after_noun());
            }
            false
        }
        TokenKind::Number => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn keeps_offsets_when_lower_casing() {
        let text = "İstanbul Coach ÅB";
        assert_eq!(normalise(text).len(), text.len());
        assert!(normalise(text).contains("coach"));
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_sentences() {
        assert_eq!(
            split("Engagements last a defined period (e.g. 3–12 months). Dr. Eze agrees. Version 2.1 is out."),
            vec!["Engagements last a defined period (e.g. 3–12 months).", "Dr. Eze agrees.", "Version 2.1 is out."]
        );
    }

    #[test]
    fn questions_and_quotes_end_sentences() {
        assert_eq!(
            split("Will my coach tell me? No. \"We never set an end date,\" says Tom. Fine!"),
            vec!["Will my coach tell me?", "No.", "\"We never set an end date,\" says Tom.", "Fine!"]
        );
    }

    #[test]
    fn a_line_of_fields_is_a_record_of_its_own() {
        assert_eq!(
            split("Intro line\nAna | Mentor | Tuesday\nBen | Facilitator | Friday"),
            vec!["Intro line", "Ana | Mentor | Tuesday", "Ben | Facilitator | Friday"]
        );
        // Prose keeps its line breaks inside a sentence; one pipe makes no record.
        assert_eq!(split("Coaching is\ntime-bound | mostly.\nYes."), vec!["Coaching is\ntime-bound | mostly.", "Yes."]);
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(split("Ask J. Park today. Then go."), vec!["Ask J. Park today.", "Then go."]);
    }

    #[test]
    fn tokenizer_matches_its_reference() {
        let mut texts: Vec<String> =
            vec!["coaches' don't ’tis coach’s co\u{301}ach 12-week 3.5 e.g. İstanbul\u{FFFC}x\u{a0}y '' ’’ 'a b' ½ ٣"
                .into()];
        // Every ASCII character inside, before and after words and numbers.
        texts.push((0u8..128).map(|b| format!("a{c}b {c}1 1{c}2 x{c} {c}", c = char::from(b))).collect());
        texts.extend(crate::test_support::labelled_corpus().lines().map(str::to_string));
        for text in &texts {
            let norm = normalise(text);
            assert_eq!(tokenize(text), tokenize_reference(text), "{text}");
            assert_eq!(tokenize(&norm), tokenize_reference(&norm), "{norm}");
        }
    }

    #[test]
    fn tokens_split_hyphens_and_keep_apostrophes() {
        let text = "coach-led mentors' don't 12-week";
        let words: Vec<_> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(words, vec!["coach", "-", "led", "mentors'", "don't", "12", "-", "week"]);
    }
}
