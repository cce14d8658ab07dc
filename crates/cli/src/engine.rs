//! `majlis engine …`: the publisher without the window, for servers and cron.

use std::sync::Arc;

use clap::Subcommand;
use majlis_core::Store;
use majlis_core::data_dir::DataDir;
use majlis_engine::{DesktopNotifier, Engine};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Publish on time until interrupted (Ctrl+C), with the app's notifications.
    Run {
        /// Publish what is due now, then exit (for cron).
        #[arg(long)]
        once: bool,
    },
}

pub fn run(store: &Store, data_dir: &DataDir, command: Command) -> anyhow::Result<()> {
    let Command::Run { once } = command;
    let engine = Engine::new(store.clone(), data_dir.path(), Arc::new(DesktopNotifier))?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        if once {
            let report = engine.run_once().await?;
            println!("{report}");
        } else {
            eprintln!("publishing on time; press Ctrl+C to stop");
            engine
                .run(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await;
        }
        anyhow::Ok(())
    })
}
