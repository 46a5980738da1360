//! Page weight, on every site as the tests measure the bundled one: each page's first load (its
//! HTML, stylesheets and scripts, gzipped, as a server sends them) and the images it shows (the
//! bytes a phone fetches: the WebP where the page offers one), against `[check.budget]`.
//! Booklets are left out: they hold every page of a language, to print or save, by choice.

use super::Findings;
use super::pages::BuiltPage;
use crate::diagnostics::Diagnostic;
use crate::files::OutputFile;
use crate::model::Site;
use crate::rules::id;
use std::collections::HashMap;
use std::io::Write;

/// One thing a page loads, and its bytes as counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// Its output path: `assets/style.1a2b3c4d.css`, `media/girl.jpg.webp`.
    pub path: String,
    /// Bytes: gzipped for HTML, CSS and JS; as they are for images.
    pub bytes: u64,
}

/// What one page weighs.
#[derive(Debug, Clone, Default)]
pub struct Weight {
    /// The page itself and its stylesheets and scripts, gzipped.
    pub first_load: Vec<Resource>,
    /// Its images, as a phone fetches them.
    pub images: Vec<Resource>,
}

impl Weight {
    fn total(list: &[Resource]) -> u64 {
        list.iter().map(|r| r.bytes).sum()
    }
}

/// The heaviest page by first load and by images, with the budgets, for the check's report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WeightSummary {
    /// `[check.budget]`, in bytes.
    pub budget: Option<crate::load::Budget>,
    /// The page with the heaviest first load, and its bytes.
    pub first_load: Option<(String, u64)>,
    /// The page with the heaviest images, and their bytes.
    pub images: Option<(String, u64)>,
}

impl WeightSummary {
    /// Two lines: each heaviest page against its budget.
    pub fn text(&self) -> String {
        let line = |what: &str, page: &Option<(String, u64)>, limit: Option<u64>| match page {
            Some((p, b)) => format!(
                "  heaviest {what}: {} ({p}); budget {}\n",
                kb(*b),
                limit.map(kb).unwrap_or_default()
            ),
            None => format!("  heaviest {what}: none\n"),
        };
        let b = self.budget;
        line("first load", &self.first_load, b.map(|b| b.first_load))
            + &line("images", &self.images, b.map(|b| b.images))
    }
}

/// Warns of every page over either budget, naming its three largest resources.
pub fn check(
    site: &Site,
    files: &[OutputFile],
    built: &[BuiltPage],
    findings: &mut Findings,
) -> WeightSummary {
    let budget = site.config.check.budget;
    let weights = weigh(site, files, built);
    let mut summary = WeightSummary {
        budget: Some(budget),
        ..Default::default()
    };
    let heavier = |slot: &mut Option<(String, u64)>, page: &str, bytes: u64| {
        if slot.as_ref().is_none_or(|(_, b)| bytes > *b) {
            *slot = Some((page.to_string(), bytes));
        }
    };
    for (page, w) in weights {
        let first = Weight::total(&w.first_load);
        heavier(&mut summary.first_load, page, first);
        if !w.images.is_empty() {
            heavier(&mut summary.images, page, Weight::total(&w.images));
        }
        if first > budget.first_load {
            findings.push(over(
                id::BUDGET_FIRST_LOAD,
                page,
                "first load (HTML, CSS and JavaScript, gzipped)",
                first,
                budget.first_load,
                &w.first_load,
                "shorten the page or split it in two; large tables and long lists weigh most",
            ));
        }
        let images = Weight::total(&w.images);
        if images > budget.images {
            findings.push(over(id::BUDGET_IMAGES, page, "images", images, budget.images, &w.images, "use fewer or smaller images, or lower `[images] quality` in site.toml; an icon weighs far less than a photo"));
        }
    }
    summary
}

fn over(
    rule: &'static str,
    page: &str,
    what: &str,
    total: u64,
    limit: u64,
    list: &[Resource],
    help: &str,
) -> Diagnostic {
    let mut largest: Vec<&Resource> = list.iter().collect();
    largest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.path.cmp(&b.path)));
    let named: Vec<String> = largest
        .iter()
        .take(3)
        .map(|r| format!("{} ({})", r.path, kb(r.bytes)))
        .collect();
    Diagnostic::warning(
        rule,
        page,
        format!(
            "the page's {what}: {}, over the budget of {}; largest: {}",
            kb(total),
            kb(limit),
            named.join(", ")
        ),
    )
    .with_help(format!(
        "{help}; `[check.budget]` in site.toml sets the limits"
    ))
}

