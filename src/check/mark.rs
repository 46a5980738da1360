//! `amparo check --mark-translated FILE`: records in a translation's front matter what it was
//! translated from (`translated_from = "es:<hash>"`, the hash of the source page's body now) and
//! keeps that source text under `.amparo/sources/<hash>.md`, so a later check can say which
//! lines of the source changed. A locale file is marked the same way, with a top-level
//! `translated_from` over its `[strings]`, and the source strings kept as `<hash>.toml`. This is
//! the one place amparo edits a site's files.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fingerprint::{body_hash, normalise, snapshot, strings_hash};
use crate::load::ContentFile;
use crate::model::{Language, NodeId, Site};
use crate::translate::edit::{keep, with_top_level_line, with_translated_from, write};
use std::path::{Path, PathBuf};

/// What was marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The translation or locale file that was marked, relative to the site root.
    pub file: PathBuf,
    /// The file it is now marked as translated from, relative to the site root.
    pub source: PathBuf,
    /// The `translated_from` value written: `es:3f2a9c1b7d4e`.
    pub value: String,
}

/// Marks `file` (a path as the editor typed it, or relative to `root`) as translated from its
/// source as it is now. The source is the language `translated_from` already names, or else the
/// first language of the file's fallback chain that has the page.
pub fn mark_translated(root: &Path, file: &Path) -> Result<Marked, Diagnostics> {
    let mut marked = mark_all(root, &[file])?;
    marked.pop().ok_or_else(|| Diagnostics(Vec::new()))
}

/// Marks every file of `files`, as [`mark_translated`] marks one. Every file is checked first:
/// when one cannot be marked (not a file of the site, a page in the source language, a page no
/// other language has), all of their problems are reported and no file changes.
pub fn mark_all(root: &Path, files: &[&Path]) -> Result<Vec<Marked>, Diagnostics> {
    let (site, _) = crate::load_site(root, true)?;
    let mut targets = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match target(root, &site, file) {
            Ok(t) => targets.push(t),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    targets
        .into_iter()
        .map(|t| match t {
            Target::Locale(language) => mark_locale(root, &site, language),
            Target::Page {
                translation,
                source,
            } => mark_page(root, translation, source),
        })
        .collect()
}

/// What one file given to `--mark-translated` is.
enum Target<'a> {
    Locale(&'a Language),
    Page {
        translation: &'a ContentFile,
        source: &'a ContentFile,
    },
}

/// The file `file` names, with what it is marked against; or why it cannot be marked.
fn target<'a>(root: &Path, site: &'a Site, file: &Path) -> Result<Target<'a>, Diagnostic> {
    let source_lang = &site.config.default_language;
    let not_a_translation = |shown: &Path, what: &str| {
        Diagnostic::error(
            "check/mark",
            shown,
            format!("this {what} is in {source_lang}, the site's source language: it is not a translation of anything"),
        )
        .with_help(format!(
            "mark the translation instead, e.g. {}",
            shown
                .display()
                .to_string()
                .replace(&format!(".{source_lang}."), ".en.")
                .replace(&format!("/{source_lang}.toml"), "/en.toml")
        ))
    };
    let wanted = canonical(root, file);
    if let Some(language) = site
        .languages
        .iter()
        .find(|l| of_site(root, &l.locale.path) == wanted)
    {
        if &language.locale.lang == source_lang {
            return Err(not_a_translation(&language.locale.path, "locale"));
        }
        let locale = &language.locale;
        let named = locale.translated_from.as_ref().map(|t| &t.lang);
        if !named
            .into_iter()
            .chain(&locale.fallback)
            .any(|l| site.language(l).is_some())
        {
            return Err(Diagnostic::error(
                "check/mark",
                &locale.path,
                "this language has no `fallback` to have translated its strings from",
            )
            .with_help(
                "add `fallback = [\"es\"]` (the language the strings come from) to the file",
            ));
        }
        return Ok(Target::Locale(language));
    }
    let Some((index, translation)) = site
        .sources
        .iter()
        .enumerate()
        .find(|(_, f)| of_site(root, &f.file) == wanted)
    else {
        return Err(Diagnostic::error(
            "check/mark",
            file,
            "this is not a content file of the site",
        )
        .with_help("give the path of a translation, e.g. content/rights/asylum.en.md"));
    };
    if &translation.lang == source_lang {
        return Err(not_a_translation(&translation.file, "page"));
    }
    let node = site
        .by_path
        .get(&translation.path)
        .copied()
        .unwrap_or(NodeId::HOME);
    let named = translation.front.translated_from.as_ref().map(|t| &t.lang);
    let chain = site
        .language(&translation.lang)
        .map(|l| l.chain.fallbacks());
    let source = named
        .into_iter()
        .chain(chain.into_iter().flatten())
        .filter(|l| **l != translation.lang)
        .find_map(|l| site.node(node).translations.get(l).copied())
        .filter(|&s| s.index() != index)
        .map(|s| site.source(s));
    match source {
        Some(source) => Ok(Target::Page {
            translation,
            source,
        }),
        None => Err(Diagnostic::error(
            "check/mark",
            &translation.file,
            "no other language has this page to translate from",
        )
        .with_help("a translation is marked against the same page in another language")),
    }
}

