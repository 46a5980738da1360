//! `amparo serve` with a real server on an ephemeral loopback port: pages are served, edits
//! reach open pages, errors show in them while the last good site stays served, and nothing
//! outside the site can be fetched.

use crate::common::http::{Events, get, request};
use crate::common::*;
use amparo::serve::Server;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

fn start(site: &Site) -> Server {
    let opts = site.serve_options();
    Server::start(opts, |_| {}).expect("the server starts")
}

#[test]
fn pages_are_served_with_types_and_safety_headers() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let addr = server.addr();
    let page = get(addr, "/es/guide/first/index.html");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_policy(
        page.header("content-security-policy").unwrap(),
        PAGE_POLICY,
        "the preview's header",
    );
    assert!(page.body.contains("Primera"));
    assert!(
        page.body
            .contains("<script src=\"/_amparo/live.js\"></script></body>"),
        "served pages get the live script"
    );
    let css = attrs(&page.body, "link[rel=stylesheet]", "href")[0].replace("../", "");
    assert_eq!(
        get(addr, &format!("/{css}")).header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        get(addr, "/_amparo/live.js").header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(get(addr, "/").status, 200, "the language chooser");
    let worker = get(addr, "/sw.js").body;
    assert!(
        worker.contains("unregister") && !worker.contains("precache"),
        "a preview never serves saved pages"
    );
    let head = request(addr, "HEAD", "/es/index.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(
        head.header("content-length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 100
    );
    for method in [
        "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "PROPFIND",
    ] {
        let r = request(addr, method, "/es/index.html");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        assert!(!r.body.contains("<html"), "{method} gets no page");
    }
    // CONNECT names a host and port, not a path.
    let r = request(addr, "CONNECT", "example.org:443");
    assert_eq!(r.status, 405, "CONNECT");
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
    let missing = get(addr, "/en/no/such/page.html");
    assert_eq!(missing.status, 404);
    assert_eq!(
        attrs(&missing.body, "html", "lang"),
        vec!["en"],
        "the theme's 404 page in that language"
    );
    // At any depth its stylesheet, icon, quick exit and links still lead where they should.
    for (path, want_home) in [
        ("/es/rights/foo/bar/", "../../../index.html"),
        ("/es/guide/x/y/z.html", "../../../index.html"),
        ("/nada", "es/index.html"),
    ] {
        let page = get(addr, path);
        assert_eq!(page.status, 404, "{path}");
        let dir = format!("{}/", path.rsplit_once('/').unwrap().0);
        let loads: Vec<String> = attrs(&page.body, "link[rel=stylesheet]", "href")
            .into_iter()
            .chain(attrs(&page.body, "link[rel=icon]", "href"))
            .chain(attrs(&page.body, "#quick-exit", "href"))
            .chain(attrs(&page.body, ".brand", "href"))
            .collect();
        assert_eq!(loads.len(), 4, "{path}: {loads:?}");
        for href in loads {
            let joined = format!("{dir}{href}");
            let mut parts: Vec<&str> = Vec::new();
            for seg in joined.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "" | "." => {}
                    s => parts.push(s),
                }
            }
            let target = format!("/{}", parts.join("/"));
            assert_eq!(get(addr, &target).status, 200, "{path}: {href} → {target}");
        }
        assert!(
            attrs(&page.body, ".brand", "href")[0].ends_with(want_home),
            "{path}"
        );
    }
    assert_eq!(get(addr, "/es/guide").status, 308);
    server.stop();
}

/// Request targets that try to leave the site, each as a client could send it.
const ESCAPES: [&str; 37] = [
    "/../secret.txt",
    "/es/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/%2E%2e/secret.txt",
    "/.%2e/secret.txt",
    "/%2e./secret.txt",
    "/es/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..%2fsecret.txt",
    "/es%2f..%2f..%2fsecret.txt",
    "/%2f%2fetc%2fpasswd",
    "/..%5csecret.txt",
    "/%5c..%5csecret.txt",
    "/..\\secret.txt",
    "/es\\..\\..\\secret.txt",
    "/%00",
    "/es/index.html%00",
    "/secret.txt%00.html",
    "//etc/passwd",
    "///etc/passwd",
    "/etc/passwd",
    "/C:/Windows/win.ini",
    "/\\\\server\\share\\x",
    "/%5c%5cserver%5cshare%5cx",
    "/%c0%ae%c0%ae/secret.txt",
    "/%c0%ae%c0%ae%c0%afsecret.txt",
    "/%e0%80%ae%e0%80%ae/secret.txt",
    "/%252e%252e/secret.txt",
    "/%252e%252e%252fsecret.txt",
    "/..;/secret.txt",
    "/site.toml",
    "/content/guide/first.es.md",
    "/secret.txt",
    "/media/guide/link/x.html",
    "/media/guide/leak.txt",
    "/es/guide/linked/index.html",
    "http://localhost/../secret.txt",
];

