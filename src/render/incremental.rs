//! Rendering again after an edit, for the preview. An edit to a page's text alone renders the
//! pages that show it ([`rerender_pages`]), then their booklets and search ([`texts_of`]). Any other edit
//! to content or a locale loads the site again and renders only what can have changed: the
//! bodies whose inputs changed ([`prepare_again`]), and the pages whose template context
//! changed ([`PageKeys`]: each page's context is hashed, and only a page whose hash differs is
//! rendered again), then the site's other files ([`site_files`]).

use super::bodies::{render_chapters, render_pages, with_link_targets};
use super::context::{Common, Ctx};
use super::links::resolve;
use super::markdown::Body;
use super::{Prepared, PrintBodies, page, page_ctx, render_template, search};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::OutputFile;
use crate::lang::Lang;
use crate::model::{Page, Site, SourceId};
use crate::page_path::PagePath;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Prepares `site`, loaded again after an edit to content or a locale (with the theme and
/// `site.toml` of `old_site`), from `old`, what was prepared for `old_site`. A body is taken as
/// it was when its file is the same, and so are its language's UI strings and where each of
/// its links leads; the others are rendered again: a partly translated page's, and a
/// translation's whose page in the default language changed (its headings take their ids).
///
/// `edit` is what changed between the two sites' files.
pub fn prepare_again(old_site: &Site, mut old: Prepared, site: &Site, edit: &Edit) -> Prepared {
    let reused = reusable(old_site, &old, site, edit);
    let again: Vec<SourceId> = (0..site.sources.len())
        .filter(|i| reused[*i].is_none())
        .map(SourceId::new)
        .collect();
    let fresh = render_pages(site, &again);
    let fresh_print = matches!(old.print_bodies, PrintBodies::Kept(_)).then(|| {
        let page_ids: Vec<&[String]> = fresh.iter().map(|(b, _)| b.ids.as_slice()).collect();
        render_chapters(site, &again, &page_ids)
    });
    let mut bodies = Vec::with_capacity(site.sources.len());
    let mut problems = Vec::with_capacity(site.sources.len());
    let mut print_bodies = match old.print_bodies {
        PrintBodies::Kept(_) => Some(Vec::new()),
        _ => None,
    };
    let mut fresh = fresh.into_iter();
    let mut fresh_print = fresh_print.map(Vec::into_iter);
    for j in reused {
        match j {
            Some(j) => {
                bodies.push(std::mem::take(&mut old.bodies[j]));
                problems.push(std::mem::take(&mut old.problems[j]));
                if let (Some(p), PrintBodies::Kept(old_p)) =
                    (&mut print_bodies, &mut old.print_bodies)
                {
                    p.push(std::mem::take(&mut old_p[j]));
                }
            }
            None => {
                let (body, found) = fresh.next().unwrap_or_default();
                bodies.push(body);
                problems.push(found);
                if let (Some(p), Some(f)) = (&mut print_bodies, &mut fresh_print) {
                    p.push(f.next().map(|(b, _)| b).unwrap_or_default());
                }
            }
        }
    }
    Prepared {
        asset_files: old.asset_files,
        asset_paths: old.asset_paths,
        bodies,
        print_bodies: match print_bodies {
            Some(kept) => PrintBodies::Kept(kept),
            None => old.print_bodies,
        },
        problems,
    }
}

/// What changed between the files of two readings of a site, found once for all who ask.
pub struct Edit {
    /// For each source of the new site, the index of the same file in the old one, when it
    /// reads the same.
    same: Vec<Option<usize>>,
    /// The paths of the pages whose files changed, came or went (drafts included).
    pub touched: HashSet<PagePath>,
    /// Of those, the pages whose file in the default language changed, came or went: their
    /// translations' headings take its ids.
    headings_moved: HashSet<PagePath>,
}

impl Edit {
    /// What changed between `old_site` and `site`; the files of `read_again` count as changed
    /// in any case: an update that stopped half way may have left their text in `old_site`
    /// newer than what was rendered from it.
    pub fn between(old_site: &Site, site: &Site, read_again: &[&std::path::Path]) -> Edit {
        let read_again: HashSet<&std::path::Path> = read_again
            .iter()
            .filter_map(|p| p.strip_prefix(&site.root).ok())
            .collect();
        let default = &site.config.default_language;
        let (same, gone) = matching(&old_site.sources, &site.sources, &read_again);
        let (drafts_same, drafts_gone) = matching(&old_site.drafts, &site.drafts, &read_again);
        let sources: Vec<&crate::load::ContentFile> =
            unmatched(&site.sources, &same).chain(gone).collect();
        let drafts = unmatched(&site.drafts, &drafts_same).chain(drafts_gone);
        Edit {
            touched: sources
                .iter()
                .copied()
                .chain(drafts)
                .map(|f| f.path.clone())
                .collect(),
            headings_moved: sources
                .iter()
                .filter(|f| &f.lang == default)
                .map(|f| f.path.clone())
                .collect(),
            same,
        }
    }
}

/// The files of `files` that `same` matches with no file read before.
fn unmatched<'a>(
    files: &'a [crate::load::ContentFile],
    same: &'a [Option<usize>],
) -> impl Iterator<Item = &'a crate::load::ContentFile> {
    files
        .iter()
        .zip(same)
        .filter(|(_, j)| j.is_none())
        .map(|(f, _)| f)
}

