//! Installing what is missing: Debian packages, UI dependencies, tauri-driver.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};

use crate::{cargo, npm, root};

/// What building the app needs (Tauri 2 on Linux).
pub const BUILD_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "libssl-dev",
];

/// What the end-to-end tests need: a virtual display, WebKit's WebDriver, a session bus
/// (with dbus-send and dbus-monitor), a notification daemon, and an emoji font so that
/// screenshots show what people see.
pub const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "webkit2gtk-driver",
    "dbus",
    "dbus-bin",
    "dunst",
    "fonts-noto-color-emoji",
    // Reads the X clipboard a reminder's caption is copied to.
    "xclip",
    // The desktop keyring channels' secrets are kept in (Secret Service).
    "gnome-keyring",
    // The local Bluesky network of tests/peers: its AppView's database and cache.
    "postgresql",
    "redis-server",
];

/// Installs the packages that are missing, with apt (through sudo unless root).
pub fn system_packages(packages: &[&str]) -> anyhow::Result<()> {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if Command::new("apt-get").arg("--version").output().is_err() {
        bail!("missing system packages {missing:?}, and there is no apt-get to install them");
    }
    eprintln!("==> installing {}", missing.join(" "));
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    let apt = |args: &[&str]| -> anyhow::Result<()> {
        let mut command = if root_user {
            Command::new("apt-get")
        } else {
            sudo()
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        let status = command.status().context("running apt-get")?;
        if !status.success() {
            bail!("apt-get {} failed", args.join(" "));
        }
        Ok(())
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

fn sudo() -> Command {
    let mut command = Command::new("sudo");
    command.arg("apt-get");
    command
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${db:Status-Status}", package])
        .output()
        .is_ok_and(|out| out.stdout == b"installed")
}

/// Runs `npm ci` when `node_modules` is missing or older than the lock file.
pub fn ui_dependencies() -> anyhow::Result<()> {
    let ui = root().join("ui");
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let lock = modified(ui.join("package-lock.json"));
    let installed = modified(ui.join("node_modules/.package-lock.json"));
    if installed.is_some() && installed >= lock {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        bail!("npm is not installed: install Node.js 20 or newer");
    }
    eprintln!("==> installing UI dependencies (npm ci)");
    npm(&["ci", "--no-audit", "--no-fund"])
}

/// Installs tauri-driver with cargo unless it is already on the machine.
pub fn tauri_driver() -> anyhow::Result<()> {
    let found = Command::new("tauri-driver").arg("--help").output().is_ok()
        || std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .is_some_and(|cargo_home| cargo_home.join("bin/tauri-driver").exists());
    if found {
        return Ok(());
    }
    eprintln!("==> installing tauri-driver");
    cargo(&["install", "tauri-driver", "--locked"])
}
