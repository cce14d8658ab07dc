-- A step of the evidence trail keeps each kind of proof in a column of its own: the
-- words (the creator's answer, the request, the person's note), why a request did not go
-- out (in each language), or the post that took the item or was held for it, by the
-- post's key: a step names that post or, once it is deleted, none, never another given
-- its number later. Until now the three shared `text`, the post written "post N".
CREATE TABLE ugc_steps (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES ugc_items (id) ON DELETE CASCADE,
    at      INTEGER NOT NULL,
    state   TEXT    NOT NULL,  -- the state it led to
    what    TEXT    NOT NULL CHECK (what IN ('found', 'request_sent', 'request_failed', 'answer',
                                             'manual', 'expired', 'used', 'post_held')),
    text    TEXT    CHECK (text IS NULL OR what IN ('request_sent', 'answer', 'manual')),
    why     TEXT    CHECK (why IS NULL OR (what = 'request_failed'
                                           AND CASE WHEN json_valid(why) THEN json_type(why) END = 'object')),
    post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL
                    CHECK (post_id IS NULL OR what IN ('used', 'post_held')),
    url     TEXT               -- where the evidence is on the network
) STRICT;

-- A step said "post N" of the post N there was then: one made after the step only has
-- its number.
INSERT INTO ugc_steps (id, item_id, at, state, what, text, why, post_id, url)
SELECT e.id, e.item_id, e.at, e.state, e.what,
       CASE WHEN e.what IN ('request_sent', 'answer', 'manual') THEN e.text END,
       CASE WHEN e.what = 'request_failed' AND json_valid(e.text)
            THEN CASE WHEN json_type(e.text) = 'object' THEN e.text END END,
       CASE WHEN e.what IN ('used', 'post_held') AND e.text LIKE 'post %'
            THEN (SELECT p.id FROM posts p
                  WHERE p.id = CAST(substr(e.text, 6) AS INTEGER) AND p.created_at <= e.at) END,
       e.url
FROM ugc_events e
WHERE e.item_id IN (SELECT id FROM ugc_items);

DROP TABLE ugc_events;
ALTER TABLE ugc_steps RENAME TO ugc_events;
CREATE INDEX ugc_events_by_item ON ugc_events (item_id, id);
-- What a deleted post leaves empty is found without reading every trail.
CREATE INDEX ugc_events_by_post ON ugc_events (post_id) WHERE post_id IS NOT NULL;
