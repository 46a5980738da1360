//! The default theme keeps its promises to readers: text contrast of at least 7:1, body text of
//! at least 18 px with a line height of at least 1.5, 48 px tap targets, visible focus, print
//! styles, and no web fonts.

use crate::common::repo;
use std::collections::HashMap;

fn css() -> String {
    std::fs::read_to_string(repo().join("themes/default/static/style.css")).unwrap()
}

fn palette(css: &str) -> HashMap<String, String> {
    css.lines()
        .filter_map(|l| {
            let (name, value) = l.trim().strip_prefix("--")?.split_once(':')?;
            Some((
                name.trim().to_string(),
                value.trim().trim_end_matches(';').to_string(),
            ))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let c: Vec<f64> = (0..3)
        .map(|i| u8::from_str_radix(&h[i * 2..i * 2 + 2], 16).unwrap() as f64 / 255.0)
        .map(|v| {
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        })
        .collect();
    0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn contrast_formula_matches_known_values() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
}

#[test]
fn every_text_colour_pair_reaches_7_to_1() {
    let css = css();
    let p = palette(&css);
    let get = |n: &str| p.get(n).cloned().unwrap_or_else(|| n.to_string());
    // (text, background) as the stylesheet combines them, including the callout tints.
    let pairs = [
        ("ink", "bg"),
        ("muted", "bg"),
        ("link", "bg"),
        ("#ffffff", "accent"),
        ("ink", "help-bg"),
        ("link", "help-bg"),
        ("ink", "soft"),
        ("link", "soft"),
        ("muted", "soft"),
        ("ink", "#eaf6ec"),
        ("link", "#eaf6ec"),
        ("ink", "#fff4e5"),
        ("link", "#fff4e5"),
    ];
    for (fg, bg) in pairs {
        let ratio = contrast(&get(fg), &get(bg));
        assert!(ratio >= 7.0, "{fg} on {bg}: {ratio:.2}:1");
    }
    for tint in ["#eaf6ec", "#fff4e5"] {
        assert!(
            css.contains(tint),
            "the tint {tint} checked above is the one the stylesheet uses"
        );
    }
}

#[test]
fn body_text_is_large_and_airy() {
    let css = css();
    let body = css
        .split("body {")
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap();
    let font = body
        .lines()
        .find(|l| l.trim().starts_with("font:"))
        .unwrap();
    let size: f64 = font
        .split("rem/")
        .next()
        .unwrap()
        .trim()
        .trim_start_matches("font:")
        .trim()
        .parse()
        .unwrap();
    let line: f64 = font
        .split("rem/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(size * 16.0 >= 18.0, "body text is {}px", size * 16.0);
    assert!(line >= 1.5, "line height {line}");
}

#[test]
fn tap_targets_focus_print_and_no_web_fonts() {
    let css = css();
    for sel in [
        ".btn {",
        ".langs a {",
        ".brand, .sos {",
        ".crumbs a {",
        ".foot a {",
        ".pager a {",
    ] {
        let rule = css
            .split(sel)
            .nth(1)
            .unwrap_or_else(|| panic!("{sel}"))
            .split('}')
            .next()
            .unwrap();
        assert!(
            rule.contains("min-height: 48px"),
            "{sel} has a 48px tap target"
        );
    }
    assert!(css.contains(":focus-visible { outline: .25rem solid"));
    assert!(css.contains("@media print"));
    assert!(!css.contains("@font-face") && !css.contains("@import"));
}
