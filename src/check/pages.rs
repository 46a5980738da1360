//! The built pages of one check run, each parsed once (in parallel) and shared by every rule
//! that reads the output: accessibility, contacts and privacy.

use crate::files::OutputFile;
use rayon::prelude::*;
use scraper::Html;

/// One built HTML page and its parsed document.
pub struct BuiltPage<'a> {
    /// The page's output path: `es/rights/asylum/index.html`.
    pub path: &'a str,
    /// The page as a browser parses it.
    pub doc: Html,
}

/// Every `.html` file of `files`, parsed.
pub fn parse(files: &[OutputFile]) -> Vec<BuiltPage<'_>> {
    files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| {
            let text = std::str::from_utf8(&f.bytes).ok()?;
            Some(BuiltPage {
                path: &f.path,
                doc: Html::parse_document(text),
            })
        })
        .collect()
}

impl BuiltPage<'_> {
    /// Whether the page has a link (`<a href>`) to exactly `url`.
    pub fn links_to(&self, url: &str) -> bool {
        self.doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
            .any(|e| e.value().name() == "a" && e.value().attr("href") == Some(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_found_quoted_or_bare_but_not_inside_a_longer_number() {
        let links = |html: &str| {
            let file = OutputFile {
                path: "es/index.html".into(),
                bytes: html.as_bytes().to_vec(),
            };
            parse(std::slice::from_ref(&file))[0].links_to("tel:+5255")
        };
        assert!(links("<a href=tel:+5255 >x</a>"));
        assert!(links("<a href=\"tel:+5255\">x</a>"));
        assert!(!links("<a href=tel:+52551>x</a>"));
        assert!(!links("<p>call tel:+5255</p>"));
        assert!(!links("<link href=\"tel:+5255\">"));
    }
}
