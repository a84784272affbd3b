//! The lexicon: every word class the syntactic layer and the concepts use, each defined once.
//!
//! Closed classes (determiners, pronouns, prepositions, conjunctions, auxiliaries, modals,
//! negators, comparatives) are listed whole. Open classes are listed only where a rule needs
//! them (verbs with their irregular forms, the domain's nouns); other words are classed by
//! their endings and their neighbours in [`super::syntax`]. Lookups take lower-cased words;
//! typographic apostrophes are folded to `'` first ([`fold_apostrophes`]), so no list carries
//! two spellings.

// The relations stage (issue #13) is built on this layer; until it lands only the tests use it.
#![allow(dead_code)]

use std::borrow::Cow;

/// A closed list of lower-cased words, looked up by hash. The tagger asks several classes about
/// every word of every parsed sentence, so a scan of each list per word would dominate the
/// engine's time; the set is built on first use from the list, which stays the definition.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<std::collections::HashSet<&'static str, Fnv>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        Self { words, set: std::sync::OnceLock::new() }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }

    /// The words in their listed order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static str> {
        self.words.iter().copied()
    }
}

/// FNV-1a: the words are short and trusted (the lexicon's own), so a cheap hash is enough.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;

    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

pub(crate) struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A word with `’` folded to `'`.
pub(crate) fn fold_apostrophes(word: &str) -> Cow<'_, str> {
    // (The byte test first: it is asked of every word, and '’' ends with the byte 0x99.)
    if word.as_bytes().contains(&0x99) && word.contains('’') {
        Cow::Owned(word.replace('’', "'"))
    } else {
        Cow::Borrowed(word)
    }
}

pub(crate) static DETERMINERS: WordSet = WordSet::new(&[
    "a", "an", "the", "this", "that", "these", "those", "each", "every", "some", "any", "all", "both", "either",
    "another", "such", "what", "which", "whatever", "several", "many", "few", "much", "most", "more", "less", "fewer",
    "neither", "no",
]);

pub(crate) static POSSESSIVES: WordSet = WordSet::new(&["my", "your", "his", "her", "its", "our", "their", "whose"]);

/// Personal pronouns that can be a subject, with the person they refer to.
pub(crate) static SUBJECT_PRONOUNS: WordSet = WordSet::new(&["i", "you", "he", "she", "it", "we", "they", "one"]);

pub(crate) static OBJECT_PRONOUNS: WordSet = WordSet::new(&[
    "me",
    "him",
    "her",
    "us",
    "them",
    "it",
    "you",
    "myself",
    "yourself",
    "himself",
    "herself",
    "itself",
    "ourselves",
    "yourselves",
    "themselves",
    "each other",
    "one another",
]);

/// Pronouns that stand for a whole noun phrase and take no antecedent.
pub(crate) static INDEFINITE_PRONOUNS: WordSet = WordSet::new(&[
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "no-one",
    "nobody",
    "nothing",
    "something",
    "anything",
    "everything",
    "none",
    "others",
    "other",
    "yours",
    "mine",
    "ours",
    "theirs",
    "hers",
]);

/// Contracted pronoun + auxiliary forms ("they'll", "you're"), after apostrophe folding.
pub(crate) fn contracted_pronoun(word: &str) -> Option<(&str, &'static str)> {
    for (suffix, aux) in [("'ll", "will"), ("'re", "be"), ("'ve", "have"), ("'d", "would"), ("'m", "be")] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if SUBJECT_PRONOUNS.contains(stem) || matches!(stem, "who" | "that" | "there") {
                return Some((stem, aux));
            }
        }
    }
    // "it's", "he's", "she's", "that's", "there's", "who's": "is" or "has".
    if let Some(stem) = word.strip_suffix("'s") {
        if matches!(stem, "it" | "he" | "she" | "that" | "there" | "who" | "what" | "here" | "let") {
            return Some((stem, "be"));
        }
    }
    None
}

pub(crate) static PREPOSITIONS: WordSet = WordSet::new(&[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "by",
    "despite",
    "down",
    "during",
    "except",
    "for",
    "from",
    "in",
    "inside",
    "into",
    "like",
    "near",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "outside",
    "over",
    "past",
    "per",
    "since",
    "through",
    "throughout",
    "till",
    "toward",
    "towards",
    "under",
    "underneath",
    "unlike",
    "until",
    "up",
    "upon",
    "via",
    "with",
    "within",
    "without",
    "versus",
    "vs",
]);

/// Prepositions after which a duration is a deadline or a window, not a length: "within 24
/// months", "by the end of May", "before week 3".
pub(crate) static DEADLINE_PREPOSITIONS: WordSet =
    WordSet::new(&["within", "by", "before", "after", "until", "till", "since", "in"]);

pub(crate) static COORDINATORS: WordSet = WordSet::new(&["and", "or", "but", "nor", "&", "and/or", "yet"]);

/// Words that open a subordinate clause.
pub(crate) static SUBORDINATORS: WordSet = WordSet::new(&[
    "if", "unless", "because", "although", "though", "while", "whereas", "whilst", "once", "since", "so", "when",
    "whenever", "where", "wherever", "whether", "until", "after", "before", "as", "than", "lest",
]);

/// Relative and interrogative words.
pub(crate) static WH_WORDS: WordSet =
    WordSet::new(&["who", "whom", "whose", "which", "that", "what", "where", "when", "why", "how"]);

pub(crate) static MODALS: WordSet =
    WordSet::new(&["will", "would", "can", "could", "shall", "should", "may", "might", "must", "ought"]);

/// Forms of the three auxiliaries, with their lemma.
pub(crate) fn auxiliary(word: &str) -> Option<&'static str> {
    Some(match word {
        "be" | "is" | "are" | "was" | "were" | "been" | "being" | "am" | "'s" | "'re" | "'m" => "be",
        "have" | "has" | "had" | "having" | "'ve" => "have",
        "do" | "does" | "did" | "doing" | "done" => "do",
        _ => return None,
    })
}

/// Negating words: they deny the clause (or, for "no" and "without", the phrase) they stand in.
pub(crate) static NEGATORS: WordSet =
    WordSet::new(&["not", "never", "no", "without", "nobody", "none", "nothing", "neither", "nor", "cannot"]);

