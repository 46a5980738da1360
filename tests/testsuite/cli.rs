//! The command line: exit codes, what it prints, `amparo init`.

use crate::common::*;
use assert_cmd::Command;

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
    // It ends with one line of totals.
    let last = out.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Built 23 pages (55 files, 0 from content/,")
            && last.contains("; heaviest page "),
        "{out}"
    );
    assert!(out.starts_with("Translations:\n"), "{out}");
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
    assert_eq!(v["version"], 1);
    assert_eq!(v["build_failed"], true);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "content/link");
    assert_eq!(f["path"], "content/guide/first.en.md");
    assert_eq!(f["span"]["line"], 4);
    // A build that succeeds has the same shape, with its figures.
    site.remove("content/guide/first.en.md");
    let out = amparo()
        .args(["build", "--format", "json", "--root"])
        .arg(site.root())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["build_failed"], false);
    assert!(v["findings"].is_array(), "{v}");
    assert!(v["pages"].as_u64().unwrap() > 0, "{v}");
    assert!(v["languages"].is_array(), "{v}");
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

#[test]
fn serve_prints_its_addresses_warns_beyond_loopback_and_stops_on_ctrl_c() {
    use std::io::{BufRead, BufReader};
    let site = Site::fixture("minimal");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("amparo"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    while !lines
        .iter()
        .any(|l: &String| l.contains("/index.html") && l.contains("http://"))
    {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "serve ended early: {lines:?}"
        );
        lines.push(line);
    }
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(status.success(), "Ctrl-C stops cleanly: {status:?} {err}");
    assert!(rest.contains("Stopped."), "{rest}");
    assert!(
        err.contains("warning: listening on 0.0.0.0, not only on this computer."),
        "{err}"
    );
    assert!(
        lines.iter().any(|l| l.contains("/es/index.html")),
        "{lines:?}"
    );
}

#[test]
fn check_exits_by_severity_and_prints_stable_json() {
    let site = Site::fixture("check-clean");
    let run = |args: &[&str]| {
        amparo()
            .arg("check")
            .arg("--root")
            .arg(site.root())
            .args(args)
            .output()
            .unwrap()
    };
    let ok = run(&["--strict"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        text.contains("Checked 6 pages: 0 error(s), 0 warning(s)."),
        "{text}"
    );
    assert!(text.contains("Szigriszt-Pazos"), "{text}");

    // One warning: fails only with --strict.
    site.write(
        "content/guide/vague.es.md",
        "+++\ntitle = \"Vago\"\n+++\n\nLee [aquí](steps.md).\n",
    );
    assert!(run(&[]).status.success());
    let strict = run(&["--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let json = run(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["warnings"], 1);
    assert_eq!(v["summary"]["errors"], 0);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "a11y/link-text");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["path"], "content/guide/vague.es.md");
    assert_eq!(f["span"]["line"], 5);
    assert_eq!(f["span"]["column"], 5);
    assert!(f["help"].as_str().unwrap().contains("name the place"));
    assert_eq!(v["translations"][0]["lang"], "es");
    assert!(v["readability"][0]["words"].as_u64().unwrap() > 0);

    // A site that does not build: exit 1 and the build's problems.
    site.write("content/guide/vague.es.md", "no front matter\n");
    let broken = run(&["--format", "json"]);
    assert_eq!(broken.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&broken.stdout).unwrap();
    assert_eq!(v["build_failed"], true);
    assert_eq!(v["findings"][0]["code"], "front-matter/missing");
}

#[test]
fn mark_translated_records_the_source_and_rules_are_listed() {
    let site = Site::fixture("check-clean");
    let out = amparo()
        .args(["check", "--root"])
        .arg(site.root())
        .args(["--mark-translated", "content/guide/steps.en.md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with(
            "Marked content/guide/steps.en.md as translated from content/guide/steps.es.md"
        ),
        "{out}"
    );
    let kept = std::fs::read_dir(site.root().join(".amparo/sources"))
        .unwrap()
        .count();
    assert_eq!(kept, 1);
    let rules = amparo()
        .args(["check", "--rules"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rules = String::from_utf8(rules).unwrap();
    for r in amparo::rules::RULES {
        assert!(rules.contains(r.id), "{rules}");
    }
}

/// Runs `amparo serve --root <site> ARGS` until it prints its addresses, then stops it; returns
/// what it printed on stdout and on stderr.
fn serve_output(site: &Site, args: &[&str]) -> (String, String) {
    use std::io::BufRead;
    use std::process::Stdio;
    use std::sync::{Arc, Mutex};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["serve", "--root"])
        .arg(site.root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("amparo serve starts");
    let (out, err) = (
        Arc::new(Mutex::new(String::new())),
        Arc::new(Mutex::new(String::new())),
    );
    let readers = [
        (
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            out.clone(),
        ),
        (Box::new(child.stderr.take().unwrap()), err.clone()),
    ]
    .map(|(pipe, text)| {
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                text.lock().unwrap().push_str(&format!("{line}\n"));
            }
        })
    });
    // Two languages and the chooser: three addresses.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while out.lock().unwrap().matches("  http://").count() < 3
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    for r in readers {
        r.join().unwrap();
    }
    let (out, err) = (out.lock().unwrap().clone(), err.lock().unwrap().clone());
    (out, err)
}

