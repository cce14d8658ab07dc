//! The end-to-end harness: the real Majlis binary, driven over W3C WebDriver.
//!
//! Each test gets its own [`Desktop`] — an Xvfb display, a private D-Bus session with a
//! real notification daemon (dunst), and a monitor that records every `Notify` call —
//! and launches the app in it through `tauri-driver` and WebKitWebDriver, with its own
//! data directory and home. Nothing listens beyond 127.0.0.1; nothing sleeps for a
//! fixed time: every wait polls for its condition until a deadline.

mod desktop;
mod driver;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use desktop::{Desktop, Notify};
pub use driver::{App, cli};

/// How long any single condition may take before a test fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The workspace's target directory (where the app, the CLI and screenshots live).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// A binary built by `cargo xtask test`, overridable for other build layouts.
pub fn binary(name: &str, env_override: &str) -> PathBuf {
    std::env::var_os(env_override)
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join(name))
}

/// Polls `check` until it returns `Some`, or fails naming `what` after [`DEADLINE`].
pub async fn eventually<T, F, Fut>(what: &str, check: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<T>>>,
{
    eventually_within(what, DEADLINE, check).await
}

/// [`eventually`], for what takes longer than usual (a post waiting for its minute).
pub async fn eventually_within<T, F, Fut>(
    what: &str,
    deadline: Duration,
    mut check: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<T>>>,
{
    let start = Instant::now();
    loop {
        if let Some(value) = check().await? {
            return Ok(value);
        }
        if start.elapsed() > deadline {
            anyhow::bail!("timed out after {deadline:?} waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
