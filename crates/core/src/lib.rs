//! Majlis's domain and its store.
//!
//! Each feature is a module that owns its types, its SQL and its tests (`brands`,
//! `settings`, …). Everything here is synchronous and free of Tauri, tokio and HTTP, so
//! the desktop app, the engine and the CLI share one set of rules.

pub mod brands;
pub mod calendar;
pub mod categories;
pub mod channels;
pub mod color;
pub mod data_dir;
mod error;
pub mod inbox;
pub mod insights;
pub mod length;
pub mod locale;
pub mod media;
pub mod name;
pub mod posts;
pub mod publishing;
pub mod recurrence;
pub mod sample;
pub mod settings;
pub mod slots;
mod sql_name;
pub mod store;
pub mod templates;
pub mod time;
pub mod ugc;
pub mod worded;
pub mod words;
pub mod written;
pub mod zone;

pub use error::{Error, Result};
pub use rusqlite::{Connection, Transaction};
pub use store::Store;

/// The application identifier: the name of the data directory and the desktop app's id.
pub const APP_ID: &str = "app.majlis.desktop";
