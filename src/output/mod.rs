//! Output: finishing touches on rendered files (minifying, the offline service worker) and
//! writing them to disk safely.

pub mod minify;
pub mod offline;
pub mod write;
