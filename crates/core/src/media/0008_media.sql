-- Pictures that go with a post, in order, each with its alt text. The file itself lives
-- in the data directory under media/, named by its content (so a picture used twice is
-- stored once); `file` is that path relative to the data directory.
CREATE TABLE media (
    id        INTEGER PRIMARY KEY,
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    file      TEXT    NOT NULL,
    alt       TEXT    NOT NULL DEFAULT '',
    thumbnail TEXT,               -- a small data: URL made when it was added, for lists
    UNIQUE (post_id, position)
) STRICT;
