//! A build that runs out of disk space fails cleanly: exit code 1, an `output/write` problem that
//! says the disk is full, the last good output unchanged byte for byte, and no temporary folder
//! left. The disk is a small tmpfs that holds the last good output but not the new one beside
//! it. Where no tmpfs can be mounted (not root, or in a container without the right), the test
//! says so and runs the same checks with a per-process file size limit instead, which the
//! second test always does.

// A helper that cannot do its work fails the test that called it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AMPARO: &str = env!("CARGO_BIN_EXE_amparo");
const MIB: u64 = 1024 * 1024;

/// A tmpfs mounted on a folder, unmounted when dropped (also when the test fails).
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(dir: &Path, bytes: u64) -> Result<Tmpfs, String> {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr);
            return Err(why
                .lines()
                .next()
                .unwrap_or("mount failed")
                .trim()
                .to_string());
        }
        Ok(Tmpfs {
            dir: dir.to_path_buf(),
        })
    }

    fn resize(&self, bytes: u64) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={bytes}")])
            .arg(&self.dir)
            .status()
            .expect("mount runs");
        assert!(status.success(), "cannot resize the tmpfs");
    }

    /// Bytes in use, as the file system counts them (whole pages per file).
    fn used(&self) -> u64 {
        let out = Command::new("df")
            .args(["-B1", "--output=used"])
            .arg(&self.dir)
            .output()
            .expect("df runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse().ok())
            .expect("df prints the bytes used")
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = Command::new("umount")
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            // Something still holds it open: detach it now, it goes when released.
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).expect("read")))
        .collect()
}

/// Bytes that no compressor can shrink, so the zips grow by as much as the image.
fn incompressible(len: u64) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The minimal site with a page that links a PDF of `len` bytes. The file is copied to `media/`
/// and into each of the three zips, so the output grows by four times its size.
fn add_big_image(site: &Site, len: u64) {
    site.write("content/guide/map.pdf", incompressible(len));
    site.write(
        "content/guide/first.es.md",
        "+++\ntitle = \"Primera\"\n+++\n\n[Un mapa del albergue](map.pdf)\n",
    );
}

fn build(site: &Site, out: &Path, wrapper: Option<&str>) -> Output {
    let mut cmd = match wrapper {
        Some(script) => {
            let mut c = Command::new("bash");
            c.args(["-c", script, AMPARO]);
            c
        }
        None => Command::new(AMPARO),
    };
    cmd.args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(out)
        .output()
        .expect("amparo runs")
}

/// The guarantees of a failed write: exit code 1, an `output/write` problem that says `why`,
/// the last good output unchanged, no temporary folder beside it.
fn assert_kept(failed: &Output, out: &Path, before: &[(String, Vec<u8>)], why: &str) {
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[output/write]"), "{stderr}");
    assert!(stderr.contains(why), "{stderr}");
    assert!(stderr.contains("the last good output was kept"), "{stderr}");
    assert!(snapshot(out) == before, "the last good output changed");
    let parent = out.parent().expect("the output has a parent");
    let left: Vec<String> = std::fs::read_dir(parent)
        .expect("read the output's parent")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert!(left.is_empty(), "temporary folders left: {left:?}");
}

#[test]
fn a_full_disk_keeps_the_last_good_output() {
    let site = Site::fixture("minimal");
    let disk = tempfile::tempdir().expect("temp dir");
    let tmpfs = match Tmpfs::mount(disk.path(), 64 * MIB) {
        Ok(t) => t,
        Err(why) => {
            not_run(&format!(
                "cannot mount a tmpfs here ({why}); checking a write error from a file size limit instead"
            ));
            return file_too_large(&site);
        }
    };
    let out = disk.path().join("public");
    let first = build(&site, &out, None);
    assert!(first.status.success(), "{first:?}");
    let before = snapshot(&out);
    // Room for the last good output and 3 MiB more; the new one needs 4 MiB more on its own.
    let used = tmpfs.used();
    tmpfs.resize(used + 3 * MIB);
    add_big_image(&site, MIB);
    let failed = build(&site, &out, None);
    assert_kept(&failed, &out, &before, "the disk is full");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("MB of free space"), "{stderr}");
    assert_eq!(tmpfs.used(), used, "the new output's space is freed");
    drop(tmpfs);
}

/// No file may grow past 512 KiB (RLIMIT_FSIZE, with SIGXFSZ ignored so that the write fails
/// with an error instead of killing the process). The last good output has no file that large;
/// the new one has a 1 MiB image.
fn file_too_large(site: &Site) {
    let limited = "trap '' XFSZ; ulimit -f 512; exec \"$0\" \"$@\"";
    let out = site.out();
    let first = build(site, &out, Some(limited));
    assert!(first.status.success(), "{first:?}");
    let before = snapshot(&out);
    add_big_image(site, MIB);
    let failed = build(site, &out, Some(limited));
    assert_kept(&failed, &out, &before, "File too large");
}

#[test]
fn a_file_too_large_to_write_keeps_the_last_good_output() {
    file_too_large(&Site::fixture("minimal"));
}
