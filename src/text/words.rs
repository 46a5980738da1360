//! Words: where a word begins and ends, and the character classes behind it (letters, digits,
//! combining marks, apostrophes). The syllable counters read words through the same classes.

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use std::ops::Range;

/// The words of a text, in order, as slices of it.
///
/// A word is a run of letters, digits and combining marks that holds at least one letter or
/// digit. Inside a run, an apostrophe (`'` or `’`) after a letter belongs to the word: Mayan
/// orthographies write the glottal stop and ejectives with it (`b'i'`, `k'ak'`, `K'iche'`), and
/// English contracts with it (`don't`). A hyphen between word characters joins (`well-known`);
/// a dot between letters or digits joins (`3.5`, `U.S`, `amparo.org`); a comma or colon between
/// digits joins (`1,000`, `10:30`). Everything else separates, emoji included.
pub fn words(text: &str) -> Vec<&str> {
    word_spans(text).into_iter().map(|r| &text[r]).collect()
}

/// Byte ranges of the words in a text, by the rules of [`words`].
pub(super) fn word_spans(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(|&(_, c)| is_word_char(c)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while let Some(&(_, c)) = chars.get(end) {
            let prev = chars.get(end - 1).map_or(' ', |&(_, p)| p);
            let next = chars.get(end + 1).map(|&(_, n)| n);
            if is_word_char(c) || joins_word(prev, c, next) {
                end += 1;
            } else {
                break;
            }
        }
        let has_letter = chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .any(|&(_, c)| c.is_alphanumeric());
        if has_letter {
            spans.push(byte_at(start)..byte_at(end));
        }
        i = end;
    }
    spans
}

/// Whether `c`, between `prev` (already in the word) and `next`, stays inside the word.
fn joins_word(prev: char, c: char, next: Option<char>) -> bool {
    let next_is = |f: fn(char) -> bool| next.is_some_and(f);
    if is_apostrophe(c) {
        return prev.is_alphabetic() || is_mark(prev);
    }
    match c {
        '-' | '\u{2010}' | '\u{2011}' => next_is(is_word_char),
        '.' => prev.is_alphanumeric() && next_is(char::is_alphanumeric),
        ',' | ':' => prev.is_numeric() && next_is(char::is_numeric),
        _ => false,
    }
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_word_char(c: char) -> bool {
    // Zero-width (non-)joiners sit inside Persian and Indic words.
    c.is_alphanumeric() || is_mark(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// A combining mark (Unicode General_Category Mn, Mc or Me): an accent typed apart from its
/// letter (NFD), a Hebrew point, an Arabic haraka, an Indic vowel sign. Rust's `is_alphanumeric`
/// leaves out the marks that are not alphabetic.
pub(super) fn is_mark(c: char) -> bool {
    // No ASCII character is a mark; most characters of a Latin text skip the lookup.
    !c.is_ascii()
        && GeneralCategoryGroup::Mark.contains(CodePointMapData::<GeneralCategory>::new().get(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_whitespace_and_punctuation() {
        assert_eq!(
            words("¿Tienes miedo? ¡Pide ayuda!, dijo (en voz baja)."),
            [
                "Tienes", "miedo", "Pide", "ayuda", "dijo", "en", "voz", "baja"
            ]
        );
        assert_eq!(
            words("well-known franco-mexicano"),
            ["well-known", "franco-mexicano"]
        );
        assert_eq!(words("a — b – c - d"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn apostrophes_are_letters_in_mayan_words() {
        // Six words: Ri, ak'al, k'o, ri, u, b'i'.
        assert_eq!(
            words("Ri ak'al k'o ri u b'i'."),
            ["Ri", "ak'al", "k'o", "ri", "u", "b'i'"]
        );
        assert_eq!(
            words("k'ak' q'ij tz'i' K'iche'"),
            ["k'ak'", "q'ij", "tz'i'", "K'iche'"]
        );
        assert_eq!(words("k’ak’ K’iche’"), ["k’ak’", "K’iche’"]);
        // An opening quote is not part of the word.
        assert_eq!(words("'hola' don't"), ["hola'", "don't"]);
    }

    #[test]
    fn every_combining_mark_stays_in_its_word() {
        // The Burmese asat (U+103A) and the Devanagari virama (U+094D) are marks, not letters.
        assert_eq!(words("မြန်မာ စာ"), ["မြန်မာ", "စာ"]);
        assert_eq!(words("नमस्ते दुनिया"), ["नमस्ते", "दुनिया"]);
    }

    #[test]
    fn words_need_a_letter_or_digit() {
        assert!(words("... — ¿? ¡! «» 😀🎉 *").is_empty());
        assert_eq!(words("hola😀adiós"), ["hola", "adiós"]);
    }
}
