//! A Mastodon peer: `mastodon_mock` from PyPI, an independent, stateful fake of the
//! Mastodon REST API (FastAPI on SQLite), written against Mastodon.py and the
//! reverse-engineered OpenAPI schema rather than by us, with a fault-injection
//! control plane of its own. There is no real Mastodon to run offline (Rails,
//! PostgreSQL, Redis, Sidekiq and a web server), so this is the nearest thing.
//!
//! It is driven by `mastodon/serve.py`, which binds 127.0.0.1 itself, announces
//! the URL on stdout and stops when its stdin closes. The Python environment
//! installs itself on first use. By hand, from a clean clone:
//! `cd tests/peers/mastodon && python3 -m venv .venv &&
//! .venv/bin/pip install -r requirements.txt`, then
//! `.venv/bin/python serve.py --data-dir "$(mktemp -d)"`.
//!
//! Where it differs from a real Mastodon 4.x (found reading it, version 0.6.1):
//! - Accounts are made through its own `POST /api/v1/_mock/dev_user`, tokens are
//!   opaque strings tied to an account, and scopes are not checked. Every run also
//!   has a seeded account `testuser` with the token `mock_token`.
//! - The status length limit is a plain count of Unicode scalar values against 500:
//!   links do not count as 23 characters, nor `@user@domain` as `@user`.
//! - `POST /api/v2/media` answers 200 with `url` set at once, never 202 with
//!   `url: null` for processing; the file's type is not checked and nothing is
//!   resized.
//! - Statuses' `content` is the text in `<p>` with bare URLs made links, but
//!   mentions and hashtags left as text, and `**bold**`, `*italic*`, `` `code` ``
//!   and `~~strike~~` rendered (Mastodon does neither); `uri` is the same web URL
//!   as `url` (not `/users/NAME/statuses/ID`).
//! - An `Idempotency-Key` is kept per account forever (Mastodon: one hour), and a
//!   repeat answers the first status even when the body differs (as Mastodon does).
//! - Nothing federates: `@user@elsewhere` is no mention of anyone, and neither is
//!   `@bob@127.0.0.1:PORT` for the local `bob`: mention local accounts as `@bob`.

use std::fs;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::{Guard, answer, install_once, ready_line};

/// How long the server may take to answer: about 1 s here (Python importing
/// FastAPI and SQLAlchemy, then making its tables), more on a busy CI machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// An account on the mock, with a token to act as it.
#[derive(Debug, Clone)]
pub struct MastodonAccount {
    /// Its id, a string of digits as Mastodon's are.
    pub id: String,
    /// The username it was created with, e.g. `alice` (`acct` too: it is local).
    pub username: String,
    /// A bearer token for it (`Authorization: Bearer ...`), with every scope.
    pub token: String,
}

/// A running `mastodon_mock`. Dropping it stops the server and deletes its data.
///
/// Each has its own free port on 127.0.0.1 and its own SQLite file, so tests can run
/// in parallel, each with its own server, starting empty (but for `testuser`).
pub struct Mastodon {
    /// `http://127.0.0.1:PORT`: the instance's base URL, as a client is given it.
    pub url: String,
    http: ureq::Agent,
    /// Dropped in this order: the server, then its files. (Held only to be dropped.)
    _server: Guard,
    _dir: TempDir,
}

