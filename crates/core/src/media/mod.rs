//! Media: the pictures a post carries, each with alt text for people who cannot see it.
//!
//! Adding a picture copies it into the data directory under `media/`, named by the
//! SHA-256 of its bytes: the post keeps working if the original is moved or deleted, and
//! the same picture added twice is stored once. Only the formats every network takes
//! are accepted, recognised by their bytes rather than their file name.

use std::path::Path;

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::posts::PostId;
use crate::{Error, Result};

/// The largest picture Majlis takes (Bluesky's own limit is 1 MB after its resizing;
/// the publisher resizes, so this only keeps the data directory sane).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The longest alt text (Mastodon's limit, the strictest of the networks).
pub const MAX_ALT_CHARS: usize = 1500;
/// The largest thumbnail kept in the database, as a data URL.
const MAX_THUMBNAIL_CHARS: usize = 200_000;

/// A picture format every network takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum ImageType {
    /// JPEG.
    #[serde(rename = "image/jpeg")]
    Jpeg,
    /// PNG.
    #[serde(rename = "image/png")]
    Png,
    /// GIF.
    #[serde(rename = "image/gif")]
    Gif,
    /// WebP.
    #[serde(rename = "image/webp")]
    Webp,
}

impl ImageType {
    const ALL: [Self; 4] = [Self::Jpeg, Self::Png, Self::Gif, Self::Webp];

    /// The type of a picture from its first bytes, if it is one Majlis takes.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(Self::Png),
            [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(Self::Gif),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(Self::Webp),
            _ => None,
        }
    }

    /// Its MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Gif => "gif",
            Self::Webp => "webp",
        }
    }
}

/// A picture copied into the data directory, ready to attach to posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MediaFile {
    /// Its path relative to the data directory (`media/3f/3fa9….jpg`).
    pub file: String,
    /// Its format.
    pub mime: ImageType,
}

/// A picture on a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Media {
    /// The stored file.
    pub file: MediaFile,
    /// What it shows, for screen readers; empty when the person wrote none.
    pub alt: String,
    /// A small preview (a `data:` URL), when the window made one.
    pub thumbnail: Option<String>,
}

/// A picture as the composer attaches it: a stored file, its alt text and preview.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewMedia {
    /// The path [`store`] returned.
    pub file: String,
    /// What it shows.
    pub alt: String,
    /// A small preview, as a `data:image/…` URL.
    pub thumbnail: Option<String>,
}

/// Copies `bytes` into `data_dir`'s media folder (once per content) and describes it.
/// `name` is the original file name, for the error message only.
pub fn store(data_dir: &Path, name: &str, bytes: &[u8]) -> Result<MediaFile> {
    let kind = ImageType::sniff(bytes).ok_or_else(|| Error::UnsupportedMedia(name.to_owned()))?;
    if bytes.len() > MAX_BYTES {
        return Err(Error::MediaTooLarge {
            name: name.to_owned(),
            megabytes: bytes.len().div_ceil(1024 * 1024),
            limit: MAX_BYTES / (1024 * 1024),
        });
    }
    let hash = format!("{:x}", Sha256::digest(bytes));
    let file = format!("media/{}/{hash}.{}", &hash[..2], kind.extension());
    let path = data_dir.join(&file);
    if !path.exists() {
        let folder = path.parent().unwrap_or(data_dir);
        std::fs::create_dir_all(folder).map_err(|e| Error::Media(e.to_string()))?;
        // Write beside it and rename, so a crash never leaves half a picture under its name.
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|e| Error::Media(e.to_string()))?;
    }
    Ok(MediaFile { file, mime: kind })
}

/// The widest or tallest picture taken from outside, in pixels (a decompression bomb
/// declares far more).
const MAX_SIDE: u32 = 8_192;
/// The most memory decoding one outside picture may take.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;
/// The longer side of an outside picture's preview, in pixels.
const PREVIEW_SIDE: u32 = 480;

/// A picture from outside, stored once re-encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    /// The stored, re-encoded file.
    pub file: MediaFile,
    /// A small JPEG preview, as a `data:` URL (what the window shows).
    pub thumbnail: String,
}

