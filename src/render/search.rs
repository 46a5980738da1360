//! Search that works offline and from `file://`: `<lang>/search/index.html` in every language.
//! Without JavaScript it is an A–Z list of every page of the language with its description. With
//! it, the theme's `search.js` reads `<lang>/search/index.js`, loaded by a `<script>` tag (a
//! browser refuses `fetch()` on `file://`) when the search box is first used, so every page,
//! this one included, keeps its weight. The index holds each page of the language as shown — a page shown by fallback in the
//! words it is shown in, and marked so — with its title, description, headings and text.

use super::context::{Common, PageCtx};
use super::markdown::Body;
use super::render_template;
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
    /// Every page, A to Z by title.
    entries: Vec<Entry>,
    /// From the search page to its index.
    index_href: String,
}

/// The search page and its index, for one language.
pub fn files(
    common: &Common,
    bodies: &[Body],
    language: &Language,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let site = common.site;
    let lang = &language.locale.lang;
    let from = files::search_page(lang.as_str());
    let index_path = files::search_index(lang.as_str());
    let mut entries = Vec::new();
    let mut texts = Vec::new();
    let order = std::iter::once(NodeId::HOME).chain(site.reading_order.iter().copied());
    for node in order {
        let Some(page) = site
            .pages
            .iter()
            .find(|p| p.node == node && &p.lang == lang)
        else {
            continue;
        };
        let Some(source) = page.source else { continue };
        let file = site.source(source);
        let shown = (file.lang != *lang)
            .then(|| site.language(&file.lang))
            .flatten();
        let shown_in = language
            .strings
            .get("search_shown_in")
            .cloned()
            .unwrap_or_default();
        entries.push(Entry {
            title: file.front.title.clone(),
            href: relative_href(&from, &site.node(node).path.output_file(lang.as_str())),
            description: file.front.description.clone().unwrap_or_default(),
            shown_in: shown.map(|l| shown_in.replace("{language}", &l.locale.endonym)),
            lang: shown.map(|l| l.locale.lang.to_string()),
        });
        texts.push(plain_text(&bodies[source.index()].html));
    }
    let index: Vec<serde_json::Value> = entries
        .iter()
        .zip(&texts)
        .map(|(e, text)| serde_json::json!([e.title, e.href, e.description, e.shown_in, text]))
        .collect();
    let script = format!(
        "amparoSearch({});\n",
        serde_json::to_string(&index).unwrap_or_else(|_| "[]".into())
    );
    let mut sorted = entries;
    sorted.sort_by_cached_key(|e| fold(&e.title));
    let t = |k: &str| language.strings.get(k).cloned().unwrap_or_default();
    let page = PageCtx::own("search", t("search_title"), None, language);
    let ctx = SearchCtx {
        base: common.base(&from, language, None, page),
        entries: sorted,
        index_href: relative_href(&from, &index_path),
    };
    let html = render_template(site, "search.html", &ctx, from)?;
    Ok(vec![
        html,
        OutputFile {
            path: index_path,
            bytes: script.into_bytes(),
        },
    ])
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
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
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
        assert_eq!(fold("Ámbito Ñ"), "ambito n");
    }
}
