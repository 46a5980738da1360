//! `amparo check`: the quality gate before publishing, plus its two side jobs, listing the
//! rules (`--rules`) and marking a translation up to date (`--mark-translated`).

use super::{DraftsArg, Format, FormatArg, RootArg, print_json};
use crate::print_diagnostics;
use amparo::Diagnostics;
use amparo::check::{CheckOptions, CheckReport};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    root: RootArg,
    #[command(flatten)]
    format: FormatArg,
    /// Fail on warnings too.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    drafts: DraftsArg,
    /// Record that each FILE (a translation: a page or a locale) is up to date with its source
    /// as it is now, instead of checking.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    mark_translated: Vec<PathBuf>,
    /// List the rules, their default severity and what they find, instead of checking.
    #[arg(long)]
    rules: bool,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let root = args.root.root;
    if args.rules {
        print_rules()
    } else if !args.mark_translated.is_empty() {
        mark(&root, &args.mark_translated)
    } else {
        let opts = CheckOptions {
            root,
            include_drafts: args.drafts.drafts,
        };
        check(&opts, args.format.format, args.strict)
    }
}

fn check(opts: &CheckOptions, format: Format, strict: bool) -> ExitCode {
    match amparo::check::check(opts) {
        Ok(report) => checked(&report, format, strict),
        Err(diags) => {
            not_built(&diags, format);
            ExitCode::FAILURE
        }
    }
}

fn checked(report: &CheckReport, format: Format, strict: bool) -> ExitCode {
    match format {
        Format::Json => print_json(report),
        Format::Text => out_raw!("{}", report.text()),
    }
    if !report.fails(strict) {
        return ExitCode::SUCCESS;
    }
    // With no errors, only --strict can have failed the check: say so, or the exit code
    // looks unexplained.
    if matches!(format, Format::Text) && report.summary.errors == 0 {
        err!("Failed: --strict counts warnings as errors.");
    }
    ExitCode::FAILURE
}

/// The site did not build, so there is nothing to check yet.
fn not_built(diags: &Diagnostics, format: Format) {
    match format {
        Format::Json => print_json(&serde_json::json!({
            "version": 1,
            "build_failed": true,
            "findings": diags,
        })),
        Format::Text => {
            print_diagnostics(diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            err!("The site does not build ({errors} error(s)); fix these first, then check again.");
        }
    }
}

fn mark(root: &Path, files: &[PathBuf]) -> ExitCode {
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    match amparo::check::mark::mark_all(root, &files) {
        Ok(marked) => {
            for m in marked {
                out!(
                    "Marked {} as translated from {} (translated_from = \"{}\").",
                    m.file.display(),
                    m.source.display(),
                    m.value
                );
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            err!("Nothing was marked.");
            ExitCode::FAILURE
        }
    }
}

fn print_rules() -> ExitCode {
    for r in amparo::rules::RULES {
        let level = match r.severity {
            amparo::Severity::Error => "error",
            amparo::Severity::Warning => "warning",
        };
        out!("{:<28} {:<8} {}", r.id, level, r.finds);
    }
    ExitCode::SUCCESS
}
