//! `majlis category …`: a brand's content categories and its target mix.

use clap::Subcommand;
use majlis_core::Store;
use majlis_core::brands;
use majlis_core::categories::{self, Target};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List a brand's categories with their target shares.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Set the share of the posts a category should have (e.g. promotion at most 20%);
    /// without bounds, clear it.
    Target {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The category's name.
        #[arg(long)]
        category: String,
        /// The smallest share, in percent.
        #[arg(long, value_name = "PERCENT")]
        at_least: Option<u8>,
        /// The largest share, in percent.
        #[arg(long, value_name = "PERCENT")]
        at_most: Option<u8>,
    },
}

pub fn run(store: &Store, command: Command) -> anyhow::Result<()> {
    match command {
        Command::List { brand, json } => {
            let list = store.read(|c| categories::list(c, brands::find(c, &brand)?.id))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(());
            }
            for category in list {
                println!("{:<28} {}", category.name, describe(category.target));
            }
        }
        Command::Target {
            brand,
            category,
            at_least,
            at_most,
        } => {
            let target = Target { at_least, at_most };
            store.write(|tx| {
                let brand = brands::find(tx, &brand)?.id;
                let category = categories::find(tx, brand, &category)?;
                categories::set_target(tx, brand, category.id, target)
            })?;
            println!("{category}: {}", describe(target));
        }
    }
    Ok(())
}

/// A target as the command line prints it.
pub fn describe(target: Target) -> String {
    match (target.at_least, target.at_most) {
        (Some(low), Some(high)) => format!("{low}–{high}% of posts"),
        (Some(low), None) => format!("at least {low}% of posts"),
        (None, Some(high)) => format!("at most {high}% of posts"),
        (None, None) => "no target".to_owned(),
    }
}
