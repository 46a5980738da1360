//! Search that works offline and from `file://`: `<lang>/search/index.html` in every language.
//! Without JavaScript it is an A–Z list of every page of the language with its description,
//! cut into stretches of the alphabet (`az-1.html`, …) when it is too long for one light page.
//! With it, the theme's `search.js` searches the index [`search_index`] writes, in parts it loads
//! by `<script>` as a query needs them. The index holds each page of the language as shown — a
//! page shown by fallback in the words it is shown in, and marked so.

use super::context::{Common, PageCtx};
use super::markdown::Body;
use super::render_template;
use super::search_index::{self, IndexPage};
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::model::{Language, NodeId};
use crate::page_path::relative_href;
use serde::Serialize;

/// One page as the search page lists it, and as its index holds it.
#[derive(Serialize, Clone)]
struct Entry {
    title: String,
    href: String,
    description: String,
    /// "in Español", when the page is shown in another language than the search page's.
    shown_in: Option<String>,
    /// Its tag, for the `lang` of the title.
    lang: Option<String>,
}

#[derive(Serialize)]
struct SearchCtx<'a> {
    #[serde(flatten)]
    base: super::context::Ctx<'a>,
    /// The pages this page lists, A to Z by title: all of them, or one stretch of the alphabet.
    entries: &'a [Entry],
    /// When the list is too long for one light page: each stretch of the alphabet and its page.
    ranges: &'a [Range],
    /// The stretch this page lists, when the list is cut.
    range: Option<&'a str>,
    /// From the search page to its index.
    index_href: String,
}

/// One stretch of a long A–Z list: "A–C", on `az-1.html`.
#[derive(Serialize)]
struct Range {
    label: String,
    href: String,
}

/// At most this many pages are listed on one page, so each stays within its first-load budget;
/// a longer list is cut into stretches of the alphabet.
const LIST_LENGTH: usize = 100;

/// What [`files`] makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// The search pages and the index.
    PagesAndIndex,
    /// The search pages alone: a one-language copy's, whose index is the whole site's.
    Pages,
}

