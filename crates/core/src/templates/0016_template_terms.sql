-- The words in the templates' search index, one row per occurrence (term, template,
-- column, offset), read lazily in term order: search asks it whether a typed word begins
-- exactly one word of the library, to ask FTS5 for that word instead of the prefix.
CREATE VIRTUAL TABLE template_terms USING fts5vocab (templates_fts, instance);
