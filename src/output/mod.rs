//! Output: finishing touches on rendered files (minifying) and writing them to disk safely.

pub mod minify;
pub mod write;
