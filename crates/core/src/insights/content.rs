//! The content side: what the brand planned and published in a period, and how its
//! followers' content moved through the rights funnel.
//!
//! - **Content mix**: the period's posts (planned or out, not drafts or called off) by
//!   category, with each one's share, against the share the person set as its target
//!   (a category with a target is listed even without posts: it is under it).
//! - **Publish success**: of the deliveries Majlis sent by itself, the share that went
//!   out (the rest failed).
//! - **Reminders**: deliveries to networks posted by hand: done (marked as posted) or
//!   missed (reminded, their time past, never marked).
//! - **UGC funnel**: items found in the period, how many were asked about, and how many
//!   got permission.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Period;
use crate::Result;
use crate::brands::Brand;
use crate::categories::{Standing, Target};
use crate::channels::ChannelKind;
use crate::time::Timestamp;

/// A category's part of the content mix.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Share {
    /// The category; `None`: posts without one.
    pub category: Option<String>,
    /// Its posts.
    pub posts: u32,
    /// Its share of the period's posts, 0–1.
    pub share: f64,
    /// The share it should have.
    pub target: Target,
    /// Where its share stands against the target; `None` without a target.
    pub standing: Option<Standing>,
}

/// What a brand planned and published in a period.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    /// The period.
    pub period: Period,
    /// Posts by category, the largest first.
    pub mix: Vec<Share>,
    /// Deliveries Majlis sent that went out.
    pub published: u32,
    /// Deliveries Majlis sent that failed.
    pub failed: u32,
    /// `published` of both, 0–1; `None` when none was sent.
    pub success_rate: Option<f64>,
    /// Reminders the person marked as posted.
    pub reminders_done: u32,
    /// Reminders whose time passed without being marked.
    pub reminders_missed: u32,
    /// UGC items found in the period.
    pub ugc_found: u32,
    /// Of those, the ones asked about.
    pub ugc_requested: u32,
    /// Of those, the ones with permission.
    pub ugc_granted: u32,
}

/// `brand`'s content in `period`, as of `now`.
pub fn content(
    conn: &Connection,
    brand: &Brand,
    period: Period,
    now: Timestamp,
) -> Result<Content> {
    let (start, end) = period.instants(brand.time_zone);
    // Every category that has posts or a target, then posts without a category.
    let counted: Vec<(Option<String>, u32, Target)> = conn
        .prepare_cached(
            "SELECT c.name, count(p.id), c.target_min, c.target_max
             FROM categories c LEFT JOIN posts p ON p.category_id = c.id
               AND p.at >= ?2 AND p.at < ?3 AND p.status NOT IN ('draft', 'cancelled')
             WHERE c.brand_id = ?1
             GROUP BY c.id
             HAVING count(p.id) > 0 OR c.target_min IS NOT NULL OR c.target_max IS NOT NULL
             UNION ALL
             SELECT NULL, count(*), NULL, NULL FROM posts p
             WHERE p.brand_id = ?1 AND p.category_id IS NULL AND p.at >= ?2 AND p.at < ?3
               AND p.status NOT IN ('draft', 'cancelled')
             HAVING count(*) > 0
             ORDER BY 2 DESC, 1",
        )?
        .query_map(params![brand.id.0, start, end], |r| {
            let target = Target {
                at_least: r.get(2)?,
                at_most: r.get(3)?,
            };
            Ok((r.get(0)?, r.get(1)?, target))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let posts: u32 = counted.iter().map(|(_, n, _)| n).sum();
    let mix = counted
        .into_iter()
        .map(|(category, n, target)| Share {
            category,
            posts: n,
            share: f64::from(n) / f64::from(posts.max(1)),
            target,
            standing: target.standing(n, posts),
        })
        .collect();
    let (mut published, mut failed, mut done, mut missed) = (0, 0, 0, 0);
    let mut deliveries = conn.prepare_cached(
        "SELECT ch.kind, d.status, p.at FROM deliveries d
         JOIN posts p ON p.id = d.post_id JOIN channels ch ON ch.id = d.channel_id
         WHERE p.brand_id = ?1 AND p.at >= ?2 AND p.at < ?3",
    )?;
    let mut rows = deliveries.query(params![brand.id.0, start, end])?;
    while let Some(r) = rows.next()? {
        let kind: ChannelKind = r.get(0)?;
        let status: crate::posts::DeliveryStatus = r.get(1)?;
        let at: Timestamp = r.get(2)?;
        use crate::posts::DeliveryStatus::*;
        match (kind.publishes_itself(), status) {
            (true, Published) => published += 1,
            (true, Failed) => failed += 1,
            (false, Published) => done += 1,
            (false, Reminded | Pending) if at <= now => missed += 1,
            _ => {}
        }
    }
    let (ugc_found, ugc_requested, ugc_granted): (u32, u32, u32) = conn.query_row(
        "SELECT count(*), count(requested_at), count(granted_at) FROM ugc_items
         WHERE brand_id = ?1 AND found_at >= ?2 AND found_at < ?3",
        params![brand.id.0, start, end],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(Content {
        period,
        mix,
        published,
        failed,
        success_rate: (published + failed > 0)
            .then(|| f64::from(published) / f64::from(published + failed)),
        reminders_done: done,
        reminders_missed: missed,
        ugc_found,
        ugc_requested,
        ugc_granted,
    })
}
