//! `majlis slot …`: a brand's posting schedule (its queue).

use anyhow::Context;
use chrono::{NaiveTime, Weekday};
use clap::{Args, Subcommand};
use majlis_core::Store;
use majlis_core::brands;
use majlis_core::slots::{self, Slot};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a weekly posting time, in the brand's time zone.
    Add(SlotArgs),
    /// Take a posting time off the schedule (posts already there stay).
    Remove(SlotArgs),
    /// List a brand's posting times, Monday first.
    List {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Print one JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// One posting time of one brand.
#[derive(Debug, Args)]
pub struct SlotArgs {
    /// The brand's name.
    #[arg(long)]
    brand: String,
    /// The day of the week: mon, tue, wed, thu, fri, sat or sun.
    #[arg(long)]
    day: String,
    /// The time, HH:MM (24-hour).
    #[arg(long)]
    time: String,
}

pub fn run(store: &Store, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Add(SlotArgs { brand, day, time }) => {
            let slot = slot(&day, &time)?;
            store.write(|tx| slots::add(tx, brands::find(tx, &brand)?.id, slot))?;
            println!("added {}", describe(slot));
        }
        Command::Remove(SlotArgs { brand, day, time }) => {
            let slot = slot(&day, &time)?;
            store.write(|tx| slots::remove(tx, brands::find(tx, &brand)?.id, slot))?;
            println!("removed {}", describe(slot));
        }
        Command::List { brand, json } => {
            let schedule = store.read(|c| slots::list(c, brands::find(c, &brand)?.id))?;
            if json {
                let records: Vec<_> = schedule
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "day": s.day().to_string().to_lowercase(),
                            "time": s.time().format("%H:%M").to_string(),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&records)?);
            } else if schedule.is_empty() {
                println!(
                    "no posting times yet: add one with `majlis slot add --brand NAME --day fri --time 16:00`"
                );
            } else {
                for s in schedule {
                    println!("{}", describe(s));
                }
            }
        }
    }
    Ok(())
}

fn slot(day: &str, time: &str) -> anyhow::Result<Slot> {
    let day: Weekday = day.trim().parse().ok().with_context(|| {
        format!("\"{day}\" is not a day of the week: use mon, tue, wed, thu, fri, sat or sun")
    })?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .ok()
        .with_context(|| format!("\"{time}\" is not a time: use HH:MM, e.g. 09:30 or 19:00"))?;
    Ok(Slot::new(day, time))
}

fn describe(slot: Slot) -> String {
    format!("{} {}", slot.day(), slot.time().format("%H:%M"))
}