/// `13.2 KB`.
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// The weight of every page but the booklets, by output path.
pub fn weigh<'a>(
    site: &Site,
    files: &[OutputFile],
    built: &'a [BuiltPage],
) -> Vec<(&'a str, Weight)> {
    let by_path: HashMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let media: HashMap<String, u64> = site
        .assets
        .iter()
        .flat_map(|a| &a.published)
        .map(|m| (crate::files::media(&m.rel), m.bytes))
        .collect();
    let mut gzipped: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::new();
    for page in built {
        if site
            .config
            .languages
            .iter()
            .any(|l| crate::files::is_booklet(page.path, l.as_str()))
        {
            continue;
        }
        let mut w = Weight::default();
        if let Some(f) = by_path.get(page.path) {
            w.first_load.push(Resource {
                path: page.path.to_string(),
                bytes: gzip_len(&f.bytes),
            });
        }
        for (sel, attr) in [("link[rel~=stylesheet]", "href"), ("script[src]", "src")] {
            for href in select(page, sel, attr) {
                let Some(path) = crate::page_path::resolve_href(page.path, &href) else {
                    continue;
                };
                let Some(f) = by_path.get(path.as_str()) else {
                    continue;
                };
                let bytes = *gzipped
                    .entry(path.clone())
                    .or_insert_with(|| gzip_len(&f.bytes));
                w.first_load.push(Resource { path, bytes });
            }
        }
        w.images = images(page, &media);
        out.push((page.path, w));
    }
    out
}

/// The images a page shows: for a `<picture>`, the WebP it offers (what a phone fetches), else
/// the `<img>`'s own file. Files outside `media/` (the theme's icons) are not counted.
fn images(page: &BuiltPage, media: &HashMap<String, u64>) -> Vec<Resource> {
    let mut out = Vec::new();
    let Ok(img) = scraper::Selector::parse("img[src]") else {
        return out;
    };
    for e in page.doc.select(&img) {
        let webp = e
            .parent()
            .and_then(scraper::ElementRef::wrap)
            .filter(|p| p.value().name() == "picture")
            .and_then(|p| {
                p.children()
                    .filter_map(scraper::ElementRef::wrap)
                    .find(|s| {
                        s.value().name() == "source" && s.value().attr("type") == Some("image/webp")
                    })
                    .and_then(|s| s.value().attr("srcset"))
            });
        let href = webp.or(e.value().attr("src")).unwrap_or_default();
        let Some(path) = crate::page_path::resolve_href(page.path, href) else {
            continue;
        };
        if let Some(&bytes) = media.get(&path) {
            out.push(Resource { path, bytes });
        }
    }
    out
}

fn select(page: &BuiltPage, sel: &str, attr: &str) -> Vec<String> {
    let Ok(s) = scraper::Selector::parse(sel) else {
        return Vec::new();
    };
    page.doc
        .select(&s)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Bytes once gzipped at the level servers use (6).
pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = enc.write_all(bytes);
    enc.finish().map_or(bytes.len() as u64, |v| v.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_from_the_page_folder() {
        assert_eq!(
            crate::page_path::resolve_href(
                "es/rights/asylum/index.html",
                "../../../assets/style.css"
            )
            .as_deref(),
            Some("assets/style.css")
        );
        assert_eq!(
            crate::page_path::resolve_href("es/index.html", "../media/a%20b.jpg.webp#x").as_deref(),
            Some("media/a b.jpg.webp")
        );
        assert_eq!(
            crate::page_path::resolve_href("index.html", "../x.css"),
            None
        );
        assert_eq!(
            crate::page_path::resolve_href("index.html", "https://e.org/x.css"),
            None
        );
    }

    #[test]
    fn the_largest_three_are_named_largest_first() {
        let list: Vec<Resource> = [("a", 10), ("b", 3000), ("c", 2000), ("d", 5000)]
            .iter()
            .map(|(p, b)| Resource {
                path: p.to_string(),
                bytes: *b,
            })
            .collect();
        let d = over(
            id::BUDGET_IMAGES,
            "es/index.html",
            "images",
            10010,
            100,
            &list,
            "h",
        );
        assert!(
            d.message
                .ends_with("largest: d (4.9 KB), b (2.9 KB), c (2.0 KB)"),
            "{}",
            d.message
        );
        assert!(
            d.message
                .contains("images: 9.8 KB, over the budget of 0.1 KB")
        );
    }
}
