//! File names and file contents as editors' computers really make them: accented names in both
//! Unicode forms, names that differ only in case, spaces, very long names and deep folders,
//! byte-order marks, Windows line endings and tabs. Each either builds into links that work or
//! stops with a problem that names the files and says what to do; none panics.

use crate::common::*;
use std::path::Path;

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect()
}

/// Every text file of the site's sources, relative to its root.
fn sources(site: &Site) -> Vec<String> {
    let mut out: Vec<String> = ["site.toml".to_string()].into();
    for dir in ["content", "locales", "themes"] {
        out.extend(
            files(&site.root().join(dir))
                .into_iter()
                .filter(|f| f.ends_with(".md") || f.ends_with(".toml"))
                .map(|f| format!("{dir}/{f}")),
        );
    }
    out
}

/// Rewrites every source text file with `change`.
fn rewrite_sources(site: &Site, change: impl Fn(&str) -> String) {
    for f in sources(site) {
        let text = std::fs::read_to_string(site.root().join(&f)).unwrap();
        site.write(&f, change(&text));
    }
}

/// Builds the minimal site as it is and after `change` to every source file; the two outputs
/// must be the same, byte for byte.
fn builds_the_same(change: impl Fn(&str) -> String) {
    let plain = Site::fixture("minimal");
    plain.build().unwrap_or_else(|d| panic!("{d}"));
    let changed = Site::fixture("minimal");
    rewrite_sources(&changed, change);
    changed.build().unwrap_or_else(|d| panic!("{d}"));
    let (a, b) = (snapshot(&plain.out()), snapshot(&changed.out()));
    assert_eq!(
        a.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        b.iter().map(|(f, _)| f).collect::<Vec<_>>()
    );
    for ((f, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{f} differs");
    }
}

/// Every relative link of every page of `out` leads to a file that exists.
fn links_resolve(out: &Path) {
    for f in files(out).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(f)).unwrap();
        let dir = Path::new(f).parent().unwrap_or(Path::new(""));
        for href in attrs(&html, "a[href]", "href") {
            if href.contains(':') || href.starts_with('#') {
                continue;
            }
            let file = href.split('#').next().unwrap_or("");
            let decoded = amparo::page_path::percent_decode(file)
                .unwrap_or_else(|| panic!("{f}: {href} is not a valid address"));
            let target = out.join(dir).join(&decoded);
            assert!(target.is_file(), "{f}: {href} leads nowhere");
        }
    }
}

#[test]
fn one_name_in_both_unicode_forms_is_a_duplicate() {
    let site = Site::fixture("minimal");
    let nfc = "ni\u{f1}o";
    let nfd = "nin\u{303}o";
    site.write(
        &format!("content/guide/{nfc}.es.md"),
        "+++\ntitle = \"Niño\"\n+++\n",
    );
    site.write(
        &format!("content/guide/{nfd}.es.md"),
        "+++\ntitle = \"Niño otra vez\"\n+++\n",
    );
    let d = site.errors();
    let e = find(&d, "content/duplicate");
    assert!(
        e.message.contains(&format!("content/guide/{nfc}.es.md"))
            && e.message.contains(&format!("content/guide/{nfd}.es.md")),
        "{e}"
    );
    assert!(e.message.contains("look the same"), "{e}");
    assert!(e.help.as_deref().unwrap().contains("rename"), "{e}");
}

#[test]
fn names_that_differ_only_in_case_collide() {
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/Asylum.es.md",
        "+++\ntitle = \"Asilo\"\n+++\n",
    );
    site.write(
        "content/guide/asylum.es.md",
        "+++\ntitle = \"Asilo otra vez\"\n+++\n",
    );
    let d = site.errors();
    let e = find(&d, "content/duplicate");
    assert!(
        e.message.contains("content/guide/Asylum.es.md")
            && e.message.contains("content/guide/asylum.es.md"),
        "{e}"
    );
    assert!(
        e.message
            .contains("collide on file systems that ignore case"),
        "{e}"
    );

    // In two languages too: every language gets every page, so both would be built in each.
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/Asylum.es.md",
        "+++\ntitle = \"Asilo\"\n+++\n",
    );
    site.write(
        "content/guide/asylum.en.md",
        "+++\ntitle = \"Asylum\"\n+++\n",
    );
    let d = site.errors();
    assert!(
        find(&d, "content/duplicate")
            .message
            .contains("Asylum.es.md")
    );

    // And folders.
    let site = Site::fixture("minimal");
    site.write("content/Guide/_index.es.md", "+++\ntitle = \"Guía\"\n+++\n");
    let d = site.errors();
    let e = find(&d, "content/duplicate");
    assert!(
        e.message.contains("content/Guide/_index.es.md")
            && e.message.contains("content/guide/_index."),
        "{e}"
    );
}

