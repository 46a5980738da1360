//! Publishing: what `amparo build` does between the model and the swap. The site is rendered
//! a few pages at a time; each file is written into the new output, summed and deflated for
//! the zips as soon as it is made, and its bytes let go, so that a build holds the site's
//! compressed files, not every page (memory grows with a site's compressed size, not its
//! output). Then the zips to share are packed straight into their files, and the files that
//! list the others (share pages, hosts' files, offline lists) are made from the sums.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{self, FileSum, OutputFile};
use crate::lang::Lang;
use crate::output::share::{self, Deflated, Kept};
use crate::output::write::NewOutput;
use crate::report::{Heaviest, Weigher};
use crate::{model, output, render};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a published rendering leaves in memory once its files are written.
pub struct Published<'k> {
    /// The files that are not written yet: share pages, hosts' files, offline lists.
    pub rest: Vec<OutputFile>,
    /// The page that weighs most with its images.
    pub heaviest: Option<Heaviest>,
    /// Where the compressed files are kept for the next build, and those to keep: the whole
    /// site's, then each copy's own.
    cache: PathBuf,
    sets: Vec<Deflated<'k>>,
}

impl Published<'_> {
    /// Keeps every compressed file for the next build (at [`share::CACHE`]). Only time is
    /// lost when it cannot (a read-only folder): no diagnostic.
    pub fn keep_cache(&self) {
        let sets: Vec<&Deflated> = self.sets.iter().collect();
        let _ = share::keep(&self.cache, &sets);
    }
}

/// Renders `site` (loaded from `root`) into `new`: every page written as it is made, the zips
/// to share packed into their files, with the compressed files `kept` (see [`open_cache`])
/// has. `Err` holds the rendering's errors (the bodies' warnings are the caller's, from
/// `prepared`).
pub fn publish<'k>(
    root: &Path,
    site: &model::Site,
    prepared: &render::Prepared,
    new: &NewOutput,
    kept: &'k Kept,
) -> Result<Published<'k>, Diagnostics> {
    let stream = Stream {
        new,
        kept,
        weigher: Weigher::new(site),
        failed: AtomicBool::new(false),
        taken: Mutex::default(),
    };
    let copy_pages = render::render_into(
        site,
        prepared,
        &|files| stream.take(files),
        Some(&|lang, files| stream.take_copy(lang, files)),
    )?;
    let media = media_files(site);
    stream
        .take_deflated(&media, Sums::No)
        .map_err(|d| Diagnostics(vec![d]))?;
    let Taken {
        deflated,
        mut sums,
        heaviest,
        mut cut,
    } = stream.taken.into_inner().unwrap_or_default();
    let deflated = Deflated::merge(deflated, kept);
    let paths: Vec<&str> = sums.iter().map(|s| s.path.as_str()).collect();
    // Each copy's pages cut out of the site's, when they were: none are rendered again.
    let cut: Vec<Option<Deflated>> = match copy_pages {
        render::CopyPages::Cut => (site.config.languages.iter())
            .map(|l| Some(Deflated::merge(cut.remove(l).unwrap_or_default(), kept)))
            .collect(),
        render::CopyPages::Render => site.config.languages.iter().map(|_| None).collect(),
    };
    let (infos, owns) = share_copies(site, prepared, &paths, &media, &deflated, cut, new)?;
    let mut rest = render::share_pages(site, prepared, None, Some(&infos))?;
    rest.extend(render::host_files(site, prepared)?);
    sums.extend(rest.iter().map(FileSum::of));
    // Last, so the offline lists and the worker's version cover every page.
    rest.extend(output::offline::files(&sums, &site.config.language_tags()));
    Ok(Published {
        rest,
        heaviest,
        cache: root.join(share::CACHE),
        sets: [deflated].into_iter().chain(owns).collect(),
    })
}

/// The compressed files the last build of the site at `root` kept (none the first time).
pub fn open_cache(root: &Path) -> Kept {
    Kept::open(&root.join(share::CACHE))
}

/// Takes rendered files as they come: writes them, sums and deflates them, and keeps only that.
struct Stream<'a, 'k> {
    new: &'a NewOutput,
    kept: &'k Kept,
    weigher: Weigher<'a>,
    /// Set at the first failure: the build stops with that one, not one per file after it.
    failed: AtomicBool,
    taken: Mutex<Taken<'k>>,
}

