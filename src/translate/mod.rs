//! `amparo translate`: the site's text as segments a translator fills in, one language at a
//! time, in the files Poedit, Weblate and the like read.
//!
//! [`catalog`] lines up every segment of the source language (its pages' blocks and its UI
//! strings) with what a language already has: the blocks of its `<name>.<lang>.md` files and
//! the strings of `locales/<lang>.toml`. A segment is then translated, stale (its source
//! changed since; the old source text comes from `.amparo/sources/`), or missing. [`po`]
//! writes the catalog as a PO file.
//!
//! A translation's blocks are matched with the source its `translated_from` names, block by
//! block, so a translation written by hand counts as long as it keeps the source's blocks.

pub mod edit;
pub mod import;
pub mod po;
pub mod po_read;
pub mod script;
pub mod xliff;

use crate::diagnostics::Diagnostic;
use crate::fingerprint::{body_hash, kept_source};
use crate::lang::Lang;
use crate::load::ContentFile;
use crate::model::segments::{Segment, SegmentKind, segments};
use crate::model::{Language, NodeId, Site};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Where a segment stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentState {
    /// Translated from the source as it is now.
    Translated,
    /// Translated from an older source text, which changed since.
    Stale,
    /// Not translated.
    Missing,
}

/// One segment of the source language, with its translation into the catalog's language.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The segment as the source has it, with its place and context.
    pub source: Segment,
    /// The UI string key, for a segment of the locale file; `None` for a page's.
    pub key: Option<String>,
    /// The translation, when there is one (stale or not).
    pub translation: Option<String>,
    /// The source text the translation was made from, when it changed since.
    pub previous: Option<String>,
    /// Where the segment stands.
    pub state: SegmentState,
}

/// The segments of one page, or of the UI strings.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The page's path (`rights/asylum`), or `None` for the UI strings.
    pub page: Option<String>,
    /// The page's title in the source language, or the locale file's path.
    pub title: String,
    /// The source file, relative to the site's root.
    pub file: std::path::PathBuf,
    /// Every segment, in source order.
    pub entries: Vec<Entry>,
}

/// Everything a translator of one language receives.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The language the segments are written in (the site's default language).
    pub source_lang: Lang,
    /// The language they are translated into; `None` for a template (POT).
    pub lang: Option<Lang>,
    /// The site's title in the source language.
    pub site_title: String,
    /// The target language's name in English (`Mam`), empty for a template.
    pub lang_name: String,
    /// The site's pages in reading order, then the UI strings.
    pub units: Vec<Unit>,
    /// Source texts that pages translate differently: their entries are one per page.
    pub split: BTreeSet<String>,
    /// Problems found while lining up translations with their sources.
    pub problems: Vec<Diagnostic>,
}

/// Counts of segments by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every segment.
    pub total: usize,
    /// Translated from the current source.
    pub translated: usize,
    /// Translated from an older source.
    pub stale: usize,
    /// Not translated.
    pub missing: usize,
}

impl Counts {
    fn add(&mut self, state: SegmentState) {
        self.total += 1;
        match state {
            SegmentState::Translated => self.translated += 1,
            SegmentState::Stale => self.stale += 1,
            SegmentState::Missing => self.missing += 1,
        }
    }
}

impl Unit {
    /// This unit's segments by state.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for e in &self.entries {
            c.add(e.state);
        }
        c
    }
}

impl Catalog {
    /// Every segment of the catalog by state.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for e in self.units.iter().flat_map(|u| &u.entries) {
            c.add(e.state);
        }
        c
    }
}

/// Loads the site at `root` and makes the catalog of `lang` (a template when `None`). A
/// language the site does not list, or the source language itself, is an error.
pub fn open(root: &std::path::Path, lang: Option<&str>) -> Result<Catalog, crate::Diagnostics> {
    let (site, _) = crate::resolve_site(root, false)?;
    let lang = lang.map(|l| target_language(&site, l)).transpose()?;
    Ok(catalogs(&site, &[lang.as_ref()]).remove(0))
}

/// The catalogs of every language of the site but the source language, in `site.toml`'s order.
pub fn open_all(root: &std::path::Path) -> Result<Vec<Catalog>, crate::Diagnostics> {
    let (site, _) = crate::resolve_site(root, false)?;
    let langs: Vec<Option<&Lang>> = targets(&site).map(Some).collect();
    Ok(catalogs(&site, &langs))
}