/// For each file of `new`, the index of the same file in `old` when it reads the same (and is
/// not in `read_again`); and the files of `old` that `new` does not name. When both lists name
/// the same files in the same order, files are compared by index, with no map of every file.
fn matching<'a>(
    old: &'a [crate::load::ContentFile],
    new: &[crate::load::ContentFile],
    read_again: &HashSet<&std::path::Path>,
) -> (Vec<Option<usize>>, Vec<&'a crate::load::ContentFile>) {
    let fresh = |f: &crate::load::ContentFile| !read_again.contains(f.file.as_path());
    let aligned = old.len() == new.len() && old.iter().zip(new).all(|(x, y)| x.file == y.file);
    if aligned {
        let same = old.iter().zip(new).enumerate();
        let same = same.map(|(i, (o, f))| (same_file(o, f) && fresh(f)).then_some(i));
        return (same.collect(), Vec::new());
    }
    let index: HashMap<&std::path::Path, usize> = old
        .iter()
        .enumerate()
        .map(|(i, f)| (f.file.as_path(), i))
        .collect();
    let names: HashSet<&std::path::Path> = new.iter().map(|f| f.file.as_path()).collect();
    let same = new
        .iter()
        .map(|f| {
            let j = *index.get(f.file.as_path())?;
            (same_file(&old[j], f) && fresh(f)).then_some(j)
        })
        .collect();
    let gone = old.iter().filter(|f| !names.contains(f.file.as_path()));
    (same, gone.collect())
}

