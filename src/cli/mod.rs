//! The commands, one module each, and the flags that several of them share. Each shared flag
//! is defined once here and flattened into the commands that take it, so its name, default
//! and help read the same everywhere.

pub mod build;
pub mod check;
pub mod export;
pub mod init;
pub mod serve;
pub mod translate;

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// `--root`: the site to work on.
#[derive(Args)]
pub struct RootArg {
    /// The site's folder (with site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// `--drafts`: whether pages marked `draft = true` take part.
#[derive(Args)]
pub struct DraftsArg {
    /// Also include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

/// `--format`: how a command prints its report or its problems.
#[derive(Args)]
pub struct FormatArg {
    /// How to print the report, or the problems: text, or JSON for scripts and CI (see the
    /// README).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Prints a value as pretty JSON on stdout.
fn print_json(value: &impl serde::Serialize) {
    out!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}
