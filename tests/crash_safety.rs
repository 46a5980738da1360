//! `amparo build` killed with SIGKILL never damages the last good output. A generated site large
//! enough that a build takes a second or two is built once; its content is edited; builds of
//! the new content are then killed at points spread over their whole run, writing included.
//! After every kill `public/` must be byte for byte the last good output (or, when the kill came
//! after the swap, byte for byte the complete new one): never missing, never a mixture. The next
//! build then completes and leaves no temporary folder. A second test kills the build at exact
//! system calls (with strace): at the swap itself, and while the old output is being removed.

// A test, a benchmark or a measuring tool stops with a message when its setup fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Pages per language: enough that a debug build takes a second or more on two cores, so the
/// kills land in every stage (load, render, zips, writing, swap).
const PAGES: usize = 30;
/// Kill points: half spread over the whole build, half over its writing.
const KILLS: usize = 12;

const AMPARO: &str = env!("CARGO_BIN_EXE_amparo");

/// Every file under `dir` with a SHA-256 of its bytes; `None` when `dir` does not exist.
type Tree = Option<BTreeMap<String, [u8; 32]>>;

fn digest(dir: &Path) -> Tree {
    if !dir.is_dir() {
        return None;
    }
    let mut out = BTreeMap::new();
    for f in files(dir) {
        let bytes = std::fs::read(dir.join(&f)).expect("read an output file");
        out.insert(f, Sha256::digest(&bytes).into());
    }
    Some(out)
}

/// What differs between two trees, in a few words, for a failure message.
fn difference(a: &Tree, b: &Tree) -> String {
    let (Some(a), Some(b)) = (a, b) else {
        return format!(
            "one is missing (left: {}, right: {})",
            a.is_some(),
            b.is_some()
        );
    };
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).take(5).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).take(5).collect();
    let changed: Vec<_> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .take(5)
        .collect();
    format!("only left: {only_a:?}; only right: {only_b:?}; changed: {changed:?}")
}

/// Adds `PAGES` pages per language (Spanish and English) to the minimal fixture, each about 400
/// words with headings, a list, a table and links, all saying `version`.
fn generate(site: &Site, version: &str) {
    let sections = PAGES.div_ceil(20);
    for s in 0..sections {
        for (lang, title) in [("es", "Sección"), ("en", "Section")] {
            site.write(
                &format!("content/s{s:02}/_index.{lang}.md"),
                format!("+++\ntitle = \"{title} {s}\"\nweight = {s}\n+++\n\n{version}\n"),
            );
        }
        for p in 0..20.min(PAGES - s * 20) {
            for lang in ["es", "en"] {
                site.write(
                    &format!("content/s{s:02}/p{p:02}.{lang}.md"),
                    page(s * 20 + p, version),
                );
            }
        }
    }
}

fn page(n: usize, version: &str) -> String {
    const WORDS: [&str; 16] = [
        "tienes", "derecho", "a", "estar", "seguro", "con", "tu", "familia", "un", "abogado",
        "puede", "ayudar", "pide", "ayuda", "cuando", "quieras",
    ];
    let mut s = format!("+++\ntitle = \"Página {n}\"\nweight = {n}\n+++\n\n{version}\n\n");
    for h in 0..4 {
        let words: Vec<&str> = (0..100).map(|i| WORDS[(n * 7 + h + i * 3) % 16]).collect();
        let _ = writeln!(s, "## Pregunta {h}\n\n{}.\n", words.join(" "));
    }
    let next = (n + 1) % PAGES;
    let _ = writeln!(
        s,
        "- [la siguiente](../s{:02}/p{:02}.md)\n- [el inicio](../_index.md)\n\n| Día | Hora |\n|---|---|\n| Lunes | 9 |\n",
        next / 20,
        next % 20
    );
    s
}

fn build_into(root: &Path, out: &Path) -> std::process::Output {
    Command::new(AMPARO)
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("amparo runs")
}

