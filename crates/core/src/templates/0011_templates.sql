-- Reply templates: a brand's (or, with no brand, every brand's), each in one or more
-- languages. Search runs on an FTS5 index of the normalized words (words::normalize),
-- so Arabic with or without diacritics, and English in any case, find each other.
CREATE TABLE templates (
    id           INTEGER PRIMARY KEY,
    brand_id     INTEGER REFERENCES brands (id) ON DELETE CASCADE,  -- NULL: shared by every brand
    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    category     TEXT    NOT NULL DEFAULT '',
    shortcut     TEXT,              -- e.g. ;ship
    usage_count  INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX templates_by_brand ON templates (brand_id);
-- A shortcut names one template among a brand's and the shared ones.
CREATE UNIQUE INDEX templates_by_shortcut ON templates (coalesce(brand_id, 0), shortcut)
    WHERE shortcut IS NOT NULL;

CREATE TABLE template_variants (
    template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    language    TEXT    NOT NULL,   -- ISO 639, e.g. ar
    body        TEXT    NOT NULL,
    PRIMARY KEY (template_id, language)
) STRICT, WITHOUT ROWID;

-- One row per template (rowid = templates.id): its title, every variant's body and its
-- shortcut, normalized; kept up to date by templates::reindex.
CREATE VIRTUAL TABLE templates_fts USING fts5 (title, body, shortcut, tokenize = 'unicode61');
-- "Nothing typed yet": the most used first.
CREATE INDEX templates_by_use ON templates (usage_count DESC, title);

-- Each brand's voice (templates::voice::Voice as JSON; absent: the defaults).
CREATE TABLE voices (
    brand_id INTEGER PRIMARY KEY REFERENCES brands (id) ON DELETE CASCADE,
    voice    TEXT    NOT NULL CHECK (json_valid(voice))
) STRICT;
