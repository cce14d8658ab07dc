//! Where a channel's secret (app password, access token, bot token) comes from. Never
//! from SQLite: a channel's settings say at most the *name* of the environment variable
//! that holds it (`secretEnv`, for headless machines without a keyring).

use majlis_core::channels::ChannelId;

/// Why a channel's secret could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The channel names an environment variable that is not set.
    #[error(
        "the secret of this channel is read from ${0}, which is not set in Majlis's environment"
    )]
    EnvMissing(String),
    /// The channel was never connected.
    #[error(
        "this channel is not connected: connect it in Settings or with `majlis channel connect`"
    )]
    NotConnected,
}

/// The secret of `channel`, from where its settings say it is kept.
pub fn secret(_channel: ChannelId, settings: &serde_json::Value) -> Result<String, SecretError> {
    match settings["secretEnv"].as_str() {
        Some(var) => std::env::var(var).map_err(|_| SecretError::EnvMissing(var.to_owned())),
        None => Err(SecretError::NotConnected),
    }
}
