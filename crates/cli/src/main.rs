//! `majlis`: Majlis from a terminal, on the same data as the desktop app.

mod brand;
mod category;
mod channel;
mod engine;
mod inbox;
mod insights;
mod post;
mod sample;
mod slot;
mod template;
mod transfer;
mod ugc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use majlis_core::Store;
use majlis_core::data_dir::DataDir;

/// Plan posts, answer your community on time, and learn from it — from a terminal.
#[derive(Debug, Parser)]
#[command(name = "majlis", version)]
struct Cli {
    /// Where Majlis keeps its data [default: $MAJLIS_DATA_DIR, else the platform's app data directory]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Brands: the businesses or clients you manage.
    #[command(subcommand)]
    Brand(brand::Command),
    /// Channels: the network accounts a brand posts from.
    #[command(subcommand)]
    Channel(channel::Command),
    /// Posting times: a brand's weekly schedule, which "add to queue" fills.
    #[command(subcommand)]
    Slot(slot::Command),
    /// Posts: plan one, or approve one.
    #[command(subcommand)]
    Post(post::PostCommand),
    /// Posts: list them.
    #[command(subcommand)]
    Posts(post::PostsCommand),
    /// Bring posts in from a file.
    #[command(subcommand)]
    Import(transfer::ImportCommand),
    /// Write posts out to a file.
    #[command(subcommand)]
    Export(transfer::ExportCommand),
    /// Create a sample brand to explore Majlis with.
    Sample(sample::Command),
    /// Reply templates: saved answers that stay personal.
    #[command(subcommand)]
    Template(template::Command),
    /// The inbox: what people said to a brand, with deadlines for the answers.
    #[command(subcommand)]
    Inbox(inbox::Command),
    /// Insights: how well the brand answers, and what its community says.
    #[command(subcommand)]
    Insights(insights::Command),
    /// The printable client report: every insight for a brand and days, as one HTML page.
    Report(insights::ReportArgs),
    /// Content categories (pillars) and the share of posts each should have.
    #[command(subcommand)]
    Category(category::Command),
    /// Followers' content to share: the community board and the permission for each.
    #[command(subcommand)]
    Ugc(ugc::Command),
    /// The engine: publish on time, read the inbox and tell of overdue answers, without the app.
    #[command(subcommand)]
    Engine(engine::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let data_dir = DataDir::open(cli.data_dir.as_deref())?;
    let store = Store::open(&data_dir.database())?;
    match cli.command {
        Command::Brand(command) => brand::run(&store, command),
        Command::Channel(command) => channel::run(&store, command),
        Command::Slot(command) => slot::run(&store, command),
        Command::Post(command) => post::run(&store, &data_dir, command),
        Command::Posts(command) => post::list(&store, command),
        Command::Import(command) => transfer::import(&store, command),
        Command::Export(command) => transfer::export(&store, command),
        Command::Sample(command) => sample::run(&store, &data_dir, command),
        Command::Engine(command) => engine::run(&store, &data_dir, command),
        Command::Template(command) => template::run(&store, command),
        Command::Insights(command) => insights::run(&store, command),
        Command::Report(args) => insights::report(&store, &args),
        Command::Category(command) => category::run(&store, command),
        Command::Ugc(command) => ugc::run(&store, &data_dir, command),
        Command::Inbox(command) => inbox::run(&store, || engine::open(&store, &data_dir), command),
    }
}
