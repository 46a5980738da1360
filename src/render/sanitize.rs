//! Sanitising: no script, frame, event handler, `javascript:` URL or other-origin resource ever
//! reaches a page from content, whatever raw HTML an editor writes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;
use url::Url;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("ol", ["start"])
        .add_tags(["picture", "source"])
        .add_tag_attributes("source", ["srcset", "type"])
        .add_tag_attributes("img", ["loading", "decoding"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "sms"]))
        // Content never opens a link in a new window (no `target`), so no link needs a `rel`.
        .link_rel(None)
        .attribute_filter(|element, attribute, value| {
            // Only links may leave the site; everything a page loads must be its own file.
            if element != "a" && loads_from_elsewhere(attribute, value) {
                None
            } else {
                Some(Cow::Borrowed(value))
            }
        });
    b
});

/// Cleans rendered HTML from content.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// What sanitising takes out of one piece of raw HTML, as an editor would name it: `<script>`,
/// `onclick on <p>`, `href="javascript:…" on <a>`. Empty when it keeps everything (it may still
/// add, such as `rel="noopener"`). Used to tell the editor, at the line, what was left out.
pub fn removed(fragment: &str) -> Vec<String> {
    let before = inventory(fragment);
    let after = inventory(&clean(fragment));
    let mut left = after.clone();
    let mut out = Vec::new();
    for (tag, attrs) in &before {
        match left.iter().position(|(t, _)| t == tag) {
            Some(i) => {
                let (_, kept) = left.remove(i);
                for (name, value) in attrs {
                    if !kept.iter().any(|(n, v)| n == name && v == value) {
                        out.push(attribute_said(tag, name, value));
                    }
                }
            }
            None => out.push(format!("<{tag}>")),
        }
    }
    out.dedup();
    out
}

/// Every element of a fragment in document order, with its attributes.
fn inventory(fragment: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = scraper::Html::parse_fragment(fragment);
    doc.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| e.value().name() != "html")
        .map(|e| {
            let attrs = e
                .value()
                .attrs()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            (e.value().name().to_string(), attrs)
        })
        .collect()
}

fn attribute_said(tag: &str, name: &str, value: &str) -> String {
    let short: String = value.chars().take(24).collect();
    let more = if short.len() < value.len() { "…" } else { "" };
    if name.starts_with("on") {
        format!("the {name} handler on <{tag}>")
    } else {
        format!("{name}=\"{short}{more}\" on <{tag}>")
    }
}

/// Whether `attribute` makes the browser load something, without a click, from another origin.
fn loads_from_elsewhere(attribute: &str, value: &str) -> bool {
    match attribute {
        "srcset" => srcset_urls(value).any(is_other_origin),
        "src" | "poster" | "data" | "background" => is_other_origin(value),
        _ => false,
    }
}

/// A page of the site, to resolve a relative URL against. Any page will do: no relative path
/// can climb out of a host.
static BASE: LazyLock<Option<Url>> =
    LazyLock::new(|| Url::parse("https://amparo.invalid/es/section/page/index.html").ok());

/// A URL that reaches outside the site: one with a scheme, or one a browser resolves to another
/// host. It is read the way a browser reads it (the WHATWG URL parser), because browsers take
/// `/\host` and `\\host` for `//host` and drop tabs and newlines anywhere in a URL
/// (`/<tab>/host`). A URL that does not resolve at all counts as elsewhere.
pub fn is_other_origin(url: &str) -> bool {
    let Some(base) = BASE.as_ref() else {
        return true;
    };
    if Url::parse(url).is_ok() {
        return true; // it has a scheme of its own
    }
    base.join(url)
        .map_or(true, |resolved| resolved.origin() != base.origin())
}

/// Every piece of a `srcset` that may be a URL. The browser takes each candidate's URL up to a
/// space; splitting on commas as well gives a superset of those, so no URL is missed.
fn srcset_urls(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|piece| !piece.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_removed_is_named() {
        assert_eq!(removed("<script>alert(1)</script>"), ["<script>"]);
        assert_eq!(
            removed(r#"<iframe src="https://e.org/x"></iframe>"#),
            ["<iframe>"]
        );
        assert_eq!(
            removed(r#"<a href="javascript:alert(1)">x</a>"#),
            [r#"href="javascript:alert(1)" on <a>"#]
        );
        assert_eq!(
            removed(r#"<p onclick="x()">hi</p>"#),
            ["the onclick handler on <p>"]
        );
        assert!(removed(r#"<a href="https://e.org">x</a>"#).is_empty());
        assert!(removed("<div>").is_empty());
        assert!(removed("<!-- i18n: a note -->").is_empty());
        assert!(removed(r#"<span lang="es" class="borrowed">x</span>"#).is_empty());
    }

    #[test]
    fn scripts_handlers_frames_and_javascript_urls_are_removed() {
        let dirty = r#"<p onclick="x()">hi</p><script>alert(1)</script><iframe src="https://e.org"></iframe><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>"#;
        let out = clean(dirty);
        for bad in [
            "onclick",
            "<script",
            "alert",
            "<iframe",
            "javascript:",
            "onerror",
        ] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(out.contains("<p>hi</p>"), "{out}");
    }

    #[test]
    fn other_origin_images_are_dropped_but_links_stay() {
        let out = clean(
            r#"<img src="https://tracker.example/x.png" alt="a"><a href="https://kids.example">k</a><img src="../media/a.png" alt="b">"#,
        );
        assert!(!out.contains("tracker.example"), "{out}");
        assert!(out.contains(r#"href="https://kids.example""#), "{out}");
        assert!(out.contains(r#"src="../media/a.png""#), "{out}");
    }

    #[test]
    fn urls_a_browser_reads_as_another_host_are_other_origins() {
        for url in [
            "//evil.example/a.png",
            "/\\evil.example/a.png",
            "\\/evil.example/a.png",
            "\\\\evil.example/a.png",
            "/\t/evil.example/a.png",
            "/\n/evil.example/a.png",
            " https://evil.example/a.png",
            "https://amparo.invalid/a.png",
            "HTTPS:evil.example/a.png",
            "data:image/png;base64,AAAA",
            "\u{1}//evil.example/a.png",
        ] {
            assert!(is_other_origin(url), "{url:?}");
        }
        for url in [
            "a.png",
            "../../media/a.png",
            "/media/a.png",
            "#top",
            "?x",
            "",
        ] {
            assert!(!is_other_origin(url), "{url:?}");
        }
    }

    #[test]
    fn a_srcset_with_one_candidate_elsewhere_is_dropped() {
        assert!(srcset_urls("a.png 1x, //evil.example/b.png 2x").any(is_other_origin));
        assert!(!srcset_urls("a.png 1x,b.png 2x").any(is_other_origin));
    }

    #[test]
    fn callout_markup_and_ids_survive() {
        let html = r#"<aside class="callout callout-tip"><p class="callout-title">Consejo</p></aside><h2 id="qué-es">¿Qué es?</h2>"#;
        assert_eq!(clean(html), html);
    }

    #[test]
    fn mayan_apostrophes_are_untouched() {
        let out = clean("<p>K'iche' tz'aqat q'ij</p>");
        assert!(out.contains("K'iche' tz'aqat q'ij"), "{out}");
    }
}
