//! Desktop notifications, behind a trait so tests can record them.

use std::sync::Arc;

use majlis_core::brands::BrandId;
use majlis_core::inbox::InteractionId;
use majlis_core::posts::PostId;

use crate::{Error, Result};

/// One desktop notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// The headline.
    pub summary: String,
    /// The detail under it.
    pub body: String,
    /// What the person can do from it; the first is what a click on it does.
    pub actions: Vec<Action>,
}

/// A button (or the click) of a notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// Its words, in the interface's language, where desktops show buttons.
    pub label: String,
    /// What it does.
    pub does: Does,
}

/// What an action does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Does {
    /// Opens the window on a post, putting `copy` on the clipboard as it opens: a
    /// reminder's caption, ready to paste in the network's own app.
    OpenPost {
        /// The post.
        post: PostId,
        /// The text to copy.
        copy: Option<String>,
    },
    /// Opens the window's inbox on an interaction.
    OpenInbox {
        /// Its brand.
        brand: BrandId,
        /// The interaction.
        interaction: InteractionId,
    },
    /// Holds the brand's overdue notifications for half an hour.
    SnoozeAlerts {
        /// The brand.
        brand: BrandId,
    },
}

/// Something that shows notifications to the person at the desk.
///
/// Calls may block briefly (D-Bus round trip): async callers run them off the runtime.
pub trait Notifier: Send + Sync + 'static {
    /// Shows `notification`, or says why the desktop refused it.
    fn notify(&self, notification: &Notification) -> Result<()>;
}

/// What the app does when the person picks a notification's action; without it (the
/// CLI), notifications have no actions.
pub type OnAction = Arc<dyn Fn(&Does) + Send + Sync>;

/// The operating system's notifications (freedesktop D-Bus on Linux), via notify-rust.
#[derive(Clone, Default)]
pub struct DesktopNotifier {
    on_action: Option<OnAction>,
}

impl DesktopNotifier {
    /// Notifications whose actions call `on_action`.
    pub fn with_actions(on_action: OnAction) -> Self {
        Self {
            on_action: Some(on_action),
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
        let Some(on_action) = self.on_action.clone().filter(|_| !n.actions.is_empty()) else {
            notification
                .show()
                .map_err(|e| Error::Notify(e.to_string()))?;
            return Ok(());
        };
        for (i, action) in n.actions.iter().enumerate() {
            // "default" is what a click on the notification itself does.
            notification.action(&key(i), &action.label);
        }
        let shown = notification
            .show()
            .map_err(|e| Error::Notify(e.to_string()))?;
        let actions = n.actions.clone();
        // Waiting for the click blocks until the notification closes: off to a thread
        // of its own.
        std::thread::spawn(move || {
            shown.wait_for_action(|picked| {
                if let Some(action) = (0..actions.len())
                    .find(|i| key(*i) == picked)
                    .map(|i| &actions[i])
                {
                    on_action(&action.does);
                }
            });
        });
        Ok(())
    }
}

/// The D-Bus key of the `i`-th action.
fn key(i: usize) -> String {
    if i == 0 {
        "default".to_owned()
    } else {
        format!("action-{i}")
    }
}
