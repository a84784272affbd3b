//! Dates as a term: a range of dates ("10 May – 10 August 2021", "Sept–Nov", "Q2–Q3") and the
//! labels that make such a range the term of an engagement ("Mentorship period", "Term 3").
//!
//! A fixed term is coaching's (the article: a defined engagement, typically 3 to 12 months);
//! a term given by its dates says the same as one given by its length. Only a range counts: a
//! single date is an event (a kickoff, a deadline), not a term.

use super::lexicon::is_month;
use std::ops::Range;

/// Words that join the two ends of a range.
const JOINERS: &[&str] = &["-", "–", "—", "to", "until", "through", "thru", "till"];

/// Heads of a label that names an engagement's term, or the engagement itself: "Mentorship
/// period", "Term 3", "Program dates", "Cohort 2". Not a window, a deadline, a call or a
/// survey, whose dates are not the engagement's.
const TERM_HEADS: &[&str] = &[
    "period",
    "term",
    "dates",
    "duration",
    "timeframe",
    "programme",
    "program",
    "mentorship",
    "mentoring",
    "coaching",
    "engagement",
    "cohort",
    "cycle",
    "round",
    "semester",
];

/// A day of the month: "10", "10th", "1st".
fn is_day(word: &str) -> bool {
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    !digits.is_empty()
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && (word.starts_with("19") || word.starts_with("20"))
}

/// A quarter: "q1" to "q4".
fn is_quarter(word: &str) -> bool {
    matches!(word, "q1" | "q2" | "q3" | "q4")
}

/// The end of a date starting at `i`: a day and a month in either order, a month, or a
/// quarter, with an optional year.
fn date_at(words: &[&str], i: usize) -> Option<usize> {
    let at = |k: usize| words.get(k).copied().unwrap_or("");
    let mut j = if is_day(at(i)) && is_month(at(i + 1)) {
        i + 2
    } else if is_month(at(i)) {
        if is_day(at(i + 1)) {
            i + 2
        } else {
            i + 1
        }
    } else if is_quarter(at(i)) {
        i + 1
    } else {
        return None;
    };
    // "Sept." and "10 May, 2021".
    if at(j) == "." && !at(j + 1).is_empty() {
        j += 1;
    }
    if is_year(at(j)) {
        j += 1;
    } else if at(j) == "," && is_year(at(j + 1)) {
        j += 2;
    }
    Some(j)
}

/// Whether a word can be part of a date's name: every date holds a month or a quarter. A
/// sentence without one holds no range of dates (most sentences: this is asked first).
pub(crate) fn names_a_month_or_quarter(word: &str) -> bool {
    is_month(word) || is_quarter(word)
}

/// The first range of dates among `words` (lower-cased tokens), as word indices.
pub(crate) fn date_range(words: &[&str]) -> Option<Range<usize>> {
    (0..words.len()).find_map(|i| {
        // Not the tail of a longer date ("10 May": the range starts at "10").
        if i > 0 && date_at(words, i - 1).is_some() {
            return None;
        }
        let end = date_at(words, i)?;
        let joiner = words.get(end)?;
        if !JOINERS.contains(joiner) {
            return None;
        }
        let last = date_at(words, end + 1)?;
        Some(i..last)
    })
}

/// Words before a single date that make it the end of what runs up to it.
const UNTIL: &[&str] = &["until", "till", "through", "thru"];

/// Words before a single date that say when something ends, after a verb of ending ("ends on
/// 1 April", "concludes in June").
const ON: &[&str] = &["on", "in", "by"];

/// The single dates among `words` (lower-cased tokens) that may end a span, as word indices of
/// each date, with whether it follows "until" ("continue until 1 April 2026") rather than
/// "on", "in" or "by" (which end a span only after a verb of ending: "ends on 1 April").
pub(crate) fn end_dates<'w>(words: &'w [&'w str]) -> impl Iterator<Item = (Range<usize>, bool)> + 'w {
    (1..words.len()).filter_map(|i| {
        let before = words[i - 1];
        let until = UNTIL.contains(&before);
        if !(until || ON.contains(&before)) {
            return None;
        }
        date_at(words, i).map(|end| (i..end, until))
    })
}

/// Whether a label (lower-cased tokens) names an engagement's term: its last word that is
/// not a number is one of [`TERM_HEADS`].
pub(crate) fn names_a_term(label: &[&str]) -> bool {
    let head = label
        .iter()
        .rev()
        .find(|w| w.chars().any(char::is_alphabetic) && !is_day(w) && !w.ends_with(|c: char| c.is_ascii_digit()));
    head.is_some_and(|h| TERM_HEADS.contains(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        crate::analysis::text::tokenize(text).iter().map(|t| text[t.start..t.end].to_lowercase()).collect()
    }

    fn range(text: &str) -> Option<String> {
        let w = words(text);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        let found = date_range(&refs);
        // The quick test asked before a sentence is searched never turns a range away.
        assert!(found.is_none() || refs.iter().any(|w| names_a_month_or_quarter(w)), "{text}");
        found.map(|r| refs[r].join(" "))
    }

    #[test]
    fn ranges_of_days_months_and_quarters() {
        assert_eq!(range("Pairing runs 3rd March - 2nd June 2025.").as_deref(), Some("3rd march - 2nd june 2025"));
        assert_eq!(range("Round two: Oct–Dec").as_deref(), Some("oct – dec"));
        assert_eq!(range("from 1 February to 30 April").as_deref(), Some("1 february to 30 april"));
        assert_eq!(range("FY25 Q1 through Q3").as_deref(), Some("q1 through q3"));
        assert_eq!(range("Sept. - Dec. 2024").as_deref(), Some("sept . - dec . 2024"));
    }

    #[test]
    fn a_single_date_or_a_list_is_no_range() {
        assert_eq!(range("Kickoff: Tuesday 4th March 2025"), None);
        assert_eq!(range("We meet in March, June and September."), None);
        assert_eq!(range("Pages 10 - 12"), None);
    }

    #[test]
    fn single_end_dates() {
        let end = |text: &str| {
            let w = words(text);
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            end_dates(&refs).map(|(r, until)| format!("{} {until}", refs[r].join(" "))).collect::<Vec<_>>()
        };
        assert_eq!(end("after 30 August, meetings continue until 1 April 2026."), ["1 april 2026 true"]);
        assert_eq!(end("it runs till June, it ends on 30 June"), ["june true", "30 june false"]);
        assert_eq!(end("until further notice, in the morning"), Vec::<String>::new());
    }

    #[test]
    fn term_labels() {
        let yes = |l: &str| names_a_term(&words(l).iter().map(String::as_str).collect::<Vec<_>>());
        assert!(yes("Pairing period"));
        assert!(yes("Term 2"));
        assert!(yes("Programme dates"));
        assert!(yes("Cohort 4"));
        assert!(!yes("Applications window"));
        assert!(!yes("Feedback survey"));
        assert!(!yes("Call for volunteers"));
    }
}
