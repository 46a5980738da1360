//! The "save or share this site" page, `<lang>/share/index.html`: the zips to download with
//! their sizes, or, inside a copy, how to pass that copy on.

use super::context::{Common, PageCtx};
use super::render_template;
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::lang::Lang;
use crate::model::Language;
use crate::page_path::relative_href;
use serde::Serialize;

/// A zip of the site, as the share page lists it.
#[derive(Debug, Clone)]
pub struct ZipInfo {
    /// `None`: every language.
    pub lang: Option<Lang>,
    /// `None` when the zip is not made (a preview).
    pub bytes: Option<u64>,
}

/// One zip as the share page lists it.
#[derive(Serialize)]
struct ZipCtx {
    label: String,
    lang: Option<String>,
    href: String,
    size: Option<String>,
}

#[derive(Serialize)]
struct ShareCtx<'a> {
    #[serde(flatten)]
    base: super::context::Ctx<'a>,
    zips: Vec<ZipCtx>,
}

/// The share page of one language. `zips` is `None` inside a copy: a copy cannot offer the
/// zips, which are not in it.
pub fn page(
    common: &Common,
    language: &Language,
    zips: Option<&[ZipInfo]>,
) -> Result<OutputFile, Diagnostic> {
    let lang = language.locale.lang.as_str();
    let from = files::share_page(lang);
    let t = |k: &str| language.strings.get(k).cloned().unwrap_or_default();
    let text = if zips.is_some() {
        t("share_text")
    } else {
        t("share_copy")
    };
    let page = PageCtx::own("share", t("share_title"), Some(text), language);
    let list = zips
        .unwrap_or_default()
        .iter()
        .map(|z| {
            let name = files::zip(z.lang.as_ref().map(Lang::as_str));
            ZipCtx {
                label: match &z.lang {
                    Some(l) => common
                        .site
                        .language(l)
                        .map_or_else(|| l.to_string(), |x| x.locale.endonym.clone()),
                    None => t("all_languages"),
                },
                lang: z.lang.as_ref().map(Lang::to_string),
                href: relative_href(&from, &name),
                size: z.bytes.map(human_size),
            }
        })
        .collect();
    let ctx = ShareCtx {
        base: common.base(&from, language, None, page),
        zips: list,
    };
    render_template(common.site, "share.html", &ctx, &ctx.base.values, from)
}

/// `48 KB`, `1.2 MB`.
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_like_a_phone_shows_them() {
        assert_eq!(super::human_size(1), "1 KB");
        assert_eq!(super::human_size(150 * 1024), "150 KB");
        assert_eq!(super::human_size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
