//! When to tell the person that answers are overdue.
//!
//! Each brand gets at most one notification at a time, grouping what became overdue
//! since the last; the brand's policy says how long to wait before the next one
//! (`notify_every`) and when an unanswered interaction is told about again
//! (`escalate_after` past its deadline). The engine's watcher asks [`next_wake`] when
//! to wake up and sleeps until then; at that time [`take_due`] says what to tell and
//! records that it was told.

use chrono::NaiveTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::policy;
use super::{InteractionId, Kind};
use crate::Result;
use crate::brands::BrandId;
use crate::time::Timestamp;
use crate::zone::Zone;

/// One brand's overdue notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// The brand.
    pub brand: BrandId,
    /// Its name.
    pub brand_name: String,
    /// How many of its interactions wait past their deadline now.
    pub overdue: u32,
    /// Nothing newly overdue: this tells again about ones past their escalation time.
    pub escalation: bool,
    /// The one that has waited longest past its deadline.
    pub oldest: Oldest,
}

/// The most overdue interaction of an alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Oldest {
    /// It.
    pub id: InteractionId,
    /// What it is about.
    pub kind: Kind,
    /// Its author's handle.
    pub author: String,
    /// Seconds past its deadline.
    pub overdue_by: i64,
}

/// Hours in which the person wants no notifications, in their own time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuietHours {
    /// When quiet begins, `HH:MM`.
    pub from: String,
    /// When it ends, `HH:MM` (the next morning when earlier than `from`).
    pub to: String,
    /// The person's time zone.
    pub zone: Zone,
}

impl QuietHours {
    /// Checks the times, naming the one that is not a time.
    pub fn validate(&self) -> Result<()> {
        self.times().map(|_| ())
    }

    fn times(&self) -> Result<(NaiveTime, NaiveTime)> {
        Ok((
            policy::time_of_day(&self.from)?,
            policy::time_of_day(&self.to)?,
        ))
    }

    /// When the quiet ends, if `now` is in it.
    pub fn until(&self, now: Timestamp) -> Option<Timestamp> {
        let (from, to) = self.times().ok()?;
        if from == to {
            return None;
        }
        let local = self.zone.local_of(now);
        let time = local.time();
        let quiet = if from < to {
            time >= from && time < to
        } else {
            time >= from || time < to
        };
        if !quiet {
            return None;
        }
        let end_day = if time >= to {
            local.date().succ_opt()?
        } else {
            local.date()
        };
        Some(self.zone.instant_of_or_later(end_day.and_time(to)))
    }
}

