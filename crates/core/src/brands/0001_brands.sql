-- A brand is a workspace: one business, or one client of an agency.
CREATE TABLE brands (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    -- Uniqueness ignores case in every script, which NOCASE (ASCII only) cannot do.
    name_key   TEXT    NOT NULL UNIQUE,
    time_zone  TEXT    NOT NULL,  -- IANA name
    locale     TEXT    NOT NULL,  -- BCP 47 tag
    color      TEXT    NOT NULL,  -- #rrggbb
    created_at INTEGER NOT NULL,  -- unix seconds, UTC
    updated_at INTEGER NOT NULL
) STRICT;
