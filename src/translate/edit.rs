//! Edits of a site's own files for its translations, line by line, keeping everything else as
//! it was (comments, order, line endings): a front matter key, a locale's top-level line or UI string, a copy
//! of the source text under `.amparo/sources/`. Each file is replaced by a rename, so neither an
//! editor nor a build ever sees half of it.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fingerprint::SOURCES_DIR;
use crate::load::front_matter::split_front_matter;
use std::path::Path;

/// The file's text with its `translated_from` line set to `value`, everything else kept as it
/// was (comments, order, line endings).
pub fn with_translated_from(text: &str, value: &str, shown: &Path) -> Result<String, Diagnostics> {
    let line = format!("translated_from = \"{value}\"");
    with_front_matter_line(text, "translated_from", &line, shown)
}

/// The file's text with the front matter's line of `key` replaced by `line` (added at the end of
/// the front matter when the key is not there), everything else kept as it was.
pub fn with_front_matter_line(
    text: &str,
    key: &str,
    line: &str,
    shown: &Path,
) -> Result<String, Diagnostics> {
    let (front, _) = split_front_matter(text, shown).map_err(Diagnostics)?;
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let block = &text[front.clone()];
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    out.push_str(&text[..front.start]);
    let mut replaced = false;
    for l in block.split_inclusive('\n') {
        let is_ours = l
            .trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_ours && !replaced {
            out.push_str(line);
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
        out.push_str(line);
        out.push_str(eol);
    }
    out.push_str(&text[front.end..]);
    Ok(out)
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

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A locale's text with `key = "value"` in its `[strings]` table: the key's line replaced where
/// it is, or else added at the end of the table.
pub fn with_string(text: &str, key: &str, value: &str) -> String {
    let line = format!("{key} = {}", toml_string(value));
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let header = lines.iter().position(|l| l.trim() == "[strings]");
    let Some(header) = header else {
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            eol
        };
        return format!("{text}{sep}{eol}[strings]{eol}{line}{eol}");
    };
    let end = lines[header + 1..]
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .map_or(lines.len(), |i| header + 1 + i);
    let is_key = |l: &String| {
        l.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    if let Some(i) = lines[header + 1..end].iter().position(is_key) {
        lines[header + 1 + i] = format!("{line}{eol}");
        return lines.concat();
    }
    let last = lines[header..end]
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(header + 1, |i| header + i + 1);
    if !lines[last - 1].ends_with('\n') {
        lines[last - 1].push_str(eol);
    }
    lines.insert(last, format!("{line}{eol}"));
    lines.concat()
}

/// Keeps a source's text under `.amparo/sources/` by name.
pub fn keep(root: &Path, name: &str, text: &str) -> Result<(), Diagnostics> {
    let dir = root.join(SOURCES_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let kept = dir.join(name);
    std::fs::write(&kept, text).map_err(|e| io(&kept, e))
}

/// Replaces a file of the site (`shown`, relative to `root`) with `text`, by a rename so that
/// neither an editor nor a build ever sees half a file.
pub fn write(root: &Path, shown: &Path, text: &str) -> Result<(), Diagnostics> {
    let path = root.join(shown);
    // Hidden, so neither a build nor `amparo serve`'s watcher takes it for a file of the site.
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.amparo.tmp"));
    std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io(&path, e))
}

/// A write that failed, as a diagnostic about `what`.
pub fn io(what: &Path, e: std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(
        "io/write",
        what,
        format!("cannot write: {e}"),
    )])
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
