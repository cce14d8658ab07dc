//! The inbox: every comment, mention and message a brand receives, each with a
//! deadline for its answer.
//!
//! An interaction arrives (`new`), is read (`open`), and is answered (`replied`) or
//! set aside (`closed`, `spam`); it can be `snoozed` until a time, when it comes back
//! as `open`. Triage rules set its kind and priority as it arrives, and the brand's
//! reply policy its deadline. What waits for an answer past its deadline is overdue;
//! [`alerts`] decides when the person is told.

pub mod alerts;
mod csv;
pub mod policy;
pub mod replies;
pub mod triage;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

pub use self::csv::import;
use self::policy::ReplyPolicy;
use self::triage::{Rule, Subject, Triage};
use crate::brands::{self, Brand, BrandId};
use crate::channels::{ChannelId, ChannelKind};
use crate::posts::PostId;
use crate::publishing::Route;
use crate::settings;
use crate::sql_name::sql_as_name;
use crate::time::Timestamp;
use crate::{Error, Result};

/// An interaction's row id.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct InteractionId(pub i64);

/// How it reached the brand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A reply or comment on one of the brand's posts (or in its threads).
    Reply,
    /// A post that mentions the brand.
    Mention,
    /// A post that quotes one of the brand's.
    Quote,
    /// A direct message.
    Message,
    /// A review.
    Review,
    /// Typed or imported by the person, from a network Majlis cannot read.
    Manual,
}

/// Where it is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not yet seen.
    New,
    /// Seen, waiting for an answer.
    Open,
    /// Answered.
    Replied,
    /// Needs no (more) answer.
    Closed,
    /// Set aside until a time.
    Snoozed,
    /// Spam.
    Spam,
}

/// What it is about, as triage reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A question.
    Question,
    /// A complaint.
    Complaint,
    /// Praise.
    Praise,
    /// Feedback or a suggestion.
    Feedback,
    /// Content a follower made, worth featuring.
    Ugc,
    /// Spam.
    Spam,
    /// Anything else.
    Other,
}

/// How urgent it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual.
    Normal,
    /// Sooner.
    High,
    /// Now.
    Urgent,
}

sql_as_name!(Source {
    Reply => "reply",
    Mention => "mention",
    Quote => "quote",
    Message => "message",
    Review => "review",
    Manual => "manual",
});

sql_as_name!(Status {
    New => "new",
    Open => "open",
    Replied => "replied",
    Closed => "closed",
    Snoozed => "snoozed",
    Spam => "spam",
});

sql_as_name!(Kind {
    Question => "question",
    Complaint => "complaint",
    Praise => "praise",
    Feedback => "feedback",
    Ugc => "ugc",
    Spam => "spam",
    Other => "other",
});

sql_as_name!(Priority {
    Low => "low",
    Normal => "normal",
    High => "high",
    Urgent => "urgent",
});

impl Status {
    /// Whether it waits for an answer.
    pub fn is_waiting(self) -> bool {
        matches!(self, Self::New | Self::Open)
    }
}

/// Who wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Author {
    /// Their handle, without `@`.
    pub handle: String,
    /// Their display name.
    pub name: Option<String>,
    /// Their picture's address (shown only once fetched by Majlis, never by the window).
    pub avatar: Option<String>,
}

/// An interaction as a poller, the person or an import hands it over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incoming {
    /// The channel it came on.
    pub channel: ChannelId,
    /// The network's id for it; `None` when typed in by hand.
    pub remote_id: Option<String>,
    /// Where people see it.
    pub url: Option<String>,
    /// How it reached the brand.
    pub source: Source,
    /// Who wrote it.
    pub author: Author,
    /// What they wrote.
    pub text: String,
    /// Its language (ISO 639), when known.
    pub language: Option<String>,
    /// When they wrote it.
    pub received_at: Timestamp,
    /// The network's id for the post it answers.
    pub parent_remote_id: Option<String>,
    /// That post's text.
    pub parent_text: Option<String>,
}

