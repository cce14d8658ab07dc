//! The window's commands: each deserialises, calls the core or engine, maps the error.
//!
//! Adding a command: write it in the feature's file, list it in [`builder`], in
//! `build.rs` and in `capabilities/main.json`, then `cargo xtask bindings`.

mod app;
mod brands;
mod engine;
mod inbox;
mod insights;
mod posts;
mod preferences;
mod publishing;
mod templates;
mod ugc;
mod undo;

use tauri_specta::{ErrorHandlingMode, collect_commands, collect_events};

pub use engine::EngineStateChanged;
pub use inbox::{InboxChanged, OpenInteraction, OverdueChanged};
pub use publishing::{OpenPost, PostsChanged};
pub use ugc::UgcChanged;

/// The commands and events, for Tauri's invoke handler and for the TypeScript bindings.
pub fn builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::new()
        .commands(collect_commands![
            app::app_info,
            app::brand_form_options,
            app::window_hide,
            undo::undo,
            brands::brand_workspace,
            brands::brand_create,
            brands::brand_select,
            brands::sample_create,
            engine::engine_state,
            engine::publishing_set_paused,
            engine::notification_test,
            inbox::inbox_add,
            inbox::inbox_assign,
            inbox::inbox_import,
            inbox::inbox_list,
            inbox::inbox_open,
            inbox::inbox_overdue,
            inbox::inbox_reclassify,
            inbox::inbox_reply,
            inbox::inbox_set_status,
            inbox::inbox_settings,
            inbox::inbox_snooze,
            inbox::quiet_hours_get,
            inbox::quiet_hours_set,
            inbox::reply_length,
            inbox::reply_policy_set,
            inbox::triage_rules_set,
            insights::insights_content,
            insights::insights_response,
            insights::insights_topics,
            insights::insights_tags,
            insights::insights_report,
            insights::insights_save,
            insights::insights_print,
            posts::category_set_targets,
            posts::calendar_items,
            posts::calendar_month,
            posts::channel_create,
            posts::composer_options,
            posts::text_lengths,
            posts::post_create,
            posts::post_queue,
            posts::post_reschedule,
            posts::post_get,
            posts::post_move_occurrence,
            posts::post_update,
            posts::post_cancel,
            posts::queue_next_slot,
            posts::queue_upcoming,
            posts::slots_list,
            posts::slots_set,
            posts::posts_export,
            posts::media_add,
            posts::media_preview,
            posts::time_in_zone,
            posts::post_approve,
            posts::posts_approve_all,
            posts::posts_in_review,
            posts::post_return_to_draft,
            posts::posts_import_preview,
            posts::posts_import,
            preferences::preferences_get,
            preferences::preferences_set,
            publishing::brand_set_hold_late_after,
            publishing::channel_connect,
            publishing::channel_disconnect,
            publishing::channel_sign_in,
            publishing::delivery_mark_posted,
            publishing::link_open,
            publishing::post_publish_now,
            publishing::posts_held,
            templates::reply_check,
            templates::template_delete,
            templates::template_render,
            templates::template_save,
            templates::template_search,
            templates::template_used,
            templates::templates_categories,
            templates::templates_export,
            templates::templates_find,
            templates::templates_import,
            templates::template_preview,
            templates::template_from_reply,
            templates::template_placeholders,
            templates::voice_check,
            templates::voice_get,
            templates::voice_set,
            ugc::ugc_add,
            ugc::ugc_ask,
            ugc::ugc_board,
            ugc::ugc_column,
            ugc::ugc_detail,
            ugc::ugc_edit,
            ugc::ugc_grant,
            ugc::ugc_refuse,
            ugc::ugc_repost,
            ugc::ugc_save_interaction,
            ugc::ugc_search_add,
            ugc::ugc_search_remove,
            ugc::ugc_searches,
            ugc::ugc_terms,
            ugc::ugc_terms_set,
        ])
        .events(collect_events![
            EngineStateChanged,
            InboxChanged,
            OpenInteraction,
            OpenPost,
            OverdueChanged,
            PostsChanged,
            UgcChanged
        ])
        // The template editor offers these to insert, one label each.
        .typ::<majlis_core::templates::body::Automatic>()
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

    /// The quoted strings in `text` between `start` and the next `end`.
    fn quoted_between<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
        let from = text.find(start).expect("start marker") + start.len();
        let to = from + text[from..].find(end).expect("end marker");
        text[from..to].split('"').skip(1).step_by(2).collect()
    }

    /// A command must be exported to TypeScript, declared in build.rs (so an `allow-`
    /// permission exists for it) and granted to the window: all three lists agree.
    #[test]
    fn every_command_is_declared_and_granted() {
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let bindings = tempfile::NamedTempFile::new().expect("temp file");
        builder()
            .export(Typescript::default(), bindings.path())
            .expect("export");
        let bindings = std::fs::read_to_string(bindings.path()).expect("read");
        let mut exported: Vec<&str> = bindings
            .split("__TAURI_INVOKE<")
            .skip(1)
            .filter_map(|call| call.split('"').nth(1))
            .collect();
        exported.sort_unstable();

        let build_rs = std::fs::read_to_string(crate_dir.join("build.rs")).expect("build.rs");
        let mut declared = quoted_between(&build_rs, "const COMMANDS: &[&str] = &[", "];");
        declared.sort_unstable();

        let capability =
            std::fs::read_to_string(crate_dir.join("capabilities/main.json")).expect("capability");
        let capability: serde_json::Value = serde_json::from_str(&capability).expect("json");
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| {
                p.as_str()?
                    .strip_prefix("allow-")
                    .map(|c| c.replace('-', "_"))
            })
            .collect();
        granted.sort_unstable();

        assert_eq!(
            exported, declared,
            "commands::builder() and build.rs list different commands"
        );
        assert_eq!(
            granted, declared,
            "capabilities/main.json grants a different set of commands"
        );
    }

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
