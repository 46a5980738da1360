//! Offline search: every language has a search page that lists every page A to Z without
//! JavaScript, and with it finds what a child types — misspelled, without accents — from
//! `file://` and from a plain HTTP server, in a language whose pages fall back too.

use crate::common::browser::Browser;
use crate::common::static_server::StaticServer;
use crate::common::*;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

#[test]
fn every_language_lists_every_page_a_to_z_without_javascript() {
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    for lang in ["es", "en", "quc", "mam"] {
        let html = site.read(&format!("{lang}/search/index.html"));
        let titles = texts(&html, ".az > li > a");
        assert_eq!(titles.len(), 14, "{lang}: every page: {titles:?}");
        let mut sorted = titles.clone();
        sorted.sort_by_key(|t| {
            t.to_lowercase()
                .replace(['¿', '¡'], "")
                .replace('á', "a")
                .replace('é', "e")
                .replace('í', "i")
                .replace('ó', "o")
                .replace('ú', "u")
        });
        assert_eq!(titles, sorted, "{lang}: A to Z");
        for href in attrs(&html, ".az a", "href") {
            let target = site.out().join(format!("{lang}/search")).join(&href);
            assert!(target.is_file(), "{lang}: {href}");
        }
        // The search box shows only with JavaScript, which also loads the index.
        assert_eq!(attrs(&html, "div.search[hidden]", "class").len(), 1);
        assert!(
            site.read(&format!("{lang}/search/index.js"))
                .starts_with("amparoSearch.index({")
        );
    }
    let quc = site.read("quc/search/index.html");
    assert_eq!(
        texts(&quc, ".az small").len(),
        14,
        "each page is marked as shown in Spanish"
    );
    assert!(texts(&quc, ".az small")[0].contains("Español"));
    // Every page links to its language's search page.
    let page = site.read("en/rights/no-detention/index.html");
    assert!(attrs(&page, ".foot a", "href").contains(&"../../search/index.html".to_string()));
    // The index is loaded by the search page only, when its box is first used.
    assert!(!page.contains("search/index.js"));
    let es = site.read("es/search/index.html");
    assert_eq!(
        attrs(&es, "script[data-index]", "data-index"),
        vec!["index.js"]
    );
    assert!(
        attrs(&es, "script", "src")
            .iter()
            .all(|s| !s.contains("index.js"))
    );
}

/// Types `text` into the search box as a child would, then returns the results' titles.
fn search(browser: &Browser, text: &str) -> Vec<String> {
    browser.eval(&format!(
        "var q = document.getElementById('q'); q.value = {}; q.dispatchEvent(new Event('input')); return null;",
        serde_json::to_string(text).unwrap()
    ));
    // The index loads when the box is first used; the results show once the parts of the
    // index the query needs have arrived.
    assert!(
        browser.wait_for(
            &format!(
                "return document.getElementById('results').getAttribute('data-for') === {}",
                serde_json::to_string(text).unwrap()
            ),
            WAIT
        ),
        "no results shown for {text}"
    );
    let titles = browser.eval(
        "return Array.from(document.querySelectorAll('#results li a')).map(a => a.textContent)",
    );
    titles
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| t.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_child_finds_asilo_by_typing_asilio_without_signal_from_file_and_http() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let server = StaticServer::start(site.out(), "127.0.0.1:0".parse().unwrap());
    let file = format!(
        "file://{}",
        site.out().join("es/search/index.html").display()
    );
    let http = format!("http://{}/es/search/index.html", server.addr);
    for url in [file, http] {
        browser.goto(&url);
        assert!(
            browser.wait_for("return !document.querySelector('div.search').hidden", WAIT),
            "{url}: the search box shows"
        );
        let found = search(&browser, "asilio");
        assert_eq!(
            found.first().map(String::as_str),
            Some("¿Qué es el asilo?"),
            "{url}: {found:?}"
        );
        // Without accents, in capitals, or half typed.
        for typed in ["proteccion", "PROTECCIÓN", "protec"] {
            let found = search(&browser, typed);
            assert_eq!(
                found.first().map(String::as_str),
                Some("Pedir protección"),
                "{url}: {typed}: {found:?}"
            );
        }
        // A wrong letter near the start, and two letters swapped, are forgiven as well.
        assert_eq!(
            search(&browser, "avogado"),
            search(&browser, "abogado"),
            "{url}"
        );
        assert_eq!(
            search(&browser, "aislo"),
            search(&browser, "asilo"),
            "{url}"
        );
        assert!(!search(&browser, "abogado").is_empty());
        // The words found are marked in a snippet of the page.
        search(&browser, "abogado");
        let marked = browser.eval("return Array.from(document.querySelectorAll('#results mark')).map(m => m.textContent.toLowerCase())");
        assert!(
            marked.as_array().is_some_and(|m| !m.is_empty()
                && m.iter()
                    .all(|w| w.as_str().unwrap_or("").starts_with("abogad"))),
            "{url}: {marked}"
        );
        // Two words must both be found; nonsense finds nothing, and says so.
        assert!(search(&browser, "xqzwv").is_empty());
        assert_eq!(
            browser.eval("return document.querySelector('#results li').textContent"),
            "No encontramos nada. Prueba con otra palabra."
        );
        // The link opens the page.
        search(&browser, "asilio");
        browser.eval("document.querySelector('#results li a').click(); return null;");
        assert!(
            browser.wait_for(
                "return location.href.endsWith('/es/protection/asylum-mexico/index.html')",
                WAIT
            ),
            "{url}: the result opens"
        );
    }
}

