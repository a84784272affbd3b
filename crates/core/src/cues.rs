//! Cue phrases: the wording that signals one practice's trait in prose.
//!
//! Each cue names the practice whose trait it is and the article's dimension. Patterns are
//! written in a small word-pattern language that `cm-linter` compiles once (see its `cues`
//! module); matching is on lower-cased text:
//!
//! - words separated by spaces match words separated by white space;
//! - `a|b` matches either word; a trailing `?` makes an item optional;
//! - `(a b|c)` groups alternative word sequences;
//! - `~give` matches the word's inflections (gives, gave, given, giving);
//! - `#n` matches a number written in digits or words (`12`, `twelve`, `3–12`);
//! - `*` skips up to three words and `**` up to six;
//! - `@poss` matches a possessive determiner (their, his, her, your, my, our, its);
//! - `@guide` and `@guided` match the words for the two people in either practice;
//! - a `-` inside a word matches a hyphen, a dash, a space or nothing ("time-bound").
//!
//! Strength says how much evidence the cue is on its own (see [`Strength`]).

use crate::{Dimension, Practice};

/// How much a cue proves on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strength {
    /// Signals the trait wherever it is attributed, through a pronoun or a heading too.
    Strong,
    /// Signals the trait only when a practice word in the same sentence is its subject.
    Local,
    /// Signals the trait only in a fragment (a list item, a table cell, a short line) whose
    /// practice is named in the same row, item or heading: "12 weeks" in a "Mentoring" row.
    Fragment,
    /// Never enough alone; it only adds weight to a finding made by another cue.
    Support,
}

/// One cue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub pattern: &'static str,
    /// The practice whose trait the phrase signals. For a `setter` cue this is the practice when
    /// the guide is the one deciding (mentoring); when the person guided decides, it is coaching.
    pub practice: Practice,
    pub dimension: Dimension,
    pub strength: Strength,
    /// The cue says that somebody decides the agenda or direction; who decides is read from the
    /// sentence, and that decides whose trait it is.
    pub setter: bool,
}

/// What may stand between a preposition or verb of length and its number, optionally: a bound
/// or an approximation that sets a term ("up to", "a maximum of", "about", "just"). A lower
/// bound ("at least", "a minimum of") is no fixed term, and "almost", "nearly" tell how long
/// something went on ("mentored for almost four years"), not a term set for it: neither is
/// here. Written once; each length cue splices it in with `concat!`.
macro_rules! qualifier {
    () => {
        "(exactly|only|just|up to|up to a maximum of|a maximum of|at most|no more than|no longer than|about|around|roughly|approximately)?"
    };
}

const fn cue(pattern: &'static str, practice: Practice, dimension: Dimension, strength: Strength) -> Cue {
    Cue { pattern, practice, dimension, strength, setter: false }
}

const fn setter(pattern: &'static str, strength: Strength) -> Cue {
    Cue { pattern, practice: Practice::Mentoring, dimension: Dimension::Agenda, strength, setter: true }
}

use Dimension::{Agenda, Duration, Emphasis, Focus, Form, Guide, Method, Topics};
use Practice::{Coaching as C, Mentoring as M};
use Strength::{Fragment, Local, Strong, Support};

