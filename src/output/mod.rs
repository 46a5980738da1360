//! Output: finishing touches on rendered files (minifying, the offline service worker, zips to share) and
//! writing them to disk safely.

pub mod minify;
pub mod offline;
pub mod share;
pub mod write;
