//! `site.toml`: languages, titles, theme, `base_url`, the contacts shown on every page, and the
//! `[check]` settings.

use super::images::ImageSettings;
use super::phones::{self, Checked, PhoneNumber, Unchecked};
use super::publish::PublishRules;
use super::{parse_toml, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::lang::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The checked site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The language every chain falls back to after its locale's own `fallback` list: `es`.
    pub default_language: Lang,
    /// In the order the site lists them.
    pub languages: Vec<Lang>,
    /// The theme's folder under `themes/`; `default` when unset.
    pub theme: String,
    /// With a trailing slash, when configured.
    pub base_url: Option<String>,
    /// Site title per language (falls back along each language's chain).
    pub title: BTreeMap<Lang, String>,
    /// Shown in the "get help now" box of every page, in the order `site.toml` gives them.
    pub contacts: Vec<Contact>,
    /// Where the quick-exit button leads; `None`: the theme's harmless local page.
    pub quick_exit_url: Option<String>,
    /// `include` and `exclude`: which files under `content/` are published.
    pub publish: PublishRules,
    /// `[images]`: how raster images are made for phones.
    pub images: ImageSettings,
    /// `[check]`: rule severities and readability thresholds for `amparo check`.
    pub check: CheckConfig,
    /// Where the settings were read from, relative to the site root (`site.toml`).
    pub path: PathBuf,
}

impl SiteConfig {
    /// Puts each checked phone number into its contact.
    pub fn put_numbers(&mut self, checked: Checked) {
        for (i, field, number) in checked.into_numbers() {
            if let Some(c) = self.contacts.get_mut(i) {
                match field {
                    phones::Field::Phone => c.phone = Some(number),
                    phones::Field::Whatsapp => c.whatsapp = Some(number),
                }
            }
        }
    }

    /// The site's language tags, in order, as strings.
    pub fn language_tags(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.to_string()).collect()
    }
}

/// An organisation a child can reach, shown in the "get help now" box.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Contact {
    /// The organisation's name, the same in every language.
    pub name: String,
    /// A number to call, linked as `tel:`.
    pub phone: Option<PhoneNumber>,
    /// A number to write to on WhatsApp, linked as `https://wa.me/<digits>`.
    pub whatsapp: Option<PhoneNumber>,
    /// An address to write to, linked as `mailto:`.
    pub email: Option<String>,
    /// Opening hours per language.
    pub hours: BTreeMap<Lang, String>,
    /// Languages spoken on the line.
    pub languages: Vec<Lang>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    default_language: Spanned<String>,
    languages: Vec<Spanned<String>>,
    #[serde(default = "default_theme")]
    theme: String,
    base_url: Option<Spanned<String>>,
    #[serde(default)]
    title: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    contacts: Vec<RawContact>,
    quick_exit_url: Option<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    images: RawImages,
    #[serde(default)]
    check: RawCheck,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImages {
    quality: Option<Spanned<i64>>,
    max_width: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    first_load_kb: Option<Spanned<i64>>,
    images_kb: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    readability: BTreeMap<String, Spanned<Thresholds>>,
    #[serde(default)]
    budget: RawBudget,
}

/// `[check]` in site.toml: rule severities and readability thresholds for `amparo check`.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// Rule id → its severity here, or `None` when the rule is turned off.
    pub rules: BTreeMap<&'static str, Option<Severity>>,
    /// Per language, what `[check.readability.<lang>]` sets; the rest keeps its default.
    pub readability: BTreeMap<Lang, Thresholds>,
    /// `[check.budget]`: the most a page may weigh.
    pub budget: Budget,
}

/// What a page may weigh, in bytes (`[check.budget]`, set in KB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Budget {
    /// The page's HTML, CSS and JavaScript, gzipped: 14 KB, what a first round trip carries.
    pub first_load: u64,
    /// The images it shows, as a phone fetches them: 100 KB.
    pub images: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            first_load: 14 * 1024,
            images: 100 * 1024,
        }
    }
}

