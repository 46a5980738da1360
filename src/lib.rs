//! amparo: a static-site generator for know-your-rights information for migrant children.
//!
//! The pipeline runs one way — **load → model → render → write**:
//!
//! - [`load`] reads `site.toml`, `locales/`, `content/` and the theme into typed inputs;
//! - [`model`] resolves them into a [`model::Site`]: one page per (path, language), fallback
//!   chains, reading order;
//! - [`render`] turns the site into HTML and CSS in memory, in parallel, touching no disk;
//! - [`output`] writes it to a temporary folder and swaps it in atomically.
//!
//! Every stage collects all of its problems as [`Diagnostic`]s; [`build`] returns them together.
//!
//! ```no_run
//! let opts = amparo::BuildOptions::new(".", "public");
//! match amparo::build(&opts) {
//!     Ok(report) => println!("{} pages", report.pages),
//!     Err(diags) => eprintln!("{diags}"),
//! }
//! ```

// A `Diagnostic` is large, but it is the cold path: a build that fails stops soon after.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod diagnostics;
pub mod files;
pub mod fingerprint;
pub mod init;
pub mod lang;
pub mod load;
pub mod model;
pub mod output;
pub mod page_path;
pub mod preview;
pub mod render;
pub mod report;
pub mod rules;
pub mod serve;
pub mod text;
pub mod translate;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use lang::Lang;
pub use page_path::PagePath;
pub use preview::Preview;
pub use report::BuildReport;

use files::OutputFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, holding `site.toml`, `content/`, `locales/` and `themes/`.
    pub root: PathBuf,
    /// The folder the site is written into (`public`), replaced whole once the build succeeds.
    pub out: PathBuf,
    /// Build pages marked `draft = true` too.
    pub include_drafts: bool,
}

impl BuildOptions {
    /// Options to build the site at `root` into `out`, drafts left out.
    pub fn new(root: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: out.into(),
            include_drafts: false,
        }
    }
}

/// A site rendered in memory: the resolved model, every output file, and the warnings found.
pub struct Rendered {
    /// The resolved site the files were rendered from.
    pub site: model::Site,
    /// Every output file, its path relative to the output root (`es/rights/asylum/index.html`).
    pub files: Vec<OutputFile>,
    /// Problems that did not stop the build, sorted by file and line.
    pub warnings: Diagnostics,
}

/// Whether a rendering makes the zips to share (one per language and one with all).
#[derive(Debug, Clone, Copy)]
pub enum Zips<'a> {
    /// A build to publish: the zips are made, written into the new output as they are made,
    /// and the share pages list them with their sizes.
    Make(&'a output::write::NewOutput),
    /// A preview, a check or a ZIM file: no zips; the share pages still name them.
    Skip,
}

/// Loads, resolves and renders the site at `root` without writing anything.
pub fn render_site(root: &Path, include_drafts: bool, zips: Zips) -> Result<Rendered, Diagnostics> {
    render_kept(root, include_drafts, zips).map(|(rendered, _)| rendered)
}

/// Renders the site at `root` as far as it goes, for `amparo check`: the pages that render,
/// and every problem of the build in `warnings`, errors included (a file with a problem is left
/// out, the others are checked). `Err` only when there is no site to check: no `site.toml`, or
/// a locale, theme or tree that cannot be resolved.
pub fn render_for_check(root: &Path, include_drafts: bool) -> Result<Rendered, Diagnostics> {
    let (site, mut diags) = load_site(root, include_drafts)?;
    let prepared = render::prepare(&site);
    let (mut files, mut render_diags) = render::render_lenient(&site, &prepared);
    match render::host_files(&site, &prepared) {
        Ok(f) => files.extend(f),
        Err(d) => render_diags.0.extend(d.0),
    }
    files.extend(output::offline::files(&files, &site.config.language_tags()));
    diags.extend(render_diags.0);
    diags.sort();
    Ok(Rendered {
        site,
        files,
        warnings: diags,
    })
}

