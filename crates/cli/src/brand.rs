//! `majlis brand …`

use clap::Subcommand;
use majlis_core::Store;
use majlis_core::brands::{self, NewBrand};
use majlis_core::time::{Clock, SystemClock};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a brand.
    Add {
        /// Its name, unique without regard to case.
        name: String,
        /// The IANA time zone its calendar lives in, e.g. Asia/Riyadh.
        #[arg(long, value_name = "ZONE")]
        timezone: String,
        /// The language it speaks, as a BCP 47 tag, e.g. en or ar-SA [default: en]
        #[arg(long)]
        locale: Option<String>,
        /// Its colour as #rrggbb [default: the next colour of the palette]
        #[arg(long, value_name = "HEX")]
        color: Option<String>,
    },
    /// Change a brand's settings.
    Set {
        /// The brand's name.
        name: String,
        /// Posts that fell due while Majlis was closed go out by themselves up to this many minutes late; later ones wait for you. `never` holds none.
        #[arg(long, value_name = "MINUTES|never")]
        hold_late_after: String,
    },
    /// List brands.
    List {
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Add {
            name,
            timezone,
            locale,
            color,
        } => {
            let new = NewBrand {
                name,
                time_zone: timezone,
                locale,
                color,
            };
            let brand = store.write(|tx| brands::create(tx, &new, SystemClock.now()))?;
            println!(
                "added brand \"{}\" ({}, {}, {})",
                brand.name, brand.time_zone, brand.locale, brand.color
            );
        }
        Command::Set {
            name,
            hold_late_after,
        } => {
            let minutes = match hold_late_after.trim() {
                "never" => None,
                m => Some(m.parse::<u32>().map_err(|_| {
                    anyhow::anyhow!(
                        "--hold-late-after takes a number of minutes or `never`, not \"{m}\""
                    )
                })?),
            };
            let brand = store.write(|tx| {
                let brand = brands::find(tx, &name)?;
                brands::set_hold_late_after(tx, brand.id, minutes, SystemClock.now())
            })?;
            match brand.hold_late_after {
                Some(m) => println!(
                    "\"{}\" holds posts more than {m} minutes late for you to decide",
                    brand.name
                ),
                None => println!("\"{}\" publishes missed posts however late", brand.name),
            }
        }
        Command::List { json } => {
            let brands = store.read(brands::list)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&brands)?);
            } else if brands.is_empty() {
                println!("no brands yet: add one with `majlis brand add NAME --timezone ZONE`");
            } else {
                let width = brands.iter().map(|b| b.name.as_str().chars().count()).max();
                let width = width.unwrap_or(0).max(4);
                println!(
                    "{:<width$}  {:<24}  {:<7}  COLOR",
                    "NAME", "TIME ZONE", "LOCALE"
                );
                for b in brands {
                    let name = b.name.to_string();
                    println!(
                        "{name:<width$}  {:<24}  {:<7}  {}",
                        b.time_zone.to_string(),
                        b.locale.to_string(),
                        b.color
                    );
                }
            }
        }
    }
    Ok(())
}
