//! The engine's handle and its loop.

use std::fs::{File, TryLockError};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use majlis_core::Store;
use majlis_core::publishing;
use majlis_core::settings::{self, PUBLISHING_PAUSED};
use majlis_core::time::Timestamp;
use serde::Serialize;
use tokio::sync::{Notify, watch};

use crate::inbox::LISTEN_EVERY;
use crate::publisher::{Publisher, RetryPolicy, Tally};
use crate::{Error, Notifier, Result, messages};

/// The longest the loop sleeps: the monotonic clock the sleep runs on stands still
/// while the computer is suspended, so a longer sleep could wake late after a resume.
const LONGEST_SLEEP: Duration = Duration::from_secs(15 * 60);
/// The pause after a pass that failed (the disk was full, say) before the next.
const AFTER_ERROR: Duration = Duration::from_secs(5);

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
    data_dir: PathBuf,
    notifier: Arc<dyn Notifier>,
    state: watch::Sender<EngineState>,
    publisher: Arc<Publisher>,
    /// Rung when the schedule changes, so the loop looks again at what is due next.
    schedule_changed: Notify,
    /// Bumped whenever the publisher changed posts (published, failed, held).
    posts_changed: Arc<watch::Sender<u64>>,
    /// Bumped whenever the inbox changed by itself (arrivals, replies, snoozes ending).
    inbox_changed: watch::Sender<u64>,
    /// Rung when the inbox changed, so the deadline watcher looks again.
    deadlines_changed: Notify,
    /// Rung when channels were connected, so the listeners read them at once.
    listen_now: Notify,
    /// How many interactions wait past their deadline, every brand's together.
    overdue: watch::Sender<u32>,
    /// Bumped whenever the board changed by itself (finds, answers, expiries).
    ugc_changed: watch::Sender<u64>,
}

impl Engine {
    /// An engine over `store` and the data directory `data_dir` (pictures, the
    /// publisher's lock) that raises notifications through `notifier`, resuming the
    /// state it was left in (a pause survives restarts).
    pub fn new(store: Store, data_dir: &Path, notifier: Arc<dyn Notifier>) -> Result<Self> {
        let publishing_paused = store.read(|c| settings::get(c, &PUBLISHING_PAUSED))?;
        let (state, _) = watch::channel(EngineState { publishing_paused });
        let posts_changed = Arc::new(watch::channel(0).0);
        let publisher = Arc::new(Publisher::new(
            store.clone(),
            data_dir.to_owned(),
            Arc::clone(&notifier),
            RetryPolicy::default(),
            Arc::clone(&posts_changed),
        ));
        Ok(Self(Arc::new(Inner {
            store,
            data_dir: data_dir.to_owned(),
            notifier,
            state,
            publisher,
            schedule_changed: Notify::new(),
            posts_changed,
            inbox_changed: watch::channel(0).0,
            deadlines_changed: Notify::new(),
            listen_now: Notify::new(),
            overdue: watch::channel(0).0,
            ugc_changed: watch::channel(0).0,
        })))
    }

    pub(crate) fn store(&self) -> &Store {
        &self.0.store
    }

    pub(crate) fn publisher(&self) -> &Publisher {
        &self.0.publisher
    }

    /// Tells the deadline watcher and the window that the inbox changed (the app calls
    /// it after the person snoozed, answered or reclassified something).
    pub fn inbox_changed(&self) {
        self.0.inbox_changed.send_modify(|n| *n += 1);
        self.0.deadlines_changed.notify_one();
    }

    /// A receiver that sees every change the engine made to the inbox, for the window.
    pub fn subscribe_inbox(&self) -> watch::Receiver<u64> {
        self.0.inbox_changed.subscribe()
    }

    /// Tells the engine a saved search was added: the searches run at once, not at the
    /// next minute.
    pub fn searches_changed(&self) {
        self.0.listen_now.notify_one();
    }

    /// Tells the window the community board changed.
    pub fn ugc_changed(&self) {
        self.0.ugc_changed.send_modify(|n| *n += 1);
    }

