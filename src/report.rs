//! The build report: what was built, and for each language how much is really translated.

use crate::diagnostics::Diagnostics;
use crate::files::OutputFile;
use crate::model::Site;
use crate::output::write::WriteStats;
use serde::Serialize;

/// A successful build's summary. Warnings found on the way are in `warnings`.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    /// HTML pages written (every language: pages, 404, offline, booklet and share pages, the
    /// language chooser, the quick-exit page).
    pub pages: usize,
    /// Files written, content assets included.
    pub files: usize,
    /// All of them together, in bytes.
    pub bytes: u64,
    /// How long the build took, in milliseconds.
    pub millis: u128,
    /// Files published from `content/` (an image and its WebP count as two).
    pub media_files: usize,
    /// The page that weighs most with its images, as a phone fetches them (HTML not gzipped).
    pub heaviest: Option<Heaviest>,
    /// Files under `content/` that were not published, and why.
    pub left_out: Vec<crate::load::LeftOut>,
    /// The translation state of each site language, in the site's order.
    pub languages: Vec<LanguageReport>,
    /// Problems that did not stop the build (`findings` in the JSON).
    #[serde(skip)]
    pub warnings: Diagnostics,
}

/// The heaviest page of a build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heaviest {
    /// Its output path: `es/rights/asylum/index.html`.
    pub page: String,
    /// Its HTML and the images it shows, in bytes.
    pub bytes: u64,
}

/// The translation state of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    /// The language's tag: `quc`.
    pub lang: String,
    /// The language's name in itself: `K'iche'`.
    pub endonym: String,
    /// Whether its locale says a fluent reader has reviewed it (`reviewed = true`).
    pub reviewed: bool,
    /// Pages of the site (home, sections, pages).
    pub pages: usize,
    /// Pages written in this language, every part of them.
    pub translated: usize,
    /// Pages written in this language in part, the rest shown from another language: (page,
    /// parts translated, all its parts).
    pub partial: Vec<(String, usize, usize)>,
    /// Pages shown from another language: (page, language it is shown in).
    pub fallbacks: Vec<(String, String)>,
    /// For a language whose readers mostly listen (`audio_first`): pages with a recording in it.
    pub recorded: Option<usize>,
    /// UI strings the language shows, its own and borrowed.
    pub strings: usize,
    /// UI strings shown from another language.
    pub strings_borrowed: usize,
}

impl BuildReport {
    /// The report of a build of `site` that wrote `stats` in `elapsed`.
    pub fn new(
        site: &Site,
        heaviest: Option<Heaviest>,
        stats: WriteStats,
        warnings: Diagnostics,
        elapsed: std::time::Duration,
    ) -> Self {
        let languages = site
            .languages
            .iter()
            .map(|l| {
                let lang = &l.locale.lang;
                let mine: Vec<_> = site.pages.iter().filter(|p| &p.lang == lang).collect();
                let fallbacks: Vec<(String, String)> = mine
                    .iter()
                    .filter_map(|p| {
                        let src = site.source(p.source?);
                        (&src.lang != lang)
                            .then(|| (site.node(p.node).path.to_string(), src.lang.to_string()))
                    })
                    .collect();
                let partial: Vec<(String, usize, usize)> = mine
                    .iter()
                    .filter_map(|p| {
                        let src = site.source(p.source?);
                        let (done, total) = crate::model::partial::counts(src)?;
                        (&src.lang == lang)
                            .then(|| (site.node(p.node).path.to_string(), done, total))
                    })
                    .collect();
                LanguageReport {
                    lang: lang.to_string(),
                    endonym: l.locale.endonym.clone(),
                    reviewed: l.locale.reviewed,
                    pages: mine.len(),
                    translated: mine.len() - fallbacks.len() - partial.len(),
                    partial,
                    fallbacks,
                    recorded: l.locale.audio_first.then(|| {
                        mine.iter()
                            .filter(|p| {
                                site.audio_for(p.node, lang).is_some_and(|(_, a)| a == lang)
                            })
                            .count()
                    }),
                    strings: l.strings.len(),
                    strings_borrowed: l.borrowed_strings.len(),
                }
            })
            .collect();
        BuildReport {
            pages: stats.pages,
            files: stats.files,
            bytes: stats.bytes,
            media_files: site.assets.iter().map(|a| a.published.len()).sum(),
            heaviest,
            left_out: site.left_out.clone(),
            millis: elapsed.as_millis(),
            languages,
            warnings,
        }
    }

