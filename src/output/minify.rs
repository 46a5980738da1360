//! Minifying HTML and CSS with `minify-html`.

/// Minifies a whole HTML document.
pub fn html(src: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    minify_html::minify(src, &cfg)
}

/// Minifies a stylesheet (through minify-html's CSS minifier, by way of a `<style>` element).
pub fn css(src: &str) -> String {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    let wrapped = format!("<style>{src}</style>");
    let out = String::from_utf8_lossy(&minify_html::minify(wrapped.as_bytes(), &cfg)).into_owned();
    out.strip_prefix("<style>")
        .and_then(|s| s.strip_suffix("</style>"))
        .map(str::to_string)
        .unwrap_or_else(|| src.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn css_gets_smaller_and_keeps_rules() {
        let out = super::css("body {\n  color : #111 ;\n}\n/* note */\na { color: blue }\n");
        assert!(out.len() < 30, "{out}");
        assert!(out.contains("body{color:#111}"), "{out}");
    }

    #[test]
    fn html_keeps_mayan_apostrophes() {
        let out = super::html(b"<!doctype html><html lang=quc><p>  K'iche'   tz'ib' </p></html>");
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("K'iche' tz'ib'"), "{s}");
    }
}
