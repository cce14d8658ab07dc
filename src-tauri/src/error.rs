//! The error contract across IPC: `{ code, message }`.

use serde::Serialize;

/// An error as the window receives it: a stable `code` to translate and branch on, and
/// an English `message` to show when there is no translation.
#[derive(Debug, Serialize, specta::Type)]
pub struct IpcError {
    /// Stable, snake_case; the UI's translations are keyed by it.
    pub code: String,
    /// A lowercase sentence naming the problem.
    pub message: String,
}

impl IpcError {
    /// An error of the shell's own (not the core's or the engine's).
    pub fn new(code: &str, message: String) -> Self {
        Self {
            code: code.into(),
            message,
        }
    }
}

impl From<majlis_core::Error> for IpcError {
    fn from(e: majlis_core::Error) -> Self {
        Self {
            code: e.code().into(),
            message: e.to_string(),
        }
    }
}

impl From<majlis_engine::Error> for IpcError {
    /// A reply or request that did not go out carries the network's reason alone: the
    /// window words "did not go out" itself, in its language, as it does for one read
    /// back from the store.
    fn from(e: majlis_engine::Error) -> Self {
        use majlis_engine::Error::{ReplyFailed, RequestFailed};
        let message = match &e {
            ReplyFailed(reason) | RequestFailed(reason) => reason.clone(),
            other => other.to_string(),
        };
        Self {
            code: e.code().into(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_shape_is_pinned() {
        let e = IpcError::from(majlis_core::Error::UnknownTimeZone("Mars/Olympus".into()));
        assert_eq!(
            serde_json::to_value(e).expect("json"),
            serde_json::json!({
                "code": "unknown_time_zone",
                "message": "\"Mars/Olympus\" is not a time zone: use an IANA name such as Asia/Riyadh or Europe/London"
            })
        );
    }

    #[test]
    fn a_reply_that_did_not_go_out_carries_the_reason_alone() {
        let e = IpcError::from(majlis_engine::Error::ReplyFailed(
            "Bluesky did not answer".into(),
        ));
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("reply_failed", "Bluesky did not answer")
        );
    }
}
