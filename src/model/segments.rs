//! Segments: the units a translator translates, one block of a page at a time.
//!
//! A segment is the front matter's `title`, `description` or `poster`, or one block of the
//! body that holds text: a heading, a paragraph, a list item, a table cell (a callout's body is
//! made of paragraphs and list items). Inline Markdown stays inside the segment, written as in
//! the source (`**bold**`, `[link text](other-page.md)`), so a translator can move words around
//! a link. Code, raw HTML and blocks without a letter (a phone number alone) are not segments.
//!
//! Each segment carries what a translator needs to see it in place: its line in the source
//! file, the heading it sits under, and the note of an `<!-- i18n: … -->` comment just before
//! it. A segment is known by its source text, so editing one paragraph changes one segment
//! only, and moving a page to another folder changes none.

use crate::load::{ContentFile, markdown_options};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// What part of a page a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentKind {
    /// The front matter's `title`.
    Title,
    /// The front matter's `description`.
    Description,
    /// The front matter's `poster` line.
    Poster,
    /// A heading of the body (`## …`).
    Heading,
    /// A paragraph of the body.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// One cell of a table.
    TableCell,
}

impl SegmentKind {
    /// The name a translation file shows for the kind: `title`, `list-item`.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Title => "title",
            SegmentKind::Description => "description",
            SegmentKind::Poster => "poster",
            SegmentKind::Heading => "heading",
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::ListItem => "list-item",
            SegmentKind::TableCell => "table-cell",
        }
    }
}

/// One translatable block of a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// What part of the page it is.
    pub kind: SegmentKind,
    /// The source text, inline Markdown included; lines of a block joined by `\n` without the
    /// `> ` or indentation of the block around them.
    pub text: String,
    /// Where the text starts and ends in the file, bytes.
    pub range: Range<usize>,
    /// The line of the file it starts on, from 1.
    pub line: usize,
    /// The text of the heading it sits under, if any (the page title for the first blocks).
    pub heading: Option<String>,
    /// What an `<!-- i18n: … -->` comment just before the block tells the translator.
    pub note: Option<String>,
}

/// The segments of a content file, in the order they appear: the front matter's first.
pub fn segments(file: &ContentFile) -> Vec<Segment> {
    let mut out = front_matter_segments(file);
    body_segments(file, &mut out);
    out
}

/// `title`, `description` and `poster`, at the line of their key.
fn front_matter_segments(file: &ContentFile) -> Vec<Segment> {
    let front = &file.front;
    let fields = [
        (SegmentKind::Title, "title", Some(&front.title)),
        (
            SegmentKind::Description,
            "description",
            front.description.as_ref(),
        ),
        (SegmentKind::Poster, "poster", front.poster.as_ref()),
    ];
    let head = &file.text[..file.body_offset];
    fields
        .into_iter()
        .filter_map(|(kind, key, value)| {
            let value = value.filter(|v| has_letters(v))?;
            let start = key_offset(head, key).unwrap_or(0);
            Some(Segment {
                kind,
                text: value.clone(),
                range: start..start,
                line: line_of(&file.text, start),
                heading: None,
                note: None,
            })
        })
        .collect()
}

/// Where the line `key = …` starts in the front matter.
fn key_offset(head: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        let rest = line.trim_start();
        if let Some(after) = rest.strip_prefix(key)
            && after.trim_start().starts_with('=')
        {
            return Some(offset + line.len() - rest.len());
        }
        offset += line.len();
    }
    None
}

/// A block being read: its kind, its inline pieces so far, and where they are.
struct Open {
    kind: SegmentKind,
    text: String,
    range: Option<Range<usize>>,
    /// Depth of inline tags (links, emphasis) inside the block: only the outermost pieces are
    /// copied, each as its whole source.
    inline_depth: usize,
    /// Where the last piece ended, to copy what lies between two pieces on one line.
    last_end: Option<usize>,
}

impl Open {
    fn new(kind: SegmentKind) -> Open {
        Open {
            kind,
            text: String::new(),
            range: None,
            inline_depth: 0,
            last_end: None,
        }
    }

    /// Adds the source of one outermost inline piece at `range` of `body`.
    fn piece(&mut self, body: &str, mut range: Range<usize>) {
        if self.text.ends_with('\n') {
            // The first piece of a continued line may start with the `> ` or indentation of
            // the block around it, which is not the block's text.
            let slice = &body[range.clone()];
            let kept = slice.trim_start_matches([' ', '\t', '>']);
            range.start += slice.len() - kept.len();
        } else if let Some(end) = self.last_end
            && end < range.start
        {
            let gap = &body[end..range.start];
            if !gap.contains('\n') {
                self.text.push_str(gap);
            }
        }
        self.text.push_str(&body[range.clone()]);
        self.extend(range);
    }

