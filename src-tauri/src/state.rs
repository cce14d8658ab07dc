//! What every command can reach.

use majlis_core::Store;
use majlis_core::Transaction;
use majlis_core::data_dir::DataDir;
use majlis_core::settings::Language;
use majlis_engine::Engine;

use crate::undo::Journal;

/// The app's shared state, managed by Tauri.
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The engine running beside the window.
    pub engine: Engine,
    /// Where data lives, shown in Settings.
    pub data_dir: DataDir,
    /// The last step the window can take back.
    pub journal: Journal,
}

impl AppState {
    /// The language the interface speaks now, for what Rust shows itself (the tray,
    /// WebKit's own fields); English if the store cannot say.
    pub fn language(&self) -> Language {
        majlis_engine::language(&self.store)
    }

    /// Writes a change to posts, then tells the engine that the schedule changed, so
    /// that it looks again at what is due next.
    pub fn write_posts<T>(
        &self,
        change: impl FnOnce(&Transaction<'_>) -> majlis_core::Result<T>,
    ) -> majlis_core::Result<T> {
        let changed = self.store.write(change)?;
        self.engine.schedule_changed();
        Ok(changed)
    }

    /// Writes a change to the inbox, then tells the engine, so that its deadline
    /// watcher looks again at what falls due next.
    pub fn write_inbox<T>(
        &self,
        change: impl FnOnce(&Transaction<'_>) -> majlis_core::Result<T>,
    ) -> majlis_core::Result<T> {
        let changed = self.store.write(change)?;
        self.engine.inbox_changed();
        Ok(changed)
    }
}
