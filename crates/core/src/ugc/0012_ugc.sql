-- User-generated content: followers' posts a brand would like to share, each with the
-- state of its rights (the creator's permission) and the evidence for it.

-- Saved searches the engine runs against the networks that can search (hashtags,
-- mentions, keywords), adding what they find to the brand's board.
CREATE TABLE ugc_searches (
    id          INTEGER PRIMARY KEY,
    brand_id    INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('hashtag', 'mention', 'keyword')),
    query       TEXT    NOT NULL,      -- without its # or @
    created_at  INTEGER NOT NULL,
    last_run_at INTEGER,
    UNIQUE (brand_id, kind, query)
) STRICT;

-- Where each search got to on each channel, so a run asks only for what is new.
CREATE TABLE ugc_search_cursors (
    search_id  INTEGER NOT NULL REFERENCES ugc_searches (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    cursor     TEXT    NOT NULL,
    PRIMARY KEY (search_id, channel_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE ugc_items (
    id                INTEGER PRIMARY KEY,
    brand_id          INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    origin            TEXT    NOT NULL CHECK (origin IN ('inbox', 'search', 'manual')),
    interaction_id    INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    search_id         INTEGER REFERENCES ugc_searches (id) ON DELETE SET NULL,
    channel_id        INTEGER REFERENCES channels (id) ON DELETE SET NULL,  -- the account that can ask
    network           TEXT    NOT NULL,  -- a channel kind, or 'web'
    remote_id         TEXT,              -- the creator's post on the network (an at:// URI)
    url               TEXT,              -- where people see it
    creator_handle    TEXT    NOT NULL,
    creator_name      TEXT,
    creator_url       TEXT,
    text              TEXT    NOT NULL DEFAULT '',
    language          TEXT,
    posted_at         INTEGER,
    rating            INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    notes             TEXT    NOT NULL DEFAULT '',
    state             TEXT    NOT NULL CHECK (state IN ('found', 'requested', 'granted', 'used',
                                                        'declined', 'expired', 'revoked')),
    -- The grant: what it allows (a JSON array of scopes), until when, how it was given.
    scope             TEXT    CHECK (scope IS NULL OR json_valid(scope)),
    granted_at        INTEGER,
    grant_expires_at  INTEGER,
    grant_manual      INTEGER CHECK (grant_manual IN (0, 1)),
    -- The rights request: a reply to the creator's post. Its key (a TID) is kept across
    -- tries so the request never lands twice.
    request_key       TEXT    UNIQUE,
    request_text      TEXT,
    request_remote_id TEXT,
    request_url       TEXT,
    request_error     TEXT,
    requested_at      INTEGER,
    found_at          INTEGER NOT NULL,
    CHECK (state NOT IN ('granted', 'used') OR granted_at IS NOT NULL)
) STRICT;
-- The same post is on a brand's board once, however it was found.
CREATE UNIQUE INDEX ugc_items_by_remote ON ugc_items (brand_id, network, remote_id)
    WHERE remote_id IS NOT NULL;
CREATE UNIQUE INDEX ugc_items_by_url ON ugc_items (brand_id, url) WHERE url IS NOT NULL;
CREATE INDEX ugc_items_by_state ON ugc_items (brand_id, state, found_at);
-- The creator's answer to a request arrives as a reply to it.
CREATE INDEX ugc_items_by_request ON ugc_items (request_remote_id)
    WHERE request_remote_id IS NOT NULL;
-- What the engine expires each minute: requests nobody answered (each brand waits its
-- own number of days), grants that ran out.
CREATE INDEX ugc_requests_waiting ON ugc_items (brand_id, requested_at)
    WHERE state = 'requested';
CREATE INDEX ugc_grants_ending ON ugc_items (grant_expires_at)
    WHERE state IN ('granted', 'used') AND grant_expires_at IS NOT NULL;

-- The item's pictures, re-encoded by Majlis (never shown from the network), with the
-- address they came from.
CREATE TABLE ugc_media (
    item_id      INTEGER NOT NULL REFERENCES ugc_items (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    file         TEXT    NOT NULL,
    alt          TEXT    NOT NULL DEFAULT '',
    thumbnail    TEXT,
    original_url TEXT,
    PRIMARY KEY (item_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE ugc_tags (
    item_id INTEGER NOT NULL REFERENCES ugc_items (id) ON DELETE CASCADE,
    tag     TEXT    NOT NULL,
    PRIMARY KEY (item_id, tag)
) STRICT, WITHOUT ROWID;

-- The evidence trail: every change of rights, with what proves it.
CREATE TABLE ugc_events (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES ugc_items (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    state   TEXT    NOT NULL,  -- the state it led to
    what    TEXT    NOT NULL CHECK (what IN ('found', 'request_sent', 'request_failed', 'answer',
                                             'manual', 'expired', 'used', 'post_held')),
    text    TEXT,              -- the creator's words, the request, or the person's note
    url     TEXT               -- where the evidence is on the network
) STRICT;
CREATE INDEX ugc_events_by_item ON ugc_events (item_id, id);

-- Which posts use which items (a grant that ends holds the posts not yet out).
CREATE TABLE post_ugc (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES ugc_items (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX post_ugc_by_item ON post_ugc (item_id);

-- Per brand: the terms of its requests (JSON read by ugc::terms; absent: defaults).
CREATE TABLE ugc_settings (
    brand_id INTEGER PRIMARY KEY REFERENCES brands (id) ON DELETE CASCADE,
    terms    TEXT NOT NULL CHECK (json_valid(terms))
) STRICT;

-- A creator's answer is found by the post it replies to.
CREATE INDEX interactions_by_parent ON interactions (parent_remote_id)
    WHERE parent_remote_id IS NOT NULL;
