//! The whole build of a one-file site: the input as `content/_index.es.md`, with a fixed
//! `site.toml`, Spanish locale and the default theme. Every page must come out safe, and the
//! home page's body must pass the strict body checks.

#![no_main]

use amparo_fuzz::build_and_check;
use amparo_fuzz::site::TempSite;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SITE: LazyLock<TempSite> =
    LazyLock::new(|| TempSite::new().expect("cannot make the temporary site"));

fuzz_target!(|data: &[u8]| {
    if SITE.write("content/_index.es.md", data).is_ok() {
        build_and_check(SITE.root());
    }
});
