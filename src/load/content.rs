//! `content/**`: Markdown files named `<name>.<lang>.md` (or `_index.<lang>.md` for a section)
//! with TOML front matter between `+++` lines; any other file is a content asset (an image).

use super::front_matter::split_front_matter;
use super::images::ContentAsset;
use super::names::{check_segment, fold, nfc, suggested_name};
use super::publish::{LeftOut, LeftOutReason};
use super::{SiteConfig, Theme, parse_toml, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::lang::Lang;
use crate::page_path::PagePath;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The Markdown extensions every body is read with, wherever it is read.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    // No smart punctuation: in K'iche' and Mam the apostrophe is a letter (k', q', tz').
    Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// What a content file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// `content/_index.<lang>.md`
    Home,
    /// `content/<dir>/_index.<lang>.md`
    Section,
    /// `content/<dir>/<name>.<lang>.md`
    Page,
}

/// The checked front matter of a content file.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// The page's title in the file's language, shown as its h1 and in every link to it.
    pub title: String,
    /// A one-line summary, shown under the page's link in lists and as its meta description.
    pub description: Option<String>,
    /// Sort key among the page's siblings, lower first, then by title; 0 when unset.
    pub weight: i64,
    /// The name of a theme icon (`themes/<name>/icons/<icon>.svg`) shown with the title.
    pub icon: Option<String>,
    /// Left out of the build unless drafts are asked for (`--drafts`).
    pub draft: bool,
    /// A recording of the page, relative to `content/` (`rights/asylum.quc.mp3`).
    pub audio: Option<String>,
    /// The page's point on the poster, in a few words.
    pub poster: Option<String>,
    /// What a translation was made from (`translated_from = "es:3f2a9c1b7d4e"`).
    pub translated_from: Option<TranslatedFrom>,
    /// The parts of a partly translated page still in the source's words, numbered from 1 in
    /// the page's order (`untranslated = [4, 7]`): shown from the next language of the chain.
    pub untranslated: Vec<usize>,
    /// The page offers "remove this site from this phone" (`remove_site = true`): the theme's
    /// button that unregisters the offline worker and deletes what the site saved.
    pub remove_site: bool,
}

/// The source a translation was made from: its language and a hash of its body then. When the
/// source's body changes, the hash no longer matches and the translation is stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslatedFrom {
    /// The source's language: `es`.
    pub lang: Lang,
    /// 12 hex digits of the source's hash when it was translated: of its body, or of a locale's
    /// strings.
    pub hash: String,
    /// Where the value is written in the file, for diagnostics.
    pub span: std::ops::Range<usize>,
}

/// One Markdown file: one page (or section) in one language.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// The page's place in the site, the same in every language: `rights/asylum`.
    pub path: PagePath,
    /// The language the file is written in, from its name: `es` for `asylum.es.md`.
    pub lang: Lang,
    /// Home, section or page, from the file's name.
    pub kind: SourceKind,
    /// The file's front matter, checked.
    pub front: FrontMatter,
    /// The whole file, for diagnostics that point into the body.
    pub text: Arc<str>,
    /// Where the Markdown body starts in `text`.
    pub body_offset: usize,
    /// Relative to the site root: `content/rights/asylum.es.md`.
    pub file: PathBuf,
}

impl ContentFile {
    /// A page held in memory, all of `text` its body, titled `title` and otherwise with the
    /// front matter's defaults: for code that renders Markdown it did not read from disk
    /// (tests, benchmarks, fuzzing). Its file is `content/<path>.<lang>.md`.
    pub fn in_memory(path: PagePath, lang: Lang, title: &str, text: &str) -> ContentFile {
        ContentFile {
            file: PathBuf::from(format!("content/{path}.{lang}.md")),
            path,
            lang,
            kind: SourceKind::Page,
            front: FrontMatter {
                title: title.to_string(),
                description: None,
                weight: 0,
                icon: None,
                draft: false,
                audio: None,
                poster: None,
                translated_from: None,
                untranslated: Vec::new(),
                remove_site: false,
            },
            text: Arc::from(text),
            body_offset: 0,
        }
    }

    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    title: Spanned<String>,
    description: Option<String>,
    weight: Option<i64>,
    icon: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    audio: Option<Spanned<String>>,
    translated_from: Option<Spanned<String>>,
    poster: Option<String>,
    untranslated: Option<Spanned<Vec<usize>>>,
    #[serde(default)]
    remove_site: bool,
}

