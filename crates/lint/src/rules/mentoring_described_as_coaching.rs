#![doc = include_str!("mentoring_described_as_coaching.md")]

use cm_core::Practice;

use super::RuleMeta;
use crate::analysis::Analysis;
use crate::{Diagnostic, Severity};

pub(crate) static META: RuleMeta = RuleMeta {
    id: super::Rule::MentoringDescribedAsCoaching,
    file: "mentoring_described_as_coaching",
    code: "CM004",
    name: "mentoring-described-as-coaching",
    summary: "A mentoring word is given a coaching trait, or denied a mentoring one",
    doc: include_str!("mentoring_described_as_coaching.md"),
    default_severity: Severity::Warning,
    check,
};

fn check(acc: &mut Vec<Diagnostic>, analysis: &Analysis<'_>) {
    // Article: mentoring is experience-based, often mentor-guided, informal and open-ended.
    super::trait_diagnostics(acc, analysis, Practice::Mentoring, &META);
}

#[cfg(test)]
mod tests {
    use crate::test_support::codes;

    #[test]
    fn flags_fixed_term_mentoring() {
        assert_eq!(codes("# Our new 12-week mentoring programme\n"), ["CM004"]);
    }

    #[test]
    fn flags_mentors_who_never_advise() {
        assert_eq!(codes("Mentors never give advice. They only ask questions."), ["CM004"]);
    }

    #[test]
    fn flags_mentee_setting_the_agenda() {
        assert_eq!(codes("In mentoring, the mentee sets the agenda."), ["CM004"]);
    }

    #[test]
    fn ignores_open_ended_mentoring() {
        assert!(codes("Mentoring relationships can last months or years without a fixed end date.").is_empty());
    }

    #[test]
    fn ignores_a_rejected_alternative() {
        assert!(codes("We considered a fixed-term mentoring programme, but decided against it.").is_empty());
    }
}
