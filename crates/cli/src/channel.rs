//! `majlis channel …`

use std::io::Read;

use clap::{ArgGroup, Subcommand};
use majlis_core::Store;
use majlis_core::brands;
use majlis_core::channels::{self, NewChannel};
use majlis_core::time::{Clock, SystemClock};
use majlis_engine::Secret;

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
    /// Connect a channel to its account: Majlis logs in once to check, then publishes
    /// through it.
    #[command(group(ArgGroup::new("secret").required(true)))]
    Connect {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The channel's name.
        #[arg(long)]
        channel: String,
        /// The server: for Bluesky the PDS (https://bsky.social), for Mastodon the instance.
        #[arg(long, value_name = "URL")]
        service: String,
        /// The account's handle, if it changed or was never given.
        #[arg(long)]
        handle: Option<String>,
        /// Read the app password or token from standard input and keep it in the system keyring.
        #[arg(long, group = "secret")]
        secret_stdin: bool,
        /// Keep only this environment variable's name; the engine reads the secret from it when it runs (for machines without a keyring).
        #[arg(long, group = "secret", value_name = "VAR")]
        secret_env: Option<String>,
    },
    /// Disconnect a channel: its secret leaves the keyring, and Majlis stops publishing there.
    Disconnect {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The channel's name.
        #[arg(long)]
        channel: String,
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
        Command::Connect {
            brand,
            channel,
            service,
            handle,
            secret_stdin: _,
            secret_env,
        } => connect(store, &brand, &channel, service, handle, secret_env)?,
        Command::Disconnect { brand, channel } => {
            let channel =
                store.read(|c| channels::find(c, brands::find(c, &brand)?.id, &channel))?;
            majlis_engine::disconnect(store, channel.id)?;
            println!("disconnected \"{}\"", channel.name);
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

fn connect(
    store: &Store,
    brand: &str,
    channel: &str,
    service: String,
    handle: Option<String>,
    secret_env: Option<String>,
) -> anyhow::Result<()> {
    let channel = store.read(|c| channels::find(c, brands::find(c, brand)?.id, channel))?;
    let secret = match secret_env {
        Some(var) => Secret::Env(var),
        None => {
            let mut secret = String::new();
            std::io::stdin().read_to_string(&mut secret)?;
            Secret::Keep(secret)
        }
    };
    let runtime = tokio::runtime::Runtime::new()?;
    let name = runtime.block_on(majlis_engine::connect(
        store,
        channel.id,
        &service,
        handle.as_deref(),
        secret,
    ))?;
    println!(
        "connected \"{}\" as {name} ({})",
        channel.name,
        service.trim()
    );
    Ok(())
}
