//! Reading a PO file back, as Poedit, Weblate and GNU gettext write it: the header, and each
//! entry's context, source text, translation, `fuzzy` flag and line. Everything that is not a
//! well-formed PO file is a diagnostic with its line and column, all of them at once: an
//! unterminated or badly escaped string, a keyword out of place, the same entry twice, bytes
//! that are not UTF-8. Plural entries and obsolete ones (`#~`) are not part of amparo's files:
//! the first is an error, the second is skipped.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

/// One entry of a PO file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoEntry {
    /// `msgctxt`, when there is one (`ui:home`).
    pub context: Option<String>,
    /// The source text.
    pub id: String,
    /// The translation; empty when there is none.
    pub value: String,
    /// Marked `#, fuzzy`: the translator has not confirmed it against the current source.
    pub fuzzy: bool,
    /// The line its `msgid` is on, from 1.
    pub line: usize,
}

/// A PO file read.
#[derive(Debug, Clone, Default)]
pub struct PoFile {
    /// The header's fields (`Language` → `mam`).
    pub header: BTreeMap<String, String>,
    /// Every entry but the header, in file order.
    pub entries: Vec<PoEntry>,
}

/// Which string a quoted line continues.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Value,
}

/// An entry being read.
#[derive(Default)]
struct Partial {
    context: Option<String>,
    id: Option<String>,
    value: Option<String>,
    fuzzy: bool,
    line: usize,
}

/// Reads `bytes`, the PO file `shown`.
pub fn parse(bytes: &[u8], shown: &Path) -> Result<PoFile, Vec<Diagnostic>> {
    let text = utf8(bytes, shown, "translate/po")?;
    let mut problems = Vec::new();
    let mut file = PoFile::default();
    let mut seen: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    let mut current = Partial::default();
    let mut field: Option<Field> = None;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        let problem = |column: usize, msg: String, help: &str| {
            Diagnostic::error("translate/po", shown, msg)
                .at_line(line_no, column)
                .with_help(help.to_string())
        };
        if line.is_empty() {
            continue;
        }
        if line.starts_with("#~") {
            field = None;
            continue; // obsolete entries a tool keeps for itself
        }
        if let Some(flags) = line.strip_prefix("#,") {
            if current.id.is_some() && current.value.is_some() {
                finish(&mut current, &mut file, &mut seen, &mut problems, shown);
            }
            current.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            field = None;
            continue;
        }
        if line.starts_with('#') {
            if current.id.is_some() && current.value.is_some() {
                finish(&mut current, &mut file, &mut seen, &mut problems, shown);
            }
            field = None;
            continue;
        }
        let column = raw.len() - raw.trim_start().len() + 1;
        let (keyword, rest) = match line.split_once(|c: char| c.is_whitespace()) {
            Some((k, r)) if !line.starts_with('"') => (k, r.trim_start()),
            _ => ("", line),
        };
        // A broken string is reported and read as empty, so the entries around it still read.
        let value = unquote(rest).unwrap_or_else(|(offset, msg)| {
            let at = column + (line.len() - rest.len()) + offset;
            problems.push(problem(at, msg, "a PO string is one line between double quotes; write \\\" for a quote and \\n for a new line"));
            String::new()
        });
        match keyword {
            "" => match (field, &mut current) {
                (
                    Some(Field::Context),
                    Partial {
                        context: Some(s), ..
                    },
                )
                | (Some(Field::Id), Partial { id: Some(s), .. })
                | (Some(Field::Value), Partial { value: Some(s), .. }) => s.push_str(&value),
                _ => problems.push(problem(
                    column,
                    "a string with no msgid or msgstr before it".into(),
                    "put it right after the msgid or msgstr it continues",
                )),
            },
            "msgctxt" => {
                if current.id.is_some() {
                    finish(&mut current, &mut file, &mut seen, &mut problems, shown);
                }
                current.context = Some(value);
                field = Some(Field::Context);
            }
            "msgid" => {
                if current.id.is_some() {
                    finish(&mut current, &mut file, &mut seen, &mut problems, shown);
                }
                current.id = Some(value);
                current.line = line_no;
                field = Some(Field::Id);
            }
            "msgstr" if current.id.is_some() && current.value.is_none() => {
                current.value = Some(value);
                field = Some(Field::Value);
            }
            "msgstr" => {
                problems.push(problem(
                    column,
                    "a msgstr without its own msgid".into(),
                    "every msgstr follows the msgid it translates",
                ));
                field = None;
            }
            k if k.starts_with("msgid_plural") || k.starts_with("msgstr[") => {
                problems.push(problem(
                    column,
                    format!("`{k}`: amparo's files have no plural forms"),
                    "translate each entry with a plain msgstr",
                ));
                field = None;
            }
            k => {
                problems.push(problem(column, format!("`{k}` is not a PO keyword"), "lines are comments (#…), msgctxt, msgid, msgstr or a quoted string that continues one"));
                field = None;
            }
        }
    }
    if current.id.is_some() {
        finish(&mut current, &mut file, &mut seen, &mut problems, shown);
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// `bytes` as text, or the line and column of the first byte that is not UTF-8.
pub(super) fn utf8<'a>(
    bytes: &'a [u8],
    shown: &Path,
    code: &'static str,
) -> Result<&'a str, Vec<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        vec![
            Diagnostic::error(code, shown, "the file is not UTF-8 text")
                .at_line(line, column)
                .with_help(
                    "save it as UTF-8 (Poedit and Weblate do by default) and import it again",
                ),
        ]
    })
}

