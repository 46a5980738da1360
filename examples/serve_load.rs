//! Load on `amparo serve`, for `scripts/load.sh`: the server (the release binary) runs as a child
//! process on a copy of the bundled site; wrk (`-t2 -c32`) requests every page in turn for N
//! seconds while a page is saved every 200 ms (text edits and title edits), with 300 live-reload
//! connections and 20 slow clients (headers sent a byte every 100 ms) open all along. A reader
//! checks that every copy of the edited page is whole and of one version; a probe times single
//! requests. Prints the figures; exits with 1 when a check fails. Without wrk on the PATH, four
//! plain clients stand in for it.
//!
//! `cargo run --release --example serve_load -- --seconds 30 --amparo target/release/amparo`

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "../tests/common/load.rs"]
mod load;

use common::{arg, copy};
use load::*;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const EVENTS: usize = 300;
const SLOW: usize = 20;
const DEADLINE: Duration = Duration::from_secs(1);

/// What the load generator reports.
struct Figures {
    requests: u64,
    errors: String,
    p50: String,
    p99: String,
    failed: bool,
}

fn main() -> ExitCode {
    let seconds: u64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(30);
    let amparo = PathBuf::from(arg("--amparo").unwrap_or_else(|| "target/release/amparo".into()));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().expect("a temporary folder");
    for item in ["site.toml", "content", "locales", "themes"] {
        copy(&repo.join(item), &site.path().join(item));
    }
    let paths = page_paths(site.path());
    let list = site.path().join("paths.txt");
    std::fs::write(&list, paths.join("\n") + "\n").expect("write the page list");

    let server = ServeProcess::start(&amparo, site.path());
    let addr = server.addr;
    let (rss_start, _) = server.memory_kb();
    let mut events = match open_events(addr, EVENTS) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("FAILED: cannot open {EVENTS} live-reload connections: {e}");
            return ExitCode::FAILURE;
        }
    };
    let slow = SlowClients::start(addr, SLOW, Duration::from_millis(100));
    let (rss_before, _) = server.memory_kb();
    let builds_before = server.builds();
    let editor = Editor::start(site.path().join(EDITED_FILE), Duration::from_millis(200));
    let stop = Arc::new(AtomicBool::new(false));
    let reader = check_page(addr, EDITED_URL, editor.versions(), stop.clone());
    let timer = probe(
        addr,
        "/es/index.html",
        Duration::from_millis(100),
        stop.clone(),
    );

    println!(
        "amparo serve on {addr} ({} pages), {seconds} s: {EVENTS} live-reload connections and \
         {SLOW} slow clients open, a page saved every 200 ms",
        paths.len()
    );
    let figures = wrk(addr, &list, seconds).unwrap_or_else(|| builtin(addr, &paths, seconds));

    let saves = editor.stop().len() - 1;
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::SeqCst);
    let check = reader.join().unwrap_or_default();
    let probes = timer.join().unwrap_or_default();
    let (opened, kept) = slow.stop();
    let heard = with_events(&mut events);
    // One more save, to see that the live-reload connections are still open after the run.
    let page = site.path().join(EDITED_FILE);
    let _ = std::fs::write(
        &page,
        std::fs::read(repo.join(EDITED_FILE)).unwrap_or_default(),
    );
    std::thread::sleep(Duration::from_secs(1));
    let still = with_events(&mut events);
    let (rss_after, rss_peak) = server.memory_kb();
    let slowest = probes.iter().map(|(d, _)| *d).max().unwrap_or_default();
    let probe_failures = probes
        .iter()
        .filter(|(d, r)| *d >= DEADLINE || r.as_ref().ok() != Some(&200))
        .count();

    println!();
    println!("requests        {}", figures.requests);
    println!("errors          {}", figures.errors);
    println!("latency         p50 {}, p99 {}", figures.p50, figures.p99);
    println!(
        "edits           {saves} saves, {} builds and updates",
        server.builds() - builds_before
    );
    println!(
        "whole pages     {} copies of the edited page, {} versions seen, {} torn or wrong",
        check.fetched,
        check.versions_seen.len(),
        check.problems.len()
    );
    println!(
        "single GETs     {} probes, slowest {slowest:.1?}, {probe_failures} slower than {DEADLINE:?} or failed",
        probes.len()
    );
    println!(
        "live reload     {heard} of {EVENTS} connections told of the changes, {still} still told of a save after the run"
    );
    println!("slow clients    {opened} opened, {kept} still open at the end");
    println!(
        "memory (RSS)    {} MiB after start, {} MiB with the connections open, {} MiB after, peak {} MiB",
        rss_start / 1024,
        rss_before / 1024,
        rss_after / 1024,
        rss_peak / 1024
    );
    for p in check.problems.iter().take(5) {
        println!("  torn: {p}");
    }
    let failed = figures.failed
        || !check.problems.is_empty()
        || probe_failures > 0
        || heard < EVENTS
        || still < EVENTS
        || opened < SLOW;
    if failed {
        println!("FAILED");
        ExitCode::FAILURE
    } else {
        println!("ok");
        ExitCode::SUCCESS
    }
}

/// Runs wrk with `scripts/load.lua` over the pages listed in `list`; `None` when there is no wrk.
fn wrk(addr: std::net::SocketAddr, list: &Path, seconds: u64) -> Option<Figures> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/load.lua");
    let out = Command::new("wrk")
        .args(["-t2", "-c32", &format!("-d{seconds}s"), "--latency", "-s"])
        .arg(script)
        .arg(format!("http://{addr}"))
        .arg("--")
        .arg(list)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    print!("{text}");
    let after = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
    };
    let requests = text
        .lines()
        .find(|l| l.contains(" requests in "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let non_2xx: u64 = after("Non-2xx or 3xx responses:")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let socket = after("Socket errors:").unwrap_or_else(|| "none".into());
    Some(Figures {
        requests,
        errors: format!("{non_2xx} not 2xx/3xx; socket errors: {socket}"),
        p50: after("50%").unwrap_or_default(),
        p99: after("99%").unwrap_or_default(),
        failed: !out.status.success() || requests == 0 || non_2xx > 0 || socket != "none",
    })
}

/// Four plain clients, one connection a request, when wrk is not installed.
fn builtin(addr: std::net::SocketAddr, paths: &[String], seconds: u64) -> Figures {
    println!("wrk is not installed (scripts/load.sh installs it): four plain clients instead");
    let stats = run_load(addr, paths, 4, Duration::from_secs(seconds));
    Figures {
        requests: stats.requests as u64,
        errors: format!(
            "{} not 2xx/3xx; {} failed connections",
            stats.bad_status, stats.errors
        ),
        p50: format!("{:.2?}", stats.percentile(50.0)),
        p99: format!("{:.2?}", stats.percentile(99.0)),
        failed: stats.requests == 0 || stats.bad_status > 0 || stats.errors > 0,
    }
}
