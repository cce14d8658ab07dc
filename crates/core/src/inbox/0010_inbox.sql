-- The inbox. An interaction is one thing someone said to or about a brand: a reply to
-- its post, a mention, a direct message, a review, or one typed in by hand. Each has a
-- deadline for its answer, set by the brand's reply policy when it arrives.
CREATE TABLE interactions (
    id                INTEGER PRIMARY KEY,
    brand_id          INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    channel_id        INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    remote_id         TEXT,              -- the network's id (a Bluesky at:// URI); NULL when typed in
    url               TEXT,              -- where people see it
    source            TEXT    NOT NULL CHECK (source IN ('reply', 'mention', 'quote', 'message',
                                                         'review', 'manual')),
    author_handle     TEXT    NOT NULL,
    author_name       TEXT,
    author_avatar     TEXT,
    text              TEXT    NOT NULL,
    language          TEXT,
    received_at       INTEGER NOT NULL,
    parent_remote_id  TEXT,              -- the post it answers, on the network
    parent_text       TEXT,              -- that post's text, for context
    post_id           INTEGER REFERENCES posts (id) ON DELETE SET NULL,  -- when that post is ours
    status            TEXT    NOT NULL CHECK (status IN ('new', 'open', 'replied', 'closed',
                                                         'snoozed', 'spam')),
    snoozed_until     INTEGER,
    assignee          TEXT,
    kind              TEXT    NOT NULL CHECK (kind IN ('question', 'complaint', 'praise', 'feedback',
                                                       'ugc', 'spam', 'other')),
    priority          TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    deadline          INTEGER,           -- NULL: no answer is expected (spam)
    first_response_at INTEGER,
    alerted           INTEGER NOT NULL DEFAULT 0 CHECK (alerted IN (0, 1, 2)),  -- overdue told: 1, escalated: 2
    created_at        INTEGER NOT NULL,
    CHECK (status <> 'snoozed' OR snoozed_until IS NOT NULL)
) STRICT;
-- A network item comes in once per channel, however often it is polled.
CREATE UNIQUE INDEX interactions_by_remote ON interactions (channel_id, remote_id)
    WHERE remote_id IS NOT NULL;
-- The inbox's default order: what waits for an answer, soonest deadline first and
-- those without one last (the expression is the one inbox::list orders by).
CREATE INDEX interactions_waiting
    ON interactions (brand_id, coalesce(deadline, 9223372036854775807), id)
    WHERE status IN ('new', 'open');
-- Every other list: a brand's interactions, newest first.
CREATE INDEX interactions_by_brand ON interactions (brand_id, received_at, id);
-- The watcher's questions: the next deadline, the next escalation, the next snooze to end.
CREATE INDEX interactions_to_alert ON interactions (brand_id, alerted, deadline)
    WHERE status IN ('new', 'open') AND deadline IS NOT NULL;
CREATE INDEX interactions_snoozed ON interactions (snoozed_until) WHERE status = 'snoozed';

CREATE TABLE interaction_tags (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    tag            TEXT    NOT NULL,
    PRIMARY KEY (interaction_id, tag)
) STRICT, WITHOUT ROWID;

-- An answer sent from Majlis. Its key (a TID) is kept across tries, so a reply sent
-- again after a failure cannot land twice where the network keeps keys (Bluesky).
CREATE TABLE replies (
    id             INTEGER PRIMARY KEY,
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    text           TEXT    NOT NULL,
    key            TEXT    NOT NULL UNIQUE,
    status         TEXT    NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    remote_id      TEXT,
    remote_url     TEXT,
    error          TEXT,
    created_at     INTEGER NOT NULL,
    sent_at        INTEGER
) STRICT;
CREATE INDEX replies_by_interaction ON replies (interaction_id);

-- Whether an interaction answers one of the brand's own posts.
CREATE INDEX deliveries_by_remote ON deliveries (remote_id) WHERE remote_id IS NOT NULL;

-- Where each channel's poller got to (a cursor or the last id seen), so it asks the
-- network only for what is new.
CREATE TABLE inbox_cursors (
    channel_id INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    cursor     TEXT    NOT NULL,
    polled_at  INTEGER NOT NULL
) STRICT;

-- Per brand: its triage rules and reply policy (JSON, read by inbox::triage and
-- inbox::policy; absent means the defaults), and the overdue notifications' state.
CREATE TABLE inbox_settings (
    brand_id       INTEGER PRIMARY KEY REFERENCES brands (id) ON DELETE CASCADE,
    rules          TEXT CHECK (rules IS NULL OR json_valid(rules)),
    policy         TEXT CHECK (policy IS NULL OR json_valid(policy)),
    last_alert_at  INTEGER,
    snoozed_until  INTEGER
) STRICT;
