//! `amparo translate`: the PO files a translator receives, read back by the tools translators
//! and platforms use (GNU gettext's `msgfmt` and `msgmerge`, translate-toolkit, which Weblate and
//! Pootle read files with), and the figures of `translate status`.

use crate::common::*;
use std::path::Path;
use std::process::Command;

fn amparo(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(args)
        .args(["--root", root.to_str().unwrap()])
        .output()
        .unwrap()
}

/// Exports `args` into `file` under `dir` and returns the file's text.
fn export(site: &Path, dir: &Path, file: &str, args: &[&str]) -> String {
    let out = dir.join(file);
    let mut all = vec!["translate", "export", "--out", out.to_str().unwrap()];
    all.extend(args);
    let o = amparo(site, &all);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// Whether `program` can run here; in CI a missing tool fails the test instead.
fn have(program: &str, install: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} must be installed in CI ({install}; scripts/test.sh installs it)"
        );
        eprintln!("NOT RUN: {program} is missing; `bash scripts/test.sh` installs it");
    }
    found
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
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "translate-toolkit must be installed in CI (pip install translate-toolkit; scripts/test.sh installs it)"
        );
        eprintln!("NOT RUN: translate-toolkit is missing; `bash scripts/test.sh` installs it");
    }
    ok
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

    let status = amparo(
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
    let o = amparo(site.root(), &["translate", "export", "--lang", "man"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("`man` is not one of the site's languages"),
        "{err}"
    );
    assert!(err.contains("did you mean `mam`?"), "{err}");
    let o = amparo(site.root(), &["translate", "export", "--lang", "es"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("the language the site is written in"));
    let o = amparo(site.root(), &["translate", "export"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--lang is needed"));
}
