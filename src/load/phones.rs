//! Phone numbers: E.164, checked against the world's numbering plans (`phonenumber`), with
//! the form the pages show. Making those plans ready takes about 70 ms, longer than reading a
//! small site whole, so `site.toml`'s numbers are read with it ([`Unchecked`]) and checked
//! beside the theme and content ([`Unchecked::check`]), then put into the contacts
//! (`SiteConfig::put_numbers`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::PathBuf;
use toml::Spanned;

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
        let digits = s
            .strip_prefix('+')
            .ok_or("it must start with `+` and the country code")?;
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(
                "after the `+` it must have 8 to 15 digits and nothing else (no spaces or dashes)"
                    .into(),
            );
        }
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
    pub(super) fn new(text: &str, shown: PathBuf) -> Unchecked {
        Unchecked {
            text: text.to_string(),
            shown,
            numbers: Vec::new(),
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

    /// Checks every number: a diagnostic for each that is not a valid E.164 number.
    pub fn check(self, diags: &mut Diagnostics) -> Checked {
        let mut checked = Vec::new();
        for n in self.numbers {
            match PhoneNumber::parse(n.value.get_ref()) {
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
        Checked(checked)
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
        let mut numbers = Unchecked::new(text, "site.toml".into());
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
