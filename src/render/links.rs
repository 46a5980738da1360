//! Links written in content, resolved at render time: `[asylum](../protection/asylum.md)` becomes
//! the relative link to that page's output file in the reader's language tree; files under
//! `content/` become links into `media/`; other websites are marked as external.

use crate::load::{ContentFile, Picture};
use crate::page_path::{PagePath, percent_decode, relative_href};
use pulldown_cmark::LinkType;
use std::collections::{HashMap, HashSet};

/// What the renderer needs to know about the rest of the site.
pub struct LinkTargets<'a> {
    /// Every page path of the site.
    pub pages: &'a HashMap<PagePath, crate::model::NodeId>,
    /// Published content assets by their path relative to `content/`.
    pub assets: &'a HashMap<String, Option<Picture>>,
    /// Files under `content/` that are not published → why, in words.
    pub left_out: &'a HashMap<String, String>,
    /// The site's language tags, to recognise `page.en.md` in a link.
    pub languages: &'a [String],
    /// Pages left out of this build because every file of theirs is a draft.
    pub drafts: &'a HashSet<PagePath>,
}

/// One address written in a body, kept with the body so that a preview can tell whether it
/// still leads where it did.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkUse {
    /// The address as written.
    pub dest: String,
    /// How it was written.
    pub link_type: LinkType,
    /// Whether it is an image's.
    pub image: bool,
}

/// Where a link written in content leads, once resolved.
#[derive(Debug, PartialEq)]
pub enum Resolved {
    /// A relative href inside the site.
    Href(String),
    /// An address on another website.
    External(String),
    /// A raster image made for phones: its fallback's href, its WebP's, and its size.
    Picture {
        /// The fallback file (JPEG, PNG, GIF, or the WebP itself).
        src: String,
        /// The WebP, when there is one smaller than the fallback.
        webp: Option<String>,
        /// Pixels.
        width: u32,
        /// Pixels.
        height: u32,
    },
}

type LinkError = (String, String);

