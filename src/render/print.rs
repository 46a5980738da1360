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

/// A body as a chapter of the booklet: its headings one level down, since the chapter's own
/// title is the h2 (`##` becomes h3, and so on; h6 stays h6). Sanitised HTML has no other `<hN`
/// than real headings: text that looks like one is escaped.
pub fn chapter_body(mut body: Body) -> Body {
    let mut html = std::mem::take(&mut body.html);
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    body.html = html;
    body
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_headings_go_one_level_down() {
        let body = Body {
            html: "<h2 id=\"a\">A</h2><p>&lt;h2&gt;</p><h3>B</h3><h6>C</h6><h5>D</h5>".into(),
            ..Body::default()
        };
        assert_eq!(
            chapter_body(body).html,
            "<h3 id=\"a\">A</h3><p>&lt;h2&gt;</p><h4>B</h4><h6>C</h6><h6>D</h6>"
        );
    }
}