/// Ends the entry being read: the header, or one more entry (a second one with the same
/// context and source text is an error).
fn finish(
    current: &mut Partial,
    file: &mut PoFile,
    seen: &mut BTreeMap<(Option<String>, String), usize>,
    problems: &mut Vec<Diagnostic>,
    shown: &Path,
) {
    let p = std::mem::take(current);
    let Some(id) = p.id else { return };
    let Some(value) = p.value else {
        problems.push(
            Diagnostic::error("translate/po", shown, "this msgid has no msgstr")
                .at_line(p.line, 1)
                .with_help("add msgstr \"\" after it (empty: not translated yet)"),
        );
        return;
    };
    if id.is_empty() && p.context.is_none() {
        for field in value.lines() {
            if let Some((k, v)) = field.split_once(':') {
                file.header
                    .insert(k.trim().to_string(), v.trim().to_string());
            }
        }
        return;
    }
    let key = (p.context.clone(), id.clone());
    if let Some(first) = seen.get(&key) {
        problems.push(
            Diagnostic::error(
                "translate/po",
                shown,
                format!("this entry is in the file twice (first on line {first})"),
            )
            .at_line(p.line, 1)
            .with_help("keep one of the two, with the translation you want"),
        );
        return;
    }
    seen.insert(key, p.line);
    file.entries.push(PoEntry {
        context: p.context,
        id,
        value,
        fuzzy: p.fuzzy,
        line: p.line,
    });
}

/// The text of one quoted PO string, or where (bytes into `s`) and what is wrong.
fn unquote(s: &str) -> Result<String, (usize, String)> {
    let Some(body) = s.strip_prefix('"') else {
        return Err((0, "a string must start with a double quote".into()));
    };
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let after = body[i + 1..].trim();
                if after.is_empty() {
                    return Ok(out);
                }
                return Err((i + 2, format!("text after the closing quote: `{after}`")));
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((j, other)) => {
                    return Err((j + 1, format!("unknown escape `\\{other}`")));
                }
                None => break,
            },
            c => out.push(c),
        }
    }
    Err((
        s.len(),
        "the string is never closed: a double quote is missing at its end".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<PoFile, Vec<(usize, usize, String)>> {
        parse(text.as_bytes(), Path::new("mam.po")).map_err(|d| {
            d.iter()
                .map(|d| {
                    let s = d.span.as_ref().unwrap();
                    (s.line, s.column, d.message.clone())
                })
                .collect()
        })
    }

    #[test]
    fn entries_header_context_fuzzy_and_continued_strings_are_read() {
        let po = "# comment\nmsgid \"\"\nmsgstr \"\"\n\"Language: mam\\n\"\n\"Project-Id-Version: Amparo\\n\"\n\n\
                  #. Page: x\n#: content/a.es.md:3\n#, fuzzy\n#| msgid \"Viejo\"\nmsgid \"Nuevo\"\nmsgstr \"[mam] nuevo\"\n\n\
                  msgctxt \"ui:home\"\nmsgid \"Inicio\"\nmsgstr \"\"\n\"[mam] \"\n\"inicio\"\n\n#~ msgid \"old\"\n#~ msgstr \"x\"\n";
        let f = read(po).unwrap();
        assert_eq!(f.header["Language"], "mam");
        assert_eq!(f.header["Project-Id-Version"], "Amparo");
        assert_eq!(
            f.entries,
            [
                PoEntry {
                    context: None,
                    id: "Nuevo".into(),
                    value: "[mam] nuevo".into(),
                    fuzzy: true,
                    line: 11
                },
                PoEntry {
                    context: Some("ui:home".into()),
                    id: "Inicio".into(),
                    value: "[mam] inicio".into(),
                    fuzzy: false,
                    line: 15
                },
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line_and_column() {
        let po = "msgid \"a\"\nmsgstr \"b\n\nmsgid \"c\"\nmsgstr \"d\\q\"\n\nmsgid \"e\"\nmsgstr \"f\"\n\nmsgid \"e\"\nmsgstr \"g\"\n\nmsgid \"h\"\nmsgid_plural \"hs\"\nmsgstr[0] \"x\"\nfoo \"y\"\n";
        let errors = read(po).unwrap_err();
        let lines: Vec<(usize, usize)> = errors.iter().map(|e| (e.0, e.1)).collect();
        assert_eq!(
            lines,
            [
                (2, 10),
                (5, 11),
                (10, 1),
                (14, 1),
                (15, 1),
                (16, 1),
                (13, 1)
            ],
            "{errors:#?}"
        );
        assert!(errors[0].2.contains("never closed"));
        assert!(errors[1].2.contains("unknown escape `\\q`"));
        assert!(errors[2].2.contains("twice (first on line 7)"));
        assert!(errors[3].2.contains("no plural forms"));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named_by_line_and_column() {
        let err = parse(b"msgid \"a\"\nmsgstr \"\xff\"\n", Path::new("x.po")).unwrap_err();
        let span = err[0].span.as_ref().unwrap();
        assert_eq!((span.line, span.column), (2, 9));
        assert!(err[0].message.contains("not UTF-8"));
    }
}
