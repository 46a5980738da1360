//! What the fuzz targets share: a temporary site to write inputs into, and the safety checks
//! every rendered body and page must pass.
//!
//! The targets live in `fuzz_targets/`, one per parser that reads a user's file: front matter,
//! the Markdown stage, `site.toml`, a locale file, and the whole build of a one-file site. Run
//! them with `bash scripts/fuzz.sh [SECONDS]` from the repository root.

pub mod safety;
pub mod site;

use amparo::Diagnostics;
use scraper::{Html, Selector};
use std::path::Path;

/// Renders every diagnostic the way the command line and `amparo serve` do, so a place that
/// points outside its file, or a message that cannot be shown, fails here rather than there.
pub fn show(diags: &Diagnostics) {
    for d in diags.iter() {
        std::hint::black_box(d.render_terminal());
        std::hint::black_box(d.to_string());
    }
    std::hint::black_box(serde_json::to_string(diags).is_ok());
}

/// Builds the site at `root` in memory, as `amparo build` does, and panics on any unsafe page.
/// A build that fails must fail with diagnostics that can be shown.
pub fn build_and_check(root: &Path) {
    let rendered = match amparo::render_site(root, false) {
        Ok(rendered) => rendered,
        Err(diags) => return show(&diags),
    };
    show(&rendered.warnings);
    for file in rendered.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        if let Some(problem) = safety::page_problem(&html) {
            panic!("unsafe page {}: {problem}\n{html}", file.path);
        }
        if file.path == "es/index.html"
            && let Some(problem) = home_body_problem(&html)
        {
            panic!("unsafe body in {}: {problem}\n{html}", file.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::home_body_problem;

    #[test]
    fn a_home_page_without_an_article_is_a_problem_and_its_body_is_checked() {
        assert!(home_body_problem("<html><body><p>hola</p></body></html>").is_some());
        assert_eq!(
            home_body_problem("<article><h1>T</h1><p>hola</p></article>"),
            None
        );
        assert!(
            home_body_problem("<article><h1>T</h1><p onclick=\"x\">hola</p></article>").is_some()
        );
    }
}

/// The strict body checks on what the home page's `<article>` holds after the theme's heading
/// and recording box: the body rendered from `content/_index.es.md`. A home page without an
/// `<article>` is a problem too: the check must not turn itself off.
pub fn home_body_problem(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let Ok(selector) = Selector::parse("article") else {
        return Some("the article selector does not parse".to_string());
    };
    let Some(article) = doc.select(&selector).next() else {
        return Some("the home page has no <article> to check".to_string());
    };
    article
        .child_elements()
        .filter(|el| {
            let name = el.value().name();
            !(name == "h1"
                || (name == "section"
                    && el
                        .value()
                        .has_class("listen", scraper::CaseSensitivity::CaseSensitive)))
        })
        .find_map(|el| safety::body_problem(&el.html()))
}
