//! End to end in headless Chromium: an open page reloads by itself after an edit and keeps its
//! scroll position, and shows the error overlay while a file is broken.

use crate::common::browser::Browser;
use crate::common::*;
use amparo::serve::Server;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

#[test]
fn an_open_page_reloads_by_itself_shows_problems_and_keeps_its_place() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    let server = Server::start(site.serve_options(), |_| {}).unwrap();
    let page = "content/rights/best-interests.en.md";
    browser.goto(&format!(
        "http://{}/en/rights/best-interests/index.html",
        server.addr()
    ));
    assert!(browser.wait_for("return document.readyState === 'complete'", WAIT));
    // Mark this page instance, then wait for the live script's stream to be open.
    browser.eval("window.scrollTo(0, 400); window.__sameInstance = true; return null;");
    assert!(
        browser.wait_for(
            "return document.documentElement.getAttribute('data-amparo-live') === 'open'",
            WAIT
        ),
        "the live-reload stream opens"
    );

    let original = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(
        page,
        original.replacen("## ", "A sentence added while the page was open.\n\n## ", 1),
    );
    assert!(
        browser.wait_for("return !window.__sameInstance && document.body.innerText.includes('A sentence added while the page was open.')", WAIT),
        "the page reloaded by itself with the new text"
    );
    let y = browser.eval("return window.scrollY").as_f64().unwrap();
    // Kept: at 400, or a little lower when the browser keeps the same text in view after the
    // sentence added above it.
    assert!((398.0..600.0).contains(&y), "scroll position kept, got {y}");

    site.write(page, original.replacen("title = ", "titel = ", 1));
    assert!(browser.wait_for("var o = document.getElementById('amparo-overlay'); return !!o && o.innerText.includes('content/rights/best-interests.en.md') && o.innerText.includes('did you mean `title`?')", WAIT), "the overlay names the file and the fix");
    assert!(
        browser
            .eval("return document.querySelector('article h1').innerText")
            .as_str()
            .unwrap()
            .contains("best"),
        "the last good page stays underneath"
    );

    site.write(page, &original);
    assert!(browser.wait_for("return !document.getElementById('amparo-overlay') && document.readyState === 'complete'", WAIT), "fixing the file clears the overlay");
    server.stop();
}

#[test]
fn shift_three_times_leaves_for_the_neutral_page_and_back_skips_it() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let out = site.out().display().to_string();
    let home = format!("file://{out}/es/index.html");
    let page = format!("file://{out}/es/rights/best-interests/index.html");
    browser.goto(&home);
    browser.goto(&page);
    assert!(browser.wait_for("return document.readyState === 'complete'", WAIT));
    const SHIFT: &str = "\u{E008}";
    browser.press(SHIFT);
    let status = browser.eval("return document.getElementById('quick-exit-status').textContent");
    assert_eq!(status.as_str(), Some("Pulsa Shift 2 veces más para salir."));
    // Any other key starts the count again.
    browser.press("a");
    browser.press(SHIFT);
    browser.press(SHIFT);
    let here = browser.eval("return location.href");
    assert!(
        here.as_str()
            .unwrap()
            .ends_with("best-interests/index.html"),
        "two presses after a reset do not leave"
    );
    browser.press(SHIFT);
    assert!(
        browser.wait_for("return location.href.endsWith('assets/recipes.html')", WAIT),
        "the third press leaves"
    );
    assert_eq!(
        browser.eval("return document.title").as_str(),
        Some("Recetas fáciles")
    );
    // The page that was left was replaced in the history, not kept: Back skips it.
    browser.back();
    let back = "return location.href.endsWith('/es/index.html') && document.body.hidden === false && document.readyState === 'complete'";
    assert!(
        browser.wait_for(back, WAIT),
        "Back goes to the page before, shown normally"
    );
    // The button does the same.
    browser.goto(&page);
    browser.eval("document.getElementById('quick-exit').click(); return null;");
    assert!(browser.wait_for("return location.href.endsWith('assets/recipes.html')", WAIT));
}

/// Counts the entries of every cache (a promise's result is read on the next poll).
/// How many Spanish pages (`/es/….html`) the worker's caches hold: pages, not every entry.
const SAVED: &str = "caches.keys().then(k => Promise.all(k.map(n => caches.open(n).then(c => c.keys())))).then(r => window.__saved = r.flat().filter(q => { var p = new URL(q.url).pathname; return p.startsWith('/es/') && p.endsWith('.html'); }).length); return window.__saved || 0;";