/// Every language of the site but the source language, in `site.toml`'s order.
fn targets(site: &Site) -> impl Iterator<Item = &Lang> {
    site.config
        .languages
        .iter()
        .filter(|l| **l != site.config.default_language)
}

/// `tag` as a language to translate into.
fn target_language(site: &Site, tag: &str) -> Result<Lang, crate::Diagnostics> {
    let one = |d: Diagnostic| crate::Diagnostics(vec![d]);
    let listed =
        crate::diagnostics::did_you_mean(tag, site.config.languages.iter().map(Lang::as_str));
    let lang = Lang::parse(tag)
        .ok()
        .filter(|l| site.config.languages.contains(l));
    let Some(lang) = lang else {
        let hint = listed.map_or(String::new(), |s| format!("did you mean `{s}`? "));
        return Err(one(Diagnostic::error(
            "translate/lang",
            &site.config.path,
            format!("`{tag}` is not one of the site's languages"),
        )
        .with_help(format!(
            "{hint}the languages are listed under `languages` in site.toml: {}",
            site.config.language_tags().join(", ")
        ))));
    };
    if lang == site.config.default_language {
        return Err(one(Diagnostic::error(
            "translate/lang",
            &site.config.path,
            format!("`{tag}` is the language the site is written in: its text is the source"),
        )
        .with_help("give the language to translate into, e.g. --lang mam; --format pot writes the template")));
    }
    Ok(lang)
}

/// The catalog of `lang` (a template when `None`): every segment of the source language's
/// pages, in reading order, then its UI strings, each with the translation `lang` has.
pub fn catalog(site: &Site, lang: Option<&Lang>) -> Catalog {
    catalogs(site, &[lang]).remove(0)
}

/// The catalogs of `langs`. Every language's pages are lined up with their sources once, for
/// the texts pages translate differently, and reused for the catalogs asked for.
fn catalogs(site: &Site, langs: &[Option<&Lang>]) -> Vec<Catalog> {
    let mut lined_up: BTreeMap<&Lang, (Vec<Unit>, Vec<Diagnostic>)> = targets(site)
        .map(|l| {
            let mut problems = Vec::new();
            (l, (page_units(site, Some(l), &mut problems), problems))
        })
        .collect();
    let split = translated_differently(lined_up.values().map(|(units, _)| units.as_slice()));
    langs
        .iter()
        .map(|&lang| {
            let (units, problems) = match lang.and_then(|l| lined_up.remove(l)) {
                Some(done) => done,
                None => {
                    let mut problems = Vec::new();
                    (page_units(site, lang, &mut problems), problems)
                }
            };
            one_catalog(site, lang, units, problems, split.clone())
        })
        .collect()
}

/// A catalog of `lang` from its pages' units: the UI strings added.
fn one_catalog(
    site: &Site,
    lang: Option<&Lang>,
    mut units: Vec<Unit>,
    problems: Vec<Diagnostic>,
    split: BTreeSet<String>,
) -> Catalog {
    let source_lang = site.config.default_language.clone();
    if let Some(source) = site.language(&source_lang) {
        let target = lang.and_then(|l| site.language(l));
        units.push(strings_unit(site, source, target));
    }
    Catalog {
        site_title: site
            .language(&source_lang)
            .map(|l| l.site_title.clone())
            .unwrap_or_default(),
        lang_name: lang
            .and_then(|l| site.language(l))
            .map(|l| l.locale.english_name.clone())
            .unwrap_or_default(),
        split,
        source_lang,
        lang: lang.cloned(),
        units,
        problems,
    }
}

/// Source texts that two pages translate differently in some language of the site. Their
/// entries are told apart by page in every language's file and in the template alike, so that
/// every file of one site has the same entries and gettext's tools merge them without guessing.
fn translated_differently<'a>(languages: impl Iterator<Item = &'a [Unit]>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for units in languages {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for e in units.iter().flat_map(|u| &u.entries) {
            let Some(t) = e.translation.as_deref() else {
                continue;
            };
            match seen.get(e.source.text.as_str()) {
                Some(other) if *other != t => {
                    out.insert(e.source.text.clone());
                }
                Some(_) => {}
                None => {
                    seen.insert(&e.source.text, t);
                }
            }
        }
    }
    out
}