/// Names of the temporary folders beside `public/`.
fn leftovers(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .expect("read the site folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

/// Whether a temporary folder of the build with process id `pid` is beside `public/`.
fn writing(root: &Path, pid: u32) -> bool {
    writing_into(root, "public", pid)
}

/// Whether a temporary folder of the build with process id `pid` is beside the output `name`
/// in the site's folder.
fn writing_into(root: &Path, name: &str, pid: u32) -> bool {
    let prefix = format!(".{name}.tmp-{pid}-");
    std::fs::read_dir(root)
        .expect("read the site folder")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
}

fn spawn_build(root: &Path) -> std::process::Child {
    Command::new(AMPARO)
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("amparo runs")
}

/// Times a build into `root/<out>`: how long it takes, and when it starts writing (its
/// temporary folder appears).
fn time_build(root: &Path, out: &str) -> (Duration, Duration) {
    let started = Instant::now();
    let mut child = Command::new(AMPARO)
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(root.join(out))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("amparo runs");
    let mut write_start = None;
    loop {
        if let Some(status) = child.try_wait().expect("wait for amparo") {
            assert!(status.success(), "a timed build failed");
            break;
        }
        if write_start.is_none() && writing_into(root, out, child.id()) {
            write_start = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let total = started.elapsed();
    (total, write_start.unwrap_or(total))
}

/// Where a build is killed: after a delay from its start, or after a delay from the moment it
/// starts writing.
#[derive(Debug, Clone, Copy)]
enum KillPoint {
    FromStart(Duration),
    FromWriting(Duration),
}

/// The `i`-th of [`KILLS`] kill points, for a build that takes `total` and starts writing at
/// `write_start`: the first half spread over the whole run, the second half over the writing
/// at its end.
fn kill_point(i: usize, total: Duration, write_start: Duration) -> KillPoint {
    let half = KILLS / 2;
    let at = |i: usize, span: Duration| span.mul_f64((i as f64 + 0.5) / half as f64);
    if i < half {
        return KillPoint::FromStart(at(i, total));
    }
    // Within the first nine tenths of the writing, so that timing noise rarely pushes a kill
    // past the end of the build.
    let writing = total.saturating_sub(write_start);
    KillPoint::FromWriting(at(i - half, writing.mul_f64(0.9)))
}

/// Where a killed build was when the kill came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    BeforeWriting,
    /// Its temporary folder existed: writing, swapping, or removing the old output.
    Writing,
    /// It had finished already.
    Done,
}

/// Runs a build and kills it with SIGKILL at `point`.
fn kill_build(root: &Path, point: KillPoint) -> Stage {
    let started = Instant::now();
    let mut child = spawn_build(root);
    let delay = match point {
        KillPoint::FromStart(d) => d,
        KillPoint::FromWriting(d) => {
            while !writing(root, child.id()) && started.elapsed() < Duration::from_secs(60) {
                if child.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            d
        }
    };
    std::thread::sleep(delay);
    let done = child.try_wait().ok().flatten().is_some();
    let _ = child.kill();
    let _ = child.wait();
    match (done, writing(root, child.id())) {
        (true, _) => Stage::Done,
        (false, true) => Stage::Writing,
        (false, false) => Stage::BeforeWriting,
    }
}

#[test]
fn a_build_killed_at_any_point_leaves_the_last_good_output() {
    let site = Site::fixture("minimal");
    let root = site.root();
    generate(&site, "Primera versión.");
    let (total, write_start) = time_build(root, "public");
    let good = digest(&site.out());
    assert!(good.as_ref().is_some_and(|g| g.len() > PAGES * 2));

    let mut last_good = good.clone();
    let mut swapped = 0;
    let mut stages = Vec::new();
    let reference = root.join("reference");
    for i in 0..KILLS {
        // A new version before every kill, with its own reference output: whatever the kill
        // leaves must be the last good output or this version whole, never a mix, and a writer
        // that overwrote files in place could not hide behind bytes that did not change. The
        // reference build is timed too, and the kill point taken from it: the kill lands in
        // this build's phases as the machine runs now, not as it ran at the first build.
        generate(&site, &format!("Versión {i}, distinta de todas."));
        let (this_total, this_write) = time_build(root, "reference");
        let point = kill_point(i, this_total, this_write);
        let this = digest(&reference);
        std::fs::remove_dir_all(&reference).unwrap();
        assert!(this != last_good);
        stages.push(kill_build(root, point));
        let now = digest(&site.out());
        if now == this {
            // The kill came after the swap: the new version is whole.
            swapped += 1;
            last_good = this;
            continue;
        }
        assert!(
            now == last_good,
            "killed at {point:?}: public/ is neither the last good output nor version {i} whole: {}",
            difference(&last_good, &now)
        );
    }
    let count = |stage| stages.iter().filter(|s| **s == stage).count();
    let while_writing = count(Stage::Writing);
    eprintln!(
        "{KILLS} kill points over a {total:?} build (writing from {write_start:?}): {} before \
         writing, {while_writing} while writing, {} after the build had finished; public/ \
         replaced by that kill's version after {swapped} of them",
        count(Stage::BeforeWriting),
        count(Stage::Done),
    );
    assert!(
        while_writing >= KILLS / 3,
        "only {while_writing} kills landed while writing: {stages:?}"
    );

    let last = Command::new(AMPARO)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("amparo runs");
    assert!(last.status.success(), "{last:?}");
    assert_eq!(leftovers(root), Vec::<String>::new(), "no temporary folder");
    let new = digest(&site.out());
    assert_ne!(new, good, "public/ holds the new output");
    let latest = format!("Versión {}, distinta", KILLS - 1);
    for f in ["es/s00/p00/index.html", "en/s01/p05/index.html"] {
        let page = site.read(f);
        assert!(page.contains(&latest) && !page.contains("Primera"), "{f}");
    }
}

/// Whether `strace` can trace here. Missing, it fails the test in CI (`scripts/test.sh`
/// installs it) and is reported as not run elsewhere; installed but refused the right to trace
/// (a container without ptrace), the test is reported as not run everywhere: that is the
/// machine's rule, not a missing tool.
fn strace_works() -> bool {
    let installed = Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "strace must be installed in CI (scripts/test.sh installs it)"
        );
        eprintln!("NOT RUN: strace is missing; `bash scripts/test.sh` installs it");
        return false;
    }
    let traced = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .stderr(Stdio::piped())
        .output();
    match traced {
        Ok(out) if out.status.success() => true,
        Ok(out) => {
            let why = String::from_utf8_lossy(&out.stderr);
            not_run(&format!("strace may not trace here: {}", why.trim()));
            false
        }
        Err(e) => {
            not_run(&format!("strace does not start: {e}"));
            false
        }
    }
}

/// `amparo build` of the site at `root` under strace, with strace's own arguments `traced`
/// (following threads, quiet, its log in `log`).
fn traced_build(root: &Path, log: &Path, traced: &[&str]) -> Command {
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-o"])
        .arg(log)
        .args(traced)
        .arg(AMPARO)
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null());
    command
}

/// Runs `amparo build` and kills it on the `nth` call of any of `calls` (a strace regular
/// expression, so that it names the calls of every architecture), before the call runs.
fn build_killed_at(root: &Path, calls: &str, nth: usize) -> std::process::ExitStatus {
    let trace = format!("trace={calls}");
    let inject = format!("inject={calls}:signal=KILL:when={nth}");
    traced_build(root, Path::new("/dev/null"), &["-e", &trace, "-e", &inject])
        .stderr(Stdio::null())
        .status()
        .expect("strace runs")
}

/// The minimal fixture built, then one page edited: the site and its last good output.
fn built_then_edited() -> (Site, Tree) {
    let site = Site::fixture("minimal");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let good = digest(&site.out());
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\nNueva.\n",
    );
    (site, good)
}

