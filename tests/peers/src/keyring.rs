//! A desktop keyring of a test's own: a private D-Bus session with GNOME Keyring's
//! Secret Service on it, unlocked, keeping its files in a temporary home.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tempfile::TempDir;

use crate::Guard;

/// A running Secret Service. Point a process at it with `DBUS_SESSION_BUS_ADDRESS`
/// set to [`Keyring::bus`]; dropping it stops the daemons and deletes their files.
pub struct Keyring {
    /// The session bus address.
    pub bus: String,
    // Dropped in this order: the keyring, then the bus it is on (when it is ours).
    _keyring: Guard,
    _bus: Option<(Guard, TempDir)>,
    _dir: TempDir,
}

impl Keyring {
    /// Starts a session bus and GNOME Keyring (secrets only), with a login keyring
    /// made and unlocked for it, and waits until it owns `org.freedesktop.secrets`. Needs Debian's
    /// `dbus-daemon` and `gnome-keyring`.
    pub fn start() -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("majlis-keyring-")
            .tempdir()?;
        let config = dir.path().join("bus.conf");
        fs::write(
            &config,
            format!(
                "<busconfig><type>session</type><listen>unix:dir={}</listen>\
                 <auth>EXTERNAL</auth><policy context=\"default\">\
                 <allow send_destination=\"*\"/><allow receive_sender=\"*\"/>\
                 <allow own=\"*\"/></policy></busconfig>",
                dir.path().display()
            ),
        )?;
        let mut daemon = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1"])
            .arg(format!("--config-file={}", config.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting dbus-daemon")?;
        let mut bus = String::new();
        BufReader::new(daemon.stdout.take().context("dbus-daemon's output")?)
            .read_line(&mut bus)?;
        let bus = bus.trim().to_owned();
        let bus_guard = Guard::new("dbus-daemon", daemon, "TERM", Duration::from_secs(2));
        let mut keyring = Self::on(&bus)?;
        keyring._bus = Some((bus_guard, dir));
        Ok(keyring)
    }

    /// Starts GNOME Keyring on an existing session bus (a test desktop's), as a
    /// desktop session would.
    pub fn on(bus: &str) -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("majlis-keyring-")
            .tempdir()?;
        let home = dir.path().join("home");
        fs::create_dir(&home)?;
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--components=secrets", "--unlock"])
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting gnome-keyring-daemon (Debian's gnome-keyring)")?;
        // The password that creates and unlocks the login keyring, which becomes the
        // default collection (an empty one would leave no default collection).
        drop(
            keyring
                .stdin
                .take()
                .map(|mut stdin| stdin.write_all(b"majlis-test-keyring")),
        );
        let keyring = Guard::new(
            "gnome-keyring-daemon",
            keyring,
            "TERM",
            Duration::from_secs(2),
        );

        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let owned = Command::new("dbus-send")
                .args([
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                ])
                .args([
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", bus)
                .output()
                .context("running dbus-send")?;
            if String::from_utf8_lossy(&owned.stdout).contains("boolean true") {
                break;
            }
            if Instant::now() > deadline {
                bail!("GNOME Keyring did not come up on the test's bus within 20 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self {
            bus: bus.to_owned(),
            _keyring: keyring,
            _bus: None,
            _dir: dir,
        })
    }
}
