//! XLIFF, the exchange format of memoQ, Trados and Crowdin: the catalog written as XLIFF 2.0,
//! and XLIFF read back, 2.0 or the 1.x that translate-toolkit's `po2xliff` writes.
//!
//! One `<unit>` per PO entry, with the same texts: its context (`ui:home`, `page:<path>`) is
//! the unit's `name`, the page, heading and note are `<note category="context">`, the places
//! `<note category="location">`. A stale translation has `state="initial"` and
//! `subState="amparo:stale"`, with the source it was made from in a `previous-source` note.
//! Read back, a file becomes the same entries a PO file gives, so one import serves both.

use super::po::{PoEntry as Merged, merged};
use super::po_read::{PoEntry, PoFile};
use super::{Catalog, SegmentState};
use crate::diagnostics::Diagnostic;
// The same four characters are special in XML content and attributes as in HTML.
use crate::render::markdown::escape;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The catalog as an XLIFF 2.0 document.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let target = catalog
        .lang
        .as_ref()
        .map(|l| format!(" trgLang=\"{}\"", escape(l.as_str())))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"{}\"{target}>",
        escape(catalog.source_lang.as_str())
    );
    let _ = writeln!(
        out,
        "  <file id=\"site\" original=\"{}\">",
        escape(&catalog.site_title)
    );
    for (n, entry) in merged(catalog).iter().enumerate() {
        unit(&mut out, n + 1, entry, catalog.lang.is_none());
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

fn unit(out: &mut String, n: usize, po: &Merged, template: bool) {
    let name = po
        .context
        .as_ref()
        .map(|c| format!(" name=\"{}\"", escape(c)))
        .unwrap_or_default();
    let _ = writeln!(out, "    <unit id=\"u{n}\"{name}>");
    out.push_str("      <notes>\n");
    for c in &po.comments {
        let _ = writeln!(
            out,
            "        <note category=\"context\">{}</note>",
            escape(c)
        );
    }
    for r in &po.references {
        let _ = writeln!(
            out,
            "        <note category=\"location\">{}</note>",
            escape(r)
        );
    }
    let entry = po.entry;
    let stale = !template && entry.state == SegmentState::Stale;
    if stale && let Some(prev) = &entry.previous {
        let _ = writeln!(
            out,
            "        <note category=\"previous-source\">{}</note>",
            escape(prev)
        );
    }
    out.push_str("      </notes>\n");
    let translation = if template {
        None
    } else {
        entry.translation.as_deref()
    };
    let state = match (translation, stale) {
        (None, _) => " state=\"initial\"",
        (Some(_), true) => " state=\"initial\" subState=\"amparo:stale\"",
        (Some(_), false) => " state=\"translated\"",
    };
    let _ = writeln!(out, "      <segment{state}>");
    let _ = writeln!(
        out,
        "        <source xml:space=\"preserve\">{}</source>",
        escape(&entry.source.text)
    );
    if let Some(t) = translation {
        let _ = writeln!(
            out,
            "        <target xml:space=\"preserve\">{}</target>",
            escape(t)
        );
    }
    out.push_str("      </segment>\n    </unit>\n");
}

/// Whether `bytes` look like XML rather than PO.
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// A unit being read.
#[derive(Default)]
struct Unit {
    context: Option<String>,
    source: Option<String>,
    target: Option<String>,
    fuzzy: bool,
    header: bool,
    line: usize,
}

/// Reads an XLIFF 2.0 or 1.x file `shown` into the entries and header a PO file would give.
pub fn parse(bytes: &[u8], shown: &Path) -> Result<PoFile, Vec<Diagnostic>> {
    let text = super::po_read::utf8(bytes, shown, "translate/xliff")?;
    // Lines are counted as the reader moves forward, so a large file is read once.
    let mut lines = LineCounter::default();
    let mut reader = quick_xml::Reader::from_str(text);
    let mut file = PoFile::default();
    let mut unit = Unit::default();
    // The text being collected, and which element it is for.
    let mut collecting: Option<(&'static str, String)> = None;
    let mut seen: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut roots = 0;
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(pos);
                problems.push(
                    Diagnostic::error("translate/xliff", shown, format!("not well-formed XML: {e}"))
                        .at_line(lines.line_at(text, at), 1)
                        .with_help("open the file in the tool it came from and save it again, or ask for a new one"),
                );
                break;
            }
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            {
                let name = e.local_name();
                match name.as_ref() {
                    b"xliff" => {
                        roots += 1;
                        read_root(e, &mut file.header);
                    }
                    b"file" => read_file(e, &mut file.header),
                    b"unit" => {
                        unit = Unit {
                            context: attr(e, "name"),
                            ..Unit::default()
                        };
                    }
                    b"trans-unit" => {
                        unit = Unit {
                            context: attr(e, "resname").filter(|r| r.contains(':')),
                            header: attr(e, "restype").as_deref()
                                == Some("x-gettext-domain-header"),
                            fuzzy: attr(e, "approved").as_deref() == Some("no"),
                            ..Unit::default()
                        };
                    }
                    b"segment" => {
                        unit.fuzzy = attr(e, "subState").as_deref() == Some("amparo:stale");
                    }
                    b"source" => {
                        unit.line = lines.line_at(text, pos);
                        collecting = Some(("source", String::new()));
                    }
                    b"target" => {
                        if attr(e, "state").is_some_and(|s| s.starts_with("needs-")) {
                            unit.fuzzy = true;
                        }
                        collecting = Some(("target", String::new()));
                    }
                    b"context" if attr(e, "context-type").as_deref() == Some("x-po-msgctxt") => {
                        collecting = Some(("context", String::new()));
                    }
                    _ => {}
                }
            }
            if empty {
                // `<target/>`: an element with no text.
                collecting = None;
            }
            continue;
        }
        match event {
            Event::Eof => break,
            Event::Text(t) => {
                if let Some((_, s)) = collecting.as_mut() {
                    s.push_str(
                        &t.xml_content(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap_or_default(),
                    );
                }
            }
            Event::CData(t) => {
                if let Some((_, s)) = collecting.as_mut() {
                    s.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, s)) = collecting.as_mut() {
                    s.push_str(&entity(&r));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"source" | b"target" | b"context" => {
                    if let Some((which, s)) = collecting.take() {
                        match which {
                            "source" => unit.source = Some(s),
                            "target" => unit.target = Some(s),
                            _ => unit.context = Some(s),
                        }
                    }
                }
                b"segment" | b"trans-unit" => {
                    finish(
                        std::mem::take(&mut unit),
                        &mut file,
                        &mut seen,
                        &mut problems,
                        shown,
                    );
                }
                _ => {}
            },
            _ => {}
        }
    }
    if roots == 0 && problems.is_empty() {
        problems.push(
            Diagnostic::error(
                "translate/xliff",
                shown,
                "this XML file is not XLIFF: it has no <xliff> element",
            )
            .with_help("import the .xlf file the translation tool saved, or a .po file"),
        );
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// The line of a byte position, for positions that only move forward (or stay).
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, pos: usize) -> usize {
        let pos = pos.min(text.len());
        if pos < self.pos {
            *self = LineCounter::default();
        }
        self.line += text[self.pos..pos].matches('\n').count();
        self.pos = pos;
        self.line + 1
    }
}