#[test]
fn serving_beyond_this_computer_says_who_can_reach_it() {
    let site = Site::fixture("minimal");
    let (out, err) = serve_output(&site, &["--bind", "0.0.0.0", "--port", "0"]);
    let port = out
        .split("http://0.0.0.0:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {out}"));
    assert!(
        err.contains("warning: listening on 0.0.0.0, not only on this computer."),
        "{err}"
    );
    // The machine's own list of its addresses, IPv4 only for 0.0.0.0.
    let hostname = std::process::Command::new("hostname")
        .arg("-I")
        .output()
        .expect("hostname runs");
    let ours: Vec<String> = String::from_utf8_lossy(&hostname.stdout)
        .split_whitespace()
        .filter(|a| a.parse::<std::net::Ipv4Addr>().is_ok())
        .map(str::to_string)
        .collect();
    if ours.is_empty() {
        assert!(err.contains("no network address now"), "{err}");
    }
    for ip in &ours {
        assert!(
            err.contains(&format!("\n  http://{ip}:{port}/\n")),
            "{ip} is not named in: {err}"
        );
    }
    assert!(
        !err.contains("http://127.0.0.1"),
        "loopback is no one else: {err}"
    );
    assert!(
        err.contains("Use --bind 127.0.0.1 to keep it private."),
        "{err}"
    );

    let (out, err) = serve_output(&site, &["--port", "0"]);
    assert!(out.contains("http://127.0.0.1:"), "{out}");
    assert!(!err.contains("warning: listening"), "loopback only: {err}");
}

#[test]
fn mark_translated_takes_several_files_and_refuses_a_source_language_page() {
    let site = Site::fixture("check-clean");
    let before = std::fs::read(site.root().join("content/guide/steps.en.md")).unwrap();
    // One bad file among good ones: every problem named, nothing marked.
    let out = amparo()
        .args(["check", "--root"])
        .arg(site.root())
        .args([
            "--mark-translated",
            "content/guide/steps.en.md",
            "content/guide/steps.es.md",
            "locales/es.toml",
        ])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("error[check/mark]: this page is in es, the site's source language: it is not a translation of anything\n  --> content/guide/steps.es.md"),
        "{err}"
    );
    assert!(
        err.contains("mark the translation instead, e.g. content/guide/steps.en.md"),
        "{err}"
    );
    assert!(
        err.contains("this locale is in es, the site's source language: it is not a translation of anything\n  --> locales/es.toml"),
        "{err}"
    );
    assert!(err.contains("Nothing was marked."), "{err}");
    assert_eq!(
        std::fs::read(site.root().join("content/guide/steps.en.md")).unwrap(),
        before
    );
    assert!(!site.root().join(".amparo/sources").exists());
    let out = amparo()
        .args(["check", "--root"])
        .arg(site.root())
        .args([
            "--mark-translated",
            "content/guide/steps.en.md",
            "locales/en.toml",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.contains("Marked content/guide/steps.en.md as translated from"),
        "{out}"
    );
    assert!(
        out.contains("Marked locales/en.toml as translated from locales/es.toml"),
        "{out}"
    );
}

