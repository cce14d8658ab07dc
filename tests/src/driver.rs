//! The app under test: launched by tauri-driver in a [`Desktop`], driven by fantoccini.

use std::ffi::OsString;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};

use anyhow::Context;
use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MOUSE_BUTTON_LEFT, MouseActions, PointerAction,
};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::time::Duration;

use crate::{DEADLINE, Desktop, binary, eventually, target_dir};

/// A running Majlis with its own data directory, home and desktop.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    /// The app's data directory (`MAJLIS_DATA_DIR`), shared with the CLI in tests.
    pub data_dir: PathBuf,
    /// The private desktop it runs in.
    pub desktop: Desktop,
    /// The environment the app was launched with.
    env: Vec<(&'static str, OsString)>,
    _driver: ProcessGroup,
    // Dropped last: holds the data directory, home and bus socket.
    root: tempfile::TempDir,
}

impl App {
    /// Starts a desktop and launches the app in it, in the time zone `tz`. The app's
    /// log (and tauri-driver's) goes to `target/e2e-logs/NAME.log`.
    pub async fn launch(name: &str, tz: &str) -> anyhow::Result<Self> {
        Self::launch_with(name, tz, &[]).await
    }

    /// [`App::launch`] with more of the desktop's environment (its locale, say).
    pub async fn launch_with(
        name: &str,
        tz: &str,
        more: &[(&'static str, &str)],
    ) -> anyhow::Result<Self> {
        let root = tempfile::tempdir()?;
        let desktop = Desktop::start(root.path()).await?;
        let data_dir = root.path().join("data");
        let home = root.path().join("home");
        std::fs::create_dir_all(&home)?;
        let port = free_port()?;
        let logs = target_dir().join("e2e-logs");
        std::fs::create_dir_all(&logs)?;
        let log = std::fs::File::create(logs.join(format!("{name}.log")))?;
        // Links the app opens land in a file instead of a browser.
        let browser = root.path().join("browser");
        std::fs::write(
            &browser,
            format!(
                "#!/bin/sh\necho \"$1\" >> '{}'\n",
                root.path().join("opened").display()
            ),
        )?;
        std::fs::set_permissions(
            &browser,
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )?;
        let env: Vec<(&'static str, OsString)> = vec![
            ("BROWSER", browser.into()),
            ("DISPLAY", desktop.display.clone().into()),
            ("DBUS_SESSION_BUS_ADDRESS", desktop.bus.clone().into()),
            ("MAJLIS_DATA_DIR", data_dir.clone().into()),
            ("HOME", home.clone().into()),
            ("XDG_DATA_HOME", home.join(".local/share").into()),
            ("XDG_CONFIG_HOME", home.join(".config").into()),
            ("XDG_CACHE_HOME", home.join(".cache").into()),
            ("TZ", tz.into()),
            ("LANG", "C.UTF-8".into()),
        ];
        let env: Vec<(&'static str, OsString)> = env
            .into_iter()
            .filter(|(name, _)| more.iter().all(|(n, _)| n != name))
            .chain(more.iter().map(|(name, value)| (*name, (*value).into())))
            .collect();
        let driver = ProcessGroup(
            Command::new(tauri_driver())
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &free_port()?.to_string(),
                ])
                // The desktop's own locale stays out: only what a test asks for counts.
                .env_remove("LANGUAGE")
                .env_remove("LC_ALL")
                .env_remove("LC_TIME")
                .envs(env.iter().map(|(k, v)| (k, v)))
                .stdout(log.try_clone()?)
                .stderr(log)
                // Its own process group, so WebKitWebDriver and the app stop with it.
                .process_group(0)
                .spawn()
                .context("starting tauri-driver (cargo xtask test installs it)")?,
        );
        let url = format!("http://127.0.0.1:{port}");
        let application = binary("majlis-app", "MAJLIS_APP_BIN");
        anyhow::ensure!(
            application.exists(),
            "{} is not built: run `cargo xtask test`",
            application.display()
        );
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": application }),
        );
        let client = eventually("tauri-driver to start a session", || {
            let capabilities = capabilities.clone();
            let url = url.clone();
            async move {
                match ClientBuilder::native()
                    .capabilities(capabilities)
                    .connect(&url)
                    .await
                {
                    Ok(client) => Ok(Some(client)),
                    Err(fantoccini::error::NewSessionError::Lost(_)) => Ok(None),
                    // Not listening yet, or listening before its WebKitWebDriver is up
                    // (it drops the request): ask again.
                    Err(e)
                        if e.to_string().contains("connect")
                            || e.to_string().contains("did not respond") =>
                    {
                        Ok(None)
                    }
                    Err(e) => Err(e.into()),
                }
            }
        })
        .await?;
        Ok(Self {
            client,
            data_dir,
            desktop,
            env,
            _driver: driver,
            root,
        })
    }

