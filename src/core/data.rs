//! The word lists and patterns the rules match against: the built-in lists in `src/data/`
//! (compiled in) merged with the desk's `copydesk.toml`. Everything is keyed by lookup keys
//! built once, so checking a word is a hash lookup.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::core::arabic;
use crate::core::config::Config;

pub const MISSPELLINGS: &str = include_str!("../data/misspellings.txt");
pub const CONTEXT_RULES: &str = include_str!("../data/context.txt");
pub const ATTRIBUTION: &str = include_str!("../data/attribution.txt");
pub const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");
pub const FUNCTION_WORDS: &str = include_str!("../data/function-words.txt");
pub const TITLE_NOUNS: &str = include_str!("../data/title-nouns.txt");
pub const GIVEN_NAMES: &str = include_str!("../data/given-names.txt");
pub const CHROME_WORDS: &str = include_str!("../data/chrome-words.txt");
pub const EXTRA_WORDS: &str = include_str!("../data/extra-words.txt");

/// The non-comment, non-blank lines of a data file, with their 1-based line numbers.
pub fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        // (the text before the first " #"; a byte search for '#', since most lines have none)
        let mut cut = l.len();
        let mut from = 0;
        while let Some(at) = l[from..].find('#').map(|at| from + at) {
            if at > 0 && l.as_bytes()[at - 1] == b' ' {
                cut = at - 1;
                break;
            }
            from = at + 1;
        }
        let l = l[..cut].trim();
        (!l.is_empty() && !l.starts_with('#')).then_some((i + 1, l))
    })
}

/// A known misspelling of one word (its key) and its correction as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub right: String,
    /// Stored by its stem from an entry with the article (`الإدراة`): it matches only after
    /// a clitic chain that ends in the article, since the bare stem may be another word
    /// (`المنطقه` is wrong, `منطقه` "his logic" is not).
    pub needs_article: bool,
    /// From the desk's config rather than the built-in list.
    pub from_config: bool,
}

/// A misspelling that spans several words (`إنشاء الله`), or one word that should be
/// several (`إنشاءالله`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseCorrection {
    /// Keys of the words, in order.
    pub words: Vec<String>,
    pub right: String,
}

/// The phrase misspellings as a tree of words, so that finding the phrases that start at a
/// word follows the text word by word instead of trying every phrase with the same first
/// word (80,000 desk phrases sharing a first word made each occurrence try them all).
#[derive(Clone, Debug, Default)]
pub struct PhraseTree {
    nodes: Vec<PhraseNode>,
}

#[derive(Clone, Debug, Default)]
struct PhraseNode {
    children: HashMap<String, usize>,
    /// The index in insertion order of the first phrase that ends here, and the phrase.
    ends: Option<(usize, PhraseCorrection)>,
}

impl PhraseTree {
    fn insert(&mut self, order: usize, phrase: PhraseCorrection) {
        if self.nodes.is_empty() {
            self.nodes.push(PhraseNode::default());
        }
        let mut at = 0;
        for w in &phrase.words {
            at = match self.nodes[at].children.get(w.as_str()) {
                Some(&next) => next,
                None => {
                    let next = self.nodes.len();
                    self.nodes.push(PhraseNode::default());
                    self.nodes[at].children.insert(w.clone(), next);
                    next
                }
            };
        }
        // The first entry for these words wins, as it did when they were tried in order.
        if self.nodes[at].ends.is_none() {
            self.nodes[at].ends = Some((order, phrase));
        }
    }

    /// Whether some phrase starts with the word `first` (when none does, [`PhraseTree::find`]
    /// finds nothing for it, whatever follows).
    pub fn starts(&self, first: &str) -> bool {
        self.nodes.first().is_some_and(|root| root.children.contains_key(first))
    }

    /// The phrase that `first` and the keys `rest` yields start, if any: of all the phrases
    /// that match (one per length), the one added first. `rest` is asked lazily and may end
    /// early (a line ending, punctuation between words).
    pub fn find<'k>(&self, first: &str, rest: impl Iterator<Item = &'k str>) -> Option<&PhraseCorrection> {
        let mut at = *self.nodes.first()?.children.get(first)?;
        let mut best: Option<&(usize, PhraseCorrection)> = None;
        let mut rest = rest;
        loop {
            if let Some(end) = &self.nodes[at].ends {
                if best.is_none_or(|b| end.0 < b.0) {
                    best = Some(end);
                }
            }
            let Some(next) = rest.next().and_then(|w| self.nodes[at].children.get(w)) else { break };
            at = *next;
        }
        best.map(|(_, p)| p)
    }
}

