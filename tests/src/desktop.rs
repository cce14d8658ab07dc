//! A private desktop: X display, D-Bus session, notification daemon and a bus monitor.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use anyhow::Context;

use crate::{DEADLINE, eventually, eventually_within};

const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// One `org.freedesktop.Notifications.Notify` call seen on the bus.
#[derive(Clone, Debug, PartialEq)]
pub struct Notify {
    /// The sending application's name.
    pub app_name: String,
    /// The headline.
    pub summary: String,
    /// The detail.
    pub body: String,
    /// When the call crossed the bus, in seconds since the Unix epoch (dbus-monitor's
    /// `time=`), for measuring how late a notification comes.
    pub at: f64,
}

/// An X display and a D-Bus session of a test's own; everything stops when it drops.
pub struct Desktop {
    /// The X display, e.g. `:17`.
    pub display: String,
    /// The session bus address.
    pub bus: String,
    notifications: Arc<Mutex<Vec<Notify>>>,
    children: Vec<Child>,
    /// The Secret Service on the session bus, as a desktop session has one.
    _keyring: majlis_peers::Keyring,
}

impl Desktop {
    /// Starts Xvfb, a session bus, dunst and a monitor of Notify calls, and waits until
    /// the notification daemon owns its bus name.
    pub async fn start(runtime_dir: &Path) -> anyhow::Result<Self> {
        let mut children = Vec::new();

        // -displayfd 1: Xvfb picks a free display and prints its number on stdout.
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x860x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting Xvfb (cargo xtask test installs it)")?;
        let display = first_line(xvfb.stdout.take()).context("Xvfb did not report its display")?;
        let display = format!(":{}", display.trim());
        children.push(xvfb);

        // A bus with no service directories: nothing (portals, accessibility) is started
        // behind the test's back; only what the test starts is on it.
        let config = runtime_dir.join("bus.conf");
        std::fs::write(
            &config,
            BUS_CONFIG.replace("{dir}", &runtime_dir.display().to_string()),
        )?;
        let mut dbus = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1"])
            .arg(format!("--config-file={}", config.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting dbus-daemon")?;
        let bus =
            first_line(dbus.stdout.take()).context("dbus-daemon did not report its address")?;
        let bus = bus.trim().to_owned();
        children.push(dbus);

        children.push(
            Command::new("dunst")
                .env("DISPLAY", &display)
                .env("DBUS_SESSION_BUS_ADDRESS", &bus)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .context("starting dunst")?,
        );

        let mut monitor = Command::new("dbus-monitor")
            .args(["--address", &bus])
            .arg("type='method_call',interface='org.freedesktop.Notifications',member='Notify'")
            .stdout(Stdio::piped())
            .spawn()
            .context("starting dbus-monitor")?;
        let notifications = Arc::new(Mutex::new(Vec::new()));
        let stdout = monitor.stdout.take().context("dbus-monitor stdout")?;
        let seen = Arc::clone(&notifications);
        thread::spawn(move || record_notify_calls(BufReader::new(stdout), &seen));
        children.push(monitor);

        let keyring = majlis_peers::Keyring::on(&bus)?;
        let desktop = Self {
            display,
            bus,
            notifications,
            children,
            _keyring: keyring,
        };
        eventually("the notification daemon to own its bus name", || async {
            Ok(desktop
                .bus_name_owned("org.freedesktop.Notifications")
                .then_some(()))
        })
        .await?;
        Ok(desktop)
    }

    fn bus_name_owned(&self, name: &str) -> bool {
        Command::new("dbus-send")
            .arg(format!("--bus={}", self.bus))
            .args(["--print-reply", "--dest=org.freedesktop.DBus"])
            .args(["/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner"])
            .arg(format!("string:{name}"))
            .output()
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean true"))
    }

    /// Clicks the newest notification on screen, as a person would: its default action.
    /// A Notify call is seen on the bus before dunst draws it: wait until it shows.
    pub async fn click_notification(&self) -> anyhow::Result<()> {
        eventually("a notification on screen", || async {
            Ok((self.dunstctl(&["count", "displayed"])?.trim() != "0").then_some(()))
        })
        .await?;
        self.dunstctl(&["action", "0"]).map(drop)
    }

    fn dunstctl(&self, args: &[&str]) -> anyhow::Result<String> {
        let out = Command::new("dunstctl")
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .output()
            .context("running dunstctl")?;
        anyhow::ensure!(
            out.status.success(),
            "dunstctl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// What is on the X clipboard now.
    pub fn clipboard(&self) -> anyhow::Result<String> {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .output()
            .context("running xclip")?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Waits for a Notify call whose summary is `summary`.
    pub async fn notification(&self, summary: &str) -> anyhow::Result<Notify> {
        self.notification_within(summary, DEADLINE).await
    }

    /// Waits up to `deadline` for a Notify call whose summary is `summary`.
    pub async fn notification_within(
        &self,
        summary: &str,
        deadline: std::time::Duration,
    ) -> anyhow::Result<Notify> {
        eventually_within(
            &format!("a desktop notification \"{summary}\""),
            deadline,
            || async {
                let seen = self
                    .notifications
                    .lock()
                    .map_err(|_| anyhow::anyhow!("poisoned"))?;
                Ok(seen.iter().find(|n| n.summary == summary).cloned())
            },
        )
        .await
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        for child in self.children.iter_mut().rev() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn first_line(stdout: Option<std::process::ChildStdout>) -> anyhow::Result<String> {
    let mut line = String::new();
    BufReader::new(stdout.context("no stdout")?).read_line(&mut line)?;
    anyhow::ensure!(!line.trim().is_empty(), "empty");
    Ok(line)
}

/// Parses dbus-monitor's text: after each `member=Notify` header, the first four string
/// arguments are app name, icon, summary and body.
fn record_notify_calls(reader: impl BufRead, seen: &Mutex<Vec<Notify>>) {
    let mut strings: Option<(f64, Vec<String>)> = None;
    // Bytes, not `lines()`: one line that is not UTF-8 must not stop the recording.
    for line in reader.split(b'\n').map_while(Result::ok) {
        let line = String::from_utf8_lossy(&line);
        if line.starts_with("method call") && line.contains("member=Notify") {
            let at = line
                .split_whitespace()
                .find_map(|field| field.strip_prefix("time="))
                .and_then(|t| t.parse().ok())
                .unwrap_or_default();
            strings = Some((at, Vec::new()));
        } else if let Some((at, args)) = strings.as_mut() {
            if let Some(value) = line.trim_start().strip_prefix("string \"") {
                args.push(value.strip_suffix('"').unwrap_or(value).to_owned());
            }
            if let [app_name, _icon, summary, body] = args.as_slice() {
                let notify = Notify {
                    app_name: app_name.clone(),
                    summary: summary.clone(),
                    body: body.clone(),
                    at: *at,
                };
                if let Ok(mut seen) = seen.lock() {
                    seen.push(notify);
                }
                strings = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_notify_calls_from_dbus_monitor_output() {
        let output = r#"signal time=1.0 sender=org.freedesktop.DBus -> destination=:1.3 serial=2 path=/org/freedesktop/DBus; interface=org.freedesktop.DBus; member=NameAcquired
   string ":1.3"
method call time=2.0 sender=:1.5 -> destination=org.freedesktop.Notifications serial=7 path=/org/freedesktop/Notifications; interface=org.freedesktop.Notifications; member=Notify
   string "Majlis"
   uint32 0
   string ""
   string "إشعارات مجلس تعمل"
   string "هكذا سينبّهك مجلس"
   array [
   ]
   int32 -1
"#;
        let seen = Mutex::new(Vec::new());
        record_notify_calls(output.as_bytes(), &seen);
        assert_eq!(
            seen.into_inner().expect("lock"),
            [Notify {
                app_name: "Majlis".into(),
                summary: "إشعارات مجلس تعمل".into(),
                body: "هكذا سينبّهك مجلس".into(),
                at: 2.0,
            }]
        );
    }
}
