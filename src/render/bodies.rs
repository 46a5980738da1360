//! Bodies: every source file's Markdown rendered once, for its pages or for the booklet (all
//! kept for the preview, or those of one booklet as a build makes it), with
//! the heading ids a translation takes from its source and the parts a partly translated page
//! borrows; and one body rendered again after an edit, for preview.

use super::context::Common;
use super::links::LinkTargets;
use super::markdown::{self, Body, BodyStrings, Placement};
use super::{Prepared, print};
use crate::diagnostics::Diagnostic;
use crate::files::{self, OutputFile};
use crate::model::{NodeId, Site, SourceId};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// The bodies as a booklet shows them: its links start from its own place (their problems are
/// the pages' bodies', reported with those).
#[derive(Default)]
pub(super) enum PrintBodies {
    /// The theme has no booklet.
    #[default]
    None,
    /// Every source's, kept: the preview makes a booklet again after an edit.
    Kept(Vec<Body>),
    /// Made for each booklet as it is made, and let go after it: a build holds one
    /// language's at a time.
    PerBooklet,
}

impl Prepared {
    /// The booklet of `language` (in parts past [`print::SPLIT_AT`] pages), when the theme
    /// has one.
    pub(super) fn booklet(
        &self,
        common: &Common,
        language: &crate::model::Language,
    ) -> Option<Result<Vec<OutputFile>, Diagnostic>> {
        match &self.print_bodies {
            PrintBodies::None => None,
            PrintBodies::Kept(bodies) => Some(print::booklet(common, bodies, language)),
            PrintBodies::PerBooklet => {
                let site = common.site;
                let mut bodies = vec![Body::default(); site.sources.len()];
                let shown = print::sources_shown(site, &language.locale.lang);
                let page_ids: Vec<&[String]> = (shown.iter())
                    .map(|id| self.bodies[id.index()].ids.as_slice())
                    .collect();
                let made = render_chapters(site, &shown, &page_ids);
                for (id, (body, _)) in shown.iter().zip(made) {
                    bodies[id.index()] = body;
                }
                Some(print::booklet(common, &bodies, language))
            }
        }
    }
}

/// Renders every source file's body once for its page, with each one's problems.
pub(super) fn render_bodies(site: &Site) -> (Vec<Body>, Vec<Vec<Diagnostic>>) {
    let all: Vec<SourceId> = (0..site.sources.len()).map(SourceId::new).collect();
    render_pages(site, &all).into_iter().unzip()
}

/// The page bodies of the sources `ids`, in that order, each with its problems, in parallel.
/// Those in the site's default language come first: a translation's headings take their ids,
/// so each is parsed once rather than once more for its translations.
pub(super) fn render_pages(site: &Site, ids: &[SourceId]) -> Vec<(Body, Vec<Diagnostic>)> {
    let default = &site.config.default_language;
    let (firsts, rest): (Vec<usize>, Vec<usize>) =
        (0..ids.len()).partition(|&k| site.source(ids[k]).lang == *default);
    with_link_targets(site, |targets| {
        let mut made: Vec<Option<(Body, Vec<Diagnostic>)>> = vec![None; ids.len()];
        let firsts_made: Vec<_> = firsts
            .par_iter()
            .map(|&k| body(site, targets, site.source(ids[k]), Placement::Page, None))
            .collect();
        for (&k, m) in firsts.iter().zip(firsts_made) {
            made[k] = Some(m);
        }
        let known = known_heading_ids(site, ids, &made);
        let rest_ids: Vec<SourceId> = rest.iter().map(|&k| ids[k]).collect();
        let source_ids = source_heading_ids(site, &rest_ids, &known);
        let rest_made: Vec<_> = rest_ids
            .par_iter()
            .map(|&i| {
                let file = site.source(i);
                let take = ids_to_take(site, file, &source_ids, &known);
                body(site, targets, file, Placement::Page, take)
            })
            .collect();
        for (&k, m) in rest.iter().zip(rest_made) {
            made[k] = Some(m);
        }
        made.into_iter().map(Option::unwrap_or_default).collect()
    })
}