    /// A receiver that sees every change the engine made to the board, for the window.
    pub fn subscribe_ugc(&self) -> watch::Receiver<u64> {
        self.0.ugc_changed.subscribe()
    }

    pub(crate) fn data_dir(&self) -> &Path {
        &self.0.data_dir
    }

    /// A receiver of how many answers are overdue, for the tray and the window's badge.
    pub fn subscribe_overdue(&self) -> watch::Receiver<u32> {
        self.0.overdue.subscribe()
    }

    pub(crate) fn overdue_changed(&self, count: u32) {
        self.0
            .overdue
            .send_if_modified(|n| std::mem::replace(n, count) != count);
    }

    /// A receiver that sees every change the publisher made to posts, for the window.
    pub fn subscribe_posts(&self) -> watch::Receiver<u64> {
        self.0.posts_changed.subscribe()
    }

    /// Tells the loop that posts changed, so it looks again at what is due next.
    pub fn schedule_changed(&self) {
        self.0.schedule_changed.notify_one();
    }

    /// Tells the engine a channel was connected (or disconnected): the publisher looks
    /// again at what it can send, and the listeners read the channel at once.
    pub fn channels_changed(&self) {
        self.0.schedule_changed.notify_one();
        self.0.listen_now.notify_one();
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
        let language = messages::language(&self.0.store);
        self.notify(messages::test_notification(language)).await
    }

    pub(crate) async fn notify(&self, notification: crate::Notification) -> Result<()> {
        let notifier = Arc::clone(&self.0.notifier);
        tokio::task::spawn_blocking(move || notifier.notify(&notification))
            .await
            .map_err(|e| Error::Notify(e.to_string()))?
    }

