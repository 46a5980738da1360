//! The printable booklet, `<lang>/print/index.html`: a cover, every page of the language in
//! reading order (each a chapter on a new sheet), and the contacts on the last page.
//!
//! A language with more than [`SPLIT_AT`] pages gets one booklet per top-level section instead,
//! `<lang>/print/<section>.html`, and `index.html` lists them: nobody prints thousands of pages
//! at once, and one file per section keeps each small enough to open on a phone. The parts sit
//! beside the index so the bodies' links, made for that folder, stay right.

use super::context::{Common, PageCtx};
use super::markdown::Body;
use super::render_template;
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::lang::Lang;
use crate::model::{Language, NodeId, Site, SourceId};
use serde::Serialize;

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

/// The sources whose bodies the booklet of `lang` shows.
pub fn sources_shown(site: &Site, lang: &Lang) -> Vec<SourceId> {
    let mut shown: Vec<SourceId> = std::iter::once(NodeId::HOME)
        .chain(site.reading_order.iter().copied())
        .filter_map(|node| site.source_for(node, lang))
        .collect();
    shown.sort();
    shown.dedup();
    shown
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
    let nodes: Vec<NodeId> = std::iter::once(NodeId::HOME)
        .chain(site.reading_order.iter().copied())
        .collect();
    let index = files::booklet(lang.as_str());
    if !is_split(site) {
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
    for &top in &site.node(NodeId::HOME).children {
        let first = site.reading_position(top).unwrap_or(0);
        let last = site.reading_order[first..]
            .iter()
            .position(|&n| n != top && !is_below(site, n, top))
            .map_or(site.reading_order.len(), |p| first + p);
        let members = &site.reading_order[first..last];
        let segment = site.node(top).path.segments().next().unwrap_or("part");
        let file = files::booklet_part(lang.as_str(), segment);
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
    let home = chapters(common, bodies, language, &[NodeId::HOME]);
    files.push(render(common, language, &index, home, parts, None)?);
    Ok(files)
}

/// The booklet file that holds `node`'s chapter in `lang`: the one booklet, or, in a language
/// split by section, the booklet of the node's top-level section (the home page opens the list).
pub fn booklet_of(site: &Site, node: NodeId, lang: &str) -> String {
    match site.node(node).path.segments().next() {
        Some(section) if is_split(site) => files::booklet_part(lang, section),
        _ => files::booklet(lang),
    }
}

/// Whether the site's languages get one booklet per top-level section: past [`SPLIT_AT`] pages,
/// the home page included.
fn is_split(site: &Site) -> bool {
    site.reading_order.len() + 1 > SPLIT_AT
}

/// Whether `node` lies below `top` in the tree.
fn is_below(site: &Site, node: NodeId, top: NodeId) -> bool {
    let top_path = &site.node(top).path;
    let mut p = site.node(node).path.parent();
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
    nodes: &[NodeId],
) -> Vec<Chapter<'a>> {
    let site = common.site;
    let lang = &language.locale.lang;
    nodes
        .iter()
        .filter_map(|&node| {
            let source = site.source_for(node, lang)?;
            let file = site.source(source);
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
                body: &bodies[source.index()].html,
                depth: site.node(node).path.segments().count(),
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
    render_template(
        common.site,
        "print.html",
        &ctx,
        &ctx.base.values,
        from.to_string(),
    )
}
