//! SVG files under `content/`, cleaned before they are published. An SVG is a document: opened
//! on its own it runs scripts and fetches what it names. What is kept is drawing only: every
//! element but scripts, foreign content, embedded documents and animations that could set a
//! link; every attribute but event handlers, and links (`href`) that lead anywhere but inside
//! the file (`#id`); no `<!DOCTYPE>` (no entities), no processing instructions, and no style
//! that imports or loads anything but `#id`.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "handler",
    "listener",
    "set",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
    "discard",
];

/// The cleaned SVG, or why it cannot be read as XML.
pub fn clean(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    let mut reader = Reader::from_str(text);
    let mut writer = Writer::new(Vec::new());
    // Depth inside a dropped element: everything there is dropped too.
    let mut skipping = 0usize;
    let mut saw_svg = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("it is not well-formed XML ({e})"))?;
        let kept = match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = local_name(&e);
                if skipping > 0 || DROPPED.contains(&name.as_str()) {
                    skipping += 1;
                    None
                } else {
                    saw_svg |= name == "svg";
                    Some(Event::Start(cleaned(&e)))
                }
            }
            Event::End(_) if skipping > 0 => {
                skipping -= 1;
                None
            }
            Event::Empty(e) => {
                let name = local_name(&e);
                if skipping > 0 || DROPPED.contains(&name.as_str()) {
                    None
                } else {
                    saw_svg |= name == "svg";
                    Some(Event::Empty(cleaned(&e)))
                }
            }
            Event::DocType(_) | Event::PI(_) => None,
            _ if skipping > 0 => None,
            Event::Text(t) => {
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                (!loads_in_css(&raw)).then_some(Event::Text(t))
            }
            Event::CData(c) => {
                let raw = String::from_utf8_lossy(c.as_ref()).into_owned();
                (!loads_in_css(&raw)).then_some(Event::CData(c))
            }
            other => Some(other),
        };
        if let Some(e) = kept {
            writer
                .write_event(e)
                .map_err(|e| format!("it cannot be written again ({e})"))?;
        }
    }
    if !saw_svg {
        return Err("it has no <svg> element".into());
    }
    Ok(writer.into_inner())
}

fn local_name(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase()
}

/// The element with only its safe attributes.
fn cleaned(e: &BytesStart) -> BytesStart<'static> {
    let mut out = BytesStart::new(String::from_utf8_lossy(e.name().as_ref()).into_owned());
    for a in e.attributes().flatten() {
        let key = String::from_utf8_lossy(a.key.as_ref()).to_ascii_lowercase();
        let local = key.rsplit(':').next().unwrap_or(&key).to_string();
        let value = String::from_utf8_lossy(&a.value).into_owned();
        let unsafe_attr = local.starts_with("on")
            || (local == "href" || local == "src") && !value.trim().starts_with('#')
            || loads_in_css(&value);
        if !unsafe_attr {
            out.push_attribute(a);
        }
    }
    out
}

/// Whether CSS text imports or loads anything but a fragment of this file (`url(#id)`).
fn loads_in_css(text: &str) -> bool {
    let lower: String = text
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect();
    lower.contains("@import")
        || lower.contains("javascript:")
        || lower.match_indices("url(").any(|(i, m)| {
            !lower[i + m.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with('#')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned_text(svg: &str) -> String {
        String::from_utf8(clean(svg.as_bytes()).unwrap_or_else(|e| unreachable!("{e}")))
            .unwrap_or_default()
    }

    #[test]
    fn drawing_is_kept_and_everything_that_runs_or_loads_is_dropped() {
        let svg = r##"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><?xml-stylesheet href="https://e.org/a.css"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)" onclick="x()"/><a href="javascript:alert(3)"><circle r="2"/></a><use xlink:href="#g"/><use href="https://e.org/s.svg#i"/><image href="https://e.org/t.png"/><foreignObject><iframe src="https://e.org"/></foreignObject><set attributeName="href" to="javascript:alert(4)"/><style>@import url(https://e.org/x.css); rect{fill:red}</style><path d="M0 0L1 1" style="fill:url('https://e.org/p.png')"/><text>Hola</text></svg>"##;
        let out = cleaned_text(svg);
        for gone in [
            "alert",
            "onload",
            "onclick",
            "https://e.org",
            "javascript",
            "DOCTYPE",
            "ENTITY",
            "xml-stylesheet",
            "<script",
            "foreignObject",
            "<set",
            "@import",
        ] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        for kept in [
            r#"viewBox="0 0 10 10""#,
            r#"fill="url(#g)""#,
            r##"xlink:href="#g""##,
            "<circle r=\"2\"/>",
            "<text>Hola</text>",
            r#"<path d="M0 0L1 1"/>"#,
        ] {
            assert!(out.contains(kept), "{kept} not in {out}");
        }
    }

    #[test]
    fn a_file_that_is_no_svg_is_refused() {
        assert!(clean(b"<html><body>x</body></html>").is_err());
        assert!(clean(b"<svg><g></svg>").is_err());
        assert!(clean(&[0xff, 0xfe, 0]).is_err());
    }
}