    fn line_break(&mut self, range: Range<usize>) {
        self.text.push('\n');
        self.extend(range);
    }

    fn extend(&mut self, range: Range<usize>) {
        self.last_end = Some(range.end);
        self.range = Some(match self.range.take() {
            Some(r) => r.start..range.end.max(r.end),
            None => range,
        });
    }
}

fn body_segments(file: &ContentFile, out: &mut Vec<Segment>) {
    let body = file.body();
    let mut reader = Reader {
        file,
        heading: None,
        note: None,
        open: Vec::new(),
        out,
    };
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) if is_block(&tag) => reader.start_block(&tag),
            Event::End(tag) if is_block_end(&tag) => reader.end_block(&tag),
            Event::Html(html) => reader.comment(&html),
            Event::InlineHtml(ref html) => {
                reader.comment(html);
                reader.piece(range);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = reader.open.last_mut()
                    && b.inline_depth == 0
                {
                    b.line_break(range);
                }
            }
            Event::Start(_) => {
                reader.piece(range);
                if let Some(b) = reader.open.last_mut() {
                    b.inline_depth += 1;
                }
            }
            Event::End(_) => {
                if let Some(b) = reader.open.last_mut() {
                    b.inline_depth = b.inline_depth.saturating_sub(1);
                }
            }
            _ => reader.piece(range),
        }
    }
    while let Some(block) = reader.open.pop() {
        reader.finish(block);
    }
}

/// Reads a body's events into segments.
struct Reader<'a> {
    file: &'a ContentFile,
    /// The plain text of the last heading read.
    heading: Option<String>,
    /// The note of the last `<!-- i18n: … -->` comment, for the next segment.
    note: Option<String>,
    /// The blocks being read that hold text, innermost last.
    open: Vec<Open>,
    out: &'a mut Vec<Segment>,
}

impl Reader<'_> {
    fn start_block(&mut self, tag: &Tag) {
        // A list item's own text ends where a block starts inside it (a nested list, a second
        // paragraph): what it held so far is one segment.
        let in_item = self
            .open
            .last()
            .is_some_and(|b| b.kind == SegmentKind::ListItem && b.inline_depth == 0);
        if in_item && self.open.last().is_some_and(|b| b.range.is_some()) {
            if let Some(item) = self.open.pop() {
                self.finish(item);
            }
            self.open.push(Open::new(SegmentKind::ListItem));
        }
        let kind = match tag {
            // The paragraphs of a loose list are its items' text.
            Tag::Paragraph if in_item => Some(SegmentKind::ListItem),
            Tag::Paragraph => Some(SegmentKind::Paragraph),
            Tag::Heading { .. } => Some(SegmentKind::Heading),
            Tag::TableCell => Some(SegmentKind::TableCell),
            Tag::Item => Some(SegmentKind::ListItem),
            _ => None,
        };
        if let Some(kind) = kind {
            self.open.push(Open::new(kind));
        }
    }

    fn end_block(&mut self, tag: &TagEnd) {
        if matches!(
            tag,
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item
        ) && let Some(block) = self.open.pop()
        {
            self.finish(block);
        }
    }

    fn comment(&mut self, html: &str) {
        if let Some(n) = i18n_note(html) {
            self.note = Some(n);
        }
    }

    /// One outermost inline piece of the innermost open block.
    fn piece(&mut self, range: Range<usize>) {
        if let Some(b) = self.open.last_mut()
            && b.inline_depth == 0
        {
            b.piece(self.file.body(), range);
        }
    }

    fn finish(&mut self, block: Open) {
        let Some(range) = block.range else { return };
        let text = block.text.trim().to_string();
        let words = plain(&text);
        if !has_letters(&words) {
            return;
        }
        let base = self.file.body_offset;
        let segment = self.segment(block.kind, text, base, range);
        self.out.push(segment);
        if block.kind == SegmentKind::Heading {
            // A heading sits under the one before it; what follows sits under it.
            self.heading = Some(words.trim().to_string());
        }
    }

    fn segment(
        &mut self,
        kind: SegmentKind,
        text: String,
        base: usize,
        range: Range<usize>,
    ) -> Segment {
        Segment {
            kind,
            line: line_of(&self.file.text, base + range.start),
            range: base + range.start..base + range.end,
            heading: self.heading.clone(),
            note: self.note.take(),
            text,
        }
    }
}

