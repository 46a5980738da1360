//! Writing the output folder atomically: a build writes everything to a temporary folder beside
//! the output and swaps it in only when complete, so a failed or killed build never damages the
//! last good site. Leftovers of a killed build are removed by the next one.

use crate::diagnostics::Diagnostic;
use crate::load::ContentAsset;
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    /// HTML pages among the files.
    pub pages: usize,
    pub bytes: u64,
}

/// Writes `files` (and copies content `assets` under `media/`) as the new content of `out`.
pub fn write_site(
    out: &Path,
    files: &[OutputFile],
    assets: &[ContentAsset],
) -> Result<WriteStats, Diagnostic> {
    let fail = |what: String, e: std::io::Error| {
        Diagnostic::error("output/write", out, format!("{what}: {e}"))
            .with_help("check that the disk has free space and that you may write there; the last good output was kept")
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent)
        .map_err(|e| fail(format!("cannot create {}", parent.display()), e))?;
    remove_leftovers(&parent, &name);
    let unique = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let tmp = parent.join(format!(".{name}.tmp-{unique}"));
    let result = fill(&tmp, files, assets).map_err(|(what, e)| fail(what, e));
    let stats = match result {
        Ok(s) => s,
        Err(d) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(d);
        }
    };
    swap_in(&tmp, out, &parent.join(format!(".{name}.old-{unique}"))).map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        fail(
            format!("cannot move the new output into {}", out.display()),
            e,
        )
    })?;
    Ok(stats)
}

fn fill(
    tmp: &Path,
    files: &[OutputFile],
    assets: &[ContentAsset],
) -> Result<WriteStats, (String, std::io::Error)> {
    let mut dirs = BTreeSet::from([tmp.to_path_buf()]);
    for f in files {
        dirs.extend(Path::new(&f.path).parent().map(|d| tmp.join(d)));
    }
    for a in assets {
        dirs.extend(
            Path::new(&a.rel)
                .parent()
                .map(|d| tmp.join("media").join(d)),
        );
    }
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| (format!("cannot create {}", d.display()), e))?;
    }
    files.par_iter().try_for_each(|f| {
        std::fs::write(tmp.join(&f.path), &f.bytes)
            .map_err(|e| (format!("cannot write {}", f.path), e))
    })?;
    assets.par_iter().try_for_each(|a| {
        std::fs::copy(&a.source, tmp.join("media").join(&a.rel))
            .map(|_| ())
            .map_err(|e| (format!("cannot copy {}", a.source.display()), e))
    })?;
    let asset_bytes: u64 = assets
        .iter()
        .filter_map(|a| std::fs::metadata(&a.source).ok())
        .map(|m| m.len())
        .sum();
    Ok(WriteStats {
        files: files.len() + assets.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum::<u64>() + asset_bytes,
    })
}

/// Replaces `out` with `tmp`. The old output is moved aside first and removed last; if the new
/// one cannot be moved in, the old one is put back.
fn swap_in(tmp: &Path, out: &Path, old: &Path) -> std::io::Result<()> {
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, old)?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(e);
    }
    if had_old {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}

/// Removes temporary folders left by a killed build. An `.old` folder is put back as the output
/// if the output itself is missing (a build killed between the two renames).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let out = parent.join(name);
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with(&format!(".{name}.old-")) && !out.exists() {
            let _ = std::fs::rename(entry.path(), &out);
        } else if file.starts_with(&format!(".{name}.tmp-"))
            || file.starts_with(&format!(".{name}.old-"))
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn swap_replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[file("a/index.html", "one"), file("old.html", "x")],
            &[],
        )
        .unwrap();
        write_site(&out, &[file("a/index.html", "two")], &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("old.html").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("public")],
            "no temporary folder is left"
        );
    }

    #[test]
    fn leftovers_of_a_killed_build_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(dir.path().join(".public.tmp-1-2/es")).unwrap();
        write_site(&out, &[file("index.html", "ok")], &[]).unwrap();
        assert!(!dir.path().join(".public.tmp-1-2").exists());
    }

    #[test]
    fn a_killed_swap_restores_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".public.old-9-9")).unwrap();
        std::fs::write(dir.path().join(".public.old-9-9/index.html"), "good").unwrap();
        remove_leftovers(dir.path(), "public");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("public/index.html")).unwrap(),
            "good"
        );
    }
}
