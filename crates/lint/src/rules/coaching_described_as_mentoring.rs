#![doc = include_str!("coaching_described_as_mentoring.md")]

use cm_core::Practice;

use super::RuleMeta;
use crate::analysis::Analysis;
use crate::{Diagnostic, Severity};

pub(crate) static META: RuleMeta = RuleMeta {
    id: super::Rule::CoachingDescribedAsMentoring,
    file: "coaching_described_as_mentoring",
    code: "CM003",
    name: "coaching-described-as-mentoring",
    summary: "A coaching word is given a mentoring trait, or denied a coaching one",
    doc: include_str!("coaching_described_as_mentoring.md"),
    default_severity: Severity::Warning,
    check,
};

fn check(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>) {
    // Article: coaching is goal-focused, client-led, inquiry-based, structured and time-bound.
    super::trait_diagnostics(acc, analysis, Practice::Coaching, &META);
}

#[cfg(test)]
mod tests {
    use crate::test_support::codes;

    #[test]
    fn flags_coach_giving_advice_from_own_career() {
        assert_eq!(codes("Our coaches give practical advice drawn from their own careers."), ["CM003"]);
    }

    #[test]
    fn flags_open_ended_coaching_under_a_heading() {
        assert_eq!(codes("## Coaching programme\n\n- Open-ended: there is no end date\n"), ["CM003"]);
    }

    #[test]
    fn flags_pronoun_in_next_sentence() {
        assert_eq!(codes("Each new lead gets a coach. She will tell you what she would do in your place."), ["CM003"]);
    }

    #[test]
    fn ignores_coach_who_does_not_advise() {
        assert!(codes("A coach does not give advice; instead, they ask questions.").is_empty());
    }

    #[test]
    fn ignores_contrast_with_mentoring() {
        assert!(codes("Unlike mentoring, coaching is time-bound.").is_empty());
    }

    #[test]
    fn ignores_questions() {
        assert!(codes("Will my coach tell me what to do?").is_empty());
    }
}
