//! Privacy: no page or asset of the output loads anything from another website. Links a child
//! may follow (`<a href>`) are allowed and marked; anything fetched by itself — scripts,
//! styles, images, fonts, frames, forms, a worker's requests — must be the site's own file.

use super::Findings;
use super::pages::BuiltPage;
use crate::diagnostics::Diagnostic;
use crate::files::OutputFile;
use crate::render::sanitize::is_other_origin;
use crate::rules::id;

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

/// Reports every built page, and every stylesheet, script, JSON or SVG file of the output, that
/// loads something from another website.
/// Addresses under `base_url` are the site's own: where it is published, they are the same
/// origin (the root 404 page, which hosts serve at any depth, uses them).
pub fn check(
    files: &[OutputFile],
    built: &[BuiltPage],
    base_url: Option<&str>,
    findings: &mut Findings,
) {
    let pages = built.iter().map(|p| (p.path, in_html(&p.doc)));
    let others = files.iter().filter_map(|f| {
        let text = std::str::from_utf8(&f.bytes).ok()?; // not zips, images
        let ext = f.path.rsplit('.').next().unwrap_or("");
        let found = match ext {
            "css" => in_css(text),
            "js" | "json" | "webmanifest" | "svg" => in_script_or_data(text),
            _ => return None,
        };
        Some((f.path.as_str(), found))
    });
    for (path, found) in pages.chain(others) {
        let own = |u: &String| base_url.is_some_and(|b| u.starts_with(b));
        for what in found.into_iter().filter(|u| !own(u)) {
            findings.push(
                Diagnostic::error(
                    id::PRIVACY_OTHER_ORIGIN,
                    format!("public/{path}"),
                    format!("loads `{what}` from another website"),
                )
                .with_help("every file a page needs must be the site's own: save it in the theme or under content/ (a child's phone may have no data, and another site learns who reads this)"),
            );
        }
    }
}

fn in_html(doc: &scraper::Html) -> Vec<String> {
    let mut out = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            let loads = LOADING.contains(&attr)
                || (attr == "href" && name == "link" && link_loads(el.value().attr("rel")))
                || (attr == "href" && matches!(name, "image" | "use" | "base"))
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

/// What a stylesheet fetches: `url(…)`, `@import "…"`, and the strings of `image-set(…)` and
/// `src(…)`, read with a CSS tokenizer, so comments, escapes and odd spacing fool nothing.
fn in_css(text: &str) -> Vec<String> {
    let mut parser = cssparser::Parser::new(text);
    let mut found = Vec::new();
    css_loads(&mut parser, false, &mut found);
    found.retain(|url| fetches_elsewhere(url));
    found
}

/// Collects the addresses in one block of CSS tokens, nested blocks included. Inside a function
/// whose strings are addresses (`strings_load`), every string is one.
fn css_loads(parser: &mut cssparser::Parser, strings_load: bool, found: &mut Vec<String>) {
    use cssparser::Token;
    let mut after_import = false;
    while let Ok(token) = parser.next() {
        let token = token.clone();
        let nested = match &token {
            Token::UnquotedUrl(url) => {
                found.push(url.to_string());
                None
            }
            Token::QuotedString(s) if strings_load || after_import => {
                found.push(s.to_string());
                None
            }
            Token::AtKeyword(name) => {
                after_import = name.eq_ignore_ascii_case("import");
                continue;
            }
            Token::Function(name) => Some(
                ["url", "src", "image-set", "-webkit-image-set"]
                    .iter()
                    .any(|f| name.eq_ignore_ascii_case(f)),
            ),
            Token::ParenthesisBlock | Token::SquareBracketBlock | Token::CurlyBracketBlock => {
                Some(false)
            }
            _ => None,
        };
        after_import = false;
        if let Some(loads) = nested {
            let _ = parser.parse_nested_block(|p| {
                css_loads(p, loads, found);
                Ok::<(), cssparser::ParseError<()>>(())
            });
        }
    }
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
/// Whether a `<link>` with this `rel` makes the browser fetch its `href`: a stylesheet, an icon,
/// a manifest, a preload; not `alternate` or `canonical`, which only name an address.
fn link_loads(rel: Option<&str>) -> bool {
    let rel = rel.unwrap_or_default().to_ascii_lowercase();
    let names_only = [
        "alternate",
        "canonical",
        "author",
        "license",
        "help",
        "next",
        "prev",
        "search",
        "bookmark",
        "me",
    ];
    // No `rel`, or an unknown one: counted as loading, to be safe.
    rel.split_ascii_whitespace().next().is_none()
        || rel
            .split_ascii_whitespace()
            .any(|r| !names_only.contains(&r))
}

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
        let html = r#"<html><head><link rel="alternate" hreflang="en" href="https://amparo.example/en/index.html"><link rel="alternate stylesheet" href="https://cdn.example/y.css"><link rel="stylesheet" href="https://cdn.example/x.css"><style>body{background:url('//img.example/b.png')}</style></head><body><a href="https://wa.me/1">ok</a><img src="https://img.example/a.png" alt="a"><img srcset="a.png 1x, https://x.example/b.png 2x" alt="b"><div style="background:url(data:image/png;base64,AA)"></div></body></html>"#;
        let found = in_html(&scraper::Html::parse_document(html));
        assert_eq!(
            found,
            vec![
                "https://cdn.example/y.css",
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
        assert_eq!(
            in_css("/* url(https://no.example/c) */ a{b:URL( \"https://u.example/q\" )}"),
            vec!["https://u.example/q"]
        );
        assert_eq!(
            in_css("@media print{a{background:image-set(\"//i.example/a.png\" 1x, 'b.png' 2x)}}"),
            vec!["//i.example/a.png"]
        );
        assert_eq!(
            in_css("@font-face{src:url(https://f.example/a.woff2) format(\"woff2\")}"),
            vec!["https://f.example/a.woff2"]
        );
        assert!(in_css("a::after{content:\"https://not.example/a-load\"}").is_empty());
    }
}
