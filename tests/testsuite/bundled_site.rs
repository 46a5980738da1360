//! The site this repository publishes: built whole, then checked as a child's browser would
//! see it from `file://` — every language has every page, links land on files, nothing comes
//! from another origin, and every first load fits in 14 KB gzipped.

use crate::common::*;
use std::path::Path;

const LANGS: [&str; 4] = ["es", "en", "quc", "mam"];
const BUDGET: usize = 14 * 1024;

fn built() -> (Site, Vec<String>) {
    let site = Site::fixture(".");
    let report = site
        .build()
        .unwrap_or_else(|d| panic!("the bundled site must build:\n{d}"));
    assert!(report.warnings.is_empty(), "warnings: {}", report.warnings);
    let files = files(&site.out());
    (site, files)
}

fn pages(files: &[String]) -> Vec<&String> {
    files.iter().filter(|f| f.ends_with(".html")).collect()
}

/// The pages inside a language's folder.
fn language_pages(files: &[String]) -> Vec<&String> {
    pages(files)
        .into_iter()
        .filter(|f| LANGS.contains(&f.split('/').next().unwrap_or("")))
        .collect()
}

#[test]
fn every_language_has_every_page() {
    let (_site, files) = built();
    let es: Vec<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix("es/"))
        .filter(|f| f.ends_with(".html"))
        .map(str::to_string)
        .collect();
    assert!(
        es.len() >= 13,
        "at least 8 pages, 3 sections, the home and the 404 page: {es:?}"
    );
    for lang in LANGS {
        for page in &es {
            assert!(
                files.contains(&format!("{lang}/{page}")),
                "{lang}/{page} is missing"
            );
        }
    }
    assert!(files.contains(&"index.html".to_string()));
}

#[test]
fn every_page_declares_its_language_and_direction() {
    let (site, files) = built();
    for f in pages(&files) {
        let html = std::fs::read_to_string(site.out().join(f)).unwrap();
        let lang = attrs(&html, "html", "lang");
        let expected = f
            .split('/')
            .next()
            .filter(|l| LANGS.contains(l))
            .unwrap_or("es");
        assert_eq!(lang, vec![expected.to_string()], "{f}");
        assert_eq!(attrs(&html, "html", "dir"), vec!["ltr".to_string()], "{f}");
        assert_eq!(texts(&html, "title").len(), 1, "{f} has a title");
    }
}

/// Resolves `href` from the output file `from` as a `file://` browser would.
fn target(out: &Path, from: &str, href: &str) -> Option<std::path::PathBuf> {
    let path = href.split(['#', '?']).next().unwrap();
    if path.is_empty() {
        return None;
    }
    let base = Path::new(from).parent().unwrap();
    let mut p = out.join(base);
    for seg in path.split('/') {
        match seg {
            ".." => {
                p.pop();
            }
            "." | "" => {}
            s => p.push(amparo::page_path::percent_decode(s).expect("a well-formed link")),
        }
    }
    Some(p)
}

fn is_external(href: &str) -> bool {
    href.contains(':') || href.starts_with("//")
}