/// Loads and resolves the site at `root` without rendering it: the model, and the warnings
/// found on the way; or every problem that stops it.
pub fn resolve_site(
    root: &Path,
    include_drafts: bool,
) -> Result<(model::Site, Diagnostics), Diagnostics> {
    let (site, mut diags) = load_site(root, include_drafts)?;
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok((site, diags))
}

/// Loads and resolves the site at `root`: the model, with every problem found on the way (a
/// content file with an error is left out of the model, and its error kept); `Err` when there
/// is no model to make (no `site.toml`, a broken locale, theme or tree).
pub(crate) fn load_site(
    root: &Path,
    include_drafts: bool,
) -> Result<(model::Site, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let (inputs, load_diags) = load::load(root, include_drafts);
    diags.extend(load_diags);
    match inputs.and_then(|i| model::Site::resolve(i, &mut diags)) {
        Some(site) => Ok((site, diags)),
        None => {
            diags.sort();
            Err(diags)
        }
    }
}

/// [`render_site`], keeping what was prepared for the pages (their bodies) for later updates.
pub(crate) fn render_kept(
    root: &Path,
    include_drafts: bool,
    zips: Zips,
) -> Result<(Rendered, render::Prepared), Diagnostics> {
    let (site, mut diags) = load_site(root, include_drafts)?;
    let prepared = render::prepare(&site);
    diags.extend(prepared.warnings().cloned());
    let result = render::render(&site, &prepared).and_then(|mut files| {
        let infos = match zips {
            Zips::Make(new) => share_copies(root, &site, &prepared, &files, new)?,
            Zips::Skip => unmade_zips(&site),
        };
        files.extend(render::share_pages(&site, &prepared, None, Some(&infos))?);
        files.extend(render::host_files(&site, &prepared)?);
        // Last, so the offline lists and the worker's version cover every page.
        files.extend(output::offline::files(&files, &site.config.language_tags()));
        Ok(files)
    });
    match result {
        Ok(files) if !diags.has_errors() => {
            diags.sort();
            Ok((
                Rendered {
                    site,
                    files,
                    warnings: diags,
                },
                prepared,
            ))
        }
        Ok(_) => {
            diags.sort();
            Err(diags)
        }
        Err(render_diags) => {
            // The bodies' warnings are in `diags` already.
            diags.extend(render_diags.0.into_iter().filter(Diagnostic::is_error));
            diags.sort();
            Err(diags)
        }
    }
}

/// The zips a rendering without them names on its share pages, with no size.
pub(crate) fn unmade_zips(site: &model::Site) -> Vec<render::share::ZipInfo> {
    site.config
        .languages
        .iter()
        .map(|l| Some(l.clone()))
        .chain([None])
        .map(|lang| render::share::ZipInfo { lang, bytes: None })
        .collect()
}

/// The zips to share: every language alone, then all together, written into `new` as they
/// are made. Each holds a complete copy that works from `file://`, content assets included,
/// with share pages that explain how to pass the copy on (a copy cannot hold the zips
/// themselves). The whole site's files are deflated once, for every zip that holds them, and
/// only when the last build did not keep it.
fn share_copies(
    root: &Path,
    site: &model::Site,
    prepared: &render::Prepared,
    full: &[OutputFile],
    new: &output::write::NewOutput,
) -> Result<Vec<render::share::ZipInfo>, Diagnostics> {
    let media = media_files(site);
    let whole: Vec<&OutputFile> = full.iter().chain(&media).collect();
    let cache = root.join(output::share::CACHE);
    let kept = output::share::Kept::open(&cache);
    let deflated = output::share::Deflated::new(&whole, &kept).map_err(zip_error)?;
    let scopes: Vec<Option<&Lang>> = site
        .config
        .languages
        .iter()
        .map(Some)
        .chain([None])
        .collect();
    let made = scopes
        .par_iter()
        .map(|&lang| {
            let copy = copy_files(site, prepared, lang, full)?;
            let one = |d: Diagnostic| Diagnostics(vec![d]);
            let mut sink = new
                .create(&files::zip(lang.map(Lang::as_str)))
                .map_err(one)?;
            let packed = share_copy(&copy, &media, &deflated, &mut sink).map(|(_, own)| own);
            let (bytes, own) = new.close(sink, packed).map_err(one)?;
            let info = render::share::ZipInfo {
                lang: lang.cloned(),
                bytes: Some(bytes),
            };
            Ok((info, own))
        })
        .collect::<Result<Vec<_>, Diagnostics>>()?;
    let sets: Vec<&output::share::Deflated> = [&deflated]
        .into_iter()
        .chain(made.iter().map(|m| &m.1))
        .collect();
    // Only time is lost when the cache cannot be kept (a read-only folder): no diagnostic.
    let _ = output::share::keep(&cache, &sets);
    Ok(made.into_iter().map(|(info, _)| info).collect())
}

