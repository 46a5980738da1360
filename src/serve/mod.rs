//! `amparo serve`: builds the site in memory, serves it on loopback, rebuilds on every saved
//! change and tells open pages to reload, or shows them what broke.
//!
//! Three parts: [`watch`] turns file events into rebuild requests, the rebuild loop (here) runs
//! the same pipeline as `amparo build` and swaps the result into [`state::Shared`], and [`http`]
//! serves that snapshot with the live-reload stream on the same port. The library prints
//! nothing: it reports through the [`ServeEvent`] callback.

pub mod http;
pub mod state;
pub mod watch;

use crate::diagnostics::Diagnostics;
use state::{LiveEvent, Shared, Snapshot};
use std::cell::RefCell;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::TryRecvError;
use std::sync::{Arc, mpsc};
use std::time::Instant;
use watch::{Msg, SourceWatcher};

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 4173;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder, holding `site.toml`.
    pub root: PathBuf,
    /// The address to listen on; anything but loopback lets other devices see the preview.
    pub bind: IpAddr,
    /// `None`: the default port, or any free one if it is taken.
    pub port: Option<u16>,
    /// Poll for changes instead of using native file events.
    pub poll: bool,
    /// Serve pages marked `draft = true` too.
    pub include_drafts: bool,
}

/// What happened, for the caller to show.
#[derive(Debug, Clone)]
pub enum ServeEvent {
    /// A build succeeded (the first one, or a rebuild).
    Built {
        /// HTML pages rendered: all of them, or those an update rendered before its reload (the
        /// booklets, search and other pages it reaches come after, and are not counted).
        pages: usize,
        /// How long the build took, in milliseconds.
        millis: u128,
        /// Problems that did not stop the build; none after an update of page text.
        warnings: Diagnostics,
    },
    /// A build failed; the last good site stays served, if there is one.
    Failed {
        /// How long the build took before it failed, in milliseconds.
        millis: u128,
        /// Whether an earlier build succeeded, so its site is still served; `false` when the
        /// preview has only the problems to show.
        serving_last_good: bool,
        /// Every problem found, also shown over the open pages.
        diagnostics: Diagnostics,
    },
    /// The watcher uses polling, and why.
    Polling {
        /// Why, in a sentence.
        reason: String,
    },
    /// The watcher reported an error.
    WatchError {
        /// The watcher's error, as it gave it.
        message: String,
    },
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be listened on: taken, or not this computer's.
    #[error("cannot listen on {addr}: {cause}{}", bind_hint(cause))]
    Bind {
        /// The address tried.
        addr: SocketAddr,
        /// The operating system's error (shown in the message, not as a second cause).
        cause: std::io::Error,
    },
    /// The site's files could not be watched; the text says why.
    #[error("cannot watch the site's files: {0}")]
    Watch(String),
    /// The server's runtime or its listening socket could not be set up.
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
}

/// A running preview server.
pub struct Server {
    addr: SocketAddr,
    languages: Vec<String>,
    runtime: Option<tokio::runtime::Runtime>,
    stop_http: Option<tokio::sync::oneshot::Sender<()>>,
    rebuild_tx: mpsc::Sender<Msg>,
    rebuild_thread: Option<std::thread::JoinHandle<()>>,
    shared: Arc<Shared>,
    builds: Arc<AtomicUsize>,
    ctrl_c: Option<CtrlC>,
}

#[cfg(unix)]
type CtrlC = tokio::signal::unix::Signal;
#[cfg(windows)]
type CtrlC = tokio::signal::windows::CtrlC;

type Callback = Arc<dyn Fn(ServeEvent) + Send + Sync>;

