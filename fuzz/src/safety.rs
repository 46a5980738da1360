//! The safety properties of rendered HTML, checked on every fuzz input.
//!
//! A sanitised body may hold no script, frame, plug-in, form, style, event handler,
//! `javascript:` URL or anything loaded from another origin, however the raw HTML in the content
//! was written. A whole page may hold the theme's own `<script src=…>` tags and nothing else
//! that runs code. The HTML is parsed the way a browser parses it (html5ever, entities decoded)
//! and every URL is resolved as a browser resolves it (the WHATWG URL parser), so the checks do
//! not share the sanitiser's own idea of a URL.

use scraper::Html;
use scraper::node::Element;
use std::sync::LazyLock;
use url::Url;

/// Elements a sanitised body never holds.
const NEVER_IN_BODY: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
    "style", "form", "svg", "math", "noscript", "template",
];

/// Elements no page holds, theme included.
const NEVER_IN_PAGE: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
];

/// Attributes that hold a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "xlink:href",
];

/// Attributes whose URL the browser loads on its own, without a click.
const LOADING_ATTRIBUTES: &[&str] = &["src", "srcset", "poster", "data", "background"];

/// Where a page of the site is served from, to resolve relative URLs against.
static BASE: LazyLock<Url> = LazyLock::new(|| {
    Url::parse("https://amparo.invalid/es/guide/steps/index.html").expect("a constant URL")
});

/// Why a sanitised body is unsafe, or `None`.
pub fn body_problem(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<iframe"] {
        if lower.contains(bad) {
            return Some(format!("`{bad}` in the body"));
        }
    }
    let doc = Html::parse_fragment(html);
    for el in elements(&doc) {
        if NEVER_IN_BODY.contains(&el.name()) {
            return Some(format!("a <{}> element in the body", el.name()));
        }
        for (attr, value) in el.attrs() {
            if attr == "style" {
                return Some(format!("a style attribute on <{}>", el.name()));
            }
            if let Some(p) = attribute_problem(el.name(), attr, value, true) {
                return Some(p);
            }
        }
    }
    None
}

/// Why a whole rendered page is unsafe, or `None`. Only the theme's own scripts may run.
pub fn page_problem(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let mut theme_scripts = 0;
    for el in elements(&doc) {
        if el.name() == "script" {
            match el.attr("src") {
                Some(src) if is_theme_script(src) => theme_scripts += 1,
                _ => return Some("a script that is not one of the theme's".to_string()),
            }
        }
        if NEVER_IN_PAGE.contains(&el.name()) {
            return Some(format!("a <{}> element in a page", el.name()));
        }
        for (attr, value) in el.attrs() {
            if let Some(p) = attribute_problem(el.name(), attr, value, false) {
                return Some(p);
            }
        }
    }
    // Text a parser would not read as a tag can still become one in another context.
    let written = html.to_ascii_lowercase().matches("<script").count();
    if written != theme_scripts {
        return Some(format!(
            "`<script` written {written} times for {theme_scripts} theme scripts"
        ));
    }
    None
}

fn elements(doc: &Html) -> impl Iterator<Item = &Element> {
    doc.tree.nodes().filter_map(|n| n.value().as_element())
}

/// The default theme's scripts, by the start of their hashed file names.
const THEME_SCRIPTS: &[&str] = &["quick-exit.", "offline.", "share.", "remove.", "search."];

/// One of the theme's scripts (quick exit, offline, share, remove, search), by its hashed name.
fn is_theme_script(src: &str) -> bool {
    let name = src.rsplit('/').next().unwrap_or(src);
    THEME_SCRIPTS.iter().any(|s| name.starts_with(s)) && name.ends_with(".js")
}

fn attribute_problem(element: &str, attr: &str, value: &str, strict: bool) -> Option<String> {
    if attr.to_ascii_lowercase().starts_with("on") {
        return Some(format!("an event handler `{attr}` on <{element}>"));
    }
    if !URL_ATTRIBUTES.contains(&attr) {
        return None;
    }
    let urls = urls_in(attr, value);
    for url in &urls {
        let scheme = url.scheme();
        if scheme == "javascript" || scheme == "vbscript" || (strict && scheme == "data") {
            return Some(format!(
                "a `{scheme}:` URL in {attr}=\"{value}\" on <{element}>"
            ));
        }
    }
    let loads = LOADING_ATTRIBUTES.contains(&attr) && element != "a";
    if loads && unresolved(attr, value) {
        return Some(format!(
            "<{element} {attr}=\"{value}\"> loads a URL that does not resolve, which a browser may read as another origin"
        ));
    }
    if loads && urls.iter().any(|u| u.origin() != BASE.origin()) {
        return Some(format!(
            "<{element} {attr}=\"{value}\"> loads from another origin"
        ));
    }
    None
}

/// The URLs an attribute holds, resolved. In a `srcset`, every piece between commas and spaces
/// is taken as a URL: a superset of what the browser reads, so nothing is missed.
fn urls_in(attr: &str, value: &str) -> Vec<Url> {
    pieces(attr, value)
        .iter()
        .filter_map(|p| BASE.join(p).ok())
        .collect()
}

/// Whether some piece of a URL attribute does not resolve at all (`///evil.example/a.png`):
/// browsers may still read it, perhaps as another origin, so a page must not load it.
fn unresolved(attr: &str, value: &str) -> bool {
    pieces(attr, value).iter().any(|p| BASE.join(p).is_err())
}

/// The URL pieces of an attribute: in a `srcset`, every piece between commas and spaces.
fn pieces<'a>(attr: &str, value: &'a str) -> Vec<&'a str> {
    if attr == "srcset" {
        value
            .split(|c: char| c == ',' || c.is_ascii_whitespace())
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        vec![value]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_bodies_are_caught() {
        for bad in [
            "<script>x</script>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"&#106;avascript:x\">a</a>",
            "<img src=\"/\\evil.example/a.png\">",
            "<img src=\"/\t/evil.example/a.png\">",
            "<img srcset=\"a.png 1x, //evil.example/b.png 2x\">",
            "<img src=\"data:image/png;base64,AAAA\">",
        ] {
            assert!(body_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn safe_bodies_pass() {
        for good in [
            "<p>a <a href=\"https://kids.example\">b</a></p>",
            "<img src=\"../../media/a.png\" alt=\"a\">",
            "<p>javascript: is text here, and so is &lt;script&gt;</p>",
        ] {
            assert_eq!(body_problem(good), None, "{good}");
        }
    }
}
