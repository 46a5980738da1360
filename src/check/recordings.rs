//! Recordings: for a language whose readers mostly listen (`audio_first = true`), which pages
//! have a recording in it and which have none yet; and, in every language, a recording saved
//! before the text it reads last changed, which may no longer say what the page says.
//!
//! "Before" is read from the files' modification times, with a minute's leeway so that a fresh
//! copy of the site (a clone, an unzipped folder), whose files all get the time of copying, is
//! not flagged. `touch` on a recording marks it as checked against the page.

use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::{NodeId, Site};
use crate::rules::id;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A text changed this long after its recording was saved counts as changed after it.
const LEEWAY: Duration = Duration::from_secs(60);

/// The recordings of one language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recorded {
    /// Pages with a recording in the language.
    pub recorded: usize,
    /// Pages without one, by path (`(home)` for the home page), in reading order.
    pub missing: Vec<String>,
}

/// The recordings of `lang`, when its readers mostly listen; `None` otherwise. Stale
/// recordings of every language are findings.
pub fn check(site: &Site, lang: &crate::lang::Lang, findings: &mut Findings) -> Option<Recorded> {
    for node in site.node_ids() {
        if let Some((rel, l)) = site.audio_for(node, lang)
            && l == lang
        {
            stale(site, node, lang, rel, findings);
        }
    }
    let audio_first = site.language(lang)?.locale.audio_first;
    if !audio_first {
        return None;
    }
    let mut out = Recorded::default();
    let order = std::iter::once(NodeId::HOME).chain(site.reading_order.iter().copied());
    for node in order {
        match site.audio_for(node, lang) {
            Some((_, l)) if l == lang => out.recorded += 1,
            _ => {
                let p = site.node(node).path.as_str();
                out.missing.push(if p.is_empty() {
                    "(home)".into()
                } else {
                    p.into()
                });
            }
        }
    }
    Some(out)
}

/// Flags the recording `rel` of a node in `lang` when a text it reads changed after it: the
/// page's file in `lang`, if any, and its source in the site's default language.
fn stale(site: &Site, node: NodeId, lang: &crate::lang::Lang, rel: &str, findings: &mut Findings) {
    let recording = PathBuf::from("content").join(rel);
    let Some(saved) = modified(&site.root.join(&recording)) else {
        return;
    };
    let n = site.node(node);
    let texts = [Some(lang), Some(&site.config.default_language)]
        .into_iter()
        .flatten()
        .filter_map(|l| n.translations.get(l))
        .map(|&s| &site.source(s).file);
    let newer = texts
        .filter_map(|f| Some((f, modified(&site.root.join(f))?)))
        .filter(|(_, t)| *t > saved + LEEWAY)
        .max_by_key(|(_, t)| *t);
    if let Some((text, changed)) = newer {
        findings.push(
            Diagnostic::warning(
                id::RECORDINGS_STALE,
                &recording,
                format!(
                    "this recording was saved before {} last changed ({} after it): it may not say what the page says now",
                    text.display(),
                    how_long(changed.duration_since(saved).unwrap_or_default())
                ),
            )
            .with_help(format!(
                "listen to it against the page, and record it again from `amparo translate script --lang {lang}` if it no longer fits; if it still does, `touch {}` marks it as checked",
                recording.display()
            )),
        );
    }
}

/// Files named as recordings in a site language that no page has the name of, nor plays
/// through its `audio`: most likely a typo in the name, and the page stays silent.
pub fn unmatched(site: &Site, findings: &mut Findings) {
    let played: std::collections::HashSet<&str> = site
        .recordings
        .values()
        .map(String::as_str)
        .chain(site.sources.iter().filter_map(|s| s.front.audio.as_deref()))
        .collect();
    for asset in &site.assets {
        let Some((_, lang, _)) =
            crate::model::recordings::named_as_recording(&asset.rel, &site.config.languages)
        else {
            continue;
        };
        if played.contains(asset.rel.as_str()) {
            continue;
        }
        let names: Vec<String> = site
            .node_ids()
            .map(|n| {
                let node = site.node(n);
                let section = node.kind != crate::load::SourceKind::Page;
                crate::model::recordings::file_name(&node.path, section, &lang)
            })
            .collect();
        let stem = asset
            .rel
            .rsplit_once('.')
            .map_or(asset.rel.as_str(), |(s, _)| s);
        let guess = crate::diagnostics::did_you_mean(
            stem,
            names
                .iter()
                .map(|n| n.rsplit_once('.').map_or(n.as_str(), |(s, _)| s)),
        );
        let file = PathBuf::from("content").join(&asset.rel);
        findings.push(
            Diagnostic::warning(
                id::RECORDINGS_UNMATCHED,
                &file,
                format!("this is named as a {lang} recording, but no page has that name, so no page plays it"),
            )
            .with_help(match guess {
                Some(g) => format!("did you mean content/{g}.{}? Rename the file to the name `amparo translate script --lang {lang}` gives", asset.rel.rsplit_once('.').map_or("mp3", |(_, e)| e)),
                None => format!("rename it to the name `amparo translate script --lang {lang}` gives for its page"),
            }),
        );
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `3 days`, `5 hours`, `12 minutes`, rounded.
fn how_long(d: Duration) -> String {
    let s = d.as_secs();
    let (size, unit) = match s {
        0..3_570 => (60, "minute"),
        3_570..84_600 => (3_600, "hour"),
        _ => (86_400, "day"),
    };
    let n = (s + size / 2) / size;
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}