/// For each source of `site`, the index of the same body in `old`, when it can be taken as it
/// is.
fn reusable(old_site: &Site, old: &Prepared, site: &Site, edit: &Edit) -> Vec<Option<usize>> {
    let default = &site.config.default_language;
    // Only the strings a body shows count.
    let strings = |s: &Site, l: &Lang| {
        s.language(l).map(|l| {
            super::markdown::BODY_STRINGS
                .map(|k| l.strings.get(k).cloned())
                .to_vec()
        })
    };
    let mut same_strings: HashMap<&Lang, bool> = HashMap::new();
    for l in &site.config.languages {
        same_strings.insert(l, strings(old_site, l) == strings(site, l));
    }
    // Links resolve against the site's pages, drafts, files and languages. A link leads where
    // it did when what it names did not change: the page it names did not come or go (nor
    // become a draft), or, for an image or a file, no file came or went.
    let same_files = old_site.config.languages == site.config.languages
        && same_set(
            old_site.assets.iter().map(|a| &a.rel),
            site.assets.iter().map(|a| &a.rel),
        )
        && same_set(
            old_site.left_out.iter().map(|l| &l.path),
            site.left_out.iter().map(|l| &l.path),
        );
    let pages_changed: HashSet<&PagePath> = symmetric(
        old_site
            .by_path
            .keys()
            .chain(old_site.drafts.iter().map(|d| &d.path)),
        site.by_path
            .keys()
            .chain(site.drafts.iter().map(|d| &d.path)),
    );
    let languages = site.config.language_tags();
    let unchanged =
        |f: &crate::load::ContentFile, l: &super::links::LinkUse| match super::links::page_target(
            f, &l.dest, &languages,
        )
        .filter(|_| !l.image)
        {
            Some((page, _)) => same_files && !pages_changed.contains(&page),
            None => same_files,
        };
    with_link_targets(old_site, |before| {
        with_link_targets(site, |now| {
            site.sources
                .par_iter()
                .enumerate()
                .map(|(i, f)| {
                    let j = edit.same[i]?;
                    let keeps = same_strings.get(&f.lang).copied().unwrap_or(false)
                        && f.front.untranslated.is_empty()
                        && (&f.lang == default || !edit.headings_moved.contains(&f.path))
                        && links_lead_where_they_did(f, &old.bodies[j], before, now, |l| {
                            unchanged(f, l)
                        });
                    keeps.then_some(j)
                })
                .collect()
        })
    })
}

/// Whether a file was read with the same text, for the same page.
fn same_file(a: &crate::load::ContentFile, b: &crate::load::ContentFile) -> bool {
    let text = std::sync::Arc::ptr_eq(&a.text, &b.text) || *a.text == *b.text;
    text && a.path == b.path
        && a.lang == b.lang
        && a.kind == b.kind
        && a.front.draft == b.front.draft
}

/// Whether two lists hold the same things, in any order.
fn same_set<T: Eq + std::hash::Hash>(
    a: impl Iterator<Item = T>,
    b: impl Iterator<Item = T>,
) -> bool {
    let a: HashSet<T> = a.collect();
    let b: HashSet<T> = b.collect();
    a == b
}

/// Which pages an edit can have changed.
#[derive(Debug, Default)]
pub struct PagesToCheck {
    /// Every page at these paths, in every language.
    pub paths: HashSet<PagePath>,
    /// Every page in these languages.
    pub langs: HashSet<Lang>,
}

impl PagesToCheck {
    /// Whether the page at `path` in `lang` is one of them.
    pub fn has(&self, path: &PagePath, lang: &Lang) -> bool {
        self.paths.contains(path) || self.langs.contains(lang)
    }

    /// These pages and `more`.
    pub fn and(mut self, more: PagesToCheck) -> PagesToCheck {
        self.paths.extend(more.paths);
        self.langs.extend(more.langs);
        self
    }
}

