//! The publisher: sends each due delivery on time, and once.
//!
//! One pass holds back what is too late to go out by itself (it was due while Majlis
//! was closed), claims what is due in one transaction, sends each claimed delivery
//! through its channel's connector, and records what the network said. The engine's
//! loop runs a pass whenever something is due, and sleeps in between.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use majlis_core::channels::{ChannelId, ChannelKind};
use majlis_core::posts::PostId;
use majlis_core::publishing::{self, Outcome, Outgoing, Route};
use majlis_core::time::{Clock, SystemClock, Timestamp};
use majlis_core::worded::Worded;
use majlis_core::{Store, media};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::connectors::{self, Account, Connector, Failure, Guarantee, Picture, Reason};
use crate::{Notification, Notifier, Result, credentials, messages};

/// How many deliveries one pass claims, and sends at once.
const BATCH: usize = 16;

/// How transient failures are retried: `first`, then doubling up to `cap`, with ±20 %
/// jitter so that many deliveries failing together do not retry together, and never
/// sooner than the network asked (`Retry-After`); after `attempts` tries it fails.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RetryPolicy {
    /// The wait after the first failure.
    pub first: Duration,
    /// The longest wait.
    pub cap: Duration,
    /// Tries before giving up.
    pub attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(30),
            cap: Duration::from_secs(30 * 60),
            attempts: 6,
        }
    }
}

impl RetryPolicy {
    /// The wait after the `attempt`-th failed try, `jitter` in [0, 1).
    fn delay(&self, attempt: u32, asked: Option<Duration>, jitter: f64) -> Duration {
        let doubled = self
            .first
            .saturating_mul(1 << attempt.saturating_sub(1).min(16))
            .min(self.cap);
        doubled
            .mul_f64(0.8 + 0.4 * jitter)
            .max(asked.unwrap_or_default())
    }
}

/// What passes did, for `majlis engine run --once` and the logs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Deliveries claimed.
    pub claimed: usize,
    /// Now on their network.
    pub published: usize,
    /// Reminders raised for networks the person posts to by hand.
    pub reminded: usize,
    /// To be tried again later.
    pub retrying: usize,
    /// Failed for good.
    pub failed: usize,
    /// Posts held back because they were too late.
    pub held: usize,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Published { .. } => self.published += 1,
            Outcome::Reminded => self.reminded += 1,
            Outcome::RetryAt { .. } | Outcome::Released => self.retrying += 1,
            Outcome::Failed { .. } => self.failed += 1,
        }
    }

    /// Adds another pass's counts.
    pub fn add(&mut self, other: Tally) {
        self.claimed += other.claimed;
        self.published += other.published;
        self.reminded += other.reminded;
        self.retrying += other.retrying;
        self.failed += other.failed;
        self.held += other.held;
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "published {}, reminded {}, to retry {}, failed {}, held back {}",
            self.published, self.reminded, self.retrying, self.failed, self.held
        )
    }
}

/// Sends deliveries through their channels' connectors.
pub struct Publisher {
    store: Store,
    data_dir: PathBuf,
    notifier: Arc<dyn Notifier>,
    retry: RetryPolicy,
    /// One connector per channel, kept so that a session is logged in once.
    connectors: Mutex<HashMap<ChannelId, Arc<dyn Connector>>>,
    /// Made on first use: loading the TLS roots costs tens of milliseconds, which the
    /// app's start should not pay when nothing is due.
    http: OnceLock<reqwest::Client>,
    /// Names this publisher's claims.
    run: String,
    /// Counts the passes that changed posts, for the window to refresh.
    changed: Arc<watch::Sender<u64>>,
}

impl Publisher {
    /// A publisher over `store`, reading pictures from `data_dir`.
    pub fn new(
        store: Store,
        data_dir: PathBuf,
        notifier: Arc<dyn Notifier>,
        retry: RetryPolicy,
        changed: Arc<watch::Sender<u64>>,
    ) -> Self {
        let run = format!("{}-{}", std::process::id(), SystemClock.now().unix());
        Self {
            store,
            data_dir,
            notifier,
            retry,
            connectors: Mutex::new(HashMap::new()),
            http: OnceLock::new(),
            run,
            changed,
        }
    }