    /// Waits for a visible element matching the CSS `selector`.
    pub async fn find(&self, selector: &str) -> anyhow::Result<fantoccini::elements::Element> {
        let found = self
            .client
            .wait()
            .at_most(DEADLINE)
            .for_element(Locator::Css(selector))
            .await
            .with_context(|| format!("no {selector} on screen"));
        self.explained(found, "failed-find").await
    }

    /// A failed wait, with a screenshot of the window: what it showed instead is the
    /// first thing anyone debugging asks.
    async fn explained<T>(&self, waited: anyhow::Result<T>, name: &str) -> anyhow::Result<T> {
        match waited {
            Ok(value) => Ok(value),
            Err(e) => {
                let shot = self.screenshot(name).await;
                Err(e.context(format!("the window as it was: {shot:?}")))
            }
        }
    }

    /// Clicks the element matching `xpath`, finding it again if the page redrew it
    /// between finding and clicking (lists that refresh after a change do).
    pub async fn click_xpath(&self, xpath: &str) -> anyhow::Result<()> {
        let clicked = eventually(&format!("a click on {xpath}"), || async {
            let Ok(element) = self.client.find(Locator::XPath(xpath)).await else {
                return Ok(None);
            };
            // WebKitWebDriver does not scroll an element at the edge of a scrolled
            // panel (the queue) fully into view before clicking it.
            // The page may have redrawn it since: then find it again.
            let arg = serde_json::to_value(&element)?;
            let scroll = "arguments[0].scrollIntoView({ block: 'center' })";
            if self.client.execute(scroll, vec![arg]).await.is_err() {
                return Ok(None);
            }
            Ok(element.click().await.ok())
        })
        .await;
        self.explained(clicked, "failed-click").await
    }

    /// Waits for a button whose text is `text`, and clicks it.
    pub async fn click_button(&self, text: &str) -> anyhow::Result<()> {
        // Buttons inside closed dialogs are in the page but not on screen; a disabled one
        // is waited for, as a person waits for it (e.g. while a chosen file is read).
        let xpath = format!(
            "//button[normalize-space(.)='{text}'][not(@disabled)][not(ancestor::dialog[not(@open)])]"
        );
        let button = self
            .client
            .wait()
            .at_most(DEADLINE)
            .for_element(Locator::XPath(&xpath))
            .await
            .with_context(|| format!("no button \"{text}\""))?;
        button.click().await?;
        Ok(())
    }

    /// Starts on "Try with a sample brand" and waits for its calendar's posts: where
    /// most tests begin.
    pub async fn open_sample(&self) -> anyhow::Result<()> {
        self.click_button("Try with a sample brand").await?;
        self.find(".ec-event [data-post]").await?;
        Ok(())
    }

