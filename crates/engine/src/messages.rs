//! The words the engine says to the person, in each interface language.

use majlis_core::channels::ChannelKind;
use majlis_core::inbox::Kind;
use majlis_core::inbox::alerts::Alert;
use majlis_core::settings::Language;
use majlis_core::worded::Worded;
use majlis_core::written;

use majlis_core::posts::PostId;

use crate::Notification;
use crate::connectors::Reason;
use crate::credentials::SecretError;
use crate::notifier::{Action, Does};

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
        actions: Vec::new(),
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
    let network = network_name(language, kind);
    let summary = match (language, posts.len()) {
        (Language::En, 1) => format!("Couldn't publish to {network}"),
        (Language::En, n) => format!("Couldn't publish {n} posts to {network}"),
        (Language::Ar, 1) => format!("تعذّر النشر على {network}"),
        (Language::Ar, n) => format!(
            "تعذّر نشر {} من المنشورات على {network}",
            number(language, n)
        ),
    };
    Notification {
        summary,
        body: error.to_owned(),
        actions: posts
            .first()
            .map(|post| open_post(language, *post, None))
            .into_iter()
            .collect(),
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
    let networks = listed(language, kinds.iter().map(|&k| network_name(language, k)));
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
        actions: vec![open_post(language, post, Some(text.to_owned()))],
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
fn open_post(language: Language, post: PostId, copy: Option<String>) -> Action {
    let label = match language {
        Language::En => "Open post",
        Language::Ar => "افتح المنشور",
    };
    Action {
        label: label.into(),
        does: Does::OpenPost { post, copy },
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
            format!("فات موعد {} من المنشورات", number(language, n)),
            "حان موعدها ومجلس مغلق. انشرها الآن أو أعد جدولتها أو ألغِها.".to_owned(),
        ),
    };
    Notification {
        summary,
        body,
        actions: Vec::new(),
    }
}

/// How the tray says how many answers are overdue: its tooltip, and the count for the
/// label beside the icon (none when nothing is overdue), in the person's digits.
pub fn overdue_in_tray(language: Language, count: u32) -> (String, Option<String>) {
    let tooltip = match (language, count) {
        (Language::En, 0) => "Majlis".to_owned(),
        (Language::En, 1) => "Majlis — 1 reply overdue".to_owned(),
        (Language::En, n) => format!("Majlis — {n} replies overdue"),
        (Language::Ar, 0) => "مجلس".to_owned(),
        (Language::Ar, n) => format!("مجلس — ردود متأخرة: {}", number(language, n)),
    };
    (tooltip, (count > 0).then(|| number(language, count)))
}

/// Answers are overdue for a brand: how many, and the one that waited longest.
pub(crate) fn overdue(language: Language, alert: &Alert) -> Notification {
    let (brand, n) = (&alert.brand_name, alert.overdue);
    let summary = match (language, n) {
        (Language::En, 1) => format!("A reply is overdue for {brand}"),
        (Language::En, n) => format!("{n} replies overdue for {brand}"),
        (Language::Ar, n) => format!(
            "تأخر الرد على {} لـ{brand}",
            written::counted(n, ["رسالة", "رسالتين", "رسائل", "رسالة"])
        ),
    };
    let summary = match (alert.escalation, language) {
        (false, _) => summary,
        (true, Language::En) => format!("Still waiting: {summary}"),
        (true, Language::Ar) => format!("ما زالت تنتظر: {summary}"),
    };
    let oldest = &alert.oldest;
    let (what, late) = (
        kind(language, oldest.kind),
        waited(language, oldest.overdue_by),
    );
    let body = match (language, n) {
        (Language::En, 1) => format!("{what} from @{}, {late} late", oldest.author),
        (Language::En, _) => format!("Oldest: {what} from @{}, {late} late", oldest.author),
        (Language::Ar, 1) => format!("{what} من @{}، متأخرة {late}", oldest.author),
        (Language::Ar, _) => format!("الأقدم: {what} من @{}، متأخرة {late}", oldest.author),
    };
    let (open, snooze) = match language {
        Language::En => ("Open inbox", "Snooze 30 min"),
        Language::Ar => ("افتح الوارد", "أجّل ٣٠ دقيقة"),
    };
    Notification {
        summary,
        body,
        actions: vec![
            Action {
                label: open.into(),
                does: Does::OpenInbox {
                    brand: alert.brand,
                    interaction: oldest.id,
                },
            },
            Action {
                label: snooze.into(),
                does: Does::SnoozeAlerts { brand: alert.brand },
            },
        ],
    }
}

