//! Connecting a channel to its account: the same steps from Settings and from
//! `majlis channel connect`.

use majlis_core::Store;
use majlis_core::channels::{self, ChannelId, ChannelKind, Endpoint};

use crate::connectors::{self, Account};
use crate::{Error, Result, credentials, messages};

/// Where a connected channel's secret is kept.
#[derive(Clone, Debug)]
pub enum Secret {
    /// This secret, to be kept in the desktop keyring.
    Keep(String),
    /// Read from this environment variable whenever the engine needs it (machines
    /// without a keyring); it must be set now too, to log in.
    Env(String),
}

/// Logs in to `channel`'s account at `service` once, to check, and on success keeps
/// the secret and records the connection. Returns the account's name as the network
/// knows it. Nothing is kept when the log-in fails.
pub async fn connect(
    store: &Store,
    channel: ChannelId,
    service: &str,
    handle: Option<&str>,
    secret: Secret,
) -> Result<String> {
    let known = store.read(|c| channels::get(c, channel))?;
    let language = messages::language(store);
    // A webhook's address carries its token: only its origin is recorded.
    let origin;
    let service = match url::Url::parse(service.trim()) {
        Ok(url) if known.kind == ChannelKind::Webhook => {
            origin = url.origin().ascii_serialization();
            origin.as_str()
        }
        _ => service,
    };
    let (endpoint, value) = match secret {
        Secret::Keep(value) => (Endpoint::parse(service, None)?, value),
        Secret::Env(var) => {
            let value = std::env::var(&var).map_err(|_| {
                Error::Connect(format!(
                    "${var} is not set: set it to the account's secret first"
                ))
            })?;
            (Endpoint::parse(service, Some(var))?, value)
        }
    };
    let value = value.trim().to_owned();
    if value.is_empty() {
        return Err(Error::Connect(messages::empty_secret(language)));
    }
    let handle = handle
        .map(str::to_owned)
        .filter(|h| !h.trim().is_empty())
        .or(known.handle.clone());
    let connector = connectors::open(
        &connectors::http_client(),
        Account {
            kind: known.kind,
            settings: endpoint.settings(),
            handle: handle.clone(),
            secret: value.clone(),
        },
    )
    .map_err(|e| Error::Connect(messages::reason(language, e.reason())))?;
    let name = connector.log_in().await.map_err(|e| {
        Error::Connect(messages::not_logged_in(
            language,
            known.kind,
            &endpoint.service,
            e.reason(),
        ))
    })?;
    let endpoint = Endpoint {
        max_characters: connector.max_characters().await.unwrap_or_default(),
        ..endpoint
    };
    if endpoint.secret_env.is_none() {
        credentials::keep(channel, &value)
            .map_err(|e| Error::Connect(messages::secret(language, &e)))?;
    }
    store.write(|tx| channels::connect(tx, channel, handle.as_deref(), &endpoint))?;
    Ok(name)
}

/// Connects a Mastodon channel by signing in in the browser (`open` shows the
/// instance's sign-in page) instead of pasting an access token; the token it gets is
/// kept in the keyring like a pasted one.
pub async fn sign_in(
    store: &Store,
    channel: ChannelId,
    service: &str,
    open: impl FnOnce(&str) -> Result<(), String>,
) -> Result<String> {
    let known = store.read(|c| channels::get(c, channel))?;
    if known.kind != ChannelKind::Mastodon {
        return Err(Error::Connect(format!(
            "signing in in the browser is for Mastodon; connect {} with its secret",
            known.kind.label()
        )));
    }
    let endpoint = Endpoint::parse(service, None)?;
    let token =
        connectors::mastodon::authorize(&connectors::http_client(), &endpoint.service, open)
            .await
            .map_err(|e| {
                Error::Connect(messages::not_signed_in(
                    messages::language(store),
                    &endpoint.service,
                    e.reason(),
                ))
            })?;
    connect(store, channel, &endpoint.service, None, Secret::Keep(token)).await
}

/// Disconnects `channel`: its secret leaves the keyring and its connection the store;
/// Majlis no longer publishes there (its posts fail with "not connected" until it is
/// connected again).
pub fn disconnect(store: &Store, channel: ChannelId) -> Result<()> {
    credentials::forget(channel)
        .map_err(|e| Error::Connect(messages::secret(messages::language(store), &e)))?;
    store.write(|tx| channels::disconnect(tx, channel))?;
    Ok(())
}