/// The content assets, read, as they go into a copy.
pub(crate) fn media_files(site: &model::Site) -> Vec<OutputFile> {
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

/// What one copy to share holds: `lang` alone (derived from `full`), or every language
/// (`None`, `full` itself, the site's pages); with its share pages, which say how to pass the
/// copy on.
pub(crate) fn copy_files(
    site: &model::Site,
    prepared: &render::Prepared,
    lang: Option<&Lang>,
    full: &[OutputFile],
) -> Result<render::LanguageCopy, Diagnostics> {
    let mut copy = match lang {
        Some(l) => render::render_language(site, prepared, l, full)?,
        None => render::LanguageCopy {
            own: Vec::new(),
            shared: full.iter().map(|f| f.path.clone()).collect(),
        },
    };
    copy.own
        .extend(render::share_pages(site, prepared, lang, None)?);
    Ok(copy)
}

/// `copy` (see [`copy_files`]) zipped with the content assets, written into `sink`.
/// `deflated` holds at least the files of the whole site and `media` the copy takes as they
/// are; the files made for the copy alone are returned deflated too.
pub(crate) fn share_copy<'k, W: std::io::Write + std::io::Seek>(
    copy: &render::LanguageCopy,
    media: &[OutputFile],
    deflated: &output::share::Deflated<'k>,
    sink: W,
) -> Result<(W, output::share::Deflated<'k>), String> {
    let own_refs: Vec<&OutputFile> = copy.own.iter().collect();
    let own_deflated = output::share::Deflated::new(&own_refs, deflated.kept())?;
    let mut entries: Vec<(&output::share::Deflated, &str)> = copy
        .own
        .iter()
        .map(|f| (&own_deflated, f.path.as_str()))
        .chain(copy.shared.iter().map(|p| (deflated, p.as_str())))
        .chain(media.iter().map(|m| (deflated, m.path.as_str())))
        .collect();
    let sink = output::share::pack_into(&mut entries, sink)?;
    drop(entries);
    Ok((sink, own_deflated))
}

fn zip_error(e: String) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(
        "output/zip",
        "public",
        format!("cannot make the zip: {e}"),
    )])
}

/// Builds the site at `opts.root` into `opts.out`. On failure nothing in `opts.out` changes and
/// every problem found is returned.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = std::time::Instant::now();
    if let Err(d) = check_out_dir(&opts.root, &opts.out) {
        return Err(Diagnostics(vec![d]));
    }
    // Before anything can fail: a build killed during its swap may have left the last good
    // output aside, and "the last good output was kept" must then be true.
    output::write::recover(&opts.out);
    let new = output::write::NewOutput::begin(&opts.out).map_err(|d| Diagnostics(vec![d]))?;
    let Rendered {
        site,
        files,
        mut warnings,
    } = render_site(&opts.root, opts.include_drafts, Zips::Make(&new))?;
    let stats = new.finish(&files, &site.assets).map_err(|d| {
        warnings.push(d);
        warnings.clone()
    })?;
    Ok(report::BuildReport::new(
        &site,
        &files,
        stats,
        warnings,
        started.elapsed(),
    ))
}

