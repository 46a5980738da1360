//! Every kind of bad input gives a clear diagnostic — file, line and column where known, what is
//! wrong, how to fix it — all problems of a build at once, and the last good output untouched.

use crate::common::*;

/// Every file of a folder with its bytes.
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect()
}

fn minimal() -> Site {
    Site::fixture("minimal")
}

#[test]
fn the_minimal_fixture_builds() {
    let site = minimal();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/guide/second/index.html");
    assert_eq!(
        attrs(&html, "article a", "href"),
        vec!["../first/index.html#top", "../../index.html"]
    );
    assert_eq!(texts(&html, ".callout-title"), vec!["Importante"]);
    assert_eq!(texts(&html, "article th"), vec!["Día", "Hora"]);
}

#[test]
fn malformed_front_matter_points_at_its_line() {
    let site = minimal();
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\nweight = = 1\n+++\nTexto\n",
    );
    let d = site.errors();
    let e = find(&d, "front-matter/syntax");
    assert_eq!(e.path, std::path::Path::new("content/guide/first.es.md"));
    assert_eq!(e.span.unwrap().line, 3, "{e}");
    assert!(
        e.render_terminal().contains("3 | weight = = 1"),
        "{}",
        e.render_terminal()
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let site = minimal();
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\nwieght = 1\n+++\n",
    );
    site.write(
        "content/guide/_index.en.md",
        "+++\ntitel = \"Guide\"\n+++\n",
    );
    let d = site.errors();
    let page = d
        .iter()
        .find(|e| e.path.ends_with("first.es.md"))
        .expect("page error");
    assert_eq!(page.message, "unknown key `wieght`");
    assert_eq!(page.span.unwrap().line, 3);
    assert!(
        page.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `weight`?"),
        "{page}"
    );
    let section = d
        .iter()
        .find(|e| e.path.ends_with("_index.en.md"))
        .expect("section error");
    assert!(
        section
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `title`?"),
        "{section}"
    );
}

#[test]
fn missing_and_unclosed_front_matter() {
    let site = minimal();
    site.write("content/guide/first.es.md", "Just text\n");
    site.write("content/guide/second.es.md", "+++\ntitle = \"x\"\n");
    site.write("content/guide/first.en.md", "+++\n+++\n");
    let d = site.errors();
    assert!(
        find(&d, "front-matter/missing")
            .message
            .contains("does not start with front matter")
    );
    assert_eq!(
        find(&d, "front-matter/unclosed").path,
        std::path::Path::new("content/guide/second.es.md")
    );
    assert_eq!(
        find(&d, "front-matter/syntax").message,
        "missing key `title`"
    );
}

#[test]
fn an_empty_file_is_an_error() {
    let site = minimal();
    site.write("content/guide/first.es.md", "");
    let d = site.errors();
    let e = find(&d, "front-matter/missing");
    assert_eq!(e.message, "the file is empty");
    assert!(e.help.as_deref().unwrap().contains("+++"));
}

