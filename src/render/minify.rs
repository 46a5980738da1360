//! Making output smaller: pages have their whitespace collapsed, stylesheets are minified with
//! lightningcss.
//!
//! Pages are not run through a full HTML minifier: measured on a 1,000-page corpus, minify-html
//! took 60% of the build's CPU time and saved 3% of each page's gzipped size (58 bytes of
//! 1,940), because the templates and the Markdown renderer already write compact HTML. The
//! collapse below keeps almost all of that saving for a fraction of the time.

/// Collapses every run of whitespace between tags and in text to one character (a newline when
/// the run holds one), which renders the same. Tags, attribute values, comments and the
/// contents of `pre`, `textarea`, `script` and `style` are kept byte for byte.
pub fn html(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'<' => i = copy_markup(src, i, &mut out),
            c if is_space(c) => {
                let start = i;
                while i < src.len() && is_space(src[i]) {
                    i += 1;
                }
                let newline = src[start..i].contains(&b'\n');
                if !out.is_empty() {
                    out.push(if newline { b'\n' } else { b' ' });
                }
            }
            _ => {
                let start = i;
                while i < src.len() && src[i] != b'<' && !is_space(src[i]) {
                    i += 1;
                }
                out.extend_from_slice(&src[start..i]);
            }
        }
    }
    out
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Copies the tag or comment that starts at `start` as it is, and after an opening `pre`,
/// `textarea`, `script` or `style` tag, everything up to its closing tag. Returns where the
/// text resumes.
fn copy_markup(src: &[u8], start: usize, out: &mut Vec<u8>) -> usize {
    if src[start..].starts_with(b"<!--") {
        let end = find(src, start + 4, b"-->").map_or(src.len(), |e| e + 3);
        out.extend_from_slice(&src[start..end]);
        return end;
    }
    let end = tag_end(src, start);
    out.extend_from_slice(&src[start..end]);
    // The tag's name, lower case, as far as the longest name below (no allocation per tag).
    let mut name = [0u8; 9];
    let mut len = 0;
    for &c in src[start + 1..end].iter().take(name.len()) {
        if !c.is_ascii_alphanumeric() {
            break;
        }
        name[len] = c.to_ascii_lowercase();
        len += 1;
    }
    let raw: &[u8] = match &name[..len] {
        b"pre" => b"</pre",
        b"textarea" => b"</textarea",
        b"script" => b"</script",
        b"style" => b"</style",
        _ => return end,
    };
    let close = find_ignore_case(src, end, raw).unwrap_or(src.len());
    out.extend_from_slice(&src[end..close]);
    close
}

/// The index just past the `>` that ends the tag at `start`, skipping quoted attribute values.
fn tag_end(src: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(p) = memchr::memchr3(b'>', b'"', b'\'', &src[i.min(src.len())..]) {
        let at = i + p;
        match src[at] {
            b'>' => return at + 1,
            quote => match memchr::memchr(quote, &src[at + 1..]) {
                Some(q) => i = at + 1 + q + 1,
                None => return src.len(),
            },
        }
    }
    src.len()
}

fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(src.get(from..)?, needle).map(|p| from + p)
}

/// Where `needle` (which starts with `<`) is next found from `from`, in any case.
fn find_ignore_case(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = memchr::memchr(b'<', src.get(i..)?) {
        let at = i + p;
        if src.get(at..at + needle.len())?.eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Minifies a stylesheet. One that lightningcss cannot read, or makes no smaller, is kept as
/// written, without the whitespace around it.
pub fn css(src: &str) -> String {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let minified = StyleSheet::parse(src, ParserOptions::default())
        .ok()
        .and_then(|mut sheet| {
            sheet.minify(MinifyOptions::default()).ok()?;
            let printer = PrinterOptions {
                minify: true,
                ..PrinterOptions::default()
            };
            sheet.to_css(printer).ok().map(|out| out.code)
        });
    match minified {
        Some(code) if code.len() < src.len() => code,
        _ => src
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::html;

    fn s(b: &[u8]) -> String {
        String::from_utf8(html(b)).unwrap()
    }

    #[test]
    fn css_gets_smaller_and_keeps_rules() {
        let out = super::css("body {\n  color : #111 ;\n}\n/* note */\na { color: blue }\n");
        assert!(out.len() < 30, "{out}");
        assert!(out.contains("body{color:#111}"), "{out}");
    }

    #[test]
    fn whitespace_runs_collapse_and_keep_a_newline() {
        assert_eq!(
            s(b"\n<ul>\n  <li>a  b</li>\n\n  <li>c</li>\n</ul>\n"),
            "<ul>\n<li>a b</li>\n<li>c</li>\n</ul>\n"
        );
    }

    #[test]
    fn tags_attributes_comments_and_preformatted_text_are_kept() {
        let src = b"<p title=\"a  b\" data-x='>  <'>x</p><!--  keep  --><pre>  two\n\n  lines </pre><PRE>\n a</PRE><script>var a = '  ';\n\n</script><textarea> t </textarea>";
        assert_eq!(s(src), String::from_utf8(src.to_vec()).unwrap());
    }

    #[test]
    fn raw_text_ends_at_its_own_closing_tag_in_any_case() {
        assert_eq!(
            s(b"<script>if (a < b) { c  >  d }</SCRIPT>  <p>  a</p><style>p>a{x:'>'}</style>"),
            "<script>if (a < b) { c  >  d }</SCRIPT> <p> a</p><style>p>a{x:'>'}</style>"
        );
    }

    #[test]
    fn mayan_apostrophes_and_unicode_pass_through() {
        assert_eq!(
            s("<p>  K'iche'   tz'ib’  ñ </p>".as_bytes()),
            "<p> K'iche' tz'ib’ ñ </p>"
        );
    }

    #[test]
    fn unclosed_markup_does_not_panic() {
        for src in [
            &b"<p"[..],
            b"<pre>  x",
            b"<!-- x",
            b"<p a=\"x",
            b"<",
            b"   ",
        ] {
            let _ = html(src);
        }
    }
}