/// A negated auxiliary or modal ("isn't", "don't", "won't", "can't"), with its lemma.
pub(crate) fn negated_auxiliary(word: &str) -> Option<&'static str> {
    let stem = word.strip_suffix("n't")?;
    Some(match stem {
        "is" | "are" | "was" | "were" | "ai" => "be",
        "has" | "have" | "had" => "have",
        "do" | "does" | "did" => "do",
        "wo" | "would" => "will",
        "ca" | "could" => "can",
        "should" | "must" | "might" | "need" | "may" => "should",
        "sha" => "shall",
        _ => return None,
    })
}

/// Comparative words that grade the adjective after them; `less` turns it around ("less
/// structured" says the opposite of "structured").
pub(crate) fn comparative(word: &str) -> Option<Comparative> {
    Some(match word {
        "more" | "most" | "very" | "highly" | "fully" | "quite" | "rather" | "too" | "extremely" => Comparative::More,
        "less" | "least" | "fewer" | "barely" | "hardly" => Comparative::Less,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparative {
    More,
    Less,
}

/// Adverbs that restrict the verb phrase they precede to one thing ("mentors only ask
/// questions"): they make a method the practice's defining one.
pub(crate) static RESTRICTORS: WordSet =
    WordSet::new(&["only", "just", "solely", "exclusively", "merely", "simply", "purely"]);

/// Words that hedge a number: "at least 3 months", "up to a year", "about six weeks".
pub(crate) static HEDGES: WordSet = WordSet::new(&[
    "at",
    "least",
    "most",
    "up",
    "to",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "under",
    "more",
    "less",
    "than",
    "just",
    "only",
    "some",
    "minimum",
    "maximum",
    "of",
    "a",
]);

/// Verb particles ("wrap up", "pass on", "point out").
pub(crate) static PARTICLES: WordSet =
    WordSet::new(&["up", "out", "on", "off", "over", "back", "through", "down", "along", "away"]);

/// Verbs, by lemma, with their irregular past and past participle (`""` where regular). Only
/// verbs that concepts name or that are common in the domain's prose are listed; others are
/// recognised by position and ending.
const VERBS: &[(&str, &str, &str)] = &[
    ("judge", "", ""),
    ("hope", "", ""),
    ("adapt", "", ""),
    ("adjust", "", ""),
    ("affect", "", ""),
    ("aim", "", ""),
    ("align", "", ""),
    ("analyse", "", ""),
    ("analyze", "", ""),
    ("appear", "", ""),
    ("appreciate", "", ""),
    ("approach", "", ""),
    ("assess", "", ""),
    ("assist", "", ""),
    ("assume", "", ""),
    ("attract", "", ""),
    ("balance", "", ""),
    ("base", "", ""),
    ("benefit", "", ""),
    ("borrow", "", ""),
    ("brainstorm", "", ""),
    ("cause", "", ""),
    ("celebrate", "", ""),
    ("clarify", "", ""),
    ("collaborate", "", ""),
    ("collect", "", ""),
    ("communicate", "", ""),
    ("compare", "", ""),
    ("contribute", "", ""),
    ("coordinate", "", ""),
    ("count", "", ""),
    ("deal", "dealt", "dealt"),
    ("deliver", "", ""),
    ("demonstrate", "", ""),
    ("depend", "", ""),
    ("design", "", ""),
    ("differ", "", ""),
    ("equip", "", ""),
    ("empower", "", ""),
    ("enable", "", ""),
    ("engage", "", ""),
    ("enjoy", "", ""),
    ("enter", "", ""),
    ("evaluate", "", ""),
    ("exist", "", ""),
    ("expand", "", ""),
    ("experience", "", ""),
    ("express", "", ""),
    ("extend", "", ""),
    ("fail", "", ""),
    ("fall", "fell", "fallen"),
    ("fill", "", ""),
    ("fit", "", ""),
    ("form", "", ""),
    ("foster", "", ""),
    ("gain", "", ""),
    ("gather", "", ""),
    ("hear", "heard", "heard"),
    ("highlight", "", ""),
    ("hire", "", ""),
    ("host", "", ""),
    ("imagine", "", ""),
    ("implement", "", ""),
    ("increase", "", ""),
    ("inform", "", ""),
    ("inspire", "", ""),
    ("introduce", "", ""),
    ("invest", "", ""),
    ("invite", "", ""),
    ("lack", "", ""),
    ("launch", "", ""),
    ("lay", "laid", "laid"),
    ("lie", "lay", "lain"),
    ("like", "", ""),
    ("limit", "", ""),
    ("link", "", ""),
    ("live", "", ""),
    ("love", "", ""),
    ("maintain", "", ""),
    ("mean", "meant", "meant"),
    ("measure", "", ""),
    ("mention", "", ""),
    ("miss", "", ""),
    ("model", "", ""),
    ("motivate", "", ""),
    ("navigate", "", ""),
    ("note", "", ""),
    ("notice", "", ""),
    ("observe", "", ""),
    ("obtain", "", ""),
    ("occur", "", ""),
    ("open", "", ""),
    ("operate", "", ""),
    ("organise", "", ""),
    ("organize", "", ""),
    ("outline", "", ""),
    ("pay", "paid", "paid"),
    ("perform", "", ""),
    ("permit", "", ""),
    ("persuade", "", ""),
    ("practise", "", ""),
    ("practice", "", ""),
    ("present", "", ""),
    ("prevent", "", ""),
    ("produce", "", ""),
    ("progress", "", ""),
    ("promote", "", ""),
    ("protect", "", ""),
    ("prove", "", ""),
    ("publish", "", ""),
    ("pursue", "", ""),
    ("put", "put", "put"),
    ("hit", "hit", "hit"),
    ("question", "", ""),
    ("raise", "", ""),
    ("rate", "", ""),
    ("read", "read", "read"),
    ("realise", "", ""),
    ("realize", "", ""),
    ("recognise", "", ""),
    ("recognize", "", ""),
    ("record", "", ""),
    ("reduce", "", ""),
    ("refer", "", ""),
    ("register", "", ""),
    ("relate", "", ""),
    ("rely", "", ""),
    ("remember", "", ""),
    ("remove", "", ""),
    ("repeat", "", ""),
    ("replace", "", ""),
    ("report", "", ""),
    ("represent", "", ""),
    ("request", "", ""),
    ("research", "", ""),
    ("respond", "", ""),
    ("rest", "", ""),
    ("result", "", ""),
    ("return", "", ""),
    ("reveal", "", ""),
    ("rotate", "", ""),
    ("save", "", ""),
    ("seem", "", ""),
    ("sit", "sat", "sat"),
    ("sound", "", ""),
    ("spot", "", ""),
    ("stand", "stood", "stood"),
    ("state", "", ""),
    ("struggle", "", ""),
    ("study", "", ""),
    ("submit", "", ""),
    ("succeed", "", ""),
    ("suit", "", ""),
    ("surface", "", ""),
    ("target", "", ""),
    ("tend", "", ""),
    ("test", "", ""),
    ("thank", "", ""),
    ("train", "", ""),
    ("transfer", "", ""),
    ("transition", "", ""),
    ("treat", "", ""),
    ("trust", "", ""),
    ("turn", "", ""),
    ("update", "", ""),
    ("value", "", ""),
    ("vary", "", ""),
    ("visit", "", ""),
    ("volunteer", "", ""),
    ("wait", "", ""),
    ("watch", "", ""),
    ("welcome", "", ""),
    ("win", "won", "won"),
    ("wonder", "", ""),
    ("worry", "", ""),
    ("accept", "", ""),
    ("achieve", "", ""),
    ("add", "", ""),
    ("advise", "", ""),
    ("act", "", ""),
    ("agree", "", ""),
    ("allow", "", ""),
    ("answer", "", ""),
    ("apply", "", ""),
    ("arrange", "", ""),
    ("ask", "", ""),
    ("assign", "", ""),
    ("attend", "", ""),
    ("avoid", "", ""),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("believe", "", ""),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("call", "", ""),
    ("challenge", "", ""),
    ("change", "", ""),
    ("check", "", ""),
    ("choose", "chose", "chosen"),
    ("close", "", ""),
    ("coach", "", ""),
    ("come", "came", "come"),
    ("commit", "", ""),
    ("complete", "", ""),
    ("conclude", "", ""),
    ("connect", "", ""),
    ("consider", "", ""),
    ("continue", "", ""),
    ("control", "", ""),
    ("cover", "", ""),
    ("create", "", ""),
    ("decide", "", ""),
    ("define", "", ""),
    ("define", "", ""),
    ("describe", "", ""),
    ("determine", "", ""),
    ("develop", "", ""),
    ("direct", "", ""),
    ("discover", "", ""),
    ("discuss", "", ""),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("encourage", "", ""),
    ("end", "", ""),
    ("ensure", "", ""),
    ("establish", "", ""),
    ("evolve", "", ""),
    ("expect", "", ""),
    ("explain", "", ""),
    ("explore", "", ""),
    ("facilitate", "", ""),
    ("feel", "felt", "felt"),
    ("find", "found", "found"),
    ("finish", "", ""),
    ("focus", "", ""),
    ("follow", "", ""),
    ("function", "", ""),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("graduate", "", ""),
    ("grow", "grew", "grown"),
    ("guide", "", ""),
    ("handle", "", ""),
    ("happen", "", ""),
    ("help", "", ""),
    ("hold", "held", "held"),
    ("identify", "", ""),
    ("improve", "", ""),
    ("impart", "", ""),
    ("include", "", ""),
    ("consist", "", ""),
    ("comprise", "", ""),
    ("instruct", "", ""),
    ("involve", "", ""),
    ("join", "", ""),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("last", "", ""),
    ("lead", "led", "led"),
    ("learn", "learnt", "learnt"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("listen", "", ""),
    ("look", "", ""),
    ("make", "made", "made"),
    ("manage", "", ""),
    ("match", "", ""),
    ("meet", "met", "met"),
    ("mentor", "", ""),
    ("move", "", ""),
    ("shift", "", ""),
    ("switch", "", ""),
    ("need", "", ""),
    ("offer", "", ""),
    ("own", "", ""),
    ("pair", "", ""),
    ("participate", "", ""),
    ("pass", "", ""),
    ("pick", "", ""),
    ("plan", "", ""),
    ("point", "", ""),
    ("prefer", "", ""),
    ("prepare", "", ""),
    ("prescribe", "", ""),
    ("provide", "", ""),
    ("reach", "", ""),
    ("receive", "", ""),
    ("recommend", "", ""),
    ("reflect", "", ""),
    ("remain", "", ""),
    ("require", "", ""),
    ("review", "", ""),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("schedule", "", ""),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("select", "", ""),
    ("send", "sent", "sent"),
    ("serve", "", ""),
    ("set", "set", "set"),
    ("share", "", ""),
    ("show", "showed", "shown"),
    ("sign", "", ""),
    ("solve", "", ""),
    ("span", "", ""),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("start", "", ""),
    ("stay", "", ""),
    ("steer", "", ""),
    ("stop", "", ""),
    ("suggest", "", ""),
    ("supply", "", ""),
    ("support", "", ""),
    ("take", "took", "taken"),
    ("talk", "", ""),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("track", "", ""),
    ("try", "", ""),
    ("understand", "understood", "understood"),
    ("use", "", ""),
    ("walk", "", ""),
    ("want", "", ""),
    ("wish", "", ""),
    ("work", "", ""),
    ("wrap", "", ""),
    ("write", "wrote", "written"),
];

/// The form of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// "lead" (also the present tense but for the third person singular).
    Base,
    /// "leads".
    Third,
    /// "led" where past and participle are one form ("set", "led", "asked").
    PastOrParticiple,
    /// "drove".
    Past,
    /// "driven".
    Participle,
    /// "leading".
    Gerund,
}

/// The lemma and form of a listed verb ("drove" is `drive`, past).
pub(crate) fn verb(word: &str) -> Option<(&'static str, VerbForm)> {
    let index = verb_index();
    // Listed forms first: "led", "set", "met" would otherwise read as regular stems.
    if let Some(&found) = index.forms.get(word) {
        return Some(found);
    }
    let lemma = |stem: &str| index.lemmas.get_key_value(stem).map(|(l, regular)| (*l, *regular));
    if let Some(stem) = word.strip_suffix("ing") {
        return regular_stems(stem, lemma).map(|(l, _)| (l, VerbForm::Gerund));
    }
    if let Some(stem) = word.strip_suffix("ed") {
        return regular_stems(stem, lemma)
            .filter(|&(_, regular)| regular)
            .map(|(l, _)| (l, VerbForm::PastOrParticiple));
    }
    if let Some(stem) = word.strip_suffix('s') {
        // "asks", "coaches" ("coach" + "es"), "studies" ("study").
        let es = stem.strip_suffix('e').filter(|s| s.ends_with(['s', 'h', 'x', 'z', 'o']));
        let found = lemma(stem)
            .or_else(|| es.and_then(lemma))
            .or_else(|| stem.strip_suffix("ie").and_then(|s| joined(s, "y", lemma)));
        return found.map(|(l, _)| (l, VerbForm::Third));
    }
    None
}

/// `find` of a stem with `tail` appended, built on the stack: the tagger asks for every word,
/// so a string allocated per candidate would cost more than the look-up. No listed verb is
/// longer than the buffer (a test checks), so a longer candidate is none of them.
fn joined<T>(stem: &str, tail: &str, find: impl Fn(&str) -> Option<T>) -> Option<T> {
    let mut buf = [0u8; LONGEST_VERB];
    let len = stem.len() + tail.len();
    if len > LONGEST_VERB {
        return None;
    }
    buf[..stem.len()].copy_from_slice(stem.as_bytes());
    buf[stem.len()..len].copy_from_slice(tail.as_bytes());
    std::str::from_utf8(&buf[..len]).ok().and_then(find)
}

/// The longest a listed verb can be, in bytes.
const LONGEST_VERB: usize = 32;

/// Whether a listed verb's participle is spelt as its base form ("run", "set", "put", "come").
pub(crate) fn participle_is_base(lemma: &str) -> bool {
    VERBS.iter().any(|&(l, _, participle)| l == lemma && participle == lemma)
}

/// [`VERBS`] indexed once: every listed form (lemma, irregular past, participle) with the first
/// entry that lists it, and each lemma with whether it is regular. The tagger asks for every
/// word it has not placed in a closed class, so a scan of the list per word would dominate.
struct VerbIndex {
    forms: std::collections::HashMap<&'static str, (&'static str, VerbForm), Fnv>,
    lemmas: std::collections::HashMap<&'static str, bool, Fnv>,
}

fn verb_index() -> &'static VerbIndex {
    static INDEX: std::sync::OnceLock<VerbIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut forms = std::collections::HashMap::with_hasher(Fnv);
        let mut lemmas = std::collections::HashMap::with_hasher(Fnv);
        for &(lemma, past, participle) in VERBS {
            forms.entry(lemma).or_insert((lemma, VerbForm::Base));
            if !past.is_empty() {
                let past_form = if past == participle { VerbForm::PastOrParticiple } else { VerbForm::Past };
                forms.entry(past).or_insert((lemma, past_form));
                forms.entry(participle).or_insert((lemma, VerbForm::Participle));
            }
            *lemmas.entry(lemma).or_insert(false) |= past.is_empty();
        }
        VerbIndex { forms, lemmas }
    })
}

