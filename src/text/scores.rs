//! Scores: the counts over a page's blocks ([`Stats`]) and the published formulas made from them,
//! Fernández-Huerta and Szigriszt-Pazos (read on the [`Inflesz`] scale) for Spanish, Flesch
//! reading ease and Flesch–Kincaid grade for English, and the longest sentences.
//!
//! Fernández-Huerta is often printed with F as sentences per 100 words, which makes shorter
//! sentences lower the score. Law (2011, "Error in the Fernandez Huerta readability formula",
//! LINGUIST List 22.2332) showed that the formula adapts Flesch's and that F is words per
//! sentence, as here.

use super::sentences::{Block, Sentence, split_block};
use super::syllables::Counter;

/// The counts behind every score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Words in the text.
    pub words: usize,
    /// Sentences with at least one word.
    pub sentences: usize,
    /// None for languages without a syllable counter (everything but es and en).
    pub syllables: Option<usize>,
    /// Every sentence, in order (callers pick the longest).
    pub sentence_list: Vec<Sentence>,
}

/// Counts words, sentences and (with a counter) syllables over blocks, keeping every sentence.
pub fn stats(blocks: &[Block], counter: Counter) -> Stats {
    let mut stats = Stats {
        syllables: (counter != Counter::None).then_some(0),
        ..Stats::default()
    };
    for block in blocks {
        for (sentence, words) in split_block(block) {
            stats.words += words.len();
            stats.sentences += 1;
            if let Some(total) = stats.syllables.as_mut() {
                *total += words
                    .iter()
                    .map(|w| counter.syllables(w).unwrap_or(0))
                    .sum::<usize>();
            }
            stats.sentence_list.push(sentence);
        }
    }
    stats
}

/// Syllables per word and words per sentence, when both mean something.
fn ratios(s: &Stats) -> Option<(f64, f64)> {
    let syllables = s.syllables?;
    if s.words == 0 || s.sentences == 0 {
        return None;
    }
    let words = s.words as f64;
    Some((syllables as f64 / words, words / s.sentences as f64))
}

/// Fernández-Huerta (1959), Flesch adapted to Spanish: 206.84 − 0.60·P − 1.02·F, where P is
/// syllables per 100 words and F words per sentence (Law 2011; see the module's doc). Higher
/// is easier.
pub fn fernandez_huerta(s: &Stats) -> Option<f64> {
    let (syllables_per_word, words_per_sentence) = ratios(s)?;
    let p = 100.0 * syllables_per_word;
    Some(206.84 - 0.60 * p - 1.02 * words_per_sentence)
}

/// Szigriszt-Pazos (1993) perspicuity: 206.835 − 62.3·(syllables/words) − (words/sentences).
/// Read it on the [`Inflesz`] scale.
pub fn szigriszt_pazos(s: &Stats) -> Option<f64> {
    let (syllables_per_word, words_per_sentence) = ratios(s)?;
    Some(206.835 - 62.3 * syllables_per_word - words_per_sentence)
}

/// The INFLESZ scale (Barrio-Cantalejo, 2008) for a Szigriszt-Pazos score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflesz {
    /// ≤ 40: scientific or legal texts.
    MuyDificil,
    /// ≤ 55: specialised popular texts.
    AlgoDificil,
    /// ≤ 65: newspapers, general information.
    Normal,
    /// ≤ 80: teen novels, popular press.
    BastanteFacil,
    /// > 80: comics, primary-school texts.
    MuyFacil,
}

impl Inflesz {
    /// The band a score falls in; a score that is not a number counts as the hardest.
    pub fn of(score: f64) -> Inflesz {
        if score.is_nan() || score <= 40.0 {
            Inflesz::MuyDificil
        } else if score <= 55.0 {
            Inflesz::AlgoDificil
        } else if score <= 65.0 {
            Inflesz::Normal
        } else if score <= 80.0 {
            Inflesz::BastanteFacil
        } else {
            Inflesz::MuyFacil
        }
    }

    /// The band's name as the scale gives it, in Spanish.
    pub fn label(&self) -> &'static str {
        match self {
            Inflesz::MuyDificil => "muy difícil",
            Inflesz::AlgoDificil => "algo difícil",
            Inflesz::Normal => "normal",
            Inflesz::BastanteFacil => "bastante fácil",
            Inflesz::MuyFacil => "muy fácil",
        }
    }
}

