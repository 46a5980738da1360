//! `amparo translate script`: a printable recording script for one language. Every page in
//! reading order, each part numbered as `untranslated = […]` numbers it (the title is 1), in
//! the language's own words where it has them and otherwise in the source's words, marked
//! "interpret this into Mam"; and for each page the exact name to save its recording under, so
//! that the build plays it on that page even before the page has any text in the language.

use super::{Catalog, Entry, SegmentState, Unit};
use crate::model::recordings;
use crate::model::segments::plain;
use crate::model::{NodeId, Site};
use crate::render::markdown::escape;

/// The script's own words, in the site's source language when it is one of these, else English.
struct Labels {
    title: &'static str,
    intro: &'static str,
    save_as: &'static str,
    recorded: &'static str,
    not_recorded: &'static str,
    interpret: &'static str,
    changed: &'static str,
}

const ES: Labels = Labels {
    title: "Guion para grabar en {lang}",
    intro: "Lee o interpreta en {lang} cada parte de cada página, en orden. Graba cada página en un archivo y guárdalo con el nombre que se indica, dentro de la carpeta del sitio. La página lo muestra con un botón para escuchar, aunque todavía no tenga texto en {lang}.",
    save_as: "Guarda la grabación como",
    recorded: "ya está grabada",
    not_recorded: "falta grabarla",
    interpret: "Interpreta esto en {lang}",
    changed: "El texto en español cambió desde que se tradujo. Ahora dice:",
};

const EN: Labels = Labels {
    title: "Recording script for {lang}",
    intro: "Read or interpret each part of each page into {lang}, in order. Record each page as one file and save it under the name given, inside the site's folder. The page then shows it with a Listen button, even before it has any text in {lang}.",
    save_as: "Save the recording as",
    recorded: "already recorded",
    not_recorded: "not recorded yet",
    interpret: "Interpret this into {lang}",
    changed: "The source text changed since it was translated. It now says:",
};

/// Loads the site at `root` and writes the recording script of `lang`. A language the site
/// does not list, or its source language, is an error.
pub fn open(root: &std::path::Path, lang: &str) -> Result<String, crate::Diagnostics> {
    let (site, _) = crate::resolve_site(root, false)?;
    let lang = super::target_language(&site, lang)?;
    let catalog = super::catalog(&site, Some(&lang));
    Ok(write(&site, &catalog))
}

/// The recording script of the catalog's language, as one printable HTML page.
pub fn write(site: &Site, catalog: &Catalog) -> String {
    let Some(lang) = &catalog.lang else {
        return String::new();
    };
    let labels = if catalog.source_lang.as_str() == "es" {
        &ES
    } else {
        &EN
    };
    let name = site
        .language(lang)
        .map_or_else(|| lang.to_string(), |l| l.locale.endonym.clone());
    let named = |s: &str| escape(&s.replace("{lang}", &name));
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{src}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\n\
         <title>{title}</title>\n<style>{CSS}</style>\n<h1>{title}</h1>\n<p>{intro}</p>\n",
        src = catalog.source_lang,
        title = named(labels.title),
        intro = named(labels.intro),
    );
    let pages = catalog.units.iter().filter(|u| u.page.is_some());
    for (n, unit) in pages.enumerate() {
        page(site, unit, n + 1, lang, labels, &named, &mut out);
    }
    out
}

fn page(
    site: &Site,
    unit: &Unit,
    number: usize,
    lang: &crate::lang::Lang,
    labels: &Labels,
    named: &dyn Fn(&str) -> String,
    out: &mut String,
) {
    let path = unit.page.as_deref().unwrap_or_default();
    let key = crate::page_path::PagePath::from_segments(path.split('/').filter(|s| !s.is_empty()));
    let node = site.by_path.get(&key).copied().unwrap_or(NodeId::HOME);
    let is_section = site.node(node).kind != crate::load::SourceKind::Page;
    let file = format!(
        "content/{}",
        recordings::file_name(&site.node(node).path, is_section, lang)
    );
    let done = site.audio_for(node, lang).is_some_and(|(_, l)| l == lang);
    out.push_str(&format!(
        "<section>\n<h2>{number}. {}</h2>\n<p class=\"save\">{}: <code>{}</code> ({})</p>\n<ol>\n",
        escape(&plain(&unit.title)),
        escape(labels.save_as),
        escape(&file),
        escape(if done {
            labels.recorded
        } else {
            labels.not_recorded
        }),
    ));
    for entry in &unit.entries {
        out.push_str(&part(entry, lang, labels, named));
    }
    out.push_str("</ol>\n</section>\n");
}

/// One numbered part: the language's own words, or the source's marked to interpret.
fn part(
    entry: &Entry,
    lang: &crate::lang::Lang,
    labels: &Labels,
    named: &dyn Fn(&str) -> String,
) -> String {
    let source = escape(&plain(&entry.source.text));
    match (&entry.translation, entry.state) {
        (Some(own), SegmentState::Translated) => {
            format!("<li lang=\"{lang}\">{}</li>\n", escape(&plain(own)))
        }
        (Some(own), _) => format!(
            "<li><span lang=\"{lang}\">{}</span><p class=\"changed\">{} <span>{source}</span></p></li>\n",
            escape(&plain(own)),
            escape(labels.changed)
        ),
        (None, _) => format!(
            "<li class=\"interpret\"><strong>{}:</strong> {source}</li>\n",
            named(labels.interpret)
        ),
    }
}

const CSS: &str = "body{font:14pt/1.5 system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem}\
h2{break-after:avoid;border-top:2px solid #000;padding-top:.5rem}\
li{margin:.4rem 0}.interpret strong{background:#ffe9a8}\
.changed{font-size:.9em;margin:.2rem 0}.save code{font-size:1.05em;font-weight:700}\
@page{margin:15mm}";