/// Writes a page's `translated_from` and keeps its source's text.
fn mark_page(
    root: &Path,
    translation: &ContentFile,
    source: &ContentFile,
) -> Result<Marked, Diagnostics> {
    let hash = body_hash(source.body());
    let value = format!("{}:{hash}", source.lang);
    keep(
        root,
        &format!("{hash}.md"),
        &(normalise(source.body()) + "\n"),
    )?;
    let text = with_translated_from(&translation.text, &value, &translation.file)?;
    write(root, &translation.file, &text)?;
    Ok(Marked {
        file: translation.file.clone(),
        source: source.file.clone(),
        value,
    })
}

/// Marks a locale file's strings as translated from the strings of the language it names in
/// `translated_from`, or else of the first language of its `fallback`.
fn mark_locale(root: &Path, site: &Site, language: &Language) -> Result<Marked, Diagnostics> {
    let locale = &language.locale;
    let source = locale
        .translated_from
        .as_ref()
        .map(|t| &t.lang)
        .into_iter()
        .chain(&locale.fallback)
        .find_map(|l| site.language(l))
        .map(|l| &l.locale)
        .ok_or_else(|| {
            Diagnostics(vec![
                Diagnostic::error(
                    "check/mark",
                    &locale.path,
                    "this language has no `fallback` to have translated its strings from",
                )
                .with_help(
                    "add `fallback = [\"es\"]` (the language the strings come from) to the file",
                ),
            ])
        })?;
    let hash = strings_hash(&source.strings);
    let value = format!("{}:{hash}", source.lang);
    keep(root, &format!("{hash}.toml"), &snapshot(&source.strings))?;
    let line = format!("translated_from = \"{value}\"");
    write(
        root,
        &locale.path,
        &with_top_level_line(&locale.text, &line),
    )?;
    Ok(Marked {
        file: locale.path.clone(),
        source: source.path.clone(),
        value,
    })
}

/// A file of the site, named relative to its root.
fn of_site(root: &Path, p: &Path) -> PathBuf {
    let p = root.join(p);
    p.canonicalize().unwrap_or(p)
}

/// A path as the editor typed it: from the site's root, or else from the current folder (the
/// root first, so that `locales/en.toml` means the site's file wherever the command runs).
fn canonical(root: &Path, p: &Path) -> PathBuf {
    let candidates = [root.join(p), p.to_path_buf()];
    candidates
        .iter()
        .find_map(|c| c.canonicalize().ok())
        .unwrap_or_else(|| p.to_path_buf())
}
