//! Markdown → safe HTML for one content file: callouts, heading ids, links resolved to pages,
//! external links marked, raw HTML sanitised.
//!
//! Links are written to source files (`[asylum](asylum.md)`) and resolved here, at render time,
//! to relative links between output files. Because every language has every page at the same
//! place, a body's links are the same in every language's tree: a body is rendered once per
//! source file and reused by every language that falls back to it.

use super::heading_ids::assign_heading_ids;
pub use super::heading_ids::heading_ids;
use super::links::{LinkTargets, LinkUse, Resolved, resolve};
use crate::diagnostics::Diagnostic;
use crate::load::ContentFile;
use crate::model::segments::{is_block, is_block_end};
use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// UI strings the body itself shows, in the body's language.
pub struct BodyStrings<'a> {
    /// UI strings by key: the callouts' labels and the mark after an external link.
    pub strings: &'a BTreeMap<String, String>,
}

/// The UI strings a body shows, by key: a change to any other leaves every body as it was.
pub const BODY_STRINGS: [&str; 6] = [
    "needs_internet",
    "callout_note",
    "callout_tip",
    "callout_important",
    "callout_warning",
    "callout_caution",
];

impl BodyStrings<'_> {
    fn get(&self, key: &str) -> &str {
        debug_assert!(BODY_STRINGS.contains(&key), "{key} is not in BODY_STRINGS");
        self.strings.get(key).map_or("", String::as_str)
    }
}

/// An image made for phones, written as a `<picture>`: the WebP for browsers that take it, the
/// image's own format for the rest, and its size, so the page does not jump as it loads.
struct PictureTag {
    src: String,
    webp: Option<String>,
    width: u32,
    height: u32,
    title: String,
    lazy: bool,
}

impl PictureTag {
    fn html(&self, alt: &str) -> String {
        let mut h = String::from("<picture>");
        if let Some(w) = &self.webp {
            h.push_str(&format!(
                "<source srcset=\"{}\" type=\"image/webp\">",
                escape(w)
            ));
        }
        h.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"",
            escape(&self.src),
            escape(alt),
            self.width,
            self.height
        ));
        if !self.title.is_empty() {
            h.push_str(&format!(" title=\"{}\"", escape(&self.title)));
        }
        if self.lazy {
            h.push_str(" loading=\"lazy\"");
        }
        h.push_str(" decoding=\"async\"></picture>");
        h
    }
}

/// Where a body is shown, which sets its heading levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// On its own page, under the page title (the h1): headings as written.
    Page,
    /// As a chapter of the booklet, whose title is the h2: `##` becomes h3 and so on, h6 stays
    /// h6. A `#` heading stays h1, as `amparo check` reports it on its source line.
    Chapter,
}

impl Placement {
    fn level(self, level: HeadingLevel) -> HeadingLevel {
        use HeadingLevel::*;
        match (self, level) {
            (Placement::Page, l) | (Placement::Chapter, l @ (H1 | H6)) => l,
            (Placement::Chapter, H2) => H3,
            (Placement::Chapter, H3) => H4,
            (Placement::Chapter, H4) => H5,
            (Placement::Chapter, H5) => H6,
        }
    }
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The body as sanitised HTML, ready to insert into a page.
    pub html: String,
    /// Heading ids, for anchor checks.
    pub ids: Vec<String>,
    /// External addresses linked from the body.
    pub external: Vec<String>,
    /// For a partly translated page: what it borrows, and from which language.
    pub partial: Option<std::sync::Arc<crate::model::partial::Partial>>,
    /// Every link and image address the body resolved against the rest of the site, so that a
    /// preview can tell whether a change elsewhere (a page added or removed) changes this body.
    pub links: Vec<LinkUse>,
    /// A hash of `html`, for telling whether a page shows the same body as before.
    pub hash: u64,
}

/// Parts of a body shown in another language than the page's: where they are in the file's
/// text, in order, and their language. Each is wrapped in `<span lang="…" class="borrowed">`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Borrowed<'a> {
    /// Where the parts are in the file's text.
    pub spans: &'a [std::ops::Range<usize>],
    /// Their language.
    pub lang: Option<&'a crate::lang::Lang>,
}

/// Renders one content file's body, its links relative to the output file `from` (any language
/// folder will do: `x/rights/asylum/index.html`), its headings set for `placement`. Broken
/// links and forbidden URLs are returned as diagnostics.
pub fn render(
    file: &ContentFile,
    from: &str,
    placement: Placement,
    targets: &LinkTargets,
    strings: &BodyStrings,
) -> (Body, Vec<Diagnostic>) {
    render_with_ids(
        file,
        from,
        placement,
        targets,
        strings,
        None,
        Borrowed::default(),
    )
}

