//! Accessibility rules. In the sources: one h1 per page (the title), no skipped heading levels,
//! link text that says where it goes, alt text that describes, tables with a header row, and a
//! `lang` on passages in another site language. In the output: every page has one h1, a `lang`,
//! and alt text on every image; every callout has a text label, not only a colour.

use super::Findings;
use super::pages::BuiltPage;
use super::scan::Scan;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::rules::id;

/// Link texts that do not say where a link goes, by primary language.
const VAGUE_LINKS: &[(&str, &[&str])] = &[
    (
        "es",
        &[
            "aquí",
            "aqui",
            "acá",
            "clic",
            "click",
            "haz clic",
            "haz clic aquí",
            "da clic",
            "clic aquí",
            "pulsa aquí",
            "este enlace",
            "enlace",
            "link",
            "más",
            "ver más",
            "leer más",
            "esto",
            "página",
        ],
    ),
    (
        "en",
        &[
            "here",
            "click",
            "click here",
            "tap here",
            "this link",
            "link",
            "more",
            "read more",
            "this",
            "page",
            "this page",
        ],
    ),
];

/// Alt texts that say nothing about the picture.
const EMPTY_ALTS: &[&str] = &[
    "image", "imagen", "img", "foto", "photo", "picture", "icon", "icono", "dibujo", "graphic",
];

const IMAGE_EXTENSIONS: &[&str] = &[".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"];

/// Words common in one language and rare in the other, to spot a passage in the other language.
const SPANISH_WORDS: &[&str] = &[
    "de", "la", "que", "el", "en", "y", "los", "se", "del", "las", "un", "por", "con", "una", "su",
    "para", "es", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "este", "porque", "esta",
    "entre", "cuando", "muy", "sin", "sobre", "también", "hasta", "hay", "donde", "quien", "desde",
    "todo", "nos", "tienes", "puedes", "eres", "tu", "tus", "te", "ayuda",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "to", "is", "you", "that", "it", "was", "for", "on", "are", "with", "they",
    "at", "be", "this", "have", "from", "or", "by", "but", "not", "what", "all", "were", "we",
    "when", "your", "can", "there", "an", "which", "she", "do", "how", "their", "if", "will",
    "about", "them", "these", "would", "has", "who", "help", "right", "rights",
];

/// Runs the accessibility rules over each source's scan (`scans`, in the order of
/// `site.sources`) and over every built page.
pub fn check(site: &Site, scans: &[Scan], built: &[BuiltPage], findings: &mut Findings) {
    for (file, scan) in site.sources.iter().zip(scans) {
        let primary = file.lang.primary();
        headings(file, scan, findings);
        for link in &scan.links {
            let said = normal(&link.text);
            let vague = VAGUE_LINKS
                .iter()
                .filter(|(l, _)| *l == primary)
                .any(|(_, words)| words.contains(&said.as_str()));
            if vague {
                findings.push(
                    Diagnostic::error(
                        id::A11Y_LINK_TEXT,
                        &file.file,
                        format!("the link text \"{}\" does not say where it goes", link.text),
                    )
                    .at_indexed(&scan.lines, &file.text, link.range.clone())
                    .with_help("name the place: [how to ask for asylum](asylum.md), not [here](asylum.md); screen readers list links by their text"),
                );
            }
        }
        for image in &scan.images {
            let said = normal(&image.text);
            let file_name = IMAGE_EXTENSIONS.iter().any(|e| said.ends_with(e));
            if !said.is_empty() && (file_name || EMPTY_ALTS.contains(&said.as_str())) {
                findings.push(
                    Diagnostic::error(
                        id::A11Y_IMAGE_ALT,
                        &file.file,
                        format!("the alt text \"{}\" does not describe the image", image.text),
                    )
                    .at_indexed(&scan.lines, &file.text, image.range.clone())
                    .with_help("say what the picture shows, for a child who cannot see it: ![A girl calling on a phone](call.png)"),
                );
            }
        }
        for table in scan.tables.iter().filter(|t| t.header_empty) {
            findings.push(
                Diagnostic::error(id::A11Y_TABLE_HEADER, &file.file, "the table's header row is empty")
                    .at_indexed(&scan.lines, &file.text, table.range.start..table.range.start)
                    .with_help("write a short title for each column in the first row, so a screen reader can name every cell"),
            );
        }
        other_language(file, scan, findings);
    }
    callout_labels(site, findings);
    built_pages(built, &with_content_h1(site, scans), findings);
}

/// Output pages whose text has a `#` heading: their extra h1 is reported on the source line
/// already, not again as a fault of the theme.
fn with_content_h1(site: &Site, scans: &[Scan]) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for page in &site.pages {
        let Some(s) = page.source else { continue };
        if scans[s.index()].headings.iter().any(|h| h.level == 1) {
            out.insert(site.node(page.node).path.output_file(page.lang.as_str()));
            out.insert(crate::render::print::booklet_of(
                site,
                page.node,
                page.lang.as_str(),
            ));
        }
    }
    out
}

