//! Render: turns the [`Site`] into output files in memory — HTML pages, the stylesheet, copied
//! assets. Pure: it reads no files and writes none, so it is tested without a disk.
//!
//! Bodies are rendered once per source file and pages once per (path, language), in parallel.
//! Every problem (a broken link, a template error) is collected; none stops the others.

mod bodies;
mod chooser;
pub mod context;
mod copy;
#[cfg(test)]
pub(crate) use copy::render_alone;
pub use copy::{CopyPages, LanguageCopy, render_language, render_language_into};
mod heading_ids;
mod hosts;
mod incremental;
pub mod links;
pub mod markdown;
pub mod minify;
pub mod poster;
pub mod print;
pub mod qr;
pub mod sanitize;
pub mod search;
mod search_index;
pub mod share;
pub mod share_button;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{self, OutputFile};
use crate::load::SourceKind;
use crate::load::theme::template_diagnostics;
use crate::model::{NodeId, Site, SourceId};
use crate::page_path::PagePath;
use bodies::{PrintBodies, render_bodies, render_chapters};
pub use bodies::{Rerender, hash_of, page_heading_ids};
use chooser::chooser;
use context::{Common, Ctx, PageCtx, lang_ctx};
pub use incremental::{
    Edit, PageKeys, PagesToCheck, STEP, pages_to_check, prepare_again, rerender_pages, site_files,
    texts_of,
};
use markdown::Body;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// What every rendering of a site shares, made once: the theme's assets and every body for
/// pages, with their problems; and the booklet's (whose links start from another place) kept,
/// or made with each booklet.
#[derive(Default)]
pub struct Prepared {
    asset_files: Vec<OutputFile>,
    asset_paths: BTreeMap<String, String>,
    bodies: Vec<Body>,
    print_bodies: PrintBodies,
    /// Each body's problems, by source.
    problems: Vec<Vec<Diagnostic>>,
}

/// Renders the assets and the bodies of every source file, in parallel, and keeps them.
pub fn prepare(site: &Site) -> Prepared {
    let mut prepared = prepare_once(site);
    if matches!(prepared.print_bodies, PrintBodies::PerBooklet) {
        let all: Vec<SourceId> = (0..site.sources.len()).map(SourceId::new).collect();
        let page_ids: Vec<&[String]> = prepared.bodies.iter().map(|b| b.ids.as_slice()).collect();
        let chapters = render_chapters(site, &all, &page_ids);
        prepared.print_bodies = PrintBodies::Kept(chapters.into_iter().map(|(b, _)| b).collect());
    }
    prepared
}

/// [`prepare`] for one rendering of the site: each booklet's bodies are made with it.
pub fn prepare_once(site: &Site) -> Prepared {
    let (asset_files, asset_paths) = assets(site);
    let (bodies, problems) = render_bodies(site);
    let print_bodies = match site.theme.sources.contains_key("print.html") {
        true => PrintBodies::PerBooklet,
        false => PrintBodies::None,
    };
    Prepared {
        asset_files,
        asset_paths,
        bodies,
        print_bodies,
        problems,
    }
}

impl Prepared {
    /// The problems the bodies have that do not stop a build (raw HTML left out, for one).
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter().flatten().filter(|d| !d.is_error())
    }

    /// Whether a body has a problem that stops a build.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().flatten().any(Diagnostic::is_error)
    }

    /// The theme's assets, as published.
    pub fn assets(&self) -> &[OutputFile] {
        &self.asset_files
    }
}

/// Renders the whole site. Returns every output file, or every problem found.
pub fn render(site: &Site, prepared: &Prepared) -> Result<Vec<OutputFile>, Diagnostics> {
    render_in(site, prepared, None)
}

/// Pages rendered together and handed on at once by [`render_into`].
const CHUNK: usize = 64;

/// What takes files as a rendering makes them, a few at a time, from any thread.
pub type Take<'a> = &'a (dyn Fn(Vec<OutputFile>) -> Result<(), Diagnostic> + Sync);