/// One interaction, as the inbox shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Interaction {
    /// Row id.
    pub id: InteractionId,
    /// The brand it was said to.
    pub brand_id: BrandId,
    /// The channel it came on.
    pub channel_id: ChannelId,
    /// That channel's name.
    pub channel_name: String,
    /// That channel's network.
    pub channel_kind: ChannelKind,
    /// The network's id for it.
    pub remote_id: Option<String>,
    /// Where people see it.
    pub url: Option<String>,
    /// How it reached the brand.
    pub source: Source,
    /// Who wrote it.
    pub author: Author,
    /// What they wrote (untrusted: shown as text, never as HTML).
    pub text: String,
    /// Its language, when known.
    pub language: Option<String>,
    /// When they wrote it.
    pub received_at: Timestamp,
    /// The text of the post it answers, for context.
    pub parent_text: Option<String>,
    /// That post, when it is one of the brand's.
    pub post_id: Option<PostId>,
    /// Where it is in its life.
    pub status: Status,
    /// Until when it is snoozed.
    pub snoozed_until: Option<Timestamp>,
    /// Who answers it.
    pub assignee: Option<String>,
    /// What it is about.
    pub kind: Kind,
    /// How urgent it is.
    pub priority: Priority,
    /// Its tags.
    pub tags: Vec<String>,
    /// When the answer is due; `None`: none is expected.
    pub deadline: Option<Timestamp>,
    /// When it was first answered.
    pub first_response_at: Option<Timestamp>,
}

/// One interaction with its answers, as the inbox's reading pane shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Detail {
    /// The interaction.
    pub interaction: Interaction,
    /// Its answers from Majlis, oldest first.
    pub replies: Vec<replies::Reply>,
    /// Whether Majlis can send the answer itself (else the person answers on the
    /// network and marks it replied).
    pub can_reply: bool,
    /// Whether its channel is connected: until it is, an answer cannot go out from
    /// Majlis (the sample brand's channels are not).
    pub connected: bool,
}

/// Which interactions a list shows, and in what order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Waiting for an answer (`new` and `open`), soonest deadline first.
    #[default]
    Waiting,
    /// Waiting past the deadline, most overdue first.
    Overdue,
    /// One status, newest first (snoozed: soonest back first).
    Status(Status),
    /// Everything, newest first.
    All,
}

/// A list's view and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct InboxFilter {
    /// Which interactions, in which order.
    pub view: View,
    /// Only this channel's.
    pub channel: Option<ChannelId>,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only those assigned to this person.
    pub assignee: Option<String>,
    /// Only those with this tag.
    pub tag: Option<String>,
    /// Only these: the messages an insight points at (a topic, a group).
    pub interactions: Option<Vec<InteractionId>>,
}

/// One page of a list, and how long the list is as far as it was counted.
///
/// A list of history can hold a million interactions: counting them all for every
/// page would cost more than the page. So the count stops [`COUNT_AHEAD`] rows past
/// the page, and `more` says whether the list goes on; asking for a later page counts
/// further.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InboxPage {
    /// The interactions on the page.
    pub items: Vec<Interaction>,
    /// How many the list has, up to [`COUNT_AHEAD`] rows past the page.
    pub total: u32,
    /// Whether it has more than `total`.
    pub more: bool,
}

/// How far past a page [`list`] counts.
pub const COUNT_AHEAD: u32 = 1_000;

/// A channel the engine listens on, and where its listening got to.
#[derive(Clone, Debug)]
pub struct Listened {
    /// The account to read.
    pub route: Route,
    /// The cursor its last poll left (network-specific), if it was polled.
    pub cursor: Option<String>,
}

/// Whether Majlis reads this network's notifications by itself.
pub fn listens(kind: ChannelKind) -> bool {
    matches!(
        kind,
        ChannelKind::Bluesky | ChannelKind::Mastodon | ChannelKind::Telegram
    )
}

