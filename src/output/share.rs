//! Share: zip files of the site — one per language and one with all — that unzip to a copy
//! working from `file://`. Pure but for its cache: it packs files it is given, the same bytes
//! every time.
//!
//! Deflating is most of a zip's cost, and most files go into two zips (a language's and the
//! one with all), so each distinct file is deflated once ([`Deflated`], in parallel) and its
//! compressed bytes are copied into every zip that holds it. The compressed entries are kept
//! for the next build ([`Kept`], in [`SHARDS`] zips under `.amparo/cache/zips/`, named by a
//! hash of the bytes, written side by side), so a rebuild deflates only the files that
//! changed; cold or warm, the zips are the same bytes.

use super::batch::{self, Batch};
use super::zipfile::{Entry, Method, ZipOut};
use crate::files::OutputFile;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

/// Files deflated together per batch, each batch a zip of its own.
pub const BATCH: usize = 64;

/// The folder, under the site's, where the last build's compressed entries are kept.
pub const CACHE: &str = ".amparo/cache/zips";

/// How many zips the kept entries are split into, by the first digit of their name: a
/// build writes them side by side at its end, when one core would otherwise be idle.
pub const SHARDS: usize = 2;

/// The compressed entries the last build kept: zips whose entries are named by a hash of
/// their bytes ([`key`]), in [`SHARDS`] files. Read in place, never whole into memory.
#[derive(Default)]
pub struct Kept {
    archives: Vec<Option<zip::ZipArchive<At>>>,
}

impl Kept {
    /// The entries kept in the folder `dir`: none of a shard that is missing or unreadable
    /// (they only save time).
    pub fn open(dir: &Path) -> Kept {
        let open = |n| {
            File::open(shard_path(dir, n))
                .ok()
                .and_then(|f| zip::ZipArchive::new(At::new(f)).ok())
        };
        Kept {
            archives: (0..SHARDS).map(open).collect(),
        }
    }

    /// Where the entry named `key` is, if it was kept.
    fn find(&self, key: &str) -> Option<Source> {
        let shard = shard_of(key);
        let archive = self.archives.get(shard)?.as_ref()?;
        // By the raw name: a name missing from a zip is otherwise looked for in every
        // entry, one by one, which made a rebuild after a big change quadratic.
        let i = archive.index_for_name_raw(key.as_bytes())?;
        Some(Source::Kept(shard, i))
    }

    /// How many entries shard `shard` holds.
    fn len(&self, shard: usize) -> usize {
        self.archives
            .get(shard)
            .and_then(Option::as_ref)
            .map_or(0, |a| a.len())
    }
}

/// The file of shard `n` in the folder `dir`.
fn shard_path(dir: &Path, n: usize) -> std::path::PathBuf {
    dir.join(format!("{n}.zip"))
}

/// The shard an entry named `key` (hex digits) is kept in.
fn shard_of(key: &str) -> usize {
    let digit = key
        .as_bytes()
        .first()
        .and_then(|b| (*b as char).to_digit(16))
        .unwrap_or(0);
    digit as usize * SHARDS / 16
}

/// A reader of a shared file at its own position, so that threads read one open file at
/// once (the file a build opened, even if another build replaces it meanwhile). It reads ahead
/// [`AHEAD`] bytes at a time: entries are read in small pieces (headers, then the data).
#[derive(Clone)]
struct At {
    file: Arc<File>,
    pos: u64,
    /// Bytes read ahead, from `ahead_at`.
    ahead: Vec<u8>,
    ahead_at: u64,
}

const AHEAD: usize = 8 * 1024;

impl At {
    fn new(file: File) -> At {
        At {
            file: Arc::new(file),
            pos: 0,
            ahead: Vec::new(),
            ahead_at: 0,
        }
    }

    fn read_at(&self, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
        #[cfg(unix)]
        return std::os::unix::fs::FileExt::read_at(&*self.file, buf, at);
        #[cfg(windows)]
        return std::os::windows::fs::FileExt::seek_read(&*self.file, buf, at);
    }
}

