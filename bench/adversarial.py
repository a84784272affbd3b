#!/usr/bin/env python3
"""Writes the adversarial inputs of issue #15 ("time that grows faster than the input") at 1x, 4x
and 16x into a folder, one file per case and scale:

  no-sentence-end-{1,4,16}x.md   one paragraph with no sentence end, practice words and cues
  txt-lines-{1,4,16}x.txt        plain-text lines with no blank line between them
  minified-{1,4,16}x.html        minified HTML: every finding on one line
  suppressions-{1,4,16}x.md      many suppression comments: open ranges, enables, next-line ones
  programmes-{1,4,16}x.md        many programme names, each named with both words

usage: bench/adversarial.py OUT_DIR [SCALE ...]   (scales default to 1 4 16)
Deterministic: the same bytes on every run.
"""
import os
import sys

# Base size of each case at 1x, in bytes (16x is the size the issue reported as slow, or more).
CASES = {
    "no-sentence-end": ("md", 64_000),
    "txt-lines": ("txt", 64_000),
    "minified": ("html", 256_000),
    "suppressions": ("md", 640_000),
    "programmes": ("md", 256_000),
}


def fill(size, piece):
    """Pieces numbered from 0 until the text reaches `size` bytes."""
    out, n, total = [], 0, 0
    while total < size:
        s = piece(n)
        out.append(s)
        total += len(s)
        n += 1
    return "".join(out)


def name(n):
    """A distinct capitalised name for each n (letters only): Alfa, Bravo ... then Alfabravo ..."""
    words = ["Alfa", "Bravo", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo",
             "Lima", "Nova", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor"]
    s = words[n % 20]
    n //= 20
    while n:
        s += words[n % 20].lower()
        n //= 20
    return s


def no_sentence_end(size):
    phrases = [
        "your coach shares advice from their own career and the mentor asks questions, ",
        "the mentee sets the agenda while a coach will tell you what to do, ",
        "in a 12-week mentoring engagement the coach/mentor gives guidance and ",
        "a mentoring relationship lasts years but the coaching is ongoing, ",
        "she said mentoring is the same as coaching and he listens without judgement, ",
    ]
    return "Coaching and mentoring " + fill(size, lambda n: phrases[n % len(phrases)]) + "\n"


def txt_lines(size):
    lines = [
        "Your coach shares advice from their own career",
        "The mentee sets the agenda for each mentoring session",
        "A mentor asks open questions and listens without judgement",
        "Talk to your coach if you want advice,",
        "In a 12-week mentoring engagement the coach/mentor gives guidance",
        "COACHING AND MENTORING",
    ]
    return fill(size, lambda n: lines[n % len(lines)] + "\n")


def minified(size):
    paras = [
        "<p>Your coach/mentor will call.</p>",
        "<p>Our coaches share lessons from their own careers and give advice.</p>",
        "<p>The mentee sets the agenda; a mentor asks questions.</p>",
        "<li>Some people say mentoring is the same thing as coaching.</li>",
    ]
    return ("<!doctype html><html><head><title>Coaching</title></head><body><h1>Coaching and mentoring</h1>"
            + fill(size, lambda n: paras[n % len(paras)]) + "</body></html>\n")


def suppressions(size):
    # Runs of ranges that name another rule (so each covers every later line and silences
    # nothing there) and of enables that close nothing, between lines of findings, each line
    # under a comment that silences it or names another rule.
    def piece(n):
        if n % 8 == 7:
            code = ["CM001", "", "interchangeable-terms", "CM003"][n // 8 % 4]
            return (f"\n\n<!-- cm-lint-disable-next-line {code} -->\n"
                    f"Your coach/mentor will call, {n}. Your coach/mentor again.\n\n")
        return "<!-- cm-lint-disable CM004 -->" if n % 2 == 0 else "<!-- cm-lint-enable CM003 -->"
    return "# Coaching and mentoring\n\n" + fill(size, piece)


def programmes(size):
    # Every other paragraph names a new programme; the others all name one (Catalyst): many
    # names, and one name many times.
    def piece(n):
        p = name(n // 2) if n % 2 else "Catalyst"
        return (f"The {p} Coaching programme pairs new managers with a guide. "
                f"Join the {p} Mentoring programme to meet yours.\n\n")
    return "# Programmes\n\n" + fill(size, piece)


GENERATORS = {
    "no-sentence-end": no_sentence_end,
    "txt-lines": txt_lines,
    "minified": minified,
    "suppressions": suppressions,
    "programmes": programmes,
}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    scales = [int(s) for s in sys.argv[2:]] or [1, 4, 16]
    os.makedirs(out, exist_ok=True)
    for case, (ext, base) in CASES.items():
        for scale in scales:
            path = os.path.join(out, f"{case}-{scale}x.{ext}")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(GENERATORS[case](base * scale))


if __name__ == "__main__":
    main()