/// A real word that is a misspelling only in context (`سلسة زيارات` -> `سلسلة`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContextRule {
    pub right: String,
    /// Folded keys of words that, right before, make it the misspelling.
    pub prev: Vec<String>,
    /// Folded keys (or `*suffix` patterns) of words that, right after, make it the misspelling.
    pub next: Vec<String>,
}

impl ContextRule {
    fn matches(list: &[String], folded: &str) -> bool {
        list.iter().any(|p| match p.strip_prefix('*') {
            Some(suffix) => folded.ends_with(suffix) && folded.chars().count() > suffix.chars().count() + 1,
            None => p == folded,
        })
    }

    pub fn prev_matches(&self, folded: &str) -> bool {
        Self::matches(&self.prev, folded)
    }

    pub fn next_matches(&self, folded: &str) -> bool {
        Self::matches(&self.next, folded)
    }
}

/// How a boilerplate phrase must sit in a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The whole line is the phrase.
    Line,
    /// The line starts with it.
    Prefix,
    /// The line contains it (short lines only).
    Contains,
    /// The line starts with it, and what follows is copy (`Next Previous` before a
    /// dateline): only the phrase is chrome.
    Lead,
}

/// A list as the built-in data holds it, borrowed by every desk's [`Data`] that leaves it as
/// it is: a fresh process builds the built-in lists once and copies only what its settings
/// change (copying all of them took 1.5–2 ms of a 5 KB story's check, twice).
pub type Shared<T> = std::borrow::Cow<'static, T>;

#[derive(Clone, Debug)]
pub struct Data {
    /// Misspelled word key -> correction. Stems are stored without the article: an entry
    /// `الإدراة` is stored as `إدراة` so it matches through any clitic chain.
    pub misspellings: Shared<HashMap<String, Correction>>,
    /// Phrase misspellings indexed by the key of their first word.
    pub phrases: Shared<HashMap<String, Vec<PhraseCorrection>>>,
    /// The same phrases as a tree of words, for matching.
    pub phrase_tree: Shared<PhraseTree>,
    /// How many phrases were added (their order decides between two that match).
    phrase_count: usize,
    pub context: Shared<HashMap<String, Vec<ContextRule>>>,
    /// Keys of words the desk accepts (config `[dictionary] words`, and `x = "x"` entries).
    pub allowed: Shared<HashSet<String>>,
    /// Folded keys of single attribution words.
    pub attribution_words: Shared<HashSet<String>>,
    /// Folded keys of multi-word attribution phrases.
    pub attribution_phrases: Shared<Vec<Vec<String>>>,
    /// The folded first words of those phrases: most words start none, and are done.
    pub attribution_phrase_starts: Shared<HashSet<String>>,
    /// Normalised boilerplate phrases and where they must sit in a line.
    pub boilerplate: Shared<Vec<(Placement, String)>>,
    pub user_boilerplate: Vec<regex::Regex>,
    /// Folded keys of frequent function words (never names).
    pub function_words: Shared<HashSet<String>>,
    /// Folded keys of nouns that introduce a quoted name or title (صحيفة «…»).
    pub title_nouns: Shared<HashSet<String>>,
    /// Folded keys of common given names: two of them are two people (سلمان / سليمان).
    pub given_names: Shared<HashSet<String>>,
    /// Keys of frequent words of news copy, gathered from the other lists (function words,
    /// the corrections of known misspellings, attribution words, title nouns, extra words),
    /// with and without the article: what a swapped-letter typo is checked against.
    pub frequent: Shared<HashSet<String>>,
    /// Folded words of website chrome: what a prompt asks the reader to do, and with what.
    pub chrome_actions: Shared<HashSet<String>>,
    pub chrome_objects: Shared<HashSet<String>>,
    /// Folded key of a variant -> the house spelling of the name.
    pub house_names: HashMap<String, String>,
    /// Flag words the lexicon does not know.
    pub lexicon_check: bool,
    /// `[style] hamza = "strict"`: flag a bare alif where the dictionary knows only the hamzated form.
    pub hamza_strict: bool,
}

