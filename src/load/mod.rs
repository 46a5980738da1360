//! Load: reads `site.toml`, `locales/*.toml`, `content/**` and `themes/<name>/` into typed inputs.
//!
//! This stage owns all reading of the site's source files. Every value keeps enough of its place
//! (file, line, column) for a diagnostic, and every problem in every file is collected before the
//! stage returns, so one build reports all of them. Nothing here knows about HTML or output.

pub mod config;
pub mod content;
pub mod front_matter;
pub mod images;
pub mod locale;
pub mod names;
pub mod phones;
pub mod publish;
pub mod reread;
pub mod svg;
pub mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use config::{Budget, CheckConfig, Contact, SiteConfig, Thresholds};
pub use content::{ContentFile, FrontMatter, SourceKind, TranslatedFrom, markdown_options};
pub use images::{ContentAsset, ImageSettings, MediaFile, Picture};
pub use locale::Locale;
pub use publish::{LeftOut, LeftOutReason};
pub use theme::Theme;

/// Everything a build reads, checked for shape but not yet resolved into a site.
#[derive(Debug)]
pub struct Inputs {
    /// The site's folder, as given.
    pub root: PathBuf,
    /// `site.toml`, checked.
    pub config: SiteConfig,
    /// One locale per site language, in the site's order.
    pub locales: Vec<Locale>,
    /// The content files to build, each with its front matter checked.
    pub content: Vec<ContentFile>,
    /// Drafts left out of the build.
    pub drafts: Vec<ContentFile>,
    /// Every other file under `content/` that is published, under `media/`.
    pub assets: Vec<ContentAsset>,
    /// The files under `content/` that are not published, and why.
    pub left_out: Vec<LeftOut>,
    /// The theme `site.toml` names, its templates compiled.
    pub theme: Theme,
}

/// Reads the whole site. Returns the inputs when the configuration, locales and theme are usable
/// (content files that failed to load are left out), together with every problem found.
pub fn load(root: &Path, include_drafts: bool) -> (Option<Inputs>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let Some((config, numbers)) = config::load(root, &mut diags) else {
        return (None, diags);
    };
    // The numbering plans the phone numbers are checked against are made ready beside the
    // rest: on one core, they take longer than a small site's whole reading.
    let (checked, (inputs, rest)) = rayon::join(
        || numbers.check(&mut diags),
        || {
            let mut rest = Diagnostics::default();
            let theme = theme::load(root, &config.theme, &mut rest);
            let kept = HashMap::new();
            let inputs = load_rest(root, include_drafts, config, theme, &kept, &mut rest);
            (inputs, rest)
        },
    );
    diags.extend(rest);
    let inputs = inputs.map(|mut inputs| {
        inputs.config.put_numbers(checked);
        inputs
    });
    (inputs, diags)
}

/// Reads the site again after an edit to its content or locales, with the `config` and `theme`
/// read before, and each content file of `kept` (by its path, as [`ContentFile::file`] under
/// `root`) taken as it was read: the caller leaves out the files that changed. The same checks
/// as [`load`], the same result.
pub fn load_again(
    root: &Path,
    include_drafts: bool,
    config: SiteConfig,
    theme: Theme,
    kept: &HashMap<PathBuf, ContentFile>,
) -> (Option<Inputs>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let inputs = load_rest(root, include_drafts, config, Some(theme), kept, &mut diags);
    (inputs, diags)
}

fn load_rest(
    root: &Path,
    include_drafts: bool,
    config: SiteConfig,
    theme: Option<Theme>,
    kept: &HashMap<PathBuf, ContentFile>,
    diags: &mut Diagnostics,
) -> Option<Inputs> {
    let locales = locale::load_all(root, &config, diags);
    let content::Loaded {
        files: content,
        drafts,
        mut assets,
        left_out,
    } = content::load_all(root, &config, theme.as_ref(), include_drafts, kept, diags);
    let (locales, theme) = (locales?, theme?);
    // Images are made only for a site that will render.
    images::prepare(root, config.images, &mut assets, diags);
    Some(Inputs {
        root: root.to_path_buf(),
        config,
        locales,
        content,
        drafts,
        assets,
        left_out,
        theme,
    })
}

