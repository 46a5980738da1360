//! `amparo export --zim`: the site as one ZIM file, for Kiwix and Internet-in-a-Box hotspots,
//! made by Debian's `zimwriterfs` (package `zim-tools`) from a built copy of the site.
//!
//! A hotspot serves the pages over plain HTTP, where no service worker runs; the pages work the
//! same without one. The share pages say how to pass a copy on, as in a zip, since the hotspot
//! has no zips to offer.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::OutputFile;
use crate::model::Site;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The program that packs a folder into a ZIM file.
pub const ZIMWRITERFS: &str = "zimwriterfs";

/// The theme's 48×48 PNG that Kiwix shows for the file.
pub const ILLUSTRATION: &str = "icon-48.png";

/// What the ZIM file says about itself.
#[derive(Debug, Clone)]
pub struct ZimInfo {
    /// The site's title in the default language.
    pub title: String,
    /// At most 80 characters: the one given, or else the home page's description (or the site
    /// title) shortened.
    pub description: String,
    /// Who made the content: the one given, or else the first contact's name, or the site title.
    pub creator: String,
    /// Who made the file: the one given, or else the creator.
    pub publisher: String,
    /// ISO 639-3 codes of the site's languages, comma-separated: `spa,eng,quc,mam`.
    pub languages: String,
    /// A stable identifier, the same for every version of this site's ZIM.
    pub name: String,
}

impl ZimInfo {
    /// The title and description of the default language's home page, the first contact as
    /// the creator unless one is given, and every language's ISO 639-3 code.
    pub fn from_site(
        site: &Site,
        creator: Option<String>,
        publisher: Option<String>,
        description: Option<String>,
    ) -> ZimInfo {
        let default = &site.config.default_language;
        let title = site
            .language(default)
            .map(|l| l.site_title.clone())
            .unwrap_or_default();
        let home = site
            .source_for(crate::model::NodeId::HOME, default)
            .map(|s| site.source(s));
        let description = description.unwrap_or_else(|| {
            short(
                &home
                    .and_then(|h| h.front.description.clone())
                    .unwrap_or_else(|| title.clone()),
            )
        });
        let creator = creator
            .or_else(|| site.config.contacts.first().map(|c| c.name.clone()))
            .unwrap_or_else(|| title.clone());
        ZimInfo {
            languages: site
                .config
                .languages
                .iter()
                .map(|l| iso_639_3(l.primary()))
                .collect::<Vec<_>>()
                .join(","),
            name: format!("amparo_{}", slug(&title)),
            publisher: publisher.unwrap_or_else(|| creator.clone()),
            creator,
            description,
            title,
        }
    }
}

/// The longest a ZIM description may be.
const DESCRIPTION_MAX: usize = 80;

/// A description that fits: the text, or its first sentence, or its words up to the limit
/// followed by "…".
fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= DESCRIPTION_MAX {
        return text.to_string();
    }
    if let Some(end) = text.find(". ")
        && text[..=end].chars().count() <= DESCRIPTION_MAX
    {
        return text[..=end].to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > DESCRIPTION_MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{}…", out.trim_end_matches([',', ';', ':']))
}

