//! Passing the essentials on and leaving no trace: every page's Share button (the Web Share API
//! where there is one, else a WhatsApp link with the same text), and "remove this site from this
//! phone" on the stay-safe page. Checked in the built pages, and in headless Chromium from
//! `file://` and from a plain HTTP server.

use crate::common::browser::Browser;
use crate::common::static_server::StaticServer;
use crate::common::*;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// The text of a page's WhatsApp link, decoded.
fn whatsapp_text(html: &str) -> String {
    let href = attrs(html, "#share-page", "href");
    assert_eq!(href.len(), 1, "one Share button");
    let encoded = href[0]
        .strip_prefix("https://wa.me/?text=")
        .unwrap_or_else(|| panic!("a WhatsApp link: {}", href[0]));
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
        "every other character is percent-encoded: {encoded}"
    );
    let bytes: Vec<u8> = {
        let mut out = Vec::new();
        let b = encoded.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&encoded[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    };
    String::from_utf8(bytes).unwrap()
}

#[test]
fn every_page_has_a_share_link_with_its_key_points_in_its_language() {
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let text = whatsapp_text(&site.read("es/protection/asylum-mexico/index.html"));
    assert_eq!(
        text,
        "¿Qué es el asilo?\nTienes derecho a pedir asilo en México.\nKIND México: Llamar al +52 55 7100 1542 · WhatsApp +1 202 918 9431"
    );
    let en = whatsapp_text(&site.read("en/protection/asylum-mexico/index.html"));
    assert!(
        en.contains("KIND México: Call +52 55 7100 1542 · WhatsApp +1 202 918 9431"),
        "{en}"
    );
    // A K'iche' page shown in Spanish shares the Spanish words it shows.
    let quc = whatsapp_text(&site.read("quc/protection/asylum-mexico/index.html"));
    assert!(quc.starts_with("¿Qué es el asilo?\n"), "{quc}");
    for f in files(&site.out()) {
        let content_page = ["es/", "en/", "quc/", "mam/"]
            .iter()
            .any(|l| f.starts_with(l))
            && f.ends_with("index.html")
            && !["/print/", "/poster/", "/share/", "/search/"]
                .iter()
                .any(|s| f.contains(s));
        if content_page {
            let t = whatsapp_text(&site.read(&f));
            assert!(t.chars().count() < 600, "{f}: one short message: {t}");
            assert!(t.contains("+52 55 7100 1542"), "{f}: {t}");
        }
    }
    // With base_url, the page's address comes last, and the button carries it for the Web Share API.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", config.replace("# base_url = ", "base_url = "));
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/protection/asylum-mexico/index.html");
    let url = "https://example.org/amparo/es/protection/asylum-mexico/index.html";
    assert!(whatsapp_text(&html).ends_with(&format!("\n{url}")));
    assert_eq!(attrs(&html, "#share-page", "data-url"), vec![url]);
}

/// Calls `navigator.share` as a browser with the Web Share API would, keeping what it was given.
const STUB_SHARE: &str = "navigator.share = function (d) { window.__shared = d; return Promise.resolve(); }; document.getElementById('share-page').click(); return null;";

#[test]
fn the_share_button_gives_the_web_share_api_the_same_text_from_file_and_http() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", config.replace("# base_url = ", "base_url = "));
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let page = "es/protection/asylum-mexico/index.html";
    let server = StaticServer::start(site.out(), "127.0.0.1:0".parse().unwrap());
    let file_url = format!("file://{}", site.out().join(page).display());
    for url in [file_url, format!("http://{}/{page}", server.addr)] {
        browser.goto(&url);
        assert!(browser.wait_for("return document.readyState === 'complete'", WAIT));
        browser.eval(STUB_SHARE);
        assert!(
            browser.wait_for("return !!window.__shared", WAIT),
            "{url}: shared"
        );
        let shared = browser.eval("return window.__shared");
        assert_eq!(shared["title"], "¿Qué es el asilo?", "{url}");
        assert_eq!(
            shared["text"],
            "¿Qué es el asilo?\nTienes derecho a pedir asilo en México.\nKIND México: Llamar al +52 55 7100 1542 · WhatsApp +1 202 918 9431",
            "{url}"
        );
        assert_eq!(
            shared["url"], "https://example.org/amparo/es/protection/asylum-mexico/index.html",
            "{url}"
        );
        assert!(
            browser
                .eval("return location.href")
                .as_str()
                .unwrap()
                .ends_with(page),
            "{url}: the page stays open"
        );
    }
}