/// [`render`] for a translation: its headings take the ids of its source's headings
/// (`source_ids`, in order) when it has as many, so that `page.md#anchor` lands on the same
/// heading in every language. A heading's own `{#id}` still wins.
pub fn render_with_ids(
    file: &ContentFile,
    from: &str,
    placement: Placement,
    targets: &LinkTargets,
    strings: &BodyStrings,
    source_ids: Option<&[String]>,
    borrowed: Borrowed,
) -> (Body, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let body = file.body();
    // About one event per ten bytes of Markdown, reserved at once rather than grown into.
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Vec::with_capacity(body.len() / 10);
    events.extend(Parser::new_ext(body, options()).into_offset_iter());
    if let Some(too_deep) = too_deep(&events, file) {
        // Not rendered: the page's HTML would be as deep, and slow to clean and to show.
        return (Body::default(), vec![too_deep]);
    }
    let ids = assign_heading_ids(&mut events, source_ids);
    let markup_of_its_own = writes_markup(&events);
    let mut external = Vec::new();
    let mut links = Vec::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut link_stack: Vec<bool> = Vec::new();
    // The alt text of the image being read, and where the image starts.
    let mut image_alt: Option<(String, std::ops::Range<usize>)> = None;
    // The image being read, when it is a picture made for phones; and how many came before.
    let mut picture: Option<PictureTag> = None;
    let mut images_seen = 0usize;
    let mut marks = Marks::new(borrowed);
    for (event, range) in events {
        let at = file.body_offset + range.start..file.body_offset + range.end;
        marks.before(&event, &at, &mut out);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let resolved = resolve(file, &dest_url, link_type, targets, from, false);
                links.push(LinkUse {
                    dest: dest_url.to_string(),
                    link_type,
                    image: false,
                });
                let is_external = matches!(resolved, Ok(Resolved::External(_)));
                let dest = match resolved {
                    Ok(Resolved::Href(h) | Resolved::Picture { src: h, .. }) => h,
                    Ok(Resolved::External(h)) => {
                        external.push(h.clone());
                        h
                    }
                    Err((msg, help)) => {
                        diags.push(
                            Diagnostic::error("content/link", &file.file, msg)
                                .at(&file.text, at)
                                .with_help(help),
                        );
                        String::new()
                    }
                };
                link_stack.push(is_external);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if link_stack.pop() == Some(true) {
                    out.push(Event::InlineHtml(
                        format!(
                            "<small class=\"ext\"> ({})</small>",
                            escape(strings.get("needs_internet"))
                        )
                        .into(),
                    ));
                }
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                links.push(LinkUse {
                    dest: dest_url.to_string(),
                    link_type,
                    image: true,
                });
                let dest = match resolve(file, &dest_url, link_type, targets, from, true) {
                    Ok(Resolved::Href(h)) => h,
                    Ok(Resolved::Picture {
                        src,
                        webp,
                        width,
                        height,
                    }) => {
                        images_seen += 1;
                        picture = Some(PictureTag {
                            src,
                            webp,
                            width,
                            height,
                            title: title.to_string(),
                            // The first image may be on the first screen; the others load as
                            // the reader scrolls. A booklet loads all, so that all print.
                            lazy: images_seen > 1 && placement == Placement::Page,
                        });
                        image_alt = Some((String::new(), at));
                        continue;
                    }
                    Ok(Resolved::External(_)) => {
                        diags.push(
                            Diagnostic::error("content/image", &file.file, format!("the image `{dest_url}` is on another website"))
                                .at(&file.text, at.clone())
                                .with_help("save the image under content/ and link to the file: pages never load anything from another website"),
                        );
                        String::new()
                    }
                    Err((msg, help)) => {
                        diags.push(
                            Diagnostic::error("content/image", &file.file, msg)
                                .at(&file.text, at.clone())
                                .with_help(help),
                        );
                        String::new()
                    }
                };
                image_alt = Some((String::new(), at));
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::Text(t) if image_alt.is_some() => {
                if let Some((alt, _)) = &mut image_alt {
                    alt.push_str(&t);
                }
                if picture.is_none() {
                    out.push(Event::Text(t));
                }
            }
            Event::End(TagEnd::Image) => {
                let alt = image_alt.take();
                let was_picture = picture.is_some();
                if let Some(p) = picture.take() {
                    let text = alt.as_ref().map_or("", |(a, _)| a.as_str());
                    out.push(Event::InlineHtml(p.html(text).into()));
                }
                if let Some((alt, at)) = alt
                    && alt.trim().is_empty()
                {
                    diags.push(
                        Diagnostic::error("content/image-alt", &file.file, "the image has no alt text")
                            .at(&file.text, at)
                            .with_help("say in a few words what the image shows, between the brackets: ![A girl calling on a phone](call.png)"),
                    );
                }
                if !was_picture {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, key) = callout(kind);
                out.push(Event::Html(
                    format!(
                        "<aside class=\"callout {class}\"><p class=\"callout-title\">{}</p>\n",
                        escape(strings.get(key))
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</aside>\n".into())),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => out.push(Event::Start(Tag::Heading {
                level: placement.level(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(placement.level(level))));
            }
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                let gone = crate::render::sanitize::removed(raw);
                if !gone.is_empty() {
                    diags.push(
                        Diagnostic::warning(
                            "content/html-removed",
                            &file.file,
                            format!("this raw HTML is left out of the page: {}", gone.join(", ")),
                        )
                        .at(&file.text, at.clone())
                        .with_help("pages never run scripts, open frames or load from other websites; write it in Markdown, or remove it"),
                    );
                }
                out.push(event);
            }
            // What sanitising takes out of every body anyway, left out before it is written:
            // the alignment of table columns (a style attribute) and task list checkboxes.
            Event::Start(Tag::Table(columns)) => out.push(Event::Start(Tag::Table(vec![
                pulldown_cmark::Alignment::None;
                columns.len()
            ]))),
            Event::TaskListMarker(_) => {}
            other => out.push(other),
        }
    }
    marks.close(&mut out);
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // Without markup of the editor's own, every tag and attribute is the Markdown writer's or
    // ours, text and addresses escaped and links resolved (no `javascript:`, nothing loaded from
    // another website): sanitising would find nothing to take out, and costs more than the rest
    // of the body's rendering. (Tested against the sanitiser, and by the safety properties.)
    if markup_of_its_own {
        html = crate::render::sanitize::clean(&html);
    } else {
        // Bodies are kept for the whole build, one per source file and placement.
        html.shrink_to_fit();
    }
    (
        Body {
            html,
            ids,
            external,
            partial: None,
            links,
            hash: 0,
        },
        diags,
    )
}

