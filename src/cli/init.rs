//! `amparo init`: creates a new, working two-language site and says what to do next.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create (must be empty or not exist).
    dir: PathBuf,
}

/// The `*.en.md` files under `dir`, relative to the site's `root` (`content/…`).
fn walk_english(root: &std::path::Path, dir: &std::path::Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(".en.md"))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(PathBuf::from))
        .collect()
}

pub fn run(args: InitArgs) -> Result<ExitCode> {
    let dir = args.dir;
    amparo::init::init(&dir)?;
    // The English pages are translations of the Spanish ones as they are now: marked so, a
    // change to a Spanish page shows as a stale translation from the first day.
    let english: Vec<PathBuf> = walk_english(&dir, &dir.join("content"))
        .into_iter()
        .chain([PathBuf::from("locales/en.toml")])
        .collect();
    let english: Vec<&std::path::Path> = english.iter().map(PathBuf::as_path).collect();
    if let Err(diags) = amparo::check::mark::mark_all(&dir, &english) {
        crate::print_diagnostics(&diags);
    }
    out!("Created a new site in {}.", dir.display());
    out!(
        "First: add your organisation's phone or WhatsApp under [[contacts]] in {}: every page tells children to call for help, and `amparo check` fails until it names someone.",
        dir.join("site.toml").display()
    );
    out!(
        "Next: cd {} && amparo build   (the site is then in public/index.html)",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