/// Every content file read, sorted into what is built and what is not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The files to build; drafts are among them only when asked for.
    pub files: Vec<ContentFile>,
    /// Drafts left out of this build (kept for the translation report).
    pub drafts: Vec<ContentFile>,
    /// Every other file under `content/` that is published under `media/`.
    pub assets: Vec<ContentAsset>,
    /// The files under `content/` that are not published, and why.
    pub left_out: Vec<LeftOut>,
}

/// Loads every content file. Files with problems are reported and left out.
pub fn load_all(
    root: &Path,
    config: &SiteConfig,
    theme: Option<&Theme>,
    include_drafts: bool,
    kept: &HashMap<PathBuf, ContentFile>,
    diags: &mut Diagnostics,
) -> Loaded {
    let dir = root.join("content");
    let mut loaded = Loaded::default();
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error("content/missing", "content", "there is no content/ folder")
                .with_help("create content/_index.<lang>.md and your pages under content/"),
        );
        return loaded;
    }
    let mut seen: HashMap<(PagePath, Lang), PathBuf> = HashMap::new();
    let mut pending: Vec<(PathBuf, PathBuf, Vec<String>)> = Vec::new();
    let walker = walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter();
    // Hidden folders (`.git`, `.trash`) are not walked into: named once, as a folder.
    let mut hidden_dirs = Vec::new();
    for entry in walker.filter_entry(|e| {
        let hidden = e.depth() > 0
            && e.file_type().is_dir()
            && e.file_name().to_string_lossy().starts_with('.');
        if hidden {
            hidden_dirs.push(LeftOut {
                path: format!("{}/", display_path(root, e.path()).display()),
                reason: LeftOutReason::Hidden,
            });
        }
        !hidden
    }) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map_or_else(|| PathBuf::from("content"), |p| display_path(root, p));
                diags.push(Diagnostic::error(
                    "io/read",
                    shown,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        // content/ itself may be a link (walkdir follows it); links inside it are not followed.
        if entry.depth() > 0 && entry.path_is_symlink() {
            diags.push(symlink_not_followed(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let source = entry.path();
        let shown = display_path(root, source);
        let rel: Vec<String> = match source.strip_prefix(&dir) {
            Ok(r) => r
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect(),
            Err(_) => continue,
        };
        let name = rel.last().cloned().unwrap_or_default();
        if let Some(reason) = config.publish.left_out(&rel.join("/")) {
            loaded.left_out.push(LeftOut {
                path: shown.display().to_string(),
                reason,
            });
            continue;
        }
        if !name.ends_with(".md") {
            // A file's address is its name in NFC, as links are read, whatever form the
            // file system keeps it in (macOS's older disks keep NFD).
            let rel: Vec<String> = rel.iter().map(|s| nfc(s)).collect();
            let (dirs, file) = rel.split_at(rel.len().saturating_sub(1));
            let checked = dirs
                .iter()
                .map(|d| check_segment(d, &shown, false))
                .chain(file.iter().map(|f| check_segment(f, &shown, true)))
                .collect::<Result<Vec<()>, Diagnostic>>();
            match checked {
                Ok(_) => loaded.assets.push(ContentAsset {
                    rel: rel.join("/"),
                    source: source.to_path_buf(),
                    published: Vec::new(),
                    picture: None,
                }),
                Err(d) => diags.push(d),
            }
            continue;
        }
        pending.push((source.to_path_buf(), shown, rel));
    }
    // Read and parsed in parallel, then taken in the order walked: the same site, whatever the
    // threads do.
    let reads: Vec<_> = pending
        .par_iter()
        .map(|(source, shown, rel)| match kept.get(source) {
            Some(file) => Ok(file.clone()),
            None => load_file(root, source, shown, rel, config, theme),
        })
        .collect();
    for ((_, shown, _), read) in pending.into_iter().zip(reads) {
        match read {
            Ok(file) if file.front.draft && !include_drafts => loaded.drafts.push(file),
            Ok(file) => {
                let key = (file.path.clone(), file.lang.clone());
                if let Some(other) = seen.get(&key) {
                    let (a, b) = (other.display().to_string(), shown.display().to_string());
                    if a != b && nfc(&a) == nfc(&b) {
                        // One name in two Unicode forms: said as such, not as two pages.
                        diags.push(collision("pages", &a, other, &b, &shown));
                        continue;
                    }
                    diags.push(
                        Diagnostic::error(
                            "content/duplicate",
                            &shown,
                            format!(
                                "two files for one page: {} and {} are both `{}` in `{}`",
                                other.display(),
                                shown.display(),
                                file.path,
                                file.lang
                            ),
                        )
                        .with_help("keep one of them: rename or delete the other"),
                    );
                } else {
                    seen.insert(key, shown);
                    loaded.files.push(file);
                }
            }
            Err(found) => diags.extend(found),
        }
    }
    loaded.left_out.extend(hidden_dirs);
    loaded.left_out.sort_by(|a, b| a.path.cmp(&b.path));
    report_collisions(&loaded, diags);
    loaded
}

/// Pages (and content assets) whose names are one name on macOS and Windows: equal once both
/// are in Unicode NFC and lower case. Linux keeps them apart, so a site that builds there would
/// lose a page, or show the wrong one, once copied to a USB stick or built on another computer.
fn report_collisions(loaded: &Loaded, diags: &mut Diagnostics) {
    let pages = loaded
        .files
        .iter()
        .map(|f| (f.path.as_str().to_string(), f.file.clone()));
    let assets = loaded.assets.iter().map(|a| {
        let file = Path::new("content").join(&a.rel);
        (crate::files::media(&a.rel), file)
    });
    for (name, files) in [
        ("pages", pages.collect::<Vec<_>>()),
        ("files", assets.collect()),
    ] {
        let mut first: HashMap<String, (String, PathBuf)> = HashMap::new();
        for (path, file) in files {
            match first.get(&fold(&path)) {
                Some((other, _)) if *other == path => {}
                Some((other, other_file)) => {
                    diags.push(collision(name, other, other_file, &path, &file))
                }
                None => {
                    first.insert(fold(&path), (path, file));
                }
            }
        }
    }
}

fn collision(kind: &str, a: &str, a_file: &Path, b: &str, b_file: &Path) -> Diagnostic {
    let (a_shown, b_shown) = (a_file.display(), b_file.display());
    let (message, help) = if nfc(a) == nfc(b) {
        (
            format!(
                "two {kind} whose names look the same: {a_shown} and {b_shown} write an accented letter in two different ways (one character, or a letter and an accent: Unicode NFC and NFD), so Linux keeps them apart and macOS does not"
            ),
            "keep one of them: rename or delete the other, and type the name again by hand if it came from a Mac",
        )
    } else {
        (
            format!(
                "two {kind} whose names differ only in capital letters: {a_shown} and {b_shown} collide on file systems that ignore case (Windows, macOS, most USB sticks)"
            ),
            "rename one of them, or delete it if it is the same page; names in lower case avoid this",
        )
    };
    Diagnostic::error("content/duplicate", b_file, message).with_help(help)
}

/// A symbolic link under `content/` is never followed: it could bring any file of the computer
/// into a site that is meant to be shared. A warning, so that the file is not silently missing.
fn symlink_not_followed(root: &Path, link: &Path) -> Diagnostic {
    let target = std::fs::read_link(link)
        .map(|t| format!(" (it points to {})", t.display()))
        .unwrap_or_default();
    Diagnostic::warning(
        "content/symlink",
        display_path(root, link),
        format!("a symbolic link is not followed, so it is not part of the site{target}"),
    )
    .with_help("copy the file or folder into content/ instead of linking to it")
}

/// Hidden files and editors' temporary files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

pub(super) fn load_file(
    root: &Path,
    source: &Path,
    shown: &Path,
    rel: &[String],
    config: &SiteConfig,
    theme: Option<&Theme>,
) -> Result<ContentFile, Vec<Diagnostic>> {
    let (path, lang, kind) = parse_name(rel, shown, config).map_err(|d| vec![d])?;
    let text = read_text(root, source).map_err(|d| vec![d])?;
    let (front_range, body_offset) = split_front_matter(&text, shown)?;
    let raw: RawFront = parse_toml(
        &text[front_range.clone()],
        &text,
        front_range.start,
        shown,
        "front-matter/syntax",
    )
    .map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    // Spans are in the front matter's text; the file's start a `+++` line earlier.
    let base = front_range.start;
    let in_file = |span: std::ops::Range<usize>| span.start + base..span.end + base;
    if raw.title.get_ref().trim().is_empty() {
        problems.push(
            Diagnostic::error("front-matter/title", shown, "the title is empty")
                .at(&text, in_file(raw.title.span()))
                .with_help("write the page's title, e.g. title = \"¿Qué es el asilo?\""),
        );
    }
    if let (Some(icon), Some(theme)) = (&raw.icon, theme)
        && !theme.icons.contains_key(icon.get_ref())
    {
        let names: Vec<&str> = theme.icons.keys().map(String::as_str).collect();
        let help = match did_you_mean(icon.get_ref(), names.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? The theme's icons: {}",
                names.join(", ")
            ),
            None => format!("the theme's icons: {}", names.join(", ")),
        };
        problems.push(
            Diagnostic::error(
                "front-matter/icon",
                shown,
                format!("unknown icon `{}`", icon.get_ref()),
            )
            .at(&text, in_file(icon.span()))
            .with_help(help),
        );
    }
    let audio = raw.audio.as_ref().and_then(|a| match audio_path(rel, a.get_ref(), root) {
        Ok(p) => Some(p),
        Err(why) => {
            problems.push(
                Diagnostic::error("front-matter/audio", shown, why)
                    .at(&text, in_file(a.span()))
                    .with_help("put the recording under content/ and write its path relative to this file, e.g. audio = \"asylum.quc.mp3\""),
            );
            None
        }
    });
    let translated_from = raw.translated_from.as_ref().and_then(|t| {
        match parse_translated_from(t.get_ref(), &lang, config) {
            Ok((lang, hash)) => Some(TranslatedFrom {
                lang,
                hash,
                span: in_file(t.span()),
            }),
            Err(why) => {
                problems.push(
                    Diagnostic::error("front-matter/translated-from", shown, why)
                        .at(&text, in_file(t.span()))
                        .with_help("let `amparo check --mark-translated FILE` write it, or remove the line"),
                );
                None
            }
        }
    });
    let untranslated = raw
        .untranslated
        .as_ref()
        .map(|u| {
            untranslated_parts(
                u,
                in_file(u.span()),
                &lang,
                config,
                &text,
                shown,
                &mut problems,
            )
        })
        .unwrap_or_default();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ContentFile {
        path,
        lang,
        kind,
        front: FrontMatter {
            title: raw.title.into_inner().trim().to_string(),
            description: raw.description.filter(|d| !d.trim().is_empty()),
            weight: raw.weight.unwrap_or(0),
            icon: raw.icon.map(Spanned::into_inner),
            draft: raw.draft,
            audio,
            translated_from,
            untranslated,
            remove_site: raw.remove_site,
            poster: raw
                .poster
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        },
        text: Arc::from(text),
        body_offset,
        file: shown.to_path_buf(),
    })
}

/// `untranslated = [4, 7]`, checked: part numbers from 1, each once, in a translation.
fn untranslated_parts(
    value: &Spanned<Vec<usize>>,
    span: std::ops::Range<usize>,
    lang: &Lang,
    config: &SiteConfig,
    text: &str,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut parts = value.get_ref().clone();
    parts.sort_unstable();
    let why = if *lang == config.default_language {
        Some(format!(
            "a page in {lang}, the site's source language, is not a translation: it has no untranslated parts"
        ))
    } else if parts.first() == Some(&0) {
        Some("parts are numbered from 1".to_string())
    } else if parts.windows(2).any(|w| w[0] == w[1]) {
        Some("a part is listed twice".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        problems.push(
            Diagnostic::error("front-matter/untranslated", shown, why)
                .at(text, span)
                .with_help("list the numbers of the parts still in the source's words, e.g. untranslated = [4, 7], as `amparo translate import` writes it; remove the line once every part is translated"),
        );
    }
    parts
}

/// `es:3f2a9c1b7d4e` → (es, `3f2a9c1b7d4e`): a site language other than the file's own
/// (`own`), and a hex hash.
pub(super) fn parse_translated_from(
    value: &str,
    own: &Lang,
    config: &SiteConfig,
) -> Result<(Lang, String), String> {
    let (tag, hash) = value
        .split_once(':')
        .ok_or_else(|| format!("`{value}` is not `<language>:<hash>`"))?;
    let lang = Lang::parse(tag).map_err(|e| e.to_string())?;
    if !config.languages.contains(&lang) {
        return Err(format!("`{lang}` is not one of the site's languages"));
    }
    if &lang == own {
        return Err(format!("`{own}` cannot be translated from itself"));
    }
    let hash = hash.trim().to_ascii_lowercase();
    if hash.len() < 12 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!(
            "`{hash}` is not a hash made by amparo (12 or more hex digits)"
        ));
    }
    Ok((lang, hash))
}

