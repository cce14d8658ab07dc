//! `majlis inbox …`: the inbox from a terminal: list it, add to it by hand, import
//! history, and answer.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use majlis_core::inbox::{self, InboxFilter, InteractionId, Status, View};
use majlis_core::time::{Clock, SystemClock, parse_local};
use majlis_core::{Error, Store, brands, channels};

use crate::transfer::report_rejected;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List a brand's interactions: by default those waiting for an answer, soonest
    /// deadline first.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Which: waiting (default), new, open, replied, closed, snoozed, spam or all.
        #[arg(long)]
        status: Option<String>,
        /// Only those waiting past their deadline.
        #[arg(long, conflicts_with = "status")]
        overdue: bool,
        /// Print one JSON value.
        #[arg(long)]
        json: bool,
    },
    /// Add an interaction by hand (a comment from a network Majlis cannot read); its
    /// deadline follows the brand's reply policy.
    Add {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The channel it came on.
        #[arg(long)]
        channel: String,
        /// Who wrote it (a handle).
        #[arg(long)]
        author: String,
        /// What they wrote.
        #[arg(long)]
        text: String,
        /// When they wrote it, "YYYY-MM-DD HH:MM" in the brand's zone [default: now].
        #[arg(long)]
        at: Option<String>,
    },
    /// Import interactions from a CSV file (author, text, received_at, and optional url,
    /// kind, source, status, replied_at): every row, or none.
    Import {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The channel they came on.
        #[arg(long)]
        channel: String,
        /// The CSV file.
        file: PathBuf,
    },
    /// Answer an interaction through its network, as a reply in its thread.
    Reply {
        /// The interaction's id (see `majlis inbox list`).
        id: i64,
        /// The answer.
        #[arg(long)]
        text: String,
    },
}

pub fn run(
    store: &Store,
    engine: impl FnOnce() -> anyhow::Result<majlis_engine::Engine>,
    command: Command,
) -> anyhow::Result<()> {
    match command {
        Command::List {
            brand,
            status,
            overdue,
            json,
        } => list(store, &brand, status.as_deref(), overdue, json),
        Command::Add {
            brand,
            channel,
            author,
            text,
            at,
        } => {
            let now = SystemClock.now();
            let id = store.write(|tx| {
                let brand = brands::find(tx, &brand)?;
                let channel = channels::find(tx, brand.id, &channel)?;
                let at = match at.as_deref() {
                    Some(at) => brand.time_zone.instant_of(parse_local(at)?)?,
                    None => now,
                };
                let item = inbox::manual(channel.id, &author, &text, at)?;
                inbox::receive(tx, &brand, &[item], now)?
                    .pop()
                    .ok_or(Error::ChannelNotFound(channel.id.0))
            })?;
            let added = store.read(|c| inbox::get(c, id))?;
            println!(
                "added interaction {} ({}, due {})",
                id.0,
                added.kind.as_str(),
                added
                    .deadline
                    .map_or("never".to_owned(), |d| local(store, added.brand_id, d))
            );
            Ok(())
        }
        Command::Import {
            brand,
            channel,
            file,
        } => {
            let input = BufReader::new(
                File::open(&file).with_context(|| format!("cannot open {}", file.display()))?,
            );
            let imported = store.write(|tx| {
                let brand = brands::find(tx, &brand)?;
                let channel = channels::find(tx, brand.id, &channel)?;
                inbox::import(tx, &brand, channel.id, input, SystemClock.now())
            });
            let count = report_rejected(&file, imported)?;
            println!("imported {count} interactions from {}", file.display());
            Ok(())
        }
        Command::Reply { id, text } => {
            let engine = engine()?;
            tokio::runtime::Runtime::new()?.block_on(engine.reply(InteractionId(id), &text))?;
            let replied = store.read(|c| inbox::detail(c, InteractionId(id)))?;
            let url = replied
                .replies
                .last()
                .and_then(|r| r.remote_url.clone())
                .unwrap_or_default();
            println!("replied to interaction {id} {url}");
            Ok(())
        }
    }
}

fn list(
    store: &Store,
    brand: &str,
    status: Option<&str>,
    overdue: bool,
    json: bool,
) -> anyhow::Result<()> {
    let view = match (overdue, status) {
        (true, _) => View::Overdue,
        (false, None | Some("waiting")) => View::Waiting,
        (false, Some("all")) => View::All,
        (false, Some(name)) => {
            View::Status(Status::from_name(name).ok_or_else(|| Error::UnknownName {
                given: name.to_owned(),
                what: "a status",
                known: "waiting, new, open, replied, closed, snoozed, spam or all",
            })?)
        }
    };
    let filter = InboxFilter {
        view,
        ..InboxFilter::default()
    };
    let now = SystemClock.now();
    let (brand, page) = store.read(|c| {
        let brand = brands::find(c, brand)?;
        let page = inbox::list(c, brand.id, &filter, 0, u32::MAX, now)?;
        Ok((brand, page))
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&page.items)?);
        return Ok(());
    }
    if page.items.is_empty() {
        println!("nothing here");
    }
    for item in page.items {
        let due = match item.deadline {
            Some(d) if d <= now && item.status.is_waiting() => {
                format!("overdue since {}", local(store, brand.id, d))
            }
            Some(d) => format!("due {}", local(store, brand.id, d)),
            None => String::new(),
        };
        println!(
            "{:>6}  {:<8}  {:<9}  @{:<20}  {}  {}",
            item.id.0,
            item.status.as_str(),
            item.kind.as_str(),
            item.author.handle,
            item.text.lines().next().unwrap_or_default(),
            due
        );
    }
    Ok(())
}

/// `at` as the brand's wall-clock time.
fn local(
    store: &Store,
    brand: majlis_core::brands::BrandId,
    at: majlis_core::time::Timestamp,
) -> String {
    store
        .read(|c| brands::get(c, brand))
        .map(|b| {
            b.time_zone
                .local_of(at)
                .format(majlis_core::time::LOCAL_FORMAT)
                .to_string()
        })
        .unwrap_or_default()
}
