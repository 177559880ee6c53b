//! A word list the checker can ask "is this a word?": the Hunspell dictionary through spellbook.
//!
//! Loading the files is the adapters' job (see `crate::dictionary`); this only parses text.

use crate::core::arabic;

pub struct Lexicon {
    dict: spellbook::Dictionary,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lexicon")
    }
}

impl Lexicon {
    /// Build from the text of a Hunspell `.aff` and `.dic` pair.
    pub fn from_hunspell(aff: &str, dic: &str) -> Result<Lexicon, String> {
        spellbook::Dictionary::new(aff, dic)
            .map(|dict| Lexicon { dict })
            .map_err(|e| format!("cannot parse Hunspell dictionary: {e}"))
    }

    /// Whether the dictionary accepts `word` (given as a lookup key: no harakat or tatweel).
    pub fn knows(&self, word: &str) -> bool {
        self.dict.check(word)
    }

    /// Whether the word, or the word without one of its clitic prefixes, is known.
    pub fn knows_with_clitics(&self, word: &str) -> bool {
        if self.knows(word) {
            return true;
        }
        arabic::clitic_splits(word).any(|(_, stem)| stem.chars().count() >= 2 && self.knows(stem))
    }

    /// Spelling suggestions (slow: up to 150 ms a word; compute them only when asked).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dict.suggest(word, &mut out);
        out
    }
}
