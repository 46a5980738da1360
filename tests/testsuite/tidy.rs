//! Rules about the code itself, read from `src/`: arrows point down (a stage never names a later
//! one) and no file grows past [`MAX_LINES`]. Each failure prints the offending line.

use std::path::{Path, PathBuf};

/// The stages from the bottom up. A module may name modules of a lower layer, and modules of its
/// own top-level folder; the bottom layer's modules (shared types with no stage of their own)
/// may name each other.
const LAYERS: &[&[&str]] = &[
    &[
        "diagnostics",
        "lang",
        "page_path",
        "files",
        "rules",
        "text",
        "fingerprint",
    ],
    &["load"],
    &["model"],
    &["render"],
    &["output"],
    &["report"],
    &["publish"],
    &["lib", "init"],
    &["preview"],
    &["translate"],
    &["check"],
    &["serve"],
];

/// Longer files are split by meaning before they reach this.
const MAX_LINES: usize = 700;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read src/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The top-level module a file of `src/` belongs to: `render` for `src/render/links.rs`, `lib`
/// for `src/lib.rs`; `None` for the command line (`main.rs`, `cli/`), which sits above all.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "main" | "cli")).then(|| name.to_string())
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Items the crate root re-exports from a module, named as `crate::Lang` and the like.
const REEXPORTS: &[(&str, &str)] = &[
    ("Lang", "lang"),
    ("PagePath", "page_path"),
    ("Diagnostic", "diagnostics"),
    ("Diagnostics", "diagnostics"),
    ("Severity", "diagnostics"),
    ("BuildReport", "report"),
];

/// The module a path after `crate::` names: itself, the module of a re-export, or `lib` for an
/// item of the crate root (`crate::render_site`).
fn module_named(ident: &str) -> &str {
    if layer(ident).is_some() {
        return ident;
    }
    REEXPORTS
        .iter()
        .find(|(item, _)| *item == ident)
        .map_or("lib", |(_, module)| module)
}

/// Each (line number, module) named by `crate::…` in `text` outside comments, groups included:
/// `use crate::{load::X, model::Y}` names `load` and `model`.
fn named_modules(text: &str) -> Vec<(usize, &str)> {
    let code: Vec<&str> = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect();
    let ident_end = |s: &str| {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    let mut found = Vec::new();
    // Inside `crate::{…}`: the brace depth, and whether a module name comes next (after the
    // opening brace or a comma at depth 1, maybe on a later line).
    let mut in_group: Option<usize> = None;
    let mut expect_name = false;
    for (n, line) in code.iter().enumerate() {
        let mut rest: &str = line;
        loop {
            if let Some(depth) = in_group.as_mut() {
                if expect_name {
                    let t = rest.trim_start();
                    if t.is_empty() {
                        break;
                    }
                    let ident = &t[..ident_end(t)];
                    if !ident.is_empty() {
                        found.push((n + 1, module_named(ident)));
                    }
                    expect_name = false;
                    rest = t;
                }
                let Some(i) = rest.find(['{', '}', ',']) else {
                    break;
                };
                match rest.as_bytes()[i] {
                    b'{' => *depth += 1,
                    b'}' => *depth -= 1,
                    _ => expect_name = *depth == 1,
                }
                if *depth == 0 {
                    in_group = None;
                }
                rest = &rest[i + 1..];
                continue;
            }
            let Some(i) = rest.find("crate::") else {
                break;
            };
            let starts_a_path = !rest[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            rest = &rest[i + "crate::".len()..];
            if !starts_a_path {
                continue;
            }
            if let Some(after) = rest.strip_prefix('{') {
                in_group = Some(1);
                expect_name = true;
                rest = after;
            } else {
                let ident = &rest[..ident_end(rest)];
                if !ident.is_empty() {
                    found.push((n + 1, module_named(ident)));
                }
            }
        }
    }
    found
}

/// "src/render/mod.rs:20: `use crate::output::minify;` (render names output, a later stage)"
fn upward_arrows(root: &Path, file: &Path, text: &str) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let Some(own) = module_of(rel) else {
        return Vec::new();
    };
    let own_layer = layer(&own).unwrap_or_else(|| {
        panic!(
            "src/{} belongs to `{own}`, which no layer of tests/testsuite/tidy.rs lists",
            rel.display()
        )
    });
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (n, named) in named_modules(text) {
        let Some(their) = layer(named) else { continue };
        let allowed = named == own || their < own_layer || (their == 0 && own_layer == 0);
        if !allowed {
            found.push(format!(
                "src/{}:{n}: `{}` ({own} names {named}, a stage above it)",
                rel.display(),
                lines[n - 1].trim()
            ));
        }
    }
    found
}

#[test]
fn arrows_point_down() {
    let root = src();
    let problems: Vec<String> = rust_files(&root)
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("read a source file");
            upward_arrows(&root, f, &text)
        })
        .collect();
    assert!(
        problems.is_empty(),
        "a stage names a later one (load < model < render < output < report < publish < lib < translate < check < serve < cli):\n{}",
        problems.join("\n")
    );
}