/// Every brand's overdue notification due at `now`, each recorded as told (so it is
/// not told again before its time). The caller shows them.
pub fn take_due(tx: &Transaction<'_>, now: Timestamp) -> Result<Vec<Alert>> {
    let mut alerts = Vec::new();
    for (brand, name) in brands(tx)? {
        let policy = super::policy(tx, brand)?;
        if gate(tx, brand, &policy)?.is_some_and(|gate| gate > now) {
            continue;
        }
        let escalate_before = now.unix() - i64::from(policy.escalate_after) * 60;
        let (newly, escalated): (u32, u32) = tx
            .prepare_cached(
                "SELECT count(*) FILTER (WHERE alerted = 0 AND deadline <= ?2),
                        count(*) FILTER (WHERE alerted < 2 AND deadline <= ?3)
                 FROM interactions
                 WHERE brand_id = ?1 AND status IN ('new', 'open') AND deadline IS NOT NULL
                   AND alerted < 2 AND deadline <= ?2",
            )?
            .query_row(params![brand.0, now, escalate_before], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if newly == 0 && escalated == 0 {
            continue;
        }
        let oldest = tx
            .prepare_cached(
                "SELECT id, kind, author_handle, ?2 - deadline FROM interactions
                 WHERE brand_id = ?1 AND status IN ('new', 'open') AND deadline <= ?2
                 ORDER BY deadline, id LIMIT 1",
            )?
            .query_row(params![brand.0, now], |r| {
                Ok(Oldest {
                    id: InteractionId(r.get(0)?),
                    kind: r.get(1)?,
                    author: r.get(2)?,
                    overdue_by: r.get(3)?,
                })
            })?;
        tx.execute(
            "UPDATE interactions SET alerted = CASE WHEN deadline <= ?3 THEN 2 ELSE 1 END
             WHERE brand_id = ?1 AND status IN ('new', 'open') AND deadline IS NOT NULL
               AND alerted < 2 AND deadline <= ?2",
            params![brand.0, now, escalate_before],
        )?;
        tx.execute(
            "INSERT INTO inbox_settings (brand_id, last_alert_at) VALUES (?1, ?2)
             ON CONFLICT (brand_id) DO UPDATE SET last_alert_at = excluded.last_alert_at",
            params![brand.0, now],
        )?;
        alerts.push(Alert {
            brand,
            brand_name: name,
            overdue: super::overdue_count(tx, Some(brand), now)?,
            escalation: newly == 0,
            oldest,
        });
    }
    Ok(alerts)
}

/// When something is next due to be told, or a snoozed interaction comes back;
/// `None`: nothing will be until the inbox changes.
pub fn next_wake(conn: &Connection) -> Result<Option<Timestamp>> {
    let mut next: Option<i64> = conn
        .prepare_cached("SELECT min(snoozed_until) FROM interactions WHERE status = 'snoozed'")?
        .query_row([], |r| r.get(0))?;
    for (brand, _) in brands(conn)? {
        let policy = super::policy(conn, brand)?;
        let (deadline, escalation): (Option<i64>, Option<i64>) = conn
            .prepare_cached(
                "SELECT (SELECT min(deadline) FROM interactions
                         WHERE brand_id = ?1 AND alerted = 0 AND status IN ('new', 'open')
                           AND deadline IS NOT NULL),
                        (SELECT min(deadline) FROM interactions
                         WHERE brand_id = ?1 AND alerted = 1 AND status IN ('new', 'open')
                           AND deadline IS NOT NULL)",
            )?
            .query_row([brand.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let escalation = escalation.map(|d| d + i64::from(policy.escalate_after) * 60);
        let Some(event) = [deadline, escalation].into_iter().flatten().min() else {
            continue;
        };
        let wake = gate(conn, brand, &policy)?.map_or(event, |gate| gate.unix().max(event));
        next = Some(next.map_or(wake, |n| n.min(wake)));
    }
    Ok(next.and_then(Timestamp::from_unix))
}

/// Holds the brand's overdue notifications until `until` ("Snooze 30 min").
pub fn snooze_brand(tx: &Transaction<'_>, brand: BrandId, until: Timestamp) -> Result<()> {
    tx.execute(
        "INSERT INTO inbox_settings (brand_id, snoozed_until) VALUES (?1, ?2)
         ON CONFLICT (brand_id) DO UPDATE SET snoozed_until = excluded.snoozed_until",
        params![brand.0, until],
    )?;
    Ok(())
}

/// The earliest the brand may be told again: after its last notification's interval
/// and its snooze.
fn gate(
    conn: &Connection,
    brand: BrandId,
    policy: &policy::ReplyPolicy,
) -> Result<Option<Timestamp>> {
    let (last, snoozed): (Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT last_alert_at, snoozed_until FROM inbox_settings WHERE brand_id = ?1",
        )?
        .query_row([brand.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or_default();
    let after_last = last.map(|l| l + i64::from(policy.notify_every) * 60);
    Ok([after_last, snoozed]
        .into_iter()
        .flatten()
        .max()
        .and_then(Timestamp::from_unix))
}

fn brands(conn: &Connection) -> Result<Vec<(BrandId, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM brands ORDER BY id")?
        .query_map([], |r| Ok((BrandId(r.get(0)?), r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