/// The first candidate stem of a regular "-ing"/"-ed" form that `find` knows, tried in order:
/// "ask", "decid(e)", "plann" → "plan", "appli" → "apply".
fn regular_stems<T>(stem: &str, find: impl Fn(&str) -> Option<T> + Copy) -> Option<T> {
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    find(stem)
        .or_else(|| joined(stem, "e", find))
        .or_else(|| if doubled { find(&stem[..stem.len() - 1]) } else { None })
        .or_else(|| stem.strip_suffix('i').and_then(|s| joined(s, "y", find)))
}

/// Words that are nouns first, though some are also verbs: after a determiner they head a
/// noun phrase. The tagger reads them as verbs only where the position demands one.
pub(crate) static NOUN_VERBS: WordSet = WordSet::new(&[
    "act",
    "function",
    "benefit",
    "experience",
    "model",
    "practice",
    "question",
    "rate",
    "record",
    "report",
    "request",
    "research",
    "rest",
    "result",
    "return",
    "test",
    "transition",
    "value",
    "visit",
    "volunteer",
    "wait",
    "watch",
    "welcome",
    "host",
    "form",
    "fit",
    "fall",
    "lack",
    "limit",
    "link",
    "note",
    "outline",
    "progress",
    "balance",
    "base",
    "count",
    "design",
    "launch",
    "measure",
    "surface",
    "target",
    "trust",
    "turn",
    "update",
    "spot",
    "state",
    "study",
    "struggle",
    "train",
    "transfer",
    "love",
    "like",
    "aim",
    "approach",
    "promote",
    "coach",
    "mentor",
    "lead",
    "run",
    "set",
    "drive",
    "plan",
    "review",
    "support",
    "work",
    "answer",
    "question",
    "end",
    "close",
    "share",
    "match",
    "pair",
    "help",
    "focus",
    "need",
    "use",
    "change",
    "guide",
    "call",
    "start",
    "track",
    "point",
    "walk",
    "hire",
    "talk",
    "check",
    "challenge",
    "control",
    "cover",
    "look",
    "move",
    "stop",
    "sign",
    "schedule",
    "finish",
    "wish",
    "direct",
    "span",
    "last",
]);

