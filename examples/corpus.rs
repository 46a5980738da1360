//! Writes a generated site for benchmarks: the bundled site.toml, locales and theme, with N
//! pages per language in sections of 100, each ~450 words with headings, a list, a table, a
//! callout and three internal links. Every fifth page has no English translation and no page
//! is written in K'iche' or Mam, so fallback is exercised.
//!
//! `--translated`: every language has every page of its own, the costly case.
//! `--vocabulary N`: the text is drawn from N made-up words, the first far more often than the
//! last (rank r comes about 1/r as often as the first, as in real text), instead of the same 33
//! Spanish words on every page: a search index of a real size.
//!
//! `cargo run --release --example corpus -- --pages 1000 --out /tmp/corpus [--translated]
//! [--vocabulary 20000]`

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{arg, copy};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "tienes",
    "derecho",
    "a",
    "estar",
    "seguro",
    "tu",
    "familia",
    "la",
    "escuela",
    "un",
    "abogado",
    "te",
    "puede",
    "ayudar",
    "pide",
    "ayuda",
    "cuando",
    "lo",
    "necesites",
    "nadie",
    "debe",
    "encerrarte",
    "por",
    "migrar",
    "tu",
    "opinión",
    "cuenta",
    "y",
    "debe",
    "ser",
    "escuchada",
    "con",
    "calma",
];

/// What the text is made of.
enum Words {
    /// The 33 Spanish words of [`WORDS`], in a fixed turn.
    Few,
    /// Made-up words drawn by rank: `cumulative[r]` is the chance of a rank up to r, out of the
    /// last one.
    Zipf {
        words: Vec<String>,
        cumulative: Vec<f64>,
    },
}

impl Words {
    fn zipf(n: usize) -> Words {
        let words = (0..n).map(made_up).collect();
        let mut sum = 0.0;
        let cumulative = (1..=n)
            .map(|r| {
                sum += 1.0 / r as f64;
                sum
            })
            .collect();
        Words::Zipf { words, cumulative }
    }

    /// `count` words for the text numbered `seed`, the same on every run.
    fn sentence(&self, seed: usize, count: usize) -> String {
        let picked: Vec<&str> = match self {
            Words::Few => (0..count)
                .map(|i| WORDS[(seed * 31 + i * 7) % WORDS.len()])
                .collect(),
            Words::Zipf { words, cumulative } => {
                let total = cumulative.last().copied().unwrap_or(1.0);
                let mut state = (seed as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
                (0..count)
                    .map(|_| {
                        // xorshift: cheap, and the same everywhere.
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        let x = (state >> 11) as f64 / (1u64 << 53) as f64 * total;
                        let r = cumulative.partition_point(|c| *c < x).min(words.len() - 1);
                        words[r].as_str()
                    })
                    .collect()
            }
        };
        picked.join(" ") + "."
    }
}

/// The made-up word of rank `n`: syllables of a consonant and a vowel, read off n's digits.
fn made_up(n: usize) -> String {
    const C: &[u8] = b"bcdfghjklmnprstvxyz";
    const V: &[u8] = b"aeiou";
    let mut s = String::new();
    let mut k = n + 400;
    while k > 0 {
        s.push(C[k % C.len()] as char);
        k /= C.len();
        s.push(V[k % V.len()] as char);
        k /= V.len();
    }
    s
}

fn main() {
    let pages: usize = arg("--pages").and_then(|p| p.parse().ok()).unwrap_or(1000);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "target/corpus".into()));
    let translated = std::env::args().any(|a| a == "--translated");
    let words = match arg("--vocabulary").and_then(|n| n.parse().ok()) {
        Some(n) if n > 0 => Words::zipf(n),
        _ => Words::Few,
    };
    let langs: &[(&str, &str, &str, &str)] = if translated {
        &[
            ("es", "Inicio", "Sección", "Página"),
            ("en", "Home", "Section", "Page"),
            ("quc", "Inicio", "Sección", "Página"),
            ("mam", "Inicio", "Sección", "Página"),
        ]
    } else {
        &[
            ("es", "Inicio", "Sección", "Página"),
            ("en", "Home", "Section", "Page"),
        ]
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let _ = std::fs::remove_dir_all(&out);
    for item in ["site.toml", "locales", "themes"] {
        copy(&repo.join(item), &out.join(item));
    }
    for (lang, home, _, _) in langs {
        write(
            &out.join(format!("content/_index.{lang}.md")),
            &front(home, 0),
        );
    }
    let sections = pages.div_ceil(100);
    for s in 0..sections {
        let dir = out.join(format!("content/s{s:03}"));
        for (lang, _, section, _) in langs {
            write(
                &dir.join(format!("_index.{lang}.md")),
                &front(&format!("{section} {s}"), s as i64),
            );
        }
        for p in 0..100.min(pages - s * 100) {
            let n = s * 100 + p;
            for (i, (lang, _, _, word)) in langs.iter().enumerate() {
                // Without --translated, every fifth page has no English.
                if *lang == "en" && !translated && n % 5 == 0 {
                    continue;
                }
                write(
                    &dir.join(format!("p{p:03}.{lang}.md")),
                    &page(n, pages, word, &words, i, translated),
                );
            }
        }
    }
    println!(
        "wrote {pages} pages per language in {sections} sections to {}",
        out.display()
    );
}

fn front(title: &str, weight: i64) -> String {
    format!("+++\ntitle = \"{title}\"\nweight = {weight}\n+++\n\nTexto.\n")
}

fn page(n: usize, total: usize, word: &str, words: &Words, lang: usize, lang_own: bool) -> String {
    let mut s = format!(
        "+++\ntitle = \"{word} {n}\"\ndescription = \"{word} {n} del corpus.\"\nweight = {n}\n+++\n\n"
    );
    let link = |k: usize| {
        let t = (n * 7 + k * 13) % total;
        format!("../s{:03}/p{:03}.md", t / 100, t % 100)
    };
    // With --translated each language's text differs, as translations do; without it the
    // English pages say what the Spanish ones say.
    let seed = |k: usize| if lang_own { (n + k) * 4 + lang } else { n + k };
    for h in 0..4 {
        let _ = writeln!(s, "## Pregunta {h}\n");
        let _ = writeln!(s, "{}\n", words.sentence(seed(h), 90));
    }
    let _ = writeln!(
        s,
        "- uno [enlace]({})\n- dos [enlace]({})\n- tres [enlace]({})\n",
        link(1),
        link(2),
        link(3)
    );
    let _ = writeln!(
        s,
        "| Día | Hora |\n|---|---|\n| Lunes | 9 |\n| Martes | 10 |\n"
    );
    let _ = writeln!(s, "> [!IMPORTANT]\n> {}\n", words.sentence(seed(0), 20));
    s
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}