/// "a complaint", "شكوى".
fn kind(language: Language, kind: Kind) -> &'static str {
    match (language, kind) {
        (Language::En, Kind::Question) => "A question",
        (Language::En, Kind::Complaint) => "A complaint",
        (Language::En, Kind::Praise) => "Praise",
        (Language::En, Kind::Feedback) => "Feedback",
        (Language::En, Kind::Ugc) => "A post to feature",
        (Language::En, Kind::Spam) => "Spam",
        (Language::En, Kind::Other) => "A message",
        (Language::Ar, Kind::Question) => "سؤال",
        (Language::Ar, Kind::Complaint) => "شكوى",
        (Language::Ar, Kind::Praise) => "إشادة",
        (Language::Ar, Kind::Feedback) => "ملاحظة",
        (Language::Ar, Kind::Ugc) => "محتوى من متابع",
        (Language::Ar, Kind::Spam) => "رسالة مزعجة",
        (Language::Ar, Kind::Other) => "رسالة",
    }
}

/// How long something waited, in the language's words (at least a minute).
fn waited(language: Language, seconds: i64) -> String {
    let minutes = u32::try_from((seconds / 60).max(1)).unwrap_or(u32::MAX);
    written::span(minutes, language.tag())
}

/// Why a delivery whose sending was cut short, on a network that cannot be asked,
/// is not sent again by itself.
pub(crate) fn interrupted(language: Language, kind: ChannelKind) -> String {
    let network = network_name(language, kind);
    match language {
        Language::En => format!(
            "Majlis stopped while sending this to {network}, which cannot tell whether it arrived: check {network}, and send it again if it is not there"
        ),
        Language::Ar => format!(
            "توقف مجلس أثناء إرسال هذا إلى {network}، ولا يمكن معرفة ما إذا وصل: تحقّق في {network} وأعد الإرسال إن لم يكن هناك"
        ),
    }
}

/// Why a channel's secret could not be read, as the post that could not go out says.
pub(crate) fn secret(language: Language, error: &SecretError) -> String {
    match (language, error) {
        (Language::En, _) => error.to_string(),
        (Language::Ar, SecretError::NotConnected) => {
            "هذه القناة غير مربوطة: اربطها من الإعدادات".into()
        }
        (Language::Ar, SecretError::EnvMissing(var)) => format!(
            "يُقرأ سر هذه القناة من {}، وهو غير معرَّف في بيئة مجلس",
            apart(language, &format!("${var}"))
        ),
        (Language::Ar, SecretError::Keyring(why)) => format!(
            "سلسلة مفاتيح النظام غير متاحة ({}): على جهاز بلا سلسلة مفاتيح استخدم `majlis channel connect --secret-env VAR`",
            apart(language, why)
        ),
    }
}

/// Why an attempt did not go out, in each language, as it is recorded: the window and
/// the CLI read it in theirs.
pub(crate) fn recorded(why: &Reason) -> Worded {
    Worded::each(|language| reason(language, why))
}