/// Flesch reading ease (1948): 206.835 − 1.015·(words/sentences) − 84.6·(syllables/words).
/// Higher is easier; 60–70 is plain English.
pub fn flesch_reading_ease(s: &Stats) -> Option<f64> {
    let (syllables_per_word, words_per_sentence) = ratios(s)?;
    Some(206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word)
}

/// Flesch–Kincaid grade level (1975): 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59,
/// a US school grade.
pub fn flesch_kincaid_grade(s: &Stats) -> Option<f64> {
    let (syllables_per_word, words_per_sentence) = ratios(s)?;
    Some(0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59)
}

/// Average sentence length in words; 0 without sentences.
pub fn words_per_sentence(s: &Stats) -> f64 {
    if s.sentences == 0 {
        0.0
    } else {
        s.words as f64 / s.sentences as f64
    }
}

/// The `n` longest sentences, longest first; among equals, the earlier line first.
pub fn longest(s: &Stats, n: usize) -> Vec<&Sentence> {
    let mut all: Vec<&Sentence> = s.sentence_list.iter().collect();
    // A stable sort: equal sentences on one line keep their order.
    all.sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
    all.truncate(n);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(line: u32, text: &str) -> Block {
        Block::new(line, text)
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a score");
        assert!(
            (actual - expected).abs() < 0.01,
            "expected {expected}, got {actual}"
        );
    }

    fn counts(words: usize, sentences: usize, syllables: usize) -> Stats {
        Stats {
            words,
            sentences,
            syllables: Some(syllables),
            sentence_list: Vec::new(),
        }
    }

    #[test]
    fn flesch_worked_example() {
        // Flesch (1948): 1.5 syllables a word, 15 words a sentence.
        let s = counts(150, 10, 225);
        close(flesch_reading_ease(&s), 206.835 - 1.015 * 15.0 - 84.6 * 1.5);
        close(flesch_reading_ease(&s), 64.71);
        close(flesch_kincaid_grade(&s), 0.39 * 15.0 + 11.8 * 1.5 - 15.59);
        close(flesch_kincaid_grade(&s), 7.96);
        assert_eq!(words_per_sentence(&s), 15.0);
    }

    #[test]
    fn spanish_worked_examples() {
        // 100 words, 180 syllables, 8 sentences.
        let s = counts(100, 8, 180);
        close(szigriszt_pazos(&s), 206.835 - 62.3 * 1.8 - 12.5);
        close(szigriszt_pazos(&s), 82.195);
        // P = 180 syllables per 100 words, F = 12.5 words per sentence.
        close(fernandez_huerta(&s), 206.84 - 0.60 * 180.0 - 1.02 * 12.5);
        close(fernandez_huerta(&s), 86.09);
        // A harder text: 200 words, 440 syllables, 5 sentences.
        let s = counts(200, 5, 440);
        close(szigriszt_pazos(&s), 206.835 - 62.3 * 2.2 - 40.0);
        close(szigriszt_pazos(&s), 29.775);
        // P = 220, F = 40.
        close(fernandez_huerta(&s), 206.84 - 0.60 * 220.0 - 1.02 * 40.0);
        close(fernandez_huerta(&s), 34.04);
    }

    #[test]
    fn scores_need_words_sentences_and_syllables() {
        for s in [counts(0, 0, 0), counts(0, 1, 0), counts(5, 0, 5)] {
            assert_eq!(fernandez_huerta(&s), None);
            assert_eq!(szigriszt_pazos(&s), None);
            assert_eq!(flesch_reading_ease(&s), None);
            assert_eq!(flesch_kincaid_grade(&s), None);
        }
        let s = stats(
            &[block(1, "Ri ak'al k'o ri u b'i'.")],
            Counter::for_lang("quc"),
        );
        assert_eq!((s.words, s.sentences, s.syllables), (6, 1, None));
        assert_eq!(fernandez_huerta(&s), None);
        assert_eq!(flesch_reading_ease(&s), None);
        assert_eq!(words_per_sentence(&s), 6.0);
        assert_eq!(words_per_sentence(&Stats::default()), 0.0);
    }

    #[test]
    fn fernandez_huerta_rises_when_the_same_words_are_cut_into_shorter_sentences() {
        // Counted by hand: "El niño tiene derecho a pedir ayuda y a estar con su familia":
        // el(1) ni-ño(2) tie-ne(2) de-re-cho(3) a(1) pe-dir(2) a-yu-da(3) y(1) a(1) es-tar(2)
        // con(1) su(1) fa-mi-lia(3): 13 words, 23 syllables.
        let one = "El niño tiene derecho a pedir ayuda y a estar con su familia.";
        let two = "El niño tiene derecho a pedir ayuda. Y a estar con su familia.";
        let long = stats(&[block(1, one)], Counter::Spanish);
        let short = stats(&[block(1, two)], Counter::Spanish);
        assert_eq!(
            (long.words, long.sentences, long.syllables),
            (13, 1, Some(23))
        );
        assert_eq!(
            (short.words, short.sentences, short.syllables),
            (13, 2, Some(23))
        );
        // P = 2300/13 = 176.92; F = 13 and then 6.5.
        close(
            fernandez_huerta(&long),
            206.84 - 0.60 * 2300.0 / 13.0 - 1.02 * 13.0,
        );
        close(fernandez_huerta(&long), 87.42);
        close(fernandez_huerta(&short), 94.05);
        assert!(fernandez_huerta(&short) > fernandez_huerta(&long));
    }

    #[test]
    fn inflesz_bands() {
        let cases = [
            (-10.0, Inflesz::MuyDificil, "muy difícil"),
            (40.0, Inflesz::MuyDificil, "muy difícil"),
            (40.01, Inflesz::AlgoDificil, "algo difícil"),
            (55.0, Inflesz::AlgoDificil, "algo difícil"),
            (60.0, Inflesz::Normal, "normal"),
            (65.0, Inflesz::Normal, "normal"),
            (80.0, Inflesz::BastanteFacil, "bastante fácil"),
            (80.5, Inflesz::MuyFacil, "muy fácil"),
            (f64::NAN, Inflesz::MuyDificil, "muy difícil"),
        ];
        for (score, band, label) in cases {
            assert_eq!(Inflesz::of(score), band, "{score}");
            assert_eq!(band.label(), label);
        }
    }

    #[test]
    fn spanish_paragraph_for_a_child() {
        let text = "Tienes derecho a estar seguro. Nadie puede hacerte daño. \
                    Si tienes miedo, pide ayuda a un adulto de confianza.";
        let s = stats(&[block(7, text)], Counter::Spanish);
        // Tie-nes de-re-cho a es-tar se-gu-ro: 5 words, 11 syllables.
        // Na-die pue-de ha-cer-te da-ño: 4 words, 9 syllables.
        // Si tie-nes mie-do pi-de a-yu-da a un a-dul-to de con-fian-za: 10 words, 19 syllables.
        assert_eq!((s.words, s.sentences, s.syllables), (19, 3, Some(39)));
        let lengths: Vec<usize> = s.sentence_list.iter().map(|s| s.words).collect();
        assert_eq!(lengths, [5, 4, 10]);
        // The scores from those hand counts, worked out apart from the code.
        close(szigriszt_pazos(&s), 72.62);
        close(fernandez_huerta(&s), 77.22);
        let score = szigriszt_pazos(&s).unwrap_or_default();
        assert_eq!(Inflesz::of(score), Inflesz::BastanteFacil, "{score}");
        let top = longest(&s, 1);
        assert_eq!(
            top[0].text,
            "Si tienes miedo, pide ayuda a un adulto de confianza."
        );
        assert_eq!(top[0].line, 7);
    }

    #[test]
    fn english_paragraph_for_a_child() {
        let text = "You have the right to be safe. No one can hurt you. \
                    If you are scared, ask an adult you trust for help.";
        let s = stats(&[block(1, text)], Counter::English);
        // 7 words of one syllable; 5 of one; 11 words, a-dult the only one of two.
        assert_eq!((s.words, s.sentences, s.syllables), (23, 3, Some(24)));
        // The scores from those hand counts, worked out apart from the code: easier than any
        // school grade.
        close(flesch_reading_ease(&s), 110.78);
        close(flesch_kincaid_grade(&s), -0.29);
    }

    #[test]
    fn longest_sentences_first_ties_by_line() {
        let s = stats(
            &[
                block(1, "Uno dos. Uno dos tres."),
                block(4, "Uno dos tres."),
                block(2, "Uno."),
            ],
            Counter::None,
        );
        let top: Vec<(u32, usize)> = longest(&s, 3).iter().map(|s| (s.line, s.words)).collect();
        assert_eq!(top, [(1, 3), (4, 3), (1, 2)]);
        assert_eq!(longest(&s, 10).len(), 4);
        assert!(longest(&s, 0).is_empty());
    }
}
