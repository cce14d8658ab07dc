//! The shell: window, tray, single instance and thin commands over the core and engine.

mod clipboard;
mod commands;
mod downloads;
mod error;
mod logging;
#[cfg(target_os = "linux")]
mod print;
mod state;
mod tray;
mod undo;
mod window;

use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use majlis_core::Store;
use majlis_core::data_dir::DataDir;
use majlis_engine::{DesktopNotifier, Does, Engine};
use tauri::{Manager, WindowEvent};
use tauri_specta::Event;

use state::AppState;
use undo::Journal;

/// Starts the app; returns only when it quits.
pub fn run() -> ExitCode {
    let (data_dir, store) = match open_data() {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("majlis: {e}");
            return ExitCode::FAILURE;
        }
    };
    logging::init(&data_dir);
    // A notification's actions open the window on a post or the inbox, or snooze the
    // brand's overdue notifications; the app and the engine exist only once Tauri has
    // started, after the notifier.
    let started: Arc<OnceLock<tauri::AppHandle>> = Arc::default();
    let app = Arc::clone(&started);
    let notifier = DesktopNotifier::with_actions(Arc::new(move |does| {
        if let Some(app) = app.get() {
            notification_action(app, does);
        }
    }));
    let engine = match Engine::new(store.clone(), data_dir.path(), Arc::new(notifier)) {
        Ok(engine) => engine,
        Err(e) => {
            tracing::error!("cannot start the engine: {e}");
            return ExitCode::FAILURE;
        }
    };
    let specta = commands::builder();
    let result = tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::show(app)
        }))
        .manage(AppState {
            store,
            engine: engine.clone(),
            data_dir,
            journal: Journal::default(),
        })
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            let _ = started.set(app.handle().clone());
            tray::create(app.handle())?;
            window::speak(app.handle());
            forward_engine_state(app.handle().clone(), &engine);
            forward_posts_changed(app.handle().clone(), &engine);
            forward_inbox(app.handle().clone(), &engine);
            forward_ugc(app.handle().clone(), &engine);
            tauri::async_runtime::spawn(engine.run(std::future::pending()));
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing hides to the tray: the engine keeps publishing and reminding.
            if let WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                window::hide(window.app_handle());
            }
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("the app stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open_data() -> majlis_core::Result<(DataDir, Store)> {
    let data_dir = DataDir::open(None)?;
    let store = Store::open(&data_dir.database())?;
    Ok((data_dir, store))
}

/// What a notification's action does in the app.
fn notification_action(app: &tauri::AppHandle, does: &Does) {
    let shown = match does {
        Does::OpenPost { post, copy } => {
            if let Some(caption) = copy {
                clipboard::copy(caption);
            }
            window::show(app);
            commands::OpenPost(*post).emit(app)
        }
        Does::OpenInbox { brand, interaction } => {
            window::show(app);
            commands::OpenInteraction {
                brand: *brand,
                interaction: *interaction,
            }
            .emit(app)
        }
        Does::SnoozeAlerts { brand } => {
            if let Err(e) = app.state::<AppState>().engine.snooze_alerts(*brand) {
                tracing::warn!("cannot snooze the overdue notifications: {e}");
            }
            Ok(())
        }
    };
    if let Err(e) = shown {
        tracing::warn!("cannot open the window on what the notification is about: {e}");
    }
}

/// Tells the window whenever the engine changed the community board.
fn forward_ugc(app: tauri::AppHandle, engine: &Engine) {
    let mut changes = engine.subscribe_ugc();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            changes.borrow_and_update();
            if let Err(e) = commands::UgcChanged.emit(&app) {
                tracing::warn!("cannot tell the window about the board: {e}");
            }
        }
    });
}

/// Tells the window when the engine changed the inbox, and the window and the tray how
/// many answers are overdue.
fn forward_inbox(app: tauri::AppHandle, engine: &Engine) {
    let mut changes = engine.subscribe_inbox();
    let window_app = app.clone();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            changes.borrow_and_update();
            if let Err(e) = commands::InboxChanged.emit(&window_app) {
                tracing::warn!("cannot tell the window about the inbox: {e}");
            }
        }
    });
    let mut overdue = engine.subscribe_overdue();
    tauri::async_runtime::spawn(async move {
        while overdue.changed().await.is_ok() {
            let count = *overdue.borrow_and_update();
            tray::show_overdue(&app, count);
            if let Err(e) = commands::OverdueChanged(count).emit(&app) {
                tracing::warn!("cannot tell the window about overdue answers: {e}");
            }
        }
    });
}

/// Tells the window when the publisher changed posts, so what it shows stays true.
fn forward_posts_changed(app: tauri::AppHandle, engine: &Engine) {
    let mut changes = engine.subscribe_posts();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            changes.borrow_and_update();
            if let Err(e) = commands::PostsChanged.emit(&app) {
                tracing::warn!("cannot tell the window about published posts: {e}");
            }
        }
    });
}

/// Tells the window and the tray about every engine state change, whoever made it.
fn forward_engine_state(app: tauri::AppHandle, engine: &Engine) {
    let mut changes = engine.subscribe();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            let state = *changes.borrow_and_update();
            tray::refresh(&app);
            if let Err(e) = commands::EngineStateChanged(state).emit(&app) {
                tracing::warn!("cannot tell the window about the engine: {e}");
            }
        }
    });
}