impl std::fmt::Debug for Mastodon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mastodon")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Mastodon {
    /// Starts a server and waits until it answers. Blocks: about 1 s here (2 to 3 s
    /// when two tests start one at once on two cores), plus about 15 s the first
    /// time in a checkout, to make `mastodon/.venv` and install `requirements.txt`
    /// into it from PyPI.
    ///
    /// Needs `python3` (CPython 3.10 or newer, with its `venv` module).
    pub fn start() -> Result<Self> {
        let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("mastodon");
        ensure_installed(&project)?;

        let dir = tempfile::Builder::new()
            .prefix("majlis-mastodon-")
            .tempdir()
            .context("creating a temporary directory")?;
        // stdin stays open while we live: serve.py stops when it closes, so even a
        // test process killed outright does not leave the server behind.
        let mut child = Command::new(project.join(".venv/bin/python"))
            .arg(project.join("serve.py"))
            .arg("--data-dir")
            .arg(dir.path())
            .current_dir(dir.path())
            // Only the venv's packages, whatever the environment says.
            .env_remove("PYTHONPATH")
            .env_remove("PYTHONHOME")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("running mastodon/serve.py")?;
        let stdout = child.stdout.take().context("serve.py has no stdout")?;
        let mut server = Guard::new("mastodon_mock", child, "TERM", Duration::from_secs(10));
        let ready = ready_line(stdout, &mut server, "serve.py", "url", START_TIMEOUT)?;
        let url = ready["url"]
            .as_str()
            .context("serve.py's ready line has no url")?
            .to_owned();
        Ok(Self {
            url,
            http: ureq::Agent::config_builder()
                .http_status_as_error(false)
                // Never through a proxy from the environment: everything is local.
                .proxy(None)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .new_agent(),
            _server: server,
            _dir: dir,
        })
    }

    /// Creates a local account with the mock's own `POST /api/v1/_mock/dev_user`
    /// (there is no sign-up to go through) and returns it with a fresh token.
    /// `username` must be unique on this server: letters, digits and `_`, as on
    /// Mastodon, for mentions of it to be found.
    pub fn create_account(&self, username: &str) -> Result<MastodonAccount> {
        let created = self
            .post_json(
                "/api/v1/_mock/dev_user",
                None,
                &json!({ "username": username }),
            )
            .with_context(|| format!("creating the account {username}"))?;
        let field = |key: &str| {
            created
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .with_context(|| format!("dev_user answered without {key}: {created}"))
        };
        Ok(MastodonAccount {
            id: field("id")?,
            username: field("username")?,
            token: field("access_token")?,
        })
    }

    /// Adds a fault rule (`POST /api/v1/_mock/faults`) and returns its id (`r1`,
    /// `r2`, ...). Rules are tried in the order they were added; the first that
    /// matches a request applies, and the request never reaches the API. The
    /// control plane (`/api/v1/_mock/*`) is never faulted, everything else can be,
    /// the helpers here ([`Mastodon::statuses`], ...) included.
    pub fn inject_fault(&self, fault: &MastodonFault) -> Result<String> {
        let rule = self.post_json("/api/v1/_mock/faults", None, &fault.to_json())?;
        rule.get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .with_context(|| format!("the mock answered a fault without an id: {rule}"))
    }

    /// The fault rules still active, in the mock's shape:
    /// `{"id", "match": {...}, "effect": {...}, "remaining"}`, where `remaining`
    /// is how many more times it fires (`null`: always). A rule is gone once spent.
    pub fn faults(&self) -> Result<Vec<Value>> {
        array(self.get("/api/v1/_mock/faults", None)?)
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) -> Result<()> {
        let request = self
            .http
            .delete(format!("{}/api/v1/_mock/faults", self.url));
        answer("DELETE /api/v1/_mock/faults", request.call()).map(drop)
    }

    /// Drops everything (accounts, statuses, media, tokens, faults) and re-seeds
    /// `testuser`, as a fresh server would start (`POST /api/v1/_mock/reset`).
    pub fn reset(&self) -> Result<()> {
        self.post_json("/api/v1/_mock/reset", None, &json!({}))
            .map(drop)
    }

    /// Every status `account` has posted, newest first, as the API shows them to
    /// `account` itself (`GET /api/v1/accounts/:id/statuses`, all pages), so
    /// private and direct ones are there too. Scheduled statuses are not.
    pub fn statuses(&self, account: &MastodonAccount) -> Result<Vec<Value>> {
        self.all_pages(
            &format!("/api/v1/accounts/{}/statuses", account.id),
            &account.token,
        )
    }

    /// Every notification of `account` (mentions, replies are mentions too,
    /// favourites, follows...), newest first (`GET /api/v1/notifications`, all
    /// pages).
    pub fn notifications(&self, account: &MastodonAccount) -> Result<Vec<Value>> {
        self.all_pages("/api/v1/notifications", &account.token)
    }

    /// `GET {url}{path}` (the path may carry a query) and its JSON answer. An error
    /// status is an error, with the body in it.
    pub fn get(&self, path: &str, token: Option<&str>) -> Result<Value> {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        answer(&format!("GET {path}"), request.call())
    }

    /// `POST {url}{path}` with a JSON body, and its JSON answer. An error status is
    /// an error, with the body in it.
    pub fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Result<Value> {
        let mut request = self.http.post(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        answer(&format!("POST {path}"), request.send_json(body))
    }

    /// What a person does on the instance's sign-in page that an app opened
    /// (`authorize_url`, `/oauth/authorize?client_id=…`): picks `username`, and the
    /// browser follows the redirect back to the app's `redirect_uri`.
    pub fn approve(&self, authorize_url: &str, username: &str) -> Result<()> {
        let query = authorize_url
            .split_once('?')
            .map(|(_, q)| q)
            .context("a sign-in address without a query")?;
        let mut form: Vec<(String, String)> = vec![("username".into(), username.into())];
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if ["client_id", "redirect_uri", "scope", "state"].contains(&key) {
                form.push((key.to_owned(), percent_decode(value)));
            }
        }
        let response = self
            .http
            .post(format!("{}/oauth/authorize", self.url))
            .send_form(form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .context("POST /oauth/authorize")?;
        anyhow::ensure!(
            response.status().is_success(),
            "the sign-in ended with {}",
            response.status()
        );
        Ok(())
    }

    /// Follows `max_id` back through a list endpoint (40 at a time, the mock's
    /// most) until a page comes back empty.
    fn all_pages(&self, path: &str, token: &str) -> Result<Vec<Value>> {
        let mut all: Vec<Value> = Vec::new();
        loop {
            let mut query = format!("{path}?limit=40");
            if let Some(last) = all.last() {
                let id = last["id"]
                    .as_str()
                    .with_context(|| format!("an item of {path} without an id: {last}"))?;
                query.push_str("&max_id=");
                query.push_str(id);
            }
            let page = array(self.get(&query, Some(token))?)?;
            if page.is_empty() {
                return Ok(all);
            }
            all.extend(page);
        }
    }
}