/// The search pages and (with [`Parts::PagesAndIndex`]) the index, for one language.
pub fn files(
    common: &Common,
    bodies: &[Body],
    language: &Language,
    parts: Parts,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let site = common.site;
    let lang = &language.locale.lang;
    let from = files::search_page(lang.as_str());
    let folder = from.trim_end_matches("index.html");
    let mut entries = Vec::new();
    let mut indexed = Vec::new();
    let shown_in = language
        .strings
        .get("search_shown_in")
        .cloned()
        .unwrap_or_default();
    let order = std::iter::once(NodeId::HOME).chain(site.reading_order.iter().copied());
    for node in order {
        let Some(source) = site.source_for(node, lang) else {
            continue;
        };
        let file = site.source(source);
        let shown = (file.lang != *lang)
            .then(|| site.language(&file.lang))
            .flatten();
        let entry = Entry {
            title: file.front.title.clone(),
            href: relative_href(&from, &site.node(node).path.output_file(lang.as_str())),
            description: file.front.description.clone().unwrap_or_default(),
            shown_in: shown.map(|l| shown_in.replace("{language}", &l.locale.endonym)),
            lang: shown.map(|l| l.locale.lang.to_string()),
        };
        indexed.push(IndexPage {
            title: entry.title.clone(),
            href: entry.href.clone(),
            description: entry.description.clone(),
            shown_in: entry.shown_in.clone(),
            text: match parts {
                Parts::PagesAndIndex => plain_text(&bodies[source.index()].html),
                Parts::Pages => String::new(),
            },
        });
        entries.push(entry);
    }
    entries.sort_by_cached_key(|e| fold(&e.title));
    let mut out = match parts {
        Parts::PagesAndIndex => search_index::files(folder, &indexed),
        Parts::Pages => Vec::new(),
    };
    let t = |k: &str| language.strings.get(k).cloned().unwrap_or_default();
    let stretches = stretches(&entries);
    let ranges: Vec<Range> = if stretches.len() > 1 {
        stretches
            .iter()
            .enumerate()
            .map(|(n, (label, _))| Range {
                label: label.clone(),
                href: format!("az-{}.html", n + 1),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut render = |path: String, entries: &[Entry], range: Option<&str>| {
        let page = PageCtx::own("search", t("search_title"), None, language);
        let ctx = SearchCtx {
            base: common.base(&path, language, None, page),
            entries,
            ranges: &ranges,
            range,
            index_href: relative_href(&path, &files::search_index(lang.as_str())),
        };
        render_template(site, "search.html", &ctx, &ctx.base.values, path).map(|f| out.push(f))
    };
    if ranges.is_empty() {
        render(from.clone(), &entries, None)?;
    } else {
        render(from.clone(), &[], None)?;
        for (range, (label, list)) in ranges.iter().zip(&stretches) {
            render(format!("{folder}{}", range.href), list, Some(label))?;
        }
    }
    Ok(out)
}

/// The A–Z list cut into stretches of at most [`LIST_LENGTH`] pages, each named by the letters
/// it runs from and to ("A–C"; "Pa–Pe" when a letter is cut). One stretch when all fit.
fn stretches(entries: &[Entry]) -> Vec<(String, &[Entry])> {
    entries
        .chunks(LIST_LENGTH)
        .map(|list| {
            let first = fold(list.first().map_or("", |e| &e.title));
            let last = fold(list.last().map_or("", |e| &e.title));
            let letters = |s: &str, n: usize| -> String {
                let mut cs = s.chars().filter(|c| c.is_alphanumeric()).take(n);
                let head = cs.next().map(|c| c.to_uppercase().collect::<String>());
                head.unwrap_or_default() + &cs.collect::<String>()
            };
            let n = if letters(&first, 1) == letters(&last, 1) {
                2
            } else {
                1
            };
            let (a, b) = (letters(&first, n), letters(&last, n));
            let label = if a == b { a } else { format!("{a}–{b}") };
            (label, list)
        })
        .collect()
}

/// A title as the A–Z list sorts it: lower case, accents after their letter (`á` with `a`).
fn fold(s: &str) -> String {
    use icu_normalizer::DecomposingNormalizerBorrowed;
    DecomposingNormalizerBorrowed::new_nfd()
        .normalize(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '\'')
        .collect::<String>()
        .to_lowercase()
}

/// The text of a rendered body: tags dropped, the five entities the renderer writes decoded,
/// white space collapsed.
pub fn plain_text(html: &str) -> String {
    const ENTITIES: [(&str, char); 6] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&amp;", '&'),
    ];
    let mut out = String::with_capacity(html.len());
    // In one pass: a tag or a run of white space owes one space before the next text.
    let (mut in_tag, mut space) = (false, false);
    let mut rest = html;
    while !rest.is_empty() {
        if in_tag {
            // The rest of the tag, at once.
            match memchr::memchr(b'>', rest.as_bytes()) {
                Some(end) => (in_tag, rest) = (false, &rest[end + 1..]),
                None => break,
            }
            continue;
        }
        // A run of plain ASCII text, copied at once.
        let run = rest
            .bytes()
            .position(|b| matches!(b, b'<' | b'&') || b.is_ascii_whitespace() || !b.is_ascii())
            .unwrap_or(rest.len());
        if run > 0 {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        let mut len = c.len_utf8();
        let text = match c {
            '<' => {
                (in_tag, space) = (true, true);
                None
            }
            '&' => match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((e, decoded)) => {
                    len = e.len();
                    Some(*decoded)
                }
                None => Some('&'),
            },
            c if c.is_whitespace() => {
                space = true;
                None
            }
            c => Some(c),
        };
        if let Some(t) = text {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(t);
        }
        rest = &rest[len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_out_of_the_html() {
        assert_eq!(
            plain_text(
                "<h2 id=\"a\">¿Qué <em>es</em>?</h2>\n<p>Tom &amp; Ana&#39;s <a href=\"x\">k'aslemal</a></p>"
            ),
            "¿Qué es ? Tom & Ana's k'aslemal"
        );
        // Decoded once, left to right; white space of any kind collapsed, none at the ends.
        assert_eq!(
            plain_text(" <p> &amp;lt; 1 > 0 &\u{a0}&x27; a\tb </p>\n"),
            "&lt; 1 > 0 & &x27; a b"
        );
        assert_eq!(fold("Ámbito Ñ"), "ambito n");
    }
}
