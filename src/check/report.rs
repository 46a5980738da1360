//! The check's report: findings, the translation tables, readability per page and the external
//! links, as text for the terminal or as JSON (`version` 1, documented in the README).

use super::links::ExternalLink;
use super::readability::PageReadability;
use super::translations::LanguageTable;
use crate::diagnostics::{Diagnostic, Severity};
use serde::Serialize;
use std::fmt::Write as _;

/// Everything one `amparo check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The JSON format's version; it changes only when a field changes meaning or goes away.
    pub version: u32,
    /// Whether the site has problems that stop a build (listed first among the findings): the
    /// rest of the report covers what could be built.
    pub build_failed: bool,
    /// How many errors and warnings were found, over how many pages.
    pub summary: Summary,
    /// Every finding: `code` is the rule id, `span` the line and column.
    pub findings: Vec<Diagnostic>,
    /// One translation table per site language, in the site's order.
    pub translations: Vec<LanguageTable>,
    /// Readability of every source file, in the order the site lists its sources.
    pub readability: Vec<PageReadability>,
    /// Every link to another website, as written in the sources; never fetched.
    pub external_links: Vec<ExternalLink>,
    /// The heaviest pages, by first load and by images, and the budgets.
    pub weight: super::budget::WeightSummary,
    /// Files under `content/` that are not published, and why.
    pub left_out: Vec<crate::load::LeftOut>,
}

/// The counts at the top of a check report.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Findings at error severity: any of them fails the check.
    pub errors: usize,
    /// Findings at warning severity: they fail the check only under `--strict`.
    pub warnings: usize,
    /// Pages checked: one per (path, language).
    pub pages: usize,
}

impl CheckReport {
    /// The report of `findings` (already sorted), with its counts; `pages` is how many (path,
    /// language) pages were checked.
    pub fn new(
        build_failed: bool,
        findings: Vec<Diagnostic>,
        translations: Vec<LanguageTable>,
        readability: Vec<PageReadability>,
        external_links: Vec<ExternalLink>,
        pages: usize,
    ) -> Self {
        let errors = findings.iter().filter(|d| d.is_error()).count();
        CheckReport {
            version: 1,
            build_failed,
            summary: Summary {
                errors,
                warnings: findings.len() - errors,
                pages,
            },
            findings,
            translations,
            readability,
            external_links,
            weight: Default::default(),
            left_out: Vec::new(),
        }
    }

    /// Whether the check fails: on any error, or with `strict` on any warning too.
    pub fn fails(&self, strict: bool) -> bool {
        self.summary.errors > 0 || (strict && self.summary.warnings > 0)
    }

