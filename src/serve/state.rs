//! What the preview server serves: an in-memory snapshot of the last good build, swapped whole
//! on every good rebuild, so every response is a complete page of one build and no request ever
//! reaches the filesystem.

use crate::diagnostics::Diagnostics;
use crate::files::{self, OutputFile};
use crate::model::Site;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// Served instead of the offline service worker: a preview must never show saved pages, so a
/// worker left from an earlier visit to this address removes itself.
const NO_WORKER: &str = "self.addEventListener('install',()=>self.skipWaiting());self.addEventListener('activate',e=>e.waitUntil(caches.keys().then(k=>Promise.all(k.map(n=>caches.delete(n)))).then(()=>self.registration.unregister())));";

/// The script tag injected into served pages, before `</body>`.
pub const LIVE_TAG: &str = "<script src=\"/_amparo/live.js\"></script>";

/// One good build, in memory.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    /// Output path (`es/index.html`) → bytes; HTML pages carry the live-reload script.
    pub files: HashMap<String, Arc<[u8]>>,
    /// The site's language tags, in order: the output's language folders.
    pub languages: Vec<String>,
    /// The site's default language; its 404 page answers paths outside every language folder.
    pub default_language: String,
    /// The main stylesheet's output path, `assets/style.<hash>.css`.
    pub stylesheet: Option<String>,
}

impl Snapshot {
    /// Takes a rendered site; content assets are read into memory here.
    pub fn new(rendered: &[OutputFile], site: &Site) -> Snapshot {
        let mut files = HashMap::with_capacity(rendered.len() + site.assets.len());
        for f in rendered {
            files.insert(f.path.clone(), served(f));
        }
        for a in &site.assets {
            if let Ok(bytes) = std::fs::read(&a.source) {
                files.insert(crate::files::media(&a.rel), Arc::from(bytes));
            }
        }
        Snapshot {
            stylesheet: rendered
                .iter()
                .map(|f| f.path.clone())
                .find(|p| p.starts_with("assets/style.") && p.ends_with(".css")),
            files,
            languages: site.config.language_tags(),
            default_language: site.config.default_language.to_string(),
        }
    }

    /// Replaces some files (as served) and removes others: an update that rendered only what
    /// changed.
    fn apply(&mut self, changed: Vec<(String, Arc<[u8]>)>, removed: &[String]) {
        self.files.extend(changed);
        for path in removed {
            self.files.remove(path);
        }
    }
}

/// A file as the preview serves it: pages with the live script, no offline worker.
fn served(f: &OutputFile) -> Arc<[u8]> {
    if f.path.ends_with(".html") {
        Arc::from(inject(&f.bytes))
    } else if f.path == files::SERVICE_WORKER {
        Arc::from(NO_WORKER.as_bytes())
    } else {
        Arc::from(f.bytes.as_slice())
    }
}

/// Adds the live-reload script to a page.
fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{LIVE_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{LIVE_TAG}").into_bytes(),
    }
}

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// A good rebuild: reload.
    Reload,
    /// An update of some pages only: reload if showing one of these output paths (JSON).
    ReloadPages(String),
    /// Only the stylesheet changed: swap it to this file name.
    Css(String),
    /// A failed rebuild: show these diagnostics (JSON) over the last good page.
    Problems(String),
    /// The server is stopping: close the stream.
    Shutdown,
}

/// The pages open in a browser now, by output file, with how many streams show each.
#[derive(Debug, Default)]
pub struct OpenPages(std::sync::Mutex<HashMap<String, usize>>);

impl OpenPages {
    /// Counts `page` as open until the returned guard is dropped (its stream closes).
    pub fn open(self: &Arc<Self>, page: String) -> OpenPage {
        if let Ok(mut m) = self.0.lock() {
            *m.entry(page.clone()).or_default() += 1;
        }
        OpenPage {
            pages: self.clone(),
            page,
        }
    }

    /// The pages open now.
    pub fn now(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// A page counted as open while this lives.
#[derive(Debug)]
pub struct OpenPage {
    pages: Arc<OpenPages>,
    page: String,
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        if let Ok(mut m) = self.pages.0.lock()
            && let Some(n) = m.get_mut(&self.page)
        {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.page);
            }
        }
    }
}

