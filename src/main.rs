//! The `amparo` command line: parses arguments, hands each command to its module under
//! `cli/`, prints what the library returns. Output helpers shared by every command live here.

use amparo::Diagnostics;
use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Prints a line to stdout. A closed pipe (`amparo build | head`) is not an error worth a panic.
macro_rules! out {
    ($($arg:tt)*) => {{ use std::io::Write as _; let _ = writeln!(std::io::stdout(), $($arg)*); }};
}

/// Prints to stdout without a newline, ignoring a closed pipe.
macro_rules! out_raw {
    ($($arg:tt)*) => {{ use std::io::Write as _; let _ = write!(std::io::stdout(), $($arg)*); }};
}

/// Prints a line to stderr, ignoring a closed pipe.
macro_rules! err {
    ($($arg:tt)*) => {{ use std::io::Write as _; let _ = writeln!(std::io::stderr(), $($arg)*); }};
}

// Declared after the macros so that every command module can use them.
mod cli;

#[derive(Parser)]
#[command(
    name = "amparo",
    version,
    about = "Builds small, multilingual, offline-capable know-your-rights sites"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files.
    Build(cli::build::BuildArgs),
    /// Preview the site: serve it, rebuild on every change, reload open pages.
    Serve(cli::serve::ServeArgs),
    /// Check the site before publishing: links, translations, readability, accessibility,
    /// contacts and privacy. Exits 1 when there is an error (with --strict, a warning too).
    Check(cli::check::CheckArgs),
    /// Pack the site into one file for offline hotspots (Kiwix, Internet-in-a-Box).
    Export(cli::export::ExportArgs),
    /// Create a new, working two-language site in DIR.
    Init(cli::init::InitArgs),
    /// Files for translators: segments to translate (PO), and how far each language is.
    Translate(cli::translate::TranslateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            err!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Build(args) => Ok(cli::build::run(args)),
        Command::Serve(args) => cli::serve::run(args),
        Command::Check(args) => Ok(cli::check::run(args)),
        Command::Export(args) => Ok(cli::export::run(args)),
        Command::Init(args) => cli::init::run(args),
        Command::Translate(args) => Ok(cli::translate::run(args)),
    }
}

/// Prints each problem to stderr, as the terminal shows it.
fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        err!("{}", d.render_terminal());
    }
}