#[test]
fn all_links_are_relative_and_land_on_files() {
    let (site, files) = built();
    let mut checked = 0;
    for f in pages(&files) {
        let html = std::fs::read_to_string(site.out().join(f)).unwrap();
        for href in attrs(&html, "a", "href")
            .into_iter()
            .chain(attrs(&html, "link", "href"))
        {
            assert!(!href.starts_with('/'), "{f}: absolute link {href}");
            if is_external(&href) || href.starts_with('#') {
                continue;
            }
            let t = target(&site.out(), f, &href).unwrap();
            assert!(
                t.is_file(),
                "{f}: {href} does not land on a file (a folder opens a listing under file://)"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn nothing_is_loaded_from_another_origin() {
    let (site, files) = built();
    for f in pages(&files) {
        let html = std::fs::read_to_string(site.out().join(f)).unwrap();
        for sel in ["script", "img", "audio", "video", "source", "iframe"] {
            for src in attrs(&html, sel, "src") {
                assert!(!is_external(&src), "{f}: {sel} from {src}");
            }
        }
        for href in attrs(&html, "link[rel=stylesheet]", "href") {
            assert!(!is_external(&href), "{f}: stylesheet from {href}");
        }
        let csp = attrs(&html, "meta[http-equiv=Content-Security-Policy]", "content");
        assert_eq!(csp.len(), 1, "{f} has a Content-Security-Policy");
        // The quick exit's neutral page loads nothing at all; every other page, its theme's files.
        if f.ends_with("recipes.html") {
            // (`data:` images: its empty icon, so the browser asks for no /favicon.ico.)
            assert_policy(
                &csp[0],
                &[("default-src", &["'self'"]), ("img-src", &["data:"])],
                f,
            );
        } else {
            assert_policy(&csp[0], PAGE_POLICY, f);
        }
        // Scripts are the theme's own files, never inline; pages work without them.
        let doc = scraper::Html::parse_document(&html);
        for script in doc.select(&scraper::Selector::parse("script").unwrap()) {
            let src = script
                .value()
                .attr("src")
                .unwrap_or_else(|| panic!("{f}: an inline script"));
            assert!(
                src.contains("assets/") && !is_external(src),
                "{f}: script {src}"
            );
            assert!(
                script.inner_html().trim().is_empty(),
                "{f}: inline code in a script element"
            );
        }
    }
    for f in files.iter().filter(|f| f.ends_with(".css")) {
        let css = std::fs::read_to_string(site.out().join(f)).unwrap();
        assert!(
            !css.contains("@import") && !css.contains("@font-face"),
            "{f}: no imports, no web fonts"
        );
        assert!(
            !css.contains("url(http") && !css.contains("url(//"),
            "{f}: no other origin"
        );
    }
}

#[test]
fn every_first_load_fits_in_14_kb_gzipped() {
    let (site, files) = built();
    let mut worst = (0, String::new());
    for f in pages(&files) {
        let html = std::fs::read(site.out().join(f)).unwrap();
        let mut total = gzip_len(&html);
        let text = String::from_utf8_lossy(&html);
        for href in attrs(&text, "link[rel=stylesheet]", "href")
            .into_iter()
            .chain(attrs(&text, "script", "src"))
        {
            let t = target(&site.out(), f, &href).unwrap();
            total += gzip_len(&std::fs::read(&t).unwrap_or_else(|_| panic!("{f}: {href} missing")));
        }
        if total > worst.0 {
            worst = (total, f.clone());
        }
    }
    assert!(
        worst.0 > 1000,
        "the measure must count something: {worst:?}"
    );
    assert!(
        worst.0 <= BUDGET,
        "{} is {} bytes gzipped with its CSS, over {BUDGET}",
        worst.1,
        worst.0
    );
}

#[test]
fn untranslated_pages_fall_back_to_spanish_and_say_so() {
    let (site, _) = built();
    let html = site.read("quc/rights/best-interests/index.html");
    assert_eq!(
        attrs(&html, "article", "lang"),
        vec!["es".to_string()],
        "the body is marked as Spanish"
    );
    let notice = texts(&html, ".notice").join(" ");
    assert!(
        notice.contains("K'iche'") && notice.contains("Español"),
        "notice: {notice}"
    );
    // hreflang alternates only name real translations.
    let alternates = attrs(&html, "link[rel=alternate]", "hreflang");
    assert_eq!(alternates, vec!["en".to_string(), "es".to_string()]);
    // The switcher lists every language by its own name and marks the fallbacks.
    let switcher = texts(&html, ".langs li");
    assert_eq!(switcher.len(), 4);
    assert!(
        switcher[2].starts_with("K'iche'") && switcher[2].contains("sin traducir"),
        "{switcher:?}"
    );
    assert!(!switcher[0].contains("sin traducir"), "{switcher:?}");
    let es = site.read("es/rights/best-interests/index.html");
    assert!(
        texts(&es, ".notice").is_empty(),
        "a real translation has no notice"
    );
}

#[test]
fn every_page_has_the_help_box_with_working_contacts() {
    let (site, files) = built();
    // The chooser and the neutral quick-exit page have no help box.
    for f in language_pages(&files) {
        let html = std::fs::read_to_string(site.out().join(f)).unwrap();
        let hrefs = attrs(&html, "#help a", "href");
        assert!(
            hrefs.contains(&"tel:+525571001542".to_string()),
            "{f}: {hrefs:?}"
        );
        assert!(
            hrefs.contains(&"https://wa.me/12029189431".to_string()),
            "{f}: {hrefs:?}"
        );
    }
}

#[test]
fn pages_have_breadcrumbs_and_reading_order() {
    let (site, _) = built();
    let html = site.read("en/rights/best-interests/index.html");
    assert_eq!(texts(&html, ".crumbs a"), vec!["Home", "Your rights"]);
    assert_eq!(
        attrs(&html, ".pager a", "href"),
        vec![
            "../rights-in-mexico/index.html",
            "../no-detention/index.html"
        ]
    );
    let home = site.read("en/index.html");
    assert_eq!(
        attrs(&home, ".tiles a", "href"),
        vec![
            "rights/index.html",
            "protection/index.html",
            "help/index.html"
        ]
    );
}

#[test]
fn the_language_chooser_names_each_language_in_itself() {
    let (site, _) = built();
    let html = site.read("index.html");
    assert_eq!(
        texts(&html, ".choose a"),
        vec!["Español", "English", "K'iche'", "Mam"]
    );
    assert_eq!(
        attrs(&html, ".choose a", "lang"),
        vec!["es", "en", "quc", "mam"]
    );
    assert_eq!(
        attrs(&html, ".choose a", "href"),
        vec![
            "es/index.html",
            "en/index.html",
            "quc/index.html",
            "mam/index.html"
        ]
    );
}

#[test]
fn the_translation_report_shows_the_mayan_gap() {
    let site = Site::fixture(".");
    let report = site.build().unwrap();
    let quc = report.languages.iter().find(|l| l.lang == "quc").unwrap();
    assert_eq!(quc.translated, 0);
    assert_eq!(quc.fallbacks.len(), quc.pages);
    assert_eq!(quc.fallbacks.len(), 14);
    assert!(quc.fallbacks.iter().all(|(_, src)| src == "es"));
    assert!(!quc.reviewed);
    let table = report.translation_table();
    assert!(table.contains("quc") && table.contains("0/14"), "{table}");
}

#[test]
fn every_page_has_a_quick_exit_that_works_without_javascript() {
    let (site, files) = built();
    for f in language_pages(&files) {
        let html = std::fs::read_to_string(site.out().join(f)).unwrap();
        let href = attrs(&html, "a#quick-exit", "href");
        assert_eq!(href.len(), 1, "{f} has one quick-exit link");
        assert!(href[0].ends_with("assets/recipes.html"), "{f}: {}", href[0]);
        let target = target(&site.out(), f, &href[0]).unwrap();
        let neutral = std::fs::read_to_string(target).unwrap();
        assert!(
            !neutral.contains("KIND") && !neutral.contains("asilo") && !neutral.contains("derecho"),
            "the exit page says nothing about this site"
        );
        assert_eq!(
            attrs(&html, "#quick-exit-status", "aria-live"),
            vec!["polite"]
        );
    }
}

#[test]
fn each_language_lists_its_offline_files_and_has_an_offline_page() {
    let (site, files) = built();
    let worker = site.read("sw.js");
    assert!(worker.contains("const VERSION = \"") && !worker.contains("__VERSION__"));
    for lang in LANGS {
        let list: Vec<String> =
            serde_json::from_str(&site.read(&format!("{lang}/offline.json"))).unwrap();
        let pages = files
            .iter()
            .filter(|f| f.starts_with(&format!("{lang}/")) && f.ends_with(".html"))
            .count();
        assert_eq!(
            list.iter()
                .filter(|f| f.starts_with(&format!("{lang}/")) && f.ends_with(".html"))
                .count(),
            pages,
            "{lang}: every page is saved"
        );
        assert!(list.contains(&format!("{lang}/manifest.webmanifest")));
        assert!(
            !list.iter().any(|f| f.ends_with(".png")),
            "{lang}: home-screen icons are not downloaded for offline reading"
        );
        for f in &list {
            assert!(
                site.out().join(f).is_file(),
                "{lang}/offline.json lists {f}, which does not exist"
            );
        }
        assert!(
            list.iter().any(|f| f.ends_with(".css"))
                && list.contains(&"assets/recipes.html".to_string())
        );
        let offline = site.read(&format!("{lang}/offline.html"));
        assert_eq!(attrs(&offline, "html", "lang"), vec![lang.to_string()]);
    }
}

#[test]
fn each_language_has_a_booklet_with_every_chapter_and_the_contacts() {
    let (site, _) = built();
    for lang in LANGS {
        let booklet = site.read(&format!("{lang}/print/index.html"));
        let chapters = texts(&booklet, ".chapter-title");
        assert_eq!(
            chapters.len(),
            14,
            "{lang}: the home, 3 sections and 10 pages"
        );
        assert_eq!(
            texts(&booklet, ".toc li"),
            chapters,
            "{lang}: the contents list the chapters in order"
        );
        let home = site.read(&format!("{lang}/index.html"));
        assert_eq!(
            chapters[0],
            texts(&home, "h1").join(""),
            "{lang}: the home comes first"
        );
        let hrefs = attrs(&booklet, ".last a", "href");
        assert!(
            hrefs.contains(&"tel:+525571001542".to_string()),
            "{lang}: contacts on the last page"
        );
        // Every chapter says its language: as many `lang`s as chapters, each es or en.
        let langs = attrs(&booklet, ".chapter", "lang");
        assert_eq!(
            langs.len(),
            texts(&booklet, ".chapter-title").len(),
            "{lang}"
        );
        assert!(langs.len() >= 14, "{lang}: {} chapters", langs.len());
        assert!(
            langs.iter().all(|l| l == "es" || l == "en"),
            "{lang}: {langs:?}"
        );
    }
    let quc = site.read("quc/print/index.html");
    assert_eq!(attrs(&quc, "html", "lang"), vec!["quc"]);
    let langs = attrs(&quc, ".chapter", "lang");
    assert_eq!(langs.len(), texts(&quc, ".chapter-title").len());
    assert!(langs.len() >= 14, "{} chapters", langs.len());
    assert!(
        langs.iter().all(|l| l == "es"),
        "K'iche' chapters are the Spanish text, marked as such"
    );
}

#[test]
fn each_language_can_be_added_to_the_home_screen() {
    let (site, _) = built();
    for lang in LANGS {
        let html = site.read(&format!("{lang}/index.html"));
        assert_eq!(
            attrs(&html, "link[rel=manifest]", "href"),
            vec!["manifest.webmanifest"]
        );
        let m: serde_json::Value =
            serde_json::from_str(&site.read(&format!("{lang}/manifest.webmanifest"))).unwrap();
        assert_eq!(m["lang"], lang);
        assert_eq!(m["start_url"], "./index.html");
        assert_eq!(m["display"], "standalone");
        assert!(m["name"].as_str().is_some_and(|n| !n.is_empty()) && m["theme_color"].is_string());
        let mut sizes = Vec::new();
        for icon in m["icons"].as_array().unwrap() {
            let file = site.out().join(lang).join(icon["src"].as_str().unwrap());
            let bytes = std::fs::read(&file).unwrap_or_else(|_| panic!("{lang}: {file:?} missing"));
            if icon["type"] == "image/png" {
                assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
                let (w, h) = (
                    u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
                    u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
                );
                assert_eq!(format!("{w}x{h}"), icon["sizes"].as_str().unwrap());
            }
            sizes.push(icon["sizes"].as_str().unwrap().to_string());
        }
        assert_eq!(sizes, vec!["192x192", "512x512", "any"]);
    }
}

/// Every HTML file reachable from `index.html` by following links, as a `file://` browser would.
fn crawl(out: &Path) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::from(["index.html".to_string()]);
    let mut queue = vec!["index.html".to_string()];
    while let Some(f) = queue.pop() {
        let html = std::fs::read_to_string(out.join(&f)).unwrap();
        for href in attrs(&html, "a", "href") {
            if is_external(&href) || href.starts_with('#') {
                continue;
            }
            let t = target(out, &f, &href).unwrap();
            assert!(t.is_file(), "{f}: {href} is not a file");
            let rel = t
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel.ends_with(".html") && seen.insert(rel.clone()) {
                queue.push(rel);
            }
        }
    }
    seen
}

#[test]
fn a_file_crawl_from_index_html_reaches_every_page() {
    let (site, files) = built();
    let reached = crawl(&site.out());
    for f in language_pages(&files) {
        let special = f.ends_with("/404.html") || f.ends_with("/offline.html");
        assert!(
            special || reached.contains(f.as_str()),
            "{f} cannot be reached from index.html"
        );
    }
    assert!(
        reached.contains("assets/recipes.html"),
        "the quick exit is reachable too"
    );
}

#[test]
fn each_zip_unzips_to_a_site_that_works_from_file() {
    let (site, _) = built();
    for name in [
        "amparo-es.zip",
        "amparo-en.zip",
        "amparo-quc.zip",
        "amparo-mam.zip",
        "amparo-all.zip",
    ] {
        let bytes =
            std::fs::read(site.out().join(name)).unwrap_or_else(|_| panic!("{name} is missing"));
        let dir = tempfile::tempdir().unwrap();
        zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap()
            .extract(dir.path())
            .unwrap();
        let files = files(dir.path());
        let reached = crawl(dir.path());
        let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
        for f in &pages {
            let special = f.ends_with("/404.html") || f.ends_with("/offline.html");
            assert!(
                special || reached.contains(f.as_str()),
                "{name}: {f} cannot be reached from index.html"
            );
        }
        let langs: std::collections::BTreeSet<&str> = pages
            .iter()
            .filter_map(|f| f.split_once('/').map(|(l, _)| l))
            .filter(|l| LANGS.contains(l))
            .collect();
        let expected: Vec<&str> = match name.trim_start_matches("amparo-").trim_end_matches(".zip")
        {
            "all" => LANGS.to_vec(),
            one => vec![one],
        };
        assert_eq!(
            langs.into_iter().collect::<Vec<_>>(),
            {
                let mut e = expected.clone();
                e.sort();
                e
            },
            "{name}: its languages"
        );
        assert!(
            !files.iter().any(|f| f.ends_with(".zip")),
            "{name}: no zip inside a zip"
        );
    }
    // The share page lists every zip with its real size.
    let share = site.read("es/share/index.html");
    let hrefs = attrs(&share, ".zips a", "href");
    assert_eq!(
        hrefs,
        vec![
            "../../amparo-es.zip",
            "../../amparo-en.zip",
            "../../amparo-quc.zip",
            "../../amparo-mam.zip",
            "../../amparo-all.zip"
        ]
    );
    let sizes = texts(&share, ".zips b");
    let es_size = std::fs::metadata(site.out().join("amparo-es.zip"))
        .unwrap()
        .len();
    assert_eq!(sizes[0], format!("{} KB", es_size.div_ceil(1024)));
}

#[test]
fn the_readme_shows_the_bundled_sites_build_as_it_is() {
    let site = Site::fixture(".");
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for line in report.translation_table().lines() {
        assert!(
            readme.contains(line),
            "README lacks the table line:\n{line}"
        );
    }
    let built = format!("Built {} pages ({} files,", report.pages, report.files);
    assert!(readme.contains(&built), "README lacks `{built}`");
    let pages = report.languages.iter().map(|l| l.pages).sum::<usize>();
    assert!(
        readme.contains(&format!("\"Checked {pages} pages\"")),
        "README lacks \"Checked {pages} pages\""
    );
}

#[test]
fn zips_are_the_same_bytes_from_two_builds_apart_in_time_with_fixed_dates() {
    let site = Site::fixture("minimal");
    let build = |out: &Path| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_amparo"))
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build(&one.path().join("public"));
    // Past a second, and past the two seconds a zip's dates count in.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    build(&two.path().join("public"));
    for name in ["amparo-es.zip", "amparo-en.zip", "amparo-all.zip"] {
        let a = std::fs::read(one.path().join("public").join(name)).unwrap();
        let b = std::fs::read(two.path().join("public").join(name)).unwrap();
        assert!(a == b, "{name} differs between two builds");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        assert!(archive.len() > 5, "{name}");
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            assert_eq!(
                entry.last_modified(),
                Some(zip::DateTime::default()),
                "{name}: entry {i}"
            );
        }
    }
}