/// Whether taken files are the rendering's own, listed offline (not content assets).
#[derive(Clone, Copy)]
enum Sums {
    Yes,
    No,
}

#[derive(Default)]
struct Taken<'k> {
    deflated: Vec<Deflated<'k>>,
    sums: Vec<FileSum>,
    heaviest: Option<Heaviest>,
    /// The pages cut out for each language's copy, deflated.
    cut: HashMap<Lang, Vec<Deflated<'k>>>,
}

impl<'k> Stream<'_, 'k> {
    /// Writes `files` into the new output, then deflates and sums them, in parallel.
    fn take(&self, files: Vec<OutputFile>) -> Result<(), Diagnostic> {
        if self.failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let written = files.par_iter().try_for_each(|f| self.new.write(f));
        if let Err(d) = written {
            return self.fail(d);
        }
        self.take_deflated(&files, Sums::Yes)
    }

    /// Deflates `files`, pages cut out for the copy of `lang`, in parallel.
    fn take_copy(&self, lang: &Lang, files: Vec<OutputFile>) -> Result<(), Diagnostic> {
        if self.failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let parts = files
            .par_chunks(share::BATCH)
            .map(|chunk| {
                let refs: Vec<&OutputFile> = chunk.iter().collect();
                Deflated::new(&refs, self.kept).map_err(zip_error)
            })
            .collect::<Result<Vec<Deflated>, Diagnostic>>();
        let parts = match parts {
            Ok(p) => p,
            Err(d) => return self.fail(d),
        };
        let mut taken = self.taken.lock().unwrap_or_else(|p| p.into_inner());
        taken.cut.entry(lang.clone()).or_default().extend(parts);
        Ok(())
    }

    /// Deflates `files` (written, or content assets the write stage copies), in parallel, and
    /// sums them when they are the rendering's.
    fn take_deflated(&self, files: &[OutputFile], sums: Sums) -> Result<(), Diagnostic> {
        let parts = files
            .par_chunks(share::BATCH)
            .map(|chunk| {
                let refs: Vec<&OutputFile> = chunk.iter().collect();
                let deflated = Deflated::new(&refs, self.kept).map_err(zip_error)?;
                let heaviest = chunk
                    .iter()
                    .map(|f| self.weigher.weigh(f))
                    .fold(None, Heaviest::max);
                let summed = match sums {
                    Sums::Yes => chunk.iter().map(FileSum::of).collect(),
                    Sums::No => Vec::new(),
                };
                Ok((deflated, summed, heaviest))
            })
            .collect::<Result<Vec<(Deflated, Vec<FileSum>, _)>, Diagnostic>>();
        let parts = match parts {
            Ok(p) => p,
            Err(d) => return self.fail(d),
        };
        let mut taken = self.taken.lock().unwrap_or_else(|p| p.into_inner());
        for (deflated, sums, heaviest) in parts {
            taken.deflated.push(deflated);
            taken.sums.extend(sums);
            taken.heaviest = Heaviest::max(taken.heaviest.take(), heaviest);
        }
        Ok(())
    }

    fn fail(&self, d: Diagnostic) -> Result<(), Diagnostic> {
        if self.failed.swap(true, Ordering::Relaxed) {
            return Ok(());
        }
        Err(d)
    }
}

