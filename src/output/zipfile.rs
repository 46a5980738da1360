//! The zip format, written: entries compressed beforehand ([`super::batch`]) go in as they
//! are, a local header before each and the central directory at the end, with zip64's
//! records once a zip holds more than 65,535 entries or passes 4 GiB. Writing these few
//! headers here, instead of through a zip library, keeps packing a zip to copying its bytes.

use std::io::Write;

/// How an entry's bytes are kept in a zip.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Method {
    Stored,
    Deflated,
}

/// What a zip says of an entry besides its name: how its bytes are kept, the CRC-32 and the
/// size of the file, and the size of its bytes in the zip.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Entry {
    pub method: Method,
    pub crc: u32,
    pub size: u32,
    pub original: u32,
}

/// A zip being written into `W`, which need not seek: it counts what it writes.
pub struct ZipOut<W> {
    inner: W,
    /// Where the next byte goes.
    pos: u64,
    /// The central directory so far.
    central: Vec<u8>,
    count: u64,
    /// The largest offset and count the 32- and 16-bit fields hold (lower in tests).
    max32: u64,
    max16: u64,
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const END64: u32 = 0x0606_4b50;
const LOCATOR64: u32 = 0x0706_4b50;
/// The zip format version an entry needs: 2.0 (deflate), 4.5 when zip64 fields describe it.
const VERSION: u16 = 20;
const VERSION64: u16 = 45;
/// Made on Unix, so the mode below is read.
const UNIX: u16 = 3 << 8;
/// 1980-01-01, 00:00 (zip's first day), as a zip writes a date: every entry has it, so a zip
/// of the same files is the same bytes.
const DATE: u16 = (1 << 5) | 1;
/// `-rw-r--r--`, a regular file readable by all and writable by its owner.
const MODE: u32 = 0o100_644;

impl<W: Write> ZipOut<W> {
    /// A zip written from the start of `inner`.
    pub fn new(inner: W) -> Self {
        Self::with_limits(inner, u64::from(u32::MAX), u64::from(u16::MAX))
    }

    fn with_limits(inner: W, max32: u64, max16: u64) -> Self {
        ZipOut {
            inner,
            pos: 0,
            central: Vec::new(),
            count: 0,
            max32,
            max16,
        }
    }

    /// Writes the entry `name` described by `entry`, whose bytes in the zip are `data`.
    pub fn add(&mut self, name: &str, entry: &Entry, data: &[u8]) -> std::io::Result<()> {
        let name_len = u16::try_from(name.len())
            .map_err(|_| std::io::Error::other(format!("the name {name} is too long for a zip")))?;
        let offset = self.pos;
        // An entry that starts past 4 GiB has its offset in a zip64 field of its own.
        let far = offset >= self.max32;
        let version = if far { VERSION64 } else { VERSION };
        let mut local = Vec::with_capacity(30 + name.len());
        put32(&mut local, LOCAL);
        common(&mut local, version, entry, name, name_len, 0);
        local.extend_from_slice(name.as_bytes());
        self.inner.write_all(&local)?;
        self.inner.write_all(data)?;
        self.pos += (local.len() + data.len()) as u64;

        let c = &mut self.central;
        put32(c, CENTRAL);
        put16(c, UNIX | version);
        common(c, version, entry, name, name_len, if far { 12 } else { 0 });
        // No comment, disk 0, no internal attributes, then the mode.
        put16(c, 0);
        put16(c, 0);
        put16(c, 0);
        put32(c, MODE << 16);
        put32(c, if far { u32::MAX } else { offset as u32 });
        c.extend_from_slice(name.as_bytes());
        if far {
            put16(c, 0x0001);
            put16(c, 8);
            put64(c, offset);
        }
        self.count += 1;
        Ok(())
    }

