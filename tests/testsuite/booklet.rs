//! The booklet of a large language is split by top-level section: a contents page and one
//! booklet per section, each with its pages and the contacts, all reached by links that land
//! on files.

use crate::common::*;

#[test]
fn past_the_split_size_each_section_gets_its_own_booklet() {
    let site = Site::fixture("minimal");
    // Two more sections of 80 pages each: 160 pages with the fixture's own.
    for s in ["uno", "dos"] {
        site.write(
            &format!("content/{s}/_index.es.md"),
            format!("+++\ntitle = \"Sección {s}\"\n+++\nIntro {s}.\n"),
        );
        for p in 0..80 {
            site.write(
                &format!("content/{s}/p{p:02}.es.md"),
                format!("+++\ntitle = \"Página {s} {p}\"\nweight = {p}\n+++\nTexto {s} {p}.\n"),
            );
        }
    }
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let index = site.read("es/print/index.html");
    let parts = attrs(&index, ".toc a", "href");
    assert_eq!(parts.len(), 3, "{parts:?}");
    for href in &parts {
        assert!(site.out().join("es/print").join(href).is_file(), "{href}");
    }
    assert!(
        texts(&index, ".chapter-title").len() <= 1,
        "the contents page holds only home"
    );
    let uno = site.read("es/print/uno.html");
    let titles = texts(&uno, ".chapter-title");
    assert_eq!(titles.len(), 81, "the section and its 80 pages");
    assert!(titles[0].contains("Sección uno"));
    assert!(titles[80].contains("Página uno 79"));
    assert!(!uno.contains("Página dos 0<"), "only its own section");
    assert!(
        uno.contains("tel:+525571001542"),
        "the contacts close every booklet"
    );
    // English has few pages of its own but falls back to Spanish for the rest: it is split too.
    assert!(site.out().join("en/print/uno.html").is_file());
}

#[test]
fn a_small_language_keeps_one_booklet() {
    let site = Site::fixture("minimal");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let index = site.read("es/print/index.html");
    assert!(attrs(&index, ".toc a", "href").is_empty());
    assert!(texts(&index, ".chapter-title").len() >= 3);
    assert!(!site.out().join("es/print/guide.html").exists());
}

#[test]
fn a_content_h1_in_a_split_booklet_is_reported_on_its_source_line_not_as_a_theme_fault() {
    let site = Site::fixture("minimal");
    for p in 0..160 {
        site.write(
            &format!("content/uno/p{p:03}.es.md"),
            format!("+++\ntitle = \"Página {p}\"\nweight = {p}\n+++\nTexto {p}.\n"),
        );
    }
    site.write(
        "content/uno/_index.es.md",
        "+++\ntitle = \"Sección uno\"\n+++\nIntro.\n\n# Un título de más\n",
    );
    let report = amparo::check::check(&amparo::check::CheckOptions {
        root: site.root().to_path_buf(),
        include_drafts: false,
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let h1: Vec<_> = report
        .findings
        .iter()
        .filter(|d| d.code == "a11y/heading-h1")
        .map(|d| {
            (
                d.path.display().to_string(),
                d.span.as_ref().map(|s| s.line),
            )
        })
        .collect();
    assert_eq!(h1, [("content/uno/_index.es.md".to_string(), Some(6))]);
    let theme: Vec<String> = report
        .findings
        .iter()
        .filter(|d| d.code == "a11y/page")
        .map(|d| format!("{}: {}", d.path.display(), d.message))
        .collect();
    assert!(theme.is_empty(), "{theme:#?}");
    assert!(site.root().join("content/uno/p159.es.md").is_file());
}