/// Nouns that name an engagement, its parts or its time: what a form, a duration or an agenda
/// can be said of when a practice word modifies or governs it ("mentorship programme",
/// "coaching sessions", "the pairing").
pub(crate) static ENGAGEMENT_NOUNS: WordSet = WordSet::new(&[
    "programme",
    "program",
    "engagement",
    "partnership",
    "relationship",
    "session",
    "pairing",
    "pair",
    "match",
    "cohort",
    // (A cohort in British usage: "each intake runs for 12 months".)
    "intake",
    "scheme",
    "initiative",
    "journey",
    "arrangement",
    "cycle",
    "track",
    "series",
    "conversation",
    "meeting",
    "meetup",
    "check-in",
    "chat",
    "call",
    "catch-up",
    "connection",
    "collaboration",
    "experience",
    "offering",
    "process",
    "opportunity",
    "agreement",
    "contract",
    "commitment",
    "period",
    "term",
    "phase",
    "round",
    "iteration",
    // Forms a programme takes: "mentoring circles", "a mentoring pilot".
    "circle",
    "group",
    "pilot",
]);

/// Engagement nouns that name one occasion, not a span (singular): what bounds one ("the
/// mentoring meeting ends on 3 June") is a day's time, not the engagement's term.
pub(crate) static OCCASION_NOUNS: WordSet = WordSet::new(&[
    "session",
    "meeting",
    "meetup",
    "check-in",
    "chat",
    "call",
    "catch-up",
    "conversation",
    "workshop",
    "webinar",
    "event",
]);

