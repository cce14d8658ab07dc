//! `majlis post …` and `majlis posts …`

use std::path::PathBuf;

use anyhow::Context;
use chrono::Days;
use clap::{Args, Subcommand};
use majlis_core::Store;
use majlis_core::brands;
use majlis_core::categories;
use majlis_core::channels;
use majlis_core::data_dir::DataDir;
use majlis_core::media::{self, NewMedia};
use majlis_core::posts::{self, NewPost, PostFilter, PostId, PostIntent, PostRecord};
use majlis_core::settings;
use majlis_core::time::{Clock, SystemClock, parse_date, parse_local};
use majlis_core::ugc::{self, UgcId};

#[derive(Debug, Subcommand)]
pub enum PostCommand {
    /// Plan a post on one or more channels.
    Add(Box<AddArgs>),
    /// Call a post off: it stays in the history as cancelled and is never published.
    Cancel {
        /// The post's id (see `majlis posts list`).
        id: i64,
    },
    /// Approve a post waiting for approval (or, with --all, every one of a brand's whose
    /// time is ahead); it goes on the schedule.
    Approve {
        /// The post's id (see `majlis posts list`).
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<i64>,
        /// Every post of --brand waiting for approval.
        #[arg(long, requires = "brand")]
        all: bool,
        /// The brand's name (with --all).
        #[arg(long, requires = "all")]
        brand: Option<String>,
        /// Who approves [default: the current user]
        #[arg(long)]
        by: Option<String>,
    },
    /// Send a post waiting for approval back to its author as a draft.
    Return {
        /// The post's id (see `majlis posts list`).
        id: i64,
        /// What should change: added to the post's notes, after your name.
        #[arg(long, default_value = "")]
        change: String,
        /// Who asks [default: the current user]
        #[arg(long)]
        by: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The brand's name.
    #[arg(long)]
    brand: String,
    /// The channels' names, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    channel: Vec<String>,
    /// Wall-clock time, "YYYY-MM-DD HH:MM", in --timezone.
    #[arg(long)]
    at: Option<String>,
    /// The IANA zone of --at [default: the brand's]
    #[arg(long)]
    timezone: Option<String>,
    /// The text.
    #[arg(long)]
    text: String,
    /// The category's name.
    #[arg(long)]
    category: Option<String>,
    /// Keep it as a draft: not on the schedule.
    #[arg(long, conflicts_with = "review")]
    draft: bool,
    /// Send it for approval: scheduled only once someone approves it.
    #[arg(long)]
    review: bool,
    /// Repeat it by an RRULE, e.g. "FREQ=WEEKLY;BYDAY=FR;COUNT=8" (it must end).
    #[arg(long, value_name = "RRULE")]
    repeat: Option<String>,
    /// Attach a picture (JPEG, PNG, GIF or WebP); repeat for several, in order.
    #[arg(long = "image", value_name = "FILE")]
    images: Vec<PathBuf>,
    /// The description of each picture, in the same order as --image.
    #[arg(long = "alt", value_name = "TEXT")]
    alts: Vec<String>,
    /// Share a follower's item (see `majlis ugc list`): its pictures and credit line
    /// come with it; refused unless its creator gave permission (drafts excepted).
    #[arg(long, value_name = "ID")]
    ugc: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum PostsCommand {
    /// List a brand's posts with their deliveries.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// First day, YYYY-MM-DD, in the brand's zone.
        #[arg(long)]
        from: Option<String>,
        /// Last day (included), YYYY-MM-DD, in the brand's zone.
        #[arg(long)]
        to: Option<String>,
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, data_dir: &DataDir, command: PostCommand) -> anyhow::Result<()> {
    match command {
        PostCommand::Add(args) => add(store, data_dir, *args),
        PostCommand::Cancel { id } => {
            let called_off = store.write(|tx| posts::cancel(tx, PostId(id), SystemClock.now()))?;
            println!("cancelled post {}", called_off.post.0);
            Ok(())
        }
        PostCommand::Approve { id, brand, by, .. } => {
            let by = by.unwrap_or_else(posts::reviewer);
            let now = SystemClock.now();
            match (id, brand) {
                (Some(id), _) => {
                    let post = store.write(|tx| posts::approve(tx, PostId(id), &by, now))?;
                    println!(
                        "approved post {} by {by} ({})",
                        post.id.0,
                        post.status.as_str()
                    );
                }
                (None, Some(brand)) => {
                    let approved = store.write(|tx| {
                        let brand = brands::find(tx, &brand)?;
                        posts::approve_all(tx, brand.id, None, &by, now)
                    })?;
                    let posts = if approved == 1 { "post" } else { "posts" };
                    println!("approved {approved} {posts} by {by}");
                }
                (None, None) => unreachable!("clap asks for an id or --all --brand"),
            }
            Ok(())
        }
        PostCommand::Return { id, change, by } => {
            let by = by.unwrap_or_else(posts::reviewer);
            let post = store.write(|tx| {
                posts::return_to_draft(tx, PostId(id), &change, &by, SystemClock.now())
            })?;
            println!("post {} is a draft again", post.id.0);
            Ok(())
        }
    }
}

fn add(store: &Store, data_dir: &DataDir, args: AddArgs) -> anyhow::Result<()> {
    let at = args.at.as_deref().map(parse_local).transpose()?;
    if args.alts.len() > args.images.len() {
        anyhow::bail!("there are more --alt descriptions than --image pictures");
    }
    let media = args
        .images
        .iter()
        .zip(args.alts.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(path, alt)| {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Ok(NewMedia {
                file: media::store(data_dir.path(), &name, &bytes)?.file,
                alt: alt.cloned().unwrap_or_default(),
                thumbnail: None,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let post = store.write(|tx| {
        let brand = brands::find(tx, &args.brand)?;
        let channels = args
            .channel
            .iter()
            .map(|name| channels::find(tx, brand.id, name).map(|c| c.id))
            .collect::<majlis_core::Result<Vec<_>>>()?;
        let category = args
            .category
            .as_deref()
            .map(|c| categories::find(tx, brand.id, c))
            .transpose()?;
        let repost = args.ugc.map(|id| ugc::repost(tx, UgcId(id))).transpose()?;
        let mut media = media.clone();
        let mut body = args.text.clone();
        if let Some(repost) = &repost {
            body = ugc::with_credit(&body, &repost.credit);
            media.extend(repost.pictures.iter().map(|p| NewMedia {
                file: p.file.file.clone(),
                alt: p.alt.clone(),
                thumbnail: p.thumbnail.clone(),
            }));
        }
        let new = NewPost {
            channels,
            body,
            link: None,
            category: category.map(|c| c.id),
            at,
            zone: args.timezone.clone(),
            intent: match (args.draft, args.review) {
                (true, _) => PostIntent::Draft,
                (_, true) => PostIntent::Review,
                _ => PostIntent::Schedule,
            },
            repeat: args.repeat.clone(),
            variants: Vec::new(),
            notes: String::new(),
            media,
            ugc: repost.map(|r| r.item).into_iter().collect(),
        };
        posts::create(tx, &brand, &new, SystemClock.now())
    })?;
    println!("added post {} ({})", post.id.0, post.status.as_str());
    Ok(())
}

pub fn list(store: &Store, command: PostsCommand) -> anyhow::Result<()> {
    let PostsCommand::List {
        brand,
        from,
        to,
        json,
    } = command;
    let (from, to) = (
        from.as_deref().map(parse_date).transpose()?,
        to.as_deref().map(parse_date).transpose()?,
    );
    let records = store.read(|c| {
        let brand = brands::find(c, &brand)?;
        let start_of = |day: chrono::NaiveDate| {
            brand
                .time_zone
                .instant_of(day.and_hms_opt(0, 0, 0).unwrap_or_default())
        };
        let filter = PostFilter {
            from: from.map(start_of).transpose()?,
            to: to
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .map(start_of)
                .transpose()?,
        };
        let categories = categories::list(c, brand.id)?;
        let language = settings::current_language(c)?;
        Ok(posts::list(c, brand.id, filter)?
            .iter()
            .map(|p| PostRecord::of(p, &categories, language))
            .collect::<Vec<_>>())
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&records)?);
        return Ok(());
    }
    if records.is_empty() {
        println!("no posts in that range");
    }
    for r in records {
        let channels: Vec<&str> = r.deliveries.iter().map(|d| d.channel.as_str()).collect();
        println!(
            "{:>5}  {:<16}  {:<10}  {}  [{}]",
            r.id,
            r.at_local.as_deref().unwrap_or("(no time)"),
            r.status.as_str(),
            r.body.lines().next().unwrap_or_default(),
            channels.join(", ")
        );
    }
    Ok(())
}
