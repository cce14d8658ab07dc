//! `majlis channel …`

use clap::Subcommand;
use majlis_core::Store;
use majlis_core::brands;
use majlis_core::channels::{self, NewChannel};
use majlis_core::time::{Clock, SystemClock};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a channel (one account of one network) to a brand.
    Add {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The network: bluesky, mastodon, telegram, webhook, instagram, facebook, tiktok, linkedin, x or threads.
        #[arg(long)]
        kind: String,
        /// How you call the channel, unique within the brand.
        #[arg(long)]
        name: String,
        /// The account's handle.
        #[arg(long)]
        handle: Option<String>,
    },
    /// List a brand's channels.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Add {
            brand,
            kind,
            name,
            handle,
        } => {
            let new = NewChannel { kind, name, handle };
            let channel = store.write(|tx| {
                let brand = brands::find(tx, &brand)?;
                channels::create(tx, brand.id, &new, SystemClock.now())
            })?;
            println!("added channel \"{}\" ({})", channel.name, channel.kind);
        }
        Command::List { brand, json } => {
            let channels = store.read(|c| channels::list(c, brands::find(c, &brand)?.id))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&channels)?);
            } else if channels.is_empty() {
                println!(
                    "no channels yet: add one with `majlis channel add --brand NAME --kind KIND --name NAME`"
                );
            } else {
                let width = channels
                    .iter()
                    .map(|c| c.name.as_str().chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(4);
                println!("{:<width$}  {:<10}  HANDLE", "NAME", "KIND");
                for c in channels {
                    println!(
                        "{:<width$}  {:<10}  {}",
                        c.name.as_str(),
                        c.kind.as_str(),
                        c.handle.as_deref().unwrap_or("—")
                    );
                }
            }
        }
    }
    Ok(())
}
