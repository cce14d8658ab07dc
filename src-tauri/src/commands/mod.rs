//! The window's commands: each deserialises, calls the core or engine, maps the error.
//!
//! Adding a command: write it in the feature's file, list it in [`builder`], in
//! `build.rs` and in `capabilities/main.json`, then `cargo xtask bindings`.

mod app;
mod brands;
mod engine;
mod preferences;

use tauri_specta::{ErrorHandlingMode, collect_commands, collect_events};

pub use engine::EngineStateChanged;

/// The commands and events, for Tauri's invoke handler and for the TypeScript bindings.
pub fn builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::new()
        .commands(collect_commands![
            app::app_info,
            app::brand_form_options,
            brands::brand_workspace,
            brands::brand_create,
            brands::brand_select,
            brands::sample_create,
            engine::engine_state,
            engine::publishing_set_paused,
            engine::notification_test,
            preferences::preferences_get,
            preferences::preferences_set,
        ])
        .events(collect_events![EngineStateChanged])
        // The UI's one `invoke` wrapper turns rejections into a typed IpcError.
        .error_handling(ErrorHandlingMode::Throw)
        // Row ids are SQLite integers, far below 2^53.
        .dangerously_cast_bigints_to_number()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use specta_typescript::Typescript;

    use super::*;

    /// Where the generated TypeScript lives, relative to this crate.
    const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

    /// The checked-in bindings must match the Rust types; `cargo xtask bindings` (which
    /// runs this test with `MAJLIS_WRITE_BINDINGS=1`) rewrites them.
    #[test]
    fn typescript_bindings_are_current() {
        let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let fresh = tempfile::NamedTempFile::new().expect("temp file");
        builder()
            .export(Typescript::default(), fresh.path())
            .expect("export bindings");
        let fresh = std::fs::read_to_string(fresh.path()).expect("read fresh bindings");
        if std::env::var_os("MAJLIS_WRITE_BINDINGS").is_some() {
            std::fs::write(&checked_in, &fresh).expect("write bindings");
            return;
        }
        let current = std::fs::read_to_string(&checked_in).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/lib/bindings.ts is stale: run `cargo xtask bindings` and commit the result"
        );
    }
}
