//! What every command can reach.

use majlis_core::Store;
use majlis_core::data_dir::DataDir;
use majlis_engine::Engine;

/// The app's shared state, managed by Tauri.
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The engine running beside the window.
    pub engine: Engine,
    /// Where data lives, shown in Settings.
    pub data_dir: DataDir,
}
