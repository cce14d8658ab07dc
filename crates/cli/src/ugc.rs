//! `majlis ugc …`: the community board from a terminal: followers' posts to share,
//! the permission for each, and the saved searches that find them.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use majlis_core::time::{Clock, SystemClock};
use majlis_core::ugc::request::Words;
use majlis_core::ugc::rights::{self, ManualGrant, RightsState, Scope};
use majlis_core::ugc::searches::{self, SearchKind};
use majlis_core::ugc::{self, FoundPicture, Origin, UgcFilter, UgcId};
use majlis_core::{Error, Store, brands, media, settings};

use crate::engine;
use majlis_core::data_dir::DataDir;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List a brand's items, newest first.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Only this state: found, requested, granted, used, declined, expired or revoked.
        #[arg(long)]
        state: Option<String>,
        /// Print one JSON value.
        #[arg(long)]
        json: bool,
    },
    /// Show one item with its evidence trail.
    Show {
        /// The item's id (see `majlis ugc list`).
        id: i64,
        /// Print one JSON value.
        #[arg(long)]
        json: bool,
    },
    /// Add a follower's post by hand, from its address (and a copy of its picture).
    Add {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Where the post is.
        #[arg(long)]
        url: String,
        /// The creator's handle, when the address does not say it.
        #[arg(long)]
        creator: Option<String>,
        /// A copy of its picture (JPEG, PNG, GIF or WebP; re-encoded by Majlis).
        #[arg(long)]
        file: Option<PathBuf>,
        /// What the post says.
        #[arg(long)]
        text: Option<String>,
    },
    /// Ask the creator for permission, as a reply to their post.
    Ask {
        /// The item's id.
        id: i64,
        /// The request's words, instead of the brand's rights request templates' (the
        /// agreement hashtag and the terms link are added when missing).
        #[arg(long)]
        text: Option<String>,
    },
    /// Record a permission given off the network (by email, in person).
    Grant {
        /// The item's id.
        id: i64,
        /// How it was given: the evidence.
        #[arg(long)]
        note: String,
        /// What it allows, comma-separated: organic, paid_ads, website [default: the brand's terms]
        #[arg(long, value_delimiter = ',')]
        scope: Vec<String>,
        /// How many months it lasts [default: the brand's terms]
        #[arg(long)]
        months: Option<u32>,
    },
    /// Record that the creator said no.
    Decline {
        /// The item's id.
        id: i64,
        /// How they said it.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record that the creator took their permission back; posts using it are held.
    Revoke {
        /// The item's id.
        id: i64,
        /// How they said it.
        #[arg(long)]
        note: String,
    },
    /// Saved searches that find followers' posts.
    #[command(subcommand)]
    Search(SearchCommand),
}

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Save a search; the engine runs it every 15 minutes.
    Add(SearchArgs),
    /// List a brand's saved searches.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
    },
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The brand's name.
    #[arg(long)]
    brand: String,
    #[command(flatten)]
    what: Looked,
}

/// What a search looks for: one of these.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Looked {
    /// Posts with this hashtag.
    #[arg(long)]
    hashtag: Option<String>,
    /// Posts mentioning this account.
    #[arg(long)]
    mention: Option<String>,
    /// Posts with these words.
    #[arg(long)]
    keyword: Option<String>,
}