static BUILT_IN: OnceLock<Data> = OnceLock::new();

impl Data {
    /// The built-in lists alone.
    pub fn built_in() -> &'static Data {
        BUILT_IN.get_or_init(|| {
            let mut d = Data {
                misspellings: Shared::Owned(HashMap::default()),
                phrases: Shared::Owned(HashMap::default()),
                phrase_tree: Shared::Owned(PhraseTree::default()),
                phrase_count: 0,
                context: Shared::Owned(HashMap::default()),
                allowed: Shared::Owned(HashSet::default()),
                attribution_words: Shared::Owned(HashSet::default()),
                attribution_phrases: Shared::Owned(Vec::new()),
                attribution_phrase_starts: Shared::Owned(HashSet::default()),
                boilerplate: Shared::Owned(Vec::new()),
                user_boilerplate: Vec::new(),
                function_words: Shared::Owned(HashSet::default()),
                title_nouns: Shared::Owned(HashSet::default()),
                given_names: Shared::Owned(HashSet::default()),
                frequent: Shared::Owned(HashSet::default()),
                chrome_actions: Shared::Owned(HashSet::default()),
                chrome_objects: Shared::Owned(HashSet::default()),
                house_names: HashMap::default(),
                lexicon_check: false,
                hamza_strict: false,
            };
            // (sized up front: growing them entry by entry rehashed each several times)
            let lines = |text: &str| text.lines().count();
            d.misspellings.to_mut().reserve(lines(MISSPELLINGS));
            d.function_words.to_mut().reserve(lines(FUNCTION_WORDS));
            d.given_names.to_mut().reserve(lines(GIVEN_NAMES));
            let words = |text: &str| text.split_whitespace().count();
            d.frequent.to_mut().reserve(
                words(MISSPELLINGS)
                    + words(FUNCTION_WORDS)
                    + words(ATTRIBUTION)
                    + words(TITLE_NOUNS)
                    + words(EXTRA_WORDS),
            );
            for (_, line) in entries(MISSPELLINGS) {
                if let Some((wrong, right)) = line.split_once('\t') {
                    d.add_misspelling(wrong.trim(), right.trim(), false);
                }
            }
            for (_, line) in entries(CONTEXT_RULES) {
                if let Some((wrong, rule)) = parse_context_rule(line) {
                    d.context.to_mut().entry(wrong).or_default().push(rule);
                }
            }
            for (_, line) in entries(ATTRIBUTION) {
                d.add_attribution(line);
            }
            for (_, line) in entries(BOILERPLATE) {
                if let Some(entry) = parse_boilerplate(line) {
                    d.boilerplate.to_mut().push(entry);
                }
            }
            for (_, line) in entries(FUNCTION_WORDS) {
                d.function_words.to_mut().insert(arabic::fold(line));
            }
            for (_, line) in entries(TITLE_NOUNS) {
                d.title_nouns.to_mut().insert(arabic::fold(line));
            }
            for (_, line) in entries(GIVEN_NAMES) {
                d.given_names.to_mut().insert(arabic::fold(line));
            }
            for (_, line) in entries(EXTRA_WORDS) {
                d.allowed.to_mut().insert(arabic::key_string(line));
            }
            let rights = entries(MISSPELLINGS).filter_map(|(_, l)| l.split_once('\t').map(|(_, r)| r));
            let lists = entries(FUNCTION_WORDS)
                .chain(entries(ATTRIBUTION))
                .chain(entries(TITLE_NOUNS))
                .chain(entries(EXTRA_WORDS));
            for word in rights.chain(lists.map(|(_, l)| l)).flat_map(str::split_whitespace) {
                let key = arabic::key_string(word);
                if let Some(stem) = key.strip_prefix("ال").filter(|s| s.chars().count() >= 3) {
                    d.frequent.to_mut().insert(stem.to_string());
                }
                d.frequent.to_mut().insert(key);
            }
            for (_, line) in entries(CHROME_WORDS) {
                match line.split_once('\t') {
                    Some(("action", w)) => d.chrome_actions.to_mut().insert(arabic::fold(w.trim())),
                    Some(("object", w)) => d.chrome_objects.to_mut().insert(arabic::fold(w.trim())),
                    _ => false,
                };
            }
            d
        })
    }

    /// The built-in lists merged with the desk's settings.
    pub fn new(config: &Config) -> Data {
        let mut d = Data::built_in().borrowed();
        for (wrong, right) in &config.misspellings {
            if arabic::key_string(wrong) == arabic::key_string(right) {
                d.allow(wrong);
            } else {
                d.add_misspelling(wrong, right, true);
            }
        }
        for w in &config.dictionary.words {
            d.allow(w);
        }
        for v in &config.attribution.verbs {
            d.add_attribution(v);
        }
        d.user_boilerplate = config.boilerplate.patterns.iter().filter_map(|p| regex::Regex::new(p).ok()).collect();
        for (house, variants) in &config.names {
            for v in variants.iter().chain(std::iter::once(house)) {
                d.house_names.insert(arabic::fold(v), house.clone());
            }
        }
        d.lexicon_check = config.dictionary.lexicon;
        d.hamza_strict = config.style.hamza == crate::core::config::HamzaStyle::Strict;
        d
    }

    /// A copy that borrows every list from `self` (which lives as long as the program).
    fn borrowed(&'static self) -> Data {
        use std::borrow::Cow::Borrowed;
        Data {
            misspellings: Borrowed(&*self.misspellings),
            phrases: Borrowed(&*self.phrases),
            phrase_tree: Borrowed(&*self.phrase_tree),
            phrase_count: self.phrase_count,
            context: Borrowed(&*self.context),
            allowed: Borrowed(&*self.allowed),
            attribution_words: Borrowed(&*self.attribution_words),
            attribution_phrases: Borrowed(&*self.attribution_phrases),
            attribution_phrase_starts: Borrowed(&*self.attribution_phrase_starts),
            boilerplate: Borrowed(&*self.boilerplate),
            user_boilerplate: self.user_boilerplate.clone(),
            function_words: Borrowed(&*self.function_words),
            title_nouns: Borrowed(&*self.title_nouns),
            given_names: Borrowed(&*self.given_names),
            frequent: Borrowed(&*self.frequent),
            chrome_actions: Borrowed(&*self.chrome_actions),
            chrome_objects: Borrowed(&*self.chrome_objects),
            house_names: self.house_names.clone(),
            lexicon_check: self.lexicon_check,
            hamza_strict: self.hamza_strict,
        }
    }

    fn allow(&mut self, word: &str) {
        let key = arabic::key_string(word.trim());
        self.misspellings.to_mut().remove(&key);
        // Allowed with the article, allowed through any clitic chain (للإدراة too).
        if let Some(stem) = key.strip_prefix("ال") {
            self.misspellings.to_mut().remove(stem);
            self.allowed.to_mut().insert(stem.to_string());
        }
        self.allowed.to_mut().insert(key);
    }

    fn add_misspelling(&mut self, wrong: &str, right: &str, from_config: bool) {
        let wrong_key = arabic::key_string(wrong);
        let words: Vec<String> = wrong_key.split_whitespace().map(str::to_string).collect();
        if words.len() > 1 {
            let first = words[0].clone();
            let phrase = PhraseCorrection { words, right: right.to_string() };
            self.phrase_tree.to_mut().insert(self.phrase_count, phrase.clone());
            self.phrase_count += 1;
            self.phrases.to_mut().entry(first).or_default().push(phrase);
            return;
        }
        let right_key = arabic::key_string(right);
        // Store article-bearing pairs by their stems, so clitic chains (لل, وال…) match.
        let (wrong_key, right, needs_article) = match (wrong_key.strip_prefix("ال"), right_key.strip_prefix("ال")) {
            (Some(ws), Some(rs)) if ws.chars().count() >= 2 && !rs.contains(' ') => {
                (ws.to_string(), rs.to_string(), true)
            }
            _ => (wrong_key, right.to_string(), false),
        };
        if from_config {
            // The desk reverses a built-in entry (its correction is a word the built-in list
            // corrects back to this one): the desk's word wins, or each fix would be undone.
            let right_key = arabic::key_string(&right);
            let reverses = |c: &Correction| !c.from_config && arabic::key_string(&c.right) == wrong_key;
            if self.misspellings.get(&right_key).is_some_and(reverses) {
                self.misspellings.to_mut().remove(&right_key);
            }
        }
        self.misspellings.to_mut().insert(wrong_key, Correction { right, needs_article, from_config });
    }

    fn add_attribution(&mut self, phrase: &str) {
        let words: Vec<String> = phrase.split_whitespace().map(arabic::fold).collect();
        match words.len() {
            0 => {}
            1 => {
                self.attribution_words.to_mut().insert(words.into_iter().next().unwrap_or_default());
            }
            _ => {
                self.attribution_phrase_starts.to_mut().insert(words[0].clone());
                self.attribution_phrases.to_mut().push(words);
            }
        }
    }
}