/// Why an attempt did not go out, as the post, the reply or the notification says it.
/// The network's own words are kept as it gave them, set apart in an Arabic sentence so
/// that they read in their own direction.
pub(crate) fn reason(language: Language, reason: &Reason) -> String {
    use Language::{Ar, En};
    let name = |kind: &ChannelKind| network_name(language, *kind);
    let words = |detail: &str| apart(language, detail);
    match (language, reason) {
        (_, Reason::Secret(error)) => secret(language, error),
        (_, Reason::Other(other)) => words(other),
        (En, Reason::PictureUnreadable) => {
            "a picture of the post cannot be read from Majlis's data folder: remove it and add it again".into()
        }
        (Ar, Reason::PictureUnreadable) => {
            "تعذّرت قراءة صورة من صور المنشور من مجلد بيانات مجلس: أزلها وأضفها مرة أخرى".into()
        }
        (En, Reason::BrowserDidNotOpen(why)) => format!("the browser did not open: {why}"),
        (Ar, Reason::BrowserDidNotOpen(why)) => format!("لم يُفتح المتصفح: {}", words(why)),
        (En, Reason::NotAWebhookAddress) => {
            "the webhook's address is not a web address: paste the whole address, starting https://".into()
        }
        (Ar, Reason::NotAWebhookAddress) => {
            "عنوان الويب هوك ليس عنوان ويب: الصق العنوان كاملًا، بدءًا بـ https://".into()
        }
        (En, Reason::NoChat) => {
            "say which chat the bot posts to: the channel's handle, e.g. @rayyanbakery".into()
        }
        (Ar, Reason::NoChat) => {
            "حدّد المحادثة التي ينشر فيها البوت: معرّف القناة، مثل @rayyanbakery".into()
        }
        (En, Reason::SignInUnfinished) => {
            "the sign-in was not finished in the browser within 5 minutes".into()
        }
        (Ar, Reason::SignInUnfinished) => "لم يكتمل تسجيل الدخول في المتصفح خلال ٥ دقائق".into(),
        (En, Reason::SignInRefused(error)) => format!("the server refused the sign-in: {error}"),
        (Ar, Reason::SignInRefused(error)) => {
            format!("رفض الخادم تسجيل الدخول: {}", words(error))
        }
        (En, Reason::CannotPublish(kind)) => {
            format!("Majlis cannot publish to {} yet", name(kind))
        }
        (Ar, Reason::CannotPublish(kind)) => {
            format!("لا يستطيع مجلس النشر على {} بعد", name(kind))
        }
        (En, Reason::Answered { network, status, detail }) => {
            format!("{} answered {status}: {detail}", name(network))
        }
        (Ar, Reason::Answered { network, status, detail }) => {
            format!("ردّ {} بالرمز {status}: {}", name(network), words(detail))
        }
        (En, Reason::Credentials { network, account: None, detail }) => format!(
            "{} refused the account's credentials ({detail}): reconnect the channel",
            name(network)
        ),
        (En, Reason::Credentials { network, account: Some(account), detail }) => format!(
            "{} did not accept the handle and app password for {account} ({detail}): reconnect the channel",
            name(network)
        ),
        (Ar, Reason::Credentials { network, account: None, detail }) => format!(
            "لم يقبل {} بيانات دخول الحساب ({}): أعد ربط القناة",
            name(network),
            words(detail)
        ),
        (Ar, Reason::Credentials { network, account: Some(account), detail }) => format!(
            "لم يقبل {} المعرّف {} وكلمة مرور التطبيق ({}): أعد ربط القناة",
            name(network),
            words(account),
            words(detail)
        ),
        (En, Reason::Refused { network, status, detail }) => {
            format!("{} refused the post ({status}: {detail})", name(network))
        }
        // The code goes with the network's words: "(422: Validation failed…)" reads as
        // one piece, in their direction.
        (Ar, Reason::Refused { network, status, detail }) => format!(
            "لم يقبل {} المنشور ({})",
            name(network),
            words(&format!("{status}: {detail}"))
        ),
        (En, Reason::NotUnderstood { network, detail }) => {
            format!("{}'s answer was not understood: {detail}", name(network))
        }
        (Ar, Reason::NotUnderstood { network, detail }) => {
            format!("لم يُفهم ردّ {}: {}", name(network), words(detail))
        }
        (En, Reason::NoAnswer { network, detail }) => {
            format!("{} did not answer: {detail}", name(network))
        }
        (Ar, Reason::NoAnswer { network, detail }) => {
            format!("لم يصل ردّ من {}: {}", name(network), words(detail))
        }
        (En, Reason::Unreachable { network, detail }) => {
            format!("could not reach {}: {detail}", name(network))
        }
        (Ar, Reason::Unreachable { network, detail }) => {
            format!("تعذّر الوصول إلى {}: {}", name(network), words(detail))
        }
    }
}