#[test]
fn search_works_in_a_language_whose_pages_fall_back_and_says_so() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    browser.goto(&format!(
        "file://{}",
        site.out().join("quc/search/index.html").display()
    ));
    assert!(browser.wait_for("return !document.querySelector('div.search').hidden", WAIT));
    let found = search(&browser, "asilo");
    assert_eq!(
        found.first().map(String::as_str),
        Some("¿Qué es el asilo?"),
        "{found:?}"
    );
    assert_eq!(
        browser.eval("return document.querySelector('#results li small').textContent"),
        " (en Español)"
    );
    // An apostrophe inside a word is one of its letters, as in K'iche' and Mam: a page written
    // in K'iche' (a word from the issue; test data, never published) is found by it, typed
    // with either apostrophe, and not by the letters after it alone.
    site.write(
        "content/rights/no-detention.quc.md",
        "+++\ntitle = \"K'aslemal\"\n+++\n\nK'aslemal.\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    browser.goto(&format!(
        "file://{}",
        site.out().join("quc/search/index.html").display()
    ));
    assert!(browser.wait_for("return !document.querySelector('div.search').hidden", WAIT));
    for typed in ["k'aslemal", "K’aslemal", "k'asle"] {
        assert_eq!(search(&browser, typed), vec!["K'aslemal"], "{typed}");
    }
    assert!(search(&browser, "aslemal").is_empty());
}

/// Nouns to start test titles with, one for each of several letters (test data, never
/// published), so a long A–Z list spreads over the alphabet.
const NOUNS: [&str; 8] = [
    "Abogado", "Barco", "Casa", "Escuela", "Familia", "Médico", "Río", "Tren",
];

/// The minimal site with `n` more pages in Spanish. Page `i` has the title "<noun> <i>", the
/// word "comun" and words of its own that no other page holds: `zq<letters of i>` (`zqbcei`),
/// and the same letters after `xv` and `yw`.
fn large_site(n: usize) -> Site {
    let site = Site::fixture("minimal");
    for i in 0..n {
        site.write(
            &format!("content/guide/p{i:03}.es.md"),
            format!(
                "+++\ntitle = \"{} {i}\"\ndescription = \"Página {i}.\"\n+++\n\nTexto comun de la página, con sus palabras {w}, xv{o} y yw{o}.\n",
                NOUNS[i % NOUNS.len()],
                w = own_word(i),
                o = &own_word(i)[2..],
            ),
        );
    }
    site.build().unwrap_or_else(|d| panic!("{d}"));
    site
}

/// The word only page `i` holds: `zq` and its digits as letters (`137` → `zqbcei`).
fn own_word(i: usize) -> String {
    format!("{i:04}")
        .bytes()
        .map(|d| (b'b' + (d - b'0')) as char)
        .fold("zq".to_string(), |mut s, c| {
            s.push(c);
            s
        })
}

