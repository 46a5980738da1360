//! `amparo translate import`: a translator's PO or XLIFF file back into the site. Each page whose every
//! segment is translated gets its `<name>.<lang>.md`: the existing file edited block by block
//! where it keeps the source's blocks, or else the source page with the translated words put
//! in place of the source's, so headings, lists, tables, callouts, links and images always
//! come from the source. UI strings go into `locales/<lang>.toml`, line by line.
//!
//! Nothing is written unless the whole import is sound: a file for another site or language, a
//! broken PO file, a translation that drops, adds or changes a link or an image: each is a
//! diagnostic with the file and line, all reported at once, and no file changes. A translation
//! whose source text is no longer in the site is reported as obsolete, never dropped silently.
//! What does not change is not written, so importing an unchanged export changes no byte.

use super::SegmentState;
use super::edit::{
    keep, toml_string, with_front_matter_line, with_string, with_top_level_line,
    with_translated_from, write,
};
use super::po_read::{PoEntry, PoFile, parse};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fingerprint::{body_hash, normalise, snapshot, strings_hash};
use crate::lang::Lang;
use crate::load::ContentFile;
use crate::model::Site;
use crate::model::segments::{Segment, SegmentKind, replace_block, segments};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    /// Files written, relative to the site's root.
    pub written: Vec<PathBuf>,
    /// Pages left as they were because some of their segments have no translation yet.
    pub partial: Vec<PartialPage>,
    /// Warnings: obsolete entries, partly translated pages.
    pub warnings: Vec<Diagnostic>,
}

/// A page with some of its segments translated, not written.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PartialPage {
    /// The page's path.
    pub page: String,
    /// The language.
    pub lang: String,
    /// Its segments translated in the file.
    pub translated: usize,
    /// All its segments.
    pub total: usize,
}

/// One file to write: its path from the root and its new text.
struct Change {
    path: PathBuf,
    text: String,
}

