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
    /// Preview the site: serve it, rebuild on every change, reload open pages.
    Serve {
        /// The site's folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on. Anything but loopback lets other devices see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port; without it, 4173 or any free port if that one is taken.
        #[arg(long)]
        port: Option<u16>,
        /// Poll for changes instead of native file events (network drives, containers, VM shares).
        #[arg(long)]
        poll: bool,
        /// Also build pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
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
        Command::Serve {
            root,
            bind,
            port,
            poll,
            drafts,
            open,
        } => serve(
            amparo::serve::ServeOptions {
                root,
                bind,
                port,
                poll,
                include_drafts: drafts,
            },
            open,
        ),
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

fn serve(opts: amparo::serve::ServeOptions, open: bool) -> Result<ExitCode> {
    use amparo::serve::{ServeEvent, Server};
    let bind = opts.bind;
    let server = Server::start(opts, |event| match event {
        ServeEvent::Built {
            pages,
            millis,
            warnings,
        } => {
            print_diagnostics(&warnings);
            println!("Built {pages} pages in {millis} ms.");
        }
        ServeEvent::Failed {
            millis,
            diagnostics,
        } => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Build failed after {millis} ms: {errors} error(s). Still serving the last good site; fix and save to rebuild."
            );
        }
        ServeEvent::Polling { reason } => eprintln!("note: {reason}"),
        ServeEvent::WatchError { message } => eprintln!("warning: watching files: {message}"),
    })?;
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}, not only on this computer: any device that can reach this address on your network can open the preview. Use --bind 127.0.0.1 to keep it private."
        );
    }
    println!("Serving (Ctrl-C to stop):");
    for url in server.urls() {
        println!("  {url}");
    }
    if open && let Some(url) = server.urls().first() {
        if let Err(e) = open::that(url) {
            eprintln!("warning: cannot open a browser: {e}");
        }
    }
    server.run_until_ctrl_c();
    println!("Stopped.");
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{}", d.render_terminal());
    }
}
