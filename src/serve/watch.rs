//! Watching the site's sources: `site.toml`, `content/`, `locales/` and `themes/`. Native file
//! events (notify; reads dropped, the rest gathered [`DEBOUNCE`] at a time) where they work;
//! where they do not, a poller that compares each file's size and modification time to the
//! nanosecond. (notify's own poller compares times in whole seconds, so it misses a second
//! save within the same second unless it reads every file on every poll, which is slow on the
//! network drives polling is for.)

use crate::load::content::is_ignored;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Unbounded};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

/// Bursts of events closer than this make one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
const POLL_EVERY: Duration = Duration::from_millis(250);
const WATCHED_DIRS: [&str; 3] = ["content", "locales", "themes"];

/// A message to the rebuild loop.
#[derive(Debug)]
pub enum Msg {
    /// Source files changed (already filtered).
    Changed(Vec<PathBuf>),
    /// The watcher failed; the text says why.
    WatchError(String),
    /// The server is stopping: the loop ends.
    Stop,
    /// A share page's zip was asked for (`amparo-es.zip`): made from the last good build and
    /// sent back, or `None` when there is none.
    Zip(String, Sender<Option<Vec<u8>>>),
}

/// A running watcher of one kind or the other.
pub enum SourceWatcher {
    /// Native file events, the source folders watched so far, and how many bursts of events
    /// were handled.
    Native(notify::RecommendedWatcher, Vec<PathBuf>, Arc<AtomicUsize>),
    /// The poller, where native events cannot start or polling was asked for.
    Polling(Poller),
}

impl SourceWatcher {
    /// Starts watching `root`. Uses polling when asked to or when native events cannot start;
    /// the second value says why it fell back.
    pub fn start(
        root: &Path,
        poll: bool,
        tx: Sender<Msg>,
    ) -> Result<(SourceWatcher, Option<String>), String> {
        let mut fallback = None;
        if !poll {
            let bursts = Arc::new(AtomicUsize::new(0));
            let (events, gathered) = std::sync::mpsc::channel();
            let native = notify::recommended_watcher(move |event| {
                let _ = events.send(event);
            })
            .map_err(|e| e.to_string())
            .and_then(|mut w| watch_all(&mut w, root).map(|dirs| (w, dirs)));
            if native.is_ok() {
                let handler = move_handler(root.to_path_buf(), tx.clone(), bursts.clone());
                // Ends when the watcher is dropped, and with it the sender of `gathered`.
                std::thread::spawn(move || gather(&gathered, handler));
            }
            match native {
                Ok((d, dirs)) => return Ok((SourceWatcher::Native(d, dirs, bursts), None)),
                Err(e) => {
                    fallback = Some(format!(
                        "native file events are not available here ({e}); polling every {} ms instead",
                        POLL_EVERY.as_millis()
                    ))
                }
            }
        }
        Ok((
            SourceWatcher::Polling(Poller::start(root.to_path_buf(), tx)),
            fallback,
        ))
    }

    /// Watches source folders created after the start (a new `locales/`), and only those:
    /// watching a folder again would reset what the poller compares against.
    pub fn rewatch(&mut self, root: &Path) {
        let SourceWatcher::Native(d, watched, _) = self else {
            return; // the poller walks the folders afresh every time
        };
        for dir in WATCHED_DIRS {
            let p = root.join(dir);
            if p.is_dir() && !watched.contains(&p) && d.watch(&p, RecursiveMode::Recursive).is_ok()
            {
                watched.push(p);
            }
        }
    }
}

/// Watches the root (for `site.toml` and new folders) and each source folder; returns the
/// folders watched.
fn watch_all(w: &mut dyn Watcher, root: &Path) -> Result<Vec<PathBuf>, String> {
    w.watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    let mut dirs = Vec::new();
    for dir in WATCHED_DIRS {
        let p = root.join(dir);
        if p.is_dir() {
            w.watch(&p, RecursiveMode::Recursive)
                .map_err(|e| e.to_string())?;
            dirs.push(p);
        }
    }
    Ok(dirs)
}

