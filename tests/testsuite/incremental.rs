//! The preview's incremental update: an edit renders again only what it changed, and what is
//! served after it is byte for byte what a whole build makes, for every kind of edit.

use crate::common::*;
use amparo::Preview;
use amparo::files::OutputFile;
use amparo::preview::Changes;
use std::collections::BTreeMap;

fn by_path(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// What is served once `changes` are applied.
fn apply(served: &mut BTreeMap<String, Vec<u8>>, changes: Changes) {
    for f in changes.files {
        served.insert(f.path, f.bytes);
    }
    for p in changes.removed {
        served.remove(&p);
    }
}

/// Fails on the first file that differs from a whole build of the site as it is now.
fn assert_as_whole_build(root: &std::path::Path, served: &BTreeMap<String, Vec<u8>>, edit: &str) {
    let (whole, _, _) = Preview::render(root, false).unwrap();
    let whole = by_path(whole);
    let paths = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(served), paths(&whole), "{edit}: the files served");
    for (path, bytes) in &whole {
        // The worker's version is a hash of the whole output; a preview never serves it.
        if path == "sw.js" {
            continue;
        }
        assert!(
            served[path] == *bytes,
            "{edit}: {path} differs from a whole build"
        );
    }
}

/// Starts a preview of `site`, makes `edit` to its files, updates the preview, and checks
/// what it serves against a whole build. Returns the pages the update rendered first.
fn edit_and_compare(
    site: &Site,
    what: &str,
    edit: impl FnOnce(&Site) -> Vec<&'static str>,
) -> Vec<String> {
    let root = site.root();
    let (files, _, mut preview) = Preview::render(root, false).unwrap();
    let mut served = by_path(files);
    let changed: Vec<_> = edit(site).into_iter().map(|p| root.join(p)).collect();
    let first = preview
        .update(&changed)
        .unwrap_or_else(|| panic!("{what}: an update, not a whole build"));
    let mut rendered: Vec<String> = first.files.iter().map(|f| f.path.clone()).collect();
    rendered.sort();
    apply(&mut served, first);
    apply(&mut served, preview.rest().expect("the rest renders"));
    assert_as_whole_build(root, &served, what);
    rendered
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
        .expect("an edit to the text alone is an update")
        .files;
    changed.extend(preview.rest().expect("the booklets render").files);
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
    assert_as_whole_build(root, &served, "text");
    let page = String::from_utf8(served["quc/rights/no-detention/index.html"].clone()).unwrap();
    assert!(page.contains("Una frase nueva para la prueba."));
}

const PAGE: &str = "content/rights/no-detention.es.md";

fn replace(site: &Site, file: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    site.write(file, text.replacen(from, to, 1));
}

#[test]
fn a_new_title_renders_the_page_and_those_that_link_to_it() {
    let site = Site::fixture(".");
    let rendered = edit_and_compare(&site, "title", |s| {
        replace(s, PAGE, "title = \"", "title = \"Nuevo: ");
        vec![PAGE]
    });
    // The page in the languages that show it, its section's tiles, its neighbours' links.
    assert!(
        rendered.contains(&"es/rights/no-detention/index.html".into()),
        "{rendered:?}"
    );
    assert!(
        rendered.contains(&"es/rights/index.html".into()),
        "{rendered:?}"
    );
    assert!(
        !rendered.iter().any(|p| p.starts_with("en/")),
        "{rendered:?}"
    );
    assert!(
        rendered.len() <= 16,
        "{} pages: {rendered:?}",
        rendered.len()
    );
}

#[test]
fn a_section_title_renders_the_pages_below_it() {
    let site = Site::fixture(".");
    let section = "content/rights/_index.es.md";
    let rendered = edit_and_compare(&site, "a section's title", |s| {
        replace(s, section, "title = \"", "title = \"Nuevo: ");
        vec![section]
    });
    // Every page below it names it in its breadcrumbs.
    assert!(
        rendered.contains(&"es/rights/no-detention/index.html".into()),
        "{rendered:?}"
    );
}

#[test]
fn a_new_weight_moves_the_page_in_reading_order() {
    let site = Site::fixture(".");
    let rendered = edit_and_compare(&site, "weight", |s| {
        // A page's weight is read from the first of its files.
        replace(s, PAGE, "weight = 30", "weight = 1");
        let english = "content/rights/no-detention.en.md";
        replace(s, english, "weight = 30", "weight = 1");
        vec![PAGE, english]
    });
    assert!(!rendered.is_empty() && rendered.len() < 40, "{rendered:?}");
}

#[test]
fn a_new_description_and_icon_show_in_listings() {
    let site = Site::fixture(".");
    edit_and_compare(&site, "description and icon", |s| {
        replace(s, PAGE, "description = \"", "description = \"Nueva. ");
        replace(s, PAGE, "icon = \"shield\"", "icon = \"phone\"");
        vec![PAGE]
    });
}

