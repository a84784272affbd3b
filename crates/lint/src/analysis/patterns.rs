//! Compiles cm-core's word patterns (see `cm_core::cues`) into regular expressions over
//! normalised (lower-cased) prose.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::matcher::{starts, Class, Matcher, Pat, Reach, Runs};
use cm_core::{Cue, CUES};
#[cfg(test)]
use regex::Regex;

// The regular-expression form of the patterns is what the matcher mirrors; outside tests, where
// the two are compared, only the matcher is used.

/// White space between two words of a pattern.
#[cfg_attr(not(test), allow(dead_code))]
const SEP: &str = r"[\s\u{a0}]+";
/// One word for the `*` gaps.
#[cfg_attr(not(test), allow(dead_code))]
const GAP_WORD: &str = r"[^\s,;:.!?()\x22“”]+,?";
const APOSTROPHE: &str = "['’]";
const HYPHEN: &str = r"(?:[-‐‑–—]|\s)?";

pub(crate) const NUMBER_WORDS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-four|thirty|forty|fifty|sixty|ninety|hundred";

fn number() -> String {
    let one = format!(r"(?:[0-9]+(?:[.,][0-9]+)?|{NUMBER_WORDS})");
    format!(r"(?:{one}(?:\s*\([0-9]+\))?(?:\s*(?:[-‐‑–—]|to|or)\s*{one})?)")
}

const IRREGULAR: &[(&str, &[&str])] = &[
    ("give", &["give", "gives", "gave", "given", "giving"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("set", &["set", "sets", "setting"]),
    ("draw", &["draw", "draws", "drew", "drawn", "drawing"]),
    ("bring", &["bring", "brings", "brought", "bringing"]),
    ("hold", &["hold", "holds", "held", "holding"]),
    ("know", &["know", "knows", "knew", "known", "knowing"]),
    ("take", &["take", "takes", "took", "taken", "taking"]),
    ("teach", &["teach", "teaches", "taught", "teaching"]),
    ("show", &["show", "shows", "showed", "shown", "showing"]),
    ("have", &["have", "has", "had", "having"]),
    ("keep", &["keep", "keeps", "kept", "keeping"]),
    ("leave", &["leave", "leaves", "left", "leaving"]),
    ("find", &["find", "finds", "found", "finding"]),
    ("think", &["think", "thinks", "thought", "thinking"]),
    ("run", &["run", "runs", "ran", "running"]),
    ("make", &["make", "makes", "made", "making"]),
    ("choose", &["choose", "chooses", "chose", "chosen", "choosing"]),
    ("drive", &["drive", "drives", "drove", "driven", "driving"]),
    ("learn", &["learn", "learns", "learned", "learnt", "learning"]),
    ("swap", &["swap", "swaps", "swapped", "swapping"]),
    ("stop", &["stop", "stops", "stopped", "stopping"]),
    ("focus", &["focus", "focuses", "focused", "focussed", "focusing", "focussing"]),
    ("carry", &["carry", "carries", "carried", "carrying"]),
    ("steer", &["steer", "steers", "steered", "steering"]),
    ("hit", &["hit", "hits", "hitting"]),
    ("get", &["get", "gets", "got", "gotten", "getting"]),
    ("put", &["put", "puts", "putting"]),
    ("plan", &["plan", "plans", "planned", "planning"]),
    ("drop", &["drop", "drops", "dropped", "dropping"]),
    ("chat", &["chat", "chats", "chatted", "chatting"]),
    ("sit", &["sit", "sits", "sat", "sitting"]),
    ("meet", &["meet", "meets", "met", "meeting"]),
    ("beat", &["beat", "beats", "beaten", "beating"]),
    ("point", &["point", "points", "pointed", "pointing"]),
];

/// The inflections of a verb (or the plural of a noun): base, -s, -ed, -ing.
pub(crate) fn inflections(base: &str) -> Vec<String> {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(b, _)| *b == base) {
        return forms.iter().map(|s| (*s).to_string()).collect();
    }
    let mut out = vec![base.to_string()];
    let sibilant = ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| base.ends_with(e));
    if let Some(stem) = base.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else if let Some(stem) = base.strip_suffix('e') {
        out.push(format!("{base}s"));
        out.push(format!("{base}d"));
        out.push(format!("{stem}ing"));
    } else {
        out.push(if sibilant { format!("{base}es") } else { format!("{base}s") });
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    }
    out
}

#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
enum Item {
    /// Alternative word regexes, with the literal each alternative's match must contain (if any).
    Words(Vec<String>, Option<Vec<String>>, Vec<Pat>),
    /// Alternative sequences.
    Group(Vec<Vec<(Item, bool)>>),
    /// Up to n arbitrary words.
    Gap(usize),
}

struct Parser<'p> {
    chars: Vec<char>,
    pos: usize,
    pattern: &'p str,
}

