//! The preview's site, kept in memory between edits so that an edit renders again only what it
//! changed. An edit to a page's text renders the pages that show it at once, then their
//! booklets and search index parts. Any other edit to content or a locale (a title, a weight,
//! a new or deleted page, a UI string) reads only the changed files again, resolves the site,
//! renders the bodies and pages whose inputs changed, then the site's other files, and hands
//! on those that differ. An edit to `site.toml`, the theme, or a file under `content/` that is
//! not a page is a whole build. Either way, what is served is byte for byte what a whole build
//! makes.

use crate::diagnostics::Diagnostics;
use crate::files::{self, OutputFile};
use crate::lang::Lang;
use crate::{Rendered, load, model, output, publish, render};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How many pages an update renders before the reload, at most; past this, it renders the pages
/// open in a browser first, and the others after.
const AT_ONCE: usize = 64;

/// A site rendered for preview and kept in memory.
pub struct Preview {
    /// The resolved site, with every update since it was rendered.
    pub site: model::Site,
    prepared: render::Prepared,
    include_drafts: bool,
    /// Each page's key: a page is rendered again when its key changes.
    page_keys: render::PageKeys,
    /// A hash of every other file as last handed on, to hand on only what changed.
    others: HashMap<String, u64>,
    /// What [`Preview::rest`] has to render after an update.
    rest: Rest,
}

/// What updates left to render after their pages.
enum Rest {
    /// Nothing.
    Nothing,
    /// The booklets and search indexes of these languages: the text of their pages changed.
    Texts(Vec<Lang>),
    /// The files that are not pages, the booklets, search and posters of `langs` only; and
    /// when the update rendered only the open pages first (`pages_left`), the other pages it
    /// can have changed (`only`; all when `None`).
    Everything {
        pages_left: bool,
        only: Option<render::PagesToCheck>,
        /// The languages with a page changed, whose booklet and search can have changed.
        langs: Vec<Lang>,
    },
}

/// The files an edit changed, read again without walking `content/`.
struct Reread {
    /// Each changed page file, by its index in the site's sources, as it reads now.
    pages: Vec<(usize, load::ContentFile)>,
    /// Page files added, as they read.
    added: Vec<load::ContentFile>,
    /// The files deleted: of the site's sources and of its drafts, by index.
    deleted: Vec<usize>,
    deleted_drafts: Vec<usize>,
    /// Whether a locale changed.
    locales: bool,
}

impl Rest {
    /// What is left to render after this and then `later`: what both left, as made on the
    /// site as it is last (a file rendered again that did not change is not handed on).
    fn and(self, later: Rest) -> Rest {
        match (self, later) {
            (Rest::Nothing, later) => later,
            (earlier, Rest::Nothing) => earlier,
            (Rest::Texts(mut a), Rest::Texts(b)) => {
                add_all(&mut a, b);
                Rest::Texts(a)
            }
            (
                Rest::Texts(a),
                Rest::Everything {
                    pages_left,
                    only,
                    mut langs,
                },
            )
            | (
                Rest::Everything {
                    pages_left,
                    only,
                    mut langs,
                },
                Rest::Texts(a),
            ) => {
                add_all(&mut langs, a);
                Rest::Everything {
                    pages_left,
                    only,
                    langs,
                }
            }
            (
                Rest::Everything {
                    pages_left: left_a,
                    only: only_a,
                    langs: mut langs_a,
                },
                Rest::Everything {
                    pages_left: left_b,
                    only: only_b,
                    langs: langs_b,
                },
            ) => {
                add_all(&mut langs_a, langs_b);
                // The pages either left; `None` is every page.
                let only = match (left_a, left_b) {
                    (true, true) => only_a.zip(only_b).map(|(a, b)| a.and(b)),
                    (true, false) => only_a,
                    (false, _) => only_b,
                };
                Rest::Everything {
                    pages_left: left_a || left_b,
                    only,
                    langs: langs_a,
                }
            }
        }
    }
}

/// `langs` with each of `more` it lacks.
fn add_all(langs: &mut Vec<Lang>, more: Vec<Lang>) {
    for l in more {
        if !langs.contains(&l) {
            langs.push(l);
        }
    }
}

impl Reread {
    /// Whether the edit left the site's files as they were, each where it was.
    fn same_files(&self) -> bool {
        self.added.is_empty() && self.deleted.is_empty() && self.deleted_drafts.is_empty()
    }
}

