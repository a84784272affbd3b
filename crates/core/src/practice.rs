//! The two practices and the words that name them.

/// One of the two practices the article defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Practice {
    Coaching,
    Mentoring,
}

impl Practice {
    pub const ALL: [Practice; 2] = [Practice::Coaching, Practice::Mentoring];

    /// The other practice.
    #[must_use]
    pub fn other(self) -> Practice {
        match self {
            Practice::Coaching => Practice::Mentoring,
            Practice::Mentoring => Practice::Coaching,
        }
    }

    /// The activity noun: "coaching" or "mentoring".
    #[must_use]
    pub fn activity(self) -> &'static str {
        match self {
            Practice::Coaching => "coaching",
            Practice::Mentoring => "mentoring",
        }
    }

    /// The guide: "coach" or "mentor".
    #[must_use]
    pub fn guide(self) -> &'static str {
        match self {
            Practice::Coaching => "coach",
            Practice::Mentoring => "mentor",
        }
    }

    /// The person guided: "client" (also "coachee") or "mentee" (also "protégé").
    #[must_use]
    pub fn guided(self) -> &'static str {
        match self {
            Practice::Coaching => "client",
            Practice::Mentoring => "mentee",
        }
    }

    /// The article's definition of the practice, in the project's words.
    #[must_use]
    pub fn definition(self) -> &'static str {
        match self {
            Practice::Coaching => {
                "Coaching is a structured partnership aimed at goals and performance. The coach \
                 draws out the client's own thinking through questions, reflection and feedback, \
                 gives no answers, advice or directives, lets the client set the agenda, and works \
                 over a defined period (often 3 to 12 months)."
            }
            Practice::Mentoring => {
                "Mentoring is a relationship in which someone more experienced passes on knowledge, \
                 advice, stories and lessons from their own path to someone with less experience. \
                 It leans towards long-term career growth, is often informal, is often steered by \
                 the mentor, and can run for months or years with no fixed end."
            }
        }
    }

    /// The traits that set the practice apart, one line each, for hovers and `explain`.
    #[must_use]
    pub fn key_traits(self) -> &'static [&'static str] {
        match self {
            Practice::Coaching => &[
                "aims at goals, performance and desired outcomes",
                "the client sets the agenda",
                "the coach asks questions and facilitates thinking; no advice",
                "structured and time-bound",
                "emphasises self-discovery, clarity and accountability",
            ],
            Practice::Mentoring => &[
                "aims at long-term career and personal development",
                "the mentor shares experience, advice, stories and lessons",
                "the mentor often guides the direction",
                "informal, relationship-driven and open-ended",
                "emphasises learning from someone who has been there before",
            ],
        }
    }
}

/// The part a word plays in a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The practice itself: "coaching", "mentorship", the verb "to coach".
    Activity,
    /// The one who coaches or mentors: "coach", "mentor".
    Guide,
    /// The one who is coached or mentored: "coachee", "client", "mentee", "protégé".
    Guided,
}

/// The grammatical shape of a word form, used to build replacements that keep the inflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// "coach", "mentor", "mentee".
    Singular,
    /// "coaches", "mentors".
    Plural,
    /// "coaching", "mentoring" (noun, gerund or participle).
    Gerund,
    /// "coached", "mentored".
    Past,
    /// A noun with no inflected counterpart: "mentorship".
    Noun,
}

/// One spelling of a practice word, lower-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordForm {
    pub word: &'static str,
    pub practice: Practice,
    pub role: Role,
    pub class: WordClass,
}

const fn form(word: &'static str, practice: Practice, role: Role, class: WordClass) -> WordForm {
    WordForm { word, practice, role, class }
}

use Practice::{Coaching as C, Mentoring as M};
use Role::{Activity, Guide, Guided};
use WordClass::{Gerund, Noun, Past, Plural, Singular};

/// Every spelling of the practice words that cm-lint recognises. Possessives ("coach's",
/// "mentors'") and hyphenated compounds ("coach-led") are handled by the reader, which strips
/// them before looking a word up here. "client" is listed as the coaching role word; whether a
/// given "client" means that role or a business's customer is decided from context.
pub const WORDS: &[WordForm] = &[
    form("coach", C, Guide, Singular),
    form("coaches", C, Guide, Plural),
    form("coaching", C, Activity, Gerund),
    form("coachings", C, Activity, Plural),
    form("coached", C, Activity, Past),
    form("coachee", C, Guided, Singular),
    form("coachees", C, Guided, Plural),
    form("client", C, Guided, Singular),
    form("clients", C, Guided, Plural),
    form("mentor", M, Guide, Singular),
    form("mentors", M, Guide, Plural),
    form("mentoring", M, Activity, Gerund),
    form("mentored", M, Activity, Past),
    form("mentorship", M, Activity, Noun),
    form("mentorships", M, Activity, Plural),
    form("mentee", M, Guided, Singular),
    form("mentees", M, Guided, Plural),
    form("mentoree", M, Guided, Singular),
    form("mentorees", M, Guided, Plural),
    form("protégé", M, Guided, Singular),
    form("protégés", M, Guided, Plural),
    form("protégée", M, Guided, Singular),
    form("protégées", M, Guided, Plural),
    form("protege", M, Guided, Singular),
    form("proteges", M, Guided, Plural),
];

impl WordForm {
    /// Looks up a lower-case word.
    #[must_use]
    pub fn lookup(word: &str) -> Option<&'static WordForm> {
        WORDS.iter().find(|f| f.word == word)
    }

    /// The same role and shape in the other practice ("coaches" -> "mentors"), for fixes.
    #[must_use]
    pub fn counterpart(&self) -> Option<&'static WordForm> {
        let other = self.practice.other();
        // The table lists the preferred spelling of each role first ("coachee" before "client",
        // "mentee" before "protégé").
        let same =
            |class: WordClass| WORDS.iter().find(|f| f.practice == other && f.role == self.role && f.class == class);
        // "mentorship" is a noun with no noun counterpart: "coaching" names the practice.
        same(self.class).or_else(|| (self.class == Noun).then(|| same(Gerund)).flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_and_unique() {
        for (i, a) in WORDS.iter().enumerate() {
            assert_eq!(a.word, a.word.to_lowercase());
            assert!(WORDS[i + 1..].iter().all(|b| b.word != a.word), "{} twice", a.word);
        }
    }

    #[test]
    fn counterpart_keeps_role_and_shape() {
        let coaches = WordForm::lookup("coaches").unwrap();
        assert_eq!(coaches.counterpart().unwrap().word, "mentors");
        let mentee = WordForm::lookup("mentee").unwrap();
        assert_eq!(mentee.counterpart().unwrap().word, "coachee");
        let mentored = WordForm::lookup("mentored").unwrap();
        assert_eq!(mentored.counterpart().unwrap().word, "coached");
        // Not the plural "coachings" for the singular "mentorship".
        assert_eq!(WordForm::lookup("mentorship").unwrap().counterpart().unwrap().word, "coaching");
        assert_eq!(WordForm::lookup("mentorships").unwrap().counterpart().unwrap().word, "coachings");
        assert_eq!(WordForm::lookup("coachings").unwrap().counterpart().unwrap().word, "mentorships");
    }
}