/// `&amp;`, `&#233;` and the other references XML defines.
fn entity(r: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.decode().as_deref() {
        Ok("amp") => "&",
        Ok("lt") => "<",
        Ok("gt") => ">",
        Ok("quot") => "\"",
        Ok("apos") => "'",
        _ => "",
    }
    .to_string()
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// XLIFF 2.0 names its languages on the root.
fn read_root(e: &BytesStart, header: &mut BTreeMap<String, String>) {
    if let Some(l) = attr(e, "trgLang") {
        header.insert("Language".into(), l);
    }
    if let Some(l) = attr(e, "srcLang") {
        header.insert("X-Amparo-Source-Language".into(), l);
    }
}

/// XLIFF 2.0 names the site as the file's `original`; 1.x names its languages on the file.
fn read_file(e: &BytesStart, header: &mut BTreeMap<String, String>) {
    if header.contains_key("X-Amparo-Source-Language") {
        if let Some(o) = attr(e, "original") {
            header.insert("Project-Id-Version".into(), o);
        }
    } else if let Some(l) = attr(e, "target-language") {
        header.insert("Language".into(), l);
    }
}

/// Ends a unit: the PO header that `po2xliff` keeps as a unit, or one more entry.
fn finish(
    unit: Unit,
    file: &mut PoFile,
    seen: &mut BTreeMap<(Option<String>, String), usize>,
    problems: &mut Vec<Diagnostic>,
    shown: &Path,
) {
    let Some(id) = unit.source else { return };
    if unit.header {
        for field in id.lines() {
            if let Some((k, v)) = field.split_once(':') {
                file.header
                    .entry(k.trim().to_string())
                    .or_insert_with(|| v.trim().to_string());
            }
        }
        return;
    }
    let value = unit.target.unwrap_or_default();
    let key = (unit.context.clone(), id.clone());
    // A converter that drops PO contexts (po2xliff does) leaves one text twice: harmless when
    // both say the same, ambiguous when they do not.
    if let Some(&first) = seen.get(&key) {
        if file.entries[first].value == value {
            return;
        }
        let first = file.entries[first].line;
        problems.push(
            Diagnostic::error(
                "translate/xliff",
                shown,
                format!("this unit is in the file twice (first on line {first})"),
            )
            .at_line(unit.line, 1)
            .with_help("keep one of the two, with the translation you want"),
        );
        return;
    }
    seen.insert(key, file.entries.len());
    file.entries.push(PoEntry {
        context: unit.context,
        fuzzy: unit.fuzzy && !value.is_empty(),
        id,
        value,
        line: unit.line,
    });
}