#[test]
fn traversal_is_refused_in_every_encoding() {
    let site = Site::fixture("minimal");
    std::fs::write(site.root().join("secret.txt"), "TOP SECRET").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.html"), "OUTSIDE").unwrap();
    std::fs::write(outside.path().join("leak.txt"), "OUTSIDE").unwrap();
    std::fs::write(
        outside.path().join("page.es.md"),
        "+++\ntitle = \"Fuera\"\n+++\nOUTSIDE\n",
    )
    .unwrap();
    let guide = site.root().join("content/guide");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(outside.path(), guide.join("link")).unwrap();
        symlink(outside.path().join("leak.txt"), guide.join("leak.txt")).unwrap();
        symlink(
            outside.path().join("page.es.md"),
            guide.join("linked.es.md"),
        )
        .unwrap();
    }
    let server = start(&site);
    let addr = server.addr();
    for path in ESCAPES {
        let r = get(addr, path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(
            !r.body.contains("TOP SECRET")
                && !r.body.contains("OUTSIDE")
                && !r.body.contains("root:"),
            "{path} leaked"
        );
    }
    server.stop();
    // Nor does a build take in what the links point to; it names them instead.
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let links: Vec<_> = report
        .warnings
        .iter()
        .filter(|d| d.code == "content/symlink")
        .map(|d| d.path.display().to_string())
        .collect();
    assert_eq!(
        links,
        [
            "content/guide/leak.txt",
            "content/guide/link",
            "content/guide/linked.es.md"
        ]
    );
    // Zips store their file names as they are, so a linked file in one shows here too.
    for f in files(&site.out()) {
        let bytes = std::fs::read(site.out().join(&f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for outside in ["OUTSIDE", "leak.txt", "guide/linked", "link/x.html"] {
            assert!(
                !f.contains(outside) && !text.contains(outside),
                "{f} holds {outside} from outside the site"
            );
        }
    }
}

#[test]
fn an_edit_reloads_open_pages_and_serves_the_new_text() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let addr = server.addr();
    let mut events = Events::connect(addr);
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\nTexto nuevo y distinto.\n",
    );
    // An update: the pages that changed are named, and reload.
    let (name, data) = events.next(WAIT).expect("an event after the edit");
    assert_eq!(name, "reload-pages");
    assert!(data.contains("es/guide/first/index.html"), "{data}");
    assert!(
        get(addr, "/es/guide/first/index.html")
            .body
            .contains("Texto nuevo y distinto.")
    );
    server.stop();
}

#[test]
fn a_broken_file_shows_its_problem_and_the_old_page_stays_until_fixed() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let addr = server.addr();
    let mut events = Events::connect(addr);
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\nwieght = 2\n+++\n",
    );
    let (name, data) = events.next(WAIT).expect("an event after the broken save");
    assert_eq!(name, "problems");
    let problems: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(problems[0]["path"], "content/guide/first.es.md");
    assert_eq!(problems[0]["span"]["line"], 3);
    assert!(
        problems[0]["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `weight`?")
    );
    let page = get(addr, "/es/guide/first/index.html");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Lee la"),
        "the last good page is still served"
    );
    // A page opened now gets the problems at once.
    let mut late = Events::connect(addr);
    assert_eq!(late.next(WAIT).expect("problems on connect").0, "problems");
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\nweight = 2\n+++\nArreglada.\n",
    );
    assert_eq!(
        events.next(WAIT).expect("an event after the fix").0,
        "reload"
    );
    assert!(
        get(addr, "/es/guide/first/index.html")
            .body
            .contains("Arreglada.")
    );
    server.stop();
}

#[test]
fn editor_temporary_files_cause_no_rebuild() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let builds = server.builds();
    for name in [
        ".first.es.md.swp",
        "first.es.md~",
        "4913",
        ".#first.es.md",
        "#first.es.md#",
    ] {
        site.write(&format!("content/guide/{name}"), "junk");
    }
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(server.builds(), builds, "no rebuild for editor temp files");
    // And reading files (as every build does) is not a change either.
    get(server.addr(), "/es/index.html");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.builds(), builds);
    server.stop();
}

