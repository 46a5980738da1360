//! The language chooser at the output root (`index.html`): a big button per language, each in
//! its own name, and the headings that speak to readers of every language (also the root
//! `404.html`'s, see [`super::hosts`]).

use super::context::{Common, LangCtx, lang_ctx};
use super::{context, render_template};
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::page_path::PagePath;
use serde::Serialize;
use std::collections::BTreeMap;

/// What `chooser.html` sees: for the chooser, and for the root `404.html`.
#[derive(Serialize)]
pub(super) struct ChooserCtx {
    pub(super) lang: LangCtx,
    pub(super) css: String,
    pub(super) description: String,
    pub(super) assets: BTreeMap<String, String>,
    pub(super) site_title: String,
    pub(super) languages: Vec<ChooserLang>,
    pub(super) headings: Vec<ChooserHeading>,
}

#[derive(Serialize)]
pub(super) struct ChooserLang {
    tag: String,
    dir: &'static str,
    endonym: String,
    href: String,
}

#[derive(Serialize)]
pub(super) struct ChooserHeading {
    tag: String,
    text: String,
}

/// `index.html`: a big button per language, each in its own name.
pub(super) fn chooser(common: &Common) -> Result<OutputFile, Diagnostic> {
    let site = common.site;
    let from = files::CHOOSER.to_string();
    let default = common
        .only
        .and_then(|o| site.language(o))
        .or(site.language(&site.config.default_language))
        .or(site.languages.first());
    let headings = chooser_headings(common, "choose_language");
    let ctx = ChooserCtx {
        lang: default.map(lang_ctx).unwrap_or_else(unknown_lang),
        css: common.asset_href(&from, "style.css"),
        description: default
            .map(|l| context::home_description(site, l))
            .unwrap_or_default(),
        assets: common
            .assets
            .keys()
            .map(|name| (name.clone(), common.asset_href(&from, name)))
            .collect(),
        site_title: default.map(|l| l.site_title.clone()).unwrap_or_default(),
        languages: chooser_languages(common, &|to: &str| to.to_string()),
        headings,
    };
    render_template(site, "chooser.html", &ctx, &[], from)
}

/// The UI string `key` in every language of the rendering, each text once, for a heading that
/// speaks to readers of every language (the chooser's, the root 404 page's).
pub(super) fn chooser_headings(common: &Common, key: &str) -> Vec<ChooserHeading> {
    let mut headings: Vec<ChooserHeading> = Vec::new();
    for l in common.languages() {
        let text = l.strings.get(key).cloned().unwrap_or_default();
        if !text.is_empty() && !headings.iter().any(|h| h.text == text) {
            headings.push(ChooserHeading {
                tag: l.locale.lang.to_string(),
                text,
            });
        }
    }
    headings
}

/// The chooser's buttons: each language's home, its href made by `href` from its output path.
pub(super) fn chooser_languages(
    common: &Common,
    href: &dyn Fn(&str) -> String,
) -> Vec<ChooserLang> {
    common
        .languages()
        .map(|l| ChooserLang {
            tag: l.locale.lang.to_string(),
            dir: l.locale.direction.as_str(),
            endonym: l.locale.endonym.clone(),
            href: href(&PagePath::root().output_file(l.locale.lang.as_str())),
        })
        .collect()
}

/// `<html lang="und">`, for a site with no language to name (it never builds).
pub(super) fn unknown_lang() -> LangCtx {
    LangCtx {
        tag: "und".into(),
        dir: "ltr",
        endonym: String::new(),
    }
}
