//! `majlis sample`

use clap::{Args, ValueEnum};
use majlis_core::Store;
use majlis_core::data_dir::DataDir;
use majlis_core::sample;
use majlis_core::settings::Language;
use majlis_core::time::{Clock, SystemClock};

#[derive(Debug, Args)]
pub struct Command {
    /// The language of the sample's names and texts.
    #[arg(long, value_enum, default_value = "en")]
    language: LanguageArg,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LanguageArg {
    En,
    Ar,
}

pub fn run(store: &Store, data_dir: &DataDir, command: Command) -> anyhow::Result<()> {
    let language = match command.language {
        LanguageArg::En => Language::En,
        LanguageArg::Ar => Language::Ar,
    };
    let brand =
        store.write(|tx| sample::create(tx, data_dir.path(), language, SystemClock.now()))?;
    println!("sample brand \"{}\" is ready", brand.name);
    Ok(())
}
