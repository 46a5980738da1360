//! A batch: a zip of files each deflated on its own, in memory, written here byte by byte.
//! The zips to share and the cache copy its entries as they are compressed
//! ([`super::share`]); a zip writer would deflate them only with its own compressor.

/// One zip of `entries` (a name and its bytes), each deflated on its own by libdeflate
/// (about four fifths of zlib's time for the same size here), or stored when deflating
/// would not make it smaller (a photo).
pub(super) fn deflate(entries: &[(&str, &[u8])]) -> Result<Vec<u8>, String> {
    let mut compressor = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let mut batch = Vec::new();
    let mut central = Vec::new();
    let mut deflated = Vec::new();
    for (name, bytes) in entries {
        deflated.resize(compressor.deflate_compress_bound(bytes.len()), 0);
        let n = compressor
            .deflate_compress(bytes, &mut deflated)
            .map_err(|e| e.to_string())?;
        let (method, data) = match n < bytes.len() {
            true => (METHOD_DEFLATED, &deflated[..n]),
            false => (METHOD_STORED, *bytes),
        };
        let entry = Entry {
            name,
            name_len: u16::try_from(name.len())
                .map_err(|_| format!("the name {name} is too long for a zip"))?,
            method,
            crc: libdeflater::crc32(bytes),
            size: size32(name, data.len())?,
            original: size32(name, bytes.len())?,
            offset: size32(name, batch.len())?,
        };
        entry.local_header(&mut batch);
        batch.extend_from_slice(data);
        entry.central_header(&mut central);
    }
    let count = u16::try_from(entries.len()).map_err(|_| "too many files in a batch")?;
    let central_at = size32("the batch", batch.len())?;
    let central_len = size32("the batch", central.len())?;
    batch.extend_from_slice(&central);
    // End of central directory: one disk, this many entries, where the directory is.
    put32(&mut batch, 0x0605_4b50);
    put16(&mut batch, 0);
    put16(&mut batch, 0);
    put16(&mut batch, count);
    put16(&mut batch, count);
    put32(&mut batch, central_len);
    put32(&mut batch, central_at);
    put16(&mut batch, 0);
    // Kept until the zips are packed: without the room a growing buffer leaves.
    batch.shrink_to_fit();
    Ok(batch)
}

const METHOD_STORED: u16 = 0;
const METHOD_DEFLATED: u16 = 8;

/// One entry of a batch, as its two headers describe it. Every entry is dated 1980-01-01
/// (zip's first day), made on Unix, readable by all and writable by its owner: a zip of the
/// same files is the same bytes.
struct Entry<'a> {
    name: &'a str,
    name_len: u16,
    method: u16,
    crc: u32,
    size: u32,
    original: u32,
    offset: u32,
}

/// The zip format version an entry needs (2.0: deflate) and says it was made with.
const VERSION: u16 = 20;
/// 1980-01-01, 00:00, as a zip writes a date.
const DATE: u16 = (1 << 5) | 1;

impl Entry<'_> {
    /// What the local and central headers share: from the version needed to the name's length.
    fn common(&self, out: &mut Vec<u8>) {
        put16(out, VERSION);
        // Bit 11: the name is UTF-8.
        put16(out, if self.name.is_ascii() { 0 } else { 1 << 11 });
        put16(out, self.method);
        put16(out, 0);
        put16(out, DATE);
        put32(out, self.crc);
        put32(out, self.size);
        put32(out, self.original);
        put16(out, self.name_len);
        put16(out, 0);
    }

    fn local_header(&self, out: &mut Vec<u8>) {
        put32(out, 0x0403_4b50);
        self.common(out);
        out.extend_from_slice(self.name.as_bytes());
    }

    fn central_header(&self, out: &mut Vec<u8>) {
        put32(out, 0x0201_4b50);
        put16(out, (3 << 8) | VERSION);
        self.common(out);
        // No comment, disk 0, no internal attributes, then `-rw-r--r--`.
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, 0o100_644 << 16);
        put32(out, self.offset);
        out.extend_from_slice(self.name.as_bytes());
    }
}

/// `len` as a zip's 32-bit size; a file of 4 GiB or more is named, not cut short.
fn size32(what: &str, len: usize) -> Result<u32, String> {
    u32::try_from(len).map_err(|_| format!("{what} is too big for a zip (4 GiB or more)"))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::OutputFile;
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
        let page = "<p>hola</p>".repeat(2_000);
        let files = [
            OutputFile {
                path: "media/foto.jpg".into(),
                bytes: photo.clone(),
            },
            OutputFile {
                path: "es/index.html".into(),
                bytes: page.into_bytes(),
            },
            OutputFile {
                path: "vacío.txt".into(),
                bytes: Vec::new(),
            },
        ];
        let names: Vec<(&str, &[u8])> = (files.iter())
            .map(|f| (f.path.as_str(), &f.bytes[..]))
            .collect();
        let zip = deflate(&names).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        let method =
            |archive: &mut zip::ZipArchive<_>, name| archive.by_name(name).unwrap().compression();
        assert_eq!(
            method(&mut archive, "media/foto.jpg"),
            zip::CompressionMethod::Stored
        );
        assert_eq!(
            method(&mut archive, "es/index.html"),
            zip::CompressionMethod::Deflated
        );
        for f in &files {
            let mut entry = archive.by_name(&f.path).unwrap();
            let mut bytes = Vec::new();
            // Reading to the end checks the CRC-32 the headers hold.
            entry.read_to_end(&mut bytes).unwrap();
            assert_eq!(bytes, f.bytes, "{}", f.path);
            assert_eq!(entry.last_modified(), Some(zip::DateTime::default()));
            assert_eq!(entry.unix_mode(), Some(0o100_644));
        }
    }
}
