//! Offline: the service worker (`sw.js`, versioned from the content) and, per language, the list
//! of files it saves (`<lang>/offline.json`). Pure: it reads the rendered files, writes nothing.
//!
//! Service workers run only on HTTPS and localhost; a `file://` copy or a plain-HTTP shelter LAN
//! gets none, and the pages work the same without it.

use crate::files::{self, FileSum, OutputFile};

const WORKER: &str = include_str!("sw.js");

/// The service worker and one precache list per language, for the rendered files (`rendered`,
/// their sums: the worker's version is made of every path and hash).
pub fn files(rendered: &[FileSum], languages: &[String]) -> Vec<OutputFile> {
    let mut all: Vec<&FileSum> = rendered.iter().collect();
    all.sort_by(|a, b| a.path.cmp(&b.path));
    let hashes: Vec<[u8; 16]> = all.iter().map(|f| f.hash.to_le_bytes()).collect();
    let version = files::version_of(
        all.iter()
            .zip(&hashes)
            .flat_map(|(f, h)| [f.path.as_bytes(), h.as_slice()]),
    );
    let shared: Vec<&str> = all
        .iter()
        .map(|f| f.path.as_str())
        // Not the home-screen icons: children pay for every byte, and pages do not need them.
        .filter(|p| {
            *p == files::CHOOSER
                || (p.starts_with("assets/")
                    && [".css", ".js", ".html"].iter().any(|e| p.ends_with(e)))
        })
        .collect();
    let mut out = vec![OutputFile {
        path: files::SERVICE_WORKER.into(),
        bytes: WORKER.replace("__VERSION__", &version).into_bytes(),
    }];
    for lang in languages {
        let prefix = format!("{lang}/");
        let list: Vec<&str> = all
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| {
                p.starts_with(&prefix)
                    && (p.ends_with(".html") || p.ends_with(".webmanifest") || p.ends_with(".js"))
            })
            .chain(shared.iter().copied())
            .collect();
        out.push(OutputFile {
            path: files::offline_list(lang),
            bytes: serde_json::to_vec(&list).unwrap_or_default(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, text: &str) -> FileSum {
        FileSum::of(&OutputFile {
            path: path.into(),
            bytes: text.into(),
        })
    }

    #[test]
    fn each_language_saves_its_pages_and_the_shared_files() {
        let rendered = [
            f("index.html", "c"),
            f("es/index.html", "a"),
            f("es/x/index.html", "b"),
            f("en/index.html", "d"),
            f("assets/style.1.css", "e"),
        ];
        let out = files(&rendered, &["es".into(), "en".into()]);
        let es: Vec<String> = serde_json::from_slice(
            &out.iter()
                .find(|o| o.path == "es/offline.json")
                .unwrap()
                .bytes,
        )
        .unwrap();
        assert_eq!(
            es,
            vec![
                "es/index.html",
                "es/x/index.html",
                "assets/style.1.css",
                "index.html"
            ]
        );
    }

    #[test]
    fn the_worker_version_changes_with_the_content() {
        let a = files(&[f("es/index.html", "one")], &["es".into()]);
        let b = files(&[f("es/index.html", "two")], &["es".into()]);
        assert_ne!(a[0].bytes, b[0].bytes);
        assert!(!String::from_utf8_lossy(&a[0].bytes).contains("__VERSION__"));
    }
}
