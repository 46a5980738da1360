//! Output: finishing touches on rendered files (minifying, the offline service worker, zips to
//! share), writing them to disk safely, and the ZIM export.

pub mod minify;
pub mod offline;
pub mod share;
pub mod write;
pub mod zim;
