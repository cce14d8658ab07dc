//! Logs go to stderr and to `logs/majlis.log` in the data directory.

use std::fs::{File, OpenOptions};
use std::sync::Mutex;

use majlis_core::data_dir::DataDir;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt;

/// Starts logging. A log file that cannot be opened is reported, not fatal: Majlis is
/// more useful running without a log than not running.
pub fn init(data_dir: &DataDir) {
    let filter = EnvFilter::try_from_env("MAJLIS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match open_log_file(data_dir) {
        Ok(file) => builder
            .with_writer(std::io::stderr.and(Mutex::new(file)))
            .with_ansi(false)
            .init(),
        Err(e) => {
            builder.with_writer(std::io::stderr).init();
            tracing::warn!("logging to stderr only: cannot open the log file: {e}");
        }
    }
}

fn open_log_file(data_dir: &DataDir) -> std::io::Result<File> {
    let dir = data_dir.logs();
    std::fs::create_dir_all(&dir)?;
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("majlis.log"))
}
