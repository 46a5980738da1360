//! One page file read again after an edit, or read for the first time when it was added, with
//! the checks a walk of `content/` makes: what lets a preview follow an edit without walking
//! every folder again.

use super::content::{ContentFile, is_ignored, load_file};
use super::names::fold;
use super::{SiteConfig, Theme};
use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Reads `file` again from disk (after an edit), with the same checks as the first time.
pub fn reload(
    root: &Path,
    file: &ContentFile,
    config: &SiteConfig,
    theme: &Theme,
) -> Result<ContentFile, Vec<Diagnostic>> {
    let source = root.join(&file.file);
    load_file(
        root,
        &source,
        &file.file,
        &in_content(&file.file),
        config,
        Some(theme),
    )
}

/// The page file at `rel` (relative to the root) added beside `files` (the pages read before),
/// read as a walk of `content/` would read it. `None` when only a walk can say what it is: not
/// a page file, a file left out or in a hidden folder, a link, a draft the build leaves out, a
/// problem, or a name another page has (in any case or Unicode form): a walk reports these.
pub fn added<'a>(
    root: &Path,
    rel: &Path,
    mut files: impl Iterator<Item = &'a ContentFile>,
    config: &SiteConfig,
    theme: &Theme,
    include_drafts: bool,
) -> Option<ContentFile> {
    let parts = in_content(rel);
    let name = parts.last()?;
    // Hidden folders and files too: their names start with a dot.
    if !rel.starts_with("content")
        || !name.ends_with(".md")
        || parts.iter().any(|p| is_ignored(p))
        || config.publish.left_out(&parts.join("/")).is_some()
        || through_a_link(root, rel)
    {
        return None;
    }
    let file = load_file(root, &root.join(rel), rel, &parts, config, Some(theme)).ok()?;
    let clash = |f: &ContentFile| {
        (f.path == file.path && f.lang == file.lang)
            || (f.path != file.path && fold(f.path.as_str()) == fold(file.path.as_str()))
    };
    (include_drafts || !file.front.draft)
        .then_some(())
        .filter(|()| !files.any(clash))
        .map(|()| file)
}

/// The parts of `rel` after `content/`: `["rights", "asylum.es.md"]`.
fn in_content(rel: &Path) -> Vec<String> {
    rel.components()
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// Whether the file at `rel`, or a folder it is in below `content/`, is a symbolic link, which
/// a walk does not follow (`content/` itself may be one).
fn through_a_link(root: &Path, rel: &Path) -> bool {
    let content = root.join("content");
    let mut path = root.join(rel);
    while path != content {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if !m.file_type().is_symlink() => {}
            _ => return true,
        }
        if !path.pop() {
            return true;
        }
    }
    false
}
