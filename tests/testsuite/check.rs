//! `amparo check`: a clean fixture passes `--strict`; each rule is shown one defect at a time,
//! with the exact rule, file and line it reports.

use crate::common::Site;
use amparo::check::{CheckOptions, CheckReport, check};
use amparo::diagnostics::Severity;

fn run(site: &Site) -> CheckReport {
    check(&CheckOptions {
        root: site.root().to_path_buf(),
        include_drafts: false,
    })
    .unwrap_or_else(|d| panic!("the site should build: {d}"))
}

/// (rule, file, line) of every finding.
fn findings(r: &CheckReport) -> Vec<(String, String, Option<usize>)> {
    r.findings
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.path.to_string_lossy().replace('\\', "/"),
                d.span.map(|s| s.line),
            )
        })
        .collect()
}

fn one(rule: &str, file: &str, line: Option<usize>) -> Vec<(String, String, Option<usize>)> {
    vec![(rule.to_string(), file.to_string(), line)]
}

fn clean() -> Site {
    Site::fixture("check-clean")
}

/// A Spanish page with the given body, translated into English too so only the defect shows.
fn page_pair(site: &Site, name: &str, es_body: &str) {
    site.write(
        &format!("content/guide/{name}.es.md"),
        format!("+++\ntitle = \"Prueba\"\nweight = 5\n+++\n\n{es_body}"),
    );
    site.write(
        &format!("content/guide/{name}.en.md"),
        "+++\ntitle = \"Test\"\nweight = 5\n+++\n\nThis page is short.\n",
    );
}

#[test]
fn the_clean_fixture_passes_strict_and_every_page_is_scored() {
    let r = run(&clean());
    assert_eq!(findings(&r), vec![], "{}", r.text());
    assert!(!r.fails(true));
    assert_eq!(r.summary.pages, 6);
    let steps_es = r
        .readability
        .iter()
        .find(|p| p.path.ends_with("steps.es.md"))
        .unwrap();
    let sp = steps_es
        .szigriszt_pazos
        .expect("a Spanish page gets Szigriszt-Pazos");
    assert!(sp >= 65.0, "{sp}");
    assert!(steps_es.inflesz.is_some());
    assert!(steps_es.fernandez_huerta.is_some());
    assert!(steps_es.flesch_kincaid_grade.is_none());
    let steps_en = r
        .readability
        .iter()
        .find(|p| p.path.ends_with("steps.en.md"))
        .unwrap();
    let grade = steps_en
        .flesch_kincaid_grade
        .expect("an English page gets a grade");
    assert!(grade <= 5.0, "{grade}");
    assert!(steps_en.szigriszt_pazos.is_none());
    let es = &r.translations[0];
    assert_eq!((es.lang.as_str(), es.translated, es.missing), ("es", 3, 0));
}

#[test]
fn an_anchor_missing_in_one_language_is_reported_for_that_language() {
    let site = clean();
    // English readers see this Spanish file, and the English steps page.
    site.write(
        "content/guide/more.es.md",
        "+++\ntitle = \"Más\"\nweight = 3\n+++\n\nLee [los pasos para pedir ayuda](steps.md#pide-ayuda).\n",
    );
    // Its headings line up with the Spanish ones, so they take the Spanish ids: the anchor
    // lands in both languages.
    assert_eq!(findings(&run(&site)), vec![]);
    // With a heading of its own, the English page's headings no longer line up with the
    // Spanish ones and keep ids of their own: the anchor is missing in English only.
    let en = std::fs::read_to_string(site.root().join("content/guide/steps.en.md")).unwrap();
    site.write(
        "content/guide/steps.en.md",
        en.replace(
            "## Your family",
            "## One more thing\n\nBe kind.\n\n## Your family",
        )
        .replace("(#pide-ayuda)", "(#ask-for-help)"),
    );
    let r = run(&site);
    assert_eq!(
        findings(&r),
        one("links/anchor", "content/guide/more.es.md", Some(6))
    );
    let anchor = &r.findings[0];
    assert_eq!(
        anchor.message,
        "there is no heading `#pide-ayuda` in content/guide/steps.en.md, the page en readers see"
    );
    assert!(
        anchor.help.as_deref().unwrap().contains("#ask-for-help"),
        "{:?}",
        anchor.help
    );
    // English lists Spanish as its fallback: the page is falling back, not missing.
    let en = r.translations.iter().find(|t| t.lang == "en").unwrap();
    assert_eq!((en.translated, en.fallback, en.missing), (3, 1, 0));
}