impl Parser<'_> {
    fn sequence(&mut self, in_group: bool) -> Vec<(Item, bool)> {
        let mut items = Vec::new();
        loop {
            while self.peek() == Some(' ') {
                self.pos += 1;
            }
            match self.peek() {
                None => break,
                Some(')' | '|') if in_group => break,
                Some('(') => {
                    self.pos += 1;
                    let mut alternatives = vec![self.sequence(true)];
                    while self.peek() == Some('|') {
                        self.pos += 1;
                        alternatives.push(self.sequence(true));
                    }
                    assert_eq!(self.peek(), Some(')'), "unclosed group in cue pattern {:?}", self.pattern);
                    self.pos += 1;
                    let optional = self.eat('?');
                    items.push((Item::Group(alternatives), optional));
                }
                Some(_) => {
                    let word = self.word(in_group);
                    if word == "*" {
                        items.push((Item::Gap(3), false));
                    } else if word == "**" {
                        items.push((Item::Gap(6), false));
                    } else {
                        let optional = word.len() > 1 && word.ends_with('?');
                        let word = if optional { &word[..word.len() - 1] } else { &word[..] };
                        // The regex form is only built where tests compare it with the matcher.
                        let alternatives =
                            if cfg!(test) { word.split('|').map(word_regex).collect() } else { Vec::new() };
                        let anchors = word.split('|').map(word_anchors).collect::<Option<Vec<_>>>().map(|v| v.concat());
                        let pats = word.split('|').map(word_pat).collect();
                        items.push((Item::Words(alternatives, anchors, pats), optional));
                    }
                }
            }
        }
        items
    }

    fn word(&mut self, in_group: bool) -> String {
        let mut out = String::new();
        while let Some(ch) = self.peek() {
            if ch == ' ' || ch == '(' || (in_group && (ch == ')' || ch == '|')) {
                break;
            }
            out.push(ch);
            self.pos += 1;
        }
        out
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, ch: char) -> bool {
        if self.peek() == Some(ch) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
}

/// The regex for one pattern word.
fn word_regex(word: &str) -> String {
    if let Some(verb) = word.strip_prefix('~') {
        let forms: Vec<String> = inflections(verb).iter().map(|f| literal(f)).collect();
        return format!("(?:{})", forms.join("|"));
    }
    let mut out = String::new();
    let mut rest = word;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("#n") {
            out.push_str(&number());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@poss") {
            out.push_str("(?:their|his|her|your|my|our|its)");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@guided") {
            out.push_str(
                "(?:client|clients|coachee|coachees|mentee|mentees|learner|learners|participant|participants)",
            );
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@guide") {
            out.push_str("(?:coach|coaches|mentor|mentors)");
            rest = r;
        } else {
            let ch = rest.chars().next().unwrap_or(' ');
            out.push_str(&literal(&ch.to_string()));
            rest = &rest[ch.len_utf8()..];
        }
    }
    out
}

fn literal(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        match ch {
            '\'' | '’' => out.push_str(APOSTROPHE),
            '-' => out.push_str(HYPHEN),
            _ => out.push_str(&regex::escape(&ch.to_string())),
        }
    }
    out
}

#[cfg_attr(not(test), allow(dead_code))]
fn emit_sequence(items: &[(Item, bool)]) -> String {
    let first_required = items.iter().position(|(item, opt)| !*opt && !matches!(item, Item::Gap(_)));
    let mut out = String::new();
    let mut need_sep = false;
    for (idx, (item, optional)) in items.iter().enumerate() {
        if let Item::Gap(n) = item {
            out.push_str(&format!("(?:{SEP}{GAP_WORD}){{0,{n}}}"));
            continue;
        }
        let body = emit_item(item);
        if first_required.is_some_and(|f| idx < f) {
            // Optional words before the first required one carry their own separator.
            out.push_str(&format!("(?:{body}{SEP})?"));
            continue;
        }
        let prefix = if need_sep { SEP } else { "" };
        if *optional {
            out.push_str(&format!("(?:{prefix}{body})?"));
        } else {
            out.push_str(&format!("{prefix}{body}"));
        }
        need_sep = true;
    }
    out
}

#[cfg_attr(not(test), allow(dead_code))]
fn emit_item(item: &Item) -> String {
    match item {
        Item::Words(alternatives, _, _) => format!("(?:{})", alternatives.join("|")),
        Item::Group(sequences) => {
            let parts: Vec<String> = sequences.iter().map(|s| emit_sequence(s)).collect();
            format!("(?:{})", parts.join("|"))
        }
        Item::Gap(_) => String::new(),
    }
}

/// Literals one of which every match of a pattern word contains letter for letter: a verb's
/// inflections, or the longest stretch of the word without numbers, placeholders, apostrophes
/// and hyphens.
fn word_anchors(word: &str) -> Option<Vec<String>> {
    if let Some(verb) = word.strip_prefix('~') {
        let forms = inflections(verb);
        // "share" stands for "shares" and "shared" too.
        let kept = forms.iter().filter(|f| !forms.iter().any(|g| g != *f && f.starts_with(g.as_str())));
        return Some(kept.map(|f| f.to_lowercase()).collect());
    }
    let mut best = String::new();
    let mut current = String::new();
    let mut rest = word;
    while let Some(ch) = rest.chars().next() {
        let placeholder = ["#n", "@poss", "@guided", "@guide"].into_iter().find(|p| rest.starts_with(p));
        if let Some(p) = placeholder {
            rest = &rest[p.len()..];
        } else {
            rest = &rest[ch.len_utf8()..];
            if !matches!(ch, '\'' | '’' | '-') {
                current.push(ch);
                continue;
            }
        }
        if current.len() > best.len() {
            best = std::mem::take(&mut current);
        }
        current.clear();
    }
    if current.len() > best.len() {
        best = current;
    }
    (!best.is_empty()).then(|| vec![best.to_lowercase()])
}

