//! The printable booklet, `<lang>/print/index.html`: a cover, every page of the language in
//! reading order (each a chapter on a new sheet), and the contacts on the last page.
//!
//! A language with more than [`SPLIT_AT`] pages gets one booklet per top-level section instead,
//! `<lang>/print/<section>.html`, and `index.html` lists them: nobody prints thousands of pages
//! at once, and one file per section keeps each small enough to open on a phone. The parts sit
//! beside the index so the bodies' links, made for that folder, stay right.

use super::context::{Common, PageCtx};
use super::markdown::Body;
use super::{OutputFile, render_template};
use crate::diagnostics::Diagnostic;
use crate::model::Language;
use serde::Serialize;

/// Where the booklet goes.
pub const FILE: &str = "{lang}/print/index.html";

/// Above this many pages in a language, the booklet is split by top-level section.
pub const SPLIT_AT: usize = 150;

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

/// One booklet of a split language, as the contents page links it.
#[derive(Serialize)]
struct Part {
    title: String,
    lang: String,
    href: String,
    pages: usize,
}

#[derive(Serialize)]
struct BookletCtx<'a> {
    #[serde(flatten)]
    base: super::context::Ctx<'a>,
    chapters: Vec<Chapter<'a>>,
    /// On the contents page of a split language: its booklets.
    parts: Vec<Part>,
    /// On one booklet of a split language: its section's title.
    part_title: Option<String>,
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

/// Renders the booklet of one language: one file, or, past [`SPLIT_AT`] pages, a contents page
/// and one booklet per top-level section.
pub fn booklet(
    common: &Common,
    bodies: &[Body],
    language: &Language,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let site = common.site;
    let lang = &language.locale.lang;
    let nodes: Vec<usize> = std::iter::once(0)
        .chain(site.reading_order.iter().copied())
        .collect();
    let index = FILE.replace("{lang}", lang.as_str());
    if nodes.len() <= SPLIT_AT {
        let chapters = chapters(common, bodies, language, &nodes);
        return Ok(vec![render(
            common,
            language,
            &index,
            chapters,
            Vec::new(),
            None,
        )?]);
    }
    let mut files = Vec::new();
    let mut parts = Vec::new();
    for &top in &site.nodes[0].children {
        let first = site.reading_position[top].unwrap_or(0);
        let last = site.reading_order[first..]
            .iter()
            .position(|&n| n != top && !is_below(site, n, top))
            .map_or(site.reading_order.len(), |p| first + p);
        let members = &site.reading_order[first..last];
        let segment = site.nodes[top].path.segments().next().unwrap_or("part");
        let file = format!(
            "{lang}/print/{}.html",
            crate::page_path::encode_segment(segment)
        );
        let (title, written_in) = site.title_in(top, lang);
        parts.push(Part {
            title: title.clone(),
            lang: written_in.to_string(),
            href: crate::page_path::relative_href(&index, &file),
            pages: members.len(),
        });
        let chapters = chapters(common, bodies, language, members);
        files.push(render(
            common,
            language,
            &file,
            chapters,
            Vec::new(),
            Some(title),
        )?);
    }
    let home = chapters(common, bodies, language, &[0]);
    files.push(render(common, language, &index, home, parts, None)?);
    Ok(files)
}

/// Whether `node` lies below `top` in the tree.
fn is_below(site: &crate::model::Site, node: usize, top: usize) -> bool {
    let top_path = &site.nodes[top].path;
    let mut p = site.nodes[node].path.parent();
    while let Some(path) = p {
        if &path == top_path {
            return true;
        }
        p = path.parent();
    }
    false
}

fn chapters<'a>(
    common: &Common<'a>,
    bodies: &'a [Body],
    language: &Language,
    nodes: &[usize],
) -> Vec<Chapter<'a>> {
    let site = common.site;
    let lang = &language.locale.lang;
    nodes
        .iter()
        .filter_map(|&node| {
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
        .collect()
}

fn render(
    common: &Common,
    language: &Language,
    from: &str,
    chapters: Vec<Chapter>,
    parts: Vec<Part>,
    part_title: Option<String>,
) -> Result<OutputFile, Diagnostic> {
    let page = PageCtx::own("print", language.site_title.clone(), None, language);
    let ctx = BookletCtx {
        base: common.base(from, language, None, page),
        chapters,
        parts,
        part_title,
    };
    render_template(common.site, "print.html", &ctx, from.to_string())
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
