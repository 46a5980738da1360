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
