//! Images made for tests: a small PNG, and a photo as a phone takes it — large, with EXIF that
//! holds a GPS position, a description naming a place, and an orientation.

use image::{ImageEncoder, Rgb, RgbImage};

/// Written into the photo's EXIF description: no output file may hold it.
pub const PLACE_MARKER: &[u8] = b"ALBERGUE-CASA-MARIA-CALLE-5";

/// The GPS latitude's seconds (44.37"), as EXIF stores them: no output file may hold them.
pub const GPS_SECONDS: [u8; 8] = [0x55, 0x11, 0, 0, 0x64, 0, 0, 0];

/// A PNG of `w`×`h` in flat bands of colour, like an icon or a drawing.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| Rgb([(x * 7 % 256) as u8, 90, 160]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A JPEG of `w`×`h` (as stored: the camera held sideways, EXIF orientation 6 turns it upright
/// to `h`×`w`) with busy detail, like a photo, and EXIF with a GPS position and a description.
pub fn photo_with_gps(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let img = RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = seed & 0x7;
        Rgb([
            ((x / 3 + n) % 256) as u8,
            ((y / 2 + n) % 256) as u8,
            (((x + y) / 5 + n) % 256) as u8,
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&img)
        .unwrap();
    // APP1 (EXIF) right after the start-of-image marker, as cameras write it.
    let exif = exif_with_gps();
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `Exif\0\0` and a little-endian TIFF: IFD0 with the orientation, a description and a pointer
/// to the GPS IFD (latitude 32° 31' 44.37" N, longitude 117° 2' 12.34" W: Tijuana).
fn exif_with_gps() -> Vec<u8> {
    let desc: Vec<u8> = [PLACE_MARKER, b"\0"].concat();
    // Offsets from the TIFF header. IFD0 at 8: 3 entries.
    let ifd0 = 8u32;
    let ifd0_len = 2 + 3 * 12 + 4;
    let desc_at = ifd0 + ifd0_len;
    let gps_at = desc_at + desc.len() as u32;
    let gps_len = 2 + 4 * 12 + 4;
    let lat_at = gps_at + gps_len;
    let lon_at = lat_at + 24;
    let mut t = Vec::new();
    t.extend_from_slice(b"II\x2a\x00");
    t.extend_from_slice(&ifd0.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value);
    };
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x010E, 2, desc.len() as u32, desc_at.to_le_bytes()); // ImageDescription
    entry(&mut t, 0x0112, 3, 1, [6, 0, 0, 0]); // Orientation: rotate 90° clockwise
    entry(&mut t, 0x8825, 4, 1, gps_at.to_le_bytes()); // GPSInfo
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(&desc);
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 1, 2, 2, *b"N\0\0\0");
    entry(&mut t, 2, 5, 3, lat_at.to_le_bytes());
    entry(&mut t, 3, 2, 2, *b"W\0\0\0");
    entry(&mut t, 4, 5, 3, lon_at.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    for (num, den) in [
        (32u32, 1u32),
        (31, 1),
        (4437, 100),
        (117, 1),
        (2, 1),
        (1234, 100),
    ] {
        t.extend_from_slice(&num.to_le_bytes());
        t.extend_from_slice(&den.to_le_bytes());
    }
    [b"Exif\0\0".as_slice(), &t].concat()
}
