//! The one-page poster: the pages' `poster` lines in reading order, the contacts, and a QR code
//! that a phone can read, holding the address of the language's home.

use crate::common::*;

/// Reads the QR code of an inline SVG back: its path's runs become a grid of modules, which a
/// QR decoder reads like a camera image would.
fn decode_qr(svg: &str) -> String {
    let view = svg.to_ascii_lowercase();
    let view = view.split("viewbox=\"0 0 ").nth(1).unwrap();
    let size: usize = view.split(' ').next().unwrap().parse().unwrap();
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; size * size];
    for seg in d.split('M').filter(|s| !s.is_empty()) {
        // `x yhNv1h-Nz`
        let (xy, rest) = seg.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let run: usize = rest.split('v').next().unwrap().parse().unwrap();
        for i in 0..run {
            dark[y * size + x + i] = true;
        }
    }
    let scale = 6;
    let px = size * scale;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if dark[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("the QR code decodes").1
}

/// The QR code's `<svg>` in a page, if any.
fn qr_svg(page: &str) -> Option<String> {
    page.split("<svg")
        .find(|s| {
            s.split('>')
                .next()
                .is_some_and(|tag| tag.contains("class=qr") || tag.contains("class=\"qr\""))
        })
        .map(|s| s.split("</svg>").next().unwrap_or(s).to_string())
}

fn with_base_url(site: &Site) {
    let path = site.root().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "theme = \"default\"",
        "theme = \"default\"\nbase_url = \"https://amparo.example.org/derechos/\"",
        1,
    );
    assert!(text.contains("base_url"), "{text}");
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_poster_lists_the_points_and_its_qr_code_opens_the_language_home() {
    let site = Site::fixture(".");
    with_base_url(&site);
    site.build().unwrap_or_else(|d| panic!("{d}"));
    for lang in ["es", "en", "quc", "mam"] {
        let poster = site.read(&format!("{lang}/poster/index.html"));
        let qr = qr_svg(&poster).unwrap_or_else(|| panic!("{lang}: no QR code"));
        assert_eq!(
            decode_qr(&qr),
            format!("https://amparo.example.org/derechos/{lang}/")
        );
        assert!(poster.contains("tel:+525571001542"), "{lang}: the phone");
        assert!(
            poster.contains("https://wa.me/12029189431"),
            "{lang}: WhatsApp"
        );
    }
    let es = site.read("es/poster/index.html");
    let first = es.find("Tienes derechos, aunque viajes").unwrap();
    let asylum = es.find("Tienes derecho a pedir asilo en México").unwrap();
    assert!(first < asylum, "points follow the reading order");
    // K'iche' has no lines of its own yet: it shows the Spanish ones, marked as Spanish.
    let quc = site.read("quc/poster/index.html");
    let langs = attrs(&quc, ".points li", "lang");
    assert_eq!(
        langs.len(),
        texts(&quc, ".points li").len(),
        "every point has a lang"
    );
    assert!(!langs.is_empty(), "{quc}");
    assert!(langs.iter().all(|l| l == "es"), "{quc}");
    assert!(quc.contains("Tienes derecho a pedir asilo en México"));
    // Every page links to its language's poster.
    assert!(site.read("en/index.html").contains("poster/index.html"));
}

#[test]
fn without_base_url_there_is_no_qr_code_and_without_poster_lines_the_sections_show() {
    let site = Site::fixture("minimal");
    site.build().unwrap_or_else(|d| panic!("{d}"));
    let poster = site.read("es/poster/index.html");
    assert!(qr_svg(&poster).is_none(), "no address, no QR code");
    assert!(poster.contains("tel:+525571001542"));
    let points = texts(&poster, ".points li");
    assert_eq!(points.len(), 1, "one section: {points:?}");
    assert!(points[0].contains("Guía"), "{points:?}");
}
