//! Spanish syllables: the vowel nuclei and the consonant splits of the RAE's orthographic rules
//! (Ortografía, 2010), as written in Mexico.

use super::{compose, lower};
use crate::text::words::is_apostrophe;
use std::ops::Range;

/// Syllables in a Spanish word: the number of vowel nuclei, by the RAE's orthographic rules
/// (Ortografía, 2010). Equal, by construction, to `hyphenate_es(word).len()`.
///
/// - Open vowels (a, e, o) side by side are in hiatus: `le-o`, `po-e-ta`, `ca-er`, `a-e-ro`.
/// - A closed vowel (i, u, ü, and y closing a word or before a consonant) next to any vowel
///   forms a diphthong (`cui-da-do`, `ciu-dad`, `hoy`, `muy`); closed + open + closed is a
///   triphthong (`buey`, `U-ru-guay`). A written accent on the closed vowel next to an open one
///   breaks it (`pa-ís`, `dí-a`, `o-í-do`, `ba-úl`); two closed vowels stay joined even with an
///   accent (`cons-truí`).
/// - An `h` between vowels does not prevent a diphthong (RAE 2010: `prohi-bi-do`, `ahu-ma-do`),
///   though older school rules split them.
/// - The `u` of `que`, `qui`, `gue`, `gui` is silent; `ü` is a vowel (`pin-güi-no`).
///
/// Letters other than these are consonants, and so is an apostrophe (a glottal stop or an
/// ejective in Mayan names: `K'i-che'`, `aj-q'ij`). Hyphens, digits and other signs separate
/// parts counted on their own. A word of digits alone counts one syllable; a string without
/// letters or digits counts none.
pub fn syllables_es(word: &str) -> usize {
    hyphenate_es(word).len()
}

/// Splits a Spanish word into syllables by the RAE's rules, as written in Mexico.
///
/// Nuclei come from [`syllables_es`]'s rules; the consonants between two nuclei split this way:
/// one goes with the next syllable (`ca-sa`, with `ch`, `ll`, `rr` as one: `co-che`, `ca-lle`,
/// `pe-rro`); of two, an inseparable pair (pl pr bl br fl fr cl cr gl gr kl kr tr dr, and `tl` as
/// in Mexico: `a-tlas`) goes with the next syllable (`a-bra-zo`), any other pair splits
/// (`ac-ción`); of three or more, the last two go with the next syllable when inseparable
/// (`ins-tru-men-to`), else only the last (`obs-tá-cu-lo`, `trans-por-te`). Letter case and
/// accents are kept; combining accents are composed first. Hyphens, digits and other signs
/// separate parts and are left out; a word of digits alone is one syllable, itself.
pub fn hyphenate_es(word: &str) -> Vec<String> {
    let chars = compose(word);
    let mut out = Vec::new();
    for part in chars.split(|&c| !(c.is_alphabetic() || is_apostrophe(c))) {
        if part.iter().any(|c| c.is_alphabetic()) {
            out.extend(hyphenate_letters(part));
        }
    }
    if out.is_empty() && word.chars().any(char::is_numeric) {
        out.push(word.to_string());
    }
    out
}

/// A Spanish vowel as the diphthong rules see it.
#[derive(Debug, Clone, Copy)]
struct Vowel {
    /// The letter without accent, which tells two closed vowels apart (`ui` joins, `ii` doesn't).
    base: char,
    /// a, e, o (accented or not).
    open: bool,
    /// í or ú: a closed vowel whose accent makes it a nucleus of its own next to an open vowel.
    stressed: bool,
}

impl Vowel {
    fn acts_open(self) -> bool {
        self.open || self.stressed
    }
}

#[derive(Debug, Clone, Copy)]
enum Sound {
    Vowel(Vowel),
    Consonant,
}

/// A syllable's vowel group: indices `start..end` into the word (an `h` may sit inside).
#[derive(Debug)]
struct Nucleus {
    start: usize,
    end: usize,
    /// Where the group ended before its last vowel joined, for handing that vowel on.
    end_before_last: usize,
    last: Vowel,
    has_open: bool,
    vowels: usize,
}