/// Why a channel could not be connected: logging in to `kind` at `service` failed.
/// Credentials refused are the ones just given, not a channel to reconnect.
pub(crate) fn not_logged_in(
    language: Language,
    kind: ChannelKind,
    service: &str,
    why: &Reason,
) -> String {
    let network = network_name(language, kind);
    let service = apart(language, service);
    match (language, why) {
        (Language::En, Reason::Credentials { detail, .. }) => {
            format!("{network} at {service} did not accept these credentials ({detail})")
        }
        (Language::Ar, Reason::Credentials { detail, .. }) => format!(
            "لم يقبل خادم {network} {service} بيانات الدخول هذه ({})",
            apart(language, detail)
        ),
        (Language::En, why) => format!(
            "could not log in to {network} at {service}: {}",
            reason(language, why)
        ),
        (Language::Ar, why) => format!(
            "تعذّر تسجيل الدخول إلى {network} على {service}: {}",
            reason(language, why)
        ),
    }
}

/// Why a channel could not be connected: nothing was given to log in with.
pub(crate) fn empty_secret(language: Language) -> String {
    match language {
        Language::En => "the app password or token is empty".into(),
        Language::Ar => "لم تُكتب كلمة مرور التطبيق أو رمز الوصول".into(),
    }
}

/// Why a channel could not be connected: signing in in the browser at `service` failed.
/// Credentials refused there are the sign-in's, not a channel to reconnect.
pub(crate) fn not_signed_in(language: Language, service: &str, why: &Reason) -> String {
    let service = apart(language, service);
    match (language, why) {
        (Language::En, Reason::Credentials { detail, .. }) => {
            format!("{service} did not accept the sign-in ({detail})")
        }
        (Language::Ar, Reason::Credentials { detail, .. }) => format!(
            "لم يقبل الخادم {service} تسجيل الدخول ({})",
            apart(language, detail)
        ),
        (Language::En, why) => format!("could not sign in to {service}: {}", reason(language, why)),
        (Language::Ar, why) => {
            format!("تعذّر تسجيل الدخول إلى {service}: {}", reason(language, why))
        }
    }
}

/// Words in another script (the network's own, an address) set apart in an Arabic
/// sentence, so that they read in their own direction and punctuation stays put.
fn apart(language: Language, words: &str) -> String {
    match language {
        Language::En => words.to_owned(),
        Language::Ar => format!("\u{2068}{words}\u{2069}"),
    }
}

/// A network as a sentence names it: its own name (as the window writes it in Arabic),
/// but a webhook is "the webhook".
fn network_name(language: Language, kind: ChannelKind) -> &'static str {
    match (language, kind) {
        (Language::En, ChannelKind::Webhook) => "the webhook",
        (Language::En, kind) => kind.label(),
        (Language::Ar, ChannelKind::Bluesky) => "بلوسكاي",
        (Language::Ar, ChannelKind::Mastodon) => "ماستودون",
        (Language::Ar, ChannelKind::Telegram) => "تيليجرام",
        (Language::Ar, ChannelKind::Webhook) => "الويب هوك",
        (Language::Ar, ChannelKind::Instagram) => "إنستغرام",
        (Language::Ar, ChannelKind::Facebook) => "فيسبوك",
        (Language::Ar, ChannelKind::Tiktok) => "تيك توك",
        (Language::Ar, ChannelKind::Linkedin) => "لينكدإن",
        (Language::Ar, ChannelKind::X) => "إكس",
        (Language::Ar, ChannelKind::Threads) => "ثريدز",
    }
}

/// A number as the language writes it: Arabic-Indic digits in Arabic, as the window's.
fn number(language: Language, n: impl std::fmt::Display) -> String {
    written::digits(&n.to_string(), language.tag())
}

/// The language the person reads Majlis in (English when the settings cannot be read):
/// what the engine says is said in it.
pub fn language(store: &majlis_core::Store) -> Language {
    store
        .read(majlis_core::settings::current_language)
        .unwrap_or(Language::En)
}