/// What an update changed: the files to serve anew, and the files that are gone.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files rendered again, each different from what was served.
    pub files: Vec<OutputFile>,
    /// Output paths no longer part of the site (a deleted page's).
    pub removed: Vec<String>,
    /// The problems found that do not stop a build: those of the files read again, of resolving
    /// the site and of the bodies (a whole build also lists those of walking `content/`, such
    /// as a symbolic link); empty after an edit to a page's text alone.
    pub warnings: Diagnostics,
}

impl Preview {
    /// Renders the site at `root` for preview (no zips): every output file and the warnings,
    /// and the state kept for [`Preview::update`].
    pub fn render(
        root: &Path,
        include_drafts: bool,
    ) -> Result<(Vec<OutputFile>, Diagnostics, Preview), Diagnostics> {
        let (
            Rendered {
                site,
                files,
                warnings,
            },
            prepared,
        ) = crate::render_kept(root, include_drafts)?;
        let page_keys = render::PageKeys::new(&site, &prepared);
        let others = files
            .iter()
            .filter(|f| !page_keys.has(&f.path))
            .map(|f| (f.path.clone(), render::hash_of(&f.bytes)))
            .collect();
        let preview = Preview {
            site,
            prepared,
            include_drafts,
            page_keys,
            others,
            rest: Rest::Nothing,
        };
        Ok((files, warnings, preview))
    }

    /// Brings the preview's pages up to date after `changed` files changed: returns the pages
    /// that changed, or `None` when the whole site must be built (an edit to `site.toml` or the
    /// theme, or a problem, which a whole build reports). The rest (booklets, search pages, the
    /// 404 pages) is left for [`Preview::rest`], so that the edited pages reload first.
    pub fn update(&mut self, changed: &[PathBuf]) -> Option<Changes> {
        self.update_showing(changed, &[])
    }

    /// [`Preview::update`], with the output files of the pages open in a browser (`open`): an
    /// edit that changes many pages (a UI string) renders those first, and the others with the
    /// rest, so that the pages being looked at reload at once.
    ///
    /// What earlier updates left to render is kept: [`Preview::rest`] renders it with this
    /// update's rest.
    pub fn update_showing(&mut self, changed: &[PathBuf], open: &[String]) -> Option<Changes> {
        let earlier = std::mem::replace(&mut self.rest, Rest::Nothing);
        let reread = self.reread(changed);
        let changes = match &reread {
            Some(r) if !r.locales && r.same_files() => {
                self.update_text(&r.pages).map(|files| Changes {
                    files,
                    ..Changes::default()
                })
            }
            _ => None,
        };
        let changes = changes.or_else(|| self.update_any(changed, open, reread));
        self.rest = earlier.and(std::mem::replace(&mut self.rest, Rest::Nothing));
        changes
    }

    /// Whether updates left files to render: [`Preview::rest`] renders them.
    pub fn has_rest(&self) -> bool {
        !matches!(self.rest, Rest::Nothing)
    }

    /// The files updates left to render, rendered, and those that differ from what was
    /// handed on; `None` when one fails, and the caller builds the whole site to report why.
    pub fn rest(&mut self) -> Option<Changes> {
        self.rest_until(&|| false)
    }

    /// [`Preview::rest`], asking `stop` now and then (every [`render::STEP`] pages left, and
    /// between those pages and the booklets and search): when told to, it hands on what it
    /// made, and keeps the rest for the next call.
    pub fn rest_until(&mut self, stop: &dyn Fn() -> bool) -> Option<Changes> {
        match std::mem::replace(&mut self.rest, Rest::Nothing) {
            Rest::Nothing => Some(Changes::default()),
            Rest::Texts(langs) => {
                let files = render::texts_of(&self.site, &self.prepared, &langs).ok()?;
                Some(self.handed_on(files, None))
            }
            Rest::Everything {
                mut pages_left,
                only,
                mut langs,
            } => {
                let mut changes = Changes::default();
                if pages_left {
                    let site = (&self.site, &self.prepared);
                    let done = self
                        .page_keys
                        .render_changed(site.0, site.1, only.as_ref(), None, stop)
                        .ok()?;
                    changes.files = done.files;
                    changes.removed = done.gone;
                    add_languages(&mut langs, &changes, &self.site.config.languages);
                    pages_left = !done.finished;
                }
                if pages_left || stop() {
                    self.rest = Rest::Everything {
                        pages_left,
                        only,
                        langs,
                    };
                    return Some(changes);
                }
                let files = self.other_files(&langs)?;
                let mut others = self.handed_on(files, Some(&langs));
                changes.files.append(&mut others.files);
                changes.removed.append(&mut others.removed);
                Some(changes)
            }
        }
    }

