//! A batch: files each deflated on its own, in memory, their compressed bytes one after the
//! other. The zips to share and the cache copy them as they are ([`super::share`],
//! [`super::zipfile`]); a zip library would deflate them only with its own compressor.

use super::zipfile::{Entry, Method};

/// Files compressed together, to be copied into zips.
pub(super) struct Batch {
    /// Every entry's bytes, one after the other.
    data: Vec<u8>,
    /// Each entry, and where its bytes start in `data`.
    entries: Vec<(Entry, usize)>,
}

impl Batch {
    /// Entry `i`, and its bytes.
    pub(super) fn get(&self, i: usize) -> Option<(&Entry, &[u8])> {
        let (entry, start) = self.entries.get(i)?;
        let bytes = self.data.get(*start..*start + entry.size as usize)?;
        Some((entry, bytes))
    }
}

/// `files` (a name and its bytes), each deflated on its own by libdeflate (about four fifths
/// of zlib's time for the same size here), or stored when deflating would not make it smaller
/// (a photo).
pub(super) fn deflate(files: &[(&str, &[u8])]) -> Result<Batch, String> {
    let mut compressor = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let mut data = Vec::new();
    let mut entries = Vec::with_capacity(files.len());
    // Room for the largest file deflated, made once: not zeroed again for each file.
    let largest = files.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    let mut deflated = vec![0; compressor.deflate_compress_bound(largest)];
    for (name, bytes) in files {
        let start = data.len();
        let n = compressor
            .deflate_compress(bytes, &mut deflated)
            .map_err(|e| e.to_string())?;
        let method = if n < bytes.len() {
            data.extend_from_slice(&deflated[..n]);
            Method::Deflated
        } else {
            data.extend_from_slice(bytes);
            Method::Stored
        };
        let entry = Entry {
            method,
            crc: libdeflater::crc32(bytes),
            size: size32(name, data.len() - start)?,
            original: size32(name, bytes.len())?,
        };
        entries.push((entry, start));
    }
    // Kept until the zips are packed: without the room a growing buffer leaves.
    data.shrink_to_fit();
    Ok(Batch { data, entries })
}

/// `len` as a zip's 32-bit size; a file of 4 GiB or more is named, not cut short.
fn size32(what: &str, len: usize) -> Result<u32, String> {
    u32::try_from(len).map_err(|_| format!("{what} is too big for a zip (4 GiB or more)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::zipfile::ZipOut;
    use std::io::{Cursor, Read};

    #[test]
    fn a_file_deflating_does_not_shrink_is_stored_and_every_file_reads_back_whole() {
        // A photo's bytes: no run, no repeat (xorshift).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let photo: Vec<u8> = (0..20_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let page = "<p>hola</p>".repeat(2_000).into_bytes();
        let files: [(&str, &[u8]); 3] = [
            ("media/foto.jpg", &photo),
            ("es/index.html", &page),
            ("vacío.txt", b""),
        ];
        let batch = deflate(&files).unwrap();
        let methods: Vec<Method> = (0..3).map(|i| batch.get(i).unwrap().0.method).collect();
        assert_eq!(methods, [Method::Stored, Method::Deflated, Method::Stored]);
        assert!(batch.get(3).is_none());
        let mut zip = ZipOut::new(Vec::new());
        for (i, (name, _)) in files.iter().enumerate() {
            let (entry, bytes) = batch.get(i).unwrap();
            zip.add(name, entry, bytes).unwrap();
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(zip.finish().unwrap())).unwrap();
        for (name, bytes) in files {
            let mut entry = archive.by_name(name).unwrap();
            let mut read = Vec::new();
            // Reading to the end checks the CRC-32 the headers hold.
            entry.read_to_end(&mut read).unwrap();
            assert_eq!(read, bytes, "{name}");
        }
    }
}