#[test]
fn a_page_shown_from_outside_the_fallback_chain_is_missing_and_a_draft_is_counted() {
    let site = clean();
    // Spanish names no fallback: an English-only page is missing in Spanish.
    site.write(
        "content/guide/extra.en.md",
        "+++\ntitle = \"Extra\"\nweight = 3\n+++\n\nMore help.\n",
    );
    site.write(
        "content/guide/extra.es.md",
        "+++\ntitle = \"Extra\"\nweight = 3\ndraft = true\n+++\n\nMás ayuda.\n",
    );
    let r = run(&site);
    assert_eq!(
        findings(&r),
        vec![],
        "a draft in the works is not reported as missing"
    );
    let es = r.translations.iter().find(|t| t.lang == "es").unwrap();
    assert_eq!((es.translated, es.draft, es.missing), (3, 1, 0));

    site.remove("content/guide/extra.es.md");
    let r = run(&site);
    assert_eq!(
        findings(&r),
        one("translations/missing", "content/guide/extra.en.md", None)
    );
    assert!(
        r.findings[0].message.contains("es readers see it in en"),
        "{}",
        r.findings[0].message
    );
    let es = r.translations.iter().find(|t| t.lang == "es").unwrap();
    assert_eq!((es.translated, es.missing), (3, 1));
}

#[test]
fn a_translation_goes_stale_when_its_source_changes_and_the_changed_lines_are_named() {
    let site = clean();
    let marked =
        amparo::check::mark::mark_translated(site.root(), "content/guide/steps.en.md".as_ref())
            .unwrap();
    assert!(marked.value.starts_with("es:"), "{}", marked.value);
    let text = std::fs::read_to_string(site.root().join("content/guide/steps.en.md")).unwrap();
    assert!(text.contains(&format!("translated_from = \"{}\"", marked.value)));
    assert_eq!(findings(&run(&site)), vec![], "a fresh mark is up to date");

    let source = site.root().join("content/guide/steps.es.md");
    let es = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, es.replace("Es gratis.", "Es gratis y es secreto.")).unwrap();
    let r = run(&site);
    assert_eq!(
        findings(&r),
        one("translations/stale", "content/guide/steps.en.md", Some(4))
    );
    assert!(
        r.findings[0].message.contains("line 10 changed"),
        "{}",
        r.findings[0].message
    );
    // The one part that changed, with its old and new text.
    assert!(
        r.findings[0].message.contains(
            "the paragraph \"Llama a la línea de ayuda. Es gratis. Te van a escuchar. Puedes llamar de día o de noche.\" (line 10) is now \"Llama a la línea de ayuda. Es gratis y es secreto. Te van a escuchar. Puedes llamar de día o de noche.\""
        ),
        "{}",
        r.findings[0].message
    );
    assert_eq!(r.findings[0].message.matches(" is now ").count(), 1);
    let en = r.translations.iter().find(|t| t.lang == "en").unwrap();
    assert_eq!(en.stale, 1);

    // Marking again makes it current.
    amparo::check::mark::mark_translated(site.root(), "content/guide/steps.en.md".as_ref())
        .unwrap();
    assert_eq!(findings(&run(&site)), vec![]);
}

