//! Translations: for every language, which pages are translated, falling back (shown from a
//! language the locale names as its fallback), missing (shown from any other language), draft,
//! or stale. A translation records what it was made from, `translated_from = "es:<hash>"`;
//! when the source's body no longer hashes the same, the translation is stale, and when the
//! source text of that time is kept under `.amparo/sources/`, the report names the lines that
//! changed.

use super::Findings;
use super::strings::StringsTable;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{SOURCES_DIR, body_hash, kept_source, normalise};
use crate::lang::Lang;
use crate::load::ContentFile;
use crate::model::Site;
use crate::rules::id;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The state of one page in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Written in this language, and up to date with its source (if it names one).
    Translated,
    /// Shown from a language the locale lists under `fallback`.
    Fallback,
    /// Shown from a language outside the locale's own fallback list.
    Missing,
    /// A translation exists but is a draft; the page is shown from another language meanwhile.
    Draft,
    /// Written in this language, but its source changed after it was translated.
    Stale,
    /// Written in this language in part (`untranslated` in its front matter): the other parts
    /// are shown from the next language of its chain.
    Partial,
}

/// One page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct PageState {
    /// The page's path, the same in every language: `rights/asylum`, empty for the home page.
    pub page: String,
    /// Whether it is translated, falling back, missing, a draft or stale in this language.
    pub state: State,
    /// The language the reader sees the page in.
    pub shown_in: String,
    /// The file the page is built from.
    pub file: Option<PathBuf>,
}

/// The translation table of one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageTable {
    /// The language's tag: `quc`.
    pub lang: String,
    /// The language's name in itself: `K'iche'`.
    pub endonym: String,
    /// Whether its locale says a fluent reader has reviewed it (`reviewed = true`).
    pub reviewed: bool,
    /// Pages written in this language and up to date with their source.
    pub translated: usize,
    /// Pages shown from a language its locale lists under `fallback`.
    pub fallback: usize,
    /// Pages shown from a language outside its locale's `fallback` list.
    pub missing: usize,
    /// Pages whose translation is a draft, shown from another language meanwhile.
    pub draft: usize,
    /// Pages written in this language whose source changed after they were translated.
    pub stale: usize,
    /// Pages written in this language in part, up to date with their source.
    pub partial: usize,
    /// Every page of the site in this language: home first, then reading order.
    pub pages: Vec<PageState>,
    /// The language's UI strings: own, borrowed and stale.
    pub strings: StringsTable,
    /// For a language whose readers mostly listen: the pages recorded in it, and those not.
    pub recordings: Option<super::recordings::Recorded>,
}

/// Builds every language's table and reports stale, orphaned and missing translations.
pub fn check(site: &Site, findings: &mut Findings) -> Vec<LanguageTable> {
    site.languages
        .iter()
        .map(|language| {
            let lang = &language.locale.lang;
            let mut table = LanguageTable {
                lang: lang.to_string(),
                endonym: language.locale.endonym.clone(),
                reviewed: language.locale.reviewed,
                translated: 0,
                fallback: 0,
                missing: 0,
                draft: 0,
                stale: 0,
                partial: 0,
                pages: Vec::new(),
                strings: super::strings::table(site, language, findings),
                recordings: super::recordings::check(site, lang, findings),
            };
            for page in site.pages.iter().filter(|p| &p.lang == lang) {
                let node = site.node(page.node);
                let file = page.source.map(|s| site.source(s));
                let state = match file {
                    None => State::Missing,
                    Some(f) if &f.lang == lang => own_state(site, f, findings),
                    Some(f) => shown_from_other(site, lang, f, &language.locale.fallback, findings),
                };
                match state {
                    State::Translated => table.translated += 1,
                    State::Fallback => table.fallback += 1,
                    State::Missing => table.missing += 1,
                    State::Draft => table.draft += 1,
                    State::Stale => table.stale += 1,
                    State::Partial => table.partial += 1,
                }
                table.pages.push(PageState {
                    page: node.path.to_string(),
                    state,
                    shown_in: file.map_or_else(|| lang.to_string(), |f| f.lang.to_string()),
                    file: file.map(|f| f.file.clone()),
                });
            }
            table
        })
        .collect()
}

