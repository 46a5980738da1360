//! `site.toml`: the input as the configuration of a one-page site, loaded; when it loads
//! without errors, the site is built too, since the titles and contacts reach every page.

#![no_main]

use amparo_fuzz::site::TempSite;
use amparo_fuzz::{build_and_check, show};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SITE: LazyLock<TempSite> =
    LazyLock::new(|| TempSite::new().expect("cannot make the temporary site"));

fuzz_target!(|data: &[u8]| {
    if SITE.write("site.toml", data).is_err() {
        return;
    }
    let (inputs, diags) = amparo::load::load(SITE.root(), false);
    show(&diags);
    if inputs.is_some() && !diags.has_errors() {
        build_and_check(SITE.root());
    }
});
