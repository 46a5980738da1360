//! What leaves the building: which files under `content/` are published. Only files a browser
//! can use are (images, audio, video, PDF, subtitles); anything else — private notes, office
//! documents, system and backup files, names starting with `.` or `_` — is left out, and the
//! build says which and why. `exclude` and `include` in `site.toml` (globs) move the line.

use crate::diagnostics::Diagnostic;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::Path;
use toml::Spanned;

/// The file types a page can use, by extension (lower case), as the README lists them.
pub const PUBLISHED_TYPES: &[(&str, &[&str])] = &[
    (
        "images",
        &["jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico"],
    ),
    (
        "audio",
        &[
            "mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "weba", "flac",
        ],
    ),
    ("video", &["mp4", "m4v", "webm", "ogv"]),
    ("documents", &["pdf"]),
    ("subtitles", &["vtt"]),
];

/// Files the operating system leaves in folders: never the author's work.
const SYSTEM_FILES: &[&str] = &["thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"];

/// Why a file under `content/` is not published.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "detail")]
pub enum LeftOutReason {
    /// `Thumbs.db`, `.DS_Store`, `desktop.ini`.
    SystemFile,
    /// `notes.txt~`, `.page.md.swp`, `#draft#`, `page.bak`.
    Backup,
    /// A name (of the file or a folder above it) starting with `.`.
    Hidden,
    /// A name (of the file or a folder above it) starting with `_` (`_index` pages excepted).
    Underscore,
    /// Listed by a pattern of `exclude` in site.toml (the pattern).
    Excluded(String),
    /// Not a type pages can use (the extension, or empty for none).
    NotForBrowsers(String),
}

impl LeftOutReason {
    /// The reason in words, for the build's and check's reports.
    pub fn describe(&self) -> String {
        match self {
            Self::SystemFile => "a file the operating system makes".into(),
            Self::Backup => "an editor's backup or temporary file".into(),
            Self::Hidden => "its name starts with `.` (a hidden file)".into(),
            Self::Underscore => "its name starts with `_` (kept for the authors)".into(),
            Self::Excluded(p) => format!("site.toml's `exclude` lists `{p}`"),
            Self::NotForBrowsers(ext) if ext.is_empty() => {
                "it has no file type a page can use (images, audio, video, PDF, subtitles)".into()
            }
            Self::NotForBrowsers(ext) => format!(
                "`.{ext}` is not a file type a page can use (images, audio, video, PDF, subtitles)"
            ),
        }
    }

    /// Whether `include` in site.toml can publish such a file anyway.
    pub fn includable(&self) -> bool {
        matches!(self, Self::NotForBrowsers(_) | Self::Underscore)
    }
}

/// A file under `content/` that the build does not publish.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    /// Relative to the site root: `content/notes.txt`; a folder ends with `/`.
    pub path: String,
    /// Why.
    #[serde(flatten)]
    pub reason: LeftOutReason,
}

impl LeftOut {
    /// `content/notes.txt: `.txt` is not a file type …`, for reports.
    pub fn describe(&self) -> String {
        let hint = if self.reason.includable() {
            " (to publish it, list it under `include` in site.toml)"
        } else {
            ""
        };
        format!("{}: {}{hint}", self.path, self.reason.describe())
    }
}

/// `include` and `exclude` from site.toml, compiled.
#[derive(Debug, Clone, Default)]
pub struct PublishRules {
    include: Patterns,
    exclude: Patterns,
}

#[derive(Debug, Clone, Default)]
struct Patterns {
    written: Vec<String>,
    set: GlobSet,
}

impl Patterns {
    /// The first pattern that matches `rel`, as written.
    fn first_match(&self, rel: &str) -> Option<&str> {
        self.set
            .matches(rel)
            .first()
            .map(|&i| self.written[i].as_str())
    }
}

impl PublishRules {
    /// Compiles the patterns of site.toml's `include` and `exclude`; a bad one is an error at
    /// its place in `text` (site.toml).
    pub fn new(
        include: &[Spanned<String>],
        exclude: &[Spanned<String>],
        text: &str,
        shown: &Path,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut compile = |key: &str, list: &[Spanned<String>]| {
            let mut set = GlobSetBuilder::new();
            let mut written = Vec::new();
            for p in list {
                match glob(p.get_ref()) {
                    Ok(g) => {
                        set.add(g);
                        written.push(p.get_ref().clone());
                    }
                    Err(e) => errors.push(
                        Diagnostic::error(
                            "config/publish",
                            shown,
                            format!("`{key}`: `{}` is not a pattern I can read: {e}", p.get_ref()),
                        )
                        .at(text, p.span())
                        .with_help("write paths under content/ with `*` (any name), `**` (any folders) and `?`, e.g. \"forms/*.txt\" or \"*.psd\""),
                    ),
                }
            }
            Patterns {
                set: set.build().unwrap_or_default(),
                written,
            }
        };
        let include = compile("include", include);
        let exclude = compile("exclude", exclude);
        if errors.is_empty() {
            Ok(Self { include, exclude })
        } else {
            Err(errors)
        }
    }

    /// Why the file at `rel` (relative to `content/`, `/`-separated) is not published, or
    /// `None` when it is. `exclude` comes first, then `include`, then the defaults.
    pub fn left_out(&self, rel: &str) -> Option<LeftOutReason> {
        if let Some(p) = self.exclude.first_match(rel) {
            return Some(LeftOutReason::Excluded(p.to_string()));
        }
        let default = default_reason(rel)?;
        if default.includable() && self.include.first_match(rel).is_some() {
            return None;
        }
        Some(default)
    }
}