/// What takes the pages cut out for a one-language copy (see [`copy`]), a few at a time, from
/// any thread: the copy's language, and its pages.
pub type TakeCopy<'a> =
    &'a (dyn Fn(&crate::lang::Lang, Vec<OutputFile>) -> Result<(), Diagnostic> + Sync);

/// The pages from content of the languages `common` shows, rendered [`CHUNK`] at a time in
/// parallel, each chunk handed to `take`, and with `copies` each page's copy, cut out of it
/// along the marks, to that: the problems found.
fn content_pages_into(
    common: &Common,
    prepared: &Prepared,
    take: Take,
    copies: Option<(&copy::Marks, TakeCopy)>,
) -> Vec<Diagnostic> {
    let pages: Vec<&crate::model::Page> = common
        .site
        .pages
        .iter()
        .filter(|p| common.includes(&p.lang))
        .collect();
    pages
        .par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            let bodies = &prepared.bodies;
            let Some((marks, take_copy)) = copies else {
                let made = chunk
                    .iter()
                    .map(|p| page(common, bodies, p.node, &p.lang, p.source))
                    .collect();
                let (files, mut found) = split(made);
                if let Err(d) = take(files) {
                    found.push(d);
                }
                return found.0;
            };
            let mut found = Vec::new();
            let mut files = Vec::with_capacity(chunk.len());
            let mut cut: BTreeMap<&crate::lang::Lang, Vec<OutputFile>> = BTreeMap::new();
            for p in chunk {
                match copy::page_and_copy(common, bodies, p.node, &p.lang, p.source, marks) {
                    Ok((file, copy)) => {
                        files.push(file);
                        cut.entry(&p.lang).or_default().push(copy);
                    }
                    Err(d) => found.push(d),
                }
            }
            let handed = std::iter::once(take(files))
                .chain(cut.into_iter().map(|(lang, copy)| take_copy(lang, copy)));
            found.extend(handed.filter_map(Result::err));
            found
        })
        .collect()
}

/// Renders the whole site as [`render`] does, handing the files to `take` a few at a time as
/// they are made (from any thread), so that no one holds them all: a build writes and deflates
/// them and lets their bytes go. A problem `take` returns is one of the rendering's. With
/// `copies`, and a theme that marks what a copy leaves out, each content page's copy is cut out
/// of it and handed to `copies`: returns whether it was.
pub fn render_into(
    site: &Site,
    prepared: &Prepared,
    take: Take,
    copies: Option<TakeCopy>,
) -> Result<CopyPages, Diagnostics> {
    let marks = copy::Marks::new();
    let copies = copies
        .filter(|_| copy::theme_marks(site))
        .map(|c| (&marks, c));
    let cut = copies.is_some();
    let common = Common::new(site, &prepared.asset_paths, None);
    let mut diags = Diagnostics(prepared.problems.iter().flatten().cloned().collect());
    // The large files (a booklet is every page of its language, and so is a search index) are
    // made one language at a time beside the pages, so that no two languages' are in memory at
    // once; the pages keep the other thread busy.
    let languages: Vec<&crate::model::Language> = common.languages().collect();
    let large = || -> Vec<Diagnostic> {
        let one = |language: &&crate::model::Language| {
            let made = language_files(&common, prepared, language);
            let (files, mut found) = split(made.into_iter().flatten().collect());
            if let Err(d) = take(files) {
                found.push(d);
            }
            found.0
        };
        languages.iter().flat_map(one).collect()
    };
    let (pages, found) = rayon::join(
        || content_pages_into(&common, prepared, take, copies),
        large,
    );
    diags.extend(pages);
    let (mut small, small_diags) = small_files(&common);
    diags.extend(small_diags.0);
    small.extend(prepared.asset_files.iter().cloned());
    if let Err(d) = take(small) {
        diags.push(d);
    }
    diags.extend(found);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(match cut {
        true => CopyPages::Cut,
        false => CopyPages::Render,
    })
}

