//! How late the overdue notification comes: from an answer's deadline to the
//! `org.freedesktop.Notifications.Notify` call on the session bus, with `majlis engine
//! run` (the engine the app runs too) on a private desktop (Xvfb, D-Bus, dunst).
//!
//! Forty brands each have one interaction falling due a second apart; each raises its
//! own notification. The time of each call is the bus monitor's (`time=`), so the figure
//! is the whole way: the watcher's sleep, its queries, and the D-Bus round trip.
//! Goal (issue 5): median and p99 under a second. Not criterion: one real run, printed
//! for BENCHMARKS.md.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use majlis_e2e::{Desktop, binary};

const BRANDS: usize = 40;

fn main() -> anyhow::Result<()> {
    tokio::runtime::Runtime::new()?.block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let root = tempfile::tempdir()?;
    let desktop = Desktop::start(root.path()).await?;
    let data = root.path().join("data");
    let cli = |args: &[&str]| -> anyhow::Result<()> {
        let out = majlis_e2e::cli(&data, args)?;
        anyhow::ensure!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(())
    };
    for i in 0..BRANDS {
        let brand = format!("Brand {i}");
        cli(&["brand", "add", &brand, "--timezone", "UTC"])?;
        cli(&[
            "channel",
            "add",
            "--brand",
            &brand,
            "--kind",
            "instagram",
            "--name",
            "Instagram",
        ])?;
        cli(&[
            "inbox",
            "add",
            "--brand",
            &brand,
            "--channel",
            "Instagram",
            "--author",
            "sara",
            "--text",
            "my order never arrived",
        ])?;
    }
    // Deadlines a second apart, from fifteen seconds ahead (time for the engine to start).
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let first = now + 15;
    let db = rusqlite::Connection::open(data.join("majlis.db"))?;
    db.execute(
        "UPDATE interactions SET deadline = ?1 + brand_id - (SELECT min(id) FROM brands)",
        [first],
    )?;
    drop(db);

    let mut engine = std::process::Command::new(binary("majlis", "MAJLIS_CLI_BIN"))
        .arg("--data-dir")
        .arg(&data)
        .args(["engine", "run"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .env("DISPLAY", &desktop.display)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let mut late = Vec::with_capacity(BRANDS);
    for i in 0..BRANDS {
        let told = desktop
            .notification_within(
                &format!("A reply is overdue for Brand {i}"),
                Duration::from_secs(120),
            )
            .await?;
        late.push(told.at - (first + i as i64) as f64);
    }
    engine.kill()?;
    engine.wait()?;
    late.sort_by(f64::total_cmp);
    let at = |q: f64| late[((late.len() - 1) as f64 * q).round() as usize] * 1000.0;
    println!(
        "deadline → D-Bus Notify, {BRANDS} notifications: median {:.1} ms, p99 {:.1} ms, max {:.1} ms (min {:.1} ms)",
        at(0.5),
        at(0.99),
        at(1.0),
        at(0.0)
    );
    Ok(())
}
