//! The CSV layouts posts can be imported from, and the one they are exported to.
//!
//! - `hootsuite`: Hootsuite's bulk composer — no header; date-time (`dd/mm/yyyy hh:mm`
//!   or `mm/dd/yyyy hh:mm`), message, optional link.
//! - `sprout`: Sprout Social's bulk scheduling — a header naming `date` (`dd/mm/yyyy` or
//!   `mm/dd/yyyy`), `time_24hr` and `message_text`; other columns are ignored.
//! - `majlis`: Majlis's own, with a header: the fields of `majlis posts list --json`
//!   (`id,status,body,link,category,at_utc,at_local,zone,repeat,deliveries,notes`,
//!   deliveries as a JSON array; a file without `notes`, from before it, reads as
//!   without notes). Export writes it; import reads it back.
//!
//! Times in the first two are wall-clock times in the brand's zone.

use std::io::{Read, Write};
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use super::import::{RowProblem, Why};
use super::{DeliveryRecord, PostRecord, PostStatus};
use crate::time::parse_local;
use crate::{Error, Result};

/// Which layout a CSV file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum CsvFormat {
    /// Hootsuite's bulk composer.
    Hootsuite,
    /// Sprout Social's bulk scheduling.
    Sprout,
    /// Majlis's own.
    Majlis,
}

impl FromStr for CsvFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hootsuite" => Ok(CsvFormat::Hootsuite),
            "sprout" => Ok(CsvFormat::Sprout),
            "majlis" => Ok(CsvFormat::Majlis),
            _ => Err(Error::UnknownCsvFormat(s.to_owned())),
        }
    }
}

/// How a file writes dates: day first (most of the world) or month first (the US).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// `dd/mm/yyyy`.
    #[default]
    Dmy,
    /// `mm/dd/yyyy`.
    Mdy,
}

impl FromStr for DateOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dmy" => Ok(DateOrder::Dmy),
            "mdy" => Ok(DateOrder::Mdy),
            _ => Err(Error::UnknownDateOrder(s.to_owned())),
        }
    }
}

impl DateOrder {
    fn date_format(self) -> &'static str {
        match self {
            DateOrder::Dmy => "%d/%m/%Y",
            DateOrder::Mdy => "%m/%d/%Y",
        }
    }
}

/// One row of an import file, as read: nothing is checked against the brand yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Its line in the file (1-based), for the report.
    pub line: u64,
    /// Wall-clock time, if the row has one.
    pub at: Option<NaiveDateTime>,
    /// The zone of `at`, when the file says (majlis); else the brand's.
    pub zone: Option<String>,
    /// The text.
    pub body: String,
    /// The link, if any.
    pub link: Option<String>,
    /// The category's name (majlis).
    pub category: Option<String>,
    /// The channels by name, each with its text (majlis); else the ones given for the
    /// whole file, with the body.
    pub channels: Option<Vec<DeliveryRecord>>,
    /// A draft (majlis), rather than a post to schedule.
    pub draft: bool,
    /// Its repeat rule (majlis).
    pub repeat: Option<String>,
    /// Its notes for the team (majlis).
    pub notes: String,
}

/// Reads every row of `input`; rows that cannot be read are returned apart, so the
/// whole file is judged before anything is imported.
pub fn read(
    input: impl Read,
    format: CsvFormat,
    order: DateOrder,
) -> Result<(Vec<Row>, Vec<RowProblem>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(format != CsvFormat::Hootsuite)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = if format == CsvFormat::Hootsuite {
        csv::StringRecord::new()
    } else {
        reader.headers()?.clone()
    };
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
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
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
        let row = match format {
            CsvFormat::Hootsuite => hootsuite(line, &record, order),
            CsvFormat::Sprout => sprout(
                line,
                field(column("date")),
                field(column("time_24hr")),
                field(column("message_text")),
                order,
            ),
            CsvFormat::Majlis => majlis(line, &record, &headers),
        };
        match row {
            Ok(row) => rows.push(row),
            Err(why) => problems.push(RowProblem { line, why }),
        }
    }
    Ok((rows, problems))
}

