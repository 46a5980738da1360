//! Writing the output folder atomically: a build writes everything to a temporary folder beside
//! the output and swaps it in only when complete, so a failed or killed build never damages the
//! last good site. On Linux the swap is one system call (`renameat2` with `RENAME_EXCHANGE`), so
//! the output folder is at every moment either the last good site or the new one, never missing.
//! Elsewhere it is two renames; a build killed between them leaves the last good site in an
//! `.old` folder, which the next build, failed or not, puts back ([`recover`]). Leftovers of a
//! killed build are removed by the next one. The new output is synced to the disk before the
//! swap, so the swap never exposes files whose bytes are still only in memory. Builds into one
//! folder take turns (a lock on the folder), so that none removes another's temporary folder.

use crate::diagnostics::Diagnostic;
use crate::files::{MEDIA_DIR, OutputFile};
use crate::load::{ContentAsset, MediaFile};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written: every output file and every content asset copied.
    pub files: usize,
    /// HTML pages among the files.
    pub pages: usize,
    /// All of them together, in bytes.
    pub bytes: u64,
}

/// Writes `files` (and copies content `assets` under `media/`) as the new content of `out`.
pub fn write_site(
    out: &Path,
    files: &[OutputFile],
    assets: &[ContentAsset],
) -> Result<WriteStats, Diagnostic> {
    NewOutput::begin(out)?.finish(files, assets)
}

/// The new content of an output folder while it is made: a temporary folder beside it, which
/// large files (the zips) are written into as they are made, so that no build holds them in
/// memory; [`NewOutput::finish`] adds the rest and swaps it in. Dropped unfinished (a build
/// that failed), it is removed and the output stays as it was. Builds into one folder take
/// turns from [`NewOutput::begin`] to the swap.
#[derive(Debug)]
pub struct NewOutput {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    unique: String,
    tmp: PathBuf,
    /// What was written into `tmp` so far.
    written: std::sync::Mutex<WriteStats>,
    /// The folders of `tmp` made so far (relative): each is made once, not asked for again
    /// for every file written into it.
    made: std::sync::Mutex<std::collections::HashSet<String>>,
    _lock: Option<std::fs::File>,
}

