//! Sentences: where a block of prose breaks into sentences, and the source line of each. The
//! marks that end one, the abbreviations and initials that do not, and the scripts they cover
//! are listed here.

use super::words::word_spans;
use std::ops::Range;

/// A run of prose from a page: a paragraph, heading, list item or table cell, with the 1-based
/// source line where it starts. A block always ends a sentence.
///
/// The text may hold `'\n'` (soft line breaks inside a paragraph); sentence lines count them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The source line the block starts on, from 1.
    pub line: u32,
    /// The block's words, Markdown marks removed.
    pub text: String,
}

impl Block {
    /// A block of `text` starting on `line`.
    pub fn new(line: u32, text: impl Into<String>) -> Block {
        Block {
            line,
            text: text.into(),
        }
    }
}

/// One sentence: the source line where its first word is, its word count, and its text trimmed
/// with whitespace collapsed to single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The source line of its first word.
    pub line: u32,
    /// How many words it has.
    pub words: usize,
    /// Its text, whitespace collapsed.
    pub text: String,
}

/// The sentences of one block, in order; sentences without a word are left out.
///
/// A sentence ends at `.`, `!`, `?`, `…` (and runs of them, with the quotes and brackets that
/// close over them), at a colon that ends a line, and at the end of the block. The Spanish
/// opening marks ¿ ¡ end nothing. A mark does not end a sentence inside a token (`3.5`,
/// `amparo.org`, `?,`), after an abbreviation (`Sr.`, `Dra.`, `Lic.`, `p. ej.`, `e.g.`, `i.e.`,
/// `U.S.`, `EE. UU.`) or an initial (`J. R. R. Tolkien`), nor when the next word starts in lower
/// case (`aprox. tres`, `Espera... ya viene`, `—¿Vienes? —preguntó`). Arabic, Urdu, Devanagari,
/// Chinese and Japanese end marks count too.
pub fn sentences(block: &Block) -> Vec<Sentence> {
    split_block(block).into_iter().map(|(s, _)| s).collect()
}

/// Abbreviations after which a dot never ends a sentence, lower case, without their final dot.
/// `etc.` is not here: it usually closes a list, so it ends a sentence when a capital follows.
/// `no.` is not here either: in Spanish it is the word "no".
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // Titles.
    "sr", "sra", "srta", "sres", "dr", "dra", "lic", "licda", "ing", "arq", "prof", "profa",
    "mr", "mrs", "ms", "st", "jr",
    // References and addresses.
    "núm", "art", "arts", "tel", "pág", "págs", "p", "pp", "ej", "vol", "cap", "fig", "aprox",
    "approx", "av", "avda", "col", "depto", "dpto", "dept", "vs",
    // Countries written with spaced dots: "EE. UU.".
    "ee", "uu",
];

