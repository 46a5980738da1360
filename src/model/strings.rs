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
    let source = locales.iter().find(|l| l.lang == config.default_language);
    let known: BTreeSet<&str> = theme
        .strings
        .iter()
        .map(String::as_str)
        .chain(
            source
                .into_iter()
                .flat_map(|l| l.strings.keys().map(String::as_str)),
        )
        .collect();
    // A key of another language that neither the theme nor the source locale knows is a typo
    // (`hme` for `home`): reported, and not made a string of the site.
    for locale in locales.iter().filter(|l| l.lang != config.default_language) {
        for key in locale
            .strings
            .keys()
            .filter(|k| !known.contains(k.as_str()))
        {
            diags.push(unknown_key(key, locale, &known, &config.default_language));
        }
    }
    let keys: BTreeSet<&str> = known
        .iter()
        .copied()
        .chain(
            source
                .is_none()
                .then(|| {
                    locales
                        .iter()
                        .flat_map(|l| l.strings.keys().map(String::as_str))
                })
                .into_iter()
                .flatten(),
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

fn unknown_key(
    key: &str,
    locale: &Locale,
    known: &BTreeSet<&str>,
    source: &crate::lang::Lang,
) -> Diagnostic {
    let d = Diagnostic::error(
        "locale/unknown-key",
        &locale.path,
        format!("`{key}` is no UI string of the theme or of locales/{source}.toml"),
    );
    let d = match locale.string_spans.get(key) {
        Some(span) => d.at(&locale.text, span.clone()),
        None => d,
    };
    match crate::diagnostics::did_you_mean(key, known.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!(
            "translate only the keys of locales/{source}.toml's [strings]; remove this line or add the key there first"
        )),
    }
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
