-- A step of the evidence trail keeps each kind of proof in a column of its own: the
-- words (the creator's answer, the request, the person's note), why a request did not go
-- out (in each language), or the post that took the item or was held for it. That post
-- may be deleted (a series date taken back by Undo): the step then names none, rather
-- than a post given its number later. Until now the three shared `text`, the post
-- written "post N".
CREATE TABLE ugc_steps (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES ugc_items (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    state   TEXT    NOT NULL,  -- the state it led to
    what    TEXT    NOT NULL CHECK (what IN ('found', 'request_sent', 'request_failed', 'answer',
                                             'manual', 'expired', 'used', 'post_held')),
    text    TEXT    CHECK (text IS NULL OR what IN ('request_sent', 'answer', 'manual')),
    why     TEXT    CHECK (why IS NULL OR (what = 'request_failed' AND json_valid(why))),
    post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL
                    CHECK (post_id IS NULL OR what IN ('used', 'post_held')),
    url     TEXT               -- where the evidence is on the network
) STRICT;

INSERT INTO ugc_steps (id, item_id, at, state, what, text, why, post_id, url)
SELECT e.id, e.item_id, e.at, e.state, e.what,
       CASE WHEN e.what IN ('request_sent', 'answer', 'manual') THEN e.text END,
       CASE WHEN e.what = 'request_failed' AND json_valid(e.text) THEN e.text END,
       CASE WHEN e.what IN ('used', 'post_held') AND e.text LIKE 'post %'
            THEN (SELECT p.id FROM posts p WHERE p.id = CAST(substr(e.text, 6) AS INTEGER)) END,
       e.url
FROM ugc_events e;

DROP TABLE ugc_events;
ALTER TABLE ugc_steps RENAME TO ugc_events;
CREATE INDEX ugc_events_by_item ON ugc_events (item_id, id);
