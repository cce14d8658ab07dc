//! Rights: the creator's permission for an item, as a small state machine with its
//! evidence trail.
//!
//! ```text
//! found ──request sent──▶ requested ──"#YesBrand"──▶ granted ──a post uses it──▶ used
//!   │                        │  ╲──"no"──▶ declined          │                    │
//!   │                        ╲──silence──▶ expired ◀──grant ends──────────────────┤
//!   ╰──────manual grant (a note says how)──────────▶ granted ◀─ revoked ◀──creator─╯
//! ```
//! Every change is checked against [`RightsState::can_become`] and logged with what
//! proves it; a grant that ends or is revoked holds the posts that are not out yet.

use chrono::Months;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::UgcId;
use super::terms::{self, Answer};
use crate::inbox::InteractionId;
use crate::posts::{PostId, PostIntent};
use crate::settings::Language;
use crate::sql_name::sql_as_name;
use crate::time::Timestamp;
use crate::worded::Worded;
use crate::{Error, Result};

/// Where an item's rights are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RightsState {
    /// On the board; nobody asked yet.
    Found,
    /// The creator was asked; no answer yet.
    Requested,
    /// The creator said yes (or the person recorded a permission given elsewhere).
    Granted,
    /// Granted and in at least one post.
    Used,
    /// The creator said no.
    Declined,
    /// Nobody answered in time, or the grant ran out.
    Expired,
    /// The creator took the permission back.
    Revoked,
}

sql_as_name!(RightsState {
    Found => "found",
    Requested => "requested",
    Granted => "granted",
    Used => "used",
    Declined => "declined",
    Expired => "expired",
    Revoked => "revoked",
});

impl RightsState {
    /// Every state, in the board's order.
    pub const ALL: [Self; 7] = [
        Self::Found,
        Self::Requested,
        Self::Granted,
        Self::Used,
        Self::Declined,
        Self::Expired,
        Self::Revoked,
    ];

    /// Whether a post may use the item.
    pub fn allows_use(self) -> bool {
        matches!(self, Self::Granted | Self::Used)
    }

    /// Where the person can move an item here by hand (on the board): ask for the
    /// rights when Majlis `can_ask`, record a permission, a "no" or a revocation.
    /// `used` and `expired` only happen (a post takes it; time runs out).
    pub fn moves(self, can_ask: bool) -> Vec<Self> {
        [
            Self::Requested,
            Self::Granted,
            Self::Declined,
            Self::Revoked,
        ]
        .into_iter()
        .filter(|to| self.can_become(*to) && (can_ask || *to != Self::Requested))
        .collect()
    }

    /// Whether an item here may move to `to`. Manual grants are allowed from every
    /// state without a grant (permission can come by email after a "no"); nothing
    /// moves back to `found`.
    pub fn can_become(self, to: Self) -> bool {
        use RightsState::*;
        match (self, to) {
            (Granted | Used, Granted) => false,
            (_, Granted) => true,
            (Found | Expired, Requested) => true,
            (Found | Requested, Declined) => true,
            (Requested | Granted | Used, Expired) => true,
            (Granted | Used, Used | Revoked) => true,
            _ => false,
        }
    }
}

/// What a grant allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Reposting on the brand's own accounts.
    Organic,
    /// Paid advertising.
    PaidAds,
    /// The brand's website, print and anything else.
    Website,
}

/// A permission given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    /// What it allows.
    pub scope: Vec<Scope>,
    /// When it was given.
    pub granted_at: Timestamp,
    /// When it ends; `None`: it does not.
    pub expires_at: Option<Timestamp>,
    /// Whether the person recorded it (permission given off the network).
    pub manual: bool,
}

/// A permission the person records by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ManualGrant {
    /// How it was given ("by email on 3 March"): required, it is the evidence.
    pub note: String,
    /// What it allows; the brand's terms when empty.
    pub scope: Vec<Scope>,
    /// When it ends, in months from now; the brand's terms when `None`.
    pub months: Option<u32>,
}

/// What a step of the trail was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// It came onto the board.
    Found,
    /// The request went out.
    RequestSent,
    /// The request did not go out.
    RequestFailed,
    /// The creator answered.
    Answer,
    /// The person recorded it.
    Manual,
    /// Time ran out.
    Expired,
    /// A post took it.
    Used,
    /// A post using it was taken off the schedule.
    PostHeld,
}

