//! The one-page poster, `<lang>/poster/index.html`: the site's most important points in a few
//! words, the contacts in large type, and a QR code to the site when `base_url` is set. Shelters
//! print it for a wall.
//!
//! The points are the `poster` lines of pages' front matter, in reading order. A site whose
//! pages have none gets its sections instead, with their descriptions.

use super::context::{Common, PageCtx};
use super::render_template;
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::model::{Language, NodeId};
use serde::Serialize;

#[derive(Serialize)]
struct Point<'a> {
    text: String,
    /// Set when the text is written in another language than the poster's.
    lang: Option<String>,
    icon: Option<&'a str>,
}

#[derive(Serialize)]
struct PosterCtx<'a> {
    #[serde(flatten)]
    base: super::context::Ctx<'a>,
    points: Vec<Point<'a>>,
    /// The QR code (inline SVG) and the address it holds.
    qr: Option<String>,
    qr_url: Option<String>,
}

/// Renders the poster of one language.
pub fn poster(common: &Common, language: &Language) -> Result<OutputFile, Diagnostic> {
    let site = common.site;
    let lang = &language.locale.lang;
    let from = files::poster(lang.as_str());
    let point = |node: NodeId, text: String, file: &crate::load::ContentFile| Point {
        text,
        lang: (&file.lang != lang).then(|| file.lang.to_string()),
        icon: file
            .front
            .icon
            .as_ref()
            .or_else(|| {
                let parent = site.node(node).path.parent()?;
                let p = *site.by_path.get(&parent)?;
                let s = site.source_for(p, lang)?;
                site.source(s).front.icon.as_ref()
            })
            .and_then(|i| site.theme.icons.get(i))
            .map(String::as_str),
    };
    let mut points: Vec<Point> = site
        .reading_order
        .iter()
        .filter_map(|&node| {
            let file = site.source(site.source_for(node, lang)?);
            let line = file.front.poster.clone()?;
            Some(point(node, line, file))
        })
        .collect();
    if points.is_empty() {
        points = site
            .node(NodeId::HOME)
            .children
            .iter()
            .filter_map(|&node| {
                let file = site.source(site.source_for(node, lang)?);
                let text = match &file.front.description {
                    Some(d) => format!("{}: {d}", file.front.title),
                    None => file.front.title.clone(),
                };
                Some(point(node, text, file))
            })
            .collect();
    }
    let qr_url = site
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{lang}/"));
    let label = language
        .strings
        .get("poster_scan")
        .cloned()
        .unwrap_or_default();
    let qr = match &qr_url {
        Some(url) => Some(super::qr::svg(url, &label).map_err(|e| {
            Diagnostic::error("config/base-url", &site.config.path, e)
                .with_help("use a shorter base_url")
        })?),
        None => None,
    };
    let title = language
        .strings
        .get("poster_title")
        .cloned()
        .unwrap_or_default();
    let page = PageCtx::own("poster", title, None, language);
    let ctx = PosterCtx {
        base: common.base(&from, language, None, page),
        points,
        qr,
        qr_url,
    };
    render_template(site, "poster.html", &ctx, &ctx.base.values, from)
}