impl NewOutput {
    /// Waits for other builds into `out` to finish, and cleans up after a killed one.
    pub fn begin(out: &Path) -> Result<NewOutput, Diagnostic> {
        let (parent, name) = parent_and_name(out);
        let fail = |what: String, e| write_error(out, &parent, 0, what, e);
        std::fs::create_dir_all(&parent)
            .map_err(|e| fail(format!("cannot create {}", parent.display()), e))?;
        let lock = lock_folder(&parent);
        remove_leftovers(&parent, &name);
        let unique = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        );
        // Made by the first file written into it.
        let tmp = parent.join(format!(".{name}.tmp-{unique}"));
        Ok(NewOutput {
            out: out.to_path_buf(),
            parent,
            name,
            unique,
            tmp,
            written: std::sync::Mutex::new(WriteStats::default()),
            made: std::sync::Mutex::default(),
            _lock: lock,
        })
    }

    /// Creates the file `rel` (a path relative to the output root) in the new output, to be
    /// written and then handed to [`NewOutput::close`].
    pub fn create(&self, rel: &str) -> Result<Sink, Diagnostic> {
        let path = self.place(rel)?;
        let file = std::fs::File::create(&path)
            .map_err(|e| self.error(format!("cannot write {rel}"), e))?;
        Ok(Sink {
            file: std::io::BufWriter::new(file),
            rel: rel.to_string(),
            error: None,
        })
    }

    /// Ends a file made with [`NewOutput::create`], whose making gave `made`: its size, once
    /// it is all written, and what its making returned. A failed write is named as one (a
    /// full disk with the space needed so far), before any other failure of the making.
    pub fn close<T>(
        &self,
        mut sink: Sink,
        made: Result<T, String>,
    ) -> Result<(u64, T), Diagnostic> {
        let flushed = sink.file.flush();
        let what = format!("cannot write {}", sink.rel);
        if let Some(e) = sink.error.take() {
            return Err(self.error(what, e));
        }
        let made = made.map_err(|e| {
            Diagnostic::error(
                "output/zip",
                &self.out,
                format!("cannot make {}: {e}", sink.rel),
            )
        })?;
        let bytes = flushed
            .and_then(|()| sink.file.get_ref().metadata())
            .map_err(|e| self.error(what, e))?
            .len();
        self.count(&sink.rel, bytes);
        Ok((bytes, made))
    }

    /// Writes `file` into the new output now, so that its bytes need not be held until the end.
    pub fn write(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.place(&file.path)?;
        std::fs::write(&path, &file.bytes)
            .map_err(|e| self.error(format!("cannot write {}", file.path), e))?;
        self.count(&file.path, file.bytes.len() as u64);
        Ok(())
    }

    /// Where `rel` goes in the new output, its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.tmp.join(rel);
        let folder = rel.rsplit_once('/').map_or("", |(folder, _)| folder);
        let made = |m: &std::collections::HashSet<String>| m.contains(folder);
        if !self.made.lock().is_ok_and(|m| made(&m))
            && let Some(dir) = path.parent()
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| self.error(format!("cannot create {}", dir.display()), e))?;
            if let Ok(mut m) = self.made.lock() {
                m.insert(folder.to_string());
            }
        }
        Ok(path)
    }

    fn count(&self, rel: &str, bytes: u64) {
        if let Ok(mut w) = self.written.lock() {
            w.bytes += bytes;
            w.files += 1;
            w.pages += usize::from(rel.ends_with(".html"));
        }
    }

    /// The diagnostic for a failed write into the new output: `what` could not be done.
    fn error(&self, what: String, e: std::io::Error) -> Diagnostic {
        write_error(&self.out, &self.parent, self.written().bytes, what, e)
    }

    fn written(&self) -> WriteStats {
        self.written.lock().map(|w| *w).unwrap_or_default()
    }

    /// Writes `files` and copies `assets` into the new output, puts it on the disk and swaps
    /// it in.
    pub fn finish(
        self,
        files: &[OutputFile],
        assets: &[ContentAsset],
    ) -> Result<WriteStats, Diagnostic> {
        let before = self.written();
        let needed = before.bytes
            + files.iter().map(|f| f.bytes.len() as u64).sum::<u64>()
            + asset_bytes(assets);
        let fail = |what: String, e| write_error(&self.out, &self.parent, needed, what, e);
        let stats = fill(&self.tmp, files, assets).map_err(|(what, e)| fail(what, e))?;
        sync_tree(&self.tmp)
            .map_err(|e| fail("cannot make the new output safe on the disk".to_string(), e))?;
        let old = self
            .parent
            .join(format!(".{}.old-{}", self.name, self.unique));
        swap_in(&self.tmp, &self.out, &old).map_err(|e| {
            fail(
                format!("cannot move the new output into {}", self.out.display()),
                e,
            )
        })?;
        Ok(WriteStats {
            files: stats.files + before.files,
            pages: stats.pages + before.pages,
            bytes: needed,
        })
    }
}

impl Drop for NewOutput {
    /// Removes what an unfinished build wrote; after the swap, `tmp` is gone already.
    fn drop(&mut self) {
        if self.tmp.exists() {
            remove_tree(&self.tmp);
        }
    }
}

/// A file of the new output being written (buffered), which notes the first write error so
/// that it is named as such even when what writes it reports it otherwise.
pub struct Sink {
    file: std::io::BufWriter<std::fs::File>,
    rel: String,
    error: Option<std::io::Error>,
}

impl Sink {
    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && self.error.is_none()
        {
            self.error = Some(match e.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code),
                None => std::io::Error::new(e.kind(), e.to_string()),
            });
        }
        r
    }
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.file.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.file.flush();
        self.note(r)
    }
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
    let media: Vec<&MediaFile> = assets.iter().flat_map(|a| &a.published).collect();
    for m in &media {
        dirs.extend(
            Path::new(&m.rel)
                .parent()
                .map(|d| tmp.join(MEDIA_DIR).join(d)),
        );
    }
    // One folder per page: created in parallel too (`create_dir_all` takes a folder another
    // thread made first as made).
    dirs.par_iter().try_for_each(|d| {
        std::fs::create_dir_all(d).map_err(|e| (format!("cannot create {}", d.display()), e))
    })?;
    files.par_iter().try_for_each(|f| {
        std::fs::write(tmp.join(&f.path), &f.bytes)
            .map_err(|e| (format!("cannot write {}", f.path), e))
    })?;
    media.par_iter().try_for_each(|m| {
        std::fs::copy(&m.from, tmp.join(MEDIA_DIR).join(&m.rel))
            .map(|_| ())
            .map_err(|e| (format!("cannot copy {}", m.from.display()), e))
    })?;
    Ok(WriteStats {
        files: files.len() + media.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        bytes: 0,
    })
}