    /// Settles what a stopped publisher left half-done: a delivery found on its network
    /// is recorded as published; one that is not, or whose network repeats nothing
    /// anyway, is released to go out again; one whose network cannot tell fails with a
    /// request to check by hand. Call once, before the first pass.
    pub async fn reconcile(&self) -> Result<usize> {
        let stranded = self.store.read(publishing::stranded)?;
        let count = stranded.len();
        for item in stranded {
            let outcome = if item.route.kind.publishes_itself() {
                match self.connector(&item.route) {
                    Ok(connector) => match connector.guarantee() {
                        Guarantee::ExactlyOnce => match connector.find(&item.envelope).await {
                            Ok(Some(receipt)) => Outcome::Published {
                                remote_id: receipt.remote_id,
                                remote_url: receipt.remote_url,
                            },
                            // Sending again is safe: the network refuses a repeat.
                            Ok(None) | Err(_) => Outcome::Released,
                        },
                        Guarantee::KeyKept(window) if key_age(&item) < window => Outcome::Released,
                        Guarantee::KeyKept(_) | Guarantee::AtMostOnce => Outcome::Failed {
                            error: Worded::each(|language| {
                                messages::interrupted(language, item.route.kind)
                            }),
                        },
                    },
                    Err(failure) => Outcome::Failed {
                        error: messages::recorded(failure.reason()),
                    },
                }
            } else {
                Outcome::Released
            };
            self.record(&item, &outcome)?;
        }
        if count > 0 {
            self.changed.send_modify(|n| *n += 1);
        }
        Ok(count)
    }

    /// Holds what is too late, then claims and sends what is due now. While it claims
    /// anything, more may be waiting.
    pub async fn pass(self: &Arc<Self>) -> Result<Tally> {
        let now = SystemClock.now();
        let (held, claimed) = self.store.write(|tx| {
            publishing::release_occurrences(tx, now)?;
            let held = publishing::hold_late(tx, now)?;
            let claimed = publishing::claim(tx, now, &self.run, BATCH)?;
            Ok((held, claimed))
        })?;
        if held.is_empty() && claimed.is_empty() {
            return Ok(Tally::default());
        }
        let language = messages::language(&self.store);
        if !held.is_empty() {
            self.notify(messages::held(language, held.len())).await;
        }
        let mut tally = Tally {
            claimed: claimed.len(),
            held: held.len(),
            ..Tally::default()
        };
        let mut sending = JoinSet::new();
        for item in claimed {
            let publisher = Arc::clone(self);
            sending.spawn(async move {
                let outcome = publisher.send(&item).await;
                (item, outcome)
            });
        }
        // One notification per post to post by hand, and per network and reason for
        // failures: a burst must not bury the desktop.
        let mut reminders: Vec<(Outgoing, Vec<ChannelKind>)> = Vec::new();
        let mut failures: Vec<(ChannelKind, Worded, Vec<PostId>)> = Vec::new();
        while let Some(sent) = sending.join_next().await {
            let Ok((item, outcome)) = sent else { continue };
            self.record(&item, &outcome)?;
            tally.count(&outcome);
            match outcome {
                Outcome::Reminded => match reminders
                    .iter_mut()
                    .find(|(o, _)| o.post.id == item.post.id)
                {
                    Some((_, kinds)) => kinds.push(item.route.kind),
                    None => reminders.push((item.clone(), vec![item.route.kind])),
                },
                Outcome::Failed { error } => {
                    match failures
                        .iter_mut()
                        .find(|(k, e, _)| *k == item.route.kind && *e == error)
                    {
                        Some((_, _, posts)) => posts.push(item.post.id),
                        None => failures.push((item.route.kind, error, vec![item.post.id])),
                    }
                }
                _ => {}
            }
        }
        for (item, mut kinds) in reminders {
            kinds.sort_by_key(|k| k.label());
            self.notify(messages::reminder(
                language,
                &kinds,
                item.post.id,
                &item.envelope.text,
            ))
            .await;
        }
        for (kind, error, posts) in failures {
            self.notify(messages::failed(
                language,
                kind,
                &posts,
                error.in_language(language),
            ))
            .await;
        }
        if tally.claimed > 0 || tally.held > 0 {
            self.changed.send_modify(|n| *n += 1);
        }
        Ok(tally)
    }