/// `text` with the block of `seg` (a body segment of `text`) holding `new` instead: continuation
/// lines keep the `> ` or indentation of the block, and the file's line endings.
pub fn replace_block(text: &str, seg: &Segment, new: &str) -> String {
    let line_start = text[..seg.range.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix: String = text[line_start..seg.range.start]
        .chars()
        .map(|c| {
            if c == '>' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let body = new.replace('\n', &format!("{eol}{prefix}"));
    format!(
        "{}{body}{}",
        &text[..seg.range.start],
        &text[seg.range.end..]
    )
}

/// Block-level tags: they open and close blocks, never inline pieces.
pub fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// The ends of [`is_block`]'s tags.
pub fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The note of an `<!-- i18n: … -->` comment.
fn i18n_note(html: &str) -> Option<String> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let note = inner.strip_prefix("i18n:")?.trim();
    (!note.is_empty()).then(|| note.to_string())
}

/// The words of inline Markdown, without its marks and link targets.
pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, PagePath};

    /// Kind, text, line, heading, note.
    type Row = (SegmentKind, String, usize, Option<String>, Option<String>);

    fn of(body: &str) -> Vec<Row> {
        let mut file = ContentFile::in_memory(
            PagePath::from_segments(["help", "call"]),
            Lang::parse("es").unwrap(),
            "Llamar",
            body,
        );
        file.front.description = Some("Cómo llamar.".into());
        file.front.poster = Some("+52 55".into()); // no letters: not a segment
        segments(&file)
            .into_iter()
            .map(|s| (s.kind, s.text, s.line, s.heading, s.note))
            .collect()
    }

    #[test]
    fn each_block_with_text_is_one_segment_with_its_inline_markdown() {
        use SegmentKind::*;
        let body = "Intro con **negritas** y [un enlace](../a.md).\n\n## ¿Quién? {#quien}\n\n\
                    <!-- i18n: KIND es un nombre: no lo traduzcas -->\n\
                    > [!NOTE]\n> Una línea\n> y otra.\n\n\
                    - Uno `código`\n- Dos\n  - Dos y medio\n\n\
                    | Día | Hora |\n|---|---|\n| Lunes | 9 |\n\n\
                    ```\nno es texto\n```\n\n[55 7100 1542](tel:+525571001542)\n";
        let got = of(body);
        let q = Some("¿Quién?".to_string());
        let expected = vec![
            (Title, "Llamar".to_string(), 1, None, None),
            (Description, "Cómo llamar.".to_string(), 1, None, None),
            (
                Paragraph,
                "Intro con **negritas** y [un enlace](../a.md).".to_string(),
                1,
                None,
                None,
            ),
            (Heading, "¿Quién?".to_string(), 3, None, None),
            (
                Paragraph,
                "Una línea\ny otra.".to_string(),
                7,
                q.clone(),
                Some("KIND es un nombre: no lo traduzcas".to_string()),
            ),
            (ListItem, "Uno `código`".to_string(), 10, q.clone(), None),
            (ListItem, "Dos".to_string(), 11, q.clone(), None),
            (ListItem, "Dos y medio".to_string(), 12, q.clone(), None),
            (TableCell, "Día".to_string(), 14, q.clone(), None),
            (TableCell, "Hora".to_string(), 14, q.clone(), None),
            (TableCell, "Lunes".to_string(), 16, q.clone(), None),
        ];
        assert_eq!(got, expected);
    }

    #[test]
    fn a_segment_is_known_by_its_text_so_an_edit_elsewhere_leaves_it_alone() {
        let before = of("Uno.\n\nDos.\n\nTres.\n");
        let after = of("Uno.\n\nDos, cambiado.\n\nTres.\n");
        let texts = |v: &[Row]| v.iter().map(|s| s.1.clone()).collect::<Vec<_>>();
        let (b, a) = (texts(&before), texts(&after));
        let changed: Vec<&String> = a.iter().filter(|t| !b.contains(t)).collect();
        assert_eq!(changed, ["Dos, cambiado."]);
    }

    #[test]
    fn loose_list_items_and_mayan_apostrophes_stay_whole() {
        let got = of("- Primer punto.\n\n  Más del primero.\n\n- K'iche' tz'ib'.\n");
        let texts: Vec<(SegmentKind, &str)> =
            got[2..].iter().map(|s| (s.0, s.1.as_str())).collect();
        assert_eq!(
            texts,
            [
                (SegmentKind::ListItem, "Primer punto."),
                (SegmentKind::ListItem, "Más del primero."),
                (SegmentKind::ListItem, "K'iche' tz'ib'."),
            ]
        );
    }
}
