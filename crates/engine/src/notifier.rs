//! Desktop notifications, behind a trait so tests can record them.

use std::sync::Arc;

use majlis_core::posts::PostId;

use crate::{Error, Result};

/// One desktop notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// The headline.
    pub summary: String,
    /// The detail under it.
    pub body: String,
    /// What clicking it does, when it is about a post.
    pub action: Option<OpenAction>,
}

/// "Open post": a notification's click opens the post it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenAction {
    /// The post.
    pub post: PostId,
    /// The action's words, in the interface's language, where desktops show buttons.
    pub label: String,
    /// Text to put on the clipboard as the post opens: a reminder's caption, ready to
    /// paste in the network's own app.
    pub copy: Option<String>,
}

/// Something that shows notifications to the person at the desk.
///
/// Calls may block briefly (D-Bus round trip): async callers run them off the runtime.
pub trait Notifier: Send + Sync + 'static {
    /// Shows `notification`, or says why the desktop refused it.
    fn notify(&self, notification: &Notification) -> Result<()>;
}

/// What a click on a notification about a post does: the app opens its window on the
/// post; without one (the CLI), notifications have no action.
pub type OpenPost = Arc<dyn Fn(&OpenAction) + Send + Sync>;

/// The operating system's notifications (freedesktop D-Bus on Linux), via notify-rust.
#[derive(Clone, Default)]
pub struct DesktopNotifier {
    open_post: Option<OpenPost>,
}

impl DesktopNotifier {
    /// Notifications whose click (the default action, "Open post") calls `open_post`.
    pub fn opening_posts(open_post: OpenPost) -> Self {
        Self {
            open_post: Some(open_post),
        }
    }
}

impl Notifier for DesktopNotifier {
    fn notify(&self, n: &Notification) -> Result<()> {
        let mut notification = notify_rust::Notification::new();
        notification
            .appname("Majlis")
            .summary(&n.summary)
            .body(&n.body);
        let action = n.action.clone().zip(self.open_post.clone());
        if let Some((open, _)) = &action {
            // "default" is what a click on the notification itself does.
            notification.action("default", &open.label);
        }
        let shown = notification
            .show()
            .map_err(|e| Error::Notify(e.to_string()))?;
        if let Some((open, open_post)) = action {
            // Waiting for the click blocks until the notification closes: off to a
            // thread of its own.
            std::thread::spawn(move || {
                shown.wait_for_action(|action| {
                    if action == "default" {
                        open_post(&open);
                    }
                });
            });
        }
        Ok(())
    }
}