/// Readability limits for one language. Unset values keep `amparo check`'s defaults.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Lowest Szigriszt-Pazos score a Spanish page may have (higher reads easier).
    pub szigriszt_pazos_min: Option<f64>,
    /// Lowest Fernández-Huerta score a Spanish page may have (higher reads easier).
    pub fernandez_huerta_min: Option<f64>,
    /// Lowest Flesch reading ease an English page may have (higher reads easier).
    pub flesch_reading_ease_min: Option<f64>,
    /// Highest Flesch-Kincaid school grade an English page may have.
    pub flesch_kincaid_grade_max: Option<f64>,
    /// Most words a sentence may have, in a page of any language.
    pub sentence_words_max: Option<usize>,
}

fn default_theme() -> String {
    "default".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    name: String,
    phone: Option<Spanned<String>>,
    whatsapp: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
    #[serde(default)]
    hours: BTreeMap<String, String>,
    #[serde(default)]
    languages: Vec<Spanned<String>>,
}

/// Reads and checks `site.toml`. `None` when it is missing or unusable. The contacts' phone
/// numbers are left out, to be checked with [`Unchecked::check`] and put in.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<(SiteConfig, Unchecked)> {
    let path = root.join("site.toml");
    let shown = PathBuf::from("site.toml");
    if !path.is_file() {
        diags.push(
            Diagnostic::error("config/missing", &shown, format!("no site.toml in {}", root.display()))
                .with_help("run amparo in the site's folder, pass --root DIR, or create a site with `amparo init DIR`"),
        );
        return None;
    }
    let text = match read_text(root, &path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let raw: RawConfig = match parse_toml(&text, &text, 0, &shown, "config/syntax") {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut numbers = Unchecked::new(&text, shown.clone(), Some(root.join(phones::KEPT)));
    let config = check(raw, &text, shown, &mut numbers, diags)?;
    Some((config, numbers))
}

fn check(
    raw: RawConfig,
    text: &str,
    shown: PathBuf,
    numbers: &mut Unchecked,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    let before = diags.len();
    let err = |code, msg: String, span: std::ops::Range<usize>| {
        Diagnostic::error(code, &shown, msg).at(text, span)
    };
    let mut languages: Vec<Lang> = Vec::new();
    for tag in &raw.languages {
        match Lang::parse(tag.get_ref()) {
            Ok(l) if languages.contains(&l) => diags.push(
                err(
                    "config/language",
                    format!("language `{l}` is listed twice"),
                    tag.span(),
                )
                .with_help("list each language once"),
            ),
            Ok(l) => languages.push(l),
            Err(e) => diags.push(
                err("config/language", e.to_string(), tag.span())
                    .with_help("use a tag like `es`, `en`, `quc` or `mam`"),
            ),
        }
    }
    if raw.languages.is_empty() {
        diags.push(
            Diagnostic::error("config/language", &shown, "`languages` is empty")
                .with_help("list the site's languages, e.g. languages = [\"es\", \"en\"]"),
        );
    }
    let default_language = match Lang::parse(raw.default_language.get_ref()) {
        Ok(l) if languages.contains(&l) || raw.languages.is_empty() => Some(l),
        Ok(l) => {
            diags.push(
                err(
                    "config/language",
                    format!("the default language `{l}` is not in `languages`"),
                    raw.default_language.span(),
                )
                .with_help(format!(
                    "add `{l}` to `languages`, or pick one of: {}",
                    join(&languages)
                )),
            );
            None
        }
        Err(e) => {
            diags.push(err(
                "config/language",
                e.to_string(),
                raw.default_language.span(),
            ));
            None
        }
    };
    let base_url = raw.base_url.as_ref().and_then(|u| {
        let s = u.get_ref().trim();
        if s.starts_with("https://") || s.starts_with("http://") {
            Some(if s.ends_with('/') { s.to_string() } else { format!("{s}/") })
        } else {
            diags.push(
                err("config/base-url", format!("`base_url` must be a full web address, not `{s}`"), u.span())
                    .with_help("write it like base_url = \"https://example.org/rights/\", or remove it: the site works without it"),
            );
            None
        }
    });
    let quick_exit_url = raw.quick_exit_url.as_ref().and_then(|u| {
        let s = u.get_ref().trim();
        if s.starts_with("https://") || s.starts_with("http://") {
            Some(s.to_string())
        } else {
            diags.push(
                err("config/quick-exit", format!("`quick_exit_url` must be a full web address, not `{s}`"), u.span())
                    .with_help("write it like quick_exit_url = \"https://www.google.com/search?q=clima\", or remove it to use the theme's harmless local page"),
            );
            None
        }
    });
    let mut title = BTreeMap::new();
    for (tag, value) in &raw.title {
        match Lang::parse(tag) {
            Ok(l) if languages.contains(&l) => {
                title.insert(l, value.get_ref().clone());
            }
            _ => diags.push(
                err(
                    "config/title",
                    format!("`title.{tag}`: `{tag}` is not one of the site's languages"),
                    value.span(),
                )
                .with_help(format!("use one of: {}", join(&languages))),
            ),
        }
    }
    if let Some(dl) = &default_language
        && !title.contains_key(dl)
    {
        diags.push(
            Diagnostic::error(
                "config/title",
                &shown,
                format!("no site title for the default language `{dl}`"),
            )
            .with_help(format!("add a [title] table with a line `{dl} = \"…\"`")),
        );
    }
    let contacts = raw
        .contacts
        .into_iter()
        .enumerate()
        .map(|(i, c)| check_contact(i, c, text, &shown, &languages, numbers, diags))
        .collect();
    let check = check_settings(raw.check, text, &shown, &languages, diags);
    let publish =
        PublishRules::new(&raw.include, &raw.exclude, text, &shown).unwrap_or_else(|errors| {
            diags.extend(errors);
            PublishRules::default()
        });
    let images = image_settings(&raw.images, text, &shown, diags);
    if diags.len() > before {
        return None;
    }
    Some(SiteConfig {
        default_language: default_language?,
        languages,
        theme: raw.theme,
        base_url,
        title,
        contacts,
        quick_exit_url,
        publish,
        images,
        check,
        path: shown,
    })
}

/// `[check.rules]` ids and levels, and `[check.readability.<lang>]` languages.
fn check_settings(
    raw: RawCheck,
    text: &str,
    shown: &Path,
    languages: &[Lang],
    diags: &mut Diagnostics,
) -> CheckConfig {
    let mut out = CheckConfig::default();
    for (id, level) in &raw.rules {
        let Some(rule) = crate::rules::find(id) else {
            let ids = crate::rules::RULES.iter().map(|r| r.id);
            let help = match did_you_mean(id, ids) {
                Some(s) => format!("did you mean `{s}`? `amparo check --rules` lists them all"),
                None => "`amparo check --rules` lists the rules".to_string(),
            };
            diags.push(
                Diagnostic::error("config/check", shown, format!("unknown rule `{id}`"))
                    .at(text, level.span())
                    .with_help(help),
            );
            continue;
        };
        let severity = match level.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "off" => None,
            other => {
                diags.push(
                    Diagnostic::error(
                        "config/check",
                        shown,
                        format!("`{other}` is not a rule level"),
                    )
                    .at(text, level.span())
                    .with_help("write \"error\", \"warning\" or \"off\""),
                );
                continue;
            }
        };
        out.rules.insert(rule.id, severity);
    }
    for (tag, thresholds) in raw.readability {
        match Lang::parse(&tag) {
            Ok(l) if languages.contains(&l) => {
                out.readability.insert(l, thresholds.into_inner());
            }
            _ => diags.push(
                Diagnostic::error(
                    "config/check",
                    shown,
                    format!(
                        "`check.readability.{tag}`: `{tag}` is not one of the site's languages"
                    ),
                )
                .at(text, thresholds.span())
                .with_help(format!("use one of: {}", join(languages))),
            ),
        }
    }
    let kb = |v: &Option<Spanned<i64>>, key: &str, default: u64, diags: &mut Diagnostics| {
        number(v, key, 1, 10_000, text, shown, diags).map_or(default, |n| u64::from(n) * 1024)
    };
    let d = Budget::default();
    out.budget = Budget {
        first_load: kb(
            &raw.budget.first_load_kb,
            "check.budget.first_load_kb",
            d.first_load,
            diags,
        ),
        images: kb(
            &raw.budget.images_kb,
            "check.budget.images_kb",
            d.images,
            diags,
        ),
    };
    out
}

