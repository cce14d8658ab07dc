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

/// Deliveries to one network failed for good, for one reason: the person should look
/// at the post (the first, when several failed alike).
pub(crate) fn failed(
    language: Language,
    kind: ChannelKind,
    posts: &[PostId],
    error: &str,
) -> Notification {
    let network = kind.label();
    let summary = match (language, posts.len()) {
        (Language::En, 1) => format!("Couldn't publish to {network}"),
        (Language::En, n) => format!("Couldn't publish {n} posts to {network}"),
        (Language::Ar, 1) => format!("تعذّر النشر على {network}"),
        (Language::Ar, n) => format!("تعذّر نشر {n} من المنشورات على {network}"),
    };
    Notification {
        summary,
        body: error.to_owned(),
        action: posts.first().map(|post| open_post(language, *post, None)),
    }
}

/// Time to post by hand on networks Majlis does not post to: its first line reminds
/// the person which post.
pub(crate) fn reminder(
    language: Language,
    kinds: &[ChannelKind],
    post: PostId,
    text: &str,
) -> Notification {
    let networks = listed(language, kinds.iter().map(|k| k.label()));
    let summary = match language {
        Language::En => format!("Time to post on {networks}"),
        Language::Ar => format!("حان وقت النشر على {networks}"),
    };
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    Notification {
        summary,
        body: first.trim().to_owned(),
        action: Some(open_post(language, post, Some(text.to_owned()))),
    }
}

/// "Instagram, Threads and X"; "Instagram وThreads وX".
fn listed<'a>(language: Language, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match (language, names.as_slice()) {
        (_, []) => String::new(),
        (_, [one]) => (*one).to_owned(),
        (Language::En, [rest @ .., last]) => format!("{} and {last}", rest.join(", ")),
        (Language::Ar, [first, rest @ ..]) => rest
            .iter()
            .fold((*first).to_owned(), |all, name| format!("{all} و{name}")),
    }
}

/// "Open post", the click of a notification about a post (copying `copy` as it opens).
fn open_post(language: Language, post: PostId, copy: Option<String>) -> OpenAction {
    let label = match language {
        Language::En => "Open post",
        Language::Ar => "افتح المنشور",
    };
    OpenAction {
        post,
        label: label.into(),
        copy,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reminder_names_every_network_of_the_post_in_both_languages() {
        let kinds = [ChannelKind::Instagram, ChannelKind::Threads, ChannelKind::X];
        let en = reminder(Language::En, &kinds, PostId(7), "\nFresh bread\nmore");
        assert_eq!(en.summary, "Time to post on Instagram, Threads and X");
        assert_eq!(en.body, "Fresh bread");
        let action = en.action.expect("an action");
        assert_eq!(action.post, PostId(7));
        assert_eq!(
            action.copy.as_deref(),
            Some("\nFresh bread\nmore"),
            "the whole caption"
        );
        let ar = reminder(Language::Ar, &kinds[1..], PostId(7), "خبز");
        assert_eq!(ar.summary, "حان وقت النشر على Threads وX");
        assert_eq!(ar.action.map(|a| a.label), Some("افتح المنشور".to_owned()));
    }

    #[test]
    fn failures_alike_are_one_notification_that_opens_the_first_post() {
        let many = failed(
            Language::En,
            ChannelKind::Bluesky,
            &[PostId(3), PostId(4)],
            "refused",
        );
        assert_eq!(many.summary, "Couldn't publish 2 posts to Bluesky");
        assert_eq!(many.action.map(|a| a.post), Some(PostId(3)));
        let one = failed(Language::Ar, ChannelKind::Mastodon, &[PostId(5)], "رفض");
        assert_eq!(one.summary, "تعذّر النشر على Mastodon");
    }
}