    /// Of `files` (not pages), those that differ from what was handed on. With `remade`, the
    /// files handed on before that are no longer made, as removed: outside language folders,
    /// and in the folders of the languages `remade` names (whose every file was made again).
    fn handed_on(&mut self, files: Vec<OutputFile>, remade: Option<&[Lang]>) -> Changes {
        let mut changes = Changes::default();
        let mut now = HashMap::with_capacity(files.len());
        for f in files {
            let hash = render::hash_of(&f.bytes);
            now.insert(f.path.clone(), hash);
            if self.others.get(&f.path) != Some(&hash) {
                changes.files.push(f);
            }
        }
        if let Some(langs) = remade {
            let site = &self.site;
            let remade = |p: &str| match p.split_once('/') {
                Some((first, _)) if site.config.languages.iter().any(|l| l.as_str() == first) => {
                    langs.iter().any(|l| l.as_str() == first)
                }
                _ => true,
            };
            // A search part or an A–Z stretch an edit made unnecessary.
            changes.removed = self
                .others
                .keys()
                .filter(|p| !now.contains_key(*p) && p.as_str() != files::SERVICE_WORKER)
                .filter(|p| remade(p))
                .cloned()
                .collect();
            for p in &changes.removed {
                self.others.remove(p);
            }
        }
        self.others.extend(now);
        changes
    }

    /// An edit to pages' text alone (`pages`, the changed files as they read now, by index):
    /// the pages that show it. `None` when anything else changed, and nothing is changed then
    /// but the bodies and texts of the files that are rendered again by any update.
    fn update_text(&mut self, pages: &[(usize, load::ContentFile)]) -> Option<Vec<OutputFile>> {
        let site = &mut self.site;
        if pages.iter().any(|(i, f)| f.front != site.sources[*i].front) {
            return None;
        }
        let mut indices = Vec::new();
        for (i, file) in pages {
            site.sources[*i] = file.clone();
            let id = model::SourceId::new(*i);
            if !indices.contains(&id) {
                indices.push(id);
            }
        }
        for &i in &indices {
            if !matches!(self.prepared.rerender_body(site, i), render::Rerender::Done) {
                return None;
            }
        }
        let mut langs = Vec::new();
        for p in site
            .pages
            .iter()
            .filter(|p| p.source.is_some_and(|s| indices.contains(&s)))
        {
            if !langs.contains(&p.lang) {
                langs.push(p.lang.clone());
            }
        }
        let files = render::rerender_pages(site, &self.prepared, &indices).ok()?;
        // Rendered without their keys: the next update that compares keys renders them again.
        self.page_keys.forget(files.iter().map(|f| f.path.as_str()));
        self.rest = Rest::Texts(langs);
        Some(files)
    }

    /// Any edit to content pages or locales: the files that changed are read again, the site
    /// resolved again, and the bodies and pages whose inputs changed rendered again.
    fn update_any(
        &mut self,
        changed: &[PathBuf],
        open: &[String],
        reread: Option<Reread>,
    ) -> Option<Changes> {
        let root = self.site.root.clone();
        let (content, locales) = (root.join("content"), root.join("locales"));
        // A new folder is walked with the rest of `content/`.
        let is_page = |p: &PathBuf| {
            p.starts_with(&content) && (p.extension().is_some_and(|e| e == "md") || p.is_dir())
        };
        if !changed
            .iter()
            .all(|p| is_page(p) || p.starts_with(&locales))
        {
            return None;
        }
        let (inputs, mut diags) = match reread {
            Some(r) => self.inputs_with(r),
            None => self.read_again(changed),
        };
        let inputs = inputs?;
        // Images and other files are made by a whole build (a new folder can bring some).
        let (now, before) = (&inputs.assets, &self.site.assets);
        if !now.iter().map(|a| &a.rel).eq(before.iter().map(|a| &a.rel)) {
            return None;
        }
        let site = model::Site::resolve(inputs, &mut diags)?;
        if diags.has_errors() {
            return None;
        }
        let read_again: Vec<&Path> = changed.iter().map(PathBuf::as_path).collect();
        let old = std::mem::take(&mut self.prepared);
        let edit = render::Edit::between(&self.site, &site, &read_again);
        let prepared = render::prepare_again(&self.site, old, &site, &edit);
        // From here on a failure leaves this preview behind: the caller builds the whole site.
        if prepared.has_errors() {
            return None;
        }
        diags.extend(prepared.warnings().cloned());
        let only = render::pages_to_check(&self.site, &site, &edit.touched);
        let reached = site
            .pages
            .iter()
            .filter(|p| {
                only.as_ref()
                    .is_none_or(|o| o.has(&site.node(p.node).path, &p.lang))
            })
            .count();
        let first: Option<std::collections::HashSet<String>> =
            (reached > AT_ONCE).then(|| open.iter().cloned().collect());
        let done = self
            .page_keys
            .render_changed(&site, &prepared, only.as_ref(), first.as_ref(), &|| false)
            .ok()?;
        diags.sort();
        let changes = Changes {
            files: done.files,
            removed: done.gone,
            warnings: diags,
        };
        // The site read before is freed aside: tens of thousands of files at 10,000 pages.
        drop_aside(std::mem::replace(&mut self.site, site));
        self.prepared = prepared;
        let mut langs = Vec::new();
        add_languages(&mut langs, &changes, &self.site.config.languages);
        self.rest = Rest::Everything {
            pages_left: first.is_some(),
            only,
            langs,
        };
        Some(changes)
    }