/// The pages' units of `lang`, in reading order.
fn page_units(site: &Site, lang: Option<&Lang>, problems: &mut Vec<Diagnostic>) -> Vec<Unit> {
    let source_lang = &site.config.default_language;
    let mut units = Vec::new();
    let order = std::iter::once(NodeId::HOME).chain(site.reading_order.iter().copied());
    for node in order {
        let n = site.node(node);
        let Some(&source_id) = n.translations.get(source_lang) else {
            continue;
        };
        let source = site.source(source_id);
        let translation = lang
            .and_then(|l| n.translations.get(l))
            .map(|&t| site.source(t));
        let entries = page_entries(site, source, translation, problems);
        units.push(Unit {
            page: Some(n.path.as_str().to_string()),
            title: source.front.title.clone(),
            file: source.file.clone(),
            entries,
        });
    }
    units
}

/// The segments of `translation` that went stale when `source` changed: each with the source
/// text it was translated from (`previous`) and the source text now. Empty when the old
/// source is not kept, or the translation's blocks do not line up with it.
pub fn stale_segments(site: &Site, source: &ContentFile, translation: &ContentFile) -> Vec<Entry> {
    page_entries(site, source, Some(translation), &mut Vec::new())
        .into_iter()
        .filter(|e| e.state == SegmentState::Stale && e.previous.is_some())
        .collect()
}

/// Whether a partly translated page is still up to date though its source changed: only parts
/// it leaves untranslated changed (they are shown as the source has them now), its translated
/// parts' source text is the same, and the source still has the same blocks. `false` when the
/// source text it was made from is not kept.
pub fn only_untranslated_changed(
    site: &Site,
    source: &ContentFile,
    translation: &ContentFile,
) -> bool {
    let Some(from) = &translation.front.translated_from else {
        return false;
    };
    if translation.front.untranslated.is_empty()
        || !kept_source(&site.root, &from.hash, "md").exists()
    {
        return false;
    }
    let kinds = |f: &ContentFile| segments(f).iter().map(|s| s.kind).collect::<Vec<_>>();
    kinds(source) == kinds(translation)
        && page_entries(site, source, Some(translation), &mut Vec::new())
            .iter()
            .all(|e| e.state != SegmentState::Stale)
}

/// The entries of one page: its source segments, lined up with the translation's.
fn page_entries(
    site: &Site,
    source: &ContentFile,
    translation: Option<&ContentFile>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let now = segments(source);
    let Some(translation) = translation else {
        return now.into_iter().map(missing).collect();
    };
    let theirs = segments(translation);
    // What the translation was made from: the kept source of its `translated_from`, or the
    // source as it is now when that is what it names (or names nothing).
    let made_from = match &translation.front.translated_from {
        Some(from) if from.hash != body_hash(source.body()) => kept_body(site, source, &from.hash),
        _ => Some(now.clone()),
    };
    let Some(made_from) = made_from else {
        // The old source is not kept: its blocks are unknown, so every translated block is
        // counted stale against the block at the same place now.
        return line_up(&now, &now, &theirs, translation, problems, true);
    };
    line_up(&now, &made_from, &theirs, translation, problems, false)
}

/// The segments of the source body kept under `hash`, with the current front matter (a kept
/// source holds the body only).
fn kept_body(site: &Site, source: &ContentFile, hash: &str) -> Option<Vec<Segment>> {
    let body = std::fs::read_to_string(kept_source(&site.root, hash, "md")).ok()?;
    let head = &source.text[..source.body_offset];
    let old = ContentFile {
        text: format!("{head}{body}").into(),
        ..source.clone()
    };
    Some(segments(&old))
}

