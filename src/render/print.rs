//! The printable booklet, `<lang>/print/index.html`: a cover, every page of the language in
//! reading order (each a chapter on a new sheet), and the contacts on the last page.

use super::context::{Common, PageCtx};
use super::markdown::Body;
use super::{OutputFile, render_template};
use crate::diagnostics::Diagnostic;
use crate::model::Language;
use serde::Serialize;

/// Where the booklet goes.
pub const FILE: &str = "{lang}/print/index.html";

#[derive(Serialize)]
struct Chapter<'a> {
    title: String,
    lang: String,
    dir: &'static str,
    icon: Option<&'a str>,
    body: &'a str,
    /// 0 for the home page, 1 for a section, 2 for a page in a section, …
    depth: usize,
}

#[derive(Serialize)]
struct BookletCtx<'a> {
    #[serde(flatten)]
    base: super::context::Ctx<'a>,
    chapters: Vec<Chapter<'a>>,
}

/// Renders the booklet of one language.
pub fn booklet(
    common: &Common,
    bodies: &[Body],
    language: &Language,
) -> Result<OutputFile, Diagnostic> {
    let site = common.site;
    let lang = &language.locale.lang;
    let from = FILE.replace("{lang}", lang.as_str());
    let chapters = std::iter::once(0)
        .chain(site.reading_order.iter().copied())
        .filter_map(|node| {
            let source = site.source_for(node, lang)?;
            let file = &site.sources[source];
            let written_in = site.language(&file.lang)?;
            Some(Chapter {
                title: file.front.title.clone(),
                lang: file.lang.to_string(),
                dir: written_in.locale.direction.as_str(),
                icon: file
                    .front
                    .icon
                    .as_ref()
                    .and_then(|i| site.theme.icons.get(i))
                    .map(String::as_str),
                body: &bodies[source].html,
                depth: site.nodes[node].path.segments().count(),
            })
        })
        .collect();
    let page = PageCtx::own("print", language.site_title.clone(), None, language);
    let ctx = BookletCtx {
        base: common.base(&from, language, None, page),
        chapters,
    };
    render_template(site, "print.html", &ctx, from)
}
