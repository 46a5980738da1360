//! The index the theme's `search.js` reads, cut in parts so that one search downloads only what
//! it needs, however large the site. Each part is a script that hands its data to
//! `amparoSearch` (a browser refuses `fetch()` on `file://`, but loads a `<script>`):
//!
//! - `index.js`: how many pages, and the first word of each part below;
//! - `t/<n>.js`: words, A to Z, each with the pages that hold it (title words flagged);
//! - `n/<n>.js`: for typing mistakes: each word, and each word less one letter, to the words
//!   they come from, so one wrong, missing, extra or swapped letter finds the word by looking
//!   up a handful of keys, never the whole list;
//! - `p/<n>.js`: one page as a result shows it: title, address, description, the language it
//!   is shown in, and its text for the snippet; loaded only for the results shown.
//!
//! Words are cut out of the text exactly as `search.js` cuts a query: accents dropped, lower
//! case, ASCII letters and digits, an apostrophe inside a word kept as a letter (`k'aslemal`).

use crate::files::OutputFile;
use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

/// A part of the index ends after a word whose hash picks it, once the part holds at least
/// [`PART_MIN`] bytes of words and page numbers, and at [`PART_MAX`] in any case. Parts are small
/// enough that a search fetches little, large enough that it fetches few; and since the word
/// itself decides where a part ends, a new word changes the part it falls in, not every part
/// after it (so a preview, a cache and a phone's saved copy renew only that part).
const PART_MIN: usize = 3_000;
const PART_MAX: usize = 12_000;
/// One word in this many ends a part (past [`PART_MIN`]).
const PART_PICK: u64 = 128;

/// Typing mistakes are forgiven in query words of this many letters or more; shorter words
/// have too many neighbours.
const TYPO_FROM: usize = 5;

/// One page as the index holds it.
#[derive(Serialize)]
pub struct IndexPage {
    pub title: String,
    /// From the search page to the page.
    pub href: String,
    pub description: String,
    /// "in Español", when the page is shown in another language than the search page's.
    pub shown_in: Option<String>,
    /// Its headings and text, tags dropped.
    pub text: String,
}

/// Every part of the index of one language, whose search page is in `folder`
/// (`es/search/`), holding `pages` in the order results are ranked on a tie.
pub fn files(folder: &str, pages: &[IndexPage]) -> Vec<OutputFile> {
    let postings = postings(pages);
    let near = near(postings.iter().map(|(w, _)| w));
    let mut out = Vec::new();
    let terms = parts(folder, "t", "terms", &postings, &mut out);
    let keys = parts(folder, "n", "near", &near, &mut out);
    for (n, page) in pages.iter().enumerate() {
        let data = serde_json::to_string(page).unwrap_or_else(|_| "null".into());
        out.push(script(
            format!("{folder}p/{n}.js"),
            "page",
            &n.to_string(),
            &data,
        ));
    }
    let manifest = serde_json::json!({ "pages": pages.len(), "terms": terms, "near": keys });
    out.push(script(
        format!("{folder}index.js"),
        "index",
        "",
        &manifest.to_string(),
    ));
    out
}