fn hyphenate_letters(chars: &[char]) -> Vec<String> {
    let lowered: Vec<char> = chars.iter().copied().map(lower).collect();
    let sounds = spanish_sounds(&lowered);
    let nuclei = spanish_nuclei(&lowered, &sounds);
    let mut out = Vec::with_capacity(nuclei.len().max(1));
    let mut start = 0;
    for pair in nuclei.windows(2) {
        let cut = syllable_cut(&lowered, pair[0].end, pair[1].start);
        out.push(chars.get(start..cut).unwrap_or_default().iter().collect());
        start = cut;
    }
    // The last syllable takes the rest; a word without a vowel ("pst", "Sr") is one syllable.
    out.push(chars.get(start..).unwrap_or_default().iter().collect());
    out
}

fn spanish_vowel(c: char) -> Option<Vowel> {
    let (base, open, stressed) = match c {
        'a' | 'á' | 'à' | 'â' | 'ä' => ('a', true, false),
        'e' | 'é' | 'è' | 'ê' | 'ë' => ('e', true, false),
        'o' | 'ó' | 'ò' | 'ô' | 'ö' => ('o', true, false),
        'i' | 'ì' | 'î' | 'ï' => ('i', false, false),
        'u' | 'ù' | 'û' | 'ü' => ('u', false, false),
        'í' => ('i', false, true),
        'ú' => ('u', false, true),
        _ => return None,
    };
    Some(Vowel {
        base,
        open,
        stressed,
    })
}

/// Vowel or consonant for each (lower-case) letter.
fn spanish_sounds(w: &[char]) -> Vec<Sound> {
    w.iter()
        .enumerate()
        .map(|(i, &c)| {
            let prev = i.checked_sub(1).and_then(|k| w.get(k)).copied();
            let next = w.get(i + 1).copied();
            match c {
                // Before a vowel, y is a consonant (a-yu-da, re-yes); otherwise it closes a
                // diphthong (hoy, muy, rey, U-ru-guay) or is the word "y".
                'y' if next.and_then(spanish_vowel).is_some() => Sound::Consonant,
                'y' => Sound::Vowel(Vowel {
                    base: 'y',
                    open: false,
                    stressed: false,
                }),
                // The silent u of que, qui, gue, gui.
                'u' if prev == Some('q') => Sound::Consonant,
                'u' if prev == Some('g') && matches!(next, Some('e' | 'é' | 'i' | 'í')) => {
                    Sound::Consonant
                }
                _ => spanish_vowel(c).map_or(Sound::Consonant, Sound::Vowel),
            }
        })
        .collect()
}

fn spanish_nuclei(w: &[char], sounds: &[Sound]) -> Vec<Nucleus> {
    let mut out: Vec<Nucleus> = Vec::new();
    for (i, sound) in sounds.iter().enumerate() {
        let Sound::Vowel(v) = *sound else {
            continue;
        };
        let mut start = i;
        if let Some(n) = out.last_mut()
            && touches(w, n.end, i)
        {
            if joins_nucleus(n, v) {
                n.end_before_last = n.end;
                n.end = i + 1;
                n.last = v;
                n.has_open |= v.acts_open();
                n.vowels += 1;
                continue;
            }
            if hands_on_glide(n, v) {
                // A closed vowel between two open ones glides into the second: a-hue-hue-te,
                // ná-huatl, Chi-hua-hua; not ahu-e.
                start = n.end - 1;
                n.end = n.end_before_last;
                n.vowels -= 1;
            }
        }
        let handed_on = start < i;
        out.push(Nucleus {
            start,
            end: i + 1,
            end_before_last: if handed_on { start + 1 } else { i },
            last: v,
            has_open: v.acts_open(),
            vowels: if handed_on { 2 } else { 1 },
        });
    }
    out
}

/// Whether a vowel at `i` follows a nucleus ending at `end`, directly or across a silent `h`.
fn touches(w: &[char], end: usize, i: usize) -> bool {
    end == i || (end + 1 == i && w.get(end) == Some(&'h'))
}

/// Whether `v` joins the nucleus: a diphthong with its last vowel and at most one open vowel; a
/// third vowel only to close a triphthong, closed + open + closed (buey, U-ru-guay).
fn joins_nucleus(n: &Nucleus, v: Vowel) -> bool {
    if !diphthong(n.last, v) || (n.has_open && v.acts_open()) {
        return false;
    }
    match n.vowels {
        1 => true,
        2 => n.last.acts_open() && !v.acts_open(),
        _ => false,
    }
}

