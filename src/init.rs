//! `amparo init`: scaffolds a minimal, working two-language site with the default theme.

use std::path::Path;

/// The default theme, embedded so a new site works without this repository.
const THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The starter site: `site.toml`, two locales, a home and one section with one page.
const STARTER: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/starter_site.rs"));

/// Errors of `amparo init`.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder, as given, has files in it (or cannot be read); nothing was written.
    #[error("{0} already exists and is not empty; choose a new folder")]
    NotEmpty(String),
    /// A file could not be written; those written before it stay.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file that could not be written.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// Writes a new site into `dir`, which must be empty or not exist.
pub fn init(dir: &Path) -> Result<(), InitError> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(InitError::NotEmpty(dir.display().to_string()));
    }
    let theme = THEME
        .iter()
        .map(|(p, t)| (format!("themes/default/{p}"), *t));
    let starter = STARTER.iter().map(|(p, t)| (p.to_string(), *t));
    for (rel, text) in starter.chain(theme) {
        let path = dir.join(&rel);
        let io = |source| InitError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, text).map_err(io)?;
    }
    Ok(())
}