#[test]
fn a_burst_of_twenty_saves_makes_at_most_two_rebuilds() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let builds = server.builds();
    let mut events = Events::connect(server.addr());
    for i in 0..20 {
        site.write(
            "content/guide/second.es.md",
            format!("+++\ntitle = \"Segunda {i}\"\n+++\n"),
        );
    }
    // A save caught half-written may show a problem first; the burst ends in a reload of the
    // page. The events are read until none comes for a while, time for a stray third rebuild
    // to show: an absence cannot be waited on otherwise.
    let mut seen = Vec::new();
    let mut wait = WAIT;
    while let Some((name, data)) = events.next(wait) {
        seen.push(name.clone());
        if name == "reload" || data.contains("es/guide/second/index.html") {
            wait = Duration::from_millis(600);
        }
    }
    assert!(
        seen.iter().any(|n| n == "reload" || n == "reload-pages"),
        "{seen:?}"
    );
    let extra = server.builds() - builds;
    assert!(extra <= 2, "{extra} rebuilds for one burst of saves");
    assert!(
        get(server.addr(), "/es/guide/second/index.html")
            .body
            .contains("Segunda 19")
    );
    server.stop();
}

#[test]
fn a_stylesheet_change_swaps_the_css_without_a_reload() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let mut events = Events::connect(server.addr());
    let path = site.root().join("themes/default/static/style.css");
    let css = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, css.replace("--ink: #1b1b1b;", "--ink: #111111;")).unwrap();
    let (name, data) = events.next(WAIT).expect("an event after the CSS edit");
    assert_eq!(name, "css");
    let file = serde_json::from_str::<serde_json::Value>(&data).unwrap()["file"]
        .as_str()
        .unwrap()
        .to_string();
    let served = get(server.addr(), &format!("/assets/{file}"));
    assert_eq!(served.status, 200);
    assert!(served.body.contains("#111"), "{}", served.body);
    server.stop();
}

#[test]
fn the_server_starts_when_the_first_build_fails_and_recovers() {
    let site = Site::fixture("minimal");
    site.write("content/guide/first.es.md", "+++\ntitle = \n+++\n");
    let server = start(&site);
    let addr = server.addr();
    let page = get(addr, "/es/index.html");
    assert_eq!(page.status, 503);
    assert!(
        page.body.contains("content/guide/first.es.md:2"),
        "{}",
        page.body
    );
    assert!(page.body.contains("/_amparo/live.js"));
    let mut events = Events::connect(addr);
    assert_eq!(events.next(WAIT).unwrap().0, "problems");
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n",
    );
    assert_eq!(events.next(WAIT).expect("reload after the fix").0, "reload");
    assert_eq!(get(addr, "/es/index.html").status, 200);
    server.stop();
}

#[test]
fn a_folder_of_pages_moved_in_is_served_and_moved_away_is_gone() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let addr = server.addr();
    let mut events = Events::connect(addr);
    // Made outside the watched folders, then moved in: one event for the folder, none for
    // the files in it.
    let page = "+++\ntitle = \"Juegos\"\n+++\nA jugar.\n";
    site.write("staging/games/_index.es.md", page);
    site.write("staging/games/ball.es.md", page.replace("Juegos", "Pelota"));
    let (staged, moved) = (
        site.root().join("staging/games"),
        site.root().join("content/games"),
    );
    std::fs::rename(&staged, &moved).unwrap();
    // Events are read until one reloads the page (the rest of an update comes after it).
    let mut reloaded = |what: &str| {
        while let Some((_, data)) = events.next(WAIT) {
            if data.contains("es/games/ball/index.html") {
                return;
            }
        }
        panic!("no reload of the page after the folder was moved {what}");
    };
    reloaded("in");
    assert!(
        get(addr, "/es/games/ball/index.html")
            .body
            .contains("A jugar.")
    );
    std::fs::rename(&moved, &staged).unwrap();
    reloaded("away");
    assert_eq!(get(addr, "/es/games/ball/index.html").status, 404);
    server.stop();
}

