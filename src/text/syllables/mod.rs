//! Syllables: which counter a language gets, and the letters both counters read. Spanish
//! ([`es`]) follows the RAE's orthographic rules; English ([`en`]) is a heuristic.

mod en;
mod es;

pub use en::syllables_en;
pub use es::{hyphenate_es, syllables_es};

use super::words::is_mark;

/// Which syllable counter a language gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Spanish,
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

/// A word's characters with the combining accents Spanish and English use composed onto their
/// letter (NFD `e` + U+0301 → `é`, `n` + U+0303 → `ñ`, `u` + U+0308 → `ü`) and other combining
/// marks dropped. Enough for syllable counting without a normalisation table.
fn compose(word: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars() {
        if !is_mark(c) {
            out.push(c);
            continue;
        }
        if let Some(last) = out.last_mut()
            && let Some(composed) = compose_pair(*last, c)
        {
            *last = composed;
        }
    }
    out
}

fn compose_pair(base: char, mark: char) -> Option<char> {
    const ACUTE: [(char, char); 10] = [
        ('a', 'á'),
        ('e', 'é'),
        ('i', 'í'),
        ('o', 'ó'),
        ('u', 'ú'),
        ('A', 'Á'),
        ('E', 'É'),
        ('I', 'Í'),
        ('O', 'Ó'),
        ('U', 'Ú'),
    ];
    const GRAVE: [(char, char); 5] = [('a', 'à'), ('e', 'è'), ('i', 'ì'), ('o', 'ò'), ('u', 'ù')];
    const DIAERESIS: [(char, char); 4] = [('u', 'ü'), ('U', 'Ü'), ('i', 'ï'), ('I', 'Ï')];
    const TILDE: [(char, char); 2] = [('n', 'ñ'), ('N', 'Ñ')];
    let table: &[(char, char)] = match mark {
        '\u{0301}' => &ACUTE,
        '\u{0300}' => &GRAVE,
        '\u{0308}' => &DIAERESIS,
        '\u{0303}' => &TILDE,
        _ => return None,
    };
    table.iter().find(|&&(b, _)| b == base).map(|&(_, c)| c)
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