/// The pages an edit can have changed, when they can be told from the tree and the languages:
/// the pages of the files that changed, came or went (`touched`), their parents (whose tiles
/// list them), the pages below them (whose breadcrumbs name them), the home page, every page
/// whose previous or next page changed or is one of them; and every page of a language whose
/// UI strings or title changed. `None` when every page can have changed: a language's name,
/// direction or fallback changed, or the home page (whose description pages without one show).
pub fn pages_to_check(
    old_site: &Site,
    site: &Site,
    touched: &HashSet<PagePath>,
) -> Option<PagesToCheck> {
    let root = PagePath::root();
    let same_names = old_site.languages.len() == site.languages.len()
        && old_site
            .languages
            .iter()
            .zip(&site.languages)
            .all(|(a, b)| {
                a.locale.lang == b.locale.lang
                    && a.chain.iter().eq(b.chain.iter())
                    && a.locale.endonym == b.locale.endonym
                    && a.locale.direction == b.locale.direction
                    && a.locale.audio_first == b.locale.audio_first
            });
    if !same_names || touched.contains(&root) {
        return None;
    }
    let mut check = PagesToCheck {
        paths: touched.clone(),
        langs: old_site
            .languages
            .iter()
            .zip(&site.languages)
            .filter(|(a, b)| {
                a.strings != b.strings || a.site_title != b.site_title || a.ui_lang != b.ui_lang
            })
            .map(|(_, b)| b.locale.lang.clone())
            .collect(),
    };
    let paths = &mut check.paths;
    paths.insert(root);
    paths.extend(touched.iter().filter_map(PagePath::parent));
    let has_children = |s: &Site, p: &PagePath| {
        s.by_path
            .get(p)
            .is_some_and(|&n| !s.node(n).children.is_empty())
    };
    let sections = touched
        .iter()
        .any(|p| has_children(old_site, p) || has_children(site, p));
    for s in [old_site, site].into_iter().filter(|_| sections) {
        for node in &s.nodes {
            let mut up = node.path.parent();
            while let Some(p) = up {
                if touched.contains(&p) {
                    paths.insert(node.path.clone());
                    break;
                }
                up = p.parent();
            }
        }
    }
    let (before, now) = (reading_paths(old_site), reading_paths(site));
    for (i, path) in now.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| now[j]);
        let next = now.get(i + 1).copied();
        let next_to_touched = prev.into_iter().chain(next).any(|n| touched.contains(n));
        if next_to_touched {
            paths.insert((*path).clone());
        }
    }
    if before != now {
        let around = neighbours(&before);
        for (path, was) in neighbours(&now) {
            if around.get(path) != Some(&was) {
                paths.insert(path.clone());
            }
        }
    }
    Some(check)
}

/// The paths of a site's pages in reading order.
fn reading_paths(site: &Site) -> Vec<&PagePath> {
    site.reading_order
        .iter()
        .map(|&n| &site.node(n).path)
        .collect()
}

/// Each page's previous and next page in reading order, by path.
fn neighbours<'a>(
    order: &[&'a PagePath],
) -> HashMap<&'a PagePath, (Option<&'a PagePath>, Option<&'a PagePath>)> {
    order
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let prev = i.checked_sub(1).map(|j| order[j]);
            (p, (prev, order.get(i + 1).copied()))
        })
        .collect()
}

/// Whether every link and image of `body` (the body of `file`) resolves now as it did before.
/// A link `unchanged` says is so is not resolved again.
fn links_lead_where_they_did(
    file: &crate::load::ContentFile,
    body: &Body,
    before: &super::links::LinkTargets,
    now: &super::links::LinkTargets,
    unchanged: impl Fn(&super::links::LinkUse) -> bool,
) -> bool {
    let from = file.path.output_file(crate::files::ANY_LANG);
    body.links.iter().all(|l| {
        unchanged(l)
            || resolve(file, &l.dest, l.link_type, before, &from, l.image)
                == resolve(file, &l.dest, l.link_type, now, &from, l.image)
    })
}

/// What is in one of two lists and not in the other.
fn symmetric<'a, T: Eq + std::hash::Hash + ?Sized>(
    a: impl Iterator<Item = &'a T>,
    b: impl Iterator<Item = &'a T>,
) -> HashSet<&'a T> {
    let a: HashSet<&T> = a.collect();
    let b: HashSet<&T> = b.collect();
    a.symmetric_difference(&b).copied().collect()
}

/// Each page's key, by its output file: a hash of everything its template sees; `None` for a
/// page rendered without one, which is rendered again when next compared.
#[derive(Debug, Default)]
pub struct PageKeys(HashMap<String, Option<u64>>);

