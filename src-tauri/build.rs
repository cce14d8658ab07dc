//! Declares the app's own commands so that capabilities govern them like plugin commands.

/// Every command the window may call; `capabilities/main.json` grants them one by one.
const COMMANDS: &[&str] = &[
    "app_info",
    "brand_create",
    "brand_form_options",
    "brand_select",
    "brand_set_hold_late_after",
    "brand_workspace",
    "calendar_items",
    "calendar_month",
    "channel_connect",
    "channel_create",
    "channel_disconnect",
    "channel_sign_in",
    "composer_options",
    "delivery_mark_posted",
    "engine_state",
    "inbox_add",
    "inbox_assign",
    "inbox_import",
    "inbox_list",
    "inbox_open",
    "inbox_overdue",
    "inbox_reclassify",
    "inbox_reply",
    "inbox_set_status",
    "inbox_settings",
    "inbox_snooze",
    "link_open",
    "media_add",
    "media_preview",
    "notification_test",
    "post_approve",
    "post_cancel",
    "post_create",
    "post_get",
    "post_move_occurrence",
    "post_publish_now",
    "post_queue",
    "post_reschedule",
    "post_return_to_draft",
    "post_update",
    "posts_export",
    "posts_held",
    "posts_import",
    "posts_import_preview",
    "preferences_get",
    "preferences_set",
    "publishing_set_paused",
    "queue_next_slot",
    "queue_upcoming",
    "quiet_hours_get",
    "quiet_hours_set",
    "reply_check",
    "reply_length",
    "reply_policy_set",
    "sample_create",
    "slots_list",
    "slots_set",
    "template_delete",
    "template_preview",
    "template_render",
    "template_save",
    "template_search",
    "template_used",
    "templates_export",
    "templates_find",
    "templates_import",
    "text_lengths",
    "time_in_zone",
    "triage_rules_set",
    "voice_check",
    "voice_get",
    "voice_set",
    "window_hide",
];

fn main() {
    let dist = std::path::Path::new("../ui/dist/index.html");
    if !dist.exists() {
        // generate_context! embeds the built UI; say how to get it instead of a panic.
        println!(
            "cargo::error=the UI is not built (ui/dist is missing): run `cargo xtask run` or `cargo xtask ui` first"
        );
        return;
    }
    println!("cargo::rerun-if-changed=../ui/dist");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
