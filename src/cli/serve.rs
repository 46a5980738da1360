//! `amparo serve`: the editors' preview. Serves the site, prints each rebuild's outcome, and
//! warns when the preview can be reached from other devices.

use super::{DraftsArg, RootArg};
use crate::print_diagnostics;
use amparo::serve::{ServeEvent, ServeOptions, Server};
use anyhow::{Context, Result};
use clap::Args;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    root: RootArg,
    /// The address to listen on. Anything but loopback lets other devices see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port; without it, 4173 or any free port if that one is taken.
    #[arg(long)]
    port: Option<u16>,
    /// Poll for changes instead of native file events (network drives, containers, VM shares).
    #[arg(long)]
    poll: bool,
    #[command(flatten)]
    drafts: DraftsArg,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let bind = args.bind;
    let opts = ServeOptions {
        root: args.root.root,
        bind,
        port: args.port,
        poll: args.poll,
        include_drafts: args.drafts.drafts,
    };
    let mut server = Server::start(opts, print_event)?;
    // Before the addresses are printed: whoever reads them may press Ctrl-C at once.
    server.catch_ctrl_c().context("cannot catch Ctrl-C")?;
    if !bind.is_loopback() {
        warn_who_can_reach(bind, server.addr().port());
    }
    out!("Serving (Ctrl-C to stop):");
    for url in server.urls() {
        out!("  {url}");
    }
    if args.open
        && let Some(url) = server.urls().first()
        && let Err(e) = open::that(url)
    {
        err!("warning: cannot open a browser: {e}");
    }
    server.run_until_ctrl_c();
    out!("Stopped.");
    Ok(ExitCode::SUCCESS)
}

fn print_event(event: ServeEvent) {
    match event {
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
            serving_last_good,
            diagnostics,
        } => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            if serving_last_good {
                err!(
                    "Build failed after {millis} ms: {errors} error(s). Still serving the last good site; fix and save to rebuild."
                );
            } else {
                err!(
                    "Build failed after {millis} ms: {errors} error(s). There is no good build yet: the preview shows these problems; fix and save to build."
                );
            }
        }
        ServeEvent::Polling { reason } => err!("note: {reason}"),
        ServeEvent::WatchError { message } => err!("warning: watching files: {message}"),
    }
}

/// Says that the preview is open beyond this computer, and at which addresses, so the editor
/// knows who can read it (drafts too, with --drafts).
fn warn_who_can_reach(bind: IpAddr, port: u16) {
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
        err!("  http://{}/", SocketAddr::new(ip, port));
    }
    err!("Use --bind 127.0.0.1 to keep it private.");
}
