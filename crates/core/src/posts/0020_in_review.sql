-- Posts waiting for approval, by brand and time: the calendar's "waiting for your
-- approval" reads them on every look, and a brand may hold 100k posts.
CREATE INDEX posts_in_review ON posts (brand_id, at) WHERE status = 'in_review';
