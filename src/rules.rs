//! The catalog of `amparo check` rules: each rule's id, its default severity and what it finds.
//!
//! It sits apart from the checks themselves so that loading `site.toml` can validate the rule
//! ids an editor writes under `[check.rules]` without knowing how any rule works.

use crate::diagnostics::Severity;

/// One rule of `amparo check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id findings carry and `[check.rules]` names: `a11y/link-text`.
    pub id: &'static str,
    /// Its severity unless `[check.rules]` sets another.
    pub severity: Severity,
    /// What it finds, in a phrase, as `amparo check --rules` lists it.
    pub finds: &'static str,
}

const fn rule(id: &'static str, severity: Severity, finds: &'static str) -> Rule {
    Rule {
        id,
        severity,
        finds,
    }
}

use Severity::{Error, Warning};

/// The id of every rule, as findings carry it and `site.toml` names it under `[check.rules]`.
pub mod id {
    /// A `#anchor` that is no heading of the page it points to, in some language.
    pub const LINKS_ANCHOR: &str = "links/anchor";
    /// A translation whose source page changed after it was translated.
    pub const TRANSLATIONS_STALE: &str = "translations/stale";
    /// A translation whose source language no longer has the page.
    pub const TRANSLATIONS_SOURCE_GONE: &str = "translations/source-gone";
    /// A page shown in a language outside its language's fallback chain.
    pub const TRANSLATIONS_MISSING: &str = "translations/missing";
    /// A recording saved before its page's text last changed.
    pub const RECORDINGS_STALE: &str = "recordings/stale";
    /// A file named as a recording (`x.mam.mp3`) that no page has that name, nor plays.
    pub const RECORDINGS_UNMATCHED: &str = "recordings/unmatched";
    /// A page harder to read than its language's threshold.
    pub const READABILITY_SCORE: &str = "readability/score";
    /// A sentence longer than its language's word limit.
    pub const READABILITY_SENTENCE_LENGTH: &str = "readability/sentence-length";
    /// A `#` heading in a page body: the title is the page's only h1.
    pub const A11Y_HEADING_H1: &str = "a11y/heading-h1";
    /// A heading that skips a level.
    pub const A11Y_HEADING_ORDER: &str = "a11y/heading-order";
    /// Link text that does not say where the link goes.
    pub const A11Y_LINK_TEXT: &str = "a11y/link-text";
    /// Alt text that is a file name or says nothing.
    pub const A11Y_IMAGE_ALT: &str = "a11y/image-alt";
    /// A table with an empty header row.
    pub const A11Y_TABLE_HEADER: &str = "a11y/table-header";
    /// A passage in another site language, without a `lang`.
    pub const A11Y_OTHER_LANGUAGE: &str = "a11y/other-language";
    /// A callout whose kind is shown by colour only.
    pub const A11Y_CALLOUT_LABEL: &str = "a11y/callout-label";
    /// A built page without exactly one h1, a `lang`, or alt text on an image.
    pub const A11Y_PAGE: &str = "a11y/page";
    /// A contact whose phone or WhatsApp link is missing from a page.
    pub const CONTACTS_SHOWN: &str = "contacts/shown";
    /// Contact hours given in some site languages but not all.
    pub const CONTACTS_HOURS: &str = "contacts/hours";
    /// A site with no contact: every page's help box names no one to call.
    pub const CONTACTS_NONE: &str = "contacts/none";
    /// A page or asset that loads anything from another website.
    pub const PRIVACY_OTHER_ORIGIN: &str = "privacy/other-origin";
    /// A page whose HTML, CSS and JavaScript weigh more, gzipped, than `[check.budget]` allows.
    pub const BUDGET_FIRST_LOAD: &str = "budget/first-load";
    /// A page whose images weigh more than `[check.budget]` allows.
    pub const BUDGET_IMAGES: &str = "budget/images";
}

/// Every rule, in the order the README lists them.
pub const RULES: &[Rule] = &[
    rule(
        id::LINKS_ANCHOR,
        Error,
        "a `#anchor` that is no heading of the page it points to, in some language",
    ),
    rule(
        id::TRANSLATIONS_STALE,
        Warning,
        "a translation whose source page changed after it was translated",
    ),
    rule(
        id::TRANSLATIONS_SOURCE_GONE,
        Warning,
        "a translation whose source language no longer has the page",
    ),
    rule(
        id::TRANSLATIONS_MISSING,
        Warning,
        "a page shown in a language outside the language's own fallback chain",
    ),
    rule(
        id::RECORDINGS_STALE,
        Warning,
        "a recording saved before its page's text last changed",
    ),
    rule(
        id::RECORDINGS_UNMATCHED,
        Warning,
        "a file named as a recording (`x.mam.mp3`) for no page, so no page plays it",
    ),
    rule(
        id::READABILITY_SCORE,
        Warning,
        "a page harder to read than the language's threshold",
    ),
    rule(
        id::READABILITY_SENTENCE_LENGTH,
        Warning,
        "a sentence longer than the language's word limit",
    ),
    rule(
        id::A11Y_HEADING_H1,
        Error,
        "a `#` heading in a page body: the title is the page's only h1",
    ),
    rule(
        id::A11Y_HEADING_ORDER,
        Warning,
        "a heading that skips a level (## then ####)",
    ),
    rule(
        id::A11Y_LINK_TEXT,
        Warning,
        "link text that does not say where it goes (\"here\", \"aquí\", \"click\")",
    ),
    rule(
        id::A11Y_IMAGE_ALT,
        Warning,
        "alt text that is a file name or says nothing (\"image\", \"foto\")",
    ),
    rule(
        id::A11Y_TABLE_HEADER,
        Error,
        "a table with an empty header row",
    ),
    rule(
        id::A11Y_OTHER_LANGUAGE,
        Warning,
        "a passage that reads as another site language, without a `lang`",
    ),
    rule(
        id::A11Y_CALLOUT_LABEL,
        Error,
        "a callout whose kind is shown by colour only (its label is empty)",
    ),
    rule(
        id::A11Y_PAGE,
        Error,
        "a built page without exactly one h1, a `lang`, or alt text on an image",
    ),
    rule(
        id::CONTACTS_SHOWN,
        Error,
        "a contact whose phone or WhatsApp link is missing from a page",
    ),
    rule(
        id::CONTACTS_HOURS,
        Warning,
        "contact hours given in some site languages but not all",
    ),
    rule(
        id::CONTACTS_NONE,
        Error,
        "a site with no contact in site.toml: the help box on every page names no one to call (a warning in `build`)",
    ),
    rule(
        id::PRIVACY_OTHER_ORIGIN,
        Error,
        "a page or asset that loads anything from another website",
    ),
    rule(
        id::BUDGET_FIRST_LOAD,
        Warning,
        "a page whose HTML, CSS and JavaScript, gzipped, weigh more than `[check.budget] first_load_kb` (14 KB)",
    ),
    rule(
        id::BUDGET_IMAGES,
        Warning,
        "a page whose images, as a phone fetches them, weigh more than `[check.budget] images_kb` (100 KB)",
    ),
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