impl Server {
    /// Builds the site, starts watching and serving. Returns once the server listens.
    pub fn start(
        opts: ServeOptions,
        on_event: impl Fn(ServeEvent) + Send + Sync + 'static,
    ) -> Result<Server, ServeError> {
        let on_event: Callback = Arc::new(on_event);
        let root = opts
            .root
            .canonicalize()
            .unwrap_or_else(|_| opts.root.clone());
        // The port first: a taken port is said at once, not after a whole build.
        let listener = bind(opts.bind, opts.port)?;
        let shared = Arc::new(Shared::for_site(&root, opts.include_drafts));
        let builds = Arc::new(AtomicUsize::new(0));
        let preview = rebuild(
            &root,
            opts.include_drafts,
            &shared,
            &on_event,
            &builds,
            false,
        );
        let addr = listener.local_addr().map_err(ServeError::Runtime)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(ServeError::Runtime)?;
        let (stop_http, stopped) = tokio::sync::oneshot::channel::<()>();
        listener
            .set_nonblocking(true)
            .map_err(ServeError::Runtime)?;
        let listener = runtime
            .block_on(async { tokio::net::TcpListener::from_std(listener) })
            .map_err(ServeError::Runtime)?;
        let app = http::router(shared.clone());
        runtime.spawn(http::serve(listener, app, stopped));
        let (tx, rx) = mpsc::channel();
        if let Ok(mut zips) = shared.zips.lock() {
            *zips = Some(tx.clone());
        }
        let (watcher, fallback) =
            SourceWatcher::start(&root, opts.poll, tx.clone()).map_err(ServeError::Watch)?;
        if let Some(reason) = fallback.or_else(|| {
            opts.poll
                .then(|| "polling for changes, as asked".to_string())
        }) {
            on_event(ServeEvent::Polling { reason });
        }
        let thread = {
            let (shared, builds, on_event) = (shared.clone(), builds.clone(), on_event.clone());
            std::thread::spawn(move || {
                rebuild_loop(
                    root,
                    opts.include_drafts,
                    preview,
                    watcher,
                    rx,
                    shared,
                    on_event,
                    builds,
                )
            })
        };
        Ok(Server {
            addr,
            languages: shared.snapshot().languages.clone(),
            runtime: Some(runtime),
            stop_http: Some(stop_http),
            rebuild_tx: tx,
            rebuild_thread: Some(thread),
            shared,
            builds,
            ctrl_c: None,
        })
    }

    /// The address the server listens on, with the port it got.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// One address per language, then the language chooser.
    pub fn urls(&self) -> Vec<String> {
        let base = format!("http://{}", self.addr);
        let mut urls: Vec<String> = self
            .languages
            .iter()
            .map(|l| format!("{base}/{l}/index.html"))
            .collect();
        urls.push(format!("{base}/index.html"));
        urls
    }

    /// How many builds have run (the first one included).
    pub fn builds(&self) -> usize {
        self.builds.load(Ordering::SeqCst)
    }

    /// Catches Ctrl-C from now on: one pressed before `run_until_ctrl_c` waits for it stops the
    /// server cleanly too, instead of ending the process. The command calls it before it prints
    /// the addresses; the library never does unless asked, since a handler is for the whole
    /// process.
    pub fn catch_ctrl_c(&mut self) -> std::io::Result<()> {
        if self.ctrl_c.is_some() {
            return Ok(());
        }
        let Some(rt) = &self.runtime else {
            return Ok(());
        };
        let _in_runtime = rt.enter();
        #[cfg(unix)]
        let ctrl_c = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        #[cfg(windows)]
        let ctrl_c = tokio::signal::windows::ctrl_c()?;
        self.ctrl_c = Some(ctrl_c);
        Ok(())
    }

    /// Serves until Ctrl-C, then stops cleanly.
    pub fn run_until_ctrl_c(mut self) {
        if self.catch_ctrl_c().is_ok()
            && let (Some(rt), Some(ctrl_c)) = (&self.runtime, self.ctrl_c.as_mut())
        {
            rt.block_on(ctrl_c.recv());
        }
        self.shutdown();
    }

