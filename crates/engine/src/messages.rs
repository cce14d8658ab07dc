//! The words the engine says to the person, in each interface language.

use majlis_core::channels::ChannelKind;
use majlis_core::settings::Language;

use majlis_core::posts::PostId;

use crate::Notification;
use crate::notifier::OpenAction;

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
        action: None,
    }
}

/// A delivery failed for good: the person should look at the post.
pub(crate) fn failed(
    language: Language,
    kind: ChannelKind,
    post: PostId,
    error: &str,
) -> Notification {
    let network = kind.label();
    let summary = match language {
        Language::En => format!("Couldn't publish to {network}"),
        Language::Ar => format!("تعذّر النشر على {network}"),
    };
    Notification {
        summary,
        body: error.to_owned(),
        action: Some(open_post(language, post)),
    }
}

/// Time to post by hand on a network Majlis does not post to: its first line reminds
/// the person which post.
pub(crate) fn reminder(
    language: Language,
    kind: ChannelKind,
    post: PostId,
    text: &str,
) -> Notification {
    let network = kind.label();
    let summary = match language {
        Language::En => format!("Time to post on {network}"),
        Language::Ar => format!("حان وقت النشر على {network}"),
    };
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    Notification {
        summary,
        body: first.trim().to_owned(),
        action: Some(open_post(language, post)),
    }
}

/// "Open post", the click of a notification about a post.
fn open_post(language: Language, post: PostId) -> OpenAction {
    let label = match language {
        Language::En => "Open post",
        Language::Ar => "افتح المنشور",
    };
    OpenAction {
        post,
        label: label.into(),
    }
}

/// Posts were due while Majlis was closed and are too late to go out by themselves.
pub(crate) fn held(language: Language, count: usize) -> Notification {
    let (summary, body) = match (language, count) {
        (Language::En, 1) => (
            "A post missed its time".to_owned(),
            "It was due while Majlis was closed. Publish it now, reschedule or cancel it."
                .to_owned(),
        ),
        (Language::En, n) => (
            format!("{n} posts missed their time"),
            "They were due while Majlis was closed. Publish them now, reschedule or cancel them."
                .to_owned(),
        ),
        (Language::Ar, 1) => (
            "فات موعد منشور".to_owned(),
            "حان موعده ومجلس مغلق. انشره الآن أو أعد جدولته أو ألغِه.".to_owned(),
        ),
        (Language::Ar, n) => (
            format!("فات موعد {n} من المنشورات"),
            "حان موعدها ومجلس مغلق. انشرها الآن أو أعد جدولتها أو ألغِها.".to_owned(),
        ),
    };
    Notification {
        summary,
        body,
        action: None,
    }
}

/// Why a delivery whose sending was cut short, on a network that cannot be asked,
/// is not sent again by itself.
pub(crate) fn interrupted(language: Language, kind: ChannelKind) -> String {
    let network = kind.label();
    match language {
        Language::En => format!(
            "Majlis stopped while sending this to {network}, which cannot tell whether it arrived: check {network}, and send it again if it is not there"
        ),
        Language::Ar => format!(
            "توقف مجلس أثناء إرسال هذا إلى {network}، ولا يمكن معرفة ما إذا وصل: تحقّق في {network} وأعد الإرسال إن لم يكن هناك"
        ),
    }
}