/// Nouns that name how long something lasts: "the mentorship period", "the program length".
pub(crate) static SPAN_NOUNS: WordSet = WordSet::new(&[
    "period",
    "term",
    "duration",
    "length",
    "timeframe",
    "time-frame",
    "timeline",
    "commitment",
    "window",
    "span",
    "lifetime",
    "tenure",
]);

/// Units of time, singular.
pub(crate) static TIME_UNITS: WordSet = WordSet::new(&[
    "day",
    "week",
    "month",
    "year",
    "quarter",
    "semester",
    "term",
    "session",
    "meeting",
    "sprint",
    "cohort",
    "hour",
    "minute",
    "fortnight",
]);

/// Units that measure the length of an engagement rather than of a meeting: "an hour" is how
/// long a session is, not how long the mentoring runs.
pub(crate) fn is_long_unit(unit: &str) -> bool {
    matches!(
        unit,
        "day"
            | "week"
            | "month"
            | "year"
            | "quarter"
            | "semester"
            | "term"
            | "fortnight"
            | "sprint"
            | "cohort"
            | "session"
            | "meeting"
    )
}

/// A unit of time in any number, with its singular: "weeks" is `week`.
pub(crate) fn time_unit(word: &str) -> Option<&'static str> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    TIME_UNITS.iter().find(|&u| u == singular || u == word)
}

pub(crate) const MONTHS: &[(&str, &str)] = &[
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may", "may"),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
];

/// Whether a word names a month ("May", "Sept", "aug").
///
/// Each month's short name is its first three letters, and no two months share them: those
/// three letters pick the one month a word can name, so a word is looked at once, not against
/// every month (every word of a document is asked).
pub(crate) fn is_month(word: &str) -> bool {
    let word = word.trim_end_matches('.').as_bytes();
    if !(3..=9).contains(&word.len()) {
        return false;
    }
    // (A match on the three bytes compiles to a few integer comparisons; most words fail the
    // first.)
    let month = match [word[0], word[1], word[2]] {
        [b'j', b'a', b'n'] => 0,
        [b'f', b'e', b'b'] => 1,
        [b'm', b'a', b'r'] => 2,
        [b'a', b'p', b'r'] => 3,
        [b'm', b'a', b'y'] => 4,
        [b'j', b'u', b'n'] => 5,
        [b'j', b'u', b'l'] => 6,
        [b'a', b'u', b'g'] => 7,
        [b's', b'e', b'p'] => 8,
        [b'o', b'c', b't'] => 9,
        [b'n', b'o', b'v'] => 10,
        [b'd', b'e', b'c'] => 11,
        _ => return false,
    };
    let full = MONTHS[month].0.as_bytes();
    word == full || (word.len() <= 4 && full.starts_with(word))
}

/// Number words (cardinals that measure a duration).
pub(crate) static NUMBER_WORDS: WordSet = WordSet::new(&[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "ninety",
    "a",
    "an",
    "several",
    "few",
    "couple",
]);

/// Whether a token is a number: digits, a number word (not "a"/"an"), or digits with a unit
/// glued on ("12wk" is not; "3rd" is an ordinal, not a count).
pub(crate) fn is_number_word(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty()
        || (NUMBER_WORDS.contains(word) && word != "a" && word != "an")
}

/// Roles that are not a practice's guide or the person guided: a trait said of one of these is
/// said of that role ("the facilitator", "your manager", "the organiser").
pub(crate) static OTHER_ROLES: WordSet = WordSet::new(&[
    "hr",
    "partner",
    "manager",
    "buddy",
    "supervisor",
    "lead",
    "leader",
    "peer",
    "teacher",
    "trainer",
    "tutor",
    "sponsor",
    "advisor",
    "adviser",
    "counsellor",
    "counselor",
    "therapist",
    "consultant",
    "colleague",
    "director",
    "expert",
    "facilitator",
    "host",
    "organiser",
    "organizer",
    "coordinator",
    "instructor",
    "moderator",
    "recruiter",
    "reviewer",
    "owner",
    "employee",
    "candidate",
    "applicant",
    "attendee",
    "participant",
    "volunteer",
    "member",
    "team",
    "company",
    "organisation",
    "organization",
    "student",
    "intern",
    "hire",
]);

/// Nouns for the one who drives or owns something: "the mentee is the DRI for each session".
pub(crate) static DRIVER_NOUNS: WordSet =
    WordSet::new(&["dri", "owner", "driver", "lead", "leader", "organiser", "organizer", "chair", "host"]);

/// Verbs of providing: an infinitive after their object says what the thing provided lets its
/// user do ("provides a place to ask questions").
pub(crate) static PROVISION_VERBS: WordSet =
    WordSet::new(&["provide", "offer", "give", "create", "be", "build", "open", "make"]);

/// Words that frame a heading addressed to a role, around the role's word: "For mentors", "As
/// a mentee", "Mentor responsibilities", "Notes for coaches".
pub(crate) static ADDRESS_FRAME: WordSet = WordSet::new(&[
    "for",
    "as",
    "a",
    "an",
    "the",
    "to",
    "dear",
    "our",
    "new",
    "notes",
    "tips",
    "responsibilities",
    "expectations",
    "duties",
    "role",
    "checklist",
    "best",
    "practices",
    "guidelines",
    "handbook",
]);

