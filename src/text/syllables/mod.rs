//! Syllables: which counter a language gets, and the letters both counters read. Spanish
//! ([`es`]) follows the RAE's orthographic rules; English ([`en`]) is a heuristic.

mod en;
mod es;

pub use en::syllables_en;
pub use es::{hyphenate_es, syllables_es};

use super::words::is_mark;
use icu_normalizer::ComposingNormalizerBorrowed;

/// Which syllable counter a language gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// Spanish syllables: vowel nuclei by the RAE's orthographic rules.
    Spanish,
    /// English syllables: a heuristic over vowel groups, with a table of the words it gets
    /// wrong.
    English,
    /// No syllable counter: words and sentences are still counted.
    None,
}

impl Counter {
    /// The counter for a primary language subtag: `es` → Spanish, `en` → English, anything else
    /// (`quc`, `mam`, `pt`…) → none, since a wrong counter would give a confident, wrong score.
    pub fn for_lang(primary_subtag: &str) -> Counter {
        if primary_subtag.eq_ignore_ascii_case("es") {
            Counter::Spanish
        } else if primary_subtag.eq_ignore_ascii_case("en") {
            Counter::English
        } else {
            Counter::None
        }
    }

    /// The syllables in one word, or None without a counter.
    pub fn syllables(self, word: &str) -> Option<usize> {
        match self {
            Counter::Spanish => Some(syllables_es(word)),
            Counter::English => Some(syllables_en(word)),
            Counter::None => None,
        }
    }
}

/// A word's characters for syllable counting: composed (NFC: `e` + U+0301 → `é`, `n` + U+0303 →
/// `ñ`), with the combining marks that compose onto nothing dropped.
fn compose(word: &str) -> Vec<char> {
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(word)
        .chars()
        .filter(|&c| !is_mark(c))
        .collect()
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_by_language() {
        assert_eq!(Counter::for_lang("es"), Counter::Spanish);
        assert_eq!(Counter::for_lang("ES"), Counter::Spanish);
        assert_eq!(Counter::for_lang("en"), Counter::English);
        assert_eq!(Counter::for_lang("quc"), Counter::None);
        assert_eq!(Counter::for_lang("mam"), Counter::None);
        assert_eq!(Counter::for_lang(""), Counter::None);
    }
}