/// The one temporary folder beside `public/`.
fn only_leftover(root: &Path) -> std::path::PathBuf {
    let names = leftovers(root);
    assert_eq!(names.len(), 1, "{names:?}");
    root.join(&names[0])
}

#[test]
fn a_build_killed_at_the_swap_or_after_it_leaves_a_whole_output() {
    if !strace_works() {
        return;
    }
    let (site, good) = built_then_edited();
    let root = site.root();
    let reference = root.join("reference");
    assert!(build_into(root, &reference).status.success());
    let new = digest(&reference);
    std::fs::remove_dir_all(&reference).unwrap();
    let renames = "/^rename";

    // Killed at the swap: everything is written, nothing is swapped.
    assert!(!build_killed_at(root, renames, 1).success());
    assert!(
        digest(&site.out()) == good,
        "public/ is the last good output"
    );
    let tmp = only_leftover(root);
    assert!(
        digest(&tmp) == new,
        "the new output was complete when killed"
    );
    std::fs::remove_dir_all(&tmp).unwrap();

    // Killed at the first file removed after the swap: the new output is in place whole, and
    // the old one waits, whole, in a temporary folder.
    assert!(!build_killed_at(root, "/^(unlink|rmdir)", 1).success());
    assert!(digest(&site.out()) == new, "public/ is the new output");
    assert!(digest(&only_leftover(root)) == good, "the old output aside");

    // The next build removes it.
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(leftovers(root), Vec::<String>::new());
    assert!(digest(&site.out()) == new);
}