/// Each word of the pages, A to Z, with the pages that hold it: the page numbers as
/// differences from the one before, in base 36, comma separated, a `*` after a page whose
/// title holds the word (`"3*,2,a"` is pages 3, 5 and 15, the word in page 3's title).
/// (Gathered in hash maps and sorted once: a site's words are many.)
fn postings(pages: &[IndexPage]) -> Vec<(String, String)> {
    // Each page that holds a word as its number, times two, plus one when in its title: four
    // bytes where a site's words have millions.
    let mut seen: HashMap<String, Vec<u32>> = HashMap::new();
    let (mut title, mut rest) = (String::new(), String::new());
    for (n, page) in pages.iter().enumerate() {
        fold(&page.title, &mut title);
        fold(&page.description, &mut rest);
        rest.push(' ');
        fold_onto(&page.text, &mut rest);
        let mut own: HashMap<&str, bool> = HashMap::new();
        for w in cut(&title) {
            own.insert(w, true);
        }
        for w in cut(&rest) {
            own.entry(w).or_insert(false);
        }
        // Pages are taken in order, so each word's list is in page order.
        let n = u32::try_from(n).unwrap_or(u32::MAX >> 1) << 1;
        for (w, in_title) in own {
            let posting = n | u32::from(in_title);
            match seen.get_mut(w) {
                Some(list) => list.push(posting),
                None => {
                    seen.insert(w.to_string(), vec![posting]);
                }
            }
        }
    }
    let mut out: Vec<(String, String)> = seen
        .into_iter()
        .map(|(w, list)| {
            let mut s = String::new();
            let mut last = 0;
            for (i, posting) in list.into_iter().enumerate() {
                let n = (posting >> 1) as usize;
                if i > 0 {
                    s.push(',');
                }
                s.push_str(&base36(n - last));
                if posting & 1 == 1 {
                    s.push('*');
                }
                last = n;
            }
            (w, s)
        })
        .collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// For each word of four letters or more, the word itself; for each of five or more, the word
/// less each one of its letters; each key to the words it comes from (in the order given,
/// A to Z), space separated. A query word's own keys meet a word's keys exactly when the two
/// are one letter apart (or two letters swapped); `search.js` checks which.
fn near<'a>(words: impl Iterator<Item = &'a String>) -> Vec<(String, String)> {
    let mut keys: HashMap<String, Vec<&str>> = HashMap::new();
    for w in words {
        if w.len() < TYPO_FROM - 1 {
            continue;
        }
        let mut own = vec![w.clone()];
        if w.len() >= TYPO_FROM {
            own.extend(deletes(w));
        }
        own.sort_unstable();
        own.dedup();
        for k in own {
            keys.entry(k).or_default().push(w);
        }
    }
    let mut out: Vec<(String, String)> = keys.into_iter().map(|(k, v)| (k, v.join(" "))).collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The word less each one of its letters (a word is ASCII, as [`cut`] cuts it).
fn deletes(w: &str) -> Vec<String> {
    (0..w.len())
        .map(|i| format!("{}{}", &w[..i], &w[i + 1..]))
        .collect()
}

/// Writes `entries` (A to Z) as parts `<folder><dir>/<n>.js`, cut as [`PART_MIN`] says, and
/// returns the first key of each part, in order, for the manifest.
fn parts(
    folder: &str,
    dir: &str,
    call: &str,
    entries: &[(String, String)],
    out: &mut Vec<OutputFile>,
) -> Vec<String> {
    let mut firsts = Vec::new();
    let mut part = String::new();
    let mut size = 0;
    let mut flush = |part: &mut String, firsts: &Vec<String>| {
        let n = firsts.len() - 1;
        part.push('}');
        out.push(script(
            format!("{folder}{dir}/{n}.js"),
            call,
            &n.to_string(),
            part,
        ));
        part.clear();
    };
    for (k, v) in entries {
        if part.is_empty() {
            firsts.push(k.clone());
            part.push('{');
        } else {
            part.push(',');
        }
        size += k.len() + v.len() + 6;
        json_string(k, &mut part);
        part.push(':');
        json_string(v, &mut part);
        if size >= PART_MAX || (size >= PART_MIN && fnv(k).is_multiple_of(PART_PICK)) {
            flush(&mut part, &firsts);
            size = 0;
        }
    }
    if !part.is_empty() {
        flush(&mut part, &firsts);
    }
    firsts
}

/// `s` as a JSON string, added to `out`.
fn json_string(s: &str, out: &mut String) {
    // A `&str` always serialises.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

/// FNV-1a: a hash that is the same on every machine and every run.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A part of the index: a script that hands `data` to `amparoSearch.<call>`.
fn script(path: String, call: &str, n: &str, data: &str) -> OutputFile {
    let args = if n.is_empty() {
        data.to_string()
    } else {
        format!("{n},{data}")
    };
    OutputFile {
        path,
        bytes: format!("amparoSearch.{call}({args});\n").into_bytes(),
    }
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    loop {
        s.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// The words of `text` as `search.js` cuts a query: decomposed, accents dropped, lower case,
/// the two typographic apostrophes made `'`, then runs of ASCII letters and digits, joined by
/// single apostrophes.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let mut folded = String::new();
    fold(text, &mut folded);
    cut(&folded).map(str::to_string).collect()
}

/// `text` decomposed, accents dropped, lower case, typographic apostrophes made `'`, into
/// `out` (emptied first).
fn fold(text: &str, out: &mut String) {
    out.clear();
    fold_onto(text, out);
}

/// [`fold`], added to what `out` holds. Only letters past ASCII go through the normaliser, one
/// by one: the marks it would reorder are dropped or cut words apart either way, so the words
/// are the same as from the whole text, for a fraction of the time.
fn fold_onto(text: &str, out: &mut String) {
    use icu_normalizer::DecomposingNormalizerBorrowed;
    let nfd = DecomposingNormalizerBorrowed::new_nfd();
    out.reserve(text.len());
    // Char by char lower case differs from the whole string's only in Greek final sigma, which
    // is not a letter a word keeps.
    let push = |c: char, out: &mut String| match c {
        '\u{300}'..='\u{36f}' => {}
        '\u{2019}' | '\u{2bc}' => out.push('\''),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    };
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            nfd.normalize_iter(std::iter::once(c))
                .for_each(|d| push(d, out));
        }
    }
}

/// The words of folded text: runs of ASCII letters and digits, joined by single apostrophes.
fn cut(folded: &str) -> impl Iterator<Item = &str> {
    let bytes = folded.as_bytes();
    let letter = move |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !letter(i) {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while letter(i) || (bytes.get(i) == Some(&b'\'') && letter(i + 1)) {
            i += 1;
        }
        Some(&folded[start..i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, text: &str) -> IndexPage {
        IndexPage {
            title: title.into(),
            href: "x".into(),
            description: String::new(),
            shown_in: None,
            text: text.into(),
        }
    }

    fn value<'a>(entries: &'a [(String, String)], key: &str) -> Option<&'a str> {
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn words_are_cut_as_the_script_cuts_a_query() {
        assert_eq!(
            words("¿Qué es el ASILO? Protección, K’aslemal y k'iche' 12"),
            [
                "que",
                "es",
                "el",
                "asilo",
                "proteccion",
                "k'aslemal",
                "y",
                "k'iche",
                "12"
            ]
        );
        assert_eq!(words("'a' b''c"), ["a", "b", "c"]);
    }

    #[test]
    fn pages_are_numbered_by_differences_with_title_words_flagged() {
        let mut pages: Vec<IndexPage> = (0..16).map(|_| page("x", "")).collect();
        pages[3] = page("Asilo", "");
        pages[5] = page("y", "el asilo");
        pages[15] = page("y", "ASILO");
        assert_eq!(value(&postings(&pages), "asilo"), Some("3*,2,a"));
    }

    #[test]
    fn a_word_one_letter_off_shares_a_key() {
        let words = ["asilo".to_string(), "ayuda".to_string(), "pide".to_string()];
        let near = near(words.iter());
        // "asilio" has an extra letter, "asilp" a wrong one, "aislo" two swapped, "asil" one
        // missing (too short to look up, but a key of the word all the same).
        assert_eq!(value(&near, "asilo"), Some("asilo"));
        assert_eq!(value(&near, "asil"), Some("asilo"));
        assert_eq!(value(&near, "aslo"), Some("asilo"));
        assert!(value(&near, "pide").is_some(), "four letters: itself only");
        assert!(value(&near, "pid").is_none());
        assert!(near.is_sorted(), "A to Z");
    }

    #[test]
    fn parts_are_cut_by_size_and_named_by_their_first_word() {
        let pages: Vec<IndexPage> = (0..400)
            .map(|n| page(&format!("p{n}"), &format!("palabra{n} comun")))
            .collect();
        let out = files("es/search/", &pages);
        let manifest = out
            .iter()
            .find(|f| f.path == "es/search/index.js")
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default();
        let terms = out
            .iter()
            .filter(|f| f.path.starts_with("es/search/t/"))
            .count();
        assert!(terms > 1, "{terms} parts");
        assert!(manifest.starts_with("amparoSearch.index({"));
        assert!(manifest.contains("\"pages\":400"));
        assert!(manifest.contains("\"terms\":[\"comun\","), "{manifest}");
        assert!(
            out.iter()
                .filter(|f| f.path.starts_with("es/search/t/"))
                .all(|f| f.bytes.len() < PART_MAX * 2)
        );
        let first = out
            .iter()
            .find(|f| f.path == "es/search/p/0.js")
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned());
        assert_eq!(
            first.as_deref(),
            Some(
                "amparoSearch.page(0,{\"title\":\"p0\",\"href\":\"x\",\"description\":\"\",\"shown_in\":null,\"text\":\"palabra0 comun\"});\n"
            )
        );
    }

    #[test]
    fn a_new_word_changes_the_part_it_falls_in_not_every_part_after_it() {
        let pages = |extra: &str| -> Vec<IndexPage> {
            (0..2000)
                .map(|n| {
                    let text = format!(
                        "w{} comun {}",
                        base36(n * 7919),
                        if n == 5 { extra } else { "" }
                    );
                    page(&format!("p{n}"), &text)
                })
                .collect()
        };
        let before = files("es/search/", &pages(""));
        let after = files("es/search/", &pages("bbbnuevo"));
        let changed: Vec<&str> = after
            .iter()
            .filter(|f| {
                !before
                    .iter()
                    .any(|b| b.path == f.path && b.bytes == f.bytes)
            })
            .map(|f| f.path.as_str())
            .collect();
        let parts = |dir: &str| before.iter().filter(|f| f.path.starts_with(dir)).count();
        let changed_in = |dir: &str| changed.iter().filter(|p| p.starts_with(dir)).count();
        assert!(parts("es/search/t/") > 5 && parts("es/search/n/") > 5);
        assert_eq!(changed_in("es/search/t/"), 1, "{changed:?}");
        assert!(changed_in("es/search/n/") <= 3, "{changed:?}");
        assert_eq!(changed_in("es/search/p/"), 1, "{changed:?}");
    }
}