/// Resolves a link or image address written in `file`.
pub fn resolve(
    file: &ContentFile,
    dest: &str,
    link_type: LinkType,
    t: &LinkTargets,
    from: &str,
    image: bool,
) -> Result<Resolved, LinkError> {
    let dest = dest.trim();
    if !image && (matches!(link_type, LinkType::Email) || dest.starts_with("mailto:")) {
        return Ok(Resolved::Href(if dest.starts_with("mailto:") {
            dest.to_string()
        } else {
            format!("mailto:{dest}")
        }));
    }
    if dest.is_empty() {
        return Err((
            "the link has no address".into(),
            "write the address between the parentheses: [text](page.md)".into(),
        ));
    }
    if dest.starts_with('#') {
        return Ok(Resolved::Href(dest.to_string()));
    }
    if let Some((scheme, _)) = dest.split_once(':')
        && !scheme.contains('/')
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => Ok(Resolved::External(dest.to_string())),
            _ if image => Err((
                format!("an image cannot come from a `{scheme}:` address"),
                "save the image under content/ and link to the file: ![A girl calling on a phone](call.png)".into(),
            )),
            "tel" | "sms" => Ok(Resolved::Href(dest.to_string())),
            _ => Err((
                format!("`{scheme}:` links are not allowed"),
                "use https://, tel:, sms: or mailto: links, or a link to a page's .md file".into(),
            )),
        };
    }
    if dest.starts_with('/') || dest.starts_with('\\') {
        return Err((
            format!("`{dest}` is an absolute path"),
            "write links relative to this file, to the page's .md file: [text](../help/ask-for-help.md)".into(),
        ));
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path_part = path_part.split_once('?').map_or(path_part, |(p, _)| p);
    // A malformed escape is looked up as written (and reported as a broken link).
    let decoded = percent_decode(path_part).unwrap_or_else(|| path_part.to_string());
    // Names are compared in NFC, as the site's files are named (see `load::content`).
    let decoded = crate::load::names::nfc(&decoded);
    let content_rel = join_relative(&file.path, file.kind, &decoded).ok_or_else(|| {
        (
            format!("`{dest}` points outside content/"),
            "links must lead to files inside content/".to_string(),
        )
    })?;
    let anchor = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    if let Some(md) = content_rel.strip_suffix(".md").filter(|_| !image) {
        let page = page_path_of(md, t.languages);
        if t.pages.contains_key(&page) {
            return Ok(Resolved::Href(format!(
                "{}{anchor}",
                relative_href(from, &page.output_file("x"))
            )));
        }
        if t.drafts.contains(&page) {
            return Err((
                format!("`content/{md}.md` is a draft, so this build leaves it out and the link would lead nowhere"),
                "build with `--drafts` to see both pages in the preview (`amparo serve --drafts`), or remove `draft = true` from that page once it is ready".to_string(),
            ));
        }
        let suggestion =
            crate::diagnostics::did_you_mean(page.as_str(), t.pages.keys().map(PagePath::as_str))
                .map(|s| format!("did you mean `{}`? ", s))
                .unwrap_or_default();
        return Err((
            format!("broken link: no page `content/{md}.md` (in any language)"),
            format!(
                "{suggestion}links point at a page's .md file without the language, relative to this file, e.g. [text](../help/ask-for-help.md)"
            ),
        ));
    }
    if let Some(picture) = t.assets.get(&content_rel) {
        let href = |rel: &str| relative_href(from, &crate::files::media(rel));
        return Ok(match picture {
            Some(p) if image => Resolved::Picture {
                src: href(&content_rel),
                webp: p.webp.as_deref().map(href),
                width: p.width,
                height: p.height,
            },
            _ => Resolved::Href(format!("{}{anchor}", href(&content_rel))),
        });
    }
    if let Some(why) = t.left_out.get(&content_rel) {
        return Err((
            format!("`content/{content_rel}` is not published: {why}"),
            "list it under `include` in site.toml to publish it, or remove the link".into(),
        ));
    }
    let what = if image { "image" } else { "file" };
    Err((
        format!("broken link: no {what} `content/{content_rel}`"),
        if image {
            "put the image under content/ and write its path relative to this file".into()
        } else {
            "link to a page's .md file, e.g. [text](ask-for-help.md), or to a file under content/"
                .into()
        },
    ))
}

/// The page a link written in `file` leads to, and its `#anchor`: `Some` for links to a page's
/// `.md` file and for `#anchor` links within the page, `None` for anything else.
pub fn page_target(
    file: &ContentFile,
    dest: &str,
    languages: &[String],
) -> Option<(PagePath, Option<String>)> {
    let dest = dest.trim();
    if let Some(anchor) = dest.strip_prefix('#') {
        return Some((file.path.clone(), Some(anchor.to_string())));
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path_part = path_part.split_once('?').map_or(path_part, |(p, _)| p);
    if path_part.contains(':') || path_part.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path_part)?;
    let rel = join_relative(&file.path, file.kind, &decoded)?;
    let md = rel.strip_suffix(".md")?;
    Some((page_path_of(md, languages), fragment))
}

/// Joins a link path to the folder of the file it is written in; `None` when it leaves content/.
fn join_relative(page: &PagePath, kind: crate::load::SourceKind, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.segments().collect();
    if kind == crate::load::SourceKind::Page {
        parts.pop(); // a page file sits in its parent's folder
    }
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// `rights/asylum`, `rights/asylum.en`, `rights/_index` → the page path.
fn page_path_of(md: &str, languages: &[String]) -> PagePath {
    let (dir, name) = md.rsplit_once('/').map_or(("", md), |(d, n)| (d, n));
    let name = match name.rsplit_once('.') {
        Some((n, tag)) if languages.iter().any(|l| l.eq_ignore_ascii_case(tag)) => n,
        _ => name,
    };
    let dirs = dir.split('/').filter(|s| !s.is_empty());
    if name == "_index" {
        PagePath::from_segments(dirs)
    } else {
        PagePath::from_segments(dirs.chain(std::iter::once(name)))
    }
}
