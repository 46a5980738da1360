//! QR codes as small inline SVG: one path, one run of dark modules per `h` segment, a quiet zone
//! of four modules, black on white so it scans from a black-and-white print.

use qrcode::{EcLevel, QrCode};

/// The quiet zone the QR specification asks for, in modules.
const QUIET: usize = 4;

/// An SVG QR code for `text`, labelled for screen readers. Medium error correction survives a
/// folded or smudged poster.
pub fn svg(text: &str, label: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| format!("cannot make a QR code of `{text}`: {e}"))?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == qrcode::Color::Dark {
                let start = x;
                while x < width && row[x] == qrcode::Color::Dark {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET));
            } else {
                x += 1;
            }
        }
    }
    let size = width + 2 * QUIET;
    Ok(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>",
        super::markdown::escape(label)
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_svg_is_one_path_with_a_quiet_zone() {
        let svg = super::svg("https://example.org/es/", "QR").unwrap();
        assert_eq!(svg.matches("<path").count(), 1);
        // Version 2 (25 modules) for this address, plus 4 modules of quiet zone each side.
        assert!(svg.contains("viewBox=\"0 0 33 33\""), "{svg}");
        assert!(
            svg.contains("M4 4h7v1h-7z"),
            "the top-left finder starts the first row"
        );
    }
}