#[test]
fn invalid_utf8_names_the_line() {
    let site = minimal();
    site.write(
        "content/guide/first.es.md",
        b"+++\ntitle = \"ni\xf1o\"\n+++\n",
    );
    let d = site.errors();
    let e = find(&d, "io/not-utf8");
    assert_eq!(e.span.unwrap().line, 2);
    assert!(e.help.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn unknown_and_missing_language_suffixes() {
    let site = minimal();
    site.write(
        "content/guide/third.fr.md",
        "+++\ntitle = \"Troisième\"\n+++\n",
    );
    site.write("content/guide/fourth.md", "+++\ntitle = \"x\"\n+++\n");
    let d = site.errors();
    let e = find(&d, "content/unknown-language");
    assert!(
        e.message
            .contains("`fr` is not one of the site's languages"),
        "{e}"
    );
    assert!(e.help.as_deref().unwrap().contains("es, en"), "{e}");
    let e = find(&d, "content/no-language");
    assert!(e.help.as_deref().unwrap().contains("fourth.es.md"), "{e}");
}

#[test]
fn two_files_for_one_page() {
    let site = minimal();
    site.write("content/guide/first.ES.md", "+++\ntitle = \"Otra\"\n+++\n");
    let d = site.errors();
    let e = find(&d, "content/duplicate");
    assert!(
        e.message.contains("first.ES.md") && e.message.contains("first.es.md"),
        "{e}"
    );
}

#[test]
fn a_page_and_a_section_with_one_name() {
    let site = minimal();
    site.write("content/guide.en.md", "+++\ntitle = \"Guide page\"\n+++\n");
    let d = site.errors();
    let e = find(&d, "content/duplicate");
    assert!(
        e.message.contains("content/guide.en.md")
            && e.message.contains("content/guide/_index.en.md"),
        "{e}"
    );
    site.remove("content/guide/_index.en.md");
    let d = site.errors();
    assert!(
        find(&d, "content/duplicate")
            .message
            .contains("both a page and a section"),
        "{d}"
    );
}

#[test]
fn a_folder_without_a_section_file() {
    let site = minimal();
    site.write("content/extra/page.es.md", "+++\ntitle = \"Página\"\n+++\n");
    let d = site.errors();
    let e = find(&d, "content/no-section");
    assert!(e.message.contains("content/extra"), "{e}");
}

#[test]
fn a_missing_theme_lists_the_available_ones() {
    let site = minimal();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("languages =", "theme = \"defualt\"\nlanguages ="),
    );
    let d = site.errors();
    let e = find(&d, "theme/missing");
    assert!(e.message.contains("`defualt`"), "{e}");
    assert!(e.help.as_deref().unwrap().contains("default"), "{e}");
}

#[test]
fn a_template_syntax_error_names_the_template_and_line() {
    let site = minimal();
    let path = "themes/default/templates/help.html";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(
        path,
        text.replacen("{% for c in contacts %}", "{% for c in %}", 1),
    );
    let d = site.errors();
    let e = find(&d, "theme/template-syntax");
    assert_eq!(e.path, std::path::Path::new(path));
    let line = text
        .lines()
        .position(|l| l.contains("{% for c in contacts %}"))
        .unwrap()
        + 1;
    assert_eq!(e.span.unwrap().line, line, "{}", e.render_terminal());
}

#[test]
fn a_template_render_error_names_the_included_template_not_its_parent() {
    let site = minimal();
    let path = "themes/default/templates/help.html";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(
        path,
        text.replacen("{{ t.help_text }}", "{{ t.help_text | no_such_filter }}", 1),
    );
    let d = site.errors();
    let e = d
        .iter()
        .find(|e| e.code.starts_with("theme/template"))
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(
        e.path,
        std::path::Path::new(path),
        "{}",
        e.render_terminal()
    );
    let line = text
        .lines()
        .position(|l| l.contains("{{ t.help_text }}"))
        .unwrap()
        + 1;
    assert_eq!(e.span.unwrap().line, line, "{}", e.render_terminal());
}

#[test]
fn a_phone_number_that_is_not_e164() {
    let site = minimal();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("\"+525571001542\"", "\"55 7100 1542\""),
    );
    // A page's problem is found in the same build: the numbers are checked beside the content.
    site.write("content/guide/first.es.md", "Just text\n");
    let d = site.errors();
    let e = find(&d, "config/phone");
    assert!(e.message.contains("not an E.164 number"), "{e}");
    assert_eq!(e.span.unwrap().line, 10);
    assert!(e.help.as_deref().unwrap().contains("+525571001542"));
    find(&d, "front-matter/missing");
}

#[test]
fn malformed_site_toml() {
    let site = minimal();
    site.write(
        "site.toml",
        "default_language = \"es\nlanguages = [\"es\"]\n",
    );
    let d = site.errors();
    let e = find(&d, "config/syntax");
    assert_eq!(e.path, std::path::Path::new("site.toml"));
    assert_eq!(e.span.unwrap().line, 1, "{e}");
}

#[test]
fn a_bad_language_tag_and_a_default_outside_the_list() {
    let site = minimal();
    site.write(
        "site.toml",
        "default_language = \"fr\"\nlanguages = [\"es\", \"es_MX\"]\n[title]\nes = \"x\"\n",
    );
    let d = site.errors();
    assert!(
        d.iter().any(|e| e
            .message
            .contains("`es_MX` is not a valid BCP 47 language tag")),
        "{d}"
    );
    assert!(
        d.iter().any(|e| e
            .message
            .contains("the default language `fr` is not in `languages`")),
        "{d}"
    );
}