#[test]
fn ui_strings_go_stale_one_key_at_a_time_with_the_old_and_new_source_text() {
    let site = clean();
    let marked = amparo::check::mark::mark_translated(site.root(), "locales/en.toml".as_ref())
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(marked.value.starts_with("es:"), "{}", marked.value);
    assert_eq!(marked.source, std::path::Path::new("locales/es.toml"));
    let en = std::fs::read_to_string(site.root().join("locales/en.toml")).unwrap();
    let line = format!("translated_from = \"{}\"", marked.value);
    assert!(
        en.contains(&format!("{line}\n")) && en.find(&line) < en.find("[strings]"),
        "a top-level line before [strings]:\n{en}"
    );
    assert_eq!(findings(&run(&site)), vec![], "a fresh mark is up to date");

    // Two Spanish strings change, and one is added: two English strings are stale, the new one
    // falls back.
    let es_path = site.root().join("locales/es.toml");
    let es = std::fs::read_to_string(&es_path).unwrap();
    let (home, help) = ("home = \"Inicio\"", "help_call = \"Llamar al\"");
    assert!(es.contains(home) && es.contains(help), "{es}");
    let es = es
        .replace(home, "home = \"Casa\"")
        .replace(help, "help_call = \"Llama al\"\nbrand_new = \"Nuevo\"");
    std::fs::write(&es_path, es).unwrap();
    let r = run(&site);
    let home_line = en.lines().position(|l| l.starts_with("home =")).unwrap() + 1;
    let help_line = en
        .lines()
        .position(|l| l.starts_with("help_call ="))
        .unwrap()
        + 1;
    let mut expected = one("translations/stale", "locales/en.toml", Some(help_line));
    expected.extend(one(
        "translations/stale",
        "locales/en.toml",
        Some(home_line),
    ));
    expected.sort_by_key(|f| f.2);
    let mut got = findings(&r);
    got.sort_by_key(|f| f.2);
    assert_eq!(got, expected);
    let home = r
        .findings
        .iter()
        .find(|d| d.message.contains("`home`"))
        .unwrap();
    assert!(
        home.message
            .contains("it was \"Inicio\", it is now \"Casa\"")
            && home.message.contains("\"Home\""),
        "{}",
        home.message
    );
    let table = &r
        .translations
        .iter()
        .find(|t| t.lang == "en")
        .unwrap()
        .strings;
    assert_eq!(table.stale, 2);
    assert_eq!(table.stale_keys, vec!["help_call", "home"]);
    assert_eq!(
        table.translated + table.stale + table.fallback + table.missing,
        table.total
    );
    assert_eq!(table.fallback, 1, "the new string falls back");
    let line = format!(
        "UI strings: {}/{} own, 1 falling back, 0 missing, 2 stale",
        table.translated, table.total
    );
    assert!(
        r.translations_text().contains(&line),
        "{}",
        r.translations_text()
    );

    // Without the kept strings, the report says it cannot tell which, and counts them all.
    std::fs::remove_dir_all(site.root().join(".amparo")).unwrap();
    let r = run(&site);
    let marked_line = en
        .lines()
        .position(|l| l.starts_with("translated_from"))
        .unwrap()
        + 1;
    assert_eq!(
        findings(&r),
        one("translations/stale", "locales/en.toml", Some(marked_line))
    );
    assert!(
        r.findings[0].message.contains("which ones is unknown"),
        "{}",
        r.findings[0].message
    );

    // Marking again makes them current.
    amparo::check::mark::mark_translated(site.root(), "locales/en.toml".as_ref()).unwrap();
    assert_eq!(findings(&run(&site)), vec![]);
}

#[test]
fn a_locale_or_page_cannot_be_translated_from_itself_or_a_language_the_site_lacks() {
    let cases = [
        ("en:0123456789ab", "cannot be translated from itself"),
        ("fr:0123456789ab", "not one of the site's languages"),
        ("es:xyz", "not a hash made by amparo"),
    ];
    let files = [
        ("locales/en.toml", "locale/translated-from"),
        ("content/guide/steps.en.md", "front-matter/translated-from"),
    ];
    for (file, code) in files {
        for (value, says) in cases {
            let site = clean();
            let path = site.root().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let marked = format!("translated_from = \"{value}\"");
            let text = match text.strip_prefix("+++\n") {
                Some(rest) => format!("+++\n{marked}\n{rest}"),
                None => amparo::translate::edit::with_top_level_line(&text, &marked),
            };
            let line = text.lines().position(|l| l == marked).unwrap() + 1;
            std::fs::write(&path, text).unwrap();
            // A site that cannot be read at all, or one whose build fails with the rest checked.
            let diags = match check(&CheckOptions {
                root: site.root().to_path_buf(),
                include_drafts: false,
            }) {
                Err(diags) => diags,
                Ok(report) if report.build_failed => amparo::Diagnostics(report.findings),
                Ok(_) => panic!("{file}: {value} should not build"),
            };
            let d = diags
                .iter()
                .find(|d| d.code == code)
                .unwrap_or_else(|| panic!("{diags}"));
            assert_eq!(d.span.map(|s| s.line), Some(line), "{file}");
            assert!(d.message.contains(says), "{file}: {value}: {}", d.message);
        }
    }
}