    /// The `changed` files read again: each a page's file read before that is still there
    /// and did not become or stop being a draft, a page file added or deleted, or a locale.
    /// `None` when one is not, or has a problem: then `content/` is walked again (and the
    /// problem found and reported).
    fn reread(&self, changed: &[PathBuf]) -> Option<Reread> {
        let site = &self.site;
        let root = &site.root;
        let locales = root.join("locales");
        let mut reread = Reread {
            pages: Vec::new(),
            added: Vec::new(),
            deleted: Vec::new(),
            deleted_drafts: Vec::new(),
            locales: false,
        };
        let position =
            |files: &[load::ContentFile], rel: &Path| files.iter().position(|f| f.file == rel);
        for path in changed {
            if path.starts_with(&locales) {
                reread.locales = true;
                continue;
            }
            let rel = path.strip_prefix(root).ok()?;
            let there = path.symlink_metadata().is_ok();
            match (position(&site.sources, rel), there) {
                (Some(i), true) => {
                    let file =
                        load::reread::reload(root, &site.sources[i], &site.config, &site.theme);
                    let file = file
                        .ok()
                        .filter(|f| f.front.draft == site.sources[i].front.draft)?;
                    reread.pages.push((i, file));
                }
                (Some(i), false) => reread.deleted.push(i),
                (None, false) => reread.deleted_drafts.push(position(&site.drafts, rel)?),
                (None, true) if position(&site.drafts, rel).is_some() => return None,
                (None, true) => {
                    let file = load::reread::added(
                        root,
                        rel,
                        site.sources.iter().chain(&reread.added),
                        &site.config,
                        &site.theme,
                        self.include_drafts,
                    )?;
                    reread.added.push(file);
                }
            }
        }
        Some(reread)
    }

    /// The site's inputs, without walking `content/`: as they were read, with the files of
    /// `reread` as they read now, in the order a walk reads them.
    fn inputs_with(&self, reread: Reread) -> (Option<load::Inputs>, Diagnostics) {
        let site = &self.site;
        let mut sources = site.sources.clone();
        for (i, file) in reread.pages {
            sources[i] = file;
        }
        let gone = |i: &usize| !reread.deleted.contains(i);
        let mut sources: Vec<load::ContentFile> = keep(sources, gone);
        let mut drafts = keep(site.drafts.clone(), |i| !reread.deleted_drafts.contains(i));
        for file in reread.added {
            // A walk takes each folder's entries in name order, so sources go in path order.
            let list = match file.front.draft && !self.include_drafts {
                true => &mut drafts,
                false => &mut sources,
            };
            let at = list.partition_point(|f| f.file < file.file);
            list.insert(at, file);
        }
        let mut diags = Diagnostics::default();
        let locales = match reread.locales {
            true => load::locale::load_all(&site.root, &site.config, &mut diags),
            false => Some(site.languages.iter().map(|l| l.locale.clone()).collect()),
        };
        let inputs = locales.map(|locales| load::Inputs {
            root: site.root.clone(),
            config: site.config.clone(),
            locales,
            content: sources,
            drafts,
            assets: site.assets.clone(),
            left_out: site.left_out.clone(),
            theme: site.theme.clone(),
        });
        (inputs, diags)
    }

