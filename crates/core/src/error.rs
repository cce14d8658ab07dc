//! The core's one error type, with stable codes the UI can translate.

use crate::name::Named;

/// A `Result` whose error is the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the core can refuse or fail at.
///
/// Messages are lowercase sentences that name the problem, so the CLI can print them as
/// they are and the UI can show them when it has no translation for the [`Error::code`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A name is empty or only spaces.
    #[error("the {0} name is empty")]
    NameEmpty(Named),
    /// A name is longer than the limit.
    #[error("the {0} name is longer than {1} characters")]
    NameTooLong(Named, usize),
    /// Another brand (or another channel of the brand) already has this name; names are
    /// compared without case.
    #[error("a {0} named \"{1}\" already exists")]
    NameTaken(Named, String),
    /// No brand has this id.
    #[error("there is no brand with id {0}")]
    BrandNotFound(i64),
    /// No brand has this name.
    #[error("there is no brand named \"{0}\"")]
    NoSuchBrand(String),
    /// The brand has no channel with this name.
    #[error("the brand has no channel named \"{0}\"")]
    NoSuchChannel(String),
    /// The brand has no category with this name.
    #[error("the brand has no category named \"{name}\" (it has: {known})")]
    NoSuchCategory {
        /// The name asked for.
        name: String,
        /// The categories there are, comma-separated.
        known: String,
    },
    /// The brand has no channel with this id.
    #[error("the brand has no channel with id {0}")]
    ChannelNotFound(i64),
    /// No post has this id.
    #[error("there is no post with id {0}")]
    PostNotFound(i64),
    /// A post that went out cannot change.
    #[error("post {0} has already gone out: it can no longer move")]
    PostAlreadyOut(i64),
    /// A post going out this moment cannot be called off.
    #[error("post {0} is going out this moment: it can no longer be cancelled")]
    PostBeingSent(i64),
    /// What a step changed has changed again since: taking the step back would undo
    /// more than it did.
    #[error("it has changed since: there is nothing to take back")]
    ChangedSince,
    /// Only a post in review can be approved or returned.
    #[error("post {0} is not waiting for approval")]
    PostNotInReview(i64),
    /// Approving all found other posts waiting than the reviewer was shown.
    #[error("{found} posts wait for approval now, not {shown}: review them again")]
    ApprovalsChanged {
        /// How many the reviewer was shown.
        shown: u32,
        /// How many wait now.
        found: usize,
    },
    /// Only a series has occurrences.
    #[error("post {0} does not repeat")]
    PostNotASeries(i64),
    /// The series has no occurrence at that time.
    #[error("the series has no occurrence at {0}")]
    NoSuchOccurrence(String),
    /// A late post would be held too soon.
    #[error("hold late posts after at least {0} minutes, or never")]
    HoldLateTooShort(u32),
    /// A channel's server address is not a web address.
    #[error("\"{0}\" is not a server address: write it as https://server.example")]
    InvalidService(String),
    /// No delivery has this id.
    #[error("there is no delivery with id {0}")]
    NoSuchDelivery(i64),
    /// Only a held post can be published now.
    #[error("post {0} is not waiting for a choice: it is not held")]
    PostNotHeld(i64),
    /// A post has no text.
    #[error("the post has no text")]
    PostBodyEmpty,
    /// A post to schedule has no time.
    #[error("the post has no time: give one, or keep it as a draft")]
    PostTimeMissing,
    /// A post to schedule has a time that has passed.
    #[error("{} has already passed: pick a time ahead, or keep it as a draft", local.format(crate::time::LOCAL_FORMAT))]
    PostTimeInPast {
        /// The time, in the zone it was planned in.
        local: chrono::NaiveDateTime,
    },
    /// A post to schedule has no channel.
    #[error("the post has no channel to go to")]
    PostChannelsMissing,
    /// A post's text is over a channel's limit.
    #[error("the text is too long for {channel}: {used} of {limit}")]
    PostTooLong {
        /// The channel's name.
        channel: String,
        /// The length as that network counts it.
        used: u32,
        /// Its limit.
        limit: u32,
    },
    /// The text is not a wall-clock time.
    #[error("\"{0}\" is not a time: write it as YYYY-MM-DD HH:MM, for example 2026-12-01 09:00")]
    InvalidLocalTime(String),
    /// The text is not a date.
    #[error("\"{0}\" is not a date: write it as YYYY-MM-DD, for example 2026-12-01")]
    InvalidDate(String),
    /// A slot outside the week or the day.
    #[error("a slot needs a weekday (Monday to Sunday) and a time between 00:00 and 23:59")]
    InvalidSlot,
    /// The brand has no posting schedule.
    #[error("the brand has no posting times yet: add some to its queue first")]
    NoSlots,
    /// Every slot in the next year is taken.
    #[error("every posting time in the next year is taken: add more times to the queue")]
    QueueFull,
    /// The name of no CSV layout Majlis reads.
    #[error("\"{0}\" is not a CSV format: use hootsuite, sprout or majlis")]
    UnknownCsvFormat(String),
    /// The name of no date order.
    #[error("\"{0}\" is not a date order: use dmy (31/12/2026) or mdy (12/31/2026)")]
    UnknownDateOrder(String),
    /// A CSV file could not be read or written.
    #[error("CSV: {0}")]
    Csv(String),
    /// A file that is not a picture Majlis can attach.
    #[error(
        "Majlis could not open \"{0}\" as a picture: it may be damaged, or not really a JPEG, PNG, GIF or WebP image"
    )]
    UnsupportedMedia(String),
    /// A picture over the size Majlis takes.
    #[error("\"{name}\" is {megabytes} MB: pictures can be up to {limit} MB")]
    MediaTooLarge {
        /// The file's name.
        name: String,
        /// Its size, rounded up.
        megabytes: usize,
        /// The most Majlis takes.
        limit: usize,
    },
    /// A picture could not be copied into the data directory.
    #[error("cannot store the picture: {0}")]
    Media(String),
    /// A post names a picture Majlis never stored.
    #[error("\"{0}\" is not a picture Majlis stored")]
    NoSuchMedia(String),
    /// Alt text over the strictest network's limit.
    #[error("the description of a picture is {chars} characters; keep it to {limit}")]
    AltTooLong {
        /// Its length.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// More pictures than a channel's network takes on one post.
    #[error("{channel} takes at most {limit} pictures on a post, and this one has {count}")]
    TooManyMedia {
        /// The channel's name.
        channel: String,
        /// How many the post has.
        count: usize,
        /// How many the network takes.
        limit: usize,
    },
    /// An export could not be written.
    #[error("cannot write the export: {0}")]
    Export(String),
    /// An import file has bad rows; nothing was imported.
    #[error("{} of the rows cannot be imported, so nothing was imported", .0.len())]
    ImportRejected(Vec<crate::posts::RowProblem>),
    /// A repeat rule that cannot be used.
    #[error("\"{rule}\" is not a repeat rule Majlis can use: {reason}")]
    InvalidRepeat {
        /// The rule as given.
        rule: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The text is not an IANA time zone name.
    #[error("\"{0}\" is not a time zone: use an IANA name such as Asia/Riyadh or Europe/London")]
    UnknownTimeZone(String),
    /// A wall-clock time that does not exist in the zone (clocks went forward over it).
    #[error("{} does not exist in {zone}: the clocks go forward then; pick another time", local.format(crate::time::LOCAL_FORMAT))]
    SkippedLocalTime {
        /// The time as typed.
        local: chrono::NaiveDateTime,
        /// The zone's name.
        zone: String,
    },
    /// The text is not a `#rrggbb` colour.
    #[error("\"{0}\" is not a colour: use #rrggbb, for example #0f766e")]
    InvalidColor(String),
    /// The text is not a BCP 47 language tag.
    #[error("\"{0}\" is not a locale: use a language tag such as en, ar or ar-SA")]
    InvalidLocale(String),
    /// The text names no network Majlis knows.
    #[error(
        "\"{0}\" is not a channel kind: use bluesky, mastodon, telegram, webhook, instagram, facebook, tiktok, linkedin, x or threads"
    )]
    UnknownChannelKind(String),
    /// The data directory could not be found or created.
    #[error("cannot use the data directory {path}: {reason}")]
    DataDir {
        /// The directory.
        path: std::path::PathBuf,
        /// Why it cannot be used.
        reason: String,
    },
    /// No interaction has this id.
    #[error("there is no interaction with id {0}")]
    InteractionNotFound(i64),
    /// A reply policy value that cannot be used.
    #[error("the reply policy cannot be used: {0}")]
    InvalidPolicy(crate::inbox::policy::PolicyProblem),
    /// A triage rule that cannot be used.
    #[error("the rule \"{rule}\" cannot be used: {reason}")]
    InvalidRule {
        /// The rule's name.
        rule: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Snoozing needs a time to come back.
    #[error("say until when to snooze")]
    SnoozeNeedsTime,
    /// A snooze that would end before it began.
    #[error("snooze until a time ahead")]
    SnoozeInPast,
    /// An interaction typed in without its author.
    #[error("say who wrote it: the author's handle is empty")]
    AuthorEmpty,
    /// An interaction typed in without text.
    #[error("the message has no text")]
    InteractionEmpty,
    /// A reply with nothing in it.
    #[error("the reply has no text")]
    ReplyEmpty,
    /// A network Majlis cannot answer on by itself.
    #[error("Majlis cannot answer on {0}: answer there, then mark it replied")]
    CannotReplyOn(String),
    /// A name that is no interaction status, kind or source.
    #[error("\"{given}\" is not {what}: use {known}")]
    UnknownName {
        /// What was given.
        given: String,
        /// What it should have been ("a status").
        what: &'static str,
        /// The names there are.
        known: &'static str,
    },
    /// No template has this id.
    #[error("there is no template with id {0}")]
    TemplateNotFound(i64),
    /// A template without a title.
    #[error("the template has no title")]
    TemplateTitleEmpty,
    /// A template without text.
    #[error("the template has no text: write it in at least one language")]
    TemplateWithoutText,
    /// Two variants of one template in the same language.
    #[error("the template has two texts in \"{0}\": keep one")]
    TemplateLanguageTwice(String),
    /// A template body that cannot be read.
    #[error("the {language} text cannot be used: {problem} (at character {position})")]
    InvalidTemplate {
        /// The variant's language.
        language: String,
        /// Where, in characters.
        position: u32,
        /// What is wrong.
        problem: crate::templates::body::BodyProblem,
    },
    /// A shortcut that is not one word.
    #[error("\"{0}\" is not a shortcut: use ; and one word, for example ;ship")]
    InvalidShortcut(String),
    /// Another template has this shortcut.
    #[error("another template already has the shortcut {0}")]
    ShortcutTaken(String),
    /// A file that is not templates as Majlis exports them.
    #[error("this is not a file of templates: {0}")]
    TemplatesFile(String),
    /// No UGC item has this id.
    #[error("there is no UGC item with id {0}")]
    UgcNotFound(i64),
    /// A period that ends before it starts.
    #[error("the period ends ({to}) before it starts ({from})")]
    InvalidPeriod {
        /// Its first day.
        from: String,
        /// Its last day.
        to: String,
    },
    /// A period longer than insights cover.
    #[error("the period from {from} to {to} is longer than ten years: check the years")]
    PeriodTooLong {
        /// Its first day.
        from: String,
        /// Its last day.
        to: String,
    },
    /// A category's target share that cannot be.
    #[error(
        "a target share is whole percent from 0 to 100, with \"at least\" no more than \"at most\" (got at least {at_least:?}, at most {at_most:?})"
    )]
    InvalidTarget {
        /// Its "at least".
        at_least: Option<u8>,
        /// Its "at most".
        at_most: Option<u8>,
    },
    /// No insights table has this name.
    #[error("there is no table \"{name}\" (there are: {known})")]
    NoSuchTable {
        /// The name asked for.
        name: String,
        /// The tables there are, comma-separated.
        known: String,
    },
    /// The brand has no category with this id.
    #[error("the brand has no category with id {0}")]
    CategoryNotFound(i64),
    /// The board has this post already.
    #[error("the brand's board has this post already")]
    UgcAlreadyOnBoard,
    /// A UGC item needs to say whose it is.
    #[error("say who made it: give the creator's handle")]
    CreatorMissing,
    /// Not a web address.
    #[error("\"{0}\" is not a web address (http:// or https://)")]
    InvalidLink(String),
    /// A rating outside 0 to 5.
    #[error("a rating is 0 to 5 stars, not {0}")]
    InvalidRating(u8),
    /// A change of rights the state machine does not allow.
    #[error("an item whose rights are {from} cannot become {to}")]
    RightsCannotMove {
        /// Its state.
        from: &'static str,
        /// The state asked for.
        to: &'static str,
    },
    /// A manual grant without the note that proves it.
    #[error(
        "say how the creator gave permission (e.g. \"by email on 3 March\"): it is the evidence"
    )]
    GrantNoteMissing,
    /// Majlis cannot ask for rights here.
    #[error(
        "Majlis cannot ask for permission on {0}: ask the creator there, then record their answer"
    )]
    CannotAskOn(String),
    /// A rights request template with a blank Majlis cannot fill.
    #[error(
        "the rights request template \"{title}\" has a blank {{{blank}}} that Majlis cannot fill: use {{hashtag}}, {{word}} or {{terms}}, or fill it in the template"
    )]
    RequestTemplateBlank {
        /// The template's title.
        title: String,
        /// The blank.
        blank: String,
    },
    /// A post would use an item whose rights are not granted.
    #[error(
        "@{creator} has not given permission (the item is {state}): ask them first, or record their permission"
    )]
    UgcNotCleared {
        /// The creator's handle.
        creator: String,
        /// The item's state.
        state: &'static str,
    },
    /// A post would go out after the permission ends.
    #[error("@{creator}'s permission ends on {ends}, before this post goes out")]
    UgcGrantEnds {
        /// The creator's handle.
        creator: String,
        /// The day it ends.
        ends: String,
    },
    /// Terms a creator could not answer, or that credit nobody.
    #[error("the terms cannot be used: {0}")]
    InvalidTerms(crate::ugc::terms::TermsProblem),
    /// A saved search that cannot run.
    #[error("the search cannot be saved: {0}")]
    InvalidSearch(crate::ugc::searches::SearchProblem),
    /// A brand voice value that cannot be used.
    #[error("the brand voice cannot be used: {0}")]
    InvalidVoice(String),
    /// SQLite refused or failed.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The schema could not be brought up to date.
    #[error("database upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A stored value could not be read back.
    #[error("stored setting {key} is unreadable: {source}")]
    Setting {
        /// The setting's key.
        key: &'static str,
        /// What was wrong with it.
        source: serde_json::Error,
    },
}

