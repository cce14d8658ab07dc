//! `cargo xtask startup`: DESIGN.md's start-up and memory budgets, measured.
//!
//! Majlis, opening on the calendar month of a brand with 10,000 posts, against a bare
//! Tauri 2 window (`bench/bare-window`: the same tauri with the same features, a static
//! page). Both are release builds, launched alternately in the same way, in one private
//! Xvfb display and D-Bus session, each with a home of its own:
//!
//! - **start**: from asking WebKitWebDriver for a session — which launches the binary —
//!   to the first moment the page holds `.ec-event [data-post]` (the bare window:
//!   `#ready`, in its static page: there, the page's load event), by the page's own
//!   clock, reported by a DOM observer that WebDriver installs once the page has loaded
//!   (a month drawn before it arrives, by the page's own mark of its first entry).
//!   WebDriver's share is the same on both sides: it drops out of the difference, and
//!   pulls the ratio towards 1.
//! - **memory**: 3 s after that, the PSS of the launched process and every process
//!   under it (WebKit's web and network processes), from `/proc/PID/smaps_rollup`.
//!
//! On Linux tauri-driver (which the end-to-end tests use) only renames a capability and
//! relays requests to WebKitWebDriver; this speaks to WebKitWebDriver directly, in a few
//! lines of HTTP/1.0, which keeps a process and a hop out of the figures and needs no
//! HTTP library.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail, ensure};
use serde_json::{Value, json};

use crate::{build_ui, cargo, checked, root, setup, step};

/// Timed launches of each subject, after one untimed warm-up launch of each.
const RUNS: usize = 7;
/// How long the app idles after it is ready before its memory is read.
const IDLE: Duration = Duration::from_secs(3);
/// How long any launch or wait may take before the benchmark gives up.
const DEADLINE: Duration = Duration::from_secs(60);
/// Posts in the benchmark's brand…
const POSTS: i64 = 10_000;
/// …of which this many fall in the rest of the current month, the one the calendar
/// opens on; the others are spread over the twelve months after it.
const THIS_MONTH: i64 = 1_000;
/// The sample brand's zone, Asia/Riyadh, is UTC+3 all year (no daylight saving): that
/// is what lets this file write its wall-clock times without a time zone library.
const RIYADH_OFFSET: i64 = 3 * 3600;
const DAY: i64 = 24 * 3600;

/// Run in the page by WebDriver, which runs scripts only once the page has loaded: calls
/// back with the time as soon as `selector` matches. An element already there was put
/// there at the page's own mark of it, if it has one (Majlis's first calendar entry:
/// `majlis: first entry drawn`), else by the load event (the bare window's, in its static
/// page), rather than the moment WebDriver got round to looking; `late` says the load
/// event stood in.
const FIRST_SEEN: &str = r#"
const [selector, done] = arguments;
const seen = () => document.querySelector(selector) !== null;
if (seen()) {
  const [drawn] = performance.getEntriesByName("majlis: first entry drawn");
  if (drawn) return done({ at: performance.timeOrigin + drawn.startTime, late: false });
  return done({ at: performance.timing.loadEventEnd || Date.now(), late: true });
}
new MutationObserver((_, observer) => {
  if (!seen()) return;
  observer.disconnect();
  done({ at: Date.now(), late: false });
}).observe(document, { childList: true, subtree: true });
"#;

