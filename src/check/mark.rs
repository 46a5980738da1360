//! `amparo check --mark-translated FILE`: records in a translation's front matter what it was
//! translated from (`translated_from = "es:<hash>"`, the hash of the source page's body now) and
//! keeps that source text under `.amparo/sources/<hash>.md`, so a later check can say which
//! lines of the source changed. A locale file is marked the same way, with a top-level
//! `translated_from` over its `[strings]`, and the source strings kept as `<hash>.toml`. This is
//! the one place amparo edits a site's files.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fingerprint::{SOURCES_DIR, body_hash, normalise, snapshot, strings_hash};
use crate::load::front_matter::split_front_matter;
use crate::model::{Language, NodeId, Site};
use std::path::{Path, PathBuf};

/// What was marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The translation or locale file that was marked, relative to the site root.
    pub file: PathBuf,
    /// The file it is now marked as translated from, relative to the site root.
    pub source: PathBuf,
    /// The `translated_from` value written: `es:3f2a9c1b7d4e`.
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
    if let Some(language) = site
        .languages
        .iter()
        .find(|l| of_site(root, &l.locale.path) == wanted)
    {
        return mark_locale(root, &site, language);
    }
    let Some((index, translation)) = site
        .sources
        .iter()
        .enumerate()
        .find(|(_, f)| of_site(root, &f.file) == wanted)
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
    let node = site
        .by_path
        .get(&translation.path)
        .copied()
        .unwrap_or(NodeId::HOME);
    let named = translation.front.translated_from.as_ref().map(|t| &t.lang);
    let chain = site
        .language(&translation.lang)
        .map(|l| l.chain.fallbacks());
    let source = named
        .into_iter()
        .chain(chain.into_iter().flatten())
        .filter(|l| **l != translation.lang)
        .find_map(|l| site.node(node).translations.get(l).copied())
        .filter(|&s| s.index() != index)
        .map(|s| site.source(s));
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
    keep(
        root,
        &format!("{hash}.md"),
        &(normalise(source.body()) + "\n"),
    )?;
    let text = with_translated_from(&translation.text, &value, &translation.file)?;
    write(root, &translation.file, &text)?;
    Ok(Marked {
        file: translation.file.clone(),
        source: source.file.clone(),
        value,
    })
}

/// Marks a locale file's strings as translated from the strings of the language it names in
/// `translated_from`, or else of the first language of its `fallback`.
fn mark_locale(root: &Path, site: &Site, language: &Language) -> Result<Marked, Diagnostics> {
    let locale = &language.locale;
    let source = locale
        .translated_from
        .as_ref()
        .map(|t| &t.lang)
        .into_iter()
        .chain(&locale.fallback)
        .find_map(|l| site.language(l))
        .map(|l| &l.locale)
        .ok_or_else(|| {
            Diagnostics(vec![
                Diagnostic::error(
                    "check/mark",
                    &locale.path,
                    "this language has no `fallback` to have translated its strings from",
                )
                .with_help(
                    "add `fallback = [\"es\"]` (the language the strings come from) to the file",
                ),
            ])
        })?;
    let hash = strings_hash(&source.strings);
    let value = format!("{}:{hash}", source.lang);
    keep(root, &format!("{hash}.toml"), &snapshot(&source.strings))?;
    let line = format!("translated_from = \"{value}\"");
    write(
        root,
        &locale.path,
        &with_top_level_line(&locale.text, &line),
    )?;
    Ok(Marked {
        file: locale.path.clone(),
        source: source.path.clone(),
        value,
    })
}

/// A TOML file's text with the top-level `translated_from` line set to `line`: replaced where it
/// is, or else added after the last top-level key, before the first `[table]`. Everything else
/// stays as it was (comments, order, line endings).
pub fn with_top_level_line(text: &str, line: &str) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let tables = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let ours = |l: &&str| {
        l.trim_start()
            .strip_prefix("translated_from")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if let Some(i) = lines[..tables].iter().position(ours) {
        out[i] = format!("{line}{eol}");
        return out.concat();
    }
    let after = lines[..tables]
        .iter()
        .rposition(|l| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#')
        })
        .map_or(0, |i| i + 1);
    if after > 0 && !out[after - 1].ends_with('\n') {
        out[after - 1].push_str(eol);
    }
    out.insert(after, format!("{line}{eol}"));
    out.concat()
}

/// Keeps a source's text under `.amparo/sources/` by name.
fn keep(root: &Path, name: &str, text: &str) -> Result<(), Diagnostics> {
    let dir = root.join(SOURCES_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let kept = dir.join(name);
    std::fs::write(&kept, text).map_err(|e| io(&kept, e))
}

/// Replaces a file of the site (`shown`, relative to `root`) with `text`, by a rename so that
/// neither an editor nor a build ever sees half a file.
fn write(root: &Path, shown: &Path, text: &str) -> Result<(), Diagnostics> {
    let path = root.join(shown);
    // Hidden, so neither a build nor `amparo serve`'s watcher takes it for a file of the site.
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.amparo.tmp"));
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
}

fn io(what: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(
        "io/write",
        what,
        format!("cannot write: {e}"),
    )])
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

/// A file of the site, named relative to its root.
fn of_site(root: &Path, p: &Path) -> PathBuf {
    let p = root.join(p);
    p.canonicalize().unwrap_or(p)
}

/// A path as the editor typed it: from the site's root, or else from the current folder (the
/// root first, so that `locales/en.toml` means the site's file wherever the command runs).
fn canonical(root: &Path, p: &Path) -> PathBuf {
    let candidates = [root.join(p), p.to_path_buf()];
    candidates
        .iter()
        .find_map(|c| c.canonicalize().ok())
        .unwrap_or_else(|| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_gets_its_line_after_the_top_level_keys_or_in_place() {
        let line = "translated_from = \"es:abc\"";
        let text = "# English\ntag = \"en\"\nreviewed = true\n\n# UI\n[strings]\nhome = \"Home\"\n";
        let added = with_top_level_line(text, line);
        assert_eq!(
            added,
            "# English\ntag = \"en\"\nreviewed = true\ntranslated_from = \"es:abc\"\n\n# UI\n[strings]\nhome = \"Home\"\n"
        );
        let replaced = with_top_level_line(&added, "translated_from = \"es:def\"");
        assert_eq!(replaced, added.replace("es:abc", "es:def"));
        // A `translated_from` key inside a table is not the top-level one.
        let nested = "tag = \"en\"\r\n[strings]\r\ntranslated_from = \"x\"\r\n";
        assert_eq!(
            with_top_level_line(nested, line),
            "tag = \"en\"\r\ntranslated_from = \"es:abc\"\r\n[strings]\r\ntranslated_from = \"x\"\r\n"
        );
        assert_eq!(
            with_top_level_line("", line),
            "translated_from = \"es:abc\"\n"
        );
        assert_eq!(
            with_top_level_line("tag = \"en\"", line),
            "tag = \"en\"\ntranslated_from = \"es:abc\"\n"
        );
    }

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