#[test]
fn a_site_without_contacts_builds_with_a_warning_and_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let init = amparo().arg("init").arg(&site).assert().success();
    let said = String::from_utf8(init.get_output().stdout.clone()).unwrap();
    assert!(
        said.contains("add your organisation's phone or WhatsApp under [[contacts]]"),
        "{said}"
    );
    let build = amparo()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .success();
    let err = String::from_utf8(build.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("warning[contacts/none]: the site has no contact"),
        "{err}"
    );
    assert!(err.contains("--> site.toml"), "{err}");
    let check = amparo()
        .args(["check", "--format", "json", "--root"])
        .arg(&site)
        .assert()
        .failure();
    let v: serde_json::Value = serde_json::from_slice(&check.get_output().stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "contacts/none")
        .unwrap_or_else(|| panic!("{v}"))
        .clone();
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "site.toml");
    // Filled in, as init says: the check passes that rule.
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!("{toml}\n[[contacts]]\nname = \"Casa\"\nphone = \"+525571001542\"\n"),
    )
    .unwrap();
    let check = amparo()
        .args(["check", "--format", "json", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert!(!v.to_string().contains("contacts/none"), "{v}");
}

#[test]
fn problems_name_where_they_come_from() {
    // A flag is named as the flag, not as site.toml.
    let site = Site::fixture("minimal");
    let long = "x".repeat(120);
    let out = amparo()
        .args(["export", "--zim", "--description", &long, "--root"])
        .arg(site.root())
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the ZIM description may have at most 80 characters"),
        "{err}"
    );
    assert!(
        err.contains("--> the command line (--description)"),
        "{err}"
    );
    assert!(!err.contains("--> site.toml"), "{err}");
    // A build with no earlier output does not speak of one.
    let dir = tempfile::tempdir().unwrap();
    let out = amparo()
        .args(["build", "--root"])
        .arg(dir.path().join("nowhere"))
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Nothing was written."), "{err}");
    assert!(!err.contains("was kept"), "{err}");
}

#[test]
fn init_ignores_the_built_site_accepts_a_bare_repository_and_marks_its_translations() {
    let dir = tempfile::tempdir().unwrap();
    // A folder with only `.git` in it, as a hosting service makes a new repository.
    let site = dir.path().join("repo");
    std::fs::create_dir_all(site.join(".git")).unwrap();
    amparo().arg("init").arg(&site).assert().success();
    let ignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    for line in ["public/", "*.zim", ".amparo/cache/"] {
        assert!(ignore.lines().any(|l| l == line), "{ignore}");
    }
    // The English pages are marked as translated from the Spanish ones as they are now:
    // a change in Spanish makes the English page stale from day one.
    let en = std::fs::read_to_string(site.join("content/help/_index.en.md")).unwrap();
    assert!(en.contains("translated_from = \"es:"), "{en}");
    let es = site.join("content/help/_index.es.md");
    let text = std::fs::read_to_string(&es).unwrap();
    std::fs::write(&es, format!("{text}\nUna frase nueva.\n")).unwrap();
    let check = amparo()
        .args(["check", "--format", "json", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let stale: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "translations/stale")
        .collect();
    assert_eq!(stale.len(), 1, "{v}");
    assert_eq!(stale[0]["path"], "content/help/_index.en.md");
    // A file where the folder should be has its own message.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = amparo().arg("init").arg(&file).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("is a file, not a folder"), "{err}");
}
