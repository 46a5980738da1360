//! `amparo check` on a one-file site: the input as `content/_index.es.md`, checked by every rule
//! (links, translations, readability, accessibility, contacts, privacy), and the report written
//! as text, HTML and JSON, as the command line and `amparo serve` show it.

#![no_main]

use amparo::check::{CheckOptions, check};
use amparo_fuzz::show;
use amparo_fuzz::site::TempSite;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SITE: LazyLock<TempSite> =
    LazyLock::new(|| TempSite::new().expect("cannot make the temporary site"));

fuzz_target!(|data: &[u8]| {
    if SITE.write("content/_index.es.md", data).is_err() {
        return;
    }
    let opts = CheckOptions {
        root: SITE.root().to_path_buf(),
        include_drafts: true,
    };
    match check(&opts) {
        Ok(report) => {
            std::hint::black_box((report.text(), report.html()));
            std::hint::black_box(serde_json::to_string(&report).is_ok());
        }
        Err(diags) => show(&diags),
    }
});
