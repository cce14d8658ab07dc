-- Publishing. A delivery is claimed before it is sent ('publishing', with the attempt's
-- id, so that only that attempt can record its outcome); a transient failure puts it
-- back as 'pending' with a time to try again; a reminder channel's delivery waits as
-- 'reminded' until the person marks it posted. The table is rebuilt to widen its
-- CHECK (SQLite cannot alter one); nothing references it.
CREATE TABLE deliveries_new (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    channel_id   INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    text         TEXT,              -- the channel's own variant; NULL means the post's body
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'publishing', 'reminded', 'published',
                                                    'failed', 'cancelled')),
    remote_id    TEXT,
    remote_url   TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    published_at INTEGER,
    key          TEXT    UNIQUE,    -- idempotency key, set at the first claim and kept (a TID)
    attempt_id   TEXT,              -- the claim of the attempt under way ('publishing')
    retry_at     INTEGER,           -- a pending delivery's next try after a transient failure
    UNIQUE (post_id, channel_id)
) STRICT;
INSERT INTO deliveries_new (id, post_id, channel_id, text, status, remote_id, remote_url,
                            attempts, last_error, published_at)
SELECT id, post_id, channel_id, text, status, remote_id, remote_url, attempts, last_error,
       published_at
FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_by_channel ON deliveries (channel_id);
-- The publisher's questions: what is under way, what waits for a retry.
CREATE INDEX deliveries_in_flight ON deliveries (status) WHERE status IN ('publishing', 'reminded');
CREATE INDEX deliveries_by_retry ON deliveries (retry_at) WHERE retry_at IS NOT NULL;

-- A post whose time passed while Majlis was not running is held for the person to
-- choose (publish now, reschedule, cancel) when it is later than its brand allows.
ALTER TABLE posts ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
-- The publisher's question: which scheduled post comes next.
CREATE INDEX posts_due ON posts (at) WHERE status = 'scheduled' AND held = 0;

-- How late a missed post may still go out by itself, in minutes; NULL: always.
ALTER TABLE brands ADD COLUMN hold_late_after INTEGER DEFAULT 60 CHECK (hold_late_after >= 0);