/// Every connected channel Majlis reads notifications from.
pub fn listened(conn: &Connection) -> Result<Vec<Listened>> {
    let all: Vec<Listened> = conn
        .prepare_cached(
            "SELECT c.id, c.kind, c.settings, c.handle, k.cursor FROM channels c
             LEFT JOIN inbox_cursors k ON k.channel_id = c.id
             WHERE json_extract(c.settings, '$.service') IS NOT NULL ORDER BY c.id",
        )?
        .query_map([], |r| {
            Ok(Listened {
                route: crate::publishing::route_at(r, 0)?,
                cursor: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(all.into_iter().filter(|l| listens(l.route.kind)).collect())
}

/// Takes in what a poll of `channel` heard, and keeps where it got to. Returns the
/// ids of the interactions that are new.
pub fn heard(
    tx: &Transaction<'_>,
    channel: ChannelId,
    items: &[Incoming],
    cursor: Option<&str>,
    now: Timestamp,
) -> Result<Vec<InteractionId>> {
    let brand = brands::get(tx, crate::channels::get(tx, channel)?.brand_id)?;
    let added = receive(tx, &brand, items, now)?;
    if let Some(cursor) = cursor {
        tx.execute(
            "INSERT INTO inbox_cursors (channel_id, cursor, polled_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (channel_id) DO UPDATE SET cursor = excluded.cursor,
                                                    polled_at = excluded.polled_at",
            params![channel.0, cursor, now],
        )?;
    }
    Ok(added)
}

/// The brand's triage rules (the defaults, named in the window's language, until the
/// person changes them).
pub fn rules(conn: &Connection, brand: BrandId) -> Result<Vec<Rule>> {
    match stored(conn, brand, "rules")? {
        Some(rules) => Ok(rules),
        None => Ok(triage::default_rules(settings::current_language(conn)?)),
    }
}

/// Replaces the brand's triage rules, refusing any that cannot be used.
pub fn set_rules(tx: &Transaction<'_>, brand: BrandId, rules: &[Rule]) -> Result<()> {
    Triage::new(rules.to_vec())?;
    store(tx, brand, "rules", rules)
}

/// The brand's reply policy (the defaults until the person changes it).
pub fn policy(conn: &Connection, brand: BrandId) -> Result<ReplyPolicy> {
    stored(conn, brand, "policy").map(Option::unwrap_or_default)
}

/// Replaces the brand's reply policy, refusing values that cannot be used. Deadlines
/// already set stay as they are.
pub fn set_policy(tx: &Transaction<'_>, brand: BrandId, policy: &ReplyPolicy) -> Result<()> {
    policy.validate()?;
    store(tx, brand, "policy", policy)
}

fn stored<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    brand: BrandId,
    column: &'static str,
) -> Result<Option<T>> {
    let json: Option<String> = conn
        .query_row(
            &format!("SELECT {column} FROM inbox_settings WHERE brand_id = ?1"),
            [brand.0],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    json.map(|j| {
        serde_json::from_str(&j).map_err(|source| Error::Setting {
            key: column,
            source,
        })
    })
    .transpose()
}

fn store<T: Serialize + ?Sized>(
    tx: &Transaction<'_>,
    brand: BrandId,
    column: &'static str,
    value: &T,
) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|source| Error::Setting {
        key: column,
        source,
    })?;
    tx.execute(
        &format!(
            "INSERT INTO inbox_settings (brand_id, {column}) VALUES (?1, ?2)
             ON CONFLICT (brand_id) DO UPDATE SET {column} = excluded.{column}"
        ),
        params![brand.0, json],
    )?;
    Ok(())
}

/// Takes in `items` for `brand`: each is triaged and given its deadline. An item
/// already in the inbox (same channel and network id) is left as it is. Returns the
/// ids of the ones that are new.
#[tracing::instrument(skip_all, fields(brand = brand.id.0, items = items.len()), err)]
pub fn receive(
    tx: &Transaction<'_>,
    brand: &Brand,
    items: &[Incoming],
    now: Timestamp,
) -> Result<Vec<InteractionId>> {
    let reception = Reception::new(tx, brand)?;
    let mut added = Vec::with_capacity(items.len());
    for item in items {
        added.extend(reception.take(tx, item, now)?);
    }
    Ok(added)
}

/// A brand's rules and policy, read once, for taking in many interactions.
pub(crate) struct Reception<'b> {
    brand: &'b Brand,
    triage: Triage,
    policy: ReplyPolicy,
}

impl<'b> Reception<'b> {
    pub(crate) fn new(conn: &Connection, brand: &'b Brand) -> Result<Self> {
        Ok(Self {
            brand,
            triage: Triage::new(rules(conn, brand.id)?)?,
            policy: policy(conn, brand.id)?,
        })
    }

    /// Triages `item`, gives it its deadline and adds it; `None` when it is in the
    /// inbox already.
    pub(crate) fn take(
        &self,
        tx: &Transaction<'_>,
        item: &Incoming,
        now: Timestamp,
    ) -> Result<Option<InteractionId>> {
        let brand = self.brand;
        let verdict = self.triage.apply(&Subject {
            text: &item.text,
            channel: item.channel,
            author: &item.author.handle,
        });
        let status = if verdict.kind == Kind::Spam {
            Status::Spam
        } else {
            Status::New
        };
        let deadline = self.policy.deadline(
            verdict.kind,
            verdict.priority,
            item.received_at,
            brand.time_zone,
        );
        let handle = item.author.handle.trim().trim_start_matches('@');
        let id: Option<i64> = tx
            .prepare_cached(
                "INSERT INTO interactions (brand_id, channel_id, remote_id, url, source,
                     author_handle, author_name, author_avatar, text, language, received_at,
                     parent_remote_id, parent_text, post_id, status, assignee, kind, priority,
                     deadline, created_at, terms)
                 SELECT ?1, c.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                        (SELECT d.post_id FROM deliveries d WHERE d.remote_id = ?12 AND ?12 IS NOT NULL),
                        ?14, ?15, ?16, ?17, ?18, ?19, ?20
                 FROM channels c WHERE c.id = ?2 AND c.brand_id = ?1
                 ON CONFLICT DO NOTHING
                 RETURNING id",
            )?
            .query_row(
                params![
                    brand.id.0,
                    item.channel.0,
                    item.remote_id,
                    item.url,
                    item.source,
                    handle,
                    item.author.name,
                    item.author.avatar,
                    item.text,
                    item.language,
                    item.received_at,
                    item.parent_remote_id,
                    item.parent_text,
                    status,
                    verdict.assignee,
                    verdict.kind,
                    verdict.priority,
                    deadline,
                    now,
                    crate::insights::topics::terms(&item.text).join(" "),
                ],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return match item.remote_id {
                None => Err(Error::ChannelNotFound(item.channel.0)),
                Some(_) => Ok(None),
            };
        };
        let mut tag = tx.prepare_cached(
            "INSERT OR IGNORE INTO interaction_tags (interaction_id, tag) VALUES (?1, ?2)",
        )?;
        for t in &verdict.tags {
            tag.execute(params![id, t])?;
        }
        Ok(Some(InteractionId(id)))
    }
}