/// `wrong<TAB>right<TAB>prev: a b c<TAB>next: d *ات`
pub fn parse_context_rule(line: &str) -> Option<(String, ContextRule)> {
    let mut cols = line.split('\t');
    let wrong = arabic::key_string(cols.next()?.trim());
    let right = cols.next()?.trim().to_string();
    let mut rule = ContextRule { right, ..Default::default() };
    for col in cols {
        let col = col.trim();
        if let Some(list) = col.strip_prefix("prev:") {
            rule.prev = list.split_whitespace().map(fold_pattern).collect();
        } else if let Some(list) = col.strip_prefix("next:") {
            rule.next = list.split_whitespace().map(fold_pattern).collect();
        } else {
            return None;
        }
    }
    (!rule.prev.is_empty() || !rule.next.is_empty()).then_some((wrong, rule))
}

fn fold_pattern(p: &str) -> String {
    match p.strip_prefix('*') {
        Some(rest) => format!("*{}", arabic::fold(rest)),
        None => arabic::fold(p),
    }
}

/// `line<TAB>phrase`, `prefix<TAB>phrase` or `contains<TAB>phrase`.
pub fn parse_boilerplate(line: &str) -> Option<(Placement, String)> {
    let (kind, phrase) = line.split_once('\t')?;
    let placement = match kind.trim() {
        "line" => Placement::Line,
        "prefix" => Placement::Prefix,
        "contains" => Placement::Contains,
        "lead" => Placement::Lead,
        _ => return None,
    };
    let norm = normalize_line(phrase);
    (!norm.is_empty()).then_some((placement, norm))
}

