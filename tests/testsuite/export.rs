//! `amparo export --zim`: the ZIM file passes `zimcheck` and holds every language's pages; without
//! zim-tools the command says what to install and writes nothing.

use crate::common::*;
use assert_cmd::Command;

fn zim_tools() -> bool {
    let present = [
        "/usr/bin/zimwriterfs",
        "/usr/bin/zimcheck",
        "/usr/bin/zimdump",
    ]
    .iter()
    .all(|p| std::path::Path::new(p).exists());
    tool_present(present, "zim-tools", "Debian's zim-tools")
}

fn zimdump(args: &[&str], zim: &std::path::Path) -> String {
    let out = std::process::Command::new("/usr/bin/zimdump")
        .args(args)
        .arg(zim)
        .output()
        .expect("zimdump runs");
    assert!(out.status.success(), "zimdump {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_zim_file_passes_zimcheck_and_holds_every_language() {
    if !zim_tools() {
        return;
    }
    let site = Site::fixture(".");
    let zim = site.root().join("amparo.zim");
    let out = Command::cargo_bin("amparo")
        .unwrap()
        .args(["export", "--zim", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(&zim)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("languages spa,eng,quc,mam"), "{out}");

    let check = std::process::Command::new("/usr/bin/zimcheck")
        .arg(&zim)
        .output()
        .expect("zimcheck runs");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "zimcheck: {report}");
    assert!(report.contains("Overall Test Status: Pass"), "{report}");

    let list = zimdump(&["list"], &zim);
    for page in [
        "index.html",
        "es/index.html",
        "en/rights/no-detention/index.html",
        "quc/rights/no-detention/index.html",
        "mam/print/index.html",
        "es/poster/index.html",
        "assets/icon-48.png",
    ] {
        assert!(list.lines().any(|l| l == page), "{page} is not in the ZIM");
    }
    assert!(!list.contains(".zip"), "a hotspot copy holds no zips");
    let info = zimdump(&["info"], &zim);
    assert!(info.contains("main page: index.html"), "{info}");
    // The share page says how to pass a copy on, not where to download zips.
    let share = zimdump(&["show", "--url", "es/share/index.html"], &zim);
    assert!(share.contains("Estás leyendo una copia"), "{share}");
}

#[test]
fn without_zim_tools_the_export_says_what_to_install() {
    let site = Site::fixture("minimal");
    let zim = site.root().join("x.zim");
    let out = Command::cargo_bin("amparo")
        .unwrap()
        .env("PATH", "/nonexistent")
        .args(["export", "--zim", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(&zim)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("zimwriterfs is not installed"), "{err}");
    assert!(err.contains("apt-get install zim-tools"), "{err}");
    assert!(!zim.exists());
}
