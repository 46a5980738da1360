//! `amparo serve` under a short load, as a child process on the bundled site: four clients
//! request every page for three seconds while a page is saved every 200 ms (text edits, which
//! update the pages that show it, and title edits, which rebuild the whole site), 100 live-reload
//! connections stay open and 10 slow clients send their headers a byte at a time. Every request
//! must succeed, a single request must never wait a second, every copy of the edited page must
//! be whole and of one version, and every live-reload connection must hear of the changes.
//! `bash scripts/load.sh` runs the long version with wrk.

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::Site;
use common::load::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const LOAD: Duration = Duration::from_secs(3);
const EVENTS: usize = 100;
const SLOW: usize = 10;

#[test]
fn the_preview_serves_whole_pages_promptly_under_load_edits_and_slow_clients() {
    let site = Site::fixture(".");
    let server = ServeProcess::start(env!("CARGO_BIN_EXE_amparo").as_ref(), site.root());
    let addr = server.addr;
    let (rss_before, _) = server.memory_kb();
    let mut events = open_events(addr, EVENTS).unwrap_or_else(|e| panic!("{e}"));
    let slow = SlowClients::start(addr, SLOW, Duration::from_millis(100));
    let builds_before = server.builds();
    let editor = Editor::start(site.root().join(EDITED_FILE), Duration::from_millis(200));
    let stop = Arc::new(AtomicBool::new(false));
    let reader = check_page(addr, EDITED_URL, editor.versions(), stop.clone());
    let timer = probe(
        addr,
        "/es/index.html",
        Duration::from_millis(50),
        stop.clone(),
    );

    let load = run_load(addr, &page_paths(site.root()), 4, LOAD);
    let versions = editor.stop();
    // The last save's rebuild reaches the live-reload connections too.
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::SeqCst);
    let check = reader.join().expect("the reader finishes");
    let probes = timer.join().expect("the probe finishes");
    let (opened, kept) = slow.stop();
    let heard = with_events(&mut events);
    let (rss_after, rss_peak) = server.memory_kb();
    let slowest = probes.iter().map(|(d, _)| *d).max().unwrap_or_default();
    eprintln!(
        "{} requests in {LOAD:?} ({} failed, {} not 2xx/3xx), p50 {:?}, p99 {:?}; {} saves, {} \
         builds; edited page fetched {} times, versions seen {:?}; single requests beside {SLOW} \
         slow clients ({kept} still open) and {EVENTS} live-reload connections ({heard} heard \
         of the changes): {} probes, slowest {slowest:?}; RSS {rss_before} KiB before, \
         {rss_after} KiB after, peak {rss_peak} KiB",
        load.requests,
        load.errors,
        load.bad_status,
        load.percentile(50.0),
        load.percentile(99.0),
        versions.len() - 1,
        server.builds() - builds_before,
        check.fetched,
        check.versions_seen,
        probes.len(),
    );

    assert!(load.requests >= 100, "only {} requests", load.requests);
    // Memory: connections and rebuilds leave nothing behind, and the preview of this small site
    // stays small (a debug build; the release figures are in the README).
    assert!(
        rss_before > 0 && rss_peak > 0,
        "no memory figures from /proc"
    );
    assert!(
        rss_after <= rss_before + 128 * 1024,
        "RSS grew from {rss_before} KiB to {rss_after} KiB"
    );
    assert!(rss_peak <= 512 * 1024, "peak RSS {rss_peak} KiB");
    assert_eq!((load.errors, load.bad_status), (0, 0), "failed requests");
    assert!(versions.len() > 4, "the editor saved title and text edits");
    assert!(server.builds() - builds_before >= 2, "the edits were built");
    assert!(
        check.problems.is_empty(),
        "torn pages: {:?}",
        check.problems
    );
    assert!(
        check.versions_seen.len() >= 2,
        "the reader saw the page change: {:?}",
        check.versions_seen
    );
    assert_eq!(opened, SLOW, "the slow clients connected");
    for (latency, result) in &probes {
        assert_eq!(result.as_ref().ok(), Some(&200), "{result:?}");
        // A debug build on a shared 2-core machine says little about speed: there the
        // slowest time is reported above; a release build is held to a second.
        if !cfg!(debug_assertions) {
            assert!(
                *latency < Duration::from_secs(1),
                "a request took {latency:?}"
            );
        }
    }
    assert_eq!(heard, EVENTS, "live-reload connections told of the changes");
}