/// The recording named in front matter, as a path under `content/`, if that file exists.
fn audio_path(rel: &[String], audio: &str, root: &Path) -> Result<String, String> {
    let mut parts: Vec<&str> = rel[..rel.len().saturating_sub(1)]
        .iter()
        .map(String::as_str)
        .collect();
    for seg in audio.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts
                    .pop()
                    .ok_or_else(|| format!("the audio file `{audio}` is outside content/"))?;
            }
            s => parts.push(s),
        }
    }
    let path = parts.join("/");
    let is_file = root.join("content").join(&path).is_file();
    if audio.contains(':') || audio.starts_with('/') || !is_file {
        return Err(format!(
            "the audio file `{audio}` does not exist (looked for content/{path})"
        ));
    }
    Ok(path)
}

/// `rights/asylum.es.md` → (`rights/asylum`, `es`, Page).
fn parse_name(
    rel: &[String],
    shown: &Path,
    config: &SiteConfig,
) -> Result<(PagePath, Lang, SourceKind), Diagnostic> {
    let rel: Vec<String> = rel.iter().map(|s| nfc(s)).collect();
    let (file, dirs) = rel
        .split_last()
        .ok_or_else(|| Diagnostic::error("content/name", shown, "empty path"))?;
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let example = format!("{}.{}.md", stem, config.default_language);
    let (name, tag) = stem.rsplit_once('.').ok_or_else(|| {
        Diagnostic::error(
            "content/no-language",
            shown,
            "the file name does not say its language",
        )
        .with_help(format!("name it `<name>.<lang>.md`, e.g. `{example}`"))
    })?;
    let lang = match Lang::parse(tag) {
        Ok(l) if config.languages.contains(&l) => l,
        _ => {
            return Err(Diagnostic::error("content/unknown-language", shown, format!("`{tag}` is not one of the site's languages"))
                .with_help(format!(
                    "the site's languages are {}; rename the file, or add the language to site.toml and locales/",
                    super::config::join(&config.languages)
                )));
        }
    };
    for seg in dirs.iter().map(String::as_str) {
        check_segment(seg, shown, false)?;
    }
    check_segment(name, shown, false).map_err(|d| {
        d.with_help(format!(
            "use letters, digits and dashes: rename the file `{}.{tag}.md`",
            suggested_name(name, false)
        ))
    })?;
    let dirs = dirs.iter().map(String::as_str);
    Ok(if name == "_index" {
        let path = PagePath::from_segments(dirs);
        let kind = if path.is_root() {
            SourceKind::Home
        } else {
            SourceKind::Section
        };
        (path, lang, kind)
    } else {
        (
            PagePath::from_segments(dirs.chain(std::iter::once(name))),
            lang,
            SourceKind::Page,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for n in [".a.md.swp", "a.md~", "#a.md#", ".#a.md", "4913"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("a.es.md"));
    }
}