#[test]
fn a_ui_string_missing_in_every_language_names_key_and_file() {
    let site = minimal();
    for lang in ["es", "en"] {
        let path = format!("locales/{lang}.toml");
        let text = std::fs::read_to_string(site.root().join(&path)).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("help_title"))
            .collect();
        site.write(&path, kept.join("\n"));
    }
    let d = site.errors();
    let e = find(&d, "locale/missing-string");
    assert!(
        e.message.contains("`help_title`") && e.message.contains("locales/"),
        "{e}"
    );
}

#[test]
fn a_missing_locale_file() {
    let site = minimal();
    site.remove("locales/en.toml");
    let d = site.errors();
    let e = find(&d, "locale/missing");
    assert_eq!(e.path, std::path::Path::new("locales/en.toml"));
}

#[test]
fn a_broken_link_points_at_file_line_and_column() {
    let site = minimal();
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\n+++\n\nRead the [second page](secnd.md) now.\n",
    );
    let d = site.errors();
    let e = find(&d, "content/link");
    assert_eq!(e.location(), "content/guide/first.en.md:5:10");
    assert!(e.message.contains("content/guide/secnd.md"), "{e}");
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .contains("did you mean `guide/second`?"),
        "{e}"
    );
}

#[test]
fn dangerous_and_absolute_links_are_refused() {
    let site = minimal();
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\n+++\n[a](javascript:alert(1))\n\n[b](/es/index.html)\n",
    );
    let d = site.errors();
    let links: Vec<_> = d.iter().filter(|e| e.code == "content/link").collect();
    assert_eq!(links.len(), 2, "{d}");
    assert!(
        links[0]
            .message
            .contains("`javascript:` links are not allowed")
    );
    assert!(links[1].message.contains("absolute path"));
}

#[test]
fn an_unknown_icon_suggests_one() {
    let site = minimal();
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\nicon = \"phnoe\"\n+++\n",
    );
    let d = site.errors();
    let e = find(&d, "front-matter/icon");
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `phone`?"),
        "{e}"
    );
}

