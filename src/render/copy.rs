//! One-language copies (for each language's zip): the pages with no link to any other language,
//! and the whole site's files the copy takes as they are.
//!
//! A theme may mark what a copy leaves out (`{{ not_in_copy }}…{{ end_not_in_copy }}`, around
//! another language's switcher entry and the `hreflang` alternates): the build then cuts each
//! content page's copy out of the page itself ([`Marks`]) instead of rendering every page twice.
//! A theme without the marks has its copies rendered again, with only their language.

use super::markdown::Body;
use super::{
    Common, Prepared, Take, chooser, content_pages_into, minify, page_ctx, render_raw, search,
    special_pages, split,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::OutputFile;
use crate::model::{NodeId, Site, SourceId};
use rayon::prelude::*;

/// The names under which templates find the marks.
const START: &str = "not_in_copy";
const END: &str = "end_not_in_copy";

/// What the template engine is given for the marks when nothing is cut: they print nothing.
pub(super) fn no_marks() -> [(&'static str, tera::Value); 2] {
    [(START, tera::Value::from("")), (END, tera::Value::from(""))]
}

/// Whether the theme marks what a one-language copy leaves out, in any of its templates.
pub(super) fn theme_marks(site: &Site) -> bool {
    site.theme.sources.values().any(|s| s.contains(START))
}

/// The marks a rendering puts where the theme asks, to cut a page's copy out of it. Each holds
/// a number drawn for the rendering, so no text a site is made of can be taken for one, and
/// noncharacters, which no text is meant to hold. They never reach the output.
pub(super) struct Marks {
    start: String,
    end: String,
    find_start: memchr::memmem::Finder<'static>,
    find_end: memchr::memmem::Finder<'static>,
}

impl Marks {
    pub(super) fn new() -> Marks {
        use std::hash::{BuildHasher, Hasher};
        let drawn = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        let start = format!("\u{FDD0}{drawn:016x}\u{FDD1}");
        let end = format!("\u{FDD1}{drawn:016x}\u{FDD0}");
        Marks {
            find_start: memchr::memmem::Finder::new(&start).into_owned(),
            find_end: memchr::memmem::Finder::new(&end).into_owned(),
            start,
            end,
        }
    }

    /// What the template engine is given for the marks.
    pub(super) fn values(&self) -> [(&'static str, tera::Value); 2] {
        [
            (START, tera::Value::from(self.start.as_str())),
            (END, tera::Value::from(self.end.as_str())),
        ]
    }

    /// A page rendered with the marks, in pieces without them, each with whether the copy
    /// leaves it out (it was between marks). `Err` says what is wrong with the marks the
    /// theme put.
    fn pieces<'a>(&self, rendered: &'a str) -> Result<Vec<(&'a str, bool)>, String> {
        let bytes = rendered.as_bytes();
        let mut marks: Vec<(usize, bool)> = (self.find_start.find_iter(bytes))
            .map(|at| (at, true))
            .chain(self.find_end.find_iter(bytes).map(|at| (at, false)))
            .collect();
        marks.sort_unstable();
        let mut pieces = Vec::with_capacity(marks.len() + 1);
        let mut from = 0;
        for (k, &(at, start)) in marks.iter().enumerate() {
            let inside = k % 2 == 1;
            match (inside, start) {
                (false, false) if marks[k..].iter().any(|m| m.1) => {
                    return Err(format!("an `{END}` comes before its `{START}`"));
                }
                (false, false) => return Err(format!("an `{END}` has no `{START}` before it")),
                (true, true) => return Err(format!("a `{START}` is inside another")),
                _ => {}
            }
            pieces.push((&rendered[from..at], inside));
            from = at
                + if start {
                    self.start.len()
                } else {
                    self.end.len()
                };
        }
        if marks.len() % 2 == 1 {
            return Err(format!("a `{START}` has no `{END}` after it"));
        }
        pieces.push((&rendered[from..], false));
        Ok(pieces)
    }

    /// A page rendered with the marks, as the whole site shows it (the marks taken out) and as
    /// its language's copy shows it (what they enclose cut too), both minified. `Err` says
    /// what is wrong with the marks the theme put.
    pub(super) fn split(&self, rendered: &str) -> Result<(Vec<u8>, Vec<u8>), String> {
        let pieces = self.pieces(rendered)?;
        let bytes: Vec<(&[u8], bool)> = (pieces.iter())
            .map(|(p, cut)| (p.as_bytes(), *cut))
            .collect();
        // Markup going on from one piece into the next: the page and the copy put together
        // first (a theme's marks inside a tag or a `pre`).
        Ok(minify::html_and_copy(&bytes).unwrap_or_else(|| {
            let (page, copy) = join(&pieces);
            (minify::html(page.as_bytes()), minify::html(copy.as_bytes()))
        }))
    }
}

/// The page and its copy, put together from their pieces.
fn join(pieces: &[(&str, bool)]) -> (String, String) {
    let page = pieces.iter().map(|(p, _)| *p).collect();
    let copy = (pieces.iter())
        .filter(|(_, cut)| !cut)
        .map(|(p, _)| *p)
        .collect();
    (page, copy)
}

/// A content page rendered with the marks of `marks`, and its one-language copy cut out of it.
pub(super) fn page_and_copy(
    common: &Common,
    bodies: &[Body],
    node: NodeId,
    lang: &crate::lang::Lang,
    source: Option<SourceId>,
    marks: &Marks,
) -> Result<(OutputFile, OutputFile), Diagnostic> {
    let site = common.site;
    let (from, ctx) = page_ctx(common, bodies, node, lang, source)?;
    let [t, icons] = ctx.values.clone();
    let [start, end] = marks.values();
    let template = format!("{}.html", ctx.page.kind);
    let rendered = render_raw(site, &template, &ctx, &[t, icons, start, end])?;
    let (page, copy) = marks.split(&rendered).map_err(|e| {
        let path = site.theme.dir.join("templates").join(&template);
        // Without the page: one diagnostic for the template, not one per page.
        let message = format!("the marks of what a one-language copy leaves out: {e}");
        Diagnostic::error("theme/copy-marks", path, message).with_help(
            "put one `{{ end_not_in_copy }}` after each `{{ not_in_copy }}`, on every path \
             through this template and those it extends or includes",
        )
    })?;
    let file = |bytes: Vec<u8>, path: String| OutputFile { path, bytes };
    Ok((file(page, from.clone()), file(copy, from)))
}

/// Renders a copy of the site with one language only (for its zip), from `full`, the paths of
/// the whole site's files: its pages, its 404, offline and search pages and the chooser are
/// rendered again with no link to any other language, so the copy works on its own from
/// `file://`. The rest of the language's files (booklet, search index, poster, manifest) and
/// the theme's assets name no other language, and are the whole site's, byte for byte.
pub fn render_language(
    site: &Site,
    prepared: &Prepared,
    lang: &crate::lang::Lang,
    full: &[&str],
) -> Result<LanguageCopy, Diagnostics> {
    let own = std::sync::Mutex::new(Vec::new());
    let shared = render_language_into(site, prepared, lang, full, &[], &|files| {
        own.lock().unwrap_or_else(|p| p.into_inner()).extend(files);
        Ok(())
    })?;
    let own = own.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(LanguageCopy { own, shared })
}

/// How the one-language copies of a rendering get their pages from content.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CopyPages {
    /// Cut out of the whole site's pages as these were rendered.
    Cut,
    /// Rendered again, with only the copy's language.
    Render,
}

/// [`render_language`], handing the files rendered for the copy to `take` a few at a time as
/// they are made; returns the paths of the whole site's files the copy takes as they are.
/// `cut` are the pages from content the copy has already (cut out of the site's, see
/// [`CopyPages::Cut`]); when there are none, they are rendered.
pub fn render_language_into(
    site: &Site,
    prepared: &Prepared,
    lang: &crate::lang::Lang,
    full: &[&str],
    cut: &[&str],
    take: Take,
) -> Result<Vec<String>, Diagnostics> {
    let common = Common::new(site, &prepared.asset_paths, Some(lang));
    let made: std::collections::HashSet<String> = cut.iter().map(|p| p.to_string()).collect();
    let made = std::sync::Mutex::new(made);
    let handed = |files: Vec<OutputFile>| {
        let paths = files.iter().map(|f| f.path.clone());
        made.lock().unwrap_or_else(|p| p.into_inner()).extend(paths);
        take(files)
    };
    let mut diags = Diagnostics(match cut.is_empty() {
        true => content_pages_into(&common, prepared, &handed, None),
        false => Vec::new(),
    });
    let (mut small, found) = split(special_pages(&common).collect());
    diags.extend(found.0);
    match chooser(&common) {
        Ok(f) => small.push(f),
        Err(d) => diags.push(d),
    }
    if site.theme.sources.contains_key("search.html") {
        for language in common.languages() {
            match search::files(&common, &prepared.bodies, language, search::Parts::Pages) {
                Ok(f) => small.extend(f),
                Err(d) => diags.push(d),
            }
        }
    }
    if let Err(d) = handed(small) {
        diags.push(d);
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    let made = made.into_inner().unwrap_or_else(|p| p.into_inner());
    let prefix = format!("{lang}/");
    let shared = prepared
        .asset_files
        .iter()
        .map(|f| f.path.clone())
        .chain(
            full.iter()
                .filter(|p| p.starts_with(&prefix) && !made.contains(**p))
                .map(|p| p.to_string()),
        )
        .collect();
    Ok(shared)
}

/// The files of a one-language copy: those rendered for it, and those it takes from the whole
/// site as they are.
pub struct LanguageCopy {
    /// Rendered for the copy (pages whose language links lead only inside it, its chooser).
    pub own: Vec<OutputFile>,
    /// The paths of the whole site's files the copy holds unchanged.
    pub shared: Vec<String>,
}

/// A copy of one language rendered alone, every file of it: what [`render_language`] must
/// match.
#[cfg(test)]
pub(crate) fn render_alone(
    site: &Site,
    prepared: &Prepared,
    lang: &crate::lang::Lang,
) -> Result<Vec<OutputFile>, Diagnostics> {
    super::render_in(site, prepared, Some(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `[` and `]` standing for the marks a rendering puts.
    fn marked(marks: &Marks, text: &str) -> String {
        text.replace('[', &marks.start).replace(']', &marks.end)
    }

    #[test]
    fn a_copy_is_cut_along_the_marks_and_the_page_keeps_all_but_them() {
        let marks = Marks::new();
        let split = |t: &str| marks.pieces(&marked(&marks, t)).map(|p| join(&p));
        assert_eq!(
            split("<ul>[<li>es</li>]<li>en</li>[<li>mam</li>]</ul>").unwrap(),
            (
                "<ul><li>es</li><li>en</li><li>mam</li></ul>".to_string(),
                "<ul><li>en</li></ul>".to_string()
            )
        );
        assert_eq!(
            split("sin marcas").unwrap(),
            ("sin marcas".into(), "sin marcas".into())
        );
        assert_eq!(split("[]").unwrap(), (String::new(), String::new()));
        // A text that looks like a mark without the rendering's number is text.
        let lookalike = "\u{FDD0}0000000000000000\u{FDD1}";
        assert_eq!(split(lookalike).unwrap().1, lookalike);
    }

    #[test]
    fn a_page_and_its_copy_come_minified_even_when_a_mark_is_inside_a_tag() {
        let marks = Marks::new();
        let text = marked(
            &marks,
            "<p>\n [<a>x</a>]\n <b>y</b>\n<p [title=\"  t  \"]>  z</p>",
        );
        assert_eq!(
            marks.split(&text).unwrap(),
            (
                b"<p>\n<a>x</a>\n<b>y</b>\n<p title=\"  t  \"> z</p>".to_vec(),
                b"<p>\n<b>y</b>\n<p > z</p>".to_vec()
            )
        );
    }

    #[test]
    fn marks_that_do_not_pair_say_how() {
        let marks = Marks::new();
        let split = |t: &str| marks.pieces(&marked(&marks, t)).unwrap_err();
        assert!(split("a [ b").contains("has no `end_not_in_copy` after it"));
        assert!(split("a ] b").contains("has no `not_in_copy` before it"));
        assert!(split("a ] [ b ]").contains("comes before its `not_in_copy`"));
        assert!(split("[ a [ b ] ]").contains("inside another"));
        assert!(split("[ a ] b ]").contains("has no `not_in_copy` before it"));
    }

    #[test]
    fn each_rendering_draws_its_own_marks() {
        assert_ne!(Marks::new().start, Marks::new().start);
    }
}