/// The state shared by the server and the rebuild loop.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    problems: RwLock<Option<Diagnostics>>,
    /// What open pages are told; each live-reload stream subscribes to it.
    pub events: broadcast::Sender<LiveEvent>,
    /// The pages shown by open live-reload streams: an update renders them first.
    pub open_pages: Arc<OpenPages>,
    /// The site being previewed, for the check report page.
    pub check: Option<crate::check::CheckOptions>,
    /// Where to ask for a share page's zip: the rebuild loop, which holds the site.
    pub zips: std::sync::Mutex<Option<std::sync::mpsc::Sender<super::watch::Msg>>>,
}

impl Shared {
    /// Nothing built yet, and no site to check.
    pub fn new() -> Shared {
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            problems: RwLock::new(None),
            events: broadcast::channel(64).0,
            open_pages: Arc::default(),
            check: None,
            zips: std::sync::Mutex::new(None),
        }
    }

    /// State for previewing the site at `root`.
    pub fn for_site(root: &std::path::Path, include_drafts: bool) -> Shared {
        Shared {
            check: Some(crate::check::CheckOptions {
                root: root.to_path_buf(),
                include_drafts,
            }),
            ..Shared::new()
        }
    }

    /// The build served now.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// The problems of the last build, if it failed.
    pub fn problems(&self) -> Option<Diagnostics> {
        self.problems.read().ok().and_then(|p| p.clone())
    }

    /// Installs a good build and tells open pages.
    pub fn succeed(&self, snapshot: Snapshot, css_only: bool) {
        let old_css = self.snapshot().stylesheet.clone();
        let new_css = snapshot.stylesheet.clone();
        if let Ok(mut s) = self.snapshot.write() {
            *s = Arc::new(snapshot);
        }
        let had_problems = self
            .problems
            .write()
            .map(|mut p| p.take().is_some())
            .unwrap_or(false);
        let event = match new_css {
            Some(css) if css_only && !had_problems && old_css.as_ref() != Some(&css) => {
                LiveEvent::Css(css.rsplit('/').next().unwrap_or(&css).to_string())
            }
            _ => LiveEvent::Reload,
        };
        let _ = self.events.send(event);
    }

    /// Installs an update of some files and tells the pages that show one of them.
    pub fn update(&self, changed: &[OutputFile], removed: &[String], pages: &[String]) {
        let changed = changed
            .iter()
            .map(|f| (f.path.clone(), served(f)))
            .collect();
        if let Ok(mut s) = self.snapshot.write() {
            // In place, unless a request still holds the snapshot: then on a copy of it.
            Arc::make_mut(&mut s).apply(changed, removed);
        }
        let json = serde_json::to_string(pages).unwrap_or_else(|_| "[]".into());
        let _ = self.events.send(LiveEvent::ReloadPages(json));
    }

    /// Records a failed build; the last good snapshot stays served.
    pub fn fail(&self, diagnostics: Diagnostics) {
        let json = serde_json::to_string(&diagnostics).unwrap_or_else(|_| "[]".into());
        if let Ok(mut p) = self.problems.write() {
            *p = Some(diagnostics);
        }
        let _ = self.events.send(LiveEvent::Problems(json));
    }
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_open_while_one_of_its_streams_is() {
        let open = Arc::new(OpenPages::default());
        let a = open.open("es/index.html".into());
        let b = open.open("es/index.html".into());
        assert_eq!(open.now(), vec!["es/index.html".to_string()]);
        drop(a);
        assert_eq!(open.now(), vec!["es/index.html".to_string()]);
        drop(b);
        assert!(open.now().is_empty());
    }

    #[test]
    fn the_script_goes_before_the_end_of_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert_eq!(out, format!("<html><body><p>x</p>{LIVE_TAG}</body></html>"));
    }

    #[test]
    fn a_stylesheet_only_change_swaps_css_instead_of_reloading() {
        let shared = Shared::new();
        let mut rx = shared.events.subscribe();
        let snap = |css: &str| Snapshot {
            stylesheet: Some(format!("assets/{css}")),
            ..Default::default()
        };
        shared.succeed(snap("style.aaaa.css"), false);
        assert_eq!(rx.try_recv().unwrap(), LiveEvent::Reload);
        shared.succeed(snap("style.bbbb.css"), true);
        assert_eq!(
            rx.try_recv().unwrap(),
            LiveEvent::Css("style.bbbb.css".into())
        );
        shared.fail(Diagnostics::default());
        assert!(matches!(rx.try_recv().unwrap(), LiveEvent::Problems(_)));
        shared.succeed(snap("style.cccc.css"), true);
        assert_eq!(
            rx.try_recv().unwrap(),
            LiveEvent::Reload,
            "after a failure the page reloads to clear the overlay"
        );
    }
}
