//! Links: every `#anchor` must be a heading of the page it points to, in every language that
//! shows the link (a translation may name its headings differently). Links to pages and files
//! are already checked by the build; external links are listed, never fetched.

use super::Findings;
use super::scan::{LineIndex, Scan};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::{Site, SourceId};
use crate::page_path::percent_decode;
use crate::render::links::page_target;
use crate::render::page_heading_ids;
use crate::rules::id;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A link to another website, as written.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExternalLink {
    /// The address as written, trimmed: `https://example.org/ayuda`.
    pub url: String,
    /// The content file it is written in, relative to the site root: `content/rights/asylum.es.md`.
    pub path: PathBuf,
    /// The 1-based line of the link in that file.
    pub line: u32,
}

/// Checks anchors and lists external links.
pub fn check(site: &Site, scans: &[Scan], findings: &mut Findings) -> Vec<ExternalLink> {
    let languages = site.config.language_tags();
    let mut ids: HashMap<SourceId, Vec<String>> = HashMap::new();
    let mut external = Vec::new();
    for (fi, (file, scan)) in site.sources.iter().zip(scans).enumerate() {
        let fi = SourceId::new(fi);
        let lines = LineIndex::new(&file.text);
        let Some(&node) = site.by_path.get(&file.path) else {
            continue;
        };
        for link in &scan.links {
            let dest = link.dest.trim();
            if dest.starts_with("http://") || dest.starts_with("https://") {
                external.push(ExternalLink {
                    url: dest.to_string(),
                    path: file.file.clone(),
                    line: lines.line(link.range.start),
                });
                continue;
            }
            let Some((target, Some(anchor))) = page_target(file, dest, &languages) else {
                continue;
            };
            let anchor = percent_decode(&anchor).unwrap_or(anchor);
            if anchor.is_empty() {
                continue;
            }
            let Some(&target_node) = site.by_path.get(&target) else {
                continue; // a broken page link is a build error
            };
            // Languages that show this file, grouped by the file they show for the target.
            let mut missing: BTreeMap<Option<SourceId>, Vec<String>> = BTreeMap::new();
            for lang in &site.config.languages {
                if site.source_for(node, lang) != Some(fi) {
                    continue;
                }
                let shown = site.source_for(target_node, lang);
                let has = shown.is_some_and(|s| {
                    ids.entry(s)
                        .or_insert_with(|| page_heading_ids(site, s))
                        .contains(&anchor)
                });
                if !has {
                    missing.entry(shown).or_default().push(lang.to_string());
                }
            }
            for (shown, langs) in missing {
                let (name, headings) = match shown {
                    Some(s) => (
                        site.source(s).file.display().to_string(),
                        ids.get(&s).cloned().unwrap_or_default(),
                    ),
                    None => ("the home page".to_string(), Vec::new()),
                };
                let hint = match did_you_mean(&anchor, headings.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `#{s}`? "),
                    None => String::new(),
                };
                let list = if headings.is_empty() {
                    "it has no headings".to_string()
                } else {
                    format!(
                        "its headings: {}",
                        headings
                            .iter()
                            .map(|h| format!("#{h}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                findings.push(
                    Diagnostic::error(
                        id::LINKS_ANCHOR,
                        &file.file,
                        format!(
                            "there is no heading `#{anchor}` in {name}, the page {} readers see",
                            langs.join(", ")
                        ),
                    )
                    .at_indexed(&lines, &file.text, link.range.clone())
                    .with_help(format!("{hint}{list}")),
                );
            }
        }
    }
    external
}