#[test]
fn after_one_visit_every_page_of_the_language_reads_offline_and_a_rebuild_replaces_it() {
    use crate::common::static_server::StaticServer;
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let server = StaticServer::start(site.out(), "127.0.0.1:0".parse().unwrap());
    let addr = server.addr;
    let base = format!("http://{addr}");
    browser.goto(&format!("{base}/es/index.html"));
    let es_pages = files(&site.out())
        .iter()
        .filter(|f| f.starts_with("es/") && f.ends_with(".html"))
        .count() as u64;
    let enough = SAVED.replace(
        "return window.__saved || 0;",
        &format!("return (window.__saved || 0) >= {es_pages};"),
    );
    assert!(
        browser.wait_for(&enough, WAIT),
        "the worker saved the Spanish pages: {}",
        browser.eval(SAVED)
    );

    // No network: every Spanish page still opens, and an unsaved one shows the offline page.
    server.stop();
    for f in files(&site.out())
        .iter()
        .filter(|f| f.starts_with("es/") && f.ends_with("index.html"))
    {
        browser.goto(&format!("{base}/{f}"));
        let h1 = browser.eval(
            "return document.querySelector('h1') ? document.querySelector('h1').innerText : ''",
        );
        // The page itself, not the "you are offline" page, which has an h1 too.
        let built = std::fs::read_to_string(site.out().join(f)).unwrap();
        let expected = texts(&built, "h1").join("");
        assert!(!expected.trim().is_empty(), "{f} has a title");
        assert_eq!(
            h1.as_str().unwrap_or("").trim(),
            expected.trim(),
            "{f} did not open offline as itself"
        );
    }
    browser.goto(&format!("{base}/en/index.html"));
    let title = browser
        .eval("return document.title")
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(
        !title.contains("Amparo: your rights"),
        "English was never visited, so it is not saved: {title}"
    );
    browser.goto(&format!("{base}/es/no-such-page.html"));
    assert_eq!(
        browser
            .eval("return document.querySelector('h1').innerText")
            .as_str(),
        Some("Estás sin internet")
    );

    // A rebuild with new text: back online, a reload shows it and old caches are gone.
    let page = "content/rights/best-interests.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(
        page,
        text.replacen("## ", "Texto de la nueva versión.\n\n## ", 1),
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let _server = StaticServer::start(site.out(), addr);
    browser.goto(&format!("{base}/es/rights/best-interests/index.html"));
    assert!(
        browser.wait_for(
            "return document.body.innerText.includes('Texto de la nueva versión.')",
            WAIT
        ),
        "online, the new text shows"
    );
    let version = std::fs::read_to_string(site.out().join("sw.js")).unwrap();
    let version = version
        .split("const VERSION = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let only_new = format!(
        "caches.keys().then(k => window.__keys = k); return !!window.__keys && window.__keys.length > 0 && window.__keys.every(n => n.startsWith('amparo-{version}-'));"
    );
    assert!(
        browser.wait_for(&only_new, WAIT),
        "the old build's caches are deleted: {}",
        browser.eval("return window.__keys")
    );
}

#[test]
fn the_booklet_prints_every_chapter_and_the_contact_numbers() {
    let site = Site::fixture(".");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let Some(text) = crate::common::browser::print_to_text(&format!(
        "file://{}/es/print/index.html",
        site.out().display()
    )) else {
        return;
    };
    let booklet = site.read("es/print/index.html");
    for title in texts(&booklet, ".chapter-title") {
        assert!(
            text.contains(title.trim()),
            "the PDF lacks the chapter {title:?}"
        );
    }
    assert!(
        text.contains("+52 55 7100 1542") && text.contains("+1 202 918 9431"),
        "the PDF lacks the contact numbers"
    );
    assert!(
        !text.contains("Todos los idiomas")
            && !text.contains("Imprimir todo")
            && !text.contains("Saltar al contenido"),
        "no navigation chrome on paper"
    );
}

