//! The engine's one error type.

/// A `Result` whose error is the engine's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the engine can fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store refused or failed.
    #[error(transparent)]
    Core(#[from] majlis_core::Error),
    /// The desktop did not take the notification.
    #[error("the desktop did not show the notification: {0}")]
    Notify(String),
    /// A channel could not be connected: the reason, for the person.
    #[error("{0}")]
    Connect(String),
    /// Publishing is paused (in the app's tray or Settings).
    #[error("publishing is paused: resume it in Majlis's Settings or tray menu")]
    Paused,
    /// Another engine publishes from this data directory.
    #[error(
        "another Majlis (the app, or `majlis engine run`) is publishing from this data directory: it sends what is due"
    )]
    Busy,
    /// A reply did not go out: the network's reason. Its text is kept.
    #[error("the reply did not go out: {0}")]
    ReplyFailed(String),
    /// A rights request did not go out: the network's reason. Its text is kept.
    #[error("the request did not go out: {0}")]
    RequestFailed(String),
    /// A channel's notifications could not be read.
    #[error("{0}")]
    Listen(String),
    /// The publisher's lock file could not be taken.
    #[error("cannot take the publisher's lock: {0}")]
    Lock(String),
}

impl Error {
    /// A stable code for this kind of error, for the UI to branch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::Notify(_) => "notification_failed",
            Error::Lock(_) => "publisher_lock_failed",
            Error::Busy => "publisher_busy",
            Error::Paused => "publishing_paused",
            Error::Connect(_) => "connect_failed",
            Error::ReplyFailed(_) => "reply_failed",
            Error::RequestFailed(_) => "request_failed",
            Error::Listen(_) => "listen_failed",
        }
    }
}
