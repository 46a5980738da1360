//! Search, measured in a real browser beside Pagefind on the same built site: the bytes one
//! search downloads and the time it takes to answer, in headless Chromium with its CPU slowed
//! (4× by default, a cheap phone), over HTTP on loopback.
//!
//! `cargo run --release --example search_bench -- --site public [--lang es] [--rate 4]
//! [--rounds 3]`, after `pagefind --site public` made `public/pagefind/`; `bench/search.sh`
//! does it all.
//!
//! The queries come from the site's own words, by how many pages hold them: common to rare
//! words, their first three or four letters as typed so far, the same words with a letter
//! wrong, and two words together. Each query runs on a freshly opened page with the browser's
//! cache off ("first": what the first search costs, index loading included), then the next
//! query on the same page ("next"). Bytes are what the query made the page fetch, each file
//! counted gzipped (or as it is, when it is already compressed, as Pagefind's are); amparo's
//! `search.js` is counted although the search page loads it itself.

// A benchmark stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[allow(dead_code)]
mod common;

// The tests' real browser and static server.
#[path = "../tests/common/browser.rs"]
mod browser;
#[path = "../tests/common/http.rs"]
mod http;
#[path = "../tests/common/static_server.rs"]
mod static_server;

/// Whether a tool the benchmark needs is here.
fn tool_present(found: bool, what: &str, install: &str) -> bool {
    if !found {
        eprintln!("{what} is missing: install {install}");
    }
    found
}

use browser::Browser;
use common::arg;
use serde_json::json;
use static_server::StaticServer;
use std::path::{Path, PathBuf};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

/// Runs a query on the open page: the time until its results show, and how many.
type Query = fn(&Browser, &str) -> (f64, usize);

/// One tool's figures over every query.
#[derive(Default)]
struct Figures {
    first_ms: Vec<f64>,
    next_ms: Vec<f64>,
    again_ms: Vec<f64>,
    bytes: Vec<usize>,
    found: usize,
}

fn main() {
    let site = PathBuf::from(arg("--site").expect("--site DIR: a built site"));
    let lang = arg("--lang").unwrap_or_else(|| "es".into());
    let rate: f64 = arg("--rate").and_then(|r| r.parse().ok()).unwrap_or(4.0);
    let rounds: usize = arg("--rounds").and_then(|r| r.parse().ok()).unwrap_or(3);
    assert!(
        site.join("pagefind/pagefind.js").is_file(),
        "run pagefind --site {} first",
        site.display()
    );
    let queries = queries(&site, &lang);
    std::fs::write(site.join("pagefind-bench.html"), bench_page(&lang)).expect("write bench page");
    // Without the offline worker, which would save the language's pages meanwhile: a search is
    // measured, not a first visit's saving. It is put back at the end.
    let worker = site.join("sw.js");
    let aside = site.join("sw.js.aside");
    if worker.exists() {
        std::fs::rename(&worker, &aside).expect("set the worker aside");
    }
    let server = StaticServer::start(site.clone(), "127.0.0.1:0".parse().unwrap());
    let browser = Browser::start().expect("chromium and chromedriver");
    browser.cdp("Network.enable", json!({}));
    browser.cdp("Network.setCacheDisabled", json!({"cacheDisabled": true}));

    let mut ours = Figures::default();
    let mut theirs = Figures::default();
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let next = &queries[(i + 1) % queries.len()];
            let tools: [(String, &mut Figures, Query); 2] = [
                (format!("{lang}/search/index.html"), &mut ours, amparo_query),
                ("pagefind-bench.html".into(), &mut theirs, pagefind_query),
            ];
            for (page, figures, run) in tools {
                let url = format!("http://{}/{page}", server.addr);
                measure(&browser, &server, &url, rate, q, next, &site, figures, run);
            }
        }
    }
    let _ = std::fs::remove_file(site.join("pagefind-bench.html"));
    if aside.exists() {
        std::fs::rename(&aside, &worker).expect("put the worker back");
    }
    let pages = std::fs::read_dir(site.join(format!("{lang}/search/p")))
        .map(|d| d.count())
        .unwrap_or(0);
    println!(
        "{pages} pages in {lang}; {} queries × {rounds} rounds; CPU slowed {rate}×",
        queries.len()
    );
    println!(
        "| tool | first search p50 / p95 (ms) | next search p50 / p95 (ms) | same search again p50 / p95 (ms) | bytes per first search p50 / p95 / max (gzipped) | queries with results |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, f) in [("amparo", &ours), ("Pagefind", &theirs)] {
        println!(
            "| {name} | {:.0} / {:.0} | {:.0} / {:.0} | {:.0} / {:.0} | {} / {} / {} | {} of {} |",
            pct(&f.first_ms, 50),
            pct(&f.first_ms, 95),
            pct(&f.next_ms, 50),
            pct(&f.next_ms, 95),
            pct(&f.again_ms, 50),
            pct(&f.again_ms, 95),
            pct_usize(&f.bytes, 50),
            pct_usize(&f.bytes, 95),
            f.bytes.iter().max().copied().unwrap_or(0),
            f.found / rounds,
            queries.len()
        );
    }
    println!("queries: {}", queries.join(", "));
}

