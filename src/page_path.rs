//! [`PagePath`]: where a page lives in the site, independent of language, and the relative links
//! between output files.
//!
//! `content/rights/asylum.es.md` is the page `rights/asylum`; `content/rights/_index.en.md` is the
//! section `rights`; `content/_index.es.md` is the home page, the empty path. In the output every
//! page is a file, `<lang>/<path>/index.html`, and every link between pages is relative and
//! points at that file, so the site works from any folder and from `file://`.

use serde::Serialize;
use std::fmt;

/// A page's place in the site: slash-separated segments, the same in every language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PagePath(String);

impl PagePath {
    /// The home page.
    pub fn root() -> PagePath {
        PagePath(String::new())
    }

    /// Builds a path from segments; segments are taken as they are (checked by the loader).
    pub fn from_segments<'a>(segments: impl IntoIterator<Item = &'a str>) -> PagePath {
        PagePath(segments.into_iter().collect::<Vec<_>>().join("/"))
    }

    /// Whether this is the home page, the empty path.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The segments joined by `/`: `rights/asylum`, empty for the home page.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The segments in order: `rights`, then `asylum`; none for the home page.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('/').filter(|s| !s.is_empty())
    }

    /// The enclosing section, `None` for the home page.
    pub fn parent(&self) -> Option<PagePath> {
        if self.is_root() {
            return None;
        }
        Some(match self.0.rsplit_once('/') {
            Some((head, _)) => PagePath(head.to_string()),
            None => PagePath::root(),
        })
    }

    /// The output file of this page in a language: `es/rights/asylum/index.html`.
    pub fn output_file(&self, lang: &str) -> String {
        if self.is_root() {
            format!("{lang}/index.html")
        } else {
            format!("{lang}/{}/index.html", self.0)
        }
    }
}

impl fmt::Display for PagePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_root() {
            f.write_str("(home)")
        } else {
            f.write_str(&self.0)
        }
    }
}

/// The relative href from the output file `from` to the output file `to` (both relative to the
/// output root, `/`-separated), each segment percent-encoded.
pub fn relative_href(from: &str, to: &str) -> String {
    // Every page's context has dozens of these: one string, no list of segments.
    let from_dirs = from.matches('/').count();
    let to_dirs = to.matches('/').count();
    let common = from
        .split('/')
        .take(from_dirs)
        .zip(to.split('/'))
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_dirs);
    let mut out = String::with_capacity(3 * (from_dirs - common) + to.len() + 8);
    for _ in common..from_dirs {
        out.push_str("../");
    }
    for (i, segment) in to.split('/').skip(common).enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_segment_onto(segment, &mut out);
    }
    out
}

/// The prefix that leads from the output file `from` back to the output root: `../../`.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters stay as they are).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_segment_onto(s, &mut out);
    out
}

/// [`encode_segment`], onto the end of `out`.
fn encode_segment_onto(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// Decodes `%XX` escapes once. `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The output path a relative `href` written in the output file `from` leads to, its `#` and
/// `?` parts dropped and its escapes decoded; `None` for another origin or outside the output.
pub fn resolve_href(from: &str, href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next()?;
    if href.is_empty() || href.contains(':') || href.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(percent_decode(&joined).unwrap_or(joined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_are_index_html() {
        assert_eq!(PagePath::root().output_file("es"), "es/index.html");
        assert_eq!(
            PagePath::from_segments(["rights", "asylum"]).output_file("quc"),
            "quc/rights/asylum/index.html"
        );
    }

    #[test]
    fn parents() {
        let p = PagePath::from_segments(["a", "b"]);
        assert_eq!(p.parent(), Some(PagePath::from_segments(["a"])));
        assert_eq!(
            PagePath::from_segments(["a"]).parent(),
            Some(PagePath::root())
        );
        assert_eq!(PagePath::root().parent(), None);
    }

    #[test]
    fn relative_hrefs_point_at_files() {
        assert_eq!(
            relative_href("es/a/index.html", "media/ñandú mapa.png"),
            "../../media/%C3%B1and%C3%BA%20mapa.png"
        );
        assert_eq!(relative_href("es/a/index.html", "es"), "../../es");
        assert_eq!(
            relative_href("es/a/b/index.html", "es/a/c/index.html"),
            "../c/index.html"
        );
        assert_eq!(
            relative_href("es/index.html", "es/a/index.html"),
            "a/index.html"
        );
        assert_eq!(
            relative_href("es/a/index.html", "es/index.html"),
            "../index.html"
        );
        assert_eq!(
            relative_href("index.html", "quc/index.html"),
            "quc/index.html"
        );
        assert_eq!(
            relative_href("es/a/index.html", "assets/style.css"),
            "../../assets/style.css"
        );
        assert_eq!(
            relative_href("es/a/index.html", "es/a/index.html"),
            "index.html"
        );
        assert_eq!(
            relative_href("es/niño/index.html", "es/a b/index.html"),
            "../a%20b/index.html"
        );
    }

    #[test]
    fn percent_decoding_is_strict_and_single() {
        assert_eq!(percent_decode("ni%C3%B1o%20a").as_deref(), Some("niño a"));
        assert_eq!(percent_decode("%252e").as_deref(), Some("%2e"));
        for bad in ["%", "%z1", "a%2", "%c0%ae", "%e2%82"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("es/a/index.html"), "../../");
    }
}