const COLUMNS: &str =
    "i.id, i.brand_id, i.channel_id, c.name, c.kind, i.remote_id, i.url, i.source,
    i.author_handle, i.author_name, i.author_avatar, i.text, i.language, i.received_at,
    i.parent_text, i.post_id, i.status, i.snoozed_until, i.assignee, i.kind, i.priority,
    (SELECT group_concat(t.tag, char(31)) FROM interaction_tags t WHERE t.interaction_id = i.id),
    i.deadline, i.first_response_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Interaction> {
    let tags: Option<String> = r.get(21)?;
    Ok(Interaction {
        id: InteractionId(r.get(0)?),
        brand_id: BrandId(r.get(1)?),
        channel_id: ChannelId(r.get(2)?),
        channel_name: r.get(3)?,
        channel_kind: r.get(4)?,
        remote_id: r.get(5)?,
        url: r.get(6)?,
        source: r.get(7)?,
        author: Author {
            handle: r.get(8)?,
            name: r.get(9)?,
            avatar: r.get(10)?,
        },
        text: r.get(11)?,
        language: r.get(12)?,
        received_at: r.get(13)?,
        parent_text: r.get(14)?,
        post_id: r.get::<_, Option<i64>>(15)?.map(PostId),
        status: r.get(16)?,
        snoozed_until: r.get(17)?,
        assignee: r.get(18)?,
        kind: r.get(19)?,
        priority: r.get(20)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
        deadline: r.get(22)?,
        first_response_at: r.get(23)?,
    })
}

