//! The catalog of `amparo check` rules: each rule's id, its default severity and what it finds.
//!
//! It sits apart from the checks themselves so that loading `site.toml` can validate the rule
//! ids an editor writes under `[check.rules]` without knowing how any rule works.

use crate::diagnostics::Severity;

/// One rule of `amparo check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
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

/// Every rule, in the order the README lists them.
pub const RULES: &[Rule] = &[
    rule(
        "links/anchor",
        Error,
        "a `#anchor` that is no heading of the page it points to, in some language",
    ),
    rule(
        "translations/stale",
        Warning,
        "a translation whose source page changed after it was translated",
    ),
    rule(
        "translations/source-gone",
        Warning,
        "a translation whose source language no longer has the page",
    ),
    rule(
        "translations/missing",
        Warning,
        "a page shown in a language outside the language's own fallback chain",
    ),
    rule(
        "readability/score",
        Warning,
        "a page harder to read than the language's threshold",
    ),
    rule(
        "readability/sentence-length",
        Warning,
        "a sentence longer than the language's word limit",
    ),
    rule(
        "a11y/heading-h1",
        Error,
        "a `#` heading in a page body: the title is the page's only h1",
    ),
    rule(
        "a11y/heading-order",
        Warning,
        "a heading that skips a level (## then ####)",
    ),
    rule(
        "a11y/link-text",
        Warning,
        "link text that does not say where it goes (\"here\", \"aquí\", \"click\")",
    ),
    rule(
        "a11y/image-alt",
        Warning,
        "alt text that is a file name or says nothing (\"image\", \"foto\")",
    ),
    rule(
        "a11y/table-header",
        Error,
        "a table with an empty header row",
    ),
    rule(
        "a11y/other-language",
        Warning,
        "a passage that reads as another site language, without a `lang`",
    ),
    rule(
        "a11y/callout-label",
        Error,
        "a callout whose kind is shown by colour only (its label is empty)",
    ),
    rule(
        "a11y/page",
        Error,
        "a built page without exactly one h1, a `lang`, or alt text on an image",
    ),
    rule(
        "contacts/shown",
        Error,
        "a contact whose phone or WhatsApp link is missing from a page",
    ),
    rule(
        "contacts/hours",
        Warning,
        "contact hours given in some site languages but not all",
    ),
    rule(
        "privacy/other-origin",
        Error,
        "a page or asset that loads anything from another website",
    ),
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
