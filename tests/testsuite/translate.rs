//! `amparo translate`: the PO files a translator receives, read back by the tools translators
//! and platforms use (GNU gettext's `msgfmt` and `msgmerge`, translate-toolkit, which Weblate and
//! Pootle read files with), and the figures of `translate status`.

use crate::common::*;
use std::path::Path;
use std::process::Command;

/// Exports `args` into `file` under `dir` and returns the file's text.
fn export(site: &Path, dir: &Path, file: &str, args: &[&str]) -> String {
    let out = dir.join(file);
    let mut all = vec!["translate", "export", "--out", out.to_str().unwrap()];
    all.extend(args);
    let o = amparo_at(site, &all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// Whether `program` can run here; in CI a missing tool fails the test instead.
fn have(program: &str, install: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok();
    tool_present(found, program, install)
}

/// `msgfmt --check --statistics` on `file`: its statistics line, or a failed test.
fn msgfmt(file: &Path) -> String {
    let o = Command::new("msgfmt")
        .args(["--check", "--statistics", "-o", "/dev/null"])
        .arg(file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        o.status.success(),
        "msgfmt refused {}:\n{err}",
        file.display()
    );
    err.lines().last().unwrap_or_default().to_string()
}

/// translate-toolkit's reading of a PO file: (units, translated, fuzzy) and every source text.
fn toolkit(file: &Path) -> (usize, usize, usize, Vec<String>) {
    let script = "import sys, json\nfrom translate.storage import factory\n\
                  s = factory.getobject(sys.argv[1])\n\
                  u = [x for x in s.units if not x.isheader()]\n\
                  print(json.dumps([len(u), sum(x.istranslated() for x in u), sum(x.isfuzzy() for x in u), [x.source for x in u]]))";
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn has_toolkit() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import translate.storage.factory"])
        .output()
        .is_ok_and(|o| o.status.success());
    tool_present(ok, "translate-toolkit", "pip install translate-toolkit")
}

/// The msgids of a PO file, header left out, with their msgstr.
fn entries(po: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut field = "";
    for line in po.lines() {
        let unquote = |s: &str| {
            s.trim()
                .trim_matches('"')
                .replace("\\n", "\n")
                .replace("\\\"", "\"")
                .replace("\\\\", "\\")
        };
        if let Some(rest) = line.strip_prefix("msgid ") {
            if let Some(e) = current.take() {
                out.push(e);
            }
            current = Some((unquote(rest), String::new()));
            field = "id";
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            if let Some(e) = current.as_mut() {
                e.1 = unquote(rest);
            }
            field = "str";
        } else if line.starts_with('"')
            && let Some(e) = current.as_mut()
        {
            match field {
                "id" => e.0.push_str(&unquote(line)),
                _ => e.1.push_str(&unquote(line)),
            }
        }
    }
    out.extend(current);
    out.retain(|(id, _)| !id.is_empty());
    out
}

#[test]
fn every_export_of_the_bundled_site_is_a_valid_po_file_with_each_segment_once() {
    let site = Site::fixture(".");
    let dir = tempfile::tempdir().unwrap();
    let en = export(site.root(), dir.path(), "en.po", &["--lang", "en"]);
    let mam = export(site.root(), dir.path(), "mam.po", &["--lang", "mam"]);
    let pot = export(site.root(), dir.path(), "site.pot", &["--format", "pot"]);
    let (en_e, mam_e, pot_e) = (entries(&en), entries(&mam), entries(&pot));
    // The English pages keep the Spanish pages' blocks: every segment is translated.
    assert!(en_e.len() > 200, "{}", en_e.len());
    assert!(en_e.iter().all(|(_, t)| !t.is_empty()));
    assert!(
        en_e.iter()
            .any(|(id, t)| id == "¿Cómo pido ayuda?" && t == "How do I ask for help?")
    );
    // Nobody here can vouch for a Mam word: nothing is translated, nothing invented.
    assert_eq!(mam_e.len(), en_e.len());
    assert!(mam_e.iter().all(|(_, t)| t.is_empty()));
    assert_eq!(
        pot_e.iter().map(|e| &e.0).collect::<Vec<_>>(),
        mam_e.iter().map(|e| &e.0).collect::<Vec<_>>()
    );
    // A segment with the same text on two pages is one entry with two references.
    assert!(
        pot.split("\n\n")
            .any(|e| e.matches("\n#: content/").count() >= 2),
        "no entry merges two places"
    );
    // Links stay inside their segment, as the translator must keep them.
    assert!(
        pot_e
            .iter()
            .any(|(id, _)| id.contains("[Pide ayuda](help/_index.md)"))
    );
    // Context for the translator: page, heading, file and line.
    assert!(pot.contains(
        "#. Page: help/ask-for-help — ¿Cómo pido ayuda?\n#. Under: ¿Qué digo cuando llamo?"
    ));
    assert!(pot.contains("#: content/help/ask-for-help.es.md:"));
    if have("msgfmt", "Debian's gettext") {
        for f in ["en.po", "mam.po", "site.pot"] {
            msgfmt(&dir.path().join(f));
        }
        assert_eq!(
            msgfmt(&dir.path().join("en.po")),
            format!("{} translated messages.", en_e.len())
        );
    }
    if has_toolkit() {
        let (units, translated, fuzzy, sources) = toolkit(&dir.path().join("en.po"));
        assert_eq!((units, translated, fuzzy), (en_e.len(), en_e.len(), 0));
        assert_eq!(
            sources,
            en_e.iter().map(|e| e.0.clone()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_changed_spanish_paragraph_is_exactly_one_stale_segment_with_its_old_text() {
    let site = Site::fixture(".");
    // The Spanish text each English page was translated from, kept by `--mark-translated`.
    copy(&repo().join(".amparo"), &site.root().join(".amparo"));
    let dir = tempfile::tempdir().unwrap();
    let before = export(site.root(), dir.path(), "before.po", &["--lang", "en"]);
    let page = "content/help/ask-for-help.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    let old = "Si no sabes algo, está bien. Di lo que sí sabes.";
    let new = "Si no sabes algo, no pasa nada. Di lo que sí sabes.";
    assert!(text.contains(old));
    site.write(page, text.replace(old, new));

    let after = export(site.root(), dir.path(), "after.po", &["--lang", "en"]);
    let fuzzy: Vec<&str> = after
        .split("\n\n")
        .filter(|e| e.contains("#, fuzzy"))
        .collect();
    assert_eq!(fuzzy.len(), 1, "{fuzzy:#?}");
    assert!(
        fuzzy[0].contains(&format!("#| msgid \"{old}\"\nmsgid \"{new}\"")),
        "{}",
        fuzzy[0]
    );
    assert!(
        fuzzy[0].contains("msgstr \"If you do not know something"),
        "{}",
        fuzzy[0]
    );
    assert_eq!(entries(&before).len(), entries(&after).len());

    let status = amparo_at(
        site.root(),
        &["translate", "status", "--lang", "en", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let en = &json["languages"][0];
    assert_eq!(en["stale"], 1);
    assert_eq!(en["missing"], 0);
    let pages = en["pages"].as_array().unwrap();
    let stale: Vec<&str> = pages
        .iter()
        .filter(|p| p["stale"] != 0)
        .map(|p| p["page"].as_str().unwrap())
        .collect();
    assert_eq!(stale, ["help/ask-for-help"]);

    if have("msgmerge", "Debian's gettext") {
        // A translator's own tool agrees: merging the old translations into the new template
        // marks the same one segment fuzzy.
        export(site.root(), dir.path(), "new.pot", &["--format", "pot"]);
        let merged = dir.path().join("merged.po");
        let o = Command::new("msgmerge")
            .args(["-q", "-o"])
            .arg(&merged)
            .arg(dir.path().join("before.po"))
            .arg(dir.path().join("new.pot"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let merged = std::fs::read_to_string(merged).unwrap();
        let merged_fuzzy: Vec<&str> = merged
            .split("\n\n")
            .filter(|e| e.contains("#, fuzzy") && !e.contains("msgid \"\"\nmsgstr \"\"\n\"Project"))
            .collect();
        assert_eq!(merged_fuzzy.len(), 1, "{merged_fuzzy:#?}");
        assert!(merged_fuzzy[0].contains(new));
    }
}

#[test]
fn a_language_the_site_lacks_or_the_source_language_is_refused_with_a_hint() {
    let site = Site::fixture(".");
    let o = amparo_at(site.root(), &["translate", "export", "--lang", "man"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("`man` is not one of the site's languages"),
        "{err}"
    );
    assert!(err.contains("did you mean `mam`?"), "{err}");
    let o = amparo_at(site.root(), &["translate", "export", "--lang", "es"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("the language the site is written in"));
    let o = amparo_at(site.root(), &["translate", "export"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--lang is needed"));
}

/// Every file of the site's sources with its bytes, to compare before and after an import.
/// Every file of the site's sources, with a fingerprint of its bytes (so that a failed
/// comparison names the files that differ, not their bytes).
fn sources(root: &Path) -> std::collections::BTreeMap<String, u64> {
    ["content", "locales", ".amparo"]
        .iter()
        .filter(|d| root.join(d).is_dir())
        .flat_map(|d| {
            files(&root.join(d))
                .into_iter()
                .map(move |f| (format!("{d}/{f}"), root.join(d).join(&f)))
        })
        .map(|(name, path)| {
            let mut h = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&std::fs::read(path).unwrap(), &mut h);
            (name, std::hash::Hasher::finish(&h))
        })
        .collect()
}

fn import(root: &Path, files: &[&Path]) -> std::process::Output {
    let mut args = vec!["translate", "import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    amparo_at(root, &args)
}

/// A PO file with each empty msgstr filled by `fill(msgid)`, where it gives one.
fn filled(po: &str, fill: impl Fn(&str) -> Option<String>) -> String {
    let escape = |t: &str| {
        t.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    };
    po.split("\n\n")
        .map(|block| {
            let body = block.trim_end();
            let rest = &block[body.len()..];
            let Some(head) = body.strip_suffix("\nmsgstr \"\"") else {
                return block.to_string();
            };
            let id = entries(block)
                .first()
                .map(|e| e.0.clone())
                .unwrap_or_default();
            match fill(&id) {
                Some(t) if !id.is_empty() => format!("{head}\nmsgstr \"{}\"{rest}", escape(&t)),
                _ => block.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn importing_an_unchanged_export_changes_no_byte_of_the_site() {
    let site = Site::fixture(".");
    copy(&repo().join(".amparo"), &site.root().join(".amparo"));
    // A translation written by hand in its own way: a comment, other list marks, and no record
    // of what it was translated from.
    let page = "content/help/ask-for-help.en.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    let own: String = text
        .replacen("+++\n", "+++\n# Checked by the English team.\n", 1)
        .replace("\n- ", "\n* ")
        .lines()
        .filter(|l| !l.starts_with("translated_from"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(own, text);
    site.write(page, &own);
    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "quc", "mam"] {
        export(
            site.root(),
            dir.path(),
            &format!("{lang}.po"),
            &["--lang", lang],
        );
    }
    let before = sources(site.root());
    let files: Vec<std::path::PathBuf> = ["en", "quc", "mam"]
        .iter()
        .map(|l| dir.path().join(format!("{l}.po")))
        .collect();
    let o = import(
        site.root(),
        &files.iter().map(|f| f.as_path()).collect::<Vec<_>>(),
    );
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(said.contains("Nothing to change"), "{said}");
    assert_eq!(
        sources(site.root()),
        before,
        "an unchanged import rewrote a file"
    );
    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let table = report.translation_table();
    for line in table
        .lines()
        .filter(|l| l.contains("quc") || l.contains("mam"))
    {
        assert!(
            line.contains("pages   0/14") && line.contains("not reviewed"),
            "{table}"
        );
    }
}

#[test]
fn a_filled_in_po_file_builds_every_page_in_that_language_with_its_links() {
    let site = Site::fixture(".");
    let dir = tempfile::tempdir().unwrap();
    let po = export(site.root(), dir.path(), "mam.po", &["--lang", "mam"]);
    // Obviously fake words around the source's own Markdown: links and marks stay as they are.
    std::fs::write(
        dir.path().join("mam.po"),
        filled(&po, |id| Some(format!("[mam] {id}"))),
    )
    .unwrap();
    let o = import(site.root(), &[&dir.path().join("mam.po")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page =
        std::fs::read_to_string(site.root().join("content/help/ask-for-help.mam.md")).unwrap();
    assert!(
        page.contains("title = \"[mam] ¿Cómo pido ayuda?\""),
        "{page}"
    );
    assert!(page.contains("translated_from = \"es:"), "{page}");
    assert!(page.contains("## [mam] ¿Qué digo cuando llamo?"), "{page}");
    assert!(page.contains("> - [mam] **Llama desde México:**"), "{page}");
    let locale = std::fs::read_to_string(site.root().join("locales/mam.toml")).unwrap();
    assert!(locale.contains("home = \"[mam] Inicio\""), "{locale}");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("mam/help/ask-for-help/index.html");
    assert_eq!(attrs(&html, "html", "lang"), ["mam"]);
    assert_eq!(attrs(&html, "article", "lang"), ["mam"]);
    assert!(html.contains("[mam] ¿Qué digo cuando llamo?"));
    // A link of a translated page lands on a file of the same language.
    let links = attrs(&html, "article a[href$='index.html']", "href");
    assert!(!links.is_empty());
    for href in links {
        let target = site.out().join("mam/help/ask-for-help").join(&href);
        assert!(target.is_file(), "{href}");
    }
    // Headings keep the Spanish page's ids, so `page.md#anchor` lands on them in Mam too.
    let es = site.read("es/help/ask-for-help/index.html");
    let ids = |html: &str| attrs(html, "article h2", "id");
    assert!(
        ids(&es).contains(&"qué-digo-cuando-llamo".to_string()),
        "{:?}",
        ids(&es)
    );
    assert_eq!(ids(&html), ids(&es));
    let status = amparo_at(
        site.root(),
        &["translate", "status", "--lang", "mam", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(json["languages"][0]["missing"], 0, "{json}");
    assert_eq!(json["languages"][0]["stale"], 0, "{json}");
}

#[test]
fn bad_files_are_all_reported_at_once_and_no_file_changes() {
    let site = Site::fixture(".");
    let dir = tempfile::tempdir().unwrap();
    let po = export(site.root(), dir.path(), "mam.po", &["--lang", "mam"]);
    let before = sources(site.root());
    // A translation that drops a link.
    let dropped = filled(&po, |id| {
        id.contains("[Pide ayuda](help/_index.md)")
            .then(|| "[mam] Pide ayuda sin enlace".to_string())
    });
    std::fs::write(dir.path().join("links.po"), &dropped).unwrap();
    // Made for another site; for a language the site does not have; broken; not UTF-8.
    std::fs::write(
        dir.path().join("other.po"),
        po.replace(
            "Project-Id-Version: Amparo",
            "Project-Id-Version: Otro sitio",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("lang.po"),
        po.replace("Language: mam", "Language: fr"),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.po"), "msgid \"a\nmsgstr \"b\"\n").unwrap();
    std::fs::write(
        dir.path().join("bytes.po"),
        b"msgid \"a\"\nmsgstr \"\xff\"\n",
    )
    .unwrap();
    let names = ["links.po", "other.po", "lang.po", "broken.po", "bytes.po"];
    let paths: Vec<std::path::PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
    let o = import(
        site.root(),
        &paths.iter().map(|p| p.as_path()).collect::<Vec<_>>(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("error[translate/links]") && err.contains("links.po:"),
        "{err}"
    );
    assert!(
        err.contains("the source has [_](help/_index.md)") || err.contains("(help/_index.md)"),
        "{err}"
    );
    assert!(
        err.contains("error[translate/other-site]") && err.contains("made for another site"),
        "{err}"
    );
    assert!(err.contains("`Language: fr`"), "{err}");
    assert!(
        err.contains("broken.po:1:") && err.contains("never closed"),
        "{err}"
    );
    assert!(
        err.contains("bytes.po:2:") && err.contains("not UTF-8"),
        "{err}"
    );
    assert!(err.contains("no file of the site was changed"), "{err}");
    assert_eq!(sources(site.root()), before);
}

/// The words of the borrowed parts of a page, with their language: (`lang`, text).
fn borrowed(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(".borrowed").unwrap();
    doc.select(&sel)
        .map(|e| {
            let lang = e.value().attr("lang").unwrap_or_default().to_string();
            (lang, e.text().collect::<String>())
        })
        .collect()
}

#[test]
fn a_partly_translated_page_shows_its_own_parts_and_the_rest_in_spanish_as_it_is_now() {
    let site = Site::fixture(".");
    copy(&repo().join(".amparo"), &site.root().join(".amparo"));
    let dir = tempfile::tempdir().unwrap();
    let po = export(site.root(), dir.path(), "mam.po", &["--lang", "mam"]);
    let mine = [
        "¿Cómo pido ayuda?",
        "¿Qué digo cuando llamo?",
        "Tu nombre y tus apellidos.",
    ];
    let part = filled(&po, |id| mine.contains(&id).then(|| format!("[mam] {id}")));
    std::fs::write(dir.path().join("mam.po"), part).unwrap();
    let o = import(site.root(), &[&dir.path().join("mam.po")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("Partly translated: help/ask-for-help in mam, 3 of 24 parts"),
        "{said}"
    );
    let file = "content/help/ask-for-help.mam.md";
    let text = std::fs::read_to_string(site.root().join(file)).unwrap();
    assert!(
        text.contains("title = \"[mam] ¿Cómo pido ayuda?\""),
        "{text}"
    );
    assert!(text.contains("\nuntranslated = [2, 3, 4, "), "{text}");
    assert!(text.contains("## [mam] ¿Qué digo cuando llamo?"), "{text}");

    let report = site.build().unwrap_or_else(|d| panic!("{d}"));
    let table = report.translation_table();
    assert!(
        table.contains("pages   0/14  translated, 1 partly"),
        "{table}"
    );
    let html = site.read("mam/help/ask-for-help/index.html");
    assert_eq!(attrs(&html, "article", "lang"), ["mam"]);
    assert_eq!(texts(&html, "h1 span"), ["[mam] ¿Cómo pido ayuda?"]);
    assert!(attrs(&html, "h1 span", "lang").is_empty());
    let notice = texts(&html, ".notice span");
    assert_eq!(
        notice,
        ["3 de 24 partes de esta página están en Mam. Lo demás está en Español."]
    );
    let parts = borrowed(&html);
    // 21 parts borrowed; the description is not in the body.
    assert_eq!(parts.len(), 20, "{parts:?}");
    assert!(parts.iter().all(|(lang, _)| lang == "es"), "{parts:?}");
    assert!(parts.iter().any(|(_, t)| t == "¿Quién me puede ayudar?"));
    assert!(!parts.iter().any(|(_, t)| t.contains("[mam]")), "{parts:?}");
    assert_eq!(
        texts(&html, "article li:not(:has(.borrowed))"),
        ["[mam] Tu nombre y tus apellidos."]
    );
    // Links inside borrowed parts work, and headings keep the Spanish ids.
    assert!(attrs(&html, ".borrowed a", "href").contains(&"tel:+525571001542".to_string()));
    let es = site.read("es/help/ask-for-help/index.html");
    assert_eq!(
        attrs(&html, "article h2", "id"),
        attrs(&es, "article h2", "id")
    );
    // Elsewhere the page's title is its own.
    let section = site.read("mam/help/index.html");
    assert!(section.contains("[mam] ¿Cómo pido ayuda?"), "{section}");

    let status = amparo_at(
        site.root(),
        &["translate", "status", "--lang", "mam", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let page = json["languages"][0]["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["page"] == "help/ask-for-help")
        .unwrap()
        .clone();
    assert_eq!(page["state"], "partial", "{page}");
    assert_eq!(page["translated"], 3, "{page}");
    let check = amparo_at(site.root(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(out.contains("pages: 0 translated, 1 partly,"), "{out}");

    // Export then import with no change: no byte changes.
    export(site.root(), dir.path(), "again.po", &["--lang", "mam"]);
    let before = sources(site.root());
    let o = import(site.root(), &[&dir.path().join("again.po")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sources(site.root()), before);

    // A Spanish part it borrows is corrected: the Mam page shows the correction, and is not
    // stale, since none of its own words came from that part.
    let es_file = "content/help/ask-for-help.es.md";
    let es_text = std::fs::read_to_string(site.root().join(es_file)).unwrap();
    site.write(
        es_file,
        es_text.replace("Por eso empieza con +1.", "Por eso empieza con +1 (uno)."),
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let html = site.read("mam/help/ask-for-help/index.html");
    assert!(
        borrowed(&html)
            .iter()
            .any(|(_, t)| t.ends_with("empieza con +1 (uno).")),
        "{html}"
    );
    let check = amparo_at(site.root(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let mam = |json: &serde_json::Value| language_table(json, "mam");
    assert_eq!(mam(&json)["partial"], 1, "{}", mam(&json));
    assert_eq!(mam(&json)["stale"], 0, "{}", mam(&json));
    // A part it translated changes in Spanish: now it is stale.
    let es_text = std::fs::read_to_string(site.root().join(es_file)).unwrap();
    site.write(
        es_file,
        es_text.replace("- Tu nombre y tus apellidos.", "- Tu nombre completo."),
    );
    let check = amparo_at(site.root(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(mam(&json)["stale"], 1, "{}", mam(&json));
}

#[test]
fn xliff_round_trips_and_a_po_file_converted_by_translate_toolkit_imports_to_the_same_pages() {
    let site = Site::fixture(".");
    copy(&repo().join(".amparo"), &site.root().join(".amparo"));
    let dir = tempfile::tempdir().unwrap();
    // XLIFF 2.0, exported and imported with no change: nothing changes.
    let en = export(
        site.root(),
        dir.path(),
        "en.xlf",
        &["--lang", "en", "--format", "xliff"],
    );
    export(
        site.root(),
        dir.path(),
        "mam.xlf",
        &["--lang", "mam", "--format", "xliff"],
    );
    assert!(en.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"es\" trgLang=\"en\">"));
    let before = sources(site.root());
    let o = import(
        site.root(),
        &[&dir.path().join("en.xlf"), &dir.path().join("mam.xlf")],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sources(site.root()), before);
    // A stale segment says so, with the source it was made from.
    let page = "content/help/ask-for-help.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("está bien. Di", "no pasa nada. Di"));
    let stale = export(
        site.root(),
        dir.path(),
        "stale.xlf",
        &["--lang", "en", "--format", "xliff"],
    );
    assert_eq!(stale.matches("subState=\"amparo:stale\"").count(), 1);
    assert!(stale.contains(
        "<note category=\"previous-source\">Si no sabes algo, está bien. Di lo que sí sabes.</note>"
    ));
    site.write(page, &text);

    if !has_toolkit() {
        return;
    }
    // translate-toolkit reads our XLIFF 2.0 with the same units as our PO file.
    let po = export(site.root(), dir.path(), "en.po", &["--lang", "en"]);
    let script = "import sys, json\nfrom translate.storage import xliff2\n\
                  s = xliff2.Xliff2File.parsefile(sys.argv[1])\n\
                  u = [x for x in s.units if not x.isheader()]\n\
                  print(json.dumps([x.source for x in u]))";
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(dir.path().join("en.xlf"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let units: Vec<String> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        units,
        entries(&po).into_iter().map(|e| e.0).collect::<Vec<_>>()
    );

    // A Mam PO file filled in, and the same file turned into XLIFF 1.x by po2xliff, give the
    // same pages.
    let mam = export(site.root(), dir.path(), "mam.po", &["--lang", "mam"]);
    let filled_po = dir.path().join("filled.po");
    std::fs::write(&filled_po, filled(&mam, |id| Some(format!("[mam] {id}")))).unwrap();
    let xlf = dir.path().join("filled.xlf");
    let o = Command::new("po2xliff")
        .arg(&filled_po)
        .arg(&xlf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let other = Site::fixture(".");
    let a = import(site.root(), &[&filled_po]);
    let b = import(other.root(), &[&xlf]);
    assert!(
        a.status.success() && b.status.success(),
        "{}",
        String::from_utf8_lossy(&b.stderr)
    );
    let mam_files = |root: &Path| {
        sources(root)
            .into_iter()
            .filter(|(k, _)| k.contains(".mam.") || k.ends_with("mam.toml"))
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (mam_files(site.root()), mam_files(other.root()));
    assert!(pa.len() > 10, "{}", pa.len());
    assert_eq!(pa, pb);
}

#[test]
fn an_xliff_file_that_is_not_well_formed_is_named_with_its_line() {
    let site = Site::fixture(".");
    let dir = tempfile::tempdir().unwrap();
    let xlf = export(
        site.root(),
        dir.path(),
        "mam.xlf",
        &["--lang", "mam", "--format", "xliff"],
    );
    let broken = xlf.replacen("</source>", "</sourc>", 3);
    let line = broken.lines().position(|l| l.contains("</sourc>")).unwrap() + 1;
    std::fs::write(dir.path().join("broken.xlf"), broken).unwrap();
    let before = sources(site.root());
    let o = import(site.root(), &[&dir.path().join("broken.xlf")]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("error[translate/xliff]") && err.contains("not well-formed XML"),
        "{err}"
    );
    assert!(
        err.contains(&format!("broken.xlf:{line}:")),
        "line {line}: {err}"
    );
    assert_eq!(sources(site.root()), before);
}

#[test]
fn a_fuzzy_entry_brought_back_keeps_its_page_stale_until_the_translator_confirms_it() {
    let site = Site::fixture(".");
    copy(&repo().join(".amparo"), &site.root().join(".amparo"));
    let dir = tempfile::tempdir().unwrap();
    let page = "content/help/ask-for-help.es.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replace("está bien. Di", "no pasa nada. Di"));
    let po = export(site.root(), dir.path(), "en.po", &["--lang", "en"]);
    let before = sources(site.root());
    // Sent back as it is: the fuzzy entry is not confirmed, so nothing changes.
    let o = import(site.root(), &[&dir.path().join("en.po")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sources(site.root()), before);
    let stale = |site: &Site| {
        let o = amparo_at(
            site.root(),
            &["translate", "status", "--lang", "en", "--format", "json"],
        );
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        json["languages"][0]["stale"].as_u64().unwrap()
    };
    assert_eq!(stale(&site), 1);
    // Confirmed with new words: the page is current again, its other blocks as they were.
    let old = "msgstr \"If you do not know something, that is okay. Say what you do know.\"";
    assert!(po.contains(old));
    let confirmed = po
        .replace(
            "#, fuzzy\n#| msgid \"Si no sabes algo, está bien. Di lo que sí sabes.\"\n",
            "",
        )
        .replace(
            old,
            "msgstr \"If you do not know something, that is fine. Say what you know.\"",
        );
    std::fs::write(dir.path().join("en.po"), confirmed).unwrap();
    let o = import(site.root(), &[&dir.path().join("en.po")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stale(&site), 0);
    let en = std::fs::read_to_string(site.root().join("content/help/ask-for-help.en.md")).unwrap();
    assert!(en.contains("If you do not know something, that is fine. Say what you know."));
    let changed: Vec<String> = sources(site.root())
        .into_iter()
        .filter(|(k, v)| before.get(k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}"); // the page and its kept source
    assert!(changed.contains(&"content/help/ask-for-help.en.md".to_string()));
}

#[test]
fn a_wrong_untranslated_list_is_an_error_at_its_line() {
    let site = Site::fixture(".");
    let page = |list: &str| format!("+++\ntitle = \"[mam] Título\"\n{list}\n+++\n\nUn párrafo.\n");
    let cases = [
        ("untranslated = [0]", "numbered from 1"),
        ("untranslated = [2, 2]", "listed twice"),
        (
            "untranslated = [9]",
            "lists part 9, but the page has 2 parts",
        ),
    ];
    for (list, says) in cases {
        site.write("content/help/stay-safe.mam.md", page(list));
        let diags = site.errors();
        let d = find(&diags, "front-matter/untranslated");
        assert!(d.message.contains(says), "{list}: {diags}");
        assert_eq!(d.span.as_ref().map(|s| s.line), Some(3), "{list}: {diags}");
        assert!(d.path.ends_with("stay-safe.mam.md"));
    }
    site.remove("content/help/stay-safe.mam.md");
    let es = "content/help/stay-safe.es.md";
    let text = std::fs::read_to_string(site.root().join(es)).unwrap();
    site.write(es, text.replacen("+++\n", "+++\nuntranslated = [1]\n", 1));
    let diags = site.errors();
    let d = find(&diags, "front-matter/untranslated");
    assert!(d.message.contains("the site's source language"), "{diags}");
}