/// An interaction typed in by the person (or pasted from a network Majlis cannot
/// read), received at `at`.
pub fn manual(channel: ChannelId, author: &str, text: &str, at: Timestamp) -> Result<Incoming> {
    let handle = author.trim().trim_start_matches('@');
    if handle.is_empty() {
        return Err(Error::AuthorEmpty);
    }
    if text.trim().is_empty() {
        return Err(Error::InteractionEmpty);
    }
    Ok(Incoming {
        channel,
        remote_id: None,
        url: None,
        source: Source::Manual,
        author: Author {
            handle: handle.to_owned(),
            ..Author::default()
        },
        text: text.trim().to_owned(),
        language: None,
        received_at: at,
        parent_remote_id: None,
        parent_text: None,
    })
}

/// An interaction with its answers.
pub fn detail(conn: &Connection, id: InteractionId) -> Result<Detail> {
    let interaction = get(conn, id)?;
    Ok(Detail {
        can_reply: interaction.remote_id.is_some()
            && replies::replies_itself(interaction.channel_kind),
        connected: crate::channels::get(conn, interaction.channel_id)?.is_connected(),
        replies: replies::list(conn, id)?,
        interaction,
    })
}

/// One interaction.
pub fn get(conn: &Connection, id: InteractionId) -> Result<Interaction> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM interactions i JOIN channels c ON c.id = i.channel_id
         WHERE i.id = ?1"
    ))?
    .query_row([id.0], from_row)
    .optional()?
    .ok_or(Error::InteractionNotFound(id.0))
}

/// The `WHERE` and `ORDER BY` of a list, and the values of its parameters.
fn list_sql(
    brand: BrandId,
    filter: &InboxFilter,
    now: Timestamp,
) -> (String, &'static str, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut clauses = Vec::new();
    let mut values = Vec::new();
    // A clause's `?` is numbered after the values before it.
    let mut param = |clause: &str, value: Option<Value>| match value {
        Some(value) => {
            values.push(value);
            clauses.push(clause.replace('?', &format!("?{}", values.len())));
        }
        None => clauses.push(clause.to_owned()),
    };
    param("i.brand_id = ?", Some(Value::Integer(brand.0)));
    let order = match filter.view {
        View::Waiting => {
            param("i.status IN ('new', 'open')", None);
            // As the index `interactions_waiting` has it: without a deadline, last.
            "coalesce(i.deadline, 9223372036854775807), i.id"
        }
        View::Overdue => {
            // The waiting order's expression, so the same index serves the range.
            param(
                "i.status IN ('new', 'open') AND coalesce(i.deadline, 9223372036854775807) <= ?",
                Some(Value::Integer(now.unix())),
            );
            "coalesce(i.deadline, 9223372036854775807), i.id"
        }
        View::Status(status) => {
            param("i.status = ?", Some(Value::Text(status.as_str().into())));
            if status == Status::Snoozed {
                "i.snoozed_until, i.id"
            } else {
                "i.received_at DESC, i.id DESC"
            }
        }
        View::All => "i.received_at DESC, i.id DESC",
    };
    if let Some(channel) = filter.channel {
        param("i.channel_id = ?", Some(Value::Integer(channel.0)));
    }
    if let Some(kind) = filter.kind {
        param("i.kind = ?", Some(Value::Text(kind.as_str().into())));
    }
    if let Some(assignee) = &filter.assignee {
        param("i.assignee = ?", Some(Value::Text(assignee.clone())));
    }
    if let Some(tag) = &filter.tag {
        param(
            "EXISTS (SELECT 1 FROM interaction_tags t WHERE t.interaction_id = i.id AND t.tag = ?)",
            Some(Value::Text(tag.clone())),
        );
    }
    if let Some(ids) = &filter.interactions {
        // One parameter however many: SQLite caps a statement's parameters.
        let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
        param(
            "i.id IN (SELECT value FROM json_each(?))",
            Some(Value::Text(serde_json::Value::from(ids).to_string())),
        );
    }
    (clauses.join(" AND "), order, values)
}

