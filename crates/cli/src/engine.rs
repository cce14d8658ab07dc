//! `majlis engine …`: the publisher without the window, for servers and cron.

use std::sync::Arc;

use clap::Subcommand;
use majlis_core::Store;
use majlis_core::data_dir::DataDir;
use majlis_engine::{DesktopNotifier, Engine};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Publish on time, read the inbox and tell of overdue answers until interrupted
    /// (Ctrl+C), with the app's notifications.
    Run {
        /// Publish what is due now, read the inbox once, tell what is overdue and run
        /// the saved searches that are due, then exit (for cron).
        #[arg(long)]
        once: bool,
    },
    /// Pause publishing (the app's too) until resumed: nothing goes out, nothing is lost.
    Pause,
    /// Resume publishing; what fell due while paused goes out (or waits, if too late).
    Resume,
}

/// The engine over the data, with the desktop's notifications (without actions: no
/// window opens from a terminal).
pub fn open(store: &Store, data_dir: &DataDir) -> anyhow::Result<Engine> {
    Ok(Engine::new(
        store.clone(),
        data_dir.path(),
        Arc::new(DesktopNotifier::default()),
    )?)
}

pub fn run(store: &Store, data_dir: &DataDir, command: Command) -> anyhow::Result<()> {
    let engine = open(store, data_dir)?;
    let once = match command {
        Command::Run { once } => once,
        Command::Pause | Command::Resume => {
            let paused = matches!(command, Command::Pause);
            engine.set_publishing_paused(paused)?;
            println!("publishing {}", if paused { "paused" } else { "resumed" });
            return Ok(());
        }
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        if once {
            let report = engine.run_once().await?;
            println!("{report}");
            let heard = engine.listen_once().await?;
            engine.alert_due().await?;
            println!("{heard} new in the inbox");
            let found = engine.curate_due().await?;
            println!("{found} new on the community board");
        } else {
            eprintln!("publishing on time and listening; press Ctrl+C to stop");
            engine
                .run(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await;
        }
        anyhow::Ok(())
    })
}
