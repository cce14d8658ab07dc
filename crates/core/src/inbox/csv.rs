//! Importing interactions from CSV: history from another tool, or comments copied from
//! a network Majlis cannot read. The whole file is judged first; either every row is
//! imported or none is, with every bad row reported by line and reason.
//!
//! The file has a header. Required columns: `author`, `text`, `received_at`
//! (`YYYY-MM-DD HH:MM` in the brand's zone, or RFC 3339). Optional: `url` (also what
//! makes importing the same file twice harmless), `kind` (question, complaint, praise,
//! feedback, ugc, spam, other; else triage decides), `source` (reply, mention, quote,
//! message, review; else manual), `status` (new, open, replied, closed, spam) and
//! `replied_at` (same forms as `received_at`; implies `replied`).

use std::io::Read;

use chrono::DateTime;

use super::{Author, Incoming, Kind, Source, Status};
use crate::brands::Brand;
use crate::channels::ChannelId;
use crate::posts::{RowProblem, Why};
use crate::time::{Timestamp, parse_local};
use crate::{Error, Result};

/// One row, read and checked.
struct Row {
    incoming: Incoming,
    kind: Option<Kind>,
    status: Option<Status>,
    replied_at: Option<Timestamp>,
}

/// Imports the interactions in `input` into `brand`'s inbox on `channel`. Returns how
/// many were new; when any row is bad, imports nothing and returns
/// [`Error::ImportRejected`] listing every bad row.
pub fn import(
    tx: &rusqlite::Transaction<'_>,
    brand: &Brand,
    channel: ChannelId,
    input: impl Read,
    now: Timestamp,
) -> Result<usize> {
    let (rows, problems) = read(brand, channel, input)?;
    if !problems.is_empty() {
        return Err(Error::ImportRejected(problems));
    }
    let mut added = 0;
    for row in rows {
        let Some(id) = super::receive(tx, brand, std::slice::from_ref(&row.incoming), now)?.pop()
        else {
            continue;
        };
        added += 1;
        if let Some(kind) = row.kind {
            let priority = super::get(tx, id)?.priority;
            super::reclassify(tx, brand, id, kind, priority)?;
        }
        match (row.status, row.replied_at) {
            (Some(Status::Replied) | None, Some(at)) => {
                super::move_to(tx, &[id], Status::Replied, at)?;
            }
            (Some(status), _) if status != Status::New => {
                super::move_to(tx, &[id], status, row.incoming.received_at)?;
            }
            _ => {}
        }
    }
    Ok(added)
}

fn read(
    brand: &Brand,
    channel: ChannelId,
    input: impl Read,
) -> Result<(Vec<Row>, Vec<RowProblem>)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing: Vec<&str> = ["author", "text", "received_at"]
        .into_iter()
        .filter(|c| column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(Error::Csv(format!(
            "the file has no {} column: its first line must name the columns (author, text, received_at, …)",
            missing.join(", ")
        )));
    }
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let why = Why::Unreadable {
                    reason: e.to_string(),
                };
                problems.push(RowProblem { line, why });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .filter(|v| !v.is_empty())
        };
        match row(brand, channel, &cell) {
            Ok(row) => rows.push(row),
            Err(why) => problems.push(RowProblem { line, why }),
        }
    }
    Ok((rows, problems))
}

fn row<'a>(
    brand: &Brand,
    channel: ChannelId,
    cell: &impl Fn(&str) -> Option<&'a str>,
) -> std::result::Result<Row, Why> {
    let filled = |column: &str| {
        cell(column).ok_or_else(|| Why::Empty {
            column: column.to_owned(),
        })
    };
    let author = filled("author")?;
    let text = filled("text")?;
    let instant = |column: &str| -> std::result::Result<Option<Timestamp>, Why> {
        cell(column)
            .map(|v| {
                DateTime::parse_from_rfc3339(v)
                    .map(|t| t.to_utc().into())
                    .or_else(|_| parse_local(v).and_then(|local| brand.time_zone.instant_of(local)))
                    .map_err(|_| Why::NotWhen {
                        column: column.to_owned(),
                        text: v.to_owned(),
                    })
            })
            .transpose()
    };
    let received_at = instant("received_at")?.ok_or_else(|| Why::Empty {
        column: "received_at".to_owned(),
    })?;
    let replied_at = instant("replied_at")?;
    if replied_at.is_some_and(|r| r < received_at) {
        return Err(Why::RepliedFirst);
    }
    // A column's word, if it is one of `names` that `takes` accepts; else why not, with
    // the words it takes.
    let named = |column: &str, names: &[&str], takes: &dyn Fn(&str) -> bool| {
        cell(column)
            .map(|v| {
                let word = v.to_ascii_lowercase();
                if takes(&word) {
                    Ok(word)
                } else {
                    Err(Why::NotOneOf {
                        column: column.to_owned(),
                        text: v.to_owned(),
                        known: names
                            .iter()
                            .filter(|n| takes(n))
                            .map(|&n| n.to_owned())
                            .collect(),
                    })
                }
            })
            .transpose()
    };
    let kind = named("kind", Kind::NAMES, &|v| Kind::from_name(v).is_some())?
        .and_then(|v| Kind::from_name(&v));
    // A file tells where a message came from, and what became of it; "manual" and
    // "snoozed" are Majlis's own.
    let source = named("source", Source::NAMES, &|v| {
        Source::from_name(v).is_some_and(|s| s != Source::Manual)
    })?
    .and_then(|v| Source::from_name(&v))
    .unwrap_or(Source::Manual);
    let status = named("status", Status::NAMES, &|v| {
        Status::from_name(v).is_some_and(|s| s != Status::Snoozed)
    })?
    .and_then(|v| Status::from_name(&v));
    let url = cell("url").map(str::to_owned);
    Ok(Row {
        incoming: Incoming {
            channel,
            remote_id: url.clone(),
            url,
            source,
            author: Author {
                handle: author.trim_start_matches('@').to_owned(),
                ..Author::default()
            },
            text: text.to_owned(),
            language: None,
            received_at,
            parent_remote_id: None,
            parent_text: None,
        },
        kind,
        status,
        replied_at,
    })
}