/// The booklet chapters of the sources `ids`, in that order, each with its problems, in
/// parallel. A chapter's headings have the ids of the same source's page body (`page_ids`, in
/// the same order): the ids do not depend on where a body is shown.
pub(super) fn render_chapters(
    site: &Site,
    ids: &[SourceId],
    page_ids: &[&[String]],
) -> Vec<(Body, Vec<Diagnostic>)> {
    with_link_targets(site, |targets| {
        ids.par_iter()
            .zip(page_ids.par_iter())
            .map(|(&i, &take)| {
                body(
                    site,
                    targets,
                    site.source(i),
                    Placement::Chapter,
                    Some(take),
                )
            })
            .collect()
    })
}

/// The heading ids of the default-language page bodies just made (`made`, by place in `ids`),
/// by node, for their translations: only of bodies made whole, without problems.
fn known_heading_ids<'a>(
    site: &Site,
    ids: &[SourceId],
    made: &'a [Option<(Body, Vec<Diagnostic>)>],
) -> HashMap<NodeId, &'a [String]> {
    ids.iter()
        .zip(made)
        .filter_map(|(&i, m)| {
            let (body, problems) = m.as_ref()?;
            if !problems.is_empty() || body.partial.is_some() {
                return None;
            }
            let node = site.by_path.get(&site.source(i).path)?;
            Some((*node, body.ids.as_slice()))
        })
        .collect()
}

/// A hash of some bytes, the same within one run of the program.
pub fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Calls `f` with what links in a body resolve against: the site's pages, assets and languages.
pub(super) fn with_link_targets<R>(site: &Site, f: impl FnOnce(&LinkTargets) -> R) -> R {
    let assets: HashMap<String, Option<crate::load::Picture>> = site
        .assets
        .iter()
        .map(|a| (a.rel.clone(), a.picture.clone()))
        .collect();
    let left_out: HashMap<String, String> = site
        .left_out
        .iter()
        .filter_map(|l| {
            let rel = l.path.strip_prefix("content/")?;
            Some((rel.to_string(), l.reason.describe()))
        })
        .collect();
    let languages = site.config.language_tags();
    let drafts: HashSet<crate::page_path::PagePath> = site
        .drafts
        .iter()
        .map(|d| d.path.clone())
        .filter(|p| !site.by_path.contains_key(p))
        .collect();
    f(&LinkTargets {
        pages: &site.by_path,
        assets: &assets,
        left_out: &left_out,
        languages: &languages,
        drafts: &drafts,
    })
}

/// One source file's body, its links relative to where `placement` shows it: the page's own
/// file, or the booklet (in any language's folder: every language's tree has the same shape).
fn body(
    site: &Site,
    targets: &LinkTargets,
    file: &crate::load::ContentFile,
    placement: Placement,
    ids: Option<&[String]>,
) -> (Body, Vec<Diagnostic>) {
    let empty = BTreeMap::new();
    let strings = site.language(&file.lang).map_or(&empty, |l| &l.strings);
    let from = match placement {
        Placement::Page => file.path.output_file(files::ANY_LANG),
        Placement::Chapter => files::booklet(files::ANY_LANG),
    };
    let partial = match crate::model::partial::compose(site, file) {
        Some(Ok(p)) => Some(std::sync::Arc::new(p)),
        Some(Err(d)) => return (Body::default(), vec![d]),
        None => None,
    };
    let (shown, borrowed) = match &partial {
        Some(p) => (
            &p.file,
            markdown::Borrowed {
                spans: &p.spans,
                lang: Some(&p.lang),
            },
        ),
        None => (file, markdown::Borrowed::default()),
    };
    let (mut out, diags) = markdown::render_with_ids(
        shown,
        &from,
        placement,
        targets,
        &BodyStrings { strings },
        ids,
        borrowed,
    );
    out.partial = partial;
    out.hash = hash_of(out.html.as_bytes());
    (out, diags)
}