impl PageKeys {
    /// Whether `path` is a page's output file.
    pub fn has(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    /// Every page's output file.
    pub fn paths(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    /// Forgets the keys of pages rendered by other means, so that they are rendered again.
    pub fn forget<'a>(&mut self, paths: impl Iterator<Item = &'a str>) {
        for p in paths {
            if let Some(k) = self.0.get_mut(p) {
                *k = None;
            }
        }
    }

    /// The keys of every page of `site`, as rendered with `prepared`.
    pub fn new(site: &Site, prepared: &Prepared) -> PageKeys {
        let mut keys = PageKeys::default();
        // Nothing is rendered: only the keys are wanted.
        let _ = keys.render(site, prepared, false, None, None, &|| false);
        keys
    }

    /// Renders the pages of `site` whose key is not the one they had, and notes their new
    /// keys; of the pages `only` names, when the edit can have changed no other page; and of
    /// those, only the output files `first`, when given. Every [`STEP`] pages it asks `stop`,
    /// and stops when told to: a later call checks the others.
    pub fn render_changed(
        &mut self,
        site: &Site,
        prepared: &Prepared,
        only: Option<&PagesToCheck>,
        first: Option<&HashSet<String>>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Rerendered, Diagnostics> {
        self.render(site, prepared, true, only, first, stop)
    }

    fn render(
        &mut self,
        site: &Site,
        prepared: &Prepared,
        make: bool,
        only: Option<&PagesToCheck>,
        first: Option<&HashSet<String>>,
        stop: &dyn Fn() -> bool,
    ) -> Result<Rerendered, Diagnostics> {
        let common = Common::new(site, &prepared.asset_paths, None);
        let strings: HashMap<&Lang, u64> = site
            .languages
            .iter()
            .map(|l| {
                let mut h = DefaultHasher::new();
                l.strings.hash(&mut h);
                (&l.locale.lang, h.finish())
            })
            .collect();
        let pages: Vec<&Page> = (site.pages.iter())
            .filter(|p| only.is_none_or(|o| o.has(&site.node(p.node).path, &p.lang)))
            .filter(|p| {
                first.is_none_or(|f| {
                    f.contains(&site.node(p.node).path.output_file(p.lang.as_str()))
                })
            })
            .collect();
        let known = &self.0;
        let check = |p: &&Page| -> Result<Keyed, Diagnostic> {
            let (from, mut ctx) = page_ctx(&common, &prepared.bodies, p.node, &p.lang, p.source)?;
            let body = p.source.map_or(0, |s| prepared.bodies[s.index()].hash);
            let key = key(&mut ctx, body, strings.get(&p.lang).copied().unwrap_or(0));
            if !make || known.get(&from) == Some(&Some(key)) {
                return Ok((from, key, None));
            }
            let template = format!("{}.html", ctx.page.kind);
            let file = render_template(site, &template, &ctx, &ctx.values, from.clone())?;
            Ok((from, key, Some(file)))
        };
        let mut keyed: Vec<Result<Keyed, Diagnostic>> = Vec::with_capacity(pages.len());
        let mut finished = true;
        let mut steps = pages.chunks(STEP).peekable();
        while let Some(step) = steps.next() {
            keyed.par_extend(step.par_iter().map(check));
            if steps.peek().is_some() && stop() {
                finished = false;
                break;
            }
        }
        let mut keys = HashMap::with_capacity(keyed.len());
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for k in keyed {
            match k {
                Ok((from, key, file)) => {
                    keys.insert(from, Some(key));
                    files.extend(file);
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(Diagnostics(problems));
        }
        let gone: Vec<String> = match only {
            // The pages not checked yet are not gone.
            _ if !finished => Vec::new(),
            None if first.is_none() => self
                .0
                .keys()
                .filter(|k| !keys.contains_key(*k))
                .cloned()
                .collect(),
            None => {
                let now: HashSet<String> = site
                    .pages
                    .iter()
                    .map(|p| site.node(p.node).path.output_file(p.lang.as_str()))
                    .collect();
                self.0
                    .keys()
                    .filter(|k| !now.contains(*k))
                    .cloned()
                    .collect()
            }
            // Every language has every page: a page is gone when its path is, and its path
            // is among those checked.
            Some(check) => check
                .paths
                .iter()
                .filter(|p| !site.by_path.contains_key(*p))
                .flat_map(|p| {
                    site.config
                        .languages
                        .iter()
                        .map(|l| p.output_file(l.as_str()))
                })
                .filter(|f| self.0.contains_key(f))
                .collect(),
        };
        for k in &gone {
            self.0.remove(k);
        }
        self.0.extend(keys);
        Ok(Rerendered {
            files,
            gone,
            finished,
        })
    }
}

/// Pages checked between two questions to `stop` in [`PageKeys::render_changed`].
pub const STEP: usize = 64;

/// What [`PageKeys::render_changed`] did.
pub struct Rerendered {
    /// The pages whose key changed, rendered.
    pub files: Vec<OutputFile>,
    /// The output files of pages that are gone.
    pub gone: Vec<String>,
    /// Whether every page was checked; false when it stopped first (the pages checked have
    /// their new keys, so the next call renders only the others that changed).
    pub finished: bool,
}

/// A page's output file, its key, and the page when it was rendered.
type Keyed = (String, u64, Option<OutputFile>);

/// A page's key: its context hashed, with its body and its language's UI strings (the same on
/// many pages) counted by their own hashes. (The strings and the theme's icons are not part of
/// the context's serialisation: see [`Ctx::values`].)
fn key(ctx: &mut Ctx, body: u64, strings: u64) -> u64 {
    let html = std::mem::take(&mut ctx.page.body);
    let mut h = DefaultHasher::new();
    // Writing into a hasher cannot fail; a context that cannot be written fails to render too.
    let _ = serde_json::to_writer(HashWriter(&mut h), &*ctx);
    (body, strings).hash(&mut h);
    ctx.page.body = html;
    h.finish()
}

/// Feeds what is written to a hasher.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every file of the site but the theme's assets and the pages from content, rendered again:
/// the 404 and offline pages, chooser, manifests; and the booklets, search pages and indexes
/// and posters of `langs` (of every language when `None`).
pub fn site_files(
    site: &Site,
    prepared: &Prepared,
    langs: Option<&[Lang]>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let common = Common::new(site, &prepared.asset_paths, None);
    let (files, mut diags) = super::other_files(&common, prepared, langs);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(files)
}

/// Renders again the pages built from the bodies of `sources`, in every language, and nothing
/// else: titles, descriptions and icons did not change, so no listing, breadcrumb or
/// previous/next link did. Their languages' booklets and search indexes are [`texts_of`]'
/// work.
pub fn rerender_pages(
    site: &Site,
    prepared: &Prepared,
    sources: &[SourceId],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let common = Common::new(site, &prepared.asset_paths, None);
    let results: Vec<Result<OutputFile, Diagnostic>> = site
        .pages
        .par_iter()
        .filter(|p| p.source.is_some_and(|s| sources.contains(&s)))
        .map(|p| page(&common, &prepared.bodies, p.node, &p.lang, p.source))
        .collect();
    collect(results)
}

/// The booklets of `langs`, when the theme has one, and their search indexes (not the A–Z
/// lists: they show titles and descriptions, which a text edit does not change).
pub fn texts_of(
    site: &Site,
    prepared: &Prepared,
    langs: &[crate::lang::Lang],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let common = Common::new(site, &prepared.asset_paths, None);
    let results: Vec<Result<OutputFile, Diagnostic>> = site
        .languages
        .par_iter()
        .filter(|l| langs.contains(&l.locale.lang))
        .flat_map_iter(|l| {
            let booklet = prepared.booklet(&common, l);
            let index = site.theme.sources.contains_key("search.html").then(|| {
                let parts = search::Parts::PagesAndIndex;
                search::files(&common, &prepared.bodies, l, parts).map(|made| {
                    made.into_iter()
                        .filter(|f| f.path.ends_with(".js"))
                        .collect()
                })
            });
            booklet.into_iter().chain(index)
        })
        .flat_map_iter(|made| match made {
            Ok(files) => files.into_iter().map(Ok).collect(),
            Err(d) => vec![Err(d)],
        })
        .collect();
    collect(results)
}

/// Every file, or every problem.
fn collect(results: Vec<Result<OutputFile, Diagnostic>>) -> Result<Vec<OutputFile>, Diagnostics> {
    let (files, problems): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if problems.is_empty() {
        Ok(files.into_iter().flatten().collect())
    } else {
        Err(Diagnostics(
            problems.into_iter().filter_map(Result::err).collect(),
        ))
    }
}
