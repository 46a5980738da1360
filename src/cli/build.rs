//! `amparo build`: builds the site into a folder and prints the report, or every problem.

use super::{DraftsArg, Format, FormatArg, RootArg, print_json};
use crate::print_diagnostics;
use amparo::{BuildOptions, BuildReport, Diagnostics};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    root: RootArg,
    /// Where to write the site; replaced as a whole only when the build succeeds.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    drafts: DraftsArg,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run(args: BuildArgs) -> ExitCode {
    let root = args.root.root;
    let out = args.out.unwrap_or_else(|| root.join("public"));
    let opts = BuildOptions {
        root,
        out: out.clone(),
        include_drafts: args.drafts.drafts,
    };
    match amparo::build(&opts) {
        Ok(report) => {
            built(&report, &out, args.format.format);
            ExitCode::SUCCESS
        }
        Err(diags) => {
            failed(&diags, &out, args.format.format);
            ExitCode::FAILURE
        }
    }
}

/// The build's JSON, one shape whether it built or not (as `check`'s): `version`,
/// `build_failed`, the report's figures when it built, and every finding.
#[derive(serde::Serialize)]
struct BuildJson<'a> {
    version: u32,
    build_failed: bool,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    report: Option<&'a BuildReport>,
    findings: &'a Diagnostics,
}

fn built(report: &BuildReport, out: &Path, format: Format) {
    match format {
        Format::Json => print_json(&BuildJson {
            version: 1,
            build_failed: false,
            report: Some(report),
            findings: &report.warnings,
        }),
        Format::Text => {
            print_diagnostics(&report.warnings);
            out_raw!("Translations:\n{}", report.translation_table());
            if !report.left_out.is_empty() {
                out!("Not published ({}):", report.left_out.len());
                for l in &report.left_out {
                    out!("  {}", l.describe());
                }
            }
            let heaviest = report
                .heaviest
                .as_ref()
                .map(|h| {
                    format!(
                        "; heaviest page {} ({} KB with its images)",
                        h.page,
                        h.bytes.div_ceil(1024)
                    )
                })
                .unwrap_or_default();
            out!(
                "Built {} pages ({} files, {} from content/, {} KB) into {} in {} ms{heaviest}.",
                report.pages,
                report.files,
                report.media_files,
                report.bytes / 1024,
                out.display(),
                report.millis
            );
        }
    }
}

fn failed(diags: &Diagnostics, out: &Path, format: Format) {
    match format {
        Format::Json => print_json(&BuildJson {
            version: 1,
            build_failed: true,
            report: None,
            findings: diags,
        }),
        Format::Text => {
            print_diagnostics(diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            if out.is_dir() {
                err!(
                    "Build failed: {errors} error(s). The last good output in {} was kept.",
                    out.display()
                );
            } else {
                err!("Build failed: {errors} error(s). Nothing was written.");
            }
        }
    }
}
