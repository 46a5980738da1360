//! The catalog as a gettext PO file (or a POT template), the format Poedit, Weblate, Crowdin
//! and GNU gettext read.
//!
//! Each segment is one entry: its source text is the `msgid`, the page and heading it sits
//! under and the translator's note are extracted comments (`#.`), its file and line the
//! reference (`#:`). A stale translation is `fuzzy`, with the source it was made from as the
//! previous `msgid` (`#|`). Page segments with the same text are one entry with several
//! references, as gettext expects; UI strings carry their key as `msgctxt`, since two keys may
//! share a Spanish text and need different words.

use super::{Catalog, Entry, SegmentState};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The `msgctxt` of a UI string: `ui:<key>`.
pub fn string_context(key: &str) -> String {
    format!("ui:{key}")
}

/// The `msgctxt` of a page's segment whose text another page translates differently:
/// `page:<path>`.
pub fn page_context(page: &str) -> String {
    format!("page:{page}")
}

/// The catalog as PO text (POT when it has no language).
pub fn write(catalog: &Catalog) -> String {
    let mut out = header(catalog);
    for entry in merged(catalog) {
        out.push('\n');
        write_entry(&mut out, &entry, catalog.lang.is_none());
    }
    out
}

/// One PO entry: a segment text, every place it appears, and its translation.
pub(super) struct PoEntry<'a> {
    /// The segment (the first place it appears) and its translation.
    pub entry: &'a Entry,
    /// `ui:<key>`, `page:<path>`, or none.
    pub context: Option<String>,
    /// What the translator is told: page, heading, part, note.
    pub comments: Vec<String>,
    /// Every place it appears, `file:line`.
    pub references: Vec<String>,
}

/// Entries in catalog order, page segments with the same text (and kind of context) merged.
/// Where two pages translate the same text differently, each keeps its own entry, told apart
/// by the page (`msgctxt "page:<path>"`), so that no translation is lost.
pub(super) fn merged(catalog: &Catalog) -> Vec<PoEntry<'_>> {
    let differs = |text: &str| catalog.split.contains(text);
    let mut out: Vec<PoEntry> = Vec::new();
    let mut seen: BTreeMap<(Option<String>, &str), usize> = BTreeMap::new();
    for unit in &catalog.units {
        for entry in &unit.entries {
            let context = match (&entry.key, &unit.page) {
                (Some(key), _) => Some(string_context(key)),
                (None, Some(page)) if differs(&entry.source.text) => Some(page_context(page)),
                _ => None,
            };
            let reference = format!("{}:{}", unit.file.display(), entry.source.line);
            let mut comments = Vec::new();
            match &unit.page {
                Some(page) => {
                    let shown = if page.is_empty() { "(home)" } else { page };
                    comments.push(format!("Page: {shown} — {}", unit.title));
                    if let Some(h) = &entry.source.heading {
                        comments.push(format!("Under: {h}"));
                    }
                    comments.push(format!("Part: {}", entry.source.kind.as_str()));
                }
                None => comments.push(format!(
                    "UI string `{}`",
                    entry.key.as_deref().unwrap_or_default()
                )),
            }
            if let Some(n) = &entry.source.note {
                comments.push(format!("Note: {n}"));
            }
            let key = (context.clone(), entry.source.text.as_str());
            match seen.get(&key) {
                Some(&i) => {
                    out[i].references.push(reference);
                    for c in comments {
                        if !out[i].comments.contains(&c) {
                            out[i].comments.push(c);
                        }
                    }
                }
                None => {
                    seen.insert(key, out.len());
                    out.push(PoEntry {
                        entry,
                        context,
                        comments,
                        references: vec![reference],
                    });
                }
            }
        }
    }
    out
}

fn header(catalog: &Catalog) -> String {
    let lang = catalog.lang.as_ref().map_or("", |l| l.as_str());
    // No dates: the same site exports the same file; a translator's tool sets its own.
    let mut fields = vec![
        format!("Project-Id-Version: {}", catalog.site_title),
        "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE".to_string(),
        "Last-Translator: ".to_string(),
        format!("Language-Team: {}", catalog.lang_name),
        format!("Language: {lang}"),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=UTF-8".to_string(),
        "Content-Transfer-Encoding: 8bit".to_string(),
        format!("X-Amparo-Source-Language: {}", catalog.source_lang),
    ];
    fields.push("X-Generator: amparo translate".to_string());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {} → {}",
        catalog.site_title,
        catalog.source_lang,
        if lang.is_empty() { "(template)" } else { lang }
    );
    out.push_str(
        "# Translate each msgstr; leave the msgid as it is. Keep links [text](target) and\n",
    );
    out.push_str("# **marks** around the words they belong to.\n");
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for f in fields {
        let _ = writeln!(out, "\"{}\\n\"", escape(&f));
    }
    out
}

fn write_entry(out: &mut String, po: &PoEntry, template: bool) {
    for c in &po.comments {
        let _ = writeln!(out, "#. {c}");
    }
    for r in &po.references {
        // A reference may not hold spaces; file names of the site have none.
        let _ = writeln!(out, "#: {r}");
    }
    let entry = po.entry;
    let stale = !template && entry.state == SegmentState::Stale;
    if stale {
        out.push_str("#, fuzzy\n");
        if let Some(prev) = &entry.previous {
            write_string(out, "#| msgid", prev);
        }
    }
    if let Some(context) = &po.context {
        write_string(out, "msgctxt", context);
    }
    write_string(out, "msgid", &entry.source.text);
    let translation = if template {
        ""
    } else {
        entry.translation.as_deref().unwrap_or("")
    };
    write_string(out, "msgstr", translation);
}

/// `keyword "text"`, or for text of several lines, `keyword ""` then one quoted line each.
fn write_string(out: &mut String, keyword: &str, text: &str) {
    // Previous-msgid lines carry the `#| ` prefix on every continuation line too.
    let prefix = if keyword.starts_with("#|") { "#| " } else { "" };
    if !text.contains('\n') {
        let _ = writeln!(out, "{keyword} \"{}\"", escape(text));
        return;
    }
    let _ = writeln!(out, "{keyword} \"\"");
    for line in text.split_inclusive('\n') {
        let _ = writeln!(out, "{prefix}\"{}\"", escape(line));
    }
}

/// A PO string's escapes: backslash, quote, newline, tab.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_and_split_at_line_ends() {
        let mut out = String::new();
        write_string(&mut out, "msgid", "Dijo \"hola\"\\\ny adiós");
        assert_eq!(
            out,
            "msgid \"\"\n\"Dijo \\\"hola\\\"\\\\\\n\"\n\"y adiós\"\n"
        );
        let mut prev = String::new();
        write_string(&mut prev, "#| msgid", "a\nb");
        assert_eq!(prev, "#| msgid \"\"\n#| \"a\\n\"\n#| \"b\"\n");
    }
}