/// The share page of every language in a rendering: with the zips to download (`Some`), or,
/// for the pages inside a copy (`None`), how to pass the copy on.
pub fn share_pages(
    site: &Site,
    prepared: &Prepared,
    only: Option<&crate::lang::Lang>,
    zips: Option<&[share::ZipInfo]>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    if !site.theme.sources.contains_key("share.html") {
        return Ok(Vec::new());
    }
    let common = Common::new(site, &prepared.asset_paths, only);
    let (files, diags): (Vec<_>, Vec<_>) = common
        .languages()
        .map(|l| share::page(&common, l, zips))
        .partition(Result::is_ok);
    if diags.is_empty() {
        Ok(files.into_iter().flatten().collect())
    } else {
        Err(Diagnostics(
            diags.into_iter().filter_map(Result::err).collect(),
        ))
    }
}

/// What hosts and search engines look for at the published site's root: `404.html`, and with
/// `base_url` the sitemap and robots.txt. Never part of a copy to share.
pub fn host_files(site: &Site, prepared: &Prepared) -> Result<Vec<OutputFile>, Diagnostics> {
    let common = Common::new(site, &prepared.asset_paths, None);
    hosts::files(&common).map_err(|d| Diagnostics(vec![d]))
}

fn render_in(
    site: &Site,
    prepared: &Prepared,
    only: Option<&crate::lang::Lang>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let (files, mut diags) = render_all(site, prepared, only);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(files)
}

/// Renders the whole site as far as it goes, for `amparo check`: every file that renders, and
/// every problem, errors included.
pub fn render_lenient(site: &Site, prepared: &Prepared) -> (Vec<OutputFile>, Diagnostics) {
    let (mut files, mut diags) = render_all(site, prepared, None);
    match share_pages(site, prepared, None, None) {
        Ok(f) => files.extend(f),
        Err(d) => diags.extend(d.0),
    }
    (files, diags)
}

/// The pages from content, of the languages `common` shows, in parallel.
fn content_pages<'a>(
    common: &'a Common,
    prepared: &'a Prepared,
) -> impl ParallelIterator<Item = Result<OutputFile, Diagnostic>> + 'a {
    common
        .site
        .pages
        .par_iter()
        .filter(|p| common.includes(&p.lang))
        .map(|p| page(common, &prepared.bodies, p.node, &p.lang, p.source))
}

/// The 404 and offline pages of the languages `common` shows, in parallel.
fn special_pages<'a>(
    common: &'a Common,
) -> impl ParallelIterator<Item = Result<OutputFile, Diagnostic>> + 'a {
    let shown: Vec<&crate::model::Language> = common.languages().collect();
    shown.into_par_iter().flat_map_iter(|l| {
        [SpecialPage::NotFound, SpecialPage::Offline].map(|kind| special_page(common, l, kind))
    })
}

