//! Writes a generated site for benchmarks: the bundled site.toml, locales and theme, with N
//! pages per language in sections of 100, each ~450 words with headings, a list, a table, a
//! callout and three internal links. Every fifth page has no English translation and no page
//! is written in K'iche' or Mam, so fallback is exercised.
//!
//! `cargo run --release --example corpus -- --pages 1000 --out /tmp/corpus`

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

fn main() {
    let pages: usize = arg("--pages").and_then(|p| p.parse().ok()).unwrap_or(1000);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "target/corpus".into()));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let _ = std::fs::remove_dir_all(&out);
    for item in ["site.toml", "locales", "themes"] {
        copy(&repo.join(item), &out.join(item));
    }
    write(&out.join("content/_index.es.md"), &front("Inicio", 0));
    write(&out.join("content/_index.en.md"), &front("Home", 0));
    let sections = pages.div_ceil(100);
    for s in 0..sections {
        let dir = out.join(format!("content/s{s:03}"));
        write(
            &dir.join("_index.es.md"),
            &front(&format!("Sección {s}"), s as i64),
        );
        write(
            &dir.join("_index.en.md"),
            &front(&format!("Section {s}"), s as i64),
        );
        for p in 0..100.min(pages - s * 100) {
            let n = s * 100 + p;
            write(
                &dir.join(format!("p{p:03}.es.md")),
                &page(n, pages, "Página"),
            );
            if n % 5 != 0 {
                write(&dir.join(format!("p{p:03}.en.md")), &page(n, pages, "Page"));
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

fn page(n: usize, total: usize, word: &str) -> String {
    let mut s = format!(
        "+++\ntitle = \"{word} {n}\"\ndescription = \"{word} {n} del corpus.\"\nweight = {n}\n+++\n\n"
    );
    let link = |k: usize| {
        let t = (n * 7 + k * 13) % total;
        format!("../s{:03}/p{:03}.md", t / 100, t % 100)
    };
    for h in 0..4 {
        let _ = writeln!(s, "## Pregunta {h}\n");
        let _ = writeln!(s, "{}\n", sentence(n + h, 90));
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
    let _ = writeln!(s, "> [!IMPORTANT]\n> {}\n", sentence(n, 20));
    s
}

fn sentence(seed: usize, words: usize) -> String {
    (0..words)
        .map(|i| WORDS[(seed * 31 + i * 7) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
        + "."
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}
