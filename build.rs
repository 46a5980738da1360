//! Embeds the default theme and the starter site, so `amparo init` works anywhere.

// What fails here is cargo's own setup, not a user's input: stopping with a message is right.
#![allow(clippy::expect_used)]

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    for (dir, name) in [
        ("themes/default", "default_theme.rs"),
        ("src/init", "starter_site.rs"),
    ] {
        let root = Path::new(&manifest).join(dir);
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        if name == "starter_site.rs" {
            // The starter site's locales are the real site's Spanish and English ones.
            for rel in ["locales/es.toml", "locales/en.toml"] {
                let abs = Path::new(&manifest).join(rel);
                println!("cargo:rerun-if-changed={}", abs.display());
                files.push((rel.to_string(), abs.display().to_string()));
            }
        }
        files.sort();
        let body: String = files
            .iter()
            .map(|(rel, abs)| format!("    ({rel:?}, include_bytes!({abs:?}).as_slice()),\n"))
            .collect();
        std::fs::write(Path::new(&out).join(name), format!("&[\n{body}]\n"))
            .expect("OUT_DIR is writable");
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path.display().to_string()));
        }
    }
}