/// The heading ids of the pages written in the site's default language whose translations are
/// among `ids`, by node: a translation's headings take them, so an anchor is the same in every
/// language.
fn source_heading_ids(
    site: &Site,
    ids: &[SourceId],
    known: &HashMap<NodeId, &[String]>,
) -> HashMap<NodeId, Vec<String>> {
    let default = &site.config.default_language;
    let nodes: HashSet<NodeId> = ids
        .iter()
        .map(|&i| site.source(i))
        .filter(|f| &f.lang != default)
        .filter_map(|f| site.by_path.get(&f.path).copied())
        .filter(|n| !known.contains_key(n))
        .collect();
    nodes
        .into_par_iter()
        .filter_map(|n| {
            let s = *site.node(n).translations.get(default)?;
            Some((n, markdown::heading_ids(site.source(s).body(), None)))
        })
        .collect()
}

/// The source ids a file's headings take: its node's default-language page's, for a
/// translation; none for a page in the default language.
fn ids_to_take<'a>(
    site: &Site,
    file: &crate::load::ContentFile,
    source_ids: &'a HashMap<NodeId, Vec<String>>,
    known: &HashMap<NodeId, &'a [String]>,
) -> Option<&'a [String]> {
    if file.lang == site.config.default_language {
        return None;
    }
    let node = site.by_path.get(&file.path)?;
    (known.get(node).copied()).or_else(|| source_ids.get(node).map(Vec::as_slice))
}

/// The ids the headings of source `id` get in its pages, for anchor checks.
pub fn page_heading_ids(site: &Site, id: SourceId) -> Vec<String> {
    let file = site.source(id);
    let default = &site.config.default_language;
    let source = (file.lang != *default)
        .then(|| site.by_path.get(&file.path))
        .flatten()
        .and_then(|&n| site.node(n).translations.get(default))
        .map(|&s| markdown::heading_ids(site.source(s).body(), None));
    markdown::heading_ids(file.body(), source.as_deref())
}

/// What re-rendering one body after an edit came to.
#[derive(Debug)]
pub enum Rerender {
    /// The body is up to date; only the pages that show it change.
    Done,
    /// The new text has problems; nothing was replaced.
    Problems(Vec<Diagnostic>),
    /// The page's headings changed in the site's default language, and with them the ids its
    /// translations take: more than this body's pages change.
    HeadingsChanged,
    /// A partly translated page shows parts of this body: its pages change too.
    Lent,
}

impl Prepared {
    /// Renders the body of source `id` again, after its text changed. The bodies are replaced
    /// only when the result is [`Rerender::Done`].
    pub fn rerender_body(&mut self, site: &Site, id: SourceId) -> Rerender {
        let index = id.index();
        let file = site.source(id);
        let source_ids: HashMap<NodeId, Vec<String>> = site
            .by_path
            .get(&file.path)
            .and_then(|&n| {
                let s = *site
                    .node(n)
                    .translations
                    .get(&site.config.default_language)?;
                Some((n, markdown::heading_ids(site.source(s).body(), None)))
            })
            .into_iter()
            .collect();
        with_link_targets(site, |targets| {
            let take = ids_to_take(site, file, &source_ids, &HashMap::new());
            let (page_body, problems) = body(site, targets, file, Placement::Page, take);
            if !problems.is_empty() {
                return Rerender::Problems(problems);
            }
            let node = site.by_path.get(&file.path).map(|&n| site.node(n));
            let translated = node.is_some_and(|n| n.translations.len() > 1);
            let lends = node.is_some_and(|n| {
                n.translations
                    .values()
                    .any(|&t| t != id && !site.source(t).front.untranslated.is_empty())
            });
            if lends {
                return Rerender::Lent;
            }
            if file.lang == site.config.default_language
                && translated
                && page_body.ids != self.bodies[index].ids
            {
                return Rerender::HeadingsChanged;
            }
            if let PrintBodies::Kept(print_bodies) = &mut self.print_bodies {
                let take = Some(page_body.ids.as_slice());
                print_bodies[index] = body(site, targets, file, Placement::Chapter, take).0;
            }
            self.bodies[index] = page_body;
            self.problems[index].clear();
            Rerender::Done
        })
    }
}
