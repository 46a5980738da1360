//! `amparo init`: creates a new, working two-language site and says what to do next.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create (must be empty or not exist).
    dir: PathBuf,
}

pub fn run(args: InitArgs) -> Result<ExitCode> {
    let dir = args.dir;
    amparo::init::init(&dir)?;
    out!("Created a new site in {}.", dir.display());
    out!(
        "First: add your organisation's phone or WhatsApp under [[contacts]] in {}: every page tells children to call for help, and `amparo check` fails until it names someone.",
        dir.join("site.toml").display()
    );
    out!(
        "Next: cd {} && amparo build   (the site is then in public/index.html)",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
