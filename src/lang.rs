//! Languages: [`Lang`], a validated BCP 47 tag, and [`Direction`].
//!
//! Three-letter ISO 639-3 tags such as `quc` (K'iche') and `mam` (Mam) are ordinary, first-class
//! tags here. Tags are compared in their canonical case (`es`, `pt-BR`, `zh-Hant`), so `ES` in a
//! file name and `es` in `site.toml` mean one language.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A well-formed BCP 47 language tag, in canonical case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Lang(String);

/// Why a string is not a usable language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{tag}` is not a valid BCP 47 language tag ({reason})")]
pub struct LangError {
    /// The text as it was given.
    pub tag: String,
    /// Why it was rejected, as a phrase: `it is empty`.
    pub reason: String,
}

impl Lang {
    /// Parses and canonicalises a tag: `ES` → `es`, `pt-br` → `pt-BR`, `QUC` → `quc`.
    pub fn parse(tag: &str) -> Result<Lang, LangError> {
        let err = |reason: &str| LangError {
            tag: tag.to_string(),
            reason: reason.to_string(),
        };
        if tag.is_empty() {
            return Err(err("it is empty"));
        }
        let parsed = oxilangtag::LanguageTag::parse(tag).map_err(|e| err(&e.to_string()))?;
        if parsed.primary_language().len() > 3 {
            // Four- to eight-letter primary subtags are reserved or registered-only; no content uses them.
            return Err(err(
                "the language part must have two or three letters, like `es` or `quc`",
            ));
        }
        Ok(Lang(canonical_case(parsed.as_str())))
    }

    /// The primary language subtag: `es` for `es-MX`, `quc` for `quc`.
    pub fn primary(&self) -> &str {
        self.as_str().split('-').next().unwrap_or("")
    }

    /// The tag in canonical case: `es`, `pt-BR`, `quc`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// BCP 47 case conventions: language lower, script title, region upper.
fn canonical_case(tag: &str) -> String {
    tag.split('-')
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 4) if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            (_, 2) => part.to_ascii_uppercase(),
            _ => part.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Lang::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Text direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right, as Spanish, English, K'iche' and Mam are written; the default.
    #[default]
    Ltr,
    /// Right to left, as Arabic is written.
    Rtl,
}

impl Direction {
    /// The value for an HTML `dir` attribute: `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mayan_three_letter_tags_are_first_class() {
        assert_eq!(Lang::parse("quc").unwrap().as_str(), "quc");
        assert_eq!(Lang::parse("MAM").unwrap().as_str(), "mam");
    }

    #[test]
    fn tags_are_canonicalised() {
        assert_eq!(Lang::parse("ES").unwrap().as_str(), "es");
        assert_eq!(Lang::parse("pt-br").unwrap().as_str(), "pt-BR");
        assert_eq!(Lang::parse("zh-hant-tw").unwrap().as_str(), "zh-Hant-TW");
    }

    #[test]
    fn malformed_tags_are_rejected() {
        for bad in ["", "e", "español", "es_MX", "es-", "1es"] {
            assert!(Lang::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