    /// Writes the central directory and returns what the zip was written into.
    pub fn finish(mut self) -> std::io::Result<W> {
        let at = self.pos;
        let len = self.central.len() as u64;
        self.inner.write_all(&self.central)?;
        let mut end = Vec::with_capacity(98);
        let big = self.count > self.max16 || at >= self.max32 || len >= self.max32;
        if big {
            let end64_at = at + len;
            put32(&mut end, END64);
            // The record's size after this field; made on Unix, needs 4.5; disk 0 of 1.
            put64(&mut end, 44);
            put16(&mut end, UNIX | VERSION64);
            put16(&mut end, VERSION64);
            put32(&mut end, 0);
            put32(&mut end, 0);
            put64(&mut end, self.count);
            put64(&mut end, self.count);
            put64(&mut end, len);
            put64(&mut end, at);
            put32(&mut end, LOCATOR64);
            put32(&mut end, 0);
            put64(&mut end, end64_at);
            put32(&mut end, 1);
        }
        // Fields too small for their value say so with all bits set (zip64 has the value).
        let count = if self.count > self.max16 {
            u16::MAX
        } else {
            self.count as u16
        };
        let field32 = |v: u64| if v >= self.max32 { u32::MAX } else { v as u32 };
        put32(&mut end, END);
        put16(&mut end, 0);
        put16(&mut end, 0);
        put16(&mut end, count);
        put16(&mut end, count);
        put32(&mut end, field32(len));
        put32(&mut end, field32(at));
        put16(&mut end, 0);
        self.inner.write_all(&end)?;
        Ok(self.inner)
    }
}

/// What the local and central headers share: from the version needed to the name's length,
/// then the length of the extra fields.
fn common(out: &mut Vec<u8>, version: u16, entry: &Entry, name: &str, name_len: u16, extra: u16) {
    put16(out, version);
    // Bit 11: the name is UTF-8.
    put16(out, if name.is_ascii() { 0 } else { 1 << 11 });
    put16(
        out,
        match entry.method {
            Method::Stored => 0,
            Method::Deflated => 8,
        },
    );
    put16(out, 0);
    put16(out, DATE);
    put32(out, entry.crc);
    put32(out, entry.size);
    put32(out, entry.original);
    put16(out, name_len);
    put16(out, extra);
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn stored(bytes: &[u8]) -> Entry {
        Entry {
            method: Method::Stored,
            crc: libdeflater::crc32(bytes),
            size: bytes.len() as u32,
            original: bytes.len() as u32,
        }
    }

    fn write(mut zip: ZipOut<Vec<u8>>, files: &[(String, Vec<u8>)]) -> Vec<u8> {
        for (name, bytes) in files {
            zip.add(name, &stored(bytes), bytes).unwrap();
        }
        zip.finish().unwrap()
    }

    fn read(zip: Vec<u8>) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                assert_eq!(entry.last_modified(), Some(zip::DateTime::default()));
                assert_eq!(entry.unix_mode(), Some(0o100_644));
                let mut bytes = Vec::new();
                // Reading to the end checks the CRC-32.
                entry.read_to_end(&mut bytes).unwrap();
                (entry.name().unwrap().to_string(), bytes)
            })
            .collect()
    }

    fn files(n: usize) -> Vec<(String, Vec<u8>)> {
        (0..n)
            .map(|i| {
                (
                    format!("p/{i}/página.html"),
                    format!("<p>{i}</p>").into_bytes(),
                )
            })
            .collect()
    }

    #[test]
    fn every_entry_reads_back_with_its_name_date_and_mode() {
        let files = files(3);
        assert_eq!(read(write(ZipOut::new(Vec::new()), &files)), files);
    }

    /// Past 65,535 entries or 4 GiB a zip needs zip64's records; here the limits are lowered
    /// so that a small zip needs them, for its count, its central directory's place and
    /// most entries' offsets.
    #[test]
    fn a_zip_past_what_its_small_fields_hold_reads_back_through_zip64() {
        let files = files(40);
        let zip = write(ZipOut::with_limits(Vec::new(), 200, 10), &files);
        assert_eq!(read(zip.clone()), files);
        // The end of central directory sends readers to zip64's: count and offset all ones.
        let end = &zip[zip.len() - 22..];
        assert_eq!(&end[..4], &END.to_le_bytes());
        assert_eq!(&end[8..10], &[0xff, 0xff]);
        assert_eq!(&end[16..20], &[0xff; 4]);
        // Each entry that starts at 200 or past it has a zip64 field (12 bytes) for its offset,
        // and the zip has zip64's end record and locator (56 and 20 bytes).
        let mut at = 0;
        let mut far = 0;
        for (name, bytes) in &files {
            far += usize::from(at >= 200);
            at += 30 + name.len() + bytes.len();
        }
        assert!(far > 30, "{far}");
        let plain = write(ZipOut::new(Vec::new()), &files);
        assert_eq!(plain.len() + 12 * far + 56 + 20, zip.len());
    }
}