/// A fault rule for [`Mastodon::inject_fault`], as the mock takes it:
/// `{"match": {"methods", "path" | "path_regex"}, "effect": {"type", "status",
/// "headers", "body", "delay_ms", "truncate"}, "count"}`.
///
/// ```no_run
/// # fn main() -> anyhow::Result<()> {
/// # let server = majlis_peers::Mastodon::start()?;
/// use majlis_peers::MastodonFault;
/// // The next POST /api/v1/statuses answers 429 with `Retry-After: 2`, once.
/// server.inject_fault(&MastodonFault::rate_limit("/api/v1/statuses", 2).method("POST").times(1))?;
/// // Every status' context answers 503, until cleared.
/// server.inject_fault(&MastodonFault::status("/api/v1/statuses/*/context", 503))?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct MastodonFault {
    methods: Vec<String>,
    path: String,
    path_regex: Option<String>,
    effect: &'static str,
    status: Option<u16>,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    delay_ms: u64,
    count: Option<u32>,
}

impl MastodonFault {
    fn new(path: &str, effect: &'static str) -> Self {
        Self {
            methods: Vec::new(),
            path: path.to_owned(),
            path_regex: None,
            effect,
            status: None,
            headers: Vec::new(),
            body: None,
            delay_ms: 0,
            count: None,
        }
    }

    /// Answers `status` instead, with a Mastodon-shaped body (`{"error": "..."}`,
    /// e.g. "Service temporarily unavailable" for 503) unless [`MastodonFault::body`] says
    /// otherwise. No extra headers: with 429, add `Retry-After` with
    /// [`MastodonFault::header`], or use [`MastodonFault::rate_limit`].
    ///
    /// `path` is the request's path without the query: matched exactly, or as a
    /// shell glob when it has a `*` (which crosses `/` too; `*` alone matches every
    /// request).
    pub fn status(path: &str, status: u16) -> Self {
        Self {
            status: Some(status),
            ..Self::new(path, "status")
        }
    }

    /// Answers 429 `{"error": "Too many requests"}` with `Retry-After:
    /// retry_after_secs`, `X-RateLimit-Limit: 300`, `X-RateLimit-Remaining: 0` and
    /// `X-RateLimit-Reset` (now + 300 s, as epoch seconds: the mock's format, where
    /// Mastodon sends an ISO 8601 time). `path` as in [`MastodonFault::status`].
    pub fn rate_limit(path: &str, retry_after_secs: u32) -> Self {
        Self::new(path, "ratelimit").header("Retry-After", &retry_after_secs.to_string())
    }