/// strace's lines with each call whole: a call another thread interrupted is logged in two
/// parts (`12 rename("a", "b" <unfinished ...>`, then `12 <... rename resumed>) = 0`), put
/// back together here so that a filter on its arguments sees its result too.
fn whole_calls(log: &str) -> Vec<String> {
    let mut pending: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut calls = Vec::new();
    for line in log.lines() {
        // strace pads the pid with spaces to a column: `692   <... rename resumed>) = 0`.
        let (pid, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim_start();
        if let Some(start) = rest.strip_suffix(" <unfinished ...>") {
            pending.insert(pid, start);
        } else if let Some((_, end)) = rest
            .strip_prefix("<... ")
            .and_then(|r| r.split_once(" resumed>"))
        {
            let start = pending.remove(pid).unwrap_or("");
            calls.push(format!("{pid} {start}{end}"));
        } else {
            calls.push(line.to_string());
        }
    }
    calls
}

#[test]
fn strace_lines_of_an_interrupted_call_are_put_back_together() {
    let log = "7 rename(\"/s/.amparo/cache/a\", \"/s/.amparo/cache/b\" <unfinished ...>\n\
               8 renameat2(AT_FDCWD, \"/s/.tmp\", AT_FDCWD, \"/s/public\", RENAME_EXCHANGE) = 0\n\
               7   <... rename resumed>)             = 0\n";
    assert_eq!(
        whole_calls(log),
        [
            "8 renameat2(AT_FDCWD, \"/s/.tmp\", AT_FDCWD, \"/s/public\", RENAME_EXCHANGE) = 0",
            "7 rename(\"/s/.amparo/cache/a\", \"/s/.amparo/cache/b\")             = 0",
        ]
    );
}

/// The new output reaches the disk (one `syncfs`) before it is swapped in, and the swap is
/// made durable after: a power cut or a pulled USB stick never leaves pages that were only in
/// memory. A disk that fails to take the bytes is an error that keeps the last good output.
#[test]
fn the_new_output_is_on_the_disk_before_the_swap_and_a_failed_sync_keeps_the_old() {
    if !strace_works() {
        return;
    }
    let (site, good) = built_then_edited();
    let root = site.root();
    let log = root.join("calls.log");
    let traced = traced_build(root, &log, &["-e", "trace=syncfs,fsync,/^rename"])
        .status()
        .expect("strace runs");
    assert!(traced.success());
    let text = whole_calls(&std::fs::read_to_string(&log).unwrap());
    // The zips' cache under .amparo/ is replaced by a rename of its own, outside the output.
    let text: String = text
        .iter()
        .filter(|l| !l.contains("/.amparo/cache/"))
        .map(|l| format!("{l}\n"))
        .collect();
    // The swap is one system call that exchanges the two folders: at no moment is there no
    // public/ (two plain renames would leave a gap between them).
    let swaps: Vec<&str> = text.lines().filter(|l| l.contains("rename")).collect();
    assert!(
        swaps
            .first()
            .is_some_and(|l| l.contains("renameat2") && l.contains("RENAME_EXCHANGE")),
        "the swap is renameat2(RENAME_EXCHANGE): {swaps:?}"
    );
    assert_eq!(swaps.len(), 1, "one rename in all: {swaps:?}");
    let calls: Vec<String> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .map(|c| c.split('(').next().unwrap_or("").to_string())
        .collect();
    let at = |name: &str| calls.iter().position(|c| c.starts_with(name));
    let (sync, swap) = (at("syncfs"), at("rename"));
    assert!(
        sync.is_some() && swap.is_some() && sync < swap,
        "syncfs, then the swap: {calls:?}"
    );
    assert!(
        calls[swap.unwrap()..].iter().any(|c| c == "fsync"),
        "the folder holding the output is synced after the swap: {calls:?}"
    );
    let new = digest(&site.out());

    // The disk refuses the bytes: the build fails, says so, and changes nothing.
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\nOtra vez.\n",
    );
    let failed = traced_build(
        root,
        Path::new("/dev/null"),
        &["-e", "inject=syncfs:error=EIO"],
    )
    .output()
    .expect("strace runs");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[output/write]")
            && stderr.contains("cannot make the new output safe on the disk"),
        "{stderr}"
    );
    assert!(
        digest(&site.out()) == new,
        "public/ is the last good output"
    );
    assert!(new != good);
    assert_eq!(leftovers(root), Vec::<String>::new());
}