/// A page written in its own language: translated, partly translated, or stale against its
/// source.
fn own_state(site: &Site, file: &ContentFile, findings: &mut Findings) -> State {
    let up_to_date = if file.front.untranslated.is_empty() {
        State::Translated
    } else {
        State::Partial
    };
    let Some(from) = &file.front.translated_from else {
        return up_to_date;
    };
    let Some(source) = site
        .by_path
        .get(&file.path)
        .and_then(|&n| site.node(n).translations.get(&from.lang))
        .map(|&s| site.source(s))
    else {
        findings.push(
            Diagnostic::error(
                id::TRANSLATIONS_SOURCE_GONE,
                &file.file,
                format!(
                    "this was translated from `{}`, but that language no longer has this page",
                    from.lang
                ),
            )
            .at(&file.text, from.span.clone())
            .with_help("point `translated_from` at the page's current source with `amparo check --mark-translated FILE` after checking the text"),
        );
        return up_to_date;
    };
    if body_hash(source.body()) == from.hash
        || crate::translate::only_untranslated_changed(site, source, file)
    {
        return up_to_date;
    }
    let then = source_then(&site.root, &from.hash, source);
    let changed = match &then {
        Some(t) => describe_changes(&t.old, &t.new, t.first),
        None => format!(
            "the text it was made from is not in {SOURCES_DIR}/, so the changed lines are unknown"
        ),
    };
    let mut parts = stale_parts(site, source, file);
    if parts.is_empty()
        && let Some(t) = &then
    {
        // The translation's blocks do not line up with its source's: the source's lines then.
        parts = describe_text_changes(&t.old, &t.new, t.first);
    }
    findings.push(
        Diagnostic::error(
            id::TRANSLATIONS_STALE,
            &file.file,
            format!(
                "{} changed after this was translated: {changed}{parts}",
                source.file.display()
            ),
        )
        .at(&file.text, from.span.clone())
        .with_help(format!(
            "update this translation, then run `amparo check --mark-translated {}`",
            file.file.display()
        )),
    );
    State::Stale
}

/// A page shown from another language: fallback, draft or missing.
fn shown_from_other(
    site: &Site,
    lang: &Lang,
    shown: &ContentFile,
    fallback: &[Lang],
    findings: &mut Findings,
) -> State {
    let draft = site
        .drafts
        .iter()
        .any(|d| &d.lang == lang && d.path == shown.path);
    if draft {
        return State::Draft;
    }
    if fallback.contains(&shown.lang) {
        return State::Fallback;
    }
    let name = site
        .language(lang)
        .map_or_else(|| lang.to_string(), |l| l.locale.english_name.clone());
    findings.push(
        Diagnostic::error(
            id::TRANSLATIONS_MISSING,
            &shown.file,
            format!(
                "`{}` has no {name} translation: {lang} readers see it in {}",
                if shown.path.is_root() { "the home page".to_string() } else { shown.path.to_string() },
                shown.lang
            ),
        )
        .with_help(format!(
            "translate it into {}, or list `{}` under `fallback` in locales/{lang}.toml if that is what {name} readers should see",
            shown.file.display().to_string().replacen(&format!(".{}.md", shown.lang), &format!(".{lang}.md"), 1),
            shown.lang
        )),
    );
    State::Missing
}

/// "; the part \"…\" is now \"…\"", for each segment that went stale (three at most), as
/// a translator sees them in `amparo translate export`.
fn stale_parts(site: &Site, source: &ContentFile, translation: &ContentFile) -> String {
    const SHOWN: usize = 3;
    let stale = crate::translate::stale_segments(site, source, translation);
    let mut out = String::new();
    for e in stale.iter().take(SHOWN) {
        let was = e.previous.as_deref().unwrap_or_default();
        out.push_str(&format!(
            "; the {} \"{was}\" (line {}) is now \"{}\"",
            e.source.kind.as_str().replace('-', " "),
            e.source.line,
            e.source.text
        ));
    }
    if stale.len() > SHOWN {
        out.push_str(&format!("; and {} more parts", stale.len() - SHOWN));
    }
    out
}

/// A source's body when a translation was made from it and now, both normalised, and the
/// file line that the body's first line is on now.
struct SourceThen {
    old: String,
    new: String,
    first: usize,
}

/// The source body kept under `hash`, beside the body now; `None` when it is not kept.
fn source_then(root: &Path, hash: &str, source: &ContentFile) -> Option<SourceThen> {
    let old = std::fs::read_to_string(kept_source(root, hash, "md")).ok()?;
    let body_line = source.text[..source.body_offset].matches('\n').count();
    let leading = source.body().len() - source.body().trim_start_matches(['\n', '\r']).len();
    let skipped = source.body()[..leading].matches('\n').count();
    Some(SourceThen {
        old: normalise(&old),
        new: normalise(source.body()),
        first: body_line + skipped + 1,
    })
}

