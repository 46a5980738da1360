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
    fn unclosed_front_matter_is_reported() {
        let d = split_front_matter("+++\ntitle = \"a\"\n", Path::new("x")).unwrap_err();
        assert_eq!(d[0].code, "front-matter/unclosed");
    }
}