/// Splits a block into sentences with their words.
pub(super) fn split_block(block: &Block) -> Vec<(Sentence, Vec<&str>)> {
    let text = block.text.as_str();
    let mut out = Vec::new();
    // Newlines are counted once, forward, as sentences come.
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    for span in sentence_spans(text) {
        let piece = &text[span.clone()];
        let spans = word_spans(piece);
        let Some(first) = spans.first() else {
            continue;
        };
        let first_word_at = span.start + first.start;
        newlines += text[counted_to..first_word_at].matches('\n').count();
        counted_to = first_word_at;
        let line = block
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        let words: Vec<&str> = spans.into_iter().map(|r| &piece[r]).collect();
        let sentence = Sentence {
            line,
            words: words.len(),
            text: piece.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        out.push((sentence, words));
    }
    out
}

/// Byte ranges of the sentences in a text, by the rules of [`sentences`], covering it end to end.
fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        match sentence_break(&chars, i) {
            Some(end) => {
                spans.push(byte_at(start)..byte_at(end));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < chars.len() {
        spans.push(byte_at(start)..text.len());
    }
    spans
}

/// If a sentence ends at `chars[i]`, the index just past its end (marks and closing quotes).
fn sentence_break(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let &(_, c) = chars.get(i)?;
    if c == ':' {
        return colon_break(chars, i);
    }
    if !is_terminator(c) {
        return None;
    }
    // A run of marks ("?!", "...") and the quotes or brackets that close over it.
    let mut end = i;
    let mut wide = false;
    while let Some(&(_, t)) = chars.get(end)
        && is_terminator(t)
    {
        wide |= is_wide_terminator(t);
        end += 1;
    }
    let single_dot = c == '.' && end == i + 1;
    while let Some(&(_, t)) = chars.get(end)
        && is_closer(t)
    {
        end += 1;
    }
    // Chinese and Japanese full stops need no space after them.
    if wide {
        return Some(end);
    }
    // Inside a token: a decimal (3.5), a web address (amparo.org), a question before a comma.
    if chars
        .get(end)
        .is_some_and(|&(_, next)| !next.is_whitespace())
    {
        return None;
    }
    if single_dot && is_abbreviation(&token_before(chars, i)) {
        return None;
    }
    // A word in lower case continues the sentence: "aprox. tres", "Espera... ya viene",
    // "—¿Vienes? —preguntó". Sentences in scripts without case are not affected.
    if next_letter(chars, end).is_some_and(char::is_lowercase) {
        return None;
    }
    Some(end)
}

/// A colon ends a sentence only when the line ends after it (a list or a block follows).
fn colon_break(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut k = i + 1;
    while let Some(&(_, ' ' | '\t')) = chars.get(k) {
        k += 1;
    }
    match chars.get(k) {
        Some(&(_, '\n' | '\r')) => Some(i + 1),
        _ => None,
    }
}

fn is_terminator(c: char) -> bool {
    // Latin marks and their doubled forms, the Arabic question mark, the Urdu full stop and the
    // Devanagari dandas; then the full-width marks of Chinese and Japanese.
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '۔' | '।' | '॥'
    ) || is_wide_terminator(c)
}

fn is_wide_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

/// The whitespace-delimited token before `chars[i]`, without leading punctuation (¿, «, ().
fn token_before(chars: &[(usize, char)], i: usize) -> String {
    let mut k = i;
    while k > 0 && chars.get(k - 1).is_some_and(|&(_, c)| !c.is_whitespace()) {
        k -= 1;
    }
    chars
        .get(k..i)
        .unwrap_or_default()
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|c| !c.is_alphanumeric())
        .collect()
}

/// Whether a dot after this token marks an abbreviation rather than a sentence's end: a listed
/// abbreviation, an initial (a single capital: "J. R. R. Tolkien"), or dotted letters in groups
/// of one or two ("U.S", "e.g", "i.e", "EE.UU").
fn is_abbreviation(token: &str) -> bool {
    let lower = token.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    token.contains('.')
        && token.split('.').all(|piece| {
            let n = piece.chars().count();
            (1..=2).contains(&n) && piece.chars().all(char::is_alphabetic)
        })
}

