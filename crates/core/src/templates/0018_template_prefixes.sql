-- The reply box's picker searches at every key typed after ";", so the first letters of
-- a word are its commonest queries, and the dearest: FTS5 gathers every word they begin
-- into a list of their own for each read. Prefix indexes of one to three letters keep
-- those lists ready. The vocabulary reads the index by name, so it is made again.
DROP TABLE template_terms;
CREATE VIRTUAL TABLE templates_fts_prefixed USING fts5 (
    title, body, shortcut, tokenize = 'unicode61', prefix = '1 2 3'
);
INSERT INTO templates_fts_prefixed (rowid, title, body, shortcut)
    SELECT rowid, title, body, shortcut FROM templates_fts;
DROP TABLE templates_fts;
ALTER TABLE templates_fts_prefixed RENAME TO templates_fts;
CREATE VIRTUAL TABLE template_terms USING fts5vocab (templates_fts, instance);