/// Whether an event can mean a change. Reads cannot: a build opens every source, and the
/// watcher itself reads a folder that had an event (were reads events, that would never end).
/// A file closed after writing can.
fn can_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Hands on the paths of the events that can mean a change, in bursts: all those that come
/// within [`DEBOUNCE`] of the first, each path once. An error is handed on at once.
fn gather(
    events: &Receiver<notify::Result<notify::Event>>,
    mut handle: impl FnMut(Result<Vec<PathBuf>, String>),
) {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut deadline: Option<Instant> = None;
    loop {
        let next = match deadline {
            None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(at) => events.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        match next {
            Ok(Ok(event)) if can_change(&event.kind) => {
                deadline.get_or_insert_with(|| Instant::now() + DEBOUNCE);
                paths.extend(event.paths);
            }
            Ok(Ok(_)) => {}
            Ok(Err(e)) => handle(Err(e.to_string())),
            Err(RecvTimeoutError::Timeout) => {
                deadline = None;
                paths.sort();
                paths.dedup();
                handle(Ok(std::mem::take(&mut paths)));
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn move_handler(
    root: PathBuf,
    tx: Sender<Msg>,
    bursts: Arc<AtomicUsize>,
) -> impl FnMut(Result<Vec<PathBuf>, String>) + Send + 'static {
    let mut seen = Fingerprints::seed(&root);
    move |result: Result<Vec<PathBuf>, String>| {
        bursts.fetch_add(1, Ordering::SeqCst);
        let msg = match result {
            Ok(events) => {
                let mut paths: Vec<PathBuf> = Vec::new();
                for path in events {
                    if is_source(&root, &path) {
                        paths.extend(seen.changed_at(&path, |p| is_source(&root, p)));
                    }
                }
                if paths.is_empty() {
                    return;
                }
                Msg::Changed(paths)
            }
            Err(e) => Msg::WatchError(e),
        };
        let _ = tx.send(msg);
    }
}

/// Polls the sources every [`POLL_EVERY`] on a thread of its own, until dropped.
pub struct Poller {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Poller {
    fn start(root: PathBuf, tx: Sender<Msg>) -> Poller {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        // Seeded before returning, so a save right after the start is seen as a change.
        let mut seen = Fingerprints::seed(&root);
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                std::thread::sleep(POLL_EVERY);
                let now = Fingerprints::seed(&root);
                let changed: Vec<PathBuf> = seen
                    .diff(&now)
                    .into_iter()
                    .filter(|p| is_source(&root, p))
                    .collect();
                seen = now;
                if !changed.is_empty() && tx.send(Msg::Changed(changed)).is_err() {
                    return;
                }
            }
        });
        Poller {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The size and modification time of every source file, in path order. A path counts as
/// changed only when these differ: a save can leave a file as it was, and a folder's event
/// names every file in it.
struct Fingerprints(BTreeMap<PathBuf, (Option<SystemTime>, u64)>);

impl Fingerprints {
    fn seed(root: &Path) -> Fingerprints {
        let mut map = BTreeMap::new();
        let dirs = WATCHED_DIRS.iter().map(|d| root.join(d));
        for entry in dirs.flat_map(walkdir::WalkDir::new).flatten() {
            if let Some(f) = fingerprint(entry.path()) {
                map.insert(entry.path().to_path_buf(), f);
            }
        }
        if let Some(f) = fingerprint(&root.join("site.toml")) {
            map.insert(root.join("site.toml"), f);
        }
        Fingerprints(map)
    }

    /// The files created, removed or changed between `self` and `now`.
    fn diff(&self, now: &Fingerprints) -> Vec<PathBuf> {
        let changed = now
            .0
            .iter()
            .filter(|(p, f)| self.0.get(*p) != Some(*f))
            .map(|(p, _)| p.clone());
        let removed = self.0.keys().filter(|p| !now.0.contains_key(*p)).cloned();
        changed.chain(removed).collect()
    }

    /// The files at or below `path` created, removed or changed since they were last seen: a
    /// folder moved in, or made with files in it, brings one event and none for its files
    /// (they can be there before the folder is watched).
    /// Only the files `keep` accepts count.
    fn changed_at(&mut self, path: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        let mut found = Vec::new();
        if path.is_dir() {
            let files = walkdir::WalkDir::new(path).into_iter().flatten();
            let files = files.filter(|e| e.file_type().is_file());
            found.extend(files.map(walkdir::DirEntry::into_path));
        } else {
            found.push(path.to_path_buf());
        }
        if !path.is_file() {
            // A folder moved away or deleted brings one event: the files seen in it are gone.
            // (In path order, the paths below a folder follow it.)
            let below = self.0.range::<Path, _>((Excluded(path), Unbounded));
            let below = below.take_while(|(p, _)| p.starts_with(path));
            found.extend(below.map(|(p, _)| p.clone()));
            found.sort();
            found.dedup();
        }
        found.retain(|p| keep(p) && self.changed(p));
        found
    }

    /// Whether `path` was created, removed or changed since it was last seen.
    fn changed(&mut self, path: &Path) -> bool {
        let now = fingerprint(path);
        let before = match &now {
            Some(f) => self.0.insert(path.to_path_buf(), *f),
            None => self.0.remove(path),
        };
        match (before, now) {
            (Some(a), Some(b)) => a != b,
            (None, Some(_)) => !path.is_dir(),
            (Some(_), None) => true,
            (None, None) => false,
        }
    }
}

fn fingerprint(path: &Path) -> Option<(Option<SystemTime>, u64)> {
    let m = std::fs::metadata(path).ok()?;
    m.is_file().then(|| (m.modified().ok(), m.len()))
}

/// Whether a changed path (under the canonical `root`) can change the site: `site.toml`, or a file under a watched folder
/// that is neither hidden nor an editor's temporary file.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let rel = match path.strip_prefix(root) {
        Ok(r) => r,
        Err(_) => return false,
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.first().map(String::as_str) {
        Some("site.toml") => parts.len() == 1,
        Some(first) if WATCHED_DIRS.contains(&first) => !parts.iter().any(|p| is_ignored(p)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_and_other_folders_are_not_sources() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/site.toml")));
        assert!(is_source(root, Path::new("/site/content/a.es.md")));
        assert!(is_source(
            root,
            Path::new("/site/themes/default/static/style.css")
        ));
        for p in [
            "/site/content/.a.es.md.swp",
            "/site/content/a.es.md~",
            "/site/content/4913",
            "/site/content/.#a.es.md",
            "/site/public/es/index.html",
            "/site/target/x",
            "/site/README.md",
        ] {
            assert!(!is_source(root, Path::new(p)), "{p}");
        }
    }

    /// A build reads every source, and reading a folder is no change: were reads events, the
    /// watcher would walk the folders they name, reading them again, without end.
    #[test]
    fn reading_the_sources_is_no_event_and_a_save_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let page = root.join("content/rights/asylum.es.md");
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(&page, "+++\ntitle = \"Asilo\"\n+++\n").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let (watcher, fallback) = SourceWatcher::start(&root, false, tx).unwrap();
        let SourceWatcher::Native(_, _, bursts) = &watcher else {
            panic!("no native events here: {fallback:?}");
        };
        for _ in 0..3 {
            for entry in walkdir::WalkDir::new(&root).into_iter().flatten() {
                if entry.file_type().is_file() {
                    std::fs::read(entry.path()).unwrap();
                }
            }
        }
        std::thread::sleep(DEBOUNCE * 6);
        assert_eq!(
            bursts.load(Ordering::SeqCst),
            0,
            "reads were taken as events"
        );
        std::fs::write(&page, "+++\ntitle = \"Pedir asilo\"\n+++\n").unwrap();
        match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(Msg::Changed(paths)) => assert_eq!(paths, [page]),
            other => panic!("the save was not seen: {other:?}"),
        }
        drop(watcher);
    }
}
