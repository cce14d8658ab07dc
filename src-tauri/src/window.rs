//! The main window.

use tauri::{AppHandle, Manager};

/// Brings the main window back from the tray or from behind other windows.
pub fn show(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        tracing::warn!("the main window is gone");
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(e) = shown {
        tracing::warn!("cannot show the window: {e}");
    }
}

/// Hides the main window to the tray (Ctrl+W, or closing it): the engine keeps
/// publishing, listening and telling of overdue answers.
pub fn hide(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main")
        && let Err(e) = window.hide()
    {
        tracing::warn!("cannot hide the window: {e}");
    }
}

/// On a computer without a graphics processor (no DRI render node: a virtual machine, a
/// remote desktop, a thin client), WebKit emulates one in software (Mesa's llvmpipe): it
/// compiles shaders with LLVM for seconds from start, on the same cores as the window's
/// own work, and holds about 100 MiB more. Drawing on the CPU without composited layers
/// is lighter there. With a graphics processor, WebKit's own choice stands.
pub fn draw_in_software_without_gpu(app: &AppHandle) -> tauri::Result<()> {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let has_gpu = std::fs::read_dir("/dev/dri").is_ok_and(|nodes| {
        nodes
            .flatten()
            .any(|node| node.file_name().to_string_lossy().starts_with("renderD"))
    });
    let Some(window) = app.get_webview_window("main").filter(|_| !has_gpu) else {
        return Ok(());
    };
    window.with_webview(|webview| {
        if let Some(settings) = webview.inner().settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })
}
