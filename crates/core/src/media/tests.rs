use proptest::prelude::*;

use super::*;

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];

#[test]
fn recognises_pictures_by_their_bytes_not_their_names() {
    assert_eq!(ImageType::sniff(PNG), Some(ImageType::Png));
    assert_eq!(ImageType::sniff(JPEG), Some(ImageType::Jpeg));
    assert_eq!(ImageType::sniff(b"GIF89a...."), Some(ImageType::Gif));
    assert_eq!(
        ImageType::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
        Some(ImageType::Webp)
    );
    assert_eq!(ImageType::sniff(b"%PDF-1.7"), None);
    assert_eq!(ImageType::sniff(b""), None);
}

#[test]
fn stores_a_picture_once_by_its_content() {
    let dir = tempfile::tempdir().expect("dir");
    let first = store(dir.path(), "bread.png", PNG).expect("stored");
    let again = store(dir.path(), "copy of bread.png", PNG).expect("stored again");
    assert_eq!(first, again);
    assert_eq!(first.mime, ImageType::Png);
    assert!(first.file.starts_with("media/") && first.file.ends_with(".png"));
    assert_eq!(
        std::fs::read(dir.path().join(&first.file)).expect("file"),
        PNG
    );
    assert_eq!(parse(&first.file).expect("parsed"), first);
    let other = store(dir.path(), "cake.jpg", JPEG).expect("stored");
    assert_ne!(other.file, first.file);
}

#[test]
fn refuses_what_is_not_a_picture_naming_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let err = store(dir.path(), "menu.pdf", b"%PDF-1.7").expect_err("not a picture");
    assert_eq!(err.code(), "unsupported_media");
    assert!(err.to_string().contains("menu.pdf"));
    let mut huge = PNG.to_vec();
    huge.resize(MAX_BYTES + 1, 0);
    let err = store(dir.path(), "huge.png", &huge).expect_err("too large");
    assert_eq!(err.code(), "media_too_large");
    assert!(err.to_string().contains("21 MB"), "{err}");
}

#[test]
fn a_post_can_only_name_files_majlis_stored() {
    let hash = "ab".repeat(32);
    assert!(parse(&format!("media/ab/{hash}.jpg")).is_ok());
    for bad in [
        "../../etc/passwd".to_owned(),
        format!("media/ab/{hash}.exe"),
        format!("media/cd/{hash}.jpg"),
        format!("media/ab/../{hash}.jpg"),
        "media/ab/abab.jpg".to_owned(),
        format!("/media/ab/{hash}.jpg"),
    ] {
        assert_eq!(
            parse(&bad).expect_err(&bad).code(),
            "no_such_media",
            "{bad}"
        );
    }
}

#[test]
fn alt_text_is_trimmed_and_limited_and_odd_previews_are_dropped() {
    let dir = tempfile::tempdir().expect("dir");
    let file = store(dir.path(), "bread.png", PNG).expect("stored").file;
    let checked = check(&[NewMedia {
        file: file.clone(),
        alt: "  خبز التنور خارج من الفرن  ".into(),
        thumbnail: Some("javascript:alert(1)".into()),
    }])
    .expect("checked");
    assert_eq!(checked[0].alt, "خبز التنور خارج من الفرن");
    assert_eq!(checked[0].thumbnail, None);
    let long = NewMedia {
        file,
        alt: "ش".repeat(MAX_ALT_CHARS + 1),
        thumbnail: None,
    };
    assert_eq!(check(&[long]).expect_err("long").code(), "alt_too_long");
}

proptest! {
    /// Whatever a window sends as a file name, it is either one `store` could have made
    /// or refused: never a path out of the media folder.
    #[test]
    fn parse_never_accepts_a_path_out_of_the_folder(file in "[ -~]{0,90}") {
        if let Ok(parsed) = parse(&file) {
            prop_assert!(!parsed.file.contains(".."));
            prop_assert!(parsed.file.starts_with("media/"));
            prop_assert_eq!(parsed.file.matches('/').count(), 2);
        }
    }
}

/// A real `width`×`height` picture in `format`.
fn picture(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .expect("encoded");
    bytes
}

#[test]
fn an_outside_picture_is_stored_re_encoded_with_a_preview() {
    let dir = tempfile::tempdir().expect("dir");
    let mut photo = picture(1200, 800, image::ImageFormat::Jpeg);
    // Something hidden after the picture's end (a polyglot's payload).
    photo.extend_from_slice(b"<script>alert(1)</script>");
    let cleaned = store_untrusted(dir.path(), "sara.jpg", &photo).expect("stored");
    let stored = std::fs::read(dir.path().join(&cleaned.file.file)).expect("file");
    assert_eq!(cleaned.file.mime, ImageType::Jpeg);
    assert!(
        !stored.windows(8).any(|w| w == b"<script>"),
        "the payload is gone"
    );
    let decoded = image::load_from_memory(&stored).expect("a picture");
    assert_eq!((decoded.width(), decoded.height()), (1200, 800));
    assert!(cleaned.thumbnail.starts_with("data:image/jpeg;base64,"));
    assert!(cleaned.thumbnail.len() < 100_000);
}

#[test]
fn a_picture_under_the_wrong_name_is_taken_for_what_it_is() {
    let dir = tempfile::tempdir().expect("dir");
    let png = picture(40, 30, image::ImageFormat::Png);
    let cleaned = store_untrusted(dir.path(), "not-really.jpg", &png).expect("stored");
    // No transparency: kept as a JPEG, whatever it was called.
    assert_eq!(cleaned.file.mime, ImageType::Jpeg);
}

#[test]
fn svg_pages_bombs_and_oversized_files_from_outside_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#;
    assert!(matches!(
        store_untrusted(dir.path(), "cute.svg", svg),
        Err(Error::UnsupportedMedia(_))
    ));
    assert!(matches!(
        store_untrusted(dir.path(), "photo.jpg", b"<html><body>hi</body></html>"),
        Err(Error::UnsupportedMedia(_))
    ));
    // A PNG header declaring 100,000 × 100,000 pixels: refused before any is decoded.
    let mut bomb = picture(2, 2, image::ImageFormat::Png);
    bomb[16..20].copy_from_slice(&100_000_u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000_u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let refused = store_untrusted(dir.path(), "bomb.png", &bomb);
    assert!(
        matches!(&refused, Err(Error::Media(m)) if m.contains("limit")),
        "{refused:?}"
    );
    let mut huge = JPEG.to_vec();
    huge.resize(MAX_BYTES + 1, 0);
    assert!(matches!(
        store_untrusted(dir.path(), "huge.jpg", &huge),
        Err(Error::MediaTooLarge { .. })
    ));
    // A truncated picture is not half-shown.
    let photo = picture(64, 64, image::ImageFormat::Png);
    assert!(store_untrusted(dir.path(), "cut.png", &photo[..photo.len() / 2]).is_err());
    assert!(
        std::fs::read_dir(dir.path())
            .map(|d| d.count())
            .unwrap_or(0)
            == 0,
        "nothing refused was stored"
    );
}

/// PNG's chunk checksum (CRC-32, ISO 3309), so the bomb's header reads as valid.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