/// Lines up the translation's segments (`theirs`) with the source they were made from
/// (`made_from`, block by block), then each segment of the source now with its translation by
/// text: unchanged text keeps its translation, changed text is stale with the old text as its
/// previous source, new text is missing. `all_stale`: the made-from source is unknown.
fn line_up(
    now: &[Segment],
    made_from: &[Segment],
    theirs: &[Segment],
    translation: &ContentFile,
    problems: &mut Vec<Diagnostic>,
    all_stale: bool,
) -> Vec<Entry> {
    let shape = |s: &[Segment]| s.iter().map(|x| x.kind).collect::<Vec<SegmentKind>>();
    if shape(made_from) != shape(theirs) {
        problems.push(
            Diagnostic::warning(
                "translate/shape",
                &translation.file,
                format!(
                    "this translation has {} blocks where its source has {}, so its text cannot be matched block by block; its segments are counted missing",
                    theirs.len(),
                    made_from.len()
                ),
            )
            .with_help("give the translation the same headings, paragraphs, list items and table cells as its source, in the same order"),
        );
        return now.iter().cloned().map(missing).collect();
    }
    // The parts a partly translated page lists as untranslated hold the source's words only.
    let own = |i: usize| !translation.front.untranslated.contains(&(i + 1));
    let by_text: BTreeMap<&str, &str> = made_from
        .iter()
        .zip(theirs)
        .enumerate()
        .filter(|&(i, _)| own(i))
        .map(|(_, (a, b))| (a.text.as_str(), b.text.as_str()))
        .collect();
    let changed = changed_pairs(made_from, now);
    now.iter()
        .enumerate()
        .map(|(i, seg)| {
            if !all_stale && let Some(t) = by_text.get(seg.text.as_str()) {
                return Entry {
                    source: seg.clone(),
                    key: None,
                    translation: Some(t.to_string()),
                    previous: None,
                    state: SegmentState::Translated,
                };
            }
            let old = if all_stale {
                Some(i)
            } else {
                changed.get(&i).copied()
            }
            .filter(|&o| own(o));
            match old.and_then(|o| Some((made_from.get(o)?, theirs.get(o)?))) {
                Some((before, t)) => Entry {
                    source: seg.clone(),
                    key: None,
                    translation: Some(t.text.clone()),
                    previous: (before.text != seg.text).then(|| before.text.clone()),
                    state: SegmentState::Stale,
                },
                None => missing(seg.clone()),
            }
        })
        .collect()
}

/// For each segment of `now` that replaced one of `before` in place (same kind), the index of
/// the one it replaced.
fn changed_pairs(before: &[Segment], now: &[Segment]) -> BTreeMap<usize, usize> {
    let old: Vec<&str> = before.iter().map(|s| s.text.as_str()).collect();
    let new: Vec<&str> = now.iter().map(|s| s.text.as_str()).collect();
    let mut pairs = BTreeMap::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new) {
        if let similar::DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } = op
        {
            for k in 0..old_len.min(new_len) {
                if before[old_index + k].kind == now[new_index + k].kind {
                    pairs.insert(new_index + k, old_index + k);
                }
            }
        }
    }
    pairs
}

fn missing(source: Segment) -> Entry {
    Entry {
        source,
        key: None,
        translation: None,
        previous: None,
        state: SegmentState::Missing,
    }
}

/// The UI strings of the source locale, with the target language's own strings.
fn strings_unit(site: &Site, source: &Language, target: Option<&Language>) -> Unit {
    let locale = &source.locale;
    let old = target
        .and_then(|t| t.locale.translated_from.as_ref())
        .filter(|from| from.hash != crate::fingerprint::strings_hash(&locale.strings))
        .map(|from| kept_strings(&site.root, &from.hash));
    let entries = locale
        .strings
        .iter()
        .map(|(key, text)| {
            let own = target.and_then(|t| t.locale.strings.get(key));
            let line = locale
                .string_spans
                .get(key)
                .map_or(1, |r| locale.text[..r.start].matches('\n').count() + 1);
            let then = old.as_ref().map(|o| o.as_ref().and_then(|m| m.get(key)));
            let (state, previous) = match (own, then) {
                (None, _) => (SegmentState::Missing, None),
                (Some(_), None | Some(None)) if old.as_ref().is_some_and(Option::is_none) => {
                    (SegmentState::Stale, None)
                }
                (Some(_), Some(Some(then))) if then != text => {
                    (SegmentState::Stale, Some(then.clone()))
                }
                (Some(_), _) => (SegmentState::Translated, None),
            };
            Entry {
                source: Segment {
                    kind: SegmentKind::Paragraph,
                    text: text.clone(),
                    range: 0..0,
                    line,
                    heading: None,
                    note: None,
                },
                key: Some(key.clone()),
                translation: own.cloned(),
                previous,
                state,
            }
        })
        .collect();
    Unit {
        page: None,
        title: locale.path.display().to_string(),
        file: locale.path.clone(),
        entries,
    }
}

/// The source strings kept when a locale was marked with `hash`; `None` when they are not kept.
pub fn kept_strings(root: &std::path::Path, hash: &str) -> Option<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(kept_source(root, hash, "toml")).ok()?;
    toml::from_str(&text).ok()
}
