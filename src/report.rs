//! The build report: what was built, and for each language how much is really translated.

use crate::diagnostics::Diagnostics;
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
    /// The translation state of each site language, in the site's order.
    pub languages: Vec<LanguageReport>,
    /// Problems that did not stop the build (`findings` in the JSON).
    #[serde(skip)]
    pub warnings: Diagnostics,
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
