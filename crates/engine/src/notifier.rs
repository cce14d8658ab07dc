//! Desktop notifications, behind a trait so tests can record them.

use crate::{Error, Result};

/// One desktop notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// The headline.
    pub summary: String,
    /// The detail under it.
    pub body: String,
}

/// Something that shows notifications to the person at the desk.
///
/// Calls may block briefly (D-Bus round trip): async callers run them off the runtime.
pub trait Notifier: Send + Sync + 'static {
    /// Shows `notification`, or says why the desktop refused it.
    fn notify(&self, notification: &Notification) -> Result<()>;
}

/// The operating system's notifications (freedesktop D-Bus on Linux), via notify-rust.
#[derive(Clone, Copy, Debug, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn notify(&self, n: &Notification) -> Result<()> {
        notify_rust::Notification::new()
            .appname("Majlis")
            .summary(&n.summary)
            .body(&n.body)
            .show()
            .map(drop)
            .map_err(|e| Error::Notify(e.to_string()))
    }
}
