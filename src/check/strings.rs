//! The UI strings of each language's locale file: how many are its own, falling back, missing,
//! or stale. A locale records what its strings were translated from with a top-level
//! `translated_from = "es:<hash>"`, the hash of the source locale's `[strings]` then; the
//! strings of that time are kept as `.amparo/sources/<hash>.toml`, so a later check names each
//! string whose source changed, with its old and new text.

use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{SOURCES_DIR, strings_hash};
use crate::model::{Language, Site};
use crate::rules::id;
use serde::Serialize;

/// The UI strings of one language.
#[derive(Debug, Clone, Serialize)]
pub struct StringsTable {
    /// Every UI string the language shows, its own and borrowed.
    pub total: usize,
    /// The language's own strings, up to date with their source (if it names one).
    pub translated: usize,
    /// Strings borrowed from a language its locale lists under `fallback`.
    pub fallback: usize,
    /// Strings borrowed from a language outside its locale's `fallback` list.
    pub missing: usize,
    /// Own strings whose source changed after they were translated.
    pub stale: usize,
    /// Keys shown from another language.
    pub borrowed: Vec<String>,
    /// Keys of the stale strings.
    pub stale_keys: Vec<String>,
}

/// Counts one language's strings and reports the stale ones.
pub fn table(site: &Site, language: &Language, findings: &mut Findings) -> StringsTable {
    let mut fallback = 0;
    let mut missing = 0;
    for key in &language.borrowed_strings {
        let from = language.chain.fallbacks().iter().find(|l| {
            site.language(l)
                .is_some_and(|o| o.locale.strings.contains_key(key))
        });
        match from {
            Some(l) if language.locale.fallback.contains(l) => fallback += 1,
            _ => missing += 1,
        }
    }
    let stale_keys = stale(site, language, findings);
    let own = language.strings.len() - language.borrowed_strings.len();
    StringsTable {
        total: language.strings.len(),
        translated: own.saturating_sub(stale_keys.len()),
        fallback,
        missing,
        stale: stale_keys.len(),
        borrowed: language.borrowed_strings.clone(),
        stale_keys,
    }
}

/// The language's own strings (those in its locale file) whose source text changed since
/// `translated_from` was written, each reported where its key is.
fn stale(site: &Site, language: &Language, findings: &mut Findings) -> Vec<String> {
    let locale = &language.locale;
    let Some(from) = &locale.translated_from else {
        return Vec::new();
    };
    let mark = format!("amparo check --mark-translated {}", locale.path.display());
    let Some(source) = site.language(&from.lang).map(|l| &l.locale) else {
        return Vec::new();
    };
    if strings_hash(&source.strings) == from.hash {
        return Vec::new();
    }
    let Some(old) = crate::translate::kept_strings(&site.root, &from.hash) else {
        let keys: Vec<String> = locale
            .strings
            .keys()
            .filter(|k| source.strings.contains_key(*k))
            .cloned()
            .collect();
        findings.push(
            Diagnostic::error(
                id::TRANSLATIONS_STALE,
                &locale.path,
                format!(
                    "the strings of {} changed after these were translated; which ones is unknown, because the strings of that time are not in {SOURCES_DIR}/, so all {} are counted stale",
                    source.path.display(),
                    keys.len()
                ),
            )
            .at(&locale.text, from.span.clone())
            .with_help(format!("compare them with {}, update what changed, then run `{mark}`", source.path.display())),
        );
        return keys;
    };
    let mut keys = Vec::new();
    for (key, text) in &locale.strings {
        let (Some(then), Some(now)) = (old.get(key), source.strings.get(key)) else {
            continue;
        };
        if then == now {
            continue;
        }
        let mut d = Diagnostic::error(
            id::TRANSLATIONS_STALE,
            &locale.path,
            format!(
                "`{key}` changed in {} after it was translated: it was \"{then}\", it is now \"{now}\" (this translation: \"{text}\")",
                source.path.display()
            ),
        )
        .with_help(format!("update `{key}`, then run `{mark}`"));
        if let Some(span) = locale.string_spans.get(key) {
            d = d.at(&locale.text, span.clone());
        }
        findings.push(d);
        keys.push(key.clone());
    }
    keys
}
