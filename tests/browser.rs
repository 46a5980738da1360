//! End to end in headless Chromium: an open page reloads by itself after an edit and keeps its
//! scroll position, and shows the error overlay while a file is broken.

mod common;
use amparo::serve::Server;
use common::browser::Browser;
use common::*;
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
    // The live script's stream is open once the page has loaded; mark this page instance.
    browser.eval("window.scrollTo(0, 400); window.__sameInstance = true; return null;");
    std::thread::sleep(Duration::from_millis(300));

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