/// Runs `query` on a fresh page, then `next` on the same page, and notes the times, the bytes
/// the first one fetched (as the server saw them asked for, by the page or its workers), and
/// whether it found anything.
#[allow(clippy::too_many_arguments)]
fn measure(
    browser: &Browser,
    server: &StaticServer,
    url: &str,
    rate: f64,
    query: &str,
    next: &str,
    site: &Path,
    figures: &mut Figures,
    run: Query,
) {
    browser.goto("about:blank");
    browser.goto(url);
    browser.cdp("Emulation.setCPUThrottlingRate", json!({"rate": rate}));
    let page_load = server.take_log();
    let (ms, found) = run(browser, query);
    let fetched: Vec<String> = server
        .take_log()
        .into_iter()
        .chain(
            page_load
                .into_iter()
                .filter(|r| r.starts_with("assets/search.")),
        )
        .collect();
    figures.first_ms.push(ms);
    let bytes = fetched.iter().map(|r| weight(site, r)).sum();
    if std::env::var_os("VERBOSE").is_some() {
        let timing = browser.eval("return performance.getEntriesByType('resource').map(e => e.name.split('/').slice(-2).join('/') + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd) + '-' + Math.round(e.duration)).join(', ')");
        eprintln!("{url} {query:?}: {ms:.0} ms, {bytes} B, found {found}: {fetched:?}\n  {timing}");
    }
    figures.bytes.push(bytes);
    if found > 0 {
        figures.found += 1;
    }
    let (ms, _) = run(browser, next);
    figures.next_ms.push(ms);
    let (ms, _) = run(browser, next);
    figures.again_ms.push(ms);
    server.take_log();
    browser.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 1}));
}

/// Types `q` into amparo's search box; the time until its results show, and how many.
fn amparo_query(browser: &Browser, q: &str) -> (f64, usize) {
    let q = serde_json::to_string(q).unwrap();
    browser.eval(&format!(
        "var list = document.getElementById('results'); window.__ms = null;
         var t0 = performance.now();
         new MutationObserver(function (m, o) {{
           if (list.getAttribute('data-for') === {q}) {{ window.__ms = performance.now() - t0; o.disconnect(); }}
         }}).observe(list, {{ attributes: true }});
         var box = document.getElementById('q'); box.value = {q}; box.dispatchEvent(new Event('input'));
         return null;"
    ));
    wait(browser)
}