/// What `amparo export --zim` makes, and where.
#[derive(Debug, Clone)]
pub struct ZimOptions {
    /// The site's folder, holding `site.toml`.
    pub root: PathBuf,
    /// The ZIM file to write; [`output::zim::default_out`] names one after the site's folder.
    pub out: PathBuf,
    /// Pack pages marked `draft = true` too.
    pub include_drafts: bool,
    /// Who made the content; the first contact's name when `None`.
    pub creator: Option<String>,
    /// Who made the file; the creator when `None`.
    pub publisher: Option<String>,
    /// At most 80 characters; the home page's description (shortened) when `None`.
    pub description: Option<String>,
}

/// Builds the site and packs it into one ZIM file for Kiwix hotspots. Returns what the file
/// says about itself. Nothing is written when the site has a problem.
pub fn export_zim(opts: &ZimOptions) -> Result<output::zim::ZimInfo, Diagnostics> {
    let (rendered, prepared) = render_kept(&opts.root, opts.include_drafts, Zips::Skip)?;
    let site = &rendered.site;
    // A hotspot has no zips to offer: its share pages say how to pass a copy on.
    let copy_pages = render::share_pages(site, &prepared, None, None)?;
    let mut files: Vec<OutputFile> = rendered
        .files
        .into_iter()
        .filter(|f| !copy_pages.iter().any(|c| c.path == f.path))
        .collect();
    files.extend(copy_pages);
    let info = output::zim::ZimInfo::from_site(
        site,
        opts.creator.clone(),
        opts.publisher.clone(),
        opts.description.clone(),
    );
    output::zim::write_zim(site, &files, &info, &opts.out)?;
    Ok(info)
}

/// `path` with its links resolved, also when it does not exist yet: its nearest existing folder
/// resolved, and the rest of the path joined as written.
fn real_path(path: PathBuf) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = path.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return path,
        }
    }
}

/// Refuses an output folder that would swallow the site's own sources.
fn check_out_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root_abs, out_abs) = (abs(root), abs(out));
    let root_real = real_path(root_abs);
    let out_real = real_path(out_abs);
    let swallows = root_real.starts_with(&out_real)
        || out_real.join("site.toml").exists()
        || out_real.join("content").is_dir();
    if swallows {
        return Err(Diagnostic::error(
            "output/unsafe",
            out,
            "the output folder contains the site's own files; building there would replace them",
        )
        .with_help("choose an output folder of its own, e.g. --out public"));
    }
    // Inside a source folder, each build would read the last one as content and grow the site.
    if let Some(src) = ["content", "locales", "themes"]
        .iter()
        .find(|s| out_real.starts_with(root_real.join(s)))
    {
        return Err(Diagnostic::error(
            "output/unsafe",
            out,
            format!("the output folder is inside {src}/, so the next build would read it as part of the site"),
        )
        .with_help("choose an output folder outside content/, locales/ and themes/, e.g. --out public"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-language copy reuses the whole site's booklet, search and other files: it must be,
    /// file for file and byte for byte, what rendering that language alone makes.
    #[test]
    fn a_copy_of_one_language_is_what_rendering_it_alone_makes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, _) = load_site(root, false).expect("the bundled site loads");
        let prepared = render::prepare(&site);
        let full = render::render(&site, &prepared).expect("it renders");
        let sorted = |mut files: Vec<OutputFile>| {
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect::<Vec<_>>()
        };
        for lang in &site.config.languages {
            let copy = render::render_language(&site, &prepared, lang, &full).expect("a copy");
            let mut files = copy.own;
            files.extend(
                full.iter()
                    .filter(|f| copy.shared.contains(&f.path))
                    .cloned(),
            );
            let derived = sorted(files);
            let alone = sorted(render::render_alone(&site, &prepared, lang).expect("alone"));
            let paths =
                |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
            assert_eq!(paths(&derived), paths(&alone), "{lang}");
            for ((path, a), (_, b)) in derived.iter().zip(&alone) {
                assert!(a == b, "{lang}: {path} differs");
            }
        }
    }
}
