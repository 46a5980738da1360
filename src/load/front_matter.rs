//! Front matter: the TOML block between two `+++` lines at the top of a content file.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Finds the `+++` front matter: returns the TOML's byte range and where the body starts.
pub fn split_front_matter(
    text: &str,
    shown: &Path,
) -> Result<(std::ops::Range<usize>, usize), Vec<Diagnostic>> {
    let help =
        "start the file with a line `+++`, then `title = \"…\"`, then a line `+++`, then the text";
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("front-matter/missing", shown, "the file is empty").with_help(help),
        ]);
    }
    let mut lines = line_ranges(text);
    let first = lines.next().map(|r| text[r.clone()].trim_end());
    if first == Some("---")
        && let Some(toml) = yaml_as_toml(text)
    {
        return Err(vec![
            Diagnostic::error(
                "front-matter/missing",
                shown,
                "this front matter is YAML (`---` and `key: value`); amparo reads TOML between `+++` lines",
            )
            .at_line(1, 1)
            .with_help(format!("write it as:\n{toml}")),
        ]);
    }
    if first != Some("+++") {
        return Err(vec![
            Diagnostic::error(
                "front-matter/missing",
                shown,
                "the file does not start with front matter (`+++`)",
            )
            .at_line(1, 1)
            .with_help(help),
        ]);
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    for r in lines {
        if text[r.clone()].trim_end() == "+++" {
            let body = (r.end + 1).min(text.len());
            return Ok((start..r.start, body));
        }
    }
    Err(vec![
        Diagnostic::error(
            "front-matter/unclosed",
            shown,
            "the front matter is never closed",
        )
        .at(text, 0..3)
        .with_help("add a line `+++` after the last front matter line"),
    ])
}

/// A YAML front matter (`---`, `key: value` lines, `---`) written as amparo's TOML, for the
/// hint; `None` when the file does not read as one.
fn yaml_as_toml(text: &str) -> Option<String> {
    let mut lines = text.lines().skip(1);
    let mut out = vec!["+++".to_string()];
    for line in lines.by_ref() {
        let line = line.trim_end();
        if line == "---" {
            out.push("+++".to_string());
            return (out.len() > 2).then(|| out.join("\n"));
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            out.push(line.to_string());
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim();
        if key.is_empty() || key.contains(' ') {
            return None;
        }
        out.push(format!("{key} = {}", toml_value(value.trim())));
    }
    None
}

/// A YAML scalar as TOML: numbers and booleans bare, anything else in double quotes.
fn toml_value(v: &str) -> String {
    let unquoted = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')));
    match unquoted {
        Some(s) => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
        None if v.parse::<i64>().is_ok() || v == "true" || v == "false" => v.to_string(),
        None if v.starts_with('[') => v.to_string(),
        None => format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// Byte ranges of the lines of `text`, without their `\n`.
fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let r = pos..end;
        pos = end + 1;
        Some(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_crlf_too() {
        let text = "+++\r\ntitle = \"a\"\r\n+++\r\nbody\r\n";
        let (front, body) = split_front_matter(text, Path::new("x")).unwrap();
        assert_eq!(&text[front], "title = \"a\"\r\n");
        assert_eq!(&text[body..], "body\r\n");
    }

    #[test]
    fn yaml_front_matter_is_named_and_shown_as_toml() {
        let text =
            "---\ntitle: ¿Qué es el asilo?\nweight: 3\ndraft: true\nicon: \"asylum\"\n---\nTexto\n";
        let d = split_front_matter(text, Path::new("x")).unwrap_err();
        assert!(
            d[0].message.contains("this front matter is YAML"),
            "{}",
            d[0].message
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                "write it as:\n+++\ntitle = \"¿Qué es el asilo?\"\nweight = 3\ndraft = true\nicon = \"asylum\"\n+++"
            )
        );
        // A `---` that is not front matter gets the usual message.
        let d = split_front_matter("---\nJust a line.\n", Path::new("x")).unwrap_err();
        assert!(d[0].message.contains("does not start with front matter"));
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let d = split_front_matter("+++\ntitle = \"a\"\n", Path::new("x")).unwrap_err();
        assert_eq!(d[0].code, "front-matter/unclosed");
    }
}
