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
