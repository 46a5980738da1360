//! What a build produces: [`OutputFile`], the content hashes that name assets and version the
//! service worker, and the name of every output file that is not a content page (content pages
//! are named by [`PagePath::output_file`](crate::page_path::PagePath::output_file)).
//!
//! Every stage that makes, lists or checks one of these files asks this module for its name, so
//! a name changes in one place. Paths are relative to the output root, `/`-separated; `lang` is
//! a language tag as it appears in the output (`es`, `quc`).

use crate::page_path::encode_segment;

/// One file of the output, relative to the output root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, `/`-separated: `es/rights/asylum/index.html`.
    pub path: String,
    /// The file's content, exactly as it is written.
    pub bytes: Vec<u8>,
}

/// What the last stages need of a file once it is written and its bytes let go: its path and
/// a hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSum {
    /// As [`OutputFile::path`].
    pub path: String,
    /// The XXH3-128 of its bytes: it changes when any byte does.
    pub hash: u128,
}

impl FileSum {
    /// The sum of `file`.
    pub fn of(file: &OutputFile) -> FileSum {
        FileSum {
            path: file.path.clone(),
            hash: xxhash_rust::xxh3::xxh3_128(&file.bytes),
        }
    }

    /// A sum that only names a file (for lists that need no more than the name).
    pub fn named(path: String) -> FileSum {
        FileSum { path, hash: 0 }
    }
}

/// The first 8 hex digits of the SHA-256 of `bytes`: names an asset by its content.
pub fn short_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A version of `parts` one after the other, in 16 hex digits: it changes when any byte does.
/// XXH3, not SHA-256: it reads the whole site on every build, and nothing depends on it
/// being hard to forge.
pub fn version_of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(part);
    }
    format!("{:016x}", hasher.digest())
}

/// A language folder name for bodies rendered once for every language: every language's tree
/// has the same shape, so links made from `x/…` are right from any language's folder.
pub const ANY_LANG: &str = "x";

/// The language chooser at the root of the output.
pub const CHOOSER: &str = "index.html";

/// The page hosts answer a missing address with (GitHub Pages, Netlify and most others).
pub const ROOT_NOT_FOUND: &str = "404.html";

/// The sitemap for search engines, made when `base_url` is set.
pub const SITEMAP: &str = "sitemap.xml";

/// Points crawlers to the sitemap, made when `base_url` is set.
pub const ROBOTS: &str = "robots.txt";

/// The service worker, at the root so that its scope is the whole site.
pub const SERVICE_WORKER: &str = "sw.js";

/// The printable booklet of a language, or, past the split, its list of booklets.
pub fn booklet(lang: &str) -> String {
    format!("{lang}/print/index.html")
}

/// One booklet of a language split by top-level section, beside [`booklet`] so that bodies'
/// links made for that folder stay right.
pub fn booklet_part(lang: &str, section: &str) -> String {
    format!("{lang}/print/{}.html", encode_segment(section))
}

/// Whether `path` is a booklet of `lang`: the single booklet, its list, or one of its parts.
pub fn is_booklet(path: &str, lang: &str) -> bool {
    path.strip_prefix(lang)
        .and_then(|p| p.strip_prefix("/print/"))
        .is_some_and(|name| !name.contains('/') && name.ends_with(".html"))
}

/// The one-page poster of a language.
pub fn poster(lang: &str) -> String {
    format!("{lang}/poster/index.html")
}

/// The "save or share" page of a language.
pub fn share_page(lang: &str) -> String {
    format!("{lang}/share/index.html")
}

/// The zip of one language, or of every language (`None`).
pub fn zip(lang: Option<&str>) -> String {
    format!("amparo-{}.zip", lang.unwrap_or("all"))
}

/// The search page of a language: an A–Z list of its pages, and search with JavaScript.
pub fn search_page(lang: &str) -> String {
    format!("{lang}/search/index.html")
}

/// The search index of a language, a script the search page loads (`fetch` fails on `file://`).
pub fn search_index(lang: &str) -> String {
    format!("{lang}/search/index.js")
}

/// The language whose search index `path` is a part of (`es/search/t/3.js` → `es`).
pub fn search_part_of(path: &str) -> Option<&str> {
    match path.split_once("/search/") {
        Some((lang, rest)) if !lang.contains('/') && rest.ends_with(".js") => Some(lang),
        _ => None,
    }
}

/// The page to reload when the output file `path` changes: a part of a search index is read
/// by its search page; any other file names itself.
pub fn page_showing(path: &str) -> String {
    search_part_of(path).map_or_else(|| path.to_string(), search_page)
}

/// The "page not found" page of a language.
pub fn not_found(lang: &str) -> String {
    format!("{lang}/404.html")
}

/// The page a language shows offline for a page that was never saved.
pub fn offline_page(lang: &str) -> String {
    format!("{lang}/offline.html")
}

/// The list of files the service worker saves for a language.
pub fn offline_list(lang: &str) -> String {
    format!("{lang}/offline.json")
}

/// The web app manifest of a language ("add to home screen").
pub fn manifest(lang: &str) -> String {
    format!("{lang}/manifest.webmanifest")
}

/// A theme file as published: stylesheets and scripts carry a hash of their bytes in the name,
/// so that a changed one is never served stale; other files keep their names.
pub fn theme_asset(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext @ ("css" | "js"))) => format!("assets/{stem}.{}.{ext}", short_hash(bytes)),
        _ => format!("assets/{name}"),
    }
}

/// The folder that files from `content/` (images, audio) are published in.
pub const MEDIA_DIR: &str = "media";

/// A file from `content/`, by its path below `content/`.
pub fn media(rel: &str) -> String {
    format!("{MEDIA_DIR}/{rel}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booklets_are_the_index_and_the_parts_beside_it() {
        assert_eq!(booklet("es"), "es/print/index.html");
        assert_eq!(booklet_part("es", "derechos"), "es/print/derechos.html");
        assert_eq!(booklet_part("es", "a b"), "es/print/a%20b.html");
        assert!(is_booklet(&booklet("es"), "es"));
        assert!(is_booklet(&booklet_part("es", "x"), "es"));
        assert!(!is_booklet(&booklet("en"), "es"));
        assert!(!is_booklet("es/print/x/index.html", "es"));
        assert!(!is_booklet("es/printer/index.html", "es"));
        assert!(!is_booklet("est/print/index.html", "es"));
    }

    #[test]
    fn scripts_and_stylesheets_are_named_by_their_content() {
        let a = theme_asset("style.css", b"a");
        assert!(a.starts_with("assets/style.") && a.ends_with(".css"));
        assert_ne!(a, theme_asset("style.css", b"b"));
        assert_eq!(theme_asset("icon.svg", b"a"), "assets/icon.svg");
        assert_eq!(short_hash(b"").len(), 8);
    }
}
