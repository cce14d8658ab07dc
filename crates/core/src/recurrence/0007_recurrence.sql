-- A post can repeat: `repeat` is an RFC 5545 RRULE value (FREQ=WEEKLY;BYDAY=FR;COUNT=8)
-- expanded from the post's `at` in its zone; `skipped` lists the local times
-- (YYYY-MM-DDTHH:MM:SS) of occurrences that were moved out as posts of their own.
ALTER TABLE posts ADD COLUMN repeat TEXT;
ALTER TABLE posts ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skipped));
CREATE INDEX posts_series_by_brand ON posts (brand_id, at) WHERE repeat IS NOT NULL;