/// Reads a text file: valid UTF-8 required, a leading byte-order mark dropped.
pub(crate) fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("io/read", &shown, format!("cannot read the file: {e}"))
            .with_help("check that the file exists and that you may read it")
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Diagnostic::error(
                "io/not-utf8",
                &shown,
                format!("the file is not valid UTF-8 (bad byte at offset {valid})"),
            )
            .at_line(line, column)
            .with_help("save the file with UTF-8 encoding in your editor"))
        }
    }
}

/// Writes a file of the cache under `.amparo/cache/` (images, phone numbers) by rename, so a
/// build running beside this one never reads half of it; a temporary file left by a failure is
/// removed.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Parses TOML into `T`. A syntax or type error becomes one diagnostic pointing into `file_text`
/// (`offset` is where `toml_text` starts inside it); an unknown key gets a "did you mean" hint.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    toml_text: &str,
    file_text: &str,
    offset: usize,
    path: &Path,
    code: &'static str,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(toml_text).map_err(|e| {
        let message = e.message().trim().to_string();
        let range = e.span().unwrap_or(0..0);
        let range = offset + range.start..offset + range.end;
        let mut d = Diagnostic::error(code, path, first_line(&message)).at(file_text, range.clone());
        if let Some((key, expected)) = unknown_field(&message) {
            d.message = format!("unknown key `{key}`");
            d = d.with_help(match did_you_mean(&key, expected.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? Allowed keys: {}", expected.join(", ")),
                None => format!("allowed keys: {}", expected.join(", ")),
            });
        } else if let Some(field) = missing_field(&message) {
            d.message = format!("missing key `{field}`");
            d = d.with_help(format!("add a line `{field} = …`"));
        } else if let Some((message, help)) = wrong_type(&message, line_at(file_text, range.start))
        {
            d.message = message;
            d = d.with_help(help);
        } else {
            d = d.with_help("fix the TOML syntax here: text values need \"double quotes\", one `key = value` per line");
        }
        d
    })
}

/// The line of `text` holding byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// serde's "invalid type: string \"10\", expected i64" on the line `weight = "10"`: what type
/// the key takes, and the line written that way (`weight = 10`).
fn wrong_type(message: &str, line: &str) -> Option<(String, String)> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let found = found.split_whitespace().next().unwrap_or(found);
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    let value = value.split(" #").next().unwrap_or(value).trim();
    let bare = value.trim_matches(|c| c == '"' || c == '\'');
    let (kind, fixed) = match expected.trim() {
        "i64" | "u64" | "i32" | "u32" | "usize" | "an integer" => (
            "a whole number, without quotes",
            bare.parse::<i64>()
                .map_or("10".to_string(), |n| n.to_string()),
        ),
        "a boolean" => (
            "true or false, without quotes",
            match bare.to_lowercase().as_str() {
                "no" | "false" | "0" | "falso" => "false",
                _ => "true",
            }
            .to_string(),
        ),
        "a string" => (
            "text in double quotes",
            format!("\"{}\"", bare.replace('\\', "\\\\").replace('"', "\\\"")),
        ),
        "a sequence" => ("a list in square brackets", format!("[{bare}]")),
        _ => return None,
    };
    let found = match found {
        "string" => "text",
        "integer" | "float" => "a number",
        "boolean" => "true or false",
        "sequence" => "a list",
        other => other,
    };
    Some((
        format!("`{key}` takes {kind}, not {found}"),
        format!("write it as: {key} = {fixed}"),
    ))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" message.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key.to_string(), expected))
}

/// Reads serde's "missing field `x`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.split_once('`')?.0.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_gets_a_suggestion_and_a_place() {
        let text = "title = \"a\"\ntitel = \"b\"\n";
        let d = parse_toml::<Small>(text, text, 0, Path::new("x.toml"), "t").unwrap_err();
        assert_eq!(d.message, "unknown key `titel`");
        assert_eq!(d.span.unwrap().line, 2);
        assert!(d.help.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn missing_key_says_what_to_add() {
        let d = parse_toml::<Small>("weight = 1\n", "weight = 1\n", 0, Path::new("x.toml"), "t")
            .unwrap_err();
        assert_eq!(d.message, "missing key `title`");
    }

    #[test]
    fn syntax_error_points_at_the_line() {
        let text = "title = \"a\"\nweight = = 2\n";
        let d = parse_toml::<Small>(text, text, 0, Path::new("x.toml"), "t").unwrap_err();
        assert_eq!(d.span.unwrap().line, 2);
    }
}
