//! `amparo init`: scaffolds a minimal, working two-language site with the default theme.

use std::path::Path;

/// The default theme, embedded so a new site works without this repository.
const THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// The starter site: `site.toml`, two locales, a home and one section with one page.
const STARTER: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/starter_site.rs"));

/// What a new site keeps out of git: the built site, ZIM files and the image cache.
const GITIGNORE: &str = "# Made by amparo: built again from the sources whenever needed.\npublic/\n*.zim\n.amparo/cache/\n";

/// Errors of `amparo init`.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder, as given, has files in it (or cannot be read); nothing was written.
    #[error("{0} already exists and is not empty; choose a new folder")]
    NotEmpty(String),
    /// The path is a file, not a folder; nothing was written.
    #[error("{0} is a file, not a folder; give the name of a new folder for the site")]
    IsAFile(String),
    /// A file could not be written; those written before it stay.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file that could not be written.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// Writes a new site into `dir`, which must not exist, or be empty but for a `.git` folder
/// (a repository made first, as hosting services make them).
pub fn init(dir: &Path) -> Result<(), InitError> {
    if dir.is_file() {
        return Err(InitError::IsAFile(dir.display().to_string()));
    }
    let taken = |mut d: std::fs::ReadDir| d.any(|e| e.map_or(true, |e| e.file_name() != ".git"));
    if dir.exists() && std::fs::read_dir(dir).map(taken).unwrap_or(true) {
        return Err(InitError::NotEmpty(dir.display().to_string()));
    }
    let theme = THEME
        .iter()
        .map(|(p, t)| (format!("themes/default/{p}"), *t));
    let starter = STARTER
        .iter()
        .map(|(p, t)| (p.to_string(), *t))
        .chain([(".gitignore".to_string(), GITIGNORE.as_bytes())]);
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
