//! The integration tests of amparo, in one binary: a module per feature, on fixture sites
//! (`tests/fixtures/`) and on the bundled site, through the library, the `amparo` command, the
//! preview server and, where installed, headless Chromium.
//!
//! `cargo test --test testsuite` runs them all; `cargo test --test testsuite booklet::` runs one
//! module, `cargo test --test testsuite serve::polling_mode_sees_edits_too` one test.
//!
//! The tests of this binary share a process and run in parallel, so none of them changes what
//! the whole process sees: no environment variables, no current folder, no resource limits, no
//! signal handlers. Servers listen on ports the system picks (but for the one test of the
//! default port); each site lives in its own temporary folder; one headless Chromium runs at a
//! time. Three files beside this folder keep binaries of their own, which `cargo test` runs one
//! after the other, so that no other test slows them down or shares their limits:
//! `crash_safety.rs` (builds killed with SIGKILL at timed points and at system calls traced with
//! strace), `full_disk.rs` (a small tmpfs, a file-size limit) and `serve_load.rs` (the preview
//! timed under load).

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../common/mod.rs"]
mod common;

mod booklet;
mod browser;
mod build_errors;
mod bundled_site;
mod check;
mod cli;
mod edge_cases;
mod export;
mod fuzz_regressions;
mod incremental;
mod languages;
mod phones;
mod poster;
mod publishing;
mod recordings;
mod sanitizer_props;
mod search;
mod serve;
mod sharing;
mod theme;
mod tidy;
mod translate;