#[test]
fn remove_leaves_no_worker_no_cache_no_storage_and_offline_the_site_is_gone() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/help/stay-safe/index.html");
    // Without JavaScript the button is hidden and the page says what to do instead.
    assert_eq!(attrs(&html, "#remove-site[hidden]", "data-exit").len(), 1);
    assert_eq!(texts(&html, "#remove-site-manual").len(), 1);
    assert!(texts(&html, ".remove-site").join(" ").contains("historial"));
    assert!(
        attrs(
            &site.read("es/help/ask-for-help/index.html"),
            "#remove-site",
            "id"
        )
        .is_empty(),
        "only the page that asks for it"
    );

    let server = StaticServer::start(site.out(), "127.0.0.1:0".parse().unwrap());
    let base = format!("http://{}", server.addr);
    browser.goto(&format!("{base}/es/help/stay-safe/index.html"));
    // The worker saves the language, and the site keeps something in storage.
    let saved = "caches.keys().then(k => Promise.all(k.map(n => caches.open(n).then(c => c.keys())))).then(r => window.__n = r.flat().length); return (window.__n || 0) > 10;";
    assert!(browser.wait_for(saved, WAIT), "the worker saved pages");
    browser.eval(
        "localStorage.setItem('amparo-test', '1'); sessionStorage.setItem('s', '1'); return null;",
    );
    assert!(browser.wait_for("return !document.getElementById('remove-site').hidden && document.getElementById('remove-site-manual').hidden", WAIT));
    browser.eval("document.getElementById('remove-site').click(); return null;");
    assert!(
        browser.wait_for(
            "return location.href.endsWith('/assets/recipes.html')",
            WAIT
        ),
        "it leaves for the neutral page"
    );
    // What remains, read twice: right away, and after a save under way would have finished.
    let remains = || {
        browser.eval("window.__left = undefined; Promise.all([caches.keys(), navigator.serviceWorker.getRegistrations()]).then(function (x) { window.__left = x[0].length + ' caches, ' + x[1].length + ' workers'; }); return null;");
        assert!(browser.wait_for("return typeof window.__left === 'string'", WAIT));
        browser.eval("return window.__left")
    };
    assert_eq!(remains(), "0 caches, 0 workers");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(remains(), "0 caches, 0 workers", "nothing saved remains");
    assert_eq!(
        browser.eval("return localStorage.length + sessionStorage.length"),
        0,
        "no storage remains"
    );
    // No network now: the site no longer opens from the phone.
    server.stop();
    browser.eval(&format!(
        "location.href = '{base}/es/index.html'; return null;"
    ));
    assert!(browser.wait_for(
        "return !location.href.includes('recipes') && document.readyState === 'complete'",
        WAIT
    ));
    std::thread::sleep(Duration::from_millis(500));
    let shown = browser.eval("return document.body ? document.body.innerText : ''");
    assert!(
        !shown.as_str().unwrap_or("").contains("Salir rápido"),
        "offline, the site is gone: {shown}"
    );
}

#[test]
fn from_file_the_remove_button_still_leaves_for_the_neutral_page() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    browser.goto(&format!(
        "file://{}",
        site.out().join("es/help/stay-safe/index.html").display()
    ));
    assert!(browser.wait_for(
        "return !document.getElementById('remove-site').hidden",
        WAIT
    ));
    browser.eval("document.getElementById('remove-site').click(); return null;");
    assert!(browser.wait_for(
        "return location.href.endsWith('/assets/recipes.html')",
        WAIT
    ));
}
