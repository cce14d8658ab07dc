-- Why something did not go out is kept in each language of the window (`Worded`), so
-- it is read in the reader's. What was recorded before reads the same in both.
UPDATE deliveries SET last_error = json_object('en', last_error, 'ar', last_error)
    WHERE last_error IS NOT NULL;
UPDATE replies SET error = json_object('en', error, 'ar', error)
    WHERE error IS NOT NULL;
UPDATE ugc_items SET request_error = json_object('en', request_error, 'ar', request_error)
    WHERE request_error IS NOT NULL;
UPDATE ugc_events SET text = json_object('en', text, 'ar', text)
    WHERE what = 'request_failed' AND text IS NOT NULL;
