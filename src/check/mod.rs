//! `amparo check`: the editor's quality gate. It builds the site in memory, then runs every rule
//! of [`crate::rules::RULES`] over the sources and the output: links and anchors, translations
//! (and which have gone stale), readability per language, accessibility, contacts and privacy.
//!
//! Nothing here changes how a site is built; the one file it writes is a translation's
//! `translated_from` line and the copy of its source, on `--mark-translated`.

pub mod accessibility;
pub mod budget;
pub mod contacts;
pub mod links;
pub mod mark;
pub mod pages;
pub mod privacy;
pub mod readability;
pub mod recordings;
pub mod report;
pub mod scan;
pub mod strings;
pub mod translations;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::CheckConfig;
use rayon::prelude::*;
use std::path::PathBuf;

pub use report::CheckReport;

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site's folder, holding `site.toml`.
    pub root: PathBuf,
    /// Check pages marked `draft = true` too, as a build with `--drafts` would show them.
    pub include_drafts: bool,
}

/// Builds the site in memory and runs every rule over what builds. The build's own problems
/// come first in the report; a page with a broken link or a file with a bad front matter does
/// not hide the report of the others. `Err` only when there is no site to check at all (no
/// `site.toml`, or a locale, theme or tree that cannot be resolved).
pub fn check(opts: &CheckOptions) -> Result<CheckReport, Diagnostics> {
    let rendered = crate::render_for_check(&opts.root, opts.include_drafts)?;
    let site = &rendered.site;
    let scans: Vec<scan::Scan> = site.sources.par_iter().map(scan::scan).collect();
    let mut findings = Findings::new(&site.config.check);
    for d in rendered.warnings.iter() {
        // A problem the build only warns of, that is also a rule, gets the rule's severity.
        if !d.is_error() && crate::rules::find(d.code).is_some() {
            findings.push(d.clone());
        } else {
            findings.keep(d.clone());
        }
    }
    let build_failed = rendered.warnings.has_errors();
    let external_links = links::check(site, &scans, &mut findings);
    let translations = translations::check(site, &mut findings);
    recordings::unmatched(site, &mut findings);
    let readability = readability::check(site, &scans, &mut findings);
    let built = pages::parse(&rendered.files);
    accessibility::check(site, &scans, &built, &mut findings);
    contacts::check(site, &built, &mut findings);
    privacy::check(
        &rendered.files,
        &built,
        site.config.base_url.as_deref(),
        &mut findings,
    );
    let weight = budget::check(site, &rendered.files, &built, &mut findings);
    let mut report = CheckReport::new(
        build_failed,
        findings.into_sorted(),
        translations,
        readability,
        external_links,
        site.pages.len(),
    );
    report.weight = weight;
    report.left_out = site.left_out.clone();
    Ok(report)
}

/// The findings of one check, with the site's rule settings applied as they are added.
pub struct Findings<'a> {
    config: &'a CheckConfig,
    /// The build's own problems, reported first.
    build: Vec<Diagnostic>,
    list: Vec<Diagnostic>,
    /// Findings of each rule in each file, and their severity: past [`PER_FILE`], counted only.
    seen: std::collections::HashMap<(&'static str, PathBuf), (usize, Severity)>,
}

/// The findings of one rule listed for one file; the rest are counted in one line ("and 22,600
/// more"), so a huge or broken page cannot bury the report, nor take minutes to print.
pub const PER_FILE: usize = 50;

impl<'a> Findings<'a> {
    /// No findings yet; those added are judged by the site's `[check]` settings in `config`.
    pub fn new(config: &'a CheckConfig) -> Self {
        Findings {
            config,
            build: Vec::new(),
            list: Vec::new(),
            seen: std::collections::HashMap::new(),
        }
    }

    /// Adds a finding of rule `d.code` at the severity the site sets for it (or the rule's
    /// default); a rule turned off drops it.
    pub fn push(&mut self, mut d: Diagnostic) {
        let severity = match self.config.rules.get(d.code) {
            Some(Some(s)) => *s,
            Some(None) => return,
            None => crate::rules::find(d.code).map_or(Severity::Error, |r| r.severity),
        };
        d.severity = severity;
        let seen = self
            .seen
            .entry((d.code, d.path.clone()))
            .or_insert((0, severity));
        seen.0 += 1;
        if seen.0 <= PER_FILE {
            self.list.push(d);
        }
    }

    /// Adds a diagnostic from the build as it is.
    pub fn keep(&mut self, d: Diagnostic) {
        self.build.push(d);
    }

    /// The build's problems first, then the rules' findings, each sorted by file and line.
    fn into_sorted(self) -> Vec<Diagnostic> {
        let mut build = Diagnostics(self.build);
        build.sort();
        let mut list = self.list;
        for ((code, path), (n, severity)) in self.seen {
            if n > PER_FILE {
                let mut d = Diagnostic::warning(
                    code,
                    path,
                    format!(
                        "and {} more `{code}` findings in this file: only the first {PER_FILE} are listed",
                        n - PER_FILE
                    ),
                );
                d.severity = severity;
                list.push(d);
            }
        }
        let mut rules = Diagnostics(list);
        rules.sort();
        build.0.into_iter().chain(rules.0).collect()
    }
}