/// Whether the nucleus's last vowel, a closed one after another vowel, should leave it to form
/// a diphthong with the open vowel `v` that follows.
fn hands_on_glide(n: &Nucleus, v: Vowel) -> bool {
    n.vowels >= 2 && !n.last.acts_open() && v.open && diphthong(n.last, v)
}

fn diphthong(a: Vowel, b: Vowel) -> bool {
    match (a.open, b.open) {
        (true, true) => false,
        (false, false) => a.base != b.base,
        (true, false) => !b.stressed,
        (false, true) => !a.stressed,
    }
}

/// Where the syllable boundary falls among the consonants `w[from..to]` between two nuclei.
fn syllable_cut(w: &[char], from: usize, to: usize) -> usize {
    let units = consonant_units(w, from, to);
    match units.as_slice() {
        [] => to,
        [only] => only.start,
        [.., a, b] => {
            if inseparable(w, a, b) {
                a.start
            } else {
                b.start
            }
        }
    }
}

/// The consonants in `w[from..to]`, with ch, ll, rr, qu/gu (silent u) and a consonant with
/// its apostrophe (a Mayan ejective: q', k', tz' → aj-q'ij) as single units.
fn consonant_units(w: &[char], from: usize, to: usize) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut k = from;
    while k < to {
        let pair = (w.get(k).copied(), w.get(k + 1).copied());
        let ejective =
            pair.0.is_some_and(|c| !is_apostrophe(c)) && pair.1.is_some_and(is_apostrophe);
        let digraph = k + 1 < to
            && (ejective
                || matches!(
                    pair,
                    (Some('c'), Some('h'))
                        | (Some('l'), Some('l'))
                        | (Some('r'), Some('r'))
                        | (Some('q' | 'g'), Some('u'))
                ));
        let len = if digraph { 2 } else { 1 };
        units.push(k..k + len);
        k += len;
    }
    units
}