/// A page of the brand's interactions: `limit` of them from `offset`, in the view's
/// order, and how many there are (counted a little past the page).
pub fn list(
    conn: &Connection,
    brand: BrandId,
    filter: &InboxFilter,
    offset: u32,
    limit: u32,
    now: Timestamp,
) -> Result<InboxPage> {
    let (clauses, order, values) = list_sql(brand, filter, now);
    let params = rusqlite::params_from_iter(values.iter());
    let items = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM interactions i JOIN channels c ON c.id = i.channel_id
             WHERE {clauses} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        ))?
        .query_map(params, from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let window = offset.saturating_add(limit).saturating_add(COUNT_AHEAD);
    let total: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM interactions i WHERE {clauses} LIMIT {window})"
        ))?
        .query_row(rusqlite::params_from_iter(values.iter()), |r| r.get(0))?;
    Ok(InboxPage {
        items,
        total,
        more: total == window,
    })
}

/// How many interactions wait past their deadline: the brand's, or every brand's.
pub fn overdue_count(conn: &Connection, brand: Option<BrandId>, now: Timestamp) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM interactions
             WHERE status IN ('new', 'open') AND deadline <= ?2
               AND (?1 IS NULL OR brand_id = ?1)",
        )?
        .query_row(params![brand.map(|b| b.0), now], |r| r.get(0))?)
}

/// A triage step: the status it moved interactions to, and where each stood before —
/// what [`restore`] puts back when the person takes the step back (a message closed by
/// a stray key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The status the step moved them to.
    pub to: Status,
    /// Until when, for a snooze.
    pub until: Option<Timestamp>,
    /// When it was taken.
    pub at: Timestamp,
    /// Where each stood before.
    pub before: Vec<Standing>,
}

/// Where one interaction stood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The interaction.
    pub id: InteractionId,
    /// Its status.
    pub status: Status,
    /// When it was to wake, if it was snoozed.
    pub snoozed_until: Option<Timestamp>,
    /// Its first response (marking it replied by hand records one; taken back, that
    /// goes too).
    pub first_response_at: Option<Timestamp>,
}

/// Where `ids` stand now, each, or the first that does not exist.
fn standing(tx: &Transaction<'_>, ids: &[InteractionId]) -> Result<Vec<Standing>> {
    let mut stmt = tx.prepare_cached(
        "SELECT status, snoozed_until, first_response_at FROM interactions WHERE id = ?1",
    )?;
    ids.iter()
        .map(|&id| {
            stmt.query_row([id.0], |r| {
                Ok(Standing {
                    id,
                    status: r.get(0)?,
                    snoozed_until: r.get(1)?,
                    first_response_at: r.get(2)?,
                })
            })
            .optional()?
            .ok_or(Error::InteractionNotFound(id.0))
        })
        .collect()
}

/// Moves `ids` to `status` (not `snoozed`: see [`snooze`]), answering where each stood
/// before. Marking one `replied` by hand (answered outside Majlis) records the first
/// response now.
pub fn set_status(
    tx: &Transaction<'_>,
    ids: &[InteractionId],
    status: Status,
    now: Timestamp,
) -> Result<Step> {
    let before = standing(tx, ids)?;
    move_to(tx, ids, status, now)?;
    Ok(Step {
        to: status,
        until: None,
        at: now,
        before,
    })
}

/// [`set_status`] without looking back (a reply sent needs no Undo).
fn move_to(
    tx: &Transaction<'_>,
    ids: &[InteractionId],
    status: Status,
    now: Timestamp,
) -> Result<()> {
    if status == Status::Snoozed {
        return Err(Error::SnoozeNeedsTime);
    }
    let mut stmt = tx.prepare_cached(
        "UPDATE interactions SET status = ?2, snoozed_until = NULL,
             first_response_at = CASE WHEN ?2 = 'replied' THEN coalesce(first_response_at, ?3)
                                      ELSE first_response_at END
         WHERE id = ?1",
    )?;
    for id in ids {
        if stmt.execute(params![id.0, status, now])? == 0 {
            return Err(Error::InteractionNotFound(id.0));
        }
    }
    Ok(())
}

