//! The `amparo` command line: parses arguments, calls the library, prints what it returns.

use amparo::{BuildOptions, Diagnostics};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints a line to stdout. A closed pipe (`amparo build | head`) is not an error worth a panic.
macro_rules! out {
    ($($arg:tt)*) => {{ let _ = writeln!(std::io::stdout(), $($arg)*); }};
}

/// Prints to stdout without a newline, ignoring a closed pipe.
macro_rules! out_raw {
    ($($arg:tt)*) => {{ let _ = write!(std::io::stdout(), $($arg)*); }};
}

/// Prints a line to stderr, ignoring a closed pipe.
macro_rules! err {
    ($($arg:tt)*) => {{ let _ = writeln!(std::io::stderr(), $($arg)*); }};
}

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
    /// Check the site before publishing: links, translations, readability, accessibility,
    /// contacts and privacy. Exits 1 when there is an error (with --strict, a warning too).
    Check {
        /// The site's folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the report: text, or JSON for CI (see the README).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Also check pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Record that FILE (a translation) is up to date with its source as it is now, instead
        /// of checking.
        #[arg(long, value_name = "FILE")]
        mark_translated: Option<PathBuf>,
        /// List the rules, their default severity and what they find, instead of checking.
        #[arg(long)]
        rules: bool,
    },
    /// Pack the site into one file for offline hotspots (Kiwix, Internet-in-a-Box).
    Export {
        /// Make a ZIM file (needs Debian's zim-tools).
        #[arg(long, required = true)]
        zim: bool,
        /// The site's folder (with site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The file to write; default: <site folder name>.zim.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also include pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Who made the content (default: the first contact's name).
        #[arg(long)]
        creator: Option<String>,
        /// Who made the file (default: the creator).
        #[arg(long)]
        publisher: Option<String>,
        /// At most 80 characters (default: the home page's description, shortened).
        #[arg(long)]
        description: Option<String>,
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
            err!("error: {e:#}");
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
        Command::Check {
            root,
            format,
            strict,
            drafts,
            mark_translated,
            rules,
        } => Ok(if rules {
            print_rules()
        } else if let Some(file) = mark_translated {
            mark(&root, &file)
        } else {
            check(root, drafts, format, strict)
        }),
        Command::Export {
            zim: _,
            root,
            out,
            drafts,
            creator,
            publisher,
            description,
        } => {
            let out = out.unwrap_or_else(|| amparo::output::zim::default_out(&root));
            let opts = amparo::ZimOptions {
                root,
                out: out.clone(),
                include_drafts: drafts,
                creator,
                publisher,
                description,
            };
            Ok(match amparo::export_zim(&opts) {
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
            })
        }
        Command::Init { dir } => {
            amparo::init::init(&dir)?;
            out!("Created a new site in {}.", dir.display());
            out!(
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
                Format::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
                Format::Text => {
                    print_diagnostics(&report.warnings);
                    out!(
                        "Built {} pages ({} files, {} KB) into {} in {} ms.",
                        report.pages,
                        report.files,
                        report.bytes / 1024,
                        out.display(),
                        report.millis
                    );
                    out_raw!("Translations:\n{}", report.translation_table());
                }
            }
            ExitCode::SUCCESS
        }
        Err(diags) => {
            match format {
                Format::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&diags).unwrap_or_default()
                ),
                Format::Text => {
                    print_diagnostics(&diags);
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    err!(
                        "Build failed: {errors} error(s). The last good output in {} was kept.",
                        out.display()
                    );
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn check(root: PathBuf, drafts: bool, format: Format, strict: bool) -> ExitCode {
    let opts = amparo::check::CheckOptions {
        root,
        include_drafts: drafts,
    };
    match amparo::check::check(&opts) {
        Ok(report) => {
            match format {
                Format::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                ),
                Format::Text => out_raw!("{}", report.text()),
            }
            if report.fails(strict) {
                if matches!(format, Format::Text) && report.summary.errors == 0 {
                    err!("Failed: --strict counts warnings as errors.");
                }
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(diags) => {
            match format {
                Format::Json => out!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "version": 1,
                        "build_failed": true,
                        "findings": diags,
                    }))
                    .unwrap_or_default()
                ),
                Format::Text => {
                    print_diagnostics(&diags);
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    err!(
                        "The site does not build ({errors} error(s)); fix these first, then check again."
                    );
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn mark(root: &std::path::Path, file: &std::path::Path) -> ExitCode {
    match amparo::check::mark::mark_translated(root, file) {
        Ok(m) => {
            out!(
                "Marked {} as translated from {} (translated_from = \"{}\").",
                m.file.display(),
                m.source.display(),
                m.value
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags);
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

fn serve(opts: amparo::serve::ServeOptions, open: bool) -> Result<ExitCode> {
    use amparo::serve::{ServeEvent, Server};
    let bind = opts.bind;
    let mut server = Server::start(opts, |event| match event {
        ServeEvent::Built {
            pages,
            millis,
            warnings,
        } => {
            print_diagnostics(&warnings);
            out!("Built {pages} pages in {millis} ms.");
        }
        ServeEvent::Failed {
            millis,
            diagnostics,
        } => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            err!(
                "Build failed after {millis} ms: {errors} error(s). Still serving the last good site; fix and save to rebuild."
            );
        }
        ServeEvent::Polling { reason } => err!("note: {reason}"),
        ServeEvent::WatchError { message } => err!("warning: watching files: {message}"),
    })?;
    // Before the addresses are printed: whoever reads them may press Ctrl-C at once.
    server.catch_ctrl_c().context("cannot catch Ctrl-C")?;
    if !bind.is_loopback() {
        warn_who_can_reach(bind, server.addr().port());
    }
    out!("Serving (Ctrl-C to stop):");
    for url in server.urls() {
        out!("  {url}");
    }
    if open
        && let Some(url) = server.urls().first()
        && let Err(e) = open::that(url)
    {
        err!("warning: cannot open a browser: {e}");
    }
    server.run_until_ctrl_c();
    out!("Stopped.");
    Ok(ExitCode::SUCCESS)
}

/// Says that the preview is open beyond this computer, and at which addresses, so the editor
/// knows who can read it (drafts too, with --drafts).
fn warn_who_can_reach(bind: std::net::IpAddr, port: u16) {
    let addresses = amparo::serve::reachable_addresses(bind);
    if addresses.is_empty() {
        err!(
            "warning: listening on {bind}, not only on this computer. This computer has no network address now; once it joins a network, any device there can open the preview. Use --bind 127.0.0.1 to keep it private."
        );
        return;
    }
    err!(
        "warning: listening on {bind}, not only on this computer. Any device that can reach one of these addresses can open the preview:"
    );
    for ip in addresses {
        err!("  http://{}/", std::net::SocketAddr::new(ip, port));
    }
    err!("Use --bind 127.0.0.1 to keep it private.");
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        err!("{}", d.render_terminal());
    }
}