#[test]
fn images_whose_names_differ_only_in_case_collide() {
    let site = Site::fixture("minimal");
    site.write("content/guide/Map.png", [1u8, 2, 3]);
    site.write("content/guide/map.png", [4u8, 5, 6]);
    let d = site.errors();
    let e = find(&d, "content/duplicate");
    assert!(
        e.message.contains("content/guide/Map.png") && e.message.contains("content/guide/map.png"),
        "{e}"
    );
}

#[test]
fn a_name_with_a_space_or_an_emoji_is_an_error_with_the_name_to_use() {
    let cases = [
        (
            "content/guide/mi pagina.es.md",
            "has a space",
            "rename the file `mi-pagina.es.md`",
        ),
        (
            "content/guide/casa🏠.es.md",
            "has `🏠`",
            "rename the file `casa.es.md`",
        ),
        (
            "content/mis guias/_index.es.md",
            "has a space",
            "rename it `mis-guias`",
        ),
        (
            "content/guide/foto 1.png",
            "has a space",
            "rename it `foto-1.png`",
        ),
    ];
    for (file, says, help) in cases {
        let site = Site::fixture("minimal");
        site.write(file, "+++\ntitle = \"Una\"\n+++\nTexto.\n");
        let d = site.errors();
        let e = find(&d, "content/name");
        assert_eq!(e.path, std::path::Path::new(file), "{d}");
        assert!(e.message.contains(says), "{file}: {d}");
        assert!(
            e.help.as_deref().unwrap_or_default().contains(help),
            "{file}: {d}"
        );
    }
}

#[test]
fn a_file_named_in_nfd_answers_a_link_written_in_nfc() {
    let site = Site::fixture("minimal");
    // `niño` as `n` + combining tilde, as older macOS disks keep names.
    let nfd = "nin\u{303}o";
    site.write(
        &format!("content/guide/{nfd}.es.md"),
        "+++\ntitle = \"Niño\"\n+++\nVuelve a la [primera](first.md).\n",
    );
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\nLee [la página](niño.md).\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/guide/first/index.html");
    assert_eq!(
        attrs(&html, "article a", "href"),
        vec!["../ni%C3%B1o/index.html"]
    );
    links_resolve(&site.out());
}

#[test]
fn long_names_and_deep_folders_build() {
    let site = Site::fixture("minimal");
    let long = "a".repeat(200);
    site.write(
        &format!("content/guide/{long}.es.md"),
        "+++\ntitle = \"Larga\"\n+++\nVuelve a la [primera](first.md).\n",
    );
    let mut dir = "content".to_string();
    for level in 0..20 {
        dir.push_str(&format!("/nivel-{level}-{}", "b".repeat(40)));
        site.write(
            &format!("{dir}/_index.es.md"),
            format!("+++\ntitle = \"Nivel {level}\"\n+++\n"),
        );
    }
    site.write(
        &format!("{dir}/{long}.es.md"),
        "+++\ntitle = \"Muy honda\"\n+++\n[Arriba](../_index.md)\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let deep = format!("es{}/{long}/index.html", &dir["content".len()..]);
    assert!(site.read(&deep).contains("Muy honda"));
    links_resolve(&site.out());
}

#[test]
fn a_path_too_long_for_the_output_is_a_clear_error() {
    let site = Site::fixture("minimal");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let before = snapshot(&site.out());
    // Folders deep enough that the source's path is 4080 bytes, within the system's limit of
    // 4096, while the output's, under a temporary folder with a longer name, is not.
    let root_len = site.root().as_os_str().len();
    let name_len = |dir: &str| 4080 - (root_len + 1 + dir.len() + 1 + ".es.md".len());
    let mut dir = "content".to_string();
    while name_len(&dir) > 240 {
        dir.push_str(&format!("/{:03}{}", dir.len(), "c".repeat(200)));
        site.write(
            &format!("{dir}/_index.es.md"),
            "+++\ntitle = \"Nivel\"\n+++\n",
        );
    }
    site.write(
        &format!("{dir}/{}.es.md", "d".repeat(name_len(&dir))),
        "+++\ntitle = \"Demasiado honda\"\n+++\n",
    );
    let d = site.errors();
    let e = find(&d, "output/write");
    assert!(e.message.contains("File name too long"), "{e}");
    assert!(
        e.help.as_deref().unwrap().contains("nested too deep"),
        "{e}"
    );
    assert!(
        snapshot(&site.out()) == before,
        "the last good output was kept"
    );
}

#[test]
fn byte_order_marks_change_nothing() {
    builds_the_same(|text| format!("\u{feff}{text}"));
}

#[test]
fn windows_line_endings_change_nothing() {
    builds_the_same(|text| text.replace('\n', "\r\n"));
}

#[test]
fn tabs_in_front_matter_are_spaces() {
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/first.es.md",
        "+++\t\n\ttitle\t=\t\"Con tabulaciones\"\n\tweight\t= 1\t\n+++\nTexto.\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/guide/first/index.html");
    assert_eq!(texts(&html, "h1"), vec!["Con tabulaciones"]);
}