#[test]
fn all_problems_of_a_build_are_reported_together() {
    let site = minimal();
    site.write("content/guide/first.es.md", "+++\ntitel = \"x\"\n+++\n");
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\n+++\n[x](nowhere.md)\n",
    );
    site.write("content/guide/third.fr.md", "+++\ntitle = \"x\"\n+++\n");
    site.write("content/guide/fourth.es.md", "");
    let d = site.errors();
    let codes: Vec<&str> = d.iter().map(|e| e.code).collect();
    for code in [
        "front-matter/syntax",
        "content/link",
        "content/unknown-language",
        "front-matter/missing",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn a_failed_build_keeps_the_last_good_output_byte_for_byte() {
    let site = minimal();
    site.build().unwrap();
    let before = snapshot(&site.out());
    site.write("content/guide/first.es.md", "+++\ntitle = \n+++\n");
    site.errors();
    let after = snapshot(&site.out());
    assert_eq!(before, after);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary folder is left behind");
}

#[test]
fn the_output_folder_may_not_hold_the_sources() {
    let site = minimal();
    let d = amparo::build(&amparo::BuildOptions::new(site.root(), site.root())).unwrap_err();
    assert_eq!(find(&d, "output/unsafe").code, "output/unsafe");
    assert!(site.root().join("site.toml").exists());
}

#[test]
fn raw_html_cannot_smuggle_scripts_or_other_origins() {
    let site = minimal();
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\n+++\n<script>alert(1)</script>\n<p onclick=\"x()\">Hi</p>\n<iframe src=\"https://e.example\"></iframe>\n<img src=\"https://tracker.example/p.png\" alt=\"\">\n<a href=\"javascript:alert(2)\">x</a>\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let page = site.read("en/guide/first/index.html");
    let doc = scraper::Html::parse_document(&page);
    let html = doc
        .select(&scraper::Selector::parse("article").unwrap())
        .next()
        .unwrap()
        .html();
    for bad in [
        "<script",
        "onclick",
        "<iframe",
        "tracker.example",
        "javascript:",
        "alert(",
    ] {
        assert!(!html.contains(bad), "{bad} reached the page");
    }
    assert!(
        !page.contains("alert(") && !page.contains("tracker.example"),
        "nor anywhere else on the page"
    );
    assert!(texts(&page, "article p").contains(&"Hi".to_string()));
}

#[test]
fn external_links_are_marked_as_needing_internet() {
    let site = minimal();
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\nMira [la ley](https://example.org/ley).\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/guide/first/index.html");
    assert_eq!(texts(&html, "article a .ext"), vec![" (necesita internet)"]);
}

#[test]
fn odd_inputs_never_panic() {
    let bodies = [
        "+++\n+++\n+++\n",
        "+++\ntitle = \"a\"\n+++",
        "+++\r\ntitle = \"a\"\r\n+++\r\n",
        "\u{feff}+++\ntitle = \"bom\"\n+++\nok\n",
        "+++\ntitle = \"a\"\n+++\n\0\0\0",
        "+++\ntitle = \"a\"\n+++\n[x](%) [y](%zz) [z](%e2%82) [w](.md) [v](#) [u](?q) [t](./) [s](../../../../x.md)",
        "+++\ntitle = \"a\"\n+++\n[x](..%2F..%2Fsite.toml) [y](\\\\server\\share) [z](C:\\x.md) ![i](nothing.png)",
        "+++\ntitle = \"a\"\n+++\n# 🙂\n## 🙂\n## \n### `code`\n",
        "+++\ntitle = \"a\"\n+++\n> [!WARNING]\n> [!NOTE]\n>> [!TIP]\n",
        "+++\ntitle = \"a\"\nweight = 99999999999999999999\n+++\n",
        "+++\ntitle = [1, 2]\n+++\n",
        "+++\n\ttitle\t=\t\"tabs\"\n+++\n",
        "+++\ntitle = \"a\"\n+++\n<div><p>unclosed <b>tags <table><tr><td>\n",
    ];
    for (i, body) in bodies.iter().enumerate() {
        let site = minimal();
        site.write("content/guide/first.es.md", body);
        let outcome = std::panic::catch_unwind(|| site.build());
        assert!(outcome.is_ok(), "input {i} made the build panic: {body:?}");
    }
    let site = minimal();
    site.write(
        &format!("content/guide/{}.es.md", "a".repeat(200)),
        "+++\ntitle = \"long\"\n+++\n",
    );
    site.write(
        "content/guide/ñandú-niño.es.md",
        "+++\ntitle = \"unicode\"\n+++\n",
    );
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"x\"\n+++\n[u](ñandú-niño.md)\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/guide/first/index.html");
    assert_eq!(
        attrs(&html, "article a", "href"),
        vec!["../%C3%B1and%C3%BA-ni%C3%B1o/index.html"]
    );
}

#[test]
fn quick_exit_url_must_be_a_web_address_and_is_used() {
    let site = minimal();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        config.replace("[title]", "quick_exit_url = \"weather\"\n\n[title]"),
    );
    let d = site.errors();
    assert!(
        find(&d, "config/quick-exit")
            .message
            .contains("full web address")
    );
    site.write(
        "site.toml",
        config.replace(
            "[title]",
            "quick_exit_url = \"https://weather.example/\"\n\n[title]",
        ),
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        attrs(&site.read("es/index.html"), "#quick-exit", "href"),
        vec!["https://weather.example/"]
    );
}

#[test]
fn images_need_alt_text_and_are_published_as_pictures_with_their_size() {
    let site = minimal();
    site.write("content/guide/call.png", crate::common::images::png(40, 30));
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\n![](call.png)\n",
    );
    let d = site.errors();
    let e = find(&d, "content/image-alt");
    assert_eq!(e.location(), "content/guide/first.es.md:5:1");
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\n![Una niña llama por teléfono](call.png)\n\n![Otra vez](call.png \"La misma\")\n",
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("es/guide/first/index.html");
    let img = |attr: &str| attrs(&html, "article picture img", attr);
    assert_eq!(img("alt"), vec!["Una niña llama por teléfono", "Otra vez"]);
    assert_eq!(img("src"), vec!["../../../media/guide/call.png"; 2]);
    assert_eq!(img("width"), vec!["40"; 2]);
    assert_eq!(img("height"), vec!["30"; 2]);
    assert_eq!(img("decoding"), vec!["async"; 2]);
    assert_eq!(img("title"), vec!["La misma"]);
    // The first image may be on the first screen; the next loads as the reader scrolls.
    assert_eq!(img("loading"), vec!["lazy"]);
    let png =
        image::load_from_memory(&std::fs::read(site.out().join("media/guide/call.png")).unwrap())
            .unwrap();
    assert_eq!((png.width(), png.height()), (40, 30));
    // The booklet loads every image, so that all of them print.
    let booklet = site.read("es/print/index.html");
    assert_eq!(attrs(&booklet, "picture img", "width").len(), 2);
    assert!(attrs(&booklet, "picture img", "loading").is_empty());
}