/// `es` → `spa`; three-letter codes (`quc`, `mam`) are ISO 639-3 already.
pub fn iso_639_3(primary: &str) -> String {
    if primary.len() == 2
        && let Some(l) = isolang::Language::from_639_1(primary)
    {
        return l.to_639_3().to_string();
    }
    primary.to_string()
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// Writes `files` (and the content assets) to a temporary folder and packs it into `out`.
pub fn write_zim(
    site: &Site,
    files: &[OutputFile],
    info: &ZimInfo,
    out: &Path,
) -> Result<(), Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    if !files
        .iter()
        .any(|f| f.path == format!("assets/{ILLUSTRATION}"))
    {
        return Err(one(Diagnostic::error(
            "export/zim",
            &site.theme.dir,
            format!(
                "the theme has no static/{ILLUSTRATION}: a ZIM file needs a 48×48 PNG illustration"
            ),
        )
        .with_help(format!(
            "add a 48×48 PNG as themes/{}/static/{ILLUSTRATION}",
            site.theme.name
        ))));
    }
    for (what, limit, value) in [
        ("title", 30, &info.title),
        ("description", DESCRIPTION_MAX, &info.description),
    ] {
        if value.chars().count() > limit {
            // The title comes from site.toml; a description this long only from the flag.
            let from: &Path = if what == "title" {
                &site.config.path
            } else {
                Path::new("the command line (--description)")
            };
            return Err(one(Diagnostic::error(
                "export/zim",
                from,
                format!("the ZIM {what} may have at most {limit} characters: \"{value}\""),
            )
            .with_help(if what == "title" {
                "shorten the site title of the default language in site.toml"
            } else {
                "give a shorter one with --description"
            })));
        }
    }
    let dir = tempfile::tempdir().map_err(|e| {
        one(Diagnostic::error(
            "export/zim",
            out,
            format!("cannot make a temporary folder: {e}"),
        ))
    })?;
    let site_dir = dir.path().join("site");
    super::write::write_site(&site_dir, files, &site.assets).map_err(one)?;
    let status = Command::new(ZIMWRITERFS)
        .args(arguments(info))
        .arg(&site_dir)
        .arg(out)
        .output();
    match status {
        Ok(o) if o.status.success() && out.is_file() => Ok(()),
        Ok(o) => Err(one(Diagnostic::error(
            "export/zim",
            out,
            format!(
                "{ZIMWRITERFS} failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            ),
        )
        .with_help(
            "read the message above; an existing file at the output path is not replaced",
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(one(Diagnostic::error(
            "export/zim",
            out,
            format!("{ZIMWRITERFS} is not installed"),
        )
        .with_help("install Debian's zim-tools: sudo apt-get install zim-tools"))),
        Err(e) => Err(one(Diagnostic::error(
            "export/zim",
            out,
            format!("cannot run {ZIMWRITERFS}: {e}"),
        ))),
    }
}

fn arguments(info: &ZimInfo) -> Vec<String> {
    vec![
        "--welcome=index.html".into(),
        format!("--illustration=assets/{ILLUSTRATION}"),
        format!("--language={}", info.languages),
        format!("--title={}", info.title),
        format!("--description={}", info.description),
        format!("--creator={}", info.creator),
        format!("--publisher={}", info.publisher),
        format!("--name={}", info.name),
        format!("--scraper=amparo {}", env!("CARGO_PKG_VERSION")),
    ]
}

/// Where the ZIM goes by default: `<site folder name>.zim` beside the site's folder.
pub fn default_out(root: &Path) -> PathBuf {
    let name = std::path::absolute(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "site".into());
    PathBuf::from(format!("{name}.zim"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_codes_are_iso_639_3() {
        assert_eq!(super::iso_639_3("es"), "spa");
        assert_eq!(super::iso_639_3("en"), "eng");
        assert_eq!(super::iso_639_3("quc"), "quc");
        assert_eq!(super::iso_639_3("mam"), "mam");
    }

    #[test]
    fn long_descriptions_are_shortened_at_a_word() {
        let long = "Información para niñas, niños y adolescentes que viajan solos en México o en la frontera con Estados Unidos.";
        let s = super::short(long);
        assert!(s.chars().count() <= 80, "{s}");
        assert!(
            s.ends_with('…') && long.starts_with(s.trim_end_matches('…')),
            "{s}"
        );
        assert_eq!(super::short("Corta. Y otra."), "Corta. Y otra.");
        let two = format!("Primera frase corta. {}", "palabra ".repeat(20));
        assert_eq!(super::short(&two), "Primera frase corta.");
    }

    #[test]
    fn names_are_stable_slugs() {
        assert_eq!(super::slug("Amparo: tus derechos"), "amparo_tus_derechos");
    }
}