#[test]
fn a_ui_string_renders_every_page_of_the_languages_that_show_it() {
    let site = Site::fixture(".");
    let rendered = edit_and_compare(&site, "a UI string", |s| {
        replace(
            s,
            "locales/es.toml",
            "previous = \"Anterior\"",
            "previous = \"Atrás\"",
        );
        vec!["locales/es.toml"]
    });
    assert!(rendered.contains(&"es/rights/no-detention/index.html".into()));
    assert!(
        !rendered.iter().any(|p| p.starts_with("en/")),
        "{rendered:?}"
    );
    // Strings that bodies show: a callout's label, the mark after a link to another website.
    edit_and_compare(&site, "a string bodies show", |s| {
        replace(
            s,
            "locales/es.toml",
            "callout_tip = \"Consejo\"",
            "callout_tip = \"Idea\"",
        );
        replace(
            s,
            "locales/es.toml",
            "needs_internet = \"",
            "needs_internet = \"con ",
        );
        vec!["locales/es.toml"]
    });
}

#[test]
fn a_new_page_and_a_deleted_one() {
    let site = Site::fixture(".");
    const NEW: &str = "content/rights/new-page.es.md";
    let rendered = edit_and_compare(&site, "a new page", |s| {
        s.write(NEW, "+++\ntitle = \"Una página nueva\"\nweight = 35\n+++\nHola. Lee [esto](no-detention.md).\n");
        vec![NEW]
    });
    assert!(
        rendered.contains(&"es/rights/new-page/index.html".into()),
        "{rendered:?}"
    );
    assert!(rendered.len() < 40, "{rendered:?}");
    edit_and_compare(&site, "a deleted page", |s| {
        s.remove(NEW);
        vec![NEW]
    });
}

#[test]
fn a_page_added_in_two_languages_takes_its_weight_from_the_file_a_walk_reads_first() {
    let site = Site::fixture(".");
    const ES: &str = "content/rights/new-page.es.md";
    const EN: &str = "content/rights/new-page.en.md";
    let page = |title: &str, weight: i64| {
        format!("+++\ntitle = \"{title}\"\nweight = {weight}\n+++\nHola.\n")
    };
    // The English file comes first in its folder, so its weight is the page's: first in the
    // list, not fourth, whatever order the files are saved in.
    let rendered = edit_and_compare(&site, "a page in two languages", |s| {
        s.write(ES, page("Una página nueva", 45));
        s.write(EN, page("A new page", 5));
        vec![ES, EN]
    });
    assert!(rendered.contains(&"en/rights/new-page/index.html".into()));
    edit_and_compare(&site, "a translation deleted", |s| {
        s.remove(EN);
        vec![EN]
    });
    edit_and_compare(&site, "a draft added", |s| {
        s.write(
            EN,
            page("A new page", 5).replacen("+++\n", "+++\ndraft = true\n", 1),
        );
        vec![EN]
    });
    edit_and_compare(&site, "a draft deleted", |s| {
        s.remove(EN);
        vec![EN]
    });
}

