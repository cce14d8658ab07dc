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
