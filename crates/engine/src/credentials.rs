//! Where a channel's secret (app password, access token, bot token) is kept: in the
//! desktop keyring (Secret Service on Linux), under the channel's id. Never in SQLite,
//! logs or errors. On a machine without a keyring, a channel's settings may name the
//! environment variable that holds it (`secretEnv`) instead.

use majlis_core::APP_ID;
use majlis_core::channels::ChannelId;

/// Why a channel's secret could not be read or kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// The channel names an environment variable that is not set.
    #[error(
        "the secret of this channel is read from ${0}, which is not set in Majlis's environment"
    )]
    EnvMissing(String),
    /// The channel was never connected. Said in the window, where the post offers the
    /// way to Settings beside it, and in a notification: no terminal command in it.
    #[error("this channel is not connected: connect it in Settings")]
    NotConnected,
    /// The desktop keyring refused or is not there.
    #[error(
        "the desktop keyring is not available ({0}): on a machine without one, use `majlis channel connect --secret-env VAR`"
    )]
    Keyring(String),
}

fn entry(channel: ChannelId) -> Result<keyring::Entry, SecretError> {
    keyring::Entry::new(APP_ID, &format!("channel-{}", channel.0))
        .map_err(|e| SecretError::Keyring(e.to_string()))
}

/// The secret of `channel`, from where its settings say it is kept.
pub fn secret(channel: ChannelId, settings: &serde_json::Value) -> Result<String, SecretError> {
    if let Some(var) = settings["secretEnv"].as_str() {
        return std::env::var(var).map_err(|_| SecretError::EnvMissing(var.to_owned()));
    }
    entry(channel)?.get_password().map_err(|e| match e {
        keyring::Error::NoEntry => SecretError::NotConnected,
        other => SecretError::Keyring(other.to_string()),
    })
}

/// Keeps `secret` for `channel` in the desktop keyring, replacing any earlier one.
pub fn keep(channel: ChannelId, secret: &str) -> Result<(), SecretError> {
    entry(channel)?
        .set_password(secret)
        .map_err(|e| SecretError::Keyring(e.to_string()))
}

/// Forgets `channel`'s secret in the desktop keyring; one that was never kept is gone
/// already.
pub fn forget(channel: ChannelId) -> Result<(), SecretError> {
    match entry(channel)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(SecretError::Keyring(e.to_string())),
    }
}
