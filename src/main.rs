//! The `amparo` command line: parses arguments, calls the library, prints what it returns.

use amparo::{BuildOptions, Diagnostics};
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

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
    Build {
        /// The site's folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced as a whole only when the build succeeds.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also build pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Create a new, working two-language site in DIR.
    Init {
        /// The folder to create (must be empty or not exist).
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            format,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                root,
                out: out.clone(),
                include_drafts: drafts,
            };
            Ok(build(&opts, &out, format))
        }
        Command::Init { dir } => {
            amparo::init::init(&dir)?;
            println!("Created a new site in {}.", dir.display());
            println!(
                "Next: cd {} && amparo build   (the site is then in public/index.html)",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn build(opts: &BuildOptions, out: &std::path::Path, format: Format) -> ExitCode {
    match amparo::build(opts) {
        Ok(report) => {
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
                Format::Text => {
                    print_diagnostics(&report.warnings);
                    println!(
                        "Built {} pages ({} files, {} KB) into {} in {} ms.",
                        report.pages,
                        report.files,
                        report.bytes / 1024,
                        out.display(),
                        report.millis
                    );
                    print!("Translations:\n{}", report.translation_table());
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&diags).unwrap_or_default()
                ),
                Format::Text => {
                    print_diagnostics(&diags);
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "Build failed: {errors} error(s). The last good output in {} was kept.",
                        out.display()
                    );
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{}", d.render_terminal());
    }
}