#[test]
fn deleting_and_breaking_files_never_stops_the_server() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let addr = server.addr();
    let mut events = Events::connect(addr);
    site.remove("content/guide/second.es.md");
    assert!(events.next(WAIT).is_some());
    std::fs::rename(
        site.root().join("content/guide/first.en.md"),
        site.root().join("content/guide/renamed.en.md"),
    )
    .unwrap();
    assert!(events.next(WAIT).is_some());
    site.write("locales/es.toml", "tag = \"es\"\nendonym = = \n");
    assert_eq!(events.next(WAIT).unwrap().0, "problems");
    site.remove("content/guide");
    assert!(events.next(WAIT).is_some());
    assert_eq!(
        get(addr, "/es/index.html").status,
        200,
        "still serving the last good site"
    );
    server.stop();
}

#[test]
fn polling_mode_sees_edits_too() {
    let site = Site::fixture("minimal");
    let opts = amparo::serve::ServeOptions {
        poll: true,
        ..site.serve_options()
    };
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let server = Server::start(opts, move |e| log.lock().unwrap().push(format!("{e:?}"))).unwrap();
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .any(|e| e.starts_with("Polling")),
        "it says it polls"
    );
    let mut events = Events::connect(server.addr());
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\nSondeo.\n",
    );
    assert_eq!(
        events.next(WAIT).expect("a reload while polling").0,
        "reload-pages"
    );
    assert!(
        get(server.addr(), "/es/guide/first/index.html")
            .body
            .contains("Sondeo.")
    );
    // A second save of the same size within the same second is seen too.
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\nSondeo!\n",
    );
    // Only the text changed: the pages that show it are told to reload (after the first
    // update's booklet and search page).
    let (name, _) = std::iter::from_fn(|| events.next(WAIT))
        .find(|(_, data)| data.contains("es/guide/first/index.html"))
        .expect("a second reload while polling");
    assert_eq!(name, "reload-pages");
    assert!(
        get(server.addr(), "/es/guide/first/index.html")
            .body
            .contains("Sondeo!")
    );
    server.stop();
}

#[test]
fn a_taken_default_port_falls_back_to_a_free_one() {
    let site = Site::fixture("minimal");
    let holder = std::net::TcpListener::bind(("127.0.0.1", amparo::serve::DEFAULT_PORT));
    let opts = amparo::serve::ServeOptions {
        port: None,
        ..site.serve_options()
    };
    let server = Server::start(opts, |_| {}).expect("starts on another port");
    assert_ne!(server.addr().port(), amparo::serve::DEFAULT_PORT);
    assert_eq!(get(server.addr(), "/es/index.html").status, 200);
    drop(holder);
    server.stop();
}

#[test]
fn the_check_report_page_shows_the_files_as_they_are_now() {
    let site = Site::fixture("check-clean");
    let server = start(&site);
    let addr = server.addr();
    let page = get(addr, "/_amparo/report");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("0 error(s), 0 warning(s)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("/_amparo/live.js"),
        "it reloads after rebuilds"
    );
    site.write(
        "content/guide/vague.es.md",
        "+++\ntitle = \"Vago\"\n+++\n\nLee [aquí](steps.md).\n",
    );
    let page = get(addr, "/_amparo/report");
    assert!(page.body.contains("a11y/link-text"), "{}", page.body);
    assert!(
        page.body.contains("content/guide/vague.es.md"),
        "{}",
        page.body
    );
    assert!(page.body.contains("line 5, column 5"), "{}", page.body);
}

#[test]
fn a_text_edit_reloads_only_the_pages_that_show_it_then_their_booklets_and_search() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let builds = server.builds();
    let mut events = Events::connect(server.addr());
    let text = std::fs::read_to_string(site.root().join("content/guide/first.es.md")).unwrap();
    site.write(
        "content/guide/first.es.md",
        format!("{text}\nTexto nuevo.\n"),
    );
    let (name, data) = events.next(WAIT).expect("the pages are told");
    assert_eq!(name, "reload-pages");
    let pages: Vec<String> = serde_json::from_str(&data).unwrap();
    // The page first; then the booklet, and the search page, whose index holds its text.
    assert_eq!(pages, vec!["es/guide/first/index.html"]);
    let (name, data) = events.next(WAIT).expect("then the booklet");
    assert_eq!(name, "reload-pages");
    let mut pages: Vec<String> = serde_json::from_str(&data).unwrap();
    pages.sort();
    assert_eq!(pages, vec!["es/print/index.html", "es/search/index.html"]);
    assert!(
        get(server.addr(), "/es/guide/first/index.html")
            .body
            .contains("Texto nuevo.")
    );
    assert!(
        get(server.addr(), "/es/print/index.html")
            .body
            .contains("Texto nuevo.")
    );
    assert_eq!(server.builds(), builds + 1);
}

