//! The text engine: how the prose of a page divides into words and sentences, how many
//! syllables its words have in Spanish and English, and the published readability scores made
//! from those counts. It does no I/O and knows nothing of pages: `amparo check` hands it the prose
//! [`Block`]s of a page and judges the scores (`check::readability`).
//!
//! - [`words()`]: words, and the character classes behind them;
//! - [`sentences()`]: sentences, with the source line of each;
//! - `syllables`: a [`Counter`] per language, [`syllables_es`], [`hyphenate_es`], [`syllables_en`];
//! - `scores`: the counts over blocks ([`stats`]) and the formulas.
//!
//! Some rules are deliberate, and the tests hold them in place:
//!
//! - **An apostrophe after a letter is a letter.** K'iche', Mam and the other Mayan
//!   orthographies write the glottal stop and the ejectives with it (`k'ak'`, `b'i'`,
//!   `K'iche'`): splitting there would count `k'ak'` as two words. Hyphenated words and
//!   numbers such as `3.5` or `10:30` are one word too.
//! - **A dot is not always a sentence's end.** Pages name people and places (`Sr.`, `Dra.`,
//!   `Lic.`, `EE. UU.`, `J. R. R.`) and give numbers and addresses (`3.5`, `amparo.org`); a word
//!   in lower case after the mark (`aprox. tres`, `—¿Vienes? —preguntó`) continues the sentence.
//!   A colon that ends a line (before a list) ends a sentence, and so does every block.
//! - **Syllables only where the count can be trusted.** Spanish follows the RAE's orthographic
//!   rules; English is a heuristic measured against the CMU Pronouncing Dictionary in the tests.
//!   Other languages (`quc`, `mam`…) get no counter, and their scores are None, because a
//!   wrong counter would give a confident, wrong score.
//! - **Unicode decides what a mark is.** Accents typed as combining marks (NFD, as macOS and
//!   some keyboards give them) stay inside their word, and syllable counting composes them
//!   onto their letter first (NFC); ICU's data gives both the marks and the composition.
//!
//! Scores return None when there is nothing to measure: no words, no sentences, or no syllable
//! counter for the language.

mod scores;
mod sentences;
mod syllables;
mod words;

pub use scores::{
    Inflesz, Stats, fernandez_huerta, flesch_kincaid_grade, flesch_reading_ease, longest, stats,
    szigriszt_pazos, words_per_sentence,
};
pub use sentences::{Block, Sentence, sentences};
pub use syllables::{Counter, hyphenate_es, syllables_en, syllables_es};
pub use words::words;

#[cfg(test)]
mod tests {
    //! Rules that cross the parts: words and their syllables, and inputs nothing may panic on.

    use super::*;

    fn block(line: u32, text: &str) -> Block {
        Block::new(line, text)
    }

    #[test]
    fn numbers_are_words() {
        assert_eq!(words("Llama al 911."), ["Llama", "al", "911"]);
        assert_eq!(words("55 7100 1542"), ["55", "7100", "1542"]);
        assert_eq!(
            words("3.5 pesos, 1,000 niños a las 10:30"),
            ["3.5", "pesos", "1,000", "niños", "a", "las", "10:30"]
        );
        assert_eq!(syllables_es("911"), 1);
        assert_eq!(syllables_en("911"), 1);
        assert_eq!(syllables_en("1,000"), 1);
    }

    #[test]
    fn combining_accents_stay_in_the_word() {
        let nfd = "Me\u{301}xico nin\u{303}o";
        assert_eq!(words(nfd), ["Me\u{301}xico", "nin\u{303}o"]);
        assert_eq!(syllables_es("Me\u{301}xico"), 3);
        assert_eq!(hyphenate_es("Me\u{301}xico"), ["Mé", "xi", "co"]);
        assert_eq!(hyphenate_es("pai\u{301}s"), ["pa", "ís"]);
        assert_eq!(hyphenate_es("pingu\u{308}ino"), ["pin", "güi", "no"]);
    }

    #[test]
    fn nothing_panics() {
        let inputs = [
            "",
            " ",
            "\n\n",
            ".",
            "...",
            "?!",
            ":\n",
            "'",
            "’’’",
            "-",
            "--a--",
            "a'",
            "'a",
            "h",
            "hhh",
            "y",
            "qu",
            "gü",
            "\u{301}",
            "\u{301}a\u{301}\u{308}",
            "😀",
            "👩‍👩‍👧",
            "\u{200D}",
            "ÉÍÓÚ ÑÜ İ ß",
            "Ǆ ǅ ﬁ",
            "x.y.z.",
            "1.2.3.",
            "¿",
            "\r\n.\r\n",
            "漢字かな",
            "a\u{0}b",
        ];
        for input in inputs {
            for counter in [Counter::Spanish, Counter::English, Counter::None] {
                let s = stats(&[block(u32::MAX, input)], counter);
                let _ = (fernandez_huerta(&s), szigriszt_pazos(&s), longest(&s, 3));
                let _ = (flesch_reading_ease(&s), flesch_kincaid_grade(&s));
                let _ = words_per_sentence(&s);
            }
            let _ = (
                syllables_es(input),
                syllables_en(input),
                hyphenate_es(input),
            );
        }
    }
}
