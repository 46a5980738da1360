//! Front matter: `split_front_matter` on the input, then the input as a page of a site, loaded
//! with every front matter check (the TOML, its keys, the icon, audio and `translated_from`).

#![no_main]

use amparo::Diagnostics;
use amparo::load::front_matter::split_front_matter;
use amparo::load::{SiteConfig, Theme, config, content, theme};
use amparo_fuzz::{show, site::TempSite};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

/// The site, its configuration and its theme, loaded once.
struct Fixture {
    site: TempSite,
    config: SiteConfig,
    theme: Theme,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let site = TempSite::new().expect("cannot make the temporary site");
    let mut diags = Diagnostics::default();
    let (mut config, numbers) =
        config::load(site.root(), &mut diags).expect("the fixed site.toml loads");
    config.put_numbers(numbers.check(&mut diags));
    let theme = theme::load(site.root(), &config.theme, &mut diags).expect("the theme loads");
    Fixture {
        site,
        config,
        theme,
    }
});

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        split(text);
    }
    let f = &*FIXTURE;
    if f.site.write("content/guide/steps.es.md", data).is_err() {
        return;
    }
    let mut diags = Diagnostics::default();
    let loaded = content::load_all(
        f.site.root(),
        &f.config,
        Some(&f.theme),
        true,
        &Default::default(),
        &mut diags,
    );
    show(&diags);
    for file in &loaded.files {
        // The body must start on a character boundary inside the file.
        assert!(file.text.get(file.body_offset..).is_some());
    }
});

/// The ranges returned must lie inside the text, on character boundaries, in order.
fn split(text: &str) {
    match split_front_matter(text, Path::new("content/x.es.md")) {
        Ok((front, body)) => {
            assert!(text.get(front.clone()).is_some(), "front {front:?}");
            assert!(text.get(body..).is_some(), "body at {body}");
            assert!(front.end <= body, "front {front:?}, body at {body}");
        }
        Err(found) => show(&Diagnostics(found)),
    }
}
