//! Contacts: every contact of `site.toml` is shown, as a working `tel:` and `wa.me` link, on
//! every page of every language (and in the booklet), and its hours are given in every language
//! once they are given in one. The numbers themselves are checked as E.164 when the site loads.

use super::Findings;
use super::pages::BuiltPage;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::rules::id;
use std::collections::HashMap;

/// Checks that every built page shows each contact's phone and WhatsApp links, and that hours
/// given in one language are given in every language.
pub fn check(site: &Site, built: &[BuiltPage], findings: &mut Findings) {
    let by_path: HashMap<&str, &BuiltPage> = built.iter().map(|p| (p.path, p)).collect();
    let mut pages: Vec<String> = site
        .pages
        .iter()
        .map(|p| site.node(p.node).path.output_file(p.lang.as_str()))
        .collect();
    pages.extend(
        site.config
            .languages
            .iter()
            .map(|l| crate::files::booklet(l.as_str())),
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
                        .is_none_or(|page| !page.links_to(link))
                })
                .map(String::as_str)
                .collect();
            if let Some(first) = missing.first() {
                findings.push(
                    Diagnostic::error(
                        id::CONTACTS_SHOWN,
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
                        id::CONTACTS_HOURS,
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
