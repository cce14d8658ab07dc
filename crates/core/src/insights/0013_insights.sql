-- Each interaction's terms (normalized words without stop-words, stemmed, space-joined;
-- see insights::topics::terms), written when it arrives, so topics over a year count
-- rather than read every text again. NULL for interactions from before: read then.
ALTER TABLE interactions ADD COLUMN terms TEXT;