    /// Stops serving and watching.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.rebuild_tx.send(Msg::Stop);
        if let Some(t) = self.rebuild_thread.take() {
            let _ = t.join();
        }
        let _ = self.shared.events.send(LiveEvent::Shutdown);
        if let Some(s) = self.stop_http.take() {
            let _ = s.send(());
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(std::time::Duration::from_secs(2));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Who else can reach a server bound to `bind`: this computer's network addresses that `bind`
/// covers, loopback left out. Empty for a loopback address. `0.0.0.0` covers every IPv4
/// address; `::` every address, since it takes IPv4 connections too where the system allows.
pub fn reachable_addresses(bind: IpAddr) -> Vec<IpAddr> {
    if bind.is_loopback() {
        return Vec::new();
    }
    if !bind.is_unspecified() {
        return vec![bind];
    }
    let mut found: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .iter()
        .map(if_addrs::Interface::ip)
        .filter(|ip| !ip.is_loopback() && (bind.is_ipv6() || ip.is_ipv4()))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// What to do when an address cannot be listened on.
fn bind_hint(cause: &std::io::Error) -> &'static str {
    match cause.kind() {
        std::io::ErrorKind::AddrInUse => {
            ". Another program uses this port (perhaps another `amparo serve`): stop it, choose another port with --port, or use --port 0 for any free one"
        }
        std::io::ErrorKind::AddrNotAvailable => {
            ". This computer has no such address: use --bind 127.0.0.1, or one of this computer's addresses"
        }
        std::io::ErrorKind::PermissionDenied => {
            ". Ports below 1024 need special rights: choose a port above 1024 with --port, or --port 0"
        }
        _ => "",
    }
}

/// Binds the address; without an explicit port, falls back to any free port.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener, ServeError> {
    let wanted = SocketAddr::new(ip, port.unwrap_or(DEFAULT_PORT));
    match TcpListener::bind(wanted) {
        Ok(l) => Ok(l),
        Err(_) if port.is_none() => {
            let any = SocketAddr::new(ip, 0);
            TcpListener::bind(any).map_err(|cause| ServeError::Bind { addr: any, cause })
        }
        Err(cause) => Err(ServeError::Bind {
            addr: wanted,
            cause,
        }),
    }
}

#[allow(clippy::too_many_arguments)]
fn rebuild_loop(
    root: PathBuf,
    drafts: bool,
    mut preview: Option<crate::Preview>,
    mut watcher: SourceWatcher,
    rx: mpsc::Receiver<Msg>,
    shared: Arc<Shared>,
    on_event: Callback,
    builds: Arc<AtomicUsize>,
) {
    // A message that came while the rest of an update was made: taken first.
    let waiting: RefCell<Option<Msg>> = RefCell::new(None);
    loop {
        let taken = waiting.take();
        let msg = match (taken, &mut preview) {
            (Some(msg), _) => msg,
            (None, Some(p)) if p.has_rest() => match rx.try_recv() {
                Ok(msg) => msg,
                Err(TryRecvError::Empty) => {
                    // Nothing waits: the rest of the last updates, until something does.
                    let stop = || waiting.borrow().is_some() || stash(&rx, &waiting);
                    if !finish_rest(p, &shared, &stop) {
                        preview = rebuild(&root, drafts, &shared, &on_event, &builds, false);
                    }
                    continue;
                }
                Err(TryRecvError::Disconnected) => return,
            },
            (None, _) => match rx.recv() {
                Ok(msg) => msg,
                Err(_) => return,
            },
        };
        let mut changed = Vec::new();
        let mut next = Some(msg);
        // Coalesce everything already waiting into one rebuild.
        while let Some(m) = next {
            match m {
                Msg::Stop => return,
                Msg::Changed(paths) => changed.extend(paths),
                Msg::WatchError(message) => on_event(ServeEvent::WatchError { message }),
                Msg::Zip(name, reply) => {
                    let _ = reply.send(preview.as_ref().and_then(|p| p.zip(&name)));
                }
            }
            next = rx.try_recv().ok();
        }
        if changed.is_empty() {
            continue;
        }
        watcher.rewatch(&root);
        let css_only = changed
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "css"));
        if let Some(p) = preview.as_mut()
            && update(p, &changed, &shared, &on_event, &builds)
        {
            continue;
        }
        preview = rebuild(&root, drafts, &shared, &on_event, &builds, css_only);
    }
}