/// A line reduced for boilerplate matching: folded letters, punctuation and symbols
/// dropped, digits kept, words separated by single spaces.
pub fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        // Plain Arabic letters, ASCII letters and digits (nearly all of news copy) are word
        // characters that fold to one character and have no case beyond ASCII's: no table
        // for them. Everything else as in [`normalized_chars`], which gives the same chars.
        let plain = match c as u32 {
            0x0621..=0x063A | 0x0641..=0x064A => Some(arabic::fold_char(c)),
            0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => Some(c.to_ascii_lowercase()),
            0..=0x7F => {
                pending_space = true;
                continue;
            }
            _ => None,
        };
        if plain.is_none() {
            if arabic::is_ignorable(c) {
                continue;
            }
            if !arabic::is_word_char(c) {
                pending_space = true;
                continue;
            }
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        match plain {
            Some(p) => out.push(p),
            None => {
                let c = arabic::fold_char(c);
                if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    out
}

/// The characters of [`normalize_line`]`(line)`, one by one, without building the string (a
/// rule comparing every line of a long document hashes and compares these instead).
pub fn normalized_chars(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = line.chars();
    let mut pending_space = false;
    let mut started = false;
    // The next characters to give: a space and a letter's lowercase (at most three chars).
    let mut queue = [' '; 4];
    let (mut at, mut len) = (0, 0);
    std::iter::from_fn(move || loop {
        if at < len {
            at += 1;
            return queue.get(at - 1).copied();
        }
        let c = chars.next()?;
        if arabic::is_ignorable(c) {
            continue;
        }
        if !arabic::is_word_char(c) {
            pending_space = true;
            continue;
        }
        (at, len) = (0, 0);
        let mut push = |c: char| {
            if let Some(slot) = queue.get_mut(len) {
                *slot = c;
                len += 1;
            }
        };
        if pending_space && started {
            push(' ');
        }
        pending_space = false;
        started = true;
        let c = arabic::fold_char(c);
        if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    })
}

/// `count` lines of up to `max_len - 1` characters drawn, by a fixed pseudo-random sequence
/// from `seed`, from letters normalising keeps (Arabic, ASCII) and every kind it drops, folds
/// or lowers (harakat, tatweel, invisible marks, presentation forms, other scripts' cases,
/// Arabic-Indic digits, punctuation, emoji): the property tests' input for line normalising.
#[cfg(test)]
pub(crate) fn pseudo_random_lines(seed: u64, count: usize, max_len: usize) -> impl Iterator<Item = String> {
    let pool: Vec<char> = "أإآٱابتةثجحخدذرزسشصضطظعغفقكلمنهويىئؤءکیې ـَُِّْ\u{200F}\u{200C}\u{FEFF}\u{00AD}ﻛﺘﺐﻻ\u{0654}aZq09 .,:;!?«»\"'-|ΣΟİẞ١٢٣😀\t\u{a0}"
        .chars()
        .collect();
    let mut seed = seed;
    (0..count).map(move |len| {
        (0..len % max_len)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                pool[(seed >> 33) as usize % pool.len()]
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_drop_comments_and_blank_lines() {
        let text =
            "# a comment\n\nالإدراة\tالإدارة # a note\n  # indented comment\nC#\tword#tag\n#x\na #b #c\n \t \nلكن \n";
        let got: Vec<(usize, &str)> = entries(text).collect();
        assert_eq!(got, [(3, "الإدراة\tالإدارة"), (5, "C#\tword#tag"), (7, "a"), (9, "لكن")]);
    }

    #[test]
    fn normalised_lines() {
        for (line, want) in [
            ("  «الإدارة» تقول: نعم!! ", "الاداره تقول نعم"),
            ("Next | Previous", "next previous"),
            ("ΣΟΦΙΑ İz 😀 ق\u{200F}ال ١٢٣ 45", "σοφια i\u{307}z قال ١٢٣ 45"),
            ("\u{FEFF}", ""),
            ("", ""),
            ("،،", ""),
            ("الحكومـــةُ\r", "الحكومه"),
        ] {
            assert_eq!(normalize_line(line), want, "{line:?}");
            assert!(normalized_chars(line).eq(want.chars()), "{line:?}");
        }
    }

    #[test]
    fn the_fast_normalised_line_is_the_normalised_chars() {
        // Lines drawn from letters the fast path takes (Arabic, ASCII) and every kind it hands
        // on (see [`pseudo_random_lines`]).
        for line in pseudo_random_lines(0x9E37_79B9_7F4A_7C15, 400, 40) {
            assert_eq!(normalize_line(&line), normalized_chars(&line).collect::<String>(), "{line:?}");
        }
    }

    #[test]
    fn a_desk_entry_that_reverses_a_built_in_one_wins() {
        assert!(Data::built_in().misspellings.contains_key("إدراة"));
        let mut config = Config::default();
        config.misspellings.insert("الإدارة".to_string(), "الإدراة".to_string());
        let d = Data::new(&config);
        assert!(!d.misspellings.contains_key("إدراة"), "the built-in entry would undo the desk's");
        assert_eq!(d.misspellings.get("إدارة").map(|c| c.right.as_str()), Some("إدراة"));
        // Another desk entry that merely shares a correction leaves the built-in list alone.
        let mut config = Config::default();
        config.misspellings.insert("الادارة".to_string(), "الإدارة".to_string());
        assert!(Data::new(&config).misspellings.contains_key("إدراة"));
    }

    #[test]
    fn phrases_that_share_words_match_the_first_added() {
        let mut d = Data::built_in().borrowed();
        d.add_misspelling("مجلس خطأ كبير", "أ", true);
        d.add_misspelling("مجلس خطأ", "ب", true);
        d.add_misspelling("مجلس خطأ", "ج", true);
        let find = |words: &[&str]| d.phrase_tree.find(words[0], words[1..].iter().copied()).map(|p| p.right.clone());
        assert_eq!(find(&["مجلس", "خطأ", "كبير"]).as_deref(), Some("أ"));
        assert_eq!(find(&["مجلس", "خطأ", "صغير"]).as_deref(), Some("ب"));
        assert_eq!(find(&["مجلس", "صواب"]), None);
        assert_eq!(find(&["مجلس"]), None);
    }
}