/// Whether the editor wrote markup of their own: raw HTML, or attributes on a heading
/// (`# Title {key=value}`), which the Markdown writer puts out as they are.
fn writes_markup(events: &[(Event, std::ops::Range<usize>)]) -> bool {
    events.iter().any(|(e, _)| match e {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    })
}

/// How deep blocks may sit inside each other (quotes in quotes, lists in lists). Real pages
/// need a few levels; browsers stop building the page tree deeper than a few hundred.
pub const MAX_DEPTH: usize = 64;

/// The first block nested deeper than [`MAX_DEPTH`], as an error at its place.
fn too_deep(events: &[(Event, std::ops::Range<usize>)], file: &ContentFile) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(t) if is_block(t) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let at = file.body_offset + range.start..file.body_offset + range.start + 1;
                    return Some(
                        Diagnostic::error(
                            "content/nesting",
                            &file.file,
                            format!("the text nests blocks more than {MAX_DEPTH} levels deep here (quotes `>` or lists inside each other)"),
                        )
                        .at(&file.text, at)
                        .with_help("use a few levels at most: a reader, and a screen reader, cannot follow more"),
                    );
                }
            }
            Event::End(t) if is_block_end(t) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Wraps each borrowed part's inline content in a `<span lang>` as the events go by: opened
/// before the first inline event inside the part, closed before the first event past it or at
/// the end of its block.
struct Marks<'a> {
    borrowed: Borrowed<'a>,
    next: usize,
    open: bool,
}

impl<'a> Marks<'a> {
    fn new(borrowed: Borrowed<'a>) -> Self {
        Marks {
            borrowed,
            next: 0,
            open: false,
        }
    }

    fn before(&mut self, event: &Event, at: &std::ops::Range<usize>, out: &mut Vec<Event>) {
        let Some(lang) = self.borrowed.lang else {
            return;
        };
        let block = match event {
            Event::Start(t) => is_block(t),
            Event::End(t) => is_block_end(t),
            Event::Html(_) => true,
            _ => false,
        };
        if self.open {
            let end = self.borrowed.spans[self.next].end;
            if !block && at.start < end {
                return;
            }
            self.close(out);
        }
        let spans = self.borrowed.spans;
        while spans.get(self.next).is_some_and(|s| s.end <= at.start) {
            self.next += 1;
        }
        if !block && spans.get(self.next).is_some_and(|s| s.contains(&at.start)) {
            out.push(Event::InlineHtml(
                format!("<span lang=\"{lang}\" class=\"borrowed\">").into(),
            ));
            self.open = true;
        }
    }

    fn close(&mut self, out: &mut Vec<Event>) {
        if self.open {
            out.push(Event::InlineHtml("</span>".into()));
            self.open = false;
            self.next += 1;
        }
    }
}

/// The Markdown extensions every body is read with.
pub fn options() -> Options {
    crate::load::markdown_options()
}

fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("callout-note", "callout_note"),
        BlockQuoteKind::Tip => ("callout-tip", "callout_tip"),
        BlockQuoteKind::Important => ("callout-important", "callout_important"),
        BlockQuoteKind::Warning => ("callout-warning", "callout_warning"),
        BlockQuoteKind::Caution => ("callout-caution", "callout_caution"),
    }
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_callout_label_is_a_body_string() {
        use pulldown_cmark::BlockQuoteKind::*;
        for kind in [Note, Tip, Important, Warning, Caution] {
            assert!(
                super::BODY_STRINGS.contains(&super::callout(kind).1),
                "{kind:?}"
            );
        }
    }

    use super::*;
    use crate::{Lang, PagePath};
    use std::collections::{HashMap, HashSet};

    /// `text` rendered as the body of page `a`, with no other page or asset to link to.
    fn render_text(text: &str, placement: Placement) -> (Body, Vec<Diagnostic>) {
        let file = ContentFile::in_memory(
            PagePath::from_segments(["a"]),
            Lang::parse("es").unwrap(),
            "A",
            text,
        );
        let (pages, assets, drafts) = (HashMap::new(), HashMap::new(), HashSet::new());
        let targets = LinkTargets {
            pages: &pages,
            assets: &assets,
            left_out: &HashMap::new(),
            languages: &[],
            drafts: &drafts,
        };
        let strings = BTreeMap::new();
        render(
            &file,
            "x/a/index.html",
            placement,
            &targets,
            &BodyStrings { strings: &strings },
        )
    }

    fn rendered(text: &str, placement: Placement) -> String {
        let (body, diags) = render_text(text, placement);
        assert!(diags.is_empty(), "{diags:?}");
        body.html
    }

    /// A body without markup of the editor's own is not sanitised: it must hold nothing the
    /// sanitiser would take out, whatever the Markdown around it.
    #[test]
    fn a_body_without_raw_html_holds_nothing_sanitising_would_take_out() {
        for text in [
            "# Título {#t .grande}\n\nTexto *con* **énfasis**, `código <b>` y ~~tachado~~.",
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
            "- [ ] por hacer\n- [x] hecho",
            "Una nota[^1] \"citada\" & 'más'.\n\n[^1]: La nota: 3 < 4 > 2.",
            "```js\" onclick=\"x\nalert(1)\n```",
            "[a](#ancla \"un \\\"título\\\"\") y <https://kids.example/a?b=1&c=2> y <ayuda@example.org>",
            "[b][r]\n\n[r]: tel:+5255 'con \"comillas\" <y> &'",
            "> [!WARNING]\n> Cuidado.\n\n> una cita\n\n---\nlínea  \nnueva",
            "1. uno\n2. dos\n\n3) tres",
            "&lt;script&gt; &#60;script&#62; &amp; &nbsp; \\<b>",
        ] {
            let html = rendered(text, Placement::Page);
            let gone = crate::render::sanitize::removed(&html);
            assert!(gone.is_empty(), "{gone:?} taken out of {html}");
        }
        // Attributes on a heading are markup of the editor's own, and sanitised.
        let html = rendered("# Título {#t onclick=alert(1) lang=en}", Placement::Page);
        assert!(
            !html.contains("onclick") && html.contains("lang=\"en\""),
            "{html}"
        );
    }

    #[test]
    fn blocks_nested_too_deep_are_an_error_not_a_slow_page() {
        let deep = format!("{}deep\n", "> ".repeat(50_000));
        let started = std::time::Instant::now();
        let (body, diags) = render_text(&deep, Placement::Page);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert!(body.html.is_empty());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "content/nesting");
        assert_eq!(
            diags[0].span.as_ref().map(|s| (s.line, s.column)),
            Some((1, 129))
        );
        // A few levels are fine.
        let (_, diags) = render_text("> > > - uno\n>   - dos\n", Placement::Page);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_chapter_of_the_booklet_has_its_headings_one_level_down() {
        let text = "## A\n\n<h2>raw</h2>\n\n`<h2>`\n\n### B\n\n###### C\n\n##### D\n\n# E\n";
        let page = rendered(text, Placement::Page);
        assert!(page.contains("<h2 id=\"a\">A</h2>"), "{page}");
        assert!(page.contains("<h3 id=\"b\">B</h3>"), "{page}");
        let chapter = rendered(text, Placement::Chapter);
        for expected in [
            "<h3 id=\"a\">A</h3>",
            "<h4 id=\"b\">B</h4>",
            "<h6 id=\"c\">C</h6>",
            "<h6 id=\"d\">D</h6>",
            "<h1 id=\"e\">E</h1>",
            "<code>&lt;h2&gt;</code>",
        ] {
            assert!(chapter.contains(expected), "{expected} in {chapter}");
        }
        assert!(!chapter.contains("<h5"), "{chapter}");
    }
}
