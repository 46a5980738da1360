//! Sanitising: no script, frame, event handler, `javascript:` URL or other-origin resource ever
//! reaches a page from content, whatever raw HTML an editor writes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "lang", "dir", "title"])
        .add_tag_attributes("th", ["scope"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "sms"]))
        .link_rel(Some("noopener"))
        .attribute_filter(|element, attribute, value| {
            // Only links may leave the site; everything a page loads must be its own file.
            let loads = matches!(
                attribute,
                "src" | "srcset" | "poster" | "data" | "background"
            );
            if loads && element != "a" && is_other_origin(value) {
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

/// A URL with a scheme or a `//host` reaches outside the site.
pub fn is_other_origin(url: &str) -> bool {
    let u = url.trim();
    u.starts_with("//")
        || u.starts_with("\\\\")
        || u.split_once(':').is_some_and(|(s, _)| !s.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

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
