//! Share: zip files of the site — one per language and one with all — that unzip to a copy
//! working from `file://`. Pure: it packs files it is given, the same bytes every time.

use crate::files::OutputFile;
use std::io::Write;

/// Packs `files` into a zip, in path order, with fixed timestamps (the same input gives the
/// same bytes).
pub fn zip(files: &[&OutputFile]) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&&OutputFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for f in sorted {
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

    #[test]
    fn zips_are_reproducible_and_hold_every_file() {
        let a = OutputFile {
            path: "es/index.html".into(),
            bytes: b"hola".to_vec(),
        };
        let b = OutputFile {
            path: "index.html".into(),
            bytes: b"elige".to_vec(),
        };
        let one = zip(&[&a, &b]).unwrap();
        assert_eq!(
            one,
            zip(&[&b, &a]).unwrap(),
            "same bytes whatever the order"
        );
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(one)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("es/index.html").unwrap(), &mut text)
            .unwrap();
        assert_eq!(text, "hola");
    }
}
