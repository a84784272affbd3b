//! `Linter::fix` converges in one call however many fixes a document has: fixes that do not
//! conflict are all applied, only a pair that undoes itself waits, fixing twice is fixing once,
//! and no fix leaves text that another rule flags (#15).

use cm_linter::{Applicability, Document, Format, Linter};

/// A section whose one finding has a fix that nothing else touches.
fn section(i: usize) -> String {
    format!("## Team {i}\n\nOur coaches give advice drawn from their own careers.\n\n")
}

/// A list item under a heading about mentors: swapping "mentee" for "coachee" (CM004's fix)
/// makes a coachee with a mentor (CM002), whose fix would swap it back.
const CONFLICT: &str = "## What to expect from your mentor\n\n- The mentee owns the agenda for every meeting\n\n";

fn fix(source: &str) -> cm_linter::Fixed {
    Linter::default().fix(&Document { source, format: Format::Markdown }, None, Applicability::Unsafe)
}

/// The rule of each place a finding is made, its repeats included.
fn codes(source: &str) -> Vec<&'static str> {
    Linter::default()
        .lint(&Document { source, format: Format::Markdown })
        .diagnostics
        .iter()
        .flat_map(|d| std::iter::repeat_n(d.rule.code, 1 + d.repeats.len()))
        .collect()
}

#[test]
fn two_thousand_fixes_and_a_conflicting_pair_are_fixed_in_one_call() {
    let sections: String = (0..2_000).map(section).collect();
    let source = format!("{}{CONFLICT}{}", &sections[..sections.len() / 2], &sections[sections.len() / 2..]);
    let before = codes(&source);
    assert_eq!(before.len(), 2_001, "{before:?}");
    let fixed = fix(&source);
    // The 2,000 sections make one point: one finding, whose fix is made in every place.
    assert_eq!(fixed.applied, 1);
    // Every section is fixed; the conflicting item is left as it was, with its one finding.
    assert_eq!(fixed.source.matches("Our mentors give advice").count(), 2_000);
    assert!(!fixed.source.contains("Our coaches"));
    assert!(fixed.source.contains(CONFLICT));
    assert_eq!(codes(&fixed.source), ["CM004"]);
    assert_eq!(fixed.diagnostics.len(), 1);
    // Fixing twice is fixing once.
    let again = fix(&fixed.source);
    assert_eq!(again.source, fixed.source);
    assert_eq!(again.applied, 0);
}

/// Fifty fixable findings and the pair: one call, not three.
#[test]
fn fifty_fixes_and_a_pair_need_one_call() {
    let source: String = std::iter::once(CONFLICT.to_string()).chain((0..50).map(section)).collect();
    let fixed = fix(&source);
    assert_eq!(fixed.applied, 1, "one point made 50 times: one fix with 50 edits");
    assert_eq!(fixed.source.matches("Our mentors give advice").count(), 50);
    assert_eq!(fix(&fixed.source).source, fixed.source);
}

/// A fix is kept only if the text it leaves raises nothing new: "Springboard mentors ... only
/// ask open questions" swapped to "coaches" would be CM003 ("denies it a coaching trait").
#[test]
fn no_fix_leaves_text_another_rule_flags() {
    let source = "# Launching Springboard: a ten-week mentoring sprint\n\nSpringboard mentors are trained \
                  facilitators. They never share their own experience and only ask open questions.\n";
    let fixed = fix(source);
    let before: std::collections::HashSet<_> = codes(source).into_iter().collect();
    for code in codes(&fixed.source) {
        assert!(before.contains(code), "{code} is new after fixing:\n{}", fixed.source);
    }
    assert_eq!(fix(&fixed.source).source, fixed.source);
}

/// `--fix` without `--unsafe-fixes` asks for safe fixes only: a word swap is never one (#14),
/// so the text stays as it is and every finding keeps its fix for a person to pick.
#[test]
fn safe_fixes_only_leave_every_word_swap() {
    let source: String = std::iter::once(CONFLICT.to_string()).chain((0..3).map(section)).collect();
    let fixed =
        Linter::default().fix(&Document { source: &source, format: Format::Markdown }, None, Applicability::Safe);
    assert_eq!(fixed.source, source);
    assert_eq!(fixed.applied, 0);
    // The pair's finding, and one finding for the point the three sections make.
    assert_eq!(fixed.diagnostics.len(), 2);
    assert_eq!(fixed.diagnostics.iter().map(|d| d.repeats.len()).sum::<usize>(), 2);
    assert!(fixed.diagnostics.iter().all(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Unsafe)));
}