#[test]
fn a_long_list_is_cut_into_stretches_of_the_alphabet_each_light() {
    let site = large_site(250);
    let index = site.read("es/search/index.html");
    let stretches = attrs(&index, ".az-nav a", "href");
    assert!(texts(&index, ".az > li").is_empty(), "the list is cut");
    assert_eq!(stretches.len(), 3, "254 pages, at most 100 a page");
    let labels = texts(&index, ".az-nav a");
    assert_eq!(
        labels.first().map(String::as_str),
        Some("A–E"),
        "{labels:?}"
    );
    let mut listed = Vec::new();
    for href in &stretches {
        let html = site.read(&format!("es/search/{href}"));
        let titles = texts(&html, ".az > li > a");
        assert!(titles.len() <= 100, "{href}: {}", titles.len());
        // Each stretch says which it is, and the list goes on from the one before.
        assert_eq!(
            attrs(&html, ".az-nav a[aria-current]", "href"),
            vec![href.clone()]
        );
        listed.extend(titles);
        let first_load = gzip_len(html.as_bytes());
        assert!(first_load < 10_000, "{href}: {first_load} bytes gzipped");
    }
    assert_eq!(
        listed.len(),
        254,
        "every page once: the home, the guide, its two and 250 more"
    );
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), listed.len());
    // A short list stays on one page.
    let small = Site::fixture("minimal");
    small.build().unwrap_or_else(|d| panic!("{d}"));
    let html = small.read("es/search/index.html");
    assert_eq!(texts(&html, ".az > li").len(), 4);
    assert!(attrs(&html, ".az-nav a", "href").is_empty());
}

/// The parts of the index the page has asked for, by folder: (t, n, p). (A browser keeps no
/// timing entry for a `file://` script, so the script elements are counted.)
fn parts_loaded(browser: &Browser) -> (usize, usize, usize) {
    let count = |dir: &str| {
        browser
            .eval(&format!(
                "return Array.from(document.scripts).filter(s => /^{dir}\\/\\d+\\.js$/.test(s.getAttribute('src'))).length"
            ))
            .as_u64()
            .unwrap_or(0) as usize
    };
    (count("t"), count("n"), count("p"))
}

#[test]
fn a_search_on_a_large_site_loads_only_the_parts_it_needs() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = large_site(250);
    let terms = std::fs::read_dir(site.out().join("es/search/t"))
        .unwrap()
        .count();
    let near = std::fs::read_dir(site.out().join("es/search/n"))
        .unwrap()
        .count();
    assert!(
        terms >= 3 && near > 6,
        "the index is cut: {terms} word parts, {near} typo parts"
    );
    let page = format!(
        "file://{}",
        site.out().join("es/search/index.html").display()
    );
    browser.goto(&page);
    assert!(browser.wait_for("return !document.querySelector('div.search').hidden", WAIT));
    let word = own_word(137);
    assert_eq!(search(&browser, &word), vec!["Barco 137"]);
    let (t, n, p) = parts_loaded(&browser);
    assert!(t < terms && n == 0 && p == 1, "loaded t {t}, n {n}, p {p}");
    // A letter wrong near the start, one missing, one extra, two swapped: each finds the word
    // through a few typo parts, never all of them.
    let wrong = format!("zx{}", &word[2..]);
    let missing = format!("z{}", &word[2..]);
    let extra = format!("{word}s");
    let swapped = format!("qz{}", &word[2..]);
    for typed in [wrong, missing, extra, swapped] {
        browser.goto(&page);
        assert!(browser.wait_for("return !document.querySelector('div.search').hidden", WAIT));
        assert_eq!(search(&browser, &typed), vec!["Barco 137"], "{typed}");
        let (t, n, p) = parts_loaded(&browser);
        assert!(
            (1..=4).contains(&n) && t < terms && p == 1,
            "{typed}: t {t}, n {n}, p {p}"
        );
    }
    // A word on every page shows ten, then ten more on request.
    browser.goto(&page);
    assert!(browser.wait_for("return !document.querySelector('div.search').hidden", WAIT));
    assert_eq!(search(&browser, "comun").len(), 10);
    assert_eq!(
        parts_loaded(&browser).2,
        10,
        "only the pages shown are loaded"
    );
    browser.eval("document.querySelector('#results li.more button').click(); return null;");
    assert!(browser.wait_for(
        "return document.querySelectorAll('#results li a').length === 20",
        WAIT
    ));
    assert_eq!(
        browser.eval("return document.querySelector('#results li.more button').textContent"),
        "Ver más"
    );
}