/// A consonant followed by l or r that begins a syllable together: pl, bl, fl, cl, gl, kl, tl
/// (Mexican a-tlas; Spain splits it) and pr, br, fr, cr, gr, kr, tr, dr.
fn inseparable(w: &[char], a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.len() != 1 || b.len() != 1 {
        return false;
    }
    matches!(
        (w.get(a.start), w.get(b.start)),
        (
            Some('p' | 'b' | 'f' | 'c' | 'g' | 'k' | 't'),
            Some('l' | 'r')
        ) | (Some('d'), Some('r'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand counts, by the RAE's orthographic rules (2010).
    const SPANISH: &[(&str, usize)] = &[
        ("niño", 2),
        ("niña", 2),
        ("derecho", 3),
        ("derechos", 3),
        ("ayuda", 3),
        ("abogado", 4),
        ("país", 2),
        ("día", 2),
        ("oído", 3),
        ("baúl", 2),
        ("río", 2),
        ("leo", 2),
        ("poeta", 3),
        ("caer", 2),
        ("cuidado", 3),
        ("ciudad", 2),
        ("bueno", 2),
        ("buey", 1),
        ("Uruguay", 3),
        ("hoy", 1),
        ("muy", 1),
        ("rey", 1),
        ("y", 1),
        ("que", 1),
        ("quien", 1),
        ("guerra", 2),
        ("guitarra", 3),
        ("pingüino", 3),
        ("vergüenza", 3),
        // RAE 2010: an h between vowels does not prevent a diphthong (prohi-bi-do, ahu-ma-do).
        ("prohibido", 3),
        ("ahumado", 3),
        // A monosyllable for the RAE (ui is always a diphthong in writing).
        ("huir", 1),
        ("construir", 2),
        ("instrumento", 4),
        ("obstáculo", 4),
        ("carro", 2),
        ("calle", 2),
        ("coche", 2),
        ("perro", 2),
        ("abrazo", 3),
        ("atlas", 2),
        ("migración", 3),
        ("protección", 3),
        ("información", 4),
        ("refugio", 3),
        ("asilo", 3),
        ("familia", 3),
        ("escuela", 3),
        ("seguro", 3),
        ("teléfono", 4),
        ("llamar", 2),
        ("gratis", 2),
        ("secreto", 3),
        ("juez", 1),
        ("tienes", 2),
        ("puedes", 2),
        ("nadie", 2),
        ("también", 2),
        ("después", 2),
        ("aeropuerto", 5),
        ("maíz", 2),
        ("reír", 2),
        ("creer", 2),
        ("leer", 2),
        ("poesía", 4),
        ("transporte", 3),
        ("México", 3),
        ("Mexico", 3),
        ("MÉXICO", 3),
        ("cuídate", 3),
        ("guion", 1),
        ("agua", 2),
        ("guía", 2),
        ("ahí", 2),
        ("búho", 2),
        ("alcohol", 3),
        ("leía", 3),
        ("huía", 2),
        ("estudiáis", 3),
        ("reyes", 2),
        ("hombre", 2),
        ("deshacer", 3),
        ("confianza", 3),
        ("adulto", 3),
        ("hacerte", 3),
        ("K'iche'", 2),
    ];

    #[test]
    fn spanish_syllables_match_hand_counts() {
        let wrong: Vec<String> = SPANISH
            .iter()
            .filter(|(w, n)| syllables_es(w) != *n)
            .map(|(w, n)| {
                format!(
                    "{w}: expected {n}, got {} {:?}",
                    syllables_es(w),
                    hyphenate_es(w)
                )
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn hyphenation_agrees_with_the_count_and_keeps_every_letter() {
        for (w, _) in SPANISH {
            let parts = hyphenate_es(w);
            assert_eq!(parts.len(), syllables_es(w), "{w}: {parts:?}");
            assert_eq!(parts.concat(), *w, "{w}: {parts:?}");
        }
    }

    #[test]
    fn hyphenation_follows_the_consonant_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("obstáculo", &["obs", "tá", "cu", "lo"]),
            ("instrumento", &["ins", "tru", "men", "to"]),
            ("transporte", &["trans", "por", "te"]),
            ("construir", &["cons", "truir"]),
            ("carro", &["ca", "rro"]),
            ("calle", &["ca", "lle"]),
            ("coche", &["co", "che"]),
            ("perro", &["pe", "rro"]),
            ("abrazo", &["a", "bra", "zo"]),
            ("atlas", &["a", "tlas"]),
            ("hombre", &["hom", "bre"]),
            ("acción", &["ac", "ción"]),
            ("guitarra", &["gui", "ta", "rra"]),
            ("pingüino", &["pin", "güi", "no"]),
            ("Uruguay", &["U", "ru", "guay"]),
            ("aeropuerto", &["a", "e", "ro", "puer", "to"]),
            ("prohibido", &["prohi", "bi", "do"]),
            ("ahumado", &["ahu", "ma", "do"]),
            ("alcohol", &["al", "co", "hol"]),
            ("búho", &["bú", "ho"]),
            ("deshacer", &["des", "ha", "cer"]),
            ("ayuda", &["a", "yu", "da"]),
            ("oído", &["o", "í", "do"]),
            ("país", &["pa", "ís"]),
            ("leer", &["le", "er"]),
            ("niño", &["ni", "ño"]),
            ("México", &["Mé", "xi", "co"]),
            ("huir", &["huir"]),
            ("K'iche'", &["K'i", "che'"]),
            ("ajq'ij", &["aj", "q'ij"]),
            ("rehusar", &["rehu", "sar"]),
            ("desahucio", &["de", "sahu", "cio"]),
            ("ahuehuete", &["a", "hue", "hue", "te"]),
            ("náhuatl", &["ná", "huatl"]),
            ("Chihuahua", &["Chi", "hua", "hua"]),
            ("Cuauhtémoc", &["Cuauh", "té", "moc"]),
            ("Quetzalcóatl", &["Quet", "zal", "có", "atl"]),
            ("Oaxaca", &["O", "a", "xa", "ca"]),
            ("Tlaxcala", &["Tlax", "ca", "la"]),
            ("Guadalajara", &["Gua", "da", "la", "ja", "ra"]),
            ("guau", &["guau"]),
            ("huía", &["huí", "a"]),
            ("cuídate", &["cuí", "da", "te"]),
            ("y", &["y"]),
            ("franco-mexicano", &["fran", "co", "me", "xi", "ca", "no"]),
        ];
        for (word, expected) in cases {
            assert_eq!(hyphenate_es(word), *expected, "{word}");
        }
        assert!(hyphenate_es("").is_empty());
        assert!(hyphenate_es("¡¿!?").is_empty());
        assert_eq!(hyphenate_es("pst"), ["pst"]);
    }
}