/// `[images]`, each value in its range.
fn image_settings(
    raw: &RawImages,
    text: &str,
    shown: &Path,
    diags: &mut Diagnostics,
) -> ImageSettings {
    let d = ImageSettings::default();
    ImageSettings {
        quality: number(&raw.quality, "images.quality", 1, 100, text, shown, diags)
            .and_then(|q| u8::try_from(q).ok())
            .unwrap_or(d.quality),
        max_width: number(
            &raw.max_width,
            "images.max_width",
            64,
            4096,
            text,
            shown,
            diags,
        )
        .unwrap_or(d.max_width),
    }
}

/// A whole number of site.toml between `lo` and `hi`; `None` (and an error) when outside.
fn number(
    v: &Option<Spanned<i64>>,
    key: &str,
    lo: u32,
    hi: u32,
    text: &str,
    shown: &Path,
    diags: &mut Diagnostics,
) -> Option<u32> {
    let v = v.as_ref()?;
    match u32::try_from(*v.get_ref()) {
        Ok(n) if (lo..=hi).contains(&n) => Some(n),
        _ => {
            diags.push(
                Diagnostic::error(
                    "config/range",
                    shown,
                    format!("`{key}` is {}; it must be from {lo} to {hi}", v.get_ref()),
                )
                .at(text, v.span())
                .with_help(format!("write a whole number from {lo} to {hi}")),
            );
            None
        }
    }
}