/// Run in the page once it is ready: the page's own timeline, from Navigation and
/// Resource Timing (Tauri's IPC calls are fetches, so each command shows up by name),
/// as milliseconds since the epoch.
const TIMELINE: &str = r#"
const at = (t) => performance.timeOrigin + t;
const [nav] = performance.getEntriesByType("navigation");
const points = nav ? [
  ["page requested", at(nav.startTime)],
  ["page received", at(nav.responseEnd)],
  ["DOM parsed", at(nav.domInteractive)],
  ["DOMContentLoaded done", at(nav.domContentLoadedEventEnd)],
  ["load done", at(nav.loadEventEnd)],
] : [];
for (const e of performance.getEntriesByType("resource")) {
  const name = e.name.replace(/^[a-z]+:\/\/[^/]+\//, "").replace(/\?.*$/, "");
  points.push([`${name} asked`, at(e.startTime)], [`${name} answered`, at(e.responseEnd)]);
}
for (const e of performance.getEntriesByType("paint")) points.push([e.name, at(e.startTime)]);
for (const e of performance.getEntriesByType("mark")) points.push([e.name, at(e.startTime)]);
return points;
"#;

/// What is launched, and what tells that it is ready.
struct Subject {
    label: &'static str,
    binary: PathBuf,
    selector: &'static str,
    home: PathBuf,
}

/// One launch, measured.
struct Sample {
    start: Duration,
    /// The element was already there when the observer arrived, and the page had no
    /// mark of it: `start` is the page's load, which for Majlis would be a guess.
    late: bool,
    /// Every process of the launched tree, with its PSS in KiB.
    processes: Vec<(String, u64)>,
    /// The page's timeline up to ready ([`TIMELINE`]), as times since the launch request;
    /// a name seen twice gets a "#2".
    timeline: Vec<(String, Duration)>,
}

impl Sample {
    fn pss_kib(&self) -> u64 {
        self.processes.iter().map(|(_, kib)| kib).sum()
    }
}

/// Builds everything in release, prepares the data, launches both subjects alternately
/// and prints the medians and ratios.
pub fn run() -> anyhow::Result<bool> {
    setup::system_packages(setup::BUILD_PACKAGES)?;
    setup::system_packages(setup::TEST_PACKAGES)?;
    setup::ui_dependencies()?;
    build_ui()?;
    step("building the app, the CLI and the bare window (release)")?;
    cargo(&[
        "build",
        "--release",
        "-p",
        "majlis-app",
        "-p",
        "majlis-cli",
        "-p",
        "bare-window",
    ])?;
    let release = root().join("target/release");
    let work = root().join("target/startup");
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&work)?;

    step("preparing a brand with 10,000 posts")?;
    let data = work.join("data");
    prepare(&release.join("majlis"), &data, &work)?;

    let desktop = Desktop::start(&work)?;
    let subjects = [
        Subject {
            label: "bare Tauri window",
            binary: release.join("bare-window"),
            selector: "#ready",
            home: work.join("home-bare"),
        },
        Subject {
            label: "Majlis, 10k posts",
            binary: release.join("majlis-app"),
            selector: ".ec-event [data-post]",
            home: work.join("home-app"),
        },
    ];
    step(&format!(
        "launching each {RUNS} times, alternately, after a warm-up"
    ))?;
    let log = work.join("launches.log");
    for subject in &subjects {
        launch(&desktop, subject, &data, &log)?;
    }
    let mut samples: [Vec<Sample>; 2] = Default::default();
    for run in 1..=RUNS {
        for (subject, samples) in subjects.iter().zip(&mut samples) {
            let sample = launch(&desktop, subject, &data, &log)?;
            eprintln!(
                "  {run}/{RUNS} {:<18} {:>5.0} ms {:>7.1} MiB",
                subject.label,
                millis(sample.start),
                mib(sample.pss_kib()),
            );
            samples.push(sample);
        }
    }
    report(&subjects, &samples);
    Ok(true)
}

