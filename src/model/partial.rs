//! Partly translated pages: a translation that lists `untranslated = [4, 7]` in its front
//! matter keeps the source's blocks, with its own words in some and the source's in the others.
//! Those parts are shown in the words of the next language of the page's chain that has the
//! whole page with the same blocks, as that page is now: a corrected Spanish paragraph reaches
//! the Mam page too. When no such page lines up (the source gained or lost a block since), the
//! file's own copy of the words is shown.

use super::Site;
use super::segments::{Segment, SegmentKind, replace_block, segments};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::ContentFile;
use std::ops::Range;

/// A partly translated page, ready to render.
#[derive(Debug, Clone)]
pub struct Partial {
    /// The page with every untranslated part in the words it is shown in.
    pub file: ContentFile,
    /// The language those parts are shown in.
    pub lang: Lang,
    /// Where the untranslated parts of the body are in `file.text`, in order.
    pub spans: Vec<Range<usize>>,
    /// Whether the title is one of them.
    pub title: bool,
    /// Parts in the page's own language.
    pub translated: usize,
    /// All its parts.
    pub total: usize,
}

/// How much of a page is in its own language: `None` for a page with no untranslated part.
pub fn counts(file: &ContentFile) -> Option<(usize, usize)> {
    if file.front.untranslated.is_empty() {
        return None;
    }
    let total = segments(file).len();
    Some((total.saturating_sub(file.front.untranslated.len()), total))
}

/// `file` with its untranslated parts filled in, or `None` when it has none. A part number
/// beyond the page's parts is an error.
pub fn compose(site: &Site, file: &ContentFile) -> Option<Result<Partial, Diagnostic>> {
    let parts = &file.front.untranslated;
    if parts.is_empty() {
        return None;
    }
    let own = segments(file);
    if let Some(&beyond) = parts.iter().find(|&&p| p > own.len()) {
        return Some(Err(beyond_parts(file, beyond, own.len())));
    }
    let (lang, words) = match lender(site, file, &own) {
        Some((lang, theirs)) => (lang, theirs),
        None => (copies_lang(site, file), own.clone()),
    };
    let mut out = file.clone();
    let mut text = file.text.to_string();
    // From the end, so the ranges before stay valid.
    for &p in parts.iter().rev() {
        let (mine, theirs) = (&own[p - 1], &words[p - 1]);
        match mine.kind {
            SegmentKind::Title => out.front.title = theirs.text.clone(),
            SegmentKind::Description => out.front.description = Some(theirs.text.clone()),
            SegmentKind::Poster => out.front.poster = Some(theirs.text.clone()),
            _ => text = replace_block(&text, mine, &theirs.text),
        }
    }
    out.text = text.into();
    let spans = segments(&out)
        .into_iter()
        .enumerate()
        .filter(|(i, s)| parts.contains(&(i + 1)) && !is_front(s))
        .map(|(_, s)| s.range)
        .collect();
    Some(Ok(Partial {
        title: own
            .iter()
            .enumerate()
            .any(|(i, s)| s.kind == SegmentKind::Title && parts.contains(&(i + 1))),
        translated: own.len() - parts.len(),
        total: own.len(),
        file: out,
        lang,
        spans,
    }))
}

fn is_front(s: &Segment) -> bool {
    matches!(
        s.kind,
        SegmentKind::Title | SegmentKind::Description | SegmentKind::Poster
    )
}

/// The first language after the file's own in its chain whose page is whole and has the same
/// blocks, with that page's segments.
fn lender(site: &Site, file: &ContentFile, own: &[Segment]) -> Option<(Lang, Vec<Segment>)> {
    let node = site.by_path.get(&file.path)?;
    let chain = &site.language(&file.lang)?.chain;
    chain.fallbacks().iter().find_map(|l| {
        let other = site.source(*site.node(*node).translations.get(l)?);
        if !other.front.untranslated.is_empty() {
            return None;
        }
        let theirs = segments(other);
        let same =
            theirs.len() == own.len() && theirs.iter().zip(own).all(|(a, b)| a.kind == b.kind);
        same.then(|| (l.clone(), theirs))
    })
}

/// The language the file's own copies of untranslated parts are in: the one it was translated
/// from, or the site's source language.
fn copies_lang(site: &Site, file: &ContentFile) -> Lang {
    file.front
        .translated_from
        .as_ref()
        .map_or_else(|| site.config.default_language.clone(), |t| t.lang.clone())
}

fn beyond_parts(file: &ContentFile, part: usize, total: usize) -> Diagnostic {
    let key = file.text[..file.body_offset]
        .find("untranslated")
        .unwrap_or(0);
    Diagnostic::error(
        "front-matter/untranslated",
        &file.file,
        format!("`untranslated` lists part {part}, but the page has {total} parts"),
    )
    .at(&file.text, key..key + "untranslated".len())
    .with_help("number the parts as `amparo translate script` does: the title is 1, then the description and poster line when there are, then each heading, paragraph, list item and table cell in order")
}