/// Nouns for what an agenda driver drives: the agenda, the meetings, the direction.
pub(crate) static AGENDA_OBJECTS: WordSet = WordSet::new(&[
    "agenda",
    "agendas",
    "meeting",
    "meetings",
    "session",
    "sessions",
    "conversation",
    "conversations",
    "relationship",
    "relationships",
    "mentorship",
    "mentoring",
    "coaching",
    "direction",
    "topic",
    "topics",
    "discussion",
    "discussions",
    "call",
    "calls",
    "check-in",
    "check-ins",
    "1:1",
    "1:1s",
    "one-on-one",
    "one-on-ones",
    "partnership",
    "engagement",
]);

/// Verbs whose subject decides an agenda or direction when their object is one of
/// [`AGENDA_OBJECTS`]: "mentees drive the meetings", "the coach sets the agenda".
pub(crate) static DRIVER_VERBS: WordSet = WordSet::new(&[
    "lead",
    "drive",
    "own",
    "run",
    "steer",
    "set",
    "prepare",
    "decide",
    "choose",
    "pick",
    "determine",
    "define",
    "control",
    "direct",
    "shape",
    "guide",
    "plan",
]);

/// Nouns that name a function someone has, whose "of" phrase names who has it ("the role of a
/// mentor", "the job of the coach").
pub(crate) static ROLE_NOUNS: WordSet =
    WordSet::new(&["role", "roles", "job", "function", "duty", "duties", "responsibility", "responsibilities"]);

/// Verbs that say how long their subject lasts: "the programme lasts three months".
pub(crate) static LASTING_VERBS: WordSet =
    WordSet::new(&["last", "run", "span", "take", "continue", "go", "extend", "stretch"]);

/// Verbs that end an engagement: "the mentorship ends in May", "wraps up after 12 weeks".
pub(crate) static ENDING_VERBS: WordSet =
    WordSet::new(&["end", "finish", "conclude", "close", "wrap", "graduate", "expire", "stop", "complete"]);

/// Whether a word ends like a noun ("-tion", "-ment", "-ness", "-ship", "-ity").
pub(crate) fn noun_ending(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "tion", "sion", "ment", "ness", "ship", "ity", "ance", "ence", "ism", "ist", "ee", "er", "or", "ers", "ors",
        "ees", "tions", "ments", "ships", "ities",
    ];
    word.len() > 4 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Nouns for people that end like adjectives ("-ent", "-ant"): "client", "participant",
/// "student". Tagged as nouns before the ending is looked at.
pub(crate) static PERSON_NOUNS_LIKE_ADJECTIVES: WordSet = WordSet::new(&[
    "client",
    "student",
    "participant",
    "applicant",
    "consultant",
    "assistant",
    "agent",
    "parent",
    "resident",
    "recipient",
    "attendant",
    "respondent",
    "tenant",
    "accountant",
    "occupant",
    "entrant",
    "claimant",
    "servant",
    "immigrant",
    "correspondent",
    "superintendent",
    "adolescent",
    "opponent",
    "contestant",
    "president",
]);

/// Nouns for things that end like adjectives ("-ary", "-al", "-ic", "-ent", "-ive"): "the
/// library runs ...", "the proposal lists ...". Tagged as nouns before the ending is looked at.
pub(crate) static THING_NOUNS_LIKE_ADJECTIVES: WordSet = WordSet::new(&[
    "library",
    "summary",
    "salary",
    "boundary",
    "anniversary",
    "dictionary",
    "glossary",
    "itinerary",
    "commentary",
    "vocabulary",
    "seminary",
    "sanctuary",
    "documentary",
    "proposal",
    "approval",
    "referral",
    "renewal",
    "appraisal",
    "arrival",
    "portal",
    "journal",
    "tutorial",
    "interval",
    "hospital",
    "festival",
    "rehearsal",
    "withdrawal",
    "dismissal",
    "removal",
    "topic",
    "clinic",
    "rubric",
    "metric",
    "event",
    "content",
    "incident",
    "element",
    "initiative",
    "incentive",
    "narrative",
    "trial",
    "rental",
]);

/// Whether a word reads as a noun by its form: a noun's ending, or one of the nouns that end
/// like adjectives ("client", "proposal").
pub(crate) fn reads_as_noun(word: &str) -> bool {
    noun_ending(word) || PERSON_NOUNS_LIKE_ADJECTIVES.contains(word) || THING_NOUNS_LIKE_ADJECTIVES.contains(word)
}

/// Whether a word outside the word lists reads as an adjective: it ends like one and is no
/// noun that does ("initial", "annual"; not "trial", "proposal", "client").
pub(crate) fn reads_as_adjective(word: &str) -> bool {
    adjective_ending(word) && !reads_as_noun(word)
}