/// The files made and the problems found.
fn split(made: Vec<Result<OutputFile, Diagnostic>>) -> (Vec<OutputFile>, Diagnostics) {
    let mut files = Vec::with_capacity(made.len());
    let mut diags = Diagnostics::default();
    for p in made {
        match p {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

fn render_all(
    site: &Site,
    prepared: &Prepared,
    only: Option<&crate::lang::Lang>,
) -> (Vec<OutputFile>, Diagnostics) {
    let common = Common::new(site, &prepared.asset_paths, only);
    let (pages, mut diags) = split(content_pages(&common, prepared).collect());
    let mut files = prepared.asset_files.clone();
    files.extend(pages);
    if only.is_none() {
        diags.extend(prepared.problems.iter().flatten().cloned());
    }
    let (rest, rest_diags) = other_files(&common, prepared, None);
    files.extend(rest);
    diags.extend(rest_diags.0);
    (files, diags)
}

/// Every file of a rendering but the theme's assets and the pages from content: the 404 and
/// offline pages, the chooser, manifests, booklets, search pages and indexes, posters.
/// With `langs`, the booklets, search and posters of those languages only (the costly ones).
fn other_files(
    common: &Common,
    prepared: &Prepared,
    langs: Option<&[crate::lang::Lang]>,
) -> (Vec<OutputFile>, Diagnostics) {
    let (mut files, mut diags) = small_files(common);
    let shown: Vec<&crate::model::Language> = common
        .languages()
        .filter(|l| langs.is_none_or(|ls| ls.contains(&l.locale.lang)))
        .collect();
    // The costly files, each language's on its own thread; kept in the order of a serial run
    // (booklets, then search, then posters), so every build lists the files alike.
    let mut made: Vec<[Vec<Result<OutputFile, Diagnostic>>; 3]> = shown
        .par_iter()
        .map(|language| language_files(common, prepared, language))
        .collect();
    for kind in 0..3 {
        for result in made.iter_mut().flat_map(|m| std::mem::take(&mut m[kind])) {
            match result {
                Ok(f) => files.push(f),
                Err(d) => diags.push(d),
            }
        }
    }
    (files, diags)
}

/// The small files of a rendering besides its pages from content: the 404 and offline pages,
/// the chooser and the manifests.
fn small_files(common: &Common) -> (Vec<OutputFile>, Diagnostics) {
    let (mut files, mut diags) = split(special_pages(common).collect());
    match chooser(common) {
        Ok(f) => files.push(f),
        Err(d) => diags.push(d),
    }
    files.extend(common.languages().map(|l| manifest(common, l)));
    (files, diags)
}

/// The booklet, search files and poster of one language, as far as the theme has them.
fn language_files(
    common: &Common,
    prepared: &Prepared,
    language: &crate::model::Language,
) -> [Vec<Result<OutputFile, Diagnostic>>; 3] {
    let sources = &common.site.theme.sources;
    let spread = |made: Result<Vec<OutputFile>, Diagnostic>| match made {
        Ok(files) => files.into_iter().map(Ok).collect(),
        Err(d) => vec![Err(d)],
    };
    let booklet = prepared
        .booklet(common, language)
        .map_or(Vec::new(), spread);
    let search = if sources.contains_key("search.html") {
        let parts = search::Parts::PagesAndIndex;
        spread(search::files(common, &prepared.bodies, language, parts))
    } else {
        Vec::new()
    };
    let poster = if sources.contains_key("poster.html") {
        vec![poster::poster(common, language)]
    } else {
        Vec::new()
    };
    [booklet, search, poster]
}

/// The theme's static files, and where each went: stylesheets are minified, and stylesheets
/// and scripts get a content hash in their name, so a changed one is never served stale.
/// (Content assets are copied by the output stage.)
fn assets(site: &Site) -> (Vec<OutputFile>, BTreeMap<String, String>) {
    let mut files = Vec::new();
    let mut names = BTreeMap::new();
    for (name, bytes) in &site.theme.statics {
        let bytes = if name.ends_with(".css") {
            minify::css(&String::from_utf8_lossy(bytes)).into_bytes()
        } else {
            bytes.clone()
        };
        let file = OutputFile {
            path: files::theme_asset(name, &bytes),
            bytes,
        };
        names.insert(name.clone(), file.path.clone());
        files.push(file);
    }
    (files, names)
}

fn page(
    common: &Common,
    bodies: &[Body],
    node: NodeId,
    lang: &crate::lang::Lang,
    source: Option<SourceId>,
) -> Result<OutputFile, Diagnostic> {
    let (from, ctx) = page_ctx(common, bodies, node, lang, source)?;
    let template = format!("{}.html", ctx.page.kind);
    render_template(common.site, &template, &ctx, &ctx.values, from)
}

/// What the template of a page sees, and the page's output file: all a page depends on.
fn page_ctx<'a>(
    common: &'a Common,
    bodies: &'a [Body],
    node: NodeId,
    lang: &crate::lang::Lang,
    source: Option<SourceId>,
) -> Result<(String, Ctx<'a>), Diagnostic> {
    let site = common.site;
    let n = site.node(node);
    let from = n.path.output_file(lang.as_str());
    let language = site
        .language(lang)
        .ok_or_else(|| Diagnostic::error("internal", "site.toml", format!("no language {lang}")))?;
    let src = source.map(|s| site.source(s));
    let body_language = src.and_then(|s| site.language(&s.lang)).unwrap_or(language);
    let is_fallback = src.is_some_and(|s| &s.lang != lang);
    let notice = language
        .strings
        .get("fallback_notice")
        .cloned()
        .unwrap_or_default();
    let partial = source.and_then(|s| bodies[s.index()].partial.as_deref());
    let audio = site.audio_for(node, lang);
    // A partly translated page shows its borrowed title and summary as they are now.
    let front = partial.map(|p| &p.file.front).or(src.map(|s| &s.front));
    let page = PageCtx {
        kind: match n.kind {
            SourceKind::Home => "home",
            SourceKind::Section => "section",
            SourceKind::Page => "page",
        },
        title: front.map_or_else(|| language.site_title.clone(), |f| f.title.clone()),
        description: front.and_then(|f| f.description.clone()),
        icon: src
            .and_then(|s| s.front.icon.as_ref())
            .and_then(|i| site.theme.icons.get(i))
            .cloned(),
        body: source.map_or("", |s| bodies[s.index()].html.as_str()),
        body_lang: lang_ctx(body_language),
        is_fallback,
        fallback_notice: notice
            .replace("{page_language}", &language.locale.endonym)
            .replace("{language}", &body_language.locale.endonym),
        partial_notice: partial.map(|p| partial_notice(site, language, p)),
        title_lang: partial.filter(|p| p.title).map(|p| p.lang.to_string()),
        audio: audio.map(|(a, _)| crate::page_path::relative_href(&from, &files::media(a))),
        // A recording in the page's language over another language's text says whose it is.
        audio_lang: audio
            .filter(|(_, l)| *l != &body_language.locale.lang)
            .and_then(|(_, l)| site.language(l))
            .map(lang_ctx),
        share: None,
        remove_site: front.is_some_and(|f| f.remove_site),
    };
    let mut ctx = common.base(&from, language, Some(&n.path), page);
    ctx.page.share = Some(share_button::share(
        language,
        &ctx.page.title,
        front,
        &site.config.contacts,
        site.config.base_url.as_ref().map(|b| format!("{b}{from}")),
    ));
    ctx.children = n
        .children
        .iter()
        .map(|&c| common.link(&from, c, lang))
        .collect();
    ctx.breadcrumbs = breadcrumbs(common, &from, &n.path, lang);
    if n.kind == SourceKind::Home && language.locale.audio_first {
        ctx.audio_pages = site
            .reading_order
            .iter()
            .filter(|&&x| site.audio_for(x, lang).is_some())
            .map(|&x| common.link(&from, x, lang))
            .collect();
    }
    if let Some(pos) = site.reading_position(node) {
        ctx.prev = pos
            .checked_sub(1)
            .map(|p| common.link(&from, site.reading_order[p], lang));
        ctx.next = site
            .reading_order
            .get(pos + 1)
            .map(|&x| common.link(&from, x, lang));
    }
    Ok((from, ctx))
}

/// "3 of 12 parts of this page are in Mam. The rest is in Español.", in the page's language.
fn partial_notice(
    site: &Site,
    language: &crate::model::Language,
    partial: &crate::model::partial::Partial,
) -> String {
    let lender = site
        .language(&partial.lang)
        .map_or_else(|| partial.lang.to_string(), |l| l.locale.endonym.clone());
    language
        .strings
        .get("partial_notice")
        .map(String::as_str)
        .unwrap_or_default()
        .replace("{translated}", &partial.translated.to_string())
        .replace("{total}", &partial.total.to_string())
        .replace("{page_language}", &language.locale.endonym)
        .replace("{language}", &lender)
}

/// Home › Section › … for a page (the page itself not included).
fn breadcrumbs(
    common: &Common,
    from: &str,
    path: &PagePath,
    lang: &crate::lang::Lang,
) -> Vec<context::LinkCtx> {
    let mut chain = Vec::new();
    let mut cur = path.parent();
    while let Some(p) = cur {
        if let Some(&n) = common.site.by_path.get(&p) {
            chain.push(common.link(from, n, lang));
        }
        cur = p.parent();
    }
    chain.reverse();
    chain
}

/// A page of the site's own, not from content, that lists the home's sections.
#[derive(Debug, Clone, Copy)]
enum SpecialPage {
    /// "Page not found".
    NotFound,
    /// What a child sees offline when the page asked for was never saved.
    Offline,
}

/// A [`SpecialPage`] in one language, rendered with the theme's 404 template.
fn special_page(
    common: &Common,
    language: &crate::model::Language,
    page: SpecialPage,
) -> Result<OutputFile, Diagnostic> {
    let lang = language.locale.lang.as_str();
    // The kind is what the template sees as `page.kind`.
    let (kind, from, title, text) = match page {
        SpecialPage::NotFound => (
            "404",
            files::not_found(lang),
            "not_found_title",
            "not_found_text",
        ),
        SpecialPage::Offline => (
            "offline",
            files::offline_page(lang),
            "offline_title",
            "offline_text",
        ),
    };
    let t = |k: &str| language.strings.get(k).cloned().unwrap_or_default();
    let page = PageCtx::own(kind, t(title), Some(t(text)), language);
    let mut ctx: Ctx = common.base(&from, language, None, page);
    ctx.children = common
        .site
        .node(NodeId::HOME)
        .children
        .iter()
        .map(|&c| common.link(&from, c, &language.locale.lang))
        .collect();
    render_template(common.site, "404.html", &ctx, &ctx.values, from)
}

/// Renders template `name` with `ctx` and the `values` made once for many pages (see
/// [`context::Shared`]), minified, as the file at `path`.
fn render_template(
    site: &Site,
    name: &str,
    ctx: &impl Serialize,
    values: &[(&'static str, tera::Value)],
    path: String,
) -> Result<OutputFile, Diagnostic> {
    let html = render_raw(site, name, ctx, values)?;
    Ok(OutputFile {
        path,
        bytes: minify::html(html.as_bytes()),
    })
}

/// [`render_template`]'s HTML as the template engine writes it, before it is minified.
fn render_raw(
    site: &Site,
    name: &str,
    ctx: &impl Serialize,
    values: &[(&'static str, tera::Value)],
) -> Result<String, Diagnostic> {
    let mut context = tera::Context::from_serialize(ctx)
        .map_err(|e| Diagnostic::error("internal", &site.theme.dir, e.to_string()))?;
    // Every template may mark what a copy leaves out; they print nothing unless given.
    for (key, value) in copy::no_marks().iter().chain(values) {
        context.insert_value(*key, value.clone());
    }
    site.theme.tera.render(name, &context).map_err(|e| {
        // One render failure is one diagnostic: the innermost place Tera names.
        let mut found = template_diagnostics(&e, &site.theme.dir, &site.theme.sources);
        found.swap_remove(0)
    })
}

/// `<lang>/manifest.webmanifest`: lets a child add the site to the home screen, opening in
/// their language.
fn manifest(common: &Common, language: &crate::model::Language) -> OutputFile {
    let lang = language.locale.lang.as_str();
    let from = files::manifest(lang);
    let icon = |name: &str, size: &str, kind: &str| {
        common.assets.get(name).map(|_| serde_json::json!({"src": common.asset_href(&from, name), "sizes": size, "type": kind}))
    };
    let icons: Vec<serde_json::Value> = [
        icon("icon-192.png", "192x192", "image/png"),
        icon("icon-512.png", "512x512", "image/png"),
        icon("icon.svg", "any", "image/svg+xml"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let json = serde_json::json!({
        "name": language.site_title,
        "short_name": language.site_title,
        "lang": lang,
        "dir": language.locale.direction.as_str(),
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5a1f",
        "icons": icons,
    });
    OutputFile {
        path: from,
        bytes: serde_json::to_vec_pretty(&json).unwrap_or_default(),
    }
}
