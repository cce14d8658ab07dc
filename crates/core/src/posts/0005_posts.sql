-- A post is one message for a brand; it goes out as one delivery per target channel.
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    brand_id    INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    body        TEXT    NOT NULL,
    link        TEXT,
    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'in_review', 'approved', 'scheduled',
                                                   'published', 'partly_published', 'failed', 'cancelled')),
    at          INTEGER,            -- planned instant, UTC unix seconds; NULL for an undated draft
    zone        TEXT    NOT NULL,   -- the IANA zone it was planned in
    notes       TEXT    NOT NULL DEFAULT '',
    approved_by TEXT,
    approved_at INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (at IS NOT NULL OR status IN ('draft', 'cancelled'))
) STRICT;
-- The calendar asks for a brand's posts in a time window.
CREATE INDEX posts_by_brand_and_time ON posts (brand_id, at);

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    channel_id   INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    text         TEXT,              -- the channel's own variant; NULL means the post's body
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'publishing', 'published', 'failed', 'cancelled')),
    remote_id    TEXT,
    remote_url   TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    published_at INTEGER,
    UNIQUE (post_id, channel_id)
) STRICT;
CREATE INDEX deliveries_by_channel ON deliveries (channel_id);
