//! Privacy: no page or asset of the output loads anything from another website. Links a child
//! may follow (`<a href>`) are allowed and marked; anything fetched by itself — scripts,
//! styles, images, fonts, frames, forms, a worker's requests — must be the site's own file.

use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use crate::render::sanitize::is_other_origin;

/// Attributes through which a page loads something by itself.
const LOADING: &[&str] = &[
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "action",
    "formaction",
    "manifest",
];

/// Namespace names look like addresses but are never fetched.
const NAMESPACES: &[&str] = &[
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/XML/1998/namespace",
];

pub fn check(files: &[OutputFile], findings: &mut Findings) {
    for f in files {
        let Ok(text) = std::str::from_utf8(&f.bytes) else {
            continue; // zips, images
        };
        let ext = f.path.rsplit('.').next().unwrap_or("");
        let found = match ext {
            "html" => in_html(text),
            "css" => in_css(text),
            "js" | "json" | "webmanifest" | "svg" => in_script_or_data(text),
            _ => Vec::new(),
        };
        for what in found {
            findings.push(
                Diagnostic::error(
                    "privacy/other-origin",
                    format!("public/{}", f.path),
                    format!("loads `{what}` from another website"),
                )
                .with_help("every file a page needs must be the site's own: save it in the theme or under content/ (a child's phone may have no data, and another site learns who reads this)"),
            );
        }
    }
}

fn in_html(text: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(text);
    let mut out = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            let loads = LOADING.contains(&attr)
                || (attr == "href" && matches!(name, "link" | "image" | "use" | "base"))
                || (attr == "xlink:href" && name != "a");
            let urls: Vec<&str> = if attr == "srcset" {
                value
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .collect()
            } else {
                vec![value]
            };
            for url in urls {
                if loads && fetches_elsewhere(url) {
                    out.push(url.to_string());
                }
            }
            if attr == "style" {
                out.extend(in_css(value));
            }
        }
        if name == "style" {
            out.extend(in_css(&el.text().collect::<String>()));
        }
        if name == "meta"
            && el
                .value()
                .attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
            && let Some(url) = el
                .value()
                .attr("content")
                .and_then(|c| c.split_once("url=").map(|(_, u)| u))
            && fetches_elsewhere(url)
        {
            out.push(url.to_string());
        }
    }
    out
}

/// `url(…)` and `@import` in a stylesheet.
fn in_css(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (i, _) in lower.match_indices("url(") {
        let rest = &text[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        let url = rest[..end].trim().trim_matches(['"', '\'']);
        if fetches_elsewhere(url) {
            out.push(url.to_string());
        }
    }
    for (i, _) in lower.match_indices("@import") {
        let rest = text[i + 7..].trim_start();
        if rest.to_ascii_lowercase().starts_with("url(") {
            continue; // found with the other url()s above
        }
        let url = rest
            .trim_start_matches(['"', '\''])
            .split(['"', '\'', ')', ';'])
            .next()
            .unwrap_or("");
        if fetches_elsewhere(url) {
            out.push(url.to_string());
        }
    }
    out
}

/// Addresses written as strings in scripts, manifests and SVG files.
fn in_script_or_data(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for scheme in ["http://", "https://"] {
        for (i, _) in text.match_indices(scheme) {
            let url: String = text[i..]
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | '`' | ')' | ' ' | '<' | '>'))
                .collect();
            if !NAMESPACES.contains(&url.as_str()) {
                out.push(url);
            }
        }
    }
    out
}

/// An address another origin serves (`data:` URLs and fragments are the page's own).
fn fetches_elsewhere(url: &str) -> bool {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    !(lower.starts_with("data:") || lower.starts_with('#') || lower.is_empty())
        && is_other_origin(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_from_elsewhere_are_found_and_links_are_not() {
        let html = r#"<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><style>body{background:url('//img.example/b.png')}</style></head><body><a href="https://wa.me/1">ok</a><img src="https://img.example/a.png" alt="a"><img srcset="a.png 1x, https://x.example/b.png 2x" alt="b"><div style="background:url(data:image/png;base64,AA)"></div></body></html>"#;
        let found = in_html(html);
        assert_eq!(
            found,
            vec![
                "https://cdn.example/x.css",
                "//img.example/b.png",
                "https://img.example/a.png",
                "https://x.example/b.png"
            ]
        );
    }

    #[test]
    fn namespaces_are_not_loads_but_script_addresses_are() {
        assert!(in_script_or_data(r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#).is_empty());
        assert_eq!(
            in_script_or_data("fetch('https://t.example/p')"),
            vec!["https://t.example/p"]
        );
        assert_eq!(
            in_css("@import url(\"https://f.example/f.css\");"),
            vec!["https://f.example/f.css"]
        );
        assert_eq!(
            in_css("@import \"//f.example/g.css\";"),
            vec!["//f.example/g.css"]
        );
        assert!(in_css("a{background:url(x.png)}").is_empty());
    }
}
