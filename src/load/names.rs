//! Names under `content/`: which characters an address may hold, and names compared as
//! macOS and Windows compare them (NFC, and case-insensitively).

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// A name in Unicode NFC: `niño` with one `ñ`, as links and addresses are written.
pub fn nfc(name: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(name)
        .into_owned()
}

/// A name as case-insensitive file systems compare it.
pub fn fold(name: &str) -> String {
    nfc(name).to_lowercase()
}

/// The README's rule for names under `content/`: letters (of any script, accents included),
/// digits, dashes and underscores, and dots in a file's name (`foto.v2.jpg`). A space, an
/// emoji or a `?` would make an address that is hard to type, to read aloud or to link to.
pub fn check_segment(seg: &str, shown: &Path, dots: bool) -> Result<(), Diagnostic> {
    let fits = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || (dots && c == '.');
    let bad: Vec<char> = seg.chars().filter(|&c| !fits(c)).collect();
    if seg.is_empty() || !bad.is_empty() {
        let what = match bad.first() {
            Some(c) if c.is_whitespace() => "a space".to_string(),
            Some(c) => format!("`{c}`"),
            None => "nothing".to_string(),
        };
        return Err(Diagnostic::error(
            "content/name",
            shown,
            format!("the name `{seg}` has {what}, which cannot be part of an address"),
        )
        .with_help(format!(
            "use letters, digits and dashes: rename it `{}`",
            suggested_name(seg, dots)
        )));
    }
    Ok(())
}

/// `mi pagina` → `mi-pagina`; `🏠 casa` → `casa`.
pub fn suggested_name(seg: &str, dots: bool) -> String {
    let mut out = String::new();
    for c in seg.chars() {
        if c.is_alphanumeric() || c == '_' || (dots && c == '.') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "page".to_string()
    } else {
        out
    }
}
