//! Where Majlis keeps its data: one directory for the database, logs and media.

use std::path::{Path, PathBuf};

use crate::{APP_ID, Error, Result};

/// The environment variable that overrides the data directory for the app and the CLI.
pub const ENV_VAR: &str = "MAJLIS_DATA_DIR";

/// The resolved data directory, created on open.
#[derive(Clone, Debug)]
pub struct DataDir(PathBuf);

impl DataDir {
    /// Picks the directory — `explicit` (the CLI's `--data-dir`), else `$MAJLIS_DATA_DIR`,
    /// else the platform's app data directory — and creates it if needed.
    pub fn open(explicit: Option<&Path>) -> Result<Self> {
        let from_env = std::env::var_os(ENV_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let path = match explicit.map(Path::to_path_buf).or(from_env) {
            Some(path) => path,
            None => dirs::data_dir()
                .ok_or_else(|| Error::DataDir {
                    path: PathBuf::from("~"),
                    reason: format!("no home directory; set {ENV_VAR}"),
                })?
                .join(APP_ID),
        };
        std::fs::create_dir_all(&path).map_err(|e| Error::DataDir {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        Ok(Self(path))
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The SQLite database file.
    pub fn database(&self) -> PathBuf {
        self.0.join("majlis.db")
    }

    /// The directory for log files.
    pub fn logs(&self) -> PathBuf {
        self.0.join("logs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_directory_is_created_and_used() {
        let root = tempfile::tempdir().expect("tempdir");
        let wanted = root.path().join("a/b");
        let dir = DataDir::open(Some(&wanted)).expect("open");
        assert_eq!(dir.path(), wanted);
        assert!(wanted.is_dir());
        assert_eq!(dir.database(), wanted.join("majlis.db"));
    }

    #[test]
    fn an_unusable_directory_is_a_clear_error() {
        let root = tempfile::tempdir().expect("tempdir");
        let file = root.path().join("file");
        std::fs::write(&file, "").expect("write");
        let err = DataDir::open(Some(&file.join("sub"))).expect_err("a file is in the way");
        assert_eq!(err.code(), "data_dir");
        assert!(err.to_string().contains("sub"), "{err}");
    }
}
