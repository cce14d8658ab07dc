-- App-wide settings as JSON values under stable keys (see settings/mod.rs for the keys).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT, WITHOUT ROWID;
