//! amparo check: measurements of a site's prose that a build does not need but its writers do.
//!
//! [`readability`] scores how hard a text is to read, per language, from prose blocks that the
//! caller has already taken out of a page.

pub mod readability;
