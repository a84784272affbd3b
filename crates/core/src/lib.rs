//! cm-core: the reference article on coaching and mentoring, encoded as data.
//!
//! The article defines two practices that people often confuse. This crate holds its model in the
//! project's own words: the [`Practice`]s, the words that name them ([`WORDS`]) with the role each
//! word plays, the trait [`Dimension`]s on which the two differ, and the [`CUES`] (phrase patterns)
//! that signal a trait in prose. It does no I/O; `cm-linter` reads documents against it.

mod cues;
mod dimension;
mod practice;

pub use cues::{Cue, Strength, CUES};
pub use dimension::Dimension;
pub use practice::{Practice, Role, WordClass, WordForm, WORDS};