/// Two builds into one output at once (two editors, or a build started twice) both succeed and
/// leave one whole output: each waits for the other's writing, so neither removes the other's
/// temporary folder as a leftover.
#[test]
fn two_builds_at_once_into_one_output_both_succeed() {
    let site = Site::fixture("minimal");
    let root = site.root();
    generate(&site, "Primera versión.");
    let reference = root.join("reference");
    assert!(build_into(root, &reference).status.success());
    let whole = digest(&reference);
    std::fs::remove_dir_all(&reference).unwrap();
    for round in 0..4 {
        let builds: Vec<_> = (0..2)
            .map(|_| {
                Command::new(AMPARO)
                    .args(["build", "--root"])
                    .arg(root)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("amparo runs")
            })
            .collect();
        for b in builds {
            let out = b.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(
            digest(&site.out()) == whole,
            "round {round}: a whole output"
        );
        assert_eq!(leftovers(root), Vec::<String>::new(), "round {round}");
    }
}

/// Where the system cannot swap two folders in one step, a build killed between its two renames
/// leaves the last good output in `.public.old-*` and no `public/`. The next build puts it back
/// before anything else, so even a build that then fails keeps its promise.
#[test]
fn a_failed_build_after_a_killed_swap_puts_the_last_good_output_back() {
    let site = Site::fixture("minimal");
    let root = site.root();
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let good = digest(&site.out());
    std::fs::rename(site.out(), root.join(".public.old-1-2")).unwrap();
    std::fs::create_dir_all(root.join(".public.tmp-1-2/es")).unwrap();
    site.write("content/guide/first.es.md", "+++\ntitle = \n+++\n");
    let failed = build_into(root, &site.out());
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("The last good output"), "{stderr}");
    assert!(digest(&site.out()) == good, "the last good output is back");
    assert_eq!(leftovers(root), Vec::<String>::new());
}
