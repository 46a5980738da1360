//! Languages: fallback chains decide which text a page shows, and Mayan orthography (where the
//! apostrophe is a letter) passes through every stage untouched.

use crate::common::*;

#[test]
fn each_language_reads_along_its_own_fallback_chain() {
    let site = Site::fixture("fallback-chain");
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    // quc → es → (default es) → en: a page in both is shown in Spanish.
    let quc = site.read("quc/both/index.html");
    assert_eq!(attrs(&quc, "article", "lang"), vec!["es"]);
    assert!(
        texts(&quc, "article")
            .join("")
            .contains("Texto en español.")
    );
    // mam → en → es: the same page is shown in English.
    let mam = site.read("mam/both/index.html");
    assert_eq!(attrs(&mam, "article", "lang"), vec!["en"]);
    // A page only in English reaches quc through the end of its chain.
    let only = site.read("quc/english-only/index.html");
    assert_eq!(attrs(&only, "article", "lang"), vec!["en"]);
    let notice = texts(&only, ".notice").join("");
    assert!(
        notice.contains("K'iche'") && notice.contains("English"),
        "{notice}"
    );
    // Spanish gets the English-only page too, with a notice in Spanish.
    let es = site.read("es/english-only/index.html");
    assert!(
        texts(&es, ".notice")
            .join("")
            .contains("todavía no está en Español"),
        "{es}"
    );
    // hreflang names only real translations.
    assert_eq!(
        attrs(
            &site.read("es/english-only/index.html"),
            "link[rel=alternate]",
            "hreflang"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        attrs(&quc, "link[rel=alternate]", "hreflang"),
        vec!["en", "es"]
    );
    // The interface text of quc and mam comes from their chains, and says so.
    assert_eq!(attrs(&quc, "body", "lang"), vec!["es"]);
    assert_eq!(attrs(&mam, "body", "lang"), vec!["en"]);
    assert_eq!(texts(&mam, ".skip"), vec!["Skip to content"]);
    let mam_report = report.languages.iter().find(|l| l.lang == "mam").unwrap();
    assert_eq!(mam_report.translated, 0);
    assert_eq!(mam_report.strings_borrowed, mam_report.strings);
}

#[test]
fn mayan_apostrophes_survive_markdown_templates_and_minifying() {
    let site = Site::fixture("mayan-apostrophes");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("quc/words/index.html");
    let title = texts(&html, "title").join("");
    assert!(title.starts_with("K'iche' tz'ib'"), "{title}");
    assert_eq!(texts(&html, "h1").join(""), "K'iche' tz'ib'");
    let body = texts(&html, "article p").join("");
    assert_eq!(body, "\"K'iche'\" 'q'ij' tz'ib' -- k'aslemal... ch'ab'al");
    assert!(
        !html.contains('’') && !html.contains('‘') && !html.contains('“'),
        "no typographic quotes replace letters"
    );
    assert_eq!(
        attrs(&html, "meta[name=description]", "content"),
        vec!["q'ij, k'aslemal"]
    );
    assert_eq!(attrs(&html, "article h2", "id"), vec!["tzib"]);
}

#[test]
fn a_translations_headings_take_the_spanish_ids_on_its_page_and_in_the_booklet() {
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\nweight = 1\n+++\n\n## Qué hacer\n\nTexto.\n\n## Pide ayuda {#ayuda}\n\nTexto.\n\n## Qué hacer\n\nOtra vez.\n",
    );
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\nweight = 1\n+++\n\n## What to do\n\nText.\n\n## Ask for help\n\nText.\n\n## What to do\n\nAgain.\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let ids = ["qué-hacer", "ayuda", "qué-hacer-2"];
    for page in ["es/guide/first/index.html", "en/guide/first/index.html"] {
        assert_eq!(
            attrs(&site.read(page), "article h2[id]", "id"),
            ids,
            "{page}"
        );
    }
    // In the booklet the headings are one level down, with the same ids.
    for booklet in ["es/print/index.html", "en/print/index.html"] {
        let html = site.read(booklet);
        let found = attrs(&html, "h3[id]", "id");
        assert!(found.windows(3).any(|w| w == ids), "{booklet}: {found:?}");
    }
}