/// Stores a picture someone outside the brand made (a follower's photo): only a
/// JPEG, PNG, GIF or WebP by its bytes (an SVG, a page or a renamed file is refused),
/// within [`MAX_BYTES`] and [`MAX_SIDE`], decoded and encoded again (JPEG, or PNG when
/// it has transparency) so nothing of the original file but its pixels survives:
/// no metadata, no trailing payload, no second format hidden in it.
pub fn store_untrusted(data_dir: &Path, name: &str, bytes: &[u8]) -> Result<Cleaned> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::MediaTooLarge {
            name: name.to_owned(),
            megabytes: bytes.len().div_ceil(1024 * 1024),
            limit: MAX_BYTES / (1024 * 1024),
        });
    }
    let kind = ImageType::sniff(bytes).ok_or_else(|| Error::UnsupportedMedia(name.to_owned()))?;
    let format = match kind {
        ImageType::Jpeg => image::ImageFormat::Jpeg,
        ImageType::Png => image::ImageFormat::Png,
        ImageType::Gif => image::ImageFormat::Gif,
        ImageType::Webp => image::ImageFormat::WebP,
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let unreadable =
        |e: image::ImageError| Error::Media(format!("\"{name}\" cannot be read as a picture: {e}"));
    let picture = reader.decode().map_err(unreadable)?;
    let mut clean = Vec::new();
    if picture.color().has_alpha() {
        picture
            .write_to(
                &mut std::io::Cursor::new(&mut clean),
                image::ImageFormat::Png,
            )
            .map_err(unreadable)?;
    } else {
        jpeg(&picture, 90, &mut clean).map_err(unreadable)?;
    }
    let file = store(data_dir, name, &clean)?;
    let mut preview = Vec::new();
    jpeg(
        &picture.thumbnail(PREVIEW_SIDE, PREVIEW_SIDE),
        80,
        &mut preview,
    )
    .map_err(unreadable)?;
    use base64::Engine as _;
    Ok(Cleaned {
        file,
        thumbnail: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(preview)
        ),
    })
}

fn jpeg(picture: &image::DynamicImage, quality: u8, out: &mut Vec<u8>) -> image::ImageResult<()> {
    image::codecs::jpeg::JpegEncoder::new_with_quality(out, quality)
        .encode_image(&image::DynamicImage::ImageRgb8(picture.to_rgb8()))
}

/// The stored file a composer names, checked: only names [`store`] makes are accepted,
/// so a post can never point outside the media folder.
pub fn parse(file: &str) -> Result<MediaFile> {
    let unknown = || Error::NoSuchMedia(file.to_owned());
    let (hash, extension) = file
        .strip_prefix("media/")
        .and_then(|rest| rest.split_once('/'))
        .and_then(|(prefix, name)| name.split_once('.').filter(|(h, _)| h.starts_with(prefix)))
        .ok_or_else(unknown)?;
    let kind = ImageType::ALL
        .into_iter()
        .find(|t| t.extension() == extension)
        .ok_or_else(unknown)?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(unknown());
    }
    Ok(MediaFile {
        file: file.to_owned(),
        mime: kind,
    })
}

/// The bytes of a stored picture.
pub fn bytes(data_dir: &Path, file: &MediaFile) -> Result<Vec<u8>> {
    std::fs::read(data_dir.join(&file.file)).map_err(|_| Error::NoSuchMedia(file.file.clone()))
}

/// Checks what a composer attaches: names of stored files, alt texts within the limit,
/// previews that are small pictures (anything else is dropped, not shown).
pub fn check(attached: &[NewMedia]) -> Result<Vec<Media>> {
    attached
        .iter()
        .map(|m| {
            let alt = m.alt.trim().to_owned();
            let chars = alt.chars().count();
            if chars > MAX_ALT_CHARS {
                return Err(Error::AltTooLong {
                    chars,
                    limit: MAX_ALT_CHARS,
                });
            }
            let thumbnail = m.thumbnail.clone().filter(|t| {
                t.len() <= MAX_THUMBNAIL_CHARS
                    && [
                        "data:image/jpeg;base64,",
                        "data:image/png;base64,",
                        "data:image/webp;base64,",
                    ]
                    .iter()
                    .any(|p| t.starts_with(p))
            });
            Ok(Media {
                file: parse(&m.file)?,
                alt,
                thumbnail,
            })
        })
        .collect()
}

/// Replaces the pictures of `post` with `media`, in order.
pub(crate) fn replace(tx: &Transaction<'_>, post: PostId, media: &[Media]) -> Result<()> {
    tx.execute("DELETE FROM media WHERE post_id = ?1", params![post.0])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO media (post_id, position, file, alt, thumbnail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, m) in (0_i64..).zip(media) {
        insert.execute(params![post.0, position, m.file.file, m.alt, m.thumbnail])?;
    }
    Ok(())
}

/// The pictures of the posts matching `condition` on `posts p`, by post, in order.
pub(crate) fn of_posts(
    conn: &Connection,
    condition: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<(PostId, Media)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.post_id, m.file, m.alt, m.thumbnail
         FROM media m JOIN posts p ON p.id = m.post_id
         WHERE {condition}
         ORDER BY m.post_id, m.position"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut media = Vec::new();
    while let Some(r) = rows.next()? {
        let file: String = r.get(1)?;
        media.push((
            PostId(r.get(0)?),
            Media {
                file: parse(&file)?,
                alt: r.get(2)?,
                thumbnail: r.get(3)?,
            },
        ));
    }
    Ok(media)
}

#[cfg(test)]
mod tests;