/// Whether a word ends like an adjective ("-ous", "-ful", "-ive", "-able", "-al", "-ic").
pub(crate) fn adjective_ending(word: &str) -> bool {
    const ENDINGS: &[&str] = &["ous", "ful", "ive", "able", "ible", "al", "ic", "less", "ish", "ary", "ent", "ant"];
    word.len() > 4 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Common adjectives of the domain that carry no ending of their own.
pub(crate) static ADJECTIVES: WordSet = WordSet::new(&[
    "new",
    "old",
    "good",
    "great",
    "best",
    "better",
    "long",
    "short",
    "open",
    "fixed",
    "clear",
    "senior",
    "junior",
    "formal",
    "informal",
    "structured",
    "unstructured",
    "ongoing",
    "on-going",
    "regular",
    "weekly",
    "monthly",
    "daily",
    "first",
    "last",
    "next",
    "final",
    "early",
    "late",
    "full",
    "part",
    "same",
    "other",
    "right",
    "wrong",
    "key",
    "main",
    "real",
    "free",
    "busy",
    "happy",
    "ready",
    "able",
    "sure",
    "common",
    "whole",
    "entire",
    "certain",
    "specific",
    "typical",
    "overall",
    "current",
    "future",
    "past",
    "high",
    "low",
    "big",
    "small",
    "young",
    "experienced",
    "defined",
    "agreed",
    "limited",
    "indefinite",
    "lifelong",
    "open-ended",
    "time-bound",
    "fixed-term",
    "short-term",
    "long-term",
    // Adjectives of likeness and difference ("distinct from a mentor, who ...").
    "distinct",
    "different",
    "separate",
    "similar",
    "alike",
]);

/// Adverbs without the "-ly" ending.
pub(crate) static ADVERBS: WordSet = WordSet::new(&[
    // Conjunctive adverbs.
    "however",
    "therefore",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "meanwhile",
    "otherwise",
    "instead",
    "hence",
    "thus",
    "also",
    "always",
    "often",
    "sometimes",
    "usually",
    "typically",
    "generally",
    "rarely",
    "seldom",
    "still",
    "already",
    "even",
    "ever",
    "again",
    "then",
    "now",
    "soon",
    "here",
    "there",
    "together",
    "instead",
    "rather",
    "too",
    "very",
    "quite",
    "well",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "up",
    "at",
    "least",
    "most",
    "only",
    "just",
    "once",
    "twice",
    "so",
    "much",
]);

/// Whether a noun may name a person by its ending ("leader", "practitioner", "specialist",
/// "consultant", "trainee"): such a holder is never taken for a thing. Some things end so too
/// ("order", "center"); they are then left to the context, as before.
pub(crate) fn may_name_a_person(noun: &str) -> bool {
    let singular = noun.strip_suffix('s').unwrap_or(noun);
    if ADVERBS.contains(noun) || PREPOSITIONS.contains(noun) {
        return false;
    }
    ["er", "or", "ist", "ant", "ent", "ee", "ian", "man", "woman"].iter().any(|e| singular.ends_with(e))
        || matches!(singular, "staff" | "team" | "peer" | "senior" | "expert" | "hire" | "lead" | "head" | "executive")
        || matches!(
            singular,
            "people" | "person" | "individual" | "colleague" | "someone" | "everyone" | "other" | "child" | "children"
        )
}

/// Verbs (lemmas) of enabling that take a person and what that person does ("helps clients
/// find", "lets you decide", "encourages the mentee to reflect"): the person is the doer of
/// the second verb.
pub(crate) static ENABLING_VERBS: WordSet = WordSet::new(&[
    "help",
    "let",
    "allow",
    "enable",
    "empower",
    "encourage",
    "invite",
    "ask",
    "support",
    "prompt",
    "challenge",
    "push",
    "get",
    "guide",
    "lead",
]);

/// Verbs (lemmas) of attaining: what they take as object is something a person achieves
/// ("reach milestones", "hit targets", "celebrate milestones").
pub(crate) static ATTAINING_VERBS: WordSet =
    WordSet::new(&["reach", "achieve", "hit", "attain", "pass", "celebrate", "mark"]);

/// Nouns of a person's inner life: a quality "of" one of them is the person's ("clarity of
/// thought", "clarity of purpose").
pub(crate) static MIND_NOUNS: WordSet = WordSet::new(&[
    "thought",
    "thoughts",
    "thinking",
    "mind",
    "purpose",
    "direction",
    "vision",
    "goal",
    "goals",
    "priorities",
    "values",
    "self",
    "identity",
    "career",
]);

/// Verbs (lemmas) that name each practice's own method: the mentor's advising and guiding,
/// the coach's asking and facilitating.
pub(crate) fn method_verbs(practice: cm_core::Practice) -> &'static WordSet {
    static MENTORING: WordSet =
        WordSet::new(&["guide", "counsel", "advise", "steer", "direct", "suggest", "recommend", "share", "mentor"]);
    static COACHING: WordSet =
        WordSet::new(&["ask", "question", "facilitate", "reflect", "listen", "challenge", "coach", "explore"]);
    match practice {
        cm_core::Practice::Mentoring => &MENTORING,
        cm_core::Practice::Coaching => &COACHING,
    }
}

/// Nouns of what someone aims at: "towards your goals".
pub(crate) static GOAL_NOUNS: WordSet =
    WordSet::new(&["goal", "goals", "objective", "objectives", "outcome", "outcomes", "aim", "aims", "aspirations"]);

/// Verbs of taking part in something over a time (lemmas): a length after them in an imperative
/// ("commit for six months", "meet for a year") is how long the reader takes part.
pub(crate) static PARTICIPATION_VERBS: WordSet = WordSet::new(&[
    "commit",
    "join",
    "participate",
    "meet",
    "enrol",
    "enroll",
    "stay",
    "remain",
    "continue",
    "sign",
    "attend",
    "work",
    "last",
    "run",
    "expect",
    "plan",
    "agree",
    "be",
    "engage",
    "pair",
    "match",
]);

/// Nouns of a bounded piece of work someone takes on: named after a practice word ("a
/// mentorship project", "each mentoring placement"), one is that practice's engagement.
pub(crate) static UNDERTAKING_NOUNS: WordSet = WordSet::new(&[
    "project",
    "projects",
    "initiative",
    "initiatives",
    "placement",
    "placements",
    "assignment",
    "assignments",
    "stint",
    "stints",
]);

/// Verbs of opinion (lemmas): what follows them is what their subject thinks, not what the
/// text says ("the mentor thinks it's coaching", "some may believe ...").
pub(crate) static OPINION_VERBS: WordSet = WordSet::new(&["think", "believe", "assume", "feel", "suppose", "imagine"]);

/// Whether a word is a form of a verb of opinion ("thinks", "believed", "felt").
pub(crate) fn is_opinion_verb(word: &str) -> bool {
    // Every form of a verb starts as its lemma or one of its listed forms does (a regular form
    // keeps its stem's first two letters): a word that starts otherwise needs no look-up, and
    // every word of a sentence is asked.
    static PREFIXES: std::sync::OnceLock<Vec<[u8; 2]>> = std::sync::OnceLock::new();
    let prefixes = PREFIXES.get_or_init(|| {
        let forms = VERBS.iter().filter(|(lemma, _, _)| OPINION_VERBS.contains(lemma));
        let words =
            OPINION_VERBS.words.iter().copied().chain(forms.flat_map(|&(_, past, participle)| [past, participle]));
        let mut out: Vec<[u8; 2]> = words.filter_map(|w| w.as_bytes().first_chunk::<2>().copied()).collect();
        out.sort_unstable();
        out.dedup();
        out
    });
    word.as_bytes().first_chunk::<2>().is_some_and(|p| prefixes.contains(p))
        && verb(word).is_some_and(|(lemma, _)| OPINION_VERBS.contains(lemma))
}

