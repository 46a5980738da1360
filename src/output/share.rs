//! Share: zip files of the site — one per language and one with all — that unzip to a copy
//! working from `file://`. Pure: it packs files it is given, the same bytes every time.
//!
//! Deflating is most of a zip's cost, and most files go into two zips (a language's and the
//! one with all), so each file is deflated once ([`Deflated`], in parallel) and its compressed
//! bytes are copied into every zip that holds it.

use crate::files::OutputFile;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{Cursor, Write};

/// Files deflated together per small batch, each batch a zip of its own.
const BATCH: usize = 64;

/// Files deflated once, to be packed into any number of zips without deflating them again.
#[derive(Default)]
pub struct Deflated {
    /// Zips of [`BATCH`] files each, in the order given.
    batches: Vec<Vec<u8>>,
    /// Where each path is: its batch, and its place in that batch.
    index: HashMap<String, (usize, usize)>,
}

impl Deflated {
    /// Deflates `files`, in parallel.
    pub fn new(files: &[&OutputFile]) -> Result<Self, String> {
        let batches = files
            .par_chunks(BATCH)
            .map(pack_plain)
            .collect::<Result<Vec<_>, String>>()?;
        let mut index = HashMap::with_capacity(files.len());
        for (b, batch) in files.chunks(BATCH).enumerate() {
            for (i, f) in batch.iter().enumerate() {
                index.insert(f.path.clone(), (b, i));
            }
        }
        Ok(Deflated { batches, index })
    }

    /// Every path deflated.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }
}

/// One zip holding each of `entries` (a path, and the files deflated with it), in path order,
/// with fixed timestamps (the same input gives the same bytes).
pub fn pack(entries: &mut [(&Deflated, &str)]) -> Result<Vec<u8>, String> {
    entries.sort_by(|a, b| a.1.cmp(b.1));
    let mut readers: HashMap<(*const Deflated, usize), zip::ZipArchive<Cursor<&[u8]>>> =
        HashMap::new();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (deflated, path) in entries.iter() {
        let &(b, i) = deflated
            .index
            .get(*path)
            .ok_or_else(|| format!("{path} was not deflated"))?;
        let key = (*deflated as *const Deflated, b);
        let reader = match readers.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => v.insert(
                zip::ZipArchive::new(Cursor::new(deflated.batches[b].as_slice()))
                    .map_err(|e| e.to_string())?,
            ),
        };
        let file = reader.by_index_raw(i).map_err(|e| e.to_string())?;
        writer.raw_copy_file(file).map_err(|e| e.to_string())?;
    }
    writer
        .finish()
        .map(|c| c.into_inner())
        .map_err(|e| e.to_string())
}

/// Packs `files` into a zip, in path order, with fixed timestamps.
pub fn zip(files: &[&OutputFile]) -> Result<Vec<u8>, String> {
    let deflated = Deflated::new(files)?;
    let mut entries: Vec<(&Deflated, &str)> = deflated.paths().map(|p| (&deflated, p)).collect();
    pack(&mut entries)
}

/// `files` zipped as they come, each deflated on its own.
fn pack_plain(files: &[&OutputFile]) -> Result<Vec<u8>, String> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for f in files {
        writer
            .start_file(f.path.as_str(), options)
            .map_err(|e| e.to_string())?;
        writer.write_all(&f.bytes).map_err(|e| e.to_string())?;
    }
    writer
        .finish()
        .map(|c| c.into_inner())
        .map_err(|e| e.to_string())
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
        let many: Vec<OutputFile> = (0..BATCH * 2 + 3)
            .map(|n| {
                file(
                    &format!("es/p{n:03}.html"),
                    &format!("página {n} ").repeat(50),
                )
            })
            .collect();
        let refs: Vec<&OutputFile> = many.iter().collect();
        let shared = Deflated::new(&refs).unwrap();
        let own_file = file("es/share.html", "pasa la copia");
        let own = Deflated::new(&[&own_file]).unwrap();
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
}