#[test]
fn a_translation_whose_source_language_lost_the_page_is_reported() {
    let site = clean();
    site.write(
        "content/guide/steps.en.md",
        "+++\ntitle = \"Steps\"\ntranslated_from = \"es:0123456789ab\"\nweight = 1\n+++\n\nYou have rights.\n",
    );
    let r = run(&site);
    assert_eq!(
        findings(&r),
        one("translations/stale", "content/guide/steps.en.md", Some(3))
    );
    assert!(r.findings[0].message.contains("changed lines are unknown"));
    site.write(
        "content/guide/steps.en.md",
        "+++\ntitle = \"Steps\"\ntranslated_from = \"es:0123456789ab\"\nweight = 1\n+++\n\nYou have rights.\n",
    );
    site.remove("content/guide/steps.es.md");
    let r = run(&site);
    assert!(
        findings(&r).contains(&(
            "translations/source-gone".into(),
            "content/guide/steps.en.md".into(),
            Some(3)
        )),
        "{}",
        r.text()
    );
}

#[test]
fn a_long_sentence_is_reported_on_its_line() {
    let site = clean();
    page_pair(
        &site,
        "long",
        "Esta es corta.\nY esta oración tiene muchas palabras porque sigue y sigue con una idea y otra idea y otra más hasta que el niño se cansa.\n",
    );
    let r = run(&site);
    assert_eq!(
        findings(&r),
        one(
            "readability/sentence-length",
            "content/guide/long.es.md",
            Some(7)
        )
    );
    let span = r.findings[0].span.unwrap();
    assert_eq!(span.column, 1);
}

#[test]
fn a_hard_page_is_reported_with_its_score() {
    let site = clean();
    page_pair(
        &site,
        "hard",
        &"La administración migratoria determinará discrecionalmente la procedencia jurisdiccional. \
La representación institucional garantizará interpretaciones constitucionales. \
Las autoridades competentes establecerán procedimientos administrativos extraordinarios. \
La documentación correspondiente deberá presentarse oportunamente. \
Las comunicaciones internacionales requieren autorización gubernamental. \
Los procedimientos extraordinarios necesitan documentación adicional.\n\n"
            .repeat(4),
    );
    let r = run(&site);
    assert_eq!(
        findings(&r),
        one("readability/score", "content/guide/hard.es.md", Some(6))
    );
    assert!(
        r.findings[0].message.contains("Szigriszt-Pazos"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn headings_must_start_at_level_two_and_never_skip_a_level() {
    let site = clean();
    page_pair(
        &site,
        "heads",
        "# Uno\n\nHola.\n\n## Dos\n\nHola.\n\n#### Tres\n\nHola.\n",
    );
    let r = run(&site);
    assert_eq!(
        findings(&r),
        vec![
            (
                "a11y/heading-h1".into(),
                "content/guide/heads.es.md".into(),
                Some(6)
            ),
            (
                "a11y/heading-order".into(),
                "content/guide/heads.es.md".into(),
                Some(14)
            ),
        ]
    );
}

#[test]
fn link_text_must_say_where_it_goes() {
    let site = clean();
    page_pair(&site, "vague", "Para saber más, lee [aquí](steps.md).\n");
    assert_eq!(
        findings(&run(&site)),
        one("a11y/link-text", "content/guide/vague.es.md", Some(6))
    );
}

#[test]
fn alt_text_must_describe_the_image() {
    let site = clean();
    site.write("content/guide/foto.png", crate::common::images::png(8, 8));
    page_pair(&site, "pic", "Mira.\n\n![foto.png](foto.png)\n");
    assert_eq!(
        findings(&run(&site)),
        one("a11y/image-alt", "content/guide/pic.es.md", Some(8))
    );
}

#[test]
fn a_table_needs_a_header_row() {
    let site = clean();
    page_pair(
        &site,
        "table",
        "Mira la tabla.\n\n|   |   |\n|---|---|\n| Llama | Gratis |\n",
    );
    assert_eq!(
        findings(&run(&site)),
        one("a11y/table-header", "content/guide/table.es.md", Some(8))
    );
}

#[test]
fn a_passage_in_another_language_needs_a_lang() {
    let site = clean();
    page_pair(
        &site,
        "mixed",
        "Hola.\n\nYou have the right to ask for help when you are scared.\n\n<p lang=\"en\">You have the right to ask for help when you are scared.</p>\n",
    );
    assert_eq!(
        findings(&run(&site)),
        one("a11y/other-language", "content/guide/mixed.es.md", Some(8))
    );
}

#[test]
fn a_callout_without_a_label_is_colour_only() {
    let site = clean();
    let path = site.root().join("locales/en.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("callout_tip = \"Tip\""), "{text}");
    std::fs::write(
        &path,
        text.replace("callout_tip = \"Tip\"", "callout_tip = \" \""),
    )
    .unwrap();
    assert_eq!(
        findings(&run(&site)),
        one("a11y/callout-label", "locales/en.toml", None)
    );
}

#[test]
fn a_theme_that_drops_the_h1_fails_the_built_pages() {
    let site = clean();
    let path = site.root().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("<h1>"));
    std::fs::write(&path, text.replace("<h1>", "<p>").replace("</h1>", "</p>")).unwrap();
    let r = run(&site);
    let pages: Vec<String> = findings(&r)
        .into_iter()
        .map(|(rule, path, _)| {
            assert_eq!(rule, "a11y/page");
            path
        })
        .collect();
    assert!(
        pages.contains(&"public/es/guide/steps/index.html".to_string()),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"public/en/index.html".to_string()),
        "{pages:?}"
    );
    assert!(
        !pages.contains(&"public/index.html".to_string()),
        "the chooser keeps its h1"
    );
}