/// Lower case, without the punctuation around it.
fn normal(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn headings(file: &crate::load::ContentFile, scan: &Scan, findings: &mut Findings) {
    let mut previous = 1u8; // the page title
    for h in &scan.headings {
        if h.level == 1 {
            findings.push(
                Diagnostic::error(id::A11Y_HEADING_H1, &file.file, "a `#` heading in the text: the page's title is its one h1")
                    .at_indexed(&scan.lines, &file.text, h.range.start..h.range.start + 1)
                    .with_help("start the text's headings at `##`; the title in the front matter is shown as the h1"),
            );
        } else if h.level > previous + 1 {
            findings.push(
                Diagnostic::error(
                    id::A11Y_HEADING_ORDER,
                    &file.file,
                    format!(
                        "this heading skips from level {previous} to level {}",
                        h.level
                    ),
                )
                .at_indexed(
                    &scan.lines,
                    &file.text,
                    h.range.start..h.range.start + h.level as usize,
                )
                .with_help(format!(
                    "use `{}` here: screen-reader users move through a page by its heading levels",
                    "#".repeat(previous as usize + 1)
                )),
            );
        }
        previous = h.level;
    }
}

/// A paragraph of a Spanish page that reads as English (or the other way round) without a
/// `lang` around it. Only Spanish and English are told apart: no word list here can vouch for
/// K'iche' or Mam.
fn other_language(file: &crate::load::ContentFile, scan: &Scan, findings: &mut Findings) {
    let (own, other, other_tag, other_name) = match file.lang.primary() {
        "es" => (SPANISH_WORDS, ENGLISH_WORDS, "en", "English"),
        "en" => (ENGLISH_WORDS, SPANISH_WORDS, "es", "Spanish"),
        _ => return,
    };
    for p in &scan.prose {
        let source = file.text.get(p.range.clone()).unwrap_or("");
        if source.contains("lang=") {
            continue;
        }
        let words: Vec<String> = p
            .text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < 6 {
            continue;
        }
        let mine = words.iter().filter(|w| own.contains(&w.as_str())).count();
        let theirs = words.iter().filter(|w| other.contains(&w.as_str())).count();
        if theirs >= 3 && theirs > 2 * mine {
            findings.push(
                Diagnostic::error(
                    id::A11Y_OTHER_LANGUAGE,
                    &file.file,
                    format!("this passage reads as {other_name}, but the page is `{}`", file.lang),
                )
                .at_indexed(&scan.lines, &file.text, p.range.start..p.range.start)
                .with_help(format!(
                    "translate it, or mark it so screen readers pronounce it right: <span lang=\"{other_tag}\">…</span>"
                )),
            );
        }
    }
}

/// Every callout kind needs a text label in every language: colour alone says nothing to a
/// child who cannot tell colours apart, or reads a black-and-white print.
fn callout_labels(site: &Site, findings: &mut Findings) {
    let keys = [
        "callout_note",
        "callout_tip",
        "callout_important",
        "callout_warning",
        "callout_caution",
    ];
    for l in &site.languages {
        for key in keys {
            if l.strings.get(key).is_none_or(|s| s.trim().is_empty()) {
                findings.push(
                    Diagnostic::error(
                        id::A11Y_CALLOUT_LABEL,
                        &l.locale.path,
                        format!("the callout label `{key}` is empty in `{}`", l.locale.lang),
                    )
                    .with_help(format!("give it a word, e.g. {key} = \"Importante\"")),
                );
            }
        }
    }
}

/// The built pages themselves: one h1, a `lang` on `<html>`, alt text on every image.
fn built_pages(
    built: &[BuiltPage],
    content_h1: &std::collections::HashSet<String>,
    findings: &mut Findings,
) {
    use scraper::Selector;
    let (Ok(h1), Ok(html), Ok(img)) = (
        Selector::parse("h1"),
        Selector::parse("html[lang]"),
        Selector::parse("img:not([alt])"),
    ) else {
        return;
    };
    for page in built {
        let (path, doc) = (page.path, &page.doc);
        let mut problems = Vec::new();
        let h1s = doc.select(&h1).count();
        if h1s == 0 || (h1s > 1 && !content_h1.contains(path)) {
            problems.push(format!("{h1s} h1 headings, not one"));
        }
        if doc.select(&html).next().is_none() {
            problems.push("no `lang` on <html>".to_string());
        }
        let bare = doc.select(&img).count();
        if bare > 0 {
            problems.push(format!("{bare} image(s) without alt text"));
        }
        for p in problems {
            findings.push(
                Diagnostic::error(id::A11Y_PAGE, format!("public/{path}"), format!("the built page has {p}"))
                    .with_help("this comes from the theme's templates: fix them so every page has one h1 and a lang"),
            );
        }
    }
}
