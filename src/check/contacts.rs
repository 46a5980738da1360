//! Contacts: every contact of `site.toml` is shown, as a working `tel:` and `wa.me` link, on
//! every page of every language (and in the booklet), and its hours are given in every language
//! once they are given in one. The numbers themselves are checked as E.164 when the site loads.

use super::Findings;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::OutputFile;
use std::collections::HashMap;

pub fn check(site: &Site, files: &[OutputFile], findings: &mut Findings) {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut pages: Vec<String> = site
        .pages
        .iter()
        .map(|p| site.nodes[p.node].path.output_file(p.lang.as_str()))
        .collect();
    pages.extend(
        site.config
            .languages
            .iter()
            .map(|l| format!("{l}/print/index.html")),
    );
    for contact in &site.config.contacts {
        let mut links = Vec::new();
        if let Some(p) = &contact.phone {
            links.push(format!("tel:{}", p.e164));
        }
        if let Some(w) = &contact.whatsapp {
            links.push(format!("https://wa.me/{}", w.digits()));
        }
        for link in &links {
            let missing: Vec<&str> = pages
                .iter()
                .filter(|p| {
                    by_path
                        .get(p.as_str())
                        .is_none_or(|f| !has_link(&f.bytes, link.as_bytes()))
                })
                .map(String::as_str)
                .collect();
            if let Some(first) = missing.first() {
                findings.push(
                    Diagnostic::error(
                        "contacts/shown",
                        &site.config.path,
                        format!(
                            "{}: the link `{}` is missing from {} page(s), first {first}",
                            contact.name,
                            link,
                            missing.len()
                        ),
                    )
                    .with_help("the theme's templates must show every contact on every page (the help box) and in the booklet"),
                );
            }
        }
        if !contact.hours.is_empty() {
            let without: Vec<String> = site
                .config
                .languages
                .iter()
                .filter(|l| !contact.hours.contains_key(*l))
                .map(ToString::to_string)
                .collect();
            if !without.is_empty() {
                findings.push(
                    Diagnostic::error(
                        "contacts/hours",
                        &site.config.path,
                        format!(
                            "{}: opening hours are not given in {}",
                            contact.name,
                            without.join(", ")
                        ),
                    )
                    .with_help("add them under the contact's `hours` table, one line per language"),
                );
            }
        }
    }
}

/// The page links to `url` exactly (`tel:+52…` not followed by more digits), quoted or not.
fn has_link(page: &[u8], url: &[u8]) -> bool {
    page.windows(url.len() + 1).any(|w| {
        w[..url.len()] == *url && matches!(w[url.len()], b'"' | b'\'' | b' ' | b'>' | b'/')
    })
}

#[cfg(test)]
mod tests {
    use super::has_link;

    #[test]
    fn a_link_is_found_quoted_or_bare_but_not_inside_a_longer_number() {
        assert!(has_link(b"<a href=tel:+5255 >", b"tel:+5255"));
        assert!(has_link(b"<a href=\"tel:+5255\">", b"tel:+5255"));
        assert!(!has_link(b"<a href=tel:+52551>", b"tel:+5255"));
        assert!(!has_link(b"call tel:+5255", b"tel:+5255"));
    }
}
