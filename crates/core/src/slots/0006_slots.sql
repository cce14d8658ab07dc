-- A brand's posting schedule (its queue): weekly wall-clock times in the brand's zone.
CREATE TABLE slots (
    id       INTEGER PRIMARY KEY,
    brand_id INTEGER NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),   -- 0 = Monday
    minute   INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439), -- minutes after local midnight
    UNIQUE (brand_id, weekday, minute)
) STRICT;
