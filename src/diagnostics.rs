//! Diagnostics: one type for every problem a build finds, and its renderings.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of stopping at the first one, so an
//! editor with five mistakes sees all five at once. A diagnostic names the file (relative to the
//! site root), the line and column when known, what is wrong, and how to fix it. The library never
//! prints: the CLI chooses [`Diagnostic::render_terminal`] or JSON (`serde`).

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the build, and the check.
    Error,
    /// Reported; the build succeeds, and so does the check unless run with `--strict`.
    Warning,
}

/// A place in a source file: 1-based line and column (in characters), and a length to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How many characters to underline; at least one is.
    pub len: usize,
}

/// One problem, with its place and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Whether the problem fails the build.
    pub severity: Severity,
    /// A stable, short identifier such as `front-matter/unknown-key`.
    pub code: &'static str,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// Where in the file; `None` when the problem is with the whole file.
    pub span: Option<Span>,
    /// What is wrong, in a sentence for the site's editor.
    pub message: String,
    /// How to fix it, when there is something to suggest.
    pub help: Option<String>,
    /// The source line the span points into, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file (no line known).
    pub fn error(code: &'static str, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            span: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// A warning about a whole file: reported, but the build still succeeds.
    pub fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// Adds a hint saying how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the diagnostic at a byte range of `text`, the whole content of its file.
    pub fn at(mut self, text: &str, range: std::ops::Range<usize>) -> Self {
        let (span, line) = locate(text, range);
        self.span = Some(span);
        self.source_line = Some(line);
        self
    }

    /// [`Diagnostic::at`] with the line starts of `text` found once (`lines`): for rules that
    /// point at many places of one long file, so each costs a search, not a scan from the top.
    pub fn at_indexed(
        mut self,
        lines: &LineIndex,
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Self {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
        let line = lines.line(start);
        let line_start = lines.start_of(line).unwrap_or(0).min(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        self.span = Some(Span {
            line: line as usize,
            column: text[line_start..start].chars().count() + 1,
            len: text[start..end.min(line_end)].chars().count(),
        });
        self.source_line = Some(
            text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        );
        self
    }

    /// Points the diagnostic at a known line and column, without source text.
    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.span = Some(Span {
            line,
            column,
            len: 1,
        });
        self
    }

    /// Whether this is an error, which fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or just the path.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match self.span {
            Some(s) => format!("{path}:{}:{}", s.line, s.column),
            None => path.to_string(),
        }
    }

    /// The compiler-style rendering: message, place, source line with a caret, help.
    pub fn render_terminal(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{kind}[{}]: {}\n  --> {}\n",
            self.code,
            self.message,
            self.location()
        );
        if let (Some(span), Some(line)) = (self.span, &self.source_line) {
            let num = span.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = line
                .chars()
                .take(span.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "{pad} |\n{num} | {line}\n{pad} | {caret_pad}{}\n",
                "^".repeat(span.len.max(1))
            ));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Every problem of a failed build, in a stable order (by file, then line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds every diagnostic of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// Whether any of them is an error, which fails the build.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Each diagnostic, in the order held (by file and place after [`Diagnostics::sort`]).
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by path and place, and drops exact repeats.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.span.map(|s| (s.line, s.column)), &a.message).cmp(&(
                &b.path,
                b.span.map(|s| (s.line, s.column)),
                &b.message,
            ))
        });
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Byte offset → 1-based line, by binary search over line starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let i = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(i.max(1)).unwrap_or(u32::MAX)
    }

    /// The byte offset where a 1-based line starts.
    pub fn start_of(&self, line: u32) -> Option<usize> {
        self.starts.get((line as usize).checked_sub(1)?).copied()
    }
}

/// Turns a byte range of `text` into a 1-based line/column span and the text of that line.
pub fn locate(text: &str, range: std::ops::Range<usize>) -> (Span, String) {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    let line = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let len = text[start..end.min(line_end)].chars().count();
    (Span { line, column, len }, line_text.to_string())
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The path to show for `path`: relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// "did you mean" — the closest candidate, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_in_the_line_index_places_a_finding_as_a_scan_does() {
        let text = "uno\r\ndós = 1\n\ntres ñandú\nfin";
        let lines = LineIndex::new(text);
        for start in 0..text.len() {
            for end in [start, start + 1, start + 4, text.len()] {
                let a = Diagnostic::error("x", "f", "m").at(text, start..end);
                let b = Diagnostic::error("x", "f", "m").at_indexed(&lines, text, start..end);
                assert_eq!(
                    (a.span, &a.source_line),
                    (b.span, &b.source_line),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "uno\ndós = 1\ntres";
        let start = text.find('=').unwrap();
        let (span, line) = locate(text, start..start + 1);
        assert_eq!(
            span,
            Span {
                line: 2,
                column: 5,
                len: 1
            }
        );
        assert_eq!(line, "dós = 1");
    }

    #[test]
    fn terminal_rendering_has_place_caret_and_help() {
        let text = "+++\ntitel = \"x\"\n+++\n";
        let d = Diagnostic::error(
            "front-matter/unknown-key",
            "content/a.es.md",
            "unknown key `titel`",
        )
        .at(text, 4..9)
        .with_help("did you mean `title`?");
        let out = d.render_terminal();
        assert!(out.contains("--> content/a.es.md:2:1"), "{out}");
        assert!(out.contains("2 | titel = \"x\""), "{out}");
        assert!(out.contains("  | ^^^^^\n"), "{out}");
        assert!(out.contains("help: did you mean `title`?"), "{out}");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(did_you_mean("titel", ["title", "weight"]), Some("title"));
        assert_eq!(did_you_mean("colour", ["title", "weight"]), None);
    }
}
