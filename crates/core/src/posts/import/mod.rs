//! Importing posts from CSV: the whole file is judged first, and either every row is
//! imported or none is, with every bad row reported by line and reason.

use std::collections::HashMap;
use std::io::Read;

use rusqlite::{Connection, Transaction};
use serde::Serialize;

use super::csv::{self, CsvFormat, DateOrder};
use super::{Checked, NewPost, PostIntent, TargetChannel, Variant, check, insert};
use crate::brands::Brand;
use crate::categories;
use crate::channels::{self, ChannelId};
use crate::time::{LOCAL_FORMAT, Timestamp};
use crate::{Error, Result};

/// A row that cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// Its line in the file.
    pub line: u64,
    /// Why: named with what it names, for the window to word in its language; its
    /// `Display` is the English sentence the CLI prints.
    pub why: Why,
}

/// Why a row cannot be imported. The reasons are named, so the window can word them in
/// Arabic as well; what stays English is only what a reader says of a row it cannot make
/// out (`Unreadable`, `NotJson`), set apart, and the core's sentence for an error the
/// window has no words for (`Refused`, `Template`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Why {
    /// A date and time (Hootsuite's layout) that cannot be read.
    #[error("\"{text}\" is not a date and time like {example}")]
    NotDateTime {
        /// What the file says.
        text: String,
        /// The layout expected, as an example.
        example: String,
    },
    /// A date that cannot be read.
    #[error("\"{text}\" is not a date like {example}")]
    NotDate {
        /// What the file says.
        text: String,
        /// The layout expected, as an example.
        example: String,
    },
    /// A time of day (24-hour) that cannot be read.
    #[error("\"{text}\" is not a 24-hour time like 18:30")]
    NotTime {
        /// What the file says.
        text: String,
    },
    /// The row has no text.
    #[error("{}", Error::PostBodyEmpty)]
    NoText,
    /// Its time has passed.
    #[error("{at} has already passed: pick a time ahead, or keep it as a draft")]
    Passed {
        /// The time, as the file gives it (`YYYY-MM-DD HH:MM`).
        at: String,
    },
    /// Its text is over a channel's limit.
    #[error("the text is too long for {channel}: {used} of {limit}")]
    TooLong {
        /// The channel's name.
        channel: String,
        /// The length as that network counts it.
        used: u32,
        /// Its limit.
        limit: u32,
    },
    /// It names a channel the brand does not have.
    #[error("the brand has no channel named \"{name}\"")]
    NoChannel {
        /// The name in the file.
        name: String,
    },
    /// It names a category the brand does not have.
    #[error("the brand has no category named \"{name}\"")]
    NoCategory {
        /// The name in the file.
        name: String,
    },
    /// A column the row must fill is empty.
    #[error("{column} is empty")]
    Empty {
        /// The column, as the file's header names it.
        column: String,
    },
    /// A date and time (`YYYY-MM-DD HH:MM`, or RFC 3339) that cannot be read.
    #[error("{column} \"{text}\" is not a date and time: write YYYY-MM-DD HH:MM")]
    NotWhen {
        /// The column.
        column: String,
        /// What the file says.
        text: String,
    },
    /// An answer dated before the message it answers.
    #[error("replied_at is before received_at")]
    RepliedFirst,
    /// A word that is not one of those the column takes.
    #[error("{column} \"{text}\" is not a {column}: use {}", or_list(known))]
    NotOneOf {
        /// The column.
        column: String,
        /// What the file says.
        text: String,
        /// The words it takes.
        known: Vec<String>,
    },
    /// A column whose JSON cannot be read.
    #[error("{column} is not valid JSON: {reason}")]
    NotJson {
        /// The column.
        column: String,
        /// The JSON reader's words.
        reason: String,
    },
    /// The core refused the row as it refuses the same typed in: its error, by code.
    #[error("{reason}")]
    Refused {
        /// The error's code (`Error::code`), which the window words.
        code: String,
        /// The error's English sentence.
        reason: String,
    },
    /// An entry of a file of templates the core refused, by its title.
    #[error("\"{title}\": {reason}")]
    Template {
        /// The entry's title.
        title: String,
        /// The error's code (`Error::code`), which the window words.
        code: String,
        /// The error's English sentence.
        reason: String,
    },
    /// An entry of a file of templates whose text cannot be read.
    #[error("\"{title}\": the {language} text cannot be used: {problem} (at character {position})")]
    TemplateText {
        /// The entry's title.
        title: String,
        /// The text's language.
        language: String,
        /// Where, in characters.
        position: u32,
        /// What is wrong.
        problem: crate::templates::body::BodyProblem,
    },
    /// A row the CSV or JSON reader cannot make out, in the reader's words.
    #[error("{reason}")]
    Unreadable {
        /// The reader's sentence.
        reason: String,
    },
}

/// "a, b or c".
fn or_list(words: &[String]) -> String {
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl From<Error> for Why {
    fn from(e: Error) -> Self {
        match e {
            Error::PostBodyEmpty => Why::NoText,
            Error::PostTimeInPast { local } => Why::Passed {
                at: local.format(LOCAL_FORMAT).to_string(),
            },
            Error::PostTooLong {
                channel,
                used,
                limit,
            } => Why::TooLong {
                channel,
                used,
                limit,
            },
            Error::NoSuchChannel(name) => Why::NoChannel { name },
            Error::NoSuchCategory { name, .. } => Why::NoCategory { name },
            other => Why::Refused {
                code: other.code().to_owned(),
                reason: other.to_string(),
            },
        }
    }
}

/// A row that would be imported, as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    /// Its line in the file.
    pub line: u64,
    /// Its wall-clock time in its zone (`YYYY-MM-DD HH:MM`), if dated.
    pub at_local: Option<String>,
    /// The text.
    pub body: String,
}

