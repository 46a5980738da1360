//! Output: finishing touches on rendered files (the offline service worker, zips to share),
//! writing them to disk safely, and the ZIM export.

mod batch;
pub mod offline;
pub mod share;
pub mod write;
pub mod zim;
mod zipfile;