/// Takes back a triage step ([`set_status`], [`snooze`]): each interaction still as
/// the step left it goes back where it stood; one that changed since (answered, woken,
/// triaged again) stays. Answers how many went back; none is [`Error::ChangedSince`].
/// A snooze whose time has passed meanwhile wakes as any other does.
pub fn restore(tx: &Transaction<'_>, step: &Step) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "UPDATE interactions SET status = ?3, snoozed_until = ?4, first_response_at = ?5
         WHERE id = ?1 AND status = ?2 AND snoozed_until IS ?6 AND first_response_at IS ?7
           AND NOT EXISTS (SELECT 1 FROM replies r
                           WHERE r.interaction_id = ?1 AND r.sent_at >= ?8)",
    )?;
    let mut back = 0;
    for was in &step.before {
        // Marked replied by hand, it got its first response then, if it had none.
        let left = match step.to {
            Status::Replied => was.first_response_at.or(Some(step.at)),
            _ => was.first_response_at,
        };
        back += stmt.execute(params![
            was.id.0,
            step.to,
            was.status,
            was.snoozed_until,
            was.first_response_at,
            step.until,
            left,
            step.at
        ])?;
    }
    if back == 0 {
        return Err(Error::ChangedSince);
    }
    Ok(back)
}

/// Marks `id` read: a `new` interaction becomes `open`; any other stays as it is.
pub fn open(tx: &Transaction<'_>, id: InteractionId) -> Result<()> {
    tx.execute(
        "UPDATE interactions SET status = 'open' WHERE id = ?1 AND status = 'new'",
        [id.0],
    )?;
    Ok(())
}

/// Sets `ids` aside until `until`, when they come back `open` (and are told about
/// again if overdue).
pub fn snooze(
    tx: &Transaction<'_>,
    ids: &[InteractionId],
    until: Timestamp,
    now: Timestamp,
) -> Result<Step> {
    if until <= now {
        return Err(Error::SnoozeInPast);
    }
    let before = standing(tx, ids)?;
    let mut stmt = tx.prepare_cached(
        "UPDATE interactions SET status = 'snoozed', snoozed_until = ?2 WHERE id = ?1",
    )?;
    for id in ids {
        stmt.execute(params![id.0, until])?;
    }
    Ok(Step {
        to: Status::Snoozed,
        until: Some(until),
        at: now,
        before,
    })
}

/// Brings back every interaction whose snooze ended by `now`. Returns how many.
pub fn wake_snoozed(tx: &Transaction<'_>, now: Timestamp) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE interactions SET status = 'open', snoozed_until = NULL, alerted = 0
         WHERE status = 'snoozed' AND snoozed_until <= ?1",
        [now],
    )?)
}

/// Gives `ids` to `assignee` (`None`: to nobody).
pub fn assign(tx: &Transaction<'_>, ids: &[InteractionId], assignee: Option<&str>) -> Result<()> {
    let assignee = assignee.map(str::trim).filter(|a| !a.is_empty());
    let mut stmt = tx.prepare_cached("UPDATE interactions SET assignee = ?2 WHERE id = ?1")?;
    for id in ids {
        if stmt.execute(params![id.0, assignee])? == 0 {
            return Err(Error::InteractionNotFound(id.0));
        }
    }
    Ok(())
}

/// Corrects what triage read: `id`'s kind and priority, and so its deadline (counted
/// from when it was received, under the brand's policy).
pub fn reclassify(
    tx: &Transaction<'_>,
    brand: &Brand,
    id: InteractionId,
    kind: Kind,
    priority: Priority,
) -> Result<Interaction> {
    let item = get(tx, id)?;
    let deadline =
        policy(tx, brand.id)?.deadline(kind, priority, item.received_at, brand.time_zone);
    tx.execute(
        "UPDATE interactions SET kind = ?2, priority = ?3, deadline = ?4,
             alerted = CASE WHEN deadline IS ?4 THEN alerted ELSE 0 END,
             status = CASE WHEN ?2 = 'spam' AND status IN ('new', 'open') THEN 'spam'
                           ELSE status END
         WHERE id = ?1",
        params![id.0, kind, priority, deadline],
    )?;
    get(tx, id)
}

#[cfg(test)]
mod tests;
