//! `amparo export`: packs the site into one ZIM file for offline hotspots.

use super::{DraftsArg, RootArg};
use crate::print_diagnostics;
use amparo::ZimOptions;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ExportArgs {
    /// Make a ZIM file (needs Debian's zim-tools).
    #[arg(long, required = true)]
    zim: bool,
    #[command(flatten)]
    root: RootArg,
    /// The file to write; default: <site folder name>.zim.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    drafts: DraftsArg,
    /// Who made the content (default: the first contact's name).
    #[arg(long)]
    creator: Option<String>,
    /// Who made the file (default: the creator).
    #[arg(long)]
    publisher: Option<String>,
    /// At most 80 characters (default: the home page's description, shortened).
    #[arg(long)]
    description: Option<String>,
}

pub fn run(args: ExportArgs) -> ExitCode {
    let root = args.root.root;
    let out = args
        .out
        .unwrap_or_else(|| amparo::output::zim::default_out(&root));
    let opts = ZimOptions {
        root,
        out: out.clone(),
        include_drafts: args.drafts.drafts,
        creator: args.creator,
        publisher: args.publisher,
        description: args.description,
    };
    match amparo::export_zim(&opts) {
        Ok(info) => {
            out!(
                "Wrote {} ({}; languages {}).",
                out.display(),
                info.title,
                info.languages
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
            err!("Export failed: nothing was written.");
            ExitCode::FAILURE
        }
    }
}
