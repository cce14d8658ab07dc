//! The system tray: Open, Pause publishing, Quit — in the interface's language.

use majlis_core::settings::Language;
use tauri::menu::{CheckMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Wry};

use crate::state::AppState;
use crate::window;

/// The tray's menu items, kept to relabel and re-check them.
struct Tray {
    open: MenuItem<Wry>,
    pause: CheckMenuItem<Wry>,
    quit: MenuItem<Wry>,
}

/// Puts Majlis in the system tray.
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "", true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", "", true, false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[&open, &pause, &PredefinedMenuItem::separator(app)?, &quit],
    )?;
    let mut builder = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .tooltip("Majlis")
        .on_menu_event(on_menu_event)
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::show(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(Tray { open, pause, quit });
    refresh(app);
    Ok(())
}

/// Brings the labels and the pause check mark in line with the language and the engine.
pub fn refresh(app: &AppHandle) {
    let (Some(tray), Some(state)) = (app.try_state::<Tray>(), app.try_state::<AppState>()) else {
        return;
    };
    let labels = Labels::for_language(state.language());
    let paused = state.engine.state().publishing_paused;
    let updated = tray
        .open
        .set_text(labels.open)
        .and_then(|()| tray.pause.set_text(labels.pause))
        .and_then(|()| tray.pause.set_checked(paused))
        .and_then(|()| tray.quit.set_text(labels.quit));
    if let Err(e) = updated {
        tracing::warn!("cannot update the tray menu: {e}");
    }
}

/// Shows how many answers are overdue on the tray icon (its tooltip, and the label
/// beside it where the desktop shows one) and the window's badge.
pub fn show_overdue(app: &AppHandle, count: u32) {
    let language = app
        .try_state::<AppState>()
        .map_or(Language::En, |s| s.language());
    let (tooltip, label) = majlis_engine::overdue_in_tray(language, count);
    if let Some(tray) = app.tray_by_id("main")
        && let Err(e) = tray
            .set_tooltip(Some(&tooltip))
            .and_then(|()| tray.set_title(label.as_deref()))
    {
        tracing::warn!("cannot show the overdue count in the tray: {e}");
    }
    if let Some(window) = app.get_webview_window("main") {
        // Only some desktops show a badge; the window's own sidebar always does.
        let _ = window.set_badge_count((count > 0).then_some(i64::from(count)));
    }
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    match event.id.as_ref() {
        "open" => window::show(app),
        "pause" => {
            let engine = &app.state::<AppState>().engine;
            let paused = engine.state().publishing_paused;
            if let Err(e) = engine.set_publishing_paused(!paused) {
                tracing::error!("cannot change the publishing pause: {e}");
            }
            // The engine's state change refreshes the check mark; a failure must too.
            refresh(app);
        }
        "quit" => app.exit(0),
        other => tracing::warn!("unknown tray menu item {other}"),
    }
}

struct Labels {
    open: &'static str,
    pause: &'static str,
    quit: &'static str,
}

impl Labels {
    fn for_language(language: Language) -> Self {
        match language {
            Language::En => Labels {
                open: "Open Majlis",
                pause: "Pause publishing",
                quit: "Quit Majlis",
            },
            Language::Ar => Labels {
                open: "فتح مجلس",
                pause: "إيقاف النشر مؤقتًا",
                quit: "إنهاء مجلس",
            },
        }
    }
}