#[test]
fn a_new_folder_of_pages_is_read_without_a_whole_build_unless_it_brings_a_file() {
    let site = Site::fixture(".");
    let page = |title: &str| format!("+++\ntitle = \"{title}\"\nweight = 90\n+++\nHola.\n");
    let rendered = edit_and_compare(&site, "a new folder", |s| {
        s.write("content/games/_index.es.md", page("Juegos"));
        s.write("content/games/ball.es.md", page("Pelota"));
        vec![
            "content/games",
            "content/games/_index.es.md",
            "content/games/ball.es.md",
        ]
    });
    assert!(
        rendered.contains(&"es/games/ball/index.html".into()),
        "{rendered:?}"
    );
    // An image in a new folder is made by a whole build.
    let root = site.root();
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    site.write("content/toys/_index.es.md", page("Juguetes"));
    site.write(
        "content/toys/ball.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let changed = ["content/toys", "content/toys/_index.es.md"].map(|p| root.join(p));
    assert!(
        preview.update(&changed).is_none(),
        "a new folder with an image"
    );
}

#[test]
fn a_new_page_whose_name_another_page_has_in_capitals_is_left_to_a_whole_build() {
    let site = Site::fixture(".");
    let root = site.root();
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    let same = "content/rights/No-Detention.es.md";
    site.write(same, "+++\ntitle = \"Otra\"\n+++\nHola.\n");
    assert!(preview.update(&[root.join(same)]).is_none(), "{same}");
}

#[test]
fn a_spanish_heading_renders_the_translations_that_take_its_id() {
    let site = Site::fixture(".");
    let text = std::fs::read_to_string(site.root().join(PAGE)).unwrap();
    let heading = text
        .lines()
        .find(|l| l.starts_with("## "))
        .unwrap()
        .to_string();
    edit_and_compare(&site, "a Spanish heading", |s| {
        replace(s, PAGE, &heading, "## Un título nuevo");
        vec![PAGE]
    });
}

#[test]
fn a_page_that_lends_parts_to_a_partly_translated_one() {
    let site = Site::fixture(".");
    let text = std::fs::read_to_string(site.root().join(PAGE)).unwrap();
    let partial = text
        .replacen("title = \"", "untranslated = [2]\ntitle = \"[mam] ", 1)
        .replacen("+++\n", "+++\ntranslated_from = \"es:000000000000\"\n", 1);
    site.write("content/rights/no-detention.mam.md", &partial);
    edit_and_compare(&site, "lends parts", |s| {
        replace(s, PAGE, "\n\n", "\n\nUna frase nueva.\n\n");
        vec![PAGE]
    });
}

#[test]
fn site_toml_the_theme_and_problems_ask_for_a_whole_build() {
    let site = Site::fixture(".");
    let root = site.root();
    let text = std::fs::read_to_string(root.join(PAGE)).unwrap();
    for file in ["site.toml", "themes/default/templates/page.html"] {
        let (_, _, mut preview) = Preview::render(root, false).unwrap();
        assert!(preview.update(&[root.join(file)]).is_none(), "{file}");
    }
    // A broken link is a problem the whole build reports.
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    site.write(PAGE, format!("{text}\n[roto](no-such-page.md)\n"));
    assert!(preview.update(&[root.join(PAGE)]).is_none(), "broken link");
    // So is a title left empty.
    site.write(PAGE, &text);
    let (_, _, mut preview) = Preview::render(root, false).unwrap();
    replace(&site, PAGE, "title = \"", "title = \"\" # ");
    assert!(preview.update(&[root.join(PAGE)]).is_none(), "empty title");
}

/// The minimal site with `count` more Spanish pages in its guide (`p000` …), each its own text.
fn guide_with_pages(count: usize) -> Site {
    let site = Site::fixture("minimal");
    for i in 0..count {
        site.write(
            &format!("content/guide/p{i:03}.es.md"),
            format!("+++\ntitle = \"Página {i}\"\n+++\n\nTexto {i}.\n"),
        );
    }
    site
}

#[test]
fn a_ui_string_on_many_pages_renders_the_open_page_first_then_the_others() {
    let site = guide_with_pages(80);
    let root = site.root();
    let (files, _, mut preview) = Preview::render(root, false).unwrap();
    let mut served = by_path(files);
    let open = "es/guide/p040/index.html".to_string();
    let locale = "locales/es.toml";
    let text = std::fs::read_to_string(root.join(locale)).unwrap();
    let (key, _) = text
        .lines()
        .filter_map(|l| l.split_once(" = \""))
        .find(|(k, _)| *k == "previous")
        .expect("a string for previous");
    site.write(
        locale,
        text.replacen(&format!("{key} = \""), &format!("{key} = \"Antes: "), 1),
    );
    let first = preview
        .update_showing(&[root.join(locale)], std::slice::from_ref(&open))
        .expect("an update");
    let rendered: Vec<&str> = first.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(rendered, vec![open.as_str()], "the open page alone, first");
    apply(&mut served, first);
    let rest = preview.rest().expect("the rest renders");
    assert!(
        rest.files.len() > 80,
        "then every other page: {}",
        rest.files.len()
    );
    apply(&mut served, rest);
    assert_as_whole_build(root, &served, "a UI string on many pages");
}

/// A save that comes while the rest of an update is made is taken first: the rest stops
/// where it is, and the next one makes what both updates left. What is served is then what a
/// whole build makes.
#[test]
fn a_save_before_the_rest_is_made_is_taken_first_and_the_rest_is_made_after() {
    let site = guide_with_pages(150);
    let root = site.root();
    let (files, _, mut preview) = Preview::render(root, false).unwrap();
    let mut served = by_path(files);
    let open = "es/guide/p010/index.html".to_string();
    let locale = "locales/es.toml";
    replace(&site, locale, "previous = \"", "previous = \"Antes: ");
    let first = preview
        .update_showing(&[root.join(locale)], std::slice::from_ref(&open))
        .expect("an update");
    apply(&mut served, first);
    // A save comes once the rest has made one step of pages.
    let asked = std::cell::Cell::new(0);
    let partial = preview
        .rest_until(&|| {
            asked.set(asked.get() + 1);
            asked.get() > 1
        })
        .expect("a part of the rest renders");
    let made = partial.files.len();
    assert!((1..150).contains(&made), "one step of pages: {made}");
    assert!(preview.has_rest(), "the other pages are left");
    apply(&mut served, partial);
    replace(
        &site,
        "content/guide/p140.es.md",
        "Texto 140.",
        "Texto nuevo.",
    );
    let second = preview
        .update(&[root.join("content/guide/p140.es.md")])
        .expect("an update of page text");
    assert!(
        second
            .files
            .iter()
            .any(|f| f.path == "es/guide/p140/index.html")
    );
    apply(&mut served, second);
    let rest = preview.rest().expect("the rest of both renders");
    assert!(!preview.has_rest());
    assert!(
        rest.files.len() > 150 - made,
        "the pages left, and the booklet: {}",
        rest.files.len()
    );
    apply(&mut served, rest);
    assert_as_whole_build(root, &served, "a save before the rest");
}