/// Imports `files` (PO files) into the site at `root`.
pub fn import(root: &Path, files: &[PathBuf]) -> Result<ImportReport, Diagnostics> {
    let (site, _) = crate::resolve_site(root, false)?;
    let mut problems = Vec::new();
    let mut report = ImportReport::default();
    let mut changes: Vec<Change> = Vec::new();
    let mut kept: BTreeMap<String, String> = BTreeMap::new();
    for file in files {
        let Some((lang, po)) = read(&site, file, &mut problems) else {
            continue;
        };
        let plan = Plan {
            site: &site,
            po_path: file,
            lang: &lang,
            entries: po
                .entries
                .iter()
                .map(|e| ((e.context.clone(), e.id.clone()), e))
                .collect(),
        };
        let mut used = BTreeSet::new();
        plan.pages(
            &mut changes,
            &mut kept,
            &mut used,
            &mut problems,
            &mut report,
        );
        plan.strings(&mut changes, &mut kept, &mut used);
        for e in &po.entries {
            if !used.contains(&(e.context.clone(), e.id.clone())) && !e.value.is_empty() {
                report.warnings.push(
                    Diagnostic::warning(
                        "translate/obsolete",
                        file,
                        format!("this translation's source text is no longer in the site: \"{}\"", short(&e.id)),
                    )
                    .at_line(e.line, 1)
                    .with_help("its text changed or its page was removed: export again to get the current text, and reuse these words where they fit"),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    for (name, text) in &kept {
        keep(&site.root, name, text)?;
    }
    for c in changes {
        write(&site.root, &c.path, &c.text)?;
        report.written.push(c.path);
    }
    Ok(report)
}

/// Reads one PO file and checks that it was made for this site, into one of its languages.
fn read(site: &Site, file: &Path, problems: &mut Vec<Diagnostic>) -> Option<(Lang, PoFile)> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Diagnostic::error(
                "io/read",
                file,
                format!("cannot read: {e}"),
            ));
            return None;
        }
    };
    let read = if super::xliff::looks_like_xml(&bytes) {
        super::xliff::parse
    } else {
        parse
    };
    let po = match read(&bytes, file) {
        Ok(po) => po,
        Err(d) => {
            problems.extend(d);
            return None;
        }
    };
    let header = |k: &str| po.header.get(k).map(String::as_str).unwrap_or("");
    let title = site
        .language(&site.config.default_language)
        .map(|l| l.site_title.as_str())
        .unwrap_or("");
    let source = header("X-Amparo-Source-Language");
    if header("Project-Id-Version") != title
        || (!source.is_empty() && source != site.config.default_language.as_str())
    {
        problems.push(
            Diagnostic::error(
                "translate/other-site",
                file,
                format!("this file was made for another site (\"{}\", from {}), not for \"{title}\"", header("Project-Id-Version"), if source.is_empty() { "?" } else { source }),
            )
            .with_help("import the file into the site it was exported from, or export this site's file with `amparo translate export`"),
        );
        return None;
    }
    let tag = header("Language");
    let lang = Lang::parse(tag)
        .ok()
        .filter(|l| site.config.languages.contains(l) && *l != site.config.default_language);
    let Some(lang) = lang else {
        problems.push(
            Diagnostic::error(
                "translate/lang",
                file,
                format!(
                    "the file's `Language: {tag}` is not a language to translate this site into"
                ),
            )
            .with_help(format!(
                "set the Language field of the file's header to one of {}",
                site.config
                    .languages
                    .iter()
                    .filter(|l| **l != site.config.default_language)
                    .map(Lang::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        return None;
    };
    Some((lang, po))
}

type Key = (Option<String>, String);

/// What one PO file brings to one language.
struct Plan<'a> {
    site: &'a Site,
    po_path: &'a Path,
    lang: &'a Lang,
    entries: BTreeMap<Key, &'a PoEntry>,
}

impl Plan<'_> {
    /// The translation of a segment of `page`: the entry made for that page alone (when two
    /// pages translate the same text differently), or else the one for every page.
    fn entry(&self, page: &str, text: &str) -> Option<(Key, &PoEntry)> {
        [Some(super::po::page_context(page)), None]
            .into_iter()
            .map(|c| (c, text.to_string()))
            .find_map(|k| self.entries.get(&k).map(|e| (k.clone(), *e)))
            .filter(|(_, e)| !e.value.is_empty())
    }

    fn pages(
        &self,
        changes: &mut Vec<Change>,
        kept: &mut BTreeMap<String, String>,
        used: &mut BTreeSet<Key>,
        problems: &mut Vec<Diagnostic>,
        report: &mut ImportReport,
    ) {
        let site = self.site;
        let source_lang = &site.config.default_language;
        for node in site.node_ids() {
            let n = site.node(node);
            let Some(&source_id) = n.translations.get(source_lang) else {
                continue;
            };
            let source = site.source(source_id);
            let segs = segments(source);
            let mut found = Vec::new();
            for seg in &segs {
                let entry = self.entry(n.path.as_str(), &seg.text).map(|(k, e)| {
                    used.insert(k);
                    e
                });
                if let Some(e) = entry
                    && let Err(d) = same_links(&seg.text, &e.value, self.po_path, e.line)
                {
                    problems.push(d);
                }
                found.push(entry);
            }
            let existing = n.translations.get(self.lang).map(|&t| site.source(t));
            let known = existing.map_or_else(Vec::new, |t| {
                super::page_entries(site, source, Some(t), &mut Vec::new())
            });
            let mut words: Vec<&str> = Vec::with_capacity(segs.len());
            let mut untranslated = Vec::new();
            let mut fuzzy = false;
            for (i, (seg, entry)) in segs.iter().zip(&found).enumerate() {
                // A part the file leaves empty keeps what the page already has: nothing is lost.
                let had = known.get(i).filter(|k| k.state != SegmentState::Missing);
                match (
                    entry,
                    had.and_then(|k| Some((k, k.translation.as_deref()?))),
                ) {
                    (Some(e), _) => {
                        fuzzy |= e.fuzzy;
                        words.push(&e.value);
                    }
                    (None, Some((k, t))) => {
                        fuzzy |= k.state == SegmentState::Stale;
                        words.push(t);
                    }
                    (None, None) => {
                        untranslated.push(i + 1);
                        words.push(&seg.text);
                    }
                }
            }
            if untranslated.len() == segs.len() {
                continue;
            }
            if !untranslated.is_empty() {
                report.partial.push(PartialPage {
                    page: n.path.to_string(),
                    lang: self.lang.to_string(),
                    translated: segs.len() - untranslated.len(),
                    total: segs.len(),
                });
            }
            let theirs = existing.map(|t| (t, segments(t)));
            let text = match &theirs {
                Some((t, their_segs)) if shape(their_segs) == shape(&segs) => {
                    replace_segments(&t.text, their_segs, &words)
                }
                _ => replace_segments(&source.text, &segs, &words)
                    .map(|t| without_front_key(&t, "audio")),
            };
            let text = text.map(|t| with_untranslated(&t, &untranslated));
            let Some(mut text) = text else { continue };
            let file = translation_file(source, self.lang);
            let hash = body_hash(source.body());
            let words_changed = existing.is_none_or(|t| *t.text != *text);
            let marked_stale = existing
                .and_then(|t| t.front.translated_from.as_ref())
                .is_some_and(|from| from.hash != hash);
            // Every part translated from the source as it is now, and new words or a confirmed
            // stale page: record which source. A page left as it was is not touched.
            if !fuzzy && (words_changed || marked_stale) {
                kept.insert(format!("{hash}.md"), normalise(source.body()) + "\n");
                match with_translated_from(&text, &format!("{source_lang}:{hash}"), &file) {
                    Ok(t) => text = t,
                    Err(d) => problems.extend(d.0),
                }
            }
            if existing.is_none_or(|t| *t.text != *text) {
                changes.push(Change { path: file, text });
            }
        }
    }

    fn strings(
        &self,
        changes: &mut Vec<Change>,
        kept: &mut BTreeMap<String, String>,
        used: &mut BTreeSet<Key>,
    ) {
        let site = self.site;
        let (Some(source), Some(target)) = (
            site.language(&site.config.default_language),
            site.language(self.lang),
        ) else {
            return;
        };
        let mut text = target.locale.text.clone();
        let mut all = true;
        let mut fuzzy = false;
        for (key, source_text) in &source.locale.strings {
            // A file converted by another tool may have lost the key: then the text alone.
            let keyed = (Some(super::po::string_context(key)), source_text.clone());
            let bare = (None, source_text.clone());
            let found = [keyed, bare]
                .into_iter()
                .find_map(|k| self.entries.get(&k).map(|e| (k.clone(), *e)))
                .filter(|(_, e)| !e.value.is_empty());
            let Some((k, e)) = found else {
                all = false;
                continue;
            };
            used.insert(k);
            fuzzy |= e.fuzzy;
            if target.locale.strings.get(key) != Some(&e.value) {
                text = with_string(&text, key, &e.value);
            }
        }
        let hash = strings_hash(&source.locale.strings);
        let marked_stale = target
            .locale
            .translated_from
            .as_ref()
            .is_some_and(|from| from.hash != hash);
        // As for pages: recorded when words changed or a stale locale is confirmed.
        if all && !fuzzy && (text != target.locale.text || marked_stale) {
            kept.insert(format!("{hash}.toml"), snapshot(&source.locale.strings));
            let line = format!("translated_from = \"{}:{hash}\"", source.locale.lang);
            text = with_top_level_line(&text, &line);
        }
        if text != target.locale.text {
            changes.push(Change {
                path: target.locale.path.clone(),
                text,
            });
        }
    }
}

/// The kinds of a file's segments, in order: two files with the same shape line up block by
/// block.
fn shape(segs: &[Segment]) -> Vec<SegmentKind> {
    segs.iter().map(|s| s.kind).collect()
}

/// `content/rights/asylum.es.md` → `content/rights/asylum.mam.md`.
fn translation_file(source: &ContentFile, lang: &Lang) -> PathBuf {
    let name = source
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let suffix = format!(".{}.md", source.lang);
    let stem = name.strip_suffix(&suffix).unwrap_or(&name);
    source.file.with_file_name(format!("{stem}.{lang}.md"))
}

/// `text` with each segment's words replaced by `words` (in order): front matter values line by
/// line, blocks in place, continuation lines keeping the `> ` or indentation of their block.
/// What is already as it should be is left byte for byte.
fn replace_segments(text: &str, segs: &[Segment], words: &[&str]) -> Option<String> {
    let mut out = text.to_string();
    // From the end, so earlier ranges stay valid.
    for (seg, new) in segs.iter().zip(words).rev() {
        if seg.text == *new {
            continue;
        }
        out = match seg.kind {
            SegmentKind::Title => front_value(&out, "title", new)?,
            SegmentKind::Description => front_value(&out, "description", new)?,
            SegmentKind::Poster => front_value(&out, "poster", new)?,
            _ => replace_block(&out, seg, new),
        };
    }
    Some(out)
}

/// The front matter's `key = "…"` line set to `value`.
fn front_value(text: &str, key: &str, value: &str) -> Option<String> {
    let line = format!("{key} = {}", toml_string(value));
    with_front_matter_line(text, key, &line, Path::new("")).ok()
}

/// The front matter's `untranslated` line set to `parts`, or left out when every part is
/// translated.
fn with_untranslated(text: &str, parts: &[usize]) -> String {
    if parts.is_empty() {
        return without_front_key(text, "untranslated");
    }
    let list: Vec<String> = parts.iter().map(ToString::to_string).collect();
    let line = format!("untranslated = [{}]", list.join(", "));
    with_front_matter_line(text, "untranslated", &line, Path::new(""))
        .unwrap_or_else(|_| text.to_string())
}

/// The front matter without the line of `key`: a translation made from its source page does
/// not take the source's recording, which is in the source's language.
fn without_front_key(text: &str, key: &str) -> String {
    let Ok((front, _)) = crate::load::front_matter::split_front_matter(text, Path::new("")) else {
        return text.to_string();
    };
    let block: String = text[front.clone()]
        .split_inclusive('\n')
        .filter(|l| {
            !l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .collect();
    format!("{}{block}{}", &text[..front.start], &text[front.end..])
}

/// The links and images of inline Markdown, in order: kind and target.
fn links(markdown: &str) -> Vec<(bool, String)> {
    Parser::new_ext(markdown, crate::load::markdown_options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some((false, dest_url.to_string())),
            Event::Start(Tag::Image { dest_url, .. }) => Some((true, dest_url.to_string())),
            _ => None,
        })
        .collect()
}

/// A translation keeps its source's links and images, with the same targets.
fn same_links(source: &str, translation: &str, po: &Path, line: usize) -> Result<(), Diagnostic> {
    let (mut a, mut b) = (links(source), links(translation));
    a.sort();
    b.sort();
    if a == b {
        return Ok(());
    }
    let show = |v: &[(bool, String)]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter()
                .map(|(img, t)| format!("{}({t})", if *img { "![…]" } else { "[…]" }))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    Err(Diagnostic::error(
        "translate/links",
        po,
        format!(
            "the translation changes the links or images: the source has {}, the translation has {}",
            show(&a),
            show(&b)
        ),
    )
    .at_line(line, 1)
    .with_help("keep every [link text](target) and ![image](file) of the source, with the same target; only the words around and inside them change"))
}

/// The first words of a long text, for a message.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