/// The bytes of the content assets, which are copied rather than held in memory.
fn asset_bytes(assets: &[ContentAsset]) -> u64 {
    assets
        .iter()
        .flat_map(|a| &a.published)
        .map(|m| m.bytes)
        .sum()
}

/// The folder that holds `out`, and `out`'s own name.
fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// The diagnostic for a failed write. A full disk is said in so many words, with the space the
/// new output needs, because "os error 28" tells an editor nothing.
fn write_error(
    out: &Path,
    parent: &Path,
    needed: u64,
    what: String,
    e: std::io::Error,
) -> Diagnostic {
    let kept = "the last good output was kept";
    if e.kind() == std::io::ErrorKind::StorageFull {
        let mb = needed.div_ceil(1024 * 1024);
        return Diagnostic::error(
            "output/write",
            out,
            format!("the disk is full: {what}: {e}"),
        )
        .with_help(format!(
            "the new output needs {mb} MB of free space on the disk that holds {}, beside the last good output until it replaces it; make room and build again; {kept}",
            parent.display()
        ));
    }
    let help = if e.kind() == std::io::ErrorKind::InvalidFilename {
        format!(
            "a name under content/ is too long, or its folders are nested too deep, for this system (at most 255 bytes a name and 4096 a whole path, counted from the output folder): shorten them; {kept}"
        )
    } else if cfg!(unix) && e.raw_os_error() == Some(5) {
        // EIO: the device itself failed, or a USB stick was pulled out.
        format!(
            "the disk or USB stick failed to save the files: check that it is still plugged in, or try another one; {kept}"
        )
    } else {
        format!("check that the disk has free space and that you may write there; {kept}")
    };
    Diagnostic::error("output/write", out, format!("{what}: {e}")).with_help(help)
}