#[test]
fn a_recording_adds_a_player_and_a_missing_one_is_an_error() {
    let site = minimal();
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\naudio = \"primera.es.mp3\"\n+++\nTexto.\n",
    );
    let d = site.errors();
    let e = find(&d, "front-matter/audio");
    assert!(
        e.location().starts_with("content/guide/first.es.md:3:"),
        "{e}"
    );
    assert!(e.message.contains("content/guide/primera.es.mp3"), "{e}");
    site.write("content/guide/primera.es.mp3", b"ID3 not really audio");
    let locale = std::fs::read_to_string(site.root().join("locales/es.toml")).unwrap();
    site.write(
        "locales/es.toml",
        locale.replacen("reviewed = true", "reviewed = true\naudio_first = true", 1),
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let page = site.read("es/guide/first/index.html");
    assert_eq!(
        attrs(&page, ".listen audio", "src"),
        vec!["../../../media/guide/primera.es.mp3"]
    );
    assert_eq!(
        attrs(&page, ".listen audio", "preload"),
        vec!["none"],
        "nothing downloads until the child presses play"
    );
    assert_eq!(
        attrs(&page, ".save-audio", "hidden"),
        vec![""],
        "the save button shows only where saving works"
    );
    let home = site.read("es/index.html");
    assert_eq!(
        texts(&home, ".listen-list a"),
        vec!["Primera"],
        "a listening language's home lists the recordings"
    );
    assert!(
        texts(&site.read("en/index.html"), ".listen-list a").is_empty(),
        "English readers mostly read"
    );
    let saved: Vec<String> = serde_json::from_str(&site.read("es/offline.json")).unwrap();
    assert!(
        !saved.iter().any(|f| f.ends_with(".mp3")),
        "recordings are not saved for offline unless asked"
    );
}

#[test]
fn a_typo_in_a_locale_key_is_an_error_with_the_likely_key() {
    let site = Site::fixture(".");
    let path = "locales/en.toml";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    let typo = text.replacen("\nhome = ", "\nhme = ", 1);
    assert_ne!(typo, text);
    site.write(path, &typo);
    let d = site.errors();
    let e = find(&d, "locale/unknown-key");
    assert_eq!(e.path, std::path::Path::new(path));
    let line = typo.lines().position(|l| l.starts_with("hme = ")).unwrap() + 1;
    let span = e.span.as_ref().unwrap();
    assert_eq!((span.line, span.column), (line, 1), "{d}");
    assert!(e.message.contains("`hme` is no UI string"), "{d}");
    assert_eq!(e.help.as_deref(), Some("did you mean `home`?"));
}

#[test]
fn front_matter_problems_point_at_the_value() {
    let site = minimal();
    let page = "content/guide/first.es.md";
    let cases = [
        ("title = \"  \"", "front-matter/title"),
        ("icon = \"phon\"", "front-matter/icon"),
        ("audio = \"nada.mp3\"", "front-matter/audio"),
        (
            "translated_from = \"xx:12\"",
            "front-matter/translated-from",
        ),
    ];
    for (line, code) in cases {
        let title = if line.starts_with("title") {
            ""
        } else {
            "title = \"Primera\"\n"
        };
        site.write(
            page,
            format!("+++\n{title}weight = 1\n{line}\n+++\nTexto\n"),
        );
        let d = site.errors();
        let e = find(&d, code);
        let span = e.span.as_ref().unwrap();
        let value = line.find('"').unwrap() + 1;
        let row = if title.is_empty() { 3 } else { 4 };
        assert_eq!((span.line, span.column), (row, value), "{line}:\n{d}");
        assert_eq!(span.len, line.len() - value + 1, "{line}:\n{d}");
    }
}