    /// The site's inputs read again, `content/` walked: the files not in `changed` are taken as
    /// they were read.
    fn read_again(&self, changed: &[PathBuf]) -> (Option<load::Inputs>, Diagnostics) {
        let root = &self.site.root;
        let kept: HashMap<PathBuf, load::ContentFile> = self
            .site
            .sources
            .iter()
            .chain(&self.site.drafts)
            .map(|f| (root.join(&f.file), f))
            .filter(|(p, _)| !changed.contains(p))
            .map(|(p, f)| (p, f.clone()))
            .collect();
        let config = self.site.config.clone();
        let theme = self.site.theme.clone();
        load::load_again(root, self.include_drafts, config, theme, &kept)
    }

    /// Every file but the pages from content, as a whole build for preview makes them.
    /// The booklets, search and posters of `langs` only: no other language's can have changed.
    fn other_files(&self, langs: &[Lang]) -> Option<Vec<OutputFile>> {
        let (site, prepared) = (&self.site, &self.prepared);
        let mut files = render::site_files(site, prepared, Some(langs)).ok()?;
        files.extend(prepared.assets().iter().cloned());
        let infos = publish::unmade_zips(site);
        files.extend(render::share_pages(site, prepared, None, Some(&infos)).ok()?);
        files.extend(render::host_files(site, prepared).ok()?);
        // The offline lists name every file, pages included; the worker is not the preview's.
        let made: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let kept = self.others.keys().filter(|p| {
            // What is not made again stays, unless it was a booklet's or a search's of `langs`.
            !made.contains(p.as_str()) && !langs.iter().any(|l| p.starts_with(&format!("{l}/")))
        });
        let named: Vec<files::FileSum> = files
            .iter()
            .map(|f| f.path.clone())
            .chain(kept.cloned())
            .chain(self.page_keys.paths().cloned())
            .map(files::FileSum::named)
            .collect();
        let lists = output::offline::files(&named, &site.config.language_tags());
        files.extend(
            lists
                .into_iter()
                .filter(|f| f.path != files::SERVICE_WORKER),
        );
        Some(files)
    }

    /// The zip a share page links to (`amparo-es.zip`, `amparo-all.zip`), made now from the
    /// preview's site, as a build would make it; `None` for any other path, or when it fails.
    pub fn zip(&self, path: &str) -> Option<Vec<u8>> {
        let site = &self.site;
        let lang = match site
            .config
            .languages
            .iter()
            .find(|l| files::zip(Some(l.as_str())) == path)
        {
            Some(l) => Some(l),
            None if files::zip(None) == path => None,
            None => return None,
        };
        let full = render::render(site, &self.prepared).ok()?;
        let media = publish::media_files(site);
        let paths: Vec<&str> = full.iter().map(|f| f.path.as_str()).collect();
        let none = crate::output::share::Kept::default();
        let (own, shared) =
            publish::copy_deflated(site, &self.prepared, lang, &paths, None, &none).ok()?;
        // Only the files this one copy takes as they are are deflated.
        let shared_set: std::collections::HashSet<&str> =
            shared.iter().map(String::as_str).collect();
        let taken: Vec<&OutputFile> = full
            .iter()
            .filter(|f| shared_set.contains(f.path.as_str()))
            .chain(&media)
            .collect();
        let deflated = crate::output::share::Deflated::new(&taken, &none).ok()?;
        publish::pack_copy(&own, &shared, &media, &deflated, Vec::new()).ok()
    }
}

/// Drops `value` on a thread of its own, so that freeing it does not hold up what comes next;
/// here, when no thread can be started.
fn drop_aside<T: Send + 'static>(value: T) {
    // On failure the closure, and `value` with it, is dropped here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// The items of `list` whose index `keep` accepts.
fn keep<T>(list: Vec<T>, keep: impl Fn(&usize) -> bool) -> Vec<T> {
    let kept = list.into_iter().enumerate().filter(|(i, _)| keep(i));
    kept.map(|(_, x)| x).collect()
}

/// Adds to `langs` the language of each page `changes` renders or removes (its output folder),
/// one of the site's `languages`.
fn add_languages(langs: &mut Vec<Lang>, changes: &Changes, languages: &[Lang]) {
    let paths = changes
        .files
        .iter()
        .map(|f| &f.path)
        .chain(&changes.removed);
    for first in paths.filter_map(|p| p.split_once('/').map(|(f, _)| f)) {
        if !langs.iter().any(|l| l.as_str() == first)
            && let Some(lang) = languages.iter().find(|l| l.as_str() == first)
        {
            langs.push(lang.clone());
        }
    }
}