/// Asks Pagefind's JavaScript API for `q` and for the data of its first ten results, as a
/// results list shows them.
fn pagefind_query(browser: &Browser, q: &str) -> (f64, usize) {
    let q = serde_json::to_string(q).unwrap();
    browser.eval(&format!(
        "window.__ms = null; window.search({q}); return null;"
    ));
    wait(browser)
}

fn wait(browser: &Browser) -> (f64, usize) {
    assert!(
        browser.wait_for("return window.__ms !== null", WAIT),
        "no answer"
    );
    let ms = browser
        .eval("return window.__ms")
        .as_f64()
        .unwrap_or(f64::NAN);
    let found = browser
        .eval("return window.__found !== undefined ? window.__found : document.querySelectorAll('#results li a').length")
        .as_u64()
        .unwrap_or(0) as usize;
    (ms, found)
}

/// The page that runs Pagefind: its JavaScript API, loaded on the first search.
fn bench_page(lang: &str) -> String {
    format!(
        r#"<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>Pagefind</title>
<script>
window.search = async function (q) {{
  const t0 = performance.now();
  window.__pf = window.__pf || await import("./pagefind/pagefind.js");
  const found = await window.__pf.search(q);
  await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  window.__found = found.results.length;
  window.__ms = performance.now() - t0;
}};
</script>"#
    )
}

/// A fetched file's weight on the wire: gzipped, or as it is when that is smaller (Pagefind's
/// index files are compressed already).
fn weight(site: &Path, path: &str) -> usize {
    let bytes = std::fs::read(site.join(path)).unwrap_or_default();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &bytes).expect("gzip in memory");
    gz.finish()
        .map_or(bytes.len(), |z| z.len().min(bytes.len()))
}

/// Queries from the site's own words: common to rare, typed halfway, with a wrong letter, and
/// two together.
fn queries(site: &Path, lang: &str) -> Vec<String> {
    let mut words: Vec<(usize, String)> = Vec::new();
    for e in std::fs::read_dir(site.join(format!("{lang}/search/t"))).expect("the search index") {
        let text = std::fs::read_to_string(e.expect("a part").path()).expect("read a part");
        let json = text
            .split_once(',')
            .map(|(_, j)| j.trim_end().trim_end_matches(");"))
            .expect("amparoSearch.terms(n,{…});");
        let part: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).expect("a part's words");
        for (w, postings) in part {
            let pages = postings.as_str().unwrap_or("").split(',').count();
            if w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()) {
                words.push((pages, w));
            }
        }
    }
    words.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    assert!(words.len() >= 8, "too few words to search for");
    // Eight words from the most common to the rarest, spaced evenly on a log scale.
    let picked: Vec<&str> = (0..8)
        .map(|i| {
            let at = (words.len() as f64).powf(i as f64 / 7.0) as usize - 1;
            words[at.min(words.len() - 1)].1.as_str()
        })
        .collect();
    let mut out: Vec<String> = picked.iter().map(|w| w.to_string()).collect();
    for w in picked.iter().step_by(2) {
        out.push(w[..3].to_string());
        out.push(w[..4].to_string());
    }
    for w in &picked[..6] {
        let mut b = w.as_bytes().to_vec();
        b[1] = if b[1] == b'z' { b'a' } else { b[1] + 1 };
        out.push(String::from_utf8(b).unwrap());
    }
    out.push(format!("{} {}", picked[0], picked[7]));
    out.push(format!("{} {}", picked[2], picked[3]));
    out.push(format!("{} {}", picked[1], picked[5]));
    out.push(format!("{} {}", picked[4], picked[6]));
    out
}

fn pct(v: &[f64], p: usize) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s.get(((s.len() * p).div_ceil(100)).saturating_sub(1))
        .copied()
        .unwrap_or(f64::NAN)
}

fn pct_usize(v: &[usize], p: usize) -> usize {
    let mut s = v.to_vec();
    s.sort();
    s.get(((s.len() * p).div_ceil(100)).saturating_sub(1))
        .copied()
        .unwrap_or(0)
}