/// Verbs of changing from one state to another (lemmas): "shift from X to Y" leaves X behind.
pub(crate) static CHANGE_VERBS: WordSet =
    WordSet::new(&["shift", "move", "switch", "change", "transition", "turn", "go", "evolve", "progress"]);

/// Nouns of events and relationships that someone facilitates by organising them:
/// "relationship facilitators", "workshop facilitation".
pub(crate) static FACILITATED_NOUNS: WordSet = WordSet::new(&[
    "relationship",
    "relationships",
    "workshop",
    "workshops",
    "event",
    "events",
    "session",
    "sessions",
    "meeting",
    "meetings",
    "group",
    "groups",
    "community",
    "discussion",
    "discussions",
    "program",
    "programme",
    "retro",
    "retrospective",
    "training",
    "circle",
    "circles",
    "network",
    "cohort",
]);

/// Verbs of giving someone something (lemmas) that take it in a "with" phrase in the passive:
/// "mentors are provided with ...", "coaches are equipped with ...".
pub(crate) static GIVING_VERBS: WordSet = WordSet::new(&["provide", "supply", "equip", "present"]);

/// What goes on inside a person that a coach facilitates: "facilitates reflection",
/// "facilitation of self-discovery" (with [`MIND_NOUNS`] and the nouns for people).
pub(crate) static INNER_PROCESS_NOUNS: WordSet = WordSet::new(&[
    "reflection",
    "discovery",
    "self-discovery",
    "insight",
    "insights",
    "awareness",
    "self-awareness",
    "exploration",
    "self-reflection",
    "understanding",
]);

/// Nouns of a capacity someone acts in, after a practice word: "your coaching hat", "her
/// mentoring role", "in a mentor capacity".
pub(crate) static CAPACITY_NOUNS: WordSet = WordSet::new(&["hat", "hats", "role", "roles", "capacity"]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_full_name_short_name_or_a_four_letter_stem() {
        for word in ["may", "june", "jun", "jun.", "sept", "sept.", "september", "jan", "janu", "dec", "marc"] {
            assert!(is_month(word), "{word}");
        }
        for word in ["ma", "mayor", "augus", "decembers", "junes", "octopus", "jab", "", "..."] {
            assert!(!is_month(word), "{word}");
        }
        // The three-letter match and the table agree on every month.
        for (full, short) in MONTHS {
            assert!(is_month(full) && is_month(short), "{full}");
        }
    }

    #[test]
    fn irregular_and_regular_verb_forms_find_their_lemma() {
        assert_eq!(verb("led"), Some(("lead", VerbForm::PastOrParticiple)));
        assert_eq!(verb("driven"), Some(("drive", VerbForm::Participle)));
        assert_eq!(verb("drove"), Some(("drive", VerbForm::Past)));
        assert_eq!(verb("drives"), Some(("drive", VerbForm::Third)));
        assert_eq!(verb("driving"), Some(("drive", VerbForm::Gerund)));
        assert_eq!(verb("asked"), Some(("ask", VerbForm::PastOrParticiple)));
        assert_eq!(verb("planning"), Some(("plan", VerbForm::Gerund)));
        assert_eq!(verb("facilitates"), Some(("facilitate", VerbForm::Third)));
        assert_eq!(verb("finishes"), Some(("finish", VerbForm::Third)));
        assert_eq!(verb("applies"), Some(("apply", VerbForm::Third)));
        assert_eq!(verb("wraps"), Some(("wrap", VerbForm::Third)));
        // An irregular verb has no regular past: "drived" is no form of "drive".
        assert_eq!(verb("drived"), None);
        assert_eq!(verb("agenda"), None);
        // Stems with a letter put back: "decid" + "e", "appli" → "apply".
        assert_eq!(verb("deciding"), Some(("decide", VerbForm::Gerund)));
        assert_eq!(verb("applied"), Some(("apply", VerbForm::PastOrParticiple)));
        // A word longer than any listed verb is none, whatever its ending.
        assert_eq!(verb(&format!("{}ies", "x".repeat(40))), None);
    }

    #[test]
    fn opinion_verbs_in_every_form_and_nothing_else() {
        for word in ["think", "thinks", "thinking", "thought", "believed", "felt", "feels"] {
            assert!(is_opinion_verb(word), "{word}");
        }
        for word in ["thin", "theme", "fee", "set", "", "t", "believer", "said"] {
            assert!(!is_opinion_verb(word), "{word}");
        }
        // The first look at two letters never turns down a word the look-up would take: every
        // listed form, and each with the regular endings.
        let endings = ["", "s", "es", "ed", "d", "ing", "ies", "ied"];
        for &(lemma, past, participle) in VERBS {
            for form in [lemma, past, participle, lemma.strip_suffix('e').unwrap_or(lemma)] {
                for ending in endings {
                    let word = format!("{form}{ending}");
                    let looked_up = verb(&word).is_some_and(|(l, _)| OPINION_VERBS.contains(l));
                    assert_eq!(is_opinion_verb(&word), looked_up, "{word}");
                }
            }
        }
    }

    /// Candidate stems are built in a buffer of `LONGEST_VERB` bytes: every listed verb fits.
    #[test]
    fn every_listed_verb_fits_the_stem_buffer() {
        for (lemma, past, participle) in VERBS {
            assert!(lemma.len() <= LONGEST_VERB && past.len() <= LONGEST_VERB && participle.len() <= LONGEST_VERB);
        }
    }

    #[test]
    fn units_months_and_numbers() {
        assert_eq!(time_unit("weeks"), Some("week"));
        assert_eq!(time_unit("semester"), Some("semester"));
        assert_eq!(time_unit("weekly"), None);
        assert!(is_month("sept") && is_month("may") && is_month("august") && !is_month("mar-"));
        assert!(is_number_word("12") && is_number_word("twelve") && !is_number_word("a"));
    }

    #[test]
    fn contractions_and_negated_auxiliaries() {
        assert_eq!(contracted_pronoun("they'll"), Some(("they", "will")));
        assert_eq!(contracted_pronoun("coach's"), None);
        assert_eq!(negated_auxiliary("isn't"), Some("be"));
        assert_eq!(negated_auxiliary("won't"), Some("will"));
        assert_eq!(fold_apostrophes("don’t"), "don't");
    }
}