    /// The translation table as plain text, one line per language.
    pub fn translation_table(&self) -> String {
        let mut out = String::new();
        for l in &self.languages {
            let mut by_source: std::collections::BTreeMap<&str, usize> = Default::default();
            for (_, src) in &l.fallbacks {
                *by_source.entry(src.as_str()).or_default() += 1;
            }
            let shown: Vec<String> = by_source
                .iter()
                .map(|(s, n)| format!("{n} shown in {s}"))
                .collect();
            out.push_str(&format!(
                "  {:<6} {:<12} pages {:>3}/{:<3} translated{}{}{}; UI strings {}/{} own{}\n",
                l.lang,
                l.endonym,
                l.translated,
                l.pages,
                if l.partial.is_empty() {
                    String::new()
                } else {
                    format!(", {} partly", l.partial.len())
                },
                if shown.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", shown.join(", "))
                },
                l.recorded
                    .map(|n| format!(", {n}/{} recorded", l.pages))
                    .unwrap_or_default(),
                l.strings - l.strings_borrowed,
                l.strings,
                if l.reviewed { "" } else { "; not reviewed" },
            ));
        }
        out
    }
}

/// Weighs pages as a phone fetches them: its HTML and the images it shows (a `<picture>`
/// counted as the WebP a phone fetches). Booklets, which hold every page, are not weighed.
pub struct Weigher<'a> {
    site: &'a Site,
    fetched: std::collections::HashMap<String, u64>,
}

impl<'a> Weigher<'a> {
    /// A weigher of the pages of `site`.
    pub fn new(site: &'a Site) -> Weigher<'a> {
        let fetched = site
            .assets
            .iter()
            .filter_map(|a| {
                let bytes = match &a.picture {
                    Some(p) => p.fetched,
                    None => a.published.first()?.bytes,
                };
                Some((crate::files::media(&a.rel), bytes))
            })
            .collect();
        Weigher { site, fetched }
    }

    /// What `file` weighs, if it is a language page (not a booklet).
    pub fn weigh(&self, file: &OutputFile) -> Option<Heaviest> {
        let booklet = || {
            self.site
                .config
                .languages
                .iter()
                .any(|l| crate::files::is_booklet(&file.path, l.as_str()))
        };
        if !file.path.ends_with(".html") || booklet() {
            return None;
        }
        let images: u64 = image_sources(&file.bytes)
            .filter_map(|src| crate::page_path::resolve_href(&file.path, src))
            .filter_map(|p| self.fetched.get(&p))
            .sum();
        Some(Heaviest {
            page: file.path.clone(),
            bytes: file.bytes.len() as u64 + images,
        })
    }
}

impl Heaviest {
    /// The heavier of two, the first in path order when they weigh the same.
    pub fn max(a: Option<Heaviest>, b: Option<Heaviest>) -> Option<Heaviest> {
        match (a, b) {
            (Some(a), Some(b)) => Some(if (b.bytes, &a.page) > (a.bytes, &b.page) {
                b
            } else {
                a
            }),
            (a, b) => a.or(b),
        }
    }
}

/// The `src` of every `<img` of a built page, as the renderer writes them (quoted). Looked for
/// in the bytes: a page is not read whole as text for the few tags it has.
fn image_sources(html: &[u8]) -> impl Iterator<Item = &str> {
    memchr::memmem::find_iter(html, b"<img ").filter_map(move |at| {
        let tag = &html[at + 5..];
        let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
        let src = match tag.strip_prefix(b"src=\"") {
            Some(rest) => rest,
            None => &tag[memchr::memmem::find(tag, b" src=\"")? + 6..],
        };
        std::str::from_utf8(&src[..memchr::memchr(b'"', src)?]).ok()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn image_sources_are_read_from_img_tags_only() {
        let html = "<p>ñ <img src=\"a.webp\" alt=\"x\"><img alt=\"y\" src=\"../b c.jpg\"><imgx src=\"no\"><img alt=\"sin\"></p>";
        let found: Vec<&str> = super::image_sources(html.as_bytes()).collect();
        assert_eq!(found, ["a.webp", "../b c.jpg"]);
    }
}
