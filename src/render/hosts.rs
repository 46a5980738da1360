//! What web hosts and search engines look for at the output's root, made for the published site
//! only (never put in the copies to share, which open from `file://`): `404.html`, the page
//! GitHub Pages, Netlify and most static hosts answer a missing address with, at any depth; and,
//! when `base_url` is set, `sitemap.xml` (each page with the languages it is written in) and
//! `robots.txt` pointing to it.

use super::context::{Common, home_description};
use super::markdown::escape;
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::model::Site;
use crate::page_path::relative_href;

/// The root 404 page, the sitemap and robots.txt.
pub fn files(common: &Common) -> Result<Vec<OutputFile>, Diagnostic> {
    let site = common.site;
    let mut out = vec![root_not_found(common)?];
    if let Some(base) = &site.config.base_url {
        out.push(sitemap(site, base));
        out.push(OutputFile {
            path: files::ROBOTS.into(),
            bytes: format!(
                "User-agent: *\nAllow: /\n\nSitemap: {base}{}\n",
                files::SITEMAP
            )
            .into_bytes(),
        });
    }
    Ok(out)
}

/// The root `404.html`: "not found" in every language, then the language chooser's buttons. A
/// host answers any missing address with it, at any depth, so with `base_url` its links are
/// absolute; without, they are relative to the root (right for a missing page at the top
/// level; the README says to set `base_url` for the rest).
fn root_not_found(common: &Common) -> Result<OutputFile, Diagnostic> {
    let site = common.site;
    let from = files::ROOT_NOT_FOUND;
    let href = |to: &str| match &site.config.base_url {
        Some(base) => format!("{base}{to}"),
        None => relative_href(from, to),
    };
    let default = site
        .language(&site.config.default_language)
        .or(site.languages.first());
    let headings = super::chooser::chooser_headings(common, "not_found_title");
    let ctx = super::chooser::ChooserCtx {
        lang: default
            .map(super::lang_ctx)
            .unwrap_or_else(super::chooser::unknown_lang),
        // Its own files stay relative: from `file://` (a copy opened on a computer) an
        // absolute address would be another origin. At a host's deeper addresses the page
        // shows unstyled, and its links, which are absolute, still work.
        css: common.asset_href(from, "style.css"),
        description: default
            .map(|l| home_description(site, l))
            .unwrap_or_default(),
        assets: common
            .assets
            .keys()
            .map(|name| (name.clone(), common.asset_href(from, name)))
            .collect(),
        site_title: default.map(|l| l.site_title.clone()).unwrap_or_default(),
        languages: super::chooser::chooser_languages(common, &href),
        headings,
    };
    super::render_template(site, "chooser.html", &ctx, &[], from.to_string())
}

/// `sitemap.xml`: every page written in its own language (a page shown from another language
/// is that language's page again, so it is left out, as the pages' `hreflang` links leave it
/// out), each with every language it is written in, itself included; and the chooser.
fn sitemap(site: &Site, base: &str) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    xml.push_str(&format!(
        "<url><loc>{}</loc></url>\n",
        escape(&format!("{base}{}", files::CHOOSER))
    ));
    for &node in std::iter::once(&crate::model::NodeId::HOME).chain(&site.reading_order) {
        let n = site.node(node);
        let langs: Vec<&crate::Lang> = site
            .config
            .languages
            .iter()
            .filter(|l| n.translations.contains_key(*l))
            .collect();
        for lang in &langs {
            let url =
                |l: &crate::Lang| escape(&format!("{base}{}", n.path.output_file(l.as_str())));
            xml.push_str(&format!("<url><loc>{}</loc>", url(lang)));
            if langs.len() > 1 {
                for other in &langs {
                    xml.push_str(&format!(
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        other,
                        url(other)
                    ));
                }
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: files::SITEMAP.into(),
        bytes: xml.into_bytes(),
    }
}