#[test]
fn a_contact_missing_from_the_pages_is_reported() {
    let site = clean();
    let path = site.root().join("themes/default/templates/help.html");
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("c.whatsapp_href"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(kept, text);
    std::fs::write(&path, kept).unwrap();
    let r = run(&site);
    assert_eq!(findings(&r), one("contacts/shown", "site.toml", None));
    assert!(r.findings[0].message.contains("https://wa.me/12029189431"));
}

#[test]
fn contact_hours_are_needed_in_every_language_once_given_in_one() {
    let site = clean();
    let path = site.root().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}hours = {{ es = \"De 9 a 17 h\" }}\n")).unwrap();
    let r = run(&site);
    assert_eq!(findings(&r), one("contacts/hours", "site.toml", None));
    assert!(r.findings[0].message.contains("en"));
}

#[test]
fn a_stylesheet_that_loads_from_another_website_is_found() {
    let site = clean();
    let path = site.root().join("themes/default/static/style.css");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("@import url(\"https://fonts.example/f.css\");\n{text}"),
    )
    .unwrap();
    let r = run(&site);
    let found = findings(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "privacy/other-origin");
    assert!(found[0].1.starts_with("public/assets/style."), "{found:?}");
    assert!(
        r.findings[0]
            .message
            .contains("https://fonts.example/f.css")
    );
}

#[test]
fn site_toml_sets_rule_severities_and_unknown_rules_are_errors() {
    let site = clean();
    page_pair(&site, "vague", "Para saber más, lee [aquí](steps.md).\n");
    let path = site.root().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\n[check.rules]\n\"a11y/link-text\" = \"error\"\n"),
    )
    .unwrap();
    let r = run(&site);
    assert_eq!(r.findings[0].severity, Severity::Error);
    assert!(r.fails(false));

    std::fs::write(
        &path,
        format!("{text}\n[check.rules]\n\"a11y/link-text\" = \"off\"\n"),
    )
    .unwrap();
    assert_eq!(findings(&run(&site)), vec![]);

    std::fs::write(
        &path,
        format!("{text}\n[check.rules]\n\"a11y/link-txt\" = \"off\"\n"),
    )
    .unwrap();
    let diags = check(&CheckOptions {
        root: site.root().to_path_buf(),
        include_drafts: false,
    })
    .unwrap_err();
    let d = crate::common::find(&diags, "config/check");
    assert!(d.help.as_deref().unwrap().contains("a11y/link-text"), "{d}");
}

#[test]
fn thresholds_are_set_per_language_in_site_toml() {
    let site = clean();
    page_pair(
        &site,
        "medium",
        "Esta oración tiene doce palabras y es un poco larga para leer.\n",
    );
    assert_eq!(findings(&run(&site)), vec![]);
    let path = site.root().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\n[check.readability.es]\nsentence_words_max = 10\n"),
    )
    .unwrap();
    assert_eq!(
        findings(&run(&site)),
        one(
            "readability/sentence-length",
            "content/guide/medium.es.md",
            Some(6)
        )
    );
}

