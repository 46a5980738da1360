//! `themes/<name>/`: Tera templates, stylesheets and static files, icons, and the UI strings the
//! templates need (`theme.toml`).

use super::{parse_toml, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The templates every theme must have, one per kind of output page.
pub const REQUIRED_TEMPLATES: [&str; 5] = [
    "home.html",
    "section.html",
    "page.html",
    "chooser.html",
    "404.html",
];

/// A loaded theme, its templates compiled once.
#[derive(Clone)]
pub struct Theme {
    /// The theme's folder name under `themes/`: `default`.
    pub name: String,
    /// Relative to the site root: `themes/default`.
    pub dir: PathBuf,
    /// Every template, compiled and linked, by its file name: `page.html`.
    pub tera: tera::Tera,
    /// Template name → its text, to point diagnostics at lines.
    pub sources: BTreeMap<String, String>,
    /// Icon name → inline SVG.
    pub icons: BTreeMap<String, String>,
    /// Files under `static/`: path relative to it → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// UI string keys the templates use; each must resolve in every language.
    pub strings: Vec<String>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("name", &self.name)
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    #[serde(default)]
    strings: Vec<String>,
}

/// Loads `themes/<name>/`. `None` when the theme is missing or a template does not compile.
pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
    let rel = PathBuf::from("themes").join(name);
    let dir = root.join(&rel);
    if !dir.is_dir() {
        let available: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|it| {
                it.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        diags.push(
            Diagnostic::error("theme/missing", "site.toml", format!("the theme `{name}` is not in themes/"))
                .with_help(if available.is_empty() {
                    "create themes/<name>/ or copy the default theme there (`amparo init` makes a site with one)".to_string()
                } else {
                    format!("set `theme` in site.toml to one of: {}", available.join(", "))
                }),
        );
        return None;
    }
    let before = diags.len();
    let manifest = rel.join("theme.toml");
    let strings = match read_text(root, &root.join(&manifest)) {
        Ok(text) => parse_toml::<RawTheme>(&text, &text, 0, &manifest, "theme/syntax")
            .map_err(|d| diags.push(d))
            .map(|r| r.strings)
            .unwrap_or_default(),
        Err(d) => {
            diags.push(
                d.with_help("a theme needs a theme.toml listing the UI strings its templates use"),
            );
            Vec::new()
        }
    };
    let sources = read_folder(root, &dir.join("templates"), diags, |n| {
        n.ends_with(".html")
    })
    .into_iter()
    .filter_map(|(name, bytes)| match String::from_utf8(bytes) {
        Ok(s) => Some((name, s)),
        Err(_) => {
            diags.push(Diagnostic::error(
                "io/not-utf8",
                rel.join("templates").join(&name),
                "the template is not valid UTF-8",
            ));
            None
        }
    })
    .collect::<BTreeMap<_, _>>();
    for required in REQUIRED_TEMPLATES {
        if !sources.contains_key(required) {
            diags.push(
                Diagnostic::error("theme/template-missing", rel.join("templates").join(required), format!("the theme has no `{required}` template"))
                    .with_help("every theme needs home.html, section.html, page.html, chooser.html and 404.html"),
            );
        }
    }
    let tera = compile(&sources, &rel, diags);
    let icons = read_folder(root, &dir.join("icons"), diags, |n| n.ends_with(".svg"))
        .into_iter()
        .map(|(n, bytes)| {
            (
                n.trim_end_matches(".svg").to_string(),
                String::from_utf8_lossy(&bytes).trim().to_string(),
            )
        })
        .collect();
    let statics = read_folder(root, &dir.join("static"), diags, |_| true);
    if diags.len() > before {
        return None;
    }
    Some(Theme {
        name: name.to_string(),
        dir: rel,
        tera: tera?,
        sources,
        icons,
        statics,
        strings,
    })
}

/// Compiles all templates. Each template is first parsed on its own, so every template with a
/// syntax error is named (file, line, column); only then are they linked together.
fn compile(
    sources: &BTreeMap<String, String>,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<tera::Tera> {
    let new = || {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera
    };
    let mut broken = false;
    for (name, text) in sources {
        if let Err(e) = new().add_raw_template(name, text)
            && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
        {
            diags.extend(template_diagnostics(&e, rel, sources));
            broken = true;
        }
    }
    if broken {
        return None;
    }
    let mut tera = new();
    match tera.add_raw_templates(sources.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(()) => Some(tera),
        Err(e) => {
            diags.extend(template_diagnostics(&e, rel, sources));
            None
        }
    }
}

/// Turns a Tera error into diagnostics on the template files and lines where it happened.
pub fn template_diagnostics(
    e: &tera::Error,
    rel: &Path,
    sources: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    // A rendering error may wrap the one that says where it happened.
    let mut inner: &dyn std::error::Error = e;
    while let Some(next) = inner.source() {
        if let Some(t) = next.downcast_ref::<tera::Error>()
            && matches!(
                t.kind(),
                tera::ErrorKind::SyntaxError(_) | tera::ErrorKind::RenderingError(_)
            )
        {
            return template_diagnostics(t, rel, sources);
        }
        inner = next;
    }
    if let tera::ErrorKind::Msg(text) = e.kind() {
        let found = reports(text, rel, sources);
        if !found.is_empty() {
            return found;
        }
    }
    vec![template_diagnostic(e, rel, sources)]
}

/// Reads Tera's text reports (`error: …` then ` --> name:line:col`), as it gives them for
/// unknown filters, tests and functions found when templates are checked.
fn reports(text: &str, rel: &Path, sources: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line.trim_start().strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let Some(place) = line.trim_start().strip_prefix("--> ") {
            let mut parts = place.rsplitn(3, ':');
            let (Some(col), Some(line_no), Some(name)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let (Ok(line_no), Ok(col)) = (line_no.parse::<usize>(), col.parse::<usize>()) else {
                continue;
            };
            let msg = message.take().unwrap_or_else(|| "template error".into());
            let mut d = Diagnostic::error(
                "theme/template-syntax",
                rel.join("templates").join(name),
                format!("template error: {msg}"),
            )
            .with_help("fix the template at this line; see the Tera documentation for the syntax");
            d = match sources
                .get(name)
                .and_then(|s| s.lines().nth(line_no.saturating_sub(1)))
            {
                Some(src) => {
                    let mut d = d.at_line(line_no, col);
                    d.source_line = Some(src.to_string());
                    d
                }
                None => d.at_line(line_no, col),
            };
            out.push(d);
        }
    }
    out
}

/// Turns one Tera error into a diagnostic.
fn template_diagnostic(
    e: &tera::Error,
    rel: &Path,
    sources: &BTreeMap<String, String>,
) -> Diagnostic {
    let templates = rel.join("templates");
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let code = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                "theme/template-syntax"
            } else {
                "theme/template-render"
            };
            let mut d = Diagnostic::error(
                code,
                templates.join(r.filename()),
                format!("template error: {}", r.message()),
            )
            .with_help("fix the template at this line; see the Tera documentation for the syntax");
            let span = r.span();
            match sources.get(r.filename()) {
                Some(text)
                    if span.range.end <= text.len() && span.range.start <= span.range.end =>
                {
                    d = d.at(text, span.range.clone());
                }
                _ => d = d.at_line(span.start_line, span.start_col + 1),
            }
            d
        }
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            "theme/template-missing",
            templates.join(current),
            format!("the template extends `{parent}`, which does not exist"),
        )
        .with_help(format!(
            "create {} or fix the name in `{{% extends %}}`",
            templates.join(parent).display()
        )),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            "theme/template-missing",
            templates.join(name),
            format!("the template `{name}` does not exist"),
        )
        .with_help("create it, or fix the name in `{% include %}`"),
        _ => Diagnostic::error("theme/template", templates, format!("template error: {e}")),
    }
}

/// Reads every file below `dir` that passes `keep`, keyed by its `/`-separated relative path.
fn read_folder(
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "io/read",
                    display_path(root, dir),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || super::content::is_ignored(&name) || !keep(&name) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let key = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                out.insert(key, bytes);
            }
            Err(e) => diags.push(Diagnostic::error(
                "io/read",
                display_path(root, entry.path()),
                format!("cannot read the file: {e}"),
            )),
        }
    }
    out
}
