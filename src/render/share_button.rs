//! The Share button of every page: the page's key points in one message, in the page's
//! language — its title, its poster line (or description), who to call, and its address when
//! `base_url` is set. The button is a WhatsApp link with that text (`https://wa.me/?text=…`);
//! where the browser can share, the theme's script shares the same text instead.

use crate::load::{Contact, FrontMatter};
use crate::model::Language;
use serde::Serialize;

/// The longest the poster line or description may be in the message, in characters.
const SUMMARY_MAX: usize = 280;

/// What the template needs for the Share button.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ShareCtx {
    /// The page's title, for the Web Share API's `title`.
    pub title: String,
    /// The page's address under `base_url`, when set.
    pub url: Option<String>,
    /// `https://wa.me/?text=…`: the whole message, the address last.
    pub href: String,
}

/// The message of a page titled `title`, with its front matter (`front`), the site's contacts,
/// and its address (`url`).
pub fn share(
    language: &Language,
    title: &str,
    front: Option<&FrontMatter>,
    contacts: &[Contact],
    url: Option<String>,
) -> ShareCtx {
    let t = |k: &str| language.strings.get(k).map_or("", String::as_str);
    let mut lines = vec![title.trim().to_string()];
    let summary = front.and_then(|f| {
        f.poster
            .as_deref()
            .or(f.description.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    });
    if let Some(s) = summary {
        lines.push(shortened(s, SUMMARY_MAX));
    }
    for c in contacts {
        let mut ways = Vec::new();
        if let Some(p) = &c.phone {
            ways.push(format!("{} {}", t("help_call"), p.international));
        }
        if let Some(w) = &c.whatsapp {
            ways.push(format!("{} {}", t("help_whatsapp"), w.international));
        }
        if let Some(e) = &c.email {
            ways.push(format!("{} {e}", t("help_email")));
        }
        lines.push(format!("{}: {}", c.name, ways.join(" · ")));
    }
    if let Some(u) = &url {
        lines.push(u.clone());
    }
    ShareCtx {
        title: title.trim().to_string(),
        href: format!("https://wa.me/?text={}", encode(&lines.join("\n"))),
        url,
    }
}

/// `text` cut at a word before `max` characters, with `…`.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// Percent-encodes everything but unreserved characters (RFC 3986), so spaces are `%20`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_summaries_are_cut_at_a_word_and_the_text_is_encoded_for_a_link() {
        assert_eq!(shortened("uno dos tres", 100), "uno dos tres");
        assert_eq!(shortened("uno dos, tres cuatro", 9), "uno dos…");
        assert_eq!(
            encode("Sí, ¿ayuda?\n+52 55"),
            "S%C3%AD%2C%20%C2%BFayuda%3F%0A%2B52%2055"
        );
    }
}