#[test]
fn a_value_of_the_wrong_type_says_the_type_and_shows_the_line_written_right() {
    let site = minimal();
    let page = "content/guide/first.es.md";
    let cases = [
        (
            "weight = \"10\"",
            "`weight` takes a whole number, without quotes, not text",
            "weight = 10",
        ),
        (
            "draft = \"yes\"",
            "`draft` takes true or false, without quotes, not text",
            "draft = true",
        ),
    ];
    for (line, message, fixed) in cases {
        site.write(
            page,
            format!("+++\ntitle = \"Primera\"\n{line}\n+++\nTexto\n"),
        );
        let d = site.errors();
        let e = find(&d, "front-matter/syntax");
        assert_eq!(e.message, message, "{d}");
        assert_eq!(
            e.help.as_deref(),
            Some(format!("write it as: {fixed}").as_str())
        );
        assert_eq!(e.span.as_ref().map(|s| s.line), Some(3));
        assert!(!d.to_string().contains("double quotes"), "{d}");
    }
    site.write(page, "+++\ntitle = \"Primera\"\n+++\nTexto\n");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let quoted = config
        .lines()
        .find(|l| l.starts_with("phone = \""))
        .unwrap();
    let unquoted = quoted.replace('"', "");
    site.write("site.toml", config.replacen(quoted, &unquoted, 1));
    let d = site.errors();
    let e = find(&d, "config/syntax");
    assert_eq!(
        e.message,
        "`phone` takes text in double quotes, not a number"
    );
    assert_eq!(
        e.help.as_deref(),
        Some(format!("write it as: {quoted}").as_str())
    );
    let line = config.lines().position(|l| l == quoted).unwrap() + 1;
    assert_eq!(e.span.as_ref().map(|s| s.line), Some(line));
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft_and_how_to_build_it() {
    let site = minimal();
    for lang in ["es", "en"] {
        let file = format!("content/guide/first.{lang}.md");
        let text = std::fs::read_to_string(site.root().join(&file)).unwrap();
        site.write(&file, text.replacen("+++\n", "+++\ndraft = true\n", 1));
    }
    let d = site.errors();
    let e = find(&d, "content/link");
    assert_eq!(e.path, std::path::Path::new("content/guide/second.es.md"));
    assert_eq!(e.span.as_ref().map(|s| s.line), Some(6), "{d}");
    assert!(
        e.message.contains("`content/guide/first.md` is a draft"),
        "{d}"
    );
    assert!(!e.message.contains("in any language"), "{d}");
    assert!(
        e.help.as_deref().unwrap_or_default().contains("--drafts"),
        "{d}"
    );
}

#[test]
fn raw_html_the_sanitiser_removes_is_a_warning_at_its_line() {
    let site = minimal();
    let page = "content/guide/first.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    let head_lines = text.lines().count();
    site.write(
        page,
        format!(
            "{text}\n<script>alert(1)</script>\n\nUn <a href=\"javascript:alert(1)\">enlace</a> y <iframe src=\"https://e.org\"></iframe>.\n"
        ),
    );
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let found: Vec<&amparo::Diagnostic> = report
        .warnings
        .iter()
        .filter(|d| d.code == "content/html-removed")
        .collect();
    let said: Vec<(usize, &str)> = found
        .iter()
        .map(|d| (d.span.as_ref().unwrap().line, d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                head_lines + 2,
                "this raw HTML is left out of the page: <script>"
            ),
            (
                head_lines + 4,
                "this raw HTML is left out of the page: href=\"javascript:alert(1)\" on <a>"
            ),
            (
                head_lines + 4,
                "this raw HTML is left out of the page: <iframe>"
            ),
        ],
        "{}",
        report.warnings
    );
    assert!(found.iter().all(|d| d.path == std::path::Path::new(page)));
    let html = site.read("es/guide/first/index.html");
    assert!(!html.contains("<script>alert") && !html.contains("javascript:"));
}

#[test]
fn yaml_front_matter_is_named_with_its_toml_version() {
    let site = minimal();
    let page = "content/guide/first.es.md";
    site.write(page, "---\ntitle: Primera\nweight: 1\n---\nTexto\n");
    let d = site.errors();
    let e = find(&d, "front-matter/missing");
    assert_eq!(e.path, std::path::Path::new(page));
    assert_eq!(e.span.as_ref().map(|s| s.line), Some(1));
    assert!(e.message.contains("YAML"), "{d}");
    assert_eq!(
        e.help.as_deref(),
        Some("write it as:\n+++\ntitle = \"Primera\"\nweight = 1\n+++")
    );
}

#[test]
fn an_unused_locale_file_is_a_warning_and_the_site_still_builds() {
    let site = minimal();
    site.write(
        "locales/fr.toml",
        "tag = \"fr\"\nendonym = \"Français\"\nenglish_name = \"French\"\ndirection = \"ltr\"\n\n[strings]\n",
    );
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let w = find(&report.warnings, "locale/unused");
    assert_eq!(w.path, std::path::Path::new("locales/fr.toml"));
}