/// The sibling files of its own folder that a file of `src/<folder>/` names, through `super::x`
/// or `crate::<folder>::x` (a folder's `mod.rs` is their parent, not a sibling).
fn sibling_edges(folder: &str, siblings: &[String], text: &str) -> Vec<String> {
    let own_path = format!("crate::{folder}::");
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(|l| l.split("//").next().unwrap_or("")) {
        for prefix in ["super::", own_path.as_str()] {
            for (i, m) in line.match_indices(prefix) {
                let rest = &line[i + m.len()..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let name = &rest[..end];
                if siblings.iter().any(|s| s == name) && !out.iter().any(|o| o == name) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// A cycle among the files of one folder, as "a → b → a", if there is one.
fn find_cycle(edges: &std::collections::BTreeMap<String, Vec<String>>) -> Option<String> {
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<String> {
        if let Some(start) = path.iter().position(|p| p == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle.join(" → "));
        }
        if done.iter().any(|d| d == node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.push(node.to_string());
        None
    }
    let mut done = Vec::new();
    edges
        .keys()
        .find_map(|k| visit(k, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_files_of_a_stage_name_each_other_without_circles() {
    let root = src();
    let mut cycles = Vec::new();
    for entry in std::fs::read_dir(&root).expect("read src/") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let files: Vec<PathBuf> = rust_files(&dir)
            .into_iter()
            .filter(|f| f.parent() == Some(dir.as_path()) && !f.ends_with("mod.rs"))
            .collect();
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_stem()?.to_str().map(str::to_string))
            .collect();
        let edges = files
            .iter()
            .zip(&names)
            .map(|(f, name)| {
                let text = std::fs::read_to_string(f).expect("read");
                (name.clone(), sibling_edges(folder, &names, &text))
            })
            .collect();
        if let Some(cycle) = find_cycle(&edges) {
            cycles.push(format!("src/{folder}/: {cycle}"));
        }
    }
    assert!(
        cycles.is_empty(),
        "files of one stage name each other in a circle; move what both need to a module below them:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn a_circle_between_two_files_is_found() {
    let names = ["print".to_string(), "context".to_string()];
    let edges = [
        (
            "context".to_string(),
            sibling_edges("render", &names, "x(&super::print::FILE);"),
        ),
        (
            "print".to_string(),
            sibling_edges("render", &names, "use crate::render::context::Ctx;"),
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        find_cycle(&edges).as_deref(),
        Some("context → print → context")
    );
}

#[test]
fn no_file_of_src_is_longer_than_the_limit() {
    let root = src();
    let long: Vec<String> = rust_files(&root)
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).expect("read").lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files past {MAX_LINES} lines; split them by meaning:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_arrow_rule_finds_an_upward_use_and_ignores_comments() {
    let root = Path::new("/s");
    let bad = upward_arrows(
        root,
        Path::new("/s/render/mod.rs"),
        "use crate::model::Site;\nuse crate::output::minify;\n// crate::serve is fine in a comment\n",
    );
    assert_eq!(
        bad,
        [
            "src/render/mod.rs:2: `use crate::output::minify;` (render names output, a stage above it)"
        ]
    );
    assert!(upward_arrows(root, Path::new("/s/files.rs"), "use crate::page_path::x;").is_empty());
    assert!(upward_arrows(root, Path::new("/s/check/a.rs"), "crate::check::scan::x();").is_empty());
    assert_eq!(
        upward_arrows(root, Path::new("/s/lang.rs"), "x(crate::load::y)").len(),
        1
    );
    assert!(upward_arrows(root, Path::new("/s/main.rs"), "use crate::serve;").is_empty());
    let grouped =
        "use crate::{\n    lang::Lang,\n    check::{a, b},\n};\nx(crate::Preview::new());";
    assert_eq!(
        upward_arrows(root, Path::new("/s/model/mod.rs"), grouped),
        [
            "src/model/mod.rs:3: `check::{a, b},` (model names check, a stage above it)",
            "src/model/mod.rs:5: `x(crate::Preview::new());` (model names lib, a stage above it)",
        ]
    );
    assert!(
        upward_arrows(
            root,
            Path::new("/s/check/x.rs"),
            "crate::Lang::parse(\"es\")"
        )
        .is_empty()
    );
}