/// The changed lines of `new` against `old`, with their text, up to three (`; line 14 was "…",
/// now "…"`); line numbers of `new` counted from `first`.
pub fn describe_text_changes(old: &str, new: &str, first: usize) -> String {
    use similar::{ChangeTag, TextDiff};
    const SHOWN: usize = 3;
    let short = |s: &str| {
        let s = s.trim();
        let cut: String = s.chars().take(80).collect();
        if cut.len() < s.len() {
            format!("{cut}…")
        } else {
            cut
        }
    };
    let (old, new) = (format!("{old}\n"), format!("{new}\n"));
    let diff = TextDiff::from_lines(&old, &new);
    let mut said = Vec::new();
    let mut was: Option<String> = None;
    for change in diff.iter_all_changes() {
        let text = short(change.value());
        match change.tag() {
            ChangeTag::Equal => {
                if let Some(w) = was.take() {
                    said.push(format!("\"{w}\" was removed"));
                }
            }
            ChangeTag::Delete if !text.is_empty() => {
                if let Some(w) = was.replace(text) {
                    said.push(format!("\"{w}\" was removed"));
                }
            }
            ChangeTag::Delete => {}
            ChangeTag::Insert if !text.is_empty() => {
                let line = first + change.new_index().unwrap_or(0);
                said.push(match was.take() {
                    Some(w) => format!("line {line} was \"{w}\", now \"{text}\""),
                    None => format!("line {line} is new: \"{text}\""),
                });
            }
            ChangeTag::Insert => {}
        }
    }
    if let Some(w) = was {
        said.push(format!("\"{w}\" was removed"));
    }
    let more = said.len().saturating_sub(SHOWN);
    let mut out: String = said.iter().take(SHOWN).map(|s| format!("; {s}")).collect();
    if more > 0 {
        out.push_str(&format!("; and {more} more changes"));
    }
    out
}

/// "lines 12–14, 20 changed; text removed after line 30", with line numbers of `new` counted
/// from `first`.
pub fn describe_changes(old: &str, new: &str, first: usize) -> String {
    use similar::{DiffOp, TextDiff};
    // Every line ends in a newline, so the last line compares like the others.
    let (old, new) = (format!("{old}\n"), format!("{new}\n"));
    let diff = TextDiff::from_lines(&old, &new);
    let mut changed: Vec<String> = Vec::new();
    let mut removed: Vec<usize> = Vec::new();
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { new_index, .. } => removed.push(first + new_index),
            DiffOp::Insert {
                new_index, new_len, ..
            }
            | DiffOp::Replace {
                new_index, new_len, ..
            } => {
                let a = first + new_index;
                let b = a + new_len - 1;
                changed.push(if a == b {
                    a.to_string()
                } else {
                    format!("{a}–{b}")
                });
            }
        }
    }
    let mut parts = Vec::new();
    if !changed.is_empty() {
        let word = if changed.len() == 1 && !changed[0].contains('–') {
            "line"
        } else {
            "lines"
        };
        parts.push(format!("{word} {} changed", changed.join(", ")));
    }
    for r in removed {
        parts.push(format!("text removed before line {r}"));
    }
    if parts.is_empty() {
        "only blank lines or spacing changed".to_string()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_lines_are_shown_with_their_old_and_new_text() {
        let old = "# T\n\nEs gratis.\n\nUno.";
        let new = "# T\n\nEs gratis y es secreto.\n\nUno.\n\nDos.";
        assert_eq!(
            describe_text_changes(old, new, 10),
            "; line 12 was \"Es gratis.\", now \"Es gratis y es secreto.\"; line 16 is new: \"Dos.\""
        );
        assert_eq!(
            describe_text_changes("a\nb\nc", "a\nc", 1),
            "; \"b\" was removed"
        );
    }

    #[test]
    fn changes_are_named_by_the_lines_of_the_current_source() {
        let old = "one\ntwo\nthree\nfour\nfive";
        let new = "one\nTWO\nthree\nfour\nfive\nsix\nseven";
        assert_eq!(describe_changes(old, new, 10), "lines 11, 15–16 changed");
        assert_eq!(
            describe_changes("a\nb\nc", "a\nc", 1),
            "text removed before line 2"
        );
        assert_eq!(
            describe_changes("a", "a", 1),
            "only blank lines or spacing changed"
        );
    }
}
