//! [`Positioned`]: a writer that counts the bytes it writes, so that a zip writer asking where
//! it is gets an answer without the buffered file under it writing out and seeking.

/// A writer that tells where it is without asking what it writes to: a zip writer asks
/// before every entry, and a buffered file answers by writing its buffer out and seeking.
pub struct Positioned<W> {
    /// What it writes to.
    pub inner: W,
    /// Where the next byte goes.
    pos: u64,
}

impl<W> Positioned<W> {
    /// At the start of `inner`.
    pub fn new(inner: W) -> Self {
        Positioned { inner, pos: 0 }
    }
}

impl<W: std::io::Write> std::io::Write for Positioned<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.pos += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: std::io::Seek> std::io::Seek for Positioned<W> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if to == std::io::SeekFrom::Current(0) {
            return Ok(self.pos);
        }
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}