    /// Runs the engine until `shutdown` completes: the publisher, the inbox's
    /// listeners and its deadline watcher.
    ///
    /// Each loop does what is due and then sleeps until the next due time or a change;
    /// none ticks. Only one engine runs from a data directory at a time (the app, or
    /// `majlis engine run`): another waits for the first to stop.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        tracing::info!(state = ?self.state(), "engine started");
        let _lock = tokio::select! {
            () = &mut shutdown => return,
            lock = self.publisher_lock() => match lock {
                Ok(lock) => lock,
                Err(e) => {
                    tracing::error!("the publisher cannot start: {e}");
                    return;
                }
            },
        };
        match self.0.publisher.reconcile().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deliveries = n, "settled what the last run left half-done"),
            Err(e) => tracing::error!("cannot settle the last run's deliveries: {e}"),
        }
        // Every loop waits only at await points between whole transactions, so
        // dropping them at shutdown leaves nothing half-written.
        tokio::select! {
            () = &mut shutdown => {}
            _ = async { tokio::join!(self.publish_loop(), self.watch_loop(), self.listen_loop()) } => {}
        }
        tracing::info!("engine stopped");
    }

    async fn publish_loop(&self) {
        let mut changes = self.subscribe();
        loop {
            let wait = if self.state().publishing_paused {
                None
            } else {
                match self.publish_due().await {
                    Ok(wait) => wait,
                    Err(e) => {
                        tracing::error!("publishing failed: {e}");
                        Some(AFTER_ERROR)
                    }
                }
            };
            let sleep = tokio::time::sleep(wait.unwrap_or(LONGEST_SLEEP));
            tokio::select! {
                () = sleep, if wait.is_some() => {}
                () = self.0.schedule_changed.notified() => {}
                changed = changes.changed() => {
                    if changed.is_err() { return; }
                    tracing::info!(state = ?*changes.borrow_and_update(), "engine state changed");
                }
            }
        }
    }

    /// Sleeps until the next answer falls due (or its escalation, or a snooze ends),
    /// and tells the person.
    async fn watch_loop(&self) {
        loop {
            let wait = match self.alert_due().await {
                Ok(wait) => wait,
                Err(e) => {
                    tracing::error!("the deadline watcher failed: {e}");
                    Some(AFTER_ERROR)
                }
            };
            tokio::select! {
                () = tokio::time::sleep(wait.unwrap_or(LONGEST_SLEEP)) => {}
                () = self.0.deadlines_changed.notified() => {}
            }
        }
    }

    /// Asks the connected channels for what is new, once every [`LISTEN_EVERY`] and
    /// whenever a channel is connected.
    async fn listen_loop(&self) {
        loop {
            match self.listen_once().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(interactions = n, "new in the inbox"),
                Err(e) => tracing::error!("listening failed: {e}"),
            }
            // Saved searches run at their own, slower pace (each knows when it is due).
            match self.curate_due().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(items = n, "new on the community board"),
                Err(e) => tracing::error!("searching failed: {e}"),
            }
            // The CLI may have changed the inbox meanwhile (an import, a reply): the
            // watcher looks again, at the networks' pace rather than faster.
            self.0.deadlines_changed.notify_one();
            tokio::select! {
                () = tokio::time::sleep(LISTEN_EVERY) => {}
                () = self.0.listen_now.notified() => {}
            }
        }
    }

    /// Publishes everything due now; returns how long to sleep before the next due
    /// time (`None`: nothing is scheduled, sleep until something changes).
    pub async fn publish_due(&self) -> Result<Option<Duration>> {
        self.publish_all_due().await?;
        let next = self.0.store.read(publishing::next_due)?;
        Ok(next.map(until))
    }

    async fn publish_all_due(&self) -> Result<Tally> {
        let mut tally = Tally::default();
        loop {
            let pass = self.0.publisher.pass().await?;
            tally.add(pass);
            if pass.claimed == 0 {
                return Ok(tally);
            }
        }
    }

    /// Settles what the last run left half-done and publishes what is due now, once
    /// (`majlis engine run --once`). Fails when publishing is paused, or when another
    /// engine is publishing from the same data directory (the app, say): that one is
    /// already on it.
    pub async fn run_once(&self) -> Result<Tally> {
        if self.state().publishing_paused {
            return Err(Error::Paused);
        }
        let _lock = match self.try_publisher_lock()? {
            Some(lock) => lock,
            None => return Err(Error::Busy),
        };
        self.0.publisher.reconcile().await?;
        self.publish_all_due().await
    }

    /// Takes the data directory's publisher lock, waiting while another engine holds
    /// it. The operating system lets go of it when the process ends, however it ends.
    async fn publisher_lock(&self) -> Result<File> {
        if let Some(file) = self.try_publisher_lock()? {
            return Ok(file);
        }
        tracing::info!(
            "another Majlis is publishing from this data directory: waiting for it to stop"
        );
        let file = self.lock_file()?;
        tokio::task::spawn_blocking(move || file.lock().map(|()| file))
            .await
            .map_err(|e| Error::Lock(e.to_string()))?
            .map_err(|e| Error::Lock(e.to_string()))
    }

    /// The publisher lock if it is free now.
    fn try_publisher_lock(&self) -> Result<Option<File>> {
        let file = self.lock_file()?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::Lock(e.to_string())),
        }
    }

    fn lock_file(&self) -> Result<File> {
        let path = self.0.data_dir.join("publisher.lock");
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::Lock(format!("{}: {e}", path.display())))
    }
}