fn check_contact(
    i: usize,
    c: RawContact,
    text: &str,
    shown: &Path,
    site_langs: &[Lang],
    numbers: &mut Unchecked,
    diags: &mut Diagnostics,
) -> Contact {
    if let Some(v) = &c.phone {
        numbers.add(i, &c.name, phones::Field::Phone, v);
    }
    if let Some(v) = &c.whatsapp {
        numbers.add(i, &c.name, phones::Field::Whatsapp, v);
    }
    let email = c.email.as_ref().and_then(|e| {
        let s = e.get_ref();
        let ok = s.split_once('@').is_some_and(|(u, d)| {
            !u.is_empty() && d.contains('.') && !s.contains(char::is_whitespace)
        });
        if !ok {
            diags.push(
                Diagnostic::error(
                    "config/email",
                    shown,
                    format!("contact `{}`: `{s}` is not an email address", c.name),
                )
                .at(text, e.span())
                .with_help("write it like name@example.org"),
            );
        }
        ok.then(|| s.clone())
    });
    if c.phone.is_none() && c.whatsapp.is_none() && c.email.is_none() {
        diags.push(
            Diagnostic::error(
                "config/contact",
                shown,
                format!("contact `{}` has no phone, whatsapp or email", c.name),
            )
            .with_help("a contact needs at least one way to reach it"),
        );
    }
    let hours = c
        .hours
        .into_iter()
        .filter_map(|(tag, h)| match Lang::parse(&tag) {
            Ok(l) if site_langs.contains(&l) => Some((l, h)),
            _ => {
                diags.push(
                    Diagnostic::error("config/contact", shown, format!("contact `{}`: hours for `{tag}`, which is not one of the site's languages", c.name))
                        .with_help(format!("use one of: {}", join(site_langs))),
                );
                None
            }
        })
        .collect();
    let languages = c
        .languages
        .iter()
        .filter_map(|t| match Lang::parse(t.get_ref()) {
            Ok(l) => Some(l),
            Err(e) => {
                diags.push(
                    Diagnostic::error("config/contact", shown, e.to_string()).at(text, t.span()),
                );
                None
            }
        })
        .collect();
    Contact {
        name: c.name,
        // Put in once checked.
        phone: None,
        whatsapp: None,
        email,
        hours,
        languages,
    }
}

pub(crate) fn join(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(Lang::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
