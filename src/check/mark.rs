//! `amparo check --mark-translated FILE`: records in a translation's front matter what it was
//! translated from (`translated_from = "es:<hash>"`, the hash of the source page's body now) and
//! keeps that source text under `.amparo/sources/<hash>.md`, so a later check can say which
//! lines of the source changed. This is the one place amparo edits a content file.

use super::translations::{SOURCES_DIR, body_hash, normalise};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::front_matter::split_front_matter;
use std::path::{Path, PathBuf};

/// What was marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub file: PathBuf,
    pub source: PathBuf,
    pub value: String,
}

/// Marks `file` (a path as the editor typed it, or relative to `root`) as translated from its
/// source as it is now. The source is the language `translated_from` already names, or else the
/// first language of the file's fallback chain that has the page.
pub fn mark_translated(root: &Path, file: &Path) -> Result<Marked, Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let (inputs, diags) = crate::load::load(root, true);
    let mut diags = diags;
    let site = inputs.and_then(|i| crate::model::Site::resolve(i, &mut diags));
    let Some(site) = site else {
        return Err(diags);
    };
    let wanted = canonical(root, file);
    let Some((index, translation)) = site
        .sources
        .iter()
        .enumerate()
        .find(|(_, f)| canonical(root, &f.file) == wanted)
    else {
        return Err(one(Diagnostic::error(
            "check/mark",
            file,
            "this is not a content file of the site",
        )
        .with_help(
            "give the path of a translation, e.g. content/rights/asylum.en.md",
        )));
    };
    let node = site.by_path.get(&translation.path).copied().unwrap_or(0);
    let named = translation.front.translated_from.as_ref().map(|t| &t.lang);
    let chain = site
        .language(&translation.lang)
        .map(|l| l.chain.fallbacks());
    let source = named
        .into_iter()
        .chain(chain.into_iter().flatten())
        .filter(|l| **l != translation.lang)
        .find_map(|l| site.nodes[node].translations.get(l).copied())
        .filter(|&s| s != index)
        .map(|s| &site.sources[s]);
    let Some(source) = source else {
        return Err(one(Diagnostic::error(
            "check/mark",
            &translation.file,
            "no other language has this page to translate from",
        )
        .with_help(
            "a translation is marked against the same page in another language",
        )));
    };
    let hash = body_hash(source.body());
    let value = format!("{}:{hash}", source.lang);
    let io = |what: &Path, e: std::io::Error| {
        one(Diagnostic::error(
            "io/write",
            what,
            format!("cannot write: {e}"),
        ))
    };
    let kept_dir = root.join(SOURCES_DIR);
    std::fs::create_dir_all(&kept_dir).map_err(|e| io(&kept_dir, e))?;
    let kept = kept_dir.join(format!("{hash}.md"));
    std::fs::write(&kept, normalise(source.body()) + "\n").map_err(|e| io(&kept, e))?;
    let text = with_translated_from(&translation.text, &value, &translation.file)?;
    let path = root.join(&translation.file);
    let tmp = path.with_extension("md.amparo-tmp");
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))?;
    Ok(Marked {
        file: translation.file.clone(),
        source: source.file.clone(),
        value,
    })
}

/// The file's text with its `translated_from` line set to `value`, everything else kept as it
/// was (comments, order, line endings).
pub fn with_translated_from(text: &str, value: &str, shown: &Path) -> Result<String, Diagnostics> {
    let (front, _) = split_front_matter(text, shown).map_err(Diagnostics)?;
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = format!("translated_from = \"{value}\"");
    let block = &text[front.clone()];
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    out.push_str(&text[..front.start]);
    let mut replaced = false;
    for l in block.split_inclusive('\n') {
        let key = l.trim_start();
        let is_ours = key
            .strip_prefix("translated_from")
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_ours && !replaced {
            out.push_str(&line);
            out.push_str(eol);
            replaced = true;
        } else {
            out.push_str(l);
        }
    }
    if !replaced {
        if !block.is_empty() && !block.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(&line);
        out.push_str(eol);
    }
    out.push_str(&text[front.end..]);
    Ok(out)
}

fn canonical(root: &Path, p: &Path) -> PathBuf {
    let candidates = [p.to_path_buf(), root.join(p)];
    candidates
        .iter()
        .find_map(|c| c.canonicalize().ok())
        .unwrap_or_else(|| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_added_or_replaced_and_nothing_else_moves() {
        let p = Path::new("x.md");
        let added =
            with_translated_from("+++\ntitle = \"A\" # t\n+++\nBody\n", "es:abc", p).unwrap();
        assert_eq!(
            added,
            "+++\ntitle = \"A\" # t\ntranslated_from = \"es:abc\"\n+++\nBody\n"
        );
        let replaced = with_translated_from(&added, "es:def", p).unwrap();
        assert_eq!(
            replaced,
            "+++\ntitle = \"A\" # t\ntranslated_from = \"es:def\"\n+++\nBody\n"
        );
        let crlf = with_translated_from("+++\r\ntitle = \"A\"\r\n+++\r\nB\r\n", "es:1", p).unwrap();
        assert_eq!(
            crlf,
            "+++\r\ntitle = \"A\"\r\ntranslated_from = \"es:1\"\r\n+++\r\nB\r\n"
        );
    }
}