/// A reason worth another try that stayed after the last one: "… (gave up after 5 tries)".
pub(crate) fn gave_up(language: Language, why: &Reason, tries: u32) -> String {
    let why = reason(language, why);
    match (language, tries) {
        (Language::En, 1) => format!("{why} (gave up after 1 try)"),
        (Language::En, n) => format!("{why} (gave up after {n} tries)"),
        (Language::Ar, n) => format!(
            "{why} (توقف مجلس بعد {})",
            written::counted(n, ["محاولة واحدة", "محاولتين", "محاولات", "محاولة"])
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_that_cannot_be_read_is_explained_in_the_windows_language() {
        let errors = [
            SecretError::NotConnected,
            SecretError::EnvMissing("BAKERY_TOKEN".into()),
            SecretError::Keyring("no secret service".into()),
        ];
        for error in &errors {
            assert_eq!(secret(Language::En, error), error.to_string());
            let arabic = secret(Language::Ar, error);
            assert!(
                arabic
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{arabic}"
            );
        }
        assert!(secret(Language::Ar, &errors[1]).contains("$BAKERY_TOKEN"));
        assert!(secret(Language::Ar, &errors[2]).contains("no secret service"));
    }

    #[test]
    fn a_networks_refusal_is_said_in_the_windows_language_around_its_own_words() {
        let mastodon = ChannelKind::Mastodon;
        let refused = Reason::Refused {
            network: mastodon,
            status: 422,
            detail: "Validation failed: Text is too long".into(),
        };
        assert_eq!(
            reason(Language::En, &refused),
            "Mastodon refused the post (422: Validation failed: Text is too long)"
        );
        assert_eq!(
            reason(Language::Ar, &refused),
            "لم يقبل ماستودون المنشور (\u{2068}422: Validation failed: Text is too long\u{2069})"
        );
        let detail = || "words of the network".to_owned();
        let every = [
            Reason::Answered {
                network: mastodon,
                status: 503,
                detail: detail(),
            },
            Reason::Credentials {
                network: mastodon,
                account: None,
                detail: detail(),
            },
            Reason::Credentials {
                network: mastodon,
                account: Some("bakery".into()),
                detail: detail(),
            },
            refused,
            Reason::NotUnderstood {
                network: mastodon,
                detail: detail(),
            },
            Reason::NoAnswer {
                network: mastodon,
                detail: detail(),
            },
            Reason::Unreachable {
                network: ChannelKind::Webhook,
                detail: detail(),
            },
            Reason::Secret(SecretError::NotConnected),
            Reason::NoChat,
            Reason::NotAWebhookAddress,
            Reason::SignInUnfinished,
            Reason::SignInRefused(detail()),
            Reason::CannotPublish(ChannelKind::X),
            Reason::PictureUnreadable,
            Reason::BrowserDidNotOpen(detail()),
        ];
        for why in &every {
            let (en, ar) = (reason(Language::En, why), reason(Language::Ar, why));
            assert!(!en.contains('\u{2068}'), "{en}");
            assert!(
                !en.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{en}"
            );
            assert!(
                ar.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{ar}"
            );
            if en.contains("words of the network") {
                assert!(ar.contains("\u{2068}words of the network\u{2069}"), "{ar}");
            }
        }
        assert!(reason(Language::En, &every[6]).starts_with("could not reach the webhook"));
    }

    #[test]
    fn credentials_refused_while_connecting_are_the_ones_just_given() {
        let refused = Reason::Credentials {
            network: ChannelKind::Bluesky,
            account: Some("bakery.test".into()),
            detail: "Invalid identifier or password".into(),
        };
        let at = "https://pds.example";
        assert_eq!(
            not_logged_in(Language::En, ChannelKind::Bluesky, at, &refused),
            "Bluesky at https://pds.example did not accept these credentials (Invalid identifier or password)"
        );
        let ar = not_logged_in(Language::Ar, ChannelKind::Bluesky, at, &refused);
        assert!(
            ar.starts_with("لم يقبل خادم بلوسكاي \u{2068}https://pds.example\u{2069}"),
            "{ar}"
        );
        assert!(!ar.contains("أعد ربط"), "{ar}");
        let silent = Reason::NoAnswer {
            network: ChannelKind::Bluesky,
            detail: "timed out".into(),
        };
        assert_eq!(
            not_logged_in(Language::En, ChannelKind::Bluesky, at, &silent),
            "could not log in to Bluesky at https://pds.example: Bluesky did not answer: timed out"
        );
    }

    #[test]
    fn the_tray_counts_overdue_answers_in_the_persons_digits() {
        assert_eq!(overdue_in_tray(Language::En, 0), ("Majlis".into(), None));
        assert_eq!(
            overdue_in_tray(Language::En, 12),
            ("Majlis — 12 replies overdue".into(), Some("12".into()))
        );
        assert_eq!(
            overdue_in_tray(Language::Ar, 12),
            ("مجلس — ردود متأخرة: ١٢".into(), Some("١٢".into()))
        );
        assert_eq!(overdue_in_tray(Language::Ar, 0).0, "مجلس");
    }

    #[test]
    fn a_try_given_up_counts_its_tries_in_either_language() {
        let why = Reason::NoAnswer {
            network: ChannelKind::Bluesky,
            detail: "timed out".into(),
        };
        assert_eq!(
            gave_up(Language::En, &why, 6),
            "Bluesky did not answer: timed out (gave up after 6 tries)"
        );
        let ar = |n| gave_up(Language::Ar, &why, n);
        assert_eq!(
            ar(6),
            "لم يصل ردّ من بلوسكاي: \u{2068}timed out\u{2069} (توقف مجلس بعد ٦ محاولات)"
        );
        assert!(ar(1).ends_with("(توقف مجلس بعد محاولة واحدة)"));
        assert!(ar(2).ends_with("(توقف مجلس بعد محاولتين)"));
        assert!(ar(11).ends_with("(توقف مجلس بعد ١١ محاولة)"));
    }

    #[test]
    fn one_reminder_names_every_network_of_the_post_in_both_languages() {
        let kinds = [ChannelKind::Instagram, ChannelKind::Threads, ChannelKind::X];
        let en = reminder(Language::En, &kinds, PostId(7), "\nFresh bread\nmore");
        assert_eq!(en.summary, "Time to post on Instagram, Threads and X");
        assert_eq!(en.body, "Fresh bread");
        assert_eq!(
            en.actions[0].does,
            Does::OpenPost {
                post: PostId(7),
                copy: Some("\nFresh bread\nmore".into())
            },
            "the whole caption"
        );
        let ar = reminder(Language::Ar, &kinds[1..], PostId(7), "خبز");
        assert_eq!(ar.summary, "حان وقت النشر على ثريدز وإكس");
        assert_eq!(ar.actions[0].label, "افتح المنشور");
    }

    #[test]
    fn overdue_answers_are_one_notification_per_brand_naming_the_oldest() {
        use majlis_core::brands::BrandId;
        use majlis_core::inbox::InteractionId;
        use majlis_core::inbox::alerts::Oldest;
        let alert = Alert {
            brand: BrandId(2),
            brand_name: "Café Noor".into(),
            overdue: 3,
            escalation: false,
            oldest: Oldest {
                id: InteractionId(9),
                kind: Kind::Complaint,
                author: "sara".into(),
                overdue_by: 80 * 60 + 30,
            },
        };
        let en = overdue(Language::En, &alert);
        assert_eq!(en.summary, "3 replies overdue for Café Noor");
        assert_eq!(en.body, "Oldest: A complaint from @sara, 1 h 20 min late");
        assert_eq!(
            en.actions
                .iter()
                .map(|a| a.does.clone())
                .collect::<Vec<_>>(),
            [
                Does::OpenInbox {
                    brand: BrandId(2),
                    interaction: InteractionId(9)
                },
                Does::SnoozeAlerts { brand: BrandId(2) },
            ]
        );
        let one = Alert {
            overdue: 1,
            escalation: true,
            ..alert.clone()
        };
        assert_eq!(
            overdue(Language::En, &one).summary,
            "Still waiting: A reply is overdue for Café Noor"
        );
        let ar = overdue(Language::Ar, &alert);
        assert_eq!(ar.summary, "تأخر الرد على ٣ رسائل لـCafé Noor");
        assert_eq!(ar.body, "الأقدم: شكوى من @sara، متأخرة ساعة و٢٠ دقيقة");
        assert_eq!(ar.actions[1].label, "أجّل ٣٠ دقيقة");
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
        assert!(matches!(
            many.actions[0].does,
            Does::OpenPost {
                post: PostId(3),
                ..
            }
        ));
        let one = failed(Language::Ar, ChannelKind::Mastodon, &[PostId(5)], "رفض");
        assert_eq!(one.summary, "تعذّر النشر على ماستودون");
    }
}
