//! Reads one content file's Markdown into what the rules look at: prose blocks with their
//! lines, headings, links, images and tables, each with its byte range in the file.

pub(crate) use crate::diagnostics::LineIndex;
use crate::load::ContentFile;
use crate::render::markdown::options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A paragraph or list item's text, with the 1-based line it starts on. Soft line breaks stay
/// as `\n` so a sentence's own line can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    /// The 1-based line of the file (front matter included) the block starts on.
    pub line: u32,
    /// The block's text without its Markdown markup, soft and hard line breaks kept as `\n`.
    pub text: String,
    /// Byte range in the file, for diagnostics.
    pub range: Range<usize>,
}

/// A heading of the body, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, and so on to 6.
    pub level: u8,
    /// The heading's text without its markup, trimmed.
    pub text: String,
    /// Byte range of the whole heading in the file, for diagnostics.
    pub range: Range<usize>,
}

/// A link or an image: where it points, its text (alt text for an image), its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address as written: `asylum.md#who`, `call.png`, `https://example.org`.
    pub dest: String,
    /// The link's text, or an image's alt text, trimmed.
    pub text: String,
    /// Byte range in the file, for diagnostics.
    pub range: Range<usize>,
}

/// A Markdown table, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Whether no cell of the header row has text, which leaves a screen reader no column names.
    pub header_empty: bool,
    /// Byte range of the whole table in the file, for diagnostics.
    pub range: Range<usize>,
}

/// What the rules need from one file.
#[derive(Debug, Default)]
pub struct Scan {
    /// Paragraphs and list items in order; code blocks and table cells are left out.
    pub prose: Vec<Prose>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links in order, images not included.
    pub links: Vec<Link>,
    /// Images in order, their alt text as `text`.
    pub images: Vec<Link>,
    /// Tables in order.
    pub tables: Vec<Table>,
    /// Where each line of the file starts, to place findings without scanning from the top.
    pub lines: LineIndex,
}

/// What the text being read belongs to.
enum Open {
    Prose(String, usize),
    Heading(u8, String, usize),
    Link(String, String, usize),
    Image(String, String, usize),
}