#[test]
fn a_broken_link_is_listed_first_and_every_other_page_is_still_checked() {
    let site = Site::fixture(".");
    let page = "content/help/stay-safe.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, format!("{text}\nLee [esto](no-existe.md).\n"));
    let report = amparo::check::check(&amparo::check::CheckOptions {
        root: site.root().to_path_buf(),
        include_drafts: false,
    })
    .unwrap_or_else(|d| panic!("no report: {d}"));
    assert!(report.build_failed);
    assert!(report.fails(false));
    let first = &report.findings[0];
    assert_eq!(first.code, "content/link");
    assert_eq!(first.path, std::path::Path::new(page));
    let line = text.lines().count() + 2;
    assert_eq!(first.span.as_ref().map(|s| s.line), Some(line));
    // The rest of the report is there: every language's table, every page's readability.
    assert_eq!(report.translations.len(), 4);
    assert_eq!(report.translations[0].translated, 14);
    assert_eq!(report.readability.len(), 28);
    assert!(report.summary.pages >= 56, "{}", report.summary.pages);
    let text = report.text();
    assert!(
        text.contains("The site does not build: its problems are listed first."),
        "{text}"
    );
    assert!(text.contains("Readability:"), "{text}");
}

#[test]
fn a_stale_translation_with_blocks_of_its_own_shows_the_old_and_new_source_lines() {
    let site = clean();
    // The English page has a paragraph the Spanish one lacks: its blocks do not line up.
    let en = site.root().join("content/guide/steps.en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, format!("{text}\nAn extra paragraph of its own.\n")).unwrap();
    amparo::check::mark::mark_translated(site.root(), "content/guide/steps.en.md".as_ref())
        .unwrap();
    let source = site.root().join("content/guide/steps.es.md");
    let es = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, es.replace("Es gratis.", "Es gratis y es secreto.")).unwrap();
    let r = run(&site);
    let message = &r.findings[0].message;
    assert!(message.contains("line 10 changed"), "{message}");
    assert!(
        message.contains("line 10 was \"Llama a la línea de ayuda. Es gratis. Te van a escuchar."),
        "{message}"
    );
    assert!(
        message.contains("now \"Llama a la línea de ayuda. Es gratis y es secreto. Te van"),
        "{message}"
    );
}

#[test]
fn a_grade_below_one_is_said_so_not_as_a_negative_number() {
    let site = clean();
    site.write(
        "content/guide/easy.en.md",
        "+++\ntitle = \"Easy\"\n+++\n\nI go. We go. It is. I am.\n",
    );
    site.write(
        "content/guide/easy.es.md",
        "+++\ntitle = \"Fácil\"\n+++\n\nYo voy. Tú vas.\n",
    );
    let r = run(&site);
    let easy = r
        .readability
        .iter()
        .find(|p| p.path.ends_with("easy.en.md"))
        .unwrap();
    assert!(
        easy.flesch_kincaid_grade.unwrap() < 0.0,
        "{:?}",
        easy.flesch_kincaid_grade
    );
    let text = r.readability_text();
    let line = text.lines().find(|l| l.contains("easy.en.md")).unwrap();
    assert!(line.contains("below grade 1"), "{line}");
    assert!(!line.contains("grade -"), "{line}");
}

#[test]
fn a_rule_lists_fifty_findings_per_file_and_counts_the_rest() {
    let site = clean();
    let long = "Esta es una frase muy larga que tiene muchas palabras para que el revisor diga que es demasiado larga para un niño que lee.";
    let body: String = (0..300).map(|_| format!("{long}\n\n")).collect();
    site.write(
        "content/guide/long.es.md",
        format!("+++\ntitle = \"Larga\"\n+++\n\n{body}"),
    );
    let r = run(&site);
    let mine: Vec<&amparo::Diagnostic> = r
        .findings
        .iter()
        .filter(|d| d.code == "readability/sentence-length")
        .filter(|d| d.path.ends_with("long.es.md"))
        .collect();
    assert_eq!(mine.len(), amparo::check::PER_FILE + 1);
    let rest: Vec<_> = mine
        .iter()
        .filter(|d| d.message.starts_with("and "))
        .collect();
    assert_eq!(rest.len(), 1);
    assert_eq!(
        rest[0].message,
        "and 250 more `readability/sentence-length` findings in this file: only the first 50 are listed"
    );
    // The ones listed point at their own lines.
    let lines: Vec<usize> = mine
        .iter()
        .filter_map(|d| d.span.as_ref().map(|s| s.line))
        .collect();
    assert_eq!(lines[..3], [5, 7, 9]);
}
