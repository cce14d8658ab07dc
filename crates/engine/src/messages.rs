//! The words the engine says to the person, in each interface language.

use majlis_core::settings::Language;

use crate::Notification;

/// The notification Settings sends to show that notifications reach the desktop.
pub(crate) fn test_notification(language: Language) -> Notification {
    let (summary, body) = match language {
        Language::En => (
            "Majlis notifications are on",
            "This is how Majlis will tell you when a reply is overdue.",
        ),
        Language::Ar => (
            "إشعارات مجلس تعمل",
            "هكذا سينبّهك مجلس عندما يتأخر رد على أحد.",
        ),
    };
    Notification {
        summary: summary.into(),
        body: body.into(),
    }
}
