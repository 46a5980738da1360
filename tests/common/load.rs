//! Load on `amparo serve`, shared by `tests/serve_load.rs` (a short run in the test suite) and
//! `examples/serve_load.rs` (long runs, with wrk, from `scripts/load.sh`): the server as a child
//! process, an editor saving a page every 200 ms, live-reload connections, slow clients that
//! send their headers a byte at a time, a reader that checks that every copy of the edited page
//! is whole and of one version, a probe that times single requests, and a plain load client.
//!
//! Nothing here panics on a failed request: failures are counted and returned, so that a run
//! reports every figure and the caller decides what fails.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the preview adds to every page, just before `</body>`.
pub const LIVE_TAG: &str = "<script src=\"/_amparo/live.js\"></script>";

/// The page the editor changes, as a source file and as its address.
pub const EDITED_FILE: &str = "content/rights/best-interests.es.md";
pub const EDITED_URL: &str = "/es/rights/best-interests/index.html";

/// `amparo serve` as a child process on a free loopback port, stopped when dropped.
pub struct ServeProcess {
    child: Child,
    pub addr: SocketAddr,
    builds: Arc<AtomicUsize>,
}

impl ServeProcess {
    /// Starts `amparo serve --port 0` on the site at `root` and waits for its address.
    pub fn start(amparo: &Path, root: &Path) -> ServeProcess {
        let mut child = Command::new(amparo)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("amparo serve starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let builds = Arc::new(AtomicUsize::new(0));
        let counter = builds.clone();
        let (tx, rx) = mpsc::channel();
        // Reads the server's output for as long as it runs: its address, then one line a build.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("Built ") {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
                if let Some(rest) = line.trim().strip_prefix("http://") {
                    let _ = tx.send(rest.split('/').next().unwrap_or_default().to_string());
                }
            }
        });
        let host = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("amparo serve prints its address");
        ServeProcess {
            child,
            addr: host.parse().expect("the address is host:port"),
            builds,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Builds and updates so far, the first build included.
    pub fn builds(&self) -> usize {
        self.builds.load(Ordering::SeqCst)
    }

    /// Resident memory now (VmRSS) and at its peak (VmHWM), in KiB.
    pub fn memory_kb(&self) -> (u64, u64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every page address of the site at `root`, in every language of its site.toml (every
/// language has every page).
pub fn page_paths(root: &Path) -> Vec<String> {
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let languages: Vec<String> = toml::from_str::<toml::Table>(&config)
        .ok()
        .and_then(|t| t.get("languages").and_then(|l| l.as_array()).cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect();
    let mut pages = BTreeSet::new();
    collect_pages(&root.join("content"), "", &mut pages);
    let mut out = Vec::new();
    for lang in &languages {
        for page in &pages {
            out.push(format!("/{lang}/{page}index.html"));
        }
    }
    out
}

/// Page paths under `dir` (`rights/asylum/`, `rights/`, `` for the home), from file names.
fn collect_pages(dir: &Path, prefix: &str, pages: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_dir() {
            collect_pages(&e.path(), &format!("{prefix}{name}/"), pages);
        } else if let Some((stem, _lang)) =
            name.strip_suffix(".md").and_then(|n| n.rsplit_once('.'))
        {
            pages.insert(if stem == "_index" {
                prefix.to_string()
            } else {
                format!("{prefix}{stem}/")
            });
        }
    }
}

/// One GET on a new connection: the status and the body, or what went wrong.
pub fn fetch(addr: SocketAddr, path: &str, timeout: Duration) -> Result<(u16, String), String> {
    let mut s = TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("no complete header in {} bytes", raw.len()))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or("no status")?;
    let length = head.lines().find_map(|l| {
        l.split_once(':')
            .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
    });
    if let Some(len) = length
        && body.len() != len
    {
        return Err(format!("{} bytes of a body of {len}", body.len()));
    }
    Ok((status, body.to_string()))
}

/// What a plain load run measured.
#[derive(Debug, Default)]
pub struct LoadStats {
    pub requests: usize,
    /// Connections or reads that failed.
    pub errors: usize,
    /// Answers other than 2xx or 3xx.
    pub bad_status: usize,
    pub latencies: Vec<Duration>,
}

impl LoadStats {
    /// The latency below which `p` (0–100) percent of the requests finished.
    pub fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let i = ((sorted.len() as f64 * p / 100.0).ceil() as usize).saturating_sub(1);
        sorted.get(i).copied().unwrap_or_default()
    }
}

/// `threads` clients, each GETting `paths` in turn, one connection a request, for `duration`.
pub fn run_load(
    addr: SocketAddr,
    paths: &[String],
    threads: usize,
    duration: Duration,
) -> LoadStats {
    let end = Instant::now() + duration;
    let workers: Vec<JoinHandle<LoadStats>> = (0..threads)
        .map(|t| {
            let paths = paths.to_vec();
            std::thread::spawn(move || {
                let mut stats = LoadStats::default();
                let mut i = t;
                while Instant::now() < end {
                    let started = Instant::now();
                    let result = fetch(addr, &paths[i % paths.len()], Duration::from_secs(10));
                    stats.latencies.push(started.elapsed());
                    stats.requests += 1;
                    match result {
                        Ok((status, _)) if (200..400).contains(&status) => {}
                        Ok(_) => stats.bad_status += 1,
                        Err(_) => stats.errors += 1,
                    }
                    i += 1;
                }
                stats
            })
        })
        .collect();
    let mut all = LoadStats::default();
    for w in workers {
        let s = w.join().unwrap_or_default();
        all.requests += s.requests;
        all.errors += s.errors;
        all.bad_status += s.bad_status;
        all.latencies.extend(s.latencies);
    }
    all
}

/// One saved version of the edited page: its title and the marker in its text (none for the
/// page as it was).
#[derive(Debug, Clone)]
pub struct Version {
    pub title: String,
    pub marker: Option<String>,
}

/// Saves a page again and again, as an editor would (truncate, then write): odd saves change
/// the title, which makes an update of the page and of the pages that list or link to it; even
/// saves change only the text, which makes an update of the pages that show it.
pub struct Editor {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    versions: Arc<Mutex<Vec<Version>>>,
}

impl Editor {
    pub fn start(file: PathBuf, every: Duration) -> Editor {
        let original = std::fs::read_to_string(&file).expect("read the edited page");
        let title = original
            .lines()
            .find_map(|l| l.strip_prefix("title = "))
            .map(|t| t.trim().trim_matches('"').to_string())
            .expect("the page has a title line");
        let versions = Arc::new(Mutex::new(vec![Version {
            title: title.clone(),
            marker: None,
        }]));
        let stop = Arc::new(AtomicBool::new(false));
        let (flag, list) = (stop.clone(), versions.clone());
        let thread = std::thread::spawn(move || {
            let mut k = 0;
            while !flag.load(Ordering::SeqCst) {
                std::thread::sleep(every);
                k += 1;
                let version = Version {
                    title: if k % 2 == 1 {
                        format!("{title} ({k})")
                    } else {
                        lock(&list)
                            .last()
                            .map(|v| v.title.clone())
                            .unwrap_or_default()
                    },
                    marker: Some(format!("marca-{k:05}")),
                };
                let text = edited(&original, &title, &version);
                // Recorded before the save, so a reader never sees a version it cannot look up.
                lock(&list).push(version);
                let _ = std::fs::write(&file, text);
            }
        });
        Editor {
            stop,
            thread: Some(thread),
            versions,
        }
    }

    /// The versions saved so far; version `k` has the marker `marca-0000k`.
    pub fn versions(&self) -> Arc<Mutex<Vec<Version>>> {
        self.versions.clone()
    }

    /// Stops saving; returns every version saved.
    pub fn stop(mut self) -> Vec<Version> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        lock(&self.versions).clone()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The page's source with `version`'s title and marker.
fn edited(original: &str, title: &str, version: &Version) -> String {
    let mut text = original.replacen(
        &format!("title = \"{title}\""),
        &format!("title = \"{}\"", version.title),
        1,
    );
    if let Some(m) = &version.marker {
        text.push_str(&format!("\n\n{m}\n"));
    }
    text
}

/// What the whole-page reader saw.
#[derive(Debug, Default)]
pub struct PageCheck {
    pub fetched: usize,
    /// Versions seen, by number (0: the page as it was).
    pub versions_seen: BTreeSet<usize>,
    pub problems: Vec<String>,
}

/// Fetches `path` until `stop`, checking each copy: 200, a whole document ending in `</html>`
/// with the live script, exactly one version's marker (or none, for the page as it was), and
/// that version's title.
pub fn check_page(
    addr: SocketAddr,
    path: &'static str,
    versions: Arc<Mutex<Vec<Version>>>,
    stop: Arc<AtomicBool>,
) -> JoinHandle<PageCheck> {
    std::thread::spawn(move || {
        let mut check = PageCheck::default();
        while !stop.load(Ordering::SeqCst) {
            check.fetched += 1;
            match fetch(addr, path, Duration::from_secs(10)) {
                Ok((200, body)) => match version_of(&body, &lock(&versions)) {
                    Ok(k) => {
                        check.versions_seen.insert(k);
                    }
                    Err(why) => check.problems.push(why),
                },
                Ok((status, _)) => check.problems.push(format!("status {status}")),
                Err(e) => check.problems.push(e),
            }
        }
        check
    })
}

/// Which version `body` is, or why it is not a whole page of one version.
fn version_of(body: &str, versions: &[Version]) -> Result<usize, String> {
    if !body.trim_end().ends_with("</html>") || !body.contains(&format!("{LIVE_TAG}</body>")) {
        let tail: String = body
            .chars()
            .rev()
            .take(60)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(format!(
            "not a whole page ({} bytes, ends {tail:?})",
            body.len()
        ));
    }
    let markers: Vec<usize> = body
        .match_indices("marca-")
        .filter_map(|(i, _)| body.get(i + 6..i + 11)?.parse().ok())
        .collect();
    let k = match markers.as_slice() {
        [] => 0,
        [k] => *k,
        more => return Err(format!("markers of several versions: {more:?}")),
    };
    let version = versions
        .get(k)
        .ok_or_else(|| format!("version {k} was never saved"))?;
    if !body.contains(&format!("<title>{} · ", version.title)) {
        return Err(format!("version {k} without its title {:?}", version.title));
    }
    Ok(k)
}

/// `n` live-reload connections, each with its response header read (200, an event stream).
pub fn open_events(addr: SocketAddr, n: usize) -> Result<Vec<TcpStream>, String> {
    (0..n)
        .map(|i| {
            let mut s = TcpStream::connect(addr).map_err(|e| format!("events {i}: {e}"))?;
            write!(
                s,
                "GET /_amparo/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
            )
            .map_err(|e| format!("events {i}: {e}"))?;
            s.set_read_timeout(Some(Duration::from_secs(5)))
                .map_err(|e| e.to_string())?;
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                s.read_exact(&mut byte)
                    .map_err(|e| format!("events {i}: {e}"))?;
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).to_lowercase();
            if !head.starts_with("http/1.1 200") || !head.contains("text/event-stream") {
                return Err(format!("events {i}: {head}"));
            }
            Ok(s)
        })
        .collect()
}

/// How many of the live-reload connections have received an event since they opened (what has
/// arrived by now: this does not wait).
pub fn with_events(streams: &mut [TcpStream]) -> usize {
    streams
        .iter_mut()
        .filter_map(|s| {
            let _ = s.set_nonblocking(true);
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = s.read(&mut buf) {
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&got)
                .contains("event: ")
                .then_some(())
        })
        .count()
}

/// Connections that send a request's headers one byte at a time and never finish them.
pub struct SlowClients {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<(usize, usize)>>,
}

impl SlowClients {
    /// Opens `n` connections and sends each a byte every `every`.
    pub fn start(addr: SocketAddr, n: usize, every: Duration) -> SlowClients {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let request = b"GET /es/index.html HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
            let mut conns: Vec<Option<TcpStream>> =
                (0..n).map(|_| TcpStream::connect(addr).ok()).collect();
            let opened = conns.iter().flatten().count();
            let mut sent = 0;
            while !flag.load(Ordering::SeqCst) {
                let byte = request.get(sent).copied().unwrap_or(b'a');
                for c in conns.iter_mut() {
                    if c.as_mut().is_some_and(|s| s.write_all(&[byte]).is_err()) {
                        *c = None;
                    }
                }
                sent += 1;
                std::thread::sleep(every);
            }
            (opened, conns.iter().flatten().count())
        });
        SlowClients {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops; returns how many connections opened and how many the server still kept.
    pub fn stop(mut self) -> (usize, usize) {
        self.stop.store(true, Ordering::SeqCst);
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default()
    }
}

/// Times one GET of `path` every `every` until `stop`: each request's latency and outcome.
pub fn probe(
    addr: SocketAddr,
    path: &'static str,
    every: Duration,
    stop: Arc<AtomicBool>,
) -> JoinHandle<Vec<(Duration, Result<u16, String>)>> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        while !stop.load(Ordering::SeqCst) {
            let started = Instant::now();
            let result = fetch(addr, path, Duration::from_secs(10)).map(|(s, _)| s);
            out.push((started.elapsed(), result));
            std::thread::sleep(every);
        }
        out
    })
}
