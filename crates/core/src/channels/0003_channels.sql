-- A channel is one account of one network for a brand. Secrets never live here: tokens
-- and app passwords belong in the OS keyring.
CREATE TABLE channels (
    id         INTEGER PRIMARY KEY,
    brand_id   INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,  -- see ChannelKind
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    name_key   TEXT    NOT NULL,  -- lower-cased name, unique within the brand
    handle     TEXT,              -- the account's handle, without a leading @
    settings   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),  -- per-network, non-secret
    created_at INTEGER NOT NULL,
    UNIQUE (brand_id, name_key)
) STRICT;
