//! Asking a creator for permission: a reply to their post, through the brand's account
//! on the same network.
//!
//! The text comes from the brand's "rights request" templates (or «طلب إذن»), taking
//! the one used least recently, so the brand does not post the same words again and
//! again (networks flag that as spam), unless the person edited them before asking.
//! Templates are picked in the creator's language; either way the request carries the
//! agreement hashtag and the terms link. The request's key is kept across tries, so it
//! never lands twice.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::rights::{self, RightsState, Step};
use super::terms::{self, Terms};
use super::{UgcId, UgcItem};
use crate::brands;
use crate::channels;
use crate::inbox::replies::{self, Sent};
use crate::publishing::{self, Envelope, Route};
use crate::settings::Language;
use crate::templates::{self, Addressee, TemplateId};
use crate::time::Timestamp;
use crate::worded::Worded;
use crate::words::{self, Phrase};
use crate::{Error, Result};

/// The category of the templates requests are written from, as a person files them in
/// `language` (case and marks aside): requests are written from those of either.
pub fn category(language: Language) -> &'static str {
    match language {
        Language::En => "Rights request",
        Language::Ar => "طلب إذن",
    }
}

/// A rights request, as the item shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// What it says.
    pub text: String,
    /// Where people see it, once sent.
    pub url: Option<String>,
    /// Why it did not go out, when it did not.
    pub error: Option<Worded>,
    /// When it went out.
    pub sent_at: Option<Timestamp>,
}

/// A request ready for its channel's connector.
#[derive(Clone, Debug)]
pub struct OutgoingRequest {
    /// The item it asks about.
    pub item: UgcId,
    /// The template it was written from, if any (its use is counted once it lands).
    pub template: Option<TemplateId>,
    /// The account it goes out through.
    pub route: Route,
    /// What goes on the network.
    pub envelope: Envelope,
}

/// Whose words a request says.
#[derive(Clone, Copy, Debug)]
pub enum Words<'a> {
    /// The brand's rights request templates, the least recently used first, with
    /// `{agent}` filled by this name.
    Templates {
        /// Who asks.
        agent: &'a str,
    },
    /// The person's own, as they wrote or edited them before asking.
    Own(&'a str),
}

/// A request's words before it goes out, and where they go.
struct Draft {
    item: UgcItem,
    /// The post it answers.
    parent: String,
    channel: channels::Channel,
    text: String,
    template: Option<TemplateId>,
}

/// Writes the words a request for item `id` would say now, after every check asking
/// makes. Refused for an item that cannot be asked: one already asked or decided, or
/// one Majlis cannot reply to (added by hand, or on a network it cannot answer on).
fn draft(conn: &Connection, id: UgcId, wording: Words<'_>, now: Timestamp) -> Result<Draft> {
    let item = super::get(conn, id)?;
    if !item.state.can_become(RightsState::Requested) {
        return Err(Error::RightsCannotMove {
            from: item.state.as_str(),
            to: RightsState::Requested.as_str(),
        });
    }
    let (true, Some(parent), Some(channel)) =
        (item.can_ask, item.remote_id.clone(), item.channel_id)
    else {
        return Err(Error::CannotAskOn(item.network.clone()));
    };
    let channel = channels::get(conn, channel)?;
    let terms = terms::get(conn, item.brand_id)?;
    let (text, template) = compose(conn, &item, &terms, wording, now)?;
    let text = replies::with_mention(channel.kind, &item.creator.handle, &text);
    let length = channel.measure(&text);
    if length.is_over() {
        return Err(Error::PostTooLong {
            channel: channel.name.to_string(),
            used: length.used,
            limit: length.limit.unwrap_or_default(),
        });
    }
    Ok(Draft {
        item,
        parent,
        channel,
        text,
        template,
    })
}

/// The words a request for item `id` would say if asked now from the templates, for
/// the person to read (and edit) before it goes out: `begin` writes the same words.
/// Refused for an item that cannot be asked: one already asked or decided, or one
/// Majlis cannot reply to (added by hand, or on a network it cannot answer on).
pub fn preview(conn: &Connection, id: UgcId, agent: &str, now: Timestamp) -> Result<String> {
    Ok(draft(conn, id, Words::Templates { agent }, now)?.text)
}

