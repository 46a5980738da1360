//! A temporary one-language site: the repository's default theme and Spanish locale, a fixed
//! `site.toml` and a home page. A target overwrites one of its files with the fuzz input.
//!
//! One site is made per fuzz process and reused for every input, because copying the theme for
//! each input would cost more than the build itself. `scripts/fuzz.sh` points `TMPDIR` at a
//! folder it deletes afterwards, since libFuzzer exits without running destructors.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The fixed `site.toml`: one language, one contact, so the help box is rendered too.
pub const SITE_TOML: &str = r#"default_language = "es"
languages = ["es"]
theme = "default"

[title]
es = "Amparo"

[[contacts]]
name = "KIND México"
phone = "+525571001542"
whatsapp = "+12029189431"
email = "info@example.org"
"#;

/// The fixed home page, for the targets whose input is another file.
pub const HOME: &str = "+++\ntitle = \"Inicio\"\nicon = \"home\"\n+++\n\n\
    > [!TIP]\n> Puedes [pedir ayuda](#ayuda).\n\n## Ayuda\n\nLlama al <b>número</b>.\n";

/// A site in a temporary folder, removed when dropped.
pub struct TempSite {
    dir: tempfile::TempDir,
}

impl TempSite {
    /// Copies the theme and the Spanish locale from the repository and writes the fixed files.
    pub fn new() -> io::Result<TempSite> {
        let dir = tempfile::Builder::new().prefix("amparo-fuzz-").tempdir()?;
        let root = dir.path();
        let repo = repo();
        copy_dir(&repo.join("themes/default"), &root.join("themes/default"))?;
        fs::create_dir_all(root.join("locales"))?;
        fs::copy(repo.join("locales/es.toml"), root.join("locales/es.toml"))?;
        fs::create_dir_all(root.join("content"))?;
        fs::write(root.join("site.toml"), SITE_TOML)?;
        fs::write(root.join("content/_index.es.md"), HOME)?;
        // An image and a recording, so that links to them and `audio = "listen.mp3"` resolve.
        fs::copy(
            repo.join("themes/default/static/icon-192.png"),
            root.join("content/call.png"),
        )?;
        fs::write(root.join("content/listen.mp3"), b"ID3")?;
        Ok(TempSite { dir })
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to the site file `rel` (`content/_index.es.md`), replacing it.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    }
}

/// The repository root, one folder above this crate.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