    /// The findings, grouped by file, as the terminal shows them.
    pub fn findings_text(&self) -> String {
        let mut out = String::new();
        let mut current: Option<&std::path::Path> = None;
        for d in &self.findings {
            if current != Some(d.path.as_path()) {
                let _ = writeln!(out, "\n{}", d.path.display());
                current = Some(d.path.as_path());
            }
            for line in d.render_terminal().lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        out
    }

    /// The translation tables, one line per language.
    pub fn translations_text(&self) -> String {
        let mut out = String::new();
        for t in &self.translations {
            let s = &t.strings;
            let _ = writeln!(
                out,
                "  {:<6} {:<12} pages: {} translated, {} partly, {} falling back, {} missing, {} draft, {} stale; UI strings: {}/{} own, {} falling back, {} missing, {} stale{}",
                t.lang,
                t.endonym,
                t.translated,
                t.partial,
                t.fallback,
                t.missing,
                t.draft,
                t.stale,
                s.translated,
                s.total,
                s.fallback,
                s.missing,
                s.stale,
                if t.reviewed { "" } else { "; not reviewed" }
            );
            if let Some(r) = &t.recordings {
                let _ = writeln!(
                    out,
                    "         recorded: {}/{} pages{}{}",
                    r.recorded,
                    r.recorded + r.missing.len(),
                    if r.missing.is_empty() {
                        ""
                    } else {
                        "; none yet for "
                    },
                    r.missing.join(", ")
                );
            }
        }
        out
    }

    /// Readability, one line per page, with the longest sentence.
    pub fn readability_text(&self) -> String {
        let mut out = String::new();
        for p in &self.readability {
            let mut scores = Vec::new();
            if let Some(v) = p.szigriszt_pazos {
                scores.push(format!(
                    "Szigriszt-Pazos {v:.1} ({})",
                    p.inflesz.unwrap_or("")
                ));
            }
            if let Some(v) = p.fernandez_huerta {
                scores.push(format!("Fernández-Huerta {v:.1}"));
            }
            if let Some(v) = p.flesch_reading_ease {
                scores.push(format!("Flesch {v:.1}"));
            }
            if let Some(v) = p.flesch_kincaid_grade {
                // The formula goes below 0 for very short words and sentences; no school grade does.
                scores.push(if v < 1.0 {
                    "below grade 1".to_string()
                } else {
                    format!("grade {v:.1}")
                });
            }
            if p.words < super::readability::MIN_WORDS_FOR_SCORE && !scores.is_empty() {
                scores.push(format!(
                    "not judged under {} words",
                    super::readability::MIN_WORDS_FOR_SCORE
                ));
            }
            let longest = p
                .longest
                .first()
                .map(|s| format!("; longest sentence {} words (line {})", s.words, s.line))
                .unwrap_or_default();
            let scores = if scores.is_empty() {
                String::new()
            } else {
                format!("; {}", scores.join(", "))
            };
            let _ = writeln!(
                out,
                "  {}: {} words, {:.1} per sentence{scores}{longest}",
                p.path.display(),
                p.words,
                p.words_per_sentence,
            );
        }
        out
    }

    /// The whole report as text.
    pub fn text(&self) -> String {
        let mut out = self.findings_text();
        let _ = write!(out, "\nTranslations:\n{}", self.translations_text());
        let _ = write!(out, "\nReadability:\n{}", self.readability_text());
        if !self.external_links.is_empty() {
            let _ = writeln!(out, "\nExternal links (they need internet):");
            for l in &self.external_links {
                let _ = writeln!(out, "  {}:{}: {}", l.path.display(), l.line, l.url);
            }
        }
        let _ = write!(out, "\nWeight:\n{}", self.weight.text());
        if !self.left_out.is_empty() {
            let _ = writeln!(out, "\nNot published ({}):", self.left_out.len());
            for l in &self.left_out {
                let _ = writeln!(out, "  {}", l.describe());
            }
        }
        if self.build_failed {
            let _ = writeln!(
                out,
                "\nThe site does not build: its problems are listed first. The rest of the report covers every page that could be built."
            );
        }
        let _ = writeln!(
            out,
            "\nChecked {} pages: {} error(s), {} warning(s).",
            self.summary.pages, self.summary.errors, self.summary.warnings
        );
        out
    }

    /// The report as the body of an HTML page (`/_amparo/report` in `amparo serve`).
    pub fn html(&self) -> String {
        let e = crate::render::markdown::escape;
        let mut out = format!(
            "<h1>Check report</h1><p><b>{} error(s), {} warning(s)</b> on {} pages.</p>",
            self.summary.errors, self.summary.warnings, self.summary.pages
        );
        if !self.findings.is_empty() {
            out.push_str("<h2>Findings</h2>");
            let mut current: Option<&std::path::Path> = None;
            for d in &self.findings {
                if current != Some(d.path.as_path()) {
                    if current.is_some() {
                        out.push_str("</ul>");
                    }
                    let _ = write!(out, "<h3>{}</h3><ul>", e(&d.path.display().to_string()));
                    current = Some(d.path.as_path());
                }
                let kind = if d.is_error() { "error" } else { "warning" };
                let place = d
                    .span
                    .map(|s| format!("line {}, column {}: ", s.line, s.column))
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "<li><b>{kind}</b> <code>{}</code> {place}{}{}</li>",
                    d.code,
                    e(&d.message),
                    d.help
                        .as_ref()
                        .map(|h| format!("<br>How to fix it: {}", e(h)))
                        .unwrap_or_default()
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("<h2>Translations</h2><table><tr><th scope=col>Language</th><th scope=col>Translated</th><th scope=col>Partly</th><th scope=col>Falling back</th><th scope=col>Missing</th><th scope=col>Draft</th><th scope=col>Stale</th><th scope=col>UI strings own</th><th scope=col>UI strings stale</th></tr>");
        for t in &self.translations {
            let _ = write!(
                out,
                "<tr><th scope=row>{} ({}){}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{}</td><td>{}</td></tr>",
                e(&t.endonym),
                t.lang,
                if t.reviewed { "" } else { ", not reviewed" },
                t.translated,
                t.partial,
                t.fallback,
                t.missing,
                t.draft,
                t.stale,
                t.strings.translated,
                t.strings.total,
                t.strings.stale
            );
        }
        out.push_str("</table><h2>Readability</h2><ul>");
        for line in self.readability_text().lines() {
            let _ = write!(out, "<li>{}</li>", e(line.trim()));
        }
        out.push_str("</ul>");
        if !self.external_links.is_empty() {
            out.push_str("<h2>External links (they need internet)</h2><ul>");
            for l in &self.external_links {
                let _ = write!(
                    out,
                    "<li>{}:{}: {}</li>",
                    e(&l.path.display().to_string()),
                    l.line,
                    e(&l.url)
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("<h2>Weight</h2><ul>");
        for line in self.weight.text().lines() {
            let _ = write!(out, "<li>{}</li>", e(line.trim()));
        }
        out.push_str("</ul>");
        if !self.left_out.is_empty() {
            let _ = write!(out, "<h2>Not published ({})</h2><ul>", self.left_out.len());
            for l in &self.left_out {
                let _ = write!(out, "<li>{}</li>", e(&l.describe()));
            }
            out.push_str("</ul>");
        }
        out
    }

    /// Counts of findings by severity, for tests and callers.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