/// How long from now until `at`, to the millisecond (whole seconds would wake up to
/// a second late), and at most [`LONGEST_SLEEP`].
pub(crate) fn until(at: Timestamp) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let due = Duration::from_secs(at.unix().max(0).unsigned_abs());
    due.saturating_sub(now).min(LONGEST_SLEEP)
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
        let engine = Engine::new(
            store.clone(),
            &std::env::temp_dir(),
            Arc::new(Recorder::default()),
        )
        .expect("engine");
        assert!(!engine.state().publishing_paused);
        let mut seen = engine.subscribe();
        engine.set_publishing_paused(true).expect("pause");
        assert!(seen.has_changed().expect("open"));
        assert!(seen.borrow_and_update().publishing_paused);

        let restarted = Engine::new(store, &std::env::temp_dir(), Arc::new(Recorder::default()))
            .expect("engine");
        assert!(restarted.state().publishing_paused);
    }

    #[tokio::test]
    async fn the_test_notification_speaks_the_interface_language() {
        let store = Store::open_in_memory().expect("store");
        let recorder = Arc::new(Recorder::default());
        let engine =
            Engine::new(store.clone(), &std::env::temp_dir(), recorder.clone()).expect("engine");
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
    async fn overdue_answers_are_told_once_and_quiet_hours_hold_them() {
        use majlis_core::brands::{self, NewBrand};
        use majlis_core::channels::{self, NewChannel};
        use majlis_core::inbox::alerts::QuietHours;
        use majlis_core::inbox::{self, View};
        use majlis_core::settings::QUIET_HOURS;
        use majlis_core::time::{Clock, SystemClock};

        let store = Store::open_in_memory().expect("store");
        let recorder = Arc::new(Recorder::default());
        let engine =
            Engine::new(store.clone(), &std::env::temp_dir(), recorder.clone()).expect("engine");
        let now = SystemClock.now();
        let zone: majlis_core::zone::Zone = "Asia/Riyadh".parse().expect("zone");
        let local = zone.local_of(now).time();
        // Quiet from a minute ago to an hour from now, on the person's clock.
        let quiet = QuietHours {
            from: (local - chrono::Duration::minutes(1))
                .format("%H:%M")
                .to_string(),
            to: (local + chrono::Duration::hours(1))
                .format("%H:%M")
                .to_string(),
            zone,
        };
        store
            .write(|tx| {
                let new = NewBrand {
                    name: "Café Noor".into(),
                    time_zone: "Asia/Riyadh".into(),
                    ..NewBrand::default()
                };
                let brand = brands::create(tx, &new, now)?;
                let new = NewChannel {
                    kind: "instagram".into(),
                    name: "Instagram".into(),
                    handle: None,
                };
                let channel = channels::create(tx, brand.id, &new, now)?;
                let two_hours_ago =
                    majlis_core::time::Timestamp::from_unix(now.unix() - 7200).expect("in range");
                let item =
                    inbox::manual(channel.id, "sara", "my order never arrived", two_hours_ago)?;
                inbox::receive(tx, &brand, &[item], now)?;
                settings::set(tx, &QUIET_HOURS, &Some(quiet))
            })
            .expect("seed");

        let wait = engine.alert_due().await.expect("quiet pass");
        assert!(
            recorder.0.lock().expect("lock").is_empty(),
            "quiet hours hold it"
        );
        assert_eq!(
            wait,
            Some(LONGEST_SLEEP),
            "sleeps towards the end of the quiet, an hour off"
        );
        let waiting = store
            .read(|c| {
                let filter = inbox::InboxFilter {
                    view: View::Overdue,
                    ..inbox::InboxFilter::default()
                };
                inbox::list(c, majlis_core::brands::BrandId(1), &filter, 0, 10, now)
            })
            .expect("list");
        assert_eq!(waiting.total, 1);
        assert_eq!(
            *engine.subscribe_overdue().borrow(),
            1,
            "the tray counts it"
        );

        store
            .write(|tx| settings::set(tx, &QUIET_HOURS, &None))
            .expect("loud again");
        engine.alert_due().await.expect("pass");
        engine.alert_due().await.expect("again");
        let told = recorder.0.lock().expect("lock").clone();
        assert_eq!(told.len(), 1, "told once: {told:?}");
        assert_eq!(told[0].summary, "A reply is overdue for Café Noor");
        assert!(
            told[0].body.starts_with("A complaint from @sara"),
            "{}",
            told[0].body
        );
    }

    #[tokio::test]
    async fn the_loop_stops_on_shutdown() {
        let store = Store::open_in_memory().expect("store");
        let data = tempfile::tempdir().expect("data dir");
        let engine =
            Engine::new(store, data.path(), Arc::new(Recorder::default())).expect("engine");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(engine.clone().run(async {
            stopped.await.ok();
        }));
        engine.set_publishing_paused(true).expect("pause");
        stop.send(()).expect("send");
        running.await.expect("the loop ends cleanly");
    }
}