impl Read for At {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let in_ahead =
            |at: &At| at.pos >= at.ahead_at && at.pos < at.ahead_at + at.ahead.len() as u64;
        if !in_ahead(self) {
            if buf.len() >= AHEAD {
                let n = self.read_at(buf, self.pos)?;
                self.pos += n as u64;
                return Ok(n);
            }
            let mut ahead = std::mem::take(&mut self.ahead);
            ahead.resize(AHEAD, 0);
            let n = self.read_at(&mut ahead, self.pos)?;
            ahead.truncate(n);
            self.ahead = ahead;
            self.ahead_at = self.pos;
            if n == 0 {
                return Ok(0);
            }
        }
        let from = (self.pos - self.ahead_at) as usize;
        let n = buf.len().min(self.ahead.len() - from);
        buf[..n].copy_from_slice(&self.ahead[from..from + n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for At {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.file.metadata()?.len().checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| std::io::Error::other("seek before the start"))?;
        Ok(self.pos)
    }
}

/// Where a file's compressed bytes are.
#[derive(Clone, Copy)]
enum Source {
    /// Deflated by this build: its batch, and its place in the batch.
    Batch(usize, usize),
    /// Kept by the last build: its shard, and its place in that shard.
    Kept(usize, usize),
}

/// Files deflated once, to be packed into any number of zips without deflating them again.
pub struct Deflated<'k> {
    /// Up to [`BATCH`] entries each.
    batches: Vec<Batch>,
    kept: &'k Kept,
    /// Each path's key (a hash of its bytes, see [`key`]) and where its entry is.
    index: HashMap<String, (String, Source)>,
}

impl<'k> Deflated<'k> {
    /// Deflates `files`, in parallel, each distinct content once, and none that `kept` has.
    pub fn new(files: &[&OutputFile], kept: &'k Kept) -> Result<Self, String> {
        let keys: Vec<String> = files.par_iter().map(|f| key(&f.bytes)).collect();
        let mut fresh: Vec<(&str, &[u8])> = Vec::new();
        let mut sources: HashMap<&str, Source> = HashMap::new();
        let mut index = HashMap::with_capacity(files.len());
        for (f, k) in files.iter().zip(&keys) {
            let source = *sources.entry(k).or_insert_with(|| {
                kept.find(k).unwrap_or_else(|| {
                    fresh.push((k, &f.bytes));
                    let n = fresh.len() - 1;
                    Source::Batch(n / BATCH, n % BATCH)
                })
            });
            index.insert(f.path.clone(), (k.clone(), source));
        }
        let batches = fresh
            .par_chunks(BATCH)
            .map(batch::deflate)
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Deflated {
            batches,
            kept,
            index,
        })
    }

    /// One set of the files of every set in `parts`, deflated as they are (a path in two
    /// parts is taken from the last).
    pub fn merge(parts: Vec<Deflated<'k>>, kept: &'k Kept) -> Self {
        let mut batches = Vec::new();
        let mut index = HashMap::with_capacity(parts.iter().map(|p| p.index.len()).sum());
        for part in parts {
            let offset = batches.len();
            index.extend(part.index.into_iter().map(|(path, (key, source))| {
                let source = match source {
                    Source::Batch(b, i) => Source::Batch(b + offset, i),
                    kept => kept,
                };
                (path, (key, source))
            }));
            batches.extend(part.batches);
        }
        Deflated {
            batches,
            kept,
            index,
        }
    }

    /// The entries of the last build this one takes its compressed bytes from.
    pub fn kept(&self) -> &'k Kept {
        self.kept
    }

    /// Every path deflated.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }
}

/// Readers of the kept entries, each shard opened once it is read from, and a buffer for
/// the bytes of the entry read last.
#[derive(Default)]
struct Readers {
    kept: Vec<Option<zip::ZipArchive<At>>>,
    buf: Vec<u8>,
}

impl Readers {
    /// Writes the entry at `source` of `deflated`, as it is compressed, into `zip` as `name`.
    fn copy<W: Write>(
        &mut self,
        deflated: &Deflated,
        source: Source,
        name: &str,
        zip: &mut ZipOut<W>,
    ) -> Result<(), String> {
        match source {
            Source::Batch(b, i) => {
                let (entry, bytes) = (deflated.batches.get(b))
                    .and_then(|batch| batch.get(i))
                    .ok_or_else(|| format!("{name} is missing from its batch"))?;
                zip.add(name, entry, bytes).map_err(|e| e.to_string())
            }
            Source::Kept(shard, i) => {
                if self.kept.len() <= shard {
                    self.kept.resize_with(shard + 1, || None);
                }
                if self.kept[shard].is_none() {
                    self.kept[shard] = deflated.kept.archives.get(shard).cloned().flatten();
                }
                let archive = self.kept[shard]
                    .as_mut()
                    .ok_or_else(|| "the kept entries are gone".to_string())?;
                let entry = read_raw(archive, i, &mut self.buf)?;
                zip.add(name, &entry, &self.buf).map_err(|e| e.to_string())
            }
        }
    }
}

