//! The main window.

use majlis_core::settings;
use tauri::{AppHandle, Manager};
use webkit2gtk::{WebContextExt, WebViewExt};

use crate::state::AppState;

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

/// Tells WebKit the interface's language, in the desktop's region for dates
/// (`Language::tag_in`). What WebKit draws itself — date and time fields — otherwise
/// follows the desktop's language: in an Arabic window on an English desktop a time
/// read "PM 30:07", and without the region an English date was month first everywhere. A field keeps the language it was made in: the window
/// makes its fields anew when WebKit's changes (`languagechange`, `DateTimeField`).
pub fn speak(app: &AppHandle) {
    let (Some(window), Some(state)) = (app.get_webview_window("main"), app.try_state::<AppState>())
    else {
        return;
    };
    let tag = state
        .language()
        .tag_in(settings::os_time_region().as_deref());
    let spoken = window.with_webview(move |webview| {
        if let Some(context) = webview.inner().context() {
            context.set_preferred_languages(&[tag.as_str()]);
        }
    });
    if let Err(e) = spoken {
        tracing::warn!("cannot tell WebKit the interface's language: {e}");
    }
}
