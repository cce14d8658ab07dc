//! `majlis import …` and `majlis export …`: posts in and out as files.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use majlis_core::posts::csv::{CsvFormat, DateOrder};
use majlis_core::time::{Clock, SystemClock};
use majlis_core::{Error, Store, brands, channels, posts};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import planned posts from a CSV file: every row, or none.
    Posts {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The channels' names, comma-separated, for rows that name none.
        #[arg(long, value_delimiter = ',')]
        channel: Vec<String>,
        /// The file's layout: hootsuite, sprout or majlis.
        #[arg(long)]
        format: String,
        /// How the file writes dates: dmy (31/12/2026) or mdy (12/31/2026).
        #[arg(long, default_value = "dmy")]
        date_order: String,
        /// The CSV file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export a brand's posts as CSV.
    Posts {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// The layout: majlis.
        #[arg(long, default_value = "majlis")]
        format: String,
        /// Where to write.
        file: PathBuf,
    },
    /// Export a brand's dated posts as an iCalendar file for any calendar app.
    Ics {
        /// The brand's name.
        #[arg(long)]
        brand: String,
        /// Where to write.
        file: PathBuf,
    },
}

pub fn import(store: &Store, command: ImportCommand) -> anyhow::Result<()> {
    let ImportCommand::Posts {
        brand,
        channel,
        format,
        date_order,
        file,
    } = command;
    let (format, order): (CsvFormat, DateOrder) = (format.parse()?, date_order.parse()?);
    let input = BufReader::new(
        File::open(&file).with_context(|| format!("cannot open {}", file.display()))?,
    );
    let imported = store.write(|tx| {
        let brand = brands::find(tx, &brand)?;
        let defaults = channel
            .iter()
            .map(|name| channels::find(tx, brand.id, name).map(|c| c.id))
            .collect::<majlis_core::Result<Vec<_>>>()?;
        posts::import(
            tx,
            &brand,
            input,
            format,
            order,
            &defaults,
            SystemClock.now(),
        )
    });
    let count = report_rejected(&file, imported)?;
    println!("imported {count} posts from {}", file.display());
    Ok(())
}

/// An import's result; when rows were refused, each is printed as `file:line: reason`
/// before the error.
pub(crate) fn report_rejected<T>(
    file: &std::path::Path,
    imported: majlis_core::Result<T>,
) -> anyhow::Result<T> {
    match imported {
        Ok(value) => Ok(value),
        Err(Error::ImportRejected(problems)) => {
            for p in &problems {
                eprintln!("{}:{}: {}", file.display(), p.line, p.why);
            }
            Err(Error::ImportRejected(problems).into())
        }
        Err(e) => Err(e.into()),
    }
}

pub fn export(store: &Store, command: ExportCommand) -> anyhow::Result<()> {
    let file = match command {
        ExportCommand::Posts {
            brand,
            format,
            file,
        } => {
            if format.parse::<CsvFormat>()? != CsvFormat::Majlis {
                anyhow::bail!("posts are exported in the majlis format only");
            }
            let output = create(&file)?;
            store.read(|c| posts::export_csv(c, &brands::find(c, &brand)?, output))?;
            file
        }
        ExportCommand::Ics { brand, file } => {
            let output = create(&file)?;
            store.read(|c| {
                posts::export_ics(c, &brands::find(c, &brand)?, SystemClock.now(), output)
            })?;
            file
        }
    };
    println!("exported to {}", file.display());
    Ok(())
}

fn create(file: &std::path::Path) -> anyhow::Result<BufWriter<File>> {
    Ok(BufWriter::new(File::create(file).with_context(|| {
        format!("cannot write {}", file.display())
    })?))
}