sql_as_name!(EventKind {
    Found => "found",
    RequestSent => "request_sent",
    RequestFailed => "request_failed",
    Answer => "answer",
    Manual => "manual",
    Expired => "expired",
    Used => "used",
    PostHeld => "post_held",
});

/// One step of an item's evidence trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// When.
    pub at: Timestamp,
    /// The state it led to.
    pub state: RightsState,
    /// What it was.
    pub what: EventKind,
    /// The words that prove it: the creator's answer, the request, the person's note.
    pub text: Option<String>,
    /// Why a request did not go out (`RequestFailed`), in each language.
    pub why: Option<Worded>,
    /// The post it concerns: the one using the item (`Used`), or held (`PostHeld`);
    /// none once that post is deleted.
    pub post: Option<PostId>,
    /// Where that is on the network.
    pub url: Option<String>,
}

impl Event {
    /// What the step says, as a line of text reads it: its words, why it failed (in
    /// `language`), or the post it concerns (if it is still there).
    pub fn said(&self, language: Language) -> String {
        match (&self.text, &self.why, self.post, self.what) {
            (Some(text), _, _, _) => text.clone(),
            (_, Some(why), _, _) => why.in_language(language).to_owned(),
            (_, _, Some(post), _) => used_in(post),
            (_, _, None, EventKind::Used | EventKind::PostHeld) => match language {
                Language::En => "a post since deleted".into(),
                Language::Ar => "منشور حُذف بعد ذلك".into(),
            },
            _ => String::new(),
        }
    }
}

