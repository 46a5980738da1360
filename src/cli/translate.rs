//! `amparo translate`: the files a translator works in. `export` writes one language's
//! segments as a PO file (or the template, POT); `status` counts what is translated, stale and
//! missing, per language and per page.

use super::{Format, FormatArg, RootArg, print_json};
use crate::print_diagnostics;
use amparo::translate::{Catalog, Counts, open, open_all, po, xliff};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct TranslateArgs {
    #[command(subcommand)]
    command: TranslateCommand,
}

#[derive(Subcommand)]
enum TranslateCommand {
    /// Write every segment of the site for one language, with what is already translated.
    Export(ExportArgs),
    /// Bring translated PO files back into the site: its pages and UI strings in their language.
    Import(ImportArgs),
    /// Count the segments translated, stale and missing, per language and per page.
    Status(StatusArgs),
    /// Write a printable recording script for one language: every page's parts, numbered,
    /// and the file name to save each page's recording under.
    Script(ScriptArgs),
}

#[derive(Args)]
struct ScriptArgs {
    #[command(flatten)]
    root: RootArg,
    /// The language to record (a tag of site.toml's `languages`, e.g. mam).
    #[arg(long)]
    lang: String,
    /// The HTML file to write; default: standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Args)]
struct ImportArgs {
    #[command(flatten)]
    root: RootArg,
    /// The PO or XLIFF files, one language each (as `translate export` wrote them and a
    /// translator filled them in).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    root: RootArg,
    /// The language to translate into (a tag of site.toml's `languages`, e.g. mam). Without
    /// it, --format pot writes the template.
    #[arg(long)]
    lang: Option<String>,
    /// po: for one language (gettext: Poedit, Weblate); xliff: XLIFF 2.0 for one language
    /// (memoQ, Trados, Crowdin); pot: the template of the source text.
    #[arg(long, value_enum, default_value_t = FileFormat::Po)]
    format: FileFormat,
    /// The file to write; default: standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FileFormat {
    Po,
    Pot,
    Xliff,
}

#[derive(Args)]
struct StatusArgs {
    #[command(flatten)]
    root: RootArg,
    /// Only this language (default: every language but the source).
    #[arg(long)]
    lang: Option<String>,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(args: TranslateArgs) -> ExitCode {
    match args.command {
        TranslateCommand::Export(a) => export(a),
        TranslateCommand::Import(a) => import(a),
        TranslateCommand::Status(a) => status(a),
        TranslateCommand::Script(a) => script(a),
    }
}

fn script(args: ScriptArgs) -> ExitCode {
    let text = match amparo::translate::script::open(&args.root.root, &args.lang) {
        Ok(t) => t,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::FAILURE;
        }
    };
    deliver(args.out.as_deref(), &text, |path| {
        format!(
            "Wrote {}: open it in a browser to read or print it.",
            path.display()
        )
    })
}

/// Prints `text`, or writes it to `out` and says so with `wrote(out)`.
fn deliver(
    out: Option<&std::path::Path>,
    text: &str,
    wrote: impl FnOnce(&std::path::Path) -> String,
) -> ExitCode {
    match out {
        None => out_raw!("{text}"),
        Some(path) => {
            if let Err(e) = write_atomically(path, text) {
                err!("error: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            err!("{}", wrote(path));
        }
    }
    ExitCode::SUCCESS
}

fn export(args: ExportArgs) -> ExitCode {
    let lang = match (args.format, args.lang.as_deref()) {
        (FileFormat::Po | FileFormat::Xliff, None) => {
            err!(
                "error: --lang is needed for a PO or XLIFF file (e.g. --lang mam); --format pot writes the template"
            );
            return ExitCode::FAILURE;
        }
        (FileFormat::Pot, Some(_)) => {
            err!("error: a template (--format pot) is the source text only: leave out --lang");
            return ExitCode::FAILURE;
        }
        (_, lang) => lang,
    };
    let catalog = match open(&args.root.root, lang) {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(&amparo::Diagnostics(catalog.problems.clone()));
    let text = match args.format {
        FileFormat::Xliff => xliff::write(&catalog),
        FileFormat::Po | FileFormat::Pot => po::write(&catalog),
    };
    let c = catalog.counts();
    deliver(args.out.as_deref(), &text, |path| {
        format!(
            "Wrote {}: {} segments, {} translated, {} stale, {} missing.",
            path.display(),
            c.total,
            c.translated,
            c.stale,
            c.missing
        )
    })
}

fn import(args: ImportArgs) -> ExitCode {
    match amparo::translate::import::import(&args.root.root, &args.files) {
        Ok(report) => {
            print_diagnostics(&amparo::Diagnostics(report.warnings.clone()));
            if report.written.is_empty() {
                out!("Nothing to change: the site already has these translations.");
            } else {
                out!("Wrote {} file(s):", report.written.len());
                for f in &report.written {
                    out!("  {}", f.display());
                }
            }
            for p in &report.partial {
                out!(
                    "Partly translated: {} in {}, {} of {} parts; the others are shown from the next language of its chain.",
                    if p.page.is_empty() { "(home)" } else { &p.page },
                    p.lang,
                    p.translated,
                    p.total
                );
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            err!("Import failed: no file of the site was changed.");
            ExitCode::FAILURE
        }
    }
}

/// Writes `text` to `path` through a temporary file beside it, so a reader never sees half.
fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[derive(Serialize)]
struct StatusReport {
    version: u32,
    source_lang: String,
    languages: Vec<LanguageStatus>,
}

#[derive(Serialize)]
struct LanguageStatus {
    lang: String,
    #[serde(flatten)]
    counts: Counts,
    pages: Vec<PageStatus>,
    strings: Counts,
}

/// A page's state from its segments, named as `amparo check` names it: translated (every
/// segment, none stale), stale (some segment's source changed), partial (some segments), or
/// missing (none).
fn page_state(c: &Counts) -> &'static str {
    if c.stale > 0 {
        "stale"
    } else if c.missing == 0 {
        "translated"
    } else if c.missing < c.total {
        "partial"
    } else {
        "missing"
    }
}

#[derive(Serialize)]
struct PageStatus {
    page: String,
    file: PathBuf,
    state: &'static str,
    #[serde(flatten)]
    counts: Counts,
}

fn status(args: StatusArgs) -> ExitCode {
    let catalogs = match &args.lang {
        Some(l) => open(&args.root.root, Some(l)).map(|c| vec![c]),
        None => open_all(&args.root.root),
    };
    let catalogs = match catalogs {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics(&diags);
            return ExitCode::FAILURE;
        }
    };
    let report = StatusReport {
        version: 1,
        source_lang: catalogs
            .first()
            .map(|c| c.source_lang.to_string())
            .unwrap_or_default(),
        languages: catalogs.iter().map(language_status).collect(),
    };
    match args.format.format {
        Format::Json => print_json(&report),
        Format::Text => print_status(&report),
    }
    ExitCode::SUCCESS
}

fn language_status(catalog: &Catalog) -> LanguageStatus {
    let pages = catalog
        .units
        .iter()
        .filter_map(|u| {
            let counts = u.counts();
            Some(PageStatus {
                page: u.page.clone()?,
                file: u.file.clone(),
                state: page_state(&counts),
                counts,
            })
        })
        .collect();
    let strings = catalog
        .units
        .iter()
        .find(|u| u.page.is_none())
        .map(|u| u.counts())
        .unwrap_or_default();
    LanguageStatus {
        lang: catalog
            .lang
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        counts: catalog.counts(),
        pages,
        strings,
    }
}

fn print_status(report: &StatusReport) {
    for l in &report.languages {
        let c = &l.counts;
        out!(
            "{:<6} segments {}/{} translated, {} stale, {} missing (UI strings {}/{})",
            l.lang,
            c.translated,
            c.total,
            c.stale,
            c.missing,
            l.strings.translated,
            l.strings.total
        );
        let count = |s: &str| l.pages.iter().filter(|p| p.state == s).count();
        out!(
            "       pages {} translated, {} partly, {} stale, {} not started",
            count("translated"),
            count("partial"),
            count("stale"),
            count("missing")
        );
        for p in &l.pages {
            let name = if p.page.is_empty() { "(home)" } else { &p.page };
            let stale = if p.counts.stale > 0 {
                format!(", {} stale", p.counts.stale)
            } else {
                String::new()
            };
            out!(
                "         {:<40} {}/{}{stale}",
                name,
                p.counts.translated,
                p.counts.total
            );
        }
    }
}