fn hootsuite(
    line: u64,
    record: &csv::StringRecord,
    order: DateOrder,
) -> std::result::Result<Row, Why> {
    let when = record.get(0).unwrap_or_default();
    let format = format!("{} %H:%M", order.date_format());
    let at = NaiveDateTime::parse_from_str(when, &format).map_err(|_| Why::NotDateTime {
        text: when.to_owned(),
        example: example(order, true).to_owned(),
    })?;
    Ok(Row {
        line,
        at: Some(at),
        body: record.get(1).unwrap_or_default().to_owned(),
        link: record.get(2).filter(|l| !l.is_empty()).map(str::to_owned),
        ..Row::default()
    })
}

fn sprout(
    line: u64,
    date: &str,
    time: &str,
    message: &str,
    order: DateOrder,
) -> std::result::Result<Row, Why> {
    let day = NaiveDate::parse_from_str(date, order.date_format()).map_err(|_| Why::NotDate {
        text: date.to_owned(),
        example: example(order, false).to_owned(),
    })?;
    let time = NaiveTime::parse_from_str(time, "%H:%M").map_err(|_| Why::NotTime {
        text: time.to_owned(),
    })?;
    Ok(Row {
        line,
        at: Some(day.and_time(time)),
        body: message.to_owned(),
        ..Row::default()
    })
}

fn majlis(
    line: u64,
    record: &csv::StringRecord,
    headers: &csv::StringRecord,
) -> std::result::Result<Row, Why> {
    #[derive(Deserialize)]
    struct Record {
        status: String,
        body: String,
        link: Option<String>,
        category: Option<String>,
        at_local: Option<String>,
        zone: Option<String>,
        repeat: Option<String>,
        deliveries: Option<String>,
        #[serde(default)]
        notes: Option<String>,
    }
    let r: Record = record
        .deserialize(Some(headers))
        .map_err(|e| Why::Unreadable {
            reason: e.to_string(),
        })?;
    let at = match r.at_local.as_deref().filter(|s| !s.is_empty()) {
        Some(text) => Some(parse_local(text).map_err(|_| Why::NotWhen {
            column: "at_local".into(),
            text: text.to_owned(),
        })?),
        None => None,
    };
    let channels = match r.deliveries.as_deref().filter(|s| !s.is_empty()) {
        Some(json) => Some(
            serde_json::from_str::<Vec<DeliveryRecord>>(json).map_err(|e| Why::NotJson {
                column: "deliveries".into(),
                reason: e.to_string(),
            })?,
        ),
        None => None,
    };
    Ok(Row {
        line,
        at,
        zone: r.zone.filter(|z| !z.is_empty()),
        body: r.body,
        link: r.link.filter(|l| !l.is_empty()),
        category: r.category.filter(|c| !c.is_empty()),
        channels,
        draft: r.status == PostStatus::Draft.as_str(),
        repeat: r.repeat.filter(|r| !r.is_empty()),
        notes: r.notes.unwrap_or_default(),
    })
}

fn example(order: DateOrder, with_time: bool) -> &'static str {
    match (order, with_time) {
        (DateOrder::Dmy, true) => "31/12/2026 09:00",
        (DateOrder::Mdy, true) => "12/31/2026 09:00",
        (DateOrder::Dmy, false) => "31/12/2026",
        (DateOrder::Mdy, false) => "12/31/2026",
    }
}

/// Writes `records` as Majlis CSV.
pub fn write(output: impl Write, records: &[PostRecord]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(output);
    writer.write_record([
        "id",
        "status",
        "body",
        "link",
        "category",
        "at_utc",
        "at_local",
        "zone",
        "repeat",
        "deliveries",
        "notes",
    ])?;
    for r in records {
        let deliveries =
            serde_json::to_string(&r.deliveries).map_err(|e| Error::Csv(e.to_string()))?;
        let id = r.id.to_string();
        writer.write_record([
            id.as_str(),
            r.status.as_str(),
            &r.body,
            r.link.as_deref().unwrap_or_default(),
            r.category.as_deref().unwrap_or_default(),
            r.at_utc.as_deref().unwrap_or_default(),
            r.at_local.as_deref().unwrap_or_default(),
            &r.zone,
            r.repeat.as_deref().unwrap_or_default(),
            &deliveries,
            &r.notes,
        ])?;
    }
    writer.flush().map_err(|e| Error::Csv(e.to_string()))?;
    Ok(())
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        Error::Csv(e.to_string())
    }
}
