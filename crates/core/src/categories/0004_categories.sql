-- Content pillars: what kind of post this is (promotion, question, behind the scenes…).
CREATE TABLE categories (
    id       INTEGER PRIMARY KEY,
    brand_id INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    name_key TEXT    NOT NULL,
    color    TEXT    NOT NULL,  -- #rrggbb
    UNIQUE (brand_id, name_key)
) STRICT;
