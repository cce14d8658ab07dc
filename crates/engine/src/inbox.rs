//! The engine's side of the inbox: listening to the networks, telling the person when
//! answers are overdue, and sending answers.

use std::time::Duration;

use majlis_core::inbox::alerts;
use majlis_core::inbox::replies::{self, Sent};
use majlis_core::inbox::{self, InteractionId, Listened};
use majlis_core::publishing::{Envelope, Route};
use majlis_core::settings::{self, QUIET_HOURS};
use majlis_core::time::{Clock, SystemClock, Timestamp};
use majlis_core::ugc::rights;

use crate::connectors::Receipt;
use crate::engine::{Engine, until};
use crate::{Error, Result, messages};

/// How often each channel is asked for what is new: a minute, well inside every
/// network's rate limits (Bluesky allows 3,000 calls in five minutes).
pub(crate) const LISTEN_EVERY: Duration = Duration::from_secs(60);

impl Engine {
    /// Asks every connected channel for what is new and takes it in. Returns how many
    /// interactions arrived; a channel that fails is logged and skipped.
    pub async fn listen_once(&self) -> Result<usize> {
        let channels = self.store().read(inbox::listened)?;
        let mut added = 0;
        for channel in channels {
            match self.listen_to(&channel).await {
                Ok(n) => added += n,
                Err(e) => tracing::warn!(
                    channel = channel.route.channel.0,
                    "cannot read the channel's notifications: {e}"
                ),
            }
        }
        if added > 0 {
            self.inbox_changed();
        }
        Ok(added)
    }

    async fn listen_to(&self, channel: &Listened) -> Result<usize> {
        let connector = self
            .publisher()
            .connector(&channel.route)
            .map_err(|f| Error::Listen(f.to_string()))?;
        let heard = connector
            .listen(channel.route.channel, channel.cursor.as_deref())
            .await
            .map_err(|f| Error::Listen(f.to_string()))?;
        let now = SystemClock.now();
        let (added, answered) = self.store().write(|tx| {
            let added = inbox::heard(
                tx,
                channel.route.channel,
                &heard.items,
                heard.cursor.as_deref(),
                now,
            )?;
            // Among the arrivals may be creators answering rights requests.
            let answered = rights::hear(tx, &added, now)?;
            Ok((added, answered))
        })?;
        if !answered.is_empty() {
            self.ugc_changed();
        }
        Ok(added.len())
    }

    /// Brings back snoozed interactions whose time came, raises the overdue
    /// notifications due now (unless it is the person's quiet time), and returns how
    /// long to sleep until the next is due (`None`: until the inbox changes).
    pub async fn alert_due(&self) -> Result<Option<Duration>> {
        let now = SystemClock.now();
        let store = self.store();
        let quiet = store.read(|c| settings::get(c, &QUIET_HOURS))?;
        let quiet_until = quiet.and_then(|q| q.until(now));
        let (woken, alerts) = store.write(|tx| {
            let woken = inbox::wake_snoozed(tx, now)?;
            let alerts = match quiet_until {
                Some(_) => Vec::new(),
                None => alerts::take_due(tx, now)?,
            };
            Ok((woken, alerts))
        })?;
        if woken > 0 {
            // Snoozed ones are back in the window's list.
            self.inbox_changed();
        }
        if !alerts.is_empty() {
            let language = messages::language(store);
            for alert in &alerts {
                self.notify(messages::overdue(language, alert)).await?;
            }
        }
        self.overdue_changed(store.read(|c| inbox::overdue_count(c, None, now))?);
        let next = store.read(alerts::next_wake)?;
        // Quiet hours hold whatever falls due in them until they end.
        let next = match (next, quiet_until) {
            (Some(next), Some(end)) => Some(next.max(end)),
            (next, _) => next,
        };
        Ok(next.map(until))
    }

    /// Sends `text` as the answer to interaction `id`, through the channel it came on.
    /// When it does not go out, the reply keeps its text and the error says why.
    pub async fn reply(&self, id: InteractionId, text: &str) -> Result<()> {
        let now = SystemClock.now();
        let outgoing = self.store().write(|tx| replies::begin(tx, id, text, now))?;
        let sent = self.send_reply(&outgoing.route, &outgoing.envelope).await;
        self.store()
            .write(|tx| replies::record(tx, outgoing.id, &sent, SystemClock.now()))?;
        self.inbox_changed();
        match sent {
            Sent::Landed { .. } => Ok(()),
            Sent::Failed(why) => Err(Error::ReplyFailed(
                why.in_language(messages::language(self.store())).to_owned(),
            )),
        }
    }

    /// Sends `envelope` (a reply: an answer or a rights request) through `route`'s
    /// connector, and says what became of it (why not, in each language).
    pub(crate) async fn send_reply(&self, route: &Route, envelope: &Envelope) -> Sent {
        let sent = match self.publisher().connector(route) {
            Ok(connector) => connector.publish(envelope, &[]).await,
            Err(failure) => Err(failure),
        };
        match sent {
            Ok(Receipt {
                remote_id,
                remote_url,
            }) => Sent::Landed {
                remote_id,
                remote_url,
            },
            Err(failure) => Sent::Failed(messages::recorded(failure.reason())),
        }
    }

    /// Holds the brand's overdue notifications for half an hour ("Snooze 30 min").
    pub fn snooze_alerts(&self, brand: majlis_core::brands::BrandId) -> Result<()> {
        let until = Timestamp::from_unix(SystemClock.now().unix() + 30 * 60)
            .unwrap_or_else(|| SystemClock.now());
        self.store()
            .write(|tx| alerts::snooze_brand(tx, brand, until))?;
        self.inbox_changed();
        Ok(())
    }
}
