//! The first look at a document: does it use a practice word at all? Most documents of a
//! documentation tree never do, and need no further reading; so this must cost about what
//! reading the bytes costs.
//!
//! The text is lower-cased (ASCII) a few kilobytes at a time into a buffer that stays in the
//! CPU cache, and the buffer is searched for all the stems at once with a SIMD multi-literal
//! search (Teddy, from `aho-corasick`).

use std::sync::LazyLock;

/// The stems of every practice word ("coaching", "mentee", "protégé", ...), lower-cased. A
/// non-ASCII capital (`É`) is not lower-cased by the ASCII pass, hence the third spelling.
const STEMS: [&str; 5] = ["coach", "mentor", "mentee", "proteg", "protég"];
const UPPER_ACCENT_STEM: &str = "protÉg";

/// All the stems at once, for lower-cased text: Teddy, a SIMD search for a few short literals,
/// makes one pass where a substring search per stem would make six.
static STEM_SEARCHER: LazyLock<aho_corasick::packed::Searcher> = LazyLock::new(|| {
    aho_corasick::packed::Config::new()
        .builder()
        .extend(STEMS.iter().chain([&UPPER_ACCENT_STEM]))
        .build()
        .expect("the stems fit a packed searcher")
});

/// The stems for short texts, matched without regard to ASCII case. (On long texts, the
/// lower-cased windows searched with SIMD are faster.)
static SHORT_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(STEMS.iter().chain([&UPPER_ACCENT_STEM]))
        .expect("the stems build an automaton")
});

const WINDOW: usize = 8 * 1024;
/// A text this short (a block, usually) is searched with [`SHORT_FINDER`].
const SHORT: usize = 512;
/// Windows overlap by the longest stem less one byte, so that no stem is cut in two.
const OVERLAP: usize = 7;

/// Calls `visit` with each window of `text` lower-cased (ASCII) and where it starts, until
/// `visit` returns true. Windows overlap by [`OVERLAP`] bytes so that no stem is cut in two;
/// `last` tells `visit` whether the window reaches the end.
fn lower_windows(text: &str, mut visit: impl FnMut(usize, &[u8], bool) -> bool) {
    let bytes = text.as_bytes();
    let mut buffer: Vec<u8> = Vec::with_capacity(WINDOW + OVERLAP);
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + WINDOW + OVERLAP).min(bytes.len());
        // One pass that copies and lower-cases (the compiler vectorises it).
        buffer.clear();
        buffer.extend(bytes[start..end].iter().map(u8::to_ascii_lowercase));
        if visit(start, &buffer, end == bytes.len()) || end == bytes.len() {
            return;
        }
        start += WINDOW;
    }
}

/// Where `text` may use a practice word: the byte offset of every stem found, in order. Empty
/// only when the text uses none.
pub(crate) fn stem_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    lower_windows(text, |start, window, last| {
        // A stem starting in the overlap is found again by the next window. No two stems can
        // overlap, so the searcher's non-overlapping matches are every stem.
        out.extend(
            STEM_SEARCHER.find_iter(window).map(|m| m.start()).filter(|&i| i < WINDOW || last).map(|i| start + i),
        );
        false
    });
    out
}

/// Whether `text` may use a practice word: true whenever it does (case-insensitively), and
/// rarely otherwise.
pub(crate) fn names_a_practice(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() <= SHORT {
        return SHORT_FINDER.is_match(bytes);
    }
    let mut found = false;
    lower_windows(text, |_, window, _| {
        found = STEM_SEARCHER.find(window).is_some();
        found
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_spelling_in_any_case() {
        for text in ["Coaching", "MENTORS", "a mentee", "her Protégé", "PROTÉGÉS", "protege", "co-coach"] {
            assert!(names_a_practice(text), "{text}");
        }
        for text in ["", "coa ch", "documentation", "protect", "men tor"] {
            assert!(!names_a_practice(text), "{text}");
        }
    }

    #[test]
    fn offsets_agree_with_the_yes_or_no_answer() {
        let text = format!("{}Coaching and MENTORS{}protégé", "x".repeat(WINDOW - 3), " y".repeat(WINDOW));
        let offsets = stem_offsets(&text);
        assert_eq!(offsets.len(), 3, "{offsets:?}");
        assert_eq!(&text[offsets[0]..offsets[0] + 5], "Coach");
        assert_eq!(&text[offsets[1]..offsets[1] + 6], "MENTOR");
        assert!(text[offsets[2]..].starts_with("protég"));
        assert!(stem_offsets("nothing here").is_empty());
        for short in ["a Mentee", "PROTÉGÉ", "xcoachx", "no"] {
            assert_eq!(names_a_practice(short), !stem_offsets(short).is_empty(), "{short}");
        }
    }

    /// Every stem occurrence, found the slow way.
    fn reference(text: &str) -> Vec<usize> {
        let lower = text.to_ascii_lowercase();
        let mut out: Vec<usize> = STEMS
            .iter()
            .chain([&UPPER_ACCENT_STEM])
            .flat_map(|stem| lower.match_indices(stem).map(|(i, _)| i).collect::<Vec<_>>())
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn offsets_agree_with_a_plain_search() {
        let mut texts = vec![
            "CoachCOACHmentormenteeMentee protégé PROTÉGÉ ProTeG coacoach mentmentor".to_string(),
            format!("{}coach{}MENTEE", "é".repeat(WINDOW / 2 - 2), "x".repeat(WINDOW - 4)),
        ];
        texts.push(crate::test_support::labelled_corpus());
        for text in &texts {
            assert_eq!(stem_offsets(text), reference(text));
        }
    }

    #[test]
    fn finds_a_word_across_a_window_edge() {
        for offset in WINDOW - 8..WINDOW + 8 {
            let text = format!("{}Mentoring{}", "x".repeat(offset), "y".repeat(100));
            assert!(names_a_practice(&text), "at {offset}");
        }
        let long = format!("{}coach", "z".repeat(5 * WINDOW + 3));
        assert!(names_a_practice(&long));
        assert!(!names_a_practice(&"z".repeat(5 * WINDOW + 3)));
    }
}