#[test]
fn a_client_that_never_finishes_its_request_is_closed() {
    use amparo::serve::http::HEADER_TIMEOUT;
    use std::io::{Read, Write};
    let site = Site::fixture("minimal");
    let server = start(&site);
    let mut events = Events::connect(server.addr());
    let mut slow = std::net::TcpStream::connect(server.addr()).unwrap();
    slow.write_all(b"GET /es/index.html HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let started = std::time::Instant::now();
    // A byte every half second, as a slow client sends, until the server hangs up.
    let closed = loop {
        if started.elapsed() > HEADER_TIMEOUT + Duration::from_secs(5) {
            break None;
        }
        let mut buf = [0u8; 1024];
        match slow.write_all(b"a").and_then(|_| slow.read(&mut buf)) {
            Ok(0) => break Some(started.elapsed()),
            Ok(_) => {} // an error response comes before the end
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break Some(started.elapsed()),
        }
    };
    let closed = closed.expect("a request header that never ends is cut off");
    assert!(
        closed >= HEADER_TIMEOUT - Duration::from_secs(1),
        "closed after {closed:?}, before the client had its time"
    );
    assert_eq!(get(server.addr(), "/es/index.html").status, 200);
    // A live-reload stream is a response still being written, not a request: it stays open.
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\nDespués.\n",
    );
    assert!(
        events.next(WAIT).is_some(),
        "the live-reload stream outlived the header timeout"
    );
    server.stop();
}

#[test]
fn the_share_pages_zips_are_served_in_the_preview() {
    let site = Site::fixture("minimal");
    let server = start(&site);
    let addr = server.addr();
    let share = get(addr, "/es/share/index.html");
    assert_eq!(share.status, 200);
    let links = attrs(&share.body, "a[href$='.zip']", "href");
    assert!(!links.is_empty(), "{}", share.body);
    for href in links {
        let path = format!("/{}", href.trim_start_matches("../"));
        let zip = get(addr, &path);
        assert_eq!(zip.status, 200, "{path}");
        assert_eq!(
            zip.header("content-type"),
            Some("application/zip"),
            "{path}"
        );
        assert!(zip.body.starts_with("PK"), "{path}");
    }
    assert_eq!(get(addr, "/amparo-fr.zip").status, 404);
    server.stop();
}

#[test]
fn a_taken_port_is_said_at_once_with_what_to_do() {
    let site = Site::fixture("minimal");
    let holder = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = holder.local_addr().unwrap().port();
    let opts = amparo::serve::ServeOptions {
        port: Some(port),
        ..site.serve_options()
    };
    let built = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = built.clone();
    let Err(e) = Server::start(opts, move |_| {
        seen.store(true, std::sync::atomic::Ordering::SeqCst)
    }) else {
        panic!("the port is taken");
    };
    let said = e.to_string();
    assert!(
        said.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{said}"
    );
    assert!(said.contains("--port 0 for any free one"), "{said}");
    assert!(
        std::error::Error::source(&e).is_none(),
        "the cause is said once"
    );
    assert!(
        !built.load(std::sync::atomic::Ordering::SeqCst),
        "no build before the port"
    );
    drop(holder);
}

#[test]
fn a_first_build_that_fails_does_not_speak_of_a_last_good_site() {
    let site = Site::fixture("minimal");
    site.write("content/guide/first.es.md", "+++\ntitle = \n+++\n");
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = events.clone();
    let server = Server::start(site.serve_options(), move |e| {
        if let amparo::serve::ServeEvent::Failed {
            serving_last_good, ..
        } = e
        {
            log.lock().unwrap().push(serving_last_good);
        }
    })
    .expect("the server starts");
    assert_eq!(*events.lock().unwrap(), [false]);
    let mut live = Events::connect(server.addr());
    assert_eq!(live.next(WAIT).unwrap().0, "problems");
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n",
    );
    assert_eq!(live.next(WAIT).expect("a reload").0, "reload");
    site.write("content/guide/first.es.md", "+++\ntitle = \n+++\n");
    let deadline = std::time::Instant::now() + WAIT;
    while events.lock().unwrap().len() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(*events.lock().unwrap(), [false, true]);
    server.stop();
}
