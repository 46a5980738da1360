//! One-language copies (for each language's zip): the pages rendered again with no link to any
//! other language, and the whole site's files the copy takes as they are.

use super::{Common, Prepared, Take, chooser, content_pages_into, search, special_pages, split};
use crate::diagnostics::Diagnostics;
use crate::files::OutputFile;
use crate::model::Site;
use rayon::prelude::*;

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
    let shared = render_language_into(site, prepared, lang, full, &|files| {
        own.lock().unwrap_or_else(|p| p.into_inner()).extend(files);
        Ok(())
    })?;
    let own = own.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(LanguageCopy { own, shared })
}

/// [`render_language`], handing the files rendered for the copy to `take` a few at a time as
/// they are made; returns the paths of the whole site's files the copy takes as they are.
pub fn render_language_into(
    site: &Site,
    prepared: &Prepared,
    lang: &crate::lang::Lang,
    full: &[&str],
    take: Take,
) -> Result<Vec<String>, Diagnostics> {
    let common = Common::new(site, &prepared.asset_paths, Some(lang));
    let made = std::sync::Mutex::new(std::collections::HashSet::new());
    let handed = |files: Vec<OutputFile>| {
        let paths = files.iter().map(|f| f.path.clone());
        made.lock().unwrap_or_else(|p| p.into_inner()).extend(paths);
        take(files)
    };
    let mut diags = Diagnostics(content_pages_into(&common, prepared, &handed));
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