impl Error {
    /// A stable code for this kind of error, for the UI to branch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NameEmpty(Named::Brand) => "brand_name_empty",
            Error::NameTooLong(Named::Brand, _) => "brand_name_too_long",
            Error::NameTaken(Named::Brand, _) => "brand_name_taken",
            Error::NameEmpty(Named::Channel) => "channel_name_empty",
            Error::NameTooLong(Named::Channel, _) => "channel_name_too_long",
            Error::NameTaken(Named::Channel, _) => "channel_name_taken",
            Error::BrandNotFound(_) | Error::NoSuchBrand(_) => "brand_not_found",
            Error::NoSuchChannel(_) => "channel_not_found",
            Error::NoSuchCategory { .. } => "category_not_found",
            Error::ChannelNotFound(_) => "channel_not_found",
            Error::PostNotFound(_) => "post_not_found",
            Error::InvalidLocalTime(_) => "invalid_local_time",
            Error::InvalidDate(_) => "invalid_date",
            Error::InvalidSlot => "invalid_slot",
            Error::NoSlots => "no_slots",
            Error::QueueFull => "queue_full",
            Error::PostAlreadyOut(_) => "post_already_out",
            Error::ChangedSince => "changed_since",
            Error::ApprovalsChanged { .. } => "approvals_changed",
            Error::PostBeingSent(_) => "post_being_sent",
            Error::UnknownCsvFormat(_) => "unknown_csv_format",
            Error::UnknownDateOrder(_) => "unknown_date_order",
            Error::Csv(_) => "csv",
            Error::Export(_) => "export_failed",
            Error::UnsupportedMedia(_) => "unsupported_media",
            Error::MediaTooLarge { .. } => "media_too_large",
            Error::Media(_) => "media_failed",
            Error::NoSuchMedia(_) => "no_such_media",
            Error::AltTooLong { .. } => "alt_too_long",
            Error::TooManyMedia { .. } => "too_many_media",
            Error::ImportRejected(_) => "import_rejected",
            Error::PostNotInReview(_) => "post_not_in_review",
            Error::InvalidRepeat { .. } => "invalid_repeat",
            Error::PostNotASeries(_) => "post_not_a_series",
            Error::NoSuchOccurrence(_) => "no_such_occurrence",
            Error::InvalidService(_) => "invalid_service",
            Error::HoldLateTooShort(_) => "hold_late_too_short",
            Error::NoSuchDelivery(_) => "no_such_delivery",
            Error::PostNotHeld(_) => "post_not_held",
            Error::PostBodyEmpty => "post_body_empty",
            Error::PostTimeMissing => "post_time_missing",
            Error::PostTimeInPast { .. } => "post_time_in_past",
            Error::PostChannelsMissing => "post_channels_missing",
            Error::PostTooLong { .. } => "post_too_long",
            Error::UnknownTimeZone(_) => "unknown_time_zone",
            Error::SkippedLocalTime { .. } => "skipped_local_time",
            Error::InvalidColor(_) => "invalid_color",
            Error::InvalidLocale(_) => "invalid_locale",
            Error::UnknownChannelKind(_) => "unknown_channel_kind",
            Error::DataDir { .. } => "data_dir",
            Error::InteractionNotFound(_) => "interaction_not_found",
            Error::InvalidPolicy(problem) => problem.code(),
            Error::InvalidRule { .. } => "invalid_rule",
            Error::SnoozeNeedsTime => "snooze_needs_time",
            Error::SnoozeInPast => "snooze_in_past",
            Error::ReplyEmpty => "reply_empty",
            Error::AuthorEmpty => "author_empty",
            Error::InteractionEmpty => "interaction_empty",
            Error::CannotReplyOn(_) => "cannot_reply_on",
            Error::UnknownName { .. } => "unknown_name",
            Error::TemplateNotFound(_) => "template_not_found",
            Error::TemplateTitleEmpty => "template_title_empty",
            Error::TemplateWithoutText => "template_without_text",
            Error::TemplateLanguageTwice(_) => "template_language_twice",
            Error::InvalidTemplate { .. } => "invalid_template",
            Error::InvalidShortcut(_) => "invalid_shortcut",
            Error::ShortcutTaken(_) => "shortcut_taken",
            Error::InvalidVoice(_) => "invalid_voice",
            Error::TemplatesFile(_) => "templates_file",
            Error::UgcNotFound(_) => "ugc_not_found",
            Error::CreatorMissing => "creator_missing",
            Error::UgcAlreadyOnBoard => "ugc_already_on_board",
            Error::InvalidPeriod { .. } => "invalid_period",
            Error::InvalidTarget { .. } => "invalid_target",
            Error::PeriodTooLong { .. } => "period_too_long",
            Error::NoSuchTable { .. } => "no_such_table",
            Error::CategoryNotFound(_) => "category_not_found",
            Error::InvalidLink(_) => "invalid_link",
            Error::InvalidRating(_) => "invalid_rating",
            Error::RightsCannotMove { .. } => "rights_cannot_move",
            Error::GrantNoteMissing => "grant_note_missing",
            Error::CannotAskOn(_) => "cannot_ask_on",
            Error::RequestTemplateBlank { .. } => "request_template_blank",
            Error::UgcNotCleared { .. } => "ugc_not_cleared",
            Error::UgcGrantEnds { .. } => "ugc_grant_ends",
            Error::InvalidTerms(problem) => problem.code(),
            Error::InvalidSearch(problem) => problem.code(),
            Error::Database(_) | Error::Migration(_) | Error::Setting { .. } => "storage",
        }
    }
}