/// A pattern without `/` matches a name in any folder (`*.psd`); with one, a path from
/// `content/` (`forms/*.txt`). `*` never crosses a `/`; `**` does.
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    let p = pattern.trim().trim_start_matches("./");
    let p = p.strip_prefix("content/").unwrap_or(p);
    let full = if p.contains('/') {
        p.trim_start_matches('/').to_string()
    } else {
        format!("**/{p}")
    };
    GlobBuilder::new(&full).literal_separator(true).build()
}

/// The defaults: a hidden folder or file, an `_` name, a system or backup file, a type pages
/// cannot use. Markdown pages are published as pages; `_index` pages are the sections' own.
fn default_reason(rel: &str) -> Option<LeftOutReason> {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or_default();
    let lower = name.to_lowercase();
    if SYSTEM_FILES.contains(&lower.as_str()) {
        return Some(LeftOutReason::SystemFile);
    }
    if is_backup(name) {
        return Some(LeftOutReason::Backup);
    }
    if parts.iter().any(|p| p.starts_with('.')) {
        return Some(LeftOutReason::Hidden);
    }
    let (dirs, _) = parts.split_at(parts.len().saturating_sub(1));
    if dirs.iter().any(|d| d.starts_with('_'))
        || (name.starts_with('_') && !name.starts_with("_index."))
    {
        return Some(LeftOutReason::Underscore);
    }
    let ext = match lower.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext,
        _ => "",
    };
    if ext == "md" || PUBLISHED_TYPES.iter().any(|(_, exts)| exts.contains(&ext)) {
        return None;
    }
    Some(LeftOutReason::NotForBrowsers(ext.to_string()))
}

/// Names editors and office programs give their backups, swap and lock files.
pub fn is_backup(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with('~')
        || (lower.starts_with('#') && lower.ends_with('#'))
        || lower.starts_with(".#")
        || lower.starts_with("~$")
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|e| lower.ends_with(e))
        || lower == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(include: &[&str], exclude: &[&str]) -> PublishRules {
        let sp = |v: &[&str]| -> Vec<Spanned<String>> {
            v.iter()
                .map(|s| Spanned::new(0..0, s.to_string()))
                .collect()
        };
        PublishRules::new(&sp(include), &sp(exclude), "", Path::new("site.toml"))
            .unwrap_or_else(|e| unreachable!("{e:?}"))
    }

    #[test]
    fn only_what_a_browser_uses_is_published() {
        let r = rules(&[], &[]);
        for ok in [
            "a.es.md",
            "_index.es.md",
            "rights/_index.en.md",
            "img/Photo.JPG",
            "call.svg",
            "rights/asylum.mam.mp3",
            "v/intro.webm",
            "form.pdf",
            "v/intro.es.vtt",
        ] {
            assert_eq!(r.left_out(ok), None, "{ok}");
        }
        let cases = [
            ("notas.txt", LeftOutReason::NotForBrowsers("txt".into())),
            ("case.docx", LeftOutReason::NotForBrowsers("docx".into())),
            ("list.xlsx", LeftOutReason::NotForBrowsers("xlsx".into())),
            ("Makefile", LeftOutReason::NotForBrowsers(String::new())),
            ("img/Thumbs.db", LeftOutReason::SystemFile),
            ("img/.DS_Store", LeftOutReason::SystemFile),
            ("page.es.md~", LeftOutReason::Backup),
            ("~$case.docx", LeftOutReason::Backup),
            ("photo.jpg.bak", LeftOutReason::Backup),
            (".secret.pdf", LeftOutReason::Hidden),
            (".git/config", LeftOutReason::Hidden),
            ("_private/photo.jpg", LeftOutReason::Underscore),
            ("_notes.es.md", LeftOutReason::Underscore),
            ("_private/_index.es.md", LeftOutReason::Underscore),
        ];
        for (rel, want) in cases {
            assert_eq!(r.left_out(rel), Some(want), "{rel}");
        }
    }

    #[test]
    fn exclude_comes_first_and_include_publishes_what_the_defaults_leave_out() {
        let r = rules(
            &["forms/*.txt", "_shared/**"],
            &["*.psd", "img/raw/**", "forms/x.txt"],
        );
        assert_eq!(r.left_out("forms/a.txt"), None);
        assert_eq!(
            r.left_out("forms/deep/a.txt"),
            Some(LeftOutReason::NotForBrowsers("txt".into()))
        );
        assert_eq!(r.left_out("_shared/logo.png"), None);
        assert_eq!(
            r.left_out("forms/x.txt"),
            Some(LeftOutReason::Excluded("forms/x.txt".into()))
        );
        assert_eq!(
            r.left_out("deep/in/art.psd"),
            Some(LeftOutReason::Excluded("*.psd".into()))
        );
        assert_eq!(
            r.left_out("img/raw/a.jpg"),
            Some(LeftOutReason::Excluded("img/raw/**".into()))
        );
        assert_eq!(r.left_out("img/a.jpg"), None);
        // `include` never publishes a backup, system or hidden file.
        let r = rules(&["**"], &[]);
        assert_eq!(r.left_out("a.txt~"), Some(LeftOutReason::Backup));
        assert_eq!(r.left_out(".env"), Some(LeftOutReason::Hidden));
    }

    #[test]
    fn a_bad_pattern_is_an_error_at_its_place() {
        let text = "exclude = [\"a[\"]\n";
        let bad = vec![Spanned::new(11..15, "a[".to_string())];
        let errors = PublishRules::new(&[], &bad, text, Path::new("site.toml"))
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        let d = &errors[0];
        assert_eq!(d.code, "config/publish");
        assert_eq!(d.span.map(|s| (s.line, s.column)), Some((1, 12)));
    }
}
