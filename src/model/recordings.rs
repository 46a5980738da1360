//! Recordings found by their name: `content/rights/asylum.mam.mp3` is the Mam recording of the
//! page `rights/asylum`, and `content/rights/_index.mam.mp3` of the section. A recorder saves
//! the file under the name the recording script gives, and the page plays it in that language
//! even before it has any Mam text. A page's own `audio = "…"` still wins.

use super::NodeId;
use crate::lang::Lang;
use crate::load::ContentAsset;
use crate::page_path::PagePath;
use std::collections::HashMap;

/// The file endings a recording may have, the one the script names first: what phones record
/// (`.m4a`, WhatsApp's `.opus` and `.ogg`) and what every browser plays (`.mp3`).
pub const EXTENSIONS: [&str; 4] = ["mp3", "m4a", "ogg", "opus"];

/// The name a page's recording in `lang` is saved under, relative to `content/`:
/// `rights/asylum.mam.mp3`, `_index.mam.mp3` for the home page.
pub fn file_name(path: &PagePath, is_section: bool, lang: &Lang) -> String {
    let p = path.as_str();
    match (p.is_empty(), is_section) {
        (true, _) => format!("_index.{lang}.{}", EXTENSIONS[0]),
        (false, true) => format!("{p}/_index.{lang}.{}", EXTENSIONS[0]),
        (false, false) => format!("{p}.{lang}.{}", EXTENSIONS[0]),
    }
}

/// Every recording among the content assets, by the page and language its name gives. Of two
/// recordings of one page in one language, the first ending of [`EXTENSIONS`] is taken.
pub fn find(
    assets: &[ContentAsset],
    by_path: &HashMap<PagePath, NodeId>,
    languages: &[Lang],
) -> HashMap<(NodeId, Lang), String> {
    let mut out: HashMap<(NodeId, Lang), (usize, String)> = HashMap::new();
    for asset in assets {
        let Some((node, lang, rank)) = recording_of(&asset.rel, by_path, languages) else {
            continue;
        };
        let better = out
            .get(&(node, lang.clone()))
            .is_none_or(|(r, _)| rank < *r);
        if better {
            out.insert((node, lang), (rank, asset.rel.clone()));
        }
    }
    out.into_iter().map(|(k, (_, rel))| (k, rel)).collect()
}

/// `rights/asylum.mam.mp3` → (`rights/asylum`, `mam`, the ending's rank): a file named as a
/// recording in a site language, whether or not a page has that name.
pub fn named_as_recording(rel: &str, languages: &[Lang]) -> Option<(String, Lang, usize)> {
    let (rest, ext) = rel.rsplit_once('.')?;
    let rank = EXTENSIONS
        .iter()
        .position(|e| e.eq_ignore_ascii_case(ext))?;
    let (stem, tag) = rest.rsplit_once('.')?;
    let lang = languages.iter().find(|l| l.as_str() == tag)?.clone();
    Some((stem.to_string(), lang, rank))
}

/// `rights/asylum.mam.mp3` → (the node `rights/asylum`, `mam`, the ending's rank).
fn recording_of(
    rel: &str,
    by_path: &HashMap<PagePath, NodeId>,
    languages: &[Lang],
) -> Option<(NodeId, Lang, usize)> {
    let (stem, lang, rank) = named_as_recording(rel, languages)?;
    let stem = stem.as_str();
    let page = match stem.strip_suffix("_index") {
        Some(dir) => dir.trim_end_matches('/'),
        None => stem,
    };
    let path = PagePath::from_segments(page.split('/').filter(|s| !s.is_empty()));
    Some((*by_path.get(&path)?, lang, rank))
}
