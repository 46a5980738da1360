//! What the benchmark examples share: reading `--flag value` arguments and copying a site.

use std::path::Path;

/// The value after `flag` on the command line.
pub fn arg(flag: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Copies a file or a folder, creating parents.
pub fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("create folder");
        for e in std::fs::read_dir(from).expect("read folder").flatten() {
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else if from.exists() {
        std::fs::create_dir_all(to.parent().expect("has a parent")).expect("create folder");
        std::fs::copy(from, to).expect("copy file");
    }
}
