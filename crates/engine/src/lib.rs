//! The engine: what Majlis does by itself while it runs, in the app or the CLI.
//!
//! It reaches the outside world only through small traits — [`Notifier`] for the desktop,
//! [`connectors::Connector`] for networks — so tests plug in recorders and real peers.

mod connect;
pub mod connectors;
pub mod credentials;
mod engine;
mod error;
mod inbox;
mod messages;
pub mod notifier;
mod publisher;
mod ugc;

pub use connect::{Secret, connect, disconnect, sign_in};
pub use engine::{Engine, EngineState};
pub use error::{Error, Result};
pub use messages::{language, overdue_in_tray};
pub use notifier::{Action, DesktopNotifier, Does, Notification, Notifier, OnAction};
pub use publisher::Tally;
