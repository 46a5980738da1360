//! Contacts' phone numbers: checked against the numbering plans once, then kept in
//! `.amparo/cache/phones.tsv` for the next builds of the same program, which need no plans.

use crate::common::*;

const KEPT: &str = ".amparo/cache/phones.tsv";
/// The minimal fixture's number, as the plans write it for the pages.
const SHOWN: &str = "+52 55 7100 1542";
const PAGE: &str = "es/404.html";

fn kept(site: &Site) -> String {
    std::fs::read_to_string(site.root().join(KEPT)).unwrap_or_else(|e| panic!("{KEPT}: {e}"))
}

/// Every output file with its bytes.
fn output(site: &Site) -> Vec<(String, Vec<u8>)> {
    let out = site.out();
    files(&out)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_number_checked_once_is_kept_and_the_same_program_trusts_it_next_time() {
    let site = Site::fixture("minimal");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(site.read(PAGE).contains(SHOWN));
    let first = kept(&site);
    let mut lines = first.lines();
    let stamp = lines.next().unwrap().to_string();
    assert!(stamp.starts_with("amparo "), "{first}");
    assert_eq!(
        lines.collect::<Vec<_>>(),
        [format!("+525571001542\t{SHOWN}")]
    );

    // Built again from what was kept: the same output, byte for byte.
    let before = output(&site);
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(kept(&site), first, "nothing new to keep");
    assert!(output(&site) == before, "a build from kept numbers differs");

    // What is kept is what the build shows (here changed by hand, so that the page tells).
    site.write(KEPT, first.replace(SHOWN, "+52 5571 001542"));
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(site.read(PAGE).contains("+52 5571 001542"));

    // Kept by another program (a new version, whose plans may differ): checked again.
    site.write(
        KEPT,
        first
            .replace(&stamp, "amparo 0.0.0 1 1")
            .replace(SHOWN, "+52 5571 001542"),
    );
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(site.read(PAGE).contains(SHOWN));
    assert_eq!(kept(&site), first, "the new program keeps its own answer");
}

#[test]
fn a_new_number_is_checked_and_kept_and_a_bad_kept_file_is_no_problem() {
    let site = Site::fixture("minimal");
    site.build().unwrap_or_else(|d| panic!("{d}"));

    // Garbage where the numbers are kept: the numbers are checked again, the file made anew.
    site.write(KEPT, b"\xff\xfe\0 not a list\n+525571001542\n");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(site.read(PAGE).contains(SHOWN));
    assert!(kept(&site).contains(&format!("+525571001542\t{SHOWN}\n")));

    // A second number: checked against the plans, shown, kept beside the first.
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let config = config.replace(
        "phone = \"+525571001542\"",
        "phone = \"+525571001542\"\nwhatsapp = \"+12029189431\"",
    );
    site.write("site.toml", &config);
    site.build().unwrap_or_else(|d| panic!("{d}"));
    assert!(kept(&site).contains("+12029189431\t+1 202 918 9431\n"));
    assert!(kept(&site).contains(&format!("+525571001542\t{SHOWN}\n")));

    // A bad number is an error whatever is kept, and it is not kept.
    site.write(
        "site.toml",
        config.replace("\"+12029189431\"", "\"+1202918943\""),
    );
    let d = site.errors();
    assert!(find(&d, "config/phone").message.contains("+1202918943"));
    assert!(!kept(&site).contains("+1202918943\t"));

    // A number not in E.164's form is an error even when the kept file says it is valid.
    let stamp = kept(&site).lines().next().unwrap().to_string();
    site.write(KEPT, format!("{stamp}\n55 7100 1542\t55 7100 1542\n"));
    site.write(
        "site.toml",
        config.replace("\"+12029189431\"", "\"55 7100 1542\""),
    );
    let d = site.errors();
    assert!(find(&d, "config/phone").message.contains("55 7100 1542"));
}
