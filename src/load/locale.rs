//! `locales/<tag>.toml`: a language's names, direction, fallback chain and UI strings.

use super::config::join;
use super::content::{TranslatedFrom, parse_translated_from};
use super::{SiteConfig, parse_toml, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::{Direction, Lang};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One language's locale file, checked.
#[derive(Debug, Clone)]
pub struct Locale {
    /// The language's tag: `quc`.
    pub lang: Lang,
    /// The language's name in itself: "Español", "K'iche'".
    pub endonym: String,
    /// The language's name in English, for messages to editors: "Mam".
    pub english_name: String,
    /// Which way its text runs; left to right unless the file says otherwise.
    pub direction: Direction,
    /// Languages to borrow pages and strings from, in order (without the language itself).
    pub fallback: Vec<Lang>,
    /// Whether a fluent reader has reviewed this language's strings.
    pub reviewed: bool,
    /// Most readers of this language listen rather than read: the home lists recorded pages.
    pub audio_first: bool,
    /// The UI strings written in this language: key → text, from `[strings]`.
    pub strings: BTreeMap<String, String>,
    /// What the strings were translated from (`translated_from = "es:<hash>"` at the top).
    pub translated_from: Option<TranslatedFrom>,
    /// Where each string's key is written in [`Locale::text`], for diagnostics.
    pub string_spans: BTreeMap<String, std::ops::Range<usize>>,
    /// The file as read, for diagnostics that point into it.
    pub text: String,
    /// Relative to the site root, for diagnostics.
    pub path: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    tag: Spanned<String>,
    endonym: String,
    english_name: String,
    #[serde(default)]
    direction: Direction,
    #[serde(default)]
    fallback: Vec<Spanned<String>>,
    #[serde(default)]
    reviewed: bool,
    #[serde(default)]
    audio_first: bool,
    #[serde(default)]
    translated_from: Option<Spanned<String>>,
    #[serde(default)]
    strings: BTreeMap<Spanned<String>, String>,
}

/// Loads the locale of every configured language, in the site's order. `None` when any is unusable.
pub fn load_all(root: &Path, config: &SiteConfig, diags: &mut Diagnostics) -> Option<Vec<Locale>> {
    let before = diags.len();
    let locales: Vec<Locale> = config
        .languages
        .iter()
        .filter_map(|lang| load_one(root, lang, config, diags))
        .collect();
    warn_unused(root, config, diags);
    // A warning (an unused locale file) does not make the locales unusable.
    let failed = diags.iter().skip(before).any(Diagnostic::is_error);
    (!failed).then_some(locales)
}

fn load_one(
    root: &Path,
    lang: &Lang,
    config: &SiteConfig,
    diags: &mut Diagnostics,
) -> Option<Locale> {
    let shown = PathBuf::from("locales").join(format!("{lang}.toml"));
    let path = root.join(&shown);
    if !path.is_file() {
        diags.push(
            Diagnostic::error("locale/missing", &shown, format!("no locale file for the language `{lang}`"))
                .with_help(format!(
                    "create {} with tag = \"{lang}\", endonym, english_name and a [strings] table (strings may stay empty: they fall back)",
                    shown.display()
                )),
        );
        return None;
    }
    let text = read_text(root, &path).map_err(|d| diags.push(d)).ok()?;
    let raw: RawLocale = parse_toml(&text, &text, 0, &shown, "locale/syntax")
        .map_err(|d| diags.push(d))
        .ok()?;
    let before = diags.len();
    match Lang::parse(raw.tag.get_ref()) {
        Ok(t) if &t == lang => {}
        _ => diags.push(
            Diagnostic::error(
                "locale/tag",
                &shown,
                format!(
                    "the tag `{}` does not match the file name",
                    raw.tag.get_ref()
                ),
            )
            .at(&text, raw.tag.span())
            .with_help(format!("write tag = \"{lang}\"")),
        ),
    }
    let mut fallback = Vec::new();
    for f in &raw.fallback {
        match Lang::parse(f.get_ref()) {
            Ok(l) if &l == lang => diags.push(
                Diagnostic::error(
                    "locale/fallback",
                    &shown,
                    format!("`{lang}` falls back to itself"),
                )
                .at(&text, f.span())
                .with_help("list only other languages in `fallback`"),
            ),
            Ok(l) if config.languages.contains(&l) => fallback.push(l),
            _ => diags.push(
                Diagnostic::error(
                    "locale/fallback",
                    &shown,
                    format!(
                        "fallback `{}` is not one of the site's languages",
                        f.get_ref()
                    ),
                )
                .at(&text, f.span())
                .with_help(format!("use one of: {}", join(&config.languages))),
            ),
        }
    }
    let translated_from = raw.translated_from.as_ref().and_then(|t| {
        parse_translated_from(t.get_ref(), lang, config)
            .map(|(lang, hash)| TranslatedFrom {
                lang,
                hash,
                span: t.span(),
            })
            .map_err(|why| {
                diags.push(
                    Diagnostic::error("locale/translated-from", &shown, why)
                        .at(&text, t.span())
                        .with_help(format!(
                            "let `amparo check --mark-translated {}` write it, or remove the line",
                            shown.display()
                        )),
                );
            })
            .ok()
    });
    if raw.endonym.trim().is_empty() {
        diags.push(
            Diagnostic::error("locale/endonym", &shown, "`endonym` is empty").with_help(
                "write the language's name in the language itself, e.g. endonym = \"Español\"",
            ),
        );
    }
    (diags.len() == before).then(|| Locale {
        lang: lang.clone(),
        endonym: raw.endonym,
        english_name: raw.english_name,
        direction: raw.direction,
        fallback,
        reviewed: raw.reviewed,
        audio_first: raw.audio_first,
        string_spans: raw
            .strings
            .keys()
            .map(|k| (k.get_ref().clone(), k.span()))
            .collect(),
        strings: raw
            .strings
            .into_iter()
            .map(|(k, v)| (k.into_inner(), v))
            .collect(),
        translated_from,
        text,
        path: shown,
    })
}

/// A locale file for a language the site does not list is probably a forgotten language.
fn warn_unused(root: &Path, config: &SiteConfig, diags: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(root.join("locales")) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        let listed = Lang::parse(stem).is_ok_and(|l| config.languages.contains(&l));
        if !listed {
            diags.push(
                Diagnostic::warning(
                    "locale/unused",
                    PathBuf::from("locales").join(&name),
                    format!("`{stem}` is not in site.toml's `languages`, so this file is not used"),
                )
                .with_help(format!(
                    "add \"{stem}\" to `languages` in site.toml, or remove the file"
                )),
            );
        }
    }
}