/// Writes the request for item `id` in `wording` and readies it for sending. Refused as
/// [`preview`] is, and for own words that are empty.
pub fn begin(
    tx: &Transaction<'_>,
    id: UgcId,
    wording: Words<'_>,
    now: Timestamp,
) -> Result<OutgoingRequest> {
    let Draft {
        item,
        parent,
        channel,
        text,
        template,
    } = draft(tx, id, wording, now)?;
    let key: Option<String> = tx
        .query_row(
            "SELECT request_key FROM ugc_items WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let key = key.unwrap_or_else(|| publishing::fresh_tid((id.0 % 1024) as u16));
    tx.execute(
        "UPDATE ugc_items SET request_key = ?2, request_text = ?3, request_error = NULL
         WHERE id = ?1",
        params![id.0, key, text],
    )?;
    let language = item
        .language
        .clone()
        .unwrap_or_else(|| brand_language(tx, &item).unwrap_or_else(|_| "en".into()));
    Ok(OutgoingRequest {
        item: id,
        template,
        route: Route {
            channel: channel.id,
            kind: channel.kind,
            settings: channels::settings(tx, channel.id)?,
            handle: channel.handle.clone(),
        },
        envelope: Envelope {
            key,
            text,
            language,
            reply_to: Some(parent),
            link: None,
            at: None,
        },
    })
}

/// Records what became of a request: one that landed moves the item to `requested`
/// (its answer is awaited from now); one that did not keeps its text and says why.
pub fn record(
    tx: &Transaction<'_>,
    outgoing: &OutgoingRequest,
    sent: &Sent,
    now: Timestamp,
) -> Result<()> {
    let id = outgoing.item;
    let text = outgoing.envelope.text.as_str();
    match sent {
        Sent::Landed {
            remote_id,
            remote_url,
        } => {
            rights::change(
                tx,
                id,
                RightsState::Requested,
                Step::RequestSent {
                    text,
                    url: remote_url.as_deref(),
                },
                now,
            )?;
            tx.execute(
                "UPDATE ugc_items SET request_remote_id = ?2, request_url = ?3, requested_at = ?4,
                                      request_error = NULL
                 WHERE id = ?1",
                params![id.0, remote_id, remote_url, now],
            )?;
            if let Some(template) = outgoing.template {
                templates::mark_used(tx, template, now)?;
            }
        }
        Sent::Failed(error) => {
            tx.execute(
                "UPDATE ugc_items SET request_error = ?2 WHERE id = ?1",
                params![id.0, error],
            )?;
            let state = super::get(tx, id)?.state;
            rights::log(tx, id, state, Step::RequestFailed(error), now)?;
        }
    }
    Ok(())
}

/// The request's text: the person's own words, or the least recently used "rights
/// request" template in the creator's language (else the brand's), or Majlis's own
/// words; the agreement hashtag and the terms link are added when the text lacks them,
/// in the text's language.
fn compose(
    conn: &Connection,
    item: &UgcItem,
    terms: &Terms,
    wording: Words<'_>,
    now: Timestamp,
) -> Result<(String, Option<TemplateId>)> {
    let language = match &item.language {
        Some(language) => language.clone(),
        None => brand_language(conn, item)?,
    };
    let (mut text, template) = match wording {
        Words::Own(own) if own.trim().is_empty() => return Err(Error::ReplyEmpty),
        Words::Own(own) => (own.trim().to_owned(), None),
        Words::Templates { agent } => from_templates(conn, item, &language, agent, now)?,
    };
    // What is added speaks as the words do (or as the creator, in words without letters).
    let arabic = words::language_of(&text).map_or(language == "ar", |l| l == "ar");
    let normalized = words::normalize(&text);
    let tokens: Vec<&str> = words::tokens(&normalized).collect();
    let says = |entry: &str| Phrase::new(entry).is_some_and(|p| p.found(&normalized, &tokens));
    let agreement_said = says(&terms.hashtag) || (arabic && says(&terms.arabic));
    if !agreement_said {
        text.push_str(&if arabic {
            format!(
                "\nردّ بالوسم {} أو بكلمة «{}» للموافقة.",
                terms.hashtag, terms.arabic
            )
        } else {
            format!("\nReply {} to agree.", terms.hashtag)
        });
    }
    if let Some(link) = terms.link.as_deref().filter(|l| !text.contains(l)) {
        text.push_str(&if arabic {
            format!("\nالشروط: {link}")
        } else {
            format!("\nTerms: {link}")
        });
    }
    Ok((text, template))
}

/// The least recently used "rights request" template in `language` (else another),
/// or Majlis's own words when the brand has none.
fn from_templates(
    conn: &Connection,
    item: &UgcItem,
    language: &str,
    agent: &str,
    now: Timestamp,
) -> Result<(String, Option<TemplateId>)> {
    let arabic = language == "ar";
    let mut candidates = Vec::new();
    for filed in Language::ALL {
        candidates.extend(templates::in_category(
            conn,
            item.brand_id,
            category(filed),
        )?);
    }
    // Least recently used first; among those, one in the creator's language.
    candidates.sort_by_key(|t| {
        (
            t.last_used_at,
            !t.variants.iter().any(|v| v.language == language),
            t.id.0,
        )
    });
    Ok(match candidates.first() {
        Some(template) => {
            let to = Addressee {
                brand: item.brand_id,
                handle: &item.creator.handle,
                name: item.creator.name.as_deref(),
                language: Some(language),
            };
            let rendered =
                templates::render_for(conn, template.id, &to, agent, &HashMap::new(), now)?;
            if let Some(blank) = rendered.blanks.first() {
                return Err(Error::RequestTemplateBlank {
                    title: template.title.clone(),
                    blank: blank.clone(),
                });
            }
            (rendered.text, Some(template.id))
        }
        None => {
            let name = item.creator.name.as_deref().unwrap_or(&item.creator.handle);
            let text = if arabic {
                format!("مرحبًا {name}! أعجبنا منشورك ونودّ مشاركته في صفحتنا مع ذكر اسمك. هل توافق؟")
            } else {
                format!(
                    "Hi {name}! We love this and would like to share it on our page, with credit to you. May we?"
                )
            };
            (text, None)
        }
    })
}

fn brand_language(conn: &Connection, item: &UgcItem) -> Result<String> {
    let brand = brands::get(conn, item.brand_id)?;
    Ok(publishing::language_of(&brand.locale.to_string()))
}
