//! The adversarial inputs of issue #15 ("time that grows faster than the input"), as
//! `bench/adversarial.py` writes them: the same bytes for the same case and size.

use cm_linter::Format;

/// Each case: its name, its format and its size at 1x in bytes (as in `bench/adversarial.py`).
pub const CASES: &[(&str, Format, usize)] = &[
    ("no-sentence-end", Format::Markdown, 64_000),
    ("txt-lines", Format::PlainText, 64_000),
    ("minified", Format::Html, 256_000),
    ("suppressions", Format::Markdown, 640_000),
    ("programmes", Format::Markdown, 256_000),
];

/// Pieces numbered from 0 until the text reaches `size` bytes.
fn fill(size: usize, piece: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(size + 256);
    let mut n = 0;
    while out.len() < size {
        out.push_str(&piece(n));
        n += 1;
    }
    out
}

/// A distinct capitalised name for each n (letters only).
fn name(mut n: usize) -> String {
    const WORDS: [&str; 20] = [
        "Alfa", "Bravo", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima", "Nova",
        "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor",
    ];
    let mut s = WORDS[n % 20].to_string();
    n /= 20;
    while n > 0 {
        s.push_str(&WORDS[n % 20].to_lowercase());
        n /= 20;
    }
    s
}

/// The text of a case at about `size` bytes.
pub fn text(case: &str, size: usize) -> String {
    match case {
        "no-sentence-end" => {
            const PHRASES: [&str; 5] = [
                "your coach shares advice from their own career and the mentor asks questions, ",
                "the mentee sets the agenda while a coach will tell you what to do, ",
                "in a 12-week mentoring engagement the coach/mentor gives guidance and ",
                "a mentoring relationship lasts years but the coaching is ongoing, ",
                "she said mentoring is the same as coaching and he listens without judgement, ",
            ];
            format!("Coaching and mentoring {}\n", fill(size, |n| PHRASES[n % 5].to_string()))
        }
        "txt-lines" => {
            const LINES: [&str; 6] = [
                "Your coach shares advice from their own career",
                "The mentee sets the agenda for each mentoring session",
                "A mentor asks open questions and listens without judgement",
                "Talk to your coach if you want advice,",
                "In a 12-week mentoring engagement the coach/mentor gives guidance",
                "COACHING AND MENTORING",
            ];
            fill(size, |n| format!("{}\n", LINES[n % 6]))
        }
        "minified" => {
            const PARAS: [&str; 4] = [
                "<p>Your coach/mentor will call.</p>",
                "<p>Our coaches share lessons from their own careers and give advice.</p>",
                "<p>The mentee sets the agenda; a mentor asks questions.</p>",
                "<li>Some people say mentoring is the same thing as coaching.</li>",
            ];
            format!(
                "<!doctype html><html><head><title>Coaching</title></head><body><h1>Coaching and mentoring</h1>{}</body></html>\n",
                fill(size, |n| PARAS[n % 4].to_string())
            )
        }
        "suppressions" => {
            // Runs of ranges that name another rule (so each covers every later line and
            // silences nothing there) and of enables that close nothing, between lines of
            // findings, each line under a comment that silences it or names another rule.
            let piece = |n: usize| {
                if n % 8 == 7 {
                    let code = ["CM001", "", "interchangeable-terms", "CM003"][n / 8 % 4];
                    format!(
                        "\n\n<!-- cm-lint-disable-next-line {code} -->\nYour coach/mentor will call, {n}. Your coach/mentor again.\n\n"
                    )
                } else if n.is_multiple_of(2) {
                    "<!-- cm-lint-disable CM004 -->".to_string()
                } else {
                    "<!-- cm-lint-enable CM003 -->".to_string()
                }
            };
            format!("# Coaching and mentoring\n\n{}", fill(size, piece))
        }
        "programmes" => {
            let piece = |n: usize| {
                let p = if n % 2 == 1 { name(n / 2) } else { "Catalyst".to_string() };
                format!(
                    "The {p} Coaching programme pairs new managers with a guide. Join the {p} Mentoring programme to meet yours.\n\n"
                )
            };
            format!("# Programmes\n\n{}", fill(size, piece))
        }
        _ => panic!("no case {case}"),
    }
}