/// Puts the new output on the disk before it replaces the old one, so that a power cut, or a USB
/// stick pulled out once the build says it is done, loses nothing. On Linux this is one
/// `syncfs` for the whole file system rather than an fsync per file; elsewhere nothing.
#[cfg(target_os = "linux")]
fn sync_tree(dir: &Path) -> std::io::Result<()> {
    let folder = std::fs::File::open(dir)?;
    rustix::fs::syncfs(&folder).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn sync_tree(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Makes the swap itself durable: the folder that holds the output records the new entry.
/// Failing here changes nothing for the reader of the output, so it is not an error.
fn sync_folder(parent: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(parent) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = parent;
}

/// Replaces `out` with `tmp`: in one step where the system can swap two folders, else the old
/// output is moved aside first and removed last, and put back if the new one cannot be moved in.
fn swap_in(tmp: &Path, out: &Path, old: &Path) -> std::io::Result<()> {
    let had_old = out.exists();
    if had_old && exchange(tmp, out).is_ok() {
        sync_folder(out.parent().unwrap_or(Path::new(".")));
        // `tmp` now holds the old output. A build killed while removing it leaves a `.tmp`
        // folder, which the next build removes.
        remove_tree(tmp);
        return Ok(());
    }
    if had_old {
        std::fs::rename(out, old)?;
    }
    if let Err(e) = std::fs::rename(tmp, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        return Err(e);
    }
    sync_folder(out.parent().unwrap_or(Path::new(".")));
    if had_old {
        remove_tree(old);
    }
    Ok(())
}

/// Removes the folder `dir` and all it holds, its subfolders in parallel: the old output is as
/// many files as the new one, and removing them one by one took most of the writing stage.
/// What cannot be removed is left (a later build removes leftovers).
fn remove_tree(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|e| match e.file_type() {
        Ok(t) if t.is_dir() => remove_tree(&e.path()),
        _ => {
            let _ = std::fs::remove_file(e.path());
        }
    });
    let _ = std::fs::remove_dir(dir);
}

/// Swaps two folders atomically (Linux 3.15 and later, on file systems that support it).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Puts back the last good output if a killed build left it aside, and removes the temporary
/// folders of killed builds. Every build runs this first, so that a build that then fails still
/// leaves the last good output where it belongs.
pub fn recover(out: &Path) {
    let (parent, name) = parent_and_name(out);
    let _writing = lock_folder(&parent);
    remove_leftovers(&parent, &name);
}

/// Waits until no other build is writing into `parent`, and keeps others out until the returned
/// lock is dropped: otherwise one build takes another's temporary folder for a leftover and
/// removes it. The lock is the folder's own (`flock`), so it leaves no file behind and ends
/// with the process however it ends. Where folders cannot be locked, builds are not kept apart.
fn lock_folder(parent: &Path) -> Option<std::fs::File> {
    #[cfg(unix)]
    {
        let folder = std::fs::File::open(parent).ok()?;
        folder.lock().ok()?;
        Some(folder)
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        None
    }
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
            remove_tree(&entry.path());
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
    fn files_written_as_made_join_the_output_and_an_unfinished_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("index.html", "old")], &[]).unwrap();
        let new = NewOutput::begin(&out).unwrap();
        let mut sink = new.create("amparo-es.zip").unwrap();
        sink.write_all(b"zip bytes").unwrap();
        assert_eq!(new.close(sink, Ok(())).unwrap(), (9, ()));
        let stats = new.finish(&[file("index.html", "new")], &[]).unwrap();
        assert_eq!((stats.files, stats.pages, stats.bytes), (2, 1, 12));
        assert_eq!(
            std::fs::read(out.join("amparo-es.zip")).unwrap(),
            b"zip bytes"
        );

        let new = NewOutput::begin(&out).unwrap();
        let sink = new.create("amparo-en.zip").unwrap();
        let failed = new.close(sink, Err::<(), _>("no room".into())).unwrap_err();
        assert_eq!(failed.code, "output/zip");
        drop(new);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new");
        assert!(!out.join("amparo-en.zip").exists());
    }

    /// What writes a file may report its failure as its own error: the write error is named.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_write_error_in_a_file_made_as_it_goes_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let new = NewOutput::begin(&dir.path().join("public")).unwrap();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut sink = Sink {
            file: std::io::BufWriter::new(full),
            rel: "amparo-all.zip".into(),
            error: None,
        };
        assert!(sink.write_all(&[0; 20_000]).is_err());
        let d = new
            .close(sink, Err::<(), _>("the zip failed".into()))
            .unwrap_err();
        assert_eq!(d.code, "output/write");
        assert!(
            d.message
                .starts_with("the disk is full: cannot write amparo-all.zip"),
            "{}",
            d.message
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
    fn a_full_disk_is_named_with_the_space_needed() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(full.kind(), std::io::ErrorKind::StorageFull);
        let d = write_error(
            Path::new("site/public"),
            Path::new("site"),
            3 * 1024 * 1024 + 1,
            "cannot write es/index.html".into(),
            full,
        );
        assert!(
            d.message
                .starts_with("the disk is full: cannot write es/index.html")
        );
        let help = d.help.unwrap();
        assert!(
            help.contains("needs 4 MB of free space on the disk that holds site"),
            "{help}"
        );
        assert!(help.contains("the last good output was kept"), "{help}");
    }

    #[test]
    fn the_swap_leaves_no_old_folder_and_keeps_nothing_of_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let (out, tmp, old) = (
            dir.path().join("public"),
            dir.path().join(".public.tmp-1"),
            dir.path().join(".public.old-1"),
        );
        // The old output is a tree: folders in folders, files at each level.
        std::fs::create_dir_all(out.join("gone/deeper/still")).unwrap();
        for f in [
            "old.html",
            "gone/a.html",
            "gone/deeper/b.html",
            "gone/deeper/still/c",
        ] {
            std::fs::write(out.join(f), "old").unwrap();
        }
        std::fs::create_dir_all(&tmp).unwrap();
        std::fs::write(tmp.join("index.html"), "new").unwrap();
        swap_in(&tmp, &out, &old).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("gone").exists() && !out.join("old.html").exists());
        assert!(!tmp.exists() && !old.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the output"
        );
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
