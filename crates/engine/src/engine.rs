//! The engine's handle and its loop.

use std::future::Future;
use std::sync::Arc;

use majlis_core::Store;
use majlis_core::settings::{self, PUBLISHING_PAUSED};
use serde::Serialize;
use tokio::sync::watch;

use crate::{Error, Notifier, Result, messages};

/// What the engine is doing, as the tray, the window and the CLI show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EngineState {
    /// Publishing is paused: nothing goes out until it is resumed, and nothing is lost.
    pub publishing_paused: bool,
}

/// A cheap-to-clone handle on the engine, shared by the shell's commands, tray and loop.
#[derive(Clone)]
pub struct Engine(Arc<Inner>);

struct Inner {
    store: Store,
    notifier: Arc<dyn Notifier>,
    state: watch::Sender<EngineState>,
}

impl Engine {
    /// An engine over `store` that raises notifications through `notifier`, resuming
    /// the state it was left in (a pause survives restarts).
    pub fn new(store: Store, notifier: Arc<dyn Notifier>) -> Result<Self> {
        let publishing_paused = store.read(|c| settings::get(c, &PUBLISHING_PAUSED))?;
        let (state, _) = watch::channel(EngineState { publishing_paused });
        Ok(Self(Arc::new(Inner {
            store,
            notifier,
            state,
        })))
    }

    /// The current state.
    pub fn state(&self) -> EngineState {
        *self.0.state.borrow()
    }

    /// A receiver that sees every state change, for the tray and the window.
    pub fn subscribe(&self) -> watch::Receiver<EngineState> {
        self.0.state.subscribe()
    }

    /// Pauses or resumes publishing, remembering the choice across restarts.
    pub fn set_publishing_paused(&self, paused: bool) -> Result<EngineState> {
        self.0
            .store
            .write(|tx| settings::set(tx, &PUBLISHING_PAUSED, &paused))?;
        self.0.state.send_modify(|s| s.publishing_paused = paused);
        Ok(self.state())
    }

    /// Raises the notification that shows the person notifications reach them, in the
    /// interface's language.
    pub async fn send_test_notification(&self) -> Result<()> {
        let language = self.0.store.read(settings::current_language)?;
        self.notify(messages::test_notification(language)).await
    }

    async fn notify(&self, notification: crate::Notification) -> Result<()> {
        let notifier = Arc::clone(&self.0.notifier);
        tokio::task::spawn_blocking(move || notifier.notify(&notification))
            .await
            .map_err(|e| Error::Notify(e.to_string()))?
    }

    /// Runs the engine until `shutdown` completes.
    ///
    /// The loop sleeps until something changes; the publisher, pollers and deadline
    /// watcher of later features wake it at their next due time, never on a fixed tick.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let mut changes = self.subscribe();
        tokio::pin!(shutdown);
        tracing::info!(state = ?self.state(), "engine started");
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                changed = changes.changed() => {
                    if changed.is_err() { break; }
                    tracing::info!(state = ?*changes.borrow_and_update(), "engine state changed");
                }
            }
        }
        tracing::info!("engine stopped");
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use majlis_core::settings::{LanguageChoice, PREFERENCES, Preferences};

    use super::*;
    use crate::Notification;

    /// Keeps what would have gone to the desktop.
    #[derive(Default)]
    struct Recorder(Mutex<Vec<Notification>>);

    impl Notifier for Recorder {
        fn notify(&self, n: &Notification) -> Result<()> {
            self.0.lock().expect("lock").push(n.clone());
            Ok(())
        }
    }

    #[test]
    fn a_pause_survives_a_restart() {
        let store = Store::open_in_memory().expect("store");
        let engine = Engine::new(store.clone(), Arc::new(Recorder::default())).expect("engine");
        assert!(!engine.state().publishing_paused);
        let mut seen = engine.subscribe();
        engine.set_publishing_paused(true).expect("pause");
        assert!(seen.has_changed().expect("open"));
        assert!(seen.borrow_and_update().publishing_paused);

        let restarted = Engine::new(store, Arc::new(Recorder::default())).expect("engine");
        assert!(restarted.state().publishing_paused);
    }

    #[tokio::test]
    async fn the_test_notification_speaks_the_interface_language() {
        let store = Store::open_in_memory().expect("store");
        let recorder = Arc::new(Recorder::default());
        let engine = Engine::new(store.clone(), recorder.clone()).expect("engine");
        for language in [LanguageChoice::En, LanguageChoice::Ar] {
            let prefs = Preferences {
                language,
                ..Preferences::default()
            };
            store
                .write(|tx| settings::set(tx, &PREFERENCES, &prefs))
                .expect("prefs");
            engine.send_test_notification().await.expect("sent");
        }

        let sent = recorder.0.lock().expect("lock").clone();
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[0].summary, "Majlis notifications are on");
        assert_eq!(sent[1].summary, "إشعارات مجلس تعمل");
    }

    #[tokio::test]
    async fn the_loop_stops_on_shutdown() {
        let store = Store::open_in_memory().expect("store");
        let engine = Engine::new(store, Arc::new(Recorder::default())).expect("engine");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(engine.clone().run(async {
            stopped.await.ok();
        }));
        engine.set_publishing_paused(true).expect("pause");
        stop.send(()).expect("send");
        running.await.expect("the loop ends cleanly");
    }
}