/// Scans a file's body. Ranges are in the whole file's text.
pub fn scan(file: &ContentFile) -> Scan {
    let base = file.body_offset;
    let mut out = Scan {
        lines: LineIndex::new(&file.text),
        ..Scan::default()
    };
    let mut open: Vec<Open> = Vec::new();
    // Table cells and code are not prose; the header row's text decides `header_empty`.
    let mut in_table = 0usize;
    let mut table: Option<(usize, bool, bool)> = None; // (start, in header, header has text)
    for (event, range) in Parser::new_ext(file.body(), options()).into_offset_iter() {
        let at = base + range.start..base + range.end;
        match event {
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if in_table == 0 => {
                flush_prose_at(&mut open, &mut out, at.start);
                open.push(Open::Prose(String::new(), at.start));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) if in_table == 0 => {
                flush_prose_at(&mut open, &mut out, at.end);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                open.push(Open::Heading(level as u8, String::new(), at.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(Open::Heading(level, text, start)) = open.pop() {
                    out.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        range: start..at.end,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push(Open::Link(dest_url.to_string(), String::new(), at.start));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Open::Link(dest, text, start)) = open.pop() {
                    push_text(&mut open, &text);
                    out.links.push(Link {
                        dest,
                        text: text.trim().to_string(),
                        range: start..at.end,
                    });
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open.push(Open::Image(dest_url.to_string(), String::new(), at.start));
            }
            Event::End(TagEnd::Image) => {
                if let Some(Open::Image(dest, text, start)) = open.pop() {
                    out.images.push(Link {
                        dest,
                        text: text.trim().to_string(),
                        range: start..at.end,
                    });
                }
            }
            Event::Start(Tag::Table(_)) => {
                in_table += 1;
                table = Some((at.start, false, false));
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut table {
                    t.1 = true;
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut table {
                    t.1 = false;
                }
            }
            Event::End(TagEnd::Table) => {
                in_table = in_table.saturating_sub(1);
                if let Some((start, _, has_text)) = table.take() {
                    out.tables.push(Table {
                        header_empty: !has_text,
                        range: start..at.end,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, true, has_text)) = &mut table
                    && !t.trim().is_empty()
                {
                    *has_text = true;
                }
                push_text(&mut open, &t);
            }
            Event::SoftBreak | Event::HardBreak => push_text(&mut open, "\n"),
            Event::Start(Tag::CodeBlock(_)) => open.push(Open::Prose(String::new(), usize::MAX)),
            Event::End(TagEnd::CodeBlock) => {
                open.pop();
            }
            _ => {}
        }
    }
    out
}

/// Adds text to the innermost open element (a code block's marker swallows it).
fn push_text(open: &mut [Open], text: &str) {
    match open.last_mut() {
        Some(Open::Prose(s, _) | Open::Heading(_, s, _) | Open::Link(_, s, _)) => s.push_str(text),
        Some(Open::Image(_, s, _)) => s.push_str(text),
        None => {}
    }
}

/// Ends the open prose block, if the innermost open element is one with text.
fn flush_prose_at(open: &mut Vec<Open>, out: &mut Scan, end: usize) {
    if let Some(Open::Prose(_, start)) = open.last()
        && *start != usize::MAX
        && let Some(Open::Prose(text, start)) = open.pop()
        && !text.trim().is_empty()
    {
        out.prose.push(Prose {
            line: out.lines.line(start),
            text,
            range: start..end.max(start),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{FrontMatter, SourceKind};
    use std::sync::Arc;

    pub(crate) fn file(body: &str) -> ContentFile {
        let text = format!("+++\ntitle = \"T\"\n+++\n{body}");
        ContentFile {
            path: crate::PagePath::from_segments(["rights", "asylum"]),
            lang: crate::Lang::parse("es").unwrap(),
            kind: SourceKind::Page,
            front: FrontMatter {
                title: "T".into(),
                description: None,
                weight: 0,
                icon: None,
                draft: false,
                audio: None,
                translated_from: None,
                untranslated: Vec::new(),
                remove_site: false,
                poster: None,
            },
            body_offset: 18,
            text: Arc::from(text),
            file: "content/rights/asylum.es.md".into(),
        }
    }

    #[test]
    fn prose_blocks_keep_their_lines_and_leave_out_headings_code_and_tables() {
        let f = file(
            "## Title\n\nFirst line\nsecond line.\n\n- one item\n- two [link](a.md) item\n\n```\ncode here\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n> [!IMPORTANT]\n> Call now.\n",
        );
        let s = scan(&f);
        let texts: Vec<(u32, &str)> = s.prose.iter().map(|p| (p.line, p.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![
                (6, "First line\nsecond line."),
                (9, "one item"),
                (10, "two link item"),
                (21, "Call now.")
            ]
        );
        assert_eq!(s.headings.len(), 1);
        assert_eq!(s.headings[0].level, 2);
        assert_eq!(s.links[0].dest, "a.md");
        assert_eq!(s.links[0].text, "link");
        assert_eq!(s.tables.len(), 1);
        assert!(!s.tables[0].header_empty);
    }

    #[test]
    fn an_empty_header_row_and_image_alt_text_are_seen() {
        let f = file("|   |   |\n|---|---|\n| c | d |\n\n![foto.png](foto.png)\n");
        let s = scan(&f);
        assert!(s.tables[0].header_empty);
        assert_eq!(s.images[0].text, "foto.png");
        assert!(s.prose.is_empty(), "{:?}", s.prose);
    }

    #[test]
    fn line_index_maps_offsets_to_lines() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
        assert_eq!(idx.start_of(4), Some(6));
    }
}
