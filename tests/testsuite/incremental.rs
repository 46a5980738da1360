//! The preview's incremental update: an edit to a page's text renders only the pages that show
//! it, and what it renders is byte for byte what a whole build makes.

use crate::common::*;
use amparo::Preview;
use amparo::files::OutputFile;
use std::collections::BTreeMap;

fn by_path(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

#[test]
fn a_text_edit_updates_the_pages_that_show_it_exactly_as_a_whole_build_would() {
    let site = Site::fixture(".");
    let root = site.root();
    let (files, _, mut preview) = Preview::render(root, false).unwrap();
    let mut served = by_path(files);

    let edited = "content/rights/no-detention.es.md";
    let text = std::fs::read_to_string(root.join(edited)).unwrap();
    site.write(edited, format!("{text}\nUna frase nueva para la prueba.\n"));
    let mut changed = preview
        .update(&[root.join(edited)])
        .expect("an edit to the text alone is an update");
    changed.extend(preview.booklets().expect("the booklets render"));
    let mut paths: Vec<&str> = changed.iter().map(|f| f.path.as_str()).collect();
    paths.sort();
    let (search, pages): (Vec<&str>, Vec<&str>) =
        paths.iter().partition(|p| p.contains("/search/"));
    // Spanish, and K'iche' and Mam, which fall back to the Spanish text; their booklets and
    // search indexes too.
    assert_eq!(
        pages,
        vec![
            "es/print/index.html",
            "es/rights/no-detention/index.html",
            "mam/print/index.html",
            "mam/rights/no-detention/index.html",
            "quc/print/index.html",
            "quc/rights/no-detention/index.html",
        ]
    );
    // Of each index, the page's own part, and the few parts the three new words fall in.
    for lang in ["es", "mam", "quc"] {
        let own: Vec<&str> = search
            .iter()
            .copied()
            .filter(|p| p.starts_with(&format!("{lang}/")))
            .collect();
        assert!(
            own.contains(&format!("{lang}/search/p/4.js").as_str()),
            "{own:?}"
        );
        assert!(own.iter().any(|p| p.contains("/search/t/")), "{own:?}");
        assert!(own.len() <= 8, "{lang}: {own:?}");
    }
    assert!(search.iter().all(|p| !p.starts_with("en/")), "{search:?}");
    for f in changed {
        served.insert(f.path, f.bytes);
    }
    let (whole, _, _) = Preview::render(root, false).unwrap();
    let whole = by_path(whole);
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &whole {
        // The worker's version is a hash of the whole output; a preview never serves it.
        if path == "sw.js" {
            continue;
        }
        assert!(served[path] == *bytes, "{path} differs from a whole build");
    }
    let page = String::from_utf8(served["quc/rights/no-detention/index.html"].clone()).unwrap();
    assert!(page.contains("Una frase nueva para la prueba."));
}

#[test]
fn anything_but_a_text_edit_asks_for_a_whole_build() {
    let site = Site::fixture(".");
    let root = site.root();
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    let page = "content/rights/no-detention.es.md";
    let text = std::fs::read_to_string(root.join(page)).unwrap();

    // A new title shows in listings and previous/next links.
    site.write(page, text.replacen("title = \"", "title = \"Nuevo: ", 1));
    assert!(preview.update(&[root.join(page)]).is_none(), "title");

    // A Spanish heading's id is the id of the English heading at its place too.
    site.write(page, &text);
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    let heading = text.lines().find(|l| l.starts_with("## ")).unwrap();
    site.write(page, text.replacen(heading, "## Un título nuevo", 1));
    assert!(
        preview.update(&[root.join(page)]).is_none(),
        "a Spanish heading"
    );

    // A Spanish page that lends parts to a partly translated page: that page changes too.
    site.write(page, &text);
    let partial = text
        .replacen("title = \"", "untranslated = [2]\ntitle = \"[mam] ", 1)
        .replacen("+++\n", "+++\ntranslated_from = \"es:000000000000\"\n", 1);
    site.write("content/rights/no-detention.mam.md", &partial);
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    site.write(page, text.replacen("\n\n", "\n\nUna frase nueva.\n\n", 1));
    assert!(preview.update(&[root.join(page)]).is_none(), "lends parts");
    site.remove("content/rights/no-detention.mam.md");

    // A broken link is a problem the whole build reports.
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    site.write(page, format!("{text}\n[roto](no-such-page.md)\n"));
    assert!(preview.update(&[root.join(page)]).is_none(), "broken link");

    // Files that are not a page's text.
    site.write(page, &text);
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    assert!(
        preview.update(&[root.join("site.toml")]).is_none(),
        "site.toml"
    );
    assert!(
        preview.update(&[root.join("locales/es.toml")]).is_none(),
        "a locale"
    );
    site.write(
        "content/rights/new.es.md",
        "+++\ntitle = \"Nueva\"\n+++\nHola.\n",
    );
    assert!(
        preview
            .update(&[root.join("content/rights/new.es.md")])
            .is_none(),
        "a new page"
    );
    site.remove(page);
    assert!(
        preview.update(&[root.join(page)]).is_none(),
        "a deleted page"
    );
}
