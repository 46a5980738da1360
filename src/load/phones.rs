//! Phone numbers: E.164, checked against the world's numbering plans (`phonenumber`), with
//! the form the pages show. Making those plans ready takes about 70 ms, longer than reading a
//! small site whole, so `site.toml`'s numbers are read with it ([`Unchecked`]) and checked
//! beside the theme and content ([`Unchecked::check`]), then put into the contacts
//! (`SiteConfig::put_numbers`). The numbers found valid are kept in [`KEPT`] with their display
//! form, for the same program: a later build of the same numbers needs no plans at all, and a
//! small site builds in a third of the time.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Where the valid numbers are kept between builds, below the site's root: a first line naming
/// the program that checked them ([`Kept::stamp`]), then one number a line, its E.164 form and
/// its display form separated by a tab.
pub const KEPT: &str = ".amparo/cache/phones.tsv";

/// A phone number validated as E.164, with its display form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PhoneNumber {
    /// `+525571001542`
    pub e164: String,
    /// `+52 55 7100 1542`
    pub international: String,
}

impl PhoneNumber {
    /// Accepts only E.164 (`+` and 8 to 15 digits) that is a valid number for its country.
    pub fn parse(s: &str) -> Result<PhoneNumber, String> {
        shape(s)?;
        let parsed =
            phonenumber::parse(None, s).map_err(|e| format!("it is not a phone number ({e})"))?;
        if !parsed.is_valid() {
            return Err("it is not a valid number for its country code".into());
        }
        // Groups split by spaces only (`+1 202 918 9431`, not `+1 202-918-9431`): one way of
        // writing numbers, as the pages write them, easy to read aloud and to type.
        let international = parsed
            .format()
            .mode(phonenumber::Mode::International)
            .to_string()
            .replace('-', " ");
        Ok(PhoneNumber {
            e164: s.to_string(),
            international,
        })
    }

    /// The digits alone, as `https://wa.me/` wants them.
    pub fn digits(&self) -> &str {
        &self.e164[1..]
    }
}

/// E.164's form, without the numbering plans: `+` and 8 to 15 digits, nothing else.
fn shape(s: &str) -> Result<(), String> {
    let digits = s
        .strip_prefix('+')
        .ok_or("it must start with `+` and the country code")?;
    if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(
            "after the `+` it must have 8 to 15 digits and nothing else (no spaces or dashes)"
                .into(),
        );
    }
    Ok(())
}

/// Which of a contact's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `phone`: a number to call.
    Phone,
    /// `whatsapp`: a number to write to.
    Whatsapp,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Phone => "phone",
            Field::Whatsapp => "whatsapp",
        }
    }
}

/// The numbers of `site.toml`'s contacts, read but not checked yet.
#[derive(Debug, Default)]
pub struct Unchecked {
    /// `site.toml`'s text and its name, for the diagnostics.
    text: String,
    shown: PathBuf,
    numbers: Vec<Number>,
    /// The file the valid numbers are kept in ([`KEPT`] below the site's root), if any.
    kept: Option<PathBuf>,
}

#[derive(Debug)]
struct Number {
    /// The contact's place in `site.toml`, and its name.
    contact: usize,
    name: String,
    field: Field,
    value: Spanned<String>,
}

/// Checked numbers, each with the contact and field it belongs to.
#[derive(Debug, Default)]
pub struct Checked(Vec<(usize, Field, PhoneNumber)>);

impl Unchecked {
    /// Numbers of `site.toml` (its `text`, named `shown` in diagnostics), whose valid ones are
    /// kept in the file `kept` between builds.
    pub(super) fn new(text: &str, shown: PathBuf, kept: Option<PathBuf>) -> Unchecked {
        Unchecked {
            text: text.to_string(),
            shown,
            numbers: Vec::new(),
            kept,
        }
    }

    /// Keeps contact `contact`'s (`name`) `field`, to be checked.
    pub(super) fn add(
        &mut self,
        contact: usize,
        name: &str,
        field: Field,
        value: &Spanned<String>,
    ) {
        self.numbers.push(Number {
            contact,
            name: name.to_string(),
            field,
            value: value.clone(),
        });
    }