/// Every cue, grouped by dimension.
pub const CUES: &[Cue] = &[
    // Focus. Coaching: goals, performance, desired outcomes. Mentoring: long-term career growth,
    // career and personal development.
    cue("goal-oriented|goal-focused|goal-based|goal-driven|outcome-focused|results-focused|future-focused", C, Focus, Strong),
    cue("performance-focused|performance-oriented|performance-driven|performance-based", C, Focus, Strong),
    cue("~focus on|around (short-term|your|their)? performance", C, Focus, Strong),
    cue("performance goals|targets|improvement|metrics|objectives|programme|program|plan", C, Focus, Strong),
    cue("measurable performance|goals|targets|outcomes|results|improvement", C, Focus, Strong),
    cue("~improve|~boost (your|their)? performance", C, Focus, Strong),
    cue("desired outcomes", C, Focus, Strong),
    cue("quarterly|sales targets", C, Focus, Local),
    cue("~hit|~meet|~beat|~exceed (your|their|the)? (quarterly|monthly|annual|weekly)? (sales)? targets|numbers|quota|quotas", C, Focus, Strong),
    cue("(long-term|lifelong)? career growth", M, Focus, Strong),
    cue("career and personal development|growth", M, Focus, Strong),
    cue("personal development", M, Focus, Local),
    cue("(over the long term|long-term career)", M, Focus, Strong),
    // Agenda. Coaching: the client sets it. Mentoring: the mentor often guides the direction.
    setter("~set|~drive|~own|~decide|~control|~choose|~pick|~determine (the|their|your|each|every|an|our|his|her)? agenda", Strong),
    // Whoever prepares or sends the agenda writes it: "mentees are responsible for sending the
    // agenda".
    setter("~prepare|~draft|~write|~send (the|an|their|your|each|every|our|his|her)? agenda|agendas", Local),
    setter("~set|~decide|~choose|~pick|~determine (the|their|your)? (overall)? direction|topics|topic|themes|theme", Strong),
    setter("~set (the|their|your|#n)? (three|two)? goals", Strong),
    setter("~decide|~decides everything", Strong),
    setter("~decide|~choose|~pick what (each|every|the)? meeting|meetings|session|sessions|conversation|conversations|call|calls ~cover|~focus on", Strong),
    setter("~decide which topics|goals|direction", Strong),
    // Being in the driver's seat is deciding where things go: "the mentee is in the driver's
    // seat".
    setter("in the driver|driver's|drivers|driving seat", Local),
    // An agenda's possessor is who sets it: "follow the mentee's agenda", "the coach's agenda".
    setter("@guided's|@guide's agenda|agendas", Local),
    cue("@guided-driven|@guided-led|client-centred|client-centered", C, Agenda, Strong),
    cue("(agenda|goals|direction|topic|topics) (is|are)? (set|chosen|decided|driven|owned|led) by (the|each)? (client|clients|coachee|coachees|mentee|mentees|learner|participant|you)", C, Agenda, Strong),
    cue("(agenda|goals|direction|topic|topics) (is|are)? (set|chosen|decided|driven|owned|led) by (the|your)? (coach|coaches|mentor|mentors)", M, Agenda, Strong),
    cue("(agenda|goals|theme|themes) (that)? you ~set|~choose|~bring", C, Agenda, Local),
    cue("client-set|mentee-set|self-set", C, Agenda, Strong),
    cue("~leave (that|the) choice (entirely)? to you", C, Agenda, Strong),
    cue("(the decisions stay yours|decisions are yours)", C, Agenda, Strong),
    cue("~follow wherever", C, Agenda, Strong),
    cue("(the)? agenda ~belong to", C, Agenda, Strong),
    cue("~own their|your goals", C, Agenda, Local),
    cue("~guide|~set|~give|~offer|~provide (the|clear)? direction", M, Agenda, Strong),
    cue("~steer|~steers", M, Agenda, Local),
    cue("~point (you|them)? in (a|the right|the)? direction", M, Agenda, Strong),
    cue("~suggest which direction", M, Agenda, Strong),
    cue("~tell (you|them|me)? what to focus on", M, Agenda, Strong),
    cue("where (they|she|he) ~think you need to grow", M, Agenda, Strong),
    setter("~take the lead", Local),
    // Method. Coaching: inquiry; the coach does not give answers, advice or directives.
    // Mentoring: advice, stories, lessons learned; direction and recommendations.
    cue("~ask (the)? (right|powerful|open|good|great|careful|probing|open-ended|coaching|searching)? questions", C, Method, Local),
    cue("only|just|simply|mostly|mainly (to)? ~ask * questions", C, Method, Strong),
    cue("(questions only|only questions|only tool is the open question)", C, Method, Strong),
    cue("powerful questions", C, Method, Strong),
    cue("inquiry-based|inquiry-led|question-led|question-based", C, Method, Strong),
    cue("(questions and reflection|questions, reflection)", C, Method, Strong),
    cue("questioning", C, Method, Local),
    cue("~reflect back|reflection", C, Method, Support),
    // "Facilitate" is the coaching method when what it eases is the person's own thinking, or
    // when it stands for the whole method ("only facilitates", "facilitates rather than
    // advises"); with an event or an outcome as its object ("facilitate a discussion", "facilitate
    // collaboration") it means organise or enable, and says nothing of the method.
    cue("~facilitate * thinking|reflection|self-reflection|self-discovery|insight|insights|self-awareness", C, Method, Strong),
    cue("only|just|simply|merely ~facilitate", C, Method, Strong),
    cue("~facilitate rather than|instead of", C, Method, Strong),
    cue("~facilitate", C, Method, Support),
    cue("facilitator|facilitators|facilitation", C, Method, Strong),
    cue("~help (you|them|the client|the mentee|the coachee|clients|mentees|people)? (~find|~discover|~reach|~work out|~develop|~come up with) (their|your)? own answers|answer|conclusions|solutions|way", C, Method, Strong),
    cue("~discover|~find|~develop your|their own answers|answer|conclusions|solutions|path|way forward", C, Method, Strong),
    cue("~reach their|your own conclusions", C, Method, Local),
    cue("~turn the question back", C, Method, Strong),
    cue("~keep (your|their|her|his) own experience|views|opinions out", C, Method, Strong),
    cue("~challenge (your)? assumptions", C, Method, Support),
    cue("~stay neutral", C, Method, Local),
    cue("feedback", C, Method, Support),
    // The one advised may stand between the verb and the advice, marked by "with" after a verb
    // of supplying: "give you advice", "provide them with practical advice".
    // ("Counsel" given is advice: "provides wise counsel".)
    cue("(~give|~offer|~share|~provide|~dispense|~swap|~hand out) (you|them|me|her|him|us)? (with)? (some|plenty of|lots of)? (practical|honest|expert|career|good|their|her|his|personal|useful|direct|wise|sound)? advice|counsel", M, Method, Strong),
    cue("advice (drawn|based)? from|on", M, Method, Strong),
    cue("(advice-giving|giving advice)", M, Method, Strong),
    cue("advice", M, Method, Local),
    cue("~advise", M, Method, Local),
    cue("adviser|advisers|advisor|advisors", M, Method, Local),
    cue("(~share|~pass on|~tell|~swap|~draw on|~bring) (@poss)? (own|personal)? experience|experiences|stories|lessons|knowledge|insight|insights|wisdom|mistakes|expertise|playbook", M, Method, Strong),
    cue("(~share|~pass on|~tell) (@poss)? * (own)? experience|experiences|expertise|stories|lessons|knowledge|insight|insights|wisdom|mistakes|playbook", M, Method, Strong),
    cue("war stories", M, Method, Strong),
    // Imparting or transferring what one knows is telling it: "impart their wisdom", "transfer
    // his experience and skills".
    cue("~impart|~transfer (@poss|the)? (own)? knowledge|wisdom|experience|expertise|know-how", M, Method, Strong),
    // Instructions given are directives: "gives specialised instruction".
    cue("(~give|~provide|~issue) (clear|detailed|direct|specific|specialised|specialized|step-by-step)? instruction|instructions", M, Method, Strong),
    cue("stories from|about (@poss)? (own)? career|careers|years|time|life", M, Method, Strong),
    cue("lessons (they|she|he|i|we)? (have)? learned|learnt", M, Method, Strong),
    cue("lessons of (@poss)? (own)? career|careers", M, Method, Strong),
    cue("(from|of|in|on) (@poss)? own career|careers|experience|experiences|time|years|path|business|businesses|teams|companies|journeys", M, Method, Strong),
    cue("(from|on) (@poss)? personal experience", M, Method, Strong),
    // Experience one has lived through oneself, put to use: "use my lived experience to help
    // others", "bring their lived experience".
    cue("~use|~draw|~bring|~share (on)? (@poss) (own)? lived experience|experiences", M, Method, Strong),
    cue("@guide's experience|experiences|career|knowledge", M, Method, Strong),
    cue("(based on|built around|drawn from|drawing on|through the lens of) (@poss)? (own)? experience|experiences", M, Method, Strong),
    // Tips are advice in small pieces: "a coach who gave her tips on managing her time".
    // (The one given them may be a noun phrase, and the tips counted: "offer the director some
    // useful tips".)
    cue("(~give|~offer|~share|~provide) (me|her|him|them|you|us|the *|their *|your *|each *)? (some|a few|plenty of)? (practical|useful|helpful|career|quick|excellent|good)? tips|pointers", M, Method, Local),
    cue("~pass on what", M, Method, Strong),
    cue("~share * (he|she|they|i|we) (learned|learnt|picked up|discovered)", M, Method, Strong),
    cue("~share what (they|she|he|you|i) (have|has|'ve)? (learned|learnt|know|knows|wish|wishes)", M, Method, Strong),
    // Directives: instructing someone is telling them what to do.
    cue("~instruct", M, Method, Local),
    cue("~tell (you|them|me|him|her|clients|the team)? (exactly|straight)? what to do|say", M, Method, Strong),
    // Teaching or showing someone how to do a thing is instruction: "teach educators how to use
    // proven methods", "teaching the coachee how to develop these skills".
    cue("~teach|~show|~demonstrate * how to", M, Method, Strong),
    // Whoever is told: "tell the apprentice exactly what to do", "tell your new hire what to say".
    cue("~tell * (exactly)? what to do|say", M, Method, Strong),
    cue("~tell (you|them|me)? (exactly|straight)? how (they|she|he|i|we)", M, Method, Strong),
    cue("~tell (you|them|me|him|her|clients|the rep)? (exactly|straight)? (what|how|which) (they|she|he|i|you) (would|did|had|handled|do|should)", M, Method, Strong),
    cue("~tell (you|them|me|him|her|clients|the rep)? (exactly)? which lines|projects|mistakes|courses", M, Method, Strong),
    cue("~tell (you|them|me|clients)? what works|worked", M, Method, Strong),
    cue("~tell (you|them|me|him|her)? what (they|she|he|you) should have done", M, Method, Strong),
    cue("~tell (you|them|me)? how to avoid", M, Method, Strong),
    cue("what (has)? worked for (them|him|her|me)", M, Method, Strong),
    cue("what (they|she|he|i) would do", M, Method, Strong),
    cue("~show (you|them|me|the rep|the team)? how (they|she|he) ", M, Method, Strong),
    cue("~walk (you|them|me)? through how (they|she|he)", M, Method, Strong),
    cue("~give|~provide|~offer|~make (written|clear)? recommendations", M, Method, Strong),
    cue("recommendations", M, Method, Local),
    cue("directives|directive", M, Method, Strong),
    cue("(~give|~provide|~hand over|~have) (you|them)? (the)? answers|answer", M, Method, Strong),
    cue("~answer them|questions from", M, Method, Support),
    cue("(an|their|her|his) opinion|opinions of their own", M, Method, Local),
    cue("(their|her|his|your) own opinion|opinions|view|views", M, Method, Local),
    cue("opinion|opinions", M, Method, Support),
    cue("guidance", M, Method, Support),
    cue("perspective", M, Method, Support),
    cue("~teach", M, Method, Support),
    // Who the guide is. Coaching: a facilitator with no claim to have done the job. Mentoring: a
    // more experienced person who has been there before.
    cue("(has|have|'s|'ve|had) (already)? been there (before)?", M, Guide, Strong),
    // Having been through a situation is having lived it: "a coach who has been through it",
    // "someone that has walked through the same journey".
    cue("(has|have|'s|'ve|had) (already|also|personally)? been|walked|gone through (it|this|that|the same|what you)", M, Guide, Strong),
    cue("(been where you are|been in your shoes)", M, Guide, Strong),
    cue("(sat|been|walked|stood) in your shoes|chair|seat|position", M, Guide, Strong),
    cue("(has|have|'s|'ve|had) (already)? made the (same)? move|transition|jump", M, Guide, Strong),
    cue("(has|have|'s|'ve|had) (already)? walked (that|the same|the|this|your)? (career)? path", M, Guide, Strong),
    cue("(has|have|'s|'ve|had) (already)? done (your|the|their|my) job|role", M, Guide, Strong),
    cue("(has|have|'s|'ve|had) done it (before)?", M, Guide, Strong),
    cue("(who|which) (has|have) (already)? solved", M, Guide, Strong),
    cue("(more|less) experienced", M, Guide, Strong),
    cue("(more|less) senior", M, Guide, Strong),
    cue("more experience (than)?", M, Guide, Strong),
    cue("experience in (your|my|their|the) * industry|field|area|sector|job|function|profession", M, Guide, Strong),
    cue("(has|have) worked in (your|my|the same)? industry|field|sector", M, Guide, Strong),
    cue("~know the job", M, Guide, Strong),
    cue("wisdom", M, Guide, Strong),
    // Whoever is a source of knowledge or advice supplies it: "the coach is a source of
    // knowledge".
    cue("(a|the|an|their|your|our)? (great|valuable|trusted|reliable|rich|key)? source of (knowledge|advice|wisdom|answers|expertise|know-how)", M, Guide, Strong),
    cue("(subject|subject-matter) experts|expert", M, Guide, Strong),
    cue("~know exactly what you're facing", M, Guide, Local),
    // Knowing what it is like to do the work is having done it: "knows what it's like to work
    // on a high-pressure team".
    cue("~know (exactly|first-hand|firsthand)? what (it's|it is) like to", M, Guide, Strong),
    cue("(years|decades) of (leadership|industry|senior|management)? experience", M, Guide, Support),
    cue("senior (colleague|leader|person|people|colleagues)", M, Guide, Support),
    // A colleague or peer who is experienced has done the work the person guided does
    // ("coaches are experienced colleagues"); an "experienced coach" or "experienced professional" may only be
    // experienced at guiding.
    cue("(experienced|seasoned) colleague|colleagues|peer|peers", M, Guide, Local),
    // Topics. Coaching: leadership effectiveness, decision-making, communication, mindset.
    // Mentoring: a new role, industry or career path; avoiding common pitfalls.
    cue("leadership effectiveness", C, Topics, Strong),
    cue("~navigate complexity|complex", C, Topics, Strong),
    cue("new level of leadership", C, Topics, Strong),
    cue("decision-making|mindset", C, Topics, Local),
    cue("~think more clearly", C, Topics, Local),
    cue("(new role, industry|new role or industry|role, industry, or career path)", M, Topics, Strong),
    cue("new to the * industry", M, Topics, Local),
    cue("new industry", M, Topics, Local),
    cue("career path", M, Topics, Local),
    cue("~avoid (the)? (common|usual|same)? pitfalls|traps|mistakes", M, Topics, Strong),
    cue("(mistakes|pitfalls|traps) to avoid", M, Topics, Strong),
    cue("~point out (the)? (common|usual)? mistakes|pitfalls|traps", M, Topics, Strong),
    cue("(how things really work|how (it|the industry|our industry) works)", M, Topics, Strong),
    cue("~show (you)? the ropes", M, Topics, Strong),
    // Form. Coaching: structured and formal. Mentoring: informal, relationship-driven, evolving.
    // "Formal" alone, or before "programme", classifies a scheme (formal against informal
    // mentoring schemes, a common kind) rather than describing the relationship's form: only
    // the form of the engagement itself counts ("a formal partnership", "formal sessions").
    cue("structured", C, Form, Local),
    cue("structured (format|programme|program|engagement|engagements|partnership|sessions|curriculum|plan|process|approach)", C, Form, Strong),
    cue("formal (format|engagement|engagements|sessions|plan|process|approach)", C, Form, Strong),
    cue("formal|goal-oriented partnership", C, Form, Strong),
    cue("contract|contracts|contracting", C, Form, Local),
    cue("milestones|workbook|syllabus", C, Form, Local),
    cue("set exercises", C, Form, Local),
    cue("(fixed|structured|set|formal) curriculum|syllabus", C, Form, Strong),
    cue("curriculum", C, Form, Support),
    cue("informal|informally", M, Form, Strong),
    cue("unstructured", M, Form, Strong),
    cue("relationship-driven|relationship-based", M, Form, Strong),
    cue("~evolve naturally", M, Form, Strong),
    cue("whatever comes up", M, Form, Strong),
    cue("(whenever it suits|whenever you like|whenever you want|for coffee|grab a coffee|over coffee|drop in)", M, Form, Local),
    // Duration. Coaching: time-bound, a defined engagement of typically 3 to 12 months.
    // Mentoring: open-ended, months or years, no fixed end date.
    cue("time-bound|time-limited|time-boxed|fixed-term|short-term|time-bounded", C, Duration, Strong),
    cue("(fixed|defined|set|clear) (end|end date|end-date|finish|duration|length|period|term|number of sessions|start and finish|start and end)", C, Duration, Strong),
    cue("end date|dates", C, Duration, Strong),
    cue("(a|the) defined period", C, Duration, Strong),
    cue("~end|~finish|~conclude|~close (exactly)? on|after|in|at|when", C, Duration, Local),
    cue("~end|~finish|~conclude|~close (exactly|automatically|formally)? (after|at the end of|in) (week|month|session)? #n (weeks|months|sessions|meetings)?", C, Duration, Strong),
    cue("~wrap up (exactly)? on|after|in|at|when", C, Duration, Local),
    cue("~wrap up (exactly|automatically|formally)? (after|at the end of|in) (week|month|session)? #n (weeks|months|sessions|meetings)?", C, Duration, Strong),
    cue("formally ~end", C, Duration, Strong),
    cue("~close (out)? the|each|this (relationship|pairing|engagement|mentorship)", C, Duration, Strong),
    cue("~close on|at", C, Duration, Local),
    // A unit compounded with "long" is a length as a number and a unit are: "a year-long
    // commitment", "a month-long programme".
    cue("#n-week|#n-month|#n-year|#n-day|#n-session|week-long|weeklong|month-long|monthlong|year-long|yearlong * programme|programmes|program|programs|engagement|engagements|cycle|cycles|sprint|sprints|course|courses|term|terms|period|periods|relationship|relationships|plan|curriculum|mentorship|mentoring|coaching|scheme|pairing|journey|commitment|opportunity|duration|length|timeframe", C, Duration, Strong),
    // (A unit may be named by the calendar it belongs to: "for one calendar year", "over a full
    // year"; not a school or academic year, a surrounding programme's term, `maybe` in LABELS.)
    cue(concat!("for|over|across ", qualifier!(), " (a|an|exactly|just|only|a fixed|the)? #n (full|calendar|financial|fiscal)? (weeks|months|years|year|sessions|meetings|quarter|quarters|term|terms|semester|semesters)"), C, Duration, Local),
    cue(concat!("for|over|across ", qualifier!(), " (a|an) (full|calendar|financial|fiscal)? (week|month|year|quarter|term|semester)"), C, Duration, Local),
    // A length counted forward from now with "for" runs from now: it is the span of what it
    // measures ("paired for the next six months"); "over the next six months" is a window.
    cue("for the next|following|coming #n (weeks|months|years|quarters|terms|semesters)", C, Duration, Local),
    cue("(a|the)? fixed #n weeks|months|sessions", C, Duration, Strong),
    cue("#n (to|-|–) #n week|weeks|month|months", C, Duration, Strong),
    // A length hedged from above ("up to", "at most", "capped at") is still a fixed end.
    cue(concat!("~last|~run (for)? ", qualifier!(), " #n weeks|months|years|year|sessions|quarter|quarters|term|terms|semester|semesters"), C, Duration, Strong),
    cue(concat!("~last|~run (for)? ", qualifier!(), " (a|an) (week|month|year|quarter|term|semester)"), C, Duration, Strong),
    cue(concat!("~last|~run (for)? ", qualifier!(), " #n-weeks|#n-months"), C, Duration, Strong),
    cue("capped|limited at|to #n weeks|months|sessions|meetings", C, Duration, Strong),
    // Setting a timeline or an end for the engagement itself fixes its term: "set a timeline
    // for length of mentorship", "agree an end date for the mentoring relationship". (A
    // timeline for goals or a project is no term of the engagement.)
    cue("(~set|~establish|~agree|~define) (on)? (a|an|the)? (timeline|timeframe|end date|end point|endpoint) for (the)? (length|duration|end) (of)? (the|your|each)? mentorship|mentoring|coaching|relationship|pairing|programme|program", C, Duration, Strong),
    cue("(~set|~establish|~agree|~define) (on)? (a|an|the)? (timeline|timeframe|end date|end point|endpoint) for (the|your|each)? mentorship|mentoring|coaching|relationship|pairing|programme|program", C, Duration, Strong),
    // A deadline for finishing the engagement itself bounds its term: "complete the mentoring
    // within six months". (A deadline for anything else, an application or a survey, does not.)
    cue("(~complete|~finish) (the|their|your|its|all)? mentoring|mentorship|coaching (programme|program|relationship|hours|sessions)? within #n weeks|months|years|year", C, Duration, Strong),
    // So does deciding the engagement's length: "each project decides the duration of its
    // mentorship programs", "determine the length of the mentoring relationship".
    cue("(~set|~decide|~determine|~define|~choose|~agree) (on)? the (length|duration|end date) of (the|its|their|your|each|our)? mentorship|mentorships|mentoring|coaching|relationship|relationships|pairing|pairings", C, Duration, Strong),
    // A verb of capping whose object is the engagement caps its length: "limiting relationships
    // to 3 months", "we cap each mentoring pairing at six months".
    cue(concat!("~limit|~cap (@poss|the|each|every|all)? (mentoring|coaching)? relationship|relationships|pairing|pairings|engagement|engagements|mentorship|mentorships|programme|program at|to ", qualifier!(), " #n weeks|months|sessions|meetings"), C, Duration, Strong),
    // A verb or a noun of length whose complement is a span measures what it is said of: "was
    // set at 12 weeks", "has a duration of six months", "is six months long", "spans a year",
    // "over the course of eight months". (Hours and minutes measure a meeting, not a term.)
    cue(concat!("~set|~fix at|to ", qualifier!(), " #n weeks|months|years|year|sessions|meetings|quarter|quarters|term|terms|semester|semesters"), C, Duration, Strong),
    cue(concat!("duration|length of ", qualifier!(), " #n weeks|months|years|year|quarter|quarters|term|terms|semester|semesters"), C, Duration, Strong),
    cue("#n weeks|months|years|year (long|in length|in duration)", C, Duration, Strong),
    cue(concat!("~span ", qualifier!(), " #n weeks|months|years|year|quarter|quarters|term|terms|semester|semesters"), C, Duration, Strong),
    cue(concat!("~span ", qualifier!(), " (a|an) (week|month|year|quarter|term|semester)"), C, Duration, Strong),
    cue(concat!("over|for|across|during (the course of|a period of|the period of) ", qualifier!(), " #n weeks|months|years|year|quarter|quarters|term|terms|semester|semesters"), C, Duration, Local),
    cue("time-limit|time-limits", C, Duration, Strong),
    // More ways a length is said of the engagement: "will be for 6 months", "a mentoring
    // relationship of 12 months", "a 3 months program", "as short as one month or as long as
    // one year".
    cue(concat!("(is|are|was|were|be) for ", qualifier!(), " #n weeks|months|years|year|quarter|quarters|term|terms|semester|semesters"), C, Duration, Strong),
    cue(concat!("relationship|relationships|programme|program|engagement|partnership|scheme|pairing|cycle of ", qualifier!(), " #n weeks|months|years|year"), C, Duration, Strong),
    cue("#n-weeks|#n-months programme|program|mentorship|scheme|course|engagement", C, Duration, Strong),
    cue("(as short as|as long as) (a|an|one|#n) week|weeks|month|months|year|years", C, Duration, Local),
    // A length of the practice that a programme offers or gives is its allotment, a term: "will
    // offer six months of mentoring" (after "after six months of mentoring" the length is time
    // gone by, and only a verb of giving makes it the engagement's). The practice word may be
    // modified ("12 months of free business mentoring").
    cue(concat!("~offer|~provide|~give|~include|~receive|~get (you|them|each|participants|mentees)? ", qualifier!(), " #n weeks|months|years|sessions of * mentoring|mentorship|coaching"), C, Duration, Strong),
    cue("for|over (a|an|the) (agreed|agreed-upon|certain|specific|specified|set|defined|fixed|designated|prescribed|limited|predetermined|pre-agreed) (period|length|amount) (of time)?", C, Duration, Local),
    cue(concat!("~commit to ", qualifier!(), " #n weeks|months|years|year|quarter|quarters|term|terms|semester|semesters"), C, Duration, Local),
    cue("~last (exactly|only|just)? (one academic term|one term|one quarter)", C, Duration, Strong),
    cue("for one|a quarter", C, Duration, Strong),
    cue("~run|~last|~meet from (january|february|march|april|may|june|july|august|september|october|november|december) (#n)? to|until|through (january|february|march|april|may|june|july|august|september|october|november|december) (#n)?", C, Duration, Strong),
    cue("(cannot be extended|can't be extended|no extensions)", C, Duration, Strong),
    cue("~keep it to #n", C, Duration, Strong),
    cue("#n sessions|meetings", C, Duration, Local),
    // A cap on a length is a fixed end: "until they achieve their goals, or a maximum of 18
    // months".
    cue("(up to)? a|the maximum of #n weeks|months|years|year", C, Duration, Local),
    cue("a handful of conversations|sessions", C, Duration, Local),
    cue("#n week|weeks|month|months|sessions|meetings", C, Duration, Fragment),
    cue("final|closing review|session", C, Duration, Support),
    cue("open-ended|lifelong|life-long|indefinite|indefinitely|long-running", M, Duration, Strong),
    cue("on-going", M, Duration, Local),
    cue("long-term (relationship|relationships|partnership)", M, Duration, Strong),
    cue("(for|as) long as (you|it|they|both|the relationship|those|you both|it's|it is|the two)", M, Duration, Strong),
    cue("as long as (you|they) work here", M, Duration, Strong),
    cue("(for|over|last|lasts|lasting|through) (many|several)? years", M, Duration, Strong),
    cue("(months or years|for decades|for a decade|for life)", M, Duration, Strong),
    cue("never ~close|~end|~stop", M, Duration, Strong),
    cue("something you finish", M, Duration, Strong),
    cue("(simply fades|~fade)", M, Duration, Strong),
    cue("(go on forever|goes on forever|~carry on|~keep meeting)", M, Duration, Local),
    cue("no longer need", M, Duration, Strong),
    cue("stay in touch", M, Duration, Support),
    // Emphasis. Coaching: self-discovery, clarity, accountability. Mentoring: learning from
    // others.
    cue("self-discovery", C, Emphasis, Strong),
    cue("accountability (partner)?", C, Emphasis, Strong),
    cue("~hold (you|them|clients|mentees|coachees|yourself|people) (accountable|to account)", C, Emphasis, Strong),
    cue("~hold (you|them) to (what|the commitments|targets|your commitments)", C, Emphasis, Strong),
    cue("clarity", C, Emphasis, Local),
    cue("(are|is) (already)? inside you", C, Emphasis, Strong),
    cue("~learn|learning from (others|other people|someone|an expert|people who|their|your|someone's|other people's|the experience)", M, Emphasis, Strong),
];
