//! Heading ids: every heading of a body gets one, unique in its page, so that `page.md#anchor`
//! lands on it; a translation's headings take its source's ids, so the anchor lands alike in
//! every language.

use crate::load::markdown_options as options;
use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// The ids the headings of a body get when it is rendered (with its source's ids, for a
/// translation), for anchor checks.
pub fn heading_ids(body: &str, source_ids: Option<&[String]>) -> Vec<String> {
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    assign_heading_ids(&mut events, source_ids)
}

/// Gives every heading an id, unique in the page: its own `{#id}`, or else the id of the
/// source's heading at the same place (when the source has as many headings), or else a slug
/// of its text.
pub(super) fn assign_heading_ids(
    events: &mut [(Event, std::ops::Range<usize>)],
    source_ids: Option<&[String]>,
) -> Vec<String> {
    let headings = events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    let inherited = source_ids.filter(|ids| ids.len() == headings);
    let mut used: HashSet<String> = HashSet::new();
    // The next suffix to try for each base, so a thousand headings with one text take a
    // thousand steps, not half a million.
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::new();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading { id, .. }) = &events[i].0 else {
            continue;
        };
        let base = match (id, inherited.and_then(|s| s.get(ids.len()))) {
            (Some(id), _) => id.to_string(),
            (None, Some(source)) => source.clone(),
            (None, None) => {
                let mut text = String::new();
                for (e, _) in &events[i + 1..] {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                }
                slug(&text)
            }
        };
        let mut unique = base.clone();
        if !used.insert(unique.clone()) {
            let mut n = next.get(&base).copied().unwrap_or(2);
            loop {
                unique = format!("{base}-{n}");
                n += 1;
                if used.insert(unique.clone()) {
                    break;
                }
            }
            next.insert(base, n);
        }
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
            *id = Some(CowStr::from(unique.clone()));
        }
        ids.push(unique);
    }
    ids
}

/// A heading's id: lower-case letters and digits of any script, words joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w: String = word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if !w.is_empty() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&w);
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_one_text_get_numbered_ids_in_order() {
        let body = "## a\n\n## a\n\n## a-2\n\n## a\n";
        assert_eq!(heading_ids(body, None), ["a", "a-2", "a-2-2", "a-3"]);
        // Twenty thousand of them take a moment, not minutes.
        let many = "## Lo mismo\n\n".repeat(20_000);
        let ids = heading_ids(&many, None);
        assert_eq!(ids.len(), 20_000);
        assert_eq!(ids[19_999], "lo-mismo-20000");
    }

    #[test]
    fn a_translation_takes_its_sources_heading_ids_unless_it_names_its_own() {
        let source = heading_ids("## ¿Quién?\n\n## Dónde {#donde}\n", None);
        assert_eq!(source, ["quién", "donde"]);
        let ids = |text: &str| heading_ids(text, Some(&source));
        assert_eq!(ids("## Who?\n\n## Where\n"), ["quién", "donde"]);
        assert_eq!(ids("## Who?\n\n## Where {#where}\n"), ["quién", "where"]);
        // Another number of headings: the blocks do not line up, each heading keeps its own.
        assert_eq!(ids("## Who?\n"), ["who"]);
    }
}
