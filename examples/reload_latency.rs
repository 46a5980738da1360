//! Measures save → reload-event latency of `amparo serve`: copies a site to a temporary folder,
//! serves it, makes one kind of edit N times and times each wait until the edited page is told
//! to reload (a `reload` of every page, or a `reload-pages` that names it). Kinds (`--edit`):
//! `text` (the default), `title`, `description`, `weight`, `locale` (a UI string of the page's
//! language), `new` (a page added beside it), `delete` (such a page deleted), `folder` (a section
//! added in a new folder).
//!
//! `cargo run --release --example reload_latency -- --root . --page content/rights/best-interests.es.md --runs 20 --edit title`

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
    let kind = arg("--edit").unwrap_or_else(|| "text".into());
    // Time for the rest of an update (booklets, search) before the next edit.
    let pause = Duration::from_millis(arg("--pause").and_then(|p| p.parse().ok()).unwrap_or(1000));
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
    // As a browser showing the edited page does: it names the page it shows.
    let open = output_of(&page);
    write!(
        events,
        "GET /_amparo/events?page=/{open} HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .expect("request");
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    std::thread::sleep(Duration::from_millis(200));
    let mut times = Vec::new();
    for i in 0..runs {
        let edit = Edit::new(&kind, &dir, &page, i);
        if let Some(before) = &edit.before {
            // A page to delete is made first, and that update is not timed.
            std::fs::write(dir.join(&edit.file), before).expect("write");
            wait_for_reload(&mut events, &edit.shown);
            std::thread::sleep(pause);
        }
        drain(&mut events);
        let started = Instant::now();
        match &edit.text {
            Some(text) => {
                let file = dir.join(&edit.file);
                std::fs::create_dir_all(file.parent().expect("a folder")).expect("folder");
                std::fs::write(file, text).expect("write")
            }
            None => std::fs::remove_file(dir.join(&edit.file)).expect("remove"),
        }
        wait_for_reload(&mut events, &edit.shown);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(pause);
    }
    server.stop();
    let _ = std::fs::remove_dir_all(&dir);
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{kind}: save → reload event over {runs} edits: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );
}

/// One save to time: the file, its new text (`None`: the file is deleted), what it held
/// before when it is made first, and the page that must be told to reload.
struct Edit {
    file: String,
    text: Option<String>,
    before: Option<String>,
    shown: String,
}

impl Edit {
    /// Edit number `i` of kind `kind` (`text`, `title`, `weight`, `description`, `locale`,
    /// `new`, `delete`, `folder`) around the page file `page`.
    fn new(kind: &str, dir: &std::path::Path, page: &str, i: usize) -> Edit {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("the file exists");
        let line = |text: &str, key: &str, value: String| set_line(text, key, &value);
        let (file, text) = match kind {
            "text" => (page.to_string(), format!("{}\nEdit {i}.\n", read(page))),
            "title" => (
                page.to_string(),
                line(&read(page), "title", format!("\"Title {i}\"")),
            ),
            "description" => (
                page.to_string(),
                line(&read(page), "description", format!("\"Description {i}\"")),
            ),
            // A node's weight is read from the first of its files; the page moves from first
            // to last among its siblings and back.
            "weight" => {
                let first = first_file_of(dir, page);
                let weight = if i.is_multiple_of(2) {
                    1_000_000
                } else {
                    -1_000_000
                };
                let text = line(&read(&first), "weight", weight.to_string());
                (first, text)
            }
            "locale" => {
                let lang = language_of(page);
                let file = format!("locales/{lang}.toml");
                let text = line(&read(&file), "previous", format!("\"Previous {i}\""));
                (file, text)
            }
            // A section in a folder of its own, made by the save.
            "folder" => {
                let lang = language_of(page);
                let file = format!("content/new-{i}/_index.{lang}.md");
                let text = format!("+++\ntitle = \"New {i}\"\n+++\nA new section.\n");
                let shown = output_of(&file);
                return Edit {
                    file,
                    text: Some(text),
                    before: None,
                    shown,
                };
            }
            "new" | "delete" => {
                let (folder, _) = page.rsplit_once('/').expect("a page in a folder");
                let lang = language_of(page);
                let file = format!("{folder}/new-{i}.{lang}.md");
                let text = format!("+++\ntitle = \"New {i}\"\n+++\nA new page.\n");
                let shown = output_of(&file);
                return match kind {
                    "new" => Edit {
                        file,
                        text: Some(text),
                        before: None,
                        shown,
                    },
                    _ => Edit {
                        file,
                        text: None,
                        before: Some(text),
                        shown,
                    },
                };
            }
            other => {
                panic!(
                    "--edit {other}: text, title, weight, description, locale, new, delete or folder"
                )
            }
        };
        let shown = output_of(if file.starts_with("locales/") {
            page
        } else {
            &file
        });
        Edit {
            file,
            text: Some(text),
            before: None,
            shown,
        }
    }
}

/// `text` with the front matter or TOML line `key = …` set to `value`, added after the first
/// line when it has none.
fn set_line(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key} = ");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(at) => lines[at] = format!("{prefix}{value}"),
        None => lines.insert(1, format!("{prefix}{value}")),
    }
    lines.join("\n") + "\n"
}

/// The first file of a page's files in name order (`p050.en.md` before `p050.es.md`).
fn first_file_of(dir: &std::path::Path, page: &str) -> String {
    let (folder, name) = page.rsplit_once('/').expect("a page in a folder");
    let stem = name.split('.').next().expect("a name");
    let mut names: Vec<String> = std::fs::read_dir(dir.join(folder))
        .expect("its folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!("{stem}.")) && n.ends_with(".md"))
        .collect();
    names.sort();
    format!("{folder}/{}", names[0])
}

/// `content/s050/p050.es.md` → `es`.
fn language_of(page: &str) -> String {
    let rel = page.trim_end_matches(".md");
    rel.rsplit_once('.').expect("a language").1.to_string()
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
