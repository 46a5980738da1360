//! Helpers for the integration tests: copy a fixture site to a temporary folder (adding the
//! repository's default theme and locales where the fixture has none), build it, read the output.
#![allow(dead_code)]
// A helper that cannot do its work fails the test that called it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod browser;
pub mod http;
pub mod images;
pub mod load;
pub mod static_server;

use amparo::{BuildOptions, BuildReport, Diagnostics};
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site copied into a temporary folder, ready to be changed and built.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// Copies `tests/fixtures/<name>` (or the repository itself for `"."`).
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = if name == "." {
            repo()
        } else {
            repo().join("tests/fixtures").join(name)
        };
        for sub in ["site.toml", "content", "locales", "themes"] {
            if src.join(sub).exists() {
                copy(&src.join(sub), &dir.path().join(sub));
            }
        }
        if !dir.path().join("themes").exists() {
            copy(&repo().join("themes"), &dir.path().join("themes"));
        }
        // Locale files the fixture does not have come from the repository, for its languages only.
        let config = std::fs::read_to_string(dir.path().join("site.toml")).unwrap_or_default();
        for e in std::fs::read_dir(repo().join("locales")).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let tag = name.trim_end_matches(".toml");
            let target = dir.path().join("locales").join(&name);
            if config.contains(&format!("\"{tag}\"")) && !target.exists() {
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(e.path(), target).unwrap();
            }
        }
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        let p = self.root().join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap()
        } else {
            std::fs::remove_file(p).unwrap()
        }
    }

    pub fn build(&self) -> Result<BuildReport, Diagnostics> {
        amparo::build(&BuildOptions::new(self.root(), self.out()))
    }

    /// Builds and expects failure; returns the diagnostics.
    pub fn errors(&self) -> Diagnostics {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(d) => d,
        }
    }

    /// Options to serve this site on a free loopback port.
    pub fn serve_options(&self) -> amparo::serve::ServeOptions {
        amparo::serve::ServeOptions {
            root: self.root().to_path_buf(),
            bind: std::net::Ipv4Addr::LOCALHOST.into(),
            port: Some(0),
            poll: false,
            include_drafts: false,
        }
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// Every file below `dir`, relative and `/`-separated.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            out.push(
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// Whether a tool a test needs is here (`found`). Missing, it fails the test under `CI=true`
/// and is reported as "NOT RUN" elsewhere; `what` names it, `install` says how to get it.
pub fn tool_present(found: bool, what: &str, install: &str) -> bool {
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{what} must be installed in CI ({install}; scripts/test.sh installs it)"
        );
        eprintln!("NOT RUN: {what} is missing; `bash scripts/test.sh` installs it");
    }
    found
}

/// A test that cannot run here for `why`: in CI (`CI=true`) that fails it, since CI must run
/// every test; elsewhere it says "NOT RUN" and the test passes.
pub fn not_run(why: &str) {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "this test must run in CI, but {why}"
    );
    eprintln!("NOT RUN: {why}");
}

/// The one diagnostic with `code`, or a panic listing them all.
pub fn find<'a>(diags: &'a Diagnostics, code: &str) -> &'a amparo::Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no `{code}` diagnostic in:\n{diags}"))
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// Attribute values of every element matching `selector` in `html`.
pub fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The text of every element matching `selector`.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The Content-Security-Policy every page of the default theme and the preview send, directive
/// by directive: nothing more (no `'unsafe-inline'`, no other origin), nothing less.
pub const PAGE_POLICY: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("img-src", &["'self'", "data:"]),
    ("style-src", &["'self'"]),
    ("script-src", &["'self'"]),
    ("media-src", &["'self'"]),
    ("object-src", &["'none'"]),
    ("base-uri", &["'none'"]),
    ("form-action", &["'none'"]),
];

/// Panics unless `policy` is exactly `expected`, whatever the order of its directives.
pub fn assert_policy(policy: &str, expected: &[(&str, &[&str])], what: &str) {
    let mut got: Vec<(String, Vec<String>)> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_ascii_whitespace().map(str::to_string);
            let name = words.next().unwrap_or_default().to_ascii_lowercase();
            let mut values: Vec<String> = words.collect();
            values.sort();
            (name, values)
        })
        .collect();
    got.sort();
    let mut want: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(n, v)| {
            let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            v.sort();
            (n.to_string(), v)
        })
        .collect();
    want.sort();
    assert_eq!(got, want, "{what}: the policy is `{policy}`");
}

/// Runs the `amparo` command with `args` on the site at `root` (`--root` added), and waits.
pub fn amparo_at(root: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(args)
        .args(["--root", root.to_str().unwrap()])
        .output()
        .unwrap()
}

/// One language's translation table in `amparo check --format json`'s report.
pub fn language_table(report: &serde_json::Value, lang: &str) -> serde_json::Value {
    report["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["lang"] == lang)
        .unwrap_or_else(|| panic!("no {lang} table in {report}"))
        .clone()
}