/// Prints the medians, the difference and the ratios, what was measured, and how.
fn report(subjects: &[Subject; 2], samples: &[Vec<Sample>; 2]) {
    let start = samples
        .each_ref()
        .map(|s| median(s.iter().map(|s| millis(s.start))));
    let pss = samples
        .each_ref()
        .map(|s| median(s.iter().map(|s| mib(s.pss_kib()))));
    let verdict = |ratio: f64| if ratio <= 1.3 { "met" } else { "NOT met" };
    println!("\nmedians of {RUNS} alternating launches each, after one warm-up:\n");
    println!("  {:<20} {:>10} {:>14}", "", "start", "PSS, idle");
    for (i, subject) in subjects.iter().enumerate() {
        println!(
            "  {:<20} {:>7.0} ms {:>10.1} MiB",
            subject.label, start[i], pss[i]
        );
    }
    println!(
        "  {:<20} {:>+7.0} ms {:>+10.1} MiB",
        "difference",
        start[1] - start[0],
        pss[1] - pss[0]
    );
    let (start_ratio, pss_ratio) = (start[1] / start[0], pss[1] / pss[0]);
    println!(
        "  {:<20} {:>9.2}× {:>13.2}×   goal ≤ 1.3×: start {}, memory {}",
        "ratio",
        start_ratio,
        pss_ratio,
        verdict(start_ratio),
        verdict(pss_ratio)
    );
    println!("\nPSS by process (medians):");
    for (subject, samples) in subjects.iter().zip(samples) {
        let mut names: Vec<&str> = samples
            .iter()
            .flat_map(|s| s.processes.iter().map(|(name, _)| name.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        let parts: Vec<String> = names
            .iter()
            .map(|name| {
                let of_name = samples.iter().map(|s| {
                    let kib = s.processes.iter().filter(|(n, _)| n == name);
                    mib(kib.map(|(_, kib)| kib).sum())
                });
                format!("{name} {:.1} MiB", median(of_name))
            })
            .collect();
        println!("  {}: {}", subject.label, parts.join(", "));
    }
    for (subject, samples) in subjects.iter().zip(samples) {
        println!(
            "\ntimeline of {} (medians, ms from the launch request):",
            subject.label
        );
        let mut points: Vec<(f64, &str)> = Vec::new();
        for (name, _) in &samples[0].timeline {
            let times = samples.iter().filter_map(|s| {
                let (_, at) = s.timeline.iter().find(|(n, _)| n == name)?;
                Some(millis(*at))
            });
            points.push((median(times), name));
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (at, name) in points {
            println!("  {at:>7.0}  {name}");
        }
    }
    let late = samples[1].iter().filter(|s| s.late).count();
    if late > 0 {
        println!(
            "\nwarning: in {late} of {RUNS} launches the calendar was drawn before the observer \
             arrived, without the page's mark of it; their start is the page's load event, not \
             the calendar's"
        );
    }
    println!(
        "\nmethod: release builds, one Xvfb display and private D-Bus session, a home \
         each; launched by WebKitWebDriver, as tauri-driver does.\n\
         start: from the new-session request to the first moment the page holds the \
         ready element, by the page's clock (the bare window's element is in its static \
         page: there, the page's load event). WebDriver's share is in both: it adds \
         nothing to the difference and pulls the ratio towards 1.\n\
         memory: PSS summed over the launched process and all its descendants, {} s \
         after ready.",
        IDLE.as_secs()
    );
}

/// Launches `subject` through a WebKitWebDriver of its own, waits until it is ready,
/// lets it idle, reads its memory, and stops it with all its processes.
fn launch(desktop: &Desktop, subject: &Subject, data: &Path, log: &Path) -> anyhow::Result<Sample> {
    let log = File::options().create(true).append(true).open(log)?;
    let port = free_port()?;
    let driver = ProcessGroup(
        Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            .envs(desktop.env(&subject.home, data))
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            // What tauri-driver sets: Tauri lets WebDriver automate its webview.
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .stdout(log.try_clone()?)
            .stderr(log)
            // Its own process group, so the app and WebKit's processes stop with it.
            .process_group(0)
            .spawn()
            .context("starting WebKitWebDriver (from webkit2gtk-driver)")?,
    );
    let webdriver = WebDriver { port };
    eventually("WebKitWebDriver to listen", || {
        webdriver.send("GET", "/status", None).ok()
    })?;

    let asked = SystemTime::now().duration_since(UNIX_EPOCH)?;
    let options = json!({ "binary": subject.binary, "args": [] });
    let capabilities = json!({ "alwaysMatch": { "webkitgtk:browserOptions": options } });
    let session = webdriver.send(
        "POST",
        "/session",
        Some(&json!({ "capabilities": capabilities })),
    )?;
    let id = session["sessionId"].as_str().context("no session id")?;
    let seen = webdriver.send(
        "POST",
        &format!("/session/{id}/execute/async"),
        Some(&json!({ "script": FIRST_SEEN, "args": [subject.selector] })),
    )?;
    let at = seen["at"].as_f64().context("no time from the page")?;
    let since_asked = |at: f64| {
        Duration::from_secs_f64(at / 1000.0)
            .checked_sub(asked)
            .context("the page's clock is behind the launch")
    };
    let start = since_asked(at)?;
    let points = webdriver.send(
        "POST",
        &format!("/session/{id}/execute/sync"),
        Some(&json!({ "script": TIMELINE, "args": [] })),
    )?;
    let mut timeline: Vec<(String, Duration)> = Vec::new();
    for point in points.as_array().context("no timeline from the page")? {
        let (Some(name), Some(at)) = (point[0].as_str(), point[1].as_f64()) else {
            bail!("a malformed timeline point: {point}");
        };
        let seen = timeline
            .iter()
            .filter(|(n, _)| n.split('#').next() == Some(name));
        let name = match seen.count() {
            0 => name.to_owned(),
            n => format!("{name}#{}", n + 1),
        };
        timeline.push((name, since_asked(at)?));
    }

    sleep(IDLE);
    let tree = processes_under(driver.0.id());
    let binary = fs::canonicalize(&subject.binary)?;
    let app = tree
        .iter()
        .copied()
        .find(|pid| fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .with_context(|| format!("no {} process under WebKitWebDriver", subject.label))?;
    let app_tree = processes_under(app);
    let processes = app_tree
        .iter()
        .filter_map(|&pid| Some((name(pid)?, pss_kib(pid)?)))
        .collect();
    drop(driver);
    stop(&app_tree)?;
    Ok(Sample {
        start,
        late: seen["late"].as_bool().unwrap_or(false),
        processes,
        timeline,
    })
}

/// Kills whatever of `pids` outlived its process group, and waits until all are gone, so
/// that the next launch starts alone (Majlis hands over to a running instance).
fn stop(pids: &[u32]) -> anyhow::Result<()> {
    // A zombie is gone for this purpose: it holds no memory and no bus name.
    let alive = |pid: &&u32| {
        fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            stat.rsplit_once(") ")
                .is_some_and(|(_, s)| !s.starts_with('Z'))
        })
    };
    for pid in pids.iter().filter(alive) {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    eventually("the launched processes to exit", || {
        (!pids.iter().any(|pid| alive(&pid))).then_some(())
    })
}

/// A W3C WebDriver remote end on a local port, spoken to in HTTP/1.0: one request per
/// connection, and the response ends when the connection closes.
struct WebDriver {
    port: u16,
}

impl WebDriver {
    /// Sends a command and returns its `value`, or fails with the remote end's error.
    fn send(&self, method: &str, path: &str, body: Option<&Value>) -> anyhow::Result<Value> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(DEADLINE))?;
        let body = body.map(Value::to_string).unwrap_or_default();
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        let (head, body) = response
            .split_once("\r\n\r\n")
            .context("a malformed HTTP response")?;
        let value = serde_json::from_str::<Value>(body)
            .with_context(|| format!("{method} {path}: not JSON: {body}"))?["value"]
            .take();
        if head.split(' ').nth(1) != Some("200") {
            bail!("{method} {path}: {value}");
        }
        Ok(value)
    }
}

/// An X display and a session bus shared by every launch; both stop when it drops.
struct Desktop {
    display: String,
    bus: String,
    children: Vec<Child>,
}

impl Desktop {
    /// Starts Xvfb on a free display and a session bus with no service directories, so
    /// nothing (accessibility, portals) starts behind the launches' backs, as in the
    /// end-to-end tests.
    fn start(work: &Path) -> anyhow::Result<Self> {
        let mut children = Vec::new();
        // -displayfd 1: Xvfb picks a free display and prints its number on stdout.
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1280x860x24"])
            .args(["-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting Xvfb")?;
        let display = format!(":{}", first_line(&mut xvfb)?);
        children.push(xvfb);

        let config = work.join("bus.conf");
        fs::write(
            &config,
            format!(
                "<busconfig><type>session</type><listen>unix:dir={}</listen>\
                 <auth>EXTERNAL</auth><policy context=\"default\">\
                 <allow send_destination=\"*\"/><allow receive_sender=\"*\"/>\
                 <allow own=\"*\"/></policy></busconfig>",
                work.display()
            ),
        )?;
        let mut dbus = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1"])
            .arg(format!("--config-file={}", config.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting dbus-daemon")?;
        let bus = first_line(&mut dbus)?;
        children.push(dbus);
        Ok(Self {
            display,
            bus,
            children,
        })
    }

    /// The environment of a launch: this desktop, a home of its own, the data directory,
    /// and the brand's time zone, so that the calendar opens on the brand's month.
    fn env(&self, home: &Path, data: &Path) -> Vec<(&'static str, OsString)> {
        vec![
            ("DISPLAY", self.display.clone().into()),
            ("DBUS_SESSION_BUS_ADDRESS", self.bus.clone().into()),
            ("HOME", home.into()),
            ("XDG_DATA_HOME", home.join(".local/share").into()),
            ("XDG_CONFIG_HOME", home.join(".config").into()),
            ("XDG_CACHE_HOME", home.join(".cache").into()),
            ("MAJLIS_DATA_DIR", data.into()),
            ("TZ", "Asia/Riyadh".into()),
            ("LANG", "C.UTF-8".into()),
        ]
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

/// A child in a process group of its own, killed with the whole group on drop, even
/// when a launch fails half-way.
struct ProcessGroup(Child);

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.wait();
    }
}

/// Creates the sample brand in `data` and imports [`POSTS`] posts for its X channel.
fn prepare(cli: &Path, data: &Path, work: &Path) -> anyhow::Result<()> {
    let majlis = |args: &[&str]| {
        checked(
            Command::new(cli)
                .arg("--data-dir")
                .arg(data)
                .args(args)
                .stdout(Stdio::null()),
        )
    };
    majlis(&["sample", "--language", "en"])?;
    let csv = work.join("posts.csv");
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    fs::write(&csv, posts_csv(i64::try_from(now)?))?;
    majlis(&[
        "import",
        "posts",
        "--brand",
        "Rayyan Bakery",
        "--channel",
        "Bakery on X",
        "--format",
        "hootsuite",
        &csv.to_string_lossy(),
    ])
}

/// [`POSTS`] rows in Hootsuite's layout (`dd/mm/yyyy hh:mm,text`, Riyadh time), evenly
/// spaced: [`THIS_MONTH`] from an hour from now to the end of this month (or over the
/// next day, when the month ends sooner), the rest over the 365 days after.
fn posts_csv(now: i64) -> String {
    const TEXTS: [&str; 4] = [
        "Fresh sourdough out of the oven at 7, come early",
        "خبز التميس الطازج جاهز الآن 🍞",
        "Tell us your favourite pastry in the comments 🥐",
        "تعرّفوا على فريق الخبازين لدينا",
    ];
    let local_now = now + RIYADH_OFFSET;
    let (year, month, _) = civil_from_days(local_now.div_euclid(DAY));
    let (year, month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let month_end = days_from_civil(year, month, 1) * DAY;
    let first = local_now + 3600;
    let soon = (month_end.max(first + DAY) - first) / THIS_MONTH;
    let later = 365 * DAY / (POSTS - THIS_MONTH);
    (0..POSTS)
        .map(|i| {
            let at = if i < THIS_MONTH {
                first + i * soon
            } else {
                month_end + (i - THIS_MONTH) * later
            };
            let (y, m, d) = civil_from_days(at.div_euclid(DAY));
            let minute = at.rem_euclid(DAY) / 60;
            let text = TEXTS[i.rem_euclid(4) as usize];
            format!(
                "{d:02}/{m:02}/{y} {:02}:{:02},\"{text} ({})\"\n",
                minute / 60,
                minute % 60,
                i + 1
            )
        })
        .collect()
}

/// The (year, month, day) of a day counted from 1970-01-01, in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The inverse of [`civil_from_days`] (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `root` and every process under it, from the parent links in `/proc`.
fn processes_under(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        // The parent is the second field after the name, which may hold spaces and ')'.
        let stat = fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse().ok());
        if let Some(parent) = parent {
            children.entry(parent).or_default().push(pid);
        }
    }
    let mut tree = vec![root];
    let mut next = 0;
    while let Some(&pid) = tree.get(next) {
        tree.extend(children.get(&pid).into_iter().flatten());
        next += 1;
    }
    tree
}

/// A process's executable's file name (not its `comm`, cut at 15 bytes), or `None` once
/// it is gone.
fn name(pid: u32) -> Option<String> {
    let exe = fs::read_link(format!("/proc/{pid}/exe")).ok()?;
    Some(exe.file_name()?.to_string_lossy().into_owned())
}

/// A process's proportional set size in KiB, or `None` once it is gone.
fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Polls `check` until it returns `Some`, or fails naming `what` after [`DEADLINE`].
fn eventually<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> anyhow::Result<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = check() {
            return Ok(value);
        }
        ensure!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        sleep(Duration::from_millis(20));
    }
}

/// The first line a child prints on stdout, trimmed.
fn first_line(child: &mut Child) -> anyhow::Result<String> {
    let mut line = String::new();
    BufReader::new(child.stdout.take().context("no stdout")?).read_line(&mut line)?;
    ensure!(!line.trim().is_empty(), "{child:?} printed nothing");
    Ok(line.trim().to_owned())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip_across_leap_days_and_years() {
        for (days, date) in [
            (0, (1970, 1, 1)),
            (19_782, (2024, 2, 29)),
            (20_788, (2026, 12, 1)),
            (20_877, (2027, 2, 28)),
            (22_339, (2031, 3, 1)),
        ] {
            assert_eq!(civil_from_days(days), date);
            assert_eq!(days_from_civil(date.0, date.1, date.2), days);
        }
    }
}