/// What importing a file would do: the rows that are fine, and the ones that are not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// Rows that would be imported.
    pub rows: Vec<PreviewRow>,
    /// Rows that stop the import, in line order.
    pub problems: Vec<RowProblem>,
}

/// Judges every row of `input` without writing anything: the import dialog's preview.
pub fn preview(
    conn: &Connection,
    brand: &Brand,
    input: impl Read,
    format: CsvFormat,
    order: DateOrder,
    default_channels: &[ChannelId],
    now: Timestamp,
) -> Result<Preview> {
    let Judged { ready, problems } =
        judge(conn, brand, input, format, order, default_channels, now)?;
    let rows = ready
        .into_iter()
        .map(|(line, post)| PreviewRow {
            line,
            at_local: post
                .at
                .map(|at| post.zone.local_of(at).format(LOCAL_FORMAT).to_string()),
            body: post.body,
        })
        .collect();
    Ok(Preview { rows, problems })
}

/// Imports the posts in `input` for `brand`. Rows that name no channels go to
/// `default_channels`. Returns how many posts were imported; when any row is bad,
/// imports nothing and returns [`Error::ImportRejected`] listing every bad row.
pub fn import(
    tx: &Transaction<'_>,
    brand: &Brand,
    input: impl Read,
    format: CsvFormat,
    order: DateOrder,
    default_channels: &[ChannelId],
    now: Timestamp,
) -> Result<usize> {
    let Judged { ready, problems } = judge(tx, brand, input, format, order, default_channels, now)?;
    if !problems.is_empty() {
        return Err(Error::ImportRejected(problems));
    }
    for (_, post) in &ready {
        insert(tx, brand.id, post, now)?;
    }
    Ok(ready.len())
}

/// A file, judged: the posts ready to insert (with their lines), and the problems.
struct Judged {
    ready: Vec<(u64, Checked)>,
    problems: Vec<RowProblem>,
}

/// Reads and checks every row: the posts ready to insert, with their lines, and the
/// problems, in line order.
fn judge(
    conn: &Connection,
    brand: &Brand,
    input: impl Read,
    format: CsvFormat,
    order: DateOrder,
    default_channels: &[ChannelId],
    now: Timestamp,
) -> Result<Judged> {
    let (rows, mut problems) = csv::read(input, format, order)?;

    let brand_channels = channels::list(conn, brand.id)?;
    let by_name: HashMap<String, TargetChannel> = brand_channels
        .iter()
        .map(|c| (c.name.key(), c.clone()))
        .collect();
    let defaults: Vec<TargetChannel> = default_channels
        .iter()
        .map(|id| {
            brand_channels
                .iter()
                .find(|c| c.id == *id)
                .cloned()
                .ok_or(Error::ChannelNotFound(id.0))
        })
        .collect::<Result<_>>()?;
    let categories: HashMap<String, _> = categories::list(conn, brand.id)?
        .into_iter()
        .map(|c| (c.name.to_lowercase(), c.id))
        .collect();

    let mut checked = Vec::with_capacity(rows.len());
    for row in rows {
        let targets = match &row.channels {
            None => Ok(defaults.clone()),
            Some(deliveries) => deliveries
                .iter()
                .map(|d| {
                    by_name
                        .get(&d.channel.trim().to_lowercase())
                        .cloned()
                        .ok_or_else(|| Error::NoSuchChannel(d.channel.clone()))
                })
                .collect::<Result<Vec<_>>>(),
        };
        // Each channel's own text, where the file gives one (`check` drops copies of the body).
        let variants = targets
            .iter()
            .flatten()
            .zip(row.channels.iter().flatten())
            .map(|(target, d)| Variant {
                channel: target.id,
                text: d.text.clone(),
            })
            .collect();
        let category = match &row.category {
            None => Ok(None),
            Some(name) => categories
                .get(&name.trim().to_lowercase())
                .map(|id| Some(*id))
                .ok_or_else(|| Error::NoSuchCategory {
                    name: name.clone(),
                    known: String::new(),
                }),
        };
        let result = targets.and_then(|targets| {
            let new = NewPost {
                channels: targets.iter().map(|c| c.id).collect(),
                body: row.body.clone(),
                link: row.link.clone(),
                category: category?,
                at: row.at,
                zone: row.zone.clone(),
                intent: if row.draft {
                    PostIntent::Draft
                } else {
                    PostIntent::Schedule
                },
                repeat: row.repeat.clone(),
                variants,
                notes: row.notes.clone(),
                media: Vec::new(),
                ugc: Vec::new(),
            };
            check(brand, &new, &targets, now)
        });
        match result {
            Ok(post) => checked.push((row.line, post)),
            Err(e) => problems.push(RowProblem {
                line: row.line,
                why: e.into(),
            }),
        }
    }
    problems.sort_by_key(|p| p.line);
    Ok(Judged {
        ready: checked,
        problems,
    })
}

#[cfg(test)]
mod tests;