/// Renders only what an edit changed, when it is an edit to content or a locale: the pages,
/// served and reloaded at once. The rest (booklets, search, the 404 pages, pages not open when
/// a UI string changed many) is left to [`finish_rest`], made while no other save waits. False
/// when the whole site must be built again.
fn update(
    preview: &mut crate::Preview,
    changed: &[PathBuf],
    shared: &Shared,
    on_event: &Callback,
    builds: &AtomicUsize,
) -> bool {
    let started = Instant::now();
    let Some(pages) = preview.update_showing(changed, &shared.open_pages.now()) else {
        return false;
    };
    // Counted before the reload goes out, as a whole rebuild is counted before its reload:
    // whoever hears a reload sees the update counted.
    builds.fetch_add(1, Ordering::SeqCst);
    install(shared, &pages);
    on_event(ServeEvent::Built {
        pages: pages.files.len(),
        millis: started.elapsed().as_millis(),
        warnings: pages.warnings,
    });
    true
}

/// Makes what updates left to render, until `stop` says a message waits, and serves it.
/// False when it fails: the whole site must be built again (and says why).
fn finish_rest(preview: &mut crate::Preview, shared: &Shared, stop: &dyn Fn() -> bool) -> bool {
    let Some(rest) = preview.rest_until(stop) else {
        return false;
    };
    if !rest.files.is_empty() || !rest.removed.is_empty() {
        install(shared, &rest);
    }
    true
}

/// Whether a message waits on `rx`; one that does is kept in `waiting`.
fn stash(rx: &mpsc::Receiver<Msg>, waiting: &RefCell<Option<Msg>>) -> bool {
    match rx.try_recv() {
        Ok(msg) => {
            *waiting.borrow_mut() = Some(msg);
            true
        }
        Err(_) => false,
    }
}

/// Serves the changed files in place of their older versions, stops serving the removed ones,
/// and reloads the pages that show one of them.
fn install(shared: &Shared, changes: &crate::preview::Changes) {
    let mut paths: Vec<String> = Vec::new();
    for path in changes
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(changes.removed.iter().map(String::as_str))
    {
        let page = crate::files::page_showing(path);
        // A search page reads many parts of its index, and is reloaded once.
        if !paths.contains(&page) {
            paths.push(page);
        }
    }
    shared.update(&changes.files, &changes.removed, &paths);
}

/// Builds the whole site and serves it; the state for later updates, when the build succeeded.
fn rebuild(
    root: &std::path::Path,
    drafts: bool,
    shared: &Shared,
    on_event: &Callback,
    builds: &AtomicUsize,
    css_only: bool,
) -> Option<crate::Preview> {
    let started = Instant::now();
    let result = crate::Preview::render(root, drafts);
    let millis = started.elapsed().as_millis();
    builds.fetch_add(1, Ordering::SeqCst);
    match result {
        Ok((files, warnings, preview)) => {
            let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
            shared.succeed(Snapshot::new(&files, &preview.site), css_only);
            on_event(ServeEvent::Built {
                pages,
                millis,
                warnings,
            });
            Some(preview)
        }
        Err(diagnostics) => {
            let serving_last_good = !shared.snapshot().files.is_empty();
            shared.fail(diagnostics.clone());
            on_event(ServeEvent::Failed {
                millis,
                serving_last_good,
                diagnostics,
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reachable_addresses;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    #[test]
    fn who_can_reach_the_preview() {
        assert!(reachable_addresses(Ipv4Addr::LOCALHOST.into()).is_empty());
        assert!(reachable_addresses(Ipv6Addr::LOCALHOST.into()).is_empty());
        let lan: IpAddr = Ipv4Addr::new(192, 168, 1, 20).into();
        assert_eq!(reachable_addresses(lan), vec![lan]);
        let all_v4 = reachable_addresses(Ipv4Addr::UNSPECIFIED.into());
        assert!(all_v4.iter().all(|ip| ip.is_ipv4() && !ip.is_loopback()));
        let all = reachable_addresses(Ipv6Addr::UNSPECIFIED.into());
        assert!(all.iter().all(|ip| !ip.is_loopback()));
        assert!(
            all_v4.iter().all(|ip| all.contains(ip)),
            "`::` covers IPv4 too"
        );
    }
}
