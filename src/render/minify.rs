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
    let mut out = Out::with_capacity(src.len());
    walk(src, true, |t| out.take(t));
    out.finish()
}

/// A page and its one-language copy, minified at once: `pieces` are the page's text in
/// order, each with whether the copy leaves it out. Returns what [`html`] makes of the pieces
/// together and of those the copy keeps, or `None` when a tag, a comment or the contents of a
/// `pre` (…) go on from one piece into the next: then each has to be put together first.
pub fn html_and_copy(pieces: &[(&[u8], bool)]) -> Option<(Vec<u8>, Vec<u8>)> {
    let len = pieces.iter().map(|(p, _)| p.len()).sum();
    let mut page = Out::with_capacity(len);
    let mut copy = Out::with_capacity(len);
    for (k, &(piece, cut)) in pieces.iter().enumerate() {
        let last = k + 1 == pieces.len();
        let whole = walk(piece, last, |t| {
            if !cut {
                copy.take(t);
            }
            page.take(t);
        });
        if !whole {
            return None;
        }
    }
    Some((page.finish(), copy.finish()))
}

/// What minifying a text is made of: a run of whitespace (holding a newline or not), or bytes
/// kept as they are.
#[derive(Clone, Copy)]
enum Token<'a> {
    Space(bool),
    Bytes(&'a [u8]),
}

/// A minified text being made. A run of whitespace is written only once what follows it is:
/// runs that meet where a copy cuts a piece out make one.
struct Out {
    bytes: Vec<u8>,
    pending: Option<u8>,
}

impl Out {
    fn with_capacity(n: usize) -> Out {
        Out {
            bytes: Vec::with_capacity(n),
            pending: None,
        }
    }

    fn take(&mut self, t: Token) {
        match t {
            Token::Space(newline) => {
                let newline = newline || self.pending == Some(b'\n');
                self.pending = Some(if newline { b'\n' } else { b' ' });
            }
            Token::Bytes(b) => {
                self.flush();
                self.bytes.extend_from_slice(b);
            }
        }
    }

    /// The pending run, unless nothing comes before it.
    fn flush(&mut self) {
        if let Some(c) = self.pending.take()
            && !self.bytes.is_empty()
        {
            self.bytes.push(c);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.flush();
        self.bytes
    }
}

/// Hands `src` to `take` token by token. Returns `false`, having stopped, when markup goes
/// on past the end of `src` and `src` is not the `last` of a text (whose end ends it).
fn walk<'a>(src: &'a [u8], last: bool, mut take: impl FnMut(Token<'a>)) -> bool {
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'<' => {
                let (end, whole) = markup(src, i);
                if !whole && !last {
                    return false;
                }
                take(Token::Bytes(&src[i..end]));
                i = end;
            }
            c if is_space(c) => {
                let start = i;
                while i < src.len() && is_space(src[i]) {
                    i += 1;
                }
                take(Token::Space(src[start..i].contains(&b'\n')));
            }
            _ => {
                let start = i;
                while i < src.len() && src[i] != b'<' && !is_space(src[i]) {
                    i += 1;
                }
                take(Token::Bytes(&src[start..i]));
            }
        }
    }
    true
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the tag or comment that starts at `start` ends, and after an opening `pre`,
/// `textarea`, `script` or `style` tag, where its contents end (at its closing tag): all of it
/// is kept as it is. With whether it ends before `src` does.
fn markup(src: &[u8], start: usize) -> (usize, bool) {
    if src[start..].starts_with(b"<!--") {
        return match find(src, start + 4, b"-->") {
            Some(e) => (e + 3, true),
            None => (src.len(), false),
        };
    }
    let Some(end) = tag_end(src, start) else {
        return (src.len(), false);
    };
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
        _ => return (end, true),
    };
    match find_ignore_case(src, end, raw) {
        Some(close) => (close, true),
        None => (src.len(), false),
    }
}

/// The index just past the `>` that ends the tag at `start`, skipping quoted attribute values;
/// `None` when `src` ends first.
fn tag_end(src: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while let Some(p) = memchr::memchr3(b'>', b'"', b'\'', &src[i.min(src.len())..]) {
        let at = i + p;
        match src[at] {
            b'>' => return Some(at + 1),
            quote => i = at + 1 + memchr::memchr(quote, &src[at + 1..])? + 1,
        }
    }
    None
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
    use super::{html, html_and_copy};
    use proptest::prelude::*;

    /// What [`html_and_copy`] must give: the pieces put together, then minified.
    fn apart(pieces: &[(&[u8], bool)]) -> (Vec<u8>, Vec<u8>) {
        let page: Vec<u8> = pieces.iter().flat_map(|(p, _)| p.to_vec()).collect();
        let copy: Vec<u8> = (pieces.iter())
            .filter(|(_, cut)| !cut)
            .flat_map(|(p, _)| p.to_vec())
            .collect();
        (html(&page), html(&copy))
    }

    #[test]
    fn a_page_and_its_copy_minified_at_once_are_as_if_put_together_first() {
        let cases: [&[(&[u8], bool)]; 5] = [
            &[
                (b"<ul>\n", false),
                (b"<li>es</li>\n", true),
                (b"  <li>en</li> ", false),
            ],
            // Runs of whitespace either side of a cut piece make one in the copy.
            &[(b"a  ", false), (b"\n<b>x</b>  ", true), (b" \n b", false)],
            &[(b"  ", true), (b" a ", false), (b" ", true)],
            &[(b"", false), (b"x", true), (b"", false)],
            &[(b"<p>", false), (b"\t", true)],
        ];
        for pieces in cases {
            assert_eq!(html_and_copy(pieces), Some(apart(pieces)));
        }
    }

    #[test]
    fn markup_going_on_into_the_next_piece_is_left_to_be_put_together() {
        for pieces in [
            [(&b"<a href=\"x"[..], false), (b"\">", true)],
            [(b"<!-- a", true), (b" -->", false)],
            [(b"<pre> a", false), (b" </pre>", true)],
        ] {
            assert_eq!(html_and_copy(&pieces), None);
        }
        // In the last piece, the end of the text ends it, as for a whole page.
        let pieces: [(&[u8], bool); 2] = [(b"a", true), (b" <p title=\"x", false)];
        assert_eq!(html_and_copy(&pieces), Some(apart(&pieces)));
    }

    /// What the pieces below are made of: whitespace and text often (where pieces meet most
    /// of all), markup that stays open less.
    const TOKENS: [&str; 17] = [
        " ", "\n", " \n", " ", "\n", "x", "x", "<b>", "</b>", "x", "<pre>", "</pre>", "<!--",
        "-->", "<p a=\"", "\"", ">",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn any_pieces_minify_at_once_as_put_together_or_not_at_all(
            pieces in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(&TOKENS[..]), 0..6), any::<bool>()),
                0..6,
            )
        ) {
            let pieces: Vec<(String, bool)> =
                pieces.into_iter().map(|(p, cut)| (p.concat(), cut)).collect();
            let pieces: Vec<(&[u8], bool)> =
                pieces.iter().map(|(p, cut)| (p.as_bytes(), *cut)).collect();
            if let Some(both) = html_and_copy(&pieces) {
                prop_assert_eq!(both, apart(&pieces));
            }
            let no_markup = pieces.iter().all(|(p, _)| !p.contains(&b'<'));
            prop_assert!(!no_markup || html_and_copy(&pieces).is_some());
        }
    }

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