    /// Checks every number: a diagnostic for each that is not a valid E.164 number. A number
    /// the same program found valid before is taken as kept, without the numbering plans.
    pub fn check(self, diags: &mut Diagnostics) -> Checked {
        let stamp = Kept::stamp();
        let kept = match (&self.kept, &stamp) {
            (Some(file), Some(stamp)) => Kept::read(file, stamp),
            _ => Kept::default(),
        };
        let mut checked = Vec::new();
        let mut new = false;
        for n in self.numbers {
            let number = n.value.get_ref();
            // The form is checked whatever is kept: the file is only an answer of the plans.
            let parsed = match kept.0.get(number).filter(|_| shape(number).is_ok()) {
                Some(international) => Ok(PhoneNumber {
                    e164: number.clone(),
                    international: international.clone(),
                }),
                None => PhoneNumber::parse(number).inspect(|_| new = true),
            };
            match parsed {
                Ok(p) => checked.push((n.contact, n.field, p)),
                Err(why) => diags.push(
                    Diagnostic::error(
                        "config/phone",
                        &self.shown,
                        format!(
                            "contact `{}`: {} `{}` is not an E.164 number: {why}",
                            n.name,
                            n.field.key(),
                            n.value.get_ref()
                        ),
                    )
                    .at(&self.text, n.value.span())
                    .with_help("write the number as + country code + number, digits only, e.g. \"+525571001542\""),
                ),
            }
        }
        if let (true, Some(file), Some(stamp)) = (new, &self.kept, &stamp) {
            Kept::write(file, stamp, checked.iter().map(|(_, _, p)| p));
        }
        Checked(checked)
    }
}

/// Valid numbers as [`KEPT`] holds them: E.164 form → display form.
#[derive(Default)]
struct Kept(HashMap<String, String>);

impl Kept {
    /// The running program, as the first line of [`KEPT`]: its version, and its executable's
    /// size and time, which change whenever it is built again (and its numbering plans may).
    /// `None` when the executable cannot be looked at: then nothing is kept.
    fn stamp() -> Option<String> {
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let time = exe.modified().ok()?.duration_since(std::time::UNIX_EPOCH);
        Some(format!(
            "amparo {} {} {}",
            env!("CARGO_PKG_VERSION"),
            exe.len(),
            time.ok()?.as_nanos()
        ))
    }

    /// The numbers kept in `file` by the program `stamp` names; none when another program
    /// kept them, or the file is missing or unreadable.
    fn read(file: &Path, stamp: &str) -> Kept {
        let Ok(text) = std::fs::read_to_string(file) else {
            return Kept::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(stamp) {
            return Kept::default();
        }
        let numbers = lines.filter_map(|l| l.split_once('\t'));
        Kept(numbers.map(|(a, b)| (a.into(), b.into())).collect())
    }

    /// Keeps `numbers` in `file`, replacing it whole by a rename so that a reader never sees
    /// half of it. A file that cannot be written is let go: keeping it only saves time.
    fn write<'a>(file: &Path, stamp: &str, numbers: impl Iterator<Item = &'a PhoneNumber>) {
        let mut text = format!("{stamp}\n");
        for p in numbers {
            text.push_str(&format!("{}\t{}\n", p.e164, p.international));
        }
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir)
                .and_then(|()| super::write_whole(file, text.as_bytes()));
        }
    }
}

impl Checked {
    /// Each number, with its contact's place in `site.toml` and its field.
    pub fn into_numbers(self) -> impl Iterator<Item = (usize, Field, PhoneNumber)> {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_numbers_are_validated_and_formatted() {
        let p = PhoneNumber::parse("+525571001542").unwrap();
        assert_eq!(p.international, "+52 55 7100 1542");
        assert_eq!(p.digits(), "525571001542");
        // Written as the pages write numbers: spaces between groups, never dashes.
        let us = PhoneNumber::parse("+12029189431").unwrap();
        assert_eq!(us.international, "+1 202 918 9431");
        for bad in [
            "55 7100 1542",
            "+52 55 7100 1542",
            "+52-55-7100-1542",
            "+1",
            "+999999999999",
            "",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn checked_numbers_keep_their_contact_and_field_and_bad_ones_are_named() {
        let text = "phone = \"+525571001542\"\nwhatsapp = \"+12029189431\"\nbad = \"+52 55\"\n";
        let at = |v: &str| {
            let start = text.find(v).unwrap();
            Spanned::new(start..start + v.len(), v.to_string())
        };
        let mut numbers = Unchecked::new(text, "site.toml".into(), None);
        numbers.add(1, "KIND", Field::Whatsapp, &at("+12029189431"));
        numbers.add(0, "DIF", Field::Phone, &at("+525571001542"));
        numbers.add(0, "DIF", Field::Whatsapp, &at("+52 55"));
        let mut diags = Diagnostics::default();
        let checked = numbers.check(&mut diags);
        let numbers: Vec<(usize, Field, String)> = (checked.into_numbers())
            .map(|(i, field, p)| (i, field, p.e164))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, Field::Whatsapp, "+12029189431".to_string()),
                (0, Field::Phone, "+525571001542".to_string())
            ]
        );
        assert_eq!(diags.len(), 1);
        let d = diags.iter().next().unwrap();
        assert!(
            d.message.starts_with("contact `DIF`: whatsapp `+52 55`"),
            "{d}"
        );
        assert_eq!(d.span.unwrap().line, 3);
    }
}
