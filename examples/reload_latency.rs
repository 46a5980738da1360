//! Measures save → reload-event latency of `amparo serve`: copies a site to a temporary folder,
//! serves it, edits one page N times and times each wait until the edited page is told to
//! reload (a `reload` of every page, or a `reload-pages` that names it).
//!
//! `cargo run --release --example reload_latency -- --root . --page content/rights/best-interests.es.md --runs 20`

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{arg, copy};

use amparo::serve::{ServeOptions, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let root = PathBuf::from(arg("--root").unwrap_or_else(|| ".".into()));
    let page = arg("--page").unwrap_or_else(|| "content/rights/best-interests.es.md".into());
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(20);
    let dir = std::env::temp_dir().join(format!("amparo-latency-{}", std::process::id()));
    for item in ["site.toml", "content", "locales", "themes"] {
        copy(&root.join(item), &dir.join(item));
    }
    let opts = ServeOptions {
        root: dir.clone(),
        bind: "127.0.0.1".parse().expect("ip"),
        port: Some(0),
        poll: false,
        include_drafts: false,
    };
    let server = Server::start(opts, |_| {}).expect("server starts");
    let mut events = TcpStream::connect(server.addr()).expect("connect");
    write!(events, "GET /_amparo/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("request");
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    std::thread::sleep(Duration::from_millis(200));
    let original = std::fs::read_to_string(dir.join(&page)).expect("page exists");
    let shown = output_of(&page);
    let mut times = Vec::new();
    for i in 0..runs {
        drain(&mut events);
        let started = Instant::now();
        std::fs::write(dir.join(&page), format!("{original}\nEdit {i}.\n")).expect("write");
        wait_for_reload(&mut events, &shown);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        // Let the rest of the update (the booklets) finish before the next edit.
        std::thread::sleep(Duration::from_millis(1000));
    }
    server.stop();
    let _ = std::fs::remove_dir_all(&dir);
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "save → reload event over {runs} edits: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );
}

fn drain(s: &mut TcpStream) {
    s.set_nonblocking(true).expect("nonblocking");
    let mut buf = [0u8; 4096];
    while matches!(s.read(&mut buf), Ok(n) if n > 0) {}
    s.set_nonblocking(false).expect("blocking");
}

/// `content/s050/p050.es.md` → `es/s050/p050/index.html`.
fn output_of(page: &str) -> String {
    let rel = page.trim_start_matches("content/").trim_end_matches(".md");
    let (path, lang) = rel
        .rsplit_once('.')
        .expect("a page file names its language");
    let path = path.trim_end_matches("_index").trim_end_matches('/');
    if path.is_empty() {
        format!("{lang}/index.html")
    } else {
        format!("{lang}/{path}/index.html")
    }
}

/// Reads events until one tells the edited page to reload.
fn wait_for_reload(s: &mut TcpStream, shown: &str) {
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    loop {
        while let Some(end) = seen.find("\n\n") {
            let event: String = seen.drain(..end + 2).collect();
            let for_all = event.contains("event: reload\n");
            let for_page = event.contains("event: reload-pages") && event.contains(shown);
            if for_all || for_page {
                return;
            }
        }
        let n = s.read(&mut buf).expect("an event within 10 s");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}