    /// Answers normally, but only after `delay`. `path` as in [`MastodonFault::status`].
    pub fn latency(path: &str, delay: Duration) -> Self {
        Self::new(path, "latency").delay(delay)
    }

    /// Answers 200 with a body that is not JSON: `{"error": "truncated`. `path` as in
    /// [`MastodonFault::status`].
    pub fn malformed(path: &str) -> Self {
        Self::new(path, "malformed")
    }

    /// Holds the request for 30 s (or [`MastodonFault::delay`], if longer) and then answers
    /// it normally: for a client's own timeout. `path` as in [`MastodonFault::status`].
    pub fn timeout(path: &str) -> Self {
        Self::new(path, "timeout")
    }

    /// Matches only this HTTP method (call again for more); any method if never
    /// called.
    pub fn method(mut self, method: &str) -> Self {
        self.methods.push(method.to_ascii_uppercase());
        self
    }

    /// Matches paths by a Python regular expression found anywhere in the path
    /// (`re.search`) instead of by the path given. Anchor it with `^...$`.
    pub fn path_regex(mut self, regex: &str) -> Self {
        self.path_regex = Some(regex.to_owned());
        self
    }

    /// Fires for the next `count` matching requests only, then the rule is removed;
    /// without it, it fires until cleared.
    pub fn times(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }

    /// Adds a header to the fault's answer (not for [`MastodonFault::latency`] and
    /// [`MastodonFault::timeout`], whose answer is the API's own).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The JSON body of a [`MastodonFault::status`] or [`MastodonFault::rate_limit`] answer.
    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Waits this long before any effect.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self
    }

    /// The rule as `POST /api/v1/_mock/faults` takes it.
    pub fn to_json(&self) -> Value {
        let mut matching = json!({ "path": self.path });
        if !self.methods.is_empty() {
            matching["methods"] = json!(self.methods);
        }
        if let Some(regex) = &self.path_regex {
            matching["path_regex"] = json!(regex);
        }
        let mut effect = json!({ "type": self.effect, "delay_ms": self.delay_ms });
        if let Some(status) = self.status {
            effect["status"] = json!(status);
        }
        if !self.headers.is_empty() {
            let headers: serde_json::Map<String, Value> = self
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), json!(value)))
                .collect();
            effect["headers"] = Value::Object(headers);
        }
        if let Some(body) = &self.body {
            effect["body"] = body.clone();
        }
        let mut rule = json!({ "match": matching, "effect": effect });
        if let Some(count) = self.count {
            rule["count"] = json!(count);
        }
        rule
    }
}

/// A JSON array's items, or an error saying what came instead.
fn array(value: Value) -> Result<Vec<Value>> {
    match value {
        Value::Array(items) => Ok(items),
        other => bail!("expected a JSON array, got {other}"),
    }
}

/// Makes `mastodon/.venv` and installs `requirements.txt` into it, once per checkout:
/// again only when `requirements.txt` changes (a copy of it in the venv stamps the
/// install as done and current). Test processes running at the same time take turns
/// through a lock file, so only one of them installs.
fn ensure_installed(project: &Path) -> Result<()> {
    let requirements = project.join("requirements.txt");
    let wanted = fs::read(&requirements).context("reading mastodon/requirements.txt")?;
    let venv = project.join(".venv");
    let stamp = venv.join(".majlis-installed");
    install_once(
        project,
        &stamp,
        &wanted,
        "mastodon_mock with pip, about 15 s",
        || {
            // --clear: whatever an older or broken install left goes first.
            run(Command::new("python3")
                .args(["-m", "venv", "--clear"])
                .arg(&venv))
            .context("making the venv (is python3, with its venv module, installed?)")?;
            run(Command::new(venv.join("bin/python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    "--no-input",
                    "--quiet",
                    "--requirement",
                ])
                .arg(&requirements))
            .context("installing mastodon/requirements.txt")?;
            fs::write(&stamp, &wanted).context("stamping the venv")
        },
    )
}

/// Runs an install step with its chatter on stderr (test output is on stdout).
fn run(command: &mut Command) -> Result<()> {
    let status = command
        .stdin(Stdio::null())
        .stdout(io::stderr())
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONHOME")
        .status()
        .with_context(|| format!("running {command:?}"))?;
    ensure!(status.success(), "{command:?} failed: {status}");
    Ok(())
}

/// `%XX` and `+` in a query value, decoded.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 3;
                    }
                    Err(_) => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
