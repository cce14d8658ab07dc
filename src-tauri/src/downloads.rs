//! Where exports go: the person's Downloads folder, as a browser would put them, never
//! over a file that is already there.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, Runtime};

/// The Downloads folder (the XDG one on Linux), else `~/Downloads`; made if missing.
pub fn folder<R: Runtime>(app: &AppHandle<R>) -> io::Result<PathBuf> {
    let folder = match app.path().download_dir() {
        Ok(dir) => dir,
        Err(_) => app
            .path()
            .home_dir()
            .map_err(|e| io::Error::new(io::ErrorKind::NotFound, e.to_string()))?
            .join("Downloads"),
    };
    std::fs::create_dir_all(&folder)?;
    Ok(folder)
}

/// Creates `stem.extension` in `folder`, or `stem (2).extension` and so on when that
/// name is taken, and returns its path and the open file.
pub fn new_file(folder: &Path, stem: &str, extension: &str) -> io::Result<(PathBuf, File)> {
    // Names come from brand names: keep every script, drop what paths cannot hold.
    let stem: String = stem
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    for n in 1..1000 {
        let name = match n {
            1 => format!("{stem}.{extension}"),
            n => format!("{stem} ({n}).{extension}"),
        };
        let path = folder.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{stem}.{extension} and 998 copies already exist"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_writes_over_an_earlier_export_and_keeps_arabic_names() {
        let dir = tempfile::tempdir().expect("dir");
        let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_owned);
        let (first, _) = new_file(dir.path(), "مخبز الريّان posts", "csv").expect("first");
        let (second, _) = new_file(dir.path(), "مخبز الريّان posts", "csv").expect("second");
        let (odd, _) = new_file(dir.path(), "A/B posts", "ics").expect("slash");
        assert_eq!(name(&first).as_deref(), Some("مخبز الريّان posts.csv"));
        assert_eq!(name(&second).as_deref(), Some("مخبز الريّان posts (2).csv"));
        assert_eq!(name(&odd).as_deref(), Some("A-B posts.ics"));
    }
}