    /// From the first-run screen: switches to Arabic, opens the Arabic sample brand and
    /// waits for its calendar to show posts.
    pub async fn open_arabic_sample(&self) -> anyhow::Result<()> {
        self.click_button("العربية").await?;
        self.click_button("جرّب بعلامة تجارية نموذجية").await?;
        self.find(".ec-event [data-post]").await?;
        Ok(())
    }

    /// Presses `key` alone on the real keyboard, with nothing focused (a view's own
    /// single-key commands, like the inbox's j and k).
    pub async fn press(&self, key: char) -> anyhow::Result<()> {
        self.eval("document.activeElement?.blur()").await?;
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// Presses `key` with Ctrl held, as a keyboard shortcut.
    pub async fn press_ctrl(&self, key: char) -> anyhow::Result<()> {
        let control = char::from(Key::Control);
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: control });
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// Drags `from` and drops it on `to`, with the pointer, as a person would.
    pub async fn drag(&self, from: &Element, to: &Element) -> anyhow::Result<()> {
        let steps = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element: from.clone(),
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(150)),
                x: 8.0,
                y: 8.0,
            })
            .then(PointerAction::MoveToElement {
                element: to.clone(),
                duration: Some(Duration::from_millis(300)),
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client.perform_actions(steps).await?;
        self.client.release_actions().await?;
        Ok(())
    }

    /// Waits until the page's rendered text (`innerText`) contains `text`. (WebDriver's
    /// own element text leaves out text its visibility heuristic misjudges, such as
    /// ellipsised titles in flex rows.)
    pub async fn sees(&self, text: &str) -> anyhow::Result<()> {
        let seen = eventually(&format!("\"{text}\" on screen"), || async {
            let body = self.eval("return document.body.innerText").await?;
            Ok(body
                .as_str()
                .is_some_and(|b| b.contains(text))
                .then_some(()))
        })
        .await;
        self.explained(seen, "failed-sees").await
    }

    /// Waits until nothing in the page matches `selector` (a banner or a line that goes
    /// away once the app has re-read the store, which it does after its notice shows).
    pub async fn sees_none(&self, selector: &str) -> anyhow::Result<()> {
        let script = format!(
            "return document.querySelector({}) === null",
            serde_json::to_string(selector)?
        );
        let gone = eventually(&format!("no {selector} on screen"), || async {
            Ok((self.eval(&script).await? == true).then_some(()))
        })
        .await;
        self.explained(gone, "failed-sees-none").await
    }

    /// Reads the window afresh, as at the next start (showing what other processes
    /// wrote meanwhile), and waits until the new page has `ready` (a CSS selector).
    pub async fn reload(&self, ready: &str) -> anyhow::Result<()> {
        self.eval("window.beforeReload = true; setTimeout(() => location.reload(), 0)")
            .await?;
        let script = format!(
            "return window.beforeReload === undefined && document.querySelector({}) !== null",
            serde_json::to_string(ready)?
        );
        let fresh = eventually("the window read afresh", || async {
            // Asked while the page is being replaced, WebDriver may answer with an
            // error: ask again.
            let fresh = self.eval(&script).await;
            Ok(fresh.is_ok_and(|fresh| fresh == true).then_some(()))
        })
        .await;
        self.explained(fresh, "failed-reload").await
    }

    /// The file the "Saved “…” in Downloads" notice of an export names, in the app's
    /// Downloads folder (reading it there shows the export went where it says).
    pub async fn saved_path(&self) -> anyhow::Result<PathBuf> {
        self.sees(" in Downloads").await?;
        let notice = self
            .eval("return document.querySelector('.notice').innerText")
            .await?;
        let text = notice.as_str().unwrap_or_default();
        let name = text
            .split_once("Saved “")
            .and_then(|(_, rest)| rest.split_once("” in Downloads"))
            .map(|(name, _)| name)
            .unwrap_or_default();
        Ok(self.root.path().join("home/Downloads").join(name))
    }

    /// The web addresses the app asked the system to open, in order.
    pub fn opened_links(&self) -> Vec<String> {
        std::fs::read_to_string(self.root.path().join("opened"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Evaluates `script` (a function body) in the page.
    pub async fn eval(&self, script: &str) -> anyhow::Result<serde_json::Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Saves a screenshot of the window to `target/e2e-shots/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> anyhow::Result<PathBuf> {
        let dir = target_dir().join("e2e-shots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        // WebKit captures the last painted frame: let the latest changes paint first.
        let painted = "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));";
        self.client.execute_async(painted, vec![]).await?;
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }

    /// Launches the app binary again in the same desktop, as a person double-clicking
    /// it would, and waits for that second process to exit.
    pub async fn launch_again(&self) -> anyhow::Result<ExitStatus> {
        let mut second = Command::new(binary("majlis-app", "MAJLIS_APP_BIN"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let exited = eventually("the second instance to exit", || {
            let status = second.try_wait();
            async move { Ok(status?) }
        })
        .await;
        if exited.is_err() {
            let _ = second.kill();
        }
        exited
    }

    /// Opens the connection form of the channel named `channel` in Settings → Channels,
    /// its server's address set to `service`.
    pub async fn open_connection(&self, channel: &str, service: &str) -> anyhow::Result<()> {
        self.press_ctrl(',').await?;
        self.find(&format!("[data-channel='{channel}'] button"))
            .await?
            .click()
            .await?;
        let field = self.find("#connect-service").await?;
        field.clear().await?;
        field.send_keys(service).await?;
        Ok(())
    }

    /// Connects the channel named `channel` to `handle` on the Bluesky PDS at `pds`, in
    /// Settings → Channels, as a person would; leaves Settings open.
    pub async fn connect_bluesky(
        &self,
        channel: &str,
        pds: &str,
        handle: &str,
        password: &str,
    ) -> anyhow::Result<()> {
        self.open_connection(channel, pds).await?;
        let field = self.find("#connect-handle").await?;
        field.clear().await?;
        field.send_keys(handle).await?;
        self.find("#connect-secret")
            .await?
            .send_keys(password)
            .await?;
        self.click_button("Test and connect").await?;
        self.sees(&format!("{channel} is connected as @{handle}"))
            .await
    }

    /// Runs the `majlis` CLI on the app's data directory.
    pub fn cli(&self, args: &[&str]) -> anyhow::Result<Output> {
        cli(&self.data_dir, args)
    }

    /// Ends the session and stops the app and its desktop.
    pub async fn quit(self) -> anyhow::Result<()> {
        Ok(self.client.clone().close().await?)
    }
}

/// tauri-driver, and the WebKitWebDriver and app it starts: stopped together on drop,
/// even when a launch fails half-way.
struct ProcessGroup(Child);

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--"])
            .arg(format!("-{}", self.0.id()))
            .status();
        let _ = self.0.wait();
    }
}

/// Runs the `majlis` CLI on `data_dir`.
pub fn cli(data_dir: &Path, args: &[&str]) -> anyhow::Result<Output> {
    let majlis = binary("majlis", "MAJLIS_CLI_BIN");
    Command::new(&majlis)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .with_context(|| format!("running {}", majlis.display()))
}

fn tauri_driver() -> PathBuf {
    std::env::var_os("TAURI_DRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let installed = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
                .map(|cargo| cargo.join("bin/tauri-driver"));
            installed
                .filter(|p| p.exists())
                .unwrap_or_else(|| PathBuf::from("tauri-driver"))
        })
}

/// A port free now and never handed out before in this process: tests run in
/// parallel threads, and the system can give a port just released by one test to the
/// next, whose tauri-driver would then fail to listen while the test talks to the
/// other test's.
fn free_port() -> anyhow::Result<u16> {
    static GIVEN: std::sync::Mutex<std::collections::BTreeSet<u16>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        if GIVEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(port)
        {
            return Ok(port);
        }
    }
}