/// Reads entry `i` of `archive`, as it is compressed, into `buf`, and what the zip says of it.
fn read_raw<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    i: usize,
    buf: &mut Vec<u8>,
) -> Result<Entry, String> {
    let mut file = archive.by_index_raw(i).map_err(|e| e.to_string())?;
    let method = match file.compression() {
        zip::CompressionMethod::Stored => Method::Stored,
        zip::CompressionMethod::Deflated => Method::Deflated,
        other => return Err(format!("a kept entry is compressed with {other}")),
    };
    let size32 = |n: u64| u32::try_from(n).map_err(|_| "a kept entry is too big".to_string());
    let entry = Entry {
        method,
        crc: file.crc32(),
        size: size32(file.compressed_size())?,
        original: size32(file.size())?,
    };
    buf.clear();
    file.read_to_end(buf).map_err(|e| e.to_string())?;
    Ok(entry)
}

/// One zip holding each of `entries` (a path, and the files deflated with it), in path order,
/// with fixed timestamps (the same input gives the same bytes), in memory.
pub fn pack(entries: &mut [(&Deflated, &str)]) -> Result<Vec<u8>, String> {
    pack_into(entries, Vec::new())
}

/// [`pack`], written into `sink` as it is made (a file: a zip is never held in memory whole).
pub fn pack_into<W: Write>(entries: &mut [(&Deflated, &str)], sink: W) -> Result<W, String> {
    entries.sort_by(|a, b| a.1.cmp(b.1));
    let mut readers = Readers::default();
    let mut zip = ZipOut::new(sink);
    for &mut (deflated, path) in entries.iter_mut() {
        let (_, source) = deflated
            .index
            .get(path)
            .ok_or_else(|| format!("{path} was not deflated"))?;
        readers.copy(deflated, *source, path, &mut zip)?;
    }
    zip.finish().map_err(|e| e.to_string())
}

/// Keeps every entry of `sets` in the folder `dir` for the next build, each distinct one once,
/// and nothing else (so the cache holds one build's entries, never more), in [`SHARDS`] zips
/// written side by side. Each is written beside and renamed into place, so a build that reads
/// it never sees half of it. A shard is left as it is when it already holds every entry and no
/// more than as many unused ones: rewriting costs about as much as a tenth of a build.
pub fn keep(dir: &Path, sets: &[&Deflated]) -> std::io::Result<()> {
    let mut shards: Vec<BTreeMap<&str, (&Deflated, Source)>> = vec![BTreeMap::new(); SHARDS];
    for set in sets {
        for (key, source) in set.index.values() {
            shards[shard_of(key)].entry(key).or_insert((set, *source));
        }
    }
    std::fs::create_dir_all(dir)?;
    // The one file earlier builds kept them in, if it is there: removed only then, as
    // nothing else of the site's folder is removed while the new output is swapped in.
    let old = dir.with_extension("zip");
    if old.is_file() {
        let _ = std::fs::remove_file(old);
    }
    let kept = sets.first().map(|s| s.kept);
    shards
        .into_par_iter()
        .enumerate()
        .try_for_each(|(n, distinct)| {
            let all_kept = distinct
                .values()
                .all(|(_, source)| matches!(source, Source::Kept(..)));
            let kept_len = kept.map_or(0, |k| k.len(n));
            if all_kept && kept_len <= 2 * distinct.len() {
                return Ok(());
            }
            keep_shard(&shard_path(dir, n), &distinct)
        })
}

/// Writes the entries of `distinct` into a zip at `path`, named by their key.
fn keep_shard(path: &Path, distinct: &BTreeMap<&str, (&Deflated, Source)>) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let written = (|| -> Result<(), String> {
        let file = File::create(&tmp).map_err(|e| e.to_string())?;
        let mut zip = ZipOut::new(std::io::BufWriter::new(file));
        let mut readers = Readers::default();
        for (key, (set, source)) in distinct {
            readers.copy(set, *source, key, &mut zip)?;
        }
        let mut out = zip.finish().map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())
    })();
    match written {
        Ok(()) => std::fs::rename(&tmp, path),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(std::io::Error::other(e))
        }
    }
}

