//! The command line: exit codes, what it prints, `amparo init`.

mod common;
use assert_cmd::Command;
use common::*;

fn amparo() -> Command {
    Command::cargo_bin("amparo").unwrap()
}

#[test]
fn build_prints_a_summary_and_the_translation_table() {
    let site = Site::fixture("minimal");
    let out = amparo()
        .args(["build", "--root"])
        .arg(site.root())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("Built "), "{out}");
    assert!(out.contains("pages   4/4"), "{out}");
    assert!(
        out.contains("pages   3/4   translated (1 shown in es)"),
        "{out}"
    );
    assert!(site.out().join("es/index.html").is_file());
}

#[test]
fn a_failed_build_exits_non_zero_and_shows_each_problem_with_its_place() {
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"x\"\ncolour = 1\n+++\n",
    );
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\n+++\n[x](gone.md)\n",
    );
    let assert = amparo()
        .args(["build", "--root"])
        .arg(site.root())
        .assert()
        .failure()
        .code(1);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains("--> content/guide/first.es.md:3:1"), "{err}");
    assert!(err.contains("3 | colour = 1"), "{err}");
    assert!(err.contains("--> content/guide/first.en.md:4:1"), "{err}");
    assert!(err.contains("Build failed: 2 error(s)"), "{err}");
}

#[test]
fn json_diagnostics_are_machine_readable() {
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/first.en.md",
        "+++\ntitle = \"First\"\n+++\n[x](gone.md)\n",
    );
    let out = amparo()
        .args(["build", "--format", "json", "--root"])
        .arg(site.root())
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["code"], "content/link");
    assert_eq!(v[0]["path"], "content/guide/first.en.md");
    assert_eq!(v[0]["span"]["line"], 4);
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    amparo().arg("init").arg(&site).assert().success();
    amparo()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .success();
    let html =
        std::fs::read_to_string(site.join("public/en/help/ask-for-help/index.html")).unwrap();
    assert_eq!(texts(&html, "h1").join(""), "Who can help me?");
    amparo().arg("init").arg(&site).assert().failure();
}

#[test]
fn a_missing_site_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let assert = amparo()
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .failure();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("no site.toml") && err.contains("amparo init"),
        "{err}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("minimal");
    site.write(
        "content/guide/draft.es.md",
        "+++\ntitle = \"Borrador\"\ndraft = true\n+++\n",
    );
    amparo()
        .args(["build", "--root"])
        .arg(site.root())
        .assert()
        .success();
    assert!(!site.out().join("es/guide/draft/index.html").exists());
    amparo()
        .args(["build", "--drafts", "--root"])
        .arg(site.root())
        .assert()
        .success();
    assert!(site.out().join("es/guide/draft/index.html").is_file());
    assert!(
        site.out().join("en/guide/draft/index.html").is_file(),
        "a draft falls back like any page"
    );
}
