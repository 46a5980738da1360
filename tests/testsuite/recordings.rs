//! The recording kit: `amparo translate script` and the recordings saved under the names it
//! gives, played on pages that have no text in the recording's language yet, and listed or
//! flagged by `amparo check`.

use crate::common::*;
use std::path::Path;
use std::time::{Duration, SystemTime};

fn script(root: &Path, lang: &str) -> String {
    let o = amparo_at(root, &["translate", "script", "--lang", lang]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// The section of the script for the page whose title is `title`.
fn section(html: &str, title: &str) -> scraper::Html {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("section").unwrap();
    let h2 = scraper::Selector::parse("h2").unwrap();
    let found = doc
        .select(&sel)
        .find(|s| {
            s.select(&h2)
                .next()
                .is_some_and(|h| h.text().collect::<String>().ends_with(title))
        })
        .unwrap_or_else(|| panic!("no section for {title}"));
    scraper::Html::parse_fragment(&found.html())
}

#[test]
fn the_script_numbers_every_part_and_names_the_file_the_build_plays() {
    let site = Site::fixture(".");
    let html = script(site.root(), "mam");
    assert_eq!(texts(&html, "h1"), ["Guion para grabar en Mam"]);
    // Every page, in reading order, the home page first.
    let pages = texts(&html, "h2");
    assert_eq!(pages.len(), 14, "{pages:?}");
    assert_eq!(pages[0], "1. Tus derechos, en palabras simples");
    let page = section(&html, "¿Cómo pido ayuda?");
    let page = page.html();
    // 24 parts, as `untranslated` numbers them: the title first, each marked to interpret.
    let parts = texts(&page, "li");
    assert_eq!(parts.len(), 24);
    assert_eq!(parts[0], "Interpreta esto en Mam: ¿Cómo pido ayuda?");
    assert!(
        parts
            .iter()
            .all(|p| p.starts_with("Interpreta esto en Mam: "))
    );
    // Links are read as their words: the number, not its `tel:` address.
    assert!(
        parts
            .iter()
            .any(|p| p.ends_with("Llama desde México: 55 7100 1542")),
        "{parts:?}"
    );
    let file = texts(&page, ".save code");
    assert_eq!(file, ["content/help/ask-for-help.mam.mp3"]);
    assert!(page.contains("(falta grabarla)"));

    // A recording saved under that name plays on the Mam page, labelled in Mam, over the
    // Spanish text; nowhere else.
    site.write(&file[0], b"ID3 not really a recording");
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let table = report.translation_table();
    assert!(
        table.contains("(14 shown in es), 1/14 recorded;"),
        "{table}"
    );
    let mam = site.read("mam/help/ask-for-help/index.html");
    assert_eq!(attrs(&mam, "article", "lang"), ["es"]);
    assert_eq!(texts(&mam, ".listen-title"), ["Escuchar: Mam"]);
    assert_eq!(attrs(&mam, ".listen-title span span", "lang"), ["mam"]);
    assert_eq!(attrs(&mam, ".listen audio", "lang"), ["mam"]);
    let src = attrs(&mam, ".listen audio", "src");
    assert_eq!(src, ["../../../media/help/ask-for-help.mam.mp3"]);
    assert!(
        site.out()
            .join("mam/help/ask-for-help")
            .join(&src[0])
            .is_file()
    );
    for other in ["es", "quc", "en"] {
        let page = site.read(&format!("{other}/help/ask-for-help/index.html"));
        assert!(attrs(&page, ".listen audio", "src").is_empty(), "{other}");
    }
    // The Mam home lists it among the pages to listen to.
    let home = site.read("mam/index.html");
    assert_eq!(texts(&home, ".listen-list a"), ["¿Cómo pido ayuda?"]);
    // The script now says it is recorded, and check counts it.
    let again = section(&script(site.root(), "mam"), "¿Cómo pido ayuda?").html();
    assert!(again.contains("(ya está grabada)"), "{again}");
    let check = amparo_at(site.root(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let mam = language_table(&json, "mam");
    assert_eq!(mam["recordings"]["recorded"], 1, "{mam}");
    let missing = mam["recordings"]["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 13);
    assert_eq!(missing[0], "(home)");
    assert!(!missing.contains(&"help/ask-for-help".into()));
}

#[test]
fn a_translated_part_is_read_in_its_language_and_a_home_recording_is_found() {
    let site = Site::fixture(".");
    let page = "content/help/stay-safe.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    let title = text
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    site.write(
        "content/help/stay-safe.mam.md",
        text.replacen(
            &format!("title = \"{title}\""),
            &format!("untranslated = [2]\ntitle = \"[mam] {title}\""),
            1,
        ),
    );
    let html = script(site.root(), "mam");
    let page = section(&html, &title).html();
    let own = attrs(&page, "li[lang=mam]", "lang");
    // The file lists only the description (2) as untranslated: every other part is read as the
    // page's own words, the description in Spanish, to interpret.
    assert_eq!(texts(&page, "li")[0], format!("[mam] {title}"));
    assert_eq!(own.len(), texts(&page, "li").len() - 1, "{page}");
    assert!(
        texts(&page, "li")[1].starts_with("Interpreta esto en Mam: "),
        "{page}"
    );
    site.write("content/_index.mam.m4a", b"not really a recording");
    let html = script(site.root(), "mam");
    let home = section(&html, "Tus derechos, en palabras simples").html();
    assert_eq!(texts(&home, ".save code"), ["content/_index.mam.mp3"]);
    assert!(home.contains("(ya está grabada)"), "{home}");
}

#[test]
fn a_recording_older_than_its_text_is_flagged_until_it_is_touched() {
    let site = Site::fixture(".");
    let rec = "content/rights/no-detention.mam.mp3";
    site.write(rec, b"not really a recording");
    let day_ago = SystemTime::now() - Duration::from_secs(86_400);
    let set = |when: SystemTime| {
        std::fs::File::options()
            .write(true)
            .open(site.root().join(rec))
            .unwrap()
            .set_modified(when)
            .unwrap();
    };
    set(day_ago);
    let check = amparo_at(site.root(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(out.contains("warning[recordings/stale]"), "{out}");
    assert!(
        out.contains(
            "saved before content/rights/no-detention.es.md last changed (1 day after it)"
        ),
        "{out}"
    );
    set(SystemTime::now());
    let check = amparo_at(site.root(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(!out.contains("recordings/stale"), "{out}");
}

#[test]
fn a_recording_named_for_no_page_is_named_with_the_likely_name() {
    let site = Site::fixture(".");
    site.write(
        "content/rights/no-detencion.mam.ogg",
        b"not really a recording",
    );
    let check = amparo_at(site.root(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(out.contains("content/rights/no-detencion.mam.ogg"), "{out}");
    assert!(out.contains("warning[recordings/unmatched]"), "{out}");
    assert!(
        out.contains("did you mean content/rights/no-detention.mam.ogg?"),
        "{out}"
    );
    // A file that only looks like one, in no language of the site, is left alone.
    site.remove("content/rights/no-detencion.mam.ogg");
    site.write("content/rights/song.fr.mp3", b"not really a recording");
    let check = amparo_at(site.root(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(!out.contains("recordings/unmatched"), "{out}");
}
