-- A template is found by its words and its blanks' fallbacks, no longer by the names
-- between its braces ({author_name} is in most templates and says nothing). The search
-- rows written before are rebuilt by this migration's hook (templates::reindex_all),
-- which reads each body as the app does; there is nothing to change in the schema.
SELECT 1;
