//! amparo: a static-site generator for know-your-rights information for migrant children.
//!
//! The pipeline runs one way — **load → model → render → write**:
//!
//! - [`load`] reads `site.toml`, `locales/`, `content/` and the theme into typed inputs;
//! - [`model`] resolves them into a [`model::Site`]: one page per (path, language), fallback
//!   chains, reading order;
//! - [`render`] turns the site into HTML and CSS in memory, in parallel, touching no disk;
//! - [`output`] writes it to a temporary folder and swaps it in atomically;
//! - [`publish`], for [`build`], hands each file to `output` as it is rendered, deflated for
//!   the zips, and lets its bytes go, so that a build never holds its whole output.
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
pub mod publish;
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

/// Loads, resolves and renders the site at `root` without writing anything, and without the
/// zips to share (the share pages name them with no size): a preview, a check, a ZIM file.
pub fn render_site(root: &Path, include_drafts: bool) -> Result<Rendered, Diagnostics> {
    render_kept(root, include_drafts).map(|(rendered, _)| rendered)
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
    files.extend(offline_files(&site, &files));
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
) -> Result<(Rendered, render::Prepared), Diagnostics> {
    let (site, mut diags) = load_site(root, include_drafts)?;
    let prepared = render::prepare(&site);
    diags.extend(prepared.warnings().cloned());
    let result = render::render(&site, &prepared).and_then(|mut files| {
        let infos = publish::unmade_zips(&site);
        files.extend(render::share_pages(&site, &prepared, None, Some(&infos))?);
        files.extend(render::host_files(&site, &prepared)?);
        // Last, so the offline lists and the worker's version cover every page.
        files.extend(offline_files(&site, &files));
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

/// The service worker and offline lists for `files`, every file of a rendering.
fn offline_files(site: &model::Site, files: &[OutputFile]) -> Vec<OutputFile> {
    let sums: Vec<files::FileSum> = files.iter().map(files::FileSum::of).collect();
    output::offline::files(&sums, &site.config.language_tags())
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
    let (site, mut warnings) = load_site(&opts.root, opts.include_drafts)?;
    let prepared = render::prepare_once(&site);
    warnings.extend(prepared.warnings().cloned());
    let fail = |mut warnings: Diagnostics, errors: Diagnostics| {
        // The bodies' warnings are in `warnings` already.
        warnings.extend(errors.0.into_iter().filter(Diagnostic::is_error));
        warnings.sort();
        warnings
    };
    if warnings.has_errors() {
        // Every problem at once: the pages' too, rendered and let go.
        let errors = render::render_into(&site, &prepared, &|_| Ok(()), None);
        return Err(fail(warnings, errors.err().unwrap_or_default()));
    }
    let new = output::write::NewOutput::begin(&opts.out).map_err(|d| Diagnostics(vec![d]))?;
    let kept = publish::open_cache(&opts.root);
    let published = match publish::publish(&opts.root, &site, &prepared, &new, &kept) {
        Ok(p) => p,
        Err(errors) => return Err(fail(warnings, errors)),
    };
    drop(prepared);
    warnings.sort();
    // The cache is written while the new output is put on the disk and swapped in.
    let (finished, ()) = rayon::join(
        || new.finish(&published.rest, &site.assets),
        || published.keep_cache(),
    );
    let stats = finished.map_err(|d| {
        warnings.push(d);
        warnings.clone()
    })?;
    Ok(report::BuildReport::new(
        &site,
        published.heaviest,
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
    let (rendered, prepared) = render_kept(&opts.root, opts.include_drafts)?;
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

    /// A build makes each booklet's bodies as it makes the booklet; the preview keeps them all.
    /// The booklets must be the same, languages that fall back to another's pages included.
    #[test]
    fn booklets_are_the_same_with_bodies_kept_or_made_per_booklet() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, _) = load_site(root, false).expect("the bundled site loads");
        let booklets = |prepared: &render::Prepared| -> Vec<OutputFile> {
            let files = render::render(&site, prepared).expect("it renders");
            files
                .into_iter()
                .filter(|f| f.path.contains("/print"))
                .collect()
        };
        let kept = booklets(&render::prepare(&site));
        assert_eq!(kept.len(), site.languages.len(), "one booklet per language");
        assert!(booklets(&render::prepare_once(&site)) == kept);
    }

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
            let paths: Vec<&str> = full.iter().map(|f| f.path.as_str()).collect();
            let copy = render::render_language(&site, &prepared, lang, &paths).expect("a copy");
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