/// Literals one of which every match of the sequence contains, or `None` when the sequence has
/// no such set. Of the required items, the one with the longest shortest literal is chosen.
fn sequence_anchors(items: &[(Item, bool)]) -> Option<Vec<String>> {
    items
        .iter()
        .filter(|(_, optional)| !optional)
        .filter_map(|(item, _)| item_anchors(item))
        .max_by_key(|set| anchor_rank(set))
}

fn item_anchors(item: &Item) -> Option<Vec<String>> {
    match item {
        Item::Words(_, anchors, _) => anchors.clone(),
        Item::Group(sequences) => {
            let sets: Option<Vec<Vec<String>>> = sequences.iter().map(|s| sequence_anchors(s)).collect();
            sets.map(|sets| sets.concat())
        }
        Item::Gap(_) => None,
    }
}

/// The matcher pattern for one pattern word (see [`word_regex`], which it mirrors).
fn word_pat(word: &str) -> Pat {
    if let Some(verb) = word.strip_prefix('~') {
        return Pat::alt(inflections(verb).iter().map(|f| literal_pat(f)).collect());
    }
    let strs = |words: &[&'static str]| Pat::Alt(words.iter().map(|&w| Pat::Str(w.into())).collect());
    static NUMBER: LazyLock<Pat> = LazyLock::new(Pat::number);
    let mut parts = Vec::new();
    // Literal text since the last placeholder.
    let mut literal = String::new();
    let mut rest = word;
    while !rest.is_empty() {
        if rest.starts_with(['#', '@']) {
            parts.extend(literal_parts(&literal));
            literal.clear();
        }
        if let Some(r) = rest.strip_prefix("#n") {
            parts.push(NUMBER.clone());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@poss") {
            parts.push(strs(&["their", "his", "her", "your", "my", "our", "its"]));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@guided") {
            parts.push(strs(&[
                "client",
                "clients",
                "coachee",
                "coachees",
                "mentee",
                "mentees",
                "learner",
                "learners",
                "participant",
                "participants",
            ]));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("@guide") {
            parts.push(strs(&["coach", "coaches", "mentor", "mentors"]));
            rest = r;
        } else {
            let ch = rest.chars().next().unwrap_or(' ');
            literal.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    parts.extend(literal_parts(&literal));
    Pat::seq(merge_strings(parts))
}

/// The matcher parts for literal text (see [`literal`]).
fn literal_parts(text: &str) -> Vec<Pat> {
    let mut parts = Vec::new();
    let mut run = String::new();
    for ch in text.chars() {
        let part = match ch {
            '\'' | '’' => Pat::One(Class::Apostrophe),
            '-' => Pat::opt(Pat::Alt(vec![Pat::One(Class::Dash), Pat::One(Class::Space)])),
            _ => {
                run.push(ch);
                continue;
            }
        };
        if !run.is_empty() {
            parts.push(Pat::Str(std::mem::take(&mut run).into()));
        }
        parts.push(part);
    }
    if !run.is_empty() {
        parts.push(Pat::Str(run.into()));
    }
    parts
}

fn literal_pat(text: &str) -> Pat {
    Pat::seq(merge_strings(literal_parts(text)))
}

/// Joins neighbouring literal strings into one.
fn merge_strings(parts: Vec<Pat>) -> Vec<Pat> {
    let mut out: Vec<Pat> = Vec::with_capacity(parts.len());
    for part in parts {
        if let (Some(Pat::Str(last)), Pat::Str(next)) = (out.last_mut(), &part) {
            last.to_mut().push_str(next);
            continue;
        }
        out.push(part);
    }
    out
}

/// The matcher pattern for a sequence (see [`emit_sequence`], which it mirrors).
fn sequence_pat(items: &[(Item, bool)]) -> Pat {
    let first_required = items.iter().position(|(item, opt)| !*opt && !matches!(item, Item::Gap(_)));
    let sep = || Pat::Many(Class::Space);
    let mut out = Vec::new();
    let mut need_sep = false;
    for (idx, (item, optional)) in items.iter().enumerate() {
        if let Item::Gap(n) = item {
            let word = Pat::Seq(vec![sep(), Pat::Many(Class::GapChar), Pat::opt(Pat::Str(",".into()))]);
            out.push(Pat::Repeat(Box::new(word), *n));
            continue;
        }
        let body = item_pat(item);
        if first_required.is_some_and(|f| idx < f) {
            out.push(Pat::opt(Pat::Seq(vec![body, sep()])));
            continue;
        }
        let mut with_prefix = Vec::new();
        if need_sep {
            with_prefix.push(sep());
        }
        with_prefix.push(body);
        let part = Pat::seq(with_prefix);
        out.push(if *optional { Pat::opt(part) } else { part });
        need_sep = true;
    }
    Pat::seq(out)
}

fn item_pat(item: &Item) -> Pat {
    match item {
        Item::Words(_, _, pats) => Pat::alt(pats.clone()),
        Item::Group(sequences) => Pat::alt(sequences.iter().map(|s| sequence_pat(s)).collect()),
        Item::Gap(_) => Pat::Seq(Vec::new()),
    }
}

/// A pattern compiled: the regex source and the literals one of which each match contains.
pub(crate) struct Compiled {
    /// The regular expression the matcher mirrors (tests compare the two).
    #[cfg(test)]
    pub source: String,
    /// The same pattern for the backtracking matcher.
    pub pat: Pat,
    /// The pattern starts with a word boundary.
    pub starts_word: bool,
    /// Every set of anchor literals: each match contains a literal of each set.
    pub anchor_sets: Vec<Vec<String>>,
    /// For each set, how far into a match its literal can end: the reach of the pattern's
    /// items up to the one that holds the set.
    pub anchor_leads: Vec<Reach>,
}

/// The regex source for a pattern.
#[cfg(test)]
pub(crate) fn compile(pattern: &str) -> String {
    compile_with_anchors(pattern).source
}

/// The regex source for a pattern, with its anchor literals.
pub(crate) fn compile_with_anchors(pattern: &str) -> Compiled {
    let mut parser = Parser { chars: pattern.chars().collect(), pos: 0, pattern };
    let items = parser.sequence(false);
    let (anchor_sets, anchor_leads): (Vec<Vec<String>>, Vec<Reach>) = items
        .iter()
        .enumerate()
        .filter(|(_, (_, optional))| !optional)
        .filter_map(|(i, (item, _))| item_anchors(item).map(|set| (set, Reach::of(&sequence_pat(&items[..=i])))))
        .unzip();
    let trimmed = pattern.trim();
    let starts_word =
        trimmed.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '~' || c == '#' || c == '@' || c == '(');
    let ends_word = trimmed.chars().last().is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '?');
    // ASCII word boundaries keep the whole cue set on the fast DFA engines; a Unicode boundary
    // sends every non-ASCII text to the slow PikeVM. Cue words are ASCII.
    #[cfg(test)]
    let source = {
        let body = emit_sequence(&items);
        format!("{}(?:{body}){}", if starts_word { r"(?-u:\b)" } else { "" }, if ends_word { r"(?-u:\b)" } else { "" })
    };
    let mut parts = Vec::new();
    if starts_word {
        parts.push(Pat::Boundary);
    }
    parts.push(sequence_pat(&items));
    if ends_word {
        parts.push(Pat::Boundary);
    }
    Compiled {
        #[cfg(test)]
        source,
        pat: Pat::seq(parts),
        starts_word,
        anchor_sets,
        anchor_leads,
    }
}

/// A cue, ready to match.
pub(crate) struct CompiledCue {
    pub cue: &'static Cue,
    matcher: Matcher,
    /// How far into a match the literal of its most selective anchor set can end.
    lead: Reach,
    /// The regular expression the matcher mirrors, for tests.
    #[cfg(test)]
    source: String,
}

impl CompiledCue {
    /// Every match in `text` (normalised prose), leftmost-first, as byte ranges.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        self.matcher.find_iter(text)
    }

    /// The same matches, trying only the starts near the occurrences of the cue's anchor
    /// literals that `scan` found: a match holds one of them within its items up to the one
    /// that holds the set, so it starts at most their longest possible length before that
    /// literal ends.
    #[cfg(test)]
    pub fn find_near(&self, text: &str, scan: &Scan, literals: &[u32], literal_len: &[usize]) -> Vec<(usize, usize)> {
        self.matcher.find_in(text, &self.windows(text, scan, literals, literal_len))
    }

    /// The ranges of start positions (sorted, inclusive, apart) near the anchor literals.
    fn windows(&self, text: &str, scan: &Scan, literals: &[u32], literal_len: &[usize]) -> Vec<(usize, usize)> {
        let reach = self.lead.bound(scan.runs(text));
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for &l in literals {
            let l = l as usize;
            let len = literal_len[l];
            windows.extend(scan.hits.get(l).into_iter().flatten().map(|&p| ((p + len).saturating_sub(reach), p)));
        }
        // (Sorted runs, one per literal: the stable sort merges runs.)
        windows.sort();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
        for (from, to) in windows {
            match merged.last_mut() {
                Some(last) if from <= last.1.saturating_add(1) => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        merged
    }

    /// The regular expression the matcher mirrors.
    #[cfg(test)]
    pub fn regex(&self) -> Regex {
        Regex::new(&self.source).unwrap_or_else(|e| panic!("cue pattern {:?} compiles: {e}", self.cue.pattern))
    }
}

/// How well a set of anchor literals filters: sets without a practice word first, then longer
/// shortest literals, then fewer.
/// (A set with a practice word ranks last: every text the engine reads closely holds one, so
/// it filters nothing there.)
fn anchor_rank(set: &[String]) -> (bool, usize, std::cmp::Reverse<usize>) {
    let practice = set.iter().any(|l| super::holders::is_practice_word(l));
    (!practice, set.iter().map(String::len).min().unwrap_or(0), std::cmp::Reverse(set.len()))
}

/// Every cue, compiled once, with a literal scan for a quick first pass: a cue's regex runs on
/// a text only when, for each of its required words, one of that word's anchor literals occurs
/// there. One automaton scans for each cue's most selective set; the cue's other sets are then
/// checked on the few cues left.
pub(crate) struct CueTable {
    pub cues: Vec<CompiledCue>,
    /// The most selective anchor set of every cue, all literals together.
    anchors: AhoCorasick,
    /// For each literal of `anchors`, the cues whose most selective set has it.
    anchor_cues: Vec<Vec<u16>>,
    /// For each cue, its other anchor sets, as numbers of `other_literals`.
    other_sets: Vec<Vec<Vec<u32>>>,
    /// The literals of the other sets, each with its SIMD substring finder.
    other_literals: Vec<memchr::memmem::Finder<'static>>,
    /// Cues without anchors: their regex runs on every text.
    unanchored: Vec<u16>,
    /// For each cue, the literals of its most selective set (numbers in `anchors`).
    cue_literals: Vec<Vec<u32>>,
    /// The length of each literal of `anchors`.
    literal_len: Vec<usize>,
    /// The literals some cue's every match starts with (`matcher::starts`), all cues together;
    /// the automaton is built when a long text first needs it (most runs never do).
    start_names: Vec<String>,
    starts: std::sync::OnceLock<AhoCorasick>,
    /// For each cue, the literals of `starts` its matches start with, if it has them.
    cue_starts: Vec<Option<Vec<u32>>>,
}

/// What the anchor scan of one text found: the cues that may match, and where each anchor
/// literal occurs.
pub(crate) struct Scan {
    pub cues: Vec<usize>,
    /// For each literal of the anchor automaton, where it starts (in order).
    hits: Vec<Vec<usize>>,
    /// The text's longest runs, found when first needed.
    runs: std::cell::OnceCell<Runs>,
    /// For each literal of `CueTable::starts`, where it starts (in order), found when first
    /// needed.
    start_hits: std::cell::OnceCell<Vec<Vec<usize>>>,
}

impl Scan {
    fn runs(&self, text: &str) -> Runs {
        *self.runs.get_or_init(|| Runs::of(text))
    }

    fn start_hits(&self, text: &str, starts: &AhoCorasick) -> &[Vec<usize>] {
        self.start_hits.get_or_init(|| {
            let mut hits = vec![Vec::new(); starts.patterns_len()];
            for m in starts.find_overlapping_iter(text) {
                hits[m.pattern().as_usize()].push(m.start());
            }
            hits
        })
    }
}

/// Below this length a text is matched from every position: cheaper than finding windows.
const WINDOWED_FROM: usize = 4096;
/// Below this length a text is matched from every position its first bytes allow: cheaper than
/// finding where the start literals occur.
const STARTS_FROM: usize = 256;

impl CueTable {
    /// The cues that may match `text`, in table order.
    #[cfg(test)]
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        self.scan(text).cues
    }

    /// Every match of cue `idx` (one of `scan.cues`) in `text`.
    ///
    /// A long text is matched only where a match can start: near the cue's anchor literals, and
    /// where one of the literals its matches start with occurs, when it has them. A dense
    /// text holds anchors everywhere, so the second filter is the one that counts there.
    pub fn find(&self, idx: usize, text: &str, scan: &Scan) -> Vec<(usize, usize)> {
        let cue = &self.cues[idx];
        if text.len() < STARTS_FROM {
            return cue.find_iter(text);
        }
        let literals = &self.cue_literals[idx];
        let windows = (text.len() >= WINDOWED_FROM && !literals.is_empty())
            .then(|| cue.windows(text, scan, literals, &self.literal_len));
        let Some(starts) = &self.cue_starts[idx] else {
            return match windows {
                Some(windows) => cue.matcher.find_in(text, &windows),
                None => cue.find_iter(text),
            };
        };
        let automaton = self.starts.get_or_init(|| {
            AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&self.start_names)
                .expect("start literals build an automaton")
        });
        let hits = scan.start_hits(text, automaton);
        let mut positions: Vec<usize> = starts.iter().flat_map(|&l| hits[l as usize].iter().copied()).collect();
        if starts.len() > 1 {
            // The positions are sorted runs, one per literal: the stable sort merges runs.
            positions.sort();
            positions.dedup();
        }
        if let Some(windows) = windows {
            let mut w = windows.iter().peekable();
            positions.retain(|&p| {
                while w.next_if(|&&(_, to)| to < p).is_some() {}
                w.peek().is_some_and(|&&(from, _)| from <= p)
            });
        }
        cue.matcher.find_at(text, &positions)
    }

    /// The cues that may match `text`, in table order, with where their anchors occur.
    pub fn scan(&self, text: &str) -> Scan {
        let mut hits: Vec<Vec<usize>> = Vec::new();
        let keep_hits = text.len() >= WINDOWED_FROM;
        // A flag per cue, not a list per occurrence: a long block holds its anchors thousands
        // of times, and sorting that list cost more than matching.
        let mut flagged = vec![false; self.cues.len()];
        for &c in &self.unanchored {
            flagged[usize::from(c)] = true;
        }
        for m in self.anchors.find_overlapping_iter(text) {
            let literal = m.pattern().as_usize();
            for &c in &self.anchor_cues[literal] {
                flagged[usize::from(c)] = true;
            }
            if keep_hits {
                if hits.is_empty() {
                    hits.resize(self.anchor_cues.len(), Vec::new());
                }
                hits[literal].push(m.start());
            }
        }
        let mut touched: Vec<usize> = (0..flagged.len()).filter(|&c| flagged[c]).collect();
        let (runs, start_hits) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
        if touched.is_empty() {
            return Scan { cues: touched, hits, runs, start_hits };
        }
        // Whether each other literal occurs: looked up once, when first needed.
        let mut found: Vec<Option<bool>> = Vec::new();
        let mut occurs = |l: u32| {
            let l = l as usize;
            if found.is_empty() {
                found.resize(self.other_literals.len(), None);
            }
            *found[l].get_or_insert_with(|| self.other_literals[l].find(text.as_bytes()).is_some())
        };
        touched.retain(|&c| self.other_sets[c].iter().all(|set| set.iter().any(|&l| occurs(l))));
        Scan { cues: touched, hits, runs, start_hits }
    }
}

pub(crate) static CUE_TABLE: LazyLock<CueTable> = LazyLock::new(|| {
    let mut literals: Vec<String> = Vec::new();
    let mut anchor_cues: Vec<Vec<u16>> = Vec::new();
    let mut other_sets = Vec::with_capacity(CUES.len());
    let mut other_names: Vec<String> = Vec::new();
    let mut unanchored = Vec::new();
    let mut cue_literals = Vec::with_capacity(CUES.len());
    let mut cues = Vec::with_capacity(CUES.len());
    let mut start_names: Vec<String> = Vec::new();
    let mut cue_starts = Vec::with_capacity(CUES.len());
    for (idx, cue) in CUES.iter().enumerate() {
        let idx = u16::try_from(idx).expect("fewer than 65,536 cues");
        let compiled = compile_with_anchors(cue.pattern);
        let mut sets = compiled.anchor_sets;
        let best = sets.iter().enumerate().max_by_key(|(_, set)| anchor_rank(set)).map(|(i, _)| i);
        let lead = best.map(|b| compiled.anchor_leads[b]).unwrap_or_default();
        let mut mine = Vec::new();
        match best {
            Some(best) => {
                for literal in sets.swap_remove(best) {
                    let at = literals.iter().position(|l| *l == literal).unwrap_or_else(|| {
                        literals.push(literal);
                        anchor_cues.push(Vec::new());
                        literals.len() - 1
                    });
                    if !anchor_cues[at].contains(&idx) {
                        anchor_cues[at].push(idx);
                    }
                    let at = u32::try_from(at).expect("fewer than 2^32 literals");
                    if !mine.contains(&at) {
                        mine.push(at);
                    }
                }
            }
            None => unanchored.push(idx),
        }
        cue_literals.push(mine);
        let numbered = sets
            .iter()
            .map(|set| {
                set.iter()
                    .map(|literal| {
                        let at = other_names.iter().position(|l| l == literal).unwrap_or_else(|| {
                            other_names.push(literal.clone());
                            other_names.len() - 1
                        });
                        u32::try_from(at).expect("fewer than 2^32 literals")
                    })
                    .collect()
            })
            .collect();
        other_sets.push(numbered);
        cue_starts.push(starts(&compiled.pat).map(|literals| {
            literals
                .into_iter()
                .map(|literal| {
                    let at = start_names.iter().position(|l| *l == literal).unwrap_or_else(|| {
                        start_names.push(literal);
                        start_names.len() - 1
                    });
                    u32::try_from(at).expect("fewer than 2^32 literals")
                })
                .collect()
        }));
        cues.push(CompiledCue {
            cue,
            lead,
            matcher: Matcher::new(compiled.pat, compiled.starts_word),
            #[cfg(test)]
            source: compiled.source,
        });
    }
    let anchors = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&literals)
        .expect("anchor literals build an automaton");
    let other_literals = other_names.iter().map(|l| memchr::memmem::Finder::new(l.as_bytes()).into_owned()).collect();
    let literal_len = literals.iter().map(String::len).collect();
    CueTable {
        cues,
        anchors,
        anchor_cues,
        other_sets,
        other_literals,
        unanchored,
        cue_literals,
        literal_len,
        start_names,
        starts: std::sync::OnceLock::new(),
        cue_starts,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        Regex::new(&compile(pattern)).unwrap().is_match(text)
    }

    #[test]
    fn every_cue_compiles() {
        assert_eq!(CUE_TABLE.cues.len(), CUES.len());
        for cue in &CUE_TABLE.cues {
            let _ = cue.regex();
        }
    }

    #[test]
    fn no_cue_can_match_nothing_but_white_space() {
        // A word with "?" in an alternation ("(agenda|goals|themes?)") makes the whole group
        // optional, not the plural: the cue then matches around missing words (" you set").
        for cue in CUES {
            for item in cue.pattern.split([' ', '|', '(']) {
                let word = item.trim_end_matches(')');
                assert!(
                    !(word.ends_with('?')
                        && word.len() > 1
                        && word.chars().rev().nth(1).is_some_and(char::is_alphabetic)),
                    "cue {:?}: '?' after a word makes its whole group optional; list both forms",
                    cue.pattern
                );
            }
            for (start, end) in
                CUE_TABLE.cues[CUES.iter().position(|c| c.pattern == cue.pattern).unwrap()].find_iter("  one two  ")
            {
                assert!(end > start, "cue {:?} matches an empty span", cue.pattern);
            }
        }
    }

    #[test]
    fn inflects_verbs() {
        assert!(matches("~share advice", "she shared advice"));
        assert!(matches("~give advice", "they have given advice"));
        assert!(matches("~carry on", "pairs carried on"));
        assert!(matches("~facilitate", "she facilitates"));
    }

    #[test]
    fn optional_words_and_groups() {
        assert!(matches("(has|have) (already)? been there (before)?", "who has been there"));
        assert!(matches("(has|have) (already)? been there (before)?", "who have already been there before"));
        assert!(!matches("(has|have) been there", "who been there"));
        assert!(matches("(the)? agenda ~belong to", "agenda belongs to them"));
    }

    #[test]
    fn numbers_ranges_and_hyphens() {
        assert!(matches("#n-week * programme", "our new 12-week mentoring programme"));
        assert!(matches("#n-week * programme", "a twelve week programme"));
        assert!(matches("#n (weeks|months)", "3–12 months"));
        assert!(matches("#n (weeks|months)", "three to twelve months"));
        assert!(matches("time-bound", "time bound"));
        assert!(matches("time-bound", "time-bound"));
    }

    #[test]
    fn gaps_skip_a_few_words() {
        assert!(matches("~share * lessons", "share the hard lessons"));
        assert!(!matches("~share * lessons", "share one two three four lessons"));
    }

    #[test]
    fn respects_word_boundaries() {
        assert!(!matches("advice", "advices"));
        assert!(matches("@guide's experience", "their coach's experience"));
        assert!(matches("@guide's experience", "their coach’s experience"));
    }
}

#[cfg(test)]
mod duration_tests {
    use super::*;

    #[test]
    fn matches_numbered_programmes() {
        let re = Regex::new(&compile("#n-week|#n-month|#n-day|#n-session * programme|program|engagement")).unwrap();
        assert!(re.is_match("our new 12-week mentoring programme"), "{}", compile("#n-week|#n-month * programme"));
    }
}
#[cfg(test)]
mod anchor_tests {
    use super::*;

    /// Every text of the repository's fixtures and of the labelled corpus (when present).
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = Vec::new();
        let mut dirs = vec![root.join("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(text);
                }
            }
        }
        out.extend(crate::test_support::labelled_corpus().lines().map(str::to_string));
        out.iter().map(|t| crate::analysis::text::normalise(t)).collect()
    }

    /// Paragraphs of the bench corpus (`../shared/bench-corpus`) that name a practice.
    fn bench_paragraphs() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench-corpus");
        let mut out = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    let text = crate::analysis::text::normalise(&text);
                    out.extend(
                        text.split("\n\n").filter(|p| p.contains("coach") || p.contains("mentor")).map(str::to_string),
                    );
                }
            }
        }
        out.sort();
        out.truncate(2000);
        out
    }

    #[test]
    fn the_matcher_finds_what_the_regex_finds() {
        let mut texts = texts();
        texts.extend(
            [
                "a 3–12 month programme; twenty-four weeks; three to twelve months; 2.5-day course",
                "they share their own hard-won lessons, stories and mistakes",
                "coach’s experience; coachs' view; mentors' time-bound, time bound, timebound plans",
                "set the agenda ,  set  (the) agenda; sets their agenda. “decides” the agenda",
            ]
            .map(str::to_string),
        );
        assert!(matcher_agrees_with_regex(&texts) > 200, "too few matches compared");
    }

    #[test]
    #[ignore = "slow differential test over ../shared/bench-corpus; the full tier runs it"]
    fn the_matcher_finds_what_the_regex_finds_on_the_bench_corpus() {
        let paragraphs = bench_paragraphs();
        if paragraphs.is_empty() {
            assert!(std::env::var_os("CM_LINT_REQUIRE_ALL").is_none_or(|v| v != "1"), "the bench corpus is missing");
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "SKIPPED the_matcher_finds_what_the_regex_finds_on_the_bench_corpus: no ../shared/bench-corpus"
                );
            }
            return;
        }
        assert!(matcher_agrees_with_regex(&paragraphs) > 200, "too few matches compared");
    }

    /// Asserts that every cue's matcher finds exactly what its regular expression finds in each
    /// text; returns how many matches were compared.
    fn matcher_agrees_with_regex(texts: &[String]) -> usize {
        let regexes: Vec<Regex> = CUE_TABLE.cues.iter().map(CompiledCue::regex).collect();
        let mut matches = 0;
        for text in texts {
            for (cue, regex) in CUE_TABLE.cues.iter().zip(&regexes) {
                let expected: Vec<(usize, usize)> = regex.find_iter(text).map(|m| (m.start(), m.end())).collect();
                matches += expected.len();
                assert_eq!(cue.find_iter(text), expected, "{:?} on {text:?}", cue.cue.pattern);
            }
        }
        matches
    }

    #[test]
    fn anchors_never_hide_a_match() {
        let texts = texts();
        assert!(texts.len() > 50, "fixtures found");
        let mut matched = 0;
        for text in &texts {
            let candidates = CUE_TABLE.candidates(text);
            for (idx, compiled) in CUE_TABLE.cues.iter().enumerate() {
                if !compiled.find_iter(text).is_empty() {
                    matched += 1;
                    assert!(candidates.contains(&idx), "{:?} matches but its anchors missed it", compiled.cue.pattern);
                }
            }
        }
        assert!(matched > 100, "cues matched the texts {matched} times");
    }

    /// Matching near the anchors finds what matching from every position finds: on each text
    /// (windows forced, whatever its length), and on one long text of them all.
    #[test]
    fn windows_never_hide_a_match() {
        let mut texts = texts();
        texts.push(texts.join(" "));
        let table = &*CUE_TABLE;
        let mut compared = 0;
        for text in &texts {
            // Every hit, as a long text keeps them, whatever this text's length.
            let mut scan = table.scan(text);
            scan.hits = vec![Vec::new(); table.anchor_cues.len()];
            for m in table.anchors.find_overlapping_iter(text.as_str()) {
                scan.hits[m.pattern().as_usize()].push(m.start());
            }
            for &idx in &scan.cues {
                let cue = &table.cues[idx];
                let all = cue.find_iter(text);
                compared += all.len();
                if !table.cue_literals[idx].is_empty() {
                    let near = cue.find_near(text, &scan, &table.cue_literals[idx], &table.literal_len);
                    assert_eq!(near, all, "{:?}", cue.cue.pattern);
                }
                assert_eq!(table.find(idx, text, &scan), all, "{:?}", cue.cue.pattern);
            }
        }
        assert!(compared > 1000, "only {compared} matches compared");
    }

    /// The qualifiers of a length are one concept spliced into every length cue: an upper bound
    /// or an approximation is part of the trait phrase; a lower bound is no fixed term.
    #[test]
    fn a_length_takes_its_qualifier_whole() {
        let whole = |text: &str| {
            CUE_TABLE.cues.iter().any(|c| {
                c.cue.dimension == cm_core::Dimension::Duration && c.find_iter(text).contains(&(0, text.len()))
            })
        };
        for text in [
            "runs for a maximum of nine months",
            "lasts up to a maximum of six months",
            "runs for no longer than a year",
            "lasts roughly 12 weeks",
        ] {
            assert!(whole(text), "{text}");
        }
        assert!(!whole("lasts at least six months"), "a minimum is no fixed term");
        assert!(!whole("runs for a minimum of nine months"));
    }

    /// Matching only where a start literal occurs finds what matching from every position
    /// finds, on every text (whatever its length) and on one long text of them all.
    #[test]
    fn start_literals_never_hide_a_match() {
        let mut texts = texts();
        texts.push(texts.join(" "));
        let table = &*CUE_TABLE;
        let automaton = AhoCorasick::new(&table.start_names).expect("builds");
        let (mut compared, mut with_starts) = (0, 0);
        for text in &texts {
            let mut hits = vec![Vec::new(); table.start_names.len()];
            for m in automaton.find_overlapping_iter(text.as_str()) {
                hits[m.pattern().as_usize()].push(m.start());
            }
            for (idx, cue) in table.cues.iter().enumerate() {
                let Some(starts) = &table.cue_starts[idx] else { continue };
                with_starts += 1;
                let mut positions: Vec<usize> = starts.iter().flat_map(|&l| hits[l as usize].clone()).collect();
                positions.sort_unstable();
                positions.dedup();
                let all = cue.find_iter(text);
                compared += all.len();
                assert_eq!(cue.matcher.find_at(text, &positions), all, "{:?} on {text:?}", cue.cue.pattern);
            }
        }
        assert!(compared > 1000 && with_starts > 1000, "only {compared} matches compared");
    }

    #[test]
    fn start_literals_are_the_first_words_a_match_can_begin_with() {
        let starts_of = |pattern: &str| starts(&compile_with_anchors(pattern).pat);
        assert_eq!(starts_of("(the)? agenda"), Some(vec!["the".to_string(), "agenda".to_string()]));
        assert_eq!(starts_of("~ask questions"), Some(vec!["ask".into()]), "\"asks\" and \"asking\" start with \"ask\"");
        assert_eq!(starts_of("~give advice"), Some(vec!["gave".into(), "give".into(), "giving".into()]));
        assert_eq!(starts_of("* agenda"), None, "a gap word starts anywhere");
        let number = starts_of("#n-week").expect("a number starts with a digit or a number word");
        assert!(number.contains(&"7".to_string()) && number.contains(&"twenty".to_string()));
        assert!(!number.contains(&"twenty-four".to_string()), "\"twenty\" starts it already");
    }

    #[test]
    fn a_lead_reaches_to_the_end_of_its_anchor_item() {
        // "#n-week * programme": the most selective set is "programme", after a number, a
        // hyphen, "week" and a gap word; a gap word may be as long as the text's longest run.
        let compiled = compile_with_anchors("#n-week * programme");
        let runs = Runs { space: 1, gap: 10 };
        let leads: Vec<usize> = compiled.anchor_leads.iter().map(|r| r.bound(runs)).collect();
        assert_eq!(compiled.anchor_sets, [["week"], ["programme"]]);
        assert!(leads[0] >= "twenty-four-week".len(), "{leads:?}");
        assert!(leads[1] >= "twenty-four-week 0123456789, programme".len(), "{leads:?}");
        assert!(leads[0] < leads[1]);
    }

    fn sets(pattern: &str) -> Vec<Vec<String>> {
        compile_with_anchors(pattern).anchor_sets
    }

    #[test]
    fn a_set_of_practice_words_is_the_last_anchor_chosen() {
        // "coaching" is the longest shortest literal, but every text read closely holds a
        // practice word: the scan anchors on the unit instead.
        let all = sets("~offer|~provide #n months of mentoring|coaching");
        let best = all.iter().max_by_key(|s| anchor_rank(s)).expect("anchored");
        assert_eq!(best, &["months"]);
    }

    #[test]
    fn anchors_are_literal_stretches() {
        assert_eq!(sets("#n-week * programme"), [["week"], ["programme"]]);
        assert_eq!(sets("time-bound"), [["bound"]]);
        assert_eq!(sets("~share advice"), [vec!["share", "sharing"], vec!["advice"]]);
        assert_eq!(sets("~give"), [["give", "gave", "giving"]], "\"give\" stands for \"gives\" and \"given\"");
        assert_eq!(sets("(their|your) own"), [vec!["their", "your"], vec!["own"]]);
        assert_eq!(sets("(their own|a (new|fresh)) path"), [vec!["their", "new", "fresh"], vec!["path"]]);
        assert!(sets("#n").is_empty());
        assert_eq!(sets("(the)? agenda"), [["agenda"]]);
    }

    #[test]
    fn candidates_skip_cues_without_their_words() {
        let none = CUE_TABLE.candidates("zzz qqq");
        assert!(none.iter().all(|&c| CUE_TABLE.cues[c].find_iter("zzz qqq").is_empty()));
        assert!(
            none.len() < CUE_TABLE.cues.len() / 4,
            "{} of {} cues are candidates",
            none.len(),
            CUE_TABLE.cues.len()
        );
    }
}