    /// Sends one claimed delivery, or reminds the person to post it by hand.
    async fn send(&self, item: &Outgoing) -> Outcome {
        if !item.route.kind.publishes_itself() {
            // The reminder goes out once the pass knows every network of the post.
            return Outcome::Reminded;
        }
        let sent = async {
            let connector = self.connector(&item.route)?;
            let pictures = self.pictures(item)?;
            connector.publish(&item.envelope, &pictures).await
        };
        match sent.await {
            Ok(receipt) => Outcome::Published {
                remote_id: receipt.remote_id,
                remote_url: receipt.remote_url,
            },
            Err(Failure::Transient { reason, after }) if item.attempts < self.retry.attempts => {
                let jitter = jitter(item);
                let wait = self.retry.delay(item.attempts, after, jitter);
                let at = Timestamp::from_unix(
                    SystemClock.now().unix() + i64::try_from(wait.as_secs().max(1)).unwrap_or(60),
                )
                .unwrap_or_else(|| SystemClock.now());
                Outcome::RetryAt {
                    at,
                    error: messages::recorded(&reason),
                }
            }
            Err(Failure::Transient { reason, .. }) => Outcome::Failed {
                error: Worded::each(|language| messages::gave_up(language, &reason, item.attempts)),
            },
            Err(Failure::Permanent(reason)) => Outcome::Failed {
                error: messages::recorded(&reason),
            },
        }
    }

    fn record(&self, item: &Outgoing, outcome: &Outcome) -> Result<()> {
        let now = SystemClock.now();
        let recorded = self
            .store
            .write(|tx| publishing::record(tx, item.id, &item.attempt, outcome, now))?;
        if !recorded {
            tracing::warn!(
                delivery = item.id.0,
                "another publisher took over this delivery"
            );
        }
        Ok(())
    }

    /// The HTTP client every connector shares, made on first use.
    pub(crate) fn http(&self) -> &reqwest::Client {
        self.http.get_or_init(connectors::http_client)
    }

    /// The channel's connector, made (and logged in) on first use.
    pub(crate) fn connector(&self, route: &Route) -> Result<Arc<dyn Connector>, Failure> {
        let mut connectors = self
            .connectors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(connector) = connectors.get(&route.channel) {
            return Ok(Arc::clone(connector));
        }
        let secret = credentials::secret(route.channel, &route.settings)
            .map_err(|e| Failure::Permanent(Reason::Secret(e)))?;
        let connector = connectors::open(
            self.http(),
            Account {
                kind: route.kind,
                settings: route.settings.clone(),
                handle: route.handle.clone(),
                secret,
            },
        )?;
        connectors.insert(route.channel, Arc::clone(&connector));
        Ok(connector)
    }

    fn pictures(&self, item: &Outgoing) -> Result<Vec<Picture>, Failure> {
        item.post
            .media
            .iter()
            .map(|m| {
                let bytes = media::bytes(&self.data_dir, &m.file).map_err(|e| {
                    tracing::warn!("a picture of post {} cannot be read: {e}", item.post.id.0);
                    Failure::Permanent(Reason::PictureUnreadable)
                })?;
                Ok(Picture {
                    bytes,
                    mime: m.file.mime.mime(),
                    alt: m.alt.clone(),
                })
            })
            .collect()
    }

    async fn notify(&self, notification: Notification) {
        let notifier = Arc::clone(&self.notifier);
        let shown = tokio::task::spawn_blocking(move || notifier.notify(&notification)).await;
        if let Ok(Err(e)) = shown {
            tracing::warn!("a publishing notification did not show: {e}");
        }
    }
}

/// How long ago the delivery's key was first used (its first claim).
fn key_age(item: &Outgoing) -> Duration {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let first =
        publishing::tid_micros(&item.envelope.key).map_or(Duration::ZERO, Duration::from_micros);
    now.saturating_sub(first)
}

/// A number in [0, 1) that differs between deliveries and attempts.
fn jitter(item: &Outgoing) -> f64 {
    let hash = RandomState::new().hash_one((item.id, item.attempts));
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_and_never_undercut_retry_after() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(1, None, 0.5), Duration::from_secs(30));
        assert_eq!(policy.delay(2, None, 0.5), Duration::from_secs(60));
        assert_eq!(policy.delay(20, None, 0.5), Duration::from_secs(30 * 60));
        assert_eq!(policy.delay(1, None, 0.0), Duration::from_secs(24));
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(90)), 0.0),
            Duration::from_secs(90)
        );
    }
}