pub fn run(store: &Store, data_dir: &DataDir, command: Command) -> anyhow::Result<()> {
    let now = SystemClock.now();
    match command {
        Command::List { brand, state, json } => list(store, &brand, state.as_deref(), json),
        Command::Show { id, json } => show(store, UgcId(id), json),
        Command::Add {
            brand,
            url,
            creator,
            file,
            text,
        } => {
            let mut found = ugc::manual(&url, creator.as_deref())?;
            found.text = text.unwrap_or_default();
            if let Some(path) = file {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let cleaned = media::store_untrusted(data_dir.path(), &name, &bytes)?;
                found.pictures.push(FoundPicture {
                    file: cleaned.file,
                    thumbnail: Some(cleaned.thumbnail),
                    alt: String::new(),
                    original_url: None,
                });
            }
            let id = store.write(|tx| {
                let brand = brands::find(tx, &brand)?;
                ugc::add(tx, brand.id, Origin::Manual, &found, None, None, now)
            })?;
            let id = id.ok_or(Error::UgcAlreadyOnBoard)?;
            println!("added item {} (found)", id.0);
            Ok(())
        }
        Command::Ask { id, text } => {
            let engine = engine::open(store, data_dir)?;
            let agent = std::env::var("USER").unwrap_or_default();
            let wording = match &text {
                Some(own) => Words::Own(own),
                None => Words::Templates { agent: &agent },
            };
            tokio::runtime::Runtime::new()?.block_on(engine.ask_rights(UgcId(id), wording))?;
            let item = store.read(|c| ugc::get(c, UgcId(id)))?;
            let url = item.request.and_then(|r| r.url).unwrap_or_default();
            println!("asked @{} for permission {url}", item.creator.handle);
            Ok(())
        }
        Command::Grant {
            id,
            note,
            scope,
            months,
        } => {
            let scope = scope
                .iter()
                .map(|s| scope_named(s))
                .collect::<Result<Vec<_>, _>>()?;
            let given = ManualGrant {
                note,
                scope,
                months,
            };
            store.write(|tx| rights::grant_manually(tx, UgcId(id), &given, now))?;
            println!("item {id} granted (by hand)");
            Ok(())
        }
        Command::Decline { id, note } => {
            store.write(|tx| rights::refuse(tx, UgcId(id), RightsState::Declined, &note, now))?;
            println!("item {id} declined");
            Ok(())
        }
        Command::Revoke { id, note } => {
            store.write(|tx| rights::refuse(tx, UgcId(id), RightsState::Revoked, &note, now))?;
            println!("item {id} revoked; posts using it are held as drafts");
            Ok(())
        }
        Command::Search(SearchCommand::Add(args)) => {
            let looked = &args.what;
            let (kind, query) = match (&looked.hashtag, &looked.mention, &looked.keyword) {
                (Some(h), _, _) => (SearchKind::Hashtag, h),
                (_, Some(m), _) => (SearchKind::Mention, m),
                (_, _, Some(k)) => (SearchKind::Keyword, k),
                _ => anyhow::bail!("say what to look for: --hashtag, --mention or --keyword"),
            };
            let search = store.write(|tx| {
                let brand = brands::find(tx, &args.brand)?;
                searches::add(tx, brand.id, kind, query, now)
            })?;
            println!("saved search {} ({})", search.id.0, search.label());
            Ok(())
        }
        Command::Search(SearchCommand::List { brand }) => {
            let list = store.read(|c| searches::list(c, brands::find(c, &brand)?.id))?;
            if list.is_empty() {
                println!("no saved searches");
            }
            for s in list {
                println!("{:>5}  {:<30}  {} found", s.id.0, s.label(), s.found);
            }
            Ok(())
        }
    }
}

fn scope_named(name: &str) -> Result<Scope, Error> {
    match name.trim() {
        "organic" => Ok(Scope::Organic),
        "paid_ads" => Ok(Scope::PaidAds),
        "website" => Ok(Scope::Website),
        other => Err(Error::UnknownName {
            given: other.to_owned(),
            what: "a scope",
            known: "organic, paid_ads or website",
        }),
    }
}

fn list(store: &Store, brand: &str, state: Option<&str>, json: bool) -> anyhow::Result<()> {
    let state = state
        .map(|s| {
            RightsState::from_name(s).ok_or_else(|| Error::UnknownName {
                given: s.to_owned(),
                what: "a state",
                known: "found, requested, granted, used, declined, expired or revoked",
            })
        })
        .transpose()?;
    let filter = UgcFilter {
        state,
        ..UgcFilter::default()
    };
    let page = store.read(|c| ugc::list(c, brands::find(c, brand)?.id, &filter, 0, u32::MAX))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&page.items)?);
        return Ok(());
    }
    if page.items.is_empty() {
        println!("nothing here");
    }
    for item in page.items {
        println!(
            "{:>5}  {:<9}  {:<8}  @{:<24}  {}",
            item.id.0,
            item.state.as_str(),
            item.network,
            item.creator.handle,
            item.text.lines().next().unwrap_or_default()
        );
    }
    Ok(())
}

fn show(store: &Store, id: UgcId, json: bool) -> anyhow::Result<()> {
    let (item, trail, language) = store.read(|c| {
        Ok((
            ugc::get(c, id)?,
            rights::trail(c, id)?,
            settings::current_language(c)?,
        ))
    })?;
    if json {
        let value = serde_json::json!({ "item": item, "trail": trail });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    println!(
        "item {} by @{} on {}: {}",
        item.id.0,
        item.creator.handle,
        item.network,
        item.state.as_str()
    );
    if let Some(url) = &item.url {
        println!("  {url}");
    }
    for event in trail {
        println!(
            "  {}  {:<14}  {:<9}  {}  {}",
            event.at.as_utc().format("%Y-%m-%d %H:%M"),
            event.what.as_str(),
            event.state.as_str(),
            event.said(language),
            event.url.as_deref().unwrap_or_default()
        );
    }
    Ok(())
}
