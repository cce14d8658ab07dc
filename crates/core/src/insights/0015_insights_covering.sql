-- Insights over a year read a brand's interactions by time from indexes that hold every
-- column they need, instead of looking up each row in the table (a year's figures read
-- 200k rows): responsiveness its times, channel, kind and status; topics the terms of
-- complaints, questions and feedback, newest first (the same condition as its query,
-- so only those are kept). Texts are read from the table only where terms are missing.
CREATE INDEX interactions_answering
    ON interactions (brand_id, received_at, status, kind, channel_id, deadline, first_response_at);
CREATE INDEX interactions_voiced
    ON interactions (brand_id, received_at, id, kind, terms)
    WHERE kind IN ('complaint', 'question', 'feedback');
