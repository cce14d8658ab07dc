-- Topics leave out what the person marked as spam (its kind stays what triage read):
-- the covering index for topics holds the same condition as its query.
DROP INDEX interactions_voiced;
CREATE INDEX interactions_voiced
    ON interactions (brand_id, received_at, id, kind, terms)
    WHERE kind IN ('complaint', 'question', 'feedback') AND status <> 'spam';
