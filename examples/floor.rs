//! The floor a site build is measured against: read every Markdown file under `content/`,
//! turn it into HTML with pulldown-cmark, write one file each, in parallel, and nothing else
//! (no front matter, templates, languages, links, search, booklets or zips).
//!
//! `cargo run --release --example floor -- --root SITE --out DIR`

// A benchmark stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(dead_code)]
mod common;

use common::arg;
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(arg("--root").expect("--root SITE"));
    let out = PathBuf::from(arg("--out").expect("--out DIR"));
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let content = root.join("content");
    sources.par_iter().for_each(|source| {
        let text = std::fs::read_to_string(source).expect("read a page");
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::all()),
        );
        let rel = source.strip_prefix(&content).expect("under content/");
        let target = out.join(rel).with_extension("html");
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("make a folder");
        std::fs::write(target, html).expect("write a page");
    });
    println!("{} pages", sources.len());
}