#[test]
fn the_poster_prints_on_one_sheet_of_a4_and_of_letter() {
    let site = Site::fixture(".");
    let path = site.root().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "theme = \"default\"",
            "theme = \"default\"\nbase_url = \"https://amparo.example.org/derechos/\"",
            1,
        ),
    )
    .unwrap();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let Some(browser) = Browser::start() else {
        return;
    };
    for lang in ["es", "en"] {
        browser.goto(&format!(
            "file://{}/{lang}/poster/index.html",
            site.out().display()
        ));
        for (paper, w, h) in [("A4", 21.0, 29.7), ("Letter", 21.59, 27.94)] {
            let pdf = browser.print_pdf(w, h);
            assert_eq!(
                crate::common::browser::pdf_pages(&pdf),
                1,
                "the {lang} poster takes more than one {paper} sheet"
            );
        }
    }
}

/// A tenth of a second of silence: 8 kHz, 8-bit, mono PCM.
fn silence_wav() -> Vec<u8> {
    let data = vec![128u8; 800];
    let mut w = Vec::new();
    w.extend_from_slice(b"RIFF");
    w.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    w.extend_from_slice(b"WAVEfmt ");
    w.extend_from_slice(&16u32.to_le_bytes());
    w.extend_from_slice(&1u16.to_le_bytes()); // PCM
    w.extend_from_slice(&1u16.to_le_bytes()); // mono
    w.extend_from_slice(&8000u32.to_le_bytes());
    w.extend_from_slice(&8000u32.to_le_bytes());
    w.extend_from_slice(&1u16.to_le_bytes());
    w.extend_from_slice(&8u16.to_le_bytes());
    w.extend_from_slice(b"data");
    w.extend_from_slice(&(data.len() as u32).to_le_bytes());
    w.extend_from_slice(&data);
    w
}

#[test]
fn a_recording_is_saved_for_offline_only_when_the_child_asks() {
    use crate::common::static_server::StaticServer;
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::fixture(".");
    let page = "content/rights/no-detention.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(
        page,
        text.replacen("+++\n", "+++\naudio = \"no-detention.es.wav\"\n", 1),
    );
    site.write("content/rights/no-detention.es.wav", silence_wav());
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let server = StaticServer::start(site.out(), "127.0.0.1:0".parse().unwrap());
    let base = format!("http://{}", server.addr);
    browser.goto(&format!("{base}/es/rights/no-detention/index.html"));
    assert!(
        browser.wait_for(
            "const b = document.querySelector('.save-audio'); return !!b && !b.hidden;",
            WAIT
        ),
        "the save button shows where a worker runs"
    );
    let audio = browser
        .eval("return new URL(document.querySelector('.save-audio').getAttribute('data-src'), location.href).href")
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        audio.ends_with("media/rights/no-detention.es.wav"),
        "{audio}"
    );
    // Whether the recording is in any cache, asked of the page (the answer comes back async).
    let probe = format!(
        "caches.match('{audio}').then(r => window.__audio = r ? 'yes' : 'no'); return window.__audio || '';"
    );
    let saved = || -> String {
        browser.eval("window.__audio = ''; return null;");
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(v) = browser.eval(&probe).as_str().filter(|v| !v.is_empty()) {
                return v.to_string();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no answer from the caches"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // The pages are saved after the first visit; the recording is not.
    let pages = SAVED.replace(
        "return window.__saved || 0;",
        "return (window.__saved || 0) > 10;",
    );
    assert!(browser.wait_for(&pages, WAIT), "the pages are saved");
    assert_eq!(saved(), "no", "a recording is saved only when asked");
    browser.eval("document.querySelector('.save-audio').click(); return null;");
    assert_eq!(
        browser
            .eval("return document.querySelector('.save-audio').textContent")
            .as_str(),
        Some("Guardado")
    );
    let deadline = std::time::Instant::now() + WAIT;
    while saved() != "yes" {
        assert!(
            std::time::Instant::now() < deadline,
            "the recording is saved after the child asks"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Without the network it still plays from the saved copy.
    server.stop();
    let offline = format!(
        "fetch('{audio}').then(r => r.arrayBuffer()).then(b => window.__len = b.byteLength).catch(() => window.__len = -1); return window.__len || 0;"
    );
    assert!(
        browser.wait_for(
            &offline.replace("return window.__len || 0;", "return window.__len === 844;"),
            WAIT
        ),
        "offline, the recording comes from the saved copy: {}",
        browser.eval(&offline)
    );
}
