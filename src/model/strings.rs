//! UI strings and site titles, resolved along each language's fallback chain.

use super::{FallbackChain, Language};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{Locale, SiteConfig, Theme};
use std::collections::{BTreeMap, BTreeSet};

/// Resolves every language's strings. A key the theme needs (or any locale defines) that no
/// language of a chain has is an error naming the key and the locale file.
pub fn resolve_languages(
    locales: &[Locale],
    config: &SiteConfig,
    theme: &Theme,
    diags: &mut Diagnostics,
) -> Vec<Language> {
    let keys: BTreeSet<&str> = theme
        .strings
        .iter()
        .map(String::as_str)
        .chain(
            locales
                .iter()
                .flat_map(|l| l.strings.keys().map(String::as_str)),
        )
        .collect();
    let find = |lang: &crate::lang::Lang| locales.iter().find(|l| &l.lang == lang);
    let mut out = Vec::new();
    for locale in locales {
        let chain = FallbackChain::new(locale, config);
        let mut strings = BTreeMap::new();
        let mut borrowed = Vec::new();
        let mut from: BTreeMap<&crate::lang::Lang, usize> = BTreeMap::new();
        for key in &keys {
            let found = chain
                .iter()
                .enumerate()
                .find_map(|(i, l)| find(l)?.strings.get(*key).map(|v| (i, v)));
            match found {
                Some((i, v)) => {
                    *from
                        .entry(chain.iter().nth(i).unwrap_or(&locale.lang))
                        .or_default() += 1;
                    if i > 0 {
                        borrowed.push(key.to_string());
                    }
                    strings.insert(key.to_string(), v.clone());
                }
                None => diags.push(missing_string(key, locale, &chain, theme)),
            }
        }
        // The language most of the interface is shown in: the page's own, unless it borrows more.
        let own = from.get(&locale.lang).copied().unwrap_or(0);
        let ui_lang = from
            .iter()
            .max_by_key(|(_, n)| **n)
            .filter(|(_, n)| **n > own)
            .map_or_else(|| locale.lang.clone(), |(l, _)| (*l).clone());
        let site_title = chain
            .iter()
            .find_map(|l| config.title.get(l))
            .cloned()
            .unwrap_or_default();
        out.push(Language {
            locale: locale.clone(),
            chain,
            strings,
            borrowed_strings: borrowed,
            ui_lang,
            site_title,
        });
    }
    out
}

fn missing_string(key: &str, locale: &Locale, chain: &FallbackChain, theme: &Theme) -> Diagnostic {
    let needed = theme.strings.iter().any(|k| k == key);
    let fallbacks = chain
        .fallbacks()
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // A string no template needs only leaves a locale's own text short: the page still renders.
    let new = if needed {
        Diagnostic::error
    } else {
        Diagnostic::warning
    };
    new(
        "locale/missing-string",
        &locale.path,
        format!("the UI string `{key}` is missing in {} and in its fallbacks ({fallbacks})", locale.path.display()),
    )
    .with_help(format!("add `{key} = \"…\"` under [strings] in the default language's locale file, so every language can fall back to it"))
}