/// The first letter or digit from `chars[from]` on.
fn next_letter(chars: &[(usize, char)], from: usize) -> Option<char> {
    chars
        .get(from..)?
        .iter()
        .map(|&(_, c)| c)
        .find(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Counter, stats, words};

    fn block(line: u32, text: &str) -> Block {
        Block::new(line, text)
    }

    fn sentence_texts(text: &str) -> Vec<String> {
        sentences(&block(1, text))
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn sentences_end_at_marks_and_keep_opening_marks() {
        assert_eq!(
            sentence_texts("¿Tienes miedo? ¡Pide ayuda! Estamos aquí."),
            ["¿Tienes miedo?", "¡Pide ayuda!", "Estamos aquí."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentence_texts("El Sr. García y la Dra. López te ayudan. Llama al 911."),
            ["El Sr. García y la Dra. López te ayudan.", "Llama al 911."]
        );
        assert_eq!(
            sentence_texts("En EE. UU. puedes pedir asilo. Lic. Pérez, p. ej., te ayuda."),
            [
                "En EE. UU. puedes pedir asilo.",
                "Lic. Pérez, p. ej., te ayuda."
            ]
        );
        assert_eq!(
            sentence_texts("Call Dr. Smith, e.g. at the U.S. office. Then wait, i.e. stay."),
            [
                "Call Dr. Smith, e.g. at the U.S. office.",
                "Then wait, i.e. stay."
            ]
        );
        assert_eq!(
            sentence_texts("J. R. R. Tolkien wrote it."),
            ["J. R. R. Tolkien wrote it."]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            sentence_texts("Lleva acta, pasaporte, etc. Luego ve a la cita."),
            ["Lleva acta, pasaporte, etc.", "Luego ve a la cita."]
        );
        assert_eq!(
            sentence_texts("Lleva acta, etc. y ve a la cita."),
            ["Lleva acta, etc. y ve a la cita."]
        );
    }

    #[test]
    fn decimals_and_addresses_do_not_end_sentences() {
        let s = sentences(&block(1, "Cuesta 3.5 pesos. Visita amparo.org. Hay ayuda."));
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Cuesta 3.5 pesos.", "Visita amparo.org.", "Hay ayuda."]
        );
        assert_eq!(s[0].words, 3);
    }

    #[test]
    fn ellipsis_ends_a_sentence_unless_lower_case_follows() {
        assert_eq!(
            sentence_texts("Espera… Ya viene. Bueno... vamos juntos."),
            ["Espera…", "Ya viene.", "Bueno... vamos juntos."]
        );
        // The same rule lets unknown abbreviations through.
        assert_eq!(
            sentence_texts("Son aprox. tres horas."),
            ["Son aprox. tres horas."]
        );
    }

    #[test]
    fn closing_quotes_go_with_their_sentence() {
        assert_eq!(
            sentence_texts("Dijo: «Ven.» Luego se fue. \"Why?\" She left."),
            ["Dijo: «Ven.»", "Luego se fue.", "\"Why?\"", "She left."]
        );
    }

    #[test]
    fn a_colon_ends_a_sentence_only_at_a_line_end() {
        assert_eq!(
            sentence_texts("Necesitas:  \nun adulto de confianza"),
            ["Necesitas:", "un adulto de confianza"]
        );
        assert_eq!(
            sentence_texts("Hora: 10:30 en punto."),
            ["Hora: 10:30 en punto."]
        );
    }

    #[test]
    fn a_block_without_final_punctuation_is_a_sentence() {
        let s = stats(
            &[block(3, "Pide ayuda"), block(5, "Llama")],
            Counter::Spanish,
        );
        assert_eq!((s.sentences, s.words), (2, 3));
        assert_eq!(s.sentence_list[0].text, "Pide ayuda");
        assert_eq!(s.sentence_list[1].line, 5);
    }

    #[test]
    fn sentence_lines_count_soft_breaks() {
        let s = sentences(&block(
            10,
            "Primera línea.\nSegunda\nlínea. Tercera\n  frase.\n\nCuarta.",
        ));
        let got: Vec<(u32, usize, &str)> = s
            .iter()
            .map(|s| (s.line, s.words, s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (10, 2, "Primera línea."),
                (11, 2, "Segunda línea."),
                (12, 2, "Tercera frase."),
                (15, 1, "Cuarta."),
            ]
        );
    }

    #[test]
    fn empty_sentences_are_not_counted() {
        let s = stats(
            &[
                block(1, ""),
                block(2, "..."),
                block(3, "😀 🎉"),
                block(4, "— ¿? ¡!"),
                block(5, "Hola. . . !"),
            ],
            Counter::English,
        );
        assert_eq!((s.words, s.sentences, s.syllables), (1, 1, Some(2)));
        assert_eq!(s.sentence_list[0].line, 5);
    }

    #[test]
    fn other_scripts_end_sentences_too() {
        assert_eq!(
            sentence_texts("هل أنت بخير؟ نعم."),
            ["هل أنت بخير؟", "نعم."]
        );
        assert_eq!(sentence_texts("你好。我很好。"), ["你好。", "我很好。"]);
        assert_eq!(
            sentence_texts("तुम कहाँ हो। मैं यहाँ हूँ।"),
            ["तुम कहाँ हो।", "मैं यहाँ हूँ।"]
        );
        assert_eq!(words("मैं यहाँ हूँ"), ["मैं", "यहाँ", "हूँ"]);
    }
}