/// A step as it is written, each kind with what proves it and nothing else.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Step<'a> {
    /// It came onto the board, from where it is on the network.
    Found { url: Option<&'a str> },
    /// The request went out with these words, to be seen there.
    RequestSent { text: &'a str, url: Option<&'a str> },
    /// The request did not go out, for this reason.
    RequestFailed(&'a Worded),
    /// The creator answered with these words, there.
    Answer { text: &'a str, url: Option<&'a str> },
    /// The person recorded it, with a note saying how.
    Manual { note: Option<&'a str> },
    /// Time ran out.
    Expired,
    /// This post took it.
    Used(PostId),
    /// This post, using it, was taken off the schedule.
    PostHeld(PostId),
}

/// Adds `step` to `item`'s trail, which it led to `state`.
pub(crate) fn log(
    tx: &Transaction<'_>,
    item: UgcId,
    state: RightsState,
    step: Step<'_>,
    now: Timestamp,
) -> Result<()> {
    use EventKind as Kind;
    // Its kind, and its proof in the column of that kind: text, why, post, url.
    let (what, text, why, post, url) = match step {
        Step::Found { url } => (Kind::Found, None, None, None, url),
        Step::RequestSent { text, url } => (Kind::RequestSent, Some(text), None, None, url),
        Step::RequestFailed(why) => (Kind::RequestFailed, None, Some(why), None, None),
        Step::Answer { text, url } => (Kind::Answer, Some(text), None, None, url),
        Step::Manual { note } => (Kind::Manual, note, None, None, None),
        Step::Expired => (Kind::Expired, None, None, None, None),
        Step::Used(post) => (Kind::Used, None, None, Some(post.0), None),
        Step::PostHeld(post) => (Kind::PostHeld, None, None, Some(post.0), None),
    };
    tx.prepare_cached(
        "INSERT INTO ugc_events (item_id, at, state, what, text, why, post_id, url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![item.0, now, state, what, text, why, post, url])?;
    Ok(())
}

/// `item`'s trail, oldest first.
pub fn trail(conn: &Connection, item: UgcId) -> Result<Vec<Event>> {
    Ok(conn
        .prepare_cached(
            "SELECT at, state, what, text, why, post_id, url FROM ugc_events
             WHERE item_id = ?1 ORDER BY id",
        )?
        .query_map([item.0], |r| {
            Ok(Event {
                at: r.get(0)?,
                state: r.get(1)?,
                what: r.get(2)?,
                text: r.get(3)?,
                why: r.get(4)?,
                post: r.get::<_, Option<i64>>(5)?.map(PostId),
                url: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Moves `item` to `to` if its state allows, logging the step. Returns the state it
/// left.
pub(crate) fn change(
    tx: &Transaction<'_>,
    item: UgcId,
    to: RightsState,
    step: Step<'_>,
    now: Timestamp,
) -> Result<RightsState> {
    let from: RightsState = tx
        .query_row("SELECT state FROM ugc_items WHERE id = ?1", [item.0], |r| {
            r.get(0)
        })
        .map_err(|_| Error::UgcNotFound(item.0))?;
    if !from.can_become(to) {
        return Err(Error::RightsCannotMove {
            from: from.as_str(),
            to: to.as_str(),
        });
    }
    tx.execute(
        "UPDATE ugc_items SET state = ?2 WHERE id = ?1",
        params![item.0, to],
    )?;
    log(tx, item, to, step, now)?;
    if matches!(to, RightsState::Expired | RightsState::Revoked) && from.allows_use() {
        hold_posts(tx, item, to, now)?;
    }
    Ok(from)
}

/// How a permission came, and what proves it.
#[derive(Clone, Copy, Debug)]
enum Given<'a> {
    /// The creator's answer on the network: its words, and where it is.
    Answer { text: &'a str, url: Option<&'a str> },
    /// The person's word that they got it off the network, and how.
    Manual { note: &'a str },
}

/// Records a permission given, by the creator's answer or the person's word.
fn grant(
    tx: &Transaction<'_>,
    item: UgcId,
    scope: &[Scope],
    months: Option<u32>,
    given: Given<'_>,
    now: Timestamp,
) -> Result<()> {
    let (manual, step) = match given {
        Given::Answer { text, url } => (false, Step::Answer { text, url }),
        Given::Manual { note } => (true, Step::Manual { note: Some(note) }),
    };
    let expires = months
        .filter(|m| *m > 0)
        .and_then(|m| now.as_utc().checked_add_months(Months::new(m)))
        .map(Timestamp::from);
    tx.execute(
        "UPDATE ugc_items SET scope = ?2, granted_at = ?3, grant_expires_at = ?4, grant_manual = ?5
         WHERE id = ?1",
        params![
            item.0,
            serde_json::to_string(scope).unwrap_or_else(|_| "[]".into()),
            now,
            expires,
            manual
        ],
    )?;
    // After the grant's columns: the table refuses a granted item without them (and
    // a refused change rolls the whole transaction back).
    change(tx, item, RightsState::Granted, step, now).map(|_| ())
}

/// Records a permission the person got off the network (by email, in a shop); the
/// note is the evidence, and the grant is marked manual.
pub fn grant_manually(
    tx: &Transaction<'_>,
    item: UgcId,
    given: &ManualGrant,
    now: Timestamp,
) -> Result<()> {
    let note = given.note.trim();
    if note.is_empty() {
        return Err(Error::GrantNoteMissing);
    }
    let brand = brand_of(tx, item)?;
    let terms = terms::get(tx, brand)?;
    let scope = if given.scope.is_empty() {
        terms.scope.clone()
    } else {
        given.scope.clone()
    };
    let months = given.months.or(terms.months);
    grant(tx, item, &scope, months, Given::Manual { note }, now)
}

/// Records that the creator said no, or took their permission back (`Revoked`, which
/// holds the posts using it), with the person's note.
pub fn refuse(
    tx: &Transaction<'_>,
    item: UgcId,
    to: RightsState,
    note: &str,
    now: Timestamp,
) -> Result<()> {
    if !matches!(to, RightsState::Declined | RightsState::Revoked) {
        return Err(Error::RightsCannotMove {
            from: "any",
            to: to.as_str(),
        });
    }
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    change(tx, item, to, Step::Manual { note }, now).map(|_| ())
}

/// Requests nobody answered within the brand's wait, and grants past their end,
/// become `expired` (grants hold their posts). Returns the items that changed.
pub fn expire_due(tx: &Transaction<'_>, now: Timestamp) -> Result<Vec<UgcId>> {
    let mut due: Vec<i64> = tx
        .prepare_cached(
            "SELECT id FROM ugc_items
             WHERE state IN ('granted', 'used') AND grant_expires_at IS NOT NULL
               AND grant_expires_at <= ?1",
        )?
        .query_map([now], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let waiting: Vec<i64> = tx
        .prepare_cached("SELECT DISTINCT brand_id FROM ugc_items WHERE state = 'requested'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for brand in waiting {
        let wait = terms::get(tx, crate::brands::BrandId(brand))?.wait_days;
        let asked_before = now.unix() - i64::from(wait) * 86_400;
        let mut late = tx.prepare_cached(
            "SELECT id FROM ugc_items
             WHERE brand_id = ?1 AND state = 'requested' AND requested_at <= ?2",
        )?;
        for id in late.query_map(params![brand, asked_before], |r| r.get(0))? {
            due.push(id?);
        }
    }
    for id in &due {
        change(tx, UgcId(*id), RightsState::Expired, Step::Expired, now)?;
    }
    Ok(due.into_iter().map(UgcId).collect())
}

/// Reads the creator's answers among `interactions` (just taken into the inbox): a
/// reply from the creator to a rights request that carries the brand's agreement
/// hashtag (or, in Arabic, its word) grants the item on the brand's terms; a plain "no"
/// declines it. The answer's words and address are kept as the evidence. Returns the
/// items that changed.
pub fn hear(
    tx: &Transaction<'_>,
    interactions: &[InteractionId],
    now: Timestamp,
) -> Result<Vec<UgcId>> {
    let mut changed = Vec::new();
    for id in interactions {
        let answer: Option<(i64, i64, String, Option<String>)> = tx
            .prepare_cached(
                "SELECT u.id, u.brand_id, i.text, i.url FROM interactions i
                 JOIN ugc_items u ON u.request_remote_id = i.parent_remote_id
                                 AND u.brand_id = i.brand_id
                                 AND lower(u.creator_handle) = lower(i.author_handle)
                 WHERE i.id = ?1 AND u.state = 'requested'",
            )?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((item, brand, text, url)) = answer else {
            continue;
        };
        let terms = terms::get(tx, crate::brands::BrandId(brand))?;
        let (text, url) = (text.as_str(), url.as_deref());
        match terms.read_answer(text) {
            Some(Answer::Yes) => {
                let given = Given::Answer { text, url };
                grant(tx, UgcId(item), &terms.scope, terms.months, given, now)?;
            }
            Some(Answer::No) => {
                let answer = Step::Answer { text, url };
                change(tx, UgcId(item), RightsState::Declined, answer, now)?;
            }
            None => continue,
        }
        changed.push(UgcId(item));
    }
    Ok(changed)
}

/// Checks that the items can go into a post planned for `at` with `intent`: a draft
/// may hold any item (written while waiting for the answer); a post for approval or
/// the schedule only granted ones whose grant lasts past its time.
pub(crate) fn check_use(
    conn: &Connection,
    items: &[UgcId],
    at: Option<Timestamp>,
    intent: PostIntent,
) -> Result<()> {
    for id in items {
        let item = super::get(conn, *id)?;
        if intent == PostIntent::Draft {
            continue;
        }
        if !item.state.allows_use() {
            return Err(Error::UgcNotCleared {
                creator: item.creator.handle,
                state: item.state.as_str(),
            });
        }
        let ends = item.grant.and_then(|g| g.expires_at);
        if let (Some(ends), Some(at)) = (ends, at)
            && ends <= at
        {
            return Err(Error::UgcGrantEnds {
                creator: item.creator.handle,
                ends: ends.as_utc().date_naive().to_string(),
            });
        }
    }
    Ok(())
}

/// Links `post` to `items` (checked by [`check_use`]) besides those it has; each newly
/// linked item that is granted becomes `used`.
pub(crate) fn attach(
    tx: &Transaction<'_>,
    post: PostId,
    items: &[UgcId],
    now: Timestamp,
) -> Result<()> {
    for id in items {
        let linked = tx.execute(
            "INSERT OR IGNORE INTO post_ugc (post_id, item_id) VALUES (?1, ?2)",
            params![post.0, id.0],
        )?;
        let state: RightsState =
            tx.query_row("SELECT state FROM ugc_items WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })?;
        if linked == 1 && state.allows_use() {
            change(tx, *id, RightsState::Used, Step::Used(post), now)?;
        }
    }
    Ok(())
}

/// Takes back what [`attach`] wrote at `at` of `post` using `items`, as the post goes
/// again (a series date put back by Undo): the trail keeps no use that was taken back,
/// and an item the post made `used` is again what its trail now ends with (`granted`,
/// when the series it came from is a draft; still `used` when the series uses it).
pub(crate) fn unattach(
    tx: &Transaction<'_>,
    post: PostId,
    items: &[UgcId],
    at: Timestamp,
) -> Result<()> {
    let mut used = tx.prepare_cached(
        "DELETE FROM ugc_events WHERE item_id = ?1 AND at = ?2 AND what = 'used' AND post_id = ?3",
    )?;
    let mut as_trail_ends = tx.prepare_cached(
        "UPDATE ugc_items SET state = coalesce(
             (SELECT e.state FROM ugc_events e WHERE e.item_id = ?1 ORDER BY e.id DESC LIMIT 1),
             state)
         WHERE id = ?1",
    )?;
    for id in items {
        if used.execute(params![id.0, at, post.0])? > 0 {
            as_trail_ends.execute([id.0])?;
        }
    }
    Ok(())
}

/// How a line of text names the post a step concerns.
fn used_in(post: PostId) -> String {
    format!("post {}", post.0)
}

/// The items `post` uses.
pub(crate) fn of_post(conn: &Connection, post: PostId) -> Result<Vec<UgcId>> {
    Ok(conn
        .prepare_cached("SELECT item_id FROM post_ugc WHERE post_id = ?1 ORDER BY item_id")?
        .query_map([post.0], |r| r.get(0).map(UgcId))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The items the posts matching `condition` on `posts p` use, by post.
pub(crate) fn of_posts(
    conn: &Connection,
    condition: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<(PostId, UgcId)>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT u.post_id, u.item_id FROM post_ugc u JOIN posts p ON p.id = u.post_id
             WHERE {condition} ORDER BY u.post_id, u.item_id"
        ))?
        .query_map(params, |r| Ok((PostId(r.get(0)?), UgcId(r.get(1)?))))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Takes the posts using `item` that are not out yet off the schedule (back to
/// drafts, with a note saying why), so nothing goes out without permission.
fn hold_posts(tx: &Transaction<'_>, item: UgcId, why: RightsState, now: Timestamp) -> Result<()> {
    let handle: String = tx.query_row(
        "SELECT creator_handle FROM ugc_items WHERE id = ?1",
        [item.0],
        |r| r.get(0),
    )?;
    let held: Vec<i64> = tx
        .prepare_cached(
            "UPDATE posts SET status = 'draft', updated_at = ?3,
                 notes = CASE WHEN notes = '' THEN ?2 ELSE notes || char(10) || ?2 END
             WHERE id IN (SELECT post_id FROM post_ugc WHERE item_id = ?1)
               AND status IN ('in_review', 'approved', 'scheduled')
               AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.post_id = posts.id
                               AND d.status NOT IN ('pending', 'cancelled'))
             RETURNING id",
        )?
        .query_map(
            params![
                item.0,
                held_note(crate::settings::current_language(tx)?, why, &handle),
                now
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for post in held {
        log(tx, item, why, Step::PostHeld(PostId(post)), now)?;
    }
    Ok(())
}

/// The note a post held for an item gets, in the language the window speaks (a note is
/// the person's to edit): why, and whose post it used.
fn held_note(language: Language, why: RightsState, handle: &str) -> String {
    match (language, why) {
        (Language::En, RightsState::Revoked) => {
            format!("On hold: @{handle} took back the permission to use their post.")
        }
        (Language::En, _) => format!("On hold: the permission to use @{handle}'s post ran out."),
        // The handle set apart, so that its @ and dots stay with it in an Arabic sentence.
        // Passive: the creator may be a woman or a man.
        (Language::Ar, RightsState::Revoked) => {
            format!("موقوف: سُحب إذن استخدام منشور \u{2068}@{handle}\u{2069}.")
        }
        (Language::Ar, _) => {
            format!("موقوف: انتهت مدة إذن استخدام منشور \u{2068}@{handle}\u{2069}.")
        }
    }
}

fn brand_of(conn: &Connection, item: UgcId) -> Result<crate::brands::BrandId> {
    conn.query_row(
        "SELECT brand_id FROM ugc_items WHERE id = ?1",
        [item.0],
        |r| r.get(0).map(crate::brands::BrandId),
    )
    .map_err(|_| Error::UgcNotFound(item.0))
}