/// The zips to share: every language alone, then all together, packed into `new` from the
/// whole site's files, `deflated` (media included), and the files each one-language copy
/// renders again. Each holds a complete copy that works from `file://`, content assets
/// included, with share pages that explain how to pass the copy on (a copy cannot hold the
/// zips themselves). `cut` holds, language by language, the pages each copy has already (see
/// [`render::CopyPages`]). Returns what the share pages say of each zip, and each copy's own
/// files, deflated, for the cache.
fn share_copies<'k>(
    site: &model::Site,
    prepared: &render::Prepared,
    paths: &[&str],
    media: &[OutputFile],
    deflated: &Deflated<'k>,
    cut: Vec<Option<Deflated<'k>>>,
    new: &NewOutput,
) -> Result<(Vec<render::share::ZipInfo>, Vec<Deflated<'k>>), Diagnostics> {
    // The one with all first: it is as big as the others together, and begun last it
    // would be packed alone on one core after the others are done.
    let scopes: Vec<(Option<&Lang>, Option<Deflated>)> = [(None, None)]
        .into_iter()
        .chain((site.config.languages.iter()).map(Some).zip(cut))
        .collect();
    let made = scopes
        .into_par_iter()
        .map(|(lang, cut)| {
            let (own, shared) = copy_deflated(site, prepared, lang, paths, cut, deflated.kept())?;
            let one = |d: Diagnostic| Diagnostics(vec![d]);
            let mut sink = new
                .create(&files::zip(lang.map(Lang::as_str)))
                .map_err(one)?;
            let packed = pack_copy(&own, &shared, media, deflated, &mut sink).map(|_| ());
            let (bytes, ()) = new.close(sink, packed).map_err(one)?;
            let info = render::share::ZipInfo {
                lang: lang.cloned(),
                bytes: Some(bytes),
            };
            Ok((info, own))
        })
        .collect::<Result<Vec<_>, Diagnostics>>()?;
    let (mut infos, mut owns): (Vec<_>, Vec<_>) = made.into_iter().unzip();
    // Every language alone, then all together, as the share pages list them.
    infos.rotate_left(1);
    owns.rotate_left(1);
    Ok((infos, owns))
}

/// The zips a rendering without them names on its share pages, with no size.
pub fn unmade_zips(site: &model::Site) -> Vec<render::share::ZipInfo> {
    site.config
        .languages
        .iter()
        .map(|l| Some(l.clone()))
        .chain([None])
        .map(|lang| render::share::ZipInfo { lang, bytes: None })
        .collect()
}

/// The content assets, read, as they go into a copy.
pub fn media_files(site: &model::Site) -> Vec<OutputFile> {
    site.assets
        .iter()
        .flat_map(|a| &a.published)
        .filter_map(|m| {
            std::fs::read(&m.from).ok().map(|bytes| OutputFile {
                path: files::media(&m.rel),
                bytes,
            })
        })
        .collect()
}

/// The files one copy to share renders for itself, deflated as they come (none are held
/// whole), and the paths of the whole site's files it takes as they are: `lang` alone, derived
/// from `full` (the paths of the site's files), or every language (`None`, `full` itself);
/// with its share pages, which say how to pass the copy on. `cut`: the copy's pages from
/// content, already cut out of the site's (else they are rendered).
pub fn copy_deflated<'k>(
    site: &model::Site,
    prepared: &render::Prepared,
    lang: Option<&Lang>,
    full: &[&str],
    cut: Option<Deflated<'k>>,
    kept: &'k Kept,
) -> Result<(Deflated<'k>, Vec<String>), Diagnostics> {
    let cut_paths: Vec<&str> = cut.iter().flat_map(|c| c.paths()).collect();
    let parts = Mutex::new(Vec::new());
    let take = |files: Vec<OutputFile>| {
        let refs: Vec<&OutputFile> = files.iter().collect();
        let deflated = Deflated::new(&refs, kept).map_err(zip_error)?;
        parts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(deflated);
        Ok(())
    };
    let shared = match lang {
        Some(l) => render::render_language_into(site, prepared, l, full, &cut_paths, &take)?,
        None => full.iter().map(|p| p.to_string()).collect(),
    };
    take(render::share_pages(site, prepared, lang, None)?).map_err(|d| Diagnostics(vec![d]))?;
    drop(cut_paths);
    let mut parts = parts.into_inner().unwrap_or_else(|p| p.into_inner());
    parts.extend(cut);
    Ok((Deflated::merge(parts, kept), shared))
}

/// A copy's zip, written into `sink`: the files it rendered for itself (`own`), those of the
/// whole site it takes as they are (`shared`, from `deflated`) and the content assets (`media`,
/// deflated with the site's files).
pub fn pack_copy<W: std::io::Write>(
    own: &Deflated,
    shared: &[String],
    media: &[OutputFile],
    deflated: &Deflated,
    sink: W,
) -> Result<W, String> {
    let mut entries: Vec<(&Deflated, &str)> = own
        .paths()
        .map(|p| (own, p))
        .chain(shared.iter().map(|p| (deflated, p.as_str())))
        .chain(media.iter().map(|m| (deflated, m.path.as_str())))
        .collect();
    share::pack_into(&mut entries, sink)
}

fn zip_error(e: String) -> Diagnostic {
    Diagnostic::error("output/zip", "public", format!("cannot make the zip: {e}"))
}
