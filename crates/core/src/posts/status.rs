//! The life of a post and of each of its deliveries.

use serde::{Deserialize, Serialize};

use crate::sql_name::sql_as_name;

/// Where a post is in its life: `draft → in_review → approved → scheduled →
/// published | partly_published | failed`, or `cancelled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    /// Being written; never published.
    Draft,
    /// Waiting for approval; never published.
    InReview,
    /// Approved, not yet on the schedule.
    Approved,
    /// On the schedule: the publisher will send it at its time.
    Scheduled,
    /// Every delivery went out.
    Published,
    /// Some deliveries went out, some failed.
    PartlyPublished,
    /// No delivery went out.
    Failed,
    /// Called off.
    Cancelled,
}

impl PostStatus {
    /// Whether it has gone out (or tried to): its text, time and channels are history.
    pub fn is_out(self) -> bool {
        matches!(self, Self::Published | Self::PartlyPublished | Self::Failed)
    }
}

/// Where one post is on one channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for the post's time (or its approval).
    Pending,
    /// Claimed by the publisher, on its way.
    Publishing,
    /// The person was reminded to post it by hand, and has not said it is done.
    Reminded,
    /// On the network.
    Published,
    /// The network refused it, or retries ran out.
    Failed,
    /// Called off with its post.
    Cancelled,
}

sql_as_name!(PostStatus {
    Draft => "draft",
    InReview => "in_review",
    Approved => "approved",
    Scheduled => "scheduled",
    Published => "published",
    PartlyPublished => "partly_published",
    Failed => "failed",
    Cancelled => "cancelled",
});

sql_as_name!(DeliveryStatus {
    Pending => "pending",
    Publishing => "publishing",
    Reminded => "reminded",
    Published => "published",
    Failed => "failed",
    Cancelled => "cancelled",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_match_the_json_names() {
        for status in [
            PostStatus::Draft,
            PostStatus::InReview,
            PostStatus::PartlyPublished,
            PostStatus::Cancelled,
        ] {
            assert_eq!(serde_json::to_value(status).expect("json"), status.as_str());
        }
        for status in [
            DeliveryStatus::Pending,
            DeliveryStatus::Publishing,
            DeliveryStatus::Failed,
        ] {
            assert_eq!(serde_json::to_value(status).expect("json"), status.as_str());
        }
    }
}