/// Packs `files` into a zip, in path order, with fixed timestamps, deflating every one.
pub fn zip(files: &[&OutputFile]) -> Result<Vec<u8>, String> {
    let none = Kept::default();
    let deflated = Deflated::new(files, &none)?;
    let mut entries: Vec<(&Deflated, &str)> = deflated.paths().map(|p| (&deflated, p)).collect();
    pack(&mut entries)
}

/// The name of an entry with `bytes`: the XXH3-128 of the bytes, in hex. Every file of every
/// build is named, so the hash is a fast one; the cache is the site's own, and only the site's
/// own files are named in it.
fn key(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// `count` pages `es/pNNN.html`, each `word N ` said `times` times.
    fn pages(count: usize, word: &str, times: usize) -> Vec<OutputFile> {
        (0..count)
            .map(|n| {
                file(
                    &format!("es/p{n:03}.html"),
                    &format!("{word} {n} ").repeat(times),
                )
            })
            .collect()
    }

    fn read(zip: Vec<u8>) -> Vec<(String, String)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).unwrap();
                let mut text = String::new();
                std::io::Read::read_to_string(&mut f, &mut text).unwrap();
                (f.name().unwrap_or_default().to_string(), text)
            })
            .collect()
    }

    #[test]
    fn zips_are_reproducible_and_hold_every_file() {
        let a = file("es/index.html", "hola");
        let b = file("index.html", "elige");
        let one = zip(&[&a, &b]).unwrap();
        assert_eq!(
            one,
            zip(&[&b, &a]).unwrap(),
            "same bytes whatever the order"
        );
        assert_eq!(
            read(one),
            [("es/index.html", "hola"), ("index.html", "elige")]
                .map(|(p, t)| (p.to_string(), t.to_string()))
        );
    }

    #[test]
    fn files_deflated_once_pack_into_several_zips_whatever_the_batches() {
        let many = pages(BATCH * 2 + 3, "página", 50);
        let refs: Vec<&OutputFile> = many.iter().collect();
        let none = Kept::default();
        let shared = Deflated::new(&refs, &none).unwrap();
        let own_file = file("es/share.html", "pasa la copia");
        let own = Deflated::new(&[&own_file], &none).unwrap();
        let mut entries: Vec<(&Deflated, &str)> = vec![(&own, "es/share.html")];
        entries.extend(
            shared
                .paths()
                .filter(|p| p.ends_with("7.html"))
                .map(|p| (&shared, p)),
        );
        let packed = pack(&mut entries).unwrap();
        let mut expected: Vec<&OutputFile> =
            many.iter().filter(|f| f.path.ends_with("7.html")).collect();
        expected.push(&own_file);
        assert_eq!(
            packed,
            zip(&expected).unwrap(),
            "as if deflated for this zip"
        );
        let inside = read(packed);
        assert_eq!(inside.len(), expected.len());
        assert!(inside.contains(&("es/p127.html".into(), "página 127 ".repeat(50))));
        let mut missing = vec![(&own, "es/p000.html")];
        assert!(pack(&mut missing).unwrap_err().contains("es/p000.html"));
    }

    #[test]
    fn kept_entries_are_not_deflated_again_and_give_the_same_zip() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache/zips");
        let many = pages(BATCH + 5, "texto", 400);
        let refs: Vec<&OutputFile> = many.iter().collect();
        let none = Kept::default();
        let cold = Deflated::new(&refs, &none).unwrap();
        keep(&cache, &[&cold]).unwrap();
        let mut entries: Vec<(&Deflated, &str)> = cold.paths().map(|p| (&cold, p)).collect();
        let cold_zip = pack(&mut entries).unwrap();

        for n in 0..SHARDS {
            assert!(shard_path(&cache, n).is_file(), "shard {n} is written");
        }
        let kept = Kept::open(&cache);
        let changed = file("es/p003.html", "otro texto");
        let mut now = refs.clone();
        now[3] = &changed;
        let warm = Deflated::new(&now, &kept).unwrap();
        let fresh = (warm.index.values())
            .filter(|(_, source)| matches!(source, Source::Batch(..)))
            .count();
        assert_eq!(fresh, 1, "only the changed file is deflated");
        let mut entries: Vec<(&Deflated, &str)> = warm.paths().map(|p| (&warm, p)).collect();
        let warm_zip = pack(&mut entries).unwrap();
        assert_eq!(warm_zip, zip(&now).unwrap(), "as if nothing was kept");
        assert_ne!(warm_zip, cold_zip);
        assert_eq!(
            read(warm_zip)[3],
            ("es/p003.html".into(), "otro texto".into())
        );
    }
}
