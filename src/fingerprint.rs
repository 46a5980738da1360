//! Fingerprints of source text: what a translation records in `translated_from = "es:<hash>"`,
//! and where the source text of that time is kept (`.amparo/sources/<hash>.md` for a page,
//! `<hash>.toml` for a locale's strings), so that a later check can say what changed.
//!
//! A fingerprint ignores what an editor changes without meaning to: line endings, trailing
//! spaces, blank lines at the ends, and the order and layout of a table of strings.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the source text a translation was made from is kept, by hash, below the site's root.
pub const SOURCES_DIR: &str = ".amparo/sources";

/// The kept source text of `hash` (`ext`: `md` for a page's body, `toml` for strings).
pub fn kept_source(root: &Path, hash: &str, ext: &str) -> PathBuf {
    root.join(SOURCES_DIR).join(format!("{hash}.{ext}"))
}

/// A body's hash as `translated_from` records it: line endings and trailing spaces do not count.
pub fn body_hash(body: &str) -> String {
    let normal = normalise(body);
    let digest = Sha256::digest(normal.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The text a hash is taken over: LF line ends, no trailing spaces, no blank lines at the ends.
pub fn normalise(body: &str) -> String {
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// The hash `translated_from` records for a table of strings: the same for the same keys and
/// texts, whatever their order or layout in the file.
pub fn strings_hash(strings: &BTreeMap<String, String>) -> String {
    body_hash(&snapshot(strings))
}

/// The strings as kept under [`SOURCES_DIR`]: a TOML table, one key per line, sorted.
pub fn snapshot(strings: &BTreeMap<String, String>) -> String {
    toml::to_string(strings).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_ignores_line_endings_and_trailing_spaces() {
        assert_eq!(body_hash("a\nb\n"), body_hash("a  \r\nb\r\n\r\n"));
        assert_ne!(body_hash("a\nb\n"), body_hash("a\nc\n"));
        assert_eq!(body_hash("x").len(), 12);
    }

    #[test]
    fn the_strings_hash_depends_on_keys_and_texts_only() {
        let a: BTreeMap<String, String> =
            [("b".into(), "Dos".into()), ("a".into(), "Uno".into())].into();
        let mut b = BTreeMap::new();
        b.insert("a".to_string(), "Uno".to_string());
        b.insert("b".to_string(), "Dos".to_string());
        assert_eq!(strings_hash(&a), strings_hash(&b));
        b.insert("b".to_string(), "Tres".to_string());
        assert_ne!(strings_hash(&a), strings_hash(&b));
        let back: BTreeMap<String, String> = toml::from_str(&snapshot(&a)).unwrap();
        assert_eq!(back, a, "a snapshot reads back as the same strings");
    }
}
