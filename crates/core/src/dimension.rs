//! The dimensions on which the article sets coaching and mentoring apart.

use crate::Practice;

/// A trait dimension of the article's comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// What the work aims at.
    Focus,
    /// Who sets the agenda or the direction.
    Agenda,
    /// How the guide helps: questions or shared experience.
    Method,
    /// Who the guide is.
    Guide,
    /// What people typically bring.
    Topics,
    /// How formal the arrangement is.
    Form,
    /// How long it lasts.
    Duration,
    /// What it emphasises.
    Emphasis,
    /// The names of the two people involved.
    Roles,
}

impl Dimension {
    pub const ALL: [Dimension; 9] = [
        Dimension::Focus,
        Dimension::Agenda,
        Dimension::Method,
        Dimension::Guide,
        Dimension::Topics,
        Dimension::Form,
        Dimension::Duration,
        Dimension::Emphasis,
        Dimension::Roles,
    ];

    /// The dimension's name as messages use it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Focus => "focus",
            Dimension::Agenda => "agenda",
            Dimension::Method => "method",
            Dimension::Guide => "who the guide is",
            Dimension::Topics => "topics",
            Dimension::Form => "form",
            Dimension::Duration => "duration",
            Dimension::Emphasis => "emphasis",
            Dimension::Roles => "roles",
        }
    }

    /// The dimension's key in a configuration (`[allow] mentoring = ["duration"]`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Guide => "guide",
            other => other.name(),
        }
    }

    /// The dimension of a configuration key.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key().eq_ignore_ascii_case(key.trim()))
    }

    /// What the article says the practice is on this dimension, in one line.
    #[must_use]
    pub fn describe(self, practice: Practice) -> &'static str {
        use Practice::{Coaching, Mentoring};
        match (self, practice) {
            (Dimension::Focus, Coaching) => "coaching looks ahead to goals, performance and desired outcomes",
            (Dimension::Focus, Mentoring) => "mentoring serves long-term career and personal development",
            (Dimension::Agenda, Coaching) => "in coaching the client sets the agenda, not the coach",
            (Dimension::Agenda, Mentoring) => "in mentoring the mentor often guides the direction",
            (Dimension::Method, Coaching) => {
                "a coach asks questions and offers reflection and feedback; a coach does not give answers, advice or directives"
            }
            (Dimension::Method, Mentoring) => {
                "a mentor shares experience, advice, stories and lessons learned, and offers direction and recommendations"
            }
            (Dimension::Guide, Coaching) => {
                "a coach facilitates the client's thinking and need not have done the client's job"
            }
            (Dimension::Guide, Mentoring) => {
                "a mentor is someone more experienced who has been there before"
            }
            (Dimension::Topics, Coaching) => {
                "coaching typically takes up leadership effectiveness, decision-making, communication and mindset"
            }
            (Dimension::Topics, Mentoring) => {
                "mentoring suits learning a new role, industry or career path and avoiding common pitfalls"
            }
            (Dimension::Form, Coaching) => "coaching is a structured, formal partnership",
            (Dimension::Form, Mentoring) => "mentoring is often informal and relationship-driven, and evolves naturally",
            (Dimension::Duration, Coaching) => {
                "coaching is time-bound: a defined engagement, typically 3 to 12 months"
            }
            (Dimension::Duration, Mentoring) => {
                "mentoring is open-ended: it can last months or years without a fixed end date"
            }
            (Dimension::Emphasis, Coaching) => "coaching emphasises self-discovery, clarity and accountability",
            (Dimension::Emphasis, Mentoring) => "mentoring emphasises learning from others",
            (Dimension::Roles, Coaching) => "a coach works with a client (coachee)",
            (Dimension::Roles, Mentoring) => "a mentor works with a mentee (protégé)",
        }
    }
}
